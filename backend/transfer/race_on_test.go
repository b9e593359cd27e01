//go:build race

package transfer

// raceBuild: the race detector keeps shadow memory several times the program's own, so a
// peak RSS measured under it says little about the real app.
const raceBuild = true

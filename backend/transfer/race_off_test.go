//go:build !race

package transfer

const raceBuild = false

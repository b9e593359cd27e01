//go:build !windows

package platform

// AttachParentConsole is needed only on Windows, where the binary is a GUI program.
func AttachParentConsole() {}

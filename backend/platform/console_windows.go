//go:build windows

package platform

import (
	"os"
	"syscall"
)

// AttachParentConsole lets the GUI-subsystem binary print when started from cmd.exe or
// PowerShell with a command: without it the CLI's output would vanish. Output already
// redirected to a file or pipe is left alone.
func AttachParentConsole() {
	const attachParentProcess = ^uintptr(0) // ATTACH_PARENT_PROCESS = (DWORD)-1
	attach := syscall.NewLazyDLL("kernel32.dll").NewProc("AttachConsole")
	if r, _, _ := attach.Call(attachParentProcess); r == 0 {
		return
	}
	if out, err := os.OpenFile("CONOUT$", os.O_RDWR, 0); err == nil {
		if !isRedirected(os.Stdout) {
			os.Stdout = out
		}
		if !isRedirected(os.Stderr) {
			os.Stderr = out
		}
	}
	if in, err := os.OpenFile("CONIN$", os.O_RDWR, 0); err == nil && !isRedirected(os.Stdin) {
		os.Stdin = in
	}
}

func isRedirected(f *os.File) bool {
	if f == nil {
		return false
	}
	ft, err := syscall.GetFileType(syscall.Handle(f.Fd()))
	return err == nil && (ft == syscall.FILE_TYPE_DISK || ft == syscall.FILE_TYPE_PIPE)
}

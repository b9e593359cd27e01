//go:build windows

package store

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

const errSharingViolation syscall.Errno = 32 // ERROR_SHARING_VIOLATION

// lockFile opens path with no sharing: while this handle is open no other open succeeds, and
// Windows closes it when the process ends, however it ends, so a crash leaves no stale lock.
func lockFile(path string) (*os.File, error) {
	p, err := syscall.UTF16PtrFromString(path)
	if err != nil {
		return nil, fmt.Errorf("lock file name: %w", err)
	}
	h, err := syscall.CreateFile(p, syscall.GENERIC_READ|syscall.GENERIC_WRITE, 0, nil,
		syscall.OPEN_ALWAYS, syscall.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		if errors.Is(err, errSharingViolation) {
			return nil, errLocked{}
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	f := os.NewFile(uintptr(h), path)
	writeHolder(f)
	return f, nil
}

//go:build linux

package transfer

import (
	"os"

	"golang.org/x/sys/unix"
)

// writeback starts writing [off, off+n) of f to disk without waiting for it
// (sync_file_range SYNC_FILE_RANGE_WRITE). It is no durability guarantee: only fsync is.
func writeback(f *os.File, off, n int64) error {
	rc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var serr error
	if err := rc.Control(func(fd uintptr) {
		serr = unix.SyncFileRange(int(fd), off, n, unix.SYNC_FILE_RANGE_WRITE)
	}); err != nil {
		return err
	}
	return serr
}

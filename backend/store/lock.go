package store

import (
	"os"
	"strconv"
	"strings"
)

// errLocked: another process (or another Open in this one) holds the database.
type errLocked struct{ holder string }

func (e errLocked) Error() string {
	if e.holder != "" {
		return "database is in use by process " + e.holder
	}
	return "database is in use by another process"
}

// writeHolder records this process's PID in the lock file, for the other side's error only:
// the lock itself is the OS's, not the file's content.
func writeHolder(f *os.File) {
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())), 0)
	}
}

func readHolder(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	pid := strings.TrimSpace(string(b))
	if _, err := strconv.Atoi(pid); err != nil {
		return ""
	}
	return pid
}

package platform

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Log file defaults: the current file plus two rotated ones, 5 MiB each.
const (
	LogFileName = "vpack-s3-sync.log"
	LogMaxBytes = 5 << 20
	LogFiles    = 3
)

// SetupLogging opens LogDir()/vpack-s3-sync.log, rotated at LogMaxBytes keeping LogFiles files,
// and installs a JSON slog logger writing to it as slog's default. Close the returned closer
// on exit.
func SetupLogging(level slog.Leveler) (*slog.Logger, io.Closer, error) {
	dir, err := LogDir()
	if err != nil {
		return nil, nil, err
	}
	f, err := OpenRotatingFile(filepath.Join(dir, LogFileName), LogMaxBytes, LogFiles)
	if err != nil {
		return nil, nil, err
	}
	logger := slog.New(NewLogHandler(f, level))
	slog.SetDefault(logger)
	return logger, f, nil
}

// NewLogHandler is the app's JSON handler. As a second line of defence it redacts attributes
// whose key names a secret and strips the query of presigned URLs; callers still never log them.
func NewLogHandler(w io.Writer, level slog.Leveler) slog.Handler {
	return slog.NewJSONHandler(w, &slog.HandlerOptions{Level: level, ReplaceAttr: redact})
}

var secretKeyWords = []string{"secret", "password", "token", "signature", "credential"}

func redact(_ []string, a slog.Attr) slog.Attr {
	key := strings.ToLower(a.Key)
	for _, w := range secretKeyWords {
		if strings.Contains(key, w) {
			return slog.String(a.Key, "[redacted]")
		}
	}
	if a.Value.Kind() == slog.KindString {
		s := a.Value.String()
		if strings.Contains(s, "X-Amz-Signature=") || strings.Contains(s, "X-Amz-Credential=") {
			if i := strings.IndexByte(s, '?'); i >= 0 {
				return slog.String(a.Key, s[:i]+"?[redacted]")
			}
			return slog.String(a.Key, "[redacted]")
		}
	}
	return a
}

// RotatingFile is an io.WriteCloser that starts a new file when the current one would pass
// maxBytes: name → name.1 → name.2 …, keeping `files` files in all. Safe for concurrent use.
type RotatingFile struct {
	mu       sync.Mutex
	path     string
	maxBytes int64
	files    int
	f        *os.File
	size     int64
}

// OpenRotatingFile opens (appending) or creates path. files counts the current file too, so
// files=3 keeps path, path.1 and path.2.
func OpenRotatingFile(path string, maxBytes int64, files int) (*RotatingFile, error) {
	if maxBytes <= 0 || files < 1 {
		return nil, fmt.Errorf("rotating file %s: maxBytes and files must be positive", path)
	}
	r := &RotatingFile{path: path, maxBytes: maxBytes, files: files}
	if err := r.open(); err != nil {
		return nil, err
	}
	return r, nil
}

func (r *RotatingFile) open() error {
	f, err := os.OpenFile(r.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("open log file: %w", err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return fmt.Errorf("stat log file: %w", err)
	}
	r.f, r.size = f, st.Size()
	return nil
}

// Write writes p whole to the current file, rotating first when p would push it past the
// limit (a single write larger than the limit still goes into one fresh file).
func (r *RotatingFile) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.f == nil {
		return 0, os.ErrClosed
	}
	if r.size > 0 && r.size+int64(len(p)) > r.maxBytes {
		if err := r.rotate(); err != nil {
			return 0, err
		}
	}
	n, err := r.f.Write(p)
	r.size += int64(n)
	return n, err
}

// rotate closes the current file before renaming it: Windows cannot rename an open file.
func (r *RotatingFile) rotate() error {
	if err := r.f.Close(); err != nil {
		return fmt.Errorf("close log file: %w", err)
	}
	r.f = nil
	if r.files == 1 {
		if err := os.Remove(r.path); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("rotate log file: %w", err)
		}
		return r.open()
	}
	oldest := fmt.Sprintf("%s.%d", r.path, r.files-1)
	if err := os.Remove(oldest); err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("rotate log file: %w", err)
	}
	for i := r.files - 2; i >= 1; i-- {
		from := fmt.Sprintf("%s.%d", r.path, i)
		if err := os.Rename(from, fmt.Sprintf("%s.%d", r.path, i+1)); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("rotate log file: %w", err)
		}
	}
	if err := os.Rename(r.path, r.path+".1"); err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("rotate log file: %w", err)
	}
	return r.open()
}

// Close closes the current file; later writes fail with os.ErrClosed.
func (r *RotatingFile) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.f == nil {
		return nil
	}
	err := r.f.Close()
	r.f = nil
	return err
}

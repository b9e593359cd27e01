//go:build linux

package dataset

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestWritePosixStoresBytesETagAndModTimeAsTheGatewayDoes(t *testing.T) {
	dir := t.TempDir()
	const n = 25
	if err := WritePosix(dir, "set/", n); err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{0, 12, n - 1} {
		o := SmallObject(i, n)
		path := filepath.Join(dir, filepath.FromSlash(o.Key))
		body, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if string(body) != string(Content("set/", i, o.Size)) {
			t.Errorf("%s: content differs", o.Key)
		}
		etag := make([]byte, 64)
		m, err := syscall.Getxattr(path, etagXattr, etag)
		if err != nil {
			t.Fatalf("%s: %v", o.Key, err)
		}
		if got := string(etag[:m]); got != ETag(body) {
			t.Errorf("%s: etag %s, want %s", o.Key, got, ETag(body))
		}
		info, _ := os.Stat(path)
		if !info.ModTime().Equal(o.Modified) {
			t.Errorf("%s: mtime %v, want %v", o.Key, info.ModTime(), o.Modified)
		}
	}
}

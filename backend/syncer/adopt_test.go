package syncer

import (
	"crypto/md5"
	"encoding/hex"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

func multipartETag(data []byte, partSize int) string {
	var sums []byte
	n := 0
	for i := 0; i < len(data); i += partSize {
		s := md5.Sum(data[i:min(i+partSize, len(data))])
		sums = append(sums, s[:]...)
		n++
	}
	s := md5.Sum(sums)
	return hex.EncodeToString(s[:]) + "-" + strconv.Itoa(n)
}

func TestMatchesObjectRecognisesACompleteFileByItsETag(t *testing.T) {
	data := make([]byte, 11<<20+123)
	for i := range data {
		data[i] = byte(i * 7)
	}
	path := filepath.Join(t.TempDir(), "clip.mp4")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	single := md5.Sum(data)
	cases := []struct {
		name string
		size int64
		etag string
		want bool
	}{
		{"single-part ETag is the MD5", int64(len(data)), hex.EncodeToString(single[:]), true},
		{"quoted ETag", int64(len(data)), `"` + hex.EncodeToString(single[:]) + `"`, true},
		{"multipart with 5 MiB parts", int64(len(data)), multipartETag(data, 5<<20), true},
		{"multipart with 8 MiB parts", int64(len(data)), multipartETag(data, 8<<20), true},
		{"another size is another object", int64(len(data)) - 1, hex.EncodeToString(single[:]), false},
		{"another MD5 is another object", int64(len(data)), "0123456789abcdef0123456789abcdef", false},
		{"no ETag proves nothing", int64(len(data)), "", false},
		{"odd part size is not guessed", int64(len(data)), multipartETag(data, 3<<20+17), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := matchesObject(path, c.size, c.etag); got != c.want {
				t.Fatalf("matchesObject = %v, want %v", got, c.want)
			}
		})
	}
	if matchesObject(filepath.Join(t.TempDir(), "missing.mp4"), 1, "x") {
		t.Fatal("a missing file matched")
	}
}

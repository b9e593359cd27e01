package transfer

import (
	"crypto/md5"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"strings"

	"vpack-s3-sync/backend/apperr"
)

// checks are the digests an object offers to compare against; either may be empty.
type checks struct {
	md5    string // hex, from a single-part ETag
	sha256 string // base64, a full-object x-amz-checksum-sha256
}

func checksFor(etag, checksumSHA256 string) checks {
	var c checks
	if isMD5ETag(etag) {
		c.md5 = strings.ToLower(etag)
	}
	// A multipart upload's composite checksum ends in "-N" and is no digest of the bytes.
	if checksumSHA256 != "" && !strings.Contains(checksumSHA256, "-") {
		c.sha256 = checksumSHA256
	}
	return c
}

func (c checks) any() bool { return c.md5 != "" || c.sha256 != "" }

// isMD5ETag: a single-part upload's ETag is the hex MD5 of the bytes; a multipart one has "-N".
func isMD5ETag(etag string) bool {
	if len(etag) != 32 {
		return false
	}
	_, err := hex.DecodeString(etag)
	return err == nil
}

// digester hashes bytes in order with every digest the object offers.
type digester struct {
	c      checks
	md5    hash.Hash
	sha256 hash.Hash
	w      io.Writer
}

func newDigester(c checks) *digester {
	d := &digester{c: c}
	var ws []io.Writer
	if c.md5 != "" {
		d.md5 = md5.New()
		ws = append(ws, d.md5)
	}
	if c.sha256 != "" {
		d.sha256 = sha256.New()
		ws = append(ws, d.sha256)
	}
	d.w = io.MultiWriter(ws...)
	return d
}

func (d *digester) Write(b []byte) (int, error) { return d.w.Write(b) }

// verify compares the digests with what the object promised.
func (d *digester) verify() error {
	if d.md5 != nil {
		if got := hex.EncodeToString(d.md5.Sum(nil)); got != d.c.md5 {
			return apperr.Wrap(apperr.VerifyFailed, fmt.Errorf("md5 %s, etag says %s", got, d.c.md5)).
				With("check", "md5")
		}
	}
	if d.sha256 != nil {
		if got := base64.StdEncoding.EncodeToString(d.sha256.Sum(nil)); got != d.c.sha256 {
			return apperr.Wrap(apperr.VerifyFailed, fmt.Errorf("sha256 %s, object says %s", got, d.c.sha256)).
				With("check", "sha256")
		}
	}
	return nil
}

// hashFile feeds the first n bytes of f to d, reading from the start with one buffer; the
// bytes were just written, so they are read back from the page cache.
func hashFile(f *os.File, n int64, d *digester) error {
	bp := getBuffer()
	defer putBuffer(bp)
	r := io.NewSectionReader(f, 0, n)
	if _, err := io.CopyBuffer(d, r, *bp); err != nil {
		return fmt.Errorf("read back %s: %w", f.Name(), err)
	}
	return nil
}

// verifySize checks the partial file holds exactly the object's bytes.
func verifySize(f *os.File, want int64) error {
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("stat %s: %w", f.Name(), err)
	}
	if fi.Size() != want {
		return apperr.Wrap(apperr.VerifyFailed, errors.New("size differs")).
			With("check", "size").With("size", fmt.Sprint(fi.Size())).With("expected", fmt.Sprint(want))
	}
	return nil
}

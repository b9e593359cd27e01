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
	"vpack-s3-sync/backend/s3api"
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
// Whether it really is an MD5 depends on the encryption too: see etagIsContentMD5.
func isMD5ETag(etag string) bool {
	if len(etag) != 32 {
		return false
	}
	_, err := hex.DecodeString(etag)
	return err == nil
}

// etagIsContentMD5: a single-part ETag is the MD5 of the bytes for an unencrypted object and
// for SSE-S3 (AES256), but 32 hex digits of something else under SSE-KMS, DSSE-KMS or a
// customer-provided key (SSE-C). Only a GET's or HEAD's answer says which; a listing does not.
// An encryption this code does not know is not trusted: a skipped MD5 check (the size and any
// SHA-256 are still checked) costs less than failing every download of a good object.
func etagIsContentMD5(info s3api.ObjectInfo) bool {
	if info.SSECustomerAlgorithm != "" {
		return false
	}
	switch strings.ToUpper(info.ServerSideEncryption) {
	case "", "AES256":
		return true
	}
	return false
}

// digester hashes bytes in order with every digest the object offers.
type digester struct {
	md5    hash.Hash
	sha256 hash.Hash
	w      io.Writer
}

func newDigester(c checks) *digester {
	d := &digester{}
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

// covers: the digester computed every digest want asks for.
func (d *digester) covers(want checks) bool {
	return (want.md5 == "" || d.md5 != nil) && (want.sha256 == "" || d.sha256 != nil)
}

// verify compares the digests with what want says the object holds; it may ask for fewer than
// were computed (an MD5 that turned out not to be one), never more (see covers).
func (d *digester) verify(want checks) error {
	if want.md5 != "" {
		if got := hex.EncodeToString(d.md5.Sum(nil)); got != want.md5 {
			return apperr.Wrap(apperr.VerifyFailed, fmt.Errorf("md5 %s, etag says %s", got, want.md5)).
				With("check", "md5")
		}
	}
	if want.sha256 != "" {
		if got := base64.StdEncoding.EncodeToString(d.sha256.Sum(nil)); got != want.sha256 {
			return apperr.Wrap(apperr.VerifyFailed, fmt.Errorf("sha256 %s, object says %s", got, want.sha256)).
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

package syncer

import (
	"crypto/md5"
	"encoding/hex"
	"io"
	"os"
	"strconv"
	"strings"
)

// A file is renamed into place before its history row is written (rows are written in
// batches). If the process dies in between, the next run finds the key new but a file already
// under its final name. matchesObject tells whether that file is this very object, so the run
// records it instead of downloading it again beside itself ("keep both"). It is only called
// when a file exists where a download would go, which is rare, so reading the file is fine.
func matchesObject(path string, size int64, etag string) bool {
	info, err := os.Stat(path)
	if err != nil || !info.Mode().IsRegular() || info.Size() != size {
		return false
	}
	etag = normETag(etag)
	if etag == "" {
		return false
	}
	dash := strings.IndexByte(etag, '-')
	if dash < 0 {
		sum, err := md5File(path, 0)
		return err == nil && hex.EncodeToString(sum) == etag
	}
	parts, err := strconv.Atoi(etag[dash+1:])
	if err != nil || parts < 1 {
		return false
	}
	for _, partSize := range partSizeCandidates(size, parts) {
		sum, err := md5File(path, partSize)
		if err != nil {
			return false
		}
		if hex.EncodeToString(sum)+"-"+strconv.Itoa(parts) == etag {
			return true
		}
	}
	return false
}

// md5File returns the MD5 of the file, or with partSize > 0 the multipart ETag's digest: the
// MD5 of the concatenated MD5s of each partSize part.
func md5File(path string, partSize int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if partSize <= 0 {
		h := md5.New()
		if _, err := io.Copy(h, f); err != nil {
			return nil, err
		}
		return h.Sum(nil), nil
	}
	outer := md5.New()
	for {
		h := md5.New()
		n, err := io.CopyN(h, f, partSize)
		if n > 0 {
			outer.Write(h.Sum(nil))
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	return outer.Sum(nil), nil
}

// partSizeCandidates lists the part sizes uploaders commonly use (whole MiB; 8 MiB for the AWS
// CLI and SDKs, 5 MiB for the minimum, 16 MiB…) that give exactly parts parts for size,
// at most four of them so a mismatch costs a bounded number of reads.
func partSizeCandidates(size int64, parts int) []int64 {
	const mib = 1 << 20
	fits := func(p int64) bool {
		return p > 0 && (size+p-1)/p == int64(parts)
	}
	var out []int64
	add := func(p int64) {
		if len(out) < 4 && fits(p) {
			for _, q := range out {
				if q == p {
					return
				}
			}
			out = append(out, p)
		}
	}
	for _, p := range []int64{8 * mib, 5 * mib, 16 * mib, 64 * mib, 100 * mib} {
		add(p)
	}
	// The smallest whole-MiB size that gives this many parts.
	lo := (size + int64(parts) - 1) / int64(parts)
	add((lo + mib - 1) / mib * mib)
	add(lo)
	return out
}

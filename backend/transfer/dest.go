package transfer

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

const (
	partialSuffix = ".vpack-partial"
	maxNameBytes  = 255
	maxKeepBoth   = 10000
)

// PartialPath is where a download into dest is written until it is verified: a hidden file
// ".name.vpack-partial" in dest's folder (the same filesystem, so the final rename is atomic).
// Its sidecar is PartialPath(dest)+".json". A name too long to take the decoration is cut and
// given a hash, so the partial of every dest is distinct and fits in 255 bytes.
func PartialPath(dest string) string {
	dir, base := filepath.Split(dest)
	name := "." + base + partialSuffix
	if len(name)+len(".json.tmp") > maxNameBytes {
		sum := sha256.Sum256([]byte(base))
		tag := "~" + hex.EncodeToString(sum[:6])
		keep := maxNameBytes - len(".json.tmp") - len(partialSuffix) - len(tag) - 1
		name = "." + cutUTF8(base, keep) + tag + partialSuffix
	}
	return filepath.Join(dir, name)
}

// cutUTF8 returns the longest prefix of s of at most n bytes that does not split a character.
func cutUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// chooseFinal returns the path the file will take: dest itself when it is free or replace is
// set, else the first free "name (n).ext" beside it, so a file that is not ours is never
// overwritten.
func chooseFinal(dest string, replace bool) (string, error) {
	if replace {
		return dest, nil
	}
	free, err := isFree(dest)
	if err != nil || free {
		return dest, err
	}
	dir, base := filepath.Split(dest)
	ext := filepath.Ext(base)
	if len(ext) > 16 || ext == base {
		ext = ""
	}
	stem := strings.TrimSuffix(base, ext)
	for n := 1; n <= maxKeepBoth; n++ {
		tag := fmt.Sprintf(" (%d)%s", n, ext)
		candidate := filepath.Join(dir, cutUTF8(stem, maxNameBytes-len(tag))+tag)
		free, err := isFree(candidate)
		if err != nil {
			return "", err
		}
		if free {
			return candidate, nil
		}
	}
	return "", fmt.Errorf("no free name beside %s: %w", dest, fs.ErrExist)
}

func isFree(path string) (bool, error) {
	_, err := os.Lstat(path)
	switch {
	case err == nil:
		return false, nil
	case errors.Is(err, fs.ErrNotExist):
		return true, nil
	}
	return false, fmt.Errorf("check %s: %w", path, err)
}

// syncDir makes a rename in dir durable. Windows cannot open a folder for sync; NTFS journals
// the rename itself, so the error is ignored there and everywhere.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}

// Package localpath turns an S3 key (relative to the synced prefix) into a relative local path
// that is safe on every desktop OS, and reports keys that would collide once on disk. It is pure:
// it never touches the filesystem, and it gives the same answer on Linux, macOS and Windows
// (only the separator differs), so a folder synced on one machine can move to another.
//
// # The escape scheme
//
// Characters that cannot live in a file name are percent-escaped as "%XX" (the UTF-8 bytes in
// upper-case hex), the scheme URLs use, so a person can still read the name and it can be
// decoded back:
//
//   - the characters Windows forbids: < > : " | ? * and the backslash; control characters
//     U+0000–U+001F and U+007F; bytes that are not valid UTF-8;
//   - a literal '%' only when two hex digits follow it ("50% off.mp4" stays as it is,
//     "a%41.mp4" becomes "a%2541.mp4"), so every "%XX" in a result is an escape;
//   - the first letter of a Windows device name (CON, PRN, AUX, NUL, COM0–9, LPT0–9, COM¹²³,
//     LPT¹²³, CONIN$, CONOUT$), with or without extension: "con.txt" → "%63on.txt";
//   - a trailing dot or space, which Windows would strip: "clip." → "clip%2E", ".." → ".%2E";
//   - the dot of a name that ends like transfer's own temp files (".vpack-partial", ".vpack-partial.json");
//   - a combining mark that would otherwise compose with the hex digit of a preceding escape
//     (keeps results in NFC and decodable).
//
// Unicode is kept and normalised to NFC (Vietnamese names survive as they are typed).
// Empty segments (a leading "/", "a//b") are dropped; a key that ends in "/" names a folder
// marker, not a file, and is rejected, as is a key with nothing left.
//
// # Long names
//
// A segment longer than MaxSegmentBytes is cut at a character boundary and given a suffix
// "~" + 12 hex digits of the SHA-256 of the original segment (NFC), before its extension:
// "<long name>~3f2a0c9e81b7.mp4". A folder path longer than MaxDirBytes keeps the leading folders
// that fit and puts the rest into one folder named "~" + hash of the whole folder path, so files
// of one folder stay together. Both are deterministic; neither is reversible.
package localpath

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"vpack-s3-sync/backend/apperr"
)

const (
	// MaxSegmentBytes bounds one file or folder name: ext4 and APFS allow 255 bytes, NTFS 255
	// UTF-16 units, and a UTF-8 byte count is never below the UTF-16 unit count.
	MaxSegmentBytes = 255
	// MaxDirBytes bounds the folder part of a result, so a whole result stays under
	// MaxDirBytes+1+MaxSegmentBytes (768) bytes, leaving room for the destination folder under
	// macOS's 1024-byte PATH_MAX.
	MaxDirBytes = 512

	hashHexLen    = 12
	maxExtBytes   = 16
	partialSuffix = ".vpack-partial"
)

// Map returns the safe relative local path for key (a key relative to the synced prefix, '/'
// separated). The result uses the OS separator, is filepath.IsLocal, and is the same on every OS
// apart from the separator. Errors are *apperr.Error with code LocalPathUnsafe.
func Map(key string) (string, error) {
	raw := strings.Split(key, "/")
	if raw[len(raw)-1] == "" {
		return "", unsafe(key, "folder_marker")
	}
	segs := make([]string, 0, len(raw))
	for _, r := range raw {
		if r == "" {
			continue
		}
		segs = append(segs, mapSegment(r))
	}
	if len(segs) == 0 {
		return "", unsafe(key, "empty")
	}
	segs = shortenDirs(segs)
	rel := filepath.FromSlash(strings.Join(segs, "/"))
	// The last guard: whatever the rules above missed, never hand out a path that leaves dest.
	if !filepath.IsLocal(rel) {
		return "", unsafe(key, "not_local")
	}
	return rel, nil
}

func unsafe(key, reason string) error {
	return apperr.New(apperr.LocalPathUnsafe).With("key", key).With("reason", reason)
}

// mapSegment maps one non-empty key segment to one safe name.
func mapSegment(seg string) string {
	nfc := norm.NFC.String(seg)
	s := escape(nfc)
	s = escapeReserved(s)
	s = escapeTrailing(s)
	s = escapeOwnSuffix(s)
	if len(s) > MaxSegmentBytes {
		s = shortenSegment(s, nfc)
	}
	return s
}

const upperHex = "0123456789ABCDEF"

func appendEscape(b []byte, c byte) []byte {
	return append(b, '%', upperHex[c>>4], upperHex[c&15])
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// escapeAt reports whether s[i:] starts with an escape unit "%XX".
func escapeAt(s string, i int) bool {
	return i+2 < len(s) && s[i] == '%' && isHex(s[i+1]) && isHex(s[i+2])
}

// escape percent-escapes forbidden characters, control characters, invalid UTF-8 and the '%'
// that would read as an escape. s is NFC.
func escape(s string) string {
	out := make([]byte, 0, len(s)+8)
	lastWasEscape := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1,
			r < 0x20, r == 0x7f,
			r < utf8.RuneSelf && strings.IndexByte(`<>:"|?*\`, byte(r)) >= 0,
			r == '%' && escapeAt(s, i),
			// A combining mark after "%XX" could compose with the hex digit under NFC.
			lastWasEscape && !norm.NFC.IsNormalString(string(out[len(out)-1])+s[i:i+size]):
			for j := i; j < i+size; j++ {
				out = appendEscape(out, s[j])
			}
			lastWasEscape = true
		default:
			out = append(out, s[i:i+size]...)
			lastWasEscape = false
		}
		i += size
	}
	return string(out)
}

// escapeReserved escapes the first letter of a Windows device name, which Windows reserves
// whatever follows its first dot and however many spaces trail it.
func escapeReserved(s string) string {
	base := s
	if i := strings.IndexByte(base, '.'); i >= 0 {
		base = base[:i]
	}
	base = strings.TrimRight(base, " ")
	if !isReservedBase(base) {
		return s
	}
	return string(appendEscape(nil, s[0])) + s[1:]
}

func isReservedBase(base string) bool {
	// Windows compares device names in ASCII only: "ı" (dotless i) does not make CONIN$.
	u := asciiUpper(base)
	switch u {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$":
		return true
	}
	if len(u) >= 4 && (u[:3] == "COM" || u[:3] == "LPT") {
		switch u[3:] {
		case "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "\u00b9", "\u00b2", "\u00b3":
			return true
		}
	}
	return false
}

func asciiUpper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

// escapeTrailing escapes a final dot or space: Windows silently strips them, so "a." and "a"
// would be one file. Escaping the last one is enough, the name then ends in a hex digit.
func escapeTrailing(s string) string {
	if c := s[len(s)-1]; c == '.' || c == ' ' {
		return s[:len(s)-1] + string(appendEscape(nil, c))
	}
	return s
}

// escapeOwnSuffix keeps a key from taking the name of another file's download in progress.
func escapeOwnSuffix(s string) string {
	lower := strings.ToLower(s)
	for _, suf := range []string{partialSuffix, partialSuffix + ".json"} {
		if strings.HasSuffix(lower, suf) {
			i := len(s) - len(suf)
			return s[:i] + "%2E" + s[i+1:]
		}
	}
	return s
}

// shortenSegment cuts an over-long mapped segment s and adds a hash of the original segment
// (in NFC, so spellings NFC makes equal stay equal), keeping a short extension so the file
// still opens with the right program.
func shortenSegment(s, original string) string {
	ext := ""
	if i := strings.LastIndexByte(s, '.'); i > 0 && len(s)-i <= maxExtBytes && len(s)-i > 1 {
		ext = s[i:]
	}
	suffix := "~" + shortHash(original) + ext
	stem := s[:len(s)-len(ext)]
	return stem[:cutPoint(stem, MaxSegmentBytes-len(suffix))] + suffix
}

// cutPoint returns the largest i <= limit at which s can be cut without splitting an escape,
// a UTF-8 sequence, or a character from its combining marks.
func cutPoint(s string, limit int) int {
	best := 0
	for i := 0; i < len(s) && i <= limit; {
		if escapeAt(s, i) {
			best = i
			i += 3
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		if norm.NFC.PropertiesString(s[i:]).BoundaryBefore() {
			best = i
		}
		i += size
	}
	if len(s) <= limit {
		return len(s)
	}
	return best
}

func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])[:hashHexLen]
}

// shortenDirs folds a folder path longer than MaxDirBytes into its leading folders that fit
// plus one hashed folder. The choice depends on the folders only, never on the file name, so
// every file of one S3 folder lands in the same local folder.
func shortenDirs(segs []string) []string {
	dirs := segs[:len(segs)-1]
	if len(strings.Join(dirs, "/")) <= MaxDirBytes {
		return segs
	}
	hashed := "~" + shortHash(strings.Join(dirs, "/"))
	out := make([]string, 0, len(dirs)+2)
	used := len(hashed)
	for _, d := range dirs {
		if used+len(d)+1 > MaxDirBytes {
			break
		}
		out = append(out, d)
		used += len(d) + 1
	}
	return append(out, hashed, segs[len(segs)-1])
}

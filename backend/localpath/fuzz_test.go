package localpath

import (
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// FuzzMapNeverEscapes: whatever the key, a result is local, stays under the destination when
// joined, is safe by Windows' rules, and is the same every time.
func FuzzMapNeverEscapes(f *testing.F) {
	for _, seed := range []string{
		"cam1/2024/a.mp4", "../../etc/passwd", `..\..\x`, "/abs", "C:/x", "c:", "a//b", "./.",
		"CON", "aux.txt/x", "COM\u00b9", "a. /b ", "a\x00b", "\x0e\u0301", "Vie\u0302\u0323t",
		strings.Repeat("é", 200) + ".mp4", strings.Repeat("d/", 400) + "f", "%41%", "\xff",
		".x.vpack-partial", "a/", "",
	} {
		f.Add(seed)
	}
	dest := filepath.Join(f.TempDir(), "dest")
	f.Fuzz(func(t *testing.T, key string) {
		got, err := Map(key)
		if err != nil {
			return
		}
		again, err := Map(key)
		if err != nil || again != got {
			t.Fatalf("Map(%q) unstable: %q then %q, %v", key, got, again, err)
		}
		if !filepath.IsLocal(got) {
			t.Fatalf("Map(%q) = %q is not local", key, got)
		}
		joined := filepath.Join(dest, got)
		if rel, err := filepath.Rel(dest, joined); err != nil || !filepath.IsLocal(rel) ||
			!strings.HasPrefix(joined, dest+string(filepath.Separator)) {
			t.Fatalf("Map(%q) = %q escapes %q as %q", key, got, dest, joined)
		}
		if !utf8.ValidString(got) || !norm.NFC.IsNormalString(got) {
			t.Fatalf("Map(%q) = %q is not valid NFC UTF-8", key, got)
		}
		segs := strings.Split(filepath.ToSlash(got), "/")
		if dirs := strings.Join(segs[:len(segs)-1], "/"); len(dirs) > MaxDirBytes {
			t.Fatalf("Map(%q) folder part is %d bytes", key, len(dirs))
		}
		for _, seg := range segs {
			if reason := windowsUnsafe(seg); reason != "" {
				t.Fatalf("Map(%q) = %q: segment %q %s", key, got, seg, reason)
			}
		}
	})
}

// windowsUnsafe checks a name against Windows' rules independently of the code under test.
func windowsUnsafe(seg string) string {
	switch {
	case seg == "" || seg == "." || seg == "..":
		return "is empty or a dot name"
	case len(seg) > MaxSegmentBytes:
		return "is too long"
	case strings.ContainsAny(seg, `<>:"|?*\/`):
		return "has a forbidden character"
	case strings.HasSuffix(seg, ".") || strings.HasSuffix(seg, " "):
		return "ends in a dot or space"
	}
	for _, r := range seg {
		if r < 0x20 || r == 0x7f {
			return "has a control character"
		}
	}
	base, _, _ := strings.Cut(seg, ".")
	base = strings.ToUpper(strings.TrimRight(base, " "))
	for _, dev := range []string{"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} {
		if base == dev {
			return "is a device name"
		}
	}
	if len(base) >= 4 && (base[:3] == "COM" || base[:3] == "LPT") &&
		strings.Contains("0123456789\u00b9\u00b2\u00b3", base[3:]) {
		return "is a device name"
	}
	return ""
}

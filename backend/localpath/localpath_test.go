package localpath

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"vpack-s3-sync/backend/apperr"
)

// mapSlash is Map with '/' separators, so expectations read the same on every OS.
func mapSlash(t *testing.T, key string) string {
	t.Helper()
	got, err := Map(key)
	if err != nil {
		t.Fatalf("Map(%q): %v", key, err)
	}
	return filepath.ToSlash(got)
}

func TestMapRules(t *testing.T) {
	tests := []struct {
		name, key, want string
	}{
		{"plain camera path stays", "cam1/2024-05-01/08-00-00.mp4", "cam1/2024-05-01/08-00-00.mp4"},
		{"leading slash dropped", "/cam1/a.mp4", "cam1/a.mp4"},
		{"empty segments collapse", "cam1//a.mp4", "cam1/a.mp4"},
		{"dot segment escaped", "cam1/./a.mp4", "cam1/%2E/a.mp4"},
		{"dot-dot segment escaped", "../../etc/passwd", ".%2E/.%2E/etc/passwd"},
		{"dot-dot at end escaped", "a/..", "a/.%2E"},
		{"backslash escaped", `..\..\win.ini`, `..%5C..%5Cwin.ini`},
		{"drive letter escaped", "C:/Windows/x", "C%3A/Windows/x"},
		{"drive letter inside key escaped", "c:x.mp4", "c%3Ax.mp4"},
		{"NUL escaped", "a\x00b.mp4", "a%00b.mp4"},
		{"control characters escaped", "a\tb\x1f\x7f.mp4", "a%09b%1F%7F.mp4"},
		{"windows forbidden characters escaped", `a<b>c:d"e|f?g*h.mp4`, "a%3Cb%3Ec%3Ad%22e%7Cf%3Fg%2Ah.mp4"},
		{"lone percent kept", "50% off.mp4", "50% off.mp4"},
		{"percent before hex digits escaped", "a%41.mp4", "a%2541.mp4"},
		{"percent before one hex digit kept", "a%4.mp4", "a%4.mp4"},
		{"reserved name escaped", "CON", "%43ON"},
		{"reserved name lower case escaped", "cam/nul", "cam/%6Eul"},
		{"reserved name with extension escaped", "aux.mp4", "%61ux.mp4"},
		{"reserved name with two extensions escaped", "prn.tar.gz", "%70rn.tar.gz"},
		{"reserved COM digit escaped", "COM1.log", "%43OM1.log"},
		{"reserved LPT digit escaped", "lpt9", "%6Cpt9"},
		{"reserved COM superscript escaped", "COM\u00b9.txt", "%43OM\u00b9.txt"},
		{"reserved console name escaped", "CONOUT$", "%43ONOUT$"},
		{"reserved name with trailing space escaped", "CON .mp4", "%43ON .mp4"},
		{"reserved folder escaped", "con/a.mp4", "%63on/a.mp4"},
		{"non-reserved lookalikes kept", "CONSOLE/COM10/LPT/nul-1.mp4", "CONSOLE/COM10/LPT/nul-1.mp4"},
		{"dotless i does not make a device name", "CON\u0131N$", "CON\u0131N$"},
		{"trailing dot escaped", "clip.", "clip%2E"},
		{"trailing space escaped", "cam 1 /a.mp4", "cam 1%20/a.mp4"},
		{"only the last trailing dot escaped", "a..", "a.%2E"},
		{"vietnamese kept", "Camera cửa hàng/Tháng 5/ghi hình.mp4", "Camera cửa hàng/Tháng 5/ghi hình.mp4"},
		{"decomposed unicode normalised to NFC", "Vie\u0302\u0323t.mp4", "Việt.mp4"},
		{"invalid utf-8 escaped bytewise", "a\xff\xfeb.mp4", "a%FF%FEb.mp4"},
		{"combining mark after escape escaped", "\x0e\u0301.mp4", "%0E%CC%81.mp4"},
		{"combining mark after digit escape kept", "\x01\u0301.mp4", "%01\u0301.mp4"},
		{"partial-file name escaped", ".a.mp4.vpack-partial", ".a.mp4%2Evpack-partial"},
		{"partial sidecar name escaped", ".a.mp4.VPACK-partial.json", ".a.mp4%2EVPACK-partial.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mapSlash(t, tt.key); got != tt.want {
				t.Errorf("Map(%q) = %q, want %q", tt.key, got, tt.want)
			}
		})
	}
}

func TestMapRejectsKeysWithoutAFileName(t *testing.T) {
	for _, key := range []string{"", "/", "//", "cam1/", "cam1/2024/"} {
		t.Run(key, func(t *testing.T) {
			got, err := Map(key)
			var ae *apperr.Error
			if !errors.As(err, &ae) || ae.Code != apperr.LocalPathUnsafe {
				t.Fatalf("Map(%q) = %q, %v; want a %s error", key, got, err, apperr.LocalPathUnsafe)
			}
			if ae.Details["key"] != key {
				t.Errorf("details key = %q, want %q", ae.Details["key"], key)
			}
		})
	}
}

func TestMapShortensLongSegmentKeepingExtension(t *testing.T) {
	long := strings.Repeat("ghi hình ", 40) + ".mp4" // 400+ bytes with multi-byte runes
	got := mapSlash(t, "cam/"+long)
	name := strings.TrimPrefix(got, "cam/")
	if len(name) > MaxSegmentBytes {
		t.Fatalf("segment is %d bytes, want <= %d", len(name), MaxSegmentBytes)
	}
	if !strings.HasSuffix(name, "~"+shortHash(long)+".mp4") {
		t.Errorf("got %q, want the hash suffix and .mp4 at the end", name)
	}
	if !strings.HasPrefix(long, strings.Split(name, "~")[0]) {
		t.Errorf("shortened name %q does not start with the original's beginning", name)
	}
	if !norm.NFC.IsNormalString(name) {
		t.Errorf("shortened name %q is not NFC", name)
	}
}

func TestMapShortensDistinctLongNamesDistinctly(t *testing.T) {
	prefix := strings.Repeat("x", 300)
	a, b := mapSlash(t, prefix+"a.mp4"), mapSlash(t, prefix+"b.mp4")
	if a == b {
		t.Fatalf("two long names sharing 300 bytes both map to %q", a)
	}
}

func TestMapShortensNFCEqualSpellingsAlike(t *testing.T) {
	composed := strings.Repeat("Việt ", 60) + ".mp4"
	decomposed := strings.Repeat("Vie\u0302\u0323t ", 60) + ".mp4"
	if a, b := mapSlash(t, composed), mapSlash(t, decomposed); a != b {
		t.Fatalf("NFC-equal long names map apart:\n%q\n%q", a, b)
	}
}

func TestMapShortenNeverSplitsAnEscape(t *testing.T) {
	for pad := 0; pad < 4; pad++ {
		key := strings.Repeat("a", pad) + strings.Repeat("<", 120)
		name := mapSlash(t, key)
		escapes := strings.TrimPrefix(name[:strings.LastIndexByte(name, '~')], strings.Repeat("a", pad))
		if escapes != strings.Repeat("%3C", len(escapes)/3) {
			t.Errorf("pad %d: shortened name %q splits an escape", pad, name)
		}
	}
}

func TestMapFoldsDeepFoldersIntoOneHashedFolder(t *testing.T) {
	dir := strings.Repeat("thư mục dài/", 60) // ~ 900 bytes of folders
	a := mapSlash(t, dir+"a.mp4")
	b := mapSlash(t, dir+strings.Repeat("b", 200)+".mp4")
	other := mapSlash(t, strings.Repeat("thư mục dài/", 59)+"khác/a.mp4")
	folder := func(p string) string { return p[:strings.LastIndexByte(p, '/')] }
	if folder(a) != folder(b) {
		t.Errorf("files of one S3 folder split: %q vs %q", folder(a), folder(b))
	}
	if folder(a) == folder(other) {
		t.Errorf("two S3 folders share local folder %q", folder(a))
	}
	if len(folder(a)) > MaxDirBytes {
		t.Errorf("folder part is %d bytes, want <= %d", len(folder(a)), MaxDirBytes)
	}
	if !strings.Contains(a, "/~") || !strings.HasPrefix(a, "thư mục dài/") {
		t.Errorf("got %q, want leading folders kept then a ~hash folder", a)
	}
}

func TestMapIsReversibleForOrdinaryKeys(t *testing.T) {
	keys := []string{
		`a<b>c:d"e|f?g*h\i.mp4`, "a%41%zz%.mp4", "CON.txt", "clip. ", "..", ".", "x\x00\x1f\x7f",
		"a\xff.mp4", "\x0e\u0301", ".a.vpack-partial", "Tháng 5/Việt Nam.mp4",
	}
	for _, key := range keys {
		got := mapSlash(t, key)
		var parts []string
		for _, seg := range strings.Split(got, "/") {
			parts = append(parts, unescape(seg))
		}
		if back := strings.Join(parts, "/"); back != key {
			t.Errorf("unescape(Map(%q)) = %q", key, back)
		}
	}
}

// unescape decodes every "%XX"; Map escapes a literal '%' whenever it would look like one.
func unescape(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		if escapeAt(s, i) {
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

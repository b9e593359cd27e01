package apperr

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// codeConstants reads every constant of type Code from the package source, so a code added
// without messages fails this test rather than showing a raw key to a user.
func codeConstants(t *testing.T) []Code {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "apperr.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var codes []Code
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST {
			continue
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "Code" {
				continue
			}
			for _, v := range vs.Values {
				lit := v.(*ast.BasicLit)
				codes = append(codes, Code(strings.Trim(lit.Value, `"`)))
			}
		}
	}
	if len(codes) < 10 {
		t.Fatalf("found only %d codes in apperr.go: parser out of date?", len(codes))
	}
	return codes
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func TestCatalogsHaveTheSameKeys(t *testing.T) {
	cats := catalogs()
	en := sortedKeys(cats["en"])
	for _, lang := range Languages[1:] {
		if got := sortedKeys(cats[lang]); !slices.Equal(got, en) {
			t.Errorf("%s keys differ from en:\n en: %v\n %s: %v", lang, en, lang, got)
		}
	}
}

func TestEveryCodeHasAMessageAndAHintInEveryLanguage(t *testing.T) {
	for _, code := range codeConstants(t) {
		e := New(code)
		for _, lang := range Languages {
			for _, key := range []string{e.Key, e.Hint} {
				if text, ok := catalogs()[lang][key]; !ok || strings.TrimSpace(text) == "" {
					t.Errorf("%s: %s has no text for %q", lang, code, key)
				}
			}
		}
	}
}

var placeholder = regexp.MustCompile(`\{([a-z_]+)\}`)

func TestTranslationsUseTheSamePlaceholders(t *testing.T) {
	cats := catalogs()
	for key, enText := range cats["en"] {
		want := placeholder.FindAllString(enText, -1)
		sort.Strings(want)
		for _, lang := range Languages[1:] {
			got := placeholder.FindAllString(cats[lang][key], -1)
			sort.Strings(got)
			if !slices.Equal(got, want) {
				t.Errorf("%s %q: placeholders %v, en has %v", lang, key, got, want)
			}
		}
	}
}

func TestCatalogsAreFlatStringsAndVietnameseIsNFC(t *testing.T) {
	for _, lang := range Languages {
		b, err := messageFiles.ReadFile("messages/" + lang + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var raw map[string]any
		if err := json.Unmarshal(b, &raw); err != nil {
			t.Fatal(err)
		}
		for k, v := range raw {
			s, ok := v.(string)
			if !ok {
				t.Errorf("%s %q is %T, want a string (the frontend reads flat files)", lang, k, v)
				continue
			}
			if !norm.NFC.IsNormalString(s) {
				t.Errorf("%s %q is not NFC", lang, k)
			}
		}
	}
	if !strings.Contains(catalogs()["vi"]["error.net.unreachable"], "Không kết nối được") {
		t.Fatal("Vietnamese catalog lost its diacritics")
	}
}

func TestMessageFillsPlaceholdersFromDetails(t *testing.T) {
	e := New(S3BucketNotFound).With("bucket", "camera-hn")
	tests := []struct {
		name, lang, want string
		err              *Error
	}{
		{"english", "en", `The bucket "camera-hn" does not exist.`, e},
		{"vietnamese", "vi", "Bucket “camera-hn” không tồn tại.", e},
		{"regional tag picks the language", "vi-VN", "Bucket “camera-hn” không tồn tại.", e},
		{"unknown language falls back to english", "fr", `The bucket "camera-hn" does not exist.`, e},
		{"missing detail reads as unknown", "vi", "Bucket “(không rõ)” không tồn tại.", New(S3BucketNotFound)},
		{"unknown key falls back to the code's message", "en", "The storage service did not answer in time.", &Error{Code: NetTimeout, Key: "error.nope"}},
		{"nil", "en", "", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Message(tc.err, tc.lang); got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestHintTextUsesTheActionSpecificHint(t *testing.T) {
	e := New(S3AccessDenied).With("bucket", "cams").WithHint("hint.s3.access_denied.list_bucket")
	got := HintText(e, "en")
	if !strings.Contains(got, "s3:ListBucket") || !strings.Contains(got, `"cams"`) {
		t.Fatalf("got %q", got)
	}
	if HintText(&Error{Code: S3AccessDenied}, "en") != "" {
		t.Fatal("no hint key means no hint text")
	}
	if got := HintText(&Error{Code: NetTimeout, Hint: "hint.unknown"}, "en"); got == "" {
		t.Fatal("an unknown hint key falls back to the code's hint")
	}
}

func TestLineIsOneLineWithCodeMessageAndHint(t *testing.T) {
	e := New(S3ClockSkew)
	line := e.Line("vi")
	if strings.Contains(line, "\n") || !strings.HasPrefix(line, "s3.clock_skew: Đồng hồ") ||
		!strings.Contains(line, "Hãy chỉnh đúng ngày") {
		t.Fatalf("got %q", line)
	}
}

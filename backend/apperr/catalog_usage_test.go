package apperr

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// A key written in Go code but missing from the catalogs would show the user a raw key.
func TestEveryMessageKeyUsedInBackendCodeIsInBothCatalogs(t *testing.T) {
	literal := regexp.MustCompile(`"((?:error|hint)\.[a-z0-9_]+(?:\.[a-z0-9_]+)*)"`)
	used := map[string]string{}
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range literal.FindAllStringSubmatch(string(src), -1) {
			used[m[1]] = path
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(used) < 10 {
		t.Fatalf("found only %d keys: the scan is looking in the wrong place", len(used))
	}
	for key, path := range used {
		for _, lang := range Languages {
			if _, ok := Text(lang, key, nil); !ok {
				t.Errorf("%s uses %q, missing from the %s catalog", path, key, lang)
			}
		}
	}
}

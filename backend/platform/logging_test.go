package platform

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func TestRotatingFileKeepsAtMostFilesEachUnderLimit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "app.log")
	r, err := OpenRotatingFile(path, 1000, 3)
	if err != nil {
		t.Fatal(err)
	}
	line := bytes.Repeat([]byte("x"), 99)
	line = append(line, '\n')
	for i := 0; i < 100; i++ { // 10,000 bytes: ten files' worth
		if _, err := r.Write(line); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	matches, _ := filepath.Glob(path + "*")
	if len(matches) != 3 {
		t.Fatalf("files = %v, want 3", matches)
	}
	for _, m := range matches {
		st, err := os.Stat(m)
		if err != nil {
			t.Fatal(err)
		}
		if st.Size() > 1000 {
			t.Fatalf("%s is %d bytes, over the limit", m, st.Size())
		}
		if st.Size() != 1000 {
			t.Fatalf("%s is %d bytes; whole lines of 100 should fill it to 1000", m, st.Size())
		}
	}
	if _, err := os.Stat(path + ".3"); !os.IsNotExist(err) {
		t.Fatalf("a fourth file exists: %v", err)
	}
}

func TestRotatingFileAppendsToExistingFileAndCountsItsSize(t *testing.T) {
	path := filepath.Join(t.TempDir(), "app.log")
	if err := os.WriteFile(path, bytes.Repeat([]byte("a"), 950), 0o600); err != nil {
		t.Fatal(err)
	}
	r, err := OpenRotatingFile(path, 1000, 2)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Write(bytes.Repeat([]byte("b"), 100)); err != nil {
		t.Fatal(err)
	}
	r.Close()
	old, _ := os.ReadFile(path + ".1")
	cur, _ := os.ReadFile(path)
	if len(old) != 950 || string(cur) != strings.Repeat("b", 100) {
		t.Fatalf("old=%d bytes cur=%q", len(old), cur)
	}
}

func TestRotatingFileWritesAfterCloseFail(t *testing.T) {
	r, err := OpenRotatingFile(filepath.Join(t.TempDir(), "app.log"), 100, 2)
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	if _, err := r.Write([]byte("x")); err == nil {
		t.Fatal("write after close succeeded")
	}
}

func TestRotatingFileIsSafeForConcurrentWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "app.log")
	r, err := OpenRotatingFile(path, 4096, 50)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				fmt.Fprintf(r, "g%d-%03d\n", g, i)
			}
		}()
	}
	wg.Wait()
	r.Close()
	lines := 0
	matches, _ := filepath.Glob(path + "*")
	for _, m := range matches {
		b, _ := os.ReadFile(m)
		for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			if len(l) != 6 {
				t.Fatalf("torn line %q in %s", l, m)
			}
			lines++
		}
	}
	if lines != 1600 {
		t.Fatalf("lines = %d, want 1600", lines)
	}
}

func TestSetupLoggingWritesJSONToLogDir(t *testing.T) {
	t.Setenv(EnvHome, t.TempDir())
	prev := slog.Default()
	t.Cleanup(func() { slog.SetDefault(prev) })
	logger, closer, err := SetupLogging(slog.LevelInfo)
	if err != nil {
		t.Fatal(err)
	}
	logger.Info("sync finished", "source_id", 7)
	slog.Debug("below the level")
	closer.Close()

	dir, _ := LogDir()
	b, err := os.ReadFile(filepath.Join(dir, LogFileName))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) != 1 {
		t.Fatalf("log lines = %q", lines)
	}
	var rec map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &rec); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if rec["msg"] != "sync finished" || rec["source_id"] != float64(7) {
		t.Fatalf("record = %v", rec)
	}
}

func TestLogHandlerRedactsSecretsAndPresignedQueries(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(NewLogHandler(&buf, slog.LevelInfo))
	log.Info("x",
		"secret_access_key", "SEKRIT-1",
		"session_token", "SEKRIT-2",
		slog.Group("cfg", "Password", "SEKRIT-3"),
		"url", "https://h/b/k?X-Amz-Algorithm=AWS4&X-Amz-Credential=AK&X-Amz-Signature=SEKRIT-4",
		"access_key_id", "AKIAKEEP",
	)
	out := buf.String()
	if strings.Contains(out, "SEKRIT") {
		t.Fatalf("secret leaked: %s", out)
	}
	for _, want := range []string{"AKIAKEEP", `"url":"https://h/b/k?[redacted]"`, `"secret_access_key":"[redacted]"`} {
		if !strings.Contains(out, want) {
			t.Fatalf("missing %s in %s", want, out)
		}
	}
}

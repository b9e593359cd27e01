package store

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"vpack-s3-sync/backend/apperr"
)

func openTest(t testing.TB) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func codeOf(err error) apperr.Code {
	var e *apperr.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

func tableColumns(t *testing.T, s *Store, table string) []string {
	t.Helper()
	rows, err := s.sql.Query(`SELECT name FROM pragma_table_info(?) ORDER BY cid`, table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var cols []string
	for rows.Next() {
		var c string
		rows.Scan(&c)
		cols = append(cols, c)
	}
	return cols
}

func TestDSNHasThePragmasAndEscapesThePath(t *testing.T) {
	got := DSN("/data/VPACK S3 Sync/a?b#c%d.db")
	want := "file:/data/VPACK S3 Sync/a%3fb%23c%25d.db?_pragma=journal_mode(WAL)&_pragma=busy_timeout(5000)&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(1)&_txlock=immediate"
	if got != want {
		t.Fatalf("DSN =\n%s\nwant\n%s", got, want)
	}
}

func TestOpenAppliesPragmasOnEveryConnection(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "VPACK S3 Sync", "odd ?#% name")
	s, err := Open(filepath.Join(dir, "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := os.Stat(filepath.Join(dir, "x.db")); err != nil {
		t.Fatalf("database not at the given path: %v", err)
	}
	// Hold two connections at once so the pool has to open a second one.
	ctx := context.Background()
	c1, _ := s.sql.Conn(ctx)
	c2, _ := s.sql.Conn(ctx)
	defer c1.Close()
	defer c2.Close()
	for _, conn := range []*sql.Conn{c1, c2} {
		for pragma, want := range map[string]string{"journal_mode": "wal", "busy_timeout": "5000", "synchronous": "1", "foreign_keys": "1"} {
			var got string
			if err := conn.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Fatalf("%s = %s, want %s", pragma, got, want)
			}
		}
	}
}

func TestOpenFromEmptyFileCreatesLatestSchema(t *testing.T) {
	s := openTest(t)
	if v, _ := currentVersion(context.Background(), s.sql); v != SchemaVersion() {
		t.Fatalf("version = %d, want %d", v, SchemaVersion())
	}
	for _, table := range []string{"connections", "sources", "downloaded_files", "sync_runs", "settings", "schema_version"} {
		if len(tableColumns(t, s, table)) == 0 {
			t.Fatalf("table %s missing", table)
		}
	}
	if !contains(tableColumns(t, s, "sync_runs"), "archived") {
		t.Fatal("v2 column sync_runs.archived missing")
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func TestOpenMigratesVersion1DatabaseKeepingItsData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	ctx := context.Background()
	old, err := openAt(ctx, path, 1)
	if err != nil {
		t.Fatal(err)
	}
	if contains(tableColumns(t, old, "sync_runs"), "archived") {
		t.Fatal("version 1 already has the v2 column")
	}
	// Rows written the way version 1 wrote them (no v2 column exists yet).
	for _, q := range []string{
		`INSERT INTO connections(id, name, access_key_id, created_at) VALUES (1, 'aws', 'AKIA1', 1700000000000)`,
		`INSERT INTO sources(id, connection_id, bucket, local_dir, created_at) VALUES (1, 1, 'cams', '/v', 1700000000000)`,
		`INSERT INTO downloaded_files(source_id, key, etag, size, downloaded_at) VALUES (1, 'a.mp4', 'e1', 10, 1700000000001)`,
		`INSERT INTO sync_runs(source_id, triggered_by, status, started_at, downloaded) VALUES (1, 'manual', 'ok', 1700000000000, 1)`,
	} {
		if _, err := old.sql.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	old.Close()

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := currentVersion(ctx, s.sql); v != SchemaVersion() {
		t.Fatalf("version after migration = %d", v)
	}
	runs, err := s.ListRuns(ctx, 1, 10)
	if err != nil || len(runs) != 1 || runs[0].Downloaded != 1 || runs[0].Archived != 0 {
		t.Fatalf("runs = %+v, %v", runs, err)
	}
	var keys []string
	s.IterateHistory(ctx, 1, func(f DownloadedFile) error { keys = append(keys, f.Key); return nil })
	if len(keys) != 1 || keys[0] != "a.mp4" {
		t.Fatalf("history = %v", keys)
	}
	var idx int
	s.sql.QueryRow(`SELECT COUNT(*) FROM sqlite_master WHERE name = 'idx_downloaded_files_source_downloaded'`).Scan(&idx)
	if idx != 1 {
		t.Fatal("v2 index missing")
	}
}

func TestOpenRefusesDatabaseFromNewerApp(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	s := mustOpen(t, path)
	s.sql.Exec(`INSERT INTO schema_version(version, name, applied_at) VALUES (?, 'future', 0)`, SchemaVersion()+1)
	s.Close()
	_, err := Open(path)
	var e *apperr.Error
	if !errors.As(err, &e) || e.Code != apperr.StoreFailed || e.Hint != "hint.store.newer_schema" {
		t.Fatalf("err = %v", err)
	}
}

func TestOpenRejectsAFileThatIsNotADatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "junk.db")
	os.WriteFile(path, []byte(strings.Repeat("not sqlite ", 500)), 0o600)
	if _, err := Open(path); codeOf(err) != apperr.StoreFailed {
		t.Fatalf("err = %v", err)
	}
	// The failed open released the lock: fixing the file lets it open.
	os.Remove(path)
	mustOpen(t, path).Close()
}

func mustOpen(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSecondOpenOfSameDatabaseIsAConflictUntilClosed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "one.db")
	first := mustOpen(t, path)
	_, err := Open(path)
	var e *apperr.Error
	if !errors.As(err, &e) || e.Code != apperr.StoreConflict {
		t.Fatalf("second open: %v", err)
	}
	if e.Details["pid"] != fmt.Sprint(os.Getpid()) || e.Hint != "hint.store.in_use" {
		t.Fatalf("details = %v hint = %q", e.Details, e.Hint)
	}
	first.Close()
	mustOpen(t, path).Close()
}

// The child process opens the database, writes, says so, and waits to be killed.
func TestHelperProcessWritesThenWaits(t *testing.T) {
	path := os.Getenv("VPACK_STORE_CHILD_DB")
	if path == "" {
		return // only runs as TestKilledProcessLeavesDataAndNoLock's child
	}
	s, err := Open(path)
	if err != nil {
		fmt.Println("ERR", err)
		os.Exit(1)
	}
	ctx := context.Background()
	c := Connection{Name: "crash", AccessKeyID: "AK"}
	src := Source{Bucket: "b", LocalDir: "/v"}
	must := func(err error) {
		if err != nil {
			fmt.Println("ERR", err)
			os.Exit(1)
		}
	}
	must(s.CreateConnection(ctx, &c))
	src.ConnectionID = c.ID
	must(s.CreateSource(ctx, &src))
	files := make([]DownloadedFile, 1000)
	for i := range files {
		files[i] = DownloadedFile{SourceID: src.ID, Key: fmt.Sprintf("cam/%04d.mp4", i), ETag: "e", Size: int64(i)}
	}
	must(s.RecordDownloads(ctx, files))
	_, err = s.CreateRun(ctx, src.ID, "schedule")
	must(err)
	fmt.Println("READY")
	time.Sleep(time.Hour) // killed by the parent; Close never runs
}

func TestKilledProcessLeavesDataAndNoLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crash.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcessWritesThenWaits$", "-test.count=1")
	cmd.Env = append(os.Environ(), "VPACK_STORE_CHILD_DB="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	ready := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if l := sc.Text(); l == "READY" || strings.HasPrefix(l, "ERR") {
				ready <- l
				return
			}
		}
		ready <- "child exited"
	}()
	select {
	case l := <-ready:
		if l != "READY" {
			t.Fatalf("child: %s", l)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("child never got ready")
	}

	// While the child holds it, the database is someone else's.
	if _, err := Open(path); codeOf(err) != apperr.StoreConflict {
		t.Fatalf("open while child runs: %v", err)
	}
	if st, err := os.Stat(path + "-wal"); err != nil || st.Size() == 0 {
		t.Fatalf("expected committed data in the WAL before the kill: %v", err)
	}
	cmd.Process.Kill()
	cmd.Wait()

	s := mustOpen(t, path) // the OS released the lock with the process
	defer s.Close()
	n := 0
	if err := s.IterateHistory(context.Background(), 1, func(DownloadedFile) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	if n != 1000 {
		t.Fatalf("history rows after crash = %d, want 1000", n)
	}
	runs, _ := s.ListRuns(context.Background(), 1, 5)
	if len(runs) != 1 || runs[0].Status != RunInterrupted || runs[0].FinishedAt.IsZero() {
		t.Fatalf("the run the crash cut short = %+v", runs)
	}
}

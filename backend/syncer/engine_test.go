package syncer

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"vpack-s3-sync/backend/apperr"
	"vpack-s3-sync/backend/s3api"
	"vpack-s3-sync/backend/s3test"
	"vpack-s3-sync/backend/store"
)

const testBucket = "cams"

// env is one versitygw, one database and one source syncing testBucket/site/ into Dest.
type env struct {
	srv    *s3test.Server
	st     *store.Store
	client *s3api.Client
	src    store.Source
	dest   string
}

func newEnv(t *testing.T) *env {
	t.Helper()
	srv := s3test.Start(t)
	srv.CreateBucket(t, testBucket)
	st, err := store.Open(filepath.Join(t.TempDir(), "db", "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ctx := context.Background()
	conn := store.Connection{Name: "versitygw", Endpoint: srv.Endpoint, Region: srv.Region, PathStyle: true, AccessKeyID: srv.AccessKey}
	if err := st.CreateConnection(ctx, &conn); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "Camera videos")
	src := store.Source{ConnectionID: conn.ID, Bucket: testBucket, Prefix: "site", LocalDir: dest, Enabled: true, IntervalMinutes: 15}
	if err := st.CreateSource(ctx, &src); err != nil {
		t.Fatal(err)
	}
	client, err := s3api.Connect(ctx, s3api.Config{
		AccessKeyID: srv.AccessKey, SecretAccessKey: srv.SecretKey, Endpoint: srv.Endpoint, Region: srv.Region,
	})
	if err != nil {
		t.Fatal(err)
	}
	return &env{srv: srv, st: st, client: client, src: src, dest: dest}
}

func (e *env) engine(opts Options, ev Events) *Engine {
	return NewEngine(e.st, func(context.Context, store.Source) (Client, error) { return e.client, nil }, opts, ev)
}

func (e *env) run(t *testing.T, eng *Engine) Summary {
	t.Helper()
	sum, err := eng.Run(context.Background(), e.client, e.src, RunRequest{Trigger: TriggerManual})
	if err != nil {
		t.Fatalf("run: %v (summary %+v)", err, sum)
	}
	return sum
}

func (e *env) history(t *testing.T) map[string]store.DownloadedFile {
	t.Helper()
	out := map[string]store.DownloadedFile{}
	err := e.st.IterateHistory(context.Background(), e.src.ID, func(f store.DownloadedFile) error {
		if _, dup := out[f.Key]; dup {
			t.Errorf("history has %s twice", f.Key)
		}
		out[f.Key] = f
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// localFiles lists the files under dir (slash paths), partial files included.
func localFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

func body(key string, n int) []byte {
	return bytes.Repeat([]byte(key+"|"), n/(len(key)+1)+1)[:n]
}

func TestFirstSyncDownloadsExactlyTheVideosThenSecondSyncOnlyLists(t *testing.T) {
	e := newEnv(t)
	objects := map[string][]byte{
		"site/cam1/2026/12/01/08/clip-0800.mp4":  body("a", 3000),
		"site/cam1/2026/12/01/08/clip-0830.MOV":  body("b", 70_000),
		"site/cam1/2026/12/01/08/snapshot.jpg":   body("c", 500),
		"site/cam2/2026/12/02/events/deep/x.mkv": body("d", 1),
		"site/cam2/notes.txt":                    body("e", 20),
		"site/Cổng chính/ngày 1.mp4":             body("f", 4096),
		"other/cam9/outside.mp4":                 body("g", 10),
	}
	for k, v := range objects {
		e.srv.Put(t, testBucket, k, v)
	}
	multipart := body("multipart", 11<<20)
	e.srv.PutMultipart(t, testBucket, "site/cam3/long.mp4", multipart, 5<<20)
	objects["site/cam3/long.mp4"] = multipart

	var progress []Progress
	var mu sync.Mutex
	var started, finished []store.SyncRun
	eng := e.engine(Options{ProgressEvery: 10 * time.Millisecond}, Events{
		OnStarted:  func(r store.SyncRun) { started = append(started, r) },
		OnProgress: func(p Progress) { mu.Lock(); progress = append(progress, p); mu.Unlock() },
		OnFinished: func(r store.SyncRun, s Summary) { finished = append(finished, r) },
	})
	sum := e.run(t, eng)

	wantFiles := []string{
		"cam1/2026/12/01/08/clip-0800.mp4", "cam1/2026/12/01/08/clip-0830.MOV",
		"cam2/2026/12/02/events/deep/x.mkv", "cam3/long.mp4", "Cổng chính/ngày 1.mp4",
	}
	slices.Sort(wantFiles)
	if got := localFiles(t, e.dest); !slices.Equal(got, wantFiles) {
		t.Fatalf("local files\n got %v\nwant %v", got, wantFiles)
	}
	for _, rel := range wantFiles {
		got, err := os.ReadFile(filepath.Join(e.dest, filepath.FromSlash(rel)))
		if err != nil || !bytes.Equal(got, objects["site/"+rel]) {
			t.Fatalf("%s differs from the object (%v)", rel, err)
		}
	}
	if sum.Status != StatusOK || sum.Listed != 7 || sum.Matched != 5 || sum.Downloaded != 5 ||
		sum.Skipped != 0 || sum.Failed != 0 || sum.Bytes != 3000+70_000+1+4096+11<<20 {
		t.Fatalf("first run summary %+v", sum)
	}
	if sum.Requests.Head != 0 || sum.Requests.Get < 5 || sum.Requests.List < 1 {
		t.Fatalf("first run requests %+v", sum.Requests)
	}
	hist := e.history(t)
	if len(hist) != 5 {
		t.Fatalf("history has %d rows, want 5", len(hist))
	}
	for _, rel := range wantFiles {
		row, ok := hist["site/"+rel]
		if !ok || row.LocalPath != filepath.Join(e.dest, filepath.FromSlash(rel)) || row.ETag == "" || row.Size != int64(len(objects["site/"+rel])) {
			t.Fatalf("history row for %s: %+v", rel, row)
		}
	}
	if len(started) != 1 || len(finished) != 1 || finished[0].Status != store.RunOK || finished[0].Downloaded != 5 {
		t.Fatalf("events: started %+v finished %+v", started, finished)
	}
	mu.Lock()
	last := progress[len(progress)-1]
	mu.Unlock()
	if last.Phase != PhaseDownloading || last.FilesDone != 5 || last.FilesTotal != 5 || last.BytesDone != last.BytesTotal || last.Listed != 7 {
		t.Fatalf("last progress %+v", last)
	}

	// The second run: nothing new, so only LIST requests.
	second := e.run(t, eng)
	if second.Downloaded != 0 || second.Skipped != 5 || second.Status != StatusOK {
		t.Fatalf("second run %+v", second)
	}
	if second.Requests.Get != 0 || second.Requests.Head != 0 || second.Requests.Other != 0 || second.Requests.List < 1 {
		t.Fatalf("second run sent %+v, want only LIST", second.Requests)
	}
	runs, err := e.st.ListRuns(context.Background(), e.src.ID, 10)
	if err != nil || len(runs) != 2 || runs[0].Skipped != 5 || runs[0].RequestsGet != 0 || runs[0].Listed != 7 {
		t.Fatalf("saved runs %+v (%v)", runs, err)
	}
}

func TestReplacedObjectIsDownloadedAgainInPlace(t *testing.T) {
	e := newEnv(t)
	key := "site/cam1/clip.mp4"
	e.srv.Put(t, testBucket, key, []byte("first version"))
	eng := e.engine(Options{}, Events{})
	e.run(t, eng)
	before := e.history(t)[key]

	e.srv.Put(t, testBucket, key, []byte("second version, longer"))
	sum := e.run(t, eng)
	if sum.Downloaded != 1 || sum.Skipped != 0 {
		t.Fatalf("after replace: %+v", sum)
	}
	got, _ := os.ReadFile(filepath.Join(e.dest, "cam1", "clip.mp4"))
	if string(got) != "second version, longer" {
		t.Fatalf("local file holds %q", got)
	}
	if files := localFiles(t, e.dest); !slices.Equal(files, []string{"cam1/clip.mp4"}) {
		t.Fatalf("local files %v: the new version must replace ours, not sit beside it", files)
	}
	after := e.history(t)[key]
	if after.ETag == before.ETag || after.Size != int64(len("second version, longer")) {
		t.Fatalf("history not updated: before %+v after %+v", before, after)
	}
}

// Names Windows forbids or reserves are stored by versitygw as they are; keys with ".." are
// not (its posix backend cleans them), so those are served by gofakes3, which keeps any key.
func TestUnsafeKeysNeverEscapeTheDestination(t *testing.T) {
	t.Run("versitygw", func(t *testing.T) {
		e := newEnv(t)
		for _, k := range []string{"site/CON.mp4", `site/a\b.mp4`, "site/a:b.mp4", "site/trail. .mp4", "site/ok.mp4"} {
			e.srv.Put(t, testBucket, k, []byte(k))
		}
		assertStaysInside(t, e.dest, func() Summary {
			return e.run(t, e.engine(Options{}, Events{}))
		})
	})
	t.Run("dot-dot keys", func(t *testing.T) {
		e := newEnv(t)
		backend := s3mem.New()
		if err := backend.CreateBucket(testBucket); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"site/../evil.mp4", "site/a/../../x.mp4", "site/..", "site/a/..\\..\\y.mp4", "site/ok.mp4"} {
			if _, err := backend.PutObject(testBucket, k, map[string]string{}, strings.NewReader(k), int64(len(k)), nil); err != nil {
				t.Fatal(err)
			}
		}
		fake := httptest.NewServer(gofakes3.New(backend).Server())
		t.Cleanup(fake.Close)
		client, err := s3api.Connect(context.Background(), s3api.Config{AccessKeyID: "k", SecretAccessKey: "s", Endpoint: fake.URL})
		if err != nil {
			t.Fatal(err)
		}
		src := e.src
		src.Extensions = "*"
		assertStaysInside(t, e.dest, func() Summary {
			sum, err := e.engine(Options{}, Events{}).Run(context.Background(), client, src, RunRequest{})
			if err != nil {
				t.Fatal(err)
			}
			return sum
		})
	})
}

// assertStaysInside runs a sync and checks every file it wrote is under dest with a safe name.
func assertStaysInside(t *testing.T, dest string, run func() Summary) {
	t.Helper()
	parent := filepath.Dir(dest)
	before := localFiles(t, parent)
	sum := run()
	for _, f := range localFiles(t, parent) {
		if !strings.HasPrefix(f, filepath.Base(dest)+"/") && !slices.Contains(before, f) {
			t.Fatalf("%s was written outside the destination", f)
		}
	}
	files := localFiles(t, dest)
	for _, f := range files {
		base := strings.ToUpper(path.Base(f))
		if slices.Contains(strings.Split(f, "/"), "..") || strings.HasPrefix(base, "CON.") || strings.ContainsAny(f, `\:`) || strings.HasSuffix(f, " ") {
			t.Errorf("unsafe local name %q", f)
		}
	}
	if sum.Downloaded == 0 || sum.Downloaded+sum.Failed != sum.Matched || len(files) != sum.Downloaded {
		t.Fatalf("summary %+v, local files %v", sum, files)
	}
	t.Logf("local files: %q; failed: %+v", files, sum.Errors)
}

func TestDiskSpaceIsCheckedBeforeAnyDownload(t *testing.T) {
	e := newEnv(t)
	e.srv.Put(t, testBucket, "site/a.mp4", body("a", 2000))
	e.srv.Put(t, testBucket, "site/b.mp4", body("b", 3000))
	eng := e.engine(Options{DiskReserve: 1000, FreeSpace: func(string) (uint64, error) { return 5500, nil }}, Events{})
	sum, err := eng.Run(context.Background(), e.client, e.src, RunRequest{})
	if apperr.CodeOf(err) != apperr.SyncInsufficientDisk || sum.Status != StatusFailed {
		t.Fatalf("run ended with %v (%+v), want %s", err, sum, apperr.SyncInsufficientDisk)
	}
	if files := localFiles(t, e.dest); len(files) != 0 || sum.Requests.Get != 0 {
		t.Fatalf("downloaded %v with %d GETs despite too little space", files, sum.Requests.Get)
	}
	if d := apperr.Classify(err).Details; d["needed"] == "" || d["free"] == "" {
		t.Fatalf("error details %v lack needed/free", d)
	}
	runs, _ := e.st.ListRuns(context.Background(), e.src.ID, 1)
	if len(runs) != 1 || runs[0].Status != store.RunFailed || runs[0].ErrorSummary == "" {
		t.Fatalf("saved run %+v", runs)
	}
}

func TestOneFailedFileDoesNotStopTheOthers(t *testing.T) {
	e := newEnv(t)
	for _, k := range []string{"site/a/1.mp4", "site/blocked/2.mp4", "site/c/3.mp4"} {
		e.srv.Put(t, testBucket, k, body(k, 100))
	}
	// A file where the folder "blocked" must go: that one file cannot be written.
	if err := os.MkdirAll(e.dest, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(e.dest, "blocked"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	sum, err := e.engine(Options{Concurrency: 1}, Events{}).Run(context.Background(), e.client, e.src, RunRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Status != StatusPartial || sum.Downloaded != 2 || sum.Failed != 1 || len(sum.Errors) != 1 || sum.Errors[0].Key != "site/blocked/2.mp4" {
		t.Fatalf("summary %+v", sum)
	}
	if h := e.history(t); len(h) != 2 {
		t.Fatalf("history %v", h)
	}
}

func TestCancelledRunLeavesNothingUnderAFinalNameAndTheNextRunCompletes(t *testing.T) {
	e := newEnv(t)
	big := body("big", 24<<20)
	e.srv.PutMultipart(t, testBucket, "site/big.mp4", big, 8<<20)
	e.srv.Put(t, testBucket, "site/small.mp4", body("s", 10))

	ctx, cancel := context.WithCancel(context.Background())
	eng := e.engine(Options{Concurrency: 1, PartConcurrency: 1, PartSize: 5 << 20, ProgressEvery: 5 * time.Millisecond}, Events{
		OnProgress: func(p Progress) {
			if p.BytesDone > 6<<20 {
				cancel()
			}
		},
	})
	eng.SetLimiter(nil)
	sum, err := eng.Run(ctx, e.client, e.src, RunRequest{})
	if apperr.CodeOf(err) != apperr.Cancelled || sum.Status != StatusCancelled {
		t.Fatalf("cancelled run: %v %+v", err, sum)
	}
	if _, err := os.Stat(filepath.Join(e.dest, "big.mp4")); err == nil {
		t.Fatal("a cancelled download is visible under its final name")
	}
	if _, ok := e.history(t)["site/big.mp4"]; ok {
		t.Fatal("a cancelled download was recorded")
	}

	sum = e.run(t, e.engine(Options{}, Events{}))
	if sum.Status != StatusOK || sum.Downloaded+sum.Skipped != 2 {
		t.Fatalf("run after cancel %+v", sum)
	}
	if sum.Bytes == 0 || sum.Bytes >= int64(len(big)) {
		t.Fatalf("the run after cancel reports %d bytes fetched: want the missing part of big.mp4, neither 0 nor all of it", sum.Bytes)
	}
	got, _ := os.ReadFile(filepath.Join(e.dest, "big.mp4"))
	if !bytes.Equal(got, big) {
		t.Fatal("resumed file differs from the object")
	}
	if files := localFiles(t, e.dest); !slices.Equal(files, []string{"big.mp4", "small.mp4"}) {
		t.Fatalf("local files after resume: %v", files)
	}
	if h := e.history(t); len(h) != 2 {
		t.Fatalf("history after resume: %v", h)
	}
}

func TestFileOnDiskWithoutHistoryIsRecordedNotDownloadedTwice(t *testing.T) {
	e := newEnv(t)
	data := body("crash", 5000)
	e.srv.Put(t, testBucket, "site/cam/clip.mp4", data)
	// As after a crash between rename and record: the file is complete, the history row missing.
	if err := os.MkdirAll(filepath.Join(e.dest, "cam"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(e.dest, "cam", "clip.mp4"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	sum := e.run(t, e.engine(Options{}, Events{}))
	if sum.Downloaded != 0 || sum.Skipped != 1 || sum.Adopted != 1 || sum.Requests.Get != 0 {
		t.Fatalf("summary %+v", sum)
	}
	if files := localFiles(t, e.dest); !slices.Equal(files, []string{"cam/clip.mp4"}) {
		t.Fatalf("local files %v", files)
	}
	if _, ok := e.history(t)["site/cam/clip.mp4"]; !ok {
		t.Fatal("adopted file not recorded")
	}
}

func TestTwoTriggersAtOnceMakeOneRun(t *testing.T) {
	e := newEnv(t)
	for i := range 20 {
		e.srv.Put(t, testBucket, fmt.Sprintf("site/c/%02d.mp4", i), body("x", 50_000))
	}
	eng := e.engine(Options{}, Events{})
	sched := NewScheduler(SchedulerConfig{
		Sources: func(context.Context) ([]SourceSchedule, error) { return nil, nil },
		Run:     eng.RunSource,
	})
	t.Cleanup(sched.Stop)
	var wg sync.WaitGroup
	runs := make([]*Run, 2)
	for i := range runs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := sched.SyncNow(e.src.ID)
			if err != nil {
				t.Error(err)
			}
			runs[i] = r
		}()
	}
	wg.Wait()
	if runs[0] != runs[1] {
		t.Fatal("two triggers started two runs")
	}
	s1, err1 := runs[0].Wait(context.Background())
	s2, err2 := runs[1].Wait(context.Background())
	if err1 != nil || err2 != nil || s1.RunID != s2.RunID || s1.Downloaded != 20 {
		t.Fatalf("results %+v %v / %+v %v", s1, err1, s2, err2)
	}
	saved, _ := e.st.ListRuns(context.Background(), e.src.ID, 10)
	if len(saved) != 1 {
		t.Fatalf("%d runs saved, want 1", len(saved))
	}
}

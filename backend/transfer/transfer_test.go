package transfer

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"vpack-s3-sync/backend/apperr"
)

const testPart = 64 << 10

func testOpts() Options { return Options{PartSize: testPart, Concurrency: 4} }

func download(t *testing.T, ctx context.Context, g Getter, dest string, known bool, opts Options) (Result, error) {
	t.Helper()
	req := Request{Bucket: "b", Key: "k", Dest: dest}
	if f, ok := g.(*fakeGetter); ok && known {
		req.Known = f.object()
	}
	return Download(ctx, g, req, opts)
}

func mustEqualFile(t *testing.T, path string, want []byte) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s: %d bytes differ from the object's %d", path, len(got), len(want))
	}
}

func mustNotExist(t *testing.T, paths ...string) {
	t.Helper()
	for _, p := range paths {
		if _, err := os.Lstat(p); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s exists (err %v), want nothing there", p, err)
		}
	}
}

func codeOf(t *testing.T, err error) apperr.Code {
	t.Helper()
	var e *apperr.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not an *apperr.Error", err, err)
	}
	return e.Code
}

func TestDownloadSmallObjectTakesOneWholeGET(t *testing.T) {
	data := randomBytes(2*testPart-1, 1)
	g := newFake(data)
	dest := filepath.Join(t.TempDir(), "cam", "a.mp4")
	res, err := download(t, context.Background(), g, dest, true, testOpts())
	if err != nil {
		t.Fatal(err)
	}
	mustEqualFile(t, dest, data)
	if got := g.rangeLog(); len(got) != 1 || got[0] != "0:-1" {
		t.Errorf("GETs = %v, want one whole-object GET", got)
	}
	if g.heads.Load() != 0 {
		t.Errorf("sent %d HEADs with a known object, want 0", g.heads.Load())
	}
	want := Result{Path: dest, Size: int64(len(data)), ETag: md5Hex(data), Fetched: int64(len(data))}
	if res != want {
		t.Errorf("result %+v, want %+v", res, want)
	}
	mustNotExist(t, PartialPath(dest), sidecarPath(PartialPath(dest)))
}

func TestDownloadLargeObjectInParallelRanges(t *testing.T) {
	data := randomBytes(10*testPart+123, 2)
	g := newFake(data)
	dest := filepath.Join(t.TempDir(), "big.mp4")
	if _, err := download(t, context.Background(), g, dest, false, testOpts()); err != nil {
		t.Fatal(err)
	}
	mustEqualFile(t, dest, data)
	if n := g.gets.Load(); n != 11 {
		t.Errorf("GETs = %d, want 11 ranges", n)
	}
	if g.heads.Load() != 1 {
		t.Errorf("HEADs = %d, want 1 without a listing", g.heads.Load())
	}
	for _, r := range g.rangeLog() {
		if strings.HasSuffix(r, ":-1") {
			t.Errorf("ranged download sent an open-ended GET %s", r)
		}
	}
}

func TestDownloadEmptyObject(t *testing.T) {
	g := newFake(nil)
	dest := filepath.Join(t.TempDir(), "empty.mp4")
	if _, err := download(t, context.Background(), g, dest, true, testOpts()); err != nil {
		t.Fatal(err)
	}
	mustEqualFile(t, dest, nil)
	if g.gets.Load() != 1 {
		t.Errorf("GETs = %d, want 1 (the object must still exist)", g.gets.Load())
	}
}

func TestDownloadVerifiesChecksums(t *testing.T) {
	data := randomBytes(5*testPart, 3)
	corrupt := bytes.Clone(data)
	corrupt[len(corrupt)/2] ^= 1
	sum := sha256.Sum256(data)
	goodSHA := base64.StdEncoding.EncodeToString(sum[:])
	tests := []struct {
		name     string
		served   []byte
		etag     string
		sha      string
		partSize int64
		wantErr  bool
	}{
		{"md5 etag of good bytes, one GET", data, md5Hex(data), "", 8 << 20, false},
		{"md5 etag of good bytes, ranges", data, md5Hex(data), "", testPart, false},
		{"md5 etag of corrupt bytes, one GET", corrupt, md5Hex(data), "", 8 << 20, true},
		{"md5 etag of corrupt bytes, ranges", corrupt, md5Hex(data), "", testPart, true},
		{"multipart etag is not an md5", corrupt, md5Hex(data) + "-3", "", testPart, false},
		{"sha256 checksum of good bytes", data, "abc-2", goodSHA, 8 << 20, false},
		{"sha256 checksum of corrupt bytes", corrupt, "abc-2", goodSHA, testPart, true},
		{"composite sha256 is not a digest", corrupt, "abc-2", goodSHA + "-2", testPart, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := &fakeGetter{}
			g.put(tt.served, tt.etag)
			g.info.ChecksumSHA256 = tt.sha
			dest := filepath.Join(t.TempDir(), "v.mp4")
			_, err := download(t, context.Background(), g, dest, false, Options{PartSize: tt.partSize})
			if !tt.wantErr {
				if err != nil {
					t.Fatal(err)
				}
				mustEqualFile(t, dest, tt.served)
				return
			}
			if codeOf(t, err) != apperr.VerifyFailed {
				t.Fatalf("err %v, want %s", err, apperr.VerifyFailed)
			}
			mustNotExist(t, dest, PartialPath(dest), sidecarPath(PartialPath(dest)))
		})
	}
}

func TestDownloadChecksSHA256NamedByTheWholeGET(t *testing.T) {
	data := randomBytes(testPart, 4)
	g := &fakeGetter{}
	g.put(bytes.Repeat([]byte{7}, testPart), "abc-2")
	sum := sha256.Sum256(data) // the server promises other bytes than it sends
	g.info.ChecksumSHA256 = base64.StdEncoding.EncodeToString(sum[:])
	dest := filepath.Join(t.TempDir(), "x.mp4")
	_, err := download(t, context.Background(), g, dest, true, testOpts())
	if codeOf(t, err) != apperr.VerifyFailed {
		t.Fatalf("err %v, want %s", err, apperr.VerifyFailed)
	}
}

func TestDownloadCancelledLeavesAResumablePartialAndNoFinalFile(t *testing.T) {
	data := randomBytes(16*testPart, 5)
	g := newFake(data)
	g.readChunk = 8 << 10
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	g.onGet = func(n, _, _ int64) {
		if n == 9 { // half the parts asked for: stop
			cancel()
		}
	}
	dest := filepath.Join(t.TempDir(), "r.mp4")
	opts := Options{PartSize: testPart, Concurrency: 2}
	_, err := download(t, ctx, g, dest, true, opts)
	if codeOf(t, err) != apperr.Cancelled {
		t.Fatalf("err %v, want %s", err, apperr.Cancelled)
	}
	mustNotExist(t, dest)
	for _, p := range []string{PartialPath(dest), sidecarPath(PartialPath(dest))} {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("after cancel: %v", err)
		}
	}

	kept := ResumableBytes(dest, md5Hex(data))
	if kept <= 0 || kept >= int64(len(data)) || ResumableBytes(dest, "other-etag") != 0 {
		t.Fatalf("ResumableBytes = %d of %d, want some but not all, and none for another version", kept, len(data))
	}

	g.onGet = nil
	firstServed := g.served.Load()
	res, err := download(t, context.Background(), g, dest, true, opts)
	if err != nil {
		t.Fatal(err)
	}
	mustEqualFile(t, dest, data)
	if !res.Resumed || res.Fetched != int64(len(data))-kept || res.Fetched != g.served.Load()-firstServed {
		t.Errorf("resumed=%v fetched=%d: want a resume fetching the %d unsaved bytes", res.Resumed, res.Fetched, int64(len(data))-kept)
	}
	if again := g.served.Load() - firstServed; again >= int64(len(data)) || firstServed+again < int64(len(data)) {
		t.Errorf("served %d bytes then %d, want the second run to fetch only what was missing", firstServed, again)
	}
	mustNotExist(t, PartialPath(dest), sidecarPath(PartialPath(dest)))
}

func TestDownloadResumesAnInterruptedSingleGETFromItsOffset(t *testing.T) {
	data := randomBytes(testPart+999, 6)
	g := newFake(data)
	g.readChunk = 4 << 10
	g.readDelay = 2 * time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	dest := filepath.Join(t.TempDir(), "s.mp4")
	go func() {
		for g.served.Load() < int64(len(data)/2) {
			time.Sleep(time.Millisecond)
		}
		cancel()
	}()
	if _, err := download(t, ctx, g, dest, true, testOpts()); codeOf(t, err) != apperr.Cancelled {
		t.Fatalf("err %v, want cancelled", err)
	}
	g.readDelay = 0
	res, err := download(t, context.Background(), g, dest, true, testOpts())
	if err != nil {
		t.Fatal(err)
	}
	mustEqualFile(t, dest, data) // the MD5 of the ETag covers the resumed prefix too
	log := g.rangeLog()
	if last := log[len(log)-1]; !res.Resumed || strings.HasPrefix(last, "0:") || !strings.HasSuffix(last, ":-1") {
		t.Errorf("resumed=%v, last GET %q: want an open range from the saved offset", res.Resumed, last)
	}
}

func TestDownloadStartsOverWhenThePartialIsOfAnotherVersion(t *testing.T) {
	old := randomBytes(8*testPart, 7)
	g := newFake(old)
	ctx, cancel := context.WithCancel(context.Background())
	g.onGet = func(n, _, _ int64) {
		if n == 4 {
			cancel()
		}
	}
	dest := filepath.Join(t.TempDir(), "v.mp4")
	opts := Options{PartSize: testPart, Concurrency: 1}
	if _, err := download(t, ctx, g, dest, true, opts); err == nil {
		t.Fatal("want the first download cancelled")
	}
	g.onGet = nil
	fresh := randomBytes(8*testPart, 8)
	g.put(fresh, md5Hex(fresh))
	res, err := download(t, context.Background(), g, dest, true, opts)
	if err != nil {
		t.Fatal(err)
	}
	mustEqualFile(t, dest, fresh)
	if res.Resumed || res.ETag != md5Hex(fresh) {
		t.Errorf("result %+v: want a fresh download of the new version", res)
	}
}

func TestDownloadRestartsFromZeroWhenTheObjectIsReplacedMidway(t *testing.T) {
	for _, known := range []bool{true, false} {
		t.Run(map[bool]string{true: "listed", false: "headed"}[known], func(t *testing.T) {
			old := randomBytes(8*testPart, 9)
			fresh := randomBytes(6*testPart+5, 10)
			g := newFake(old)
			var once sync.Once
			g.onGet = func(n, _, _ int64) {
				if n == 3 {
					once.Do(func() { g.put(fresh, md5Hex(fresh)) })
				}
			}
			dest := filepath.Join(t.TempDir(), "m.mp4")
			res, err := download(t, context.Background(), g, dest, known, Options{PartSize: testPart, Concurrency: 2})
			if err != nil {
				t.Fatal(err)
			}
			mustEqualFile(t, dest, fresh)
			if res.ETag != md5Hex(fresh) || res.Size != int64(len(fresh)) {
				t.Errorf("result %+v: want the new version's ETag and size", res)
			}
		})
	}
}

func TestDownloadGivesUpWhenTheObjectKeepsChanging(t *testing.T) {
	g := newFake(randomBytes(4*testPart, 11))
	g.onGet = func(n, _, _ int64) {
		v := randomBytes(4*testPart, uint64(100+n))
		g.put(v, md5Hex(v))
	}
	dest := filepath.Join(t.TempDir(), "c.mp4")
	_, err := download(t, context.Background(), g, dest, true, testOpts())
	if codeOf(t, err) != apperr.S3ObjectChanged {
		t.Fatalf("err %v, want %s", err, apperr.S3ObjectChanged)
	}
	if h := g.heads.Load(); h != maxRestarts {
		t.Errorf("HEADs = %d, want one per restart (%d)", h, maxRestarts)
	}
	mustNotExist(t, dest, PartialPath(dest), sidecarPath(PartialPath(dest)))
}

func TestDownloadRetriesADroppedConnectionFromWhereItStopped(t *testing.T) {
	fastRetries(t)
	data := randomBytes(6*testPart, 12)
	g := newFake(data)
	g.cutAfter, g.readChunk = 10000, 4096
	g.cuts.Store(5)
	dest := filepath.Join(t.TempDir(), "d.mp4")
	if _, err := download(t, context.Background(), g, dest, true, Options{PartSize: testPart, Concurrency: 3}); err != nil {
		t.Fatal(err)
	}
	mustEqualFile(t, dest, data)
	if served := g.served.Load(); served != int64(len(data)) {
		t.Errorf("served %d bytes for a %d-byte object: retries must not fetch again what was written", served, len(data))
	}
}

func TestDownloadFailuresKeepOrDropThePartial(t *testing.T) {
	fastRetries(t)
	tests := []struct {
		name     string
		err      error
		wantKeep bool
	}{
		{"network down keeps it", apperr.New(apperr.NetUnreachable), true},
		{"access denied drops it", apperr.New(apperr.S3AccessDenied), false},
		{"object gone drops it", apperr.New(apperr.S3ObjectNotFound), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := randomBytes(4*testPart, 13)
			g := newFake(data)
			g.onGet = func(n, _, _ int64) {
				if n == 2 {
					g.failWith = tt.err
				}
			}
			dest := filepath.Join(t.TempDir(), "f.mp4")
			_, err := download(t, context.Background(), g, dest, true, Options{PartSize: testPart, Concurrency: 1})
			var e *apperr.Error
			if !errors.As(err, &e) || e.Code != apperr.CodeOf(tt.err) || e.Details["key"] != "k" {
				t.Fatalf("err %v, want %s naming the key", err, apperr.CodeOf(tt.err))
			}
			mustNotExist(t, dest)
			_, statErr := os.Stat(PartialPath(dest))
			if kept := statErr == nil; kept != tt.wantKeep {
				t.Errorf("partial kept = %v, want %v", kept, tt.wantKeep)
			}
		})
	}
}

func TestDownloadKeepsBothWhenDestHoldsAnotherFile(t *testing.T) {
	data := randomBytes(1000, 14)
	dir := t.TempDir()
	dest := filepath.Join(dir, "clip.mp4")
	for _, p := range []string{dest, filepath.Join(dir, "clip (1).mp4")} {
		if err := os.WriteFile(p, []byte("theirs"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := download(t, context.Background(), newFake(data), dest, true, testOpts())
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "clip (2).mp4"); res.Path != want || !res.KeptBoth {
		t.Fatalf("result %+v, want Path %s and KeptBoth", res, want)
	}
	mustEqualFile(t, res.Path, data)
	mustEqualFile(t, dest, []byte("theirs"))
}

func TestDownloadReplacesItsOwnFileWhenTold(t *testing.T) {
	data := randomBytes(1000, 15)
	dest := filepath.Join(t.TempDir(), "clip.mp4")
	if err := os.WriteFile(dest, []byte("older version"), 0o644); err != nil {
		t.Fatal(err)
	}
	req := Request{Bucket: "b", Key: "k", Dest: dest, ReplaceExisting: true}
	res, err := Download(context.Background(), newFake(data), req, testOpts())
	if err != nil {
		t.Fatal(err)
	}
	if res.Path != dest || res.KeptBoth {
		t.Fatalf("result %+v, want dest replaced", res)
	}
	mustEqualFile(t, dest, data)
}

func TestDownloadReportsProgressWhileOnePartStreams(t *testing.T) {
	data := randomBytes(testPart, 16)
	g := newFake(data)
	g.readChunk, g.readDelay = 2048, time.Millisecond
	var mu sync.Mutex
	var seen []Progress
	opts := testOpts()
	opts.ProgressEvery = 10 * time.Millisecond
	opts.OnProgress = func(p Progress) { mu.Lock(); seen = append(seen, p); mu.Unlock() }
	if _, err := download(t, context.Background(), g, filepath.Join(t.TempDir(), "p.mp4"), true, opts); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(seen) < 3 {
		t.Fatalf("got %d progress calls during a ~32-read single GET, want several", len(seen))
	}
	last := seen[len(seen)-1]
	if last.Done != last.Total || last.Total != int64(len(data)) || last.ETA != 0 || last.Key != "k" {
		t.Errorf("final progress %+v, want all done", last)
	}
	mid := seen[len(seen)/2]
	if mid.Done <= 0 || mid.Done >= mid.Total || mid.Rate <= 0 || mid.ETA <= 0 {
		t.Errorf("mid progress %+v, want partial bytes with a rate and an ETA", mid)
	}
	for i := 1; i < len(seen); i++ {
		if seen[i].Done < seen[i-1].Done {
			t.Fatalf("progress went back: %+v then %+v", seen[i-1], seen[i])
		}
	}
}

func TestDownloadRejectsARelativeDest(t *testing.T) {
	_, err := Download(context.Background(), newFake(nil), Request{Bucket: "b", Key: "k", Dest: "rel/x"}, Options{})
	if codeOf(t, err) != apperr.InvalidInput {
		t.Fatalf("err %v, want %s", err, apperr.InvalidInput)
	}
}

func TestDownloadIntoAFileWhereAFolderShouldBeIsALocalError(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "cam"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := download(t, context.Background(), newFake([]byte("x")), filepath.Join(dir, "cam", "a.mp4"), true, testOpts())
	if c := codeOf(t, err); c != apperr.LocalIO {
		t.Fatalf("err %v, want %s", err, apperr.LocalIO)
	}
}

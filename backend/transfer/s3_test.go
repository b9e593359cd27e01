package transfer

import (
	"context"
	"crypto/sha256"
	"io"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"vpack-s3-sync/backend/apperr"
	"vpack-s3-sync/backend/s3api"
	"vpack-s3-sync/backend/s3test"
)

const bucket = "videos"

// startS3 runs versitygw with one bucket and returns it with an s3api client to endpoint
// ("" = the server itself; a toxiproxy endpoint puts the proxy in between).
func startS3(t *testing.T) *s3test.Server {
	t.Helper()
	srv := s3test.Start(t)
	srv.CreateBucket(t, bucket)
	return srv
}

func connect(t *testing.T, srv *s3test.Server, endpoint string, timeout time.Duration) *s3api.Client {
	t.Helper()
	if endpoint == "" {
		endpoint = srv.Endpoint
	}
	c, err := s3api.Connect(context.Background(), s3api.Config{
		AccessKeyID: srv.AccessKey, SecretAccessKey: srv.SecretKey, Region: srv.Region,
		Endpoint: endpoint, RequestTimeout: timeout,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// listed is what a listing would hand the syncer for key.
func listed(t *testing.T, c *s3api.Client, key string) *s3api.Object {
	t.Helper()
	info, err := c.Head(context.Background(), bucket, key)
	if err != nil {
		t.Fatal(err)
	}
	return &s3api.Object{Key: key, Size: info.Size, ETag: info.ETag}
}

// spyGetter counts the GETs and body bytes that pass through it, and can act before a GET.
type spyGetter struct {
	Getter
	gets, bytes atomic.Int64
	beforeGet   func(n int64)
}

func (s *spyGetter) GetRange(ctx context.Context, b, k string, off, length int64, ifMatch string) (io.ReadCloser, s3api.ObjectInfo, error) {
	n := s.gets.Add(1)
	if s.beforeGet != nil {
		s.beforeGet(n)
	}
	rc, info, err := s.Getter.GetRange(ctx, b, k, off, length, ifMatch)
	if err != nil {
		return nil, info, err
	}
	return &countingBody{ReadCloser: rc, n: &s.bytes}, info, nil
}

type countingBody struct {
	io.ReadCloser
	n *atomic.Int64
}

func (b *countingBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	b.n.Add(int64(n))
	return n, err
}

func sha256File(t *testing.T, path string) [32]byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		t.Fatal(err)
	}
	return [32]byte(h.Sum(nil))
}

func mustMatchSHA256(t *testing.T, path string, want []byte) {
	t.Helper()
	if sha256File(t, path) != sha256.Sum256(want) {
		t.Fatalf("%s differs from the uploaded object (SHA-256)", path)
	}
}

func TestS3MultipartObjectDownloadsByRangesByteIdentical(t *testing.T) {
	srv := startS3(t)
	c := connect(t, srv, "", 0)
	data := randomBytes(23<<20+777, 30)
	srv.PutMultipart(t, bucket, "cam1/multi.mp4", data, 5<<20)
	spy := &spyGetter{Getter: c}
	rc := &s3api.RequestCounter{}
	ctx := s3api.WithRequestCounter(context.Background(), rc)
	dest := filepath.Join(t.TempDir(), "cam1", "multi.mp4")
	known := listed(t, c, "cam1/multi.mp4")
	res, err := Download(ctx, spy, Request{Bucket: bucket, Key: known.Key, Dest: dest, Known: known},
		Options{PartSize: 4 << 20, Concurrency: 4})
	if err != nil {
		t.Fatal(err)
	}
	mustMatchSHA256(t, dest, data)
	if spy.gets.Load() != 6 || rc.Get.Load() != 6 || rc.Head.Load() != 0 {
		t.Errorf("GETs %d (counted %d), HEADs %d: want 6 ranges of 4 MiB and no HEAD",
			spy.gets.Load(), rc.Get.Load(), rc.Head.Load())
	}
	if res.Size != int64(len(data)) || res.ETag != known.ETag || res.Path != dest {
		t.Errorf("result %+v", res)
	}
}

func TestS3SinglePartObjectIsCheckedAgainstItsMD5(t *testing.T) {
	srv := startS3(t)
	c := connect(t, srv, "", 0)
	for _, tt := range []struct {
		name     string
		size     int
		partSize int64
	}{
		{"one GET", 3 << 20, 8 << 20},
		{"ranges", 9<<20 + 1, 2 << 20},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data := randomBytes(tt.size, uint64(tt.size))
			srv.Put(t, bucket, "single.mp4", data)
			known := listed(t, c, "single.mp4")
			if !isMD5ETag(known.ETag) {
				t.Fatalf("versitygw ETag %q is not an MD5", known.ETag)
			}
			dest := filepath.Join(t.TempDir(), "single.mp4")
			if _, err := Download(context.Background(), c, Request{Bucket: bucket, Key: "single.mp4", Dest: dest},
				Options{PartSize: tt.partSize}); err != nil {
				t.Fatal(err)
			}
			mustMatchSHA256(t, dest, data)
		})
	}
}

func TestS3CancelledDownloadResumesFetchingOnlyWhatIsMissing(t *testing.T) {
	srv := startS3(t)
	c := connect(t, srv, "", 0)
	data := randomBytes(16<<20, 31)
	srv.PutMultipart(t, bucket, "r.mp4", data, 5<<20)
	known := listed(t, c, "r.mp4")
	dest := filepath.Join(t.TempDir(), "r.mp4")
	opts := Options{PartSize: 1 << 20, Concurrency: 2, Limiter: NewLimiter(16 << 20)}

	ctx, cancel := context.WithCancel(context.Background())
	first := &spyGetter{Getter: c}
	first.beforeGet = func(int64) {
		if first.bytes.Load() >= 8<<20 {
			cancel()
		}
	}
	_, err := Download(ctx, first, Request{Bucket: bucket, Key: "r.mp4", Dest: dest, Known: known}, opts)
	if codeOf(t, err) != apperr.Cancelled {
		t.Fatalf("err %v, want cancelled", err)
	}
	mustNotExist(t, dest)
	if _, err := os.Stat(sidecarPath(PartialPath(dest))); err != nil {
		t.Fatalf("no sidecar after cancel: %v", err)
	}

	second := &spyGetter{Getter: c}
	res, err := Download(context.Background(), second, Request{Bucket: bucket, Key: "r.mp4", Dest: dest, Known: known},
		Options{PartSize: 1 << 20, Concurrency: 4})
	if err != nil {
		t.Fatal(err)
	}
	mustMatchSHA256(t, dest, data)
	if !res.Resumed || second.bytes.Load() > int64(len(data))-first.bytes.Load()+(2<<20) {
		t.Errorf("resumed=%v, fetched %d then %d of %d bytes: want only the missing ones again",
			res.Resumed, first.bytes.Load(), second.bytes.Load(), len(data))
	}
	mustNotExist(t, PartialPath(dest), sidecarPath(PartialPath(dest)))
}

func TestS3ReplacedObjectRestartsWithTheNewVersion(t *testing.T) {
	srv := startS3(t)
	c := connect(t, srv, "", 0)
	v1, v2 := randomBytes(12<<20, 32), randomBytes(11<<20+5, 33)
	srv.PutMultipart(t, bucket, "x.mp4", v1, 5<<20)
	known := listed(t, c, "x.mp4")
	spy := &spyGetter{Getter: c}
	spy.beforeGet = func(n int64) {
		if n == 2 { // after the first range of v1 arrived, another camera upload replaces it
			srv.Put(t, bucket, "x.mp4", v2)
		}
	}
	dest := filepath.Join(t.TempDir(), "x.mp4")
	rc := &s3api.RequestCounter{}
	ctx := s3api.WithRequestCounter(context.Background(), rc)
	res, err := Download(ctx, spy, Request{Bucket: bucket, Key: "x.mp4", Dest: dest, Known: known},
		Options{PartSize: 2 << 20, Concurrency: 1})
	if err != nil {
		t.Fatal(err)
	}
	mustMatchSHA256(t, dest, v2)
	if rc.Head.Load() != 1 {
		t.Errorf("HEADs = %d, want 1: the pinned GET must have failed and the restart asked anew", rc.Head.Load())
	}
	if res.ETag == known.ETag || res.ETag != listed(t, c, "x.mp4").ETag || res.Size != int64(len(v2)) {
		t.Errorf("result %+v: want v2's ETag and size", res)
	}
}

func TestS3CancelLeavesNothingUnderTheFinalName(t *testing.T) {
	srv := startS3(t)
	c := connect(t, srv, "", 0)
	srv.Put(t, bucket, "small.mp4", randomBytes(4<<20, 34))
	ctx, cancel := context.WithCancel(context.Background())
	spy := &spyGetter{Getter: c}
	opts := Options{Limiter: NewLimiter(2 << 20), OnProgress: func(p Progress) {
		if p.Done > 1<<20 {
			cancel()
		}
	}, ProgressEvery: 10 * time.Millisecond}
	dest := filepath.Join(t.TempDir(), "small.mp4")
	_, err := Download(ctx, spy, Request{Bucket: bucket, Key: "small.mp4", Dest: dest}, opts)
	if codeOf(t, err) != apperr.Cancelled {
		t.Fatalf("err %v, want cancelled", err)
	}
	mustNotExist(t, dest)
}

func TestS3KeepsBothWhenTheNameIsTaken(t *testing.T) {
	srv := startS3(t)
	c := connect(t, srv, "", 0)
	data := randomBytes(100<<10, 35)
	srv.Put(t, bucket, "clip.mp4", data)
	dir := t.TempDir()
	dest := filepath.Join(dir, "clip.mp4")
	if err := os.WriteFile(dest, []byte("a file the user made"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Download(context.Background(), c, Request{Bucket: bucket, Key: "clip.mp4", Dest: dest}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.KeptBoth || res.Path != filepath.Join(dir, "clip (1).mp4") {
		t.Fatalf("result %+v, want clip (1).mp4 kept beside", res)
	}
	mustMatchSHA256(t, res.Path, data)
	mustEqualFile(t, dest, []byte("a file the user made"))
}

func TestS3LimiterIsSharedByConcurrentDownloads(t *testing.T) {
	srv := startS3(t)
	c := connect(t, srv, "", 0)
	data := randomBytes(3<<20, 36)
	srv.Put(t, bucket, "a.mp4", data)
	srv.Put(t, bucket, "b.mp4", data)
	lim := NewLimiter(4 << 20) // 6 MiB in all at 4 MiB/s ≈ 1.5 s
	dir := t.TempDir()
	start := time.Now()
	errs := make(chan error, 2)
	for _, k := range []string{"a.mp4", "b.mp4"} {
		go func() {
			_, err := Download(context.Background(), c, Request{Bucket: bucket, Key: k, Dest: filepath.Join(dir, k)},
				Options{PartSize: 1 << 20, Limiter: lim})
			errs <- err
		}()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if got := time.Since(start); got < 1300*time.Millisecond || got > 4*time.Second {
		t.Errorf("6 MiB under a shared 4 MiB/s limit took %v, want about 1.5 s", got)
	}
	for _, k := range []string{"a.mp4", "b.mp4"} {
		mustMatchSHA256(t, filepath.Join(dir, k), data)
	}
}

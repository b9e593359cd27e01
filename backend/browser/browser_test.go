package browser

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"vpack-s3-sync/backend/apperr"
	"vpack-s3-sync/backend/s3api"
	"vpack-s3-sync/backend/s3test"
	"vpack-s3-sync/backend/transfer"
)

// gatewayProvider connects to the test gateway and counts how often it is asked.
type gatewayProvider struct {
	srv   *s3test.Server
	mu    sync.Mutex
	calls int
}

func (p *gatewayProvider) ClientFor(ctx context.Context, connID int64) (*s3api.Client, error) {
	p.mu.Lock()
	p.calls++
	p.mu.Unlock()
	return s3api.Connect(ctx, s3api.Config{
		AccessKeyID: p.srv.AccessKey, SecretAccessKey: p.srv.SecretKey,
		Region: p.srv.Region, Endpoint: p.srv.Endpoint,
	})
}

func startGateway(t *testing.T) (*s3test.Server, *Service, *gatewayProvider) {
	t.Helper()
	srv := s3test.Start(t)
	srv.CreateBucket(t, "cams")
	p := &gatewayProvider{srv: srv}
	return srv, New(p), p
}

func TestLevelListsFoldersThenFilesAndReusesTheClient(t *testing.T) {
	srv, svc, p := startGateway(t)
	for _, k := range []string{"camera1/a.mp4", "camera2/b.mp4", "top.mp4", "notes.txt"} {
		srv.Put(t, "cams", k, []byte(k))
	}
	ctx := context.Background()
	lvl, err := svc.Level(ctx, 1, "cams", "", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(lvl.Folders) != 2 || lvl.Folders[0].Prefix != "camera1/" || len(lvl.Files) != 2 {
		t.Fatalf("level = %+v", lvl)
	}
	if _, err := svc.Buckets(ctx, 1); err != nil {
		t.Fatal(err)
	}
	if p.calls != 1 {
		t.Fatalf("connected %d times, want once per connection", p.calls)
	}
	svc.Forget(1)
	if _, err := svc.Level(ctx, 1, "cams", "camera1/", ""); err != nil {
		t.Fatal(err)
	}
	if p.calls != 2 {
		t.Fatalf("after Forget connected %d times in all, want 2", p.calls)
	}
}

func TestPreviewCountsVideosAndListsTheNewestFirst(t *testing.T) {
	srv, svc, _ := startGateway(t)
	for i := 0; i < 7; i++ {
		srv.Put(t, "cams", fmt.Sprintf("camera1/2026/12/01/%02d.mp4", i), bytes.Repeat([]byte{1}, 100+i))
		time.Sleep(1100 * time.Millisecond / 7) // distinct LastModified seconds for the newest order
	}
	srv.Put(t, "cams", "camera1/snapshot.jpg", []byte("jpeg"))
	p, err := svc.PreviewFolder(context.Background(), 1, "cams", "camera1/")
	if err != nil {
		t.Fatal(err)
	}
	if p.VideoCount != 7 || p.TotalBytes != 7*100+21 {
		t.Fatalf("preview = %d videos, %d bytes; want 7, 721", p.VideoCount, p.TotalBytes)
	}
	if len(p.Newest) != NewestShown || p.Truncated || p.PagesRead != 1 || p.ListRequests != 1 {
		t.Fatalf("preview = %+v", p)
	}
	for i := 1; i < len(p.Newest); i++ {
		if p.Newest[i].LastModified.After(p.Newest[i-1].LastModified) {
			t.Fatalf("newest not in order: %v", p.Newest)
		}
	}
}

func TestPreviewStopsAfterItsPagesOnABigFolder(t *testing.T) {
	srv, svc, _ := startGateway(t)
	keys := make([]string, PreviewPages*1000+5)
	for i := range keys {
		keys[i] = fmt.Sprintf("cam/%05d.mp4", i)
	}
	srv.PutMany(t, "cams", keys, func(string) []byte { return []byte("v") })
	p, err := svc.PreviewFolder(context.Background(), 1, "cams", "cam/")
	if err != nil {
		t.Fatal(err)
	}
	if !p.Truncated || p.VideoCount != PreviewPages*1000 || p.PagesRead != PreviewPages+1 {
		t.Fatalf("preview = truncated %v, %d videos, %d pages", p.Truncated, p.VideoCount, p.PagesRead)
	}
}

func TestDownloadBatchWritesEachFileAndReportsFailures(t *testing.T) {
	srv, svc, _ := startGateway(t)
	want := map[string][]byte{
		"camera1/2026/12/01/0800.mp4": bytes.Repeat([]byte("a"), 300<<10),
		"camera2/0900.mp4":            bytes.Repeat([]byte("b"), 20<<20),
	}
	for k, v := range want {
		srv.Put(t, "cams", k, v)
	}
	dest := t.TempDir()
	var mu sync.Mutex
	var last []BatchProgress
	done := make(chan BatchProgress, 1)
	id, err := svc.StartDownload(context.Background(), DownloadRequest{
		ConnectionID: 1, Bucket: "cams", DestDir: dest,
		Keys: []string{"camera1/2026/12/01/0800.mp4", "camera2/0900.mp4", "camera3/missing.mp4"},
	}, DownloadOptions{}, func(p BatchProgress) {
		mu.Lock()
		last = append(last, p)
		mu.Unlock()
		if p.Finished {
			done <- p
		}
	})
	if err != nil || id == "" {
		t.Fatalf("start: %q %v", id, err)
	}
	var final BatchProgress
	select {
	case final = <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("batch did not finish")
	}
	if final.FilesDone != 2 || len(final.Failed) != 1 || final.Failed[0].Err.Code != apperr.S3ObjectNotFound {
		t.Fatalf("final = %+v", final)
	}
	if final.BytesDone != int64(300<<10+20<<20) {
		t.Fatalf("bytes done = %d", final.BytesDone)
	}
	mu.Lock()
	sawFile := false
	for _, p := range last {
		if p.KeyTotal > 0 {
			sawFile = true
			if p.KeyDone > p.KeyTotal || p.Key == "" {
				t.Fatalf("file progress %q %d/%d", p.Key, p.KeyDone, p.KeyTotal)
			}
		}
	}
	mu.Unlock()
	if !sawFile {
		t.Fatal("no progress named a file and its size")
	}
	for k, v := range want {
		got, err := os.ReadFile(filepath.Join(dest, Name(k)))
		if err != nil || sha256.Sum256(got) != sha256.Sum256(v) {
			t.Fatalf("%s on disk differs: %v", k, err)
		}
	}
}

func TestStartDownloadRejectsBadInputBeforeConnecting(t *testing.T) {
	svc := New(nil)
	tests := []struct {
		name string
		req  DownloadRequest
	}{
		{"no keys", DownloadRequest{DestDir: "/tmp"}},
		{"relative folder", DownloadRequest{Keys: []string{"a.mp4"}, DestDir: "videos"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := svc.StartDownload(context.Background(), tc.req, DownloadOptions{}, nil)
			if apperr.CodeOf(err) != apperr.InvalidInput {
				t.Fatalf("err = %v, want input.invalid", err)
			}
		})
	}
}

func TestCancelDownloadStopsTheBatch(t *testing.T) {
	srv, svc, _ := startGateway(t)
	srv.Put(t, "cams", "big.mp4", bytes.Repeat([]byte("c"), 64<<20))
	dest := t.TempDir()
	done := make(chan BatchProgress, 1)
	started := make(chan struct{}, 1)
	id, err := svc.StartDownload(context.Background(), DownloadRequest{
		ConnectionID: 1, Bucket: "cams", Keys: []string{"big.mp4"}, DestDir: dest,
	}, DownloadOptions{Limiter: transfer.NewLimiter(4 << 20), Every: 10 * time.Millisecond}, func(p BatchProgress) {
		if p.BytesDone > 0 {
			select {
			case started <- struct{}{}:
			default:
			}
		}
		if p.Finished {
			done <- p
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-started:
	case <-time.After(30 * time.Second):
		t.Fatal("no bytes arrived")
	}
	if !svc.CancelDownload(id) {
		t.Fatal("a running batch could not be cancelled")
	}
	select {
	case p := <-done:
		if !p.Finished || !p.Cancelled || p.FilesDone != 0 || len(p.Failed) != 0 {
			t.Fatalf("final = %+v", p)
		}
		if _, err := os.Stat(filepath.Join(dest, "big.mp4")); !os.IsNotExist(err) {
			t.Fatalf("a cancelled file shows under its final name: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("cancelled batch did not finish")
	}
	if svc.CancelDownload(id) {
		t.Fatal("a finished batch can still be cancelled")
	}
}

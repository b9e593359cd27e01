package transfer

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"vpack-s3-sync/backend/apperr"
	"vpack-s3-sync/backend/s3api"
	"vpack-s3-sync/backend/s3test"
)

// TestS3DownloadsSurviveAFlakyNetwork puts toxiproxy between the client and versitygw and
// breaks the network while ranged downloads run: every download must still finish
// byte-identical.
func TestS3DownloadsSurviveAFlakyNetwork(t *testing.T) {
	srv := startS3(t)
	px := s3test.StartToxiproxy(t, srv)
	c := connect(t, srv, px.Endpoint, 5*time.Second)
	data := randomBytes(12<<20+3, 40)
	srv.PutMultipart(t, bucket, "flaky.mp4", data, 5<<20)
	known := listed(t, connect(t, srv, "", 0), "flaky.mp4")

	tests := []struct {
		name   string
		toxic  string
		attrs  map[string]any
		window time.Duration // the toxic comes a quarter of the way in, for this long; 0 = throughout
	}{
		// reset_peer swallows the first bytes of every connection and resets it: bodies under
		// way break, and new requests fail until it goes.
		{"reset_peer", "reset_peer", map[string]any{"timeout": 0}, 1500 * time.Millisecond},
		{"latency with jitter", "latency", map[string]any{"latency": 80, "jitter": 40}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := strings.ReplaceAll(tt.name, " ", "_")
			if tt.window == 0 {
				px.AddToxic(t, name, tt.toxic, "downstream", tt.attrs)
			}
			quarter := make(chan struct{})
			var once sync.Once
			opts := Options{PartSize: 1 << 20, Concurrency: 4, Limiter: NewLimiter(8 << 20),
				ProgressEvery: 20 * time.Millisecond, OnProgress: func(p Progress) {
					if p.Done > p.Total/4 {
						once.Do(func() { close(quarter) })
					}
				}}
			dest := filepath.Join(t.TempDir(), "flaky.mp4")
			spy := &spyGetter{Getter: c}
			result := make(chan error, 1)
			go func() {
				_, err := Download(context.Background(), spy, Request{Bucket: bucket, Key: known.Key, Dest: dest, Known: known}, opts)
				result <- err
			}()
			var err error
			if tt.window > 0 {
				select {
				case <-quarter:
					px.AddToxic(t, name, tt.toxic, "downstream", tt.attrs)
					time.Sleep(tt.window) // the network is bad for this long, whatever the client does
					px.RemoveToxic(t, name)
					err = <-result
				case err = <-result:
					t.Fatalf("download ended before the toxic came: %v", err)
				}
			} else {
				err = <-result
				px.RemoveToxic(t, name)
			}
			if err != nil {
				t.Fatal(err)
			}
			mustMatchSHA256(t, dest, data)
			if tt.toxic == "reset_peer" && spy.gets.Load() <= 13 {
				t.Errorf("%d GETs for 13 parts: the resets never bit, so the test proved nothing", spy.gets.Load())
			}
			t.Logf("%s: %d GETs, %d body bytes for a %d-byte object", tt.name, spy.gets.Load(), spy.bytes.Load(), len(data))
		})
	}
}

// TestS3StalledConnectionEndsInATimeoutNotAHang: when the network stops answering, Download
// returns net.timeout within a bounded time and keeps the partial file for a resume.
func TestS3StalledConnectionEndsInATimeoutNotAHang(t *testing.T) {
	srv := startS3(t)
	px := s3test.StartToxiproxy(t, srv)
	c := connect(t, srv, px.Endpoint, time.Second)
	data := randomBytes(6<<20, 41)
	srv.Put(t, bucket, "stall.mp4", data)
	known := listed(t, connect(t, srv, "", 0), "stall.mp4")
	dest := filepath.Join(t.TempDir(), "stall.mp4")

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	halfway := make(chan struct{})
	var once sync.Once
	opts := Options{PartSize: 1 << 20, Concurrency: 2, Limiter: NewLimiter(4 << 20), ProgressEvery: 20 * time.Millisecond,
		OnProgress: func(p Progress) {
			if p.Done > 2<<20 {
				once.Do(func() { close(halfway) })
			}
		}}
	start := time.Now()
	result := make(chan error, 1)
	go func() {
		_, err := Download(ctx, c, Request{Bucket: bucket, Key: known.Key, Dest: dest, Known: known}, opts)
		result <- err
	}()
	select {
	case <-halfway:
		// The network goes silent: no data, no close.
		px.AddToxic(t, "stall", "timeout", "downstream", map[string]any{"timeout": 0})
	case err := <-result:
		t.Fatalf("download ended before the stall: %v", err)
	}
	err := <-result
	if codeOf(t, err) != apperr.NetTimeout {
		t.Fatalf("err %v, want %s", err, apperr.NetTimeout)
	}
	if ctx.Err() != nil {
		t.Fatalf("Download hung until the test's deadline (%v)", time.Since(start))
	}
	t.Logf("stalled download gave up after %v", time.Since(start))
	mustNotExist(t, dest)
	px.RemoveToxic(t, "stall")

	res, err := Download(context.Background(), c, Request{Bucket: bucket, Key: known.Key, Dest: dest, Known: known},
		Options{PartSize: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Resumed {
		t.Error("the download after the stall started over, want a resume")
	}
	mustMatchSHA256(t, dest, data)
}

var _ Getter = (*s3api.Client)(nil)

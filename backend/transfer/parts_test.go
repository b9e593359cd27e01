package transfer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"vpack-s3-sync/backend/apperr"
)

// fastRetries shortens the pause between retries: a unit test checks the schedule, not its pace.
func fastRetries(t *testing.T) {
	old := retryFirst
	retryFirst = time.Millisecond
	t.Cleanup(func() { retryFirst = old })
}

func TestPartialPathIsAHiddenSiblingThatFits(t *testing.T) {
	dir := filepath.Join(string(filepath.Separator)+"videos", "cam")
	tests := []struct{ name, base string }{
		{"short name", "clip.mp4"},
		{"vietnamese name", "ghi hình.mp4"},
		{"name at the 255-byte limit", strings.Repeat("ệ", 85)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := PartialPath(filepath.Join(dir, tt.base))
			name := filepath.Base(p)
			if filepath.Dir(p) != dir || !strings.HasPrefix(name, ".") || !strings.HasSuffix(name, partialSuffix) {
				t.Errorf("PartialPath = %q, want a hidden .vpack-partial file in %s", p, dir)
			}
			if len(sidecarPath(name)+".tmp") > maxNameBytes || !utf8.ValidString(name) {
				t.Errorf("partial name %q (%d bytes) with its sidecar does not fit 255 bytes", name, len(name))
			}
		})
	}
	long1, long2 := strings.Repeat("a", 250)+"1", strings.Repeat("a", 250)+"2"
	if PartialPath(long1) == PartialPath(long2) {
		t.Error("two long names share one partial file")
	}
}

func TestPartialResumesOnlyAMatchingSidecar(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".x.vpack-partial")
	p, resumed, err := openPartial(path, "etag1", 10*testPart+1, testPart)
	if err != nil || resumed != 0 || p.parts() != 11 {
		t.Fatalf("new partial: parts %d resumed %d err %v", p.parts(), resumed, err)
	}
	p.done[0].Store(testPart)
	p.done[3].Store(100)
	if err := p.keep(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name        string
		etag        string
		size        int64
		wantResumed int64
	}{
		{"same version continues", "etag1", 10*testPart + 1, testPart + 100},
		{"other etag starts over", "etag2", 10*testPart + 1, 0},
		{"other size starts over", "etag1", 10 * testPart, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, resumed, err := openPartial(path, tt.etag, tt.size, 2*testPart)
			if err != nil {
				t.Fatal(err)
			}
			defer q.keep()
			if resumed != tt.wantResumed {
				t.Errorf("resumed %d bytes, want %d", resumed, tt.wantResumed)
			}
			if resumed > 0 && q.partSize != testPart {
				t.Errorf("part size %d, want the sidecar's layout %d", q.partSize, testPart)
			}
		})
	}
}

func TestPartialIgnoresADamagedSidecar(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".x.vpack-partial")
	for _, content := range []string{"", "{", `{"v":1,"etag":"e","size":10,"partSize":0,"done":[11]}`, `{"v":1,"etag":"e","size":10,"partSize":0,"done":[1,2]}`} {
		if err := os.WriteFile(path, make([]byte, 10), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(sidecarPath(path), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		p, resumed, err := openPartial(path, "e", 10, 0)
		if err != nil || resumed != 0 {
			t.Errorf("sidecar %q: resumed %d, err %v; want a fresh start", content, resumed, err)
		}
		p.discard()
	}
}

func TestClassifyNamesTheObjectAndMapsLocalErrors(t *testing.T) {
	j := &job{req: Request{Bucket: "b", Key: "cam/a.mp4", Dest: "/v/a.mp4"}}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name string
		ctx  context.Context
		err  error
		want apperr.Code
	}{
		{"disk full", context.Background(), fmt.Errorf("write x: %w", &os.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}), apperr.LocalDiskFull},
		{"permission", context.Background(), fmt.Errorf("create x: %w", os.ErrPermission), apperr.LocalPermission},
		{"other local failure", context.Background(), errors.New("rename: odd"), apperr.LocalIO},
		{"s3 error passes through", context.Background(), apperr.New(apperr.S3AccessDenied), apperr.S3AccessDenied},
		{"cancelled context wins", cancelled, apperr.New(apperr.NetUnreachable), apperr.Cancelled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var e *apperr.Error
			if !errors.As(j.classify(tt.ctx, tt.err), &e) || e.Code != tt.want {
				t.Fatalf("got %v, want %s", e, tt.want)
			}
			if e.Details["bucket"] != "b" || e.Details["key"] != "cam/a.mp4" || e.Details["path"] != "/v/a.mp4" {
				t.Errorf("details %v, want bucket, key and path", e.Details)
			}
		})
	}
}

func TestLimiterHoldsTheRateAcrossTransfers(t *testing.T) {
	rate := 2 << 20
	l := NewLimiter(int64(rate))
	start := time.Now()
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 32 {
				if err := l.Wait(context.Background(), 8<<10); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	// 1 MiB at 2 MiB/s, less the initial burst of a tenth of a second.
	want := time.Duration(float64(1<<20-rate/10) / float64(rate) * float64(time.Second))
	if got := time.Since(start); got < want*9/10 || got > want*2 {
		t.Errorf("1 MiB took %v at 2 MiB/s, want about %v", got, want)
	}
}

func TestLimiterWaitStopsWithTheContext(t *testing.T) {
	l := NewLimiter(1024)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	start := time.Now()
	if err := l.Wait(ctx, 1<<20); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err %v, want the context's", err)
	}
	if time.Since(start) > time.Second {
		t.Error("Wait ignored the context")
	}
}

func TestNilLimiterIsUnlimited(t *testing.T) {
	var l *Limiter
	if NewLimiter(0) != nil {
		t.Error("NewLimiter(0) != nil")
	}
	if err := l.Wait(context.Background(), 1<<30); err != nil {
		t.Fatal(err)
	}
	l.SetRate(5)
	if l.chunk(bufSize) != bufSize {
		t.Error("a nil limiter shrinks reads")
	}
}

func TestDownloadUnderALimiterTakesAboutTheLimitedTime(t *testing.T) {
	data := randomBytes(6*testPart, 20)
	opts := testOpts()
	opts.Limiter = NewLimiter(1 << 20) // 384 KiB at 1 MiB/s ≈ 0.28 s after the burst
	start := time.Now()
	if _, err := download(t, context.Background(), newFake(data), filepath.Join(t.TempDir(), "l.mp4"), true, opts); err != nil {
		t.Fatal(err)
	}
	if got := time.Since(start); got < 250*time.Millisecond || got > 2*time.Second {
		t.Errorf("took %v, want about 0.28 s", got)
	}
}

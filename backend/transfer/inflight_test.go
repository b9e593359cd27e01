package transfer

import (
	"context"
	"io"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"vpack-s3-sync/backend/s3api"
)

// inFlightGetter holds each GET until want of them are open at once (or wait has passed) and
// remembers the most that were open: a GET is open from its request until its body is closed.
type inFlightGetter struct {
	Getter
	want int

	mu      sync.Mutex
	cond    *sync.Cond
	open    int
	highest int
	release bool
}

func newInFlightGetter(g Getter, want int, wait time.Duration) *inFlightGetter {
	f := &inFlightGetter{Getter: g, want: want}
	f.cond = sync.NewCond(&f.mu)
	time.AfterFunc(wait, func() { // a pool smaller than want must fail the test, not hang it
		f.mu.Lock()
		f.release = true
		f.cond.Broadcast()
		f.mu.Unlock()
	})
	return f
}

func (f *inFlightGetter) GetRange(ctx context.Context, b, k string, off, length int64, ifMatch string) (io.ReadCloser, s3api.ObjectInfo, error) {
	f.mu.Lock()
	f.open++
	f.highest = max(f.highest, f.open)
	if f.open >= f.want {
		f.release = true
		f.cond.Broadcast()
	}
	for !f.release {
		f.cond.Wait()
	}
	f.mu.Unlock()
	rc, info, err := f.Getter.GetRange(ctx, b, k, off, length, ifMatch)
	if err != nil {
		f.closed()
		return nil, info, err
	}
	return &closeHook{ReadCloser: rc, onClose: f.closed}, info, nil
}

func (f *inFlightGetter) closed() {
	f.mu.Lock()
	f.open--
	f.mu.Unlock()
}

func (f *inFlightGetter) maxOpen() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.highest
}

type closeHook struct {
	io.ReadCloser
	once    sync.Once
	onClose func()
}

func (c *closeHook) Close() error {
	c.once.Do(c.onClose)
	return c.ReadCloser.Close()
}

// On a link with latency each ranged GET is limited by its own window, so a large file keeps
// 16 parts in flight by default (8 left a 30 ms link half used), and never more.
func TestDownloadKeepsSixteenPartsInFlightByDefault(t *testing.T) {
	data := randomBytes(24*testPart+5, 16)
	g := newInFlightGetter(newFake(data), DefaultConcurrency, 10*time.Second)
	dest := filepath.Join(t.TempDir(), "big.mp4")
	if _, err := download(t, context.Background(), g, dest, false, Options{PartSize: testPart}); err != nil {
		t.Fatal(err)
	}
	mustEqualFile(t, dest, data)
	if got := g.maxOpen(); got != 16 {
		t.Fatalf("at most %d ranged GETs open at once, want 16", got)
	}
}

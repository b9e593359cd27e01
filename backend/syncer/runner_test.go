package syncer

import (
	"context"
	"fmt"
	"io"
	"sync"
	"testing"
	"time"

	"vpack-s3-sync/backend/s3api"
)

// gatedClient holds every GET until want GETs are in flight at once (or the deadline passes),
// and remembers the most it saw in flight.
type gatedClient struct {
	Client
	want int

	mu      sync.Mutex
	cond    *sync.Cond
	flying  int
	highest int
	opened  bool
}

func newGatedClient(c Client, want int, wait time.Duration) *gatedClient {
	g := &gatedClient{Client: c, want: want}
	g.cond = sync.NewCond(&g.mu)
	go func() { // wake the waiters at the deadline, so a pool that is too small cannot hang
		time.Sleep(wait)
		g.mu.Lock()
		g.opened = true
		g.cond.Broadcast()
		g.mu.Unlock()
	}()
	return g
}

func (g *gatedClient) GetRange(ctx context.Context, bucket, key string, off, length int64, ifMatch string) (io.ReadCloser, s3api.ObjectInfo, error) {
	g.mu.Lock()
	g.flying++
	g.highest = max(g.highest, g.flying)
	if g.flying >= g.want {
		g.opened = true
		g.cond.Broadcast()
	}
	for !g.opened {
		g.cond.Wait()
	}
	g.mu.Unlock()
	defer func() {
		g.mu.Lock()
		g.flying--
		g.mu.Unlock()
	}()
	return g.Client.GetRange(ctx, bucket, key, off, length, ifMatch)
}

func (g *gatedClient) maxInFlight() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.highest
}

// Small files are dominated by per-file waits (a request's round trip, creating and syncing
// the file), so by default a run downloads 16 at once, and never more.
func TestRunDownloadsSixteenFilesAtOnceByDefault(t *testing.T) {
	e := newEnv(t)
	keys := make([]string, 24)
	for i := range keys {
		keys[i] = fmt.Sprintf("site/cam/%02d.mp4", i)
	}
	e.srv.PutMany(t, testBucket, keys, func(k string) []byte { return body(k, 100) })
	gate := newGatedClient(e.client, DefaultConcurrency, 10*time.Second)

	sum, err := e.engine(Options{}, Events{}).Run(context.Background(), gate, e.src, RunRequest{Trigger: TriggerManual})
	if err != nil {
		t.Fatalf("run: %v (summary %+v)", err, sum)
	}
	if sum.Downloaded != len(keys) {
		t.Fatalf("downloaded %d of %d", sum.Downloaded, len(keys))
	}
	if got := gate.maxInFlight(); got != 16 {
		t.Fatalf("at most %d files downloading at once, want 16", got)
	}
}

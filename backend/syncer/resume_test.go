package syncer

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"vpack-s3-sync/backend/apperr"
	"vpack-s3-sync/backend/s3api"
	"vpack-s3-sync/backend/transfer"
)

// interruptingClient lets the bodies of key deliver `budget` bytes in all and then cancels the
// run, as a person pressing Cancel mid-file would; transfer keeps exactly those bytes.
type interruptingClient struct {
	Client
	key    string
	cancel context.CancelFunc

	mu     sync.Mutex
	budget int64
}

func (c *interruptingClient) GetRange(ctx context.Context, bucket, key string, off, length int64, ifMatch string) (io.ReadCloser, s3api.ObjectInfo, error) {
	body, info, err := c.Client.GetRange(ctx, bucket, key, off, length, ifMatch)
	if err != nil || key != c.key {
		return body, info, err
	}
	return &cutBody{ReadCloser: body, c: c}, info, nil
}

type cutBody struct {
	io.ReadCloser
	c *interruptingClient
}

func (b *cutBody) Read(p []byte) (int, error) {
	b.c.mu.Lock()
	defer b.c.mu.Unlock()
	if b.c.budget == 0 {
		b.c.cancel()
		return 0, context.Canceled
	}
	if int64(len(p)) > b.c.budget {
		p = p[:b.c.budget]
	}
	n, err := b.ReadCloser.Read(p)
	b.c.budget -= int64(n)
	return n, err
}

// A partial file is laid out at full size before its first byte arrives, so its size on disk
// says nothing about a resume. The run after an interrupted one must ask for the space it still
// needs (the object less what the partial's sidecar vouches for) and report as its Bytes what
// it fetched: neither 0 nor the whole object.
func TestResumedRunNeedsAndCountsOnlyTheMissingBytes(t *testing.T) {
	const reserve = 1000
	for _, tc := range []struct {
		name     string
		size     int
		partSize int64 // 0: transfer's default, so the object comes in one GET
		kept     int64 // bytes the interrupted run got
	}{
		{name: "one GET", size: 1 << 20, kept: 300_000},
		{name: "ranged parts", size: 1<<20 + 12_345, partSize: 256 << 10, kept: 300_000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			key := "site/cam1/clip.mp4"
			data := body(key, tc.size)
			e.srv.Put(t, testBucket, key, data)
			dest := filepath.Join(e.dest, "cam1", "clip.mp4")
			info, err := e.client.Head(context.Background(), testBucket, key)
			if err != nil {
				t.Fatal(err)
			}
			remaining := int64(tc.size) - tc.kept

			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			cut := &interruptingClient{Client: e.client, key: key, cancel: cancel, budget: tc.kept}
			opts := Options{Concurrency: 1, PartConcurrency: 1, PartSize: tc.partSize}
			sum, err := e.engine(opts, Events{}).Run(ctx, cut, e.src, RunRequest{})
			if apperr.CodeOf(err) != apperr.Cancelled || sum.Status != StatusCancelled {
				t.Fatalf("interrupted run: %v %+v, want cancelled", err, sum)
			}
			if got := transfer.ResumableBytes(dest, info.ETag); got != tc.kept {
				t.Fatalf("the interrupted run left %d resumable bytes, want %d", got, tc.kept)
			}
			if fi, err := os.Stat(transfer.PartialPath(dest)); err != nil || fi.Size() != int64(tc.size) {
				t.Fatalf("partial file %v (%v), want it laid out at the full %d bytes", fi, err, tc.size)
			}

			withFree := func(free int64) Options {
				o := opts
				o.DiskReserve = reserve
				o.FreeSpace = func(string) (uint64, error) { return uint64(free), nil }
				return o
			}
			sum, err = e.engine(withFree(remaining+reserve-1), Events{}).Run(context.Background(), e.client, e.src, RunRequest{})
			if apperr.CodeOf(err) != apperr.SyncInsufficientDisk || sum.Requests.Get != 0 {
				t.Fatalf("one byte short of the missing %d: run ended with %v after %d GETs, want %s before any",
					remaining, err, sum.Requests.Get, apperr.SyncInsufficientDisk)
			}
			if got := transfer.ResumableBytes(dest, info.ETag); got != tc.kept {
				t.Fatalf("the refused run changed the partial: %d resumable bytes, want %d", got, tc.kept)
			}

			sum, err = e.engine(withFree(remaining+reserve), Events{}).Run(context.Background(), e.client, e.src, RunRequest{})
			if err != nil || sum.Status != StatusOK || sum.Downloaded != 1 {
				t.Fatalf("with room for the missing bytes: %v %+v", err, sum)
			}
			if sum.Bytes != remaining {
				t.Fatalf("resumed run Bytes = %d, want the %d it fetched (object %d, kept %d)", sum.Bytes, remaining, tc.size, tc.kept)
			}
			runs, err := e.st.ListRuns(context.Background(), e.src.ID, 1)
			if err != nil || len(runs) != 1 || runs[0].Bytes != remaining {
				t.Fatalf("saved run %+v (%v), want Bytes %d", runs, err, remaining)
			}
			if got, err := os.ReadFile(dest); err != nil || !bytes.Equal(got, data) {
				t.Fatalf("resumed file differs from the object (%v)", err)
			}
		})
	}
}

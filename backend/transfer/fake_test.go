package transfer

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"io"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"vpack-s3-sync/backend/apperr"
	"vpack-s3-sync/backend/s3api"
)

// fakeGetter is an in-memory object store for unit tests: it honours If-Match and ranges like
// S3, and its hooks inject replaced objects, dropped connections and slow bodies.
type fakeGetter struct {
	mu   sync.Mutex
	data []byte
	info s3api.ObjectInfo

	gets, heads, served atomic.Int64
	ranges              []string // "off:len" of every GET, in order

	// onGet runs before each GET is answered (n counts from 1).
	onGet func(n int64, off, length int64)
	// cutAfter ends a body with a reset after this many bytes, for the first cuts GETs.
	cutAfter int
	cuts     atomic.Int64
	// readDelay slows each Read of a body; readChunk caps its size.
	readDelay time.Duration
	readChunk int
	// failWith makes every GET fail.
	failWith error
}

func randomBytes(n int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func md5Hex(b []byte) string {
	s := md5.Sum(b)
	return hex.EncodeToString(s[:])
}

func newFake(data []byte) *fakeGetter {
	g := &fakeGetter{}
	g.put(data, md5Hex(data))
	return g
}

// put replaces the object, as another client's PutObject would.
func (g *fakeGetter) put(data []byte, etag string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.data = data
	g.info = s3api.ObjectInfo{Size: int64(len(data)), ETag: etag, LastModified: time.Now()}
}

func (g *fakeGetter) object() *s3api.Object {
	g.mu.Lock()
	defer g.mu.Unlock()
	return &s3api.Object{Key: "k", Size: g.info.Size, ETag: g.info.ETag}
}

func (g *fakeGetter) Head(ctx context.Context, bucket, key string) (s3api.ObjectInfo, error) {
	g.heads.Add(1)
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.info, ctx.Err()
}

func (g *fakeGetter) GetRange(ctx context.Context, bucket, key string, off, length int64, ifMatch string) (io.ReadCloser, s3api.ObjectInfo, error) {
	n := g.gets.Add(1)
	if g.onGet != nil {
		g.onGet(n, off, length)
	}
	if err := ctx.Err(); err != nil {
		return nil, s3api.ObjectInfo{}, apperr.Wrap(apperr.Cancelled, err)
	}
	if g.failWith != nil {
		return nil, s3api.ObjectInfo{}, g.failWith
	}
	g.mu.Lock()
	g.ranges = append(g.ranges, fmt.Sprintf("%d:%d", off, length))
	data, info := g.data, g.info
	g.mu.Unlock()
	if ifMatch != "" && ifMatch != info.ETag {
		return nil, s3api.ObjectInfo{}, apperr.New(apperr.S3ObjectChanged).With("key", key)
	}
	end := int64(len(data))
	if length >= 0 {
		end = min(end, off+length)
	}
	if off > end || length == 0 {
		return nil, s3api.ObjectInfo{}, apperr.New(apperr.InvalidInput)
	}
	body := &fakeBody{g: g, ctx: ctx, r: bytes.NewReader(data[off:end]), limit: -1}
	if g.cutAfter > 0 && g.cuts.Add(-1) >= 0 {
		body.limit = g.cutAfter
	}
	return body, info, nil
}

type fakeBody struct {
	g     *fakeGetter
	ctx   context.Context
	r     *bytes.Reader
	limit int // bytes left before a reset; -1 none
}

func (b *fakeBody) Read(p []byte) (int, error) {
	if err := b.ctx.Err(); err != nil {
		return 0, apperr.Wrap(apperr.Cancelled, err)
	}
	if b.g.readDelay > 0 {
		time.Sleep(b.g.readDelay)
	}
	if b.g.readChunk > 0 && len(p) > b.g.readChunk {
		p = p[:b.g.readChunk]
	}
	if b.limit == 0 {
		return 0, apperr.Wrap(apperr.NetUnreachable, fmt.Errorf("read: connection reset by peer"))
	}
	if b.limit > 0 && len(p) > b.limit {
		p = p[:b.limit]
	}
	n, err := b.r.Read(p)
	if b.limit > 0 {
		b.limit -= n
	}
	b.g.served.Add(int64(n))
	return n, err
}

func (b *fakeBody) Close() error { return nil }

// rangeLog returns "offset:length" of every GET answered so far.
func (g *fakeGetter) rangeLog() []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]string(nil), g.ranges...)
}

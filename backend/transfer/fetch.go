package transfer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"vpack-s3-sync/backend/apperr"
	"vpack-s3-sync/backend/s3api"
)

const (
	// bufSize is each worker's one buffer: a ranged part is written in pieces of up to 1 MiB
	// (fewer, larger writes to the one file the workers share). Memory is Concurrency×bufSize
	// per file, whatever the part size, and at most maxBigBuffers of them exist at once across
	// all downloads; past that a worker makes do with smallBufSize.
	bufSize       = 1 << 20
	smallBufSize  = 128 << 10
	maxBigBuffers = 32
	// minChunk is the smallest read under a limiter.
	minChunk = 16 << 10
	// maxStalls is how many times in a row a part may fail without moving forward; any
	// progress (a reset after some bytes) starts the count again. With the backoff below a
	// part rides out about 15 s of outage before the download fails (and stays resumable).
	maxStalls = 6
	retryMax  = 8 * time.Second
)

// retryFirst is the first pause before asking again; it doubles per stall up to retryMax.
var retryFirst = 250 * time.Millisecond

// writeAt writes a piece of a part into the partial file; a variable so tests can count writes.
var writeAt = (*os.File).WriteAt

// startWriteback asks the OS to start writing a finished part to disk (Linux:
// sync_file_range, elsewhere nothing), so the final fsync has only the tail left to wait for.
// It promises nothing about durability: checkpoints and the install still fsync. A variable so
// tests can see it called.
var startWriteback = writeback

var (
	bigSlots     = make(chan struct{}, maxBigBuffers)
	bigBuffers   = sync.Pool{New: func() any { b := make([]byte, bufSize); return &b }}
	smallBuffers = sync.Pool{New: func() any { b := make([]byte, smallBufSize); return &b }}
)

// getBuffer returns a bufSize buffer while fewer than maxBigBuffers are out, else a small one.
func getBuffer() *[]byte {
	select {
	case bigSlots <- struct{}{}:
		return bigBuffers.Get().(*[]byte)
	default:
		return smallBuffers.Get().(*[]byte)
	}
}

func putBuffer(b *[]byte) {
	if len(*b) == bufSize {
		bigBuffers.Put(b)
		<-bigSlots
		return
	}
	smallBuffers.Put(b)
}

// fetcher fills the missing bytes of a partial file with GETs pinned to etag.
type fetcher struct {
	g           Getter
	req         Request
	p           *partial
	etag        string
	size        int64
	limiter     *Limiter
	meter       *meter
	concurrency int
	digest      *digester // set when one part streams in order: hash while writing

	whole s3api.ObjectInfo // the answer to a whole-object GET, if one was made

	mu       sync.Mutex
	answer   s3api.ObjectInfo // the first GET's answer: it tells what a listing cannot (encryption)
	answered bool
}

func (f *fetcher) noteAnswer(info s3api.ObjectInfo) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.answered {
		f.answer, f.answered = info, true
	}
}

// firstAnswer returns the first GET's answer; false when no GET was needed.
func (f *fetcher) firstAnswer() (s3api.ObjectInfo, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.answer, f.answered
}

// fetch runs the missing parts on up to concurrency workers, checkpointing the partial file
// as they go. The first error stops the others.
func (f *fetcher) fetch(ctx context.Context) error {
	var pending []int
	for i := 0; i < f.p.parts(); i++ {
		start, end := f.p.bounds(i)
		if f.p.done[i].Load() < end-start || end == 0 {
			pending = append(pending, i)
		}
	}
	if len(pending) == 0 {
		return nil
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	stopCheckpoints := f.checkpointEvery(ctx, checkpointEvery)
	defer stopCheckpoints()

	var (
		next     atomic.Int64
		wg       sync.WaitGroup
		errOnce  sync.Once
		firstErr error
	)
	workers := min(f.concurrency, len(pending))
	for range workers {
		wg.Go(func() {
			buf := getBuffer()
			defer putBuffer(buf)
			for {
				n := int(next.Add(1)) - 1
				if n >= len(pending) || ctx.Err() != nil {
					return
				}
				if err := f.part(ctx, pending[n], *buf); err != nil {
					errOnce.Do(func() { firstErr = err; cancel() })
					return
				}
			}
		})
	}
	wg.Wait()
	if firstErr == nil {
		firstErr = ctx.Err()
	}
	return firstErr
}

// checkpointEvery saves the partial's progress on a timer until the returned stop is called.
func (f *fetcher) checkpointEvery(ctx context.Context, every time.Duration) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
				if err := f.p.checkpoint(); err != nil {
					slog.Warn("save download progress", "key", f.req.Key, "err", err)
				}
			}
		}
	})
	return func() { close(done); wg.Wait() }
}

// part fetches what part i still lacks. A body that breaks (reset, stall, early end) is asked
// for again from the byte where it stopped, which the SDK cannot do: it retries a request only
// until its response begins. A GET that fails fast (reset, refused, throttled) is asked again
// too, since the SDK's own retries span less than a second.
func (f *fetcher) part(ctx context.Context, i int, buf []byte) error {
	start, end := f.p.bounds(i)
	stalls := 0
	for {
		before := f.p.done[i].Load()
		err := f.read(ctx, i, start+before, end, buf)
		if err == nil {
			if end > start {
				if err := startWriteback(f.p.f, start, end-start); err != nil {
					slog.Debug("start writeback", "key", f.req.Key, "part", i, "err", err)
				}
			}
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if f.p.done[i].Load() > before {
			stalls = 0
		}
		stalls++
		if !retryable(err) || stalls > maxStalls {
			if errors.Is(err, io.ErrUnexpectedEOF) && !errors.As(err, new(*apperr.Error)) {
				err = apperr.Wrap(apperr.NetUnreachable, fmt.Errorf("part %d ended early: %w", i, err))
			}
			return err
		}
		wait := min(retryMax, retryFirst<<(stalls-1))
		slog.Debug("retrying part", "key", f.req.Key, "part", i, "offset", start+f.p.done[i].Load(), "wait", wait, "err", err)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
	}
}

// brokenBody marks an error met while reading a response body, which the SDK never retries.
type brokenBody struct{ error }

func (b brokenBody) Unwrap() error { return b.error }

// read GETs [off, end) of the object and writes it at off, counting each chunk as it lands.
func (f *fetcher) read(ctx context.Context, i int, off, end int64, buf []byte) error {
	length := end - off
	if f.p.parts() == 1 {
		length = -1 // one GET of the rest: no Range at all when off is 0
	}
	body, info, err := f.g.GetRange(ctx, f.req.Bucket, f.req.Key, off, length, f.etag)
	if err != nil {
		return err
	}
	defer body.Close()
	if err := f.sameObject(info); err != nil {
		return err
	}
	f.noteAnswer(info)
	if off == 0 && length < 0 {
		f.whole = info
	}
	chunk := f.limiter.chunk(len(buf))
	for off < end {
		n, rerr := body.Read(buf[:min(int64(chunk), end-off)])
		if n > 0 {
			if err := f.limiter.Wait(ctx, n); err != nil {
				return err
			}
			if _, err := writeAt(f.p.f, buf[:n], off); err != nil {
				return fmt.Errorf("write %s: %w", f.p.path, err)
			}
			if f.digest != nil {
				_, _ = f.digest.Write(buf[:n])
			}
			off += int64(n)
			f.p.done[i].Add(int64(n))
			f.meter.add(n)
		}
		if rerr == io.EOF && off < end {
			rerr = io.ErrUnexpectedEOF
		}
		if rerr != nil && rerr != io.EOF {
			return brokenBody{rerr}
		}
	}
	return nil
}

// sameObject guards against a server that ignores If-Match: the answer must be the object
// the download started with.
func (f *fetcher) sameObject(info s3api.ObjectInfo) error {
	if (f.etag != "" && info.ETag != "" && info.ETag != f.etag) || (info.Size != 0 && info.Size != f.size) {
		return apperr.New(apperr.S3ObjectChanged).With("action", "get_object").
			With("bucket", f.req.Bucket).With("key", f.req.Key).With("etag", info.ETag)
	}
	return nil
}

// retryable: what may pass when asked again a little later. A request that timed out has
// already waited out the SDK's attempts, so only a body that stalled is asked again.
func retryable(err error) bool {
	body := errors.As(err, new(brokenBody))
	if body && errors.Is(err, io.ErrUnexpectedEOF) {
		return true
	}
	var e *apperr.Error
	if !errors.As(err, &e) {
		return false
	}
	switch e.Code {
	case apperr.NetUnreachable, apperr.S3Throttled, apperr.S3ServerError:
		return true
	case apperr.NetTimeout:
		return body
	}
	return false
}

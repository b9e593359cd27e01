// Package transfer copies one S3 object into one local file: ranged parallel GETs pinned to
// the object's ETag, resume of an interrupted partial file, size and checksum verification,
// fsync and an atomic rename. It records nothing; the caller decides what a finished file
// means. Nothing ever appears under the final name unless it is complete and verified.
package transfer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"vpack-s3-sync/backend/apperr"
	"vpack-s3-sync/backend/s3api"
)

// Getter reads objects; *s3api.Client satisfies it.
type Getter interface {
	Head(ctx context.Context, bucket, key string) (s3api.ObjectInfo, error)
	GetRange(ctx context.Context, bucket, key string, offset, length int64, ifMatch string) (io.ReadCloser, s3api.ObjectInfo, error)
}

// Request names one object and where it goes.
type Request struct {
	Bucket, Key     string
	Dest            string        // final absolute local path
	Known           *s3api.Object // from a listing: size+ETag known, so no HEAD is sent
	ReplaceExisting bool          // caller knows the existing file is ours (history); else keep both
}

// Progress is reported at least every Options.ProgressEvery and once at the end.
type Progress struct {
	Key         string
	Done, Total int64
	Rate        float64 // bytes/s over the last few seconds
	ETA         time.Duration
}

// Options tune a download; zero values get the defaults.
type Options struct {
	PartSize      int64 // 8 MiB; objects under 2×PartSize take one GET
	Concurrency   int   // ranged GETs at once for this file, 16
	Limiter       *Limiter
	OnProgress    func(Progress)
	ProgressEvery time.Duration // 250ms
}

// Result describes the finished file.
type Result struct {
	Path     string // where the file is: Dest, or "name (n).ext" beside it when KeptBoth
	Size     int64
	ETag     string // the ETag of the bytes written (newer than Known's if the object changed)
	Resumed  bool   // bytes of an earlier partial download were kept
	Fetched  int64  // bytes this call took from the network (Size less what a resume kept, plus any restart)
	KeptBoth bool   // Dest held another file, so this one took a new name
}

const (
	DefaultPartSize = 8 << 20
	// DefaultConcurrency: on a link with latency each GET is held back by its own window, so
	// more in flight is more throughput (one 128 MiB file over 30 ms: 1.2 s with 8, 0.75 s
	// with 16). Memory is Concurrency × bufSize (1 MiB) per file, whatever the part size,
	// and never more than maxBigBuffers × bufSize across all files.
	DefaultConcurrency   = 16
	DefaultProgressEvery = 250 * time.Millisecond

	// maxRestarts: an object replaced during the download is fetched again from zero, with its
	// new ETag, this many times before giving up.
	maxRestarts = 2
	// checkpointEvery throttles fsync + sidecar writes of the partial file.
	checkpointEvery = 2 * time.Second
)

func (o Options) withDefaults() Options {
	if o.PartSize <= 0 {
		o.PartSize = DefaultPartSize
	}
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultConcurrency
	}
	if o.ProgressEvery <= 0 {
		o.ProgressEvery = DefaultProgressEvery
	}
	return o
}

// Download fetches req's object into req.Dest (or a "name (n).ext" beside it, see Request).
// It writes PartialPath(dest) first; on success that file is verified, synced and renamed into
// place. On cancel or a network failure the partial file and its sidecar stay, and the next
// Download of the same object (same ETag) continues them. Errors are *apperr.Error.
func Download(ctx context.Context, g Getter, req Request, opts Options) (Result, error) {
	j := &job{g: g, req: req, opts: opts.withDefaults()}
	res, err := j.run(ctx)
	if err != nil {
		return Result{}, j.classify(ctx, err)
	}
	return res, nil
}

type job struct {
	g      Getter
	req    Request
	opts   Options
	final  string
	meter  *meter
	listed bool // the object's info came from the listing, which says nothing of encryption
}

func (j *job) run(ctx context.Context) (Result, error) {
	if !filepath.IsAbs(j.req.Dest) {
		return Result{}, apperr.New(apperr.InvalidInput).With("dest", j.req.Dest)
	}
	final, err := chooseFinal(j.req.Dest, j.req.ReplaceExisting)
	if err != nil {
		return Result{}, err
	}
	j.final = final
	if err := os.MkdirAll(filepath.Dir(final), 0o755); err != nil {
		return Result{}, fmt.Errorf("create folder: %w", err)
	}
	info, err := j.describe(ctx)
	if err != nil {
		return Result{}, err
	}
	j.meter = &meter{key: j.req.Key, fn: j.opts.OnProgress}
	defer j.meter.halt()
	for restarts := 0; ; restarts++ {
		res, err := j.attempt(ctx, info)
		if apperr.CodeOf(err) != apperr.S3ObjectChanged || restarts == maxRestarts || ctx.Err() != nil {
			return res, err
		}
		slog.Info("object changed during download, starting over", "bucket", j.req.Bucket, "key", j.req.Key,
			"etag", info.ETag, "restart", restarts+1)
		if info, err = j.g.Head(ctx, j.req.Bucket, j.req.Key); err != nil {
			return Result{}, err
		}
		j.listed = false
	}
}

// describe takes size and ETag from the listing when the caller has them, else from a HEAD.
func (j *job) describe(ctx context.Context) (s3api.ObjectInfo, error) {
	if k := j.req.Known; k != nil && k.ETag != "" {
		j.listed = true
		return s3api.ObjectInfo{Size: k.Size, ETag: k.ETag, LastModified: k.LastModified, StorageClass: k.StorageClass}, nil
	}
	return j.g.Head(ctx, j.req.Bucket, j.req.Key)
}

// attempt downloads the object as info describes it, continuing a matching partial file.
func (j *job) attempt(ctx context.Context, info s3api.ObjectInfo) (Result, error) {
	layout := j.opts.PartSize
	if info.Size < 2*j.opts.PartSize {
		layout = 0 // one GET
	}
	path := PartialPath(j.final)
	p, resumed, err := openPartial(path, info.ETag, info.Size, layout)
	if err != nil {
		return Result{}, err
	}
	if resumed > 0 {
		slog.Info("resuming download", "bucket", j.req.Bucket, "key", j.req.Key, "bytes", resumed, "size", info.Size)
	}
	j.meter.start(info.Size, resumed, j.opts.ProgressEvery)

	f := &fetcher{g: j.g, req: j.req, p: p, etag: info.ETag, size: info.Size,
		limiter: j.opts.Limiter, meter: j.meter, concurrency: j.opts.Concurrency}
	want := checksFor(info.ETag, info.ChecksumSHA256)
	if !etagIsContentMD5(info) {
		want.md5 = ""
	}
	if want.any() && p.parts() == 1 {
		// One part arrives in order: hash it as it streams, after what a resume kept.
		f.digest = newDigester(want)
		if err := hashFile(p.f, p.done[0].Load(), f.digest); err != nil {
			return Result{}, errors.Join(err, p.keep())
		}
	}
	err = f.fetch(ctx)
	j.meter.halt()
	if err == nil && want.md5 != "" {
		var served s3api.ObjectInfo
		if served, err = j.served(ctx, info, f); err == nil && !etagIsContentMD5(served) {
			want.md5 = "" // SSE-KMS or SSE-C: the ETag is no digest of these bytes
		}
	}
	if err != nil {
		if keepPartial(ctx, err) {
			return Result{}, errors.Join(err, p.keep())
		}
		return Result{}, errors.Join(err, p.discard())
	}
	if sum := checksFor("", f.whole.ChecksumSHA256).sha256; sum != "" && want.sha256 == "" {
		// The whole-object GET named a checksum the listing could not: check it too, reading
		// the (small) file back.
		want.sha256 = sum
	}
	if err := j.verify(p, info, want, f.digest); err != nil {
		return Result{}, errors.Join(err, p.discard())
	}
	final, err := j.install(p)
	if err != nil {
		return Result{}, err
	}
	j.meter.finish()
	return Result{Path: final, Size: info.Size, ETag: info.ETag, Resumed: resumed > 0,
		Fetched: j.meter.fetched.Load(), KeptBoth: final != j.req.Dest}, nil
}

// served is how the server describes the object whose bytes were fetched: the first GET's
// answer, or the HEAD that described it. When the listing described it and a resume found every
// byte already on disk, no GET was sent, so a HEAD asks now (a listing does not tell encryption).
func (j *job) served(ctx context.Context, info s3api.ObjectInfo, f *fetcher) (s3api.ObjectInfo, error) {
	if a, ok := f.firstAnswer(); ok {
		return a, nil
	}
	if !j.listed {
		return info, nil
	}
	h, err := j.g.Head(ctx, j.req.Bucket, j.req.Key)
	if err != nil {
		return s3api.ObjectInfo{}, err
	}
	return h, f.sameObject(h)
}

// verify checks the byte count, then the digests the object offers (streamed or read back).
func (j *job) verify(p *partial, info s3api.ObjectInfo, want checks, streamed *digester) error {
	var total int64
	for i := range p.done {
		total += p.done[i].Load()
	}
	if total != info.Size {
		return apperr.Wrap(apperr.VerifyFailed, fmt.Errorf("wrote %d of %d bytes", total, info.Size)).With("check", "size")
	}
	if err := verifySize(p.f, info.Size); err != nil {
		return err
	}
	if !want.any() {
		return nil
	}
	d := streamed
	if d == nil || !d.covers(want) {
		d = newDigester(want)
		if err := hashFile(p.f, info.Size, d); err != nil {
			return err
		}
	}
	return d.verify(want)
}

// install makes the verified partial file durable and gives it its final name.
func (j *job) install(p *partial) (string, error) {
	if err := p.f.Sync(); err != nil {
		return "", errors.Join(fmt.Errorf("sync %s: %w", p.path, err), p.discard())
	}
	if err := p.f.Close(); err != nil {
		p.f = nil
		return "", errors.Join(fmt.Errorf("close %s: %w", p.path, err), p.discard())
	}
	p.f = nil
	final := j.final
	if !j.req.ReplaceExisting {
		// Something may have taken the name while we downloaded: still never overwrite it.
		var err error
		if final, err = chooseFinal(j.req.Dest, false); err != nil {
			return "", err
		}
	}
	if err := os.Rename(p.path, final); err != nil {
		return "", fmt.Errorf("rename into %s: %w", final, err)
	}
	syncDir(filepath.Dir(final))
	_ = os.Remove(p.sidecar)
	return final, nil
}

// keepPartial: after a cancel or a failure that may pass (network, server, full disk) the
// bytes are worth keeping for a resume; after anything else they are not.
func keepPartial(ctx context.Context, err error) bool {
	if ctx.Err() != nil {
		return true
	}
	switch apperr.CodeOf(err) {
	case apperr.Cancelled, apperr.NetUnreachable, apperr.NetTimeout, apperr.NetTLS, apperr.S3Throttled,
		apperr.S3ServerError, apperr.LocalDiskFull, apperr.AuthExpiredToken:
		return true
	}
	return errors.Is(err, io.ErrUnexpectedEOF)
}

// classify turns any error into the one shape, naming the object and the local path.
func (j *job) classify(ctx context.Context, err error) error {
	var e *apperr.Error
	switch {
	case ctx.Err() != nil:
		e = apperr.Wrap(apperr.Cancelled, err)
	case errors.As(err, &e):
		// An S3 or verification error from below: keep its code, add where it happened.
	default:
		e = apperr.Classify(err)
		if e.Code == apperr.Internal {
			e = apperr.Wrap(apperr.LocalIO, err)
		}
	}
	if e.Details["bucket"] == "" {
		e.With("bucket", j.req.Bucket)
	}
	if e.Details["key"] == "" {
		e.With("key", j.req.Key)
	}
	if e.Details["path"] == "" {
		e.With("path", j.req.Dest)
	}
	return e
}

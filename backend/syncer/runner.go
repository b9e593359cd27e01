package syncer

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"vpack-s3-sync/backend/apperr"
	"vpack-s3-sync/backend/store"
	"vpack-s3-sync/backend/transfer"
)

// download runs the spooled plan on opts.Concurrency workers. One failed file does not stop
// the others; a full disk or credentials that stopped working stop the run (every other file
// would fail the same way). A cancelled run leaves its partial files for the next run to resume.
func (e *Engine) download(ctx context.Context, client Client, t Target, sp *spool, opts Options, tr *tracker, sum *Summary) error {
	ctx, stopRun := context.WithCancelCause(ctx)
	defer stopRun(nil)

	rec := newRecorder(ctx, e.store, opts.RecordBatch, opts.RecordEvery)
	items := make(chan planItem, opts.Concurrency*2)
	feedErr := make(chan error, 1)
	go func() { feedErr <- sp.feed(ctx, items) }()

	var mu sync.Mutex // guards sum
	var wg sync.WaitGroup
	for range opts.Concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range items {
				if ctx.Err() != nil {
					continue // drain: the feeder stops at ctx.Done
				}
				out := e.one(ctx, client, t, it, opts, tr, rec)
				mu.Lock()
				switch {
				case out.err != nil && isCancel(out.err):
					// left undone, resumable
				case out.err != nil:
					sum.addError(fileError(it.Key, out.err))
					if runStopping(out.err) {
						stopRun(out.err)
					}
				case out.adopted:
					sum.Skipped++
					sum.Adopted++
				default:
					sum.Downloaded++
					sum.Bytes += out.bytes
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	ferr := <-feedErr
	if rerr := rec.close(); rerr != nil {
		return rerr
	}
	if cause := context.Cause(ctx); cause != nil && !errors.Is(cause, context.Canceled) {
		return cause // the file error that stopped the run
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return ferr
}

type fileOutcome struct {
	bytes   int64
	adopted bool
	err     error
}

// one downloads one planned item and hands it to the recorder once it is on disk.
func (e *Engine) one(ctx context.Context, client Client, t Target, it planItem, opts Options, tr *tracker, rec *recorder) fileOutcome {
	dest := filepath.Join(t.DestDir, it.Rel)
	row := store.DownloadedFile{
		SourceID: t.SourceID, Key: it.Key, ETag: it.ETag, Size: it.Size,
		LastModified: it.LastModified, LocalPath: dest,
	}
	if _, err := os.Lstat(dest); err == nil && matchesObject(dest, it.Size, it.ETag) {
		slog.Info("found complete file without history; recording it", "key", it.Key)
		rec.add(row)
		tr.fileDone(it.Key, it.Size)
		return fileOutcome{adopted: true}
	}
	obj := it.object()
	res, err := transfer.Download(ctx, client, transfer.Request{
		Bucket: t.Bucket, Key: it.Key, Dest: dest, Known: &obj, ReplaceExisting: it.Replace,
	}, transfer.Options{
		PartSize:    opts.PartSize,
		Concurrency: opts.PartConcurrency,
		Limiter:     opts.Limiter,
		OnProgress: func(p transfer.Progress) {
			tr.fileProgress(it.Key, p.Done)
		},
		ProgressEvery: opts.ProgressEvery,
	})
	if err != nil {
		tr.fileDone(it.Key, 0)
		return fileOutcome{err: err}
	}
	row.LocalPath = res.Path
	if res.ETag != "" {
		row.ETag = res.ETag
	}
	if res.Size > 0 {
		row.Size = res.Size
	}
	rec.add(row)
	tr.fileDone(it.Key, row.Size)
	return fileOutcome{bytes: res.Fetched}
}

func isCancel(err error) bool {
	return errors.Is(err, context.Canceled) || apperr.CodeOf(err) == apperr.Cancelled
}

// runStopping: errors that every remaining file would hit too.
func runStopping(err error) bool {
	switch apperr.CodeOf(err) {
	case apperr.LocalDiskFull, apperr.AuthBadKeyID, apperr.AuthBadSecret, apperr.AuthExpiredToken,
		apperr.AuthNoCredentials, apperr.S3BucketNotFound, apperr.S3ClockSkew:
		return true
	}
	return false
}

// recorder writes history rows in batches: a row is added only after its file is on disk under
// its final name, and is written within RecordEvery (or once RecordBatch rows wait). Rows are
// written with a context that outlives a cancel, so finished files are never forgotten.
type recorder struct {
	st    Store
	batch int
	rows  chan store.DownloadedFile
	done  chan error
}

func newRecorder(ctx context.Context, st Store, batch int, every time.Duration) *recorder {
	r := &recorder{st: st, batch: batch, rows: make(chan store.DownloadedFile, batch), done: make(chan error, 1)}
	go r.loop(context.WithoutCancel(ctx), every)
	return r
}

func (r *recorder) add(row store.DownloadedFile) { r.rows <- row }

func (r *recorder) loop(ctx context.Context, every time.Duration) {
	var pending []store.DownloadedFile
	var firstErr error
	flush := func() {
		if len(pending) == 0 {
			return
		}
		wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		err := r.st.RecordDownloads(wctx, pending)
		cancel()
		if err != nil {
			// The files stay on disk; the next run finds them and records them (adopt.go).
			slog.Error("record downloaded files", "count", len(pending), "err", err)
			if firstErr == nil {
				firstErr = err
			}
		}
		pending = pending[:0]
	}
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case row, ok := <-r.rows:
			if !ok {
				flush()
				r.done <- firstErr
				return
			}
			pending = append(pending, row)
			if len(pending) >= r.batch {
				flush()
			}
		case <-tick.C:
			flush()
		}
	}
}

// close writes what is pending and reports the first failed write.
func (r *recorder) close() error {
	close(r.rows)
	return <-r.done
}

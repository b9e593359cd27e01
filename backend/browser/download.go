package browser

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"path/filepath"
	"sync"
	"time"

	"vpack-s3-sync/backend/apperr"
	"vpack-s3-sync/backend/localpath"
	"vpack-s3-sync/backend/transfer"
)

// DownloadRequest is the user's "download selected": objects of one bucket into one folder,
// each under its own file name.
type DownloadRequest struct {
	ConnectionID int64
	Bucket       string
	Keys         []string
	DestDir      string
}

// FailedFile is one object that could not be downloaded.
type FailedFile struct {
	Key string
	Err *apperr.Error
}

// BatchProgress is a batch's state: the file in flight and the totals so far.
type BatchProgress struct {
	BatchID             string
	Key                 string // the file whose bytes moved last
	KeyDone, KeyTotal   int64  // that file's bytes so far and its size
	FilesDone           int
	FilesTotal          int
	BytesDone           int64
	BytesTotal          int64 // grows as each file's size becomes known
	Rate                float64
	Failed              []FailedFile
	Finished, Cancelled bool
}

// DownloadOptions are shared by every batch.
type DownloadOptions struct {
	Concurrency int // files at once; default 3
	Limiter     *transfer.Limiter
	Every       time.Duration // progress at most this often; default 250 ms
}

type batch struct {
	cancel context.CancelFunc
}

// StartDownload begins a batch in the background and returns its id; onProgress is called
// from the batch's goroutines (throttled) and once with Finished set.
func (s *Service) StartDownload(ctx context.Context, req DownloadRequest, opts DownloadOptions, onProgress func(BatchProgress)) (string, error) {
	if len(req.Keys) == 0 {
		return "", apperr.New(apperr.InvalidInput).With("field", "keys")
	}
	if req.DestDir == "" || !filepath.IsAbs(req.DestDir) {
		return "", apperr.New(apperr.InvalidInput).With("field", "destDir")
	}
	c, err := s.Client(ctx, req.ConnectionID)
	if err != nil {
		return "", err
	}
	if opts.Concurrency <= 0 {
		opts.Concurrency = 3
	}
	if opts.Every <= 0 {
		opts.Every = 250 * time.Millisecond
	}
	id := newBatchID()
	runCtx, cancel := context.WithCancel(context.Background())
	s.mu.Lock()
	s.batches[id] = &batch{cancel: cancel}
	s.mu.Unlock()

	go func() {
		defer cancel()
		state := &batchState{p: BatchProgress{BatchID: id, FilesTotal: len(req.Keys)}, every: opts.Every, emit: onProgress, perFile: map[string]int64{}}
		jobs := make(chan string)
		var wg sync.WaitGroup
		for w := 0; w < opts.Concurrency; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for key := range jobs {
					state.fileDone(key, downloadOne(runCtx, c, req, key, opts, state))
				}
			}()
		}
	feed:
		for _, k := range req.Keys {
			select {
			case jobs <- k:
			case <-runCtx.Done():
				break feed
			}
		}
		close(jobs)
		wg.Wait()
		s.mu.Lock()
		delete(s.batches, id)
		s.mu.Unlock()
		state.finish(runCtx.Err() != nil)
	}()
	return id, nil
}

func downloadOne(ctx context.Context, g transfer.Getter, req DownloadRequest, key string, opts DownloadOptions, st *batchState) error {
	rel, err := localpath.Map(Name(key))
	if err != nil {
		return err
	}
	_, err = transfer.Download(ctx, g, transfer.Request{
		Bucket: req.Bucket, Key: key, Dest: filepath.Join(req.DestDir, rel),
	}, transfer.Options{Limiter: opts.Limiter, ProgressEvery: opts.Every, OnProgress: st.fileProgress})
	return err
}

// CancelDownload stops a batch; finished files stay, the one in flight is left resumable.
func (s *Service) CancelDownload(batchID string) bool {
	s.mu.Lock()
	b, ok := s.batches[batchID]
	s.mu.Unlock()
	if ok {
		b.cancel()
	}
	return ok
}

func newBatchID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// batchState sums the files' progress into one throttled stream.
type batchState struct {
	mu      sync.Mutex
	p       BatchProgress
	perFile map[string]int64 // bytes done of files in flight
	last    time.Time
	every   time.Duration
	emit    func(BatchProgress)
}

func (b *batchState) fileProgress(p transfer.Progress) {
	b.mu.Lock()
	defer b.mu.Unlock()
	prev, known := b.perFile[p.Key]
	if !known {
		b.p.BytesTotal += p.Total
	}
	b.perFile[p.Key] = p.Done
	b.p.BytesDone += p.Done - prev
	b.p.Key, b.p.KeyDone, b.p.KeyTotal = p.Key, p.Done, p.Total
	b.p.Rate = p.Rate
	if time.Since(b.last) >= b.every {
		b.last = time.Now()
		b.send()
	}
}

func (b *batchState) fileDone(key string, err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.perFile, key)
	if err != nil {
		if e := apperr.Classify(err); e.Code != apperr.Cancelled {
			b.p.Failed = append(b.p.Failed, FailedFile{Key: key, Err: e})
		}
		return
	}
	b.p.FilesDone++
}

func (b *batchState) finish(cancelled bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.p.Finished, b.p.Cancelled = true, cancelled
	b.send()
}

// send hands out a copy so the receiver never shares the Failed slice with later appends.
func (b *batchState) send() {
	if b.emit == nil {
		return
	}
	p := b.p
	p.Failed = append([]FailedFile(nil), b.p.Failed...)
	b.emit(p)
}

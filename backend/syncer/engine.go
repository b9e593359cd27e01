// Package syncer keeps a local folder in step with an S3 prefix: plan (merge the key-ordered
// listing with the key-ordered history), run (a bounded pool of transfer downloads), record
// (history rows only for files that are on disk under their final name) and save the run. The
// Scheduler runs sources on their intervals. It never deletes or overwrites a file it did not
// download, and never shows a half-written file under a final name (transfer's job).
package syncer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"vpack-s3-sync/backend/apperr"
	"vpack-s3-sync/backend/s3api"
	"vpack-s3-sync/backend/store"
	"vpack-s3-sync/backend/transfer"
)

// Client is what a run needs from S3 (*s3api.Client).
type Client interface {
	Lister
	transfer.Getter
	Endpoint() string
}

// Store is what a run needs from the database (*store.Store).
type Store interface {
	HistoryReader
	GetSource(ctx context.Context, id int64) (store.Source, error)
	RecordDownloads(ctx context.Context, files []store.DownloadedFile) error
	CreateRun(ctx context.Context, sourceID int64, trigger string) (store.SyncRun, error)
	FinishRun(ctx context.Context, r store.SyncRun) error
}

// ConnectFunc builds the S3 client for a source (its connection's keys from the keychain).
type ConnectFunc func(ctx context.Context, src store.Source) (Client, error)

// Options tune the engine; zero values get the defaults.
type Options struct {
	Concurrency     int   // files downloaded at once; default DefaultConcurrency (16)
	PartSize        int64 // transfer's ranged-GET part size; 0 = transfer's default
	PartConcurrency int   // ranged GETs per file; 0 = transfer's default
	Limiter         *transfer.Limiter
	ProgressEvery   time.Duration // default 250 ms
	SpoolDir        string        // where the plan is spooled; "" = os.TempDir()
	DiskReserve     int64         // free space a run leaves on the destination; default 128 MiB
	RecordBatch     int           // history rows per transaction; default 100
	RecordEvery     time.Duration // flush at least this often; default 1 s
	Prices          PriceTable    // zero = AWSUSEast1; costs are estimated for AWS only
	FreeSpace       func(dir string) (uint64, error)
}

// DefaultConcurrency is the number of files downloaded at once unless set. Camera videos are
// often small: each file waits on a round trip, a create and an fsync, so 16 keep the link
// busy where 4 left it idle (on a 30 ms link, 100 × 2 MiB took 1.3 s instead of 3.9 s).
const DefaultConcurrency = 16

func (o Options) withDefaults() Options {
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultConcurrency
	}
	if o.ProgressEvery <= 0 {
		o.ProgressEvery = 250 * time.Millisecond
	}
	if o.DiskReserve <= 0 {
		o.DiskReserve = 128 << 20
	}
	if o.RecordBatch <= 0 {
		o.RecordBatch = 100
	}
	if o.RecordEvery <= 0 {
		o.RecordEvery = time.Second
	}
	if o.Prices == (PriceTable{}) {
		o.Prices = AWSUSEast1
	}
	if o.FreeSpace == nil {
		o.FreeSpace = freeSpace
	}
	return o
}

// Engine runs syncs. It is safe for concurrent use; the Scheduler makes sure one source has
// one run at a time.
type Engine struct {
	store   Store
	connect ConnectFunc
	events  Events

	mu   sync.Mutex
	opts Options
}

// NewEngine wires an engine. connect may be nil when only Run (with a client) is used.
func NewEngine(st Store, connect ConnectFunc, opts Options, ev Events) *Engine {
	return &Engine{store: st, connect: connect, events: ev, opts: opts}
}

// SetConcurrency changes the files downloaded at once, from the next run on.
func (e *Engine) SetConcurrency(n int) {
	e.mu.Lock()
	e.opts.Concurrency = n
	e.mu.Unlock()
}

// SetLimiter changes the shared bandwidth limit (nil = none), from the next run on.
func (e *Engine) SetLimiter(l *transfer.Limiter) {
	e.mu.Lock()
	e.opts.Limiter = l
	e.mu.Unlock()
}

func (e *Engine) options() Options {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.opts.withDefaults()
}

// RunRequest is one run's parameters beyond the source row.
type RunRequest struct {
	Trigger string
	// ModifiedSince overrides the source's SinceDays window (the CLI's --since DATE).
	ModifiedSince time.Time
	Concurrency   int // overrides Options.Concurrency for this run (the CLI's --concurrency)
	// Extensions, when OverrideExtensions is set, replace the source's for this run (the CLI's
	// --ext); nil = the default video types, empty = every file, as in s3api.Filter.
	OverrideExtensions bool
	Extensions         []string
}

// RunSource loads the source, connects and runs it: the Scheduler's RunFunc.
func (e *Engine) RunSource(ctx context.Context, sourceID int64, trigger string) (Summary, error) {
	src, err := e.store.GetSource(ctx, sourceID)
	if err != nil {
		return Summary{SourceID: sourceID, Status: StatusFailed, Err: err}, err
	}
	if e.connect == nil {
		err := apperr.New(apperr.Internal).With("reason", "no_connector")
		return Summary{SourceID: sourceID, Status: StatusFailed, Err: err}, err
	}
	client, err := e.connect(ctx, src)
	if err != nil {
		// The run could not start, but it is still a run the user should see in the history.
		return e.failBeforeStart(ctx, src, trigger, err)
	}
	return e.Run(ctx, client, src, RunRequest{Trigger: trigger})
}

func (e *Engine) failBeforeStart(ctx context.Context, src store.Source, trigger string, cause error) (Summary, error) {
	sum := Summary{SourceID: src.ID, Trigger: trigger, Started: time.Now()}
	run, err := e.store.CreateRun(context.WithoutCancel(ctx), src.ID, trigger)
	if err != nil {
		sum.Status, sum.Err = StatusFailed, cause
		return sum, cause
	}
	sum.RunID = run.ID
	if e.events.OnStarted != nil {
		e.events.OnStarted(run)
	}
	return e.finish(ctx, run, &sum, cause)
}

// Run syncs src with client: plan, check disk space, download, record, save the run. The error
// is the run's own failure (nil when it finished, even with failed files: see Summary.Failed).
func (e *Engine) Run(ctx context.Context, client Client, src store.Source, req RunRequest) (Summary, error) {
	opts := e.options()
	if req.Concurrency > 0 {
		opts.Concurrency = req.Concurrency
	}
	if req.Trigger == "" {
		req.Trigger = TriggerManual
	}
	sum := Summary{SourceID: src.ID, Trigger: req.Trigger, Started: time.Now()}
	run, err := e.store.CreateRun(ctx, src.ID, req.Trigger)
	if err != nil {
		sum.Status, sum.Err = StatusFailed, err
		return sum, err
	}
	sum.RunID = run.ID
	if e.events.OnStarted != nil {
		e.events.OnStarted(run)
	}
	slog.Info("sync started", "source_id", src.ID, "run_id", run.ID, "trigger", req.Trigger)

	rc := &s3api.RequestCounter{}
	runCtx := s3api.WithRequestCounter(ctx, rc)
	err = e.execute(runCtx, client, src, req, opts, run.ID, &sum)
	sum.Requests = Requests{List: rc.List.Load(), Get: rc.Get.Load(), Head: rc.Head.Load(), Other: rc.Other.Load()}
	if client.Endpoint() == "" {
		sum.EstimatedCostUSD = opts.Prices.Estimate(sum.Requests, sum.Bytes)
	}
	return e.finish(ctx, run, &sum, err)
}

func (e *Engine) execute(ctx context.Context, client Client, src store.Source, req RunRequest, opts Options, runID int64, sum *Summary) error {
	t, err := target(src, req)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(t.DestDir, 0o755); err != nil {
		return apperr.Classify(fmt.Errorf("create destination: %w", err)).With("path", t.DestDir)
	}
	var emit func(Progress)
	if e.events.OnProgress != nil {
		emit = e.events.OnProgress
	}
	tr := newTracker(src.ID, runID, opts.ProgressEvery, emit)
	defer tr.close()

	sp, err := newSpool(opts.SpoolDir)
	if err != nil {
		return err
	}
	defer sp.remove()
	err = plan(ctx, client, e.store, t, sum, tr.listed, sp.write)
	if err != nil {
		return err
	}
	tr.listed(sum.Listed)
	if err := sp.finishWriting(); err != nil {
		return err
	}
	need, err := neededBytes(t.DestDir, sp)
	if err != nil {
		return err
	}
	if err := checkDiskSpace(opts, t.DestDir, need); err != nil {
		return err
	}
	tr.planned(sum.PlannedFiles, sum.PlannedBytes)
	return e.download(ctx, client, t, sp, opts, tr, sum)
}

// target turns a source row into what the run syncs.
func target(src store.Source, req RunRequest) (Target, error) {
	dest, err := filepath.Abs(src.LocalDir)
	if err != nil || src.LocalDir == "" {
		return Target{}, apperr.New(apperr.InvalidInput).With("field", "local_dir").With("path", src.LocalDir)
	}
	f := s3api.Filter{Extensions: src.ExtensionList()}
	if req.OverrideExtensions {
		f.Extensions = req.Extensions
	}
	switch {
	case !req.ModifiedSince.IsZero():
		f.ModifiedSince = req.ModifiedSince
	case src.SinceDays > 0:
		f.ModifiedSince = time.Now().AddDate(0, 0, -src.SinceDays)
	}
	return Target{SourceID: src.ID, Bucket: src.Bucket, Prefix: NormalizePrefix(src.Prefix), DestDir: dest, Filter: f}, nil
}

// Disk space: the plan is spooled to a temporary file before anything is downloaded (see
// spool.go), so the run knows exactly how many bytes it will write and compares that with the
// free space before the first byte, as a person would expect ("needs 40 GB, 12 GB free"),
// instead of filling the disk file by file. Bytes already in resumable partial files are not
// counted twice. A reserve stays free for the system. Another program can still fill the disk
// during the run: transfer then fails with local.disk_full and the run stops (runner.go).
func checkDiskSpace(opts Options, dir string, need int64) error {
	if need <= 0 {
		return nil
	}
	free, err := opts.FreeSpace(dir)
	if err != nil {
		slog.Warn("free space unknown; not checked", "path", dir, "err", err)
		return nil
	}
	if uint64(need+opts.DiskReserve) > free {
		return apperr.New(apperr.SyncInsufficientDisk).With("path", dir).
			With("needed", FormatBytes(need)).With("free", FormatBytes(int64(free)))
	}
	return nil
}

// FormatBytes writes a size for people in binary units (1.5 GiB), as the CLI and error
// details show it.
func FormatBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}

// finish decides the status, saves the run row and tells the listeners.
func (e *Engine) finish(ctx context.Context, run store.SyncRun, sum *Summary, err error) (Summary, error) {
	sum.Finished = time.Now()
	switch {
	case err != nil && (errors.Is(err, context.Canceled) || apperr.CodeOf(err) == apperr.Cancelled):
		err = apperr.Wrap(apperr.Cancelled, err)
		sum.Status = StatusCancelled
	case err != nil:
		err = apperr.Classify(err)
		sum.Status = StatusFailed
	case sum.Failed > 0:
		sum.Status = StatusPartial
	default:
		sum.Status = StatusOK
	}
	sum.Err = err
	run.Status = sum.Status
	run.FinishedAt = sum.Finished.UTC()
	run.Listed, run.Matched = int64(sum.Listed), int64(sum.Matched)
	run.Downloaded, run.Skipped = int64(sum.Downloaded), int64(sum.Skipped)
	run.Failed, run.Archived, run.Bytes = int64(sum.Failed), int64(sum.Archived), sum.Bytes
	run.RequestsList, run.RequestsGet = sum.Requests.List, sum.Requests.Get
	run.RequestsHead, run.RequestsOther = sum.Requests.Head, sum.Requests.Other
	run.ErrorSummary = sum.ErrorSummary()
	saveCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if serr := e.store.FinishRun(saveCtx, run); serr != nil {
		slog.Error("save sync run", "run_id", run.ID, "err", serr)
	}
	slog.Info("sync finished", "source_id", run.SourceID, "run_id", run.ID, "status", sum.Status,
		"listed", sum.Listed, "downloaded", sum.Downloaded, "skipped", sum.Skipped,
		"failed", sum.Failed, "archived", sum.Archived, "bytes", sum.Bytes, "err", err)
	if e.events.OnFinished != nil {
		e.events.OnFinished(run, *sum)
	}
	if err != nil {
		return *sum, err
	}
	return *sum, nil
}

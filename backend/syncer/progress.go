package syncer

import (
	"sync"
	"time"

	"vpack-s3-sync/backend/store"
)

// Phases of a run, in order.
const (
	PhaseListing     = "listing"     // walking the bucket and the history; totals still growing
	PhaseDownloading = "downloading" // totals known
)

// Progress is one throttled snapshot of a run for the UI, the tray and the CLI's bar.
type Progress struct {
	SourceID   int64
	RunID      int64
	Phase      string
	Listed     int // objects listed so far
	FilesDone  int // downloaded, failed or skipped-on-disk among the planned files
	FilesTotal int
	BytesDone  int64
	BytesTotal int64
	Rate       float64 // bytes per second over the last few seconds
	ETA        time.Duration
	CurrentKey string // a file being downloaded now
}

// Events are the run's callbacks, called from the run's goroutines (never concurrently for
// one run). app.go turns them into Wails events; the CLI into its progress bar and summary.
type Events struct {
	OnStarted  func(run store.SyncRun)
	OnProgress func(p Progress)
	OnFinished func(run store.SyncRun, sum Summary)
}

// tracker adds the per-file progress of the workers into one run-wide Progress and sends it
// at most every `every`.
type tracker struct {
	mu       sync.Mutex
	p        Progress
	finished int64            // bytes of files that are done
	inflight map[string]int64 // key → bytes so far
	samples  []rateSample
	changed  bool

	emit  func(Progress)
	every time.Duration
	stop  chan struct{}
	done  chan struct{}
}

type rateSample struct {
	at    time.Time
	bytes int64
}

const rateWindow = 5 * time.Second

func newTracker(sourceID, runID int64, every time.Duration, emit func(Progress)) *tracker {
	t := &tracker{
		p:        Progress{SourceID: sourceID, RunID: runID, Phase: PhaseListing},
		inflight: map[string]int64{},
		emit:     emit,
		every:    every,
		stop:     make(chan struct{}),
		done:     make(chan struct{}),
	}
	go t.loop()
	return t
}

func (t *tracker) loop() {
	defer close(t.done)
	if t.emit == nil {
		<-t.stop
		return
	}
	tick := time.NewTicker(t.every)
	defer tick.Stop()
	for {
		select {
		case <-t.stop:
			t.send(true)
			return
		case <-tick.C:
			t.send(false)
		}
	}
}

func (t *tracker) send(force bool) {
	t.mu.Lock()
	if !t.changed && !force {
		t.mu.Unlock()
		return
	}
	t.changed = false
	now := time.Now()
	p := t.p
	p.BytesDone = t.finished
	for _, n := range t.inflight {
		p.BytesDone += n
	}
	t.samples = append(t.samples, rateSample{now, p.BytesDone})
	for len(t.samples) > 2 && now.Sub(t.samples[1].at) >= rateWindow {
		t.samples = t.samples[1:]
	}
	if first := t.samples[0]; now.Sub(first.at) > 0 {
		p.Rate = float64(p.BytesDone-first.bytes) / now.Sub(first.at).Seconds()
	}
	if p.Rate > 0 && p.Phase == PhaseDownloading && p.BytesTotal > p.BytesDone {
		p.ETA = time.Duration(float64(p.BytesTotal-p.BytesDone) / p.Rate * float64(time.Second))
	}
	t.mu.Unlock()
	t.emit(p)
}

// close sends the last snapshot and stops.
func (t *tracker) close() {
	close(t.stop)
	<-t.done
}

func (t *tracker) listed(n int) {
	t.mu.Lock()
	t.p.Listed = n
	t.changed = true
	t.mu.Unlock()
}

func (t *tracker) planned(files int, bytes int64) {
	t.mu.Lock()
	t.p.Phase = PhaseDownloading
	t.p.FilesTotal, t.p.BytesTotal = files, bytes
	t.changed = true
	t.mu.Unlock()
}

func (t *tracker) fileProgress(key string, done int64) {
	t.mu.Lock()
	if _, ok := t.inflight[key]; !ok {
		t.p.CurrentKey = key // the newest file started
	}
	t.inflight[key] = done
	t.changed = true
	t.mu.Unlock()
}

// fileDone ends a file; bytes counts towards BytesDone (the file's size when it is on disk,
// 0 when it failed, so the bar tracks what is really there).
func (t *tracker) fileDone(key string, bytes int64) {
	t.mu.Lock()
	delete(t.inflight, key)
	if t.p.CurrentKey == key {
		t.p.CurrentKey = ""
		for k := range t.inflight {
			t.p.CurrentKey = k
			break
		}
	}
	t.p.FilesDone++
	t.finished += bytes
	t.changed = true
	t.mu.Unlock()
}

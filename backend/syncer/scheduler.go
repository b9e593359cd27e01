package syncer

import (
	"context"
	"errors"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"vpack-s3-sync/backend/apperr"
	"vpack-s3-sync/backend/store"
)

// Interval bounds for a source's schedule.
const (
	MinInterval = 5 * time.Minute
	MaxInterval = 24 * time.Hour
)

// SourceSchedule is what the scheduler needs to know about one source.
type SourceSchedule struct {
	SourceID  int64
	Interval  time.Duration // clamped to MinInterval…MaxInterval; 0 = manual only (no schedule)
	Enabled   bool
	Paused    bool
	LastRunAt time.Time // when the last run finished; zero = never ran
}

// RunFunc performs one run of a source (Engine.RunSource in the app).
type RunFunc func(ctx context.Context, sourceID int64, trigger string) (Summary, error)

// SchedulerConfig wires a Scheduler.
type SchedulerConfig struct {
	Sources func(ctx context.Context) ([]SourceSchedule, error) // read on every check
	Run     RunFunc
	Clock   Clock         // nil = SystemClock()
	Tick    time.Duration // how often due times are checked; 0 = 30s
	// Jitter spreads runs so sources (and PCs) do not hit S3 in step; nil = a random delay
	// up to 1/20 of the interval, at most one minute.
	Jitter func(interval time.Duration) time.Duration
}

// SourceStatus is the scheduler's view of one source, for the UI.
type SourceStatus struct {
	Running  bool
	Paused   bool
	NextRun  time.Time // zero when not scheduled (disabled, paused, unknown)
	Failures int       // consecutive failed runs
}

// Scheduler runs each enabled source on its interval, at most one run per source at a time.
//
// Due times are wall-clock times checked on every tick against Clock.Now(), so after the
// computer sleeps past one or many due times the first tick after waking starts one run, not
// one per missed tick. After a failed run it retries sooner and then later (1, 2, 4… minutes,
// capped at the interval).
type Scheduler struct {
	cfg SchedulerConfig

	mu        sync.Mutex
	states    map[int64]*sourceState
	pausedAll bool
	stopped   bool
	ctx       context.Context
	cancel    context.CancelFunc
	wg        sync.WaitGroup
	kick      chan struct{}
}

type sourceState struct {
	interval time.Duration
	enabled  bool
	paused   bool
	nextDue  time.Time
	failures int
	running  *Run
}

// Run is one run in flight (or finished). Every trigger that joins it gets the same result.
type Run struct {
	SourceID int64
	Trigger  string
	done     chan struct{}
	cancel   context.CancelFunc
	summary  Summary
	err      error
}

// Done is closed when the run has finished.
func (r *Run) Done() <-chan struct{} { return r.done }

// Wait blocks until the run finishes (or ctx ends) and returns its result.
func (r *Run) Wait(ctx context.Context) (Summary, error) {
	select {
	case <-r.done:
		return r.summary, r.err
	case <-ctx.Done():
		return Summary{}, ctx.Err()
	}
}

// NewScheduler makes a scheduler; Start begins ticking.
func NewScheduler(cfg SchedulerConfig) *Scheduler {
	if cfg.Clock == nil {
		cfg.Clock = SystemClock()
	}
	if cfg.Tick <= 0 {
		cfg.Tick = 30 * time.Second
	}
	if cfg.Jitter == nil {
		cfg.Jitter = randomJitter
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &Scheduler{
		cfg:    cfg,
		states: map[int64]*sourceState{},
		ctx:    ctx,
		cancel: cancel,
		kick:   make(chan struct{}, 1),
	}
}

func randomJitter(interval time.Duration) time.Duration {
	limit := min(interval/20, time.Minute)
	if limit <= 0 {
		return 0
	}
	return rand.N(limit)
}

// Start checks due times now and then on every tick, until Stop.
func (s *Scheduler) Start() {
	s.wg.Add(1)
	go s.loop()
}

func (s *Scheduler) loop() {
	defer s.wg.Done()
	ticker := s.cfg.Clock.NewTicker(s.cfg.Tick)
	defer ticker.Stop()
	s.check()
	for {
		select {
		case <-s.ctx.Done():
			return
		case <-ticker.C():
		case <-s.kick:
		}
		s.check()
	}
}

// Reload re-reads the sources and checks due times now (call it after a source is saved).
func (s *Scheduler) Reload() {
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

// check starts every source that is due.
func (s *Scheduler) check() {
	srcs, err := s.cfg.Sources(s.ctx)
	if err != nil {
		if s.ctx.Err() == nil {
			slog.Error("scheduler: read sources", "err", err)
		}
		return
	}
	now := s.cfg.Clock.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped {
		return
	}
	seen := make(map[int64]bool, len(srcs))
	for _, src := range srcs {
		seen[src.SourceID] = true
		interval := clampInterval(src.Interval)
		st := s.states[src.SourceID]
		if st == nil {
			st = &sourceState{interval: interval, nextDue: s.firstDue(src, interval, now)}
			s.states[src.SourceID] = st
		} else if st.interval != interval {
			st.interval = interval
			if !src.LastRunAt.IsZero() {
				st.nextDue = src.LastRunAt.Add(interval)
			}
		}
		st.enabled, st.paused = src.Enabled, src.Paused
		if interval == 0 || !st.enabled || st.paused || s.pausedAll || st.running != nil {
			continue
		}
		if !now.Before(st.nextDue) {
			s.startLocked(src.SourceID, st, TriggerSchedule)
		}
	}
	for id, st := range s.states {
		if !seen[id] {
			if st.running != nil {
				st.running.cancel()
			}
			delete(s.states, id)
		}
	}
}

// firstDue: a source that never ran is due now; otherwise one interval after its last run
// (already past after a long sleep or a closed app: then it runs on this check, once).
func (s *Scheduler) firstDue(src SourceSchedule, interval time.Duration, now time.Time) time.Time {
	if src.LastRunAt.IsZero() {
		return now
	}
	return src.LastRunAt.Add(interval + s.cfg.Jitter(interval))
}

// clampInterval keeps a schedule within 5 min … 24 h; 0 (manual only) stays 0.
func clampInterval(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	return min(max(d, MinInterval), MaxInterval)
}

// Trigger starts a run of the source now, or joins the one already running.
func (s *Scheduler) Trigger(sourceID int64, trigger string) (*Run, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped {
		return nil, apperr.New(apperr.Cancelled).With("reason", "shutting_down")
	}
	st := s.states[sourceID]
	if st == nil {
		st = &sourceState{interval: MinInterval, enabled: true}
		s.states[sourceID] = st
	}
	if st.running != nil {
		return st.running, nil
	}
	return s.startLocked(sourceID, st, trigger), nil
}

// SyncNow is Trigger for a person's "Sync now": it runs even when the source is paused.
func (s *Scheduler) SyncNow(sourceID int64) (*Run, error) {
	return s.Trigger(sourceID, TriggerManual)
}

func (s *Scheduler) startLocked(id int64, st *sourceState, trigger string) *Run {
	ctx, cancel := context.WithCancel(s.ctx)
	r := &Run{SourceID: id, Trigger: trigger, done: make(chan struct{}), cancel: cancel}
	st.running = r
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		defer cancel()
		sum, err := s.cfg.Run(ctx, id, trigger)
		s.finish(id, r, sum, err)
	}()
	return r
}

func (s *Scheduler) finish(id int64, r *Run, sum Summary, err error) {
	now := s.cfg.Clock.Now()
	s.mu.Lock()
	if st := s.states[id]; st != nil && st.running == r {
		st.running = nil
		switch {
		case errors.Is(err, context.Canceled), apperr.CodeOf(err) == apperr.Cancelled:
			st.nextDue = now.Add(st.interval + s.cfg.Jitter(st.interval))
		case err != nil:
			st.failures++
			st.nextDue = now.Add(backoff(st.failures, st.interval))
		default:
			st.failures = 0
			st.nextDue = now.Add(st.interval + s.cfg.Jitter(st.interval))
		}
	}
	s.mu.Unlock()
	r.summary, r.err = sum, err
	close(r.done)
}

// backoff after n consecutive failures: 1, 2, 4, 8… minutes, never longer than the interval.
func backoff(n int, interval time.Duration) time.Duration {
	d := time.Minute
	for i := 1; i < n && d < interval; i++ {
		d *= 2
	}
	return min(d, interval)
}

// Cancel stops the source's run, if any; partial files stay resumable. It reports whether a
// run was cancelled.
func (s *Scheduler) Cancel(sourceID int64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st := s.states[sourceID]; st != nil && st.running != nil {
		st.running.cancel()
		return true
	}
	return false
}

// SetPaused pauses or resumes one source at once: pausing cancels its run. The caller saves
// Source.Paused in the store too; the next check reads it from there.
func (s *Scheduler) SetPaused(sourceID int64, paused bool) {
	s.mu.Lock()
	if st := s.states[sourceID]; st != nil {
		st.paused = paused
		if paused && st.running != nil {
			st.running.cancel()
		}
	}
	s.mu.Unlock()
	if !paused {
		s.Reload()
	}
}

// PauseAll pauses or resumes every source; pausing cancels the runs in flight.
func (s *Scheduler) PauseAll(paused bool) {
	s.mu.Lock()
	s.pausedAll = paused
	if paused {
		for _, st := range s.states {
			if st.running != nil {
				st.running.cancel()
			}
		}
	}
	s.mu.Unlock()
	if !paused {
		s.Reload()
	}
}

// PausedAll reports whether PauseAll(true) is in effect.
func (s *Scheduler) PausedAll() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pausedAll
}

// Status is the scheduler's view of one source.
func (s *Scheduler) Status(sourceID int64) SourceStatus {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.states[sourceID]
	if st == nil {
		return SourceStatus{Paused: s.pausedAll}
	}
	out := SourceStatus{Running: st.running != nil, Paused: st.paused || s.pausedAll, Failures: st.failures}
	if st.enabled && !out.Paused && st.interval > 0 {
		out.NextRun = st.nextDue
	}
	return out
}

// Stop cancels the runs in flight (their partial files stay resumable, nothing half-written
// appears under a final name), waits for them to finish recording, and stops ticking.
func (s *Scheduler) Stop() {
	s.mu.Lock()
	s.stopped = true
	s.mu.Unlock()
	s.cancel()
	s.wg.Wait()
}

// SourceLister reads every source (*store.Store).
type SourceLister interface {
	ListSources(ctx context.Context) ([]store.Source, error)
}

// StoreSchedules adapts the store's sources for SchedulerConfig.Sources.
func StoreSchedules(st SourceLister) func(ctx context.Context) ([]SourceSchedule, error) {
	return func(ctx context.Context) ([]SourceSchedule, error) {
		srcs, err := st.ListSources(ctx)
		if err != nil {
			return nil, err
		}
		out := make([]SourceSchedule, 0, len(srcs))
		for _, s := range srcs {
			out = append(out, SourceSchedule{
				SourceID:  s.ID,
				Interval:  time.Duration(s.IntervalMinutes) * time.Minute,
				Enabled:   s.Enabled,
				Paused:    s.Paused,
				LastRunAt: s.LastRunAt,
			})
		}
		return out, nil
	}
}

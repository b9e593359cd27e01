package syncer

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"vpack-s3-sync/backend/apperr"
)

// fakeClock moves only when told. Advance fires due tickers once (like time.Ticker, which drops
// ticks a slow reader misses); Jump moves the wall clock without ticks, like a sleeping PC.
type fakeClock struct {
	mu      sync.Mutex
	now     time.Time
	tickers []*fakeTicker
}

type fakeTicker struct {
	c      chan time.Time
	every  time.Duration
	next   time.Time
	closed atomic.Bool
}

func (t *fakeTicker) C() <-chan time.Time { return t.c }
func (t *fakeTicker) Stop()               { t.closed.Store(true) }

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) NewTicker(d time.Duration) Ticker {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &fakeTicker{c: make(chan time.Time, 1), every: d, next: c.now.Add(d)}
	c.tickers = append(c.tickers, t)
	return t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	for _, t := range c.tickers {
		if t.closed.Load() || c.now.Before(t.next) {
			continue
		}
		for !c.now.Before(t.next) {
			t.next = t.next.Add(t.every)
		}
		select {
		case t.c <- c.now:
		default:
		}
	}
}

func (c *fakeClock) Jump(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// fakeRuns records runs and lets a test decide when each ends.
type fakeRuns struct {
	mu      sync.Mutex
	calls   []string
	started chan int64
	release chan error
}

func newFakeRuns() *fakeRuns {
	return &fakeRuns{started: make(chan int64, 16), release: make(chan error)}
}

func (f *fakeRuns) run(ctx context.Context, id int64, trigger string) (Summary, error) {
	f.mu.Lock()
	f.calls = append(f.calls, trigger)
	f.mu.Unlock()
	f.started <- id
	select {
	case err := <-f.release:
		return Summary{SourceID: id, Trigger: trigger}, err
	case <-ctx.Done():
		return Summary{SourceID: id, Status: StatusCancelled}, apperr.Wrap(apperr.Cancelled, ctx.Err())
	}
}

func (f *fakeRuns) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.calls)
}

func (f *fakeRuns) waitStarted(t *testing.T) {
	t.Helper()
	select {
	case <-f.started:
	case <-time.After(5 * time.Second):
		t.Fatal("no run started")
	}
}

type schedFixture struct {
	clock *fakeClock
	runs  *fakeRuns
	s     *Scheduler
	mu    sync.Mutex
	srcs  []SourceSchedule
}

func newSchedFixture(t *testing.T, srcs ...SourceSchedule) *schedFixture {
	t.Helper()
	f := &schedFixture{clock: newFakeClock(), runs: newFakeRuns(), srcs: srcs}
	f.s = NewScheduler(SchedulerConfig{
		Sources: func(context.Context) ([]SourceSchedule, error) {
			f.mu.Lock()
			defer f.mu.Unlock()
			return append([]SourceSchedule(nil), f.srcs...), nil
		},
		Run:    f.runs.run,
		Clock:  f.clock,
		Tick:   30 * time.Second,
		Jitter: func(time.Duration) time.Duration { return 0 },
	})
	t.Cleanup(f.s.Stop)
	return f
}

// finishRun ends the run in flight with err and waits until the scheduler has seen it.
func (f *schedFixture) finishRun(t *testing.T, id int64, err error) {
	t.Helper()
	f.s.mu.Lock()
	r := f.s.states[id].running
	f.s.mu.Unlock()
	f.runs.release <- err
	<-r.Done()
}

func TestSchedulerRunsNewSourceAtOnceThenEveryInterval(t *testing.T) {
	f := newSchedFixture(t, SourceSchedule{SourceID: 1, Interval: 15 * time.Minute, Enabled: true})
	f.s.check()
	f.runs.waitStarted(t)
	f.finishRun(t, 1, nil)

	f.clock.Jump(14 * time.Minute)
	f.s.check()
	if n := f.runs.count(); n != 1 {
		t.Fatalf("ran %d times before the interval passed", n)
	}
	f.clock.Jump(time.Minute)
	f.s.check()
	f.runs.waitStarted(t)
	if n := f.runs.count(); n != 2 {
		t.Fatalf("runs = %d, want 2", n)
	}
}

func TestSchedulerRunsOnceOnWakeAfterSleepingPastManyDueTimes(t *testing.T) {
	last := newFakeClock().Now().Add(-time.Minute)
	f := newSchedFixture(t, SourceSchedule{SourceID: 1, Interval: 5 * time.Minute, Enabled: true, LastRunAt: last})
	f.s.Start()
	f.clock.Advance(30 * time.Second) // a first tick: not due yet
	f.clock.Jump(10 * time.Hour)      // asleep: 120 due times pass, no ticks
	f.clock.Advance(30 * time.Second) // awake: one tick
	f.runs.waitStarted(t)
	f.finishRun(t, 1, nil)
	f.clock.Advance(30 * time.Second)
	f.clock.Advance(30 * time.Second)
	f.s.check()
	if n := f.runs.count(); n != 1 {
		t.Fatalf("runs after wake = %d, want 1", n)
	}
	next := f.s.Status(1).NextRun
	if want := f.clock.Now().Add(-time.Minute).Add(5 * time.Minute); !next.Equal(want) {
		t.Fatalf("next run %v, want one interval after the wake run (%v)", next, want)
	}
}

func TestSchedulerBacksOffAfterFailedRunsAndResetsOnSuccess(t *testing.T) {
	f := newSchedFixture(t, SourceSchedule{SourceID: 1, Interval: time.Hour, Enabled: true})
	fail := apperr.New(apperr.NetUnreachable)
	wantDelays := []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute}
	f.s.check()
	f.runs.waitStarted(t)
	for i, d := range wantDelays {
		f.finishRun(t, 1, fail)
		st := f.s.Status(1)
		if st.Failures != i+1 || !st.NextRun.Equal(f.clock.Now().Add(d)) {
			t.Fatalf("after failure %d: %+v, want next in %v", i+1, st, d)
		}
		f.clock.Jump(d)
		f.s.check()
		f.runs.waitStarted(t)
	}
	f.finishRun(t, 1, nil)
	if st := f.s.Status(1); st.Failures != 0 || !st.NextRun.Equal(f.clock.Now().Add(time.Hour)) {
		t.Fatalf("after success: %+v", st)
	}
}

func TestBackoffNeverExceedsInterval(t *testing.T) {
	cases := []struct {
		n        int
		interval time.Duration
		want     time.Duration
	}{
		{1, time.Hour, time.Minute},
		{3, time.Hour, 4 * time.Minute},
		{7, time.Hour, time.Hour},
		{50, 24 * time.Hour, 24 * time.Hour},
		{2, 5 * time.Minute, 2 * time.Minute},
		{4, 5 * time.Minute, 5 * time.Minute},
	}
	for _, c := range cases {
		if got := backoff(c.n, c.interval); got != c.want {
			t.Errorf("backoff(%d, %v) = %v, want %v", c.n, c.interval, got, c.want)
		}
	}
}

func TestSecondTriggerJoinsTheRunningRun(t *testing.T) {
	f := newSchedFixture(t, SourceSchedule{SourceID: 7, Interval: time.Hour, Enabled: true, LastRunAt: newFakeClock().Now()})
	a, err := f.s.SyncNow(7)
	if err != nil {
		t.Fatal(err)
	}
	f.runs.waitStarted(t)
	b, _ := f.s.Trigger(7, TriggerSchedule)
	f.s.check()
	if a != b {
		t.Fatal("second trigger started another run")
	}
	f.runs.release <- nil
	sa, errA := a.Wait(context.Background())
	sb, errB := b.Wait(context.Background())
	if errA != nil || errB != nil || sa.Trigger != TriggerManual || sb.Trigger != TriggerManual {
		t.Fatalf("joined results differ: %+v %v / %+v %v", sa, errA, sb, errB)
	}
	if n := f.runs.count(); n != 1 {
		t.Fatalf("runs = %d, want 1", n)
	}
}

func TestPausedSourcesAreNotScheduledButSyncNowStillRuns(t *testing.T) {
	f := newSchedFixture(t,
		SourceSchedule{SourceID: 1, Interval: time.Hour, Enabled: true, Paused: true},
		SourceSchedule{SourceID: 2, Interval: time.Hour, Enabled: false},
	)
	f.s.check()
	if n := f.runs.count(); n != 0 {
		t.Fatalf("paused or disabled sources ran %d times", n)
	}
	if st := f.s.Status(1); !st.Paused || !st.NextRun.IsZero() {
		t.Fatalf("paused status %+v", st)
	}
	if _, err := f.s.SyncNow(1); err != nil {
		t.Fatal(err)
	}
	f.runs.waitStarted(t)
	f.finishRun(t, 1, nil)
}

func TestPauseCancelsTheRunAndResumeSchedulesAgain(t *testing.T) {
	f := newSchedFixture(t, SourceSchedule{SourceID: 1, Interval: time.Hour, Enabled: true})
	f.s.check()
	f.runs.waitStarted(t)
	f.s.mu.Lock()
	r := f.s.states[1].running
	f.s.mu.Unlock()

	f.s.PauseAll(true)
	if _, err := r.Wait(context.Background()); apperr.CodeOf(err) != apperr.Cancelled {
		t.Fatalf("paused run ended with %v, want cancelled", err)
	}
	f.clock.Jump(2 * time.Hour)
	f.s.check()
	if n := f.runs.count(); n != 1 {
		t.Fatalf("ran while paused")
	}
	f.s.PauseAll(false)
	f.s.check()
	f.runs.waitStarted(t)
	f.finishRun(t, 1, nil)
}

func TestCancelEndsOnlyThatSourcesRun(t *testing.T) {
	f := newSchedFixture(t,
		SourceSchedule{SourceID: 1, Interval: time.Hour, Enabled: true},
		SourceSchedule{SourceID: 2, Interval: time.Hour, Enabled: true},
	)
	f.s.check()
	f.runs.waitStarted(t)
	f.runs.waitStarted(t)
	if !f.s.Cancel(1) {
		t.Fatal("Cancel found no run")
	}
	f.s.mu.Lock()
	r1, r2 := f.s.states[1].running, f.s.states[2].running
	f.s.mu.Unlock()
	if _, err := r1.Wait(context.Background()); apperr.CodeOf(err) != apperr.Cancelled {
		t.Fatalf("cancelled run: %v", err)
	}
	if !f.s.Status(2).Running {
		t.Fatal("the other source's run stopped too")
	}
	f.runs.release <- nil
	<-r2.Done()
	if f.s.Cancel(1) {
		t.Fatal("Cancel reported a run when none was in flight")
	}
}

func TestStopCancelsRunsAndRefusesNewTriggers(t *testing.T) {
	f := newSchedFixture(t, SourceSchedule{SourceID: 1, Interval: time.Hour, Enabled: true})
	f.s.Start()
	f.runs.waitStarted(t)
	f.s.mu.Lock()
	r := f.s.states[1].running
	f.s.mu.Unlock()
	f.s.Stop()
	select {
	case <-r.Done():
	default:
		t.Fatal("Stop returned before the run ended")
	}
	if _, err := f.s.SyncNow(1); !errors.Is(err, apperr.New(apperr.Cancelled)) {
		t.Fatalf("trigger after Stop: %v", err)
	}
}

func TestManualOnlySourcesRunOnlyWhenTriggered(t *testing.T) {
	f := newSchedFixture(t, SourceSchedule{SourceID: 3, Interval: 0, Enabled: true})
	f.s.check()
	f.clock.Jump(48 * time.Hour)
	f.s.check()
	if n := f.runs.count(); n != 0 {
		t.Fatalf("manual-only source ran %d times on its own", n)
	}
	if st := f.s.Status(3); !st.NextRun.IsZero() {
		t.Fatalf("manual-only source has a next run: %+v", st)
	}
	if _, err := f.s.SyncNow(3); err != nil {
		t.Fatal(err)
	}
	f.runs.waitStarted(t)
	f.finishRun(t, 3, nil)
}

func TestIntervalIsClampedBetweenFiveMinutesAndADay(t *testing.T) {
	for in, want := range map[time.Duration]time.Duration{
		0: 0, -time.Minute: 0, time.Minute: MinInterval, 15 * time.Minute: 15 * time.Minute, 48 * time.Hour: MaxInterval,
	} {
		if got := clampInterval(in); got != want {
			t.Errorf("clampInterval(%v) = %v, want %v", in, got, want)
		}
	}
}

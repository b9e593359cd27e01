package syncer

import "time"

// Clock is time as the scheduler sees it; tests pass a fake one so nothing sleeps.
type Clock interface {
	// Now is the wall-clock time without a monotonic reading (see SystemClock).
	Now() time.Time
	NewTicker(d time.Duration) Ticker
}

// Ticker is the part of *time.Ticker the scheduler uses.
type Ticker interface {
	C() <-chan time.Time
	Stop()
}

// SystemClock is the real clock. Its Now strips the monotonic reading on purpose: on Linux and
// macOS the monotonic clock stops while the computer sleeps, so a due time compared on it would
// ignore the hours spent asleep. Comparing wall-clock times makes a wake-up see every due time
// that passed while asleep.
func SystemClock() Clock { return systemClock{} }

type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now().Round(0) }

func (systemClock) NewTicker(d time.Duration) Ticker { return realTicker{time.NewTicker(d)} }

type realTicker struct{ t *time.Ticker }

func (r realTicker) C() <-chan time.Time { return r.t.C }
func (r realTicker) Stop()               { r.t.Stop() }

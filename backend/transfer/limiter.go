package transfer

import (
	"context"
	"sync"
	"time"
)

// Limiter is a token bucket of bytes per second shared by every transfer that holds it, so the
// limit caps the app's total download rate however many files and parts run at once.
// A nil *Limiter means unlimited; all methods accept it.
type Limiter struct {
	mu     sync.Mutex
	rate   float64 // bytes per second
	burst  float64
	tokens float64
	last   time.Time
}

// NewLimiter returns a limiter of bytesPerSec, or nil (unlimited) when bytesPerSec <= 0.
func NewLimiter(bytesPerSec int64) *Limiter {
	if bytesPerSec <= 0 {
		return nil
	}
	l := &Limiter{last: time.Now()}
	l.setRate(bytesPerSec)
	l.tokens = l.burst
	return l
}

// SetRate changes the limit of a running limiter (a new setting applies to transfers already
// under way). bytesPerSec must be positive; to lift a limit, stop passing the limiter.
func (l *Limiter) SetRate(bytesPerSec int64) {
	if l == nil || bytesPerSec <= 0 {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.refill(time.Now())
	l.setRate(bytesPerSec)
	l.tokens = min(l.tokens, l.burst)
}

// setRate: the burst is a tenth of a second of traffic, at least one read chunk, so pacing is
// smooth and the limit holds over any window longer than that.
func (l *Limiter) setRate(bytesPerSec int64) {
	l.rate = float64(bytesPerSec)
	l.burst = max(l.rate/10, minChunk)
}

func (l *Limiter) refill(now time.Time) {
	l.tokens = min(l.burst, l.tokens+now.Sub(l.last).Seconds()*l.rate)
	l.last = now
}

// chunk is how many bytes a reader should take at a time under this limiter.
func (l *Limiter) chunk(bufLen int) int {
	if l == nil {
		return bufLen
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return max(minChunk, min(bufLen, int(l.burst)))
}

// Wait takes n bytes from the bucket, sleeping as long as the debt it leaves needs to be paid
// back. It returns ctx's error if ctx ends first, and gives the bytes back in that case.
func (l *Limiter) Wait(ctx context.Context, n int) error {
	if l == nil || n <= 0 {
		return ctx.Err()
	}
	l.mu.Lock()
	l.refill(time.Now())
	l.tokens -= float64(n)
	debt := -l.tokens
	rate := l.rate
	l.mu.Unlock()
	if debt <= 0 {
		return nil
	}
	timer := time.NewTimer(time.Duration(debt / rate * float64(time.Second)))
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		l.mu.Lock()
		l.tokens += float64(n)
		l.mu.Unlock()
		return ctx.Err()
	}
}

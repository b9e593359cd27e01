package transfer

import (
	"sync"
	"sync/atomic"
	"time"
)

// rateWindow is how far back the rate looks: long enough to smooth part boundaries and
// limiter pauses, short enough that a stall shows within seconds.
const rateWindow = 5 * time.Second

// meter counts bytes as they reach the file and reports Progress on a ticker, so a caller hears
// about a large part while it is still being read, and hears about a stall (rate falling) too.
type meter struct {
	key   string
	total int64
	done  atomic.Int64 // bytes in the partial file, resumed ones included
	// fetched counts bytes that came over the network in this Download, across restarts.
	fetched atomic.Int64
	fn      func(Progress)

	mu      sync.Mutex
	samples []sample // newest last, spanning at most rateWindow
	stop    chan struct{}
	stopped chan struct{}
}

type sample struct {
	at   time.Time
	done int64
}

// start begins an attempt at total bytes from done bytes already on disk (they do not count
// towards the rate) and reports every interval until halt or finish.
func (m *meter) start(total, done int64, every time.Duration) {
	m.halt()
	m.total = total
	m.done.Store(done)
	m.mu.Lock()
	m.samples = append(m.samples[:0], sample{at: time.Now(), done: done})
	m.mu.Unlock()
	if m.fn == nil {
		return
	}
	m.stop, m.stopped = make(chan struct{}), make(chan struct{})
	go func() {
		defer close(m.stopped)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-m.stop:
				return
			case now := <-t.C:
				m.fn(m.progress(now))
			}
		}
	}()
}

func (m *meter) add(n int) {
	m.done.Add(int64(n))
	m.fetched.Add(int64(n))
}

// halt stops the ticker; no call to fn happens after it returns.
func (m *meter) halt() {
	if m.stop != nil {
		close(m.stop)
		<-m.stopped
		m.stop = nil
	}
}

// finish stops the ticker and makes the final call: all bytes done, no time left.
func (m *meter) finish() {
	m.halt()
	if m.fn != nil {
		p := m.progress(time.Now())
		p.Done, p.ETA = m.total, 0
		m.fn(p)
	}
}

func (m *meter) progress(now time.Time) Progress {
	done := m.done.Load()
	m.mu.Lock()
	m.samples = append(m.samples, sample{at: now, done: done})
	cut := 0
	for cut < len(m.samples)-2 && now.Sub(m.samples[cut+1].at) >= rateWindow {
		cut++
	}
	m.samples = m.samples[cut:]
	first := m.samples[0]
	m.mu.Unlock()

	p := Progress{Key: m.key, Done: done, Total: m.total}
	if secs := now.Sub(first.at).Seconds(); secs > 0 {
		p.Rate = float64(done-first.done) / secs
	}
	if p.Rate > 0 && done < m.total {
		p.ETA = time.Duration(float64(m.total-done) / p.Rate * float64(time.Second))
	}
	return p
}

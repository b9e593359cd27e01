//go:build linux

package main

import (
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// contender is one tool in a scenario.
type contender struct {
	Name     string // "ours", "aws", "rclone", "ceiling"
	Command  string // what a reader would type, shortened (no endpoint, no keys)
	Settings string
	// Prepare runs before each timed run, untimed (e.g. empty the destination).
	Prepare func(scratch string) error
	// Invoke builds the timed command.
	Invoke func(scratch string) invocation
	// Check runs after each timed run, untimed; full is true on the warm-up run, where
	// content is verified byte for byte, later runs check counts and sizes.
	Check func(scratch string, full bool) error
	NoRSS bool // the RSS of a fan of processes means nothing (the ceiling)
	NoGet bool // a run that GETs an object is wrong (re-sync of unchanged objects)
}

// scenario is one row group of the results.
type scenario struct {
	ID, Title string
	Unit      string  // "MiB/s" or "objects/s"
	Amount    float64 // MiB moved or objects listed per run, for the throughput column
	WAN       bool
	Counted   int // counted runs when not the harness's default (S6)
	NoWarmUp  bool
	Targets   []target
	Tools     []*contender
	Notes     []string
}

// outcome holds every measured run of one contender.
type outcome struct {
	Tool    *contender
	Samples []sample // counted runs only
	Err     error
}

// ran is the result of a scenario.
type ran struct {
	S        *scenario
	Out      map[string]*outcome
	Order    []string
	Duration time.Duration
}

// run alternates the contenders (A B C A B C …, the first one rotating each round) for a
// warm-up round and `counted` measured rounds. A tool that fails is not run again.
func (s *scenario) run(counted int, scratchRoot string) *ran {
	start := time.Now()
	r := &ran{S: s, Out: map[string]*outcome{}}
	for _, c := range s.Tools {
		r.Out[c.Name] = &outcome{Tool: c}
		r.Order = append(r.Order, c.Name)
	}
	first := 0
	if s.NoWarmUp {
		first = 1
	}
	for round := first; round <= counted; round++ {
		for i := range s.Tools {
			c := s.Tools[(i+round)%len(s.Tools)]
			o := r.Out[c.Name]
			if o.Err != nil {
				continue
			}
			scratch := filepath.Join(scratchRoot, s.ID, c.Name)
			smp := runOnce(c, scratch, round == first)
			tag := "warm-up"
			if round > 0 {
				tag = fmt.Sprintf("run %d", round)
			}
			if smp.Err != nil {
				o.Err = fmt.Errorf("%s: %w", tag, smp.Err)
				log.Printf("%s %-8s %s FAILED: %v", s.ID, c.Name, tag, smp.Err)
				continue
			}
			log.Printf("%s %-8s %-7s %7.2fs  rss %6.1f MiB  req L/G/H %s", s.ID, c.Name, tag,
				smp.Wall.Seconds(), float64(smp.RSSKiB)/1024, smp.Req)
			if round > 0 {
				o.Samples = append(o.Samples, smp)
			}
		}
	}
	r.Duration = time.Since(start)
	return r
}

var activeGateway *gateway

func runOnce(c *contender, scratch string, full bool) sample {
	if err := os.MkdirAll(scratch, 0o755); err != nil {
		return sample{Err: err}
	}
	if c.Prepare != nil {
		if err := c.Prepare(scratch); err != nil {
			return sample{Err: fmt.Errorf("prepare: %w", err)}
		}
	}
	off := activeGateway.logOffset()
	smp := timed(c.Invoke(scratch), scratch)
	if smp.Err != nil {
		return smp
	}
	// The access log is written as requests finish; give the last line a moment to land.
	time.Sleep(50 * time.Millisecond)
	req, err := activeGateway.requestsSince(off)
	if err != nil {
		smp.Err = err
		return smp
	}
	smp.Req = req
	if c.NoGet && req.Get > 0 {
		smp.Err = fmt.Errorf("%d GET requests: an unchanged object was downloaded again", req.Get)
		return smp
	}
	if c.Check != nil {
		if err := c.Check(scratch, full); err != nil {
			smp.Err = fmt.Errorf("check: %w", err)
		}
	}
	return smp
}

// walls returns the counted wall times in seconds.
func (o *outcome) walls() []float64 {
	var xs []float64
	for _, s := range o.Samples {
		xs = append(xs, s.Wall.Seconds())
	}
	return xs
}

func (o *outcome) rssMiB() []float64 {
	var xs []float64
	for _, s := range o.Samples {
		xs = append(xs, float64(s.RSSKiB)/1024)
	}
	return xs
}

// speedup is, per round, the other tool's wall time over ours (above 1: we are faster);
// pairing runs of the same round cancels most of the machine's drift.
func (r *ran) speedup(other string) (stats, bool) { return r.speedupOf("ours", other) }

// speedupOf is speedup for one of our rows (ours, ours-c16).
func (r *ran) speedupOf(who, other string) (stats, bool) {
	a, b := r.Out[who], r.Out[other]
	if a == nil || b == nil || a.Err != nil || b.Err != nil || len(a.Samples) == 0 {
		return stats{}, false
	}
	n := min(len(a.Samples), len(b.Samples))
	var xs []float64
	for i := range n {
		xs = append(xs, b.Samples[i].Wall.Seconds()/a.Samples[i].Wall.Seconds())
	}
	return summarize(xs), true
}

// bestPeer is the peer (not ours, not the ceiling) with the lowest median wall time.
func (r *ran) bestPeer() string {
	best, bestT := "", 0.0
	for _, name := range r.Order {
		o := r.Out[name]
		if isOurs(name) || name == "ceiling" || o.Err != nil || len(o.Samples) == 0 {
			continue
		}
		if t := summarize(o.walls()).Median; best == "" || t < bestT {
			best, bestT = name, t
		}
	}
	return best
}

// isOurs tells our rows (ours, ours-c16, ours@N) from the peers and the ceiling.
func isOurs(name string) bool { return strings.HasPrefix(name, "ours") }

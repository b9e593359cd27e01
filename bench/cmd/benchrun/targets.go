//go:build linux

package main

import (
	"fmt"
	"slices"
	"strings"
)

// target is one of the goals for a scenario, evaluated on the measured runs.
type target struct {
	Text string
	// Eval returns what was measured and whether the goal is met; ok is false when there is
	// nothing to judge (our CLI did not run, a tool failed).
	Eval func(r *ran) (measured string, met, ok bool)
}

func oursOK(r *ran, who string) bool {
	o := r.Out[who]
	return o != nil && o.Err == nil && len(o.Samples) > 0
}

// beatBestPeer: our speed is at least factor × the fastest peer's, as the median of per-round
// ratios.
func beatBestPeer(factor float64) target { return beatBestPeerAs("ours", factor) }

func beatBestPeerAs(who string, factor float64) target {
	text := fmt.Sprintf("≥ %.4g× the best peer's speed", factor)
	if who != "ours" {
		text += " — row " + who
	}
	return target{
		Text: text,
		Eval: func(r *ran) (string, bool, bool) {
			best := r.bestPeer()
			sp, ok := r.speedupOf(who, best)
			if !oursOK(r, who) || !ok {
				return "", false, false
			}
			return fmt.Sprintf("%.2f× %s (%.2f–%.2f)", sp.Median, best, sp.Min, sp.Max), sp.Median >= factor, true
		},
	}
}

// notSlowerThanBestPeer: our wall time is at most the fastest peer's.
func notSlowerThanBestPeer() target {
	t := beatBestPeer(1)
	t.Text = "time ≤ the best peer's"
	return t
}

func ofCeiling(frac float64) target {
	return target{
		Text: fmt.Sprintf("≥ %.2g of the ceiling", frac),
		Eval: func(r *ran) (string, bool, bool) {
			sp, ok := r.speedup("ceiling")
			if !oursOK(r, "ours") || !ok {
				return "", false, false
			}
			return fmt.Sprintf("%.2f of curl (%.2f–%.2f)", sp.Median, sp.Min, sp.Max), sp.Median >= frac, true
		},
	}
}

func rssAtMost(limitMiB float64) target {
	return target{
		Text: fmt.Sprintf("peak RSS ≤ %.0f MiB", limitMiB),
		Eval: func(r *ran) (string, bool, bool) {
			if !oursOK(r, "ours") {
				return "", false, false
			}
			peak := slices.Max(r.Out["ours"].rssMiB())
			return fmt.Sprintf("%.1f MiB (highest of %d runs)", peak, len(r.Out["ours"].Samples)), peak <= limitMiB, true
		},
	}
}

// onlyList: our re-sync sends LIST requests and nothing else, counted at the gateway.
func onlyList() target {
	return target{
		Text: "only LIST requests",
		Eval: func(r *ran) (string, bool, bool) {
			if !oursOK(r, "ours") {
				return "", false, false
			}
			var worst requests
			for _, s := range r.Out["ours"].Samples {
				if s.Req.Get+s.Req.Head+s.Req.Other > worst.Get+worst.Head+worst.Other || worst.List == 0 {
					worst = s.Req
				}
			}
			met := worst.Get == 0 && worst.Head == 0 && worst.Other == 0
			return fmt.Sprintf("LIST %d, GET %d, HEAD %d, other %d (per run, at the gateway)", worst.List, worst.Get, worst.Head, worst.Other), met, true
		},
	}
}

// flatRSS: the largest size stays under limit, and memory does not grow with the object count
// (within 25% of the smallest size's peak).
func flatRSS(limitMiB float64) target {
	return target{
		Text: fmt.Sprintf("peak RSS ≤ %.0f MiB, flat", limitMiB),
		Eval: func(r *ran) (string, bool, bool) {
			var parts []string
			var first, last float64
			for i, name := range r.Order {
				o := r.Out[name]
				if o.Err != nil || len(o.Samples) == 0 {
					return "", false, false
				}
				peak := slices.Max(o.rssMiB())
				if i == 0 {
					first = peak
				}
				last = peak
				parts = append(parts, fmt.Sprintf("%s: %.1f MiB", count(planSize(name)), peak))
			}
			met := last <= limitMiB && last <= first*1.25
			return strings.Join(parts, ", "), met, true
		},
	}
}

//go:build linux

package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// invocation is one timed command: argv with its own environment (nothing inherited, so a
// stray AWS_PROFILE or AWS_CA_BUNDLE cannot change a tool's behaviour between runs).
type invocation struct {
	Argv   []string
	Env    []string
	Stdout string // file for the command's stdout ("" = discard)
}

// sample is one measured run.
type sample struct {
	Wall   time.Duration
	RSSKiB int64 // peak resident set of the process tree's largest process (/usr/bin/time -v)
	Req    requests
	Err    error
}

// timed runs inv under /usr/bin/time -v and returns the wall time measured here (monotonic
// clock, around the whole process) and the peak RSS time reports.
func timed(inv invocation, scratch string) sample {
	tfile := filepath.Join(scratch, "time.txt")
	_ = os.Remove(tfile)
	args := append([]string{"-v", "-o", tfile}, inv.Argv...)
	cmd := exec.Command("/usr/bin/time", args...)
	cmd.Env = inv.Env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if inv.Stdout != "" {
		f, err := os.Create(inv.Stdout)
		if err != nil {
			return sample{Err: err}
		}
		defer f.Close()
		cmd.Stdout = f
	}
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	s := sample{Wall: wall}
	report, _ := os.ReadFile(tfile)
	s.RSSKiB = maxRSS(string(report))
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if len(msg) > 600 {
			msg = msg[len(msg)-600:]
		}
		s.Err = fmt.Errorf("%s: %v: %s", filepath.Base(inv.Argv[0]), err, msg)
	}
	return s
}

func maxRSS(report string) int64 {
	for _, line := range strings.Split(report, "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "Maximum resident set size (kbytes):"); ok {
			n, _ := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			return n
		}
	}
	return 0
}

// stats summarises durations or sizes: median, min, max.
type stats struct{ Median, Min, Max float64 }

func summarize(xs []float64) stats {
	if len(xs) == 0 {
		return stats{}
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	m := s[len(s)/2]
	if len(s)%2 == 0 {
		m = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return stats{Median: m, Min: s[0], Max: s[len(s)-1]}
}

// cleanEnv is the base environment every tool gets: a private HOME and temp folder, a PATH
// and a locale, nothing else.
func cleanEnv(home string, extra ...string) []string {
	env := []string{
		"HOME=" + home,
		"PATH=/usr/local/bin:/usr/bin:/bin",
		"LANG=C.UTF-8",
		"TMPDIR=" + filepath.Join(home, "tmp"),
	}
	_ = os.MkdirAll(filepath.Join(home, "tmp"), 0o755)
	return append(env, extra...)
}

var errSkipped = errors.New("skipped after an earlier failure")

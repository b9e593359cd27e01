//go:build linux

package main

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"time"
)

type report struct {
	h        *harness
	runs     []*ran
	counted  int
	total    time.Duration
	failures []string
}

func (p report) write(path string) error {
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	w("# Benchmarks: VPACK S3 Sync against aws-cli and rclone\n\n")
	w("Written by `make bench` (bench/run.sh → bench/cmd/benchrun) on %s, scale **%s**, in %v. Do not edit by hand.\n\n",
		time.Now().UTC().Format("2006-01-02 15:04 UTC"), p.h.sc.Name, p.total.Round(time.Second))
	w("Every tool runs against the same versitygw on 127.0.0.1, the same data and the same disk. The tools take turns "+
		"(A B C A B C …, the first one rotating each round): one warm-up round, then %d counted rounds. "+
		"Wall time is measured around the process; peak RSS is `/usr/bin/time -v`'s maximum resident set size. "+
		"*ours ÷ tool* is, per round, the tool's wall time divided by ours (above 1: we are faster); its median and "+
		"range are shown, because on this shared machine absolute speeds drift between runs while paired ratios hold. "+
		"Requests are counted in the gateway's access log.\n\n", p.counted)
	w("%s", howTo)
	p.machine(w)
	p.summary(w)
	for _, r := range p.runs {
		p.table(w, r)
	}
	if len(p.failures) > 0 {
		w("## Scenarios that could not run\n\n")
		for _, f := range p.failures {
			w("- %s\n", f)
		}
		w("\n")
	}
	p.findings(w)
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

func (p report) machine(w func(string, ...any)) {
	w("## Machine and versions\n\n")
	w("- CPU: %s, %d cores (shared with other work while measuring)\n", cpuModel(), runtime.NumCPU())
	w("- Memory: %s\n", memTotal())
	w("- Kernel: %s\n", firstLine("uname", "-sr"))
	w("- ours: vpack-s3-sync %s, built with %s\n", gitRev(), runtime.Version())
	w("- aws: %s\n", firstLine("/usr/bin/aws", "--version"))
	w("- rclone: %s\n", firstLine("/usr/bin/rclone", "version"))
	w("- curl: %s\n", firstLine("/usr/bin/curl", "--version"))
	w("- server: versitygw %s (posix backend, `--keep-alive`)\n", goModVersion("versitygw"))
	w("- WAN link: toxiproxy %s, `latency` %d ms downstream + `bandwidth` %d KB/s per connection\n\n",
		goModVersion("toxiproxy-server"), wanLatencyMs, wanKBps)
}

func (p report) summary(w func(string, ...any)) {
	w("## Targets\n\n| scenario | target | measured | met |\n|---|---|---|---|\n")
	for _, r := range p.runs {
		for _, t := range r.S.Targets {
			measured, met, ok := t.Eval(r)
			verdict := "missed"
			switch {
			case !ok:
				measured, verdict = "not measured", "—"
			case met:
				verdict = "**met**"
			}
			w("| %s | %s | %s | %s |\n", r.S.ID, t.Text, measured, verdict)
		}
	}
	w("\n")
}

func (p report) table(w func(string, ...any), r *ran) {
	s := r.S
	w("## %s — %s\n\n", s.ID, s.Title)
	w("_%d counted runs per tool; the scenario took %v including the warm-up, checks and cleanup._\n\n",
		len(r.Out[r.Order[0]].Samples), r.Duration.Round(time.Second))
	for _, n := range s.Notes {
		w("%s\n\n", n)
	}
	w("| tool | wall median | min–max | %s | peak RSS median (max) | LIST / GET / HEAD | ours ÷ tool |\n", s.Unit)
	w("|---|---|---|---|---|---|---|\n")
	for _, name := range r.Order {
		o := r.Out[name]
		if o.Err != nil {
			w("| %s | failed: %s | | | | | |\n", name, oneLine(o.Err.Error()))
			continue
		}
		t := summarize(o.walls())
		amount := s.Amount
		if n := planSize(name); n > 0 {
			amount = float64(n)
		}
		rss := "—"
		if !o.Tool.NoRSS {
			m := summarize(o.rssMiB())
			rss = fmt.Sprintf("%.1f MiB (%.1f)", m.Median, m.Max)
		}
		ratio := ""
		if !isOurs(name) {
			if sp, ok := r.speedup(name); ok {
				ratio = fmt.Sprintf("%.2f× (%.2f–%.2f)", sp.Median, sp.Min, sp.Max)
			}
		}
		w("| %s | %.2f s | %.2f–%.2f s | %s | %s | %s | %s |\n", name, t.Median, t.Min, t.Max,
			rate(amount/t.Median, s.Unit), rss, medianRequests(o.Samples), ratio)
	}
	w("\nCommands (DEST is a fresh folder each run unless said otherwise; endpoint and keys omitted):\n\n")
	for _, name := range r.Order {
		c := r.Out[name].Tool
		w("- **%s**: `%s` — %s\n", name, c.Command, c.Settings)
	}
	w("\n")
}

func rate(v float64, unit string) string {
	if unit == "objects/s" {
		return fmt.Sprintf("%s objects/s", count(int(v)))
	}
	return fmt.Sprintf("%.0f MiB/s", v)
}

// medianRequests shows the request counts of the median-time run.
func medianRequests(ss []sample) string {
	if len(ss) == 0 {
		return ""
	}
	sorted := slices.Clone(ss)
	slices.SortFunc(sorted, func(a, b sample) int { return int(a.Wall - b.Wall) })
	return sorted[len(sorted)/2].Req.String()
}

func oneLine(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	s = strings.ReplaceAll(s, "|", "/")
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}

func cpuModel() string {
	b, _ := os.ReadFile("/proc/cpuinfo")
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "model name"); ok {
			return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), ":"))
		}
	}
	return runtime.GOARCH
}

func memTotal() string {
	b, _ := os.ReadFile("/proc/meminfo")
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "MemTotal:"); ok {
			var kb int64
			fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), &kb)
			return fmt.Sprintf("%.1f GiB", float64(kb)/(1<<20))
		}
	}
	return "unknown"
}

func firstLine(name string, args ...string) string {
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil && len(out) == 0 {
		return "unknown"
	}
	return strings.TrimSpace(strings.SplitN(string(out), "\n", 2)[0])
}

func gitRev() string {
	rev := firstLine("git", "rev-parse", "--short", "HEAD")
	if out, _ := exec.Command("git", "status", "--porcelain", "--untracked-files=no").Output(); len(out) > 0 {
		rev += " (with uncommitted changes)"
	}
	return rev
}

// goModVersion reads the module version a Go binary in PATH was built from.
func goModVersion(bin string) string {
	path, err := exec.LookPath(bin)
	if err != nil {
		return "unknown"
	}
	out, _ := exec.Command("go", "version", "-m", path).Output()
	for _, l := range strings.Split(string(out), "\n") {
		if f := strings.Fields(l); len(f) >= 3 && f[0] == "mod" {
			return f[2]
		}
	}
	return "unknown"
}

// findings appends bench/NOTES.md, the hand-written analysis of the numbers (why a target is
// missed, what profiling showed), so RESULTS.md stays one self-contained page.
func (p report) findings(w func(string, ...any)) {
	b, err := os.ReadFile(notesPath)
	if err != nil {
		return
	}
	w("%s\n%s", notesMarker, b)
}

const (
	notesPath   = "bench/NOTES.md"
	notesMarker = "<!-- The rest is bench/NOTES.md, written by hand. -->"
)

// refreshNotes replaces the hand-written part of an existing results file with the current
// bench/NOTES.md, leaving the measured part as it was (benchrun -renotes): the analysis can be
// corrected without measuring again.
func refreshNotes(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	notes, err := os.ReadFile(notesPath)
	if err != nil {
		return err
	}
	s := string(b)
	cut := strings.Index(s, notesMarker)
	if cut < 0 {
		cut = strings.Index(s, "\n## Findings")
	}
	if cut < 0 {
		return fmt.Errorf("%s has no notes section to replace", path)
	}
	return os.WriteFile(path, []byte(strings.TrimRight(s[:cut], "\n")+"\n\n"+notesMarker+"\n"+string(notes)), 0o644)
}

const howTo = "## How to run\n\n" +
	"`make bench` (all scenarios at full size; the first run also seeds `bench/.data/` (7.5 GB, about 6 minutes more), later runs reuse it). " +
	"`BENCH_SCALE=small make bench` runs everything on small sizes in about two minutes and writes `bench/out/RESULTS-small.md`; " +
	"`BENCH_ONLY=S1,S5` picks scenarios, `BENCH_RUNS=N` sets the counted runs. Bump `cacheVersion` in " +
	"`bench/cmd/benchrun/seed.go` when a data set changes.\n\n" +
	"What each scenario measures:\n\n" +
	"- **S1** one big video (a real multipart upload, 8 MiB parts) into one file: ranged parallel GETs, the write path, the final fsync.\n" +
	"- **S2** a folder of 2 MiB clips: per-file cost (request, create, verify, fsync, rename, history row) and file-level parallelism.\n" +
	"- **S3** S1 and S2, smaller, through toxiproxy adding latency and a per-connection bandwidth cap: parallelism against a long link.\n" +
	"- **S4** a recursive listing of a camera layout (10 cameras × days × hours × 50 clips, every tenth a .jpg) with the video filter.\n" +
	"- **S5** a second sync of a folder that already holds every video: what a scheduled run costs when nothing is new (time and requests).\n" +
	"- **S6** the same no-op plan over a million objects, to show that memory stays flat as the bucket grows.\n\n" +
	"The tiny objects of S4–S6 are written straight into versitygw's posix backend (a file, its mtime, the `user.etag` xattr) " +
	"and verified through the gateway (every key, size, ETag and LastModified) before use; the big objects are uploaded with the AWS CLI.\n\n"

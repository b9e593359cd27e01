//go:build linux

// Command benchrun is the benchmark harness behind `make bench` (bench/run.sh builds it): it
// starts versitygw on a cached root, seeds the data sets once, runs each scenario with our CLI
// and the peer tools alternately under /usr/bin/time -v, and writes the results as Markdown.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"vpack-s3-sync/backend/s3api"
)

// scale sizes every scenario; "full" is the issue's, "small" is for developing the harness.
type scale struct {
	Name       string
	BigSize    int64 // S1
	ClipCount  int   // S2
	ClipSize   int64
	WANBigSize int64 // S3a
	WANClips   int   // S3b
	WANClip    int64
	ListN      int   // S4, S5
	PlanN      []int // S6: the large set last
}

var scales = map[string]scale{
	"full": {Name: "full", BigSize: 1024 * mib, ClipCount: 500, ClipSize: 2 * mib,
		WANBigSize: 128 * mib, WANClips: 100, WANClip: 2 * mib, ListN: 100_000, PlanN: []int{100_000, 1_000_000}},
	"small": {Name: "small", BigSize: 32 * mib, ClipCount: 50, ClipSize: 1 * mib,
		WANBigSize: 16 * mib, WANClips: 20, WANClip: 1 * mib, ListN: 2_000, PlanN: []int{2_000, 20_000}},
}

// WAN-like link: latency on every response and a per-connection bandwidth cap.
const (
	wanLatencyMs = 30
	wanKBps      = 20_000
)

type harness struct {
	repo, cache, work string
	ours, s3serve     string // binaries; ours is "" when the CLI is not usable yet
	planbench, toxi   string
	sc                scale
	gw                *gateway
	px                *proxy
	m                 *manifest
	presignTTL        time.Duration
}

func main() {
	log.SetFlags(log.Ltime)
	var (
		scaleName = flag.String("scale", envOr("BENCH_SCALE", "full"), "full or small")
		counted   = flag.Int("runs", envInt("BENCH_RUNS", 5), "counted runs per tool after one warm-up")
		only      = flag.String("only", os.Getenv("BENCH_ONLY"), "comma-separated scenario IDs (S1,…,S6); empty = all")
		outDir    = flag.String("bin", "bench/out", "folder with the built binaries")
		results   = flag.String("results", os.Getenv("BENCH_RESULTS"), "Markdown file to write (default: bench/RESULTS.md for full, bench/out/RESULTS-small.md for small)")
		renotes   = flag.Bool("renotes", false, "only replace the hand-written notes in the results file with bench/NOTES.md; measure nothing")
	)
	flag.Parse()
	sc, ok := scales[*scaleName]
	if !ok {
		log.Fatalf("unknown scale %q (full or small)", *scaleName)
	}
	if *results == "" {
		*results = "bench/RESULTS.md"
		if sc.Name != "full" {
			*results = filepath.Join(*outDir, "RESULTS-"+sc.Name+".md")
		}
	}
	if *renotes {
		if err := refreshNotes(*results); err != nil {
			log.Fatal(err)
		}
		log.Printf("notes in %s replaced by %s", *results, notesPath)
		return
	}
	h, err := newHarness(sc, *outDir)
	if err != nil {
		log.Fatal(err)
	}
	code := 0
	if err := h.runAll(*counted, selected(*only), *results); err != nil {
		log.Print(err)
		code = 1
	}
	h.close()
	os.Exit(code)
}

func newHarness(sc scale, outDir string) (*harness, error) {
	repo, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	h := &harness{repo: repo, sc: sc, presignTTL: 2 * time.Hour}
	h.cache = filepath.Join(repo, "bench", ".data", cacheVersion) // dot folder: the go tool never walks it
	if err := os.MkdirAll(h.cache, 0o755); err != nil {
		return nil, err
	}
	// Two harnesses on one cache would share the gateway's root and the cached databases.
	if err := lockCache(filepath.Join(h.cache, "lock")); err != nil {
		return nil, err
	}
	if h.work, err = os.MkdirTemp(h.cache, "work-"); err != nil {
		return nil, err
	}
	abs := func(name string) string { return filepath.Join(repo, outDir, name) }
	h.s3serve, h.planbench = abs("s3serve"), abs("planbench")
	if ours := abs("vpack-s3-sync"); usable(ours) {
		h.ours = ours
	} else {
		log.Print("our CLI is not usable yet (bench/out/vpack-s3-sync sync/get): running the peers and the ceiling only")
	}
	if h.toxi, err = exec.LookPath("toxiproxy-server"); err != nil {
		return nil, fmt.Errorf("toxiproxy-server not in PATH: run make setup")
	}
	for _, tool := range []string{"/usr/bin/aws", "/usr/bin/rclone", "/usr/bin/curl", "/usr/bin/time", h.s3serve, h.planbench} {
		if _, err := os.Stat(tool); err != nil {
			return nil, fmt.Errorf("missing %s: run make setup and bench/run.sh", tool)
		}
	}
	if h.m, err = loadManifest(filepath.Join(h.cache, "manifest.json")); err != nil {
		return nil, err
	}
	return h, nil
}

// usable tells whether the CLI at path has the commands the benchmark drives.
func usable(path string) bool {
	if _, err := os.Stat(path); err != nil {
		return false
	}
	out, _ := exec.Command(path, "sync", "--help").CombinedOutput()
	return strings.Contains(string(out), "sync") && !strings.Contains(string(out), "being wired")
}

func (h *harness) close() {
	if h.px != nil {
		h.px.stop()
	}
	if h.gw != nil {
		h.gw.stop()
	}
	_ = os.RemoveAll(h.work)
}

func selected(only string) func(string) bool {
	if strings.TrimSpace(only) == "" {
		return func(string) bool { return true }
	}
	ids := strings.Split(strings.ToUpper(only), ",")
	return func(id string) bool { return slices.Contains(ids, id) }
}

func (h *harness) runAll(counted int, want func(string) bool, resultsPath string) error {
	started := time.Now()
	gw, err := startGateway(h.s3serve, filepath.Join(h.cache, "gw"))
	if err != nil {
		return err
	}
	h.gw, activeGateway = gw, gw
	log.Printf("versitygw at %s (data %s)", gw.Endpoint, gw.DataDir)
	seed := &seeder{h: h, m: h.m}
	if err := seed.ensureBucket(); err != nil {
		return err
	}
	var done []*ran
	var failures []string
	for _, b := range h.builders() {
		if !want(b.id) {
			continue
		}
		list, err := b.build(seed)
		if err != nil {
			failures = append(failures, fmt.Sprintf("%s: %v", b.id, err))
			log.Printf("%s: cannot set up: %v", b.id, err)
			continue
		}
		for _, s := range list {
			log.Printf("== %s %s", s.ID, s.Title)
			n := counted
			if s.Counted > 0 {
				n = s.Counted
			}
			done = append(done, s.run(n, h.work))
		}
	}
	rep := report{h: h, runs: done, counted: counted, total: time.Since(started), failures: failures}
	if err := rep.write(resultsPath); err != nil {
		return err
	}
	log.Printf("wrote %s (%v)", resultsPath, time.Since(started).Round(time.Second))
	if len(failures) > 0 {
		return fmt.Errorf("%d scenario(s) could not run: %s", len(failures), strings.Join(failures, "; "))
	}
	return nil
}

// s3client is our own S3 layer, used by the harness for verification and presigning.
func (h *harness) s3client(endpoint string) (*s3api.Client, error) {
	return s3api.Connect(context.Background(), s3api.Config{
		AccessKeyID: h.gw.AccessKey, SecretAccessKey: h.gw.SecretKey, Region: h.gw.Region, Endpoint: endpoint,
	})
}

func (h *harness) wan() (*proxy, error) {
	if h.px != nil {
		return h.px, nil
	}
	px, err := startProxy(h.toxi, h.gw.Endpoint, wanLatencyMs, wanKBps)
	if err != nil {
		return nil, err
	}
	h.px = px
	return px, nil
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

func envInt(k string, def int) int {
	var n int
	if _, err := fmt.Sscan(os.Getenv(k), &n); err == nil && n > 0 {
		return n
	}
	return def
}

// cacheLock is kept referenced: a collected *os.File would close its descriptor and drop the lock.
var cacheLock *os.File

// lockCache holds an exclusive lock on the cache for the life of the process.
func lockCache(path string) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return fmt.Errorf("another benchmark run holds %s: wait for it to finish", path)
	}
	cacheLock = f
	return nil
}

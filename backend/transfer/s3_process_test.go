package transfer

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"hash"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"vpack-s3-sync/backend/s3api"
	"vpack-s3-sync/backend/s3test"
)

// These tests run Download in a child process (this test binary, re-run as
// TestHelperProcessDownload): one to kill it mid-way like a closed app or a crash, one to
// measure the memory of a process that does nothing but download.

const helperEnv = "VPACK_TRANSFER_HELPER"

type helperJob struct {
	Endpoint, AccessKey, SecretKey, Region string
	Bucket, Key, Dest, Report              string
	PartSize, Limit                        int64
	Concurrency                            int
}

type helperReport struct {
	PeakRSSKiB    int64   // VmHWM: the kernel's high-water mark of resident memory
	PeakHeapInuse uint64  // highest runtime HeapInuse seen, sampled every 20 ms
	PeakSys       uint64  // highest memory the Go runtime got from the OS
	TotalAlloc    uint64  // bytes allocated over the download
	Seconds       float64 // time spent in Download
}

func TestHelperProcessDownload(t *testing.T) {
	spec := os.Getenv(helperEnv)
	if spec == "" {
		return // only meaningful as the child of the tests below
	}
	var job helperJob
	if err := json.Unmarshal([]byte(spec), &job); err != nil {
		t.Fatal(err)
	}
	c, err := s3api.Connect(context.Background(), s3api.Config{
		AccessKeyID: job.AccessKey, SecretAccessKey: job.SecretKey, Region: job.Region, Endpoint: job.Endpoint,
	})
	if err != nil {
		t.Fatal(err)
	}
	var peak runtime.MemStats
	var mu sync.Mutex
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			mu.Lock()
			peak.HeapInuse, peak.Sys = max(peak.HeapInuse, m.HeapInuse), max(peak.Sys, m.Sys)
			mu.Unlock()
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	})
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	_, err = Download(context.Background(), c, Request{Bucket: job.Bucket, Key: job.Key, Dest: job.Dest},
		Options{PartSize: job.PartSize, Concurrency: job.Concurrency, Limiter: NewLimiter(job.Limit)})
	elapsed := time.Since(start)
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	rep := helperReport{PeakRSSKiB: vmHWM(t), PeakHeapInuse: peak.HeapInuse, PeakSys: peak.Sys,
		TotalAlloc: after.TotalAlloc - before.TotalAlloc, Seconds: elapsed.Seconds()}
	b, _ := json.Marshal(rep)
	if err := os.WriteFile(job.Report, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// vmHWM reads the process's peak resident set from /proc (Linux).
func vmHWM(t *testing.T) int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		t.Fatalf("peak RSS needs /proc: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			n, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Fatal("no VmHWM in /proc/self/status")
	return 0
}

// startHelper starts the child download; the caller waits for or kills it. The child's
// output is logged if the test fails.
func startHelper(t *testing.T, srv *s3test.Server, job helperJob) *exec.Cmd {
	t.Helper()
	job.Endpoint, job.AccessKey, job.SecretKey, job.Region = srv.Endpoint, srv.AccessKey, srv.SecretKey, srv.Region
	spec, _ := json.Marshal(job)
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcessDownload$", "-test.count=1")
	cmd.Env = append(os.Environ(), helperEnv+"="+string(spec))
	out := &bytes.Buffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("child output:\n%s", out.String())
		}
	})
	return cmd
}

func TestS3KilledDownloadResumesFromWhatWasSaved(t *testing.T) {
	srv := startS3(t)
	data := randomBytes(24<<20, 50)
	srv.PutMultipart(t, bucket, "killed.mp4", data, 5<<20)
	dest := filepath.Join(t.TempDir(), "killed.mp4")
	child := startHelper(t, srv, helperJob{Bucket: bucket, Key: "killed.mp4", Dest: dest,
		PartSize: 1 << 20, Concurrency: 2, Limit: 4 << 20})
	exited := make(chan error, 1)
	go func() { exited <- child.Wait() }()

	// Kill the child once its sidecar says a third of the object is safely on disk.
	var saved int64
	deadline := time.Now().Add(30 * time.Second)
	for saved < int64(len(data))/3 {
		if time.Now().After(deadline) {
			t.Fatalf("the child saved %d bytes in 30 s", saved)
		}
		select {
		case err := <-exited:
			t.Fatalf("the child ended before it was killed: %v", err)
		case <-time.After(20 * time.Millisecond):
		}
		saved = savedBytes(sidecarPath(PartialPath(dest)))
	}
	if err := child.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-exited
	mustNotExist(t, dest)

	c := connect(t, srv, "", 0)
	spy := &spyGetter{Getter: c}
	res, err := Download(context.Background(), spy, Request{Bucket: bucket, Key: "killed.mp4", Dest: dest},
		Options{PartSize: 4 << 20})
	if err != nil {
		t.Fatal(err)
	}
	mustMatchSHA256(t, dest, data)
	if !res.Resumed || spy.bytes.Load() > int64(len(data))-saved {
		t.Errorf("resumed=%v, fetched %d bytes after %d were saved of %d: want only the unsaved ones",
			res.Resumed, spy.bytes.Load(), saved, len(data))
	}
	t.Logf("killed after %d bytes were saved; the resume fetched %d", saved, spy.bytes.Load())
}

// savedBytes sums what a sidecar claims, 0 when there is none (yet).
func savedBytes(sidecar string) int64 {
	b, err := os.ReadFile(sidecar)
	if err != nil {
		return 0
	}
	var st state
	if json.Unmarshal(b, &st) != nil {
		return 0
	}
	var n int64
	for _, d := range st.Done {
		n += d
	}
	return n
}

// TestS3RangedDownloadMemoryStaysBounded downloads a large multipart object in a child process
// and reads the child's peak RSS (VmHWM) from /proc. VPACK_MEM_TEST_MIB sets the size
// (default 256; the 1 GiB figure in the docs comes from VPACK_MEM_TEST_MIB=1024).
func TestS3RangedDownloadMemoryStaysBounded(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("peak RSS is read from /proc")
	}
	mib := 256
	if v := os.Getenv("VPACK_MEM_TEST_MIB"); v != "" {
		var err error
		if mib, err = strconv.Atoi(v); err != nil {
			t.Fatal(err)
		}
	}
	srv := startS3(t)
	want := putLargeObject(t, srv, "large.mp4", mib)
	dest := filepath.Join(t.TempDir(), "large.mp4")
	report := filepath.Join(t.TempDir(), "report.json")
	child := startHelper(t, srv, helperJob{Bucket: bucket, Key: "large.mp4", Dest: dest, Report: report,
		PartSize: DefaultPartSize, Concurrency: DefaultConcurrency})
	if err := child.Wait(); err != nil {
		t.Fatalf("child download: %v", err)
	}
	b, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	var rep helperReport
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	if sha256File(t, dest) != want {
		t.Fatal("downloaded file differs from the object (SHA-256)")
	}
	t.Logf("%d MiB ranged download (%d MiB parts × %d): peak RSS %.1f MiB, peak heap in use %.1f MiB, "+
		"runtime Sys %.1f MiB, allocated %.1f MiB in all, %.1f s (%.0f MiB/s)",
		mib, DefaultPartSize>>20, DefaultConcurrency, float64(rep.PeakRSSKiB)/1024, float64(rep.PeakHeapInuse)/(1<<20), float64(rep.PeakSys)/(1<<20),
		float64(rep.TotalAlloc)/(1<<20), rep.Seconds, float64(mib)/rep.Seconds)
	// The heap is what would grow if parts were buffered whole (16 × 8 MiB = 128 MiB); it does
	// not depend on the race detector. The write buffers are at most 32 × 1 MiB across all
	// downloads, so 40 MiB leaves room for them and nothing for whole parts. The RSS bound is
	// the 64 MiB, looser under -race.
	if rep.PeakHeapInuse > 40<<20 {
		t.Errorf("peak heap in use %d bytes, want under 40 MiB", rep.PeakHeapInuse)
	}
	rssLimit := int64(64 << 10)
	if raceBuild {
		rssLimit = 192 << 10
	}
	if rep.PeakRSSKiB > rssLimit {
		t.Errorf("peak RSS %d KiB, want under %d KiB", rep.PeakRSSKiB, rssLimit)
	}
}

// putLargeObject uploads a multipart object of mib MiB and returns its SHA-256. Each 1 MiB
// block is one random block with its index stamped in, cheap to make and never repeated.
func putLargeObject(t *testing.T, srv *s3test.Server, key string, mib int) [32]byte {
	t.Helper()
	block := randomBytes(1<<20, 60)
	data := make([]byte, mib<<20)
	for i := 0; i < mib; i++ {
		copy(data[i<<20:], block)
		copy(data[i<<20:], fmt.Sprintf("block %08d", i))
	}
	var h hash.Hash = sha256.New()
	h.Write(data)
	srv.PutMultipart(t, bucket, key, data, 16<<20)
	return [32]byte(h.Sum(nil))
}

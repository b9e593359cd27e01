//go:build linux

package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// gateway is versitygw started through the lead's launcher (s3serve) on a cached root, so
// the seeded objects survive between runs.
type gateway struct {
	Endpoint, AccessKey, SecretKey, Region string
	DataDir, AccessLog                     string
	scratch                                string // the bucket s3serve insists on creating
	cmd                                    *exec.Cmd
}

// startGateway runs s3serve on root. s3serve creates its bucket and fails if it exists, so it
// gets a throwaway bucket per run; the benchmark's own bucket is created once by the seeder.
func startGateway(s3serve, root string) (*gateway, error) {
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, err
	}
	envFile := filepath.Join(root, "s3serve.env")
	_ = os.Remove(envFile)
	// The access log is how the harness counts each tool's requests; start it empty.
	_ = os.Truncate(filepath.Join(root, "access.log"), 0)
	scratch := fmt.Sprintf("scratch-%d", time.Now().UnixNano())
	cmd := exec.Command(s3serve, "-root", root, "-env", envFile, "-bucket", scratch, "-seed=false")
	logf, err := os.Create(filepath.Join(root, "s3serve.log"))
	if err != nil {
		return nil, err
	}
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		logf.Close()
		return nil, fmt.Errorf("start s3serve: %w", err)
	}
	logf.Close()
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	deadline := time.Now().Add(60 * time.Second)
	for {
		if b, err := os.ReadFile(envFile); err == nil && bytes.Contains(b, []byte("E2E_S3_DATA=")) {
			g := &gateway{scratch: scratch, cmd: cmd}
			vals := parseAssignments(string(b))
			g.Endpoint, g.AccessKey, g.SecretKey = vals["E2E_S3_ENDPOINT"], vals["E2E_S3_ACCESS_KEY"], vals["E2E_S3_SECRET_KEY"]
			g.Region, g.DataDir = vals["E2E_S3_REGION"], vals["E2E_S3_DATA"]
			g.AccessLog = filepath.Join(root, "access.log")
			return g, nil
		}
		select {
		case err := <-exited:
			log, _ := os.ReadFile(filepath.Join(root, "s3serve.log"))
			return nil, fmt.Errorf("s3serve exited (%v): %s", err, log)
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			return nil, fmt.Errorf("s3serve wrote no %s within a minute", envFile)
		}
	}
}

func parseAssignments(s string) map[string]string {
	out := map[string]string{}
	for _, line := range strings.Split(s, "\n") {
		if k, v, ok := strings.Cut(strings.TrimSpace(line), "="); ok {
			out[k] = v
		}
	}
	return out
}

// stop ends s3serve (which stops versitygw) and removes the throwaway bucket.
func (g *gateway) stop() {
	if g.cmd != nil && g.cmd.Process != nil {
		_ = g.cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _ = g.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			_ = g.cmd.Process.Kill()
		}
	}
	if g.scratch != "" && g.DataDir != "" {
		_ = os.RemoveAll(filepath.Join(g.DataDir, g.scratch))
	}
}

// logOffset is where the access log ends now; requestsSince counts what was served after it.
func (g *gateway) logOffset() int64 {
	info, err := os.Stat(g.AccessLog)
	if err != nil {
		return 0
	}
	return info.Size()
}

// requests counts the gateway's requests by kind since offset (LIST, GET, HEAD, other).
type requests struct{ List, Get, Head, Other int }

func (r requests) String() string {
	return fmt.Sprintf("%d / %d / %d", r.List, r.Get, r.Head)
}

func (g *gateway) requestsSince(offset int64) (requests, error) {
	var r requests
	f, err := os.Open(g.AccessLog)
	if err != nil {
		return r, err
	}
	defer f.Close()
	if _, err := f.Seek(offset, io.SeekStart); err != nil {
		return r, err
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		// "owner bucket [date time] ip requester id s3_Operation key ..."
		fields := strings.Fields(sc.Text())
		if len(fields) < 8 {
			continue
		}
		switch op := fields[7]; {
		case strings.HasPrefix(op, "s3_ListObjects"):
			r.List++
		case op == "s3_GetObject":
			r.Get++
		case op == "s3_HeadObject":
			r.Head++
		default:
			r.Other++
		}
	}
	return r, sc.Err()
}

// proxy is toxiproxy in front of the gateway with a WAN-like link: added latency and a
// bandwidth cap that applies to each TCP connection on its own, as a long path does.
type proxy struct {
	Endpoint string
	api      string
	cmd      *exec.Cmd
}

func startProxy(bin, upstream string, latencyMs, kbps int) (*proxy, error) {
	apiPort, err := freePort()
	if err != nil {
		return nil, err
	}
	listenPort, err := freePort()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "-host", "127.0.0.1", "-port", fmt.Sprint(apiPort))
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start toxiproxy: %w", err)
	}
	p := &proxy{api: fmt.Sprintf("http://127.0.0.1:%d", apiPort), cmd: cmd}
	deadline := time.Now().Add(15 * time.Second)
	for {
		resp, err := http.Get(p.api + "/version")
		if err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			p.stop()
			return nil, fmt.Errorf("toxiproxy API did not answer: %w", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	listen := fmt.Sprintf("127.0.0.1:%d", listenPort)
	steps := []struct {
		path string
		body map[string]any
	}{
		{"/proxies", map[string]any{"name": "s3", "listen": listen, "upstream": strings.TrimPrefix(upstream, "http://"), "enabled": true}},
		{"/proxies/s3/toxics", map[string]any{"name": "latency", "type": "latency", "stream": "downstream", "toxicity": 1.0,
			"attributes": map[string]any{"latency": latencyMs, "jitter": 0}}},
		{"/proxies/s3/toxics", map[string]any{"name": "bandwidth", "type": "bandwidth", "stream": "downstream", "toxicity": 1.0,
			"attributes": map[string]any{"rate": kbps}}},
	}
	for _, s := range steps {
		b, _ := json.Marshal(s.body)
		resp, err := http.Post(p.api+s.path, "application/json", bytes.NewReader(b))
		if err != nil {
			p.stop()
			return nil, fmt.Errorf("toxiproxy %s: %w", s.path, err)
		}
		msg, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode >= 300 {
			p.stop()
			return nil, fmt.Errorf("toxiproxy %s: %s: %s", s.path, resp.Status, msg)
		}
	}
	p.Endpoint = "http://" + listen
	return p, nil
}

func (p *proxy) stop() {
	if p.cmd != nil && p.cmd.Process != nil {
		_ = p.cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = p.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = p.cmd.Process.Kill()
		}
	}
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

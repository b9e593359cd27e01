package s3test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// Proxy is a toxiproxy server with one proxy in front of a versitygw Server.
type Proxy struct {
	Endpoint string // http://127.0.0.1:PORT, talks to the gateway through the proxy
	api      string
	name     string
}

// StartToxiproxy runs toxiproxy-server for this test with a proxy to srv.
func StartToxiproxy(t testing.TB, srv *Server) *Proxy {
	t.Helper()
	bin := Binary(t, "toxiproxy-server")
	apiPort, listenPort := FreePort(t), FreePort(t)
	cmd := exec.Command(bin, "-host", "127.0.0.1", "-port", fmt.Sprint(apiPort))
	var out syncBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatalf("start toxiproxy: %v", err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	})
	p := &Proxy{api: fmt.Sprintf("http://127.0.0.1:%d", apiPort), name: "s3"}
	if err := waitHealthy(p.api+"/version", done, 10*time.Second); err != nil {
		t.Fatalf("toxiproxy: %v\n%s", err, out.String())
	}
	upstream := strings.TrimPrefix(srv.Endpoint, "http://")
	listen := fmt.Sprintf("127.0.0.1:%d", listenPort)
	p.call(t, http.MethodPost, "/proxies", map[string]any{
		"name": p.name, "listen": listen, "upstream": upstream, "enabled": true,
	})
	p.Endpoint = "http://" + listen
	return p
}

// AddToxic adds a toxic: typ is latency, bandwidth, timeout, reset_peer, slicer…; stream is
// "downstream" (server → client) or "upstream".
func (p *Proxy) AddToxic(t testing.TB, name, typ, stream string, attrs map[string]any) {
	t.Helper()
	p.call(t, http.MethodPost, "/proxies/"+p.name+"/toxics", map[string]any{
		"name": name, "type": typ, "stream": stream, "toxicity": 1.0, "attributes": attrs,
	})
}

// RemoveToxic removes a toxic added before.
func (p *Proxy) RemoveToxic(t testing.TB, name string) {
	t.Helper()
	p.call(t, http.MethodDelete, "/proxies/"+p.name+"/toxics/"+name, nil)
}

// SetEnabled turns the whole proxy on or off (off: connections are refused).
func (p *Proxy) SetEnabled(t testing.TB, enabled bool) {
	t.Helper()
	p.call(t, http.MethodPost, "/proxies/"+p.name, map[string]any{"enabled": enabled})
}

func (p *Proxy) call(t testing.TB, method, path string, body any) {
	t.Helper()
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, p.api+path, r)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("toxiproxy %s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		msg, _ := io.ReadAll(resp.Body)
		t.Fatalf("toxiproxy %s %s: %s: %s", method, path, resp.Status, msg)
	}
}

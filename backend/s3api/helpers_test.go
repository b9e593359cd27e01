package s3api

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"testing"
	"time"

	"vpack-s3-sync/backend/apperr"
	"vpack-s3-sync/backend/s3test"
)

// connectTo connects to endpoint with static keys; mods adjust the Config.
func connectTo(t *testing.T, endpoint, access, secret string, mods ...func(*Config)) *Client {
	t.Helper()
	cfg := Config{Endpoint: endpoint, AccessKeyID: access, SecretAccessKey: secret}
	for _, m := range mods {
		m(&cfg)
	}
	c, err := Connect(context.Background(), cfg)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	return c
}

func rootClient(t *testing.T, srv *s3test.Server, mods ...func(*Config)) *Client {
	t.Helper()
	return connectTo(t, srv.Endpoint, srv.AccessKey, srv.SecretKey, mods...)
}

// testCtx is bounded so a regression that hangs fails the test instead of the whole run.
func testCtx(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// counted returns a context that counts requests into a fresh counter.
func counted(t *testing.T) (context.Context, *RequestCounter) {
	t.Helper()
	rc := &RequestCounter{}
	return WithRequestCounter(testCtx(t), rc), rc
}

type counts struct{ list, get, head, other int64 }

func (rc *RequestCounter) snapshot() counts {
	return counts{rc.List.Load(), rc.Get.Load(), rc.Head.Load(), rc.Other.Load()}
}

func wantCounts(t *testing.T, rc *RequestCounter, want counts) {
	t.Helper()
	if got := rc.snapshot(); got != want {
		t.Fatalf("requests %+v, want %+v", got, want)
	}
}

// wantAppErr asserts err is an *apperr.Error itself (not wrapped) with code and these details,
// and that its hint has text in the catalog.
func wantAppErr(t *testing.T, err error, code apperr.Code, details map[string]string) *apperr.Error {
	t.Helper()
	e, ok := err.(*apperr.Error)
	if !ok {
		t.Fatalf("error %T %v, want *apperr.Error %s", err, err, code)
	}
	if e.Code != code {
		t.Fatalf("code %s, want %s (%v)", e.Code, code, e)
	}
	for k, v := range details {
		if e.Details[k] != v {
			t.Fatalf("detail %s=%q, want %q (%v)", k, e.Details[k], v, e)
		}
	}
	if _, ok := apperr.Text("en", e.Hint, e.Details); e.Hint != "" && !ok {
		t.Fatalf("hint %q has no text in the catalog", e.Hint)
	}
	return e
}

// interceptProxy stands in front of a real server: intercept answers a request itself by
// returning true, anything else goes through unchanged. The Host header is kept, so the
// client's SigV4 signature still verifies at the server.
func interceptProxy(t *testing.T, target string, intercept func(w http.ResponseWriter, r *http.Request) bool) string {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	rp := &httputil.ReverseProxy{Rewrite: func(pr *httputil.ProxyRequest) {
		pr.Out.URL.Scheme, pr.Out.URL.Host = u.Scheme, u.Host
		pr.Out.Host = pr.In.Host
	}}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !intercept(w, r) {
			rp.ServeHTTP(w, r)
		}
	}))
	t.Cleanup(ts.Close)
	return ts.URL
}

// s3Error writes an S3 error document; HEAD answers carry no body, as S3's do.
func s3Error(w http.ResponseWriter, r *http.Request, status int, code string, header map[string]string) {
	for k, v := range header {
		w.Header().Set(k, v)
	}
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>` + code +
			`</Code><Message>intercepted by the test</Message><RequestId>T1</RequestId></Error>`))
	}
}

func httpGet(u string) (string, error) {
	resp, err := http.Get(u)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return string(b), errors.New(resp.Status)
	}
	return string(b), err
}

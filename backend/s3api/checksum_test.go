package s3api

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go/logging"

	"vpack-s3-sync/backend/s3test"
)

// checksumProxy stands in front of srv: it records the x-amz-checksum-mode of every GET and
// replaces the checksums of every GET answer with a CRC-32 of other bytes, so an SDK that
// validated the body would fail the read.
type checksumProxy struct {
	url   string
	mu    sync.Mutex
	modes []string // one per GET: the request's x-amz-checksum-mode ("" = not asked)
}

func startChecksumProxy(t *testing.T, srv *s3test.Server) *checksumProxy {
	t.Helper()
	target, err := url.Parse(srv.Endpoint)
	if err != nil {
		t.Fatal(err)
	}
	p := &checksumProxy{}
	ts := httptest.NewServer(&httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.Out.URL.Scheme, pr.Out.URL.Host = target.Scheme, target.Host
			pr.Out.Host = pr.In.Host // the signature covers Host
			if pr.In.Method == http.MethodGet && !pr.In.URL.Query().Has("list-type") {
				p.mu.Lock()
				p.modes = append(p.modes, pr.In.Header.Get("X-Amz-Checksum-Mode"))
				p.mu.Unlock()
			}
		},
		ModifyResponse: func(resp *http.Response) error {
			if resp.Request.Method != http.MethodGet {
				return nil
			}
			for k := range resp.Header {
				if strings.HasPrefix(strings.ToLower(k), "x-amz-checksum-") {
					resp.Header.Del(k)
				}
			}
			resp.Header.Set("X-Amz-Checksum-Crc32", "AAAAAA==") // the CRC-32 of no bytes at all
			return nil
		},
	})
	t.Cleanup(ts.Close)
	p.url = ts.URL
	return p
}

func (p *checksumProxy) gets() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.modes...)
}

// captureSDKLog makes the client's SDK log into the returned function's answer.
func captureSDKLog(c *Client) func() []string {
	var (
		mu    sync.Mutex
		lines []string
	)
	c.base = s3.New(c.base.Options(), func(o *s3.Options) {
		o.Logger = logging.LoggerFunc(func(cl logging.Classification, format string, v ...any) {
			mu.Lock()
			defer mu.Unlock()
			lines = append(lines, fmt.Sprintf(string(cl)+" "+format, v...))
		})
	})
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), lines...)
	}
}

// The bytes of a GET are verified once, by the caller (transfer): the SDK neither asks for
// checksums nor hashes the body, and says nothing about the validation it skips. The AWS
// default chain (the CLI) turns response validation on by default, static keys (the app) do
// not: both must leave it off.
func TestGetRangeLeavesChecksumsToTheCaller(t *testing.T) {
	srv := s3test.Start(t)
	srv.CreateBucket(t, "cams")
	data := []byte("0123456789 camera bytes")
	srv.Put(t, "cams", "a.mp4", data)
	px := startChecksumProxy(t, srv)

	connections := []struct {
		name string
		cfg  func(t *testing.T) Config
	}{
		{"static keys", func(t *testing.T) Config {
			return Config{Endpoint: px.url, AccessKeyID: srv.AccessKey, SecretAccessKey: srv.SecretKey}
		}},
		{"the AWS default chain", func(t *testing.T) Config {
			isolateAWSEnv(t)
			t.Setenv("AWS_ACCESS_KEY_ID", srv.AccessKey)
			t.Setenv("AWS_SECRET_ACCESS_KEY", srv.SecretKey)
			t.Setenv("AWS_REGION", srv.Region)
			t.Setenv("AWS_ENDPOINT_URL_S3", px.url)
			return Config{UseDefaultChain: true}
		}},
	}
	reads := []struct {
		name           string
		offset, length int64
		want           string
	}{
		{"whole object", 0, -1, string(data)},
		{"a range", 3, 5, string(data[3:8])},
		{"the rest from an offset", 11, -1, string(data[11:])},
	}
	for _, conn := range connections {
		t.Run(conn.name, func(t *testing.T) {
			c, err := Connect(testCtx(t), conn.cfg(t))
			if err != nil {
				t.Fatal(err)
			}
			sdkLog := captureSDKLog(c)
			for _, rd := range reads {
				before := len(px.gets())
				body, _, err := c.GetRange(testCtx(t), "cams", "a.mp4", rd.offset, rd.length, "")
				if err != nil {
					t.Fatalf("%s: %v", rd.name, err)
				}
				got, err := io.ReadAll(body)
				body.Close()
				if err != nil {
					t.Fatalf("%s: read body: %v (did the SDK validate a checksum?)", rd.name, err)
				}
				if string(got) != rd.want {
					t.Fatalf("%s: body %q, want %q", rd.name, got, rd.want)
				}
				if modes := px.gets()[before:]; len(modes) != 1 || modes[0] != "" {
					t.Fatalf("%s: x-amz-checksum-mode of the GETs %q, want one GET asking for no checksum", rd.name, modes)
				}
			}
			if lines := sdkLog(); len(lines) > 0 {
				t.Fatalf("the SDK logged %q, want nothing", lines)
			}
		})
	}
}

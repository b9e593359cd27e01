package transfer

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"vpack-s3-sync/backend/apperr"
	"vpack-s3-sync/backend/s3test"
)

// flipFirstByte changes the first byte of a body and passes the rest through.
type flipFirstByte struct {
	io.ReadCloser
	done bool
}

func (b *flipFirstByte) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if n > 0 && !b.done {
		p[0] ^= 0xff
		b.done = true
	}
	return n, err
}

// corruptingProxy stands in front of srv and damages the first byte of every GET's body,
// leaving its headers (length, ETag, any checksum) as the server sent them.
func corruptingProxy(t *testing.T, srv *s3test.Server) string {
	t.Helper()
	target, err := url.Parse(srv.Endpoint)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(&httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.Out.URL.Scheme, pr.Out.URL.Host = target.Scheme, target.Host
			pr.Out.Host = pr.In.Host // the signature covers Host
		},
		ModifyResponse: func(resp *http.Response) error {
			if resp.Request.Method == http.MethodGet && resp.StatusCode < 300 && resp.Request.URL.Query().Get("list-type") == "" {
				resp.Body = &flipFirstByte{ReadCloser: resp.Body}
			}
			return nil
		},
	})
	t.Cleanup(ts.Close)
	return ts.URL
}

// The SDK no longer hashes a GET's bytes, so transfer's own MD5 check of a single-part
// object is what catches bytes damaged on the way: the download fails and leaves nothing.
func TestS3CorruptedSinglePartObjectFailsItsMD5Check(t *testing.T) {
	srv := startS3(t)
	direct := connect(t, srv, "", 0)
	c := connect(t, srv, corruptingProxy(t, srv), 0)
	for _, tt := range []struct {
		name     string
		size     int
		partSize int64
		listed   bool
	}{
		{"one GET of a listed object", 3 << 20, 8 << 20, true},
		{"one GET after a HEAD", 3 << 20, 8 << 20, false},
		{"ranges of a listed object", 9<<20 + 1, 2 << 20, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data := randomBytes(tt.size, uint64(tt.size)+7)
			srv.Put(t, bucket, "damaged.mp4", data)
			req := Request{Bucket: bucket, Key: "damaged.mp4", Dest: filepath.Join(t.TempDir(), "damaged.mp4")}
			if tt.listed {
				req.Known = listed(t, direct, "damaged.mp4")
			}
			_, err := Download(context.Background(), c, req, Options{PartSize: tt.partSize})
			var e *apperr.Error
			if !errors.As(err, &e) || e.Code != apperr.VerifyFailed || e.Details["check"] != "md5" {
				t.Fatalf("error %v, want %s with check=md5", err, apperr.VerifyFailed)
			}
			if _, err := os.Stat(req.Dest); !errors.Is(err, fs.ErrNotExist) {
				t.Fatalf("final file: %v, want none", err)
			}
		})
	}
}

package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"vpack-s3-sync/backend/s3test"
)

// listCounter stands in front of srv and counts the LIST requests it passes on.
func listCounter(t *testing.T, srv *s3test.Server) (endpoint string, lists *atomic.Int64) {
	t.Helper()
	target, err := url.Parse(srv.Endpoint)
	if err != nil {
		t.Fatal(err)
	}
	lists = &atomic.Int64{}
	ts := httptest.NewServer(&httputil.ReverseProxy{Rewrite: func(pr *httputil.ProxyRequest) {
		pr.Out.URL.Scheme, pr.Out.URL.Host = target.Scheme, target.Host
		pr.Out.Host = pr.In.Host // the signature covers Host
		if pr.In.Method == http.MethodGet && pr.In.URL.Query().Get("list-type") == "2" {
			lists.Add(1)
		}
	}})
	t.Cleanup(ts.Close)
	return ts.URL, lists
}

// firstWriteWatch is a stdout that notes how many LISTs had been sent when it was first written.
type firstWriteWatch struct {
	lists     *atomic.Int64
	mu        sync.Mutex
	buf       bytes.Buffer
	listsThen int64 // -1 until the first write
}

func (w *firstWriteWatch) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.listsThen < 0 {
		w.listsThen = w.lists.Load()
	}
	return w.buf.Write(p)
}

// seedListing puts n objects under "site/" (cameras, days, every fifth a .jpg) and a few
// beside it that a listing of site/ must not show; it returns the keys under site/, sorted.
func seedListing(t *testing.T, srv *s3test.Server, n int) []string {
	t.Helper()
	srv.CreateBucket(t, bucket)
	var under []string
	for i := range n {
		ext := ".mp4"
		if i%5 == 4 {
			ext = ".jpg"
		}
		under = append(under, fmt.Sprintf("site/cam%d/2026/12/%02d/clip-%05d%s", i%3, i%28+1, i, ext))
	}
	all := append(slices.Clone(under), "other/a.mp4", "site2/b.mp4", "sit.mp4")
	srv.PutMany(t, bucket, all, func(k string) []byte { return content(k, len(k)) })
	slices.Sort(under)
	return under
}

// runLs runs `ls` in this process against endpoint with the AWS chain's keys for srv.
func runLs(t *testing.T, srv *s3test.Server, stdout *firstWriteWatch, args ...string) (stderr string, code int) {
	t.Helper()
	isolated := t.TempDir()
	t.Setenv("VPACK_S3_SYNC_HOME", filepath.Join(isolated, "state"))
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(isolated, "no-aws-config"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(isolated, "no-aws-credentials"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	t.Setenv("AWS_PROFILE", "")
	t.Setenv("AWS_ACCESS_KEY_ID", srv.AccessKey)
	t.Setenv("AWS_SECRET_ACCESS_KEY", srv.SecretKey)
	t.Setenv("AWS_REGION", srv.Region)
	var errb bytes.Buffer
	r := newRunner(stdout, &errb)
	r.getenv = func(string) string { return "" }
	code = r.run(append([]string{"ls"}, args...))
	return errb.String(), code
}

// `ls --recursive --json` prints every object under the prefix, across listing pages, one JSON
// object a line with exactly the documented fields; it starts printing after the first page,
// before asking for the next, so nothing is gathered in memory.
func TestLsRecursiveJSONStreamsEveryObjectAcrossPages(t *testing.T) {
	srv := s3test.Start(t)
	want := seedListing(t, srv, 2100) // three pages
	endpoint, lists := listCounter(t, srv)

	out := &firstWriteWatch{lists: lists, listsThen: -1}
	stderr, code := runLs(t, srv, out, "--recursive", "--json", "--endpoint", endpoint, "s3://"+bucket+"/site")
	if code != ExitOK || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	var keys []string
	for i, line := range strings.Split(strings.TrimSuffix(out.buf.String(), "\n"), "\n") {
		var fields map[string]json.RawMessage
		if err := json.Unmarshal([]byte(line), &fields); err != nil {
			t.Fatalf("line %d is not one JSON object: %q", i+1, line)
		}
		if names := slices.Sorted(maps.Keys(fields)); !slices.Equal(names, []string{"etag", "key", "lastModified", "size"}) {
			t.Fatalf("line %d has fields %v, want exactly etag, key, lastModified, size", i+1, names)
		}
		var o lsObject
		if err := json.Unmarshal([]byte(line), &o); err != nil {
			t.Fatal(err)
		}
		if o.Size != int64(len(o.Key)) || len(o.ETag) != 32 || o.LastModified <= 0 {
			t.Fatalf("line %d: %+v", i+1, o)
		}
		keys = append(keys, o.Key)
	}
	if !slices.Equal(keys, want) {
		t.Fatalf("listed %d keys, want the %d under site/ in key order", len(keys), len(want))
	}
	if got := lists.Load(); got != 3 {
		t.Fatalf("%d LIST requests for %d objects, want 3 pages", got, len(want))
	}
	// Walk fetches one page ahead, so page 2 may already be asked for; page 3 must not be.
	if out.listsThen < 1 || out.listsThen > 2 {
		t.Fatalf("first output after %d LIST requests, want after the first page (page 2 may be prefetched)", out.listsThen)
	}
}

// Text lines end with the full key (time and size before it); --ext keeps only those types.
func TestLsRecursiveTextFiltersByExtension(t *testing.T) {
	srv := s3test.Start(t)
	all := seedListing(t, srv, 1100)
	var want []string
	for _, k := range all {
		if strings.HasSuffix(k, ".jpg") {
			want = append(want, k)
		}
	}

	out := &firstWriteWatch{lists: &atomic.Int64{}, listsThen: -1}
	stderr, code := runLs(t, srv, out, "s3://"+bucket+"/site/", "--recursive", "--ext", "JPG",
		"--endpoint", srv.Endpoint)
	if code != ExitOK || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(out.buf.String(), "\n"), "\n")
	if len(lines) != len(want) {
		t.Fatalf("%d lines, want the %d .jpg objects", len(lines), len(want))
	}
	for i, line := range lines {
		size := fmt.Sprint(len(want[i]))
		if f := strings.Fields(line); len(f) != 4 || f[2] != size || f[3] != want[i] {
			t.Fatalf("line %d %q, want date, time, size %s and key %s", i+1, line, size, want[i])
		}
	}
}

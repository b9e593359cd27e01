package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"vpack-s3-sync/backend/demo"
	"vpack-s3-sync/backend/s3test"
	"vpack-s3-sync/backend/store"
)

const bucket = "cams"

func seed(t *testing.T, srv *s3test.Server, objects map[string][]byte) {
	t.Helper()
	srv.CreateBucket(t, bucket)
	for k, v := range objects {
		srv.Put(t, bucket, k, v)
	}
}

func content(key string, n int) []byte {
	return bytes.Repeat([]byte(key+"#"), n/(len(key)+1)+1)[:n]
}

func TestSyncJSONSummaryIsTheContractAndTheSecondRunOnlyLists(t *testing.T) {
	srv := s3test.Start(t)
	objects := map[string][]byte{
		"site/cam1/2026/12/01/a.mp4": content("a", 4000),
		"site/cam1/2026/12/01/b.mov": content("b", 5000),
		"site/cam1/2026/12/01/s.jpg": content("s", 300),
		"site/cam2/c.MKV":            content("c", 6000),
	}
	seed(t, srv, objects)
	env := newCLIEnv(t).forServer(srv)
	dest := filepath.Join(t.TempDir(), "videos")

	res := env.run(t, "sync", "s3://"+bucket+"/site", dest, "--json")
	if res.code != ExitOK {
		t.Fatalf("exit %d\n%s", res.code, res.stderr)
	}
	var raw map[string]json.RawMessage
	res.lastJSON(t, &raw)
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if want := []string{"archived", "bytes", "downloaded", "errors", "failed", "listed", "matched", "requests", "skipped"}; !slices.Equal(keys, want) {
		t.Fatalf("JSON fields %v, want exactly %v", keys, want)
	}
	var first syncSummary
	res.lastJSON(t, &first)
	if first.Listed != 4 || first.Matched != 3 || first.Downloaded != 3 || first.Bytes != 15000 || first.Failed != 0 || first.Errors == nil {
		t.Fatalf("first run %+v", first)
	}
	var req map[string]int64
	if err := json.Unmarshal(raw["requests"], &req); err != nil || len(req) != 3 {
		t.Fatalf("requests %s: want exactly list, get, head", raw["requests"])
	}
	for _, rel := range []string{"cam1/2026/12/01/a.mp4", "cam1/2026/12/01/b.mov", "cam2/c.MKV"} {
		got, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(rel)))
		if err != nil || !bytes.Equal(got, objects["site/"+rel]) {
			t.Fatalf("%s: %v", rel, err)
		}
	}

	res = env.run(t, "sync", "--json", "s3://"+bucket+"/site/", dest)
	var second syncSummary
	res.lastJSON(t, &second)
	if res.code != ExitOK || second.Downloaded != 0 || second.Skipped != 3 || second.Requests.Get != 0 || second.Requests.Head != 0 || second.Requests.List < 1 {
		t.Fatalf("second run exit %d %+v", res.code, second)
	}

	res = env.run(t, "history", "--json")
	var page store.HistoryPageView
	res.lastJSON(t, &page)
	if res.code != ExitOK || page.Total != 3 {
		t.Fatalf("history: exit %d %+v", res.code, page)
	}
	res = env.run(t, "sources", "--json")
	var srcs struct{ Sources []sourceJSON }
	res.lastJSON(t, &srcs)
	if len(srcs.Sources) != 1 || srcs.Sources[0].Prefix != "site/" || srcs.Sources[0].LastRunMs == 0 {
		t.Fatalf("sources %+v", srcs)
	}
}

func TestExitCodesFollowTheContract(t *testing.T) {
	srv := s3test.Start(t)
	seed(t, srv, map[string][]byte{"p/ok.mp4": content("ok", 100), "p/blocked/x.mp4": content("x", 100)})

	t.Run("wrong secret is 3", func(t *testing.T) {
		env := newCLIEnv(t).forServer(srv)
		env.vars["AWS_SECRET_ACCESS_KEY"] = "not-the-secret"
		res := env.run(t, "sync", "s3://"+bucket+"/p", t.TempDir(), "--json")
		var sum syncSummary
		res.lastJSON(t, &sum)
		if res.code != ExitCredentials || len(sum.Errors) != 1 || sum.Errors[0].Code != "auth.bad_secret" {
			t.Fatalf("exit %d, summary %+v, stderr %q", res.code, sum, res.stderr)
		}
		if !strings.Contains(res.stderr, "auth.bad_secret") || strings.Count(strings.TrimSpace(res.stderr), "\n") != 0 {
			t.Fatalf("stderr %q, want one auth.bad_secret line", res.stderr)
		}
	})
	t.Run("no credentials is 3", func(t *testing.T) {
		env := newCLIEnv(t)
		env.vars["AWS_ENDPOINT_URL_S3"] = srv.Endpoint
		if res := env.run(t, "ls"); res.code != ExitCredentials || !strings.Contains(res.stderr, "auth.no_credentials") {
			t.Fatalf("exit %d, stderr %q", res.code, res.stderr)
		}
	})
	t.Run("unreachable endpoint is 4", func(t *testing.T) {
		env := newCLIEnv(t).forServer(srv)
		env.vars["AWS_ENDPOINT_URL_S3"] = fmt.Sprintf("http://127.0.0.1:%d", s3test.FreePort(t))
		res := env.run(t, "sync", "s3://"+bucket+"/p", t.TempDir())
		if res.code != ExitNetwork || !strings.Contains(res.stderr, "net.unreachable") {
			t.Fatalf("exit %d, stderr %q", res.code, res.stderr)
		}
	})
	t.Run("missing bucket is 2", func(t *testing.T) {
		env := newCLIEnv(t).forServer(srv)
		if res := env.run(t, "ls", "s3://no-such-bucket/"); res.code != ExitUsage || !strings.Contains(res.stderr, "s3.bucket_not_found") {
			t.Fatalf("exit %d, stderr %q", res.code, res.stderr)
		}
	})
	t.Run("some files failed is 1", func(t *testing.T) {
		env := newCLIEnv(t).forServer(srv)
		dest := t.TempDir()
		// A file where the folder "blocked" must go: that one video cannot be written.
		if err := os.WriteFile(filepath.Join(dest, "blocked"), []byte("mine"), 0o644); err != nil {
			t.Fatal(err)
		}
		res := env.run(t, "sync", "s3://"+bucket+"/p", dest, "--json")
		var sum syncSummary
		res.lastJSON(t, &sum)
		if res.code != ExitSomeFailed || sum.Downloaded != 1 || sum.Failed != 1 || sum.Errors[0].Key != "p/blocked/x.mp4" || sum.Errors[0].Message == "" {
			t.Fatalf("exit %d, summary %+v", res.code, sum)
		}
		if !strings.Contains(res.stderr, "p/blocked/x.mp4") {
			t.Fatalf("stderr %q does not name the failed file", res.stderr)
		}
	})
}

func TestLsAndGetAgainstARealServer(t *testing.T) {
	srv := s3test.Start(t)
	seed(t, srv, map[string][]byte{"cam/2026/a.mp4": content("a", 10), "cam/b.mp4": content("b", 20), "cam/c.txt": content("c", 3)})
	env := newCLIEnv(t).forServer(srv)

	res := env.run(t, "ls", "s3://"+bucket+"/cam", "--json")
	var lv lsLevel
	res.lastJSON(t, &lv)
	if res.code != ExitOK || len(lv.Folders) != 1 || lv.Folders[0].Prefix != "cam/2026/" || len(lv.Files) != 2 ||
		lv.Files[0].Key != "cam/b.mp4" || lv.Files[0].Size != 20 || lv.Files[0].ETag == "" || lv.Files[0].LastModified == 0 {
		t.Fatalf("ls: exit %d %+v", res.code, lv)
	}
	res = env.run(t, "ls")
	if res.code != ExitOK || !strings.Contains(res.stdout, bucket) {
		t.Fatalf("ls buckets: exit %d %q", res.code, res.stdout)
	}

	dir := t.TempDir()
	res = env.run(t, "get", "s3://"+bucket+"/cam/2026/a.mp4", dir+string(filepath.Separator))
	got, err := os.ReadFile(filepath.Join(dir, "a.mp4"))
	if res.code != ExitOK || err != nil || !bytes.Equal(got, content("a", 10)) {
		t.Fatalf("get: exit %d %v %q", res.code, err, res.stderr)
	}
	res = env.run(t, "get", "s3://"+bucket+"/cam/missing.mp4", dir)
	if res.code != ExitUsage || !strings.Contains(res.stderr, "s3.object_not_found") {
		t.Fatalf("get missing: exit %d %q", res.code, res.stderr)
	}
}

// A SIGKILL mid-sync, then a sync again: it completes, nothing partial is ever under a final
// name, and every key is in the history once.
func TestSyncKilledMidRunCompletesOnTheNextRun(t *testing.T) {
	srv := s3test.Start(t)
	objects := map[string][]byte{}
	for i := range 12 {
		objects[fmt.Sprintf("rec/cam%d/clip%02d.mp4", i%3, i)] = content(fmt.Sprint(i), 300_000+i)
	}
	seed(t, srv, objects)
	px := s3test.StartToxiproxy(t, srv)
	px.AddToxic(t, "slow", "bandwidth", "downstream", map[string]any{"rate": 400}) // KB/s

	env := newCLIEnv(t).forServer(srv)
	env.vars["AWS_ENDPOINT_URL_S3"] = px.Endpoint
	dest := filepath.Join(t.TempDir(), "videos")
	cmd := env.command(context.Background(), "sync", "s3://"+bucket+"/rec", dest, "--concurrency", "4")
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	finals := func() []string {
		var out []string
		for _, f := range files(t, dest) {
			if !strings.Contains(f, ".vpack-partial") {
				out = append(out, f)
			}
		}
		return out
	}
	waitFor(t, 30*time.Second, "a first finished file", func() bool { return len(finals()) >= 1 })
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	killedWith := finals()
	if len(killedWith) == len(objects) {
		t.Fatalf("the sync finished before it was killed; slow it down (stderr %s)", errb.String())
	}
	for _, f := range killedWith {
		got, _ := os.ReadFile(filepath.Join(dest, filepath.FromSlash(f)))
		if !bytes.Equal(got, objects["rec/"+f]) {
			t.Fatalf("after SIGKILL %s is under its final name but incomplete (%d bytes)", f, len(got))
		}
	}
	t.Logf("killed with %d of %d files done; all files: %v", len(killedWith), len(objects), files(t, dest))

	env.vars["AWS_ENDPOINT_URL_S3"] = srv.Endpoint
	res := env.run(t, "sync", "s3://"+bucket+"/rec", dest, "--json")
	var sum syncSummary
	res.lastJSON(t, &sum)
	if res.code != ExitOK || sum.Downloaded+sum.Skipped != len(objects) || sum.Failed != 0 {
		t.Fatalf("resync: exit %d %+v\n%s", res.code, sum, res.stderr)
	}
	all := files(t, dest)
	if len(all) != len(objects) {
		t.Fatalf("after resync the folder holds %v, want exactly the %d objects (no partials, no copies)", all, len(objects))
	}
	for _, f := range all {
		got, _ := os.ReadFile(filepath.Join(dest, filepath.FromSlash(f)))
		if !bytes.Equal(got, objects["rec/"+f]) {
			t.Fatalf("%s differs from its object", f)
		}
	}
	res = env.run(t, "history", "--json", "--limit", "1000")
	var page store.HistoryPageView
	res.lastJSON(t, &page)
	seen := map[string]bool{}
	for _, f := range page.Files {
		if seen[f.Key] {
			t.Fatalf("history has %s twice", f.Key)
		}
		seen[f.Key] = true
	}
	if page.Total != int64(len(objects)) || len(seen) != len(objects) {
		t.Fatalf("history has %d rows (%d keys), want %d", page.Total, len(seen), len(objects))
	}
}

func TestDemoServeThenSyncFromACleanDataFolder(t *testing.T) {
	env := newCLIEnv(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	serve := env.command(ctx, "demo", "--serve", "--json")
	stdout, err := serve.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cancel(); _ = serve.Wait() }()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("demo --serve printed nothing: %v", err)
	}
	var info demoInfo
	if err := json.Unmarshal([]byte(line), &info); err != nil || info.Endpoint == "" || info.Bucket != demo.Bucket {
		t.Fatalf("demo --serve printed %q (%v)", line, err)
	}

	client := newCLIEnv(t) // another, clean data folder
	client.vars["AWS_ENDPOINT_URL_S3"] = info.Endpoint
	client.vars["AWS_ACCESS_KEY_ID"] = info.AccessKeyID
	client.vars["AWS_SECRET_ACCESS_KEY"] = info.SecretAccessKey
	client.vars["AWS_REGION"] = info.Region
	dest := filepath.Join(t.TempDir(), "demo-videos")
	res := client.run(t, "sync", "s3://"+info.Bucket+"/camera2", dest, "--json")
	var sum syncSummary
	res.lastJSON(t, &sum)
	wantVideos := 0
	for _, it := range demo.Layout(time.Now()) {
		if strings.HasPrefix(it.Key, "camera2/") && strings.HasSuffix(it.Key, ".mp4") {
			wantVideos++
		}
	}
	if res.code != ExitOK || sum.Downloaded != wantVideos || sum.Matched != wantVideos || sum.Listed <= wantVideos {
		t.Fatalf("sync from the demo: exit %d %+v (want %d videos)\n%s", res.code, sum, wantVideos, res.stderr)
	}
	for _, f := range files(t, dest) {
		if !strings.HasSuffix(f, ".mp4") {
			t.Fatalf("non-video %s synced", f)
		}
	}
}

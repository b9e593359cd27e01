package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"vpack-s3-sync/backend/connections"
	"vpack-s3-sync/backend/platform"
	"vpack-s3-sync/backend/s3test"
	"vpack-s3-sync/backend/secrets/secretstest"
	"vpack-s3-sync/backend/store"
)

// lockedBuffer is a bytes.Buffer safe to read while a command writes to it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// savedConnection adds a connection named "office" for srv, the way the app does, in a fresh
// data folder, and returns a runner that reaches the same keychain.
func savedConnection(t *testing.T, srv *s3test.Server) func(args ...string) (string, string, int) {
	t.Helper()
	t.Setenv(platform.EnvHome, t.TempDir())
	for _, k := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_ENDPOINT_URL_S3", "AWS_PROFILE"} {
		t.Setenv(k, "")
	}
	path, _ := platform.DBPath()
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	keys := secretstest.New()
	_, _, err = connections.New(st, keys, connections.S3).Add(context.Background(), connections.AddInput{
		Name: "office", Endpoint: srv.Endpoint, Region: srv.Region,
		AccessKeyID: srv.AccessKey, SecretAccessKey: srv.SecretKey, Bucket: bucket,
	})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	return func(args ...string) (string, string, int) {
		var out, errb bytes.Buffer
		r := newRunner(&out, &errb)
		r.secrets = keys
		r.getenv = func(string) string { return "" }
		code := r.run(args)
		return out.String(), errb.String(), code
	}
}

func TestSavedConnectionIsUsedByNameAndBySource(t *testing.T) {
	srv := s3test.Start(t)
	seed(t, srv, map[string][]byte{"p/a.mp4": content("a", 100), "p/b.mp4": content("b", 200)})
	run := savedConnection(t, srv)
	dest := filepath.Join(t.TempDir(), "v")

	out, errOut, code := run("sync", "s3://"+bucket+"/p", dest, "--connection", "office", "--json")
	var sum syncSummary
	if code != ExitOK || json.Unmarshal([]byte(lastLine(out)), &sum) != nil || sum.Downloaded != 2 {
		t.Fatalf("sync --connection: exit %d %q %q", code, out, errOut)
	}
	// The same bucket, prefix and folder again, without credentials: the saved source's
	// connection is used and its history says there is nothing new.
	out, errOut, code = run("sync", "s3://"+bucket+"/p/", dest, "--json")
	if code != ExitOK || json.Unmarshal([]byte(lastLine(out)), &sum) != nil || sum.Skipped != 2 || sum.Downloaded != 0 {
		t.Fatalf("sync by source: exit %d %q %q", code, out, errOut)
	}
	out, _, code = run("ls", "s3://"+bucket+"/p", "--connection", "office", "--json")
	if code != ExitOK || !strings.Contains(out, `"key":"p/a.mp4"`) {
		t.Fatalf("ls --connection: exit %d %q", code, out)
	}
	out, _, code = run("connections", "--json")
	if code != ExitOK || !strings.Contains(out, `"name":"office"`) || strings.Contains(out, srv.SecretKey) {
		t.Fatalf("connections: exit %d %q", code, out)
	}
	_, errOut, code = run("ls", "--connection", "nobody")
	if code != ExitUsage || !strings.Contains(errOut, "nobody") {
		t.Fatalf("unknown connection: exit %d %q", code, errOut)
	}
}

func TestSyncEveryRepeatsUntilInterrupted(t *testing.T) {
	srv := s3test.Start(t)
	seed(t, srv, map[string][]byte{"p/a.mp4": content("a", 100)})
	t.Setenv(platform.EnvHome, t.TempDir())
	var out, errb lockedBuffer
	r := newRunner(&out, &errb)
	env := map[string]string{"AWS_ENDPOINT_URL_S3": srv.Endpoint, "AWS_ACCESS_KEY_ID": srv.AccessKey,
		"AWS_SECRET_ACCESS_KEY": srv.SecretKey, "AWS_REGION": srv.Region, "AWS_EC2_METADATA_DISABLED": "true"}
	for k, v := range env {
		t.Setenv(k, v)
	}
	ctx, interrupt := context.WithCancel(context.Background())
	r.signals = func(parent context.Context) (context.Context, context.CancelFunc) { return ctx, interrupt }
	done := make(chan int, 1)
	dest := t.TempDir()
	go func() {
		done <- r.run([]string{"sync", "s3://" + bucket + "/p", dest, "--every", "1m", "--json"})
	}()
	waitFor(t, 20*time.Second, "the first run's summary", func() bool { return strings.Contains(out.String(), `"downloaded":1`) })
	interrupt()
	select {
	case code := <-done:
		if code != ExitOK || strings.Count(out.String(), "\n") != 1 {
			t.Fatalf("exit %d, stdout %q, stderr %q", code, out.String(), errb.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("sync --every did not stop on interrupt")
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

func TestReadCommandsWorkWhileTheAppHoldsTheDatabase(t *testing.T) {
	home := t.TempDir()
	t.Setenv("VPACK_S3_SYNC_HOME", home)
	path, err := platform.DBPath()
	if err != nil {
		t.Fatal(err)
	}
	app, err := store.Open(path) // the desktop app, holding the lock
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	for _, args := range [][]string{{"sources", "--json"}, {"history", "--json"}, {"connections", "--json"}} {
		var out, errOut bytes.Buffer
		if code := Run(args, &out, &errOut); code != 0 {
			t.Fatalf("%v exited %d: %s", args, code, errOut.String())
		}
		if !json.Valid(bytes.TrimSpace(out.Bytes())) {
			t.Fatalf("%v printed %q", args, out.String())
		}
	}
}

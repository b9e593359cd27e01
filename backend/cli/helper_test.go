package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"vpack-s3-sync/backend/s3test"
)

// The test binary doubles as the CLI: with VPACK_CLI_HELPER=1 it runs Run on its arguments
// and exits, so tests drive the real command line in a real process (and can SIGKILL it).
func TestMain(m *testing.M) {
	if os.Getenv("VPACK_CLI_HELPER") == "1" {
		os.Exit(Run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// cliEnv is the environment of one CLI process: its own data folder, no ~/.aws, no IMDS.
type cliEnv struct {
	home string
	vars map[string]string
}

func newCLIEnv(t *testing.T) *cliEnv {
	t.Helper()
	root := t.TempDir()
	return &cliEnv{home: filepath.Join(root, "state"), vars: map[string]string{
		"HOME":                        filepath.Join(root, "home"),
		"AWS_CONFIG_FILE":             filepath.Join(root, "no-aws-config"),
		"AWS_SHARED_CREDENTIALS_FILE": filepath.Join(root, "no-aws-credentials"),
		"AWS_EC2_METADATA_DISABLED":   "true",
		"LANG":                        "C",
	}}
}

// forServer points the AWS chain at a versitygw.
func (e *cliEnv) forServer(srv *s3test.Server) *cliEnv {
	e.vars["AWS_ENDPOINT_URL_S3"] = srv.Endpoint
	e.vars["AWS_ACCESS_KEY_ID"] = srv.AccessKey
	e.vars["AWS_SECRET_ACCESS_KEY"] = srv.SecretKey
	e.vars["AWS_REGION"] = srv.Region
	return e
}

func (e *cliEnv) command(ctx context.Context, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, os.Args[0], args...)
	cmd.Env = []string{"VPACK_CLI_HELPER=1", "VPACK_S3_SYNC_HOME=" + e.home, "PATH=" + os.Getenv("PATH")}
	for k, v := range e.vars {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	return cmd
}

type cliResult struct {
	stdout, stderr string
	code           int
}

// run runs the CLI to the end (at most a minute).
func (e *cliEnv) run(t *testing.T, args ...string) cliResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := e.command(ctx, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	res := cliResult{stdout: out.String(), stderr: errb.String()}
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		res.code = exit.ExitCode()
	case err != nil:
		t.Fatalf("run %v: %v", args, err)
	}
	return res
}

// lastJSON decodes the last stdout line into v.
func (r cliResult) lastJSON(t *testing.T, v any) {
	t.Helper()
	lines := strings.Split(strings.TrimRight(r.stdout, "\n"), "\n")
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), v); err != nil {
		t.Fatalf("last stdout line is not JSON: %v\nstdout:\n%s\nstderr:\n%s", err, r.stdout, r.stderr)
	}
}

// files lists the files under dir as slash paths, partial files included.
func files(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// waitFor polls cond every 20 ms until it holds or the deadline passes.
func waitFor(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

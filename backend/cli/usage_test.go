package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// inProcess runs the CLI in this process with its own buffers and data folder.
func inProcess(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	t.Setenv("VPACK_S3_SYNC_HOME", t.TempDir())
	var out, errb bytes.Buffer
	r := newRunner(&out, &errb)
	r.getenv = func(k string) string {
		if k == "LANG" {
			return "en_US.UTF-8"
		}
		return ""
	}
	code = r.run(args)
	return out.String(), errb.String(), code
}

func TestBadUsageExitsTwoWithOneErrorLine(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"unknown command", []string{"fetch"}, `unknown command "fetch"`},
		{"sync without arguments", []string{"sync"}, "sync needs"},
		{"sync without a destination", []string{"sync", "s3://cams"}, "sync needs"},
		{"not an S3 URL", []string{"sync", "cams/x", "dest"}, "not an S3 URL"},
		{"no bucket", []string{"ls", "s3:///x"}, "names no bucket"},
		{"recursive ls of no bucket", []string{"ls", "--recursive"}, "--recursive needs"},
		{"--ext without --recursive", []string{"ls", "s3://cams/x", "--ext", ".mp4"}, "--ext filters ls --recursive only"},
		{"unknown flag", []string{"sync", "s3://cams", "dest", "--bogus"}, "bogus"},
		{"bad --since", []string{"sync", "s3://cams", "dest", "--since", "yesterday"}, "--since"},
		{"negative concurrency", []string{"sync", "s3://cams", "dest", "--concurrency", "-1"}, "--concurrency"},
		{"too frequent --every", []string{"sync", "s3://cams", "dest", "--every", "10s"}, "--every"},
		{"connection with profile", []string{"sync", "s3://cams", "dest", "--connection", "a", "--profile", "b"}, "--connection cannot"},
		{"get of a folder", []string{"get", "s3://cams/dir/"}, "names a folder"},
		{"bad endpoint", []string{"ls", "--endpoint", "ftp://x"}, "--endpoint"},
		{"history with a bad limit", []string{"history", "--limit", "0"}, "--limit"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			stdout, stderr, code := inProcess(t, c.args...)
			if code != ExitUsage {
				t.Fatalf("exit %d, want %d; stderr %q", code, ExitUsage, stderr)
			}
			if lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n"); len(lines) != 1 ||
				!strings.Contains(stderr, "input.invalid") || !strings.Contains(stderr, c.want) {
				t.Fatalf("stderr %q, want one input.invalid line mentioning %q", stderr, c.want)
			}
			if stdout != "" {
				t.Fatalf("stdout %q on a usage error", stdout)
			}
		})
	}
}

func TestEveryCommandHasHelp(t *testing.T) {
	out, _, code := inProcess(t, "--help")
	if code != ExitOK || !strings.Contains(out, "Exit codes") {
		t.Fatalf("main help: %d %q", code, out)
	}
	for _, c := range commands {
		for _, args := range [][]string{{c.name, "--help"}, {"help", c.name}, {c.name, "s3://x", "-h"}} {
			out, errOut, code := inProcess(t, args...)
			if code != ExitOK || !strings.HasPrefix(out, "Usage: vpack-s3-sync "+c.name) || errOut != "" {
				t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errOut)
			}
		}
	}
}

func TestSyncHelpNamesTheDefaultConcurrency(t *testing.T) {
	out, _, code := inProcess(t, "sync", "--help")
	if want := "--concurrency N     files downloaded at once (default 16)"; code != ExitOK || !strings.Contains(out, want) {
		t.Fatalf("sync --help: exit %d, want a line %q in\n%s", code, want, out)
	}
}

func TestErrorsFollowTheLanguage(t *testing.T) {
	for _, c := range []struct {
		lang []string
		env  string
		want string
	}{
		{nil, "vi_VN.UTF-8", "Một số thông tin"},
		{[]string{"--lang", "vi"}, "en_US.UTF-8", "Một số thông tin"},
		{[]string{"--lang=en"}, "vi_VN.UTF-8", "Some of the information"},
		{nil, "C", "Some of the information"},
	} {
		var out, errb bytes.Buffer
		r := newRunner(&out, &errb)
		r.getenv = func(k string) string {
			if k == "LANG" {
				return c.env
			}
			return ""
		}
		if code := r.run(append([]string{"sync"}, c.lang...)); code != ExitUsage || !strings.Contains(errb.String(), c.want) {
			t.Errorf("lang %v env %s: exit %d, stderr %q, want %q", c.lang, c.env, code, errb.String(), c.want)
		}
	}
}

func TestParseSince(t *testing.T) {
	now := time.Date(2026, 12, 4, 15, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Time{
		"":                     {},
		"7d":                   now.AddDate(0, 0, -7),
		"36h":                  now.Add(-36 * time.Hour),
		"2026-01-31":           time.Date(2026, 1, 31, 0, 0, 0, 0, time.Local),
		"2026-11-01T08:00:00Z": time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC),
	} {
		got, err := parseSince(in, now)
		if err != nil || !got.Equal(want) {
			t.Errorf("parseSince(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"0d", "-3d", "7", "31/01/2026", "d"} {
		if _, err := parseSince(bad, now); err == nil {
			t.Errorf("parseSince(%q) accepted", bad)
		}
	}
}

func TestParseExtensions(t *testing.T) {
	for in, want := range map[string]string{".mp4,.mov": ".mp4|.mov", "MP4 mkv": ".mp4|.mkv", "*": ""} {
		if got := strings.Join(parseExtensions(in), "|"); got != want {
			t.Errorf("parseExtensions(%q) = %q, want %q", in, got, want)
		}
	}
	if parseExtensions("*") == nil {
		t.Error(`"*" must mean every file (empty, not nil)`)
	}
}

func TestInterleavedFlagsAndPositionals(t *testing.T) {
	var c common
	fs := newFlags("sync", &c, true)
	ext := fs.String("ext", "", "")
	r := newRunner(&bytes.Buffer{}, &bytes.Buffer{})
	pos, err := r.parse(fs, []string{"s3://b/p", "--json", "dest", "--ext", ".mov", "--", "--odd-name"}, "")
	if err != nil || strings.Join(pos, " ") != "s3://b/p dest --odd-name" || !c.json || *ext != ".mov" {
		t.Fatalf("pos %q json %v ext %q err %v", pos, c.json, *ext, err)
	}
}

package apperr

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestNewFillsKeyAndDefaultHint(t *testing.T) {
	tests := []struct {
		code     Code
		wantKey  string
		wantHint string
	}{
		{S3AccessDenied, "error.s3.access_denied", "hint.s3.access_denied"},
		{NetTimeout, "error.net.timeout", "hint.net.timeout"},
		{Internal, "error.internal", "hint.report_bug"},
	}
	for _, tc := range tests {
		t.Run(string(tc.code), func(t *testing.T) {
			e := New(tc.code)
			if e.Key != tc.wantKey || e.Hint != tc.wantHint {
				t.Fatalf("got key %q hint %q", e.Key, e.Hint)
			}
		})
	}
}

func TestErrorStringListsDetailsSortedAndTheCause(t *testing.T) {
	e := Wrap(S3ObjectNotFound, errors.New("NoSuchKey")).With("key", "a.mp4").With("bucket", "cams")
	want := `s3.object_not_found bucket="cams" key="a.mp4": NoSuchKey`
	if e.Error() != want {
		t.Fatalf("got %q, want %q", e.Error(), want)
	}
}

func TestErrorsIsMatchesByCode(t *testing.T) {
	err := fmt.Errorf("download: %w", New(S3AccessDenied).With("bucket", "b"))
	if !errors.Is(err, New(S3AccessDenied)) {
		t.Fatal("same code must match")
	}
	if errors.Is(err, New(S3BucketNotFound)) {
		t.Fatal("another code must not match")
	}
	cause := errors.New("root cause")
	if !errors.Is(Wrap(NetTimeout, cause), cause) {
		t.Fatal("Unwrap must reach the cause")
	}
}

func TestJSONCarriesCodeKeyDetailsHintButNotTheCause(t *testing.T) {
	e := Wrap(S3AccessDenied, errors.New("secret-bearing SDK text")).
		With("bucket", "cams").WithHint("hint.s3.access_denied.list_bucket")
	var got map[string]any
	if err := json.Unmarshal([]byte(e.JSON()), &got); err != nil {
		t.Fatal(err)
	}
	if got["code"] != "s3.access_denied" || got["key"] != "error.s3.access_denied" ||
		got["hint"] != "hint.s3.access_denied.list_bucket" {
		t.Fatalf("got %v", got)
	}
	if strings.Contains(e.JSON(), "secret-bearing") {
		t.Fatal("the cause must not cross into the UI")
	}
}

func TestExitCodeFollowsTheCLIContract(t *testing.T) {
	tests := []struct {
		err  error
		want int
	}{
		{nil, 0},
		{New(InvalidInput), 2},
		{New(S3BucketNotFound), 2},
		{New(AuthBadSecret), 3},
		{New(S3AccessDenied), 3},
		{New(NetUnreachable), 4},
		{New(NetTimeout), 4},
		{New(LocalDiskFull), 1},
		{errors.New("unclassified"), 1},
	}
	for _, tc := range tests {
		if got := ExitCode(tc.err); got != tc.want {
			t.Errorf("ExitCode(%v) = %d, want %d", tc.err, got, tc.want)
		}
	}
}

func TestCodeOf(t *testing.T) {
	if CodeOf(nil) != "" {
		t.Fatal("nil has no code")
	}
	if CodeOf(errors.New("x")) != Internal {
		t.Fatal("unknown errors are internal")
	}
	if CodeOf(fmt.Errorf("w: %w", New(S3Throttled))) != S3Throttled {
		t.Fatal("wrapped code lost")
	}
}

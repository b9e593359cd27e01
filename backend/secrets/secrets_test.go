package secrets

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"vpack-s3-sync/backend/apperr"
)

// requireSecretService skips without a session bus, except under CI where that is a failure:
// CI runs these tests through scripts/with-keyring.sh.
func requireSecretService(t *testing.T) *Keychain {
	t.Helper()
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("no D-Bus session bus: run the keychain tests under scripts/with-keyring.sh")
		}
		t.Skip("no D-Bus session bus; run under scripts/with-keyring.sh")
	}
	return New()
}

// testConnID picks an id no real connection uses, so a test never touches a user's entry.
func testConnID(t *testing.T, k *Keychain) int64 {
	t.Helper()
	id := 9_000_000_000 + rand.Int64N(1_000_000_000)
	t.Cleanup(func() { _ = k.Delete(context.Background(), id) })
	return id
}

func codeOf(err error) apperr.Code {
	var e *apperr.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

func TestKeychainSetGetOverwriteDelete(t *testing.T) {
	k := requireSecretService(t)
	ctx := context.Background()
	id := testConnID(t, k)

	steps := []Secret{
		{SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"},
		{SecretAccessKey: "second-key", SessionToken: "FwoGZXIvYXdzEJr//////////token=="},
		{SecretAccessKey: `wïth "quotes", {braces} and a|pipe`},
	}
	for i, want := range steps {
		if err := k.Set(ctx, id, want); err != nil {
			t.Fatalf("step %d: set: %v", i, err)
		}
		got, err := k.Get(ctx, id)
		if err != nil {
			t.Fatalf("step %d: get: %v", i, err)
		}
		if got.SecretAccessKey != want.SecretAccessKey || got.SessionToken != want.SessionToken {
			t.Fatalf("step %d: round trip changed the secret", i)
		}
	}
	if err := k.Delete(ctx, id); err != nil {
		t.Fatalf("delete: %v", err)
	}
	if _, err := k.Get(ctx, id); codeOf(err) != apperr.KeychainNotFound {
		t.Fatalf("get after delete: %v, want %s", err, apperr.KeychainNotFound)
	}
}

func TestKeychainEntriesAreSeparatePerConnection(t *testing.T) {
	k := requireSecretService(t)
	ctx := context.Background()
	a, b := testConnID(t, k), testConnID(t, k)
	if err := k.Set(ctx, a, Secret{SecretAccessKey: "key-a"}); err != nil {
		t.Fatal(err)
	}
	if err := k.Set(ctx, b, Secret{SecretAccessKey: "key-b"}); err != nil {
		t.Fatal(err)
	}
	if err := k.Delete(ctx, a); err != nil {
		t.Fatal(err)
	}
	got, err := k.Get(ctx, b)
	if err != nil || got.SecretAccessKey != "key-b" {
		t.Fatalf("b after deleting a: %v", err)
	}
}

func TestKeychainMissingEntryIsNotFound(t *testing.T) {
	k := requireSecretService(t)
	ctx := context.Background()
	id := testConnID(t, k)
	tests := []struct {
		name string
		op   func() error
	}{
		{"get", func() error { _, err := k.Get(ctx, id); return err }},
		{"delete", func() error { return k.Delete(ctx, id) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.op(); codeOf(err) != apperr.KeychainNotFound {
				t.Fatalf("err = %v, want %s", err, apperr.KeychainNotFound)
			}
		})
	}
}

func TestKeychainAcceptsValueAtTheLimitAndRefusesOneByteMore(t *testing.T) {
	k := requireSecretService(t)
	ctx := context.Background()
	id := testConnID(t, k)
	overhead := len(`{"s":""}`)
	atLimit := Secret{SecretAccessKey: strings.Repeat("k", MaxValueBytes-overhead)}
	if err := k.Set(ctx, id, atLimit); err != nil {
		t.Fatalf("value of exactly %d bytes: %v", MaxValueBytes, err)
	}
	over := Secret{SecretAccessKey: "k", SessionToken: strings.Repeat("t", MaxValueBytes)}
	if err := k.Set(ctx, id, over); codeOf(err) != apperr.KeychainTooLarge {
		t.Fatalf("too large: %v", err)
	}
	got, err := k.Get(ctx, id)
	if err != nil || got.SecretAccessKey != atLimit.SecretAccessKey {
		t.Fatalf("refused Set changed the stored value: %v", err)
	}
}

// fakeRing records calls and can block, to test what needs no real keychain.
type fakeRing struct {
	calls []string
	block chan struct{}
	err   error
	value string
}

func (f *fakeRing) do(name string) error {
	f.calls = append(f.calls, name)
	if f.block != nil {
		<-f.block
	}
	return f.err
}
func (f *fakeRing) Set(_, _, _ string) error           { return f.do("set") }
func (f *fakeRing) Get(_, _ string) (string, error)    { return f.value, f.do("get") }
func (f *fakeRing) Delete(_, _ string) error           { return f.do("delete") }
func withRing(r ring, timeout time.Duration) *Keychain { return &Keychain{ring: r, timeout: timeout} }

func TestSetChecksSizeAndInputBeforeCallingKeychain(t *testing.T) {
	tests := []struct {
		name   string
		secret Secret
		want   apperr.Code
	}{
		{"too large", Secret{SecretAccessKey: strings.Repeat("x", MaxValueBytes)}, apperr.KeychainTooLarge},
		{"too large with token", Secret{SecretAccessKey: "x", SessionToken: strings.Repeat("t", 3000)}, apperr.KeychainTooLarge},
		{"empty secret", Secret{}, apperr.InvalidInput},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &fakeRing{}
			err := withRing(r, time.Second).Set(context.Background(), 1, tt.secret)
			if codeOf(err) != tt.want {
				t.Fatalf("err = %v, want %s", err, tt.want)
			}
			if len(r.calls) != 0 {
				t.Fatalf("keychain was called: %v", r.calls)
			}
		})
	}
}

func TestKeychainCallThatBlocksTimesOut(t *testing.T) {
	r := &fakeRing{block: make(chan struct{})}
	defer close(r.block)
	k := withRing(r, 50*time.Millisecond)
	start := time.Now()
	err := k.Set(context.Background(), 1, Secret{SecretAccessKey: "s"})
	if codeOf(err) != apperr.KeychainTimeout {
		t.Fatalf("err = %v, want %s", err, apperr.KeychainTimeout)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("took %s", d)
	}
}

func TestKeychainCallStopsWhenContextEnds(t *testing.T) {
	tests := []struct {
		name string
		ctx  func() (context.Context, context.CancelFunc)
		want apperr.Code
	}{
		{"cancelled", func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(20*time.Millisecond, cancel)
			return ctx, cancel
		}, apperr.Cancelled},
		{"deadline passed", func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 20*time.Millisecond)
		}, apperr.KeychainTimeout},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &fakeRing{block: make(chan struct{})}
			defer close(r.block)
			ctx, cancel := tt.ctx()
			defer cancel()
			if _, err := withRing(r, time.Hour).Get(ctx, 1); codeOf(err) != tt.want {
				t.Fatalf("err = %v, want %s", err, tt.want)
			}
		})
	}
}

func TestPlainKeychainErrorsMeanUnavailableWithOSHint(t *testing.T) {
	r := &fakeRing{err: errors.New("The name org.freedesktop.secrets was not provided by any .service files")}
	err := withRing(r, time.Second).Set(context.Background(), 3, Secret{SecretAccessKey: "s3cr3t-value"})
	var e *apperr.Error
	if !errors.As(err, &e) || e.Code != apperr.KeychainUnavailable {
		t.Fatalf("err = %v", err)
	}
	if e.Hint != "hint.keychain.unavailable."+runtime.GOOS {
		t.Fatalf("hint = %q", e.Hint)
	}
	if strings.Contains(err.Error(), "s3cr3t-value") || strings.Contains(e.JSON(), "s3cr3t-value") {
		t.Fatal("error text holds the secret")
	}
}

func TestGetAcceptsAValueNotWrittenBySet(t *testing.T) {
	r := &fakeRing{value: "raw-secret-made-by-hand"}
	got, err := withRing(r, time.Second).Get(context.Background(), 1)
	if err != nil || got.SecretAccessKey != "raw-secret-made-by-hand" || got.SessionToken != "" {
		t.Fatalf("got err %v", err)
	}
}

func TestSecretNeverPrints(t *testing.T) {
	s := Secret{SecretAccessKey: "TOPSECRET1", SessionToken: "TOPSECRET2"}
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("x", "secret", s, "s2", slog.AnyValue(s))
	out := fmt.Sprintf("%v %+v %#v %s %q", s, s, s, s, s) + fmt.Sprint(s) + fmt.Sprintf("%v", &s) + buf.String()
	if strings.Contains(out, "TOPSECRET") {
		t.Fatalf("printed: %s", out)
	}
}

// The "no bus" case runs in a child process: godbus keeps one session-bus connection per
// process, so the address can only be changed before the first call.
func TestKeychainWithoutBusIsUnavailable(t *testing.T) {
	if os.Getenv("VPACK_SECRETS_CHILD") == "nobus" {
		k := New().WithTimeout(5 * time.Second)
		for _, op := range []func() error{
			func() error { return k.Set(context.Background(), 42, Secret{SecretAccessKey: "CHILDSECRET"}) },
			func() error { _, err := k.Get(context.Background(), 42); return err },
			func() error { return k.Delete(context.Background(), 42) },
		} {
			err := op()
			var e *apperr.Error
			if !errors.As(err, &e) {
				fmt.Printf("RESULT not-apperr %v\n", err)
				continue
			}
			fmt.Printf("RESULT %s %s secret-in-error=%v\n", e.Code, e.Hint,
				strings.Contains(err.Error()+e.JSON(), "CHILDSECRET"))
		}
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestKeychainWithoutBusIsUnavailable$", "-test.count=1")
	cmd.Env = append(os.Environ(), "VPACK_SECRETS_CHILD=nobus",
		"DBUS_SESSION_BUS_ADDRESS=unix:path="+t.TempDir()+"/no-such-bus")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	want := fmt.Sprintf("RESULT %s hint.keychain.unavailable.%s secret-in-error=false", apperr.KeychainUnavailable, runtime.GOOS)
	if n := strings.Count(string(out), want); n != 3 {
		t.Fatalf("want 3 × %q, got:\n%s", want, out)
	}
}

func TestKeychainEntryIsFiledUnderServiceAndConnectionID(t *testing.T) {
	k := requireSecretService(t)
	ctx := context.Background()
	id := testConnID(t, k)
	if err := k.Set(ctx, id, Secret{SecretAccessKey: "only-this", SessionToken: "and-this"}); err != nil {
		t.Fatal(err)
	}
	raw, err := keyring.Get("VPACK S3 Sync", strconv.FormatInt(id, 10))
	if err != nil {
		t.Fatal(err)
	}
	if raw != `{"s":"only-this","t":"and-this"}` {
		t.Fatalf("stored value = %q", raw)
	}
}

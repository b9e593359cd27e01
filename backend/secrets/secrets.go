// Package secrets keeps each connection's secret access key (and session token) in the OS
// keychain through go-keyring: one entry per connection, service "VPACK S3 Sync", user = the
// connection id. Every call has a timeout, because an unlock prompt can block forever. It never
// falls back to a file or any other plaintext store, and never puts a secret in an error or log.
package secrets

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"strconv"
	"time"

	"github.com/zalando/go-keyring"

	"vpack-s3-sync/backend/apperr"
)

// Service is the keychain service name every entry is filed under.
const Service = "VPACK S3 Sync"

// MaxValueBytes is the largest encoded value Set accepts: Windows' Credential Manager limit,
// the smallest of the three OSes (macOS allows ~3,000), applied everywhere so a connection
// that works on one OS works on all.
const MaxValueBytes = 2560

// DefaultTimeout bounds each keychain call.
const DefaultTimeout = 10 * time.Second

// Secret is what the keychain holds for a connection. It has no JSON tags and formats as
// "[redacted]" so a stray %v or slog attribute cannot print it.
type Secret struct {
	SecretAccessKey string
	SessionToken    string
}

// String, Format and LogValue print "[redacted]" for every verb and in slog.
func (Secret) String() string { return "[redacted]" }

// Format makes every fmt verb, %#v and %+v too, print "[redacted]".
func (Secret) Format(f fmt.State, _ rune) { fmt.Fprint(f, "[redacted]") }

// LogValue keeps the secret out of slog output.
func (Secret) LogValue() slog.Value { return slog.StringValue("[redacted]") }

// ring is go-keyring's API; tests put a blocking one in to prove the timeout.
type ring interface {
	Set(service, user, password string) error
	Get(service, user string) (string, error)
	Delete(service, user string) error
}

type goKeyring struct{}

func (goKeyring) Set(service, user, password string) error {
	return keyring.Set(service, user, password)
}
func (goKeyring) Get(service, user string) (string, error) { return keyring.Get(service, user) }
func (goKeyring) Delete(service, user string) error        { return keyring.Delete(service, user) }

// Keychain reads and writes connection secrets in the OS keychain.
type Keychain struct {
	timeout time.Duration
	ring    ring
}

// New returns a Keychain on the OS keychain with DefaultTimeout per call.
func New() *Keychain { return &Keychain{timeout: DefaultTimeout, ring: goKeyring{}} }

// WithTimeout returns a copy whose calls each give up after d.
func (k *Keychain) WithTimeout(d time.Duration) *Keychain {
	c := *k
	c.timeout = d
	return &c
}

// Default is the Keychain behind the package-level Set, Get and Delete.
var Default = New()

// Set stores s for connection connID, replacing any earlier value.
func Set(ctx context.Context, connID int64, s Secret) error { return Default.Set(ctx, connID, s) }

// Get loads connection connID's secret; apperr.KeychainNotFound when there is none.
func Get(ctx context.Context, connID int64) (Secret, error) { return Default.Get(ctx, connID) }

// Delete removes connection connID's secret; apperr.KeychainNotFound when there is none.
func Delete(ctx context.Context, connID int64) error { return Default.Delete(ctx, connID) }

// stored is the value's encoding: JSON with the two fields only, so a secret that happens to
// contain any separator still round-trips.
type stored struct {
	S string `json:"s"`
	T string `json:"t,omitempty"`
}

// Set stores s for connection connID, replacing any earlier value. It refuses an empty secret
// key and a value over MaxValueBytes before touching the keychain.
func (k *Keychain) Set(ctx context.Context, connID int64, s Secret) error {
	if s.SecretAccessKey == "" {
		return apperr.New(apperr.InvalidInput).With("field", "secret_access_key")
	}
	value, err := json.Marshal(stored{S: s.SecretAccessKey, T: s.SessionToken})
	if err != nil {
		return apperr.Wrap(apperr.Internal, errors.New("encode secret"))
	}
	if len(value) > MaxValueBytes {
		return apperr.New(apperr.KeychainTooLarge).
			With("bytes", strconv.Itoa(len(value))).With("max_bytes", strconv.Itoa(MaxValueBytes))
	}
	_, err = k.call(ctx, "set", connID, func() (string, error) {
		return "", k.ring.Set(Service, user(connID), string(value))
	})
	return err
}

// Get loads connection connID's secret.
func (k *Keychain) Get(ctx context.Context, connID int64) (Secret, error) {
	value, err := k.call(ctx, "get", connID, func() (string, error) {
		return k.ring.Get(Service, user(connID))
	})
	if err != nil {
		return Secret{}, err
	}
	var st stored
	if json.Unmarshal([]byte(value), &st) != nil || st.S == "" {
		// An entry not written by Set (made by hand in a keychain tool): the value is the key.
		return Secret{SecretAccessKey: value}, nil
	}
	return Secret{SecretAccessKey: st.S, SessionToken: st.T}, nil
}

// Delete removes connection connID's secret.
func (k *Keychain) Delete(ctx context.Context, connID int64) error {
	_, err := k.call(ctx, "delete", connID, func() (string, error) {
		return "", k.ring.Delete(Service, user(connID))
	})
	return err
}

func user(connID int64) string { return strconv.FormatInt(connID, 10) }

type result struct {
	value string
	err   error
}

// call runs op on its own goroutine and waits for it, the context or the timeout, whichever
// comes first. go-keyring cannot be cancelled: a call that times out finishes in the
// background and its result is dropped (the channel is buffered so the goroutine exits).
func (k *Keychain) call(ctx context.Context, action string, connID int64, op func() (string, error)) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", contextError(err, action, connID)
	}
	done := make(chan result, 1)
	go func() {
		v, err := op()
		done <- result{v, err}
	}()
	timer := time.NewTimer(k.timeout)
	defer timer.Stop()
	select {
	case r := <-done:
		if r.err != nil {
			return "", mapError(r.err, action, connID)
		}
		return r.value, nil
	case <-ctx.Done():
		return "", contextError(ctx.Err(), action, connID)
	case <-timer.C:
		return "", apperr.Wrap(apperr.KeychainTimeout, fmt.Errorf("keychain %s: no answer in %s", action, k.timeout)).
			With("action", action).With("connection_id", user(connID)).
			WithHint("hint.keychain.timeout." + runtime.GOOS)
	}
}

func contextError(err error, action string, connID int64) error {
	code := apperr.Cancelled
	if errors.Is(err, context.DeadlineExceeded) {
		code = apperr.KeychainTimeout
	}
	return apperr.Wrap(code, fmt.Errorf("keychain %s: %w", action, err)).
		With("action", action).With("connection_id", user(connID))
}

// mapError turns go-keyring's errors into apperr codes. Beyond its two sentinels go-keyring
// returns plain errors (no D-Bus, no Secret Service, locked or dismissed prompt, `security`
// failing): all of these mean the keychain cannot be used right now.
func mapError(err error, action string, connID int64) error {
	var e *apperr.Error
	switch {
	case errors.Is(err, keyring.ErrNotFound):
		e = apperr.Wrap(apperr.KeychainNotFound, fmt.Errorf("keychain %s: %w", action, err))
	case errors.Is(err, keyring.ErrSetDataTooBig):
		e = apperr.Wrap(apperr.KeychainTooLarge, fmt.Errorf("keychain %s: %w", action, err))
	default:
		e = apperr.Wrap(apperr.KeychainUnavailable, fmt.Errorf("keychain %s: %w", action, err)).
			WithHint(UnavailableHint(runtime.GOOS))
	}
	return e.With("action", action).With("connection_id", user(connID))
}

// UnavailableHint is the i18n key telling the user how to get a working keychain on goos:
// "hint.keychain.unavailable.linux" (install/unlock a Secret Service such as GNOME Keyring or
// KWallet), ".darwin" (unlock the login keychain), ".windows" (Credential Manager).
func UnavailableHint(goos string) string {
	return "hint.keychain.unavailable." + goos
}

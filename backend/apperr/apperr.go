// Package apperr is the one error shape that reaches a person, in the UI or the CLI: a stable
// code, an i18n message key, details that are never secret, and a hint of what to do next.
// It classifies SDK, network and OS errors in one place (Classify); it never logs or prints.
package apperr

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Code is stable: the UI, the CLI's exit codes and the docs' troubleshooting key on it.
type Code string

const (
	AuthBadKeyID         Code = "auth.bad_key_id"
	AuthBadSecret        Code = "auth.bad_secret"
	AuthExpiredToken     Code = "auth.expired_token"
	AuthNoCredentials    Code = "auth.no_credentials"
	S3AccessDenied       Code = "s3.access_denied"
	S3BucketNotFound     Code = "s3.bucket_not_found"
	S3ObjectNotFound     Code = "s3.object_not_found"
	S3WrongRegion        Code = "s3.wrong_region"
	S3ClockSkew          Code = "s3.clock_skew"
	S3Throttled          Code = "s3.throttled"
	S3Archived           Code = "s3.archived"
	S3ObjectChanged      Code = "s3.object_changed"
	S3ServerError        Code = "s3.server_error"
	NetUnreachable       Code = "net.unreachable"
	NetTimeout           Code = "net.timeout"
	NetTLS               Code = "net.tls"
	Cancelled            Code = "op.cancelled"
	LocalDiskFull        Code = "local.disk_full"
	LocalPermission      Code = "local.permission_denied"
	LocalPathUnsafe      Code = "local.path_unsafe"
	LocalIO              Code = "local.io"
	VerifyFailed         Code = "transfer.verify_failed"
	KeychainUnavailable  Code = "keychain.unavailable"
	KeychainNotFound     Code = "keychain.not_found"
	KeychainTooLarge     Code = "keychain.too_large"
	KeychainTimeout      Code = "keychain.timeout"
	StoreFailed          Code = "store.failed"
	StoreNotFound        Code = "store.not_found"
	StoreConflict        Code = "store.conflict"
	InvalidInput         Code = "input.invalid"
	SyncAlreadyRunning   Code = "sync.already_running"
	SyncInsufficientDisk Code = "sync.insufficient_disk"
	Internal             Code = "internal"
)

// Error is what crosses into the UI (as JSON) and the CLI (as one line).
type Error struct {
	Code    Code              `json:"code"`
	Key     string            `json:"key"`
	Details map[string]string `json:"details,omitempty"`
	Hint    string            `json:"hint,omitempty"`
	Err     error             `json:"-"`
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(string(e.Code))
	if len(e.Details) > 0 {
		keys := make([]string, 0, len(e.Details))
		for k := range e.Details {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(&b, " %s=%q", k, e.Details[k])
		}
	}
	if e.Err != nil {
		fmt.Fprintf(&b, ": %v", e.Err)
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Is matches another *Error by code, so errors.Is(err, apperr.New(apperr.S3AccessDenied)) works.
func (e *Error) Is(target error) bool {
	var t *Error
	if errors.As(target, &t) {
		return t.Code == e.Code
	}
	return false
}

// JSON is the form Wails hands to the frontend when a bound method fails.
func (e *Error) JSON() string {
	b, _ := json.Marshal(e)
	return string(b)
}

// New makes an error with the code's default message key and hint.
func New(code Code) *Error {
	return &Error{Code: code, Key: "error." + string(code), Hint: hintFor(code)}
}

// Wrap makes an error of code caused by err.
func Wrap(code Code, err error) *Error {
	e := New(code)
	e.Err = err
	return e
}

// With adds a detail (bucket, key, action, region, path…). Never pass a secret.
func (e *Error) With(key, value string) *Error {
	if e.Details == nil {
		e.Details = map[string]string{}
	}
	e.Details[key] = value
	return e
}

// WithHint replaces the default hint key.
func (e *Error) WithHint(hint string) *Error {
	e.Hint = hint
	return e
}

// CodeOf returns the code of err once classified, or Internal.
func CodeOf(err error) Code {
	if err == nil {
		return ""
	}
	return Classify(err).Code
}

// hintFor gives each code a default "what you can do" key; codes with nothing to do have none.
func hintFor(code Code) string {
	switch code {
	case Internal:
		return "hint.report_bug"
	default:
		return "hint." + string(code)
	}
}

// ExitCode is the CLI's contract: 0 ok, 1 some files failed (decided by the caller),
// 2 bad usage or input, 3 credentials or permission, 4 network or endpoint unreachable.
func ExitCode(err error) int {
	if err == nil {
		return 0
	}
	switch Classify(err).Code {
	case InvalidInput, LocalPathUnsafe, S3BucketNotFound, S3ObjectNotFound:
		return 2
	case AuthBadKeyID, AuthBadSecret, AuthExpiredToken, AuthNoCredentials, S3AccessDenied,
		KeychainUnavailable, KeychainNotFound, KeychainTimeout, LocalPermission:
		return 3
	case NetUnreachable, NetTimeout, NetTLS, S3WrongRegion, S3ClockSkew:
		return 4
	}
	return 1
}

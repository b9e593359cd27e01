package apperr

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/url"
	"os"
	"syscall"
	"testing"
)

// Fakes with the SDK's behaviour: smithy.APIError's ErrorCode, ResponseError's HTTPStatusCode.
type fakeAPIError struct{ code string }

func (e fakeAPIError) Error() string     { return "api error " + e.code }
func (e fakeAPIError) ErrorCode() string { return e.code }

type fakeHTTPError struct {
	status int
	err    error
}

func (e fakeHTTPError) Error() string       { return fmt.Sprintf("status %d: %v", e.status, e.err) }
func (e fakeHTTPError) HTTPStatusCode() int { return e.status }
func (e fakeHTTPError) Unwrap() error       { return e.err }

// fakeReadTimeout is like the SDK's ResponseTimeoutError: Timeout without being a net.Error.
type fakeReadTimeout struct{}

func (fakeReadTimeout) Error() string { return "read on body reach timeout limit" }
func (fakeReadTimeout) Timeout() bool { return true }

func response(status int, code string) error {
	if code == "" {
		return fakeHTTPError{status: status, err: errors.New("no body")}
	}
	return fakeHTTPError{status: status, err: fakeAPIError{code}}
}

func TestClassifyMapsCausesToStableCodes(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want Code
	}{
		{"unknown key id", response(403, "InvalidAccessKeyId"), AuthBadKeyID},
		{"sts unknown key id", response(403, "InvalidClientTokenId"), AuthBadKeyID},
		{"wrong secret", response(403, "SignatureDoesNotMatch"), AuthBadSecret},
		{"expired session token", response(400, "ExpiredToken"), AuthExpiredToken},
		{"access denied with body", response(403, "AccessDenied"), S3AccessDenied},
		{"head 403 without body", response(403, ""), S3AccessDenied},
		{"head 403 named Forbidden", response(403, "Forbidden"), S3AccessDenied},
		{"missing bucket", response(404, "NoSuchBucket"), S3BucketNotFound},
		{"missing key", response(404, "NoSuchKey"), S3ObjectNotFound},
		{"head 404 without body", response(404, ""), S3ObjectNotFound},
		{"head 404 named NotFound", response(404, "NotFound"), S3ObjectNotFound},
		{"permanent redirect", response(301, "PermanentRedirect"), S3WrongRegion},
		{"head 301 without body", response(301, ""), S3WrongRegion},
		{"signed for the wrong region", response(400, "AuthorizationHeaderMalformed"), S3WrongRegion},
		{"pc clock wrong", response(403, "RequestTimeTooSkewed"), S3ClockSkew},
		{"slow down", response(503, "SlowDown"), S3Throttled},
		{"503 without body", response(503, ""), S3Throttled},
		{"archived object", response(403, "InvalidObjectState"), S3Archived},
		{"if-match failed", response(412, "PreconditionFailed"), S3ObjectChanged},
		{"range past the end", response(416, "InvalidRange"), S3ObjectChanged},
		{"server error", response(500, "InternalError"), S3ServerError},
		{"api code wins over status", response(404, "NoSuchBucket"), S3BucketNotFound},
		{"unknown api code falls back to status", response(403, "SomethingNew"), S3AccessDenied},
		{"cancelled", fmt.Errorf("get: %w", context.Canceled), Cancelled},
		{"cancelled beats the network error it caused", errors.Join(context.Canceled, &net.OpError{Op: "read", Err: syscall.ECONNRESET}), Cancelled},
		{"deadline", fmt.Errorf("list: %w", context.DeadlineExceeded), NetTimeout},
		{"sdk read timeout inside url.Error", &url.Error{Op: "Get", URL: "http://x", Err: fmt.Errorf("read: %w", fakeReadTimeout{})}, NetTimeout},
		{"os deadline", fmt.Errorf("read: %w", os.ErrDeadlineExceeded), NetTimeout},
		{"connection refused", &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}, NetUnreachable},
		{"dns", &net.DNSError{Err: "no such host", Name: "s3.example", IsNotFound: true}, NetUnreachable},
		{"reset", fmt.Errorf("read: %w", syscall.ECONNRESET), NetUnreachable},
		{"unknown certificate authority", &url.Error{Op: "Get", URL: "https://x", Err: x509.UnknownAuthorityError{}}, NetTLS},
		{"disk full", &fs.PathError{Op: "write", Path: "/v/a.mp4", Err: syscall.ENOSPC}, LocalDiskFull},
		{"folder not writable", &fs.PathError{Op: "open", Path: "/v", Err: syscall.EACCES}, LocalPermission},
		{"read-only disk", &fs.PathError{Op: "open", Path: "/v", Err: syscall.EROFS}, LocalPermission},
		{"checksum mismatch", errors.New("checksum did not match: algorithm CRC32, expect a, actual b"), VerifyFailed},
		{"no credentials in the chain", errors.New("failed to retrieve credentials: no EC2 IMDS role found"), AuthNoCredentials},
		{"anything else", errors.New("boom"), Internal},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Classify(tc.err)
			if got.Code != tc.want {
				t.Fatalf("Classify(%v).Code = %s, want %s", tc.err, got.Code, tc.want)
			}
			if !errors.Is(got, tc.err) && got.Err != tc.err {
				t.Fatalf("cause lost: %v", got.Err)
			}
			if got.Key != "error."+string(tc.want) {
				t.Fatalf("Key = %q", got.Key)
			}
		})
	}
}

func TestClassifyPassesAnAppErrorThroughUnchanged(t *testing.T) {
	orig := New(S3BucketNotFound).With("bucket", "cams")
	wrapped := fmt.Errorf("sync: %w", orig)
	if got := Classify(wrapped); got != orig {
		t.Fatalf("got %v, want the original error", got)
	}
	if Classify(nil) != nil {
		t.Fatal("Classify(nil) must be nil")
	}
}

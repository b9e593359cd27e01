package apperr

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io/fs"
	"net"
	"os"
	"strings"
	"syscall"
)

// The SDK's errors are matched by behaviour (these methods), not by type, so this package
// stays free of the SDK: smithy.APIError has ErrorCode, awshttp.ResponseError HTTPStatusCode.
type apiError interface{ ErrorCode() string }
type httpStatusError interface{ HTTPStatusCode() int }

// Classify maps any error onto the one shape. An *Error passes through unchanged; everything
// else is recognised by API error code, HTTP status, then OS and network causes.
func Classify(err error) *Error {
	if err == nil {
		return nil
	}
	var ae *Error
	if errors.As(err, &ae) {
		return ae
	}
	code := classifyCode(err)
	return Wrap(code, err)
}

func classifyCode(err error) Code {
	// Cancellation first: a cancelled request often also carries a network error.
	if errors.Is(err, context.Canceled) {
		return Cancelled
	}
	var api apiError
	if errors.As(err, &api) {
		if c, ok := apiCodes[api.ErrorCode()]; ok {
			return c
		}
	}
	var hs httpStatusError
	if errors.As(err, &hs) {
		if c, ok := statusCode(hs.HTTPStatusCode()); ok {
			return c
		}
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, os.ErrDeadlineExceeded) {
		return NetTimeout
	}
	if errors.Is(err, syscall.ENOSPC) {
		return LocalDiskFull
	}
	if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EACCES) || errors.Is(err, syscall.EROFS) {
		return LocalPermission
	}
	var unknownAuthority x509.UnknownAuthorityError
	var certInvalid x509.CertificateInvalidError
	var hostname x509.HostnameError
	var recordHeader tls.RecordHeaderError
	if errors.As(err, &unknownAuthority) || errors.As(err, &certInvalid) || errors.As(err, &hostname) || errors.As(err, &recordHeader) {
		return NetTLS
	}
	if isTimeout(err) {
		return NetTimeout
	}
	var dnsErr *net.DNSError
	var opErr *net.OpError
	if errors.As(err, &dnsErr) || errors.As(err, &opErr) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, syscall.ENETUNREACH) || errors.Is(err, syscall.EHOSTUNREACH) {
		return NetUnreachable
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "checksum did not match"):
		return VerifyFailed
	case strings.Contains(msg, "failed to retrieve credentials") || strings.Contains(msg, "no EC2 IMDS role found"):
		return AuthNoCredentials
	case strings.Contains(msg, "exceeded maximum number of attempts") && strings.Contains(msg, "connection"):
		return NetUnreachable
	}
	return Internal
}

// apiCodes: S3 and STS error codes as the services send them.
var apiCodes = map[string]Code{
	"InvalidAccessKeyId":                 AuthBadKeyID,
	"InvalidClientTokenId":               AuthBadKeyID,
	"SignatureDoesNotMatch":              AuthBadSecret,
	"IncompleteSignature":                AuthBadSecret,
	"ExpiredToken":                       AuthExpiredToken,
	"TokenRefreshRequired":               AuthExpiredToken,
	"InvalidToken":                       AuthExpiredToken,
	"AccessDenied":                       S3AccessDenied,
	"AllAccessDisabled":                  S3AccessDenied,
	"AccountProblem":                     S3AccessDenied,
	"Forbidden":                          S3AccessDenied,
	"NoSuchBucket":                       S3BucketNotFound,
	"NoSuchKey":                          S3ObjectNotFound,
	"NotFound":                           S3ObjectNotFound,
	"PermanentRedirect":                  S3WrongRegion,
	"AuthorizationHeaderMalformed":       S3WrongRegion,
	"IllegalLocationConstraintException": S3WrongRegion,
	"RequestTimeTooSkewed":               S3ClockSkew,
	"RequestExpired":                     S3ClockSkew,
	"SlowDown":                           S3Throttled,
	"Throttling":                         S3Throttled,
	"ThrottlingException":                S3Throttled,
	"RequestLimitExceeded":               S3Throttled,
	"TooManyRequests":                    S3Throttled,
	"InvalidObjectState":                 S3Archived,
	"InvalidRange":                       S3ObjectChanged,
	"PreconditionFailed":                 S3ObjectChanged,
	"InternalError":                      S3ServerError,
	"ServiceUnavailable":                 S3Throttled,
	"RequestTimeout":                     NetTimeout,
}

// statusCode covers responses without a body (HEAD's 403/404) and odd servers.
func statusCode(status int) (Code, bool) {
	switch status {
	case 301, 307:
		return S3WrongRegion, true
	case 403:
		return S3AccessDenied, true
	case 404:
		return S3ObjectNotFound, true
	case 412, 416:
		return S3ObjectChanged, true
	case 429, 503:
		return S3Throttled, true
	case 500, 502, 504:
		return S3ServerError, true
	}
	return "", false
}

// isTimeout finds a timeout anywhere in the chain. errors.As would stop at the first error
// with a Timeout method, but *url.Error answers only for its direct cause, and the SDK's
// read-timeout error has Timeout without being a net.Error.
func isTimeout(err error) bool {
	for err != nil {
		if t, ok := err.(interface{ Timeout() bool }); ok && t.Timeout() {
			return true
		}
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			err = u.Unwrap()
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				if isTimeout(e) {
					return true
				}
			}
			return false
		default:
			return false
		}
	}
	return false
}

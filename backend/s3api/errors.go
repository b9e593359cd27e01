package s3api

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"vpack-s3-sync/backend/apperr"
)

// Actions name what was attempted in an error's Details["action"]; the access-denied hint
// depends on it (hint.s3.access_denied.<action>), because each needs a different permission.
const (
	actionConnect     = "connect"
	actionIdentity    = "get_identity"
	actionListBuckets = "list_buckets"
	actionListBucket  = "list_bucket" // ListObjectsV2 and HeadBucket: both need s3:ListBucket
	actionGetObject   = "get_object"
	actionHeadObject  = "head_object"
	actionPresign     = "presign_get"
)

// deniedHints are the actions with their own access-denied hint in apperr's messages.
var deniedHints = map[string]string{
	actionListBuckets: "hint.s3.access_denied." + actionListBuckets,
	actionListBucket:  "hint.s3.access_denied." + actionListBucket,
	actionGetObject:   "hint.s3.access_denied." + actionGetObject,
	actionHeadObject:  "hint.s3.access_denied." + actionHeadObject,
}

// fail classifies err at this package's edge and names the action, bucket and key.
func fail(err error, action, bucket, key string) *apperr.Error {
	code := apperr.Classify(err).Code
	if code == apperr.S3ObjectNotFound && action == actionListBucket {
		// HeadBucket's bodiless 404 says "NotFound": here only the bucket can be missing.
		code = apperr.S3BucketNotFound
	}
	e := apperr.Wrap(code, fmt.Errorf("%s %s: %w", action, describe(bucket, key), err)).With("action", action)
	if bucket != "" {
		e.With("bucket", bucket)
	}
	if key != "" {
		e.With("key", key)
	}
	if region := regionFromError(err); region != "" {
		e.With("region", region)
	}
	if hint, ok := deniedHints[action]; ok && code == apperr.S3AccessDenied {
		e.WithHint(hint)
	}
	return e
}

func describe(bucket, key string) string {
	switch {
	case bucket == "":
		return "(all buckets)"
	case key == "":
		return bucket
	}
	return bucket + "/" + key
}

// expectingRegion finds the region in AuthorizationHeaderMalformed's message, for servers
// that do not send X-Amz-Bucket-Region: `the region "eu-west-1" is wrong; expecting "us-east-1"`.
var expectingRegion = regexp.MustCompile(`expecting ['"]([a-z0-9-]+)['"]`)

// regionFromError reads the region an error answer names: S3's X-Amz-Bucket-Region header
// (sent with a 301, and with a 400 or 403 from HeadBucket), else the message of a request
// signed for the wrong region.
func regionFromError(err error) string {
	var re *smithyhttp.ResponseError
	if errors.As(err, &re) && re.Response != nil && re.Response.Response != nil {
		if r := re.Response.Header.Get("X-Amz-Bucket-Region"); r != "" {
			return r
		}
	}
	var api smithy.APIError
	if errors.As(err, &api) && api.ErrorCode() == "AuthorizationHeaderMalformed" {
		if m := expectingRegion.FindStringSubmatch(api.ErrorMessage()); m != nil {
			return m[1]
		}
	}
	return ""
}

// httpStatus is the status of an error answer, 0 when there was none.
func httpStatus(err error) int {
	var re *smithyhttp.ResponseError
	if errors.As(err, &re) {
		return re.HTTPStatusCode()
	}
	return 0
}

// errServer reports a listing the server got wrong in a way that would silently lose data.
func errServer(action, bucket, prefix, what string) *apperr.Error {
	return apperr.Wrap(apperr.S3ServerError, errors.New(what)).
		With("action", action).With("bucket", bucket).With("prefix", prefix)
}

// classifiedBody turns read errors of a GET body (a stall, a reset, a cancel) into the one
// error shape; io.EOF passes through untouched.
type classifiedBody struct {
	io.ReadCloser
	bucket, key string
}

func (b *classifiedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err != nil && err != io.EOF {
		return n, fail(err, actionGetObject, b.bucket, b.key)
	}
	return n, err
}

func trimETag(etag string) string { return strings.Trim(etag, `"`) }

func quoteETag(etag string) string {
	if strings.HasPrefix(etag, `"`) || strings.HasPrefix(etag, "W/") {
		return etag
	}
	return `"` + etag + `"`
}

package s3api

import (
	"context"
	"errors"
	"io"
	"net/http"
	"testing"

	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"vpack-s3-sync/backend/apperr"
	"vpack-s3-sync/backend/s3test"
)

// Every failure a person can meet comes back as one classified error naming what was tried.
func TestFailuresAreClassifiedWithActionBucketKeyAndHint(t *testing.T) {
	srv := s3test.Start(t)
	srv.CreateBucket(t, "cams")
	srv.Put(t, "cams", "a.mp4", []byte("video"))
	srv.CreateUser(t, "viewer", "viewer-secret-123")
	root := rootClient(t, srv)
	wrongSecret := connectTo(t, srv.Endpoint, srv.AccessKey, "not-the-secret")
	unknownKey := connectTo(t, srv.Endpoint, "nobody", "whatever-secret")
	viewer := connectTo(t, srv.Endpoint, "viewer", "viewer-secret-123")

	level := func(c *Client, bucket string) func(context.Context) error {
		return func(ctx context.Context) error { _, err := c.Level(ctx, bucket, "", ""); return err }
	}
	get := func(c *Client, bucket, key string) func(context.Context) error {
		return func(ctx context.Context) error {
			body, _, err := c.GetRange(ctx, bucket, key, 0, -1, "")
			if body != nil {
				body.Close()
			}
			return err
		}
	}
	head := func(c *Client, bucket, key string) func(context.Context) error {
		return func(ctx context.Context) error { _, err := c.Head(ctx, bucket, key); return err }
	}
	tests := []struct {
		name     string
		call     func(context.Context) error
		code     apperr.Code
		details  map[string]string
		wantHint string
	}{
		{"wrong secret on a listing", level(wrongSecret, "cams"), apperr.AuthBadSecret,
			map[string]string{"action": "list_bucket", "bucket": "cams"}, "hint.auth.bad_secret"},
		{"wrong secret on identity", func(ctx context.Context) error { _, err := wrongSecret.Identity(ctx); return err },
			apperr.AuthBadSecret, map[string]string{"action": "list_buckets"}, "hint.auth.bad_secret"},
		{"unknown key id", level(unknownKey, "cams"), apperr.AuthBadKeyID,
			map[string]string{"action": "list_bucket", "bucket": "cams"}, "hint.auth.bad_key_id"},
		{"restricted user lists another's bucket", level(viewer, "cams"), apperr.S3AccessDenied,
			map[string]string{"action": "list_bucket", "bucket": "cams"}, "hint.s3.access_denied.list_bucket"},
		{"restricted user downloads", get(viewer, "cams", "a.mp4"), apperr.S3AccessDenied,
			map[string]string{"action": "get_object", "bucket": "cams", "key": "a.mp4"}, "hint.s3.access_denied.get_object"},
		{"restricted user HEADs: 403 without a body", head(viewer, "cams", "a.mp4"), apperr.S3AccessDenied,
			map[string]string{"action": "head_object", "bucket": "cams", "key": "a.mp4"}, "hint.s3.access_denied.head_object"},
		{"missing bucket", level(root, "no-such-bucket"), apperr.S3BucketNotFound,
			map[string]string{"action": "list_bucket", "bucket": "no-such-bucket"}, "hint.s3.bucket_not_found"},
		{"missing bucket's region: HeadBucket 404 without a body",
			func(ctx context.Context) error { _, err := root.BucketRegion(ctx, "no-such-bucket"); return err },
			apperr.S3BucketNotFound, map[string]string{"action": "list_bucket", "bucket": "no-such-bucket"}, "hint.s3.bucket_not_found"},
		{"missing key on GET", get(root, "cams", "gone.mp4"), apperr.S3ObjectNotFound,
			map[string]string{"action": "get_object", "bucket": "cams", "key": "gone.mp4"}, "hint.s3.object_not_found"},
		{"missing key on HEAD: 404 without a body", head(root, "cams", "gone.mp4"), apperr.S3ObjectNotFound,
			map[string]string{"action": "head_object", "bucket": "cams", "key": "gone.mp4"}, "hint.s3.object_not_found"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := wantAppErr(t, tc.call(testCtx(t)), tc.code, tc.details)
			if e.Hint != tc.wantHint {
				t.Fatalf("hint %q, want %q", e.Hint, tc.wantHint)
			}
		})
	}
}

func TestAnUnreachableEndpointIsANetworkError(t *testing.T) {
	srv := s3test.Start(t)
	c := rootClient(t, srv, func(c *Config) { c.MaxAttempts = 1 })
	srv.Stop()
	_, err := c.Buckets(testCtx(t))
	wantAppErr(t, err, apperr.NetUnreachable, map[string]string{"action": "list_buckets"})
}

func TestACancelledContextIsCancelledNotAFailure(t *testing.T) {
	srv := s3test.Start(t)
	srv.CreateBucket(t, "cams")
	c := rootClient(t, srv)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.Level(ctx, "cams", "", "")
	wantAppErr(t, err, apperr.Cancelled, map[string]string{"bucket": "cams"})
}

func TestBodyReadErrorsAreClassified(t *testing.T) {
	b := &classifiedBody{ReadCloser: io.NopCloser(errReader{context.Canceled}), bucket: "cams", key: "a.mp4"}
	_, err := b.Read(make([]byte, 8))
	wantAppErr(t, err, apperr.Cancelled, map[string]string{"action": "get_object", "key": "a.mp4"})
	b = &classifiedBody{ReadCloser: io.NopCloser(errReader{io.EOF})}
	if _, err := b.Read(make([]byte, 8)); err != io.EOF {
		t.Fatalf("EOF must pass through unchanged, got %v", err)
	}
}

type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }

func TestRegionFromError(t *testing.T) {
	withHeader := &smithyhttp.ResponseError{
		Response: &smithyhttp.Response{Response: &http.Response{StatusCode: 301, Header: http.Header{"X-Amz-Bucket-Region": {"eu-west-1"}}}},
		Err:      &smithy.GenericAPIError{Code: "PermanentRedirect"},
	}
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"header of a redirect", withHeader, "eu-west-1"},
		{"aws message, single quotes", &smithy.GenericAPIError{Code: "AuthorizationHeaderMalformed",
			Message: "The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'ap-southeast-1'"}, "ap-southeast-1"},
		{"versitygw message, double quotes", &smithy.GenericAPIError{Code: "AuthorizationHeaderMalformed",
			Message: `the region "eu-west-1" is wrong; expecting "us-east-1"`}, "us-east-1"},
		{"another error", &smithy.GenericAPIError{Code: "AccessDenied", Message: "expecting 'x'"}, ""},
		{"no answer at all", errors.New("dial tcp: refused"), ""},
	}
	for _, tc := range tests {
		if got := regionFromError(tc.err); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}

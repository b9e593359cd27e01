package s3api

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"vpack-s3-sync/backend/apperr"
	"vpack-s3-sync/backend/s3test"
)

func TestIdentityFallsBackToListBucketsWhenSTSIsAbsent(t *testing.T) {
	srv := s3test.Start(t)
	srv.CreateBucket(t, "cams")
	srv.CreateBucket(t, "backup")
	c := rootClient(t, srv)
	ctx, rc := counted(t)
	id, err := c.Identity(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if id.STS || id.ARN != "" || id.BucketCount != 2 {
		t.Fatalf("identity %+v", id)
	}
	// versitygw answers STS with 405: one probe (no retries of it), then one ListBuckets.
	wantCounts(t, rc, counts{other: 1, list: 1})

	buckets, err := c.Buckets(ctx)
	if err != nil || len(buckets) != 2 || buckets[0].Name != "backup" || buckets[1].Name != "cams" || buckets[0].Created.IsZero() {
		t.Fatalf("buckets %+v %v", buckets, err)
	}
}

func TestIsRootARN(t *testing.T) {
	tests := map[string]bool{
		"arn:aws:iam::123456789012:root":           true,
		"arn:aws:iam::123456789012:user/camera":    false,
		"arn:aws:sts::123456789012:assumed-role/r": false,
	}
	for arn, want := range tests {
		if got := isRootARN(arn); got != want {
			t.Errorf("isRootARN(%q) = %v", arn, got)
		}
	}
}

// denyListBuckets answers ListBuckets (GET / on a path-style endpoint) with AccessDenied, as
// AWS does for a key without s3:ListAllMyBuckets; everything else reaches versitygw.
func denyListBuckets(w http.ResponseWriter, r *http.Request) bool {
	if r.Method == http.MethodGet && r.URL.Path == "/" {
		s3Error(w, r, http.StatusForbidden, "AccessDenied", nil)
		return true
	}
	return false
}

func TestValidate(t *testing.T) {
	srv := s3test.Start(t)
	srv.CreateBucket(t, "cams")
	srv.CreateUser(t, "viewer", "viewer-secret-123")
	denied := interceptProxy(t, srv.Endpoint, denyListBuckets)

	tests := []struct {
		name      string
		endpoint  string
		access    string
		secret    string
		bucket    string
		want      Validation
		wantCode  apperr.Code
		wantHint  string
		wantCalls counts
	}{
		{name: "full access with a bucket", endpoint: srv.Endpoint, access: srv.AccessKey, secret: srv.SecretKey, bucket: "cams",
			want:      Validation{Identity: Identity{BucketCount: 1}, CanListBuckets: true, BucketOK: true},
			wantCalls: counts{other: 1, list: 2}},
		{name: "full access without a bucket", endpoint: srv.Endpoint, access: srv.AccessKey, secret: srv.SecretKey,
			want:      Validation{Identity: Identity{BucketCount: 1}, CanListBuckets: true},
			wantCalls: counts{other: 1, list: 1}},
		{name: "bucket listing denied: the named bucket decides", endpoint: denied, access: srv.AccessKey, secret: srv.SecretKey, bucket: "cams",
			want:      Validation{Identity: Identity{BucketCount: -1}, BucketOK: true, MissingPermission: "s3:ListAllMyBuckets"},
			wantCalls: counts{other: 1, list: 2}},
		{name: "bucket listing denied and no bucket named", endpoint: denied, access: srv.AccessKey, secret: srv.SecretKey,
			want:     Validation{Identity: Identity{BucketCount: -1}, MissingPermission: "s3:ListAllMyBuckets"},
			wantCode: apperr.S3AccessDenied, wantHint: "hint.s3.access_denied.list_buckets", wantCalls: counts{other: 1, list: 1}},
		{name: "named bucket not listable", endpoint: srv.Endpoint, access: "viewer", secret: "viewer-secret-123", bucket: "cams",
			want:     Validation{Identity: Identity{BucketCount: 0}, CanListBuckets: true, MissingPermission: "s3:ListBucket"},
			wantCode: apperr.S3AccessDenied, wantHint: "hint.s3.access_denied.list_bucket", wantCalls: counts{other: 1, list: 2}},
		{name: "named bucket missing", endpoint: srv.Endpoint, access: srv.AccessKey, secret: srv.SecretKey, bucket: "nope",
			want:     Validation{Identity: Identity{BucketCount: 1}, CanListBuckets: true},
			wantCode: apperr.S3BucketNotFound, wantCalls: counts{other: 1, list: 2}},
		{name: "wrong secret", endpoint: srv.Endpoint, access: srv.AccessKey, secret: "wrong", bucket: "cams",
			wantCode: apperr.AuthBadSecret, wantCalls: counts{other: 1, list: 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := connectTo(t, tc.endpoint, tc.access, tc.secret)
			ctx, rc := counted(t)
			got, err := c.Validate(ctx, tc.bucket)
			if tc.wantCode == "" && err != nil {
				t.Fatalf("unexpected error %v", err)
			}
			if tc.wantCode != "" {
				e := wantAppErr(t, err, tc.wantCode, nil)
				if tc.wantHint != "" && e.Hint != tc.wantHint {
					t.Fatalf("hint %q, want %q", e.Hint, tc.wantHint)
				}
			}
			if got != tc.want {
				t.Fatalf("validation %+v, want %+v", got, tc.want)
			}
			wantCounts(t, rc, tc.wantCalls)
		})
	}
}

func TestIdentityWhenOnlyListingBucketsIsDeniedIsAnError(t *testing.T) {
	srv := s3test.Start(t)
	c := connectTo(t, interceptProxy(t, srv.Endpoint, denyListBuckets), srv.AccessKey, srv.SecretKey)
	_, err := c.Identity(testCtx(t))
	e := wantAppErr(t, err, apperr.S3AccessDenied, map[string]string{"action": "list_buckets"})
	if e.Hint != "hint.s3.access_denied.list_buckets" {
		t.Fatalf("hint %q", e.Hint)
	}
}

// answerSTS answers GetCallerIdentity as AWS STS does, for a root user.
func answerSTS(w http.ResponseWriter, r *http.Request) bool {
	if r.Method != http.MethodPost || r.URL.Path != "/" {
		return false
	}
	body, _ := io.ReadAll(r.Body)
	if !strings.Contains(string(body), "Action=GetCallerIdentity") {
		return false
	}
	w.Header().Set("Content-Type", "text/xml")
	_, _ = w.Write([]byte(`<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">` +
		`<GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:root</Arn><UserId>123456789012</UserId>` +
		`<Account>123456789012</Account></GetCallerIdentityResult>` +
		`<ResponseMetadata><RequestId>T1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`))
	return true
}

func TestIdentityUsesSTSWhereItAnswers(t *testing.T) {
	srv := s3test.Start(t)
	srv.CreateBucket(t, "cams")
	tests := []struct {
		name      string
		intercept func(http.ResponseWriter, *http.Request) bool
		want      Identity
	}{
		{"sts and bucket listing", answerSTS,
			Identity{Account: "123456789012", ARN: "arn:aws:iam::123456789012:root", IsRoot: true, STS: true, BucketCount: 1}},
		{"sts proves the keys when bucket listing is denied",
			func(w http.ResponseWriter, r *http.Request) bool { return answerSTS(w, r) || denyListBuckets(w, r) },
			Identity{Account: "123456789012", ARN: "arn:aws:iam::123456789012:root", IsRoot: true, STS: true, BucketCount: -1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := connectTo(t, interceptProxy(t, srv.Endpoint, tc.intercept), srv.AccessKey, srv.SecretKey)
			id, err := c.Identity(testCtx(t))
			if err != nil || id != tc.want {
				t.Fatalf("identity %+v %v, want %+v", id, err, tc.want)
			}
		})
	}
}

package s3test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"
)

// The foundation's first proof: the SDK talks to a real SigV4-checking server.
func TestVersityGatewayChecksSignaturesAndPermissions(t *testing.T) {
	srv := Start(t)
	srv.CreateBucket(t, "cams")
	srv.Put(t, "cams", "camera1/2026/12/01/0800.mp4", []byte("video-bytes"))
	srv.PutMultipart(t, "cams", "camera1/big.mp4", make([]byte, 11<<20), 5<<20)

	ctx := context.Background()
	out, err := srv.SDK(t).ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: strPtr("cams")})
	if err != nil {
		t.Fatalf("list as root: %v", err)
	}
	if len(out.Contents) != 2 {
		t.Fatalf("listed %d objects, want 2", len(out.Contents))
	}

	tests := []struct {
		name, access, secret, wantCode string
	}{
		{"wrong secret", srv.AccessKey, "not-the-secret", "SignatureDoesNotMatch"},
		{"unknown key id", "nobody", "whatever", "InvalidAccessKeyId"},
		{"restricted user", "viewer", "viewer-secret-123", "AccessDenied"},
	}
	srv.CreateUser(t, "viewer", "viewer-secret-123")
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := NewSDKClient(srv.Endpoint, srv.Region, tc.access, tc.secret)
			_, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: strPtr("cams")})
			var api smithy.APIError
			if !errors.As(err, &api) || api.ErrorCode() != tc.wantCode {
				t.Fatalf("got %v, want API error %s", err, tc.wantCode)
			}
		})
	}
	if log := strings.Join(srv.Requests(t), "\n"); !strings.Contains(log, "cams") {
		t.Fatalf("access log shows no request for the bucket:\n%s", log)
	}
}

func TestToxiproxyForwardsToTheGateway(t *testing.T) {
	srv := Start(t)
	srv.CreateBucket(t, "cams")
	px := StartToxiproxy(t, srv)
	c := NewSDKClient(px.Endpoint, srv.Region, srv.AccessKey, srv.SecretKey)
	if _, err := c.ListObjectsV2(context.Background(), &s3.ListObjectsV2Input{Bucket: strPtr("cams")}); err != nil {
		t.Fatalf("list through proxy: %v", err)
	}
	px.AddToxic(t, "lag", "latency", "downstream", map[string]any{"latency": 10})
	px.RemoveToxic(t, "lag")
}

func strPtr(s string) *string { return &s }

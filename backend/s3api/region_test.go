package s3api

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"vpack-s3-sync/backend/apperr"
	"vpack-s3-sync/backend/s3test"
)

// versitygw runs in us-east-1 and refuses requests signed for another region with
// AuthorizationHeaderMalformed (GET) or a bodiless 400 (HEAD), as a single-region store does.
func TestAWrongRegionIsLearnedAndRetriedTransparently(t *testing.T) {
	srv := s3test.Start(t)
	srv.CreateBucket(t, "cams")
	srv.CreateBucket(t, "backup")
	srv.Put(t, "cams", "a.mp4", []byte("video"))
	srv.Put(t, "backup", "b.mp4", []byte("video"))
	c := rootClient(t, srv, func(c *Config) { c.Region = "eu-west-1" })

	t.Run("a listing retries in the region the error names, once", func(t *testing.T) {
		ctx, rc := counted(t)
		lv, err := c.Level(ctx, "cams", "", "")
		if err != nil || len(lv.Files) != 1 {
			t.Fatalf("level %+v %v", lv, err)
		}
		wantCounts(t, rc, counts{list: 2})
		if _, err := c.Level(ctx, "cams", "", ""); err != nil {
			t.Fatal(err)
		}
		wantCounts(t, rc, counts{list: 3}) // remembered: no second detour
		if r, err := c.BucketRegion(ctx, "cams"); err != nil || r != "us-east-1" {
			t.Fatalf("region %q %v", r, err)
		}
		wantCounts(t, rc, counts{list: 3})
	})

	t.Run("a bodiless HEAD 400 makes it ask for the region", func(t *testing.T) {
		ctx, rc := counted(t)
		info, err := c.Head(ctx, "backup", "b.mp4")
		if err != nil || info.Size != 5 {
			t.Fatalf("head %+v %v", info, err)
		}
		// HeadObject 400 → HeadBucket 400 → a one-key listing names the region → HeadObject.
		wantCounts(t, rc, counts{head: 3, list: 1})
	})

	t.Run("listing buckets follows the region named in the error", func(t *testing.T) {
		ctx, rc := counted(t)
		buckets, err := c.Buckets(ctx)
		if err != nil || len(buckets) != 2 {
			t.Fatalf("buckets %+v %v", buckets, err)
		}
		wantCounts(t, rc, counts{list: 2})
	})

	t.Run("the client's default region stays as configured", func(t *testing.T) {
		if c.Region() != "eu-west-1" || c.Endpoint() != srv.Endpoint {
			t.Fatalf("region %q endpoint %q", c.Region(), c.Endpoint())
		}
	})
}

// redirectUnlessSignedFor answers like AWS S3 for a bucket in region: a request signed for
// another region gets 301 PermanentRedirect with X-Amz-Bucket-Region (HEAD: no body).
func redirectUnlessSignedFor(region string) func(http.ResponseWriter, *http.Request) bool {
	return func(w http.ResponseWriter, r *http.Request) bool {
		if strings.Contains(r.Header.Get("Authorization"), "/"+region+"/s3/aws4_request") {
			return false
		}
		s3Error(w, r, http.StatusMovedPermanently, "PermanentRedirect", map[string]string{"X-Amz-Bucket-Region": region})
		return true
	}
}

func TestAnAWSStyleRedirectIsFollowedToTheBucketsRegion(t *testing.T) {
	srv := s3test.Start(t)
	srv.CreateBucket(t, "cams")
	srv.Put(t, "cams", "a.mp4", []byte("video"))
	endpoint := interceptProxy(t, srv.Endpoint, redirectUnlessSignedFor(srv.Region))

	tests := []struct {
		name  string
		call  func(ctx context.Context, c *Client) error
		wants counts
	}{
		{"GET", func(ctx context.Context, c *Client) error {
			body, _, err := c.GetRange(ctx, "cams", "a.mp4", 0, -1, "")
			if err == nil {
				body.Close()
			}
			return err
		}, counts{get: 2}},
		{"HEAD without a body", func(ctx context.Context, c *Client) error {
			_, err := c.Head(ctx, "cams", "a.mp4")
			return err
		}, counts{head: 2}},
		{"bucket region from HeadBucket's 301", func(ctx context.Context, c *Client) error {
			r, err := c.BucketRegion(ctx, "cams")
			if err == nil && r != srv.Region {
				t.Fatalf("region %q", r)
			}
			return err
		}, counts{head: 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := connectTo(t, endpoint, srv.AccessKey, srv.SecretKey, func(c *Config) { c.Region = "ap-southeast-1" })
			ctx, rc := counted(t)
			if err := tc.call(ctx, c); err != nil {
				t.Fatal(err)
			}
			wantCounts(t, rc, tc.wants)
		})
	}
}

func TestARedirectWithoutARegionStaysAWrongRegionError(t *testing.T) {
	srv := s3test.Start(t)
	srv.CreateBucket(t, "cams")
	endpoint := interceptProxy(t, srv.Endpoint, func(w http.ResponseWriter, r *http.Request) bool {
		s3Error(w, r, http.StatusMovedPermanently, "PermanentRedirect", nil)
		return true
	})
	c := connectTo(t, endpoint, srv.AccessKey, srv.SecretKey)
	_, err := c.Level(testCtx(t), "cams", "", "")
	wantAppErr(t, err, apperr.S3WrongRegion, map[string]string{"action": "list_bucket", "bucket": "cams"})
}

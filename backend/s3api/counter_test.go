package s3api

import (
	"context"
	"testing"

	"vpack-s3-sync/backend/s3test"
)

func TestRequestCounterCountsEachRequestByKindPerContext(t *testing.T) {
	srv := s3test.Start(t)
	srv.CreateBucket(t, "cams")
	srv.Put(t, "cams", "a.mp4", []byte("video"))
	c := rootClient(t, srv)

	steps := []struct {
		name string
		call func(ctx context.Context) error
		want counts // running totals
	}{
		{"ListBuckets is a list", func(ctx context.Context) error { _, err := c.Buckets(ctx); return err }, counts{list: 1}},
		{"ListObjectsV2 is a list", func(ctx context.Context) error { _, err := c.Level(ctx, "cams", "", ""); return err }, counts{list: 2}},
		{"HeadObject is a head", func(ctx context.Context) error { _, err := c.Head(ctx, "cams", "a.mp4"); return err }, counts{list: 2, head: 1}},
		{"GetObject is a get", func(ctx context.Context) error {
			body, _, err := c.GetRange(ctx, "cams", "a.mp4", 0, -1, "")
			if err == nil {
				body.Close()
			}
			return err
		}, counts{list: 2, head: 1, get: 1}},
		{"HeadBucket is a head", func(ctx context.Context) error { _, err := c.BucketRegion(ctx, "cams"); return err }, counts{list: 2, head: 2, get: 1}},
		{"a known region costs nothing", func(ctx context.Context) error { _, err := c.BucketRegion(ctx, "cams"); return err }, counts{list: 2, head: 2, get: 1}},
		{"STS is other", func(ctx context.Context) error { _, err := c.callerIdentity(ctx); return err }, counts{list: 2, head: 2, get: 1, other: 1}},
		{"a failed request counts too", func(ctx context.Context) error {
			_, err := c.Head(ctx, "cams", "missing.mp4")
			if err == nil {
				t.Fatal("HEAD of a missing key succeeded")
			}
			return nil
		}, counts{list: 2, head: 3, get: 1, other: 1}},
	}
	ctx, rc := counted(t)
	for _, s := range steps {
		if err := s.call(ctx); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if got := rc.snapshot(); got != s.want {
			t.Fatalf("after %q: %+v, want %+v", s.name, got, s.want)
		}
	}
	if rc.Total() != 7 {
		t.Fatalf("total %d", rc.Total())
	}

	other := &RequestCounter{}
	if _, err := c.Buckets(WithRequestCounter(testCtx(t), other)); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Buckets(testCtx(t)); err != nil { // no counter: not counted anywhere
		t.Fatal(err)
	}
	wantCounts(t, other, counts{list: 1})
	wantCounts(t, rc, counts{list: 2, head: 3, get: 1, other: 1})
}

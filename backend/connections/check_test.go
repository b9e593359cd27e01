package connections

import (
	"context"
	"testing"
	"time"

	"vpack-s3-sync/backend/apperr"
	"vpack-s3-sync/backend/store"
)

func TestCheckValidatesWithoutSavingAnything(t *testing.T) {
	tests := []struct {
		name     string
		in       AddInput
		wantCode apperr.Code
	}{
		{"good keys", AddInput{AccessKeyID: "AKID", SecretAccessKey: "good"}, ""},
		{"rejected keys", AddInput{AccessKeyID: "AKID", SecretAccessKey: "bad"}, apperr.AuthBadSecret},
		{"missing secret", AddInput{AccessKeyID: "AKID"}, apperr.InvalidInput},
		{"bucket the key cannot list", AddInput{AccessKeyID: "AKID", SecretAccessKey: "good", Bucket: "denied"}, apperr.S3AccessDenied},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, "good")
			_, err := f.svc.Check(context.Background(), tc.in)
			if codeOf(err) != tc.wantCode {
				t.Fatalf("err = %v, want %q", err, tc.wantCode)
			}
			if n := len(f.connections(t)); n != 0 {
				t.Fatalf("Check saved %d connections", n)
			}
			if f.sec.sets != 0 {
				t.Fatal("Check wrote to the keychain")
			}
		})
	}
}

func TestKeySetAtFollowsAddAndRotate(t *testing.T) {
	f := newFixture(t, "good", "newer")
	ctx := context.Background()
	c, _, err := f.svc.Add(ctx, AddInput{Name: "shop", AccessKeyID: "AKID", SecretAccessKey: "good"})
	if err != nil {
		t.Fatal(err)
	}
	if since := time.Since(f.svc.KeySetAt(ctx, c)); since < 0 || since > time.Minute {
		t.Fatalf("key set %v ago after Add", since)
	}
	// Pretend the key is old, then rotate: the age starts again.
	if err := f.st.SetSetting(ctx, keySetAtSetting(c.ID), "1000"); err != nil {
		t.Fatal(err)
	}
	if got := f.svc.KeySetAt(ctx, c); got.Year() != 1970 {
		t.Fatalf("KeySetAt = %v, want the stored 1970 time", got)
	}
	if _, _, err := f.svc.RotateKey(ctx, c.ID, RotateInput{AccessKeyID: "AKID2", SecretAccessKey: "newer"}); err != nil {
		t.Fatal(err)
	}
	if since := time.Since(f.svc.KeySetAt(ctx, c)); since > time.Minute {
		t.Fatalf("after rotation the key is %v old", since)
	}
	old := store.Connection{ID: 999, CreatedAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	if got := f.svc.KeySetAt(ctx, old); !got.Equal(old.CreatedAt) {
		t.Fatalf("without a record KeySetAt = %v, want the creation time", got)
	}
}

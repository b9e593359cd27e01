package demo

import (
	"context"
	"path/filepath"
	"testing"

	"vpack-s3-sync/backend/connections"
	"vpack-s3-sync/backend/secrets/secretstest"
	"vpack-s3-sync/backend/store"
)

func TestEnsureConnectionAddsThenFollowsTheServerAcrossRestarts(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(filepath.Join(t.TempDir(), "db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sec := secretstest.New()
	svc := connections.New(st, sec, connections.S3)

	first, err := Start(ctx)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := EnsureConnection(ctx, svc, st, first)
	if err != nil {
		t.Fatal(err)
	}
	if conn.Name != ConnectionName || conn.Endpoint != first.Endpoint || !conn.PathStyle {
		t.Fatalf("added %+v", conn)
	}
	first.Close()

	second, err := Start(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	_ = sec.Delete(ctx, conn.ID) // a keychain reset between runs
	again, err := EnsureConnection(ctx, svc, st, second)
	if err != nil {
		t.Fatal(err)
	}
	if again.ID != conn.ID || again.Endpoint != second.Endpoint {
		t.Fatalf("after restart %+v, want id %d at %s", again, conn.ID, second.Endpoint)
	}
	client, err := svc.ClientFor(ctx, again.ID)
	if err != nil {
		t.Fatal(err)
	}
	lv, err := client.LevelAll(ctx, Bucket, "")
	if err != nil || len(lv.Folders) != 4 {
		t.Fatalf("listing the demo bucket through the saved connection: %+v %v", lv, err)
	}
}

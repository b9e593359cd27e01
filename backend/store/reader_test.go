package store

import (
	"context"
	"path/filepath"
	"testing"

	"vpack-s3-sync/backend/apperr"
)

func TestReaderSeesTheOwnersWritesAndCannotWrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "app.db")
	owner, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer owner.Close()
	ctx := context.Background()
	src := seedSource(t, owner, "cams")

	reader, err := OpenReader(path)
	if err != nil {
		t.Fatalf("reader beside the owner: %v", err)
	}
	defer reader.Close()
	if err := owner.RecordDownloads(ctx, []DownloadedFile{{SourceID: src.ID, Key: "a.mp4", ETag: "e", Size: 1}}); err != nil {
		t.Fatal(err)
	}
	page, err := reader.HistoryPage(ctx, HistoryQuery{SourceID: src.ID, Limit: 10})
	if err != nil || page.Total != 1 {
		t.Fatalf("reader history = %+v, %v", page, err)
	}
	if err := reader.SetSetting(ctx, "k", "v"); err == nil {
		t.Fatal("a reader wrote to the database")
	}
	if _, err := OpenReader(filepath.Join(t.TempDir(), "missing.db")); apperr.CodeOf(err) != apperr.StoreNotFound {
		t.Fatalf("missing database: %v", err)
	}
}

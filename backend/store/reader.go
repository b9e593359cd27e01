package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/glebarez/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"vpack-s3-sync/backend/apperr"
)

// OpenReader opens an existing database for reading only, beside the process that holds it:
// the CLI's `history` and `sources` while the desktop app runs, and tests watching a running
// app. It takes no lock and never migrates; SQLite refuses every write (query_only), and WAL
// lets it read while the owner writes.
func OpenReader(path string) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, openError(abs, err)
	}
	if _, err := os.Stat(abs); err != nil {
		return nil, apperr.Wrap(apperr.StoreNotFound, fmt.Errorf("open %s: %w", abs, err)).With("path", abs)
	}
	dsn := "file:" + uriPath(abs) + "?_pragma=busy_timeout(5000)&_pragma=query_only(1)"
	db, err := gorm.Open(sqlite.Open(dsn), &gorm.Config{Logger: logger.Discard, SkipDefaultTransaction: true, TranslateError: true})
	if err != nil {
		return nil, openError(abs, err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, openError(abs, err)
	}
	s := &Store{db: db, sql: sqlDB, path: abs}
	v, err := currentVersion(context.Background(), sqlDB)
	if err != nil {
		sqlDB.Close()
		return nil, openError(abs, err)
	}
	if v != SchemaVersion() {
		sqlDB.Close()
		return nil, apperr.New(apperr.StoreFailed).With("path", abs).With("schema", fmt.Sprint(v)).WithHint("hint.store.newer_schema")
	}
	return s, nil
}

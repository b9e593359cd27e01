package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"vpack-s3-sync/backend/apperr"
)

// migration is one step of the schema. Released steps are never edited: a change is a new step.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations in order; the last one's version is the schema this code reads and writes.
var migrations = []migration{
	{1, "initial schema", `
CREATE TABLE connections (
	id                INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: keychain entries are keyed by it
	name              TEXT    NOT NULL UNIQUE,
	endpoint          TEXT    NOT NULL DEFAULT '',
	region            TEXT    NOT NULL DEFAULT '',
	path_style        INTEGER NOT NULL DEFAULT 0,
	access_key_id     TEXT    NOT NULL,
	account_id        TEXT    NOT NULL DEFAULT '',
	arn               TEXT    NOT NULL DEFAULT '',
	last_validated_at INTEGER NOT NULL DEFAULT 0,
	created_at        INTEGER NOT NULL
);
CREATE TABLE sources (
	id               INTEGER PRIMARY KEY AUTOINCREMENT,
	connection_id    INTEGER NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
	name             TEXT    NOT NULL DEFAULT '',
	bucket           TEXT    NOT NULL,
	prefix           TEXT    NOT NULL DEFAULT '',
	local_dir        TEXT    NOT NULL,
	extensions       TEXT    NOT NULL DEFAULT '',
	since_days       INTEGER NOT NULL DEFAULT 0,
	interval_minutes INTEGER NOT NULL DEFAULT 0,
	enabled          INTEGER NOT NULL DEFAULT 1,
	paused           INTEGER NOT NULL DEFAULT 0,
	last_run_id      INTEGER NOT NULL DEFAULT 0,
	last_run_at      INTEGER NOT NULL DEFAULT 0,
	created_at       INTEGER NOT NULL
);
CREATE INDEX idx_sources_connection ON sources(connection_id);
CREATE TABLE downloaded_files (
	id            INTEGER PRIMARY KEY,
	source_id     INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
	key           TEXT    NOT NULL COLLATE BINARY,
	etag          TEXT    NOT NULL DEFAULT '',
	size          INTEGER NOT NULL DEFAULT 0,
	last_modified INTEGER NOT NULL DEFAULT 0,
	local_path    TEXT    NOT NULL DEFAULT '',
	downloaded_at INTEGER NOT NULL
);
-- Unique per source and the index the key-order walk of a source's history reads.
CREATE UNIQUE INDEX idx_downloaded_files_source_key ON downloaded_files(source_id, key COLLATE BINARY);
CREATE TABLE sync_runs (
	id             INTEGER PRIMARY KEY AUTOINCREMENT,
	source_id      INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
	triggered_by   TEXT    NOT NULL DEFAULT '',
	status         TEXT    NOT NULL,
	started_at     INTEGER NOT NULL,
	finished_at    INTEGER NOT NULL DEFAULT 0,
	listed         INTEGER NOT NULL DEFAULT 0,
	matched        INTEGER NOT NULL DEFAULT 0,
	downloaded     INTEGER NOT NULL DEFAULT 0,
	skipped        INTEGER NOT NULL DEFAULT 0,
	failed         INTEGER NOT NULL DEFAULT 0,
	bytes          INTEGER NOT NULL DEFAULT 0,
	requests_list  INTEGER NOT NULL DEFAULT 0,
	requests_get   INTEGER NOT NULL DEFAULT 0,
	requests_head  INTEGER NOT NULL DEFAULT 0,
	requests_other INTEGER NOT NULL DEFAULT 0,
	error_summary  TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX idx_sync_runs_source_started ON sync_runs(source_id, started_at);
CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);`},
	{2, "count archived objects per run; index history by download time", `
ALTER TABLE sync_runs ADD COLUMN archived INTEGER NOT NULL DEFAULT 0;
CREATE INDEX idx_downloaded_files_source_downloaded ON downloaded_files(source_id, downloaded_at);`},
}

// SchemaVersion is the schema version this code reads and writes.
func SchemaVersion() int { return migrations[len(migrations)-1].version }

const createSchemaVersion = `CREATE TABLE IF NOT EXISTS schema_version (
	version    INTEGER PRIMARY KEY,
	name       TEXT    NOT NULL,
	applied_at INTEGER NOT NULL
)`

// migrate brings db up to version target, each step in its own transaction with its row in
// schema_version. A database newer than this code is refused rather than misread.
func migrate(ctx context.Context, db *sql.DB, target int) error {
	if _, err := db.ExecContext(ctx, createSchemaVersion); err != nil {
		return fmt.Errorf("create schema_version: %w", err)
	}
	current, err := currentVersion(ctx, db)
	if err != nil {
		return err
	}
	if current > SchemaVersion() {
		return apperr.New(apperr.StoreFailed).WithHint("hint.store.newer_schema").
			With("schema_version", fmt.Sprint(current)).With("supported_version", fmt.Sprint(SchemaVersion()))
	}
	for _, m := range migrations {
		if m.version <= current || m.version > target {
			continue
		}
		if err := apply(ctx, db, m); err != nil {
			return err
		}
	}
	return nil
}

func currentVersion(ctx context.Context, db *sql.DB) (int, error) {
	var v sql.NullInt64
	if err := db.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_version`).Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return int(v.Int64), nil
}

func apply(ctx context.Context, db *sql.DB, m migration) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migration %d: %w", m.version, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("migration %d (%s): %w", m.version, m.name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version(version, name, applied_at) VALUES (?, ?, ?)`,
		m.version, m.name, time.Now().UnixMilli()); err != nil {
		return fmt.Errorf("migration %d: record version: %w", m.version, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migration %d: commit: %w", m.version, err)
	}
	return nil
}

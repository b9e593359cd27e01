// Package store is the app's SQLite database through GORM (pure Go driver): connections
// (never their secrets), sources, the history of downloaded files, sync runs and settings.
// It owns the schema and its versioned migrations, opens the file once per process, and gives
// the sync a key-ordered stream of a source's history. It knows nothing of S3 or the keychain.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/glebarez/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"vpack-s3-sync/backend/apperr"
	"vpack-s3-sync/backend/platform"
)

// Store is an open database. Its methods are safe for concurrent use.
type Store struct {
	db   *gorm.DB
	sql  *sql.DB
	lock *os.File
	path string
}

// DefaultPath is the database file in the app's data folder (platform.DBPath).
func DefaultPath() (string, error) { return platform.DBPath() }

// DSN is the driver's connection string for path: WAL (readers never wait for the writer, a
// crash loses at most the last unsynced commits), a 5 s busy wait, NORMAL sync (safe with WAL),
// foreign keys on, and BEGIN IMMEDIATE for transactions so a read-then-write transaction takes
// the write lock up front instead of failing with "database is locked" when it upgrades.
// _time_format must not be added: the driver stops reading parameters after it.
func DSN(path string) string {
	return "file:" + uriPath(path) +
		"?_pragma=journal_mode(WAL)&_pragma=busy_timeout(5000)&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(1)&_txlock=immediate"
}

// uriPath escapes the characters that end or change an SQLite URI path; Windows paths become
// C:/dir/file, which SQLite accepts.
func uriPath(path string) string {
	p := filepath.ToSlash(path)
	return strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(p)
}

// Open opens (creating when missing) the database at path, migrates it to SchemaVersion and
// takes the single-instance lock (path + ".lock"). A second Open of the same file while the
// first is open, in this process or another, fails with apperr.StoreConflict.
func Open(path string) (*Store, error) {
	return openAt(context.Background(), path, SchemaVersion())
}

// openAt migrates only up to version target: tests use it to make a database of an older schema.
func openAt(ctx context.Context, path string, target int) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, openError(abs, err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return nil, apperr.Classify(fmt.Errorf("create database folder: %w", err)).With("path", filepath.Dir(abs))
	}
	lock, err := lockFile(abs + ".lock")
	if err != nil {
		var locked errLocked
		if errors.As(err, &locked) {
			e := apperr.Wrap(apperr.StoreConflict, err).With("path", abs).WithHint("hint.store.in_use")
			e.Key = "error.store.in_use"
			if locked.holder != "" {
				e.With("pid", locked.holder)
			}
			return nil, e
		}
		return nil, openError(abs, err)
	}
	s, err := openLocked(ctx, abs, target)
	if err != nil {
		lock.Close()
		return nil, err
	}
	s.lock = lock
	return s, nil
}

func openLocked(ctx context.Context, path string, target int) (*Store, error) {
	db, err := gorm.Open(sqlite.Open(DSN(path)), &gorm.Config{
		Logger:                 logger.Discard,
		SkipDefaultTransaction: true, // single statements are atomic; saves a BEGIN/COMMIT each
		TranslateError:         true,
		NowFunc:                func() time.Time { return time.Now().UTC() },
	})
	if err != nil {
		return nil, openError(path, err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, openError(path, err)
	}
	s := &Store{db: db, sql: sqlDB, path: path}
	if err := s.check(ctx); err != nil {
		sqlDB.Close()
		return nil, err
	}
	if err := migrate(ctx, sqlDB, target); err != nil {
		sqlDB.Close()
		var ae *apperr.Error
		if errors.As(err, &ae) {
			return nil, ae.With("path", path)
		}
		return nil, openError(path, err)
	}
	if target >= 1 {
		if err := s.interruptStaleRuns(ctx); err != nil {
			sqlDB.Close()
			return nil, openError(path, err)
		}
	}
	return s, nil
}

// check proves the file is an SQLite database in WAL mode (a non-database file fails here).
func (s *Store) check(ctx context.Context) error {
	var mode string
	if err := s.sql.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		return openError(s.path, err)
	}
	if !strings.EqualFold(mode, "wal") {
		return openError(s.path, fmt.Errorf("journal mode is %q, want wal", mode))
	}
	return nil
}

// interruptStaleRuns closes runs left "running" by a process that ended without finishing
// them; the single-instance lock guarantees no live process is running them.
func (s *Store) interruptStaleRuns(ctx context.Context) error {
	_, err := s.sql.ExecContext(ctx,
		`UPDATE sync_runs SET status = ?, finished_at = ? WHERE status = ?`,
		RunInterrupted, time.Now().UnixMilli(), RunRunning)
	return err
}

func openError(path string, err error) *apperr.Error {
	return apperr.Wrap(apperr.StoreFailed, fmt.Errorf("open database: %w", err)).With("path", path)
}

// Path is the database file's absolute path.
func (s *Store) Path() string { return s.path }

// Close closes the database and releases the single-instance lock. The lock file stays: removing
// it would let a third process lock a new file while a second still holds the old one.
func (s *Store) Close() error {
	err := s.sql.Close()
	if s.lock != nil {
		if cerr := s.lock.Close(); err == nil {
			err = cerr
		}
		s.lock = nil
	}
	if err != nil {
		return apperr.Wrap(apperr.StoreFailed, fmt.Errorf("close database: %w", err))
	}
	return nil
}

// fail classifies a database error at the store's edge. what/id describe the row for
// not-found and conflict errors.
func fail(err error, action, what string, id int64) error {
	if err == nil {
		return nil
	}
	var ae *apperr.Error
	switch {
	case errors.As(err, &ae):
		return ae
	case errors.Is(err, context.Canceled):
		return apperr.Wrap(apperr.Cancelled, err)
	case errors.Is(err, gorm.ErrRecordNotFound), errors.Is(err, sql.ErrNoRows):
		return notFound(what, id)
	case errors.Is(err, gorm.ErrForeignKeyViolated):
		return apperr.Wrap(apperr.StoreNotFound, fmt.Errorf("%s %s: %w", action, what, err)).
			With("what", "parent of "+what).With("action", action)
	}
	e := apperr.Wrap(apperr.StoreFailed, fmt.Errorf("%s %s: %w", action, what, err)).With("action", action+" "+what)
	if id != 0 {
		e.With("id", fmt.Sprint(id))
	}
	return e
}

func notFound(what string, id int64) *apperr.Error {
	e := apperr.New(apperr.StoreNotFound).With("what", what)
	if id != 0 {
		e.With("id", fmt.Sprint(id))
	}
	return e
}

// nameTaken is the error for a second connection with the same name.
func nameTaken(name string) *apperr.Error {
	e := apperr.New(apperr.InvalidInput).With("field", "name").With("name", name)
	e.Key = "error.input.name_taken"
	return e
}

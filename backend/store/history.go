package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"vpack-s3-sync/backend/apperr"
)

// The sync's hot paths (record, iterate) use database/sql directly: a prepared statement in
// one transaction is about ten times faster than GORM's per-row upsert, and rows.Next streams
// a history of any size in constant memory.

const upsertDownload = `INSERT INTO downloaded_files
	(source_id, key, etag, size, last_modified, local_path, downloaded_at)
	VALUES (?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT(source_id, key) DO UPDATE SET
		etag = excluded.etag, size = excluded.size, last_modified = excluded.last_modified,
		local_path = excluded.local_path, downloaded_at = excluded.downloaded_at`

// RecordDownloads saves files (new keys inserted, known keys updated) in one transaction with
// one prepared statement: all or none. DownloadedAt defaults to now. The write lock is held for
// the whole batch, so callers flush in batches of hundreds to thousands, not one huge batch
// while other writers wait (they wait up to the 5 s busy timeout).
func (s *Store) RecordDownloads(ctx context.Context, files []DownloadedFile) error {
	if len(files) == 0 {
		return nil
	}
	// A busy database after the 5 s busy timeout means other writers held it all that time (a
	// loaded PC, several sources recording at once): the batch is all-or-nothing, so trying it
	// again is safe, and better than losing the record of files already on disk.
	var err error
	for attempt := 0; attempt < busyRetries; attempt++ {
		if err = s.recordOnce(ctx, files); !isBusy(err) || ctx.Err() != nil {
			return err
		}
	}
	return err
}

// busyRetries bounds RecordDownloads' attempts when the database stays busy.
const busyRetries = 4

func isBusy(err error) bool {
	return err != nil && (strings.Contains(err.Error(), "SQLITE_BUSY") || strings.Contains(err.Error(), "database is locked"))
}

func (s *Store) recordOnce(ctx context.Context, files []DownloadedFile) error {
	now := time.Now().UnixMilli()
	tx, err := s.sql.BeginTx(ctx, nil)
	if err != nil {
		return fail(err, "record", "downloads", 0)
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, upsertDownload)
	if err != nil {
		return fail(err, "record", "downloads", 0)
	}
	defer stmt.Close()
	for _, f := range files {
		if f.SourceID == 0 || f.Key == "" {
			return apperr.New(apperr.InvalidInput).With("field", "source_id/key")
		}
		at := UnixMs(f.DownloadedAt)
		if at == 0 {
			at = now
		}
		if _, err := stmt.ExecContext(ctx, f.SourceID, f.Key, f.ETag, f.Size,
			UnixMs(f.LastModified), f.LocalPath, at); err != nil {
			return fail(fmt.Errorf("key %q: %w", f.Key, err), "record", "downloads", f.SourceID)
		}
	}
	return fail(tx.Commit(), "record", "downloads", 0)
}

const historyColumns = `id, source_id, key, etag, size, last_modified, local_path, downloaded_at`

// IterateHistory calls fn for each downloaded file of source sourceID in key order (bytewise,
// the order S3 lists keys in), reading row by row from the (source_id, key) index. An error
// from fn stops the walk and is returned as is. fn may call other Store methods (they use
// other connections); the walk reads one consistent snapshot.
func (s *Store) IterateHistory(ctx context.Context, sourceID int64, fn func(DownloadedFile) error) error {
	rows, err := s.sql.QueryContext(ctx,
		`SELECT `+historyColumns+` FROM downloaded_files WHERE source_id = ? ORDER BY key`, sourceID)
	if err != nil {
		return fail(err, "iterate", "history", sourceID)
	}
	defer rows.Close()
	for rows.Next() {
		f, err := scanFile(rows)
		if err != nil {
			return fail(err, "iterate", "history", sourceID)
		}
		if err := fn(f); err != nil {
			return err
		}
	}
	return fail(rows.Err(), "iterate", "history", sourceID)
}

type scanner interface{ Scan(dest ...any) error }

func scanFile(r scanner) (DownloadedFile, error) {
	var f DownloadedFile
	var modified, downloaded int64
	err := r.Scan(&f.ID, &f.SourceID, &f.Key, &f.ETag, &f.Size, &modified, &f.LocalPath, &downloaded)
	f.LastModified, f.DownloadedAt = FromUnixMs(modified), FromUnixMs(downloaded)
	return f, err
}

// HistoryQuery selects a page of history for the UI and the CLI.
type HistoryQuery struct {
	SourceID int64  // 0 = every source
	Search   string // substring of the key, case-insensitive for ASCII; "" = any
	FromMs   int64  // downloaded at or after (Unix ms); 0 = no lower bound
	ToMs     int64  // downloaded before (Unix ms); 0 = no upper bound
	Limit    int    // 1..1000; 0 = 100
	Offset   int
}

// HistoryPage is one page of files, newest download first, and the number of all matches.
type HistoryPage struct {
	Files []DownloadedFile
	Total int64
}

// MaxHistoryPage is the largest page HistoryPage returns.
const MaxHistoryPage = 1000

// HistoryPage returns the files matching q, newest download first, and how many match in all.
func (s *Store) HistoryPage(ctx context.Context, q HistoryQuery) (HistoryPage, error) {
	if q.Limit <= 0 {
		q.Limit = 100
	}
	if q.Limit > MaxHistoryPage {
		q.Limit = MaxHistoryPage
	}
	if q.Offset < 0 {
		q.Offset = 0
	}
	var where []string
	var args []any
	if q.SourceID != 0 {
		where, args = append(where, "source_id = ?"), append(args, q.SourceID)
	}
	if q.Search != "" {
		where, args = append(where, `key LIKE ? ESCAPE '\'`), append(args, "%"+escapeLike(q.Search)+"%")
	}
	if q.FromMs != 0 {
		where, args = append(where, "downloaded_at >= ?"), append(args, q.FromMs)
	}
	if q.ToMs != 0 {
		where, args = append(where, "downloaded_at < ?"), append(args, q.ToMs)
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	var page HistoryPage
	if err := s.sql.QueryRowContext(ctx, `SELECT COUNT(*) FROM downloaded_files`+cond, args...).Scan(&page.Total); err != nil {
		return HistoryPage{}, fail(err, "count", "history", q.SourceID)
	}
	rows, err := s.sql.QueryContext(ctx, `SELECT `+historyColumns+` FROM downloaded_files`+cond+
		` ORDER BY downloaded_at DESC, id DESC LIMIT ? OFFSET ?`, append(args, q.Limit, q.Offset)...)
	if err != nil {
		return HistoryPage{}, fail(err, "page", "history", q.SourceID)
	}
	defer rows.Close()
	page.Files = make([]DownloadedFile, 0, min(q.Limit, 128))
	for rows.Next() {
		f, err := scanFile(rows)
		if err != nil {
			return HistoryPage{}, fail(err, "page", "history", q.SourceID)
		}
		page.Files = append(page.Files, f)
	}
	return page, fail(rows.Err(), "page", "history", q.SourceID)
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

package store

import (
	"context"
	"time"

	"gorm.io/gorm"

	"vpack-s3-sync/backend/apperr"
)

// CreateRun starts a run of source sourceID now, with status RunRunning.
func (s *Store) CreateRun(ctx context.Context, sourceID int64, trigger string) (SyncRun, error) {
	r := SyncRun{SourceID: sourceID, Trigger: trigger, Status: RunRunning, StartedAt: time.Now().UTC()}
	err := s.db.WithContext(ctx).Create(&r).Error
	return r, fail(err, "create", "run", 0)
}

// FinishRun saves r's outcome (its status must no longer be RunRunning; FinishedAt defaults to
// now) and marks it as its source's last run, in one transaction.
func (s *Store) FinishRun(ctx context.Context, r SyncRun) error {
	if r.Status == "" || r.Status == RunRunning {
		return apperr.New(apperr.InvalidInput).With("field", "status")
	}
	if r.FinishedAt.IsZero() {
		r.FinishedAt = time.Now().UTC()
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Model(&SyncRun{ID: r.ID}).Select("*").Omit("id", "source_id", "triggered_by", "started_at").Updates(&r)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return notFound("run", r.ID)
		}
		var run SyncRun
		if err := tx.Take(&run, r.ID).Error; err != nil {
			return err
		}
		return tx.Exec(`UPDATE sources SET last_run_id = ?, last_run_at = ? WHERE id = ?`,
			r.ID, UnixMs(r.FinishedAt), run.SourceID).Error
	})
	return fail(err, "finish", "run", r.ID)
}

// GetRun loads one run.
func (s *Store) GetRun(ctx context.Context, id int64) (SyncRun, error) {
	var r SyncRun
	err := s.db.WithContext(ctx).Take(&r, id).Error
	return r, fail(err, "get", "run", id)
}

// ListRuns returns up to limit runs of source sourceID (0 = every source), newest first.
// limit <= 0 means 50.
func (s *Store) ListRuns(ctx context.Context, sourceID int64, limit int) ([]SyncRun, error) {
	if limit <= 0 {
		limit = 50
	}
	q := s.db.WithContext(ctx).Order("started_at DESC, id DESC").Limit(limit)
	if sourceID != 0 {
		q = q.Where("source_id = ?", sourceID)
	}
	var runs []SyncRun
	err := q.Find(&runs).Error
	return runs, fail(err, "list", "runs", 0)
}

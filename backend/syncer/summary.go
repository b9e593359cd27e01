package syncer

import (
	"time"

	"vpack-s3-sync/backend/apperr"
)

// Run statuses, as saved in the SyncRun row and shown in the UI.
const (
	StatusRunning   = "running"
	StatusOK        = "ok"        // every wanted file is on disk
	StatusPartial   = "partial"   // the run finished, some files failed
	StatusFailed    = "failed"    // the run itself failed (listing, credentials, disk space…)
	StatusCancelled = "cancelled" // cancelled by the user, a pause or shutdown
)

// Triggers say what started a run.
const (
	TriggerSchedule = "schedule"
	TriggerManual   = "manual"
	TriggerCLI      = "cli"
)

// MaxReportedErrors bounds Summary.Errors; Failed still counts every failed file.
const MaxReportedErrors = 100

// Requests counts a run's S3 requests by kind (every HTTP attempt, retries included).
type Requests struct {
	List, Get, Head, Other int64
}

// FileError is one file that could not be synced.
type FileError struct {
	Key     string
	Code    string // apperr code
	Message string // English sentence; Err carries what a translation needs
	Err     *apperr.Error
}

// Summary is what one run did. Counts are of objects under the source's prefix:
// Listed (every object seen), Matched (passing the filter), then each matched object is exactly
// one of Downloaded, Skipped (already in history, or found complete on disk), Failed, Archived
// (in an archive storage class: reported, not fetched) or left undone by a cancel or a run error.
type Summary struct {
	RunID    int64
	SourceID int64
	Trigger  string
	Status   string
	Started  time.Time
	Finished time.Time

	Listed, Matched, Downloaded, Skipped, Failed, Archived int
	// Adopted counts the skipped files found complete under their final name without a history
	// row (a crash between rename and record); they are recorded without downloading again.
	Adopted int
	// PlannedFiles and PlannedBytes are what the plan decided to download.
	PlannedFiles int
	PlannedBytes int64
	Bytes        int64 // bytes this run took from the network (kept parts of a resume not counted)

	Requests         Requests
	EstimatedCostUSD float64

	Errors []FileError
	// Err is the run-level failure (nil for ok and partial runs).
	Err error
}

func (s *Summary) addError(fe FileError) {
	s.Failed++
	if len(s.Errors) < MaxReportedErrors {
		s.Errors = append(s.Errors, fe)
	}
}

// ErrorSummary is a short text for the run row: the run error, or the first file error.
func (s *Summary) ErrorSummary() string {
	if s.Err != nil {
		return s.Err.Error()
	}
	if len(s.Errors) > 0 {
		e := s.Errors[0]
		msg := e.Code + ": " + e.Key
		if s.Failed > 1 {
			msg += " (+ more)"
		}
		return msg
	}
	return ""
}

package store

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"time"

	"gorm.io/gorm/schema"
)

// Times are stored as INTEGER Unix milliseconds (UTC by definition): they compare and sort as
// numbers in SQL, cross to the UI unchanged, and carry no time zone to get wrong. 0 means "never".
// Go code sees time.Time in UTC; the zero time stands for 0.

// Connection is one S3 account. It never holds the secret: that lives in the keychain under
// the connection's ID (package secrets).
type Connection struct {
	ID              int64     `gorm:"primaryKey"`
	Name            string    // unique, shown to the user
	Endpoint        string    // custom S3-compatible endpoint URL; "" = AWS
	Region          string    // "" = auto
	PathStyle       bool      // path-style addressing (the default for custom endpoints)
	AccessKeyID     string    // not secret; shown so the user can tell keys apart
	AccountID       string    // from the last validation, when the service says
	ARN             string    // from the last validation, when the service says
	LastValidatedAt time.Time `gorm:"serializer:unixms"`
	CreatedAt       time.Time `gorm:"serializer:unixms;autoCreateTime:false"`
}

// Source is one bucket/prefix synced into one local folder on a schedule.
type Source struct {
	ID              int64 `gorm:"primaryKey"`
	ConnectionID    int64
	Name            string
	Bucket          string
	Prefix          string
	LocalDir        string
	Extensions      string // see ExtensionList: "" = default video types, "*" = all files
	SinceDays       int    // only objects modified in the last N days; 0 = no window
	IntervalMinutes int    // auto-sync period; 0 = manual only
	Enabled         bool
	Paused          bool
	LastRunID       int64     // 0 = never ran
	LastRunAt       time.Time `gorm:"serializer:unixms"`
	CreatedAt       time.Time `gorm:"serializer:unixms;autoCreateTime:false"`
}

// ExtensionList turns Extensions into s3api.Filter's form: nil = the default video extensions,
// empty non-nil = every file, else the listed extensions (lower case, with a leading dot).
func (s Source) ExtensionList() []string {
	e := strings.TrimSpace(s.Extensions)
	switch e {
	case "":
		return nil
	case "*":
		return []string{}
	}
	var out []string
	for _, x := range strings.Split(e, ",") {
		x = strings.ToLower(strings.TrimSpace(x))
		if x == "" {
			continue
		}
		if !strings.HasPrefix(x, ".") {
			x = "." + x
		}
		out = append(out, x)
	}
	if out == nil {
		return nil
	}
	return out
}

// JoinExtensions is ExtensionList's inverse: nil → "", empty → "*", else ".mp4,.mov".
func JoinExtensions(exts []string) string {
	if exts == nil {
		return ""
	}
	if len(exts) == 0 {
		return "*"
	}
	return strings.Join(exts, ",")
}

// DownloadedFile is one object of a source that is on disk, as it was when downloaded.
// (SourceID, Key) is unique; Key compares bytewise, the order S3 lists keys in.
type DownloadedFile struct {
	ID           int64 `gorm:"primaryKey"`
	SourceID     int64
	Key          string
	ETag         string `gorm:"column:etag"`
	Size         int64
	LastModified time.Time `gorm:"serializer:unixms"`
	LocalPath    string
	DownloadedAt time.Time `gorm:"serializer:unixms"`
}

// Run status values.
const (
	RunRunning     = "running"
	RunOK          = "ok"
	RunPartial     = "partial" // finished, some files failed
	RunFailed      = "failed"
	RunCancelled   = "cancelled"
	RunInterrupted = "interrupted" // the process ended while it ran
)

// SyncRun is one run of a source: what was listed, fetched and skipped, and what it cost.
type SyncRun struct {
	ID            int64 `gorm:"primaryKey"`
	SourceID      int64
	Trigger       string    `gorm:"column:triggered_by"` // "schedule", "manual", "tray", "cli" …
	Status        string    // Run* constants
	StartedAt     time.Time `gorm:"serializer:unixms"`
	FinishedAt    time.Time `gorm:"serializer:unixms"`
	Listed        int64
	Matched       int64
	Downloaded    int64
	Skipped       int64
	Failed        int64
	Archived      int64 // objects in an archive storage class, reported not fetched (schema v2)
	Bytes         int64
	RequestsList  int64
	RequestsGet   int64
	RequestsHead  int64
	RequestsOther int64
	ErrorSummary  string
}

// Setting is one key/value preference.
type Setting struct {
	Key   string `gorm:"primaryKey"`
	Value string
}

func (Connection) TableName() string     { return "connections" }
func (Source) TableName() string         { return "sources" }
func (DownloadedFile) TableName() string { return "downloaded_files" }
func (SyncRun) TableName() string        { return "sync_runs" }
func (Setting) TableName() string        { return "settings" }

// UnixMs converts t to Unix milliseconds; the zero time gives 0.
func UnixMs(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// FromUnixMs converts Unix milliseconds to a UTC time; 0 gives the zero time.
func FromUnixMs(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms).UTC()
}

func init() {
	schema.RegisterSerializer("unixms", unixMsSerializer{})
}

// unixMsSerializer stores time.Time fields as INTEGER Unix milliseconds.
type unixMsSerializer struct{}

func (unixMsSerializer) Scan(ctx context.Context, field *schema.Field, dst reflect.Value, dbValue any) error {
	var t time.Time
	switch v := dbValue.(type) {
	case nil:
	case int64:
		t = FromUnixMs(v)
	default:
		return fmt.Errorf("column %s: want Unix ms, got %T", field.DBName, dbValue)
	}
	field.ReflectValueOf(ctx, dst).Set(reflect.ValueOf(t))
	return nil
}

func (unixMsSerializer) Value(_ context.Context, field *schema.Field, _ reflect.Value, fieldValue any) (any, error) {
	t, ok := fieldValue.(time.Time)
	if !ok {
		return nil, fmt.Errorf("column %s: want time.Time, got %T", field.DBName, fieldValue)
	}
	return UnixMs(t), nil
}

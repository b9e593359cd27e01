package main

import (
	"strings"
	"time"

	"vpack-s3-sync/backend/browser"
	"vpack-s3-sync/backend/s3api"
	"vpack-s3-sync/backend/store"
	"vpack-s3-sync/backend/syncer"
)

// The structs that cross into the UI: plain JSON, times as Unix milliseconds, never a secret.
// frontend/src/bridge/types.ts mirrors them field for field.

type ConnectionInput struct {
	Name            string `json:"name"`
	AccessKeyID     string `json:"accessKeyId"`
	SecretAccessKey string `json:"secretAccessKey"`
	SessionToken    string `json:"sessionToken"`
	Region          string `json:"region"`
	Endpoint        string `json:"endpoint"`
	PathStyle       bool   `json:"pathStyle"`
	Bucket          string `json:"bucket"`
}

type ConnectionView struct {
	ID              int64  `json:"id"`
	Name            string `json:"name"`
	Endpoint        string `json:"endpoint"`
	Region          string `json:"region"`
	AccessKeyID     string `json:"accessKeyId"`
	AccountID       string `json:"accountId"`
	ARN             string `json:"arn"`
	PathStyle       bool   `json:"pathStyle"`
	IsRoot          bool   `json:"isRoot"`
	LastValidatedMs int64  `json:"lastValidatedMs"`
	CreatedMs       int64  `json:"createdMs"`
	KeyAgeDays      int    `json:"keyAgeDays"`
}

type TestResult struct {
	Account           string `json:"account"`
	ARN               string `json:"arn"`
	IsRoot            bool   `json:"isRoot"`
	BucketCount       int    `json:"bucketCount"`
	CanListBuckets    bool   `json:"canListBuckets"`
	BucketOK          bool   `json:"bucketOk"`
	MissingPermission string `json:"missingPermission"`
}

type ProfileView struct {
	Name        string `json:"name"`
	Region      string `json:"region"`
	Endpoint    string `json:"endpoint"`
	AccessKeyID string `json:"accessKeyId"`
	HasKeys     bool   `json:"hasKeys"`
}

type BucketView struct {
	Name      string `json:"name"`
	CreatedMs int64  `json:"createdMs"`
}

type FolderView struct {
	Prefix string `json:"prefix"`
	Name   string `json:"name"`
}

type FileView struct {
	Key          string `json:"key"`
	Name         string `json:"name"`
	ETag         string `json:"etag"`
	StorageClass string `json:"storageClass"`
	Size         int64  `json:"size"`
	ModifiedMs   int64  `json:"modifiedMs"`
	IsVideo      bool   `json:"isVideo"`
	Archived     bool   `json:"archived"`
}

type LevelView struct {
	Folders   []FolderView `json:"folders"`
	Files     []FileView   `json:"files"`
	NextToken string       `json:"nextToken"`
}

type PreviewView struct {
	VideoCount            int        `json:"videoCount"`
	TotalBytes            int64      `json:"totalBytes"`
	Newest                []FileView `json:"newest"`
	PagesRead             int        `json:"pagesRead"`
	Truncated             bool       `json:"truncated"`
	EstimatedListRequests int64      `json:"estimatedListRequests"`
}

type SourceInput struct {
	ID              int64    `json:"id"`
	ConnectionID    int64    `json:"connectionId"`
	Bucket          string   `json:"bucket"`
	Prefix          string   `json:"prefix"`
	LocalDir        string   `json:"localDir"`
	Extensions      []string `json:"extensions"`
	SinceDays       int      `json:"sinceDays"`
	IntervalMinutes int      `json:"intervalMinutes"`
	Enabled         bool     `json:"enabled"`
}

type SourceView struct {
	SourceInput
	Paused         bool     `json:"paused"`
	ConnectionName string   `json:"connectionName"`
	LastRun        *RunView `json:"lastRun"`
	NextRunMs      int64    `json:"nextRunMs"`
	Running        bool     `json:"running"`
}

type RunView struct {
	ID               int64   `json:"id"`
	SourceID         int64   `json:"sourceId"`
	Trigger          string  `json:"trigger"`
	StartedMs        int64   `json:"startedMs"`
	FinishedMs       int64   `json:"finishedMs"`
	Listed           int     `json:"listed"`
	Matched          int     `json:"matched"`
	Downloaded       int     `json:"downloaded"`
	Skipped          int     `json:"skipped"`
	Failed           int     `json:"failed"`
	Archived         int     `json:"archived"`
	Bytes            int64   `json:"bytes"`
	ListRequests     int64   `json:"listRequests"`
	GetRequests      int64   `json:"getRequests"`
	HeadRequests     int64   `json:"headRequests"`
	EstimatedCostUsd float64 `json:"estimatedCostUsd"`
	CostEstimated    bool    `json:"costEstimated"` // false: not Amazon S3, whose prices the estimate uses
	ErrorSummary     string  `json:"errorSummary"`
	Status           string  `json:"status"`
}

type SyncProgress struct {
	SourceID   int64   `json:"sourceId"`
	Phase      string  `json:"phase"`
	Listed     int     `json:"listed"`
	FilesDone  int     `json:"filesDone"`
	FilesTotal int     `json:"filesTotal"`
	BytesDone  int64   `json:"bytesDone"`
	BytesTotal int64   `json:"bytesTotal"`
	Rate       float64 `json:"rate"`
	EtaMs      int64   `json:"etaMs"`
	CurrentKey string  `json:"currentKey"`
}

type HistoryQuery struct {
	SourceID int64  `json:"sourceId"`
	Search   string `json:"search"`
	FromMs   int64  `json:"fromMs"`
	ToMs     int64  `json:"toMs"`
	Limit    int    `json:"limit"`
	Offset   int    `json:"offset"`
}

type HistoryRow struct {
	ID           int64  `json:"id"`
	SourceID     int64  `json:"sourceId"`
	Key          string `json:"key"`
	LocalPath    string `json:"localPath"`
	ETag         string `json:"etag"`
	Size         int64  `json:"size"`
	ModifiedMs   int64  `json:"modifiedMs"`
	DownloadedMs int64  `json:"downloadedMs"`
}

type HistoryPage struct {
	Rows  []HistoryRow `json:"rows"`
	Total int64        `json:"total"`
}

type Settings struct {
	Lang               string `json:"lang"`
	Concurrency        int    `json:"concurrency"`
	BandwidthLimitKBps int64  `json:"bandwidthLimitKBps"`
	StartAtLogin       bool   `json:"startAtLogin"`
	Notifications      bool   `json:"notifications"`
}

type DownloadRequest struct {
	ConnectionID int64    `json:"connectionId"`
	Bucket       string   `json:"bucket"`
	Keys         []string `json:"keys"`
	DestDir      string   `json:"destDir"`
}

type FailedFile struct {
	Key     string `json:"key"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

type DownloadProgress struct {
	BatchID    string       `json:"batchId"`
	Key        string       `json:"key"`
	Done       int64        `json:"done"`  // bytes of Key so far
	Total      int64        `json:"total"` // Key's size
	FilesDone  int          `json:"filesDone"`
	FilesTotal int          `json:"filesTotal"`
	BytesDone  int64        `json:"bytesDone"`
	BytesTotal int64        `json:"bytesTotal"`
	Rate       float64      `json:"rate"`
	Failed     []FailedFile `json:"failed"`
	Finished   bool         `json:"finished"`
	Cancelled  bool         `json:"cancelled"`
}

func connectionView(c store.Connection, keySetAt time.Time, now time.Time) ConnectionView {
	return ConnectionView{
		ID: c.ID, Name: c.Name, Endpoint: c.Endpoint, Region: c.Region, AccessKeyID: c.AccessKeyID,
		AccountID: c.AccountID, ARN: c.ARN, PathStyle: c.PathStyle, IsRoot: strings.HasSuffix(c.ARN, ":root"),
		LastValidatedMs: store.UnixMs(c.LastValidatedAt), CreatedMs: store.UnixMs(c.CreatedAt),
		KeyAgeDays: int(now.Sub(keySetAt) / (24 * time.Hour)),
	}
}

func testResult(v s3api.Validation) TestResult {
	return TestResult{
		Account: v.Identity.Account, ARN: v.Identity.ARN, IsRoot: v.Identity.IsRoot,
		BucketCount: v.Identity.BucketCount, CanListBuckets: v.CanListBuckets, BucketOK: v.BucketOK,
		MissingPermission: v.MissingPermission,
	}
}

func fileView(o s3api.Object) FileView {
	video := s3api.Filter{}
	return FileView{
		Key: o.Key, Name: browser.Name(o.Key), ETag: o.ETag, StorageClass: o.StorageClass, Size: o.Size,
		ModifiedMs: store.UnixMs(o.LastModified), IsVideo: video.Match(o), Archived: s3api.IsArchived(o.StorageClass),
	}
}

func fileViews(objs []s3api.Object) []FileView {
	out := make([]FileView, len(objs))
	for i, o := range objs {
		out[i] = fileView(o)
	}
	return out
}

func levelView(l s3api.Level) LevelView {
	v := LevelView{Folders: make([]FolderView, len(l.Folders)), Files: fileViews(l.Files), NextToken: l.NextToken}
	for i, f := range l.Folders {
		v.Folders[i] = FolderView{Prefix: f.Prefix, Name: browser.Name(f.Prefix)}
	}
	return v
}

// runView: the cost is estimated from AWS prices, so runs against other stores show none.
func runView(r store.SyncRun, onAWS bool) RunView {
	return RunView{
		ID: r.ID, SourceID: r.SourceID, Trigger: r.Trigger, Status: r.Status,
		StartedMs: store.UnixMs(r.StartedAt), FinishedMs: store.UnixMs(r.FinishedAt),
		Listed: int(r.Listed), Matched: int(r.Matched), Downloaded: int(r.Downloaded), Skipped: int(r.Skipped),
		Failed: int(r.Failed), Archived: int(r.Archived), Bytes: r.Bytes,
		ListRequests: r.RequestsList, GetRequests: r.RequestsGet, HeadRequests: r.RequestsHead,
		EstimatedCostUsd: syncer.RunCost(r, onAWS), CostEstimated: onAWS, ErrorSummary: r.ErrorSummary,
	}
}

func sourceInput(s store.Source) SourceInput {
	return SourceInput{
		ID: s.ID, ConnectionID: s.ConnectionID, Bucket: s.Bucket, Prefix: s.Prefix, LocalDir: s.LocalDir,
		Extensions: s.ExtensionList(), SinceDays: s.SinceDays, IntervalMinutes: s.IntervalMinutes, Enabled: s.Enabled,
	}
}

func progressView(p syncer.Progress) SyncProgress {
	return SyncProgress{
		SourceID: p.SourceID, Phase: p.Phase, Listed: p.Listed, FilesDone: p.FilesDone, FilesTotal: p.FilesTotal,
		BytesDone: p.BytesDone, BytesTotal: p.BytesTotal, Rate: p.Rate, EtaMs: p.ETA.Milliseconds(),
		CurrentKey: p.CurrentKey,
	}
}

func historyRow(f store.DownloadedFile) HistoryRow {
	return HistoryRow{
		ID: f.ID, SourceID: f.SourceID, Key: f.Key, LocalPath: f.LocalPath, ETag: f.ETag, Size: f.Size,
		ModifiedMs: store.UnixMs(f.LastModified), DownloadedMs: store.UnixMs(f.DownloadedAt),
	}
}

func downloadProgressView(p browser.BatchProgress, lang string) DownloadProgress {
	v := DownloadProgress{
		BatchID: p.BatchID, Key: p.Key, Done: p.KeyDone, Total: p.KeyTotal, FilesDone: p.FilesDone, FilesTotal: p.FilesTotal,
		BytesDone: p.BytesDone, BytesTotal: p.BytesTotal, Rate: p.Rate, Finished: p.Finished,
		Cancelled: p.Cancelled, Failed: make([]FailedFile, len(p.Failed)),
	}
	for i, f := range p.Failed {
		v.Failed[i] = FailedFile{Key: f.Key, Code: string(f.Err.Code), Message: messageOf(f.Err, lang)}
	}
	return v
}

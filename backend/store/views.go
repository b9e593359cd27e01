package store

// Views are the JSON forms of the models for the UI and the CLI: times as Unix milliseconds
// (0 = never), camelCase names. A Connection's view has no secret because the model has none.

// ConnectionView is Connection as JSON.
type ConnectionView struct {
	ID              int64  `json:"id"`
	Name            string `json:"name"`
	Endpoint        string `json:"endpoint"`
	Region          string `json:"region"`
	PathStyle       bool   `json:"pathStyle"`
	AccessKeyID     string `json:"accessKeyId"`
	AccountID       string `json:"accountId"`
	ARN             string `json:"arn"`
	LastValidatedMs int64  `json:"lastValidatedMs"`
	CreatedMs       int64  `json:"createdMs"`
}

// View converts c for JSON.
func (c Connection) View() ConnectionView {
	return ConnectionView{
		ID: c.ID, Name: c.Name, Endpoint: c.Endpoint, Region: c.Region, PathStyle: c.PathStyle,
		AccessKeyID: c.AccessKeyID, AccountID: c.AccountID, ARN: c.ARN,
		LastValidatedMs: UnixMs(c.LastValidatedAt), CreatedMs: UnixMs(c.CreatedAt),
	}
}

// SourceView is Source as JSON.
type SourceView struct {
	ID              int64  `json:"id"`
	ConnectionID    int64  `json:"connectionId"`
	Name            string `json:"name"`
	Bucket          string `json:"bucket"`
	Prefix          string `json:"prefix"`
	LocalDir        string `json:"localDir"`
	Extensions      string `json:"extensions"`
	SinceDays       int    `json:"sinceDays"`
	IntervalMinutes int    `json:"intervalMinutes"`
	Enabled         bool   `json:"enabled"`
	Paused          bool   `json:"paused"`
	LastRunID       int64  `json:"lastRunId"`
	LastRunMs       int64  `json:"lastRunMs"`
	CreatedMs       int64  `json:"createdMs"`
}

// View converts s for JSON.
func (s Source) View() SourceView {
	return SourceView{
		ID: s.ID, ConnectionID: s.ConnectionID, Name: s.Name, Bucket: s.Bucket, Prefix: s.Prefix,
		LocalDir: s.LocalDir, Extensions: s.Extensions, SinceDays: s.SinceDays,
		IntervalMinutes: s.IntervalMinutes, Enabled: s.Enabled, Paused: s.Paused,
		LastRunID: s.LastRunID, LastRunMs: UnixMs(s.LastRunAt), CreatedMs: UnixMs(s.CreatedAt),
	}
}

// DownloadedFileView is DownloadedFile as JSON.
type DownloadedFileView struct {
	ID             int64  `json:"id"`
	SourceID       int64  `json:"sourceId"`
	Key            string `json:"key"`
	ETag           string `json:"etag"`
	Size           int64  `json:"size"`
	LastModifiedMs int64  `json:"lastModifiedMs"`
	LocalPath      string `json:"localPath"`
	DownloadedMs   int64  `json:"downloadedMs"`
}

// View converts f for JSON.
func (f DownloadedFile) View() DownloadedFileView {
	return DownloadedFileView{
		ID: f.ID, SourceID: f.SourceID, Key: f.Key, ETag: f.ETag, Size: f.Size,
		LastModifiedMs: UnixMs(f.LastModified), LocalPath: f.LocalPath, DownloadedMs: UnixMs(f.DownloadedAt),
	}
}

// SyncRunView is SyncRun as JSON.
type SyncRunView struct {
	ID            int64  `json:"id"`
	SourceID      int64  `json:"sourceId"`
	Trigger       string `json:"trigger"`
	Status        string `json:"status"`
	StartedMs     int64  `json:"startedMs"`
	FinishedMs    int64  `json:"finishedMs"`
	Listed        int64  `json:"listed"`
	Matched       int64  `json:"matched"`
	Downloaded    int64  `json:"downloaded"`
	Skipped       int64  `json:"skipped"`
	Failed        int64  `json:"failed"`
	Archived      int64  `json:"archived"`
	Bytes         int64  `json:"bytes"`
	RequestsList  int64  `json:"requestsList"`
	RequestsGet   int64  `json:"requestsGet"`
	RequestsHead  int64  `json:"requestsHead"`
	RequestsOther int64  `json:"requestsOther"`
	ErrorSummary  string `json:"errorSummary"`
}

// View converts r for JSON.
func (r SyncRun) View() SyncRunView {
	return SyncRunView{
		ID: r.ID, SourceID: r.SourceID, Trigger: r.Trigger, Status: r.Status,
		StartedMs: UnixMs(r.StartedAt), FinishedMs: UnixMs(r.FinishedAt),
		Listed: r.Listed, Matched: r.Matched, Downloaded: r.Downloaded, Skipped: r.Skipped,
		Failed: r.Failed, Archived: r.Archived, Bytes: r.Bytes,
		RequestsList: r.RequestsList, RequestsGet: r.RequestsGet, RequestsHead: r.RequestsHead,
		RequestsOther: r.RequestsOther, ErrorSummary: r.ErrorSummary,
	}
}

// HistoryPageView is HistoryPage as JSON.
type HistoryPageView struct {
	Files []DownloadedFileView `json:"files"`
	Total int64                `json:"total"`
}

// View converts p for JSON; Files is never null.
func (p HistoryPage) View() HistoryPageView {
	files := make([]DownloadedFileView, len(p.Files))
	for i, f := range p.Files {
		files[i] = f.View()
	}
	return HistoryPageView{Files: files, Total: p.Total}
}

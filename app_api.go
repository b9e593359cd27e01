package main

import (
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"time"

	"vpack-s3-sync/backend/apperr"
	"vpack-s3-sync/backend/browser"
	"vpack-s3-sync/backend/connections"
	"vpack-s3-sync/backend/s3api"
	"vpack-s3-sync/backend/store"
)

// The methods below are bound to the UI. Each takes plain inputs, calls a service and converts
// the result; errors leave as apperr JSON (uiError).

// GetState returns what the UI needs to choose its first screen.
func (a *App) GetState() (AppState, error) {
	if err := a.ready(); err != nil {
		return AppState{Version: version, OS: runtime.GOOS}, err
	}
	conns, err := a.store.ListConnections(a.ctx)
	if err != nil {
		return AppState{}, uiError(err)
	}
	srcs, err := a.store.ListSources(a.ctx)
	if err != nil {
		return AppState{}, uiError(err)
	}
	return AppState{
		Lang: a.language(), HasConnections: len(conns) > 0, HasSources: len(srcs) > 0,
		Demo: a.demo != nil, Version: version, OS: runtime.GOOS,
	}, nil
}

// AppState is what the UI needs to decide its first screen.
type AppState struct {
	Lang           string `json:"lang"`
	HasConnections bool   `json:"hasConnections"`
	HasSources     bool   `json:"hasSources"`
	Demo           bool   `json:"demo"`
	Version        string `json:"version"`
	OS             string `json:"os"`
}

// SetLanguage saves the UI language ("vi" or "en").
func (a *App) SetLanguage(lang string) error {
	if err := a.ready(); err != nil {
		return err
	}
	if lang != "vi" && lang != "en" {
		return uiError(apperr.New(apperr.InvalidInput).With("field", "lang"))
	}
	a.mu.Lock()
	a.lang = lang
	a.mu.Unlock()
	a.tray.SetLanguage(lang)
	return uiError(a.store.SetSetting(a.ctx, settingLang, lang))
}

// ListConnections returns the saved connections (never their secrets).
func (a *App) ListConnections() ([]ConnectionView, error) {
	if err := a.ready(); err != nil {
		return nil, err
	}
	conns, err := a.conns.List(a.ctx)
	if err != nil {
		return nil, uiError(err)
	}
	out := make([]ConnectionView, len(conns))
	now := time.Now()
	for i, c := range conns {
		out[i] = connectionView(c, a.conns.KeySetAt(a.ctx, c), now)
	}
	return out, nil
}

func addInput(in ConnectionInput) connections.AddInput {
	return connections.AddInput{
		Name: in.Name, Endpoint: in.Endpoint, Region: in.Region, VirtualHosted: in.Endpoint != "" && !in.PathStyle,
		AccessKeyID: in.AccessKeyID, SecretAccessKey: in.SecretAccessKey, SessionToken: in.SessionToken, Bucket: in.Bucket,
	}
}

// TestConnection validates keys without saving them.
func (a *App) TestConnection(in ConnectionInput) (TestResult, error) {
	if err := a.ready(); err != nil {
		return TestResult{}, err
	}
	v, err := a.conns.Check(a.ctx, addInput(in))
	return testResult(v), uiError(err)
}

// AddConnection validates and saves a connection, its secret in the OS keychain.
func (a *App) AddConnection(in ConnectionInput) (ConnectionView, error) {
	if err := a.ready(); err != nil {
		return ConnectionView{}, err
	}
	c, _, err := a.conns.Add(a.ctx, addInput(in))
	if err != nil {
		return ConnectionView{}, uiError(err)
	}
	return connectionView(c, time.Now(), time.Now()), nil
}

// RenameConnection changes a connection's display name.
func (a *App) RenameConnection(id int64, name string) error {
	if err := a.ready(); err != nil {
		return err
	}
	_, err := a.conns.Rename(a.ctx, id, name)
	return uiError(err)
}

// RotateKey replaces a connection's key after validating the new one.
func (a *App) RotateKey(id int64, accessKeyID, secret string) (ConnectionView, error) {
	if err := a.ready(); err != nil {
		return ConnectionView{}, err
	}
	c, _, err := a.conns.RotateKey(a.ctx, id, connections.RotateInput{AccessKeyID: accessKeyID, SecretAccessKey: secret})
	if err != nil {
		return ConnectionView{}, uiError(err)
	}
	a.browser.Forget(id)
	return connectionView(c, time.Now(), time.Now()), nil
}

// RemoveConnection deletes a connection and its keychain entry; it refuses while sources use it.
func (a *App) RemoveConnection(id int64) error {
	if err := a.ready(); err != nil {
		return err
	}
	if _, err := a.conns.Remove(a.ctx, id, false); err != nil {
		return uiError(err)
	}
	a.browser.Forget(id)
	return nil
}

// ListProfiles lists the AWS CLI profiles found in ~/.aws.
func (a *App) ListProfiles() ([]ProfileView, error) {
	profiles, err := connections.ListProfiles()
	if err != nil {
		return nil, uiError(err)
	}
	out := make([]ProfileView, len(profiles))
	for i, p := range profiles {
		out[i] = ProfileView{Name: p.Name, Region: p.Region, Endpoint: p.Endpoint, AccessKeyID: p.AccessKeyID, HasKeys: p.Importable}
	}
	return out, nil
}

// ImportProfile saves an AWS CLI profile as a connection named after it.
func (a *App) ImportProfile(name string) (ConnectionView, error) {
	if err := a.ready(); err != nil {
		return ConnectionView{}, err
	}
	c, _, err := a.conns.ImportProfile(a.ctx, name, name, "")
	if err != nil {
		return ConnectionView{}, uiError(err)
	}
	return connectionView(c, time.Now(), time.Now()), nil
}

// ListBuckets lists the buckets a connection's key may see.
func (a *App) ListBuckets(connID int64) ([]BucketView, error) {
	if err := a.ready(); err != nil {
		return nil, err
	}
	buckets, err := a.browser.Buckets(a.ctx, connID)
	if err != nil {
		return nil, uiError(err)
	}
	out := make([]BucketView, len(buckets))
	for i, b := range buckets {
		out[i] = BucketView{Name: b.Name, CreatedMs: store.UnixMs(b.Created)}
	}
	return out, nil
}

// ListLevel returns one page of folders and files under prefix.
func (a *App) ListLevel(connID int64, bucket, prefix, pageToken string) (LevelView, error) {
	if err := a.ready(); err != nil {
		return LevelView{}, err
	}
	l, err := a.browser.Level(a.ctx, connID, bucket, prefix, pageToken)
	if err != nil {
		return LevelView{}, uiError(err)
	}
	return levelView(l), nil
}

// PreviewFolder counts the videos in a folder's first pages and lists the newest.
func (a *App) PreviewFolder(connID int64, bucket, prefix string) (PreviewView, error) {
	if err := a.ready(); err != nil {
		return PreviewView{}, err
	}
	p, err := a.browser.PreviewFolder(a.ctx, connID, bucket, prefix)
	if err != nil {
		return PreviewView{}, uiError(err)
	}
	return PreviewView{
		VideoCount: p.VideoCount, TotalBytes: p.TotalBytes, Newest: fileViews(p.Newest),
		PagesRead: p.PagesRead, Truncated: p.Truncated, EstimatedListRequests: p.ListRequests,
	}, nil
}

// GeneratePolicy returns the least-privilege IAM policy for a bucket.
func (a *App) GeneratePolicy(bucket string, includeListAllBuckets bool) (string, error) {
	p, err := s3api.ReadOnlyPolicy(bucket, includeListAllBuckets)
	return p, uiError(err)
}

// ChooseFolder opens the native folder dialog; "" when the user cancels.
func (a *App) ChooseFolder(title string) (string, error) {
	dir, err := a.rt.ChooseFolder(title)
	return dir, uiError(err)
}

// OpenFolder shows a folder in the OS file manager.
func (a *App) OpenFolder(path string) error {
	if strings.TrimSpace(path) == "" {
		return uiError(apperr.New(apperr.InvalidInput).With("field", "path"))
	}
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "windows":
		cmd = exec.Command("explorer", path)
	case "darwin":
		cmd = exec.Command("open", path)
	default:
		cmd = exec.Command("xdg-open", path)
	}
	return uiError(cmd.Start())
}

// StartDownload downloads the selected objects into a folder; progress arrives as
// "download:progress:<batchId>" events.
func (a *App) StartDownload(req DownloadRequest) (string, error) {
	if err := a.ready(); err != nil {
		return "", err
	}
	lang := a.language()
	id, err := a.browser.StartDownload(a.ctx, browser.DownloadRequest{
		ConnectionID: req.ConnectionID, Bucket: req.Bucket, Keys: req.Keys, DestDir: req.DestDir,
	}, browser.DownloadOptions{Limiter: a.limiter}, func(p browser.BatchProgress) {
		a.emit("download:progress:"+p.BatchID, downloadProgressView(p, lang))
	})
	return id, uiError(err)
}

// CancelDownload stops a download batch; finished files stay.
func (a *App) CancelDownload(batchID string) error {
	a.browser.CancelDownload(batchID)
	return nil
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

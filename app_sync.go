package main

import (
	"context"
	"strconv"
	"strings"

	"vpack-s3-sync/backend/apperr"
	"vpack-s3-sync/backend/platform"
	"vpack-s3-sync/backend/store"
	"vpack-s3-sync/backend/syncer"
	"vpack-s3-sync/backend/transfer"
)

// Settings keys in the store.
const (
	settingLang          = "lang"
	settingConcurrency   = "concurrency"
	settingBandwidthKBps = "bandwidth_limit_kbps"
	settingNotifications = "notifications"
	settingPausedAll     = "paused_all"
)

// ListSources returns every source with its schedule state and last run.
func (a *App) ListSources() ([]SourceView, error) {
	if err := a.ready(); err != nil {
		return nil, err
	}
	srcs, err := a.store.ListSources(a.ctx)
	if err != nil {
		return nil, uiError(err)
	}
	names := map[int64]store.Connection{}
	if conns, err := a.store.ListConnections(a.ctx); err == nil {
		for _, c := range conns {
			names[c.ID] = c
		}
	}
	out := make([]SourceView, 0, len(srcs))
	for _, s := range srcs {
		out = append(out, a.sourceView(s, names[s.ConnectionID]))
	}
	return out, nil
}

func (a *App) sourceView(s store.Source, conn store.Connection) SourceView {
	st := a.scheduler.Status(s.ID)
	v := SourceView{SourceInput: sourceInput(s), Paused: s.Paused || st.Paused, ConnectionName: conn.Name,
		NextRunMs: store.UnixMs(st.NextRun), Running: st.Running}
	if s.LastRunID != 0 {
		if run, err := a.store.GetRun(a.ctx, s.LastRunID); err == nil {
			rv := runView(run, conn.Endpoint == "")
			v.LastRun = &rv
		}
	}
	return v
}

// SaveSource creates (id 0) or updates a source and reschedules.
func (a *App) SaveSource(in SourceInput) (SourceView, error) {
	if err := a.ready(); err != nil {
		return SourceView{}, err
	}
	conn, err := a.store.GetConnection(a.ctx, in.ConnectionID)
	if err != nil {
		return SourceView{}, uiError(err)
	}
	src := store.Source{}
	if in.ID != 0 {
		if src, err = a.store.GetSource(a.ctx, in.ID); err != nil {
			return SourceView{}, uiError(err)
		}
	}
	src.ConnectionID, src.Bucket, src.LocalDir = in.ConnectionID, strings.TrimSpace(in.Bucket), strings.TrimSpace(in.LocalDir)
	src.Prefix = syncer.NormalizePrefix(in.Prefix)
	src.Extensions = store.JoinExtensions(in.Extensions)
	src.SinceDays, src.IntervalMinutes, src.Enabled = in.SinceDays, in.IntervalMinutes, in.Enabled
	if src.Name == "" {
		src.Name = src.Bucket + "/" + src.Prefix
	}
	if in.ID == 0 {
		err = a.store.CreateSource(a.ctx, &src)
	} else {
		err = a.store.UpdateSource(a.ctx, src)
	}
	if err != nil {
		return SourceView{}, uiError(err)
	}
	a.scheduler.Reload()
	a.emit("sources:changed", nil)
	return a.sourceView(src, conn), nil
}

// RemoveSource deletes a source and its history (downloaded files stay on disk).
func (a *App) RemoveSource(id int64) error {
	if err := a.ready(); err != nil {
		return err
	}
	a.scheduler.Cancel(id)
	if err := a.store.DeleteSource(a.ctx, id); err != nil {
		return uiError(err)
	}
	a.scheduler.Reload()
	a.emit("sources:changed", nil)
	return nil
}

// SetSourcePaused pauses or resumes one source's schedule.
func (a *App) SetSourcePaused(id int64, paused bool) error {
	if err := a.ready(); err != nil {
		return err
	}
	src, err := a.store.GetSource(a.ctx, id)
	if err != nil {
		return uiError(err)
	}
	src.Paused = paused
	if err := a.store.UpdateSource(a.ctx, src); err != nil {
		return uiError(err)
	}
	a.scheduler.SetPaused(id, paused)
	a.emit("sources:changed", nil)
	return nil
}

// PauseAll pauses or resumes auto-sync of every source; it survives a restart.
func (a *App) PauseAll(paused bool) error {
	if err := a.ready(); err != nil {
		return err
	}
	a.scheduler.PauseAll(paused)
	a.emit("sources:changed", nil)
	return uiError(a.store.SetSetting(a.ctx, settingPausedAll, strconv.FormatBool(paused)))
}

// SyncNow starts a run of a source (or joins the running one) and returns at once.
func (a *App) SyncNow(id int64) error {
	if err := a.ready(); err != nil {
		return err
	}
	_, err := a.scheduler.Trigger(id, "manual")
	return uiError(err)
}

// CancelSync stops a source's running sync; its partial file stays resumable.
func (a *App) CancelSync(id int64) error {
	if err := a.ready(); err != nil {
		return err
	}
	a.scheduler.Cancel(id)
	return nil
}

// HistoryPage returns one page of downloaded files, newest first.
func (a *App) HistoryPage(q HistoryQuery) (HistoryPage, error) {
	if err := a.ready(); err != nil {
		return HistoryPage{}, err
	}
	page, err := a.store.HistoryPage(a.ctx, store.HistoryQuery{
		SourceID: q.SourceID, Search: q.Search, FromMs: q.FromMs, ToMs: q.ToMs, Limit: q.Limit, Offset: q.Offset,
	})
	if err != nil {
		return HistoryPage{}, uiError(err)
	}
	out := HistoryPage{Rows: make([]HistoryRow, len(page.Files)), Total: page.Total}
	for i, f := range page.Files {
		out.Rows[i] = historyRow(f)
	}
	return out, nil
}

// ListRuns returns a source's latest runs (0 = every source), newest first.
func (a *App) ListRuns(sourceID int64, limit int) ([]RunView, error) {
	if err := a.ready(); err != nil {
		return nil, err
	}
	runs, err := a.store.ListRuns(a.ctx, sourceID, limit)
	if err != nil {
		return nil, uiError(err)
	}
	onAWS := a.sourcesOnAWS()
	out := make([]RunView, len(runs))
	for i, r := range runs {
		out[i] = runView(r, onAWS[r.SourceID])
	}
	return out, nil
}

// sourcesOnAWS: which sources' connections are Amazon S3 itself (costs are estimated for them).
func (a *App) sourcesOnAWS() map[int64]bool {
	out := map[int64]bool{}
	conns, _ := a.store.ListConnections(a.ctx)
	aws := map[int64]bool{}
	for _, c := range conns {
		aws[c.ID] = c.Endpoint == ""
	}
	srcs, _ := a.store.ListSources(a.ctx)
	for _, s := range srcs {
		out[s.ID] = aws[s.ConnectionID]
	}
	return out
}

// GetSettings returns the user's preferences.
func (a *App) GetSettings() (Settings, error) {
	if err := a.ready(); err != nil {
		return Settings{}, err
	}
	return a.loadSettings(a.ctx), nil
}

// SaveSettings stores the preferences and applies them at once.
func (a *App) SaveSettings(s Settings) error {
	if err := a.ready(); err != nil {
		return err
	}
	if s.Concurrency < 1 || s.Concurrency > 16 || s.BandwidthLimitKBps < 0 || (s.Lang != "vi" && s.Lang != "en") {
		return uiError(apperr.New(apperr.InvalidInput).With("field", "settings"))
	}
	current, _ := platform.StartAtLoginEnabled()
	if s.StartAtLogin != current {
		if err := platform.SetStartAtLogin(s.StartAtLogin); err != nil {
			return uiError(err)
		}
	}
	for k, v := range map[string]string{
		settingLang: s.Lang, settingConcurrency: strconv.Itoa(s.Concurrency),
		settingBandwidthKBps: strconv.FormatInt(s.BandwidthLimitKBps, 10), settingNotifications: strconv.FormatBool(s.Notifications),
	} {
		if err := a.store.SetSetting(a.ctx, k, v); err != nil {
			return uiError(err)
		}
	}
	a.mu.Lock()
	a.lang = s.Lang
	a.mu.Unlock()
	a.tray.SetLanguage(s.Lang)
	a.notifier.SetEnabled(s.Notifications)
	a.engine.SetConcurrency(s.Concurrency)
	a.applyBandwidth(s.BandwidthLimitKBps)
	return nil
}

// applyBandwidth: a running limiter changes rate in place (transfers under way follow it);
// lifting or setting a limit swaps it for the next transfers.
func (a *App) applyBandwidth(kbps int64) {
	switch {
	case kbps > 0 && a.limiter != nil:
		a.limiter.SetRate(kbps * 1024)
	default:
		a.limiter = transfer.NewLimiter(kbps * 1024)
		a.engine.SetLimiter(a.limiter)
	}
}

// loadSettings reads the preferences with their defaults.
func (a *App) loadSettings(ctx context.Context) Settings {
	s := Settings{Concurrency: syncer.DefaultConcurrency, Notifications: true, Lang: osLanguage()}
	all, _ := a.store.Settings(ctx)
	if l := all[settingLang]; l != "" {
		s.Lang = l
	}
	if n, err := strconv.Atoi(all[settingConcurrency]); err == nil && n > 0 {
		s.Concurrency = n
	}
	if n, err := strconv.ParseInt(all[settingBandwidthKBps], 10, 64); err == nil && n >= 0 {
		s.BandwidthLimitKBps = n
	}
	if b, err := strconv.ParseBool(all[settingNotifications]); err == nil {
		s.Notifications = b
	}
	s.StartAtLogin, _ = platform.StartAtLoginEnabled()
	return s
}

func (a *App) language() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.lang
}

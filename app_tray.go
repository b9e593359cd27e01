package main

import (
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"

	"vpack-s3-sync/backend/platform"
	"vpack-s3-sync/backend/store"
	"vpack-s3-sync/backend/syncer"
	"vpack-s3-sync/backend/tray"
)

// trayState folds the runs' events into the one status line the tray shows.
type trayState struct {
	mu      sync.Mutex
	running map[int64]syncer.Progress
	last    tray.Status
}

func (a *App) trayLang() string {
	if l := a.language(); l != "" {
		return l
	}
	return osLanguage()
}

// osLanguage is the user's language until they choose one: Vietnamese for a vi locale,
// English otherwise.
func osLanguage() string {
	for _, env := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(env); v != "" {
			if strings.HasPrefix(strings.ToLower(v), "vi") {
				return "vi"
			}
			return "en"
		}
	}
	return "en"
}

func (a *App) pausedAll() bool { return a.scheduler != nil && a.scheduler.PausedAll() }

// trayProgress shows "Syncing 3/12 · 45 MB/s" summed over every running source.
func (a *App) trayProgress(p syncer.Progress) {
	a.trayRuns.mu.Lock()
	if a.trayRuns.running == nil {
		a.trayRuns.running = map[int64]syncer.Progress{}
	}
	a.trayRuns.running[p.SourceID] = p
	var done, total int
	var rate float64
	for _, r := range a.trayRuns.running {
		done, total, rate = done+r.FilesDone, total+r.FilesTotal, rate+r.Rate
	}
	st := tray.Status{State: tray.Syncing, Line: tray.SyncingLine(a.trayLang(), done, total, rate), Paused: a.pausedAll()}
	a.trayRuns.last = st
	a.trayRuns.mu.Unlock()
	a.tray.SetStatus(st)
}

// trayFinished shows the last result and sends at most one notification for the run.
func (a *App) trayFinished(run store.SyncRun) {
	failed := run.Status == store.RunFailed || run.Failed > 0
	lang := a.trayLang()
	a.trayRuns.mu.Lock()
	delete(a.trayRuns.running, run.SourceID)
	stillRunning := len(a.trayRuns.running) > 0
	state := tray.Idle
	if failed {
		state = tray.Error
	}
	st := tray.Status{State: state, Line: tray.LastSyncLine(lang, time.Now(), time.Now(), int(run.Downloaded), failed), Paused: a.pausedAll()}
	if !stillRunning {
		a.trayRuns.last = st
	}
	a.trayRuns.mu.Unlock()
	if !stillRunning {
		a.tray.SetStatus(st)
	}
	if run.Status == store.RunCancelled {
		return
	}
	name := ""
	if src, err := a.store.GetSource(a.ctx, run.SourceID); err == nil {
		name = src.Name
	}
	go func() {
		title, body := tray.RunNotice(lang, name, int(run.Downloaded), failed)
		if _, err := a.notifier.RunFinished(platform.RunOutcome{RunID: run.ID, SourceID: run.SourceID,
			NewFiles: int(run.Downloaded), Failed: failed, Title: title, Body: body}); err != nil {
			slog.Warn("notification", "error", err)
		}
	}()
}

func (a *App) trayIdleStatus() tray.Status {
	return tray.Status{State: tray.Idle, Paused: a.pausedAll()}
}

// The tray's menu. Callbacks must return quickly: systray drops clicks while one runs.

func (a *App) showWindow() {
	if a.rt != nil {
		a.rt.ShowWindow()
	}
}

// syncAllFromTray starts (or joins) a run of every enabled source.
func (a *App) syncAllFromTray() {
	if a.ready() != nil {
		return
	}
	srcs, err := a.store.ListSources(a.ctx)
	if err != nil {
		slog.Error("tray sync now", "error", err)
		return
	}
	for _, s := range srcs {
		if s.Enabled {
			if _, err := a.scheduler.Trigger(s.ID, "tray"); err != nil {
				slog.Warn("tray sync now", "source_id", s.ID, "error", err)
			}
		}
	}
}

func (a *App) togglePauseFromTray() {
	if a.ready() != nil {
		return
	}
	_ = a.PauseAll(!a.pausedAll())
	a.trayRuns.mu.Lock()
	st := a.trayRuns.last
	a.trayRuns.mu.Unlock()
	st.Paused = a.pausedAll()
	if st.State == tray.Idle && st.Paused {
		st.State = tray.Paused
	} else if st.State == tray.Paused && !st.Paused {
		st.State = tray.Idle
	}
	a.tray.SetStatus(st)
}

// quitFromTray: Wails' Quit passes through OnBeforeClose, which hides instead of closing
// while the tray is up; the flag lets this close through.
func (a *App) quitFromTray() {
	a.quitting.Store(true)
	if a.rt != nil {
		a.rt.Quit()
	}
}

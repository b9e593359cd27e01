package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wailsapp/wails/v2/pkg/options"

	"vpack-s3-sync/backend/apperr"
	"vpack-s3-sync/backend/browser"
	"vpack-s3-sync/backend/connections"
	"vpack-s3-sync/backend/demo"
	"vpack-s3-sync/backend/platform"
	"vpack-s3-sync/backend/platform/wailsrt"
	"vpack-s3-sync/backend/secrets"
	"vpack-s3-sync/backend/store"
	"vpack-s3-sync/backend/syncer"
	"vpack-s3-sync/backend/transfer"
	"vpack-s3-sync/backend/tray"
)

const version = "0.1.0"

// App is the Wails-bound facade: it converts types, starts and stops services and emits
// events. Logic lives in backend/.
type App struct {
	opts desktopOptions
	ctx  context.Context
	rt   wailsrt.Runtime

	logCloser io.Closer
	store     *store.Store
	conns     *connections.Service
	browser   *browser.Service
	engine    *syncer.Engine
	scheduler *syncer.Scheduler
	limiter   *transfer.Limiter
	demo      *demo.Server
	// startErr is why services could not start (e.g. another instance holds the database);
	// every call reports it so the UI can say so instead of failing one by one.
	startErr error

	tray     tray.Tray
	trayRuns trayState
	notifier *platform.Notifier
	quitting atomic.Bool

	mu   sync.Mutex
	lang string
}

// NewApp makes the facade; services start in startup, when Wails hands over its context.
func NewApp(opts desktopOptions) *App {
	return &App{opts: opts, tray: tray.Noop{}, notifier: platform.NewNotifier(nil)}
}

func (a *App) startup(ctx context.Context) {
	a.ctx = ctx
	a.rt = wailsrt.NewWailsRuntime(ctx)
	a.startErr = a.startServices(ctx, a.rt)
	if a.startErr != nil {
		slog.Error("services did not start", "error", a.startErr)
	}
	a.tray.SetLanguage(a.trayLang())
	a.tray.SetStatus(a.trayIdleStatus())
	a.tray.Start()
}

// startServices opens the store and wires the services; rt receives the events. Split from
// startup so tests can run the whole facade with a wailsrt.Recorder and no window.
func (a *App) startServices(ctx context.Context, rt wailsrt.Runtime) error {
	a.rt = rt
	if a.ctx == nil {
		a.ctx = ctx
	}
	if _, closer, err := platform.SetupLogging(slog.LevelInfo); err == nil {
		a.logCloser = closer
	}
	path, err := platform.DBPath()
	if err != nil {
		return apperr.Wrap(apperr.StoreFailed, err)
	}
	if a.store, err = store.Open(path); err != nil {
		return err
	}
	a.conns = connections.New(a.store, secrets.Default, connections.S3)
	a.browser = browser.New(a.conns)
	settings := a.loadSettings(ctx)
	a.lang = settings.Lang
	a.notifier.SetEnabled(settings.Notifications)
	a.limiter = transfer.NewLimiter(settings.BandwidthLimitKBps * 1024)
	a.engine = syncer.NewEngine(a.store, a.connectSource,
		syncer.Options{Concurrency: settings.Concurrency, Limiter: a.limiter}, a.syncEvents())
	a.scheduler = syncer.NewScheduler(syncer.SchedulerConfig{
		Sources: syncer.StoreSchedules(a.store),
		Run:     a.engine.RunSource,
	})
	if paused, ok, _ := a.store.GetSetting(ctx, settingPausedAll); ok && paused == "true" {
		a.scheduler.PauseAll(true)
	}
	a.scheduler.Start()
	if a.opts.demo {
		if err := a.startDemo(ctx); err != nil {
			slog.Error("demo store", "error", err)
		}
	}
	return nil
}

// connectSource gives the engine the cached client of the source's connection.
func (a *App) connectSource(ctx context.Context, src store.Source) (syncer.Client, error) {
	return a.browser.Client(ctx, src.ConnectionID)
}

func (a *App) startDemo(ctx context.Context) error {
	srv, err := demo.Start(context.WithoutCancel(ctx))
	if err != nil {
		return err
	}
	a.demo = srv
	conn, err := demo.EnsureConnection(ctx, a.conns, a.store, srv)
	if err != nil {
		return err
	}
	a.browser.Forget(conn.ID) // the demo's port is new on every start
	return nil
}

func (a *App) syncEvents() syncer.Events {
	return syncer.Events{
		OnStarted: func(run store.SyncRun) {
			a.emit(eventName("sync:started", run.SourceID), runView(run, a.sourcesOnAWS()[run.SourceID]))
		},
		OnProgress: func(p syncer.Progress) {
			a.emit(eventName("sync:progress", p.SourceID), progressView(p))
			a.trayProgress(p)
		},
		OnFinished: func(run store.SyncRun, _ syncer.Summary) {
			a.emit(eventName("sync:finished", run.SourceID), runView(run, a.sourcesOnAWS()[run.SourceID]))
			a.emit("sources:changed", nil)
			a.trayFinished(run)
		},
	}
}

func (a *App) emit(name string, data any) {
	if a.rt != nil {
		a.rt.Emit(name, data)
	}
}

func (a *App) domReady(context.Context) {}

// beforeClose: with a tray, closing the window hides it and auto-sync goes on; without one
// (no tray host on this desktop) closing quits, or the app could never be reached again.
func (a *App) beforeClose(context.Context) bool {
	if a.quitting.Load() || !a.tray.Available() {
		return false
	}
	a.rt.HideWindow()
	return true
}

// shutdown ends the tray (on Windows that ends its message loop) and then the services.
func (a *App) shutdown(context.Context) {
	a.tray.End()
	a.stopServices()
}

// stopServices cancels running syncs (their partial files stay resumable) and closes the DB.
func (a *App) stopServices() {
	if a.scheduler != nil {
		a.scheduler.Stop()
	}
	if a.demo != nil {
		a.demo.Close()
	}
	if a.store != nil {
		done := make(chan struct{})
		go func() { _ = a.store.Close(); close(done) }()
		select {
		case <-done:
		case <-time.After(3 * time.Second):
			slog.Warn("database did not close in time")
		}
	}
	if a.logCloser != nil {
		_ = a.logCloser.Close()
	}
}

func (a *App) secondInstance(options.SecondInstanceData) {
	if a.rt != nil {
		a.rt.ShowWindow()
	}
}

// ready reports why services are missing, as the one error shape.
func (a *App) ready() error {
	if a.startErr != nil {
		return uiError(a.startErr)
	}
	if a.store == nil {
		return uiError(apperr.New(apperr.Internal).With("reason", "not started"))
	}
	return nil
}

// uiError turns any error into the JSON of an apperr.Error: Wails rejects the JS promise
// with err.Error(), and frontend/src/bridge parses it.
func uiError(err error) error {
	if err == nil {
		return nil
	}
	return errors.New(apperr.Classify(err).JSON())
}

func messageOf(e *apperr.Error, lang string) string { return apperr.Message(e, lang) }

func eventName(area string, id int64) string { return area + ":" + itoa(id) }

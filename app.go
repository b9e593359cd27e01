package main

import (
	"context"
	"runtime"

	"github.com/wailsapp/wails/v2/pkg/options"

	"vpack-s3-sync/backend/platform"
)

// App is the Wails-bound facade: it converts types, starts and stops services and emits
// events. Logic lives in backend/.
type App struct {
	opts desktopOptions
	ctx  context.Context
	rt   platform.Runtime
}

// NewApp makes the facade; services start in startup, when Wails hands over its context.
func NewApp(opts desktopOptions) *App { return &App{opts: opts} }

func (a *App) startup(ctx context.Context) {
	a.ctx = ctx
	a.rt = platform.NewWailsRuntime(ctx)
}

func (a *App) domReady(context.Context) {}

// beforeClose decides whether closing the window quits (false) or hides it (true).
func (a *App) beforeClose(context.Context) bool { return false }

func (a *App) shutdown(context.Context) {}

func (a *App) secondInstance(options.SecondInstanceData) {
	if a.rt != nil {
		a.rt.ShowWindow()
	}
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

// GetState returns the app's state for the first screen.
func (a *App) GetState() (AppState, error) {
	return AppState{Lang: "", Version: version, OS: runtime.GOOS}, nil
}

const version = "0.1.0"

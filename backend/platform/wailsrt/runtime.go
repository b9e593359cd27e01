// Package wailsrt is the one adapter over the Wails v2 runtime (events, dialogs, window). app.go
// uses it through the Runtime interface; backend code and tests use Recorder instead.
package wailsrt

import (
	"context"
	"sync"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// Runtime is everything app.go asks of the webview shell. Backend code and tests use it
// without a window: Recorder stands in for the real one.
type Runtime interface {
	Emit(event string, data any)
	ChooseFolder(title string) (string, error)
	OpenURL(url string)
	ShowWindow()
	HideWindow()
	Quit()
}

// WailsRuntime calls the Wails v2 runtime; ctx is the one Wails hands to OnStartup.
type WailsRuntime struct{ ctx context.Context }

// NewWailsRuntime wraps the startup context.
func NewWailsRuntime(ctx context.Context) *WailsRuntime { return &WailsRuntime{ctx: ctx} }

func (w *WailsRuntime) Emit(event string, data any) { runtime.EventsEmit(w.ctx, event, data) }

func (w *WailsRuntime) ChooseFolder(title string) (string, error) {
	return runtime.OpenDirectoryDialog(w.ctx, runtime.OpenDialogOptions{Title: title, CanCreateDirectories: true})
}

func (w *WailsRuntime) OpenURL(url string) { runtime.BrowserOpenURL(w.ctx, url) }

func (w *WailsRuntime) ShowWindow() {
	runtime.WindowUnminimise(w.ctx)
	runtime.WindowShow(w.ctx)
}

func (w *WailsRuntime) HideWindow() { runtime.WindowHide(w.ctx) }

func (w *WailsRuntime) Quit() { runtime.Quit(w.ctx) }

// Event is one emitted event, as Recorder keeps it.
type Event struct {
	Name string
	Data any
}

// Recorder is a Runtime for tests and headless use: it keeps events and answers dialogs
// with a preset folder.
type Recorder struct {
	mu     sync.Mutex
	events []Event
	Folder string
	Shown  int
	Hidden int
	Quits  int
}

func (r *Recorder) Emit(event string, data any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, Event{event, data})
}

func (r *Recorder) ChooseFolder(string) (string, error) { return r.Folder, nil }
func (r *Recorder) OpenURL(string)                      {}
func (r *Recorder) ShowWindow()                         { r.mu.Lock(); r.Shown++; r.mu.Unlock() }
func (r *Recorder) HideWindow()                         { r.mu.Lock(); r.Hidden++; r.mu.Unlock() }
func (r *Recorder) Quit()                               { r.mu.Lock(); r.Quits++; r.mu.Unlock() }

// Events returns a copy of what was emitted so far.
func (r *Recorder) Events() []Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Event(nil), r.events...)
}

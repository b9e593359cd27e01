// Package tray puts the app's icon and menu in the notification area (fyne.io/systray beside
// Wails v2): Open, Sync now, Pause/Resume auto-sync, a status line and Quit. It decides
// nothing itself: clicks go to the callbacks the app gives it, and the status it shows is the
// one the app sets. Where the platform cannot show a tray it hands back Noop.
package tray

import (
	"log/slog"
	"time"
)

// Tray is the icon and its menu. Make it with New before wails.Run, call Start from Wails'
// OnStartup and End from OnShutdown.
type Tray interface {
	// Start shows the icon. Call it once, from Wails' OnStartup.
	Start()
	// End removes the icon. Safe to call more than once, and without Start.
	End()
	// SetStatus updates the icon, tooltip, status line and the Pause/Resume label. Safe from
	// any goroutine, before or after Start.
	SetStatus(Status)
	// SetLanguage relabels the menu ("en", "vi"; regional forms accepted, unknown → English).
	SetLanguage(lang string)
	// Available reports whether an icon is shown: when true, closing the window should hide
	// it (the tray's Open brings it back); when false, closing should quit.
	Available() bool
}

// State picks the icon.
type State int

const (
	Idle State = iota
	Syncing
	Error
	Paused
)

func (s State) String() string {
	switch s {
	case Syncing:
		return "syncing"
	case Error:
		return "error"
	case Paused:
		return "paused"
	default:
		return "idle"
	}
}

// Status is what the tray shows. Line is already localised, e.g. "Syncing 3/12 · 45 MB/s"
// or "Last sync 14:05 · 12 new videos"; empty shows a neutral default.
type Status struct {
	State  State
	Line   string
	Paused bool // auto-sync is paused: the menu offers Resume instead of Pause
}

// Callbacks are called on the tray's goroutine, one at a time, when a menu item is clicked.
// They should return quickly (start work, do not wait for it); a nil callback ignores the click.
type Callbacks struct {
	OnOpen        func()
	OnSyncNow     func()
	OnTogglePause func()
	OnQuit        func()
}

// Options configure New.
type Options struct {
	Lang      string
	Callbacks Callbacks
	Status    Status       // shown from the first frame
	Logger    *slog.Logger // nil → slog.Default()
	// WaitForHost is how long New waits for a tray host to appear (Linux: an
	// org.kde.StatusNotifierWatcher on the session bus). Zero checks once. Worth a few seconds
	// when started at login, where the desktop's tray may come up after the app.
	WaitForHost time.Duration
}

// New makes the tray, or Noop when this platform or session cannot show one (the reason is
// logged). Call it on the main goroutine before wails.Run: on Windows the tray's window must
// belong to the thread whose message loop Wails runs.
func New(opts Options) Tray {
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if ok, reason := hostAvailable(opts.WaitForHost); !ok {
		opts.Logger.Info("tray unavailable; closing the window will quit", "reason", reason)
		return Noop{}
	}
	return newSystemTray(opts)
}

// Noop is the tray where there is none: every method does nothing and Available is false.
type Noop struct{}

func (Noop) Start()             {}
func (Noop) End()               {}
func (Noop) SetStatus(Status)   {}
func (Noop) SetLanguage(string) {}
func (Noop) Available() bool    { return false }

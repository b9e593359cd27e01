//go:build (linux && !android) || windows || (darwin && cgo)

package tray

import (
	"log/slog"
	"sync"
	"time"

	"fyne.io/systray"
)

// systemTray is the real tray. Calls into systray happen on two goroutines of its own: one
// draws the latest status (so SetStatus never blocks, and a burst of progress updates
// collapses into one redraw), one waits for clicks and runs the callbacks.
type systemTray struct {
	log         *slog.Logger
	cb          Callbacks
	start, stop func()

	mu      sync.Mutex
	labels  Labels
	status  Status
	redraw  bool // draw everything again, not only what changed
	started bool

	items       *menuItems    // set once by onReady, before ready closes
	ready       chan struct{} // closed when the menu is built
	dirty       chan struct{} // one pending "draw the latest status"
	done        chan struct{} // closed by End
	drawStopped chan struct{} // closed when the draw goroutine has returned
	endOnce     sync.Once

	afterDraw func(shown) // tests: called after each redraw; set before Start
}

type menuItems struct {
	open, syncNow, pause, status, quit *systray.MenuItem
}

// shown is what the tray shows now, to skip redrawing what has not changed.
type shown struct {
	state                                 State
	tip, open, syncNow, pause, line, quit string
}

func newSystemTray(opts Options) Tray {
	t := &systemTray{
		log:         opts.Logger,
		cb:          opts.Callbacks,
		labels:      LabelsFor(opts.Lang),
		status:      opts.Status,
		ready:       make(chan struct{}),
		dirty:       make(chan struct{}, 1),
		done:        make(chan struct{}),
		drawStopped: make(chan struct{}),
	}
	beforeRegister()
	t.start, t.stop = systray.RunWithExternalLoop(t.onReady, nil)
	return t
}

func (t *systemTray) Start() {
	t.mu.Lock()
	if t.started || t.ended() {
		t.mu.Unlock()
		return
	}
	t.started = true
	t.mu.Unlock()
	onMainThread(t.start)
	// On Linux the item's D-Bus properties exist only once start has run; draw once more after
	// the menu is built so an icon set in between is not lost.
	t.mu.Lock()
	t.redraw = true
	t.mu.Unlock()
	t.poke()
	t.log.Info("tray started")
}

func (t *systemTray) End() {
	t.endOnce.Do(func() {
		close(t.done)
		t.mu.Lock()
		started := t.started
		t.mu.Unlock()
		if !started && endNeedsStart {
			return
		}
		// Let the menu build and any redraw in flight finish first: systray's Linux calls
		// panic once the connection end closes. Bounded, because on macOS they wait for the
		// main thread, which may be the one calling End.
		select {
		case <-t.ready:
			select {
			case <-t.drawStopped:
			case <-time.After(endWait):
			}
		case <-time.After(endWait):
		}
		defer func() {
			// systray's Linux end dereferences its bus connection, which is nil when start
			// could not reach the bus; the app is exiting, so log and carry on.
			if r := recover(); r != nil {
				t.log.Warn("tray end failed", "panic", r)
			}
		}()
		t.stop()
	})
}

func (t *systemTray) SetStatus(s Status) {
	t.mu.Lock()
	t.status = s
	t.mu.Unlock()
	t.poke()
}

func (t *systemTray) SetLanguage(lang string) {
	t.mu.Lock()
	t.labels = LabelsFor(lang)
	t.mu.Unlock()
	t.poke()
}

func (t *systemTray) Available() bool { return true }

// endWait bounds how long End waits for the tray's goroutines.
const endWait = 2 * time.Second

func (t *systemTray) ended() bool {
	select {
	case <-t.done:
		return true
	default:
		return false
	}
}

// survive keeps a failing systray call from taking the app down: the tray is a convenience,
// the sync engine behind it is not.
func (t *systemTray) survive(what string) {
	if r := recover(); r != nil {
		t.log.Error("tray "+what+" failed", "panic", r)
	}
}

func (t *systemTray) poke() {
	select {
	case t.dirty <- struct{}{}:
	default: // a redraw is already pending; it will read the latest status
	}
}

// onReady runs on a goroutine of systray's once it is ready for the menu.
func (t *systemTray) onReady() {
	defer t.survive("menu")
	t.mu.Lock()
	l, s := t.labels, t.status
	t.mu.Unlock()
	now := want(l, s)
	systray.SetIcon(iconFor(now.state))
	systray.SetTooltip(now.tip)
	it := &menuItems{}
	it.open = systray.AddMenuItem(now.open, "")
	it.syncNow = systray.AddMenuItem(now.syncNow, "")
	it.pause = systray.AddMenuItem(now.pause, "")
	systray.AddSeparator()
	it.status = systray.AddMenuItem(now.line, "")
	it.status.Disable()
	systray.AddSeparator()
	it.quit = systray.AddMenuItem(now.quit, "")
	t.items = it
	close(t.ready)
	go t.draw(now)
	go t.clicks(it)
}

func want(l Labels, s Status) shown {
	return shown{
		state: iconState(s.State), tip: tooltip(l, s),
		open: l.Open, syncNow: l.SyncNow, pause: pauseLabel(l, s), line: statusLine(l, s), quit: l.Quit,
	}
}

// draw applies the latest status whenever poked, changing only what differs from last.
func (t *systemTray) draw(last shown) {
	defer close(t.drawStopped)
	defer t.survive("redraw")
	for {
		select {
		case <-t.done:
			return
		case <-t.dirty:
		}
		if t.ended() { // select picks at random when both are ready
			return
		}
		t.mu.Lock()
		now, all := want(t.labels, t.status), t.redraw
		t.redraw = false
		t.mu.Unlock()
		if all || now.state != last.state {
			systray.SetIcon(iconFor(now.state))
		}
		if all || now.tip != last.tip {
			systray.SetTooltip(now.tip)
		}
		retitle(t.items.open, now.open, last.open, all)
		retitle(t.items.syncNow, now.syncNow, last.syncNow, all)
		retitle(t.items.pause, now.pause, last.pause, all)
		retitle(t.items.status, now.line, last.line, all)
		retitle(t.items.quit, now.quit, last.quit, all)
		last = now
		if t.afterDraw != nil {
			t.afterDraw(now)
		}
	}
}

func retitle(item *systray.MenuItem, now, last string, all bool) {
	if all || now != last {
		item.SetTitle(now)
	}
}

// clicks runs the callback of each clicked item, one at a time. systray drops a click that
// arrives while a callback runs, which is why callbacks must return quickly.
func (t *systemTray) clicks(it *menuItems) {
	for {
		var cb func()
		var ok bool
		select {
		case <-t.done:
			return
		case _, ok = <-it.open.ClickedCh:
			cb = t.cb.OnOpen
		case _, ok = <-it.syncNow.ClickedCh:
			cb = t.cb.OnSyncNow
		case _, ok = <-it.pause.ClickedCh:
			cb = t.cb.OnTogglePause
		case _, ok = <-it.quit.ClickedCh:
			cb = t.cb.OnQuit
		}
		if !ok {
			return // systray removed the menu
		}
		if cb != nil {
			cb()
		}
	}
}

//go:build linux

package tray

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"vpack-s3-sync/backend/snitest"
)

// These tests need a private session bus: dbus-run-session -- go test ./backend/tray/...
// fyne's systray is one per process and cannot start twice, so one test walks the whole life
// of the real tray.

const waitLong = 5 * time.Second

// trayRan: fyne's systray starts once per process, so a repeated run (go test -count=2)
// cannot start it again.
var trayRan atomic.Bool

func TestNewReturnsNoopWithoutAStatusNotifierWatcher(t *testing.T) {
	conn := snitest.SessionBus(t)
	var has bool
	if err := conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, snitest.WatcherName).Store(&has); err != nil {
		t.Fatal(err)
	}
	if has {
		t.Fatalf("%s is owned on this bus: run the tests under a private bus (dbus-run-session)", snitest.WatcherName)
	}
	start := time.Now()
	tr := New(Options{WaitForHost: 300 * time.Millisecond})
	if _, ok := tr.(Noop); !ok || tr.Available() {
		t.Fatalf("New without a watcher = %T (available %v), want Noop", tr, tr.Available())
	}
	if waited := time.Since(start); waited < 300*time.Millisecond {
		t.Fatalf("New gave up after %s, before WaitForHost passed", waited)
	}
}

func TestTrayRegistersItsMenuOverDBusAndRunsCallbacks(t *testing.T) {
	conn := snitest.SessionBus(t)
	if !trayRan.CompareAndSwap(false, true) {
		t.Skip("fyne's systray starts once per process and this process already ran it (-count > 1)")
	}
	watcher := snitest.StartWatcher(t, conn)

	clicked := make(chan string, 8)
	cb := Callbacks{
		OnOpen:        func() { clicked <- "open" },
		OnSyncNow:     func() { clicked <- "sync" },
		OnTogglePause: func() { clicked <- "pause" },
		OnQuit:        func() { clicked <- "quit" },
	}
	tr := New(Options{Lang: "en", Callbacks: cb, Status: Status{State: Idle, Line: "Last sync 14:05 · 12 new videos"}})
	st, ok := tr.(*systemTray)
	if !ok || !tr.Available() {
		t.Fatalf("New with a watcher = %T, want the system tray", tr)
	}
	// The test reads the item only while the tray is not redrawing: fyne's systray and godbus'
	// prop update their D-Bus state without locking against a concurrent read (harmless in a
	// desktop, reported by -race), so each step waits for the redraw it caused.
	drawn := make(chan shown, 16)
	st.afterDraw = func(s shown) { drawn <- s }
	tr.Start()
	t.Cleanup(tr.End)

	item := watcher.WaitItem(t, waitLong)
	if item.Path != "/StatusNotifierItem" || item.BusName == "" {
		t.Fatalf("registered item = %s", item)
	}
	waitDrawn(t, drawn, "VPACK S3 Sync · Last sync 14:05 · 12 new videos")
	props := itemProps(t, conn, item)

	t.Run("item shows the name, status tooltip and idle icon", func(t *testing.T) {
		if props.Title != AppName || props.ToolTip != AppName+" · Last sync 14:05 · 12 new videos" || props.Menu == "" {
			t.Fatalf("title %q, tooltip %q, menu %q", props.Title, props.ToolTip, props.Menu)
		}
		if err := iconIs(props, Idle); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("menu has the five entries in English with the status line disabled", func(t *testing.T) {
		before, err := snitest.MenuVersion(conn, item.BusName, props.Menu)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"Open VPACK S3 Sync", "Sync now", "Pause auto-sync", "Last sync 14:05 · 12 new videos", "Quit"}
		entries := menuIs(t, conn, item.BusName, props.Menu, want)
		for _, e := range entries {
			if e.Type == "separator" {
				continue
			}
			if wantEnabled := e.Label != want[3]; e.Enabled != wantEnabled {
				t.Errorf("%q enabled = %v, want %v", e.Label, e.Enabled, wantEnabled)
			}
		}
		// systray answers its first GetLayout shallowly and bumps the layout 150 ms later so
		// hosts ask again; wait for that before reading the menu again.
		snitest.WaitFor(t, waitLong, func() error {
			v, err := snitest.MenuVersion(conn, item.BusName, props.Menu)
			if err == nil && v == before {
				err = fmt.Errorf("menu version still %d", v)
			}
			return err
		})
	})

	t.Run("clicking an entry runs its callback", func(t *testing.T) {
		for _, tc := range []struct{ label, want string }{
			{"Sync now", "sync"},
			{"Open VPACK S3 Sync", "open"},
			{"Pause auto-sync", "pause"},
			{"Quit", "quit"},
		} {
			if err := snitest.ClickLabel(conn, item, tc.label); err != nil {
				t.Fatal(err)
			}
			select {
			case got := <-clicked:
				if got != tc.want {
					t.Fatalf("clicking %q ran %q, want %q", tc.label, got, tc.want)
				}
			case <-time.After(waitLong):
				t.Fatalf("clicking %q ran no callback", tc.label)
			}
		}
	})

	t.Run("status changes reach the icon, tooltip and menu", func(t *testing.T) {
		tr.SetStatus(Status{State: Syncing, Line: "Syncing 3/12 · 45 MB/s", Paused: true})
		waitDrawn(t, drawn, AppName+" · Syncing 3/12 · 45 MB/s")
		p := itemProps(t, conn, item)
		if p.ToolTip != AppName+" · Syncing 3/12 · 45 MB/s" {
			t.Fatalf("tooltip %q", p.ToolTip)
		}
		if err := iconIs(p, Syncing); err != nil {
			t.Fatal(err)
		}
		menuIs(t, conn, item.BusName, p.Menu, []string{"Open VPACK S3 Sync", "Sync now", "Resume auto-sync", "Syncing 3/12 · 45 MB/s", "Quit"})

		tr.SetStatus(Status{State: Error, Line: "Last sync failed"})
		waitDrawn(t, drawn, AppName+" · Last sync failed")
		if err := iconIs(itemProps(t, conn, item), Error); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("language change relabels the menu in Vietnamese", func(t *testing.T) {
		tr.SetLanguage("vi-VN")
		waitDrawn(t, drawn, AppName+" · Last sync failed")
		menuIs(t, conn, item.BusName, props.Menu, []string{"Mở VPACK S3 Sync", "Đồng bộ ngay", "Tạm dừng tự động đồng bộ", "Last sync failed", "Thoát"})
	})

	t.Run("end takes the item off the bus", func(t *testing.T) {
		tr.End()
		tr.End() // a second End is harmless
		snitest.WaitFor(t, waitLong, func() error {
			var has bool
			if err := conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, item.BusName).Store(&has); err != nil {
				return err
			}
			if has {
				return fmt.Errorf("%s still on the bus", item.BusName)
			}
			return nil
		})
	})
}

// waitDrawn waits for the tray to finish a redraw that shows tooltip.
func waitDrawn(t *testing.T, drawn <-chan shown, tooltip string) {
	t.Helper()
	deadline := time.After(waitLong)
	for {
		select {
		case s := <-drawn:
			if s.tip == tooltip && len(drawn) == 0 {
				return
			}
		case <-deadline:
			t.Fatalf("the tray did not redraw with tooltip %q", tooltip)
		}
	}
}

func itemProps(t *testing.T, conn *dbus.Conn, item snitest.Item) snitest.ItemProps {
	t.Helper()
	p, err := snitest.Properties(conn, item)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// menuIs reads the menu once and checks its labels are want.
func menuIs(t *testing.T, conn *dbus.Conn, busName string, menu dbus.ObjectPath, want []string) []snitest.MenuEntry {
	t.Helper()
	entries, err := snitest.Layout(conn, busName, menu)
	if err != nil {
		t.Fatal(err)
	}
	if got := snitest.Labels(entries); !slices.Equal(got, want) {
		t.Fatalf("menu labels %q, want %q", got, want)
	}
	return entries
}

// iconIs checks the item's pixmap is the state's icon: its size, and the disc's fill colour
// inside the rim on the left, where no state draws its sign.
func iconIs(p snitest.ItemProps, s State) error {
	if p.IconWidth != pngIconSize || p.IconHeight != pngIconSize || len(p.IconARGB) != 4*pngIconSize*pngIconSize {
		return fmt.Errorf("icon %dx%d with %d bytes", p.IconWidth, p.IconHeight, len(p.IconARGB))
	}
	fill := iconStyles[s].fill
	i := 4 * (pngIconSize/2*pngIconSize + 10) // x=10, y=32
	got := p.IconARGB[i : i+4]
	if want := []byte{0xff, fill.R, fill.G, fill.B}; !bytes.Equal(got, want) {
		return fmt.Errorf("icon pixel %x, want %s's fill %x", got, s, want)
	}
	return nil
}

// Quitting must exit cleanly even while the tray is still starting or redrawing: systray's
// Linux calls panic once End has closed their connection. Runs in a child process, since
// systray starts once per process.
func TestEndWhileStartingAndRedrawingDoesNotCrash(t *testing.T) {
	if os.Getenv("TRAY_END_CHILD") == "1" {
		endWhileBusy(t)
		return
	}
	snitest.SessionBus(t) // fail or skip here, not in the child
	for _, delay := range []string{"0", "20ms"} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestEndWhileStartingAndRedrawingDoesNotCrash$", "-test.v")
		cmd.Env = append(os.Environ(), "TRAY_END_CHILD=1", "TRAY_END_DELAY="+delay)
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), "--- PASS") || strings.Contains(string(out), "panic") {
			t.Fatalf("ending after %s: %v\n%s", delay, err, out)
		}
	}
}

func endWhileBusy(t *testing.T) {
	conn := snitest.SessionBus(t)
	snitest.StartWatcher(t, conn)
	delay, err := time.ParseDuration(os.Getenv("TRAY_END_DELAY"))
	if err != nil {
		t.Fatal(err)
	}
	tr := New(Options{})
	stop := make(chan struct{})
	busy := make(chan struct{})
	go func() {
		defer close(busy)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			tr.SetStatus(Status{State: State(i % 4), Line: fmt.Sprintf("Syncing %d/100", i)})
			time.Sleep(time.Millisecond)
		}
	}()
	tr.Start()
	time.Sleep(delay)
	tr.End()
	time.Sleep(50 * time.Millisecond) // status updates keep coming after End
	close(stop)
	<-busy
}

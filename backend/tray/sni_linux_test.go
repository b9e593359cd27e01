//go:build linux

package tray

import (
	"bytes"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"vpack-s3-sync/backend/internal/snitest"
)

// These tests need a private session bus: dbus-run-session -- go test ./backend/tray/...
// fyne's systray is one per process and cannot start twice, so one test walks the whole life
// of the real tray.

const waitLong = 5 * time.Second

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
	watcher := snitest.StartWatcher(t, conn)

	clicked := make(chan string, 8)
	cb := Callbacks{
		OnOpen:        func() { clicked <- "open" },
		OnSyncNow:     func() { clicked <- "sync" },
		OnTogglePause: func() { clicked <- "pause" },
		OnQuit:        func() { clicked <- "quit" },
	}
	tr := New(Options{Lang: "en", Callbacks: cb, Status: Status{State: Idle, Line: "Last sync 14:05 · 12 new videos"}})
	if _, ok := tr.(*systemTray); !ok || !tr.Available() {
		t.Fatalf("New with a watcher = %T, want the system tray", tr)
	}
	tr.Start()
	t.Cleanup(tr.End)

	item := watcher.WaitItem(t, waitLong)
	if item.Path != "/StatusNotifierItem" || item.BusName == "" {
		t.Fatalf("registered item = %s", item)
	}

	t.Run("item shows the name, status tooltip and idle icon", func(t *testing.T) {
		snitest.WaitFor(t, waitLong, func() error {
			p, err := snitest.Properties(conn, item)
			if err != nil {
				return err
			}
			if p.Title != AppName || p.ToolTip != AppName+" · Last sync 14:05 · 12 new videos" || p.Menu == "" {
				return fmt.Errorf("title %q, tooltip %q, menu %q", p.Title, p.ToolTip, p.Menu)
			}
			return iconIs(p, Idle)
		})
	})

	t.Run("menu has the five entries in English with the status line disabled", func(t *testing.T) {
		want := []string{"Open VPACK S3 Sync", "Sync now", "Pause auto-sync", "Last sync 14:05 · 12 new videos", "Quit"}
		entries := waitMenu(t, conn, item, want)
		for _, e := range entries {
			if e.Type == "separator" {
				continue
			}
			if wantEnabled := e.Label != want[3]; e.Enabled != wantEnabled {
				t.Errorf("%q enabled = %v, want %v", e.Label, e.Enabled, wantEnabled)
			}
		}
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
		waitMenu(t, conn, item, []string{"Open VPACK S3 Sync", "Sync now", "Resume auto-sync", "Syncing 3/12 · 45 MB/s", "Quit"})
		snitest.WaitFor(t, waitLong, func() error {
			p, err := snitest.Properties(conn, item)
			if err != nil {
				return err
			}
			if p.ToolTip != AppName+" · Syncing 3/12 · 45 MB/s" {
				return fmt.Errorf("tooltip %q", p.ToolTip)
			}
			return iconIs(p, Syncing)
		})
		tr.SetStatus(Status{State: Error, Line: "Last sync failed"})
		snitest.WaitFor(t, waitLong, func() error {
			p, err := snitest.Properties(conn, item)
			if err != nil {
				return err
			}
			return iconIs(p, Error)
		})
	})

	t.Run("language change relabels the menu in Vietnamese", func(t *testing.T) {
		tr.SetLanguage("vi-VN")
		waitMenu(t, conn, item, []string{"Mở VPACK S3 Sync", "Đồng bộ ngay", "Tạm dừng tự động đồng bộ", "Last sync failed", "Thoát"})
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

// waitMenu polls the item's menu until its labels are want, and returns its entries.
func waitMenu(t *testing.T, conn *dbus.Conn, item snitest.Item, want []string) []snitest.MenuEntry {
	t.Helper()
	var entries []snitest.MenuEntry
	snitest.WaitFor(t, waitLong, func() error {
		p, err := snitest.Properties(conn, item)
		if err != nil {
			return err
		}
		entries, err = snitest.Layout(conn, item.BusName, p.Menu)
		if err != nil {
			return err
		}
		if got := snitest.Labels(entries); !slices.Equal(got, want) {
			return fmt.Errorf("menu labels %q, want %q", got, want)
		}
		return nil
	})
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

//go:build linux && !android

package tray

import (
	"context"
	"fmt"
	"time"

	"fyne.io/systray"
	"github.com/godbus/dbus/v5"
)

// WatcherName is the D-Bus name of the StatusNotifierWatcher a Linux tray host owns.
const WatcherName = "org.kde.StatusNotifierWatcher"

// endNeedsStart: systray's Linux end closes the bus connection start opened.
const endNeedsStart = true

// hostAvailable reports whether the session bus has a StatusNotifierWatcher, polling until
// wait has passed; systray registers its item with that watcher.
func hostAvailable(wait time.Duration) (bool, string) {
	ctx, cancel := context.WithTimeout(context.Background(), wait+3*time.Second)
	defer cancel()
	conn, err := sessionBus(ctx)
	if err != nil {
		return false, fmt.Sprintf("no D-Bus session bus: %v", err)
	}
	defer conn.Close()
	deadline := time.Now().Add(wait)
	for {
		var has bool
		err := conn.BusObject().CallWithContext(ctx, "org.freedesktop.DBus.NameHasOwner", 0, WatcherName).Store(&has)
		switch {
		case err != nil:
			return false, fmt.Sprintf("ask the session bus for %s: %v", WatcherName, err)
		case has:
			return true, ""
		case !time.Now().Before(deadline):
			return false, "no " + WatcherName + " on the session bus (the desktop shows no tray icons)"
		}
		time.Sleep(250 * time.Millisecond)
	}
}

// sessionBus connects to the session bus without launching one when there is none (godbus
// would otherwise start dbus-launch, and the tray would register on a bus nobody watches).
func sessionBus(ctx context.Context) (*dbus.Conn, error) {
	conn, err := dbus.SessionBusPrivateNoAutoStartup(dbus.WithContext(ctx))
	if err != nil {
		return nil, err
	}
	if err := conn.Auth(nil); err != nil {
		conn.Close()
		return nil, err
	}
	if err := conn.Hello(); err != nil {
		conn.Close()
		return nil, err
	}
	return conn, nil
}

// beforeRegister names the item: systray uses the title as the item's Id when it starts.
func beforeRegister() { systray.SetTitle(AppName) }

// onMainThread: systray's Linux start only talks D-Bus, from any goroutine.
func onMainThread(f func()) { f() }

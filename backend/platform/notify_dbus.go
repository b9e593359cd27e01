//go:build !windows && !darwin

package platform

import (
	"context"
	"fmt"
	"time"

	"github.com/godbus/dbus/v5"
)

const (
	notificationsName  = "org.freedesktop.Notifications"
	notificationsPath  = dbus.ObjectPath("/org/freedesktop/Notifications")
	notificationsIface = "org.freedesktop.Notifications"
	notifyTimeout      = 5 * time.Second
)

// notify calls org.freedesktop.Notifications.Notify on the session bus, on a connection of
// its own that never launches a bus when there is none.
func notify(title, body string) error {
	ctx, cancel := context.WithTimeout(context.Background(), notifyTimeout)
	defer cancel()
	conn, err := dbus.SessionBusPrivateNoAutoStartup(dbus.WithContext(ctx))
	if err != nil {
		return fmt.Errorf("connect to the session bus: %w", err)
	}
	defer conn.Close()
	if err := conn.Auth(nil); err != nil {
		return fmt.Errorf("authenticate to the session bus: %w", err)
	}
	if err := conn.Hello(); err != nil {
		return fmt.Errorf("greet the session bus: %w", err)
	}
	hints := map[string]dbus.Variant{
		"desktop-entry": dbus.MakeVariant("vpack-s3-sync"),
		"urgency":       dbus.MakeVariant(byte(1)), // normal
	}
	var id uint32
	err = conn.Object(notificationsName, notificationsPath).CallWithContext(ctx, notificationsIface+".Notify", 0,
		notifyAppName, uint32(0), "vpack-s3-sync", title, body, []string{}, hints, int32(-1)).Store(&id)
	if err != nil {
		return fmt.Errorf("%s.Notify: %w", notificationsIface, err)
	}
	return nil
}

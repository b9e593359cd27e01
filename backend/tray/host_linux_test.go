//go:build linux

package tray

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestNewReturnsNoopWithoutASessionBus(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path="+filepath.Join(t.TempDir(), "no-bus"))
	ok, reason := hostAvailable(0)
	if ok || !strings.Contains(reason, "no D-Bus session bus") {
		t.Fatalf("hostAvailable = %v, %q; want false for a missing bus", ok, reason)
	}
	if tr := New(Options{}); tr.Available() {
		t.Fatalf("New without a bus = %T, want Noop", tr)
	}
}

//go:build !windows && !darwin

package platform

import (
	"strings"
	"sync"
	"testing"

	"github.com/godbus/dbus/v5"

	"vpack-s3-sync/backend/snitest"
)

// notificationServer stands in for a desktop's notification daemon.
type notificationServer struct {
	mu   sync.Mutex
	got  []notification
	next uint32
}

type notification struct {
	App, Icon, Summary, Body string
	Hints                    map[string]dbus.Variant
	Timeout                  int32
}

func (s *notificationServer) Notify(app string, replaces uint32, icon, summary, body string, actions []string, hints map[string]dbus.Variant, timeout int32) (uint32, *dbus.Error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.got = append(s.got, notification{app, icon, summary, body, hints, timeout})
	s.next++
	return s.next, nil
}

func TestNotifyReachesTheSessionsNotificationServer(t *testing.T) {
	conn := snitest.SessionBus(t)
	srv := &notificationServer{}
	if err := conn.Export(srv, notificationsPath, notificationsIface); err != nil {
		t.Fatal(err)
	}
	if reply, err := conn.RequestName(notificationsName, dbus.NameFlagDoNotQueue); err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("own %s: reply %d, %v (run under a private bus)", notificationsName, reply, err)
	}
	released := false
	t.Cleanup(func() {
		if !released {
			conn.ReleaseName(notificationsName)
		}
	})

	if err := Notify("VPACK S3 Sync", "Cổng trước: 12 video mới"); err != nil {
		t.Fatal(err)
	}
	srv.mu.Lock()
	got := append([]notification(nil), srv.got...)
	srv.mu.Unlock()
	if len(got) != 1 {
		t.Fatalf("server got %d notifications, want 1", len(got))
	}
	n := got[0]
	if n.App != "VPACK S3 Sync" || n.Summary != "VPACK S3 Sync" || n.Body != "Cổng trước: 12 video mới" || n.Timeout != -1 {
		t.Fatalf("notification %+v", n)
	}
	if de, _ := n.Hints["desktop-entry"].Value().(string); de != "vpack-s3-sync" {
		t.Fatalf("desktop-entry hint %q", de)
	}

	if _, err := conn.ReleaseName(notificationsName); err != nil {
		t.Fatal(err)
	}
	released = true
	err := Notify("VPACK S3 Sync", "nobody listens")
	if err == nil || !strings.Contains(err.Error(), "org.freedesktop.Notifications") {
		t.Fatalf("Notify with no server = %v, want an error naming the service", err)
	}
}

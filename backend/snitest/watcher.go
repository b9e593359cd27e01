package snitest

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/godbus/dbus/v5/introspect"
	"github.com/godbus/dbus/v5/prop"
)

// The watcher's well-known name, object path and interface, as KDE and the GNOME
// AppIndicator extension publish them.
const (
	WatcherName  = "org.kde.StatusNotifierWatcher"
	WatcherPath  = dbus.ObjectPath("/StatusNotifierWatcher")
	watcherIface = "org.kde.StatusNotifierWatcher"
	defaultPath  = dbus.ObjectPath("/StatusNotifierItem")
)

// Item is a registered StatusNotifierItem: the bus name that serves it and its object path.
type Item struct {
	BusName string
	Path    dbus.ObjectPath
}

func (i Item) String() string { return i.BusName + string(i.Path) }

// Watcher is a minimal StatusNotifierWatcher: items register, a host is always present.
type Watcher struct {
	conn  *dbus.Conn
	props *prop.Properties
	items chan Item

	mu         sync.Mutex
	registered []string
}

// StartWatcher exports the watcher on conn and takes its well-known name; the name is
// released and the object unexported when the test ends. It fails the test if another
// watcher already owns the name.
func StartWatcher(t testing.TB, conn *dbus.Conn) *Watcher {
	t.Helper()
	w := &Watcher{conn: conn, items: make(chan Item, 16)}
	if err := conn.Export(w, WatcherPath, watcherIface); err != nil {
		t.Fatalf("export watcher: %v", err)
	}
	props, err := prop.Export(conn, WatcherPath, prop.Map{watcherIface: {
		"RegisteredStatusNotifierItems":  {Value: []string{}, Emit: prop.EmitTrue},
		"IsStatusNotifierHostRegistered": {Value: true, Emit: prop.EmitTrue},
		"ProtocolVersion":                {Value: int32(0), Emit: prop.EmitTrue},
	}})
	if err != nil {
		t.Fatalf("export watcher properties: %v", err)
	}
	w.props = props
	node := &introspect.Node{Name: string(WatcherPath), Interfaces: []introspect.Interface{
		introspect.IntrospectData,
		prop.IntrospectData,
		{
			Name: watcherIface,
			Methods: []introspect.Method{
				{Name: "RegisterStatusNotifierItem", Args: []introspect.Arg{{Name: "service", Type: "s", Direction: "in"}}},
				{Name: "RegisterStatusNotifierHost", Args: []introspect.Arg{{Name: "service", Type: "s", Direction: "in"}}},
			},
			Properties: props.Introspection(watcherIface),
			Signals: []introspect.Signal{
				{Name: "StatusNotifierItemRegistered", Args: []introspect.Arg{{Name: "service", Type: "s"}}},
				{Name: "StatusNotifierHostRegistered"},
			},
		},
	}}
	if err := conn.Export(introspect.NewIntrospectable(node), WatcherPath, "org.freedesktop.DBus.Introspectable"); err != nil {
		t.Fatalf("export watcher introspection: %v", err)
	}
	reply, err := conn.RequestName(WatcherName, dbus.NameFlagDoNotQueue)
	if err != nil {
		t.Fatalf("request %s: %v", WatcherName, err)
	}
	if reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("%s is already owned on this bus (reply %d): run under a private bus", WatcherName, reply)
	}
	t.Cleanup(func() {
		_, _ = conn.ReleaseName(WatcherName)
		_ = conn.Export(nil, WatcherPath, watcherIface)
	})
	return w
}

// RegisterStatusNotifierItem is the D-Bus method items call. service is either an object
// path on the caller's connection (what fyne's systray sends) or a bus name.
func (w *Watcher) RegisterStatusNotifierItem(sender dbus.Sender, service string) *dbus.Error {
	item := Item{BusName: string(sender), Path: defaultPath}
	if strings.HasPrefix(service, "/") {
		item.Path = dbus.ObjectPath(service)
	} else if service != "" {
		item.BusName = service
	}
	w.mu.Lock()
	w.registered = append(w.registered, item.String())
	list := append([]string(nil), w.registered...)
	w.mu.Unlock()
	w.props.SetMust(watcherIface, "RegisteredStatusNotifierItems", list)
	_ = w.conn.Emit(WatcherPath, watcherIface+".StatusNotifierItemRegistered", item.String())
	select {
	case w.items <- item:
	default: // nobody is reading and the buffer is full: the list above still has it
	}
	return nil
}

// RegisterStatusNotifierHost accepts a host; this stand-in always reports one.
func (w *Watcher) RegisterStatusNotifierHost(service string) *dbus.Error { return nil }

// Items delivers each item as it registers.
func (w *Watcher) Items() <-chan Item { return w.items }

// Registered returns every registration so far, as "busname/path".
func (w *Watcher) Registered() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.registered...)
}

// WaitItem returns the next item to register, failing the test after timeout.
func (w *Watcher) WaitItem(t testing.TB, timeout time.Duration) Item {
	t.Helper()
	select {
	case item := <-w.items:
		return item
	case <-time.After(timeout):
		t.Fatalf("no StatusNotifierItem registered within %s", timeout)
		return Item{}
	}
}

// WaitFor polls check until it returns nil or timeout passes, then fails the test with its
// last error. Use it for properties and menus that change after a signal.
func WaitFor(t testing.TB, timeout time.Duration, check func() error) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		err := check()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal(fmt.Errorf("after %s: %w", timeout, err))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Package snitest stands in for a Linux desktop's tray host in tests: a minimal
// org.kde.StatusNotifierWatcher on the session bus that records which items register, and a
// com.canonical.dbusmenu client that reads an item's menu and clicks its entries. Run the
// tests inside a private bus (`dbus-run-session -- go test …`). Test support only; no
// production code imports it.
package snitest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
)

// CI reports whether a missing session bus must fail the test rather than skip it.
func CI() bool { return os.Getenv("CI") == "true" }

// SessionBus opens a private connection to the session bus named by
// DBUS_SESSION_BUS_ADDRESS, closed when the test ends. With no bus the test fails under
// CI=true and is skipped elsewhere; it never launches a bus of its own.
func SessionBus(t testing.TB) *dbus.Conn {
	t.Helper()
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		msg := "no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS unset): run the tests under `dbus-run-session -- go test …`"
		if CI() {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	conn, err := dbus.ConnectSessionBus() // WithContext would close it when the context ends
	if err != nil {
		t.Fatalf("connect to the session bus: %v", err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

// callTimeout bounds every call the helpers make, so a hung peer fails the test instead of
// hanging it.
const callTimeout = 5 * time.Second

func call(conn *dbus.Conn, dest string, path dbus.ObjectPath, method string, args ...any) *dbus.Call {
	ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
	defer cancel()
	return conn.Object(dest, path).CallWithContext(ctx, method, 0, args...)
}

// ItemProps are the StatusNotifierItem properties a test checks.
type ItemProps struct {
	ID, Title, Status string
	ToolTip           string // the tooltip's title
	Menu              dbus.ObjectPath
	IconWidth         int32 // of the first IconPixmap image; 0 when none
	IconHeight        int32
	IconARGB          []byte
}

const itemIface = "org.kde.StatusNotifierItem"

// Properties reads an item's properties.
func Properties(conn *dbus.Conn, item Item) (ItemProps, error) {
	var all map[string]dbus.Variant
	if err := call(conn, item.BusName, item.Path, "org.freedesktop.DBus.Properties.GetAll", itemIface).Store(&all); err != nil {
		return ItemProps{}, fmt.Errorf("read %s properties of %s: %w", itemIface, item, err)
	}
	var p ItemProps
	str := func(name string) string { s, _ := all[name].Value().(string); return s }
	p.ID, p.Title, p.Status = str("Id"), str("Title"), str("Status")
	p.Menu, _ = all["Menu"].Value().(dbus.ObjectPath)
	// ToolTip is (sa(iiay)ss): icon name, icons, title, description.
	if tip, ok := all["ToolTip"].Value().([]any); ok && len(tip) == 4 {
		p.ToolTip, _ = tip[2].(string)
	}
	// IconPixmap is a(iiay): width, height, ARGB32 bytes in network order.
	if pixmaps, ok := all["IconPixmap"].Value().([][]any); ok && len(pixmaps) > 0 && len(pixmaps[0]) == 3 {
		p.IconWidth, _ = pixmaps[0][0].(int32)
		p.IconHeight, _ = pixmaps[0][1].(int32)
		p.IconARGB, _ = pixmaps[0][2].([]byte)
	}
	return p, nil
}

// MenuEntry is one item of a dbusmenu layout, with the spec's defaults filled in.
type MenuEntry struct {
	ID       int32
	Label    string
	Type     string // "standard" or "separator"
	Enabled  bool
	Visible  bool
	Children []MenuEntry
}

// Layout returns the top-level entries of the dbusmenu at menuPath (GetLayout of the root).
func Layout(conn *dbus.Conn, busName string, menuPath dbus.ObjectPath) ([]MenuEntry, error) {
	var revision uint32
	var root []any // (ia{sv}av)
	c := call(conn, busName, menuPath, "com.canonical.dbusmenu.GetLayout", int32(0), int32(-1), []string{})
	if err := c.Store(&revision, &root); err != nil {
		return nil, fmt.Errorf("GetLayout %s%s: %w", busName, menuPath, err)
	}
	e, err := parseEntry(root)
	if err != nil {
		return nil, err
	}
	return e.Children, nil
}

func parseEntry(v []any) (MenuEntry, error) {
	if len(v) != 3 {
		return MenuEntry{}, fmt.Errorf("menu layout: want (ia{sv}av), got %d fields", len(v))
	}
	id, ok1 := v[0].(int32)
	props, ok2 := v[1].(map[string]dbus.Variant)
	children, ok3 := v[2].([]dbus.Variant)
	if !ok1 || !ok2 || !ok3 {
		return MenuEntry{}, fmt.Errorf("menu layout: unexpected types %T %T %T", v[0], v[1], v[2])
	}
	e := MenuEntry{ID: id, Type: "standard", Enabled: true, Visible: true}
	if s, ok := props["label"].Value().(string); ok {
		e.Label = s
	}
	if s, ok := props["type"].Value().(string); ok && s != "" {
		e.Type = s
	}
	if b, ok := props["enabled"].Value().(bool); ok {
		e.Enabled = b
	}
	if b, ok := props["visible"].Value().(bool); ok {
		e.Visible = b
	}
	for _, c := range children {
		fields, ok := c.Value().([]any)
		if !ok {
			return MenuEntry{}, fmt.Errorf("menu layout: child of %d is %T", id, c.Value())
		}
		child, err := parseEntry(fields)
		if err != nil {
			return MenuEntry{}, err
		}
		e.Children = append(e.Children, child)
	}
	return e, nil
}

// MenuVersion reads the dbusmenu's Version property, which the item bumps whenever its
// layout changes.
func MenuVersion(conn *dbus.Conn, busName string, menuPath dbus.ObjectPath) (uint32, error) {
	var v dbus.Variant
	if err := call(conn, busName, menuPath, "org.freedesktop.DBus.Properties.Get", "com.canonical.dbusmenu", "Version").Store(&v); err != nil {
		return 0, fmt.Errorf("read menu version of %s%s: %w", busName, menuPath, err)
	}
	version, ok := v.Value().(uint32)
	if !ok {
		return 0, fmt.Errorf("menu version of %s%s is %T", busName, menuPath, v.Value())
	}
	return version, nil
}

// Labels lists the labels of the visible, non-separator entries, in menu order.
func Labels(entries []MenuEntry) []string {
	var out []string
	for _, e := range entries {
		if e.Visible && e.Type != "separator" {
			out = append(out, e.Label)
		}
	}
	return out
}

// Find returns the visible entry labelled label.
func Find(entries []MenuEntry, label string) (MenuEntry, bool) {
	for _, e := range entries {
		if e.Visible && e.Label == label {
			return e, true
		}
	}
	return MenuEntry{}, false
}

// Click sends the "clicked" event a tray host sends when the user picks entry id.
func Click(conn *dbus.Conn, busName string, menuPath dbus.ObjectPath, id int32) error {
	c := call(conn, busName, menuPath, "com.canonical.dbusmenu.Event",
		id, "clicked", dbus.MakeVariant(int32(0)), uint32(time.Now().Unix()))
	if c.Err != nil {
		return fmt.Errorf("click %d on %s%s: %w", id, busName, menuPath, c.Err)
	}
	return nil
}

// ClickLabel finds the entry labelled label in the item's menu and clicks it.
func ClickLabel(conn *dbus.Conn, item Item, label string) error {
	props, err := Properties(conn, item)
	if err != nil {
		return err
	}
	entries, err := Layout(conn, item.BusName, props.Menu)
	if err != nil {
		return err
	}
	e, ok := Find(entries, label)
	if !ok {
		return fmt.Errorf("no menu entry %q in %s (have %s)", label, item, strings.Join(Labels(entries), ", "))
	}
	if !e.Enabled {
		return errors.New("menu entry " + label + " is disabled")
	}
	return Click(conn, item.BusName, props.Menu, e.ID)
}

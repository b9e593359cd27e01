//go:build !windows && !darwin

package platform

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestStartAtLoginWritesAndRemovesTheXDGAutostartEntry(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "with space", "config")
	t.Setenv("XDG_CONFIG_HOME", cfg)
	path := filepath.Join(cfg, "autostart", "vpack-s3-sync.desktop")
	exe, err := loginExecutable()
	if err != nil {
		t.Fatal(err)
	}
	wantEntry, _ := xdgAutostartEntry(exe)

	mustEnabled := func(want bool) {
		t.Helper()
		got, err := StartAtLoginEnabled()
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Fatalf("StartAtLoginEnabled = %v, want %v", got, want)
		}
	}
	mustEnabled(false) // off by default

	for i := 0; i < 2; i++ { // turning it on twice is fine
		if err := SetStartAtLogin(true); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, wantEntry) {
		t.Fatalf("entry:\n%s\nwant:\n%s", got, wantEntry)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o644 {
		t.Fatalf("entry mode %v, want 0644", st.Mode().Perm())
	}
	mustEnabled(true)

	// The user switches it off in GNOME's Startup Applications; turning it on again wins.
	off := bytes.Replace(got, []byte("X-GNOME-Autostart-enabled=true"), []byte("X-GNOME-Autostart-enabled=false"), 1)
	if err := os.WriteFile(path, off, 0o644); err != nil {
		t.Fatal(err)
	}
	mustEnabled(false)
	if err := SetStartAtLogin(true); err != nil {
		t.Fatal(err)
	}
	mustEnabled(true)

	for i := 0; i < 2; i++ { // turning it off when already off is fine
		if err := SetStartAtLogin(false); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("entry still there after turning off: %v", err)
	}
	mustEnabled(false)
	if left, _ := os.ReadDir(filepath.Dir(path)); len(left) != 0 {
		t.Fatalf("left behind in the autostart folder: %v", left)
	}
}

func TestStartAtLoginIgnoresARelativeXDGConfigHome(t *testing.T) {
	home := t.TempDir()
	t.Chdir(t.TempDir())
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", "relative/config")
	if err := SetStartAtLogin(true); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(home, ".config", "autostart", "vpack-s3-sync.desktop")); err != nil {
		t.Fatalf("entry not under $HOME/.config: %v", err)
	}
	if _, err := os.Stat("relative"); !os.IsNotExist(err) {
		t.Fatal("wrote under the relative XDG_CONFIG_HOME")
	}
}

// GLib's launcher (what GNOME's session uses) reads the entry and starts the program with
// --hidden, from a folder whose name needs every kind of quoting.
func TestAutostartEntryStartsTheProgramThroughGLib(t *testing.T) {
	gio, err := exec.LookPath("gio")
	if err != nil {
		msg := "gio (libglib2.0-bin, pulled in by libgtk-3-dev) not found"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	dir := filepath.Join(t.TempDir(), `VPACK S3 $ync "q" it's `+"`b`"+` \x`)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "args")
	prog := filepath.Join(dir, "vpack s3 sync")
	script := "#!/bin/sh\nprintf '%s\\n' \"$0\" \"$@\" > '" + out + ".tmp' && mv '" + out + ".tmp' '" + out + "'\n"
	if err := os.WriteFile(prog, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	entry, err := xdgAutostartEntry(prog)
	if err != nil {
		t.Fatal(err)
	}
	desktop := filepath.Join(t.TempDir(), "vpack-s3-sync.desktop")
	if err := os.WriteFile(desktop, entry, 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := exec.Command(gio, "launch", desktop).CombinedOutput(); err != nil {
		t.Fatalf("gio launch: %v\n%s", err, b)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		b, err := os.ReadFile(out)
		if err == nil {
			if got := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n"); !slices.Equal(got, []string{prog, StartHiddenArg}) {
				t.Fatalf("program started as %q, want [%q %q]", got, prog, StartHiddenArg)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("gio launch did not start the program")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

//go:build linux && desktoptest

package main

// The built desktop app, for real: under Xvfb on a private D-Bus session with a
// StatusNotifierWatcher stand-in, driven through its tray menu over D-Bus. Run by
// scripts/desktop-test.sh (make smoke) after make build; needs the keychain and versitygw.

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"vpack-s3-sync/backend/connections"
	"vpack-s3-sync/backend/platform"
	"vpack-s3-sync/backend/s3test"
	"vpack-s3-sync/backend/secrets"
	"vpack-s3-sync/backend/snitest"
	"vpack-s3-sync/backend/store"
	"vpack-s3-sync/backend/tray"
)

const windowTitle = "VPACK S3 Sync"

func appBinary(t *testing.T) string {
	t.Helper()
	bin, err := filepath.Abs("build/bin/vpack-s3-sync")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("%s missing: run make build first", bin)
	}
	if os.Getenv("DISPLAY") == "" {
		t.Fatal("no DISPLAY: run under xvfb-run (scripts/desktop-test.sh)")
	}
	return bin
}

func windowState(t *testing.T) string {
	t.Helper()
	out, _ := exec.Command("scripts/x11-window.py", "state", windowTitle).Output()
	return strings.TrimSpace(string(out))
}

// seedSource saves a connection (secret in the real keychain) and a source, as the wizard would.
func seedSource(t *testing.T, srv *s3test.Server, dest string) int64 {
	t.Helper()
	path, err := platform.DBPath()
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	conn, _, err := connections.New(st, secrets.Default, connections.S3).Add(ctx, connections.AddInput{
		Name: "Shop", Endpoint: srv.Endpoint, Region: srv.Region, AccessKeyID: srv.AccessKey, SecretAccessKey: srv.SecretKey,
	})
	if err != nil {
		t.Fatal(err)
	}
	src := store.Source{ConnectionID: conn.ID, Name: "cams", Bucket: "cams", Prefix: "camera1/", LocalDir: dest, IntervalMinutes: 24 * 60, Enabled: true}
	if err := st.CreateSource(ctx, &src); err != nil {
		t.Fatal(err)
	}
	// The first scheduled run is a day away, so every run this test sees came from the tray.
	src.LastRunAt = time.Now()
	if err := st.UpdateSource(ctx, src); err != nil {
		t.Fatal(err)
	}
	return src.ID
}

func TestDesktopAppLivesInTheTray(t *testing.T) {
	bin := appBinary(t)
	conn := snitest.SessionBus(t)
	watcher := snitest.StartWatcher(t, conn)
	srv := s3test.Start(t)
	srv.CreateBucket(t, "cams")
	for i := 0; i < 3; i++ {
		srv.Put(t, "cams", fmt.Sprintf("camera1/2026/12/01/%02d00.mp4", 8+i), []byte(strings.Repeat("v", 4096+i)))
	}
	home, dest := t.TempDir(), t.TempDir()
	t.Setenv("VPACK_S3_SYNC_HOME", home)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	sourceID := seedSource(t, srv, dest)

	app := exec.Command(bin)
	app.Env = append(os.Environ(), "LANG=en_US.UTF-8")
	logFile, _ := os.Create(filepath.Join(home, "app-output.log"))
	app.Stdout, app.Stderr = logFile, logFile
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- app.Wait() }()
	t.Cleanup(func() {
		if app.ProcessState == nil {
			_ = app.Process.Kill()
		}
	})

	item := watcher.WaitItem(t, 30*time.Second)
	labels := tray.LabelsFor("en")
	snitest.WaitFor(t, 15*time.Second, func() error {
		props, err := snitest.Properties(conn, item)
		if err != nil {
			return err
		}
		entries, err := snitest.Layout(conn, item.BusName, props.Menu)
		if err != nil {
			return err
		}
		got := strings.Join(snitest.Labels(entries), " | ")
		for _, want := range []string{labels.Open, labels.SyncNow, labels.Pause, labels.Quit} {
			if !strings.Contains(got, want) {
				return fmt.Errorf("menu %q lacks %q", got, want)
			}
		}
		return nil
	})

	t.Run("closing the window hides it and the app keeps running", func(t *testing.T) {
		snitest.WaitFor(t, 20*time.Second, func() error {
			if s := windowState(t); s != "viewable" {
				return fmt.Errorf("window is %s", s)
			}
			return nil
		})
		if out, err := exec.Command("scripts/x11-window.py", "close", windowTitle).CombinedOutput(); err != nil {
			t.Fatalf("close window: %v %s", err, out)
		}
		snitest.WaitFor(t, 10*time.Second, func() error {
			if s := windowState(t); s != "hidden" {
				return fmt.Errorf("window is %s after close", s)
			}
			return nil
		})
		select {
		case err := <-exited:
			t.Fatalf("the app exited when its window closed: %v", err)
		case <-time.After(time.Second):
		}
	})

	t.Run("a second launch exits and shows the first window", func(t *testing.T) {
		second := exec.Command(bin)
		second.Env = app.Env
		done := make(chan error, 1)
		if err := second.Start(); err != nil {
			t.Fatal(err)
		}
		go func() { done <- second.Wait() }()
		select {
		case err := <-done:
			// Wails hands the arguments to the first instance over D-Bus and exits with 1.
			if err != nil && second.ProcessState.ExitCode() != 1 {
				t.Fatalf("second launch: %v", err)
			}
		case <-time.After(20 * time.Second):
			_ = second.Process.Kill()
			t.Fatal("a second launch kept running beside the first")
		}
		snitest.WaitFor(t, 10*time.Second, func() error {
			if s := windowState(t); s != "viewable" {
				return fmt.Errorf("first window is %s after a second launch", s)
			}
			return nil
		})
	})

	t.Run("tray Sync now runs the source into the history", func(t *testing.T) {
		if err := snitest.ClickLabel(conn, item, labels.SyncNow); err != nil {
			t.Fatal(err)
		}
		path, _ := platform.DBPath()
		snitest.WaitFor(t, 60*time.Second, func() error {
			st, err := store.OpenReader(path)
			if err != nil {
				return err
			}
			defer st.Close()
			runs, err := st.ListRuns(context.Background(), sourceID, 5)
			if err != nil {
				return err
			}
			if len(runs) != 1 || runs[0].Status != store.RunOK || runs[0].Downloaded != 3 || runs[0].Trigger != "tray" {
				return fmt.Errorf("runs = %+v", runs)
			}
			return nil
		})
	})

	t.Run("Quit exits 0 with no partial files", func(t *testing.T) {
		if err := snitest.ClickLabel(conn, item, labels.Quit); err != nil {
			t.Fatal(err)
		}
		select {
		case err := <-exited:
			if err != nil {
				t.Fatalf("quit: %v", err)
			}
		case <-time.After(20 * time.Second):
			t.Fatal("the app did not exit after Quit")
		}
		_ = filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
			if err == nil && strings.Contains(d.Name(), ".vpack-partial") {
				t.Errorf("partial file left: %s", p)
			}
			return nil
		})
	})
}

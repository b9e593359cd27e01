package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"vpack-s3-sync/backend/platform/wailsrt"
	"vpack-s3-sync/backend/s3test"
	"vpack-s3-sync/backend/syncer"
)

// keychainOrSkip: the facade saves secrets in the real OS keychain (scripts/with-keyring.sh).
func keychainOrSkip(t *testing.T) {
	t.Helper()
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") != "" {
		return
	}
	if s3test.CI() {
		t.Fatal("no D-Bus session: run the tests under scripts/with-keyring.sh")
	}
	t.Skip("no D-Bus session for the keychain")
}

func startFacade(t *testing.T) (*App, *wailsrt.Recorder) {
	t.Helper()
	keychainOrSkip(t)
	t.Setenv("VPACK_S3_SYNC_HOME", t.TempDir())
	t.Setenv("XDG_CONFIG_HOME", t.TempDir()) // start-at-login writes here
	a := NewApp(desktopOptions{})
	rec := &wailsrt.Recorder{}
	if err := a.startServices(context.Background(), rec); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.stopServices)
	return a, rec
}

// uiCode reads the apperr JSON a bound method rejects with.
func uiCode(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	var e struct{ Code, Key, Hint string }
	if jerr := json.Unmarshal([]byte(err.Error()), &e); jerr != nil || e.Key == "" {
		t.Fatalf("error is not apperr JSON: %q", err.Error())
	}
	return e.Code
}

func TestFacadeTakesAFirstUserFromKeysToVideosOnDisk(t *testing.T) {
	a, rec := startFacade(t)
	srv := s3test.Start(t)
	srv.CreateBucket(t, "cams")
	videos := map[string]string{"camera1/2026/12/01/0800.mp4": "v1", "camera1/2026/12/01/0900.mp4": "v2"}
	for k, v := range videos {
		srv.Put(t, "cams", k, []byte(v))
	}
	srv.Put(t, "cams", "camera1/snapshot.jpg", []byte("jpg"))

	st, err := a.GetState()
	if err != nil || st.HasConnections || st.HasSources {
		t.Fatalf("fresh state = %+v, %v", st, err)
	}
	in := ConnectionInput{Name: "Shop", AccessKeyID: srv.AccessKey, SecretAccessKey: "wrong", Endpoint: srv.Endpoint, PathStyle: true}
	if _, err := a.TestConnection(in); uiCode(t, err) != "auth.bad_secret" {
		t.Fatalf("wrong secret: %v", err)
	}
	in.SecretAccessKey = srv.SecretKey
	res, err := a.TestConnection(in)
	if err != nil || !res.CanListBuckets || res.BucketCount != 1 {
		t.Fatalf("test connection = %+v, %v", res, err)
	}
	conn, err := a.AddConnection(in)
	if err != nil || conn.ID == 0 || conn.KeyAgeDays != 0 {
		t.Fatalf("add = %+v, %v", conn, err)
	}
	buckets, err := a.ListBuckets(conn.ID)
	if err != nil || len(buckets) != 1 || buckets[0].Name != "cams" {
		t.Fatalf("buckets = %+v, %v", buckets, err)
	}
	lvl, err := a.ListLevel(conn.ID, "cams", "camera1/", "")
	if err != nil || len(lvl.Folders) != 1 || lvl.Folders[0].Name != "2026" || len(lvl.Files) != 1 || lvl.Files[0].IsVideo {
		t.Fatalf("level = %+v, %v", lvl, err)
	}
	pv, err := a.PreviewFolder(conn.ID, "cams", "camera1/")
	if err != nil || pv.VideoCount != 2 || pv.EstimatedListRequests != 1 {
		t.Fatalf("preview = %+v, %v", pv, err)
	}

	dest := t.TempDir()
	src, err := a.SaveSource(SourceInput{ConnectionID: conn.ID, Bucket: "cams", Prefix: "camera1", LocalDir: dest, IntervalMinutes: 60, Enabled: true})
	if err != nil || src.ID == 0 || src.Prefix != "camera1/" || src.ConnectionName != "Shop" {
		t.Fatalf("save source = %+v, %v", src, err)
	}
	if err := a.SyncNow(src.ID); err != nil {
		t.Fatal(err)
	}
	finished := waitEvent(t, rec, "sync:finished:"+itoa(src.ID))
	run := finished.(RunView)
	if run.Downloaded != 2 || run.Status != "ok" || run.EstimatedCostUsd != 0 || run.CostEstimated {
		t.Fatalf("run = %+v", run)
	}
	for k, v := range videos {
		got, err := os.ReadFile(filepath.Join(dest, strings.TrimPrefix(k, "camera1/")))
		if err != nil || string(got) != v {
			t.Fatalf("%s on disk: %q %v", k, got, err)
		}
	}
	page, err := a.HistoryPage(HistoryQuery{SourceID: src.ID, Limit: 10})
	if err != nil || page.Total != 2 || len(page.Rows) != 2 {
		t.Fatalf("history = %+v, %v", page, err)
	}
	runs, err := a.ListRuns(src.ID, 5)
	if err != nil || len(runs) != 1 || runs[0].GetRequests != 2 {
		t.Fatalf("runs = %+v, %v", runs, err)
	}
	sources, err := a.ListSources()
	if err != nil || len(sources) != 1 || sources[0].LastRun == nil || sources[0].LastRun.Downloaded != 2 || sources[0].NextRunMs == 0 {
		t.Fatalf("sources = %+v, %v", sources, err)
	}
	if st, _ := a.GetState(); !st.HasConnections || !st.HasSources {
		t.Fatalf("state after setup = %+v", st)
	}
	if err := a.RemoveConnection(conn.ID); uiCode(t, err) != "input.invalid" {
		t.Fatalf("removing a connection in use: %v", err)
	}
}

func TestFacadeSettingsPersistAndRejectNonsense(t *testing.T) {
	a, _ := startFacade(t)
	s, err := a.GetSettings()
	if err != nil || s.Concurrency != syncer.DefaultConcurrency || !s.Notifications || s.StartAtLogin {
		t.Fatalf("defaults = %+v, %v", s, err)
	}
	want := Settings{Lang: "vi", Concurrency: 6, BandwidthLimitKBps: 2048, StartAtLogin: true, Notifications: false}
	if err := a.SaveSettings(want); err != nil {
		t.Fatal(err)
	}
	got, _ := a.GetSettings()
	if got != want {
		t.Fatalf("settings = %+v, want %+v", got, want)
	}
	if st, _ := a.GetState(); st.Lang != "vi" {
		t.Fatalf("state lang = %q", st.Lang)
	}
	for _, bad := range []Settings{{Lang: "fr", Concurrency: 4}, {Lang: "en", Concurrency: 0}, {Lang: "en", Concurrency: 4, BandwidthLimitKBps: -1}} {
		if err := a.SaveSettings(bad); uiCode(t, err) != "input.invalid" {
			t.Fatalf("SaveSettings(%+v) = %v", bad, err)
		}
	}
	policy, err := a.GeneratePolicy("shop-cams", false)
	if err != nil || !strings.Contains(policy, "arn:aws:s3:::shop-cams/*") {
		t.Fatalf("policy = %s, %v", policy, err)
	}
}

func TestFacadeReportsAStartFailureOnEveryCall(t *testing.T) {
	first, _ := startFacade(t) // holds the database of this test's data folder
	_ = first
	second := NewApp(desktopOptions{})
	second.startErr = second.startServices(context.Background(), &wailsrt.Recorder{})
	if _, err := second.GetState(); uiCode(t, err) != "store.conflict" {
		t.Fatalf("second instance: %v", err)
	}
	if _, err := second.ListSources(); uiCode(t, err) != "store.conflict" {
		t.Fatalf("second instance: %v", err)
	}
}

func waitEvent(t *testing.T, rec *wailsrt.Recorder, name string) any {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		for _, e := range rec.Events() {
			if e.Name == name {
				return e.Data
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("no %s event; got %v", name, rec.Events())
	return nil
}

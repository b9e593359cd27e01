package demo

import (
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestLayoutHasCamerasDaysHoursVideosAndOtherFiles(t *testing.T) {
	now := time.Date(2026, 12, 4, 15, 0, 0, 0, time.UTC)
	items := Layout(now)
	want := []string{
		"camera1/2026/12/01/07/camera1_20261201_070000.mp4",
		"camera1/2026/12/01/07/snapshot_070000.jpg",
		"camera3/2026/12/03/22/camera3_20261203_223000.mp4",
		"camera2/2026/12/02/events/motion/camera2_20261202_131205.mp4",
		"logs/camera1/2026-12-01.txt",
		"README.txt",
	}
	keys := map[string]Item{}
	videos := 0
	for i, it := range items {
		keys[it.Key] = it
		if i > 0 && items[i-1].Key >= it.Key {
			t.Fatalf("keys not in binary order at %q", it.Key)
		}
		if !it.Modified.Before(now) {
			t.Errorf("%s modified in the future: %v", it.Key, it.Modified)
		}
		if strings.HasSuffix(it.Key, ".mp4") {
			videos++
			if !bytes.Contains(it.Body[:64], []byte("ftyp")) {
				t.Errorf("%s is not an MP4", it.Key)
			}
		}
	}
	for _, k := range want {
		if _, ok := keys[k]; !ok {
			t.Errorf("missing %s", k)
		}
	}
	if videos != 3*3*4*2+3*3 {
		t.Errorf("videos = %d, want %d", videos, 3*3*4*2+3*3)
	}
}

func TestSamplesStaySmall(t *testing.T) {
	entries, err := samples.ReadDir("samples")
	if err != nil {
		t.Fatal(err)
	}
	var total int64
	for _, e := range entries {
		info, _ := e.Info()
		total += info.Size()
	}
	if total > 2<<20 {
		t.Fatalf("samples take %d bytes, want < 2 MiB", total)
	}
}

type listResult struct {
	Contents []struct {
		Key          string
		Size         int64
		LastModified time.Time
	}
	CommonPrefixes []struct{ Prefix string }
}

func TestServerListsAndServesSeededObjects(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	now := time.Date(2026, 12, 4, 15, 0, 0, 0, time.UTC)
	srv, err := StartWith(ctx, Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	if !strings.HasPrefix(srv.Endpoint, "http://127.0.0.1:") {
		t.Fatalf("endpoint %q is not on loopback", srv.Endpoint)
	}

	var top listResult
	getXML(t, srv.Endpoint+"/"+Bucket+"?list-type=2&delimiter=%2F", &top)
	var prefixes []string
	for _, p := range top.CommonPrefixes {
		prefixes = append(prefixes, p.Prefix)
	}
	if got := strings.Join(prefixes, ","); got != "camera1/,camera2/,camera3/,logs/" {
		t.Errorf("top-level folders = %s", got)
	}

	key := "camera2/2026/12/02/12/camera2_20261202_123000.mp4"
	var one listResult
	getXML(t, srv.Endpoint+"/"+Bucket+"?list-type=2&prefix="+url.QueryEscape(key), &one)
	if len(one.Contents) != 1 {
		t.Fatalf("listing %s: %+v", key, one)
	}
	wantMod := time.Date(2026, 12, 2, 12, 35, 0, 0, time.UTC)
	if !one.Contents[0].LastModified.Equal(wantMod) {
		t.Errorf("LastModified = %v, want %v", one.Contents[0].LastModified, wantMod)
	}

	resp, err := http.Get(srv.Endpoint + "/" + Bucket + "/" + key)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var seeded Item
	for _, it := range Layout(now) {
		if it.Key == key {
			seeded = it
		}
	}
	if !bytes.Equal(body, seeded.Body) {
		t.Fatalf("GET %s returned %d bytes, want the %d seeded", key, len(body), len(seeded.Body))
	}
}

func TestServerStopsWhenContextEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	srv, err := Start(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	select {
	case <-srv.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("server still running after its context ended")
	}
	if err := srv.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
}

func getXML(t *testing.T, u string, into any) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("GET %s: %s %s", u, resp.Status, b)
	}
	if err := xml.NewDecoder(resp.Body).Decode(into); err != nil {
		t.Fatal(err)
	}
}

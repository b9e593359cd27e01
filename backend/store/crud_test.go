package store

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"vpack-s3-sync/backend/apperr"
)

func TestConnectionsCreateGetUpdateListDelete(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	validated := time.Date(2024, 3, 4, 5, 6, 7, 8e6, time.UTC)
	c := Connection{Name: "  Wasabi  ", Endpoint: "https://s3.wasabisys.com", Region: "us-east-1",
		PathStyle: true, AccessKeyID: "AKIAEXAMPLE", AccountID: "123", ARN: "arn:aws:iam::123:user/x", LastValidatedAt: validated}
	if err := s.CreateConnection(ctx, &c); err != nil {
		t.Fatal(err)
	}
	if c.ID == 0 || c.CreatedAt.IsZero() || c.Name != "Wasabi" {
		t.Fatalf("created = %+v", c)
	}
	got, err := s.GetConnection(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "Wasabi" || !got.PathStyle || got.AccessKeyID != "AKIAEXAMPLE" || !got.LastValidatedAt.Equal(validated) ||
		got.CreatedAt.UnixMilli() != c.CreatedAt.UnixMilli() || got.CreatedAt.Location() != time.UTC {
		t.Fatalf("got = %+v", got)
	}

	got.Name, got.Region = "Wasabi EU", "eu-central-1"
	got.CreatedAt = time.Time{} // ignored by Update
	if err := s.UpdateConnection(ctx, got); err != nil {
		t.Fatal(err)
	}
	again, _ := s.GetConnection(ctx, c.ID)
	if again.Name != "Wasabi EU" || again.Region != "eu-central-1" || again.CreatedAt.IsZero() {
		t.Fatalf("after update = %+v", again)
	}

	other := Connection{Name: "AWS", AccessKeyID: "AK2"}
	s.CreateConnection(ctx, &other)
	list, _ := s.ListConnections(ctx)
	if len(list) != 2 || list[0].Name != "AWS" || list[1].Name != "Wasabi EU" {
		t.Fatalf("list = %+v", list)
	}
	byName, err := s.ConnectionByName(ctx, "AWS")
	if err != nil || byName.ID != other.ID {
		t.Fatalf("by name: %+v %v", byName, err)
	}

	if err := s.DeleteConnection(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetConnection(ctx, c.ID); codeOf(err) != apperr.StoreNotFound {
		t.Fatalf("get deleted: %v", err)
	}
}

func TestConnectionIDsAreNeverReused(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	a := Connection{Name: "a", AccessKeyID: "k"}
	s.CreateConnection(ctx, &a)
	s.DeleteConnection(ctx, a.ID)
	b := Connection{Name: "b", AccessKeyID: "k"}
	s.CreateConnection(ctx, &b)
	if b.ID == a.ID {
		t.Fatalf("id %d reused: a keychain entry left by the old one would attach to the new one", a.ID)
	}
}

func TestConnectionErrors(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	first := Connection{Name: "Home", AccessKeyID: "k"}
	if err := s.CreateConnection(ctx, &first); err != nil {
		t.Fatal(err)
	}
	second := Connection{Name: "Office", AccessKeyID: "k"}
	s.CreateConnection(ctx, &second)
	tests := []struct {
		name    string
		op      func() error
		code    apperr.Code
		wantKey string
	}{
		{"duplicate name on create", func() error { return s.CreateConnection(ctx, &Connection{Name: "Home", AccessKeyID: "k"}) }, apperr.InvalidInput, "error.input.name_taken"},
		{"duplicate name on rename", func() error { second.Name = "Home"; return s.UpdateConnection(ctx, second) }, apperr.InvalidInput, "error.input.name_taken"},
		{"empty name", func() error { return s.CreateConnection(ctx, &Connection{Name: " ", AccessKeyID: "k"}) }, apperr.InvalidInput, ""},
		{"update missing", func() error { return s.UpdateConnection(ctx, Connection{ID: 999, Name: "x"}) }, apperr.StoreNotFound, ""},
		{"delete missing", func() error { return s.DeleteConnection(ctx, 999) }, apperr.StoreNotFound, ""},
		{"by name missing", func() error { _, err := s.ConnectionByName(ctx, "nope"); return err }, apperr.StoreNotFound, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.op()
			var e *apperr.Error
			if !errors.As(err, &e) || e.Code != tt.code || (tt.wantKey != "" && e.Key != tt.wantKey) {
				t.Fatalf("err = %v, want %s %s", err, tt.code, tt.wantKey)
			}
		})
	}
}

func TestSourcesCRUDAndExtensions(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	c := Connection{Name: "c", AccessKeyID: "k"}
	s.CreateConnection(ctx, &c)
	src := Source{ConnectionID: c.ID, Name: "Front door", Bucket: "cams", Prefix: "front/", LocalDir: "/videos",
		Extensions: JoinExtensions([]string{".mp4", ".dav"}), SinceDays: 7, IntervalMinutes: 15, Enabled: true}
	if err := s.CreateSource(ctx, &src); err != nil {
		t.Fatal(err)
	}
	got, err := s.GetSource(ctx, src.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Extensions != ".mp4,.dav" || got.SinceDays != 7 || !got.Enabled || got.Paused || got.CreatedAt.IsZero() {
		t.Fatalf("got = %+v", got)
	}
	got.Paused, got.Enabled, got.IntervalMinutes = true, false, 0 // zero values must be saved too
	if err := s.UpdateSource(ctx, got); err != nil {
		t.Fatal(err)
	}
	again, _ := s.GetSource(ctx, src.ID)
	if !again.Paused || again.Enabled || again.IntervalMinutes != 0 {
		t.Fatalf("after update = %+v", again)
	}
	list, _ := s.ListSources(ctx)
	byConn, _ := s.SourcesForConnection(ctx, c.ID)
	if len(list) != 1 || len(byConn) != 1 {
		t.Fatalf("list = %d, by connection = %d", len(list), len(byConn))
	}
	if err := s.DeleteSource(ctx, src.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetSource(ctx, src.ID); codeOf(err) != apperr.StoreNotFound {
		t.Fatalf("get deleted: %v", err)
	}
}

func TestSourceValidationAndMissingConnection(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	c := Connection{Name: "c", AccessKeyID: "k"}
	s.CreateConnection(ctx, &c)
	ok := Source{ConnectionID: c.ID, Bucket: "b", LocalDir: "/v"}
	tests := []struct {
		name string
		mod  func(*Source)
		code apperr.Code
	}{
		{"no connection", func(s *Source) { s.ConnectionID = 0 }, apperr.InvalidInput},
		{"no bucket", func(s *Source) { s.Bucket = " " }, apperr.InvalidInput},
		{"no folder", func(s *Source) { s.LocalDir = "" }, apperr.InvalidInput},
		{"negative window", func(s *Source) { s.SinceDays = -1 }, apperr.InvalidInput},
		{"connection does not exist", func(s *Source) { s.ConnectionID = 424242 }, apperr.StoreNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := ok
			tt.mod(&src)
			if err := s.CreateSource(ctx, &src); codeOf(err) != tt.code {
				t.Fatalf("err = %v, want %s", err, tt.code)
			}
		})
	}
}

func TestDeletingAConnectionRemovesItsSourcesHistoryAndRuns(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	src := seedSource(t, s, "a")
	s.RecordDownloads(ctx, []DownloadedFile{{SourceID: src.ID, Key: "k"}})
	s.CreateRun(ctx, src.ID, "manual")
	if err := s.DeleteConnection(ctx, src.ConnectionID); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"sources", "downloaded_files", "sync_runs"} {
		var n int
		s.sql.QueryRow(`SELECT COUNT(*) FROM ` + table).Scan(&n)
		if n != 0 {
			t.Fatalf("%s has %d rows left", table, n)
		}
	}
}

func TestExtensionListRoundTrip(t *testing.T) {
	tests := []struct {
		stored string
		want   []string
		isNil  bool
	}{
		{"", nil, true},
		{"*", []string{}, false},
		{".mp4,.MOV", []string{".mp4", ".mov"}, false},
		{" mp4 , dav ,", []string{".mp4", ".dav"}, false},
		{" , ", nil, true},
	}
	for _, tt := range tests {
		got := Source{Extensions: tt.stored}.ExtensionList()
		if (got == nil) != tt.isNil || strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Fatalf("%q → %#v, want %#v", tt.stored, got, tt.want)
		}
	}
	if JoinExtensions(nil) != "" || JoinExtensions([]string{}) != "*" || JoinExtensions([]string{".a", ".b"}) != ".a,.b" {
		t.Fatal("JoinExtensions")
	}
}

func TestSettingsGetSetAll(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if _, ok, err := s.GetSetting(ctx, "lang"); ok || err != nil {
		t.Fatalf("unset: ok=%v err=%v", ok, err)
	}
	s.SetSetting(ctx, "lang", "vi")
	s.SetSetting(ctx, "lang", "en")
	s.SetSetting(ctx, "bandwidth", "0")
	if v, ok, _ := s.GetSetting(ctx, "lang"); !ok || v != "en" {
		t.Fatalf("lang = %q %v", v, ok)
	}
	all, _ := s.Settings(ctx)
	if len(all) != 2 || all["bandwidth"] != "0" {
		t.Fatalf("all = %v", all)
	}
	if err := s.SetSetting(ctx, "", "x"); codeOf(err) != apperr.InvalidInput {
		t.Fatalf("empty key: %v", err)
	}
}

func TestRunsCreateFinishList(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	src := seedSource(t, s, "a")
	other := seedSource(t, s, "b")
	r1, err := s.CreateRun(ctx, src.ID, "schedule")
	if err != nil || r1.ID == 0 || r1.Status != RunRunning || r1.StartedAt.IsZero() {
		t.Fatalf("r1 = %+v %v", r1, err)
	}
	r1.Status, r1.Listed, r1.Downloaded, r1.Archived, r1.Bytes, r1.RequestsList, r1.ErrorSummary =
		RunPartial, 10, 8, 1, 12345, 2, "1 file failed"
	if err := s.FinishRun(ctx, r1); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Millisecond) // distinct start times for the order
	r2, _ := s.CreateRun(ctx, src.ID, "manual")
	s.CreateRun(ctx, other.ID, "manual")

	got, _ := s.GetRun(ctx, r1.ID)
	if got.Status != RunPartial || got.Downloaded != 8 || got.Archived != 1 || got.Bytes != 12345 ||
		got.Trigger != "schedule" || got.FinishedAt.IsZero() || got.ErrorSummary != "1 file failed" {
		t.Fatalf("finished run = %+v", got)
	}
	srcAfter, _ := s.GetSource(ctx, src.ID)
	if srcAfter.LastRunID != r1.ID || srcAfter.LastRunAt.UnixMilli() != got.FinishedAt.UnixMilli() {
		t.Fatalf("source last run = %d at %v", srcAfter.LastRunID, srcAfter.LastRunAt)
	}
	runs, _ := s.ListRuns(ctx, src.ID, 10)
	if len(runs) != 2 || runs[0].ID != r2.ID || runs[1].ID != r1.ID {
		t.Fatalf("runs = %+v", runs)
	}
	all, _ := s.ListRuns(ctx, 0, 2)
	if len(all) != 2 {
		t.Fatalf("limit ignored: %d", len(all))
	}
	if err := s.FinishRun(ctx, SyncRun{ID: r2.ID, Status: RunRunning}); codeOf(err) != apperr.InvalidInput {
		t.Fatalf("finish as running: %v", err)
	}
	if err := s.FinishRun(ctx, SyncRun{ID: 9999, Status: RunOK}); codeOf(err) != apperr.StoreNotFound {
		t.Fatalf("finish missing: %v", err)
	}
	b, _ := json.Marshal(got.View())
	if !strings.Contains(string(b), `"startedMs":`) || !strings.Contains(string(b), `"archived":1`) {
		t.Fatalf("view JSON = %s", b)
	}
}

func TestConnectionViewCarriesNoSecretField(t *testing.T) {
	b, _ := json.Marshal(Connection{Name: "n", AccessKeyID: "AK"}.View())
	for _, bad := range []string{"secret", "Secret", "token", "password"} {
		if strings.Contains(string(b), bad) {
			t.Fatalf("view JSON has %q: %s", bad, b)
		}
	}
}

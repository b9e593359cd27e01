package tray

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf16"
)

func TestLabelsFollowTheLanguageWithEnglishAsFallback(t *testing.T) {
	for _, tc := range []struct{ lang, wantQuit string }{
		{"vi", "Thoát"}, {"vi-VN", "Thoát"}, {"VI_vn", "Thoát"},
		{"en", "Quit"}, {"en-US", "Quit"}, {"", "Quit"}, {"fr", "Quit"}, {"video", "Quit"},
	} {
		if got := LabelsFor(tc.lang).Quit; got != tc.wantQuit {
			t.Errorf("LabelsFor(%q).Quit = %q, want %q", tc.lang, got, tc.wantQuit)
		}
	}
}

func TestEveryLanguageHasEveryLabel(t *testing.T) {
	for lang, l := range labels {
		v := reflect.ValueOf(l)
		for i := 0; i < v.NumField(); i++ {
			if v.Field(i).String() == "" {
				t.Errorf("%s: %s is empty", lang, v.Type().Field(i).Name)
			}
		}
	}
}

func TestMenuTextsFollowTheStatus(t *testing.T) {
	en, vi := LabelsFor("en"), LabelsFor("vi")
	long := strings.Repeat("Đồng bộ camera ", 20)
	for _, tc := range []struct {
		name                string
		l                   Labels
		s                   Status
		wantLine, wantPause string
		wantTip             string
	}{
		{"running with a line", en, Status{Line: "Last sync 14:05 · 12 new videos"},
			"Last sync 14:05 · 12 new videos", "Pause auto-sync", "VPACK S3 Sync · Last sync 14:05 · 12 new videos"},
		{"paused offers resume", en, Status{State: Paused, Paused: true, Line: "Paused"},
			"Paused", "Resume auto-sync", "VPACK S3 Sync · Paused"},
		{"no line yet shows the default", vi, Status{},
			"Chưa đồng bộ lần nào", "Tạm dừng tự động đồng bộ", "VPACK S3 Sync · Chưa đồng bộ lần nào"},
		{"long line is cut for Windows", vi, Status{Line: long},
			long, "Tạm dừng tự động đồng bộ", string([]rune("VPACK S3 Sync · " + long)[:maxTooltipUnits-1]) + "…"},
		{"emoji count twice", en, Status{Line: strings.Repeat("📹", 60)},
			strings.Repeat("📹", 60), "Pause auto-sync", "VPACK S3 Sync · " + strings.Repeat("📹", 55) + "…"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := statusLine(tc.l, tc.s); got != tc.wantLine {
				t.Errorf("status line %q, want %q", got, tc.wantLine)
			}
			if got := pauseLabel(tc.l, tc.s); got != tc.wantPause {
				t.Errorf("pause label %q, want %q", got, tc.wantPause)
			}
			got := tooltip(tc.l, tc.s)
			if got != tc.wantTip {
				t.Errorf("tooltip %q, want %q", got, tc.wantTip)
			}
			if n := len(utf16.Encode([]rune(got))); n > maxTooltipUnits {
				t.Errorf("tooltip has %d UTF-16 units, Windows shows %d", n, maxTooltipUnits)
			}
		})
	}
}

func TestNoopShowsNothingAndIsNotAvailable(t *testing.T) {
	var tr Tray = Noop{}
	tr.Start()
	tr.SetStatus(Status{State: Error})
	tr.SetLanguage("vi")
	tr.End()
	if tr.Available() {
		t.Fatal("Noop must report no tray, so closing the window quits")
	}
}

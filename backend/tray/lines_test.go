package tray

import (
	"testing"
	"time"
)

func TestSyncingLineShowsFilesAndSpeed(t *testing.T) {
	for _, tc := range []struct {
		lang        string
		done, total int
		rate        float64
		want        string
	}{
		{"en", 3, 12, 45e6, "Syncing 3/12 · 45 MB/s"},
		{"en", 0, 1, 0, "Syncing 0/1 · 0 KB/s"},
		{"en", 1, 2, 640e3, "Syncing 1/2 · 640 KB/s"},
		{"en", 1, 2, 4.46e6, "Syncing 1/2 · 4.5 MB/s"},
		{"vi", 1, 2, 4.46e6, "Đang đồng bộ 1/2 · 4,5 MB/s"},
		{"vi-VN", 7, 7, 120e6, "Đang đồng bộ 7/7 · 120 MB/s"},
	} {
		if got := SyncingLine(tc.lang, tc.done, tc.total, tc.rate); got != tc.want {
			t.Errorf("SyncingLine(%s, %d, %d, %v) = %q, want %q", tc.lang, tc.done, tc.total, tc.rate, got, tc.want)
		}
	}
}

func TestLastSyncLineSaysWhenAndWhatCameIn(t *testing.T) {
	now := time.Date(2026, 12, 4, 16, 0, 0, 0, time.Local)
	today := time.Date(2026, 12, 4, 14, 5, 0, 0, time.Local)
	earlier := time.Date(2026, 12, 3, 9, 30, 0, 0, time.Local)
	for _, tc := range []struct {
		lang   string
		at     time.Time
		videos int
		failed bool
		want   string
	}{
		{"en", today, 12, false, "Last sync 14:05 · 12 new videos"},
		{"en", today, 0, false, "Last sync 14:05 · nothing new"},
		{"en", today, 3, true, "Last sync 14:05 failed"},
		{"en", earlier, 1, false, "Last sync Dec 3 09:30 · 1 new video"},
		{"vi", today, 12, false, "Đồng bộ lúc 14:05 · 12 video mới"},
		{"vi", earlier, 0, false, "Đồng bộ lúc 03/12 09:30 · không có video mới"},
		{"vi", today, 0, true, "Đồng bộ lúc 14:05 thất bại"},
		{"vi", today, 1, false, "Đồng bộ lúc 14:05 · 1 video mới"},
	} {
		if got := LastSyncLine(tc.lang, tc.at, now, tc.videos, tc.failed); got != tc.want {
			t.Errorf("LastSyncLine(%s, %v, %d, %v) = %q, want %q", tc.lang, tc.at, tc.videos, tc.failed, got, tc.want)
		}
	}
}

func TestRunNoticeNamesTheSource(t *testing.T) {
	for _, tc := range []struct {
		lang              string
		videos            int
		failed            bool
		wantTitle, wantBd string
	}{
		{"en", 12, false, "New videos from Front gate", "12 new videos downloaded."},
		{"en", 0, true, "Sync of Front gate failed", "Open VPACK S3 Sync to see what went wrong."},
		{"vi", 12, false, "Video mới từ Front gate", "Đã tải 12 video mới."},
		{"vi", 0, true, "Đồng bộ Front gate thất bại", "Mở VPACK S3 Sync để xem lỗi."},
		{"en", 1, false, "New videos from Front gate", "1 new video downloaded."},
		{"vi", 1, false, "Video mới từ Front gate", "Đã tải 1 video mới."},
	} {
		title, body := RunNotice(tc.lang, "Front gate", tc.videos, tc.failed)
		if title != tc.wantTitle || body != tc.wantBd {
			t.Errorf("RunNotice(%s, %d, %v) = %q, %q", tc.lang, tc.videos, tc.failed, title, body)
		}
	}
}

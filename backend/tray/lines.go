package tray

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The words the app shows while it lives in the background: the tray's status line and the
// notification after a run. The app passes the numbers; these put them in a sentence.

type lineWords struct {
	syncing          string // done, total, rate
	lastSyncNew      string // when, count
	lastSyncNewOne   string // when; exactly one video
	lastSyncNothing  string // when
	lastSyncFailed   string // when
	noticeNewTitle   string // source
	noticeNewBody    string // count
	noticeNewBodyOne string
	noticeFailTitle  string // source
	noticeFailBody   string
	dateTime         string // Go layout for a day other than today
	decimalSeparator string
}

var lines = map[string]lineWords{
	"en": {
		syncing:          "Syncing %d/%d · %s",
		lastSyncNew:      "Last sync %s · %d new videos",
		lastSyncNewOne:   "Last sync %s · 1 new video",
		lastSyncNothing:  "Last sync %s · nothing new",
		lastSyncFailed:   "Last sync %s failed",
		noticeNewTitle:   "New videos from %s",
		noticeNewBody:    "%d new videos downloaded.",
		noticeNewBodyOne: "1 new video downloaded.",
		noticeFailTitle:  "Sync of %s failed",
		noticeFailBody:   "Open VPACK S3 Sync to see what went wrong.",
		dateTime:         "Jan 2 15:04", decimalSeparator: ".",
	},
	"vi": {
		syncing:          "Đang đồng bộ %d/%d · %s",
		lastSyncNew:      "Đồng bộ lúc %s · %d video mới",
		lastSyncNewOne:   "Đồng bộ lúc %s · 1 video mới",
		lastSyncNothing:  "Đồng bộ lúc %s · không có video mới",
		lastSyncFailed:   "Đồng bộ lúc %s thất bại",
		noticeNewTitle:   "Video mới từ %s",
		noticeNewBody:    "Đã tải %d video mới.",
		noticeNewBodyOne: "Đã tải 1 video mới.",
		noticeFailTitle:  "Đồng bộ %s thất bại",
		noticeFailBody:   "Mở VPACK S3 Sync để xem lỗi.",
		dateTime:         "02/01 15:04", decimalSeparator: ",",
	},
}

func wordsFor(lang string) lineWords {
	if LabelsFor(lang) == labels["vi"] {
		return lines["vi"]
	}
	return lines["en"]
}

// SyncingLine is the status line during a run: "Syncing 3/12 · 45 MB/s".
func SyncingLine(lang string, filesDone, filesTotal int, bytesPerSec float64) string {
	w := wordsFor(lang)
	return fmt.Sprintf(w.syncing, filesDone, filesTotal, rate(w, bytesPerSec))
}

// LastSyncLine is the status line after a run, with its time of day (and date when not
// today): "Last sync 14:05 · 12 new videos", "… · nothing new" or "Last sync 14:05 failed".
func LastSyncLine(lang string, at, now time.Time, newVideos int, failed bool) string {
	w := wordsFor(lang)
	when := at.Format("15:04")
	if y, m, d := at.Date(); y != now.Year() || m != now.Month() || d != now.Day() {
		when = at.Format(w.dateTime)
	}
	switch {
	case failed:
		return fmt.Sprintf(w.lastSyncFailed, when)
	case newVideos == 1:
		return fmt.Sprintf(w.lastSyncNewOne, when)
	case newVideos > 0:
		return fmt.Sprintf(w.lastSyncNew, when, newVideos)
	default:
		return fmt.Sprintf(w.lastSyncNothing, when)
	}
}

// RunNotice is the notification's title and body for a run that brought new videos or failed.
func RunNotice(lang, sourceName string, newVideos int, failed bool) (title, body string) {
	w := wordsFor(lang)
	if failed {
		return fmt.Sprintf(w.noticeFailTitle, sourceName), w.noticeFailBody
	}
	if newVideos == 1 {
		return fmt.Sprintf(w.noticeNewTitle, sourceName), w.noticeNewBodyOne
	}
	return fmt.Sprintf(w.noticeNewTitle, sourceName), fmt.Sprintf(w.noticeNewBody, newVideos)
}

// rate is bytes per second in KB/s or MB/s (decimal units, as download speeds are shown),
// with one decimal below 10 MB/s.
func rate(w lineWords, bytesPerSec float64) string {
	switch {
	case bytesPerSec < 1e6:
		return strconv.Itoa(int(bytesPerSec/1e3+0.5)) + " KB/s"
	case bytesPerSec < 10e6:
		return strings.Replace(strconv.FormatFloat(bytesPerSec/1e6, 'f', 1, 64), ".", w.decimalSeparator, 1) + " MB/s"
	default:
		return strconv.Itoa(int(bytesPerSec/1e6+0.5)) + " MB/s"
	}
}

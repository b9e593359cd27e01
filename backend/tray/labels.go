package tray

import (
	"strings"
	"unicode/utf8"
)

// AppName is the product name shown in the menu, tooltip and item title.
const AppName = "VPACK S3 Sync"

// Labels are the menu's words in one language.
type Labels struct {
	Open, SyncNow, Pause, Resume, Quit string
	NoStatus                           string // the status line before the app sets one
}

var labels = map[string]Labels{
	"en": {
		Open:     "Open " + AppName,
		SyncNow:  "Sync now",
		Pause:    "Pause auto-sync",
		Resume:   "Resume auto-sync",
		Quit:     "Quit",
		NoStatus: "No sync yet",
	},
	"vi": {
		Open:     "Mở " + AppName,
		SyncNow:  "Đồng bộ ngay",
		Pause:    "Tạm dừng tự động đồng bộ",
		Resume:   "Tiếp tục tự động đồng bộ",
		Quit:     "Thoát",
		NoStatus: "Chưa đồng bộ lần nào",
	},
}

// LabelsFor returns the menu's words for lang: "vi", "vi-VN" and "vi_VN" are Vietnamese,
// anything else English.
func LabelsFor(lang string) Labels {
	lang = strings.ToLower(lang)
	if lang == "vi" || strings.HasPrefix(lang, "vi-") || strings.HasPrefix(lang, "vi_") {
		return labels["vi"]
	}
	return labels["en"]
}

// statusLine is the disabled menu item's text.
func statusLine(l Labels, s Status) string {
	if s.Line == "" {
		return l.NoStatus
	}
	return s.Line
}

// pauseLabel is Pause while auto-sync runs, Resume while it is paused.
func pauseLabel(l Labels, s Status) string {
	if s.Paused {
		return l.Resume
	}
	return l.Pause
}

// maxTooltipRunes fits Windows' 128-character notification-area tip with its terminator.
const maxTooltipRunes = 127

// tooltip is "VPACK S3 Sync · <status line>", cut to what Windows can show.
func tooltip(l Labels, s Status) string {
	tip := AppName + " · " + statusLine(l, s)
	if utf8.RuneCountInString(tip) <= maxTooltipRunes {
		return tip
	}
	r := []rune(tip)
	return string(r[:maxTooltipRunes-1]) + "…"
}

package tray

import (
	"strings"
	"unicode/utf16"
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

// maxTooltipUnits fits Windows' notification-area tip: 128 UTF-16 units with the terminator.
const maxTooltipUnits = 127

// tooltip is "VPACK S3 Sync · <status line>", cut to what Windows can show.
func tooltip(l Labels, s Status) string {
	tip := AppName + " · " + statusLine(l, s)
	if utf16Len(tip) <= maxTooltipUnits {
		return tip
	}
	units := 0
	for i, r := range tip {
		units += utf16Len(string(r))
		if units > maxTooltipUnits-1 { // keep one unit for the ellipsis
			return tip[:i] + "…"
		}
	}
	return tip
}

// utf16Len is how many UTF-16 units Windows needs for s.
func utf16Len(s string) int { return len(utf16.Encode([]rune(s))) }

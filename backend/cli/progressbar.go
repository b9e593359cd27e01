package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
	"vpack-s3-sync/backend/syncer"
)

// bar draws a one-line progress bar on a terminal (stderr), redrawn in place with \r. It draws
// nothing when stderr is not a terminal, so scripts and logs stay clean.
type bar struct {
	mu     sync.Mutex
	w      io.Writer
	on     bool
	drawn  bool
	width  int
	lastAt time.Time
}

func newBar(w io.Writer) *bar {
	return &bar{w: w, on: isTerminal(w), width: 100}
}

// isTerminal: a character device (a console on Windows, a tty elsewhere), not a file or pipe.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

type barState struct {
	label                 string // "listing", a file name…
	filesDone, filesTotal int
	done, total           int64
	rate                  float64
	eta                   time.Duration
}

func (b *bar) update(s barState) {
	if !b.on {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if now := time.Now(); now.Sub(b.lastAt) < 100*time.Millisecond && s.done < s.total {
		return
	} else {
		b.lastAt = now
	}
	var line strings.Builder
	if s.total > 0 {
		const cells = 20
		filled := int(float64(cells) * float64(s.done) / float64(s.total))
		filled = min(max(filled, 0), cells)
		line.WriteString("[" + strings.Repeat("#", filled) + strings.Repeat(".", cells-filled) + "] ")
		fmt.Fprintf(&line, "%3d%% ", int(100*float64(s.done)/float64(s.total)))
	}
	if s.filesTotal > 0 {
		fmt.Fprintf(&line, "%d/%d files  ", s.filesDone, s.filesTotal)
	}
	if s.total > 0 {
		fmt.Fprintf(&line, "%s/%s  ", syncer.FormatBytes(s.done), syncer.FormatBytes(s.total))
	}
	if s.rate > 0 {
		fmt.Fprintf(&line, "%s/s  ", syncer.FormatBytes(int64(s.rate)))
	}
	if s.eta > 0 {
		fmt.Fprintf(&line, "ETA %s  ", s.eta.Round(time.Second))
	}
	line.WriteString(s.label)
	text := line.String()
	if utf8.RuneCountInString(text) > b.width {
		text = string([]rune(text)[:b.width-1]) + "…"
	}
	fmt.Fprintf(b.w, "\r%-*s", b.width, text)
	b.drawn = true
}

// clear removes the bar so the next line starts clean.
func (b *bar) clear() {
	if !b.on {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.drawn {
		fmt.Fprintf(b.w, "\r%s\r", strings.Repeat(" ", b.width))
		b.drawn = false
	}
}

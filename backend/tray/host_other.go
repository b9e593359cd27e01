//go:build !((linux && !android) || windows || (darwin && cgo))

package tray

import (
	"runtime"
	"time"
)

// hostAvailable: systray has no implementation for this build (macOS needs cgo).
func hostAvailable(time.Duration) (bool, string) {
	return false, "no tray support in this build for " + runtime.GOOS
}

func newSystemTray(Options) Tray { return Noop{} }

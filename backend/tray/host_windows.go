//go:build windows

package tray

import "time"

// endNeedsStart: systray made its window and icon in New, so end must run even without start.
const endNeedsStart = false

// hostAvailable: Explorer's notification area is always there.
func hostAvailable(time.Duration) (bool, string) { return true, "" }

func beforeRegister() {}

// onMainThread: systray made its hidden window in New, on the main thread (locked to the main
// goroutine by systray's and Wails' init), and Wails' message loop on that thread delivers its
// messages; start itself only spins a spare loop, so it can run anywhere.
func onMainThread(f func()) { f() }

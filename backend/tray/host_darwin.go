//go:build darwin && cgo

package tray

/*
#include <dispatch/dispatch.h>
#include <stdint.h>

extern void vpackTrayRunOnMain(uintptr_t handle);

static void vpack_tray_trampoline(void *handle) { vpackTrayRunOnMain((uintptr_t)handle); }

static void vpack_tray_dispatch_main(uintptr_t handle) {
	dispatch_async_f(dispatch_get_main_queue(), (void *)handle, vpack_tray_trampoline);
}
*/
import "C"

import (
	"runtime/cgo"
	"time"
)

// endNeedsStart: systray's macOS end is safe before start.
const endNeedsStart = false

// hostAvailable: the menu bar is always there.
func hostAvailable(time.Duration) (bool, string) { return true, "" }

// beforeRegister sets no title: on macOS a title is text beside the icon in the menu bar.
func beforeRegister() {}

// onMainThread queues f on the main dispatch queue, which Wails' NSApplication loop drains:
// AppKit status items must be made on the main thread, and Wails' OnStartup is not on it.
func onMainThread(f func()) {
	C.vpack_tray_dispatch_main(C.uintptr_t(cgo.NewHandle(f)))
}

//go:build darwin && cgo

package tray

// This file only exports; cgo forbids C definitions in the preamble of a file with //export.

import "C"

import "runtime/cgo"

//export vpackTrayRunOnMain
func vpackTrayRunOnMain(handle C.uintptr_t) {
	h := cgo.Handle(handle)
	f := h.Value().(func())
	h.Delete()
	f()
}

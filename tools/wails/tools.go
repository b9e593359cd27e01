//go:build tools

// Package tools builds the Wails CLI with a current golang.org/x/tools: `go install
// github.com/wailsapp/wails/v2/cmd/wails@v2.9.2` pins x/tools v0.17.0, which does not compile on Go 1.26.
package tools

import _ "github.com/wailsapp/wails/v2/cmd/wails"

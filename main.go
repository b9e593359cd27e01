// VPACK S3 Sync brings security-camera videos down from S3 onto this PC.
// With no arguments it opens the desktop app; with a command it is the headless CLI.
package main

import (
	"embed"
	"os"

	"vpack-s3-sync/backend/cli"
	"vpack-s3-sync/backend/platform"
)

//go:embed all:frontend/dist
var assets embed.FS

//go:embed build/appicon.png
var appIcon []byte

func main() {
	cli.OpenDemoApp = func() int { return runDesktop(desktopOptions{demo: true}) }
	if len(os.Args) > 1 && !isDesktopFlag(os.Args[1]) {
		platform.AttachParentConsole()
		os.Exit(runCLI(os.Args[1:]))
	}
	os.Exit(runDesktop(desktopOptions{startHidden: hasArg(os.Args[1:], flagHidden)}))
}

// flagHidden starts the app in the tray; the start-at-login entry passes it.
const flagHidden = platform.StartHiddenArg

func isDesktopFlag(arg string) bool { return arg == flagHidden }

func hasArg(args []string, want string) bool {
	for _, a := range args {
		if a == want {
			return true
		}
	}
	return false
}

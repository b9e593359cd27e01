package main

import (
	"fmt"
	"os"
	"time"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"

	"vpack-s3-sync/backend/tray"
)

type desktopOptions struct {
	startHidden bool
	demo        bool // connect to the embedded demo store (`vpack-s3-sync demo`)
}

// singleInstanceID: a second launch hands its arguments to the first and exits.
const singleInstanceID = "vn.vpack.s3sync.single-instance"

func runDesktop(opts desktopOptions) int {
	app := NewApp(opts)
	// The tray starts beside Wails: created before wails.Run, shown from startup.
	wait := time.Duration(0)
	if opts.startHidden {
		wait = 15 * time.Second // at login the desktop's tray may come up after us
	}
	app.tray = tray.New(tray.Options{
		Lang: app.trayLang(),
		Callbacks: tray.Callbacks{OnOpen: app.showWindow, OnSyncNow: app.syncAllFromTray,
			OnTogglePause: app.togglePauseFromTray, OnQuit: app.quitFromTray},
		WaitForHost: wait,
	})
	err := wails.Run(&options.App{
		Title:            "VPACK S3 Sync",
		Width:            1280,
		Height:           800,
		MinWidth:         960,
		MinHeight:        640,
		StartHidden:      opts.startHidden,
		AssetServer:      &assetserver.Options{Assets: assets},
		BackgroundColour: &options.RGBA{R: 248, G: 250, B: 252, A: 1},
		OnStartup:        app.startup,
		OnDomReady:       app.domReady,
		OnBeforeClose:    app.beforeClose,
		OnShutdown:       app.shutdown,
		Bind:             []any{app},
		Linux:            &linux.Options{Icon: appIcon, ProgramName: "vpack-s3-sync"},
		SingleInstanceLock: &options.SingleInstanceLock{
			UniqueId:               singleInstanceID,
			OnSecondInstanceLaunch: app.secondInstance,
		},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "VPACK S3 Sync:", err)
		return 1
	}
	return 0
}

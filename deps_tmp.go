//go:build tools

// Package main pins modules the backend packages import, so go mod tidy keeps them while
// those packages are written. Removed once every module is imported for real.
package main

import (
	_ "fyne.io/systray"
	_ "github.com/aws/aws-sdk-go-v2/aws"
	_ "github.com/aws/aws-sdk-go-v2/config"
	_ "github.com/aws/aws-sdk-go-v2/credentials"
	_ "github.com/aws/aws-sdk-go-v2/feature/s3/transfermanager"
	_ "github.com/aws/aws-sdk-go-v2/service/s3"
	_ "github.com/aws/aws-sdk-go-v2/service/sts"
	_ "github.com/glebarez/sqlite"
	_ "github.com/godbus/dbus/v5"
	_ "github.com/johannesboyne/gofakes3"
	_ "github.com/wailsapp/wails/v2"
	_ "github.com/zalando/go-keyring"
	_ "golang.org/x/text/unicode/norm"
	_ "gorm.io/gorm"
)

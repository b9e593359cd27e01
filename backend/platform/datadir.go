// Package platform holds everything the operating system decides: the data and log folders,
// the log file, start at login, single instance and the Wails runtime adapter used by app.go.
package platform

import (
	"fmt"
	"os"
	"path/filepath"
)

// EnvHome overrides the data folder; tests and the CLI set it to keep state apart.
const EnvHome = "VPACK_S3_SYNC_HOME"

// AppDirName is the data folder's name under the user's config folder.
const AppDirName = "VPACK S3 Sync"

// DBFileName is the SQLite database's name inside the data folder.
const DBFileName = "vpack-s3-sync.db"

// DataDir returns the app's data folder, creating it (0700) when missing: $VPACK_S3_SYNC_HOME
// when set, else os.UserConfigDir()/"VPACK S3 Sync" (%AppData% on Windows,
// ~/Library/Application Support on macOS, ~/.config on Linux).
func DataDir() (string, error) {
	dir := os.Getenv(EnvHome)
	if dir == "" {
		base, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("find user config folder: %w", err)
		}
		dir = filepath.Join(base, AppDirName)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("data folder %s: %w", dir, err)
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		return "", fmt.Errorf("create data folder: %w", err)
	}
	return abs, nil
}

// LogDir returns DataDir/logs, creating it when missing.
func LogDir() (string, error) {
	data, err := DataDir()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(data, "logs")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("create log folder: %w", err)
	}
	return dir, nil
}

// DBPath returns the database file's path inside DataDir (the file itself is made by store).
func DBPath() (string, error) {
	data, err := DataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(data, DBFileName), nil
}

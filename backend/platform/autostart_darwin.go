//go:build darwin

package platform

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// launchAgentPath is ~/Library/LaunchAgents/vn.vpack.s3sync.plist; launchd reads it at login.
func launchAgentPath() (string, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("find home folder: %w", err)
	}
	return filepath.Join(home, "Library", "LaunchAgents", launchAgentLabel+".plist"), nil
}

// writeLoginEntry writes the plist only; it is not loaded now (launchd would start a second
// copy of the app), just at the next login.
func writeLoginEntry(exe string) error {
	if err := checkLaunchAgentPath(exe); err != nil {
		return err
	}
	path, err := launchAgentPath()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("create LaunchAgents folder: %w", err)
	}
	return writeFileAtomic(path, launchAgentPlist(exe), 0o644)
}

// removeLoginEntry deletes the plist without unloading it: unloading would quit this app.
func removeLoginEntry() error { return removeEntryFile(launchAgentPath) }

func loginEntryEnabled() (bool, error) {
	path, err := launchAgentPath()
	if err != nil {
		return false, err
	}
	_, err = os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read %s: %w", path, err)
	}
	return true, nil
}

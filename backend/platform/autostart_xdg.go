//go:build !windows && !darwin

package platform

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// xdgAutostartPath is $XDG_CONFIG_HOME/autostart/vpack-s3-sync.desktop, with ~/.config when
// XDG_CONFIG_HOME is unset or relative (the spec says to ignore a relative one).
func xdgAutostartPath() (string, error) {
	base := os.Getenv("XDG_CONFIG_HOME")
	if base == "" || !filepath.IsAbs(base) {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("find home folder: %w", err)
		}
		base = filepath.Join(home, ".config")
	}
	return filepath.Join(base, "autostart", desktopFileName), nil
}

func writeLoginEntry(exe string) error {
	path, err := xdgAutostartPath()
	if err != nil {
		return err
	}
	entry, err := xdgAutostartEntry(exe)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("create autostart folder: %w", err)
	}
	return writeFileAtomic(path, entry, 0o644)
}

func removeLoginEntry() error { return removeEntryFile(xdgAutostartPath) }

func loginEntryEnabled() (bool, error) {
	path, err := xdgAutostartPath()
	if err != nil {
		return false, err
	}
	entry, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read %s: %w", path, err)
	}
	return xdgEntryEnabled(entry), nil
}

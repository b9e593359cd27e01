//go:build windows

package platform

import (
	"errors"
	"fmt"

	"golang.org/x/sys/windows/registry"
)

// The per-user Run key Windows reads at login, and the key where Task Manager records that
// the user switched an entry off.
const (
	runKeyPath      = `Software\Microsoft\Windows\CurrentVersion\Run`
	approvedKeyPath = `Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run`
)

func writeLoginEntry(exe string) error {
	k, _, err := registry.CreateKey(registry.CURRENT_USER, runKeyPath, registry.SET_VALUE)
	if err != nil {
		return fmt.Errorf(`open HKCU\%s: %w`, runKeyPath, err)
	}
	defer k.Close()
	if err := k.SetStringValue(loginEntryName, windowsRunCommand(exe)); err != nil {
		return fmt.Errorf(`set HKCU\%s\%s: %w`, runKeyPath, loginEntryName, err)
	}
	// Turning it on in the app overrides an earlier "Disabled" in Task Manager.
	if a, err := registry.OpenKey(registry.CURRENT_USER, approvedKeyPath, registry.SET_VALUE); err == nil {
		defer a.Close()
		if err := a.DeleteValue(loginEntryName); err != nil && !errors.Is(err, registry.ErrNotExist) {
			return fmt.Errorf(`clear HKCU\%s\%s: %w`, approvedKeyPath, loginEntryName, err)
		}
	}
	return nil
}

func removeLoginEntry() error {
	k, err := registry.OpenKey(registry.CURRENT_USER, runKeyPath, registry.SET_VALUE)
	if errors.Is(err, registry.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf(`open HKCU\%s: %w`, runKeyPath, err)
	}
	defer k.Close()
	if err := k.DeleteValue(loginEntryName); err != nil && !errors.Is(err, registry.ErrNotExist) {
		return fmt.Errorf(`delete HKCU\%s\%s: %w`, runKeyPath, loginEntryName, err)
	}
	return nil
}

func loginEntryEnabled() (bool, error) {
	k, err := registry.OpenKey(registry.CURRENT_USER, runKeyPath, registry.QUERY_VALUE)
	if errors.Is(err, registry.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf(`open HKCU\%s: %w`, runKeyPath, err)
	}
	defer k.Close()
	if _, _, err := k.GetStringValue(loginEntryName); errors.Is(err, registry.ErrNotExist) {
		return false, nil
	} else if err != nil {
		return false, fmt.Errorf(`read HKCU\%s\%s: %w`, runKeyPath, loginEntryName, err)
	}
	a, err := registry.OpenKey(registry.CURRENT_USER, approvedKeyPath, registry.QUERY_VALUE)
	if err != nil {
		return true, nil // no Task Manager record: on
	}
	defer a.Close()
	data, _, err := a.GetBinaryValue(loginEntryName)
	if err != nil {
		return true, nil
	}
	return startupApprovedEnabled(data), nil
}

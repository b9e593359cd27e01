//go:build windows

package platform

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// createNoWindow keeps powershell.exe, a console program, from opening a console window.
const createNoWindow = 0x08000000

// notify shows a toast through PowerShell's WinRT bridge, with no window at any moment.
func notify(title, body string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "powershell.exe", powershellArgs(windowsToastScript(title, body))...)
	cmd.SysProcAttr = &syscall.SysProcAttr{HideWindow: true, CreationFlags: createNoWindow}
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("powershell toast: %w: %s", err, strings.TrimSpace(string(out)))
	}
	return nil
}

//go:build darwin

package platform

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
	"time"
)

// notify shows a Notification Center banner through osascript.
func notify(title, body string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if out, err := exec.CommandContext(ctx, "osascript", osascriptArgs(title, body)...).CombinedOutput(); err != nil {
		return fmt.Errorf("osascript: %w: %s", err, strings.TrimSpace(string(out)))
	}
	return nil
}

package platform

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Start at login: each OS gets one entry that starts this binary with StartHiddenArg, so the
// app comes up in the tray. Off by default; SetStartAtLogin writes or removes the entry.
// What is written is built by the pure functions below, tested as text on every OS; the
// per-OS files only put it in place (XDG autostart file, HKCU Run value, LaunchAgent plist).

// StartHiddenArg starts the app hidden in the tray; the start-at-login entries pass it.
const StartHiddenArg = "--hidden"

const (
	loginEntryName   = "VPACK S3 Sync"         // Windows Run value name; the desktop entry's Name
	desktopFileName  = "vpack-s3-sync.desktop" // in $XDG_CONFIG_HOME/autostart
	launchAgentLabel = "vn.vpack.s3sync"       // ~/Library/LaunchAgents/<label>.plist
)

// SetStartAtLogin adds (enabled) or removes the entry that starts the app at login. Adding
// writes the current executable's path, so calling it again after the app moved repairs it.
// Removing an entry that is not there is not an error.
func SetStartAtLogin(enabled bool) error {
	if !enabled {
		if err := removeLoginEntry(); err != nil {
			return fmt.Errorf("turn off start at login: %w", err)
		}
		return nil
	}
	exe, err := loginExecutable()
	if err != nil {
		return fmt.Errorf("turn on start at login: %w", err)
	}
	if err := writeLoginEntry(exe); err != nil {
		return fmt.Errorf("turn on start at login: %w", err)
	}
	return nil
}

// StartAtLoginEnabled reports whether the entry is there and not switched off by the user in
// the OS's own settings (GNOME's Startup Applications, Windows' Task Manager).
func StartAtLoginEnabled() (bool, error) {
	on, err := loginEntryEnabled()
	if err != nil {
		return false, fmt.Errorf("read start at login: %w", err)
	}
	return on, nil
}

// loginExecutable is the running binary's absolute path with symlinks resolved.
func loginExecutable() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("find this program's path: %w", err)
	}
	if resolved, err := filepath.EvalSymlinks(exe); err == nil {
		exe = resolved
	}
	exe, err = filepath.Abs(exe)
	if err != nil {
		return "", fmt.Errorf("find this program's path: %w", err)
	}
	return exe, nil
}

// xdgAutostartEntry is the desktop entry written to $XDG_CONFIG_HOME/autostart.
func xdgAutostartEntry(exe string) ([]byte, error) {
	if strings.ContainsAny(exe, "\n\r") {
		return nil, fmt.Errorf("program path %q has a line break, which a desktop entry cannot hold", exe)
	}
	var b strings.Builder
	b.WriteString("[Desktop Entry]\n")
	b.WriteString("Type=Application\n")
	b.WriteString("Version=1.0\n")
	b.WriteString("Name=" + loginEntryName + "\n")
	b.WriteString("Comment=Starts VPACK S3 Sync in the tray to keep camera videos in sync\n")
	b.WriteString("TryExec=" + desktopString(exe) + "\n")
	b.WriteString("Exec=" + desktopString(desktopExecArg(exe)) + " " + StartHiddenArg + "\n")
	b.WriteString("Icon=vpack-s3-sync\n")
	b.WriteString("Terminal=false\n")
	b.WriteString("X-GNOME-Autostart-enabled=true\n")
	return []byte(b.String()), nil
}

// desktopExecArg quotes one Exec argument per the Desktop Entry spec: inside double quotes,
// `"`, "`", "$" and "\" take a backslash; "%" doubles, since a lone one starts a field code.
// (GLib looks for the program before it undoes "%%", so GNOME skips a path holding "%".)
func desktopExecArg(arg string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range arg {
		switch r {
		case '"', '`', '$', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '%':
			b.WriteString("%%")
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// desktopString applies the spec's string escapes, which come before Exec's quoting rule
// when the entry is read: a backslash is written as two.
func desktopString(s string) string {
	return strings.NewReplacer(`\`, `\\`, "\t", `\t`).Replace(s)
}

// xdgEntryEnabled reads an autostart entry the way session managers do: Hidden=true or
// X-GNOME-Autostart-enabled=false switch it off.
func xdgEntryEnabled(entry []byte) bool {
	inMain := false
	for _, line := range strings.Split(string(entry), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "[") {
			inMain = line == "[Desktop Entry]"
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		if !inMain || !ok {
			continue
		}
		key, value = strings.TrimSpace(key), strings.TrimSpace(value)
		if (key == "Hidden" && value == "true") || (key == "X-GNOME-Autostart-enabled" && value == "false") {
			return false
		}
	}
	return true
}

// windowsRunCommand is the HKCU\…\Run value: the quoted executable and the hidden flag.
// Windows paths cannot contain a double quote, so quoting needs no escapes.
func windowsRunCommand(exe string) string {
	return `"` + exe + `" ` + StartHiddenArg
}

// startupApprovedEnabled reads the value Task Manager keeps under Explorer\StartupApproved\Run:
// an odd first byte means the user switched the entry off; no value means on.
func startupApprovedEnabled(data []byte) bool {
	return len(data) == 0 || data[0]&1 == 0
}

// launchAgentPlist is ~/Library/LaunchAgents/vn.vpack.s3sync.plist: launchd runs the
// binary with the hidden flag when the user logs in to the GUI session.
func launchAgentPlist(exe string) []byte {
	var b bytes.Buffer
	esc := func(s string) string {
		var e bytes.Buffer
		_ = xml.EscapeText(&e, []byte(s))
		return e.String()
	}
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>Label</key>
	<string>` + launchAgentLabel + `</string>
	<key>ProgramArguments</key>
	<array>
		<string>` + esc(exe) + `</string>
		<string>` + StartHiddenArg + `</string>
	</array>
	<key>RunAtLoad</key>
	<true/>
	<key>LimitLoadToSessionType</key>
	<string>Aqua</string>
	<key>ProcessType</key>
	<string>Interactive</string>
</dict>
</plist>
`)
	return b.Bytes()
}

// errTranslocated: macOS runs a quarantined app from a random read-only copy until it is moved
// to Applications; a login entry pointing there would break on the next login.
var errTranslocated = errors.New("the app runs from a temporary copy macOS made (App Translocation): move it to Applications first")

// checkLaunchAgentPath refuses a path that will not exist at the next login.
func checkLaunchAgentPath(exe string) error {
	if strings.Contains(exe, "/AppTranslocation/") {
		return errTranslocated
	}
	return nil
}

// writeFileAtomic writes data to a temporary file beside path and renames it into place, so
// a crash never leaves a half-written entry for the session manager to read.
// removeEntryFile deletes the login entry file at the path entryPath gives; a missing file is
// already the wanted state.
func removeEntryFile(entryPath func() (string, error)) error {
	path, err := entryPath()
	if err != nil {
		return err
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove %s: %w", path, err)
	}
	return nil
}

func writeFileAtomic(path string, data []byte, perm os.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

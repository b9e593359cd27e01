package platform

import (
	"encoding/xml"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
)

// parseDesktopExec reads an Exec value back the way the Desktop Entry spec says a launcher
// does: string escapes first, then the quoting rule, then "%%" → "%".
func parseDesktopExec(t *testing.T, value string) []string {
	t.Helper()
	value = strings.NewReplacer(`\\`, `\`, `\s`, " ", `\t`, "\t", `\n`, "\n", `\r`, "\r").Replace(value)
	var args []string
	var cur strings.Builder
	inQuotes, started := false, false
	for i := 0; i < len(value); i++ {
		c := value[i]
		switch {
		case inQuotes && c == '\\' && i+1 < len(value) && strings.IndexByte("\"`$\\", value[i+1]) >= 0:
			i++
			cur.WriteByte(value[i])
		case c == '"':
			inQuotes, started = !inQuotes, true
		case !inQuotes && c == ' ':
			if started {
				args = append(args, cur.String())
				cur.Reset()
				started = false
			}
		default:
			cur.WriteByte(c)
			started = true
		}
	}
	if inQuotes {
		t.Fatalf("unbalanced quotes in Exec=%s", value)
	}
	if started {
		args = append(args, cur.String())
	}
	for i := range args {
		args[i] = strings.ReplaceAll(args[i], "%%", "%")
	}
	return args
}

func desktopKey(t *testing.T, entry []byte, key string) string {
	t.Helper()
	for _, line := range strings.Split(string(entry), "\n") {
		if v, ok := strings.CutPrefix(line, key+"="); ok {
			return v
		}
	}
	t.Fatalf("no %s= in entry:\n%s", key, entry)
	return ""
}

func TestXDGAutostartEntryRunsTheExactPathHidden(t *testing.T) {
	for _, exe := range []string{
		"/usr/bin/vpack-s3-sync",
		"/home/an/Ứng dụng/VPACK S3 Sync/vpack-s3-sync",
		`/opt/it's "quoted" $HOME/vpack`,
		"/opt/`tick`\\back\\slash/vpack",
		"/opt/100%/vpack %f",
		"/opt/tab\there/vpack",
	} {
		t.Run(exe, func(t *testing.T) {
			entry, err := xdgAutostartEntry(exe)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(string(entry), "[Desktop Entry]\nType=Application\n") {
				t.Fatalf("entry does not open with its group and type:\n%s", entry)
			}
			if got := parseDesktopExec(t, desktopKey(t, entry, "Exec")); !slices.Equal(got, []string{exe, StartHiddenArg}) {
				t.Fatalf("Exec reads back as %q, want [%q %q]", got, exe, StartHiddenArg)
			}
			tryExec := strings.NewReplacer(`\\`, `\`, `\t`, "\t").Replace(desktopKey(t, entry, "TryExec"))
			if tryExec != exe {
				t.Fatalf("TryExec reads back as %q", tryExec)
			}
			if !xdgEntryEnabled(entry) {
				t.Fatal("a fresh entry must read as enabled")
			}
		})
	}
}

func TestXDGAutostartEntryRefusesALineBreakInThePath(t *testing.T) {
	if _, err := xdgAutostartEntry("/opt/evil\nX-Injected=true/vpack"); err == nil {
		t.Fatal("a path with a line break would inject keys into the entry")
	}
}

func TestXDGEntryEnabledHonoursTheUsersSwitch(t *testing.T) {
	ours, _ := xdgAutostartEntry("/usr/bin/vpack-s3-sync")
	for _, tc := range []struct {
		name  string
		entry string
		want  bool
	}{
		{"as written", string(ours), true},
		{"GNOME switched off", strings.Replace(string(ours), "X-GNOME-Autostart-enabled=true", "X-GNOME-Autostart-enabled=false", 1), false},
		{"hidden", string(ours) + "Hidden=true\n", false},
		{"hidden false", string(ours) + "Hidden=false\n", true},
		{"spaces around =", string(ours) + "Hidden = true\n", false},
		{"key in another group", string(ours) + "[Desktop Action x]\nHidden=true\n", true},
	} {
		if got := xdgEntryEnabled([]byte(tc.entry)); got != tc.want {
			t.Errorf("%s: enabled = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestWindowsRunValueQuotesTheExecutable(t *testing.T) {
	for _, tc := range []struct{ exe, want string }{
		{`C:\Program Files\VPACK S3 Sync\vpack-s3-sync.exe`, `"C:\Program Files\VPACK S3 Sync\vpack-s3-sync.exe" --hidden`},
		{`C:\Users\Ân\AppData\Local\Programs\vpack-s3-sync.exe`, `"C:\Users\Ân\AppData\Local\Programs\vpack-s3-sync.exe" --hidden`},
	} {
		if got := windowsRunCommand(tc.exe); got != tc.want {
			t.Errorf("windowsRunCommand(%q) = %q, want %q", tc.exe, got, tc.want)
		}
	}
}

func TestStartupApprovedOddFirstByteMeansSwitchedOff(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
		want bool
	}{
		{"no record", nil, true},
		{"enabled", []byte{2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, true},
		{"disabled in Task Manager", []byte{3, 0, 0, 0, 0x1c, 0x5e, 0x1a, 0x93, 0x2c, 0x62, 0xd9, 0x01}, false},
		{"enabled (alternate)", []byte{6, 0, 0, 0}, true},
		{"disabled (alternate)", []byte{7, 0, 0, 0}, false},
	} {
		if got := startupApprovedEnabled(tc.data); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

// plistDict reads the top-level dict of a plist into key → values (strings, or "true"/"false").
func plistDict(t *testing.T, data []byte) map[string][]string {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(string(data)))
	dict := map[string][]string{}
	var key, text string
	depth := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return dict
		}
		if err != nil {
			t.Fatalf("plist is not well-formed XML: %v\n%s", err, data)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			depth++
			text = ""
			if tok.Name.Local == "true" || tok.Name.Local == "false" {
				dict[key] = append(dict[key], tok.Name.Local)
			}
		case xml.CharData:
			text += string(tok)
		case xml.EndElement:
			depth--
			switch tok.Name.Local {
			case "key":
				key = text
			case "string":
				dict[key] = append(dict[key], text)
			}
		}
	}
}

func TestLaunchAgentPlistRunsTheBinaryHiddenAtLogin(t *testing.T) {
	for _, exe := range []string{
		"/Applications/VPACK S3 Sync.app/Contents/MacOS/vpack-s3-sync",
		"/Users/an/Ứng dụng/A & B <test> \"q\" 'a'.app/Contents/MacOS/vpack-s3-sync",
	} {
		t.Run(exe, func(t *testing.T) {
			plist := launchAgentPlist(exe)
			if !strings.HasPrefix(string(plist), `<?xml version="1.0" encoding="UTF-8"?>`) || !strings.Contains(string(plist), "<!DOCTYPE plist") {
				t.Fatalf("missing the plist prologue:\n%s", plist)
			}
			d := plistDict(t, plist)
			for key, want := range map[string][]string{
				"Label":                  {launchAgentLabel},
				"ProgramArguments":       {exe, StartHiddenArg},
				"RunAtLoad":              {"true"},
				"LimitLoadToSessionType": {"Aqua"},
			} {
				if !slices.Equal(d[key], want) {
					t.Errorf("%s = %q, want %q", key, d[key], want)
				}
			}
		})
	}
}

func TestLaunchAgentRefusesATranslocatedApp(t *testing.T) {
	for _, tc := range []struct {
		exe  string
		want error
	}{
		{"/Applications/VPACK S3 Sync.app/Contents/MacOS/vpack-s3-sync", nil},
		{"/private/var/folders/x1/abc/T/AppTranslocation/5C2E/d/VPACK S3 Sync.app/Contents/MacOS/vpack-s3-sync", errTranslocated},
	} {
		if got := checkLaunchAgentPath(tc.exe); !errors.Is(got, tc.want) {
			t.Errorf("checkLaunchAgentPath(%q) = %v, want %v", tc.exe, got, tc.want)
		}
	}
}

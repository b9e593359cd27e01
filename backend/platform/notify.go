package platform

import (
	"encoding/base64"
	"fmt"
	"strings"
	"sync"
	"unicode/utf16"
)

// Desktop notifications: Notify shows one through the OS (Linux: org.freedesktop.Notifications
// over D-Bus; Windows: a toast through PowerShell with no console window; macOS: osascript).
// It is best effort: a machine with no notification service returns an error to log, not to
// show. Notifier decides when a finished sync run deserves one.

// notifyAppName is the sender name a notification shows.
const notifyAppName = "VPACK S3 Sync"

// Notify shows a desktop notification with title and body now.
func Notify(title, body string) error {
	if err := notify(title, body); err != nil {
		return fmt.Errorf("show notification: %w", err)
	}
	return nil
}

// RunOutcome is a finished sync run as Notifier sees it. Title and Body are already localised.
type RunOutcome struct {
	RunID, SourceID int64
	NewFiles        int  // videos downloaded by this run
	Failed          bool // the run failed or left files failed
	Title, Body     string
}

// Notifier keeps notifications rare: at most one per run, only when the setting is on, only
// for a run that brought new videos or that failed, and for failures only the first of a
// streak: a source failing every 15 minutes overnight notifies once, until a run succeeds.
// Safe for concurrent use.
type Notifier struct {
	send func(title, body string) error

	mu       sync.Mutex
	enabled  bool
	notified []int64 // the last notifiedRuns run IDs notified, oldest first
	failing  map[int64]bool
}

// notifiedRuns bounds the memory of notified runs; a run is never reported that much later.
const notifiedRuns = 256

// NewNotifier sends through send (nil: Notify). It starts disabled: call SetEnabled with the
// user's setting.
func NewNotifier(send func(title, body string) error) *Notifier {
	if send == nil {
		send = Notify
	}
	return &Notifier{send: send, failing: map[int64]bool{}}
}

// SetEnabled follows the notifications setting.
func (n *Notifier) SetEnabled(on bool) {
	n.mu.Lock()
	n.enabled = on
	n.mu.Unlock()
}

// RunFinished is told of every finished run and notifies when the rules above allow; sent
// says whether it did. It blocks while the OS takes the notification (on Windows up to a few
// seconds), so call it off the sync path. Every run counts towards a source's failure streak,
// even while notifications are off.
func (n *Notifier) RunFinished(o RunOutcome) (sent bool, err error) {
	n.mu.Lock()
	wasFailing := n.failing[o.SourceID]
	if o.Failed {
		n.failing[o.SourceID] = true
	} else {
		delete(n.failing, o.SourceID)
	}
	worth := (o.Failed && !wasFailing) || (!o.Failed && o.NewFiles > 0)
	send := n.enabled && worth && !n.wasNotified(o.RunID)
	if send {
		n.notified = append(n.notified, o.RunID)
		if len(n.notified) > notifiedRuns {
			n.notified = n.notified[1:]
		}
	}
	n.mu.Unlock()
	if !send {
		return false, nil
	}
	return true, n.send(o.Title, o.Body)
}

func (n *Notifier) wasNotified(runID int64) bool {
	for _, id := range n.notified {
		if id == runID {
			return true
		}
	}
	return false
}

// toastXMLText escapes s for the toast's XML and leaves only printable ASCII: everything else
// becomes a character reference, so the PowerShell string holding the XML has no quote
// characters (PowerShell also ends strings at typographic quotes) and no encoding to get wrong.
// Control characters other than tab and line breaks, which XML cannot hold, are dropped.
func toastXMLText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"' || r == '\'' || r == '`' || r == '$':
			fmt.Fprintf(&b, "&#x%X;", r)
		case r == '\t' || r == '\n' || r == '\r':
			fmt.Fprintf(&b, "&#x%X;", r)
		case r < 0x20 || r == 0x7f || r == 0xfffe || r == 0xffff:
			// not allowed in XML
		case r > 0x7e:
			fmt.Fprintf(&b, "&#x%X;", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// windowsToastAppID is PowerShell's own application id: Windows registers it, so a toast
// shown under it appears without installing a shortcut with an id of our own.
const windowsToastAppID = `{1AC14E77-02E7-4E5D-B744-2EB1AE5198B7}\WindowsPowerShell\v1.0\powershell.exe`

// windowsToastScript is the PowerShell that shows one toast through the WinRT API.
func windowsToastScript(title, body string) string {
	xml := `<toast><visual><binding template="ToastGeneric"><text>` + toastXMLText(title) +
		`</text><text>` + toastXMLText(body) + `</text></binding></visual></toast>`
	return strings.Join([]string{
		`$ErrorActionPreference = 'Stop'`,
		`[Windows.UI.Notifications.ToastNotificationManager, Windows.UI.Notifications, ContentType = WindowsRuntime] | Out-Null`,
		`[Windows.Data.Xml.Dom.XmlDocument, Windows.Data.Xml.Dom.XmlDocument, ContentType = WindowsRuntime] | Out-Null`,
		`$xml = New-Object Windows.Data.Xml.Dom.XmlDocument`,
		`$xml.LoadXml('` + xml + `')`,
		`$toast = New-Object Windows.UI.Notifications.ToastNotification $xml`,
		`[Windows.UI.Notifications.ToastNotificationManager]::CreateToastNotifier('` + windowsToastAppID + `').Show($toast)`,
	}, "\n")
}

// powershellArgs runs script with no profile, no prompt and no window; -EncodedCommand takes
// it as base64 of UTF-16LE, which sidesteps command-line quoting altogether.
func powershellArgs(script string) []string {
	units := utf16.Encode([]rune(script))
	raw := make([]byte, 2*len(units))
	for i, u := range units {
		raw[2*i], raw[2*i+1] = byte(u), byte(u>>8)
	}
	return []string{"-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-WindowStyle", "Hidden",
		"-EncodedCommand", base64.StdEncoding.EncodeToString(raw)}
}

// osascriptArgs passes title and body as arguments rather than inside the script, so no text
// needs AppleScript quoting. The title is ours and never starts with "-".
func osascriptArgs(title, body string) []string {
	return []string{
		"-e", "on run argv",
		"-e", "display notification (item 2 of argv) with title (item 1 of argv)",
		"-e", "end run",
		title, body,
	}
}

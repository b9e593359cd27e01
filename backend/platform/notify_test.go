package platform

import (
	"encoding/base64"
	"encoding/xml"
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
)

func TestNotifierSendsAtMostOnePerRunAndOnePerFailureStreak(t *testing.T) {
	type step struct {
		name    string
		enable  *bool
		outcome RunOutcome
		want    bool
	}
	on, off := true, false
	steps := []step{
		{name: "off: new videos stay quiet", enable: &off, outcome: RunOutcome{RunID: 1, SourceID: 1, NewFiles: 3}},
		{name: "on: a run with nothing new stays quiet", enable: &on, outcome: RunOutcome{RunID: 2, SourceID: 1}},
		{name: "new videos notify", outcome: RunOutcome{RunID: 3, SourceID: 1, NewFiles: 12}, want: true},
		{name: "the same run again stays quiet", outcome: RunOutcome{RunID: 3, SourceID: 1, NewFiles: 12}},
		{name: "a failure notifies", outcome: RunOutcome{RunID: 4, SourceID: 1, Failed: true}, want: true},
		{name: "the next failure of that source stays quiet", outcome: RunOutcome{RunID: 5, SourceID: 1, Failed: true}},
		{name: "another source's failure notifies", outcome: RunOutcome{RunID: 6, SourceID: 2, Failed: true}, want: true},
		{name: "a failure with new videos in the streak stays quiet", outcome: RunOutcome{RunID: 7, SourceID: 1, Failed: true, NewFiles: 2}},
		{name: "a success ends the streak quietly", outcome: RunOutcome{RunID: 8, SourceID: 1}},
		{name: "a failure after the success notifies again", outcome: RunOutcome{RunID: 9, SourceID: 1, Failed: true}, want: true},
		{name: "off: a new source's failure starts a streak", enable: &off, outcome: RunOutcome{RunID: 10, SourceID: 3, Failed: true}},
		{name: "on again: that streak goes on quietly", enable: &on, outcome: RunOutcome{RunID: 11, SourceID: 3, Failed: true}},
		{name: "a run id seen while off can still notify", outcome: RunOutcome{RunID: 1, SourceID: 4, NewFiles: 1}, want: true},
	}
	var got []string
	n := NewNotifier(func(title, body string) error { got = append(got, title+"|"+body); return nil })
	for _, s := range steps {
		if s.enable != nil {
			n.SetEnabled(*s.enable)
		}
		s.outcome.Title, s.outcome.Body = "VPACK S3 Sync", s.name
		before := len(got)
		sent, err := n.RunFinished(s.outcome)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if sent != s.want || (len(got) > before) != s.want {
			t.Errorf("%s: sent = %v (send called %d times), want %v", s.name, sent, len(got)-before, s.want)
		}
	}
}

func TestNotifierReportsASendErrorAndRemembersBoundedRuns(t *testing.T) {
	boom := errors.New("no notification service")
	n := NewNotifier(func(string, string) error { return boom })
	n.SetEnabled(true)
	sent, err := n.RunFinished(RunOutcome{RunID: 1, SourceID: 1, NewFiles: 1})
	if !sent || !errors.Is(err, boom) {
		t.Fatalf("sent %v err %v, want true and the send error", sent, err)
	}
	for id := int64(2); id < 1000; id++ {
		if _, err := n.RunFinished(RunOutcome{RunID: id, SourceID: 1, NewFiles: 1}); !errors.Is(err, boom) {
			t.Fatalf("run %d: %v", id, err)
		}
	}
	if len(n.notified) != notifiedRuns {
		t.Fatalf("remembers %d runs, want at most %d", len(n.notified), notifiedRuns)
	}
}

func TestToastXMLTextLeavesOnlyPlainASCII(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"12 video mới", "12 video m&#x1EDB;i"},
		{`A & B <c> "d"`, "A &amp; B &lt;c&gt; &#x22;d&#x22;"},
		{"it's ‘quoted’", "it&#x27;s &#x2018;quoted&#x2019;"},
		{"line\nnext", "line&#xA;next"},
		{"bell\x07gone", "bellgone"},
		{"$env:TEMP `x`", "&#x24;env:TEMP &#x60;x&#x60;"},
	} {
		if got := toastXMLText(tc.in); got != tc.want {
			t.Errorf("toastXMLText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestWindowsToastScriptCarriesTheTextIntactInsideOneQuotedString(t *testing.T) {
	title, body := "VPACK S3 Sync", "Camera ‘Cổng’: 12 video mới & 1 lỗi <xem> it's \"done\"\nline 2"
	script := windowsToastScript(title, body)
	_, rest, ok := strings.Cut(script, "$xml.LoadXml('")
	if !ok {
		t.Fatalf("no LoadXml in:\n%s", script)
	}
	doc, _, ok := strings.Cut(rest, "')")
	if !ok || strings.ContainsAny(doc, "'‘’‚‛\n") {
		t.Fatalf("the XML literal is not one safe single-quoted string: %q", doc)
	}
	var toast struct {
		Texts []string `xml:"visual>binding>text"`
	}
	if err := xml.Unmarshal([]byte(doc), &toast); err != nil {
		t.Fatalf("toast XML does not parse: %v\n%s", err, doc)
	}
	if !slices.Equal(toast.Texts, []string{title, body}) {
		t.Fatalf("toast texts %q, want %q", toast.Texts, []string{title, body})
	}
	if !strings.Contains(script, "CreateToastNotifier('"+windowsToastAppID+"')") {
		t.Fatal("toast is not shown under PowerShell's registered app id")
	}
}

func TestPowershellArgsEncodeTheScriptAsUTF16AndHideTheWindow(t *testing.T) {
	script := "Write-Output 'Đồng bộ'"
	args := powershellArgs(script)
	for _, flag := range []string{"-NoProfile", "-NonInteractive", "-WindowStyle"} {
		if !slices.Contains(args, flag) {
			t.Errorf("missing %s in %q", flag, args)
		}
	}
	if i := slices.Index(args, "-WindowStyle"); i < 0 || args[i+1] != "Hidden" {
		t.Errorf("window style is not Hidden: %q", args)
	}
	if args[len(args)-2] != "-EncodedCommand" {
		t.Fatalf("script is not passed encoded: %q", args)
	}
	raw, err := base64.StdEncoding.DecodeString(args[len(args)-1])
	if err != nil || len(raw)%2 != 0 {
		t.Fatalf("bad base64: %v", err)
	}
	units := make([]uint16, len(raw)/2)
	for i := range units {
		units[i] = uint16(raw[2*i]) | uint16(raw[2*i+1])<<8
	}
	if got := string(utf16.Decode(units)); got != script {
		t.Fatalf("decoded %q, want %q", got, script)
	}
}

func TestOsascriptArgsPassTheTextAsArguments(t *testing.T) {
	title, body := "VPACK S3 Sync", `12 video mới "quoted" \ -dash`
	args := osascriptArgs(title, body)
	if got := args[len(args)-2:]; !slices.Equal(got, []string{title, body}) {
		t.Fatalf("trailing args %q, want the title and body verbatim", got)
	}
	script := strings.Join(args[:len(args)-2], " ")
	if strings.Contains(script, "12 video") || !strings.Contains(script, "display notification (item 2 of argv) with title (item 1 of argv)") {
		t.Fatalf("script should read the text from argv: %q", script)
	}
}

//go:build linux

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestSummarizeGivesMedianAndRange(t *testing.T) {
	cases := []struct {
		name string
		in   []float64
		want stats
	}{
		{"empty", nil, stats{}},
		{"odd count", []float64{3, 1, 2}, stats{Median: 2, Min: 1, Max: 3}},
		{"even count averages the middle two", []float64{4, 1, 3, 2}, stats{Median: 2.5, Min: 1, Max: 4}},
	}
	for _, c := range cases {
		if got := summarize(c.in); got != c.want {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
	}
}

func TestMaxRSSReadsTimeVerboseReport(t *testing.T) {
	report := "\tCommand being timed: \"x\"\n\tMaximum resident set size (kbytes): 27612\n\tExit status: 0\n"
	if got := maxRSS(report); got != 27612 {
		t.Errorf("maxRSS = %d, want 27612", got)
	}
	if got := maxRSS("no report"); got != 0 {
		t.Errorf("maxRSS without a report = %d, want 0", got)
	}
}

func TestRequestsSinceCountsOnlyNewAccessLogLinesByKind(t *testing.T) {
	dir := t.TempDir()
	g := &gateway{AccessLog: filepath.Join(dir, "access.log")}
	line := func(op string) string {
		return "root b [04/December/2026:16:08:53 +0000] 127.0.0.1 root ID " + op + " key /b/key 200 - 0 6 8 8 - ua\n"
	}
	old := line("s3_GetObject")
	if err := os.WriteFile(g.AccessLog, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	off := g.logOffset()
	f, _ := os.OpenFile(g.AccessLog, os.O_APPEND|os.O_WRONLY, 0)
	for _, op := range []string{"s3_ListObjectsV2", "s3_ListObjectsV2", "s3_HeadObject", "s3_GetObject", "s3_PutObject"} {
		f.WriteString(line(op))
	}
	f.Close()
	got, err := g.requestsSince(off)
	if err != nil {
		t.Fatal(err)
	}
	if want := (requests{List: 2, Get: 1, Head: 1, Other: 1}); got != want {
		t.Errorf("requests = %+v, want %+v", got, want)
	}
}

func TestSpeedupPairsRunsOfTheSameRound(t *testing.T) {
	run := func(secs ...float64) *outcome {
		o := &outcome{}
		for _, s := range secs {
			o.Samples = append(o.Samples, sample{Wall: time.Duration(s * float64(time.Second))})
		}
		return o
	}
	r := &ran{Out: map[string]*outcome{
		"ours":    run(1, 2, 1),
		"rclone":  run(2, 2, 3),
		"aws":     run(5, 5, 5),
		"ceiling": run(0.5, 0.5, 0.5),
	}, Order: []string{"ours", "aws", "rclone", "ceiling"}}
	if best := r.bestPeer(); best != "rclone" {
		t.Fatalf("best peer = %q, want rclone (the ceiling and our rows are not peers)", best)
	}
	sp, ok := r.speedup("rclone")
	if !ok || sp.Median != 2 || sp.Min != 1 || sp.Max != 3 {
		t.Errorf("speedup = %+v %v, want median 2, range 1–3", sp, ok)
	}
}

func TestRefreshNotesReplacesOnlyTheHandWrittenPart(t *testing.T) {
	dir := t.TempDir()
	wd, _ := os.Getwd()
	t.Cleanup(func() { os.Chdir(wd) })
	os.Chdir(dir)
	os.MkdirAll("bench", 0o755)
	os.WriteFile(notesPath, []byte("## Findings\nnew\n"), 0o644)
	results := filepath.Join(dir, "RESULTS.md")
	os.WriteFile(results, []byte("# Table\n| a |\n\n"+notesMarker+"\n## Findings\nold\n"), 0o644)
	if err := refreshNotes(results); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(results)
	s := string(b)
	if !strings.HasPrefix(s, "# Table\n| a |\n") || !strings.HasSuffix(s, "## Findings\nnew\n") || strings.Contains(s, "old") {
		t.Errorf("refreshed file:\n%s", s)
	}
}

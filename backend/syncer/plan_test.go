package syncer

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"vpack-s3-sync/backend/apperr"
	"vpack-s3-sync/backend/s3api"
	"vpack-s3-sync/backend/store"
)

func TestDecide(t *testing.T) {
	mod := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
	obj := func(etag, class string) s3api.Object {
		return s3api.Object{Key: "cam/a.mp4", Size: 10, ETag: etag, LastModified: mod, StorageClass: class}
	}
	row := func(etag string) *store.DownloadedFile {
		return &store.DownloadedFile{Key: "cam/a.mp4", Size: 10, ETag: etag, LastModified: mod}
	}
	cases := []struct {
		name string
		o    s3api.Object
		h    *store.DownloadedFile
		want Decision
	}{
		{"new key is downloaded", obj("e1", "STANDARD"), nil, Decision{Download, "new", false}},
		{"same ETag is skipped", obj("e1", "STANDARD"), row("e1"), Decision{Skip, "unchanged", false}},
		{"ETag compared without quotes or case", obj("ABC", "STANDARD"), row(`"abc"`), Decision{Skip, "unchanged", false}},
		{"changed ETag replaces our earlier file", obj("e2", "STANDARD"), row("e1"), Decision{Download, "changed", true}},
		{"new archived object is reported, not fetched", obj("e1", "GLACIER"), nil, Decision{ReportArchived, "archived", false}},
		{"deep archive counts as archived", obj("e1", "DEEP_ARCHIVE"), nil, Decision{ReportArchived, "archived", false}},
		{"changed archived object is reported", obj("e2", "GLACIER"), row("e1"), Decision{ReportArchived, "archived", false}},
		{"archived after we downloaded it is skipped", obj("e1", "DEEP_ARCHIVE"), row("e1"), Decision{Skip, "unchanged", false}},
		{"instant-retrieval Glacier is downloadable", obj("e1", "GLACIER_IR"), nil, Decision{Download, "new", false}},
		{"no ETag: same size and time is unchanged", obj("", "STANDARD"), &store.DownloadedFile{Size: 10, LastModified: mod}, Decision{Skip, "unchanged", false}},
		{"no ETag: another size is changed", s3api.Object{Size: 11, LastModified: mod}, &store.DownloadedFile{Size: 10, LastModified: mod}, Decision{Download, "changed", true}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Decide(c.o, c.h); got != c.want {
				t.Fatalf("Decide = %+v, want %+v", got, c.want)
			}
		})
	}
}

func TestNormalizePrefixMakesAFolder(t *testing.T) {
	for in, want := range map[string]string{"": "", "/": "", "cam": "cam/", "cam/": "cam/", "/cam/2026": "cam/2026/"} {
		if got := NormalizePrefix(in); got != want {
			t.Errorf("NormalizePrefix(%q) = %q, want %q", in, got, want)
		}
	}
}

type fakeLister []s3api.Object

func (f fakeLister) Walk(ctx context.Context, bucket, prefix string, flt s3api.Filter, fn func(s3api.Object) error) error {
	for _, o := range f {
		if strings.HasPrefix(o.Key, prefix) && flt.Match(o) {
			if err := fn(o); err != nil {
				return err
			}
		}
	}
	return nil
}

type fakeHistory []store.DownloadedFile

func (f fakeHistory) IterateHistory(ctx context.Context, id int64, fn func(store.DownloadedFile) error) error {
	for _, r := range f {
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

func TestPlanMergesListingWithHistoryInKeyOrder(t *testing.T) {
	o := func(key, etag string) s3api.Object {
		return s3api.Object{Key: key, Size: int64(len(key)), ETag: etag, StorageClass: "STANDARD"}
	}
	h := func(key, etag string) store.DownloadedFile { return store.DownloadedFile{Key: key, ETag: etag} }
	listing := fakeLister{
		o("p/a.mp4", "1"),   // in history, same: skip
		o("p/b.mp4", "2"),   // in history, changed: download (replace)
		o("p/c.jpg", "3"),   // filtered out
		o("p/d/e.mp4", "4"), // new
		{Key: "p/g.mp4", ETag: "6", StorageClass: "GLACIER"}, // archived
		o("p/h.MP4", "7"), // new, upper-case extension
		o("q/x.mp4", "8"), // outside the prefix
	}
	history := fakeHistory{
		h("p/0-deleted.mp4", "0"), // no longer listed: ignored
		h("p/a.mp4", "1"),
		{Key: "p/b.mp4", ETag: "old", LocalPath: filepath.Join("/dest", "b.mp4")},
		h("p/f-deleted.mp4", "5"),
	}
	var sum Summary
	var got []string
	var lastListed int
	err := plan(context.Background(), listing, history,
		Target{SourceID: 1, Prefix: "p/", DestDir: "/dest"}, &sum,
		func(n int) { lastListed = n },
		func(it planItem) error {
			got = append(got, it.Key+"→"+filepath.ToSlash(it.Rel)+map[bool]string{true: " (replace)"}[it.Replace])
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"p/b.mp4→b.mp4 (replace)", "p/d/e.mp4→d/e.mp4", "p/h.MP4→h.MP4"}
	if !slices.Equal(got, want) {
		t.Fatalf("planned %v, want %v", got, want)
	}
	if sum.Listed != 6 || sum.Matched != 5 || sum.Skipped != 1 || sum.Archived != 1 || sum.PlannedFiles != 3 || lastListed != 6 {
		t.Fatalf("summary %+v (last listed %d)", sum, lastListed)
	}
	if sum.PlannedBytes != int64(len("p/b.mp4")+len("p/d/e.mp4")+len("p/h.MP4")) {
		t.Fatalf("planned bytes %d", sum.PlannedBytes)
	}
}

func TestPlanFailsUnsafeAndCollidingKeysWithoutStoppingOthers(t *testing.T) {
	listing := fakeLister{
		{Key: "p/a.mp4", ETag: "1"},
		{Key: "p/a.mp4/b.mp4", ETag: "2"}, // a file where a folder is needed
		{Key: "p/d/", ETag: "3"},          // folder marker named like a file: not a video anyway
		{Key: "p/x//y.mp4", ETag: "4"},
		{Key: "p/x/y.mp4", ETag: "5"}, // the same local path as the key before
	}
	var sum Summary
	var got []string
	err := plan(context.Background(), listing, fakeHistory{}, Target{SourceID: 1, Prefix: "p/"}, &sum, nil,
		func(it planItem) error { got = append(got, it.Key); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, []string{"p/a.mp4", "p/x//y.mp4"}) {
		t.Fatalf("planned %v", got)
	}
	if sum.Failed != 2 || len(sum.Errors) != 2 {
		t.Fatalf("failed %d, errors %+v", sum.Failed, sum.Errors)
	}
	for _, e := range sum.Errors {
		if e.Code != string(apperr.LocalPathUnsafe) || e.Message == "" {
			t.Errorf("error %+v, want %s with a message", e, apperr.LocalPathUnsafe)
		}
	}
}

func TestPartSizeCandidatesGiveTheETagsPartCount(t *testing.T) {
	const mib = 1 << 20
	for _, c := range []struct {
		size  int64
		parts int
		first int64
	}{
		{20 * mib, 3, 8 * mib},
		{20 * mib, 4, 5 * mib},
		{100 * mib, 7, 16 * mib},
		{10*mib + 1, 2, 8 * mib},
	} {
		got := partSizeCandidates(c.size, c.parts)
		if len(got) == 0 || got[0] != c.first || len(got) > 4 {
			t.Errorf("partSizeCandidates(%d, %d) = %v, want first %d", c.size, c.parts, got, c.first)
		}
		for _, p := range got {
			if (c.size+p-1)/p != int64(c.parts) {
				t.Errorf("candidate %d gives %d parts, want %d", p, (c.size+p-1)/p, c.parts)
			}
		}
	}
}

func TestChangedObjectReplacesOnlyOurOwnFile(t *testing.T) {
	listing := fakeLister{{Key: "p/a.mp4", ETag: "new"}, {Key: "p/b.mp4", ETag: "new"}}
	history := fakeHistory{
		{Key: "p/a.mp4", ETag: "old", LocalPath: filepath.Join("/dest", "a.mp4")},
		{Key: "p/b.mp4", ETag: "old", LocalPath: filepath.Join("/dest", "b (1).mp4")}, // kept beside another file
	}
	replace := map[string]bool{}
	var sum Summary
	err := plan(context.Background(), listing, history, Target{SourceID: 1, Prefix: "p/", DestDir: "/dest"}, &sum, nil,
		func(it planItem) error { replace[it.Key] = it.Replace; return nil })
	if err != nil {
		t.Fatal(err)
	}
	if !replace["p/a.mp4"] || replace["p/b.mp4"] {
		t.Fatalf("replace = %v, want only p/a.mp4 (the file at its path is ours)", replace)
	}
}

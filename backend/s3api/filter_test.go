package s3api

import (
	"testing"
	"time"
)

func TestFilterMatch(t *testing.T) {
	day := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	obj := func(key string, size int64, mod time.Time) Object {
		return Object{Key: key, Size: size, LastModified: mod}
	}
	tests := []struct {
		name   string
		filter Filter
		obj    Object
		want   bool
	}{
		{"zero filter takes a video", Filter{}, obj("cam1/0800.mp4", 10, day), true},
		{"zero filter skips a snapshot", Filter{}, obj("cam1/0800.jpg", 10, day), false},
		{"extensions ignore case", Filter{}, obj("cam1/0800.MP4", 10, day), true},
		{"dahua .dav is a video", Filter{}, obj("nvr/ch01.dav", 10, day), true},
		{"m2ts needs the whole extension", Filter{}, obj("a/b.m2ts", 10, day), true},
		{"no extension", Filter{}, obj("cam1/README", 10, day), false},
		{"a dot in a folder name is not an extension", Filter{}, obj("cam.mp4/clip", 10, day), false},
		{"custom extensions without dot", Filter{Extensions: []string{"JPG"}}, obj("a/x.jpg", 1, day), true},
		{"custom extensions replace the defaults", Filter{Extensions: []string{".jpg"}}, obj("a/x.mp4", 1, day), false},
		{"empty non-nil extensions take everything", Filter{Extensions: []string{}}, obj("a/notes.txt", 1, day), true},
		{"modified before the window", Filter{ModifiedSince: day}, obj("a.mp4", 1, day.Add(-time.Second)), false},
		{"modified exactly at the window start", Filter{ModifiedSince: day}, obj("a.mp4", 1, day), true},
		{"smaller than the minimum", Filter{MinSize: 100}, obj("a.mp4", 99, day), false},
		{"at the minimum", Filter{MinSize: 100}, obj("a.mp4", 100, day), true},
		{"larger than the maximum", Filter{MaxSize: 100}, obj("a.mp4", 101, day), false},
		{"zero max means no limit", Filter{}, obj("a.mp4", 1<<40, day), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.filter.Match(tc.obj); got != tc.want {
				t.Fatalf("Match(%+v) = %v, want %v", tc.obj, got, tc.want)
			}
		})
	}
}

func TestIsArchived(t *testing.T) {
	tests := map[string]bool{
		"GLACIER": true, "DEEP_ARCHIVE": true, "glacier": true,
		"GLACIER_IR": false, "STANDARD": false, "STANDARD_IA": false, "INTELLIGENT_TIERING": false, "": false,
	}
	for class, want := range tests {
		if got := IsArchived(class); got != want {
			t.Errorf("IsArchived(%q) = %v, want %v", class, got, want)
		}
	}
}

func TestTotalFromContentRange(t *testing.T) {
	tests := []struct {
		in     string
		want   int64
		wantOK bool
	}{
		{"bytes 0-99/1234", 1234, true},
		{"bytes 100-199/200", 200, true},
		{"bytes */1234", 1234, true},
		{"bytes 0-99/*", 0, false},
		{"", 0, false},
	}
	for _, tc := range tests {
		got, ok := totalFromContentRange(tc.in)
		if got != tc.want || ok != tc.wantOK {
			t.Errorf("totalFromContentRange(%q) = %d, %v", tc.in, got, ok)
		}
	}
}

func TestETagQuoting(t *testing.T) {
	if got := trimETag(`"abc-2"`); got != "abc-2" {
		t.Fatalf("trimETag = %q", got)
	}
	for in, want := range map[string]string{"abc": `"abc"`, `"abc"`: `"abc"`, `W/"abc"`: `W/"abc"`} {
		if got := quoteETag(in); got != want {
			t.Errorf("quoteETag(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRequestCounterSortsOperationsByKind(t *testing.T) {
	var rc RequestCounter
	for _, op := range []string{"ListObjectsV2", "ListBuckets", "GetObject", "HeadObject", "HeadBucket", "GetCallerIdentity"} {
		rc.count(op)
	}
	if rc.List.Load() != 2 || rc.Get.Load() != 1 || rc.Head.Load() != 2 || rc.Other.Load() != 1 || rc.Total() != 6 {
		t.Fatalf("got list=%d get=%d head=%d other=%d", rc.List.Load(), rc.Get.Load(), rc.Head.Load(), rc.Other.Load())
	}
}

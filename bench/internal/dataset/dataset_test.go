package dataset

import (
	"strings"
	"testing"
)

func TestSmallObjectKeysIncreaseInS3ByteOrder(t *testing.T) {
	for _, n := range []int{1, 7, 2_000, 100_000} {
		prev := ""
		videos := 0
		for i := range n {
			o := SmallObject(i, n)
			if o.Key <= prev {
				t.Fatalf("n=%d: key %d %q does not sort after %q", n, i, o.Key, prev)
			}
			prev = o.Key
			if o.Video {
				videos++
			}
			if o.Video != strings.HasSuffix(o.Key, ".mp4") {
				t.Fatalf("n=%d: %q video=%v", n, o.Key, o.Video)
			}
		}
		if n >= SnapshotEvery && videos != n-n/SnapshotEvery {
			t.Errorf("n=%d: %d videos, want %d", n, videos, n-n/SnapshotEvery)
		}
	}
}

func TestContentIsDeterministicPerSetAndIndex(t *testing.T) {
	cases := []struct {
		name       string
		a, b       []byte
		wantEquals bool
	}{
		{"same set and index", Content("s/", 3, 100), Content("s/", 3, 100), true},
		{"other index", Content("s/", 3, 100), Content("s/", 4, 100), false},
		{"other set", Content("s/", 3, 100), Content("t/", 3, 100), false},
	}
	for _, c := range cases {
		if got := string(c.a) == string(c.b); got != c.wantEquals {
			t.Errorf("%s: equal=%v, want %v", c.name, got, c.wantEquals)
		}
	}
	var streamed []byte
	if err := Stream("s/", 3, 100, func(b []byte) error { streamed = append(streamed, b...); return nil }); err != nil {
		t.Fatal(err)
	}
	if string(streamed) != string(Content("s/", 3, 100)) {
		t.Error("Stream and Content disagree")
	}
}

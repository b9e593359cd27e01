package s3api

import (
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"vpack-s3-sync/backend/s3test"
)

const (
	seedFiles   = 1100 // files directly in cams/: more than one page
	seedFolders = 1050 // folders directly in cams/: more than one page of common prefixes
	seedArchive = 2850 // more keys elsewhere, so the bucket holds 5,000 objects plus a marker
)

func seedBody(key string) []byte { return []byte("video:" + key) }

func md5Hex(b []byte) string {
	sum := md5.Sum(b)
	return hex.EncodeToString(sum[:])
}

// seedListingBucket fills bucket "nvr" with 5,001 keys: the folder marker "cams/", 1,100 files
// and 1,050 folders directly under it, and 2,850 keys under archive/ in three extensions.
func seedListingBucket(t *testing.T) (*s3test.Server, []string) {
	t.Helper()
	srv := s3test.Start(t)
	srv.CreateBucket(t, "nvr")
	keys := []string{"cams/"}
	for i := range seedFiles {
		keys = append(keys, fmt.Sprintf("cams/f%04d.mp4", i))
	}
	for i := range seedFolders {
		keys = append(keys, fmt.Sprintf("cams/d%04d/clip.mp4", i))
	}
	exts := []string{".jpg", ".MOV", ".mp4"}
	for i := range seedArchive - 2 {
		keys = append(keys, fmt.Sprintf("archive/%04d%s", i, exts[i%3]))
	}
	// Non-ASCII and upper-case names: S3 orders by UTF-8 bytes, and so must Walk.
	keys = append(keys, "archive/sảnh/0800.mp4", "archive/Zcam/0800.mp4")
	start := time.Now()
	srv.PutMany(t, "nvr", keys, func(key string) []byte {
		if key == "cams/" {
			return nil
		}
		return seedBody(key)
	})
	t.Logf("seeded %d objects in %v", len(keys), time.Since(start).Round(time.Millisecond))
	sort.Strings(keys) // Go compares strings bytewise: S3's order
	return srv, keys
}

func TestListingBeyondOnePage(t *testing.T) {
	srv, keys := seedListingBucket(t)
	c := rootClient(t, srv)

	t.Run("Level pages through more than 1,000 folders and files", func(t *testing.T) {
		ctx, rc := counted(t)
		var folders []Folder
		var files []Object
		token, pages := "", 0
		for {
			lv, err := c.Level(ctx, "nvr", "cams/", token)
			if err != nil {
				t.Fatal(err)
			}
			pages++
			if pages == 1 && (lv.NextToken == "" || len(lv.Folders)+len(lv.Files) < 999) {
				t.Fatalf("first page: %d folders, %d files, token %q", len(lv.Folders), len(lv.Files), lv.NextToken)
			}
			folders = append(folders, lv.Folders...)
			files = append(files, lv.Files...)
			if token = lv.NextToken; token == "" {
				break
			}
		}
		if len(folders) != seedFolders || len(files) != seedFiles {
			t.Fatalf("got %d folders and %d files, want %d and %d", len(folders), len(files), seedFolders, seedFiles)
		}
		wantCounts(t, rc, counts{list: int64(pages)})
		if pages != 3 {
			t.Fatalf("%d pages for 2,151 entries, want 3", pages)
		}
		if folders[0].Prefix != "cams/d0000/" || folders[seedFolders-1].Prefix != "cams/d1049/" {
			t.Fatalf("folders run %q … %q", folders[0].Prefix, folders[seedFolders-1].Prefix)
		}
		f := files[0]
		if f.Key != "cams/f0000.mp4" || f.Size != int64(len(seedBody(f.Key))) ||
			f.ETag != md5Hex(seedBody(f.Key)) || f.StorageClass != "STANDARD" || f.LastModified.IsZero() {
			t.Fatalf("first file %+v", f)
		}
		for _, f := range files {
			if f.Key == "cams/" {
				t.Fatal("the folder marker was listed as a file")
			}
		}
	})

	t.Run("LevelAll reads every page", func(t *testing.T) {
		ctx, rc := counted(t)
		lv, err := c.LevelAll(ctx, "nvr", "cams/")
		if err != nil {
			t.Fatal(err)
		}
		if len(lv.Folders) != seedFolders || len(lv.Files) != seedFiles || lv.NextToken != "" {
			t.Fatalf("got %d folders, %d files, token %q", len(lv.Folders), len(lv.Files), lv.NextToken)
		}
		wantCounts(t, rc, counts{list: 3})
	})

	t.Run("Level at the root shows the top folders", func(t *testing.T) {
		lv, err := c.Level(testCtx(t), "nvr", "", "")
		if err != nil {
			t.Fatal(err)
		}
		if len(lv.Folders) != 2 || lv.Folders[0].Prefix != "archive/" || lv.Folders[1].Prefix != "cams/" || len(lv.Files) != 0 {
			t.Fatalf("got %+v", lv)
		}
	})

	t.Run("Walk streams 5,000 keys in order through the filter, page by page", func(t *testing.T) {
		ctx, rc := counted(t)
		var want []string
		for _, k := range keys {
			if (Filter{}).Match(Object{Key: k}) {
				want = append(want, k)
			}
		}
		var got []string
		var listsAtFirst int64
		err := c.Walk(ctx, "nvr", "", Filter{}, func(o Object) error {
			if got == nil {
				listsAtFirst = rc.List.Load()
			}
			got = append(got, o.Key)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("walked %d keys, want %d; first %v", len(got), len(want), got[:min(5, len(got))])
		}
		// The first page is handed over as soon as it arrives; the second may already be on
		// its way (one page ahead), never more.
		if len(want) < 3000 || listsAtFirst < 1 || listsAtFirst > 2 {
			t.Fatalf("%d matches; first object seen after %d list requests, want 1 or 2 (streaming)", len(want), listsAtFirst)
		}
		wantCounts(t, rc, counts{list: 6}) // 5,001 keys in pages of 1,000
	})

	t.Run("Walk with every extension skips only the folder marker", func(t *testing.T) {
		n := 0
		err := c.Walk(testCtx(t), "nvr", "cams/", Filter{Extensions: []string{}}, func(o Object) error {
			if o.Key == "cams/" {
				t.Fatal("folder marker walked")
			}
			n++
			return nil
		})
		if err != nil || n != seedFiles+seedFolders {
			t.Fatalf("walked %d, err %v; want %d", n, err, seedFiles+seedFolders)
		}
	})

	t.Run("Walk stops at the callback's error and returns it unchanged", func(t *testing.T) {
		ctx, rc := counted(t)
		stop := errors.New("stop here")
		n := 0
		err := c.Walk(ctx, "nvr", "", Filter{}, func(Object) error {
			if n++; n == 10 {
				return stop
			}
			return nil
		})
		if err != stop || n != 10 {
			t.Fatalf("err %v after %d objects", err, n)
		}
		// The page fetched ahead is cancelled, but it may have been sent already: one more
		// LIST at most, never the rest of the listing.
		if got := rc.snapshot(); got != (counts{list: 1}) && got != (counts{list: 2}) {
			t.Fatalf("requests %+v, want 1 or 2 LISTs", got)
		}
	})

	walkAhead(t, srv, keys)
}

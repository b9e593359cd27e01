package localpath

import (
	"path/filepath"
	"strings"
	"unicode"
)

// CollisionKind says why two keys cannot both live on disk as they are.
type CollisionKind string

const (
	// SamePath: two keys map to the very same local path ("a//b" and "a/b", or two spellings
	// of one name that NFC makes equal).
	SamePath CollisionKind = "same_path"
	// CaseOnly: two files whose local paths differ only in letter case; on Windows and macOS
	// (case-insensitive by default) they are one file.
	CaseOnly CollisionKind = "case_only"
	// FileFolder: one key is a file where another needs a folder ("a" and "a/b"), on any OS.
	FileFolder CollisionKind = "file_folder"
	// FolderCase: two folders differ only in case ("Cam1/" and "cam1/"); a case-insensitive
	// filesystem merges them, and files inside them are not compared with each other.
	FolderCase CollisionKind = "folder_case"
)

// Collision is one clash, reported when its second key is added.
type Collision struct {
	Kind  CollisionKind
	Key   string // the key just added
	Other string // the earlier key that took the name first
	Path  string // the local relative path (OS separator) of the name both want
}

// Collisions finds keys that clash once mapped, while the keys stream past in S3 key order
// (the order ListObjectsV2 and Walk return).
//
// Memory: in key order every key under a folder arrives in one run, so Collisions keeps only
// the folders on the current path, and for each the names seen in it so far; a folder's names
// are dropped once the stream leaves it. Memory therefore follows the widest folder on the
// current path (for a camera bucket: cameras, days, one day's files), never the whole bucket;
// a flat folder of a million files still costs about 100 bytes per file, the price of exact
// detection there.
//
// The trade-off: a folder's names are compared only while its run lasts. Two folders that
// differ only in case ("A/", "a/") are not one run, so they are reported as FolderCase once,
// and the files inside them are not compared. Keys whose empty segments collapse ("/a/x",
// "a//b/x") can fall outside the run of the folder they map into; a duplicate among those is
// found only when both arrive in the same run.
type Collisions struct {
	stack []*frame // stack[0] is the root; stack[i] the i-th folder of the current path
}

type frame struct {
	name     string           // exact mapped name of this folder, "" for the root
	children map[string]entry // folded name → first claim
}

type entryKind uint8

const (
	fileEntry entryKind = iota + 1
	folderEntry
)

type entry struct {
	kind entryKind
	name string // exact mapped name
	key  string // the key that claimed it first
}

// NewCollisions returns an empty detector.
func NewCollisions() *Collisions {
	return &Collisions{stack: []*frame{{children: map[string]entry{}}}}
}

// Add records key, whose local path is path (the result of Map(key)), and returns the clashes
// it has with keys added before; usually none. Keys should come in S3 key order.
func (c *Collisions) Add(key, path string) []Collision {
	segs := strings.Split(filepath.ToSlash(path), "/")
	dirs := segs[:len(segs)-1]

	depth := 0 // folders of the current path that key shares exactly
	for depth < len(dirs) && depth+1 < len(c.stack) && c.stack[depth+1].name == dirs[depth] {
		depth++
	}
	for i := depth + 1; i < len(c.stack); i++ {
		c.stack[i] = nil // let the left folder's names go
	}
	c.stack = c.stack[:depth+1]

	var out []Collision
	for i := depth; i < len(dirs); i++ {
		if col, ok := c.claim(c.stack[i], dirs[i], folderEntry, key, segs[:i+1]); ok {
			out = append(out, col)
		}
		c.stack = append(c.stack, &frame{name: dirs[i], children: map[string]entry{}})
	}
	last := len(segs) - 1
	if col, ok := c.claim(c.stack[last], segs[last], fileEntry, key, segs); ok {
		out = append(out, col)
	}
	return out
}

// claim records that key needs name (a file or folder) in folder f.
func (c *Collisions) claim(f *frame, name string, kind entryKind, key string, path []string) (Collision, bool) {
	folded := fold(name)
	prev, ok := f.children[folded]
	if !ok {
		f.children[folded] = entry{kind: kind, name: name, key: key}
		return Collision{}, false
	}
	var k CollisionKind
	switch {
	case prev.kind != kind:
		k = FileFolder
	case kind == folderEntry && prev.name == name:
		return Collision{}, false // the same folder again
	case kind == folderEntry:
		k = FolderCase
	case prev.name == name:
		k = SamePath
	default:
		k = CaseOnly
	}
	return Collision{Kind: k, Key: key, Other: prev.key, Path: filepath.FromSlash(strings.Join(path, "/"))}, true
}

// fold maps a name to one representative of its case-insensitive class, rune by rune with
// Unicode simple case folding (as NTFS and APFS compare names; "ß" is not "ss").
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

// foldRune returns the smallest rune of r's simple case-folding orbit (K, k and the Kelvin
// sign all fold to K).
func foldRune(r rune) rune {
	lowest := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		lowest = min(lowest, f)
	}
	return lowest
}

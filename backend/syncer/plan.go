package syncer

import (
	"context"
	"errors"
	"iter"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"vpack-s3-sync/backend/apperr"
	"vpack-s3-sync/backend/localpath"
	"vpack-s3-sync/backend/s3api"
	"vpack-s3-sync/backend/store"
)

// Action is what a run does with one listed object that passed the filter.
type Action uint8

const (
	// Skip: the history holds this key with the same ETag; no HEAD, no GET.
	Skip Action = iota
	// Download: a key the history does not hold, or one whose ETag changed since.
	Download
	// ReportArchived: it would be downloaded, but its storage class (GLACIER, DEEP_ARCHIVE)
	// needs a restore first; it is counted and reported, never fetched.
	ReportArchived
)

func (a Action) String() string {
	switch a {
	case Skip:
		return "skip"
	case Download:
		return "download"
	case ReportArchived:
		return "archived"
	}
	return "unknown"
}

// Decision is the plan's verdict on one object.
type Decision struct {
	Action Action
	Reason string // "new", "changed", "unchanged", "archived"
	// Replace: the local file under the key's path is our earlier download of this key, so the
	// new version may replace it (transfer.Request.ReplaceExisting).
	Replace bool
}

// Decide is the sync's one rule: (listed object, its history row or nil) → action. It reads
// nothing else: a local file the user deleted after it was downloaded is not fetched again
// (people free disk space by deleting reviewed videos).
func Decide(o s3api.Object, h *store.DownloadedFile) Decision {
	if h != nil && sameVersion(o, *h) {
		return Decision{Action: Skip, Reason: "unchanged"}
	}
	if s3api.IsArchived(o.StorageClass) {
		return Decision{Action: ReportArchived, Reason: "archived"}
	}
	if h == nil {
		return Decision{Action: Download, Reason: "new"}
	}
	return Decision{Action: Download, Reason: "changed", Replace: true}
}

// sameVersion compares ETags (quotes and case aside); a store that sends no ETag is compared by
// size and modification time instead.
func sameVersion(o s3api.Object, h store.DownloadedFile) bool {
	a, b := normETag(o.ETag), normETag(h.ETag)
	if a != "" && b != "" {
		return a == b
	}
	return o.Size == h.Size && o.LastModified.Equal(h.LastModified)
}

func normETag(e string) string { return strings.ToLower(strings.Trim(e, `"`)) }

// planItem is one object to download, as the runner needs it.
type planItem struct {
	Key          string
	Size         int64
	ETag         string
	LastModified time.Time
	StorageClass string
	Rel          string // local path relative to the destination (localpath.Map of the key)
	Replace      bool
}

func (it planItem) object() s3api.Object {
	return s3api.Object{Key: it.Key, Size: it.Size, ETag: it.ETag, LastModified: it.LastModified, StorageClass: it.StorageClass}
}

// Lister walks a prefix in key order (*s3api.Client).
type Lister interface {
	Walk(ctx context.Context, bucket, prefix string, f s3api.Filter, fn func(s3api.Object) error) error
}

// HistoryReader streams a source's history in key order (*store.Store).
type HistoryReader interface {
	IterateHistory(ctx context.Context, sourceID int64, fn func(store.DownloadedFile) error) error
}

// Target is what one run syncs: where from, where to, which objects.
type Target struct {
	SourceID int64
	Bucket   string
	Prefix   string // a folder: "" or ending in "/"
	DestDir  string // absolute
	Filter   s3api.Filter
}

// NormalizePrefix makes a user's prefix a folder prefix: no leading "/", a trailing "/" unless
// empty ("camera1" and "/camera1/" both mean the folder "camera1/").
func NormalizePrefix(p string) string {
	p = strings.TrimLeft(p, "/")
	if p != "" && !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p
}

// caseInsensitiveFS: where two names differing only in case are one file by default.
var caseInsensitiveFS = runtime.GOOS == "windows" || runtime.GOOS == "darwin"

// plan merges the listing with the history, both in key order, and calls emit for each object
// to download (onListed, when set, hears the running count of listed objects). It holds one listed object and one history row at a time (plus localpath's
// per-folder collision state), so memory does not grow with the bucket. Counts go into sum.
func plan(ctx context.Context, l Lister, h HistoryReader, t Target, sum *Summary, onListed func(int), emit func(planItem) error) error {
	var histErr error
	rows := func(yield func(store.DownloadedFile) bool) {
		histErr = h.IterateHistory(ctx, t.SourceID, func(f store.DownloadedFile) error {
			if !yield(f) {
				return errStopHistory
			}
			return nil
		})
	}
	next, stop := iter.Pull(rows)
	defer stop()
	row, more := next()

	collisions := localpath.NewCollisions()
	everything := s3api.Filter{Extensions: []string{}}
	err := l.Walk(ctx, t.Bucket, t.Prefix, everything, func(o s3api.Object) error {
		sum.Listed++
		if onListed != nil {
			onListed(sum.Listed)
		}
		if !t.Filter.Match(o) {
			return nil
		}
		sum.Matched++
		for more && row.Key < o.Key {
			row, more = next()
		}
		var prev *store.DownloadedFile
		if more && row.Key == o.Key {
			prev = &row
		}
		d := Decide(o, prev)
		rel, err := localpath.Map(strings.TrimPrefix(o.Key, t.Prefix))
		if err != nil {
			if d.Action == Download {
				sum.addError(fileError(o.Key, err))
			} else {
				countDecision(sum, d)
			}
			return nil
		}
		if clash := blockingCollision(collisions.Add(o.Key, rel)); clash != nil && d.Action == Download {
			sum.addError(fileError(o.Key, apperr.New(apperr.LocalPathUnsafe).With("key", o.Key).
				With("reason", string(clash.Kind)).With("other_key", clash.Other)))
			return nil
		}
		if d.Action != Download {
			countDecision(sum, d)
			return nil
		}
		if d.Replace && prev.LocalPath != filepath.Join(t.DestDir, rel) {
			// Our earlier copy is elsewhere (kept beside another file, or the source's folder
			// changed): whatever is at the path now is not known to be ours.
			d.Replace = false
		}
		sum.PlannedFiles++
		sum.PlannedBytes += o.Size
		return emit(planItem{
			Key: o.Key, Size: o.Size, ETag: o.ETag, LastModified: o.LastModified,
			StorageClass: o.StorageClass, Rel: rel, Replace: d.Replace,
		})
	})
	stop()
	if err != nil {
		return err
	}
	if histErr != nil && !errors.Is(histErr, errStopHistory) {
		return histErr
	}
	return nil
}

var errStopHistory = errors.New("history walk stopped")

func countDecision(sum *Summary, d Decision) {
	switch d.Action {
	case Skip:
		sum.Skipped++
	case ReportArchived:
		sum.Archived++
	}
}

// blockingCollision picks the clash that stops a key from having its own file: the same path
// or a file/folder clash anywhere, a case-only clash where the filesystem ignores case. Folders
// that differ only in case merge harmlessly, so they never block.
func blockingCollision(cs []localpath.Collision) *localpath.Collision {
	for i, c := range cs {
		switch c.Kind {
		case localpath.SamePath, localpath.FileFolder:
			return &cs[i]
		case localpath.CaseOnly:
			if caseInsensitiveFS {
				return &cs[i]
			}
		}
	}
	return nil
}

func fileError(key string, err error) FileError {
	ae := apperr.Classify(err)
	return FileError{Key: key, Code: string(ae.Code), Message: apperr.Message(ae, "en"), Err: ae}
}

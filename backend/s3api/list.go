package s3api

import (
	"context"
	"path"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Object is one listed object.
type Object struct {
	Key          string
	Size         int64
	ETag         string // without quotes
	LastModified time.Time
	StorageClass string // "STANDARD" when the server names none
}

// Folder is one common prefix of a level, ending in "/".
type Folder struct {
	Prefix string
}

// Level is one page of a folder's direct children; NextToken is "" on the last page.
type Level struct {
	Folders   []Folder
	Files     []Object
	NextToken string
}

// DefaultVideoExtensions are the camera and video formats synced when a Filter names none.
var DefaultVideoExtensions = []string{
	".mp4", ".avi", ".mov", ".mkv", ".wmv", ".flv", ".webm", ".m4v",
	".ts", ".mts", ".m2ts", ".3gp", ".dav",
}

// Filter selects objects during a Walk. The zero Filter selects videos of any date and size.
type Filter struct {
	Extensions    []string // nil = DefaultVideoExtensions; empty non-nil = all; case-insensitive, dot optional
	ModifiedSince time.Time
	MinSize       int64
	MaxSize       int64 // 0 = no limit
}

// Match reports whether o passes every condition of the filter.
func (f Filter) Match(o Object) bool {
	if !f.ModifiedSince.IsZero() && o.LastModified.Before(f.ModifiedSince) {
		return false
	}
	if o.Size < f.MinSize || (f.MaxSize > 0 && o.Size > f.MaxSize) {
		return false
	}
	exts := f.Extensions
	if exts == nil {
		exts = DefaultVideoExtensions
	}
	if len(exts) == 0 {
		return true
	}
	ext := strings.TrimPrefix(path.Ext(o.Key), ".")
	if ext == "" {
		return false
	}
	for _, want := range exts {
		if strings.EqualFold(ext, strings.TrimPrefix(want, ".")) {
			return true
		}
	}
	return false
}

// IsArchived reports a storage class whose objects need a restore before a GET
// (GLACIER_IR is instantly readable, so it is not archived).
func IsArchived(storageClass string) bool {
	switch strings.ToUpper(storageClass) {
	case string(types.StorageClassGlacier), string(types.StorageClassDeepArchive):
		return true
	}
	return false
}

// Level lists one page of prefix's direct children (Delimiter "/"). pageToken is "" for the
// first page, then the previous page's NextToken. The zero-byte folder marker named exactly
// prefix is not a file and is left out.
func (c *Client) Level(ctx context.Context, bucket, prefix, pageToken string) (Level, error) {
	out, err := c.listPage(ctx, bucket, prefix, "/", pageToken)
	if err != nil {
		return Level{}, err
	}
	lv := Level{
		Folders: make([]Folder, 0, len(out.CommonPrefixes)),
		Files:   make([]Object, 0, len(out.Contents)),
	}
	for _, cp := range out.CommonPrefixes {
		lv.Folders = append(lv.Folders, Folder{Prefix: aws.ToString(cp.Prefix)})
	}
	for _, o := range out.Contents {
		obj := toObject(o)
		if obj.Key == prefix && obj.Size == 0 {
			continue
		}
		lv.Files = append(lv.Files, obj)
	}
	lv.NextToken, err = nextToken(out, bucket, prefix)
	return lv, err
}

// LevelAll reads every page of a level: for callers that need the whole folder at once.
func (c *Client) LevelAll(ctx context.Context, bucket, prefix string) (Level, error) {
	var all Level
	token := ""
	for {
		lv, err := c.Level(ctx, bucket, prefix, token)
		if err != nil {
			return Level{}, err
		}
		all.Folders = append(all.Folders, lv.Folders...)
		all.Files = append(all.Files, lv.Files...)
		if lv.NextToken == "" {
			return all, nil
		}
		token = lv.NextToken
	}
}

// Walk calls fn for every object under prefix that f matches, recursively, in key order
// (S3's binary UTF-8 order), one page at a time, so memory stays flat however many objects
// there are. Zero-byte folder markers ("a/b/") are skipped. An error from fn stops the walk
// and is returned unchanged; a listing out of key order is an error, because callers merge
// it with their own sorted history.
//
// While fn works through one page, the next page is already being fetched: one page ahead,
// never more, so at most two pages are held. When the walk stops early (fn's error, a
// cancelled ctx) the page in flight is cancelled and waited for before Walk returns; that
// request may still have reached the server, so an early stop can cost one LIST more than
// the pages fn saw.
func (c *Client) Walk(ctx context.Context, bucket, prefix string, f Filter, fn func(Object) error) error {
	ctx, cancel := context.WithCancel(ctx)
	var ahead chan listed // the next page's fetch, nil when none is in flight
	defer func() {
		cancel()
		if ahead != nil {
			<-ahead // the fetch ends on the cancel: no goroutine outlives Walk
		}
	}()

	last := ""
	out, err := c.listPage(ctx, bucket, prefix, "", "")
	for {
		if err != nil {
			return err
		}
		token, tokenErr := nextToken(out, bucket, prefix)
		if tokenErr == nil && token != "" {
			ahead = make(chan listed, 1)
			go c.listAhead(ctx, bucket, prefix, token, ahead)
		}
		for _, o := range out.Contents {
			obj := toObject(o)
			if last != "" && obj.Key <= last {
				return errServer(actionListBucket, bucket, prefix, "listing is not in key order at "+obj.Key)
			}
			last = obj.Key
			if obj.Size == 0 && strings.HasSuffix(obj.Key, "/") {
				continue
			}
			if !f.Match(obj) {
				continue
			}
			if err := fn(obj); err != nil {
				return err
			}
		}
		if tokenErr != nil || token == "" {
			return tokenErr
		}
		page := <-ahead
		ahead = nil
		out, err = page.out, page.err
	}
}

// listed is one page fetched ahead of the walk.
type listed struct {
	out *s3.ListObjectsV2Output
	err error
}

// listAhead fetches the page after token and hands it over on ch (buffered: it never blocks).
func (c *Client) listAhead(ctx context.Context, bucket, prefix, token string, ch chan<- listed) {
	out, err := c.listPage(ctx, bucket, prefix, "", token)
	ch <- listed{out, err}
}

func (c *Client) listPage(ctx context.Context, bucket, prefix, delimiter, token string) (*s3.ListObjectsV2Output, error) {
	in := &s3.ListObjectsV2Input{Bucket: aws.String(bucket)}
	if prefix != "" {
		in.Prefix = aws.String(prefix)
	}
	if delimiter != "" {
		in.Delimiter = aws.String(delimiter)
	}
	if token != "" {
		in.ContinuationToken = aws.String(token)
	}
	var out *s3.ListObjectsV2Output
	err := c.call(ctx, bucket, func(cl *s3.Client) (err error) {
		out, err = cl.ListObjectsV2(ctx, in)
		return err
	})
	if err != nil {
		e := fail(err, actionListBucket, bucket, "")
		if prefix != "" {
			e.With("prefix", prefix)
		}
		return nil, e
	}
	return out, nil
}

// nextToken guards against a server that says "truncated" without a token: stopping there
// would silently hide the rest of the folder.
func nextToken(out *s3.ListObjectsV2Output, bucket, prefix string) (string, error) {
	if !aws.ToBool(out.IsTruncated) {
		return "", nil
	}
	token := aws.ToString(out.NextContinuationToken)
	if token == "" {
		return "", errServer(actionListBucket, bucket, prefix, "truncated listing without a continuation token")
	}
	return token, nil
}

func toObject(o types.Object) Object {
	return Object{
		Key:          aws.ToString(o.Key),
		Size:         aws.ToInt64(o.Size),
		ETag:         trimETag(aws.ToString(o.ETag)),
		LastModified: aws.ToTime(o.LastModified),
		StorageClass: storageClass(string(o.StorageClass)),
	}
}

func storageClass(s string) string {
	if s == "" {
		return string(types.StorageClassStandard)
	}
	return s
}

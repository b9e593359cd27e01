// Package browser serves the UI's bucket tree, folder preview and "download selected": it keeps
// one S3 client per connection, reads one level or a few pages at a time, and never walks a
// whole bucket. It records nothing in the history; auto-sync (syncer) does that.
package browser

import (
	"context"
	"errors"
	"path"
	"sort"
	"strings"
	"sync"

	"vpack-s3-sync/backend/s3api"
)

// ClientProvider builds a connection's S3 client (*connections.Service).
type ClientProvider interface {
	ClientFor(ctx context.Context, connID int64) (*s3api.Client, error)
}

// Service is safe for concurrent use.
type Service struct {
	provider ClientProvider

	mu      sync.Mutex
	clients map[int64]*s3api.Client
	batches map[string]*batch
}

// New makes a browser over the connections' clients.
func New(p ClientProvider) *Service {
	return &Service{provider: p, clients: map[int64]*s3api.Client{}, batches: map[string]*batch{}}
}

// Client returns the cached client of a connection, connecting once.
func (s *Service) Client(ctx context.Context, connID int64) (*s3api.Client, error) {
	s.mu.Lock()
	c, ok := s.clients[connID]
	s.mu.Unlock()
	if ok {
		return c, nil
	}
	c, err := s.provider.ClientFor(ctx, connID)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.clients[connID] = c
	s.mu.Unlock()
	return c, nil
}

// Forget drops a connection's client after its key was rotated or it was removed.
func (s *Service) Forget(connID int64) {
	s.mu.Lock()
	delete(s.clients, connID)
	s.mu.Unlock()
}

// Buckets lists the buckets the connection's key may see.
func (s *Service) Buckets(ctx context.Context, connID int64) ([]s3api.Bucket, error) {
	c, err := s.Client(ctx, connID)
	if err != nil {
		return nil, err
	}
	return c.Buckets(ctx)
}

// Level returns one page of folders and files under prefix.
func (s *Service) Level(ctx context.Context, connID int64, bucket, prefix, pageToken string) (s3api.Level, error) {
	c, err := s.Client(ctx, connID)
	if err != nil {
		return s3api.Level{}, err
	}
	return c.Level(ctx, bucket, prefix, pageToken)
}

// PreviewPages bounds how much of a folder the preview reads: enough to show what is there,
// cheap enough to run on every click (each page is one LIST request).
const PreviewPages = 3

// NewestShown is how many of the newest videos the preview lists.
const NewestShown = 5

// Preview summarises the videos under a prefix (recursively) from its first pages.
type Preview struct {
	VideoCount   int
	TotalBytes   int64
	Newest       []s3api.Object // newest first
	PagesRead    int
	Truncated    bool  // there is more than PreviewPages pages: counts are a lower bound
	ListRequests int64 // LIST requests a full sync of this folder needs (a lower bound when Truncated)
}

var errEnough = errors.New("preview has read enough pages")

// PreviewFolder reads up to PreviewPages pages under prefix and counts the videos in them.
func (s *Service) PreviewFolder(ctx context.Context, connID int64, bucket, prefix string) (Preview, error) {
	c, err := s.Client(ctx, connID)
	if err != nil {
		return Preview{}, err
	}
	var counter s3api.RequestCounter
	ctx = s3api.WithRequestCounter(ctx, &counter)
	var p Preview
	seen := 0
	filter := s3api.Filter{Extensions: []string{}} // every object: pages are counted by objects seen
	video := s3api.Filter{}
	err = c.Walk(ctx, bucket, prefix, filter, func(o s3api.Object) error {
		if seen == PreviewPages*1000 {
			p.Truncated = true
			return errEnough
		}
		seen++
		if !video.Match(o) {
			return nil
		}
		p.VideoCount++
		p.TotalBytes += o.Size
		p.Newest = keepNewest(p.Newest, o, NewestShown)
		return nil
	})
	if err != nil && !errors.Is(err, errEnough) {
		return Preview{}, err
	}
	p.PagesRead = int(counter.List.Load())
	p.ListRequests = int64(p.PagesRead)
	if p.Truncated {
		p.ListRequests++ // at least one more page
	}
	return p, nil
}

// keepNewest inserts o into the newest-first list, keeping at most n.
func keepNewest(list []s3api.Object, o s3api.Object, n int) []s3api.Object {
	i := sort.Search(len(list), func(i int) bool { return list[i].LastModified.Before(o.LastModified) })
	if i >= n {
		return list
	}
	list = append(list, s3api.Object{})
	copy(list[i+1:], list[i:])
	list[i] = o
	if len(list) > n {
		list = list[:n]
	}
	return list
}

// Name is the last segment of a key or folder prefix, for display.
func Name(keyOrPrefix string) string {
	return path.Base(strings.TrimSuffix(keyOrPrefix, "/"))
}

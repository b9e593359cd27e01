// Package demo runs the embedded demo store: an S3 server inside the process on 127.0.0.1 (a
// random port, fixed demo credentials), seeded with a camera-style layout and short playable
// sample videos, so the app and the CLI work with no AWS account. It is a demo, not a test
// oracle: the server (gofakes3) does not check request signatures. It never touches AWS.
package demo

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

// The demo store's fixed identity. They are not secrets: the server accepts any signature.
const (
	AccessKey      = "VPACKDEMOACCESSKEY00"
	SecretKey      = "vpack-demo-secret-key-not-a-real-aws-key"
	Bucket         = "vpack-demo-cameras"
	Region         = "us-east-1"
	ConnectionName = "Demo store"
)

// Options tune Start; the zero value is what the app and the CLI use.
type Options struct {
	Addr string    // listen address; "" = 127.0.0.1:0 (a random free port)
	Now  time.Time // the moment the layout is built around; zero = time.Now()
}

// Server is one running demo store. Close stops it; the data lives in memory only.
type Server struct {
	Endpoint  string // http://127.0.0.1:PORT
	AccessKey string
	SecretKey string
	Bucket    string
	Region    string

	httpSrv   *http.Server
	done      chan struct{}
	closeOnce sync.Once
	closeErr  error
}

// Start seeds the store and serves it until Close or until ctx is done.
func Start(ctx context.Context) (*Server, error) {
	return StartWith(ctx, Options{})
}

// StartWith is Start with options (a fixed address, a fixed "now" for tests).
func StartWith(ctx context.Context, opts Options) (*Server, error) {
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	clock := &seedClock{}
	backend := s3mem.New(s3mem.WithTimeSource(clock))
	if err := seed(backend, clock, Layout(now)); err != nil {
		return nil, fmt.Errorf("seed demo store: %w", err)
	}
	faker := gofakes3.New(backend, gofakes3.WithIntegrityCheck(true))

	addr := opts.Addr
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen for demo store on %s: %w", addr, err)
	}
	s := &Server{
		Endpoint:  "http://" + ln.Addr().String(),
		AccessKey: AccessKey,
		SecretKey: SecretKey,
		Bucket:    Bucket,
		Region:    Region,
		httpSrv: &http.Server{
			Handler:           faker.Server(),
			ReadHeaderTimeout: 10 * time.Second,
		},
		done: make(chan struct{}),
	}
	go func() {
		defer close(s.done)
		if err := s.httpSrv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			slog.Error("demo store stopped", "err", err)
		}
	}()
	go func() {
		select {
		case <-ctx.Done():
			_ = s.Close()
		case <-s.done:
		}
	}()
	slog.Info("demo store started", "endpoint", s.Endpoint, "bucket", s.Bucket)
	return s, nil
}

// Close stops the server and waits for it; safe to call more than once.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		s.closeErr = s.httpSrv.Shutdown(ctx)
		<-s.done
	})
	return s.closeErr
}

// Done is closed once the server has stopped.
func (s *Server) Done() <-chan struct{} { return s.done }

// seed writes every item into the backend, with the clock pinned to each item's modification
// time so listings show realistic LastModified values; afterwards the clock runs normally.
func seed(b *s3mem.Backend, clock *seedClock, items []Item) error {
	clock.pin(items[0].Modified.AddDate(0, 0, -1))
	if err := b.CreateBucket(Bucket); err != nil {
		return err
	}
	for _, it := range items {
		clock.pin(it.Modified)
		meta := map[string]string{
			"Content-Type":  it.ContentType,
			"Last-Modified": it.Modified.UTC().Format(http.TimeFormat),
		}
		if _, err := b.PutObject(Bucket, it.Key, meta, bytesReader(it.Body), int64(len(it.Body)), nil); err != nil {
			return fmt.Errorf("put %s: %w", it.Key, err)
		}
	}
	clock.pin(time.Time{})
	return nil
}

// seedClock is gofakes3's time source: pinned while seeding, the real clock after.
type seedClock struct {
	mu     sync.Mutex
	pinned time.Time
}

func (c *seedClock) pin(t time.Time) {
	c.mu.Lock()
	c.pinned = t
	c.mu.Unlock()
}

func (c *seedClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.pinned.IsZero() {
		return c.pinned.UTC()
	}
	return time.Now().UTC()
}

func (c *seedClock) Since(t time.Time) time.Duration { return c.Now().Sub(t) }

package s3api

import (
	"context"
	"errors"
	"net/http"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"vpack-s3-sync/backend/apperr"
	"vpack-s3-sync/backend/s3test"
)

// walkAhead checks the one-page look-ahead of Walk against the bucket seeded by
// seedListingBucket (5,001 keys: six pages).
func walkAhead(t *testing.T, srv *s3test.Server, keys []string) {
	t.Run("Walk asks for the next page while fn still works on the current one", func(t *testing.T) {
		var later atomic.Int64 // LIST requests with a continuation token that reached the server
		endpoint := interceptProxy(t, srv.Endpoint, func(w http.ResponseWriter, r *http.Request) bool {
			if r.URL.Query().Has("continuation-token") {
				later.Add(1)
			}
			return false
		})
		c := connectTo(t, endpoint, srv.AccessKey, srv.SecretKey)
		ctx, rc := counted(t)
		var got []string
		overlapped := false
		err := c.Walk(ctx, "nvr", "", Filter{Extensions: []string{}}, func(o Object) error {
			if len(got) == 0 {
				// A slow first object: page 2 must be requested before fn is done with page 1.
				overlapped = poll(10*time.Second, func() bool { return later.Load() == 1 })
			}
			got = append(got, o.Key)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if !overlapped {
			t.Fatal("page 2 was not requested while fn worked on page 1")
		}
		var want []string
		for _, k := range keys {
			if k != "cams/" {
				want = append(want, k)
			}
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("walked %d keys, want %d in key order", len(got), len(want))
		}
		wantCounts(t, rc, counts{list: 6}) // each page once: nothing fetched past the last
	})

	// held answers nothing to a request for a later page until the client gives up on it.
	type held struct{ arrived, abandoned atomic.Int64 }
	holdLaterPages := func(t *testing.T) (*Client, *held) {
		h := &held{}
		endpoint := interceptProxy(t, srv.Endpoint, func(w http.ResponseWriter, r *http.Request) bool {
			if !r.URL.Query().Has("continuation-token") {
				return false
			}
			h.arrived.Add(1)
			select {
			case <-r.Context().Done():
				h.abandoned.Add(1)
			case <-time.After(time.Minute):
			}
			s3Error(w, r, http.StatusServiceUnavailable, "SlowDown", nil)
			return true
		})
		return connectTo(t, endpoint, srv.AccessKey, srv.SecretKey, func(c *Config) { c.MaxAttempts = 1 }), h
	}

	t.Run("Walk cancels the page in flight when fn fails and leaves no goroutine behind", func(t *testing.T) {
		c, h := holdLaterPages(t)
		ctx, rc := counted(t)
		stop := errors.New("stop here")
		start := time.Now()
		err := c.Walk(ctx, "nvr", "", Filter{}, func(Object) error {
			if !poll(10*time.Second, func() bool { return h.arrived.Load() == 1 }) {
				t.Error("page 2 was never requested")
			}
			return stop
		})
		if err != stop {
			t.Fatalf("err %v, want fn's error unchanged", err)
		}
		if took := time.Since(start); took > 20*time.Second {
			t.Fatalf("Walk took %v: it waited for the held page instead of cancelling it", took)
		}
		wantCounts(t, rc, counts{list: 2})
		if !poll(10*time.Second, func() bool { return h.abandoned.Load() == 1 }) {
			t.Fatal("the request for page 2 was not cancelled")
		}
		wantNoListAhead(t)
	})

	t.Run("Walk ends with the context while a page is in flight", func(t *testing.T) {
		c, h := holdLaterPages(t)
		ctx, cancel := context.WithCancel(testCtx(t))
		n := 0
		err := c.Walk(ctx, "nvr", "", Filter{}, func(Object) error {
			if n++; n == 1 {
				if !poll(10*time.Second, func() bool { return h.arrived.Load() == 1 }) {
					t.Error("page 2 was never requested")
				}
				cancel()
			}
			return nil
		})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err %v, want context.Canceled", err)
		}
		if e, ok := err.(*apperr.Error); !ok || e.Details["action"] != actionListBucket {
			t.Fatalf("err %T %v, want the listing's *apperr.Error", err, err)
		}
		if n == 0 || n > 1000 {
			t.Fatalf("fn saw %d objects, want page 1's only", n)
		}
		wantNoListAhead(t)
	})
}

// poll reports whether cond became true before the deadline.
func poll(within time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(5 * time.Millisecond)
	}
	return true
}

// wantNoListAhead fails unless every goroutine Walk started to fetch ahead has ended.
func wantNoListAhead(t *testing.T) {
	t.Helper()
	buf := make([]byte, 1<<22)
	ok := poll(5*time.Second, func() bool {
		n := runtime.Stack(buf, true)
		return !strings.Contains(string(buf[:n]), "(*Client).listAhead")
	})
	if !ok {
		t.Fatal("a listAhead goroutine outlived Walk")
	}
}

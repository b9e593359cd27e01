package s3api

import (
	"io"
	"testing"
	"time"

	"vpack-s3-sync/backend/apperr"
	"vpack-s3-sync/backend/s3test"
)

// Fault injection with toxiproxy between the client and a real versitygw.

// stallTimeout is the test's RequestTimeout: short, so a stall is detected quickly.
const stallTimeout = 400 * time.Millisecond

// withinBound fails the test when call does not return within limit: a hang is the bug.
func withinBound(t *testing.T, limit time.Duration, call func() error) error {
	t.Helper()
	done := make(chan error, 1)
	start := time.Now()
	go func() { done <- call() }()
	select {
	case err := <-done:
		t.Logf("returned after %v", time.Since(start).Round(time.Millisecond))
		return err
	case <-time.After(limit):
		t.Fatalf("still waiting after %v: a stalled connection hangs", limit)
		return nil
	}
}

func TestAStalledConnectionEndsInATimeoutNotAHang(t *testing.T) {
	srv := s3test.Start(t)
	srv.CreateBucket(t, "cams")
	big := make([]byte, 24<<20) // more than the socket and proxy buffers hold
	srv.Put(t, "cams", "big.mp4", big)
	px := s3test.StartToxiproxy(t, srv)
	c := connectTo(t, px.Endpoint, srv.AccessKey, srv.SecretKey, func(c *Config) {
		c.RequestTimeout = stallTimeout
		c.MaxAttempts = 2
	})

	t.Run("a listing whose answer never comes", func(t *testing.T) {
		px.AddToxic(t, "stall", "timeout", "downstream", map[string]any{"timeout": 0})
		defer px.RemoveToxic(t, "stall")
		ctx, rc := counted(t)
		err := withinBound(t, 15*time.Second, func() error { _, err := c.Level(ctx, "cams", "", ""); return err })
		wantAppErr(t, err, apperr.NetTimeout, map[string]string{"action": "list_bucket", "bucket": "cams"})
		wantCounts(t, rc, counts{list: 2}) // the timed-out attempt was retried once
	})

	t.Run("a GET whose headers never come", func(t *testing.T) {
		px.AddToxic(t, "stall", "timeout", "downstream", map[string]any{"timeout": 0})
		defer px.RemoveToxic(t, "stall")
		ctx, rc := counted(t)
		err := withinBound(t, 15*time.Second, func() error {
			_, _, err := c.GetRange(ctx, "cams", "big.mp4", 0, 1<<20, "")
			return err
		})
		wantAppErr(t, err, apperr.NetTimeout, map[string]string{"action": "get_object", "key": "big.mp4"})
		wantCounts(t, rc, counts{get: 2})
	})

	t.Run("a GET body that stops flowing", func(t *testing.T) {
		body, info, err := c.GetRange(testCtx(t), "cams", "big.mp4", 0, -1, "")
		if err != nil {
			t.Fatal(err)
		}
		defer body.Close()
		if _, err := io.ReadFull(body, make([]byte, 1<<20)); err != nil {
			t.Fatalf("first MiB: %v", err)
		}
		px.AddToxic(t, "stall", "timeout", "downstream", map[string]any{"timeout": 0})
		defer px.RemoveToxic(t, "stall")
		var n int64
		err = withinBound(t, 15*time.Second, func() error {
			var err error
			n, err = io.Copy(io.Discard, body)
			return err
		})
		if n+(1<<20) >= info.Size {
			t.Fatalf("read the whole %d bytes despite the stall", info.Size)
		}
		wantAppErr(t, err, apperr.NetTimeout, map[string]string{"action": "get_object", "bucket": "cams", "key": "big.mp4"})
	})
}

func TestConnectionResetsAreRetriedBySDK(t *testing.T) {
	srv := s3test.Start(t)
	srv.CreateBucket(t, "cams")
	srv.Put(t, "cams", "a.mp4", []byte("video"))
	px := s3test.StartToxiproxy(t, srv)
	c := connectTo(t, px.Endpoint, srv.AccessKey, srv.SecretKey)

	t.Run("every attempt is reset: five attempts, then a network error", func(t *testing.T) {
		px.AddToxic(t, "reset", "reset_peer", "upstream", map[string]any{"timeout": 0})
		defer px.RemoveToxic(t, "reset")
		ctx, rc := counted(t)
		err := withinBound(t, 60*time.Second, func() error { _, err := c.Level(ctx, "cams", "", ""); return err })
		wantAppErr(t, err, apperr.NetUnreachable, map[string]string{"action": "list_bucket", "bucket": "cams"})
		wantCounts(t, rc, counts{list: defaultMaxAttempts})
	})

	t.Run("resets that stop are recovered from without an error", func(t *testing.T) {
		px.AddToxic(t, "reset", "reset_peer", "upstream", map[string]any{"timeout": 0})
		ctx, rc := counted(t)
		done := make(chan error, 1)
		go func() {
			body, _, err := c.GetRange(ctx, "cams", "a.mp4", 0, -1, "")
			if err == nil {
				_, err = io.ReadAll(body)
				body.Close()
			}
			done <- err
		}()
		// Once the second attempt has started, the first has certainly been reset.
		deadline := time.Now().Add(30 * time.Second)
		for rc.Get.Load() < 2 && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		px.RemoveToxic(t, "reset")
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("GET failed although the resets stopped: %v", err)
			}
		case <-time.After(60 * time.Second):
			t.Fatal("GET did not finish")
		}
		if got := rc.Get.Load(); got < 2 {
			t.Fatalf("%d attempts, want at least 2", got)
		}
	})
}

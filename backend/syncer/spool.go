package syncer

import (
	"bufio"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"vpack-s3-sync/backend/apperr"
	"vpack-s3-sync/backend/transfer"
)

// The plan is spooled to a temporary file between listing and downloading. Why not feed the
// workers straight from the listing: the run must know what it will write before it writes
// (the disk-space check, and files/bytes totals for an honest progress bar and ETA), and a
// first counting pass would list the bucket twice (twice the LIST requests and time on every
// run). The spool costs about 100 bytes per object to download (nothing for skipped ones),
// on disk, not in memory; the runner reads it back one item at a time through a bounded
// channel. The trade-off: on a first sync of a huge prefix, downloads start once the listing
// is done (the UI shows the listing count meanwhile).
type spool struct {
	f   *os.File
	w   *bufio.Writer
	enc *gob.Encoder
	n   int
}

func newSpool(dir string) (*spool, error) {
	f, err := os.CreateTemp(dir, "vpack-plan-*.spool")
	if err != nil {
		return nil, apperr.Classify(fmt.Errorf("create plan spool: %w", err))
	}
	w := bufio.NewWriterSize(f, 64<<10)
	return &spool{f: f, w: w, enc: gob.NewEncoder(w)}, nil
}

func (s *spool) write(it planItem) error {
	s.n++
	if err := s.enc.Encode(&it); err != nil {
		return apperr.Classify(fmt.Errorf("write plan spool: %w", err))
	}
	return nil
}

func (s *spool) finishWriting() error {
	if err := s.w.Flush(); err != nil {
		return apperr.Classify(fmt.Errorf("write plan spool: %w", err))
	}
	return nil
}

// each reads the items back in plan order; fn's error stops it.
func (s *spool) each(fn func(planItem) error) error {
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return apperr.Classify(fmt.Errorf("read plan spool: %w", err))
	}
	dec := gob.NewDecoder(bufio.NewReaderSize(s.f, 64<<10))
	for i := 0; i < s.n; i++ {
		var it planItem
		if err := dec.Decode(&it); err != nil {
			return apperr.Classify(fmt.Errorf("read plan spool: %w", err))
		}
		if err := fn(it); err != nil {
			return err
		}
	}
	return nil
}

// feed sends the items on a channel until done or ctx ends; the channel is closed at the end.
func (s *spool) feed(ctx context.Context, out chan<- planItem) error {
	defer close(out)
	err := s.each(func(it planItem) error {
		select {
		case out <- it:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	})
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

func (s *spool) remove() {
	name := s.f.Name()
	s.f.Close()
	os.Remove(name)
}

// neededBytes is the space the planned downloads still need: each file's size less what a
// resumable partial file already holds.
func neededBytes(destDir string, s *spool) (int64, error) {
	var need int64
	err := s.each(func(it planItem) error {
		need += it.Size - min(transfer.ResumableBytes(filepath.Join(destDir, it.Rel), it.ETag), it.Size)
		return nil
	})
	return need, err
}

package transfer

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sync"
	"sync/atomic"
)

// The sidecar ".name.vpack-partial.json" says which bytes of the partial file are good. It
// only ever claims bytes that were fsync'd before it was written, so after a crash or a kill it
// may under-count (those bytes are fetched again) but never over-count.
type state struct {
	Version  int     `json:"v"`
	ETag     string  `json:"etag"`
	Size     int64   `json:"size"`
	PartSize int64   `json:"partSize"` // the layout of Done; 0 for a single part
	Done     []int64 `json:"done"`     // good bytes from the start of each part
}

const stateVersion = 1

// partial is the temp file a download writes into, with its per-part progress.
type partial struct {
	path, sidecar string
	f             *os.File
	etag          string
	size          int64
	partSize      int64 // 0 = one part, the whole object
	done          []atomic.Int64

	mu    sync.Mutex // one checkpoint at a time
	saved []int64    // what the sidecar says now
}

func sidecarPath(partialPath string) string { return partialPath + ".json" }

// ResumableBytes is how many bytes of the object with etag a Download into dest would keep
// from an earlier, interrupted one: what its sidecar vouches for, 0 when there is nothing to
// continue. (The partial file's own size says nothing: it is laid out at full size up front.)
func ResumableBytes(dest, etag string) int64 {
	path := PartialPath(dest)
	st, ok := readState(sidecarPath(path), etag, -1)
	if fi, err := os.Stat(path); !ok || err != nil || fi.Size() != st.Size {
		return 0
	}
	var n int64
	for _, d := range st.Done {
		n += d
	}
	return n
}

// openPartial continues the partial file when its sidecar matches etag and size, or starts a
// new one laid out in parts of partSize (0: one part). resumed is the bytes kept.
func openPartial(path, etag string, size, partSize int64) (p *partial, resumed int64, err error) {
	p = &partial{path: path, sidecar: sidecarPath(path), etag: etag, size: size}
	if st, ok := readState(p.sidecar, etag, size); ok {
		if f, err := os.OpenFile(path, os.O_RDWR, 0); err == nil {
			if fi, err := f.Stat(); err == nil && fi.Size() == size {
				p.f, p.partSize = f, st.PartSize
				p.done = make([]atomic.Int64, len(st.Done))
				for i, d := range st.Done {
					p.done[i].Store(d)
					resumed += d
				}
				p.saved = st.Done
				return p, resumed, nil
			}
			f.Close()
		}
	}
	if err := p.remove(); err != nil {
		return nil, 0, err
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, 0, fmt.Errorf("create %s: %w", path, err)
	}
	// The full length up front lets every part WriteAt its own offset; the file stays sparse
	// until written, and a full disk shows up at the write that needs the space.
	if err := f.Truncate(size); err != nil {
		f.Close()
		return nil, 0, fmt.Errorf("size %s: %w", path, err)
	}
	p.f, p.partSize = f, partSize
	p.done = make([]atomic.Int64, partCount(size, partSize))
	return p, 0, nil
}

// readState reads a sidecar that fits the object: the same ETag (never an empty one), the
// same size (any when size < 0), and a layout that adds up.
func readState(sidecar, etag string, size int64) (state, bool) {
	b, err := os.ReadFile(sidecar)
	if err != nil || etag == "" {
		return state{}, false
	}
	var st state
	if json.Unmarshal(b, &st) != nil || st.Version != stateVersion || st.ETag != etag ||
		(size >= 0 && st.Size != size) || st.PartSize < 0 || len(st.Done) != partCount(st.Size, st.PartSize) {
		return state{}, false
	}
	for i, d := range st.Done {
		start, end := bounds(st.Size, st.PartSize, i)
		if d < 0 || d > end-start {
			return state{}, false
		}
	}
	return st, true
}

func partCount(size, partSize int64) int {
	if partSize <= 0 || size <= partSize {
		return 1
	}
	return int((size + partSize - 1) / partSize)
}

// bounds returns the byte range [start, end) of part i.
func bounds(size, partSize int64, i int) (start, end int64) {
	if partCount(size, partSize) == 1 {
		return 0, size
	}
	start = int64(i) * partSize
	return start, min(size, start+partSize)
}

func (p *partial) parts() int { return len(p.done) }

func (p *partial) bounds(i int) (start, end int64) { return bounds(p.size, p.partSize, i) }

// checkpoint makes the bytes written so far durable and then records them in the sidecar.
// The snapshot is taken before the fsync, so the sidecar never claims an unsynced byte.
func (p *partial) checkpoint() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	snap := make([]int64, len(p.done))
	changed := len(p.saved) != len(snap)
	for i := range p.done {
		snap[i] = p.done[i].Load()
		changed = changed || (i < len(p.saved) && snap[i] != p.saved[i])
	}
	if !changed || p.etag == "" {
		return nil
	}
	if err := p.f.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", p.path, err)
	}
	b, err := json.Marshal(state{Version: stateVersion, ETag: p.etag, Size: p.size, PartSize: p.partSize, Done: snap})
	if err != nil {
		return err
	}
	if err := writeFileSync(p.sidecar, b); err != nil {
		return err
	}
	p.saved = snap
	return nil
}

// writeFileSync replaces path with b atomically: a reader sees the old or the new sidecar.
func writeFileSync(path string, b []byte) error {
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("write %s: %w", tmp, err)
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// keep checkpoints and closes the file, leaving it and its sidecar for a later resume.
func (p *partial) keep() error {
	err := p.checkpoint()
	if cerr := p.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// discard closes and removes the partial file and its sidecar.
func (p *partial) discard() error {
	if p.f != nil {
		p.f.Close()
		p.f = nil
	}
	return p.remove()
}

func (p *partial) remove() error {
	for _, path := range []string{p.path, p.sidecar, p.sidecar + ".tmp"} {
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("remove %s: %w", path, err)
		}
	}
	return nil
}

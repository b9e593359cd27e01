package transfer

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"
)

// recordWrites swaps writeAt for one that logs the length of every write into the partial file.
func recordWrites(t *testing.T) func() []int {
	t.Helper()
	var mu sync.Mutex
	var sizes []int
	old := writeAt
	writeAt = func(f *os.File, b []byte, off int64) (int, error) {
		mu.Lock()
		sizes = append(sizes, len(b))
		mu.Unlock()
		return old(f, b, off)
	}
	t.Cleanup(func() { writeAt = old })
	return func() []int {
		mu.Lock()
		defer mu.Unlock()
		return append([]int(nil), sizes...)
	}
}

type span struct{ off, n int64 }

// recordWriteback swaps startWriteback for one that logs each range and checks that the
// range's bytes are already in the file when it is called.
func recordWriteback(t *testing.T, data []byte) func() []span {
	t.Helper()
	var mu sync.Mutex
	var spans []span
	old := startWriteback
	startWriteback = func(f *os.File, off, n int64) error {
		got := make([]byte, n)
		if _, err := f.ReadAt(got, off); err != nil || !bytes.Equal(got, data[off:off+n]) {
			t.Errorf("writeback of %d+%d started before the part was written (err %v)", off, n, err)
		}
		mu.Lock()
		spans = append(spans, span{off, n})
		mu.Unlock()
		return old(f, off, n)
	}
	t.Cleanup(func() { startWriteback = old })
	return func() []span {
		mu.Lock()
		defer mu.Unlock()
		s := append([]span(nil), spans...)
		sort.Slice(s, func(i, j int) bool { return s[i].off < s[j].off })
		return s
	}
}

func TestRangedPartsAreWrittenInPiecesOfOneMiB(t *testing.T) {
	const part = 2 * bufSize
	data := randomBytes(4*part, 70)
	writes := recordWrites(t)
	dest := filepath.Join(t.TempDir(), "w.mp4")
	if _, err := download(t, context.Background(), newFake(data), dest, true, Options{PartSize: part, Concurrency: 2}); err != nil {
		t.Fatal(err)
	}
	mustEqualFile(t, dest, data)
	sizes := writes()
	// 4 parts of 2 MiB, a body that hands over as much as asked: two 1 MiB writes per part
	// (with 128 KiB buffers it was 64 writes).
	if len(sizes) != 8 {
		t.Fatalf("%d writes %v, want 8", len(sizes), sizes)
	}
	for _, n := range sizes {
		if n != bufSize {
			t.Fatalf("write of %d bytes, want %d", n, bufSize)
		}
	}
}

func TestEachFinishedPartStartsItsWriteback(t *testing.T) {
	tests := []struct {
		name      string
		size      int
		part      int64
		wantSpans []span
	}{
		{"ranged parts, one range each", 4 * testPart, testPart,
			[]span{{0, testPart}, {testPart, testPart}, {2 * testPart, testPart}, {3 * testPart, testPart}}},
		{"a short last part", 2*testPart + 100, testPart,
			[]span{{0, testPart}, {testPart, testPart}, {2 * testPart, 100}}},
		{"one GET of a small object", testPart + 5, testPart, []span{{0, testPart + 5}}},
		{"an empty object: nothing to write back", 0, testPart, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := randomBytes(tt.size, 71)
			spans := recordWriteback(t, data)
			dest := filepath.Join(t.TempDir(), "wb.mp4")
			if _, err := download(t, context.Background(), newFake(data), dest, true, Options{PartSize: tt.part, Concurrency: 3}); err != nil {
				t.Fatal(err)
			}
			mustEqualFile(t, dest, data)
			got := spans()
			if len(got) != len(tt.wantSpans) {
				t.Fatalf("writeback of %v, want %v", got, tt.wantSpans)
			}
			for i := range got {
				if got[i] != tt.wantSpans[i] {
					t.Fatalf("writeback of %v, want %v", got, tt.wantSpans)
				}
			}
		})
	}
}

func TestWritebackOfAWrittenRangeSucceeds(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "f"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Write(randomBytes(3*bufSize, 72)); err != nil {
		t.Fatal(err)
	}
	if err := writeback(f, bufSize, 2*bufSize); err != nil {
		t.Fatalf("writeback: %v", err)
	}
}

func TestOneMiBBuffersAreCappedAcrossDownloads(t *testing.T) {
	var held []*[]byte
	for range maxBigBuffers {
		held = append(held, getBuffer())
	}
	extra := getBuffer()
	for i, b := range held {
		if len(*b) != bufSize {
			t.Fatalf("buffer %d holds %d bytes, want %d", i, len(*b), bufSize)
		}
	}
	if len(*extra) != smallBufSize {
		t.Fatalf("buffer past the cap holds %d bytes, want %d", len(*extra), smallBufSize)
	}
	putBuffer(extra)
	putBuffer(held[0])
	if b := getBuffer(); len(*b) != bufSize {
		t.Fatalf("after one came back: %d bytes, want %d", len(*b), bufSize)
	} else {
		putBuffer(b)
	}
	for _, b := range held[1:] {
		putBuffer(b)
	}
	if len(bigSlots) != 0 {
		t.Fatalf("%d big buffers still counted out", len(bigSlots))
	}
}

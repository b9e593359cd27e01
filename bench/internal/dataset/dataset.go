// Package dataset describes the benchmark's objects: their keys, sizes, contents and ETags,
// computed from a name and an index so the seeder, the history builder and the checks agree
// without sharing state. It creates small objects directly in versitygw's posix backend (a file
// plus the "user.etag" xattr, the way the gateway stores a PUT), which seeds a million objects
// in a minute instead of hours of PUTs. It never talks to S3.
package dataset

import (
	"crypto/md5"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"time"
)

// Epoch is the recording time of the first clip; keys and modification times follow from it.
var Epoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Camera layout of a listing set: cameras × days × hours × clips per hour, in key order.
const (
	Cameras      = 10
	HoursPerDay  = 20
	ClipsPerHour = 50
	// SnapshotEvery: every tenth clip slot is a .jpg snapshot, so a video filter has work.
	SnapshotEvery = 10
)

// Small is one tiny object of a listing set.
type Small struct {
	Key      string // relative to the set's prefix
	Size     int64
	Modified time.Time
	Video    bool
}

// SmallObject returns object i (0 ≤ i < n) of a set of n. Keys increase with i, in S3's byte
// order: cameras are filled one after another, each day by hour and clip.
func SmallObject(i, n int) Small {
	perCam := (n + Cameras - 1) / Cameras
	cam, j := i/perCam, i%perCam
	perDay := HoursPerDay * ClipsPerHour
	day, hour, clip := j/perDay, (j/ClipsPerHour)%HoursPerDay, j%ClipsPerHour
	at := Epoch.AddDate(0, 0, day).Add(time.Duration(hour+4)*time.Hour + time.Duration(clip)*72*time.Second)
	video := clip%SnapshotEvery != SnapshotEvery-1
	ext := ".mp4"
	if !video {
		ext = ".jpg"
	}
	key := fmt.Sprintf("cam%02d/%s/%02d/clip-%s%s", cam+1, at.Format("2006/01/02"), at.Hour(), at.Format("150405"), ext)
	return Small{Key: key, Size: 200 + int64(i%1800), Modified: at, Video: video}
}

// Content fills the bytes of an object: deterministic pseudo-random data from (set, index),
// incompressible like video.
func Content(set string, index int, size int64) []byte {
	h := md5.Sum([]byte(set))
	seed := binary.LittleEndian.Uint64(h[:8])
	r := rand.New(rand.NewPCG(seed, uint64(index)))
	b := make([]byte, size)
	for i := 0; i < len(b); i += 8 {
		var w [8]byte
		binary.LittleEndian.PutUint64(w[:], r.Uint64())
		copy(b[i:], w[:])
	}
	return b
}

// ETag is the quoted MD5 of a single-part object's content, as versitygw stores and lists it.
func ETag(content []byte) string {
	sum := md5.Sum(content)
	return `"` + hex.EncodeToString(sum[:]) + `"`
}

// Stream writes size pseudo-random bytes for (set, index) through fn in chunks of at most
// 1 MiB, for objects too big to hold at once.
func Stream(set string, index int, size int64, fn func([]byte) error) error {
	h := md5.Sum([]byte(set))
	r := rand.New(rand.NewPCG(binary.LittleEndian.Uint64(h[:8]), uint64(index)))
	buf := make([]byte, 1<<20)
	for size > 0 {
		n := min(int64(len(buf)), size)
		for i := 0; i < int(n); i += 8 {
			binary.LittleEndian.PutUint64(buf[i:], r.Uint64())
		}
		if err := fn(buf[:n]); err != nil {
			return err
		}
		size -= n
	}
	return nil
}

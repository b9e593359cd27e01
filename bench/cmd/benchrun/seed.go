//go:build linux

package main

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"vpack-s3-sync/backend/s3api"
	"vpack-s3-sync/bench/internal/dataset"
)

// cacheVersion keys bench/.data: bump it whenever a data set's definition changes, and the
// next run seeds afresh in a new folder.
const cacheVersion = "v1"

const bucket = "vpack-bench"

// verifyUpTo: listing sets up to this size are walked through the gateway after seeding.
const verifyUpTo = 100_000

// dataSet is one group of objects under its own prefix.
type dataSet struct {
	Prefix string            `json:"prefix"` // "big-1024MiB/", ending in "/"
	Count  int               `json:"count"`  // objects
	Videos int               `json:"videos"` // objects a video filter keeps
	Bytes  int64             `json:"bytes"`
	MD5    map[string]string `json:"md5,omitempty"` // key relative to Prefix → hex MD5 (big and clip sets)
}

type manifest struct {
	Sets map[string]*dataSet `json:"sets"`
	path string
}

func loadManifest(path string) (*manifest, error) {
	m := &manifest{Sets: map[string]*dataSet{}, path: path}
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return m, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, m); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

func (m *manifest) save() error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(m.path, b, 0o644)
}

const mib = 1 << 20

func bigPrefix(size int64) string { return fmt.Sprintf("big-%dMiB/", size/mib) }
func clipsPrefix(n int, size int64) string {
	return fmt.Sprintf("clips-%dx%dMiB/", n, size/mib)
}
func listPrefix(n int) string { return fmt.Sprintf("list-%d/", n) }

// bigKey is the one object of a big set: a day of one camera in one file.
const bigKey = "cam01/2026/01/01/full-day.mp4"

func clipKey(i int) string {
	return fmt.Sprintf("cam%02d/2026/01/01/%02d/clip-%04d.mp4", i%5+1, 8+i/60%12, i)
}

// seeder fills the bucket through the gateway (uploads with the AWS CLI, so big objects are
// real multipart uploads) or, for listing sets, straight into the posix backend.
type seeder struct {
	h *harness
	m *manifest
}

func (s *seeder) ensureBucket() error {
	if _, err := os.Stat(filepath.Join(s.h.gw.DataDir, bucket)); err == nil {
		return nil
	}
	return s.h.awsRun("s3api", "create-bucket", "--bucket", bucket)
}

// big uploads one object of size bytes as a multipart upload (8 MiB parts, the AWS CLI's
// default, as a camera uploader or the console would produce).
func (s *seeder) big(size int64) (*dataSet, error) {
	p := bigPrefix(size)
	if ds := s.m.Sets[p]; ds != nil {
		return ds, nil
	}
	log.Printf("seeding %s (one %d MiB object, multipart upload)", p, size/mib)
	dir, err := os.MkdirTemp(s.h.cache, "upload-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	sum, err := writeFile(filepath.Join(dir, filepath.FromSlash(bigKey)), p, 0, size)
	if err != nil {
		return nil, err
	}
	if err := s.h.awsRun("s3", "cp", "--recursive", "--only-show-errors", dir, "s3://"+bucket+"/"+p); err != nil {
		return nil, err
	}
	ds := &dataSet{Prefix: p, Count: 1, Videos: 1, Bytes: size, MD5: map[string]string{bigKey: sum}}
	return ds, s.record(ds)
}

// clips uploads n objects of size bytes each, single-part PUTs.
func (s *seeder) clips(n int, size int64) (*dataSet, error) {
	p := clipsPrefix(n, size)
	if ds := s.m.Sets[p]; ds != nil {
		return ds, nil
	}
	log.Printf("seeding %s (%d × %d MiB objects)", p, n, size/mib)
	dir, err := os.MkdirTemp(s.h.cache, "upload-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	ds := &dataSet{Prefix: p, Count: n, Videos: n, Bytes: int64(n) * size, MD5: map[string]string{}}
	for i := range n {
		sum, err := writeFile(filepath.Join(dir, filepath.FromSlash(clipKey(i))), p, i, size)
		if err != nil {
			return nil, err
		}
		ds.MD5[clipKey(i)] = sum
	}
	if err := s.h.awsRun("s3", "cp", "--recursive", "--only-show-errors", dir, "s3://"+bucket+"/"+p); err != nil {
		return nil, err
	}
	return ds, s.record(ds)
}

// list creates n tiny objects on disk in the gateway's posix layout, then proves the gateway
// lists exactly them (keys in order, sizes, ETags, modification times) before the set is trusted.
func (s *seeder) list(n int) (*dataSet, error) {
	p := listPrefix(n)
	if ds := s.m.Sets[p]; ds != nil {
		return ds, nil
	}
	log.Printf("seeding %s (%d tiny objects written into the posix backend)", p, n)
	dir := filepath.Join(s.h.gw.DataDir, bucket, filepath.FromSlash(p))
	if err := os.RemoveAll(dir); err != nil {
		return nil, err
	}
	start := time.Now()
	if err := dataset.WritePosix(dir, p, n); err != nil {
		return nil, err
	}
	log.Printf("  written in %v", time.Since(start).Round(time.Millisecond))
	ds := &dataSet{Prefix: p, Count: n}
	for i := range n {
		o := dataset.SmallObject(i, n)
		ds.Bytes += o.Size
		if o.Video {
			ds.Videos++
		}
	}
	// A million-object set is only used by S6, whose own check (every video listed and found
	// unchanged in a history built from the same definitions) proves the listing key by key;
	// walking it here too would add a minute to a cold run.
	if n <= verifyUpTo {
		if err := s.verifyListing(p, n); err != nil {
			return nil, err
		}
	}
	return ds, s.record(ds)
}

func (s *seeder) verifyListing(prefix string, n int) error {
	ctx := context.Background()
	c, err := s.h.s3client(s.h.gw.Endpoint)
	if err != nil {
		return err
	}
	i := 0
	err = c.Walk(ctx, bucket, prefix, s3api.Filter{Extensions: []string{}}, func(o s3api.Object) error {
		if i >= n {
			return fmt.Errorf("more than %d objects listed", n)
		}
		want := dataset.SmallObject(i, n)
		body := dataset.Content(prefix, i, want.Size)
		switch {
		case o.Key != prefix+want.Key:
			return fmt.Errorf("object %d: listed %q, want %q", i, o.Key, prefix+want.Key)
		case o.Size != want.Size:
			return fmt.Errorf("%s: size %d, want %d", o.Key, o.Size, want.Size)
		case `"`+o.ETag+`"` != dataset.ETag(body):
			return fmt.Errorf("%s: ETag %s, want %s", o.Key, o.ETag, dataset.ETag(body))
		case !o.LastModified.Equal(want.Modified):
			return fmt.Errorf("%s: modified %v, want %v", o.Key, o.LastModified, want.Modified)
		}
		i++
		return nil
	})
	if err != nil {
		return fmt.Errorf("verify %s: %w", prefix, err)
	}
	if i != n {
		return fmt.Errorf("verify %s: listed %d objects, want %d", prefix, i, n)
	}
	return nil
}

func (s *seeder) record(ds *dataSet) error {
	s.m.Sets[ds.Prefix] = ds
	return s.m.save()
}

// writeFile writes the deterministic content of (set, index) and returns its MD5.
func writeFile(path, set string, index int, size int64) (string, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", err
	}
	f, err := os.Create(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := md5.New()
	err = dataset.Stream(set, index, size, func(b []byte) error {
		h.Write(b)
		_, err := f.Write(b)
		return err
	})
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), f.Close()
}

// awsRun runs the AWS CLI against the gateway for seeding (not timed).
func (h *harness) awsRun(args ...string) error {
	argv := append([]string{"--endpoint-url", h.gw.Endpoint}, args...)
	cmd := exec.Command("/usr/bin/aws", argv...)
	cmd.Env = h.awsEnv()
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("aws %s: %v: %s", strings.Join(args, " "), err, out)
	}
	return nil
}

//go:build linux

package main

import (
	"bufio"
	"context"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Each tool's settings, as reported in RESULTS.md. The peers get what their documentation
// recommends for bulk S3 downloads on a fast link; nobody gets less parallelism than we use.
const (
	awsConcurrency  = 16
	awsChunkMB      = 8
	rcloneTransfers = 16
	rcloneCheckers  = 16
	rcloneStreams   = 8
	ceilingStreams  = 16 // ranged curl processes for one file
	ceilingParallel = 16 // curl transfers at once for many files
	// oursWideConcurrency is our second row in the folder scenarios: files at once as the
	// peers get them.
	oursWideConcurrency = 16
)

func awsSettings() string {
	return fmt.Sprintf("s3.max_concurrent_requests=%d, multipart_threshold=multipart_chunksize=%dMB, path-style", awsConcurrency, awsChunkMB)
}

// awsEnv points the AWS CLI at a private config with the benchmark's S3 settings.
func (h *harness) awsEnv() []string {
	dir := filepath.Join(h.work, "aws")
	cfg := filepath.Join(dir, "config")
	if _, err := os.Stat(cfg); err != nil {
		_ = os.MkdirAll(dir, 0o755)
		_ = os.WriteFile(cfg, []byte(fmt.Sprintf(`[default]
region = %s
s3 =
  max_concurrent_requests = %d
  max_queue_size = 10000
  multipart_threshold = %dMB
  multipart_chunksize = %dMB
  addressing_style = path
`, h.gw.Region, awsConcurrency, awsChunkMB, awsChunkMB)), 0o600)
	}
	return cleanEnv(dir, "AWS_CONFIG_FILE="+cfg, "AWS_SHARED_CREDENTIALS_FILE=/dev/null",
		"AWS_ACCESS_KEY_ID="+h.gw.AccessKey, "AWS_SECRET_ACCESS_KEY="+h.gw.SecretKey,
		"AWS_EC2_METADATA_DISABLED=true", "AWS_PAGER=")
}

// rcloneEnv defines the remote "bench:" through environment variables (provider Other,
// path style). AWS_CA_BUNDLE is not passed: Debian's rclone 1.60 fails on it.
func (h *harness) rcloneEnv(endpoint string) []string {
	dir := filepath.Join(h.work, "rclone")
	_ = os.MkdirAll(dir, 0o755)
	conf := filepath.Join(dir, "rclone.conf")
	_ = os.WriteFile(conf, nil, 0o600)
	return cleanEnv(dir, "RCLONE_CONFIG="+conf,
		"RCLONE_CONFIG_BENCH_TYPE=s3", "RCLONE_CONFIG_BENCH_PROVIDER=Other",
		"RCLONE_CONFIG_BENCH_ENDPOINT="+endpoint, "RCLONE_CONFIG_BENCH_REGION="+h.gw.Region,
		"RCLONE_CONFIG_BENCH_ACCESS_KEY_ID="+h.gw.AccessKey, "RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY="+h.gw.SecretKey,
		"RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE=true")
}

// oursEnv gives our CLI the standard AWS chain through the environment and a data folder.
func (h *harness) oursEnv(endpoint, home string) []string {
	return cleanEnv(home, "VPACK_S3_SYNC_HOME="+home,
		"AWS_ACCESS_KEY_ID="+h.gw.AccessKey, "AWS_SECRET_ACCESS_KEY="+h.gw.SecretKey,
		"AWS_REGION="+h.gw.Region, "AWS_ENDPOINT_URL_S3="+endpoint,
		"AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null", "AWS_EC2_METADATA_DISABLED=true")
}

// freshDir empties path (a destination or a data folder) before a run.
func freshDir(path string) error {
	if err := os.RemoveAll(path); err != nil {
		return err
	}
	return os.MkdirAll(path, 0o755)
}

// presign writes one curl config per key (url = "…"), readable by us only: a presigned URL is
// a credential, so it never goes on a command line or into a log.
func (h *harness) presign(endpoint string, ds *dataSet, keys []string, dir string, output func(key string) string) (string, error) {
	c, err := h.s3client(endpoint)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	cfg := filepath.Join(dir, "curl.cfg")
	var b strings.Builder
	for _, k := range keys {
		u, err := c.PresignGet(context.Background(), bucket, ds.Prefix+k, h.presignTTL)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&b, "url = %q\n", u)
		if output != nil {
			fmt.Fprintf(&b, "output = %q\n", output(k))
		}
	}
	return cfg, os.WriteFile(cfg, []byte(b.String()), 0o600)
}

// ceilingScript fetches one object with n parallel ranged curls, each piped into dd writing
// at its offset of one preallocated file: the server and the disk, with no client logic.
const ceilingScript = `set -u
cfg=$1 out=$2 size=$3 n=$4
mkdir -p "$(dirname "$out")"
truncate -s "$size" "$out"
chunk=$(( (size + n - 1) / n ))
pids=""
for ((i = 0; i < n; i++)); do
  off=$(( i * chunk )); end=$(( off + chunk - 1 )); (( end >= size )) && end=$(( size - 1 ))
  (set -o pipefail; curl -sS --fail -K "$cfg" -r "$off-$end" |
    dd of="$out" bs=1M seek="$off" oflag=seek_bytes conv=notrunc iflag=fullblock status=none) &
  pids="$pids $!"
done
for p in $pids; do wait "$p" || exit 1; done
`

// checkTree verifies a downloaded folder against the data set: every key present with its
// size, nothing else; with full, every file's MD5 too.
func checkTree(dir string, ds *dataSet, full bool) error {
	seen := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		want, ok := ds.MD5[rel]
		if !ok {
			return fmt.Errorf("unexpected file %s", rel)
		}
		seen++
		info, err := d.Info()
		if err != nil {
			return err
		}
		if info.Size() != ds.Bytes/int64(ds.Count) {
			return fmt.Errorf("%s: %d bytes, want %d", rel, info.Size(), ds.Bytes/int64(ds.Count))
		}
		if full {
			if got, err := md5Of(p); err != nil || got != want {
				return fmt.Errorf("%s: MD5 %s, want %s (%v)", rel, got, want, err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if seen != ds.Count {
		return fmt.Errorf("%d files downloaded, want %d", seen, ds.Count)
	}
	return nil
}

func checkFile(path string, ds *dataSet, full bool) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	if info.Size() != ds.Bytes {
		return fmt.Errorf("%s: %d bytes, want %d", filepath.Base(path), info.Size(), ds.Bytes)
	}
	if full {
		if got, err := md5Of(path); err != nil || got != ds.MD5[bigKey] {
			return fmt.Errorf("%s: MD5 %s, want %s (%v)", filepath.Base(path), got, ds.MD5[bigKey], err)
		}
	}
	return nil
}

func md5Of(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := md5.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// countLines counts the non-empty lines of a tool's output and those matching keep.
func countLines(path string, keep func(string) bool) (all, kept int, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		all++
		if keep == nil || keep(line) {
			kept++
		}
	}
	return all, kept, sc.Err()
}

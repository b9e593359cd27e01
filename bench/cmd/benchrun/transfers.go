//go:build linux

package main

import (
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// builder makes one scenario's contenders once its data is seeded.
type builder struct {
	id    string
	build func(*seeder) ([]*scenario, error)
}

func (h *harness) builders() []builder {
	return []builder{
		{"S1", h.s1}, {"S2", h.s2}, {"S3", h.s3}, {"S4", h.s4}, {"S5", h.s5}, {"S6", h.s6},
	}
}

func (h *harness) s1(seed *seeder) ([]*scenario, error) {
	ds, err := seed.big(h.sc.BigSize)
	if err != nil {
		return nil, err
	}
	s, err := h.fileScenario("S1", fmt.Sprintf("one %s video (multipart upload) → file, loopback", size(ds.Bytes)), ds, h.gw.Endpoint)
	if err != nil {
		return nil, err
	}
	s.Targets = []target{beatBestPeer(1.25), ofCeiling(0.8), rssAtMost(64)}
	return []*scenario{s}, nil
}

func (h *harness) s2(seed *seeder) ([]*scenario, error) {
	ds, err := seed.clips(h.sc.ClipCount, h.sc.ClipSize)
	if err != nil {
		return nil, err
	}
	s, err := h.folderScenario("S2", fmt.Sprintf("%d × %s videos → folder, loopback", ds.Count, size(ds.Bytes/int64(ds.Count))), ds, h.gw.Endpoint)
	if err != nil {
		return nil, err
	}
	s.Targets = []target{beatBestPeer(1.25), beatBestPeerAs("ours-c16", 1.25), rssAtMost(64)}
	return []*scenario{s}, nil
}

func (h *harness) s3(seed *seeder) ([]*scenario, error) {
	big, err := seed.big(h.sc.WANBigSize)
	if err != nil {
		return nil, err
	}
	clips, err := seed.clips(h.sc.WANClips, h.sc.WANClip)
	if err != nil {
		return nil, err
	}
	px, err := h.wan()
	if err != nil {
		return nil, err
	}
	link := fmt.Sprintf("WAN-like: +%d ms, %d MB/s per connection", wanLatencyMs, wanKBps/1000)
	a, err := h.fileScenario("S3a", fmt.Sprintf("one %s video → file, %s", size(big.Bytes), link), big, px.Endpoint)
	if err != nil {
		return nil, err
	}
	b, err := h.folderScenario("S3b", fmt.Sprintf("%d × %s videos → folder, %s", clips.Count, size(h.sc.WANClip), link), clips, px.Endpoint)
	if err != nil {
		return nil, err
	}
	a.WAN, b.WAN = true, true
	a.Targets = []target{beatBestPeer(1.25)}
	b.Targets = []target{beatBestPeer(1.25), beatBestPeerAs("ours-c16", 1.25)}
	return []*scenario{a, b}, nil
}

// fileScenario: one object into one file.
func (h *harness) fileScenario(id, title string, ds *dataSet, endpoint string) (*scenario, error) {
	src := "s3://" + bucket + "/" + ds.Prefix + bigKey
	name := path.Base(bigKey)
	dest := func(scratch string) string { return filepath.Join(scratch, "dest", name) }
	prepare := func(scratch string) error { return freshDir(filepath.Join(scratch, "dest")) }
	check := func(scratch string, full bool) error { return checkFile(dest(scratch), ds, full) }
	s := &scenario{ID: id, Title: title, Unit: "MiB/s", Amount: float64(ds.Bytes) / mib}
	if h.ours != "" {
		s.Tools = append(s.Tools, &contender{
			Name: "ours", Command: "vpack-s3-sync get " + src + " DEST", Settings: "defaults",
			Prepare: func(scratch string) error {
				if err := freshDir(filepath.Join(scratch, "home")); err != nil {
					return err
				}
				return prepare(scratch)
			},
			Invoke: func(scratch string) invocation {
				return invocation{Argv: []string{h.ours, "get", src, dest(scratch)},
					Env: h.oursEnv(endpoint, filepath.Join(scratch, "home"))}
			},
			Check: check,
		})
	}
	s.Tools = append(s.Tools,
		&contender{
			Name: "aws", Command: "aws s3 cp " + src + " DEST", Settings: awsSettings(), Prepare: prepare, Check: check,
			Invoke: func(scratch string) invocation {
				return invocation{Argv: []string{"/usr/bin/aws", "--endpoint-url", endpoint, "s3", "cp", src, dest(scratch), "--only-show-errors"},
					Env: h.awsEnv()}
			},
		},
		&contender{
			Name: "rclone", Command: "rclone copyto bench:" + bucket + "/" + ds.Prefix + bigKey + " DEST",
			Settings: fmt.Sprintf("--multi-thread-streams %d --multi-thread-cutoff 16M", rcloneStreams), Prepare: prepare, Check: check,
			Invoke: func(scratch string) invocation {
				return invocation{Argv: []string{"/usr/bin/rclone", "copyto", "bench:" + bucket + "/" + ds.Prefix + bigKey, dest(scratch),
					"--multi-thread-streams", strconv.Itoa(rcloneStreams), "--multi-thread-cutoff", "16M", "-q"},
					Env: h.rcloneEnv(endpoint)}
			},
		})
	cfg, err := h.presign(endpoint, ds, []string{bigKey}, filepath.Join(h.work, id, "presigned"), nil)
	if err != nil {
		return nil, err
	}
	s.Tools = append(s.Tools, &contender{
		Name: "ceiling", Command: "curl -r RANGE PRESIGNED_URL | dd seek=OFFSET of=DEST (in parallel)",
		Settings: fmt.Sprintf("%d ranges at once into one preallocated file", ceilingStreams), Prepare: prepare, Check: check, NoRSS: true,
		Invoke: func(scratch string) invocation {
			return invocation{Argv: []string{"/bin/bash", "-c", ceilingScript, "ceiling", cfg, dest(scratch),
				strconv.FormatInt(ds.Bytes, 10), strconv.Itoa(ceilingStreams)}, Env: cleanEnv(scratch)}
		},
	})
	return s, nil
}

// folderScenario: every object under a prefix into a folder.
func (h *harness) folderScenario(id, title string, ds *dataSet, endpoint string) (*scenario, error) {
	src := "s3://" + bucket + "/" + ds.Prefix
	dest := func(scratch string) string { return filepath.Join(scratch, "dest") }
	prepare := func(scratch string) error { return freshDir(dest(scratch)) }
	check := func(scratch string, full bool) error { return checkTree(dest(scratch), ds, full) }
	s := &scenario{ID: id, Title: title, Unit: "MiB/s", Amount: float64(ds.Bytes) / mib}
	if h.ours != "" {
		// Two rows: the defaults a user gets (4 files at once), and as many files at once as
		// the peers are given, to show what the default costs.
		for _, v := range []struct{ name, settings string }{
			{"ours", "defaults: 4 files at once (fresh data folder each run)"},
			{"ours-c16", fmt.Sprintf("--concurrency %d, the peers' parallelism (fresh data folder each run)", oursWideConcurrency)},
		} {
			argv := []string{h.ours, "sync", src, "", "--json"}
			if v.name != "ours" {
				argv = append(argv, "--concurrency", strconv.Itoa(oursWideConcurrency))
			}
			s.Tools = append(s.Tools, &contender{
				Name: v.name, Command: strings.Join(append([]string{"vpack-s3-sync sync", src, "DEST"}, argv[4:]...), " "), Settings: v.settings,
				Prepare: func(scratch string) error {
					if err := freshDir(filepath.Join(scratch, "home")); err != nil {
						return err
					}
					return prepare(scratch)
				},
				Invoke: func(scratch string) invocation {
					a := slices.Clone(argv)
					a[3] = dest(scratch)
					return invocation{Argv: a, Env: h.oursEnv(endpoint, filepath.Join(scratch, "home")), Stdout: filepath.Join(scratch, "stdout.json")}
				},
				Check: check,
			})
		}
	}
	s.Tools = append(s.Tools,
		&contender{
			Name: "aws", Command: "aws s3 sync " + src + " DEST", Settings: awsSettings(), Prepare: prepare, Check: check,
			Invoke: func(scratch string) invocation {
				return invocation{Argv: []string{"/usr/bin/aws", "--endpoint-url", endpoint, "s3", "sync", src, dest(scratch), "--only-show-errors"},
					Env: h.awsEnv()}
			},
		},
		&contender{
			Name: "rclone", Command: "rclone copy bench:" + bucket + "/" + ds.Prefix + " DEST",
			Settings: fmt.Sprintf("--transfers %d --checkers %d --fast-list", rcloneTransfers, rcloneCheckers), Prepare: prepare, Check: check,
			Invoke: func(scratch string) invocation {
				return invocation{Argv: []string{"/usr/bin/rclone", "copy", "bench:" + bucket + "/" + ds.Prefix, dest(scratch),
					"--transfers", strconv.Itoa(rcloneTransfers), "--checkers", strconv.Itoa(rcloneCheckers), "--fast-list", "-q"},
					Env: h.rcloneEnv(endpoint)}
			},
		})
	keys := make([]string, 0, len(ds.MD5))
	for k := range ds.MD5 {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	// The config names absolute outputs, so the ceiling always writes to its own scratch dest.
	ceilDest := filepath.Join(h.work, id, "ceiling", "dest")
	cfg, err := h.presign(endpoint, ds, keys, filepath.Join(h.work, id, "presigned"),
		func(k string) string { return filepath.Join(ceilDest, filepath.FromSlash(k)) })
	if err != nil {
		return nil, err
	}
	s.Tools = append(s.Tools, &contender{
		Name: "ceiling", Command: "curl --parallel PRESIGNED_URLS", Settings: fmt.Sprintf("--parallel-max %d", ceilingParallel),
		Prepare: prepare, Check: check, NoRSS: true,
		Invoke: func(scratch string) invocation {
			return invocation{Argv: []string{"/usr/bin/curl", "-sS", "--fail", "--create-dirs", "--parallel", "--parallel-max",
				strconv.Itoa(ceilingParallel), "-K", cfg}, Env: cleanEnv(scratch)}
		},
	})
	return s, nil
}

func size(b int64) string {
	switch {
	case b >= 1<<30 && b%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", b>>30)
	case b >= mib:
		return fmt.Sprintf("%d MiB", b/mib)
	}
	return fmt.Sprintf("%d KiB", b>>10)
}

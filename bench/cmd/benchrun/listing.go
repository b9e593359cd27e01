//go:build linux

package main

import (
	"encoding/json"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

func (h *harness) s4(seed *seeder) ([]*scenario, error) {
	ds, err := seed.list(h.sc.ListN)
	if err != nil {
		return nil, err
	}
	src := "s3://" + bucket + "/" + ds.Prefix
	out := func(scratch string) string { return filepath.Join(scratch, "listing.txt") }
	isVideo := func(line string) bool { return strings.HasSuffix(line, ".mp4") }
	expect := func(wantAll, wantVideos int) func(string, bool) error {
		return func(scratch string, _ bool) error {
			all, videos, err := countLines(out(scratch), isVideo)
			if err != nil {
				return err
			}
			if (wantAll >= 0 && all != wantAll) || videos != wantVideos {
				return fmt.Errorf("listed %d lines (%d videos), want %d (%d videos)", all, videos, wantAll, wantVideos)
			}
			return nil
		}
	}
	s := &scenario{ID: "S4", Title: fmt.Sprintf("list %s objects under a prefix (recursive, video filter)", count(ds.Count)),
		Unit: "objects/s", Amount: float64(ds.Count),
		Targets: []target{notSlowerThanBestPeer(), rssAtMost(100)},
		Notes:   []string{fmt.Sprintf("%d of the %d objects are videos (.mp4), the rest .jpg snapshots. `aws s3 ls` has no filter, so it prints every object.", ds.Videos, ds.Count)}}
	{
		home := func(scratch string) string { return filepath.Join(scratch, "home") }
		c := &contender{
			Name: "ours", Command: "vpack-s3-sync ls --recursive --ext .mp4 " + src, Settings: "video filter (--ext .mp4), as rclone's --include '*.mp4'",
			Prepare: func(scratch string) error { return freshDir(home(scratch)) },
			Invoke: func(scratch string) invocation {
				return invocation{Argv: []string{h.ours, "ls", "--recursive", "--ext", ".mp4", src},
					Env: h.oursEnv(h.gw.Endpoint, home(scratch)), Stdout: out(scratch)}
			},
			Check: expect(ds.Videos, ds.Videos),
		}
		if h.ours == "" || !cliHasRecursiveLs(h.ours) {
			c.Command = "planbench walk -prefix " + ds.Prefix
			c.Settings = "our listing engine (s3api.Walk, default video filter) in a small program: the CLI has no recursive ls yet"
			c.Invoke = func(scratch string) invocation {
				return invocation{Argv: []string{h.planbench, "walk", "-endpoint", h.gw.Endpoint, "-prefix", ds.Prefix},
					Env: h.oursEnv(h.gw.Endpoint, home(scratch)), Stdout: out(scratch)}
			}
		}
		s.Tools = append(s.Tools, c)
	}
	s.Tools = append(s.Tools,
		&contender{
			Name: "aws", Command: "aws s3 ls --recursive " + src, Settings: "defaults (1,000 keys per page)", Check: expect(ds.Count, ds.Videos),
			Invoke: func(scratch string) invocation {
				return invocation{Argv: []string{"/usr/bin/aws", "--endpoint-url", h.gw.Endpoint, "s3", "ls", "--recursive", src},
					Env: h.awsEnv(), Stdout: out(scratch)}
			},
		},
		&contender{
			Name: "rclone", Command: "rclone lsf -R --files-only --fast-list --include '*.mp4' bench:" + bucket + "/" + ds.Prefix,
			Settings: "--fast-list (one recursive listing instead of one per folder)", Check: expect(ds.Videos, ds.Videos),
			Invoke: func(scratch string) invocation {
				return invocation{Argv: []string{"/usr/bin/rclone", "lsf", "-R", "--files-only", "--fast-list", "--include", "*.mp4",
					"bench:" + bucket + "/" + ds.Prefix}, Env: h.rcloneEnv(h.gw.Endpoint), Stdout: out(scratch)}
			},
		})
	return []*scenario{s}, nil
}

// s5: every tool re-syncs the same folder, which already holds every video of the set. The
// folder is made once (cached) by rclone, which sets each file's mtime to the object's
// LastModified as the AWS CLI expects; our data folder learns the files by a first sync that
// adopts them (same size and MD5 as the ETag) without downloading.
func (h *harness) s5(seed *seeder) ([]*scenario, error) {
	ds, err := seed.list(h.sc.ListN)
	if err != nil {
		return nil, err
	}
	src := "s3://" + bucket + "/" + ds.Prefix
	base := filepath.Join(h.cache, "s5-"+strconv.Itoa(ds.Count))
	dest, home := filepath.Join(base, "dest"), filepath.Join(base, "home")
	if err := h.prepareResync(ds, base, dest, home); err != nil {
		return nil, err
	}
	unchanged := func(string, bool) error { return checkNothingFetched(dest, ds.Videos) }
	s := &scenario{ID: "S5", Title: fmt.Sprintf("re-sync of %s already-downloaded objects (nothing new)", count(ds.Videos)),
		Unit: "objects/s", Amount: float64(ds.Count),
		Targets: []target{onlyList(), beatBestPeer(2)},
		Notes:   []string{fmt.Sprintf("The prefix holds %d objects, %d of them videos; every tool is limited to the videos (our default filter, `--include '*.mp4'` for the peers) and finds all of them already in the destination.", ds.Count, ds.Videos)}}
	if h.ours != "" {
		s.Tools = append(s.Tools, &contender{
			Name: "ours", Command: "vpack-s3-sync sync " + src + " DEST --json", Settings: "defaults; data folder holding the history of the earlier sync", NoGet: true,
			Invoke: func(scratch string) invocation {
				return invocation{Argv: []string{h.ours, "sync", src, dest, "--json"}, Env: h.oursEnv(h.gw.Endpoint, home),
					Stdout: filepath.Join(scratch, "stdout.json")}
			},
			Check: func(scratch string, full bool) error {
				sum, err := readSummary(filepath.Join(scratch, "stdout.json"))
				if err != nil {
					return err
				}
				if sum.Downloaded != 0 || sum.Skipped != ds.Videos {
					return fmt.Errorf("summary: downloaded %d, skipped %d; want 0 and %d", sum.Downloaded, sum.Skipped, ds.Videos)
				}
				return unchanged(scratch, full)
			},
		})
	}
	s.Tools = append(s.Tools,
		&contender{
			Name: "aws", Command: "aws s3 sync " + src + " DEST --exclude '*' --include '*.mp4'", Settings: awsSettings(), Check: unchanged, NoGet: true,
			Invoke: func(scratch string) invocation {
				return invocation{Argv: []string{"/usr/bin/aws", "--endpoint-url", h.gw.Endpoint, "s3", "sync", src, dest,
					"--exclude", "*", "--include", "*.mp4", "--only-show-errors"}, Env: h.awsEnv()}
			},
		},
		&contender{
			Name: "rclone", Command: "rclone copy bench:" + bucket + "/" + ds.Prefix + " DEST --include '*.mp4'",
			Settings: fmt.Sprintf("--fast-list --checkers %d --update --use-server-modtime (rclone's advice for S3: no HEAD per object)", rcloneCheckers),
			Check:    unchanged, NoGet: true,
			Invoke: func(scratch string) invocation {
				return invocation{Argv: []string{"/usr/bin/rclone", "copy", "bench:" + bucket + "/" + ds.Prefix, dest,
					"--fast-list", "--checkers", strconv.Itoa(rcloneCheckers), "--update", "--use-server-modtime",
					"--include", "*.mp4", "-q"}, Env: h.rcloneEnv(h.gw.Endpoint)}
			},
		})
	return []*scenario{s}, nil
}

// prepareResync builds (once) the destination folder and our data folder for S5.
func (h *harness) prepareResync(ds *dataSet, base, dest, home string) error {
	marker := filepath.Join(base, "ready")
	if h.ours == "" {
		marker += "-peers"
	}
	if _, err := os.Stat(marker); err == nil {
		return nil
	}
	if _, err := os.Stat(filepath.Join(base, "ready-peers")); err != nil {
		log.Printf("preparing S5: downloading the %d videos of %s once with rclone", ds.Videos, ds.Prefix)
		if err := freshDir(dest); err != nil {
			return err
		}
		cmd := exec.Command("/usr/bin/rclone", "copy", "bench:"+bucket+"/"+ds.Prefix, dest, "--fast-list",
			"--transfers", "32", "--checkers", "32", "--use-server-modtime", "--include", "*.mp4", "-q")
		cmd.Env = h.rcloneEnv(h.gw.Endpoint)
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("rclone copy for S5: %v: %s", err, out)
		}
		if err := checkNothingFetched(dest, ds.Videos); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(base, "ready-peers"), nil, 0o644); err != nil {
			return err
		}
	}
	if h.ours == "" {
		return nil
	}
	log.Printf("preparing S5: our first sync records the %d files already there", ds.Videos)
	if err := freshDir(home); err != nil {
		return err
	}
	stdout := filepath.Join(base, "first-sync.json")
	smp := timed(invocation{Argv: []string{h.ours, "sync", "s3://" + bucket + "/" + ds.Prefix, dest, "--json"},
		Env: h.oursEnv(h.gw.Endpoint, home), Stdout: stdout}, base)
	if smp.Err != nil {
		return smp.Err
	}
	sum, err := readSummary(stdout)
	if err != nil {
		return err
	}
	if sum.Failed != 0 || sum.Downloaded+sum.Skipped != ds.Videos {
		return fmt.Errorf("first sync for S5: %+v", sum)
	}
	if err := checkNothingFetched(dest, ds.Videos); err != nil {
		return fmt.Errorf("first sync for S5 changed the folder: %w", err)
	}
	return os.WriteFile(marker, nil, 0o644)
}

// checkNothingFetched: the folder still holds exactly the set's videos (no second copies).
func checkNothingFetched(dest string, videos int) error {
	n := 0
	err := filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return err
	})
	if err != nil {
		return err
	}
	if n != videos {
		return fmt.Errorf("%s holds %d files, want %d", dest, n, videos)
	}
	return nil
}

// cliSummary is the last line of `vpack-s3-sync sync --json` (issue 5's contract).
type cliSummary struct {
	Listed, Matched, Downloaded, Skipped, Failed, Archived int
	Bytes                                                  int64
	Requests                                               struct{ List, Get, Head int64 }
}

func readSummary(path string) (cliSummary, error) {
	var s cliSummary
	b, err := os.ReadFile(path)
	if err != nil {
		return s, err
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &s); err != nil {
		return s, fmt.Errorf("summary line %q: %w", lines[len(lines)-1], err)
	}
	return s, nil
}

func count(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func cliHasRecursiveLs(bin string) bool {
	out, _ := exec.Command(bin, "ls", "--help").CombinedOutput()
	return strings.Contains(string(out), "--recursive")
}

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

// s6 runs our engine (through bench/cmd/planbench, not the CLI: the history is written
// straight into the store, since a million downloads would take hours) over each size of
// h.sc.PlanN: list, merge with a history holding every video, plan, download nothing.
func (h *harness) s6(seed *seeder) ([]*scenario, error) {
	sizes := h.sc.PlanN
	s := &scenario{ID: "S6", Unit: "objects/s", Counted: 1, NoWarmUp: true,
		Title: fmt.Sprintf("%s objects listed and planned against a history of all their videos (and the same at %s)",
			count(sizes[len(sizes)-1]), count(sizes[0])),
		Targets: []target{flatRSS(150)},
		Notes: []string{"Measured with bench/cmd/planbench: the syncer engine (s3api.Walk → merge with store.IterateHistory → spool) " +
			"on a history written directly into the store (one row per video: 90% of the objects); one run per size (no peers, so no alternation). " +
			"The plan skips every video, so nothing is downloaded; the run is listing, history merge and bookkeeping."}}
	for _, n := range sizes {
		ds, err := seed.list(n)
		if err != nil {
			return nil, err
		}
		db, err := h.prepareHistory(ds)
		if err != nil {
			return nil, err
		}
		want := ds
		s.Tools = append(s.Tools, &contender{
			Name: "ours@" + strconv.Itoa(n), Command: "planbench run", Settings: "engine defaults", NoGet: true,
			Invoke: func(scratch string) invocation {
				return invocation{Argv: []string{h.planbench, "run", "-db", db, "-endpoint", h.gw.Endpoint},
					Env: h.oursEnv(h.gw.Endpoint, scratch), Stdout: filepath.Join(scratch, "summary.json")}
			},
			Check: func(scratch string, _ bool) error {
				var sum struct {
					Listed, Matched, Downloaded, Skipped, Failed int
					Requests                                     struct{ List, Get, Head int64 }
				}
				b, err := os.ReadFile(filepath.Join(scratch, "summary.json"))
				if err != nil {
					return err
				}
				if err := json.Unmarshal(b, &sum); err != nil {
					return err
				}
				if sum.Listed != want.Count || sum.Skipped != want.Videos || sum.Downloaded != 0 || sum.Requests.Get != 0 {
					return fmt.Errorf("summary %s, want listed %d, skipped %d, nothing downloaded", strings.TrimSpace(string(b)), want.Count, want.Videos)
				}
				return nil
			},
		})
	}
	// Amount differs per size: the report computes each row's throughput from its own n.
	return []*scenario{s}, nil
}

// prepareHistory writes (once, cached) a history database holding every video of ds.
func (h *harness) prepareHistory(ds *dataSet) (string, error) {
	dir := filepath.Join(h.cache, "s6-"+strconv.Itoa(ds.Count))
	db := filepath.Join(dir, "history.db")
	if _, err := os.Stat(filepath.Join(dir, "ready")); err == nil {
		return db, nil
	}
	log.Printf("preparing S6: a history of %d rows for %s", ds.Videos, ds.Prefix)
	if err := freshDir(dir); err != nil {
		return "", err
	}
	cmd := exec.Command(h.planbench, "prepare", "-db", db, "-prefix", ds.Prefix, "-n", strconv.Itoa(ds.Count))
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("planbench prepare: %v: %s", err, out)
	}
	return db, os.WriteFile(filepath.Join(dir, "ready"), nil, 0o644)
}

// planSize is the n of an "ours@n" row.
func planSize(name string) int {
	_, n, _ := strings.Cut(name, "@")
	v, _ := strconv.Atoi(n)
	return v
}

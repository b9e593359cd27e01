package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"time"

	"vpack-s3-sync/backend/apperr"
	"vpack-s3-sync/backend/store"
	"vpack-s3-sync/backend/syncer"
)

// syncSummary is the --json contract: the last line on stdout, exactly these fields.
type syncSummary struct {
	Listed     int             `json:"listed"`
	Matched    int             `json:"matched"`
	Downloaded int             `json:"downloaded"`
	Skipped    int             `json:"skipped"`
	Failed     int             `json:"failed"`
	Archived   int             `json:"archived"`
	Bytes      int64           `json:"bytes"`
	Requests   syncRequests    `json:"requests"`
	Errors     []syncJSONError `json:"errors"`
}

type syncRequests struct {
	List int64 `json:"list"`
	Get  int64 `json:"get"`
	Head int64 `json:"head"`
}

type syncJSONError struct {
	Key     string `json:"key"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

type syncFlags struct {
	common
	ext         string
	since       string
	concurrency int
	every       time.Duration
}

func (r *runner) cmdSync(ctx context.Context, args []string) error {
	var f syncFlags
	fs := newFlags("sync", &f.common, true)
	fs.StringVar(&f.ext, "ext", "", "")
	fs.StringVar(&f.since, "since", "", "")
	fs.IntVar(&f.concurrency, "concurrency", 0, "")
	fs.DurationVar(&f.every, "every", 0, "")
	pos, err := r.parse(fs, args, syncUsage)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usageError("sync needs s3://BUCKET[/PREFIX] and DEST; run \"vpack-s3-sync sync --help\"")
	}
	u, err := parseS3URL(pos[0])
	if err != nil {
		return err
	}
	dest, err := filepath.Abs(pos[1])
	if err != nil || pos[1] == "" {
		return usageError("DEST %q is not a folder path", pos[1])
	}
	if _, err := parseSince(f.since, time.Now()); err != nil {
		return err
	}
	switch {
	case f.concurrency < 0 || f.concurrency > 64:
		return usageError("--concurrency %d: use 1 to 64", f.concurrency)
	case f.every != 0 && f.every < time.Minute:
		return usageError("--every %s: use at least 1m", f.every)
	}
	if err := f.check(); err != nil {
		return err
	}

	st, err := r.openStore()
	if err != nil {
		return err
	}
	defer st.Close()
	client, src, err := r.syncTarget(ctx, st, f.common, u, dest)
	if err != nil {
		return err
	}
	b := newBar(r.stderr)
	eng := syncer.NewEngine(st, nil, syncer.Options{}, syncer.Events{OnProgress: func(p syncer.Progress) {
		if p.Phase == syncer.PhaseListing {
			b.update(barState{label: fmt.Sprintf("listing… %d objects", p.Listed)})
			return
		}
		b.update(barState{label: path.Base(p.CurrentKey), filesDone: p.FilesDone, filesTotal: p.FilesTotal,
			done: p.BytesDone, total: p.BytesTotal, rate: p.Rate, eta: p.ETA})
	}})

	for {
		req := syncer.RunRequest{Trigger: syncer.TriggerCLI, Concurrency: f.concurrency}
		req.ModifiedSince, _ = parseSince(f.since, time.Now()) // "7d" moves with each run
		if f.ext != "" {
			req.OverrideExtensions, req.Extensions = true, parseExtensions(f.ext)
		}
		sum, runErr := eng.Run(ctx, client, src, req)
		b.clear()
		result := r.report(sum, runErr, f.json)
		if f.every == 0 {
			return result
		}
		if result != nil && !errors.Is(result, errSomeFailed) && apperr.CodeOf(result) != apperr.Cancelled {
			r.printError(result) // the loop goes on; the next run may succeed
		}
		next := time.Now().Add(f.every)
		if !f.json {
			fmt.Fprintf(r.stdout, "next run at %s (Ctrl-C to stop)\n", next.Local().Format("15:04:05"))
		}
		select {
		case <-ctx.Done():
			if errors.Is(result, errSomeFailed) {
				return result
			}
			return nil
		case <-time.After(time.Until(next)):
		}
	}
}

// report prints a run's outcome: the failed files on stderr, the summary on stdout (one JSON
// line with --json), and returns what the exit code is made of.
func (r *runner) report(sum syncer.Summary, runErr error, asJSON bool) error {
	for _, fe := range sum.Errors {
		fmt.Fprintf(r.stderr, "vpack-s3-sync: %s: %s\n", fe.Key, errorLine(fe.Err, r.lang))
	}
	if sum.Failed > len(sum.Errors) {
		fmt.Fprintf(r.stderr, "vpack-s3-sync: … and %d more failed files\n", sum.Failed-len(sum.Errors))
	}
	if asJSON {
		out := syncSummary{
			Listed: sum.Listed, Matched: sum.Matched, Downloaded: sum.Downloaded, Skipped: sum.Skipped,
			Failed: sum.Failed, Archived: sum.Archived, Bytes: sum.Bytes,
			Requests: syncRequests{List: sum.Requests.List, Get: sum.Requests.Get, Head: sum.Requests.Head},
			Errors:   make([]syncJSONError, 0, len(sum.Errors)+1),
		}
		for _, fe := range sum.Errors {
			out.Errors = append(out.Errors, syncJSONError{Key: fe.Key, Code: fe.Code, Message: apperr.Message(fe.Err, r.lang)})
		}
		if runErr != nil {
			e := apperr.Classify(runErr)
			out.Errors = append(out.Errors, syncJSONError{Code: string(e.Code), Message: apperr.Message(e, r.lang)})
		}
		if err := json.NewEncoder(r.stdout).Encode(out); err != nil {
			return err
		}
	} else if sum.RunID != 0 && (runErr == nil || apperr.CodeOf(runErr) == apperr.Cancelled) {
		fmt.Fprintf(r.stdout, "listed %d objects, %d matched: %d downloaded (%s), %d already here, %d failed, %d archived (not downloadable)\n",
			sum.Listed, sum.Matched, sum.Downloaded, syncer.FormatBytes(sum.Bytes), sum.Skipped, sum.Failed, sum.Archived)
		cost := ""
		switch {
		case sum.EstimatedCostUSD >= 0.0001:
			cost = fmt.Sprintf(", about $%.4f at AWS list prices", sum.EstimatedCostUSD)
		case sum.EstimatedCostUSD > 0:
			cost = ", less than $0.0001 at AWS list prices"
		}
		fmt.Fprintf(r.stdout, "requests: %d LIST, %d GET, %d HEAD%s\n", sum.Requests.List, sum.Requests.Get, sum.Requests.Head, cost)
	}
	switch {
	case runErr != nil:
		return runErr
	case sum.Failed > 0:
		return errSomeFailed
	}
	return nil
}

// sourceLine is one source for `sources`.
func sourceLine(s store.Source, connName string) string {
	every := "manual"
	if s.IntervalMinutes > 0 {
		every = fmt.Sprintf("every %dm", s.IntervalMinutes)
		if s.IntervalMinutes%60 == 0 {
			every = fmt.Sprintf("every %dh", s.IntervalMinutes/60)
		}
	}
	state := "enabled"
	switch {
	case !s.Enabled:
		state = "disabled"
	case s.Paused:
		state = "paused"
	}
	last := "never"
	if !s.LastRunAt.IsZero() {
		last = s.LastRunAt.Local().Format("2006-01-02 15:04")
	}
	return fmt.Sprintf("%d\ts3://%s/%s\t%s\t%s\t%s\t%s\tlast run %s", s.ID, s.Bucket, s.Prefix, s.LocalDir, connName, every, state, last)
}

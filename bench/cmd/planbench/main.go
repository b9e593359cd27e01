// Command planbench measures scenario S6 of the benchmarks: one sync run of our engine over a
// prefix of many objects against a history that already holds every video, so the run lists,
// merges and plans everything and downloads nothing. The harness runs it under
// /usr/bin/time -v at two sizes to show that peak memory does not grow with the bucket.
//
//	planbench prepare -db FILE -prefix P -n N   # history rows for the data set (once, cached)
//	planbench run -db FILE -endpoint URL        # the measured run; keys from AWS_* variables
//	planbench walk -endpoint URL -prefix P      # print the videos under P (S4 while the CLI has no recursive ls)
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"vpack-s3-sync/backend/s3api"
	"vpack-s3-sync/backend/store"
	"vpack-s3-sync/backend/syncer"
	"vpack-s3-sync/bench/internal/dataset"
)

const bucket = "vpack-bench"

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: planbench prepare|run [flags]")
		os.Exit(2)
	}
	fs := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	db := fs.String("db", "", "history database file")
	prefix := fs.String("prefix", "", "data set prefix, e.g. list-1000000/")
	n := fs.Int("n", 0, "objects in the data set")
	endpoint := fs.String("endpoint", "", "S3 endpoint URL")
	_ = fs.Parse(os.Args[2:])
	var err error
	switch os.Args[1] {
	case "prepare":
		err = prepare(*db, *prefix, *n)
	case "run":
		err = run(*db, *endpoint)
	case "walk":
		err = walk(*endpoint, *prefix)
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "planbench:", err)
		os.Exit(1)
	}
}

// prepare records every video of the set as downloaded, as a finished first sync would have.
func prepare(db, prefix string, n int) error {
	ctx := context.Background()
	st, err := store.Open(db)
	if err != nil {
		return err
	}
	defer st.Close()
	conn := store.Connection{Name: "bench", Endpoint: "http://127.0.0.1", PathStyle: true}
	if err := st.CreateConnection(ctx, &conn); err != nil {
		return err
	}
	src := store.Source{ConnectionID: conn.ID, Name: "bench", Bucket: bucket, Prefix: prefix,
		LocalDir: filepath.Join(filepath.Dir(db), "dest"), Enabled: true}
	if err := st.CreateSource(ctx, &src); err != nil {
		return err
	}
	const batch = 5000
	rows := make([]store.DownloadedFile, 0, batch)
	now := time.Now()
	for i := range n {
		o := dataset.SmallObject(i, n)
		if !o.Video {
			continue
		}
		body := dataset.Content(prefix, i, o.Size)
		rows = append(rows, store.DownloadedFile{SourceID: src.ID, Key: prefix + o.Key, ETag: dataset.ETag(body),
			Size: o.Size, LastModified: o.Modified, LocalPath: filepath.Join(src.LocalDir, o.Key), DownloadedAt: now})
		if len(rows) == batch {
			if err := st.RecordDownloads(ctx, rows); err != nil {
				return err
			}
			rows = rows[:0]
		}
	}
	return st.RecordDownloads(ctx, rows)
}

// summary is what the harness checks and reports.
type summary struct {
	Listed, Matched, Downloaded, Skipped, Failed int
	Requests                                     syncer.Requests
	Seconds                                      float64
}

func run(db, endpoint string) error {
	ctx := context.Background()
	st, err := store.Open(db)
	if err != nil {
		return err
	}
	defer st.Close()
	sources, err := st.ListSources(ctx)
	if err != nil {
		return err
	}
	if len(sources) != 1 {
		return fmt.Errorf("%s holds %d sources, want 1 (run prepare)", db, len(sources))
	}
	src := sources[0]
	if err := os.MkdirAll(src.LocalDir, 0o755); err != nil {
		return err
	}
	client, err := connect(ctx, endpoint)
	if err != nil {
		return err
	}
	eng := syncer.NewEngine(st, nil, syncer.Options{SpoolDir: filepath.Dir(db)}, syncer.Events{})
	start := time.Now()
	sum, err := eng.Run(ctx, client, src, syncer.RunRequest{Trigger: syncer.TriggerCLI})
	if err != nil {
		return err
	}
	return json.NewEncoder(os.Stdout).Encode(summary{
		Listed: sum.Listed, Matched: sum.Matched, Downloaded: sum.Downloaded, Skipped: sum.Skipped,
		Failed: sum.Failed, Requests: sum.Requests, Seconds: time.Since(start).Seconds(),
	})
}

// walk prints every video under prefix, one key a line, as a recursive `ls` would: our
// listing engine (s3api.Walk with the default video filter) without the CLI around it.
func walk(endpoint, prefix string) error {
	ctx := context.Background()
	client, err := connect(ctx, endpoint)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(os.Stdout, 64<<10)
	err = client.Walk(ctx, bucket, prefix, s3api.Filter{}, func(o s3api.Object) error {
		_, err := fmt.Fprintf(w, "%s %10d %s\n", o.LastModified.Format(time.DateTime), o.Size, o.Key)
		return err
	})
	if err != nil {
		return err
	}
	return w.Flush()
}

func connect(ctx context.Context, endpoint string) (*s3api.Client, error) {
	return s3api.Connect(ctx, s3api.Config{
		AccessKeyID: os.Getenv("AWS_ACCESS_KEY_ID"), SecretAccessKey: os.Getenv("AWS_SECRET_ACCESS_KEY"),
		Region: os.Getenv("AWS_REGION"), Endpoint: endpoint,
	})
}

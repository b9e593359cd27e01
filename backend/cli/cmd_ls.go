package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"vpack-s3-sync/backend/s3api"
	"vpack-s3-sync/backend/store"
	"vpack-s3-sync/backend/syncer"
)

type lsFolder struct {
	Prefix string `json:"prefix"`
}

type lsFile struct {
	Key          string `json:"key"`
	Size         int64  `json:"size"`
	ETag         string `json:"etag"`
	LastModified int64  `json:"lastModified"` // Unix ms
	StorageClass string `json:"storageClass"`
}

type lsLevel struct {
	Folders []lsFolder `json:"folders"`
	Files   []lsFile   `json:"files"`
}

type lsBucket struct {
	Name    string `json:"name"`
	Created int64  `json:"created"` // Unix ms
}

func (r *runner) cmdLs(ctx context.Context, args []string) error {
	var c common
	fs := newFlags("ls", &c, true)
	recursive := fs.Bool("recursive", false, "")
	ext := fs.String("ext", "", "")
	pos, err := r.parse(fs, args, lsUsage)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usageError("ls takes at most one s3://BUCKET/PREFIX")
	}
	if *recursive && len(pos) == 0 {
		return usageError("ls --recursive needs s3://BUCKET[/PREFIX]")
	}
	if *ext != "" && !*recursive {
		return usageError("--ext filters ls --recursive only")
	}
	var u s3URL
	if len(pos) == 1 {
		if u, err = parseS3URL(pos[0]); err != nil {
			return err
		}
	}
	client, done, err := r.client(ctx, c)
	if err != nil {
		return err
	}
	defer done()
	switch {
	case len(pos) == 0:
		return r.lsBuckets(ctx, client, c.json)
	case *recursive:
		exts := []string{} // every file unless --ext says otherwise
		if *ext != "" {
			exts = parseExtensions(*ext)
		}
		return r.lsRecursive(ctx, client, u.Bucket, syncer.NormalizePrefix(u.Path), exts, c.json)
	}
	return r.lsLevel(ctx, client, u.Bucket, syncer.NormalizePrefix(u.Path), c.json)
}

func (r *runner) lsBuckets(ctx context.Context, client *s3api.Client, asJSON bool) error {
	buckets, err := client.Buckets(ctx)
	if err != nil {
		return err
	}
	if asJSON {
		out := struct {
			Buckets []lsBucket `json:"buckets"`
		}{Buckets: make([]lsBucket, 0, len(buckets))}
		for _, b := range buckets {
			out.Buckets = append(out.Buckets, lsBucket{Name: b.Name, Created: store.UnixMs(b.Created)})
		}
		return json.NewEncoder(r.stdout).Encode(out)
	}
	tw := tabwriter.NewWriter(r.stdout, 0, 4, 2, ' ', 0)
	for _, b := range buckets {
		fmt.Fprintf(tw, "%s\t%s\n", b.Created.Local().Format("2006-01-02 15:04"), b.Name)
	}
	return tw.Flush()
}

// lsLevel prints every page of one level. Text is printed page by page (folders, then files,
// of each page); JSON needs all folders before all files, so it gathers the level first.
func (r *runner) lsLevel(ctx context.Context, client *s3api.Client, bucket, prefix string, asJSON bool) error {
	out := lsLevel{Folders: []lsFolder{}, Files: []lsFile{}}
	token := ""
	for {
		lv, err := client.Level(ctx, bucket, prefix, token)
		if err != nil {
			return err
		}
		if asJSON {
			for _, f := range lv.Folders {
				out.Folders = append(out.Folders, lsFolder{Prefix: f.Prefix})
			}
			for _, o := range lv.Files {
				out.Files = append(out.Files, lsFile{Key: o.Key, Size: o.Size, ETag: o.ETag,
					LastModified: store.UnixMs(o.LastModified), StorageClass: o.StorageClass})
			}
		} else {
			tw := tabwriter.NewWriter(r.stdout, 0, 4, 2, ' ', 0)
			for _, f := range lv.Folders {
				fmt.Fprintf(tw, "%16s\t%10s\t%s\n", "", "PRE", strings.TrimPrefix(f.Prefix, prefix))
			}
			for _, o := range lv.Files {
				name := strings.TrimPrefix(o.Key, prefix)
				if s3api.IsArchived(o.StorageClass) {
					name += "  (" + o.StorageClass + ")"
				}
				fmt.Fprintf(tw, "%16s\t%10d\t%s\n", o.LastModified.Local().Format("2006-01-02 15:04"), o.Size, name)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
		}
		if lv.NextToken == "" {
			break
		}
		token = lv.NextToken
	}
	if asJSON {
		return json.NewEncoder(r.stdout).Encode(out)
	}
	return nil
}

// lsObject is one line of `ls --recursive --json`.
type lsObject struct {
	Key          string `json:"key"`
	Size         int64  `json:"size"`
	ETag         string `json:"etag"`
	LastModified int64  `json:"lastModified"` // Unix ms
}

// lsRecursive prints every object under prefix that exts matches (empty: every file), in key
// order, as s3api.Walk reads them page by page: nothing is gathered, so a bucket of millions
// of objects prints in flat memory. Output goes through a small buffer, flushed when full and
// at the end; lines already printed stay printed if the listing fails later.
func (r *runner) lsRecursive(ctx context.Context, client *s3api.Client, bucket, prefix string, exts []string, asJSON bool) error {
	w := bufio.NewWriterSize(r.stdout, lsBufferSize)
	enc := json.NewEncoder(w)
	err := client.Walk(ctx, bucket, prefix, s3api.Filter{Extensions: exts}, func(o s3api.Object) error {
		if asJSON {
			return enc.Encode(lsObject{Key: o.Key, Size: o.Size, ETag: o.ETag, LastModified: store.UnixMs(o.LastModified)})
		}
		name := o.Key
		if s3api.IsArchived(o.StorageClass) {
			name += "  (" + o.StorageClass + ")"
		}
		_, err := fmt.Fprintf(w, "%16s  %10d  %s\n", o.LastModified.Local().Format("2006-01-02 15:04"), o.Size, name)
		return err
	})
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	return err
}

// lsBufferSize bounds what `ls --recursive` holds before writing: a few hundred lines, less
// than one listing page of 1,000 objects.
const lsBufferSize = 32 << 10

package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"vpack-s3-sync/backend/syncer"

	"vpack-s3-sync/backend/localpath"
	"vpack-s3-sync/backend/transfer"
)

type getResult struct {
	Key      string `json:"key"`
	Path     string `json:"path"`
	Size     int64  `json:"size"`
	ETag     string `json:"etag"`
	Resumed  bool   `json:"resumed"`
	KeptBoth bool   `json:"keptBoth"`
}

func (r *runner) cmdGet(ctx context.Context, args []string) error {
	var c common
	fs := newFlags("get", &c, true)
	overwrite := fs.Bool("overwrite", false, "")
	pos, err := r.parse(fs, args, getUsage)
	if err != nil {
		return err
	}
	if len(pos) < 1 || len(pos) > 2 {
		return usageError("get needs s3://BUCKET/KEY and at most one DEST; run \"vpack-s3-sync get --help\"")
	}
	u, err := parseS3URL(pos[0])
	if err != nil {
		return err
	}
	if u.Path == "" || strings.HasSuffix(u.Path, "/") {
		return usageError("%q names a folder, not an object; use sync for folders", pos[0])
	}
	destArg := "."
	if len(pos) == 2 {
		destArg = pos[1]
	}
	dest, err := getDest(destArg, u.Path)
	if err != nil {
		return err
	}
	client, done, err := r.client(ctx, c)
	if err != nil {
		return err
	}
	defer done()

	b := newBar(r.stderr)
	name := path.Base(u.Path)
	res, err := transfer.Download(ctx, client, transfer.Request{
		Bucket: u.Bucket, Key: u.Path, Dest: dest, ReplaceExisting: *overwrite,
	}, transfer.Options{OnProgress: func(p transfer.Progress) {
		b.update(barState{label: name, done: p.Done, total: p.Total, rate: p.Rate, eta: p.ETA})
	}})
	b.clear()
	if err != nil {
		return err
	}
	if c.json {
		return json.NewEncoder(r.stdout).Encode(getResult{Key: u.Path, Path: res.Path, Size: res.Size,
			ETag: res.ETag, Resumed: res.Resumed, KeptBoth: res.KeptBoth})
	}
	note := ""
	if res.KeptBoth {
		note = " (a different file had that name; kept both)"
	}
	fmt.Fprintf(r.stdout, "%s  %s%s\n", res.Path, syncer.FormatBytes(res.Size), note)
	return nil
}

// getDest: DEST as given, or inside it when it is a folder (or ends with a separator), under
// the key's base name made safe for this OS.
func getDest(destArg, key string) (string, error) {
	base, err := localpath.Map(path.Base(key))
	if err != nil {
		return "", err
	}
	abs, err := filepath.Abs(destArg)
	if err != nil {
		return "", usageError("DEST %q: %v", destArg, err)
	}
	if strings.HasSuffix(destArg, "/") || strings.HasSuffix(destArg, string(filepath.Separator)) {
		return filepath.Join(abs, base), nil
	}
	if info, err := os.Stat(abs); err == nil && info.IsDir() {
		return filepath.Join(abs, base), nil
	}
	return abs, nil
}

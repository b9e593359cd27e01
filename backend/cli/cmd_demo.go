package cli

import (
	"context"
	"encoding/json"
	"fmt"

	"vpack-s3-sync/backend/demo"
)

type demoInfo struct {
	Endpoint        string `json:"endpoint"`
	Region          string `json:"region"`
	Bucket          string `json:"bucket"`
	AccessKeyID     string `json:"accessKeyId"`
	SecretAccessKey string `json:"secretAccessKey"`
}

// exitCode ends a command with a code decided elsewhere (the desktop app's).
type exitCode int

func (e exitCode) Error() string { return fmt.Sprintf("exit %d", int(e)) }

func (r *runner) cmdDemo(ctx context.Context, args []string) error {
	var c common
	fs := newFlags("demo", &c, false)
	serve := fs.Bool("serve", false, "")
	addr := fs.String("addr", "", "")
	pos, err := r.parse(fs, args, demoUsage)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError("demo takes no arguments")
	}
	if !*serve && *addr == "" && r.openDemoApp != nil {
		return exitCode(r.openDemoApp())
	}
	srv, err := demo.StartWith(ctx, demo.Options{Addr: *addr})
	if err != nil {
		return usageError("cannot start the demo store: %v", err)
	}
	defer srv.Close()
	info := demoInfo{Endpoint: srv.Endpoint, Region: srv.Region, Bucket: srv.Bucket,
		AccessKeyID: srv.AccessKey, SecretAccessKey: srv.SecretKey}
	if c.json {
		if err := json.NewEncoder(r.stdout).Encode(info); err != nil {
			return err
		}
	} else {
		// The demo keys are public and only open this in-memory store: printing them is the point.
		fmt.Fprintf(r.stdout, `VPACK S3 Sync demo store is running; press Ctrl-C to stop it.
  endpoint    %s
  region      %s
  bucket      %s
  access key  %s
  secret key  %s

Try it from another terminal:
  export AWS_ENDPOINT_URL_S3=%s AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s AWS_REGION=%s
  vpack-s3-sync ls s3://%s/
  vpack-s3-sync sync s3://%s/camera1 ./demo-videos
`, info.Endpoint, info.Region, info.Bucket, info.AccessKeyID, info.SecretAccessKey,
			info.Endpoint, info.AccessKeyID, info.SecretAccessKey, info.Region, info.Bucket, info.Bucket)
	}
	select {
	case <-ctx.Done():
	case <-srv.Done():
	}
	return nil
}

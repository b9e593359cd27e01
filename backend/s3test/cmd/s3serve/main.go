// Command s3serve runs versitygw for the end-to-end tests and the benchmarks: it starts the
// gateway on 127.0.0.1, seeds a camera layout, writes the endpoint and keys as shell
// assignments to -env, and stays up until interrupted.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"vpack-s3-sync/backend/s3test"
)

func main() {
	root := flag.String("root", "", "folder for the gateway's data (required)")
	envFile := flag.String("env", "", "write E2E_* shell assignments here")
	bucket := flag.String("bucket", "vpack-cameras", "bucket to create and seed")
	seed := flag.Bool("seed", true, "seed the bucket with a small camera layout")
	flag.Parse()
	if *root == "" {
		fmt.Fprintln(os.Stderr, "s3serve: -root is required")
		os.Exit(2)
	}
	bin, err := exec.LookPath("versitygw")
	if err != nil {
		fmt.Fprintln(os.Stderr, "s3serve: versitygw not in PATH: run make setup")
		os.Exit(1)
	}
	srv, err := s3test.Launch(bin, *root)
	if err != nil {
		fmt.Fprintln(os.Stderr, "s3serve:", err)
		os.Exit(1)
	}
	defer srv.Stop()
	if err := prepare(srv, *bucket, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "s3serve:", err)
		srv.Stop()
		os.Exit(1)
	}
	env := fmt.Sprintf("E2E_S3_ENDPOINT=%s\nE2E_S3_ACCESS_KEY=%s\nE2E_S3_SECRET_KEY=%s\nE2E_S3_REGION=%s\nE2E_BUCKET=%s\nE2E_S3_DATA=%s\n",
		srv.Endpoint, srv.AccessKey, srv.SecretKey, srv.Region, *bucket, srv.DataDir)
	if *envFile != "" {
		if err := os.WriteFile(*envFile, []byte(env), 0o600); err != nil {
			fmt.Fprintln(os.Stderr, "s3serve:", err)
			srv.Stop()
			os.Exit(1)
		}
	} else {
		fmt.Print(env)
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	<-sig
}

// prepare creates the bucket and, with seed, a layout like a camera uploader's: cameras,
// days, hours, a few non-video files and a nested folder.
func prepare(srv *s3test.Server, bucket string, seed bool) error {
	ctx := context.Background()
	c := s3test.NewSDKClient(srv.Endpoint, srv.Region, srv.AccessKey, srv.SecretKey)
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &bucket}); err != nil {
		var owned *types.BucketAlreadyOwnedByYou
		if !errors.As(err, &owned) {
			return fmt.Errorf("create bucket: %w", err)
		}
		if seed {
			return fmt.Errorf("bucket %s exists already: seeding wants a new one", bucket)
		}
	}
	if !seed {
		return nil
	}
	var keys []string
	for _, cam := range []string{"camera1", "camera2"} {
		for _, day := range []string{"01", "02"} {
			for _, hour := range []string{"08", "09"} {
				keys = append(keys, filepath.ToSlash(filepath.Join(cam, "2026", "12", day, hour+"00.mp4")))
			}
		}
		keys = append(keys, cam+"/snapshot.jpg")
	}
	keys = append(keys, "camera2/2026/12/02/motion/clip-0915.mov", "README.txt")
	for i, key := range keys {
		body := bytes.Repeat([]byte{byte('a' + i%26)}, 64<<10+i*1024)
		_, err := c.PutObject(ctx, &s3.PutObjectInput{
			Bucket: &bucket, Key: aws.String(key), Body: bytes.NewReader(body), ContentLength: aws.Int64(int64(len(body))),
		})
		if err != nil {
			return fmt.Errorf("put %s: %w", key, err)
		}
	}
	return nil
}

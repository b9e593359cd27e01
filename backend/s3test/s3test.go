// Package s3test starts real services for integration tests: versitygw (an S3 gateway that
// checks SigV4 signatures) on a free 127.0.0.1 port with its posix backend in a temp dir, and
// toxiproxy in front of it for fault injection. Under CI=true a missing binary fails the test;
// elsewhere the test is skipped. It is test support only; no production code imports it.
package s3test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Server is one running versitygw with a root user.
type Server struct {
	Endpoint  string // http://127.0.0.1:PORT
	AdminURL  string
	AccessKey string
	SecretKey string
	Region    string
	DataDir   string // the posix backend: buckets are folders here
	AccessLog string // one line per request the gateway served

	cmd  *exec.Cmd
	done chan struct{}
	sdk  *s3.Client
}

// CI reports whether missing services must fail rather than skip.
func CI() bool { return os.Getenv("CI") == "true" }

// Binary finds a tool in PATH or GOPATH/bin; missing → fail under CI, skip elsewhere.
func Binary(t testing.TB, name string) string {
	t.Helper()
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	gopath := os.Getenv("GOPATH")
	if gopath == "" {
		if home, err := os.UserHomeDir(); err == nil {
			gopath = filepath.Join(home, "go")
		}
	}
	p := filepath.Join(gopath, "bin", name)
	if _, err := os.Stat(p); err == nil {
		return p
	}
	msg := fmt.Sprintf("%s not found in PATH or %s/bin: run `make setup`", name, gopath)
	if CI() {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// FreePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func FreePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("free port: %v", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// Start runs versitygw for this test and stops it at cleanup.
func Start(t testing.TB) *Server {
	t.Helper()
	bin := Binary(t, "versitygw")
	s, err := Launch(bin, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.stop)
	return s
}

// Launch starts versitygw with its state under root; the caller must call Stop. It is for
// programs (the e2e runner, benchmarks); tests use Start.
func Launch(bin, root string) (*Server, error) {
	s := &Server{
		AccessKey: "vpacktestroot",
		SecretKey: "vpack-test-root-secret-0123456789",
		Region:    "us-east-1",
		DataDir:   filepath.Join(root, "data"),
		AccessLog: filepath.Join(root, "access.log"),
		done:      make(chan struct{}),
	}
	iamDir := filepath.Join(root, "iam")
	for _, d := range []string{s.DataDir, iamDir} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, err
		}
	}
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		port, admin, err := freePorts()
		if err != nil {
			return nil, err
		}
		s.Endpoint = fmt.Sprintf("http://127.0.0.1:%d", port)
		s.AdminURL = fmt.Sprintf("http://127.0.0.1:%d", admin)
		var logBuf syncBuffer
		cmd := exec.Command(bin,
			"--port", fmt.Sprintf("127.0.0.1:%d", port),
			"--admin-port", fmt.Sprintf("127.0.0.1:%d", admin),
			"--access", s.AccessKey, "--secret", s.SecretKey,
			"--region", s.Region, "--iam-dir", iamDir,
			"--health", "/health", "--keep-alive",
			"--access-log", s.AccessLog,
			"posix", s.DataDir)
		cmd.Stdout, cmd.Stderr = &logBuf, &logBuf
		if err := cmd.Start(); err != nil {
			return nil, fmt.Errorf("start versitygw: %w", err)
		}
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		if err := waitHealthy(s.Endpoint+"/health", done, 15*time.Second); err != nil {
			_ = cmd.Process.Kill()
			<-done
			lastErr = fmt.Errorf("%v; output:\n%s", err, logBuf.String())
			continue
		}
		s.cmd, s.done = cmd, done
		return s, nil
	}
	return nil, fmt.Errorf("versitygw did not become healthy: %v", lastErr)
}

func freePorts() (int, int, error) {
	var ports [2]int
	for i := range ports {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return 0, 0, err
		}
		ports[i] = l.Addr().(*net.TCPAddr).Port
		defer l.Close()
	}
	return ports[0], ports[1], nil
}

func waitHealthy(url string, exited <-chan struct{}, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	client := &http.Client{Timeout: time.Second}
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			return errors.New("versitygw exited")
		default:
		}
		if resp, err := client.Get(url); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("no healthy answer from %s within %v", url, limit)
}

func (s *Server) stop() {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	_ = s.cmd.Process.Signal(os.Interrupt)
	select {
	case <-s.done:
	case <-time.After(5 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.done
	}
}

// Stop ends the server early (e.g. to test an unreachable endpoint); cleanup is then a no-op.
func (s *Server) Stop() { s.stop() }

// SDK is a plain aws-sdk-go-v2 client as the root user, for seeding and assertions.
func (s *Server) SDK(t testing.TB) *s3.Client {
	t.Helper()
	if s.sdk == nil {
		s.sdk = NewSDKClient(s.Endpoint, s.Region, s.AccessKey, s.SecretKey)
	}
	return s.sdk
}

// NewSDKClient builds a path-style client for an endpoint with static keys.
func NewSDKClient(endpoint, region, access, secret string) *s3.Client {
	return s3.New(s3.Options{
		Region:       region,
		BaseEndpoint: aws.String(endpoint),
		UsePathStyle: true,
		Credentials:  credentials.NewStaticCredentialsProvider(access, secret, ""),
		// versitygw accepts the SDK's default checksums; skip the log line for ranged GETs.
		DisableLogOutputChecksumValidationSkipped: true,
	})
}

// CreateBucket makes a bucket owned by the root user.
func (s *Server) CreateBucket(t testing.TB, bucket string) {
	t.Helper()
	if _, err := s.SDK(t).CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: &bucket}); err != nil {
		t.Fatalf("create bucket %s: %v", bucket, err)
	}
}

// Put stores one object.
func (s *Server) Put(t testing.TB, bucket, key string, data []byte) {
	t.Helper()
	_, err := s.SDK(t).PutObject(context.Background(), &s3.PutObjectInput{
		Bucket: &bucket, Key: &key, Body: bytes.NewReader(data), ContentLength: aws.Int64(int64(len(data))),
	})
	if err != nil {
		t.Fatalf("put %s/%s: %v", bucket, key, err)
	}
}

// PutMany stores objects concurrently; data(key) gives each body. Fast seeding for listings.
func (s *Server) PutMany(t testing.TB, bucket string, keys []string, data func(key string) []byte) {
	t.Helper()
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	sem := make(chan struct{}, 16)
	for _, k := range keys {
		wg.Add(1)
		sem <- struct{}{}
		go func(key string) {
			defer wg.Done()
			defer func() { <-sem }()
			body := data(key)
			_, err := s.SDK(t).PutObject(context.Background(), &s3.PutObjectInput{
				Bucket: &bucket, Key: &key, Body: bytes.NewReader(body), ContentLength: aws.Int64(int64(len(body))),
			})
			if err != nil {
				mu.Lock()
				if firstErr == nil {
					firstErr = fmt.Errorf("put %s: %w", key, err)
				}
				mu.Unlock()
			}
		}(k)
	}
	wg.Wait()
	if firstErr != nil {
		t.Fatal(firstErr)
	}
}

// PutMultipart stores data as a multipart upload with parts of partSize (≥ 5 MiB except the last).
func (s *Server) PutMultipart(t testing.TB, bucket, key string, data []byte, partSize int) {
	t.Helper()
	ctx := context.Background()
	c := s.SDK(t)
	up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: &bucket, Key: &key})
	if err != nil {
		t.Fatalf("create multipart %s: %v", key, err)
	}
	var parts []types.CompletedPart
	for i, n := 0, int32(1); i < len(data); i, n = i+partSize, n+1 {
		end := min(i+partSize, len(data))
		out, err := c.UploadPart(ctx, &s3.UploadPartInput{
			Bucket: &bucket, Key: &key, UploadId: up.UploadId, PartNumber: aws.Int32(n),
			Body: bytes.NewReader(data[i:end]), ContentLength: aws.Int64(int64(end - i)),
		})
		if err != nil {
			t.Fatalf("upload part %d of %s: %v", n, key, err)
		}
		parts = append(parts, types.CompletedPart{ETag: out.ETag, PartNumber: aws.Int32(n)})
	}
	_, err = c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{
		Bucket: &bucket, Key: &key, UploadId: up.UploadId,
		MultipartUpload: &types.CompletedMultipartUpload{Parts: parts},
	})
	if err != nil {
		t.Fatalf("complete multipart %s: %v", key, err)
	}
}

// CreateUser adds a user with role "user": it owns no buckets, so the root's buckets answer
// AccessDenied to it, as a real restricted IAM user would see.
func (s *Server) CreateUser(t testing.TB, access, secret string) {
	t.Helper()
	out, err := exec.Command(Binary(t, "versitygw"), "admin",
		"--access", s.AccessKey, "--secret", s.SecretKey, "--region", s.Region,
		"--endpoint-url", s.AdminURL,
		"create-user", "--access", access, "--secret", secret, "--role", "user").CombinedOutput()
	if err != nil {
		t.Fatalf("create user %s: %v: %s", access, err, out)
	}
}

// Requests returns the access log's lines so far (the proof that requests reached the server).
func (s *Server) Requests(t testing.TB) []string {
	t.Helper()
	b, err := os.ReadFile(s.AccessLog)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(string(b), "\n") {
		if strings.TrimSpace(l) != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (w *syncBuffer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.b.Len() > 1<<20 { // keep the tail small: this is for failure messages only
		w.b.Reset()
	}
	return w.b.Write(p)
}

func (w *syncBuffer) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

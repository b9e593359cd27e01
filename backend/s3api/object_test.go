package s3api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"vpack-s3-sync/backend/apperr"
	"vpack-s3-sync/backend/s3test"
)

func TestGetRangeReadsTheRequestedBytesAndReportsTheFullSize(t *testing.T) {
	srv := s3test.Start(t)
	data := make([]byte, 11<<20)
	for i := range data {
		data[i] = byte(i * 7)
	}
	srv.CreateBucket(t, "cams")
	srv.PutMultipart(t, "cams", "big.mp4", data, 5<<20)
	srv.Put(t, "cams", "empty.mp4", nil)
	c := rootClient(t, srv)

	tests := []struct {
		name           string
		key            string
		offset, length int64
		want           []byte
		wantSize       int64
	}{
		{"whole object", "big.mp4", 0, -1, data, int64(len(data))},
		{"from an offset to the end", "big.mp4", 9 << 20, -1, data[9<<20:], int64(len(data))},
		{"a range across two parts", "big.mp4", 5<<20 - 10, 20, data[5<<20-10 : 5<<20+10], int64(len(data))},
		{"the last byte", "big.mp4", int64(len(data) - 1), 1, data[len(data)-1:], int64(len(data))},
		{"an empty object whole", "empty.mp4", 0, -1, nil, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, rc := counted(t)
			body, info, err := c.GetRange(ctx, "cams", tc.key, tc.offset, tc.length, "")
			if err != nil {
				t.Fatal(err)
			}
			defer body.Close()
			got, err := io.ReadAll(body)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, tc.want) {
				t.Fatalf("read %d bytes, want %d (content differs)", len(got), len(tc.want))
			}
			if info.Size != tc.wantSize || info.ETag == "" || info.ETag[0] == '"' {
				t.Fatalf("info %+v", info)
			}
			wantCounts(t, rc, counts{get: 1})
		})
	}
}

func TestGetRangePinnedToAnETagFailsWhenTheObjectChanged(t *testing.T) {
	srv := s3test.Start(t)
	srv.CreateBucket(t, "cams")
	srv.Put(t, "cams", "a.mp4", []byte("first version"))
	c := rootClient(t, srv)
	ctx := testCtx(t)

	lv, err := c.Level(ctx, "cams", "", "")
	if err != nil || len(lv.Files) != 1 {
		t.Fatalf("level %+v %v", lv, err)
	}
	listed := lv.Files[0].ETag
	body, info, err := c.GetRange(ctx, "cams", "a.mp4", 0, 5, listed)
	if err != nil {
		t.Fatalf("pinned to the listed ETag: %v", err)
	}
	got, _ := io.ReadAll(body)
	body.Close()
	if string(got) != "first" || info.ETag != listed || info.Size != 13 {
		t.Fatalf("got %q %+v", got, info)
	}

	srv.Put(t, "cams", "a.mp4", []byte("second version, longer"))
	_, _, err = c.GetRange(ctx, "cams", "a.mp4", 5, 5, listed)
	wantAppErr(t, err, apperr.S3ObjectChanged, map[string]string{"action": "get_object", "bucket": "cams", "key": "a.mp4"})
}

func TestGetRangeRejectsAnEmptyOrNegativeRange(t *testing.T) {
	srv := s3test.Start(t)
	c := rootClient(t, srv)
	for _, r := range [][2]int64{{0, 0}, {-1, 10}} {
		_, _, err := c.GetRange(testCtx(t), "cams", "a.mp4", r[0], r[1], "")
		wantAppErr(t, err, apperr.InvalidInput, map[string]string{"key": "a.mp4"})
	}
}

func TestHeadReportsSizeETagAndChecksum(t *testing.T) {
	srv := s3test.Start(t)
	srv.CreateBucket(t, "cams")
	data := []byte("checksummed video")
	sum := sha256.Sum256(data)
	_, err := srv.SDK(t).PutObject(context.Background(), &s3.PutObjectInput{
		Bucket: aws.String("cams"), Key: aws.String("a.mp4"), Body: bytes.NewReader(data),
		ChecksumAlgorithm: types.ChecksumAlgorithmSha256,
	})
	if err != nil {
		t.Fatal(err)
	}
	c := rootClient(t, srv)
	ctx, rc := counted(t)
	info, err := c.Head(ctx, "cams", "a.mp4")
	if err != nil {
		t.Fatal(err)
	}
	if info.Size != int64(len(data)) || info.ETag != md5Hex(data) || info.StorageClass != "STANDARD" || info.LastModified.IsZero() {
		t.Fatalf("info %+v", info)
	}
	if info.ChecksumSHA256 != base64.StdEncoding.EncodeToString(sum[:]) {
		t.Fatalf("checksum %q, want the SHA-256 sent at upload", info.ChecksumSHA256)
	}
	wantCounts(t, rc, counts{head: 1})
}

func TestPresignGetGivesAWorkingURL(t *testing.T) {
	srv := s3test.Start(t)
	srv.CreateBucket(t, "cams")
	srv.Put(t, "cams", "a.mp4", []byte("presigned"))
	c := rootClient(t, srv)
	ctx, rc := counted(t)
	u, err := c.PresignGet(ctx, "cams", "a.mp4", 0)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := httpGet(u)
	if err != nil || resp != "presigned" {
		t.Fatalf("GET presigned URL: %q %v", resp, err)
	}
	wantCounts(t, rc, counts{}) // signing sends nothing
}

// versitygw neither keeps nor reports server-side encryption, so a proxy in front of it adds
// the headers S3 sends for each kind, and the SDK parses them as it would AWS's.
func TestHeadAndGetReportServerSideEncryption(t *testing.T) {
	srv := s3test.Start(t)
	srv.CreateBucket(t, "cams")
	tests := []struct {
		name    string
		header  map[string]string
		wantSSE string
		wantC   string
	}{
		{"no encryption header", nil, "", ""},
		{"SSE-S3", map[string]string{"X-Amz-Server-Side-Encryption": "AES256"}, "AES256", ""},
		{"SSE-KMS", map[string]string{"X-Amz-Server-Side-Encryption": "aws:kms",
			"X-Amz-Server-Side-Encryption-Aws-Kms-Key-Id": "arn:aws:kms:us-east-1:111122223333:key/k1"}, "aws:kms", ""},
		{"DSSE-KMS", map[string]string{"X-Amz-Server-Side-Encryption": "aws:kms:dsse"}, "aws:kms:dsse", ""},
		{"SSE-C", map[string]string{"X-Amz-Server-Side-Encryption-Customer-Algorithm": "AES256",
			"X-Amz-Server-Side-Encryption-Customer-Key-Md5": "ZGVhZGJlZWZkZWFkYmVlZg=="}, "", "AES256"},
	}
	headers := map[string]map[string]string{} // key → headers the proxy adds
	for i, tc := range tests {
		key := fmt.Sprintf("sse/%d.mp4", i)
		headers["/cams/"+key] = tc.header
		srv.Put(t, "cams", key, []byte("encrypted at rest"))
	}
	target, err := url.Parse(srv.Endpoint)
	if err != nil {
		t.Fatal(err)
	}
	proxy := httptest.NewServer(&httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.Out.URL.Scheme, pr.Out.URL.Host = target.Scheme, target.Host
			pr.Out.Host = pr.In.Host // the signature covers Host
		},
		ModifyResponse: func(resp *http.Response) error {
			for k, v := range headers[resp.Request.URL.Path] {
				resp.Header.Set(k, v)
			}
			return nil
		},
	})
	t.Cleanup(proxy.Close)
	c := connectTo(t, proxy.URL, srv.AccessKey, srv.SecretKey)

	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			key := fmt.Sprintf("sse/%d.mp4", i)
			ctx := testCtx(t)
			head, err := c.Head(ctx, "cams", key)
			if err != nil {
				t.Fatal(err)
			}
			infos := map[string]ObjectInfo{"HEAD": head}
			for _, r := range [][2]int64{{0, -1}, {3, 4}} {
				body, info, err := c.GetRange(ctx, "cams", key, r[0], r[1], head.ETag)
				if err != nil {
					t.Fatal(err)
				}
				body.Close()
				infos[fmt.Sprintf("GET %d:%d", r[0], r[1])] = info
			}
			for call, info := range infos {
				if info.ServerSideEncryption != tc.wantSSE || info.SSECustomerAlgorithm != tc.wantC {
					t.Errorf("%s: ServerSideEncryption %q SSECustomerAlgorithm %q, want %q %q",
						call, info.ServerSideEncryption, info.SSECustomerAlgorithm, tc.wantSSE, tc.wantC)
				}
			}
		})
	}
}

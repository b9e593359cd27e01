package transfer

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"path/filepath"
	"testing"

	"vpack-s3-sync/backend/apperr"
	"vpack-s3-sync/backend/s3api"
)

// Under SSE-KMS, DSSE-KMS and SSE-C a single-part ETag is 32 hex digits that are not the MD5
// of the bytes; under SSE-S3 (AES256) and without encryption they are. The listing does not
// say which, so the GET's (or HEAD's) answer decides.
func TestDownloadChecksTheETagAsMD5OnlyWhenEncryptionKeepsItOne(t *testing.T) {
	data := randomBytes(5*testPart, 11)
	notItsMD5 := md5Hex(randomBytes(100, 12))
	otherSHA := sha256.Sum256([]byte("other bytes"))
	tests := []struct {
		name       string
		sse, sseC  string
		sha256     string // a full-object checksum, "" none; only a HEAD or a whole GET reports it
		wantVerify bool   // verify_failed expected
	}{
		{name: "SSE-KMS", sse: "aws:kms"},
		{name: "DSSE-KMS", sse: "aws:kms:dsse"},
		{name: "SSE-C", sseC: "AES256"},
		{name: "an encryption not known to be MD5-preserving", sse: "aws:fsx"},
		{name: "unencrypted", wantVerify: true},
		{name: "SSE-S3", sse: "AES256", wantVerify: true},
		{name: "SSE-KMS still checks a SHA-256", sse: "aws:kms", sha256: base64.StdEncoding.EncodeToString(otherSHA[:]), wantVerify: true},
	}
	layouts := []struct {
		name     string
		partSize int64
	}{{"one GET", 8 << 20}, {"ranges", testPart}}
	for _, tt := range tests {
		for _, layout := range layouts {
			for _, known := range []bool{true, false} {
				if tt.sha256 != "" && known && layout.partSize == testPart {
					continue // listed and fetched by ranges: nothing reports the checksum
				}
				described := map[bool]string{true: "listing", false: "HEAD"}[known]
				t.Run(tt.name+"/"+layout.name+"/"+described, func(t *testing.T) {
					g := &fakeGetter{}
					g.put(data, notItsMD5)
					g.info.ServerSideEncryption, g.info.SSECustomerAlgorithm = tt.sse, tt.sseC
					g.info.ChecksumSHA256 = tt.sha256
					dest := filepath.Join(t.TempDir(), "v.mp4")
					_, err := download(t, context.Background(), g, dest, known, Options{PartSize: layout.partSize})
					if tt.wantVerify {
						if codeOf(t, err) != apperr.VerifyFailed {
							t.Fatalf("err %v, want %s", err, apperr.VerifyFailed)
						}
						mustNotExist(t, dest, PartialPath(dest))
						return
					}
					if err != nil {
						t.Fatal(err)
					}
					mustEqualFile(t, dest, data)
					if want := map[bool]int64{true: 0, false: 1}[known]; g.heads.Load() != want {
						t.Errorf("sent %d HEADs, want %d: the GET's answer tells the encryption", g.heads.Load(), want)
					}
				})
			}
		}
	}
}

// A resume may find every byte already on disk (a crash after the last write): no GET is sent,
// so for a listed object a HEAD tells the encryption before the ETag is taken for an MD5.
func TestDownloadOfACompletePartialAsksTheEncryptionWithAHEAD(t *testing.T) {
	data := randomBytes(testPart, 13)
	notItsMD5 := md5Hex(randomBytes(100, 14))
	tests := []struct {
		name       string
		sse        string
		wantVerify bool
	}{
		{"SSE-KMS", "aws:kms", false},
		{"unencrypted", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := &fakeGetter{}
			g.put(data, notItsMD5)
			g.info.ServerSideEncryption = tt.sse
			dest := filepath.Join(t.TempDir(), "v.mp4")
			p, _, err := openPartial(PartialPath(dest), notItsMD5, int64(len(data)), 0)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := p.f.WriteAt(data, 0); err != nil {
				t.Fatal(err)
			}
			p.done[0].Store(int64(len(data)))
			if err := p.keep(); err != nil {
				t.Fatal(err)
			}

			res, err := download(t, context.Background(), g, dest, true, testOpts())
			if g.gets.Load() != 0 || g.heads.Load() != 1 {
				t.Errorf("sent %d GETs and %d HEADs, want none and one", g.gets.Load(), g.heads.Load())
			}
			if tt.wantVerify {
				if codeOf(t, err) != apperr.VerifyFailed {
					t.Fatalf("err %v, want %s", err, apperr.VerifyFailed)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			mustEqualFile(t, dest, data)
			if !res.Resumed || res.Fetched != 0 {
				t.Errorf("result %+v, want a resume that fetched nothing", res)
			}
		})
	}
}

func TestETagIsContentMD5(t *testing.T) {
	tests := []struct {
		info s3api.ObjectInfo
		want bool
	}{
		{s3api.ObjectInfo{}, true},
		{s3api.ObjectInfo{ServerSideEncryption: "AES256"}, true},
		{s3api.ObjectInfo{ServerSideEncryption: "aes256"}, true},
		{s3api.ObjectInfo{ServerSideEncryption: "aws:kms"}, false},
		{s3api.ObjectInfo{ServerSideEncryption: "aws:kms:dsse"}, false},
		{s3api.ObjectInfo{SSECustomerAlgorithm: "AES256"}, false},
		{s3api.ObjectInfo{ServerSideEncryption: "AES256", SSECustomerAlgorithm: "AES256"}, false},
	}
	for _, tt := range tests {
		if got := etagIsContentMD5(tt.info); got != tt.want {
			t.Errorf("etagIsContentMD5(sse %q, sse-c %q) = %v, want %v",
				tt.info.ServerSideEncryption, tt.info.SSECustomerAlgorithm, got, tt.want)
		}
	}
}

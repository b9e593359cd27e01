package s3api

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"vpack-s3-sync/backend/apperr"
)

// ObjectInfo is what a HEAD or a GET tells about an object.
type ObjectInfo struct {
	Size           int64 // the whole object's size, also for a ranged GET
	ETag           string
	LastModified   time.Time
	StorageClass   string
	ChecksumSHA256 string // base64 as sent; "" when the server sent none
	ChecksumCRC32  string
	// ServerSideEncryption is x-amz-server-side-encryption: "AES256" (SSE-S3), "aws:kms",
	// "aws:kms:dsse"; "" when the server sent none. Only a listing's object lacks it.
	ServerSideEncryption string
	// SSECustomerAlgorithm is "AES256" for an object encrypted with a customer-provided key
	// (SSE-C), "" otherwise.
	SSECustomerAlgorithm string
}

// Head reads an object's metadata, asking for its checksums too.
func (c *Client) Head(ctx context.Context, bucket, key string) (ObjectInfo, error) {
	in := &s3.HeadObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), ChecksumMode: types.ChecksumModeEnabled}
	var out *s3.HeadObjectOutput
	err := c.call(ctx, bucket, func(cl *s3.Client) (err error) {
		out, err = cl.HeadObject(ctx, in)
		return err
	})
	if err != nil {
		return ObjectInfo{}, fail(err, actionHeadObject, bucket, key)
	}
	return ObjectInfo{
		Size:           aws.ToInt64(out.ContentLength),
		ETag:           trimETag(aws.ToString(out.ETag)),
		LastModified:   aws.ToTime(out.LastModified),
		StorageClass:   storageClass(string(out.StorageClass)),
		ChecksumSHA256: aws.ToString(out.ChecksumSHA256),
		ChecksumCRC32:  aws.ToString(out.ChecksumCRC32),

		ServerSideEncryption: string(out.ServerSideEncryption),
		SSECustomerAlgorithm: aws.ToString(out.SSECustomerAlgorithm),
	}, nil
}

// GetRange opens length bytes of the object from offset (length < 0: to the end). A non-empty
// ifMatch pins the read to that ETag: a replaced object answers s3.object_changed. The body's
// read errors are *apperr.Error too; a body that stalls fails after RequestTimeout.
//
// It asks for no checksums (no x-amz-checksum-mode), so the SDK hashes none of the bytes: the
// caller verifies them once (transfer: size, the ETag's MD5, a SHA-256 from a HEAD). The
// info's checksums are set only when a server sends them unasked.
func (c *Client) GetRange(ctx context.Context, bucket, key string, offset, length int64, ifMatch string) (io.ReadCloser, ObjectInfo, error) {
	if offset < 0 || length == 0 {
		e := apperr.New(apperr.InvalidInput).With("action", actionGetObject).With("bucket", bucket).With("key", key)
		return nil, ObjectInfo{}, e.With("range", fmt.Sprintf("offset=%d length=%d", offset, length))
	}
	in := &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)}
	// A whole-object read sends no Range: "bytes=0-" on an empty object is a 416 on AWS.
	if offset > 0 || length > 0 {
		if length < 0 {
			in.Range = aws.String(fmt.Sprintf("bytes=%d-", offset))
		} else {
			in.Range = aws.String(fmt.Sprintf("bytes=%d-%d", offset, offset+length-1))
		}
	}
	if ifMatch != "" {
		in.IfMatch = aws.String(quoteETag(ifMatch))
	}
	var out *s3.GetObjectOutput
	err := c.call(ctx, bucket, func(cl *s3.Client) (err error) {
		out, err = cl.GetObject(ctx, in)
		return err
	})
	if err != nil {
		return nil, ObjectInfo{}, fail(err, actionGetObject, bucket, key)
	}
	size := aws.ToInt64(out.ContentLength)
	if total, ok := totalFromContentRange(aws.ToString(out.ContentRange)); ok {
		size = total
	}
	info := ObjectInfo{
		Size:           size,
		ETag:           trimETag(aws.ToString(out.ETag)),
		LastModified:   aws.ToTime(out.LastModified),
		StorageClass:   storageClass(string(out.StorageClass)),
		ChecksumSHA256: aws.ToString(out.ChecksumSHA256),
		ChecksumCRC32:  aws.ToString(out.ChecksumCRC32),

		ServerSideEncryption: string(out.ServerSideEncryption),
		SSECustomerAlgorithm: aws.ToString(out.SSECustomerAlgorithm),
	}
	return &classifiedBody{ReadCloser: out.Body, bucket: bucket, key: key}, info, nil
}

// totalFromContentRange reads the size after the slash of "bytes 0-99/1234".
func totalFromContentRange(cr string) (int64, bool) {
	i := strings.LastIndexByte(cr, '/')
	if i < 0 || cr[i+1:] == "*" {
		return 0, false
	}
	n, err := strconv.ParseInt(cr[i+1:], 10, 64)
	return n, err == nil
}

// BucketRegion finds the bucket's region with an authenticated HeadBucket (an anonymous
// lookup reports "us-east-1" for missing buckets on some servers) and remembers it.
func (c *Client) BucketRegion(ctx context.Context, bucket string) (string, error) {
	if r, ok := c.knownRegion(bucket); ok {
		return r, nil
	}
	out, err := c.base.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(bucket)})
	if err != nil {
		// A 301 (or 400/403) from AWS still names the region in X-Amz-Bucket-Region.
		r := regionFromError(err)
		if r == "" && httpStatus(err) == http.StatusBadRequest {
			// A bodiless 400 cannot say why; a listing's error names the expected region on
			// servers that send no X-Amz-Bucket-Region header.
			_, lerr := c.base.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(bucket), MaxKeys: aws.Int32(1)})
			r = regionFromError(lerr)
		}
		if r != "" {
			c.rememberRegion(bucket, r)
			return r, nil
		}
		return "", fail(err, actionListBucket, bucket, "")
	}
	r := aws.ToString(out.BucketRegion)
	if r == "" {
		r = c.region // S3-compatible stores often leave the header out: one region only
	}
	c.rememberRegion(bucket, r)
	return r, nil
}

// detectRegion is BucketRegion for the redirect path: "" when it cannot tell.
func (c *Client) detectRegion(ctx context.Context, bucket string) string {
	r, err := c.BucketRegion(ctx, bucket)
	if err != nil {
		return ""
	}
	return r
}

// PresignGet returns a GET URL valid for ttl (default 15 minutes). It is a credential:
// never log it.
func (c *Client) PresignGet(ctx context.Context, bucket, key string, ttl time.Duration) (string, error) {
	if ttl <= 0 {
		ttl = 15 * time.Minute
	}
	if c.endpoint == "" {
		// A URL signed for the wrong region only redirects: sign for the bucket's own.
		if _, err := c.BucketRegion(ctx, bucket); err != nil {
			return "", err
		}
	}
	req, err := s3.NewPresignClient(c.clientFor(bucket)).PresignGetObject(ctx,
		&s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)}, s3.WithPresignExpires(ttl))
	if err != nil {
		return "", fail(err, actionPresign, bucket, key)
	}
	return req.URL, nil
}

package s3api

import (
	"context"
	"log/slog"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"vpack-s3-sync/backend/apperr"
)

// Identity is who the keys belong to. Account and ARN come from STS (STS true); S3-compatible
// stores without STS leave them empty. BucketCount is -1 when listing buckets is denied.
type Identity struct {
	Account, ARN string
	IsRoot       bool
	BucketCount  int
	STS          bool
}

// Validation is the result of checking a connection before it is saved.
type Validation struct {
	Identity          Identity
	CanListBuckets    bool
	BucketOK          bool   // the named bucket can be listed
	MissingPermission string // e.g. "s3:ListAllMyBuckets" when only that is denied
}

// Bucket is one bucket of the account.
type Bucket struct {
	Name    string
	Created time.Time
}

// Identity asks STS who the keys belong to where STS exists, then counts the buckets. On a
// custom endpoint STS is usually absent (versitygw answers 405): ListBuckets alone proves the
// keys then.
func (c *Client) Identity(ctx context.Context) (Identity, error) {
	id, err := c.callerIdentity(ctx)
	if err != nil {
		return Identity{}, err
	}
	buckets, err := c.Buckets(ctx)
	switch {
	case err == nil:
		id.BucketCount = len(buckets)
	case id.STS && apperr.CodeOf(err) == apperr.S3AccessDenied:
		id.BucketCount = -1 // the keys are proven by STS; listing is just not allowed
	default:
		return Identity{}, err
	}
	return id, nil
}

// Validate checks the keys and, when bucket is named, that the bucket can be listed. When
// ListBuckets is denied but a bucket is named, the bucket alone decides (ListObjectsV2 with
// MaxKeys 1) and MissingPermission says what was refused. The Validation is filled as far as
// the checks got, also when an error is returned.
func (c *Client) Validate(ctx context.Context, bucket string) (Validation, error) {
	var v Validation
	id, err := c.callerIdentity(ctx)
	if err != nil {
		return v, err
	}
	v.Identity = id
	buckets, err := c.Buckets(ctx)
	switch {
	case err == nil:
		v.CanListBuckets = true
		v.Identity.BucketCount = len(buckets)
	case apperr.CodeOf(err) == apperr.S3AccessDenied:
		v.Identity.BucketCount = -1
		v.MissingPermission = "s3:ListAllMyBuckets"
		if bucket == "" {
			return v, err
		}
	default:
		return v, err
	}
	if bucket == "" {
		return v, nil
	}
	in := &s3.ListObjectsV2Input{Bucket: aws.String(bucket), MaxKeys: aws.Int32(1)}
	err = c.call(ctx, bucket, func(cl *s3.Client) error {
		_, err := cl.ListObjectsV2(ctx, in)
		return err
	})
	if err != nil {
		e := fail(err, actionListBucket, bucket, "")
		if e.Code == apperr.S3AccessDenied {
			v.MissingPermission = "s3:ListBucket"
		}
		return v, e
	}
	v.BucketOK = true
	return v, nil
}

// callerIdentity returns STS's answer, or an Identity with STS false when STS is not there
// to ask. Only answers that condemn the keys themselves are errors.
func (c *Client) callerIdentity(ctx context.Context) (Identity, error) {
	out, err := c.sts.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err == nil {
		arn := aws.ToString(out.Arn)
		return Identity{Account: aws.ToString(out.Account), ARN: arn, IsRoot: isRootARN(arn), STS: true}, nil
	}
	e := fail(err, actionIdentity, "", "")
	switch e.Code {
	case apperr.Cancelled, apperr.AuthNoCredentials:
		return Identity{}, e
	case apperr.AuthBadKeyID, apperr.AuthBadSecret, apperr.AuthExpiredToken, apperr.S3ClockSkew:
		if c.endpoint == "" {
			return Identity{}, e
		}
	}
	// No STS here (or it is blocked on the way): ListBuckets will judge the keys.
	slog.Debug("sts unavailable, falling back to ListBuckets", "endpoint", c.endpoint, "code", e.Code)
	return Identity{}, nil
}

func isRootARN(arn string) bool { return strings.HasSuffix(arn, ":root") }

// Buckets lists the account's buckets by name.
func (c *Client) Buckets(ctx context.Context) ([]Bucket, error) {
	var buckets []Bucket
	in := &s3.ListBucketsInput{}
	for {
		var out *s3.ListBucketsOutput
		err := c.call(ctx, "", func(cl *s3.Client) (err error) {
			out, err = cl.ListBuckets(ctx, in)
			return err
		})
		if err != nil {
			return nil, fail(err, actionListBuckets, "", "")
		}
		for _, b := range out.Buckets {
			buckets = append(buckets, Bucket{Name: aws.ToString(b.Name), Created: aws.ToTime(b.CreationDate)})
		}
		if aws.ToString(out.ContinuationToken) == "" {
			break
		}
		in.ContinuationToken = out.ContinuationToken
	}
	sort.Slice(buckets, func(i, j int) bool { return buckets[i].Name < buckets[j].Name })
	return buckets, nil
}

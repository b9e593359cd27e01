package s3api

import (
	"context"
	"sync/atomic"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/smithy-go/middleware"
)

// RequestCounter counts HTTP attempts per kind for one sync run: every attempt, so a request
// the SDK retried twice counts three times, as the provider bills it.
type RequestCounter struct {
	List, Get, Head, Other atomic.Int64
}

// Total is the sum of all kinds.
func (rc *RequestCounter) Total() int64 {
	return rc.List.Load() + rc.Get.Load() + rc.Head.Load() + rc.Other.Load()
}

func (rc *RequestCounter) count(operation string) {
	switch operation {
	case "ListObjectsV2", "ListObjects", "ListBuckets":
		rc.List.Add(1)
	case "GetObject":
		rc.Get.Add(1)
	case "HeadObject", "HeadBucket":
		rc.Head.Add(1)
	default:
		rc.Other.Add(1)
	}
}

type counterKey struct{}

// WithRequestCounter makes every request sent with ctx (or a context derived from it) count
// into rc.
func WithRequestCounter(ctx context.Context, rc *RequestCounter) context.Context {
	return context.WithValue(ctx, counterKey{}, rc)
}

// countAttempts sits in the Finalize step after the SDK's Retry middleware, so it runs once
// per HTTP attempt; presigning never reaches it.
var countAttempts = middleware.FinalizeMiddlewareFunc("VpackRequestCounter",
	func(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (
		middleware.FinalizeOutput, middleware.Metadata, error,
	) {
		if rc, ok := ctx.Value(counterKey{}).(*RequestCounter); ok && rc != nil {
			rc.count(awsmiddleware.GetOperationName(ctx))
		}
		return next.HandleFinalize(ctx, in)
	})

func addRequestCounter(stack *middleware.Stack) error {
	return stack.Finalize.Add(countAttempts, middleware.After)
}

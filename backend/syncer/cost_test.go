package syncer

import (
	"math"
	"testing"

	"vpack-s3-sync/backend/store"
)

func TestEstimateUsesUSEast1ListPrices(t *testing.T) {
	cases := []struct {
		name  string
		req   Requests
		bytes int64
		want  float64
	}{
		{"nothing costs nothing", Requests{}, 0, 0},
		{"a thousand lists cost half a cent", Requests{List: 1000}, 0, 0.005},
		{"GET and HEAD share a price", Requests{Get: 600, Head: 400}, 0, 0.0004},
		{"one GB out costs nine cents", Requests{}, 1e9, 0.09},
		{"a typical run adds up", Requests{List: 2, Get: 50}, 500e6, 0.00001 + 0.00002 + 0.045},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := AWSUSEast1.Estimate(c.req, c.bytes); math.Abs(got-c.want) > 1e-12 {
				t.Fatalf("Estimate = %v, want %v", got, c.want)
			}
		})
	}
}

func TestRunCostIsZeroOffAWS(t *testing.T) {
	r := store.SyncRun{RequestsList: 2000, RequestsGet: 1000, Bytes: 2e9}
	if got, want := RunCost(r, true), 0.01+0.0004+0.18; math.Abs(got-want) > 1e-12 {
		t.Fatalf("RunCost on AWS = %v, want %v", got, want)
	}
	if got := RunCost(r, false); got != 0 {
		t.Fatalf("RunCost off AWS = %v, want 0", got)
	}
}

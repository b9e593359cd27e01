package syncer

import "vpack-s3-sync/backend/store"

// PriceTable holds the AWS prices a run's cost estimate uses, in US dollars. It is the one
// place they live.
type PriceTable struct {
	ListPer1000 float64 // LIST (ListObjectsV2) requests
	GetPer1000  float64 // GET and HEAD requests
	EgressPerGB float64 // data transfer out to the internet, per GB (10^9 bytes)
}

// AWSUSEast1 is Amazon S3 Standard's public list price in us-east-1 (N. Virginia): LIST $0.005
// per 1,000, GET/HEAD $0.0004 per 1,000, data transfer out $0.09 per GB (the first 10 TB tier).
// The estimate ignores the monthly free tier and other regions' prices; it tells the user the
// order of magnitude a run costs, not their bill.
var AWSUSEast1 = PriceTable{ListPer1000: 0.005, GetPer1000: 0.0004, EgressPerGB: 0.09}

// Estimate is the cost of the given requests and downloaded bytes.
func (p PriceTable) Estimate(r Requests, bytes int64) float64 {
	return float64(r.List)/1000*p.ListPer1000 +
		float64(r.Get+r.Head)/1000*p.GetPer1000 +
		float64(bytes)/1e9*p.EgressPerGB
}

// RunCost estimates a saved run's cost at AWSUSEast1 prices; onAWS is false for custom
// endpoints (MinIO, Wasabi, R2…), whose prices differ, and then the estimate is 0.
func RunCost(r store.SyncRun, onAWS bool) float64 {
	if !onAWS {
		return 0
	}
	return AWSUSEast1.Estimate(Requests{List: r.RequestsList, Get: r.RequestsGet, Head: r.RequestsHead, Other: r.RequestsOther}, r.Bytes)
}

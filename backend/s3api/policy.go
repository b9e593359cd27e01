package s3api

import (
	"encoding/json"
	"strings"
)

// ReadOnlyPolicy is the least-privilege IAM policy for syncing one bucket: the exact S3
// actions this package calls (ListBucket + GetBucketLocation on the bucket, GetObject on its
// objects) and, optionally, ListAllMyBuckets so the wizard can show the bucket list.
// The wizard shows it with a copy button; it lives here because this package decides which
// actions the app sends.
func ReadOnlyPolicy(bucket string, listAllBuckets bool) (string, error) {
	bucket = strings.TrimSpace(bucket)
	if bucket == "" {
		bucket = "YOUR-BUCKET"
	}
	type statement struct {
		Sid      string   `json:"Sid"`
		Effect   string   `json:"Effect"`
		Action   []string `json:"Action"`
		Resource []string `json:"Resource"`
	}
	doc := struct {
		Version   string      `json:"Version"`
		Statement []statement `json:"Statement"`
	}{Version: "2012-10-17"}
	doc.Statement = append(doc.Statement,
		statement{"VpackListBucket", "Allow", []string{"s3:ListBucket", "s3:GetBucketLocation"}, []string{"arn:aws:s3:::" + bucket}},
		statement{"VpackReadVideos", "Allow", []string{"s3:GetObject"}, []string{"arn:aws:s3:::" + bucket + "/*"}},
	)
	if listAllBuckets {
		doc.Statement = append(doc.Statement,
			statement{"VpackListAllBuckets", "Allow", []string{"s3:ListAllMyBuckets"}, []string{"*"}})
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	return string(b), err
}

package s3api

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestReadOnlyPolicyGrantsOnlyWhatSyncNeeds(t *testing.T) {
	tests := []struct {
		name         string
		bucket       string
		listAll      bool
		wantActions  []string
		wantResource []string
	}{
		{"bucket only", "shop-cams", false,
			[]string{"s3:ListBucket", "s3:GetBucketLocation", "s3:GetObject"},
			[]string{"arn:aws:s3:::shop-cams", "arn:aws:s3:::shop-cams/*"}},
		{"with bucket list", "shop-cams", true,
			[]string{"s3:ListBucket", "s3:GetBucketLocation", "s3:GetObject", "s3:ListAllMyBuckets"},
			[]string{"arn:aws:s3:::shop-cams", "arn:aws:s3:::shop-cams/*", "*"}},
		{"no bucket typed yet", "  ", false,
			[]string{"s3:ListBucket", "s3:GetBucketLocation", "s3:GetObject"},
			[]string{"arn:aws:s3:::YOUR-BUCKET", "arn:aws:s3:::YOUR-BUCKET/*"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text, err := ReadOnlyPolicy(tc.bucket, tc.listAll)
			if err != nil {
				t.Fatal(err)
			}
			var doc struct {
				Statement []struct {
					Effect   string
					Action   []string
					Resource []string
				}
			}
			if err := json.Unmarshal([]byte(text), &doc); err != nil {
				t.Fatalf("not JSON: %v\n%s", err, text)
			}
			var actions, resources []string
			for _, s := range doc.Statement {
				if s.Effect != "Allow" {
					t.Fatalf("statement effect %q", s.Effect)
				}
				actions = append(actions, s.Action...)
				resources = append(resources, s.Resource...)
			}
			if strings.Join(actions, ",") != strings.Join(tc.wantActions, ",") {
				t.Errorf("actions = %v, want %v", actions, tc.wantActions)
			}
			if strings.Join(resources, ",") != strings.Join(tc.wantResource, ",") {
				t.Errorf("resources = %v, want %v", resources, tc.wantResource)
			}
			if strings.Contains(text, "s3:*") || strings.Contains(text, "Put") || strings.Contains(text, "Delete") {
				t.Errorf("policy grants more than reading:\n%s", text)
			}
		})
	}
}

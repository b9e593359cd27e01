package s3test

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Under CI=true a missing gateway must fail the run, never skip it.
func TestMissingGatewayFailsUnderCI(t *testing.T) {
	if os.Getenv("S3TEST_CHILD") == "1" {
		Start(t)
		return
	}
	tests := []struct {
		name, ci, want string
	}{
		{"fails under CI", "true", "--- FAIL"},
		{"skips on a developer machine", "", "--- SKIP"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestMissingGatewayFailsUnderCI$", "-test.v")
			cmd.Env = []string{"S3TEST_CHILD=1", "CI=" + tc.ci, "PATH=/nonexistent", "GOPATH=/nonexistent", "HOME=/nonexistent"}
			out, _ := cmd.CombinedOutput()
			if !strings.Contains(string(out), tc.want) || !strings.Contains(string(out), "versitygw not found") {
				t.Fatalf("want %q and a 'not found' message, got:\n%s", tc.want, out)
			}
		})
	}
}

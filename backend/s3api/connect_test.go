package s3api

import (
	"context"
	"encoding/pem"
	"log/slog"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vpack-s3-sync/backend/apperr"
	"vpack-s3-sync/backend/s3test"
)

// isolateAWSEnv points the AWS chain at empty files and clears its variables, so the
// developer's own ~/.aws and environment cannot leak into a test.
func isolateAWSEnv(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, k := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION",
		"AWS_DEFAULT_REGION", "AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL_STS"} {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(dir, "config"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(dir, "credentials"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	return dir
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestConnectFromTheDefaultChain(t *testing.T) {
	srv := s3test.Start(t)
	srv.CreateBucket(t, "cams")

	tests := []struct {
		name    string
		setup   func(t *testing.T, dir string)
		profile string
	}{
		{"environment variables with AWS_ENDPOINT_URL_S3", func(t *testing.T, dir string) {
			t.Setenv("AWS_ACCESS_KEY_ID", srv.AccessKey)
			t.Setenv("AWS_SECRET_ACCESS_KEY", srv.SecretKey)
			t.Setenv("AWS_REGION", srv.Region)
			t.Setenv("AWS_ENDPOINT_URL_S3", srv.Endpoint)
		}, ""},
		{"AWS_ENDPOINT_URL for every service", func(t *testing.T, dir string) {
			t.Setenv("AWS_ACCESS_KEY_ID", srv.AccessKey)
			t.Setenv("AWS_SECRET_ACCESS_KEY", srv.SecretKey)
			t.Setenv("AWS_ENDPOINT_URL", srv.Endpoint)
		}, ""},
		{"a named profile in the ~/.aws files", func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "config"), "[profile nvr]\nregion = us-east-1\nendpoint_url = "+srv.Endpoint+"\n")
			writeFile(t, filepath.Join(dir, "credentials"), "[nvr]\naws_access_key_id = "+srv.AccessKey+
				"\naws_secret_access_key = "+srv.SecretKey+"\n")
		}, "nvr"},
		{"AWS_PROFILE", func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "config"), "[profile nvr]\nendpoint_url = "+srv.Endpoint+"\n")
			writeFile(t, filepath.Join(dir, "credentials"), "[nvr]\naws_access_key_id = "+srv.AccessKey+
				"\naws_secret_access_key = "+srv.SecretKey+"\n")
			t.Setenv("AWS_PROFILE", "nvr")
		}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.setup(t, isolateAWSEnv(t))
			c, err := Connect(testCtx(t), Config{UseDefaultChain: true, Profile: tc.profile})
			if err != nil {
				t.Fatal(err)
			}
			if c.Endpoint() != srv.Endpoint || c.Region() != "us-east-1" {
				t.Fatalf("endpoint %q region %q", c.Endpoint(), c.Region())
			}
			// Path-style is forced for the custom endpoint, or "cams.127.0.0.1" would not resolve.
			if _, err := c.Level(testCtx(t), "cams", "", ""); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestConnectRefusesWhatCannotWork(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string)
		cfg   Config
		code  apperr.Code
	}{
		{"static mode without a secret", nil, Config{AccessKeyID: "AKIA"}, apperr.AuthNoCredentials},
		{"an endpoint that is not a URL", nil, Config{AccessKeyID: "a", SecretAccessKey: "b", Endpoint: "minio.local:9000"}, apperr.InvalidInput},
		{"an unknown profile", nil, Config{UseDefaultChain: true, Profile: "nope"}, apperr.InvalidInput},
		{"an unreadable CA bundle", func(t *testing.T, dir string) { t.Setenv("AWS_CA_BUNDLE", filepath.Join(dir, "missing.pem")) },
			Config{AccessKeyID: "a", SecretAccessKey: "b"}, apperr.NetTLS},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := isolateAWSEnv(t)
			if tc.setup != nil {
				tc.setup(t, dir)
			}
			_, err := Connect(context.Background(), tc.cfg)
			wantAppErr(t, err, tc.code, map[string]string{"action": "connect"})
		})
	}
}

func TestTheDefaultChainWithoutCredentialsSaysSo(t *testing.T) {
	isolateAWSEnv(t)
	c, err := Connect(testCtx(t), Config{UseDefaultChain: true, Endpoint: "http://127.0.0.1:1", MaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Buckets(testCtx(t))
	wantAppErr(t, err, apperr.AuthNoCredentials, map[string]string{"action": "list_buckets"})
}

// Static keys mean exactly this account: a profile or endpoint in the environment must not
// break or redirect them.
func TestStaticKeysIgnoreTheAWSEnvironment(t *testing.T) {
	srv := s3test.Start(t)
	srv.CreateBucket(t, "cams")
	isolateAWSEnv(t)
	t.Setenv("AWS_PROFILE", "does-not-exist")
	t.Setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:1")
	t.Setenv("AWS_REGION", "eu-west-1")
	c := rootClient(t, srv)
	if c.Region() != "us-east-1" || c.Endpoint() != srv.Endpoint {
		t.Fatalf("region %q endpoint %q", c.Region(), c.Endpoint())
	}
	if _, err := c.Buckets(testCtx(t)); err != nil {
		t.Fatal(err)
	}
}

// An office PC behind a TLS-inspecting proxy trusts its CA through AWS_CA_BUNDLE.
func TestAWSCABundleIsTrustedInBothModes(t *testing.T) {
	srv := s3test.Start(t)
	srv.CreateBucket(t, "cams")
	target, _ := url.Parse(srv.Endpoint)
	tlsFront := httptest.NewTLSServer(&httputil.ReverseProxy{Rewrite: func(pr *httputil.ProxyRequest) {
		pr.Out.URL.Scheme, pr.Out.URL.Host = target.Scheme, target.Host
		pr.Out.Host = pr.In.Host
	}})
	t.Cleanup(tlsFront.Close)
	bundle := filepath.Join(t.TempDir(), "office-ca.pem")
	writeFile(t, bundle, string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: tlsFront.Certificate().Raw})))

	isolateAWSEnv(t)
	t.Setenv("AWS_ACCESS_KEY_ID", srv.AccessKey)
	t.Setenv("AWS_SECRET_ACCESS_KEY", srv.SecretKey)
	static := Config{Endpoint: tlsFront.URL, AccessKeyID: srv.AccessKey, SecretAccessKey: srv.SecretKey, MaxAttempts: 1}
	chain := Config{Endpoint: tlsFront.URL, UseDefaultChain: true, MaxAttempts: 1}

	tests := []struct {
		name   string
		bundle string
		cfg    Config
		code   apperr.Code
	}{
		{"static keys without the bundle", "", static, apperr.NetTLS},
		{"static keys with the bundle", bundle, static, ""},
		{"default chain with the bundle", bundle, chain, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("AWS_CA_BUNDLE", tc.bundle)
			c, err := Connect(testCtx(t), tc.cfg)
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.Buckets(testCtx(t))
			if tc.code == "" && err != nil {
				t.Fatal(err)
			}
			if tc.code != "" {
				wantAppErr(t, err, tc.code, nil)
			}
		})
	}
}

func TestConfigLogsWithoutSecrets(t *testing.T) {
	var buf strings.Builder
	slog.New(slog.NewTextHandler(&buf, nil)).Info("connect", "config",
		Config{AccessKeyID: "AKIAEXAMPLE", SecretAccessKey: "top-secret-key", SessionToken: "token-value", Endpoint: "http://nvr:9000"})
	if out := buf.String(); strings.Contains(out, "top-secret-key") || strings.Contains(out, "token-value") ||
		!strings.Contains(out, "AKIAEXAMPLE") || !strings.Contains(out, "nvr:9000") {
		t.Fatalf("log line %q", out)
	}
}

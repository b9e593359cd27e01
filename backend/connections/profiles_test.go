package connections

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vpack-s3-sync/backend/apperr"
)

const testConfig = "\ufeff" + `# comment
region = ignored-before-any-section

[default]
region = us-east-1

[profile wasabi]
region = eu-central-1
endpoint_url = https://s3.eu-central-1.wasabisys.com
s3 =
    addressing_style = virtual

[profile minio]
services = local-minio
; full-line comment
aws_access_key_id = MINIOKEY
aws_secret_access_key = minio#secret=with;chars

[profile nested]
endpoint_url = https://global.example
s3 =
  endpoint_url = https://s3-only.example
region = ap-southeast-1

[profile sso]
sso_session = corp
sso_account_id = 111122223333
region = us-west-2

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start

[services local-minio]
s3 =
  endpoint_url = http://127.0.0.1:9000

[notaprofile]
aws_access_key_id = NOPE
`

const testCredentials = `[default]
aws_access_key_id = AKIADEFAULT
aws_secret_access_key = DEFAULTSECRET

[wasabi]
aws_access_key_id=WASABIKEY
aws_secret_access_key=WASABISECRET
aws_session_token=WASABITOKEN

[nested]
aws_access_key_id = NESTEDKEY
aws_secret_access_key = NESTEDSECRET

[credsonly]
aws_access_key_id = CREDSKEY
aws_secret_access_key = CREDSSECRET
region = sa-east-1
`

func writeProfiles(t *testing.T, config, creds string) {
	t.Helper()
	dir := t.TempDir()
	cfgPath, credPath := filepath.Join(dir, "cfg"), filepath.Join(dir, "creds")
	os.WriteFile(cfgPath, []byte(config), 0o600)
	os.WriteFile(credPath, []byte(creds), 0o600)
	t.Setenv("AWS_CONFIG_FILE", cfgPath)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", credPath)
}

func TestListProfilesMergesConfigAndCredentials(t *testing.T) {
	writeProfiles(t, testConfig, testCredentials)
	ps, err := ListProfiles()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Profile{}
	var names []string
	for _, p := range ps {
		got[p.Name] = p
		names = append(names, p.Name)
	}
	if strings.Join(names, ",") != "credsonly,default,minio,nested,sso,wasabi" {
		t.Fatalf("profiles = %v", names)
	}
	tests := []struct {
		name string
		want Profile
	}{
		{"default", Profile{Name: "default", Region: "us-east-1", AccessKeyID: "AKIADEFAULT", HasSecret: true, Importable: true}},
		{"wasabi", Profile{Name: "wasabi", Region: "eu-central-1", Endpoint: "https://s3.eu-central-1.wasabisys.com", AccessKeyID: "WASABIKEY", HasSecret: true, HasSessionToken: true, Importable: true}},
		{"minio", Profile{Name: "minio", Endpoint: "http://127.0.0.1:9000", AccessKeyID: "MINIOKEY", HasSecret: true, Importable: true}},
		{"nested", Profile{Name: "nested", Region: "ap-southeast-1", Endpoint: "https://s3-only.example", AccessKeyID: "NESTEDKEY", HasSecret: true, Importable: true}},
		{"sso", Profile{Name: "sso", Region: "us-west-2"}},
		{"credsonly", Profile{Name: "credsonly", Region: "sa-east-1", AccessKeyID: "CREDSKEY", HasSecret: true, Importable: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got[tt.name] != tt.want {
				t.Fatalf("got  %+v\nwant %+v", got[tt.name], tt.want)
			}
		})
	}
	b, _ := json.Marshal(ps)
	for _, secret := range []string{"DEFAULTSECRET", "WASABISECRET", "WASABITOKEN", "minio#secret", "NESTEDSECRET"} {
		if strings.Contains(string(b), secret) {
			t.Fatalf("profile list JSON holds %s", secret)
		}
	}
	if p := readAll(t)["minio"]; p.secret != "minio#secret=with;chars" {
		t.Fatalf("secret with # ; = not kept whole: %q", p.secret)
	}
	if !readAll(t)["wasabi"].virtualHosted || readAll(t)["minio"].virtualHosted {
		t.Fatal("addressing_style not read")
	}
}

func readAll(t *testing.T) map[string]*profile {
	t.Helper()
	ps, err := readProfiles()
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

func TestListProfilesWithoutFilesIsEmpty(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(dir, "none"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(dir, "none2"))
	ps, err := ListProfiles()
	if err != nil || len(ps) != 0 {
		t.Fatalf("ps = %v err = %v", ps, err)
	}
}

func TestProfileFilesDefaultToHomeAndExpandTilde(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	t.Setenv("AWS_CONFIG_FILE", "")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", "~/elsewhere/creds")
	cfg, creds, err := ProfileFiles()
	if err != nil {
		t.Fatal(err)
	}
	if cfg != filepath.Join(home, ".aws", "config") || creds != filepath.Join(home, "elsewhere", "creds") {
		t.Fatalf("cfg %s creds %s", cfg, creds)
	}
}

func TestParseINIRejectsBrokenHeader(t *testing.T) {
	if _, err := parseINI(strings.NewReader("[profile x\nregion=a\n")); err == nil {
		t.Fatal("broken header accepted")
	}
}

func TestImportProfileAddsItAsAConnection(t *testing.T) {
	writeProfiles(t, testConfig, testCredentials)
	f := newFixture(t, "WASABISECRET")
	ctx := context.Background()
	c, _, err := f.svc.ImportProfile(ctx, "wasabi", "", "")
	if err != nil {
		t.Fatal(err)
	}
	if c.Name != "wasabi" || c.Endpoint != "https://s3.eu-central-1.wasabisys.com" || c.Region != "eu-central-1" ||
		c.AccessKeyID != "WASABIKEY" || c.PathStyle {
		t.Fatalf("connection = %+v", c)
	}
	sec, _ := f.sec.Get(ctx, c.ID)
	if sec.SecretAccessKey != "WASABISECRET" || sec.SessionToken != "WASABITOKEN" {
		t.Fatal("secret not imported into the keychain")
	}
}

func TestImportProfileErrors(t *testing.T) {
	writeProfiles(t, testConfig, testCredentials)
	f := newFixture(t)
	tests := []struct {
		profile string
		code    apperr.Code
		key     string
	}{
		{"sso", apperr.InvalidInput, "error.profile.no_static_keys"},
		{"nope", apperr.StoreNotFound, ""},
		{"default", apperr.AuthBadSecret, ""}, // keys the service rejects
	}
	for _, tt := range tests {
		t.Run(tt.profile, func(t *testing.T) {
			_, _, err := f.svc.ImportProfile(context.Background(), tt.profile, "x", "")
			var e *apperr.Error
			if !errors.As(err, &e) || e.Code != tt.code || (tt.key != "" && e.Key != tt.key) {
				t.Fatalf("err = %v", err)
			}
		})
	}
	if len(f.connections(t)) != 0 {
		t.Fatal("a failed import saved a connection")
	}
}

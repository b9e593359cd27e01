package connections

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"vpack-s3-sync/backend/apperr"
	"vpack-s3-sync/backend/s3api"
	"vpack-s3-sync/backend/store"
)

// Profile is an AWS CLI profile as the import list shows it: never its secret.
type Profile struct {
	Name            string `json:"name"`
	Region          string `json:"region"`
	Endpoint        string `json:"endpoint"`
	AccessKeyID     string `json:"accessKeyId"`
	HasSecret       bool   `json:"hasSecret"`
	HasSessionToken bool   `json:"hasSessionToken"`
	// Importable: the profile has static keys. SSO, role and credential_process profiles
	// have none to keep, so they are listed but cannot be imported.
	Importable bool `json:"importable"`
}

// profile is a parsed profile with its secret, kept inside this package.
type profile struct {
	Profile
	secret, token string
	virtualHosted bool
}

// ProfileFiles returns the shared config and credentials file paths: $AWS_CONFIG_FILE and
// $AWS_SHARED_CREDENTIALS_FILE when set, else ~/.aws/config and ~/.aws/credentials.
func ProfileFiles() (configFile, credentialsFile string, err error) {
	home, herr := os.UserHomeDir()
	pick := func(env, name string) (string, error) {
		if p := os.Getenv(env); p != "" {
			return expandHome(p, home), nil
		}
		if herr != nil {
			return "", fmt.Errorf("find home folder: %w", herr)
		}
		return filepath.Join(home, ".aws", name), nil
	}
	if configFile, err = pick("AWS_CONFIG_FILE", "config"); err != nil {
		return "", "", err
	}
	if credentialsFile, err = pick("AWS_SHARED_CREDENTIALS_FILE", "credentials"); err != nil {
		return "", "", err
	}
	return configFile, credentialsFile, nil
}

func expandHome(p, home string) string {
	if home != "" && (p == "~" || strings.HasPrefix(p, "~/") || strings.HasPrefix(p, `~\`)) {
		return filepath.Join(home, p[1:])
	}
	return p
}

// ListProfiles lists the profiles of the shared config and credentials files by name. Missing
// files mean no profiles; an unreadable file is an error.
func ListProfiles() ([]Profile, error) {
	ps, err := readProfiles()
	if err != nil {
		return nil, err
	}
	out := make([]Profile, 0, len(ps))
	for _, p := range ps {
		out = append(out, p.Profile)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// ImportProfile adds profile name as a connection called connName (the profile's name when
// empty), through Add: the keys are validated, then saved in the keychain and the database.
func (s *Service) ImportProfile(ctx context.Context, name, connName, bucket string) (store.Connection, s3api.Validation, error) {
	ps, err := readProfiles()
	if err != nil {
		return store.Connection{}, s3api.Validation{}, err
	}
	p, ok := ps[name]
	if !ok {
		return store.Connection{}, s3api.Validation{}, apperr.New(apperr.StoreNotFound).With("what", "profile").With("profile", name)
	}
	if !p.Importable {
		e := apperr.New(apperr.InvalidInput).With("profile", name)
		e.Key, e.Hint = "error.profile.no_static_keys", "hint.profile.no_static_keys"
		return store.Connection{}, s3api.Validation{}, e
	}
	if strings.TrimSpace(connName) == "" {
		connName = name
	}
	return s.Add(ctx, AddInput{
		Name: connName, Endpoint: p.Endpoint, Region: p.Region, VirtualHosted: p.virtualHosted,
		AccessKeyID: p.AccessKeyID, SecretAccessKey: p.secret, SessionToken: p.token, Bucket: bucket,
	})
}

func readProfiles() (map[string]*profile, error) {
	configFile, credsFile, err := ProfileFiles()
	if err != nil {
		return nil, apperr.Wrap(apperr.LocalIO, err)
	}
	config, err := parseFile(configFile)
	if err != nil {
		return nil, err
	}
	creds, err := parseFile(credsFile)
	if err != nil {
		return nil, err
	}
	return mergeProfiles(config, creds), nil
}

func parseFile(path string) ([]section, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, apperr.Classify(fmt.Errorf("read %s: %w", path, err)).With("path", path)
	}
	defer f.Close()
	secs, err := parseINI(f)
	if err != nil {
		return nil, apperr.Wrap(apperr.InvalidInput, fmt.Errorf("read %s: %w", path, err)).With("path", path)
	}
	return secs, nil
}

// section is one [name] of an AWS INI file. sub holds nested settings such as
// "s3 =\n  endpoint_url = …" as sub["s3"]["endpoint_url"].
type section struct {
	name   string
	values map[string]string
	sub    map[string]map[string]string
}

// parseINI reads the AWS CLI's INI dialect: [section], key = value, full-line # and ;
// comments, and indented key = value lines nested under a preceding key with an empty value.
// Values are not unquoted and inline comments are kept: secrets may contain any character.
func parseINI(r io.Reader) ([]section, error) {
	var secs []section
	var cur *section
	parent := "" // key with an empty value that indented lines belong to
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for n := 1; sc.Scan(); n++ {
		raw := sc.Text()
		if n == 1 {
			raw = strings.TrimPrefix(raw, "\ufeff")
		}
		line := strings.TrimSpace(raw)
		if line == "" || line[0] == '#' || line[0] == ';' {
			continue
		}
		indented := raw[0] == ' ' || raw[0] == '\t'
		if strings.HasPrefix(line, "[") {
			if !strings.HasSuffix(line, "]") {
				return nil, fmt.Errorf("line %d: section header without ]", n)
			}
			secs = append(secs, section{name: strings.TrimSpace(line[1 : len(line)-1]),
				values: map[string]string{}, sub: map[string]map[string]string{}})
			cur, parent = &secs[len(secs)-1], ""
			continue
		}
		if cur == nil {
			continue // settings before any section belong to nothing
		}
		key, value, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		key, value = strings.ToLower(strings.TrimSpace(key)), strings.TrimSpace(value)
		switch {
		case indented && parent != "":
			if cur.sub[parent] == nil {
				cur.sub[parent] = map[string]string{}
			}
			cur.sub[parent][key] = value
		case value == "":
			parent = key
		default:
			cur.values[key], parent = value, ""
		}
	}
	return secs, sc.Err()
}

// mergeProfiles: in the config file a profile is [default] or [profile name] (other sections
// are sso-session, services …); in the credentials file it is [name]. Keys from the credentials
// file win, as in the AWS CLI. The S3 endpoint is the services section's s3 endpoint_url, else
// the profile's nested s3 endpoint_url, else its endpoint_url.
func mergeProfiles(config, creds []section) map[string]*profile {
	services := map[string]section{}
	merged := map[string]map[string]string{}
	subs := map[string]map[string]string{}
	add := func(name string, sec section) {
		if merged[name] == nil {
			merged[name] = map[string]string{}
		}
		for k, v := range sec.values {
			merged[name][k] = v
		}
		if s3 := sec.sub["s3"]; s3 != nil {
			if subs[name] == nil {
				subs[name] = map[string]string{}
			}
			for k, v := range s3 {
				subs[name][k] = v
			}
		}
	}
	for _, sec := range config {
		switch {
		case sec.name == "default":
			add("default", sec)
		case strings.HasPrefix(sec.name, "profile "):
			add(strings.TrimSpace(strings.TrimPrefix(sec.name, "profile ")), sec)
		case strings.HasPrefix(sec.name, "services "):
			services[strings.TrimSpace(strings.TrimPrefix(sec.name, "services "))] = sec
		}
	}
	for _, sec := range creds {
		add(strings.TrimSpace(strings.TrimPrefix(sec.name, "profile ")), sec)
	}
	out := make(map[string]*profile, len(merged))
	for name, v := range merged {
		if name == "" {
			continue
		}
		p := &profile{
			Profile: Profile{Name: name, Region: v["region"], AccessKeyID: v["aws_access_key_id"]},
			secret:  v["aws_secret_access_key"], token: v["aws_session_token"],
		}
		p.HasSecret, p.HasSessionToken = p.secret != "", p.token != ""
		p.Importable = p.AccessKeyID != "" && p.HasSecret
		s3 := subs[name]
		p.Endpoint = v["endpoint_url"]
		if e := s3["endpoint_url"]; e != "" {
			p.Endpoint = e
		}
		if svc, ok := services[v["services"]]; ok {
			if e := svc.sub["s3"]["endpoint_url"]; e != "" {
				p.Endpoint = e
			}
		}
		p.virtualHosted = s3["addressing_style"] == "virtual"
		out[name] = p
	}
	return out
}

package connections

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"vpack-s3-sync/backend/apperr"
	"vpack-s3-sync/backend/s3api"
	"vpack-s3-sync/backend/secrets"
	"vpack-s3-sync/backend/store"
)

// fakeConnector validates by a table of good secrets; hook runs inside Validate so a test
// can change the world between validation and saving.
type fakeConnector struct {
	mu      sync.Mutex
	good    map[string]bool // secret access key → accepted
	configs []s3api.Config
	hook    func()
}

func (f *fakeConnector) Connect(_ context.Context, cfg s3api.Config) (Validator, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.configs = append(f.configs, cfg)
	return fakeValidator{f: f, cfg: cfg}, nil
}

type fakeValidator struct {
	f   *fakeConnector
	cfg s3api.Config
}

func (v fakeValidator) Validate(_ context.Context, bucket string) (s3api.Validation, error) {
	if v.f.hook != nil {
		v.f.hook()
	}
	if !v.f.good[v.cfg.SecretAccessKey] {
		return s3api.Validation{}, apperr.New(apperr.AuthBadSecret).With("action", "identity")
	}
	val := s3api.Validation{Identity: s3api.Identity{Account: "123456789012", ARN: "arn:aws:iam::123456789012:user/cam", STS: true, BucketCount: 2}, CanListBuckets: true}
	if bucket != "" {
		val.BucketOK = bucket != "denied"
		if !val.BucketOK {
			val.MissingPermission = "s3:ListBucket"
			return val, apperr.New(apperr.S3AccessDenied).With("bucket", bucket)
		}
	}
	return val, nil
}

// memSecrets is an in-memory keychain with injectable failures, for unit tests only.
type memSecrets struct {
	mu       sync.Mutex
	m        map[int64]secrets.Secret
	setErr   error
	getErr   error
	delErr   error
	sets     int
	onDelete func(id int64)
}

func newMemSecrets() *memSecrets { return &memSecrets{m: map[int64]secrets.Secret{}} }

func (s *memSecrets) Set(_ context.Context, id int64, v secrets.Secret) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sets++
	if s.setErr != nil {
		return s.setErr
	}
	s.m[id] = v
	return nil
}

func (s *memSecrets) Get(_ context.Context, id int64) (secrets.Secret, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.getErr != nil {
		return secrets.Secret{}, s.getErr
	}
	v, ok := s.m[id]
	if !ok {
		return secrets.Secret{}, apperr.New(apperr.KeychainNotFound)
	}
	return v, nil
}

func (s *memSecrets) Delete(_ context.Context, id int64) error {
	if s.onDelete != nil {
		s.onDelete(id)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.delErr != nil {
		return s.delErr
	}
	if _, ok := s.m[id]; !ok {
		return apperr.New(apperr.KeychainNotFound)
	}
	delete(s.m, id)
	return nil
}

func (s *memSecrets) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.m)
}

type fixture struct {
	st   *store.Store
	sec  *memSecrets
	conn *fakeConnector
	svc  *Service
}

func newFixture(t *testing.T, goodSecrets ...string) *fixture {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	fc := &fakeConnector{good: map[string]bool{}}
	for _, s := range goodSecrets {
		fc.good[s] = true
	}
	sec := newMemSecrets()
	return &fixture{st: st, sec: sec, conn: fc, svc: New(st, sec, fc)}
}

func (f *fixture) connections(t *testing.T) []store.Connection {
	t.Helper()
	cs, err := f.st.ListConnections(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

func codeOf(err error) apperr.Code {
	if err == nil {
		return ""
	}
	return apperr.Classify(err).Code
}

// Package connections manages the user's S3 accounts: it validates keys with s3api before
// anything is saved, then keeps the record in store and the secret in the keychain, both or
// neither. It also tests, renames, rotates and removes connections, imports AWS CLI profiles,
// and builds the s3api.Client the rest of the app uses. It never writes a secret anywhere but
// the keychain, and never logs one.
package connections

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"vpack-s3-sync/backend/apperr"
	"vpack-s3-sync/backend/s3api"
	"vpack-s3-sync/backend/secrets"
	"vpack-s3-sync/backend/store"
)

// Validator checks keys; *s3api.Client is one.
type Validator interface {
	Validate(ctx context.Context, bucket string) (s3api.Validation, error)
}

// Connector makes a Validator for a configuration. S3 is the real one; unit tests fake it.
type Connector interface {
	Connect(ctx context.Context, cfg s3api.Config) (Validator, error)
}

// Secrets is the keychain; *secrets.Keychain is one.
type Secrets interface {
	Set(ctx context.Context, connID int64, s secrets.Secret) error
	Get(ctx context.Context, connID int64) (secrets.Secret, error)
	Delete(ctx context.Context, connID int64) error
}

type s3Connector struct{}

func (s3Connector) Connect(ctx context.Context, cfg s3api.Config) (Validator, error) {
	return s3api.Connect(ctx, cfg)
}

// S3 validates against the real service through s3api.Connect.
var S3 Connector = s3Connector{}

// Service is the connections API used by the app and the CLI. Safe for concurrent use.
type Service struct {
	store     *store.Store
	secrets   Secrets
	connector Connector
}

// New returns a Service over st, the keychain sec (usually secrets.Default) and connector
// (usually S3).
func New(st *store.Store, sec Secrets, connector Connector) *Service {
	return &Service{store: st, secrets: sec, connector: connector}
}

// AddInput is a new connection as the user typed it. It carries the secret inbound only and has
// no JSON form on purpose.
type AddInput struct {
	Name            string
	Endpoint        string // custom S3-compatible endpoint URL; "" = AWS
	Region          string // "" = auto
	VirtualHosted   bool   // custom endpoints use path-style addressing unless this is set
	AccessKeyID     string
	SecretAccessKey string
	SessionToken    string
	Bucket          string // optional: also prove this bucket can be listed (keys that cannot list buckets need it)
}

// Add validates the keys against the service (identity, then the buckets or the named bucket)
// and only then saves the record and the secret, both or neither: when the keychain write fails
// the new record is deleted again; when the record cannot be saved the keychain is not touched.
func (s *Service) Add(ctx context.Context, in AddInput) (store.Connection, s3api.Validation, error) {
	in.Name = strings.TrimSpace(in.Name)
	in.Endpoint = normalizeEndpoint(in.Endpoint)
	in.Region = strings.TrimSpace(in.Region)
	in.AccessKeyID = strings.TrimSpace(in.AccessKeyID)
	in.Bucket = strings.TrimSpace(in.Bucket)
	if err := checkInput(in.Name, in.AccessKeyID, in.SecretAccessKey); err != nil {
		return store.Connection{}, s3api.Validation{}, err
	}
	// A taken name fails before any request goes out.
	if _, err := s.store.ConnectionByName(ctx, in.Name); err == nil {
		e := apperr.New(apperr.InvalidInput).With("field", "name").With("name", in.Name)
		e.Key, e.Hint = "error.input.name_taken", "hint.store.conflict"
		return store.Connection{}, s3api.Validation{}, e
	} else if apperr.CodeOf(err) != apperr.StoreNotFound {
		return store.Connection{}, s3api.Validation{}, err
	}

	rec := store.Connection{
		Name: in.Name, Endpoint: in.Endpoint, Region: in.Region,
		PathStyle: in.Endpoint != "" && !in.VirtualHosted, AccessKeyID: in.AccessKeyID,
	}
	secret := secrets.Secret{SecretAccessKey: in.SecretAccessKey, SessionToken: in.SessionToken}
	v, err := s.validate(ctx, rec, secret, in.Bucket)
	if err != nil {
		return store.Connection{}, v, err
	}
	rec.AccountID, rec.ARN, rec.LastValidatedAt = v.Identity.Account, v.Identity.ARN, time.Now().UTC()

	if err := s.store.CreateConnection(ctx, &rec); err != nil {
		return store.Connection{}, v, err
	}
	if err := s.secrets.Set(ctx, rec.ID, secret); err != nil {
		// Undo with a context of its own: the caller's may be what just ended.
		undo := context.WithoutCancel(ctx)
		if derr := s.store.DeleteConnection(undo, rec.ID); derr != nil {
			slog.Error("connection record left without its secret", "connection_id", rec.ID, "error", derr)
		}
		// A keychain call that timed out may still land later; remove whatever it left.
		_ = s.secrets.Delete(undo, rec.ID)
		return store.Connection{}, v, err
	}
	s.markKeySet(ctx, rec.ID)
	slog.Info("connection added", "connection_id", rec.ID, "name", rec.Name, "endpoint", rec.Endpoint,
		"access_key_id", rec.AccessKeyID, "sts", v.Identity.STS, "bucket_count", v.Identity.BucketCount)
	return rec, v, nil
}

func checkInput(name, accessKeyID, secret string) error {
	switch {
	case name == "":
		return apperr.New(apperr.InvalidInput).With("field", "name")
	case accessKeyID == "":
		return apperr.New(apperr.InvalidInput).With("field", "access_key_id")
	case secret == "":
		return apperr.New(apperr.InvalidInput).With("field", "secret_access_key")
	}
	return nil
}

func normalizeEndpoint(e string) string {
	return strings.TrimRight(strings.TrimSpace(e), "/")
}

// config is the s3api configuration of a saved connection with its secret.
func config(c store.Connection, sec secrets.Secret) s3api.Config {
	return s3api.Config{
		AccessKeyID: c.AccessKeyID, SecretAccessKey: sec.SecretAccessKey, SessionToken: sec.SessionToken,
		Region: c.Region, Endpoint: c.Endpoint,
		PathStyle: c.PathStyle, VirtualHosted: c.Endpoint != "" && !c.PathStyle,
	}
}

// validate connects and validates; a refused named bucket or listing says which permission.
func (s *Service) validate(ctx context.Context, c store.Connection, sec secrets.Secret, bucket string) (s3api.Validation, error) {
	v, err := s.connector.Connect(ctx, config(c, sec))
	if err != nil {
		return s3api.Validation{}, apperr.Classify(err)
	}
	val, err := v.Validate(ctx, bucket)
	if err != nil {
		e := apperr.Classify(err)
		if val.MissingPermission != "" {
			e.With("missing_permission", val.MissingPermission)
		}
		return val, e
	}
	return val, nil
}

// Test validates a saved connection again (and bucket, when named), and records who the keys
// belong to and when they were last proven.
func (s *Service) Test(ctx context.Context, connID int64, bucket string) (s3api.Validation, error) {
	rec, sec, err := s.load(ctx, connID)
	if err != nil {
		return s3api.Validation{}, err
	}
	v, err := s.validate(ctx, rec, sec, strings.TrimSpace(bucket))
	if err != nil {
		return v, err
	}
	rec.AccountID, rec.ARN, rec.LastValidatedAt = v.Identity.Account, v.Identity.ARN, time.Now().UTC()
	if err := s.store.UpdateConnection(ctx, rec); err != nil {
		return v, err
	}
	return v, nil
}

// Rename gives a connection a new, unused name.
func (s *Service) Rename(ctx context.Context, connID int64, name string) (store.Connection, error) {
	rec, err := s.store.GetConnection(ctx, connID)
	if err != nil {
		return store.Connection{}, err
	}
	rec.Name = strings.TrimSpace(name)
	if err := s.store.UpdateConnection(ctx, rec); err != nil {
		return store.Connection{}, err
	}
	return s.store.GetConnection(ctx, connID)
}

// RotateInput is a replacement key pair (inbound only, no JSON form).
type RotateInput struct {
	AccessKeyID     string
	SecretAccessKey string
	SessionToken    string
	Bucket          string // optional, as in AddInput
}

// RotateKey validates the new keys first and only then replaces the secret and the access key
// id; if the record cannot be saved the old secret is put back, so the connection always has a
// matching pair.
func (s *Service) RotateKey(ctx context.Context, connID int64, in RotateInput) (store.Connection, s3api.Validation, error) {
	in.AccessKeyID = strings.TrimSpace(in.AccessKeyID)
	rec, err := s.store.GetConnection(ctx, connID)
	if err != nil {
		return store.Connection{}, s3api.Validation{}, err
	}
	if err := checkInput(rec.Name, in.AccessKeyID, in.SecretAccessKey); err != nil {
		return store.Connection{}, s3api.Validation{}, err
	}
	old, err := s.secrets.Get(ctx, connID)
	hadOld := err == nil
	if err != nil && apperr.CodeOf(err) != apperr.KeychainNotFound {
		return store.Connection{}, s3api.Validation{}, err
	}
	next := rec
	next.AccessKeyID = in.AccessKeyID
	secret := secrets.Secret{SecretAccessKey: in.SecretAccessKey, SessionToken: in.SessionToken}
	v, err := s.validate(ctx, next, secret, strings.TrimSpace(in.Bucket))
	if err != nil {
		return store.Connection{}, v, err
	}
	next.AccountID, next.ARN, next.LastValidatedAt = v.Identity.Account, v.Identity.ARN, time.Now().UTC()
	if err := s.secrets.Set(ctx, connID, secret); err != nil {
		return store.Connection{}, v, err
	}
	if err := s.store.UpdateConnection(ctx, next); err != nil {
		undo := context.WithoutCancel(ctx)
		var rerr error
		if hadOld {
			rerr = s.secrets.Set(undo, connID, old)
		} else {
			rerr = s.secrets.Delete(undo, connID)
		}
		if rerr != nil {
			slog.Error("could not put the old secret back after a failed key rotation", "connection_id", connID, "error", rerr)
		}
		return store.Connection{}, v, err
	}
	s.markKeySet(ctx, connID)
	slog.Info("connection key rotated", "connection_id", connID, "access_key_id", next.AccessKeyID)
	return next, v, nil
}

// Remove deletes a connection and its keychain entry. When sources use the connection it
// refuses unless force is set, with an apperr.InvalidInput (key "error.connection.in_use",
// detail "sources") and the sources' names; with force those sources, their history and runs
// are removed too, and their names are returned. The keychain entry goes first: if the keychain
// cannot be reached nothing is removed, and if the record then cannot be deleted the secret is
// put back, so a connection never outlives its secret nor the secret its connection.
func (s *Service) Remove(ctx context.Context, connID int64, force bool) ([]string, error) {
	rec, err := s.store.GetConnection(ctx, connID)
	if err != nil {
		return nil, err
	}
	srcs, err := s.store.SourcesForConnection(ctx, connID)
	if err != nil {
		return nil, err
	}
	names := make([]string, len(srcs))
	for i, src := range srcs {
		names[i] = sourceName(src)
	}
	if len(srcs) > 0 && !force {
		e := apperr.New(apperr.InvalidInput).With("connection", rec.Name).With("sources", strings.Join(names, ", "))
		e.Key = "error.connection.in_use"
		e.Hint = "hint.connection.in_use"
		return names, e
	}
	old, err := s.secrets.Get(ctx, connID)
	hadOld := err == nil
	if err != nil && apperr.CodeOf(err) != apperr.KeychainNotFound {
		return names, err
	}
	if hadOld {
		if err := s.secrets.Delete(ctx, connID); err != nil && apperr.CodeOf(err) != apperr.KeychainNotFound {
			return names, err
		}
	}
	if err := s.store.DeleteConnection(ctx, connID); err != nil {
		if hadOld {
			if rerr := s.secrets.Set(context.WithoutCancel(ctx), connID, old); rerr != nil {
				slog.Error("connection kept but its secret is gone", "connection_id", connID, "error", rerr)
			}
		}
		return names, err
	}
	slog.Info("connection removed", "connection_id", connID, "name", rec.Name, "sources_removed", len(srcs))
	return names, nil
}

func sourceName(src store.Source) string {
	if src.Name != "" {
		return src.Name
	}
	return src.Bucket + "/" + src.Prefix
}

// List returns every connection by name.
func (s *Service) List(ctx context.Context) ([]store.Connection, error) {
	return s.store.ListConnections(ctx)
}

// Get returns one connection.
func (s *Service) Get(ctx context.Context, connID int64) (store.Connection, error) {
	return s.store.GetConnection(ctx, connID)
}

// ClientFor loads connection connID's record and secret and connects (no request is sent).
// The syncer, the browser and the CLI get their clients here.
func (s *Service) ClientFor(ctx context.Context, connID int64) (*s3api.Client, error) {
	rec, sec, err := s.load(ctx, connID)
	if err != nil {
		return nil, err
	}
	c, err := s3api.Connect(ctx, config(rec, sec))
	if err != nil {
		return nil, apperr.Classify(err)
	}
	return c, nil
}

// load reads a connection with its secret. A missing keychain entry (removed by hand, or a
// keychain reset) says so and which connection needs its key typed again.
func (s *Service) load(ctx context.Context, connID int64) (store.Connection, secrets.Secret, error) {
	rec, err := s.store.GetConnection(ctx, connID)
	if err != nil {
		return store.Connection{}, secrets.Secret{}, err
	}
	sec, err := s.secrets.Get(ctx, connID)
	if err != nil {
		var e *apperr.Error
		if errors.As(err, &e) {
			e.With("connection", rec.Name)
			if e.Code == apperr.KeychainNotFound {
				e.Hint = "hint.connection.reenter_key"
			}
			return rec, secrets.Secret{}, e
		}
		return rec, secrets.Secret{}, apperr.Wrap(apperr.KeychainUnavailable, fmt.Errorf("load secret: %w", err))
	}
	return rec, sec, nil
}

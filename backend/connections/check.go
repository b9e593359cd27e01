package connections

import (
	"context"
	"strconv"
	"strings"
	"time"

	"vpack-s3-sync/backend/s3api"
	"vpack-s3-sync/backend/secrets"
	"vpack-s3-sync/backend/store"
)

// Check validates keys the way Add does, without saving anything: the wizard's "Test
// connection" button.
func (s *Service) Check(ctx context.Context, in AddInput) (s3api.Validation, error) {
	in.Endpoint = normalizeEndpoint(in.Endpoint)
	in.AccessKeyID = strings.TrimSpace(in.AccessKeyID)
	name := strings.TrimSpace(in.Name)
	if name == "" {
		name = "test" // the name is not checked here; Add checks it
	}
	if err := checkInput(name, in.AccessKeyID, in.SecretAccessKey); err != nil {
		return s3api.Validation{}, err
	}
	rec := store.Connection{
		Endpoint: in.Endpoint, Region: strings.TrimSpace(in.Region),
		PathStyle: in.Endpoint != "" && !in.VirtualHosted, AccessKeyID: in.AccessKeyID,
	}
	return s.validate(ctx, rec, secrets.Secret{SecretAccessKey: in.SecretAccessKey, SessionToken: in.SessionToken}, strings.TrimSpace(in.Bucket))
}

// RotationDue is how old a key may get before the app reminds the user to rotate it.
const RotationDue = 90 * 24 * time.Hour

func keySetAtSetting(connID int64) string {
	return "connection." + strconv.FormatInt(connID, 10) + ".key_set_at"
}

// KeySetAt is when the connection's current key was saved (added or rotated), for the 90-day
// rotation reminder.
func (s *Service) KeySetAt(ctx context.Context, c store.Connection) time.Time {
	if v, ok, err := s.store.GetSetting(ctx, keySetAtSetting(c.ID)); err == nil && ok {
		if ms, err := strconv.ParseInt(v, 10, 64); err == nil {
			return store.FromUnixMs(ms)
		}
	}
	return c.CreatedAt
}

func (s *Service) markKeySet(ctx context.Context, connID int64) {
	_ = s.store.SetSetting(ctx, keySetAtSetting(connID), strconv.FormatInt(store.UnixMs(time.Now()), 10))
}

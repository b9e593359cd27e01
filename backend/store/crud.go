package store

import (
	"context"
	"errors"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"vpack-s3-sync/backend/apperr"
)

// CreateConnection inserts c, setting c.ID and c.CreatedAt. A name already used gives an
// apperr.InvalidInput with key "error.input.name_taken".
func (s *Store) CreateConnection(ctx context.Context, c *Connection) error {
	c.Name = strings.TrimSpace(c.Name)
	if c.Name == "" {
		return apperr.New(apperr.InvalidInput).With("field", "name")
	}
	if c.CreatedAt.IsZero() {
		c.CreatedAt = time.Now().UTC()
	}
	err := s.db.WithContext(ctx).Create(c).Error
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return nameTaken(c.Name)
	}
	return fail(err, "create", "connection", 0)
}

// UpdateConnection saves every field of c but ID and CreatedAt.
func (s *Store) UpdateConnection(ctx context.Context, c Connection) error {
	c.Name = strings.TrimSpace(c.Name)
	if c.Name == "" {
		return apperr.New(apperr.InvalidInput).With("field", "name")
	}
	res := s.db.WithContext(ctx).Model(&Connection{ID: c.ID}).Select("*").Omit("id", "created_at").Updates(&c)
	if errors.Is(res.Error, gorm.ErrDuplicatedKey) {
		return nameTaken(c.Name)
	}
	if res.Error == nil && res.RowsAffected == 0 {
		return notFound("connection", c.ID)
	}
	return fail(res.Error, "update", "connection", c.ID)
}

// GetConnection loads one connection; apperr.StoreNotFound when there is none.
func (s *Store) GetConnection(ctx context.Context, id int64) (Connection, error) {
	var c Connection
	err := s.db.WithContext(ctx).Take(&c, id).Error
	return c, fail(err, "get", "connection", id)
}

// ConnectionByName loads the connection named name; apperr.StoreNotFound when there is none.
func (s *Store) ConnectionByName(ctx context.Context, name string) (Connection, error) {
	var c Connection
	err := s.db.WithContext(ctx).Where("name = ?", strings.TrimSpace(name)).Take(&c).Error
	return c, fail(err, "get", "connection", 0)
}

// ListConnections returns every connection by name.
func (s *Store) ListConnections(ctx context.Context) ([]Connection, error) {
	var cs []Connection
	err := s.db.WithContext(ctx).Order("name, id").Find(&cs).Error
	return cs, fail(err, "list", "connections", 0)
}

// DeleteConnection removes a connection and, by cascade, its sources with their history and
// runs. The keychain entry is the caller's (package connections).
func (s *Store) DeleteConnection(ctx context.Context, id int64) error {
	res := s.db.WithContext(ctx).Delete(&Connection{}, id)
	if res.Error == nil && res.RowsAffected == 0 {
		return notFound("connection", id)
	}
	return fail(res.Error, "delete", "connection", id)
}

// CreateSource inserts src, setting src.ID and src.CreatedAt.
func (s *Store) CreateSource(ctx context.Context, src *Source) error {
	if err := validSource(*src); err != nil {
		return err
	}
	if src.CreatedAt.IsZero() {
		src.CreatedAt = time.Now().UTC()
	}
	return fail(s.db.WithContext(ctx).Create(src).Error, "create", "source", 0)
}

// UpdateSource saves every field of src but ID and CreatedAt.
func (s *Store) UpdateSource(ctx context.Context, src Source) error {
	if err := validSource(src); err != nil {
		return err
	}
	res := s.db.WithContext(ctx).Model(&Source{ID: src.ID}).Select("*").Omit("id", "created_at").Updates(&src)
	if res.Error == nil && res.RowsAffected == 0 {
		return notFound("source", src.ID)
	}
	return fail(res.Error, "update", "source", src.ID)
}

func validSource(src Source) error {
	switch {
	case src.ConnectionID == 0:
		return apperr.New(apperr.InvalidInput).With("field", "connection")
	case strings.TrimSpace(src.Bucket) == "":
		return apperr.New(apperr.InvalidInput).With("field", "bucket")
	case strings.TrimSpace(src.LocalDir) == "":
		return apperr.New(apperr.InvalidInput).With("field", "local_dir")
	case src.SinceDays < 0:
		return apperr.New(apperr.InvalidInput).With("field", "since_days")
	case src.IntervalMinutes < 0:
		return apperr.New(apperr.InvalidInput).With("field", "interval_minutes")
	}
	return nil
}

// GetSource loads one source; apperr.StoreNotFound when there is none.
func (s *Store) GetSource(ctx context.Context, id int64) (Source, error) {
	var src Source
	err := s.db.WithContext(ctx).Take(&src, id).Error
	return src, fail(err, "get", "source", id)
}

// ListSources returns every source in creation order.
func (s *Store) ListSources(ctx context.Context) ([]Source, error) {
	var srcs []Source
	err := s.db.WithContext(ctx).Order("id").Find(&srcs).Error
	return srcs, fail(err, "list", "sources", 0)
}

// SourcesForConnection returns the sources that use connection connID.
func (s *Store) SourcesForConnection(ctx context.Context, connID int64) ([]Source, error) {
	var srcs []Source
	err := s.db.WithContext(ctx).Where("connection_id = ?", connID).Order("id").Find(&srcs).Error
	return srcs, fail(err, "list", "sources", 0)
}

// DeleteSource removes a source with its history and runs.
func (s *Store) DeleteSource(ctx context.Context, id int64) error {
	res := s.db.WithContext(ctx).Delete(&Source{}, id)
	if res.Error == nil && res.RowsAffected == 0 {
		return notFound("source", id)
	}
	return fail(res.Error, "delete", "source", id)
}

// GetSetting returns the value of key and whether it is set.
func (s *Store) GetSetting(ctx context.Context, key string) (string, bool, error) {
	var st Setting
	err := s.db.WithContext(ctx).Where("key = ?", key).Take(&st).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fail(err, "get", "setting", 0)
	}
	return st.Value, true, nil
}

// SetSetting sets key to value, replacing any earlier value.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	if key == "" {
		return apperr.New(apperr.InvalidInput).With("field", "key")
	}
	err := s.db.WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "key"}},
		DoUpdates: clause.AssignmentColumns([]string{"value"}),
	}).Create(&Setting{Key: key, Value: value}).Error
	return fail(err, "set", "setting", 0)
}

// Settings returns every setting.
func (s *Store) Settings(ctx context.Context) (map[string]string, error) {
	var all []Setting
	if err := s.db.WithContext(ctx).Find(&all).Error; err != nil {
		return nil, fail(err, "list", "settings", 0)
	}
	out := make(map[string]string, len(all))
	for _, st := range all {
		out[st.Key] = st.Value
	}
	return out, nil
}

package connections

import (
	"context"
	"errors"
	"strings"
	"testing"

	"vpack-s3-sync/backend/apperr"
	"vpack-s3-sync/backend/secrets"
	"vpack-s3-sync/backend/store"
)

func TestAddValidatesThenSavesRecordAndSecret(t *testing.T) {
	f := newFixture(t, "GOOD")
	ctx := context.Background()
	c, v, err := f.svc.Add(ctx, AddInput{Name: " Wasabi ", Endpoint: "https://s3.wasabisys.com/ ", Region: "us-east-1",
		AccessKeyID: " AK1 ", SecretAccessKey: "GOOD", SessionToken: "TOK", Bucket: "cams"})
	if err != nil {
		t.Fatal(err)
	}
	if !v.BucketOK || v.Identity.Account != "123456789012" {
		t.Fatalf("validation = %+v", v)
	}
	if c.ID == 0 || c.Name != "Wasabi" || c.Endpoint != "https://s3.wasabisys.com" || !c.PathStyle ||
		c.AccessKeyID != "AK1" || c.AccountID != "123456789012" || c.LastValidatedAt.IsZero() {
		t.Fatalf("connection = %+v", c)
	}
	cfg := f.conn.configs[0]
	if cfg.SecretAccessKey != "GOOD" || cfg.SessionToken != "TOK" || !cfg.PathStyle || cfg.VirtualHosted {
		t.Fatalf("config = %+v", cfg)
	}
	got, err := f.sec.Get(ctx, c.ID)
	if err != nil || got.SecretAccessKey != "GOOD" || got.SessionToken != "TOK" {
		t.Fatalf("keychain: %v", err)
	}
	saved, _ := f.st.GetConnection(ctx, c.ID)
	if saved.Name != "Wasabi" || saved.AccountID != "123456789012" {
		t.Fatalf("saved = %+v", saved)
	}
}

func TestAddAddressingStyle(t *testing.T) {
	tests := []struct {
		name          string
		endpoint      string
		virtualHosted bool
		wantPathStyle bool
	}{
		{"AWS uses virtual-hosted", "", false, false},
		{"custom endpoint defaults to path style", "http://127.0.0.1:9000", false, true},
		{"custom endpoint can ask for virtual-hosted", "https://minio.example", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, "GOOD")
			c, _, err := f.svc.Add(context.Background(), AddInput{Name: "n", Endpoint: tt.endpoint, VirtualHosted: tt.virtualHosted, AccessKeyID: "AK", SecretAccessKey: "GOOD"})
			if err != nil {
				t.Fatal(err)
			}
			cfg := config(c, secrets.Secret{SecretAccessKey: "GOOD"})
			if c.PathStyle != tt.wantPathStyle || cfg.PathStyle != tt.wantPathStyle || cfg.VirtualHosted != (tt.endpoint != "" && !tt.wantPathStyle) {
				t.Fatalf("record path style %v, config %+v", c.PathStyle, cfg)
			}
		})
	}
}

func TestAddRejectedKeysOrBucketSaveNothing(t *testing.T) {
	tests := []struct {
		name    string
		in      AddInput
		code    apperr.Code
		missing string
	}{
		{"wrong secret", AddInput{Name: "n", AccessKeyID: "AK", SecretAccessKey: "WRONG-SECRET"}, apperr.AuthBadSecret, ""},
		{"bucket refused", AddInput{Name: "n", AccessKeyID: "AK", SecretAccessKey: "GOOD", Bucket: "denied"}, apperr.S3AccessDenied, "s3:ListBucket"},
		{"no name", AddInput{AccessKeyID: "AK", SecretAccessKey: "GOOD"}, apperr.InvalidInput, ""},
		{"no key id", AddInput{Name: "n", SecretAccessKey: "GOOD"}, apperr.InvalidInput, ""},
		{"no secret", AddInput{Name: "n", AccessKeyID: "AK"}, apperr.InvalidInput, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, "GOOD")
			_, _, err := f.svc.Add(context.Background(), tt.in)
			var e *apperr.Error
			if !errors.As(err, &e) || e.Code != tt.code || e.Details["missing_permission"] != tt.missing {
				t.Fatalf("err = %v, want %s", err, tt.code)
			}
			if strings.Contains(err.Error(), "WRONG-SECRET") {
				t.Fatal("error text holds the secret")
			}
			if n := len(f.connections(t)); n != 0 || f.sec.count() != 0 {
				t.Fatalf("saved %d connections, %d secrets", n, f.sec.count())
			}
		})
	}
}

func TestAddKeychainFailureLeavesNoConnection(t *testing.T) {
	f := newFixture(t, "GOOD")
	f.sec.setErr = apperr.New(apperr.KeychainUnavailable).WithHint(secrets.UnavailableHint("linux"))
	_, _, err := f.svc.Add(context.Background(), AddInput{Name: "n", AccessKeyID: "AK", SecretAccessKey: "GOOD"})
	if codeOf(err) != apperr.KeychainUnavailable {
		t.Fatalf("err = %v", err)
	}
	if n := len(f.connections(t)); n != 0 {
		t.Fatalf("%d connections left after the keychain failed", n)
	}
	// The name is free again.
	f.sec.setErr = nil
	if _, _, err := f.svc.Add(context.Background(), AddInput{Name: "n", AccessKeyID: "AK", SecretAccessKey: "GOOD"}); err != nil {
		t.Fatal(err)
	}
}

func TestAddDatabaseFailureWritesNoSecret(t *testing.T) {
	f := newFixture(t, "GOOD")
	// Another Add takes the name while this one validates: the insert fails.
	f.conn.hook = func() {
		f.conn.hook = nil
		f.st.CreateConnection(context.Background(), &store.Connection{Name: "race", AccessKeyID: "other"})
	}
	_, _, err := f.svc.Add(context.Background(), AddInput{Name: "race", AccessKeyID: "AK", SecretAccessKey: "GOOD"})
	var e *apperr.Error
	if !errors.As(err, &e) || e.Key != "error.input.name_taken" {
		t.Fatalf("err = %v", err)
	}
	if f.sec.sets != 0 || f.sec.count() != 0 {
		t.Fatalf("keychain written %d times", f.sec.sets)
	}
}

func TestAddRefusesTakenNameBeforeAnyRequest(t *testing.T) {
	f := newFixture(t, "GOOD")
	f.svc.Add(context.Background(), AddInput{Name: "Home", AccessKeyID: "AK", SecretAccessKey: "GOOD"})
	calls := len(f.conn.configs)
	_, _, err := f.svc.Add(context.Background(), AddInput{Name: "Home", AccessKeyID: "AK", SecretAccessKey: "GOOD"})
	if codeOf(err) != apperr.InvalidInput || len(f.conn.configs) != calls {
		t.Fatalf("err = %v, validations %d → %d", err, calls, len(f.conn.configs))
	}
}

func add(t *testing.T, f *fixture, name, secret string) store.Connection {
	t.Helper()
	c, _, err := f.svc.Add(context.Background(), AddInput{Name: name, AccessKeyID: "AK-" + name, SecretAccessKey: secret})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestTestRecordsValidationAndFailsOnRevokedKeys(t *testing.T) {
	f := newFixture(t, "GOOD")
	ctx := context.Background()
	c := add(t, f, "n", "GOOD")
	before, _ := f.st.GetConnection(ctx, c.ID)
	if _, err := f.svc.Test(ctx, c.ID, "cams"); err != nil {
		t.Fatal(err)
	}
	after, _ := f.st.GetConnection(ctx, c.ID)
	if after.LastValidatedAt.Before(before.LastValidatedAt) {
		t.Fatal("last validated went back")
	}
	delete(f.conn.good, "GOOD") // the key was revoked
	if _, err := f.svc.Test(ctx, c.ID, ""); codeOf(err) != apperr.AuthBadSecret {
		t.Fatalf("revoked: %v", err)
	}
}

func TestRename(t *testing.T) {
	f := newFixture(t, "GOOD")
	ctx := context.Background()
	a := add(t, f, "a", "GOOD")
	add(t, f, "b", "GOOD")
	if c, err := f.svc.Rename(ctx, a.ID, " Office "); err != nil || c.Name != "Office" {
		t.Fatalf("rename: %+v %v", c, err)
	}
	if _, err := f.svc.Rename(ctx, a.ID, "b"); codeOf(err) != apperr.InvalidInput {
		t.Fatalf("rename to taken name: %v", err)
	}
	if _, err := f.svc.Rename(ctx, 999, "x"); codeOf(err) != apperr.StoreNotFound {
		t.Fatalf("rename missing: %v", err)
	}
}

func TestRotateKey(t *testing.T) {
	ctx := context.Background()
	t.Run("bad new key changes nothing", func(t *testing.T) {
		f := newFixture(t, "OLD")
		c := add(t, f, "n", "OLD")
		_, _, err := f.svc.RotateKey(ctx, c.ID, RotateInput{AccessKeyID: "AK2", SecretAccessKey: "BAD"})
		if codeOf(err) != apperr.AuthBadSecret {
			t.Fatalf("err = %v", err)
		}
		got, _ := f.sec.Get(ctx, c.ID)
		rec, _ := f.st.GetConnection(ctx, c.ID)
		if got.SecretAccessKey != "OLD" || rec.AccessKeyID != "AK-n" {
			t.Fatalf("changed: key id %s", rec.AccessKeyID)
		}
	})
	t.Run("good new key replaces both", func(t *testing.T) {
		f := newFixture(t, "OLD", "NEW")
		c := add(t, f, "n", "OLD")
		rec, _, err := f.svc.RotateKey(ctx, c.ID, RotateInput{AccessKeyID: "AK2", SecretAccessKey: "NEW"})
		if err != nil {
			t.Fatal(err)
		}
		got, _ := f.sec.Get(ctx, c.ID)
		saved, _ := f.st.GetConnection(ctx, c.ID)
		if got.SecretAccessKey != "NEW" || rec.AccessKeyID != "AK2" || saved.AccessKeyID != "AK2" {
			t.Fatalf("rotated: %+v", saved)
		}
	})
	t.Run("record failure puts the old secret back", func(t *testing.T) {
		f := newFixture(t, "OLD", "NEW")
		c := add(t, f, "n", "OLD")
		other := add(t, f, "other", "OLD")
		// While the new key validates, the connection's name is taken by a rename elsewhere
		// so that saving the record fails.
		f.conn.hook = func() {
			f.conn.hook = nil
			o, _ := f.st.GetConnection(ctx, other.ID)
			f.st.DeleteConnection(ctx, c.ID)
			o.Name = "n"
			f.st.UpdateConnection(ctx, o)
		}
		_, _, err := f.svc.RotateKey(ctx, c.ID, RotateInput{AccessKeyID: "AK2", SecretAccessKey: "NEW"})
		if err == nil {
			t.Fatal("rotation succeeded though the record could not be saved")
		}
		if got, _ := f.sec.Get(ctx, c.ID); got.SecretAccessKey != "OLD" {
			t.Fatal("old secret not restored")
		}
	})
}

func TestRemove(t *testing.T) {
	ctx := context.Background()
	withSource := func(t *testing.T, f *fixture, c store.Connection) {
		t.Helper()
		if err := f.st.CreateSource(ctx, &store.Source{ConnectionID: c.ID, Name: "Front door", Bucket: "cams", LocalDir: "/v"}); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("unused connection and its secret go", func(t *testing.T) {
		f := newFixture(t, "S")
		c := add(t, f, "n", "S")
		names, err := f.svc.Remove(ctx, c.ID, false)
		if err != nil || len(names) != 0 {
			t.Fatalf("names %v err %v", names, err)
		}
		if len(f.connections(t)) != 0 || f.sec.count() != 0 {
			t.Fatal("left behind")
		}
	})
	t.Run("in use is refused with the sources' names", func(t *testing.T) {
		f := newFixture(t, "S")
		c := add(t, f, "n", "S")
		withSource(t, f, c)
		names, err := f.svc.Remove(ctx, c.ID, false)
		var e *apperr.Error
		if !errors.As(err, &e) || e.Key != "error.connection.in_use" || e.Details["sources"] != "Front door" {
			t.Fatalf("err = %v", err)
		}
		if len(names) != 1 || names[0] != "Front door" || len(f.connections(t)) != 1 || f.sec.count() != 1 {
			t.Fatalf("names %v; something was removed", names)
		}
	})
	t.Run("forced removal takes the sources too", func(t *testing.T) {
		f := newFixture(t, "S")
		c := add(t, f, "n", "S")
		withSource(t, f, c)
		names, err := f.svc.Remove(ctx, c.ID, true)
		if err != nil || len(names) != 1 {
			t.Fatalf("names %v err %v", names, err)
		}
		srcs, _ := f.st.ListSources(ctx)
		if len(srcs) != 0 || len(f.connections(t)) != 0 || f.sec.count() != 0 {
			t.Fatal("left behind")
		}
	})
	t.Run("keychain unavailable removes nothing", func(t *testing.T) {
		f := newFixture(t, "S")
		c := add(t, f, "n", "S")
		f.sec.delErr = apperr.New(apperr.KeychainUnavailable)
		if _, err := f.svc.Remove(ctx, c.ID, false); codeOf(err) != apperr.KeychainUnavailable {
			t.Fatalf("err = %v", err)
		}
		if len(f.connections(t)) != 1 {
			t.Fatal("connection removed while its secret stayed")
		}
	})
	t.Run("record failure puts the secret back", func(t *testing.T) {
		f := newFixture(t, "S")
		c := add(t, f, "n", "S")
		f.sec.onDelete = func(id int64) { f.st.Close() } // the database goes away mid-removal
		if _, err := f.svc.Remove(ctx, c.ID, false); err == nil {
			t.Fatal("removal succeeded without its database")
		}
		if got, err := f.sec.Get(ctx, c.ID); err != nil || got.SecretAccessKey != "S" {
			t.Fatalf("secret not restored: %v", err)
		}
	})
	t.Run("missing connection", func(t *testing.T) {
		f := newFixture(t)
		if _, err := f.svc.Remove(ctx, 42, true); codeOf(err) != apperr.StoreNotFound {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestClientForMissingSecretAsksToReenterTheKey(t *testing.T) {
	f := newFixture(t, "S")
	ctx := context.Background()
	c := add(t, f, "Home", "S")
	f.sec.Delete(ctx, c.ID)
	_, err := f.svc.ClientFor(ctx, c.ID)
	var e *apperr.Error
	if !errors.As(err, &e) || e.Code != apperr.KeychainNotFound || e.Hint != "hint.connection.reenter_key" || e.Details["connection"] != "Home" {
		t.Fatalf("err = %v", err)
	}
}

func TestClientForBuildsAClientFromRecordAndSecret(t *testing.T) {
	f := newFixture(t, "S")
	ctx := context.Background()
	c, _, err := f.svc.Add(ctx, AddInput{Name: "minio", Endpoint: "http://127.0.0.1:9", AccessKeyID: "AK", SecretAccessKey: "S"})
	if err != nil {
		t.Fatal(err)
	}
	cl, err := f.svc.ClientFor(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if cl.Endpoint() != "http://127.0.0.1:9" {
		t.Fatalf("endpoint = %q", cl.Endpoint())
	}
}

package connections

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"log/slog"
	"math/big"
	"os"
	"path/filepath"
	"testing"

	"vpack-s3-sync/backend/apperr"
	"vpack-s3-sync/backend/platform"
	"vpack-s3-sync/backend/s3test"
	"vpack-s3-sync/backend/secrets"
	"vpack-s3-sync/backend/store"
)

// requireKeyring: the real Secret Service comes from scripts/with-keyring.sh. Without a bus
// the test skips, except under CI where that is a failure.
func requireKeyring(t *testing.T) {
	t.Helper()
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		if s3test.CI() {
			t.Fatal("no D-Bus session bus: run the connection tests under scripts/with-keyring.sh")
		}
		t.Skip("no D-Bus session bus; run under scripts/with-keyring.sh")
	}
}

func randomHex(t *testing.T, n int) string {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// offsetKeychain files entries under id+offset, so this test's entries (ids 1, 2, … of a fresh
// database) never meet another package's running in the same keyring session.
type offsetKeychain struct {
	k      *secrets.Keychain
	offset int64
}

func (o offsetKeychain) Set(ctx context.Context, id int64, s secrets.Secret) error {
	return o.k.Set(ctx, id+o.offset, s)
}
func (o offsetKeychain) Get(ctx context.Context, id int64) (secrets.Secret, error) {
	return o.k.Get(ctx, id+o.offset)
}
func (o offsetKeychain) Delete(ctx context.Context, id int64) error {
	return o.k.Delete(ctx, id+o.offset)
}

// brokenKeychain fails every write the way a locked or missing keychain does.
type brokenKeychain struct{ Secrets }

func (brokenKeychain) Set(context.Context, int64, secrets.Secret) error {
	return apperr.Wrap(apperr.KeychainUnavailable, errors.New("org.freedesktop.secrets: no such name")).
		WithHint(secrets.UnavailableHint("linux"))
}

func TestConnectionsAgainstVersitygwAndRealKeychain(t *testing.T) {
	requireKeyring(t)
	srv := s3test.Start(t)
	ctx := context.Background()

	t.Setenv(platform.EnvHome, t.TempDir())
	prevLog := slog.Default()
	_, logFile, err := platform.SetupLogging(slog.LevelDebug)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { slog.SetDefault(prevLog); logFile.Close() })
	dbPath, err := platform.DBPath()
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })

	off, _ := rand.Int(rand.Reader, big.NewInt(1_000_000_000))
	kc := offsetKeychain{k: secrets.New(), offset: 8_000_000_000 + off.Int64()}
	svc := New(st, kc, S3)
	t.Cleanup(func() {
		for id := int64(1); id <= 10; id++ {
			_ = kc.Delete(context.Background(), id)
		}
	})

	srv.CreateBucket(t, "cams")
	userKey, userSecret := "cam"+randomHex(t, 4), "user-secret-"+randomHex(t, 16)
	nextKey, nextSecret := "cam"+randomHex(t, 4), "next-secret-"+randomHex(t, 16)
	wrongSecret := "wrong-secret-" + randomHex(t, 16)
	srv.CreateUser(t, userKey, userSecret)
	srv.CreateUser(t, nextKey, nextSecret)
	secretsToHide := []string{srv.SecretKey, userSecret, nextSecret, wrongSecret}
	var errorTexts []string
	note := func(err error) {
		if err != nil {
			errorTexts = append(errorTexts, err.Error(), apperr.Classify(err).JSON())
		}
	}

	// Good keys: validated against the server, record saved, secret in the keychain.
	root, v, err := svc.Add(ctx, AddInput{Name: "versitygw root", Endpoint: srv.Endpoint, Region: srv.Region,
		AccessKeyID: srv.AccessKey, SecretAccessKey: srv.SecretKey, Bucket: "cams"})
	if err != nil {
		t.Fatal(err)
	}
	if !v.BucketOK || !v.CanListBuckets {
		t.Fatalf("validation = %+v", v)
	}
	if got, err := kc.Get(ctx, root.ID); err != nil || got.SecretAccessKey != srv.SecretKey {
		t.Fatalf("keychain after Add: %v", err)
	}
	client, err := svc.ClientFor(ctx, root.ID)
	if err != nil {
		t.Fatal(err)
	}
	buckets, err := client.Buckets(ctx)
	if err != nil || len(buckets) != 1 || buckets[0].Name != "cams" {
		t.Fatalf("buckets through ClientFor = %+v, %v", buckets, err)
	}

	user, _, err := svc.Add(ctx, AddInput{Name: "camera user", Endpoint: srv.Endpoint, AccessKeyID: userKey, SecretAccessKey: userSecret})
	if err != nil {
		t.Fatal(err)
	}

	// A wrong secret stores nothing.
	_, _, err = svc.Add(ctx, AddInput{Name: "typo", Endpoint: srv.Endpoint, AccessKeyID: userKey, SecretAccessKey: wrongSecret})
	note(err)
	if code := apperr.CodeOf(err); code != apperr.AuthBadSecret {
		t.Fatalf("wrong secret: %v", err)
	}
	// A bucket the keys may not list stores nothing either.
	_, _, err = svc.Add(ctx, AddInput{Name: "no access", Endpoint: srv.Endpoint, AccessKeyID: nextKey, SecretAccessKey: nextSecret, Bucket: "cams"})
	note(err)
	if apperr.CodeOf(err) != apperr.S3AccessDenied {
		t.Fatalf("bucket of another user: %v", err)
	}
	// A keychain that fails leaves no connection behind.
	broken := New(st, brokenKeychain{kc}, S3)
	_, _, err = broken.Add(ctx, AddInput{Name: "keychain down", Endpoint: srv.Endpoint, AccessKeyID: nextKey, SecretAccessKey: nextSecret})
	note(err)
	if apperr.CodeOf(err) != apperr.KeychainUnavailable {
		t.Fatalf("broken keychain: %v", err)
	}
	if list, _ := svc.List(ctx); len(list) != 2 {
		t.Fatalf("connections = %d, want the 2 good ones", len(list))
	}

	// Test, rotate (a wrong new key first, then a good one), rename.
	if _, err := svc.Test(ctx, user.ID, ""); err != nil {
		t.Fatal(err)
	}
	_, _, err = svc.RotateKey(ctx, user.ID, RotateInput{AccessKeyID: nextKey, SecretAccessKey: wrongSecret})
	note(err)
	if apperr.CodeOf(err) != apperr.AuthBadSecret {
		t.Fatalf("rotate to wrong key: %v", err)
	}
	if got, _ := kc.Get(ctx, user.ID); got.SecretAccessKey != userSecret {
		t.Fatal("failed rotation changed the keychain")
	}
	if _, _, err := svc.RotateKey(ctx, user.ID, RotateInput{AccessKeyID: nextKey, SecretAccessKey: nextSecret}); err != nil {
		t.Fatal(err)
	}
	if got, _ := kc.Get(ctx, user.ID); got.SecretAccessKey != nextSecret {
		t.Fatal("rotation did not reach the keychain")
	}
	if _, err := svc.Rename(ctx, user.ID, "camera user (rotated)"); err != nil {
		t.Fatal(err)
	}

	// Remove deletes the keychain entry.
	if _, err := svc.Remove(ctx, root.ID, false); err != nil {
		t.Fatal(err)
	}
	_, err = kc.Get(ctx, root.ID)
	note(err)
	if apperr.CodeOf(err) != apperr.KeychainNotFound {
		t.Fatalf("keychain after Remove: %v", err)
	}
	_, err = svc.ClientFor(ctx, root.ID)
	note(err)

	// No secret in the database files (open, so the WAL and shared memory exist), the log, or
	// any error text. The access key ids are there, which shows the search looks in the right place.
	slog.Info("integration test done")
	files := []string{dbPath, dbPath + "-wal", dbPath + "-shm"}
	logDir, _ := platform.LogDir()
	logs, _ := filepath.Glob(filepath.Join(logDir, "*"))
	files = append(files, logs...)
	assertNoSecrets(t, files, errorTexts, secretsToHide)
	if !fileContains(t, dbPath+"-wal", nextKey) && !fileContains(t, dbPath, nextKey) {
		t.Fatal("access key id not found in the database: the search proves nothing")
	}
	if !fileContains(t, logs[0], "connection added") {
		t.Fatal("nothing was logged: the log search proves nothing")
	}
	st.Close() // checkpoint the WAL into the main file, then look again
	assertNoSecrets(t, []string{dbPath}, nil, secretsToHide)
}

func fileContains(t *testing.T, path, s string) bool {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		return false
	}
	return bytes.Contains(b, []byte(s))
}

func assertNoSecrets(t *testing.T, files, texts, hide []string) {
	t.Helper()
	read := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		read++
		for _, s := range hide {
			if bytes.Contains(b, []byte(s)) {
				t.Errorf("secret found in %s", f)
			}
		}
	}
	if read == 0 {
		t.Fatal("no file to search")
	}
	for _, text := range texts {
		for _, s := range hide {
			if bytes.Contains([]byte(text), []byte(s)) {
				t.Errorf("secret found in error text %q", text)
			}
		}
	}
}

package cli

import (
	"context"
	"net/url"
	"path/filepath"
	"strings"

	"vpack-s3-sync/backend/apperr"
	"vpack-s3-sync/backend/connections"
	"vpack-s3-sync/backend/platform"
	"vpack-s3-sync/backend/s3api"
	"vpack-s3-sync/backend/store"
	"vpack-s3-sync/backend/syncer"
)

// openStore opens the app's database (platform.DataDir, or VPACK_S3_SYNC_HOME). It fails with
// store.conflict while the desktop app has it open.
func (r *runner) openStore() (*store.Store, error) {
	path, err := platform.DBPath()
	if err != nil {
		return nil, apperr.Wrap(apperr.StoreFailed, err)
	}
	return store.Open(path)
}

// openStoreForReading is openStore for commands that only read (sources, history,
// connections): while the desktop app holds the database they read beside it.
func (r *runner) openStoreForReading() (*store.Store, error) {
	st, err := r.openStore()
	if apperr.CodeOf(err) != apperr.StoreConflict {
		return st, err
	}
	path, perr := platform.DBPath()
	if perr != nil {
		return nil, err
	}
	return store.OpenReader(path)
}

func (r *runner) connections(st *store.Store) *connections.Service {
	return connections.New(st, r.secrets, connections.S3)
}

// usesChainFlags: the user asked for the AWS chain explicitly.
func (c common) usesChainFlags() bool { return c.profile != "" || c.endpoint != "" || c.region != "" }

func (c common) check() error {
	if c.connection != "" && c.usesChainFlags() {
		return usageError("--connection cannot be combined with --profile, --endpoint or --region")
	}
	if c.endpoint != "" {
		if u, err := url.Parse(c.endpoint); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return usageError("--endpoint %q: write a URL such as https://s3.example.com", c.endpoint)
		}
	}
	return nil
}

// chainClient connects with the standard AWS chain: env vars (AWS_ACCESS_KEY_ID,
// AWS_ENDPOINT_URL_S3 …), --profile / AWS_PROFILE and the ~/.aws files. A custom endpoint
// gets path-style addressing (s3api's default).
func chainClient(ctx context.Context, c common) (*s3api.Client, error) {
	return s3api.Connect(ctx, s3api.Config{
		UseDefaultChain: true, Profile: c.profile, Endpoint: c.endpoint, Region: c.region,
	})
}

// savedClient connects with the saved connection named name (secret from the keychain).
func (r *runner) savedClient(ctx context.Context, st *store.Store, name string) (*s3api.Client, store.Connection, error) {
	conn, err := st.ConnectionByName(ctx, name)
	if err != nil {
		if apperr.CodeOf(err) == apperr.StoreNotFound {
			return nil, store.Connection{}, apperr.New(apperr.InvalidInput).With("connection", name).
				With("usage", "no saved connection has this name; run \"vpack-s3-sync connections\"")
		}
		return nil, store.Connection{}, err
	}
	client, err := r.connections(st).ClientFor(ctx, conn.ID)
	return client, conn, err
}

// client is the S3 client for ls and get: a saved connection (which needs the database) or
// the AWS chain (which does not).
func (r *runner) client(ctx context.Context, c common) (*s3api.Client, func(), error) {
	if err := c.check(); err != nil {
		return nil, nil, err
	}
	if c.connection == "" {
		cl, err := chainClient(ctx, c)
		return cl, func() {}, err
	}
	st, err := r.openStore()
	if err != nil {
		return nil, nil, err
	}
	cl, _, err := r.savedClient(ctx, st, c.connection)
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return cl, func() { st.Close() }, nil
}

// syncTarget finds the source a `sync` writes its history under, and the client to use:
//   - --connection NAME: that connection;
//   - else a saved source with the same bucket, prefix and folder, when no AWS chain flag or
//     AWS_ACCESS_KEY_ID asks otherwise: that source's connection;
//   - else the AWS chain, recorded under a connection row named for it (no secret is saved:
//     the chain is read again on every run).
//
// A source with the same bucket, prefix and folder is reused whatever the credentials, so
// history dedups across runs and with the app; otherwise a new source row is made (manual
// only: the app does not schedule it).
func (r *runner) syncTarget(ctx context.Context, st *store.Store, c common, u s3URL, dest string) (syncer.Client, store.Source, error) {
	prefix := syncer.NormalizePrefix(u.Path)
	src, found, err := findSource(ctx, st, u.Bucket, prefix, dest)
	if err != nil {
		return nil, store.Source{}, err
	}
	var client *s3api.Client
	var connID int64
	switch {
	case c.connection != "":
		var conn store.Connection
		client, conn, err = r.savedClient(ctx, st, c.connection)
		connID = conn.ID
	case found && !c.usesChainFlags() && r.getenv("AWS_ACCESS_KEY_ID") == "" && !isChainConnection(ctx, st, src.ConnectionID):
		client, err = r.connections(st).ClientFor(ctx, src.ConnectionID)
		connID = src.ConnectionID
	default:
		client, err = chainClient(ctx, c)
		if err == nil && !found {
			connID, err = chainConnection(ctx, st, c, client.Endpoint())
		}
	}
	if err != nil {
		return nil, store.Source{}, err
	}
	if !found {
		src = store.Source{
			ConnectionID: connID, Name: "CLI: s3://" + u.Bucket + "/" + prefix,
			Bucket: u.Bucket, Prefix: prefix, LocalDir: dest, Enabled: true,
		}
		if err := st.CreateSource(ctx, &src); err != nil {
			return nil, store.Source{}, err
		}
	}
	return client, src, nil
}

func findSource(ctx context.Context, st *store.Store, bucket, prefix, dest string) (store.Source, bool, error) {
	srcs, err := st.ListSources(ctx)
	if err != nil {
		return store.Source{}, false, err
	}
	for _, s := range srcs {
		if s.Bucket == bucket && syncer.NormalizePrefix(s.Prefix) == prefix && samePath(s.LocalDir, dest) {
			return s, true, nil
		}
	}
	return store.Source{}, false, nil
}

func samePath(a, b string) bool {
	aa, err1 := filepath.Abs(a)
	bb, err2 := filepath.Abs(b)
	if err1 != nil || err2 != nil {
		return a == b
	}
	if filepath.Separator == '\\' {
		return strings.EqualFold(aa, bb)
	}
	return aa == bb
}

// chainPrefix marks the connection rows that stand for the AWS chain used by the CLI; they
// have no keychain entry.
const chainPrefix = "CLI: AWS "

func isChainConnection(ctx context.Context, st *store.Store, id int64) bool {
	conn, err := st.GetConnection(ctx, id)
	return err == nil && strings.HasPrefix(conn.Name, chainPrefix)
}

// chainConnection returns the id of the row standing for this flavour of the AWS chain
// (profile, endpoint), creating it when missing.
func chainConnection(ctx context.Context, st *store.Store, c common, endpoint string) (int64, error) {
	name := chainPrefix + "credentials"
	if c.profile != "" {
		name = chainPrefix + "profile " + c.profile
	}
	if u, err := url.Parse(endpoint); endpoint != "" && err == nil {
		name += " @ " + u.Host
	}
	if conn, err := st.ConnectionByName(ctx, name); err == nil {
		return conn.ID, nil
	} else if apperr.CodeOf(err) != apperr.StoreNotFound {
		return 0, err
	}
	conn := store.Connection{Name: name, Endpoint: endpoint, Region: c.region, PathStyle: endpoint != ""}
	if err := st.CreateConnection(ctx, &conn); err != nil {
		return 0, err
	}
	return conn.ID, nil
}

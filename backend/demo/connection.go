package demo

import (
	"context"

	"vpack-s3-sync/backend/apperr"
	"vpack-s3-sync/backend/connections"
	"vpack-s3-sync/backend/store"
)

// EnsureConnection makes the saved connection named ConnectionName point at srv, through the
// normal connections path (validated, secret in the keychain), and returns it. The first call
// adds it; later calls (a new random port on every start) update its endpoint, and put the
// demo secret back if the keychain lost it. The same connection ID is kept, so demo sources
// and their history survive restarts.
func EnsureConnection(ctx context.Context, svc *connections.Service, st *store.Store, srv *Server) (store.Connection, error) {
	conn, err := st.ConnectionByName(ctx, ConnectionName)
	if apperr.CodeOf(err) == apperr.StoreNotFound {
		conn, _, err = svc.Add(ctx, connections.AddInput{
			Name: ConnectionName, Endpoint: srv.Endpoint, Region: srv.Region,
			AccessKeyID: srv.AccessKey, SecretAccessKey: srv.SecretKey, Bucket: srv.Bucket,
		})
		return conn, err
	}
	if err != nil {
		return store.Connection{}, err
	}
	if conn.Endpoint != srv.Endpoint || !conn.PathStyle || conn.Region != srv.Region {
		conn.Endpoint, conn.PathStyle, conn.Region = srv.Endpoint, true, srv.Region
		if err := st.UpdateConnection(ctx, conn); err != nil {
			return store.Connection{}, err
		}
	}
	_, err = svc.Test(ctx, conn.ID, srv.Bucket)
	if apperr.CodeOf(err) == apperr.KeychainNotFound || conn.AccessKeyID != srv.AccessKey {
		conn, _, err = svc.RotateKey(ctx, conn.ID, connections.RotateInput{
			AccessKeyID: srv.AccessKey, SecretAccessKey: srv.SecretKey, Bucket: srv.Bucket,
		})
	}
	if err != nil {
		return store.Connection{}, err
	}
	return st.GetConnection(ctx, conn.ID)
}

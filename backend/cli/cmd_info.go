package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"
	"vpack-s3-sync/backend/syncer"

	"vpack-s3-sync/backend/store"
)

// sourceJSON is a source with its connection's name, for `sources --json`.
type sourceJSON struct {
	store.SourceView
	ConnectionName string `json:"connectionName"`
}

func (r *runner) cmdSources(ctx context.Context, args []string) error {
	var c common
	pos, err := r.parse(newFlags("sources", &c, false), args, sourcesUsage)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError("sources takes no arguments")
	}
	st, err := r.openStoreForReading()
	if err != nil {
		return err
	}
	defer st.Close()
	srcs, err := st.ListSources(ctx)
	if err != nil {
		return err
	}
	names, err := connectionNames(ctx, st)
	if err != nil {
		return err
	}
	if c.json {
		out := make([]sourceJSON, 0, len(srcs))
		for _, s := range srcs {
			out = append(out, sourceJSON{SourceView: s.View(), ConnectionName: names[s.ConnectionID]})
		}
		return json.NewEncoder(r.stdout).Encode(struct {
			Sources []sourceJSON `json:"sources"`
		}{out})
	}
	if len(srcs) == 0 {
		fmt.Fprintln(r.stdout, "no sources yet: add one in the app, or run vpack-s3-sync sync")
		return nil
	}
	tw := tabwriter.NewWriter(r.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tFROM\tTO\tCONNECTION\tSCHEDULE\tSTATE\tLAST RUN")
	for _, s := range srcs {
		fmt.Fprintln(tw, sourceLine(s, names[s.ConnectionID]))
	}
	return tw.Flush()
}

func connectionNames(ctx context.Context, st *store.Store) (map[int64]string, error) {
	conns, err := st.ListConnections(ctx)
	if err != nil {
		return nil, err
	}
	names := make(map[int64]string, len(conns))
	for _, c := range conns {
		names[c.ID] = c.Name
	}
	return names, nil
}

func (r *runner) cmdHistory(ctx context.Context, args []string) error {
	var c common
	fs := newFlags("history", &c, false)
	source := fs.Int64("source", 0, "")
	limit := fs.Int("limit", 50, "")
	offset := fs.Int("offset", 0, "")
	search := fs.String("search", "", "")
	pos, err := r.parse(fs, args, historyUsage)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError("history takes no arguments; filter with --source, --search")
	}
	if *limit < 1 || *limit > store.MaxHistoryPage || *offset < 0 {
		return usageError("--limit must be 1 to %d and --offset at least 0", store.MaxHistoryPage)
	}
	st, err := r.openStoreForReading()
	if err != nil {
		return err
	}
	defer st.Close()
	if *source != 0 {
		if _, err := st.GetSource(ctx, *source); err != nil {
			return err
		}
	}
	page, err := st.HistoryPage(ctx, store.HistoryQuery{SourceID: *source, Search: *search, Limit: *limit, Offset: *offset})
	if err != nil {
		return err
	}
	if c.json {
		return json.NewEncoder(r.stdout).Encode(page.View())
	}
	tw := tabwriter.NewWriter(r.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DOWNLOADED\tSOURCE\tSIZE\tKEY\tLOCAL FILE")
	for _, f := range page.Files {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\n", f.DownloadedAt.Local().Format("2006-01-02 15:04:05"),
			f.SourceID, syncer.FormatBytes(f.Size), f.Key, f.LocalPath)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if shown := int64(*offset + len(page.Files)); shown < page.Total {
		fmt.Fprintf(r.stdout, "%d of %d files shown; see more with --offset %d\n", len(page.Files), page.Total, shown)
	}
	return nil
}

func (r *runner) cmdConnections(ctx context.Context, args []string) error {
	var c common
	pos, err := r.parse(newFlags("connections", &c, false), args, connectionsUsage)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError("connections takes no arguments")
	}
	st, err := r.openStoreForReading()
	if err != nil {
		return err
	}
	defer st.Close()
	conns, err := st.ListConnections(ctx)
	if err != nil {
		return err
	}
	if c.json {
		out := make([]store.ConnectionView, 0, len(conns))
		for _, c := range conns {
			out = append(out, c.View())
		}
		return json.NewEncoder(r.stdout).Encode(struct {
			Connections []store.ConnectionView `json:"connections"`
		}{out})
	}
	if len(conns) == 0 {
		fmt.Fprintln(r.stdout, "no saved connections: add one in the app")
		return nil
	}
	tw := tabwriter.NewWriter(r.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tENDPOINT\tACCESS KEY ID\tACCOUNT")
	for _, c := range conns {
		endpoint := c.Endpoint
		if endpoint == "" {
			endpoint = "AWS"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", c.ID, c.Name, endpoint, c.AccessKeyID, c.AccountID)
	}
	return tw.Flush()
}

package cli

import (
	"flag"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// common are the flags every command accepts.
type common struct {
	json       bool
	lang       string
	connection string
	profile    string
	endpoint   string
	region     string
}

// newFlags makes a command's flag set with the common flags; usage is printed by --help.
func newFlags(name string, c *common, withCreds bool) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.BoolVar(&c.json, "json", false, "")
	fs.StringVar(&c.lang, "lang", "", "")
	if withCreds {
		fs.StringVar(&c.connection, "connection", "", "")
		fs.StringVar(&c.profile, "profile", "", "")
		fs.StringVar(&c.endpoint, "endpoint", "", "")
		fs.StringVar(&c.region, "region", "", "")
	}
	return fs
}

// parse reads flags anywhere among the arguments ("sync s3://b/p DEST --json" as well as
// "sync --json s3://b/p DEST"); "--" ends the flags. It prints help and returns errHelp for
// -h/--help.
func (r *runner) parse(fs *flag.FlagSet, args []string, help string) ([]string, error) {
	for _, a := range args {
		if a == "--" {
			break
		}
		if isHelp(a) {
			fmt.Fprint(r.stdout, help)
			return nil, errHelp
		}
	}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usageError("%s %v; run \"vpack-s3-sync %s --help\"", fs.Name(), err, fs.Name())
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// s3URL is s3://BUCKET[/KEY-OR-PREFIX].
type s3URL struct {
	Bucket string
	Path   string
}

func parseS3URL(s string) (s3URL, error) {
	rest, ok := strings.CutPrefix(s, "s3://")
	if !ok {
		return s3URL{}, usageError("%q is not an S3 URL; write s3://BUCKET/PATH", s)
	}
	bucket, path, _ := strings.Cut(rest, "/")
	if bucket == "" {
		return s3URL{}, usageError("%q names no bucket; write s3://BUCKET/PATH", s)
	}
	if _, err := url.Parse("http://" + bucket); err != nil || strings.ContainsAny(bucket, " \\") {
		return s3URL{}, usageError("%q is not a bucket name", bucket)
	}
	return s3URL{Bucket: bucket, Path: path}, nil
}

// parseSince reads --since: a number of days ("7d"), hours ("36h"), or a date
// ("2026-01-31", midnight local time) or RFC 3339 time.
func parseSince(s string, now time.Time) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if n, ok := strings.CutSuffix(s, "d"); ok {
		if days, err := strconv.Atoi(n); err == nil && days > 0 {
			return now.AddDate(0, 0, -days), nil
		}
	}
	if n, ok := strings.CutSuffix(s, "h"); ok {
		if hours, err := strconv.Atoi(n); err == nil && hours > 0 {
			return now.Add(-time.Duration(hours) * time.Hour), nil
		}
	}
	if t, err := time.ParseInLocation("2006-01-02", s, time.Local); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, usageError("--since %q: write a number of days (7d), hours (36h) or a date (2026-01-31)", s)
}

// parseExtensions reads --ext: ".mp4,.mov" or "mp4 mov"; "*" means every file.
func parseExtensions(s string) []string {
	s = strings.TrimSpace(s)
	if s == "*" {
		return []string{}
	}
	var out []string
	for _, e := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		e = strings.ToLower(e)
		if !strings.HasPrefix(e, ".") {
			e = "." + e
		}
		out = append(out, e)
	}
	return out
}

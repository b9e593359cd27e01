package cli

import (
	"fmt"
	"strings"

	"vpack-s3-sync/backend/syncer"
)

const credentialsHelp = `Credentials:
  --connection NAME   a connection saved in the app (its secret comes from the OS keychain)
  otherwise the standard AWS chain: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN,
  AWS_REGION, AWS_PROFILE (or --profile NAME), AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL (or
  --endpoint URL) and the ~/.aws files. A non-AWS endpoint uses path-style addressing.
  --region REGION     the region to sign for (default: from the chain, else us-east-1)
`

const commonHelp = `  --json              print JSON instead of text
  --lang en|vi        language of error messages (default: LC_ALL / LANG)
`

const exitHelp = `Exit codes: 0 all good · 1 some files failed · 2 bad usage or input ·
3 credentials or permission · 4 network or endpoint unreachable.
`

func mainUsage() string {
	var b strings.Builder
	b.WriteString(`vpack-s3-sync: bring security-camera videos down from S3 to this computer.

Usage:
  vpack-s3-sync                       open the desktop app
  vpack-s3-sync <command> [flags]     run one command, without a window

Commands:
`)
	for _, c := range commands {
		fmt.Fprintf(&b, "  %-12s %s\n", c.name, c.summary)
	}
	b.WriteString(`
Run "vpack-s3-sync <command> --help" for a command's arguments and flags.

`)
	b.WriteString(credentialsHelp)
	b.WriteString("\nFlags every command takes:\n" + commonHelp)
	b.WriteString("\nState (history, sources, connections) lives in the app's data folder, or in\n$VPACK_S3_SYNC_HOME when set; the desktop app and the CLI share it (one at a time).\n\n")
	b.WriteString(exitHelp)
	return b.String()
}

var lsUsage = `Usage: vpack-s3-sync ls [s3://BUCKET[/PREFIX/]] [flags]

Without an argument, lists the buckets. With one, lists one folder level, every page:
its folders (PRE), then its files with time, size and name.

  --recursive       list every object under PREFIX, in all its subfolders, in key order: time,
                    size and full key, one a line, printed while the listing pages arrive
  --ext .mp4,.mov   with --recursive: only these file types (default: every file)
  --json   {"folders":[{"prefix":…}],"files":[{"key":…,"size":…,"etag":…,"lastModified":…,"storageClass":…}]}
           (lastModified in Unix milliseconds); for buckets {"buckets":[{"name":…,"created":…}]};
           with --recursive, one object a line: {"key":…,"size":…,"etag":…,"lastModified":…}
` + commonHelp + "\n" + credentialsHelp + "\n" + exitHelp

var getUsage = `Usage: vpack-s3-sync get s3://BUCKET/KEY [DEST] [flags]

Downloads one object to DEST (a file, or a folder to put it in; default: the current folder),
with a progress bar on a terminal. An interrupted download resumes when run again. If DEST is
a different file already, both are kept ("name (1).mp4") unless --overwrite is given.

  --overwrite   replace an existing file at DEST
` + commonHelp + "\n" + credentialsHelp + "\n" + exitHelp

var syncUsage = `Usage: vpack-s3-sync sync s3://BUCKET[/PREFIX] DEST [flags]

Downloads the videos under PREFIX that are not yet in DEST, keeping the folder layout
(DEST/<key relative to PREFIX>), and records them in the app's history: each video is
downloaded once; a video replaced in the bucket is downloaded again. Objects in GLACIER or
DEEP_ARCHIVE are counted as archived, not downloaded. Runs once, or again every --every.

  --ext .mp4,.mov     file types to sync (default: common camera video types; "*" = every file)
  --since 7d          only objects modified in the last 7 days (or 36h, or since a date: 2026-01-31)
  --concurrency N     files downloaded at once (default ` + fmt.Sprint(syncer.DefaultConcurrency) + `)
  --every 15m         repeat until interrupted (Ctrl-C), e.g. 15m, 1h
  --json              print the summary as one JSON line, always the last line on stdout:
                      {"listed":N,"matched":N,"downloaded":N,"skipped":N,"failed":N,"archived":N,
                       "bytes":N,"requests":{"list":N,"get":N,"head":N},
                       "errors":[{"key":…,"code":…,"message":…}]}
  --lang en|vi        language of error messages (default: LC_ALL / LANG)

The run is saved in the same history as the app's: a saved source with the same bucket,
prefix and folder is reused (and its connection, unless other credentials are given);
otherwise a source is added for the CLI. Failed files are listed on stderr, one per line.

` + credentialsHelp + "\n" + exitHelp

var sourcesUsage = `Usage: vpack-s3-sync sources [--json]

Lists the sources the app syncs: where from, where to, the schedule and the last run.
` + commonHelp + "\n" + exitHelp

var historyUsage = `Usage: vpack-s3-sync history [--source ID] [--search TEXT] [--limit N] [--offset N] [--json]

Lists downloaded files, newest first (50 per page by default).

  --source ID     only this source (see "vpack-s3-sync sources")
  --search TEXT   only keys containing TEXT
  --limit N       files per page, 1 to 1000
  --offset N      skip the first N files
` + commonHelp + "\n" + exitHelp

var connectionsUsage = `Usage: vpack-s3-sync connections [--json]

Lists the connections saved in the app (name, endpoint, access key ID). Secrets are never shown.
` + commonHelp + "\n" + exitHelp

var demoUsage = `Usage: vpack-s3-sync demo [--serve] [--addr 127.0.0.1:PORT] [--json]

Starts the built-in demo store: an S3 server inside this program on 127.0.0.1, holding sample
recordings from three cameras (camera1…camera3/YYYY/MM/DD/HH/…), snapshots and logs, so the
app can be tried without an AWS account. Without --serve it opens the desktop app connected
to it. With --serve it prints the endpoint and the demo credentials and waits for Ctrl-C;
with --json it prints them as one JSON line
{"endpoint":…,"region":…,"bucket":…,"accessKeyId":…,"secretAccessKey":…}.

  --serve               serve only, no window
  --addr 127.0.0.1:PORT listen there instead of on a random free port
  --lang en|vi          language of error messages
`

// Package cli is the headless face of the app: `vpack-s3-sync <command>` lists, downloads and
// syncs over the same services as the desktop app (s3api, transfer, syncer, store, connections),
// with the same history database. It holds no logic of its own beyond parsing, printing and
// exit codes: 0 ok, 1 some files failed, 2 bad usage or input, 3 credentials or permission,
// 4 network or endpoint unreachable. Errors go to stderr, one line each, in English or
// Vietnamese. It never prints a secret.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"

	"vpack-s3-sync/backend/apperr"
	"vpack-s3-sync/backend/connections"
	"vpack-s3-sync/backend/platform"
	"vpack-s3-sync/backend/secrets"
)

// Exit codes, the CLI's contract.
const (
	ExitOK          = 0
	ExitSomeFailed  = 1
	ExitUsage       = 2
	ExitCredentials = 3
	ExitNetwork     = 4
)

// OpenDemoApp, when set by main, opens the desktop app connected to the demo store: what
// `vpack-s3-sync demo` does without --serve. Without it, `demo` serves like `demo --serve`.
var OpenDemoApp func() int

// Run executes one command line (without the program name) and returns the exit code. Logs
// go to the app's rotated log file (platform.SetupLogging), never to the terminal.
func Run(args []string, stdout, stderr io.Writer) int {
	r := newRunner(stdout, stderr)
	r.setupLogging = true
	return r.run(args)
}

// runner is one invocation: its streams, language and the services it reaches.
type runner struct {
	stdout, stderr io.Writer
	lang           string
	getenv         func(string) string
	secrets        connections.Secrets
	openDemoApp    func() int
	setupLogging   bool
	// signals ends the context on Ctrl-C / SIGTERM; tests replace it.
	signals func(context.Context) (context.Context, context.CancelFunc)
}

func newRunner(stdout, stderr io.Writer) *runner {
	return &runner{
		stdout: stdout, stderr: stderr,
		getenv:      os.Getenv,
		secrets:     secrets.Default,
		openDemoApp: OpenDemoApp,
		signals: func(ctx context.Context) (context.Context, context.CancelFunc) {
			return signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
		},
	}
}

type command struct {
	name    string
	summary string
	run     func(r *runner, ctx context.Context, args []string) error
}

var commands = []command{
	{"ls", "list buckets, one folder level, or every object under a prefix (--recursive)", (*runner).cmdLs},
	{"get", "download one object", (*runner).cmdGet},
	{"sync", "download new videos under a prefix into a folder, once or --every", (*runner).cmdSync},
	{"sources", "list the sources the app syncs", (*runner).cmdSources},
	{"history", "list downloaded files, newest first", (*runner).cmdHistory},
	{"connections", "list saved connections (never their secrets)", (*runner).cmdConnections},
	{"demo", "start the built-in demo store", (*runner).cmdDemo},
}

func (r *runner) run(args []string) int {
	r.lang = detectLang(args, r.getenv)
	if len(args) == 0 || isHelp(args[0]) || args[0] == "help" {
		if len(args) > 1 && args[0] == "help" {
			return r.run([]string{args[1], "--help"})
		}
		fmt.Fprint(r.stdout, mainUsage())
		return ExitOK
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		if r.setupLogging {
			if _, closer, err := platform.SetupLogging(slog.LevelInfo); err == nil {
				defer closer.Close()
			} else {
				slog.SetDefault(slog.New(slog.DiscardHandler))
			}
		}
		ctx, stop := r.signals(context.Background())
		defer stop()
		err := c.run(r, ctx, args[1:])
		return r.exit(err)
	}
	return r.exit(usageError("unknown command %q; run \"vpack-s3-sync --help\"", args[0]))
}

// errSomeFailed ends a command whose own work finished with some failed files (exit 1); the
// failures were already reported.
var errSomeFailed = errors.New("some files failed")

// errHelp ends a command after it printed its help.
var errHelp = errors.New("help shown")

func (r *runner) exit(err error) int {
	var code exitCode
	switch {
	case errors.As(err, &code):
		return int(code)
	case err == nil, errors.Is(err, errHelp):
		return ExitOK
	case errors.Is(err, errSomeFailed):
		return ExitSomeFailed
	}
	r.printError(err)
	return apperr.ExitCode(err)
}

// printError writes one line: code, message, details, hint, in the user's language.
func (r *runner) printError(err error) {
	fmt.Fprintln(r.stderr, "vpack-s3-sync: "+errorLine(err, r.lang))
}

func errorLine(err error, lang string) string {
	if err == nil {
		return ""
	}
	e := apperr.Classify(err)
	line := string(e.Code) + ": " + apperr.Message(e, lang)
	if d := detailText(e.Details); d != "" {
		line += " [" + d + "]"
	}
	if hint := apperr.HintText(e, lang); hint != "" {
		line += " " + hint
	}
	return strings.ReplaceAll(line, "\n", " ")
}

func detailText(d map[string]string) string {
	keys := make([]string, 0, len(d))
	for k := range d {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, k+"="+d[k])
	}
	return strings.Join(parts, " ")
}

// usageError is a bad command line (exit 2); the text is in English, like the flags.
func usageError(format string, a ...any) error {
	return apperr.New(apperr.InvalidInput).With("usage", fmt.Sprintf(format, a...))
}

// detectLang: --lang wins, then LC_ALL, LC_MESSAGES, LANG ("vi_VN.UTF-8" → vi); else English.
func detectLang(args []string, getenv func(string) string) string {
	for i, a := range args {
		if a == "--" {
			break
		}
		if v, ok := strings.CutPrefix(a, "--lang="); ok {
			return v
		}
		if (a == "--lang" || a == "-lang") && i+1 < len(args) {
			return args[i+1]
		}
	}
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(k); v != "" && v != "C" && v != "POSIX" {
			return v
		}
	}
	return "en"
}

func isHelp(a string) bool { return a == "-h" || a == "--help" || a == "-help" }

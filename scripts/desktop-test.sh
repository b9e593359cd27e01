#!/usr/bin/env bash
# The built app under Xvfb with a keychain and a tray watcher stand-in on the session bus:
# tray menu, Sync now, hide on close, single instance, Quit (desktop_linux_test.go).
set -euo pipefail
cd "$(dirname "$0")/.."
exec xvfb-run -a -s "-screen 0 1280x800x24" scripts/with-keyring.sh \
  go test -count=1 -tags 'webkit2_41 desktoptest' -run '^TestDesktop' -v .

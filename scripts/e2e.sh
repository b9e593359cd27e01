#!/usr/bin/env bash
# End-to-end UI tests: versitygw seeded with a camera layout, the app in `wails dev` (real Go
# backend, real keychain) under Xvfb, and playwright-core driving Debian's Chromium against
# http://localhost:34115. Screenshots land in docs/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$(go env GOPATH)/bin:$PATH"
root=$(pwd)

if [ "${1:-}" != "--inside" ]; then
  [ -x /usr/bin/chromium ] || { echo "e2e: /usr/bin/chromium missing: run make setup" >&2; exit 1; }
  exec xvfb-run -a -s "-screen 0 1280x800x24" scripts/with-keyring.sh "$0" --inside
fi

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -TERM -- "-$p" 2>/dev/null || kill -TERM "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work" 2>/dev/null || true
}
trap cleanup EXIT

go build -o "$work/s3serve" ./backend/s3test/cmd/s3serve
setsid "$work/s3serve" -root "$work/s3" -env "$work/s3.env" >"$work/s3serve.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do [ -s "$work/s3.env" ] && break; sleep 0.1; done
[ -s "$work/s3.env" ] || { echo "e2e: the S3 server did not start"; cat "$work/s3serve.log"; exit 1; }
set -a; . "$work/s3.env"; set +a

export VPACK_S3_SYNC_HOME="$work/home"
export E2E_DEST_DIR="$work/dest"
export E2E_SCREENSHOT_DIR="${E2E_SCREENSHOT_DIR:-$root/docs/screenshots}"
export E2E_APP_URL="http://localhost:34115"
mkdir -p "$VPACK_S3_SYNC_HOME" "$E2E_DEST_DIR" "$E2E_SCREENSHOT_DIR"

setsid wails dev -m -tags webkit2_41 -loglevel Warning -noreload >"$work/wails-dev.log" 2>&1 &
pids+=($!)
up=""
for _ in $(seq 1 900); do  # a cold build can take minutes on 2 cores
  if curl -fsS -o /dev/null "$E2E_APP_URL/" 2>/dev/null && curl -fsS "$E2E_APP_URL/wails/ipc.js" -o /dev/null 2>/dev/null; then up=1; break; fi
  if ! kill -0 "${pids[1]}" 2>/dev/null; then break; fi
  sleep 1
done
[ -n "$up" ] || { echo "e2e: wails dev did not serve $E2E_APP_URL"; tail -50 "$work/wails-dev.log"; exit 1; }

status=0
(cd frontend && npm run --silent e2e) || status=$?
if [ $status -ne 0 ]; then
  echo "e2e: failed; the app's log:"; tail -80 "$work/wails-dev.log"
fi
exit $status

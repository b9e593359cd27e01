#!/usr/bin/env bash
# The app starts for real: the built Linux binary under Xvfb on a private D-Bus session,
# a screenshot of the screen, and a failure if the process died or the window is blank.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/bin/vpack-s3-sync
shot=${SMOKE_SCREENSHOT:-build/bin/smoke.png}
[ -x "$bin" ] || { echo "smoke: $bin missing (make build)" >&2; exit 1; }

if [ "${1:-}" != "--inside" ]; then
  exec xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- "$0" --inside
fi

home=$(mktemp -d)
log="$home/app.log"
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$home"' EXIT
VPACK_S3_SYNC_HOME="$home" "$bin" >"$log" 2>&1 &
pid=$!

found=""
for _ in $(seq 1 150); do
  kill -0 "$pid" 2>/dev/null || { echo "smoke: the app exited early:"; cat "$log"; exit 1; }
  if xwininfo -root -tree 2>/dev/null | grep -q '"VPACK S3 Sync"'; then found=1; break; fi
  sleep 0.2
done
[ -n "$found" ] || { echo "smoke: no window titled 'VPACK S3 Sync' appeared"; cat "$log"; exit 1; }

# Give the webview time to paint, then require a real picture, not one flat colour.
colours=0
for _ in $(seq 1 30); do
  sleep 1
  import -window root "$shot"
  colours=$(identify -format '%k' "$shot")
  [ "$colours" -ge 64 ] && break
done
kill -0 "$pid" 2>/dev/null || { echo "smoke: the app died while painting:"; cat "$log"; exit 1; }
if [ "$colours" -lt 64 ]; then
  echo "smoke: the window looks blank ($colours colours in $shot)"; cat "$log"; exit 1
fi
echo "smoke: window painted with $colours colours; screenshot at $shot"

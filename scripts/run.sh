#!/usr/bin/env bash
# Opens the built app. With no connection saved yet it opens on the embedded demo store, so a
# newcomer sees videos arrive without an AWS account; otherwise it opens normally.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/bin/vpack-s3-sync
if "$bin" connections --json 2>/dev/null | grep -q '"connections":\[\]'; then
  echo "No connection saved yet: opening on the built-in demo store."
  exec "$bin" demo
fi
exec "$bin"

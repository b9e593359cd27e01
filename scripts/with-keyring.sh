#!/usr/bin/env bash
# Runs a command with a real, unlocked Secret Service (gnome-keyring) on a private D-Bus
# session bus, so keychain tests talk to the same API a Linux desktop gives the app.
# Usage: scripts/with-keyring.sh CMD [ARGS…]
set -euo pipefail
if [ "${1:-}" != "--inside" ]; then
  command -v dbus-run-session >/dev/null || { echo "dbus-run-session missing: run make setup" >&2; exit 1; }
  command -v gnome-keyring-daemon >/dev/null || { echo "gnome-keyring-daemon missing: run make setup" >&2; exit 1; }
  tmp=$(mktemp -d)
  # The desktop portal may mount a FUSE folder under the runtime dir: unmount it first, and
  # never let cleanup change the command's exit code.
  trap 'fusermount -u "$tmp/runtime/doc" 2>/dev/null || true; rm -rf "$tmp" 2>/dev/null || true' EXIT
  mkdir -p "$tmp/data" "$tmp/runtime"
  chmod 700 "$tmp/runtime"
  # HOME stays as it is so Go's module and build caches stay warm.
  XDG_DATA_HOME="$tmp/data" XDG_RUNTIME_DIR="$tmp/runtime" \
    dbus-run-session -- "$0" --inside "$@"
  exit $?
fi
shift
# A throwaway password unlocks (and creates) the login keyring.
eval "$(printf 'vpack-test-keyring\n' | gnome-keyring-daemon --unlock --components=secrets)" >/dev/null
export GNOME_KEYRING_CONTROL
for _ in $(seq 1 100); do
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; then
    break
  fi
  sleep 0.1
done
dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
  org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets | grep -q 'boolean true' \
  || { echo "org.freedesktop.secrets did not appear on the session bus" >&2; exit 1; }
export VPACK_KEYRING_READY=1
"$@"

#!/usr/bin/env bash
# Installs everything the project needs on Debian 12, skipping what is already there.
# Idempotent: `make setup` runs it before every build or test, so a fresh machine needs nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(libgtk-3-dev libwebkit2gtk-4.1-dev nsis xvfb xauth dbus dbus-x11 gnome-keyring
  libsecret-tools x11-utils python3-xlib chromium imagemagick fonts-noto-core awscli rclone curl time pkg-config gcc)
VERSITYGW_VERSION=v1.8.0
TOXIPROXY_VERSION=v2.5.0
GOBIN_DIR="$(go env GOPATH)/bin"
export PATH="$GOBIN_DIR:$PATH"

say() { printf '[setup] %s\n' "$*"; }

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "apt: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# go_tool_version BIN → the main module's version recorded in the binary, or nothing.
go_tool_version() { [ -x "$1" ] && go version -m "$1" 2>/dev/null | awk '$1=="mod"{print $3; exit}'; }

if [ "$(go_tool_version "$GOBIN_DIR/versitygw")" != "$VERSITYGW_VERSION" ]; then
  say "building versitygw $VERSITYGW_VERSION (a few minutes on a cold cache)"
  go install "github.com/versity/versitygw/cmd/versitygw@$VERSITYGW_VERSION"
fi

if [ "$(go_tool_version "$GOBIN_DIR/toxiproxy-server")" != "$TOXIPROXY_VERSION" ] || [ ! -x "$GOBIN_DIR/toxiproxy-cli" ]; then
  say "building toxiproxy $TOXIPROXY_VERSION"
  tmp=$(mktemp -d)
  GOBIN="$tmp" go install "github.com/Shopify/toxiproxy/v2/cmd/server@$TOXIPROXY_VERSION" "github.com/Shopify/toxiproxy/v2/cmd/cli@$TOXIPROXY_VERSION"
  mv "$tmp/server" "$GOBIN_DIR/toxiproxy-server"
  mv "$tmp/cli" "$GOBIN_DIR/toxiproxy-cli"
  rm -rf "$tmp"
fi

# The Wails CLI from tools/wails: it pins a golang.org/x/tools that compiles on current Go.
if [ ! -x "$GOBIN_DIR/wails" ] || ! "$GOBIN_DIR/wails" version 2>/dev/null | grep -q 'v2.9.2'; then
  say "building the Wails CLI v2.9.2"
  (cd tools/wails && go install github.com/wailsapp/wails/v2/cmd/wails)
fi

if [ ! -f frontend/node_modules/.package-lock.json ] || [ frontend/package-lock.json -nt frontend/node_modules/.package-lock.json ]; then
  say "npm ci in frontend/"
  (cd frontend && npm ci --no-audit --no-fund --loglevel=error)
fi
# main.go embeds frontend/dist: Go cannot even vet the app before the frontend was built once.
if [ ! -f frontend/dist/index.html ]; then
  say "building the frontend once (frontend/dist)"
  (cd frontend && npm run --silent build >/dev/null)
fi
say "ready"

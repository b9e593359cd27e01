#!/usr/bin/env bash
# Every test, in order, stopping at the first failure: format, vet, Go tests (with a real
# keychain, versitygw and toxiproxy), frontend type check and unit tests, the app's smoke
# test under Xvfb, then the end-to-end UI tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$(go env GOPATH)/bin:$PATH"
step() { printf '\n=== %s\n' "$*"; }

step "gofmt";          make --no-print-directory fmt-check
step "go vet";         make --no-print-directory vet
step "go test -race";  make --no-print-directory test-go
step "frontend";       make --no-print-directory test-frontend
step "smoke";          make --no-print-directory smoke
step "end-to-end";     make --no-print-directory e2e
echo
echo "all tests passed"

# VPACK S3 Sync. `make run` opens the app, `make test` runs every test; both install what is
# missing first (scripts/setup.sh is idempotent).
SHELL := /bin/bash
GOBIN := $(shell go env GOPATH)/bin
export PATH := $(GOBIN):$(PATH)
TAGS := webkit2_41
WAILS := $(GOBIN)/wails

.PHONY: setup run test test-go test-frontend smoke e2e build build-windows build-darwin bench fmt-check vet

setup:
	@scripts/setup.sh

run: setup build
	scripts/run.sh

test: setup
	@scripts/test.sh

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go'; git ls-files --others --exclude-standard '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	go vet -tags $(TAGS) ./...
	GOOS=windows CGO_ENABLED=0 go vet . ./backend/...
	GOOS=darwin CGO_ENABLED=0 go vet ./backend/...

test-go:
	scripts/with-keyring.sh go test -race -count=1 -tags $(TAGS) ./...
	@# the 100k-row history pass at full speed (the race detector slows SQLite ~30x)
	go test -count=1 -run 'HistoryRowsInKeyOrder' -v ./backend/store | grep -E 'rows|^ok|FAIL'

test-frontend:
	cd frontend && npm run typecheck && npm test

smoke: build
	scripts/smoke.sh
	scripts/desktop-test.sh

e2e:
	scripts/e2e.sh

build:
	$(WAILS) build -tags $(TAGS) -o vpack-s3-sync
	@test -x build/bin/vpack-s3-sync || { echo "build/bin/vpack-s3-sync was not produced"; exit 1; }

build-windows:
	CGO_ENABLED=0 $(WAILS) build -platform windows/amd64 -nsis -o vpack-s3-sync.exe
	@test -f build/bin/vpack-s3-sync.exe || { echo "build/bin/vpack-s3-sync.exe was not produced"; exit 1; }
	@ls build/bin/*-installer.exe >/dev/null 2>&1 || { echo "the NSIS installer was not produced"; exit 1; }

# Wails cannot cross-compile to macOS from Linux: it warns and exits 0 with nothing built, so
# this target fails loudly instead. See docs/building-macos.md.
build-darwin:
	$(WAILS) build -platform darwin/universal -o vpack-s3-sync
	@test -d "build/bin/VPACK S3 Sync.app" || test -d build/bin/vpack-s3-sync.app || { echo "no macOS app bundle: macOS builds need a Mac (docs/building-macos.md)"; exit 1; }

bench: setup
	bench/run.sh

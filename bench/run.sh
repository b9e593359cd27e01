#!/usr/bin/env bash
# Runs the benchmarks (make bench): builds our CLI and the harness into bench/out, then
# bench/cmd/benchrun starts versitygw, seeds bench/.data once and writes the results.
#   BENCH_SCALE=small|full (default full)   BENCH_RUNS=N counted runs (default 5)
#   BENCH_ONLY=S1,S4   only these scenarios  BENCH_RESULTS=FILE   where to write the table
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$(go env GOPATH)/bin:$PATH"
mkdir -p bench/out

say() { printf '[bench] %s\n' "$*"; }

say "building the harness"
go build -o bench/out/benchrun ./bench/cmd/benchrun
go build -o bench/out/planbench ./bench/cmd/planbench
go build -o bench/out/s3serve ./backend/s3test/cmd/s3serve

# Our CLI is the repository root's main package (the desktop app's binary without the UI tag
# set is the same program when given a command). A failed build is reported, and the harness
# then measures the peers and the ceiling only.
if go build -o bench/out/vpack-s3-sync.new . 2>bench/out/build.log; then
  mv bench/out/vpack-s3-sync.new bench/out/vpack-s3-sync
else
  say "our CLI did not build (bench/out/build.log); measuring the peers only"
  rm -f bench/out/vpack-s3-sync bench/out/vpack-s3-sync.new
fi

exec bench/out/benchrun -scale "${BENCH_SCALE:-full}" -runs "${BENCH_RUNS:-5}" -only "${BENCH_ONLY:-}" "$@"

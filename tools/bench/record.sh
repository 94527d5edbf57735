#!/bin/sh
# Record and report benchmarks (tools/bench/bench_record.c): append throughput
# against plain stdio lines, bytes per hour of a session in constant motion,
# and report generation for 30 trainees × 5 sessions against only reading the
# files. Prints medians of RUNS, never asserts.
#
#   tools/bench/record.sh [BENCH_RECORD] [RUNS]
#   (default build/release/tests/e2e/bench_record, 5; build it with `make build`)
set -eu
BIN=${1:-build/release/tests/e2e/bench_record}
RUNS=${2:-5}
[ -x "$BIN" ] || { echo "record.sh: no executable '$BIN' (build it: make build)" >&2; exit 2; }
exec "$BIN" bench "$RUNS"

#!/bin/sh
# Startup benchmark: process start to headless screenshot written
# (`paja run --headless --frames 1 --screenshot`), median of N runs, against a
# baseline measured in the same run: `paja --version` (process start, dynamic
# linking and exit, no GL). Run on llvmpipe with the glibc malloc tunables of
# the headless-rendering reference; prints medians, never asserts.
#
#   tools/bench/startup.sh [PAJA] [RUNS]      (default build/release/paja, 15)
set -eu
PAJA=${1:-build/release/paja}
RUNS=${2:-15}
[ -x "$PAJA" ] || { echo "startup.sh: no executable '$PAJA' (build it: make build)" >&2; exit 2; }

export SDL_VIDEODRIVER=offscreen LIBGL_ALWAYS_SOFTWARE=1
export GLIBC_TUNABLES=glibc.malloc.trim_threshold=4294967295:glibc.malloc.top_pad=268435456
unset DISPLAY WAYLAND_DISPLAY
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Warm the Mesa shader cache the way a second start of paja finds it.
export MESA_SHADER_CACHE_DIR="$tmp/shader-cache"

# time_runs NAME -- command...: prints one duration in ms per line.
time_runs() {
    name=$1; shift; shift
    "$@" >/dev/null 2>&1 # warm-up: page cache, shader cache
    i=0
    while [ $i -lt "$RUNS" ]; do
        t0=$(date +%s%N)
        "$@" >/dev/null 2>&1
        t1=$(date +%s%N)
        echo $(( (t1 - t0) / 1000 ))
        i=$((i + 1))
    done >"$tmp/$name"
}

median_ms() {
    sort -n "$tmp/$1" | awk '{ v[NR] = $1 } END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
        printf "%.1f ms [%.1f-%.1f]", m / 1000, v[1] / 1000, v[NR] / 1000 }'
}

median_us() {
    sort -n "$tmp/$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

time_runs version -- "$PAJA" --version
time_runs headless -- "$PAJA" run --headless --frames 1 --screenshot "$tmp/shot.png" -q
[ -s "$tmp/shot.png" ] || { echo "startup.sh: paja wrote no screenshot" >&2; exit 1; }

echo "paja startup, median of $RUNS runs [min-max] ($(uname -m), $(nproc) CPUs)"
echo "  baseline: paja --version                          $(median_ms version)"
echo "  headless 1280x720: start to screenshot written    $(median_ms headless)"
awk -v a="$(median_us headless)" -v b="$(median_us version)" \
    'BEGIN { printf "  ratio headless / baseline: %.1fx (GL context, shaders, scene, one frame, PNG)\n", a / b }'

#!/bin/sh
# Startup benchmark: process start to headless screenshot written, median of
# N runs, for the built-in workshop (`paja run --builtin --headless --frames 1
# --screenshot`) and for the EV scenario (scenario, glTF scene, session and
# record), against a baseline measured in the same run: `paja --version`
# (process start, dynamic linking and exit, no GL). Records go to a temporary
# folder, never to the user's own. Run on llvmpipe with the glibc malloc tunables of
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
time_runs headless -- "$PAJA" run --builtin --headless --frames 1 --screenshot "$tmp/shot.png" -q
[ -s "$tmp/shot.png" ] || { echo "startup.sh: paja wrote no screenshot" >&2; exit 1; }
SRC=$(cd "$(dirname "$0")/../.." && pwd)
time_runs scenario -- "$PAJA" run "$SRC/scenarios/ev-hv-isolation" --headless --frames 1 \
    --records "$tmp/records" --screenshot "$tmp/ev.png" -q
[ -s "$tmp/ev.png" ] || { echo "startup.sh: paja wrote no screenshot of the EV scenario" >&2; exit 1; }

echo "paja startup, median of $RUNS runs [min-max] ($(uname -m), $(nproc) CPUs)"
echo "  baseline: paja --version                          $(median_ms version)"
echo "  built-in workshop 1280x720, start to screenshot   $(median_ms headless)"
echo "  EV scenario 1280x720, start to screenshot         $(median_ms scenario)"
awk -v a="$(median_us headless)" -v c="$(median_us scenario)" -v b="$(median_us version)" \
    'BEGIN { printf "  ratios to baseline: workshop %.1fx (GL context, shaders, one frame, PNG), EV scenario %.1fx (+ scenario, glTF scene, record)\n", a / b, c / b }'

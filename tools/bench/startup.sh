#!/bin/sh
# Startup benchmark: process start to headless screenshot written, median of
# N runs, for the built-in workshop (`paja run --builtin --headless --frames 1
# --screenshot`) and for the EV scenario (scenario, glTF scene, session and
# record), against the start floor measured in the same run (DESIGN.md §9:
# at most 2.5x): bench_gl_start, a bare SDL + OpenGL 4.5 program that starts,
# reads one 1280x720 frame back and exits; and `paja --version` (process
# start, dynamic linking and exit, no GL). The commands take turns, so a busy
# machine slows them alike. Records go to a temporary folder, never to the
# user's own. Run on llvmpipe with the glibc malloc tunables of the
# headless-rendering reference, the Mesa shader cache warm (as a second start
# finds it); prints medians, never asserts.
#
#   tools/bench/startup.sh [PAJA] [RUNS] [BENCH_GL_START]
#   (defaults build/release/paja, 15, build/release/tests/e2e/bench_gl_start)
set -eu
PAJA=${1:-build/release/paja}
RUNS=${2:-15}
BARE=${3:-$(dirname "$PAJA")/tests/e2e/bench_gl_start}
[ -x "$PAJA" ] || { echo "startup.sh: no executable '$PAJA' (build it: make build)" >&2; exit 2; }
[ -x "$BARE" ] || { echo "startup.sh: no executable '$BARE' (build it: make build)" >&2; exit 2; }

export SDL_VIDEODRIVER=offscreen LIBGL_ALWAYS_SOFTWARE=1
export GLIBC_TUNABLES=glibc.malloc.trim_threshold=4294967295:glibc.malloc.top_pad=268435456
unset DISPLAY WAYLAND_DISPLAY
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Warm the Mesa shader cache the way a second start of paja finds it.
export MESA_SHADER_CACHE_DIR="$tmp/shader-cache"

# time_once NAME command...: appends one duration in microseconds to
# $tmp/NAME and, where perf is installed, the CPU time of all the process's
# threads (task-clock, microseconds) to $tmp/NAME.cpu: a busy machine
# stretches wall time far more than CPU time.
if command -v perf >/dev/null 2>&1 && perf stat -x, -e task-clock true >/dev/null 2>&1; then HAVE_PERF=1; else HAVE_PERF=0; fi
time_once() {
    name=$1; shift
    t0=$(date +%s%N)
    if [ $HAVE_PERF = 1 ]; then
        perf stat -x, -e task-clock -o "$tmp/perf.out" "$@" >/dev/null 2>&1
    else
        "$@" >/dev/null 2>&1
    fi
    t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000 )) >>"$tmp/$name"
    [ $HAVE_PERF = 1 ] && awk -F, '/task-clock/ { printf "%d\n", $1 * 1000 }' "$tmp/perf.out" >>"$tmp/$name.cpu"
    return 0
}

median_ms() {
    sort -n "$tmp/$1" | awk '{ v[NR] = $1 } END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
        printf "%.1f ms [%.1f-%.1f]", m / 1000, v[1] / 1000, v[NR] / 1000 }'
}

median_us() {
    sort -n "$tmp/$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

SRC=$(cd "$(dirname "$0")/../.." && pwd)
# run_cmd NAME [time_once NAME]: runs one of the four commands, timed when
# asked (perf stat needs a program, not a shell function).
run_cmd() {
    which=$1; shift
    case $which in
    bare) "$@" "$BARE" ;;
    version) "$@" "$PAJA" --version ;;
    workshop) "$@" "$PAJA" run --builtin --headless --frames 1 --screenshot "$tmp/shot.png" -q ;;
    scenario)
        "$@" "$PAJA" run "$SRC/scenarios/ev-hv-isolation" --headless --frames 1 --records "$tmp/records" \
            --screenshot "$tmp/ev.png" -q ;;
    esac
}
# Warm-up: page cache, Mesa's shader cache.
for c in bare version workshop scenario; do run_cmd $c >/dev/null 2>&1 || true; done
[ -s "$tmp/shot.png" ] || { echo "startup.sh: paja wrote no screenshot" >&2; exit 1; }
[ -s "$tmp/ev.png" ] || { echo "startup.sh: paja wrote no screenshot of the EV scenario" >&2; exit 1; }
i=0
while [ $i -lt "$RUNS" ]; do
    for c in bare version workshop scenario; do run_cmd $c time_once $c; done
    i=$((i + 1))
done

echo "paja startup, median of $RUNS interleaved runs [min-max] ($(uname -m), $(nproc) CPUs)"
echo "  start floor: bare SDL + GL 4.5, one frame read   $(median_ms bare)"
echo "  paja --version (no GL)                           $(median_ms version)"
echo "  built-in workshop 1280x720, start to screenshot  $(median_ms workshop)"
echo "  EV scenario 1280x720, start to screenshot        $(median_ms scenario)"
awk -v a="$(median_us workshop)" -v c="$(median_us scenario)" -v b="$(median_us bare)" \
    'BEGIN { printf "  x start floor: workshop %.2f, EV scenario %.2f (budget 2.5)\n", a / b, c / b }'
if [ $HAVE_PERF = 1 ]; then
    echo "CPU time of all threads (perf task-clock), medians:"
    echo "  start floor $(median_ms bare.cpu), paja --version $(median_ms version.cpu)"
    echo "  workshop $(median_ms workshop.cpu), EV scenario $(median_ms scenario.cpu)"
    awk -v a="$(median_us workshop.cpu)" -v c="$(median_us scenario.cpu)" -v b="$(median_us bare.cpu)" \
        'BEGIN { printf "  x start floor: workshop %.2f, EV scenario %.2f\n", a / b, c / b }'
fi

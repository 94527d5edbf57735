#!/bin/sh
# EV scene benchmark (issues 6, 13): the EV scenario (scenarios/ev-hv-isolation
# on its generated scene, with session, HUD and highlights; in practice mode
# and again in guided mode, which adds outlines) played headless
# at 1280x720 on llvmpipe through `paja run`'s own path, against the frame
# floor (bench_floor_pass: one full-screen lit, textured pass, no paja code)
# and the built-in workshop, interleaved in the same run: median frame time
# as a ratio to the floor, and main-thread CPU per frame (bench_ev_scene,
# DESIGN.md §9's budget: at most 2x the floor); then callgrind instruction
# counts per frame on the main thread (app_run inclusive: paja's frame work
# and the driver work it triggers there; rasterisation runs on llvmpipe's
# own threads and is not counted) and paja's own share of them. Same
# approach as gltf_render.sh. Medians and ratios only; nothing is asserted.
#
#   tools/bench/ev_scene.sh [BENCH] [SOURCE_DIR] [FRAMES] [RUNS]
#   (defaults: build/release/tests/e2e/bench_ev_scene, ., 60, 5; the floor
#   program is bench_floor_pass beside BENCH; NO_CALLGRIND=1 skips callgrind)
set -eu
BENCH=${1:-build/release/tests/e2e/bench_ev_scene}
SRC=${2:-.}
FRAMES=${3:-60}
RUNS=${4:-5}
FLOOR=$(dirname "$BENCH")/bench_floor_pass
[ -x "$BENCH" ] || { echo "ev_scene.sh: no '$BENCH' (build it: make build)" >&2; exit 2; }
[ -x "$FLOOR" ] || { echo "ev_scene.sh: no '$FLOOR' (build it: make build)" >&2; exit 2; }
[ -d "$SRC/scenarios/ev-hv-isolation" ] || { echo "ev_scene.sh: no scenarios/ev-hv-isolation in '$SRC'" >&2; exit 2; }
export SDL_VIDEODRIVER=offscreen LIBGL_ALWAYS_SOFTWARE=1 PAJA_LOG=error
export GLIBC_TUNABLES=glibc.malloc.trim_threshold=4294967295:glibc.malloc.top_pad=268435456
unset DISPLAY WAYLAND_DISPLAY
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export MESA_SHADER_CACHE_DIR="$tmp/shader-cache"

echo "== timings (GLIBC_TUNABLES=$GLIBC_TUNABLES)"
# stderr holds a line per session record written; shown only on failure.
"$BENCH" --frames "$FRAMES" --runs "$RUNS" --records "$tmp/records" --floor "$FLOOR" "$SRC" 2>"$tmp/err" || {
    tail -20 "$tmp/err" >&2
    exit 1
}

[ "${NO_CALLGRIND:-0}" = 1 ] && exit 0
command -v valgrind >/dev/null 2>&1 || { echo "(valgrind not installed: no instruction counts)"; exit 0; }
echo
echo "== callgrind: instructions per frame on the main thread"
echo "   (marginal cost: runs of 4 and 7 frames, difference / 3, so setup, scene"
echo "   load and llvmpipe's shader JIT in the first frames are not counted)"
# ir_of FRAMES ARGS...: prints "INCLUSIVE OWN" for app_run over one run of
# FRAMES frames: inclusive Ir, and the self Ir of paja's own functions.
ir_of() {
    n=$1; shift
    # No shader cache: both runs then JIT exactly the same shaders.
    MESA_SHADER_CACHE_DISABLE=true valgrind --tool=callgrind --toggle-collect=app_run \
        --callgrind-out-file="$tmp/cg.out" "$BENCH" --single "$n" --records "$tmp/records" "$@" "$SRC" \
        >/dev/null 2>"$tmp/vg.log" || return 1
    callgrind_annotate --inclusive=yes --auto=no --threshold=100 "$tmp/cg.out" >"$tmp/incl.txt"
    callgrind_annotate --inclusive=no --auto=no --threshold=100 "$tmp/cg.out" >"$tmp/self.txt"
    incl=$(grep -m1 -E ':app_run( |$)' "$tmp/incl.txt" | awk '{gsub(",","",$1); print $1}')
    own=$(grep -E '(^|[ /])engine/[a-z]+/[a-z_]+\.c:' "$tmp/self.txt" | awk '{gsub(",","",$1); s += $1} END {print s + 0}')
    echo "${incl:-0} $own"
}
for scene in builtin ev guided; do
    case $scene in
    builtin) set -- --builtin; name="built-in workshop (baseline)" ;;
    ev) set --; name="ev-hv-isolation" ;;
    *) set -- --guided; name="ev-hv-isolation, guided" ;;
    esac
    if ! a=$(ir_of 4 "$@") || ! b=$(ir_of 7 "$@"); then
        echo "$name: valgrind failed"
        tail -5 "$tmp/vg.log"
        continue
    fi
    echo "$a $b" | awk -v n="$name" '{
        i = ($3 - $1) / 3; o = ($4 - $2) / 3
        printf "%-30s %12.0f Ir/frame inclusive, %11.0f Ir/frame in paja code (%.1f%%)\n", n, i, o, (i > 0 ? 100 * o / i : 0) }'
done

echo
echo "== callgrind: instructions per frame of all threads (LP_NUM_THREADS=0 runs llvmpipe's"
echo "   rasterisation on the calling thread), EV practice against the frame floor:"
echo "   the same ratio as the timings, without a busy machine's noise (runs of 2+3 and 5+3 frames)"
# total_ir ARGS...: total Ir of one whole run.
total_ir() {
    LP_NUM_THREADS=0 MESA_SHADER_CACHE_DISABLE=true valgrind --tool=callgrind \
        --callgrind-out-file="$tmp/cgt.out" "$@" >/dev/null 2>"$tmp/vg.log" || return 1
    grep -m1 -E '^(summary|totals):' "$tmp/cgt.out" | awk '{print $2}'
}
if f2=$(total_ir "$FLOOR" --frames 2 --runs 1) && f5=$(total_ir "$FLOOR" --frames 5 --runs 1) &&
    e4=$(total_ir "$BENCH" --single 4 --records "$tmp/records" "$SRC") &&
    e7=$(total_ir "$BENCH" --single 7 --records "$tmp/records" "$SRC"); then
    echo "$f2 $f5 $e4 $e7" | awk '{ f = ($2 - $1) / 3; e = ($4 - $3) / 3
        printf "floor %.0f, ev-hv-isolation practice %.0f Ir/frame: x%.2f floor\n", f, e, e / f }'
else
    echo "valgrind failed"
    tail -5 "$tmp/vg.log"
fi

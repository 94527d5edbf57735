#!/bin/sh
# glTF render benchmark (issue 3): load time, median frame time and
# main-thread CPU per frame at 1280x720 headless on llvmpipe, for the largest
# sample scene and a synthetic training-size scene (150 nodes, ~30k
# triangles), against an empty-scene baseline from the same run; then
# callgrind instruction counts of one frame's work on the main thread
# (view_draw_frame inclusive: paja's draw collection and gfx submission plus
# the driver work they trigger there; rasterisation runs on llvmpipe's own
# threads and is not counted) and of paja's own code in it. Medians and
# ratios only; nothing is asserted.
#
#   tools/bench/gltf_render.sh [BENCH] [SAMPLES]
#   (defaults: build/release/tests/e2e/bench_gltf_render, ../shared/gltf-samples)
set -eu
BENCH=${1:-build/release/tests/e2e/bench_gltf_render}
S=${2:-../shared/gltf-samples}
[ -x "$BENCH" ] || { echo "gltf_render.sh: no '$BENCH' (build it: make build)" >&2; exit 2; }
LARGEST=$S/MetalRoughSpheresNoTextures/glTF-Binary/MetalRoughSpheresNoTextures.glb
export SDL_VIDEODRIVER=offscreen LIBGL_ALWAYS_SOFTWARE=1 PAJA_LOG=error
export GLIBC_TUNABLES=glibc.malloc.trim_threshold=4294967295:glibc.malloc.top_pad=268435456
unset DISPLAY WAYLAND_DISPLAY
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export MESA_SHADER_CACHE_DIR="$tmp/shader-cache"

echo "== timings (GLIBC_TUNABLES=$GLIBC_TUNABLES)"
"$BENCH" --frames 20 --loads 11 --out "$tmp" --synthetic "$LARGEST"

command -v valgrind >/dev/null 2>&1 || { echo "(valgrind not installed: no instruction counts)"; exit 0; }
echo
echo "== callgrind: instructions per frame on the main thread"
echo "   (marginal cost: runs of 4 and 7 frames, difference / 3, so llvmpipe's"
echo "   shader JIT in the first frames is not counted)"
# ir_of FRAMES ARGS...: prints "INCLUSIVE OWN" for view_draw_frame over all
# frames of one run: inclusive Ir, and the self Ir of paja's own functions.
ir_of() {
    n=$1; shift
    # shellcheck disable=SC2086
    # No shader cache: both runs then JIT exactly the same shaders (under
    # valgrind the CPU features differ, so a cache warmed outside would miss).
    MESA_SHADER_CACHE_DISABLE=true valgrind --tool=callgrind --toggle-collect=view_draw_frame --callgrind-out-file="$tmp/cg.out" \
        "$BENCH" --no-baseline --frames "$n" --loads 1 --out "$tmp" "$@" >/dev/null 2>"$tmp/vg.log" || return 1
    # Function summaries only (--auto=no: no source annotation, whose call
    # lines would be counted twice), every function (--threshold=100).
    callgrind_annotate --inclusive=yes --auto=no --threshold=100 "$tmp/cg.out" >"$tmp/incl.txt"
    callgrind_annotate --inclusive=no --auto=no --threshold=100 "$tmp/cg.out" >"$tmp/self.txt"
    incl=$(grep -m1 ':view_draw_frame' "$tmp/incl.txt" | awk '{gsub(",","",$1); print $1}')
    own=$(grep -E '(^|[ /])engine/[a-z]+/[a-z_]+\.c:' "$tmp/self.txt" | awk '{gsub(",","",$1); s += $1} END {print s + 0}')
    echo "${incl:-0} $own"
}
for model in synthetic "$LARGEST"; do
    if [ "$model" = synthetic ]; then set -- --synthetic; name=paja_bench_training.glb; else set -- "$model"; name=${model##*/}; fi
    a=$(ir_of 1 "$@") && b=$(ir_of 4 "$@") || { echo "$name: valgrind failed"; tail -5 "$tmp/vg.log"; continue; }
    echo "$a $b" | awk -v n="$name" '{
        i = ($3 - $1) / 3; o = ($4 - $2) / 3
        printf "%-34s %12.0f Ir/frame inclusive, %9.0f Ir/frame in paja code (%.3f%%)\n", n, i, o, (i > 0 ? 100 * o / i : 0) }'
done

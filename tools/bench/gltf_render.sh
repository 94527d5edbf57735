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
for model in synthetic "$LARGEST"; do
    frames=2
    if [ "$model" = synthetic ]; then args="--synthetic"; name=paja_bench_training.glb; else args=$model; name=${model##*/}; fi
    # shellcheck disable=SC2086
    valgrind --tool=callgrind --toggle-collect=view_draw_frame --callgrind-out-file="$tmp/cg.out" \
        "$BENCH" --no-baseline --frames $frames --loads 1 --out "$tmp" $args >/dev/null 2>"$tmp/vg.log" || {
        echo "$name: valgrind failed"; tail -5 "$tmp/vg.log"; continue; }
    total_frames=$((frames + 3))
    # Function summaries only (--auto=no: no source annotation, whose call
    # lines would be counted twice), every function (--threshold=100).
    callgrind_annotate --inclusive=yes --auto=no --threshold=100 "$tmp/cg.out" >"$tmp/incl.txt" 2>/dev/null
    callgrind_annotate --inclusive=no --auto=no --threshold=100 "$tmp/cg.out" >"$tmp/self.txt" 2>/dev/null
    incl=$(grep -m1 'view_draw_frame' "$tmp/incl.txt" | awk '{gsub(",","",$1); print $1}')
    # paja's own code: self cost of functions whose source is under engine/
    # (in awk, a bare '>' in printf's arguments would redirect to a file).
    own=$(grep '/engine/' "$tmp/self.txt" | awk '{gsub(",","",$1); s += $1} END {print s + 0}')
    awk -v n="$name" -v f="$total_frames" -v i="${incl:-0}" -v o="$own" 'BEGIN {
        printf "%-34s %12.0f Ir/frame inclusive, %10.0f Ir/frame in paja code (%.1f%%)\n",
               n, i / f, o / f, (i > 0 ? 100 * o / i : 0) }'
done

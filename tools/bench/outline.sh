#!/bin/sh
# Outline benchmark: median frame time at 1280x720 headless on llvmpipe with
# and without gfx_draw_outlines (two objects side by side outlined, then two
# at the left and right of the view, then all 60: the worst case), and the
# outline pass on its own, for 1x and 4x MSAA and widths of 3 and 4 px.
# Medians only; nothing is asserted.
#
#   tools/bench/outline.sh [BENCH] [bench_outline options]
#   (default: build/release/tests/golden/bench_outline)
set -eu
BENCH=${1:-build/release/tests/golden/bench_outline}
[ $# -gt 0 ] && shift
[ -x "$BENCH" ] || { echo "outline.sh: no '$BENCH' (build it: make build)" >&2; exit 2; }
export SDL_VIDEODRIVER=offscreen LIBGL_ALWAYS_SOFTWARE=1 PAJA_LOG=error
export GLIBC_TUNABLES=glibc.malloc.trim_threshold=4294967295:glibc.malloc.top_pad=268435456
unset DISPLAY WAYLAND_DISPLAY
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export MESA_SHADER_CACHE_DIR="$tmp/shader-cache"
echo "== GLIBC_TUNABLES=$GLIBC_TUNABLES"
"$BENCH" --frames 31 "$@"
echo
"$BENCH" --frames 31 --spread "$@"
echo
"$BENCH" --frames 31 --all "$@"

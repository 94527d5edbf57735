#!/bin/sh
# xrsim's own cost per frame: Debian's hello_xr -g OpenGL runs FRAMES frames on
# the simulated headset (virtual clock, no sleeping, no dumps) RUNS times
# under Xvfb; xrsim measures the time spent inside its own calls per frame
# and, as the baseline of the same run, hello_xr's whole frame (xrEndFrame to
# xrEndFrame: its rendering on llvmpipe plus xrsim). Prints medians over the
# runs and xrsim's share of the frame; never asserts. The figure is what
# xrsim adds to an application's XR frame measured against it.
#
#   tools/bench/xrsim.sh [BUILD_DIR] [RUNS] [FRAMES]   (default build/release, 5, 600)
set -eu
BUILD=${1:-build/release}
RUNS=${2:-5}
FRAMES=${3:-600}
MANIFEST=$BUILD/tools/xrsim/xrsim.json
SHIM=$BUILD/tests/xr/libxrsim_vidmode_shim.so
[ -f "$MANIFEST" ] || { echo "xrsim.sh: no $MANIFEST (build first: cmake --build --preset release)" >&2; exit 2; }
[ -f "$SHIM" ] || { echo "xrsim.sh: no $SHIM (libxxf86vm-dev missing?)" >&2; exit 2; }
command -v hello_xr >/dev/null 2>&1 || { echo "xrsim.sh: hello_xr not installed (libopenxr-utils)" >&2; exit 2; }
command -v xvfb-run >/dev/null 2>&1 || { echo "xrsim.sh: xvfb-run not installed" >&2; exit 2; }
MANIFEST=$(cd "$(dirname "$MANIFEST")" && pwd)/xrsim.json
SHIM=$(cd "$(dirname "$SHIM")" && pwd)/$(basename "$SHIM")
export LIBGL_ALWAYS_SOFTWARE=1
export GLIBC_TUNABLES=glibc.malloc.trim_threshold=4294967295:glibc.malloc.top_pad=268435456
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export MESA_SHADER_CACHE_DIR="$tmp/shader-cache"

i=0
while [ $i -lt "$RUNS" ]; do
    mkfifo "$tmp/stdin.$i"
    sleep 300 >"$tmp/stdin.$i" &
    holder=$!
    xvfb-run -a -s "-screen 0 1280x1024x24" env LD_PRELOAD="$SHIM" XR_RUNTIME_JSON="$MANIFEST" \
        XRSIM_CLOCK=virtual XRSIM_EXIT_AFTER_FRAMES="$FRAMES" XRSIM_STATS="$tmp/stats.$i" \
        hello_xr -g OpenGL <"$tmp/stdin.$i" >"$tmp/out.$i" 2>&1 || {
        kill $holder 2>/dev/null
        echo "xrsim.sh: hello_xr failed:" >&2
        tail -20 "$tmp/out.$i" >&2
        exit 1
    }
    kill $holder 2>/dev/null || true
    cat "$tmp/stats.$i" >>"$tmp/all"
    i=$((i + 1))
done

# each line: frames N median_us M p90_us P max_us X frame_median_us F
median_of() {
    awk -v k="$1" '{ for (j = 1; j < NF; j++) if ($j == k) print $(j + 1) }' "$tmp/all" | sort -g |
        awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
own=$(median_of median_us)
p90=$(median_of p90_us)
frame=$(median_of frame_median_us)
echo "xrsim under hello_xr -g OpenGL, $FRAMES frames x $RUNS runs, 640x640 per eye, llvmpipe ($(uname -m), $(nproc) CPUs)"
echo "  xrsim's own time per frame (median of run medians)   $own us   (p90 $p90 us)"
echo "  baseline: hello_xr's whole frame (median)             $frame us"
awk -v a="$own" -v b="$frame" 'BEGIN { if (b > 0) printf "  xrsim share of the frame                             %.2f %%\n", 100 * a / b }'

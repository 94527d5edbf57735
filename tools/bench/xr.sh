#!/bin/sh
# Headset benchmark (issue 11), in one run on the simulated headset
# (tools/xrsim, virtual clock: no waiting for a display) under Xvfb:
#   1. main-thread CPU per XR frame: paja in the EV scenario against Debian's
#      hello_xr (its spinning cubes), the baseline, at the same eye size;
#   2. paja's stereo frame (two eyes, each W x H, into the headset's
#      swapchains, plus the window's mirror) against its desktop frame (one
#      view of W x H in a window of that size), the EV scenario both times.
# Frames are timed from outside by the preloaded xr_frame_clock (between
# calls of xrWaitFrame, or of SDL_GL_SwapWindow on the desktop), the first
# 30 left out. Medians and ratios only; nothing is asserted. Each side runs
# RUNS times; the medians of the runs' medians are printed.
#
#   tools/bench/xr.sh [BUILD_DIR] [SOURCE_DIR] [FRAMES] [EYE_SIZE] [RUNS]
#   (defaults: build/release, ., 240, 640x640, 3)
set -eu
B=${1:-build/release}
SRC=${2:-.}
FRAMES=${3:-240}
EYE=${4:-640x640}
RUNS=${5:-3}
PAJA=$B/paja
CLOCK=$B/tests/e2e/libxr_frame_clock.so
MANIFEST=$B/tools/xrsim/xrsim.json
SHIM=$B/tests/xr/libxrsim_vidmode_shim.so
for f in "$PAJA" "$CLOCK" "$MANIFEST"; do
    [ -e "$f" ] || { echo "xr.sh: no '$f' (build it: cmake --build --preset release)" >&2; exit 2; }
done
command -v xvfb-run >/dev/null 2>&1 || { echo "xr.sh: xvfb-run is needed (tools/deps.sh)" >&2; exit 2; }
HELLO=$(command -v hello_xr || true)
[ -n "$HELLO" ] || echo "(hello_xr not installed (libopenxr-utils): no baseline for the CPU per XR frame)"
[ -e "$SHIM" ] || SHIM=""
B=$(cd "$B" && pwd)
SRC=$(cd "$SRC" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
W=${EYE%x*}
H=${EYE#*x}

cat >"$tmp/inner.sh" <<INNER
#!/bin/sh
export SDL_VIDEODRIVER=x11 PAJA_LOG=error MESA_SHADER_CACHE_DIR="$tmp/shader-cache"
export GLIBC_TUNABLES=glibc.malloc.trim_threshold=4294967295:glibc.malloc.top_pad=268435456
export XR_RUNTIME_JSON="$MANIFEST" XRSIM_CLOCK=virtual XRSIM_VIEW_SIZE=$EYE XR_FRAME_CLOCK_SKIP=30
unset XR_ENABLE_API_LAYERS
# Frames run to the runtime's end (EXIT_AFTER) or paja's --frames.
n=$((FRAMES + 30))
for run in \$(seq $RUNS); do
    if [ -n "$HELLO" ]; then
        sleep 60 | XRSIM_EXIT_AFTER_FRAMES=\$n XR_FRAME_CLOCK_OUT="$tmp/hello.\$run" \
            LD_PRELOAD="$SHIM${SHIM:+ }$CLOCK" "$HELLO" -g OpenGL >"$tmp/hello.log" 2>&1 || true
    fi
    XRSIM_EXIT_AFTER_FRAMES=\$n XR_FRAME_CLOCK_OUT="$tmp/xr.\$run" LD_PRELOAD="$CLOCK" \
        "$PAJA" run "$SRC/scenarios/ev-hv-isolation" --xr --trainee bench --records "$tmp/rec" --seed 1 \
        --mode practice --size 640x360 >"$tmp/xr.log" 2>&1 || true
    XR_FRAME_CLOCK_OUT="$tmp/desk.\$run" LD_PRELOAD="$CLOCK" \
        "$PAJA" run "$SRC/scenarios/ev-hv-isolation" --trainee bench --records "$tmp/rec" --seed 1 \
        --mode practice --size ${W}x${H} --frames \$n >"$tmp/desk.log" 2>&1 || true
done
INNER
chmod +x "$tmp/inner.sh"
xvfb-run -a -s "-screen 0 1920x1080x24" "$tmp/inner.sh"

# med KIND FIELD FILES...: the median over runs of one field of one kind.
med() {
    kind=$1 fld=$2
    shift 2
    cat "$@" 2>/dev/null | awk -v k="$kind" -v f="$fld" '$1 == k { for (i = 2; i < NF; i++) if ($i == f) print $(i + 1) }' |
        sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2];
                                               else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b == 0) print "-"; else printf "%.2f", a / b }'
}
xr_cpu=$(med xrWaitFrame cpu_us "$tmp"/xr.*)
xr_wall=$(med xrWaitFrame wall_us "$tmp"/xr.*)
hello_cpu=$(med xrWaitFrame cpu_us "$tmp"/hello.*)
hello_wall=$(med xrWaitFrame wall_us "$tmp"/hello.*)
desk_wall=$(med SDL_GL_SwapWindow wall_us "$tmp"/desk.*)
desk_cpu=$(med SDL_GL_SwapWindow cpu_us "$tmp"/desk.*)
[ "$xr_cpu" != "-" ] || { echo "xr.sh: paja --xr on xrsim gave no frames:" >&2; tail -5 "$tmp/xr.log" >&2; exit 1; }
echo "== per-frame medians over $RUNS runs of $FRAMES frames, eyes $EYE (xrsim, virtual clock, Xvfb)"
printf '%-44s %10s %10s\n' "" "CPU us" "wall us"
printf '%-44s %10s %10s\n' "hello_xr, 2 eyes (baseline)" "$hello_cpu" "$hello_wall"
printf '%-44s %10s %10s\n' "paja --xr, EV scenario, 2 eyes + mirror" "$xr_cpu" "$xr_wall"
printf '%-44s %10s %10s\n' "paja desktop, EV scenario, 1 view ${W}x${H}" "$desk_cpu" "$desk_wall"
echo "paja / hello_xr, main-thread CPU per XR frame: $(ratio "$xr_cpu" "$hello_cpu")"
echo "paja stereo / desktop frame time (same per-eye size): $(ratio "$xr_wall" "$desk_wall")"

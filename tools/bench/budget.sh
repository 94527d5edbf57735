#!/bin/sh
# DESIGN.md §9's budgets in one run (issue 13), each against its floor
# measured in the same run on this machine:
#   - the EV scene, practice and guided, 1280x720: frame time x the frame
#     floor (bench_floor_pass), budget 2 (ev_scene.sh, without callgrind);
#   - start to first frame of the EV scenario x the bare SDL + GL start
#     (bench_gl_start), budget 2.5 (startup.sh);
#   - a stereo frame x a desktop frame at the same per-eye size, budget 1.6,
#     still and with a moving shadow caster (bench_stereo).
# Prints medians and ratios; asserts nothing. Build first: make build.
#
#   tools/bench/budget.sh [BUILD_DIR] [FRAMES] [RUNS]   (defaults build/release, 30, 5)
set -eu
BUILD=${1:-build/release}
FRAMES=${2:-30}
RUNS=${3:-5}
SRC=$(cd "$(dirname "$0")/../.." && pwd)
B=$BUILD/tests/e2e
for x in "$BUILD/paja" "$B/bench_ev_scene" "$B/bench_floor_pass" "$B/bench_gl_start" "$B/bench_stereo"; do
    [ -x "$x" ] || { echo "budget.sh: no '$x' (build it: make build)" >&2; exit 2; }
done
echo "== frame: EV scene x frame floor (budget 2)"
NO_CALLGRIND=1 "$SRC/tools/bench/ev_scene.sh" "$B/bench_ev_scene" "$SRC" "$FRAMES" "$RUNS"
echo
echo "== start: EV scenario x bare GL start (budget 2.5)"
"$SRC/tools/bench/startup.sh" "$BUILD/paja" $((RUNS * 3)) "$B/bench_gl_start"
echo
echo "== stereo x desktop at the same per-eye size (budget 1.6)"
export SDL_VIDEODRIVER=offscreen LIBGL_ALWAYS_SOFTWARE=1 PAJA_LOG=error
export GLIBC_TUNABLES=glibc.malloc.trim_threshold=4294967295:glibc.malloc.top_pad=268435456
unset DISPLAY WAYLAND_DISPLAY
"$B/bench_stereo" --frames "$FRAMES" --runs "$RUNS" "$SRC"
"$B/bench_stereo" --frames "$FRAMES" --runs "$RUNS" --moving "$SRC"

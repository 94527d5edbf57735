#!/bin/sh
# The desktop path with a real X11 window (not the offscreen driver): paja run
# without --headless on an Xvfb display opens its window, renders and presents
# frames, and exits cleanly after --frames. Skips (77) when Xvfb is missing.
# Usage: window_x11.sh PAJA PNG_STATS WORKDIR
set -u
PAJA=$1
PNG_STATS=$2
WORK=$3
. "$(dirname "$0")/lib.sh"
command -v xvfb-run >/dev/null 2>&1 || skip "xvfb-run not installed (tools/deps.sh installs xvfb)"
rm -rf "$WORK" && mkdir -p "$WORK"
# The ctest environment forces the offscreen driver; this test is about x11.
unset SDL_VIDEODRIVER
xvfb-run -a -s "-screen 0 1280x1024x24" env SDL_VIDEODRIVER=x11 \
    "$PAJA" run --builtin --frames 10 --size 800x450 --screenshot "$WORK/window.png" -v >"$WORK/out" 2>"$WORK/err"
rc=$?
if [ $rc -ne 0 ]; then
    fail "paja in an X11 window exited $rc"
    sed 's/^/    /' "$WORK/err" | tail -20
    exit 1
fi
grep -q "video driver x11" "$WORK/err" || { fail "not on the x11 driver:"; sed 's/^/    /' "$WORK/err"; exit 1; }
stats=$("$PNG_STATS" "$WORK/window.png") || die "cannot read $WORK/window.png"
colours=${stats#* }
[ "$colours" -gt 200 ] || die "window frame looks blank ($stats)"
echo "window: x11 window opened, 10 frames presented, frame $stats"

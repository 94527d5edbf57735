#!/bin/sh
# Session loss on the simulated headset: the timeline loses Debian's hello_xr
# session 1 s in. hello_xr sees LOSS_PENDING, tears everything down and
# starts again with a new instance and session (the timeline starts again
# with it, but "lose" fires once per process), which reaches FOCUSED; the
# timeline's left menu click 2 s into it (hello_xr's quit) ends it cleanly
# with exit code 0.
# Usage: hello_xr_loss.sh SHIM.so MANIFEST WORKDIR
set -u
SHIM=$1
MANIFEST=$2
WORK=$3
. "$(dirname "$0")/../e2e/lib.sh"
command -v hello_xr >/dev/null 2>&1 || skip "hello_xr not installed (libopenxr-utils; tools/deps.sh installs it)"
command -v xvfb-run >/dev/null 2>&1 || skip "xvfb-run not installed (xvfb; tools/deps.sh installs it)"
[ -f "$SHIM" ] || skip "the XF86VidMode shim was not built (libxxf86vm-dev missing)"
rm -rf "$WORK" && mkdir -p "$WORK"
PRELOAD=
for lib in $(ldd "$(dirname "$MANIFEST")/libxrsim.so" | awk '/lib(a|ub)san/ { print $3 }'); do
    PRELOAD="$PRELOAD$lib "
done
PRELOAD="$PRELOAD$SHIM"
printf '1.0 lose\n2.0 button left menu 1\n' >"$WORK/timeline.txt"
mkfifo "$WORK/stdin"
sleep 120 >"$WORK/stdin" &
holder=$!
xvfb-run -a -s "-screen 0 1280x1024x24" env LD_PRELOAD="$PRELOAD" XR_RUNTIME_JSON="$MANIFEST" \
    XRSIM_CLOCK=virtual XRSIM_LOG=info XRSIM_SCRIPT="$WORK/timeline.txt" \
    timeout 100 hello_xr -g OpenGL <"$WORK/stdin" >"$WORK/out" 2>&1
rc=$?
kill $holder 2>/dev/null
[ "$rc" = 0 ] || { fail "hello_xr exited $rc"; tail -20 "$WORK/out" | sed 's/^/    /'; }
checks=$((checks + 1))
grep -q "XR_SESSION_STATE_FOCUSED -> XR_SESSION_STATE_LOSS_PENDING" "$WORK/out" || fail "no LOSS_PENDING"
checks=$((checks + 1))
n=$(grep -c "xrsim info: instance created" "$WORK/out")
[ "$n" -eq 2 ] || fail "hello_xr created $n instances (want 2: before and after the loss)"
checks=$((checks + 1))
n=$(grep -c "XR_SESSION_STATE_VISIBLE -> XR_SESSION_STATE_FOCUSED" "$WORK/out")
[ "$n" -eq 2 ] || fail "FOCUSED reached $n times (want 2)"
checks=$((checks + 1))
grep -q "XR_SESSION_STATE_IDLE -> XR_SESSION_STATE_EXITING" "$WORK/out" || fail "the second session did not reach EXITING"
checks=$((checks + 1))
finish hello_xr_loss

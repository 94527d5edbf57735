#!/bin/sh
# Debian's hello_xr -g OpenGL on the simulated headset (xrsim) under Xvfb:
# the session reaches FOCUSED, runs past 300 frames, the dumped eye images
# show hello_xr's cubes, a squeeze from the timeline makes hello_xr vibrate
# the right controller, and a player on the control socket (xrsim-ctl) waits
# 300 frames, asks the headset's state and clicks the left menu button
# (hello_xr's quit action), which ends the session cleanly: the application
# requests exit, STOPPING, IDLE, EXITING, exit code 0. Frame 300's eyes match
# tests/golden/xr_hello_xr_eyes.png (golden policy; skipped on another
# renderer). With --validation the Khronos core validation layer runs too
# and must report nothing.
# Usage: hello_xr.sh SHIM.so MANIFEST EYE_CHECK XRSIM_CTL EYE_GOLDEN WORKDIR [--validation]
set -u
SHIM=$1
MANIFEST=$2
EYE_CHECK=$3
CTL=$4
EYE_GOLDEN=$5
WORK=$6
MODE=${7:-}
. "$(dirname "$0")/../e2e/lib.sh"
command -v hello_xr >/dev/null 2>&1 || skip "hello_xr not installed (libopenxr-utils; tools/deps.sh installs it)"
command -v xvfb-run >/dev/null 2>&1 || skip "xvfb-run not installed (xvfb; tools/deps.sh installs it)"
[ -f "$SHIM" ] || skip "the XF86VidMode shim was not built (libxxf86vm-dev missing)"
LAYERS=
if [ "$MODE" = --validation ]; then
    [ -f /usr/share/openxr/1/api_layers/explicit.d/XrApiLayer_core_validation.x86_64-linux-gnu.json ] ||
        skip "the OpenXR core validation layer is not installed (openxr-layer-corevalidation)"
    LAYERS=XR_APILAYER_LUNARG_core_validation
fi
rm -rf "$WORK" && mkdir -p "$WORK/eyes"
# A sanitizer build of xrsim and the shim needs the sanitizer runtimes loaded
# first into hello_xr, which is not built with them.
PRELOAD=
for lib in $(ldd "$(dirname "$MANIFEST")/libxrsim.so" | awk '/lib(a|ub)san/ { print $3 }'); do
    PRELOAD="$PRELOAD$lib "
done
PRELOAD="$PRELOAD$SHIM"

# Timeline: squeeze the right grip at 1 s (hello_xr vibrates above 0.9) and
# release it.
cat >"$WORK/timeline.txt" <<'TL'
# time_s command
0.0 head 0 1.6 0 0 0 0 1
1.0 button right squeeze 0
1.2 button right squeeze 1
1.4 button right squeeze 0
TL

# hello_xr quits at once when its stdin is at end of file: keep it open
# with a writer that never writes, ended when hello_xr is done.
mkfifo "$WORK/stdin"
sleep 120 >"$WORK/stdin" &
holder=$!
cat >"$WORK/run.sh" <<INNER
#!/bin/sh
"$CTL" "$WORK/ctl" "wait 300" frame "button left menu 1" >"$WORK/player.out" 2>&1 &
LD_PRELOAD="$PRELOAD" XR_RUNTIME_JSON="$MANIFEST" \\
    XR_ENABLE_API_LAYERS="$LAYERS" XR_CORE_VALIDATION_EXPORT_TYPE=text \\
    XR_CORE_VALIDATION_FILE_NAME="$WORK/validation.txt" \\
    XRSIM_CLOCK=virtual XRSIM_LOG=info XRSIM_SCRIPT="$WORK/timeline.txt" XRSIM_CONTROL="$WORK/ctl" \\
    XRSIM_DUMP_DIR="$WORK/eyes" XRSIM_DUMP_FRAMES=60,300 XRSIM_HAPTICS_LOG="$WORK/haptics.log" \\
    XRSIM_STATS="$WORK/stats.txt" \\
    XR_LOADER_DEBUG=info timeout 100 hello_xr -g OpenGL <"$WORK/stdin" >"$WORK/out" 2>&1
echo \$? >"$WORK/rc"
wait
INNER
chmod +x "$WORK/run.sh"
xvfb-run -a -s "-screen 0 1280x1024x24" "$WORK/run.sh"
kill $holder 2>/dev/null
rc=$(cat "$WORK/rc" 2>/dev/null || echo none)
[ "$rc" = 0 ] || { fail "hello_xr exited $rc"; tail -30 "$WORK/out" | sed 's/^/    /'; }
checks=$((checks + 1))
grep -q "XR_SESSION_STATE_VISIBLE -> XR_SESSION_STATE_FOCUSED" "$WORK/out" || fail "the session never became FOCUSED"
checks=$((checks + 1))
grep -q "^frame -> ok frame [0-9]* time [0-9.]* state XR_SESSION_STATE_FOCUSED profile /interaction_profiles/oculus/touch_controller" \
    "$WORK/player.out" || fail "the player's frame query: $(cat "$WORK/player.out")"
checks=$((checks + 1))
grep -q "the application requests exit after" "$WORK/out" ||
    fail "hello_xr did not request exit on the player's menu click"
checks=$((checks + 1))
grep -q "XR_SESSION_STATE_IDLE -> XR_SESSION_STATE_EXITING" "$WORK/out" || fail "the session did not reach EXITING"
checks=$((checks + 1))
frames=$(sed -n 's/^frames \([0-9]*\) .*/\1/p' "$WORK/stats.txt" 2>/dev/null)
[ "${frames:-0}" -ge 300 ] || fail "only ${frames:-0} frames ran (want >= 300)"
checks=$((checks + 1))
for f in 60 300; do
    img=$(printf '%s/eyes/frame-%06d.png' "$WORK" $f)
    if [ -f "$img" ]; then
        "$EYE_CHECK" "$img" >"$WORK/eye-$f.txt" || fail "frame $f eye images show no cubes or equal eyes: $(cat "$WORK/eye-$f.txt")"
    else
        fail "frame $f was not dumped"
    fi
    checks=$((checks + 1))
done
if [ -z "$MODE" ] && [ -f "$WORK/eyes/frame-000300.png" ]; then
    renderer=$(sed -n 's/^xrsim info: GL renderer: \(.*\); version: .*/\1/p' "$WORK/out" | head -1)
    version=$(sed -n 's/^xrsim info: GL renderer: .*; version: \(.*\)/\1/p' "$WORK/out" | head -1)
    "$EYE_GOLDEN" "$(dirname "$0")/../golden" "$WORK" xr_hello_xr_eyes "$WORK/eyes/frame-000300.png" \
        "$renderer" "$version" >"$WORK/golden.txt"
    case $? in
    0) ;;
    77) echo "golden: skipped ($(cat "$WORK/golden.txt"))" ;;
    *) fail "frame 300's eyes differ from tests/golden/xr_hello_xr_eyes.png: $(cat "$WORK/golden.txt")" ;;
    esac
    checks=$((checks + 1))
fi
grep -q "right vibrate_hand duration_ns" "$WORK/haptics.log" 2>/dev/null ||
    fail "no haptic pulse on the right hand after the scripted squeeze"
checks=$((checks + 1))
if grep -q "^xrsim \(warn\|error\)" "$WORK/out"; then
    fail "xrsim reported misuse or errors:"
    grep "^xrsim \(warn\|error\)" "$WORK/out" | head -10 | sed 's/^/    /'
fi
checks=$((checks + 1))
if [ -n "$LAYERS" ]; then
    grep -qi "layer.*XR_APILAYER_LUNARG_core_validation" "$WORK/out" || fail "the loader did not report loading the validation layer"
    if [ -s "$WORK/validation.txt" ]; then
        fail "the core validation layer reported:"
        head -20 "$WORK/validation.txt" | sed 's/^/    /'
    fi
    checks=$((checks + 1))
fi
echo "hello_xr: ${frames:-0} frames, eyes $(cat "$WORK/eye-300.txt" 2>/dev/null), xrsim cost $(cat "$WORK/stats.txt" 2>/dev/null)"
finish "hello_xr${MODE:+ $MODE}"

#!/bin/sh
# Comfort in a headset, played on the simulated headset (tools/xrsim) with
# real OpenXR actions: the trainee starts at the scene's start whatever the
# tracking space; seated play (--seated) lifts a seated head to standing
# height; the right thumbstick pushed sideways turns the view by one snap,
# pushed forward and let go teleports it to where the arc lands on the
# floor; the left eye is what the window shows. Checked on the session
# record's pose lines (head and both hands) and a screenshot.
# Usage: xr_comfort.sh PAJA XRSIM_MANIFEST SOURCE_DIR WORKDIR
set -u
PAJA=$1
MANIFEST=$2
SRC=$3
WORK=$4
. "$(dirname "$0")/lib.sh"
command -v xvfb-run >/dev/null 2>&1 || skip "xvfb-run not installed (tools/deps.sh installs xvfb)"
[ -f "$MANIFEST" ] || skip "xrsim is not built ($MANIFEST)"
rm -rf "$WORK" && mkdir -p "$WORK"
unset SDL_VIDEODRIVER XR_LOADER_DEBUG XR_ENABLE_API_LAYERS

# play NAME TIMELINE FRAMES [paja options]: paja --xr on xrsim, virtual clock.
play() {
    _name=$1 _timeline=$2 _frames=$3
    shift 3
    expect 0 "$_name: paja run --xr on xrsim" \
        xvfb-run -a -s "-screen 0 1280x1024x24" env SDL_VIDEODRIVER=x11 XR_RUNTIME_JSON="$MANIFEST" \
        XRSIM_CLOCK=virtual XRSIM_VIEW_SIZE=160x160 XRSIM_SCRIPT="$_timeline" "$PAJA" run "$SRC/scenarios/ev-hv-isolation" --xr \
        --trainee comfort --records "$WORK/rec-$_name" --frames "$_frames" --size 320x180 --msaa 1 "$@"
    cp "$WORK/err" "$WORK/err-$_name"
}

# The head's first or last pose in a record: x y z yaw_degrees both_hands.
pose() {
    /usr/bin/python3 - "$1" "$2" <<'PY'
import json, math, sys, glob
lines = [json.loads(l) for f in glob.glob(sys.argv[1] + "/*.jsonl") for l in open(f)]
p = [l for l in lines if l.get("k") == "pose"]
for s in ([p[0]] if sys.argv[2] == "first" else [p[-1]]):
    x, y, z, qx, qy, qz, qw = s["head"]
    # forward = q * (0, 0, -1); yaw as atan2(-fx, -fz)
    fx = -(2 * (qx * qz + qw * qy))
    fz = -(1 - 2 * (qx * qx + qy * qy))
    both = "l" in s and "r" in s
    print("%.3f %.3f %.3f %.1f %d" % (x, y, z, math.degrees(math.atan2(-fx, -fz)), both))
PY
}

# Seated: the tracked head is at 1.2 m; paja lifts it to the start's height.
printf '0.0 head 0 1.2 0\n' >"$WORK/seated.txt"
play standing "$WORK/seated.txt" 5
play seated "$WORK/seated.txt" 5 --seated
set -- $(pose "$WORK/rec-standing" first)
checks=$((checks + 1))
[ "$2" = "1.200" ] || fail "standing: the head's height is the tracked 1.2 m, got $2"
checks=$((checks + 1))
[ "$5" = "1" ] || fail "standing: both hands in the pose line"
set -- $(pose "$WORK/rec-seated" first)
checks=$((checks + 1))
[ "$2" = "1.650" ] || fail "seated: the head lifted to the start's 1.65 m, got $2"
checks=$((checks + 1))
[ "$3" = "2.600" ] || fail "seated: the trainee starts at the scene's start (z 2.6), got $3"

# Snap turn, then a teleport along an arc aimed 45 degrees down.
cat >"$WORK/move.txt" <<'TL'
0.00 hand right aim 0.2 1.3 -0.35 -0.3826834 0 0 0.9238795
0.40 axis right thumbstick 0 0
0.41 axis right thumbstick 1 0
0.60 axis right thumbstick 1 0
0.61 axis right thumbstick 0 0
1.00 axis right thumbstick 0 0
1.01 axis right thumbstick 0 1
1.30 axis right thumbstick 0 1
1.31 axis right thumbstick 0 0
TL
play move "$WORK/move.txt" 140 --screenshot "$WORK/move.png"
set -- $(pose "$WORK/rec-move" first)
x0=$1 y0=$2 z0=$3 yaw0=$4
set -- $(pose "$WORK/rec-move" last)
checks=$((checks + 1))
/usr/bin/python3 -c "import sys; d=float(sys.argv[1])-float(sys.argv[2]); sys.exit(0 if abs(d+30)<0.5 else 1)" "$4" "$yaw0" ||
    fail "snap turn: yaw $yaw0 -> $4, expected 30 degrees to the right"
checks=$((checks + 1))
/usr/bin/python3 -c "import sys,math; a=list(map(float,sys.argv[1:])); d=math.hypot(a[0]-a[3],a[2]-a[5]); sys.exit(0 if 0.5<d<2.5 and abs(a[1]-a[4])<0.01 else 1)" \
    "$x0" "$y0" "$z0" "$1" "$2" "$3" ||
    fail "teleport: the head went from $x0 $y0 $z0 to $1 $2 $3, expected 0.5-2.5 m along the floor"
checks=$((checks + 1))
[ -s "$WORK/move.png" ] || fail "the window's mirror of the left eye gave no screenshot"
finish xr_comfort

#!/bin/sh
# paja in the simulated headset (tools/xrsim) under Debian's OpenXR core
# validation layer: the session starts, the controllers grab and let go,
# and it ends three ways, each leaving a complete, closed record (and the
# first two saying what happened):
#   exit   the runtime ends the session (a user quitting from the headset's
#          system menu): paja follows it through STOPPING to EXITING
#   lose   the headset is lost mid-grab (LOSS_PENDING): paja says so,
#          closes and seals the record and exits
#   quit   paja's own menu (the left menu button, Quit chosen with the
#          trigger): paja asks the runtime to end the session and follows
#          it through STOPPING to EXITING
# and the validation layer reports nothing in any of them.
# Usage: xr_session.sh PAJA XRPLAY MANIFEST SOURCE_DIR WORKDIR
set -u
PAJA=$1 XRPLAY=$2 MANIFEST=$3 SRC=$4 WORK=$5
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/xr_lib.sh"
xr_need_tools
rm -rf "$WORK" && mkdir -p "$WORK"
EV="$SRC/scenarios/ev-hv-isolation"

cat >"$WORK/exit.play" <<'PLAY'
wait xs=running
grab area.barrier
release
exit
PLAY
PAJA_LOG=info,xr=debug XRSIM_HAPTICS_LOG="$WORK/exit-haptics.log" xr_session exit "$WORK/exit.play" "$EV" \
    --trainee xr1
xr_check_common exit
# sRGB colour (GL_SRGB8_ALPHA8) and depth (GL_DEPTH_COMPONENT24) swapchains
# with the depth layer, on STAGE, and the session's states in order.
contains "$D/paja.out" "swapchains: colour 0x8c43, depth 0x81a6" "exit: sRGB colour and depth swapchains"
contains "$D/paja.out" "tracking space STAGE" "exit: STAGE"
# The grab was felt: a pulse on the right controller's haptic action.
matches "$WORK/exit-haptics.log" "right.* haptic duration_ns=[0-9]* frequency=[-0-9.e]* amplitude=0\.[0-9]" \
    "exit: a haptic pulse on the grab"
for s in "IDLE -> READY" "READY -> SYNCHRONIZED" "VISIBLE -> FOCUSED" "SYNCHRONIZED -> STOPPING" "IDLE -> EXITING"; do
    contains "$D/paja.out" "session $s" "exit: the session went $s"
done
contains "$D/paja.out" "the headset's runtime ended the session" "exit: said"
matches "$rec" '"input":"/interaction_profiles/oculus/touch_controller"' "exit: the controllers in the header"
matches "$rec" '"type":"grab","hand":1,"subject":"area.barrier"' "exit: the grab is recorded"
matches "$rec" '"type":"release","hand":1,"subject":"area.barrier"' "exit: the release is recorded"

cat >"$WORK/lose.play" <<'PLAY'
wait xs=running
grab area.barrier
lose
wait xs=lost 30
PLAY
xr_session lose "$WORK/lose.play" "$EV" --trainee xr2
xr_check_common lose
contains "$D/paja.out" "the headset was lost" "lose: said"
contains "$D/paja.out" "record is kept" "lose: the record"
matches "$rec" '"k":"summary"\|"k":"end"\|"type":"finished"' "lose: the record is complete"
cat >"$WORK/quit.play" <<'PLAY'
wait xs=running
grab area.barrier
release
menu
wait ui=menu 20
choose quit
PLAY
PAJA_LOG=info,xr=debug xr_session quit "$WORK/quit.play" "$EV" --trainee xr3
xr_check_common quit
# paja asked the runtime to end the session and followed it to the end.
for s in "FOCUSED -> VISIBLE" "SYNCHRONIZED -> STOPPING" "STOPPING -> IDLE" "IDLE -> EXITING"; do
    contains "$D/paja.out" "session $s" "quit: the session went $s"
done
finish xr_session

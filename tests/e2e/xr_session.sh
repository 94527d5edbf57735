#!/bin/sh
# paja in the simulated headset (tools/xrsim) under Debian's OpenXR core
# validation layer: the session starts, the controllers grab and let go,
# and it ends two ways, each leaving a complete, closed record and saying
# what happened:
#   exit   the runtime ends the session (a user quitting from the headset's
#          system menu): paja follows it through STOPPING to EXITING
#   lose   the headset is lost mid-grab (LOSS_PENDING): paja says so,
#          closes and seals the record and exits
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
xr_session exit "$WORK/exit.play" "$EV" --trainee xr1
xr_check_common exit
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
finish xr_session

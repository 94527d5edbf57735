#!/bin/sh
# Each of the five controller profiles paja suggests bindings for, bound by
# the simulated headset in turn (XRSIM_PROFILE): the record's header names
# it, its own grab button (squeeze, or select on the simple controller)
# takes the barrier and lets it go again, and its use button (trigger, or
# select) presses the ignition switch, under the core validation layer.
# Usage: xr_profiles.sh PAJA XRPLAY MANIFEST SOURCE_DIR WORKDIR
set -u
PAJA=$1 XRPLAY=$2 MANIFEST=$3 SRC=$4 WORK=$5
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/xr_lib.sh"
xr_need_tools
rm -rf "$WORK" && mkdir -p "$WORK"
EV="$SRC/scenarios/ev-hv-isolation"
for p in khr/simple_controller oculus/touch_controller valve/index_controller htc/vive_controller \
    microsoft/motion_controller; do
    name=$(echo "$p" | tr / _)
    cat >"$WORK/$name.play" <<PLAY
profile $p
wait xs=running
grab area.barrier
release
press vehicle.ignition
exit
PLAY
    XRSIM_PROFILE=$p xr_session "$name" "$WORK/$name.play" "$EV" --trainee "$name"
    xr_check_common "$name"
    matches "$rec" "\"input\":\"/interaction_profiles/$p\"" "$name: the profile in the header"
    matches "$rec" '"type":"grab","hand":1,"subject":"area.barrier"' "$name: grabbed"
    matches "$rec" '"type":"release","hand":1,"subject":"area.barrier"' "$name: let go"
    matches "$rec" '"type":"press","hand":1,"subject":"vehicle.ignition"' "$name: pressed with its use button"
done
finish xr_profiles

#!/bin/sh
# The EV scenario's playthroughs played in the simulated headset by a
# player that aims real controller poses at the objects and presses real
# buttons through paja's OpenXR actions (xrplay.c via xrsim's control
# channel), under the core validation layer; each ends with the same
# outcome `paja test` gives the playthrough: result, score and the number of
# violations of each severity. Each action comes at the engine's time for
# it (time-dependent rules see the same clock): headset time the hands did
# not need, the procedure's 10-minute wait included, is skipped on xrsim's
# virtual clock (its "skip" command).
# Usage: xr_play.sh PAJA XRPLAY MANIFEST SOURCE_DIR WORKDIR [PLAYTHROUGH...]
#   (no PLAYTHROUGH: every one of scenarios/ev-hv-isolation/playthroughs)
set -u
PAJA=$1 XRPLAY=$2 MANIFEST=$3 SRC=$4 WORK=$5
shift 5
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/xr_lib.sh"
xr_need_tools
rm -rf "$WORK" && mkdir -p "$WORK"
EV="$SRC/scenarios/ev-hv-isolation"
[ $# -gt 0 ] || set -- $(ls "$EV/playthroughs" | sed 's/\.yaml$//')
XR_RATE=10
XR_VIEW=96x96
export XR_RATE XR_VIEW

# top KEY FILE: a playthrough's top-level "KEY: value".
top() {
    sed -n "s/^$1: *\([^ #]*\).*/\1/p" "$2" | head -1
}

for p in "$@"; do
    yaml="$EV/playthroughs/$p.yaml"
    # The engine's own run: its input events are the player's actions,
    # its verdict the outcome to meet.
    "$PAJA" test --trace "$WORK/$p.engine" "$yaml" >"$WORK/$p.test" 2>&1 ||
        { fail "$p: paja test fails: $(cat "$WORK/$p.test")"; continue; }
    mode=$(top mode "$yaml")
    seed=$(top seed "$yaml")
    lang=$(top lang "$yaml")
    cat >"$WORK/$p.play" <<PLAY
wait xs=running
play $WORK/$p.engine
exit
PLAY
    xr_session "$p" "$WORK/$p.play" "$EV" --trainee "xr-$p" --mode "${mode:-practice}" --seed "${seed:-1}" \
        --lang "${lang:-en}"
    xr_check_common "$p"
    [ -n "$rec" ] || continue
    # The whole outcome, event by event (steps completed, violations,
    # hints, readings, result and score), as paja test reaches it: paja
    # test compares the record with the playthrough and names the first
    # event that differs.
    checks=$((checks + 1))
    if "$PAJA" test "$yaml" --record "$rec" ${XR_READING_TOL:+--reading-tolerance "$XR_READING_TOL"} \
        >"$WORK/$p.outcome" 2>&1; then
        echo "$p: $(grep '^ok ' "$WORK/$p.outcome")"
    else
        fail "$p: the headset's record does not reach paja test's outcome: $(grep -v '^[0-9]* playthrough' "$WORK/$p.outcome")"
        xr_show
    fi
done
finish xr_play

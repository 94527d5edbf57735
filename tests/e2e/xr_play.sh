#!/bin/sh
# Playthroughs played in the simulated headset by a player that aims real
# controller poses at the objects and presses real buttons through paja's
# OpenXR actions (xrplay.c via xrsim's control channel), under the core
# validation layer; each session's record reaches exactly the outcome
# `paja test` reaches, event by event (steps completed, violations, hints,
# readings, result and score: `paja test PLAYTHROUGH --record FILE`, which
# names the first event that differs). Each action's deciding input comes
# at the engine's time for it (readings on a decaying signal and
# time-dependent rules see the same clock): headset time the hands did not
# need, the procedure's 10-minute wait included, is skipped on xrsim's
# virtual clock (its "skip" command).
# Usage: xr_play.sh PAJA XRPLAY MANIFEST SOURCE_DIR WORKDIR [--drop TYPE --differs REGEX] [PLAYTHROUGH...]
#   PLAYTHROUGH: a name in scenarios/ev-hv-isolation/playthroughs, or the
#   path of a playthrough file (SCENARIO/playthroughs/NAME.yaml); none:
#   every one of the EV scenario's.
#   --drop TYPE --differs REGEX: the player leaves out the first action of
#   TYPE, and the check must fail with a first difference matching REGEX
#   (the comparison catches what a player missed).
set -u
PAJA=$1 XRPLAY=$2 MANIFEST=$3 SRC=$4 WORK=$5
shift 5
DROP="" DIFFERS=""
if [ "${1:-}" = --drop ]; then
    DROP=$2 DIFFERS=$4
    shift 4
fi
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/xr_lib.sh"
xr_need_tools
rm -rf "$WORK" && mkdir -p "$WORK"
EV="$SRC/scenarios/ev-hv-isolation"
[ $# -gt 0 ] || set -- $(ls "$EV/playthroughs" | sed 's/\.yaml$//')
XR_VIEW=96x96
export XR_VIEW

# top KEY FILE: a playthrough's top-level "KEY: value".
top() {
    sed -n "s/^$1: *\([^ #]*\).*/\1/p" "$2" | head -1
}

for p in "$@"; do
    case $p in
    */*) yaml=$p; dir=$(dirname "$(dirname "$yaml")"); p=$(basename "$dir")-$(basename "$yaml" .yaml) ;;
    *) yaml="$EV/playthroughs/$p.yaml"; dir=$EV ;;
    esac
    # The engine's own run: its input events are the player's actions,
    # its verdict the outcome to meet.
    "$PAJA" test --trace "$WORK/$p.engine" "$yaml" >"$WORK/$p.test" 2>&1 ||
        { fail "$p: paja test fails: $(cat "$WORK/$p.test")"; continue; }
    # The player gives the hands 60 frames of headset time before each
    # action's time: the frame rate (10 Hz, cheap) is raised where actions
    # come closer than 7.5 s apart, so that 60 frames take at most 0.8 of
    # the shortest gap (at most 120 Hz).
    XR_RATE=$(awk '$2 == "in" { if (n++ && $1 - last < min) min = $1 - last; last = $1 }
        END { if (n < 2 || min >= 7.5e6) print 10; else if (min <= 0) print 120;
              else { r = int(60 / (0.8 * min / 1e6)) + 1; print (r > 120 ? 120 : (r < 10 ? 10 : r)) } }' \
        min=1e18 "$WORK/$p.engine")
    export XR_RATE
    mode=$(top mode "$yaml")
    seed=$(top seed "$yaml")
    lang=$(top lang "$yaml")
    actions="$WORK/$p.engine"
    if [ -n "$DROP" ]; then
        actions="$WORK/$p.dropped"
        awk -v t="$DROP" '!done && $2 == "in" && $3 == t { done = 1; next } { print }' "$WORK/$p.engine" >"$actions"
    fi
    cat >"$WORK/$p.play" <<PLAY
wait xs=running
play $actions
exit
PLAY
    xr_session "$p" "$WORK/$p.play" "$dir" --trainee "xr-$p" --mode "${mode:-practice}" --seed "${seed:-1}" \
        --lang "${lang:-en}"
    xr_check_common "$p"
    # Every action's deciding input came in the frame at paja test's time
    # for it (xrplay says when one could not).
    checks=$((checks + 1))
    if grep -q "after paja test's time\|was not timed" "$D/play.log"; then
        fail "$p: actions off paja test's clock: $(grep "after paja test's time\|was not timed" "$D/play.log" | head -3)"
    fi
    [ -n "$rec" ] || continue
    # The whole outcome, event by event (steps completed, violations,
    # hints, readings, result and score), as paja test reaches it: paja
    # test compares the record with the playthrough and names the first
    # event that differs.
    checks=$((checks + 1))
    "$PAJA" test "$yaml" --record "$rec" >"$WORK/$p.outcome" 2>&1
    orc=$?
    if [ -n "$DIFFERS" ]; then
        if [ "$orc" -eq 1 ] && grep -q "first difference: $DIFFERS" "$WORK/$p.outcome"; then
            echo "$p without its first '$DROP': $(grep '^FAIL ' "$WORK/$p.outcome" | sed 's/.*first difference/first difference/')"
        else
            fail "$p without its first '$DROP': expected paja test --record to fail at '$DIFFERS' (exit 1), got exit $orc: $(cat "$WORK/$p.outcome")"
        fi
    elif [ "$orc" -eq 0 ]; then
        echo "$p: $(grep '^ok ' "$WORK/$p.outcome")"
    else
        fail "$p: the headset's record does not reach paja test's outcome: $(grep -v '^[0-9]* playthrough' "$WORK/$p.outcome")"
        xr_show
    fi
done
finish xr_play

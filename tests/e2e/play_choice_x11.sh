#!/bin/sh
# Answers and feature picks with a real mouse and keyboard (SDL x11 on Xvfb,
# every input an XTest event from xplay.c aimed through the PAJA_TEST_TRACE
# hook) on tests/data/every-action: E on the gloves opens the picker of
# their three features, the key 2 picks the date stamp, a click on its row
# the air test; a click on the question opens its choices, a click answers
# "no" (a rule judges it), the key 1 answers "yes". The record must verify
# and hold those events from the right hand, the steps they complete and
# the rule they broke.
# Usage: play_choice_x11.sh PAJA XPLAY SRC WORKDIR
set -u
PAJA=$1
XPLAY=$2
SRC=$3
WORK=$4
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/play_lib.sh"
command -v xvfb-run >/dev/null 2>&1 || skip "xvfb-run not installed (tools/deps.sh installs xvfb)"
rm -rf "$WORK" && mkdir -p "$WORK"
unset SDL_VIDEODRIVER
EV="$SRC/tests/data/every-action"

cat >"$WORK/play.txt" <<'PLAY'
window
wait ui=start 40
type e2e8
wait trainee=e2e8
key Return
wait ui=play 30
aim gloves
key e
wait choice=feature,gloves
type 2
wait_in done stamp
aim gloves
key e
wait choice=feature,gloves
aim_opt air_test
click
wait_in done air
aim q.ready
click
wait choice=answer,q.ready
aim_opt no
click
wait choice=-
aim q.ready
click
wait choice=answer,q.ready
type 1
wait choice=-
key Escape
wait ui=menu
aim_item quit
click
PLAY
SCRIPT=$WORK/play.txt

play_session 90
checks=$((checks + 1))
rec=$(ls "$WORK/rec"/*.jsonl 2>/dev/null | head -1)
if [ -z "$rec" ]; then
    fail "no record"
else
    checks=$((checks + 1))
    "$PAJA" verify "$rec" >"$WORK/verify" 2>&1 || fail "the record does not verify: $(cat "$WORK/verify")"
    for want in '"type":"inspect","hand":1,"subject":"gloves","target":"date_stamp"' \
        '"type":"inspect","hand":1,"subject":"gloves","target":"air_test"' \
        '"type":"answer","hand":1,"subject":"q.ready","target":"no","detail":"no"' \
        '"type":"answer","hand":1,"subject":"q.ready","target":"yes","detail":"yes"' \
        '"type":"rule_violated","ival":1,"subject":"said_no"' \
        '"type":"step_completed","subject":"stamp"' '"type":"step_completed","subject":"air"'; do
        checks=$((checks + 1))
        grep -qF "$want" "$rec" || fail "the record has no $want"
    done
    # Interact never saw the panel's clicks: nothing was grabbed.
    checks=$((checks + 1))
    grep -q '"type":"grab"' "$rec" && fail "a click on the panel or the question also grabbed something"
fi
play_finish play_choice_x11

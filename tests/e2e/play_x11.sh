#!/bin/sh
# The start of the EV scenario played in guided mode in a real window (SDL
# x11 on Xvfb) like a person at a mouse and keyboard: every input is an X
# event from XTest (xplay.c), aimed through paja's PAJA_TEST_TRACE test hook
# (engine/app/app_trace.h). On the start panel the trainee id is typed and
# the mode row and Start are clicked; then the whole preparation group: the
# glove air test (E on the gloves), the gloves, leather protectors and face
# shield put on (click, wheel to the head, click), the barrier carried to its
# spot; T twice (wait a minute each); Esc and a click on Quit. The record must verify, say guided, the
# typed trainee and mouse input, have those steps completed and no critical
# violation. Where the cursor meets the start panel and the menu is checked
# against where they are drawn to a quarter pixel.
# Usage: play_x11.sh PAJA XPLAY SRC WORKDIR
# XPLAY_SCRIPT=FILE plays another script instead (e.g. one with a
# "click 0,40" to see the test fail on a bad aim).
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
EV="$SRC/scenarios/ev-hv-isolation"
STEPS="ppe.glove_test ppe.gloves_on ppe.protectors_on ppe.face_shield_on area.barrier"

# What a person does. Each wait reads paja's trace (a frame drawn after the
# input), so slow software rendering only makes it slower, not flaky.
cat >"$WORK/play.txt" <<'PLAY'
window
wait ui=start 40
type e2e7
wait trainee=e2e7
# The cursor's ray meets the panel where the panel is drawn: the pointer a
# quarter pixel inside an edge is on the button, a quarter outside is not.
probe_item mode 0.25
probe_item go 0.25
# The mode row clicked twice (practice -> exam -> guided) as a quick
# double click of instant taps: both clicks must count even when a frame
# takes longer than the clicks (the platform queues presses per frame).
aim_item mode
click hold=0
click hold=0
wait mode=guided
aim_item go
click
wait ui=play
# The air test: E while pointing at the gloves (the whole object's
# feature, interact.h), an instant tap.
aim ppe.gloves
key e hold=0
wait_in done ppe.glove_test
# Each piece of PPE: click takes it, the wheel pulls it to the face, a
# click puts it on.
aim ppe.gloves
click
wait held=ppe.gloves
wheel -40
click
wait_in worn ppe.gloves
wait_in done ppe.gloves_on
aim ppe.leather_protectors
click
wait held=ppe.leather_protectors
wheel -40
click
wait_in done ppe.protectors_on
aim ppe.face_shield
click
wait held=ppe.face_shield
wheel -40
click
wait_in done ppe.face_shield_on
# The barrier: taken with a click (it stands behind and to the left: the
# head turns to it and walks up), put on its spot on the floor with a click.
aim area.barrier
click
wait held=area.barrier
aim area.barrier_spot
click
wait_in done area.barrier
# T: the trainee waits a minute (the scenario clock jumps; the record says
# so). Twice, each seen by a frame before the next key.
key t hold=0
wait waited=60
key t hold=0
wait waited=120
key Escape
wait ui=menu
probe_item quit 0.25
aim_item quit
click
PLAY
SCRIPT=${XPLAY_SCRIPT:-$WORK/play.txt}

play_session 70
play_check_record 2
if [ -n "$rec" ]; then
    grep '"type":"rule_violated"' "$rec" | grep -q '"ival":3' && fail "critical rule violation: $(grep '"type":"rule_violated"' "$rec")"
    grep '"k":"summary"' "$rec" | grep -q '"critical":0' || fail "the summary counts critical violations (or is missing)"
fi
play_finish play_x11

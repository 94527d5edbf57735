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
{
    play_ev_preparation
    cat <<'PLAY'
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
} >"$WORK/play.txt"
SCRIPT=${XPLAY_SCRIPT:-$WORK/play.txt}

play_session 70
play_check_record 2
if [ -n "$rec" ]; then
    grep '"type":"rule_violated"' "$rec" | grep -q '"ival":3' && fail "critical rule violation: $(grep '"type":"rule_violated"' "$rec")"
    grep '"k":"summary"' "$rec" | grep -q '"critical":0' || fail "the summary counts critical violations (or is missing)"
fi
play_finish play_x11

#!/bin/sh
# The whole EV scenario played in guided mode in a real window (SDL x11 on
# Xvfb) like a person at a mouse and keyboard, with only the README's
# controls: every input is an X event from XTest (xplay.c), aimed through
# paja's PAJA_TEST_TRACE test hook (engine/app/app_trace.h). The trainee
# walks (W, the head turned with the right button held) from the bench to
# the car, the lock box and back, as guided-fi.yaml orders the actions:
# PPE and barrier, ignition off (from beside the car, over the door sill),
# key to the lock box, 12 V clamp off and put down on the bench to cap it,
# service plug to the lock box, lockout cap on the port, T ten times for the
# 10-minute discharge wait, the tester proven, the three pole pairs, the
# tester proven again, the protocol signed. Then the end panel, Esc and a
# click on Quit. The record must verify and say guided, the typed trainee,
# mouse input, every step completed, ten waits, pass with score 100 and no
# violation at all; paja must exit 0.
# Usage: play_x11_full.sh PAJA XPLAY SRC WORKDIR
# XPLAY_SCRIPT=FILE plays another script instead (e.g. one that skips the
# waits: T pressed fewer times fails the run).
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
STEPS="ppe.glove_test ppe.gloves_on ppe.protectors_on ppe.face_shield_on area.barrier
disconnect.ignition_off disconnect.key_away disconnect.lv_negative disconnect.lv_insulate disconnect.service_plug
secure.plug_locked secure.lock_cap wait.discharge verify.tester_before verify.pole_pn verify.pole_pc verify.pole_nc
verify.tester_after doc.protocol"

# What a person does. Each wait reads paja's trace (a frame drawn after the
# input), so slow software rendering only makes it slower, not flaky. Places
# to walk to (goto X,Z) are spots on the floor a trainee would stand on: in
# front of the bench (z 1.2), the bay (z 1.3), the lock box (3.9,0.6) and
# beside the car's cabin (1.3,-0.42).
{
    play_ev_preparation
    cat <<'PLAY'
# Disconnect: the start button on the dashboard is hidden behind the open
# bonnet from the front; beside the cabin it is in plain view.
goto 1.3,-0.42
aim vehicle.ignition
click
wait_in done disconnect.ignition_off
aim vehicle.key
click
wait held=vehicle.key
goto 3.9,0.6
aim cabinet.lockbox
click
wait_in done disconnect.key_away
goto 0.55,1.3
aim lv.negative_clamp
click
wait held=lv.negative_clamp
wait_in done disconnect.lv_negative
# The clamp is put down on the bench beside the insulating cap, which goes
# onto its end there.
goto 2.3,1.2
point 2.3,0.92,0.45
click
wait held=-
aim lv.insulating_cap
click
wait held=lv.insulating_cap
aim lv.clamp_end
click
wait_in done disconnect.lv_insulate
goto -0.35,1.3
aim hv.service_plug
click
wait held=hv.service_plug
wait_in done disconnect.service_plug
# Secure: the plug into the lock box, the lockout cap onto the port.
goto 3.9,0.6
aim cabinet.lockbox
click
wait_in done secure.plug_locked
goto 2.3,1.2
aim secure.lock_cap
click
wait held=secure.lock_cap
goto -0.35,1.3
aim hv.plug_port
click
wait_in done secure.lock_cap
# The 10-minute discharge wait: T ten times, each seen before the next.
PLAY
} >"$WORK/play.txt"
i=1
while [ $i -le 10 ]; do
    printf 'key t hold=0\nwait waited=%d\n' $((i * 60)) >>"$WORK/play.txt"
    i=$((i + 1))
done
cat >>"$WORK/play.txt" <<'PLAY'
wait_in done wait.discharge
# Verify: the tester proven on the proving unit, the three pole pairs
# (the plates under the studs in the bay), proven again.
goto 3.2,1.2
aim tool.tester
click
wait held=tool.tester
aim ref.proving_unit
click
wait_in done verify.tester_before
goto -0.3,1.3
aim hv.pos_neg
click
wait_in done verify.pole_pn
aim hv.pos_chassis
click
wait_in done verify.pole_pc
aim hv.neg_chassis
click
wait_in done verify.pole_nc
goto 3.2,1.2
aim ref.proving_unit
click
wait_in done verify.tester_after
# The protocol signed (pressed with the tester still in the hand).
goto 2.0,1.2
aim doc.protocol
click
wait_in done doc.protocol
wait ui=end
wait finished=1
key Escape
wait ui=menu
aim_item quit
click
PLAY
SCRIPT=${XPLAY_SCRIPT:-$WORK/play.txt}

play_session 200
grep -q 'ui=end .*finished=1' "$WORK/trace" 2>/dev/null || fail "paja never showed the end panel (ui=end finished=1)"
play_check_record 10
if [ -n "$rec" ]; then
    grep '"type":"rule_violated"' "$rec" >"$WORK/violations"
    [ -s "$WORK/violations" ] && fail "rules violated: $(cat "$WORK/violations")"
    sum=$(grep '"k":"summary"' "$rec")
    echo "$sum" | grep -q '"result":"passed","score":100,' || fail "the summary is not a pass with score 100: $sum"
    echo "$sum" | grep -q '"steps_completed":19,' || fail "the summary does not count 19 steps completed: $sum"
    echo "$sum" | grep -q '"violations":{"minor":0,"major":0,"critical":0}' || fail "the summary counts violations: $sum"
fi
play_finish play_x11_full

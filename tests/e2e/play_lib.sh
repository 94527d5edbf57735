# What the X11 play tests share (play_x11.sh, play_x11_full.sh): one X
# session with paja in a window and the XTest player (xplay.c) driving it,
# then the record's checks. Sourced after lib.sh, with PAJA, XPLAY, WORK, EV
# and SCRIPT set (the player's script) and STEPS the step ids that must be
# completed.

# play_session LIMIT_S: Xvfb with paja (tracing for the player) in the
# background and the player, given LIMIT_S seconds; a paja that does not
# quit after the player is killed, not waited for. Sets rc (the player's
# exit status) and start; exits 77 where XTest is missing.
play_session() {
    cat >"$WORK/session.sh" <<INNER
#!/bin/sh
PAJA_TEST_TRACE="$WORK/trace" "$PAJA" run "$EV" --records "$WORK/rec" --size 640x360 --seed 3 --lang en >"$WORK/out" 2>&1 &
pid=\$!
XPLAY_LIMIT_S=$1 "$XPLAY" "$WORK/trace" "$SCRIPT" >"$WORK/play.log" 2>&1
play=\$?
i=0; while kill -0 \$pid 2>/dev/null && [ \$i -lt 100 ]; do sleep 0.1; i=\$((i + 1)); done
kill -0 \$pid 2>/dev/null && { kill \$pid; echo "paja did not quit" >>"$WORK/play.log"; }
wait \$pid; echo \$? >"$WORK/rc"
exit \$play
INNER
    chmod +x "$WORK/session.sh"
    start=$(date +%s)
    xvfb-run -a -s "-screen 0 1024x768x24" "$WORK/session.sh"
    rc=$?
    [ $rc -eq 77 ] && { cat "$WORK/play.log"; exit 77; }
    checks=$((checks + 2))
    [ $rc -eq 0 ] || fail "xplay: exit $rc"
    [ "$(cat "$WORK/rc" 2>/dev/null)" = 0 ] || fail "paja exit $(cat "$WORK/rc" 2>/dev/null), expected 0 after Esc and Quit"
}

# play_check_record WAITS: one record that verifies; guided, the typed
# trainee (e2e7) and mouse input in its header; every step of STEPS
# completed; WAITS waits (T). Sets rec ("" when there is not exactly one).
play_check_record() {
    rec=""
    checks=$((checks + 1))
    n=$(ls "$WORK/rec"/*.jsonl 2>/dev/null | wc -l)
    [ "$n" -eq 1 ] || { fail "$n records, expected 1"; return; }
    rec=$(ls "$WORK/rec"/*.jsonl)
    checks=$((checks + 5))
    "$PAJA" verify "$rec" >"$WORK/verify" 2>&1 || fail "the record does not verify: $(cat "$WORK/verify")"
    head -1 "$rec" | grep -q '"mode":"guided"' || fail "mode clicked on the start panel is not guided in the header"
    head -1 "$rec" | grep -q '"trainee":"e2e7"' || fail "trainee typed on the start panel not in the header"
    head -1 "$rec" | grep -q '"input":"mouse"' || fail "the record's input is not mouse"
    waits=$(grep '"type":"ui"' "$rec" | grep -c '"subject":"wait"')
    [ "$waits" -eq "$1" ] || fail "$waits waits (T) in the record, expected $1"
    for s in $STEPS; do
        checks=$((checks + 1))
        grep '"type":"step_completed"' "$rec" | grep -q "\"subject\":\"$s\"" || fail "step $s not completed in the record"
    done
}

# play_finish NAME: on failure the ends of the player's and paja's logs;
# then lib.sh's summary and exit.
play_finish() {
    if [ "$failures" -ne 0 ]; then
        sed 's/^/    xplay: /' "$WORK/play.log" | tail -40
        sed 's/^/    paja: /' "$WORK/out" | tail -15
    else
        echo "$1: $(( $(date +%s) - start )) s"
    fi
    finish "$1"
}

# play_ev_preparation: the player's script from the window's opening to the
# end of the EV scenario's preparation group, printed. On the start panel
# the id e2e7 is typed and guided mode and Start are clicked (the hit tests
# probed a quarter pixel inside and outside the buttons); then the glove air
# test (E), the gloves, leather protectors and face shield put on (click,
# wheel to the face, click) and the barrier carried to its spot.
play_ev_preparation() {
    cat <<'PLAY'
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
PLAY
}

#!/bin/sh
# `paja run SCENARIO --script PLAYTHROUGH` (issue 6 item 7): playthroughs
# played through the desktop input path (hand ray moved onto objects,
# clicks, E, wheel, H through interact; no injected events) must end as the
# scenario engine's own run does (`paja test`), headless, and leave a record
# that verifies. Usage: run_script.sh PAJA SOURCE_DIR WORKDIR
set -u
PAJA=$1
SRC=$2
WORK=$3
rm -rf "$WORK" && mkdir -p "$WORK"
. "$(dirname "$0")/lib.sh"

# same SCENARIO PLAYTHROUGH [options]: the input path gives paja test's outcome.
same() {
    s_sc=$1; s_pt=$2; shift 2
    checks=$((checks + 1))
    name=$(basename "$s_sc")-$(basename "$s_pt" .yaml)
    rm -rf "$WORK/rec"
    "$PAJA" run "$s_sc" --script "$s_pt" --records "$WORK/rec" "$@" >"$WORK/out" 2>"$WORK/err"
    rc=$?
    if [ "$rc" -ne 0 ] || ! grep -q "same outcome" "$WORK/err"; then
        fail "$name: exit $rc"
        grep -E "script|error" "$WORK/err" | sed 's/^/    /' | head -5
        return
    fi
    rec=$(find "$WORK/rec" -name '*.jsonl' | head -1)
    checks=$((checks + 1))
    # Checked against the scenario it ran (an edited copy differs from the
    # installed one, which verify would otherwise compare it with).
    if [ -z "$rec" ] || ! "$PAJA" verify "$rec" --scenario "$s_sc" >"$WORK/verify.out" 2>&1; then
        fail "$name: no record that verifies"
        show "" "$WORK/verify.out"
        return
    fi
    checks=$((checks + 1))
    head -1 "$rec" | grep -q '"input":"script"' || fail "$name: the record does not say the input was a script"
    # Hover events come only from interact's ray: proof the input path ran.
    checks=$((checks + 1))
    grep -q '"type":"hover"' "$rec" || fail "$name: no hover events in the record: not the input path"
}

# The 12 V battery scenario, on its generated scene (found in assets/ by name):
# every playthrough.
for pt in "$SRC"/scenarios/battery-12v-replacement/playthroughs/*.yaml; do
    same "$SRC/scenarios/battery-12v-replacement" "$pt"
done

# The EV scenario on the EV workshop scene and on the built-in workshop with
# placeholders: every playthrough (the lock box holds the key and the service
# plug: its capacity is 2).
EV="$SRC/scenarios/ev-hv-isolation"
# A copy of the folder away from assets/ finds no scene: the built-in
# workshop with placeholders stands in.
mkdir -p "$WORK/alone" && cp -r "$EV" "$WORK/alone/"
EV_ALONE="$WORK/alone/ev-hv-isolation"
for pt in "$EV"/playthroughs/*.yaml; do
    pt=$(basename "$pt")
    same "$EV_ALONE" "$EV_ALONE/playthroughs/$pt"
    same "$EV" "$EV/playthroughs/$pt"
done

# The guided playthrough played to the end through the input path, then the
# teacher's report: the session is in it, guided, passed with full marks,
# every step done, the record intact.
rm -rf "$WORK/rec-guided"
if expect 0 "guided-fi through the input path" "$PAJA" run "$EV" --script "$EV/playthroughs/guided-fi.yaml" \
    --trainee opiskelija7 --records "$WORK/rec-guided"; then
    if expect 0 "report on the guided session" "$PAJA" report "$WORK/rec-guided" -o "$WORK/guided.html" \
        --csv "$WORK/guided.csv"; then
        contains "$WORK/guided.html" "opiskelija7" "the report names the trainee"
        matches "$WORK/guided.csv" '^opiskelija7,1,[^,]*,ev-hv-isolation,guided,.*,passed,100,100,closed' \
            "the CSV has the guided session, passed 100/100, intact"
        checks=$((checks + 1))
        steps=$(grep -c '^opiskelija7,.*,ok,' "$WORK/guided.csv")
        [ "$steps" -ge 15 ] || fail "the report lists $steps steps done, expected every step of the EV scenario"
    fi
fi

# A copy whose lock box holds one object again (capacity 1) cannot take the
# plug after the key: the input path refuses it, and so does paja test (a
# place into a full socket is only a release), so both end incomplete.
mkdir -p "$WORK/cap1" && cp -r "$EV" "$WORK/cap1/"
EV_CAP1="$WORK/cap1/ev-hv-isolation"
sed 's/^    capacity: 2$/    capacity: 1/' "$EV/scenario.yaml" >"$EV_CAP1/scenario.yaml"
if cmp -s "$EV/scenario.yaml" "$EV_CAP1/scenario.yaml"; then
    checks=$((checks + 1))
    fail "the lock box's 'capacity: 2' was not found in $EV/scenario.yaml (update this check)"
else
    same "$EV_CAP1" "$EV_CAP1/playthroughs/perfect.yaml"
    checks=$((checks + 1))
    grep -q "paja test: incomplete" "$WORK/err" || fail "perfect with a one-object lock box: not incomplete in paja test"
fi

# Every action the format offers (tests/data/every-action): a feature
# picked among three on the picker panel, a zone walked into, a question
# answered wrongly and then rightly on its panel, a torque set with the
# wheel, a hint, a socket emptied and filled, taking off; through the input
# path the whole outcome (every step, violation, hint, reading, result and
# score, in order) is the one paja test reaches.
EA="$SRC/tests/data/every-action"
rm -f "$WORK/ea-trace"
export PAJA_TEST_TRACE="$WORK/ea-trace"
same "$EA" "$EA/playthroughs/every-action.yaml"
unset PAJA_TEST_TRACE
# The test hook shows players where the choice panel's options are.
checks=$((checks + 2))
grep -q " choice=answer,q.ready opt=yes,[0-9.-]*,[0-9.-]*,[012],[0-9.-]*,[0-9.-]*,[0-9.-]* opt=no," "$WORK/ea-trace" ||
    fail "every-action: the test trace has no choice panel with the question's options"
grep -q " choice=feature,gloves opt=air_test,.* opt=seam," "$WORK/ea-trace" ||
    fail "every-action: the test trace has no feature picker with the gloves' features"
checks=$((checks + 1))
rec=$(find "$WORK/rec" -name '*.jsonl' | head -1)
for want in '"type":"answer","hand":1,"subject":"q.ready","target":"yes"' \
    '"type":"inspect","hand":1,"subject":"gloves","target":"date_stamp"' '"type":"zone","subject":"area"' \
    '"type":"use","hand":1,"subject":"wrench","target":"bolt","unit":"Nm","value":25' '"type":"unwear"'; do
    checks=$((checks + 1))
    grep -qF "$want" "$rec" || fail "every-action: the record has no $want"
done

# The record of that run, given back to paja test (`paja test PLAYTHROUGH
# --record FILE`), reaches the playthrough's outcome event for event; a
# playthrough with one action left out (no hint asked) is told apart, and
# the first differing event is named: the hint the record has and the
# reading paja test reaches instead.
if expect 0 "paja test --record: the input path's record" "$PAJA" test "$EA/playthroughs/every-action.yaml" \
    --record "$rec"; then
    contains "$WORK/out" "ok   every-action/every-action: the record reaches the same" "paja test --record"
fi
mkdir -p "$WORK/ea-doctored/playthroughs" && cp "$EA/scenario.yaml" "$WORK/ea-doctored/"
grep -v 'hint_request' "$EA/playthroughs/every-action.yaml" >"$WORK/ea-doctored/playthroughs/no-hint.yaml"
"$PAJA" test "$WORK/ea-doctored/playthroughs/no-hint.yaml" --record "$rec" >"$WORK/rec-diff" 2>&1
rc=$?
checks=$((checks + 1))
[ "$rc" -eq 1 ] || fail "paja test --record with a hint left out of the playthrough: exit $rc, expected 1"
matches "$WORK/rec-diff" "^FAIL every-action/no-hint: .*first difference: outcome event [0-9]*: hint for measure (request 1) at [0-9.]* s; paja test: reading meter at lamp" \
    "paja test --record names the first differing event"
# --record goes with one playthrough: a scenario folder is refused.
expect 0 "paja test --record with a reading tolerance" "$PAJA" test "$EA/playthroughs/every-action.yaml" \
    --record "$rec" --reading-tolerance 0.05
expect 2 "paja test --reading-tolerance 2 (not a fraction)" "$PAJA" test "$EA/playthroughs/every-action.yaml" \
    --record "$rec" --reading-tolerance 2
expect 2 "paja test --record with a scenario folder" "$PAJA" test "$EA" --record "$rec"
expect 2 "paja test --record with no such record" "$PAJA" test "$EA/playthroughs/every-action.yaml" \
    --record "$WORK/no-such.jsonl"

# Time as paja test keeps it: a state rule that becomes true between two
# actions (no wait between them) is judged after the second action's own
# events, not before them, and nothing is judged after the last action.
mkdir -p "$WORK/timing/playthroughs"
cat >"$WORK/timing/scenario.yaml" <<'YAML'
id: timing
version: "1"
title: {fi: Ajoitus, en: Timing, sv: Tidtagning}
objects:
  - {id: a, node: A, caps: [switch]}
  - {id: b, node: B, caps: [switch]}
  - {id: c, node: C, caps: [switch]}
steps:
  - {id: sa, text: {fi: A, en: A, sv: A}, done_on: {event: press, subject: a}}
  - {id: sb, text: {fi: B, en: B, sv: B}, done_on: {event: press, subject: b}}
  - {id: sc, text: {fi: C, en: C, sv: C}, done_on: {event: press, subject: c}}
rules:
  - {id: slow, severity: minor, message: {fi: Hidas, en: Slow, sv: Långsam}, when: "t > 1.5"}
  - {id: slower, severity: minor, message: {fi: Hitaampi, en: Slower, sv: Långsammare}, when: "t > 2.5"}
rubric: {pass_mark: 50}
YAML
printf 'actions:\n  - press: a\n  - press: b\n  - press: c\nexpect:\n  violations: [slow]\n' \
    >"$WORK/timing/playthroughs/order.yaml"
same "$WORK/timing" "$WORK/timing/playthroughs/order.yaml"

# A different outcome is a finding: exit 1, both outcomes named, and the
# first event that differs. A copy with a last step answered by the trainee
# on a question that has no node (paja check refuses it; paja run skips the
# answer) passes in paja test and stays incomplete through the input path.
checks=$((checks + 1))
mkdir -p "$WORK/quiz" && cp -r "$EV" "$WORK/quiz/"
EV_QUIZ="$WORK/quiz/ev-hv-isolation"
awk '/^points:$/ { print "  - {id: q.done, caps: [question]}"; print "" }
     /^rules:$/ { print "  - {id: quiz, text: {fi: Vastaa., en: Answer.}, done_on: {event: answer, subject: q.done}}"; print "" }
     { print }' "$EV/scenario.yaml" >"$EV_QUIZ/scenario.yaml"
sed 's/^  - press: doc.protocol$/  - press: doc.protocol\n  - answer: q.done/' "$EV/playthroughs/perfect.yaml" >"$EV_QUIZ/playthroughs/perfect.yaml"
if ! grep -q "answer: q.done" "$EV_QUIZ/playthroughs/perfect.yaml" || ! grep -q "id: quiz" "$EV_QUIZ/scenario.yaml"; then
    fail "the quiz copy of $EV could not be made (update this check)"
else
    "$PAJA" run "$EV_QUIZ" --script "$EV_QUIZ/playthroughs/perfect.yaml" --records "$WORK/rec-quiz" \
        >"$WORK/out" 2>"$WORK/err"
    rc=$?
    if [ "$rc" -ne 1 ] || ! grep -q "DIFFERENT outcome" "$WORK/err" ||
        ! grep -q "paja test: pass, score 100.00" "$WORK/err" ||
        ! grep -q "first difference: outcome event [0-9]*: .*paja test: step quiz completed" "$WORK/err"; then
        fail "perfect with an answered last step: expected exit 1 naming both outcomes, got $rc"
        grep -E "script|error" "$WORK/err" | sed 's/^/    /'
    fi
fi

# --screenshot-each-step: the start and every completed step as images.
BAT="$SRC/scenarios/battery-12v-replacement"
checks=$((checks + 1))
if "$PAJA" run "$BAT" --script "$BAT/playthroughs/perfect.yaml" --records "$WORK/rec-shots" \
        --screenshot-each-step "$WORK/shots" >"$WORK/out" 2>"$WORK/err"; then
    for f in 00-start.png 01-prep.glasses.png 15-recycle.png; do
        checks=$((checks + 1))
        [ -s "$WORK/shots/$f" ] || fail "--screenshot-each-step: no $f"
    done
else
    fail "--screenshot-each-step run failed"
fi
checks=$((checks + 1))
"$PAJA" run "$BAT" --headless --screenshot-each-step "$WORK/shots2" >"$WORK/out" 2>"$WORK/err"
[ $? -eq 2 ] && grep -q "goes with --script" "$WORK/err" || fail "--screenshot-each-step without --script must be refused"

# A playthrough that does not load is bad input.
printf 'actions:\n  - frobnicate: x\n' >"$WORK/bad.yaml"
checks=$((checks + 1))
"$PAJA" run "$EV" --script "$WORK/bad.yaml" --records "$WORK/rec-bad" >"$WORK/out" 2>"$WORK/err"
rc=$?
[ "$rc" -eq 2 ] || fail "a broken playthrough: exit $rc, expected 2"
grep -q "bad.yaml:2:" "$WORK/err" || { checks=$((checks + 1)); fail "a broken playthrough: no file:line diagnostic"; }
checks=$((checks + 1))
"$PAJA" run --script "$WORK/bad.yaml" >"$WORK/out" 2>"$WORK/err"
[ $? -eq 2 ] || fail "--script without a scenario must be refused"

finish run_script

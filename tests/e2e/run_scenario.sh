#!/bin/sh
# End-to-end checks of `paja run SCENARIO` (issue 6): a headless session of
# the EV scenario writes its record (under --records, or the XDG data folder)
# and `paja verify` accepts it; the header says who, what and how; a broken
# scenario is refused with file:line:col and exit 2 before any record or
# window; the scenario options are validated.
# Usage: run_scenario.sh PAJA SOURCE_DIR WORKDIR
set -u
PAJA=$1
SRC=$2
WORK=$3
rm -rf "$WORK" && mkdir -p "$WORK"
EV="$SRC/scenarios/ev-hv-isolation"
. "$(dirname "$0")/lib.sh"

# count_records DIR: how many .jsonl files DIR holds (0 when it is absent).
count_records() {
    if [ -d "$1" ]; then find "$1" -name '*.jsonl' | wc -l | tr -d ' '; else echo 0; fi
}

# --- a session is recorded, and the record verifies ---
REC="$WORK/records"
if expect 0 "headless session" "$PAJA" run "$EV" --headless --frames 12 --records "$REC" --trainee t1 --seed 7; then
    n=$(count_records "$REC")
    checks=$((checks + 1))
    [ "$n" = 1 ] || fail "one record expected in $REC, found $n"
    rec=$(find "$REC" -name '*.jsonl' | head -1)
    contains "$WORK/err" "session record written to $rec" "the record's path is printed on exit"
    head -1 "$rec" >"$WORK/header"
    contains "$WORK/header" '"trainee":"t1"' "header: trainee"
    contains "$WORK/header" '"id":"ev-hv-isolation"' "header: scenario id"
    contains "$WORK/header" '"version":"1.0"' "header: scenario version"
    contains "$WORK/header" '"mode":"practice"' "header: default mode"
    contains "$WORK/header" '"seed":"7"' "header: seed"
    contains "$WORK/header" '"device":"headless"' "header: device"
    contains "$WORK/header" '"paja":"' "header: paja version"
    # The content hash is the SHA-256 of the scenario file as loaded.
    hash=$(sha256sum "$EV/scenario.yaml" | cut -d' ' -f1)
    contains "$WORK/header" "\"hash\":\"$hash\"" "header: scenario content hash"
    contains "$rec" '"type":"step_started"' "the scenario's first steps are recorded"
    contains "$rec" '"k":"summary"' "the record is closed with a summary"
    contains "$rec" '"result":"incomplete"' "a session stopped early is incomplete"
    contains "$rec" '"k":"seal"' "the record is sealed"
    if expect 0 "paja verify accepts the record" "$PAJA" verify "$rec"; then
        contains "$WORK/out" "closed" "verify: closed (no institution key configured)"
    fi
fi

# Guided mode in Swedish: header mode and language; the scenario's texts in
# the record are in the session language.
if expect 0 "guided session in sv" "$PAJA" run "$EV" --headless --frames 3 --records "$WORK/sv" --trainee t2 \
        --mode guided --lang sv --seed 1; then
    rec=$(find "$WORK/sv" -name '*.jsonl' | head -1)
    contains "$rec" '"mode":"guided"' "header: --mode guided"
    contains "$rec" '"lang":"sv"' "header: --lang sv"
    contains "$rec" 'Gör lufttest' "step texts in Swedish"
    expect 0 "verify the guided record" "$PAJA" verify "$rec"
fi

# Two sessions in the same second never overwrite each other.
expect 0 "second session, same folder" "$PAJA" run "$EV" --headless --frames 2 --records "$REC" --trainee t1 --seed 7
expect 0 "third session, same folder" "$PAJA" run "$EV" --headless --frames 2 --records "$REC" --trainee t1 --seed 7
n=$(count_records "$REC")
checks=$((checks + 1))
[ "$n" = 3 ] || fail "three records expected in $REC, found $n"

# Without --records the record goes under $XDG_DATA_HOME/paja/records.
if expect 0 "default records folder" env XDG_DATA_HOME="$WORK/xdg" "$PAJA" run "$EV" --headless --frames 2 --trainee t3; then
    n=$(count_records "$WORK/xdg/paja/records")
    checks=$((checks + 1))
    [ "$n" = 1 ] || fail "one record expected under \$XDG_DATA_HOME/paja/records, found $n"
fi
# ... and the trainee defaults to the login name, else "anonymous".
if expect 0 "default trainee" env -u USER -u LOGNAME XDG_DATA_HOME="$WORK/xdg-anon" "$PAJA" run "$EV" --headless; then
    rec=$(find "$WORK/xdg-anon" -name '*.jsonl' | head -1)
    checks=$((checks + 1))
    if [ -z "$rec" ]; then fail "no record for the default trainee"
    elif ! head -1 "$rec" | grep -qE '"trainee":"[^"]+"'; then fail "default trainee missing from the header"; fi
fi

# A session killed outright (crash, power cut) keeps what it wrote: the
# header and the steps started are on disk, and verify calls the record
# unsealed rather than altered. Waits for the record to appear, not for time.
"$PAJA" run "$EV" --headless --frames 100000000 --records "$WORK/killed" --trainee t4 --seed 2 \
    >"$WORK/killed.out" 2>"$WORK/killed.err" &
pid=$!
i=0
while [ "$i" -lt 600 ] && [ "$(count_records "$WORK/killed")" = 0 ]; do sleep 0.1; i=$((i + 1)); done
rec=$(find "$WORK/killed" -name '*.jsonl' 2>/dev/null | head -1)
# The first steps are flushed as they start (a step boundary).
i=0
while [ -n "$rec" ] && [ "$i" -lt 600 ] && ! grep -q step_started "$rec"; do sleep 0.1; i=$((i + 1)); done
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
checks=$((checks + 1))
if [ -z "$rec" ]; then
    fail "killed session: no record"
else
    contains "$rec" '"trainee":"t4"' "killed session: header on disk"
    contains "$rec" '"type":"step_started"' "killed session: started steps on disk"
    "$PAJA" verify "$rec" >"$WORK/out" 2>"$WORK/err"
    rc=$?
    checks=$((checks + 1))
    [ "$rc" -eq 1 ] || fail "killed session: verify exit $rc, expected 1 (a finding: unsealed)"
    contains "$WORK/out" "unsealed" "killed session: verify says unsealed"
fi

# --- bad scenarios: file:line:col, exit 2, no record, no window ---
if expect 2 "scenario with errors" "$PAJA" run "$SRC/tests/data/scenarios/bad-ids" --headless --records "$WORK/bad"; then
    contains "$WORK/err" "bad-ids/scenario.yaml:1:5: error:" "diagnostics carry file:line:col"
    contains "$WORK/err" "cannot start" "says the session was not started"
    n=$(count_records "$WORK/bad")
    checks=$((checks + 1))
    [ "$n" = 0 ] || fail "a refused scenario must not leave a record"
fi
expect 2 "no such scenario" "$PAJA" run "$WORK/nowhere" --headless &&
    contains "$WORK/err" "no scenario folder or file" "a missing folder is named"
expect 2 "two scenarios" "$PAJA" run "$EV" "$EV" --headless && contains "$WORK/err" "one scenario at a time" "one at a time"
: >"$WORK/not-a-dir"
expect 2 "unwritable records folder" "$PAJA" run "$EV" --headless --records "$WORK/not-a-dir/sub" &&
    contains "$WORK/err" "cannot write the session record" "a record that cannot be written stops the session"

# --- option validation ---
expect 2 "bad --mode" "$PAJA" run "$EV" --headless --mode test && contains "$WORK/err" "guided, practice or exam" "modes listed"
expect 2 "--mode without value" "$PAJA" run "$EV" --headless --mode && contains "$WORK/err" "needs a value" "missing value"
expect 2 "bad --lang" "$PAJA" run "$EV" --headless --lang de && contains "$WORK/err" "fi, en or sv" "languages listed"
expect 2 "bad --trainee" "$PAJA" run "$EV" --headless --trainee "Matti Meikäläinen" &&
    contains "$WORK/err" "--trainee wants" "trainee id rules"
expect 2 "bad --seed" "$PAJA" run "$EV" --headless --seed -3 && contains "$WORK/err" "--seed wants" "seed range"
expect 2 "--seed not a number" "$PAJA" run "$EV" --headless --seed 12abc && contains "$WORK/err" "--seed wants" "seed form"
expect 2 "empty --records" "$PAJA" run "$EV" --headless --records= && contains "$WORK/err" "--records wants" "records folder"
expect 2 "--trainee without a scenario" "$PAJA" run --builtin --headless --trainee t1 &&
    contains "$WORK/err" "need a SCENARIO" "scenario options need a scenario"
expect 2 "mistyped --mode" "$PAJA" run "$EV" --headless --mdoe exam && contains "$WORK/err" "did you mean '--mode'" "suggestion"
expect 0 "help run names the scenario options" "$PAJA" help run && contains "$WORK/out" "--records DIR" "help lists --records"

finish run_scenario

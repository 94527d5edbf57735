#!/bin/sh
# Records sessions of the real scenario engine driven by shipped
# playthroughs (record_playthrough) and checks them with paja verify, xapi
# and report: the record and review modules against the engine's actual
# events. Results must match what the playthroughs expect of the engine.
#
#   record_engine.sh PAJA RECORD_PLAYTHROUGH SCENARIOS_DIR WORKDIR
set -u
PAJA=$1 REC=$2 SCN=$3 WORK=$4
rm -rf "$WORK" && mkdir -p "$WORK/records"
. "$(dirname "$0")/lib.sh"
head -c 32 /dev/urandom >"$WORK/key"
dir="$SCN/ev-hv-isolation"
[ -d "$dir" ] || skip "no scenario $dir"
for p in perfect minor-slip skip-wait practice-hints; do
    checks=$((checks + 1))
    "$REC" "$dir" "$dir/playthroughs/$p.yaml" "$WORK/records/$p.jsonl" "$WORK/key" >>"$WORK/engine.out" ||
        fail "recording $p"
done
cat "$WORK/engine.out"
# The engine's own verdicts (what `paja test` checks in detail): these
# playthroughs pass, skip-wait fails. The record must say the same, with the
# same score.
matches "$WORK/engine.out" "perfect.jsonl: pass," "perfect did not pass"
matches "$WORK/engine.out" "minor-slip.jsonl: pass," "minor-slip did not pass"
matches "$WORK/engine.out" "skip-wait.jsonl: fail," "skip-wait did not fail"
for p in perfect minor-slip skip-wait practice-hints; do
    score=$(sed -n "s|.*/$p.jsonl: [a-z]*, score \([0-9.]*\),.*|\1|p" "$WORK/engine.out")
    matches "$WORK/records/$p.jsonl" "\"k\":\"summary\".*\"score\":$score," \
        "$p: the record's summary does not hold the engine's score $score"
done

checks=$((checks + 1))
"$PAJA" verify "$WORK/records" --key "$WORK/key" >"$WORK/verify.out" 2>&1 || { cat "$WORK/verify.out"; fail "verify"; }
checks=$((checks + 1))
[ "$(grep -c ': verified' "$WORK/verify.out")" -eq 4 ] || fail "not all 4 records verified"
# The summary line says what the engine said.
matches "$WORK/records/perfect.jsonl" '"k":"summary".*"result":"passed"' "perfect's summary"
matches "$WORK/records/skip-wait.jsonl" '"k":"summary".*"result":"failed"' "skip-wait's summary"
matches "$WORK/records/skip-wait.jsonl" '"type":"rule_violated","ival":3,"subject":"wait_skipped"' \
    "skip-wait's critical violation is not in the record"

checks=$((checks + 1))
"$PAJA" xapi "$WORK/records" -o "$WORK/statements.json" --key "$WORK/key" 2>"$WORK/xapi.err" ||
    { cat "$WORK/xapi.err"; fail "xapi"; }
checks=$((checks + 2))
[ "$(grep -c 'verbs/passed' "$WORK/statements.json")" -eq 3 ] || fail "expected 3 passed statements"
[ "$(grep -c 'verbs/failed' "$WORK/statements.json")" -eq 1 ] || fail "expected 1 failed statement"
matches "$WORK/statements.json" '/step/wait.discharge"' "no statement for step wait.discharge"
matches "$WORK/statements.json" 'feedback-safety' "no safety-feedback statement for the critical violation"
matches "$WORK/statements.json" '/tool/tool.tester"' "no tool reading statement"

checks=$((checks + 1))
"$PAJA" report "$WORK/records" -o "$WORK/report.html" --csv "$WORK/report.csv" --lang fi --key "$WORK/key" \
    2>"$WORK/report.err" || { cat "$WORK/report.err"; fail "report"; }
for t in perfect minor-slip skip-wait wait.discharge Hyväksytty Hylätty Varmennettu wait_skipped; do
    matches "$WORK/report.html" "$t" "the report"
done
checks=$((checks + 1))
grep -q '^skip-wait,1,.*,wait.discharge,not_reached,' "$WORK/report.csv" ||
    grep -q '^skip-wait,1,.*,wait.discharge,' "$WORK/report.csv" || fail "skip-wait's wait.discharge row"
finish record_engine

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
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
fails=0
head -c 32 /dev/urandom >"$WORK/key"
dir="$SCN/ev-hv-isolation"
[ -d "$dir" ] || { echo "SKIP: no scenario $dir"; exit 77; }
for p in perfect minor-slip skip-wait practice-hints; do
    "$REC" "$dir" "$dir/playthroughs/$p.yaml" "$WORK/records/$p.jsonl" "$WORK/key" >>"$WORK/engine.out" ||
        fail "recording $p"
done
cat "$WORK/engine.out"
# The engine's own verdicts (what `paja test` checks in detail): these
# playthroughs pass, skip-wait fails. The record must say the same, with the
# same score.
grep -q "perfect.jsonl: pass," "$WORK/engine.out" || fail "perfect did not pass"
grep -q "minor-slip.jsonl: pass," "$WORK/engine.out" || fail "minor-slip did not pass"
grep -q "skip-wait.jsonl: fail," "$WORK/engine.out" || fail "skip-wait did not fail"
for p in perfect minor-slip skip-wait practice-hints; do
    score=$(sed -n "s|.*/$p.jsonl: [a-z]*, score \([0-9.]*\),.*|\1|p" "$WORK/engine.out")
    grep -q "\"k\":\"summary\".*\"score\":$score," "$WORK/records/$p.jsonl" ||
        fail "$p: the record's summary does not hold the engine's score $score"
done

"$PAJA" verify "$WORK/records" --key "$WORK/key" >"$WORK/verify.out" 2>&1 || { cat "$WORK/verify.out"; fail "verify"; }
[ "$(grep -c ': verified' "$WORK/verify.out")" -eq 4 ] || fail "not all 4 records verified"
# The summary line says what the engine said.
grep -q '"k":"summary".*"result":"passed"' "$WORK/records/perfect.jsonl" || fail "perfect's summary"
grep -q '"k":"summary".*"result":"failed"' "$WORK/records/skip-wait.jsonl" || fail "skip-wait's summary"
grep -q '"type":"rule_violated","ival":3,"subject":"wait_skipped"' "$WORK/records/skip-wait.jsonl" ||
    fail "skip-wait's critical violation is not in the record"

"$PAJA" xapi "$WORK/records" -o "$WORK/statements.json" 2>"$WORK/xapi.err" || { cat "$WORK/xapi.err"; fail "xapi"; }
[ "$(grep -c 'verbs/passed' "$WORK/statements.json")" -eq 3 ] || fail "expected 3 passed statements"
[ "$(grep -c 'verbs/failed' "$WORK/statements.json")" -eq 1 ] || fail "expected 1 failed statement"
grep -q '/step/wait.discharge"' "$WORK/statements.json" || fail "no statement for step wait.discharge"
grep -q 'feedback-safety' "$WORK/statements.json" || fail "no safety-feedback statement for the critical violation"
grep -q '/tool/tool.tester"' "$WORK/statements.json" || fail "no tool reading statement"

"$PAJA" report "$WORK/records" -o "$WORK/report.html" --csv "$WORK/report.csv" --lang fi --key "$WORK/key" \
    2>"$WORK/report.err" || { cat "$WORK/report.err"; fail "report"; }
for t in perfect minor-slip skip-wait wait.discharge Hyväksytty Hylätty Varmennettu wait_skipped; do
    grep -q "$t" "$WORK/report.html" || fail "'$t' not in the report"
done
grep -q '^skip-wait,1,.*,wait.discharge,not_reached,' "$WORK/report.csv" ||
    grep -q '^skip-wait,1,.*,wait.discharge,' "$WORK/report.csv" || fail "skip-wait's wait.discharge row"
[ "$fails" -eq 0 ] || { echo "$fails check(s) failed"; exit 1; }
echo "record_engine: engine sessions recorded, verified, exported and reported"

#!/bin/sh
# scenario_cli.sh PAJA SOURCE_DIR WORK_DIR — `paja check` and `paja test`
# end to end: shipped scenarios are clean and their playthroughs pass; the
# broken files under tests/data/scenarios give exactly their expected
# diagnostics and exit 1; bad usage and unreadable input exit 2; a failed
# expectation exits 1; traces are byte-for-byte reproducible.
set -u
PAJA=$1
SRC=$2
WORK=$3
rm -rf "$WORK"
mkdir -p "$WORK"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

expect_rc() { # expect_rc WANT DESCRIPTION COMMAND...
    want=$1; what=$2; shift 2
    "$@" >"$WORK/out.txt" 2>"$WORK/err.txt"
    rc=$?
    if [ "$rc" -ne "$want" ]; then
        fail "$what: exit $rc, expected $want"
        cat "$WORK/out.txt" "$WORK/err.txt"
    fi
}

# Shipped scenarios: lint clean, playthroughs pass (run from the source root
# as an author would, so `paja test` finds ./scenarios by itself).
for d in "$SRC"/scenarios/*/; do
    expect_rc 0 "paja check $d" "$PAJA" check "$d"
done
cd "$SRC" || exit 1
# As the issue and CI write it: the glob also names README.md and
# schema.json, which are skipped.
expect_rc 0 "paja check scenarios/*" "$PAJA" check scenarios/*
grep -q "^ok scenarios/ev-hv-isolation:" "$WORK/out.txt" || fail "paja check scenarios/* did not check ev-hv-isolation"
expect_rc 0 "paja test (all scenarios)" "$PAJA" test
grep -q ", 0 failed" "$WORK/out.txt" || fail "paja test summary: $(tail -1 "$WORK/out.txt")"
grep -q "^ok   ev-hv-isolation/perfect" "$WORK/out.txt" || fail "perfect playthrough not reported"

# One playthrough on its own.
expect_rc 0 "paja test one file" "$PAJA" test scenarios/ev-hv-isolation/playthroughs/skip-wait.yaml
grep -q "^1 playthrough, 0 failed" "$WORK/out.txt" || fail "single playthrough summary"

# Deliberately broken files: exact diagnostics, exit 1.
cd "$SRC/tests/data/scenarios" || exit 1
for d in */; do
    d=${d%/}
    "$PAJA" check "$d" >"$WORK/diag.txt" 2>"$WORK/err.txt"
    rc=$?
    [ "$rc" -eq 1 ] || fail "paja check $d: exit $rc, expected 1"
    if ! cmp -s "$WORK/diag.txt" "$d/expected.txt"; then
        fail "paja check $d: diagnostics differ"
        diff "$d/expected.txt" "$WORK/diag.txt"
    fi
done
cd "$SRC" || exit 1

# Bad usage and unreadable input: exit 2.
mkdir -p "$WORK/empty"
expect_rc 2 "check without arguments" "$PAJA" check
expect_rc 2 "check of a missing path" "$PAJA" check "$WORK/no-such-scenario"
expect_rc 2 "check of a folder without scenario.yaml" "$PAJA" check "$WORK/empty"
expect_rc 2 "check with an unknown option" "$PAJA" check --strcit scenarios/ev-hv-isolation
expect_rc 2 "test of a missing path" "$PAJA" test "$WORK/no-such-scenario"
expect_rc 2 "test of a folder without scenario.yaml" "$PAJA" test "$WORK/empty"
expect_rc 2 "test with an unknown option" "$PAJA" test --bogus
expect_rc 2 "test with --trace and no file" "$PAJA" test --trace
(cd "$WORK/empty" && "$PAJA" test >/dev/null 2>&1)
[ $? -eq 2 ] || fail "test with no ./scenarios folder should exit 2"
expect_rc 0 "check --help" "$PAJA" check --help
grep -q "^usage: paja check" "$WORK/out.txt" || fail "check --help text"
expect_rc 0 "help test" "$PAJA" help test
grep -q "^usage: paja test" "$WORK/out.txt" || fail "help test text"

# A playthrough whose expectation is not met: exit 1 and a FAIL line.
cp -r scenarios/ev-hv-isolation "$WORK/ev"
sed -i 's/^  score: 100$/  score: 99/' "$WORK/ev/playthroughs/perfect.yaml"
expect_rc 1 "test with a wrong expectation" "$PAJA" test "$WORK/ev"
grep -q "^FAIL ev-hv-isolation/perfect: score 100.00, expected 99.00" "$WORK/out.txt" || fail "FAIL line: $(grep FAIL "$WORK/out.txt")"
# A scenario with an error cannot run its playthroughs: exit 1.
sed -i 's/^    done_when: "since(disconnect.service_plug) >= wait_s"$/    done_when: "since(disconnect.service_plgu) >= wait_s"/' "$WORK/ev/scenario.yaml"
expect_rc 1 "test of a broken scenario" "$PAJA" test "$WORK/ev"
grep -q "did you mean 'disconnect.service_plug'" "$WORK/out.txt" || fail "broken scenario diagnostic"

# Determinism: the same scenario, scripts and seeds give the same trace.
expect_rc 0 "trace 1" "$PAJA" test --trace "$WORK/trace1.txt" scenarios/ev-hv-isolation
expect_rc 0 "trace 2" "$PAJA" test --trace "$WORK/trace2.txt" scenarios/ev-hv-isolation
cmp -s "$WORK/trace1.txt" "$WORK/trace2.txt" || fail "traces differ between two runs"
[ "$(wc -l <"$WORK/trace1.txt")" -gt 100 ] || fail "trace is too short"

if [ "$fails" -ne 0 ]; then
    echo "$fails failure(s)"
    exit 1
fi
echo "scenario CLI: all checks passed"

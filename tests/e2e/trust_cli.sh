#!/bin/sh
# Records a teacher can trust (issue 12), as the school and a dishonest
# student meet paja:
#   - IT makes a key pair (paja key new) and sets records.signing_key; every
#     `paja run` session is sealed; `paja verify --key PUB` names the key;
#   - a student with the record file edits a failed exam to a pass and
#     recomputes the chain, drops the seal, signs with a key of their own or
#     cuts the seal off: never a passing verify, never an xAPI result, never
#     "Passed" in the report (with the key);
#   - an unreadable signing key costs no record;
#   - an exam's scenario edited while it runs is not applied, the record
#     notes it, the report flags it; hot reload in practice shows too; a
#     record checked against another scenario is marked.
# Usage: trust_cli.sh PAJA SOURCE_DIR WORKDIR PYTHON3
set -u
PAJA=$1
SRC=$2
WORK=$3
PY=$4
rm -rf "$WORK" && mkdir -p "$WORK"
EV="$SRC/scenarios/ev-hv-isolation"
FORGE="$(dirname "$0")/forge_record.py"
. "$(dirname "$0")/lib.sh"
command -v openssl >/dev/null || skip "no openssl command (the forger signs with it)"

export XDG_CONFIG_HOME="$WORK/xdg"
export PAJA_SYSTEM_CONFIG="$WORK/etc/paja.conf"
mkdir -p "$WORK/etc" "$WORK/keys" "$WORK/student"

# --- the school's key, in the institution's settings --------------------------
expect 0 "paja key new" "$PAJA" key new -o "$WORK/keys/seal.key" || exit 1
fpr=$(sed -n 's/^fingerprint: //p' "$WORK/out")
"$PAJA" key new -o "$WORK/student/mallory.key" >/dev/null 2>&1 || die "student key"
cat >"$PAJA_SYSTEM_CONFIG" <<EOF
[records]
folder = $WORK/records
signing_key = $WORK/keys/seal.key
EOF

# Scripted sessions: one that passes, one that fails (the student's exam).
expect 0 "a sealed session that passes" "$PAJA" run "$EV" --script "$EV/playthroughs/perfect.yaml"
expect 0 "a sealed session that fails" "$PAJA" run "$EV" --script "$EV/playthroughs/skip-wait.yaml"
good=$(grep -l '"result":"passed"' "$WORK/records"/*.jsonl | head -n 1)
bad=$(grep -l '"result":"failed"' "$WORK/records"/*.jsonl | head -n 1)
[ -n "$good" ] && [ -n "$bad" ] || die "no passed and failed records in $WORK/records"
matches "$good" '"k":"seal".*"alg":"ed25519","sig":"[0-9a-f]\{128\}","key_id":"'"$fpr"'"' "the seal names the key"

expect 0 "verify with the public key" "$PAJA" verify "$WORK/records" --key "$WORK/keys/seal.pub" &&
    contains "$WORK/out" "$(basename "$good"): verified, sealed by $fpr (ed25519;"
expect 0 "verify without a key: sealed by, not checked" "$PAJA" verify "$good" &&
    contains "$WORK/out" "sealed by $fpr (ed25519), not checked" &&
    contains "$WORK/err" "no key, so no seal was checked"
expect 1 "verify with another key" "$PAJA" verify "$good" --key "$WORK/student/mallory.pub" &&
    contains "$WORK/out" "sealed by $fpr; yours is"
# The public key from the settings, as on a teacher's PC.
printf '[records]\npublic_key = %s\n' "$WORK/keys/seal.pub" >"$WORK/teacher.conf"
expect 0 "verify with records.public_key" env PAJA_SYSTEM_CONFIG="$WORK/teacher.conf" "$PAJA" verify "$good" &&
    contains "$WORK/out" "verified, sealed by $fpr"
# A folder of public keys (one per machine group): each record is checked
# with the key its seal names.
mkdir -p "$WORK/pubkeys"
"$PAJA" key new -o "$WORK/other-group.key" >/dev/null 2>&1 || die "second key"
cp "$WORK/other-group.pub" "$WORK/pubkeys/a-other-group.pub"
cp "$WORK/keys/seal.pub" "$WORK/pubkeys/b-school.pub"
expect 0 "verify with a folder of public keys" "$PAJA" verify "$WORK/records" --key "$WORK/pubkeys" &&
    contains "$WORK/out" "$(basename "$good"): verified, sealed by $fpr"
printf '[records]\npublic_key = %s\n' "$WORK/pubkeys" >"$WORK/teacher-dir.conf"
expect 0 "report with records.public_key naming a folder" env PAJA_SYSTEM_CONFIG="$WORK/teacher-dir.conf" \
    "$PAJA" report "$WORK/records" -o "$WORK/keys-dir.html" --lang en &&
    contains "$WORK/keys-dir.html" ">Passed<"
contains "$WORK/err" "(2 keys, records.public_key from"
expect 0 "xapi of the genuine pass sends it" "$PAJA" xapi "$good" -o "$WORK/good.json" --key "$WORK/keys/seal.pub" &&
    contains "$WORK/good.json" "verbs/passed"

# --- the student's forgeries of the failed exam --------------------------------
for how in pass pass-drop pass-sign pass-claim pass-cut; do
    f="$WORK/student/$how.jsonl"
    case $how in
    pass-sign) "$PY" "$FORGE" "$bad" "$f" $how "$WORK/student/mallory.key" ;;
    pass-claim) "$PY" "$FORGE" "$bad" "$f" $how "$WORK/student/mallory.key" "$fpr" ;;
    *) "$PY" "$FORGE" "$bad" "$f" $how ;;
    esac || die "forge $how"
    grep -q '"k":"summary".*"result":"passed","score":100' "$f" || die "forge $how did not make a pass"
    # The chain itself checks out: only the seal can tell.
    expect 1 "verify --key: $how" "$PAJA" verify "$f" --key "$WORK/keys/seal.pub"
    # Altered records are left out (exit 1); closed and unsealed ones go
    # without a result (exit 0). Either way: no result.
    "$PAJA" xapi "$f" -o "$WORK/student/$how.json" --key "$WORK/keys/seal.pub" >/dev/null 2>&1
    checks=$((checks + 1))
    grep -q 'verbs/passed\|verbs/failed\|"score"' "$WORK/student/$how.json" && fail "$how: xapi sent a result"
    expect 1 "report --key: $how" "$PAJA" report "$f" -o "$WORK/student/$how.html" --key "$WORK/keys/seal.pub"
    checks=$((checks + 1))
    grep -q '>Passed<\|class="passed"' "$WORK/student/$how.html" && fail "$how: the report shows a pass"
    contains "$WORK/student/$how.html" "Not trustworthy" "$how: the report does not say it cannot be trusted"
done
contains "$WORK/student/pass-drop.json" 'record-integrity":"closed"'
contains "$WORK/student/pass-cut.json" 'record-integrity":"unsealed"'

# Without any key the report says nothing is proven (and still shows results).
expect 0 "report without a key" "$PAJA" report "$good" -o "$WORK/nokey.html"
contains "$WORK/nokey.html" "no result here is proven"

# The institution's key is locked against the command line.
expect 2 "--key against the institution's key" "$PAJA" run "$EV" --headless --frames 1 --trainee x \
    --key "$WORK/student/mallory.key"
contains "$WORK/err" "set to '$WORK/keys/seal.key' by the institution"
rm -f "$PAJA_SYSTEM_CONFIG"

# A signing key every account can read is named (and still used).
cp "$WORK/keys/seal.key" "$WORK/keys/open.key" && chmod 644 "$WORK/keys/open.key"
expect 0 "paja run with a world-readable key" "$PAJA" run "$EV" --headless --frames 2 --trainee open \
    --key "$WORK/keys/open.key" --records "$WORK/open-records"
contains "$WORK/err" "can be read by every account on this computer (mode 0644)"

# --- an unreadable signing key never costs the record ---------------------------
expect 0 "paja run with a missing signing key" "$PAJA" run "$EV" --headless --frames 2 --trainee nokey \
    --key "$WORK/keys/missing.key" --records "$WORK/nokey-records"
contains "$WORK/err" "cannot seal this session's record"
contains "$WORK/err" "the record is still written"
checks=$((checks + 1))
ls "$WORK/nokey-records"/*nokey*.jsonl >/dev/null 2>&1 || fail "no record written without the key"

# --- the exam-edit attack -------------------------------------------------------
# A copy of the scenario (the built-in workshop stands in for its scene, so
# frames are cheap). While the exam runs, the student puts a scenario whose
# only step is done after 2 s over scenario.yaml. The edit lands while paja
# is still starting (the record file already exists), and paja looks again
# at the end, so it is seen however fast the frames go.
mkdir -p "$WORK/exam"
cp -r "$EV" "$WORK/exam/ev"
cat >"$WORK/cheat.yaml" <<'EOF'
id: ev-hv-isolation
version: "1.0"
title: {fi: Koe, en: Exam, sv: Prov}
objects:
  - {id: ppe.gloves, node: Gloves, caps: [grabbable, wearable], name: {fi: Käsineet, en: Gloves, sv: Handskar}}
steps:
  - id: done
    text: {fi: Odota, en: Wait, sv: Vänta}
    done_when: "t > 2"
rubric: {pass_mark: 1}
EOF
cheat_attack() { # MODE RECORDS [settings file]
    "$PAJA" run "$WORK/exam/ev" --headless --frames 400 --size 32x32 --mode "$1" --trainee student --seed 1 \
        --records "$2" >"$WORK/exam/out" 2>"$WORK/exam/err" &
    pid=$!
    n=0
    while [ -z "$(ls "$2" 2>/dev/null)" ] && [ $n -lt 600 ]; do sleep 0.05; n=$((n + 1)); done
    cp "$WORK/cheat.yaml" "$WORK/exam/ev/scenario.yaml.new" && mv "$WORK/exam/ev/scenario.yaml.new" "$WORK/exam/ev/scenario.yaml"
    wait $pid
    rc=$?
    cp "$EV/scenario.yaml" "$WORK/exam/ev/scenario.yaml"
    return $rc
}
checks=$((checks + 1))
cheat_attack exam "$WORK/exam/records" || fail "the exam run failed (see $WORK/exam/err)"
rec=$(ls "$WORK/exam/records"/*.jsonl | head -n 1)
contains "$rec" '"type":"scenario_changed"' "the record notes the edit"
checks=$((checks + 1))
grep -q '"type":"reload"' "$rec" && fail "the exam reloaded the edited scenario"
checks=$((checks + 1))
grep -q '"k":"summary".*"result":"passed"' "$rec" && fail "the edited exam passed"
expect 0 "verify the exam record against the installed scenario" "$PAJA" verify "$rec" --scenario "$EV" &&
    contains "$WORK/out" "scenario: the same as"
expect 0 "report on the exam" "$PAJA" report "$rec" -o "$WORK/exam/report.html" --lang en --scenario "$EV"
contains "$WORK/exam/report.html" "Scenario file changed during the session (the change was not applied)"
contains "$WORK/err" "changed on disk during the session"

# Practice with hot reload: the edit is applied, and the report shows it.
checks=$((checks + 1))
cheat_attack practice "$WORK/practice/records" || fail "the practice run failed"
rec=$(ls "$WORK/practice/records"/*.jsonl | head -n 1)
contains "$rec" '"type":"reload"' "practice reloads the edit"
expect 0 "report on the practice" "$PAJA" report "$rec" -o "$WORK/practice.html" --lang en
contains "$WORK/practice.html" "Scenario reloaded during the session"
# Checked against the edited scenario, the record is marked as run on another.
expect 1 "verify against another scenario" "$PAJA" verify "$rec" --scenario "$WORK/cheat.yaml" &&
    contains "$WORK/out" "scenario DIFFERS"
expect 1 "report against another scenario" "$PAJA" report "$rec" -o "$WORK/other.html" --lang en \
    --scenario "$WORK/cheat.yaml"
contains "$WORK/other.html" "DIFFERENT SCENARIO"

# Practice with hot reload turned off by the school: noted, not applied.
printf '[session]\nhot_reload = no\n' >"$PAJA_SYSTEM_CONFIG"
checks=$((checks + 1))
cheat_attack practice "$WORK/frozen/records" || fail "the frozen practice run failed"
rec=$(ls "$WORK/frozen/records"/*.jsonl | head -n 1)
contains "$rec" '"type":"scenario_changed"' "hot_reload = no: the edit is noted"
checks=$((checks + 1))
grep -q '"type":"reload"' "$rec" && fail "hot_reload = no, yet the scenario reloaded"

finish trust_cli

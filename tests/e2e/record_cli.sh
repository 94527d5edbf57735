#!/bin/sh
# End-to-end test of the record commands: paja verify, paja xapi (-o and an
# unreachable LRS through the outbox) and paja report, on a generated class
# of records and on the fixed records in tests/data/records (written by an
# earlier paja, so they pin the format: they must keep verifying).
#
#   record_cli.sh PAJA BENCH_RECORD WORKDIR DATADIR
set -u
PAJA=$1 GEN=$2 WORK=$3 DATA=$4
rm -rf "$WORK" && mkdir -p "$WORK"
. "$(dirname "$0")/lib.sh"

head -c 32 /dev/urandom >"$WORK/key"
head -c 32 /dev/urandom >"$WORK/other.key"
"$GEN" gen "$WORK/class" 3 3 "$WORK/key" || die "generator"
# One of the 9 sessions is cut short (unsealed) by the generator.
mkdir -p "$WORK/good" && for f in "$WORK"/class/*.jsonl; do
    tail -n 1 "$f" | grep -q '"k":"seal"' && cp "$f" "$WORK/good/"
done
n_good=$(ls "$WORK/good" | wc -l)
checks=$((checks + 1))
[ "$n_good" -eq 8 ] || fail "expected 8 sealed sessions, got $n_good"

# --- verify ---------------------------------------------------------------
expect_merged 0 "verify --help" "$PAJA" verify --help
contains "$WORK/out" "usage: paja verify"
expect_merged 0 "verify sealed records with the key" "$PAJA" verify "$WORK/good" --key "$WORK/key"
checks=$((checks + 1))
[ "$(grep -c ': verified' "$WORK/out")" -eq 8 ] || fail "not all 8 verified"
expect_merged 0 "verify without the key" "$PAJA" verify "$WORK/good"
contains "$WORK/out" ": sealed"
expect_merged 1 "verify with the wrong key" "$PAJA" verify "$WORK/good" --key "$WORK/other.key"
contains "$WORK/out" "another key"
expect_merged 1 "verify a class with a cut-short session" "$PAJA" verify "$WORK/class" --key "$WORK/key"
contains "$WORK/out" "unsealed: not sealed: lines 1 to"

first=$(ls "$WORK/good" | head -n 1)
# Altered: change the first tool reading's value (a 9 in front).
awk '!done && /"type":"reading"/ { sub(/"value":/, "\"value\":9"); done = 1 } { print }' \
    "$WORK/good/$first" >"$WORK/altered.jsonl"
line=$(grep -n '"type":"reading"' "$WORK/altered.jsonl" | head -n 1 | cut -d: -f1)
expect_merged 1 "verify an altered record" "$PAJA" verify "$WORK/altered.jsonl"
contains "$WORK/out" "altered at line $line: line $line (record line #$((line - 1))) is altered"
# Removed: delete line 5.
sed '5d' "$WORK/good/$first" >"$WORK/removed.jsonl"
expect_merged 1 "verify a record with a removed line" "$PAJA" verify "$WORK/removed.jsonl"
contains "$WORK/out" "altered at line 5: a line was removed before line 5: record line #4 is missing"
# Reordered: swap lines 6 and 7.
awk 'NR==6{keep=$0;next} NR==7{print;print keep;next} {print}' "$WORK/good/$first" >"$WORK/swapped.jsonl"
expect_merged 1 "verify a record with reordered lines" "$PAJA" verify "$WORK/swapped.jsonl"
contains "$WORK/out" "altered at line 6: lines were reordered"
# Inserted: a copy of line 3 after line 8.
awk 'NR==3{keep=$0} {print} NR==8{print keep}' "$WORK/good/$first" >"$WORK/inserted.jsonl"
expect_merged 1 "verify a record with an inserted line" "$PAJA" verify "$WORK/inserted.jsonl"
contains "$WORK/out" "altered at line 9: line 9 was inserted or moved: it repeats record line #2 (line 3) word for word"
# Unreadable input is exit 2, and never a crash.
expect_merged 2 "verify a missing file" "$PAJA" verify "$WORK/nope.jsonl"
contains "$WORK/out" "unreadable: cannot open"
printf 'hello\n' >"$WORK/hello.jsonl"
expect_merged 2 "verify a non-record" "$PAJA" verify "$WORK/hello.jsonl"
expect_merged 2 "verify with a short key" "$PAJA" verify "$WORK/good" --key "$WORK/hello.jsonl"
expect_merged 2 "verify with no arguments" "$PAJA" verify
expect_merged 2 "verify with an unknown option" "$PAJA" verify --kye x "$WORK/good"

# The fixed records: format stability across paja versions.
expect_merged 0 "verify the stored sealed record" "$PAJA" verify "$DATA/sealed.jsonl" --key "$DATA/institution.key"
contains "$WORK/out" "verified"
expect_merged 1 "verify the stored tampered record" "$PAJA" verify "$DATA/tampered.jsonl" --key "$DATA/institution.key"
contains "$WORK/out" "altered at line"
expect_merged 1 "verify the stored crashed record" "$PAJA" verify "$DATA/crashed.jsonl"
contains "$WORK/out" "unsealed"
contains "$WORK/out" "unfinished line"

# --- xapi -------------------------------------------------------------------
expect_merged 0 "xapi --help" "$PAJA" xapi --help
expect_merged 0 "xapi -o" "$PAJA" xapi "$WORK/class" -o "$WORK/statements.json" --key "$WORK/key"
contains "$WORK/out" "statements from 9 records"
checks=$((checks + 1))
head -c 1 "$WORK/statements.json" | grep -q '\[' || fail "statements.json is not a JSON array"
n_init=$(grep -c 'verbs/initialized' "$WORK/statements.json")
checks=$((checks + 1))
[ "$n_init" -eq 9 ] || fail "expected 9 initialized statements, got $n_init"
n_term=$(grep -c 'verbs/terminated' "$WORK/statements.json")
checks=$((checks + 1))
[ "$n_term" -eq 8 ] || fail "expected 8 terminated statements (one session cut short), got $n_term"
# Idempotent ids: a second export is byte-identical.
"$PAJA" xapi "$WORK/class" -o "$WORK/statements2.json" --key "$WORK/key" 2>/dev/null
checks=$((checks + 1))
cmp -s "$WORK/statements.json" "$WORK/statements2.json" || fail "second export differs"
# Without the key no seal is checked, so no result is sent (issue 12).
expect_merged 0 "xapi without a key" "$PAJA" xapi "$WORK/class" -o "$WORK/statements-nokey.json"
contains "$WORK/out" "not verified with a key"
checks=$((checks + 1))
grep -q 'verbs/passed\|verbs/failed\|"score"' "$WORK/statements-nokey.json" && fail "a result was sent without a key"
contains "$WORK/statements-nokey.json" 'record-integrity":"sealed"'
contains "$WORK/statements.json" 'record-integrity":"verified"'
expect_merged 1 "xapi leaves an altered record out" "$PAJA" xapi "$WORK/altered.jsonl" -o "$WORK/alt.json"
contains "$WORK/out" "left out, altered at line"
# An LRS that is not there: statements wait in the outbox, exit 1.
expect_merged 1 "xapi to an unreachable LRS" "$PAJA" xapi "$WORK/good/$first" --lrs http://127.0.0.1:9/xAPI \
    --auth a:b --outbox "$WORK/outbox"
contains "$WORK/out" "0 delivered"
contains "$WORK/out" "unreachable"
waiting=$(ls "$WORK/outbox" | grep -c '\.json$')
checks=$((checks + 1))
[ "$waiting" -gt 5 ] || fail "outbox holds $waiting statements"
expect_merged 2 "xapi --lrs without a scheme" "$PAJA" xapi "$WORK/good" --lrs lrs.example.org
expect_merged 2 "xapi --auth without a colon" "$PAJA" xapi "$WORK/good" --lrs http://127.0.0.1:9 --auth nopass

# --- report -----------------------------------------------------------------
expect_merged 0 "report --help" "$PAJA" report --help
cp "$WORK/altered.jsonl" "$WORK/class/zz-altered.jsonl"
cp "$WORK/hello.jsonl" "$WORK/class/zz-hello.jsonl"
expect_merged 1 "report on a class with an altered and an unreadable record" \
    "$PAJA" report "$WORK/class" -o "$WORK/report.html" --csv "$WORK/report.csv" --lang fi --key "$WORK/key"
contains "$WORK/out" "altered at line"
contains "$WORK/out" "left out"
for t in aino-01 eetu-02 helmi-03; do contains "$WORK/report.html" "$t"; done
contains "$WORK/report.html" "Varmennettu"
contains "$WORK/report.html" "Sinetöimätön"
contains "$WORK/report.html" "MUUTETTU"
contains "$WORK/report.html" "Missä ryhmä kompastelee"
contains "$WORK/report.html" "zz-hello.jsonl"
checks=$((checks + 1))
grep -q 'src=\|<link\|<script' "$WORK/report.html" && fail "report refers to something outside itself"
rows=$(wc -l <"$WORK/report.csv")
# header + 10 readable sessions × 8 steps
checks=$((checks + 1))
[ "$rows" -eq 81 ] || fail "report.csv has $rows lines, wanted 81"
matches "$WORK/report.csv" "^trainee,attempt,session,"
expect_merged 0 "report in English" "$PAJA" report "$WORK/good" -o "$WORK/report-en.html" --lang en
contains "$WORK/report-en.html" "Where the class struggles"
contains "$WORK/report-en.html" "Sealed (seal not checked)"
expect_merged 2 "report without -o" "$PAJA" report "$WORK/good"
expect_merged 2 "report on nothing readable" "$PAJA" report "$WORK/hello.jsonl" -o "$WORK/x.html"
expect_merged 2 "report with a bad --lang" "$PAJA" report "$WORK/good" -o "$WORK/x.html" --lang de

finish record_cli

#!/bin/sh
# Integration test against a real LRS: npm xapi-statements@5.0.1 with
# in-memory storage, bound to 127.0.0.1 only (tools/deps-npm.sh installs it).
#  1. one record is sent with `paja xapi --lrs`, read back and compared;
#     sending it again (fresh outbox) stores nothing twice;
#  2. a class is being sent when the LRS is stopped mid-run: paja exits 1,
#     the rest waits in the outbox; after the LRS returns, `paja xapi --lrs`
#     delivers the rest, and the LRS holds every statement exactly once.
# Exit 77 (ctest: skipped) with a message when node or the package is missing.
#
#   xapi_lrs.sh PAJA BENCH_RECORD WORKDIR
set -u
PAJA=$1 GEN=$2 WORK=$3
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lrs_lib.sh"
rm -rf "$WORK" && mkdir -p "$WORK/logs"
PAJA_PID=
cleanup() {
    [ -n "$LRS_PID" ] && kill "$LRS_PID" 2>/dev/null
    [ -n "$PAJA_PID" ] && kill "$PAJA_PID" 2>/dev/null
    wait 2>/dev/null
}
trap cleanup EXIT
lrs_setup

"$GEN" gen "$WORK/class" 10 3 || die "generator"
one=$(ls "$WORK"/class/*.jsonl | head -n 1)

# 1. send one record, read back, compare; resend: nothing stored twice.
start_lrs "$WORK/logs"
"$PAJA" xapi "$one" -o "$WORK/one.json" 2>/dev/null || die "export"
"$PAJA" xapi "$one" --lrs "$URL" --auth paja:test --outbox "$WORK/outbox1" || die "paja xapi --lrs"
node "$WORK/lrs.js" compare-exact "$URL" "$WORK/one.json" || die "read-back differs"
"$PAJA" xapi "$one" --lrs "$URL" --auth paja:test --outbox "$WORK/outbox1b" 2>"$WORK/resend.out" || die "resend"
node "$WORK/lrs.js" compare-exact "$URL" "$WORK/one.json" || die "resending changed the LRS"
stop_lrs

# 2. the LRS stops while a class is being sent. The stop races with paja;
# on a machine fast enough to send everything before the stop lands, the
# attempt is repeated with the statements still unsent (a fresh outbox and a
# fresh in-memory LRS), so the test never depends on timing to pass.
"$PAJA" xapi "$WORK/class" -o "$WORK/class.json" 2>/dev/null || die "export class"
total=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).length)' "$WORK/class.json")
attempt=0
waiting=0
while [ "$waiting" -eq 0 ]; do
    attempt=$((attempt + 1))
    [ $attempt -le 5 ] || die "paja delivered everything before the LRS could be stopped, 5 times"
    rm -rf "$WORK/outbox" "$WORK"/logs/*
    start_lrs "$WORK/logs"
    "$PAJA" xapi "$WORK/class" --lrs "$URL" --auth paja:test --outbox "$WORK/outbox" >"$WORK/run1.out" 2>&1 &
    PAJA_PID=$!
    # Wait until some statements have arrived, then stop the LRS under paja.
    i=0
    while [ "$(cat "$WORK"/logs/* 2>/dev/null | grep -c 'PUT /xAPI/statements')" -lt 20 ]; do
        i=$((i + 1))
        [ $i -lt 3000 ] || die "the LRS received nothing"
        sleep 0.01
    done
    stop_lrs
    wait "$PAJA_PID"
    rc=$?
    PAJA_PID=
    waiting=$(ls "$WORK/outbox" | grep -c '\.json$')
done
[ "$rc" -eq 1 ] || { cat "$WORK/run1.out"; die "paja xapi exit $rc while the LRS went away, wanted 1"; }
grep -q 'waiting in' "$WORK/run1.out" || die "no waiting statements reported"
sent=$(ls "$WORK/outbox/sent" | wc -l)
echo "LRS stopped after $sent of $total statements; $waiting waiting (attempt $attempt)"
[ $((waiting + sent)) -eq "$total" ] || die "$waiting waiting + $sent sent != $total"

# The LRS comes back (in memory: empty). The outbox delivers the rest only.
ls "$WORK/outbox" | sed -n 's/\.json$//p' >"$WORK/waiting.txt"
node -e '
const fs = require("fs");
const waiting = new Set(fs.readFileSync(process.argv[2], "utf8").split("\n").filter(Boolean));
const all = JSON.parse(fs.readFileSync(process.argv[1]));
fs.writeFileSync(process.argv[3], JSON.stringify(all.filter((s) => waiting.has(s.id))));
' "$WORK/class.json" "$WORK/waiting.txt" "$WORK/rest.json"
start_lrs "$WORK/logs"
"$PAJA" xapi --lrs "$URL" --auth paja:test --outbox "$WORK/outbox" >"$WORK/run2.out" 2>&1 ||
    { cat "$WORK/run2.out"; die "delivering the outbox"; }
grep -q "^paja xapi: $waiting delivered" "$WORK/run2.out" || { cat "$WORK/run2.out"; die "expected $waiting delivered"; }
[ "$(ls "$WORK/outbox" | grep -c '\.json$')" -eq 0 ] || die "the outbox is not empty"
[ "$(ls "$WORK/outbox/sent" | wc -l)" -eq "$total" ] || die "not every statement is marked sent"
# The returned LRS holds exactly the statements that waited, each once and
# unchanged; a further run sends nothing.
node "$WORK/lrs.js" compare-exact "$URL" "$WORK/rest.json" || die "after the LRS returned"
"$PAJA" xapi "$WORK/class" --lrs "$URL" --auth paja:test --outbox "$WORK/outbox" >"$WORK/run3.out" 2>&1 ||
    die "third run"
grep -q "^paja xapi: 0 delivered" "$WORK/run3.out" || { cat "$WORK/run3.out"; die "a third run sent again"; }
node "$WORK/lrs.js" compare-exact "$URL" "$WORK/rest.json" || die "the third run changed the LRS"
echo "xapi_lrs: read-back equal; after the LRS returned the outbox delivered the $waiting waiting statements once each"

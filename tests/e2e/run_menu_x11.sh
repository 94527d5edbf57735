#!/bin/sh
# The start panel and the Esc menu in a real window (SDL x11 on Xvfb), keys
# typed through XTest: the trainee id typed and the mode switched on the
# panel reach the record; Esc R restarts (two sealed records); Esc Q quits
# with exit 0; Esc on the start panel quits without a record; under a mode
# lock F2 offers no other mode.
# Usage: run_menu_x11.sh PAJA XKEYS SRC WORKDIR
set -u
PAJA=$1
XKEYS=$2
SRC=$3
WORK=$4
. "$(dirname "$0")/lib.sh"
command -v xvfb-run >/dev/null 2>&1 || skip "xvfb-run not installed (tools/deps.sh installs xvfb)"
rm -rf "$WORK" && mkdir -p "$WORK"
unset SDL_VIDEODRIVER
EV="$SRC/scenarios/ev-hv-isolation"

# One X session: paja in the background, the keys, then wait for paja.
cat >"$WORK/session.sh" <<INNER
#!/bin/sh
"$PAJA" run "$EV" --records "$WORK/rec" --size 640x360 --seed 3 --lang en >"$WORK/out" 2>&1 &
pid=\$!
"$XKEYS" w s1500 e 2 e 1 x BackSpace F2 Return s2000 Escape s1200 r s2500 Escape s1200 q >"$WORK/keys" 2>&1
keys=\$?
# The quit should come soon; a hung paja is a failure, not a hung test.
i=0; while kill -0 \$pid 2>/dev/null && [ \$i -lt 300 ]; do sleep 0.1; i=\$((i + 1)); done
kill -0 \$pid 2>/dev/null && { kill \$pid; echo "paja did not quit" >>"$WORK/keys"; }
wait \$pid; echo \$? >"$WORK/rc"
[ \$keys -eq 0 ] || exit \$keys
"$PAJA" run "$EV" --records "$WORK/rec-none" --size 640x360 >"$WORK/out2" 2>&1 &
pid=\$!
"$XKEYS" w s1500 Escape >>"$WORK/keys" 2>&1
i=0; while kill -0 \$pid 2>/dev/null && [ \$i -lt 300 ]; do sleep 0.1; i=\$((i + 1)); done
kill -0 \$pid 2>/dev/null && { kill \$pid; echo "paja did not quit from the start panel" >>"$WORK/keys"; }
wait \$pid; echo \$? >"$WORK/rc2"
# A class locked to guided mode (session.mode_lock): F2 on the start panel
# changes nothing, the session is guided.
printf '[session]\nmode_lock = guided\n' >"$WORK/lock.conf"
PAJA_SYSTEM_CONFIG="$WORK/lock.conf" "$PAJA" run "$EV" --records "$WORK/rec-lock" --size 640x360 --lang en >"$WORK/out3" 2>&1 &
pid=\$!
"$XKEYS" w s1500 l k 1 F2 Return s2000 Escape s1200 q >>"$WORK/keys" 2>&1
i=0; while kill -0 \$pid 2>/dev/null && [ \$i -lt 300 ]; do sleep 0.1; i=\$((i + 1)); done
kill -0 \$pid 2>/dev/null && { kill \$pid; echo "paja did not quit (mode lock)" >>"$WORK/keys"; }
wait \$pid; echo \$? >"$WORK/rc3"
INNER
chmod +x "$WORK/session.sh"
xvfb-run -a -s "-screen 0 1024x768x24" "$WORK/session.sh"
rc=$?
[ $rc -eq 77 ] && { cat "$WORK/keys"; exit 77; }
checks=$((checks + 4))
[ $rc -eq 0 ] || fail "xkeys: exit $rc: $(cat "$WORK/keys")"
[ "$(cat "$WORK/rc" 2>/dev/null)" = 0 ] || fail "paja exit $(cat "$WORK/rc" 2>/dev/null), expected 0 after Esc Q"
n=$(ls "$WORK/rec"/*.jsonl 2>/dev/null | wc -l)
[ "$n" -eq 2 ] || fail "$n records, expected 2 (one before Restart, one after)"
"$PAJA" verify "$WORK/rec" >"$WORK/verify" 2>&1 || fail "records do not verify: $(cat "$WORK/verify")"
for f in "$WORK/rec"/*.jsonl; do
    checks=$((checks + 2))
    head -1 "$f" | grep -q '"trainee":"e2e1"' || fail "$f: trainee typed on the start panel not in the header"
    head -1 "$f" | grep -q '"mode":"exam"' || fail "$f: mode switched with F2 not in the header"
done
checks=$((checks + 2))
[ "$(cat "$WORK/rc2" 2>/dev/null)" = 0 ] || fail "Esc on the start panel: exit $(cat "$WORK/rc2" 2>/dev/null)"
[ -e "$WORK/rec-none" ] && fail "Esc on the start panel left a record"
checks=$((checks + 2))
[ "$(cat "$WORK/rc3" 2>/dev/null)" = 0 ] || fail "mode lock: paja exit $(cat "$WORK/rc3" 2>/dev/null)"
head -1 "$WORK/rec-lock"/*lk1*.jsonl 2>/dev/null | grep -q '"mode":"guided"' ||
    fail "mode lock: F2 on the start panel changed the locked mode (or no record)"
[ "$failures" -eq 0 ] || sed 's/^/    paja: /' "$WORK/out" | tail -15
finish run_menu_x11

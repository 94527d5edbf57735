#!/bin/sh
# Window resizing and fullscreen in a real window (SDL x11 on Xvfb, no
# window manager): the picture follows the window. F12 saves what is shown
# at the window's size, so three screenshots — as opened, after the window
# is resized (as by dragging its border), after F11 — must measure 640x360,
# 800x450 and the whole 1024x768 screen. Esc quits the built-in workshop.
# Usage: window_resize_x11.sh PAJA XKEYS WORKDIR
set -u
PAJA=$1
XKEYS=$2
WORK=$3
. "$(dirname "$0")/lib.sh"
command -v xvfb-run >/dev/null 2>&1 || skip "xvfb-run not installed (tools/deps.sh installs xvfb)"
rm -rf "$WORK" && mkdir -p "$WORK/shots"
unset SDL_VIDEODRIVER

cat >"$WORK/session.sh" <<INNER
#!/bin/sh
cd "$WORK/shots" || exit 1
"$PAJA" run --builtin --size 640x360 >"$WORK/out" 2>&1 &
pid=\$!
"$XKEYS" w s1500 F12 s1200 z800x450 s2000 F12 s1200 F11 s2500 F12 s1200 Escape >"$WORK/keys" 2>&1
keys=\$?
i=0; while kill -0 \$pid 2>/dev/null && [ \$i -lt 300 ]; do sleep 0.1; i=\$((i + 1)); done
kill -0 \$pid 2>/dev/null && { kill \$pid; echo "paja did not quit" >>"$WORK/keys"; }
wait \$pid; echo \$? >"$WORK/rc"
exit \$keys
INNER
chmod +x "$WORK/session.sh"
xvfb-run -a -s "-screen 0 1024x768x24" "$WORK/session.sh"
rc=$?
[ $rc -eq 77 ] && { cat "$WORK/keys"; exit 77; }
[ $rc -eq 0 ] || { show "keys: " "$WORK/keys"; die "the X session's keys failed (rc $rc)"; }

# Width and height from a PNG's IHDR (big-endian at bytes 16..23).
png_size() {
    od -An -tu1 -j16 -N8 "$1" | awk '{ printf "%dx%d\n", $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8 }'
}

checks=$((checks + 1))
[ "$(cat "$WORK/rc")" = 0 ] || fail "paja exited $(cat "$WORK/rc"), expected 0 (see $WORK/out)"
set -- "$WORK"/shots/paja-*.png
if [ $# -ne 3 ] || [ ! -f "$1" ]; then
    show "paja: " "$WORK/out" 20
    die "expected 3 screenshots from F12 in $WORK/shots, found: $(ls "$WORK/shots")"
fi
i=0
for want in 640x360 800x450 1024x768; do
    i=$((i + 1))
    eval "shot=\${$i}"
    got=$(png_size "$shot")
    checks=$((checks + 1))
    [ "$got" = "$want" ] || fail "screenshot $i ($shot) is $got, expected $want"
done
[ $failures -eq 0 ] || show "paja: " "$WORK/out" 20
finish window_resize_x11

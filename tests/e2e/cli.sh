#!/bin/sh
# End-to-end checks of paja's command line: help, version, usage errors with
# suggestions and exit codes, the headless screenshot, the no-display
# fallback and the --xr fallback. Usage: cli.sh PAJA PNG_STATS WORKDIR
set -u
PAJA=$1
PNG_STATS=$2
WORK=$3
rm -rf "$WORK" && mkdir -p "$WORK"
. "$(dirname "$0")/lib.sh"

expect 0 "--version" "$PAJA" --version && contains "$WORK/out" "paja 0." "--version prints the version"
expect 0 "version command" "$PAJA" version && contains "$WORK/out" "paja 0." "version command"
expect 0 "--help" "$PAJA" --help && contains "$WORK/out" "usage: paja" "--help shows usage" && contains "$WORK/out" "run" "--help lists run"
expect 0 "help run" "$PAJA" help run && contains "$WORK/out" "--headless" "help run lists --headless"
expect 0 "run --help" "$PAJA" run --help && contains "$WORK/out" "--screenshot" "run --help lists --screenshot"
expect 2 "help for unknown command" "$PAJA" help rnu && contains "$WORK/err" "did you mean 'run'" "help suggests run"
expect 2 "unknown option" "$PAJA" --bogus && contains "$WORK/err" "unknown option '--bogus'" "unknown option named"
expect 2 "mistyped option" "$PAJA" run --headles && contains "$WORK/err" "did you mean '--headless'" "option suggestion"
expect 2 "unknown command" "$PAJA" rn && contains "$WORK/err" "did you mean 'run'" "command suggestion"
expect 2 "--frames 0" "$PAJA" run --frames 0 && contains "$WORK/err" "--frames" "frames error names the option"
expect 2 "--frames without value" "$PAJA" run --frames && contains "$WORK/err" "needs a value" "missing value"
expect 2 "bad --size" "$PAJA" run --size 10 && contains "$WORK/err" "WIDTHxHEIGHT" "size error explains the form"
expect 2 "bad --lang" "$PAJA" run --lang de && contains "$WORK/err" "fi, en or sv" "lang error lists languages"
expect 2 "stray argument" "$PAJA" run somewhere && contains "$WORK/err" "unexpected argument" "stray argument"

# The headless screenshot: right size, not blank, exit 0.
shot="$WORK/x.png"
if expect 0 "headless screenshot" "$PAJA" run --builtin --headless --frames 3 --screenshot "$shot"; then
    stats=$("$PNG_STATS" "$shot")
    checks=$((checks + 1))
    size=${stats% *}
    colours=${stats#* }
    [ "$size" = "1280x720" ] || fail "screenshot size $size, expected 1280x720"
    [ "$colours" -gt 200 ] || fail "screenshot looks blank: $colours distinct colours"
fi
expect 0 "--size and --lang=sv" "$PAJA" run --builtin --headless --size=320x200 --lang=sv --screenshot "$WORK/sv.png" &&
    { checks=$((checks + 1)); stats=$("$PNG_STATS" "$WORK/sv.png"); [ "${stats% *}" = "320x200" ] || fail "size 320x200: got $stats"; }
expect 0 "paja --headless means paja run --headless" "$PAJA" --headless --builtin --screenshot "$WORK/default.png" &&
    { checks=$((checks + 1)); [ -s "$WORK/default.png" ] || fail "default command wrote no screenshot"; }
expect 0 "4x MSAA headless" "$PAJA" run --builtin --headless --msaa 4 --size 200x100 --screenshot "$WORK/msaa.png"

# An unwritable screenshot path is bad input: exit 2 with the reason.
expect 2 "unwritable screenshot" "$PAJA" run --builtin --headless --screenshot /nonexistent-dir/x.png &&
    contains "$WORK/err" "cannot create '/nonexistent-dir/x.png'" "unwritable path named"

# No display and no --headless: a clear message and a headless fallback
# (of the default scenario, so its record goes under XDG_DATA_HOME).
expect 0 "no display fallback" env -u DISPLAY -u WAYLAND_DISPLAY TMPDIR="$WORK" XDG_DATA_HOME="$WORK/xdg-nd" \
    "$PAJA" run &&
    contains "$WORK/err" "no display found" "fallback explains" &&
    { checks=$((checks + 1)); [ -s "$WORK/paja-no-display.png" ] || fail "fallback wrote no image"; }

# --xr without a runtime falls back to the desktop path and says why.
expect 0 "--xr fallback" env XR_RUNTIME_JSON=/nonexistent/rt.json "$PAJA" run --builtin --xr --headless &&
    contains "$WORK/err" "OpenXR" "--xr fallback explains"

# Diagnostics options anywhere on the line; --log appends to a file.
expect 0 "--log and -q" "$PAJA" run --builtin --headless -q --log "$WORK/paja.log" &&
    contains "$WORK/paja.log" "OpenGL" "log file has the renderer line"
checks=$((checks + 1))
[ -s "$WORK/err" ] && fail "-q should leave stderr empty, got: $(head -2 "$WORK/err")"

# `paja` alone plays the EV scenario found beside the executable (issue 6):
# a record is written (under XDG_DATA_HOME, or --records), never in $HOME.
records_in() { find "$1" -name '*.jsonl' 2>/dev/null | wc -l; }
expect 0 "paja alone plays the EV scenario" env XDG_DATA_HOME="$WORK/xdg" "$PAJA" --headless \
    --screenshot "$WORK/ev.png" && contains "$WORK/err" "scenarios/ev-hv-isolation" "default scenario named" &&
    { checks=$((checks + 1)); [ "$(records_in "$WORK/xdg/paja/records")" -eq 1 ] || fail "paja alone wrote no record"; }
expect 0 "paja run --records, no scenario" "$PAJA" run --headless --records "$WORK/rec" --trainee cli1 &&
    { checks=$((checks + 1)); [ "$(records_in "$WORK/rec")" -eq 1 ] || fail "no record in --records"; }
expect 2 "--builtin with a scenario" "$PAJA" run "$WORK" --builtin && contains "$WORK/err" "--builtin" "conflict named"
expect 2 "--builtin with --trainee" "$PAJA" run --builtin --trainee x && contains "$WORK/err" "need a SCENARIO" "builtin has no record"
# No scenarios/ anywhere near: a clear message and the built-in workshop.
mkdir -p "$WORK/lone/bin" && cp "$PAJA" "$WORK/lone/bin/paja"
cd "$WORK/lone" || exit 1
if expect 0 "no scenario found" ./bin/paja --headless --screenshot "$WORK/lone.png"; then
    contains "$WORK/err" "opening the built-in workshop" "fallback explained"
    checks=$((checks + 1))
    stats=$("$PNG_STATS" "$WORK/lone.png")
    [ "${stats% *}" = "1280x720" ] || fail "fallback workshop size $stats"
fi
cd - >/dev/null || exit 1

finish cli

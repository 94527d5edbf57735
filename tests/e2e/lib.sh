# Shared helpers of the end-to-end scripts in tests/e2e (POSIX sh: they run
# with /bin/sh, dash on Debian). A script sources it after `set -u` and its
# arguments, with the path taken from the script's own (ctest runs the
# scripts from the source tree by their full path):
#
#   . "$(dirname "$0")/lib.sh"
#
# expect and expect_merged write their output under $WORK, which the script
# sets (and empties) before it calls them.
#
# Exit codes: 0 every check passed, 1 a check failed, 77 skipped (ctest's
# SKIP_RETURN_CODE).
#
# Two styles of script use it:
#   - count and go on: checks call `fail`, and the script ends with
#     `finish NAME`, which prints the summary and exits 0 or 1;
#   - stop at the first failure (each step needs the one before): `die`.

# Counters. expect, expect_merged, contains and matches count one check each; a
# check written by hand counts itself with `checks=$((checks + 1))`.
failures=0
checks=0

# fail MESSAGE...: reports a failed check and counts it; the script goes on.
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# die MESSAGE...: reports a failed check and exits 1 at once.
die() {
    echo "FAIL: $*"
    exit 1
}

# skip REASON...: the test cannot run here (a tool or data is missing): exit 77.
skip() {
    echo "SKIP: $*"
    exit 77
}

# show PREFIX FILE [LINES]: the first LINES (default 10) lines of FILE (each
# cut at 300 characters), indented behind PREFIX; nothing when FILE is empty
# or absent.
show() {
    [ -s "$2" ] || return 0
    head -n "${3:-10}" "$2" | cut -c 1-300 | sed "s/^/    $1/"
}

# expect CODE DESCRIPTION COMMAND...: runs COMMAND with stdout in $WORK/out
# and stderr in $WORK/err, and checks that it exits CODE. On another exit
# code: a FAIL line with both, the start of each stream, and returns 1 (so
# `expect ... && contains ...` checks the output only of a right exit).
expect() {
    _want=$1 _what=$2
    shift 2
    checks=$((checks + 1))
    "$@" >"$WORK/out" 2>"$WORK/err"
    _got=$?
    [ "$_got" -eq "$_want" ] && return 0
    fail "$_what: exit $_got, expected $_want (output in $WORK/out and $WORK/err)"
    show "stdout: " "$WORK/out"
    show "stderr: " "$WORK/err"
    return 1
}

# expect_merged CODE DESCRIPTION COMMAND...: as expect, for commands whose
# messages may be on either stream: stdout and stderr both in $WORK/out.
expect_merged() {
    _want=$1 _what=$2
    shift 2
    checks=$((checks + 1))
    "$@" >"$WORK/out" 2>&1
    _got=$?
    [ "$_got" -eq "$_want" ] && return 0
    fail "$_what: exit $_got, expected $_want (output in $WORK/out)"
    show "" "$WORK/out" 20
    return 1
}

# contains FILE TEXT [DESCRIPTION]: FILE (a full path) holds TEXT, taken
# literally (grep -F; use `matches` for a pattern). Otherwise a FAIL line
# naming both, and the start of FILE. Returns 0 either way: in
# `expect ... && contains A && contains B`, B is checked even when A fails.
contains() {
    checks=$((checks + 1))
    grep -qF -- "$2" "$1" && return 0
    fail "${3:+$3: }'$2' not in $1"
    show "" "$1"
    return 0
}

# matches FILE PATTERN [DESCRIPTION]: as contains, with a grep basic regular
# expression (^ and $ anchor a line).
matches() {
    checks=$((checks + 1))
    grep -q -- "$2" "$1" && return 0
    fail "${3:+$3: }no line matching '$2' in $1"
    show "" "$1"
    return 0
}

# finish NAME: the summary line, "NAME: N checks, M failed", then exit 0
# when nothing failed, else 1.
finish() {
    echo "$1: $checks checks, $failures failed"
    [ "$failures" -eq 0 ] || exit 1
    exit 0
}

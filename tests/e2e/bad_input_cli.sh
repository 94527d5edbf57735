#!/bin/sh
# Defects found by bad-input testing (issue 12 item 7), through the CLI:
# folders without records, damaged record versions, unreadable and hostile
# models for `paja info`, a login name that is no valid trainee id, and
# output files that are FIFOs, links, devices or standard output for every
# option that names one (report -o/--csv, xapi -o, run/view --screenshot,
# test --trace).
#
#   bad_input_cli.sh PAJA BENCH_RECORD SOURCE_DIR WORKDIR
set -u
PAJA=$1 GEN=$2 SRC=$3 WORK=$4
rm -rf "$WORK" && mkdir -p "$WORK"
. "$(dirname "$0")/lib.sh"

"$GEN" gen "$WORK/class" 1 2 || die "generator"
rec=$(ls "$WORK"/class/*.jsonl | head -n 1)

# --- folders with no records: exit 2 with a message, as paja report does ---
mkdir -p "$WORK/empty"
expect 2 "verify an empty folder" "$PAJA" verify "$WORK/empty" && contains "$WORK/err" "no records to check"
expect 2 "xapi an empty folder" "$PAJA" xapi "$WORK/empty" -o "$WORK/st.json" &&
    contains "$WORK/err" "no records to export"
expect 2 "report an empty folder" "$PAJA" report "$WORK/empty" -o "$WORK/r.html"

# --- a damaged header's version is named as what it is --------------------
hdr='{"n":0,"k":"header","format":"paja-record"'
printf '%s,"version":0}\n' "$hdr" >"$WORK/v0.jsonl"
printf '%s}\n' "$hdr" >"$WORK/vnone.jsonl"
printf '%s,"version":"1"}\n' "$hdr" >"$WORK/vtext.jsonl"
printf '%s,"version":7}\n' "$hdr" >"$WORK/v7.jsonl"
expect_merged 2 "verify version 0" "$PAJA" verify "$WORK/v0.jsonl" &&
    contains "$WORK/out" '"version" 0 is not a format version'
expect_merged 2 "verify no version" "$PAJA" verify "$WORK/vnone.jsonl" && contains "$WORK/out" 'has no "version"'
expect_merged 2 "verify version as text" "$PAJA" verify "$WORK/vtext.jsonl" &&
    contains "$WORK/out" '"version" is text, not a number'
for f in v0 vnone vtext; do
    checks=$((checks + 1))
    ! grep -q "newer" "$WORK/out" || fail "$f: still called newer"
done
expect_merged 2 "verify version 7" "$PAJA" verify "$WORK/v7.jsonl" &&
    contains "$WORK/out" "format version 7 is newer than this paja understands"

# --- paja info: unreadable is exit 2; long strings are cut for display -----
expect 2 "info on a file that cannot be read" "$PAJA" info /proc/self/mem && contains "$WORK/err" "cannot read"
if [ "$(id -u)" -ne 0 ]; then
    cp "$SRC/assets/ev-workshop.glb" "$WORK/locked.glb" && chmod 000 "$WORK/locked.glb"
    expect 2 "info on a file without read permission" "$PAJA" info "$WORK/locked.glb"
fi
# A minimal valid glTF whose generator is 1 MB of text and whose node name
# holds terminal escapes.
long=$(head -c 1000000 /dev/zero | tr '\0' 'g')
printf '{"asset":{"version":"2.0","generator":"%s"},"nodes":[{"name":"a\\u001b[2Jb"}],"scenes":[{"nodes":[0]}],"scene":0}' \
    "$long" >"$WORK/long.gltf"
expect 0 "info on a model with a 1 MB generator" "$PAJA" info "$WORK/long.gltf" &&
    contains "$WORK/out" "more bytes)" "the generator is cut"
checks=$((checks + 1))
longest=$(awk '{ if (length($0) > m) m = length($0) } END { print m }' "$WORK/out")
[ "$longest" -lt 400 ] || fail "info printed a line of $longest characters"
checks=$((checks + 1))
! grep -q "$(printf '\033')" "$WORK/out" || fail "info printed an escape character from the file"

# --- the default trainee id (the login name) is checked as --trainee is -----
sc="$SRC/scenarios/battery-12v-replacement"
pt="$sc/playthroughs/perfect.yaml"
expect 0 "run with a login name that is no valid id" env USER='Bad Name;rm' LOGNAME= \
    "$PAJA" run "$sc" --headless --script "$pt" --records "$WORK/rec-user" &&
    contains "$WORK/err" "the login name is not a valid trainee id"
checks=$((checks + 1))
grep -q '"trainee":"anonymous"' "$WORK"/rec-user/*.jsonl || fail "the record does not say anonymous"
expect 0 "run with a valid login name" env USER=student.7 "$PAJA" run "$sc" --headless --script "$pt" \
    --records "$WORK/rec-ok"
checks=$((checks + 1))
grep -q '"trainee":"student.7"' "$WORK"/rec-ok/*.jsonl || fail "the valid login name is not the trainee id"

# --- output files ---------------------------------------------------------
# fifo_run NAME CMD...: runs CMD while a reader drains $WORK/NAME.fifo into
# $WORK/NAME.got; the FIFO must still be a FIFO afterwards.
fifo_run() {
    f_name=$1
    shift
    rm -f "$WORK/$f_name.fifo" && mkfifo "$WORK/$f_name.fifo"
    cat "$WORK/$f_name.fifo" >"$WORK/$f_name.got" &
    f_reader=$!
    expect 0 "$f_name into a FIFO" "$@"
    wait "$f_reader"
    checks=$((checks + 1))
    [ -p "$WORK/$f_name.fifo" ] || fail "$f_name: the FIFO was replaced"
}
# link_check NAME: $WORK/NAME.link (to NAME.target) is still a link, and
# the target holds what was written.
link_check() {
    checks=$((checks + 1))
    [ -L "$WORK/$1.link" ] || fail "$1: the link was replaced by a file"
    checks=$((checks + 1))
    [ -s "$WORK/$1.target" ] || fail "$1: nothing written through the link"
}
make_link() {
    rm -f "$WORK/$1.link" "$WORK/$1.target"
    printf 'old\n' >"$WORK/$1.target"
    ln -s "$1.target" "$WORK/$1.link" # relative, as people make them
}
# A copy of /dev/null's device node (root only): must stay a device.
make_dev() {
    rm -f "$WORK/$1.dev"
    mknod "$WORK/$1.dev" c 1 3 2>/dev/null
}
dev_check() {
    [ -e "$WORK/$1.dev" ] || return 0
    checks=$((checks + 1))
    [ -c "$WORK/$1.dev" ] || fail "$1: the device node was replaced by a regular file"
}

# report -o and --csv
fifo_run report_html "$PAJA" report "$WORK/class" -o "$WORK/report_html.fifo"
contains "$WORK/report_html.got" "<html"
fifo_run report_csv "$PAJA" report "$WORK/class" -o "$WORK/r.html" --csv "$WORK/report_csv.fifo"
contains "$WORK/report_csv.got" "trainee"
make_link report && expect 0 "report -o a link" "$PAJA" report "$WORK/class" -o "$WORK/report.link" &&
    link_check report && contains "$WORK/report.target" "<html"
make_link csv && expect 0 "report --csv a link" "$PAJA" report "$WORK/class" -o "$WORK/r.html" --csv "$WORK/csv.link" &&
    link_check csv
expect 0 "report -o -" "$PAJA" report "$WORK/class" -o - && contains "$WORK/out" "<html"
checks=$((checks + 1))
[ ! -e "$WORK/-" ] && [ ! -e ./- ] || fail "report -o - made a file named -"
make_dev report && expect 0 "report -o a device node" "$PAJA" report "$WORK/class" -o "$WORK/report.dev" &&
    dev_check report
make_dev csv && expect 0 "report --csv a device node" "$PAJA" report "$WORK/class" -o "$WORK/r.html" \
    --csv "$WORK/csv.dev" && dev_check csv
expect 2 "report -o a folder" "$PAJA" report "$WORK/class" -o "$WORK/empty" && contains "$WORK/err" "it is a folder"

# xapi -o
fifo_run xapi "$PAJA" xapi "$WORK/class" -o "$WORK/xapi.fifo"
contains "$WORK/xapi.got" '"verb"'
make_link xapi && expect 0 "xapi -o a link" "$PAJA" xapi "$WORK/class" -o "$WORK/xapi.link" && link_check xapi &&
    contains "$WORK/xapi.target" '"verb"'
expect 0 "xapi -o -" "$PAJA" xapi "$WORK/class" -o - && contains "$WORK/out" '"verb"'
make_dev xapi && expect 0 "xapi -o a device node" "$PAJA" xapi "$WORK/class" -o "$WORK/xapi.dev" && dev_check xapi

# view --screenshot (PNG)
model="$SRC/assets/battery-12v-replacement.glb"
view() { "$PAJA" view "$model" --headless --size 64x48 --screenshot "$@"; }
fifo_run view_png view "$WORK/view_png.fifo"
checks=$((checks + 1))
head -c 4 "$WORK/view_png.got" | grep -q PNG || fail "view: no PNG through the FIFO"
make_link shot && expect 0 "view --screenshot a link" view "$WORK/shot.link" && link_check shot
checks=$((checks + 1))
head -c 4 "$WORK/shot.target" | grep -q PNG || fail "view: no PNG through the link"
expect 0 "view --screenshot -" view - && contains "$WORK/out" "PNG"
make_dev shot && expect 0 "view --screenshot a device node" view "$WORK/shot.dev" && dev_check shot

# run --screenshot (PNG, the session's last frame)
make_link runshot && expect 0 "run --screenshot a link" "$PAJA" run "$sc" --headless --script "$pt" \
    --records "$WORK/rec-shot" --size 64x48 --screenshot "$WORK/runshot.link" && link_check runshot

# test --trace (streamed)
make_link trace && expect 0 "test --trace a link" "$PAJA" test "$pt" --trace "$WORK/trace.link" &&
    link_check trace
expect 0 "test --trace -" "$PAJA" test "$pt" --trace - && contains "$WORK/out" "# "

finish bad_input_cli

#!/bin/sh
# End-to-end checks of paja's settings (issue 12 item 1) as a user meets
# them: the institution's file (PAJA_SYSTEM_CONFIG here, /etc/paja/paja.conf
# on a school PC), the user's ($XDG_CONFIG_HOME/paja/paja.conf) and the
# command line; `paja config` says where each value came from; mistakes are
# named by file:line with the nearest valid key; institution locks hold
# against the user's file and the command line; `paja run` follows them.
# Usage: settings_cli.sh PAJA SOURCE_DIR WORKDIR
set -u
PAJA=$1
SRC=$2
WORK=$3
rm -rf "$WORK" && mkdir -p "$WORK"
EV="$SRC/scenarios/ev-hv-isolation"
. "$(dirname "$0")/lib.sh"

SYS="$WORK/etc/paja.conf"
export XDG_CONFIG_HOME="$WORK/xdg"
export PAJA_SYSTEM_CONFIG="$SYS"
USR="$XDG_CONFIG_HOME/paja/paja.conf"
mkdir -p "$WORK/etc" "$XDG_CONFIG_HOME/paja"

# --- no files: every value is the default -----------------------------------
expect 0 "paja config without settings files" "$PAJA" config &&
    contains "$WORK/out" "$SYS (not there)" &&
    matches "$WORK/out" '^session.mode_lock *= none *# default$' &&
    matches "$WORK/out" '^session.hot_reload *= yes *# default$'
expect 0 "paja help config" "$PAJA" help config && contains "$WORK/out" "mode_lock = exam"

# --- institution, user and command line, each over the one before -----------
cat >"$SYS" <<EOF
; the school's settings
[records]
folder = $WORK/school-records
[session]
lang = sv
hot_reload = no
EOF
cat >"$USR" <<EOF
[records]
folder = $WORK/my-records
[session]
lang = fi
hot_reload = yes
EOF
expect 0 "paja config with both files" "$PAJA" config --lang en &&
    matches "$WORK/out" "^records.folder *= $WORK/my-records *# $USR:2\$" &&
    matches "$WORK/out" '^session.lang *= en *# command line$' &&
    matches "$WORK/out" "^session.hot_reload *= no *# $SYS:6\$"
contains "$WORK/err" "$USR:5: warning: session.hot_reload is set by the institution ($SYS:6)" \
    "a user's file cannot turn hot reload back on"
expect 0 "--set" "$PAJA" config --set lrs.endpoint=https://lrs.example.org/xAPI &&
    matches "$WORK/out" '^lrs.endpoint *= https://lrs.example.org/xAPI *# command line$'
expect 2 "--set an unknown key" "$PAJA" config --set lrs.endpont=x
contains "$WORK/err" "no setting 'lrs.endpont'"

# paja run writes the record where the user's file says.
expect 0 "paja run follows records.folder" "$PAJA" run "$EV" --headless --frames 2 --trainee s1 --seed 1
checks=$((checks + 1))
ls "$WORK/my-records"/*.jsonl >/dev/null 2>&1 || fail "no record in records.folder ($WORK/my-records)"

# --- mistakes: file:line, what, the nearest key --------------------------------
cat >"$USR" <<EOF
[records]
fodler = /tmp/x
[session]
mode_lock = sometimes
this line has no equals sign
[lrs]
endpoint = lrs.example.org
EOF
expect 2 "paja config with mistakes in the user's file" "$PAJA" config
contains "$WORK/err" "$USR:2: unknown setting 'records.fodler'; did you mean 'records.folder'?"
contains "$WORK/err" "$USR:4: session.mode_lock = 'sometimes': wants none, guided, practice or exam"
contains "$WORK/err" "$USR:5: not a setting"
contains "$WORK/err" "$USR:7: lrs.endpoint = 'lrs.example.org': wants an http:// or https:// URL"
expect 2 "paja run refuses to start on a broken settings file" "$PAJA" run "$EV" --headless --frames 1 --trainee s1
contains "$WORK/err" "fix the settings above first"
expect 0 "paja run --help still helps with a broken settings file" "$PAJA" run --help
rm -f "$USR"
# Not a settings file at all: a bounded list of problems, no crash.
head -c 20000 /dev/urandom >"$USR"
expect 2 "a binary file as the user's settings" "$PAJA" config
contains "$WORK/err" "is it a paja settings file?"
checks=$((checks + 1))
[ "$(wc -l <"$WORK/err")" -le 22 ] || fail "too many messages for a binary settings file"
rm -f "$USR" && mkdir "$USR"
expect 2 "a folder as the user's settings" "$PAJA" config
contains "$WORK/err" "$USR is not a regular file"
rmdir "$USR"

# --- a class locked to exam mode ---------------------------------------------
cat >"$SYS" <<EOF
[records]
folder = $WORK/exam-records
[session]
mode_lock = exam
EOF
printf '[session]\nmode_lock = practice\n' >"$USR"
expect 0 "the user's file cannot lift the mode lock" "$PAJA" config &&
    matches "$WORK/out" "^session.mode_lock *= exam *# $SYS:4\$"
expect 2 "--mode against the lock" "$PAJA" run "$EV" --headless --frames 1 --trainee s2 --mode practice
contains "$WORK/err" "locked to exam mode (session.mode_lock, $SYS:4); --mode practice is not allowed"
expect 2 "a practice playthrough under an exam lock" "$PAJA" run "$EV" --script "$EV/playthroughs/perfect.yaml"
contains "$WORK/err" "locked to exam mode"
expect 0 "--mode exam under an exam lock" "$PAJA" run "$EV" --headless --frames 2 --trainee s2 --mode exam
expect 0 "no --mode under an exam lock runs an exam" "$PAJA" run "$EV" --headless --frames 2 --trainee s3
rec=$(ls "$WORK/exam-records"/*s3*.jsonl 2>/dev/null | head -n 1)
checks=$((checks + 1))
[ -n "$rec" ] && head -n 1 "$rec" | grep -q '"mode":"exam"' || fail "the locked class's session is not an exam"
rm -f "$USR" "$SYS"

# --- render.msaa: the anti-aliasing default a school can set -------------------
expect 0 "paja config: render.msaa defaults to auto" "$PAJA" config &&
    matches "$WORK/out" '^render.msaa *= auto *# default$'
printf '[render]\nmsaa = 2\n' >"$USR"
expect 0 "render.msaa from the user's file" "$PAJA" run --builtin --headless --frames 1 &&
    contains "$WORK/err" "anti-aliasing: 2 samples"
expect 0 "--msaa over render.msaa" "$PAJA" run --builtin --headless --frames 1 --msaa 1 &&
    contains "$WORK/err" "anti-aliasing: 1 sample"
printf '[render]\nmsaa = lots\n' >"$USR"
expect 2 "a bad render.msaa" "$PAJA" config && contains "$WORK/err" "$USR:2" &&
    contains "$WORK/err" "auto or a sample count"
rm -f "$USR"

# --- paja key new -------------------------------------------------------------
mkdir -p "$WORK/keys"
expect 0 "paja key new" "$PAJA" key new -o "$WORK/keys/seal.key"
contains "$WORK/out" "fingerprint: "
checks=$((checks + 1))
[ "$(stat -c %a "$WORK/keys/seal.key")" = 600 ] || fail "the private key is not mode 600"
checks=$((checks + 1))
[ -f "$WORK/keys/seal.pub" ] || fail "no public key beside the private key"
expect 2 "paja key new never overwrites" "$PAJA" key new -o "$WORK/keys/seal.key"
contains "$WORK/err" "already exists"

finish settings_cli

#!/bin/sh
# Renders a committed scene headless with `paja view` (Mesa llvmpipe), so a
# model that validates but draws nothing (all black, a lost node tree) is
# caught; the image is kept in WORKDIR for a look.
#
#   scene_view.sh PAJA PNG_STATS MODEL.glb WORKDIR
set -u
PAJA=$1 STATS=$2 GLB=$3 WORK=$4
rm -rf "$WORK" && mkdir -p "$WORK"
PNG=$WORK/$(basename "$GLB" .glb).png
"$PAJA" view "$GLB" --headless --size 320x180 --pitch 25 --screenshot "$PNG" >"$WORK/view.log" 2>&1 ||
    { echo "FAIL: paja view exited $?"; cat "$WORK/view.log"; exit 1; }
set -- $("$STATS" "$PNG") || { echo "FAIL: png_stats could not read $PNG"; exit 1; }
[ "$1" = "320x180" ] || { echo "FAIL: screenshot is $1, not 320x180"; exit 1; }
# The workshop has dozens of materials under one light with shadows; a
# blank or single-object image has a handful of colours.
[ "$2" -ge 100 ] || { echo "FAIL: only $2 colours in $PNG"; exit 1; }
echo "$(basename "$GLB"): rendered $1 with $2 colours ($PNG)"

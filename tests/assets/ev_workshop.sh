#!/bin/sh
# The committed EV workshop scene (assets/ev-workshop.glb):
#   1. equals a fresh run of its generator, byte for byte (the source in
#      tools/assets is the truth; `cmake --build B --target assets` rewrites it);
#   2. `paja info` reads it (exit 0) and lists every node the EV scenario
#      binds (`node:` in scenario.yaml) and every measuring point, probe tip
#      and feature node the app looks up by name (tools/assets/README.md);
#   3. has fewer than 50 000 triangles (issue 6).
#
#   ev_workshop.sh GEN PAJA SOURCE_DIR WORKDIR
set -u
GEN=$1 PAJA=$2 SRC=$3 WORK=$4
GLB=$SRC/assets/ev-workshop.glb
SCENARIO=$SRC/scenarios/ev-hv-isolation/scenario.yaml
rm -rf "$WORK" && mkdir -p "$WORK"
fail=0

"$GEN" "$WORK/ev-workshop.glb" >/dev/null || { echo "FAIL: generator exited $?"; exit 1; }
if ! cmp -s "$GLB" "$WORK/ev-workshop.glb"; then
    echo "FAIL: assets/ev-workshop.glb differs from a fresh run of its generator;"
    echo "      regenerate it with: cmake --build BUILD --target assets"
    fail=1
fi

"$PAJA" info "$GLB" >"$WORK/info.txt" 2>&1 || { echo "FAIL: paja info exited $?"; cat "$WORK/info.txt"; exit 1; }

# Node names from the scenario (`node: X`, block or flow style), plus the
# names the app binds by convention.
sed -n 's/.*[{ ,]node: *\([A-Za-z0-9_.]*\).*/\1/p' "$SCENARIO" | sort -u >"$WORK/names.txt"
[ -s "$WORK/names.txt" ] || { echo "FAIL: no node names found in $SCENARIO"; exit 1; }
for extra in hv.pos hv.neg chassis hv.pos_neg hv.pos_chassis hv.neg_chassis ref.proving_unit \
    Tester_Tip_Red Tester_Tip_Black Tester_Display Gloves_Class0_Left_Test_Stamp; do
    echo "$extra" >>"$WORK/names.txt"
done
missing=0
while read -r name; do
    if ! grep -q "^ *[0-9]* \"$name\"" "$WORK/info.txt"; then
        echo "FAIL: node \"$name\" is not in the scene"
        missing=$((missing + 1))
    fi
done <"$WORK/names.txt"
[ "$missing" -eq 0 ] || fail=1

# Triangles: index counts of the triangle primitives (paja info lists each).
tris=$(sed -n 's/.*: triangles, [0-9]* vertices, \([0-9]*\) indices.*/\1/p' "$WORK/info.txt" |
    awk '{ s += $1 } END { print int(s / 3) }')
if [ "$tris" -le 0 ] || [ "$tris" -ge 50000 ]; then
    echo "FAIL: $tris triangles (must be 1..49999)"
    fail=1
fi
[ "$fail" -eq 0 ] && echo "ev_workshop: identical to a fresh run; $(wc -l <"$WORK/names.txt") names present; $tris triangles"
exit "$fail"

#!/bin/sh
# A committed scene model and its scenario:
#   1. the model equals a fresh run of its generator, byte for byte (the
#      source in tools/assets is the truth; `cmake --build B --target assets`
#      rewrites it);
#   2. `paja info` reads it (exit 0) and lists every node the scenario binds
#      (`node:` in scenario.yaml) and the NAMEs given: measuring points,
#      probe tips and parts the app looks up by name (tools/assets/README.md);
#   3. it has fewer than 50 000 triangles (issue 6). Each mesh is used by
#      one node, so the meshes' triangles are the scene's.
#
#   scene_asset.sh GEN PAJA MODEL.glb SCENARIO.yaml WORKDIR [NAME...]
set -u
GEN=$1 PAJA=$2 GLB=$3 SCENARIO=$4 WORK=$5
shift 5
rm -rf "$WORK" && mkdir -p "$WORK"
fail=0

FRESH=$WORK/$(basename "$GLB")
"$GEN" "$FRESH" >/dev/null || { echo "FAIL: generator exited $?"; exit 1; }
if ! cmp -s "$GLB" "$FRESH"; then
    echo "FAIL: $GLB differs from a fresh run of its generator;"
    echo "      regenerate it with: cmake --build BUILD --target assets"
    fail=1
fi

"$PAJA" info "$GLB" >"$WORK/info.txt" 2>&1 || { echo "FAIL: paja info exited $?"; cat "$WORK/info.txt"; exit 1; }

# Node names from the scenario (`node: X`, block or flow style), plus the
# names given.
sed -n 's/.*[{ ,]node: *\([A-Za-z0-9_.]*\).*/\1/p' "$SCENARIO" | sort -u >"$WORK/names.txt"
[ -s "$WORK/names.txt" ] || { echo "FAIL: no node names found in $SCENARIO"; exit 1; }
for extra in "$@"; do
    echo "$extra" >>"$WORK/names.txt"
done
# Only the node tree counts (meshes carry the same names); fixed strings,
# since names hold dots.
sed -n '/^nodes:/,/^meshes:/p' "$WORK/info.txt" >"$WORK/nodes.txt"
missing=0
while read -r name; do
    if ! grep -qF "\"$name\"" "$WORK/nodes.txt"; then
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
[ "$fail" -eq 0 ] && echo "$(basename "$GLB"): identical to a fresh run; $(wc -l <"$WORK/names.txt") names present; $tris triangles"
exit "$fail"

#!/bin/sh
# End-to-end checks of `paja info` and `paja view` on the glTF samples:
# exit codes (0 valid, 1 invalid, 2 unreadable or bad usage), messages that
# say what and where, a headless view screenshot of the right size that is
# not blank, and the glTF benchmark's smoke run (numbers not checked).
# Usage: gltf_cli.sh PAJA PNG_STATS BENCH SAMPLES WORKDIR   (77 = no samples)
set -u
PAJA=$1 PNG_STATS=$2 BENCH=$3 S=$4 WORK=$5
. "$(dirname "$0")/lib.sh"
[ -d "$S" ] || skip "no glTF samples at $S"
rm -rf "$WORK" && mkdir -p "$WORK"

BOX=$S/Box/glTF-Binary/Box.glb
expect 0 "info Box.glb" "$PAJA" info "$BOX" && contains "$WORK/out" "nodes: 2" "Box node count" &&
    contains "$WORK/out" "bounds: (-0.5 -0.5 -0.5) .. (0.5 0.5 0.5)" "Box bounds"
expect 0 "info Fox" "$PAJA" info "$S/Fox/glTF-Binary/Fox.glb" && contains "$WORK/out" "24 joints" "Fox skin" &&
    contains "$WORK/out" "animations: 3" "Fox animations"
expect 0 "info sparse" "$PAJA" info "$S/SimpleSparseAccessor/glTF/SimpleSparseAccessor.gltf" &&
    contains "$WORK/out" "bounds: (0 0 0) .. (6 4 0)" "sparse substitution in bounds"
expect 1 "info Draco" "$PAJA" info "$S/Box/glTF-Draco/Box.gltf" &&
    contains "$WORK/err" "required extension 'KHR_draco_mesh_compression' is not supported" "Draco named"
expect 1 "info truncated GLB" "$PAJA" info "$S/ValidatorTestCorpus/glb/truncated_chunk_data.glb" &&
    contains "$WORK/err" "GLB: byte 8" "GLB byte offset"
expect 2 "info missing file" "$PAJA" info "$WORK/none.glb" && contains "$WORK/err" "No such file" "missing file"
expect 2 "info without model" "$PAJA" info
expect 2 "info unknown option" "$PAJA" info --bogus "$BOX" && contains "$WORK/err" "unknown option '--bogus'" "option named"
expect 0 "help info" "$PAJA" help info && contains "$WORK/out" "exit status" "info help"
expect 0 "help view" "$PAJA" help view && contains "$WORK/out" "--screenshot" "view help"

shot=$WORK/box.png
if expect 0 "view headless screenshot" "$PAJA" view "$BOX" --headless --size 320x240 --msaa 4 --screenshot "$shot"; then
    stats=$("$PNG_STATS" "$shot")
    checks=$((checks + 1))
    [ "${stats% *}" = "320x240" ] || fail "view screenshot size ${stats% *}, expected 320x240"
    [ "${stats#* }" -gt 8 ] || fail "view screenshot looks blank: ${stats#* } colours"
fi
expect 0 "view posed skin" "$PAJA" view "$S/Fox/glTF-Binary/Fox.glb" --headless --size 160x120 --animation 0 \
    --time 0.3 --no-shadows --screenshot "$WORK/fox.png"
# Several headless frames step the animation by 1/30 s each (skin re-upload).
expect 0 "view plays frames" "$PAJA" view "$S/Fox/glTF-Binary/Fox.glb" --headless --size 160x120 --animation 1 \
    --frames 4 --screenshot "$WORK/fox4.png"
checks=$((checks + 1))
cmp -s "$WORK/fox4.png" "$WORK/fox.png" && fail "4-frame pose equals the 1-frame pose"
expect 1 "view invalid model" "$PAJA" view "$S/ValidatorTestCorpus/json/invalid_syntax.gltf" --headless &&
    contains "$WORK/err" "JSON syntax error" "view reports why"
expect 1 "view missing animation" "$PAJA" view "$BOX" --headless --animation 3 && contains "$WORK/err" "has 0 animations" "anim"
expect 2 "view missing file" "$PAJA" view "$WORK/none.glb" --headless
expect 2 "view bad option value" "$PAJA" view "$BOX" --headless --pitch 120 && contains "$WORK/err" "--pitch" "option named"

expect 0 "bench smoke" "$BENCH" --frames 1 --loads 1 --out "$WORK" --synthetic "$BOX" &&
    contains "$WORK/out" "paja_bench_training.glb" "synthetic scene benchmarked" && contains "$WORK/out" "Box.glb" "model row"

finish gltf_cli

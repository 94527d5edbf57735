#!/bin/sh
# run_fuzz_gltf.sh SOURCE_DIR BUILD_DIR SECONDS
# Builds the glTF reader's libFuzzer harness with clang (ASan + UBSan) from
# the module sources and fuzzes it for SECONDS, starting from the seed corpus
# in tests/fuzz/corpus_gltf (new finds go to a scratch corpus in BUILD_DIR,
# never into the source tree). Exit 77 (ctest skip) without clang/libFuzzer.
# A fixed libFuzzer seed (PAJA_FUZZ_SEED, default 1) keeps a CI run of a given
# commit reproducible; set another seed to explore further.
set -eu
src=$1 out=$2/fuzz-gltf secs=${3:-30}
command -v clang >/dev/null 2>&1 || { echo "SKIP: clang not installed"; exit 77; }
mkdir -p "$out/corpus" "$out/artifacts"
exe=$out/fuzz_gltf
flags="-g -O1 -std=c11 -D_POSIX_C_SOURCE=200809L -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all"
inc="-I$src/engine/core -I$src/engine/asset -I$src/engine/scene $(pkg-config --cflags libcjson stb cglm)"
libs="$(pkg-config --libs libcjson stb cglm libpng) -lm"
sources="$src/tests/fuzz/fuzz_gltf.c $src/engine/asset/gltf_*.c $src/engine/asset/image.c
         $src/engine/scene/scene.c $src/engine/scene/scene_gltf.c $src/engine/scene/scene_ray.c
         $src/engine/scene/scene_prims.c $src/engine/core/arena.c $src/engine/core/fs.c
         $src/engine/core/log.c $src/engine/core/str.c"
# shellcheck disable=SC2086
if ! clang $flags $inc $sources $libs -o "$exe" 2>"$out/build.log"; then
    if grep -q "fuzzer" "$out/build.log" && ! grep -q "error:.*\.c" "$out/build.log"; then
        echo "SKIP: clang has no libFuzzer runtime"; cat "$out/build.log"; exit 77
    fi
    cat "$out/build.log"; exit 1
fi
# Leaks are checked by the ASan unit runs; here only crashes, OOB and UB.
ASAN_OPTIONS=detect_leaks=0:abort_on_error=0 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    "$exe" -seed="${PAJA_FUZZ_SEED:-1}" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -dict="$src/tests/fuzz/gltf.dict" -artifact_prefix="$out/artifacts/" \
    -print_final_stats=1 "$out/corpus" "$src/tests/fuzz/corpus_gltf"

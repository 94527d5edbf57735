#!/bin/sh
# run_fuzz_scenario.sh SOURCE_DIR BUILD_DIR SECONDS
# Builds the scenario loader / expression / engine libFuzzer harness with
# clang (ASan + UBSan + leak checks) straight from the module sources, and
# fuzzes it for SECONDS from the seed corpus: tests/fuzz/corpus_scenario
# (expressions), the shipped scenarios, the guide and the broken files.
# New finds go to a scratch corpus in BUILD_DIR, never into the source tree.
# Exit 77 (ctest skip) without clang/libFuzzer. CI's default compiler is gcc;
# this script calls clang directly so it runs there too when clang exists.
# A fixed libFuzzer seed (PAJA_FUZZ_SEED, default 1) keeps a CI run of a given
# commit reproducible; set another seed to explore further.
set -eu
src=$1 out=$2/fuzz-scenario secs=${3:-30}
command -v clang >/dev/null 2>&1 || { echo "SKIP: clang not installed"; exit 77; }
mkdir -p "$out/corpus" "$out/artifacts" "$out/seeds"
exe=$out/fuzz_scenario
flags="-g -O1 -std=c11 -D_POSIX_C_SOURCE=200809L -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all"
inc="-I$src/engine/core -I$src/engine/scenario"
libs="$(pkg-config --libs yaml-0.1) -lm"
sources="$src/tests/fuzz/fuzz_scenario.c $src/engine/scenario/scenario_*.c
         $src/engine/core/arena.c $src/engine/core/fs.c $src/engine/core/log.c
         $src/engine/core/str.c $src/engine/core/event.c"
# shellcheck disable=SC2086
if ! clang $flags $inc $sources $libs -o "$exe" 2>"$out/build.log"; then
    if grep -q "fuzzer" "$out/build.log" && ! grep -q "error:.*\.c" "$out/build.log"; then
        echo "SKIP: clang has no libFuzzer runtime"; cat "$out/build.log"; exit 77
    fi
    cat "$out/build.log"; exit 1
fi
# Seeds: scenario files get a leading even byte, expressions an odd one.
i=0
for f in "$src"/scenarios/*/scenario.yaml "$src"/tests/data/scenarios/*/scenario.yaml; do
    i=$((i + 1)); { printf '\000'; cat "$f"; } >"$out/seeds/scenario-$i"
done
sed -n '/^```yaml$/,/^```$/p' "$src/scenarios/README.md" | sed '1d;$d' | { printf '\000'; cat; } >"$out/seeds/guide"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    "$exe" -seed="${PAJA_FUZZ_SEED:-1}" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -dict="$src/tests/fuzz/scenario.dict" -artifact_prefix="$out/artifacts/" \
    -print_final_stats=1 "$out/corpus" "$out/seeds" "$src/tests/fuzz/corpus_scenario"

#!/bin/sh
# run_fuzz_record.sh SOURCE_DIR BUILD_DIR SECONDS
# Builds the record reader / verifier / xAPI libFuzzer harness with clang
# (ASan + UBSan + leak checks) straight from the module sources, and fuzzes
# it for SECONDS from the fixed records in tests/data/records (cut to their
# first lines, so the fuzzer works on small inputs) and tests/fuzz/corpus_record
# (inputs that once failed). New finds go to a
# scratch corpus in BUILD_DIR, never into the source tree.
# Exit 77 (ctest skip) without clang/libFuzzer.
# A fixed libFuzzer seed (PAJA_FUZZ_SEED, default 1) keeps a CI run of a given
# commit reproducible; set another seed to explore further.
set -eu
src=$1 out=$2/fuzz-record secs=${3:-30}
command -v clang >/dev/null 2>&1 || { echo "SKIP: clang not installed"; exit 77; }
mkdir -p "$out/corpus" "$out/artifacts" "$out/seeds"
exe=$out/fuzz_record
flags="-g -O1 -std=c11 -D_POSIX_C_SOURCE=200809L -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all"
inc="-I$src/engine/core -I$src/engine/record $(pkg-config --cflags cglm libcjson)"
libs="$(pkg-config --libs libcjson libcrypto) -lm"
sources="$src/tests/fuzz/fuzz_record.c $src/engine/record/rec_hash.c $src/engine/record/rec_sign.c $src/engine/record/rec_verify.c
         $src/engine/record/rec_reader.c $src/engine/record/rec_writer.c $src/engine/record/rec_time.c
         $src/engine/record/rec_xapi.c $src/engine/core/arena.c $src/engine/core/fs.c
         $src/engine/core/log.c $src/engine/core/str.c $src/engine/core/event.c
         $src/engine/core/uuid.c $src/engine/core/clock.c"
# shellcheck disable=SC2086
if ! clang $flags $inc $sources $libs -o "$exe" 2>"$out/build.log"; then
    if grep -q "fuzzer" "$out/build.log" && ! grep -q "error:.*\.c" "$out/build.log"; then
        echo "SKIP: clang has no libFuzzer runtime"; cat "$out/build.log"; exit 77
    fi
    cat "$out/build.log"; exit 1
fi
for f in "$src"/tests/data/records/*.jsonl; do
    head -n 12 "$f" >"$out/seeds/$(basename "$f")"
    tail -n 3 "$f" >"$out/seeds/tail-$(basename "$f")"
done
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    "$exe" -seed="${PAJA_FUZZ_SEED:-1}" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
    -artifact_prefix="$out/artifacts/" -print_final_stats=1 "$out/corpus" "$out/seeds" \
    "$src/tests/fuzz/corpus_record"

# A thin layer over CMake presets, so two commands do everything:
#   make run    install missing Debian packages, build, start paja
#   make test   install missing packages, build and run every test
#               (debug build, then the AddressSanitizer+UBSan build)
# Other targets: deps, build, debug, asan, bench, format, clean.

JOBS ?= $(shell nproc 2>/dev/null || echo 2)
ARGS ?=

.PHONY: run test deps deps-test build debug asan test-debug test-asan bench format clean

run: build
	./build/release/paja $(ARGS)

deps:
	@tools/deps.sh

# Test tools on top: Xvfb, chromium, clang/libFuzzer, Python schema checks and
# the npm xAPI packages. Without the npm registry those tests skip, not fail.
deps-test:
	@tools/deps.sh --test
	@tools/deps-npm.sh || echo "deps: xAPI npm packages unavailable; the e2e.xapi_* tests will be skipped"

build: deps
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS)

debug: deps
	cmake --preset debug >/dev/null
	cmake --build --preset debug -j $(JOBS)

asan: deps
	cmake --preset asan >/dev/null
	cmake --build --preset asan -j $(JOBS)

test-debug: deps-test debug
	ctest --preset debug

test-asan: deps-test asan
	ctest --preset asan

# The asan run comes last so the output ends with its ctest summary.
test: test-debug test-asan

bench: build
	tools/bench/startup.sh ./build/release/paja

format:
	git ls-files '*.c' '*.h' | xargs clang-format -i

clean:
	rm -rf build

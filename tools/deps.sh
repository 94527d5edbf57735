#!/bin/sh
# Installs the Debian 12 packages paja needs to build, run and test.
# Idempotent: only missing packages are installed, so a second run is quick and
# needs no network. Needs root or sudo when something is missing.
#
#   tools/deps.sh            what building and running paja needs (make run)
#   tools/deps.sh --test     that, plus what the test suite needs (make test)
#   tools/deps.sh --check [--test]
#                            list what is missing, install nothing (exit 1 if any)
set -eu
check=0
with_tests=0
for arg in "$@"; do
    case "$arg" in
    --check) check=1 ;;
    --test) with_tests=1 ;;
    *) echo "deps: unknown option '$arg' (use --test and/or --check)" >&2; exit 2 ;;
    esac
done

# Build: compilers and the libraries DESIGN.md §2 names.
BUILD="build-essential cmake pkg-config
libsdl2-dev libglew-dev libcglm-dev libopenxr-dev libcjson-dev libyaml-dev
libstb-dev libpng-dev libssl-dev libcurl4-openssl-dev libcmocka-dev fonts-dejavu-core libinih-dev"
# Run: Mesa (llvmpipe works without a GPU) through EGL or GLX.
BUILD="$BUILD libgl1-mesa-dri libegl1 libegl-mesa0"
# Test only: Xvfb for the X11 window tests and libXtst for the keys they
# send; chromium for the teacher's report; clang with its libFuzzer runtime
# for the fuzz tests; Python's jsonschema and YAML for the scenario schema
# test. (npm packages: tools/deps-npm.sh.)
TEST="xvfb xauth libxtst6 chromium clang libclang-rt-14-dev python3-jsonschema python3-yaml"
# The simulated headset's tests: Khronos's hello_xr, the core validation and
# API dump layers, and XF86VidMode's header for the shim hello_xr needs
# under Xvfb (../shared/reference/openxr.md §8).
TEST="$TEST libopenxr-utils openxr-layer-corevalidation openxr-layer-apidump libxxf86vm-dev"
[ $with_tests -eq 1 ] || TEST=""

missing=""
for p in $BUILD $TEST; do
    # dpkg-query prints "install ok installed" only for a fully installed package.
    if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then
        missing="$missing $p"
    fi
done

if [ -z "$missing" ]; then
    echo "deps: all packages present"
    exit 0
fi
if [ $check -eq 1 ]; then
    echo "deps: missing:$missing"
    exit 1
fi

echo "deps: installing:$missing"
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "deps: need root or sudo to install:$missing" >&2
    echo "deps: ask your administrator to run: apt-get install$missing" >&2
    exit 2
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing
echo "deps: done"

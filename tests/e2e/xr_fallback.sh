#!/bin/sh
# `paja run --xr` where no headset can be used falls back to the desktop
# with ONE line on stderr saying why and what to do, and none of the OpenXR
# loader's own messages: no runtime at all (a manifest that is not there),
# a broken manifest (its library missing), a runtime with no headset
# connected (XR_ERROR_FORM_FACTOR_UNAVAILABLE) and a runtime that cannot
# take OpenGL (no XR_KHR_opengl_enable) — the last two from a stub runtime
# (xr_stub_runtime.c). The session still runs on the desktop and its record
# says so.
# Usage: xr_fallback.sh PAJA STUB_RUNTIME_SO SOURCE_DIR WORKDIR
set -u
PAJA=$1
STUB=$2
SRC=$3
WORK=$4
. "$(dirname "$0")/lib.sh"
command -v xvfb-run >/dev/null 2>&1 || skip "xvfb-run not installed (tools/deps.sh installs xvfb)"
rm -rf "$WORK" && mkdir -p "$WORK"
unset SDL_VIDEODRIVER XR_LOADER_DEBUG XR_ENABLE_API_LAYERS
printf '{"file_format_version":"1.0.0","runtime":{"library_path":"./missing-runtime.so"}}\n' >"$WORK/broken.json"
printf '{"file_format_version":"1.0.0","runtime":{"name":"stub","library_path":"%s"}}\n' "$STUB" >"$WORK/stub.json"

# run NAME MANIFEST [STUB_MODE]: paja --xr for three frames in an X11 window.
run() {
    _name=$1 _manifest=$2 _mode=${3:-}
    rm -rf "$WORK/rec-$_name"
    expect 0 "$_name: paja run --xr falls back and runs" \
        xvfb-run -a -s "-screen 0 1280x1024x24" env SDL_VIDEODRIVER=x11 XR_RUNTIME_JSON="$_manifest" \
        XR_STUB_MODE="$_mode" "$PAJA" run "$SRC/scenarios/ev-hv-isolation" --xr --trainee fallback \
        --records "$WORK/rec-$_name" --frames 3 --size 320x180
    cp "$WORK/err" "$WORK/err-$_name"
    checks=$((checks + 1))
    n=$(grep -c -- '--xr:' "$WORK/err-$_name")
    [ "$n" -eq 1 ] || fail "$_name: $n lines about --xr, expected one"
    checks=$((checks + 1))
    if grep -q 'OpenXR-Loader\|^Error \[' "$WORK/err-$_name"; then
        fail "$_name: the loader's own messages reached stderr"
        show "" "$WORK/err-$_name" 20
    fi
    contains "$WORK/err-$_name" "using the desktop instead" "$_name"
    matches "$WORK/rec-$_name/"*.jsonl '"device":"desktop"' "$_name: the record's device"
}

run no_runtime "$WORK/not-there.json"
contains "$WORK/err-no_runtime" "names no usable OpenXR runtime" "no runtime"
run broken_manifest "$WORK/broken.json"
contains "$WORK/err-broken_manifest" "$WORK/broken.json" "broken manifest: named"
run no_headset "$WORK/stub.json" no_headset
contains "$WORK/err-no_headset" "XR_ERROR_FORM_FACTOR_UNAVAILABLE" "no headset"
contains "$WORK/err-no_headset" "connect and switch on the headset" "no headset: what to do"
run no_gl "$WORK/stub.json" no_gl
contains "$WORK/err-no_gl" "XR_KHR_opengl_enable" "no OpenGL"
finish xr_fallback

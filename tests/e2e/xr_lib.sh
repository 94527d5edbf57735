# What the headset tests share (xr_*.sh): paja run --xr on the simulated
# headset (tools/xrsim) in an X session, with the controller player
# (xrplay.c) driving it through xrsim's control channel, under Debian's
# OpenXR core validation layer. Sourced after lib.sh with PAJA, XRPLAY,
# MANIFEST and WORK set.

# xr_need_tools: skip (77) with the reason when something is missing.
xr_need_tools() {
    command -v xvfb-run >/dev/null 2>&1 || skip "xvfb-run not installed (tools/deps.sh installs xvfb)"
    [ -f "$MANIFEST" ] || skip "no xrsim manifest at $MANIFEST"
    [ -f /usr/share/openxr/1/api_layers/explicit.d/XrApiLayer_core_validation.x86_64-linux-gnu.json ] ||
        skip "the OpenXR core validation layer is not installed (openxr-layer-corevalidation)"
    unset SDL_VIDEODRIVER XR_LOADER_DEBUG
}

# xr_session NAME SCRIPT [PAJA_ARGS...]: one X session with paja --xr and
# the player playing SCRIPT (a file). Output under $WORK/NAME: paja.out,
# play.log, trace, rec/, eye dumps (XRSIM_DUMP_* from the caller's
# environment, written into that folder), val.txt (only when the validation
# layer said something). Sets prc (paja's exit status) and xrc (the
# player's). XR_RATE (default 10) is the headset's frame rate on its
# virtual clock; XR_VIEW (default 256x256) the eye size.
xr_session() {
    _n=$1 _s=$2
    shift 2
    D="$WORK/$_n"
    rm -rf "$D" && mkdir -p "$D"
    # The arguments, quoted for the inner script.
    _args=""
    for _a in "$@"; do _args="$_args '$_a'"; done
    cat >"$D/session.sh" <<INNER
#!/bin/sh
cd "$D"
SDL_VIDEODRIVER=x11 XR_RUNTIME_JSON="$MANIFEST" XRSIM_CLOCK=virtual XRSIM_RATE=${XR_RATE:-10} \\
  XRSIM_VIEW_SIZE=${XR_VIEW:-256x256} XRSIM_CONTROL="$D/ctl" XRSIM_DUMP_DIR="$D" PAJA_TEST_TRACE="$D/trace" \\
  XR_ENABLE_API_LAYERS=XR_APILAYER_LUNARG_core_validation XR_CORE_VALIDATION_EXPORT_TYPE=text \\
  XR_CORE_VALIDATION_FILE_NAME="$D/val.txt" \\
  "$PAJA" run --xr --records "$D/rec" --size 320x180 $_args >"$D/paja.out" 2>&1 &
pid=\$!
"$XRPLAY" "$D/trace" "$D/ctl" "$_s" >"$D/play.log" 2>&1
echo \$? >"$D/xrc"
i=0; while kill -0 \$pid 2>/dev/null && [ \$i -lt 300 ]; do sleep 0.1; i=\$((i + 1)); done
kill -0 \$pid 2>/dev/null && { kill \$pid; echo "paja did not quit" >>"$D/play.log"; }
wait \$pid; echo \$? >"$D/prc"
INNER
    chmod +x "$D/session.sh"
    xvfb-run -a -s "-screen 0 1024x768x24" "$D/session.sh"
    prc=$(cat "$D/prc" 2>/dev/null || echo none)
    xrc=$(cat "$D/xrc" 2>/dev/null || echo none)
}

# xr_show: the ends of the player's and paja's logs (after a failure).
xr_show() {
    sed 's/^/    xrplay: /' "$D/play.log" | tail -25
    sed 's/^/    paja: /' "$D/paja.out" | tail -15
}

# xr_check_common NAME: the player finished, paja exited 0 without the
# fallback line, the validation layer said nothing, one record that is
# closed and verifies, its device the headset's.
xr_check_common() {
    checks=$((checks + 5))
    [ "$xrc" = 0 ] || { fail "$1: the player failed (exit $xrc)"; xr_show; }
    [ "$prc" = 0 ] || fail "$1: paja exit $prc, expected 0"
    grep -q -- '--xr:' "$D/paja.out" && fail "$1: paja fell back to the desktop: $(grep -- '--xr:' "$D/paja.out")"
    if [ -s "$D/val.txt" ]; then
        fail "$1: the core validation layer reported:"
        show "" "$D/val.txt" 20
    fi
    rec=$(ls "$D/rec"/*.jsonl 2>/dev/null | head -1)
    if [ -z "$rec" ]; then
        fail "$1: no record"
        return
    fi
    "$PAJA" verify "$rec" >"$D/verify" 2>&1 || fail "$1: the record does not verify: $(cat "$D/verify")"
    contains "$D/verify" "closed" "$1: the record is closed"
    matches "$rec" '"device":"openxr: xrsim' "$1: the record's device"
}

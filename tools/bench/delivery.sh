#!/bin/sh
# Live delivery benchmark (issue 12 item 5): frame time of the EV scenario
# through `paja run`'s path with the delivery worker sending a backlog to an
# LRS, against the same without delivery, measured in the same run
# (bench_delivery; medians and the ratio, nothing asserted). The LRS is a
# local stand-in (Python's http.server answering 204 to every PUT), so the
# worker sends as fast as it can: the worst case for the frame loop. A real
# LRS is elsewhere on the network; this one shares the CPUs, which only
# makes the "with" figure worse.
#
#   tools/bench/delivery.sh [BENCH] [SOURCE_DIR] [FRAMES] [RUNS] [WxH]
#   (defaults: build/release/tests/e2e/bench_delivery, ., 60, 5, 1280x720)
set -eu
BENCH=${1:-build/release/tests/e2e/bench_delivery}
SRC=${2:-.}
FRAMES=${3:-60}
RUNS=${4:-5}
SIZE=${5:-1280x720}
[ -x "$BENCH" ] || { echo "delivery.sh: no '$BENCH' (build it: make build)" >&2; exit 2; }
export SDL_VIDEODRIVER=offscreen LIBGL_ALWAYS_SOFTWARE=1 PAJA_LOG=error
export GLIBC_TUNABLES=glibc.malloc.trim_threshold=4294967295:glibc.malloc.top_pad=268435456
unset DISPLAY WAYLAND_DISPLAY
tmp=$(mktemp -d)
LRS_PID=
trap '[ -n "$LRS_PID" ] && kill "$LRS_PID" 2>/dev/null; rm -rf "$tmp"' EXIT
export MESA_SHADER_CACHE_DIR="$tmp/shader-cache"

cat >"$tmp/lrs.py" <<'PY'
import http.server, socketserver, sys
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_PUT(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *a):
        pass
s = socketserver.ThreadingTCPServer(("127.0.0.1", 0), H)
print(s.server_address[1], flush=True)
s.serve_forever()
PY
/usr/bin/python3 "$tmp/lrs.py" >"$tmp/port" 2>"$tmp/lrs.err" &
LRS_PID=$!
i=0
until [ -s "$tmp/port" ]; do i=$((i + 1)); [ $i -lt 100 ] || { echo "no LRS stand-in" >&2; exit 1; }; sleep 0.1; done
URL="http://127.0.0.1:$(cat "$tmp/port")/xAPI"
"$BENCH" --lrs "$URL" --frames "$FRAMES" --runs "$RUNS" --size "$SIZE" --records "$tmp/records" --outbox "$tmp/outbox" "$SRC" \
    2>"$tmp/err" || { tail -20 "$tmp/err" >&2; exit 1; }

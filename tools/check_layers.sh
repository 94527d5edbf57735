#!/bin/sh
# Second guard of the module table (DESIGN.md §3), run as a ctest: the
# CPU-only modules must never include SDL, OpenGL/GLEW/EGL or OpenXR headers,
# and no module may reach into another's folder with a relative include.
# (The build is the first guard: a module only sees the include directories
# of the modules it may use. GL and OpenXR headers live in /usr/include,
# where include directories cannot hide them, hence this check.)
# Usage: tools/check_layers.sh [SOURCE_ROOT]
set -u
root=${1:-$(dirname "$0")/..}
status=0
for m in core asset scene scenario interact record review ui; do
    dir="$root/engine/$m"
    [ -d "$dir" ] || continue
    hits=$(grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](SDL|GL/|GLES|EGL/|KHR/|openxr/|glew)' "$dir" 2>/dev/null)
    if [ -n "$hits" ]; then
        echo "engine/$m is CPU-only but includes window, GL or OpenXR headers:"
        echo "$hits" | sed 's/^/  /'
        status=1
    fi
done
hits=$(grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"\.\./' "$root/engine" 2>/dev/null)
if [ -n "$hits" ]; then
    echo "relative includes reach around the module table; link the module instead:"
    echo "$hits" | sed 's/^/  /'
    status=1
fi
[ $status -eq 0 ] && echo "layers: CPU-only modules include no SDL, GL or OpenXR headers"
exit $status

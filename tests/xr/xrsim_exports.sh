#!/bin/sh
# The runtime library exports only the loader's negotiation function, does not
# link the OpenXR loader, and its generated manifest names it next to itself.
# Usage: xrsim_exports.sh LIBXRSIM MANIFEST
set -u
LIB=$1
MANIFEST=$2
. "$(dirname "$0")/../e2e/lib.sh"
command -v nm >/dev/null 2>&1 || skip "nm not installed (binutils)"
syms=$(nm -D --defined-only "$LIB" | awk '{ print $3 }')
[ "$syms" = xrNegotiateLoaderRuntimeInterface ] || fail "exported symbols are not just the negotiation function: $syms"
checks=$((checks + 1))
if ldd "$LIB" | grep -q openxr_loader; then fail "libxrsim links the OpenXR loader"; fi
checks=$((checks + 1))
grep -q '"library_path": "./libxrsim.so"' "$MANIFEST" || fail "manifest does not name ./libxrsim.so"
checks=$((checks + 1))
[ "$(dirname "$LIB")" = "$(dirname "$MANIFEST")" ] || fail "manifest is not next to the library"
checks=$((checks + 1))
finish xrsim_exports

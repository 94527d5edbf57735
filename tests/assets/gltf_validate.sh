#!/bin/sh
# Runs the Khronos glTF-Validator (npm gltf-validator@2.0.0-dev.3.10,
# installed by tools/deps-npm.sh) over every model committed under assets/
# and fails on any error; warnings and infos are printed, not fatal.
# The format is forced from the extension so a damaged file gets a report
# rather than "could not detect glTF format" (reference/gltf.md §5).
# Exit 77 (ctest: skipped) with a message when node or the package is missing.
#
#   gltf_validate.sh SOURCE_DIR
set -u
SRC=$1
NPM_DIR=${PAJA_NPM_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/paja/npm}
if ! command -v node >/dev/null 2>&1; then
    echo "SKIP: node is not installed (tools/deps-npm.sh needs nodejs and npm)"
    exit 77
fi
if [ ! -f "$NPM_DIR/node_modules/gltf-validator/package.json" ]; then
    echo "SKIP: gltf-validator is not in $NPM_DIR (run tools/deps-npm.sh)"
    exit 77
fi
export NODE_PATH="$NPM_DIR/node_modules"
fail=0 n=0
for f in "$SRC"/assets/*.glb "$SRC"/assets/*.gltf; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    node -e '
const fs = require("fs"), p = require("path"), f = process.argv[1], e = p.extname(f).toLowerCase();
require("gltf-validator").validateBytes(new Uint8Array(fs.readFileSync(f)), {
    uri: f, format: e === ".glb" ? "glb" : "gltf", writeTimestamp: false, maxIssues: 0,
    externalResourceFunction: (u) => fs.promises.readFile(p.resolve(p.dirname(f), decodeURIComponent(u)))
        .then((b) => new Uint8Array(b)),
}).then((r) => {
    const i = r.issues;
    console.log(`${p.basename(f)}: ${i.numErrors} errors, ${i.numWarnings} warnings, ${i.numInfos} infos, ${i.numHints} hints`);
    i.messages.filter((m) => m.severity <= 1)
        .forEach((m) => console.log(`  ${m.severity === 0 ? "error" : "warning"} ${m.code} ${m.pointer || ""}: ${m.message}`));
    process.exit(i.numErrors ? 1 : 0);
}, (err) => { console.log(`${f}: validator failed: ${err}`); process.exit(1); });' "$f" || fail=1
done
[ "$n" -gt 0 ] || { echo "FAIL: no models under $SRC/assets"; exit 1; }
exit "$fail"

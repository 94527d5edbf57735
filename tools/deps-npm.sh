#!/bin/sh
# Installs the npm packages paja's record and asset tests use (DESIGN.md §2, §8):
#   @learninglocker/xapi-validation@3.0.0  validates every exported statement
#   xapi-statements@5.0.1                  a real LRS, run on 127.0.0.1 only
#   gltf-validator@2.0.0-dev.3.10          the Khronos glTF-Validator (assets/)
# into PAJA_NPM_DIR (default ~/.cache/paja/npm), outside the source tree.
# Installs Debian's nodejs and npm first when they are missing (root or
# sudo), then needs the npm registry.
# Idempotent: nothing is fetched when both are present.
#
#   tools/deps-npm.sh            install what is missing
#   tools/deps-npm.sh --check    exit 1 if something is missing
set -eu
DIR=${PAJA_NPM_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/paja/npm}
present() {
    [ -f "$DIR/node_modules/@learninglocker/xapi-validation/package.json" ] &&
        [ -f "$DIR/node_modules/xapi-statements/dist/index.js" ] &&
        [ -f "$DIR/node_modules/gltf-validator/package.json" ]
}
if present; then
    echo "deps-npm: npm test packages present in $DIR"
    exit 0
fi
if [ "${1:-}" = "--check" ]; then
    echo "deps-npm: missing npm test packages in $DIR"
    exit 1
fi
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
    # Debian 12's nodejs (18) and npm run both packages.
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
        echo "deps-npm: node and npm are needed (apt-get install nodejs npm); the xAPI and glTF-Validator tests will be skipped" >&2
        exit 2
    fi
    echo "deps-npm: installing nodejs npm"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -q
    $SUDO apt-get install -y -q --no-install-recommends nodejs npm
fi
mkdir -p "$DIR"
cd "$DIR"
[ -f package.json ] || printf '{"name":"paja-test-npm","private":true}\n' >package.json
# --ignore-scripts: no package needs install scripts, and none should run.
npm install --ignore-scripts --no-audit --no-fund --loglevel=error \
    @learninglocker/xapi-validation@3.0.0 xapi-statements@5.0.1 gltf-validator@2.0.0-dev.3.10
present && echo "deps-npm: installed into $DIR"

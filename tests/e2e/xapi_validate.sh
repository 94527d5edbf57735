#!/bin/sh
# Validates every statement `paja xapi` exports with the npm package
# @learninglocker/xapi-validation@3.0.0 (installed by tools/deps-npm.sh),
# plus the provider-side rules the validator does not check (no "version",
# timestamps in UTC with milliseconds, unique ids, and the statement pattern
# per registration: initialized, …, passed|failed, terminated). A deliberately broken
# statement must be refused, so the check itself is known to work.
# Exit 77 (ctest: skipped) with a message when node or the package is missing.
#
#   xapi_validate.sh PAJA BENCH_RECORD WORKDIR
set -u
PAJA=$1 GEN=$2 WORK=$3
. "$(dirname "$0")/lib.sh"
NPM_DIR=${PAJA_NPM_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/paja/npm}
command -v node >/dev/null 2>&1 || skip "node is not installed (tools/deps-npm.sh needs nodejs and npm)"
[ -f "$NPM_DIR/node_modules/@learninglocker/xapi-validation/package.json" ] ||
    skip "@learninglocker/xapi-validation is not in $NPM_DIR (run tools/deps-npm.sh)"
rm -rf "$WORK" && mkdir -p "$WORK"
# Sealed with an Ed25519 key and exported with its public key: only then do
# statements carry results (passed/failed, scores) to validate.
"$PAJA" key new -o "$WORK/seal.key" >/dev/null || die "paja key new"
"$GEN" gen "$WORK/class" 4 3 "$WORK/seal.key" || die "generator"
"$PAJA" xapi "$WORK/class" -o "$WORK/statements.json" --key "$WORK/seal.pub" || die "paja xapi"
grep -q '"score"' "$WORK/statements.json" || die "no statement with a score to validate"

cat >"$WORK/validate.js" <<'JS'
const validate = require("@learninglocker/xapi-validation").default;
const file = process.argv[2], expectBad = process.argv[3] === "--expect-invalid";
const all = JSON.parse(require("fs").readFileSync(file, "utf8"));
let problems = 0;
const ids = new Set();
const ts = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
all.forEach((s, i) => {
    const say = (what) => { problems++; console.log(`statement ${i} (${s.verb && s.verb.id}): ${what}`); };
    validate(s).forEach((w) => say(`${w.constructor.name} ${w.path.join(".")} ${JSON.stringify(w.data)} ${w.typeName || ""}`));
    if ("version" in s) say("has a version (provider must leave it out)");
    if (!ts.test(s.timestamp)) say(`timestamp ${s.timestamp} is not UTC with milliseconds`);
    if (ids.has(s.id)) say(`duplicate id ${s.id}`);
    ids.add(s.id);
});
// The statement pattern per registration (reference xapi.md §3, cmi5 §9):
// initialized first; then steps, tools, violations, hints; at most one
// passed or failed; terminated last when the session ended.
const byReg = new Map();
all.forEach((s) => {
    const r = s.context.registration;
    if (!byReg.has(r)) byReg.set(r, []);
    byReg.get(r).push(s.verb.id.split("/").pop());
});
for (const [reg, verbs] of byReg) {
    const bad = (what) => { problems++; console.log(`registration ${reg}: ${what} (${verbs.join(" ")})`); };
    if (verbs[0] !== "initialized") bad("does not start with initialized");
    if (verbs.filter((v) => v === "initialized").length !== 1) bad("initialized more than once");
    const outcome = verbs.filter((v) => v === "passed" || v === "failed");
    if (outcome.length > 1) bad("more than one passed/failed");
    const t = verbs.indexOf("terminated");
    if (t >= 0 && t !== verbs.length - 1) bad("terminated is not last");
    if (outcome.length && verbs.indexOf(outcome[0]) !== verbs.length - 2) bad("passed/failed is not just before terminated");
}
console.log(`${all.length} statements, ${byReg.size} registrations, ${problems} problem(s)`);
if (expectBad) process.exit(problems ? 0 : 1);
process.exit(problems || all.length === 0 ? 1 : 0);
JS
export NODE_PATH="$NPM_DIR/node_modules"
node "$WORK/validate.js" "$WORK/statements.json" || die "statements are not valid xAPI 1.0.3"
# Control: a scaled score out of range and a timestamp without a zone.
node -e '
const a = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const p = a.find((s) => s.result && s.result.score);
p.result.score.scaled = 1.7; a[0].timestamp = "2026-03-14T09:00:00";
require("fs").writeFileSync(process.argv[2], JSON.stringify(a));' "$WORK/statements.json" "$WORK/broken.json"
node "$WORK/validate.js" "$WORK/broken.json" --expect-invalid >"$WORK/broken.out" ||
    { fail "the validator accepted a broken statement"; cat "$WORK/broken.out"; exit 1; }
echo "xapi_validate: all statements valid; broken control refused"

# A real LRS for end-to-end tests: npm xapi-statements@5.0.1 with in-memory
# storage on 127.0.0.1 only (tools/deps-npm.sh installs it). Sourced after
# lib.sh, with WORK set; skips (exit 77) when node or the package is missing.
# Used by xapi_lrs.sh and live_delivery.sh.
#
#   lrs_setup                      checks node and the package, picks a port: $URL
#   start_lrs LOGDIR               starts it (access log in LOGDIR), waits until it answers
#   stop_lrs                       kills it (its in-memory statements go with it)
#   lrs_ids_stored LOGDIR          ids the LRS answered 2xx to a PUT for, one a line
#   node "$WORK/lrs.js" count|ids|verbs|compare|compare-exact "$URL" [FILE]
#                                  reads the statements back; compare-exact
#                                  also holds record-integrity and sealed-by
NPM_DIR=${PAJA_NPM_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/paja/npm}
LRS_JS="$NPM_DIR/node_modules/xapi-statements/dist/index.js"
LRS_PID=

lrs_setup() {
    command -v node >/dev/null 2>&1 || skip "node is not installed (tools/deps-npm.sh needs nodejs and npm)"
    [ -f "$LRS_JS" ] || skip "xapi-statements is not in $NPM_DIR (run tools/deps-npm.sh)"
    # The server calls listen(port) without a host; this preload makes every
    # listen in the process bind 127.0.0.1 (reference xapi.md §6).
    cat >"$WORK/loopback-only.js" <<'JS'
const net = require("net");
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
    if (typeof args[0] === "number" || (typeof args[0] === "string" && /^\d+$/.test(args[0]))) {
        if (typeof args[1] === "string") args[1] = "127.0.0.1";
        else args.splice(1, 0, "127.0.0.1");
    } else if (args[0] && typeof args[0] === "object" && "port" in args[0]) {
        args[0] = Object.assign({}, args[0], { host: "127.0.0.1" });
    }
    return listen.apply(this, args);
};
JS
    cat >"$WORK/lrs.js" <<'JS'
const [cmd, base, file] = process.argv.slice(2);
const H = { "X-Experience-API-Version": "1.0.3", Authorization: "Basic " + Buffer.from("paja:test").toString("base64") };
async function all() {
    let out = [], url = base + "/statements?limit=100";
    const root = new URL(base).origin;
    while (url) {
        const r = await fetch(url, { headers: H });
        if (r.status !== 200) throw new Error(`GET ${url}: HTTP ${r.status}`);
        const j = await r.json();
        out = out.concat(j.statements);
        url = j.more ? root + j.more : null;
    }
    return out;
}
(async () => {
    if (cmd === "about") {
        const r = await fetch(base + "/about");
        process.exit(r.status === 200 ? 0 : 1);
    }
    const got = await all();
    if (cmd === "count") { console.log(got.length); return; }
    if (cmd === "verbs") { for (const s of got) console.log(s.verb.id); return; }
    const byId = new Map();
    for (const s of got) {
        if (byId.has(s.id)) throw new Error(`statement ${s.id} stored twice`);
        byId.set(s.id, s);
    }
    if (cmd === "ids") { for (const id of byId.keys()) console.log(id); return; }
    // compare: every statement in FILE that the LRS holds is stored once,
    // equal in what the LRS may not change; FILE lists what it must hold.
    const want = JSON.parse(require("fs").readFileSync(file, "utf8"));
    // record-integrity and sealed-by are the record's state when the
    // statement was mapped: live delivery maps a step while the record is
    // still open ("unsealed", no seal yet), a later export of the sealed
    // record says "verified" and names the key (same id; the LRS keeps the
    // first, docs/xapi-mapping.md).
    // compare-exact (a record exported once, not live) holds them too.
    const ext = (e) => Object.fromEntries(Object.entries(e || {}).filter(([k]) => cmd === "compare-exact" ||
        (!k.endsWith("/record-integrity") && !k.endsWith("/sealed-by"))));
    const pick = (s) => JSON.stringify([s.id, s.actor.account, s.verb.id, s.object.id, s.result || null,
        s.context.registration, ext(s.context.extensions), Date.parse(s.timestamp)]);
    for (const w of want) {
        const g = byId.get(w.id);
        if (!g) throw new Error(`statement ${w.id} (${w.verb.id}) is missing from the LRS`);
        if (pick(g) !== pick(w)) throw new Error(`statement ${w.id} differs:\n  sent ${pick(w)}\n  read ${pick(g)}`);
    }
    if (got.length !== want.length) throw new Error(`LRS holds ${got.length} statements, ${want.length} expected`);
    console.log(`${got.length} statements read back, all equal to what was sent`);
})().catch((e) => { console.log(e.message); process.exit(1); });
JS
    PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
    URL="http://127.0.0.1:$PORT/xAPI"
}

start_lrs() {
    mkdir -p "$1"
    EXPRESS_PORT=$PORT MODELS_REPO=memory STORAGE_REPO=memory AUTH_REPO=test EVENTS_REPO=test \
    SERVICE_AWAIT_UPDATES=true EXPRESS_MORGAN_DIRECTORY="$1" WINSTON_CONSOLE_LEVEL=warning \
        node -r "$WORK/loopback-only.js" "$LRS_JS" >>"$WORK/lrs.out" 2>&1 &
    LRS_PID=$!
    _i=0
    until node "$WORK/lrs.js" about "$URL" >/dev/null 2>&1; do
        _i=$((_i + 1))
        [ $_i -lt 300 ] || { cat "$WORK/lrs.out"; die "the LRS did not start"; }
        sleep 0.1
    done
}

stop_lrs() {
    [ -n "$LRS_PID" ] || return 0
    kill "$LRS_PID"
    wait "$LRS_PID" 2>/dev/null
    LRS_PID=
}

# The access log says, per request, the statement id and the status.
lrs_ids_stored() {
    cat "$1"/* 2>/dev/null | sed -n 's/^PUT [^ ]*statementId=\([0-9a-f-]*\) .* 2[0-9][0-9]$/\1/p' | sort -u
}

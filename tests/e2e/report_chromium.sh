#!/bin/sh
# Opens the teacher's report in headless Debian chromium: takes a screenshot
# (kept as a test artifact in WORKDIR/report.png, the Swedish one in
# WORKDIR/report-sv.png) and checks the page's
# content through the DOM chromium built from it: trainee names, results and
# integrity marks, one article per session, and that the page asked for
# nothing outside itself. Exit 77 (ctest: skipped) without chromium.
#
#   report_chromium.sh PAJA BENCH_RECORD PNG_STATS WORKDIR
set -u
PAJA=$1 GEN=$2 PNG_STATS=$3 WORK=$4
. "$(dirname "$0")/lib.sh"
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
[ -n "$CHROMIUM" ] || skip "chromium is not installed (apt-get install chromium)"
rm -rf "$WORK" && mkdir -p "$WORK"
head -c 32 /dev/urandom >"$WORK/key"
"$GEN" gen "$WORK/class" 4 2 "$WORK/key" || die "generator"
# One record altered, so every integrity mark appears.
f=$(ls "$WORK"/class/*.jsonl | tail -n 1)
awk '!done && /"type":"grab"/ { sub(/"hand":1/, "\"hand\":0"); sub(/"type":"grab"/, "\"type\":\"release\""); done = 1 } { print }' \
    "$f" >"$WORK/x" && mv "$WORK/x" "$f"
"$PAJA" report "$WORK/class" -o "$WORK/report.html" --lang fi --key "$WORK/key" 2>"$WORK/report.err"
[ $? -eq 1 ] || { cat "$WORK/report.err"; die "paja report should exit 1 (one record altered)"; }

"$PAJA" report "$WORK/class" -o "$WORK/report-sv.html" --lang sv --key "$WORK/key" 2>"$WORK/report-sv.err"
[ $? -eq 1 ] || { cat "$WORK/report-sv.err"; die "paja report --lang sv should exit 1 (one record altered)"; }

# run_chromium PAGE OPTION...: PAGE is report or report-sv.
run_chromium() {
    page=$1
    shift
    # --no-sandbox: CI containers run as root; the page is our own file.
    timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
        --user-data-dir="$WORK/profile" "$@" "file://$WORK/$page.html"
}
run_chromium report --window-size=1280,2000 --screenshot="$WORK/report.png" >"$WORK/shot.log" 2>&1 ||
    { tail -5 "$WORK/shot.log"; die "chromium screenshot"; }
stats=$("$PNG_STATS" "$WORK/report.png") || die "no screenshot"
echo "screenshot: $WORK/report.png ($stats)"
case "$stats" in 1280x2000\ *) ;; *) die "screenshot size: $stats" ;; esac
colours=${stats#* }
[ "$colours" -gt 20 ] || die "the screenshot looks blank ($colours colours)"

run_chromium report --dump-dom >"$WORK/dom.html" 2>"$WORK/dom.log" || die "chromium --dump-dom"
for t in aino-01 eetu-02 helmi-03 ilmari-04 Hyväksytty Varmennettu MUUTETTU Sinetöimätön \
    "Missä ryhmä kompastelee" "Mittauslukemat" "Aikajana"; do
    grep -q "$t" "$WORK/dom.html" || die "'$t' is not in the page"
done
articles=$(grep -o '<article' "$WORK/dom.html" | wc -l)
[ "$articles" -eq 8 ] || die "$articles session views, wanted 8"
rows=$(grep -o '<tr><td><a href="#s' "$WORK/dom.html" | wc -l)
[ "$rows" -eq 8 ] || die "$rows rows in the class matrix, wanted 8"
grep -q 'class="i-altered"' "$WORK/dom.html" || die "no altered mark"
# Self-contained: chromium logged no request for anything else.
grep -qi 'net::ERR\|Failed to load' "$WORK/dom.log" "$WORK/shot.log" && die "the page tried to load something"

# The Swedish page: a screenshot of its own and its words in the DOM.
run_chromium report-sv --window-size=1280,2000 --screenshot="$WORK/report-sv.png" >"$WORK/shot-sv.log" 2>&1 ||
    { tail -5 "$WORK/shot-sv.log"; die "chromium screenshot (sv)"; }
stats=$("$PNG_STATS" "$WORK/report-sv.png") || die "no Swedish screenshot"
echo "screenshot: $WORK/report-sv.png ($stats)"
colours=${stats#* }
[ "$colours" -gt 20 ] || die "the Swedish screenshot looks blank ($colours colours)"
run_chromium report-sv --dump-dom >"$WORK/dom-sv.html" 2>"$WORK/dom-sv.log" || die "chromium --dump-dom (sv)"
for t in aino-01 Godkänd Verifierad ÄNDRAD Oförseglad "Var gruppen har svårigheter" Mätvärden Tidslinje \
    Studerande Poäng; do
    grep -q "$t" "$WORK/dom-sv.html" || die "'$t' is not in the Swedish page"
done
grep -q 'Hyväksytty\|Varmennettu\|Missä ryhmä\|Passed\|Verified\|Where the class' "$WORK/dom-sv.html" &&
    die "the Swedish page still has Finnish or English words"
[ "$(grep -o '<article' "$WORK/dom-sv.html" | wc -l)" -eq 8 ] || die "the Swedish page lacks session views"
grep -qi 'net::ERR\|Failed to load' "$WORK/dom-sv.log" "$WORK/shot-sv.log" && die "the Swedish page tried to load something"
echo "report_chromium: page rendered and checked ($articles sessions), in Finnish and Swedish"

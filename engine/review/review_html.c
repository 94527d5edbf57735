/* review_html.c — the teacher's report as one self-contained HTML file:
 * inline CSS, inline SVG, no scripts and no network, so it opens from a
 * USB stick in any browser. Finnish and English text (see TEXT below).
 *
 * Two views: the class (trainee × step matrix, where the class struggles)
 * and one article per session (result and why, timeline, step times against
 * the class median, tool readings). Every record carries its integrity mark. */
#include "review.h"

#include <stdio.h>
#include <string.h>

enum txt {
    T_TITLE, T_RECORDS, T_CLASS, T_TRAINEE, T_ATTEMPT, T_RESULT, T_SCORE, T_INTEGRITY, T_LEGEND, T_STRUGGLE,
    T_STEP, T_REACHED, T_COMPLETED, T_WITH_ERRORS, T_ERRORS, T_CRITICAL, T_MEDIAN, T_SESSIONS, T_SCENARIO,
    T_MODE, T_START, T_DURATION, T_WHY, T_TIMELINE, T_STEP_TIMES, T_TIME, T_CLASS_MEDIAN, T_READINGS,
    T_INSTRUMENT, T_POINT, T_VALUE, T_NO_READINGS, T_UNREADABLE, T_GENERATED, T_PASSED, T_FAILED,
    T_INCOMPLETE, T_VERIFIED, T_SEALED, T_CLOSED, T_UNSEALED, T_ALTERED, T_VIOLATIONS, T_NO_VIOLATIONS,
    T_HINTS, T_MARK_OK, T_MARK_ERR, T_MARK_CRIT, T_MARK_OPEN, T_MARK_NONE, T_SEVERITY_MINOR,
    T_SEVERITY_MAJOR, T_SEVERITY_CRITICAL, T_NOT_FINISHED, T_FILE, T_WAITS, T_UNTRUSTED, T_NO_KEY,
    T_SEALED_BY, T_SCENARIO_DIFFERS, T_SCENARIO_SAME, T_RELOADS, T_CHANGES, T_COUNT
};

/* [fi, en] */
static const char *const TEXT[T_COUNT][2] = {
    [T_TITLE] = {"Paja – harjoitusraportti", "Paja – training report"},
    [T_RECORDS] = {"tallennetta", "records"},
    [T_CLASS] = {"Ryhmä", "Class"},
    [T_TRAINEE] = {"Harjoittelija", "Trainee"},
    [T_ATTEMPT] = {"Yritys", "Attempt"},
    [T_RESULT] = {"Tulos", "Result"},
    [T_SCORE] = {"Pisteet", "Score"},
    [T_INTEGRITY] = {"Eheys", "Integrity"},
    [T_LEGEND] = {"Merkit", "Marks"},
    [T_STRUGGLE] = {"Missä ryhmä kompastelee", "Where the class struggles"},
    [T_STEP] = {"Vaihe", "Step"},
    [T_REACHED] = {"Aloitettu", "Reached"},
    [T_COMPLETED] = {"Suoritettu", "Completed"},
    [T_WITH_ERRORS] = {"Virheellisiä suorituksia", "Sessions with errors"},
    [T_ERRORS] = {"Virheet", "Errors"},
    [T_CRITICAL] = {"Kriittiset", "Critical"},
    [T_MEDIAN] = {"Mediaaniaika", "Median time"},
    [T_SESSIONS] = {"Harjoituskerrat", "Sessions"},
    [T_SCENARIO] = {"Harjoitus", "Scenario"},
    [T_MODE] = {"Tila", "Mode"},
    [T_START] = {"Alkoi (UTC)", "Started (UTC)"},
    [T_DURATION] = {"Kesto", "Duration"},
    [T_WHY] = {"Miksi", "Why"},
    [T_TIMELINE] = {"Aikajana", "Timeline"},
    [T_STEP_TIMES] = {"Vaiheiden kestot", "Step durations"},
    [T_TIME] = {"Aika", "Time"},
    [T_CLASS_MEDIAN] = {"Ryhmän mediaani", "Class median"},
    [T_READINGS] = {"Mittauslukemat", "Tool readings"},
    [T_INSTRUMENT] = {"Mittari", "Instrument"},
    [T_POINT] = {"Mittauskohta", "Point"},
    [T_VALUE] = {"Lukema", "Value"},
    [T_NO_READINGS] = {"Ei mittauksia.", "No readings."},
    [T_UNREADABLE] = {"Lukukelvottomat tiedostot", "Unreadable files"},
    [T_GENERATED] = {"Luotu", "Generated"},
    [T_PASSED] = {"Hyväksytty", "Passed"},
    [T_FAILED] = {"Hylätty", "Failed"},
    [T_INCOMPLETE] = {"Kesken", "Incomplete"},
    [T_VERIFIED] = {"Varmennettu", "Verified"},
    [T_SEALED] = {"Sinetöity (sinettiä ei tarkistettu)", "Sealed (seal not checked)"},
    [T_CLOSED] = {"Suljettu ilman avainta", "Closed without a key"},
    [T_UNSEALED] = {"Sinetöimätön (istunto keskeytyi)", "Unsealed (session cut short)"},
    [T_ALTERED] = {"MUUTETTU", "ALTERED"},
    [T_VIOLATIONS] = {"Sääntörikkeet", "Violations"},
    [T_NO_VIOLATIONS] = {"Ei sääntörikkeitä.", "No violations."},
    [T_HINTS] = {"Vihjeet", "Hints"},
    [T_WAITS] = {"Odotuksia ohitettu T-näppäimellä", "Waits skipped with T"},
    [T_MARK_OK] = {"suoritettu ilman virheitä", "completed without errors"},
    [T_MARK_ERR] = {"suoritettu, virheitä", "completed with errors"},
    [T_MARK_CRIT] = {"kriittinen rike", "critical violation"},
    [T_MARK_OPEN] = {"aloitettu, ei suoritettu", "started, not completed"},
    [T_MARK_NONE] = {"ei aloitettu", "not reached"},
    [T_SEVERITY_MINOR] = {"vähäinen", "minor"},
    [T_SEVERITY_MAJOR] = {"merkittävä", "major"},
    [T_SEVERITY_CRITICAL] = {"kriittinen", "critical"},
    [T_FILE] = {"Tiedosto", "File"},
    [T_NOT_FINISHED] = {"Istunto päättyi ennen tulosta.", "The session ended before a result."},
    /* Trust (issue 12): with a key, a result counts only from a record the
     * key verified; without one, nothing in the report is proven. */
    [T_UNTRUSTED] = {"Ei luotettava", "Not trustworthy"},
    [T_NO_KEY] = {"Tallenteiden sinettejä ei tarkistettu (ei avainta: --key tai records.public_key), joten mikään "
                  "tulos ei ole todistettu: muokatun tallenteen tiivisteketjun voi laskea uudelleen.",
                  "The records' seals were not checked (no key: --key or records.public_key), so no result here is "
                  "proven: an edited record's hash chain can be recomputed."},
    [T_SEALED_BY] = {"sinetöinyt avain", "sealed by key"},
    [T_SCENARIO_DIFFERS] = {"ERI HARJOITUS kuin tarkistettu", "DIFFERENT SCENARIO from the one checked"},
    [T_SCENARIO_SAME] = {"sama harjoitus kuin tarkistettu", "same scenario as the one checked"},
    [T_RELOADS] = {"Harjoitus ladattiin uudelleen kesken istunnon", "Scenario reloaded during the session"},
    [T_CHANGES] = {"Harjoitustiedostoa muutettiin kesken istunnon (muutosta ei otettu käyttöön)",
                   "Scenario file changed during the session (the change was not applied)"},
};

static const char *tx(enum review_lang l, enum txt t)
{
    return TEXT[t][l == REVIEW_LANG_FI ? 0 : 1];
}

static const char CSS[] =
    "body{font:15px/1.45 system-ui,'DejaVu Sans',sans-serif;margin:0 auto;max-width:1100px;padding:1em;color:#1d232a}"
    "h1{font-size:1.6em}h2{border-bottom:2px solid #2a6f97;padding-bottom:.2em;margin-top:2em}"
    "table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #c9d1d9;padding:.25em .5em;text-align:left}"
    "th{background:#eef3f7}td.num{text-align:right}"
    ".m{text-align:center;font-weight:bold;width:2.2em}.m a{text-decoration:none;color:inherit;display:block}"
    ".ok{background:#d8f3dc;color:#1b5e20}.err{background:#ffe8b3;color:#7a4a00}"
    ".crit{background:#ffccd0;color:#8b0000}.open{background:#e5e7eb;color:#374151}.none{color:#9ca3af}"
    ".i-verified{color:#1b5e20}.i-sealed,.i-closed{color:#2a6f97}.i-unsealed{color:#7a4a00}"
    ".i-altered{color:#fff;background:#b00020;padding:0 .3em}"
    ".untrusted{color:#fff;background:#b00020;font-weight:bold}.nokey{border:2px solid #b00020;padding:.5em}"
    ".passed{color:#1b5e20;font-weight:bold}.failed{color:#b00020;font-weight:bold}.incomplete{color:#7a4a00;font-weight:bold}"
    "article{border:1px solid #c9d1d9;border-radius:6px;padding:.5em 1em;margin:1em 0;page-break-inside:avoid}"
    "dl{display:grid;grid-template-columns:max-content auto;gap:.1em 1em}dt{font-weight:bold}dd{margin:0}"
    "svg text{font:11px system-ui,'DejaVu Sans',sans-serif}.slow{color:#b00020}"
    "@media print{a{color:inherit}}";

static void esc(struct str_buf *o, const char *s)
{
    review_html_escape(o, s ? s : "");
}

static const char *result_class(const char *r)
{
    if (r && !strcmp(r, "passed")) return "passed";
    if (r && !strcmp(r, "failed")) return "failed";
    return "incomplete";
}

static void result_text(struct str_buf *o, enum review_lang l, const char *r)
{
    if (r && !strcmp(r, "passed")) str_buf_puts(o, tx(l, T_PASSED));
    else if (r && !strcmp(r, "failed")) str_buf_puts(o, tx(l, T_FAILED));
    else if (!r || !strcmp(r, "incomplete")) str_buf_puts(o, tx(l, T_INCOMPLETE));
    else esc(o, r);
}

static void integrity_mark(struct str_buf *o, enum review_lang l, const struct rec_check *c)
{
    static const enum txt T[] = {T_VERIFIED, T_SEALED, T_CLOSED, T_UNSEALED, T_ALTERED};
    str_buf_printf(o, "<span class=\"i-%s\" title=\"", rec_integrity_name(c->integrity));
    esc(o, c->finding[0] ? c->finding : c->note);
    str_buf_printf(o, "\">%s", tx(l, T[c->integrity]));
    if (c->integrity == REC_INTEGRITY_ALTERED && c->finding_line) str_buf_printf(o, " (%zu)", c->finding_line);
    str_buf_puts(o, "</span>");
    if (c->sealed_by[0]) {
        str_buf_printf(o, " <small>%s ", tx(l, T_SEALED_BY));
        esc(o, c->sealed_by);
        str_buf_puts(o, "</small>");
    }
}

/* The result cell: the result, or with a key given and the record not
 * verified, "not trustworthy" and why (nothing a forger could pass off). */
static void result_cell(struct str_buf *o, enum review_lang l, const struct review_class *c,
                        const struct review_session *s, const char *tag)
{
    const struct rec_summary *sum = &s->rec.summary;
    if (!review_result_counts(c, s)) {
        str_buf_printf(o, "<%s class=\"untrusted\" title=\"", tag);
        esc(o, s->rec.check.finding[0] ? s->rec.check.finding : s->rec.check.note);
        str_buf_printf(o, "\">%s</%s>", tx(l, T_UNTRUSTED), tag);
        return;
    }
    str_buf_printf(o, "<%s class=\"%s\">", tag, result_class(sum->result));
    result_text(o, l, sum->result);
    str_buf_printf(o, "</%s>", tag);
}

/* Marks beside the integrity: a different scenario, reloads, changes. */
static void scenario_marks(struct str_buf *o, enum review_lang l, const struct review_session *s)
{
    if (s->scenario_match < 0) {
        str_buf_puts(o, " <span class=\"i-altered\" title=\"");
        esc(o, s->scenario_note);
        str_buf_printf(o, "\">%s</span>", tx(l, T_SCENARIO_DIFFERS));
    }
    if (s->reloads) str_buf_printf(o, " <span class=\"i-unsealed\" title=\"%s\">↻%d</span>", tx(l, T_RELOADS), s->reloads);
    if (s->scenario_changes)
        str_buf_printf(o, " <span class=\"i-unsealed\" title=\"%s\">✎%d</span>", tx(l, T_CHANGES), s->scenario_changes);
}

static const char *mark_class(enum review_mark m)
{
    static const char *const C[] = {"none", "ok", "err", "crit", "open"};
    return C[m];
}

static const char *mark_glyph(enum review_mark m)
{
    static const char *const G[] = {"–", "✓", "!", "✗", "…"};
    return G[m];
}

static void class_view(const struct review_class *c, enum review_lang l, struct str_buf *o)
{
    char d[32];
    str_buf_printf(o, "<section id=\"class\"><h2>%s</h2>\n<table class=\"matrix\"><tr><th>%s</th><th>%s</th><th>%s</th>"
                      "<th>%s</th><th>%s</th>",
                   tx(l, T_CLASS), tx(l, T_TRAINEE), tx(l, T_ATTEMPT), tx(l, T_RESULT), tx(l, T_SCORE),
                   tx(l, T_INTEGRITY));
    for (size_t k = 0; k < c->step_count; k++) {
        str_buf_printf(o, "<th title=\"");
        esc(o, c->steps[k].id);
        str_buf_printf(o, "\">%zu</th>", k + 1);
    }
    str_buf_puts(o, "</tr>\n");
    for (size_t i = 0; i < c->session_count; i++) {
        const struct review_session *s = &c->sessions[i];
        if (!s->loaded) continue;
        const struct rec_summary *sum = &s->rec.summary;
        str_buf_printf(o, "<tr><td><a href=\"#s%zu\">", i);
        esc(o, s->rec.header.trainee);
        str_buf_printf(o, "</a></td><td class=\"num\">%d</td>", s->attempt);
        result_cell(o, l, c, s, "td");
        if (review_result_counts(c, s)) str_buf_printf(o, "<td class=\"num\">%g</td><td>", sum->score);
        else str_buf_puts(o, "<td class=\"num\">–</td><td>");
        integrity_mark(o, l, &s->rec.check);
        scenario_marks(o, l, s);
        str_buf_puts(o, "</td>");
        for (size_t k = 0; k < c->step_count; k++) {
            const struct review_step_result *r = &s->steps[k];
            review_duration_text(r->duration_us, d);
            str_buf_printf(o, "<td class=\"m %s\" title=\"", mark_class(r->mark));
            esc(o, c->steps[k].id);
            str_buf_printf(o, ": %s, %d %s\"><a href=\"#s%zu\">%s</a></td>", d, r->errors, tx(l, T_ERRORS), i,
                           mark_glyph(r->mark));
        }
        str_buf_puts(o, "</tr>\n");
    }
    str_buf_printf(o, "</table>\n<p>%s: <span class=\"m ok\">✓</span> %s · <span class=\"m err\">!</span> %s · "
                      "<span class=\"m crit\">✗</span> %s · <span class=\"m open\">…</span> %s · – %s</p>\n",
                   tx(l, T_LEGEND), tx(l, T_MARK_OK), tx(l, T_MARK_ERR), tx(l, T_MARK_CRIT), tx(l, T_MARK_OPEN),
                   tx(l, T_MARK_NONE));

    /* Where the class struggles: a table, and errors per step as bars. */
    str_buf_printf(o, "<h3>%s</h3>\n<table><tr><th>#</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
                      "<th>%s</th><th>%s</th></tr>\n",
                   tx(l, T_STRUGGLE), tx(l, T_STEP), tx(l, T_REACHED), tx(l, T_COMPLETED), tx(l, T_WITH_ERRORS),
                   tx(l, T_ERRORS), tx(l, T_CRITICAL), tx(l, T_MEDIAN));
    int max_err = 1;
    for (size_t k = 0; k < c->step_count; k++)
        if (c->steps[k].errors > max_err) max_err = c->steps[k].errors;
    for (size_t k = 0; k < c->step_count; k++) {
        const struct review_step *st = &c->steps[k];
        review_duration_text(st->median_us, d);
        str_buf_printf(o, "<tr><td class=\"num\">%zu</td><td>", k + 1);
        esc(o, st->id);
        str_buf_printf(o, "</td><td class=\"num\">%d</td><td class=\"num\">%d</td><td class=\"num\">%d</td>"
                          "<td class=\"num\">%d</td><td class=\"num\">%d</td><td class=\"num\">%s</td></tr>\n",
                       st->sessions_reached, st->sessions_completed, st->sessions_with_errors, st->errors, st->critical,
                       d);
    }
    str_buf_puts(o, "</table>\n");
    int h = 20 + 18 * (int)c->step_count;
    str_buf_printf(o, "<svg width=\"640\" height=\"%d\" role=\"img\" aria-label=\"%s\">", h, tx(l, T_ERRORS));
    for (size_t k = 0; k < c->step_count; k++) {
        const struct review_step *st = &c->steps[k];
        int y = 10 + 18 * (int)k;
        int w = 400 * st->errors / max_err;
        str_buf_printf(o, "<text x=\"0\" y=\"%d\">%zu. ", y + 11, k + 1);
        esc(o, st->id);
        str_buf_printf(o, "</text><rect x=\"200\" y=\"%d\" width=\"%d\" height=\"13\" fill=\"%s\"/>"
                          "<text x=\"%d\" y=\"%d\">%d</text>",
                       y, w, st->critical ? "#b00020" : "#e0a100", 206 + w, y + 11, st->errors);
    }
    str_buf_puts(o, "</svg>\n</section>\n");
}

static const char *severity_text(enum review_lang l, int sev)
{
    return tx(l, sev == EV_SEVERITY_CRITICAL ? T_SEVERITY_CRITICAL : sev == EV_SEVERITY_MAJOR ? T_SEVERITY_MAJOR
                                                                                              : T_SEVERITY_MINOR);
}

static void timeline(const struct review_class *c, const struct review_session *s, struct str_buf *o)
{
    const struct rec_record *r = &s->rec;
    int64_t end = r->end_us > 0 ? r->end_us : 1;
    int rows = (int)c->step_count + 1;
    int w = 900, x0 = 160, span = w - x0 - 10;
    str_buf_printf(o, "<svg width=\"%d\" height=\"%d\" role=\"img\">", w, 24 + 16 * rows);
#define TX(t) (x0 + (int)((double)(t) / (double)end * span))
    /* Step bars from start (or the previous completion) to completion. */
    int64_t last_done = 0, start = -1;
    const char *cur = NULL;
    for (size_t i = 0; i < r->event_count; i++) {
        const struct ev *e = &r->events[i];
        if (e->type == EV_STEP_STARTED) {
            cur = e->subject;
            start = e->t_us;
        } else if (e->type == EV_STEP_COMPLETED) {
            size_t k = 0;
            while (k < c->step_count && strcmp(c->steps[k].id, e->subject ? e->subject : "")) k++;
            int64_t from = cur && e->subject && !strcmp(cur, e->subject) ? start : last_done;
            int y = 4 + 16 * (int)k;
            const struct review_step_result *sr = k < c->step_count ? &s->steps[k] : NULL;
            str_buf_printf(o, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"11\" fill=\"%s\"><title>", TX(from), y,
                           TX(e->t_us) - TX(from) + 1,
                           sr && sr->mark == REVIEW_MARK_CRITICAL ? "#f28b94" : sr && sr->errors ? "#f5c451" : "#8fd19e");
            esc(o, e->subject);
            str_buf_puts(o, "</title></rect>");
            last_done = e->t_us;
            cur = NULL;
        }
    }
    for (size_t k = 0; k < c->step_count; k++) {
        str_buf_printf(o, "<text x=\"0\" y=\"%d\">", 13 + 16 * (int)k);
        esc(o, c->steps[k].id);
        str_buf_puts(o, "</text>");
    }
    /* Events on the last row: violations, hints, readings. */
    int y = 4 + 16 * (rows - 1);
    for (size_t i = 0; i < r->event_count; i++) {
        const struct ev *e = &r->events[i];
        char t[32];
        review_duration_text(e->t_us, t);
        if (e->type == EV_RULE_VIOLATED) {
            bool crit = e->ival == EV_SEVERITY_CRITICAL;
            str_buf_printf(o, "<path d=\"M%d %dl6 11h-12z\" fill=\"%s\"><title>%s ", TX(e->t_us), y,
                           crit ? "#b00020" : "#e0a100", t);
            esc(o, e->subject);
            str_buf_puts(o, ": ");
            esc(o, e->detail);
            str_buf_puts(o, "</title></path>");
        } else if (e->type == EV_HINT_SHOWN) {
            str_buf_printf(o, "<circle cx=\"%d\" cy=\"%d\" r=\"4\" fill=\"#2a6f97\"><title>%s ", TX(e->t_us), y + 6, t);
            esc(o, e->detail ? e->detail : e->subject);
            str_buf_puts(o, "</title></circle>");
        } else if (e->type == EV_READING) {
            str_buf_printf(o, "<rect x=\"%d\" y=\"%d\" width=\"2\" height=\"11\" fill=\"#555\"><title>%s ", TX(e->t_us),
                           y, t);
            esc(o, e->subject);
            str_buf_printf(o, " %g ", e->value);
            esc(o, e->unit);
            str_buf_puts(o, "</title></rect>");
        }
    }
    str_buf_printf(o, "<text x=\"0\" y=\"%d\">⚠ / ● / |</text>", y + 10);
    char d[32];
    review_duration_text(end, d);
    str_buf_printf(o, "<text x=\"%d\" y=\"%d\">0</text><text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>", x0,
                   y + 26, w - 10, y + 26, d);
#undef TX
    str_buf_puts(o, "</svg>\n");
}

static void session_view(const struct review_class *c, size_t idx, enum review_lang l, struct str_buf *o)
{
    const struct review_session *s = &c->sessions[idx];
    const struct rec_record *r = &s->rec;
    const struct rec_summary *sum = &r->summary;
    char d[32];
    str_buf_printf(o, "<article id=\"s%zu\"><h3>", idx);
    esc(o, r->header.trainee);
    str_buf_printf(o, " – %s %d</h3>\n<dl><dt>%s</dt><dd>", tx(l, T_ATTEMPT), s->attempt, tx(l, T_SCENARIO));
    esc(o, r->header.scenario_title ? r->header.scenario_title : r->header.scenario_id);
    str_buf_printf(o, "</dd><dt>%s</dt><dd>", tx(l, T_MODE));
    esc(o, r->header.mode);
    str_buf_printf(o, "</dd><dt>%s</dt><dd>", tx(l, T_START));
    esc(o, r->header.start_utc);
    review_duration_text(sum->duration_us, d);
    str_buf_printf(o, "</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt>", tx(l, T_DURATION), d, tx(l, T_RESULT));
    result_cell(o, l, c, s, "dd");
    if (review_result_counts(c, s))
        str_buf_printf(o, "<dt>%s</dt><dd>%g / %g</dd>", tx(l, T_SCORE), sum->score, sum->score_max);
    else str_buf_printf(o, "<dt>%s</dt><dd>–</dd>", tx(l, T_SCORE));
    str_buf_printf(o, "<dt>%s</dt><dd>", tx(l, T_INTEGRITY));
    integrity_mark(o, l, &r->check);
    if (s->scenario_match) {
        str_buf_printf(o, "</dd><dt>%s</dt><dd class=\"%s\">%s: ", tx(l, T_SCENARIO),
                       s->scenario_match < 0 ? "i-altered" : "i-verified",
                       tx(l, s->scenario_match < 0 ? T_SCENARIO_DIFFERS : T_SCENARIO_SAME));
        esc(o, s->scenario_note);
    }
    if (s->reloads) str_buf_printf(o, "</dd><dt>↻</dt><dd class=\"i-unsealed\">%s: %d", tx(l, T_RELOADS), s->reloads);
    if (s->scenario_changes)
        str_buf_printf(o, "</dd><dt>✎</dt><dd class=\"i-unsealed\">%s: %d", tx(l, T_CHANGES), s->scenario_changes);
    str_buf_printf(o, "</dd><dt>%s</dt><dd><code>", tx(l, T_FILE));
    esc(o, s->path);
    str_buf_puts(o, "</code></dd></dl>\n");

    /* Why: the violations (critical first), hints, or that it never ended. */
    str_buf_printf(o, "<h4>%s</h4>\n", tx(l, T_WHY));
    if (!sum->present) str_buf_printf(o, "<p>%s</p>\n", tx(l, T_NOT_FINISHED));
    int nviol = sum->violations[1] + sum->violations[2] + sum->violations[3];
    str_buf_printf(o, "<p>%s: %d (%s %d) · %s: %d</p>\n", tx(l, T_VIOLATIONS), nviol, tx(l, T_CRITICAL),
                   sum->violations[EV_SEVERITY_CRITICAL], tx(l, T_HINTS), sum->hints);
    /* Waits the trainee skipped ahead (a ui event "wait", app_clock): the
     * clock says the time passed, this says it was not lived. */
    int waits = 0;
    double waited_s = 0.0;
    for (size_t i = 0; i < r->event_count; i++) {
        const struct ev *e = &r->events[i];
        if (e->type != EV_UI || !e->subject || strcmp(e->subject, "wait") != 0) continue;
        waits++;
        if (e->value > 0.0) waited_s += e->value;
    }
    if (waits) {
        review_duration_text((int64_t)(waited_s * 1e6), d);
        str_buf_printf(o, "<p class=\"waits\">%s: %d (%s)</p>\n", tx(l, T_WAITS), waits, d);
    }
    if (nviol) {
        str_buf_puts(o, "<ul>");
        for (int sev = EV_SEVERITY_CRITICAL; sev >= EV_SEVERITY_MINOR; sev--) {
            for (size_t i = 0; i < r->event_count; i++) {
                const struct ev *e = &r->events[i];
                if (e->type != EV_RULE_VIOLATED || e->ival != sev) continue;
                review_duration_text(e->t_us, d);
                str_buf_printf(o, "<li><span class=\"%s\">%s</span> %s: <b>", sev == EV_SEVERITY_CRITICAL ? "crit" : "err",
                               severity_text(l, sev), d);
                esc(o, e->subject);
                str_buf_puts(o, "</b> ");
                esc(o, e->detail);
                str_buf_puts(o, "</li>");
            }
        }
        str_buf_puts(o, "</ul>\n");
    } else {
        str_buf_printf(o, "<p>%s</p>\n", tx(l, T_NO_VIOLATIONS));
    }

    str_buf_printf(o, "<h4>%s</h4>\n", tx(l, T_TIMELINE));
    timeline(c, s, o);

    str_buf_printf(o, "<h4>%s</h4>\n<table><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
                   tx(l, T_STEP_TIMES), tx(l, T_STEP), tx(l, T_TIME), tx(l, T_CLASS_MEDIAN), tx(l, T_ERRORS),
                   tx(l, T_HINTS));
    for (size_t k = 0; k < c->step_count; k++) {
        const struct review_step_result *sr = &s->steps[k];
        if (sr->mark == REVIEW_MARK_NONE) continue;
        char md[32];
        review_duration_text(sr->duration_us, d);
        review_duration_text(c->steps[k].median_us, md);
        /* Mark steps that took more than twice the class median. */
        bool slow = sr->duration_us >= 0 && c->steps[k].median_us > 0 && sr->duration_us > 2 * c->steps[k].median_us;
        str_buf_printf(o, "<tr><td class=\"%s\">", mark_class(sr->mark));
        esc(o, c->steps[k].id);
        str_buf_printf(o, "</td><td class=\"num%s\">%s</td><td class=\"num\">%s</td><td class=\"num\">%d</td>"
                          "<td class=\"num\">%d</td></tr>\n",
                       slow ? " slow" : "", d, md, sr->errors, sr->hints);
    }
    str_buf_puts(o, "</table>\n");

    str_buf_printf(o, "<h4>%s</h4>\n", tx(l, T_READINGS));
    bool any = false;
    for (size_t i = 0; i < r->event_count; i++) {
        const struct ev *e = &r->events[i];
        if (e->type != EV_READING) continue;
        if (!any)
            str_buf_printf(o, "<table><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n", tx(l, T_TIME),
                           tx(l, T_INSTRUMENT), tx(l, T_POINT), tx(l, T_VALUE));
        any = true;
        review_duration_text(e->t_us, d);
        str_buf_printf(o, "<tr><td class=\"num\">%s</td><td>", d);
        esc(o, e->subject);
        str_buf_puts(o, "</td><td>");
        esc(o, e->target);
        str_buf_printf(o, "</td><td class=\"num\">%g ", e->value);
        esc(o, e->unit);
        str_buf_puts(o, "</td></tr>\n");
    }
    if (any) str_buf_puts(o, "</table>\n");
    else str_buf_printf(o, "<p>%s</p>\n", tx(l, T_NO_READINGS));
    str_buf_puts(o, "</article>\n");
}

void review_html(const struct review_class *c, enum review_lang l, const char *generated_utc, struct str_buf *o)
{
    str_buf_printf(o, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
                      "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                      "<title>%s</title><style>%s</style></head><body>\n",
                   l == REVIEW_LANG_FI ? "fi" : "en", tx(l, T_TITLE), CSS);
    size_t loaded = c->session_count - (size_t)c->unreadable;
    str_buf_printf(o, "<header><h1>%s</h1><p>%zu %s", tx(l, T_TITLE), loaded, tx(l, T_RECORDS));
    /* The scenarios in the class, each once. */
    for (size_t i = 0; i < c->session_count; i++) {
        const struct review_session *s = &c->sessions[i];
        if (!s->loaded) continue;
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++)
            seen = c->sessions[j].loaded &&
                   !strcmp(c->sessions[j].rec.header.scenario_id ? c->sessions[j].rec.header.scenario_id : "",
                           s->rec.header.scenario_id ? s->rec.header.scenario_id : "");
        if (seen) continue;
        str_buf_puts(o, " · ");
        esc(o, s->rec.header.scenario_title ? s->rec.header.scenario_title : s->rec.header.scenario_id);
    }
    str_buf_puts(o, "</p>");
    if (!c->key_given) str_buf_printf(o, "<p class=\"nokey\">%s</p>", tx(l, T_NO_KEY));
    str_buf_puts(o, "</header>\n");
    class_view(c, l, o);
    str_buf_printf(o, "<section id=\"sessions\"><h2>%s</h2>\n", tx(l, T_SESSIONS));
    for (size_t i = 0; i < c->session_count; i++)
        if (c->sessions[i].loaded) session_view(c, i, l, o);
    str_buf_puts(o, "</section>\n");
    if (c->unreadable) {
        str_buf_printf(o, "<section id=\"unreadable\"><h2>%s</h2><ul>\n", tx(l, T_UNREADABLE));
        for (size_t i = 0; i < c->session_count; i++) {
            if (c->sessions[i].loaded) continue;
            str_buf_puts(o, "<li><code>");
            esc(o, c->sessions[i].path);
            str_buf_puts(o, "</code>: ");
            esc(o, c->sessions[i].error);
            str_buf_puts(o, "</li>\n");
        }
        str_buf_puts(o, "</ul></section>\n");
    }
    str_buf_printf(o, "<footer><p>%s ", tx(l, T_GENERATED));
    esc(o, generated_utc);
    str_buf_puts(o, " · paja</p></footer>\n</body></html>\n");
}

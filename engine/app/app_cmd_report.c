/* app_cmd_report.c — `paja report`: the teacher's report from a class of
 * session records (HTML, optionally CSV). The work is in the review module;
 * this file is options, the progress line and exit codes. */
#define LOG_TAG "app"
#include "app.h"
#include "app_trust.h"

#include "arena.h"
#include "clock.h"
#include "fs.h"
#include "log.h"
#include "record.h"
#include "review.h"
#include "str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char APP_REPORT_HELP[] =
    "usage: paja report RECORD|DIR... -o report.html [--csv FILE] [--lang fi|en]\n"
    "                   [--key FILE] [--scenario DIR]\n"
    "\n"
    "Writes the teacher's report: one self-contained HTML file (no network,\n"
    "opens from a USB stick) with the class view (trainee × step marks, where\n"
    "the class struggles) and one view per session (result and why, timeline,\n"
    "step times against the class median, tool readings), each record marked\n"
    "verified, sealed, closed, unsealed or altered. A folder means every *.jsonl\n"
    "in it.\n"
    "\n"
    "options:\n"
    "  -o FILE        the HTML report (required; - for stdout; links are\n"
    "                 followed, devices and FIFOs written into)\n"
    "  --csv FILE     also a tidy CSV: one row per trainee × attempt × step\n"
    "  --lang fi|en   language of the report (default from PAJA_LANG or LANG;\n"
    "                 Finnish for fi, English otherwise)\n"
    "  --key FILE     the institution's public key (default: the\n"
    "                 records.public_key setting). With a key, a record it does\n"
    "                 not verify shows no result or score (\"not trustworthy\");\n"
    "                 without one, the report says no result is proven\n"
    "  --scenario DIR the scenario the records should have run (default: the\n"
    "                 installed one with each record's id); a session run on a\n"
    "                 different one is marked\n"
    "\n"
    "exit status: 0 report written, 1 written but a record is altered, not\n"
    "verified by the key given, run on a different scenario, or could\n"
    "not be read (listed in the report), 2 bad usage or nothing readable.\n"
    "\n"
    "example:\n"
    "  paja report records/ -o report.html --csv report.csv --lang fi\n";

static bool opt_value(int argc, char **argv, int *i, const char *name, const char **out)
{
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) != 0) return false;
    if (argv[*i][n] == '=') {
        *out = argv[*i] + n + 1;
        return true;
    }
    if (argv[*i][n] != '\0') return false;
    if (*i + 1 >= argc) {
        fprintf(stderr, "paja report: option %s needs a value\nTry 'paja help report' for the options.\n", name);
        *out = NULL;
        return true;
    }
    *out = argv[++*i];
    return true;
}

/* A progress line on a terminal, for classes of more than a handful. */
static void progress(size_t done, size_t total, void *user)
{
    (void)user;
    if (total <= 8 || !isatty(STDERR_FILENO)) return;
    fprintf(stderr, "\rpaja report: reading records %zu/%zu", done, total);
    if (done == total) fputc('\n', stderr);
}

int app_cmd_report(int argc, char **argv)
{
    const char *out = NULL, *csv = NULL, *lang = NULL, *key_path = NULL, *scenario = NULL;
    bool *is_input = calloc((size_t)argc + 1, sizeof *is_input);
    int inputs = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = NULL;
        bool matched = true;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(APP_REPORT_HELP, stdout);
            free(is_input);
            return APP_EXIT_OK;
        } else if (opt_value(argc, argv, &i, "-o", &v)) out = v;
        else if (opt_value(argc, argv, &i, "--output", &v)) out = v;
        else if (opt_value(argc, argv, &i, "--csv", &v)) csv = v;
        else if (opt_value(argc, argv, &i, "--lang", &v)) lang = v;
        else if (opt_value(argc, argv, &i, "--key", &v)) key_path = v;
        else if (opt_value(argc, argv, &i, "--scenario", &v)) scenario = v;
        else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "paja report: unknown option '%s'\nTry 'paja help report' for the options.\n", a);
            free(is_input);
            return APP_EXIT_USAGE;
        } else {
            matched = false;
            is_input[i] = true;
            inputs++;
        }
        if (matched && !v) {
            free(is_input);
            return APP_EXIT_USAGE;
        }
    }
    if (!inputs || !out) {
        fprintf(stderr, "paja report: %s\nTry 'paja help report' for the options.\n",
                !inputs ? "name at least one record or folder of records" : "say where the report goes: -o report.html");
        free(is_input);
        return APP_EXIT_USAGE;
    }
    enum review_lang rl = REVIEW_LANG_EN;
    if (lang) {
        if (!strcmp(lang, "fi")) rl = REVIEW_LANG_FI;
        else if (strcmp(lang, "en") != 0) {
            fprintf(stderr, "paja report: --lang wants fi or en, not '%s'\n", lang);
            free(is_input);
            return APP_EXIT_USAGE;
        }
    } else if (app_lang_from_env() == APP_LANG_FI) {
        rl = REVIEW_LANG_FI;
    }
    struct app_trust_keys keys;
    char err[512];
    if (!app_trust_keys("report", key_path, &keys)) {
        free(is_input);
        return APP_EXIT_USAGE;
    }
    bool have_key = keys.ring.n > 0;
    if (scenario && !fs_exists(scenario)) {
        fprintf(stderr, "paja report: --scenario: no folder or file '%s'\n", scenario);
        free(is_input);
        return APP_EXIT_USAGE;
    }

    struct arena a;
    arena_init(&a, "report", 1 << 20);
    char **paths = NULL;
    bool bad = false;
    size_t n = app_record_paths(argc, argv, is_input, &a, &paths, &bad);
    free(is_input);
    struct review_class c;
    review_class_load_ring(paths, n, &keys.ring, &a, progress, NULL, &c);
    app_trust_keys_free(&keys);
    /* Each session against the scenario it should have run. */
    for (size_t i = 0; i < c.session_count; i++) {
        struct review_session *s = &c.sessions[i];
        if (!s->loaded) continue;
        char note[1024];
        s->scenario_match = app_trust_scenario(&s->rec.header, scenario, note, sizeof note);
        s->scenario_note = arena_strdup(&a, note);
    }
    int rc = APP_EXIT_OK;
    if (n == 0 || (size_t)c.unreadable == n) {
        fprintf(stderr, "paja report: no readable records\n");
        for (size_t i = 0; i < c.session_count; i++) fprintf(stderr, "paja report: %s\n", c.sessions[i].error);
        arena_fini(&a);
        return APP_EXIT_USAGE;
    }
    size_t altered = 0;
    for (size_t i = 0; i < c.session_count; i++) {
        const struct review_session *s = &c.sessions[i];
        if (!s->loaded) fprintf(stderr, "paja report: left out: %s\n", s->error);
        else if (s->rec.check.integrity == REC_INTEGRITY_ALTERED) {
            fprintf(stderr, "paja report: %s: altered at line %zu (marked in the report)\n", s->path,
                    s->rec.check.finding_line);
            altered++;
        } else if (have_key && !s->trusted) {
            fprintf(stderr, "paja report: %s: %s, not verified with the key: its result is not shown\n", s->path,
                    rec_integrity_name(s->rec.check.integrity));
            altered++;
        }
        if (s->loaded && s->scenario_match < 0) {
            fprintf(stderr, "paja report: %s: run on a different scenario: %s (marked in the report)\n", s->path,
                    s->scenario_note);
            altered++;
        }
        if (s->loaded && (s->reloads || s->scenario_changes))
            fprintf(stderr, "paja report: %s: the scenario was %s during the session (marked in the report)\n",
                    s->path, s->reloads ? "reloaded" : "changed on disk");
    }
    if (!have_key)
        fprintf(stderr, "paja report: no key (--key or records.public_key): seals are not checked, and the report "
                        "says no result is proven\n");
    if (c.unreadable || altered || bad) rc = APP_EXIT_FINDING;

    char now[40];
    clock_utc_iso8601(now, sizeof now);
    struct str_buf html = {0};
    review_html(&c, rl, now, &html);
    if (!fs_write_output(out, html.data, html.len, 0644, err, sizeof err)) {
        fprintf(stderr, "paja report: %s\n", err);
        rc = APP_EXIT_USAGE;
    } else {
        fprintf(stderr, "paja report: %zu records, %zu steps → %s\n", c.session_count - (size_t)c.unreadable,
                c.step_count, out);
    }
    str_buf_free(&html);
    if (csv && rc != APP_EXIT_USAGE) {
        struct str_buf b = {0};
        review_csv(&c, &b);
        if (!fs_write_output(csv, b.data, b.len, 0644, err, sizeof err)) {
            fprintf(stderr, "paja report: %s\n", err);
            rc = APP_EXIT_USAGE;
        }
        str_buf_free(&b);
    }
    arena_fini(&a);
    return rc;
}

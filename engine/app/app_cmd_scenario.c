/* app_cmd_scenario.c — `paja check` (lint scenarios) and `paja test` (run
 * their playthroughs headless on simulated time). Thin wrappers over the
 * scenario module; exit codes as in app.h. */
#define LOG_TAG "app"
#include "app.h"
#include "app_scene_gltf.h"
#include "app_outcome.h"
#include "app_session.h"

#include "arena.h"
#include "fs.h"
#include "log.h"
#include "scenario.h"
#include "scene.h"
#include "str.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char APP_CHECK_HELP[] =
    "usage: paja check [--strict] [--variants [N]] SCENARIO...\n"
    "\n"
    "Loads and lints each SCENARIO (a folder holding scenario.yaml, or the\n"
    "file itself; other files are skipped) without running it: YAML syntax,\n"
    "unknown keys and names (with the nearest valid one), references between\n"
    "objects, steps, rules and variants, expressions, steps that can never\n"
    "start or complete, rules that can never fire, rubric weights and missing\n"
    "fi/en texts; actions some input device cannot produce (see 'paja help\n"
    "run'), questions without choices and objects without a node; then loads\n"
    "its playthroughs (without running them) and checks the names they use.\n"
    "Then it loads the scene the scenario names, from the scene search path\n"
    "(the scenario folder, $PAJA_ASSETS, the assets folder beside the\n"
    "scenarios folder, the installed assets), and reports every object and\n"
    "measuring point whose node the scene lacks, with the nearest node name.\n"
    "Diagnostics are printed as FILE:LINE:COL: error|warning: MESSAGE.\n"
    "The format is described in scenarios/README.md.\n"
    "\n"
    "options:\n"
    "  --strict        treat warnings as errors\n"
    "  --variants [N]  also list which variants each seed from 1 to N (default\n"
    "                  10) turns on, per mode, and how often each is on\n"
    "\n"
    "exit status: 0 no errors, 1 errors found, 2 bad usage or a SCENARIO that\n"
    "cannot be read.\n"
    "\n"
    "examples:\n"
    "  paja check scenarios/*\n"
    "  paja check scenarios/ev-hv-isolation/scenario.yaml\n"
    "  paja check --variants 20 scenarios/ev-hv-isolation\n";

const char APP_TEST_HELP[] =
    "usage: paja test [--trace FILE] [SCENARIO | PLAYTHROUGH.yaml]...\n"
    "       paja test PLAYTHROUGH.yaml --record FILE [--reading-tolerance REL]\n"
    "\n"
    "Runs the playthroughs (scripted trainees, SCENARIO/playthroughs/*.yaml)\n"
    "of each SCENARIO headless on simulated time and checks each outcome\n"
    "against its 'expect:' (result, score, violations, variants, steps).\n"
    "With no SCENARIO, runs every scenario folder under ./scenarios (or under\n"
    "$PAJA_SCENARIOS). A path to one playthrough file runs only that one.\n"
    "The playthrough format is described in scenarios/README.md.\n"
    "\n"
    "options:\n"
    "  --trace FILE   write every event in and out, one per line, to FILE:\n"
    "                 'T in|out TYPE subject=.. target=.. ..' with T the scenario\n"
    "                 time in microseconds (the same input gives the same\n"
    "                 file, byte for byte; - for standard output)\n"
    "  --record FILE  compare a session record (a trainee's, 'paja run --script',\n"
    "                 the headset's) with the one PLAYTHROUGH: whether it reaches\n"
    "                 the same outcome events in the same order (steps completed,\n"
    "                 violations, hints, readings, result and score; not times\n"
    "                 or texts); prints the first event that differs\n"
    "  --reading-tolerance REL  with --record: readings agree within REL of\n"
    "                 the larger value (default 0: the same clock)\n"
    "\n"
    "exit status: 0 every expectation met, 1 a playthrough failed or a\n"
    "scenario has errors, 2 bad usage or unreadable input.\n"
    "\n"
    "examples:\n"
    "  paja test\n"
    "  paja test scenarios/ev-hv-isolation\n"
    "  paja test scenarios/ev-hv-isolation/playthroughs/perfect.yaml\n"
    "  paja test scenarios/ev-hv-isolation/playthroughs/perfect.yaml --record\n"
    "      ~/.local/share/paja/records/SESSION.jsonl\n";

static bool want_help(int argc, char **argv, const char *help)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(help, stdout);
            return true;
        }
    return false;
}

static int worse(int a, int b)
{
    return a > b ? a : b;
}

/* Whether loading failed only because the scenario file could not be read
 * (a folder without scenario.yaml): bad input, exit 2, not a finding. */
static bool unreadable(const struct scenario_diags *d)
{
    return d->n == 1 && d->v[0].line == 0 && str_starts_with(d->v[0].msg, "cannot ");
}

/* Whether path names something readable at all; a missing path is bad
 * input (exit 2), not a finding in a scenario. */
static bool path_readable(const char *cmd, const char *path)
{
    if (fs_exists(path)) return true;
    fprintf(stderr, "paja %s: cannot open '%s': no such file or folder\n", cmd, path);
    return false;
}

/* The scene the scenario names, loaded from the search path, against its
 * objects and points. Adds diagnostics to d. */
static void check_scene(const struct scenario *sc, struct scenario_diags *d)
{
    const char *name = scenario_get_scene(sc);
    if (!name || !*name) return; /* paja run plays it on placeholders */
    struct arena a;
    arena_init(&a, "check scene", 64 * 1024);
    char tried[2048], err[1024];
    const char *path = app_scene_find(scenario_get_dir(sc), name, &a, tried, sizeof tried);
    if (!path) {
        scenario_diags_add(d, SCENARIO_DIAG_WARNING, scenario_get_file(sc), 0, 0,
                           "scene %s is not in %s, so its nodes are not checked (paja run uses placeholder boxes; "
                           "PAJA_ASSETS adds a folder)", name, tried);
        arena_fini(&a);
        return;
    }
    struct scene scene;
    scene_init(&scene, &a);
    struct app_scene_gltf g;
    memset(&g, 0, sizeof g);
    if (!app_scene_gltf_load(&g, path, &scene, &a, err, sizeof err))
        scenario_diags_add(d, SCENARIO_DIAG_ERROR, path, 0, 0, "the scene does not load: %s", err);
    else
        app_scene_check(sc, &scene, name, d);
    arena_fini(&a);
}

/* --variants: which variants each seed 1..n turns on, per mode (a mode
 * is listed when some seed turns something on in it). */
static void list_variants(const struct scenario *sc, unsigned n)
{
    size_t nv = scenario_variant_count(sc);
    printf("variants of %s, seeds 1..%u:\n", scenario_get_id(sc), n);
    if (!nv) {
        printf("  (the scenario has no variants)\n");
        return;
    }
    size_t *on = xcalloc(nv, sizeof *on);
    for (int m = 0; m < SCENARIO_MODE_COUNT; m++) {
        memset(on, 0, nv * sizeof *on);
        struct str_buf out = {0};
        for (unsigned seed = 1; seed <= n; seed++) {
            struct scenario_session_opts o = {.mode = (enum scenario_mode)m, .seed = seed};
            struct scenario_session *s = scenario_session_create(sc, &o);
            char line[64];
            snprintf(line, sizeof line, "  %-8s seed %-4u ", scenario_mode_name((enum scenario_mode)m), seed);
            str_buf_puts(&out, line);
            size_t k = 0;
            for (size_t v = 0; v < nv; v++)
                if (scenario_session_variant_on(s, scenario_variant_id(sc, v))) {
                    on[v]++;
                    str_buf_puts(&out, k++ ? ", " : "");
                    str_buf_puts(&out, scenario_variant_id(sc, v));
                }
            str_buf_puts(&out, k ? "\n" : "(none)\n");
            scenario_session_destroy(&s);
        }
        size_t any = 0;
        for (size_t v = 0; v < nv; v++) any += on[v];
        if (any) {
            fputs(out.data, stdout);
            for (size_t v = 0; v < nv; v++)
                printf("  %-8s %s: on for %zu of %u seeds\n", scenario_mode_name((enum scenario_mode)m),
                       scenario_variant_id(sc, v), on[v], n);
        }
        str_buf_free(&out);
    }
    free(on);
}

int app_cmd_check(int argc, char **argv)
{
    if (want_help(argc, argv, APP_CHECK_HELP)) return APP_EXIT_OK;
    bool strict = false;
    unsigned variants = 0;
    int rc = APP_EXIT_OK, count = 0;
    bool *skip = xcalloc((size_t)argc + 1, sizeof *skip);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--strict") == 0) {
            strict = skip[i] = true;
            continue;
        }
        if (strcmp(a, "--variants") == 0 || str_starts_with(a, "--variants=")) {
            skip[i] = true;
            const char *v = a[10] == '=' ? a + 11 : (i + 1 < argc && argv[i + 1][0] >= '0' && argv[i + 1][0] <= '9')
                                                         ? argv[i + 1] : NULL;
            long num = 10;
            if (v && !str_to_long(v, 1, 100000, &num)) {
                fprintf(stderr, "paja check: --variants wants a number of seeds from 1 to 100000, not '%s'\n", v);
                free(skip);
                return APP_EXIT_USAGE;
            }
            if (v && a[10] != '=') skip[++i] = true;
            variants = (unsigned)num;
            continue;
        }
        if (a[0] == '-' && a[1]) {
            fprintf(stderr, "paja check: unknown option '%s'\nTry 'paja help check' for the options.\n", a);
            free(skip);
            return APP_EXIT_USAGE;
        }
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (skip[i]) continue;
        count++;
        if (!path_readable("check", a)) {
            rc = worse(rc, APP_EXIT_USAGE);
            continue;
        }
        /* A shell glob over scenarios/ also names the guide and the schema
         * beside the scenario folders: files that are not YAML are not
         * scenarios, so they are skipped rather than reported. */
        if (!fs_is_dir(a) && !str_ends_with(a, ".yaml") && !str_ends_with(a, ".yml")) {
            fprintf(stderr, "paja check: skipping '%s' (not a scenario folder or .yaml file)\n", a);
            continue;
        }
        struct scenario_diags d;
        scenario_diags_init(&d);
        struct scenario *sc = scenario_load(a, &d);
        if (sc) {
            scenario_check(sc, &d);
            scenario_playthroughs_check(sc, &d);
            check_scene(sc, &d);
        }
        scenario_diags_print(&d, stdout);
        bool bad = d.errors > 0 || (strict && d.warnings > 0);
        if (!sc && unreadable(&d))
            rc = worse(rc, APP_EXIT_USAGE);
        else if (bad)
            rc = worse(rc, APP_EXIT_FINDING);
        if (sc && !bad)
            printf("ok %s: %s %s, %zu steps, %zu rules, %zu variants%s\n", a, scenario_get_id(sc),
                   scenario_get_version(sc), scenario_step_count(sc), scenario_rule_count(sc),
                   scenario_variant_count(sc), d.warnings ? " (with warnings)" : "");
        if (sc && variants) list_variants(sc, variants);
        scenario_free(&sc);
        scenario_diags_fini(&d);
    }
    free(skip);
    if (count == 0) {
        fprintf(stderr, "paja check: name at least one SCENARIO folder or file\nTry 'paja help check'.\n");
        return APP_EXIT_USAGE;
    }
    return rc;
}

struct test_tally {
    const char *scenario;
    size_t failed, total;
    struct scenario_diags *diags; /* the playthroughs' load errors */
    size_t printed;               /* how many of them are printed */
};

/* Prints the diagnostics added since the last call, so each playthrough's
 * errors come right before its FAIL line. */
static void print_new_diags(struct test_tally *t)
{
    if (!t->diags) return;
    struct scenario_diags view = *t->diags;
    view.v += t->printed;
    view.n -= t->printed;
    scenario_diags_print(&view, stdout);
    t->printed = t->diags->n;
}

static void report(const struct scenario_playthrough_result *r, void *user)
{
    struct test_tally *t = user;
    print_new_diags(t);
    printf("%s %s/%s: %s\n", r->ok ? "ok  " : "FAIL", t->scenario, r->name, r->message);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Runs one scenario folder, or one playthrough file inside it. */
static int test_one(const char *path, FILE *trace, const char *record, double tol, struct test_tally *all)
{
    struct arena a;
    arena_init(&a, "test", 4096);
    const char *scenario_path = path, *only = NULL;
    if (str_ends_with(path, ".yaml") && !str_ends_with(path, "scenario.yaml")) {
        /* SCENARIO/playthroughs/NAME.yaml */
        only = path;
        scenario_path = fs_dirname(&a, fs_dirname(&a, path));
    }
    struct scenario_diags d;
    scenario_diags_init(&d);
    struct scenario *sc = scenario_load(scenario_path, &d);
    int rc = APP_EXIT_OK;
    if (!sc && unreadable(&d)) {
        scenario_diags_print(&d, stderr);
        rc = APP_EXIT_USAGE;
    } else if (!sc) {
        scenario_diags_print(&d, stdout);
        printf("FAIL %s: the scenario has errors, so its playthroughs cannot run\n", scenario_path);
        all->failed++;
        all->total++;
        rc = APP_EXIT_FINDING;
    } else {
        struct test_tally t = {.scenario = scenario_get_id(sc), .diags = &d, .printed = d.n};
        scenario_diags_print(&d, stdout); /* warnings from loading, if any */
        if (only && record) {
            int c = app_outcome_check(sc, only, record, tol, trace, stdout);
            t.total = 1;
            t.failed = c != APP_EXIT_OK;
            if (c == APP_EXIT_USAGE) rc = APP_EXIT_USAGE;
        } else if (only) {
            struct scenario_playthrough_result r;
            if (trace) fprintf(trace, "# %s\n", only);
            bool ok = scenario_playthrough_run_file(sc, only, &d, trace, &r);
            report(&r, &t);
            t.total = 1;
            t.failed = !ok || !r.ok;
        } else {
            t.failed = scenario_playthroughs_run(sc, &d, trace, report, &t, &t.total);
            print_new_diags(&t);
            if (t.total == 0) printf("warning: %s has no playthroughs (%s/playthroughs/*.yaml)\n", t.scenario, scenario_get_dir(sc));
        }
        all->failed += t.failed;
        all->total += t.total;
        if (t.failed && rc == APP_EXIT_OK) rc = APP_EXIT_FINDING;
    }
    scenario_free(&sc);
    scenario_diags_fini(&d);
    arena_fini(&a);
    return rc;
}

int app_cmd_test(int argc, char **argv)
{
    if (want_help(argc, argv, APP_TEST_HELP)) return APP_EXIT_OK;
    const char *trace_path = NULL, *record = NULL;
    double tol = 0.0;
    const char **paths = xcalloc((size_t)argc + 1, sizeof *paths);
    size_t np = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--trace") == 0 || str_starts_with(a, "--trace=")) {
            if (a[7] == '=') {
                trace_path = a + 8;
            } else if (i + 1 < argc) {
                trace_path = argv[++i];
            } else {
                fprintf(stderr, "paja test: option --trace needs a FILE\n");
                free(paths);
                return APP_EXIT_USAGE;
            }
        } else if (strcmp(a, "--record") == 0 || str_starts_with(a, "--record=")) {
            if (a[8] == '=') {
                record = a + 9;
            } else if (i + 1 < argc) {
                record = argv[++i];
            } else {
                fprintf(stderr, "paja test: option --record needs a FILE (a session record, .jsonl)\n");
                free(paths);
                return APP_EXIT_USAGE;
            }
        } else if (strcmp(a, "--reading-tolerance") == 0) {
            char *end = NULL;
            tol = i + 1 < argc ? strtod(argv[i + 1], &end) : -1.0;
            if (!end || *end || end == argv[i + 1] || !(tol >= 0.0 && tol < 1.0)) {
                fprintf(stderr, "paja test: option --reading-tolerance needs a number from 0 to 1 (0.05: 5 %%)\n");
                free(paths);
                return APP_EXIT_USAGE;
            }
            i++;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "paja test: unknown option '%s'\nTry 'paja help test' for the options.\n", a);
            free(paths);
            return APP_EXIT_USAGE;
        } else {
            paths[np++] = a;
        }
    }
    /* A record is compared with one playthrough: which one it plays is not
     * in the record. */
    if (record && (np != 1 || !str_ends_with(paths[0], ".yaml") || str_ends_with(paths[0], "scenario.yaml"))) {
        fprintf(stderr, "paja test: --record compares a record with one playthrough: name one PLAYTHROUGH.yaml "
                        "(SCENARIO/playthroughs/NAME.yaml)\n");
        free(paths);
        return APP_EXIT_USAGE;
    }
    struct arena a;
    arena_init(&a, "test-args", 4096);
    char **found = NULL;
    size_t nfound = 0;
    if (np == 0) {
        const char *root = getenv("PAJA_SCENARIOS");
        if (!root || !*root) root = "scenarios";
        DIR *d = opendir(root);
        if (!d) {
            fprintf(stderr, "paja test: no scenarios folder '%s' here; name a SCENARIO or set PAJA_SCENARIOS\n", root);
            arena_fini(&a);
            free(paths);
            return APP_EXIT_USAGE;
        }
        struct dirent *de;
        size_t cap = 0;
        while ((de = readdir(d))) {
            if (de->d_name[0] == '.') continue;
            char *p = fs_join(&a, root, de->d_name);
            if (!fs_exists(fs_join(&a, p, "scenario.yaml"))) continue;
            if (nfound == cap) {
                cap = cap ? cap * 2 : 8;
                found = xrealloc(found, cap * sizeof *found);
            }
            found[nfound++] = p;
        }
        closedir(d);
        if (nfound) qsort(found, nfound, sizeof *found, cmp_str);
    }
    FILE *trace = NULL;
    int rc = APP_EXIT_OK;
    /* The trace is streamed as the playthroughs run, so it is written
     * straight into the path (a link is followed, a FIFO or device written
     * into), not replaced atomically; "-" is standard output. */
    if (trace_path && !strcmp(trace_path, "-")) trace = stdout;
    else if (trace_path && !(trace = fopen(trace_path, "w"))) {
        fprintf(stderr, "paja test: cannot write the trace to '%s'\n", trace_path);
        rc = APP_EXIT_USAGE;
    }
    struct test_tally all = {0};
    for (size_t i = 0; rc != APP_EXIT_USAGE && i < (np ? np : nfound); i++) {
        const char *p = np ? paths[i] : found[i];
        if (!path_readable("test", p)) {
            rc = APP_EXIT_USAGE;
            break;
        }
        rc = worse(rc, test_one(p, trace, record, tol, &all));
        if (rc == APP_EXIT_USAGE) break;
    }
    if (rc != APP_EXIT_USAGE) {
        printf("%zu playthrough%s, %zu failed\n", all.total, all.total == 1 ? "" : "s", all.failed);
        if (np == 0 && nfound == 0) printf("warning: no scenarios found\n");
    }
    if (trace && trace != stdout) fclose(trace);
    free(found);
    free(paths);
    arena_fini(&a);
    return rc;
}

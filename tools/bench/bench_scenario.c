/* bench_scenario.c — scenario engine benchmarks (medians; never asserts).
 *
 *   bench_scenario [--runs N] [SCENARIO...]     (default: every folder in ./scenarios)
 *
 * For each scenario:
 *   - load + check time: scenario_load and scenario_check of its folder,
 *     against a baseline measured in the same run: libyaml alone parsing the
 *     same file into its document tree (so the ratio shows what the loader's
 *     own work costs on top of YAML parsing);
 *   - events per second: a session in practice mode fed a deterministic
 *     stream of trainee actions over the scenario's objects (every action
 *     type, a few targets, 10 ms apart), with a tick after each event as a
 *     frame would do. A session that finishes is replaced, so only live
 *     sessions are measured. The baseline is the same stream pushed through
 *     an ev_queue only (the floor any consumer pays);
 *   - what that means per 90 Hz frame: the time for 10 events + one tick, as
 *     a share of the 11.1 ms frame budget.
 * Timing uses CLOCK_MONOTONIC; each figure is the median of N runs. */
#include "arena.h"
#include "clock.h"
#include "event.h"
#include "fs.h"
#include "scenario.h"
#include "str.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#define EVENTS_PER_RUN 20000

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static uint64_t median(uint64_t *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_u64);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static uint64_t time_libyaml(const char *text, size_t size)
{
    uint64_t t0 = clock_mono_ns();
    yaml_parser_t p;
    yaml_document_t doc;
    yaml_parser_initialize(&p);
    yaml_parser_set_input_string(&p, (const unsigned char *)text, size);
    if (yaml_parser_load(&p, &doc)) yaml_document_delete(&doc);
    yaml_parser_delete(&p);
    return clock_mono_ns() - t0;
}

static uint64_t time_load_check(const char *path)
{
    uint64_t t0 = clock_mono_ns();
    struct scenario_diags d;
    scenario_diags_init(&d);
    struct scenario *sc = scenario_load(path, &d);
    if (sc) scenario_check(sc, &d);
    uint64_t t = clock_mono_ns() - t0;
    if (!sc) {
        scenario_diags_print(&d, stderr);
        t = 0;
    }
    scenario_free(&sc);
    scenario_diags_fini(&d);
    return t;
}

/* The deterministic action stream. Subjects cycle over ids of the reference
 * scenario plus one unknown id, so for the reference scenario events hit
 * effects, rules and steps, and for others they mostly take the no-match
 * path (also the common case in a real frame). */
static const char *const SUBJECTS[] = {"ppe.gloves", "tool.tester", "hv.service_plug", "vehicle.key",
                                       "doc.protocol", "area.barrier", "lv.negative_clamp", "unknown.thing"};
static const char *const TARGETS[] = {"air_test", "hv.pos_neg", "hv.plug_port", "cabinet.lockbox", NULL};
static const enum ev_type TYPES[] = {EV_GRAB, EV_RELEASE, EV_PLACE, EV_REMOVE, EV_USE, EV_PRESS,
                                     EV_INSPECT, EV_WEAR, EV_UNWEAR, EV_HINT_REQUEST};

static void make_event(size_t i, struct ev *e)
{
    memset(e, 0, sizeof *e);
    e->type = TYPES[i % (sizeof TYPES / sizeof TYPES[0])];
    e->subject = SUBJECTS[(i / 3) % (sizeof SUBJECTS / sizeof SUBJECTS[0])];
    e->target = TARGETS[(i / 7) % (sizeof TARGETS / sizeof TARGETS[0])];
    e->hand = (int32_t)(i % 2);
    e->t_us = (int64_t)i * 10000;
}

static uint64_t time_events(const struct scenario *sc, size_t n, size_t *out_sessions)
{
    struct scenario_session_opts o = {.mode = SCENARIO_MODE_PRACTICE, .lang = SCENARIO_LANG_EN, .seed = 7};
    struct arena a;
    arena_init(&a, "bench", 1 << 20);
    struct ev_queue q;
    ev_queue_init(&q, &a);
    struct scenario_session *s = scenario_session_create(sc, &o);
    scenario_session_start(s, 0, &q);
    size_t sessions = 1;
    uint64_t t0 = clock_mono_ns();
    for (size_t i = 0; i < n; i++) {
        struct ev e;
        make_event(i, &e);
        scenario_session_step(s, &e, 1, e.t_us + 5000, &q);
        if (q.n > 10000) {
            arena_clear(&a);
            ev_queue_init(&q, &a);
        }
        if (i % 256 == 255) {
            struct scenario_status st;
            scenario_session_status(s, &st);
            if (st.finished) {
                scenario_session_destroy(&s);
                s = scenario_session_create(sc, &o);
                scenario_session_start(s, e.t_us, &q);
                sessions++;
            }
        }
    }
    uint64_t t = clock_mono_ns() - t0;
    scenario_session_destroy(&s);
    arena_fini(&a);
    *out_sessions = sessions;
    return t;
}

static uint64_t time_queue_only(size_t n)
{
    struct arena a;
    arena_init(&a, "bench-base", 1 << 20);
    struct ev_queue q;
    ev_queue_init(&q, &a);
    uint64_t t0 = clock_mono_ns();
    for (size_t i = 0; i < n; i++) {
        struct ev e;
        make_event(i, &e);
        ev_queue_push(&q, &e);
        if (q.n > 10000) {
            arena_clear(&a);
            ev_queue_init(&q, &a);
        }
    }
    uint64_t t = clock_mono_ns() - t0;
    arena_fini(&a);
    return t;
}

static int bench_one(const char *dir, int runs)
{
    struct arena a;
    arena_init(&a, "bench-file", 1 << 16);
    const char *file = fs_is_dir(dir) ? fs_join(&a, dir, "scenario.yaml") : dir;
    char err[512];
    size_t size = 0;
    const char *text = fs_read_all(file, &a, &size, err, sizeof err);
    if (!text) {
        fprintf(stderr, "bench_scenario: %s\n", err);
        arena_fini(&a);
        return 2;
    }
    uint64_t *lc = calloc((size_t)runs, sizeof *lc), *ly = calloc((size_t)runs, sizeof *ly);
    uint64_t *ev = calloc((size_t)runs, sizeof *ev), *eq = calloc((size_t)runs, sizeof *eq);
    for (int r = 0; r < runs; r++) {
        lc[r] = time_load_check(dir);
        ly[r] = time_libyaml(text, size);
    }
    struct scenario_diags d;
    scenario_diags_init(&d);
    struct scenario *sc = scenario_load(dir, &d);
    int rc = 0;
    if (!sc || lc[0] == 0) {
        fprintf(stderr, "bench_scenario: %s does not load\n", dir);
        rc = 1;
    } else {
        size_t sessions = 0;
        for (int r = 0; r < runs; r++) {
            ev[r] = time_events(sc, EVENTS_PER_RUN, &sessions);
            eq[r] = time_queue_only(EVENTS_PER_RUN);
        }
        uint64_t mlc = median(lc, runs), mly = median(ly, runs), mev = median(ev, runs), meq = median(eq, runs);
        double evps = (double)EVENTS_PER_RUN / ((double)mev / 1e9);
        double per_event_us = (double)mev / EVENTS_PER_RUN / 1e3;
        printf("%s (%zu bytes, %zu steps, %zu rules)\n", scenario_get_id(sc), size, scenario_step_count(sc),
               scenario_rule_count(sc));
        printf("  load+check      median %8.3f ms   baseline libyaml parse %8.3f ms   ratio %.2f\n", (double)mlc / 1e6,
               (double)mly / 1e6, mly ? (double)mlc / (double)mly : 0.0);
        printf("  events          median %8.0f events/s (%.2f us each, %zu session(s) per run)   baseline queue "
               "push %.0f events/s   ratio %.1f\n",
               evps, per_event_us, sessions, (double)EVENTS_PER_RUN / ((double)meq / 1e9),
               meq ? (double)mev / (double)meq : 0.0);
        printf("  per 90 Hz frame (10 events + tick) %.4f ms = %.3f%% of the 11.1 ms budget\n",
               per_event_us * 10 / 1e3, per_event_us * 10 / 1e3 / 11.1 * 100);
    }
    scenario_free(&sc);
    scenario_diags_fini(&d);
    free(lc);
    free(ly);
    free(ev);
    free(eq);
    arena_fini(&a);
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int main(int argc, char **argv)
{
    int runs = 21;
    const char *paths[256];
    int np = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc) {
            long n = 0;
            if (!str_to_long(argv[++i], 1, 100000, &n)) {
                fprintf(stderr, "bench_scenario: --runs wants a number from 1 to 100000\n");
                return 2;
            }
            runs = (int)n;
        } else if (argv[i][0] == '-') {
            fprintf(stderr, "usage: bench_scenario [--runs N] [SCENARIO...]\n");
            return 2;
        } else if (np < 256) {
            paths[np++] = argv[i];
        }
    }
    struct arena a;
    arena_init(&a, "bench-args", 4096);
    if (np == 0) {
        DIR *d = opendir("scenarios");
        if (!d) {
            fprintf(stderr, "bench_scenario: no ./scenarios; name SCENARIO folders\n");
            return 2;
        }
        struct dirent *de;
        while ((de = readdir(d)) && np < 256) {
            if (de->d_name[0] == '.') continue;
            char *p = fs_join(&a, "scenarios", de->d_name);
            if (fs_exists(fs_join(&a, p, "scenario.yaml"))) paths[np++] = p;
        }
        closedir(d);
        qsort(paths, (size_t)np, sizeof *paths, cmp_str);
    }
    printf("bench_scenario: %d runs per figure, medians\n", runs);
    int rc = 0;
    for (int i = 0; i < np; i++) {
        int r = bench_one(paths[i], runs);
        if (r > rc) rc = r;
    }
    arena_fini(&a);
    return rc;
}

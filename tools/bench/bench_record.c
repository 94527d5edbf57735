/* bench_record.c — record and report benchmarks, and a generator of
 * realistic synthetic classes of records for the end-to-end tests.
 *
 *   bench_record gen DIR TRAINEES SESSIONS [KEYFILE]
 *       writes DIR/<trainee>-<n>.jsonl: varied outcomes (passes, fails,
 *       critical violations, hints, one session in seven cut short)
 *   bench_record bench [RUNS]
 *       prints medians (never asserts):
 *       - append throughput, events/s, against a baseline in the same run
 *         (the same number of lines of the same length written with stdio,
 *         no JSON and no hashing);
 *       - bytes per hour of a typical session (90 Hz head and hands offered,
 *         the writer's pose sampling, an action every few seconds);
 *       - report time (load + verify + HTML + CSV) for 30 trainees × 5
 *         sessions, against the time to only read the same files.
 *
 * Sessions are deterministic for a given seed (xorshift), so generated
 * classes are the same on every machine. */
#include "arena.h"
#include "clock.h"
#include "fs.h"
#include "record.h"
#include "review.h"
#include "str.h"
#include "uuid.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static uint64_t rng_state = 88172645463325252ull;
static uint32_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 32);
}
static double rnd01(void) { return (double)rnd() / 4294967296.0; }

static const char *const STEPS[] = {"ppe_on", "isolate_supply", "service_plug_out", "lockout_tagout",
                                    "wait_discharge", "verify_zero", "insulation_test", "restore"};
#define STEP_COUNT 8

/* One frame of a head and two hands that move like a person working at a
 * bench: slow drift, small sway, hands reaching now and then. */
static void body_at(int64_t t_us, struct pose *head, struct pose *l, struct pose *r)
{
    double t = (double)t_us / 1e6;
    double reach = fmax(0.0, sin(t * 0.7)) * 0.3;
    *head = (struct pose){{(float)(0.2 * sin(t * 0.05)), (float)(1.65 + 0.02 * sin(t * 0.9)), (float)(0.1 * sin(t * 0.03))},
                          {0, (float)sin(0.3 * sin(t * 0.2) / 2), 0, (float)cos(0.3 * sin(t * 0.2) / 2)}};
    *l = (struct pose){{-0.25f, 1.1f, (float)(-0.3 - 0.5 * reach)}, {0, 0, 0, 1}};
    *r = (struct pose){{(float)(0.25 + 0.05 * sin(t * 1.3)), (float)(1.1 + 0.05 * sin(t)), (float)(-0.3 - reach)},
                       {(float)(0.1 * sin(t)), 0, 0, (float)sqrt(1 - 0.01 * sin(t) * sin(t))}};
}

static void put(struct rec_writer *w, enum ev_type type, int64_t t, const char *subject, const char *target,
                const char *detail, int ival, double value, const char *unit)
{
    struct ev e = {.type = type, .t_us = t, .hand = -1, .ival = ival, .subject = subject, .target = target,
                   .detail = detail, .value = value, .unit = unit};
    rec_writer_append(w, &e);
}

/* A session of `steps` steps from time t0; skill in [0,1] makes errors rarer and steps
 * faster. frame_us: how often poses are offered. Returns the end time. */
static int64_t session_write(struct rec_writer *w, int64_t t0, int steps, double skill, int64_t frame_us, bool finish)
{
    int64_t t = t0;
    int critical = 0, errors = 0, hints = 0;
    for (int s = 0; s < steps; s++) {
        const char *step = STEPS[s % STEP_COUNT];
        put(w, EV_STEP_STARTED, t, step, NULL, "Tee vaihe ohjeen mukaan.", 0, 1, NULL);
        int64_t len = (int64_t)((20 + 60 * rnd01() * (1.5 - skill)) * 1e6);
        int64_t end = t + len, next_action = t + 2000000;
        for (; t < end; t += frame_us) {
            struct pose h, l, r;
            body_at(t, &h, &l, &r);
            rec_writer_pose(w, t, &h, &l, &r);
            rec_writer_tick(w, t);
            if (t >= next_action) {
                put(w, rnd() % 2 ? EV_GRAB : EV_RELEASE, t, "multimeter", NULL, NULL, 0, 0, NULL);
                next_action = t + 2000000 + (int64_t)(rnd() % 4000000);
            }
        }
        if (s == 5 || s == 6) {
            double v = s == 5 ? 0.2 + rnd01() : 500 + rnd01() * 100;
            put(w, EV_USE, t, "multimeter", "hv.bus", NULL, 0, v, s == 5 ? "V" : "MOhm");
            put(w, EV_READING, t + 300000, "multimeter", "hv.bus", NULL, 0, v, s == 5 ? "V" : "MOhm");
        }
        if (rnd01() > skill + 0.3) {
            put(w, EV_HINT_SHOWN, t, step, NULL, "hint.next", 0, 0, NULL);
            hints++;
        }
        if (rnd01() > skill + 0.2) {
            bool crit = s == 5 && rnd01() > skill;
            put(w, EV_RULE_VIOLATED, t + 400000, crit ? "rule.touch_before_verify" : "out_of_order", step,
                crit ? "touched the HV bus before verifying absence of voltage" : "step done out of order",
                crit ? EV_SEVERITY_CRITICAL : EV_SEVERITY_MINOR, 0, NULL);
            critical += crit;
            errors++;
        }
        t += 1000000;
        put(w, EV_STEP_COMPLETED, t, step, NULL, NULL, 0, 0, NULL);
    }
    if (finish) {
        double score = fmax(0, 100 - 12 * errors - 3 * hints);
        bool passed = !critical && score >= 60;
        /* The scenario engine's words (event.h). */
        put(w, EV_FINISHED, t, "ev-battery/hv-isolation", NULL, passed ? "pass" : "fail", critical, score, NULL);
    }
    return t;
}

static int gen(const char *dir, int trainees, int sessions, const char *key_path)
{
    char err[512];
    struct rec_key key;
    if (key_path && !rec_key_load(key_path, &key, err, sizeof err)) {
        fprintf(stderr, "bench_record: %s\n", err);
        return 2;
    }
    if (!fs_mkdir_p(dir, err, sizeof err)) {
        fprintf(stderr, "bench_record: %s\n", err);
        return 2;
    }
    static const char *const NAMES[] = {"aino", "eetu", "helmi", "ilmari", "lumi", "niilo", "oona", "pekka",
                                        "saga", "toivo", "venla", "väinö"};
    for (int i = 0; i < trainees; i++) {
        double skill = 0.3 + 0.6 * rnd01();
        for (int s = 0; s < sessions; s++) {
            char trainee[64], path[1024], session[40], start[40];
            snprintf(trainee, sizeof trainee, "%s-%02d", NAMES[i % 12], i + 1);
            snprintf(path, sizeof path, "%s/%s-%d.jsonl", dir, trainee, s + 1);
            uint8_t b[16];
            for (int k = 0; k < 16; k++) b[k] = (uint8_t)rnd();
            uuid_format(uuid_v4_from_bytes(b), session);
            rec_time_format_utc(1773478800000LL + (int64_t)s * 86400000 + (int64_t)i * 900000, start);
            struct rec_header h = {.session = session, .scenario_id = "ev-battery/hv-isolation",
                                   .scenario_version = "1", .scenario_hash = "sha256:demo",
                                   .scenario_title = "HV-järjestelmän jännitteettömäksi tekeminen",
                                   .trainee = trainee, .institution = "https://lms.example-school.fi",
                                   .mode = s == sessions - 1 ? "exam" : "practice", .seed = (uint64_t)(i * 100 + s),
                                   .device = "desktop", .input = "mouse", .paja_version = "0.1.0",
                                   .start_utc = start, .lang = "fi"};
            struct rec_writer *w = rec_writer_create(path, &h, key_path ? &key : NULL, err, sizeof err);
            if (!w) {
                fprintf(stderr, "bench_record: %s\n", err);
                return 2;
            }
            bool crash = (i * sessions + s) % 7 == 3;
            int64_t end = session_write(w, 0, crash ? 4 : STEP_COUNT, fmin(1.0, skill + 0.08 * s), 33333, !crash);
            if (crash) rec_writer_abandon(&w);
            else if (!rec_writer_close(&w, end, err, sizeof err)) {
                fprintf(stderr, "bench_record: %s\n", err);
                return 2;
            }
        }
    }
    return 0;
}

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

static void rm_tree(const char *dir)
{
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) fprintf(stderr, "bench_record: could not remove %s\n", dir);
}

static int bench(int runs)
{
    char tmp[512];
    const char *base = getenv("TMPDIR");
    snprintf(tmp, sizeof tmp, "%s/paja-bench-XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(tmp)) return 2;
    char err[512], path[600];
    struct rec_key key;
    rec_key_from_bytes("benchmark key, 32 bytes long....", 32, &key);
    enum { EVENTS = 100000 };
    uint64_t *t_rec = calloc((size_t)runs, sizeof *t_rec), *t_base = calloc((size_t)runs, sizeof *t_base);

    /* 1. Append throughput. */
    uint64_t bytes_per_run = 0;
    for (int r = 0; r < runs; r++) {
        snprintf(path, sizeof path, "%s/append-%d.jsonl", tmp, r);
        struct rec_header h = {.trainee = "bench", .scenario_id = "bench", .mode = "practice"};
        struct rec_writer *w = rec_writer_create(path, &h, &key, err, sizeof err);
        if (!w) return 2;
        uint64_t t0 = clock_mono_ns();
        for (int i = 0; i < EVENTS; i++) {
            struct ev e = {.type = i % 50 == 49 ? EV_STEP_COMPLETED : EV_GRAB, .t_us = (int64_t)i * 20000,
                           .hand = 1, .subject = "torque_wrench", .target = "hv.bolt_3"};
            rec_writer_append(w, &e);
        }
        rec_writer_close(&w, (int64_t)EVENTS * 20000, err, sizeof err);
        t_rec[r] = clock_mono_ns() - t0;
        struct stat st;
        stat(path, &st);
        bytes_per_run = (uint64_t)st.st_size;
        unlink(path);
        /* Baseline: the same bytes as plain lines through stdio, fsync'd. */
        snprintf(path, sizeof path, "%s/base-%d.txt", tmp, r);
        FILE *f = fopen(path, "w");
        size_t line_len = bytes_per_run / (EVENTS + 3);
        char *line = malloc(line_len + 1);
        memset(line, 'x', line_len);
        line[line_len - 1] = '\n';
        line[line_len] = '\0';
        t0 = clock_mono_ns();
        for (int i = 0; i < EVENTS; i++) fputs(line, f);
        fflush(f);
        fsync(fileno(f));
        fclose(f);
        t_base[r] = clock_mono_ns() - t0;
        free(line);
        unlink(path);
    }
    uint64_t mr = median(t_rec, runs), mb = median(t_base, runs);
    printf("record append: median %.0f events/s (%.2f us/event, %d events, %.1f bytes/line); "
           "baseline plain stdio lines %.0f lines/s; ratio %.1fx\n",
           EVENTS / (mr / 1e9), mr / 1e3 / EVENTS, EVENTS, (double)bytes_per_run / EVENTS, EVENTS / (mb / 1e9),
           (double)mr / (double)mb);

    /* 2. Bytes per hour of a typical session: 90 Hz poses offered, 8 steps
     * stretched over an hour by a slow trainee (skill 0). */
    snprintf(path, sizeof path, "%s/hour.jsonl", tmp);
    {
        struct rec_header h = {.trainee = "hour", .scenario_id = "bench", .mode = "practice"};
        struct rec_writer *w = rec_writer_create(path, &h, &key, err, sizeof err);
        int64_t t = 0;
        int steps = 0;
        while (t < 3600LL * 1000000) {
            t = session_write(w, t, 1, 0.0, 11111, false);
            steps++;
        }
        uint64_t lines = rec_writer_lines(w);
        rec_writer_close(&w, t, err, sizeof err);
        struct stat st;
        stat(path, &st);
        double hours = (double)t / 3.6e9;
        printf("record size: %.2f MB per hour (%.0f lines/hour, %.1f pose+event lines/s, %d steps, %.2f h simulated, "
               "poses offered at 90 Hz)\n",
               (double)st.st_size / 1e6 / hours, (double)lines / hours, (double)lines / (hours * 3600), steps, hours);
        unlink(path);
    }

    /* 3. Report for 30 trainees × 5 sessions. */
    char cls[600];
    snprintf(cls, sizeof cls, "%s/class", tmp);
    char keyfile[700];
    snprintf(keyfile, sizeof keyfile, "%s/key", tmp);
    if (!fs_write_atomic(keyfile, key.bytes, key.len, err, sizeof err)) return 2;
    if (gen(cls, 30, 5, keyfile) != 0) return 2;
    char *paths[150];
    struct arena names;
    arena_init(&names, "names", 1 << 16);
    int n = 0;
    for (int i = 0; i < 30; i++) {
        for (int s = 0; s < 5; s++) {
            static const char *const NAMES[] = {"aino", "eetu", "helmi", "ilmari", "lumi", "niilo",
                                                "oona", "pekka", "saga", "toivo", "venla", "väinö"};
            paths[n++] = arena_printf(&names, "%s/%s-%02d-%d.jsonl", cls, NAMES[i % 12], i + 1, s + 1);
        }
    }
    uint64_t total_bytes = 0;
    for (int r = 0; r < runs; r++) {
        struct arena a;
        arena_init(&a, "report", 1 << 20);
        uint64_t t0 = clock_mono_ns();
        struct review_class c;
        review_class_load(paths, (size_t)n, &key, &a, NULL, NULL, &c);
        struct str_buf html = {0}, csv = {0};
        review_html(&c, REVIEW_LANG_FI, "2026-01-01T00:00:00.000Z", &html);
        review_csv(&c, &csv);
        t_rec[r] = clock_mono_ns() - t0;
        str_buf_free(&html);
        str_buf_free(&csv);
        arena_clear(&a);
        /* Baseline: only reading the files. */
        t0 = clock_mono_ns();
        total_bytes = 0;
        for (int i = 0; i < n; i++) {
            size_t size = 0;
            if (fs_read_all(paths[i], &a, &size, err, sizeof err)) total_bytes += size;
        }
        t_base[r] = clock_mono_ns() - t0;
        arena_fini(&a);
    }
    mr = median(t_rec, runs);
    mb = median(t_base, runs);
    printf("report 30 trainees x 5 sessions (%d records, %.1f MB): median %.0f ms (load+verify+HTML+CSV); "
           "baseline reading the files %.1f ms; ratio %.0fx\n",
           n, (double)total_bytes / 1e6, mr / 1e6, mb / 1e6, (double)mr / (double)mb);
    arena_fini(&names);
    free(t_rec);
    free(t_base);
    rm_tree(tmp);
    return 0;
}

/* The small fixed records in tests/data/records: a sealed session and one
 * cut short (the torn last line is added by hand afterwards). */
static int fixtures(const char *dir, const char *key_path)
{
    char err[512], path[1024];
    struct rec_key key;
    if (!rec_key_load(key_path, &key, err, sizeof err)) {
        fprintf(stderr, "bench_record: %s\n", err);
        return 2;
    }
    for (int k = 0; k < 2; k++) {
        snprintf(path, sizeof path, "%s/%s", dir, k ? "crashed.jsonl" : "sealed.jsonl");
        struct rec_header h = {.session = k ? "0b5c9d2e-8f7a-4e1b-a3c4-d5e6f7a8b9c0" : "6f1c2a9e-3b4d-4c5e-9f10-1a2b3c4d5e6f",
                               .scenario_id = "ev-battery/hv-isolation", .scenario_version = "1",
                               .scenario_title = "HV isolation", .trainee = k ? "trainee-043" : "trainee-042",
                               .institution = "https://lms.example-school.fi", .mode = "practice", .seed = 42,
                               .device = "headless", .input = "script", .paja_version = "0.1.0",
                               .start_utc = "2026-03-14T09:26:53.123Z", .lang = "fi"};
        struct rec_writer *w = rec_writer_create(path, &h, &key, err, sizeof err);
        if (!w) {
            fprintf(stderr, "bench_record: %s\n", err);
            return 2;
        }
        int64_t end = session_write(w, 0, k ? 2 : 7, 0.5, 1000000, !k);
        if (k) rec_writer_abandon(&w);
        else rec_writer_close(&w, end, err, sizeof err);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && !strcmp(argv[1], "fixtures")) return fixtures(argv[2], argv[3]);
    if (argc >= 5 && !strcmp(argv[1], "gen")) return gen(argv[2], atoi(argv[3]), atoi(argv[4]), argc > 5 ? argv[5] : NULL);
    if (argc >= 2 && !strcmp(argv[1], "bench")) return bench(argc > 2 && atoi(argv[2]) > 0 ? atoi(argv[2]) : 5);
    fprintf(stderr, "usage: bench_record gen DIR TRAINEES SESSIONS [KEYFILE]\n       bench_record bench [RUNS]\n");
    return 2;
}

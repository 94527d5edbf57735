/* bench_delivery.c — what live delivery costs the frame loop (issue 12
 * item 5).
 *
 *   bench_delivery --lrs URL [--frames N] [--runs N] [--size WxH]
 *                  [--records DIR] [--outbox DIR] [--backlog N] SOURCE_DIR
 *
 * Plays scenarios/ev-hv-isolation headless through `paja run`'s own path
 * (app_run, 1280x720 by default, practice mode, seed 1, no input) twice per
 * pair: without delivery (the baseline, measured in the same run) and with
 * the delivery worker running (app_delivery_begin before app_run, as
 * `paja run` does with lrs.endpoint set), its outbox filled beforehand with
 * N statements (default 3000, mapped from the records this benchmark's own
 * sessions wrote) so the worker reads, checks and PUTs to the LRS at full
 * speed for the whole run: the worst case for the frame loop, which never
 * waits for it but shares the CPUs with it. Per frame = (run of 3+FRAMES
 * frames - run of 3) / FRAMES, medians over --runs pairs with min-max, and
 * the ratio with/without. Prints how many statements the worker delivered
 * during the measured runs, so an idle worker cannot pass for a cheap one.
 * Asserts nothing. tools/bench/delivery.sh starts a local LRS stand-in. */
#define _POSIX_C_SOURCE 200809L
#include "app.h"
#include "app_delivery.h"
#include "app_settings.h"
#include "arena.h"
#include "record.h"
#include "scenario.h"
#include "str.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double clock_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static char g_scenario[1024], g_outbox[1024] = "/tmp/paja-bench-delivery-outbox";
static const char *g_records = "/tmp/paja-bench-delivery-records";
static int g_w = 1280, g_h = 720;
static struct app_settings g_set;
static struct str_buf g_backlog;
static int g_backlog_n;
static long g_delivered;

/* The backlog: statements of the records in g_records, repeated under new
 * ids until there are n of them (each its own file in the outbox). */
static void make_backlog(int n)
{
    DIR *d = opendir(g_records);
    struct dirent *e;
    struct str_buf one = {0};
    while (d && (e = readdir(d))) {
        if (!strstr(e->d_name, ".jsonl")) continue;
        char path[2048], err[256];
        snprintf(path, sizeof path, "%s/%s", g_records, e->d_name);
        struct arena a;
        arena_init(&a, "bench", 1 << 20);
        struct rec_record r;
        if (rec_record_load_flags(path, NULL, REC_READ_NO_POSES, &a, &r, err, sizeof err))
            rec_xapi_statements(&r, NULL, &one);
        arena_fini(&a);
        if (one.len > 4096) break;
    }
    if (d) closedir(d);
    str_buf_reset(&g_backlog);
    g_backlog_n = 0;
    for (int k = 0; g_backlog_n < n && one.len; k++) {
        /* Rewrite each statement's id (its first 8 hex digits) per copy. */
        const char *p = one.data;
        while (*p && g_backlog_n < n) {
            const char *nl = strchr(p, '\n');
            size_t len = nl ? (size_t)(nl - p) : strlen(p);
            size_t at = g_backlog.len;
            str_buf_append(&g_backlog, p, len);
            str_buf_puts(&g_backlog, "\n");
            char *id = strstr(g_backlog.data + at, "\"id\":\"");
            if (id) {
                char hex[9];
                snprintf(hex, sizeof hex, "%08x", (unsigned)k);
                memcpy(id + 6, hex, 8);
            }
            g_backlog_n++;
            p = nl ? nl + 1 : p + len;
        }
    }
    str_buf_free(&one);
}

static void fill_outbox(void)
{
    char cmd[1200], err[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_outbox);
    if (system(cmd) != 0) fprintf(stderr, "bench: cannot empty %s\n", g_outbox);
    if (g_backlog.len && rec_outbox_add(g_outbox, g_backlog.data, g_backlog.len, NULL, err, sizeof err) < 0)
        fprintf(stderr, "bench: %s\n", err);
}

/* One headless app_run of `frames` frames; wall ms of app_run alone. */
static bool run_once(bool delivery, int frames, double *wall)
{
    struct app_run_opts o;
    app_run_opts_default(&o);
    o.headless = true;
    o.frames = frames;
    o.width = g_w;
    o.height = g_h;
    o.lang = APP_LANG_EN;
    o.scenario = g_scenario;
    o.mode = SCENARIO_MODE_PRACTICE;
    o.seed = 1;
    o.trainee = "bench";
    o.records = g_records;
    if (delivery) {
        fill_outbox();
        app_delivery_begin(&g_set, SCENARIO_LANG_EN);
    }
    struct app_capture cap = {0};
    double w0 = clock_ms();
    int rc = app_run(&o, &cap);
    double w1 = clock_ms();
    if (delivery) {
        app_delivery_end(0);
        g_delivered += g_backlog_n - rec_outbox_count(g_outbox);
    }
    bool ok = rc == 0 && cap.rgba != NULL;
    free(cap.rgba);
    if (wall) *wall = w1 - w0;
    return ok;
}

static double median_of(double *v, int n, double *lo, double *hi)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    *lo = v[0];
    *hi = v[n - 1];
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv)
{
    int frames = 60, runs = 5, backlog = 3000;
    const char *src = NULL, *lrs = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--frames") == 0 && i + 1 < argc) frames = atoi(argv[++i]);
        else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc) runs = atoi(argv[++i]);
        else if (strcmp(argv[i], "--backlog") == 0 && i + 1 < argc) backlog = atoi(argv[++i]);
        else if (strcmp(argv[i], "--records") == 0 && i + 1 < argc) g_records = argv[++i];
        else if (strcmp(argv[i], "--outbox") == 0 && i + 1 < argc) snprintf(g_outbox, sizeof g_outbox, "%s", argv[++i]);
        else if (strcmp(argv[i], "--lrs") == 0 && i + 1 < argc) lrs = argv[++i];
        else if (strcmp(argv[i], "--size") == 0 && i + 1 < argc) {
            if (sscanf(argv[++i], "%dx%d", &g_w, &g_h) != 2 || g_w < 16 || g_h < 16) src = NULL, i = argc;
        } else if (!src && argv[i][0] != '-') src = argv[i];
        else src = NULL, i = argc;
    }
    if (!src || !lrs) {
        fprintf(stderr, "usage: bench_delivery --lrs URL [--frames N] [--runs N] [--size WxH] [--records DIR]\n"
                        "                      [--outbox DIR] [--backlog N] SOURCE_DIR\n");
        return 2;
    }
    snprintf(g_scenario, sizeof g_scenario, "%s/scenarios/ev-hv-isolation", src);
    if (frames < 1) frames = 1;
    if (runs < 1) runs = 1;
    memset(&g_set, 0, sizeof g_set);
    g_set.lrs.endpoint = lrs;
    g_set.lrs.outbox = g_outbox;

    /* Warm-up (shader cache) and a record to map the backlog from. */
    if (!run_once(false, 3, NULL)) {
        fprintf(stderr, "bench: %s did not run\n", g_scenario);
        return 1;
    }
    make_backlog(backlog);
    double *off = calloc((size_t)runs, sizeof *off), *on = calloc((size_t)runs, sizeof *on);
    long delivered_measured = 0;
    for (int i = 0; i < runs; i++) {
        double a, b, c, d;
        /* Interleaved, so drift of the machine hits both alike. */
        if (!run_once(false, 3, &a) || !run_once(false, 3 + frames, &b)) return 1;
        g_delivered = 0;
        if (!run_once(true, 3, &c) || !run_once(true, 3 + frames, &d)) return 1;
        delivered_measured += g_delivered;
        off[i] = (b - a) / frames;
        on[i] = (d - c) / frames;
    }
    double lo0, hi0, lo1, hi1;
    double m0 = median_of(off, runs, &lo0, &hi0), m1 = median_of(on, runs, &lo1, &hi1);
    printf("%dx%d headless, ev-hv-isolation through app_run; per frame = (run of 3+%d - run of 3) / %d; "
           "median of %d pairs [min-max]\n",
           g_w, g_h, frames, frames, runs);
    printf("%-44s %7.2f ms [%.2f-%.2f]\n", "without delivery (baseline)", m0, lo0, hi0);
    printf("%-44s %7.2f ms [%.2f-%.2f]   x%.3f baseline\n", "with the delivery worker sending a backlog", m1, lo1,
           hi1, m0 > 0 ? m1 / m0 : 0.0);
    printf("the worker delivered %ld statements during the %d measured runs with delivery (backlog %d each)\n",
           delivered_measured, 2 * runs, g_backlog_n);
    free(off);
    free(on);
    str_buf_free(&g_backlog);
    return 0;
}

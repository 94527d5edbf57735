/* bench_ev_scene.c — frame cost of the EV scenario's scene (issues 6, 13).
 *
 *   bench_ev_scene [--frames N] [--runs N] [--size WxH] [--records DIR] [--floor BENCH_FLOOR_PASS] SOURCE_DIR
 *   bench_ev_scene --single N [--builtin | --guided] [same options] SOURCE_DIR
 *
 * Plays scenarios/ev-hv-isolation (its generated scene, the session, HUD
 * and highlights: `paja run SCENARIO --headless`'s own path, app_run) in
 * practice mode and in guided mode (whose frames add the outlines around the
 * first steps' objects), and the built-in workshop (`paja run --headless`),
 * at 1280x720 by default, English, seed 1, no input. With --floor, each
 * round also runs the frame floor program (bench_floor_pass: one full-screen
 * lit, textured pass) at the same size, and figures are printed as ratios to
 * it (DESIGN.md §9: the EV scene at most 2x the floor). Rounds interleave
 * the four, so a busy machine slows them alike.
 *
 * app_run keeps no per-frame timings, so each run is measured whole, twice:
 * 3 frames and 3 + N frames; the difference divided by N is the cost of one
 * frame (setup, scene load, shader compilation and the first frames' shader
 * JIT cancel out; warm-up runs come first). The last frame is read back, so
 * rasterisation on llvmpipe's threads is inside the wall time. Main-thread
 * CPU is CLOCK_THREAD_CPUTIME_ID of the calling thread, which runs app_run.
 * Prints medians over --runs rounds with min-max; asserts nothing.
 *
 * --single N: one run of N frames and nothing printed, for callgrind
 * (tools/bench/ev_scene.sh toggles collection on app_run and takes the
 * difference of two frame counts). Run with the malloc tunables of the
 * headless-rendering reference; ev_scene.sh sets them. */
#define _POSIX_C_SOURCE 200809L
#include "app.h"
#include "scenario.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double clock_ms(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

struct summary { double median, min, max; };

static struct summary summarize(double *v, int n)
{
    struct summary s = {0, 0, 0};
    if (n <= 0) return s;
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    s.median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    s.min = v[0];
    s.max = v[n - 1];
    return s;
}

static char g_scenario[1024];
static const char *g_records = "/tmp/paja-bench-ev-records";
static int g_w = 1280, g_h = 720;
static enum scenario_mode g_mode = SCENARIO_MODE_PRACTICE;

/* Per-frame figures: wall time, main-thread CPU, and CPU of all threads
 * (llvmpipe's rasterising threads included), which a busy machine disturbs
 * far less than wall time. */
struct sample { double wall, cpu, all; };

/* One headless app_run of `frames` frames. */
static bool run_once(bool ev, int frames, struct sample *out)
{
    struct app_run_opts o;
    app_run_opts_default(&o);
    o.headless = true;
    o.frames = frames;
    o.width = g_w;
    o.height = g_h;
    o.lang = APP_LANG_EN;
    if (ev) {
        o.scenario = g_scenario;
        o.mode = g_mode;
        o.seed = 1;
        o.trainee = "bench";
        o.records = g_records;
    }
    struct app_capture cap = {0};
    double w0 = clock_ms(CLOCK_MONOTONIC), c0 = clock_ms(CLOCK_THREAD_CPUTIME_ID);
    double a0 = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
    int rc = app_run(&o, &cap);
    double a1 = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
    double c1 = clock_ms(CLOCK_THREAD_CPUTIME_ID), w1 = clock_ms(CLOCK_MONOTONIC);
    bool ok = rc == 0 && cap.rgba != NULL;
    free(cap.rgba);
    if (out) *out = (struct sample){w1 - w0, c1 - c0, a1 - a0};
    return ok;
}

struct result { struct summary wall, cpu, all; };

/* One per-frame figure of a pair: runs of 3 and 3 + frames frames. */
static bool pair(bool ev, enum scenario_mode mode, int frames, struct sample *out)
{
    g_mode = mode;
    struct sample a, b;
    if (!run_once(ev, 3, &a) || !run_once(ev, 3 + frames, &b)) return false;
    out->wall = (b.wall - a.wall) / frames;
    out->cpu = (b.cpu - a.cpu) / frames;
    out->all = (b.all - a.all) / frames;
    return true;
}

/* The floor program's per-frame figures for one run (it prints
 * "floor_ms WALL MIN MAX CPU_ALL_THREADS"). */
static bool floor_once(const char *floor_bin, int frames, struct sample *out)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "'%s' --size %dx%d --frames %d --runs 1", floor_bin, g_w, g_h, frames);
    FILE *p = popen(cmd, "r");
    if (!p) return false;
    double lo, hi;
    *out = (struct sample){0};
    bool ok = fscanf(p, "floor_ms %lf %lf %lf %lf", &out->wall, &lo, &hi, &out->all) == 4;
    return pclose(p) == 0 && ok;
}

enum { SCENE_FLOOR, SCENE_BUILTIN, SCENE_EV, SCENE_GUIDED, SCENE_COUNT };

/* Rounds of floor, built-in, EV practice and EV guided, interleaved so that
 * a busy machine slows them alike; medians over the rounds. */
static bool bench(const char *floor_bin, int frames, int runs, struct result out[SCENE_COUNT])
{
    double *wall[SCENE_COUNT], *cpu[SCENE_COUNT], *all[SCENE_COUNT];
    for (int s = 0; s < SCENE_COUNT; s++) {
        wall[s] = calloc((size_t)runs, sizeof **wall);
        cpu[s] = calloc((size_t)runs, sizeof **cpu);
        all[s] = calloc((size_t)runs, sizeof **all);
    }
    /* Warm-up runs first: they fill Mesa's shader cache, so the first pair
     * does not pay for compilation in one run and not the other. */
    bool ok = run_once(false, 3, NULL) && run_once(true, 3, NULL);
    g_mode = SCENARIO_MODE_GUIDED;
    ok = ok && run_once(true, 3, NULL);
    for (int i = 0; i < runs && ok; i++) {
        struct sample smp[SCENE_COUNT] = {{0}};
        if (floor_bin) ok = floor_once(floor_bin, frames, &smp[SCENE_FLOOR]);
        ok = ok && pair(false, SCENARIO_MODE_PRACTICE, frames, &smp[SCENE_BUILTIN]);
        ok = ok && pair(true, SCENARIO_MODE_PRACTICE, frames, &smp[SCENE_EV]);
        ok = ok && pair(true, SCENARIO_MODE_GUIDED, frames, &smp[SCENE_GUIDED]);
        for (int s = 0; s < SCENE_COUNT; s++) {
            wall[s][i] = smp[s].wall;
            cpu[s][i] = smp[s].cpu;
            all[s][i] = smp[s].all;
        }
    }
    for (int s = 0; s < SCENE_COUNT; s++) {
        if (ok) {
            out[s].wall = summarize(wall[s], runs);
            out[s].cpu = summarize(cpu[s], runs);
            out[s].all = summarize(all[s], runs);
        }
        free(wall[s]);
        free(cpu[s]);
        free(all[s]);
    }
    return ok;
}

int main(int argc, char **argv)
{
    int frames = 60, runs = 5, single = 0;
    bool builtin = false;
    const char *src = NULL, *floor_bin = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--frames") == 0 && i + 1 < argc) frames = atoi(argv[++i]);
        else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc) runs = atoi(argv[++i]);
        else if (strcmp(argv[i], "--single") == 0 && i + 1 < argc) single = atoi(argv[++i]);
        else if (strcmp(argv[i], "--records") == 0 && i + 1 < argc) g_records = argv[++i];
        else if (strcmp(argv[i], "--floor") == 0 && i + 1 < argc) floor_bin = argv[++i];
        else if (strcmp(argv[i], "--builtin") == 0) builtin = true;
        else if (strcmp(argv[i], "--guided") == 0) g_mode = SCENARIO_MODE_GUIDED;
        else if (strcmp(argv[i], "--size") == 0 && i + 1 < argc) {
            if (sscanf(argv[++i], "%dx%d", &g_w, &g_h) != 2 || g_w < 16 || g_h < 16) src = NULL, i = argc;
        } else if (!src && argv[i][0] != '-') src = argv[i];
        else src = NULL, i = argc;
    }
    if (!src) {
        fprintf(stderr, "usage: bench_ev_scene [--frames N] [--runs N] [--size WxH] [--records DIR] [--floor BENCH_FLOOR_PASS] SOURCE_DIR\n"
                        "       bench_ev_scene --single N [--builtin | --guided] [--size WxH] [--records DIR] SOURCE_DIR\n");
        return 2;
    }
    snprintf(g_scenario, sizeof g_scenario, "%s/scenarios/ev-hv-isolation", src);
    if (frames < 1) frames = 1;
    if (runs < 1) runs = 1;
    if (single > 0) return run_once(!builtin, single, NULL) ? 0 : 1;

    printf("%dx%d headless, `paja run`'s path (app_run); per frame = (run of 3+%d frames - run of 3) / %d; "
           "median of %d interleaved rounds [min-max]\n",
           g_w, g_h, frames, frames, runs);
    struct result r[SCENE_COUNT];
    if (!bench(floor_bin, frames, runs, r)) {
        fprintf(stderr, "bench: a run failed (%s, or the built-in workshop, or the floor program)\n", g_scenario);
        return 1;
    }
    const char *names[SCENE_COUNT] = {"floor: one lit textured pass", "built-in workshop",
                                      "ev-hv-isolation, practice", "ev-hv-isolation, guided"};
    double floor_ms = floor_bin ? r[SCENE_FLOOR].wall.median : 0.0;
    double floor_all = floor_bin ? r[SCENE_FLOOR].all.median : 0.0;
    printf("%-28s %-24s %-9s %-22s %-20s %s\n", "scene", "frame ms median [min-max]", "x floor",
           "main-thread CPU ms", "all-threads CPU ms", "x floor");
    for (int s = floor_bin ? 0 : 1; s < SCENE_COUNT; s++) {
        char wall[48], ratio[16] = "-", cpu[48] = "-", all[48], all_ratio[16] = "-";
        snprintf(wall, sizeof wall, "%.2f [%.2f-%.2f]", r[s].wall.median, r[s].wall.min, r[s].wall.max);
        snprintf(all, sizeof all, "%.2f [%.2f-%.2f]", r[s].all.median, r[s].all.min, r[s].all.max);
        if (floor_ms > 0) snprintf(ratio, sizeof ratio, "x%.2f", r[s].wall.median / floor_ms);
        if (floor_all > 0) snprintf(all_ratio, sizeof all_ratio, "x%.2f", r[s].all.median / floor_all);
        if (s != SCENE_FLOOR) snprintf(cpu, sizeof cpu, "%.2f [%.2f-%.2f]", r[s].cpu.median, r[s].cpu.min, r[s].cpu.max);
        printf("%-28s %-24s %-9s %-22s %-20s %s\n", names[s], wall, ratio, cpu, all, all_ratio);
    }
    return 0;
}

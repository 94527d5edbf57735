/* bench_ev_scene.c — frame cost of the EV scenario's scene (issue 6).
 *
 *   bench_ev_scene [--frames N] [--runs N] [--size WxH] [--records DIR] SOURCE_DIR
 *   bench_ev_scene --single N [--builtin | --guided] [same options] SOURCE_DIR
 *
 * Plays scenarios/ev-hv-isolation (its generated scene, the session, HUD
 * and highlights: `paja run SCENARIO --headless`'s own path, app_run) and,
 * as the baseline measured in the same run, the built-in workshop
 * (`paja run --headless`), at 1280x720 by default, practice mode, English,
 * seed 1, no input; and the EV scenario once more in guided mode, whose
 * frames add the outlines around the first steps' objects. app_run keeps no per-frame timings, so each run is
 * measured whole, twice: 3 frames and 3 + N frames; the difference divided
 * by N is the cost of one frame (setup, scene load, shader compilation and
 * the first frames' shader JIT cancel out; one warm-up run comes first). The last frame is read back,
 * so rasterisation on llvmpipe's threads is inside the wall time. Main-thread
 * CPU is CLOCK_THREAD_CPUTIME_ID of the calling thread, which runs app_run.
 * Prints medians over --runs pairs with min-max and the ratio to the
 * baseline; asserts nothing.
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

/* One headless app_run of `frames` frames: wall and main-thread CPU ms. */
static bool run_once(bool ev, int frames, double *wall, double *cpu)
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
    int rc = app_run(&o, &cap);
    double c1 = clock_ms(CLOCK_THREAD_CPUTIME_ID), w1 = clock_ms(CLOCK_MONOTONIC);
    bool ok = rc == 0 && cap.rgba != NULL;
    free(cap.rgba);
    if (wall) *wall = w1 - w0;
    if (cpu) *cpu = c1 - c0;
    return ok;
}

struct result { struct summary wall, cpu; };

static bool bench(bool ev, int frames, int runs, struct result *out)
{
    double *wall = calloc((size_t)runs, sizeof *wall), *cpu = calloc((size_t)runs, sizeof *cpu);
    /* A warm-up run first: it fills Mesa's shader cache, so the first pair
     * does not pay for compilation in one run and not the other. */
    bool ok = run_once(ev, 3, NULL, NULL);
    for (int i = 0; i < runs && ok; i++) {
        double wa, ca, wb, cb;
        ok = run_once(ev, 3, &wa, &ca) && run_once(ev, 3 + frames, &wb, &cb);
        wall[i] = (wb - wa) / frames;
        cpu[i] = (cb - ca) / frames;
    }
    if (ok) {
        out->wall = summarize(wall, runs);
        out->cpu = summarize(cpu, runs);
    }
    free(wall);
    free(cpu);
    return ok;
}

int main(int argc, char **argv)
{
    int frames = 60, runs = 5, single = 0;
    bool builtin = false;
    const char *src = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--frames") == 0 && i + 1 < argc) frames = atoi(argv[++i]);
        else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc) runs = atoi(argv[++i]);
        else if (strcmp(argv[i], "--single") == 0 && i + 1 < argc) single = atoi(argv[++i]);
        else if (strcmp(argv[i], "--records") == 0 && i + 1 < argc) g_records = argv[++i];
        else if (strcmp(argv[i], "--builtin") == 0) builtin = true;
        else if (strcmp(argv[i], "--guided") == 0) g_mode = SCENARIO_MODE_GUIDED;
        else if (strcmp(argv[i], "--size") == 0 && i + 1 < argc) {
            if (sscanf(argv[++i], "%dx%d", &g_w, &g_h) != 2 || g_w < 16 || g_h < 16) src = NULL, i = argc;
        } else if (!src && argv[i][0] != '-') src = argv[i];
        else src = NULL, i = argc;
    }
    if (!src) {
        fprintf(stderr, "usage: bench_ev_scene [--frames N] [--runs N] [--size WxH] [--records DIR] SOURCE_DIR\n"
                        "       bench_ev_scene --single N [--builtin | --guided] [--size WxH] [--records DIR] SOURCE_DIR\n");
        return 2;
    }
    snprintf(g_scenario, sizeof g_scenario, "%s/scenarios/ev-hv-isolation", src);
    if (frames < 1) frames = 1;
    if (runs < 1) runs = 1;
    if (single > 0) return run_once(!builtin, single, NULL, NULL) ? 0 : 1;

    printf("%dx%d headless, `paja run`'s path (app_run); per frame = (run of 3+%d frames - run of 3) / %d; "
           "median of %d pairs [min-max]\n",
           g_w, g_h, frames, frames, runs);
    struct result base, ev, guided;
    if (!bench(false, frames, runs, &base)) {
        fprintf(stderr, "bench: the built-in workshop did not run\n");
        return 1;
    }
    if (!bench(true, frames, runs, &ev)) {
        fprintf(stderr, "bench: %s did not run\n", g_scenario);
        return 1;
    }
    g_mode = SCENARIO_MODE_GUIDED;
    if (!bench(true, frames, runs, &guided)) {
        fprintf(stderr, "bench: %s did not run in guided mode\n", g_scenario);
        return 1;
    }
    printf("%-32s %-26s %-26s\n", "scene", "frame ms median [min-max]", "main-thread CPU ms/frame");
    printf("%-32s %6.2f [%.2f-%.2f]%6s %6.2f [%.2f-%.2f]\n", "built-in workshop (baseline)", base.wall.median,
           base.wall.min, base.wall.max, "", base.cpu.median, base.cpu.min, base.cpu.max);
    printf("%-32s %6.2f [%.2f-%.2f]%6s %6.2f [%.2f-%.2f]   x%.2f baseline frame, x%.2f CPU\n",
           "ev-hv-isolation (ev-workshop.glb)", ev.wall.median, ev.wall.min, ev.wall.max, "", ev.cpu.median,
           ev.cpu.min, ev.cpu.max, ev.wall.median / base.wall.median, ev.cpu.median / base.cpu.median);
    printf("%-32s %6.2f [%.2f-%.2f]%6s %6.2f [%.2f-%.2f]   x%.2f baseline frame, x%.2f CPU\n",
           "ev-hv-isolation, guided", guided.wall.median, guided.wall.min, guided.wall.max, "", guided.cpu.median,
           guided.cpu.min, guided.cpu.max, guided.wall.median / base.wall.median,
           guided.cpu.median / base.cpu.median);
    return 0;
}

/* xr_frame_clock.c — an LD_PRELOAD library for tools/bench/xr.sh: times an
 * application's frames from the outside, so paja and hello_xr are measured
 * the same way. A frame is the span between two calls, on one thread, of
 * xrWaitFrame (an OpenXR app's frame; the loader's exported function, which
 * this library wraps and forwards to) or of SDL_GL_SwapWindow (a desktop
 * app's frame). Per frame it keeps that thread's CPU time
 * (CLOCK_THREAD_CPUTIME_ID: the main thread's own work and the driver work
 * it does; llvmpipe's rasteriser threads are not in it) and the wall time.
 * At exit it writes, to the file XR_FRAME_CLOCK_OUT names, one line per
 * kind: "KIND frames N cpu_us MEDIAN wall_us MEDIAN", the first
 * XR_FRAME_CLOCK_SKIP frames (default 30: shader compilation) left out. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define MAX_FRAMES 100000

struct series {
    const char *name;
    double cpu[MAX_FRAMES], wall[MAX_FRAMES];
    int n;
    double last_cpu, last_wall;
    int started;
};

static struct series xr_frames = {.name = "xrWaitFrame"}, swaps = {.name = "SDL_GL_SwapWindow"};

static double now_us(clockid_t id)
{
    struct timespec t;
    clock_gettime(id, &t);
    return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static void tick(struct series *s)
{
    double c = now_us(CLOCK_THREAD_CPUTIME_ID), w = now_us(CLOCK_MONOTONIC);
    if (s->started && s->n < MAX_FRAMES) {
        s->cpu[s->n] = c - s->last_cpu;
        s->wall[s->n] = w - s->last_wall;
        s->n++;
    }
    s->started = 1;
    s->last_cpu = c;
    s->last_wall = w;
}

typedef int32_t (*wait_fn)(void *session, const void *info, void *state);
int32_t xrWaitFrame(void *session, const void *info, void *state);
int32_t xrWaitFrame(void *session, const void *info, void *state)
{
    static wait_fn next;
    if (!next) next = (wait_fn)dlsym(RTLD_NEXT, "xrWaitFrame");
    tick(&xr_frames);
    return next ? next(session, info, state) : -1;
}

typedef void (*swap_fn)(void *window);
void SDL_GL_SwapWindow(void *window);
void SDL_GL_SwapWindow(void *window)
{
    static swap_fn next;
    if (!next) next = (swap_fn)dlsym(RTLD_NEXT, "SDL_GL_SwapWindow");
    tick(&swaps);
    if (next) next(window);
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void report(FILE *f, struct series *s, int skip)
{
    int n = s->n - skip;
    if (n <= 0) return;
    fprintf(f, "%s frames %d cpu_us %.1f wall_us %.1f\n", s->name, n, median(s->cpu + skip, n),
            median(s->wall + skip, n));
}

__attribute__((destructor)) static void done(void)
{
    const char *out = getenv("XR_FRAME_CLOCK_OUT");
    const char *sk = getenv("XR_FRAME_CLOCK_SKIP");
    int skip = sk ? atoi(sk) : 30;
    FILE *f = out && *out ? fopen(out, "w") : NULL;
    if (!f) return;
    report(f, &xr_frames, skip);
    report(f, &swaps, skip);
    fclose(f);
}

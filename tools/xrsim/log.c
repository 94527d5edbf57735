/* xrsim: logging (XRSIM_LOG), misuse messages, and the runtime's own cost
 * per frame (time inside xrsim's calls, written at exit for tools/bench). */
#include "xrsim.h"

#include <openxr/openxr_reflection.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum xs_log_level xs_log_level = XS_LOG_WARN;
static FILE *log_file;

static pthread_mutex_t big_lock = PTHREAD_MUTEX_INITIALIZER;
static _Thread_local int lock_depth;

int64_t xs_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void xs_log(enum xs_log_level level, const char *fmt, ...)
{
    static const char *names[] = {"", "error", "warn", "info", "debug"};
    if (level > xs_log_level) return;
    FILE *f = log_file ? log_file : stderr;
    va_list ap;
    va_start(ap, fmt);
    fprintf(f, "xrsim %s: ", names[level]);
    vfprintf(f, fmt, ap);
    fputc('\n', f);
    fflush(f);
    va_end(ap);
}

XrResult xs_fail(XrResult r, const char *fn, const char *fmt, ...)
{
    if (xs_log_level >= XS_LOG_WARN) {
        char msg[512];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
        xs_log(XS_LOG_WARN, "%s -> %s: %s", fn, xs_result_name(r), msg);
    }
    return r;
}

const char *xs_result_name(XrResult r)
{
#define XS_RESULT_CASE(name, value)                                                                                    \
    case name: return #name;
    switch (r) {
        XR_LIST_ENUM_XrResult(XS_RESULT_CASE) default : return "XR_UNKNOWN_RESULT";
    }
#undef XS_RESULT_CASE
}

const char *xs_state_name(XrSessionState s)
{
#define XS_STATE_CASE(name, value)                                                                                     \
    case name: return #name;
    switch (s) {
        XR_LIST_ENUM_XrSessionState(XS_STATE_CASE) default : return "XR_SESSION_STATE_UNKNOWN";
    }
#undef XS_STATE_CASE
}

/* ---- the global lock and per-frame cost ---- */

static _Thread_local int64_t excluded_ns;
static int64_t frame_ns;         /* cost accumulated since the last xrEndFrame */
static int64_t *frame_costs;     /* one entry per ended frame */
static int64_t *frame_intervals; /* time between consecutive xrEndFrame returns */
static size_t frame_cost_count, frame_cost_cap;
static int64_t last_frame_end;

pthread_mutex_t *xs_lock_mutex(void)
{
    return &big_lock;
}
void xs_lock_take(void)
{
    pthread_mutex_lock(&big_lock);
}
void xs_lock_drop(void)
{
    pthread_mutex_unlock(&big_lock);
}

struct xs_call xs_call_enter(const char *name)
{
    struct xs_call c = {name, 0};
    if (lock_depth++ == 0) pthread_mutex_lock(&big_lock);
    c.start_ns = xs_now_ns();
    if (lock_depth == 1) excluded_ns = 0;
    xs_log(XS_LOG_DEBUG, "call %s", name);
    return c;
}

void xs_call_exclude(int64_t ns)
{
    excluded_ns += ns;
}

void xs_call_leave(struct xs_call *c)
{
    if (lock_depth == 1) frame_ns += xs_now_ns() - c->start_ns - excluded_ns;
    if (--lock_depth == 0) pthread_mutex_unlock(&big_lock);
}

void xs_stats_frame_done(void)
{
    if (frame_cost_count == frame_cost_cap) {
        size_t cap = frame_cost_cap ? frame_cost_cap * 2 : 1024;
        int64_t *n = realloc(frame_costs, cap * sizeof *n);
        if (!n) return;
        frame_costs = n;
        int64_t *m = realloc(frame_intervals, cap * sizeof *m);
        if (!m) return;
        frame_intervals = m;
        frame_cost_cap = cap;
    }
    int64_t now = xs_now_ns();
    frame_intervals[frame_cost_count] = last_frame_end ? now - last_frame_end : 0;
    last_frame_end = now;
    frame_costs[frame_cost_count++] = frame_ns;
    frame_ns = 0;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Writes "frames N median_us M p90_us P max_us X frame_median_us F" to
 * XRSIM_STATS (and logs it at info level): xrsim's own time per frame, and
 * the application's whole frame (xrEndFrame to xrEndFrame, the first frame
 * left out) for comparison. Dumped frames are in the count; the median is
 * what an ordinary frame costs. */
void xs_stats_write(void)
{
    if (frame_cost_count == 0) return;
    qsort(frame_costs, frame_cost_count, sizeof *frame_costs, cmp_i64);
    size_t n = frame_cost_count;
    double med = frame_costs[n / 2] / 1e3, p90 = frame_costs[n * 9 / 10] / 1e3, max = frame_costs[n - 1] / 1e3,
           frame = 0;
    if (n > 1) {
        qsort(frame_intervals + 1, n - 1, sizeof *frame_intervals, cmp_i64);
        frame = frame_intervals[1 + (n - 1) / 2] / 1e3;
    }
    last_frame_end = 0;
    if (xs_cfg.stats_path[0]) {
        FILE *f = fopen(xs_cfg.stats_path, "w");
        if (f) {
            fprintf(f, "frames %zu median_us %.2f p90_us %.2f max_us %.2f frame_median_us %.2f\n", n, med, p90, max,
                    frame);
            fclose(f);
        } else {
            xs_log(XS_LOG_ERROR, "cannot write XRSIM_STATS file %s", xs_cfg.stats_path);
        }
    }
    xs_log(XS_LOG_INFO, "own cost per frame over %zu frames: median %.2f us, p90 %.2f us, max %.2f us", n, med, p90,
           max);
    frame_cost_count = 0;
}

void xs_log_open(void)
{
    const char *lvl = getenv("XRSIM_LOG");
    xs_log_level = XS_LOG_WARN;
    if (lvl) {
        if (!strcmp(lvl, "none"))
            xs_log_level = XS_LOG_NONE;
        else if (!strcmp(lvl, "error"))
            xs_log_level = XS_LOG_ERROR;
        else if (!strcmp(lvl, "warn"))
            xs_log_level = XS_LOG_WARN;
        else if (!strcmp(lvl, "info"))
            xs_log_level = XS_LOG_INFO;
        else if (!strcmp(lvl, "debug"))
            xs_log_level = XS_LOG_DEBUG;
        else
            fprintf(stderr, "xrsim warn: XRSIM_LOG=%s is not one of none, error, warn, info, debug; using warn\n", lvl);
    }
    const char *file = getenv("XRSIM_LOG_FILE");
    if (log_file) { /* read again at each instance: a test may change it */
        fclose(log_file);
        log_file = NULL;
    }
    if (file && *file) {
        log_file = fopen(file, "a");
        if (!log_file) fprintf(stderr, "xrsim error: cannot open XRSIM_LOG_FILE %s; logging to stderr\n", file);
    }
}

/* app_delivery.c — the live delivery worker (see app_delivery.h).
 *
 * One worker per process, in a static: `paja run` runs one session at a
 * time, restarts open more records, and all of them share one outbox, which
 * two senders in one process would only race over.
 *
 * Handoff: the frame thread appends a path to `watch` (under `mu`, a copy
 * of at most a few hundred bytes) and flips `closed`; nothing else. The
 * worker copies the list under the same mutex and does all reading,
 * mapping, writing and sending outside it. `state` is an atomic the end
 * panel reads every frame. */
/* realpath(3) is XSI. */
#define _XOPEN_SOURCE 700
#define LOG_TAG "app"
#include "app_delivery.h"

#include "app_settings.h"
#include "app_trust.h"
#include "arena.h"
#include "clock.h"
#include "log.h"
#include "record.h"
#include "str.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define WATCH_MAX 32
/* How often the worker looks at the watched records' sizes: a statement is
 * queued at most this long after its line reached the disk. */
#define POLL_MS 200
/* Retry delays while the LRS cannot be reached: doubling, capped, so a
 * school network coming back is noticed within seconds. */
#define RETRY_MIN_MS 500
#define RETRY_MAX_MS 8000

struct watch {
    char path[PATH_MAX];  /* absolute */
    char given[PATH_MAX]; /* as the session named it (app_delivery_closed) */
    bool closed;        /* the session sealed it (set by the frame thread) */
    /* Worker only: */
    long long read_size; /* size when last mapped; -1 never */
    bool closed_read;    /* mapped after the seal */
};

static struct {
    bool on;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t wake, progress;
    struct watch watch[WATCH_MAX];
    int n_watch;
    char endpoint[1024], auth[1024], outbox[PATH_MAX];
    bool have_auth;
    /* The key seals are checked with (records.public_key, else the signing
     * key's own public half): a result is only sent from a record whose
     * seal verifies (rec_xapi.c), and the sealed session's result is what
     * the end panel reports. */
    struct app_trust_keys keys; /* ring.n 0: none */
    char key_path[PATH_MAX];
    enum scenario_lang lang;
    atomic_int state;
    atomic_bool stop;      /* leave the loop */
    atomic_bool cancel;    /* abandon a transfer in flight */
    atomic_uint generation; /* bumped by the frame thread on watch/close */
    /* Worker -> end: counts of the last pass (under mu). */
    int delivered, waiting, damaged;
    bool failing;
    char last_error[512];
    unsigned passes;       /* completed passes (under mu) */
} g = {.mu = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER, .progress = PTHREAD_COND_INITIALIZER};

static const char *const TEXT[4][SCENARIO_LANG_COUNT] = {
    [APP_DELIVERY_OFF] = {"", "", ""},
    [APP_DELIVERY_SENDING] = {"Tulosta lähetetään oppilaitoksen LRS:ään…", "Sending the result to the school's LRS…",
                              "Resultatet skickas till skolans LRS…"},
    [APP_DELIVERY_SENT] = {"Tulos on perillä oppilaitoksen LRS:ssä.", "The result reached the school's LRS.",
                           "Resultatet har nått skolans LRS."},
    [APP_DELIVERY_LATER] = {"Oppilaitoksen LRS ei vastaa: tulos lähetetään myöhemmin.",
                            "The school's LRS cannot be reached: the result will be sent later.",
                            "Skolans LRS svarar inte: resultatet skickas senare."},
};

const char *app_delivery_text(enum app_delivery_state st, enum scenario_lang lang)
{
    if ((unsigned)st > APP_DELIVERY_LATER || (unsigned)lang >= SCENARIO_LANG_COUNT) return "";
    return TEXT[st][lang];
}

enum app_delivery_state app_delivery_state(void)
{
    return (enum app_delivery_state)atomic_load(&g.state);
}

static bool cancelled(void *user)
{
    (void)user;
    return atomic_load(&g.cancel);
}

/* Maps the record as it is on disk now and queues statements the outbox
 * has not seen (rec_outbox_add skips ids waiting or sent). */
static void queue_record(const char *path)
{
    struct arena a;
    arena_init(&a, "delivery", 1 << 20);
    struct rec_record r;
    char err[512];
    const struct rec_keyring *ring = g.keys.ring.n ? &g.keys.ring : NULL;
    if (!rec_record_load_ring(path, ring, REC_READ_NO_POSES, &a, &r, err, sizeof err)) {
        LOG_W("live delivery: %s", err);
    } else if (r.check.integrity == REC_INTEGRITY_ALTERED) {
        LOG_W("live delivery: %s is altered at line %zu; not sent", path, r.check.finding_line);
    } else {
        struct str_buf b = {0};
        rec_xapi_statements(&r, NULL, &b);
        struct rec_outbox_source src = {.record_path = path, .key_path = ring ? g.key_path : NULL};
        if (b.len && rec_outbox_add(g.outbox, b.data, b.len, &src, err, sizeof err) < 0)
            LOG_W("live delivery: outbox %s: %s", g.outbox, err);
        str_buf_free(&b);
    }
    arena_fini(&a);
}

static long long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long long)st.st_size : -1;
}

static void *worker(void *arg)
{
    (void)arg;
    int retry_ms = 0;
    uint64_t next_try_ns = 0;
    while (!atomic_load(&g.stop)) {
        unsigned gen = atomic_load(&g.generation);
        /* Copy the list out; all I/O happens without the lock. */
        struct watch w[WATCH_MAX];
        pthread_mutex_lock(&g.mu);
        int n = g.n_watch;
        memcpy(w, g.watch, sizeof w[0] * (size_t)n);
        pthread_mutex_unlock(&g.mu);

        bool queued = false;
        for (int i = 0; i < n; i++) {
            long long size = file_size(w[i].path);
            if (size < 0) continue;
            if (size != w[i].read_size || (w[i].closed && !w[i].closed_read)) {
                queue_record(w[i].path);
                w[i].read_size = size;
                if (w[i].closed) w[i].closed_read = true;
                queued = true;
            }
        }
        int waiting = rec_outbox_count(g.outbox);
        struct rec_outbox_result res = {0};
        bool tried = false, ok = true;
        uint64_t now = clock_mono_ns();
        if (waiting > 0 && (queued || now >= next_try_ns)) {
            const struct rec_outbox_send_opts so = {.connect_timeout_s = 3, .timeout_s = 10, .cancelled = cancelled};
            ok = rec_outbox_send_ex(g.outbox, g.endpoint, g.have_auth ? g.auth : NULL, &so, &res);
            tried = true;
            waiting = res.waiting;
            if (!ok && res.waiting > 0) {
                retry_ms = retry_ms ? (retry_ms * 2 > RETRY_MAX_MS ? RETRY_MAX_MS : retry_ms * 2) : RETRY_MIN_MS;
                next_try_ns = clock_mono_ns() + (uint64_t)retry_ms * 1000000u;
            } else {
                retry_ms = 0;
                next_try_ns = 0;
            }
        }

        pthread_mutex_lock(&g.mu);
        /* Write back the worker's own fields of the entries it looked at
         * (the frame thread only ever appends or sets `closed`). */
        bool all_closed = true; /* no session open: nothing pending of its own */
        for (int i = 0; i < g.n_watch; i++) {
            if (i < n) {
                g.watch[i].read_size = w[i].read_size;
                g.watch[i].closed_read = w[i].closed_read;
            }
            if (!g.watch[i].closed_read) all_closed = false;
        }
        if (tried) {
            g.delivered += res.delivered;
            g.damaged += res.damaged;
            g.failing = !ok;
            if (!ok) snprintf(g.last_error, sizeof g.last_error, "%s", res.message);
        }
        g.waiting = waiting;
        enum app_delivery_state st = APP_DELIVERY_SENDING;
        if (g.failing && waiting > 0) st = APP_DELIVERY_LATER;
        else if (all_closed && waiting == 0 && !g.failing) st = APP_DELIVERY_SENT;
        atomic_store(&g.state, (int)st);
        g.passes++;
        pthread_cond_broadcast(&g.progress);
        /* Sleep until the frame thread hands something over, the next poll
         * or retry is due, or the end. */
        if (!atomic_load(&g.stop) && atomic_load(&g.generation) == gen) {
            struct timespec until;
            clock_gettime(CLOCK_REALTIME, &until);
            long ms = POLL_MS;
            until.tv_sec += ms / 1000;
            until.tv_nsec += (ms % 1000) * 1000000L;
            if (until.tv_nsec >= 1000000000L) until.tv_sec++, until.tv_nsec -= 1000000000L;
            pthread_cond_timedwait(&g.wake, &g.mu, &until);
        }
        pthread_mutex_unlock(&g.mu);
    }
    return NULL;
}

void app_delivery_begin(const struct app_settings *s, enum scenario_lang lang)
{
    if (g.on || !s || !s->lrs.endpoint || !*s->lrs.endpoint) return;
    /* A fresh start (benchmarks begin and end many runs in one process). */
    g.n_watch = 0;
    g.delivered = g.waiting = g.damaged = 0;
    g.failing = false;
    g.last_error[0] = '\0';
    g.have_auth = false;
    g.lang = lang;
    char err[512];
    if (s->lrs.credentials) {
        if (!app_settings_lrs_auth(s, g.auth, sizeof g.auth, err, sizeof err)) {
            LOG_W("live delivery is off: %s; records are still written (paja xapi sends them)", err);
            return;
        }
        g.have_auth = true;
    }
    /* records.public_key (a key or a folder of keys), else the signing
     * key, which holds its public half. Loaded here, before the worker
     * starts; the worker only reads them. */
    const char *kp = s->public_key ? s->public_key : s->signing_key;
    memset(&g.keys, 0, sizeof g.keys);
    g.key_path[0] = '\0';
    if (kp) {
        if (!realpath(kp, g.key_path)) snprintf(g.key_path, sizeof g.key_path, "%s", kp);
        if (!app_trust_keys("run", g.key_path, &g.keys)) {
            LOG_W("live delivery: results are not sent until a key checks the seals (paja xapi --key)");
            memset(&g.keys, 0, sizeof g.keys);
        }
    }
    snprintf(g.endpoint, sizeof g.endpoint, "%s", s->lrs.endpoint);
    if (s->lrs.outbox && *s->lrs.outbox) {
        snprintf(g.outbox, sizeof g.outbox, "%s", s->lrs.outbox);
    } else {
        const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
        if (state && *state) snprintf(g.outbox, sizeof g.outbox, "%s/paja/outbox", state);
        else snprintf(g.outbox, sizeof g.outbox, "%s/.local/state/paja/outbox", home && *home ? home : ".");
    }
    rec_outbox_global_init(); /* before the thread: not thread-safe in older libcurl */
    atomic_store(&g.stop, false);
    atomic_store(&g.cancel, false);
    atomic_store(&g.state, (int)APP_DELIVERY_SENDING);
    if (pthread_create(&g.thread, NULL, worker, NULL) != 0) {
        LOG_W("live delivery is off: cannot start its thread (%s)", strerror(errno));
        atomic_store(&g.state, (int)APP_DELIVERY_OFF);
        return;
    }
    g.on = true;
    LOG_I("live delivery to %s (outbox %s)", g.endpoint, g.outbox);
}

static void hand_over(void)
{
    atomic_fetch_add(&g.generation, 1);
    pthread_cond_signal(&g.wake);
}

void app_delivery_watch(const char *record_path, enum scenario_lang lang)
{
    if (!g.on || !record_path || !*record_path) return;
    /* The outbox names the record for rebuilding a damaged file later,
     * from any folder: the absolute path, resolved before the lock. */
    char abs_path[PATH_MAX];
    if (!realpath(record_path, abs_path)) snprintf(abs_path, sizeof abs_path, "%s", record_path);
    pthread_mutex_lock(&g.mu);
    g.lang = lang;
    if (g.n_watch < WATCH_MAX) {
        struct watch *w = &g.watch[g.n_watch];
        memset(w, 0, sizeof *w);
        snprintf(w->path, sizeof w->path, "%s", abs_path);
        snprintf(w->given, sizeof w->given, "%s", record_path);
        w->read_size = -1;
        g.n_watch++;
    } else {
        LOG_W("live delivery: more than %d sessions in one run; %s is sent by paja xapi", WATCH_MAX, record_path);
    }
    pthread_mutex_unlock(&g.mu);
    hand_over();
}

void app_delivery_closed(const char *record_path)
{
    if (!g.on || !record_path) return;
    pthread_mutex_lock(&g.mu);
    for (int i = 0; i < g.n_watch; i++)
        if (strcmp(g.watch[i].given, record_path) == 0) g.watch[i].closed = true;
    pthread_mutex_unlock(&g.mu);
    hand_over();
}

enum app_delivery_state app_delivery_end(int wait_ms)
{
    if (!g.on) return APP_DELIVERY_OFF;
    hand_over();
    /* Bounded wait: until a pass after every record was sealed leaves
     * nothing waiting, the LRS is found unreachable, or the time is up. */
    uint64_t deadline = clock_mono_ns() + (uint64_t)wait_ms * 1000000u;
    pthread_mutex_lock(&g.mu);
    for (;;) {
        enum app_delivery_state st = app_delivery_state();
        if (st == APP_DELIVERY_SENT || st == APP_DELIVERY_LATER) break;
        uint64_t now = clock_mono_ns();
        if (now >= deadline) break;
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        uint64_t left = deadline - now;
        if (left > 100000000u) left = 100000000u;
        until.tv_nsec += (long)left;
        while (until.tv_nsec >= 1000000000L) until.tv_sec++, until.tv_nsec -= 1000000000L;
        pthread_cond_timedwait(&g.progress, &g.mu, &until);
    }
    pthread_mutex_unlock(&g.mu);
    atomic_store(&g.stop, true);
    atomic_store(&g.cancel, true);
    hand_over();
    pthread_join(g.thread, NULL);
    g.on = false;
    if (g.keys.keys) app_trust_keys_free(&g.keys);
    int waiting = rec_outbox_count(g.outbox);
    enum app_delivery_state st = app_delivery_state();
    if (waiting == 0 && st != APP_DELIVERY_LATER) st = APP_DELIVERY_SENT;
    else if (waiting > 0) st = APP_DELIVERY_LATER;
    atomic_store(&g.state, (int)st);
    if (st == APP_DELIVERY_SENT && g.n_watch == 0) {
        /* No session this run (the built-in workshop): only say something
         * when statements that had waited went out. */
        if (g.delivered)
            fprintf(stderr, "paja: %d statements that waited in %s were delivered to %s\n", g.delivered, g.outbox,
                    g.endpoint);
    } else if (st == APP_DELIVERY_SENT)
        fprintf(stderr, "paja: %s (%d statements delivered to %s)\n", app_delivery_text(st, g.lang), g.delivered,
                g.endpoint);
    else
        fprintf(stderr,
                "paja: %s\npaja: %d statements wait in %s; the next paja run sends them, or now: paja xapi --flush%s%s\n",
                app_delivery_text(st, g.lang), waiting, g.outbox, g.last_error[0] ? "\npaja: " : "", g.last_error);
    return st;
}

/* app_session.c — one trainee's run of a scenario: load it, open the
 * session record, and per frame pass the trainee's events to the scenario
 * and everything (actions and outcomes, same timestamps) to the record
 * (DESIGN.md §3, §5). The record is always written: a session that ends in
 * any way other than a crash is closed with its summary and seal, and a
 * crash loses at most the line being written (the writer flushes at step
 * boundaries and every second). */
#define LOG_TAG "app"
#include "app_session.h"

#include "arena.h"
#include "fs.h"
#include "log.h"
#include "record.h"
#include "uuid.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The file's modification time in ns, or -1 when it cannot be read. */
static int64_t file_mtime_ns(const char *path)
{
    struct stat st;
    if (!path || stat(path, &st) != 0) return -1;
    return (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
}

void app_records_default_dir(char *out, size_t size)
{
    const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
    /* XDG says a relative XDG_DATA_HOME is invalid and must be ignored. */
    if (xdg && xdg[0] == '/') snprintf(out, size, "%s/paja/records", xdg);
    else if (home && *home) snprintf(out, size, "%s/.local/share/paja/records", home);
    else snprintf(out, size, "paja-records");
}

/* The trainee id when none was given: the login name, else "anonymous". */
static const char *default_trainee(void)
{
    const char *u = getenv("USER");
    if (!u || !*u) u = getenv("LOGNAME");
    if (!u || !*u) u = getlogin();
    return u && *u ? u : "anonymous";
}

/* Keeps a file name to letters, digits and . _ - whatever the ids hold. */
static void safe_name(const char *in, char *out, size_t size)
{
    size_t n = 0;
    for (const char *p = in; *p && n + 1 < size; p++) {
        char c = *p;
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                  c == '_' || c == '-';
        out[n++] = ok ? c : '_';
    }
    out[n] = '\0';
    if (!n) snprintf(out, size, "x");
}

static struct rec_writer *open_record(struct app_session *s, const struct rec_header *h, char *err, size_t err_size)
{
    char dir[512];
    if (s->opts.records_dir) snprintf(dir, sizeof dir, "%s", s->opts.records_dir);
    else app_records_default_dir(dir, sizeof dir);
    if (!fs_mkdir_p(dir, err, err_size)) return NULL;
    char sid[80], tid[80], stamp[32];
    safe_name(h->scenario_id ? h->scenario_id : "scenario", sid, sizeof sid);
    safe_name(h->trainee, tid, sizeof tid);
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    /* Never overwrite: rec_writer_create refuses an existing file, so two
     * sessions in the same second get -2, -3, ... */
    for (int k = 1; k < 100; k++) {
        if (k == 1) snprintf(s->record_path, sizeof s->record_path, "%s/%s_%s_%s.jsonl", dir, sid, tid, stamp);
        else snprintf(s->record_path, sizeof s->record_path, "%s/%s_%s_%s-%d.jsonl", dir, sid, tid, stamp, k);
        if (fs_exists(s->record_path)) continue;
        return rec_writer_create(s->record_path, h, NULL, err, err_size);
    }
    snprintf(err, err_size, "%s: too many records with the same name", dir);
    return NULL;
}

int app_session_open(struct app_session *s, const struct app_session_opts *o)
{
    memset(s, 0, sizeof *s);
    s->opts = *o;
    struct scenario_diags d;
    scenario_diags_init(&d);
    s->sc = scenario_load(o->scenario_path, &d);
    scenario_diags_print(&d, stderr); /* errors, or the warnings of a good file */
    scenario_diags_fini(&d);
    if (!s->sc) {
        fprintf(stderr, "paja run: cannot start '%s': the scenario has errors (paja check shows them too)\n",
                o->scenario_path);
        return APP_EXIT_USAGE;
    }

    /* The content hash lets a teacher tell which version of the file a
     * record was made with, whatever its version string says. */
    char err[1024], hash[REC_HASH_HEX_LEN] = "";
    struct arena tmp;
    arena_init(&tmp, "session", 64 * 1024);
    size_t size = 0;
    const char *text = fs_read_all(scenario_get_file(s->sc), &tmp, &size, err, sizeof err);
    if (text) rec_sha256_hex(text, size, hash);
    arena_fini(&tmp);

    struct rec_header h = {
        .scenario_id = scenario_get_id(s->sc),
        .scenario_version = scenario_get_version(s->sc),
        .scenario_hash = hash[0] ? hash : NULL,
        .scenario_title = scenario_get_title(s->sc, o->lang),
        .trainee = o->trainee ? o->trainee : default_trainee(),
        .mode = scenario_mode_name(o->mode),
        .seed = o->seed,
        .device = o->device ? o->device : "desktop",
        .input = o->input ? o->input : "mouse",
        .paja_version = PAJA_VERSION,
        .lang = scenario_lang_code(o->lang),
    };
    s->rec = open_record(s, &h, err, sizeof err);
    if (!s->rec) {
        /* No session without its record: a trainee's work must never go
         * unrecorded, so refuse before they start rather than lose it. */
        fprintf(stderr, "paja run: cannot write the session record: %s\n", err);
        scenario_free(&s->sc);
        return APP_EXIT_USAGE;
    }
    struct scenario_session_opts so = {.mode = o->mode, .lang = o->lang, .seed = o->seed};
    s->run = scenario_session_create(s->sc, &so);
    s->file_mtime_ns = file_mtime_ns(scenario_get_file(s->sc));
    LOG_I("recording to %s", s->record_path);
    return APP_EXIT_OK;
}

static const char *const HINT_WORD[SCENARIO_LANG_COUNT] = {"Vihje", "Hint", "Tips"};
static const char *const WAITED[SCENARIO_LANG_COUNT] = {"Odotit", "You waited", "Du väntade"};
static const char *const TIME_WORD[SCENARIO_LANG_COUNT] = {"aika", "time", "tid"};

int64_t app_clock_frame(struct app_clock *c, int64_t raw_us, bool paused)
{
    if (paused && c->started) c->paused_us += raw_us - c->last_raw_us;
    c->last_raw_us = raw_us;
    c->started = true;
    return raw_us - c->paused_us + c->waited_us;
}

void app_clock_wait(struct app_clock *c, int64_t us)
{
    if (us > 0) c->waited_us += us;
}

bool app_feedback_visible(const struct app_feedback *f, uint32_t i, int64_t t_us)
{
    return i < f->n && t_us < f->until_us[i];
}

static void feedback_push(struct app_feedback *f, int64_t t_us, int64_t show_us, bool warn, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void feedback_push(struct app_feedback *f, int64_t t_us, int64_t show_us, bool warn, const char *fmt, ...)
{
    if (f->n == APP_FEEDBACK_LINES) {
        memmove(&f->text[0], &f->text[1], sizeof f->text[0] * (APP_FEEDBACK_LINES - 1));
        memmove(&f->t_us[0], &f->t_us[1], sizeof f->t_us[0] * (APP_FEEDBACK_LINES - 1));
        memmove(&f->until_us[0], &f->until_us[1], sizeof f->until_us[0] * (APP_FEEDBACK_LINES - 1));
        memmove(&f->warn[0], &f->warn[1], sizeof f->warn[0] * (APP_FEEDBACK_LINES - 1));
        f->n--;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(f->text[f->n], sizeof f->text[0], fmt, ap);
    va_end(ap);
    f->t_us[f->n] = t_us;
    f->until_us[f->n] = t_us + show_us;
    f->warn[f->n] = warn;
    f->n++;
}

/* A reading on the instrument's display and, for a few seconds, in the
 * feedback lines: the tool, the value and where it was taken, by name. */
static void show_reading(struct app_session *s, const struct ev *e)
{
    enum scenario_lang L = s->opts.lang;
    struct app_reading *r = &s->reading;
    r->have = true;
    r->t_us = e->t_us;
    snprintf(r->tool, sizeof r->tool, "%s", e->subject ? e->subject : "");
    snprintf(r->text, sizeof r->text, "%.1f %s", e->value, e->unit ? e->unit : "");
    snprintf(r->target, sizeof r->target, "%s", e->target ? app_scenario_object_name(s->sc, e->target, L) : "");
    feedback_push(&s->feedback, e->t_us, APP_FEEDBACK_READING_US, false, "%s: %s%s%s%s",
                  app_scenario_object_name(s->sc, e->subject, L), r->text, r->target[0] ? " (" : "", r->target,
                  r->target[0] ? ")" : "");
}

/* Record an event and let the HUD know what the trainee should hear of it. */
static void consume(struct app_session *s, const struct ev *e)
{
    rec_writer_append(s->rec, e);
    bool explain = s->opts.mode != SCENARIO_MODE_EXAM; /* exams record, never explain */
    switch (e->type) {
    case EV_RULE_VIOLATED:
        s->violations++;
        if (explain && e->detail && *e->detail)
            feedback_push(&s->feedback, e->t_us, APP_FEEDBACK_TEXT_US, true, "! %s", e->detail);
        break;
    case EV_HINT_SHOWN:
        if (e->detail && *e->detail)
            feedback_push(&s->feedback, e->t_us, APP_FEEDBACK_TEXT_US, false, "%s: %s", HINT_WORD[s->opts.lang],
                          e->detail);
        break;
    case EV_READING:
        /* The instrument's display: shown in every mode, exams included. */
        show_reading(s, e);
        break;
    case EV_STEP_COMPLETED:
        s->steps_completed++;
        snprintf(s->last_step, sizeof s->last_step, "%s", e->subject ? e->subject : "step");
        break;
    case EV_FINISHED:
        s->finished = true;
        snprintf(s->result_text, sizeof s->result_text, "%s", scenario_session_explain(s->run));
        break;
    default: break;
    }
}

static void consume_all(struct app_session *s, const struct ev_queue *q)
{
    for (size_t i = 0; i < q->n; i++) consume(s, &q->v[i]);
}

void app_session_start(struct app_session *s, int64_t t_us)
{
    struct arena a;
    arena_init(&a, "session start", 16 * 1024);
    struct ev_queue q;
    ev_queue_init(&q, &a);
    scenario_session_start(s->run, t_us, &q);
    consume_all(s, &q);
    arena_fini(&a);
    s->last_t_us = t_us;
    s->start_us = t_us;
    s->started = true;
}

void app_session_frame(struct app_session *s, const struct ev *in, size_t n, bool hint_request, int64_t t_us,
                       const struct pose *head, const struct pose *const hands[HAND_COUNT],
                       struct arena *frame_arena)
{
    if (!s->rec) return;
    if (t_us < s->last_t_us) t_us = s->last_t_us; /* the scenario clock never runs back */
    struct ev_queue actions, out;
    ev_queue_init(&actions, frame_arena);
    ev_queue_init(&out, frame_arena);
    for (size_t i = 0; i < n; i++) ev_queue_push(&actions, &in[i]);
    if (hint_request) {
        struct ev h = {.type = EV_HINT_REQUEST, .t_us = t_us, .hand = -1};
        ev_queue_push(&actions, &h);
    }
    /* Actions go into the record before their outcomes, each with the
     * frame's timestamp, so a replay feeds them back in the same order. */
    for (size_t i = 0; i < actions.n; i++) rec_writer_append(s->rec, &actions.v[i]);
    /* A wait the trainee chose: said on screen with the session time it
     * leads to (the jump itself is the caller's clock, app_clock_wait). */
    for (size_t i = 0; i < n; i++) {
        const struct ev *e = &in[i];
        if (e->type != EV_UI || !e->subject || strcmp(e->subject, APP_WAIT_SUBJECT) != 0) continue;
        int64_t after_s = (t_us - s->start_us) / 1000000 + (int64_t)e->value;
        feedback_push(&s->feedback, t_us, APP_FEEDBACK_TEXT_US, false, "%s %d min (%s %d:%02d)", WAITED[s->opts.lang],
                      (int)(e->value / 60.0), TIME_WORD[s->opts.lang], (int)(after_s / 60), (int)(after_s % 60));
    }
    scenario_session_step(s->run, actions.v, actions.n, t_us, &out);
    consume_all(s, &out);
    if (hands) rec_writer_pose(s->rec, t_us, head, hands[HAND_LEFT], hands[HAND_RIGHT]);
    else rec_writer_pose(s->rec, t_us, head, NULL, NULL);
    rec_writer_tick(s->rec, t_us);
    s->last_t_us = t_us;
}

bool app_session_poll_reload(struct app_session *s, int64_t t_us, bool force)
{
    if (!s->rec || !s->run) return false;
    if (!force && t_us - s->last_poll_us < 1000000) return false;
    s->last_poll_us = t_us;
    int64_t m = file_mtime_ns(scenario_get_file(s->sc));
    if (!force && (m < 0 || m == s->file_mtime_ns)) return false;
    s->file_mtime_ns = m;
    struct scenario_diags d;
    scenario_diags_init(&d);
    struct scenario *next = scenario_load(s->opts.scenario_path, &d);
    scenario_diags_print(&d, stderr);
    scenario_diags_fini(&d);
    if (!next) {
        LOG_W("%s changed but has errors; going on with the version loaded before", s->opts.scenario_path);
        return false;
    }
    if (t_us < s->last_t_us) t_us = s->last_t_us;
    struct arena a;
    arena_init(&a, "reload", 16 * 1024);
    struct ev_queue q;
    ev_queue_init(&q, &a);
    scenario_session_reload(s->run, next, t_us, &q);
    s->retired = xrealloc(s->retired, sizeof *s->retired * (s->retired_count + 1));
    s->retired[s->retired_count++] = s->sc;
    s->sc = next;
    consume_all(s, &q);
    arena_fini(&a);
    s->reloads++;
    LOG_I("reloaded %s (version %s)", scenario_get_file(next), scenario_get_version(next));
    return true;
}

bool app_session_close(struct app_session *s, int64_t t_us)
{
    if (!s->rec) return false;
    if (t_us < s->last_t_us) t_us = s->last_t_us;
    if (!s->finished) {
        struct arena a;
        arena_init(&a, "session end", 16 * 1024);
        struct ev_queue q;
        ev_queue_init(&q, &a);
        scenario_session_finish(s->run, t_us, &q);
        consume_all(s, &q);
        arena_fini(&a);
    }
    char err[512];
    bool ok = rec_writer_close(&s->rec, t_us, err, sizeof err);
    struct scenario_status st;
    scenario_session_status(s->run, &st);
    if (ok)
        fprintf(stderr, "paja: %s, score %.0f; session record written to %s\n", scenario_result_name(st.result),
                st.score, s->record_path);
    else
        fprintf(stderr, "paja: the session record %s could not be completed: %s\n", s->record_path, err);
    return ok;
}

void app_session_free(struct app_session *s)
{
    if (s->rec) rec_writer_abandon(&s->rec);
    scenario_session_destroy(&s->run);
    scenario_free(&s->sc);
    for (size_t i = 0; i < s->retired_count; i++) scenario_free(&s->retired[i]);
    free(s->retired);
    s->retired = NULL;
    s->retired_count = 0;
}

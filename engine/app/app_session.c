/* app_session.c — one trainee's run of a scenario: load it, open the
 * session record, and per frame pass the trainee's events to the scenario
 * and everything (actions and outcomes, same timestamps) to the record
 * (DESIGN.md §3, §5). The record is always written: a session that ends in
 * any way other than a crash is closed with its summary and seal, and a
 * crash loses at most the line being written (the writer flushes at step
 * boundaries and every second). */
#define LOG_TAG "app"
#include "app_session.h"
#include "app_delivery.h"

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

/* The private key leaves memory once the writer holds its own copy. */
static void forget_key(struct rec_key *k)
{
    volatile unsigned char *p = (volatile unsigned char *)k;
    for (size_t i = 0; i < sizeof *k; i++) p[i] = 0;
}

/* A stamp of the file's state, or -1 when it cannot be read: the
 * modification and status-change times, size and inode mixed, so an edit is
 * seen even when its modification time was set back (touch -r) or falls in
 * the same clock tick as the load: writing or renaming a file over it moves
 * its change time, which no user can set. */
static int64_t file_mtime_ns(const char *path)
{
    struct stat st;
    if (!path || stat(path, &st) != 0) return -1;
    uint64_t v[] = {(uint64_t)st.st_mtim.tv_sec, (uint64_t)st.st_mtim.tv_nsec, (uint64_t)st.st_ctim.tv_sec,
                    (uint64_t)st.st_ctim.tv_nsec, (uint64_t)st.st_size, (uint64_t)st.st_ino};
    uint64_t h = 1469598103934665603ull; /* FNV-1a over the fields */
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        for (int b = 0; b < 64; b += 8) h = (h ^ ((v[i] >> b) & 0xff)) * 1099511628211ull;
    return (int64_t)(h >> 1);
}

void app_records_default_dir(char *out, size_t size)
{
    const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
    /* XDG says a relative XDG_DATA_HOME is invalid and must be ignored. */
    if (xdg && xdg[0] == '/') snprintf(out, size, "%s/paja/records", xdg);
    else if (home && *home) snprintf(out, size, "%s/.local/share/paja/records", home);
    else snprintf(out, size, "paja-records");
}

bool app_trainee_valid(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 64) return false;
    for (const char *p = s; *p; p++) {
        char c = *p;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
              c == '@' || c == '-'))
            return false;
    }
    return true;
}

const char *app_default_trainee(void)
{
    const char *u = getenv("USER");
    if (!u || !*u) u = getenv("LOGNAME");
    if (!u || !*u) u = getlogin();
    if (!u || !*u) return "anonymous";
    if (!app_trainee_valid(u)) {
        /* The login name would go into file names and xAPI accounts
         * unchecked; the session still runs, under a safe id. */
        fprintf(stderr,
                "paja run: the login name is not a valid trainee id (1 to 64 letters, digits or . _ @ -); "
                "the record says 'anonymous'; give --trainee ID\n");
        return "anonymous";
    }
    return u;
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

static struct rec_writer *open_record(struct app_session *s, const struct rec_header *h, const struct rec_key *key,
                                      char *err, size_t err_size)
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
        return rec_writer_create(s->record_path, h, key, err, err_size);
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

    /* Hot reload and the exam's freeze compare against the file as it was
     * loaded: an edit from here on, even before the record exists, counts. */
    s->file_mtime_ns = file_mtime_ns(scenario_get_file(s->sc));
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
        .trainee = o->trainee ? o->trainee : app_default_trainee(),
        .mode = scenario_mode_name(o->mode),
        .seed = o->seed,
        .device = o->device ? o->device : "desktop",
        .input = o->input ? o->input : "mouse",
        .paja_version = PAJA_VERSION,
        .lang = scenario_lang_code(o->lang),
    };
    /* The seal's key. One that cannot be read must not cost the trainee
     * the session: the record is written and closed without a key's seal
     * (verify and the report then say it cannot be trusted), and the
     * reason is said now, where IT can fix it. */
    struct rec_key key;
    bool have_key = false;
    if (o->signing_key) {
        char kerr[1024];
        have_key = rec_key_load(o->signing_key, &key, kerr, sizeof kerr);
        if (have_key && key.kind == REC_KEY_ED25519_PUBLIC) {
            snprintf(kerr, sizeof kerr, "'%s' is a public key; sealing needs the private key", o->signing_key);
            have_key = false;
        }
        struct stat kst;
        if (have_key && stat(o->signing_key, &kst) == 0 && (kst.st_mode & 0007))
            /* Anyone who can read it can seal a forged record. Said, not
             * refused: the session must still be recorded. */
            fprintf(stderr,
                    "paja run: warning: the signing key %s can be read by every account on this computer (mode "
                    "%04o), so anyone could forge seals with it; make it readable only by paja's account "
                    "(chmod 600, or 640 for a group)\n",
                    o->signing_key, (unsigned)(kst.st_mode & 07777));
        if (!have_key) {
            s->seal_key_failed = true;
            fprintf(stderr,
                    "paja run: cannot seal this session's record: %s\n"
                    "paja run: the record is still written, but closed without the institution's seal, so verify "
                    "and the report will not trust it (fix records.signing_key or --key; paja config shows where it "
                    "is set)\n",
                    kerr);
        }
    }
    s->rec = open_record(s, &h, have_key ? &key : NULL, err, sizeof err);
    forget_key(&key);
    if (!s->rec) {
        /* No session without its record: a trainee's work must never go
         * unrecorded, so refuse before they start rather than lose it. */
        fprintf(stderr, "paja run: cannot write the session record: %s\n", err);
        scenario_free(&s->sc);
        return APP_EXIT_USAGE;
    }
    struct scenario_session_opts so = {.mode = o->mode, .lang = o->lang, .seed = o->seed};
    s->run = scenario_session_create(s->sc, &so);
    LOG_I("recording to %s", s->record_path);
    app_delivery_watch(s->record_path, s->opts.lang);
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
    if (s->outcome) scenario_outcome_add(s->outcome, e, 1);
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
    /* Finished: nothing after this changes the result, so the record is
     * sealed now and its result can go to the LRS while the end panel
     * shows, not only when the trainee quits. */
    if (s->finished) app_session_close(s, t_us);
}

/* A frozen session (exam, or hot reload off): the change goes into the
 * record with the file's new content hash, so the report can show that
 * someone edited the scenario while it ran, and is not applied. */
static void note_change(struct app_session *s, int64_t t_us)
{
    char err[512], hash[REC_HASH_HEX_LEN] = "";
    struct arena tmp;
    arena_init(&tmp, "changed", 64 * 1024);
    size_t size = 0;
    const char *text = fs_read_all(scenario_get_file(s->sc), &tmp, &size, err, sizeof err);
    if (text) rec_sha256_hex(text, size, hash);
    arena_fini(&tmp);
    if (t_us < s->last_t_us) t_us = s->last_t_us;
    struct ev e = {.type = EV_SCENARIO_CHANGED, .t_us = t_us, .hand = -1, .subject = scenario_get_id(s->sc),
                   .detail = hash[0] ? hash : "unreadable"};
    rec_writer_append(s->rec, &e);
    s->changes_noted++;
    LOG_W("%s changed on disk; not applied: %s", scenario_get_file(s->sc),
          s->opts.mode == SCENARIO_MODE_EXAM ? "an exam runs the scenario as it was at its start"
                                             : "hot reload is off (session.hot_reload)");
}

bool app_session_poll_reload(struct app_session *s, int64_t t_us, bool force)
{
    if (!s->rec || !s->run) return false;
    if (!force && t_us - s->last_poll_us < 1000000) return false;
    s->last_poll_us = t_us;
    int64_t m = file_mtime_ns(scenario_get_file(s->sc));
    bool changed = m >= 0 && m != s->file_mtime_ns;
    if (!force && !changed) return false;
    if (s->opts.mode == SCENARIO_MODE_EXAM || !s->opts.hot_reload) {
        /* Frozen: noted once per change on disk, never applied. */
        if (changed) {
            s->file_mtime_ns = m;
            note_change(s, t_us);
        }
        return false;
    }
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
    if (s->sealed) return s->seal_ok;
    if (!s->rec) return false;
    if (t_us < s->last_t_us) t_us = s->last_t_us;
    /* A frozen session's scenario edited in its last second is noted too
     * (the poll looks once a second). */
    if (s->run && (s->opts.mode == SCENARIO_MODE_EXAM || !s->opts.hot_reload)) {
        int64_t m = file_mtime_ns(scenario_get_file(s->sc));
        if (m >= 0 && m != s->file_mtime_ns) {
            s->file_mtime_ns = m;
            note_change(s, t_us);
        }
    }
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
    s->sealed = true;
    s->seal_ok = ok;
    if (ok) app_delivery_closed(s->record_path);
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

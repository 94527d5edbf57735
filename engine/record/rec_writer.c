/* rec_writer.c — the session record writer (see record.h and
 * docs/record-format.md).
 *
 * Lines are built with cJSON, hashed into the chain and kept in a memory
 * buffer; write(2) hands them to the kernel at step boundaries, every second
 * of scenario time and when the buffer grows large, so a frame never waits
 * for a disk. fsync happens twice only: after the header (so the file
 * exists after a power cut) and at close. A crash therefore loses at most
 * the lines since the last flush, and never corrupts an earlier line. */
#define LOG_TAG "record"
#include "record.h"

#include "arena.h"
#include "clock.h"
#include "log.h"
#include "str.h"
#include "uuid.h"

#include <cjson/cJSON.h>
#include <openssl/crypto.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct rec_writer {
    int fd;
    char *path;
    struct str_buf buf;          /* complete lines not yet written */
    char head[REC_HASH_HEX_LEN]; /* hash of the last line */
    uint64_t seq;                /* "n" of the next line */
    uint64_t bytes, lines;
    int64_t last_flush_us;
    int64_t last_t_us;
    bool has_key;
    struct rec_key key;
    char session[UUID_STR_LEN];
    bool io_error_logged;
    /* pose decimation */
    bool pose_any;
    int64_t pose_t_us;
    float pose_last[3][7];
    bool pose_has[3];
    /* running totals for the summary */
    int steps, hints, violations[4];
    bool finished;
    char result[32];
    double score, score_max;
    /* reused print buffer for cJSON */
    char *print;
    int print_cap;
};

static void put_str(cJSON *o, const char *key, const char *v)
{
    if (v) cJSON_AddStringToObject(o, key, v);
}

/* Prints obj, chains it and appends the line to the buffer. */
static void emit(struct rec_writer *w, cJSON *obj)
{
    while (!cJSON_PrintPreallocated(obj, w->print, w->print_cap, false)) {
        w->print_cap *= 2;
        w->print = xrealloc(w->print, (size_t)w->print_cap);
    }
    size_t len = strlen(w->print);
    ASSERT(len >= 2 && w->print[len - 1] == '}');
    /* The body is the object without its closing brace; the hash goes in
     * as the last member, so the body is hashed exactly as it is stored. */
    size_t body_len = len - 1;
    char h[REC_HASH_HEX_LEN];
    rec_chain_next(w->head, w->print, body_len, h);
    str_buf_append(&w->buf, w->print, body_len);
    str_buf_puts(&w->buf, ",\"h\":\"");
    str_buf_append(&w->buf, h, 64);
    str_buf_puts(&w->buf, "\"}\n");
    memcpy(w->head, h, sizeof h);
    w->seq++;
    w->lines++;
    cJSON_Delete(obj);
}

static cJSON *line_new(struct rec_writer *w, const char *kind, int64_t t_us)
{
    cJSON *o = cJSON_CreateObject();
    if (!o) core_oom("cJSON object", 0);
    cJSON_AddNumberToObject(o, "n", (double)w->seq);
    cJSON_AddStringToObject(o, "k", kind);
    if (t_us >= 0) cJSON_AddNumberToObject(o, "t", (double)t_us);
    return o;
}

bool rec_writer_flush(struct rec_writer *w)
{
    if (!w) return false;
    size_t done = 0;
    while (done < w->buf.len) {
        ssize_t n = write(w->fd, w->buf.data + done, w->buf.len - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            /* Disk full or gone: keep what is left and try again at the next
             * flush; the trainee's session goes on either way. */
            if (!w->io_error_logged) LOG_E("[%s] cannot write: %s (kept in memory, retrying)", w->path, strerror(errno));
            w->io_error_logged = true;
            break;
        }
        done += (size_t)n;
        w->bytes += (size_t)n;
    }
    if (done) {
        memmove(w->buf.data, w->buf.data + done, w->buf.len - done);
        w->buf.len -= done;
        w->buf.data[w->buf.len] = '\0';
    }
    w->last_flush_us = w->last_t_us;
    return w->buf.len == 0;
}

static void fsync_dir_of(const char *path)
{
    char dir[4096];
    const char *slash = strrchr(path, '/');
    if (!slash) snprintf(dir, sizeof dir, ".");
    else if (slash == path) snprintf(dir, sizeof dir, "/");
    else snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    int fd = open(dir, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
}

struct rec_writer *rec_writer_create(const char *path, const struct rec_header *h, const struct rec_key *key,
                                     char *err, size_t err_size)
{
    if (key && key->kind == REC_KEY_ED25519_PUBLIC) {
        snprintf(err, err_size, "a public key cannot seal a record; give the private key (paja key new wrote both)");
        return NULL;
    }
    /* O_EXCL: a new session never overwrites an earlier trainee record. */
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) {
        snprintf(err, err_size, "cannot create record '%s': %s", path, strerror(errno));
        return NULL;
    }
    struct rec_writer *w = xcalloc(1, sizeof *w);
    w->fd = fd;
    w->path = xmalloc(strlen(path) + 1);
    strcpy(w->path, path);
    memcpy(w->head, REC_CHAIN_GENESIS, sizeof w->head);
    w->print_cap = 1024;
    w->print = xmalloc((size_t)w->print_cap);
    if (key) {
        w->has_key = true;
        w->key = *key;
    }
    if (h->session) snprintf(w->session, sizeof w->session, "%s", h->session);
    else uuid_format(uuid_v4_random(), w->session);
    char start[40];
    if (h->start_utc) snprintf(start, sizeof start, "%s", h->start_utc);
    else clock_utc_iso8601(start, sizeof start);
    w->score_max = h->score_max > 0 ? h->score_max : 100.0;
    snprintf(w->result, sizeof w->result, "incomplete");

    cJSON *o = line_new(w, "header", -1);
    cJSON_AddStringToObject(o, "format", REC_FORMAT_NAME);
    cJSON_AddNumberToObject(o, "version", REC_FORMAT_VERSION);
    cJSON_AddStringToObject(o, "session", w->session);
    cJSON *sc = cJSON_AddObjectToObject(o, "scenario");
    put_str(sc, "id", h->scenario_id);
    put_str(sc, "version", h->scenario_version);
    put_str(sc, "hash", h->scenario_hash);
    put_str(sc, "title", h->scenario_title);
    cJSON_AddNumberToObject(sc, "score_max", w->score_max);
    put_str(o, "trainee", h->trainee);
    put_str(o, "institution", h->institution);
    put_str(o, "mode", h->mode);
    /* Seeds are 64-bit; JSON numbers lose precision above 2^53. */
    char seed[24];
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)h->seed);
    cJSON_AddStringToObject(o, "seed", seed);
    put_str(o, "device", h->device);
    put_str(o, "input", h->input);
    put_str(o, "paja", h->paja_version);
    put_str(o, "lang", h->lang);
    cJSON_AddStringToObject(o, "start", start);
    cJSON_AddNumberToObject(o, "pose_hz", 1e6 / REC_POSE_MIN_INTERVAL_US);
    emit(w, o);
    if (!rec_writer_flush(w) || fsync(fd) != 0) {
        snprintf(err, err_size, "cannot write record '%s': %s", path, strerror(errno));
        rec_writer_abandon(&w);
        unlink(path);
        return NULL;
    }
    fsync_dir_of(path);
    return w;
}

const char *rec_result_normalize(const char *d)
{
    if (!d || !*d || !strcmp(d, "incomplete")) return "incomplete";
    if (!strcmp(d, "pass") || !strcmp(d, "passed")) return "passed";
    if (!strcmp(d, "fail") || !strcmp(d, "failed")) return "failed";
    return d;
}

static bool is_boundary(enum ev_type t)
{
    return t == EV_STEP_STARTED || t == EV_STEP_COMPLETED || t == EV_RULE_VIOLATED || t == EV_FINISHED;
}

static void time_advance(struct rec_writer *w, int64_t t_us)
{
    if (t_us > w->last_t_us) w->last_t_us = t_us;
}

bool rec_writer_append(struct rec_writer *w, const struct ev *e)
{
    if (!w) return false;
    time_advance(w, e->t_us);
    cJSON *o = line_new(w, "ev", e->t_us);
    cJSON_AddStringToObject(o, "type", ev_type_name(e->type));
    if (e->hand >= 0) cJSON_AddNumberToObject(o, "hand", e->hand);
    if (e->ival) cJSON_AddNumberToObject(o, "ival", e->ival);
    put_str(o, "subject", e->subject);
    put_str(o, "target", e->target);
    put_str(o, "detail", e->detail);
    put_str(o, "unit", e->unit);
    if (e->value != 0 || e->unit) cJSON_AddNumberToObject(o, "value", isfinite(e->value) ? e->value : 0);
    emit(w, o);

    switch (e->type) {
    case EV_STEP_COMPLETED: w->steps++; break;
    case EV_HINT_SHOWN: w->hints++; break;
    case EV_RULE_VIOLATED:
        if (e->ival >= 1 && e->ival <= 3) w->violations[e->ival]++;
        break;
    case EV_SCORE: w->score = e->value; break;
    case EV_FINISHED:
        w->finished = true;
        w->score = e->value;
        snprintf(w->result, sizeof w->result, "%s", rec_result_normalize(e->detail));
        break;
    default: break;
    }
    if (is_boundary(e->type) || w->buf.len >= REC_FLUSH_BYTES || e->t_us - w->last_flush_us >= REC_FLUSH_INTERVAL_US)
        rec_writer_flush(w);
    return true;
}

static void pose_pack(const struct pose *p, float out[7])
{
    for (int i = 0; i < 3; i++) out[i] = p->position[i];
    for (int i = 0; i < 4; i++) out[3 + i] = p->orientation[i];
}

/* True when a moved by at least 1 cm or turned by at least 2 degrees. */
static bool pose_moved(const float a[7], const float b[7])
{
    float dx = a[0] - b[0], dy = a[1] - b[1], dz = a[2] - b[2];
    if (dx * dx + dy * dy + dz * dz >= 0.01f * 0.01f) return true;
    float dot = fabsf(a[3] * b[3] + a[4] * b[4] + a[5] * b[5] + a[6] * b[6]);
    /* The rotation angle is 2·acos(|dot|); 2° ⇔ |dot| ≤ cos(1°). */
    return dot <= 0.99984769f;
}

static void add_pose_array(cJSON *o, const char *key, const float v[7])
{
    cJSON *arr = cJSON_AddArrayToObject(o, key);
    /* Millimetres and 1e-4 of a quaternion component (~0.01°) are finer than
     * any tracker; shorter numbers keep the record small. */
    for (int i = 0; i < 7; i++) {
        double scale = i < 3 ? 1000.0 : 10000.0;
        double x = isfinite(v[i]) ? round((double)v[i] * scale) / scale : 0.0;
        cJSON_AddItemToArray(arr, cJSON_CreateNumber(x));
    }
}

bool rec_writer_pose(struct rec_writer *w, int64_t t_us, const struct pose *head, const struct pose *left,
                     const struct pose *right)
{
    if (!w || !head) return false;
    time_advance(w, t_us);
    float cur[3][7];
    bool has[3] = {true, left != NULL, right != NULL};
    pose_pack(head, cur[0]);
    if (left) pose_pack(left, cur[1]);
    if (right) pose_pack(right, cur[2]);

    bool keep = !w->pose_any || t_us - w->pose_t_us >= REC_POSE_KEEPALIVE_US;
    if (!keep && t_us - w->pose_t_us >= REC_POSE_MIN_INTERVAL_US) {
        for (int i = 0; i < 3 && !keep; i++) {
            if (has[i] != w->pose_has[i]) keep = true;
            else if (has[i] && pose_moved(cur[i], w->pose_last[i])) keep = true;
        }
    }
    if (!keep) return true;

    cJSON *o = line_new(w, "pose", t_us);
    add_pose_array(o, "head", cur[0]);
    if (has[1]) add_pose_array(o, "l", cur[1]);
    if (has[2]) add_pose_array(o, "r", cur[2]);
    emit(w, o);
    w->pose_any = true;
    w->pose_t_us = t_us;
    memcpy(w->pose_last, cur, sizeof cur);
    memcpy(w->pose_has, has, sizeof has);
    if (w->buf.len >= REC_FLUSH_BYTES || t_us - w->last_flush_us >= REC_FLUSH_INTERVAL_US) rec_writer_flush(w);
    return true;
}

bool rec_writer_tick(struct rec_writer *w, int64_t now_us)
{
    if (!w) return false;
    time_advance(w, now_us);
    if (w->buf.len && now_us - w->last_flush_us >= REC_FLUSH_INTERVAL_US) return rec_writer_flush(w);
    return true;
}

bool rec_writer_close(struct rec_writer **pw, int64_t end_us, char *err, size_t err_size)
{
    struct rec_writer *w = *pw;
    if (!w) return false;
    time_advance(w, end_us);
    int64_t end = w->last_t_us;

    cJSON *s = line_new(w, "summary", end);
    cJSON_AddStringToObject(s, "result", w->result);
    cJSON_AddNumberToObject(s, "score", isfinite(w->score) ? w->score : 0);
    cJSON_AddNumberToObject(s, "score_max", w->score_max);
    cJSON_AddNumberToObject(s, "duration_us", (double)end);
    cJSON_AddNumberToObject(s, "steps_completed", w->steps);
    cJSON_AddNumberToObject(s, "hints", w->hints);
    cJSON *v = cJSON_AddObjectToObject(s, "violations");
    for (int sev = EV_SEVERITY_MINOR; sev <= EV_SEVERITY_CRITICAL; sev++)
        cJSON_AddNumberToObject(v, ev_severity_name(sev), w->violations[sev]);
    emit(w, s);

    /* The seal commits to the chain head (the summary line's hash) and,
     * with a key, proves that someone holding the key closed this chain. */
    cJSON *seal = line_new(w, "seal", end);
    cJSON_AddNumberToObject(seal, "lines", (double)w->seq);
    cJSON_AddStringToObject(seal, "head", w->head);
    if (w->has_key && w->key.kind == REC_KEY_ED25519_PRIVATE) {
        /* A signature: whoever holds only the public key can check it,
         * nobody without the private key can make it. */
        char sig[REC_SIG_HEX_LEN];
        if (rec_seal_sign(&w->key, w->head, sig)) {
            cJSON_AddStringToObject(seal, "alg", "ed25519");
            cJSON_AddStringToObject(seal, "sig", sig);
            cJSON_AddStringToObject(seal, "key_id", w->key.id);
        }
    } else if (w->has_key && w->key.kind == REC_KEY_HMAC) {
        char mac[REC_HASH_HEX_LEN];
        rec_seal_hmac(&w->key, w->head, mac);
        cJSON_AddStringToObject(seal, "hmac", mac);
        cJSON_AddStringToObject(seal, "key_id", w->key.id);
    }
    emit(w, seal);

    bool ok = rec_writer_flush(w);
    if (!ok) snprintf(err, err_size, "cannot write the end of record '%s': %s", w->path, strerror(errno));
    else if (fsync(w->fd) != 0) {
        snprintf(err, err_size, "cannot sync record '%s' to disk: %s", w->path, strerror(errno));
        ok = false;
    }
    if (close(w->fd) != 0 && ok) {
        snprintf(err, err_size, "cannot close record '%s': %s", w->path, strerror(errno));
        ok = false;
    }
    w->fd = -1;
    rec_writer_abandon(pw);
    return ok;
}

void rec_writer_abandon(struct rec_writer **pw)
{
    struct rec_writer *w = *pw;
    if (!w) return;
    if (w->fd >= 0) close(w->fd);
    OPENSSL_cleanse(&w->key, sizeof w->key);
    str_buf_free(&w->buf);
    free(w->print);
    free(w->path);
    free(w);
    *pw = NULL;
}

uint64_t rec_writer_lines(const struct rec_writer *w) { return w ? w->lines : 0; }
uint64_t rec_writer_bytes(const struct rec_writer *w) { return w ? w->bytes + w->buf.len : 0; }
const char *rec_writer_session(const struct rec_writer *w) { return w ? w->session : NULL; }

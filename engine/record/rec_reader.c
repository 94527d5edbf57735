/* rec_reader.c — loads a record into an arena (see record.h).
 *
 * Recovery first: every complete line that parses is used, whatever the
 * chain says, because a teacher must still see a crashed or damaged session;
 * the integrity verdict from rec_verify travels with it. A record without a
 * summary line (a crash) gets one derived from its events. cJSON's tree is
 * freed line by line; only the arena copies live on. */
#include "record.h"

#include "arena.h"
#include "fs.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *jstr(struct arena *a, const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? arena_strdup(a, v->valuestring) : NULL;
}

static double jnum(const cJSON *o, const char *key, double def)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) && isfinite(v->valuedouble) ? v->valuedouble : def;
}

/* A number member as an integer clamped to [lo, hi]: a hostile or damaged
 * record may hold 1e300, and converting that to an integer type would be
 * undefined behaviour (found by tests/fuzz/fuzz_record.c). */
static int64_t jint(const cJSON *o, const char *key, int64_t def, int64_t lo, int64_t hi)
{
    double v = jnum(o, key, (double)def);
    if (v <= (double)lo) return lo;
    if (v >= (double)hi) return hi;
    return (int64_t)v;
}

/* Scenario times and durations: 0 to 10^15 µs (31 years). */
#define T_MAX 1000000000000000LL
#define COUNT_MAX 1000000000LL

static void read_header(const cJSON *o, struct arena *a, struct rec_record *r)
{
    struct rec_header *h = &r->header;
    r->version = (int)jint(o, "version", 0, 0, COUNT_MAX);
    h->session = jstr(a, o, "session");
    const cJSON *sc = cJSON_GetObjectItemCaseSensitive(o, "scenario");
    h->scenario_id = jstr(a, sc, "id");
    h->scenario_version = jstr(a, sc, "version");
    h->scenario_hash = jstr(a, sc, "hash");
    h->scenario_title = jstr(a, sc, "title");
    h->score_max = jnum(sc, "score_max", 100);
    h->trainee = jstr(a, o, "trainee");
    h->institution = jstr(a, o, "institution");
    h->mode = jstr(a, o, "mode");
    const char *seed = jstr(a, o, "seed");
    h->seed = seed ? strtoull(seed, NULL, 10) : 0;
    h->device = jstr(a, o, "device");
    h->input = jstr(a, o, "input");
    h->paja_version = jstr(a, o, "paja");
    h->lang = jstr(a, o, "lang");
    h->start_utc = jstr(a, o, "start");
}

static bool read_pose_array(const cJSON *o, const char *key, float out[7])
{
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!cJSON_IsArray(arr) || cJSON_GetArraySize(arr) != 7) return false;
    int i = 0;
    const cJSON *x = NULL;
    cJSON_ArrayForEach(x, arr) out[i++] = cJSON_IsNumber(x) ? (float)x->valuedouble : 0.0f;
    return true;
}

static bool read_event(const cJSON *o, struct arena *a, struct ev *e)
{
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(o, "type");
    /* An event type this paja does not know (a newer writer) is skipped,
     * not fatal: the rest of the session is still worth showing. */
    if (!cJSON_IsString(type) || !ev_type_parse(type->valuestring, &e->type)) return false;
    e->t_us = jint(o, "t", 0, 0, T_MAX);
    e->hand = (int32_t)jint(o, "hand", -1, -1, HAND_COUNT - 1);
    e->ival = (int32_t)jint(o, "ival", 0, -COUNT_MAX, COUNT_MAX);
    e->subject = jstr(a, o, "subject");
    e->target = jstr(a, o, "target");
    e->detail = jstr(a, o, "detail");
    e->unit = jstr(a, o, "unit");
    e->value = jnum(o, "value", 0);
    return true;
}

static void read_summary(const cJSON *o, struct arena *a, struct rec_summary *s)
{
    s->present = true;
    s->result = rec_result_normalize(jstr(a, o, "result"));
    s->score = jnum(o, "score", 0);
    s->score_max = jnum(o, "score_max", 100);
    s->duration_us = jint(o, "duration_us", 0, 0, T_MAX);
    s->steps_completed = (int)jint(o, "steps_completed", 0, 0, COUNT_MAX);
    s->hints = (int)jint(o, "hints", 0, 0, COUNT_MAX);
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "violations");
    for (int sev = EV_SEVERITY_MINOR; sev <= EV_SEVERITY_CRITICAL; sev++)
        s->violations[sev] = (int)jint(v, ev_severity_name(sev), 0, 0, COUNT_MAX);
}

/* What the summary would have said, for records cut short by a crash. */
static void derive_summary(struct rec_record *r)
{
    struct rec_summary *s = &r->summary;
    memset(s, 0, sizeof *s);
    s->result = "incomplete";
    s->score_max = r->header.score_max > 0 ? r->header.score_max : 100;
    for (size_t i = 0; i < r->event_count; i++) {
        const struct ev *e = &r->events[i];
        switch (e->type) {
        case EV_STEP_COMPLETED: s->steps_completed++; break;
        case EV_HINT_SHOWN: s->hints++; break;
        case EV_RULE_VIOLATED:
            if (e->ival >= 1 && e->ival <= 3) s->violations[e->ival]++;
            break;
        case EV_SCORE: s->score = e->value; break;
        case EV_FINISHED:
            s->score = e->value;
            s->result = rec_result_normalize(e->detail);
            break;
        default: break;
        }
    }
    s->duration_us = r->end_us;
}

/* For a pose line as the writer writes it, {"n":<digits>,"k":"pose","t":<digits>,
 * returns true and its time (-1 when the time is not there as expected).
 * Cheap: no JSON parse, and never looks past the line. */
static bool pose_line_time(const char *p, size_t len, int64_t *out_t)
{
    if (len < 16 || memcmp(p, "{\"n\":", 5) != 0) return false;
    size_t i = 5;
    while (i < len && i < 25 && p[i] >= '0' && p[i] <= '9') i++;
    if (i + 11 > len || memcmp(p + i, ",\"k\":\"pose\"", 11) != 0) return false;
    i += 11;
    *out_t = -1;
    if (i + 5 > len || memcmp(p + i, ",\"t\":", 5) != 0) return true;
    int64_t t = 0;
    size_t digits = 0;
    for (i += 5; i < len && p[i] >= '0' && p[i] <= '9' && digits < 16; i++, digits++) t = t * 10 + (p[i] - '0');
    if (digits) *out_t = t;
    return true;
}

bool rec_record_parse(const char *data, size_t size, const struct rec_key *key, struct arena *a,
                      struct rec_record *out, char *err, size_t err_size)
{
    return rec_record_parse_flags(data, size, key, REC_READ_ALL, a, out, err, err_size);
}

bool rec_record_parse_flags(const char *data, size_t size, const struct rec_key *key, unsigned flags,
                            struct arena *a, struct rec_record *out, char *err, size_t err_size)
{
    memset(out, 0, sizeof *out);
    rec_verify(data, size, key, &out->check);
    if (!out->check.is_record || !out->check.supported) {
        snprintf(err, err_size, "%s", out->check.finding);
        return false;
    }
    size_t ev_cap = 256, pose_cap = 256;
    out->events = ARENA_PUSH_ARRAY(a, struct ev, ev_cap);
    out->event_line = ARENA_PUSH_ARRAY(a, uint32_t, ev_cap);
    out->poses = ARENA_PUSH_ARRAY(a, struct rec_pose_sample, pose_cap);

    size_t start = 0, line = 0;
    for (size_t i = 0; i < size; i++) {
        if (data[i] != '\n') continue;
        line++;
        int64_t pose_t = 0;
        if ((flags & REC_READ_NO_POSES) && pose_line_time(data + start, i - start, &pose_t)) {
            /* Its time still counts towards the end of the session. */
            if (pose_t > out->end_us && pose_t <= T_MAX) out->end_us = pose_t;
            start = i + 1;
            continue;
        }
        cJSON *o = cJSON_ParseWithLength(data + start, i - start);
        start = i + 1;
        const cJSON *k = cJSON_GetObjectItemCaseSensitive(o, "k");
        if (!cJSON_IsString(k)) {
            cJSON_Delete(o);
            continue;
        }
        int64_t t = jint(o, "t", 0, 0, T_MAX);
        if (t > out->end_us) out->end_us = t;
        if (line == 1 && strcmp(k->valuestring, "header") == 0) {
            read_header(o, a, out);
        } else if (strcmp(k->valuestring, "ev") == 0) {
            if (out->event_count == ev_cap) {
                /* Arena growth: copy into a block twice the size. */
                struct ev *ne = ARENA_PUSH_ARRAY(a, struct ev, ev_cap * 2);
                uint32_t *nl = ARENA_PUSH_ARRAY(a, uint32_t, ev_cap * 2);
                memcpy(ne, out->events, ev_cap * sizeof *ne);
                memcpy(nl, out->event_line, ev_cap * sizeof *nl);
                out->events = ne;
                out->event_line = nl;
                ev_cap *= 2;
            }
            if (read_event(o, a, &out->events[out->event_count])) {
                out->event_line[out->event_count] = (uint32_t)line;
                out->event_count++;
            }
        } else if (strcmp(k->valuestring, "pose") == 0) {
            if (out->pose_count == pose_cap) {
                struct rec_pose_sample *np = ARENA_PUSH_ARRAY(a, struct rec_pose_sample, pose_cap * 2);
                memcpy(np, out->poses, pose_cap * sizeof *np);
                out->poses = np;
                pose_cap *= 2;
            }
            struct rec_pose_sample *p = &out->poses[out->pose_count];
            p->t_us = t;
            if (read_pose_array(o, "head", p->head)) {
                p->has_hand[0] = read_pose_array(o, "l", p->hand[0]);
                p->has_hand[1] = read_pose_array(o, "r", p->hand[1]);
                out->pose_count++;
            }
        } else if (strcmp(k->valuestring, "summary") == 0) {
            read_summary(o, a, &out->summary);
        }
        cJSON_Delete(o);
    }
    if (!out->summary.present) derive_summary(out);
    if (!out->summary.result) out->summary.result = "incomplete";
    return true;
}

bool rec_record_load(const char *path, const struct rec_key *key, struct arena *a, struct rec_record *out,
                     char *err, size_t err_size)
{
    return rec_record_load_flags(path, key, REC_READ_ALL, a, out, err, err_size);
}

bool rec_record_load_flags(const char *path, const struct rec_key *key, unsigned flags, struct arena *a,
                           struct rec_record *out, char *err, size_t err_size)
{
    size_t size = 0;
    char *data = fs_read_all(path, a, &size, err, err_size);
    if (!data) {
        memset(out, 0, sizeof *out);
        return false;
    }
    bool ok = rec_record_parse_flags(data, size, key, flags, a, out, err, err_size);
    if (!ok) {
        char why[384];
        snprintf(why, sizeof why, "%s", err);
        snprintf(err, err_size, "'%s': %s", path, why);
    }
    out->path = arena_strdup(a, path);
    return ok;
}

const struct rec_key *rec_keyring_pick(const struct rec_keyring *ring, const char *data, size_t size)
{
    if (!ring || !ring->n) return NULL;
    /* The seal is the last complete line; only its key_id is wanted. */
    size_t end = size;
    while (end > 0 && data[end - 1] != '\n') end--; /* a torn tail is no line */
    if (end == 0) return &ring->keys[0];
    size_t start = end - 1;
    while (start > 0 && data[start - 1] != '\n') start--;
    cJSON *o = cJSON_ParseWithLength(data + start, end - 1 - start);
    const cJSON *kid = cJSON_GetObjectItemCaseSensitive(o, "key_id");
    const struct rec_key *pick = &ring->keys[0];
    if (cJSON_IsString(kid))
        for (size_t i = 0; i < ring->n; i++)
            if (strcmp(ring->keys[i].id, kid->valuestring) == 0) pick = &ring->keys[i];
    cJSON_Delete(o);
    return pick;
}

bool rec_record_load_ring(const char *path, const struct rec_keyring *ring, unsigned flags, struct arena *a,
                          struct rec_record *out, char *err, size_t err_size)
{
    size_t size = 0;
    char *data = fs_read_all(path, a, &size, err, err_size);
    if (!data) {
        memset(out, 0, sizeof *out);
        return false;
    }
    bool ok = rec_record_parse_flags(data, size, rec_keyring_pick(ring, data, size), flags, a, out, err, err_size);
    if (!ok) {
        char why[384];
        snprintf(why, sizeof why, "%s", err);
        snprintf(err, err_size, "'%s': %s", path, why);
    }
    out->path = arena_strdup(a, path);
    return ok;
}

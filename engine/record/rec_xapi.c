/* rec_xapi.c — a record as xAPI 1.0.3 statements (mapping documented in
 * docs/xapi-mapping.md; vocabulary from ../shared/reference/xapi.md §3–4:
 * ADL verbs plus the Navy Task Trainer Simulation profile).
 *
 * Statement ids are derived, not random: SHA-256 over the session id, the
 * record line number and the verb, shaped as a UUIDv4. Exporting or sending
 * the same record twice therefore yields the same ids, and an LRS answers a
 * repeated statement without storing it again. */
#include "record.h"

#include "arena.h"
#include "str.h"
#include "uuid.h"

#include <cjson/cJSON.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define ADL "http://adlnet.gov/expapi"
#define TT "https://w3id.org/xapi/task-trainer-simulation"

void rec_xapi_statement_id(const char *session, uint64_t seq, const char *verb, char out[37])
{
    struct str_buf b = {0};
    str_buf_printf(&b, "paja-xapi/1\n%s\n%" PRIu64 "\n%s", session ? session : "", seq, verb);
    char hex[REC_HASH_HEX_LEN];
    rec_sha256_hex(b.data, b.len, hex);
    str_buf_free(&b);
    uint8_t bytes[16];
    for (int i = 0; i < 16; i++) {
        unsigned v = 0;
        sscanf(hex + 2 * i, "%2x", &v);
        bytes[i] = (uint8_t)v;
    }
    uuid_format(uuid_v4_from_bytes(bytes), out);
}

/* Percent-encodes everything but unreserved characters and '/', so ids
 * like "ev-battery/hv-isolation" stay readable inside IRIs. */
static void iri_part(struct str_buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)(s ? s : "unknown"); *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' ||
            *p == '.' || *p == '_' || *p == '~' || *p == '/') {
            char c = (char)*p;
            str_buf_append(b, &c, 1);
        } else {
            char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            str_buf_append(b, e, 3);
        }
    }
}

struct xctx {
    const struct rec_record *r;
    const char *base;
    const char *homepage;
    int64_t start_ms;
    struct str_buf *out;
    size_t count;
    char scenario_iri[1024];
};

static void activity_iri(const struct xctx *x, const char *kind, const char *id, char out[1024])
{
    struct str_buf b = {0};
    str_buf_puts(&b, x->scenario_iri);
    if (kind) {
        str_buf_printf(&b, "/%s/", kind);
        iri_part(&b, id);
    }
    snprintf(out, 1024, "%s", b.data);
    str_buf_free(&b);
}

static void ext_key(const struct xctx *x, const char *name, char out[512])
{
    snprintf(out, 512, "%s/extensions/%s", x->base, name);
}

static cJSON *lang_map(const char *text)
{
    cJSON *m = cJSON_CreateObject();
    cJSON_AddStringToObject(m, "en-US", text);
    return m;
}

static cJSON *activity(const char *iri, const char *type, const char *name, const char *description)
{
    cJSON *a = cJSON_CreateObject();
    cJSON_AddStringToObject(a, "objectType", "Activity");
    cJSON_AddStringToObject(a, "id", iri);
    cJSON *d = cJSON_AddObjectToObject(a, "definition");
    cJSON_AddStringToObject(d, "type", type);
    if (name) cJSON_AddItemToObject(d, "name", lang_map(name));
    if (description) cJSON_AddItemToObject(d, "description", lang_map(description));
    return a;
}

/* Starts a statement with everything common to all of them; the caller adds
 * object and result and hands it to finish(). */
static cJSON *statement(struct xctx *x, uint64_t seq, const char *verb_id, const char *verb_name, int64_t t_us,
                        const char *parent_iri)
{
    const struct rec_header *h = &x->r->header;
    cJSON *s = cJSON_CreateObject();
    char id[UUID_STR_LEN];
    rec_xapi_statement_id(h->session, seq, verb_id, id);
    cJSON_AddStringToObject(s, "id", id);
    cJSON *actor = cJSON_AddObjectToObject(s, "actor");
    cJSON_AddStringToObject(actor, "objectType", "Agent");
    cJSON *acc = cJSON_AddObjectToObject(actor, "account");
    cJSON_AddStringToObject(acc, "homePage", h->institution ? h->institution : x->homepage);
    cJSON_AddStringToObject(acc, "name", h->trainee && *h->trainee ? h->trainee : "unknown");
    cJSON *verb = cJSON_AddObjectToObject(s, "verb");
    cJSON_AddStringToObject(verb, "id", verb_id);
    cJSON_AddItemToObject(verb, "display", lang_map(verb_name));

    /* Context goes after the object (added by the caller); build it now and
     * attach in finish() so the key order reads naturally. */
    cJSON *ctx = cJSON_CreateObject();
    struct uuid reg;
    if (h->session && uuid_parse(h->session, &reg)) cJSON_AddStringToObject(ctx, "registration", h->session);
    char platform[256];
    snprintf(platform, sizeof platform, "paja %s (%s)", h->paja_version ? h->paja_version : "?",
             h->device ? h->device : "unknown device");
    cJSON_AddStringToObject(ctx, "platform", platform);
    if (h->lang && *h->lang) cJSON_AddStringToObject(ctx, "language", h->lang);
    cJSON *ca = cJSON_AddObjectToObject(ctx, "contextActivities");
    if (parent_iri) {
        cJSON *par = cJSON_AddArrayToObject(ca, "parent");
        cJSON *p = cJSON_CreateObject();
        cJSON_AddStringToObject(p, "id", parent_iri);
        cJSON_AddItemToArray(par, p);
    }
    cJSON *cat = cJSON_AddArrayToObject(ca, "category");
    cJSON *c = cJSON_CreateObject();
    char prof[512];
    snprintf(prof, sizeof prof, "%s/profile", x->base);
    cJSON_AddStringToObject(c, "id", prof);
    cJSON_AddItemToArray(cat, c);
    cJSON *ext = cJSON_AddObjectToObject(ctx, "extensions");
    char k[512];
    ext_key(x, "session-id", k);
    cJSON_AddStringToObject(ext, k, h->session ? h->session : "");
    ext_key(x, "simulation-mode", k);
    cJSON_AddStringToObject(ext, k, h->mode ? h->mode : "unknown");
    ext_key(x, "seq", k);
    cJSON_AddNumberToObject(ext, k, (double)seq);
    if (h->scenario_version) {
        ext_key(x, "scenario-version", k);
        cJSON_AddStringToObject(ext, k, h->scenario_version);
    }
    /* What the record proves, on every statement, so an LRS report can
     * count only what a key verified (docs/xapi-mapping.md). */
    ext_key(x, "record-integrity", k);
    cJSON_AddStringToObject(ext, k, rec_integrity_name(x->r->check.integrity));
    if (x->r->check.sealed_by[0]) {
        ext_key(x, "sealed-by", k);
        cJSON_AddStringToObject(ext, k, x->r->check.sealed_by);
    }
    cJSON_AddItemToObject(s, "context", ctx); /* moved to the end in finish() */

    char ts[32];
    rec_time_format_utc(x->start_ms + t_us / 1000, ts);
    cJSON_AddStringToObject(s, "timestamp", ts);
    return s;
}

static void finish(struct xctx *x, cJSON *s, cJSON *object, cJSON *result)
{
    /* Order: id, actor, verb, object, result, context, timestamp. */
    cJSON *ctx = cJSON_DetachItemFromObjectCaseSensitive(s, "context");
    cJSON *ts = cJSON_DetachItemFromObjectCaseSensitive(s, "timestamp");
    cJSON_AddItemToObject(s, "object", object);
    if (result) cJSON_AddItemToObject(s, "result", result);
    cJSON_AddItemToObject(s, "context", ctx);
    cJSON_AddItemToObject(s, "timestamp", ts);
    char *txt = cJSON_PrintUnformatted(s);
    if (!txt) core_oom("xAPI statement", 0);
    str_buf_puts(x->out, txt);
    str_buf_puts(x->out, "\n");
    cJSON_free(txt);
    cJSON_Delete(s);
    x->count++;
}

static cJSON *result_ext(cJSON *result)
{
    cJSON *e = cJSON_GetObjectItemCaseSensitive(result, "extensions");
    return e ? e : cJSON_AddObjectToObject(result, "extensions");
}

/* A step started and not yet completed. */
struct open_step {
    const char *id, *text; /* text: the step_started detail (instruction) */
    int64_t start;
    int errors;
};

/* Index of the open step with this id, or -1. */
static long open_find(const struct open_step *v, size_t n, const char *id)
{
    for (size_t i = 0; id && i < n; i++)
        if (!strcmp(v[i].id, id)) return (long)i;
    return -1;
}

static uint64_t seq_of(const struct rec_record *r, size_t i)
{
    return r->event_line ? (uint64_t)r->event_line[i] - 1 : (uint64_t)i + 1;
}

size_t rec_xapi_statements(const struct rec_record *r, const struct rec_xapi_opts *o, struct str_buf *out)
{
    struct xctx x = {.r = r, .out = out};
    x.base = o && o->iri_base ? o->iri_base : REC_XAPI_DEFAULT_BASE;
    x.homepage = o && o->homepage ? o->homepage : REC_XAPI_DEFAULT_HOMEPAGE;
    if (!rec_time_parse_utc(r->header.start_utc, &x.start_ms)) x.start_ms = 0;
    {
        struct str_buf b = {0};
        str_buf_printf(&b, "%s/activities/", x.base);
        iri_part(&b, r->header.scenario_id);
        snprintf(x.scenario_iri, sizeof x.scenario_iri, "%s", b.data);
        str_buf_free(&b);
    }
    const char *title = r->header.scenario_title ? r->header.scenario_title : r->header.scenario_id;
    char k[512], iri[1024];

    cJSON *s = statement(&x, 0, ADL "/verbs/initialized", "initialized", 0, NULL);
    finish(&x, s, activity(x.scenario_iri, ADL "/activities/simulation", title, NULL), NULL);

    /* Steps can run side by side (any-order groups): each started step
     * keeps its start, instruction text and error count until completed.
     * `step` is the last one started, the owner of events that name none. */
    size_t open_cap = 16, open_n = 0;
    struct open_step *open = xmalloc(open_cap * sizeof *open);
    const char *step = NULL;
    int64_t last_done = 0;
    for (size_t i = 0; i < r->event_count; i++) {
        const struct ev *e = &r->events[i];
        uint64_t seq = seq_of(r, i);
        char step_iri[1024];
        activity_iri(&x, "step", step, step_iri);
        switch (e->type) {
        case EV_STEP_STARTED:
            if (!e->subject) break;
            step = e->subject;
            if (open_find(open, open_n, e->subject) >= 0) break;
            if (open_n == open_cap) open = xrealloc(open, (open_cap *= 2) * sizeof *open);
            open[open_n++] = (struct open_step){e->subject, e->detail, e->t_us, 0};
            break;
        case EV_STEP_COMPLETED: {
            long oi = open_find(open, open_n, e->subject);
            activity_iri(&x, "step", e->subject, iri);
            s = statement(&x, seq, ADL "/verbs/completed", "completed", e->t_us, x.scenario_iri);
            cJSON *res = cJSON_CreateObject();
            cJSON_AddBoolToObject(res, "completion", true);
            char d[40];
            rec_duration_format(e->t_us - (oi >= 0 ? open[oi].start : last_done), d);
            cJSON_AddStringToObject(res, "duration", d);
            ext_key(&x, "error-count", k);
            cJSON_AddNumberToObject(result_ext(res), k, oi >= 0 ? open[oi].errors : 0);
            /* The manual's step text goes into the description (reference §4). */
            finish(&x, s,
                   activity(iri, TT "/activity-types/task-trainer-step", e->subject, oi >= 0 ? open[oi].text : NULL),
                   res);
            last_done = e->t_us;
            if (oi >= 0) open[oi] = open[--open_n];
            if (step && e->subject && !strcmp(step, e->subject)) step = open_n ? open[open_n - 1].id : NULL;
            break;
        }
        case EV_RULE_VIOLATED: {
            bool critical = e->ival == EV_SEVERITY_CRITICAL;
            /* The engine names the step a violation belongs to in target;
             * without one it belongs to the running step. */
            const char *owner = e->target ? e->target : step;
            long vi = open_find(open, open_n, owner);
            if (vi >= 0) open[vi].errors++;
            char owner_iri[1024];
            activity_iri(&x, "step", owner, owner_iri);
            activity_iri(&x, "rule", e->subject, iri);
            s = statement(&x, seq, TT "/verbs/received", "received", e->t_us, owner ? owner_iri : x.scenario_iri);
            cJSON *res = cJSON_CreateObject();
            cJSON_AddBoolToObject(res, "success", false);
            cJSON *ex = result_ext(res);
            ext_key(&x, "critical-violation", k);
            cJSON_AddBoolToObject(ex, k, critical);
            ext_key(&x, "severity", k);
            cJSON_AddStringToObject(ex, k, ev_severity_name(e->ival));
            finish(&x, s,
                   activity(iri, critical ? TT "/activity-types/feedback-safety" : TT "/activity-types/feedback-error",
                            e->subject, e->detail),
                   res);
            break;
        }
        case EV_READING: {
            activity_iri(&x, "tool", e->subject, iri);
            s = statement(&x, seq, TT "/verbs/used", "used", e->t_us, step ? step_iri : x.scenario_iri);
            cJSON *res = cJSON_CreateObject();
            cJSON *ex = result_ext(res);
            ext_key(&x, "measured-value", k);
            cJSON_AddNumberToObject(ex, k, e->value);
            if (e->unit) {
                ext_key(&x, "unit", k);
                cJSON_AddStringToObject(ex, k, e->unit);
            }
            if (e->target) {
                ext_key(&x, "target", k);
                cJSON_AddStringToObject(ex, k, e->target);
            }
            finish(&x, s, activity(iri, TT "/activity-types/task-trainer-tool", e->subject, NULL), res);
            break;
        }
        case EV_HINT_SHOWN: {
            /* A hint is about a step (subject); its text is the description. */
            const char *about = e->subject ? e->subject : step;
            char about_iri[1024];
            activity_iri(&x, "step", about, about_iri);
            activity_iri(&x, "hint", about, iri);
            s = statement(&x, seq, TT "/verbs/received", "received", e->t_us, about ? about_iri : x.scenario_iri);
            cJSON *res = cJSON_CreateObject();
            ext_key(&x, "hint-count", k);
            cJSON_AddNumberToObject(result_ext(res), k, e->ival > 0 ? e->ival : 1);
            finish(&x, s, activity(iri, TT "/activity-types/feedback-corrective", "hint", e->detail), res);
            break;
        }
        default: break;
        }
    }

    free(open);

    /* The graded outcome and the end exist only for a finished session:
     * a crashed one says nothing it cannot know. A grade goes out only
     * from a record whose seal a key verified: anyone can recompute the
     * chain of an edited record, so an unchecked pass proves nothing. */
    const struct rec_summary *sum = &r->summary;
    bool graded = r->check.integrity == REC_INTEGRITY_VERIFIED;
    bool passed = graded && sum->result && strcmp(sum->result, "passed") == 0;
    bool failed = graded && sum->result && strcmp(sum->result, "failed") == 0;
    char d[40];
    rec_duration_format(sum->duration_us, d);
    if (passed || failed) {
        s = statement(&x, 0, passed ? ADL "/verbs/passed" : ADL "/verbs/failed", passed ? "passed" : "failed",
                      sum->duration_us, NULL);
        cJSON *res = cJSON_CreateObject();
        double max = sum->score_max > 0 ? sum->score_max : 100;
        double raw = sum->score < 0 ? 0 : sum->score > max ? max : sum->score;
        cJSON *sc = cJSON_AddObjectToObject(res, "score");
        cJSON_AddNumberToObject(sc, "scaled", raw / max);
        cJSON_AddNumberToObject(sc, "raw", raw);
        cJSON_AddNumberToObject(sc, "min", 0);
        cJSON_AddNumberToObject(sc, "max", max);
        cJSON_AddBoolToObject(res, "success", passed);
        cJSON_AddBoolToObject(res, "completion", true);
        cJSON_AddStringToObject(res, "duration", d);
        cJSON *ex = result_ext(res);
        ext_key(&x, "error-count", k);
        cJSON_AddNumberToObject(ex, k, sum->violations[1] + sum->violations[2] + sum->violations[3]);
        ext_key(&x, "critical-violation", k);
        cJSON_AddBoolToObject(ex, k, sum->violations[EV_SEVERITY_CRITICAL] > 0);
        ext_key(&x, "hint-count", k);
        cJSON_AddNumberToObject(ex, k, sum->hints);
        finish(&x, s, activity(x.scenario_iri, ADL "/activities/simulation", title, NULL), res);
    }
    if (sum->present) {
        s = statement(&x, 0, ADL "/verbs/terminated", "terminated", sum->duration_us, NULL);
        cJSON *res = cJSON_CreateObject();
        cJSON_AddStringToObject(res, "duration", d);
        finish(&x, s, activity(x.scenario_iri, ADL "/activities/simulation", title, NULL), res);
    }
    return x.count;
}

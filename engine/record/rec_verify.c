/* rec_verify.c — checks a record's hash chain and seal and says, for a
 * person, where and how it was changed (see record.h; the threat model is in
 * docs/record-format.md).
 *
 * Lines are numbered as an editor shows them (1-based); "record line #n" is
 * the sequence number stored in the line ("n", 0 for the header). The first
 * break of the chain is classified by looking at its neighbours:
 *   - the lines around it chain to each other      → it was inserted;
 *   - its number is too high and the expected one
 *     appears later                                 → lines were reordered;
 *   - its number is too high otherwise              → lines were removed;
 *   - its number repeats an earlier line            → a line was duplicated;
 *   - its number is right but its hash is not       → it was altered. */
#include "record.h"

#include "arena.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct vline {
    const char *p;
    size_t len;          /* without the newline */
    bool shaped;         /* ends in ,"h":"<64 hex>"} and parses as an object */
    long long n;         /* -1 when missing */
    char kind[12];
    char h[REC_HASH_HEX_LEN];
};

const char *rec_integrity_name(enum rec_integrity i)
{
    switch (i) {
    case REC_INTEGRITY_VERIFIED: return "verified";
    case REC_INTEGRITY_SEALED: return "sealed";
    case REC_INTEGRITY_CLOSED: return "closed";
    case REC_INTEGRITY_UNSEALED: return "unsealed";
    case REC_INTEGRITY_ALTERED: return "altered";
    }
    return "unknown";
}

static bool is_hex64(const char *p)
{
    for (int i = 0; i < 64; i++)
        if (!((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'a' && p[i] <= 'f'))) return false;
    return true;
}

static void line_inspect(struct vline *l)
{
    l->n = -1;
    l->kind[0] = '\0';
    l->h[0] = '\0';
    l->shaped = false;
    if (l->len < REC_LINE_SUFFIX_LEN + 2) return;
    const char *suf = l->p + l->len - REC_LINE_SUFFIX_LEN;
    if (memcmp(suf, ",\"h\":\"", 6) != 0 || !is_hex64(suf + 6) || memcmp(suf + 70, "\"}", 2) != 0) return;
    memcpy(l->h, suf + 6, 64);
    l->h[64] = '\0';
    cJSON *o = cJSON_ParseWithLength(l->p, l->len);
    if (!o || !cJSON_IsObject(o)) {
        cJSON_Delete(o);
        return;
    }
    l->shaped = true;
    const cJSON *n = cJSON_GetObjectItemCaseSensitive(o, "n");
    if (cJSON_IsNumber(n) && n->valuedouble >= 0 && n->valuedouble < 9e15) l->n = (long long)n->valuedouble;
    const cJSON *k = cJSON_GetObjectItemCaseSensitive(o, "k");
    if (cJSON_IsString(k)) snprintf(l->kind, sizeof l->kind, "%s", k->valuestring);
    cJSON_Delete(o);
}

/* Does l chain onto prev_h? */
static bool chains(const char *prev_h, const struct vline *l)
{
    if (!l->shaped) return false;
    char h[REC_HASH_HEX_LEN];
    rec_chain_next(prev_h, l->p, l->len - REC_LINE_SUFFIX_LEN, h);
    return strcmp(h, l->h) == 0;
}

static void finding(struct rec_check *c, size_t line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void finding(struct rec_check *c, size_t line, const char *fmt, ...)
{
    if (c->finding_line) return; /* only the first */
    c->finding_line = line;
    c->integrity = REC_INTEGRITY_ALTERED;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->finding, sizeof c->finding, fmt, ap);
    va_end(ap);
}

/* Explains the first broken link at index i (0-based) of lines. */
static void classify_break(struct rec_check *c, const struct vline *v, size_t count, size_t i, const char *prev_h,
                           long long expect)
{
    const struct vline *l = &v[i];
    size_t ln = i + 1;
    if (!l->shaped) {
        finding(c, ln, "line %zu is damaged or altered: it is not a complete record line (%s)", ln,
                l->len < REC_LINE_SUFFIX_LEN + 2 ? "too short" : "no valid hash at its end, or not a JSON object");
        return;
    }
    if (l->n >= 0 && l->n < expect) {
        for (size_t j = 0; j < i; j++) {
            if (v[j].n == l->n) {
                bool same = v[j].len == l->len && memcmp(v[j].p, l->p, l->len) == 0;
                finding(c, ln, "line %zu was inserted or moved: it repeats record line #%lld (line %zu)%s", ln, l->n,
                        j + 1, same ? " word for word" : "");
                return;
            }
        }
        finding(c, ln, "lines were reordered: line %zu holds record line #%lld where #%lld belongs", ln, l->n, expect);
        return;
    }
    /* Inserted: without this line the chain continues (the next line and
     * the one after it both check out). A swap of two lines also makes the
     * next line chain on, but not the one after it. */
    if (i + 1 < count && chains(prev_h, &v[i + 1]) && (i + 2 >= count || chains(v[i + 1].h, &v[i + 2]))) {
        finding(c, ln, "line %zu was inserted: the lines before and after it chain to each other without it", ln);
        return;
    }
    if (l->n > expect) {
        for (size_t j = i + 1; j < count; j++) {
            if (v[j].n == expect) {
                finding(c, ln, "lines were reordered: line %zu holds record line #%lld, but #%lld belongs here (it is at line %zu)",
                        ln, l->n, expect, j + 1);
                return;
            }
        }
        if (l->n == expect + 1)
            finding(c, ln, "a line was removed before line %zu: record line #%lld is missing", ln, expect);
        else
            finding(c, ln, "lines were removed before line %zu: record lines #%lld to #%lld are missing", ln, expect,
                    l->n - 1);
        return;
    }
    if (l->n < 0) {
        finding(c, ln, "line %zu is altered: it has no record line number", ln);
        return;
    }
    finding(c, ln, "line %zu (record line #%lld) is altered: its content does not match its hash", ln, l->n);
}

static void check_seal(struct rec_check *c, const struct vline *l, size_t ln, const char *prev_h, long long n,
                       const struct rec_key *key, bool *out_has_hmac)
{
    *out_has_hmac = false;
    cJSON *o = cJSON_ParseWithLength(l->p, l->len);
    const cJSON *lines = cJSON_GetObjectItemCaseSensitive(o, "lines");
    const cJSON *head = cJSON_GetObjectItemCaseSensitive(o, "head");
    const cJSON *hmac = cJSON_GetObjectItemCaseSensitive(o, "hmac");
    const cJSON *sig = cJSON_GetObjectItemCaseSensitive(o, "sig");
    const cJSON *kid = cJSON_GetObjectItemCaseSensitive(o, "key_id");
    const char *seal_id = cJSON_IsString(kid) ? kid->valuestring : "";
    snprintf(c->sealed_by, sizeof c->sealed_by, "%.16s", seal_id);
    bool ed_key = key && key->kind != REC_KEY_HMAC;
    if (!cJSON_IsNumber(lines) || lines->valuedouble != (double)n || !cJSON_IsString(head) ||
        strcmp(head->valuestring, prev_h) != 0) {
        finding(c, ln, "the seal on line %zu does not match the lines before it", ln);
    } else if (cJSON_IsString(sig)) {
        /* An Ed25519 signature (rec_sign.c): checked with the public key. */
        *out_has_hmac = true;
        snprintf(c->seal_alg, sizeof c->seal_alg, "ed25519");
        if (key && !ed_key) {
            c->key_checked = true;
            finding(c, ln, "the seal on line %zu is a signature by key %.16s; check it with that public key, not an HMAC key",
                    ln, seal_id);
        } else if (key) {
            c->key_checked = true;
            if (strcmp(seal_id, key->id) != 0)
                finding(c, ln, "the seal on line %zu was made with another key (sealed by %.16s; yours is %s)", ln,
                        seal_id, key->id);
            else if (!rec_seal_sig_check(key, prev_h, sig->valuestring))
                finding(c, ln, "the seal's signature on line %zu does not match: the record was changed and re-hashed, "
                               "and the seal forged or copied",
                        ln);
        }
    } else if (cJSON_IsString(hmac)) {
        *out_has_hmac = true;
        snprintf(c->seal_alg, sizeof c->seal_alg, "hmac-sha256");
        if (ed_key) {
            c->key_checked = true;
            finding(c, ln, "the seal on line %zu is an HMAC (key id %.16s), not a signature by key %s", ln, seal_id,
                    key->id);
        } else if (key) {
            char mac[REC_HASH_HEX_LEN];
            rec_seal_hmac(key, prev_h, mac);
            c->key_checked = true;
            if (!rec_hex_equal(mac, hmac->valuestring)) {
                if (strcmp(seal_id, key->id) != 0)
                    finding(c, ln, "the seal on line %zu was made with another key (key id %.16s; yours is %s)", ln,
                            seal_id, key->id);
                else
                    finding(c, ln, "the seal's HMAC on line %zu does not match: the record was changed and re-hashed without the key", ln);
            }
        }
    } else if (key) {
        /* Not an edit that verify can point at, but nothing shows the
         * record was not edited and re-hashed: CLOSED, a finding with a key
         * (rec_check_is_finding). The note says so (rec_verify). */
        c->key_checked = true;
    }
    cJSON_Delete(o);
}

void rec_verify(const char *data, size_t size, const struct rec_key *key, struct rec_check *out)
{
    memset(out, 0, sizeof *out);
    out->integrity = REC_INTEGRITY_UNSEALED;

    /* Split into complete lines; bytes after the last newline are a line the
     * writer did not finish (a crash) and are not part of the record. */
    size_t cap = 64, count = 0;
    struct vline *v = xmalloc(cap * sizeof *v);
    size_t start = 0;
    for (size_t i = 0; i < size; i++) {
        if (data[i] != '\n') continue;
        if (count == cap) v = xrealloc(v, (cap *= 2) * sizeof *v);
        v[count].p = data + start;
        v[count].len = i - start;
        count++;
        start = i + 1;
    }
    out->torn_bytes = size - start;
    out->lines = count;

    if (count == 0) {
        snprintf(out->finding, sizeof out->finding, "%s", size ? "no complete line: not a paja record" : "the file is empty");
        free(v);
        return;
    }
    for (size_t i = 0; i < count; i++) line_inspect(&v[i]);

    /* Line 1 decides whether this is a paja record at all. */
    cJSON *h0 = cJSON_ParseWithLength(v[0].p, v[0].len);
    const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(h0, "format");
    const cJSON *ver = cJSON_GetObjectItemCaseSensitive(h0, "version");
    out->is_record = cJSON_IsString(fmt) && strcmp(fmt->valuestring, REC_FORMAT_NAME) == 0;
    out->supported = out->is_record && cJSON_IsNumber(ver) && ver->valuedouble >= 1 &&
                     ver->valuedouble <= REC_FORMAT_VERSION && ver->valuedouble == (double)(int)ver->valuedouble;
    /* Say what is wrong with the version: only a larger whole number means
     * a newer paja wrote the record; anything else is a damaged header. */
    if (out->is_record && !out->supported) {
        if (!ver)
            snprintf(out->finding, sizeof out->finding,
                     "line 1 has no \"version\": the header is damaged (paja writes \"version\": %d)",
                     REC_FORMAT_VERSION);
        else if (!cJSON_IsNumber(ver))
            snprintf(out->finding, sizeof out->finding,
                     "line 1's \"version\" is %s, not a number: the header is damaged (paja writes \"version\": %d)",
                     cJSON_IsString(ver) ? "text" : "not a number", REC_FORMAT_VERSION);
        else if (ver->valuedouble > REC_FORMAT_VERSION && ver->valuedouble < 1e9 &&
                 ver->valuedouble == (double)(long long)ver->valuedouble)
            snprintf(out->finding, sizeof out->finding,
                     "the record's format version %.0f is newer than this paja understands (%d); update paja",
                     ver->valuedouble, REC_FORMAT_VERSION);
        else
            snprintf(out->finding, sizeof out->finding,
                     "line 1's \"version\" %g is not a format version (whole numbers from 1; this paja reads 1 to "
                     "%d): the header is damaged",
                     ver->valuedouble, REC_FORMAT_VERSION);
    }
    cJSON_Delete(h0);
    if (!out->is_record) {
        snprintf(out->finding, sizeof out->finding, "line 1 is not a paja record header");
        free(v);
        return;
    }
    if (!out->supported) {
        free(v);
        return;
    }

    char prev[REC_HASH_HEX_LEN];
    memcpy(prev, REC_CHAIN_GENESIS, sizeof prev);
    long long expect = 0;
    bool sealed = false, has_hmac = false;
    for (size_t i = 0; i < count; i++) {
        const struct vline *l = &v[i];
        if (sealed) {
            finding(out, i + 1, "line %zu comes after the seal: lines were appended to a closed record", i + 1);
            break;
        }
        if (!chains(prev, l) || l->n != expect || (i == 0) != (strcmp(l->kind, "header") == 0)) {
            if (chains(prev, l) && l->n == expect)
                finding(out, i + 1, "line %zu has the wrong kind ('%s')", i + 1, l->kind);
            else
                classify_break(out, v, count, i, prev, expect);
            break;
        }
        if (strcmp(l->kind, "seal") == 0) {
            check_seal(out, l, i + 1, prev, expect, key, &has_hmac);
            if (out->finding_line) break;
            sealed = true;
        }
        memcpy(prev, l->h, sizeof prev);
        expect++;
        out->lines_intact = i + 1;
    }
    free(v);
    if (out->finding_line) return;

    if (sealed && out->torn_bytes) {
        finding(out, count + 1, "%zu bytes follow the seal: data was appended to a closed record", out->torn_bytes);
        return;
    }
    if (!sealed) {
        out->integrity = REC_INTEGRITY_UNSEALED;
        snprintf(out->finding, sizeof out->finding,
                 "not sealed: lines 1 to %zu are intact, but the record ends without a seal (paja stopped or crashed "
                 "during the session, is still writing it, or lines were cut off the end)",
                 out->lines_intact);
    } else if (has_hmac && key) {
        out->integrity = REC_INTEGRITY_VERIFIED;
    } else if (has_hmac) {
        out->integrity = REC_INTEGRITY_SEALED;
        snprintf(out->note, sizeof out->note,
                 "sealed by %s (%s), not checked: give --key with the institution's public key, or set "
                 "records.public_key; anyone can seal with a key of their own",
                 out->sealed_by[0] ? out->sealed_by : "an unnamed key", out->seal_alg);
    } else {
        out->integrity = REC_INTEGRITY_CLOSED;
        if (key)
            snprintf(out->note, sizeof out->note,
                     "not sealed by any key: closed without an institution key, or its seal was removed and the "
                     "chain re-hashed; it cannot be trusted");
        else
            snprintf(out->note, sizeof out->note,
                     "closed without an institution key: the chain shows accidental damage, not deliberate edits");
    }
    if (out->torn_bytes) {
        size_t n = strlen(out->note);
        snprintf(out->note + n, sizeof out->note - n, "%sthe last %zu bytes are an unfinished line (not part of the record)",
                 n ? "; " : "", out->torn_bytes);
    }
}

bool rec_check_is_finding(const struct rec_check *c, const struct rec_key *key)
{
    if (!c->is_record || !c->supported) return true;
    if (c->integrity == REC_INTEGRITY_ALTERED || c->integrity == REC_INTEGRITY_UNSEALED) return true;
    return key && c->integrity != REC_INTEGRITY_VERIFIED;
}

/* rec_outbox.c — delivering statements to an LRS through an on-disk outbox.
 *
 * The outbox is a folder: one file <id>.json per statement waiting, a
 * sent/ folder with an empty marker per delivered id, rejected/ with the
 * statement and the LRS's answer for each 4xx, and damaged/ for files that
 * failed their checksum and could not be rebuilt. Files are written
 * atomically (fs_write_atomic), so a crash mid-way leaves a statement either
 * waiting or not, never half; the checksum catches what happens to a file
 * afterwards (a disk error, an edit, a copy cut short).
 *
 * A file is a header line and the statement (rec_outbox_add in record.h).
 * Files from before the header (the statement alone) are still sent when
 * they parse and carry their own id.
 *
 * Never duplicated: ids are deterministic (rec_xapi_statement_id), each is
 * sent with PUT ?statementId=ID (the LRS stores an id once; an identical
 * re-send changes nothing), and an id marked in sent/ is not queued again.
 * Order: by the statement's timestamp, then file name, so initialized comes
 * before completed on a fresh LRS. */
#define LOG_TAG "record"
#include "record.h"

#include "arena.h"
#include "fs.h"
#include "log.h"
#include "str.h"
#include "uuid.h"

#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool is_statement_file(const char *name, char out_id[UUID_STR_LEN])
{
    size_t n = strlen(name);
    if (n != 36 + 5 || strcmp(name + 36, ".json") != 0) return false;
    struct uuid u;
    char id[UUID_STR_LEN];
    memcpy(id, name, 36);
    id[36] = '\0';
    if (!uuid_parse(id, &u)) return false;
    memcpy(out_id, id, sizeof id);
    return true;
}

static bool ensure_dirs(const char *dir, char *err, size_t err_size)
{
    char p[4096];
    if (!fs_mkdir_p(dir, err, err_size)) return false;
    snprintf(p, sizeof p, "%s/sent", dir);
    if (!fs_mkdir_p(p, err, err_size)) return false;
    snprintf(p, sizeof p, "%s/rejected", dir);
    return fs_mkdir_p(p, err, err_size);
}

#define OUTBOX_HEADER_START "{\"paja_outbox\":"

/* The file for one statement: header line (checksum, source), statement. */
static void entry_format(struct str_buf *b, const char *stmt, size_t len, const struct rec_outbox_source *src)
{
    char sum[REC_HASH_HEX_LEN];
    rec_sha256_hex(stmt, len, sum);
    cJSON *h = cJSON_CreateObject();
    cJSON_AddNumberToObject(h, "paja_outbox", 1);
    cJSON_AddStringToObject(h, "sha256", sum);
    const char *rp = src ? src->record_path : NULL, *kp = src ? src->key_path : NULL;
    const char *ib = src && src->xapi ? src->xapi->iri_base : NULL, *hp = src && src->xapi ? src->xapi->homepage : NULL;
    if (rp) cJSON_AddStringToObject(h, "record", rp);
    else cJSON_AddNullToObject(h, "record");
    if (kp) cJSON_AddStringToObject(h, "key", kp);
    if (ib) cJSON_AddStringToObject(h, "iri_base", ib);
    if (hp) cJSON_AddStringToObject(h, "homepage", hp);
    char *txt = cJSON_PrintUnformatted(h);
    cJSON_Delete(h);
    if (!txt) core_oom("outbox header", 0);
    str_buf_reset(b);
    str_buf_puts(b, txt);
    str_buf_puts(b, "\n");
    str_buf_append(b, stmt, len);
    str_buf_puts(b, "\n");
    free(txt);
}

int rec_outbox_add(const char *dir, const char *jsonl, size_t size, const struct rec_outbox_source *src, char *err,
                   size_t err_size)
{
    if (!ensure_dirs(dir, err, err_size)) return -1;
    int added = 0;
    size_t start = 0;
    struct str_buf file = {0};
    for (size_t i = 0; i <= size; i++) {
        if (i < size && jsonl[i] != '\n') continue;
        size_t len = i - start;
        const char *line = jsonl + start;
        start = i + 1;
        if (len == 0) continue;
        cJSON *o = cJSON_ParseWithLength(line, len);
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(o, "id");
        struct uuid u;
        if (!cJSON_IsString(id) || !uuid_parse(id->valuestring, &u)) {
            cJSON_Delete(o);
            snprintf(err, err_size, "a statement without a valid \"id\" cannot go into the outbox");
            str_buf_free(&file);
            return -1;
        }
        char p[4096], sent[4096];
        snprintf(p, sizeof p, "%s/%s.json", dir, id->valuestring);
        snprintf(sent, sizeof sent, "%s/sent/%s", dir, id->valuestring);
        cJSON_Delete(o);
        if (fs_exists(p) || fs_exists(sent)) continue;
        entry_format(&file, line, len, src);
        if (!fs_write_atomic(p, file.data, file.len, err, err_size)) {
            str_buf_free(&file);
            return -1;
        }
        added++;
    }
    str_buf_free(&file);
    return added;
}

/* One outbox file, read and checked. */
struct entry {
    const char *body;   /* the statement to send (points into the file's text) */
    size_t body_len;
    cJSON *header;      /* the parsed header line, or NULL (old file, or damaged) */
    bool ok;            /* checksum (or, for an old file, JSON and id) holds */
    char ts[40];        /* the statement's timestamp, for ordering */
    char why[160];      /* what is wrong, when !ok */
};

static void entry_free(struct entry *e)
{
    cJSON_Delete(e->header);
    e->header = NULL;
}

/* Checks txt (a file's text) as the outbox entry for statement id. */
static void entry_read(const char *txt, size_t size, const char *id, struct entry *e)
{
    memset(e, 0, sizeof *e);
    const char *body = txt;
    size_t body_len = size;
    const char *want_sum = NULL;
    if (size >= strlen(OUTBOX_HEADER_START) && memcmp(txt, OUTBOX_HEADER_START, strlen(OUTBOX_HEADER_START)) == 0) {
        const char *nl = memchr(txt, '\n', size);
        if (!nl) {
            snprintf(e->why, sizeof e->why, "the file ends inside its header");
            return;
        }
        e->header = cJSON_ParseWithLength(txt, (size_t)(nl - txt));
        const cJSON *sum = cJSON_GetObjectItemCaseSensitive(e->header, "sha256");
        if (!cJSON_IsString(sum)) {
            snprintf(e->why, sizeof e->why, "the header is damaged (no checksum)");
            return;
        }
        want_sum = sum->valuestring;
        body = nl + 1;
        body_len = size - (size_t)(body - txt);
        if (body_len && body[body_len - 1] == '\n') body_len--;
        char got[REC_HASH_HEX_LEN];
        rec_sha256_hex(body, body_len, got);
        if (strcmp(got, want_sum) != 0) {
            snprintf(e->why, sizeof e->why, "the statement does not match its checksum");
            return;
        }
    }
    cJSON *o = cJSON_ParseWithLength(body, body_len);
    const cJSON *sid = cJSON_GetObjectItemCaseSensitive(o, "id");
    const cJSON *ts = cJSON_GetObjectItemCaseSensitive(o, "timestamp");
    if (!cJSON_IsObject(o) || !cJSON_IsString(sid) || strcmp(sid->valuestring, id) != 0) {
        snprintf(e->why, sizeof e->why, "%s", want_sum ? "the statement is not the one its file is named for"
                                                        : "the file is not a statement with its own id");
        cJSON_Delete(o);
        return;
    }
    if (cJSON_IsString(ts)) snprintf(e->ts, sizeof e->ts, "%s", ts->valuestring);
    cJSON_Delete(o);
    e->body = body;
    e->body_len = body_len;
    e->ok = true;
}

/* Loads the key at path, or each *.pub / *.key in it when it is a folder
 * (at most cap). */
static bool load_keys(const char *path, struct rec_key *keys, size_t cap, size_t *n, char *err, size_t err_size)
{
    *n = 0;
    if (!fs_is_dir(path)) {
        if (!rec_key_load(path, &keys[0], err, err_size)) return false;
        *n = 1;
        return true;
    }
    DIR *d = opendir(path);
    if (!d) {
        snprintf(err, err_size, "cannot read the key folder %s: %s", path, strerror(errno));
        return false;
    }
    struct dirent *e;
    bool ok = true;
    while (ok && *n < cap && (e = readdir(d))) {
        if (e->d_name[0] == '.' || !(str_ends_with(e->d_name, ".pub") || str_ends_with(e->d_name, ".key"))) continue;
        char p[4400];
        snprintf(p, sizeof p, "%s/%s", path, e->d_name);
        ok = rec_key_load(p, &keys[*n], err, err_size);
        if (ok) (*n)++;
    }
    closedir(d);
    return ok;
}

/* Rebuilds statement id from the record the entry's header names, and
 * rewrites the file. The new text (header and statement) is left in file;
 * false with why when the record cannot give it. */
static bool entry_rebuild(const char *dir, const char *id, const cJSON *header, struct str_buf *file, char *why,
                          size_t why_size)
{
    const cJSON *rp = cJSON_GetObjectItemCaseSensitive(header, "record");
    if (!cJSON_IsString(rp)) {
        snprintf(why, why_size, "it does not name its record");
        return false;
    }
    const cJSON *kp = cJSON_GetObjectItemCaseSensitive(header, "key");
    const cJSON *ib = cJSON_GetObjectItemCaseSensitive(header, "iri_base");
    const cJSON *hp = cJSON_GetObjectItemCaseSensitive(header, "homepage");
    struct rec_xapi_opts xo = {.iri_base = cJSON_IsString(ib) ? ib->valuestring : NULL,
                               .homepage = cJSON_IsString(hp) ? hp->valuestring : NULL};
    struct rec_outbox_source src = {.record_path = rp->valuestring,
                                    .key_path = cJSON_IsString(kp) ? kp->valuestring : NULL, .xapi = &xo};
    /* The key the statements were mapped with: a key file, or a folder of
     * *.pub / *.key files (one per machine group, records.public_key). */
    struct rec_key keys[16];
    struct rec_keyring ring = {.keys = keys, .n = 0};
    char err[512];
    if (src.key_path && !load_keys(src.key_path, keys, 16, &ring.n, err, sizeof err)) {
        snprintf(why, why_size, "its key cannot be read: %.300s", err);
        return false;
    }
    struct arena a;
    arena_init(&a, "outbox-rebuild", 1 << 20);
    struct rec_record r;
    bool ok = false;
    if (!rec_record_load_ring(src.record_path, ring.n ? &ring : NULL, REC_READ_NO_POSES, &a, &r, err, sizeof err)) {
        snprintf(why, why_size, "its record cannot be read: %.300s", err);
    } else {
        struct str_buf all = {0};
        rec_xapi_statements(&r, &xo, &all);
        char needle[64];
        snprintf(needle, sizeof needle, "\"id\":\"%s\"", id);
        const char *p = all.data;
        while (p && *p) {
            const char *nl = strchr(p, '\n');
            size_t len = nl ? (size_t)(nl - p) : strlen(p);
            cJSON *o = cJSON_ParseWithLength(p, len);
            const cJSON *sid = cJSON_GetObjectItemCaseSensitive(o, "id");
            bool match = cJSON_IsString(sid) && strcmp(sid->valuestring, id) == 0;
            cJSON_Delete(o);
            if (match) {
                entry_format(file, p, len, &src);
                char path[4096];
                snprintf(path, sizeof path, "%s/%s.json", dir, id);
                ok = fs_write_atomic(path, file->data, file->len, err, sizeof err);
                if (!ok) snprintf(why, why_size, "%.300s", err);
                break;
            }
            p = nl ? nl + 1 : NULL;
        }
        if (!ok && !why[0]) snprintf(why, why_size, "its record %.300s no longer gives that statement", src.record_path);
        str_buf_free(&all);
    }
    arena_fini(&a);
    /* A signing key holds a private half: not left on the stack. */
    volatile unsigned char *wipe = (volatile unsigned char *)keys;
    for (size_t i = 0; i < sizeof keys; i++) wipe[i] = 0;
    return ok;
}

/* A damaged file that cannot be rebuilt: out of the queue, kept for a person. */
static void move_damaged(const char *dir, const char *id)
{
    char p[4096], d[4096], err[256];
    snprintf(d, sizeof d, "%s/damaged", dir);
    if (!fs_mkdir_p(d, err, sizeof err)) LOG_W("[%s] %s", dir, err);
    snprintf(p, sizeof p, "%s/%s.json", dir, id);
    snprintf(d, sizeof d, "%s/damaged/%s.json", dir, id);
    if (rename(p, d) != 0) LOG_W("[%s] cannot move %s to damaged/: %s", dir, id, strerror(errno));
}

struct pending {
    char id[UUID_STR_LEN];
    char ts[40];
};

static int pending_cmp(const void *a, const void *b)
{
    const struct pending *x = a, *y = b;
    int c = strcmp(x->ts, y->ts);
    return c ? c : strcmp(x->id, y->id);
}

/* The waiting statements, oldest first; *out_n of them (free the array). */
static struct pending *pending_list(const char *dir, struct arena *a, size_t *out_n)
{
    *out_n = 0;
    DIR *d = opendir(dir);
    if (!d) return NULL;
    size_t cap = 64, n = 0;
    struct pending *v = xmalloc(cap * sizeof *v);
    struct dirent *e;
    while ((e = readdir(d))) {
        char id[UUID_STR_LEN];
        if (!is_statement_file(e->d_name, id)) continue;
        if (n == cap) v = xrealloc(v, (cap *= 2) * sizeof *v);
        memcpy(v[n].id, id, sizeof id);
        v[n].ts[0] = '\0';
        char *p = arena_printf(a, "%s/%s", dir, e->d_name);
        char err[256];
        size_t size = 0;
        char *txt = fs_read_all(p, a, &size, err, sizeof err);
        if (txt) {
            struct entry en;
            entry_read(txt, size, id, &en);
            memcpy(v[n].ts, en.ts, sizeof v[n].ts);
            entry_free(&en);
        }
        n++;
    }
    closedir(d);
    qsort(v, n, sizeof *v, pending_cmp);
    *out_n = n;
    return v;
}

void rec_outbox_global_init(void)
{
    static bool ready = false;
    if (!ready) {
        curl_global_init(CURL_GLOBAL_DEFAULT);
        ready = true;
    }
}

int rec_outbox_count(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return 0;
    int n = 0;
    struct dirent *e;
    char id[UUID_STR_LEN];
    while ((e = readdir(d)))
        if (is_statement_file(e->d_name, id)) n++;
    closedir(d);
    return n;
}

static size_t body_cb(char *ptr, size_t size, size_t nmemb, void *user)
{
    struct str_buf *b = user;
    size_t n = size * nmemb;
    /* Only the start of an answer matters for a message. */
    if (b->len < 4096) str_buf_append(b, ptr, n < 4096 - b->len ? n : 4096 - b->len);
    return n;
}

static void mark_sent(const char *dir, const char *id)
{
    char p[4096], sent[4096], err[256];
    snprintf(p, sizeof p, "%s/%s.json", dir, id);
    snprintf(sent, sizeof sent, "%s/sent/%s", dir, id);
    /* Marker first, then remove: a crash between leaves the id marked and
     * the file waiting, and the next send re-PUTs an identical statement,
     * which the LRS does not store twice. */
    if (!fs_write_atomic(sent, "", 0, err, sizeof err)) LOG_W("[%s] %s", dir, err);
    unlink(p);
    /* Delivered after an earlier rejection (fixed and queued again): the
     * rejected copy and its answer are history now, not a problem left. */
    snprintf(p, sizeof p, "%s/rejected/%s.json", dir, id);
    unlink(p);
    snprintf(p, sizeof p, "%s/rejected/%s.answer.txt", dir, id);
    unlink(p);
}

static void mark_rejected(const char *dir, const char *id, long code, const char *answer)
{
    char p[4096], rej[4096], why[4096], err[256];
    snprintf(p, sizeof p, "%s/%s.json", dir, id);
    snprintf(rej, sizeof rej, "%s/rejected/%s.json", dir, id);
    snprintf(why, sizeof why, "%s/rejected/%s.answer.txt", dir, id);
    struct str_buf b = {0};
    str_buf_printf(&b, "HTTP %ld\n%s\n", code, answer ? answer : "");
    if (!fs_write_atomic(why, b.data, b.len, err, sizeof err)) LOG_W("[%s] %s", dir, err);
    str_buf_free(&b);
    if (rename(p, rej) != 0) LOG_W("[%s] cannot move %s to rejected/: %s", dir, id, strerror(errno));
}

static int progress_cb(void *user, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow)
{
    (void)dltotal, (void)dlnow, (void)ultotal, (void)ulnow;
    const struct rec_outbox_send_opts *o = user;
    return o->cancelled(o->user) ? 1 : 0; /* non-zero aborts the transfer */
}

bool rec_outbox_send(const char *dir, const char *lrs_url, const char *auth, struct rec_outbox_result *out)
{
    return rec_outbox_send_ex(dir, lrs_url, auth, NULL, out);
}

bool rec_outbox_send_ex(const char *dir, const char *lrs_url, const char *auth, const struct rec_outbox_send_opts *o,
                        struct rec_outbox_result *out)
{
    memset(out, 0, sizeof *out);
    struct arena a;
    arena_init(&a, "outbox", 64 * 1024);
    size_t n = 0;
    struct pending *v = pending_list(dir, &a, &n);
    out->waiting = (int)n;
    if (n == 0) {
        free(v);
        arena_fini(&a);
        return true;
    }
    /* curl_global_init is not thread-safe before curl 7.84; paja calls it
     * from one thread at a time (the CLI, or the delivery worker, which is
     * started after rec_outbox_global_init). */
    rec_outbox_global_init();
    CURL *c = curl_easy_init();
    if (!c) core_oom("curl handle", 0);
    struct curl_slist *hdr = NULL;
    hdr = curl_slist_append(hdr, "Content-Type: application/json");
    hdr = curl_slist_append(hdr, "X-Experience-API-Version: 1.0.3");
    size_t ul = strlen(lrs_url);
    while (ul && lrs_url[ul - 1] == '/') ul--;
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        char p[4096], url[4096], err[256];
        snprintf(p, sizeof p, "%s/%s.json", dir, v[i].id);
        if (o && o->cancelled && o->cancelled(o->user)) {
            snprintf(out->message, sizeof out->message, "stopped before the LRS %.*s had everything", (int)ul,
                     lrs_url);
            ok = false;
            break;
        }
        size_t size = 0;
        char *txt = fs_read_all(p, &a, &size, err, sizeof err);
        if (!txt) continue;
        struct entry en;
        entry_read(txt, size, v[i].id, &en);
        struct str_buf rebuilt = {0};
        if (!en.ok) {
            /* Never send what failed its checksum: rebuild it from the
             * record, else set it aside. */
            char why[512] = "";
            if (en.header && entry_rebuild(dir, v[i].id, en.header, &rebuilt, why, sizeof why)) {
                LOG_W("[%s] %s: %s; rebuilt from its record", dir, v[i].id, en.why);
                entry_free(&en);
                entry_read(rebuilt.data, rebuilt.len, v[i].id, &en);
                out->rebuilt++;
            }
            if (!en.ok) {
                LOG_W("[%s] %s: %s%s%s; moved to damaged/", dir, v[i].id, en.why, why[0] ? ", and " : "",
                      why[0] ? why : "");
                if (!out->damaged)
                    snprintf(out->message, sizeof out->message,
                             "outbox file %s.json is damaged (%s) and could not be rebuilt%s%.200s; it is in %s/damaged",
                             v[i].id, en.why, why[0] ? ": " : "", why, dir);
                move_damaged(dir, v[i].id);
                out->damaged++;
                out->waiting--;
                ok = false;
                entry_free(&en);
                str_buf_free(&rebuilt);
                continue;
            }
        }
        const char *body = en.body;
        size = en.body_len;
        snprintf(url, sizeof url, "%.*s/statements?statementId=%s", (int)ul, lrs_url, v[i].id);
        struct str_buf answer = {0};
        curl_easy_reset(c);
        curl_easy_setopt(c, CURLOPT_URL, url);
        curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, "PUT");
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)size);
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, body_cb);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, &answer);
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, o && o->connect_timeout_s ? o->connect_timeout_s : 10L);
        curl_easy_setopt(c, CURLOPT_TIMEOUT, o && o->timeout_s ? o->timeout_s : 60L);
        if (o && o->cancelled) {
            curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, progress_cb);
            curl_easy_setopt(c, CURLOPT_XFERINFODATA, (void *)o);
            curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
        }
        curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
        if (auth) {
            curl_easy_setopt(c, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
            curl_easy_setopt(c, CURLOPT_USERPWD, auth);
        }
        CURLcode rc = curl_easy_perform(c);
        long code = 0;
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
        if (rc != CURLE_OK || code >= 500 || code < 200) {
            /* Unreachable or failing LRS: everything stays for next time. */
            if (rc != CURLE_OK)
                snprintf(out->message, sizeof out->message, "LRS %.*s unreachable: %s", (int)ul, lrs_url,
                         curl_easy_strerror(rc));
            else
                snprintf(out->message, sizeof out->message, "LRS answered HTTP %ld: %.300s", code,
                         answer.data ? answer.data : "");
            str_buf_free(&answer);
            entry_free(&en);
            str_buf_free(&rebuilt);
            ok = false;
            break;
        }
        if (code == 409) {
            /* xAPI statements are immutable: a 409 Conflict means the LRS
             * keeps a statement under this id (sent live while the session
             * ran, then exported again once sealed). Sending it again can
             * never change it, so it is done, not a problem for a person. */
            LOG_I("[%s] LRS holds statement %s already (HTTP 409); not sent again", dir, v[i].id);
            mark_sent(dir, v[i].id);
            out->delivered++;
            out->already++;
            out->waiting--;
        } else if (code >= 400) {
            if (!out->rejected)
                snprintf(out->message, sizeof out->message, "LRS rejected statement %s with HTTP %ld: %.300s",
                         v[i].id, code, answer.data ? answer.data : "");
            mark_rejected(dir, v[i].id, code, answer.data);
            out->rejected++;
            out->waiting--;
            ok = false;
        } else {
            mark_sent(dir, v[i].id);
            out->delivered++;
            out->waiting--;
        }
        str_buf_free(&answer);
        entry_free(&en);
        str_buf_free(&rebuilt);
    }
    curl_slist_free_all(hdr);
    curl_easy_cleanup(c);
    free(v);
    arena_fini(&a);
    return ok;
}

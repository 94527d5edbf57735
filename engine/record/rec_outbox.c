/* rec_outbox.c — delivering statements to an LRS through an on-disk outbox.
 *
 * The outbox is a folder: one file <id>.json per statement waiting, a
 * sent/ folder with an empty marker per delivered id, and rejected/ with
 * the statement and the LRS's answer for each 4xx. Files are written
 * atomically (fs_write_atomic), so a crash mid-way leaves a statement either
 * waiting or not, never half.
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

int rec_outbox_add(const char *dir, const char *jsonl, size_t size, char *err, size_t err_size)
{
    if (!ensure_dirs(dir, err, err_size)) return -1;
    int added = 0;
    size_t start = 0;
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
            return -1;
        }
        char p[4096], sent[4096];
        snprintf(p, sizeof p, "%s/%s.json", dir, id->valuestring);
        snprintf(sent, sizeof sent, "%s/sent/%s", dir, id->valuestring);
        cJSON_Delete(o);
        if (fs_exists(p) || fs_exists(sent)) continue;
        if (!fs_write_atomic(p, line, len, err, err_size)) return -1;
        added++;
    }
    return added;
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
        cJSON *o = txt ? cJSON_ParseWithLength(txt, size) : NULL;
        const cJSON *ts = cJSON_GetObjectItemCaseSensitive(o, "timestamp");
        if (cJSON_IsString(ts)) snprintf(v[n].ts, sizeof v[n].ts, "%s", ts->valuestring);
        cJSON_Delete(o);
        n++;
    }
    closedir(d);
    qsort(v, n, sizeof *v, pending_cmp);
    *out_n = n;
    return v;
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

bool rec_outbox_send(const char *dir, const char *lrs_url, const char *auth, struct rec_outbox_result *out)
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
    static bool curl_ready = false;
    if (!curl_ready) {
        curl_global_init(CURL_GLOBAL_DEFAULT);
        curl_ready = true;
    }
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
        size_t size = 0;
        char *body = fs_read_all(p, &a, &size, err, sizeof err);
        if (!body) continue;
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
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
        curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
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
            ok = false;
            break;
        }
        if (code >= 400) {
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
    }
    curl_slist_free_all(hdr);
    curl_easy_cleanup(c);
    free(v);
    arena_fini(&a);
    return ok;
}

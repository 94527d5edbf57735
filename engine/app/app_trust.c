/* app_trust.c — what verify, report and xapi check a record against: the
 * key (--key, else the records.public_key setting) and the scenario the
 * record says it ran (--scenario, else the installed one with its id). */
#define LOG_TAG "app"
#include "app_trust.h"

#include "app_settings.h"
#include "arena.h"
#include "fs.h"

#include "str.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.pub and *.key in dir, by name. */
static bool load_folder(const char *cmd, const char *dir, struct app_trust_keys *out)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "paja %s: cannot read the key folder %s: %s\n", cmd, dir, strerror(errno));
        return false;
    }
    char *names[APP_TRUST_KEYS_MAX];
    size_t n = 0;
    struct dirent *e;
    bool ok = true;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.' || !(str_ends_with(e->d_name, ".pub") || str_ends_with(e->d_name, ".key"))) continue;
        if (n == APP_TRUST_KEYS_MAX) {
            fprintf(stderr, "paja %s: more than %d keys in %s\n", cmd, APP_TRUST_KEYS_MAX, dir);
            ok = false;
            break;
        }
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof names[0], name_cmp);
    for (size_t i = 0; i < n; i++) {
        char path[4400], err[1024];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (ok && !rec_key_load(path, &out->keys[out->ring.n], err, sizeof err)) {
            fprintf(stderr, "paja %s: %s\n", cmd, err);
            ok = false;
        } else if (ok) {
            out->ring.n++;
        }
        free(names[i]);
    }
    if (ok && !out->ring.n) {
        fprintf(stderr, "paja %s: no keys (*.pub, *.key) in the folder %s\n", cmd, dir);
        ok = false;
    }
    return ok;
}

bool app_trust_keys(const char *cmd, const char *key_path, struct app_trust_keys *out)
{
    /* One command checks with one set of keys for its whole run. */
    static struct rec_key keys[APP_TRUST_KEYS_MAX];
    memset(out, 0, sizeof *out);
    out->keys = keys;
    out->ring.keys = out->keys;
    const char *path = key_path;
    char from[600] = "", configured[1024];
    if (!path) {
        struct app_settings s;
        app_settings_load(&s, stderr);
        if (s.errors) {
            fprintf(stderr, "paja %s: fix the settings above first (paja config shows every setting)\n", cmd);
            return false;
        }
        if (!s.public_key) return true;
        snprintf(configured, sizeof configured, "%s", s.public_key);
        path = configured;
        app_setting_origin(&s, APP_SET_PUBLIC_KEY, from, sizeof from);
    }
    bool ok;
    if (fs_is_dir(path)) {
        ok = load_folder(cmd, path, out);
    } else {
        char err[1024];
        ok = rec_key_load(path, &out->keys[0], err, sizeof err);
        if (ok) out->ring.n = 1;
        else if (from[0]) fprintf(stderr, "paja %s: records.public_key (%s): %s\n", cmd, from, err);
        else fprintf(stderr, "paja %s: %s\n", cmd, err);
    }
    if (ok && from[0])
        fprintf(stderr, "paja %s: checking seals with %s (%zu key%s, records.public_key from %s)\n", cmd, path,
                out->ring.n, out->ring.n == 1 ? "" : "s", from);
    return ok;
}

void app_trust_keys_free(struct app_trust_keys *k)
{
    /* A ring may hold an HMAC secret or a private key: wiped after use. */
    if (k->keys) {
        volatile unsigned char *p = (volatile unsigned char *)k->keys;
        for (size_t i = 0; i < APP_TRUST_KEYS_MAX * sizeof *k->keys; i++) p[i] = 0;
    }
    memset(k, 0, sizeof *k);
}

int app_trust_scenario(const struct rec_header *h, const char *scenario, char *note, size_t size)
{
    note[0] = '\0';
    if (!h->scenario_hash || !*h->scenario_hash) {
        snprintf(note, size, "the record names no scenario hash");
        return 0;
    }
    char found[4096];
    const char *where = scenario;
    if (!where) {
        if (!app_find_scenario(h->scenario_id, found, sizeof found)) return 0;
        where = found;
    }
    char yaml[4200];
    if (fs_is_dir(where)) snprintf(yaml, sizeof yaml, "%s/scenario.yaml", where);
    else snprintf(yaml, sizeof yaml, "%s", where);
    struct arena a;
    arena_init(&a, "scenario hash", 64 * 1024);
    char err[512], hash[REC_HASH_HEX_LEN];
    size_t n = 0;
    const char *text = fs_read_all(yaml, &a, &n, err, sizeof err);
    if (text) rec_sha256_hex(text, n, hash);
    arena_fini(&a);
    if (!text) {
        snprintf(note, size, "cannot read %s: %s", yaml, err);
        return 0;
    }
    bool same = h->scenario_hash && strcmp(h->scenario_hash, hash) == 0;
    if (same) snprintf(note, size, "%s (hash %.12s)", yaml, hash);
    else
        snprintf(note, size, "the record ran scenario hash %.12s, %s has %.12s", h->scenario_hash ? h->scenario_hash : "(none)",
                 yaml, hash);
    return same ? 1 : -1;
}

/* app_trust.c — what verify, report and xapi check a record against: the
 * key (--key, else the records.public_key setting) and the scenario the
 * record says it ran (--scenario, else the installed one with its id). */
#define LOG_TAG "app"
#include "app_trust.h"

#include "app_settings.h"
#include "arena.h"
#include "fs.h"

#include <stdio.h>
#include <string.h>

bool app_trust_key(const char *cmd, const char *key_path, struct rec_key *key, bool *have)
{
    *have = false;
    char err[1024];
    const char *path = key_path;
    char from[600] = "";
    if (!path) {
        struct app_settings s;
        app_settings_load(&s, stderr);
        if (s.errors) {
            fprintf(stderr, "paja %s: fix the settings above first (paja config shows every setting)\n", cmd);
            return false;
        }
        if (!s.public_key) return true;
        static char configured[1024];
        snprintf(configured, sizeof configured, "%s", s.public_key);
        path = configured;
        app_setting_origin(&s, APP_SET_PUBLIC_KEY, from, sizeof from);
    }
    if (!rec_key_load(path, key, err, sizeof err)) {
        if (from[0]) fprintf(stderr, "paja %s: records.public_key (%s): %s\n", cmd, from, err);
        else fprintf(stderr, "paja %s: %s\n", cmd, err);
        return false;
    }
    if (from[0]) fprintf(stderr, "paja %s: checking seals with %s (key %s, records.public_key from %s)\n", cmd, path,
                         key->id, from);
    *have = true;
    return true;
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

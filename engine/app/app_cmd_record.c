/* app_cmd_record.c — `paja verify` and `paja xapi`: the record commands.
 * The work is in the record module; this file is options, messages and
 * exit codes (0 ok, 1 a finding, 2 bad usage or unreadable input). */
/* realpath(3): outbox files name their record by its absolute path. */
#define _XOPEN_SOURCE 700
#define LOG_TAG "app"
#include "app.h"
#include "app_trust.h"

#include "app_settings.h"
#include "arena.h"
#include "fs.h"
#include "log.h"
#include "record.h"
#include "str.h"

#include <dirent.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char APP_VERIFY_HELP[] =
    "usage: paja verify RECORD|DIR... [--key FILE] [--scenario DIR]\n"
    "\n"
    "Checks that session records are complete and unchanged: the hash chain\n"
    "of every line and the closing seal, and names the key that sealed each.\n"
    "Names the first line that was altered, inserted, removed or reordered.\n"
    "A folder means every *.jsonl in it.\n"
    "\n"
    "options:\n"
    "  --key FILE|DIR   the institution's public key (paja key new wrote it\n"
    "                   beside the private key; default: the records.public_key\n"
    "                   setting), or the raw key of records sealed with an HMAC;\n"
    "                   a folder of *.pub and *.key files: each record is\n"
    "                   checked with the one its seal names.\n"
    "                   Without a key a seal is not checked, and anyone could\n"
    "                   have re-hashed an edited record and sealed it with a key\n"
    "                   of their own (docs/record-format.md)\n"
    "  --scenario DIR   check that each record ran this scenario (its content\n"
    "                   hash); default: the installed scenario with the record's id\n"
    "\n"
    "verdicts: verified (seal checked with the key), sealed (seal not checked:\n"
    "no key), closed (sealed without a key), unsealed (intact but never\n"
    "closed: paja stopped during the session), altered.\n"
    "exit status: 0 all fine, 1 any record altered or unsealed, run on a\n"
    "different scenario, or (with a key) not verified, 2 a record could not be\n"
    "read or no records were found.\n"
    "\n"
    "example:\n"
    "  paja verify records/ --key /etc/paja/seal.pub\n";

const char APP_XAPI_HELP[] =
    "usage: paja xapi RECORD|DIR... [-o FILE] [--lrs URL [--auth USER:PASS]]\n"
    "                 [--outbox DIR] [--iri-base IRI] [--homepage URL] [--key FILE]\n"
    "       paja xapi --flush\n"
    "\n"
    "Turns session records into xAPI 1.0.3 statements (docs/xapi-mapping.md).\n"
    "Statement ids come from the record, so exporting or sending a record again\n"
    "never creates duplicates. Altered records are left out (exit 1). Every\n"
    "statement carries the record's integrity; a result (passed or failed, the\n"
    "score) is sent only for a record whose seal the key verified.\n"
    "\n"
    "options:\n"
    "  -o FILE          write the statements as a JSON array (- for stdout;\n"
    "                   the default when --lrs is not given)\n"
    "  --lrs URL        send them to a Learning Record Store, e.g.\n"
    "                   https://lrs.example.org/xAPI, through the outbox\n"
    "  --auth USER:PASS HTTP basic credentials (or set PAJA_LRS_AUTH)\n"
    "  --outbox DIR     where statements wait while the LRS is unreachable\n"
    "                   (default $XDG_STATE_HOME/paja/outbox, else\n"
    "                   ~/.local/state/paja/outbox); `paja xapi --lrs URL`\n"
    "                   with no records sends what waits there\n"
    "  --iri-base IRI   namespace of activity and extension IRIs\n"
    "                   (default " REC_XAPI_DEFAULT_BASE ")\n"
    "  --homepage URL   account homePage for records without an institution\n"
    "  --key FILE       the institution's public key (default: the\n"
    "                   records.public_key setting), to check seals; without\n"
    "                   one no result is sent\n"
    "  --flush          send what waits in the outbox (what `paja run` could\n"
    "                   not deliver live) to the LRS of the settings\n"
    "                   (lrs.endpoint, lrs.credentials, lrs.outbox; paja config)\n"
    "\n"
    "exit status: 0 done, 1 a record was altered, or statements were rejected\n"
    "by the LRS or still wait in the outbox, 2 bad usage, unreadable input or\n"
    "no records in the folders named.\n"
    "\n"
    "examples:\n"
    "  paja xapi records/ -o statements.json\n"
    "  paja xapi records/ --lrs https://lrs.example.org/xAPI --auth paja:secret\n"
    "  paja xapi --flush\n";

static int usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int usage(const char *cmd, const char *fmt, ...)
{
    fprintf(stderr, "paja %s: ", cmd);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'paja help %s' for the options.\n", cmd);
    return APP_EXIT_USAGE;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Expands folders into their *.jsonl files (sorted); files stay as given.
 * Returns the number of paths; the array and strings live in a. A folder
 * that cannot be read is reported and counts as unreadable. */
size_t app_record_paths(int argc, char **argv, const bool *is_input, struct arena *a, char ***out, bool *out_bad)
{
    size_t cap = 16, n = 0;
    char **v = ARENA_PUSH_ARRAY(a, char *, cap);
    for (int i = 0; i < argc; i++) {
        if (!is_input[i]) continue;
        size_t first = n;
        if (fs_is_dir(argv[i])) {
            DIR *d = opendir(argv[i]);
            if (!d) {
                fprintf(stderr, "paja: cannot read folder '%s'\n", argv[i]);
                *out_bad = true;
                continue;
            }
            struct dirent *e;
            while ((e = readdir(d))) {
                if (!str_ends_with(e->d_name, ".jsonl") || e->d_name[0] == '.') continue;
                if (n == cap) {
                    char **nv = ARENA_PUSH_ARRAY(a, char *, cap * 2);
                    memcpy(nv, v, cap * sizeof *v);
                    v = nv;
                    cap *= 2;
                }
                v[n++] = fs_join(a, argv[i], e->d_name);
            }
            closedir(d);
            qsort(v + first, n - first, sizeof *v, name_cmp);
            if (n == first) fprintf(stderr, "paja: no records (*.jsonl) in '%s'\n", argv[i]);
        } else {
            if (n == cap) {
                char **nv = ARENA_PUSH_ARRAY(a, char *, cap * 2);
                memcpy(nv, v, cap * sizeof *v);
                v = nv;
                cap *= 2;
            }
            v[n++] = argv[i];
        }
    }
    *out = v;
    return n;
}

static bool take_value(const char *cmd, int argc, char **argv, int *i, const char *name, const char **out)
{
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) == 0 && argv[*i][n] == '=') {
        *out = argv[*i] + n + 1;
        return true;
    }
    if (*i + 1 >= argc) {
        usage(cmd, "option %s needs a value", name);
        return false;
    }
    *out = argv[++*i];
    return true;
}

static bool opt_is(const char *a, const char *name)
{
    size_t n = strlen(name);
    return strncmp(a, name, n) == 0 && (a[n] == '\0' || a[n] == '=');
}

int app_cmd_verify(int argc, char **argv)
{
    const char *key_path = NULL, *scenario = NULL;
    bool *is_input = calloc((size_t)argc + 1, sizeof *is_input);
    int inputs = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(APP_VERIFY_HELP, stdout);
            free(is_input);
            return APP_EXIT_OK;
        } else if (opt_is(argv[i], "--key")) {
            if (!take_value("verify", argc, argv, &i, "--key", &key_path)) {
                free(is_input);
                return APP_EXIT_USAGE;
            }
        } else if (opt_is(argv[i], "--scenario")) {
            if (!take_value("verify", argc, argv, &i, "--scenario", &scenario)) {
                free(is_input);
                return APP_EXIT_USAGE;
            }
        } else if (argv[i][0] == '-' && argv[i][1]) {
            free(is_input);
            return usage("verify", "unknown option '%s'", argv[i]);
        } else {
            is_input[i] = true;
            inputs++;
        }
    }
    if (!inputs) {
        free(is_input);
        return usage("verify", "name at least one record or folder of records");
    }
    struct app_trust_keys keys;
    char err[512];
    if (!app_trust_keys("verify", key_path, &keys)) {
        free(is_input);
        return APP_EXIT_USAGE;
    }
    if (scenario && !fs_exists(scenario)) {
        free(is_input);
        return usage("verify", "--scenario: no folder or file '%s'", scenario);
    }
    struct arena a;
    arena_init(&a, "verify", 1 << 20);
    char **paths = NULL;
    bool bad = false, found = false;
    size_t n = app_record_paths(argc, argv, is_input, &a, &paths, &bad);
    if (n == 0) {
        /* Nothing checked is no "all fine": a wrong folder must not pass. */
        fprintf(stderr, "paja verify: no records to check; name *.jsonl records or folders that hold them\n");
        arena_fini(&a);
        free(is_input);
        return APP_EXIT_USAGE;
    }
    for (size_t i = 0; i < n; i++) {
        struct arena_mark m = arena_mark(&a);
        size_t size = 0;
        char *data = fs_read_all(paths[i], &a, &size, err, sizeof err);
        if (!data) {
            printf("%s: unreadable: %s\n", paths[i], err);
            bad = true;
            continue;
        }
        struct rec_check c;
        const struct rec_key *k = rec_keyring_pick(&keys.ring, data, size);
        rec_verify(data, size, k, &c);
        if (!c.is_record || !c.supported) {
            printf("%s: unreadable: %s\n", paths[i], c.finding);
            bad = true;
        } else {
            bool finding = rec_check_is_finding(&c, k);
            found |= finding;
            printf("%s: %s", paths[i], rec_integrity_name(c.integrity));
            if (c.integrity == REC_INTEGRITY_ALTERED) printf(" at line %zu: %s", c.finding_line, c.finding);
            else if (c.integrity == REC_INTEGRITY_UNSEALED) printf(": %s", c.finding);
            else if (c.integrity == REC_INTEGRITY_VERIFIED)
                printf(", sealed by %s (%s; %zu lines, seal checked with the key)", c.sealed_by, c.seal_alg, c.lines);
            else printf(" (%zu lines)", c.lines);
            if (c.note[0]) printf(" — %s", c.note);
            putchar('\n');
            /* The scenario it ran: the same file as the one given or
             * installed? (The header is inside the chain, so an intact
             * record's hash is what paja computed at the start.) */
            struct rec_record r;
            char note[1024];
            if (rec_record_parse_flags(data, size, NULL, REC_READ_NO_POSES, &a, &r, err, sizeof err)) {
                int same = app_trust_scenario(&r.header, scenario, note, sizeof note);
                if (same > 0) printf("%s: scenario: the same as %s\n", paths[i], note);
                else if (same < 0) {
                    printf("%s: scenario DIFFERS: %s\n", paths[i], note);
                    found = true;
                } else if (scenario) {
                    printf("%s: scenario: not checked: %s\n", paths[i], note);
                }
            }
        }
        arena_reset_to(&a, m);
    }
    arena_fini(&a);
    free(is_input);
    /* Said once, at the end, where a teacher reads last: without a key a
     * seal proves nothing against someone who re-hashed an edited record. */
    bool have_key = keys.ring.n > 0;
    app_trust_keys_free(&keys);
    if (!have_key && n)
        fprintf(stderr, "paja verify: no key, so no seal was checked: an edited record's chain can be recomputed; "
                        "give --key with the institution's public key, or set records.public_key\n");
    if (bad) return APP_EXIT_USAGE;
    return found ? APP_EXIT_FINDING : APP_EXIT_OK;
}

static const char *default_outbox(struct arena *a)
{
    const char *state = getenv("XDG_STATE_HOME");
    if (state && *state) return arena_printf(a, "%s/paja/outbox", state);
    const char *home = getenv("HOME");
    return arena_printf(a, "%s/.local/state/paja/outbox", home && *home ? home : ".");
}

int app_cmd_xapi(int argc, char **argv)
{
    const char *out_path = NULL, *lrs = NULL, *auth = getenv("PAJA_LRS_AUTH"), *outbox = NULL, *key_path = NULL;
    bool flush = false;
    char err_flush[512];
    struct rec_xapi_opts xo = {0};
    bool *is_input = calloc((size_t)argc + 1, sizeof *is_input);
    int inputs = 0;
    int rc = APP_EXIT_OK;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool ok = true;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(APP_XAPI_HELP, stdout);
            free(is_input);
            return APP_EXIT_OK;
        } else if (!strcmp(a, "-o")) ok = take_value("xapi", argc, argv, &i, "-o", &out_path);
        else if (opt_is(a, "--output")) ok = take_value("xapi", argc, argv, &i, "--output", &out_path);
        else if (opt_is(a, "--lrs")) ok = take_value("xapi", argc, argv, &i, "--lrs", &lrs);
        else if (opt_is(a, "--auth")) ok = take_value("xapi", argc, argv, &i, "--auth", &auth);
        else if (opt_is(a, "--outbox")) ok = take_value("xapi", argc, argv, &i, "--outbox", &outbox);
        else if (opt_is(a, "--iri-base")) ok = take_value("xapi", argc, argv, &i, "--iri-base", &xo.iri_base);
        else if (opt_is(a, "--homepage")) ok = take_value("xapi", argc, argv, &i, "--homepage", &xo.homepage);
        else if (opt_is(a, "--key")) ok = take_value("xapi", argc, argv, &i, "--key", &key_path);
        else if (!strcmp(a, "--flush")) flush = true;
        else if (a[0] == '-' && a[1]) {
            free(is_input);
            return usage("xapi", "unknown option '%s'", a);
        } else {
            is_input[i] = true;
            inputs++;
        }
        if (!ok) {
            free(is_input);
            return APP_EXIT_USAGE;
        }
    }
    /* --flush: what `paja run` left waiting goes to the LRS the settings
     * name (lrs.endpoint, lrs.credentials, lrs.outbox), unless the command
     * line names another. */
    static struct app_settings set;
    static char set_auth[1024];
    if (flush) {
        app_settings_load(&set, stderr);
        if (!lrs) lrs = set.lrs.endpoint;
        if (!outbox) outbox = set.lrs.outbox;
        if (!auth && set.lrs.credentials) {
            if (!app_settings_lrs_auth(&set, set_auth, sizeof set_auth, err_flush, sizeof err_flush)) {
                free(is_input);
                fprintf(stderr, "paja xapi: %s\n", err_flush);
                return APP_EXIT_USAGE;
            }
            auth = set_auth;
        }
        if (!lrs) {
            free(is_input);
            return usage("xapi", "--flush needs an LRS: lrs.endpoint in paja.conf (paja config) or --lrs URL");
        }
    }
    if (!inputs && !lrs) {
        free(is_input);
        return usage("xapi", "name at least one record or folder of records (or --lrs URL to send the outbox)");
    }
    if (lrs && strncmp(lrs, "http://", 7) != 0 && strncmp(lrs, "https://", 8) != 0) {
        free(is_input);
        return usage("xapi", "--lrs wants an http:// or https:// URL, not '%s'", lrs);
    }
    if (auth && !strchr(auth, ':')) {
        free(is_input);
        return usage("xapi", "--auth wants USER:PASS");
    }
    struct app_trust_keys keys;
    char err[512];
    if (!app_trust_keys("xapi", key_path, &keys)) {
        free(is_input);
        return APP_EXIT_USAGE;
    }
    bool have_key = keys.ring.n > 0;
    struct arena a;
    arena_init(&a, "xapi", 1 << 20);
    char **paths = NULL;
    bool bad = false;
    size_t n = app_record_paths(argc, argv, is_input, &a, &paths, &bad);
    if (inputs && n == 0) {
        fprintf(stderr, "paja xapi: no records to export; name *.jsonl records or folders that hold them\n");
        arena_fini(&a);
        free(is_input);
        return APP_EXIT_USAGE;
    }
    struct str_buf all = {0};
    size_t total = 0;
    /* Where each record's statements start in all, so each outbox file can
     * name the record it is rebuilt from if it is ever damaged. */
    size_t *span = ARENA_PUSH_ARRAY(&a, size_t, n + 1);
    for (size_t i = 0; i < n; i++) {
        span[i] = all.len;
        struct arena_mark m = arena_mark(&a);
        struct rec_record r;
        if (!rec_record_load_ring(paths[i], &keys.ring, REC_READ_NO_POSES, &a, &r, err, sizeof err)) {
            fprintf(stderr, "paja xapi: %s\n", err);
            bad = true;
        } else if (r.check.integrity == REC_INTEGRITY_ALTERED) {
            fprintf(stderr, "paja xapi: %s: left out, altered at line %zu: %s\n", paths[i], r.check.finding_line,
                    r.check.finding);
            rc = APP_EXIT_FINDING;
        } else {
            /* Only a record a key verified sends a grade; the others go
             * without one, marked with their integrity (rec_xapi.c). */
            bool graded_result = r.summary.result && (!strcmp(r.summary.result, "passed") || !strcmp(r.summary.result, "failed"));
            if (r.check.integrity == REC_INTEGRITY_UNSEALED)
                fprintf(stderr, "paja xapi: %s: unsealed (the session did not end normally); no result sent\n",
                        paths[i]);
            else if (r.check.integrity != REC_INTEGRITY_VERIFIED && graded_result)
                fprintf(stderr, "paja xapi: %s: %s, not verified with a key%s; its result (%s) is not sent\n", paths[i],
                        rec_integrity_name(r.check.integrity),
                        have_key ? "" : " (give --key with the institution's public key, or set records.public_key)",
                        r.summary.result);
            total += rec_xapi_statements(&r, &xo, &all);
        }
        arena_reset_to(&a, m);
    }
    span[n] = all.len;
    if (bad) {
        str_buf_free(&all);
        arena_fini(&a);
        free(is_input);
        return APP_EXIT_USAGE;
    }

    if (out_path || !lrs) {
        /* A JSON array, one statement per line: POSTable as it is and easy
         * to read or diff. */
        struct str_buf arr = {0};
        str_buf_puts(&arr, "[");
        const char *p = all.data;
        for (size_t k = 0; p && *p; k++) {
            const char *nl = strchr(p, '\n');
            str_buf_puts(&arr, k ? ",\n" : "\n");
            str_buf_append(&arr, p, (size_t)(nl - p));
            p = nl + 1;
        }
        str_buf_puts(&arr, "\n]\n");
        if (!fs_write_output(out_path ? out_path : "-", arr.data, arr.len, 0644, err, sizeof err)) {
            fprintf(stderr, "paja xapi: %s\n", err);
            rc = APP_EXIT_USAGE;
        } else {
            if (out_path && strcmp(out_path, "-") != 0)
                fprintf(stderr, "paja xapi: %zu statements from %zu records written to %s\n", total, n, out_path);
        }
        str_buf_free(&arr);
    }
    if (lrs && rc != APP_EXIT_USAGE) {
        if (!outbox) outbox = default_outbox(&a);
        int added = 0;
        for (size_t i = 0; i < n && added >= 0; i++) {
            if (span[i + 1] == span[i]) continue;
            char abs_path[PATH_MAX];
            struct rec_outbox_source src = {.record_path = realpath(paths[i], abs_path) ? abs_path : paths[i],
                                            .key_path = key_path, .xapi = &xo};
            char key_abs[PATH_MAX];
            if (key_path && realpath(key_path, key_abs)) src.key_path = key_abs;
            int k = rec_outbox_add(outbox, all.data + span[i], span[i + 1] - span[i], &src, err, sizeof err);
            added = k < 0 ? -1 : added + k;
        }
        if (added < 0) {
            fprintf(stderr, "paja xapi: outbox %s: %s\n", outbox, err);
            rc = APP_EXIT_USAGE;
        } else {
            struct rec_outbox_result res;
            bool ok = rec_outbox_send(outbox, lrs, auth, &res);
            fprintf(stderr, "paja xapi: %d delivered to %s, %d waiting in %s, %d rejected\n", res.delivered, lrs,
                    res.waiting, outbox, res.rejected);
            if (!ok) {
                fprintf(stderr, "paja xapi: %s\n", res.message);
                if (res.waiting) fprintf(stderr, "paja xapi: run `paja xapi --lrs %s` again to send the rest\n", lrs);
                if (res.rejected) fprintf(stderr, "paja xapi: rejected statements are kept in %s/rejected\n", outbox);
                rc = APP_EXIT_FINDING;
            }
        }
    }
    str_buf_free(&all);
    arena_fini(&a);
    free(is_input);
    return rc;
}

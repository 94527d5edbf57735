/* app_settings.c — settings files and their precedence (app_settings.h). */
#define LOG_TAG "app"
#include "app_settings.h"

#include "scenario.h"
#include "str.h"

#include <ini.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

enum kind { K_PATH, K_URL, K_LANG, K_MODE_LOCK, K_BOOL, K_SAMPLES };

struct row {
    const char *key;            /* section.name */
    enum kind kind;
    const char *def;            /* "" when unset by default */
    bool locked;                /* the institution's value holds (app_settings.h) */
};

/* The order `paja config` prints. A new key: a row here and its id in
 * app_settings.h (same order). */
static const struct row ROWS[APP_SET_COUNT] = {
    [APP_SET_RECORDS_FOLDER] = {"records.folder", K_PATH, "", false},
    [APP_SET_SIGNING_KEY] = {"records.signing_key", K_PATH, "", true},
    [APP_SET_PUBLIC_KEY] = {"records.public_key", K_PATH, "", false},
    [APP_SET_LRS_ENDPOINT] = {"lrs.endpoint", K_URL, "", false},
    [APP_SET_LRS_CREDENTIALS] = {"lrs.credentials", K_PATH, "", false},
    [APP_SET_LRS_OUTBOX] = {"lrs.outbox", K_PATH, "", false},
    [APP_SET_LANG] = {"session.lang", K_LANG, "", false},
    [APP_SET_MODE_LOCK] = {"session.mode_lock", K_MODE_LOCK, "none", true},
    [APP_SET_HOT_RELOAD] = {"session.hot_reload", K_BOOL, "yes", true},
    /* A school whose PCs have a GPU may want more than the per-renderer
     * default (1 sample on software OpenGL, 4 on a GPU); a weak PC fewer. */
    [APP_SET_MSAA] = {"render.msaa", K_SAMPLES, "auto", false},
};

const char *app_setting_key(enum app_setting_id id)
{
    return (unsigned)id < APP_SET_COUNT ? ROWS[id].key : "";
}

static int find_key(const char *key)
{
    for (int i = 0; i < APP_SET_COUNT; i++)
        if (strcmp(ROWS[i].key, key) == 0) return i;
    return -1;
}

static bool parse_bool(const char *v, bool *out)
{
    static const char *const YES[] = {"yes", "true", "on", "1"}, *const NO[] = {"no", "false", "off", "0"};
    for (size_t i = 0; i < 4; i++) {
        if (strcasecmp(v, YES[i]) == 0) return *out = true, true;
        if (strcasecmp(v, NO[i]) == 0) return *out = false, true;
    }
    return false;
}

/* "auto" (0: the renderer's default) or a sample count 1..16. */
static bool parse_samples(const char *v, int *out)
{
    if (strcasecmp(v, "auto") == 0) return *out = 0, true;
    char *end = NULL;
    long n = strtol(v, &end, 10);
    if (end == v || *end || n < 1 || n > 16) return false;
    *out = (int)n;
    return true;
}

/* Why value is not good for row r, or NULL when it is. */
static const char *value_problem(const struct row *r, const char *v)
{
    switch (r->kind) {
    case K_PATH: return *v ? NULL : "wants a path (leave the line out to unset it)";
    case K_URL:
        return !*v || strncmp(v, "http://", 7) == 0 || strncmp(v, "https://", 8) == 0
                   ? NULL
                   : "wants an http:// or https:// URL, e.g. https://lrs.example.org/xAPI";
    case K_LANG: {
        enum app_lang l;
        return !*v || app_lang_parse(v, &l) ? NULL : "wants fi, en or sv";
    }
    case K_MODE_LOCK: {
        enum scenario_mode m;
        return strcmp(v, "none") == 0 || scenario_mode_parse(v, &m) ? NULL : "wants none, guided, practice or exam";
    }
    case K_BOOL: {
        bool b;
        return parse_bool(v, &b) ? NULL : "wants yes or no";
    }
    case K_SAMPLES: {
        int n;
        return parse_samples(v, &n) ? NULL : "wants auto or a sample count from 1 to 16";
    }
    }
    return NULL;
}

static void fill(struct app_settings *s)
{
#define VAL(id) (s->v[id].value[0] ? s->v[id].value : NULL)
    s->records = VAL(APP_SET_RECORDS_FOLDER);
    s->signing_key = VAL(APP_SET_SIGNING_KEY);
    s->public_key = VAL(APP_SET_PUBLIC_KEY);
    s->lrs.endpoint = VAL(APP_SET_LRS_ENDPOINT);
    s->lrs.credentials = VAL(APP_SET_LRS_CREDENTIALS);
    s->lrs.outbox = VAL(APP_SET_LRS_OUTBOX);
#undef VAL
    s->lang_set = s->v[APP_SET_LANG].value[0] && app_lang_parse(s->v[APP_SET_LANG].value, &s->lang);
    enum scenario_mode m;
    s->mode_lock = scenario_mode_parse(s->v[APP_SET_MODE_LOCK].value, &m) ? (int)m : -1;
    if (!parse_bool(s->v[APP_SET_HOT_RELOAD].value, &s->hot_reload)) s->hot_reload = true;
    if (!parse_samples(s->v[APP_SET_MSAA].value, &s->msaa)) s->msaa = 0;
}

/* ---- reading one file -------------------------------------------------- */

struct reader {
    FILE *f;
    int line;
    int long_line;              /* first line longer than a value may be */
};

/* inih's fgets-style reader, counting lines so every problem names its
 * line (Debian's inih does not pass line numbers to the handler). */
static char *read_line(char *str, int num, void *stream)
{
    struct reader *r = stream;
    if (!fgets(str, num, r->f)) return NULL;
    r->line++;
    size_t n = strlen(str);
    if (n && str[n - 1] != '\n' && !feof(r->f)) {
        /* Too long for the buffer: drop the rest, so lines keep counting right. */
        int c;
        while ((c = fgetc(r->f)) != EOF && c != '\n') {}
        if (!r->long_line) r->long_line = r->line;
    }
    return str;
}

struct parse {
    struct app_settings *s;
    struct reader rd;
    const char *path;
    enum app_setting_source source;
    FILE *err;
    bool seen[APP_SET_COUNT];
};

/* A file that is not a settings file at all (a binary, the wrong file)
 * would print a message per line; after this many the rest are counted. */
#define MAX_MESSAGES 20

static void problem(struct parse *p, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void problem(struct parse *p, int line, const char *fmt, ...)
{
    if (p->s->errors++ >= MAX_MESSAGES) return;
    fprintf(p->err, "paja: %s:%d: ", p->path, line);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(p->err, fmt, ap);
    va_end(ap);
    fputc('\n', p->err);
}

/* Text from the file, fit for a message: at most 60 bytes, anything but
 * printable ASCII and UTF-8 letters shown as '?'. */
static void shown(const char *in, char *out, size_t size)
{
    size_t n = 0;
    for (const unsigned char *q = (const unsigned char *)in; *q && n + 4 < size && n < 60; q++)
        out[n++] = (*q >= 0x20 && *q < 0x7f) || (*q >= 0x80 && *q < 0xf5) ? (char)*q : '?';
    if (strlen(in) > n) out[n++] = '~';
    out[n] = '\0';
}

static int on_value(void *user, const char *section, const char *name, const char *value)
{
    struct parse *p = user;
    int line = p->rd.line;
    char key[256];
    snprintf(key, sizeof key, "%s%s%s", section, *section ? "." : "", name);
    int id = find_key(key);
    if (id < 0) {
        const char *names[APP_SET_COUNT];
        for (int i = 0; i < APP_SET_COUNT; i++) names[i] = ROWS[i].key;
        const char *near = str_nearest(key, names, APP_SET_COUNT);
        char k[80];
        shown(key, k, sizeof k);
        problem(p, line, "unknown setting '%s'%s%s%s (paja config lists them; [section] then name = value)", k,
                near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
        return 1;
    }
    const struct row *r = &ROWS[id];
    if (strlen(value) >= sizeof p->s->v[0].value) {
        problem(p, line, "%s: the value is longer than %zu bytes", key, sizeof p->s->v[0].value - 1);
        return 1;
    }
    const char *why = value_problem(r, value);
    if (why) {
        char v[80];
        shown(value, v, sizeof v);
        problem(p, line, "%s = '%s': %s", key, v, why);
        return 1;
    }
    struct app_setting_value *v = &p->s->v[id];
    if (p->seen[id])
        fprintf(p->err, "paja: %s:%d: warning: %s is set again; this line wins over line %d\n", p->path, line, key,
                v->line);
    p->seen[id] = true;
    if (p->source == APP_SET_USER && r->locked && v->source == APP_SET_SYSTEM) {
        fprintf(p->err,
                "paja: %s:%d: warning: %s is set by the institution (%s:%d) and cannot be changed here; "
                "this line is ignored\n",
                p->path, line, key, v->file, v->line);
        return 1;
    }
    snprintf(v->value, sizeof v->value, "%s", value);
    v->source = p->source;
    snprintf(v->file, sizeof v->file, "%s", p->path);
    v->line = line;
    return 1;
}

static void load_file(struct app_settings *s, const char *path, enum app_setting_source source, FILE *err,
                      bool *found)
{
    *found = false;
    FILE *f = fopen(path, "r");
    if (!f) {
        if (errno != ENOENT) {
            fprintf(err, "paja: cannot read the settings file %s: %s\n", path, strerror(errno));
            s->errors++;
        }
        return;
    }
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        fprintf(err, "paja: the settings file %s is not a regular file\n", path);
        s->errors++;
        fclose(f);
        return;
    }
    *found = true;
    struct parse p = {.s = s, .rd = {.f = f}, .path = path, .source = source, .err = err};
    /* Paths and URLs can be long; the line buffer must hold them. Values
     * are checked against their own limit in on_value. */
    ini_max_line = 4096;
    int rc = ini_parse_stream(read_line, &p.rd, on_value, &p);
    fclose(f);
    if (p.rd.long_line) problem(&p, p.rd.long_line, "the line is longer than 4094 bytes");
    if (rc > 0)
        problem(&p, rc, "not a setting: write '[section]' or 'name = value' (';' or '#' start a comment)");
    if (s->errors > MAX_MESSAGES)
        fprintf(err, "paja: %s: %d problems in all; is it a paja settings file?\n", path, s->errors);
}

static void default_paths(struct app_settings *s)
{
    const char *sys = getenv("PAJA_SYSTEM_CONFIG");
    snprintf(s->system_path, sizeof s->system_path, "%s", sys && *sys ? sys : "/etc/paja/paja.conf");
    const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    /* XDG: a relative XDG_CONFIG_HOME is invalid and ignored. */
    if (xdg && xdg[0] == '/') snprintf(s->user_path, sizeof s->user_path, "%s/paja/paja.conf", xdg);
    else if (home && *home) snprintf(s->user_path, sizeof s->user_path, "%s/.config/paja/paja.conf", home);
    else s->user_path[0] = '\0';
}

void app_settings_load_from(struct app_settings *s, const char *system_path, const char *user_path, FILE *err_out)
{
    memset(s, 0, sizeof *s);
    FILE *err = err_out ? err_out : stderr;
    default_paths(s);
    if (system_path) snprintf(s->system_path, sizeof s->system_path, "%s", system_path);
    if (user_path) snprintf(s->user_path, sizeof s->user_path, "%s", user_path);
    for (int i = 0; i < APP_SET_COUNT; i++) {
        snprintf(s->v[i].value, sizeof s->v[i].value, "%s", ROWS[i].def);
        s->v[i].source = APP_SET_DEFAULT;
    }
    load_file(s, s->system_path, APP_SET_SYSTEM, err, &s->system_found);
    if (s->user_path[0]) load_file(s, s->user_path, APP_SET_USER, err, &s->user_found);
    fill(s);
}

void app_settings_load(struct app_settings *s, FILE *err_out)
{
    app_settings_load_from(s, NULL, NULL, err_out);
}

bool app_settings_set_cli(struct app_settings *s, enum app_setting_id id, const char *value, const char *cmd)
{
    if ((unsigned)id >= APP_SET_COUNT) return false;
    const struct row *r = &ROWS[id];
    struct app_setting_value *v = &s->v[id];
    const char *why = value_problem(r, value);
    if (why || strlen(value) >= sizeof v->value) {
        fprintf(stderr, "paja %s: %s '%s' %s\n", cmd, r->key, value, why ? why : "is too long");
        return false;
    }
    if (r->locked && v->source == APP_SET_SYSTEM && strcmp(v->value, value) != 0) {
        fprintf(stderr,
                "paja %s: %s is set to '%s' by the institution (%s:%d); it cannot be changed on the command line\n",
                cmd, r->key, v->value, v->file, v->line);
        return false;
    }
    snprintf(v->value, sizeof v->value, "%s", value);
    v->source = APP_SET_CLI;
    v->file[0] = '\0';
    v->line = 0;
    fill(s);
    return true;
}

void app_setting_origin(const struct app_settings *s, enum app_setting_id id, char *out, size_t size)
{
    const struct app_setting_value *v = &s->v[id];
    switch (v->source) {
    case APP_SET_SYSTEM:
    case APP_SET_USER: snprintf(out, size, "%s:%d", v->file, v->line); break;
    case APP_SET_CLI: snprintf(out, size, "command line"); break;
    default: snprintf(out, size, "default"); break;
    }
}

bool app_settings_lrs_auth(const struct app_settings *s, char *out, size_t size, char *err, size_t err_size)
{
    out[0] = '\0';
    if (!s->lrs.credentials) {
        snprintf(err, err_size, "lrs.credentials is not set");
        return false;
    }
    FILE *f = fopen(s->lrs.credentials, "r");
    if (!f) {
        snprintf(err, err_size, "cannot read the LRS credentials file %s: %s", s->lrs.credentials, strerror(errno));
        return false;
    }
    bool got = fgets(out, (int)size, f) != NULL;
    fclose(f);
    out[strcspn(out, "\r\n")] = '\0';
    if (!got || !strchr(out, ':')) {
        snprintf(err, err_size, "the LRS credentials file %s should hold USER:PASS on its first line",
                 s->lrs.credentials);
        out[0] = '\0';
        return false;
    }
    return true;
}

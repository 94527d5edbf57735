/* log.c — diagnostics log (see log.h). Single-threaded by design: the engine
 * logs from the main thread; the record writer never logs from its flush path. */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define LOG_MAX_OVERRIDES 16

static struct {
    enum log_level level;
    struct { char tag[24]; enum log_level level; } overrides[LOG_MAX_OVERRIDES];
    int override_count;
    FILE *file;
    /* The file keeps at least info, whatever -q does to stderr: it is what
     * a teacher or IT sends when asking for help. */
    enum log_level file_level;
    log_sink_fn sink;
    void *sink_user;
    bool configured;
} g_log = {.level = LOG_LEVEL_INFO, .file_level = LOG_LEVEL_INFO};

static const char *const LEVEL_NAMES[] = {"error", "warn", "info", "debug"};

bool log_level_parse(const char *s, enum log_level *out_level)
{
    for (int i = 0; i < 4; i++) {
        if (strcasecmp(s, LEVEL_NAMES[i]) == 0) {
            *out_level = (enum log_level)i;
            return true;
        }
    }
    if (strcasecmp(s, "warning") == 0) {
        *out_level = LOG_LEVEL_WARN;
        return true;
    }
    return false;
}

void log_configure(const char *spec)
{
    if (!spec) spec = getenv("PAJA_LOG");
    g_log.configured = true;
    g_log.override_count = 0;
    if (!spec || !*spec) return;

    char buf[256];
    snprintf(buf, sizeof buf, "%s", spec);
    char *save = NULL;
    for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(tok, '=');
        enum log_level lv;
        if (!eq) {
            if (log_level_parse(tok, &lv)) g_log.level = lv;
            else fprintf(stderr, "paja: PAJA_LOG: unknown level '%s' (use error, warn, info or debug)\n", tok);
            continue;
        }
        *eq = '\0';
        if (!log_level_parse(eq + 1, &lv)) {
            fprintf(stderr, "paja: PAJA_LOG: unknown level '%s' for '%s'\n", eq + 1, tok);
            continue;
        }
        if (g_log.override_count < LOG_MAX_OVERRIDES) {
            int i = g_log.override_count++;
            snprintf(g_log.overrides[i].tag, sizeof g_log.overrides[i].tag, "%s", tok);
            g_log.overrides[i].level = lv;
        }
    }
}

void log_set_level(enum log_level level)
{
    g_log.level = level;
}

bool log_open_file(const char *path)
{
    log_close_file();
    g_log.file = fopen(path, "a");
    return g_log.file != NULL;
}

void log_close_file(void)
{
    if (g_log.file) fclose(g_log.file);
    g_log.file = NULL;
}

void log_set_sink(log_sink_fn fn, void *user)
{
    g_log.sink = fn;
    g_log.sink_user = user;
}

/* The level that applies to tag on stderr. */
static enum log_level tag_level(const char *tag)
{
    if (!g_log.configured) log_configure(NULL);
    for (int i = 0; i < g_log.override_count; i++)
        if (strcmp(g_log.overrides[i].tag, tag) == 0) return g_log.overrides[i].level;
    return g_log.level;
}

static bool file_wants(enum log_level level, const char *tag)
{
    enum log_level t = tag_level(tag);
    return g_log.file && level <= (t > g_log.file_level ? t : g_log.file_level);
}

bool log_enabled(enum log_level level, const char *tag)
{
    return level <= tag_level(tag) || file_wants(level, tag);
}

void log_msg(enum log_level level, const char *tag, const char *fmt, ...)
{
    if (!log_enabled(level, tag)) return;
    char msg[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);

    bool to_stderr = level <= tag_level(tag);
    if (g_log.sink && to_stderr) g_log.sink(level, tag, msg, g_log.sink_user);
    /* Errors and warnings name their level; info reads like plain output. */
    if (to_stderr && level <= LOG_LEVEL_WARN)
        fprintf(stderr, "paja: %s: %s: %s\n", tag, LEVEL_NAMES[level], msg);
    else if (to_stderr)
        fprintf(stderr, "paja: %s: %s\n", tag, msg);
    if (file_wants(level, tag)) {
        fprintf(g_log.file, "%s %s: %s\n", LEVEL_NAMES[level], tag, msg);
        fflush(g_log.file);
    }
}

bool core_check_failed(const char *expr, const char *file, int line)
{
    log_msg(LOG_LEVEL_ERROR, "check", "internal check failed: %s at %s:%d (please report this)", expr, file, line);
    return false;
}

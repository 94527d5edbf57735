/* log.h — diagnostics log with module tags and levels.
 *
 * This is the developer/operator log (stderr, optionally a file), not the
 * trainee's session record, which the record module owns.
 *
 * Each .c file names its module once, before including this header:
 *   #define LOG_TAG "gfx"
 *   #include "log.h"
 *   LOG_W("[%s] texture %d: %s", path, i, why);
 *
 * Levels come from PAJA_LOG: a default level and per-tag overrides, e.g.
 *   PAJA_LOG=debug           everything
 *   PAJA_LOG=warn,gfx=debug  warnings and errors, but all of gfx
 */
#ifndef PAJA_LOG_H
#define PAJA_LOG_H

#include <stdbool.h>

enum log_level { LOG_LEVEL_ERROR, LOG_LEVEL_WARN, LOG_LEVEL_INFO, LOG_LEVEL_DEBUG };

/* Reads PAJA_LOG (may be NULL to use the environment). Safe to call again. */
void log_configure(const char *spec);
/* Sets the default level (e.g. from --verbose/--quiet). */
void log_set_level(enum log_level level);
/* Also writes every message to path (appended). Returns false with errno set
 * if it cannot be opened; messages still go to stderr. */
bool log_open_file(const char *path);
void log_close_file(void);
bool log_enabled(enum log_level level, const char *tag);
/* Parses "error"/"warn"/"info"/"debug"; false on anything else. */
bool log_level_parse(const char *s, enum log_level *out_level);

/* Lets tests capture messages. The callback sees the formatted text only.
 * Pass NULL to remove it. */
typedef void (*log_sink_fn)(enum log_level level, const char *tag, const char *msg, void *user);
void log_set_sink(log_sink_fn fn, void *user);

void log_msg(enum log_level level, const char *tag, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#ifndef LOG_TAG
#define LOG_TAG "paja"
#endif
#define LOG_E(...) log_msg(LOG_LEVEL_ERROR, LOG_TAG, __VA_ARGS__)
#define LOG_W(...) log_msg(LOG_LEVEL_WARN, LOG_TAG, __VA_ARGS__)
#define LOG_I(...) log_msg(LOG_LEVEL_INFO, LOG_TAG, __VA_ARGS__)
#define LOG_D(...) do { if (log_enabled(LOG_LEVEL_DEBUG, LOG_TAG)) log_msg(LOG_LEVEL_DEBUG, LOG_TAG, __VA_ARGS__); } while (0)

/* Defensive checks that stay in release builds (SQLite's ALWAYS/NEVER):
 * in debug builds a false condition aborts; in release it is logged and the
 * caller's fallback path runs. */
bool core_check_failed(const char *expr, const char *file, int line);
#ifdef NDEBUG
#define ALWAYS(x) ((x) ? 1 : (core_check_failed(#x, __FILE__, __LINE__), 0))
#define NEVER(x) ((x) ? (core_check_failed("!(" #x ")", __FILE__, __LINE__), 1) : 0)
#define ASSERT(x) ((void)0)
#else
#include <assert.h>
#define ALWAYS(x) ((x) ? 1 : (core_check_failed(#x, __FILE__, __LINE__), assert(x), 0))
#define NEVER(x) ((x) ? (core_check_failed("!(" #x ")", __FILE__, __LINE__), assert(!(x)), 1) : 0)
#define ASSERT(x) assert(x)
#endif

#endif

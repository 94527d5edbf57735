/* trace_line.h — the last complete line of paja's test trace
 * (PAJA_TEST_TRACE, engine/app/app_trace.h) as key=value fields, for the
 * players that aim through it: xplay (mouse and keys over X11) and xrplay
 * (controllers through xrsim). */
#ifndef PAJA_TRACE_LINE_H
#define PAJA_TRACE_LINE_H

#include <stdbool.h>

struct trace_line {
    char raw[65536];            /* the line as written, for messages */
    char work[65536];           /* the same, split in place into fields */
    char *key[512], *val[512];
    int n;
    long frame;                 /* f=, or -1 */
};

/* Reads the last line of path that paja finished writing (it may be writing
 * the next). False when there is none yet or it is no trace line. */
bool trace_line_read(const char *path, struct trace_line *t);
/* The value of field key, or NULL. */
const char *trace_line_field(const struct trace_line *t, const char *key);
/* The repeated field key whose value starts with "name,": the rest. */
const char *trace_line_named(const struct trace_line *t, const char *key, const char *name);
/* Whether the comma-separated list holds item. */
bool trace_list_has(const char *list, const char *item);

#endif

/* trace_line.c — see trace_line.h. */
#define _POSIX_C_SOURCE 200809L
#include "trace_line.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool trace_line_read(const char *path, struct trace_line *t)
{
    FILE *f = fopen(path, "rb");
    if (!f) return false;
    /* Only the end of a long trace is needed: a bit more than one line. */
    static char buf[131072];
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    long from = size > (long)sizeof buf - 1 ? size - (long)sizeof buf + 1 : 0;
    fseek(f, from, SEEK_SET);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    /* The last line that ends: paja may be writing the next one. */
    char *end = strrchr(buf, '\n');
    if (!end) return false;
    *end = '\0';
    char *start = strrchr(buf, '\n');
    start = start ? start + 1 : buf;
    if (strncmp(start, "f=", 2) != 0) return false;
    snprintf(t->raw, sizeof t->raw, "%.65000s", start);
    memcpy(t->work, t->raw, sizeof t->work);
    t->n = 0;
    for (char *save = NULL, *tok = strtok_r(t->work, " ", &save); tok && t->n < 512;
         tok = strtok_r(NULL, " ", &save)) {
        char *eq = strchr(tok, '=');
        if (!eq) continue;
        *eq = '\0';
        t->key[t->n] = tok;
        t->val[t->n++] = eq + 1;
    }
    const char *fv = trace_line_field(t, "f");
    t->frame = fv ? atol(fv) : -1;
    return t->frame >= 0;
}

const char *trace_line_field(const struct trace_line *t, const char *key)
{
    for (int i = 0; i < t->n; i++)
        if (!strcmp(t->key[i], key)) return t->val[i];
    return NULL;
}

const char *trace_line_named(const struct trace_line *t, const char *key, const char *name)
{
    size_t k = strlen(name);
    for (int i = 0; i < t->n; i++)
        if (!strcmp(t->key[i], key) && !strncmp(t->val[i], name, k) && t->val[i][k] == ',') return t->val[i] + k + 1;
    return NULL;
}

bool trace_list_has(const char *list, const char *item)
{
    size_t k = strlen(item);
    for (const char *p = list; p && *p;) {
        const char *c = strchr(p, ',');
        size_t n = c ? (size_t)(c - p) : strlen(p);
        if (n == k && !strncmp(p, item, k)) return true;
        p = c ? c + 1 : NULL;
    }
    return false;
}

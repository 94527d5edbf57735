/* str.c — see str.h. */
#include "str.h"

#include "arena.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

bool str_eq(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

bool str_starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool str_ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

size_t str_edit_distance(const char *a, const char *b, size_t max)
{
    size_t n = strlen(a), m = strlen(b);
    if ((n > m ? n - m : m - n) > max) return max + 1;
    /* Optimal string alignment: Levenshtein plus adjacent transpositions
     * ("rnu" -> "run" is one edit), the commonest typing slip. Three rows. */
    size_t *pp = xmalloc((m + 1) * sizeof *pp);
    size_t *prev = xmalloc((m + 1) * sizeof *prev);
    size_t *cur = xmalloc((m + 1) * sizeof *cur);
    for (size_t j = 0; j <= m; j++) prev[j] = j;
    size_t result = 0;
    bool capped = false;
    for (size_t i = 1; i <= n && !capped; i++) {
        cur[0] = i;
        size_t row_min = cur[0];
        for (size_t j = 1; j <= m; j++) {
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t v = prev[j - 1] + cost;
            if (prev[j] + 1 < v) v = prev[j] + 1;
            if (cur[j - 1] + 1 < v) v = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && pp[j - 2] + 1 < v)
                v = pp[j - 2] + 1;
            cur[j] = v;
            if (v < row_min) row_min = v;
        }
        size_t *t = pp;
        pp = prev;
        prev = cur;
        cur = t;
        /* A transposition can look back one more row, so stop only when
         * two rows in a row are past the cap. */
        if (row_min > max + 1) capped = true;
    }
    result = capped ? max + 1 : prev[m];
    free(pp);
    free(prev);
    free(cur);
    return result > max ? max + 1 : result;
}

const char *str_nearest(const char *name, const char *const *candidates, size_t count)
{
    size_t limit = strlen(name) / 3;
    if (limit < 1) limit = 1;
    if (limit > 3) limit = 3;
    const char *best = NULL;
    size_t best_d = limit + 1;
    for (size_t i = 0; i < count; i++) {
        if (!candidates[i]) continue;
        size_t d = str_edit_distance(name, candidates[i], limit);
        if (d < best_d) {
            best_d = d;
            best = candidates[i];
        }
    }
    if (best) return best;
    /* Authors drop the prefix of a dotted id ("card" for "doc.card"): a
     * candidate holding name as a whole part between dots, the shortest
     * such one. (Not between '_': "penalty" is no "hint_penalty".) */
    size_t nl = strlen(name), best_len = SIZE_MAX;
    if (nl == 0) return NULL;
    for (size_t i = 0; i < count; i++) {
        const char *c = candidates[i];
        if (!c) continue;
        for (const char *p = strstr(c, name); p; p = strstr(p + 1, name)) {
            bool starts = p == c || p[-1] == '.', ends = p[nl] == '\0' || p[nl] == '.';
            if (starts && ends && strlen(c) < best_len) {
                best_len = strlen(c);
                best = c;
            }
        }
    }
    return best;
}

bool str_to_long(const char *s, long min, long max, long *out)
{
    if (!s || !*s) return false;
    errno = 0;
    char *end = NULL;
    long v = strtol(s, &end, 10);
    if (errno != 0 || *end != '\0' || v < min || v > max) return false;
    *out = v;
    return true;
}

unsigned str_utf8_next(const char **p)
{
    const unsigned char *s = (const unsigned char *)*p;
    if (s[0] == 0) return 0;
    if (s[0] < 0x80) {
        *p += 1;
        return s[0];
    }
    int len = 0;
    unsigned cp = 0, min = 0;
    if ((s[0] & 0xe0) == 0xc0) { len = 2; cp = s[0] & 0x1fu; min = 0x80; }
    else if ((s[0] & 0xf0) == 0xe0) { len = 3; cp = s[0] & 0x0fu; min = 0x800; }
    else if ((s[0] & 0xf8) == 0xf0) { len = 4; cp = s[0] & 0x07u; min = 0x10000; }
    else { *p += 1; return 0xFFFD; }
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80) { *p += 1; return 0xFFFD; }
        cp = (cp << 6) | (s[i] & 0x3fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) { *p += 1; return 0xFFFD; }
    *p += len;
    return cp;
}

bool str_utf8_valid(const char *s, size_t len)
{
    const char *p = s, *end = s + len;
    while (p < end) {
        if (*p == '\0') return false; /* embedded NUL */
        const char *before = p;
        unsigned cp = str_utf8_next(&p);
        /* A genuine U+FFFD is three bytes; a decoding error advances one. */
        if (cp == 0xFFFD && p - before != 3) return false;
        if (p > end) return false;
    }
    return true;
}

static void str_buf_reserve(struct str_buf *b, size_t extra)
{
    if (extra > SIZE_MAX - b->len - 1) core_oom("str_buf", extra);
    size_t need = b->len + extra + 1;
    if (need <= b->cap) return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need) cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    b->data = xrealloc(b->data, cap);
    b->cap = cap;
}

void str_buf_append(struct str_buf *b, const char *s, size_t n)
{
    str_buf_reserve(b, n);
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void str_buf_puts(struct str_buf *b, const char *s)
{
    str_buf_append(b, s, strlen(s));
}

void str_buf_printf(struct str_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n > 0) {
        str_buf_reserve(b, (size_t)n);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
        b->len += (size_t)n;
    }
    va_end(ap2);
}

void str_buf_reset(struct str_buf *b)
{
    b->len = 0;
    if (b->data) b->data[0] = '\0';
}

void str_buf_free(struct str_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

/* str.h — small string helpers shared by the loaders and the command line. */
#ifndef PAJA_STR_H
#define PAJA_STR_H

#include <stdbool.h>
#include <stddef.h>

bool str_eq(const char *a, const char *b);
bool str_starts_with(const char *s, const char *prefix);
bool str_ends_with(const char *s, const char *suffix);

/* Levenshtein distance between a and b (bytes), capped at max+1 so long
 * strings cost little when they are obviously different. */
size_t str_edit_distance(const char *a, const char *b, size_t max);

/* The candidate closest to name, for "did you mean …?" messages: the one with
 * the smallest edit distance, if that is at most a third of name's length
 * (at least 1 and at most 3); else the shortest one holding name as a whole
 * part between dots ("card" -> "doc.card"). NULL when nothing is
 * close enough. */
const char *str_nearest(const char *name, const char *const *candidates, size_t count);

/* Parses a whole string as a decimal integer in [min, max]; false on junk. */
bool str_to_long(const char *s, long min, long max, long *out);

/* Checks that the first len bytes of s are valid UTF-8 (no overlongs, no
 * surrogates, no NUL). s must be NUL-terminated at or after s[len]. */
bool str_utf8_valid(const char *s, size_t len);
/* Decodes one code point at *p and advances *p; returns 0xFFFD on bad input
 * (advancing one byte) and 0 at the terminating NUL. */
unsigned str_utf8_next(const char **p);

/* A growable, always NUL-terminated byte buffer on the heap, for building
 * output (HTML, JSON lines, CSV) whose size is not known in advance.
 *   struct str_buf b = {0}; str_buf_printf(&b, "%d", 42); ... str_buf_free(&b); */
struct str_buf {
    char *data; /* NUL-terminated; NULL until the first append */
    size_t len, cap;
};
void str_buf_append(struct str_buf *b, const char *s, size_t n);
void str_buf_puts(struct str_buf *b, const char *s);
void str_buf_printf(struct str_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void str_buf_reset(struct str_buf *b); /* length 0, memory kept */
void str_buf_free(struct str_buf *b);

#endif

/* review.h — the teacher's report. This first piece is output escaping:
 * trainee ids and scenario texts are untrusted and end up in HTML and CSV
 * files that teachers open in browsers and spreadsheets. */
#ifndef PAJA_REVIEW_H
#define PAJA_REVIEW_H

#include "str.h"

/* Appends s with & < > " ' escaped for HTML text and attribute values. */
void review_html_escape(struct str_buf *out, const char *s);
/* Appends s as one RFC 4180 CSV field: quoted when it holds a comma, quote,
 * CR or LF; and, against spreadsheet formula injection, prefixed with ' when
 * it starts with = + - @ or a tab. Meant for text; write numbers as
 * numbers so a negative value stays a number. */
void review_csv_field(struct str_buf *out, const char *s);

#endif

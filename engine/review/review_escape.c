/* review_escape.c — HTML and CSV escaping (see review.h). */
#include "review.h"

#include <string.h>

void review_html_escape(struct str_buf *out, const char *s)
{
    const char *run = s;
    for (const char *p = s; *p; p++) {
        const char *rep = NULL;
        switch (*p) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: continue;
        }
        str_buf_append(out, run, (size_t)(p - run));
        str_buf_puts(out, rep);
        run = p + 1;
    }
    str_buf_puts(out, run);
}

void review_csv_field(struct str_buf *out, const char *s)
{
    bool formula = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t';
    bool quote = formula || strpbrk(s, ",\"\r\n") != NULL;
    if (!quote) {
        str_buf_puts(out, s);
        return;
    }
    str_buf_puts(out, "\"");
    if (formula) str_buf_puts(out, "'");
    for (const char *p = s; *p; p++) {
        if (*p == '"') str_buf_puts(out, "\"\"");
        else str_buf_append(out, p, 1);
    }
    str_buf_puts(out, "\"");
}

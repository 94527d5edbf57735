/* review_csv.c — the tidy CSV: one row per trainee × attempt × step, with
 * the session's result and integrity repeated on each row so any row stands
 * alone in a spreadsheet or R/pandas. Unreached steps are rows too (status
 * "not_reached"), so "who never got to step 4" is a filter, not a join. */
#include "review.h"

#include <stdio.h>

static const char *status_name(enum review_mark m)
{
    static const char *const N[] = {"not_reached", "ok", "errors", "critical", "not_completed"};
    return N[m];
}

void review_csv(const struct review_class *c, struct str_buf *o)
{
    str_buf_puts(o, "trainee,attempt,session,scenario,mode,start_utc,step_no,step,status,duration_s,errors,"
                    "critical,hints,class_median_s,session_result,session_score,session_score_max,integrity,"
                    "trusted\r\n");
    for (size_t i = 0; i < c->session_count; i++) {
        const struct review_session *s = &c->sessions[i];
        if (!s->loaded) continue;
        const struct rec_header *h = &s->rec.header;
        for (size_t k = 0; k < c->step_count; k++) {
            const struct review_step_result *r = &s->steps[k];
            review_csv_field(o, h->trainee ? h->trainee : "");
            str_buf_printf(o, ",%d,", s->attempt);
            review_csv_field(o, h->session ? h->session : "");
            str_buf_puts(o, ",");
            review_csv_field(o, h->scenario_id ? h->scenario_id : "");
            str_buf_puts(o, ",");
            review_csv_field(o, h->mode ? h->mode : "");
            str_buf_puts(o, ",");
            review_csv_field(o, h->start_utc ? h->start_utc : "");
            str_buf_printf(o, ",%zu,", k + 1);
            review_csv_field(o, c->steps[k].id);
            str_buf_printf(o, ",%s,", status_name(r->mark));
            if (r->duration_us >= 0) str_buf_printf(o, "%.2f", (double)r->duration_us / 1e6);
            str_buf_printf(o, ",%d,%d,%d,", r->errors, r->critical, r->hints);
            if (c->steps[k].median_us >= 0) str_buf_printf(o, "%.2f", (double)c->steps[k].median_us / 1e6);
            str_buf_puts(o, ",");
            /* With a key given, an unverified record's result and score are
             * left out: a forged pass must not reach a spreadsheet either. */
            if (review_result_counts(c, s)) {
                review_csv_field(o, s->rec.summary.result ? s->rec.summary.result : "");
                str_buf_printf(o, ",%g,%g,", s->rec.summary.score, s->rec.summary.score_max);
            } else {
                str_buf_printf(o, "untrusted,,%g,", s->rec.summary.score_max);
            }
            str_buf_printf(o, "%s,%s\r\n", rec_integrity_name(s->rec.check.integrity),
                           !c->key_given ? "unchecked" : s->trusted ? "yes" : "no");
        }
    }
}

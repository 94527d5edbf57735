/* review_text.h — the report's fixed texts in Finnish, English and Swedish,
 * and numbers, durations and dates the way each language writes them
 * (decimal comma and day.month.year in Finnish and Swedish). Private to the
 * review module. */
#ifndef PAJA_REVIEW_TEXT_H
#define PAJA_REVIEW_TEXT_H

#include "review.h"

enum review_txt {
    T_TITLE, T_RECORDS, T_CLASS, T_TRAINEE, T_ATTEMPT, T_RESULT, T_SCORE, T_INTEGRITY, T_LEGEND, T_STRUGGLE,
    T_STEP, T_REACHED, T_COMPLETED, T_WITH_ERRORS, T_ERRORS, T_CRITICAL, T_MEDIAN, T_SESSIONS, T_SCENARIO,
    T_MODE, T_START, T_DURATION, T_WHY, T_TIMELINE, T_STEP_TIMES, T_TIME, T_CLASS_MEDIAN, T_READINGS,
    T_INSTRUMENT, T_POINT, T_VALUE, T_NO_READINGS, T_UNREADABLE, T_GENERATED, T_PASSED, T_FAILED,
    T_INCOMPLETE, T_VERIFIED, T_SEALED, T_CLOSED, T_UNSEALED, T_ALTERED, T_VIOLATIONS, T_NO_VIOLATIONS,
    T_HINTS, T_MARK_OK, T_MARK_ERR, T_MARK_CRIT, T_MARK_OPEN, T_MARK_NONE, T_SEVERITY_MINOR,
    T_SEVERITY_MAJOR, T_SEVERITY_CRITICAL, T_NOT_FINISHED, T_FILE, T_WAITS, T_UNTRUSTED, T_NO_KEY,
    T_SEALED_BY, T_SCENARIO_DIFFERS, T_SCENARIO_SAME, T_RELOADS, T_CHANGES, T_MODE_GUIDED, T_MODE_PRACTICE,
    T_MODE_EXAM, T_COUNT
};

/* The text in language l (English for a language out of range). */
const char *review_tx(enum review_lang l, enum review_txt t);

/* A record's mode ("guided", "practice", "exam") in language l; any other
 * value is returned as it is (the caller escapes it). */
const char *review_mode_text(enum review_lang l, const char *mode);

/* Appends v as %g would, with a decimal comma in Finnish and Swedish. */
void review_number(struct str_buf *o, enum review_lang l, double v);

/* A duration for people in language l: "4,0 s" / "4.0 s", "1 min 05 s". */
void review_duration_lang(int64_t us, enum review_lang l, char out[32]);

/* An ISO 8601 UTC time ("2026-03-14T09:05:00.000Z") for people, still in
 * UTC: "14.3.2026 klo 9.05" (fi), "14.3.2026 kl. 9.05" (sv),
 * "2026-03-14 09:05" (en). Anything else is escaped as it is. */
void review_date(struct str_buf *o, enum review_lang l, const char *iso_utc);

#endif

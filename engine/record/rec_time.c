/* rec_time.c — UTC timestamps and ISO 8601 durations for records and xAPI.
 *
 * Plain civil-calendar arithmetic (days from 1970-01-01 by Howard Hinnant's
 * well-known formula) instead of timegm/localtime: timegm is not POSIX and
 * the process time zone must never change a statement's timestamp. */
#include "record.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int *out_y, unsigned *out_m, unsigned *out_d)
{
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = (unsigned)(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t y = (int64_t)yoe + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    *out_y = (int)(y + (m <= 2));
    *out_m = m;
    *out_d = d;
}

static bool digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

bool rec_time_parse_utc(const char *s, int64_t *out_ms)
{
    int y, mo, d, h, mi, se, ms = 0;
    if (!s || strlen(s) < 20) return false;
    if (!digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &mo) || s[7] != '-' || !digits(s + 8, 2, &d) ||
        s[10] != 'T' || !digits(s + 11, 2, &h) || s[13] != ':' || !digits(s + 14, 2, &mi) || s[16] != ':' ||
        !digits(s + 17, 2, &se))
        return false;
    const char *p = s + 19;
    if (*p == '.') {
        p++;
        int scale = 100, nd = 0;
        while (*p >= '0' && *p <= '9') {
            if (nd < 3) ms += (*p - '0') * scale;
            scale /= 10;
            nd++;
            p++;
        }
        if (nd == 0) return false;
    }
    if (strcmp(p, "Z") != 0) return false;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return false;
    int64_t days = days_from_civil(y, (unsigned)mo, (unsigned)d);
    *out_ms = ((days * 24 + h) * 60 + mi) * 60000 + (int64_t)se * 1000 + ms;
    return true;
}

void rec_time_format_utc(int64_t ms, char out[32])
{
    int64_t days = ms >= 0 ? ms / 86400000 : -((-ms + 86399999) / 86400000);
    int64_t rem = ms - days * 86400000;
    int y;
    unsigned m, d;
    civil_from_days(days, &y, &m, &d);
    /* Formatted with room to spare (the compiler cannot see that every
     * field is in range), then copied: 24 characters for years 0–9999. */
    char tmp[96];
    snprintf(tmp, sizeof tmp, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", y, m, d, (int)(rem / 3600000),
             (int)(rem / 60000 % 60), (int)(rem / 1000 % 60), (int)(rem % 1000));
    size_t n = strlen(tmp);
    if (n > 31) n = 31;
    memcpy(out, tmp, n);
    out[n] = '\0';
}

void rec_duration_format(int64_t us, char out[40])
{
    if (us < 0) us = 0;
    /* xAPI keeps 0.01 s precision; LRSs compare durations as strings, so
     * the same duration must always print the same way. */
    int64_t cs = (us + 5000) / 10000;
    int64_t h = cs / 360000, m = cs / 6000 % 60, s = cs / 100 % 60, frac = cs % 100;
    char *p = out;
    size_t left = 40;
    int n = snprintf(p, left, "PT");
    p += n;
    left -= (size_t)n;
    if (h) {
        n = snprintf(p, left, "%" PRId64 "H", h);
        p += n;
        left -= (size_t)n;
    }
    if (m) {
        n = snprintf(p, left, "%" PRId64 "M", m);
        p += n;
        left -= (size_t)n;
    }
    if (frac) snprintf(p, left, "%" PRId64 ".%02" PRId64 "S", s, frac);
    else if (s || (!h && !m)) snprintf(p, left, "%" PRId64 "S", s);
}

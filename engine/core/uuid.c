/* uuid.c — see uuid.h. */
#include "uuid.h"


#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

struct uuid uuid_v4_from_bytes(const uint8_t bytes[16])
{
    struct uuid u;
    memcpy(u.b, bytes, 16);
    u.b[6] = (uint8_t)((u.b[6] & 0x0f) | 0x40); /* version 4 */
    u.b[8] = (uint8_t)((u.b[8] & 0x3f) | 0x80); /* RFC variant */
    return u;
}

struct uuid uuid_v4_random(void)
{
    uint8_t bytes[16];
    size_t got = 0;
    while (got < sizeof bytes) {
        ssize_t n = getrandom(bytes + got, sizeof bytes - got, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            /* getrandom only fails on kernels older than 3.17; nothing safe
             * to fall back to, and duplicate ids would corrupt records. */
            fprintf(stderr, "paja: getrandom failed: %s\n", strerror(errno));
            abort();
        }
        got += (size_t)n;
    }
    return uuid_v4_from_bytes(bytes);
}

void uuid_format(struct uuid u, char out[UUID_STR_LEN])
{
    static const char hex[] = "0123456789abcdef";
    int o = 0;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out[o++] = '-';
        out[o++] = hex[u.b[i] >> 4];
        out[o++] = hex[u.b[i] & 15];
    }
    out[o] = '\0';
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool uuid_parse(const char *s, struct uuid *out)
{
    if (strlen(s) != 36) return false;
    int bi = 0;
    for (int i = 0; i < 36;) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (s[i] != '-') return false;
            i++;
            continue;
        }
        int hi = hex_value(s[i]), lo = hex_value(s[i + 1]);
        if (hi < 0 || lo < 0) return false;
        out->b[bi++] = (uint8_t)(hi << 4 | lo);
        i += 2;
    }
    return true;
}

bool uuid_equal(struct uuid a, struct uuid b)
{
    return memcmp(a.b, b.b, 16) == 0;
}

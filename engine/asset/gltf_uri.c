/* gltf_uri.c — bytes behind a buffer or image URI: base64 data: URIs, or a
 * file next to the asset. File URIs are percent-decoded (RFC 3986) and must
 * stay inside the asset's folder: no absolute paths, no scheme://, no ".."
 * that climbs out, so a downloaded model cannot read /etc/passwd. */
/* realpath is XSI, which _POSIX_C_SOURCE alone does not expose in glibc. */
#define _XOPEN_SOURCE 700
#include "gltf_internal.h"

#include "arena.h"
#include "fs.h"

#include <stdlib.h>
#include <string.h>

static int b64_value(unsigned char ch)
{
    if (ch >= 'A' && ch <= 'Z') return ch - 'A';
    if (ch >= 'a' && ch <= 'z') return ch - 'a' + 26;
    if (ch >= '0' && ch <= '9') return ch - '0' + 52;
    if (ch == '+') return 62;
    if (ch == '/') return 63;
    return -1;
}

/* Strict base64 (padding optional, nothing but the alphabet). */
static const uint8_t *b64_decode(struct gltf_ctx *c, const char *s, const char *where, size_t *out_size)
{
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == '=') n--;
    if (strlen(s) - n > 2) gltf_fail(c, "%s/uri: base64 data has too much '=' padding", where);
    if (n % 4 == 1) gltf_fail(c, "%s/uri: base64 data has a dangling character", where);
    uint8_t *out = arena_push_nozero(c->a, n / 4 * 3 + 3, 16);
    size_t o = 0;
    uint32_t acc = 0;
    int bits = 0;
    for (size_t i = 0; i < n; i++) {
        int v = b64_value((unsigned char)s[i]);
        if (v < 0) gltf_fail(c, "%s/uri: invalid base64 character at position %zu of the data", where, i);
        acc = acc << 6 | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[o++] = (uint8_t)(acc >> bits);
        }
    }
    *out_size = o;
    return out;
}

static int hex_value(char ch)
{
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
}

/* Percent-decodes uri and checks that, as a relative path, it never leaves
 * its folder. */
static char *decode_relative(struct gltf_ctx *c, const char *uri, const char *where)
{
    size_t n = strlen(uri);
    char *out = arena_push_nozero(c->a, n + 1, 1);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (uri[i] == '%') {
            int hi = i + 2 < n + 0 ? hex_value(uri[i + 1]) : -1;
            int lo = hi >= 0 ? hex_value(uri[i + 2]) : -1;
            if (hi < 0 || lo < 0) gltf_fail(c, "%s/uri: bad percent escape at position %zu", where, i);
            out[o++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            out[o++] = uri[i];
        }
    }
    out[o] = '\0';
    if (memchr(out, '\0', o)) gltf_fail(c, "%s/uri: contains an encoded NUL byte", where);
    if (o == 0) gltf_fail(c, "%s/uri: is empty", where);
    if (out[0] == '/' || out[0] == '\\') gltf_fail(c, "%s/uri: absolute paths are not allowed ('%s')", where, uri);
    /* A scheme is letters then ':' before any '/': "http://", "file:", "C:". */
    for (const char *p = uri; *p && *p != '/'; p++)
        if (*p == ':') gltf_fail(c, "%s/uri: only relative paths and data: URIs are allowed ('%s')", where, uri);
    /* Normalise the segments lexically ("a/../b" → "b", "./x" → "x"): the
     * folders named need not exist, and the result may never climb above
     * the asset's folder. */
    char *norm = arena_push_nozero(c->a, o + 1, 1);
    size_t nlen = 0;
    const char *seg = out;
    for (;;) {
        const char *end = seg;
        while (*end && *end != '/' && *end != '\\') end++;
        size_t len = (size_t)(end - seg);
        if (len == 2 && seg[0] == '.' && seg[1] == '.') {
            if (nlen == 0) gltf_fail(c, "%s/uri: '%s' points outside the asset's folder", where, uri);
            while (nlen > 0 && norm[nlen - 1] != '/') nlen--;
            if (nlen > 0) nlen--; /* the '/' before the dropped segment */
        } else if (len > 0 && !(len == 1 && seg[0] == '.')) {
            if (nlen > 0) norm[nlen++] = '/';
            memcpy(norm + nlen, seg, len);
            nlen += len;
        }
        if (!*end) break;
        seg = end + 1;
    }
    norm[nlen] = '\0';
    if (nlen == 0) gltf_fail(c, "%s/uri: '%s' names the asset's folder, not a file", where, uri);
    return norm;
}

/* The lexical check above cannot see symbolic links: a link inside the
 * folder may point anywhere. Compare the resolved paths too (a file that
 * does not exist is left for the read to report). */
static void refuse_symlink_escape(struct gltf_ctx *c, const char *path, const char *uri, const char *where)
{
    char *file = realpath(path, NULL);
    char *dir = file ? realpath(c->base_dir, NULL) : NULL;
    bool inside = true;
    if (file && dir) {
        size_t n = strlen(dir);
        inside = strncmp(file, dir, n) == 0 && (file[n] == '/' || (n == 1 && dir[0] == '/'));
    }
    free(file);
    free(dir);
    if (!inside) gltf_fail(c, "%s/uri: '%s' resolves outside the asset's folder (symbolic link)", where, uri);
}

const uint8_t *gltf_uri_read(struct gltf_ctx *c, const char *uri, const char *where, size_t *out_size,
                             const char **out_mime)
{
    *out_mime = NULL;
    if (strncmp(uri, "data:", 5) == 0) {
        const char *comma = strchr(uri, ',');
        if (!comma) gltf_fail(c, "%s/uri: data: URI without ','", where);
        size_t head = (size_t)(comma - uri);
        static const char B64[] = ";base64";
        if (head < 5 + sizeof B64 - 1 || strncmp(comma - (sizeof B64 - 1), B64, sizeof B64 - 1) != 0)
            gltf_fail(c, "%s/uri: data: URI must be base64-encoded (';base64,')", where);
        size_t mime_len = head - 5 - (sizeof B64 - 1);
        const char *mime = uri + 5;
        if (memchr(mime, ';', mime_len))
            gltf_fail(c, "%s/uri: malformed data: URI media type '%.*s'", where, (int)mime_len, mime);
        *out_mime = arena_strndup(c->a, mime, mime_len);
        return b64_decode(c, comma + 1, where, out_size);
    }
    char *rel = decode_relative(c, uri, where);
    if (!c->base_dir) gltf_fail(c, "%s/uri: external file '%s' but the asset was loaded from memory", where, uri);
    char *path = fs_join(c->a, c->base_dir, rel);
    refuse_symlink_escape(c, path, uri, where);
    char msg[512];
    size_t size = 0;
    char *bytes = fs_read_all(path, c->a, &size, msg, sizeof msg);
    if (!bytes) gltf_fail(c, "%s: %s", where, msg);
    *out_size = size;
    return (const uint8_t *)bytes;
}

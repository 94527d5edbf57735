/* gltf_load.c — entry points, the GLB container, JSON syntax and the typed
 * JSON getters every other gltf_*.c file uses (see gltf.h). */
#define LOG_TAG "asset"
#include "gltf_internal.h"

#include "arena.h"
#include "fs.h"
#include "log.h"
#include "str.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void gltf_fail(struct gltf_ctx *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (c->err && c->err_size) vsnprintf(c->err, c->err_size, fmt, ap);
    va_end(ap);
    longjmp(c->fail, 1);
}

void gltf_warn(struct gltf_ctx *c, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (c->warnings->len) str_buf_puts(c->warnings, "\n");
    str_buf_puts(c->warnings, msg);
}

/* ---- typed JSON getters ------------------------------------------------ */

const cJSON *gltf_j_obj(struct gltf_ctx *c, const cJSON *obj, const char *key, const char *where, bool required)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v) {
        if (required) gltf_fail(c, "%s: required property '%s' is missing", where, key);
        return NULL;
    }
    if (!cJSON_IsObject(v)) gltf_fail(c, "%s/%s: expected an object", where, key);
    return v;
}

const cJSON *gltf_j_arr(struct gltf_ctx *c, const cJSON *obj, const char *key, const char *where,
                        bool required, uint32_t *out_n)
{
    *out_n = 0;
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v) {
        if (required) gltf_fail(c, "%s: required property '%s' is missing", where, key);
        return NULL;
    }
    if (!cJSON_IsArray(v)) gltf_fail(c, "%s/%s: expected an array", where, key);
    int n = cJSON_GetArraySize(v);
    if (n == 0) gltf_fail(c, "%s/%s: array must not be empty", where, key);
    *out_n = (uint32_t)n;
    return v;
}

static bool number_is_uint(const cJSON *v, uint64_t max, uint64_t *out)
{
    if (!cJSON_IsNumber(v)) return false;
    double d = v->valuedouble;
    if (!(d >= 0.0) || d > (double)max || floor(d) != d) return false;
    *out = (uint64_t)d;
    return true;
}

uint64_t gltf_j_uint(struct gltf_ctx *c, const cJSON *obj, const char *key, const char *where,
                     bool required, uint64_t def, uint64_t max)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v) {
        if (required) gltf_fail(c, "%s: required property '%s' is missing", where, key);
        return def;
    }
    uint64_t u;
    if (!number_is_uint(v, max, &u))
        gltf_fail(c, "%s/%s: expected an integer in 0..%llu", where, key, (unsigned long long)max);
    return u;
}

uint32_t gltf_j_index(struct gltf_ctx *c, const cJSON *obj, const char *key, const char *where,
                      bool required, uint32_t limit, const char *what)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v) {
        if (required) gltf_fail(c, "%s: required property '%s' is missing", where, key);
        return GLTF_NONE;
    }
    uint64_t u;
    if (!number_is_uint(v, UINT32_MAX - 1, &u))
        gltf_fail(c, "%s/%s: expected an index (a non-negative integer)", where, key);
    if (u >= limit)
        gltf_fail(c, "%s/%s: %s %llu does not exist (the file has %u)", where, key, what,
                  (unsigned long long)u, limit);
    return (uint32_t)u;
}

double gltf_j_num(struct gltf_ctx *c, const cJSON *obj, const char *key, const char *where,
                  double def, double lo, double hi)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v) return def;
    if (!cJSON_IsNumber(v)) gltf_fail(c, "%s/%s: expected a number", where, key);
    double d = v->valuedouble;
    if (!(d >= lo && d <= hi)) gltf_fail(c, "%s/%s: %g is outside %g..%g", where, key, d, lo, hi);
    return d;
}

const char *gltf_j_str(struct gltf_ctx *c, const cJSON *obj, const char *key, const char *where, bool required)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v) {
        if (required) gltf_fail(c, "%s: required property '%s' is missing", where, key);
        return NULL;
    }
    if (!cJSON_IsString(v) || !v->valuestring) gltf_fail(c, "%s/%s: expected a string", where, key);
    return arena_strdup(c->a, v->valuestring);
}

bool gltf_j_bool(struct gltf_ctx *c, const cJSON *obj, const char *key, const char *where, bool def)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v) return def;
    if (!cJSON_IsBool(v)) gltf_fail(c, "%s/%s: expected true or false", where, key);
    return cJSON_IsTrue(v);
}

bool gltf_j_floats(struct gltf_ctx *c, const cJSON *obj, const char *key, const char *where, float *out, uint32_t n)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v) return false;
    if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) != (int)n)
        gltf_fail(c, "%s/%s: expected an array of %u numbers", where, key, n);
    uint32_t i = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, v) {
        if (!cJSON_IsNumber(e) || !isfinite(e->valuedouble))
            gltf_fail(c, "%s/%s/%u: expected a finite number", where, key, i);
        out[i++] = (float)e->valuedouble;
    }
    return true;
}

/* ---- container and JSON ----------------------------------------------- */

static uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

#define GLB_MAGIC 0x46546C67u /* "glTF" */
#define GLB_JSON 0x4E4F534Au  /* "JSON" */
#define GLB_BIN 0x004E4942u   /* "BIN\0" */

/* Splits a GLB into its JSON and BIN chunks following the container rules of
 * glTF §4.4: JSON first, BIN (if any) second, no duplicates, every chunk
 * inside the declared length and 4-byte aligned. Unknown chunks after these
 * are skipped with a warning; data after the declared length likewise. */
static void glb_split(struct gltf_ctx *c, const uint8_t *d, size_t size, const char **out_json, size_t *out_json_size)
{
    if (size < 12) gltf_fail(c, "GLB: file is %zu bytes, shorter than the 12-byte header", size);
    if (rd32(d + 4) != 2) gltf_fail(c, "GLB: byte 4: container version %u, only 2 is supported", rd32(d + 4));
    uint32_t length = rd32(d + 8);
    if (length < 20) gltf_fail(c, "GLB: byte 8: declared length %u is too small for a JSON chunk", length);
    if (length > size) gltf_fail(c, "GLB: byte 8: declared length %u runs past the end of the file (%zu bytes)", length, size);
    if (length < size) gltf_warn(c, "GLB: %zu bytes of extra data after the declared length %u", size - length, length);
    *out_json = NULL;
    size_t off = 12;
    int chunk = 0;
    while (off < length) {
        if (length - off < 8) gltf_fail(c, "GLB: byte %zu: chunk header cut off by the end of the data", off);
        uint32_t clen = rd32(d + off), ctype = rd32(d + off + 4);
        if (clen > length - off - 8)
            gltf_fail(c, "GLB: byte %zu: chunk length %u runs past the end of the data", off, clen);
        if (clen % 4) gltf_fail(c, "GLB: byte %zu: chunk length %u is not a multiple of 4", off, clen);
        const uint8_t *body = d + off + 8;
        if (chunk == 0) {
            if (ctype != GLB_JSON)
                gltf_fail(c, "GLB: byte %zu: first chunk must be JSON, found type 0x%08x", off, ctype);
            if (clen == 0) gltf_fail(c, "GLB: byte %zu: JSON chunk is empty", off);
            *out_json = (const char *)body;
            *out_json_size = clen;
        } else if (ctype == GLB_JSON) {
            gltf_fail(c, "GLB: byte %zu: second JSON chunk", off);
        } else if (ctype == GLB_BIN) {
            if (c->bin) gltf_fail(c, "GLB: byte %zu: second BIN chunk", off);
            if (chunk != 1) gltf_fail(c, "GLB: byte %zu: BIN chunk must be the second chunk", off);
            c->bin = body;
            c->bin_size = clen;
        } else {
            gltf_warn(c, "GLB: byte %zu: unknown chunk type 0x%08x skipped", off, ctype);
        }
        off += 8 + (size_t)clen;
        chunk++;
    }
}

/* Structural UTF-8 check (lead and continuation bytes, no overlong
 * two-byte forms); names end up in messages and on screen. */
static bool utf8_ok(const char *s, size_t n)
{
    const uint8_t *p = (const uint8_t *)s;
    for (size_t i = 0; i < n;) {
        uint8_t b = p[i];
        size_t len = b < 0x80 ? 1 : (b >= 0xC2 && b <= 0xDF) ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b >= 0xF0 && b <= 0xF4) ? 4 : 0;
        if (len == 0 || len > n - i) return false;
        for (size_t k = 1; k < len; k++)
            if ((p[i + k] & 0xC0) != 0x80) return false;
        i += len;
    }
    return true;
}

/* Line and column (1-based) of a byte offset, for JSON syntax errors. */
static void line_col(const char *s, size_t off, int *line, int *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < off; i++) {
        if (s[i] == '\n') {
            (*line)++;
            *col = 1;
        } else {
            (*col)++;
        }
    }
}

static void parse_json(struct gltf_ctx *c, const char *json, size_t size)
{
    if (size >= 3 && (uint8_t)json[0] == 0xEF && (uint8_t)json[1] == 0xBB && (uint8_t)json[2] == 0xBF)
        gltf_fail(c, "JSON starts with a UTF-8 byte order mark, which glTF does not allow");
    if (!utf8_ok(json, size)) gltf_fail(c, "JSON is not valid UTF-8");
    const char *end = NULL;
    c->root = cJSON_ParseWithLengthOpts(json, size, &end, false);
    if (!c->root) {
        size_t off = end && end >= json && end <= json + size ? (size_t)(end - json) : 0;
        int line, col;
        line_col(json, off, &line, &col);
        if (size == 0 || off >= size)
            gltf_fail(c, "JSON syntax error: unexpected end of data at line %d column %d", line, col);
        gltf_fail(c, "JSON syntax error at line %d column %d (byte %zu)", line, col, off);
    }
    /* Anything but whitespace (or GLB padding spaces) after the value. */
    for (const char *p = end; p && p < json + size; p++)
        if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r' && *p != '\0') {
            int line, col;
            line_col(json, (size_t)(p - json), &line, &col);
            gltf_fail(c, "JSON syntax error: unexpected data after the document at line %d column %d", line, col);
        }
    if (!cJSON_IsObject(c->root)) gltf_fail(c, "JSON: the document must be an object");
}

bool gltf_load_memory(const void *data, size_t size, const char *base_dir, struct arena *a,
                      struct gltf_asset *out, char *err, size_t err_size)
{
    struct str_buf warnings = {0};
    struct gltf_ctx c = {0};
    c.err = err;
    c.err_size = err_size;
    c.a = a;
    c.m = out;
    c.base_dir = base_dir;
    c.warnings = &warnings;
    memset(out, 0, sizeof *out);
    out->scene = GLTF_NONE;
    if (err && err_size) err[0] = '\0';

    if (setjmp(c.fail)) {
        cJSON_Delete(c.root);
        str_buf_free(&warnings);
        memset(out, 0, sizeof *out);
        return false;
    }
    const uint8_t *d = data;
    const char *json = data;
    size_t json_size = size;
    if (size >= 4 && rd32(d) == GLB_MAGIC) {
        out->is_glb = true;
        glb_split(&c, d, size, &json, &json_size);
    } else if (size == 0) {
        gltf_fail(&c, "file is empty");
    }
    parse_json(&c, json, json_size);
    gltf_parse_document(&c);
    cJSON_Delete(c.root);
    c.root = NULL;
    if (warnings.len) out->warnings = arena_strdup(a, warnings.data);
    str_buf_free(&warnings);
    return true;
}

bool gltf_load_file(const char *path, struct arena *a, struct gltf_asset *out, char *err, size_t err_size)
{
    size_t size = 0;
    char *data = fs_read_all(path, a, &size, err, err_size);
    if (!data) {
        memset(out, 0, sizeof *out);
        return false;
    }
    /* Content decides the container, but a .glb without the magic is a
     * broken GLB, not JSON: say so rather than report a syntax error. */
    if (str_ends_with(path, ".glb") && (size < 4 || rd32((const uint8_t *)data) != GLB_MAGIC)) {
        snprintf(err, err_size, "GLB: byte 0: file is %zu bytes and does not start with the 'glTF' magic", size);
        memset(out, 0, sizeof *out);
        return false;
    }
    char *dir = fs_dirname(a, path);
    bool ok = gltf_load_memory(data, size, dir, a, out, err, err_size);
    if (ok) out->path = arena_strdup(a, path);
    return ok;
}

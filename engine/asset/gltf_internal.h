/* gltf_internal.h — state shared by the gltf_*.c files while loading.
 *
 * Loading stops at the first error by longjmp back to gltf_load_memory:
 * every allocation is in the caller's arena, and the only other resource,
 * the cJSON tree, is freed there, so unwinding leaks nothing and each parse
 * function can stay a straight line of checks. */
#ifndef PAJA_GLTF_INTERNAL_H
#define PAJA_GLTF_INTERNAL_H

#include "gltf.h"

#include <cjson/cJSON.h>
#include <setjmp.h>

struct str_buf;

struct gltf_ctx {
    jmp_buf fail;
    char *err;
    size_t err_size;
    struct arena *a;
    struct gltf_asset *m;
    const char *base_dir;      /* NULL: external URIs refused */
    cJSON *root;
    const uint8_t *bin;        /* GLB BIN chunk, or NULL */
    size_t bin_size;
    struct str_buf *warnings;
};

_Noreturn void gltf_fail(struct gltf_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void gltf_warn(struct gltf_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Typed JSON getters. `where` is the JSON pointer of obj, used in messages.
 * Absent optional members return the default; present members of the wrong
 * type or range fail the load. */
const cJSON *gltf_j_obj(struct gltf_ctx *c, const cJSON *obj, const char *key, const char *where, bool required);
/* An array member; *out_n its length (0 when absent). */
const cJSON *gltf_j_arr(struct gltf_ctx *c, const cJSON *obj, const char *key, const char *where,
                        bool required, uint32_t *out_n);
/* An integer in [0, max] (integers written as 3.0 are accepted, as the
 * validator does). */
uint64_t gltf_j_uint(struct gltf_ctx *c, const cJSON *obj, const char *key, const char *where,
                     bool required, uint64_t def, uint64_t max);
/* An index into a top-level array of `limit` elements ("what" names it in
 * messages); GLTF_NONE when absent and optional. */
uint32_t gltf_j_index(struct gltf_ctx *c, const cJSON *obj, const char *key, const char *where,
                      bool required, uint32_t limit, const char *what);
double gltf_j_num(struct gltf_ctx *c, const cJSON *obj, const char *key, const char *where,
                  double def, double lo, double hi);
const char *gltf_j_str(struct gltf_ctx *c, const cJSON *obj, const char *key, const char *where, bool required);
bool gltf_j_bool(struct gltf_ctx *c, const cJSON *obj, const char *key, const char *where, bool def);
/* A number array of exactly n elements into out (left alone when absent). */
bool gltf_j_floats(struct gltf_ctx *c, const cJSON *obj, const char *key, const char *where, float *out, uint32_t n);

/* gltf_parse.c: JSON tree → struct gltf_asset (after buffers are resolved). */
void gltf_parse_document(struct gltf_ctx *c);
/* A top-level array whose elements must all be objects; *out_n its length. */
const cJSON *gltf_top_array(struct gltf_ctx *c, const char *key, uint32_t *out_n);
/* gltf_parse_scene.c, called in this order after meshes. */
void gltf_parse_cameras(struct gltf_ctx *c);
void gltf_parse_skins(struct gltf_ctx *c);
void gltf_parse_nodes(struct gltf_ctx *c);
void gltf_parse_scenes(struct gltf_ctx *c);
void gltf_parse_animations(struct gltf_ctx *c);
/* gltf_check.c: data checks that need the bytes (accessor bounds, indices). */
void gltf_check_accessor_layout(struct gltf_ctx *c, uint32_t i);
void gltf_check_accessor_data(struct gltf_ctx *c, uint32_t i);
void gltf_check_primitive_indices(struct gltf_ctx *c, uint32_t mesh, uint32_t prim);
/* The bytes of element i after sparse substitution (NULL: all zeros), and
 * the byte offset of component k inside an element (matrix padding). */
const uint8_t *gltf_element_bytes(const struct gltf_asset *m, const struct gltf_accessor *x, uint32_t i);
uint32_t gltf_component_offset(const struct gltf_accessor *x, uint32_t k);
/* gltf_uri.c: buffer and image bytes from data: URIs or files. */
const uint8_t *gltf_uri_read(struct gltf_ctx *c, const char *uri, const char *where, size_t *out_size,
                             const char **out_mime);

#endif

/* gfx_internal.h — state shared by the gfx_*.c files; not part of the API. */
#ifndef PAJA_GFX_INTERNAL_H
#define PAJA_GFX_INTERNAL_H

#include "gfx.h"

#include <GL/glew.h>

enum gfx_state { GFX_STATE_FAILED = 0, GFX_STATE_VALID = 1 };

struct gfx_mesh_slot {
    enum gfx_state state;
    GLuint vao, vbo, ibo;
    GLuint vbo_extra; /* tangent, colour, second UV set (struct gfx_vertex_extra) */
    GLsizei index_count;
    uint32_t vertex_count;
    vec3 bounds_min, bounds_max; /* model space, for culling */
    bool has_colors;     /* vertex colours given: the PBR variant reads them */
    uint32_t generation; /* bumped by gfx_mesh_update_vertices: the shadow map is stale */
};

/* PBR program variants (gfx_pbr_variant.c): one per set of material
 * features, made on first use. */
enum {
    GFX_PBR_BASE_TEX = 1, GFX_PBR_MR_TEX = 2, GFX_PBR_NORMAL_TEX = 4, GFX_PBR_OCCLUSION_TEX = 8,
    GFX_PBR_EMISSIVE_TEX = 16, GFX_PBR_SHADOW = 32, GFX_PBR_UNLIT = 64, GFX_PBR_ALPHA_MASK = 128,
    GFX_PBR_ALPHA_BLEND = 256, GFX_PBR_VERTEX_COLOR = 512,
    GFX_PBR_VARIANT_COUNT = 1024,
};
struct gfx_pbr_variant {
    GLuint program;
    uint64_t active; /* bit N: uniform location N is active (may be set) */
    bool failed;     /* did not compile: logged once, its draws skipped */
};

struct gfx_texture_slot {
    enum gfx_state state;
    GLuint tex;
};

struct gfx {
    struct gfx_mesh_slot *meshes;
    uint32_t mesh_count, mesh_cap;
    struct gfx_texture_slot *textures;
    uint32_t texture_count, texture_cap;

    GLuint lit_program, quad_program, shadow_program;
    bool lit_failed, outline_programs_failed; /* made on first use; did not compile: not retried */
    struct gfx_pbr_variant *pbr_variants; /* GFX_PBR_VARIANT_COUNT, by feature bits */
    GLuint world_quad_program, line_program; /* gfx_world.c */
    GLuint white_tex;              /* 1x1 white: stands in for absent textures */
    GLuint shadow_fbo, shadow_tex; /* created on first use */
    int shadow_size;
    bool shadow_failed;      /* the shadow framebuffer was incomplete: not retried */
    /* What the shadow map holds: a hash of the light and of every caster's
     * mesh, vertices and matrix. The map is redrawn only when it changes
     * (something moved), so a still scene and a second eye reuse it. */
    uint64_t shadow_key;
    bool shadow_valid;
    uint32_t shadow_redraws; /* how often it was drawn (tests, benchmarks) */
    /* Scratch for gfx_draw_pbr's visible list, kept between frames. */
    struct gfx_pbr_item *pbr_items;
    size_t pbr_item_cap;
    GLuint quad_vao, quad_vbo;
    size_t quad_vbo_capacity; /* in quads */
    void *quad_scratch;       /* quads as vertices before upload, reused */
    size_t quad_scratch_cap;  /* in quads */
    GLuint line_vao, line_vbo;
    size_t line_vbo_capacity; /* in lines */
    /* gfx_outline.c: programs, and the mask and row-distance targets of the
     * pass's size, made on first use and re-made when the size changes. */
    GLuint outline_mask_program, outline_spread_program, outline_program;
    GLuint outline_vao; /* empty: full-screen passes need no vertices */
    GLuint outline_mask_fbo, outline_mask_tex, outline_depth_rb, outline_rows_fbo, outline_rows_tex;
    int outline_w, outline_h;
    int outline_failed_w, outline_failed_h; /* a size whose targets were incomplete: not retried */

    struct gfx_info info;
    struct gfx_stats stats;

    /* The pass in progress. */
    struct gfx_target *target;
    struct gfx_view view;
    mat4 clip_from_world;
    vec4 frustum_planes[6];
};

/* Per-vertex data beyond struct mesh_vertex, in its own buffer. */
struct gfx_vertex_extra {
    float tangent[4];
    float color[4];
    float uv1[2];
};

struct gfx_pbr_item {
    uint32_t draw;
    float depth;       /* view-space distance of the bounds centre, for sorting */
    unsigned features; /* GFX_PBR_* bits: its program variant */
};

/* gfx_tangent.c: per-vertex tangents from UVs (for normal maps) where the
 * mesh has none; w is the bitangent sign. */
void gfx_tangents_generate(const struct mesh_data *m, struct gfx_vertex_extra *out);

/* gfx_gl.c: enables float vertex attribute `attrib` of vao with `size`
 * components at `offset` in the buffer bound at `binding`. */
void gfx_vao_float_attrib(GLuint vao, GLuint attrib, GLuint binding, GLint size, size_t offset);
/* Makes the streamed vertex buffer *vbo hold at least n items of item_size
 * bytes (capacity *cap items, doubling from min_cap). Buffer storage is
 * immutable, so a bigger buffer replaces it and is attached to vao's binding
 * 0 with the given stride. True when it was replaced. */
bool gfx_stream_reserve(GLuint vao, GLuint *vbo, size_t *cap, size_t n, size_t item_size, size_t stride,
                        size_t min_cap);
void gfx_pbr_destroy(struct gfx *g);

/* gfx_draw.c: the atlas texture after uploading n quads into quad_vbo as
 * triangles (six vertices each, bound to quad_vao); 0 when there is nothing
 * to draw (no quads, a missing or failed atlas). */
GLuint gfx_quads_upload(struct gfx *g, struct gfx_texture atlas, const struct screen_quad *quads, size_t n);
/* gfx_world.c: its vertex arrays, made with the device and freed with it. */
void gfx_world_create(struct gfx *g);
void gfx_world_destroy(struct gfx *g);

/* gfx_outline.c: frees the outline targets and vertex array. */
void gfx_outline_destroy(struct gfx *g);

/* gfx_shader.c: the built-in programs, from shaders/ when PAJA_SHADER_DIR is
 * set, else from the copies embedded at build time. */
bool gfx_shaders_create(struct gfx *g, char *err, size_t err_size);
void gfx_shaders_destroy(struct gfx *g);
/* The programs made on first use; false (logged once) when they do not
 * compile, and their draws are skipped. */
bool gfx_shaders_lit(struct gfx *g);
bool gfx_shaders_outline(struct gfx *g);
/* One program from two built-in shaders, with `defines` ("#define X 1\n"
 * lines, or NULL) after each one's #version line; 0 and a message if it
 * does not compile or link. */
GLuint gfx_program_link(const char *vs_name, const char *fs_name, const char *defines, char *err, size_t err_size);

/* gfx_pbr_variant.c: the variant table, with the commonest variant (opaque,
 * untextured, shadowed) compiled so a broken pbr shader fails gfx_create. */
bool gfx_pbr_variants_create(struct gfx *g, char *err, size_t err_size);
void gfx_pbr_variants_destroy(struct gfx *g);
/* The variant for these feature bits, compiled on first use; NULL when it
 * does not compile (logged once). Unused bits are dropped first (an unlit
 * material ignores all but its base colour texture). */
const struct gfx_pbr_variant *gfx_pbr_variant(struct gfx *g, unsigned features);
/* Whether variant v uses uniform location loc: setting one it dropped is a
 * GL error. */
#define GFX_PBR_ACTIVE(v, loc) (((v)->active >> (loc)) & 1u)

#endif

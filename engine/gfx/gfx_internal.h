/* gfx_internal.h — state shared by the gfx_*.c files; not part of the API. */
#ifndef PAJA_GFX_INTERNAL_H
#define PAJA_GFX_INTERNAL_H

#include "gfx.h"

#include <GL/glew.h>

enum gfx_state { GFX_STATE_FAILED = 0, GFX_STATE_VALID = 1 };

struct gfx_mesh_slot {
    enum gfx_state state;
    GLuint vao, vbo, ibo;
    GLsizei index_count;
    vec3 bounds_min, bounds_max; /* model space, for culling */
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

    GLuint lit_program, quad_program;
    GLuint quad_vao, quad_vbo;
    size_t quad_vbo_capacity; /* in quads */

    struct gfx_info info;
    struct gfx_stats stats;

    /* The pass in progress. */
    struct gfx_target *target;
    struct gfx_view view;
    mat4 clip_from_world;
    vec4 frustum_planes[6];
};

/* gfx_shader.c: the built-in programs, from shaders/ when PAJA_SHADER_DIR is
 * set, else from the copies embedded at build time. */
bool gfx_shaders_create(struct gfx *g, char *err, size_t err_size);
void gfx_shaders_destroy(struct gfx *g);

#endif

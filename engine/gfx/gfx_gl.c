/* gfx_gl.c — device setup (GLEW), resource pools: meshes and textures. */
#define LOG_TAG "gfx"
#include "gfx_internal.h"

#include "arena.h"
#include "log.h"

#include <stdlib.h>
#include <string.h>

static void GLAPIENTRY gl_debug_message(GLenum source, GLenum type, GLuint id, GLenum severity, GLsizei length,
                                        const GLchar *message, const void *user)
{
    (void)source; (void)id; (void)length; (void)user;
    if (severity == GL_DEBUG_SEVERITY_NOTIFICATION) return;
    if (type == GL_DEBUG_TYPE_ERROR) LOG_E("GL: %s", message);
    else LOG_D("GL: %s", message);
}

/* Debian's GLEW is the GLX build: on an EGL context (SDL offscreen, Wayland)
 * glewInit returns GLEW_ERROR_NO_GLX_DISPLAY after loading every core entry
 * point. Only the GLX-extension step failed, so accept it when the functions
 * we need are there (see the headless-rendering reference). */
static bool glew_start(char *err, size_t err_size)
{
    glewExperimental = GL_TRUE;
    GLenum e = glewInit();
    bool egl_ok = e == GLEW_ERROR_NO_GLX_DISPLAY && glCreateShader && glCreateVertexArrays && glNamedBufferData;
    if (e != GLEW_OK && !egl_ok) {
        snprintf(err, err_size, "cannot load OpenGL functions (GLEW error %u: %s)", e,
                 (const char *)glewGetErrorString(e));
        return false;
    }
    /* glewInit can leave a GL error behind on core contexts. */
    while (glGetError() != GL_NO_ERROR) {}
    if (!GLEW_VERSION_4_5 && !(glCreateVertexArrays && glNamedBufferData && glCreateFramebuffers)) {
        snprintf(err, err_size, "OpenGL 4.5 is needed, but the driver offers %s",
                 (const char *)glGetString(GL_VERSION));
        return false;
    }
    return true;
}

struct gfx *gfx_create(char *err, size_t err_size)
{
    if (!glew_start(err, err_size)) return NULL;
    struct gfx *g = xcalloc(1, sizeof *g);
    g->info.renderer = (const char *)glGetString(GL_RENDERER);
    g->info.version = (const char *)glGetString(GL_VERSION);
    g->info.vendor = (const char *)glGetString(GL_VENDOR);
    GLint max_samples = 1;
    glGetIntegerv(GL_MAX_SAMPLES, &max_samples);
    g->info.max_samples = max_samples;

    if (glDebugMessageCallback) {
        glEnable(GL_DEBUG_OUTPUT);
        glEnable(GL_DEBUG_OUTPUT_SYNCHRONOUS);
        glDebugMessageCallback(gl_debug_message, NULL);
    }
    if (!gfx_shaders_create(g, err, err_size)) {
        gfx_destroy(&g);
        return NULL;
    }
    glCreateVertexArrays(1, &g->quad_vao);
    glCreateBuffers(1, &g->quad_vbo);
    gfx_world_create(g);
    LOG_I("OpenGL %s on %s", g->info.version, g->info.renderer);
    return g;
}

void gfx_destroy(struct gfx **pg)
{
    struct gfx *g = *pg;
    if (!g) return;
    for (uint32_t i = 0; i < g->mesh_count; i++) {
        struct gfx_mesh_slot *m = &g->meshes[i];
        glDeleteVertexArrays(1, &m->vao);
        glDeleteBuffers(1, &m->vbo);
        glDeleteBuffers(1, &m->ibo);
        glDeleteBuffers(1, &m->vbo_extra);
    }
    gfx_pbr_destroy(g);
    for (uint32_t i = 0; i < g->texture_count; i++) glDeleteTextures(1, &g->textures[i].tex);
    if (g->quad_vao) glDeleteVertexArrays(1, &g->quad_vao);
    if (g->quad_vbo) glDeleteBuffers(1, &g->quad_vbo);
    gfx_world_destroy(g);
    gfx_outline_destroy(g);
    gfx_shaders_destroy(g);
    free(g->meshes);
    free(g->textures);
    free(g->quad_scratch);
    free(g);
    *pg = NULL;
}

/* Mesa's CPU renderers name themselves in GL_RENDERER. */
static bool software_renderer(const char *renderer)
{
    return renderer && (strstr(renderer, "llvmpipe") || strstr(renderer, "softpipe") || strstr(renderer, "swrast") ||
                        strstr(renderer, "Software Rasterizer"));
}

static int chosen(int n, const char *why)
{
    LOG_I("anti-aliasing: %d sample%s (%s)", n, n == 1 ? "" : "s", why);
    return n;
}

int gfx_choose_samples(const struct gfx *g, int asked, bool headless)
{
    if (asked > 0) return chosen(asked, "--msaa or the render.msaa setting");
    const char *env = getenv("PAJA_MSAA");
    if (env && *env) {
        char *end = NULL;
        long n = strtol(env, &end, 10);
        if (*end == '\0' && n >= 1 && n <= 16) return chosen((int)n, "PAJA_MSAA");
        LOG_W("PAJA_MSAA=%s is not a sample count from 1 to 16; using the default", env);
    }
    if (headless) return chosen(1, "headless");
    if (software_renderer(g->info.renderer)) return chosen(1, "software OpenGL, where multisampling costs 2-2.5x a frame");
    return chosen(4, "GPU");
}

struct gfx_info gfx_get_info(const struct gfx *g)
{
    return g->info;
}

struct gfx_stats gfx_get_stats(const struct gfx *g)
{
    return g->stats;
}

void gfx_vao_float_attrib(GLuint vao, GLuint attrib, GLuint binding, GLint size, size_t offset)
{
    glEnableVertexArrayAttrib(vao, attrib);
    glVertexArrayAttribFormat(vao, attrib, size, GL_FLOAT, GL_FALSE, (GLuint)offset);
    glVertexArrayAttribBinding(vao, attrib, binding);
}

bool gfx_stream_reserve(GLuint vao, GLuint *vbo, size_t *cap, size_t n, size_t item_size, size_t stride,
                        size_t min_cap)
{
    if (n <= *cap) return false;
    size_t c = *cap ? *cap : min_cap;
    while (c < n) c *= 2;
    if (*vbo) glDeleteBuffers(1, vbo);
    glCreateBuffers(1, vbo);
    glNamedBufferStorage(*vbo, (GLsizeiptr)(c * item_size), NULL, GL_DYNAMIC_STORAGE_BIT);
    glVertexArrayVertexBuffer(vao, 0, *vbo, 0, (GLsizei)stride);
    *cap = c;
    return true;
}

struct gfx_mesh gfx_mesh_create(struct gfx *g, const struct mesh_data *m)
{
    if (g->mesh_count == g->mesh_cap) {
        g->mesh_cap = g->mesh_cap ? g->mesh_cap * 2 : 64;
        g->meshes = xrealloc(g->meshes, g->mesh_cap * sizeof *g->meshes);
    }
    uint32_t index = g->mesh_count++;
    struct gfx_mesh_slot *s = &g->meshes[index];
    memset(s, 0, sizeof *s);
    struct gfx_mesh h = {index + 1};

    bool indices_ok = m->index_count > 0 && m->index_count % 3 == 0 && m->index_count <= INT32_MAX;
    for (uint32_t i = 0; indices_ok && i < m->index_count; i++) indices_ok = m->indices[i] < m->vertex_count;
    if (!m->vertices || !m->indices || m->vertex_count == 0 || !indices_ok) {
        LOG_W("mesh %u: empty or has indices out of range; it will not be drawn", index);
        return h; /* FAILED: draws nothing */
    }

    glCreateBuffers(1, &s->vbo);
    /* Dynamic storage: skinned and morphed meshes are rewritten in place
     * (gfx_mesh_update_vertices). */
    glNamedBufferStorage(s->vbo, (GLsizeiptr)(m->vertex_count * sizeof *m->vertices), m->vertices,
                         GL_DYNAMIC_STORAGE_BIT);
    s->vertex_count = m->vertex_count;
    glCreateBuffers(1, &s->ibo);
    glNamedBufferStorage(s->ibo, (GLsizeiptr)(m->index_count * sizeof *m->indices), m->indices, 0);
    glCreateVertexArrays(1, &s->vao);
    glVertexArrayVertexBuffer(s->vao, 0, s->vbo, 0, sizeof(struct mesh_vertex));
    glVertexArrayElementBuffer(s->vao, s->ibo);
    gfx_vao_float_attrib(s->vao, 0, 0, 3, offsetof(struct mesh_vertex, position));
    gfx_vao_float_attrib(s->vao, 1, 0, 3, offsetof(struct mesh_vertex, normal));
    gfx_vao_float_attrib(s->vao, 2, 0, 2, offsetof(struct mesh_vertex, uv));

    /* Tangents, colours and the second UV set for PBR, from the mesh when it
     * has them, else generated tangents, white and TEXCOORD_0. */
    struct gfx_vertex_extra *extra = xcalloc(m->vertex_count, sizeof *extra);
    if (m->tangents) {
        for (uint32_t i = 0; i < m->vertex_count; i++) memcpy(extra[i].tangent, m->tangents[i], sizeof extra[i].tangent);
    } else {
        gfx_tangents_generate(m, extra);
    }
    for (uint32_t i = 0; i < m->vertex_count; i++) {
        if (m->colors) memcpy(extra[i].color, m->colors[i], sizeof extra[i].color);
        else extra[i].color[0] = extra[i].color[1] = extra[i].color[2] = extra[i].color[3] = 1.0f;
        memcpy(extra[i].uv1, m->uv1 ? m->uv1[i] : m->vertices[i].uv, sizeof extra[i].uv1);
    }
    glCreateBuffers(1, &s->vbo_extra);
    glNamedBufferStorage(s->vbo_extra, (GLsizeiptr)(m->vertex_count * sizeof *extra), extra, 0);
    free(extra);
    glVertexArrayVertexBuffer(s->vao, 1, s->vbo_extra, 0, sizeof(struct gfx_vertex_extra));
    gfx_vao_float_attrib(s->vao, 3, 1, 4, offsetof(struct gfx_vertex_extra, tangent));
    gfx_vao_float_attrib(s->vao, 4, 1, 4, offsetof(struct gfx_vertex_extra, color));
    gfx_vao_float_attrib(s->vao, 5, 1, 2, offsetof(struct gfx_vertex_extra, uv1));
    s->index_count = (GLsizei)m->index_count;
    memcpy(s->bounds_min, m->bounds_min, sizeof s->bounds_min);
    memcpy(s->bounds_max, m->bounds_max, sizeof s->bounds_max);
    s->has_colors = m->colors != NULL;
    s->state = GFX_STATE_VALID;
    return h;
}

struct gfx_texture gfx_texture_create_r8(struct gfx *g, int w, int h, const uint8_t *pixels)
{
    if (g->texture_count == g->texture_cap) {
        g->texture_cap = g->texture_cap ? g->texture_cap * 2 : 16;
        g->textures = xrealloc(g->textures, g->texture_cap * sizeof *g->textures);
    }
    uint32_t index = g->texture_count++;
    struct gfx_texture_slot *s = &g->textures[index];
    memset(s, 0, sizeof *s);
    struct gfx_texture t = {index + 1};
    if (w <= 0 || h <= 0 || !pixels) {
        LOG_W("texture %u: no pixels; it will not be drawn", index);
        return t;
    }
    glCreateTextures(GL_TEXTURE_2D, 1, &s->tex);
    glTextureStorage2D(s->tex, 1, GL_R8, w, h);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTextureSubImage2D(s->tex, 0, 0, 0, w, h, GL_RED, GL_UNSIGNED_BYTE, pixels);
    glTextureParameteri(s->tex, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTextureParameteri(s->tex, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTextureParameteri(s->tex, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTextureParameteri(s->tex, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    s->state = GFX_STATE_VALID;
    return t;
}

static bool mipmapped(GLenum min_filter)
{
    return min_filter == GL_NEAREST_MIPMAP_NEAREST || min_filter == GL_LINEAR_MIPMAP_NEAREST ||
           min_filter == GL_NEAREST_MIPMAP_LINEAR || min_filter == GL_LINEAR_MIPMAP_LINEAR;
}

/* Only the enums glTF allows reach GL; anything else falls back to the
 * default rather than raising a GL error. */
static GLenum filter_or(uint32_t v, GLenum def, bool allow_mip)
{
    if (v == GL_NEAREST || v == GL_LINEAR) return v;
    if (allow_mip && mipmapped(v)) return v;
    return def;
}

static GLenum wrap_or(uint32_t v)
{
    return v == GL_CLAMP_TO_EDGE || v == GL_MIRRORED_REPEAT || v == GL_REPEAT ? v : GL_REPEAT;
}

struct gfx_texture gfx_texture_create_rgba8(struct gfx *g, int w, int h, const uint8_t *rgba, bool srgb,
                                            const struct gfx_sampler_desc *sampler)
{
    if (g->texture_count == g->texture_cap) {
        g->texture_cap = g->texture_cap ? g->texture_cap * 2 : 16;
        g->textures = xrealloc(g->textures, g->texture_cap * sizeof *g->textures);
    }
    uint32_t index = g->texture_count++;
    struct gfx_texture_slot *s = &g->textures[index];
    memset(s, 0, sizeof *s);
    struct gfx_texture t = {index + 1};
    GLint max_size = 0;
    glGetIntegerv(GL_MAX_TEXTURE_SIZE, &max_size);
    if (w <= 0 || h <= 0 || !rgba || w > max_size || h > max_size) {
        LOG_W("texture %u: no pixels or too large (%dx%d); it will read as white", index, w, h);
        return t;
    }
    int levels = 1;
    for (int d = w > h ? w : h; d > 1; d >>= 1) levels++;
    glCreateTextures(GL_TEXTURE_2D, 1, &s->tex);
    glTextureStorage2D(s->tex, levels, srgb ? GL_SRGB8_ALPHA8 : GL_RGBA8, w, h);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTextureSubImage2D(s->tex, 0, 0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
    glGenerateTextureMipmap(s->tex);
    struct gfx_sampler_desc d = sampler ? *sampler : (struct gfx_sampler_desc){0};
    glTextureParameteri(s->tex, GL_TEXTURE_MIN_FILTER, (GLint)filter_or(d.min_filter, GL_LINEAR_MIPMAP_LINEAR, true));
    glTextureParameteri(s->tex, GL_TEXTURE_MAG_FILTER, (GLint)filter_or(d.mag_filter, GL_LINEAR, false));
    glTextureParameteri(s->tex, GL_TEXTURE_WRAP_S, (GLint)wrap_or(d.wrap_s));
    glTextureParameteri(s->tex, GL_TEXTURE_WRAP_T, (GLint)wrap_or(d.wrap_t));
    s->state = GFX_STATE_VALID;
    return t;
}

bool gfx_mesh_update_vertices(struct gfx *g, struct gfx_mesh h, const struct mesh_data *m)
{
    if (h.id == 0 || h.id > g->mesh_count) return false;
    struct gfx_mesh_slot *s = &g->meshes[h.id - 1];
    if (s->state != GFX_STATE_VALID || m->vertex_count != s->vertex_count || !m->vertices) return false;
    glNamedBufferSubData(s->vbo, 0, (GLsizeiptr)(m->vertex_count * sizeof *m->vertices), m->vertices);
    memcpy(s->bounds_min, m->bounds_min, sizeof s->bounds_min);
    memcpy(s->bounds_max, m->bounds_max, sizeof s->bounds_max);
    s->generation++;
    return true;
}

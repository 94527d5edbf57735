/* gfx_shader.c — compiling the built-in GLSL programs. */
#define LOG_TAG "gfx"
#include "gfx_internal.h"

#include "arena.h"
#include "fs.h"
#include "log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct embedded_file { const char *name; const char *text; };
extern const struct embedded_file gfx_shader_files[];

/* Source of a shader: from $PAJA_SHADER_DIR/<name> when set (authors edit
 * shaders without rebuilding), else the copy embedded at build time. */
static const char *shader_source(const char *name, struct arena *scratch)
{
    const char *dir = getenv("PAJA_SHADER_DIR");
    if (dir && *dir) {
        char err[512];
        char *text = fs_read_all(fs_join(scratch, dir, name), scratch, NULL, err, sizeof err);
        if (text) return text;
        LOG_W("%s; using the built-in copy", err);
    }
    for (const struct embedded_file *f = gfx_shader_files; f->name; f++)
        if (strcmp(f->name, name) == 0) return f->text;
    return NULL;
}

/* Compiles a shader; `defines` (NULL: none), lines of "#define NAME 1",
 * go right after the source's first line, which GLSL requires to be the
 * #version line. */
static GLuint compile(GLenum stage, const char *name, const char *defines, struct arena *scratch, char *err,
                      size_t err_size)
{
    const char *src = shader_source(name, scratch);
    if (!src) {
        snprintf(err, err_size, "shader '%s' is missing from the build", name);
        return 0;
    }
    const char *nl = strchr(src, '\n');
    size_t first = nl ? (size_t)(nl - src) + 1 : strlen(src);
    const char *parts[3] = {src, defines ? defines : "", src + first};
    GLint lens[3] = {(GLint)first, -1, -1};
    GLuint s = glCreateShader(stage);
    glShaderSource(s, 3, parts, lens);
    glCompileShader(s);
    GLint ok = 0;
    glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[1024] = "";
        glGetShaderInfoLog(s, sizeof log, NULL, log);
        snprintf(err, err_size, "shader '%s' does not compile: %s", name, log);
        glDeleteShader(s);
        return 0;
    }
    return s;
}

static GLuint link_program_defines(const char *vs_name, const char *fs_name, const char *defines,
                                   struct arena *scratch, char *err, size_t err_size)
{
    GLuint vs = compile(GL_VERTEX_SHADER, vs_name, defines, scratch, err, err_size);
    if (!vs) return 0;
    GLuint fs = compile(GL_FRAGMENT_SHADER, fs_name, defines, scratch, err, err_size);
    if (!fs) {
        glDeleteShader(vs);
        return 0;
    }
    GLuint p = glCreateProgram();
    glAttachShader(p, vs);
    glAttachShader(p, fs);
    glLinkProgram(p);
    glDeleteShader(vs);
    glDeleteShader(fs);
    GLint ok = 0;
    glGetProgramiv(p, GL_LINK_STATUS, &ok);
    if (!ok) {
        char log[1024] = "";
        glGetProgramInfoLog(p, sizeof log, NULL, log);
        snprintf(err, err_size, "shaders '%s' + '%s' do not link: %s", vs_name, fs_name, log);
        glDeleteProgram(p);
        return 0;
    }
    return p;
}

static GLuint link_program(const char *vs_name, const char *fs_name, struct arena *scratch, char *err,
                           size_t err_size)
{
    return link_program_defines(vs_name, fs_name, NULL, scratch, err, err_size);
}

GLuint gfx_program_link(const char *vs_name, const char *fs_name, const char *defines, char *err, size_t err_size)
{
    struct arena scratch;
    arena_init(&scratch, "shader sources", 64 * 1024);
    GLuint p = link_program_defines(vs_name, fs_name, defines, &scratch, err, err_size);
    arena_fini(&scratch);
    return p;
}

/* Made with the device: what every scene's first frame draws (PBR, its
 * shadow map, screen and world quads, lines). The simple lit program (the
 * built-in workshop) and the three outline programs (guided mode) wait for
 * their first use (gfx_shaders_lit, gfx_shaders_outline): a start that
 * never draws them does not compile them (issue 13: each program costs a
 * few milliseconds of a start even with Mesa's shader cache warm). */
bool gfx_shaders_create(struct gfx *g, char *err, size_t err_size)
{
    struct arena scratch;
    arena_init(&scratch, "shader sources", 64 * 1024);
    g->quad_program = link_program("quad.vert", "quad.frag", &scratch, err, err_size);
    /* PBR programs are compiled per material variant when first drawn
     * (gfx_pbr_variant.c); the commonest one is made now, so a shader that
     * does not compile fails here rather than in a frame. */
    bool pbr_ok = g->quad_program && gfx_pbr_variants_create(g, err, err_size);
    if (pbr_ok) g->shadow_program = link_program("shadow.vert", "shadow.frag", &scratch, err, err_size);
    /* World quads share the screen quads' fragment shader: same look. */
    if (g->shadow_program)
        g->world_quad_program = link_program("world_quad.vert", "quad.frag", &scratch, err, err_size);
    if (g->world_quad_program) g->line_program = link_program("line.vert", "line.frag", &scratch, err, err_size);
    arena_fini(&scratch);
    return g->quad_program && g->shadow_program && g->world_quad_program && g->line_program;
}

bool gfx_shaders_lit(struct gfx *g)
{
    if (g->lit_program) return true;
    if (g->lit_failed) return false;
    char err[1024];
    g->lit_program = gfx_program_link("lit.vert", "lit.frag", NULL, err, sizeof err);
    if (!g->lit_program) {
        LOG_E("%s; meshes without materials are not drawn", err);
        g->lit_failed = true;
    }
    return g->lit_program != 0;
}

bool gfx_shaders_outline(struct gfx *g)
{
    if (g->outline_program) return true;
    if (g->outline_programs_failed) return false;
    char err[1024];
    g->outline_mask_program = gfx_program_link("outline_mask.vert", "outline_mask.frag", NULL, err, sizeof err);
    if (g->outline_mask_program)
        g->outline_spread_program = gfx_program_link("fullscreen.vert", "outline_spread.frag", NULL, err, sizeof err);
    if (g->outline_spread_program)
        g->outline_program = gfx_program_link("fullscreen.vert", "outline.frag", NULL, err, sizeof err);
    if (!g->outline_program) {
        LOG_E("%s; outlines are not drawn", err);
        g->outline_programs_failed = true;
    }
    return g->outline_program != 0;
}

void gfx_shaders_destroy(struct gfx *g)
{
    if (g->lit_program) glDeleteProgram(g->lit_program);
    if (g->quad_program) glDeleteProgram(g->quad_program);
    gfx_pbr_variants_destroy(g);
    if (g->shadow_program) glDeleteProgram(g->shadow_program);
    if (g->world_quad_program) glDeleteProgram(g->world_quad_program);
    if (g->line_program) glDeleteProgram(g->line_program);
    if (g->outline_mask_program) glDeleteProgram(g->outline_mask_program);
    if (g->outline_spread_program) glDeleteProgram(g->outline_spread_program);
    if (g->outline_program) glDeleteProgram(g->outline_program);
    g->lit_program = g->quad_program = g->shadow_program = 0;
    g->world_quad_program = g->line_program = 0;
    g->outline_mask_program = g->outline_spread_program = g->outline_program = 0;
}

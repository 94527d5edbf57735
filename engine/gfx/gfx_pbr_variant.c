/* gfx_pbr_variant.c — PBR programs compiled per set of material features
 * (shaders/pbr.* with #defines), made when first drawn and kept.
 *
 * One program that branched at run time over every feature cost the EV
 * scene's untextured boxes about half their shading time on llvmpipe
 * (issue 13): a branch on a uniform still costs a software rasteriser its
 * mask bookkeeping and registers, and the discard of alpha masking moves the
 * depth test after shading. A variant holds only what its materials use. */
#define LOG_TAG "gfx"
#include "gfx_internal.h"

#include "arena.h"
#include "log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct { unsigned bit; const char *name; } FEATURES[] = {
    {GFX_PBR_BASE_TEX, "HAS_BASE_TEX"},       {GFX_PBR_MR_TEX, "HAS_MR_TEX"},
    {GFX_PBR_NORMAL_TEX, "HAS_NORMAL_TEX"},   {GFX_PBR_OCCLUSION_TEX, "HAS_OCCLUSION_TEX"},
    {GFX_PBR_EMISSIVE_TEX, "HAS_EMISSIVE_TEX"}, {GFX_PBR_SHADOW, "SHADOW"},
    {GFX_PBR_UNLIT, "UNLIT"},                 {GFX_PBR_ALPHA_MASK, "ALPHA_MASK"},
    {GFX_PBR_ALPHA_BLEND, "ALPHA_BLEND"},     {GFX_PBR_VERTEX_COLOR, "VERTEX_COLOR"},
};

/* An unlit material reads its base colour (texture, vertex colour, alpha)
 * and nothing that lighting needs, so those bits would only multiply the
 * variants. */
static unsigned normalize(unsigned f)
{
    f &= GFX_PBR_VARIANT_COUNT - 1;
    if (f & GFX_PBR_UNLIT)
        f &= GFX_PBR_UNLIT | GFX_PBR_BASE_TEX | GFX_PBR_ALPHA_MASK | GFX_PBR_ALPHA_BLEND | GFX_PBR_VERTEX_COLOR;
    return f;
}

/* Which uniform locations the linked program kept: the optimiser drops the
 * ones a variant never reads, and setting a dropped location is a GL error. */
static uint64_t active_locations(GLuint p)
{
    uint64_t mask = 0;
    GLint n = 0;
    glGetProgramInterfaceiv(p, GL_UNIFORM, GL_ACTIVE_RESOURCES, &n);
    for (GLint i = 0; i < n; i++) {
        const GLenum props[2] = {GL_LOCATION, GL_ARRAY_SIZE};
        GLint v[2] = {-1, 1};
        glGetProgramResourceiv(p, GL_UNIFORM, (GLuint)i, 2, props, 2, NULL, v);
        for (GLint k = 0; v[0] >= 0 && k < v[1] && v[0] + k < 64; k++) mask |= 1ull << (v[0] + k);
    }
    return mask;
}

static bool compile_variant(struct gfx_pbr_variant *v, unsigned f, char *err, size_t err_size)
{
    char defines[512] = "";
    size_t used = 0;
    for (size_t i = 0; i < sizeof FEATURES / sizeof FEATURES[0]; i++)
        if (f & FEATURES[i].bit)
            used += (size_t)snprintf(defines + used, sizeof defines - used, "#define %s 1\n", FEATURES[i].name);
    v->program = gfx_program_link("pbr.vert", "pbr.frag", defines, err, err_size);
    if (!v->program) {
        v->failed = true;
        return false;
    }
    v->active = active_locations(v->program);
    return true;
}

bool gfx_pbr_variants_create(struct gfx *g, char *err, size_t err_size)
{
    g->pbr_variants = xcalloc(GFX_PBR_VARIANT_COUNT, sizeof *g->pbr_variants);
    return compile_variant(&g->pbr_variants[GFX_PBR_SHADOW], GFX_PBR_SHADOW, err, err_size);
}

void gfx_pbr_variants_destroy(struct gfx *g)
{
    if (!g->pbr_variants) return;
    for (unsigned i = 0; i < GFX_PBR_VARIANT_COUNT; i++)
        if (g->pbr_variants[i].program) glDeleteProgram(g->pbr_variants[i].program);
    free(g->pbr_variants);
    g->pbr_variants = NULL;
}

const struct gfx_pbr_variant *gfx_pbr_variant(struct gfx *g, unsigned features)
{
    struct gfx_pbr_variant *v = &g->pbr_variants[normalize(features)];
    if (v->program) return v;
    if (v->failed) return NULL;
    char err[1024];
    if (!compile_variant(v, normalize(features), err, sizeof err)) {
        LOG_E("%s; objects with this kind of material are not drawn", err);
        return NULL;
    }
    return v;
}

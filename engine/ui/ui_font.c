/* ui_font.c — glyph atlas baking with stb_truetype and text layout. */
#include "ui.h"

#include "arena.h"
#include "str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <stb_truetype.h>

/* Code point ranges baked into the atlas: ASCII, Latin-1 (ä ö å é …),
 * Latin Extended-A (š ž for Finnish loanwords, Sámi letters), and the
 * punctuation and symbols paja's texts use. */
static const struct { uint32_t first, count; } RANGES[] = {
    {0x20, 0x5F},   /* ASCII printable */
    {0xA0, 0x60},   /* Latin-1 supplement */
    {0x100, 0x80},  /* Latin Extended-A */
    {0x2010, 0x18}, /* dashes, quotes, bullet, ellipsis */
    {0x20AC, 1},    /* euro */
    {0x2190, 6},    /* arrows, incl. the two-way one (HV+ ↔ HV−) */
    {0x2212, 1},    /* minus sign (HV−) */
    {0x03A9, 1},    /* ohm (Ω) */
    {0x2126, 1},    /* ohm sign */
    {0x2713, 2},    /* check marks */
};
#define RANGE_COUNT (sizeof RANGES / sizeof RANGES[0])

static int cmp_glyph(const void *a, const void *b)
{
    uint32_t x = ((const struct ui_glyph *)a)->codepoint, y = ((const struct ui_glyph *)b)->codepoint;
    return (x > y) - (x < y);
}

bool ui_font_init(struct ui_font *f, const uint8_t *ttf, size_t ttf_size, float pixel_height, char *err,
                  size_t err_size)
{
    memset(f, 0, sizeof *f);
    stbtt_fontinfo info;
    /* stb_truetype trusts its input: only check the header here, and load
     * fonts from the system's font packages, never from scenario folders. */
    int offset = ttf_size >= 12 ? stbtt_GetFontOffsetForIndex(ttf, 0) : -1;
    if (offset < 0 || !stbtt_InitFont(&info, ttf, offset)) {
        snprintf(err, err_size, "not a TrueType font");
        return false;
    }
    size_t total = 0;
    for (size_t r = 0; r < RANGE_COUNT; r++) total += RANGES[r].count;

    /* 2x horizontal oversampling keeps small text crisp at fractional
     * positions; the atlas grows until everything fits. */
    stbtt_packedchar *packed = xcalloc(total, sizeof *packed);
    stbtt_pack_range ranges[RANGE_COUNT];
    size_t off = 0;
    for (size_t r = 0; r < RANGE_COUNT; r++) {
        ranges[r] = (stbtt_pack_range){.font_size = pixel_height,
                                       .first_unicode_codepoint_in_range = (int)RANGES[r].first,
                                       .num_chars = (int)RANGES[r].count,
                                       .chardata_for_range = packed + off};
        off += RANGES[r].count;
    }
    bool ok = false;
    /* Four rows below the packed area hold a solid block for rectangles. */
    for (int size = 256; size <= 4096 && !ok; size *= 2) {
        f->atlas_w = size;
        f->atlas_h = size + 4;
        free(f->atlas);
        f->atlas = xcalloc((size_t)f->atlas_w * (size_t)f->atlas_h, 1);
        stbtt_pack_context pc;
        if (!stbtt_PackBegin(&pc, f->atlas, size, size, size, 1, NULL)) continue;
        stbtt_PackSetOversampling(&pc, 2, 1);
        /* The packer returns 0 when a glyph did not fit; missing glyphs in
         * the font itself still pack as empty boxes. */
        ok = stbtt_PackFontRanges(&pc, ttf, 0, ranges, (int)RANGE_COUNT) != 0;
        stbtt_PackEnd(&pc);
    }
    if (!ok) {
        free(packed);
        ui_font_fini(f);
        snprintf(err, err_size, "glyphs do not fit a 4096x4096 atlas at %.0f px", (double)pixel_height);
        return false;
    }

    f->glyphs = xcalloc(total, sizeof *f->glyphs);
    off = 0;
    for (size_t r = 0; r < RANGE_COUNT; r++) {
        for (uint32_t i = 0; i < RANGES[r].count; i++, off++) {
            uint32_t cp = RANGES[r].first + i;
            /* Skip code points the font lacks, so they fall back to '?'. */
            if (cp != ' ' && stbtt_FindGlyphIndex(&info, (int)cp) == 0) continue;
            stbtt_aligned_quad aq;
            float px = 0.0f, py = 0.0f;
            stbtt_GetPackedQuad(packed, f->atlas_w, f->atlas_h, (int)off, &px, &py, &aq, 0);
            struct ui_glyph *g = &f->glyphs[f->glyph_count++];
            *g = (struct ui_glyph){cp, aq.x0, aq.y0, aq.x1, aq.y1, aq.s0, aq.t0, aq.s1, aq.t1, px};
            /* Spaces still get a padded box from the packer; make them
             * advance-only so they cost no quad. */
            if (stbtt_IsGlyphEmpty(&info, stbtt_FindGlyphIndex(&info, (int)cp))) g->x1 = g->x0;
        }
    }
    free(packed);
    qsort(f->glyphs, f->glyph_count, sizeof *f->glyphs, cmp_glyph);
    for (size_t i = 0; i < f->glyph_count; i++)
        if (f->glyphs[i].codepoint < UI_FONT_DIRECT) f->direct[f->glyphs[i].codepoint] = (uint16_t)(i + 1);

    float scale = stbtt_ScaleForPixelHeight(&info, pixel_height);
    int asc = 0, desc = 0, gap = 0;
    stbtt_GetFontVMetrics(&info, &asc, &desc, &gap);
    f->pixel_height = pixel_height;
    f->ascent = (float)asc * scale;
    f->descent = (float)desc * scale;
    f->line_gap = (float)gap * scale;

    /* The solid block: a 4x3 run of full coverage in the reserved rows,
     * sampled at its centre so bilinear filtering stays inside it. */
    int wy = f->atlas_h - 3;
    for (int y = wy; y < wy + 3; y++)
        for (int x = 0; x < 4; x++) f->atlas[(size_t)y * (size_t)f->atlas_w + (size_t)x] = 255;
    f->white_u = 2.0f / (float)f->atlas_w;
    f->white_v = ((float)wy + 1.5f) / (float)f->atlas_h;
    return true;
}

void ui_font_fini(struct ui_font *f)
{
    free(f->atlas);
    free(f->glyphs);
    memset(f, 0, sizeof *f);
}

const struct ui_glyph *ui_font_glyph(const struct ui_font *f, uint32_t codepoint)
{
    if (codepoint < UI_FONT_DIRECT) {
        uint16_t k = f->direct[codepoint];
        if (k) return &f->glyphs[k - 1];
        return codepoint == '?' ? NULL : ui_font_glyph(f, '?');
    }
    size_t lo = 0, hi = f->glyph_count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (f->glyphs[mid].codepoint < codepoint) lo = mid + 1;
        else hi = mid;
    }
    if (lo < f->glyph_count && f->glyphs[lo].codepoint == codepoint) return &f->glyphs[lo];
    return codepoint == '?' ? NULL : ui_font_glyph(f, '?');
}

float ui_font_line_height(const struct ui_font *f, float scale)
{
    return (f->ascent - f->descent + f->line_gap) * scale;
}

float ui_text_width(const struct ui_font *f, const char *text, float scale)
{
    float w = 0.0f, line = 0.0f;
    const char *p = text;
    uint32_t cp;
    while ((cp = str_utf8_next(&p)) != 0) {
        if (cp == '\n') {
            if (line > w) w = line;
            line = 0.0f;
            continue;
        }
        const struct ui_glyph *g = ui_font_glyph(f, cp);
        if (g) line += g->advance * scale;
    }
    return line > w ? line : w;
}

float ui_text(const struct ui_font *f, struct ui_quads *q, const char *text, float x, float y, float scale,
              const float color[4])
{
    float pen_x = x, baseline = y + f->ascent * scale;
    float lh = ui_font_line_height(f, scale);
    const char *p = text;
    uint32_t cp;
    while ((cp = str_utf8_next(&p)) != 0) {
        if (cp == '\n') {
            pen_x = x;
            baseline += lh;
            continue;
        }
        const struct ui_glyph *g = ui_font_glyph(f, cp);
        if (!g) continue;
        if (g->x1 > g->x0) {
            struct screen_quad *qd = ui_quads_push(q);
            *qd = (struct screen_quad){pen_x + g->x0 * scale, baseline + g->y0 * scale, pen_x + g->x1 * scale,
                                   baseline + g->y1 * scale, g->u0, g->v0, g->u1, g->v1,
                                   {color[0], color[1], color[2], color[3]}};
        }
        pen_x += g->advance * scale;
    }
    return baseline - f->ascent * scale + lh;
}

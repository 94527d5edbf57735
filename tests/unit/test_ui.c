/* test_ui.c — glyph atlas, text layout and panels with the real DejaVu font. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "arena.h"
#include "fs.h"
#include "ui.h"

#include <string.h>

static struct ui_font g_font;
static struct arena g_arena;

static int setup(void **state)
{
    (void)state;
    arena_init(&g_arena, "ui-test", 0);
    char err[256];
    size_t size = 0;
    char *ttf = fs_read_all(PAJA_FONT_PATH, &g_arena, &size, err, sizeof err);
    if (!ttf) return -1;
    return ui_font_init(&g_font, (const uint8_t *)ttf, size, 32.0f, err, sizeof err) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    ui_font_fini(&g_font);
    arena_fini(&g_arena);
    return 0;
}

static void finnish_and_swedish_letters_have_glyphs(void **state)
{
    (void)state;
    const struct ui_glyph *q = ui_font_glyph(&g_font, '?');
    assert_non_null(q);
    /* ä ö å Ä Ö Å š ž é – € − ↔: each its own glyph, not the '?' fallback. */
    const uint32_t letters[] = {0xE4, 0xF6, 0xE5, 0xC4, 0xD6, 0xC5, 0x161, 0x17E, 0xE9, 0x2013, 0x20AC, 0x2212, 0x2194};
    for (size_t i = 0; i < sizeof letters / sizeof letters[0]; i++) {
        const struct ui_glyph *g = ui_font_glyph(&g_font, letters[i]);
        assert_non_null(g);
        assert_int_equal(g->codepoint, letters[i]);
        assert_true(g->x1 > g->x0);
    }
    /* A CJK character is not baked: it falls back to '?'; so does a control
     * character inside the directly indexed range. */
    assert_ptr_equal(ui_font_glyph(&g_font, 0x4E2D), q);
    assert_ptr_equal(ui_font_glyph(&g_font, 0x7F), q);
    assert_int_equal(ui_font_glyph(&g_font, 'A')->codepoint, 'A');
}

static void text_width_and_lines(void **state)
{
    (void)state;
    float w1 = ui_text_width(&g_font, "Työ", 1.0f);
    float w2 = ui_text_width(&g_font, "Työ", 2.0f);
    assert_true(w1 > 20.0f);
    assert_float_equal(w2, 2.0f * w1, 1e-3f);
    /* The widest line counts. */
    assert_float_equal(ui_text_width(&g_font, "Työ\nT", 1.0f), w1, 1e-4f);
    struct ui_quads q = {0};
    const float white[4] = {1, 1, 1, 1};
    float below = ui_text(&g_font, &q, "ab\ncd", 10.0f, 20.0f, 1.0f, white);
    assert_int_equal(q.n, 4);
    assert_float_equal(below, 20.0f + 2.0f * ui_font_line_height(&g_font, 1.0f), 1e-3f);
    /* Second line sits lower than the first. */
    assert_true(q.v[2].y0 > q.v[0].y0);
    assert_float_equal(q.v[2].x0 - 10.0f, q.v[0].x0 - 10.0f, 1.0f);
    /* Glyph quads sample inside the atlas. */
    for (size_t i = 0; i < q.n; i++) {
        assert_true(q.v[i].u0 >= 0.0f && q.v[i].u1 <= 1.0f);
        assert_true(q.v[i].v0 >= 0.0f && q.v[i].v1 <= 1.0f);
    }
    /* Spaces advance but draw nothing; bad UTF-8 draws '?'. */
    ui_quads_reset(&q);
    ui_text(&g_font, &q, "a b\xff", 0, 0, 1.0f, white);
    assert_int_equal(q.n, 3);
    ui_quads_free(&q);
}

static void panel_anchors_inside_screen(void **state)
{
    (void)state;
    struct ui_quads q = {0};
    const float white[4] = {1, 1, 1, 1}, bg[4] = {0, 0, 0, 0.5f};
    struct ui_rectf r = ui_panel_text(&g_font, &q, "Esc: lopeta", UI_ANCHOR_BOTTOM_RIGHT, 800, 600, 0.5f, white, bg);
    assert_true(r.x0 > 400.0f && r.x1 < 800.0f);
    assert_true(r.y0 > 500.0f && r.y1 < 600.0f);
    /* The background is the first quad and uses the solid texel. */
    assert_float_equal(q.v[0].u0, g_font.white_u, 0.0f);
    size_t ix = (size_t)(g_font.white_v * (float)g_font.atlas_h) * (size_t)g_font.atlas_w +
                (size_t)(g_font.white_u * (float)g_font.atlas_w);
    assert_int_equal(g_font.atlas[ix], 255);
    assert_true(ui_rect_contains(r, (r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2));
    assert_false(ui_rect_contains(r, 0, 0));
    ui_quads_free(&q);
}

static void bad_font_bytes_are_refused(void **state)
{
    (void)state;
    struct ui_font f;
    char err[128] = "";
    const uint8_t junk[64] = {1, 2, 3};
    assert_false(ui_font_init(&f, junk, sizeof junk, 32.0f, err, sizeof err));
    assert_non_null(strstr(err, "TrueType"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(finnish_and_swedish_letters_have_glyphs),
        cmocka_unit_test(text_width_and_lines),
        cmocka_unit_test(panel_anchors_inside_screen),
        cmocka_unit_test(bad_font_bytes_are_refused),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

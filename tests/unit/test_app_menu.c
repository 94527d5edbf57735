/* test_app_menu.c — the Esc menu's state logic (app_menu.c), driven by
 * synthetic input: opening, keys, clicks on the laid-out items, and the
 * click that was already held when the menu opened. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "app_menu.h"

#include <string.h>

#define W 1280.0f
#define H 720.0f
#define LINE 30.0f

static enum app_menu_choice feed(struct app_menu *m, struct app_menu_input in)
{
    return app_menu_update(m, &in);
}

static struct app_menu open_menu(void)
{
    struct app_menu m;
    memset(&m, 0, sizeof m);
    app_menu_layout(&m, W, H, LINE);
    assert_int_equal(feed(&m, (struct app_menu_input){.esc = true}), APP_MENU_NONE);
    assert_true(m.open);
    return m;
}

static float cx(struct ui_rectf r) { return 0.5f * (r.x0 + r.x1); }
static float cy(struct ui_rectf r) { return 0.5f * (r.y0 + r.y1); }

/* Press and release on the centre of item i. */
static enum app_menu_choice click(struct app_menu *m, int i)
{
    struct ui_rectf r = m->items[i];
    enum app_menu_choice c = feed(m, (struct app_menu_input){.x = cx(r), .y = cy(r), .button = true});
    feed(m, (struct app_menu_input){.x = cx(r), .y = cy(r)});
    return c;
}

static void test_closed_ignores_all_but_esc(void **state)
{
    (void)state;
    struct app_menu m;
    memset(&m, 0, sizeof m);
    app_menu_layout(&m, W, H, LINE);
    struct ui_rectf q = m.items[APP_MENU_QUIT];
    /* Typing, Enter and clicks where Quit would be do nothing while closed. */
    assert_int_equal(feed(&m, (struct app_menu_input){.text = "rq", .enter = true, .x = cx(q), .y = cy(q),
                                                       .button = true}),
                     APP_MENU_NONE);
    assert_false(m.open);
    assert_int_equal(feed(&m, (struct app_menu_input){.esc = true}), APP_MENU_NONE);
    assert_true(m.open);
}

static void test_keys(void **state)
{
    (void)state;
    struct app_menu m = open_menu();
    assert_int_equal(feed(&m, (struct app_menu_input){.esc = true}), APP_MENU_CONTINUE);
    assert_false(m.open);
    m = open_menu();
    assert_int_equal(feed(&m, (struct app_menu_input){.text = "R"}), APP_MENU_RESTART);
    assert_false(m.open);
    m = open_menu();
    assert_int_equal(feed(&m, (struct app_menu_input){.text = "q"}), APP_MENU_QUIT);
    m = open_menu();
    assert_int_equal(feed(&m, (struct app_menu_input){.text = "c"}), APP_MENU_CONTINUE);
    /* Other letters leave it open. */
    m = open_menu();
    assert_int_equal(feed(&m, (struct app_menu_input){.text = "xyzåä"}), APP_MENU_NONE);
    assert_true(m.open);
    /* Enter takes the item under the pointer, Continue when none. */
    assert_int_equal(feed(&m, (struct app_menu_input){.enter = true, .x = 1.0f, .y = 1.0f}), APP_MENU_CONTINUE);
    m = open_menu();
    struct ui_rectf r = m.items[APP_MENU_RESTART];
    assert_int_equal(feed(&m, (struct app_menu_input){.enter = true, .x = cx(r), .y = cy(r)}), APP_MENU_RESTART);
}

static void test_clicks(void **state)
{
    (void)state;
    for (int i = APP_MENU_CONTINUE; i < APP_MENU_CHOICE_COUNT; i++) {
        struct app_menu m = open_menu();
        assert_int_equal(click(&m, i), i);
        assert_false(m.open);
    }
    /* A click beside the buttons (on the panel or outside it) chooses nothing. */
    struct app_menu m = open_menu();
    struct ui_rectf p = m.items[APP_MENU_NONE];
    assert_int_equal(feed(&m, (struct app_menu_input){.x = p.x0 + 1.0f, .y = p.y0 + 1.0f, .button = true}),
                     APP_MENU_NONE);
    feed(&m, (struct app_menu_input){0});
    assert_int_equal(feed(&m, (struct app_menu_input){.x = 1.0f, .y = 1.0f, .button = true}), APP_MENU_NONE);
    assert_true(m.open);
}

static void test_held_button_is_no_click(void **state)
{
    (void)state;
    struct app_menu m;
    memset(&m, 0, sizeof m);
    app_menu_layout(&m, W, H, LINE);
    struct ui_rectf q = m.items[APP_MENU_QUIT];
    struct app_menu_input held = {.x = cx(q), .y = cy(q), .button = true};
    /* Esc pressed while the left button is down over where Quit appears. */
    feed(&m, held);
    held.esc = true;
    assert_int_equal(feed(&m, held), APP_MENU_NONE);
    held.esc = false;
    assert_int_equal(feed(&m, held), APP_MENU_NONE);
    assert_true(m.open);
    assert_int_equal(m.hover, APP_MENU_QUIT);
    /* Released, then pressed: now it is a click. */
    assert_int_equal(feed(&m, (struct app_menu_input){.x = cx(q), .y = cy(q)}), APP_MENU_NONE);
    assert_int_equal(feed(&m, held), APP_MENU_QUIT);
}

static void test_layout(void **state)
{
    (void)state;
    struct app_menu m;
    memset(&m, 0, sizeof m);
    app_menu_layout(&m, W, H, LINE);
    struct ui_rectf p = m.items[APP_MENU_NONE];
    assert_true(p.x0 > 0.0f && p.y0 > 0.0f && p.x1 < W && p.y1 < H);
    assert_true(cx(p) > W * 0.5f - 1.0f && cx(p) < W * 0.5f + 1.0f);
    for (int i = APP_MENU_CONTINUE; i < APP_MENU_CHOICE_COUNT; i++) {
        struct ui_rectf r = m.items[i];
        /* Inside the panel, below the previous item, tall enough to hit. */
        assert_true(r.x0 >= p.x0 && r.x1 <= p.x1 && r.y0 >= p.y0 && r.y1 <= p.y1);
        assert_true(r.y1 - r.y0 >= LINE);
        if (i > APP_MENU_CONTINUE) assert_true(r.y0 >= m.items[i - 1].y1);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_closed_ignores_all_but_esc),
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_clicks),
        cmocka_unit_test(test_held_button_is_no_click),
        cmocka_unit_test(test_layout),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

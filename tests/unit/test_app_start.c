/* test_app_start.c — the start panel's state logic (app_start.c), driven by
 * synthetic input: typing the trainee id, switching mode and language by
 * key and by click, Start and Esc. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "app_start.h"
#include "scenario.h"

#include <string.h>

static enum app_start_result feed(struct app_start *s, struct app_start_input in)
{
    return app_start_update(s, &in);
}

static struct app_start fresh(void)
{
    struct app_start s;
    app_start_init(&s, SCENARIO_MODE_PRACTICE, APP_LANG_FI);
    app_start_layout(&s, 1280.0f, 720.0f, 30.0f);
    return s;
}

static enum app_start_result click(struct app_start *s, int item)
{
    struct ui_rectf r = s->items[item];
    float x = 0.5f * (r.x0 + r.x1), y = 0.5f * (r.y0 + r.y1);
    enum app_start_result res = feed(s, (struct app_start_input){.x = x, .y = y, .button = true});
    feed(s, (struct app_start_input){.x = x, .y = y});
    return res;
}

static void test_typing(void **state)
{
    (void)state;
    struct app_start s = fresh();
    assert_int_equal(feed(&s, (struct app_start_input){.text = "opi"}), APP_START_WAIT);
    assert_int_equal(feed(&s, (struct app_start_input){.text = "skelija1"}), APP_START_WAIT);
    assert_string_equal(s.trainee, "opiskelija1");
    /* Outside the id's set (spaces, ä, '/') is left out: ids go into file names. */
    feed(&s, (struct app_start_input){.text = " ä/x.y@z_-"});
    assert_string_equal(s.trainee, "opiskelija1x.y@z_-");
    feed(&s, (struct app_start_input){.backspace = true});
    assert_string_equal(s.trainee, "opiskelija1x.y@z_");
    for (int i = 0; i < 40; i++) feed(&s, (struct app_start_input){.backspace = true});
    assert_string_equal(s.trainee, "");
    /* At most 64 characters. */
    for (int i = 0; i < 10; i++) feed(&s, (struct app_start_input){.text = "abcdefghij"});
    assert_int_equal(strlen(s.trainee), APP_TRAINEE_MAX);
}

static void test_mode_and_lang(void **state)
{
    (void)state;
    struct app_start s = fresh();
    feed(&s, (struct app_start_input){.next_mode = true});
    assert_int_equal(s.mode, SCENARIO_MODE_EXAM);
    feed(&s, (struct app_start_input){.next_mode = true});
    assert_int_equal(s.mode, SCENARIO_MODE_GUIDED);
    assert_int_equal(click(&s, APP_START_MODE), APP_START_WAIT);
    assert_int_equal(s.mode, SCENARIO_MODE_PRACTICE);
    feed(&s, (struct app_start_input){.next_lang = true});
    assert_int_equal(s.lang, APP_LANG_EN);
    click(&s, APP_START_LANG);
    assert_int_equal(s.lang, APP_LANG_SV);
    click(&s, APP_START_LANG);
    assert_int_equal(s.lang, APP_LANG_FI);
    /* A click on the id field or the panel changes nothing. */
    assert_int_equal(click(&s, APP_START_TRAINEE), APP_START_WAIT);
    assert_int_equal(click(&s, APP_START_PANEL), APP_START_WAIT);
    assert_int_equal(s.mode, SCENARIO_MODE_PRACTICE);
}

/* A class locked to exam mode (session.mode_lock): neither F2 nor a click
 * on the mode row offers another mode; the language still changes. */
static void test_mode_locked(void **state)
{
    (void)state;
    struct app_start s;
    app_start_init(&s, SCENARIO_MODE_EXAM, APP_LANG_FI);
    s.mode_locked = true;
    app_start_layout(&s, 1280.0f, 720.0f, 30.0f);
    for (int i = 0; i < 3; i++) feed(&s, (struct app_start_input){.next_mode = true});
    assert_int_equal(s.mode, SCENARIO_MODE_EXAM);
    click(&s, APP_START_MODE);
    click(&s, APP_START_MODE);
    assert_int_equal(s.mode, SCENARIO_MODE_EXAM);
    feed(&s, (struct app_start_input){.next_lang = true});
    assert_int_equal(s.lang, APP_LANG_EN);
    assert_int_equal(feed(&s, (struct app_start_input){.enter = true}), APP_START_BEGIN);
    assert_int_equal(s.mode, SCENARIO_MODE_EXAM);
}

static void test_start_and_quit(void **state)
{
    (void)state;
    struct app_start s = fresh();
    assert_int_equal(feed(&s, (struct app_start_input){.text = "t1", .enter = true}), APP_START_BEGIN);
    assert_string_equal(s.trainee, "t1");
    s = fresh();
    assert_int_equal(click(&s, APP_START_GO), APP_START_BEGIN);
    s = fresh();
    assert_int_equal(feed(&s, (struct app_start_input){.esc = true}), APP_START_QUIT);
    /* A held button is one click, not one per frame. */
    s = fresh();
    struct ui_rectf r = s.items[APP_START_MODE];
    struct app_start_input held = {.x = r.x0 + 2.0f, .y = r.y0 + 2.0f, .button = true};
    feed(&s, held);
    feed(&s, held);
    feed(&s, held);
    assert_int_equal(s.mode, SCENARIO_MODE_EXAM);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_typing),
        cmocka_unit_test(test_mode_and_lang),
        cmocka_unit_test(test_start_and_quit),
        cmocka_unit_test(test_mode_locked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

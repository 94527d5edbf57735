/* test_app_state.c — `paja run`'s state machine (app_state.c) driven by
 * signals: the start panel, playing, the menu over playing or the end
 * panel, restart, quit, scripted runs without a menu, an end from outside
 * in any state, and a panel's press kept out of the scene until let go. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "app_state.h"

#include <string.h>

static void start_play_menu_continue_finish_quit(void **state)
{
    (void)state;
    struct app_state s;
    app_state_init(&s, APP_PHASE_START, false);
    assert_true(app_state_paused(&s));
    assert_false(app_state_in_session(&s));
    /* Nothing but Start or Quit leaves the start panel. */
    assert_false(app_state_signal(&s, APP_SIG_MENU));
    assert_false(app_state_signal(&s, APP_SIG_FINISHED));
    assert_true(app_state_signal(&s, APP_SIG_BEGIN));
    assert_int_equal(s.phase, APP_PHASE_PLAYING);
    assert_false(app_state_paused(&s));
    assert_true(app_state_in_session(&s));
    /* The menu pauses and returns where it opened. */
    assert_true(app_state_signal(&s, APP_SIG_MENU));
    assert_true(app_state_paused(&s));
    assert_true(app_state_signal(&s, APP_SIG_CONTINUE));
    assert_int_equal(s.phase, APP_PHASE_PLAYING);
    assert_true(app_state_signal(&s, APP_SIG_FINISHED));
    assert_int_equal(s.phase, APP_PHASE_FINISHED);
    assert_false(app_state_paused(&s));
    assert_true(app_state_modal(&s));
    assert_true(app_state_signal(&s, APP_SIG_MENU));
    assert_true(app_state_signal(&s, APP_SIG_CONTINUE));
    assert_int_equal(s.phase, APP_PHASE_FINISHED);
    /* Restart from the menu over the end panel plays again. */
    assert_true(app_state_signal(&s, APP_SIG_MENU));
    assert_true(app_state_signal(&s, APP_SIG_RESTART));
    assert_int_equal(s.phase, APP_PHASE_PLAYING);
    assert_true(app_state_signal(&s, APP_SIG_MENU));
    assert_true(app_state_signal(&s, APP_SIG_QUIT));
    assert_int_equal(s.phase, APP_PHASE_DONE);
    /* Done is done. */
    assert_false(app_state_signal(&s, APP_SIG_BEGIN));
    assert_false(app_state_signal(&s, APP_SIG_ENDED));
    assert_string_equal(app_phase_name(s.phase), "done");
}

static void ended_from_outside_in_every_state(void **state)
{
    (void)state;
    for (int p = APP_PHASE_WORKSHOP; p < APP_PHASE_DONE; p++) {
        struct app_state s;
        app_state_init(&s, (enum app_phase)p, false);
        assert_true(app_state_signal(&s, APP_SIG_ENDED));
        assert_int_equal(s.phase, APP_PHASE_DONE);
    }
}

static void workshop_esc_quits_and_scripts_have_no_menu(void **state)
{
    (void)state;
    struct app_state s;
    app_state_init(&s, APP_PHASE_WORKSHOP, false);
    assert_string_equal(app_phase_name(s.phase), "none");
    assert_true(app_state_signal(&s, APP_SIG_MENU));
    assert_int_equal(s.phase, APP_PHASE_DONE);

    app_state_init(&s, APP_PHASE_PLAYING, true);
    assert_false(app_state_signal(&s, APP_SIG_MENU));
    assert_int_equal(s.phase, APP_PHASE_PLAYING);
    assert_true(app_state_signal(&s, APP_SIG_FINISHED));
    assert_true(app_state_signal(&s, APP_SIG_SCRIPT_END));
    assert_int_equal(s.phase, APP_PHASE_DONE);
}

static void a_panels_press_stays_out_of_the_scene_until_let_go(void **state)
{
    (void)state;
    struct app_state s;
    app_state_init(&s, APP_PHASE_MENU, false);
    struct hand_input hands[HAND_COUNT];
    memset(hands, 0, sizeof hands);
    hands[HAND_LEFT].active = true;
    hands[HAND_LEFT].trigger_value = 1.0f;
    hands[HAND_LEFT].primary = true;
    app_state_spend(&s, HAND_LEFT);
    app_state_signal(&s, APP_SIG_CONTINUE);
    /* Still held after the menu closed: masked. The other hand is not. */
    struct hand_input h[HAND_COUNT];
    memcpy(h, hands, sizeof h);
    h[HAND_RIGHT].active = true;
    h[HAND_RIGHT].grip_value = 1.0f;
    app_state_hands(&s, h);
    assert_false(h[HAND_LEFT].primary);
    assert_float_equal(h[HAND_LEFT].trigger_value, 0.0f, 0.0f);
    assert_float_equal(h[HAND_RIGHT].grip_value, 1.0f, 0.0f);
    /* Let go, then a new press is a press. */
    memset(h, 0, sizeof h);
    h[HAND_LEFT].active = true;
    app_state_hands(&s, h);
    h[HAND_LEFT].primary = true;
    app_state_hands(&s, h);
    assert_true(h[HAND_LEFT].primary);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(start_play_menu_continue_finish_quit),
        cmocka_unit_test(ended_from_outside_in_every_state),
        cmocka_unit_test(workshop_esc_quits_and_scripts_have_no_menu),
        cmocka_unit_test(a_panels_press_stays_out_of_the_scene_until_let_go),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

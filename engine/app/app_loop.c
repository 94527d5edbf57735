/* app_loop.c — one frame of `paja run`, the one way of DESIGN.md §3:
 *
 *   poll the platform → xr frame (views, hands, time; whatever backend) →
 *   panels (the hands point, a press chooses) → interact (hands → events)
 *   and locomotion → scenario and record (same timestamps) → draw each view
 *   into its target → submit (xr_frame_end) and show the window.
 *
 * There is no backend-specific branch here: what differs between a
 * desktop, a headset and a headless run is in the frame the backend fills
 * (should_render, focus, the views' images) and in xr_info (a screen or
 * not). The run's state (app_state.h) decides what takes input. Every
 * xr_frame_begin is paired with xr_frame_end; nothing leaves a frame early. */
#define LOG_TAG "app"
#include "app_run_int.h"

#include "clock.h"
#include "event.h"
#include "fs.h"
#include "log.h"
#include "platform.h"
#include "pose.h"

#include <stdio.h>
#include <string.h>

/* How long a backend asked to end may take to say it has (frames). */
#define XR_EXIT_FRAMES 300
/* A press counts from this much trigger, as interact's press threshold. */
#define PRESS 0.6f

/* The window's one-shot commands that are the window's own business. */
static void window_commands(struct run *r, const struct plat_commands *cmd)
{
    if (cmd->toggle_help) r->show_help = !r->show_help;
    if (cmd->toggle_fullscreen) {
        r->fullscreen = !r->fullscreen;
        plat_set_fullscreen(r->plat, r->fullscreen);
    }
    if (r->opts->headless) {
        r->in.width = r->target.width;
        r->in.height = r->target.height;
    } else if (r->in.width != r->target.width || r->in.height != r->target.height) {
        gfx_target_resize(r->gfx, &r->target, r->in.width, r->in.height);
    }
}

static bool pressing(const struct hand_input *h)
{
    return h->active && (h->primary || h->trigger_value >= PRESS);
}

/* A hand that presses or points anew becomes the pointing hand (the HUD's
 * "pointing at", the panels' preference). */
static void track_pointer_hand(struct run *r, const struct hand_input hands[HAND_COUNT])
{
    if (!hands[r->pointer_hand].active)
        for (int h = 0; h < HAND_COUNT; h++)
            if (hands[h].active) r->pointer_hand = h;
    for (int h = 0; h < HAND_COUNT; h++)
        if (pressing(&hands[h]) || hands[h].grip_value >= PRESS) r->pointer_hand = h;
}

/* Whether any hand pressed a button this frame (down now, up before);
 * button picks it from a hand_input. */
static bool any_press(const struct hand_input hands[HAND_COUNT], bool was[HAND_COUNT],
                      bool (*button)(const struct hand_input *))
{
    bool any = false;
    for (int h = 0; h < HAND_COUNT; h++) {
        bool down = hands[h].active && button(&hands[h]);
        any |= down && !was[h];
        was[h] = down;
    }
    return any;
}

static bool menu_button(const struct hand_input *h)
{
    return h->menu;
}

static bool hint_button(const struct hand_input *h)
{
    return h->hint;
}

/* The panels take the hands' pointing and the keys: the start panel, the
 * menu (opened by Esc or a menu button). Returns whether a panel had the
 * input this frame. Transitions go through the state machine; opening and
 * restarting sessions happen here, as the state changes. */
static bool panels_input(struct run *r, const struct hand_input hands[HAND_COUNT],
                         const struct plat_commands *cmd, bool menu_pressed)
{
    float px, py;
    bool pressed[HAND_COUNT];
    for (int k = 0; k < HAND_COUNT; k++) pressed[k] = pressing(&hands[k]);
    int h = app_panels_modal_hand(&r->panels, hands, pressed, r->pointer_hand, &px, &py);
    bool press = h >= 0 && pressed[h];
    bool esc = cmd->menu || menu_pressed;
    switch (r->st.phase) {
    case APP_PHASE_START: {
        struct app_start_input si = {.esc = esc, .text = cmd->text, .backspace = cmd->backspace,
                                     .enter = cmd->enter, .next_mode = cmd->f2, .next_lang = cmd->f3,
                                     .x = px, .y = py, .button = press};
        enum app_start_result sr = app_start_update(&r->start, &si);
        if (sr == APP_START_QUIT) app_state_signal(&r->st, APP_SIG_QUIT);
        if (sr == APP_START_BEGIN && app_state_signal(&r->st, APP_SIG_BEGIN) && !app_begin_session(r)) {
            r->ok = false;
            app_state_signal(&r->st, APP_SIG_ENDED);
        }
        return true;
    }
    case APP_PHASE_WORKSHOP:
        /* The built-in workshop has nothing to pause or restart: Esc quits. */
        if (esc) app_state_signal(&r->st, APP_SIG_MENU);
        return false;
    case APP_PHASE_PLAYING:
    case APP_PHASE_FINISHED:
    case APP_PHASE_MENU: {
        if (r->st.scripted) return false;
        struct app_menu_input mi = {.esc = esc, .text = cmd->text, .enter = cmd->enter, .x = px, .y = py,
                                    .button = press};
        bool was_open = r->menu.open;
        enum app_menu_choice choice = app_menu_update(&r->menu, &mi);
        if (!was_open && r->menu.open) app_state_signal(&r->st, APP_SIG_MENU);
        if (choice == APP_MENU_CONTINUE) app_state_signal(&r->st, APP_SIG_CONTINUE);
        if (choice == APP_MENU_QUIT) app_state_signal(&r->st, APP_SIG_QUIT);
        if (choice == APP_MENU_RESTART && app_state_signal(&r->st, APP_SIG_RESTART) &&
            !app_restart_session(r, r->last_t_us)) {
            r->ok = false;
            app_state_signal(&r->st, APP_SIG_ENDED);
        }
        return was_open || r->menu.open;
    }
    case APP_PHASE_DONE:
    case APP_PHASE_COUNT: break;
    }
    return false;
}

/* The backend says the session is over (the user ended it in the
 * headset's own menu, or the headset went away): say so, and end the run;
 * the record is closed and sealed after the loop as for any other end. */
static void session_state(struct run *r, const struct xr_frame *xf)
{
    if (xf->state != XR_STATE_EXITING && xf->state != XR_STATE_LOST) return;
    r->xr_ended = true;
    if (r->st.phase != APP_PHASE_DONE) {
        const char *why = xr_end_reason(r->xr);
        if (xf->state == XR_STATE_LOST)
            fprintf(stderr, "paja: %s; the session ends here and its record is kept\n",
                    *why ? why : "the headset session was lost");
        else if (*why)
            fprintf(stderr, "paja: %s\n", why);
    }
    app_state_signal(&r->st, APP_SIG_ENDED);
}

/* p moved with the play space from origin `from` to `to`: to * from^-1 * p. */
static void carry(const struct pose *from, const struct pose *to, struct pose *p)
{
    versor inv, q;
    glm_quat_inv((float *)from->orientation, inv);
    vec3 rel, in_play;
    glm_vec3_sub(p->position, (float *)from->position, rel);
    glm_quat_rotatev(inv, rel, in_play);
    glm_quat_rotatev((float *)to->orientation, in_play, p->position);
    glm_vec3_add(p->position, (float *)to->position, p->position);
    glm_quat_mul(inv, p->orientation, q);
    glm_quat_mul((float *)to->orientation, q, p->orientation);
    glm_quat_normalize(p->orientation);
}

/* Moves the play space (xr_set_origin) and this frame's poses with it, so
 * the frame is drawn from where the trainee now stands. */
static void move_play_space(struct run *r, struct xr_frame *xf, struct interact_move *m)
{
    m->seated = r->seated;
    struct pose from, to;
    xr_get_origin(r->xr, &from);
    to = from;
    interact_move_origin(m, &xf->head, &r->start_head, &to);
    xr_set_origin(r->xr, &to);
    carry(&from, &to, &xf->head);
    for (uint32_t v = 0; v < xf->view_count; v++) carry(&from, &to, &xf->views[v].pose);
    for (int h = 0; h < HAND_COUNT; h++) {
        carry(&from, &to, &xf->hands[h].aim);
        carry(&from, &to, &xf->hands[h].grip);
    }
}

/* The first frame the trainee is seen: wherever the tracking space has them
 * stand, they start where the scene's start is, facing its way (a no-op
 * where the backend starts the head there itself: desktop, headless). */
static void place_trainee(struct run *r, struct xr_frame *xf)
{
    if (r->placed || xf->state != XR_STATE_RUNNING) return;
    r->placed = true;
    struct interact_move m = {.recentre = true};
    move_play_space(r, xf, &m);
}

/* Teleport, snap turn and recentre move the play space. */
static void locomotion(struct run *r, struct xr_frame *xf)
{
    struct interact_move m;
    r->loco.floor_y = xf->floor_y;
    interact_locomotion_update(&r->loco, &r->scene, xf->hands, &m);
    if (m.teleport || m.turn != 0.0f || m.recentre) move_play_space(r, xf, &m);
}

/* Pulses where a controller can feel what happened: a grab, a snap into a
 * socket, a violation (both hands, longer). */
static void haptics(struct run *r, const struct ev_queue *q, uint32_t violations_before)
{
    for (size_t i = 0; i < q->n; i++) {
        const struct ev *e = &q->v[i];
        if (e->hand < 0 || e->hand >= HAND_COUNT) continue;
        if (e->type == EV_GRAB) xr_haptic_pulse(r->xr, (enum hand_side)e->hand, 0.3f, 0.03f);
        if (e->type == EV_PLACE) xr_haptic_pulse(r->xr, (enum hand_side)e->hand, 0.7f, 0.06f);
    }
    if (r->sess.violations != violations_before)
        for (int h = 0; h < HAND_COUNT; h++) xr_haptic_pulse(r->xr, (enum hand_side)h, 1.0f, 0.25f);
}

/* --screenshot-each-step: the start, then each completed step as the
 * scripted trainee saw it. */
static bool step_shot_due(const struct run *r)
{
    return r->opts->step_shots && r->st.scripted && r->shots != UINT32_MAX - 1 &&
           (r->frame == 0 || r->sess.steps_completed + 1 != r->shots);
}

static void step_shot(struct run *r)
{
    char err[512], path[1200];
    if (r->shots == 0 && !fs_mkdir_p(r->opts->step_shots, err, sizeof err)) {
        LOG_E("%s", err);
        r->shots = UINT32_MAX - 1; /* once is enough */
        return;
    }
    if (r->shots == 0) snprintf(path, sizeof path, "%s/00-start.png", r->opts->step_shots);
    else snprintf(path, sizeof path, "%s/%02u-%s.png", r->opts->step_shots, r->sess.steps_completed, r->sess.last_step);
    app_write_screenshot(r, path, NULL);
    r->shots = r->sess.steps_completed + 1;
}

bool app_frame(struct run *r)
{
    uint64_t frame_start = clock_mono_ns();
    arena_clear(&r->frame_arena);
    struct ev_queue evq;
    ev_queue_init(&evq, &r->frame_arena);

    /* Poll. */
    struct plat_commands cmd;
    plat_poll(r->plat, &r->in, &cmd);
    window_commands(r, &cmd);
    if (cmd.quit) {
        app_state_signal(&r->st, APP_SIG_ENDED);
        xr_request_exit(r->xr);
    }

    /* The xr frame. A paused scene takes no walking or looking; the cursor
     * and buttons still point at the panel. */
    bool was_paused = app_state_paused(&r->st);
    struct desk_input xin = r->in;
    if (was_paused) {
        memset(xin.key_down, 0, sizeof xin.key_down);
        xin.look_dx = xin.look_dy = 0.0f;
        xin.wheel = 0.0f;
    }
    xr_set_window_input(r->xr, &xin);
    struct xr_frame xf;
    xr_frame_begin(r->xr, &xf);
    session_state(r, &xf);
    place_trainee(r, &xf);
    if (!r->xr_info.has_screen) app_follow_update(&r->follow, &xf.head, (float)xf.dt_us * 1e-6f);
    /* Test hook (off unless PAJA_TEST_TRACE is set): where this frame
     * draws things, for tests that drive the window with X input. */
    app_trace_frame(&r->trace, &(struct app_trace_in){
                                   .frame = &xf, .in = &r->in, .xr = r->xr, .ix = &r->ix, .scene = &r->scene,
                                   .panels = &r->panels, .start = r->st.phase == APP_PHASE_START ? &r->start : NULL,
                                   .menu = &r->menu, .sess = r->sess.sc ? &r->sess : NULL, .clock = &r->clock,
                                   .ui = app_phase_name(r->st.phase), .hand = r->pointer_hand,
                                   .choice = &r->choice});

    /* Panels: whichever hand points at them; a press they take is no press
     * in the scene, until that hand lets go. */
    track_pointer_hand(r, xf.hands);
    bool menu = any_press(xf.hands, r->menu_down, menu_button);
    bool panel = xf.focused && panels_input(r, xf.hands, &cmd, menu);
    bool paused = was_paused || app_state_paused(&r->st) || panel || !xf.focused;
    if (paused)
        for (int h = 0; h < HAND_COUNT; h++)
            if (pressing(&xf.hands[h]) || xf.hands[h].grip_value > 0.0f || xf.hands[h].secondary)
                app_state_spend(&r->st, h);
    app_state_hands(&r->st, xf.hands);
    /* Scenario time is frame time less the time spent paused. */
    xf.time_us = app_clock_frame(&r->clock, xf.time_us, paused);

    /* A script's hand and head replace the backend's; the frame clock is
     * the script's simulated time. */
    bool hint = any_press(xf.hands, r->hint_down, hint_button) || cmd.hint;
    bool script_over = false;
    if (r->st.scripted && r->st.phase != APP_PHASE_DONE) {
        int64_t st = 0;
        if (app_script_frame(&r->script, &r->ix, &r->scene, &r->script_head, xf.hands, &hint, &st)) {
            xf.time_us = st;
            xf.head = r->script_head;
            xf.views[0].pose = r->script_head;
        } else {
            script_over = true;
            app_state_signal(&r->st, APP_SIG_SCRIPT_END);
        }
    }

    /* Interact, locomotion, scenario and record: only while the scene is
     * live (not paused, not over). */
    bool live = !paused && !script_over && r->st.phase != APP_PHASE_DONE;
    if (live && r->sess.sc && !r->sess.started) app_session_start(&r->sess, xf.time_us);
    if (live) {
        /* A held torque wrench is set with its hand's stick, which then
         * does not move the trainee. */
        interact_stick_tools(&r->loco, &r->ix, xf.hands);
        locomotion(r, &xf);
        /* Answers and feature picks on the choice panel, questions opened
         * (app_choice.h); then what interact makes of the hands, then the
         * pickers and zones it implies. */
        if (r->sess.sc)
            app_choice_input(&r->choice, r->sess.sc, r->sess.opts.lang, &r->ix, &xf.head, xf.hands,
                             r->st.scripted ? 0 : app_choice_digit(cmd.text), xf.time_us, &evq);
        interact_update(&r->ix, &r->scene, xf.hands, &xf.head, xf.time_us, &evq);
        if (r->sess.sc)
            app_choice_events(&r->choice, r->sess.sc, r->sess.opts.lang, &r->ix, &r->scene, &xf.head, xf.time_us,
                              &evq);
        if (cmd.wait && r->sess.sc && !r->sess.finished && !r->st.scripted) {
            /* T: a minute passes for the scenario (see APP_WAIT_US); the
             * record says it was waited, not lived. */
            struct ev w = {.type = EV_UI, .t_us = xf.time_us, .hand = -1, .subject = APP_WAIT_SUBJECT,
                           .value = (double)(APP_WAIT_US / 1000000)};
            ev_queue_push(&evq, &w);
            app_clock_wait(&r->clock, APP_WAIT_US);
        }
        for (size_t i = 0; i < evq.n; i++)
            LOG_D("t=%lld %s %s", (long long)evq.v[i].t_us, ev_type_name(evq.v[i].type),
                  evq.v[i].subject ? evq.v[i].subject : "-");
    }
    if (live && r->sess.sc) {
        /* An author's edit to scenario.yaml takes effect in the running session. */
        app_session_poll_reload(&r->sess, xf.time_us, false);
        const struct pose *hand_poses[HAND_COUNT];
        for (int h = 0; h < HAND_COUNT; h++) hand_poses[h] = xf.hands[h].active ? &xf.hands[h].aim : NULL;
        uint32_t violations = r->sess.violations;
        app_session_frame(&r->sess, evq.v, evq.n, hint, xf.time_us, &xf.head, hand_poses, &r->frame_arena);
        haptics(r, &evq, violations);
        if (r->sess.finished) app_state_signal(&r->st, APP_SIG_FINISHED);
        r->last_t_us = xf.time_us;
    }

    /* Draw each view into its target. A scripted run draws only what it
     * shows: its step images and its last frame (a 10-minute wait is
     * thousands of frames of nothing). */
    bool shot = live && step_shot_due(r);
    bool draw = xf.should_render && (!r->st.scripted || shot || script_over);
    if (draw) app_draw_views(r, &xf);
    if (shot && draw) step_shot(r);
    if (cmd.screenshot && draw) {
        char name[64];
        app_screenshot_name(name, sizeof name);
        app_write_screenshot(r, name, NULL);
    }
    /* Submit, then show the window. */
    xr_frame_end(r->xr, &xf);
    if (draw && !r->st.scripted) app_present(r, frame_start);
    r->frame++;
    return r->st.phase != APP_PHASE_DONE;
}

void app_drain_xr(struct run *r)
{
    if (r->xr_ended) return;
    xr_request_exit(r->xr);
    for (uint32_t i = 0; i < XR_EXIT_FRAMES; i++) {
        struct xr_frame xf;
        xr_frame_begin(r->xr, &xf);
        xr_frame_end(r->xr, &xf);
        if (xf.state == XR_STATE_EXITING || xf.state == XR_STATE_LOST) return;
    }
    LOG_W("the headset session did not end within %d frames; closing it anyway", XR_EXIT_FRAMES);
}

/* test_app_panels.c — the session's panels in the world and guided mode's
 * hints, without GL: where the modal canvas lands (on the desktop the
 * cursor's ray must point at the same pixel the cursor is on), where the
 * procedure board stands, where an instrument's reading is written, and
 * which ghosts and probe lines guided mode asks for (none in practice). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "app_guidance.h"
#include "app_panels.h"
#include "app_session.h"

#include "arena.h"
#include "event.h"
#include "fs.h"
#include "pose.h"
#include "xr.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The desktop's cursor ray, through xr's desktop backend, meets the modal
 * canvas at the cursor's own pixel: what the trainee clicks is what the
 * panel's hit test sees, at any window size and head pose. */
static void modal_canvas_is_under_the_cursor(void **state)
{
    (void)state;
    static const int sizes[][2] = {{1280, 720}, {800, 600}, {1920, 1080}};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        int w = sizes[k][0], h = sizes[k][1];
        struct xr_desc d = {.backend = XR_BACKEND_DESKTOP};
        d.start_head.position[1] = 1.65f;
        pose_from_yaw_pitch(0.4f * (float)k, -0.3f, d.start_head.orientation);
        char why[256];
        struct xr *x = xr_create(&d, why, sizeof why);
        assert_non_null(x);
        struct app_panels ps;
        memset(&ps, 0, sizeof ps);
        static const float at[][2] = {{0.5f, 0.5f}, {0.1f, 0.2f}, {0.93f, 0.85f}, {0.02f, 0.97f}};
        for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
            struct desk_input in = {.width = w, .height = h, .cursor_x = at[i][0] * (float)w,
                                    .cursor_y = at[i][1] * (float)h};
            struct xr_frame f;
            xr_set_window_input(x, &in);
            xr_frame_begin(x, &f);
            assert_true(f.hands[HAND_RIGHT].active);
            float vfov = f.views[0].fov.angle_up - f.views[0].fov.angle_down;
            app_panels_modal(&ps, &f.views[0].pose, vfov, 1.0f, w, h);
            float px, py;
            assert_true(app_panels_modal_pointer(&ps, &f.hands[HAND_RIGHT].aim, &px, &py));
            assert_float_equal(px, in.cursor_x, 0.5);
            assert_float_equal(py, in.cursor_y, 0.5);
            xr_frame_end(x, &f);
        }
        /* No modal panel this frame: nothing to point at. */
        app_panels_begin(&ps);
        struct desk_input in = {.width = w, .height = h, .cursor_x = 10, .cursor_y = 10};
        struct xr_frame f;
        xr_set_window_input(x, &in);
        xr_frame_begin(x, &f);
        float px, py;
        assert_false(app_panels_modal_pointer(&ps, &f.hands[HAND_RIGHT].aim, &px, &py));
        assert_float_equal(px, -1.0f, 0.0);
        app_panels_free(&ps);
        xr_destroy(&x);
    }
}

/* The board stands on the floor to the left of the start, facing the
 * start position; a scene's own "Procedure_Board" node wins and gets no
 * second stand. */
static void board_stands_beside_the_start_or_where_the_scene_says(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, "scene", 64 * 1024);
    struct scene s;
    scene_init(&s, &a);
    struct pose head = {.position = {0.0f, 1.65f, 2.6f}};
    pose_from_yaw_pitch(0.0f, glm_rad(-18.0f), head.orientation);
    assert_true(app_panels_add_board_stand(&s, &a, &head));
    assert_false(app_panels_add_board_stand(&s, &a, &head));
    mat4 m;
    app_panels_board_frame(&s, &head, m);
    assert_true(m[3][0] < -1.0f);              /* to the left */
    assert_true(m[3][2] < head.position[2]);  /* ahead */
    assert_true(m[3][1] > 0.8f && m[3][1] < 1.8f);
    /* Its normal points at the start position, level. */
    vec3 to = {head.position[0] - m[3][0], 0.0f, head.position[2] - m[3][2]};
    glm_vec3_normalize(to);
    assert_float_equal(glm_vec3_dot(to, m[2]), 1.0, 1e-4);
    assert_float_equal(m[1][1], 1.0, 1e-5);
    /* The stand's parts reach down to the floor. */
    uint32_t b = scene_node_find(&s, "Procedure_Board");
    float lowest = 10.0f;
    for (uint32_t i = 0; i < s.node_count; i++) {
        if (s.nodes[i].parent != b || s.nodes[i].mesh == SCENE_NO_MESH) continue;
        vec3 lo, hi;
        assert_true(scene_node_bounds(&s, i, lo, hi));
        if (lo[1] < lowest) lowest = lo[1];
    }
    assert_float_equal(lowest, 0.0, 0.01);

    /* A scene that places the board itself. */
    struct scene s2;
    scene_init(&s2, &a);
    uint32_t n = scene_node_add(&s2, SCENE_NO_PARENT, "Procedure_Board");
    glm_vec3_copy((vec3){5.0f, 1.5f, -2.0f}, s2.nodes[n].translation);
    scene_update_world(&s2);
    assert_false(app_panels_add_board_stand(&s2, &a, &head));
    app_panels_board_frame(&s2, &head, m);
    assert_float_equal(m[3][0], 5.0, 1e-6);
    assert_float_equal(m[3][2], -2.0, 1e-6);
    arena_fini(&a);
}

/* ---- a tiny scenario and scene for the display and the guidance ---- */

static const char SCENARIO[] =
    "id: panels-test\n"
    "version: \"1\"\n"
    "title: {fi: Testi, en: Test, sv: Test}\n"
    "objects:\n"
    "  - {id: hv.plug, node: Plug, caps: [grabbable]}\n"
    "  - {id: hv.port, node: Port, caps: [socket], accepts: [hv.plug]}\n"
    "  - {id: tool.tester, node: Tester, caps: [grabbable, tool], tool: voltmeter,\n"
    "     readings: [{at: hv.pos_neg, value: \"0.2\", unit: V}]}\n"
    "steps:\n"
    "  - group: work\n"
    "    order: any\n"
    "    steps:\n"
    "      - id: plug_in\n"
    "        text: {fi: Kytke., en: Plug in., sv: Koppla.}\n"
    "        done_on: {event: place, subject: hv.plug, target: hv.port}\n"
    "      - id: measure\n"
    "        text: {fi: Mittaa., en: Measure., sv: Mät.}\n"
    "        done_on: {event: use, subject: tool.tester, target: hv.pos_neg}\n"
    "rubric: {pass_mark: 80}\n";

struct fx {
    struct arena arena, frame;
    struct scene scene;
    struct scenario *sc;
    struct scenario_session *run;
    struct interact ix;
    struct gfx_mesh meshes[32];
};

static uint32_t box(struct fx *f, uint32_t parent, const char *name, float x, float y, float z, float sx, float sy,
                    float sz)
{
    uint32_t n = scene_node_add(&f->scene, parent, name);
    struct mesh_data m = scene_mesh_box(&f->arena, sx, sy, sz);
    f->scene.nodes[n].mesh = scene_mesh_add(&f->scene, &m);
    glm_vec3_copy((vec3){x, y, z}, f->scene.nodes[n].translation);
    return n;
}

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    arena_init(&f->arena, "fx", 256 * 1024);
    arena_init(&f->frame, "frame", 64 * 1024);
    scene_init(&f->scene, &f->arena);
    box(f, SCENE_NO_PARENT, "Plug", 0.5f, 1.0f, 0.0f, 0.05f, 0.05f, 0.05f);
    box(f, SCENE_NO_PARENT, "Port", -0.5f, 1.0f, 0.0f, 0.1f, 0.02f, 0.1f);
    uint32_t t = box(f, SCENE_NO_PARENT, "Tester", 0.0f, 1.0f, 0.5f, 0.08f, 0.03f, 0.16f);
    box(f, t, "Tester_Display", 0.0f, 0.02f, -0.03f, 0.05f, 0.004f, 0.04f);
    box(f, t, "Tester_Tip_Red", 0.03f, 0.0f, -0.1f, 0.005f, 0.005f, 0.005f);
    box(f, t, "Tester_Tip_Black", -0.03f, 0.0f, -0.1f, 0.005f, 0.005f, 0.005f);
    uint32_t p = scene_node_add(&f->scene, SCENE_NO_PARENT, "hv.pos_neg");
    glm_vec3_copy((vec3){0.0f, 0.8f, -1.0f}, f->scene.nodes[p].translation);
    box(f, p, "hv.pos_neg_A", 0.05f, 0.0f, 0.0f, 0.01f, 0.01f, 0.01f);
    box(f, p, "hv.pos_neg_B", -0.05f, 0.0f, 0.0f, 0.01f, 0.01f, 0.01f);
    scene_update_world(&f->scene);
    for (uint32_t i = 0; i < 32; i++) f->meshes[i].id = i + 1;

    struct scenario_diags d;
    scenario_diags_init(&d);
    f->sc = scenario_load_text(SCENARIO, sizeof SCENARIO - 1, "panels.yaml", &d);
    scenario_diags_print(&d, stderr);
    scenario_diags_fini(&d);
    assert_non_null(f->sc);
    interact_init(&f->ix);
    f->ix.mode = INTERACT_MODE_CLICK;
    struct app_objects objs;
    app_objects_build(f->sc, &f->scene, &f->arena, &objs);
    assert_int_equal(objs.missing, 0);
    interact_set_objects(&f->ix, &f->scene, objs.v, objs.n, NULL, 0, &f->arena);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    scenario_session_destroy(&f->run);
    scenario_free(&f->sc);
    arena_fini(&f->frame);
    arena_fini(&f->arena);
    free(f);
    return 0;
}

static void start(struct fx *f, enum scenario_mode mode)
{
    struct scenario_session_opts o = {.mode = mode, .lang = SCENARIO_LANG_EN, .seed = 1};
    f->run = scenario_session_create(f->sc, &o);
    struct ev_queue q;
    ev_queue_init(&q, &f->frame);
    scenario_session_start(f->run, 0, &q);
}

static void hold(struct fx *f, const char *id)
{
    uint32_t o = interact_object_find(&f->ix, id);
    assert_int_not_equal(o, INTERACT_NONE);
    f->ix.hands[HAND_RIGHT].held = o;
}

/* Guided mode outlines the step's nodes; holding the plug: one ghost,
 * where placing it would put it; holding the tester: a line from each
 * probe tip to each pole. */
static void guided_mode_shows_ghost_and_probe_lines(void **state)
{
    struct fx *f = *state;
    start(f, SCENARIO_MODE_GUIDED);
    struct app_guidance g;
    app_guidance_build(&g, f->run, SCENARIO_MODE_GUIDED, &f->ix, &f->scene, f->meshes, NULL, &f->frame);
    assert_int_equal(g.ghost_n + g.line_n + g.outlined_n, 0); /* empty hand: nothing */
    /* The nodes the step names are outlined, each mesh where it is. */
    bool guided[32] = {false};
    uint32_t port = scene_node_find(&f->scene, "Port");
    guided[port] = true;
    app_guidance_build(&g, f->run, SCENARIO_MODE_GUIDED, &f->ix, &f->scene, f->meshes, guided, &f->frame);
    assert_int_equal(g.outlined_n, 1);
    assert_int_equal(g.outlined[0].mesh.id, f->meshes[f->scene.nodes[port].mesh].id);
    assert_float_equal(g.outlined[0].world_from_model[3][0], -0.5, 1e-6);

    hold(f, "hv.plug");
    app_guidance_build(&g, f->run, SCENARIO_MODE_GUIDED, &f->ix, &f->scene, f->meshes, NULL, &f->frame);
    assert_int_equal(g.ghost_n, 1);
    assert_int_equal(g.line_n, 0);
    mat4 landing;
    assert_true(interact_socket_landing(&f->ix, &f->scene, interact_object_find(&f->ix, "hv.port"),
                                        interact_object_find(&f->ix, "hv.plug"), landing));
    for (int c = 0; c < 4; c++)
        for (int r = 0; r < 4; r++) assert_float_equal(g.ghosts[0].world_from_model[c][r], landing[c][r], 1e-5);
    assert_int_equal(g.ghosts[0].material->alpha_mode, GFX_ALPHA_BLEND);
    assert_true(g.ghosts[0].material->base_color[3] < 0.6f);

    hold(f, "tool.tester");
    app_guidance_build(&g, f->run, SCENARIO_MODE_GUIDED, &f->ix, &f->scene, f->meshes, NULL, &f->frame);
    assert_int_equal(g.ghost_n, 0);
    assert_int_equal(g.line_n, 2);
    const struct scene_node *n = f->scene.nodes;
    uint32_t red = scene_node_find(&f->scene, "Tester_Tip_Red"), a = scene_node_find(&f->scene, "hv.pos_neg_A");
    uint32_t black = scene_node_find(&f->scene, "Tester_Tip_Black"), b = scene_node_find(&f->scene, "hv.pos_neg_B");
    assert_float_equal(g.lines[0].a[0], n[red].world[3][0], 1e-6);
    assert_float_equal(g.lines[0].b[0], n[a].world[3][0], 1e-6);
    assert_float_equal(g.lines[1].a[0], n[black].world[3][0], 1e-6);
    assert_float_equal(g.lines[1].b[0], n[b].world[3][0], 1e-6);
    assert_float_equal(g.lines[1].b[2], -1.0, 1e-6);
}

/* Practice and exam: no outlines, ghosts or lines, whatever is held. */
static void practice_and_exam_show_no_hints(void **state)
{
    struct fx *f = *state;
    start(f, SCENARIO_MODE_PRACTICE);
    struct app_guidance g;
    bool guided[32] = {false};
    guided[scene_node_find(&f->scene, "Port")] = true;
    hold(f, "hv.plug");
    app_guidance_build(&g, f->run, SCENARIO_MODE_PRACTICE, &f->ix, &f->scene, f->meshes, guided, &f->frame);
    assert_int_equal(g.ghost_n + g.line_n + g.outlined_n, 0);
    hold(f, "tool.tester");
    app_guidance_build(&g, f->run, SCENARIO_MODE_EXAM, &f->ix, &f->scene, f->meshes, guided, &f->frame);
    assert_int_equal(g.ghost_n + g.line_n + g.outlined_n, 0);
}

/* A reading lands on the top face of the instrument's display node, and
 * only when there is one. */
static void reading_is_written_on_the_display(void **state)
{
    struct fx *f = *state;
    char ttf_err[256];
    size_t size = 0;
    char *ttf = fs_read_all(PAJA_FONT_PATH, &f->arena, &size, ttf_err, sizeof ttf_err);
    if (!ttf) skip();
    struct ui_font font;
    assert_true(ui_font_init(&font, (const uint8_t *)ttf, size, 32.0f, ttf_err, sizeof ttf_err));
    struct app_session s;
    memset(&s, 0, sizeof s);
    s.reading.have = true;
    snprintf(s.reading.tool, sizeof s.reading.tool, "tool.tester");
    snprintf(s.reading.text, sizeof s.reading.text, "0.2 V");
    struct app_panels ps;
    memset(&ps, 0, sizeof ps);
    app_panels_display(&ps, &font, &s, &f->scene, "Tester");
    const struct app_world_text *d = &ps.p[APP_PANEL_DISPLAY];
    assert_true(d->on);
    assert_false(d->on_top);
    assert_true(d->q.n > 3);
    /* The text's centre is over the display's centre, on its top face. */
    vec3 c;
    ui_world_panel_point(&d->at, 0.5f * d->at.width_px, 0.5f * d->at.height_px, c);
    const struct scene_node *disp = &f->scene.nodes[scene_node_find(&f->scene, "Tester_Display")];
    assert_float_equal(c[0], disp->world[3][0], 1e-4);
    assert_float_equal(c[2], disp->world[3][2], 1e-4);
    assert_float_equal(c[1], disp->world[3][1] + 0.002f + 0.0005f, 1e-4);
    /* It fits on the face (0.05 x 0.04 m). */
    assert_true(d->at.width_px * d->at.metres_per_px <= 0.05f);
    assert_true(d->at.height_px * d->at.metres_per_px <= 0.04f);
    /* Facing up. */
    assert_float_equal(d->at.world_from_panel[2][1], 1.0, 1e-5);

    /* No display node (the plug): nothing is drawn; no reading: nothing. */
    app_panels_begin(&ps);
    app_panels_display(&ps, &font, &s, &f->scene, "Plug");
    assert_false(ps.p[APP_PANEL_DISPLAY].on);
    s.reading.have = false;
    app_panels_display(&ps, &font, &s, &f->scene, "Tester");
    assert_false(ps.p[APP_PANEL_DISPLAY].on);
    app_panels_free(&ps);
    ui_font_fini(&font);
}

/* A panel is used with either hand: the one whose ray meets it, the one
 * pressing before one merely pointing, else the hand that pointed last. */
static void either_hand_uses_the_modal_panel(void **state)
{
    (void)state;
    struct app_panels ps;
    memset(&ps, 0, sizeof ps);
    struct pose head;
    pose_identity(&head);
    head.position[1] = 1.6f;
    app_panels_modal(&ps, &head, glm_rad(44.0f), 1.0f, 1280, 720);
    struct hand_input hands[HAND_COUNT];
    memset(hands, 0, sizeof hands);
    bool pressed[HAND_COUNT] = {false, false};
    float x, y;
    assert_int_equal(app_panels_modal_hand(&ps, hands, pressed, HAND_RIGHT, &x, &y), -1);
    assert_float_equal(x, -1.0f, 0.0f);
    /* The left hand aims at the panel's middle, the right at the floor. */
    for (int h = 0; h < HAND_COUNT; h++) {
        hands[h].active = true;
        glm_vec3_copy((vec3){h == HAND_LEFT ? -0.2f : 0.2f, 1.3f, -0.3f}, hands[h].aim.position);
    }
    glm_quat_from_vecs((vec3){0, 0, -1}, (vec3){0.2f, 0.3f, -0.7f}, hands[HAND_LEFT].aim.orientation);
    glm_quat_from_vecs((vec3){0, 0, -1}, (vec3){0.0f, -1.0f, 0.0f}, hands[HAND_RIGHT].aim.orientation);
    assert_int_equal(app_panels_modal_hand(&ps, hands, pressed, HAND_RIGHT, &x, &y), HAND_LEFT);
    assert_true(x > 0.0f && x < 1280.0f && y > 0.0f && y < 720.0f);
    /* Both on it: the one pressing wins over the preferred one. */
    hands[HAND_RIGHT].aim = hands[HAND_LEFT].aim;
    hands[HAND_RIGHT].aim.position[0] = 0.2f;
    assert_int_equal(app_panels_modal_hand(&ps, hands, pressed, HAND_RIGHT, &x, &y), HAND_RIGHT);
    pressed[HAND_LEFT] = true;
    assert_int_equal(app_panels_modal_hand(&ps, hands, pressed, HAND_RIGHT, &x, &y), HAND_LEFT);
    app_panels_free(&ps);
}

/* The headset's panels follow lazily: a glance aside or a step leaves them
 * where they stand; a turn past the threshold brings them back in front,
 * level, within a second of frames, and then they rest again. */
static void panels_follow_the_head_lazily(void **state)
{
    (void)state;
    struct app_follow f;
    memset(&f, 0, sizeof f);
    struct pose head;
    glm_vec3_copy((vec3){0.0f, 1.6f, 0.0f}, head.position);
    pose_from_yaw_pitch(0.0f, -0.4f, head.orientation);
    app_follow_update(&f, &head, 0.011f);
    assert_true(f.placed);
    vec3 fwd;
    pose_forward(&f.at, fwd);
    assert_float_equal(fwd[1], 0.0f, 1e-5f); /* level, whatever the pitch */
    /* 15 degrees aside and 20 cm over: nothing moves. */
    pose_from_yaw_pitch(glm_rad(15.0f), 0.0f, head.orientation);
    head.position[0] = 0.2f;
    for (int i = 0; i < 90; i++) app_follow_update(&f, &head, 0.011f);
    pose_forward(&f.at, fwd);
    assert_float_equal(fwd[0], 0.0f, 1e-5f);
    assert_float_equal(f.at.position[0], 0.0f, 1e-6f);
    /* 60 degrees: it comes round, and settles. */
    pose_from_yaw_pitch(glm_rad(60.0f), 0.0f, head.orientation);
    app_follow_update(&f, &head, 0.011f);
    assert_true(f.moving);
    for (int i = 0; i < 90; i++) app_follow_update(&f, &head, 0.011f);
    assert_false(f.moving);
    pose_forward(&f.at, fwd);
    assert_float_equal(atan2f(-fwd[0], -fwd[2]), glm_rad(60.0f), glm_rad(2.5f));
    assert_float_equal(f.at.position[0], 0.2f, 0.02f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(modal_canvas_is_under_the_cursor),
        cmocka_unit_test(board_stands_beside_the_start_or_where_the_scene_says),
        cmocka_unit_test(panels_follow_the_head_lazily),
        cmocka_unit_test(either_hand_uses_the_modal_panel),
        cmocka_unit_test_setup_teardown(guided_mode_shows_ghost_and_probe_lines, setup, teardown),
        cmocka_unit_test_setup_teardown(practice_and_exam_show_no_hints, setup, teardown),
        cmocka_unit_test_setup_teardown(reading_is_written_on_the_display, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

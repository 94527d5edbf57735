/* test_interact_fixture.h — a small workshop for the interact tests, shared
 * by test_interact_grab.c and test_interact_tool.c (each has its own main).
 *
 * World layout (metres, all boxes centred on their node):
 *   bench     (0, 0, -2), turned 90° about Y, scale 2, no mesh
 *     plug    child of bench at local (0, 0.25, 0) -> world (0, 0.5, -2); box 0.1 (0.2 in world)
 *   port      (1, 0.5, -2), turned 90° about Y; socket for plug; 1 cm / 10°
 *   lockbox   (-1, 0.5, -2), box 0.3; socket for plug and key; 5 cm, any angle
 *   key       (0.5, 0.5, -1), box 0.05
 *   gloves    (-0.5, 0.5, -1), box 0.1; wearable, inspectable: air_test (whole),
 *     stamp   on top at local (0, 0.06, 0), box 0.02: feature date_stamp
 *   shield    (1, 1.5, -1), box 0.1; wearable
 *   button    (0, 1.5, -1), box 0.05; switch
 *   tester    (2, 0.5, -1), box 0.05; meter with tips at local (-0.05|0.05, -0.1, 0)
 *   points    hv.pos (3,0,-3), hv.neg (3.1,0,-3), chassis (3.2,0,-3): boxes 0.02;
 *             ref (5,0,-3): box 0.3; pos_neg_zone (4, 0.5, -1): box 0.1
 *   wrench    (-2, 0.5, -1), box 0.05; torque, tip at local (0, -0.1, 0);
 *             setting 20 Nm, 5..60, 0.5 per scroll unit
 *   bolt      (-2, 0, -3), box 0.02; point
 *   floor     (0, -1.5, -1), box 2 (top at y = -0.5); scenery, no object
 * The head is at (0, 1.6, 0). */
#ifndef TEST_INTERACT_FIXTURE_H
#define TEST_INTERACT_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "arena.h"
#include "interact.h"
#include "pose.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum {
    O_PLUG, O_PORT, O_LOCKBOX, O_KEY, O_GLOVES, O_SHIELD, O_BUTTON, O_TESTER, O_POS, O_NEG, O_CHASSIS, O_REF,
    O_POS_NEG, O_WRENCH, O_BOLT, O_COUNT
};

struct fixture {
    struct arena arena;
    struct scene scene;
    struct ev_queue q;
    struct interact ix;
    struct hand_input hands[HAND_COUNT];
    struct pose head;
    int64_t t;
    uint32_t n_bench, n_plug, n_port, n_lockbox, n_key, n_gloves, n_stamp, n_shield, n_button, n_tester, n_tip_red,
        n_tip_black, n_wrench, n_wrench_tip, n_bolt, n_pos_neg, n_floor;
    struct interact_object objs[O_COUNT];
    struct interact_feature glove_features[2];
    struct interact_pair pairs[1];
};

static const char *const PLUG_ONLY[] = {"hv.service_plug"};
static const char *const LOCKBOX_ACCEPTS[] = {"hv.service_plug", "vehicle.key"};

static inline uint32_t fx_box(struct fixture *f, uint32_t parent, const char *name, float size, float x, float y,
                              float z)
{
    struct mesh_data box = scene_mesh_box(&f->arena, size, size, size);
    uint32_t n = scene_node_add(&f->scene, parent, name);
    if (size > 0.0f) f->scene.nodes[n].mesh = scene_mesh_add(&f->scene, &box);
    f->scene.nodes[n].translation[0] = x;
    f->scene.nodes[n].translation[1] = y;
    f->scene.nodes[n].translation[2] = z;
    return n;
}

static inline void fx_turn_y(struct fixture *f, uint32_t n, float degrees)
{
    glm_quatv(f->scene.nodes[n].rotation, glm_rad(degrees), (vec3){0.0f, 1.0f, 0.0f});
}

static inline void fx_describe(struct fixture *f)
{
    struct interact_object *o = f->objs;
    memset(o, 0, sizeof f->objs);
    for (int i = 0; i < O_COUNT; i++) o[i].tips[0] = o[i].tips[1] = SCENE_NOT_FOUND;
    o[O_PLUG] = (struct interact_object){.id = "hv.service_plug", .node = f->n_plug, .caps = INTERACT_CAP_GRABBABLE,
                                         .tips = {SCENE_NOT_FOUND, SCENE_NOT_FOUND}};
    o[O_PORT] = (struct interact_object){.id = "hv.plug_port", .node = f->n_port, .caps = INTERACT_CAP_SOCKET,
                                         .accepts = PLUG_ONLY, .accept_count = 1, .tol_position = 0.01f,
                                         .tol_angle = glm_rad(10.0f), .tips = {SCENE_NOT_FOUND, SCENE_NOT_FOUND}};
    o[O_LOCKBOX] = (struct interact_object){.id = "cabinet.lockbox", .node = f->n_lockbox, .caps = INTERACT_CAP_SOCKET,
                                            .accepts = LOCKBOX_ACCEPTS, .accept_count = 2, .tol_position = 0.05f,
                                            .tol_angle = (float)GLM_PI, .tips = {SCENE_NOT_FOUND, SCENE_NOT_FOUND}};
    o[O_KEY] = (struct interact_object){.id = "vehicle.key", .node = f->n_key, .caps = INTERACT_CAP_GRABBABLE,
                                        .tips = {SCENE_NOT_FOUND, SCENE_NOT_FOUND}};
    f->glove_features[0] = (struct interact_feature){"air_test", SCENE_NOT_FOUND};
    f->glove_features[1] = (struct interact_feature){"date_stamp", f->n_stamp};
    o[O_GLOVES] = (struct interact_object){
        .id = "ppe.gloves", .node = f->n_gloves,
        .caps = INTERACT_CAP_GRABBABLE | INTERACT_CAP_WEARABLE | INTERACT_CAP_INSPECTABLE,
        .features = f->glove_features, .feature_count = 2, .tips = {SCENE_NOT_FOUND, SCENE_NOT_FOUND}};
    o[O_SHIELD] = (struct interact_object){.id = "ppe.face_shield", .node = f->n_shield,
                                           .caps = INTERACT_CAP_GRABBABLE | INTERACT_CAP_WEARABLE,
                                           .tips = {SCENE_NOT_FOUND, SCENE_NOT_FOUND}};
    o[O_BUTTON] = (struct interact_object){.id = "vehicle.ignition", .node = f->n_button, .caps = INTERACT_CAP_SWITCH,
                                           .tips = {SCENE_NOT_FOUND, SCENE_NOT_FOUND}};
    o[O_TESTER] = (struct interact_object){.id = "tool.tester", .node = f->n_tester,
                                           .caps = INTERACT_CAP_GRABBABLE | INTERACT_CAP_TOOL,
                                           .tool = INTERACT_TOOL_METER, .tips = {f->n_tip_red, f->n_tip_black}};
    const char *pnames[] = {"hv.pos", "hv.neg", "chassis", "ref.proving_unit", "hv.pos_neg"};
    for (int i = 0; i < 5; i++)
        o[O_POS + i] = (struct interact_object){.id = pnames[i], .node = f->n_bolt + 1u + (uint32_t)i,
                                                .caps = INTERACT_CAP_POINT, .tips = {SCENE_NOT_FOUND, SCENE_NOT_FOUND}};
    o[O_WRENCH] = (struct interact_object){.id = "tool.torque_wrench", .node = f->n_wrench,
                                           .caps = INTERACT_CAP_GRABBABLE | INTERACT_CAP_TOOL,
                                           .tool = INTERACT_TOOL_TORQUE, .tips = {f->n_wrench_tip, SCENE_NOT_FOUND},
                                           .setting = 20.0f, .setting_min = 5.0f, .setting_max = 60.0f,
                                           .setting_step = 0.5f, .unit = "Nm"};
    o[O_BOLT] = (struct interact_object){.id = "hv.terminal_bolt", .node = f->n_bolt, .caps = INTERACT_CAP_POINT,
                                         .tips = {SCENE_NOT_FOUND, SCENE_NOT_FOUND}};
    f->pairs[0] = (struct interact_pair){"hv.pos", "hv.neg", "hv.pos_neg"};
}

static inline int fx_setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    arena_init(&f->arena, "interact-test", 0);
    scene_init(&f->scene, &f->arena);
    f->n_bench = fx_box(f, SCENE_NO_PARENT, "bench", 0.0f, 0.0f, 0.0f, -2.0f);
    fx_turn_y(f, f->n_bench, 90.0f);
    glm_vec3_fill(f->scene.nodes[f->n_bench].scale, 2.0f);
    f->n_plug = fx_box(f, f->n_bench, "plug", 0.1f, 0.0f, 0.25f, 0.0f);
    f->n_port = fx_box(f, SCENE_NO_PARENT, "port", 0.05f, 1.0f, 0.5f, -2.0f);
    fx_turn_y(f, f->n_port, 90.0f);
    f->n_lockbox = fx_box(f, SCENE_NO_PARENT, "lockbox", 0.3f, -1.0f, 0.5f, -2.0f);
    f->n_key = fx_box(f, SCENE_NO_PARENT, "key", 0.05f, 0.5f, 0.5f, -1.0f);
    f->n_gloves = fx_box(f, SCENE_NO_PARENT, "gloves", 0.1f, -0.5f, 0.5f, -1.0f);
    f->n_stamp = fx_box(f, f->n_gloves, "stamp", 0.02f, 0.0f, 0.06f, 0.0f);
    f->n_shield = fx_box(f, SCENE_NO_PARENT, "shield", 0.1f, 1.0f, 1.5f, -1.0f);
    f->n_button = fx_box(f, SCENE_NO_PARENT, "button", 0.05f, 0.0f, 1.5f, -1.0f);
    f->n_tester = fx_box(f, SCENE_NO_PARENT, "tester", 0.05f, 2.0f, 0.5f, -1.0f);
    f->n_tip_red = fx_box(f, f->n_tester, "tip_red", 0.0f, -0.05f, -0.1f, 0.0f);
    f->n_tip_black = fx_box(f, f->n_tester, "tip_black", 0.0f, 0.05f, -0.1f, 0.0f);
    f->n_wrench = fx_box(f, SCENE_NO_PARENT, "wrench", 0.05f, -2.0f, 0.5f, -1.0f);
    f->n_wrench_tip = fx_box(f, f->n_wrench, "wrench_tip", 0.0f, 0.0f, -0.1f, 0.0f);
    /* Points follow the bolt in this order (fx_describe relies on it). */
    f->n_bolt = fx_box(f, SCENE_NO_PARENT, "bolt", 0.02f, -2.0f, 0.0f, -3.0f);
    fx_box(f, SCENE_NO_PARENT, "hv_pos", 0.02f, 3.0f, 0.0f, -3.0f);
    fx_box(f, SCENE_NO_PARENT, "hv_neg", 0.02f, 3.1f, 0.0f, -3.0f);
    fx_box(f, SCENE_NO_PARENT, "chassis", 0.02f, 3.2f, 0.0f, -3.0f);
    fx_box(f, SCENE_NO_PARENT, "ref", 0.3f, 5.0f, 0.0f, -3.0f);
    f->n_pos_neg = fx_box(f, SCENE_NO_PARENT, "pos_neg_zone", 0.1f, 4.0f, 0.5f, -1.0f);
    f->n_floor = fx_box(f, SCENE_NO_PARENT, "floor", 2.0f, 0.0f, -1.5f, -1.0f);
    scene_update_world(&f->scene);
    ev_queue_init(&f->q, &f->arena);
    interact_init(&f->ix);
    fx_describe(f);
    assert_true(interact_set_objects(&f->ix, &f->scene, f->objs, O_COUNT, f->pairs, 1, &f->arena));
    for (int h = 0; h < HAND_COUNT; h++) {
        pose_identity(&f->hands[h].aim);
        pose_identity(&f->hands[h].grip);
    }
    pose_identity(&f->head);
    f->head.position[1] = 1.6f;
    *state = f;
    return 0;
}

static inline int fx_teardown(void **state)
{
    struct fixture *f = *state;
    arena_fini(&f->arena);
    free(f);
    return 0;
}

/* Puts hand h at `from`, aim and grip both pointing at `at`. */
static inline void fx_point(struct fixture *f, int h, float fx, float fy, float fz, float ax, float ay, float az)
{
    struct hand_input *in = &f->hands[h];
    in->active = true;
    vec3 from = {fx, fy, fz}, dir = {ax - fx, ay - fy, az - fz};
    glm_vec3_normalize(dir);
    glm_vec3_copy(from, in->aim.position);
    glm_quat_from_vecs((vec3){0.0f, 0.0f, -1.0f}, dir, in->aim.orientation);
    in->grip = in->aim;
}

/* Moves hand h by a world offset, orientation unchanged. */
static inline void fx_move(struct fixture *f, int h, float dx, float dy, float dz)
{
    vec3 d = {dx, dy, dz};
    glm_vec3_add(f->hands[h].aim.position, d, f->hands[h].aim.position);
    glm_vec3_add(f->hands[h].grip.position, d, f->hands[h].grip.position);
}

/* Runs one frame; returns the queue length before it. */
static inline size_t fx_frame(struct fixture *f)
{
    size_t n0 = f->q.n;
    f->t += 11111;
    interact_update(&f->ix, &f->scene, f->hands, &f->head, f->t, &f->q);
    f->hands[HAND_LEFT].scroll = f->hands[HAND_RIGHT].scroll = 0.0f;
    return n0;
}

/* The k-th event other than hover since index from, or NULL. */
static inline const struct ev *fx_ev(const struct fixture *f, size_t from, size_t k)
{
    for (size_t i = from; i < f->q.n; i++) {
        if (f->q.v[i].type == EV_HOVER) continue;
        if (k-- == 0) return &f->q.v[i];
    }
    return NULL;
}

static inline size_t fx_count(const struct fixture *f, size_t from)
{
    size_t n = 0;
    for (size_t i = from; i < f->q.n; i++) n += f->q.v[i].type != EV_HOVER;
    return n;
}

/* Asserts the k-th non-hover event since from: type, subject, target. */
static inline void fx_expect(const struct fixture *f, size_t from, size_t k, enum ev_type type, const char *subject,
                             const char *target)
{
    const struct ev *e = fx_ev(f, from, k);
    assert_non_null(e);
    assert_string_equal(ev_type_name(e->type), ev_type_name(type));
    if (subject) assert_string_equal(e->subject, subject);
    else assert_null(e->subject);
    if (target) assert_string_equal(e->target, target);
    else assert_null(e->target);
}

static inline void fx_world_pos(const struct fixture *f, uint32_t node, vec3 out)
{
    out[0] = f->scene.nodes[node].world[3][0];
    out[1] = f->scene.nodes[node].world[3][1];
    out[2] = f->scene.nodes[node].world[3][2];
}

static inline void fx_assert_vec3(const vec3 a, float x, float y, float z, float eps)
{
    assert_float_equal(a[0], x, eps);
    assert_float_equal(a[1], y, eps);
    assert_float_equal(a[2], z, eps);
}

/* Squeeze (1) or let go (0) the grip of hand h and run a frame. */
static inline size_t fx_grip(struct fixture *f, int h, float v)
{
    f->hands[h].grip_value = v;
    return fx_frame(f);
}

/* A full click (button down for one frame, then up) on hand h; returns the
 * queue length before the press. */
static inline size_t fx_click(struct fixture *f, int h)
{
    f->hands[h].primary = true;
    size_t n0 = fx_frame(f);
    f->hands[h].primary = false;
    fx_frame(f);
    return n0;
}

#endif

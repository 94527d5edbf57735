/* test_app_choice.c — the trainee's pickers and hand-free actions through
 * the input path (engine/app/app_choice.c) with controllers: interact in
 * hold mode, both hands, a question answered on its world panel with a ray
 * and the trigger, a feature picked after B/Y on an object with several
 * features, number keys, closing the panel, and a zone walked into. CPU only: no window, no GL. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "app_choice.h"
#include "app_session.h"
#include "arena.h"
#include "pose.h"
#include "scene.h"

#include <string.h>

static const char SCENARIO[] =
    "id: choice-test\n"
    "version: \"1\"\n"
    "title: {fi: Testi, en: Test, sv: Test}\n"
    "objects:\n"
    "  - id: gloves\n"
    "    node: Gloves\n"
    "    caps: [grabbable, wearable, inspectable]\n"
    "    features: [air_test, {id: date_stamp, name: {fi: Päiväys, en: Date stamp, sv: Datum}}]\n"
    "  - id: q.permit\n"
    "    node: Permit\n"
    "    caps: [question]\n"
    "    prompt: {fi: \"Aloitetaanko?\", en: \"Begin?\", sv: \"Börja?\"}\n"
    "    choices: [{id: begin, text: {fi: Kyllä, en: \"Yes\", sv: Ja}}, {id: wait, text: {fi: Ei, en: \"No\", sv: Nej}}]\n"
    "  - {id: area, node: Area, caps: [zone]}\n"
    "steps:\n"
    "  - {id: s1, text: {fi: x, en: x, sv: x}, done_on: {event: answer, subject: q.permit, target: begin}}\n"
    "rubric: {pass_mark: 80}\n";

struct fx {
    struct arena arena, frame;
    struct scene scene;
    struct scenario *sc;
    struct interact ix;
    struct app_choice c;
    struct pose head;
    struct hand_input hands[HAND_COUNT];
    struct ev_queue q;
    int64_t t;
};

static int setup(void **state)
{
    static struct fx f;
    memset(&f, 0, sizeof f);
    arena_init(&f.arena, "test", 64 * 1024);
    arena_init(&f.frame, "frame", 16 * 1024);
    scene_init(&f.scene, &f.arena);
    struct scenario_diags d;
    scenario_diags_init(&d);
    f.sc = scenario_load_text(SCENARIO, sizeof SCENARIO - 1, "choice.yaml", &d);
    if (!f.sc) scenario_diags_print(&d, stderr);
    scenario_diags_fini(&d);
    if (!f.sc) return -1;
    app_scene_add_placeholders(&f.scene, &f.arena, f.sc);
    struct app_objects o;
    app_objects_build(f.sc, &f.scene, &f.arena, &o);
    interact_init(&f.ix);
    f.ix.mode = INTERACT_MODE_HOLD; /* controllers */
    interact_set_objects(&f.ix, &f.scene, o.v, o.n, NULL, 0, &f.arena);
    f.head = (struct pose){.position = {0.35f, 1.6f, 2.6f}, .orientation = {0, 0, 0, 1}};
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    app_choice_free(&f->c);
    scenario_free(&f->sc);
    arena_fini(&f->frame);
    arena_fini(&f->arena);
    return 0;
}

/* One frame of the loop's order: choice input, interact, choice events. */
static void frame(struct fx *f, int digit)
{
    f->t += 11111;
    arena_clear(&f->frame);
    ev_queue_init(&f->q, &f->frame);
    struct hand_input h[HAND_COUNT];
    memcpy(h, f->hands, sizeof h);
    app_choice_input(&f->c, f->sc, SCENARIO_LANG_EN, &f->ix, &f->head, h, digit, f->t, &f->q);
    interact_update(&f->ix, &f->scene, h, &f->head, f->t, &f->q);
    app_choice_events(&f->c, f->sc, SCENARIO_LANG_EN, &f->ix, &f->scene, &f->head, f->t, &f->q);
}

static void aim_at_point(struct fx *f, int hand, const vec3 p)
{
    struct hand_input *h = &f->hands[hand];
    vec3 dir;
    glm_vec3_sub((float *)p, f->head.position, dir);
    glm_vec3_normalize(dir);
    h->active = true;
    glm_vec3_copy(f->head.position, h->aim.position);
    glm_quat_from_vecs((vec3){0.0f, 0.0f, -1.0f}, dir, h->aim.orientation);
    h->grip = h->aim;
}

static void aim_at_node(struct fx *f, int hand, const char *name)
{
    uint32_t n = scene_node_find(&f->scene, name);
    assert_int_not_equal(n, SCENE_NOT_FOUND);
    aim_at_point(f, hand, f->scene.nodes[n].world[3]);
}

/* A trigger pull: down for a frame, then up. Returns the events of the
 * down frame (in the frame arena: until the next frame). */
static const struct ev *pull(struct fx *f, int hand, size_t *n)
{
    f->hands[hand].trigger_value = 1.0f;
    frame(f, 0);
    static struct ev copy[16];
    *n = f->q.n < 16 ? f->q.n : 16;
    if (*n) memcpy(copy, f->q.v, *n * sizeof *copy);
    f->hands[hand].trigger_value = 0.0f;
    frame(f, 0);
    return copy;
}

static const struct ev *find_ev(const struct ev *v, size_t n, enum ev_type t)
{
    for (size_t i = 0; i < n; i++)
        if (v[i].type == t) return &v[i];
    return NULL;
}

static void question_answered_on_its_panel_with_a_trigger(void **state)
{
    struct fx *f = *state;
    aim_at_node(f, HAND_RIGHT, "Permit");
    frame(f, 0);
    size_t n = 0;
    pull(f, HAND_RIGHT, &n);
    assert_true(f->c.open);
    assert_int_equal(f->c.kind, APP_CHOICE_ANSWER);
    assert_int_equal(f->c.count, 2);
    assert_string_equal(f->c.title, "Begin?");
    vec3 p;
    assert_true(app_choice_point(&f->c, "wait", p));
    aim_at_point(f, HAND_RIGHT, p);
    frame(f, 0);
    assert_int_equal(f->c.hovered, 1);
    const struct ev *v = pull(f, HAND_RIGHT, &n);
    const struct ev *a = find_ev(v, n, EV_ANSWER);
    assert_non_null(a);
    assert_string_equal(a->subject, "q.permit");
    assert_string_equal(a->target, "wait");
    assert_string_equal(a->detail, "wait");
    assert_int_equal(a->hand, HAND_RIGHT);
    assert_false(f->c.open);
    /* The left hand is a hand like the right: it opens and answers too. */
    aim_at_node(f, HAND_LEFT, "Permit");
    frame(f, 0);
    pull(f, HAND_LEFT, &n);
    assert_true(f->c.open);
    assert_true(app_choice_point(&f->c, "begin", p));
    aim_at_point(f, HAND_LEFT, p);
    v = pull(f, HAND_LEFT, &n);
    a = find_ev(v, n, EV_ANSWER);
    assert_non_null(a);
    assert_string_equal(a->target, "begin");
    assert_int_equal(a->hand, HAND_LEFT);
}

static void number_keys_answer_and_select_beside_closes(void **state)
{
    struct fx *f = *state;
    aim_at_node(f, HAND_RIGHT, "Permit");
    frame(f, 0);
    size_t n = 0;
    pull(f, HAND_RIGHT, &n);
    assert_true(f->c.open);
    assert_int_equal(app_choice_digit("x2"), 2);
    frame(f, app_choice_digit("2"));
    const struct ev *a = find_ev(f->q.v, f->q.n, EV_ANSWER);
    assert_non_null(a);
    assert_string_equal(a->target, "wait");
    assert_int_equal(a->hand, HAND_RIGHT);
    /* A typed pick is the hand's that opened the panel: a left-handed
     * desktop (the mouse drives the left hand) records the left. */
    aim_at_node(f, HAND_LEFT, "Permit");
    frame(f, 0);
    pull(f, HAND_LEFT, &n);
    assert_true(f->c.open);
    frame(f, app_choice_digit("1"));
    a = find_ev(f->q.v, f->q.n, EV_ANSWER);
    assert_non_null(a);
    assert_string_equal(a->target, "begin");
    assert_int_equal(a->hand, HAND_LEFT);
    f->hands[HAND_LEFT].active = false;
    /* Opened again, then select pointing at the sky: closed, no answer. */
    frame(f, 0);
    pull(f, HAND_RIGHT, &n);
    assert_true(f->c.open);
    vec3 up = {f->head.position[0], f->head.position[1] + 5.0f, f->head.position[2]};
    aim_at_point(f, HAND_RIGHT, up);
    const struct ev *v = pull(f, HAND_RIGHT, &n);
    assert_false(f->c.open);
    assert_null(find_ev(v, n, EV_ANSWER));
}

static void several_features_are_picked_after_inspecting(void **state)
{
    struct fx *f = *state;
    aim_at_node(f, HAND_LEFT, "Gloves");
    frame(f, 0);
    f->hands[HAND_LEFT].secondary = true; /* B/Y */
    frame(f, 0);
    /* interact's inspect of the whole gloves became a picker. */
    assert_null(find_ev(f->q.v, f->q.n, EV_INSPECT));
    f->hands[HAND_LEFT].secondary = false;
    frame(f, 0);
    assert_true(f->c.open);
    assert_int_equal(f->c.kind, APP_CHOICE_FEATURE);
    assert_int_equal(f->c.count, 2);
    assert_non_null(strstr(f->c.labels[1], "Date stamp"));
    vec3 p;
    assert_true(app_choice_point(&f->c, "date_stamp", p));
    aim_at_point(f, HAND_LEFT, p);
    size_t n = 0;
    const struct ev *v = pull(f, HAND_LEFT, &n);
    const struct ev *e = find_ev(v, n, EV_INSPECT);
    assert_non_null(e);
    assert_string_equal(e->subject, "gloves");
    assert_string_equal(e->target, "date_stamp");
    assert_false(f->c.open);
}

/* A feature with a part of its own is named when the ray is on the part. */
static void feature_parts_are_named_under_the_ray(void **state)
{
    struct fx *f = *state;
    /* A part "Gloves.date_stamp" under the gloves, then the objects again. */
    uint32_t g = scene_node_find(&f->scene, "Gloves");
    uint32_t part = scene_node_add(&f->scene, g, "Gloves.date_stamp");
    struct mesh_data m = scene_mesh_box(&f->arena, 0.05f, 0.05f, 0.05f);
    f->scene.nodes[part].mesh = scene_mesh_add(&f->scene, &m);
    f->scene.nodes[part].translation[1] = 0.08f;
    scene_update_world(&f->scene);
    struct app_objects o;
    app_objects_build(f->sc, &f->scene, &f->arena, &o);
    interact_set_objects(&f->ix, &f->scene, o.v, o.n, NULL, 0, &f->arena);
    aim_at_node(f, HAND_RIGHT, "Gloves.date_stamp");
    frame(f, 0);
    const char *name = app_choice_feature_under(&f->ix, &f->scene, f->sc, SCENARIO_LANG_FI, HAND_RIGHT);
    assert_non_null(name);
    assert_string_equal(name, "Päiväys");
    aim_at_node(f, HAND_RIGHT, "Permit");
    frame(f, 0);
    assert_null(app_choice_feature_under(&f->ix, &f->scene, f->sc, SCENARIO_LANG_FI, HAND_RIGHT));
}

static void zones_are_walked_into(void **state)
{
    struct fx *f = *state;
    frame(f, 0); /* away from it at the start */
    uint32_t area = scene_node_find(&f->scene, "Area");
    assert_int_not_equal(area, SCENE_NOT_FOUND);
    struct pose away = f->head;
    glm_vec3_copy(f->scene.nodes[area].world[3], f->head.position);
    f->head.position[1] += 0.8f; /* standing over it */
    frame(f, 0);
    const struct ev *z = find_ev(f->q.v, f->q.n, EV_ZONE);
    assert_non_null(z);
    assert_string_equal(z->subject, "area");
    frame(f, 0);
    assert_null(find_ev(f->q.v, f->q.n, EV_ZONE)); /* still in it */
    f->head = away;
    frame(f, 0);
    glm_vec3_copy(f->scene.nodes[area].world[3], f->head.position);
    frame(f, 0);
    assert_non_null(find_ev(f->q.v, f->q.n, EV_ZONE)); /* in again */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(question_answered_on_its_panel_with_a_trigger, setup, teardown),
        cmocka_unit_test_setup_teardown(number_keys_answer_and_select_beside_closes, setup, teardown),
        cmocka_unit_test_setup_teardown(several_features_are_picked_after_inspecting, setup, teardown),
        cmocka_unit_test_setup_teardown(feature_parts_are_named_under_the_ray, setup, teardown),
        cmocka_unit_test_setup_teardown(zones_are_walked_into, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

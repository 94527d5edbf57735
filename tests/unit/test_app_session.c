/* test_app_session.c — the scenario → interaction glue of `paja run`
 * (engine/app/app_session_objects.c): capabilities, sockets with their
 * tolerances and start sockets, tools, wearables, switches, features and
 * measuring points become interact descriptors; placeholders stand in for
 * missing nodes; and a click through interact reaches the scenario engine.
 * CPU only: no window, no GL. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "app_session.h"
#include "arena.h"
#include "pose.h"
#include "scene.h"

#include "fs.h"
#include "record.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

static const char SCENARIO[] =
    "id: glue-test\n"
    "version: \"1\"\n"
    "title: {fi: Testi, en: Test, sv: Test}\n"
    "objects:\n"
    "  - {id: ppe.gloves, node: Gloves, caps: [grabbable, wearable, inspectable], features: [air_test, stamp],\n"
    "     name: {fi: Käsineet, en: Gloves, sv: Handskar}}\n"
    "  - {id: hv.plug, node: Plug, caps: [grabbable], placed_in: hv.port}\n"
    "  - {id: hv.port, node: Port, caps: [socket], accepts: [hv.plug], tolerance: {position_mm: 3, angle_deg: 5}}\n"
    "  - {id: vehicle.ignition, node: Button, caps: [switch]}\n"
    "  - {id: tool.tester, node: Tester, caps: [grabbable, tool], tool: voltmeter,\n"
    "     readings: [{at: hv.pos_neg, value: \"400\", unit: V}, {at: \"hv.*\", value: \"1\", unit: V}]}\n"
    "  - {id: tool.wrench, node: Wrench, caps: [grabbable, tool], tool: torque_wrench}\n"
    "  - {id: area.zone, node: Zone, caps: [zone]}\n"
    "steps:\n"
    "  - id: glove_test\n"
    "    text: {fi: Testaa., en: Test the gloves., sv: Testa.}\n"
    "    hint: {fi: Rullaa., en: Roll the cuff., sv: Rulla.}\n"
    "    done_on: {event: inspect, subject: ppe.gloves, target: air_test}\n"
    "  - id: ignition_off\n"
    "    text: {fi: Katkaise., en: Switch off., sv: Slå av.}\n"
    "    done_on: {event: press, subject: vehicle.ignition}\n"
    "rubric: {pass_mark: 80}\n";

struct fx {
    struct arena arena;
    struct scene scene;
    struct scenario *sc;
};

static struct scenario *load(void)
{
    struct scenario_diags d;
    scenario_diags_init(&d);
    struct scenario *sc = scenario_load_text(SCENARIO, sizeof SCENARIO - 1, "glue.yaml", &d);
    if (!sc) scenario_diags_print(&d, stderr);
    scenario_diags_fini(&d);
    return sc;
}

static uint32_t node(struct scene *s, uint32_t parent, const char *name, float x)
{
    uint32_t n = scene_node_add(s, parent, name);
    s->nodes[n].translation[0] = x;
    return n;
}

static const struct interact_object *find(const struct app_objects *o, const char *id)
{
    for (uint32_t i = 0; i < o->n; i++)
        if (strcmp(o->v[i].id, id) == 0) return &o->v[i];
    return NULL;
}

static int setup(void **state)
{
    static struct fx f;
    memset(&f, 0, sizeof f);
    arena_init(&f.arena, "test", 64 * 1024);
    scene_init(&f.scene, &f.arena);
    f.sc = load();
    *state = &f;
    return f.sc ? 0 : -1;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    scenario_free(&f->sc);
    arena_fini(&f->arena);
    return 0;
}

static void objects_become_descriptors(void **state)
{
    struct fx *f = *state;
    struct scene *s = &f->scene;
    uint32_t gloves = node(s, SCENE_NO_PARENT, "Gloves", 0);
    uint32_t stamp = node(s, gloves, "Gloves.stamp", 0);
    uint32_t plug = node(s, SCENE_NO_PARENT, "Plug", 1), port = node(s, SCENE_NO_PARENT, "Port", 2);
    uint32_t button = node(s, SCENE_NO_PARENT, "Button", 3), tester = node(s, SCENE_NO_PARENT, "Tester", 4);
    uint32_t wrench = node(s, SCENE_NO_PARENT, "Wrench", 5), pn = node(s, SCENE_NO_PARENT, "hv.pos_neg", 6);
    node(s, SCENE_NO_PARENT, "Zone", 7);
    scene_update_world(s);

    struct app_objects o;
    app_objects_build(f->sc, s, &f->arena, &o);
    assert_int_equal(o.missing, 0);
    /* Six hand objects and one measuring point; the zone has no hand part. */
    assert_int_equal(o.n, 7);
    assert_null(find(&o, "area.zone"));

    const struct interact_object *g = find(&o, "ppe.gloves");
    assert_non_null(g);
    assert_int_equal(g->node, gloves);
    assert_int_equal(g->caps, INTERACT_CAP_GRABBABLE | INTERACT_CAP_WEARABLE | INTERACT_CAP_INSPECTABLE);
    assert_int_equal(g->feature_count, 2);
    assert_string_equal(g->features[0].id, "air_test");
    assert_int_equal(g->features[0].node, SCENE_NOT_FOUND); /* the whole gloves */
    assert_string_equal(g->features[1].id, "stamp");
    assert_int_equal(g->features[1].node, stamp);           /* a part of its own */

    const struct interact_object *p = find(&o, "hv.plug");
    assert_int_equal(p->node, plug);
    assert_string_equal(p->placed_in, "hv.port");
    const struct interact_object *po = find(&o, "hv.port");
    assert_int_equal(po->node, port);
    assert_int_equal(po->caps, INTERACT_CAP_SOCKET);
    assert_int_equal(po->accept_count, 1);
    assert_string_equal(po->accepts[0], "hv.plug");
    assert_float_equal(po->tol_position, 0.003f, 1e-6f);          /* mm -> m */
    assert_float_equal(po->tol_angle, glm_rad(5.0f), 1e-5f); /* degrees -> radians */

    assert_int_equal(find(&o, "vehicle.ignition")->caps, INTERACT_CAP_SWITCH);
    assert_int_equal(find(&o, "vehicle.ignition")->node, button);

    const struct interact_object *t = find(&o, "tool.tester");
    assert_int_equal(t->node, tester);
    assert_true(t->caps & INTERACT_CAP_TOOL);
    assert_true(t->caps & INTERACT_CAP_GRABBABLE);
    const struct interact_object *w = find(&o, "tool.wrench");
    assert_int_equal(w->node, wrench);
    assert_int_equal(w->tool, INTERACT_TOOL_TORQUE);
    assert_true(w->setting_step > 0.0f);
    assert_string_equal(w->unit, "Nm");

    /* The tester's fixed reading point is a point object; "hv.*" is not. */
    const struct interact_object *pt = find(&o, "hv.pos_neg");
    assert_non_null(pt);
    assert_int_equal(pt->node, pn);
    assert_int_equal(pt->caps, INTERACT_CAP_POINT);

    struct interact ix;
    interact_init(&ix);
    assert_true(interact_set_objects(&ix, s, o.v, o.n, NULL, 0, &f->arena));
    /* The plug starts in its port. */
    assert_string_equal(interact_object_socket(&ix, "hv.plug"), "hv.port");
}

static void missing_nodes_are_left_out_then_placeholders_fill_in(void **state)
{
    struct fx *f = *state;
    struct scene *s = &f->scene;
    node(s, SCENE_NO_PARENT, "Gloves", 0);
    scene_update_world(s);
    struct app_objects o;
    app_objects_build(f->sc, s, &f->arena, &o);
    assert_int_equal(o.n, 1);
    assert_int_equal(o.missing, 6); /* five objects and the measuring point */

    uint32_t before = s->node_count;
    uint32_t added = app_scene_add_placeholders(s, &f->arena, f->sc);
    assert_int_equal(added, 7); /* and the zone, to walk onto */
    assert_true(s->node_count > before + added); /* plus the table they stand on */
    assert_int_not_equal(scene_node_find(s, "Scenario_Table"), SCENE_NOT_FOUND);
    assert_int_not_equal(scene_node_find(s, "Port"), SCENE_NOT_FOUND);
    assert_int_not_equal(scene_node_find(s, "hv.pos_neg"), SCENE_NOT_FOUND);
    assert_int_not_equal(scene_node_find(s, "Zone"), SCENE_NOT_FOUND); /* a mat to walk onto */
    app_objects_build(f->sc, s, &f->arena, &o);
    assert_int_equal(o.missing, 0);
    assert_int_equal(o.n, 7);
    /* Placeholders sit apart from each other and show a mesh. */
    uint32_t a = scene_node_find(s, "Plug"), b = scene_node_find(s, "Button");
    assert_true(glm_vec3_distance(s->nodes[a].world[3], s->nodes[b].world[3]) > 0.1f);
    assert_int_not_equal(s->nodes[a].mesh, SCENE_NO_MESH);
    /* Nothing to add a second time. */
    assert_int_equal(app_scene_add_placeholders(s, &f->arena, f->sc), 0);

    assert_string_equal(app_scenario_object_name(f->sc, "ppe.gloves", SCENARIO_LANG_FI), "Käsineet");
    assert_string_equal(app_scenario_object_name(f->sc, "hv.plug", SCENARIO_LANG_FI), "hv.plug"); /* no name: the id */
    assert_string_equal(app_scenario_object_name(f->sc, "ppe.gloves", SCENARIO_LANG_SV), "Handskar");
    assert_string_equal(app_scenario_object_name(f->sc, "hv.pos_neg", SCENARIO_LANG_SV), "hv.pos_neg");
}

/* Points the right hand's ray from the head at a node's origin. */
static void aim_at(const struct scene *s, uint32_t n, const struct pose *head, struct hand_input *h)
{
    vec3 dir;
    glm_vec3_sub((float *)s->nodes[n].world[3], (float *)head->position, dir);
    glm_vec3_normalize(dir);
    h->active = true;
    glm_vec3_copy((float *)head->position, h->aim.position);
    glm_quat_from_vecs((vec3){0.0f, 0.0f, -1.0f}, dir, h->aim.orientation);
    h->grip = h->aim;
}

/* The desktop path end to end without a window: E (secondary) on the
 * gloves and a click on the switch through interact in click mode give the
 * events the scenario's steps wait for. */
static void clicks_through_interact_complete_steps(void **state)
{
    struct fx *f = *state;
    struct scene *s = &f->scene;
    app_scene_add_placeholders(s, &f->arena, f->sc);
    struct app_objects o;
    app_objects_build(f->sc, s, &f->arena, &o);
    struct interact ix;
    interact_init(&ix);
    ix.mode = INTERACT_MODE_CLICK;
    assert_true(interact_set_objects(&ix, s, o.v, o.n, NULL, 0, &f->arena));

    struct scenario_session_opts so = {.mode = SCENARIO_MODE_PRACTICE, .lang = SCENARIO_LANG_EN};
    struct scenario_session *run = scenario_session_create(f->sc, &so);
    struct arena frame;
    arena_init(&frame, "frame", 16 * 1024);
    struct ev_queue q, out;
    ev_queue_init(&out, &frame);
    scenario_session_start(run, 0, &out);

    struct pose head = {.position = {0.35f, 1.6f, 2.6f}, .orientation = {0, 0, 0, 1}};
    struct hand_input hands[HAND_COUNT];
    memset(hands, 0, sizeof hands);
    int64_t t = 0;
    /* frame(): one interact update, its events into the scenario. */
#define FRAME()                                                                                                   \
    do {                                                                                                          \
        t += 11111;                                                                                               \
        arena_clear(&frame);                                                                                      \
        ev_queue_init(&q, &frame);                                                                                \
        ev_queue_init(&out, &frame);                                                                              \
        interact_update(&ix, s, hands, &head, t, &q);                                                             \
        scenario_session_step(run, q.v, q.n, t, &out);                                                            \
    } while (0)

    aim_at(s, scene_node_find(s, "Gloves"), &head, &hands[HAND_RIGHT]);
    FRAME();
    assert_int_equal(ix.hands[HAND_RIGHT].hovered_object, interact_object_find(&ix, "ppe.gloves"));
    hands[HAND_RIGHT].secondary = true;
    FRAME();
    hands[HAND_RIGHT].secondary = false;
    FRAME();
    assert_int_equal(scenario_session_step_status(run, "glove_test"), SCENARIO_STEP_DONE);

    aim_at(s, scene_node_find(s, "Button"), &head, &hands[HAND_RIGHT]);
    FRAME();
    hands[HAND_RIGHT].primary = true;
    hands[HAND_RIGHT].trigger_value = 1.0f;
    FRAME();
    hands[HAND_RIGHT].primary = false;
    hands[HAND_RIGHT].trigger_value = 0.0f;
    FRAME();
    assert_int_equal(scenario_session_step_status(run, "ignition_off"), SCENARIO_STEP_DONE);
    struct scenario_status st;
    scenario_session_status(run, &st);
    assert_true(st.finished);
    assert_int_equal(st.result, SCENARIO_RESULT_PASS);
#undef FRAME
    scenario_session_destroy(&run);
    arena_fini(&frame);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* A session of SCENARIO in a fresh temporary folder (dir is a mkdtemp
 * template, filled in), its record under dir/records. The records path is
 * read only while opening, so a local string serves. */
static void open_temp_session(char *dir, enum scenario_mode mode, enum scenario_lang lang, struct app_session *s)
{
    assert_non_null(mkdtemp(dir));
    char yaml[256], recs[256];
    snprintf(yaml, sizeof yaml, "%s/scenario.yaml", dir);
    snprintf(recs, sizeof recs, "%s/records", dir);
    write_file(yaml, SCENARIO);
    struct app_session_opts o = {.scenario_path = dir, .mode = mode, .lang = lang, .trainee = "t9", .seed = 5,
                                 .records_dir = recs, .device = "headless", .input = "none", .hot_reload = true};
    assert_int_equal(app_session_open(s, &o), APP_EXIT_OK);
}

static void remove_dir(const char *dir)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* An exam is frozen at its start (issue 12): an edit on disk is noted in
 * the record as scenario_changed, once, and not applied; one made in the
 * last second before the end is noted at close. */
static void exam_is_frozen_and_notes_edits(void **state)
{
    (void)state;
    char dir[] = "/tmp/paja-test-app-XXXXXX", yaml[256];
    struct app_session s;
    open_temp_session(dir, SCENARIO_MODE_EXAM, SCENARIO_LANG_EN, &s);
    snprintf(yaml, sizeof yaml, "%s/scenario.yaml", dir);
    app_session_start(&s, 0);
    char *edited = strdup(SCENARIO);
    char *at = strstr(edited, "Test the gloves.");
    assert_non_null(at);
    memcpy(at, "Test the GLOVES.", 16);
    write_file(yaml, edited);
    /* The mtime must differ from the one at the start, whatever the file
     * system's clock granularity. */
    struct timespec ts[2] = {{.tv_sec = 1000000000}, {.tv_sec = 1000000000}};
    assert_int_equal(utimensat(AT_FDCWD, yaml, ts, 0), 0);
    assert_false(app_session_poll_reload(&s, 2000000, true));
    assert_false(app_session_poll_reload(&s, 3000000, true)); /* the same change: noted once */
    assert_string_equal(scenario_step_text(s.sc, 0, SCENARIO_LANG_EN), "Test the gloves.");
    assert_int_equal(s.reloads, 0);
    assert_int_equal(s.changes_noted, 1);
    /* Edited again just before the end: the close notes it. */
    write_file(yaml, SCENARIO);
    ts[0].tv_sec = ts[1].tv_sec = 1000000100;
    assert_int_equal(utimensat(AT_FDCWD, yaml, ts, 0), 0);
    free(edited);
    char path[1024];
    snprintf(path, sizeof path, "%s", s.record_path);
    assert_true(app_session_close(&s, 3500000));
    app_session_free(&s);
    struct arena a;
    arena_init(&a, "record", 64 * 1024);
    struct rec_record r;
    char err[256];
    assert_true(rec_record_load(path, NULL, &a, &r, err, sizeof err));
    int changed = 0, reloads = 0;
    for (size_t i = 0; i < r.event_count; i++) {
        changed += r.events[i].type == EV_SCENARIO_CHANGED;
        reloads += r.events[i].type == EV_RELOAD;
    }
    assert_int_equal(changed, 2);
    assert_int_equal(reloads, 0);
    arena_fini(&a);
    remove_dir(dir);
}

/* A session opens its record, takes an author's edit while running (and
 * refuses a broken one without stopping), and closes a record that verifies
 * and shows the reload. */
static void session_records_and_hot_reloads(void **state)
{
    (void)state;
    char dir[] = "/tmp/paja-test-app-XXXXXX", yaml[256];
    struct app_session s;
    open_temp_session(dir, SCENARIO_MODE_PRACTICE, SCENARIO_LANG_EN, &s);
    snprintf(yaml, sizeof yaml, "%s/scenario.yaml", dir);
    app_session_start(&s, 0);
    assert_string_equal(scenario_step_text(s.sc, 0, SCENARIO_LANG_EN), "Test the gloves.");

    /* Nothing changed: nothing reloads. */
    assert_false(app_session_poll_reload(&s, 2000000, false));
    /* An edit with an error is reported and the session goes on. */
    write_file(yaml, "id: glue-test\nversion: [\n");
    assert_false(app_session_poll_reload(&s, 3000000, true));
    assert_string_equal(scenario_step_text(s.sc, 0, SCENARIO_LANG_EN), "Test the gloves.");
    /* A good edit takes over, keeping where the session stands. */
    char *edited = strdup(SCENARIO);
    char *at = strstr(edited, "Test the gloves.");
    assert_non_null(at);
    memcpy(at, "Test the GLOVES.", 16);
    write_file(yaml, edited);
    free(edited);
    assert_true(app_session_poll_reload(&s, 4000000, true));
    assert_string_equal(scenario_step_text(s.sc, 0, SCENARIO_LANG_EN), "Test the GLOVES.");
    assert_int_equal(scenario_session_step_status(s.run, "glove_test"), SCENARIO_STEP_ACTIVE);

    char path[1024];
    snprintf(path, sizeof path, "%s", s.record_path);
    assert_true(app_session_close(&s, 5000000));
    app_session_free(&s);

    struct arena a;
    arena_init(&a, "record", 64 * 1024);
    struct rec_record r;
    char err[256];
    assert_true(rec_record_load(path, NULL, &a, &r, err, sizeof err));
    assert_int_equal(r.check.integrity, REC_INTEGRITY_CLOSED);
    assert_string_equal(r.header.trainee, "t9");
    assert_string_equal(r.header.mode, "practice");
    bool reload = false;
    for (size_t i = 0; i < r.event_count; i++) reload |= r.events[i].type == EV_RELOAD;
    assert_true(reload);
    assert_true(r.summary.present);
    assert_string_equal(r.summary.result, "incomplete");
    arena_fini(&a);
    remove_dir(dir);
}

/* A reading goes to the instrument's display and, for a few seconds only,
 * to the feedback lines, where it names the point; a hint stays longer. */
static void readings_show_then_expire(void **state)
{
    (void)state;
    char dir[] = "/tmp/paja-test-app-XXXXXX";
    struct app_session s;
    open_temp_session(dir, SCENARIO_MODE_PRACTICE, SCENARIO_LANG_EN, &s);
    app_session_start(&s, 0);
    struct arena a;
    arena_init(&a, "frame", 64 * 1024);
    struct ev use = {.type = EV_USE, .t_us = 1000000, .hand = 1, .subject = "tool.tester", .target = "hv.pos_neg"};
    app_session_frame(&s, &use, 1, false, 1000000, NULL, NULL, &a);
    assert_true(s.reading.have);
    assert_string_equal(s.reading.tool, "tool.tester");
    assert_string_equal(s.reading.text, "400.0 V");
    assert_int_equal(s.feedback.n, 1);
    assert_non_null(strstr(s.feedback.text[0], "400.0 V"));
    assert_non_null(strstr(s.feedback.text[0], "hv.pos_neg")); /* no display name in this scenario */
    assert_true(app_feedback_visible(&s.feedback, 0, 1000000));
    assert_true(app_feedback_visible(&s.feedback, 0, 1000000 + APP_FEEDBACK_READING_US - 1));
    assert_false(app_feedback_visible(&s.feedback, 0, 1000000 + APP_FEEDBACK_READING_US));
    /* A hint asked for at 2 s outlives the reading. */
    arena_clear(&a);
    app_session_frame(&s, NULL, 0, true, 2000000, NULL, NULL, &a);
    assert_int_equal(s.feedback.n, 2);
    assert_true(app_feedback_visible(&s.feedback, 1, 2000000 + APP_FEEDBACK_READING_US));
    assert_false(app_feedback_visible(&s.feedback, 1, 2000000 + APP_FEEDBACK_TEXT_US));
    assert_false(app_feedback_visible(&s.feedback, 2, 0)); /* no such line */
    arena_fini(&a);
    assert_true(app_session_close(&s, 3000000));
    app_session_free(&s);
    remove_dir(dir);
}

/* The scenario clock: paused frames do not count, a wait jumps ahead, and
 * the session says so and records it. */
static void waiting_jumps_the_clock_and_is_recorded(void **state)
{
    (void)state;
    struct app_clock c = {0};
    assert_int_equal(app_clock_frame(&c, 1000, false), 1000);
    assert_int_equal(app_clock_frame(&c, 5000, true), 1000);  /* the menu stood open */
    assert_int_equal(app_clock_frame(&c, 6000, false), 2000);
    app_clock_wait(&c, APP_WAIT_US);
    assert_int_equal(app_clock_frame(&c, 7000, false), 3000 + APP_WAIT_US);
    app_clock_wait(&c, -5); /* never backwards */
    assert_int_equal(app_clock_frame(&c, 8000, false), 4000 + APP_WAIT_US);

    char dir[] = "/tmp/paja-test-app-XXXXXX";
    struct app_session s;
    open_temp_session(dir, SCENARIO_MODE_EXAM, SCENARIO_LANG_FI, &s);
    app_session_start(&s, 1000000);
    struct arena a;
    arena_init(&a, "frame", 64 * 1024);
    struct ev w = {.type = EV_UI, .t_us = 31000000, .hand = -1, .subject = APP_WAIT_SUBJECT, .value = 60};
    app_session_frame(&s, &w, 1, false, 31000000, NULL, NULL, &a);
    /* Said even in an exam: it is the trainee's own action, not a hint. */
    assert_int_equal(s.feedback.n, 1);
    assert_string_equal(s.feedback.text[0], "Odotit 1 min (aika 1:30)");
    char path[1024];
    snprintf(path, sizeof path, "%s", s.record_path);
    arena_clear(&a);
    app_session_frame(&s, NULL, 0, false, 31000000 + APP_WAIT_US, NULL, NULL, &a);
    assert_true(app_session_close(&s, 32000000 + APP_WAIT_US));
    app_session_free(&s);
    struct rec_record r;
    char err[256];
    assert_true(rec_record_load(path, NULL, &a, &r, err, sizeof err));
    bool found = false;
    for (size_t i = 0; i < r.event_count; i++)
        if (r.events[i].type == EV_UI && r.events[i].subject && strcmp(r.events[i].subject, "wait") == 0) {
            found = true;
            assert_float_equal(r.events[i].value, 60.0, 1e-9);
            assert_int_equal(r.events[i].t_us, 31000000);
        }
    assert_true(found);
    arena_fini(&a);
    remove_dir(dir);
}

/* The frame the scenario finishes seals the record, so its result can go
 * to the school's LRS while the end panel shows (app_delivery.h); the
 * close at quit only reports; later frames add nothing to the record. */
static void finishing_seals_the_record_at_once(void **state)
{
    (void)state;
    char dir[] = "/tmp/paja-test-app-XXXXXX";
    struct app_session s;
    open_temp_session(dir, SCENARIO_MODE_PRACTICE, SCENARIO_LANG_EN, &s);
    app_session_start(&s, 0);
    struct arena frame;
    arena_init(&frame, "frame", 16 * 1024);
    struct pose head = {.position = {0, 1.6f, 0}, .orientation = {0, 0, 0, 1}};
    struct ev inspect = {.type = EV_INSPECT, .t_us = 1000000, .hand = HAND_RIGHT, .subject = "ppe.gloves",
                         .target = "air_test"};
    app_session_frame(&s, &inspect, 1, false, 1000000, &head, NULL, &frame);
    assert_false(s.sealed);
    struct ev press = {.type = EV_PRESS, .t_us = 2000000, .hand = HAND_RIGHT, .subject = "vehicle.ignition"};
    arena_clear(&frame);
    app_session_frame(&s, &press, 1, false, 2000000, &head, NULL, &frame);
    assert_true(s.finished);
    assert_true(s.sealed);
    assert_true(s.seal_ok);
    char path[1024];
    snprintf(path, sizeof path, "%s", s.record_path);
    struct arena a;
    arena_init(&a, "record", 64 * 1024);
    struct rec_record r;
    char err[256];
    assert_true(rec_record_load(path, NULL, &a, &r, err, sizeof err));
    assert_int_equal(r.check.integrity, REC_INTEGRITY_CLOSED);
    size_t lines = r.check.lines;
    arena_fini(&a);
    /* Frames after the end and the close at quit change nothing. */
    arena_clear(&frame);
    app_session_frame(&s, NULL, 0, true, 3000000, &head, NULL, &frame);
    assert_true(app_session_close(&s, 9000000));
    app_session_free(&s);
    arena_init(&a, "record", 64 * 1024);
    assert_true(rec_record_load(path, NULL, &a, &r, err, sizeof err));
    assert_int_equal(r.check.integrity, REC_INTEGRITY_CLOSED);
    assert_int_equal(r.check.lines, lines);
    assert_string_equal(r.summary.result, "passed");
    arena_fini(&a);
    arena_fini(&frame);
    remove_dir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(objects_become_descriptors, setup, teardown),
        cmocka_unit_test_setup_teardown(missing_nodes_are_left_out_then_placeholders_fill_in, setup, teardown),
        cmocka_unit_test_setup_teardown(clicks_through_interact_complete_steps, setup, teardown),
        cmocka_unit_test(session_records_and_hot_reloads),
        cmocka_unit_test(exam_is_frozen_and_notes_edits),
        cmocka_unit_test(readings_show_then_expire),
        cmocka_unit_test(waiting_jumps_the_clock_and_is_recorded),
        cmocka_unit_test(finishing_seals_the_record_at_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

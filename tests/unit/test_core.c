/* test_core.c — arenas, log, files, clock, UUIDs, strings, events, poses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "arena.h"
#include "clock.h"
#include "event.h"
#include "fs.h"
#include "log.h"
#include "pose.h"
#include "str.h"
#include "uuid.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- arena ---- */

static void arena_push_is_aligned_and_zeroed(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, "test", 256);
    for (size_t align = 1; align <= 256; align *= 2) {
        arena_push(&a, 3, 1); /* misalign the cursor */
        unsigned char *p = arena_push(&a, 40, align);
        assert_int_equal((uintptr_t)p % align, 0);
        for (int i = 0; i < 40; i++) assert_int_equal(p[i], 0);
        memset(p, 0xAB, 40);
    }
    arena_fini(&a);
}

static void arena_grows_for_large_pushes(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, "test", 64);
    char *big = arena_push(&a, 10000, 16);
    memset(big, 1, 10000);
    char *small = arena_push(&a, 8, 8);
    assert_non_null(small);
    assert_true(a.reserved_total >= 10000);
    assert_true(a.used_total >= 10008);
    arena_fini(&a);
    assert_int_equal(a.reserved_total, 0);
}

static void arena_clear_keeps_first_block(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, "frame", 128);
    void *first = arena_push(&a, 16, 16);
    for (int i = 0; i < 50; i++) arena_push(&a, 100, 8);
    arena_clear(&a);
    assert_int_equal(a.used_total, 0);
    assert_int_equal(a.reserved_total, 128);
    /* The same first block is reused, from its start. */
    void *again = arena_push(&a, 16, 16);
    assert_ptr_equal(first, again);
    arena_fini(&a);
}

static void arena_mark_and_reset(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, "scratch", 128);
    char *keep = arena_strdup(&a, "keep me");
    struct arena_mark m = arena_mark(&a);
    for (int i = 0; i < 20; i++) arena_push(&a, 100, 8);
    arena_reset_to(&a, m);
    assert_string_equal(keep, "keep me");
    char *next = arena_push(&a, 1, 1);
    assert_ptr_equal(next, keep + strlen("keep me") + 1);
    arena_fini(&a);
}

static void arena_strings(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, "strings", 0);
    assert_string_equal(arena_strndup(&a, "abcdef", 3), "abc");
    assert_string_equal(arena_printf(&a, "%s-%d", "step", 42), "step-42");
    char long_s[5000];
    memset(long_s, 'x', sizeof long_s - 1);
    long_s[sizeof long_s - 1] = '\0';
    assert_string_equal(arena_printf(&a, "%s", long_s), long_s);
    arena_fini(&a);
}

/* ---- log ---- */

struct captured { int count; enum log_level level; char tag[32]; char msg[256]; };

static void capture_sink(enum log_level level, const char *tag, const char *msg, void *user)
{
    struct captured *c = user;
    c->count++;
    c->level = level;
    snprintf(c->tag, sizeof c->tag, "%s", tag);
    snprintf(c->msg, sizeof c->msg, "%s", msg);
}

static void log_levels_and_tag_overrides(void **state)
{
    (void)state;
    struct captured c = {0};
    log_set_sink(capture_sink, &c);
    log_set_level(LOG_LEVEL_WARN);
    log_configure("warn,gfx=debug");
    log_msg(LOG_LEVEL_INFO, "scene", "hidden %d", 1);
    assert_int_equal(c.count, 0);
    log_msg(LOG_LEVEL_DEBUG, "gfx", "shown %d", 2);
    assert_int_equal(c.count, 1);
    assert_string_equal(c.tag, "gfx");
    assert_string_equal(c.msg, "shown 2");
    log_msg(LOG_LEVEL_ERROR, "scene", "bad");
    assert_int_equal(c.count, 2);
    assert_int_equal(c.level, LOG_LEVEL_ERROR);
    assert_true(log_enabled(LOG_LEVEL_DEBUG, "gfx"));
    assert_false(log_enabled(LOG_LEVEL_INFO, "xr"));
    log_configure("");
    log_set_level(LOG_LEVEL_INFO);
    log_set_sink(NULL, NULL);
}

static void log_writes_file(void **state)
{
    (void)state;
    char path[] = "/tmp/paja-test-log-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    assert_true(log_open_file(path));
    log_msg(LOG_LEVEL_WARN, "core", "to the file %s", "too");
    log_close_file();
    struct arena a;
    arena_init(&a, "t", 0);
    char err[256];
    char *text = fs_read_all(path, &a, NULL, err, sizeof err);
    assert_non_null(text);
    assert_non_null(strstr(text, "warn core: to the file too"));
    arena_fini(&a);
    unlink(path);
}

static void log_level_names(void **state)
{
    (void)state;
    enum log_level l;
    assert_true(log_level_parse("DEBUG", &l));
    assert_int_equal(l, LOG_LEVEL_DEBUG);
    assert_true(log_level_parse("warning", &l));
    assert_int_equal(l, LOG_LEVEL_WARN);
    assert_false(log_level_parse("loud", &l));
}

/* ---- fs ---- */

static void fs_roundtrip_and_errors(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, "fs", 0);
    char dir[] = "/tmp/paja-test-fs-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char err[512];
    char *nested = fs_join(&a, dir, "a/b/c");
    assert_true(fs_mkdir_p(nested, err, sizeof err));
    assert_true(fs_is_dir(nested));
    char *file = fs_join(&a, nested, "data.bin");
    const char payload[] = "line one\nrivi kaksi: äö\n";
    assert_true(fs_write_atomic(file, payload, sizeof payload - 1, err, sizeof err));
    size_t size = 0;
    char *back = fs_read_all(file, &a, &size, err, sizeof err);
    assert_non_null(back);
    assert_int_equal(size, sizeof payload - 1);
    assert_string_equal(back, payload);
    assert_string_equal(fs_dirname(&a, file), nested);
    assert_string_equal(fs_dirname(&a, "plain"), ".");

    assert_null(fs_read_all("/nonexistent/paja/file.yaml", &a, NULL, err, sizeof err));
    assert_non_null(strstr(err, "cannot open '/nonexistent/paja/file.yaml'"));
    assert_non_null(strstr(err, "No such file"));
    assert_null(fs_read_all(dir, &a, NULL, err, sizeof err));
    assert_non_null(strstr(err, "directory"));
    /* A file in the way of a directory. */
    assert_false(fs_mkdir_p(file, err, sizeof err));

    unlink(file);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    arena_fini(&a);
}

/* ---- clock ---- */

static void clock_is_monotonic_and_sleeps(void **state)
{
    (void)state;
    uint64_t a = clock_mono_ns();
    clock_sleep_ns(2 * CLOCK_NS_PER_MS);
    uint64_t b = clock_mono_ns();
    assert_true(b - a >= 2 * CLOCK_NS_PER_MS);
    char iso[40];
    clock_utc_iso8601(iso, sizeof iso);
    assert_int_equal(strlen(iso), 24);
    assert_int_equal(iso[10], 'T');
    assert_int_equal(iso[23], 'Z');
}

/* ---- uuid ---- */

static void uuid_v4_format_and_parse(void **state)
{
    (void)state;
    struct uuid u = uuid_v4_random(), v = uuid_v4_random();
    assert_false(uuid_equal(u, v));
    char s[UUID_STR_LEN];
    uuid_format(u, s);
    assert_int_equal(strlen(s), 36);
    assert_int_equal(s[14], '4');                  /* version */
    assert_non_null(strchr("89ab", s[19]));        /* variant */
    struct uuid back;
    assert_true(uuid_parse(s, &back));
    assert_true(uuid_equal(u, back));
    assert_false(uuid_parse("not-a-uuid", &back));
    assert_false(uuid_parse("0123456789abcdef0123456789abcdef0123", &back));
    assert_false(uuid_parse("01234567-89ab-cdef-0123-456789abcdeg", &back));
}

static void uuid_from_bytes_is_stable(void **state)
{
    (void)state;
    uint8_t bytes[16];
    for (int i = 0; i < 16; i++) bytes[i] = (uint8_t)(0xF0 + i);
    char s[UUID_STR_LEN];
    uuid_format(uuid_v4_from_bytes(bytes), s);
    assert_string_equal(s, "f0f1f2f3-f4f5-46f7-b8f9-fafbfcfdfeff");
}

/* ---- str ---- */

static void str_edit_distance_and_nearest(void **state)
{
    (void)state;
    assert_int_equal(str_edit_distance("kitten", "sitting", 10), 3);
    assert_int_equal(str_edit_distance("", "abc", 10), 3);
    assert_int_equal(str_edit_distance("same", "same", 10), 0);
    assert_int_equal(str_edit_distance("abcdefgh", "zzzzzzzz", 2), 3); /* capped */
    assert_int_equal(str_edit_distance("rnu", "run", 5), 1);            /* transposition */
    assert_int_equal(str_edit_distance("ca", "abc", 5), 3);
    const char *ids[] = {"hv.service_plug", "hv.gloves", "lv.battery_minus"};
    assert_string_equal(str_nearest("hv.servce_plug", ids, 3), "hv.service_plug");
    assert_string_equal(str_nearest("hv.glove", ids, 3), "hv.gloves");
    assert_null(str_nearest("something_else", ids, 3));
    assert_null(str_nearest("x", ids, 0));
    /* A dropped prefix: the part of a dotted id. */
    const char *docs[] = {"doc.card_reader", "doc.card", "tool.cardan"};
    assert_string_equal(str_nearest("card", docs, 3), "doc.card");
    assert_null(str_nearest("car", docs, 3)); /* a part, not a piece of one */
}

static void str_numbers_and_affixes(void **state)
{
    (void)state;
    long v = 0;
    assert_true(str_to_long("42", 0, 100, &v));
    assert_int_equal(v, 42);
    assert_false(str_to_long("42x", 0, 100, &v));
    assert_false(str_to_long("", 0, 100, &v));
    assert_false(str_to_long("101", 0, 100, &v));
    assert_false(str_to_long("99999999999999999999999", 0, 100, &v));
    assert_true(str_starts_with("paja run", "paja"));
    assert_true(str_ends_with("model.glb", ".glb"));
    assert_false(str_ends_with("glb", ".glb"));
}

static void str_utf8(void **state)
{
    (void)state;
    const char *s = "Työ: å";
    assert_true(str_utf8_valid(s, strlen(s)));
    const char *p = s;
    assert_int_equal(str_utf8_next(&p), 'T');
    assert_int_equal(str_utf8_next(&p), 'y');
    assert_int_equal(str_utf8_next(&p), 0xF6); /* ö */
    assert_false(str_utf8_valid("\xC3", 1));           /* truncated */
    assert_false(str_utf8_valid("\xC0\xAF", 2));       /* overlong '/' */
    assert_false(str_utf8_valid("\xED\xA0\x80", 3));   /* surrogate */
    assert_true(str_utf8_valid("\xEF\xBF\xBD", 3));    /* a real U+FFFD */
}

static void str_buf_builds(void **state)
{
    (void)state;
    struct str_buf b = {0};
    for (int i = 0; i < 1000; i++) str_buf_printf(&b, "%d,", i % 10);
    assert_int_equal(b.len, 2000);
    assert_int_equal(strlen(b.data), 2000);
    str_buf_reset(&b);
    str_buf_puts(&b, "a");
    str_buf_append(&b, "bcd", 2);
    assert_string_equal(b.data, "abc");
    str_buf_free(&b);
    assert_null(b.data);
}

/* ---- events ---- */

static void event_names_roundtrip(void **state)
{
    (void)state;
    for (int t = 0; t < EV_TYPE_COUNT; t++) {
        enum ev_type back;
        assert_true(ev_type_parse(ev_type_name((enum ev_type)t), &back));
        assert_int_equal(back, t);
    }
    enum ev_type x;
    assert_false(ev_type_parse("teleport", &x));
    assert_string_equal(ev_type_name(EV_STEP_COMPLETED), "step_completed");
    assert_string_equal(ev_type_name((enum ev_type)9999), "unknown");
    assert_string_equal(ev_severity_name(EV_SEVERITY_CRITICAL), "critical");
}

static void event_queue_grows_in_order(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, "frame", 1024);
    struct ev_queue q;
    ev_queue_init(&q, &a);
    for (int i = 0; i < 1000; i++) {
        struct ev e = {.type = EV_GRAB, .t_us = i, .subject = "hv.gloves"};
        ev_queue_push(&q, &e);
    }
    assert_int_equal(q.n, 1000);
    for (int i = 0; i < 1000; i++) assert_int_equal(q.v[i].t_us, i);
    ev_queue_clear(&q);
    arena_clear(&a);
    assert_int_equal(q.n, 0);
    arena_fini(&a);
}

/* ---- pose ---- */

static void pose_view_is_inverse_of_world(void **state)
{
    (void)state;
    struct pose p;
    glm_vec3_copy((vec3){1.0f, 2.0f, 3.0f}, p.position);
    pose_from_yaw_pitch(0.7f, -0.3f, p.orientation);
    mat4 world, view, prod;
    pose_to_matrix(&p, world);
    pose_to_view(&p, view);
    glm_mat4_mul(view, world, prod);
    for (int c = 0; c < 4; c++)
        for (int r = 0; r < 4; r++) assert_float_equal(prod[c][r], c == r ? 1.0f : 0.0f, 1e-5f);
}

static void pose_forward_follows_yaw(void **state)
{
    (void)state;
    struct pose p;
    pose_identity(&p);
    vec3 f;
    pose_forward(&p, f);
    assert_float_equal(f[2], -1.0f, 1e-6f);
    /* Yaw +90 degrees turns left: forward becomes -X. */
    pose_from_yaw_pitch(GLM_PI_2f, 0.0f, p.orientation);
    pose_forward(&p, f);
    assert_float_equal(f[0], -1.0f, 1e-6f);
    assert_float_equal(f[2], 0.0f, 1e-6f);
}

static void pose_projection_maps_fov_edges(void **state)
{
    (void)state;
    struct fov fov = pose_fov_symmetric(glm_rad(90.0f), 2.0f);
    assert_float_equal(fov.angle_up, glm_rad(45.0f), 1e-6f);
    mat4 proj;
    pose_fov_projection(&fov, 0.1f, 100.0f, proj);
    /* A point on the upper frustum edge lands at clip y = w. */
    vec4 p = {0.0f, 1.0f, -1.0f, 1.0f}, clip;
    glm_mat4_mulv(proj, p, clip);
    assert_float_equal(clip[1] / clip[3], 1.0f, 1e-5f);
    /* Asymmetric fields of view (headset eyes) keep their edges. */
    struct fov eye = {glm_rad(-50.0f), glm_rad(40.0f), glm_rad(45.0f), glm_rad(-50.0f)};
    pose_fov_projection(&eye, 0.1f, 100.0f, proj);
    vec4 right = {tanf(glm_rad(40.0f)), 0.0f, -1.0f, 1.0f};
    glm_mat4_mulv(proj, right, clip);
    assert_float_equal(clip[0] / clip[3], 1.0f, 1e-5f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(arena_push_is_aligned_and_zeroed),
        cmocka_unit_test(arena_grows_for_large_pushes),
        cmocka_unit_test(arena_clear_keeps_first_block),
        cmocka_unit_test(arena_mark_and_reset),
        cmocka_unit_test(arena_strings),
        cmocka_unit_test(log_levels_and_tag_overrides),
        cmocka_unit_test(log_writes_file),
        cmocka_unit_test(log_level_names),
        cmocka_unit_test(fs_roundtrip_and_errors),
        cmocka_unit_test(clock_is_monotonic_and_sleeps),
        cmocka_unit_test(uuid_v4_format_and_parse),
        cmocka_unit_test(uuid_from_bytes_is_stable),
        cmocka_unit_test(str_edit_distance_and_nearest),
        cmocka_unit_test(str_numbers_and_affixes),
        cmocka_unit_test(str_utf8),
        cmocka_unit_test(str_buf_builds),
        cmocka_unit_test(event_names_roundtrip),
        cmocka_unit_test(event_queue_grows_in_order),
        cmocka_unit_test(pose_view_is_inverse_of_world),
        cmocka_unit_test(pose_forward_follows_yaw),
        cmocka_unit_test(pose_projection_maps_fov_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

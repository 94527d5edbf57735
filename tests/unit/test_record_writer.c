/* test_record_writer.c — record writer and reader: round trip, flushing
 * policy, pose sampling, key files, time helpers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_record_util.h"

#include "arena.h"
#include "str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const unsigned char KEY32[32] = "0123456789abcdef0123456789abcdef";

static long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

static void round_trip_keeps_header_events_summary(void **state)
{
    (void)state;
    char dir[256], path[300], err[256] = "";
    trec_tmpdir(dir);
    snprintf(path, sizeof path, "%s/s.jsonl", dir);
    struct rec_key key;
    rec_key_from_bytes(KEY32, sizeof KEY32, &key);
    trec_session_file(path, &key, "trainee-042", 5, "passed", 87.5);

    struct arena a;
    arena_init(&a, "test", 1 << 16);
    struct rec_record r;
    assert_true(rec_record_load(path, &key, &a, &r, err, sizeof err));
    assert_int_equal(r.version, 1);
    assert_string_equal(r.header.trainee, "trainee-042");
    assert_string_equal(r.header.session, "6f1c2a9e-3b4d-4c5e-9f10-1a2b3c4d5e6f");
    assert_string_equal(r.header.scenario_id, "ev-battery/hv-isolation");
    assert_string_equal(r.header.start_utc, "2026-03-14T09:26:53.123Z");
    /* A 64-bit seed survives (JSON numbers would round it). */
    assert_true(r.header.seed == 18446744073709551615ull);
    assert_int_equal(r.check.integrity, REC_INTEGRITY_VERIFIED);
    assert_true(r.check.key_checked);
    assert_false(rec_check_is_finding(&r.check, &key));

    /* Events: per step started, grab, use, reading, completed; +hint,
     * +2 violations, +finished. */
    assert_int_equal(r.event_count, 5 * 5 + 1 + 2 + 1);
    const struct ev *v = NULL;
    for (size_t i = 0; i < r.event_count; i++)
        if (r.events[i].type == EV_RULE_VIOLATED && r.events[i].ival == EV_SEVERITY_CRITICAL) v = &r.events[i];
    assert_non_null(v);
    assert_string_equal(v->subject, "rule.touch_live");
    assert_string_equal(v->detail, "Kosketit jännitteistä osaa \"ennen\" mittausta, <b>");
    const struct ev *rd = NULL;
    for (size_t i = 0; i < r.event_count; i++)
        if (r.events[i].type == EV_READING) rd = &r.events[i];
    assert_non_null(rd);
    assert_string_equal(rd->unit, "V");
    assert_true(rd->value == 0.4);
    assert_int_equal(r.events[1].hand, 1); /* the grab */

    assert_true(r.summary.present);
    assert_string_equal(r.summary.result, "passed");
    assert_true(r.summary.score == 87.5);
    assert_int_equal(r.summary.steps_completed, 5);
    assert_int_equal(r.summary.hints, 1);
    assert_int_equal(r.summary.violations[EV_SEVERITY_MINOR], 1);
    assert_int_equal(r.summary.violations[EV_SEVERITY_CRITICAL], 1);
    assert_true(r.summary.duration_us > 5 * 3000000);
    assert_true(r.pose_count > 0);
    assert_true(r.poses[0].has_hand[1]);
    assert_false(r.poses[0].has_hand[0]);

    /* Leaving poses out keeps everything else, the end time included. */
    struct rec_record np;
    assert_true(rec_record_load_flags(path, &key, REC_READ_NO_POSES, &a, &np, err, sizeof err));
    assert_int_equal(np.pose_count, 0);
    assert_int_equal(np.event_count, r.event_count);
    assert_true(np.end_us == r.end_us);
    assert_int_equal(np.check.integrity, REC_INTEGRITY_VERIFIED);
    for (size_t i = 0; i < r.event_count; i++) {
        assert_int_equal(np.events[i].type, r.events[i].type);
        assert_true(np.events[i].t_us == r.events[i].t_us);
        assert_int_equal(np.event_line[i], r.event_line[i]);
    }
    assert_string_equal(np.summary.result, r.summary.result);

    /* Without the key the same record is "sealed" (HMAC unchecked), which
     * is not a finding; with a different key it is. */
    assert_true(rec_record_load(path, NULL, &a, &r, err, sizeof err));
    assert_int_equal(r.check.integrity, REC_INTEGRITY_SEALED);
    assert_false(rec_check_is_finding(&r.check, NULL));
    struct rec_key other;
    rec_key_from_bytes("another key of thirty-two bytes!", 32, &other);
    assert_true(rec_record_load(path, &other, &a, &r, err, sizeof err));
    assert_int_equal(r.check.integrity, REC_INTEGRITY_ALTERED);
    assert_non_null(strstr(r.check.finding, "another key"));
    arena_fini(&a);
    trec_rmdir(dir);
}

static void unkeyed_record_is_closed_and_key_demands_hmac(void **state)
{
    (void)state;
    char dir[256], path[300];
    trec_tmpdir(dir);
    snprintf(path, sizeof path, "%s/s.jsonl", dir);
    trec_session_file(path, NULL, "t1", 2, "failed", 10);
    size_t n = 0;
    char *d = trec_slurp(path, &n);
    struct rec_check c;
    rec_verify(d, n, NULL, &c);
    assert_int_equal(c.integrity, REC_INTEGRITY_CLOSED);
    assert_false(rec_check_is_finding(&c, NULL));
    struct rec_key key;
    rec_key_from_bytes(KEY32, 32, &key);
    rec_verify(d, n, &key, &c);
    /* With a key, a record closed without one is no edit verify can point
     * at, but it is a finding: nothing shows it was not re-hashed. */
    assert_int_equal(c.integrity, REC_INTEGRITY_CLOSED);
    assert_true(rec_check_is_finding(&c, &key));
    assert_non_null(strstr(c.note, "not sealed by any key"));
    free(d);
    trec_rmdir(dir);
}

static void create_never_overwrites(void **state)
{
    (void)state;
    char dir[256], path[300], err[256] = "";
    trec_tmpdir(dir);
    snprintf(path, sizeof path, "%s/s.jsonl", dir);
    trec_session_file(path, NULL, "t1", 1, "passed", 100);
    long before = file_size(path);
    struct rec_header h;
    trec_header(&h, "t2");
    assert_null(rec_writer_create(path, &h, NULL, err, sizeof err));
    assert_non_null(strstr(err, "File exists"));
    assert_int_equal(file_size(path), before);
    trec_rmdir(dir);
}

static void flushes_at_step_boundaries_and_each_second(void **state)
{
    (void)state;
    char dir[256], path[300], err[256] = "";
    trec_tmpdir(dir);
    snprintf(path, sizeof path, "%s/s.jsonl", dir);
    struct rec_header h;
    trec_header(&h, "t1");
    struct rec_writer *w = rec_writer_create(path, &h, NULL, err, sizeof err);
    assert_non_null(w);
    /* The header is on disk at once. */
    long after_header = file_size(path);
    assert_true(after_header > 0);

    struct ev e = {.type = EV_GRAB, .t_us = 100000, .hand = 0, .subject = "wrench"};
    assert_true(rec_writer_append(w, &e));
    /* An ordinary action 0.1 s in stays buffered... */
    assert_int_equal(file_size(path), after_header);
    /* ...a frame tick half a second later too... */
    assert_true(rec_writer_tick(w, 600000));
    assert_int_equal(file_size(path), after_header);
    /* ...but a second after the last flush it is written. */
    assert_true(rec_writer_tick(w, 1000000));
    long after_tick = file_size(path);
    assert_true(after_tick > after_header);

    e.t_us = 1100000;
    assert_true(rec_writer_append(w, &e));
    assert_int_equal(file_size(path), after_tick);
    /* A step boundary flushes immediately, whatever the time. */
    struct ev s = {.type = EV_STEP_COMPLETED, .t_us = 1150000, .hand = -1, .subject = "ppe"};
    assert_true(rec_writer_append(w, &s));
    assert_int_equal((uint64_t)file_size(path), rec_writer_bytes(w));
    rec_writer_abandon(&w);
    assert_null(w);
    trec_rmdir(dir);
}

static void pose_sampling_is_bounded(void **state)
{
    (void)state;
    char dir[256], path[300], err[256] = "";
    trec_tmpdir(dir);
    snprintf(path, sizeof path, "%s/s.jsonl", dir);
    struct rec_header h;
    trec_header(&h, "t1");
    struct rec_writer *w = rec_writer_create(path, &h, NULL, err, sizeof err);
    assert_non_null(w);
    uint64_t lines0 = rec_writer_lines(w);
    /* Standing still for 10 s at 90 Hz: one keepalive sample per second. */
    struct pose still = {{0, 1.7f, 0}, {0, 0, 0, 1}};
    int64_t t = 0;
    for (int f = 0; f < 900; f++, t += 11111) assert_true(rec_writer_pose(w, t, &still, &still, &still));
    uint64_t still_lines = rec_writer_lines(w) - lines0;
    assert_true(still_lines >= 10 && still_lines <= 11);
    /* Walking for 10 s: at most 5 per second. */
    uint64_t lines1 = rec_writer_lines(w);
    for (int f = 0; f < 900; f++, t += 11111) {
        struct pose p = {{0.02f * (float)f, 1.7f, 0}, {0, 0, 0, 1}};
        assert_true(rec_writer_pose(w, t, &p, NULL, NULL));
    }
    uint64_t moving = rec_writer_lines(w) - lines1;
    assert_true(moving >= 45 && moving <= 51);
    /* Turning the head 3 degrees counts as movement. */
    uint64_t lines2 = rec_writer_lines(w);
    struct pose p0 = {{18, 1.7f, 0}, {0, 0, 0, 1}};
    struct pose p1 = {{18, 1.7f, 0}, {0, 0.0261769f, 0, 0.9996573f}};
    t += 1000000;
    assert_true(rec_writer_pose(w, t, &p0, NULL, NULL));
    assert_true(rec_writer_pose(w, t + 300000, &p1, NULL, NULL));
    assert_int_equal(rec_writer_lines(w) - lines2, 2);
    assert_true(rec_writer_close(&w, t + 400000, err, sizeof err));
    trec_rmdir(dir);
}

static void key_file_rules(void **state)
{
    (void)state;
    char dir[256], path[300], err[256] = "";
    trec_tmpdir(dir);
    snprintf(path, sizeof path, "%s/k", dir);
    struct rec_key k;
    assert_false(rec_key_load(path, &k, err, sizeof err));
    assert_non_null(strstr(err, "cannot open"));
    trec_spit(path, "short", 5);
    assert_false(rec_key_load(path, &k, err, sizeof err));
    assert_non_null(strstr(err, "at least 32"));
    trec_spit(path, (const char *)KEY32, 32);
    assert_true(rec_key_load(path, &k, err, sizeof err));
    assert_int_equal(k.len, 32);
    assert_int_equal(strlen(k.id), 16);
    /* The seal is standard HMAC-SHA-256 over "paja-seal/1\n" + head; the
     * expected value was computed independently with Python's hmac module. */
    struct rec_key jefe;
    rec_key_from_bytes("Jefe", 4, &jefe);
    char mac[REC_HASH_HEX_LEN];
    rec_seal_hmac(&jefe, REC_CHAIN_GENESIS, mac);
    assert_string_equal(mac, "f3e2cd4d193e3d74dce6f3756bc92843ffe14762222925273b193d7bae79298b");
    char mac2[REC_HASH_HEX_LEN];
    rec_seal_hmac(&k, REC_CHAIN_GENESIS, mac2);
    assert_false(rec_hex_equal(mac, mac2));
    assert_true(rec_hex_equal(mac, mac));
    trec_rmdir(dir);
}

static void time_helpers(void **state)
{
    (void)state;
    int64_t ms = 0;
    assert_true(rec_time_parse_utc("2026-03-14T09:26:53.123Z", &ms));
    char out[32];
    rec_time_format_utc(ms + 90061001, out); /* + 1 d 1 h 1 min 1.001 s */
    assert_string_equal(out, "2026-03-15T10:27:54.124Z");
    assert_true(rec_time_parse_utc("1970-01-01T00:00:00Z", &ms));
    assert_int_equal(ms, 0);
    assert_true(rec_time_parse_utc("2024-02-29T23:59:59.9Z", &ms));
    rec_time_format_utc(ms + 100, out);
    assert_string_equal(out, "2024-03-01T00:00:00.000Z");
    assert_false(rec_time_parse_utc("2026-03-14 09:26:53Z", &ms));
    assert_false(rec_time_parse_utc("2026-03-14T09:26:53+02:00", &ms));
    assert_false(rec_time_parse_utc("", &ms));
    char d[40];
    rec_duration_format(0, d);
    assert_string_equal(d, "PT0S");
    rec_duration_format(83400000, d);
    assert_string_equal(d, "PT1M23.40S");
    rec_duration_format(3600000000LL, d);
    assert_string_equal(d, "PT1H");
    rec_duration_format(3723004999LL, d);
    assert_string_equal(d, "PT1H2M3S");
}

/* Numbers out of every integer range (a damaged or hostile record) are
 * clamped, never converted with undefined behaviour (UBSan in CI). */
static void hostile_numbers_are_clamped(void **state)
{
    (void)state;
    const char *d = "{\"n\":0,\"k\":\"header\",\"format\":\"paja-record\",\"version\":1}\n"
                    "{\"n\":1,\"k\":\"ev\",\"t\":1.47e83,\"type\":\"rule_violated\",\"hand\":-1e40,"
                    "\"ival\":1e20}\n"
                    "{\"n\":2,\"k\":\"ev\",\"t\":-5e30,\"type\":\"grab\",\"hand\":7}\n"
                    "{\"n\":3,\"k\":\"summary\",\"t\":1e99,\"duration_us\":-1e99,\"hints\":1e12,"
                    "\"violations\":{\"critical\":-3e9}}\n"
                    "{\"n\":4,\"k\":\"seal\",\"lines\":1e300}\n";
    struct arena a;
    arena_init(&a, "t", 4096);
    struct rec_record r;
    char err[256];
    assert_true(rec_record_parse(d, strlen(d), NULL, &a, &r, err, sizeof err));
    assert_int_equal(r.check.integrity, REC_INTEGRITY_ALTERED);
    assert_int_equal(r.event_count, 2);
    assert_true(r.events[0].t_us == 1000000000000000LL);
    assert_int_equal(r.events[0].hand, -1);
    assert_true(r.events[1].t_us == 0);
    assert_int_equal(r.events[1].hand, 1);
    assert_true(r.summary.duration_us == 0);
    assert_int_equal(r.summary.violations[EV_SEVERITY_CRITICAL], 0);
    struct str_buf b = {0};
    rec_xapi_statements(&r, NULL, &b);
    str_buf_free(&b);
    arena_fini(&a);
}

int trec_run_writer_tests(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(round_trip_keeps_header_events_summary),
        cmocka_unit_test(unkeyed_record_is_closed_and_key_demands_hmac),
        cmocka_unit_test(create_never_overwrites),
        cmocka_unit_test(flushes_at_step_boundaries_and_each_second),
        cmocka_unit_test(pose_sampling_is_bounded),
        cmocka_unit_test(key_file_rules),
        cmocka_unit_test(time_helpers),
        cmocka_unit_test(hostile_numbers_are_clamped),
    };
    return cmocka_run_group_tests_name("record writer", tests, NULL, NULL);
}

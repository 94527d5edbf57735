/* test_golden_compare.c — the golden comparator's tolerances on synthetic
 * images (no GL): rounding noise between CPUs passes, a shift of the whole
 * image or a real local change fails. Reasons for the limits: golden.c. */
#include "golden.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

enum { W = 400, H = 300, N = W * H };

/* A deterministic generator, so a failure reproduces. */
static uint32_t rng_state;
static uint32_t rng(void)
{
    rng_state = rng_state * 1664525u + 1013904223u;
    return rng_state >> 8;
}

/* A smooth test picture with values in 20..235, so ±2 never clips. */
static uint8_t *picture(void)
{
    uint8_t *p = malloc((size_t)N * 4);
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            uint8_t *px = p + ((size_t)y * W + x) * 4;
            px[0] = (uint8_t)(20 + x * 215 / W);
            px[1] = (uint8_t)(20 + y * 215 / H);
            px[2] = (uint8_t)(20 + (x + y) * 215 / (W + H));
            px[3] = 255;
        }
    return p;
}

static uint8_t *copy(const uint8_t *p)
{
    uint8_t *c = malloc((size_t)N * 4);
    memcpy(c, p, (size_t)N * 4);
    return c;
}

static void test_identical_passes(void **state)
{
    (void)state;
    uint8_t *ref = picture(), *act = copy(ref);
    struct golden_stats s;
    assert_true(golden_compare(ref, act, W, H, &s));
    assert_int_equal(s.max_delta, 0);
    free(ref);
    free(act);
}

/* Rounding flips: 30% of pixels, one channel each, by +1 or -1 at random. */
static void test_one_step_noise_on_30_percent_passes(void **state)
{
    (void)state;
    rng_state = 12345;
    uint8_t *ref = picture(), *act = copy(ref);
    for (size_t i = 0; i < N; i++) {
        if (rng() % 100 >= 30) continue;
        uint8_t *c = &act[i * 4 + rng() % 3];
        *c = (uint8_t)(*c + ((rng() & 1) ? 1 : -1));
    }
    struct golden_stats s;
    assert_true(golden_compare(ref, act, W, H, &s));
    assert_true(s.differing_percent > 29.0 && s.differing_percent < 31.0);
    assert_int_equal(s.max_delta, 1);
    free(ref);
    free(act);
}

/* Like the EPYC against the Intel references, with margin: 1% of pixels
 * flip in each channel, 90% of them upwards (mean +0.008). */
static void test_leaning_flips_like_another_cpu_pass(void **state)
{
    (void)state;
    rng_state = 777;
    uint8_t *ref = picture(), *act = copy(ref);
    for (size_t i = 0; i < N; i++)
        for (int c = 0; c < 3; c++)
            if (rng() % 1000 < 10) act[i * 4 + c] = (uint8_t)(act[i * 4 + c] + (rng() % 10 ? 1 : -1));
    struct golden_stats s;
    assert_true(golden_compare(ref, act, W, H, &s));
    assert_true(s.mean_signed[0] > 0.006 && s.mean_signed[0] < 0.010);
    free(ref);
    free(act);
}

/* A few edge pixels off by 2 (0.3%) still pass. */
static void test_small_area_of_two_passes(void **state)
{
    (void)state;
    rng_state = 99;
    uint8_t *ref = picture(), *act = copy(ref);
    for (size_t i = 0; i < N; i++)
        if (rng() % 1000 < 3) act[i * 4] = (uint8_t)(act[i * 4] + ((rng() & 1) ? 2 : -2));
    struct golden_stats s;
    assert_true(golden_compare(ref, act, W, H, &s));
    assert_int_equal(s.max_delta, 2);
    free(ref);
    free(act);
}

/* +1 on every pixel in one channel: the whole image shifted. */
static void test_whole_image_shift_fails(void **state)
{
    (void)state;
    uint8_t *ref = picture(), *act = copy(ref);
    for (size_t i = 0; i < N; i++) act[i * 4 + 1]++;
    struct golden_stats s;
    assert_false(golden_compare(ref, act, W, H, &s));
    assert_int_equal(s.max_delta, 1);
    assert_true(s.mean_signed[1] > 0.99);
    free(ref);
    free(act);
}

/* A light one step brighter in a region: a tenth of its pixels go up by 1
 * (the rest round the same), over a third of the image (mean +0.033, about
 * what golden.gltf_alpha_blend_light_100 measures). */
static void test_partial_one_sided_region_fails(void **state)
{
    (void)state;
    rng_state = 4242;
    uint8_t *ref = picture(), *act = copy(ref);
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W / 3; x++)
            if (rng() % 10 == 0) act[((size_t)y * W + x) * 4]++;
    struct golden_stats s;
    assert_false(golden_compare(ref, act, W, H, &s));
    free(ref);
    free(act);
}

/* A real local change: a 20x20 patch 10 steps brighter. */
static void test_local_change_fails(void **state)
{
    (void)state;
    uint8_t *ref = picture(), *act = copy(ref);
    for (int y = 100; y < 120; y++)
        for (int x = 200; x < 220; x++)
            for (int c = 0; c < 3; c++) act[((size_t)y * W + x) * 4 + c] += 10;
    struct golden_stats s;
    assert_false(golden_compare(ref, act, W, H, &s));
    assert_int_equal(s.max_delta, 10);
    free(ref);
    free(act);
}

/* A local change of 2 over a bigger area (2%) fails on area alone. */
static void test_area_of_twos_fails(void **state)
{
    (void)state;
    uint8_t *ref = picture(), *act = copy(ref);
    for (int y = 0; y < 60; y++)
        for (int x = 0; x < 40; x++) {
            uint8_t *px = &act[((size_t)y * W + x) * 4];
            px[0] = (uint8_t)(px[0] + ((x + y) % 2 ? 2 : -2)); /* no net shift */
        }
    struct golden_stats s;
    assert_false(golden_compare(ref, act, W, H, &s));
    assert_true(s.over_one_percent > 1.9);
    free(ref);
    free(act);
}

/* Alpha is not compared. */
static void test_alpha_ignored(void **state)
{
    (void)state;
    uint8_t *ref = picture(), *act = copy(ref);
    for (size_t i = 0; i < N; i++) act[i * 4 + 3] = 0;
    struct golden_stats s;
    assert_true(golden_compare(ref, act, W, H, &s));
    assert_int_equal(s.max_delta, 0);
    free(ref);
    free(act);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_identical_passes),
        cmocka_unit_test(test_one_step_noise_on_30_percent_passes),
        cmocka_unit_test(test_leaning_flips_like_another_cpu_pass),
        cmocka_unit_test(test_small_area_of_two_passes),
        cmocka_unit_test(test_whole_image_shift_fails),
        cmocka_unit_test(test_partial_one_sided_region_fails),
        cmocka_unit_test(test_local_change_fails),
        cmocka_unit_test(test_area_of_twos_fails),
        cmocka_unit_test(test_alpha_ignored),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

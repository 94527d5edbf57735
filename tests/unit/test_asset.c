/* test_asset.c — image decode/encode (the asset module's first piece). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "image.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void png_roundtrip_keeps_pixels(void **state)
{
    (void)state;
    enum { W = 7, H = 5 };
    uint8_t px[W * H * 4];
    for (int i = 0; i < W * H * 4; i++) px[i] = (uint8_t)(i * 37 + 11);
    char path[] = "/tmp/paja-test-png-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    char err[256];
    assert_true(image_write_png(path, W, H, px, err, sizeof err));
    struct image img;
    assert_true(image_load(path, &img, err, sizeof err));
    assert_int_equal(img.width, W);
    assert_int_equal(img.height, H);
    assert_memory_equal(img.rgba, px, sizeof px);
    image_free(&img);
    assert_null(img.rgba);
    unlink(path);
}

static void decode_refuses_garbage_with_reason(void **state)
{
    (void)state;
    struct image img;
    char err[256] = "";
    const char junk[] = "this is not an image at all";
    assert_false(image_decode(junk, sizeof junk, &img, err, sizeof err));
    assert_non_null(strstr(err, "cannot decode image"));
    assert_null(img.rgba);
    /* A PNG signature followed by nothing. */
    const unsigned char truncated[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
    assert_false(image_decode(truncated, sizeof truncated, &img, err, sizeof err));
}

static void load_reports_missing_file(void **state)
{
    (void)state;
    struct image img;
    char err[256];
    assert_false(image_load("/nonexistent/paja.png", &img, err, sizeof err));
    assert_non_null(strstr(err, "/nonexistent/paja.png"));
}

static void write_reports_unwritable_path(void **state)
{
    (void)state;
    uint8_t px[4] = {1, 2, 3, 4};
    char err[256];
    assert_false(image_write_png("/nonexistent-dir/x.png", 1, 1, px, err, sizeof err));
    assert_non_null(strstr(err, "cannot create"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(png_roundtrip_keeps_pixels),
        cmocka_unit_test(decode_refuses_garbage_with_reason),
        cmocka_unit_test(load_reports_missing_file),
        cmocka_unit_test(write_reports_unwritable_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

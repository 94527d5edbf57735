/* golden.h — golden-image comparison for headless renders (tests only).
 *
 * Policy (../shared/reference/headless-rendering.md §3): images come from an
 * RGBA8 framebuffer and are compared on RGB only; an exact hash match passes
 * at once; otherwise golden_compare decides (its tolerances and why are
 * written above it in golden.c): differences of one step may cover any area
 * as long as they do not shift the image one way on average; larger ones
 * (at most 2) only a small area. The reference's GL_RENDERER and GL_VERSION are
 * stored beside it: on a different driver (not llvmpipe, or another Mesa
 * version) the comparison is skipped, because its pixels are not expected to
 * match. A failure writes NAME.actual.png and NAME.diff.png into out_dir.
 *
 * References live in tests/golden/NAME.png with NAME.meta. To create or
 * deliberately regenerate them, run the test with PAJA_GOLDEN_UPDATE=1 and
 * look at the new image before committing it. */
#ifndef PAJA_GOLDEN_H
#define PAJA_GOLDEN_H

#include <stdbool.h>
#include <stdint.h>

enum golden_result {
    GOLDEN_PASS,     /* exact or within tolerance */
    GOLDEN_FAIL,     /* differs beyond tolerance, or size differs */
    GOLDEN_SKIP,     /* different renderer: not comparable */
    GOLDEN_UPDATED,  /* PAJA_GOLDEN_UPDATE=1: reference written */
    GOLDEN_ERROR,    /* reference missing or unreadable */
};

#define GOLDEN_EXIT_SKIP 77 /* ctest SKIP_RETURN_CODE */

/* What golden_compare measured. */
struct golden_stats {
    double differing_percent; /* pixels with any RGB difference */
    double over_one_percent;  /* pixels with some channel differing by more than 1 */
    int max_delta;            /* largest per-channel difference */
    double mean_signed[3];    /* mean of (actual - reference) per channel, in steps */
};

/* The limits golden_compare applies (reasons in golden.c). */
#define GOLDEN_MAX_DELTA 2
#define GOLDEN_MAX_OVER_ONE_PERCENT 0.5
#define GOLDEN_MAX_MEAN_SHIFT 0.015

struct golden_report {
    enum golden_result result;
    double differing_percent; /* pixels with any RGB difference */
    int max_delta;            /* largest per-channel difference */
    struct golden_stats stats;
    char message[4096];
};

/* Compares two w x h RGBA8 images on RGB under the tolerances above; true
 * when act passes as ref. Pure: no files, no GL (unit-tested on synthetic
 * images in test_golden_compare.c). */
bool golden_compare(const uint8_t *ref, const uint8_t *act, int w, int h, struct golden_stats *out);

/* Compares w x h RGBA8 pixels (rows top to bottom) with ref_dir/name.png. */
enum golden_result golden_check(const char *ref_dir, const char *out_dir, const char *name, const uint8_t *rgba,
                                int w, int h, const char *renderer, const char *version, struct golden_report *out);
/* FNV-1a over the RGB bytes only (alpha ignored). */
uint64_t golden_hash_rgb(const uint8_t *rgba, int w, int h);
/* The exit status for a test that made one comparison. */
int golden_exit_code(enum golden_result r);

#endif

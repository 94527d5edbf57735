/* golden.c — golden-image comparison (see golden.h). */
#include "golden.h"

#include "image.h"

#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Comparable only on the same software renderer and Mesa release. The
 * renderer string also names the SIMD width ("256 bits"); that difference is
 * what the tolerance is for, so only the "llvmpipe" prefix is compared. */
static bool same_driver(const char *ref_renderer, const char *ref_version, const char *renderer, const char *version)
{
    return strncmp(renderer, "llvmpipe", 8) == 0 && strncmp(ref_renderer, "llvmpipe", 8) == 0 &&
           strcmp(ref_version, version) == 0;
}

uint64_t golden_hash_rgb(const uint8_t *rgba, int w, int h)
{
    uint64_t hash = 1469598103934665603ull;
    size_t n = (size_t)w * (size_t)h;
    for (size_t i = 0; i < n; i++) {
        for (int c = 0; c < 3; c++) {
            hash ^= rgba[i * 4 + (size_t)c];
            hash *= 1099511628211ull;
        }
    }
    return hash;
}

int golden_exit_code(enum golden_result r)
{
    switch (r) {
    case GOLDEN_PASS:
    case GOLDEN_UPDATED: return 0;
    case GOLDEN_SKIP: return GOLDEN_EXIT_SKIP;
    default: return 1;
    }
}

struct meta { char renderer[256]; char version[256]; int w, h; uint64_t hash; };

static bool read_meta(const char *path, struct meta *m)
{
    memset(m, 0, sizeof *m);
    FILE *f = fopen(path, "r");
    if (!f) return false;
    char line[512];
    int found = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (strncmp(line, "renderer: ", 10) == 0) { snprintf(m->renderer, sizeof m->renderer, "%s", line + 10); found++; }
        else if (strncmp(line, "version: ", 9) == 0) { snprintf(m->version, sizeof m->version, "%s", line + 9); found++; }
        else if (sscanf(line, "size: %dx%d", &m->w, &m->h) == 2) found++;
        else if (sscanf(line, "rgb_fnv1a: %" SCNx64, &m->hash) == 1) found++;
    }
    fclose(f);
    return found == 4;
}

static bool write_meta(const char *path, const char *renderer, const char *version, int w, int h, uint64_t hash)
{
    FILE *f = fopen(path, "w");
    if (!f) return false;
    fprintf(f, "renderer: %s\nversion: %s\nsize: %dx%d\nrgb_fnv1a: %016" PRIx64 "\n", renderer, version, w, h, hash);
    return fclose(f) == 0;
}

/* Red where pixels differ (brighter for larger differences) over a dimmed
 * grey copy of the reference, so a person sees where and how much. */
static void write_diff(const char *path, const uint8_t *ref, const uint8_t *act, int w, int h)
{
    size_t n = (size_t)w * (size_t)h;
    uint8_t *d = malloc(n * 4);
    if (!d) return;
    for (size_t i = 0; i < n; i++) {
        int delta = 0;
        for (int c = 0; c < 3; c++) {
            int x = abs((int)ref[i * 4 + (size_t)c] - (int)act[i * 4 + (size_t)c]);
            if (x > delta) delta = x;
        }
        uint8_t grey = (uint8_t)((ref[i * 4] + ref[i * 4 + 1] + ref[i * 4 + 2]) / 12);
        if (delta) {
            d[i * 4] = (uint8_t)(delta * 4 + 128 > 255 ? 255 : delta * 4 + 128);
            d[i * 4 + 1] = d[i * 4 + 2] = 0;
        } else {
            d[i * 4] = d[i * 4 + 1] = d[i * 4 + 2] = grey;
        }
        d[i * 4 + 3] = 255;
    }
    char err[256];
    if (!image_write_png(path, w, h, d, err, sizeof err)) fprintf(stderr, "golden: %s\n", err);
    free(d);
}

/* Tolerances, reasoned:
 *
 * llvmpipe on two x86-64 CPUs runs the same shaders through the same LLVM,
 * but LLVM tunes the code for the host CPU and x86 leaves some results to
 * the vendor (the approximate reciprocals RCPPS/RSQRTPS), so values can
 * differ by a tiny fraction of one 8-bit step. A pixel's rounding flips only
 * where its exact value lay that close to a step boundary: scattered pixels,
 * each off by exactly 1. Measured: golden.gltf_alpha_blend on an AMD EPYC
 * against references from an Intel CPU: 2.714% of pixels differ, all by 1,
 * and the flips lean one way (mean signed difference +0.0057, +0.0080,
 * +0.0068 per channel). Hence:
 *
 * - a difference of 1 may cover any area: its area alone says nothing;
 * - larger differences come from geometry (an edge pixel's coverage) or two
 *   flips in a row (blending over blending), never from one flip: they may
 *   cover at most 0.5% of pixels and never exceed 2;
 * - a real change of a colour or light moves a coherent region one way, and
 *   the mean signed difference per channel over the whole image catches it.
 *   The key light one 8-bit step (1/255 of itself) brighter or darker in one
 *   channel moves that channel's mean by 0.028 to 0.032 on llvmpipe
 *   (golden.gltf_alpha_blend_light_*, measured on the EPYC against
 *   references made there), the EPYC's flips against the Intel references
 *   by at most 0.008. The limit, 0.015, is about twice the CPU drift and
 *   half the smallest deliberate change, so a light change still fails
 *   where the drift runs against it (0.028 - 0.008 = 0.020 > 0.015). */
bool golden_compare(const uint8_t *ref, const uint8_t *act, int w, int h, struct golden_stats *out)
{
    memset(out, 0, sizeof *out);
    size_t n = (size_t)w * (size_t)h, differing = 0, over_one = 0;
    long long sum[3] = {0, 0, 0};
    int max_delta = 0;
    for (size_t i = 0; i < n; i++) {
        int pd = 0;
        for (int c = 0; c < 3; c++) {
            int d = (int)act[i * 4 + (size_t)c] - (int)ref[i * 4 + (size_t)c];
            sum[c] += d;
            if (abs(d) > pd) pd = abs(d);
        }
        if (pd) differing++;
        if (pd > 1) over_one++;
        if (pd > max_delta) max_delta = pd;
    }
    if (n == 0) return true;
    out->differing_percent = 100.0 * (double)differing / (double)n;
    out->over_one_percent = 100.0 * (double)over_one / (double)n;
    out->max_delta = max_delta;
    bool shifted = false;
    for (int c = 0; c < 3; c++) {
        out->mean_signed[c] = (double)sum[c] / (double)n;
        if (fabs(out->mean_signed[c]) > GOLDEN_MAX_MEAN_SHIFT) shifted = true;
    }
    return max_delta <= GOLDEN_MAX_DELTA && out->over_one_percent <= GOLDEN_MAX_OVER_ONE_PERCENT && !shifted;
}

enum golden_result golden_check(const char *ref_dir, const char *out_dir, const char *name, const uint8_t *rgba,
                                int w, int h, const char *renderer, const char *version, struct golden_report *out)
{
    memset(out, 0, sizeof *out);
    char png[1024], meta_path[1024], actual[1024], diff[1024], err[512];
    snprintf(png, sizeof png, "%s/%s.png", ref_dir, name);
    snprintf(meta_path, sizeof meta_path, "%s/%s.meta", ref_dir, name);
    snprintf(actual, sizeof actual, "%s/%s.actual.png", out_dir, name);
    snprintf(diff, sizeof diff, "%s/%s.diff.png", out_dir, name);
    uint64_t hash = golden_hash_rgb(rgba, w, h);

    const char *update = getenv("PAJA_GOLDEN_UPDATE");
    if (update && strcmp(update, "1") == 0) {
        if (!image_write_png(png, w, h, rgba, err, sizeof err) ||
            !write_meta(meta_path, renderer, version, w, h, hash)) {
            snprintf(out->message, sizeof out->message, "cannot write reference %s: %s", png, err);
            return out->result = GOLDEN_ERROR;
        }
        snprintf(out->message, sizeof out->message, "reference %s written (%dx%d, %s); look at it before committing",
                 png, w, h, renderer);
        return out->result = GOLDEN_UPDATED;
    }

    struct meta m;
    if (!read_meta(meta_path, &m)) {
        snprintf(out->message, sizeof out->message,
                 "no reference %s (or it is incomplete); create it with PAJA_GOLDEN_UPDATE=1", meta_path);
        return out->result = GOLDEN_ERROR;
    }
    if (!same_driver(m.renderer, m.version, renderer, version)) {
        snprintf(out->message, sizeof out->message,
                 "skipped: reference made with '%s' / '%s', this run has '%s' / '%s'", m.renderer, m.version,
                 renderer, version);
        return out->result = GOLDEN_SKIP;
    }
    if (m.w != w || m.h != h) {
        snprintf(out->message, sizeof out->message, "size %dx%d differs from the reference's %dx%d", w, h, m.w, m.h);
        image_write_png(actual, w, h, rgba, err, sizeof err);
        return out->result = GOLDEN_FAIL;
    }
    if (hash == m.hash) {
        snprintf(out->message, sizeof out->message, "exact match (%016" PRIx64 ")", hash);
        return out->result = GOLDEN_PASS;
    }

    struct image ref;
    if (!image_load(png, &ref, err, sizeof err)) {
        snprintf(out->message, sizeof out->message, "cannot read reference: %s", err);
        return out->result = GOLDEN_ERROR;
    }
    if (ref.width != w || ref.height != h) {
        snprintf(out->message, sizeof out->message, "reference image %s is %dx%d but its meta says %dx%d", png,
                 ref.width, ref.height, m.w, m.h);
        image_free(&ref);
        return out->result = GOLDEN_ERROR;
    }
    bool pass = golden_compare(ref.rgba, rgba, w, h, &out->stats);
    out->differing_percent = out->stats.differing_percent;
    out->max_delta = out->stats.max_delta;
    if (pass) {
        snprintf(out->message, sizeof out->message,
                 "within tolerance: %.3f%% of pixels differ, by at most %d; %.3f%% by more than 1; mean shift "
                 "%+.4f %+.4f %+.4f",
                 out->differing_percent, out->max_delta, out->stats.over_one_percent, out->stats.mean_signed[0],
                 out->stats.mean_signed[1], out->stats.mean_signed[2]);
    } else {
        image_write_png(actual, w, h, rgba, err, sizeof err);
        write_diff(diff, ref.rgba, rgba, w, h);
        snprintf(out->message, sizeof out->message,
                 "differs: %.3f%% of pixels differ, by up to %d (limit %d); %.3f%% by more than 1 (limit %.1f%%); "
                 "mean shift per channel %+.4f %+.4f %+.4f (limit %.3f); see %s and %s",
                 out->differing_percent, out->max_delta, GOLDEN_MAX_DELTA, out->stats.over_one_percent,
                 GOLDEN_MAX_OVER_ONE_PERCENT, out->stats.mean_signed[0], out->stats.mean_signed[1],
                 out->stats.mean_signed[2], GOLDEN_MAX_MEAN_SHIFT, actual, diff);
    }
    image_free(&ref);
    return out->result = pass ? GOLDEN_PASS : GOLDEN_FAIL;
}

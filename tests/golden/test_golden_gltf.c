/* test_golden_gltf.c — glTF sample models rendered headless through
 * `paja view`'s own path (app_view: reader → scene → PBR on llvmpipe) and
 * compared with tests/golden/gltf_CASE.png under the golden policy.
 *
 *   golden_gltf CASE
 *   golden_gltf CASE --light-step R G B
 *
 * The second form renders with the key light's colour changed by R, G, B
 * steps of 1/255 of itself (one 8-bit step of a colour, whatever the light's
 * intensity) and passes only when the comparison FAILS: the golden
 * tolerance must never hide a deliberate change that small (golden.c).
 *
 * Every run also writes gltf_CASE.sbs.png into the output folder: our render
 * beside the sample's own reference screenshot, scaled to the same height,
 * for people to look at (the two come from different renderers, lights and
 * cameras, so they are never compared by machine). With PAJA_GOLDEN_UPDATE=1
 * the side-by-side is refreshed in tests/golden/ too. Exit 77 (skip) when the
 * sample corpus is absent. */
#include "app.h"
#include "golden.h"
#include "image.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef PAJA_GLTF_SAMPLES
#define PAJA_GLTF_SAMPLES ""
#endif

struct golden_case {
    const char *name;
    const char *model;      /* relative to the samples folder */
    const char *screenshot; /* the sample's own reference image */
    float yaw, pitch, zoom;
    int animation;
    float time;
};

static const struct golden_case CASES[] = {
    {"alpha_blend", "AlphaBlendModeTest/glTF-Binary/AlphaBlendModeTest.glb", "AlphaBlendModeTest/screenshot/screenshot.png",
     0, 10, 1.3f, -1, 0},
    {"texture_transform", "TextureTransformTest/glTF/TextureTransformTest.gltf",
     "TextureTransformTest/screenshot/screenshot.jpg", 0, 0, 1.3f, -1, 0},
    {"texture_transform_multi", "TextureTransformMultiTest/glTF-Binary/TextureTransformMultiTest.glb",
     "TextureTransformMultiTest/screenshot/screenshot.jpg", 0, 0, 1.2f, -1, 0},
    {"normal_tangent_mirror", "NormalTangentMirrorTest/glTF-Binary/NormalTangentMirrorTest.glb",
     "NormalTangentMirrorTest/screenshot/screenshot.png", 0, 0, 1.4f, -1, 0},
    {"vertex_color", "VertexColorTest/glTF-Binary/VertexColorTest.glb", "VertexColorTest/screenshot/screenshot.png", 0, 0,
     1.3f, -1, 0},
    {"sparse_accessor", "SimpleSparseAccessor/glTF/SimpleSparseAccessor.gltf",
     "SimpleSparseAccessor/screenshot/screenshot.png", 0, 0, 1.2f, -1, 0},
    {"metal_rough_spheres", "MetalRoughSpheresNoTextures/glTF-Binary/MetalRoughSpheresNoTextures.glb",
     "MetalRoughSpheresNoTextures/screenshot/screenshot.png", 0, 0, 1.4f, -1, 0},
    {"skinned_fox", "Fox/glTF-Binary/Fox.glb", "Fox/screenshot/screenshot.jpg", 50, 10, 1.2f, 0, 0.5f},
    {"skinned_simple", "SimpleSkin/glTF/SimpleSkin.gltf", "SimpleSkin/screenshot/screenshot.gif", 0, 0, 1.0f, 0, 1.5f},
    {"morph_cube", "AnimatedMorphCube/glTF-Binary/AnimatedMorphCube.glb", "AnimatedMorphCube/screenshot/screenshot.gif",
     30, 20, 0.9f, 0, 0.75f},
};
#define CASE_COUNT (sizeof CASES / sizeof CASES[0])

/* Nearest-neighbour scale of src into dst at (x0, 0) with height h. */
static void blit_scaled(uint8_t *dst, int dw, int dh, int x0, const uint8_t *src, int sw, int sh, int w, int h)
{
    for (int y = 0; y < h && y < dh; y++)
        for (int x = 0; x < w && x0 + x < dw; x++) {
            int sx = x * sw / w, sy = y * sh / h;
            const uint8_t *s = src + ((size_t)sy * sw + sx) * 4;
            uint8_t *d = dst + ((size_t)y * dw + x0 + x) * 4;
            memcpy(d, s, 3);
            d[3] = 255;
        }
}

/* Ours on the left, the sample's screenshot on the right, same height. */
static void write_side_by_side(const char *path, const uint8_t *ours, int w, int h, const char *ref_path)
{
    struct image ref;
    char err[512];
    if (!image_load(ref_path, &ref, err, sizeof err)) {
        fprintf(stderr, "side-by-side: %s\n", err);
        return;
    }
    int rw = ref.width * h / ref.height, gap = 8;
    int W = w + gap + rw;
    uint8_t *out = calloc((size_t)W * h, 4);
    for (size_t i = 0; i < (size_t)W * h; i++) out[i * 4 + 3] = 255;
    blit_scaled(out, W, h, 0, ours, w, h, w, h);
    blit_scaled(out, W, h, w + gap, ref.rgba, ref.width, ref.height, rw, h);
    if (!image_write_png(path, W, h, out, err, sizeof err)) fprintf(stderr, "side-by-side: %s\n", err);
    free(out);
    image_free(&ref);
}

int main(int argc, char **argv)
{
    bool light_step = argc == 6 && strcmp(argv[2], "--light-step") == 0;
    if (argc != 2 && !light_step) {
        fprintf(stderr, "usage: golden_gltf CASE [--light-step R G B]\n");
        return 2;
    }
    const char *update = getenv("PAJA_GOLDEN_UPDATE");
    bool updating = update && strcmp(update, "1") == 0;
    if (light_step && updating) {
        printf("SKIP: a changed light never writes a reference\n");
        return GOLDEN_EXIT_SKIP;
    }
    const struct golden_case *c = NULL;
    for (size_t i = 0; i < CASE_COUNT; i++)
        if (strcmp(CASES[i].name, argv[1]) == 0) c = &CASES[i];
    if (!c) {
        fprintf(stderr, "golden_gltf: no case '%s'\n", argv[1]);
        return 2;
    }
    char model[1024], shot[1024];
    snprintf(model, sizeof model, "%s/%s", PAJA_GLTF_SAMPLES, c->model);
    snprintf(shot, sizeof shot, "%s/%s", PAJA_GLTF_SAMPLES, c->screenshot);
    if (access(model, R_OK) != 0) {
        printf("SKIP: %s not found\n", model);
        return GOLDEN_EXIT_SKIP;
    }
    struct app_view_opts o;
    app_view_opts_default(&o);
    o.model = model;
    o.headless = true;
    o.frames = 1;
    o.width = 400;
    o.height = 300;
    o.yaw = c->yaw;
    o.pitch = c->pitch;
    o.zoom = c->zoom;
    o.animation = c->animation;
    o.time = c->time;
    if (light_step)
        for (int k = 0; k < 3; k++) o.light_steps[k] = (float)atoi(argv[3 + k]);
    struct app_capture cap = {0};
    int rc = app_view(&o, &cap);
    if (rc != 0 || !cap.rgba) {
        fprintf(stderr, "golden: headless view of %s failed (exit %d)\n", model, rc);
        return 1;
    }
    char name[128], path[1024];
    snprintf(name, sizeof name, "gltf_%s", c->name);
    struct golden_report rep;
    enum golden_result r =
        golden_check(PAJA_GOLDEN_DIR, PAJA_GOLDEN_OUT, name, cap.rgba, cap.width, cap.height, cap.renderer, cap.version, &rep);
    printf("golden %s: %s\n", name, rep.message);
    if (light_step) {
        free(cap.rgba);
        if (r == GOLDEN_SKIP) return GOLDEN_EXIT_SKIP;
        if (r == GOLDEN_FAIL) {
            printf("a light changed by %s %s %s steps is caught, as it must be\n", argv[3], argv[4], argv[5]);
            return 0;
        }
        fprintf(stderr, "a light changed by %s %s %s steps passed the golden comparison\n", argv[3], argv[4],
                argv[5]);
        return 1;
    }
    snprintf(path, sizeof path, "%s/%s.sbs.png", PAJA_GOLDEN_OUT, name);
    write_side_by_side(path, cap.rgba, cap.width, cap.height, shot);
    if (updating) {
        snprintf(path, sizeof path, "%s/%s.sbs.png", PAJA_GOLDEN_DIR, name);
        write_side_by_side(path, cap.rgba, cap.width, cap.height, shot);
    }
    free(cap.rgba);
    return golden_exit_code(r);
}

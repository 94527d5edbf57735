/* xr_eye_golden NAME IMAGE.png RENDERER VERSION — compares one of xrsim's
 * eye dumps (left eye | right eye, side by side) with the golden images
 * tests/golden/NAME_left.png and NAME_right.png under the golden policy
 * (tests/golden/golden.h: an exact hash, or at most 0.5 % of pixels off by
 * at most 2; another renderer skips). RENDERER and VERSION are paja's GL
 * strings from its log. PAJA_GOLDEN_UPDATE=1 writes the references (look
 * at them before committing). Exit 0 pass, 1 fail, 77 not comparable. */
#include "golden.h"
#include "image.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: xr_eye_golden NAME IMAGE.png RENDERER VERSION\n");
        return 2;
    }
    struct image img;
    char err[512];
    if (!image_load(argv[2], &img, err, sizeof err)) {
        fprintf(stderr, "xr_eye_golden: %s\n", err);
        return 1;
    }
    if (img.width < 2 || img.width % 2) {
        fprintf(stderr, "xr_eye_golden: %s is not two eyes side by side (%dx%d)\n", argv[2], img.width, img.height);
        image_free(&img);
        return 1;
    }
    int half = img.width / 2;
    bool failed = false, skipped = false;
    uint8_t *eye = malloc((size_t)half * (size_t)img.height * 4);
    for (int e = 0; e < 2 && eye; e++) {
        for (int y = 0; y < img.height; y++)
            memcpy(eye + (size_t)y * half * 4, img.rgba + ((size_t)y * img.width + (size_t)e * half) * 4,
                   (size_t)half * 4);
        char name[256];
        snprintf(name, sizeof name, "%s_%s", argv[1], e ? "right" : "left");
        struct golden_report rep;
        enum golden_result r = golden_check(PAJA_GOLDEN_DIR, PAJA_GOLDEN_OUT, name, eye, half, img.height, argv[3],
                                            argv[4], &rep);
        printf("%s: %s\n", name, rep.message);
        failed |= r == GOLDEN_FAIL || r == GOLDEN_ERROR;
        skipped |= r == GOLDEN_SKIP;
    }
    free(eye);
    image_free(&img);
    return failed || !eye ? 1 : skipped ? GOLDEN_EXIT_SKIP : 0;
}

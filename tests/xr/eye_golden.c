/* eye_golden REF_DIR OUT_DIR NAME IMAGE.png RENDERER VERSION: compares an
 * xrsim eye dump with the reference REF_DIR/NAME.png under the golden-image
 * policy of tests/golden/golden.h (skipped, 77, on another renderer; written
 * with PAJA_GOLDEN_UPDATE=1). RENDERER and VERSION are the GL_RENDERER and
 * GL_VERSION of the application that drew it (xrsim logs them). */
#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_PNG
#include <stb_image.h>
#include <stdio.h>

#include "golden.h"

int main(int argc, char **argv)
{
    if (argc != 7) {
        fprintf(stderr, "usage: eye_golden REF_DIR OUT_DIR NAME IMAGE.png RENDERER VERSION\n");
        return 2;
    }
    int w, h, n;
    unsigned char *px = stbi_load(argv[4], &w, &h, &n, 4);
    if (!px) {
        fprintf(stderr, "eye_golden: cannot read %s\n", argv[4]);
        return 2;
    }
    struct golden_report rep;
    enum golden_result r = golden_check(argv[1], argv[2], argv[3], px, w, h, argv[5], argv[6], &rep);
    printf("%s\n", rep.message);
    stbi_image_free(px);
    return golden_exit_code(r);
}

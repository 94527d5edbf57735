/* eye_check IMAGE.png: checks an xrsim eye dump (left eye | right eye side
 * by side) shows a scene: each half has pixels other than the background
 * (the colour of the top-left pixel) and the two halves differ (the eyes
 * see from two places). Prints "left N right N differ N" (pixel counts) and
 * exits 0 when each is at least 0.5 % of a half, 1 otherwise, 2 when the
 * image cannot be read. */
#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_PNG
#include <stb_image.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: eye_check IMAGE.png\n");
        return 2;
    }
    int w, h, n;
    unsigned char *px = stbi_load(argv[1], &w, &h, &n, 3);
    if (!px || w < 2 || w % 2) {
        fprintf(stderr, "eye_check: cannot read %s as a side-by-side eye image\n", argv[1]);
        return 2;
    }
    int half = w / 2;
    long left = 0, right = 0, differ = 0;
    const unsigned char *bg = px;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < half; x++) {
            const unsigned char *l = px + ((size_t)y * w + x) * 3, *r = l + (size_t)half * 3;
            left += memcmp(l, bg, 3) != 0;
            right += memcmp(r, bg, 3) != 0;
            differ += memcmp(l, r, 3) != 0;
        }
    stbi_image_free(px);
    printf("left %ld right %ld differ %ld\n", left, right, differ);
    long min = (long)half * h / 200;
    return left >= min && right >= min && differ >= min ? 0 : 1;
}

/* png_stats.c — prints "WIDTHxHEIGHT COLOURS" for a PNG, so shell tests can
 * check that a screenshot exists, has the asked size and is not blank. */
#include "image.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_u32(const void *a, const void *b)
{
    unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: png_stats FILE.png\n");
        return 2;
    }
    struct image img;
    char err[512];
    if (!image_load(argv[1], &img, err, sizeof err)) {
        fprintf(stderr, "png_stats: %s\n", err);
        return 1;
    }
    size_t n = (size_t)img.width * (size_t)img.height;
    unsigned *rgb = malloc(n * sizeof *rgb);
    for (size_t i = 0; i < n; i++)
        rgb[i] = (unsigned)img.rgba[i * 4] << 16 | (unsigned)img.rgba[i * 4 + 1] << 8 | img.rgba[i * 4 + 2];
    qsort(rgb, n, sizeof *rgb, cmp_u32);
    size_t distinct = n ? 1 : 0;
    for (size_t i = 1; i < n; i++) distinct += rgb[i] != rgb[i - 1];
    printf("%dx%d %zu\n", img.width, img.height, distinct);
    free(rgb);
    image_free(&img);
    return 0;
}

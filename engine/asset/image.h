/* image.h — image decode (PNG, JPEG through stb_image) and PNG encode.
 * Pixels are RGBA8, rows top to bottom. */
#ifndef PAJA_IMAGE_H
#define PAJA_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct image {
    int width, height;
    uint8_t *rgba; /* width*height*4 bytes; owned, free with image_free */
};

/* Decodes PNG or JPEG bytes. On failure returns false and puts stb's reason
 * into err ("corrupt JPEG", "not a PNG" …). */
bool image_decode(const void *data, size_t size, struct image *out, char *err, size_t err_size);
bool image_load(const char *path, struct image *out, char *err, size_t err_size);
void image_free(struct image *img);

/* Writes RGBA8 pixels (rows top to bottom) as PNG, to path as
 * fs_write_output does ("-", links, devices, atomic replace). Compression level 1 is a
 * good trade for screenshots and goldens: larger files, several times faster
 * than stb's default level. */
bool image_write_png(const char *path, int width, int height, const uint8_t *rgba, char *err, size_t err_size);

#endif

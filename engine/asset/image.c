/* image.c — see image.h. Debian ships stb as libstb.so, so the headers are
 * included without the *_IMPLEMENTATION defines. */
#include "image.h"

#include "fs.h"
#include "str.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <stb_image.h>
#include <stb_image_write.h>

bool image_decode(const void *data, size_t size, struct image *out, char *err, size_t err_size)
{
    memset(out, 0, sizeof *out);
    if (size > (size_t)0x7fffffff) {
        snprintf(err, err_size, "image data too large (%zu bytes)", size);
        return false;
    }
    int w = 0, h = 0, comp = 0;
    unsigned char *px = stbi_load_from_memory(data, (int)size, &w, &h, &comp, 4);
    if (!px) {
        const char *why = stbi_failure_reason();
        snprintf(err, err_size, "cannot decode image: %s", why ? why : "unknown format");
        return false;
    }
    out->width = w;
    out->height = h;
    out->rgba = px;
    return true;
}

bool image_load(const char *path, struct image *out, char *err, size_t err_size)
{
    memset(out, 0, sizeof *out);
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, err_size, "cannot open '%s': %s", path, strerror(errno));
        return false;
    }
    int w = 0, h = 0, comp = 0;
    unsigned char *px = stbi_load_from_file(f, &w, &h, &comp, 4);
    fclose(f);
    if (!px) {
        const char *why = stbi_failure_reason();
        snprintf(err, err_size, "cannot decode '%s': %s", path, why ? why : "unknown format");
        return false;
    }
    out->width = w;
    out->height = h;
    out->rgba = px;
    return true;
}

void image_free(struct image *img)
{
    stbi_image_free(img->rgba);
    img->rgba = NULL;
    img->width = img->height = 0;
}

/* The PNG is encoded in memory and then written by fs_write_output, so a
 * screenshot path behaves as every output file does: "-" is standard
 * output, a link is written through, a device or FIFO is written into and
 * a regular file is replaced atomically (fs.h). */
static void png_write_chunk(void *ctx, void *data, int size)
{
    if (size > 0) str_buf_append(ctx, data, (size_t)size);
}

bool image_write_png(const char *path, int width, int height, const uint8_t *rgba, char *err, size_t err_size)
{
    struct str_buf png = {0};
    stbi_write_png_compression_level = 1;
    int ok = stbi_write_png_to_func(png_write_chunk, &png, width, height, 4, rgba, width * 4);
    if (!ok || !png.len) {
        snprintf(err, err_size, "cannot write '%s': the PNG encoder failed", path);
        str_buf_free(&png);
        return false;
    }
    bool written = fs_write_output(path, png.data, png.len, 0644, err, err_size);
    str_buf_free(&png);
    return written;
}

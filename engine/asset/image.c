/* image.c — see image.h. Decoding with stb (Debian ships it as libstb.so,
 * so the headers are included without the *_IMPLEMENTATION defines);
 * PNG writing with libpng, whose zlib at level 1 encodes a 1280x720
 * screenshot several times faster than stb's own deflate (issue 13: stb
 * took about a third of `paja run --headless --screenshot`'s start). */
#include "image.h"

#include "fs.h"
#include "str.h"

#include <errno.h>
#include <png.h>
#include <setjmp.h>
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

struct png_error_ctx {
    char *msg;
    size_t size;
};

/* libpng reports an error by calling this and expects it not to return:
 * the message is kept and control goes back to image_write_png's setjmp. */
static void png_on_error(png_structp png, png_const_charp msg)
{
    struct png_error_ctx *e = png_get_error_ptr(png);
    if (e && e->size) snprintf(e->msg, e->size, "%s", msg);
    png_longjmp(png, 1);
}

static void png_on_warning(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg;
}

/* libpng writes into memory; the file is written after (see below). */
static void png_to_buf(png_structp png, png_bytep data, png_size_t size)
{
    str_buf_append(png_get_io_ptr(png), (const char *)data, size);
}

static void png_flush_none(png_structp png)
{
    (void)png;
}

/* The PNG is encoded in memory and then written by fs_write_output, so a
 * screenshot path behaves as every output file does: "-" is standard
 * output, a link is written through, a device or FIFO is written into and
 * a regular file is replaced atomically (fs.h); a failure never removes
 * what the path named (run as root, `--screenshot /dev/null` must not
 * delete the device). */
bool image_write_png(const char *path, int width, int height, const uint8_t *rgba, char *err, size_t err_size)
{
    if (width <= 0 || height <= 0 || !rgba) {
        snprintf(err, err_size, "cannot write '%s': no pixels (%dx%d)", path, width, height);
        return false;
    }
    struct str_buf buf = {0};
    char why[256] = "encoder failed";
    struct png_error_ctx ectx = {why, sizeof why};
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &ectx, png_on_error, png_on_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    /* Volatile: read after a longjmp back here. */
    volatile bool ok = false;
    if (png && info && setjmp(png_jmpbuf(png)) == 0) {
        png_set_write_fn(png, &buf, png_to_buf, png_flush_none);
        png_set_IHDR(png, info, (png_uint_32)width, (png_uint_32)height, 8, PNG_COLOR_TYPE_RGBA, PNG_INTERLACE_NONE,
                     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
        /* Fastest zlib level and one cheap filter: screenshots and golden
         * failures are written while a person waits; a few more bytes do
         * not matter. */
        png_set_compression_level(png, 1);
        png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB);
        png_write_info(png, info);
        for (int y = 0; y < height; y++) png_write_row(png, rgba + (size_t)y * (size_t)width * 4);
        png_write_end(png, NULL);
        ok = true;
    }
    png_destroy_write_struct(&png, &info);
    if (!ok || !buf.len) {
        snprintf(err, err_size, "cannot write '%s': %s", path, why);
        str_buf_free(&buf);
        return false;
    }
    bool written = fs_write_output(path, buf.data, buf.len, 0644, err, err_size);
    str_buf_free(&buf);
    return written;
}

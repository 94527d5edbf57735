/* test_gfx_target.c — a target that wraps textures someone else owns (what
 * an XR swapchain hands out each frame) checked on pixels: it draws what an
 * own target draws, single-sample and MSAA, in an sRGB texture with no
 * second encoding; it re-points to the next frame's texture and leaves the
 * last one alone; the depth a pass leaves lands in the given depth texture
 * (MSAA resolves it); and the mirror blit shows the middle of the image at
 * the window's shape. Exit 77 when no GL context can be made. */
#include "gfx.h"
#include "gl_test.h"
#include "platform.h"

#include <GL/glew.h>
#include <stdlib.h>
#include <string.h>

#define W 64
#define H 64

static struct gfx_view view_make(void)
{
    struct gfx_view v;
    memset(&v, 0, sizeof v);
    glm_mat4_identity(v.view_from_world);
    glm_perspective(glm_rad(60.0f), (float)W / H, 0.1f, 50.0f, v.clip_from_view);
    glm_vec4_copy((vec4){0.2f, 0.3f, 0.4f, 1.0f}, v.clear_color);
    glm_vec3_copy((vec3){0.3f, 0.6f, 1.0f}, v.light_direction);
    glm_vec3_copy((vec3){1.0f, 1.0f, 1.0f}, v.light_color);
    return v;
}

static void draw_box(struct gfx *g, struct gfx_target *t, struct gfx_mesh box, float x)
{
    struct gfx_view v = view_make();
    struct gfx_draw d = {.mesh = box, .color = {0.9f, 0.4f, 0.1f, 1.0f}};
    glm_translate_make(d.world_from_model, (vec3){x, 0.0f, -3.0f});
    gfx_pass_begin(g, t, &v);
    gfx_draw_meshes(g, &d, 1);
    gfx_pass_end(g);
}

/* Largest per-channel difference between two W x H RGBA images. */
static int max_diff(const uint8_t *a, const uint8_t *b)
{
    int m = 0;
    for (size_t i = 0; i < (size_t)W * H * 4; i++) {
        int d = abs((int)a[i] - (int)b[i]);
        if (d > m) m = d;
    }
    return m;
}

static GLuint texture(GLenum format)
{
    GLuint t = 0;
    glCreateTextures(GL_TEXTURE_2D, 1, &t);
    glTextureStorage2D(t, 1, format, W, H);
    return t;
}

int main(void)
{
    struct gfx *g;
    struct plat *p = gl_test_start("gfx_target", W, H, &g);
    struct gfx_mesh box = gl_test_cube(g);
    static uint8_t want[W * H * 4], got[W * H * 4];

    for (int samples = 1; samples <= 4; samples += 3) {
        struct gfx_target own;
        CHECK(gfx_target_init(g, &own, W, H, samples), "own target, %d samples", samples);
        draw_box(g, &own, box, 0.0f);
        gfx_target_read_rgba(g, &own, want);
        gfx_target_fini(g, &own);

        /* An sRGB colour texture (as a swapchain's) and a depth texture. */
        GLuint color[2] = {texture(GL_SRGB8_ALPHA8), texture(GL_SRGB8_ALPHA8)};
        GLuint depth = texture(GL_DEPTH_COMPONENT24);
        struct gfx_target t;
        memset(&t, 0, sizeof t);
        CHECK(gfx_target_wrap(g, &t, color[0], depth, W, H, samples), "wrap, %d samples", samples);
        draw_box(g, &t, box, 0.0f);
        CHECK(gfx_target_read_rgba(g, &t, got), "read back the wrapped texture");
        /* The same pixels: gfx encodes sRGB itself, the texture's format
         * does not encode a second time. */
        CHECK(max_diff(want, got) <= 1, "%d samples: wrapped differs from own by %d", samples, max_diff(want, got));

        /* Depth lands in the depth texture: the box's middle is nearer than
         * the far plane, a corner is the far plane. */
        static float dp[W * H];
        glGetTextureImage(depth, 0, GL_DEPTH_COMPONENT, GL_FLOAT, sizeof dp, dp);
        CHECK(dp[(H / 2) * W + W / 2] < 0.999f, "%d samples: depth at the box %.4f", samples,
              dp[(H / 2) * W + W / 2]);
        CHECK(dp[0] > 0.999f, "%d samples: depth at the corner %.4f", samples, dp[0]);

        /* The next frame's image: the same target re-pointed; the box moved
         * in it and not in the first image. */
        uint32_t fbo = t.fbo;
        CHECK(gfx_target_wrap(g, &t, color[1], depth, W, H, samples), "re-wrap");
        CHECK(t.fbo == fbo, "re-wrapping keeps the framebuffer");
        draw_box(g, &t, box, 1.5f);
        gfx_target_read_rgba(g, &t, got);
        CHECK(max_diff(want, got) > 50, "the second image shows the moved box");
        static uint8_t raw[W * H * 4], first[W * H * 4];
        glGetTextureImage(color[0], 0, GL_RGBA, GL_UNSIGNED_BYTE, sizeof raw, raw);
        /* GL's rows run bottom to top. */
        for (int y = 0; y < H; y++) memcpy(first + (size_t)y * W * 4, raw + (size_t)(H - 1 - y) * W * 4, W * 4);
        CHECK(max_diff(want, first) <= 1, "the first image is left alone (differs by %d)", max_diff(want, first));

        gfx_target_fini(g, &t);
        CHECK(glIsTexture(color[0]) && glIsTexture(depth), "fini leaves the owner's textures");
        glDeleteTextures(2, color);
        glDeleteTextures(1, &depth);
    }

    /* The mirror: a wide window shows the middle band of the square image. */
    struct gfx_target own;
    gfx_target_init(g, &own, W, H, 1);
    draw_box(g, &own, box, 0.0f);
    gfx_target_read_rgba(g, &own, want);
    struct gfx_target win = gfx_target_window(W, H / 2);
    gfx_target_mirror(g, &own, &win);
    static uint8_t band[W * (H / 2) * 4];
    CHECK(gfx_target_read_rgba(g, &win, band), "read the window");
    int worst = 0;
    for (int y = 0; y < H / 2; y++)
        for (int x = 0; x < W * 4; x++) {
            int d = abs((int)band[(size_t)y * W * 4 + (size_t)x] - (int)want[(size_t)(y + H / 4) * W * 4 + (size_t)x]);
            if (d > worst) worst = d;
        }
    CHECK(worst <= 1, "the mirror's band differs from the image's middle by %d", worst);
    /* Into another target (what a screenshot then reads): the same band. */
    struct gfx_target half;
    gfx_target_init(g, &half, W, H / 2, 1);
    gfx_target_mirror(g, &own, &half);
    memset(band, 0, sizeof band);
    gfx_target_read_rgba(g, &half, band);
    worst = 0;
    for (int y = 0; y < H / 2; y++)
        for (int x = 0; x < W * 4; x++) {
            int d = abs((int)band[(size_t)y * W * 4 + (size_t)x] - (int)want[(size_t)(y + H / 4) * W * 4 + (size_t)x]);
            if (d > worst) worst = d;
        }
    CHECK(worst <= 1, "mirrored into a target, the band differs by %d", worst);
    gfx_target_fini(g, &half);
    gfx_target_fini(g, &own);
    return gl_test_finish("gfx_target", &p, &g);
}

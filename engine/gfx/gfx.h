/* gfx.h — the renderer (OpenGL 4.5 core through GLEW).
 *
 * gfx draws into a target: an offscreen framebuffer it owns (always RGBA8,
 * optionally multisampled and resolved) or the window's default framebuffer.
 * It never learns whether a target is a window, a test or an XR swapchain
 * image. Resources are small handles; a resource that failed to load stays a
 * valid handle that draws nothing, so a bad asset never ends a session.
 *
 * Needs a current GL context (the platform module makes one) before
 * gfx_create.
 *
 *   struct gfx *g = gfx_create(err, sizeof err);
 *   struct gfx_mesh box = gfx_mesh_create(g, &mesh_data);
 *   struct gfx_target t; gfx_target_init(g, &t, 1280, 720, 1);
 *   gfx_pass_begin(g, &t, &view);
 *   gfx_draw_meshes(g, draws, n);
 *   gfx_pass_end(g);
 *   gfx_target_read_rgba(g, &t, pixels);   // rows top to bottom
 */
#ifndef PAJA_GFX_H
#define PAJA_GFX_H

#include "types.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct gfx;

/* Handles: index + 1 into a pool; 0 is "none". */
struct gfx_mesh { uint32_t id; };
struct gfx_texture { uint32_t id; };

struct gfx_target {
    int width, height;
    int samples;           /* 1 = no MSAA */
    uint32_t fbo;          /* where passes draw (multisampled if samples > 1) */
    uint32_t resolve_fbo;  /* single-sample RGBA8 copy for readback and blits */
    uint32_t color_rb, depth_rb, resolve_tex;
    bool is_window;        /* the default framebuffer: nothing owned */
    /* gfx_target_wrap: the textures someone else owns (0: not wrapped) */
    uint32_t wrapped_color, wrapped_depth;
};

/* What a pass sees: camera and light. */
struct gfx_view {
    mat4 view_from_world;
    mat4 clip_from_view;
    vec3 camera_position;
    vec4 clear_color;     /* sRGB-encoded, as written to the target */
    vec3 light_direction; /* towards the light */
    vec3 light_color;     /* linear, with intensity */
    vec3 sky_color, ground_color; /* hemispheric ambient, linear */
};

struct gfx_draw {
    struct gfx_mesh mesh;
    mat4 world_from_model;
    vec4 color;           /* linear RGBA */
};

struct gfx_info {
    const char *renderer, *version, *vendor;
    int max_samples;
};

struct gfx_stats {
    uint32_t draws, triangles, culled; /* last pass */
    bool shadow_redrawn; /* the last pass redrew the shadow map (a caster or the light moved) */
};

/* Fails (NULL, message in err) when GL 4.5 entry points are missing or the
 * shaders every scene draws do not compile. The rest (the simple lit path,
 * outlines, PBR variants beyond the commonest) compile on first use; one
 * that fails there is logged once and its draws are skipped. */
struct gfx *gfx_create(char *err, size_t err_size);
void gfx_destroy(struct gfx **g);
struct gfx_info gfx_get_info(const struct gfx *g);
struct gfx_stats gfx_get_stats(const struct gfx *g);

/* Uploads a mesh. An empty or invalid mesh gives a handle in the failed
 * state, logged once, that draws nothing. */
struct gfx_mesh gfx_mesh_create(struct gfx *g, const struct mesh_data *m);
/* Rewrites a valid mesh's positions, normals and UVs (same vertex count)
 * and its culling bounds: skinned and morphed meshes each frame. False, and
 * nothing changed, for a failed handle or a different vertex count. */
bool gfx_mesh_update_vertices(struct gfx *g, struct gfx_mesh mesh, const struct mesh_data *m);
/* A single-channel (coverage) texture, e.g. a glyph atlas. */
struct gfx_texture gfx_texture_create_r8(struct gfx *g, int w, int h, const uint8_t *pixels);

/* PBR metallic-roughness (glTF) --------------------------------------------
 * Materials are plain data the caller owns; textures are handles. A texture
 * reference that is empty or failed reads as white (normal maps: ignored). */

/* Sampler state in GL enums, which glTF uses verbatim; 0 = glTF's default
 * (linear, mipmapped, repeat). */
struct gfx_sampler_desc {
    uint32_t mag_filter, min_filter, wrap_s, wrap_t;
};

enum gfx_alpha_mode { GFX_ALPHA_OPAQUE, GFX_ALPHA_MASK, GFX_ALPHA_BLEND };

struct gfx_texture_ref {
    struct gfx_texture tex;
    uint32_t uv_set;          /* 0 or 1 */
    float uv_offset[2], uv_rotation, uv_scale[2]; /* KHR_texture_transform */
};

struct gfx_material {
    vec4 base_color;          /* linear RGBA */
    float metallic, roughness;
    vec3 emissive;            /* linear, emissive strength applied */
    float normal_scale, occlusion_strength, alpha_cutoff;
    enum gfx_alpha_mode alpha_mode;
    bool double_sided, unlit;
    struct gfx_texture_ref base_color_tex, metal_rough_tex, normal_tex, occlusion_tex, emissive_tex;
};

struct gfx_pbr_draw {
    struct gfx_mesh mesh;
    mat4 world_from_model;
    const struct gfx_material *material; /* NULL: the glTF default material */
};

/* glTF's defaults: white, metallic 1, roughness 1, opaque, no textures. */
void gfx_material_default(struct gfx_material *out);
/* An RGBA8 texture with mipmaps; srgb for colour data (base colour,
 * emissive), linear for the rest. */
struct gfx_texture gfx_texture_create_rgba8(struct gfx *g, int w, int h, const uint8_t *rgba, bool srgb,
                                            const struct gfx_sampler_desc *sampler);
/* Draws with PBR shading: one directional light (the view's) with a shadow
 * map when shadows is true, hemispheric ambient, ACES tone mapping and sRGB
 * output. Opaque and masked draws first (grouped by shader variant, near to
 * far), then blended ones sorted back to front with depth writes off. Draws
 * outside the frustum are skipped. The shadow map is kept and redrawn only
 * when the light or a caster (mesh, vertices, matrix, cut-out) changed, so a
 * still scene, and the second eye of a stereo frame, draw it no more. */
void gfx_draw_pbr(struct gfx *g, const struct gfx_pbr_draw *draws, size_t n, bool shadows);

/* Anti-aliasing samples for a target when the user asked for `asked`
 * (--msaa; 0: not asked): that, else $PAJA_MSAA (1-16) when set, else 1
 * headless (goldens, screenshots), else the renderer's default: 1 on a
 * software rasteriser (llvmpipe, softpipe, swrast), where 4x MSAA costs
 * 2.2-2.5x a frame and a weak PC would stutter, and 4 on a GPU. */
int gfx_choose_samples(const struct gfx *g, int asked, bool headless);

/* Offscreen target of w x h pixels; samples > 1 asks for MSAA (clamped to
 * what the driver offers). False with a logged reason if incomplete. */
bool gfx_target_init(struct gfx *g, struct gfx_target *t, int w, int h, int samples);
/* Re-creates the target's buffers at a new size (window resizes). */
bool gfx_target_resize(struct gfx *g, struct gfx_target *t, int w, int h);
void gfx_target_fini(struct gfx *g, struct gfx_target *t);
/* The window's default framebuffer as a target. */
struct gfx_target gfx_target_window(int w, int h);
/* A target over GL textures someone else owns (an image the caller got from
 * elsewhere): colour (RGBA8 or SRGB8_ALPHA8 — gfx writes sRGB-encoded values
 * itself, so GL_FRAMEBUFFER_SRGB stays off) and optional depth (0: the
 * target brings its own). Call it each frame with that frame's textures on
 * the same t: the framebuffers are kept and only re-pointed, and re-made
 * when the size or sample count changes. With samples > 1 passes draw into
 * the target's own multisampled buffers and gfx_pass_end resolves colour
 * and depth into the textures. Release with gfx_target_fini (the textures
 * stay the owner's). */
bool gfx_target_wrap(struct gfx *g, struct gfx_target *t, uint32_t color_tex, uint32_t depth_tex, int w, int h,
                     int samples);

void gfx_pass_begin(struct gfx *g, struct gfx_target *t, const struct gfx_view *view);
/* Opaque meshes; those outside the view frustum are skipped. */
void gfx_draw_meshes(struct gfx *g, const struct gfx_draw *draws, size_t n);
/* Alpha-blended screen-space quads over the atlas (text, panels), on top. */
void gfx_draw_quads(struct gfx *g, struct gfx_texture atlas, const struct screen_quad *quads, size_t n);
/* Ends the pass; resolves MSAA into the readable single-sample copy. */
void gfx_pass_end(struct gfx *g);

/* Waits until the GPU has finished everything submitted (benchmarks). */
void gfx_finish(struct gfx *g);

/* Copies an offscreen target to the window's framebuffer (win_w x win_h). */
void gfx_target_present(struct gfx *g, const struct gfx_target *t, int win_w, int win_h);
/* Copies src's image into dst (another target, or gfx_target_window)
 * keeping its aspect: the middle of the image as large as dst holds it,
 * cut at the sides or top and bottom (a mirror of a view whose shape is not
 * the window's). */
void gfx_target_mirror(struct gfx *g, const struct gfx_target *src, const struct gfx_target *dst);
/* Reads the target's resolved pixels as RGBA8, rows top to bottom, into
 * out (width*height*4 bytes). */
bool gfx_target_read_rgba(struct gfx *g, const struct gfx_target *t, uint8_t *out);

/* World-space drawing (gfx_world.c) ----------------------------------------
 * Panels and lines placed in the world, drawn into the current pass
 * (between gfx_pass_begin and gfx_pass_end) with its view; draw them after
 * the opaque scene, since they test depth but never write it. */

/* World-space quads: the same quads as gfx_draw_quads, laid out in panel
 * pixels, drawn on a plane: pixel (x, y) lands at world_from_panel *
 * (x * metres_per_px, -y * metres_per_px, 0, 1). Straight alpha, both sides
 * visible, drawn in list order. Depth-tested against the scene (a panel
 * behind the car is hidden by it) unless on_top, which draws over everything
 * (modal panels in front of the head). Never writes depth. Colours as in
 * gfx_draw_quads: sRGB-encoded, written as they are, so a panel looks the
 * same in the world as on the screen. A mat4 that is not const itself
 * needs a cast, (const vec4 *)m. */
void gfx_draw_quads_world(struct gfx *g, struct gfx_texture atlas, const struct screen_quad *quads, size_t n,
                          const mat4 world_from_panel, float metres_per_px, bool on_top);

/* A line segment in world space, linear RGBA colour. */
struct gfx_line {
    vec3 a, b;
    vec4 color;
};
/* Lines (probe leads, guides, pointer rays) width_px pixels wide whatever
 * the distance, depth-tested, blended when alpha < 1; written sRGB-encoded
 * like gfx_draw_pbr's output (unlit: no tone mapping). A segment crossing
 * the near plane draws its part in front of it. Never writes depth. */
void gfx_draw_lines(struct gfx *g, const struct gfx_line *lines, size_t n, float width_px);

/* Outlines (gfx_outline.c) -------------------------------------------------
 * Highlights for guided mode, drawn over the scene so they read from any
 * angle. */

/* Outlines: a band width_px pixels wide around the screen silhouette of the
 * given draws (as one shape: touching objects share one outline), in colour
 * (linear RGBA, written like gfx_draw_lines). Where the outlined object is
 * hidden behind something, the outline still shows, at occluded_alpha times
 * the colour's alpha (0 hides it there). Call inside a pass, after the
 * scene's draws. The draws' materials are ignored; only their meshes and
 * matrices count. */
void gfx_draw_outlines(struct gfx *g, const struct gfx_pbr_draw *draws, size_t n, const float color[4],
                       float width_px, float occluded_alpha);

#endif

/* app_guidance.h — guided mode's visual hints (app-internal).
 *
 * The objects of the current step are outlined (and glow a little:
 * app_scene_pbr_draws' guided flags). While the trainee holds what the
 * step needs, guided mode shows where it goes: a translucent ghost of the
 * held object where it would land in the step's socket, and lines from a
 * held instrument's probe tips to the point the step wants measured.
 * Practice and exam show none of it. */
#ifndef PAJA_APP_GUIDANCE_H
#define PAJA_APP_GUIDANCE_H

#include "gfx.h"
#include "interact.h"
#include "scenario.h"
#include "scene.h"

#include <stddef.h>

struct arena;

struct app_guidance {
    struct gfx_pbr_draw *outlined; /* the step's objects' meshes */
    size_t outlined_n;
    struct gfx_pbr_draw *ghosts;
    size_t ghost_n;
    struct gfx_line *lines;
    size_t line_n;
};

/* The hints for this frame (in frame), from what the session's active
 * steps expect, the nodes they name (guided: per scene node, or NULL) and
 * what either hand holds. Empty unless mode is guided. */
void app_guidance_build(struct app_guidance *g, const struct scenario_session *run, enum scenario_mode mode,
                        const struct interact *ix, const struct scene *s, const struct gfx_mesh *meshes,
                        const bool *guided, struct arena *frame);
/* Outlines, ghosts (blended, after the scene's own draws) and lines, sized
 * for a target height_px tall. */
void app_guidance_draw(const struct app_guidance *g, struct gfx *gx, int height_px);

#endif

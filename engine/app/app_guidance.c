/* app_guidance.c — ghosts and probe lines in guided mode (see
 * app_guidance.h). */
#include "app_guidance.h"

#include "arena.h"

#include <string.h>

#define MAX_EXPECTED 16
/* Probe lines: amber like the step highlights, a little see-through so the
 * point stays visible under them. */
#define LINE_WIDTH_PX 3.0f
static const float LINE_COLOR[4] = {1.0f, 0.62f, 0.10f, 0.85f};
/* Outlines in the same amber, 3 px at 720 lines; fainter where something
 * stands in front, so a hidden object is found without shouting through
 * walls. */
#define OUTLINE_WIDTH_PX 3.0f
#define OUTLINE_OCCLUDED_ALPHA 0.35f
static const float OUTLINE_COLOR[4] = {1.0f, 0.62f, 0.10f, 0.95f};

/* The held object's whole subtree drawn at landing: each node keeps its pose
 * relative to the object's root node. */
static void add_ghost(struct app_guidance *g, const struct scene *s, const struct gfx_mesh *meshes, uint32_t root,
                      mat4 landing, const struct gfx_material *mat, size_t cap)
{
    mat4 root_inv, ghost_from_world;
    glm_mat4_inv((vec4 *)s->nodes[root].world, root_inv);
    glm_mat4_mul(landing, root_inv, ghost_from_world);
    for (uint32_t i = 0; i < s->node_count; i++) {
        const struct scene_node *n = &s->nodes[i];
        if (n->mesh == SCENE_NO_MESH || !n->visible || !scene_node_under(s, i, root)) continue;
        for (uint32_t k = 0; k < scene_node_mesh_count(n) && g->ghost_n < cap; k++) {
            struct gfx_pbr_draw *d = &g->ghosts[g->ghost_n++];
            d->mesh = meshes[n->mesh + k];
            glm_mat4_mul(ghost_from_world, (vec4 *)n->world, d->world_from_model);
            d->material = mat;
        }
    }
}

/* Nodes under root whose name contains part, in scene order (up to max). */
static size_t find_parts(const struct scene *s, uint32_t root, const char *part, uint32_t *out, size_t max)
{
    size_t n = 0;
    for (uint32_t i = 0; i < s->node_count && n < max; i++)
        if (i != root && s->nodes[i].name && strstr(s->nodes[i].name, part) && scene_node_under(s, i, root))
            out[n++] = i;
    return n;
}

/* The point's own contact spots are its direct children (a pole pair's
 * two poles); a point without any is one spot. */
static size_t point_spots(const struct scene *s, uint32_t point, uint32_t *out, size_t max)
{
    size_t n = 0;
    for (uint32_t i = 0; i < s->node_count && n < max; i++)
        if (s->nodes[i].parent == point) out[n++] = i;
    if (n == 0 && max > 0) out[n++] = point;
    return n;
}

static void add_probe_lines(struct app_guidance *g, const struct scene *s, uint32_t tool, uint32_t point, size_t cap)
{
    uint32_t tips[2], spots[2];
    size_t nt = find_parts(s, tool, "Tip", tips, 2);
    size_t ns = point_spots(s, point, spots, 2);
    if (nt == 0) tips[nt++] = tool;
    for (size_t i = 0; i < nt && g->line_n < cap; i++) {
        struct gfx_line *l = &g->lines[g->line_n++];
        glm_vec3_copy(s->nodes[tips[i]].world[3], l->a);
        glm_vec3_copy(s->nodes[spots[i < ns ? i : ns - 1]].world[3], l->b);
        glm_vec4_copy((float *)LINE_COLOR, l->color);
    }
}

/* Every visible mesh of a guided node (worn ones are hidden). */
static void add_outlines(struct app_guidance *g, const struct interact *ix, const struct scene *s,
                         const struct gfx_mesh *meshes, const bool *guided, struct arena *frame)
{
    size_t cap = 0;
    for (uint32_t i = 0; i < s->node_count; i++)
        if (guided[i] && s->nodes[i].mesh != SCENE_NO_MESH) cap += scene_node_mesh_count(&s->nodes[i]);
    if (!cap) return;
    g->outlined = ARENA_PUSH_ARRAY(frame, struct gfx_pbr_draw, cap);
    for (uint32_t i = 0; i < s->node_count; i++) {
        const struct scene_node *n = &s->nodes[i];
        bool hidden = ix->node_hidden && i < ix->node_count && ix->node_hidden[i];
        if (!guided[i] || n->mesh == SCENE_NO_MESH || !n->visible || hidden) continue;
        for (uint32_t k = 0; k < scene_node_mesh_count(n); k++) {
            struct gfx_pbr_draw *d = &g->outlined[g->outlined_n++];
            d->mesh = meshes[n->mesh + k];
            glm_mat4_copy((vec4 *)n->world, d->world_from_model);
            d->material = NULL;
        }
    }
}

void app_guidance_build(struct app_guidance *g, const struct scenario_session *run, enum scenario_mode mode,
                        const struct interact *ix, const struct scene *s, const struct gfx_mesh *meshes,
                        const bool *guided, struct arena *frame)
{
    memset(g, 0, sizeof *g);
    if (mode != SCENARIO_MODE_GUIDED || !run) return;
    if (guided) add_outlines(g, ix, s, meshes, guided, frame);
    struct scenario_expect ex[MAX_EXPECTED];
    size_t n = scenario_session_expected(run, ex, MAX_EXPECTED);
    if (n > MAX_EXPECTED) n = MAX_EXPECTED;
    /* What each hand holds (both hands may hold a part of the step). */
    uint32_t held[HAND_COUNT];
    size_t cap = 0;
    bool any = false;
    for (int h = 0; h < HAND_COUNT; h++) {
        held[h] = ix->hands[h].held;
        if (held[h] >= ix->object_count) {
            held[h] = INTERACT_NONE;
            continue;
        }
        any = true;
        for (uint32_t i = 0; i < s->node_count; i++)
            if (s->nodes[i].mesh != SCENE_NO_MESH && scene_node_under(s, i, ix->objects[held[h]].node))
                cap += scene_node_mesh_count(&s->nodes[i]);
    }
    if (!any) return;
    cap *= n;
    g->ghosts = ARENA_PUSH_ARRAY(frame, struct gfx_pbr_draw, cap + 1);
    g->lines = ARENA_PUSH_ARRAY(frame, struct gfx_line, 2 * n * HAND_COUNT + 1);
    /* One see-through cyan for every ghost: unlike anything in a workshop,
     * and not the amber of "this is what the step is about". */
    struct gfx_material *ghost = ARENA_PUSH_STRUCT(frame, struct gfx_material);
    gfx_material_default(ghost);
    glm_vec4_copy((vec4){0.30f, 0.80f, 1.00f, 0.38f}, ghost->base_color);
    glm_vec3_copy((vec3){0.05f, 0.20f, 0.28f}, ghost->emissive);
    ghost->metallic = 0.0f;
    ghost->roughness = 0.6f;
    ghost->alpha_mode = GFX_ALPHA_BLEND;
    for (int h = 0; h < HAND_COUNT; h++) {
        if (held[h] == INTERACT_NONE) continue;
        const char *held_id = ix->objects[held[h]].id;
        uint32_t held_node = ix->objects[held[h]].node;
        for (size_t i = 0; i < n; i++) {
            if (!ex[i].event || !ex[i].subject || !ex[i].target || strcmp(ex[i].subject, held_id) != 0) continue;
            uint32_t target = interact_object_find(ix, ex[i].target);
            if (target == INTERACT_NONE) continue;
            if (strcmp(ex[i].event, "place") == 0) {
                mat4 landing;
                if (interact_socket_landing(ix, s, target, held[h], landing))
                    add_ghost(g, s, meshes, held_node, landing, ghost, cap);
            } else if (strcmp(ex[i].event, "use") == 0) {
                add_probe_lines(g, s, held_node, ix->objects[target].node, 2 * n * HAND_COUNT);
            }
        }
    }
}

void app_guidance_draw(const struct app_guidance *g, struct gfx *gx, int height_px)
{
    float scale = height_px > 0 ? (float)height_px / 720.0f : 1.0f;
    if (scale < 0.67f) scale = 0.67f; /* at least 2 px */
    if (g->outlined_n)
        gfx_draw_outlines(gx, g->outlined, g->outlined_n, OUTLINE_COLOR, OUTLINE_WIDTH_PX * scale,
                          OUTLINE_OCCLUDED_ALPHA);
    if (g->ghost_n) gfx_draw_pbr(gx, g->ghosts, g->ghost_n, false);
    if (g->line_n) gfx_draw_lines(gx, g->lines, g->line_n, LINE_WIDTH_PX * scale);
}

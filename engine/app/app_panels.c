/* app_panels.c — the session's panels in the world (see app_panels.h). */
#include "app_panels.h"

#include "app_hud.h"
#include "app_session.h"

#include "pose.h"
#include "str.h"

#include <math.h>
#include <string.h>

/* The board: a sheet of 1.2 x 0.9 m on a stand ahead and to the left of
 * where the trainee starts, turned towards them: at the edge of the first
 * view, so it is found, and clear of the work in front. */
#define BOARD_W_M 1.4f
#define BOARD_H_M 1.1f
#define BOARD_AHEAD_M 2.7f
#define BOARD_LEFT_M 2.4f
#define BOARD_CENTRE_Y_M 1.4f
#define BOARD_NODE "Procedure_Board"
/* The display text covers the display's face less a margin, lifted 0.5 mm
 * above it so the two do not z-fight. */
#define DISPLAY_FILL 0.9f
#define DISPLAY_LIFT_M 0.0005f
/* Modal panels float one metre ahead: near enough to read, in front of
 * most of the scene even where they are not drawn over it. */
#define MODAL_DISTANCE_M 1.0f

void app_panels_begin(struct app_panels *ps)
{
    for (int i = 0; i < APP_PANEL_COUNT; i++) {
        ui_quads_reset(&ps->p[i].q);
        ps->p[i].on = false;
    }
}

void app_panels_board_frame(const struct scene *s, const struct pose *start_head, mat4 out)
{
    uint32_t n = s ? scene_node_find(s, BOARD_NODE) : SCENE_NOT_FOUND;
    if (n != SCENE_NOT_FOUND) {
        glm_mat4_copy((vec4 *)s->nodes[n].world, out);
        return;
    }
    /* Horizontal forward and left of the start pose: the board stands
     * upright whatever the head's pitch. */
    vec3 fwd;
    pose_forward(start_head, fwd);
    fwd[1] = 0.0f;
    if (glm_vec3_norm(fwd) < 1e-4f) glm_vec3_copy((vec3){0.0f, 0.0f, -1.0f}, fwd);
    glm_vec3_normalize(fwd);
    vec3 left = {fwd[2], 0.0f, -fwd[0]};
    vec3 centre;
    glm_vec3_copy((float *)start_head->position, centre);
    glm_vec3_muladds(fwd, BOARD_AHEAD_M, centre);
    glm_vec3_muladds(left, BOARD_LEFT_M, centre);
    centre[1] = BOARD_CENTRE_Y_M;
    /* Turned to face the start position: +z towards it, +y up. */
    vec3 normal = {start_head->position[0] - centre[0], 0.0f, start_head->position[2] - centre[2]};
    glm_vec3_normalize(normal);
    vec3 up = {0.0f, 1.0f, 0.0f}, right;
    glm_vec3_cross(up, normal, right);
    glm_mat4_identity(out);
    glm_vec3_copy(right, out[0]);
    glm_vec3_copy(up, out[1]);
    glm_vec3_copy(normal, out[2]);
    glm_vec3_copy(centre, out[3]);
}

/* A box node under parent at (x, y, z) in its frame. */
static void stand_part(struct scene *s, struct arena *a, uint32_t parent, float sx, float sy, float sz, float x,
                       float y, float z, const float color[4])
{
    struct mesh_data m = scene_mesh_box(a, sx, sy, sz);
    uint32_t n = scene_node_add(s, parent, "");
    s->nodes[n].mesh = scene_mesh_add(s, &m);
    glm_vec3_copy((vec3){x, y, z}, s->nodes[n].translation);
    glm_vec4_copy((float *)color, s->nodes[n].color);
}

bool app_panels_add_board_stand(struct scene *s, struct arena *a, const struct pose *start_head)
{
    if (scene_node_find(s, BOARD_NODE) != SCENE_NOT_FOUND) return false;
    mat4 frame;
    app_panels_board_frame(NULL, start_head, frame);
    uint32_t b = scene_node_add(s, SCENE_NO_PARENT, BOARD_NODE);
    struct scene_node *n = &s->nodes[b];
    glm_vec3_copy(frame[3], n->translation);
    mat3 rot;
    glm_mat4_pick3(frame, rot);
    glm_mat3_quat(rot, n->rotation);
    /* A dark backing a little larger than the sheet, its face at z = 0, on
     * two legs down to the floor with feet. */
    const float backing[4] = {0.10f, 0.11f, 0.13f, 1.0f}, steel[4] = {0.45f, 0.47f, 0.50f, 1.0f};
    stand_part(s, a, b, BOARD_W_M + 0.06f, BOARD_H_M + 0.06f, 0.03f, 0.0f, 0.0f, -0.016f, backing);
    float leg_h = BOARD_CENTRE_Y_M, half_w = 0.5f * BOARD_W_M - 0.1f;
    for (int k = 0; k < 2; k++) {
        float x = k ? half_w : -half_w;
        stand_part(s, a, b, 0.04f, leg_h, 0.04f, x, -0.5f * leg_h, -0.05f, steel);
        stand_part(s, a, b, 0.06f, 0.03f, 0.5f, x, 0.015f - BOARD_CENTRE_Y_M, -0.05f, steel);
    }
    scene_update_world(s);
    return true;
}

void app_panels_board(struct app_panels *ps, const struct ui_font *f, struct app_session *s, const struct scene *scene,
                      const struct pose *start_head)
{
    struct app_world_text *b = &ps->p[APP_PANEL_BOARD];
    float w = 0.0f, h = 0.0f;
    app_hud_board(f, &b->q, s, &w, &h);
    if (w <= 0.0f || h <= 0.0f) return;
    /* The sheet as large as the board allows, keeping its aspect. */
    float width_m = BOARD_W_M;
    if (h * width_m / w > BOARD_H_M) width_m = BOARD_H_M * w / h;
    mat4 frame;
    app_panels_board_frame(scene, start_head, frame);
    ui_world_panel_on(&b->at, (const vec4 *)frame, width_m, w, h, 0.002f);
    b->on = true;
    b->on_top = false;
}

void app_panels_display(struct app_panels *ps, const struct ui_font *f, const struct app_session *s,
                        const struct scene *scene, const char *tool_node)
{
    const struct app_reading *r = &s->reading;
    if (!r->have || !tool_node) return;
    uint32_t root = scene_node_find(scene, tool_node);
    if (root == SCENE_NOT_FOUND) return;
    uint32_t disp = SCENE_NOT_FOUND;
    for (uint32_t i = 0; i < scene->node_count && disp == SCENE_NOT_FOUND; i++)
        if (scene->nodes[i].name && str_ends_with(scene->nodes[i].name, "Display") && scene_node_under(scene, i, root))
            disp = i;
    if (disp == SCENE_NOT_FOUND) return;
    struct app_world_text *d = &ps->p[APP_PANEL_DISPLAY];
    /* Dark digits on the display's light face, the value large. */
    const float ink[4] = {0.05f, 0.07f, 0.06f, 1.0f};
    float tw = ui_text_width(f, r->text, 1.0f);
    float th = ui_font_line_height(f, 1.0f);
    ui_text(f, &d->q, r->text, 0.0f, 0.0f, 1.0f, ink);
    /* The display's top face, from its mesh's own bounds (node space). */
    const struct scene_node *n = &scene->nodes[disp];
    if (n->mesh == SCENE_NO_MESH) return;
    const float *lmin = scene->meshes[n->mesh].bounds_min, *lmax = scene->meshes[n->mesh].bounds_max;
    float face_w = lmax[0] - lmin[0], face_d = lmax[2] - lmin[2];
    /* Panel on the top face: its normal is the node's +y, its up the
     * node's -z (the far edge of the display reads as the top). */
    mat4 local = {{1, 0, 0, 0},
                  {0, 0, -1, 0},
                  {0, 1, 0, 0},
                  {0.5f * (lmin[0] + lmax[0]), lmax[1], 0.5f * (lmin[2] + lmax[2]), 1}};
    mat4 m;
    glm_mat4_mul((vec4 *)n->world, local, m);
    /* Fit the text's box into the face, keeping its aspect. */
    float scale_w = face_w * DISPLAY_FILL, scale_h = face_d * DISPLAY_FILL * tw / (th > 0.0f ? th : 1.0f);
    float width_m = scale_w < scale_h ? scale_w : scale_h;
    /* The node's scale is in m already; ui_world_panel_on takes the width
     * in world metres along the node's x axis, so undo that axis' scale. */
    ui_world_panel_on(&d->at, (const vec4 *)m, width_m * glm_vec3_norm(m[0]), tw, th, DISPLAY_LIFT_M);
    d->on = true;
    d->on_top = false;
}

struct ui_quads *app_panels_modal(struct app_panels *ps, const struct pose *head, float vfov, float fill, int w, int h)
{
    struct app_world_text *m = &ps->p[APP_PANEL_MODAL];
    ui_quads_reset(&m->q);
    ui_world_panel_facing(&m->at, head, MODAL_DISTANCE_M, vfov, fill, (float)w, (float)h);
    m->on = true;
    m->on_top = true;
    return &m->q;
}

struct ui_quads *app_panels_hud(struct app_panels *ps, const struct pose *head, float vfov, float fill, int w, int h)
{
    struct app_world_text *m = &ps->p[APP_PANEL_HUD];
    ui_quads_reset(&m->q);
    ui_world_panel_facing(&m->at, head, MODAL_DISTANCE_M, vfov, fill, (float)w, (float)h);
    m->on = true;
    m->on_top = true;
    return &m->q;
}

void app_follow_update(struct app_follow *f, const struct pose *head, float dt_s)
{
    float want = pose_heading(head->orientation);
    if (!f->placed) {
        glm_vec3_copy((float *)head->position, f->at.position);
        glm_quatv(f->at.orientation, want, (vec3){0.0f, 1.0f, 0.0f});
        f->placed = true;
        return;
    }
    float have = pose_heading(f->at.orientation);
    float turn = remainderf(want - have, 2.0f * GLM_PIf);
    float away = glm_vec3_distance(f->at.position, (float *)head->position);
    if (fabsf(turn) > glm_rad(APP_FOLLOW_ANGLE_DEG) || away > APP_FOLLOW_DIST_M) f->moving = true;
    if (!f->moving) return;
    /* Exponential glide: 1 - e^(-10 t) is 92 % after a quarter second,
     * whatever the frame rate. */
    float k = 1.0f - expf(-10.0f * (dt_s > 0.0f ? dt_s : 0.0f));
    glm_vec3_lerp(f->at.position, (float *)head->position, k, f->at.position);
    glm_quatv(f->at.orientation, have + turn * k, (vec3){0.0f, 1.0f, 0.0f});
    if (fabsf(turn) * (1.0f - k) < glm_rad(2.0f) && away * (1.0f - k) < 0.02f) f->moving = false;
}

bool app_panels_modal_pointer(const struct app_panels *ps, const struct pose *aim, float *x, float *y)
{
    *x = *y = -1.0f;
    const struct app_world_text *m = &ps->p[APP_PANEL_MODAL];
    if (!m->on) return false;
    vec3 dir;
    pose_forward(aim, dir);
    float t;
    return ui_world_panel_hit(&m->at, aim->position, dir, x, y, &t);
}

int app_panels_modal_hand(const struct app_panels *ps, const struct hand_input hands[HAND_COUNT],
                          const bool pressed[HAND_COUNT], int prefer, float *x, float *y)
{
    int best = -1;
    *x = *y = -1.0f;
    for (int h = 0; h < HAND_COUNT; h++) {
        float px, py;
        if (!hands[h].active || !app_panels_modal_pointer(ps, &hands[h].aim, &px, &py)) continue;
        bool better = best < 0 || (pressed[h] && !pressed[best]) || (pressed[h] == pressed[best] && h == prefer);
        if (!better) continue;
        best = h;
        *x = px;
        *y = py;
    }
    return best;
}

void app_panels_draw(const struct app_panels *ps, struct gfx *g, struct gfx_texture atlas, bool modal)
{
    for (int i = 0; i < APP_PANEL_COUNT; i++) {
        const struct app_world_text *p = &ps->p[i];
        if (!p->on || p->q.n == 0 || (i == APP_PANEL_MODAL) != modal) continue;
        gfx_draw_quads_world(g, atlas, p->q.v, p->q.n, p->at.world_from_panel, p->at.metres_per_px, p->on_top);
    }
}

void app_panels_free(struct app_panels *ps)
{
    for (int i = 0; i < APP_PANEL_COUNT; i++)
        ui_quads_free(&ps->p[i].q);
}

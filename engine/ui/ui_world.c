/* ui_world.c — panels placed in the world: where they sit and what a
 * pointer ray hits on them (see ui.h). */
#include "ui.h"

#include "pose.h"

#include <math.h>

/* Below this |cos| between ray and plane normal a ray counts as parallel:
 * the hit point would be far away and numerically meaningless. */
#define UI_WORLD_PARALLEL_EPS 1e-6f

void ui_world_panel_point(const struct ui_world_panel *p, float x, float y, vec3 out)
{
    vec4 local = {x * p->metres_per_px, -y * p->metres_per_px, 0.0f, 1.0f}, world;
    glm_mat4_mulv((vec4 *)p->world_from_panel, local, world);
    glm_vec3_copy(world, out);
}

bool ui_world_panel_hit(const struct ui_world_panel *p, const vec3 origin, const vec3 dir, float *out_x,
                        float *out_y, float *out_t)
{
    if (!(p->metres_per_px > 0.0f)) return false;
    vec3 d;
    glm_vec3_normalize_to((float *)dir, d);
    if (glm_vec3_norm2(d) == 0.0f) return false;

    /* The panel's plane from its matrix: works whether or not the matrix
     * carries scale, since the hit point is mapped back through its inverse. */
    mat4 m;
    glm_mat4_copy((vec4 *)p->world_from_panel, m);
    vec3 ax, ay, n, o;
    glm_vec3_copy(m[0], ax);
    glm_vec3_copy(m[1], ay);
    glm_vec3_copy(m[3], o);
    glm_vec3_cross(ax, ay, n);
    if (glm_vec3_norm2(n) == 0.0f) return false;
    glm_vec3_normalize(n);

    /* Only the front (+z) side takes hits: a ray from behind a panel points
     * along its normal, and a ray in its plane never meets it. */
    float denom = glm_vec3_dot(d, n);
    if (denom > -UI_WORLD_PARALLEL_EPS) return false;
    vec3 to_plane;
    glm_vec3_sub(o, (float *)origin, to_plane);
    float t = glm_vec3_dot(to_plane, n) / denom;
    if (t < 0.0f) return false;

    vec4 hit = {origin[0] + d[0] * t, origin[1] + d[1] * t, origin[2] + d[2] * t, 1.0f}, local;
    mat4 panel_from_world;
    glm_mat4_inv(m, panel_from_world);
    glm_mat4_mulv(panel_from_world, hit, local);
    float x = local[0] / p->metres_per_px, y = -local[1] / p->metres_per_px;
    if (!(x >= 0.0f && x < p->width_px && y >= 0.0f && y < p->height_px)) return false;
    if (out_x) *out_x = x;
    if (out_y) *out_y = y;
    if (out_t) *out_t = t;
    return true;
}

/* world_from_panel for a panel centred at c with orthonormal axes x, y, z:
 * pixel (0, 0) is the top-left corner, half a panel left and up of c. */
static void panel_from_frame(struct ui_world_panel *p, const vec3 c, const vec3 x, const vec3 y, const vec3 z,
                             float metres_per_px, float width_px, float height_px)
{
    float half_w = 0.5f * width_px * metres_per_px, half_h = 0.5f * height_px * metres_per_px;
    glm_mat4_identity(p->world_from_panel);
    for (int i = 0; i < 3; i++) {
        p->world_from_panel[0][i] = x[i];
        p->world_from_panel[1][i] = y[i];
        p->world_from_panel[2][i] = z[i];
        p->world_from_panel[3][i] = c[i] - x[i] * half_w + y[i] * half_h;
    }
    p->metres_per_px = metres_per_px;
    p->width_px = width_px;
    p->height_px = height_px;
}

void ui_world_panel_facing(struct ui_world_panel *p, const struct pose *head, float distance, float vfov,
                           float fill, float width_px, float height_px)
{
    vec3 fwd, c, x, y, z;
    pose_forward(head, fwd);
    glm_vec3_normalize(fwd);
    glm_vec3_scale(fwd, distance, c);
    glm_vec3_add(c, (float *)head->position, c);
    /* Facing the head: the normal points back at it. */
    glm_vec3_negate_to(fwd, z);
    /* Upright: x horizontal, from world up, so a rolled head does not tilt
     * the panel. Looking straight up or down there is no horizontal
     * direction across the view; the head's own right, made
     * perpendicular to z, stands in. */
    vec3 up = {0.0f, 1.0f, 0.0f};
    glm_vec3_cross(up, z, x);
    if (glm_vec3_norm(x) < 1e-4f) {
        versor q;
        glm_quat_copy((float *)head->orientation, q);
        glm_quat_rotatev(q, (vec3){1.0f, 0.0f, 0.0f}, x);
        vec3 along;
        glm_vec3_scale(z, glm_vec3_dot(x, z), along);
        glm_vec3_sub(x, along, x);
    }
    glm_vec3_normalize(x);
    glm_vec3_cross(z, x, y);

    /* Spanning fill of the vertical field of view: the top and bottom edges
     * are fill * vfov / 2 above and below the line of sight. */
    float height_m = 2.0f * distance * tanf(0.5f * fill * vfov);
    float mpp = height_px > 0.0f ? height_m / height_px : 0.0f;
    panel_from_frame(p, c, x, y, z, mpp, width_px, height_px);
}

void ui_world_panel_on(struct ui_world_panel *p, const mat4 world_from_node, float width_m, float width_px,
                       float height_px, float lift_m)
{
    mat4 m;
    glm_mat4_copy((vec4 *)world_from_node, m);
    /* A node's matrix may carry scale (even non-uniform, which can skew
     * inherited axes): keep its +z as the normal and the part of its +y
     * perpendicular to it as up, both unit length, so the panel's size is
     * width_m whatever the node's scale. */
    vec3 x, y, z, c;
    glm_vec3_normalize_to(m[2], z);
    glm_vec3_copy(m[1], y);
    vec3 along;
    glm_vec3_scale(z, glm_vec3_dot(y, z), along);
    glm_vec3_sub(y, along, y);
    glm_vec3_normalize(y);
    glm_vec3_cross(y, z, x);
    glm_vec3_scale(z, lift_m, c);
    glm_vec3_add(c, m[3], c);
    float mpp = width_px > 0.0f ? width_m / width_px : 0.0f;
    panel_from_frame(p, c, x, y, z, mpp, width_px, height_px);
}

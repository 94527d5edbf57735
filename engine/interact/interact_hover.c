/* interact_hover.c — what each hand's ray points at, and EV_HOVER when that
 * changes (see interact.h).
 *
 * The pick is triangle-accurate like scene_ray_pick_mesh, but skips the
 * object the same hand holds: on the desktop the held object floats on the
 * cursor ray, and the trainee must still see (and click) the socket or point
 * behind it. */
#include "interact_int.h"

#include "pose.h"

#include <float.h>

/* Nearest triangle hit along the ray, in units of dir, or SCENE_NOT_FOUND.
 * Nodes of the object held by hand `skip_hand` are not candidates. */
static uint32_t pick(const struct interact *ix, const struct scene *s, const vec3 origin, const vec3 dir,
                     int skip_hand, float *out_t, vec3 out_normal)
{
    vec3 best_n = {0.0f, 1.0f, 0.0f};
    uint32_t best = SCENE_NOT_FOUND;
    float best_t = FLT_MAX;
    uint32_t held = ix->hands[skip_hand].held;
    for (uint32_t i = 0; i < s->node_count; i++) {
        const struct scene_node *n = &s->nodes[i];
        if (!n->visible || scene_node_mesh_count(n) == 0) continue;
        if (held != INTERACT_NONE && interact_node_object(ix, i) == held) continue;
        vec3 bmin, bmax;
        float tb;
        /* Cheap rejection by world bounds; a box entered behind the best
         * hit cannot hold a nearer triangle. */
        if (!scene_node_bounds(s, i, bmin, bmax) || !scene_ray_aabb(origin, dir, bmin, bmax, &tb) || tb > best_t)
            continue;
        /* Model space: with an affine inverse the ray parameter is unchanged. */
        mat4 w, inv;
        glm_mat4_copy((vec4 *)n->world, w);
        glm_mat4_inv(w, inv);
        vec3 o, d;
        glm_mat4_mulv3(inv, (float *)origin, 1.0f, o);
        glm_mat4_mulv3(inv, (float *)dir, 0.0f, d);
        for (uint32_t k = 0; k < scene_node_mesh_count(n); k++) {
            const struct mesh_data *m = &s->meshes[n->mesh + k];
            for (uint32_t t3 = 0; t3 + 2 < m->index_count; t3 += 3) {
                uint32_t ia = m->indices[t3], ib = m->indices[t3 + 1], ic = m->indices[t3 + 2];
                if (ia >= m->vertex_count || ib >= m->vertex_count || ic >= m->vertex_count) continue;
                float t = 0.0f;
                const float *a = m->vertices[ia].position, *b = m->vertices[ib].position,
                            *c = m->vertices[ic].position;
                if (!scene_ray_triangle(o, d, a, b, c, &t) || t >= best_t) continue;
                best_t = t;
                best = i;
                /* The face normal, to world by the inverse transpose, facing
                 * the ray (triangles are hit from both sides). */
                vec3 e1, e2, nm;
                mat3 nmat;
                glm_vec3_sub((float *)b, (float *)a, e1);
                glm_vec3_sub((float *)c, (float *)a, e2);
                glm_vec3_cross(e1, e2, nm);
                glm_mat4_pick3(inv, nmat);
                glm_mat3_transpose(nmat);
                glm_mat3_mulv(nmat, nm, best_n);
                glm_vec3_normalize(best_n);
                if (glm_vec3_dot(best_n, (float *)dir) > 0.0f) glm_vec3_negate(best_n);
            }
        }
    }
    if (best != SCENE_NOT_FOUND) {
        *out_t = best_t;
        glm_vec3_copy(best_n, out_normal);
    }
    return best;
}

void interact_hover_update(struct interact *ix, const struct scene *s, const struct hand_input hands[HAND_COUNT],
                           int64_t t_us, struct ev_queue *out)
{
    for (int h = 0; h < HAND_COUNT; h++) {
        uint32_t hit = SCENE_NOT_FOUND;
        float t = 0.0f;
        struct interact_hand *hs = &ix->hands[h];
        if (hands[h].active) {
            vec3 dir;
            pose_forward(&hands[h].aim, dir);
            hit = pick(ix, s, hands[h].aim.position, dir, h, &t, hs->hit_normal);
            if (hit != SCENE_NOT_FOUND && t > ix->max_reach) hit = SCENE_NOT_FOUND;
            if (hit != SCENE_NOT_FOUND) {
                glm_vec3_copy((float *)hands[h].aim.position, hs->hit_point);
                glm_vec3_muladds(dir, t, hs->hit_point);
            }
        }
        ix->hover_distance[h] = hit != SCENE_NOT_FOUND ? t : 0.0f;
        uint32_t prev_node = ix->hovered[h];
        ix->hovered[h] = hit;
        if (ix->object_count == 0) {
            /* No objects described: hover reports scene nodes by name. */
            if (hit == prev_node) continue;
            struct ev e = {.type = EV_HOVER, .t_us = t_us, .hand = h,
                           .subject = hit != SCENE_NOT_FOUND ? s->nodes[hit].name : NULL};
            ev_queue_push(out, &e);
            continue;
        }
        /* With objects, hover is about objects: moving between two parts of
         * one object, or over unnamed scenery, is not an event. */
        uint32_t obj = hit != SCENE_NOT_FOUND ? interact_node_object(ix, hit) : INTERACT_NONE;
        if (obj == ix->hands[h].hovered_object) continue;
        ix->hands[h].hovered_object = obj;
        interact_emit(out, EV_HOVER, t_us, h, obj != INTERACT_NONE ? ix->objects[obj].id : NULL, NULL);
    }
}

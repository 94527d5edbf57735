/* scene.c — node tree, world transforms, lookup and picking (see scene.h). */
#include "scene.h"

#include "arena.h"
#include "log.h"

#include <float.h>
#include <string.h>

void scene_init(struct scene *s, struct arena *a)
{
    memset(s, 0, sizeof *s);
    s->arena = a;
}

/* Grows an arena-backed array by doubling; the old copy is abandoned to the
 * arena, which is fine for load-time growth. */
static void *grow(struct arena *a, void *old, uint32_t count, uint32_t *cap, size_t elem)
{
    uint32_t ncap = *cap ? *cap * 2 : 16;
    void *n = arena_push(a, elem * ncap, 16);
    if (count) memcpy(n, old, elem * count);
    *cap = ncap;
    return n;
}

uint32_t scene_node_add(struct scene *s, uint32_t parent, const char *name)
{
    ASSERT(parent == SCENE_NO_PARENT || parent < s->node_count);
    if (s->node_count == s->node_cap)
        s->nodes = grow(s->arena, s->nodes, s->node_count, &s->node_cap, sizeof *s->nodes);
    uint32_t i = s->node_count++;
    struct scene_node *n = &s->nodes[i];
    memset(n, 0, sizeof *n);
    n->name = arena_strdup(s->arena, name ? name : "");
    n->parent = parent;
    glm_quat_identity(n->rotation);
    glm_vec3_one(n->scale);
    glm_mat4_identity(n->world);
    n->mesh = SCENE_NO_MESH;
    glm_vec4_one(n->color);
    n->visible = true;
    return i;
}

uint32_t scene_mesh_add(struct scene *s, const struct mesh_data *m)
{
    if (s->mesh_count == s->mesh_cap) {
        uint32_t cap = s->mesh_cap;
        s->meshes = grow(s->arena, s->meshes, s->mesh_count, &s->mesh_cap, sizeof *s->meshes);
        s->mesh_material = grow(s->arena, s->mesh_material, s->mesh_count, &cap, sizeof *s->mesh_material);
    }
    s->meshes[s->mesh_count] = *m;
    s->mesh_material[s->mesh_count] = SCENE_NO_MATERIAL;
    return s->mesh_count++;
}

uint32_t scene_node_mesh_count(const struct scene_node *n)
{
    if (n->mesh == SCENE_NO_MESH) return 0;
    return n->mesh_count ? n->mesh_count : 1;
}

uint32_t scene_node_find(const struct scene *s, const char *name)
{
    for (uint32_t i = 0; i < s->node_count; i++)
        if (strcmp(s->nodes[i].name, name) == 0) return i;
    return SCENE_NOT_FOUND;
}

bool scene_node_under(const struct scene *s, uint32_t node, uint32_t root)
{
    /* At most node_count steps up: a corrupt parent cycle cannot spin. */
    for (uint32_t d = 0; node < s->node_count && d < s->node_count; d++, node = s->nodes[node].parent)
        if (node == root) return true;
    return false;
}

uint32_t scene_node_find_path(const struct scene *s, const char *path)
{
    uint32_t parent = SCENE_NO_PARENT;
    const char *p = path;
    while (*p) {
        const char *slash = strchr(p, '/');
        size_t len = slash ? (size_t)(slash - p) : strlen(p);
        uint32_t found = SCENE_NOT_FOUND;
        for (uint32_t i = 0; i < s->node_count; i++) {
            const struct scene_node *n = &s->nodes[i];
            if (n->parent == parent && strncmp(n->name, p, len) == 0 && n->name[len] == '\0') {
                found = i;
                break;
            }
        }
        if (found == SCENE_NOT_FOUND) return SCENE_NOT_FOUND;
        parent = found;
        p += len;
        if (*p == '/') p++;
    }
    return parent == SCENE_NO_PARENT ? SCENE_NOT_FOUND : parent;
}

void scene_update_world(struct scene *s)
{
    /* Parents precede children (scene_node_add enforces it), so one forward
     * pass sees every parent's world matrix already updated. */
    for (uint32_t i = 0; i < s->node_count; i++) {
        struct scene_node *n = &s->nodes[i];
        mat4 local;
        glm_mat4_identity(local);
        glm_translate(local, n->translation);
        glm_quat_rotate(local, n->rotation, local);
        glm_scale(local, n->scale);
        if (n->parent == SCENE_NO_PARENT)
            glm_mat4_copy(local, n->world);
        else
            glm_mat4_mul(s->nodes[n->parent].world, local, n->world);
    }
}

bool scene_node_bounds(const struct scene *s, uint32_t node, vec3 out_min, vec3 out_max)
{
    const struct scene_node *n = &s->nodes[node];
    uint32_t count = scene_node_mesh_count(n);
    if (count == 0) return false;
    vec3 box[2] = {{FLT_MAX, FLT_MAX, FLT_MAX}, {-FLT_MAX, -FLT_MAX, -FLT_MAX}};
    for (uint32_t k = 0; k < count; k++) {
        const struct mesh_data *m = &s->meshes[n->mesh + k];
        glm_vec3_minv(box[0], (float *)m->bounds_min, box[0]);
        glm_vec3_maxv(box[1], (float *)m->bounds_max, box[1]);
    }
    mat4 w;
    glm_mat4_copy((vec4 *)n->world, w);
    glm_aabb_transform(box, w, box);
    glm_vec3_copy(box[0], out_min);
    glm_vec3_copy(box[1], out_max);
    return true;
}

bool scene_ray_aabb(const vec3 origin, const vec3 dir, const vec3 bmin, const vec3 bmax, float *out_t)
{
    float tmin = -FLT_MAX, tmax = FLT_MAX;
    for (int k = 0; k < 3; k++) {
        if (dir[k] == 0.0f) {
            if (origin[k] < bmin[k] || origin[k] > bmax[k]) return false;
            continue;
        }
        float inv = 1.0f / dir[k];
        float t0 = (bmin[k] - origin[k]) * inv;
        float t1 = (bmax[k] - origin[k]) * inv;
        if (t0 > t1) { float t = t0; t0 = t1; t1 = t; }
        if (t0 > tmin) tmin = t0;
        if (t1 < tmax) tmax = t1;
        if (tmin > tmax) return false;
    }
    if (tmax < 0.0f) return false;
    /* Inside the box: the hit is where the ray starts. */
    *out_t = tmin > 0.0f ? tmin : 0.0f;
    return true;
}

uint32_t scene_ray_pick_bounds(const struct scene *s, const vec3 origin, const vec3 dir, float *out_t)
{
    uint32_t best = SCENE_NOT_FOUND;
    float best_t = FLT_MAX;
    for (uint32_t i = 0; i < s->node_count; i++) {
        if (!s->nodes[i].visible) continue;
        vec3 bmin, bmax;
        if (!scene_node_bounds(s, i, bmin, bmax)) continue;
        float t = 0.0f;
        if (scene_ray_aabb(origin, dir, bmin, bmax, &t) && t < best_t) {
            best_t = t;
            best = i;
        }
    }
    if (best != SCENE_NOT_FOUND && out_t) *out_t = best_t;
    return best;
}

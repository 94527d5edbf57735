/* app_scene_check.c — `paja check`'s look at the scene: every object and
 * measuring point of a scenario must name a node the scene has, or the
 * trainee can never reach it (paja run would put a placeholder box in its
 * place). The scene is loaded here, in the app, because the scenario module
 * must not know scenes (DESIGN.md §3). */
#include "app_session.h"

#include "arena.h"
#include "scene.h"
#include "str.h"

#include <string.h>

/* Scene node names, for the nearest-name suggestion. */
static const char **node_names(const struct scene *s, struct arena *a, size_t *out_n)
{
    const char **v = ARENA_PUSH_ARRAY(a, const char *, s->node_count + 1);
    size_t n = 0;
    for (uint32_t i = 0; i < s->node_count; i++)
        if (s->nodes[i].name && s->nodes[i].name[0]) v[n++] = s->nodes[i].name;
    *out_n = n;
    return v;
}

static void missing(struct scenario_diags *d, const struct scenario *sc, int line, int col, const char *what,
                    const char *id, const char *node, const char *scene_name, const char **names, size_t n)
{
    const char *near = str_nearest(node, names, n);
    if (near)
        scenario_diags_add(d, SCENARIO_DIAG_ERROR, scenario_get_file(sc), line, col,
                           "%s '%s': the scene %s has no node '%s'; did you mean '%s'?", what, id, scene_name, node,
                           near);
    else
        scenario_diags_add(d, SCENARIO_DIAG_ERROR, scenario_get_file(sc), line, col,
                           "%s '%s': the scene %s has no node '%s' (paja info %s lists its nodes)", what, id,
                           scene_name, node, scene_name);
}

size_t app_scene_check(const struct scenario *sc, const struct scene *s, const char *scene_name,
                       struct scenario_diags *d)
{
    struct arena a;
    arena_init(&a, "scene check", 16 * 1024);
    size_t n = 0, errors = 0;
    const char **names = node_names(s, &a, &n);
    for (size_t i = 0; i < scenario_object_count(sc); i++) {
        struct scenario_object_info o;
        if (!scenario_object_info(sc, i, &o) || !o.node || !o.cap_count) continue;
        if (scene_node_find(s, o.node) != SCENE_NOT_FOUND) continue;
        missing(d, sc, o.line, o.col, "object", o.id, o.node, scene_name, names, n);
        errors++;
    }
    /* Each fixed point once, where it is named (its points: entry, else
     * the first reading at it). */
    const char **seen = ARENA_PUSH_ARRAY(&a, const char *, scenario_reading_point_count(sc) + 1);
    size_t nseen = 0;
    for (size_t r = 0; r < scenario_reading_point_count(sc); r++) {
        struct scenario_point_info p;
        if (!scenario_reading_point(sc, r, &p) || !p.is_point) continue;
        bool dup = false;
        for (size_t k = 0; k < nseen && !dup; k++) dup = strcmp(seen[k], p.at) == 0;
        if (dup) continue;
        seen[nseen++] = p.at;
        if (scene_node_find(s, p.node) != SCENE_NOT_FOUND) continue;
        missing(d, sc, p.line, p.col, "measuring point", p.at, p.node, scene_name, names, n);
        errors++;
    }
    arena_fini(&a);
    return errors;
}

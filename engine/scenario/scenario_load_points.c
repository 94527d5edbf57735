/* scenario_load_points.c — named measuring points, and display names.
 *
 * A measuring point is where a tool reads (a reading's `at`, e.g.
 * hv.pos_neg): not an object the trainee acts on, so it has no entry in
 * `objects`, and the interaction layer finds it as the scene node of the
 * same name. The optional `points:` list gives a point a display name per
 * language and, where the scene calls it something else, its node:
 *
 *   points:
 *     - {id: hv.pos_neg, name: {fi: "HV+ ↔ HV−", en: "HV+ to HV−", sv: ...}}
 *
 * Only points some tool reads at may be listed, so a misspelt id is an
 * error with the nearest real one rather than a name that never shows. */
#include "scenario_load.h"

#include "str.h"

#include <string.h>

/* Whether at is where a tool reads something other than one of its own
 * features (which are inspected, not measured) or another object. */
static bool tool_point(const struct scenario *sc, const struct sc_object *o, const char *at)
{
    if (!(o->caps & CAP_TOOL) || !at || !*at) return false;
    for (size_t f = 0; f < o->feature_count; f++)
        if (strcmp(o->features[f], at) == 0) return false;
    return scenario_find_object(sc, at) < 0;
}

/* Whether some tool reads at id (an exact `at`, or an `at` pattern that
 * matches it). */
static bool is_read_point(const struct scenario *sc, const char *id)
{
    for (size_t i = 0; i < sc->object_count; i++)
        for (size_t r = 0; r < sc->objects[i].reading_count; r++) {
            const char *at = sc->objects[i].readings[r].target;
            if (tool_point(sc, &sc->objects[i], at) && scenario_pattern_match(at, id)) return true;
        }
    return false;
}

/* The exact reading points, for "did you mean". */
static const char **read_points(struct loader *L, size_t *out_count)
{
    const struct scenario *sc = L->sc;
    size_t n = 0;
    for (size_t i = 0; i < sc->object_count; i++) n += sc->objects[i].reading_count;
    const char **v = ARENA_PUSH_ARRAY(L->a, const char *, n + 1);
    size_t k = 0;
    for (size_t i = 0; i < sc->object_count; i++)
        for (size_t r = 0; r < sc->objects[i].reading_count; r++) {
            const char *at = sc->objects[i].readings[r].target;
            if (tool_point(sc, &sc->objects[i], at) && !strchr(at, '*')) v[k++] = at;
        }
    *out_count = k;
    return v;
}

static int find_point(const struct scenario *sc, const char *id)
{
    for (size_t i = 0; id && i < sc->point_count; i++)
        if (strcmp(sc->points[i].id, id) == 0) return (int)i;
    return -1;
}

void load_points(struct loader *L, const struct ynode *seq)
{
    struct scenario *sc = L->sc;
    if (!want_kind(L, seq, YNODE_SEQ, "'points'")) return;
    sc->points = ARENA_PUSH_ARRAY(L->a, struct sc_point, seq->count + 1);
    size_t cand_count = 0;
    const char **cands = read_points(L, &cand_count);
    for (size_t i = 0; i < seq->count; i++) {
        const struct ynode *n = seq->items[i];
        if (!want_kind(L, n, YNODE_MAP, "each entry of 'points'")) continue;
        static const char *const KEYS[] = {"id", "node", "name"};
        CHECK_KEYS(L, n, "a measuring point", KEYS);
        const struct ynode *idn = map_get(n, "id"), *v;
        if (!idn) {
            lerr(L, n, "this entry of 'points' has no 'id' (where a tool reads, e.g. id: hv.pos_neg)");
            continue;
        }
        const char *id = read_id(L, idn, "point", false);
        if (!id) continue;
        int dup = find_point(sc, id);
        if (dup >= 0) {
            lerr(L, idn, "point '%s' is listed twice (first at line %d)", id, sc->points[dup].pos.line);
            continue;
        }
        if (scenario_find_object(sc, id) >= 0) {
            lerr(L, idn, "'%s' is an object, not a measuring point: give its name in its entry under 'objects'", id);
            continue;
        }
        if (!is_read_point(sc, id)) {
            const char *near = str_nearest(id, cands, cand_count);
            if (near)
                lerr(L, idn, "no tool reads at '%s' (see the tools' readings); did you mean '%s'?", id, near);
            else
                lerr(L, idn, "no tool reads at '%s': a point is the 'at' of a tool's reading", id);
            continue;
        }
        struct sc_point *p = &sc->points[sc->point_count++];
        p->id = id;
        p->pos = (struct src_pos){n->line, n->col};
        p->node = get_scalar(L, n, "node", false, "a measuring point");
        if (!p->node || !*p->node) p->node = id;
        if ((v = map_get(n, "name"))) read_text(L, v, "'name'", &p->name);
    }
}

/* The text in lang, else English; NULL when neither is given. */
static const char *name_in(const struct scenario_text *t, enum scenario_lang lang)
{
    if ((unsigned)lang < SCENARIO_LANG_COUNT && t->s[lang] && *t->s[lang]) return t->s[lang];
    if (t->s[SCENARIO_LANG_EN] && *t->s[SCENARIO_LANG_EN]) return t->s[SCENARIO_LANG_EN];
    return NULL;
}

const char *scenario_name_of(const struct scenario *sc, const char *id, enum scenario_lang lang)
{
    if (!sc || !id) return NULL;
    int i = scenario_find_object(sc, id);
    if (i >= 0) {
        const char *name = name_in(&sc->objects[i].name, lang);
        return name ? name : sc->objects[i].id;
    }
    i = find_point(sc, id);
    if (i >= 0) {
        const char *name = name_in(&sc->points[i].name, lang);
        return name ? name : sc->points[i].id;
    }
    /* A point no entry names is still known: its id is all there is. */
    return is_read_point(sc, id) ? id : NULL;
}

const char *scenario_point_node(const struct scenario *sc, const char *id)
{
    if (!sc || !id) return NULL;
    int i = find_point(sc, id);
    return i >= 0 ? sc->points[i].node : id;
}

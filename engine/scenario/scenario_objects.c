/* scenario_objects.c — read-only views of a scenario's objects for the app:
 * where each is in the file and the scene, what it can do, an inspectable
 * object's features and a question's prompt and choices (the trainee's
 * pickers on world panels), so the app needs no private header for them. */
#include "scenario_int.h"

#include <string.h>

size_t scenario_object_count(const struct scenario *sc)
{
    return sc ? sc->object_count : 0;
}

static const struct sc_object *obj(const struct scenario *sc, size_t i)
{
    return sc && i < sc->object_count ? &sc->objects[i] : NULL;
}

bool scenario_object_info(const struct scenario *sc, size_t i, struct scenario_object_info *out)
{
    const struct sc_object *o = obj(sc, i);
    memset(out, 0, sizeof *out);
    if (!o) return false;
    out->id = o->id;
    out->node = o->node;
    out->line = o->pos.line;
    out->col = o->pos.col;
    for (int c = 0; c < CAP_NAMES_COUNT; c++)
        if (o->caps & (1u << c)) out->caps[out->cap_count++] = scenario_cap_names[c];
    out->question = (o->caps & CAP_QUESTION) != 0;
    out->zone = (o->caps & CAP_ZONE) != 0;
    out->feature_count = o->feature_count;
    out->choice_count = o->choice_count;
    return true;
}

int scenario_object_index(const struct scenario *sc, const char *id)
{
    return sc && id ? scenario_find_object(sc, id) : -1;
}

static const char *text_or(const struct scenario_text *t, enum scenario_lang lang, const char *fallback)
{
    const char *s = t ? scenario_text_get(t, lang) : "";
    return *s ? s : fallback;
}

const char *scenario_feature_id(const struct scenario *sc, size_t i, size_t k)
{
    const struct sc_object *o = obj(sc, i);
    return o && k < o->feature_count ? o->features[k] : NULL;
}

const char *scenario_feature_name(const struct scenario *sc, size_t i, size_t k, enum scenario_lang lang)
{
    const struct sc_object *o = obj(sc, i);
    if (!o || k >= o->feature_count) return NULL;
    return text_or(o->feature_names ? &o->feature_names[k] : NULL, lang, o->features[k]);
}

const char *scenario_question_prompt(const struct scenario *sc, size_t i, enum scenario_lang lang)
{
    const struct sc_object *o = obj(sc, i);
    if (!o) return NULL;
    const char *name = text_or(&o->name, lang, o->id);
    return text_or(&o->prompt, lang, name);
}

const char *scenario_choice_id(const struct scenario *sc, size_t i, size_t k)
{
    const struct sc_object *o = obj(sc, i);
    return o && k < o->choice_count ? o->choices[k] : NULL;
}

const char *scenario_choice_text(const struct scenario *sc, size_t i, size_t k, enum scenario_lang lang)
{
    const struct sc_object *o = obj(sc, i);
    if (!o || k >= o->choice_count) return NULL;
    return text_or(o->choice_texts ? &o->choice_texts[k] : NULL, lang, o->choices[k]);
}

size_t scenario_reading_point_count(const struct scenario *sc)
{
    size_t n = 0;
    for (size_t i = 0; sc && i < sc->object_count; i++) n += sc->objects[i].reading_count;
    return n;
}

bool scenario_reading_point(const struct scenario *sc, size_t r, struct scenario_point_info *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; sc && i < sc->object_count; i++) {
        const struct sc_object *o = &sc->objects[i];
        if (r >= o->reading_count) {
            r -= o->reading_count;
            continue;
        }
        const struct sc_reading *rd = &o->readings[r];
        out->tool = o->id;
        out->at = rd->target;
        out->line = rd->pos.line;
        out->col = rd->pos.col;
        /* A fixed point of a tool: not a pattern, not a feature of its own,
         * not another object. */
        bool feature = false;
        for (size_t k = 0; k < o->feature_count && !feature; k++) feature = strcmp(o->features[k], rd->target) == 0;
        out->is_point = (o->caps & CAP_TOOL) && rd->target && *rd->target && !strchr(rd->target, '*') && !feature &&
                        scenario_find_object(sc, rd->target) < 0;
        if (out->is_point) {
            out->node = scenario_point_node(sc, rd->target);
            /* Where the author named the node: the points: entry if any. */
            for (size_t p = 0; p < sc->point_count; p++)
                if (strcmp(sc->points[p].id, rd->target) == 0) {
                    out->line = sc->points[p].pos.line;
                    out->col = sc->points[p].pos.col;
                    out->listed = true;
                }
        }
        return true;
    }
    return false;
}

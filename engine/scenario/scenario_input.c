/* scenario_input.c — which trainee actions each input device can produce,
 * and how: the one table `paja check` judges scenarios by, `paja help run`
 * prints and the authoring guide (scenarios/README.md) shows (a unit test
 * holds the guide to it). An action a supported device cannot produce, or a
 * scenario missing what an action needs on every device (a question's
 * choices: no device types free text), is an error in `paja check`, so what
 * passes check and test plays the same with every input. */
#include "scenario_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const INPUT_NAMES[SCENARIO_INPUT_COUNT] = {"mouse and keyboard", "controllers"};

/* The desktop: one mouse button does everything (interact's click mode),
 * E is the second button, the wheel pulls and pushes or sets a tool, the
 * keys move the head. Controllers (interact's hold mode): grip holds,
 * trigger (or A/X) activates, B/Y is the second button, the thumbstick
 * scrolls, a hint button asks for a hint. Both hands alike. */
static const struct scenario_action_input TABLE[] = {
    {"grab",
     {"left click on the object", "squeeze grip with the hand in the object or its ray on it"},
     NULL},
    {"release",
     {"left click while holding it, pointing at no socket", "let go of grip"},
     NULL},
    {"place",
     {"hold it, left click on the socket", "let go of grip with it within the socket's tolerance"},
     "a socket that accepts the object and has room"},
    {"remove",
     {"left click on the socket (the last object placed comes out)",
      "squeeze grip on the object in the socket, or point at the socket"},
     NULL},
    {"use",
     {"hold the tool, left click on the point; the wheel sets a torque", 
      "hold the tool, touch the point with its tips or trigger with its ray on it; the thumbstick sets a torque"},
     "the point's scene node (a node of its id, or its points: node)"},
    {"press",
     {"left click on the switch", "trigger (or A/X) with the ray on the switch"},
     NULL},
    {"inspect",
     {"E on the object, or left click on a feature's own part; several features: pick one on the panel "
      "(click, or keys 1-9)",
      "B/Y with the ray on the object, or trigger on a feature's own part; several features: pick one on the "
      "panel with the ray and trigger"},
     "a feature's own part is the scene node NODE.FEATURE; features without one are picked on a panel"},
    {"wear",
     {"hold it, pull it to the face with the wheel, left click", "let go of it at the head"},
     NULL},
    {"unwear",
     {"E pointing at nothing", "B/Y pointing at nothing, or grip with an empty hand at the head"},
     NULL},
    {"zone",
     {"walk into the zone (W A S D, Space, Q)", "walk into the zone"},
     "a scene node whose footprint is the zone (the head coming over it)"},
    {"answer",
     {"left click on the question, then on a choice on its panel (or keys 1-9)",
      "trigger on the question, then on a choice on its panel"},
     "choices: the answers a trainee picks from (no input types free text)"},
    {"hint_request",
     {"H", "the controller's hint button (as the headset's bindings map it)"},
     NULL},
};

const struct scenario_action_input *scenario_action_inputs(size_t *count)
{
    *count = sizeof TABLE / sizeof TABLE[0];
    return TABLE;
}

const char *scenario_input_name(enum scenario_input d)
{
    return (unsigned)d < SCENARIO_INPUT_COUNT ? INPUT_NAMES[d] : "?";
}

const struct scenario_action_input *scenario_action_input_of(const char *action)
{
    for (size_t i = 0; action && i < sizeof TABLE / sizeof TABLE[0]; i++)
        if (strcmp(TABLE[i].action, action) == 0) return &TABLE[i];
    return NULL;
}

void scenario_action_inputs_print(FILE *f, bool markdown)
{
    if (markdown) {
        fprintf(f, "| action | %s | %s | the scenario needs |\n|---|---|---|---|\n", INPUT_NAMES[0], INPUT_NAMES[1]);
        for (size_t i = 0; i < sizeof TABLE / sizeof TABLE[0]; i++) {
            const struct scenario_action_input *a = &TABLE[i];
            fprintf(f, "| `%s` | %s | %s | %s |\n", a->action, a->how[0] ? a->how[0] : "cannot",
                    a->how[1] ? a->how[1] : "cannot", a->needs ? a->needs : "");
        }
        return;
    }
    for (size_t i = 0; i < sizeof TABLE / sizeof TABLE[0]; i++) {
        const struct scenario_action_input *a = &TABLE[i];
        for (int d = 0; d < SCENARIO_INPUT_COUNT; d++)
            fprintf(f, "  %-13s %-20s %s\n", d == 0 ? a->action : "", INPUT_NAMES[d],
                    a->how[d] ? a->how[d] : "(cannot)");
        if (a->needs) fprintf(f, "  %-13s %-20s %s\n", "", "needs", a->needs);
    }
}

/* ---- paja check: what some input cannot produce ---- */

static void err(struct scenario_diags *d, const struct scenario *sc, struct src_pos p, size_t *n, const char *fmt,
                ...) __attribute__((format(printf, 5, 6)));
static void err(struct scenario_diags *d, const struct scenario *sc, struct src_pos p, size_t *n, const char *fmt,
                ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    scenario_diags_add(d, SCENARIO_DIAG_ERROR, sc->file, p.line, p.col, "%s", buf);
    (*n)++;
}

/* An action no device is missing; false with the device that lacks it. */
static bool every_device(const char *action, const char **lacking)
{
    const struct scenario_action_input *a = scenario_action_input_of(action);
    for (int d = 0; a && d < SCENARIO_INPUT_COUNT; d++)
        if (!a->how[d]) {
            *lacking = INPUT_NAMES[d];
            return false;
        }
    return true;
}

static void check_match(const struct scenario *sc, const struct sc_match *m, struct scenario_diags *d, size_t *n)
{
    for (int t = 0; t < EV_TYPE_COUNT && t < 64; t++) {
        if (!(m->types & (1ull << t))) continue;
        const char *lacking = NULL, *name = ev_type_name((enum ev_type)t);
        if (!every_device(name, &lacking))
            err(d, sc, m->pos, n, "'%s' cannot be done with %s, so a trainee using them could never do this", name,
                lacking);
    }
}

size_t scenario_check_inputs(const struct scenario *sc, struct scenario_diags *d)
{
    size_t n = 0;
    for (size_t i = 0; i < sc->step_count; i++)
        if (sc->steps[i].has_done_on) check_match(sc, &sc->steps[i].done_on, d, &n);
    for (size_t i = 0; i < sc->rule_count; i++)
        if (sc->rules[i].has_on) check_match(sc, &sc->rules[i].on, d, &n);
    for (size_t i = 0; i < sc->effect_count; i++) check_match(sc, &sc->effects[i].on, d, &n);
    for (size_t i = 0; i < sc->object_count; i++) {
        const struct sc_object *o = &sc->objects[i];
        if ((o->caps & CAP_QUESTION) && o->choice_count == 0)
            err(d, sc, o->pos, &n,
                "question '%s' has no choices: a trainee answers by picking one on its panel (no input types "
                "free text); add choices: [{id: ..., text: {fi: ..., en: ..., sv: ...}}, ...]",
                o->id);
        if ((o->caps & CAP_QUESTION) && o->choice_count > SCENARIO_MAX_CHOICES)
            err(d, sc, o->pos, &n,
                "question '%s' has %zu choices; its panel shows at most %d (one per number key): split the question",
                o->id, o->choice_count, SCENARIO_MAX_CHOICES);
        if (o->caps && !o->node)
            err(d, sc, o->pos, &n, "object '%s' has no node: no input can reach it%s; add node: (its scene node's name)",
                o->id, (o->caps & CAP_ZONE) ? " (a zone is entered by walking into its node's bounds)" : "");
    }
    return n;
}

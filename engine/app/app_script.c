/* app_script.c — `paja run SCENARIO --script PLAYTHROUGH`: a playthrough
 * played through the real input path. Its actions are not injected as
 * events: each becomes what a desktop trainee does — move the head close,
 * point the hand ray at the object's node, click (or press E, turn the
 * wheel, press H) — and interact turns that into events as it would for a
 * person. The outcome is compared with the scenario engine's own run of
 * the same playthrough (`paja test`).
 *
 * The action list, its times and the engine's outcome come from the engine's
 * own run of the playthrough (scenario_playthrough_play), so this file
 * parses no playthrough syntax of its own; the two outcomes are compared
 * whole (scenario_outcome_diff), not only their result and score. */
#define LOG_TAG "app"
#include "app_script.h"

#include "arena.h"
#include "log.h"
#include "pose.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool app_script_prepare(const struct scenario *sc, const char *path, struct app_script *out)
{
    memset(out, 0, sizeof *out);
    scenario_evlist_init(&out->actions);
    scenario_evlist_init(&out->want);
    scenario_evlist_init(&out->got);
    struct scenario_diags d;
    scenario_diags_init(&d);
    bool ok = scenario_playthrough_play(sc, path, &d, NULL, &out->actions, &out->want, &out->expect);
    scenario_diags_print(&d, stderr);
    scenario_diags_fini(&d);
    if (!ok) {
        fprintf(stderr, "paja run: --script %s cannot be played\n", path);
        return false;
    }
    out->mode = out->expect.mode;
    out->lang = out->expect.lang;
    out->seed = out->expect.seed;
    out->tick_us = out->expect.tick_us > 0 ? out->expect.tick_us : 1000000;
    out->v = out->actions.v;
    out->n = out->actions.n;
    /* Zones are walked into: the node to step into, while the scenario is
     * at hand (the run's own session loads it again). */
    out->zone_node = xcalloc(out->n + 1, sizeof *out->zone_node);
    for (size_t i = 0; i < out->n; i++) {
        struct scenario_object_info o;
        int k = out->v[i].type == EV_ZONE ? scenario_object_index(sc, out->v[i].subject) : -1;
        if (k >= 0 && scenario_object_info(sc, (size_t)k, &o) && o.node)
            out->zone_node[i] = arena_strdup(out->actions.arena, o.node);
    }
    return true;
}

void app_script_free(struct app_script *s)
{
    scenario_evlist_fini(&s->actions);
    scenario_evlist_fini(&s->want);
    scenario_evlist_fini(&s->got);
    free(s->zone_node);
    s->zone_node = NULL;
    s->v = NULL;
    s->n = 0;
}

int app_script_verdict(const struct app_script *s, const struct scenario_status *st)
{
    const struct scenario_playthrough_result *e = &s->expect;
    char why[640];
    /* Same clock on both sides: readings agree to rounding. */
    bool same = scenario_outcome_diff(&s->got, &s->want, 1e-9, why, sizeof why) == SIZE_MAX;
    fprintf(stderr, "paja: script %s through the input path: %s, score %.2f; paja test: %s, score %.2f — %s\n",
            e->name, scenario_result_name(st->result), st->score, scenario_result_name(e->result), e->score,
            same ? "same outcome" : "DIFFERENT outcome");
    if (!same) fprintf(stderr, "paja: first difference: %s\n", why);
    return same && s->skipped == 0 ? APP_EXIT_OK : APP_EXIT_FINDING;
}

/* ---- the driver: actions -> micro-operations -> frames of hand input ---- */

static uint32_t node_of(const struct interact *ix, const char *id)
{
    uint32_t o = interact_object_find(ix, id);
    return o == INTERACT_NONE ? SCENE_NOT_FOUND : ix->objects[o].node;
}

static void push_op(struct app_script *s, enum app_script_op op, uint32_t node)
{
    if (s->op_n < APP_SCRIPT_MAX_OPS) s->ops[s->op_n++] = (struct app_script_micro){op, node, NULL, 0.0f};
}

static void push_pick(struct app_script *s, const char *id)
{
    if (s->op_n < APP_SCRIPT_MAX_OPS) s->ops[s->op_n++] = (struct app_script_micro){OP_PICK, SCENE_NOT_FOUND, id, 0.0f};
}

/* Whether inspecting obj's feature needs the picker: the feature has no part
 * of its own and the object has more than one such feature. */
static bool feature_needs_pick(const struct interact *ix, const char *obj, const char *feature)
{
    uint32_t o = interact_object_find(ix, obj);
    if (o == INTERACT_NONE) return false;
    const struct interact_object *io = &ix->objects[o];
    uint32_t n = 0;
    bool mine = false;
    for (uint32_t f = 0; f < io->feature_count; f++)
        if (io->features[f].node == SCENE_NOT_FOUND || io->features[f].node == io->node) {
            n++;
            mine |= strcmp(io->features[f].id, feature) == 0;
        }
    return mine && n > 1;
}

/* Puts down whatever the hand holds when it is not want: a click pointing
 * at the sky lets it go where it floats. */
static void free_hand_unless(struct app_script *s, const struct interact *ix, const char *want)
{
    const char *held = interact_hand_held(ix, s->hand);
    if (held && (!want || strcmp(held, want) != 0)) push_op(s, OP_CLICK_SKY, SCENE_NOT_FOUND);
}

static void take(struct app_script *s, const struct interact *ix, const char *id)
{
    const char *held = interact_hand_held(ix, s->hand);
    if (held && strcmp(held, id) == 0) return;
    free_hand_unless(s, ix, id);
    push_op(s, OP_CLICK, node_of(ix, id));
}

/* The feature part node of an inspect target, if it has one. */
static uint32_t feature_node(const struct interact *ix, const char *obj, const char *feature)
{
    uint32_t o = interact_object_find(ix, obj);
    if (o == INTERACT_NONE) return SCENE_NOT_FOUND;
    const struct interact_object *io = &ix->objects[o];
    for (uint32_t f = 0; f < io->feature_count; f++)
        if (strcmp(io->features[f].id, feature) == 0 && io->features[f].node != io->node) return io->features[f].node;
    return SCENE_NOT_FOUND;
}

/* Plans the micro-operations of action a from where things stand now. */
static bool plan(struct app_script *s, const struct interact *ix, const struct scene *sc, const struct ev *a)
{
    s->op_n = s->op_i = 0;
    s->phase = 0;
    const char *x = a->subject ? a->subject : "", *y = a->target ? a->target : "";
    switch (a->type) {
    case EV_GRAB: take(s, ix, x); break;
    case EV_RELEASE: push_op(s, OP_CLICK_SKY, SCENE_NOT_FOUND); break;
    case EV_PLACE: take(s, ix, x); push_op(s, OP_CLICK, node_of(ix, y)); break;
    case EV_REMOVE: free_hand_unless(s, ix, NULL); push_op(s, OP_CLICK, node_of(ix, x)); break;
    case EV_PRESS: push_op(s, OP_CLICK, node_of(ix, x)); break; /* pressed with the hand full, too */
    case EV_USE: {
        take(s, ix, x);
        /* A torque wrench is set with the wheel first (its setting is the
         * event's value). */
        uint32_t o = interact_object_find(ix, x);
        if (o != INTERACT_NONE && ix->objects[o].tool == INTERACT_TOOL_TORQUE && ix->objects[o].setting_step > 0.0f) {
            float clicks = ((float)a->value - ix->state[o].setting) / ix->objects[o].setting_step;
            if (clicks != 0.0f && s->op_n < APP_SCRIPT_MAX_OPS)
                s->ops[s->op_n++] = (struct app_script_micro){OP_SCROLL, SCENE_NOT_FOUND, NULL, clicks};
        }
        push_op(s, OP_CLICK, node_of(ix, y));
        break;
    }
    case EV_INSPECT: {
        uint32_t part = *y ? feature_node(ix, x, y) : SCENE_NOT_FOUND;
        free_hand_unless(s, ix, x);
        if (part != SCENE_NOT_FOUND) push_op(s, OP_CLICK, part);
        else push_op(s, OP_SECONDARY, node_of(ix, x));
        /* Several features without parts: E opens the picker. */
        if (part == SCENE_NOT_FOUND && *y && feature_needs_pick(ix, x, y)) push_pick(s, a->target);
        break;
    }
    case EV_ANSWER:
        /* Select on the question opens its panel; then the choice. */
        push_op(s, OP_CLICK, node_of(ix, x));
        push_pick(s, a->target ? a->target : a->detail);
        break;
    case EV_ZONE: {
        const char *zn = s->zone_node ? s->zone_node[s->next - 1] : NULL;
        push_op(s, OP_GOTO, zn ? scene_node_find(sc, zn) : SCENE_NOT_FOUND);
        break;
    }
    case EV_WEAR:
        take(s, ix, x);
        push_op(s, OP_PULL, SCENE_NOT_FOUND);
        push_op(s, OP_CLICK_SKY, SCENE_NOT_FOUND);
        break;
    case EV_UNWEAR: free_hand_unless(s, ix, NULL); push_op(s, OP_SECONDARY_SKY, SCENE_NOT_FOUND); break;
    case EV_HINT_REQUEST: push_op(s, OP_HINT, SCENE_NOT_FOUND); break;
    default:
        fprintf(stderr, "paja run: --script: '%s' has no desktop input yet; skipped\n", ev_type_name(a->type));
        return false;
    }
    for (uint32_t i = 0; i < s->op_n; i++)
        if (s->ops[i].node == SCENE_NOT_FOUND &&
            (s->ops[i].op == OP_CLICK || s->ops[i].op == OP_SECONDARY || s->ops[i].op == OP_GOTO)) {
            fprintf(stderr, "paja run: --script: no scene object for '%s %s %s'\n", ev_type_name(a->type), x, y);
            s->skipped++;
            s->op_n = 0;
            return false;
        }
    return true;
}

/* A head close to the node and a hand ray from it onto the node that no
 * other object blocks: tries the centres of the node's meshes (its own and
 * its children's) seen from a few directions and distances, as a trainee
 * steps around to get a clear view. Returns false when none is clear; the
 * head then looks from above and in front anyway. */
static bool aim(const struct interact *ix, const struct scene *sc, int hand, uint32_t node, struct pose *head,
                struct hand_input *h)
{
    static const float DIRS[][3] = {{0, 0.8f, 0.6f}, {0, 1, 0}, {0, 0.3f, 1}, {0.7f, 0.7f, 0}, {-0.7f, 0.7f, 0},
                                    {0.6f, 0.4f, 0.7f}, {-0.6f, 0.4f, 0.7f}, {0, 0.6f, -0.8f}, {1, 0.2f, 0},
                                    {-1, 0.2f, 0}, {0, 0.2f, -1}, {0, -1, 0.2f}};
    static const float DISTS[] = {0.45f, 0.8f, 0.25f};
    uint32_t target = node < ix->node_count ? ix->node_object[node] : INTERACT_NONE;
    uint32_t held_i = ix->hands[hand].held;
    struct interact_pick_skip pc = {ix, held_i};
    vec3 centers[8];
    int nc = 0;
    for (uint32_t n = node; n < sc->node_count && nc < 8; n++) {
        if (n != node && !scene_node_under(sc, n, node)) continue;
        vec3 lo, hi;
        if (scene_node_bounds(sc, n, lo, hi)) glm_vec3_center(lo, hi, centers[nc++]);
    }
    if (nc == 0) glm_vec3_copy((float *)sc->nodes[node].world[3], centers[nc++]);
    for (size_t di = 0; di < sizeof DISTS / sizeof DISTS[0]; di++)
        for (int ci = 0; ci < nc; ci++)
            for (size_t k = 0; k < sizeof DIRS / sizeof DIRS[0]; k++) {
                vec3 off, from, dir;
                glm_vec3_normalize_to((float *)DIRS[k], off);
                glm_vec3_scale(off, DISTS[di], off);
                glm_vec3_add(centers[ci], off, from);
                glm_vec3_sub(centers[ci], from, dir);
                float t = 0;
                uint32_t hit = scene_ray_pick_mesh_filtered(sc, from, dir, interact_pick_not_held, &pc, &t, NULL);
                if (hit == SCENE_NOT_FOUND || hit >= ix->node_count || ix->node_object[hit] != target) continue;
                if (!scene_node_under(sc, hit, node) && sc->nodes[node].mesh != SCENE_NO_MESH && hit != node) continue;
                glm_vec3_copy(from, head->position);
                glm_vec3_normalize(dir);
                glm_quat_from_vecs((vec3){0.0f, 0.0f, -1.0f}, dir, head->orientation);
                h->aim = *head;
                return true;
            }
    glm_vec3_copy(centers[0], head->position);
    head->position[1] += 0.45f;
    head->position[2] += 0.30f;
    vec3 dir;
    glm_vec3_sub(centers[0], head->position, dir);
    glm_vec3_normalize(dir);
    glm_quat_from_vecs((vec3){0.0f, 0.0f, -1.0f}, dir, head->orientation);
    h->aim = *head;
    return false;
}

/* Puts the head in the middle of node's bounds (its own meshes and its
 * children's), as a trainee walks into a zone. */
static void step_into(const struct scene *sc, uint32_t node, struct pose *head)
{
    vec3 lo, hi, a, b;
    bool any = false;
    for (uint32_t n = node; n < sc->node_count; n++) {
        if (n != node && !scene_node_under(sc, n, node)) continue;
        if (!scene_node_bounds(sc, n, a, b)) continue;
        if (!any) {
            glm_vec3_copy(a, lo);
            glm_vec3_copy(b, hi);
        } else {
            glm_vec3_minv(lo, a, lo);
            glm_vec3_maxv(hi, b, hi);
        }
        any = true;
    }
    if (any) glm_vec3_center(lo, hi, head->position);
    else glm_vec3_copy((float *)sc->nodes[node].world[3], head->position);
}

static void aim_sky(struct pose *head, struct hand_input *h, bool aside)
{
    /* Straight up from where the head is: no surface, no socket. E (aside)
     * points up and to the side instead, past whatever was just let go on
     * the straight-up ray and floats there. */
    vec3 up = {0.0f, 1.0f, 0.0f}, side = {0.6f, 0.8f, 0.0f};
    glm_quat_from_vecs((vec3){0.0f, 0.0f, -1.0f}, aside ? side : up, h->aim.orientation);
    glm_vec3_copy(head->position, h->aim.position);
}

bool app_script_frame(struct app_script *s, const struct interact *ix, const struct scene *sc, struct pose *head,
                      struct hand_input hands[HAND_COUNT], bool *hint, int64_t *t_us)
{
    memset(hands, 0, sizeof(struct hand_input) * HAND_COUNT);
    *hint = false;
    struct hand_input *h = &hands[s->hand];
    h->active = true;
    h->aim = *head;
    /* Time as `paja test` keeps it, so that time-based rules and steps are
     * judged at the same points of the event stream: it passes in the
     * playthrough's ticks only during waits (the scenario settling at each
     * tick), jumps between actions, and takes an action's time only when its
     * deciding press comes (the frames that point and pick up first keep
     * the time reached before), and the run ends where paja test finishes,
     * with no tick after the last action. */
    while (s->op_i >= s->op_n) {
        if (s->wait_end > s->t_us) {
            s->t_us = s->t_us + s->tick_us < s->wait_end ? s->t_us + s->tick_us : s->wait_end;
            *t_us = s->t_us;
            h->grip = h->aim;
            return true;
        }
        if (s->next >= s->n) return false;
        const struct ev *a = &s->v[s->next++];
        if (a->type == EV_NONE) {
            /* A wait: from a->t_us, a->value seconds. */
            if (a->t_us > s->t_us) s->t_us = a->t_us;
            s->wait_end = a->t_us + (int64_t)llround(a->value * 1e6);
            continue;
        }
        s->action_t = a->t_us;
        plan(s, ix, sc, a);
    }
    if (s->op_i == s->op_n - 1 && s->phase >= 1 && s->action_t > s->t_us) s->t_us = s->action_t;
    *t_us = s->t_us;
    const struct app_script_micro *m = &s->ops[s->op_i];
    /* Three frames per operation: point, press, let go. */
    /* The view is chosen once per operation (on its first frame) and kept
     * while the button goes down and up, as a person holds still to click. */
    if (m->op == OP_GOTO) {
        /* Into the middle of the zone's bounds, looking where it looked. */
        if (s->phase == 0) step_into(sc, m->node, head);
        h->aim = *head;
    } else if (m->op == OP_PICK) {
        /* The ray from the head onto the option, kept while the button
         * goes down and up (the panel closes on the pick). */
        vec3 p;
        if (s->phase == 0) {
            if (!s->choice || !app_choice_point(s->choice, m->id, p)) {
                fprintf(stderr, "paja run: --script: no choice '%s' on a panel to pick; skipped\n", m->id);
                s->skipped++;
                s->op_i++;
                return true;
            }
            vec3 dir;
            glm_vec3_sub(p, head->position, dir);
            glm_vec3_normalize(dir);
            s->pick_aim = *head;
            glm_quat_from_vecs((vec3){0.0f, 0.0f, -1.0f}, dir, s->pick_aim.orientation);
        }
        h->aim = s->pick_aim;
    } else if (m->node != SCENE_NOT_FOUND) {
        if (s->phase == 0 && !aim(ix, sc, s->hand, m->node, head, h))
            LOG_D("script: no clear view of node %u; trying anyway", m->node);
        h->aim = *head;
    }
    else if (m->op == OP_SCROLL) h->aim = *head; /* turning the wheel, pointing nowhere new */
    else if (m->op != OP_HINT) aim_sky(head, h, m->op == OP_SECONDARY_SKY);
    h->grip = h->aim;
    bool down = s->phase == 1;
    switch (m->op) {
    case OP_GOTO: break;
    case OP_SCROLL: h->scroll = down ? m->amount : 0.0f; break;
    case OP_CLICK:
    case OP_CLICK_SKY:
    case OP_PICK:
        h->primary = down;
        h->trigger_value = down ? 1.0f : 0.0f;
        break;
    case OP_SECONDARY:
    case OP_SECONDARY_SKY: h->secondary = down; break;
    case OP_PULL: h->scroll = down ? -40.0f : 0.0f; break; /* all the way to the face */
    case OP_HINT: *hint = down; break;
    }
    if (++s->phase == 3) {
        s->phase = 0;
        s->op_i++;
    }
    return true;
}

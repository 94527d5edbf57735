/* app_script.c — `paja run SCENARIO --script PLAYTHROUGH`: a playthrough
 * played through the real input path. Its actions are not injected as
 * events: each becomes what a desktop trainee does — move the head close,
 * point the hand ray at the object's node, click (or press E, turn the
 * wheel, press H) — and interact turns that into events as it would for a
 * person. The outcome is compared with the scenario engine's own run of
 * the same playthrough (`paja test`).
 *
 * The action list and times come from the engine's trace of the
 * playthrough (scenario_playthrough_run_file), so this file parses no
 * playthrough syntax of its own; only mode, seed and lang are read from the
 * file's top-level keys. */
#define LOG_TAG "app"
#include "app_script.h"

#include "arena.h"
#include "log.h"
#include "pose.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Top-level "key: value" of a playthrough file (no indentation). */
static bool top_key(const char *path, const char *key, char *out, size_t size)
{
    FILE *f = fopen(path, "r");
    if (!f) return false;
    char line[512];
    size_t kl = strlen(key);
    bool found = false;
    while (!found && fgets(line, sizeof line, f)) {
        if (strncmp(line, key, kl) != 0 || line[kl] != ':') continue;
        const char *v = line + kl + 1;
        while (*v == ' ' || *v == '"' || *v == '\'') v++;
        size_t n = strcspn(v, "\"'# \r\n");
        snprintf(out, size, "%.*s", (int)n, v);
        found = true;
    }
    fclose(f);
    return found;
}

bool app_script_prepare(const struct scenario *sc, const char *path, struct app_script *out)
{
    memset(out, 0, sizeof *out);
    out->mode = SCENARIO_MODE_PRACTICE;
    out->lang = SCENARIO_LANG_EN;
    char v[64];
    if (top_key(path, "mode", v, sizeof v)) scenario_mode_parse(v, &out->mode);
    if (top_key(path, "lang", v, sizeof v)) scenario_lang_parse(v, &out->lang);
    if (top_key(path, "seed", v, sizeof v)) out->seed = strtoull(v, NULL, 10);

    FILE *trace = tmpfile();
    if (!trace) {
        fprintf(stderr, "paja run: --script: cannot create a temporary file\n");
        return false;
    }
    struct scenario_diags d;
    scenario_diags_init(&d);
    bool ok = scenario_playthrough_run_file(sc, path, &d, trace, &out->expect);
    scenario_diags_print(&d, stderr);
    scenario_diags_fini(&d);
    if (!ok) {
        fclose(trace);
        fprintf(stderr, "paja run: --script %s cannot be played\n", path);
        return false;
    }
    rewind(trace);
    char line[2048];
    size_t cap = 0;
    while (fgets(line, sizeof line, trace)) {
        long long t = 0;
        char dir[8], type[32], subject[128], target[128];
        if (sscanf(line, "%lld %7s %31s subject=%127s target=%127s", &t, dir, type, subject, target) != 5) continue;
        if (strcmp(dir, "in") != 0) {
            if (t > out->end_us) out->end_us = t;
            continue;
        }
        if (out->n == cap) {
            cap = cap ? cap * 2 : 32;
            out->v = xrealloc(out->v, cap * sizeof *out->v);
        }
        struct app_script_action *a = &out->v[out->n++];
        memset(a, 0, sizeof *a);
        a->t_us = t;
        if (!ev_type_parse(type, &a->type)) a->type = EV_NONE;
        snprintf(a->subject, sizeof a->subject, "%s", strcmp(subject, "-") ? subject : "");
        snprintf(a->target, sizeof a->target, "%s", strcmp(target, "-") ? target : "");
        if (t > out->end_us) out->end_us = t;
    }
    fclose(trace);
    return true;
}

void app_script_free(struct app_script *s)
{
    free(s->v);
    s->v = NULL;
    s->n = 0;
}

/* ---- the driver: actions -> micro-operations -> frames of hand input ---- */

static uint32_t node_of(const struct interact *ix, const char *id)
{
    uint32_t o = interact_object_find(ix, id);
    return o == INTERACT_NONE ? SCENE_NOT_FOUND : ix->objects[o].node;
}

static void push_op(struct app_script *s, enum app_script_op op, uint32_t node)
{
    if (s->op_n < APP_SCRIPT_MAX_OPS) s->ops[s->op_n++] = (struct app_script_micro){op, node};
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
static bool plan(struct app_script *s, const struct interact *ix, const struct app_script_action *a)
{
    s->op_n = s->op_i = 0;
    s->phase = 0;
    const char *x = a->subject, *y = a->target;
    switch (a->type) {
    case EV_GRAB: take(s, ix, x); break;
    case EV_RELEASE: push_op(s, OP_CLICK_SKY, SCENE_NOT_FOUND); break;
    case EV_PLACE: take(s, ix, x); push_op(s, OP_CLICK, node_of(ix, y)); break;
    case EV_REMOVE: free_hand_unless(s, ix, NULL); push_op(s, OP_CLICK, node_of(ix, x)); break;
    case EV_PRESS: push_op(s, OP_CLICK, node_of(ix, x)); break; /* pressed with the hand full, too */
    case EV_USE: take(s, ix, x); push_op(s, OP_CLICK, node_of(ix, y)); break;
    case EV_INSPECT: {
        uint32_t part = *y ? feature_node(ix, x, y) : SCENE_NOT_FOUND;
        free_hand_unless(s, ix, x);
        if (part != SCENE_NOT_FOUND) push_op(s, OP_CLICK, part);
        else push_op(s, OP_SECONDARY, node_of(ix, x));
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
            (s->ops[i].op == OP_CLICK || s->ops[i].op == OP_SECONDARY)) {
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

static void aim_sky(struct pose *head, struct hand_input *h)
{
    /* Straight up from where the head is: no surface, no socket. */
    glm_quat_from_vecs((vec3){0.0f, 0.0f, -1.0f}, (vec3){0.0f, 1.0f, 0.0f}, h->aim.orientation);
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
    /* Between actions: time passes in 1 s ticks, as `paja test` waits. */
    while (s->op_i >= s->op_n) {
        if (s->next >= s->n) {
            if (s->t_us < s->end_us) {
                s->t_us = s->t_us + 1000000 < s->end_us ? s->t_us + 1000000 : s->end_us;
                *t_us = s->t_us;
                h->grip = h->aim;
                return true;
            }
            return false;
        }
        const struct app_script_action *a = &s->v[s->next];
        if (s->t_us < a->t_us) {
            s->t_us = s->t_us + 1000000 < a->t_us ? s->t_us + 1000000 : a->t_us;
            *t_us = s->t_us;
            h->grip = h->aim;
            return true;
        }
        s->next++;
        plan(s, ix, a);
    }
    *t_us = s->t_us;
    const struct app_script_micro *m = &s->ops[s->op_i];
    /* Three frames per operation: point, press, let go. */
    /* The view is chosen once per operation (on its first frame) and kept
     * while the button goes down and up, as a person holds still to click. */
    if (m->node != SCENE_NOT_FOUND) {
        if (s->phase == 0 && !aim(ix, sc, s->hand, m->node, head, h))
            LOG_D("script: no clear view of node %u; trying anyway", m->node);
        h->aim = *head;
    }
    else if (m->op != OP_HINT) aim_sky(head, h);
    h->grip = h->aim;
    bool down = s->phase == 1;
    switch (m->op) {
    case OP_CLICK:
    case OP_CLICK_SKY:
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

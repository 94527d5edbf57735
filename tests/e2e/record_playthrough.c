/* record_playthrough.c — records a session of the real scenario engine, the
 * way the runtime will: a shipped scenario, a trainee scripted by one of its
 * playthroughs, every trainee action and every outcome the engine emits
 * appended to a record with the same timestamps, poses offered every frame.
 * record_engine.sh then checks the record with paja verify, xapi and report,
 * so the record/review modules are tested against the engine's actual event
 * fields, not only synthetic ones.
 *
 *   record_playthrough SCENARIO_DIR PLAYTHROUGH.yaml OUT.jsonl [KEYFILE]
 *
 * Reads the small subset of the playthrough format it needs (mode, seed,
 * step_s and the actions list: "- ACTION: OBJECT", "target: ID",
 * "- wait: SECONDS"); the playthrough's expectations are checked by
 * `paja test`, not here. */
#include "arena.h"
#include "event.h"
#include "record.h"
#include "scenario.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FRAME_US 11111 /* 90 Hz */

struct action {
    char verb[32], object[128], target[128];
    double wait_s;
};

static char *trim(char *s)
{
    while (*s == ' ' || *s == '"' || *s == '\'') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '"' || s[n - 1] == '\''))
        s[--n] = '\0';
    return s;
}

/* Poses and ticks for the frames between from and to (exclusive). */
static void frames(struct rec_writer *w, int64_t from, int64_t to)
{
    for (int64_t t = from + FRAME_US; t < to; t += FRAME_US) {
        struct pose head = {{0.1f * (float)(t % 3000000) / 3e6f, 1.7f, 0.0f}, {0, 0, 0, 1}};
        struct pose hand = {{0.3f, 1.2f, -0.4f + 0.05f * (float)(t % 1000000) / 1e6f}, {0, 0, 0, 1}};
        rec_writer_pose(w, t, &head, NULL, &hand);
        rec_writer_tick(w, t);
    }
}

static void append_all(struct rec_writer *w, const struct ev_queue *q)
{
    for (size_t i = 0; i < q->n; i++) rec_writer_append(w, &q->v[i]);
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: record_playthrough SCENARIO_DIR PLAYTHROUGH.yaml OUT.jsonl [KEYFILE]\n");
        return 2;
    }
    struct scenario_diags d;
    scenario_diags_init(&d);
    struct scenario *sc = scenario_load(argv[1], &d);
    if (!sc) {
        scenario_diags_print(&d, stderr);
        return 2;
    }
    FILE *f = fopen(argv[2], "r");
    if (!f) {
        perror(argv[2]);
        return 2;
    }
    static struct action acts[512];
    size_t n = 0;
    char line[512];
    enum scenario_mode mode = SCENARIO_MODE_PRACTICE;
    uint64_t seed = 1;
    double step_s = 1;
    bool in_actions = false;
    while (fgets(line, sizeof line, f)) {
        if (!strncmp(line, "mode:", 5)) scenario_mode_parse(trim(line + 5), &mode);
        else if (!strncmp(line, "seed:", 5)) seed = strtoull(trim(line + 5), NULL, 10);
        else if (!strncmp(line, "step_s:", 7)) step_s = atof(trim(line + 7));
        else if (!strncmp(line, "actions:", 8)) in_actions = true;
        else if (line[0] != ' ' && line[0] != '\n' && line[0] != '#') in_actions = false;
        else if (in_actions && !strncmp(line, "  - ", 4) && n < 512) {
            char *colon = strchr(line + 4, ':');
            if (!colon) continue;
            *colon = '\0';
            struct action *a = &acts[n++];
            memset(a, 0, sizeof *a);
            snprintf(a->verb, sizeof a->verb, "%s", trim(line + 4));
            if (!strcmp(a->verb, "wait")) a->wait_s = atof(trim(colon + 1));
            else snprintf(a->object, sizeof a->object, "%s", trim(colon + 1));
        } else if (in_actions && n && !strncmp(line, "    target:", 11)) {
            snprintf(acts[n - 1].target, sizeof acts[n - 1].target, "%s", trim(line + 11));
        }
    }
    fclose(f);

    struct rec_key key;
    char err[512];
    if (argc > 4 && !rec_key_load(argv[4], &key, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 2;
    }
    const char *trainee = strrchr(argv[2], '/') ? strrchr(argv[2], '/') + 1 : argv[2];
    char trainee_id[128];
    snprintf(trainee_id, sizeof trainee_id, "%.*s", (int)strcspn(trainee, "."), trainee);
    char seed_text[32];
    snprintf(seed_text, sizeof seed_text, "%llu", (unsigned long long)seed);
    struct rec_header h = {.scenario_id = scenario_get_id(sc), .scenario_version = scenario_get_version(sc),
                           .scenario_title = scenario_get_title(sc, SCENARIO_LANG_FI), .trainee = trainee_id,
                           .institution = "https://lms.example-school.fi", .mode = scenario_mode_name(mode),
                           .seed = seed, .device = "headless", .input = "script", .paja_version = "test",
                           .lang = "fi"};
    struct rec_writer *w = rec_writer_create(argv[3], &h, argc > 4 ? &key : NULL, err, sizeof err);
    if (!w) {
        fprintf(stderr, "%s\n", err);
        return 2;
    }
    struct scenario_session_opts o = {.mode = mode, .lang = SCENARIO_LANG_FI, .seed = seed};
    struct scenario_session *s = scenario_session_create(sc, &o);
    struct arena frame;
    arena_init(&frame, "frame", 64 * 1024);
    struct ev_queue q;
    ev_queue_init(&q, &frame);
    scenario_session_start(s, 0, &q);
    append_all(w, &q);
    int64_t t = 0;
    for (size_t i = 0; i < n; i++) {
        arena_clear(&frame);
        ev_queue_init(&q, &frame);
        int64_t next = t + (int64_t)(acts[i].wait_s > 0 ? acts[i].wait_s * 1e6 : step_s * 1e6);
        frames(w, t, next);
        t = next;
        if (acts[i].wait_s > 0) {
            scenario_session_step(s, NULL, 0, t, &q);
        } else {
            struct ev e = {.t_us = t, .hand = 1, .subject = acts[i].object,
                           .target = acts[i].target[0] ? acts[i].target : NULL};
            if (!ev_type_parse(acts[i].verb, &e.type)) {
                fprintf(stderr, "record_playthrough: unknown action '%s'\n", acts[i].verb);
                return 2;
            }
            /* The trainee's action first, then what the engine made of it:
             * the same order and timestamps as the frame loop records. */
            rec_writer_append(w, &e);
            scenario_session_step(s, &e, 1, t, &q);
        }
        append_all(w, &q);
    }
    arena_clear(&frame);
    ev_queue_init(&q, &frame);
    t += 1000000;
    scenario_session_finish(s, t, &q);
    append_all(w, &q);
    struct scenario_status st;
    scenario_session_status(s, &st);
    bool ok = rec_writer_close(&w, t, err, sizeof err);
    if (!ok) fprintf(stderr, "%s\n", err);
    printf("%s: %s, score %g, %zu critical\n", argv[3], scenario_result_name(st.result), st.score,
           st.violations[EV_SEVERITY_CRITICAL]);
    scenario_session_destroy(&s);
    arena_fini(&frame);
    scenario_free(&sc);
    scenario_diags_fini(&d);
    return ok ? 0 : 1;
}

/* app_script.h — playthroughs played through the desktop input path
 * (`paja run SCENARIO --script FILE`); app-internal. */
#ifndef PAJA_APP_SCRIPT_H
#define PAJA_APP_SCRIPT_H

#include "app.h"
#include "app_choice.h"
#include "event.h"
#include "interact.h"
#include "scenario.h"
#include "scene.h"

#include <stdbool.h>
#include <stdint.h>

/* OP_PICK: point at option id on the choice panel and select; OP_GOTO:
 * step into node (a zone). */
enum app_script_op { OP_CLICK, OP_CLICK_SKY, OP_SECONDARY, OP_SECONDARY_SKY, OP_PULL, OP_HINT, OP_PICK, OP_GOTO,
                     OP_SCROLL };
struct app_script_micro {
    enum app_script_op op;
    uint32_t node;
    const char *id;  /* OP_PICK: the choice or feature */
    float amount;    /* OP_SCROLL: wheel clicks (a torque wrench's setting) */
};
#define APP_SCRIPT_MAX_OPS 8

struct app_script {
    enum scenario_mode mode;
    enum scenario_lang lang;
    uint64_t seed;
    int hand;                    /* the hand the script drives (the mouse's on a desktop) */
    const struct ev *v;          /* the playthrough's actions and waits, in order (in actions) */
    size_t n;
    int64_t tick_us;             /* the playthrough's time resolution while waiting */
    struct scenario_playthrough_result expect; /* the engine's result */
    struct scenario_evlist actions; /* the engine's run: its trainee actions */
    struct scenario_evlist want;    /* ... and its outcome events */
    struct scenario_evlist got;     /* the input path's outcome (app_session fills it) */
    /* driver state */
    size_t next;
    int64_t t_us;                /* the scenario time reached */
    int64_t action_t;            /* the time of the action being played */
    int64_t wait_end;            /* the end of the wait being played */
    struct app_script_micro ops[APP_SCRIPT_MAX_OPS];
    uint32_t op_n, op_i, phase;
    uint32_t skipped;            /* actions with no input path */
    struct app_choice *choice;   /* the run's choice panel (answers, feature picks) */
    struct pose pick_aim;        /* OP_PICK: the ray onto the option */
    const char **zone_node;      /* per action: a zone's scene node name, else NULL */
};

/* Runs the playthrough in the engine (for its actions, times and outcome)
 * and reads mode, seed and lang. False with the reason on stderr. The
 * caller sets out->hand (zero: the left). */
bool app_script_prepare(const struct scenario *sc, const char *path, struct app_script *out);
void app_script_free(struct app_script *s);
/* Compares the input path's outcome (got) with the engine's (want), prints
 * both results and the first event that differs to stderr; APP_EXIT_OK
 * when they agree and nothing was skipped, else APP_EXIT_FINDING. */
int app_script_verdict(const struct app_script *s, const struct scenario_status *st);
/* The next frame's input: head pose, hands and hint key, and the scenario
 * time. False when the script is done. */
bool app_script_frame(struct app_script *s, const struct interact *ix, const struct scene *sc, struct pose *head,
                      struct hand_input hands[HAND_COUNT], bool *hint, int64_t *t_us);

#endif

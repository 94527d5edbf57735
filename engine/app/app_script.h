/* app_script.h — playthroughs played through the desktop input path
 * (`paja run SCENARIO --script FILE`); app-internal. */
#ifndef PAJA_APP_SCRIPT_H
#define PAJA_APP_SCRIPT_H

#include "event.h"
#include "interact.h"
#include "scenario.h"
#include "scene.h"

#include <stdbool.h>
#include <stdint.h>

struct app_script_action {
    enum ev_type type;
    int64_t t_us;
    char subject[128], target[128];
};

enum app_script_op { OP_CLICK, OP_CLICK_SKY, OP_SECONDARY, OP_SECONDARY_SKY, OP_PULL, OP_HINT };
struct app_script_micro {
    enum app_script_op op;
    uint32_t node;
};
#define APP_SCRIPT_MAX_OPS 8

struct app_script {
    enum scenario_mode mode;
    enum scenario_lang lang;
    uint64_t seed;
    int hand;                    /* the hand the script drives (the mouse's on a desktop) */
    struct app_script_action *v; /* the playthrough's actions, in order */
    size_t n;
    int64_t end_us;              /* when the engine's run ended */
    struct scenario_playthrough_result expect; /* the engine's outcome */
    /* driver state */
    size_t next;
    int64_t t_us;
    struct app_script_micro ops[APP_SCRIPT_MAX_OPS];
    uint32_t op_n, op_i, phase;
    uint32_t skipped;            /* actions with no input path */
};

/* Runs the playthrough in the engine (for its actions, times and outcome)
 * and reads mode, seed and lang. False with the reason on stderr. The
 * caller sets out->hand (zero: the left). */
bool app_script_prepare(const struct scenario *sc, const char *path, struct app_script *out);
void app_script_free(struct app_script *s);
/* The next frame's input: head pose, hands and hint key, and the scenario
 * time. False when the script is done. */
bool app_script_frame(struct app_script *s, const struct interact *ix, const struct scene *sc, struct pose *head,
                      struct hand_input hands[HAND_COUNT], bool *hint, int64_t *t_us);

#endif

/* event.h — the one event type every module speaks (DESIGN.md §3).
 *
 * Input sources (interact, ui, a playthrough script) emit trainee actions;
 * the scenario consumes them and emits outcomes; the record writes all of
 * them with the same timestamps. Objects, steps and rules are named by stable
 * string ids ("hv.service_plug"), never by pointers or GUIDs, so a record
 * stays readable after a scenario changes.
 *
 * Strings in an event are borrowed: they live at least as long as the event
 * queue's arena (normally the frame arena) and whoever keeps an event longer
 * copies them. */
#ifndef PAJA_EVENT_H
#define PAJA_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;

/* X-macro: enum value, stable name used in records and scripts.
 * Names are part of the record format: never rename, only add. */
#define EV_TYPES(X)                                                            \
    X(EV_NONE, "none")                                                         \
    /* Trainee actions (subject: object id; target: socket, point, zone). */  \
    X(EV_HOVER, "hover")                                                       \
    X(EV_GRAB, "grab")                                                         \
    X(EV_RELEASE, "release")                                                   \
    X(EV_PLACE, "place")           /* subject placed into socket target */    \
    X(EV_REMOVE, "remove")         /* subject taken out of socket target */   \
    X(EV_USE, "use")               /* tool subject used on target, value */   \
    X(EV_PRESS, "press")           /* switch or button subject */             \
    X(EV_INSPECT, "inspect")       /* feature target of object subject */     \
    X(EV_WEAR, "wear")             /* PPE subject put on */                   \
    X(EV_UNWEAR, "unwear")                                                     \
    X(EV_ZONE, "zone")             /* trainee entered zone subject */         \
    X(EV_ANSWER, "answer")         /* question subject answered text */       \
    X(EV_HINT_REQUEST, "hint_request")                                         \
    /* Outcomes (subject: step or rule id). */                                \
    X(EV_STEP_STARTED, "step_started")                                         \
    X(EV_STEP_COMPLETED, "step_completed")                                     \
    X(EV_RULE_VIOLATED, "rule_violated") /* ival: severity */                 \
    X(EV_HINT_SHOWN, "hint_shown")                                             \
    X(EV_READING, "reading")       /* instrument subject read value unit */   \
    X(EV_SCORE, "score")           /* value: score so far */                  \
    X(EV_FINISHED, "finished")     /* detail: result; value: score */         \
    /* Session. */                                                             \
    X(EV_POSE, "pose")             /* head/hand samples for replay */         \
    X(EV_UI, "ui")                 /* panel control subject activated */      \
    X(EV_RELOAD, "reload")         /* scenario reloaded while running */    \
    X(EV_SCENARIO_CHANGED, "scenario_changed") /* on disk, not applied */

/* Fields of the outcomes the scenario engine emits (engine/scenario; the
 * authoring guide scenarios/README.md lists them too). t_us is the scenario
 * time of the action or tick that caused them; hand is -1 unless noted.
 *   step_started    subject step id; detail its instruction text in the
 *                   session language; value its score weight.
 *   step_completed  subject step id; value its weight; ival 1 when it was
 *                   done before its prerequisites (credited late), else 0.
 *   rule_violated   subject rule id, or "out_of_order" for a step done too
 *                   early; target the step it belongs to (or NULL); ival the
 *                   severity (enum ev_severity); detail the message text.
 *   hint_shown      subject step id; detail the hint (or, in guided mode,
 *                   the explanation of an order slip, then target is the
 *                   step still missing); ival the count of hints requested.
 *   reading         subject tool/object id; target probe point or feature;
 *                   value the reading; unit its unit; hand as in the action.
 *   score           subject scenario id; value the score 0..100 (emitted
 *                   when it changes).
 *   finished        subject scenario id; detail "pass", "fail" or
 *                   "incomplete"; value the final score; ival the number of
 *                   critical violations.
 *   reload          subject scenario id; detail its version. */
enum ev_type {
#define EV_ENUM(e, name) e,
    EV_TYPES(EV_ENUM)
#undef EV_ENUM
    EV_TYPE_COUNT
};

enum ev_severity { EV_SEVERITY_MINOR = 1, EV_SEVERITY_MAJOR = 2, EV_SEVERITY_CRITICAL = 3 };

struct ev {
    enum ev_type type;
    int64_t t_us;        /* scenario time, microseconds since session start */
    int32_t hand;        /* HAND_LEFT/HAND_RIGHT, or -1 when no hand */
    int32_t ival;        /* type-specific integer (severity, count) */
    const char *subject; /* object, step or rule id; NULL if none */
    const char *target;  /* socket, feature, probe point, zone; NULL if none */
    const char *detail;  /* free text: answer, result, message key */
    const char *unit;    /* unit of value ("V", "Nm", "MOhm"); NULL if none */
    double value;
};

/* Stable name of a type ("grab"); "unknown" for out-of-range values. */
const char *ev_type_name(enum ev_type t);
/* Inverse of ev_type_name; false if name is not a known type. */
bool ev_type_parse(const char *name, enum ev_type *out);
const char *ev_severity_name(int severity);

/* A growable queue of events for one frame, allocated from an arena. */
struct ev_queue {
    struct ev *v;
    size_t n, cap;
    struct arena *arena;
};

void ev_queue_init(struct ev_queue *q, struct arena *a);
/* Appends a copy of e (strings stay borrowed) and returns it. */
struct ev *ev_queue_push(struct ev_queue *q, const struct ev *e);
void ev_queue_clear(struct ev_queue *q);

#endif

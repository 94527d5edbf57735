/* scenario_int.h — the scenario module's private types, shared by its files:
 * the YAML node tree (scenario_yaml.c), the loaded scenario (scenario_load*.c),
 * expressions (scenario_expr.c) and the running session (scenario_run.c).
 * Nothing outside engine/scenario includes this. */
#ifndef PAJA_SCENARIO_INT_H
#define PAJA_SCENARIO_INT_H

#include "scenario.h"

#include "arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- YAML, copied out of libyaml into an arena (scenario_yaml.c) ---- */

enum ynode_kind { YNODE_SCALAR, YNODE_SEQ, YNODE_MAP };

struct ynode {
    enum ynode_kind kind;
    int line, col;        /* 1-based start of the node */
    bool plain;           /* scalar written without quotes */
    bool quoted_double;   /* scalar in "double quotes" (expression columns) */
    const char *str;      /* scalar text */
    size_t len;           /* scalar length in bytes */
    struct ynode **items; /* seq items; map: keys at 2i, values at 2i+1 */
    size_t count;         /* seq: items; map: pairs */
};

/* Parses text into a tree in arena a. On a syntax error adds a diagnostic
 * and returns NULL. Aliases are expanded up to a node budget, so a "billion
 * laughs" document is refused rather than exhausting memory. */
struct ynode *ynode_parse(const char *text, size_t size, const char *file, struct arena *a,
                          struct scenario_diags *diags);

static inline struct ynode *ynode_key(const struct ynode *m, size_t i) { return m->items[2 * i]; }
static inline struct ynode *ynode_val(const struct ynode *m, size_t i) { return m->items[2 * i + 1]; }

/* ---- expressions (scenario_expr.c) ---- */

enum expr_type { EXPR_NUM, EXPR_STR };

enum expr_op {
    X_NUM, X_STR, X_VAR, X_SIGNAL, X_TIME, X_EV_VALUE, X_EV_READING, X_EV_DETAIL,
    X_NOT, X_NEG, X_AND, X_OR,
    X_ADD, X_SUB, X_MUL, X_DIV,
    X_EQ, X_NE, X_LT, X_LE, X_GT, X_GE,
    X_COND, X_CALL
};

enum expr_fn {
    FN_DONE, FN_ACTIVE, FN_SINCE, FN_WORN, FN_HELD, FN_PLACED, FN_INSPECTED, FN_USED, FN_READING, FN_VARIANT,
    FN_MIN, FN_MAX, FN_ABS, FN_EXP, FN_FLOOR, FN_CLAMP, FN_RANDOM, FN_COUNT_
};

struct expr {
    uint8_t op;             /* enum expr_op */
    uint8_t fn;             /* enum expr_fn for X_CALL */
    uint8_t type;           /* enum expr_type */
    uint8_t nargs;
    int index;              /* variable/signal index; for calls: the first id argument's index */
    int index2;             /* second id argument (socket index for placed) */
    double num;
    const char *str;        /* string literal; for calls: a free-text argument (feature, point) */
    struct expr *a, *b, *c; /* operands; call arguments that are expressions */
};

/* What names an expression may use; filled by the loader. */
enum expr_ctx_flags {
    EXPR_CTX_EVENT = 1,  /* value, reading and detail are available */
    EXPR_CTX_RANDOM = 2, /* random(a, b) allowed (variant values only) */
};

struct scenario;
struct expr_compile {
    const struct scenario *sc; /* names to resolve against; NULL for constants */
    unsigned flags;
    const char *file;
    int line, col;             /* position of the text's first character */
    struct scenario_diags *diags;
    struct arena *arena;
    int signal_self;           /* index of the signal being compiled, or -1 */
    size_t errors;             /* incremented per error reported */
};

/* Compiles text; reports errors through c (at line, col + offset). Returns
 * NULL on error. The result lives in c->arena. */
struct expr *expr_compile(struct expr_compile *c, const char *text);
/* Whether e is a constant and, if so, its numeric value. */
bool expr_is_const(const struct expr *e, double *out);
/* Same, also taking the variables marked in frozen (never set by anything)
 * as constants with their initial values, and signals through them. */
bool expr_is_const_in(const struct expr *e, const struct scenario *sc, const bool *frozen, double *out);
/* Calls fn(user, kind, index) for every variable/signal reference (kind
 * X_VAR or X_SIGNAL) in e; used for signal cycle checks and lint. */
void expr_visit_refs(const struct expr *e, void (*fn)(void *user, int kind, int index), void *user);

struct scenario_session;
/* The environment an expression is evaluated in. */
struct expr_env {
    struct scenario_session *s;
    const struct ev *ev;     /* current event, or NULL */
    double reading;          /* reading made by this event, NAN if none */
    uint64_t *rng;           /* for random(); NULL outside variants */
};
double expr_eval_num(const struct expr *e, const struct expr_env *env);
/* String value of a string-typed expression; "" when none. */
const char *expr_eval_str(const struct expr *e, const struct expr_env *env);

/* splitmix64: small, well-mixed and the same everywhere, so a seed picks the
 * same variant faults on every machine. Returns a double in [0, 1). */
double scenario_rng_next(uint64_t *state);

/* ---- the loaded scenario ---- */

enum obj_cap {
    CAP_GRABBABLE = 1u << 0, CAP_SOCKET = 1u << 1, CAP_TOOL = 1u << 2,
    CAP_WEARABLE = 1u << 3, CAP_SWITCH = 1u << 4, CAP_INSPECTABLE = 1u << 5,
    CAP_ZONE = 1u << 6, CAP_QUESTION = 1u << 7
};
#define CAP_NAMES_COUNT 8
extern const char *const scenario_cap_names[CAP_NAMES_COUNT];

struct src_pos { int line, col; };

struct sc_reading {
    const char *target;     /* probe point or feature */
    struct expr *value;
    const char *unit;
    struct src_pos pos;
};

struct sc_object {
    const char *id, *node;
    unsigned caps;
    const char *tool_kind;  /* voltmeter, insulation_tester, torque_wrench, ... */
    const char **accepts; size_t accept_count;  /* socket: object ids */
    int capacity;           /* socket: objects it holds at once (1 unless given) */
    double tol_pos_mm, tol_angle_deg;
    int start_socket;       /* socket it is in when the session starts, or -1 */
    const char **features; size_t feature_count;
    struct scenario_text *feature_names; /* per feature; empty where not named */
    struct scenario_text prompt;        /* question: what is asked */
    const char **choices; size_t choice_count; /* question: the answers a trainee picks from */
    struct scenario_text *choice_texts; /* per choice */
    struct sc_reading *readings; size_t reading_count;
    struct scenario_text name;
    struct src_pos pos;
};

/* A named measuring point (scenario_load_points.c). */
struct sc_point {
    const char *id;         /* a tool reading's `at` */
    const char *node;       /* scene node; the id unless given */
    struct scenario_text name;
    struct src_pos pos;
};

struct sc_var { const char *id; double init; struct src_pos pos; };
struct sc_signal { const char *id; const char *unit; struct expr *expr; struct src_pos pos; };

/* An event pattern. Subject and target: exact ids, or "prefix*". */
struct sc_match {
    uint64_t types;         /* bit (1 << enum ev_type) per accepted type */
    const char *subject, *target;
    struct expr *when;      /* extra condition at the event; NULL = none */
    struct src_pos pos;
};

struct sc_assign { int var; struct expr *value; };

struct sc_effect { struct sc_match on; struct sc_assign *set; size_t set_count; };

struct sc_group {
    const char *id;
    bool any_order;
    double weight;          /* < 0: not given */
    struct scenario_text title;
    struct src_pos pos;
};

struct sc_step {
    const char *id;
    int group;              /* index into groups, -1 for none */
    struct scenario_text text, hint;
    const char **guide; size_t guide_count; /* object ids to highlight */
    int *prereq; size_t prereq_count;       /* steps that must be done first */
    bool optional;
    bool has_done_on;
    struct sc_match done_on;
    struct expr *done_when;
    struct sc_assign *set; size_t set_count;
    int order_severity;     /* 0: doing it early is not judged */
    struct scenario_text order_message;
    double weight;          /* after group distribution */
    struct src_pos pos;
};

struct sc_rule {
    const char *id;
    int severity;           /* EV_SEVERITY_* */
    struct scenario_text message;
    int step;               /* step it belongs to, -1 for none */
    bool has_on;
    struct sc_match on;     /* event rule: violated when on matches */
    struct expr *when;      /* state rule: violated when it becomes true */
    bool once;              /* event rule: counted at most once per session */
    struct src_pos pos;
};

struct sc_variant {
    const char *id;
    double probability;
    unsigned modes;         /* bit per enum scenario_mode */
    struct sc_assign *set; size_t set_count;
    struct scenario_text text;
    struct src_pos pos;
};

struct sc_rubric {
    double pass_mark;       /* percent */
    int critical_allowed;
    double penalty[4];      /* by severity */
    double hint_penalty;    /* per hint requested in practice mode */
    struct src_pos pos;
};

struct scenario {
    struct arena arena;
    const char *file, *dir;
    const char *id, *version;
    struct scenario_text title, summary;
    struct src_pos title_pos;
    const char **qualifications; size_t qualification_count;
    double duration_min;
    const char *scene;
    struct sc_object *objects; size_t object_count;
    struct sc_point *points; size_t point_count;
    struct sc_var *vars; size_t var_count;
    struct sc_signal *signals; size_t signal_count;
    struct sc_effect *effects; size_t effect_count;
    struct sc_group *groups; size_t group_count;
    struct sc_step *steps; size_t step_count;
    struct sc_rule *rules; size_t rule_count;
    struct sc_variant *variants; size_t variant_count;
    struct sc_rubric rubric;
    /* Name lists for nearest-name suggestions (NULL-free, count as above). */
    const char **object_ids, **var_ids, **signal_ids, **step_ids, **rule_ids, **variant_ids;
};

int scenario_find_object(const struct scenario *sc, const char *id);
int scenario_find_var(const struct scenario *sc, const char *id);
int scenario_find_signal(const struct scenario *sc, const char *id);
int scenario_find_step(const struct scenario *sc, const char *id);
int scenario_find_variant(const struct scenario *sc, const char *id);
/* Whether pattern (exact, or "prefix*", or NULL = any) matches s. */
bool scenario_pattern_match(const char *pattern, const char *s);

/* ---- the running session ---- */

struct obj_state {
    bool worn;
    int held;               /* bit per hand; 4 when held with no hand given */
    int socket;             /* object index of the socket it is in, or -1 */
};

struct use_count {          /* uses and last reading of subject on target */
    int object;
    const char *target;     /* copied into the session arena */
    int count;
    double last_reading;
};

struct inspected { int object; const char *feature; };

struct step_state {
    uint8_t status;         /* enum scenario_step_status */
    bool latched;           /* its done_on event happened */
    bool early;             /* latched before it was active */
    double t_done;          /* seconds */
};

struct scenario_session {
    const struct scenario *sc;
    struct arena arena;     /* texts built for events, copied strings */
    struct scenario_session_opts opts;
    int64_t t_us;
    double t;               /* seconds */
    bool started, finished;
    enum scenario_result result;
    double *vars;
    struct step_state *steps;
    bool *rule_on;          /* state rules: currently true */
    bool *variant_on;
    struct obj_state *objs;
    struct use_count *uses; size_t use_count, use_cap;
    struct inspected *insp; size_t insp_count, insp_cap;
    size_t violations[4];
    double penalty;         /* sum of rule penalties so far */
    size_t hints;
    const char *first_critical; /* id of the first critical rule broken */
    double last_score;      /* last score emitted */
    char explain[1024];
};

/* Score now: weighted share of steps done minus penalties, 0..100. */
double scenario_session_score(const struct scenario_session *s);
/* Fills result and explanation; used when finishing. */
enum scenario_result scenario_session_judge(struct scenario_session *s, bool all_required_done);

#endif

/* scenario_load.h — the loader's helpers, shared by scenario_load.c (the
 * file, metadata, objects, state, signals) and scenario_load_steps.c (steps,
 * rules, variants, rubric). Private to engine/scenario. */
#ifndef PAJA_SCENARIO_LOAD_H
#define PAJA_SCENARIO_LOAD_H

#include "scenario_int.h"

struct loader {
    struct scenario *sc;
    struct arena *a;
    const char *file;
    struct scenario_diags *diags;
    size_t errors;
    const struct ynode **step_nodes;  /* pass 1 -> pass 2, by step index */
    const struct ynode **group_nodes; /* by group index */
};

void lerr(struct loader *L, const struct ynode *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void lwarn(struct loader *L, const struct ynode *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

const struct ynode *map_get(const struct ynode *map, const char *key);
/* Reports unknown keys (with the nearest allowed one) and duplicates. */
void check_keys(struct loader *L, const struct ynode *map, const char *what, const char *const *allowed, size_t n);
#define CHECK_KEYS(L, m, what, arr) check_keys((L), (m), (what), (arr), sizeof(arr) / sizeof((arr)[0]))
bool want_kind(struct loader *L, const struct ynode *n, enum ynode_kind kind, const char *what);
/* A required or optional key's scalar string; NULL (and an error if
 * required) when missing or not a scalar. */
const char *get_scalar(struct loader *L, const struct ynode *map, const char *key, bool required, const char *what);
bool read_number(struct loader *L, const struct ynode *n, const char *what, double *out);
bool read_bool(struct loader *L, const struct ynode *n, const char *what, bool *out);
/* A text per language: {fi: ..., en: ..., sv: ...}. */
bool read_text(struct loader *L, const struct ynode *n, const char *what, struct scenario_text *out);
/* An author id, checked with scenario_id_valid; expression names must also
 * avoid '-' (for_expr). */
const char *read_id(struct loader *L, const struct ynode *n, const char *what, bool for_expr);
/* A list of strings (a single scalar counts as a list of one). */
const char **read_str_list(struct loader *L, const struct ynode *n, const char *what, size_t *out_count);
struct expr *read_expr(struct loader *L, const struct ynode *n, unsigned flags, int signal_self);
/* Requires a numeric (condition) result. */
struct expr *read_cond(struct loader *L, const struct ynode *n, unsigned flags);
bool read_match(struct loader *L, const struct ynode *n, const char *what, struct sc_match *out);
bool read_assigns(struct loader *L, const struct ynode *n, unsigned flags, struct sc_assign **out, size_t *out_count);
int read_severity(struct loader *L, const struct ynode *n, bool allow_none);
/* Reports an unknown reference with the nearest candidate. */
void unknown_ref(struct loader *L, const struct ynode *n, const char *what, const char *name, const char **cands,
                 size_t count);

/* An answer naming no choice of question q: the choices and the nearest. */
void bad_choice(struct loader *L, const struct ynode *n, const struct sc_object *q, const char *pick);

/* scenario_load_points.c: the `points:` list (after objects and readings). */
void load_points(struct loader *L, const struct ynode *points);

/* scenario_load_steps.c */
void load_steps_register(struct loader *L, const struct ynode *steps);
void load_steps(struct loader *L, const struct ynode *steps);
void load_rules(struct loader *L, const struct ynode *rules, bool register_only);
void load_variants(struct loader *L, const struct ynode *variants, bool register_only);
void load_rubric(struct loader *L, const struct ynode *rubric);

#endif

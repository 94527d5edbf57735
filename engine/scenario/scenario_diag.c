/* scenario_diag.c — diagnostics lists, languages, modes and small helpers
 * shared by the loader and the session (see scenario.h). */
#include "scenario_int.h"

#include "str.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void scenario_diags_init(struct scenario_diags *d)
{
    memset(d, 0, sizeof *d);
    d->arena = xmalloc(sizeof *d->arena);
    arena_init(d->arena, "diags", 16 * 1024);
}

void scenario_diags_fini(struct scenario_diags *d)
{
    if (d->arena) {
        arena_fini(d->arena);
        free(d->arena);
    }
    free(d->v);
    memset(d, 0, sizeof *d);
}

void scenario_diags_add(struct scenario_diags *d, enum scenario_diag_level level, const char *file, int line,
                        int col, const char *fmt, ...)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 16;
        d->v = xrealloc(d->v, d->cap * sizeof *d->v);
    }
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    struct scenario_diag *g = &d->v[d->n++];
    g->level = level;
    g->file = arena_strdup(d->arena, file ? file : "");
    g->line = line;
    g->col = col;
    g->msg = arena_strdup(d->arena, buf);
    if (level == SCENARIO_DIAG_ERROR)
        d->errors++;
    else
        d->warnings++;
}

void scenario_diags_sort_from(struct scenario_diags *d, size_t first)
{
    /* Insertion sort: lists are short, and it is stable. */
    for (size_t i = first + 1; i < d->n; i++) {
        struct scenario_diag x = d->v[i];
        long kx = x.line > 0 ? (long)x.line * 100000 + x.col : 0x7fffffffL;
        size_t j = i;
        while (j > first) {
            const struct scenario_diag *y = &d->v[j - 1];
            long ky = y->line > 0 ? (long)y->line * 100000 + y->col : 0x7fffffffL;
            if (ky <= kx) break;
            d->v[j] = d->v[j - 1];
            j--;
        }
        d->v[j] = x;
    }
}

void scenario_diags_print(const struct scenario_diags *d, FILE *f)
{
    for (size_t i = 0; i < d->n; i++) {
        const struct scenario_diag *g = &d->v[i];
        const char *lv = g->level == SCENARIO_DIAG_ERROR ? "error" : "warning";
        if (g->line > 0)
            fprintf(f, "%s:%d:%d: %s: %s\n", g->file, g->line, g->col, lv, g->msg);
        else
            fprintf(f, "%s: %s: %s\n", g->file, lv, g->msg);
    }
}

static const char *const LANG_CODES[SCENARIO_LANG_COUNT] = {"fi", "en", "sv"};
static const char *const MODE_NAMES[SCENARIO_MODE_COUNT] = {"guided", "practice", "exam"};

const char *scenario_lang_code(enum scenario_lang lang)
{
    return (unsigned)lang < SCENARIO_LANG_COUNT ? LANG_CODES[lang] : "?";
}

bool scenario_lang_parse(const char *s, enum scenario_lang *out)
{
    for (int i = 0; i < SCENARIO_LANG_COUNT; i++)
        if (strcmp(s, LANG_CODES[i]) == 0) {
            *out = (enum scenario_lang)i;
            return true;
        }
    return false;
}

const char *scenario_mode_name(enum scenario_mode mode)
{
    return (unsigned)mode < SCENARIO_MODE_COUNT ? MODE_NAMES[mode] : "?";
}

bool scenario_mode_parse(const char *s, enum scenario_mode *out)
{
    for (int i = 0; i < SCENARIO_MODE_COUNT; i++)
        if (strcmp(s, MODE_NAMES[i]) == 0) {
            *out = (enum scenario_mode)i;
            return true;
        }
    return false;
}

const char *scenario_text_get(const struct scenario_text *t, enum scenario_lang lang)
{
    if ((unsigned)lang < SCENARIO_LANG_COUNT && t->s[lang]) return t->s[lang];
    if (t->s[SCENARIO_LANG_EN]) return t->s[SCENARIO_LANG_EN];
    if (t->s[SCENARIO_LANG_FI]) return t->s[SCENARIO_LANG_FI];
    if (t->s[SCENARIO_LANG_SV]) return t->s[SCENARIO_LANG_SV];
    return "";
}

const char *scenario_result_name(enum scenario_result r)
{
    switch (r) {
    case SCENARIO_RESULT_PASS: return "pass";
    case SCENARIO_RESULT_FAIL: return "fail";
    case SCENARIO_RESULT_INCOMPLETE: return "incomplete";
    case SCENARIO_RESULT_NONE: break;
    }
    return "none";
}

double scenario_rng_next(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    /* 53 random bits -> [0, 1) exactly representable. */
    return (double)(z >> 11) * (1.0 / 9007199254740992.0);
}

bool scenario_pattern_match(const char *pattern, const char *s)
{
    if (!pattern) return true;
    if (!s) return false;
    size_t n = strlen(pattern);
    if (n > 0 && pattern[n - 1] == '*') return strncmp(pattern, s, n - 1) == 0;
    return strcmp(pattern, s) == 0;
}

static int find_in(const char **ids, size_t n, const char *id)
{
    if (!id) return -1;
    for (size_t i = 0; i < n; i++)
        if (strcmp(ids[i], id) == 0) return (int)i;
    return -1;
}

int scenario_find_object(const struct scenario *sc, const char *id) { return find_in(sc->object_ids, sc->object_count, id); }
int scenario_find_var(const struct scenario *sc, const char *id) { return find_in(sc->var_ids, sc->var_count, id); }
int scenario_find_signal(const struct scenario *sc, const char *id) { return find_in(sc->signal_ids, sc->signal_count, id); }
int scenario_find_step(const struct scenario *sc, const char *id) { return find_in(sc->step_ids, sc->step_count, id); }
int scenario_find_variant(const struct scenario *sc, const char *id) { return find_in(sc->variant_ids, sc->variant_count, id); }

const char *scenario_get_id(const struct scenario *sc) { return sc->id; }
const char *scenario_get_version(const struct scenario *sc) { return sc->version; }
const char *scenario_get_title(const struct scenario *sc, enum scenario_lang lang) { return scenario_text_get(&sc->title, lang); }
const char *scenario_get_dir(const struct scenario *sc) { return sc->dir; }
const char *scenario_get_file(const struct scenario *sc) { return sc->file; }
const char *scenario_get_scene(const struct scenario *sc) { return sc->scene; }
size_t scenario_step_count(const struct scenario *sc) { return sc->step_count; }
const char *scenario_step_id(const struct scenario *sc, size_t i) { return i < sc->step_count ? sc->steps[i].id : NULL; }
const char *scenario_step_text(const struct scenario *sc, size_t i, enum scenario_lang lang)
{
    return i < sc->step_count ? scenario_text_get(&sc->steps[i].text, lang) : NULL;
}
size_t scenario_rule_count(const struct scenario *sc) { return sc->rule_count; }
const char *scenario_rule_id(const struct scenario *sc, size_t i) { return i < sc->rule_count ? sc->rules[i].id : NULL; }
size_t scenario_variant_count(const struct scenario *sc) { return sc->variant_count; }
const char *scenario_variant_id(const struct scenario *sc, size_t i) { return i < sc->variant_count ? sc->variants[i].id : NULL; }

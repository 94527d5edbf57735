/* scenario_score.c — the rubric: score, pass/fail and the result in words.
 *
 * score = 100 * (weight of required steps done) / (weight of all required
 * steps) - penalties of rule violations - hint penalties (practice mode),
 * clamped to 0..100. Optional steps carry no score. The result is fail when
 * more critical violations happened than the rubric allows (whatever the
 * score), incomplete when required steps are left, else pass when the score
 * reaches the pass mark. */
#include "scenario_int.h"

#include <stdio.h>
#include <string.h>

double scenario_session_score(const struct scenario_session *s)
{
    const struct scenario *sc = s->sc;
    double total = 0, done = 0;
    for (size_t i = 0; i < sc->step_count; i++) {
        if (sc->steps[i].optional) continue;
        total += sc->steps[i].weight;
        if (s->steps[i].status == SCENARIO_STEP_DONE) done += sc->steps[i].weight;
    }
    double score = total > 0 ? 100.0 * done / total : 100.0;
    score -= s->penalty;
    if (s->opts.mode == SCENARIO_MODE_PRACTICE) score -= sc->rubric.hint_penalty * (double)s->hints;
    if (score < 0) score = 0;
    if (score > 100) score = 100;
    /* Round to 0.01 so the value printed, recorded and compared is the
     * same one (no 79.999999 vs 80 at the pass mark). */
    return (double)(long long)(score * 100.0 + 0.5) / 100.0;
}

enum scenario_result scenario_session_judge(struct scenario_session *s, bool all_required_done)
{
    const struct sc_rubric *r = &s->sc->rubric;
    if (s->violations[EV_SEVERITY_CRITICAL] > (size_t)r->critical_allowed) return SCENARIO_RESULT_FAIL;
    if (!all_required_done) return SCENARIO_RESULT_INCOMPLETE;
    return scenario_session_score(s) >= r->pass_mark ? SCENARIO_RESULT_PASS : SCENARIO_RESULT_FAIL;
}

/* The result in words. Literal format strings per language (fi, en, sv)
 * keep printf's argument checking. */
const char *scenario_session_explain(struct scenario_session *s)
{
    int l = (unsigned)s->opts.lang < SCENARIO_LANG_COUNT ? (int)s->opts.lang : SCENARIO_LANG_EN;
    struct scenario_status st;
    scenario_session_status(s, &st);
    const struct sc_rubric *r = &s->sc->rubric;
    enum scenario_result res =
        s->finished ? s->result : scenario_session_judge(s, st.steps_required_done == st.steps_required);
    char *b = s->explain;
    size_t cap = sizeof s->explain;
    size_t crit = st.violations[EV_SEVERITY_CRITICAL];
    const char *first = s->first_critical ? s->first_critical : "?";
    if (res == SCENARIO_RESULT_PASS) {
        if (l == SCENARIO_LANG_FI) snprintf(b, cap, "Hyväksytty: %.0f pistettä, hyväksymisraja %.0f.", st.score, r->pass_mark);
        else if (l == SCENARIO_LANG_SV) snprintf(b, cap, "Godkänd: %.0f poäng, gränsen är %.0f.", st.score, r->pass_mark);
        else snprintf(b, cap, "Passed: %.0f points, pass mark %.0f.", st.score, r->pass_mark);
    } else if (res == SCENARIO_RESULT_FAIL && crit > (size_t)r->critical_allowed) {
        if (l == SCENARIO_LANG_FI)
            snprintf(b, cap, "Hylätty: %zu kriittistä virhettä (ensimmäinen: %s), sallittu %d.", crit, first, r->critical_allowed);
        else if (l == SCENARIO_LANG_SV)
            snprintf(b, cap, "Underkänd: %zu kritiska fel (första: %s), %d tillåtna.", crit, first, r->critical_allowed);
        else
            snprintf(b, cap, "Failed: %zu critical violation(s) (first: %s); %d allowed.", crit, first, r->critical_allowed);
    } else if (res == SCENARIO_RESULT_FAIL) {
        if (l == SCENARIO_LANG_FI) snprintf(b, cap, "Hylätty: %.0f pistettä, alle hyväksymisrajan %.0f.", st.score, r->pass_mark);
        else if (l == SCENARIO_LANG_SV) snprintf(b, cap, "Underkänd: %.0f poäng, under gränsen %.0f.", st.score, r->pass_mark);
        else snprintf(b, cap, "Failed: %.0f points, below the pass mark %.0f.", st.score, r->pass_mark);
    } else {
        if (l == SCENARIO_LANG_FI)
            snprintf(b, cap, "Kesken: %zu/%zu pakollista vaihetta tehty.", st.steps_required_done, st.steps_required);
        else if (l == SCENARIO_LANG_SV)
            snprintf(b, cap, "Inte klar: %zu av %zu obligatoriska steg gjorda.", st.steps_required_done, st.steps_required);
        else
            snprintf(b, cap, "Not finished: %zu of %zu required steps done.", st.steps_required_done, st.steps_required);
    }
    size_t n = strlen(b);
    size_t major = st.violations[EV_SEVERITY_MAJOR], minor = st.violations[EV_SEVERITY_MINOR];
    if (major || minor) {
        if (l == SCENARIO_LANG_FI) snprintf(b + n, cap - n, " Virheet: %zu vakavaa, %zu lievää.", major, minor);
        else if (l == SCENARIO_LANG_SV) snprintf(b + n, cap - n, " Fel: %zu allvarliga, %zu lindriga.", major, minor);
        else snprintf(b + n, cap - n, " Mistakes: %zu major, %zu minor.", major, minor);
    }
    return b;
}

/* app_hud.c — what a scenario session shows in words: the overlay (title,
 * the current step, what the ray points at, feedback on mistakes, hints and
 * readings, the controls), the procedure board in the scene (current step
 * and checklist) and the end panel with result, score and reasons. Texts
 * come from the scenario in the session language; only the few words
 * around them are here. Each is laid out in pixels; app_panels.c decides
 * whether that lands on the screen or on a panel in the world. */
#include "app_hud.h"
#include "app_delivery.h"

#include "app_session.h"

#include <stdio.h>
#include <string.h>

enum { W_MODE, W_STEPS, W_RESULT, W_SCORE, W_DONE_QUIT, W_EXAM, W_NOT_SEALED, W_COUNT };
static const char *const WORDS[W_COUNT][SCENARIO_LANG_COUNT] = {
    [W_MODE] = {"Tila", "Mode", "Läge"},
    [W_STEPS] = {"Vaiheet", "Steps", "Steg"},
    [W_RESULT] = {"Tulos", "Result", "Resultat"},
    [W_SCORE] = {"Pisteet", "Score", "Poäng"},
    /* The signing key could not be read (app_session_open): the record is
     * kept, but a teacher will see it as not trustworthy. */
    [W_NOT_SEALED] = {"Suoritus tallennettiin, mutta sitä ei voitu sinetöidä: kerro opettajalle.",
                      "Your session was saved but could not be sealed: tell your teacher.",
                      "Övningen sparades men kunde inte förseglas: säg till din lärare."},
    [W_DONE_QUIT] = {"Esc: valikko (aloita alusta / lopeta)", "Esc: menu (restart / quit)", "Esc: meny (börja om / avsluta)"},
    [W_EXAM] = {"Koe: ohjeita ei näytetä.", "Exam: no instructions are shown.", "Prov: inga instruktioner visas."},
};
static const char *const MODE_NAMES[SCENARIO_MODE_COUNT][SCENARIO_LANG_COUNT] = {
    {"ohjattu", "guided", "guidad"}, {"harjoitus", "practice", "övning"}, {"koe", "exam", "prov"}};
static const char *const RESULT_NAMES[4][SCENARIO_LANG_COUNT] = {
    {"-", "-", "-"}, {"HYVÄKSYTTY", "PASSED", "GODKÄND"}, {"HYLÄTTY", "FAILED", "UNDERKÄND"},
    {"KESKEN", "INCOMPLETE", "OFULLSTÄNDIG"}};

/* Appends text to buf wrapped at max_w pixels (word boundaries; a word
 * longer than a line stays whole). */
static void wrap_append(const struct ui_font *f, float scale, float max_w, const char *text, const char *prefix,
                        char *buf, size_t size)
{
    size_t len = strlen(buf);
    char line[1024], cand[1024];
    snprintf(line, sizeof line, "%s", prefix);
    const char *p = text ? text : "";
    while (*p) {
        while (*p == ' ') p++;
        if (!*p) break;
        size_t wl = strcspn(p, " \n");
        bool empty = strcmp(line, prefix) == 0;
        int k = snprintf(cand, sizeof cand, "%s%s%.*s", line, empty ? "" : " ", (int)wl, p);
        if (k < 0 || (size_t)k >= sizeof cand) break; /* absurdly long text: the rest is cut */
        if (!empty && ui_text_width(f, cand, scale) > max_w) {
            if (len + 1 < size) len += (size_t)snprintf(buf + len, size - len, "%s\n", line);
            k = snprintf(line, sizeof line, "%*s%.*s", (int)strlen(prefix), "", (int)wl, p);
            if (k < 0 || (size_t)k >= sizeof line) break;
        } else {
            memcpy(line, cand, (size_t)k + 1);
        }
        p += wl;
        if (*p == '\n') p++;
    }
    if (len + 1 < size) snprintf(buf + len, size - len, "%s\n", line);
}

/* A panel at (x, y) (top-left) with lines of text; returns its bottom. */
static float panel_at(const struct ui_font *f, struct ui_quads *q, float x, float y, const char *text, float scale,
                      const float color[4], const float bg[4])
{
    float pad = 10.0f * scale;
    float w = ui_text_width(f, text, scale);
    int lines = 1;
    for (const char *p = text; *p; p++) lines += *p == '\n';
    float h = (float)lines * ui_font_line_height(f, scale);
    ui_rect(f, q, x, y, x + w + 2 * pad, y + h + 2 * pad, bg);
    ui_text(f, q, text, x + pad, y + pad, scale, color);
    return y + h + 2 * pad;
}

static void strip_newline(char *s)
{
    size_t n = strlen(s);
    while (n && s[n - 1] == '\n') s[--n] = '\0';
}

/* The current steps in full, wrapped to max_w, "> " before each. */
static void active_steps_text(const struct ui_font *f, float scale, float max_w, struct app_session *s, char *buf,
                              size_t size)
{
    size_t idx[8];
    size_t na = scenario_session_active_steps(s->run, idx, 8);
    buf[0] = '\0';
    for (size_t i = 0; i < na && i < 8; i++)
        wrap_append(f, scale, max_w, scenario_step_text(s->sc, idx[i], s->opts.lang), "> ", buf, size);
    strip_newline(buf);
}

void app_hud_session(const struct ui_font *f, struct ui_quads *q, struct app_session *s, const char *pointing,
                     const char *controls, int w, int h, float scale)
{
    const float white[4] = {1, 1, 1, 1}, bg[4] = {0.02f, 0.03f, 0.05f, 0.72f};
    const float accent[4] = {1.0f, 0.78f, 0.35f, 1.0f}, warn[4] = {1.0f, 0.45f, 0.35f, 1.0f};
    const float dim[4] = {0.75f, 0.75f, 0.78f, 1.0f};
    enum scenario_lang lang = s->opts.lang;
    const struct scenario *sc = s->sc;
    float margin = 12.0f * scale, max_w = (float)w * 0.42f;
    char buf[4096];

    /* Title and mode. */
    buf[0] = '\0';
    wrap_append(f, scale, max_w, scenario_get_title(sc, lang), "", buf, sizeof buf);
    size_t len = strlen(buf);
    snprintf(buf + len, sizeof buf - len, "%s: %s", WORDS[W_MODE][lang], MODE_NAMES[s->opts.mode][lang]);
    float y = panel_at(f, q, margin, margin, buf, scale, accent, bg) + margin * 0.5f;

    /* What to do now; the whole procedure is on the board in the scene
     * (app_hud_board). */
    if (s->opts.mode == SCENARIO_MODE_EXAM) {
        panel_at(f, q, margin, y, WORDS[W_EXAM][lang], scale * 0.8f, dim, bg);
    } else if (!s->finished) {
        active_steps_text(f, scale, max_w, s, buf, sizeof buf);
        if (buf[0]) panel_at(f, q, margin, y, buf, scale, white, bg);
    }

    /* What the ray points at. */
    if (pointing) {
        float pw = ui_text_width(f, pointing, scale) + 20.0f * scale;
        panel_at(f, q, (float)w - pw - margin, margin, pointing, scale, white, bg);
    }

    /* Feedback still in its time, newest at the bottom, right side above
     * the legend; once finished, the end panel's reasons say it all. */
    float fy = (float)h * 0.55f;
    for (uint32_t i = 0; i < s->feedback.n && !s->finished; i++) {
        if (!app_feedback_visible(&s->feedback, i, s->last_t_us)) continue;
        buf[0] = '\0';
        wrap_append(f, scale * 0.85f, (float)w * 0.4f, s->feedback.text[i], "", buf, sizeof buf);
        strip_newline(buf);
        float pw = ui_text_width(f, buf, scale * 0.85f) + 20.0f * scale * 0.85f;
        fy = panel_at(f, q, (float)w - pw - margin, fy, buf, scale * 0.85f, s->feedback.warn[i] ? warn : white, bg) +
             margin * 0.3f;
    }

    /* The legend. */
    if (controls) {
        int lines = 1;
        for (const char *p = controls; *p; p++) lines += *p == '\n';
        float lh = ui_font_line_height(f, scale * 0.75f);
        panel_at(f, q, margin, (float)h - margin - (float)lines * lh - 20.0f * scale * 0.75f, controls, scale * 0.75f,
                 white, bg);
    }
}

void app_hud_board(const struct ui_font *f, struct ui_quads *q, struct app_session *s, float *out_w, float *out_h)
{
    const float white[4] = {1, 1, 1, 1}, bg[4] = {0.05f, 0.06f, 0.08f, 0.94f};
    const float accent[4] = {1.0f, 0.78f, 0.35f, 1.0f}, done_c[4] = {0.55f, 0.85f, 0.55f, 1.0f};
    const float dim[4] = {0.72f, 0.72f, 0.75f, 1.0f};
    enum scenario_lang lang = s->opts.lang;
    const struct scenario *sc = s->sc;
    /* A sheet of fixed width in pixels at the baked size: the app decides
     * how big it is in metres. */
    const float W = 760.0f, pad = 24.0f, inner = W - 2.0f * pad;
    char buf[4096];
    size_t first = q->n;
    ui_rect(f, q, 0, 0, W, 1, bg); /* resized below, once the height is known */

    buf[0] = '\0';
    wrap_append(f, 1.0f, inner, scenario_get_title(sc, lang), "", buf, sizeof buf);
    strip_newline(buf);
    float y = ui_text(f, q, buf, pad, pad, 1.0f, accent) + 0.4f * pad;

    if (s->opts.mode == SCENARIO_MODE_EXAM) {
        y = ui_text(f, q, WORDS[W_EXAM][lang], pad, y, 0.85f, dim);
    } else {
        if (!s->finished) {
            active_steps_text(f, 1.0f, inner, s, buf, sizeof buf);
            if (buf[0]) y = ui_text(f, q, buf, pad, y, 1.0f, white) + 0.4f * pad;
        }
        /* Every step on a line of its own, shortened to the width. */
        const float cs = 0.72f;
        y = ui_text(f, q, WORDS[W_STEPS][lang], pad, y, cs, accent);
        size_t nsteps = scenario_step_count(sc);
        for (size_t i = 0; i < nsteps; i++) {
            enum scenario_step_status st = scenario_session_step_status(s->run, scenario_step_id(sc, i));
            const char *mark = st == SCENARIO_STEP_DONE ? "[x] " : st == SCENARIO_STEP_ACTIVE ? "[>] " : "[  ] ";
            char line[256];
            snprintf(line, sizeof line, "%s%s", mark, scenario_step_text(sc, i, lang));
            /* Shorten on a character boundary of UTF-8. */
            size_t n = strlen(line);
            while (n > 8 && ui_text_width(f, line, cs) > inner) {
                do n--; while (n > 0 && ((unsigned char)line[n] & 0xC0) == 0x80);
                snprintf(line + n, sizeof line - n, "...");
            }
            const float *c = st == SCENARIO_STEP_DONE ? done_c : st == SCENARIO_STEP_ACTIVE ? white : dim;
            y = ui_text(f, q, line, pad, y, cs, c);
        }
    }
    y += pad;
    q->v[first].y1 = y;
    *out_w = W;
    *out_h = y;
}

void app_hud_end(const struct ui_font *f, struct ui_quads *q, struct app_session *s, int w, int h, float scale)
{
    const float warn[4] = {1.0f, 0.45f, 0.35f, 1.0f}, done_c[4] = {0.55f, 0.85f, 0.55f, 1.0f};
    const float bg[4] = {0.02f, 0.03f, 0.05f, 0.88f};
    enum scenario_lang lang = s->opts.lang;
    struct scenario_status st;
    scenario_session_status(s->run, &st);
    unsigned r = (unsigned)st.result < 4 ? (unsigned)st.result : 0;
    char buf[4096];
    snprintf(buf, sizeof buf, "%s: %s\n%s: %.0f / 100\n", WORDS[W_RESULT][lang], RESULT_NAMES[r][lang],
             WORDS[W_SCORE][lang], st.score);
    wrap_append(f, scale, (float)w * 0.5f, s->result_text, "", buf, sizeof buf);
    size_t len = strlen(buf);
    if (s->seal_key_failed) {
        snprintf(buf + len, sizeof buf - len, "\n%s", WORDS[W_NOT_SEALED][lang]);
        len = strlen(buf);
    }
    /* Whether the result reached the school's LRS or will be sent later
     * (nothing when no LRS is configured). */
    const char *delivery = app_delivery_text(app_delivery_state(), lang);
    if (*delivery) {
        wrap_append(f, scale, (float)w * 0.5f, delivery, "", buf, sizeof buf);
        len = strlen(buf);
    }
    snprintf(buf + len, sizeof buf - len, "\n%s", WORDS[W_DONE_QUIT][lang]);
    float bw = ui_text_width(f, buf, scale * 1.1f) + 20.0f * scale * 1.1f;
    int lines = 1;
    for (const char *p = buf; *p; p++) lines += *p == '\n';
    float bh = (float)lines * ui_font_line_height(f, scale * 1.1f) + 20.0f * scale * 1.1f;
    panel_at(f, q, ((float)w - bw) * 0.5f, ((float)h - bh) * 0.5f, buf, scale * 1.1f,
             st.result == SCENARIO_RESULT_PASS ? done_c : warn, bg);
}

/* app_hud.c — the screen-space panels of a scenario session: the current
 * step and a checklist (guided, practice), feedback on mistakes, hints and
 * instrument readings, and the end panel with result, score and reasons.
 * Texts come from the scenario in the session language; only the few
 * words around them are here. World-space panels can replace these later;
 * the content stays the same. */
#include "app_hud.h"

#include "app_session.h"

#include <stdio.h>
#include <string.h>

enum { W_MODE, W_STEPS, W_RESULT, W_SCORE, W_DONE_QUIT, W_EXAM, W_COUNT };
static const char *const WORDS[W_COUNT][SCENARIO_LANG_COUNT] = {
    [W_MODE] = {"Tila", "Mode", "Läge"},
    [W_STEPS] = {"Vaiheet", "Steps", "Steg"},
    [W_RESULT] = {"Tulos", "Result", "Resultat"},
    [W_SCORE] = {"Pisteet", "Score", "Poäng"},
    [W_DONE_QUIT] = {"Esc: lopeta", "Esc: quit", "Esc: avsluta"},
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

void app_hud_session(const struct ui_font *f, struct ui_quads *q, struct app_session *s, const char *pointing,
                     const char *controls, int w, int h, float scale)
{
    const float white[4] = {1, 1, 1, 1}, bg[4] = {0.02f, 0.03f, 0.05f, 0.72f};
    const float accent[4] = {1.0f, 0.78f, 0.35f, 1.0f}, warn[4] = {1.0f, 0.45f, 0.35f, 1.0f};
    const float done_c[4] = {0.55f, 0.85f, 0.55f, 1.0f}, dim[4] = {0.75f, 0.75f, 0.78f, 1.0f};
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

    if (s->opts.mode == SCENARIO_MODE_EXAM) {
        y = panel_at(f, q, margin, y, WORDS[W_EXAM][lang], scale * 0.8f, dim, bg) + margin * 0.5f;
    } else if (!s->finished) {
        /* The current steps, in full. */
        size_t idx[8];
        size_t na = scenario_session_active_steps(s->run, idx, 8);
        buf[0] = '\0';
        for (size_t i = 0; i < na && i < 8; i++)
            wrap_append(f, scale, max_w, scenario_step_text(sc, idx[i], lang), "> ", buf, sizeof buf);
        strip_newline(buf);
        if (buf[0]) y = panel_at(f, q, margin, y, buf, scale, white, bg) + margin * 0.5f;

        /* The checklist: every step, shortened to one line, as small as
         * it must be to fit above the legend. */
        size_t nsteps = scenario_step_count(sc);
        float avail = (float)h - y - (controls ? 4.5f : 1.5f) * ui_font_line_height(f, scale * 0.75f) - margin;
        float cs = scale * 0.7f;
        float fit = avail / ((float)(nsteps + 1) * ui_font_line_height(f, 1.0f) + 20.0f);
        if (cs > fit) cs = fit;
        if (cs < 0.3f) cs = 0.3f;
        float pad = 10.0f * cs, lh = ui_font_line_height(f, cs);
        float ch = (float)(nsteps + 1) * lh + 2 * pad;
        float cw = max_w * 0.9f;
        ui_rect(f, q, margin, y, margin + cw + 2 * pad, y + ch, bg);
        ui_text(f, q, WORDS[W_STEPS][lang], margin + pad, y + pad, cs, accent);
        for (size_t i = 0; i < nsteps; i++) {
            enum scenario_step_status st = scenario_session_step_status(s->run, scenario_step_id(sc, i));
            const char *mark = st == SCENARIO_STEP_DONE ? "[x] " : st == SCENARIO_STEP_ACTIVE ? "[>] " : "[  ] ";
            char line[256];
            snprintf(line, sizeof line, "%s%s", mark, scenario_step_text(sc, i, lang));
            /* Shorten to the width, on a character boundary of UTF-8. */
            size_t n = strlen(line);
            while (n > 8 && ui_text_width(f, line, cs) > cw) {
                do n--; while (n > 0 && ((unsigned char)line[n] & 0xC0) == 0x80);
                snprintf(line + n, sizeof line - n, "...");
            }
            const float *c = st == SCENARIO_STEP_DONE ? done_c : st == SCENARIO_STEP_ACTIVE ? white : dim;
            ui_text(f, q, line, margin + pad, y + pad + (float)(i + 1) * lh, cs, c);
        }
    }

    /* What the ray points at. */
    if (pointing) {
        float pw = ui_text_width(f, pointing, scale) + 20.0f * scale;
        panel_at(f, q, (float)w - pw - margin, margin, pointing, scale, white, bg);
    }

    /* Feedback, newest at the bottom, right side above the legend. */
    float fy = (float)h * 0.55f;
    for (uint32_t i = 0; i < s->feedback.n; i++) {
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

    /* The end panel: result, score and the reasons in words. */
    if (s->finished) {
        struct scenario_status st;
        scenario_session_status(s->run, &st);
        unsigned r = (unsigned)st.result < 4 ? (unsigned)st.result : 0;
        buf[0] = '\0';
        snprintf(buf, sizeof buf, "%s: %s\n%s: %.0f / 100\n", WORDS[W_RESULT][lang], RESULT_NAMES[r][lang],
                 WORDS[W_SCORE][lang], st.score);
        wrap_append(f, scale, (float)w * 0.5f, s->result_text, "", buf, sizeof buf);
        len = strlen(buf);
        snprintf(buf + len, sizeof buf - len, "\n%s", WORDS[W_DONE_QUIT][lang]);
        float bw = ui_text_width(f, buf, scale * 1.1f) + 20.0f * scale * 1.1f;
        int lines = 1;
        for (const char *p = buf; *p; p++) lines += *p == '\n';
        float bh = (float)lines * ui_font_line_height(f, scale * 1.1f) + 20.0f * scale * 1.1f;
        const float bg2[4] = {0.02f, 0.03f, 0.05f, 0.88f};
        panel_at(f, q, ((float)w - bw) * 0.5f, ((float)h - bh) * 0.5f, buf, scale * 1.1f,
                 st.result == SCENARIO_RESULT_PASS ? done_c : warn, bg2);
    }
}

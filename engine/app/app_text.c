/* app_text.c — the app's own user-facing strings (fi, en, sv). Scenario
 * texts come from scenario locale files, not from here. */
#include "app.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const TEXTS[TXT_COUNT][APP_LANG_COUNT] = {
    [TXT_CONTROLS] = {
        "Pidä hiiren oikea painike pohjassa: katsele ympärillesi\n"
        "W A S D: liiku  ·  Välilyönti / Q: ylös / alas  ·  Shift: nopeammin\n"
        "F1: piilota ohje  ·  F11: koko näyttö  ·  Esc: lopeta",
        "Hold the right mouse button: look around\n"
        "W A S D: move  ·  Space / Q: up / down  ·  Shift: faster\n"
        "F1: hide this help  ·  F11: fullscreen  ·  Esc: quit",
        "Håll höger musknapp nedtryckt: titta runt\n"
        "W A S D: gå  ·  Mellanslag / Q: upp / ner  ·  Shift: snabbare\n"
        "F1: dölj hjälpen  ·  F11: helskärm  ·  Esc: avsluta",
    },
    [TXT_TITLE] = {"paja · harjoituskorjaamo", "paja · practice workshop", "paja · övningsverkstad"},
    [TXT_POINTING_AT] = {"Osoitat: ", "Pointing at: ", "Du pekar på: "},
    [TXT_HELP_HIDDEN] = {"F1: ohje", "F1: help", "F1: hjälp"},
    /* A scenario session: one mouse button does everything (interact.h,
     * click mode); E is the second hand button. */
    [TXT_SESSION_CONTROLS] = {
        "Vasen painike: ota / käytä / laske  ·  E: tarkasta / riisu  ·  Rulla: lähemmäs / kauemmas\n"
        "H: vihje  ·  Oikea painike: katsele  ·  W A S D: liiku  ·  Välilyönti / Q: ylös / alas\n"
        "T: odota minuutti  ·  F1: piilota ohje  ·  Esc: valikko",
        "Left click: take / use / put down  ·  E: inspect / take off  ·  Wheel: closer / further\n"
        "H: hint  ·  Right button: look around  ·  W A S D: move  ·  Space / Q: up / down\n"
        "T: wait a minute  ·  F1: hide this help  ·  Esc: menu",
        "Vänster knapp: ta / använd / lägg ner  ·  E: inspektera / ta av  ·  Hjul: närmare / längre bort\n"
        "H: tips  ·  Höger knapp: titta runt  ·  W A S D: gå  ·  Mellanslag / Q: upp / ner\n"
        "T: vänta en minut  ·  F1: dölj hjälpen  ·  Esc: meny",
    },
    /* In a headset: the controllers' legend on the world panel. */
    [TXT_XR_CONTROLS] = {
        "Puristus: ota / laske  ·  Liipaisin: käytä / paina  ·  B / Y: tarkasta / riisu\n"
        "Sauva eteen: siirry (kaari)  ·  Sauva sivulle: käänny  ·  Sauvan painallus: keskitä\n"
        "Vihjepainike: vihje  ·  Valikkopainike: valikko",
        "Squeeze: take / put down  ·  Trigger: use / press  ·  B / Y: inspect / take off\n"
        "Stick forward: teleport (arc)  ·  Stick sideways: turn  ·  Stick click: recentre\n"
        "Hint button: hint  ·  Menu button: menu",
        "Grepp: ta / lägg ner  ·  Avtryckare: använd / tryck  ·  B / Y: inspektera / ta av\n"
        "Spak framåt: teleportera (båge)  ·  Spak åt sidan: vänd  ·  Spaktryck: centrera\n"
        "Tipsknapp: tips  ·  Menyknapp: meny",
    },
    /* The Esc menu (app_menu.c); the key in brackets works as well as a click. */
    [TXT_MENU_TITLE] = {"Tauko", "Paused", "Paus"},
    [TXT_MENU_CONTINUE] = {"Jatka (Esc)", "Continue (Esc)", "Fortsätt (Esc)"},
    [TXT_MENU_RESTART] = {"Aloita alusta (R)", "Restart (R)", "Börja om (R)"},
    [TXT_MENU_QUIT] = {"Lopeta (Q)", "Quit (Q)", "Avsluta (Q)"},
    /* The start panel (app_start.c). */
    [TXT_START_MODE] = {"Tila (F2): ", "Mode (F2): ", "Läge (F2): "},
    [TXT_MODE_GUIDED] = {"ohjattu", "guided", "guidad"},
    [TXT_MODE_PRACTICE] = {"harjoittelu", "practice", "övning"},
    [TXT_MODE_EXAM] = {"koe", "exam", "prov"},
    [TXT_START_LANG] = {"Kieli (F3): ", "Language (F3): ", "Språk (F3): "},
    /* Each language by its own name, as language pickers do. */
    [TXT_LANG_NAME] = {"suomi", "English", "svenska"},
    /* A class locked to one mode (session.mode_lock): no F2 on the row. */
    [TXT_START_MODE_LOCKED] = {"Tila: ", "Mode: ", "Läge: "},
    [TXT_START_LOCKED_BY] = {" (koulun asettama)", " (set by the school)", " (satt av skolan)"},
    [TXT_START_TRAINEE] = {"Opiskelijatunnus: ", "Trainee id: ", "Elev-id: "},
    [TXT_START_BUTTON] = {"Aloita (Enter)", "Start (Enter)", "Starta (Enter)"},
    [TXT_START_KEYS] = {"Kirjoita tunnuksesi (kirjaimet, numerot, . _ @ -)  ·  Esc: lopeta",
                        "Type your id (letters, digits, . _ @ -)  ·  Esc: quit",
                        "Skriv ditt id (bokstäver, siffror, . _ @ -)  ·  Esc: avsluta"},
};

const char *app_text(enum app_lang lang, enum app_text_id id)
{
    if ((unsigned)lang >= APP_LANG_COUNT || (unsigned)id >= TXT_COUNT) return "";
    return TEXTS[id][lang];
}

static const char *const CODES[APP_LANG_COUNT] = {"fi", "en", "sv"};

const char *app_lang_code(enum app_lang lang)
{
    return (unsigned)lang < APP_LANG_COUNT ? CODES[lang] : "en";
}

bool app_lang_parse(const char *s, enum app_lang *out)
{
    for (int i = 0; i < APP_LANG_COUNT; i++) {
        if (strcasecmp(s, CODES[i]) == 0) {
            *out = (enum app_lang)i;
            return true;
        }
    }
    return false;
}

enum app_lang app_lang_from_env(void)
{
    /* POSIX precedence for messages, with our own override first. */
    const char *vars[] = {"PAJA_LANG", "LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (!v || !*v) continue;
        if (strncasecmp(v, "fi", 2) == 0) return APP_LANG_FI;
        if (strncasecmp(v, "sv", 2) == 0) return APP_LANG_SV;
        return APP_LANG_EN;
    }
    return APP_LANG_EN;
}

/* review_text.c — the report's fixed texts (fi, en, sv) and the way each
 * language writes numbers, durations and dates. Swedish is Finland-Swedish
 * as vocational schools write it (studerande, godkänd/underkänd, poäng);
 * it shares the Finnish number and date style. Trainee ids, step ids and
 * scenario texts come from the records, never from here. */
#include "review_text.h"

#include <stdio.h>
#include <string.h>

/* [fi, en, sv], in the order of enum review_lang. */
static const char *const TEXT[T_COUNT][REVIEW_LANG_COUNT] = {
    [T_TITLE] = {"Paja – harjoitusraportti", "Paja – training report", "Paja – övningsrapport"},
    [T_RECORDS] = {"tallennetta", "records", "inspelningar"},
    [T_CLASS] = {"Ryhmä", "Class", "Grupp"},
    [T_TRAINEE] = {"Harjoittelija", "Trainee", "Studerande"},
    [T_ATTEMPT] = {"Yritys", "Attempt", "Försök"},
    [T_RESULT] = {"Tulos", "Result", "Resultat"},
    [T_SCORE] = {"Pisteet", "Score", "Poäng"},
    [T_INTEGRITY] = {"Eheys", "Integrity", "Äkthet"},
    [T_LEGEND] = {"Merkit", "Marks", "Teckenförklaring"},
    [T_STRUGGLE] = {"Missä ryhmä kompastelee", "Where the class struggles", "Var gruppen har svårigheter"},
    [T_STEP] = {"Vaihe", "Step", "Moment"},
    [T_REACHED] = {"Aloitettu", "Reached", "Påbörjade"},
    [T_COMPLETED] = {"Suoritettu", "Completed", "Utförda"},
    [T_WITH_ERRORS] = {"Virheellisiä suorituksia", "Sessions with errors", "Utföranden med fel"},
    [T_ERRORS] = {"Virheet", "Errors", "Fel"},
    [T_CRITICAL] = {"Kriittiset", "Critical", "Kritiska"},
    [T_MEDIAN] = {"Mediaaniaika", "Median time", "Mediantid"},
    [T_SESSIONS] = {"Harjoituskerrat", "Sessions", "Övningstillfällen"},
    [T_SCENARIO] = {"Harjoitus", "Scenario", "Övning"},
    [T_MODE] = {"Tila", "Mode", "Läge"},
    [T_START] = {"Alkoi (UTC)", "Started (UTC)", "Började (UTC)"},
    [T_DURATION] = {"Kesto", "Duration", "Längd"},
    [T_WHY] = {"Miksi", "Why", "Varför"},
    [T_TIMELINE] = {"Aikajana", "Timeline", "Tidslinje"},
    [T_STEP_TIMES] = {"Vaiheiden kestot", "Step durations", "Tid per moment"},
    [T_TIME] = {"Aika", "Time", "Tid"},
    [T_CLASS_MEDIAN] = {"Ryhmän mediaani", "Class median", "Gruppens median"},
    [T_READINGS] = {"Mittauslukemat", "Tool readings", "Mätvärden"},
    [T_INSTRUMENT] = {"Mittari", "Instrument", "Mätinstrument"},
    [T_POINT] = {"Mittauskohta", "Point", "Mätpunkt"},
    [T_VALUE] = {"Lukema", "Value", "Värde"},
    [T_NO_READINGS] = {"Ei mittauksia.", "No readings.", "Inga mätningar."},
    [T_UNREADABLE] = {"Lukukelvottomat tiedostot", "Unreadable files", "Oläsbara filer"},
    [T_GENERATED] = {"Luotu", "Generated", "Skapad"},
    [T_PASSED] = {"Hyväksytty", "Passed", "Godkänd"},
    [T_FAILED] = {"Hylätty", "Failed", "Underkänd"},
    [T_INCOMPLETE] = {"Kesken", "Incomplete", "Ej slutförd"},
    [T_VERIFIED] = {"Varmennettu", "Verified", "Verifierad"},
    [T_SEALED] = {"Sinetöity (sinettiä ei tarkistettu)", "Sealed (seal not checked)",
                  "Förseglad (förseglingen inte kontrollerad)"},
    [T_CLOSED] = {"Suljettu ilman avainta", "Closed without a key", "Stängd utan nyckel"},
    [T_UNSEALED] = {"Sinetöimätön (istunto keskeytyi)", "Unsealed (session cut short)",
                    "Oförseglad (övningen avbröts)"},
    [T_ALTERED] = {"MUUTETTU", "ALTERED", "ÄNDRAD"},
    [T_VIOLATIONS] = {"Sääntörikkeet", "Violations", "Säkerhetsöverträdelser"},
    [T_NO_VIOLATIONS] = {"Ei sääntörikkeitä.", "No violations.", "Inga säkerhetsöverträdelser."},
    [T_HINTS] = {"Vihjeet", "Hints", "Tips"},
    [T_WAITS] = {"Odotuksia ohitettu T-näppäimellä", "Waits skipped with T", "Väntetider som hoppades över med T"},
    [T_MARK_OK] = {"suoritettu ilman virheitä", "completed without errors", "utfört utan fel"},
    [T_MARK_ERR] = {"suoritettu, virheitä", "completed with errors", "utfört, med fel"},
    [T_MARK_CRIT] = {"kriittinen rike", "critical violation", "kritisk överträdelse"},
    [T_MARK_OPEN] = {"aloitettu, ei suoritettu", "started, not completed", "påbörjat, inte utfört"},
    [T_MARK_NONE] = {"ei aloitettu", "not reached", "inte påbörjat"},
    [T_SEVERITY_MINOR] = {"vähäinen", "minor", "lindrig"},
    [T_SEVERITY_MAJOR] = {"merkittävä", "major", "allvarlig"},
    [T_SEVERITY_CRITICAL] = {"kriittinen", "critical", "kritisk"},
    [T_FILE] = {"Tiedosto", "File", "Fil"},
    [T_NOT_FINISHED] = {"Istunto päättyi ennen tulosta.", "The session ended before a result.",
                        "Övningstillfället slutade innan det fanns ett resultat."},
    /* Trust (issue 12): with a key, a result counts only from a record the
     * key verified; without one, nothing in the report is proven. */
    [T_UNTRUSTED] = {"Ei luotettava", "Not trustworthy", "Inte tillförlitlig"},
    [T_NO_KEY] = {"Tallenteiden sinettejä ei tarkistettu (ei avainta: --key tai records.public_key), joten mikään "
                  "tulos ei ole todistettu: muokatun tallenteen tiivisteketjun voi laskea uudelleen.",
                  "The records' seals were not checked (no key: --key or records.public_key), so no result here is "
                  "proven: an edited record's hash chain can be recomputed.",
                  "Inspelningarnas förseglingar kontrollerades inte (ingen nyckel: --key eller records.public_key), "
                  "så inget resultat här är bevisat: kontrollsummekedjan i en redigerad inspelning kan räknas om."},
    [T_SEALED_BY] = {"sinetöinyt avain", "sealed by key", "förseglad med nyckeln"},
    [T_SCENARIO_DIFFERS] = {"ERI HARJOITUS kuin tarkistettu", "DIFFERENT SCENARIO from the one checked",
                            "ANNAN ÖVNING än den kontrollerade"},
    [T_SCENARIO_SAME] = {"sama harjoitus kuin tarkistettu", "same scenario as the one checked",
                         "samma övning som den kontrollerade"},
    [T_RELOADS] = {"Harjoitus ladattiin uudelleen kesken istunnon", "Scenario reloaded during the session",
                   "Övningen laddades om under övningstillfället"},
    [T_CHANGES] = {"Harjoitustiedostoa muutettiin kesken istunnon (muutosta ei otettu käyttöön)",
                   "Scenario file changed during the session (the change was not applied)",
                   "Övningsfilen ändrades under övningstillfället (ändringen togs inte i bruk)"},
    /* The record's mode, as the start panel names it (app_text.c). */
    [T_MODE_GUIDED] = {"ohjattu", "guided", "guidad"},
    [T_MODE_PRACTICE] = {"harjoittelu", "practice", "övning"},
    [T_MODE_EXAM] = {"koe", "exam", "prov"},
};

const char *review_tx(enum review_lang l, enum review_txt t)
{
    if ((unsigned)t >= T_COUNT) return "";
    return TEXT[t][(unsigned)l < REVIEW_LANG_COUNT ? l : REVIEW_LANG_EN];
}

const char *review_lang_code(enum review_lang l)
{
    static const char *const CODES[REVIEW_LANG_COUNT] = {"fi", "en", "sv"};
    return CODES[(unsigned)l < REVIEW_LANG_COUNT ? l : REVIEW_LANG_EN];
}

const char *review_mode_text(enum review_lang l, const char *mode)
{
    if (!mode) return "";
    if (!strcmp(mode, "guided")) return review_tx(l, T_MODE_GUIDED);
    if (!strcmp(mode, "practice")) return review_tx(l, T_MODE_PRACTICE);
    if (!strcmp(mode, "exam")) return review_tx(l, T_MODE_EXAM);
    return mode;
}

/* Finnish and Swedish write 4,5 where English writes 4.5. */
static bool decimal_comma(enum review_lang l)
{
    return l == REVIEW_LANG_FI || l == REVIEW_LANG_SV;
}

void review_number(struct str_buf *o, enum review_lang l, double v)
{
    char b[64];
    snprintf(b, sizeof b, "%g", v);
    if (decimal_comma(l)) {
        char *dot = strchr(b, '.');
        if (dot) *dot = ',';
    }
    str_buf_puts(o, b);
}

void review_duration_lang(int64_t us, enum review_lang l, char out[32])
{
    review_duration_text(us, out);
    if (decimal_comma(l)) {
        char *dot = strchr(out, '.');
        if (dot) *dot = ',';
    }
}

void review_date(struct str_buf *o, enum review_lang l, const char *iso)
{
    int y, mo, d, h, mi;
    char t;
    if (!iso || sscanf(iso, "%4d-%2d-%2d%c%2d:%2d", &y, &mo, &d, &t, &h, &mi) != 6 || (t != 'T' && t != ' ') ||
        mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59) {
        review_html_escape(o, iso ? iso : "");
        return;
    }
    if (l == REVIEW_LANG_FI) str_buf_printf(o, "%d.%d.%d klo %d.%02d", d, mo, y, h, mi);
    else if (l == REVIEW_LANG_SV) str_buf_printf(o, "%d.%d.%d kl. %d.%02d", d, mo, y, h, mi);
    else str_buf_printf(o, "%04d-%02d-%02d %02d:%02d", y, mo, d, h, mi);
}

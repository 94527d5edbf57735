/* app_cmd_config.c — `paja config`: the effective settings and where each
 * came from (app_settings.h). */
#define LOG_TAG "app"
#include "app_settings.h"

#include <stdio.h>
#include <string.h>

const char APP_CONFIG_HELP[] =
    "usage: paja config [--set KEY=VALUE]... [--records DIR] [--key FILE] [--lang fi|en|sv]\n"
    "\n"
    "Prints every setting paja uses, its value and where it came from: the\n"
    "institution's file (/etc/paja/paja.conf, or the file PAJA_SYSTEM_CONFIG\n"
    "names), the user's ($XDG_CONFIG_HOME/paja/paja.conf, else\n"
    "~/.config/paja/paja.conf), the command line, or the default. Later ones win,\n"
    "except where the institution's file sets records.signing_key,\n"
    "session.mode_lock or session.hot_reload: those hold for every user and\n"
    "cannot be changed by the user's file or on the command line.\n"
    "\n"
    "The files are INI: [section] lines, then name = value; ; or # comments.\n"
    "  [records]\n"
    "  folder = /srv/paja/records      ; where paja run writes session records\n"
    "  signing_key = /etc/paja/seal.key ; private key that seals every session\n"
    "                                    ; (paja key new; readable only by paja)\n"
    "  public_key = /etc/paja/seal.pub  ; what verify, report and xapi check\n"
    "                                    ; seals with when no --key is given (a\n"
    "                                    ; folder of *.pub: one per PC group)\n"
    "  [lrs]\n"
    "  endpoint = https://lrs.example.org/xAPI\n"
    "  credentials = /etc/paja/lrs.auth ; a file holding USER:PASS\n"
    "  outbox = /var/spool/paja/outbox ; statements waiting for the LRS\n"
    "  [session]\n"
    "  lang = fi                         ; fi, en or sv (over PAJA_LANG and LANG)\n"
    "  mode_lock = exam                  ; none, guided, practice or exam: a class\n"
    "                                    ; locked to one mode gets no other (--mode,\n"
    "                                    ; the start panel, --script)\n"
    "  hot_reload = no                   ; scenario edits apply while running\n"
    "                                    ; (never in exam mode)\n"
    "  [render]\n"
    "  msaa = auto                       ; anti-aliasing samples, 1-16; auto: 1 on\n"
    "                                    ; software OpenGL, 4 on a GPU (--msaa wins)\n"
    "\n"
    "options (as paja run would get them):\n"
    "  --set KEY=VALUE   any setting, e.g. --set session.lang=sv\n"
    "  --records DIR, --key FILE, --lang fi|en|sv\n"
    "\n"
    "exit status: 0, or 2 when a settings file has errors (each printed as\n"
    "FILE:LINE: what is wrong).\n";

int app_cmd_config(int argc, char **argv)
{
    struct app_settings s;
    app_settings_load(&s, stderr);
    bool bad = s.errors > 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = NULL;
        int id = -1;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(APP_CONFIG_HELP, stdout);
            return APP_EXIT_OK;
        }
        static const struct { const char *opt; enum app_setting_id id; } OPTS[] = {
            {"--records", APP_SET_RECORDS_FOLDER}, {"--key", APP_SET_SIGNING_KEY}, {"--lang", APP_SET_LANG}};
        for (size_t k = 0; k < sizeof OPTS / sizeof OPTS[0] && id < 0; k++) {
            size_t n = strlen(OPTS[k].opt);
            if (strncmp(a, OPTS[k].opt, n) != 0 || (a[n] != '\0' && a[n] != '=')) continue;
            id = (int)OPTS[k].id;
            v = a[n] == '=' ? a + n + 1 : (i + 1 < argc ? argv[++i] : NULL);
        }
        if (id < 0 && (!strcmp(a, "--set") || !strncmp(a, "--set=", 6))) {
            const char *kv = a[5] == '=' ? a + 6 : (i + 1 < argc ? argv[++i] : NULL);
            const char *eq = kv ? strchr(kv, '=') : NULL;
            if (!eq) {
                fprintf(stderr, "paja config: --set wants KEY=VALUE, e.g. --set session.lang=sv\n");
                return APP_EXIT_USAGE;
            }
            char key[128];
            snprintf(key, sizeof key, "%.*s", (int)(eq - kv), kv);
            for (int k = 0; k < APP_SET_COUNT; k++)
                if (!strcmp(key, app_setting_key((enum app_setting_id)k))) id = k;
            if (id < 0) {
                fprintf(stderr, "paja config: --set: no setting '%s' (paja config lists them)\n", key);
                return APP_EXIT_USAGE;
            }
            v = eq + 1;
        }
        if (id < 0) {
            fprintf(stderr, "paja config: unknown option '%s'\nTry 'paja help config' for the options.\n", a);
            return APP_EXIT_USAGE;
        }
        if (!v) {
            fprintf(stderr, "paja config: %s needs a value\n", a);
            return APP_EXIT_USAGE;
        }
        if (!app_settings_set_cli(&s, (enum app_setting_id)id, v, "config")) return APP_EXIT_USAGE;
    }
    printf("institution settings: %s%s\n", s.system_path, s.system_found ? "" : " (not there)");
    printf("user settings:        %s%s\n", s.user_path[0] ? s.user_path : "(no HOME)",
           s.user_found || !s.user_path[0] ? "" : " (not there)");
    for (int i = 0; i < APP_SET_COUNT; i++) {
        char from[600];
        app_setting_origin(&s, (enum app_setting_id)i, from, sizeof from);
        const char *val = s.v[i].value[0] ? s.v[i].value : "(not set)";
        printf("%-20s = %-30s  # %s\n", app_setting_key((enum app_setting_id)i), val, from);
    }
    return bad ? APP_EXIT_USAGE : APP_EXIT_OK;
}

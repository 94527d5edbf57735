/* app_settings.h — paja's settings (DESIGN.md §5): the institution's file
 * (/etc/paja/paja.conf, or $PAJA_SYSTEM_CONFIG), the user's
 * ($XDG_CONFIG_HOME/paja/paja.conf, else ~/.config/paja/paja.conf), then the
 * command line, each over the one before. INI files read with Debian's
 * libinih. `paja config` prints every effective value and where it came
 * from (file:line, command line, default).
 *
 * Institution locks: the keys marked `locked` below, when the institution's
 * file sets them, cannot be changed by the user's file (a warning names
 * both lines) nor on the command line (refused, exit 2). A student with a PC
 * account can write their own user file; the school's exam-only class, its
 * signing key and its "no hot reload" must hold anyway. */
#ifndef PAJA_APP_SETTINGS_H
#define PAJA_APP_SETTINGS_H

#include "app.h"

#include <stdbool.h>
#include <stddef.h>

/* Where a value came from. */
enum app_setting_source { APP_SET_DEFAULT, APP_SET_SYSTEM, APP_SET_USER, APP_SET_CLI };

/* One row per key, in the order `paja config` prints them. To add a key:
 * a row in the table in app_settings.c (section, name, kind, default,
 * locked, help) and, where code needs it typed, a field in struct
 * app_settings filled by settings_fill() there. */
enum app_setting_id {
    APP_SET_RECORDS_FOLDER,     /* records.folder */
    APP_SET_SIGNING_KEY,        /* records.signing_key: private key that seals sessions */
    APP_SET_PUBLIC_KEY,         /* records.public_key: key verify/report/xapi check seals with */
    APP_SET_LRS_ENDPOINT,       /* lrs.endpoint */
    APP_SET_LRS_CREDENTIALS,    /* lrs.credentials: file holding USER:PASS */
    APP_SET_LRS_OUTBOX,         /* lrs.outbox */
    APP_SET_LANG,               /* session.lang */
    APP_SET_MODE_LOCK,          /* session.mode_lock: none, guided, practice, exam */
    APP_SET_HOT_RELOAD,         /* session.hot_reload: yes/no */
    APP_SET_MSAA,               /* render.msaa: auto or 1..16 samples */
    APP_SET_COUNT
};

struct app_setting_value {
    char value[1024];           /* as written ("" when unset) */
    enum app_setting_source source;
    char file[512];             /* APP_SET_SYSTEM / APP_SET_USER */
    int line;
};

/* What `paja run` and the delivery worker need of the LRS (issue 12 item 5).
 * Pointers into the settings (live as long as they do); NULL when unset. */
struct app_lrs_settings {
    const char *endpoint;       /* https://lrs.example.org/xAPI, or NULL: no live delivery */
    const char *credentials;    /* path of a file holding USER:PASS (first line), or NULL */
    const char *outbox;         /* folder, or NULL: the default outbox */
};

struct app_settings {
    struct app_setting_value v[APP_SET_COUNT];
    char system_path[512], user_path[512];
    bool system_found, user_found;
    int errors;                 /* unknown keys, bad values, unreadable files */
    /* Typed, after load and every app_settings_set. */
    const char *records;        /* NULL: the XDG default */
    const char *signing_key;    /* NULL: sessions are closed unsealed-by-key */
    const char *public_key;     /* NULL: seals cannot be checked */
    struct app_lrs_settings lrs;
    bool lang_set;
    enum app_lang lang;
    int mode_lock;              /* enum scenario_mode, or -1: none */
    bool hot_reload;            /* outside exams (exams never reload) */
    int msaa;                   /* render.msaa: 0 = auto (gfx_choose_samples) */
};

/* The key's name as written in a file and by `paja config`: "records.folder". */
const char *app_setting_key(enum app_setting_id id);
/* Defaults, then the institution's and the user's file. Problems are
 * printed to err_out (NULL: stderr) as FILE:LINE: what, and how to fix;
 * s->errors counts them. Never fails: a missing file is no error. */
void app_settings_load(struct app_settings *s, FILE *err_out);
/* Loads from the files the environment names; for tests the two paths may
 * be given (NULL: the default place). */
void app_settings_load_from(struct app_settings *s, const char *system_path, const char *user_path, FILE *err_out);
/* A command-line value for key id. False (message printed to stderr with
 * cmd, e.g. "run") when the value is bad or the institution locked the key
 * to another value. */
bool app_settings_set_cli(struct app_settings *s, enum app_setting_id id, const char *value, const char *cmd);
/* Where a value came from, for a person: "/etc/paja/paja.conf:4",
 * "command line", "default". */
void app_setting_origin(const struct app_settings *s, enum app_setting_id id, char *out, size_t size);
/* Reads the LRS credentials file (first line, USER:PASS). False with a
 * message when it cannot be read or has no colon. */
bool app_settings_lrs_auth(const struct app_settings *s, char *out, size_t size, char *err, size_t err_size);

/* app_cmd_config.c — `paja config`. */
extern const char APP_CONFIG_HELP[];
int app_cmd_config(int argc, char **argv);

#endif

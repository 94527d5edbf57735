/* app_cli.c — the command line: commands, options, help and exit codes.
 * Each command is a row in COMMANDS; its help text lives beside it. */
#define LOG_TAG "app"
#include "app.h"
#include "app_delivery.h"
#include "app_session.h"
#include "app_settings.h"

#include "fs.h"
#include "log.h"
#include "platform.h"
#include "scenario.h"
#include "uuid.h"
#include "str.h"
#include "xr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct app_command {
    const char *name;
    const char *summary;
    const char *help; /* full text for `paja help NAME` */
    int (*fn)(int argc, char **argv);
};

static int cmd_run(int argc, char **argv);
static int cmd_help(int argc, char **argv);
static int cmd_version(int argc, char **argv);

static const char RUN_HELP[] =
    "usage: paja run [SCENARIO] [options]\n"
    "\n"
    "Plays SCENARIO (a folder with scenario.yaml) on the desktop and records the\n"
    "session. Without one, plays scenarios/ev-hv-isolation (found in the build\n"
    "or install tree around the paja executable, in the current folder or in the\n"
    "installed data folder);\n"
    "--builtin opens the built-in workshop scene to look around instead.\n"
    "A scenario whose scene file is missing runs in the built-in workshop with\n"
    "placeholder boxes for its objects.\n"
    "\n"
    "scenario options:\n"
    "  --mode guided|practice|exam\n"
    "                      guided: step texts, highlights, hints; practice: hints\n"
    "                      on request (H), mistakes explained; exam: none of it\n"
    "                      (default practice)\n"
    "  --trainee ID        the trainee's id in the record; letters, digits, . _ @ -\n"
    "                      Without it a window starts with a panel to type it and\n"
    "                      pick mode and language (F2, F3); headless: the login\n"
    "                      name if it is such an id, else anonymous\n"
    "  --seed N            picks the exam's variant faults (default: random;\n"
    "                      the record keeps it)\n"
    "  --records DIR       where the session record goes (default:\n"
    "                      $XDG_DATA_HOME/paja/records or\n"
    "                      ~/.local/share/paja/records)\n"
    "  --scene FILE        a .glb to use instead of the scene the scenario names\n"
    "  --script PLAYTHROUGH  play a playthrough (playthroughs/NAME.yaml) through\n"
    "                      the input path: the hand ray is moved onto objects and\n"
    "                      clicked as a trainee would; exit 1 when the outcome\n"
    "                      differs from paja test's. Implies --headless and runs\n"
    "                      to the playthrough's end\n"
    "  --screenshot-each-step DIR  with --script: a PNG of the start and of\n"
    "                      each completed step into DIR\n"
    "  --key FILE          private key that seals the record (paja key new;\n"
    "                      default: records.signing_key). Settings: paja help\n"
    "                      config (mode lock, hot reload: never in exams)\n"
    "\n"
    "options:\n"
    "  --headless          render without a window or display (SDL offscreen,\n"
    "                      software OpenGL); implies --frames 1 unless given\n"
    "  --frames N          stop after N frames (default: run until you quit)\n"
    "  --screenshot FILE   write the last frame to FILE as PNG (- for stdout)\n"
    "  --size WxH          window or image size in pixels (default 1280x720)\n"
    "  --msaa N            multisample anti-aliasing samples (default: PAJA_MSAA,\n"
    "                      else 4 on a GPU, 1 on software OpenGL and headless)\n"
    "  --fullscreen        start in fullscreen (F11 toggles)\n"
    "  --lang fi|en|sv     language of on-screen text (default from PAJA_LANG\n"
    "                      or LANG, else English)\n"
    "  --builtin           the built-in workshop scene, no scenario\n"
    "  --xr                play in an OpenXR headset (XR_RUNTIME_JSON picks the\n"
    "                      runtime); without one, one line says why\n"
    "  --seated            in a headset, play seated: the view is lifted to\n"
    "                      standing height at the start and at each recentre\n";
/* The rest of `paja help run` (one literal would pass C99's 4095). */
static const char RUN_HELP_CONTROLS[] =
    "\n"
    "controls: hold the right mouse button to look around, W A S D to move,\n"
    "Space / Q up and down, Shift to go faster; in a scenario: left click to\n"
    "take, use and put down, E to inspect or take off, the wheel to move a held\n"
    "object closer or further or to change a tool's setting, H for a hint, T to\n"
    "wait a minute (the exercise clock jumps; the record notes it); F1 help,\n"
    "F11 fullscreen, F12 screenshot (paja-YYYYMMDD-HHMMSS-mmm.png in the current\n"
    "folder), Esc for the menu (continue, restart, quit). A start panel asks for\n"
    "mode (F2), language (F3) and trainee id; a click on a question opens its\n"
    "choices on a panel (click one, or press 1-9), as does E on an object with\n"
    "several features to inspect; the current step is shown at the\n"
    "top left, every step on a board in the workshop, readings on the tester's\n"
    "display, the result on a panel at the end (with lrs.endpoint set: whether\n"
    "it reached the school's LRS). The record's path is printed when it ends.\n"
    "\n"
    "examples:\n"
    "  paja run scenarios/ev-hv-isolation --mode guided --lang fi\n"
    "  paja run\n"
    "  paja run --builtin --headless --frames 3 --screenshot workshop.png\n";

/* `paja help run`: the options, then what each trainee action takes with
 * each input device, from the one table paja check and the guide use. */
static void print_run_help(void)
{
    fputs(RUN_HELP, stdout);
    fputs(RUN_HELP_CONTROLS, stdout);
    fputs("\ntrainee actions by input device (paja check refuses a scenario using one\n"
          "that a device cannot produce; scenarios/README.md has the same table):\n", stdout);
    scenario_action_inputs_print(stdout, false);
}

static const char HELP_HELP[] =
    "usage: paja help [COMMAND]\n"
    "\n"
    "Shows the list of commands, or the help of one command.\n";

static const char VERSION_HELP[] =
    "usage: paja version\n"
    "\n"
    "Prints paja's version (same as paja --version).\n";

static const struct app_command COMMANDS[] = {
    {"run", "practise in the workshop (the default command)", RUN_HELP, cmd_run},
    {"info", "summarise a glTF model or say why it is invalid", APP_INFO_HELP, app_cmd_info},
    {"view", "show a glTF model with an orbit camera", APP_VIEW_HELP, app_cmd_view},
    {"check", "lint scenarios: syntax, names, order, rules, rubric", APP_CHECK_HELP, app_cmd_check},
    {"test", "run scenarios' playthroughs and check their outcomes", APP_TEST_HELP, app_cmd_test},
    {"verify", "check that session records are complete and unchanged", APP_VERIFY_HELP, app_cmd_verify},
    {"xapi", "export session records as xAPI statements or send them to an LRS", APP_XAPI_HELP, app_cmd_xapi},
    {"report", "write the teacher's report (HTML, CSV) from session records", APP_REPORT_HELP, app_cmd_report},
    {"config", "show the effective settings and where each came from", APP_CONFIG_HELP, app_cmd_config},
    {"key", "make the key pair that seals session records", APP_KEY_HELP, app_cmd_key},
    {"help", "show help for a command", HELP_HELP, cmd_help},
    {"version", "print the version", VERSION_HELP, cmd_version},
};
#define COMMAND_COUNT (sizeof COMMANDS / sizeof COMMANDS[0])

static const struct app_command *command_find(const char *name)
{
    for (size_t i = 0; i < COMMAND_COUNT; i++)
        if (strcmp(COMMANDS[i].name, name) == 0) return &COMMANDS[i];
    return NULL;
}

static void usage_error_hint(const char *cmd)
{
    fprintf(stderr, "Try 'paja help %s' for the options.\n", cmd);
}

static void print_main_help(FILE *f)
{
    fprintf(f,
            "paja %s — practise maintenance procedures on the desktop or in VR\n"
            "\n"
            "usage: paja [COMMAND] [options]\n"
            "\n"
            "commands:\n",
            PAJA_VERSION);
    for (size_t i = 0; i < COMMAND_COUNT; i++) fprintf(f, "  %-10s %s\n", COMMANDS[i].name, COMMANDS[i].summary);
    fprintf(f,
            "\n"
            "options for every command:\n"
            "  -h, --help          show help (for a command: paja help COMMAND)\n"
            "  --version           print the version\n"
            "  -v, --verbose       more diagnostics on stderr\n"
            "  -q, --quiet         only errors on stderr\n"
            "  --log FILE          also append diagnostics to FILE\n"
            "\n"
            "'paja' alone plays the EV high-voltage isolation scenario (paja run\n"
            "--builtin: the workshop). Exit status: 0 success, 1 a finding (failed\n"
            "check or test), 2 bad usage or unreadable input.\n"
            "Environment: PAJA_LANG (fi, en, sv; else LC_ALL, LC_MESSAGES, LANG), PAJA_LOG\n"
            "(e.g. debug or warn,gfx=debug), PAJA_FONT (a TrueType font), PAJA_SHADER_DIR\n"
            "(shaders from a folder), PAJA_MSAA (anti-aliasing samples when --msaa is not\n"
            "given), PAJA_SCENARIOS (paja test's default folder),\n"
            "PAJA_LRS_AUTH (paja xapi --lrs credentials), PAJA_SYSTEM_CONFIG (the\n"
            "institution's settings file instead of /etc/paja/paja.conf; paja help config),\n"
            "XR_RUNTIME_JSON (the OpenXR runtime's manifest for --xr), XR_LOADER_DEBUG (the\n"
            "OpenXR loader's own log).\n");
}

static int cmd_help(int argc, char **argv)
{
    if (argc < 2) {
        print_main_help(stdout);
        return APP_EXIT_OK;
    }
    const struct app_command *c = command_find(argv[1]);
    if (!c) {
        const char *names[COMMAND_COUNT];
        for (size_t i = 0; i < COMMAND_COUNT; i++) names[i] = COMMANDS[i].name;
        const char *near = str_nearest(argv[1], names, COMMAND_COUNT);
        fprintf(stderr, "paja help: no command '%s'%s%s%s\n", argv[1], near ? "; did you mean '" : "",
                near ? near : "", near ? "'?" : "");
        return APP_EXIT_USAGE;
    }
    if (c->help == RUN_HELP) print_run_help();
    else fputs(c->help, stdout);
    return APP_EXIT_OK;
}

static int cmd_version(int argc, char **argv)
{
    (void)argc; (void)argv;
    printf("paja %s\n", PAJA_VERSION);
    return APP_EXIT_OK;
}

/* Fetches an option's value: "--opt VALUE" or "--opt=VALUE". */
static const char *option_value(const char *cmd, int argc, char **argv, int *i, const char *arg, const char *name)
{
    size_t n = strlen(name);
    if (arg[n] == '=') return arg + n + 1;
    if (*i + 1 >= argc) {
        fprintf(stderr, "paja %s: option %s needs a value\n", cmd, name);
        usage_error_hint(cmd);
        return NULL;
    }
    return argv[++*i];
}

static bool option_is(const char *arg, const char *name)
{
    size_t n = strlen(name);
    return strncmp(arg, name, n) == 0 && (arg[n] == '\0' || arg[n] == '=');
}

static bool parse_size(const char *s, int *w, int *h)
{
    char buf[32];
    if (strlen(s) >= sizeof buf) return false;
    strcpy(buf, s);
    char *x = strchr(buf, 'x');
    if (!x) return false;
    *x = '\0';
    long lw = 0, lh = 0;
    if (!str_to_long(buf, 16, 16384, &lw) || !str_to_long(x + 1, 16, 16384, &lh)) return false;
    *w = (int)lw;
    *h = (int)lh;
    return true;
}

static const char *const RUN_OPTIONS[] = {"--headless", "--frames", "--screenshot", "--size",    "--msaa",
                                          "--fullscreen", "--lang", "--xr",         "--help",    "--mode",
                                          "--trainee",  "--seed",   "--records", "--scene", "--script", "--screenshot-each-step", "--builtin", "--key", "--seated"};

/* A seed when none is given: different each session (exam variants), and
 * written to the record so the session can be reproduced. */
static uint64_t random_seed(void)
{
    struct uuid u = uuid_v4_random();
    uint64_t v = 0;
    memcpy(&v, u.b, sizeof v);
    return v % 1000000000ull;
}

static int cmd_run(int argc, char **argv)
{
    struct app_run_opts o;
    app_run_opts_default(&o);
    bool frames_given = false, seed_given = false, builtin = false, mode_given = false, lang_given = false;
    o.mode = SCENARIO_MODE_PRACTICE;
    /* Settings files first; options below go over them. A settings file
     * with errors stops the run: half-read, an exam lock could be lost. */
    static struct app_settings set;
    app_settings_load(&set, stderr);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = NULL;
        if (strcmp(a, "--headless") == 0) {
            o.headless = true;
        } else if (strcmp(a, "--fullscreen") == 0) {
            o.fullscreen = true;
        } else if (strcmp(a, "--xr") == 0) {
            o.xr = true;
        } else if (strcmp(a, "--seated") == 0) {
            o.seated = true;
        } else if (strcmp(a, "--builtin") == 0) {
            builtin = true;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            print_run_help();
            return APP_EXIT_OK;
        } else if (option_is(a, "--frames")) {
            long n = 0;
            if (!(v = option_value("run", argc, argv, &i, a, "--frames"))) return APP_EXIT_USAGE;
            if (!str_to_long(v, 1, 100000000, &n)) {
                fprintf(stderr, "paja run: --frames wants a whole number of at least 1, not '%s'\n", v);
                return APP_EXIT_USAGE;
            }
            o.frames = (int)n;
            frames_given = true;
        } else if (option_is(a, "--screenshot")) {
            if (!(v = option_value("run", argc, argv, &i, a, "--screenshot"))) return APP_EXIT_USAGE;
            o.screenshot = v;
        } else if (option_is(a, "--size")) {
            if (!(v = option_value("run", argc, argv, &i, a, "--size"))) return APP_EXIT_USAGE;
            if (!parse_size(v, &o.width, &o.height)) {
                fprintf(stderr, "paja run: --size wants WIDTHxHEIGHT in pixels (16 to 16384), e.g. 1280x720, not '%s'\n", v);
                return APP_EXIT_USAGE;
            }
        } else if (option_is(a, "--msaa")) {
            long n = 0;
            if (!(v = option_value("run", argc, argv, &i, a, "--msaa"))) return APP_EXIT_USAGE;
            if (!str_to_long(v, 1, 16, &n)) {
                fprintf(stderr, "paja run: --msaa wants a sample count from 1 to 16, not '%s'\n", v);
                return APP_EXIT_USAGE;
            }
            o.msaa = (int)n;
        } else if (option_is(a, "--lang")) {
            if (!(v = option_value("run", argc, argv, &i, a, "--lang"))) return APP_EXIT_USAGE;
            if (!app_lang_parse(v, &o.lang)) {
                fprintf(stderr, "paja run: --lang wants fi, en or sv, not '%s'\n", v);
                return APP_EXIT_USAGE;
            }
            lang_given = true;
        } else if (option_is(a, "--mode")) {
            enum scenario_mode m;
            if (!(v = option_value("run", argc, argv, &i, a, "--mode"))) return APP_EXIT_USAGE;
            if (!scenario_mode_parse(v, &m)) {
                fprintf(stderr, "paja run: --mode wants guided, practice or exam, not '%s'\n", v);
                return APP_EXIT_USAGE;
            }
            o.mode = (int)m;
            mode_given = true;
        } else if (option_is(a, "--key")) {
            if (!(v = option_value("run", argc, argv, &i, a, "--key"))) return APP_EXIT_USAGE;
            if (!app_settings_set_cli(&set, APP_SET_SIGNING_KEY, v, "run")) return APP_EXIT_USAGE;
        } else if (option_is(a, "--trainee")) {
            if (!(v = option_value("run", argc, argv, &i, a, "--trainee"))) return APP_EXIT_USAGE;
            if (!app_trainee_valid(v)) {
                fprintf(stderr, "paja run: --trainee wants 1 to 64 letters, digits or . _ @ -, not '%s'\n", v);
                return APP_EXIT_USAGE;
            }
            o.trainee = v;
        } else if (option_is(a, "--seed")) {
            long n = 0;
            if (!(v = option_value("run", argc, argv, &i, a, "--seed"))) return APP_EXIT_USAGE;
            if (!str_to_long(v, 0, 2000000000L, &n)) {
                fprintf(stderr, "paja run: --seed wants a whole number from 0 to 2000000000, not '%s'\n", v);
                return APP_EXIT_USAGE;
            }
            o.seed = (uint64_t)n;
            seed_given = true;
        } else if (option_is(a, "--records")) {
            if (!(v = option_value("run", argc, argv, &i, a, "--records"))) return APP_EXIT_USAGE;
            if (!*v) {
                fprintf(stderr, "paja run: --records wants a folder\n");
                return APP_EXIT_USAGE;
            }
            o.records = v;
        } else if (option_is(a, "--scene")) {
            if (!(v = option_value("run", argc, argv, &i, a, "--scene"))) return APP_EXIT_USAGE;
            if (!fs_exists(v)) {
                fprintf(stderr, "paja run: --scene: no file '%s'\n", v);
                return APP_EXIT_USAGE;
            }
            o.scene = v;
        } else if (option_is(a, "--screenshot-each-step")) {
            if (!(v = option_value("run", argc, argv, &i, a, "--screenshot-each-step"))) return APP_EXIT_USAGE;
            o.step_shots = v;
        } else if (option_is(a, "--script")) {
            if (!(v = option_value("run", argc, argv, &i, a, "--script"))) return APP_EXIT_USAGE;
            if (!fs_exists(v)) {
                fprintf(stderr, "paja run: --script: no file '%s'\n", v);
                return APP_EXIT_USAGE;
            }
            o.script = v;
            o.headless = true;
        } else if (a[0] == '-') {
            char opt[64];
            snprintf(opt, sizeof opt, "%.*s", (int)strcspn(a, "="), a);
            const char *near = str_nearest(opt, RUN_OPTIONS, sizeof RUN_OPTIONS / sizeof RUN_OPTIONS[0]);
            fprintf(stderr, "paja run: unknown option '%s'", opt);
            if (near) fprintf(stderr, "; did you mean '%s'?", near);
            fputc('\n', stderr);
            usage_error_hint("run");
            return APP_EXIT_USAGE;
        } else if (!o.scenario && fs_exists(a)) {
            o.scenario = a;
        } else {
            fprintf(stderr, "paja run: unexpected argument '%s' (%s)\n", a,
                    o.scenario ? "one scenario at a time" : "no scenario folder or file by that name");
            usage_error_hint("run");
            return APP_EXIT_USAGE;
        }
    }
    /* Checked after the options, so `paja run --help` still helps. */
    if (set.errors) {
        fprintf(stderr, "paja run: fix the settings above first (paja config shows every setting)\n");
        return APP_EXIT_USAGE;
    }
    if (set.mode_lock >= 0) {
        if (mode_given && o.mode != set.mode_lock) {
            char from[600];
            app_setting_origin(&set, APP_SET_MODE_LOCK, from, sizeof from);
            fprintf(stderr, "paja run: this class is locked to %s mode (session.mode_lock, %s); --mode %s is not allowed\n",
                    scenario_mode_name((enum scenario_mode)set.mode_lock), from,
                    scenario_mode_name((enum scenario_mode)o.mode));
            return APP_EXIT_USAGE;
        }
        o.mode = set.mode_lock;
        o.mode_locked = true;
    }
    if (!lang_given && set.lang_set) o.lang = set.lang;
    if (!o.records) o.records = set.records;
    o.signing_key = set.signing_key;
    o.hot_reload = set.hot_reload;
    /* --msaa over render.msaa; PAJA_MSAA and the renderer's default below
     * both (gfx_choose_samples). */
    if (o.msaa == 0) o.msaa = set.msaa;
    o.settings = &set;
    if (builtin && o.scenario) {
        fprintf(stderr, "paja run: --builtin is the workshop without a scenario; give one or the other\n");
        usage_error_hint("run");
        return APP_EXIT_USAGE;
    }
    static char found[4096];
    /* A playthrough belongs to the scenario it was written for: --script
     * takes no default. */
    if (!o.scenario && !builtin && !o.script) {
        if (app_find_default_scenario(found, sizeof found)) {
            o.scenario = found;
            LOG_I("running %s (paja run --builtin opens the built-in workshop instead)", found);
        } else {
            LOG_W("scenarios/%s was not found beside paja, in the current folder or in the installed data "
                  "folder; opening the built-in workshop (paja run SCENARIO plays another)",
                  APP_DEFAULT_SCENARIO);
        }
    }
    if (!o.scenario && (o.trainee || seed_given || (o.records && o.records != set.records) || o.scene || o.script)) {
        fprintf(stderr, "paja run: --trainee, --seed, --records, --scene and --script need a SCENARIO to run\n");
        usage_error_hint("run");
        return APP_EXIT_USAGE;
    }
    if (o.step_shots && !o.script) {
        fprintf(stderr, "paja run: --screenshot-each-step goes with --script\n");
        return APP_EXIT_USAGE;
    }
    if (!seed_given) o.seed = random_seed();

    if (o.headless && !frames_given) o.frames = o.script ? 0 : 1; /* a script runs to its end */
    if (!o.headless && !plat_display_available()) {
        /* No X11 or Wayland display (an SSH session, a server, CI). Rather than
         * fail, render one frame headless so the user sees paja works. */
        static char fallback[512];
        const char *tmp = getenv("TMPDIR");
        snprintf(fallback, sizeof fallback, "%s/paja-no-display.png", tmp && *tmp ? tmp : "/tmp");
        fprintf(stderr,
                "paja: no display found (DISPLAY and WAYLAND_DISPLAY are not set), so no window can open.\n"
                "paja: rendering one frame without a display instead");
        if (!o.screenshot) {
            o.screenshot = fallback;
            fprintf(stderr, " to %s", fallback);
        }
        fprintf(stderr, ".\npaja: on a desktop, start paja from the graphical session; on a server use\n"
                        "paja:   paja run --headless --screenshot FILE\n");
        o.headless = true;
        if (!frames_given) o.frames = 1;
    }
    /* Live delivery to the school's LRS (lrs.endpoint): a worker thread
     * for the whole run, which also sends what earlier runs left waiting. */
    enum scenario_lang dl = SCENARIO_LANG_EN;
    scenario_lang_parse(app_lang_code(o.lang), &dl);
    app_delivery_begin(&set, dl);
    int rc = app_run(&o, NULL);
    app_delivery_end(APP_DELIVERY_EXIT_WAIT_MS);
    return rc;
}

/* Takes the diagnostics options (-v, -q, --log FILE) out of argv wherever
 * they stand, so `paja run --headless -q` and `paja -q run` both work.
 * Returns the new argc, or -1 after printing an error. */
static int take_global_options(int argc, char **argv)
{
    int out = 1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
            log_set_level(LOG_LEVEL_DEBUG);
        } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            log_set_level(LOG_LEVEL_ERROR);
        } else if (option_is(a, "--log")) {
            const char *v = option_value("", argc, argv, &i, a, "--log");
            if (!v) return -1;
            if (!log_open_file(v)) {
                fprintf(stderr, "paja: cannot open log file '%s' for appending\n", v);
                return -1;
            }
        } else {
            argv[out++] = argv[i];
        }
    }
    argv[out] = NULL;
    return out;
}

static int dispatch(int argc, char **argv)
{
    if (argc > 1 && (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)) return cmd_version(0, NULL);
    if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        print_main_help(stdout);
        return APP_EXIT_OK;
    }
    if (argc < 2 || argv[1][0] == '-') {
        /* `paja` alone, or `paja --headless ...`: the default command. */
        static char run_name[] = "run";
        argv[0] = run_name;
        return cmd_run(argc, argv);
    }
    const struct app_command *c = command_find(argv[1]);
    if (!c) {
        const char *names[COMMAND_COUNT];
        for (size_t k = 0; k < COMMAND_COUNT; k++) names[k] = COMMANDS[k].name;
        const char *near = str_nearest(argv[1], names, COMMAND_COUNT);
        fprintf(stderr, "paja: unknown command '%s'", argv[1]);
        if (near) fprintf(stderr, "; did you mean '%s'?", near);
        fprintf(stderr, "\nTry 'paja --help' for the list of commands.\n");
        return APP_EXIT_USAGE;
    }
    return c->fn(argc - 1, argv + 1);
}

int app_main(int argc, char **argv)
{
    log_configure(NULL);
    argc = take_global_options(argc, argv);
    if (argc < 0) return APP_EXIT_USAGE;
    int rc = dispatch(argc, argv);
    log_close_file();
    return rc;
}

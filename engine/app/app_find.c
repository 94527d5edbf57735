/* app_find.c — where `paja` alone finds the scenario it starts with. A
 * trainee double-clicking paja should land in the exercise, not in an
 * empty workshop, whether paja runs from a build folder in the source tree
 * (build/<preset>/paja), from an installed prefix (bin/paja beside
 * share/paja) or from a folder holding scenarios/. */
/* realpath is XSI, which _POSIX_C_SOURCE alone does not expose in glibc. */
#define _XOPEN_SOURCE 700
#define LOG_TAG "app"
#include "app.h"

#include "arena.h"
#include "fs.h"
#include "log.h"

#include <limits.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#ifndef PAJA_DATA_DIR
#define PAJA_DATA_DIR ""
#endif

static bool try_dir(const char *dir, const char *rel, char *out, size_t size)
{
    char path[PATH_MAX + 128], yaml[PATH_MAX + 160];
    int n = snprintf(path, sizeof path, "%s%s%s", dir, *dir ? "/" : "", rel);
    if (n < 0 || (size_t)n >= sizeof path) return false;
    snprintf(yaml, sizeof yaml, "%s/scenario.yaml", path);
    LOG_D("default scenario: looking at %s", path);
    if (!fs_exists(yaml)) return false;
    char real[PATH_MAX];
    /* Resolved, so the record and messages name it plainly. */
    snprintf(out, size, "%s", realpath(path, real) ? real : path);
    return true;
}

bool app_find_default_scenario(char *out, size_t size)
{
    return app_find_scenario(APP_DEFAULT_SCENARIO, out, size);
}

bool app_find_scenario(const char *id, char *out, size_t size)
{
    /* An id from a record is untrusted: no way out of the scenarios folder. */
    if (!id || !*id || strstr(id, "..") || id[0] == '/') return false;
    char NAME[512];
    snprintf(NAME, sizeof NAME, "scenarios/%s", id);
    const char *env = getenv("PAJA_SCENARIOS");
    if (env && *env && try_dir(env, id, out, size)) return true;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) *slash = '\0';
        /* build/<preset>/paja and build/paja in the source tree; bin/paja
         * under an install prefix (CMake installs scenarios/ there). */
        static const char *const REL[] = {"../../", "../", "../share/paja/"};
        for (size_t i = 0; i < sizeof REL / sizeof REL[0]; i++) {
            char dir[PATH_MAX + 32];
            snprintf(dir, sizeof dir, "%s/%s", exe, REL[i]);
            dir[strlen(dir) - 1] = '\0'; /* no trailing slash */
            if (try_dir(dir, NAME, out, size)) return true;
        }
    }
    if (try_dir("", NAME, out, size)) return true;
    if (PAJA_DATA_DIR[0] && try_dir(PAJA_DATA_DIR, NAME, out, size)) return true;
    return false;
}

/* ---- the scene search path ---- */

/* The folder the executable is in, or "" when unknown. */
static void exe_dir(char *out, size_t size)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    out[0] = '\0';
    if (n <= 0) return;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash) *slash = '\0';
    snprintf(out, size, "%s", exe);
}

size_t app_scene_dirs(const char *scenario_dir, struct arena *a, const char **out, size_t max)
{
    size_t n = 0;
#define ADD(d) do { if (n < max && (d) && *(d)) out[n++] = (d); } while (0)
    if (scenario_dir) ADD(arena_strdup(a, scenario_dir));
    const char *env = getenv("PAJA_ASSETS");
    if (env && *env) ADD(arena_strdup(a, env));
    /* scenarios/<id>/../../assets: the source tree, and an installed
     * scenario under share/paja/scenarios beside share/paja/assets. */
    if (scenario_dir) ADD(fs_join(a, scenario_dir, "../../assets"));
    char exe[PATH_MAX];
    exe_dir(exe, sizeof exe);
    if (*exe) ADD(fs_join(a, exe, "../share/paja/assets"));
    if (PAJA_DATA_DIR[0]) ADD(fs_join(a, PAJA_DATA_DIR, "assets"));
#undef ADD
    return n;
}

const char *app_scene_find(const char *scenario_dir, const char *name, struct arena *a, char *tried, size_t size)
{
    if (tried && size) tried[0] = '\0';
    if (!name || !*name) return NULL;
    /* A path of its own (absolute, or with folders) is taken as it is. */
    if (name[0] == '/' ) return fs_exists(name) ? arena_strdup(a, name) : NULL;
    const char *dirs[8];
    size_t n = app_scene_dirs(scenario_dir, a, dirs, 8);
    for (size_t i = 0; i < n; i++) {
        const char *p = fs_join(a, dirs[i], name);
        if (fs_exists(p) && !fs_is_dir(p)) return p;
        if (tried && size) {
            size_t l = strlen(tried);
            snprintf(tried + l, size - l, "%s%s", l ? ", " : "", dirs[i]);
        }
    }
    return NULL;
}

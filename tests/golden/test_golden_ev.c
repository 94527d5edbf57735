/* test_golden_ev.c — the EV scenario (scenarios/ev-hv-isolation) on its own
 * scene, played headless through the input path by its one-pole playthrough
 * (`paja run --script ... --screenshot-each-step DIR`), compared at the start
 * and after three later steps with tests/golden/ev_*.png (issue 6).
 *
 * Fixed: size 640x360, English, practice mode, seed 1, trainee "golden"
 * (the playthrough names the same mode and seed). The step images are the
 * ones paja writes, read back from disk; GL_RENDERER and GL_VERSION come
 * from the same run's capture. Usage: golden_ev [NAME...] (default all). */
#include "app.h"
#include "golden.h"
#include "image.h"
#include "scenario.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Golden name and the --screenshot-each-step file it is compared with. */
static const struct {
    const char *name, *file;
} SHOTS[] = {
    {"ev_start", "00-start.png"},
    {"ev_step_04", "04-ppe.face_shield_on.png"},
    {"ev_step_10", "10-disconnect.service_plug.png"},
    {"ev_step_15", "15-verify.pole_pn.png"},
};
#define SHOT_N (sizeof SHOTS / sizeof SHOTS[0])

/* Leftovers of an earlier run must not stand in for this run's images. */
static void clear_dir(const char *dir, const char *suffix)
{
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    char path[1024];
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name), k = strlen(suffix);
        if (n <= k || strcmp(e->d_name + n - k, suffix) != 0) continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    closedir(d);
}

int main(int argc, char **argv)
{
    char shots[512], records[512];
    snprintf(shots, sizeof shots, "%s/ev-steps", PAJA_GOLDEN_OUT);
    snprintf(records, sizeof records, "%s/ev-records", PAJA_GOLDEN_OUT);
    clear_dir(shots, ".png");
    clear_dir(records, ".jsonl");

    struct app_run_opts o;
    app_run_opts_default(&o);
    o.headless = true;
    o.frames = 0; /* the script runs to its end */
    o.width = 640;
    o.height = 360;
    o.lang = APP_LANG_EN;
    o.scenario = PAJA_SOURCE_DIR "/scenarios/ev-hv-isolation";
    o.script = PAJA_SOURCE_DIR "/scenarios/ev-hv-isolation/playthroughs/one-pole.yaml";
    o.mode = SCENARIO_MODE_PRACTICE;
    o.seed = 1;
    o.trainee = "golden";
    o.records = records;
    o.step_shots = shots;
    struct app_capture cap = {0};
    int rc = app_run(&o, &cap);
    if (rc != 0 || !cap.rgba) {
        fprintf(stderr, "golden ev: scripted headless run failed (exit %d)\n", rc);
        free(cap.rgba);
        return 1;
    }
    free(cap.rgba);

    int worst = 0; /* 0 pass, then skip (77), then failure (1) */
    int compared = 0;
    for (size_t i = 0; i < SHOT_N; i++) {
        bool wanted = argc < 2;
        for (int a = 1; a < argc; a++) wanted |= strcmp(argv[a], SHOTS[i].name) == 0;
        if (!wanted) continue;
        compared++;
        char path[1024], err[512];
        snprintf(path, sizeof path, "%s/%s", shots, SHOTS[i].file);
        struct image img = {0};
        if (!image_load(path, &img, err, sizeof err)) {
            fprintf(stderr, "golden %s: no step image %s (%s): did the playthrough or the step ids change?\n",
                    SHOTS[i].name, path, err);
            worst = 1;
            continue;
        }
        struct golden_report rep;
        enum golden_result r = golden_check(PAJA_GOLDEN_DIR, PAJA_GOLDEN_OUT, SHOTS[i].name, img.rgba, img.width,
                                            img.height, cap.renderer, cap.version, &rep);
        printf("golden %s: %s\n", SHOTS[i].name, rep.message);
        image_free(&img);
        int code = golden_exit_code(r);
        if (code == 1 || (code == GOLDEN_EXIT_SKIP && worst == 0)) worst = code;
    }
    if (compared == 0) {
        fprintf(stderr, "golden ev: no golden by those names\n");
        return 1;
    }
    return worst;
}

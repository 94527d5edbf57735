/* test_record_util.c — helpers shared by the record and review unit tests
 * (see test_record_util.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_record_util.h"

#include "event.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void trec_tmpdir(char *out)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(out, 256, "%s/paja-rec-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    assert_non_null(mkdtemp(out));
}

void trec_rmdir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        char p[1024];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) trec_rmdir(p);
        else unlink(p);
    }
    closedir(d);
    rmdir(dir);
}

void trec_header(struct rec_header *h, const char *trainee)
{
    memset(h, 0, sizeof *h);
    h->session = "6f1c2a9e-3b4d-4c5e-9f10-1a2b3c4d5e6f";
    h->scenario_id = "ev-battery/hv-isolation";
    h->scenario_version = "3";
    h->scenario_hash = "c0ffee";
    h->scenario_title = "HV isolation";
    h->trainee = trainee;
    h->institution = "https://lms.example-school.org";
    h->mode = "practice";
    h->seed = 18446744073709551615ull;
    h->device = "headless";
    h->input = "script";
    h->paja_version = "0.1.0";
    h->start_utc = "2026-03-14T09:26:53.123Z";
    h->lang = "fi";
}

static struct ev mk(enum ev_type t, int64_t t_us, const char *subject)
{
    struct ev e;
    memset(&e, 0, sizeof e);
    e.type = t;
    e.t_us = t_us;
    e.hand = -1;
    e.subject = subject;
    return e;
}

int64_t trec_session_write(struct rec_writer *w, int steps, const char *result, double score)
{
    static const char *const STEP[] = {"ppe", "service_plug", "lockout", "verify_zero", "isolation", "restore"};
    int64_t t = 0;
    for (int s = 0; s < steps; s++) {
        const char *step = STEP[s % 6];
        struct ev e = mk(EV_STEP_STARTED, t, step);
        e.detail = "Tee vaihe huolellisesti.";
        e.value = 1;
        assert_true(rec_writer_append(w, &e));
        /* 3 seconds of movement at 60 Hz between the actions. */
        for (int f = 0; f < 180; f++) {
            t += 16667;
            struct pose head = {{0.0f, 1.7f, 0.01f * (float)f}, {0, 0, 0, 1}};
            struct pose hand = {{0.3f, 1.2f, -0.4f + 0.002f * (float)f}, {0, 0, 0, 1}};
            assert_true(rec_writer_pose(w, t, &head, NULL, &hand));
            assert_true(rec_writer_tick(w, t));
        }
        e = mk(EV_GRAB, t, "multimeter");
        e.hand = 1;
        assert_true(rec_writer_append(w, &e));
        if (s == 2) {
            e = mk(EV_HINT_SHOWN, t, step);
            e.detail = "Tarkista mittarin mittausalue.";
            e.ival = 1;
            assert_true(rec_writer_append(w, &e));
        }
        e = mk(EV_USE, t + 500000, "multimeter");
        e.target = "hv.bus+";
        e.hand = 1;
        e.value = 0.4;
        e.unit = "V";
        assert_true(rec_writer_append(w, &e));
        e = mk(EV_READING, t + 600000, "multimeter");
        e.target = "hv.bus+";
        e.value = 0.4;
        e.unit = "V";
        assert_true(rec_writer_append(w, &e));
        if (s == 1 || s == 3) {
            e = mk(EV_RULE_VIOLATED, t + 700000, s == 1 ? "rule.gloves" : "rule.touch_live");
            e.ival = s == 1 ? EV_SEVERITY_MINOR : EV_SEVERITY_CRITICAL;
            e.target = step;
            e.detail = "Kosketit jännitteistä osaa \"ennen\" mittausta, <b>";
            assert_true(rec_writer_append(w, &e));
        }
        t += 1000000;
        e = mk(EV_STEP_COMPLETED, t, step);
        assert_true(rec_writer_append(w, &e));
    }
    /* The scenario engine's words (event.h): pass, fail, incomplete. */
    struct ev e = mk(EV_FINISHED, t, "ev-battery/hv-isolation");
    e.detail = !strcmp(result, "passed") ? "pass" : !strcmp(result, "failed") ? "fail" : result;
    e.value = score;
    assert_true(rec_writer_append(w, &e));
    return t;
}

void trec_session_file(const char *path, const struct rec_key *key, const char *trainee, int steps,
                       const char *result, double score)
{
    struct rec_header h;
    trec_header(&h, trainee);
    char err[256] = "";
    struct rec_writer *w = rec_writer_create(path, &h, key, err, sizeof err);
    assert_non_null(w);
    int64_t end = trec_session_write(w, steps, result, score);
    assert_true(rec_writer_close(&w, end + 250000, err, sizeof err));
    assert_null(w);
}

char *trec_slurp(const char *path, size_t *out_size)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *d = malloc((size_t)n + 1);
    assert_non_null(d);
    assert_int_equal(fread(d, 1, (size_t)n, f), (size_t)n);
    d[n] = '\0';
    fclose(f);
    *out_size = (size_t)n;
    return d;
}

void trec_spit(const char *path, const char *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, size, f), size);
    fclose(f);
}


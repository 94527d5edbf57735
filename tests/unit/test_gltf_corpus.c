/* test_gltf_corpus.c — `paja info` against the third-party glTF corpus.
 *
 *   test_gltf_corpus PAJA SAMPLES_DIR
 *
 * 1. Every model under SAMPLES_DIR (outside ValidatorTestCorpus) that is not
 *    expected to be refused loads with exit 0, and the node, mesh and
 *    material counts `paja info` prints equal the counts in the file's own
 *    JSON, read here independently with cJSON (GLB JSON chunk extracted by
 *    this file's own few lines).
 * 2. Every ValidatorTestCorpus file is judged like the Khronos validator's
 *    stored report (FILE.report.json): errors → exit 1 with a message on
 *    stderr, none → exit 0.
 * 3. Box glTF-Draco (a required extension we cannot decode) is refused with
 *    exit 1 naming the extension.
 * Any sanitizer report in paja's stderr fails the test. Exit 77 (ctest
 * SKIP_RETURN_CODE) when the corpus is absent. */
#define _XOPEN_SOURCE 700
#include <cjson/cJSON.h>
#include <ftw.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *g_paja;
static int g_failures, g_checked_valid, g_checked_invalid;

static char *read_file(const char *path, size_t *out_size)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        fclose(f);
        return NULL;
    }
    buf[n] = '\0';
    fclose(f);
    *out_size = (size_t)n;
    return buf;
}

/* Runs `paja info PATH`, capturing stdout and stderr into files. */
static int run_info(const char *path, char **out_stdout, char **out_stderr)
{
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "'%s' info '%s' >/tmp/paja_corpus_out.%d 2>/tmp/paja_corpus_err.%d", g_paja, path,
             (int)getpid(), (int)getpid());
    int st = system(cmd);
    char p[64];
    size_t n;
    snprintf(p, sizeof p, "/tmp/paja_corpus_out.%d", (int)getpid());
    *out_stdout = read_file(p, &n);
    remove(p);
    snprintf(p, sizeof p, "/tmp/paja_corpus_err.%d", (int)getpid());
    *out_stderr = read_file(p, &n);
    remove(p);
    if (!*out_stdout) *out_stdout = calloc(1, 1);
    if (!*out_stderr) *out_stderr = calloc(1, 1);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

static void fail(const char *path, const char *what, const char *detail)
{
    fprintf(stderr, "FAIL %s: %s%s%s\n", path, what, detail ? "\n  " : "", detail ? detail : "");
    g_failures++;
}

static bool sanitizer_report(const char *err)
{
    return strstr(err, "Sanitizer") || strstr(err, "runtime error:");
}

static long count_after(const char *out, const char *label)
{
    char key[64];
    snprintf(key, sizeof key, "\n%s: ", label);
    const char *p = strstr(out, key);
    return p ? strtol(p + strlen(key), NULL, 10) : -1;
}

/* The JSON text of a .gltf, or of a GLB's first chunk. */
static cJSON *json_of(const char *path)
{
    size_t n = 0;
    char *data = read_file(path, &n);
    if (!data) return NULL;
    cJSON *j = NULL;
    if (n >= 20 && memcmp(data, "glTF", 4) == 0) {
        uint32_t len;
        memcpy(&len, data + 12, 4);
        if (len <= n - 20) j = cJSON_ParseWithLength(data + 20, len);
    } else {
        j = cJSON_ParseWithLength(data, n);
    }
    free(data);
    return j;
}

static void check_valid_model(const char *path)
{
    cJSON *j = json_of(path);
    if (!j) {
        fail(path, "test could not read the JSON itself", NULL);
        return;
    }
    bool draco = strstr(path, "glTF-Draco") != NULL;
    char *out, *err;
    int rc = run_info(path, &out, &err);
    if (sanitizer_report(err)) fail(path, "sanitizer report", err);
    if (draco) {
        if (rc != 1 || !strstr(err, "KHR_draco_mesh_compression"))
            fail(path, "expected exit 1 naming KHR_draco_mesh_compression", err);
        g_checked_invalid++;
    } else if (rc != 0) {
        fail(path, "expected exit 0", err);
    } else {
        const char *labels[] = {"nodes", "meshes", "materials"};
        for (int k = 0; k < 3; k++) {
            long want = cJSON_GetArraySize(cJSON_GetObjectItem(j, labels[k]));
            long got = count_after(out, labels[k]);
            if (got != want) {
                char d[128];
                snprintf(d, sizeof d, "%s: paja info says %ld, the JSON has %ld", labels[k], got, want);
                fail(path, "count mismatch", d);
            }
        }
        g_checked_valid++;
    }
    free(out);
    free(err);
    cJSON_Delete(j);
}

static void check_corpus_file(const char *path)
{
    char rpath[4096];
    snprintf(rpath, sizeof rpath, "%s.report.json", path);
    size_t n;
    char *rtext = read_file(rpath, &n);
    if (!rtext) return; /* helper files (.bin) have no report */
    cJSON *r = cJSON_Parse(rtext);
    free(rtext);
    cJSON *issues = cJSON_GetObjectItem(r, "issues");
    int errors = cJSON_GetObjectItem(issues, "numErrors") ? cJSON_GetObjectItem(issues, "numErrors")->valueint : -1;
    cJSON_Delete(r);
    if (errors < 0) {
        fail(path, "report without issues.numErrors", NULL);
        return;
    }
    char *out, *err;
    int rc = run_info(path, &out, &err);
    if (sanitizer_report(err)) fail(path, "sanitizer report", err);
    if (errors > 0) {
        if (rc != 1) fail(path, "validator reports errors: expected exit 1", err);
        else if (strlen(err) < 10) fail(path, "refused without a message", err);
        g_checked_invalid++;
    } else {
        if (rc != 0) fail(path, "validator reports no errors: expected exit 0", err);
        g_checked_valid++;
    }
    free(out);
    free(err);
}

static int visit(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    if (type != FTW_F) return 0;
    size_t n = strlen(path);
    bool model = (n > 5 && strcmp(path + n - 5, ".gltf") == 0) || (n > 4 && strcmp(path + n - 4, ".glb") == 0);
    if (!model) return 0;
    if (strstr(path, "/ValidatorTestCorpus/")) check_corpus_file(path);
    else check_valid_model(path);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: test_gltf_corpus PAJA SAMPLES_DIR\n");
        return 2;
    }
    g_paja = argv[1];
    struct stat st;
    if (stat(argv[2], &st) != 0 || !S_ISDIR(st.st_mode)) {
        printf("SKIP: glTF samples not found at %s\n", argv[2]);
        return 77;
    }
    nftw(argv[2], visit, 16, FTW_PHYS);
    printf("%d accepted as expected-valid, %d refused as expected-invalid, %d failures\n", g_checked_valid,
           g_checked_invalid, g_failures);
    /* The corpus has 50+ valid models and 25+ invalid files; far fewer means
     * the walk missed them, which must not pass silently. */
    if (g_checked_valid < 50 || g_checked_invalid < 25) {
        fprintf(stderr, "FAIL: too few files checked\n");
        return 1;
    }
    return g_failures ? 1 : 0;
}

/* bench_gltf_render.c — glTF load and PBR frame benchmark (issue 3).
 *
 *   bench_gltf_render [--frames N] [--loads N] [--out DIR] [--no-shadows] MODEL...
 *   bench_gltf_render --synthetic [same options]
 *   --no-baseline skips the empty-scene run (for callgrind, which should see
 *   one model's frames only).
 *
 * For each model: median load time (gltf_load_file + scene build, N loads,
 * no GPU) and, through `paja view`'s own path (app_view) at 1280x720
 * headless with shadows, the median wall time per frame (each frame
 * finished with glFinish, so rasterisation is included) and the median
 * main-thread CPU time per frame, after 3 warm-up frames. --synthetic
 * writes a training-size scene first (150 nodes in 10 groups, 15 meshes of
 * ~200 triangles: ~30k triangles drawn, 2 of 8 materials blended) as a GLB.
 * Prints medians with min-max and the ratio of synthetic to the empty-scene
 * baseline measured in the same run; asserts nothing. Run it with the malloc
 * tunables of the headless-rendering reference (tools/bench/gltf_render.sh
 * sets them, and wraps callgrind for instruction counts). */
#define _POSIX_C_SOURCE 200809L
#include "app.h"
#include "arena.h"
#include "gltf.h"
#include "scene.h"
#include "scene_gltf.h"
#include "str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

struct summary { double median, min, max; };

static struct summary summarize(double *v, int n)
{
    struct summary s = {0, 0, 0};
    if (n <= 0) return s;
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    s.median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    s.min = v[0];
    s.max = v[n - 1];
    return s;
}

static void put_u32(struct str_buf *b, uint32_t v)
{
    str_buf_append(b, (const char *)&v, 4);
}

/* A training-size scene as GLB: 15 sphere meshes of ~200 triangles,
 * 10 group nodes with 14 mesh children each (150 nodes), 8 materials. */
static bool write_synthetic(const char *path)
{
    struct arena a;
    arena_init(&a, "synthetic", 1 << 20);
    struct str_buf bin = {0}, js = {0};
    enum { MESHES = 15, GROUPS = 10, PER_GROUP = 14 };
    uint32_t view_off[MESHES][4], view_len[MESHES][4], counts[MESHES][2];
    float bmin[MESHES][3], bmax[MESHES][3];
    for (int m = 0; m < MESHES; m++) {
        struct mesh_data md = scene_mesh_sphere(&a, 0.2f + 0.02f * (float)m, 11 + m % 4, 9 + m % 3);
        counts[m][0] = md.vertex_count;
        counts[m][1] = md.index_count;
        memcpy(bmin[m], md.bounds_min, sizeof bmin[m]);
        memcpy(bmax[m], md.bounds_max, sizeof bmax[m]);
        for (int part = 0; part < 4; part++) {
            view_off[m][part] = (uint32_t)bin.len;
            for (uint32_t i = 0; part < 3 && i < md.vertex_count; i++) {
                const struct mesh_vertex *v = &md.vertices[i];
                const float *f = part == 0 ? v->position : part == 1 ? v->normal : v->uv;
                str_buf_append(&bin, (const char *)f, part == 2 ? 8 : 12);
            }
            for (uint32_t i = 0; part == 3 && i < md.index_count; i++) put_u32(&bin, md.indices[i]);
            view_len[m][part] = (uint32_t)bin.len - view_off[m][part];
        }
    }
    str_buf_printf(&js, "{\"asset\":{\"version\":\"2.0\",\"generator\":\"paja bench_gltf_render\"},"
                        "\"buffers\":[{\"byteLength\":%zu}],\"bufferViews\":[", bin.len);
    for (int m = 0; m < MESHES; m++)
        for (int p = 0; p < 4; p++)
            str_buf_printf(&js, "%s{\"buffer\":0,\"byteOffset\":%u,\"byteLength\":%u}", m + p ? "," : "", view_off[m][p],
                           view_len[m][p]);
    str_buf_puts(&js, "],\"accessors\":[");
    for (int m = 0; m < MESHES; m++) {
        str_buf_printf(&js,
                       "%s{\"bufferView\":%d,\"componentType\":5126,\"count\":%u,\"type\":\"VEC3\","
                       "\"min\":[%.9g,%.9g,%.9g],\"max\":[%.9g,%.9g,%.9g]},"
                       "{\"bufferView\":%d,\"componentType\":5126,\"count\":%u,\"type\":\"VEC3\"},"
                       "{\"bufferView\":%d,\"componentType\":5126,\"count\":%u,\"type\":\"VEC2\"},"
                       "{\"bufferView\":%d,\"componentType\":5125,\"count\":%u,\"type\":\"SCALAR\"}",
                       m ? "," : "", 4 * m, counts[m][0], bmin[m][0], bmin[m][1], bmin[m][2], bmax[m][0], bmax[m][1],
                       bmax[m][2], 4 * m + 1, counts[m][0], 4 * m + 2, counts[m][0], 4 * m + 3, counts[m][1]);
    }
    str_buf_puts(&js, "],\"materials\":[");
    for (int k = 0; k < 8; k++)
        str_buf_printf(&js, "%s{\"pbrMetallicRoughness\":{\"baseColorFactor\":[%.2f,%.2f,%.2f,%s],"
                            "\"metallicFactor\":%.2f,\"roughnessFactor\":%.2f}%s}",
                       k ? "," : "", 0.2 + 0.1 * k, 0.8 - 0.08 * k, 0.5, k >= 6 ? "0.5" : "1", k % 2 ? 1.0 : 0.0,
                       0.3 + 0.08 * k, k >= 6 ? ",\"alphaMode\":\"BLEND\"" : "");
    str_buf_puts(&js, "],\"meshes\":[");
    for (int m = 0; m < MESHES; m++)
        str_buf_printf(&js, "%s{\"primitives\":[{\"attributes\":{\"POSITION\":%d,\"NORMAL\":%d,\"TEXCOORD_0\":%d},"
                            "\"indices\":%d,\"material\":%d}]}",
                       m ? "," : "", 4 * m, 4 * m + 1, 4 * m + 2, 4 * m + 3, m % 8);
    str_buf_puts(&js, "],\"nodes\":[");
    int node = 0;
    for (int gi = 0; gi < GROUPS; gi++) {
        str_buf_printf(&js, "%s{\"name\":\"group%d\",\"translation\":[%d,0,%d],\"children\":[", node ? "," : "", gi,
                       (gi % 5) * 3 - 6, (gi / 5) * 3 - 1);
        for (int c = 0; c < PER_GROUP; c++) str_buf_printf(&js, "%s%d", c ? "," : "", GROUPS + gi * PER_GROUP + c);
        str_buf_puts(&js, "]}");
        node++;
    }
    for (int gi = 0; gi < GROUPS; gi++)
        for (int c = 0; c < PER_GROUP; c++)
            str_buf_printf(&js, ",{\"name\":\"part%d_%d\",\"mesh\":%d,\"translation\":[%.2f,%.2f,%.2f]}", gi, c,
                           (gi * PER_GROUP + c) % MESHES, (c % 4) * 0.6 - 0.9, 0.3 + (c / 4) * 0.6,
                           (c % 3) * 0.4 - 0.4);
    str_buf_puts(&js, "],\"scenes\":[{\"nodes\":[");
    for (int gi = 0; gi < GROUPS; gi++) str_buf_printf(&js, "%s%d", gi ? "," : "", gi);
    str_buf_puts(&js, "]}],\"scene\":0}");
    while (js.len % 4) str_buf_puts(&js, " ");
    while (bin.len % 4) str_buf_append(&bin, "\0", 1);

    FILE *f = fopen(path, "wb");
    bool ok = f != NULL;
    if (f) {
        uint32_t hdr[5] = {0x46546C67u, 2, (uint32_t)(12 + 8 + js.len + 8 + bin.len), (uint32_t)js.len, 0x4E4F534Au};
        uint32_t bh[2] = {(uint32_t)bin.len, 0x004E4942u};
        ok = fwrite(hdr, 4, 5, f) == 5 && fwrite(js.data, 1, js.len, f) == js.len && fwrite(bh, 4, 2, f) == 2 &&
             fwrite(bin.data, 1, bin.len, f) == bin.len;
        ok = fclose(f) == 0 && ok;
    }
    str_buf_free(&js);
    str_buf_free(&bin);
    arena_fini(&a);
    return ok;
}

static struct summary bench_load(const char *path, int loads, uint32_t *out_tris)
{
    double *t = calloc((size_t)loads, sizeof *t);
    *out_tris = 0;
    for (int i = 0; i < loads; i++) {
        struct arena a;
        arena_init(&a, "bench load", 1 << 20);
        double t0 = now_ms();
        struct gltf_asset m;
        struct scene s;
        struct scene_gltf g;
        char err[512];
        bool ok = gltf_load_file(path, &a, &m, err, sizeof err);
        if (ok) {
            scene_init(&s, &a);
            ok = scene_gltf_add(&s, &m, SCENE_NO_PARENT, &g, err, sizeof err);
        }
        t[i] = now_ms() - t0;
        if (!ok) fprintf(stderr, "%s: %s\n", path, err);
        arena_fini(&a);
    }
    struct summary r = summarize(t, loads);
    free(t);
    return r;
}

struct frame_result { struct summary wall, cpu; double setup_ms; uint32_t draws, tris, culled; };

static bool g_shadows = true;

static bool bench_frames(const char *path, int frames, struct frame_result *out)
{
    int total = frames + 3;
    double *wall = calloc((size_t)total, sizeof *wall), *cpu = calloc((size_t)total, sizeof *cpu);
    struct app_view_stats st = {.frame_ms = wall, .cpu_ms = cpu, .cap = total};
    struct app_view_opts o;
    app_view_opts_default(&o);
    o.model = path;
    o.headless = true;
    o.frames = total;
    o.width = 1280;
    o.height = 720;
    o.stats = &st;
    o.shadows = g_shadows;
    int rc = app_view(&o, NULL);
    bool ok = rc == 0 && st.frames == total;
    if (ok) {
        out->wall = summarize(wall + 3, frames);
        out->cpu = summarize(cpu + 3, frames);
        out->setup_ms = st.setup_ms;
        out->draws = st.draws;
        out->tris = st.triangles;
        out->culled = st.culled;
    }
    free(wall);
    free(cpu);
    return ok;
}

int main(int argc, char **argv)
{
    int frames = 20, loads = 11;
    const char *out_dir = "/tmp";
    bool synthetic = false, baseline = true;
    const char *models[64];
    int n = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--frames") == 0 && i + 1 < argc) frames = atoi(argv[++i]);
        else if (strcmp(argv[i], "--loads") == 0 && i + 1 < argc) loads = atoi(argv[++i]);
        else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc) out_dir = argv[++i];
        else if (strcmp(argv[i], "--synthetic") == 0) synthetic = true;
        else if (strcmp(argv[i], "--no-shadows") == 0) g_shadows = false;
        else if (strcmp(argv[i], "--no-baseline") == 0) baseline = false;
        else if (n < 64) models[n++] = argv[i];
    }
    if (frames < 1) frames = 1;
    if (loads < 1) loads = 1;
    static char synth_path[1024], empty_path[1024];
    snprintf(empty_path, sizeof empty_path, "%s/paja_bench_empty.gltf", out_dir);
    FILE *f = fopen(empty_path, "w");
    if (!f) {
        fprintf(stderr, "bench: cannot write %s\n", empty_path);
        return 2;
    }
    fputs("{\"asset\":{\"version\":\"2.0\"},\"nodes\":[{\"name\":\"empty\"}],\"scenes\":[{\"nodes\":[0]}]}", f);
    fclose(f);
    if (synthetic) {
        snprintf(synth_path, sizeof synth_path, "%s/paja_bench_training.glb", out_dir);
        if (!write_synthetic(synth_path)) {
            fprintf(stderr, "bench: cannot write %s\n", synth_path);
            return 2;
        }
        models[n++] = synth_path;
    }
    if (n == 0) {
        fprintf(stderr, "usage: bench_gltf_render [--frames N] [--loads N] [--out DIR] [--synthetic] MODEL...\n");
        return 2;
    }
    printf("1280x720 headless, PBR%s, %d frames after 3 warm-up; load = read + scene build, %d runs\n",
           g_shadows ? " + shadow map" : " without shadows", frames, loads);
    /* The empty scene: clear, pass and readback costs with nothing drawn. */
    struct frame_result base = {.wall = {1, 1, 1}, .cpu = {1, 1, 1}};
    if (baseline && !bench_frames(empty_path, frames, &base)) return 1;
    printf("%-34s %7s %8s  %-24s %-24s\n", "model", "tris", "load ms", "frame ms median [min-max]",
           "main-thread CPU ms/frame");
    if (baseline)
        printf("%-34s %7u %8s  %6.2f [%.2f-%.2f]%7s %6.2f [%.2f-%.2f]\n", "(empty scene, baseline)", base.tris, "-",
               base.wall.median, base.wall.min, base.wall.max, "", base.cpu.median, base.cpu.min, base.cpu.max);
    int rc = 0;
    for (int i = 0; i < n; i++) {
        uint32_t tris;
        struct summary ld = bench_load(models[i], loads, &tris);
        struct frame_result fr;
        if (!bench_frames(models[i], frames, &fr)) {
            fprintf(stderr, "bench: %s did not render\n", models[i]);
            rc = 1;
            continue;
        }
        const char *name = strrchr(models[i], '/') ? strrchr(models[i], '/') + 1 : models[i];
        printf("%-34s %7u %8.2f  %6.2f [%.2f-%.2f]%7s %6.2f [%.2f-%.2f]   draws %u, culled %u; x%.1f baseline "
               "frame, x%.1f CPU; setup %.0f ms\n",
               name, fr.tris, ld.median, fr.wall.median, fr.wall.min, fr.wall.max, "", fr.cpu.median, fr.cpu.min,
               fr.cpu.max, fr.draws, fr.culled, fr.wall.median / base.wall.median, fr.cpu.median / base.cpu.median,
               fr.setup_ms);
    }
    return rc;
}

/* test_gltf.c — the glTF reader on small hand-written documents (every rule
 * has a passing and a failing case) and on a few corpus models whose right
 * answer is known (sparse substitution, quantized positions). */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "arena.h"
#include "gltf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef PAJA_GLTF_SAMPLES
#define PAJA_GLTF_SAMPLES ""
#endif

/* A triangle: 3 float positions then 3 u16 indices (+2 padding bytes). */
#define TRI_B64 "AAAAAAAAAAAAAAAAAACAPwAAAAAAAAAAAAAAAAAAgD8AAAAAAAABAAIAAAA="
#define TRI_B64_BAD_INDEX "AAAAAAAAAAAAAAAAAACAPwAAAAAAAAAAAAAAAAAAgD8AAAAAAAABAAcAAAA="

static const char TRI_FMT[] =
    "{\"asset\":{\"version\":\"2.0\"}%s,"
    "\"buffers\":[{\"byteLength\":44,\"uri\":\"data:application/octet-stream;base64,%s\"}],"
    "\"bufferViews\":[{\"buffer\":0,\"byteLength\":36},{\"buffer\":0,\"byteOffset\":36,\"byteLength\":6}],"
    "\"accessors\":[{\"bufferView\":0,\"componentType\":5126,\"count\":3,\"type\":\"VEC3\","
    "\"min\":[0,0,0],\"max\":[1,1,0]},"
    "{\"bufferView\":1,\"componentType\":5123,\"count\":%s,\"type\":\"SCALAR\"}],"
    "\"meshes\":[{\"name\":\"tri\",\"primitives\":[{\"attributes\":{\"POSITION\":0},\"indices\":1%s}]}],"
    "\"nodes\":[{\"name\":\"root\",\"children\":[1],\"translation\":[1,2,3]},{\"name\":\"child\",\"mesh\":0%s}]%s,"
    "\"scenes\":[{\"nodes\":[0]}],\"scene\":0}";

struct fixture {
    struct arena a;
    struct gltf_asset m;
    char err[1024];
    char json[8192];
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    arena_init(&f->a, "test", 1 << 16);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    arena_fini(&f->a);
    free(f);
    return 0;
}

/* Builds the triangle document with pieces replaced: top-level extra
 * members, buffer base64, index count, primitive extra, child node extra,
 * extra top-level arrays. */
static bool load_tri(struct fixture *f, const char *top, const char *b64, const char *count, const char *prim,
                     const char *child, const char *tail)
{
    snprintf(f->json, sizeof f->json, TRI_FMT, top ? top : "", b64 ? b64 : TRI_B64, count ? count : "3",
             prim ? prim : "", child ? child : "", tail ? tail : "");
    return gltf_load_memory(f->json, strlen(f->json), NULL, &f->a, &f->m, f->err, sizeof f->err);
}

static bool load_str(struct fixture *f, const char *json)
{
    return gltf_load_memory(json, strlen(json), NULL, &f->a, &f->m, f->err, sizeof f->err);
}

static void assert_refused(struct fixture *f, bool ok, const char *needle)
{
    if (ok || !strstr(f->err, needle)) fail_msg("expected refusal containing '%s', got ok=%d err='%s'", needle, ok, f->err);
}

static void test_triangle_loads(void **state)
{
    struct fixture *f = *state;
    assert_true(load_tri(f, NULL, NULL, NULL, NULL, NULL, NULL));
    assert_int_equal(f->m.nodes_count, 2);
    assert_int_equal(f->m.meshes_count, 1);
    assert_string_equal(f->m.meshes[0].name, "tri");
    assert_int_equal(f->m.nodes[1].parent, 0);
    float p[3];
    assert_true(gltf_accessor_read_float(&f->m, 0, 1, p, 3));
    assert_true(p[0] == 1.0f && p[1] == 0.0f);
    assert_false(gltf_accessor_read_float(&f->m, 0, 3, p, 3));
    uint32_t idx;
    assert_true(gltf_accessor_read_uint(&f->m, 1, 2, &idx));
    assert_int_equal(idx, 2);
    float lo[3], hi[3];
    assert_true(gltf_scene_bounds(&f->m, lo, hi));
    /* Translated by the root's (1, 2, 3). */
    assert_true(lo[0] == 1.0f && lo[1] == 2.0f && hi[0] == 2.0f && hi[1] == 3.0f && hi[2] == 3.0f);
    /* No material: the default one applies. */
    assert_int_equal(f->m.meshes[0].primitives[0].material, GLTF_NONE);
    struct gltf_material d;
    gltf_material_default(&d);
    assert_true(d.base_color[3] == 1.0f && d.metallic == 1.0f && d.alpha_mode == GLTF_ALPHA_OPAQUE);
}

static void test_accessor_and_index_ranges(void **state)
{
    struct fixture *f = *state;
    assert_refused(f, load_tri(f, NULL, NULL, "4", NULL, NULL, NULL), "/accessors/1: needs 8 bytes");
    assert_refused(f, load_tri(f, NULL, NULL, "4294967295", NULL, NULL, NULL), "/accessors/1: needs");
    assert_refused(f, load_tri(f, NULL, TRI_B64_BAD_INDEX, NULL, NULL, NULL, NULL), "index 2 = 7 >= vertex count");
    assert_refused(f, load_tri(f, NULL, NULL, "3.5", NULL, NULL, NULL), "/accessors/1/count");
    /* An integer written as 3.0 is still an integer. */
    assert_true(load_tri(f, NULL, NULL, "3.0", NULL, NULL, NULL));
}

static void test_references_and_hierarchy(void **state)
{
    struct fixture *f = *state;
    assert_refused(f, load_tri(f, NULL, NULL, NULL, ",\"material\":4", NULL, NULL),
                   "/meshes/0/primitives/0/material: material 4 does not exist");
    assert_refused(f, load_tri(f, NULL, NULL, NULL, NULL, ",\"children\":[0]", NULL), "cycle");
    assert_refused(f, load_tri(f, NULL, NULL, NULL, NULL, ",\"children\":[1]", NULL), "cannot be its own child");
    assert_refused(f, load_tri(f, NULL, NULL, NULL, NULL, ",\"matrix\":[1,0,0,0,0,1,0,0,0,0,1,0,0,0,0,1],\"scale\":[1,1,1]", NULL),
                   "both matrix and");
    /* A cycle without any root. */
    assert_refused(f, load_str(f, "{\"asset\":{\"version\":\"2.0\"},\"nodes\":[{\"children\":[1]},{\"children\":[0]}]}"),
                   "cycle");
}

static void test_asset_and_extensions(void **state)
{
    struct fixture *f = *state;
    assert_refused(f, load_str(f, "{\"asset\":{\"version\":\"1.0\"}}"), "/asset/version: '1.0' is not 2.x");
    assert_refused(f, load_str(f, "{\"asset\":{}}"), "/asset: required property 'version'");
    assert_refused(f, load_str(f, "{\"asset\":{\"version\":\"2.0\"},\"extensionsUsed\":[\"KHR_draco_mesh_compression\"],"
                                  "\"extensionsRequired\":[\"KHR_draco_mesh_compression\"]}"),
                   "required extension 'KHR_draco_mesh_compression' is not supported");
    assert_true(load_str(f, "{\"asset\":{\"version\":\"2.0\"},\"extensionsUsed\":[\"EXT_whatever\"]}"));
    assert_non_null(f->m.warnings);
    assert_non_null(strstr(f->m.warnings, "EXT_whatever"));
}

static void test_json_syntax_position(void **state)
{
    struct fixture *f = *state;
    assert_refused(f, load_str(f, "{\n  \"asset\": {\"version\": \"2.0\"},\n  \"nodes\": [ {,} ]\n}"), "line 3 column");
    assert_refused(f, load_str(f, "{\"asset\":{\"version\":\"2.0\"}} x"), "unexpected data after the document");
    assert_refused(f, load_str(f, "\xEF\xBB\xBF{\"asset\":{\"version\":\"2.0\"}}"), "byte order mark");
    assert_refused(f, load_str(f, "[1,2]"), "must be an object");
}

static void test_data_uris(void **state)
{
    struct fixture *f = *state;
    assert_refused(f, load_str(f, "{\"asset\":{\"version\":\"2.0\"},\"buffers\":[{\"byteLength\":1,"
                                  "\"uri\":\"data:application/octet-stream;;base64,AA==\"}]}"),
                   "malformed data: URI");
    assert_refused(f, load_str(f, "{\"asset\":{\"version\":\"2.0\"},\"buffers\":[{\"byteLength\":1,"
                                  "\"uri\":\"data:application/octet-stream;base64,A*==\"}]}"),
                   "invalid base64");
    assert_refused(f, load_str(f, "{\"asset\":{\"version\":\"2.0\"},\"buffers\":[{\"byteLength\":2,"
                                  "\"uri\":\"data:application/octet-stream;base64,AA==\"}]}"),
                   "byteLength 2 but the data has only 1 bytes");
}

static void test_normalized_and_sparse(void **state)
{
    struct fixture *f = *state;
    const char *doc =
        "{\"asset\":{\"version\":\"2.0\"},"
        "\"buffers\":[{\"byteLength\":4,\"uri\":\"data:application/octet-stream;base64,/wCAfw==\"},"
        "{\"byteLength\":16,\"uri\":\"data:application/octet-stream;base64,AQAAAAAAoEAAAKBAAACgQA==\"}],"
        "\"bufferViews\":[{\"buffer\":0,\"byteLength\":4},{\"buffer\":1,\"byteLength\":4},"
        "{\"buffer\":1,\"byteOffset\":4,\"byteLength\":12}],"
        "\"accessors\":["
        "{\"bufferView\":0,\"componentType\":5121,\"normalized\":true,\"count\":2,\"type\":\"SCALAR\"},"
        "{\"bufferView\":0,\"byteOffset\":2,\"componentType\":5120,\"normalized\":true,\"count\":2,\"type\":\"SCALAR\"},"
        "{\"componentType\":5126,\"count\":3,\"type\":\"VEC3\",\"sparse\":{\"count\":1,"
        "\"indices\":{\"bufferView\":1,\"componentType\":5121},\"values\":{\"bufferView\":2}}}]}";
    assert_true(load_str(f, doc));
    float v[3];
    gltf_accessor_read_float(&f->m, 0, 0, v, 1);
    assert_true(v[0] == 1.0f);
    gltf_accessor_read_float(&f->m, 1, 0, v, 1);
    assert_true(v[0] == -1.0f); /* -128 clamps to -1 */
    gltf_accessor_read_float(&f->m, 1, 1, v, 1);
    assert_true(v[0] == 1.0f);
    gltf_accessor_read_float(&f->m, 2, 0, v, 3);
    assert_true(v[0] == 0.0f && v[2] == 0.0f);
    gltf_accessor_read_float(&f->m, 2, 1, v, 3);
    assert_true(v[0] == 5.0f && v[1] == 5.0f && v[2] == 5.0f);
    gltf_accessor_read_float(&f->m, 2, 2, v, 3);
    assert_true(v[0] == 0.0f);

    /* Normalized floats are not a thing; a sparse index past count is OOB. */
    char bad[4096];
    snprintf(bad, sizeof bad, "%s", doc);
    char *p = strstr(bad, "\"componentType\":5121,\"normalized\":true");
    memcpy(p, "\"componentType\":5126", strlen("\"componentType\":5126"));
    assert_refused(f, load_str(f, bad), "only byte and short components can be normalized");
    snprintf(bad, sizeof bad, "%s", doc);
    p = strstr(bad, "\"count\":3,\"type\":\"VEC3\"");
    memcpy(p, "\"count\":1", strlen("\"count\":1"));
    assert_refused(f, load_str(f, bad), "/accessors/2/sparse/indices: index 0 = 1 >= accessor count 1");
}

static void test_materials_and_extras(void **state)
{
    struct fixture *f = *state;
    const char *mats =
        ",\"textures\":[{}],"
        "\"materials\":[{\"name\":\"glow\",\"emissiveFactor\":[1,0.5,0],\"alphaMode\":\"MASK\",\"alphaCutoff\":0.25,"
        "\"doubleSided\":true,"
        "\"extensions\":{\"KHR_materials_emissive_strength\":{\"emissiveStrength\":4}},"
        "\"pbrMetallicRoughness\":{\"baseColorFactor\":[1,0,0,0.5],\"metallicFactor\":0,"
        "\"baseColorTexture\":{\"index\":0,\"texCoord\":0,\"extensions\":{\"KHR_texture_transform\":"
        "{\"offset\":[0.5,0],\"rotation\":1.5,\"scale\":[2,2],\"texCoord\":1}}}}}]";
    assert_true(load_tri(f, NULL, NULL, NULL, ",\"material\":0", ",\"extras\":{\"grab\":true,\"id\":\"hv.plug\"}", mats));
    const struct gltf_material *m = &f->m.materials[0];
    assert_true(m->emissive_strength == 4.0f && m->emissive[1] == 0.5f);
    assert_int_equal(m->alpha_mode, GLTF_ALPHA_MASK);
    assert_true(m->alpha_cutoff == 0.25f && m->double_sided && m->metallic == 0.0f);
    assert_true(m->base_color_tex.has_transform && m->base_color_tex.texcoord == 1);
    assert_true(m->base_color_tex.offset[0] == 0.5f && m->base_color_tex.rotation == 1.5f);
    assert_string_equal(f->m.nodes[1].extras_json, "{\"grab\":true,\"id\":\"hv.plug\"}");
    assert_refused(f, load_tri(f, NULL, NULL, NULL, ",\"material\":0", NULL, ",\"materials\":[{\"alphaMode\":\"SOMETIMES\"}]"),
                   "/materials/0/alphaMode");
}

static void test_matrix_node_decomposes(void **state)
{
    struct fixture *f = *state;
    /* 90° about Y, scale 2, translate (1,2,3). */
    assert_true(load_tri(f, NULL, NULL, NULL, NULL, ",\"matrix\":[0,0,-2,0, 0,2,0,0, 2,0,0,0, 1,2,3,1]", NULL));
    const struct gltf_node *n = &f->m.nodes[1];
    assert_true(n->has_matrix);
    assert_true(fabsf(n->scale[0] - 2.0f) < 1e-5f && fabsf(n->scale[1] - 2.0f) < 1e-5f);
    assert_true(fabsf(n->translation[2] - 3.0f) < 1e-6f);
    assert_true(fabsf(fabsf(n->rotation[1]) - sqrtf(0.5f)) < 1e-5f);
}

/* Writes a GLB around json + bin into memory. */
static size_t make_glb(uint8_t *out, const char *json, const uint8_t *bin, uint32_t bin_len)
{
    uint32_t jl = (uint32_t)strlen(json), jp = (jl + 3) & ~3u, bp = (bin_len + 3) & ~3u;
    uint32_t total = 12 + 8 + jp + (bin ? 8 + bp : 0);
    memcpy(out, "glTF", 4);
    uint32_t v = 2;
    memcpy(out + 4, &v, 4);
    memcpy(out + 8, &total, 4);
    memcpy(out + 12, &jp, 4);
    memcpy(out + 16, "JSON", 4);
    memset(out + 20, ' ', jp);
    memcpy(out + 20, json, jl);
    if (bin) {
        uint8_t *b = out + 20 + jp;
        memcpy(b, &bp, 4);
        memcpy(b + 4, "BIN\0", 4);
        memset(b + 8, 0, bp);
        memcpy(b + 8, bin, bin_len);
    }
    return total;
}

static void test_glb_container(void **state)
{
    struct fixture *f = *state;
    static uint8_t glb[1024];
    const char *json = "{\"asset\":{\"version\":\"2.0\"},\"buffers\":[{\"byteLength\":4}]}";
    const uint8_t bin[4] = {1, 2, 3, 4};
    size_t n = make_glb(glb, json, bin, 4);
    assert_true(gltf_load_memory(glb, n, NULL, &f->a, &f->m, f->err, sizeof f->err));
    assert_true(f->m.is_glb && f->m.buffers[0].data[3] == 4);
    /* Truncated by one byte. */
    assert_false(gltf_load_memory(glb, n - 1, NULL, &f->a, &f->m, f->err, sizeof f->err));
    assert_non_null(strstr(f->err, "runs past the end of the file"));
    /* Header length too small for its chunks. */
    uint32_t shorter = (uint32_t)n - 4;
    memcpy(glb + 8, &shorter, 4);
    assert_false(gltf_load_memory(glb, n, NULL, &f->a, &f->m, f->err, sizeof f->err));
    assert_non_null(strstr(f->err, "GLB: byte"));
    /* JSON chunk length huge. */
    n = make_glb(glb, json, bin, 4);
    uint32_t huge = 0x7ffffffc;
    memcpy(glb + 12, &huge, 4);
    assert_false(gltf_load_memory(glb, n, NULL, &f->a, &f->m, f->err, sizeof f->err));
    assert_non_null(strstr(f->err, "GLB: byte 12: chunk length 2147483644 runs past"));
    /* No BIN chunk though buffer 0 needs it. */
    n = make_glb(glb, json, NULL, 0);
    assert_false(gltf_load_memory(glb, n, NULL, &f->a, &f->m, f->err, sizeof f->err));
    assert_non_null(strstr(f->err, "/buffers/0: refers to the GLB BIN chunk"));
}

/* External files: percent-decoding, and never leaving the folder. */
static void test_external_uris(void **state)
{
    struct fixture *f = *state;
    char dir[] = "/tmp/paja_gltf_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/a b\xC3\xA4.bin", dir);
    FILE *b = fopen(path, "wb");
    fwrite("\x01\x02\x03\x04", 1, 4, b);
    fclose(b);
#define EXT_FMT "{\"asset\":{\"version\":\"2.0\"},\"buffers\":[{\"byteLength\":4,\"uri\":\"%s\"}]}"
    char doc[512];
    const char *good[] = {"a%20b%C3%A4.bin", "./a%20b\xC3\xA4.bin", "sub/../a%20b%C3%A4.bin"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(doc, sizeof doc, EXT_FMT, good[i]);
        if (!gltf_load_memory(doc, strlen(doc), dir, &f->a, &f->m, f->err, sizeof f->err))
            fail_msg("%s: %s", good[i], f->err);
        assert_int_equal(f->m.buffers[0].data[2], 3);
    }
    const char *bad[][2] = {{"../a%20b.bin", "outside the asset's folder"},
                            {"sub/../../x.bin", "outside the asset's folder"},
                            {"%2E%2E/x.bin", "outside the asset's folder"},
                            {"/etc/passwd", "absolute paths"},
                            {"file:///etc/passwd", "only relative paths"},
                            {"http://example.com/x.bin", "only relative paths"},
                            {"missing.bin", "No such file"},
                            {"a%2", "bad percent escape"},
                            {"a%00b", "NUL"}};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        snprintf(doc, sizeof doc, EXT_FMT, bad[i][0]);
        bool ok = gltf_load_memory(doc, strlen(doc), dir, &f->a, &f->m, f->err, sizeof f->err);
        if (ok || !strstr(f->err, bad[i][1])) fail_msg("%s: expected '%s', got '%s'", bad[i][0], bad[i][1], f->err);
    }
    /* A symbolic link inside the folder that points out of it is refused;
     * one that stays inside is followed. */
    char link_out[300], link_in[300];
    snprintf(link_out, sizeof link_out, "%s/out.bin", dir);
    snprintf(link_in, sizeof link_in, "%s/in.bin", dir);
    assert_int_equal(symlink("/etc/hostname", link_out), 0);
    assert_int_equal(symlink(path, link_in), 0);
    snprintf(doc, sizeof doc, EXT_FMT, "out.bin");
    bool ok = gltf_load_memory(doc, strlen(doc), dir, &f->a, &f->m, f->err, sizeof f->err);
    if (ok || !strstr(f->err, "resolves outside the asset's folder")) fail_msg("symlink out: %s", f->err);
    snprintf(doc, sizeof doc, EXT_FMT, "in.bin");
    if (!gltf_load_memory(doc, strlen(doc), dir, &f->a, &f->m, f->err, sizeof f->err)) fail_msg("symlink in: %s", f->err);
    remove(link_out);
    remove(link_in);
    /* From memory without a folder, files are refused. */
    snprintf(doc, sizeof doc, EXT_FMT, good[0]);
    assert_refused(f, load_str(f, doc), "loaded from memory");
    remove(path);
    rmdir(dir);
}

static bool sample(struct fixture *f, const char *rel)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", PAJA_GLTF_SAMPLES, rel);
    if (access(path, R_OK) != 0) return false;
    if (!gltf_load_file(path, &f->a, &f->m, f->err, sizeof f->err)) fail_msg("%s: %s", rel, f->err);
    return true;
}

static void test_corpus_known_answers(void **state)
{
    struct fixture *f = *state;
    if (!sample(f, "SimpleSparseAccessor/glTF/SimpleSparseAccessor.gltf")) skip();
    float lo[3], hi[3];
    /* Sparse substitution lifts some vertices to y = 4 (dense data has 0..2). */
    gltf_scene_bounds(&f->m, lo, hi);
    assert_true(lo[0] == 0.0f && hi[0] == 6.0f && lo[1] == 0.0f && hi[1] == 4.0f);
    uint32_t pos = f->m.meshes[0].primitives[0].position;
    float maxy = 0.0f;
    for (uint32_t i = 0; i < f->m.accessors[pos].count; i++) {
        float v[3];
        gltf_accessor_read_float(&f->m, pos, i, v, 3);
        if (v[1] > maxy) maxy = v[1];
    }
    assert_true(maxy == 4.0f);

    /* Quantized positions come out like the float variant's: -1..1. */
    assert_true(sample(f, "AnimatedMorphCube/glTF-Quantized/AnimatedMorphCube.gltf"));
    pos = f->m.meshes[0].primitives[0].position;
    float qlo[3] = {1e9f, 1e9f, 1e9f}, qhi[3] = {-1e9f, -1e9f, -1e9f};
    /* The quantized mesh is scaled by its node; compare in world space. */
    gltf_scene_bounds(&f->m, qlo, qhi);
    for (int k = 0; k < 3; k++) {
        assert_true(fabsf(qlo[k] + 1.0f) < 0.02f);
        assert_true(fabsf(qhi[k] - 1.0f) < 0.02f);
    }
    assert_int_equal(f->m.animations_count, 1);
    assert_int_equal(f->m.meshes[0].primitives[0].target_count, 2);

    assert_true(sample(f, "BoxInterleaved/glTF/BoxInterleaved.gltf"));
    assert_int_equal(f->m.accessors[f->m.meshes[0].primitives[0].position].stride, 24);
    assert_true(sample(f, "Fox/glTF-Binary/Fox.glb"));
    assert_int_equal(f->m.skins[0].joint_count, 24);
    assert_true(sample(f, "Cameras/glTF/Cameras.gltf"));
    assert_int_equal(f->m.cameras_count, 2);
    assert_true(f->m.cameras[1].orthographic);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_triangle_loads, setup, teardown),
        cmocka_unit_test_setup_teardown(test_accessor_and_index_ranges, setup, teardown),
        cmocka_unit_test_setup_teardown(test_references_and_hierarchy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_asset_and_extensions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_json_syntax_position, setup, teardown),
        cmocka_unit_test_setup_teardown(test_data_uris, setup, teardown),
        cmocka_unit_test_setup_teardown(test_normalized_and_sparse, setup, teardown),
        cmocka_unit_test_setup_teardown(test_materials_and_extras, setup, teardown),
        cmocka_unit_test_setup_teardown(test_matrix_node_decomposes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_glb_container, setup, teardown),
        cmocka_unit_test_setup_teardown(test_external_uris, setup, teardown),
        cmocka_unit_test_setup_teardown(test_corpus_known_answers, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

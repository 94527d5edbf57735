/* fuzz_gltf.c — libFuzzer harness for the glTF reader (and what consumes a
 * loaded asset: bounds, accessor reads, conversion into the scene with
 * skinning and morphing, animation sampling). Any input must either load or
 * be refused with a message; ASan/UBSan report anything else.
 *
 * Built and run by tests/fuzz/run_fuzz_gltf.sh (clang -fsanitize=fuzzer). */
#include "arena.h"
#include "log.h"
#include "gltf.h"
#include "scene.h"
#include "scene_gltf.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* Warnings about skipped primitives would drown libFuzzer's output. */
    log_set_level(LOG_LEVEL_ERROR);
    struct arena a;
    arena_init(&a, "fuzz", 64 * 1024);
    struct gltf_asset m;
    char err[512];
    if (gltf_load_memory(data, size, NULL, &a, &m, err, sizeof err)) {
        float lo[3], hi[3];
        gltf_scene_bounds(&m, lo, hi);
        for (uint32_t i = 0; i < m.accessors_count; i++) {
            float v[16];
            uint32_t u;
            gltf_accessor_read_float(&m, i, 0, v, 16);
            gltf_accessor_read_float(&m, i, m.accessors[i].count - 1, v, 16);
            gltf_accessor_read_uint(&m, i, m.accessors[i].count - 1, &u);
        }
        struct scene s;
        scene_init(&s, &a);
        struct scene_gltf g;
        if (scene_gltf_add(&s, &m, SCENE_NO_PARENT, &g, err, sizeof err)) {
            for (uint32_t k = 0; k < m.animations_count && k < 4; k++) {
                scene_gltf_animate(&s, &g, k, m.animations[k].duration * 0.5f);
                scene_update_world(&s);
                scene_gltf_deform(&s, &g);
            }
            vec3 o = {0, 0, 10}, d = {0, 0, -1};
            float t;
            scene_ray_pick_mesh(&s, o, d, &t, NULL);
        }
    } else if (err[0] == '\0') {
        __builtin_trap(); /* refused without saying why */
    }
    arena_fini(&a);
    return 0;
}

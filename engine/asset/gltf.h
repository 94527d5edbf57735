/* gltf.h — paja's own glTF 2.0 reader (on cJSON), see reference/gltf.md.
 *
 * gltf_load reads a .gltf (external or data: buffers and images) or .glb,
 * checks it against the rules of the specification that matter for memory
 * safety and correctness (every reference resolved, every accessor inside its
 * buffer, every index below its vertex count, sparse indices increasing,
 * accessor data inside its declared min/max and finite, GLB container rules),
 * and converts the JSON into the plain C arrays below. After a successful
 * load no JSON is kept except node extras (as text) and nothing can read out
 * of bounds through the accessor functions.
 *
 * Everything (strings, arrays, buffer bytes, image bytes) lives in the arena
 * passed in and is valid until that arena is cleared. A failed load leaves
 * garbage in the arena but no other allocation behind.
 *
 *   struct arena a; arena_init(&a, "model", 1 << 20);
 *   struct gltf_asset m; char err[512];
 *   if (!gltf_load_file("Box.glb", &a, &m, err, sizeof err)) puts(err);
 *   float p[3]; gltf_accessor_read_float(&m, acc, 0, p, 3);
 *
 * Messages name where the problem is: a JSON pointer ("/accessors/1: needs
 * 28800 bytes but bufferView 1 has 576"), a byte offset for GLB container
 * problems, or line and column for JSON syntax errors. */
#ifndef PAJA_GLTF_H
#define PAJA_GLTF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;

#define GLTF_NONE UINT32_MAX

enum gltf_component {
    GLTF_BYTE = 5120, GLTF_UNSIGNED_BYTE = 5121, GLTF_SHORT = 5122,
    GLTF_UNSIGNED_SHORT = 5123, GLTF_UNSIGNED_INT = 5125, GLTF_FLOAT = 5126
};

enum gltf_mode {
    GLTF_POINTS = 0, GLTF_LINES, GLTF_LINE_LOOP, GLTF_LINE_STRIP,
    GLTF_TRIANGLES, GLTF_TRIANGLE_STRIP, GLTF_TRIANGLE_FAN
};

enum gltf_alpha_mode { GLTF_ALPHA_OPAQUE, GLTF_ALPHA_MASK, GLTF_ALPHA_BLEND };
enum gltf_path { GLTF_PATH_TRANSLATION, GLTF_PATH_ROTATION, GLTF_PATH_SCALE, GLTF_PATH_WEIGHTS };
enum gltf_interp { GLTF_INTERP_LINEAR, GLTF_INTERP_STEP, GLTF_INTERP_CUBICSPLINE };

struct gltf_buffer {
    const uint8_t *data; /* byte_length bytes */
    size_t byte_length;
    const char *uri;     /* as written in the file, or NULL (GLB BIN chunk) */
    bool zero_filled;    /* no uri and no BIN chunk: zeros stand in */
};

struct gltf_buffer_view {
    uint32_t buffer;
    size_t offset, length;
    uint32_t stride; /* 0 = tightly packed */
};

struct gltf_sparse {
    uint32_t count;
    uint32_t indices_view;
    size_t indices_offset;
    uint32_t indices_component; /* GLTF_UNSIGNED_BYTE/SHORT/INT */
    uint32_t values_view;
    size_t values_offset;
};

struct gltf_accessor {
    const char *name;
    uint32_t view;          /* GLTF_NONE: all zeros (then sparse) */
    size_t offset;
    uint32_t component;     /* enum gltf_component */
    uint32_t components;    /* 1 SCALAR .. 16 MAT4 */
    const char *type;       /* "SCALAR", "VEC3", … */
    bool normalized;
    uint32_t count;
    uint32_t elem_size;     /* bytes of one element, matrix column padding included */
    uint32_t stride;        /* bytes between elements */
    bool has_min, has_max;  /* each may be given alone */
    bool has_min_max;       /* both */
    double min[16], max[16];
    bool is_sparse;
    struct gltf_sparse sparse;
};

/* Encoded image bytes (PNG or JPEG); decode with gltf_image_decode. */
struct gltf_image {
    const char *name;
    const char *uri;        /* as written, or NULL */
    const char *mime_type;  /* may be NULL for files */
    const uint8_t *data;
    size_t size;
};

struct gltf_sampler { uint32_t mag_filter, min_filter, wrap_s, wrap_t; };
struct gltf_texture { const char *name; uint32_t sampler, image; };

/* A material's reference to a texture, with KHR_texture_transform. */
struct gltf_texture_ref {
    uint32_t texture;      /* GLTF_NONE when absent */
    uint32_t texcoord;     /* TEXCOORD_n, after the transform's override */
    float scale;           /* normalTexture.scale / occlusionTexture.strength */
    bool has_transform;
    float offset[2], rotation, uv_scale[2];
};

struct gltf_material {
    const char *name;
    float base_color[4];
    struct gltf_texture_ref base_color_tex;
    float metallic, roughness;
    struct gltf_texture_ref metal_rough_tex;
    struct gltf_texture_ref normal_tex, occlusion_tex, emissive_tex;
    float emissive[3];
    float emissive_strength; /* KHR_materials_emissive_strength, 1 if absent */
    enum gltf_alpha_mode alpha_mode;
    float alpha_cutoff;
    bool double_sided;
    bool unlit;              /* KHR_materials_unlit */
};

struct gltf_attribute { const char *name; uint32_t accessor; };

struct gltf_morph_target { uint32_t position, normal, tangent; };

struct gltf_primitive {
    enum gltf_mode mode;
    uint32_t indices;   /* accessor or GLTF_NONE */
    uint32_t material;  /* or GLTF_NONE: the default material */
    struct gltf_attribute *attributes;
    uint32_t attribute_count;
    /* Shortcuts into attributes (accessor indices or GLTF_NONE). */
    uint32_t position, normal, tangent, texcoord[2], color, joints, weights;
    uint32_t vertex_count; /* count of the attribute accessors */
    struct gltf_morph_target *targets;
    uint32_t target_count;
};

struct gltf_mesh {
    const char *name;
    struct gltf_primitive *primitives;
    uint32_t primitive_count;
    float *weights;
    uint32_t weight_count;
};

struct gltf_camera {
    const char *name;
    bool orthographic;
    float yfov, aspect, znear, zfar; /* perspective; aspect 0, zfar 0 = unset */
    float xmag, ymag;                /* orthographic (znear, zfar shared) */
};

struct gltf_skin {
    const char *name;
    uint32_t *joints;
    uint32_t joint_count;
    uint32_t inverse_bind_matrices; /* accessor or GLTF_NONE */
    uint32_t skeleton;              /* node or GLTF_NONE */
};

struct gltf_node {
    const char *name;       /* NULL when unnamed */
    uint32_t parent;        /* GLTF_NONE for a root */
    uint32_t *children;
    uint32_t child_count;
    uint32_t mesh, camera, skin;
    bool has_matrix;
    float matrix[16];       /* column-major, when has_matrix */
    float translation[3], rotation[4], scale[3]; /* decomposed when has_matrix */
    float *weights;
    uint32_t weight_count;
    const char *extras_json; /* node extras as compact JSON text, or NULL */
};

struct gltf_scene { const char *name; uint32_t *nodes; uint32_t node_count; };

struct gltf_anim_sampler { uint32_t input, output; enum gltf_interp interp; };
struct gltf_anim_channel { uint32_t sampler, node; enum gltf_path path; };
struct gltf_animation {
    const char *name;
    struct gltf_anim_sampler *samplers;
    uint32_t sampler_count;
    struct gltf_anim_channel *channels;
    uint32_t channel_count;
    float duration; /* the largest input time */
};

struct gltf_asset {
    const char *path;
    bool is_glb;
    const char *generator, *version, *min_version, *copyright;
    const char **extensions_used, **extensions_required;
    uint32_t extensions_used_count, extensions_required_count;

#define GLTF_ARRAY(T, name) T *name; uint32_t name##_count;
    GLTF_ARRAY(struct gltf_buffer, buffers)
    GLTF_ARRAY(struct gltf_buffer_view, buffer_views)
    GLTF_ARRAY(struct gltf_accessor, accessors)
    GLTF_ARRAY(struct gltf_image, images)
    GLTF_ARRAY(struct gltf_sampler, samplers)
    GLTF_ARRAY(struct gltf_texture, textures)
    GLTF_ARRAY(struct gltf_material, materials)
    GLTF_ARRAY(struct gltf_mesh, meshes)
    GLTF_ARRAY(struct gltf_camera, cameras)
    GLTF_ARRAY(struct gltf_skin, skins)
    GLTF_ARRAY(struct gltf_node, nodes)
    GLTF_ARRAY(struct gltf_scene, scenes)
    GLTF_ARRAY(struct gltf_animation, animations)
#undef GLTF_ARRAY
    uint32_t scene; /* the default scene, or GLTF_NONE */

    /* Non-fatal findings (ignored optional extensions, extra GLB data …),
     * newline-separated, or NULL. */
    const char *warnings;
};

/* Loads a .gltf or .glb file; the kind is told by the content (GLB magic),
 * not the name. Relative URIs resolve against the file's folder and may not
 * leave it. On failure returns false with one message in err. */
bool gltf_load_file(const char *path, struct arena *a, struct gltf_asset *out, char *err, size_t err_size);
/* Same from memory; base_dir resolves external URIs (NULL: refuse them).
 * data must stay valid as long as the asset (GLB buffers point into it). */
bool gltf_load_memory(const void *data, size_t size, const char *base_dir, struct arena *a,
                      struct gltf_asset *out, char *err, size_t err_size);

/* The material every primitive without one uses (glTF §3.9.6). */
void gltf_material_default(struct gltf_material *out);

/* Reads element i of an accessor as floats (normalized integers mapped to
 * 0..1 or -1..1, sparse values applied); writes min(n, components) values.
 * False if acc or i is out of range. */
bool gltf_accessor_read_float(const struct gltf_asset *m, uint32_t acc, uint32_t i, float *out, uint32_t n);
/* Element i of a scalar integer accessor (indices, sparse-aware). */
bool gltf_accessor_read_uint(const struct gltf_asset *m, uint32_t acc, uint32_t i, uint32_t *out);
/* All count*components values into out (floats, as above). */
void gltf_accessor_unpack_floats(const struct gltf_asset *m, uint32_t acc, float *out);

/* Node transform as a column-major matrix (matrix, or T*R*S). */
void gltf_node_local_matrix(const struct gltf_node *n, float out[16]);
/* Splits a column-major affine matrix into translation, rotation quaternion
 * [x y z w] and scale. */
void gltf_matrix_decompose(const float m[16], float out_t[3], float out_r[4], float out_s[3]);
/* World matrices of every node (node_count * 16 floats, column-major). */
void gltf_world_matrices(const struct gltf_asset *m, float *out);
/* World-space bounds of every mesh instance in the default scene (or all
 * roots when there is no scene), from accessor min/max. False if empty. */
bool gltf_scene_bounds(const struct gltf_asset *m, float out_min[3], float out_max[3]);

/* Decodes an image (stb_image). False with a message for bytes it cannot
 * decode. The result is heap memory: image_free it. */
struct image;
bool gltf_image_decode(const struct gltf_asset *m, uint32_t image, struct image *out, char *err, size_t err_size);

/* Extensions this reader understands (others in extensionsRequired refuse
 * the file). */
bool gltf_extension_supported(const char *name);

#endif

/* app_cmd_model.c — `paja info MODEL` and `paja view MODEL`: what authors use
 * to check an exported glTF before it goes into a scenario.
 * info prints the structure (or the one error that makes the file invalid);
 * view renders it with an orbit camera (app_view.c). */
#define LOG_TAG "app"
#include "app.h"

#include "arena.h"
#include "gltf.h"
#include "image.h"
#include "log.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *MODE_NAMES[] = {"points", "lines", "line loop", "line strip", "triangles", "triangle strip",
                                   "triangle fan"};
static const char *ALPHA_NAMES[] = {"OPAQUE", "MASK", "BLEND"};
static const char *PATH_NAMES[] = {"translation", "rotation", "scale", "weights"};
static const char *INTERP_NAMES[] = {"LINEAR", "STEP", "CUBICSPLINE"};

/* Any string from the file, made fit to print: a hostile or broken model
 * may hold a 50 MB generator or name, or control characters that would
 * drive the terminal. At most SHOWN_MAX bytes (cut at a UTF-8 character
 * boundary, the rest counted), control characters as '?'. A small ring of
 * buffers, so one fprintf can show several. */
#define SHOWN_MAX 200
static const char *shown(const char *s)
{
    static char ring[8][SHOWN_MAX + 48];
    static unsigned next;
    if (!s) return "";
    char *out = ring[next++ % 8];
    size_t len = strlen(s), n = 0;
    size_t cut = len;
    if (len > SHOWN_MAX) {
        cut = SHOWN_MAX;
        while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80) cut--; /* not inside a character */
    }
    for (size_t i = 0; i < cut; i++) {
        unsigned char c = (unsigned char)s[i];
        out[n++] = c < 0x20 || c == 0x7f ? '?' : (char)c;
    }
    if (cut < len) n += (size_t)snprintf(out + n, sizeof ring[0] - n, "… (%zu more bytes)", len - cut);
    out[n] = '\0';
    return out;
}
#define or_empty shown

/* Iterative depth-first print of the node forest (a hostile file may nest
 * deeply; the loader guarantees there are no cycles). */
static void print_tree(FILE *f, const struct gltf_asset *m)
{
    uint32_t n = m->nodes_count;
    uint32_t *stack = malloc(sizeof(uint32_t) * (n ? n : 1));
    uint32_t *depth = malloc(sizeof(uint32_t) * (n ? n : 1));
    if (!stack || !depth) {
        free(stack);
        free(depth);
        return;
    }
    uint32_t sp = 0;
    for (uint32_t i = n; i-- > 0;)
        if (m->nodes[i].parent == GLTF_NONE) {
            stack[sp] = i;
            depth[sp++] = 0;
        }
    while (sp > 0) {
        sp--;
        uint32_t i = stack[sp], d = depth[sp];
        const struct gltf_node *node = &m->nodes[i];
        fprintf(f, "  %*s%u \"%s\"", (int)(d > 40 ? 40 : d) * 2, "", i, or_empty(node->name));
        if (node->mesh != GLTF_NONE) fprintf(f, " mesh %u", node->mesh);
        if (node->camera != GLTF_NONE) fprintf(f, " camera %u", node->camera);
        if (node->skin != GLTF_NONE) fprintf(f, " skin %u", node->skin);
        if (node->has_matrix) fprintf(f, " (matrix)");
        if (node->extras_json) fprintf(f, " extras %s", shown(node->extras_json));
        fputc('\n', f);
        for (uint32_t k = node->child_count; k-- > 0 && sp < n;) {
            stack[sp] = node->children[k];
            depth[sp++] = d + 1;
        }
    }
    free(stack);
    free(depth);
}

static void print_texref(FILE *f, const char *what, const struct gltf_texture_ref *t)
{
    if (t->texture == GLTF_NONE) return;
    fprintf(f, " %s=tex%u/uv%u", what, t->texture, t->texcoord);
    if (t->has_transform)
        fprintf(f, "[offset %g,%g rot %g scale %g,%g]", t->offset[0], t->offset[1], t->rotation, t->uv_scale[0],
                t->uv_scale[1]);
}

static void print_info(FILE *f, const struct gltf_asset *m)
{
    fprintf(f, "model: %s (%s)\n", or_empty(m->path), m->is_glb ? "GLB" : "glTF JSON");
    fprintf(f, "asset: version %s%s%s\n", m->version, m->generator ? ", generator " : "", or_empty(m->generator));
    fprintf(f, "extensions used: %u", m->extensions_used_count);
    for (uint32_t i = 0; i < m->extensions_used_count; i++)
        fprintf(f, "%s%s", i ? ", " : " (", shown(m->extensions_used[i]));
    fprintf(f, "%s\n", m->extensions_used_count ? ")" : "");
    fprintf(f, "extensions required: %u", m->extensions_required_count);
    for (uint32_t i = 0; i < m->extensions_required_count; i++)
        fprintf(f, "%s%s", i ? ", " : " (", shown(m->extensions_required[i]));
    fprintf(f, "%s\n", m->extensions_required_count ? ")" : "");
    fprintf(f, "scenes: %u", m->scenes_count);
    if (m->scene != GLTF_NONE) fprintf(f, " (default %u \"%s\")", m->scene, or_empty(m->scenes[m->scene].name));
    fprintf(f, "\nnodes: %u\n", m->nodes_count);
    print_tree(f, m);

    fprintf(f, "meshes: %u\n", m->meshes_count);
    for (uint32_t i = 0; i < m->meshes_count; i++) {
        const struct gltf_mesh *me = &m->meshes[i];
        fprintf(f, "  %u \"%s\": %u primitive%s\n", i, or_empty(me->name), me->primitive_count,
                me->primitive_count == 1 ? "" : "s");
        for (uint32_t p = 0; p < me->primitive_count; p++) {
            const struct gltf_primitive *pr = &me->primitives[p];
            fprintf(f, "    %u: %s, %u vertices", p, MODE_NAMES[pr->mode], pr->vertex_count);
            if (pr->indices != GLTF_NONE) fprintf(f, ", %u indices", m->accessors[pr->indices].count);
            if (pr->material != GLTF_NONE) fprintf(f, ", material %u", pr->material);
            else fprintf(f, ", default material");
            if (pr->target_count) fprintf(f, ", %u morph targets", pr->target_count);
            fprintf(f, ", attributes");
            for (uint32_t a = 0; a < pr->attribute_count; a++) fprintf(f, " %s", pr->attributes[a].name);
            fputc('\n', f);
        }
    }
    fprintf(f, "materials: %u\n", m->materials_count);
    for (uint32_t i = 0; i < m->materials_count; i++) {
        const struct gltf_material *mt = &m->materials[i];
        fprintf(f, "  %u \"%s\": base (%.3g %.3g %.3g %.3g) metallic %.3g roughness %.3g %s%s", i, or_empty(mt->name),
                mt->base_color[0], mt->base_color[1], mt->base_color[2], mt->base_color[3], mt->metallic,
                mt->roughness, ALPHA_NAMES[mt->alpha_mode], mt->double_sided ? " double-sided" : "");
        if (mt->emissive[0] + mt->emissive[1] + mt->emissive[2] > 0)
            fprintf(f, " emissive (%.3g %.3g %.3g)x%.3g", mt->emissive[0], mt->emissive[1], mt->emissive[2],
                    mt->emissive_strength);
        print_texref(f, "base", &mt->base_color_tex);
        print_texref(f, "mr", &mt->metal_rough_tex);
        print_texref(f, "normal", &mt->normal_tex);
        print_texref(f, "occlusion", &mt->occlusion_tex);
        print_texref(f, "emissive", &mt->emissive_tex);
        fputc('\n', f);
    }
    fprintf(f, "textures: %u\n", m->textures_count);
    for (uint32_t i = 0; i < m->textures_count; i++) {
        const struct gltf_texture *t = &m->textures[i];
        fprintf(f, "  %u \"%s\": image ", i, or_empty(t->name));
        if (t->image == GLTF_NONE) fprintf(f, "none");
        else fprintf(f, "%u", t->image);
        fputc('\n', f);
    }
    fprintf(f, "images: %u\n", m->images_count);
    for (uint32_t i = 0; i < m->images_count; i++) {
        const struct gltf_image *im = &m->images[i];
        struct image img;
        char why[256];
        fprintf(f, "  %u \"%s\": %s, %zu bytes", i, or_empty(im->name ? im->name : im->uri && strncmp(im->uri, "data:", 5) ? im->uri : ""),
                im->mime_type ? shown(im->mime_type) : "?", im->size);
        if (gltf_image_decode(m, i, &img, why, sizeof why)) {
            fprintf(f, ", %dx%d\n", img.width, img.height);
            image_free(&img);
        } else {
            fprintf(f, ", cannot decode: %s\n", why);
        }
    }
    fprintf(f, "cameras: %u\n", m->cameras_count);
    for (uint32_t i = 0; i < m->cameras_count; i++) {
        const struct gltf_camera *c = &m->cameras[i];
        if (c->orthographic)
            fprintf(f, "  %u \"%s\": orthographic xmag %g ymag %g\n", i, or_empty(c->name), c->xmag, c->ymag);
        else
            fprintf(f, "  %u \"%s\": perspective yfov %g znear %g\n", i, or_empty(c->name), c->yfov, c->znear);
    }
    fprintf(f, "skins: %u\n", m->skins_count);
    for (uint32_t i = 0; i < m->skins_count; i++)
        fprintf(f, "  %u \"%s\": %u joints\n", i, or_empty(m->skins[i].name), m->skins[i].joint_count);
    fprintf(f, "animations: %u\n", m->animations_count);
    for (uint32_t i = 0; i < m->animations_count; i++) {
        const struct gltf_animation *an = &m->animations[i];
        fprintf(f, "  %u \"%s\": %u channels, %.3g s", i, or_empty(an->name), an->channel_count, an->duration);
        for (uint32_t k = 0; k < an->channel_count && k < 6; k++) {
            const struct gltf_anim_channel *ch = &an->channels[k];
            fprintf(f, "%s node %d %s %s", k ? "," : ";", ch->node == GLTF_NONE ? -1 : (int)ch->node,
                    PATH_NAMES[ch->path], INTERP_NAMES[an->samplers[ch->sampler].interp]);
        }
        fprintf(f, "%s\n", an->channel_count > 6 ? ", …" : "");
    }
    float lo[3], hi[3];
    if (gltf_scene_bounds(m, lo, hi))
        fprintf(f, "bounds: (%.4g %.4g %.4g) .. (%.4g %.4g %.4g)\n", lo[0], lo[1], lo[2], hi[0], hi[1], hi[2]);
    else
        fprintf(f, "bounds: empty\n");
    if (m->warnings) fprintf(f, "warnings:\n  %s\n", m->warnings);
}

int app_cmd_info(int argc, char **argv)
{
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "paja info: unknown option '%s'\nTry 'paja help info' for the options.\n", argv[i]);
            return APP_EXIT_USAGE;
        }
        if (path) {
            fprintf(stderr, "paja info: one model at a time ('%s' and '%s')\n", path, argv[i]);
            return APP_EXIT_USAGE;
        }
        path = argv[i];
    }
    if (!path) {
        fprintf(stderr, "usage: paja info MODEL.gltf|MODEL.glb\n");
        return APP_EXIT_USAGE;
    }
    struct stat st;
    if (stat(path, &st) != 0 || S_ISDIR(st.st_mode)) {
        fprintf(stderr, "paja info: cannot read '%s': %s\n", path, S_ISDIR(st.st_mode) ? "it is a directory" : strerror(errno));
        return APP_EXIT_USAGE;
    }
    /* A file that exists but cannot be read (no permission, an I/O error)
     * is unreadable input, exit 2, not an invalid model. */
    FILE *probe = fopen(path, "rb");
    if (probe) {
        (void)fgetc(probe);
        if (ferror(probe)) {
            int e = errno;
            fclose(probe);
            fprintf(stderr, "paja info: cannot read '%s': %s\n", path, strerror(e));
            return APP_EXIT_USAGE;
        }
        fclose(probe);
    } else {
        fprintf(stderr, "paja info: cannot read '%s': %s\n", path, strerror(errno));
        return APP_EXIT_USAGE;
    }
    struct arena a;
    arena_init(&a, "model", 1 << 20);
    struct gltf_asset m;
    char err[1024];
    int rc = APP_EXIT_OK;
    if (gltf_load_file(path, &a, &m, err, sizeof err)) {
        print_info(stdout, &m);
    } else {
        fprintf(stderr, "%s: invalid glTF: %s\n", path, err);
        rc = APP_EXIT_FINDING;
    }
    arena_fini(&a);
    return rc;
}

const char APP_INFO_HELP[] =
    "usage: paja info MODEL.gltf|MODEL.glb\n"
    "\n"
    "Reads a glTF 2.0 model and prints its structure: the node tree (with\n"
    "extras), meshes and primitives, materials, textures and images, cameras,\n"
    "skins, animations, extensions and the bounds of the default scene. An\n"
    "invalid file prints one message saying what is wrong and where (a JSON\n"
    "path such as /accessors/1, a GLB byte offset, or a line and column).\n"
    "\n"
    "exit status: 0 valid, 1 invalid, 2 unreadable file or bad usage.\n"
    "\n"
    "example:\n"
    "  paja info assets/ev-workshop.glb\n";

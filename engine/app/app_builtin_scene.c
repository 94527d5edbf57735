/* app_builtin_scene.c — a small workshop built from primitives: floor,
 * walls, a workbench with a 12 V battery, meter and toolbox, an EV battery
 * pack on a lift table with an orange HV cable, cones and an insulating
 * mat. Real-world scale in metres, +Y up. It shows that rendering, input and
 * picking work before any scenario or glTF asset is loaded. */
#include "app.h"

#include "arena.h"
#include "pose.h"
#include "scene.h"

#include <string.h>

struct label { const char *node; const char *text[APP_LANG_COUNT]; };

/* Display names for the objects a user can point at. */
static const struct label LABELS[] = {
    {"bench", {"Työpöytä", "Workbench", "Arbetsbänk"}},
    {"battery_12v", {"12 V akku", "12 V battery", "12 V batteri"}},
    {"meter", {"Yleismittari (CAT III)", "Multimeter (CAT III)", "Multimeter (CAT III)"}},
    {"toolbox", {"Työkalulaatikko", "Toolbox", "Verktygslåda"}},
    {"hv_battery", {"Suurjänniteakusto", "High-voltage battery pack", "Högvoltsbatteri"}},
    {"hv_cable", {"Suurjännitekaapeli (oranssi)", "High-voltage cable (orange)", "Högvoltskabel (orange)"}},
    {"service_plug", {"Huoltokatkaisin", "Service disconnect", "Servicebrytare"}},
    {"lift_table", {"Nostopöytä", "Lift table", "Lyftbord"}},
    {"cone_1", {"Varoituskartio", "Safety cone", "Varningskon"}},
    {"cone_2", {"Varoituskartio", "Safety cone", "Varningskon"}},
    {"mat", {"Eristysmatto", "Insulating mat", "Isoleringsmatta"}},
    {"gloves", {"Eristyskäsineet", "Insulating gloves", "Isolerande handskar"}},
    {"floor", {"Lattia", "Floor", "Golv"}},
    {"wall_back", {"Seinä", "Wall", "Vägg"}},
    {"wall_left", {"Seinä", "Wall", "Vägg"}},
};

const char *app_builtin_scene_label(const char *node_name, enum app_lang lang)
{
    if (!node_name || (unsigned)lang >= APP_LANG_COUNT) return NULL;
    for (size_t i = 0; i < sizeof LABELS / sizeof LABELS[0]; i++)
        if (strcmp(LABELS[i].node, node_name) == 0) return LABELS[i].text[lang];
    return NULL;
}

/* Linear-space colours of the workshop. */
#define C_CONCRETE 0.22f, 0.22f, 0.21f, 1.0f
#define C_WALL 0.45f, 0.47f, 0.46f, 1.0f
#define C_WOOD 0.45f, 0.28f, 0.14f, 1.0f
#define C_STEEL 0.30f, 0.32f, 0.35f, 1.0f
#define C_BATTERY 0.05f, 0.05f, 0.06f, 1.0f
#define C_RED 0.60f, 0.03f, 0.02f, 1.0f
#define C_YELLOW 0.85f, 0.62f, 0.02f, 1.0f
#define C_ORANGE 0.95f, 0.25f, 0.01f, 1.0f
#define C_PACK 0.08f, 0.12f, 0.20f, 1.0f
#define C_BLACK 0.02f, 0.02f, 0.02f, 1.0f
#define C_BLUE 0.02f, 0.04f, 0.14f, 1.0f

static uint32_t add(struct scene *s, uint32_t parent, const char *name, uint32_t mesh, float x, float y, float z,
                    const float color[4])
{
    uint32_t n = scene_node_add(s, parent, name);
    struct scene_node *node = &s->nodes[n];
    node->mesh = mesh;
    node->translation[0] = x;
    node->translation[1] = y;
    node->translation[2] = z;
    memcpy(node->color, color, sizeof node->color);
    return n;
}

static uint32_t box(struct scene *s, struct arena *a, float sx, float sy, float sz)
{
    struct mesh_data m = scene_mesh_box(a, sx, sy, sz);
    return scene_mesh_add(s, &m);
}

void app_builtin_scene_build(struct scene *s, struct arena *a)
{
    const float concrete[4] = {C_CONCRETE}, wall[4] = {C_WALL}, wood[4] = {C_WOOD}, steel[4] = {C_STEEL},
                battery[4] = {C_BATTERY}, red[4] = {C_RED}, yellow[4] = {C_YELLOW}, orange[4] = {C_ORANGE},
                pack[4] = {C_PACK}, black[4] = {C_BLACK}, blue[4] = {C_BLUE};

    add(s, SCENE_NO_PARENT, "floor", box(s, a, 10.0f, 0.1f, 10.0f), 0.0f, -0.05f, 0.0f, concrete);
    add(s, SCENE_NO_PARENT, "wall_back", box(s, a, 10.0f, 3.0f, 0.1f), 0.0f, 1.5f, -2.0f, wall);
    add(s, SCENE_NO_PARENT, "wall_left", box(s, a, 0.1f, 3.0f, 10.0f), -3.5f, 1.5f, 0.0f, wall);

    /* Workbench against the back wall; children sit on its top. */
    uint32_t bench = add(s, SCENE_NO_PARENT, "bench", box(s, a, 1.8f, 0.05f, 0.7f), -1.2f, 0.9f, -1.5f, wood);
    uint32_t leg = box(s, a, 0.06f, 0.875f, 0.06f);
    const float lx[2] = {-0.85f, 0.85f}, lz[2] = {-0.3f, 0.3f};
    for (int i = 0; i < 4; i++) add(s, bench, "", leg, lx[i % 2], -0.4625f, lz[i / 2], steel);
    uint32_t bat = add(s, bench, "battery_12v", box(s, a, 0.28f, 0.19f, 0.175f), -0.5f, 0.12f, 0.0f, battery);
    struct mesh_data term_m = scene_mesh_cylinder(a, 0.012f, 0.025f, 16);
    uint32_t term = scene_mesh_add(s, &term_m);
    add(s, bat, "battery_12v.plus", term, 0.09f, 0.105f, 0.0f, red);
    add(s, bat, "battery_12v.minus", term, -0.09f, 0.105f, 0.0f, black);
    add(s, bench, "meter", box(s, a, 0.09f, 0.04f, 0.18f), 0.05f, 0.045f, 0.1f, yellow);
    add(s, bench, "toolbox", box(s, a, 0.5f, 0.2f, 0.25f), 0.55f, 0.125f, -0.1f, red);
    add(s, bench, "gloves", box(s, a, 0.12f, 0.03f, 0.25f), 0.2f, 0.04f, 0.15f, yellow);

    /* EV battery pack on a lift table in the middle of the bay. */
    uint32_t lift = add(s, SCENE_NO_PARENT, "lift_table", box(s, a, 1.4f, 0.6f, 0.9f), 1.0f, 0.3f, -0.6f, steel);
    uint32_t packn = add(s, lift, "hv_battery", box(s, a, 1.6f, 0.15f, 1.0f), 0.0f, 0.375f, 0.0f, pack);
    add(s, packn, "service_plug", box(s, a, 0.12f, 0.06f, 0.08f), -0.5f, 0.105f, 0.3f, orange);
    struct mesh_data cable_m = scene_mesh_cylinder(a, 0.02f, 0.9f, 16);
    uint32_t cable = add(s, packn, "hv_cable", scene_mesh_add(s, &cable_m), 0.3f, 0.1f, 0.35f, orange);
    glm_quatv(s->nodes[cable].rotation, glm_rad(90.0f), (vec3){0.0f, 0.0f, 1.0f});

    /* Insulating mat in front of the pack and cones marking the area. */
    add(s, SCENE_NO_PARENT, "mat", box(s, a, 1.2f, 0.01f, 0.8f), 1.0f, 0.005f, 0.4f, blue);
    struct mesh_data cone_m = scene_mesh_cone(a, 0.15f, 0.5f, 24);
    uint32_t cone = scene_mesh_add(s, &cone_m);
    add(s, SCENE_NO_PARENT, "cone_1", cone, 2.1f, 0.25f, 0.6f, orange);
    add(s, SCENE_NO_PARENT, "cone_2", cone, -0.1f, 0.25f, 0.6f, orange);

    scene_update_world(s);
}

void app_builtin_scene_start_pose(struct pose *out)
{
    /* Standing eye height, a step back from the bay, looking slightly down
     * at the bench and the battery pack. */
    out->position[0] = 0.0f;
    out->position[1] = 1.65f;
    out->position[2] = 2.6f;
    pose_from_yaw_pitch(glm_rad(0.0f), glm_rad(-18.0f), out->orientation);
}

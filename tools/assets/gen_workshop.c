/* gen_workshop.c — what the workshop generators share: the material
 * palette, the room and the car body (wheels, open bonnet, open cabin with
 * the start button). The bay's contents differ per scenario. */
#include "gen_ev.h"

#include <stdio.h>

static uint32_t mat(struct glb *g, const char *name, float r, float gr, float b, float metal, float rough)
{
    return glb_material(g, name, (const float[4]){r, gr, b, 1.0f}, metal, rough, NULL);
}

void gen_palette(struct glb *g, struct palette *p)
{
    /* Base colours are linear (glTF), so saturated paints look darker here
     * than their sRGB hex values. */
    p->concrete = mat(g, "Concrete", 0.13f, 0.13f, 0.125f, 0.0f, 0.9f);
    p->floor_line = mat(g, "Floor_Marking_Yellow", 0.80f, 0.55f, 0.02f, 0.0f, 0.7f);
    p->wall = mat(g, "Wall_Paint", 0.32f, 0.36f, 0.38f, 0.0f, 0.85f);
    p->car_paint = mat(g, "Car_Paint_Blue", 0.05f, 0.22f, 0.50f, 0.4f, 0.35f);
    p->car_dark = mat(g, "Car_Trim_Black", 0.03f, 0.03f, 0.035f, 0.0f, 0.6f);
    p->tyre = mat(g, "Tyre_Rubber", 0.02f, 0.02f, 0.02f, 0.0f, 0.95f);
    p->rim = mat(g, "Rim_Alloy", 0.60f, 0.60f, 0.62f, 1.0f, 0.35f);
    p->plastic = mat(g, "Bay_Plastic", 0.06f, 0.06f, 0.065f, 0.0f, 0.7f);
    p->hv_orange = mat(g, "HV_Orange", 0.90f, 0.14f, 0.005f, 0.0f, 0.5f);
    p->hv_pack = mat(g, "HV_Pack_Housing", 0.10f, 0.13f, 0.18f, 0.6f, 0.5f);
    p->alu = mat(g, "Aluminium", 0.70f, 0.71f, 0.72f, 1.0f, 0.45f);
    p->lv_case = mat(g, "LV_Battery_Case", 0.04f, 0.04f, 0.045f, 0.0f, 0.55f);
    p->lead = mat(g, "Lead_Terminal", 0.45f, 0.46f, 0.48f, 1.0f, 0.5f);
    p->red = mat(g, "Red", 0.70f, 0.03f, 0.02f, 0.0f, 0.5f);
    p->black = mat(g, "Black", 0.02f, 0.02f, 0.02f, 0.0f, 0.6f);
    p->yellow = mat(g, "Safety_Yellow", 0.90f, 0.65f, 0.02f, 0.0f, 0.55f);
    p->white = mat(g, "White", 0.85f, 0.85f, 0.83f, 0.0f, 0.6f);
    p->green = mat(g, "Earth_Green", 0.05f, 0.45f, 0.08f, 0.0f, 0.5f);
    p->wood = mat(g, "Bench_Top_Wood", 0.20f, 0.11f, 0.045f, 0.0f, 0.75f);
    p->steel = mat(g, "Painted_Steel", 0.20f, 0.22f, 0.25f, 0.7f, 0.5f);
    p->glove_red = mat(g, "Glove_Rubber_Class0_Red", 0.60f, 0.04f, 0.03f, 0.0f, 0.8f);
    p->leather = mat(g, "Leather_Tan", 0.45f, 0.27f, 0.12f, 0.0f, 0.85f);
    p->visor = mat(g, "Visor_Tint", 0.30f, 0.50f, 0.75f, 0.0f, 0.1f);
    p->display = glb_material(g, "Display_LCD", (const float[4]){0.10f, 0.16f, 0.10f, 1.0f}, 0.0f, 0.3f,
                              (const float[3]){0.12f, 0.22f, 0.12f});
    p->rubber_mat = mat(g, "Insulating_Mat_Rubber", 0.05f, 0.05f, 0.055f, 0.0f, 0.95f);
    p->cabinet_red = mat(g, "Cabinet_Red", 0.55f, 0.05f, 0.03f, 0.5f, 0.45f);
    p->paper = mat(g, "Paper", 0.90f, 0.90f, 0.86f, 0.0f, 0.9f);
    p->seat = mat(g, "Seat_Fabric", 0.08f, 0.08f, 0.09f, 0.0f, 0.9f);
}

void gen_room(struct shapes *s, const struct palette *p, bool ev)
{
    uint32_t room = sh_group(s, GLB_ROOT, "Workshop", 0, 0, 0, NULL);
    sh_box(s, room, "Floor", p->concrete, 7.6f, 0.1f, 6.6f, 0.6f, -0.05f, -0.7f, NULL);
    sh_box(s, room, "Wall_Back", p->wall, 7.6f, 2.8f, 0.12f, 0.6f, 1.4f, -4.06f, NULL);
    sh_box(s, room, "Wall_Left", p->wall, 0.12f, 2.8f, 6.6f, -3.26f, 1.4f, -0.7f, NULL);
    /* Yellow lines mark the service bay around the car. */
    sh_box(s, room, "Bay_Line_Left", p->floor_line, 0.08f, 0.004f, 5.6f, -1.5f, 0.002f, -1.0f, NULL);
    sh_box(s, room, "Bay_Line_Right", p->floor_line, 0.08f, 0.004f, 5.6f, 1.5f, 0.002f, -1.0f, NULL);
    if (ev) {
        /* The trainee stands on the insulating mat in front of the bay. */
        sh_box(s, room, "Insulating_Mat", p->rubber_mat, 1.4f, 0.012f, 0.9f, 0.0f, 0.006f, 1.65f, NULL);
        /* Where the barrier goes: a socket with a floor marking to aim at. */
        uint32_t spot = sh_group(s, room, "Barrier_Spot", -1.0f, 0.0f, 2.45f, NULL);
        sh_box(s, spot, "Barrier_Spot_Marking", p->floor_line, 0.9f, 0.004f, 0.08f, 0.0f, 0.003f, 0.0f, NULL);
    }
    /* High-voltage warning sign on the back wall (decoration). */
    uint32_t sign = sh_group(s, room, "Wall_Sign_HV", -0.6f, 1.75f, -3.99f, NULL);
    sh_box(s, sign, "Wall_Sign_HV_Plate", p->yellow, 0.5f, 0.5f, 0.01f, 0, 0, 0, NULL);
    quat q;
    q_axis(q, 0, 0, 1, 45.0f);
    sh_box(s, sign, "Wall_Sign_HV_Border", p->black, 0.3f, 0.3f, 0.004f, 0.0f, 0.0f, 0.006f, q);
    sh_box(s, sign, "Wall_Sign_HV_Field", p->yellow, 0.26f, 0.26f, 0.004f, 0.0f, 0.0f, 0.008f, q);
    q_axis(q, 0, 0, 1, 20.0f);
    sh_box(s, sign, "Wall_Sign_HV_Bolt", p->black, 0.03f, 0.16f, 0.004f, 0.0f, 0.0f, 0.011f, q);
}

static void wheel(struct shapes *s, uint32_t car, const struct palette *p, const char *name, float x, float z)
{
    quat q;
    q_axis(q, 0, 0, 1, 90.0f); /* axle along X */
    char buf[64];
    uint32_t w = sh_cyl(s, car, name, p->tyre, 0.32f, 0.22f, 20, x, 0.32f, z, q);
    snprintf(buf, sizeof buf, "%s_Rim", name);
    sh_cyl(s, w, buf, p->rim, 0.2f, 0.23f, 12, 0, 0, 0, NULL);
}

uint32_t gen_vehicle_body(struct shapes *s, const struct palette *p)
{
    uint32_t car = sh_group(s, GLB_ROOT, "Vehicle", 0, 0, 0, NULL);
    wheel(s, car, p, "Wheel_Front_Left", 0.82f, 0.2f);
    wheel(s, car, p, "Wheel_Front_Right", -0.82f, 0.2f);
    wheel(s, car, p, "Wheel_Rear_Left", 0.82f, -2.45f);
    wheel(s, car, p, "Wheel_Rear_Right", -0.82f, -2.45f);
    /* Rear body and sills; the front is built around an open bay. */
    sh_box(s, car, "Body_Rear", p->car_paint, 1.8f, 0.5f, 2.95f, 0.0f, 0.62f, -1.75f, NULL);
    sh_box(s, car, "Bay_Floor", p->plastic, 1.5f, 0.04f, 1.15f, 0.0f, 0.46f, 0.37f, NULL);
    sh_box(s, car, "Fender_Left", p->car_paint, 0.15f, 0.45f, 1.25f, 0.825f, 0.64f, 0.35f, NULL);
    sh_box(s, car, "Fender_Right", p->car_paint, 0.15f, 0.45f, 1.25f, -0.825f, 0.64f, 0.35f, NULL);
    sh_box(s, car, "Front_Bumper", p->car_paint, 1.8f, 0.36f, 0.22f, 0.0f, 0.55f, 1.06f, NULL);
    sh_box(s, car, "Grille", p->car_dark, 1.1f, 0.1f, 0.02f, 0.0f, 0.5f, 1.18f, NULL);
    sh_box(s, car, "Headlight_Left", p->white, 0.3f, 0.06f, 0.02f, 0.6f, 0.66f, 1.18f, NULL);
    sh_box(s, car, "Headlight_Right", p->white, 0.3f, 0.06f, 0.02f, -0.6f, 0.66f, 1.18f, NULL);
    sh_box(s, car, "Cowl", p->car_dark, 1.6f, 0.12f, 0.16f, 0.0f, 0.9f, -0.26f, NULL);
    /* Open bonnet, hinged at the cowl and propped nearly upright so it does
     * not hide the bay from the front. */
    quat q;
    q_axis(q, 1, 0, 0, -78.0f);
    sh_box(s, car, "Bonnet", p->car_paint, 1.6f, 0.03f, 1.2f, 0.0f, 0.96f + 0.587f, -0.18f + 0.125f, q);
    /* Cabin: an open frame (no glass) so the dashboard, start button and
     * key are visible and reachable from the front. */
    float pil[][2][3] = {
        {{0.72f, 0.87f, -0.3f}, {0.66f, 1.42f, -0.95f}},  {{-0.72f, 0.87f, -0.3f}, {-0.66f, 1.42f, -0.95f}},
        {{0.74f, 0.87f, -1.6f}, {0.66f, 1.42f, -1.6f}},   {{-0.74f, 0.87f, -1.6f}, {-0.66f, 1.42f, -1.6f}},
        {{0.74f, 0.87f, -2.75f}, {0.66f, 1.42f, -2.25f}}, {{-0.74f, 0.87f, -2.75f}, {-0.66f, 1.42f, -2.25f}},
    };
    const char *pil_names[] = {"Pillar_A_Left", "Pillar_A_Right", "Pillar_B_Left",
                               "Pillar_B_Right", "Pillar_C_Left", "Pillar_C_Right"};
    for (int i = 0; i < 6; i++) sh_rod(s, car, pil_names[i], p->car_paint, pil[i][0], pil[i][1], 0.035f, 8);
    sh_box(s, car, "Roof", p->car_paint, 1.4f, 0.05f, 1.4f, 0.0f, 1.44f, -1.6f, NULL);
    sh_box(s, car, "Dashboard", p->car_dark, 1.45f, 0.2f, 0.4f, 0.0f, 0.97f, -0.52f, NULL);
    sh_box(s, car, "Seat_Left", p->seat, 0.5f, 0.12f, 0.5f, 0.38f, 0.92f, -1.3f, NULL);
    sh_box(s, car, "Seat_Left_Back", p->seat, 0.5f, 0.45f, 0.1f, 0.38f, 1.17f, -1.58f, NULL);
    sh_box(s, car, "Seat_Right", p->seat, 0.5f, 0.12f, 0.5f, -0.38f, 0.92f, -1.3f, NULL);
    sh_box(s, car, "Seat_Right_Back", p->seat, 0.5f, 0.45f, 0.1f, -0.38f, 1.17f, -1.58f, NULL);
    q_axis(q, 1, 0, 0, 65.0f);
    sh_cyl(s, car, "Steering_Wheel", p->car_dark, 0.18f, 0.03f, 16, 0.38f, 1.12f, -0.78f, q);
    /* Start button on the centre console (LHD: the driver sits at +X). */
    uint32_t btn = sh_cyl(s, car, "Start_Button", p->alu, 0.022f, 0.012f, 16, 0.12f, 1.076f, -0.42f, NULL);
    sh_cyl(s, btn, "Start_Button_Cap", p->red, 0.015f, 0.006f, 16, 0.0f, 0.008f, 0.0f, NULL);
    return car;
}

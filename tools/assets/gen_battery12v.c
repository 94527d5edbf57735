/* gen_battery12v.c — writes assets/battery-12v-replacement.glb, the scene of
 * scenarios/battery-12v-replacement: the same workshop and car as the EV
 * scene, with a 12 V battery in a tray in the front bay, its clamps and
 * hold-down, two new batteries on the bench, a returns shelf, a recycling
 * bin, a multimeter, glasses and work gloves. Node names are the contract
 * with scenario.yaml; tools/assets/README.md lists them.
 *
 *   gen_battery12v OUT.glb */
#include "gen_ev.h"

#include <stdio.h>

/* The tray in the bay; a battery's origin is its bottom centre, so any
 * battery snapped into the tray sits on it. */
#define TRAY_X 0.3f
#define TRAY_Y 0.51f
#define TRAY_Z 0.35f
#define BAT_H 0.19f
#define POST_Z (TRAY_Z + 0.05f)

/* A 12 V battery (origin: bottom centre) with its label, the inspectable
 * `label` feature, as NAME_Label. Post stubs are drawn on the case; the
 * post sockets themselves are the tray's (below). */
static void battery(struct shapes *s, const struct palette *p, const char *name, uint32_t label_mat, float x,
                    float y, float z)
{
    char buf[64];
    uint32_t b = sh_group(s, GLB_ROOT, name, x, y, z, NULL);
    sh_box(s, b, (snprintf(buf, sizeof buf, "%s_Case", name), buf), p->lv_case, 0.28f, BAT_H, 0.175f, 0.0f,
           BAT_H * 0.5f, 0.0f, NULL);
    sh_box(s, b, (snprintf(buf, sizeof buf, "%s_Lid", name), buf), p->car_dark, 0.27f, 0.012f, 0.165f, 0.0f,
           BAT_H + 0.006f, 0.0f, NULL);
    sh_box(s, b, (snprintf(buf, sizeof buf, "%s_Label", name), buf), label_mat, 0.16f, 0.08f, 0.004f, 0.0f,
           0.1f, 0.0895f, NULL);
    sh_box(s, b, (snprintf(buf, sizeof buf, "%s_Base_Pos", name), buf), p->red, 0.03f, 0.004f, 0.03f, -0.1f,
           BAT_H + 0.014f, 0.05f, NULL);
    sh_box(s, b, (snprintf(buf, sizeof buf, "%s_Base_Neg", name), buf), p->black, 0.03f, 0.004f, 0.03f, 0.1f,
           BAT_H + 0.014f, 0.05f, NULL);
}

static void bay(struct shapes *s, uint32_t car, const struct palette *p)
{
    /* Tray: the socket (and `clean` feature) at the tray's top surface. */
    uint32_t tray = sh_group(s, car, "Battery_Tray", TRAY_X, TRAY_Y, TRAY_Z, NULL);
    sh_box(s, tray, "Battery_Tray_Base", p->black, 0.32f, 0.03f, 0.22f, 0.0f, -0.015f, 0.0f, NULL);
    sh_box(s, tray, "Battery_Tray_Lip_Front", p->black, 0.32f, 0.04f, 0.01f, 0.0f, 0.0f, 0.105f, NULL);
    sh_box(s, tray, "Battery_Tray_Lip_Back", p->black, 0.32f, 0.04f, 0.01f, 0.0f, 0.0f, -0.105f, NULL);
    battery(s, p, "Battery_Old", p->white, TRAY_X, TRAY_Y, TRAY_Z);

    /* Post sockets: where the posts of whichever battery is in the tray are
     * (scenario.yaml), so they belong to the car, not to a battery. */
    float post_y = TRAY_Y + BAT_H + 0.026f;
    sh_cyl(s, car, "Post_Positive", p->lead, 0.009f, 0.02f, 12, TRAY_X - 0.1f, post_y, POST_Z, NULL);
    sh_cyl(s, car, "Post_Negative", p->lead, 0.009f, 0.02f, 12, TRAY_X + 0.1f, post_y, POST_Z, NULL);
    /* The meter's measuring point across the two posts. */
    sh_box(s, car, "battery.terminals", p->white, 0.1f, 0.003f, 0.025f, TRAY_X, TRAY_Y + BAT_H + 0.0135f,
           POST_Z + 0.01f, NULL);

    /* Clamps start on their posts (placed_in), origins on the posts'. */
    struct { const char *name, *body, *cable; float x; uint32_t mat; } cl[] = {
        {"Positive_Clamp", "Positive_Clamp_Body", "Positive_Clamp_Cable", TRAY_X - 0.1f, p->red},
        {"Negative_Clamp", "Negative_Clamp_Body", "Negative_Clamp_Cable", TRAY_X + 0.1f, p->black},
    };
    for (int i = 0; i < 2; i++) {
        uint32_t c = sh_group(s, GLB_ROOT, cl[i].name, cl[i].x, post_y, POST_Z, NULL);
        sh_box(s, c, cl[i].body, cl[i].mat, 0.045f, 0.028f, 0.04f, 0.0f, 0.008f, 0.0f, NULL);
        const float path[][3] = {{0.0f, 0.008f, 0.02f}, {0.0f, 0.01f, 0.12f}, {i ? 0.06f : -0.06f, -0.05f, 0.2f}};
        sh_cable(s, c, cl[i].cable, cl[i].mat, path, 3, 0.008f);
    }

    /* Hold-down bar across the back half of the battery, on its mount. */
    uint32_t mount = sh_group(s, car, "Hold_Down_Mount", TRAY_X, TRAY_Y + BAT_H + 0.012f, TRAY_Z - 0.04f, NULL);
    sh_box(s, mount, "Hold_Down_Mount_Stud_Left", p->steel, 0.012f, 0.03f, 0.012f, 0.17f, -0.2f, 0.0f, NULL);
    sh_box(s, mount, "Hold_Down_Mount_Stud_Right", p->steel, 0.012f, 0.03f, 0.012f, -0.17f, -0.2f, 0.0f, NULL);
    uint32_t hd = sh_group(s, GLB_ROOT, "Hold_Down", TRAY_X, TRAY_Y + BAT_H + 0.012f, TRAY_Z - 0.04f, NULL);
    sh_box(s, hd, "Hold_Down_Bar", p->steel, 0.36f, 0.012f, 0.03f, 0.0f, 0.006f, 0.0f, NULL);
    const float jl[2][3] = {{0.17f, 0.0f, 0.0f}, {0.17f, -0.2f, 0.0f}};
    const float jr[2][3] = {{-0.17f, 0.0f, 0.0f}, {-0.17f, -0.2f, 0.0f}};
    sh_rod(s, hd, "Hold_Down_Rod_Left", p->alu, jl[0], jl[1], 0.004f, 8);
    sh_rod(s, hd, "Hold_Down_Rod_Right", p->alu, jr[0], jr[1], 0.004f, 8);
}

static void props(struct shapes *s, const struct palette *p)
{
    gen_bench(s, p);
    battery(s, p, "Battery_New", p->yellow, 1.9f, TOP, 0.35f);
    battery(s, p, "Battery_New_Spare", p->yellow, 2.3f, TOP, 0.35f);
    gen_meter(s, p, "Multimeter", "Multimeter", 3.15f, 0.4f);
    gen_glove_pair(s, "Work_Gloves", p->hv_pack, 2.75f, 0.45f, 1.05f, false, p);
    /* Safety glasses: two lenses on a frame, temples folded back. */
    uint32_t gl = sh_group(s, GLB_ROOT, "Safety_Glasses", 2.75f, TOP, 0.1f, NULL);
    sh_box(s, gl, "Safety_Glasses_Lens_Left", p->visor, 0.06f, 0.04f, 0.004f, 0.035f, 0.03f, 0.0f, NULL);
    sh_box(s, gl, "Safety_Glasses_Lens_Right", p->visor, 0.06f, 0.04f, 0.004f, -0.035f, 0.03f, 0.0f, NULL);
    sh_box(s, gl, "Safety_Glasses_Frame", p->black, 0.14f, 0.008f, 0.008f, 0.0f, 0.052f, 0.0f, NULL);
    sh_box(s, gl, "Safety_Glasses_Temple_Left", p->black, 0.006f, 0.006f, 0.13f, 0.068f, 0.045f, -0.065f, NULL);
    sh_box(s, gl, "Safety_Glasses_Temple_Right", p->black, 0.006f, 0.006f, 0.13f, -0.068f, 0.045f, -0.065f, NULL);

    /* Returns shelf beside the bench: the socket is its upper board. */
    uint32_t sh = sh_group(s, GLB_ROOT, "Returns_Shelf", 3.95f, 0.8f, -0.45f, NULL);
    sh_box(s, sh, "Returns_Shelf_Board_Top", p->wood, 0.5f, 0.03f, 0.4f, 0.0f, -0.015f, 0.0f, NULL);
    sh_box(s, sh, "Returns_Shelf_Board_Low", p->wood, 0.5f, 0.03f, 0.4f, 0.0f, -0.6f, 0.0f, NULL);
    sh_box(s, sh, "Returns_Shelf_Side_Left", p->steel, 0.03f, 1.1f, 0.4f, 0.265f, -0.25f, 0.0f, NULL);
    sh_box(s, sh, "Returns_Shelf_Side_Right", p->steel, 0.03f, 1.1f, 0.4f, -0.265f, -0.25f, 0.0f, NULL);
    sh_box(s, sh, "Returns_Shelf_Label", p->yellow, 0.2f, 0.05f, 0.004f, 0.0f, -0.06f, 0.202f, NULL);

    /* Recycling bin for the old battery (origin on its inner floor). */
    uint32_t rb = sh_group(s, GLB_ROOT, "Recycling_Bin", 1.95f, 0.02f, 1.25f, NULL);
    sh_box(s, rb, "Recycling_Bin_Bottom", p->steel, 0.45f, 0.02f, 0.35f, 0.0f, -0.01f, 0.0f, NULL);
    sh_box(s, rb, "Recycling_Bin_Front", p->green, 0.45f, 0.3f, 0.015f, 0.0f, 0.13f, 0.1675f, NULL);
    sh_box(s, rb, "Recycling_Bin_Back", p->green, 0.45f, 0.3f, 0.015f, 0.0f, 0.13f, -0.1675f, NULL);
    sh_box(s, rb, "Recycling_Bin_Left", p->green, 0.015f, 0.3f, 0.32f, 0.2175f, 0.13f, 0.0f, NULL);
    sh_box(s, rb, "Recycling_Bin_Right", p->green, 0.015f, 0.3f, 0.32f, -0.2175f, 0.13f, 0.0f, NULL);
    sh_box(s, rb, "Recycling_Bin_Label", p->white, 0.25f, 0.07f, 0.004f, 0.0f, 0.18f, 0.177f, NULL);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: gen_battery12v OUT.glb\n");
        return 2;
    }
    struct arena a;
    arena_init(&a, "gen", 1 << 20);
    struct shapes s = {.g = glb_new(), .a = &a};
    struct palette p;
    gen_palette(s.g, &p);
    gen_room(&s, &p, false);
    uint32_t car = gen_vehicle_body(&s, &p);
    bay(&s, car, &p);
    props(&s, &p);
    bool ok = glb_write(s.g, argv[1], "paja tools/assets/gen_battery12v");
    if (ok) printf("gen_battery12v: %s, %u triangles\n", argv[1], glb_triangle_count(s.g));
    glb_free(s.g);
    arena_fini(&a);
    return ok ? 0 : 1;
}

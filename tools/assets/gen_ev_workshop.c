/* gen_ev_workshop.c — writes assets/ev-workshop.glb, the scene of the EV
 * high-voltage de-energising scenario (scenarios/ev-hv-isolation), from
 * primitives. Node names are the contract with scenario.yaml (`node:`) and
 * with the app's measuring points; tools/assets/README.md lists them.
 *
 *   gen_ev_workshop OUT.glb
 *
 * The output depends only on this code, so the committed file can be
 * checked against a fresh run (tests/assets). */
#include "gen_ev.h"

#include <stdio.h>
#include <string.h>

/* The HV side in the bay: junction box with the service plug, measuring
 * points, inverter and its connector, orange cables to the pack. */
static void hv_system(struct shapes *s, uint32_t car, const struct palette *p)
{
    sh_box(s, car, "HV_Battery", p->hv_pack, 1.45f, 0.14f, 2.1f, 0.0f, 0.26f, -1.15f, NULL);
    sh_box(s, car, "HV_Battery_Label", p->yellow, 0.3f, 0.1f, 0.005f, 0.0f, 0.26f, -0.097f, NULL);
    /* Junction box on the bay floor. Its top holds the service plug port;
     * its front face the HV+ / HV- studs, the chassis stud beside it. */
    uint32_t jb = sh_box(s, car, "HV_Junction_Box", p->alu, 0.5f, 0.24f, 0.34f, -0.3f, 0.6f, 0.38f, NULL);
    sh_box(s, jb, "HV_Junction_Box_Warning", p->yellow, 0.1f, 0.09f, 0.004f, 0.15f, 0.04f, 0.171f, NULL);
    uint32_t port = sh_group(s, car, "Service_Plug_Port", -0.35f, 0.72f, 0.36f, NULL);
    sh_cyl(s, port, "Service_Plug_Port_Collar", p->hv_orange, 0.05f, 0.02f, 20, 0.0f, 0.01f, 0.0f, NULL);
    sh_cyl(s, port, "Service_Plug_Port_Opening", p->black, 0.036f, 0.004f, 16, 0.0f, 0.021f, 0.0f, NULL);
    /* The plug starts in its port (placed_in), with its origin on the
     * port's so the snap pose is the authored pose. */
    uint32_t plug = sh_group(s, GLB_ROOT, "Service_Plug", -0.35f, 0.72f, 0.36f, NULL);
    sh_cyl(s, plug, "Service_Plug_Body", p->hv_orange, 0.034f, 0.05f, 16, 0.0f, 0.045f, 0.0f, NULL);
    sh_box(s, plug, "Service_Plug_Handle", p->hv_orange, 0.12f, 0.025f, 0.03f, 0.0f, 0.082f, 0.0f, NULL);
    sh_box(s, plug, "Service_Plug_Latch", p->yellow, 0.02f, 0.02f, 0.032f, 0.045f, 0.062f, 0.0f, NULL);

    /* Measuring points: named after the scenario's reading points (README). */
    quat qz;
    q_axis(qz, 1, 0, 0, 90.0f); /* studs point toward +Z, at the trainee */
    uint32_t pos = sh_cyl(s, car, "hv.pos", p->lead, 0.008f, 0.03f, 12, -0.45f, 0.64f, 0.565f, qz);
    sh_cyl(s, pos, "hv.pos_Ring", p->red, 0.016f, 0.006f, 16, 0.0f, -0.012f, 0.0f, NULL);
    uint32_t neg = sh_cyl(s, car, "hv.neg", p->lead, 0.008f, 0.03f, 12, -0.3f, 0.64f, 0.565f, qz);
    sh_cyl(s, neg, "hv.neg_Ring", p->black, 0.016f, 0.006f, 16, 0.0f, -0.012f, 0.0f, NULL);
    uint32_t gnd = sh_cyl(s, car, "chassis", p->lead, 0.008f, 0.03f, 12, -0.65f, 0.62f, 0.565f, qz);
    sh_cyl(s, gnd, "chassis_Ring", p->green, 0.016f, 0.006f, 16, 0.0f, -0.012f, 0.0f, NULL);
    sh_box(s, car, "Chassis_Stud_Bracket", p->steel, 0.08f, 0.1f, 0.04f, -0.65f, 0.6f, 0.53f, NULL);
    /* One plate per pole pair below the studs: pointing at a plate measures
     * that pair on the desktop (interact.h, "point object with the pair's
     * id"). Colours say which poles: red/black, red/green, black/green. */
    struct { const char *name; float x; uint32_t a, b; } pairs[] = {
        {"hv.pos_neg", -0.45f, p->red, p->black},
        {"hv.pos_chassis", -0.3f, p->red, p->green},
        {"hv.neg_chassis", -0.15f, p->black, p->green},
    };
    char buf[64];
    for (int i = 0; i < 3; i++) {
        uint32_t pl = sh_box(s, car, pairs[i].name, p->white, 0.1f, 0.05f, 0.006f, pairs[i].x, 0.53f, 0.553f,
                             NULL);
        snprintf(buf, sizeof buf, "%s_A", pairs[i].name);
        sh_box(s, pl, buf, pairs[i].a, 0.035f, 0.03f, 0.004f, -0.025f, 0.0f, 0.004f, NULL);
        snprintf(buf, sizeof buf, "%s_B", pairs[i].name);
        sh_box(s, pl, buf, pairs[i].b, 0.035f, 0.03f, 0.004f, 0.025f, 0.0f, 0.004f, NULL);
    }

    /* Inverter with its orange connector (grabbing it means starting work). */
    sh_box(s, car, "Inverter", p->alu, 0.42f, 0.2f, 0.3f, 0.25f, 0.58f, 0.75f, NULL);
    uint32_t conn = sh_group(s, GLB_ROOT, "HV_Connector_Inverter", 0.0f, 0.6f, 0.75f, NULL);
    quat qx;
    q_axis(qx, 0, 0, 1, 90.0f);
    sh_box(s, conn, "HV_Connector_Inverter_Shell", p->hv_orange, 0.06f, 0.07f, 0.09f, 0.0f, 0.0f, 0.0f, NULL);
    sh_cyl(s, conn, "HV_Connector_Inverter_Lock", p->hv_orange, 0.025f, 0.04f, 12, -0.045f, 0.0f, 0.0f, qx);

    /* Orange cables: pack to junction box (two), junction box to inverter. */
    /* They come up through the bay floor at the firewall, in view. */
    const float c1[][3] = {{-0.62f, 0.3f, -0.09f}, {-0.62f, 0.5f, -0.09f}, {-0.62f, 0.5f, 0.1f},
                           {-0.48f, 0.5f, 0.3f}, {-0.55f, 0.5f, 0.38f}};
    const float c2[][3] = {{0.05f, 0.3f, -0.09f}, {0.05f, 0.5f, -0.09f}, {0.0f, 0.5f, 0.12f},
                           {0.02f, 0.5f, 0.3f}, {-0.05f, 0.5f, 0.38f}};
    const float c3[][3] = {{-0.05f, 0.54f, 0.48f}, {-0.03f, 0.5f, 0.56f}, {0.0f, 0.5f, 0.68f},
                           {-0.02f, 0.58f, 0.75f}, {0.0f, 0.6f, 0.75f}};
    sh_cable(s, car, "HV_Cable_Pack_Positive", p->hv_orange, c1, 5, 0.016f);
    sh_cable(s, car, "HV_Cable_Pack_Negative", p->hv_orange, c2, 5, 0.016f);
    sh_cable(s, car, "HV_Cable_Inverter", p->hv_orange, c3, 5, 0.016f);
}

/* 12 V battery on the right of the bay: posts and clamps; the negative
 * clamp starts on its post and carries the cable end to insulate. */
static void lv_system(struct shapes *s, uint32_t car, const struct palette *p)
{
    uint32_t bat = sh_box(s, car, "LV_Battery", p->lv_case, 0.26f, 0.19f, 0.18f, 0.45f, 0.575f, 0.1f, NULL);
    sh_box(s, bat, "LV_Battery_Label", p->white, 0.12f, 0.06f, 0.004f, 0.0f, 0.02f, 0.091f, NULL);
    uint32_t pp = sh_cyl(s, car, "LV_Positive_Post", p->lead, 0.009f, 0.02f, 12, 0.36f, 0.68f, 0.1f, NULL);
    sh_box(s, pp, "LV_Positive_Clamp", p->red, 0.045f, 0.03f, 0.04f, 0.0f, 0.008f, 0.0f, NULL);
    const float cp[][3] = {{0.36f, 0.69f, 0.12f}, {0.3f, 0.69f, 0.25f}, {0.2f, 0.5f, 0.3f}};
    sh_cable(s, car, "LV_Cable_Positive", p->red, cp, 3, 0.008f);
    /* The negative post is the socket; the clamp sits on it. */
    sh_cyl(s, car, "LV_Negative_Post", p->lead, 0.009f, 0.02f, 12, 0.54f, 0.68f, 0.1f, NULL);
    uint32_t clamp = sh_group(s, GLB_ROOT, "LV_Negative_Clamp", 0.54f, 0.68f, 0.1f, NULL);
    sh_box(s, clamp, "LV_Negative_Clamp_Body", p->black, 0.045f, 0.028f, 0.04f, 0.0f, 0.008f, 0.0f, NULL);
    const float cn[][3] = {{0.0f, 0.008f, 0.02f}, {0.0f, 0.01f, 0.13f}};
    sh_cable(s, clamp, "LV_Negative_Clamp_Cable", p->black, cn, 2, 0.008f);
    /* The clamp end the insulating cap goes onto: its bolt head, a child so
     * it travels with the clamp once removed. */
    sh_cyl(s, clamp, "LV_Clamp_End", p->lead, 0.012f, 0.01f, 12, 0.0f, 0.027f, 0.0f, NULL);
}

void gen_vehicle(struct shapes *s, const struct palette *p)
{
    uint32_t car = gen_vehicle_body(s, p);
    hv_system(s, car, p);
    lv_system(s, car, p);
    /* Key fob on the dashboard beside the start button. */
    uint32_t key = sh_box(s, GLB_ROOT, "Key_Fob", p->black, 0.035f, 0.014f, 0.065f, 0.3f, 1.077f, -0.45f, NULL);
    sh_cyl(s, key, "Key_Fob_Button", p->alu, 0.008f, 0.004f, 10, 0.0f, 0.008f, 0.01f, NULL);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: gen_ev_workshop OUT.glb\n");
        return 2;
    }
    struct arena a;
    arena_init(&a, "gen", 1 << 20);
    struct shapes s = {.g = glb_new(), .a = &a};
    struct palette p;
    gen_palette(s.g, &p);
    gen_room(&s, &p, true);
    gen_vehicle(&s, &p);
    gen_props(&s, &p);
    bool ok = glb_write(s.g, argv[1], "paja tools/assets/gen_ev_workshop");
    if (ok) printf("gen_ev_workshop: %s, %u triangles\n", argv[1], glb_triangle_count(s.g));
    glb_free(s.g);
    arena_fini(&a);
    return ok ? 0 : 1;
}

/* gen_ev_props.c — the movable things of the EV workshop and the furniture
 * they sit on. Each object the scenario names is a scene root whose origin
 * is where it rests (its bottom, or the point that goes into a socket), so
 * a socket snap (origin onto the socket's origin) looks right. */
#include "gen_ev.h"

#include <stdio.h>


void gen_bench(struct shapes *s, const struct palette *p)
{
    uint32_t b = sh_group(s, GLB_ROOT, "Workbench", 2.6f, 0.0f, 0.3f, NULL);
    sh_box(s, b, "Workbench_Top", p->wood, 2.0f, 0.04f, 0.75f, 0.0f, TOP - 0.02f, 0.0f, NULL);
    const float lx[] = {-0.95f, 0.95f}, lz[] = {-0.33f, 0.33f};
    char buf[48];
    int n = 0;
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) {
            snprintf(buf, sizeof buf, "Workbench_Leg_%d", ++n);
            sh_box(s, b, buf, p->steel, 0.05f, TOP - 0.04f, 0.05f, lx[i], (TOP - 0.04f) * 0.5f, lz[j], NULL);
        }
    sh_box(s, b, "Workbench_Shelf", p->steel, 1.9f, 0.02f, 0.65f, 0.0f, 0.2f, 0.0f, NULL);
    sh_box(s, b, "Workbench_Back_Panel", p->steel, 2.0f, 0.7f, 0.02f, 0.0f, TOP + 0.35f, -0.37f, NULL);
}

/* One glove lying palm down, fingers away from the trainee (-Z). */
static void glove(struct shapes *s, uint32_t parent, const char *name, uint32_t mat, float x, float scale,
                  bool stamp, const struct palette *p)
{
    char buf[64];
    uint32_t g = sh_group(s, parent, name, x, 0.0f, 0.0f, NULL);
    float w = 0.095f * scale, l = 0.11f * scale;
    sh_box(s, g, (snprintf(buf, sizeof buf, "%s_Palm", name), buf), mat, w, 0.022f, l, 0.0f, 0.011f, 0.0f, NULL);
    for (int f = 0; f < 4; f++) {
        snprintf(buf, sizeof buf, "%s_Finger_%d", name, f + 1);
        float fl = (f == 0 || f == 3 ? 0.06f : 0.075f) * scale;
        sh_box(s, g, buf, mat, 0.02f * scale, 0.018f, fl, (-0.0375f + 0.025f * (float)f) * scale, 0.01f,
               -l * 0.5f - fl * 0.5f, NULL);
    }
    quat q;
    q_axis(q, 0, 1, 0, x < 0 ? -35.0f : 35.0f);
    sh_box(s, g, (snprintf(buf, sizeof buf, "%s_Thumb", name), buf), mat, 0.024f * scale, 0.018f, 0.06f * scale,
           (x < 0 ? 0.06f : -0.06f) * scale, 0.01f, -0.01f, q);
    sh_box(s, g, (snprintf(buf, sizeof buf, "%s_Cuff", name), buf), mat, 0.11f * scale, 0.026f, 0.14f * scale,
           0.0f, 0.013f, l * 0.5f + 0.07f * scale, NULL);
    if (stamp) /* the test-date stamp on the cuff (IEC 60903) */
        sh_box(s, g, (snprintf(buf, sizeof buf, "%s_Test_Stamp", name), buf), p->white, 0.045f, 0.002f, 0.03f,
               0.0f, 0.027f, l * 0.5f + 0.09f * scale, NULL);
}

void gen_glove_pair(struct shapes *s, const char *name, uint32_t mat, float x, float z, float scale, bool stamp,
                    const struct palette *p)
{
    char buf[64];
    uint32_t pair = sh_group(s, GLB_ROOT, name, x, TOP, z, NULL);
    snprintf(buf, sizeof buf, "%s_Left", name);
    glove(s, pair, buf, mat, 0.065f * scale, scale, stamp, p);
    snprintf(buf, sizeof buf, "%s_Right", name);
    glove(s, pair, buf, mat, -0.065f * scale, scale, stamp, p);
}

static void ppe(struct shapes *s, const struct palette *p)
{
    gen_glove_pair(s, "Gloves_Class0", p->glove_red, 1.85f, 0.42f, 1.0f, true, p);
    gen_glove_pair(s, "Gloves_Class0_Spare", p->glove_red, 2.15f, 0.42f, 1.0f, true, p);
    gen_glove_pair(s, "Leather_Protectors", p->leather, 2.47f, 0.42f, 1.1f, false, p);
    /* Face shield standing on its brow guard. */
    uint32_t fs = sh_group(s, GLB_ROOT, "Face_Shield", 2.85f, TOP, 0.12f, NULL);
    sh_box(s, fs, "Face_Shield_Brow", p->black, 0.22f, 0.05f, 0.05f, 0.0f, 0.22f, -0.02f, NULL);
    sh_box(s, fs, "Face_Shield_Band", p->black, 0.2f, 0.02f, 0.18f, 0.0f, 0.235f, -0.12f, NULL);
    quat q;
    q_axis(q, 1, 0, 0, -12.0f);
    sh_box(s, fs, "Face_Shield_Visor", p->visor, 0.23f, 0.2f, 0.006f, 0.0f, 0.1f, 0.02f, q);
}

/* CAT III meter with two probes on leads; the probe tips are empty nodes
 * at the tip ends for the interaction layer's contact test. Parts are
 * named PREFIX_Body, PREFIX_Probe_Red, PREFIX_Tip_Red, ... */
void gen_meter(struct shapes *s, const struct palette *p, const char *name, const char *prefix, float x, float z)
{
    char buf[64], probe[2][48], tip[2][48], lead[2][48];
    uint32_t t = sh_group(s, GLB_ROOT, name, x, TOP, z, NULL);
#define PART(suffix) (snprintf(buf, sizeof buf, "%s_%s", prefix, suffix), buf)
    sh_box(s, t, PART("Body"), p->yellow, 0.085f, 0.045f, 0.19f, 0.0f, 0.0225f, 0.0f, NULL);
    sh_box(s, t, PART("Face"), p->black, 0.07f, 0.004f, 0.16f, 0.0f, 0.046f, 0.0f, NULL);
    sh_box(s, t, PART("Display"), p->display, 0.055f, 0.003f, 0.04f, 0.0f, 0.049f, -0.045f, NULL);
    sh_cyl(s, t, PART("Dial"), p->steel, 0.02f, 0.006f, 16, 0.0f, 0.05f, 0.02f, NULL);
    sh_box(s, t, PART("CAT_III_Label"), p->white, 0.05f, 0.002f, 0.012f, 0.0f, 0.049f, 0.068f, NULL);
#undef PART
    const char *colour[2] = {"Red", "Black"};
    for (int i = 0; i < 2; i++) {
        snprintf(probe[i], sizeof probe[i], "%s_Probe_%s", prefix, colour[i]);
        snprintf(tip[i], sizeof tip[i], "%s_Tip_%s", prefix, colour[i]);
        snprintf(lead[i], sizeof lead[i], "%s_Lead_%s", prefix, colour[i]);
    }
    struct { const char *probe, *tip, *lead; float x; uint32_t mat; } pr[] = {
        {probe[0], tip[0], lead[0], 0.075f, p->red},
        {probe[1], tip[1], lead[1], 0.11f, p->black},
    };
    for (int i = 0; i < 2; i++) {
        /* Probe along -Z: handle from z=+0.06 to -0.07, steel tip beyond. */
        uint32_t pg = sh_group(s, t, pr[i].probe, pr[i].x, 0.009f, 0.0f, NULL);
        sh_rod(s, pg, (snprintf(buf, sizeof buf, "%s_Handle", pr[i].probe), buf), pr[i].mat,
               (const float[3]){0, 0, 0.06f}, (const float[3]){0, 0, -0.07f}, 0.008f, 10);
        sh_rod(s, pg, (snprintf(buf, sizeof buf, "%s_Guard", pr[i].probe), buf), pr[i].mat,
               (const float[3]){0, 0, -0.07f}, (const float[3]){0, 0, -0.076f}, 0.012f, 10);
        sh_rod(s, pg, (snprintf(buf, sizeof buf, "%s_Needle", pr[i].probe), buf), p->alu,
               (const float[3]){0, 0, -0.076f}, (const float[3]){0, 0, -0.1f}, 0.0015f, 6);
        sh_group(s, pg, pr[i].tip, 0.0f, 0.0f, -0.1f, NULL);
        const float path[][3] = {{0.0f, 0.01f, 0.095f}, {0.02f, 0.008f, 0.14f}, {pr[i].x, 0.009f, 0.1f},
                                 {pr[i].x, 0.009f, 0.06f}};
        sh_cable(s, t, pr[i].lead, pr[i].mat, path, 4, 0.003f);
    }
}

static void tester(struct shapes *s, const struct palette *p)
{
    gen_meter(s, p, "Two_Pole_Tester", "Tester", 3.15f, 0.4f);
    /* The proving unit: a known voltage source to test the tester on. */
    uint32_t pu = sh_box(s, GLB_ROOT, "ref.proving_unit", p->yellow, 0.08f, 0.05f, 0.13f, 3.4f, TOP + 0.025f, 0.1f,
                         NULL);
    sh_box(s, pu, "Proving_Unit_Face", p->black, 0.065f, 0.003f, 0.1f, 0.0f, 0.026f, 0.0f, NULL);
    sh_cyl(s, pu, "Proving_Unit_Contact_Red", p->red, 0.008f, 0.006f, 10, -0.018f, 0.029f, 0.02f, NULL);
    sh_cyl(s, pu, "Proving_Unit_Contact_Black", p->black, 0.008f, 0.006f, 10, 0.018f, 0.029f, 0.02f, NULL);
    sh_cyl(s, pu, "Proving_Unit_Lamp", p->green, 0.005f, 0.005f, 8, 0.0f, 0.029f, -0.03f, NULL);
}

static void lock_and_tag(struct shapes *s, const struct palette *p)
{
    /* Origin at the cap's open bottom: it snaps onto the plug port. */
    uint32_t lc = sh_group(s, GLB_ROOT, "Lockout_Cap_Tag", 2.3f, TOP, 0.12f, NULL);
    sh_cyl(s, lc, "Lockout_Cap", p->red, 0.056f, 0.045f, 20, 0.0f, 0.0225f, 0.0f, NULL);
    sh_box(s, lc, "Lockout_Padlock", p->red, 0.04f, 0.045f, 0.02f, 0.075f, 0.03f, 0.0f, NULL);
    sh_rod(s, lc, "Lockout_Padlock_Shackle", p->alu, (const float[3]){0.063f, 0.052f, 0},
           (const float[3]){0.063f, 0.075f, 0}, 0.004f, 8);
    sh_box(s, lc, "Lockout_Tag", p->yellow, 0.07f, 0.002f, 0.12f, 0.14f, 0.001f, 0.03f, NULL);
    sh_box(s, lc, "Lockout_Tag_Band", p->red, 0.07f, 0.002f, 0.025f, 0.14f, 0.002f, -0.01f, NULL);
    /* The insulating cap for the 12 V clamp: a rubber boot. */
    uint32_t ic = sh_group(s, GLB_ROOT, "LV_Insulating_Cap", 2.55f, TOP, 0.12f, NULL);
    sh_cyl(s, ic, "LV_Insulating_Cap_Body", p->red, 0.028f, 0.035f, 14, 0.0f, 0.0175f, 0.0f, NULL);
    sh_cone(s, ic, "LV_Insulating_Cap_Top", p->red, 0.028f, 0.02f, 14, 0.0f, 0.045f, 0.0f, NULL);
    /* The de-energising record on a clipboard. */
    uint32_t cb = sh_group(s, GLB_ROOT, "Protocol_Clipboard", 1.95f, TOP, 0.12f, NULL);
    sh_box(s, cb, "Clipboard_Board", p->leather, 0.23f, 0.008f, 0.31f, 0.0f, 0.004f, 0.0f, NULL);
    sh_box(s, cb, "Clipboard_Paper", p->paper, 0.21f, 0.002f, 0.27f, 0.0f, 0.009f, 0.01f, NULL);
    sh_box(s, cb, "Clipboard_Clip", p->alu, 0.08f, 0.012f, 0.03f, 0.0f, 0.012f, -0.135f, NULL);
    for (int i = 0; i < 4; i++) {
        char buf[40];
        snprintf(buf, sizeof buf, "Clipboard_Line_%d", i + 1);
        sh_box(s, cb, buf, p->black, 0.16f, 0.001f, 0.004f, 0.0f, 0.0105f, -0.06f + 0.04f * (float)i, NULL);
    }
}

/* A standing key cabinet, its upper door open; the socket origin is the
 * shelf the key and the service plug go onto. */
static void lock_box(struct shapes *s, const struct palette *p)
{
    uint32_t lb = sh_group(s, GLB_ROOT, "Lock_Box", 3.95f, 0.8f, -0.45f, NULL);
    sh_box(s, lb, "Lock_Box_Back", p->cabinet_red, 0.5f, 1.1f, 0.02f, 0.0f, -0.25f, -0.19f, NULL);
    sh_box(s, lb, "Lock_Box_Side_Left", p->cabinet_red, 0.02f, 1.1f, 0.4f, 0.24f, -0.25f, 0.0f, NULL);
    sh_box(s, lb, "Lock_Box_Side_Right", p->cabinet_red, 0.02f, 1.1f, 0.4f, -0.24f, -0.25f, 0.0f, NULL);
    sh_box(s, lb, "Lock_Box_Top", p->cabinet_red, 0.5f, 0.02f, 0.4f, 0.0f, 0.29f, 0.0f, NULL);
    sh_box(s, lb, "Lock_Box_Shelf", p->steel, 0.46f, 0.02f, 0.38f, 0.0f, -0.01f, 0.0f, NULL);
    sh_box(s, lb, "Lock_Box_Lower_Door", p->cabinet_red, 0.48f, 0.78f, 0.02f, 0.0f, -0.41f, 0.19f, NULL);
    quat q;
    q_axis(q, 0, 1, 0, 95.0f);
    uint32_t door = sh_box(s, lb, "Lock_Box_Door", p->cabinet_red, 0.48f, 0.3f, 0.02f, 0.25f + 0.021f, 0.14f,
                           0.2f + 0.239f, q);
    sh_box(s, door, "Lock_Box_Lock", p->alu, 0.03f, 0.05f, 0.02f, -0.2f, 0.0f, 0.015f, NULL);
    sh_box(s, lb, "Lock_Box_Label", p->yellow, 0.2f, 0.06f, 0.004f, 0.0f, -0.2f, 0.202f, NULL);
}

static void reject_bin(struct shapes *s, const struct palette *p)
{
    uint32_t rb = sh_group(s, GLB_ROOT, "Reject_Bin", 1.95f, 0.02f, 1.25f, NULL);
    sh_box(s, rb, "Reject_Bin_Bottom", p->steel, 0.4f, 0.02f, 0.3f, 0.0f, -0.01f, 0.0f, NULL);
    sh_box(s, rb, "Reject_Bin_Front", p->red, 0.4f, 0.35f, 0.015f, 0.0f, 0.155f, 0.1425f, NULL);
    sh_box(s, rb, "Reject_Bin_Back", p->red, 0.4f, 0.35f, 0.015f, 0.0f, 0.155f, -0.1425f, NULL);
    sh_box(s, rb, "Reject_Bin_Left", p->red, 0.015f, 0.35f, 0.27f, 0.1925f, 0.155f, 0.0f, NULL);
    sh_box(s, rb, "Reject_Bin_Right", p->red, 0.015f, 0.35f, 0.27f, -0.1925f, 0.155f, 0.0f, NULL);
    sh_box(s, rb, "Reject_Bin_Label", p->white, 0.25f, 0.07f, 0.004f, 0.0f, 0.22f, 0.152f, NULL);
}

/* Barrier: two posts with red and white bars and an HV warning sign. It
 * starts against the left wall; its spot is in front of the car. */
static void barrier(struct shapes *s, const struct palette *p)
{
    quat q;
    q_axis(q, 0, 1, 0, 90.0f);
    uint32_t b = sh_group(s, GLB_ROOT, "Barrier_Sign", -2.85f, 0.0f, 0.6f, q);
    char buf[48];
    for (int i = 0; i < 2; i++) {
        float x = i ? 0.45f : -0.45f;
        snprintf(buf, sizeof buf, "Barrier_Foot_%d", i + 1);
        sh_box(s, b, buf, p->black, 0.08f, 0.03f, 0.35f, x, 0.015f, 0.0f, NULL);
        snprintf(buf, sizeof buf, "Barrier_Post_%d", i + 1);
        sh_cyl(s, b, buf, p->white, 0.02f, 0.95f, 10, x, 0.475f, 0.0f, NULL);
    }
    for (int bar = 0; bar < 2; bar++)
        for (int k = 0; k < 5; k++) {
            snprintf(buf, sizeof buf, "Barrier_Bar_%d_%d", bar + 1, k + 1);
            sh_box(s, b, buf, (k + bar) % 2 ? p->white : p->red, 0.18f, 0.08f, 0.02f, -0.36f + 0.18f * (float)k,
                   bar ? 0.85f : 0.45f, 0.0f, NULL);
        }
    sh_box(s, b, "Barrier_Sign_Plate", p->yellow, 0.34f, 0.26f, 0.01f, 0.0f, 0.65f, 0.018f, NULL);
    quat d;
    q_axis(d, 0, 0, 1, 45.0f);
    sh_box(s, b, "Barrier_Sign_Border", p->black, 0.16f, 0.16f, 0.004f, 0.0f, 0.65f, 0.025f, d);
    sh_box(s, b, "Barrier_Sign_Field", p->yellow, 0.13f, 0.13f, 0.004f, 0.0f, 0.65f, 0.027f, d);
    q_axis(d, 0, 0, 1, 20.0f);
    sh_box(s, b, "Barrier_Sign_Bolt", p->black, 0.018f, 0.09f, 0.004f, 0.0f, 0.65f, 0.03f, d);
}

void gen_props(struct shapes *s, const struct palette *p)
{
    gen_bench(s, p);
    ppe(s, p);
    tester(s, p);
    lock_and_tag(s, p);
    lock_box(s, p);
    reject_bin(s, p);
    barrier(s, p);
}

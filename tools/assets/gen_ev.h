/* gen_ev.h — shared between the workshop generators (EV and 12 V): the
 * material palette and the builders of each area. Positions are metres in
 * the workshop's frame: +Y up, the car's nose toward +Z (the default view
 * direction of `paja view`), the bench to its left (+X). */
#ifndef PAJA_GEN_EV_H
#define PAJA_GEN_EV_H

#include "shapes.h"

struct palette {
    uint32_t concrete, floor_line, wall, car_paint, car_dark, tyre, rim, plastic, hv_orange, hv_pack, alu,
        lv_case, lead, red, black, yellow, white, green, wood, steel, glove_red, leather, visor, display,
        rubber_mat, cabinet_red, paper, seat;
};

void gen_palette(struct glb *g, struct palette *p);
/* Floor, walls and a wall sign; with ev, the insulating mat and the
 * barrier spot of the HV scenario. */
void gen_room(struct shapes *s, const struct palette *p, bool ev);
/* The car with its open front bay: HV junction box with the service
 * plug port, measuring points, inverter, 12 V battery, orange cables, the
 * HV battery pack under the floor, cabin with start button and key fob. */
void gen_vehicle(struct shapes *s, const struct palette *p);
/* Bench, PPE, tester and probes, proving unit, lock and tag, insulating
 * cap, protocol, lock box, reject bin, barrier with sign. */
void gen_props(struct shapes *s, const struct palette *p);

/* Pieces the 12 V scene shares (gen_battery12v.c). */
#define TOP 0.92f /* bench top surface */
/* The car without its bay contents: body, wheels, open bonnet, cabin with
 * Start_Button. Returns the Vehicle group node. */
uint32_t gen_vehicle_body(struct shapes *s, const struct palette *p);
void gen_bench(struct shapes *s, const struct palette *p);
/* A pair of gloves lying on the bench at (x, z), name_Left / name_Right. */
void gen_glove_pair(struct shapes *s, const char *name, uint32_t mat, float x, float z, float scale, bool stamp,
                    const struct palette *p);
/* A meter with two probes on the bench at (x, z); see gen_ev_props.c. */
void gen_meter(struct shapes *s, const struct palette *p, const char *name, const char *prefix, float x, float z);

#endif

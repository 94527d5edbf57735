/* gen_ev.h — shared between the parts of the EV workshop generator: the
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
/* Floor, walls, insulating mat, barrier spot and a wall sign. */
void gen_room(struct shapes *s, const struct palette *p);
/* The car with its open front bay: HV junction box with the service
 * plug port, measuring points, inverter, 12 V battery, orange cables, the
 * HV battery pack under the floor, cabin with start button and key fob. */
void gen_vehicle(struct shapes *s, const struct palette *p);
/* Bench, PPE, tester and probes, proving unit, lock and tag, insulating
 * cap, protocol, lock box, reject bin, barrier with sign. */
void gen_props(struct shapes *s, const struct palette *p);

#endif

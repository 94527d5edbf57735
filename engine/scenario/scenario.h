/* scenario.h — procedures as data, judged from events (DESIGN.md §4).
 * This first piece holds the rules for the stable ids authors write. */
#ifndef PAJA_SCENARIO_H
#define PAJA_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>

/* Checks an author-written id ("hv.service_plug", "ev-hv-isolation"):
 * 1–64 characters of a–z, 0–9, '.', '_' and '-', starting with a letter,
 * no two separators in a row and none at the end. Ids are what records and
 * xAPI activity IRIs refer to, so they must stay stable, readable and safe
 * in a URL. On failure writes why into why (if non-NULL). */
bool scenario_id_valid(const char *id, char *why, size_t why_size);

#endif

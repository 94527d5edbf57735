/* app_trust.h — the key and the scenario a record is checked against
 * (verify, report, xapi; issue 12). App-internal. */
#ifndef PAJA_APP_TRUST_H
#define PAJA_APP_TRUST_H

#include "app.h"
#include "record.h"

#include <stdbool.h>
#include <stddef.h>

/* The key: key_path (--key) when given, else the records.public_key
 * setting, else none (*have false, returns true). False with a message
 * (prefixed "paja CMD:") when the key or the settings cannot be read. */
bool app_trust_key(const char *cmd, const char *key_path, struct rec_key *key, bool *have);
/* Compares the header's scenario content hash with scenario (a folder or a
 * scenario.yaml), or when NULL with the installed scenario of the record's
 * id (app_find_scenario). 1 the same, -1 different, 0 nothing to compare
 * with; note says what was compared, for a person. */
int app_trust_scenario(const struct rec_header *h, const char *scenario, char *note, size_t size);

#endif

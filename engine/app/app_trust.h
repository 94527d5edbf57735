/* app_trust.h — the key and the scenario a record is checked against
 * (verify, report, xapi; issue 12). App-internal. */
#ifndef PAJA_APP_TRUST_H
#define PAJA_APP_TRUST_H

#include "app.h"
#include "record.h"

#include <stdbool.h>
#include <stddef.h>

/* The keys seals are checked with: key_path (--key) when given, else the
 * records.public_key setting; a key file, or a folder whose *.pub and *.key
 * files are each a key (one per machine group: each record is checked with
 * the one its seal names). None: out->ring.n is 0 and it returns true.
 * False with a message (prefixed "paja CMD:") when a key or the settings
 * cannot be read. The keys live in static storage (one set per command);
 * app_trust_keys_free wipes them. */
#define APP_TRUST_KEYS_MAX 64
struct app_trust_keys {
    struct rec_key *keys;
    struct rec_keyring ring;
};
bool app_trust_keys(const char *cmd, const char *key_path, struct app_trust_keys *out);
void app_trust_keys_free(struct app_trust_keys *k);
/* Compares the header's scenario content hash with scenario (a folder or a
 * scenario.yaml), or when NULL with the installed scenario of the record's
 * id (app_find_scenario). 1 the same, -1 different, 0 nothing to compare
 * with; note says what was compared, for a person. */
int app_trust_scenario(const struct rec_header *h, const char *scenario, char *note, size_t size);

#endif

/* uuid.h — RFC 9562 UUIDs: random version 4 (session ids, registrations).
 * Deterministic ids derived from content (xAPI statement ids) are built by the
 * record module with a real hash and uuid_from_bytes_v4/v8 here. */
#ifndef PAJA_UUID_H
#define PAJA_UUID_H

#include <stdbool.h>
#include <stdint.h>

struct uuid { uint8_t b[16]; };

#define UUID_STR_LEN 37 /* 36 characters and NUL */

/* A random version-4 UUID from the kernel's CSPRNG (getrandom). */
struct uuid uuid_v4_random(void);
/* Sets the version-4 and variant bits on 16 given bytes (e.g. from a hash),
 * giving a UUID that is stable for the same bytes. */
struct uuid uuid_v4_from_bytes(const uint8_t bytes[16]);
/* Lower-case 8-4-4-4-12 form. */
void uuid_format(struct uuid u, char out[UUID_STR_LEN]);
/* Accepts the 8-4-4-4-12 form in either case; false on anything else. */
bool uuid_parse(const char *s, struct uuid *out);
bool uuid_equal(struct uuid a, struct uuid b);

#endif

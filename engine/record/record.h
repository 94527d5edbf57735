/* record.h — session records (DESIGN.md §5). This first piece is the hash
 * chain that makes a record tamper-evident: every line carries a SHA-256 that
 * covers the previous line's hash and its own content, so changing, removing,
 * inserting or reordering any line breaks every hash after it. */
#ifndef PAJA_RECORD_H
#define PAJA_RECORD_H

#include <stddef.h>
#include <stdint.h>

#define REC_HASH_HEX_LEN 65 /* 64 hex digits and NUL */

/* SHA-256 of data as lower-case hex. */
void rec_sha256_hex(const void *data, size_t size, char out_hex[REC_HASH_HEX_LEN]);
/* The chain step: SHA-256(prev_hex || "\n" || line). The first line of a
 * record uses REC_CHAIN_GENESIS as prev_hex. */
void rec_chain_next(const char prev_hex[REC_HASH_HEX_LEN], const char *line, size_t line_len,
                    char out_hex[REC_HASH_HEX_LEN]);

#define REC_CHAIN_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

#endif

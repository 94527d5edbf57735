/* fuzz_record.c — libFuzzer harness for the record reader, the chain and
 * seal verifier and the xAPI mapping: whatever bytes a record file holds
 * (damaged disk, hand edits, a hostile trainee), reading, verifying and
 * exporting it must not crash, read out of bounds, hit undefined behaviour
 * or leak. Each input is read with and without a key, and whatever the
 * reader recovers is mapped to xAPI statements. Built by run_fuzz_record.sh
 * with clang. */
#include "arena.h"
#include "record.h"
#include "str.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The reader gets NUL-terminated memory, as fs_read_all gives it. */
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    struct rec_key key;
    rec_key_from_bytes("fuzz key, thirty-two bytes long!", 32, &key);
    for (int k = 0; k < 2; k++) {
        struct arena a;
        arena_init(&a, "fuzz", 1 << 14);
        struct rec_record r;
        char err[256];
        if (rec_record_parse(text, size, k ? &key : NULL, &a, &r, err, sizeof err)) {
            struct str_buf out = {0};
            rec_xapi_statements(&r, NULL, &out);
            str_buf_free(&out);
        }
        arena_fini(&a);
    }
    free(text);
    return 0;
}

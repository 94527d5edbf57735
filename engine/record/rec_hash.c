/* rec_hash.c — SHA-256 hash chain through OpenSSL's EVP interface (no
 * hand-written crypto). */
#include "record.h"

#include "arena.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>

static void to_hex(const unsigned char *md, unsigned len, char *out)
{
    static const char hex[] = "0123456789abcdef";
    for (unsigned i = 0; i < len; i++) {
        out[2 * i] = hex[md[i] >> 4];
        out[2 * i + 1] = hex[md[i] & 15];
    }
    out[2 * len] = '\0';
}

/* Hashes up to three parts; EVP failures mean a broken libcrypto install,
 * which no caller could recover from, so they abort with a message. */
static void sha256_parts(const void *const *parts, const size_t *sizes, int count, char out_hex[REC_HASH_HEX_LEN])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned md_len = 0;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (!ctx) core_oom("EVP_MD_CTX", 0);
    int ok = EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
    for (int i = 0; ok && i < count; i++) ok = EVP_DigestUpdate(ctx, parts[i], sizes[i]);
    if (ok) ok = EVP_DigestFinal_ex(ctx, md, &md_len);
    EVP_MD_CTX_free(ctx);
    if (!ok || md_len != 32) {
        fprintf(stderr, "paja: record: SHA-256 failed in libcrypto\n");
        abort();
    }
    to_hex(md, md_len, out_hex);
}

void rec_sha256_hex(const void *data, size_t size, char out_hex[REC_HASH_HEX_LEN])
{
    const void *parts[1] = {data};
    size_t sizes[1] = {size};
    sha256_parts(parts, sizes, 1, out_hex);
}

void rec_chain_next(const char prev_hex[REC_HASH_HEX_LEN], const char *line, size_t line_len,
                    char out_hex[REC_HASH_HEX_LEN])
{
    const void *parts[3] = {prev_hex, "\n", line};
    size_t sizes[3] = {64, 1, line_len};
    sha256_parts(parts, sizes, 3, out_hex);
}

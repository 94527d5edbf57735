/* rec_hash.c — SHA-256 hash chain, institution key and HMAC-SHA-256 seal,
 * all through OpenSSL libcrypto (no hand-written crypto). */
#include "record.h"

#include "arena.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* ---- the institution key and the seal ------------------------------------ */

void rec_key_from_bytes(const void *bytes, size_t len, struct rec_key *out)
{
    memset(out, 0, sizeof *out);
    out->kind = REC_KEY_HMAC;
    if (len > REC_KEY_MAX) len = REC_KEY_MAX;
    memcpy(out->bytes, bytes, len);
    out->len = len;
    char full[REC_HASH_HEX_LEN];
    rec_sha256_hex(out->bytes, out->len, full);
    memcpy(out->id, full, 16);
    out->id[16] = '\0';
}

bool rec_key_load(const char *path, struct rec_key *out, char *err, size_t err_size)
{
    /* The key is read raw: a text editor's trailing newline is part of it,
     * which is fine as long as the same file seals and verifies. */
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, err_size, "cannot open key file '%s': %s", path, strerror(errno));
        return false;
    }
    unsigned char buf[REC_KEY_MAX + 1];
    size_t n = fread(buf, 1, sizeof buf, f);
    bool read_error = ferror(f) != 0;
    fclose(f);
    if (read_error) {
        snprintf(err, err_size, "cannot read key file '%s'", path);
        return false;
    }
    /* An Ed25519 key (paja key new) is PEM text; anything else is an HMAC
     * secret's raw bytes. */
    if (n >= 11 && memcmp(buf, "-----BEGIN ", 11) == 0) {
        bool ok = n <= REC_KEY_MAX && rec_key_parse_pem(buf, n, path, out, err, err_size);
        if (n > REC_KEY_MAX) snprintf(err, err_size, "key file '%s' is longer than %d bytes; is it the right file?", path, REC_KEY_MAX);
        OPENSSL_cleanse(buf, sizeof buf);
        return ok;
    }
    if (n > REC_KEY_MAX) {
        snprintf(err, err_size, "key file '%s' is longer than %d bytes; is it the right file?", path, REC_KEY_MAX);
        return false;
    }
    if (n < REC_KEY_MIN) {
        snprintf(err, err_size,
                 "key file '%s' holds %zu bytes; a key needs at least %d (make one with: head -c 32 /dev/urandom > FILE)",
                 path, n, REC_KEY_MIN);
        return false;
    }
    rec_key_from_bytes(buf, n, out);
    OPENSSL_cleanse(buf, sizeof buf);
    return true;
}

void rec_seal_hmac(const struct rec_key *key, const char head_hex[REC_HASH_HEX_LEN], char out_hex[REC_HASH_HEX_LEN])
{
    static const char label[] = "paja-seal/1\n";
    unsigned char msg[sizeof label - 1 + 64];
    memcpy(msg, label, sizeof label - 1);
    memcpy(msg + sizeof label - 1, head_hex, 64);
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned md_len = 0;
    if (!HMAC(EVP_sha256(), key->bytes, (int)key->len, msg, sizeof msg, md, &md_len) || md_len != 32) {
        fprintf(stderr, "paja: record: HMAC-SHA-256 failed in libcrypto\n");
        abort();
    }
    to_hex(md, md_len, out_hex);
}

bool rec_hex_equal(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la != lb) return false;
    return CRYPTO_memcmp(a, b, la) == 0;
}

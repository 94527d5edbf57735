/* rec_sign.c — Ed25519 sealing keys: make a key pair, load a PEM key,
 * sign and check a seal. All through OpenSSL's EVP interface (no
 * hand-written crypto). Keys are PEM files as OpenSSL writes them
 * (PKCS#8 private key, SubjectPublicKeyInfo public key), so
 * `openssl pkey -in seal.key -pubout` gives the same public key. */
#include "record.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SEAL_LABEL "paja-seal/2\n"

static void hex_of(const unsigned char *b, size_t n, char *out)
{
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = hex[b[i] >> 4];
        out[2 * i + 1] = hex[b[i] & 15];
    }
    out[2 * n] = '\0';
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

/* The fingerprint: the first 16 hex digits of SHA-256 of the raw 32-byte
 * public key; the same for the private key and its public half. */
static void fingerprint(const unsigned char pub[32], char id[17])
{
    char full[REC_HASH_HEX_LEN];
    rec_sha256_hex(pub, 32, full);
    memcpy(id, full, 16);
    id[16] = '\0';
}

/* Fills out from an Ed25519 EVP_PKEY (private when it has one). */
static bool key_from_pkey(EVP_PKEY *pk, bool want_private, struct rec_key *out, char *err, size_t err_size,
                          const char *path)
{
    memset(out, 0, sizeof *out);
    if (EVP_PKEY_get_id(pk) != EVP_PKEY_ED25519) {
        snprintf(err, err_size, "key file '%s' holds a %s key; paja seals with Ed25519 keys (paja key new makes one)",
                 path, OBJ_nid2sn(EVP_PKEY_get_id(pk)));
        return false;
    }
    size_t n = 32;
    if (EVP_PKEY_get_raw_public_key(pk, out->pub, &n) != 1 || n != 32) {
        snprintf(err, err_size, "key file '%s': cannot read its public key", path);
        return false;
    }
    if (want_private) {
        n = 32;
        if (EVP_PKEY_get_raw_private_key(pk, out->bytes, &n) != 1 || n != 32) {
            snprintf(err, err_size, "key file '%s': cannot read its private key", path);
            return false;
        }
        out->len = 32;
        out->kind = REC_KEY_ED25519_PRIVATE;
    } else {
        out->kind = REC_KEY_ED25519_PUBLIC;
    }
    fingerprint(out->pub, out->id);
    return true;
}

bool rec_key_parse_pem(const void *data, size_t size, const char *path, struct rec_key *out, char *err,
                       size_t err_size)
{
    BIO *bio = BIO_new_mem_buf(data, (int)size);
    if (!bio) {
        snprintf(err, err_size, "out of memory reading '%s'", path);
        return false;
    }
    bool ok = false;
    /* "-----BEGIN PRIVATE KEY-----" (PKCS#8) or "-----BEGIN PUBLIC KEY-----". */
    bool is_private = size > 19 && memcmp((const char *)data + 11, "PRIVATE ", 8) == 0;
    EVP_PKEY *pk = is_private ? PEM_read_bio_PrivateKey(bio, NULL, NULL, (void *)"") : PEM_read_bio_PUBKEY(bio, NULL, NULL, NULL);
    if (!pk)
        snprintf(err, err_size, "key file '%s' is not a readable PEM %s key%s", path, is_private ? "private" : "public",
                 is_private ? " (a key with a passphrase cannot seal unattended sessions)" : "");
    else ok = key_from_pkey(pk, is_private, out, err, err_size, path);
    EVP_PKEY_free(pk);
    BIO_free(bio);
    return ok;
}

static EVP_PKEY *pkey_of(const struct rec_key *k)
{
    if (k->kind == REC_KEY_ED25519_PRIVATE)
        return EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, k->bytes, 32);
    if (k->kind == REC_KEY_ED25519_PUBLIC) return EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, k->pub, 32);
    return NULL;
}

bool rec_seal_sign(const struct rec_key *key, const char head_hex[REC_HASH_HEX_LEN], char out_hex[REC_SIG_HEX_LEN])
{
    out_hex[0] = '\0';
    if (key->kind != REC_KEY_ED25519_PRIVATE) return false;
    unsigned char msg[sizeof SEAL_LABEL - 1 + 64], sig[64];
    memcpy(msg, SEAL_LABEL, sizeof SEAL_LABEL - 1);
    memcpy(msg + sizeof SEAL_LABEL - 1, head_hex, 64);
    EVP_PKEY *pk = pkey_of(key);
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    size_t n = sizeof sig;
    bool ok = pk && ctx && EVP_DigestSignInit(ctx, NULL, NULL, NULL, pk) == 1 &&
              EVP_DigestSign(ctx, sig, &n, msg, sizeof msg) == 1 && n == 64;
    EVP_MD_CTX_free(ctx);
    EVP_PKEY_free(pk);
    if (ok) hex_of(sig, 64, out_hex);
    return ok;
}

bool rec_seal_sig_check(const struct rec_key *key, const char head_hex[REC_HASH_HEX_LEN], const char *sig_hex)
{
    if (key->kind != REC_KEY_ED25519_PRIVATE && key->kind != REC_KEY_ED25519_PUBLIC) return false;
    if (strlen(sig_hex) != 128) return false;
    unsigned char sig[64];
    for (int i = 0; i < 64; i++) {
        int hi = hexval(sig_hex[2 * i]), lo = hexval(sig_hex[2 * i + 1]);
        if (hi < 0 || lo < 0) return false;
        sig[i] = (unsigned char)(hi << 4 | lo);
    }
    unsigned char msg[sizeof SEAL_LABEL - 1 + 64];
    memcpy(msg, SEAL_LABEL, sizeof SEAL_LABEL - 1);
    memcpy(msg + sizeof SEAL_LABEL - 1, head_hex, 64);
    /* Checked with the public half only, whichever the caller holds. */
    EVP_PKEY *pk = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, key->pub, 32);
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    bool ok = pk && ctx && EVP_DigestVerifyInit(ctx, NULL, NULL, NULL, pk) == 1 &&
              EVP_DigestVerify(ctx, sig, 64, msg, sizeof msg) == 1;
    EVP_MD_CTX_free(ctx);
    EVP_PKEY_free(pk);
    return ok;
}

/* Creates path for writing, never over an existing file. */
static FILE *create_excl(const char *path, mode_t mode, char *err, size_t err_size)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0) {
        snprintf(err, err_size, "cannot create '%s': %s%s", path, strerror(errno),
                 errno == EEXIST ? " (paja never overwrites a key: records sealed with it could no longer be checked)"
                                 : "");
        return NULL;
    }
    /* The umask may have taken bits away, never added: set exactly. */
    fchmod(fd, mode);
    FILE *f = fdopen(fd, "w");
    if (!f) close(fd);
    return f;
}

bool rec_key_generate(const char *private_path, const char *public_path, struct rec_key *out, char *err,
                      size_t err_size)
{
    struct stat st;
    if (stat(private_path, &st) == 0 || stat(public_path, &st) == 0) {
        snprintf(err, err_size, "'%s' already exists; paja never overwrites a key (records sealed with it could no "
                                "longer be checked): choose another name with -o",
                 stat(private_path, &st) == 0 ? private_path : public_path);
        return false;
    }
    EVP_PKEY *pk = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
    if (!pk) {
        snprintf(err, err_size, "OpenSSL could not make an Ed25519 key");
        return false;
    }
    bool ok = false;
    FILE *f = create_excl(private_path, 0600, err, err_size);
    if (f) {
        ok = PEM_write_PrivateKey(f, pk, NULL, NULL, 0, NULL, NULL) == 1;
        ok &= fflush(f) == 0 && fsync(fileno(f)) == 0;
        ok &= fclose(f) == 0;
        if (!ok) snprintf(err, err_size, "cannot write '%s'", private_path);
    }
    if (ok) {
        f = create_excl(public_path, 0644, err, err_size);
        ok = f != NULL;
        if (f) {
            ok = PEM_write_PUBKEY(f, pk) == 1;
            ok &= fclose(f) == 0;
            if (!ok) snprintf(err, err_size, "cannot write '%s'", public_path);
        }
    }
    if (ok) ok = key_from_pkey(pk, true, out, err, err_size, private_path);
    EVP_PKEY_free(pk);
    return ok;
}

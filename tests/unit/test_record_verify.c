/* test_record_verify.c — verify's findings for each kind of tampering, and
 * the limits the threat model in docs/record-format.md admits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_record_util.h"

#include "arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const unsigned char KEY32[32] = "0123456789abcdef0123456789abcdef";

/* A record as an array of lines (each with its newline) to cut up. */
struct lines {
    char *v[4096];
    size_t n;
};

static void lines_from(struct lines *l, const char *d, size_t size)
{
    l->n = 0;
    size_t s = 0;
    for (size_t i = 0; i < size; i++) {
        if (d[i] != '\n') continue;
        l->v[l->n] = malloc(i - s + 2);
        memcpy(l->v[l->n], d + s, i - s + 1);
        l->v[l->n][i - s + 1] = '\0';
        l->n++;
        s = i + 1;
    }
}

static char *lines_join(const struct lines *l, size_t *out_size)
{
    size_t total = 0;
    for (size_t i = 0; i < l->n; i++) total += strlen(l->v[i]);
    char *d = malloc(total + 1);
    size_t at = 0;
    for (size_t i = 0; i < l->n; i++) {
        size_t n = strlen(l->v[i]);
        memcpy(d + at, l->v[i], n);
        at += n;
    }
    d[at] = '\0';
    *out_size = at;
    return d;
}

static void lines_free(struct lines *l)
{
    for (size_t i = 0; i < l->n; i++) free(l->v[i]);
    l->n = 0;
}

static void lines_remove(struct lines *l, size_t at)
{
    free(l->v[at]);
    memmove(&l->v[at], &l->v[at + 1], (l->n - at - 1) * sizeof l->v[0]);
    l->n--;
}

static void lines_insert(struct lines *l, size_t at, const char *s)
{
    memmove(&l->v[at + 1], &l->v[at], (l->n - at) * sizeof l->v[0]);
    l->v[at] = strdup(s);
    l->n++;
}

/* Rewrites every hash from line `from` on, as an attacker without the key
 * can: SHA-256 is public. Seal heads are updated too. */
static void lines_rehash(struct lines *l, size_t from)
{
    char prev[REC_HASH_HEX_LEN];
    if (from == 0) memcpy(prev, REC_CHAIN_GENESIS, sizeof prev);
    else {
        size_t n = strlen(l->v[from - 1]);
        memcpy(prev, l->v[from - 1] + n - 1 - 66, 64);
        prev[64] = '\0';
    }
    for (size_t i = from; i < l->n; i++) {
        char *s = l->v[i];
        char *head = strstr(s, "\"head\":\"");
        if (head) memcpy(head + 8, prev, 64);
        size_t n = strlen(s) - 1; /* without newline */
        char h[REC_HASH_HEX_LEN];
        rec_chain_next(prev, s, n - REC_LINE_SUFFIX_LEN, h);
        memcpy(s + n - 66, h, 64);
        memcpy(prev, h, sizeof prev);
    }
}

struct fixture {
    char dir[256];
    struct rec_key key;
    struct lines l;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    trec_tmpdir(f->dir);
    char path[300];
    snprintf(path, sizeof path, "%s/s.jsonl", f->dir);
    rec_key_from_bytes(KEY32, 32, &f->key);
    trec_session_file(path, &f->key, "t1", 3, "passed", 90);
    size_t n = 0;
    char *d = trec_slurp(path, &n);
    lines_from(&f->l, d, n);
    free(d);
    assert_true(f->l.n > 20);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    lines_free(&f->l);
    trec_rmdir(f->dir);
    free(f);
    return 0;
}

static void check(const struct fixture *f, bool with_key, struct rec_check *out)
{
    size_t n = 0;
    char *d = lines_join(&f->l, &n);
    rec_verify(d, n, with_key ? &f->key : NULL, out);
    free(d);
}

static void pristine_record_verifies(void **state)
{
    struct fixture *f = *state;
    struct rec_check c;
    check(f, true, &c);
    assert_int_equal(c.integrity, REC_INTEGRITY_VERIFIED);
    assert_int_equal(c.finding_line, 0);
    assert_int_equal(c.lines, f->l.n);
    assert_int_equal(c.lines_intact, f->l.n);
}

static void altered_line_is_named(void **state)
{
    struct fixture *f = *state;
    /* Change the value of a reading: "0.4" → "0.1" on the first reading line. */
    size_t at = 0;
    for (size_t i = 0; i < f->l.n && !at; i++)
        if (strstr(f->l.v[i], "\"reading\"")) at = i;
    assert_true(at > 0);
    char *p = strstr(f->l.v[at], "\"value\":0.4");
    assert_non_null(p);
    p[10] = '1';
    struct rec_check c;
    check(f, true, &c);
    assert_int_equal(c.integrity, REC_INTEGRITY_ALTERED);
    assert_int_equal(c.finding_line, at + 1);
    assert_non_null(strstr(c.finding, "altered"));
    assert_int_equal(c.lines_intact, at);
    assert_true(rec_check_is_finding(&c, NULL));
}

static void removed_lines_are_named(void **state)
{
    struct fixture *f = *state;
    lines_remove(&f->l, 6);
    struct rec_check c;
    check(f, true, &c);
    assert_int_equal(c.finding_line, 7);
    assert_non_null(strstr(c.finding, "removed"));
    assert_non_null(strstr(c.finding, "#6 is missing"));
    lines_remove(&f->l, 6);
    lines_remove(&f->l, 6);
    check(f, false, &c);
    assert_int_equal(c.finding_line, 7);
    assert_non_null(strstr(c.finding, "#6 to #8 are missing"));
}

static void reordered_lines_are_named(void **state)
{
    struct fixture *f = *state;
    char *t = f->l.v[8];
    f->l.v[8] = f->l.v[9];
    f->l.v[9] = t;
    struct rec_check c;
    check(f, true, &c);
    assert_int_equal(c.finding_line, 9);
    assert_non_null(strstr(c.finding, "reordered"));
    assert_non_null(strstr(c.finding, "line 10"));
}

static void inserted_line_is_named(void **state)
{
    struct fixture *f = *state;
    /* A made-up line with a plausible number and a made-up hash. */
    char forged[256];
    snprintf(forged, sizeof forged,
             "{\"n\":5,\"k\":\"ev\",\"t\":1,\"type\":\"wear\",\"subject\":\"gloves\",\"h\":\"%s\"}\n",
             REC_CHAIN_GENESIS);
    lines_insert(&f->l, 5, forged);
    struct rec_check c;
    check(f, true, &c);
    assert_int_equal(c.finding_line, 6);
    assert_non_null(strstr(c.finding, "inserted"));
}

static void duplicated_line_is_named(void **state)
{
    struct fixture *f = *state;
    lines_insert(&f->l, 10, f->l.v[4]);
    struct rec_check c;
    check(f, true, &c);
    assert_int_equal(c.finding_line, 11);
    assert_non_null(strstr(c.finding, "repeats record line #4 (line 5) word for word"));
}

static void cut_end_is_unsealed_not_altered(void **state)
{
    struct fixture *f = *state;
    size_t before = f->l.n;
    lines_remove(&f->l, f->l.n - 1); /* seal */
    lines_remove(&f->l, f->l.n - 1); /* summary */
    struct rec_check c;
    check(f, false, &c);
    assert_int_equal(c.integrity, REC_INTEGRITY_UNSEALED);
    assert_int_equal(c.finding_line, 0);
    assert_int_equal(c.lines_intact, before - 2);
    assert_non_null(strstr(c.finding, "not sealed"));
    assert_true(rec_check_is_finding(&c, NULL));
}

static void appended_after_seal_is_named(void **state)
{
    struct fixture *f = *state;
    lines_insert(&f->l, f->l.n, f->l.v[3]);
    struct rec_check c;
    check(f, true, &c);
    assert_int_equal(c.finding_line, f->l.n);
    assert_non_null(strstr(c.finding, "after the seal"));
    /* Bytes after the seal without a newline, too. */
    lines_remove(&f->l, f->l.n - 1);
    lines_insert(&f->l, f->l.n, "{\"n\":");
    check(f, true, &c);
    assert_int_equal(c.integrity, REC_INTEGRITY_ALTERED);
}

static void rehashed_edit_needs_the_key(void **state)
{
    struct fixture *f = *state;
    /* The attacker changes a result and recomputes every hash after it. */
    size_t at = f->l.n - 2;
    char *p = strstr(f->l.v[at], "\"score\":90");
    assert_non_null(p);
    p[9] = '1';
    lines_rehash(&f->l, at);
    struct rec_check c;
    /* With the key, the seal gives it away... */
    check(f, true, &c);
    assert_int_equal(c.integrity, REC_INTEGRITY_ALTERED);
    assert_int_equal(c.finding_line, f->l.n);
    assert_non_null(strstr(c.finding, "HMAC"));
    /* ...without it, nothing can (the documented limit). */
    check(f, false, &c);
    assert_int_equal(c.integrity, REC_INTEGRITY_SEALED);
}

static void damaged_hash_and_foreign_files(void **state)
{
    struct fixture *f = *state;
    size_t n = strlen(f->l.v[3]);
    f->l.v[3][n - 10] = 'X'; /* not hex */
    struct rec_check c;
    check(f, true, &c);
    assert_int_equal(c.finding_line, 4);
    assert_non_null(strstr(c.finding, "damaged"));

    rec_verify("hello\nworld\n", 12, NULL, &c);
    assert_false(c.is_record);
    assert_true(rec_check_is_finding(&c, NULL));
    rec_verify("", 0, NULL, &c);
    assert_false(c.is_record);
    assert_non_null(strstr(c.finding, "empty"));
    const char *v2 = "{\"n\":0,\"k\":\"header\",\"format\":\"paja-record\",\"version\":2}\n";
    rec_verify(v2, strlen(v2), NULL, &c);
    assert_true(c.is_record);
    assert_false(c.supported);
    assert_non_null(strstr(c.finding, "format version 2 is newer than this paja understands"));
    /* Only a larger whole number is "newer"; anything else is named. */
    static const struct { const char *line, *says; } bad[] = {
        {"{\"n\":0,\"k\":\"header\",\"format\":\"paja-record\",\"version\":0}\n", "\"version\" 0 is not a format version"},
        {"{\"n\":0,\"k\":\"header\",\"format\":\"paja-record\"}\n", "line 1 has no \"version\""},
        {"{\"n\":0,\"k\":\"header\",\"format\":\"paja-record\",\"version\":\"1\"}\n", "\"version\" is text, not a number"},
        {"{\"n\":0,\"k\":\"header\",\"format\":\"paja-record\",\"version\":1.5}\n", "1.5 is not a format version"},
        {"{\"n\":0,\"k\":\"header\",\"format\":\"paja-record\",\"version\":1e300}\n", "is not a format version"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        rec_verify(bad[i].line, strlen(bad[i].line), NULL, &c);
        assert_true(c.is_record);
        assert_false(c.supported);
        assert_null(strstr(c.finding, "newer"));
        if (!strstr(c.finding, bad[i].says)) fail_msg("'%s' says '%s'", bad[i].line, c.finding);
    }
}

/* Bad input never crashes and never passes: random byte flips, deletions
 * and truncations of a sealed record, read and verified (ASan in CI). A
 * change inside the record's bytes must always be a finding. */
static void mutated_records_never_crash_or_pass(void **state)
{
    struct fixture *f = *state;
    size_t n = 0;
    char *orig = lines_join(&f->l, &n);
    char *d = malloc(n + 1);
    srand(12345);
    for (int k = 0; k < 400; k++) {
        memcpy(d, orig, n + 1);
        size_t size = n;
        int edits = 1 + rand() % 3;
        for (int e = 0; e < edits; e++) {
            size_t at = (size_t)rand() % size;
            switch (rand() % 3) {
            case 0: d[at] = (char)(d[at] ^ (1 << (rand() % 8))); break;   /* flip a bit */
            case 1: memmove(d + at, d + at + 1, size - at - 1); size--; break; /* delete a byte */
            default: size = at + 1; break;                                  /* cut */
            }
        }
        d[size] = '\0';
        if (size == n && memcmp(d, orig, n) == 0) continue; /* flipped back */
        struct rec_check c;
        rec_verify(d, size, &f->key, &c);
        assert_true(rec_check_is_finding(&c, &f->key));
        struct arena a;
        arena_init(&a, "mut", 1 << 16);
        struct rec_record r;
        char err[256];
        if (rec_record_parse(d, size, &f->key, &a, &r, err, sizeof err)) assert_int_not_equal(r.check.integrity, REC_INTEGRITY_VERIFIED);
        arena_fini(&a);
    }
    free(d);
    free(orig);
}

/* ---- Ed25519 seals (rec_sign.c): what a student with the file can and
 * cannot do when the school seals with a key pair ---------------------- */

struct ed_fixture {
    struct fixture f;       /* f.key: the institution's PUBLIC key */
    struct rec_key priv;    /* the private key that sealed the record */
    struct rec_key mallory; /* a key of the student's own */
};

static int setup_ed(void **state)
{
    struct ed_fixture *e = calloc(1, sizeof *e);
    trec_tmpdir(e->f.dir);
    char path[300], pub[300], err[512] = "";
    snprintf(path, sizeof path, "%s/seal.key", e->f.dir);
    snprintf(pub, sizeof pub, "%s/seal.pub", e->f.dir);
    assert_true(rec_key_generate(path, pub, &e->priv, err, sizeof err));
    assert_true(rec_key_load(pub, &e->f.key, err, sizeof err));
    assert_int_equal(e->f.key.kind, REC_KEY_ED25519_PUBLIC);
    assert_string_equal(e->f.key.id, e->priv.id);
    snprintf(path, sizeof path, "%s/mallory.key", e->f.dir);
    snprintf(pub, sizeof pub, "%s/mallory.pub", e->f.dir);
    assert_true(rec_key_generate(path, pub, &e->mallory, err, sizeof err));
    snprintf(path, sizeof path, "%s/s.jsonl", e->f.dir);
    trec_session_file(path, &e->priv, "t1", 3, "passed", 90);
    size_t n = 0;
    char *d = trec_slurp(path, &n);
    lines_from(&e->f.l, d, n);
    free(d);
    *state = e;
    return 0;
}

/* Replaces the seal line with one the attacker writes: no key (NULL), or a
 * signature by `signer` naming key id `claim`; the chain is re-hashed. */
static void forge_seal(struct lines *l, const struct rec_key *signer, const char *claim)
{
    size_t last = l->n - 1;
    const char *prev_line = l->v[last - 1];
    char head[REC_HASH_HEX_LEN];
    memcpy(head, prev_line + strlen(prev_line) - 1 - 66, 64);
    head[64] = '\0';
    char line[1024], sig[REC_SIG_HEX_LEN] = "";
    if (signer) assert_true(rec_seal_sign(signer, head, sig));
    snprintf(line, sizeof line,
             "{\"n\":%zu,\"k\":\"seal\",\"t\":0,\"lines\":%zu,\"head\":\"%s\"%s%s%s%s%s,\"h\":\"%064d\"}\n", last, last,
             head, signer ? ",\"alg\":\"ed25519\",\"sig\":\"" : "", sig, signer ? "\",\"key_id\":\"" : "",
             signer ? claim : "", signer ? "\"" : "", 0);
    free(l->v[last]);
    l->v[last] = strdup(line);
    lines_rehash(l, last);
}

static void ed25519_seal_names_its_key(void **state)
{
    struct ed_fixture *e = *state;
    struct rec_check c;
    check(&e->f, true, &c);
    assert_int_equal(c.integrity, REC_INTEGRITY_VERIFIED);
    assert_string_equal(c.sealed_by, e->priv.id);
    assert_string_equal(c.seal_alg, "ed25519");
    assert_false(rec_check_is_finding(&c, &e->f.key));
    /* The private key checks too (it holds the public half). */
    size_t n = 0;
    char *d = lines_join(&e->f.l, &n);
    rec_verify(d, n, &e->priv, &c);
    assert_int_equal(c.integrity, REC_INTEGRITY_VERIFIED);
    /* Without a key: sealed by that key, not checked. */
    rec_verify(d, n, NULL, &c);
    assert_int_equal(c.integrity, REC_INTEGRITY_SEALED);
    assert_string_equal(c.sealed_by, e->priv.id);
    assert_non_null(strstr(c.note, "not checked"));
    /* Another school's key, an HMAC key: never verified. */
    rec_verify(d, n, &e->mallory, &c);
    assert_int_equal(c.integrity, REC_INTEGRITY_ALTERED);
    assert_non_null(strstr(c.finding, "another key"));
    struct rec_key hmac;
    rec_key_from_bytes(KEY32, 32, &hmac);
    rec_verify(d, n, &hmac, &c);
    assert_true(rec_check_is_finding(&c, &hmac));
    free(d);
}

static void ed25519_recomputed_chain_never_verifies(void **state)
{
    struct ed_fixture *e = *state;
    /* The student fails, edits the score and recomputes every hash after
     * it, keeping the old signature. */
    size_t at = e->f.l.n - 2;
    char *p = strstr(e->f.l.v[at], "\"score\":90");
    assert_non_null(p);
    p[9] = '1';
    lines_rehash(&e->f.l, at);
    struct rec_check c;
    check(&e->f, true, &c);
    assert_int_equal(c.integrity, REC_INTEGRITY_ALTERED);
    assert_non_null(strstr(c.finding, "signature"));
    assert_int_equal(c.finding_line, e->f.l.n);
}

static void ed25519_dropped_or_replaced_seal_never_verifies(void **state)
{
    struct ed_fixture *e = *state;
    struct rec_check c;
    /* Dropped: a seal without a signature (what paja writes without a key). */
    forge_seal(&e->f.l, NULL, NULL);
    check(&e->f, true, &c);
    assert_int_equal(c.integrity, REC_INTEGRITY_CLOSED);
    assert_true(rec_check_is_finding(&c, &e->f.key));
    assert_non_null(strstr(c.note, "not sealed by any key"));
    /* Replaced with a signature by the student's own key... */
    forge_seal(&e->f.l, &e->mallory, e->mallory.id);
    check(&e->f, true, &c);
    assert_int_equal(c.integrity, REC_INTEGRITY_ALTERED);
    assert_non_null(strstr(c.finding, "another key"));
    /* ...claiming the school's key id. */
    forge_seal(&e->f.l, &e->mallory, e->priv.id);
    check(&e->f, true, &c);
    assert_int_equal(c.integrity, REC_INTEGRITY_ALTERED);
    assert_non_null(strstr(c.finding, "signature"));
    /* Without a key all three look sealed or closed: the documented limit,
     * and why verify, report and xapi want the public key. */
    check(&e->f, false, &c);
    assert_int_equal(c.integrity, REC_INTEGRITY_SEALED);
    /* Cut off: unsealed, a finding. */
    lines_remove(&e->f.l, e->f.l.n - 1);
    check(&e->f, true, &c);
    assert_int_equal(c.integrity, REC_INTEGRITY_UNSEALED);
    assert_true(rec_check_is_finding(&c, &e->f.key));
}

static void public_key_cannot_seal(void **state)
{
    struct ed_fixture *e = *state;
    char path[300], err[256] = "";
    snprintf(path, sizeof path, "%s/p.jsonl", e->f.dir);
    struct rec_header h;
    trec_header(&h, "t1");
    assert_null(rec_writer_create(path, &h, &e->f.key, err, sizeof err));
    assert_non_null(strstr(err, "public key"));
    /* And paja key new never overwrites. */
    snprintf(path, sizeof path, "%s/seal.key", e->f.dir);
    char pub[300];
    snprintf(pub, sizeof pub, "%s/new.pub", e->f.dir);
    struct rec_key k;
    assert_false(rec_key_generate(path, pub, &k, err, sizeof err));
    assert_non_null(strstr(err, "already exists"));
}

int trec_run_verify_tests(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(pristine_record_verifies, setup, teardown),
        cmocka_unit_test_setup_teardown(altered_line_is_named, setup, teardown),
        cmocka_unit_test_setup_teardown(removed_lines_are_named, setup, teardown),
        cmocka_unit_test_setup_teardown(reordered_lines_are_named, setup, teardown),
        cmocka_unit_test_setup_teardown(inserted_line_is_named, setup, teardown),
        cmocka_unit_test_setup_teardown(duplicated_line_is_named, setup, teardown),
        cmocka_unit_test_setup_teardown(cut_end_is_unsealed_not_altered, setup, teardown),
        cmocka_unit_test_setup_teardown(appended_after_seal_is_named, setup, teardown),
        cmocka_unit_test_setup_teardown(rehashed_edit_needs_the_key, setup, teardown),
        cmocka_unit_test_setup_teardown(damaged_hash_and_foreign_files, setup, teardown),
        cmocka_unit_test_setup_teardown(mutated_records_never_crash_or_pass, setup, teardown),
        cmocka_unit_test_setup_teardown(ed25519_seal_names_its_key, setup_ed, teardown),
        cmocka_unit_test_setup_teardown(ed25519_recomputed_chain_never_verifies, setup_ed, teardown),
        cmocka_unit_test_setup_teardown(ed25519_dropped_or_replaced_seal_never_verifies, setup_ed, teardown),
        cmocka_unit_test_setup_teardown(public_key_cannot_seal, setup_ed, teardown),
    };
    return cmocka_run_group_tests_name("record verify", tests, NULL, NULL);
}

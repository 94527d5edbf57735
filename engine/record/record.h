/* record.h — session records (DESIGN.md §5, docs/record-format.md).
 *
 * A record is one append-only JSON Lines file per session: a header, one line
 * per event, pose samples for replay, a closing summary and a seal. Every line
 * ends in a SHA-256 that chains it to the previous line, so changing,
 * removing, inserting or reordering a line breaks the chain; the seal holds an
 * Ed25519 signature of the chain head by the institution's private key when
 * one is configured (records from before signatures: an HMAC-SHA-256). All
 * crypto is OpenSSL libcrypto.
 *
 *   struct rec_writer *w = rec_writer_create(path, &hdr, key_or_NULL, err, sizeof err);
 *   every frame:  rec_writer_append(w, &ev) for each event;
 *                 rec_writer_pose(w, t_us, &head, left, right);  (decimated inside)
 *                 rec_writer_tick(w, frame_time_us);             (flushes each second)
 *   at the end:   rec_writer_close(&w, end_time_us, err, sizeof err);
 *
 * Times are scenario time from the frame clock, never the wall clock. */
#ifndef PAJA_RECORD_H
#define PAJA_RECORD_H

#include "event.h"
#include "types.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct str_buf;

#define REC_HASH_HEX_LEN 65 /* 64 hex digits and NUL */
#define REC_FORMAT_NAME "paja-record"
#define REC_FORMAT_VERSION 1
/* Every line ends in exactly this many bytes (before the newline):
 * ,"h":"<64 hex>"} — the hashed body is everything in front of it. */
#define REC_LINE_SUFFIX_LEN 72

/* ---- hashing (rec_hash.c) ---------------------------------------------- */

/* SHA-256 of data as lower-case hex. */
void rec_sha256_hex(const void *data, size_t size, char out_hex[REC_HASH_HEX_LEN]);
/* The chain step: SHA-256(prev_hex || "\n" || body). The first line of a
 * record uses REC_CHAIN_GENESIS as prev_hex. */
void rec_chain_next(const char prev_hex[REC_HASH_HEX_LEN], const char *line, size_t line_len,
                    char out_hex[REC_HASH_HEX_LEN]);

#define REC_CHAIN_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* The institution's key. Two kinds:
 *  - an Ed25519 key pair (rec_sign.c, `paja key new`): the private key seals
 *    (a signature over the chain head), the public key alone checks it, so a
 *    teacher who verifies cannot forge; PEM files as OpenSSL writes them;
 *  - the raw bytes of a shared secret (at least 32 bytes), the HMAC-SHA-256
 *    seal of records written before signatures; still read and checked.
 * id is the key's fingerprint, written into the seal so verify can say
 * which key sealed a record: the first 16 hex digits of SHA-256 of the raw
 * 32-byte public key (Ed25519) or of the secret (HMAC). */
#define REC_KEY_MAX 1024
#define REC_KEY_MIN 32
#define REC_SIG_HEX_LEN 129 /* an Ed25519 signature as hex, and NUL */
enum rec_key_kind { REC_KEY_HMAC, REC_KEY_ED25519_PUBLIC, REC_KEY_ED25519_PRIVATE };
struct rec_key {
    enum rec_key_kind kind;
    unsigned char bytes[REC_KEY_MAX]; /* HMAC secret, or the raw Ed25519 private key */
    size_t len;
    unsigned char pub[32];            /* Ed25519 public key */
    char id[17];
};
/* Reads a key file: PEM (Ed25519 private or public key) or, anything else,
 * the raw bytes of an HMAC secret. */
bool rec_key_load(const char *path, struct rec_key *out, char *err, size_t err_size);
/* Builds an HMAC key from bytes in memory (tests, benchmarks). len <= REC_KEY_MAX. */
void rec_key_from_bytes(const void *bytes, size_t len, struct rec_key *out);
/* The seal's HMAC-SHA-256 over "paja-seal/1\n" || head_hex, as hex. */
void rec_seal_hmac(const struct rec_key *key, const char head_hex[REC_HASH_HEX_LEN], char out_hex[REC_HASH_HEX_LEN]);

/* ---- Ed25519 seals (rec_sign.c) ------------------------------------------ */

/* A PEM key in memory (path only names it in messages). */
bool rec_key_parse_pem(const void *data, size_t size, const char *path, struct rec_key *out, char *err,
                       size_t err_size);
/* Makes a new key pair: the private key to private_path (mode 0600), the
 * public key to public_path; never over an existing file. out gets the
 * private key (its id is the fingerprint). */
bool rec_key_generate(const char *private_path, const char *public_path, struct rec_key *out, char *err,
                      size_t err_size);
/* The seal's signature: Ed25519 over "paja-seal/2\n" || head_hex, as hex.
 * False when key is not a private Ed25519 key. */
bool rec_seal_sign(const struct rec_key *key, const char head_hex[REC_HASH_HEX_LEN], char out_hex[REC_SIG_HEX_LEN]);
/* Checks a seal's signature with an Ed25519 key (its public half). */
bool rec_seal_sig_check(const struct rec_key *key, const char head_hex[REC_HASH_HEX_LEN], const char *sig_hex);
/* Constant-time comparison of two hex digests. */
bool rec_hex_equal(const char *a, const char *b);

/* ---- the header ---------------------------------------------------------- */

/* What a session is: who, what, how. Strings may be NULL where not known
 * (written as absent). */
struct rec_header {
    const char *session;          /* UUID; a random one when NULL */
    const char *scenario_id;      /* "ev-battery/hv-isolation" */
    const char *scenario_version;
    const char *scenario_hash;    /* content hash of the scenario folder */
    const char *scenario_title;
    const char *trainee;          /* opaque student id, never a real name */
    const char *institution;      /* LMS home page, the xAPI account homePage */
    const char *mode;             /* guided, practice, exam */
    uint64_t seed;
    const char *device;           /* desktop, headless, openxr:<system> */
    const char *input;            /* mouse, controllers, hands, script */
    const char *paja_version;
    const char *start_utc;        /* ISO 8601 UTC; now when NULL */
    const char *lang;             /* fi, en, sv */
    double score_max;             /* the rubric's maximum score; 0 means 100 */
};

/* ---- the writer (rec_writer.c) ------------------------------------------ */

/* Pose sampling: at most 5 per second, and only when something moved by 1 cm
 * or 2 degrees, but at least one per second (docs/record-format.md has the
 * size arithmetic). */
#define REC_POSE_MIN_INTERVAL_US 200000
#define REC_POSE_KEEPALIVE_US 1000000
/* Flush at least this often (scenario time) and at every step boundary. */
#define REC_FLUSH_INTERVAL_US 1000000
#define REC_FLUSH_BYTES (64 * 1024)

struct rec_writer;

/* Creates path (never overwrites: an existing file is an error), writes and
 * flushes the header. key may be NULL (the record is then closed with an
 * unkeyed seal). Returns NULL with a message in err. */
struct rec_writer *rec_writer_create(const char *path, const struct rec_header *h, const struct rec_key *key,
                                     char *err, size_t err_size);
/* Appends one event line. Flushes at step boundaries (step started or
 * completed, violations, finished) and when the event's time is a second or
 * more past the last flush. False only when the writer is closed; a write
 * error keeps the data buffered and is retried at the next flush. */
bool rec_writer_append(struct rec_writer *w, const struct ev *e);
/* Offers a pose sample; the writer keeps it only as the sampling rule above
 * says. left/right may be NULL when that hand is not tracked. */
bool rec_writer_pose(struct rec_writer *w, int64_t t_us, const struct pose *head, const struct pose *left,
                     const struct pose *right);
/* Flushes when now_us is a second or more past the last flush; call once a
 * frame so quiet stretches are still on disk. */
bool rec_writer_tick(struct rec_writer *w, int64_t now_us);
/* Writes buffered lines to the file (no fsync). */
bool rec_writer_flush(struct rec_writer *w);
/* Writes the summary and the seal, fsyncs and frees *w (sets it NULL).
 * False (message in err) when the data could not be written; the file then
 * holds everything that could be. */
bool rec_writer_close(struct rec_writer **w, int64_t end_us, char *err, size_t err_size);
/* Frees the writer without summary or seal, as a crash would leave it
 * (tests; also the path for a session abandoned without a result). */
void rec_writer_abandon(struct rec_writer **w);
/* Lines and bytes written so far (benchmarks, tests). */
uint64_t rec_writer_lines(const struct rec_writer *w);
uint64_t rec_writer_bytes(const struct rec_writer *w);
/* Session UUID in use (generated when the header gave none). */
const char *rec_writer_session(const struct rec_writer *w);

/* The summary's result word for a `finished` event's detail: the scenario
 * engine says "pass"/"fail"/"incomplete" (event.h); records and xAPI say
 * "passed"/"failed"/"incomplete". Other words are kept as they are; NULL or
 * empty is "incomplete". Returns a static string or d itself. */
const char *rec_result_normalize(const char *d);

/* ---- verification (rec_verify.c) ---------------------------------------- */

enum rec_integrity {
    REC_INTEGRITY_VERIFIED, /* chain intact, seal's signature (or HMAC) checked with the key */
    REC_INTEGRITY_SEALED,   /* chain intact, seal with a signature or HMAC not checked (no key) */
    REC_INTEGRITY_CLOSED,   /* chain intact, seal without HMAC (no key configured) */
    REC_INTEGRITY_UNSEALED, /* chain intact but no seal: crash, still running or cut short */
    REC_INTEGRITY_ALTERED,  /* the chain or the seal is broken */
};
const char *rec_integrity_name(enum rec_integrity i); /* "verified", ... */

struct rec_check {
    bool is_record;            /* false: not a paja record at all (unreadable) */
    bool supported;            /* format version known to this paja */
    enum rec_integrity integrity;
    size_t lines;              /* complete lines in the file */
    size_t lines_intact;       /* leading lines whose chain checks out */
    size_t torn_bytes;         /* bytes of an unfinished last line (crash) */
    bool key_checked;          /* a key was given and the seal's HMAC compared */
    size_t finding_line;       /* 1-based line of the first finding; 0 if none */
    char finding[384];         /* what is wrong there, for a person; "" if nothing */
    char note[256];            /* state that is not a finding (torn tail, unchecked HMAC) */
    char sealed_by[17];        /* the seal's key_id (fingerprint), "" when the seal names none */
    char seal_alg[16];         /* "ed25519", "hmac-sha256", or "" (closed without a key) */
};

/* Checks the chain and the seal of a whole record in memory. key may be
 * NULL. Never fails: everything it finds is in out. A finding exists when
 * integrity is ALTERED or UNSEALED, or a key was given and the record is
 * not VERIFIED. */
void rec_verify(const char *data, size_t size, const struct rec_key *key, struct rec_check *out);
bool rec_check_is_finding(const struct rec_check *c, const struct rec_key *key);

/* ---- reading (rec_reader.c) ---------------------------------------------- */

struct rec_pose_sample {
    int64_t t_us;
    float head[7];        /* px py pz qx qy qz qw */
    float hand[2][7];
    bool has_hand[2];
};

struct rec_summary {
    bool present;         /* false: no summary line (crash) — fields derived from events */
    const char *result;   /* passed, failed, incomplete */
    double score, score_max;
    int violations[4];    /* indexed by severity 1..3 */
    int steps_completed;
    int hints;
    int64_t duration_us;
};

/* A record loaded into an arena: everything recovered from complete lines,
 * whatever the chain says (an altered record is still shown, marked). */
struct rec_record {
    const char *path;
    struct rec_header header;   /* strings in the arena */
    int version;
    struct ev *events;          /* strings in the arena */
    size_t event_count;
    uint32_t *event_line;       /* 1-based file line of each event */
    struct rec_pose_sample *poses;
    size_t pose_count;
    struct rec_summary summary;
    int64_t end_us;             /* last time seen */
    struct rec_check check;
};

/* Several keys a school checks seals with (one per machine group, an old
 * and a new one): each record is checked with the key its seal names, or
 * with the first when none matches (verify then says "another key"). */
struct rec_keyring {
    const struct rec_key *keys;
    size_t n;
};
/* The key for the record in data (NULL when the ring is NULL or empty). */
const struct rec_key *rec_keyring_pick(const struct rec_keyring *ring, const char *data, size_t size);

/* Parses a record from memory; everything lives in a. False (message in
 * err) only when the data is not a paja record or its version is unknown. */
bool rec_record_parse(const char *data, size_t size, const struct rec_key *key, struct arena *a,
                      struct rec_record *out, char *err, size_t err_size);
/* Reads and parses a file. */
bool rec_record_load(const char *path, const struct rec_key *key, struct arena *a, struct rec_record *out,
                     char *err, size_t err_size);
/* The same, choosing what to keep: REC_READ_NO_POSES leaves pose samples
 * out (pose_count 0; they are still verified), which the report and the
 * xAPI export do not need and which are most of a record's lines. */
enum rec_read_flags { REC_READ_ALL = 0, REC_READ_NO_POSES = 1 };
bool rec_record_parse_flags(const char *data, size_t size, const struct rec_key *key, unsigned flags,
                            struct arena *a, struct rec_record *out, char *err, size_t err_size);
bool rec_record_load_flags(const char *path, const struct rec_key *key, unsigned flags, struct arena *a,
                           struct rec_record *out, char *err, size_t err_size);
/* The same, with the key from ring that the record's seal names. */
bool rec_record_load_ring(const char *path, const struct rec_keyring *ring, unsigned flags, struct arena *a,
                          struct rec_record *out, char *err, size_t err_size);

/* ---- time helpers (rec_time.c) ------------------------------------------ */

/* "2026-11-24T08:15:30.123Z" (also without fraction) → ms since 1970; false on junk. */
bool rec_time_parse_utc(const char *s, int64_t *out_ms);
void rec_time_format_utc(int64_t ms, char out[32]);
/* ISO 8601 duration with centiseconds: "PT1M23.45S", "PT0S". */
void rec_duration_format(int64_t us, char out[40]);

/* ---- xAPI (rec_xapi.c) ------------------------------------------------- */

#define REC_XAPI_DEFAULT_BASE "https://paja.invalid/xapi"
#define REC_XAPI_DEFAULT_HOMEPAGE "https://lms.invalid"

struct rec_xapi_opts {
    const char *iri_base;     /* activity/extension namespace; default REC_XAPI_DEFAULT_BASE */
    const char *homepage;     /* actor account homePage when the header has no institution */
};

/* Appends the statements of one record, as one JSON object per line
 * (xAPI 1.0.3, mapping in docs/xapi-mapping.md), to out. Returns how many.
 * Every statement carries r->check's integrity; a graded result
 * (passed/failed with a score) only when it is REC_INTEGRITY_VERIFIED. */
size_t rec_xapi_statements(const struct rec_record *r, const struct rec_xapi_opts *o, struct str_buf *out);
/* The deterministic statement id: a UUIDv4 shape from SHA-256 of the session,
 * the line's sequence number and the verb, so re-sending is idempotent. The
 * record's integrity is not part of it: an event is one statement, sent
 * once (the outbox keeps what it sent), carrying the integrity its record
 * had when it was mapped (docs/xapi-mapping.md). */
void rec_xapi_statement_id(const char *session, uint64_t seq, const char *verb, char out[37]);

/* ---- LRS delivery through an outbox (rec_outbox.c) --------------------- */

/* Where a statement came from, so a damaged outbox file can be rebuilt:
 * the record and the options it was mapped with (all may be NULL). */
struct rec_outbox_source {
    const char *record_path;            /* absolute is best: the outbox outlives the cwd */
    const char *key_path;               /* the key the record was checked with */
    const struct rec_xapi_opts *xapi;
};

/* Puts statements (JSON Lines, each with an "id") into dir as <id>.json.
 * Each file is two lines: a header {"paja_outbox":1,"sha256":…,"record":…,
 * "key":…,"iri_base":…,"homepage":…} with the SHA-256 of the statement's
 * bytes and where it came from, then the statement as it is sent. The same
 * statement twice is one file, and an id already delivered (sent/) is not
 * queued again. src may be NULL (the file then cannot be rebuilt). Returns
 * how many were new; -1 on error (err). */
int rec_outbox_add(const char *dir, const char *jsonl, size_t size, const struct rec_outbox_source *src, char *err,
                   size_t err_size);

struct rec_outbox_result {
    int delivered;     /* accepted by the LRS now (2xx), removed from the outbox */
    int waiting;       /* still in the outbox: LRS unreachable or 5xx */
    int rejected;      /* 4xx: moved to dir/rejected/ with the LRS's answer */
    int already;       /* 409: the LRS holds a statement with this id already */
    int rebuilt;       /* damaged files rebuilt from their record (then sent) */
    int damaged;       /* damaged and not rebuildable: moved to dir/damaged/, never sent */
    char message[512]; /* first rejection or the reason delivery stopped */
};
/* How a send may be bounded (rec_outbox_send_ex). */
struct rec_outbox_send_opts {
    long connect_timeout_s, timeout_s; /* per request; 0: 10 s and 60 s */
    /* Polled during transfers and between statements: true stops the send
     * at once (what is not delivered stays waiting). NULL: never. */
    bool (*cancelled)(void *user);
    void *user;
};
/* Sends every statement in dir with PUT /statements?statementId=ID (one
 * request per statement, so an id the LRS already has is answered without
 * storing it twice). Stops at the first unreachable/5xx answer. auth is
 * "USER:PASS" or NULL. A file whose checksum or id does not match is never
 * sent as it is: it is rebuilt from its record (then sent), or moved to
 * damaged/. A statement delivered after an earlier rejection loses its
 * rejected/ copies. */
bool rec_outbox_send(const char *dir, const char *lrs_url, const char *auth, struct rec_outbox_result *out);
bool rec_outbox_send_ex(const char *dir, const char *lrs_url, const char *auth, const struct rec_outbox_send_opts *o,
                        struct rec_outbox_result *out);
/* libcurl's global setup, once per process; call it before starting a
 * thread that sends (rec_outbox_send does it itself otherwise). */
void rec_outbox_global_init(void);
/* Statements waiting in dir. */
int rec_outbox_count(const char *dir);

#endif

/* test_record_crash.c — crash recovery.
 *
 * 1. A writer process is killed (SIGKILL) at random points of a session many
 *    times. Every time, the file must be a byte-for-byte prefix of the record
 *    an uninterrupted writer produces, the reader must recover every complete
 *    line in it, and verify must call it unsealed and say how far it is
 *    intact (or sealed, when the kill came after the end).
 * 2. The same record cut at every byte offset of its first lines and at
 *    random offsets after: the torn last line is never taken for data. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_record_util.h"

#include "arena.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define CRASH_STEPS 40
#define CRASH_RUNS 60

static size_t count_lines(const char *d, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++) c += d[i] == '\n';
    return c;
}

static size_t count_kind(const char *d, size_t n, const char *needle)
{
    size_t c = 0;
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        if (d[i] != '\n') continue;
        /* Lines are short; a bounded search inside the line is enough. */
        const char *p = d + start;
        size_t len = i - start;
        size_t nl = strlen(needle);
        for (size_t k = 0; k + nl <= len; k++) {
            if (memcmp(p + k, needle, nl) == 0) {
                c++;
                break;
            }
        }
        start = i + 1;
    }
    return c;
}

/* Checks what a crash (or a cut) left in data against the full record. */
static void check_prefix(const char *data, size_t size, const char *full, size_t full_size, const struct rec_key *key,
                         const char *result)
{
    assert_true(size <= full_size);
    assert_memory_equal(data, full, size);
    size_t lines = count_lines(data, size);
    struct rec_check c;
    rec_verify(data, size, key, &c);
    if (lines == 0) {
        /* Killed before the header was written: nothing to recover, and
         * verify says why rather than crash. */
        assert_false(c.is_record);
        assert_true(c.finding[0] != '\0');
        return;
    }
    assert_true(c.is_record);
    assert_int_equal(c.lines, lines);
    assert_int_equal(c.lines_intact, lines);
    size_t last_nl = size;
    while (last_nl > 0 && data[last_nl - 1] != '\n') last_nl--;
    assert_int_equal(c.torn_bytes, size - last_nl);
    if (size == full_size) {
        assert_int_equal(c.integrity, key ? REC_INTEGRITY_VERIFIED : REC_INTEGRITY_CLOSED);
    } else if (c.integrity == REC_INTEGRITY_ALTERED) {
        /* Only possible when the cut leaves complete lines after a seal,
         * which a prefix never does. */
        fail_msg("a prefix was called altered: %s", c.finding);
    } else {
        assert_int_equal(c.integrity, REC_INTEGRITY_UNSEALED);
        char want[64];
        snprintf(want, sizeof want, "lines 1 to %zu are intact", lines);
        assert_non_null(strstr(c.finding, want));
        if (c.torn_bytes) assert_non_null(strstr(c.note, "unfinished line"));
    }

    /* The reader recovers every complete event line. */
    struct arena a;
    arena_init(&a, "crash", 1 << 16);
    struct rec_record r;
    char err[256];
    assert_true(rec_record_parse(data, size, key, &a, &r, err, sizeof err));
    assert_int_equal(r.event_count, count_kind(data, last_nl, "\"k\":\"ev\""));
    assert_int_equal(r.pose_count, count_kind(data, last_nl, "\"k\":\"pose\""));
    assert_int_equal(r.summary.present, count_kind(data, last_nl, "\"k\":\"summary\"") == 1);
    if (!r.summary.present) assert_string_equal(r.summary.result, r.event_count && r.events[r.event_count - 1].type == EV_FINISHED ? result : "incomplete");
    arena_fini(&a);
}

static void killed_writer_loses_only_unflushed_lines(void **state)
{
    (void)state;
    char dir[256], ref[300];
    trec_tmpdir(dir);
    struct rec_key key;
    rec_key_from_bytes("crash-test key, thirty-two bytes", 32, &key);
    snprintf(ref, sizeof ref, "%s/ref.jsonl", dir);
    trec_session_file(ref, &key, "crash", CRASH_STEPS, "passed", 75);
    size_t full_size = 0;
    char *full = trec_slurp(ref, &full_size);

    unsigned seed = (unsigned)getpid();
    srand(seed);
    int unsealed = 0, sealed = 0, empty = 0;
    for (int run = 0; run < CRASH_RUNS; run++) {
        char path[300];
        snprintf(path, sizeof path, "%s/crash-%d.jsonl", dir, run);
        /* The child tells the parent through a pipe when it starts; the
         * parent then burns a random amount of its own CPU time (spread
         * over several orders of magnitude) and kills the child, which is by
         * then at an arbitrary instruction of the session. No timing is
         * asserted: whatever point the kill hits, the checks must hold. */
        int pfd[2];
        assert_int_equal(pipe(pfd), 0);
        long spin_n = rand() % (1L << (rand() % 26));
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            close(pfd[0]);
            struct rec_header h;
            trec_header(&h, "crash");
            char err[256];
            /* One run in ten announces itself before the header (which ends
             * in an fsync, slow enough to catch many kills). */
            if (run % 10 == 0) (void)!write(pfd[1], "x", 1);
            struct rec_writer *w = rec_writer_create(path, &h, &key, err, sizeof err);
            if (!w) _exit(3);
            if (run % 10 != 0) (void)!write(pfd[1], "x", 1);
            int64_t end = trec_session_write(w, CRASH_STEPS, "passed", 75);
            rec_writer_close(&w, end + 250000, err, sizeof err);
            _exit(0);
        }
        close(pfd[1]);
        char b;
        (void)!read(pfd[0], &b, 1);
        for (volatile long spin = spin_n; spin > 0; spin--) {
        }
        kill(pid, SIGKILL);
        int st = 0;
        waitpid(pid, &st, 0);
        close(pfd[0]);

        FILE *f = fopen(path, "rb");
        if (!f) {
            empty++; /* killed before open() */
            continue;
        }
        fclose(f);
        size_t size = 0;
        char *data = trec_slurp(path, &size);
        check_prefix(data, size, full, full_size, &key, "passed");
        if (size == 0) empty++;
        else if (size == full_size) sealed++;
        else unsealed++;
        free(data);
    }
    print_message("crash runs (seed %u): %d cut short, %d complete, %d before the header\n", seed, unsealed, sealed,
                  empty);
    free(full);
    trec_rmdir(dir);
}

static void torn_lines_at_every_offset(void **state)
{
    (void)state;
    char dir[256], ref[300];
    trec_tmpdir(dir);
    snprintf(ref, sizeof ref, "%s/ref.jsonl", dir);
    trec_session_file(ref, NULL, "torn", 3, "failed", 20);
    size_t full_size = 0;
    char *full = trec_slurp(ref, &full_size);
    /* Every offset through the first 2 KB (header, first events, poses),
     * then 300 random offsets in the rest, then the last 400 bytes. */
    for (size_t cut = 0; cut < 2048 && cut <= full_size; cut++) check_prefix(full, cut, full, full_size, NULL, "failed");
    srand(7);
    for (int k = 0; k < 300; k++) check_prefix(full, (size_t)rand() % full_size, full, full_size, NULL, "failed");
    for (size_t cut = full_size > 400 ? full_size - 400 : 0; cut <= full_size; cut++)
        check_prefix(full, cut, full, full_size, NULL, "failed");
    free(full);
    trec_rmdir(dir);
}

int trec_run_crash_tests(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(killed_writer_loses_only_unflushed_lines),
        cmocka_unit_test(torn_lines_at_every_offset),
    };
    return cmocka_run_group_tests_name("record crash", tests, NULL, NULL);
}

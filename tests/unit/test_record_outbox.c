/* test_record_outbox.c — LRS delivery through the outbox, against a tiny
 * scripted HTTP server on 127.0.0.1 (a child process) that answers each
 * request with the next status of its script and logs what it got. The
 * real LRS (npm xapi-statements) is exercised by an e2e test where node is
 * installed; this one runs everywhere and can make the LRS fail on cue. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_record_util.h"

#include "arena.h"
#include "fs.h"
#include "str.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

struct fake_lrs {
    pid_t pid;
    int port;
    char log[300];
};

/* Reads one HTTP request (headers and Content-Length body) from fd. */
static bool read_request(int fd, struct str_buf *req)
{
    char buf[4096];
    size_t need = 0;
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n <= 0) return false;
        str_buf_append(req, buf, (size_t)n);
        char *end = strstr(req->data, "\r\n\r\n");
        if (!end) continue;
        if (!need) {
            const char *cl = strstr(req->data, "Content-Length: ");
            need = (size_t)(end - req->data) + 4 + (cl ? (size_t)atol(cl + 16) : 0);
        }
        if (req->len >= need) return true;
    }
}

/* script: status codes for successive requests; the last one repeats. */
static void fake_lrs_start(struct fake_lrs *f, const char *dir, const int *script, int script_len)
{
    snprintf(f->log, sizeof f->log, "%s/lrs.log", dir);
    int s = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(s >= 0);
    int one = 1;
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = 0};
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(s, (struct sockaddr *)&addr, sizeof addr), 0);
    assert_int_equal(listen(s, 16), 0);
    socklen_t len = sizeof addr;
    getsockname(s, (struct sockaddr *)&addr, &len);
    f->port = ntohs(addr.sin_port);
    f->pid = fork();
    assert_true(f->pid >= 0);
    if (f->pid > 0) {
        close(s);
        return;
    }
    for (int k = 0;; k++) {
        int c = accept(s, NULL, NULL);
        if (c < 0) continue;
        struct str_buf req = {0};
        if (!read_request(c, &req)) {
            close(c);
            str_buf_free(&req);
            continue;
        }
        int status = script[k < script_len ? k : script_len - 1];
        const char *id = strstr(req.data, "statementId=");
        FILE *lf = fopen(f->log, "a");
        fprintf(lf, "%.3s %.36s %d %s %s%s\n", req.data, id ? id + 12 : "-", status,
                strstr(req.data, "X-Experience-API-Version: 1.0.3") ? "v" : "-",
                strstr(req.data, "Authorization: Basic ") ? "auth" : "noauth",
                strstr(req.data, "DAMAGED") || strstr(req.data, "paja_outbox") ? " BAD-BODY" : "");
        fclose(lf);
        const char *body = status >= 400 && status < 500 ? "{\"message\":\"actor.account.name is not a string\"}" : "";
        char resp[512];
        int n = snprintf(resp, sizeof resp, "HTTP/1.1 %d X\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n%s", status,
                         strlen(body), body);
        (void)!write(c, resp, (size_t)n);
        close(c);
        str_buf_free(&req);
    }
}

static void fake_lrs_stop(struct fake_lrs *f)
{
    kill(f->pid, SIGKILL);
    waitpid(f->pid, NULL, 0);
}

static int free_port(void)
{
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = 0};
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(s, (struct sockaddr *)&addr, sizeof addr);
    socklen_t len = sizeof addr;
    getsockname(s, (struct sockaddr *)&addr, &len);
    close(s);
    return ntohs(addr.sin_port);
}

/* Statements of a 2-step session into outbox dir; returns how many. */
static int fill_outbox(const char *dir, const char *box)
{
    char file[300], err[256];
    snprintf(file, sizeof file, "%s/s.jsonl", dir);
    trec_session_file(file, NULL, "t1", 2, "passed", 80);
    struct arena a;
    arena_init(&a, "o", 1 << 16);
    struct rec_record r;
    assert_true(rec_record_load(file, NULL, &a, &r, err, sizeof err));
    struct str_buf b = {0};
    int n = (int)rec_xapi_statements(&r, NULL, &b);
    struct rec_outbox_source src = {.record_path = file};
    assert_int_equal(rec_outbox_add(box, b.data, b.len, &src, err, sizeof err), n);
    /* Adding the same statements again queues nothing. */
    assert_int_equal(rec_outbox_add(box, b.data, b.len, &src, err, sizeof err), 0);
    assert_int_equal(rec_outbox_count(box), n);
    str_buf_free(&b);
    arena_fini(&a);
    return n;
}

/* Lines of the fake LRS's log with the given status. */
static int log_count(const char *log, const char *needle)
{
    FILE *f = fopen(log, "r");
    if (!f) return 0;
    char line[256];
    int c = 0;
    while (fgets(line, sizeof line, f)) c += strstr(line, needle) != NULL;
    fclose(f);
    return c;
}

static void unreachable_lrs_keeps_everything(void **state)
{
    (void)state;
    char dir[256], box[300], url[64];
    trec_tmpdir(dir);
    snprintf(box, sizeof box, "%s/outbox", dir);
    int n = fill_outbox(dir, box);
    snprintf(url, sizeof url, "http://127.0.0.1:%d/xAPI", free_port());
    struct rec_outbox_result res;
    assert_false(rec_outbox_send(box, url, "u:p", &res));
    assert_int_equal(res.delivered, 0);
    assert_int_equal(res.waiting, n);
    assert_non_null(strstr(res.message, "unreachable"));
    assert_int_equal(rec_outbox_count(box), n);
    trec_rmdir(dir);
}

static void server_error_retries_next_time_without_duplicates(void **state)
{
    (void)state;
    char dir[256], box[300], url[64];
    trec_tmpdir(dir);
    snprintf(box, sizeof box, "%s/outbox", dir);
    int n = fill_outbox(dir, box);
    /* Two statements go through, then the LRS fails; then it recovers. */
    const int script[] = {204, 200, 503, 204};
    struct fake_lrs f;
    fake_lrs_start(&f, dir, script, 4);
    snprintf(url, sizeof url, "http://127.0.0.1:%d/xAPI/", f.port);
    struct rec_outbox_result res;
    assert_false(rec_outbox_send(box, url, "user:pass", &res));
    assert_int_equal(res.delivered, 2);
    assert_int_equal(res.waiting, n - 2);
    assert_non_null(strstr(res.message, "503"));
    assert_int_equal(rec_outbox_count(box), n - 2);
    assert_true(rec_outbox_send(box, url, "user:pass", &res));
    assert_int_equal(res.delivered, n - 2);
    assert_int_equal(res.waiting, 0);
    assert_int_equal(rec_outbox_count(box), 0);
    /* A third run has nothing to send. */
    assert_true(rec_outbox_send(box, url, "user:pass", &res));
    assert_int_equal(res.delivered, 0);
    fake_lrs_stop(&f);

    /* The LRS saw every statement accepted exactly once, as PUT with the
     * version header and credentials; only the one that got 503 twice. */
    assert_int_equal(log_count(f.log, "PUT"), n + 1);
    assert_int_equal(log_count(f.log, " 503 "), 1);
    assert_int_equal(log_count(f.log, " v auth"), n + 1);
    FILE *lf = fopen(f.log, "r");
    char ids[64][40];
    int k = 0;
    char line[256];
    while (fgets(line, sizeof line, lf)) {
        char id[40];
        int status = 0;
        assert_int_equal(sscanf(line, "PUT %36s %d", id, &status), 2);
        if (status >= 300) continue;
        for (int j = 0; j < k; j++) assert_string_not_equal(ids[j], id);
        snprintf(ids[k++], sizeof ids[0], "%s", id);
    }
    fclose(lf);
    assert_int_equal(k, n);

    /* Re-exporting the delivered record queues nothing: ids are known sent. */
    char file[300], err[256];
    snprintf(file, sizeof file, "%s/s.jsonl", dir);
    struct arena a;
    arena_init(&a, "o", 1 << 16);
    struct rec_record r;
    assert_true(rec_record_load(file, NULL, &a, &r, err, sizeof err));
    struct str_buf b = {0};
    rec_xapi_statements(&r, NULL, &b);
    assert_int_equal(rec_outbox_add(box, b.data, b.len, NULL, err, sizeof err), 0);
    str_buf_free(&b);
    arena_fini(&a);
    trec_rmdir(dir);
}

/* 409 Conflict: the LRS already holds a statement under this id (the live
 * copy of a record exported again once sealed). Done, not rejected. */
static void conflict_is_already_delivered(void **state)
{
    (void)state;
    char dir[256], box[300], url[64], p[400];
    trec_tmpdir(dir);
    snprintf(box, sizeof box, "%s/outbox", dir);
    int n = fill_outbox(dir, box);
    const int script[] = {204, 409, 204};
    struct fake_lrs f;
    fake_lrs_start(&f, dir, script, 3);
    snprintf(url, sizeof url, "http://127.0.0.1:%d/xAPI", f.port);
    struct rec_outbox_result res;
    assert_true(rec_outbox_send(box, url, NULL, &res));
    fake_lrs_stop(&f);
    assert_int_equal(res.rejected, 0);
    assert_int_equal(res.already, 1);
    assert_int_equal(res.delivered, n);
    assert_int_equal(res.waiting, 0);
    assert_int_equal(rec_outbox_count(box), 0);
    /* Nothing left for a person in rejected/. */
    snprintf(p, sizeof p, "%s/rejected", box);
    DIR *d = opendir(p);
    struct dirent *e;
    int left = 0;
    while (d && (e = readdir(d)))
        if (e->d_name[0] != '.') left++;
    if (d) closedir(d);
    assert_int_equal(left, 0);
    trec_rmdir(dir);
}

static void client_error_is_reported_with_the_lrs_message(void **state)
{
    (void)state;
    char dir[256], box[300], url[64], p[400];
    trec_tmpdir(dir);
    snprintf(box, sizeof box, "%s/outbox", dir);
    int n = fill_outbox(dir, box);
    const int script[] = {204, 400, 204};
    struct fake_lrs f;
    fake_lrs_start(&f, dir, script, 3);
    snprintf(url, sizeof url, "http://127.0.0.1:%d/xAPI", f.port);
    struct rec_outbox_result res;
    assert_false(rec_outbox_send(box, url, NULL, &res));
    fake_lrs_stop(&f);
    assert_int_equal(res.rejected, 1);
    assert_int_equal(res.delivered, n - 1);
    assert_int_equal(res.waiting, 0);
    assert_non_null(strstr(res.message, "HTTP 400"));
    assert_non_null(strstr(res.message, "actor.account.name is not a string"));
    assert_int_equal(rec_outbox_count(box), 0);
    /* The rejected statement and the answer are kept for a person. */
    char id[40];
    assert_int_equal(sscanf(strstr(res.message, "statement ") + 10, "%36s", id), 1);
    snprintf(p, sizeof p, "%s/rejected/%s.json", box, id);
    FILE *fp = fopen(p, "r");
    assert_non_null(fp);
    fclose(fp);
    assert_int_equal(log_count(f.log, "noauth"), n);
    trec_rmdir(dir);
}

/* The name of one waiting statement file (the first in readdir order). */
static bool first_waiting(const char *box, char id[40])
{
    DIR *d = opendir(box);
    struct dirent *e;
    bool found = false;
    while (d && (e = readdir(d)))
        if (strlen(e->d_name) == 41 && strstr(e->d_name, ".json")) {
            snprintf(id, 40, "%.36s", e->d_name);
            found = true;
            break;
        }
    if (d) closedir(d);
    return found;
}

/* Replaces the first occurrence of from with to (same length) in a file. */
static void damage_file(const char *path, const char *from, const char *to)
{
    struct arena a;
    arena_init(&a, "dmg", 1 << 16);
    char err[256];
    size_t size = 0;
    char *txt = fs_read_all(path, &a, &size, err, sizeof err);
    assert_non_null(txt);
    char *at = strstr(txt, from);
    assert_non_null(at);
    memcpy(at, to, strlen(to));
    FILE *f = fopen(path, "wb");
    fwrite(txt, 1, size, f);
    fclose(f);
    arena_fini(&a);
}

/* Every file carries the statement's checksum; a damaged statement is
 * rebuilt from its record and the rebuilt one is sent, never the damage. */
static void damaged_file_is_rebuilt_from_its_record(void **state)
{
    (void)state;
    char dir[256], box[300], url[64], p[400], id[40];
    trec_tmpdir(dir);
    snprintf(box, sizeof box, "%s/outbox", dir);
    int n = fill_outbox(dir, box);
    assert_true(first_waiting(box, id));
    snprintf(p, sizeof p, "%s/%s.json", box, id);
    FILE *f = fopen(p, "r");
    char head[200];
    assert_non_null(fgets(head, sizeof head, f));
    fclose(f);
    assert_non_null(strstr(head, "{\"paja_outbox\":1,\"sha256\":\""));
    damage_file(p, "\"actor\"", "DAMAGED");
    const int script[] = {204};
    struct fake_lrs fl;
    fake_lrs_start(&fl, dir, script, 1);
    snprintf(url, sizeof url, "http://127.0.0.1:%d/xAPI", fl.port);
    struct rec_outbox_result res;
    assert_true(rec_outbox_send(box, url, NULL, &res));
    fake_lrs_stop(&fl);
    assert_int_equal(res.rebuilt, 1);
    assert_int_equal(res.damaged, 0);
    assert_int_equal(res.delivered, n);
    assert_int_equal(log_count(fl.log, "PUT"), n);
    assert_int_equal(log_count(fl.log, "BAD-BODY"), 0);
    assert_int_equal(log_count(fl.log, id), 1);
    trec_rmdir(dir);
}

/* Damaged with no record to rebuild it from (gone, or a header that is
 * itself damaged): set aside in damaged/, never sent; the rest goes. */
static void damaged_file_without_its_record_is_set_aside(void **state)
{
    (void)state;
    char dir[256], box[300], url[64], p[400], id[40], rec[300];
    trec_tmpdir(dir);
    snprintf(box, sizeof box, "%s/outbox", dir);
    int n = fill_outbox(dir, box);
    snprintf(rec, sizeof rec, "%s/s.jsonl", dir);
    assert_int_equal(unlink(rec), 0);
    assert_true(first_waiting(box, id));
    snprintf(p, sizeof p, "%s/%s.json", box, id);
    damage_file(p, "\"verb\"", "DAMAGE");
    const int script[] = {204};
    struct fake_lrs fl;
    fake_lrs_start(&fl, dir, script, 1);
    snprintf(url, sizeof url, "http://127.0.0.1:%d/xAPI", fl.port);
    struct rec_outbox_result res;
    assert_false(rec_outbox_send(box, url, NULL, &res));
    fake_lrs_stop(&fl);
    assert_int_equal(res.damaged, 1);
    assert_int_equal(res.delivered, n - 1);
    assert_int_equal(res.waiting, 0);
    assert_non_null(strstr(res.message, "damaged"));
    assert_int_equal(log_count(fl.log, id), 0);
    assert_int_equal(log_count(fl.log, "BAD-BODY"), 0);
    snprintf(p, sizeof p, "%s/damaged/%s.json", box, id);
    assert_true(fs_exists(p));
    trec_rmdir(dir);
}

/* Files an earlier paja wrote (the statement alone) are still sent. */
static void old_files_without_a_header_are_sent(void **state)
{
    (void)state;
    char dir[256], box[300], url[64], p[400], id[40];
    trec_tmpdir(dir);
    snprintf(box, sizeof box, "%s/outbox", dir);
    int n = fill_outbox(dir, box);
    assert_true(first_waiting(box, id));
    snprintf(p, sizeof p, "%s/%s.json", box, id);
    struct arena a;
    arena_init(&a, "old", 1 << 16);
    char err[256];
    size_t size = 0;
    char *txt = fs_read_all(p, &a, &size, err, sizeof err);
    char *stmt = strchr(txt, '\n') + 1;
    assert_true(fs_write_atomic(p, stmt, strlen(stmt), err, sizeof err));
    arena_fini(&a);
    const int script[] = {204};
    struct fake_lrs fl;
    fake_lrs_start(&fl, dir, script, 1);
    snprintf(url, sizeof url, "http://127.0.0.1:%d/xAPI", fl.port);
    struct rec_outbox_result res;
    assert_true(rec_outbox_send(box, url, NULL, &res));
    fake_lrs_stop(&fl);
    assert_int_equal(res.delivered, n);
    assert_int_equal(res.rebuilt + res.damaged, 0);
    assert_int_equal(log_count(fl.log, id), 1);
    trec_rmdir(dir);
}

/* A statement rejected once, queued again and then delivered leaves no
 * rejected/ copy behind. */
static void rejected_copy_removed_once_delivered(void **state)
{
    (void)state;
    char dir[256], box[300], url[64], p[400], q[400], file[300], err[256];
    trec_tmpdir(dir);
    snprintf(box, sizeof box, "%s/outbox", dir);
    int n = fill_outbox(dir, box);
    const int script[] = {400, 204};
    struct fake_lrs fl;
    fake_lrs_start(&fl, dir, script, 2);
    snprintf(url, sizeof url, "http://127.0.0.1:%d/xAPI", fl.port);
    struct rec_outbox_result res;
    assert_false(rec_outbox_send(box, url, NULL, &res));
    assert_int_equal(res.rejected, 1);
    char id[40];
    assert_int_equal(sscanf(strstr(res.message, "statement ") + 10, "%36s", id), 1);
    snprintf(p, sizeof p, "%s/rejected/%s.json", box, id);
    snprintf(q, sizeof q, "%s/rejected/%s.answer.txt", box, id);
    assert_true(fs_exists(p) && fs_exists(q));
    /* Queued again (say, after the LRS's configuration was fixed). */
    snprintf(file, sizeof file, "%s/s.jsonl", dir);
    struct arena a;
    arena_init(&a, "o", 1 << 16);
    struct rec_record r;
    assert_true(rec_record_load(file, NULL, &a, &r, err, sizeof err));
    struct str_buf b = {0};
    rec_xapi_statements(&r, NULL, &b);
    struct rec_outbox_source src = {.record_path = file};
    assert_int_equal(rec_outbox_add(box, b.data, b.len, &src, err, sizeof err), 1);
    str_buf_free(&b);
    arena_fini(&a);
    assert_true(rec_outbox_send(box, url, NULL, &res));
    fake_lrs_stop(&fl);
    assert_int_equal(res.delivered, 1);
    assert_false(fs_exists(p));
    assert_false(fs_exists(q));
    assert_int_equal(log_count(fl.log, "PUT"), n + 1);
    trec_rmdir(dir);
}

int trec_run_outbox_tests(void)
{
    /* A killed fake LRS must not take the test down with SIGPIPE. */
    signal(SIGPIPE, SIG_IGN);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(unreachable_lrs_keeps_everything),
        cmocka_unit_test(server_error_retries_next_time_without_duplicates),
        cmocka_unit_test(client_error_is_reported_with_the_lrs_message),
        cmocka_unit_test(damaged_file_is_rebuilt_from_its_record),
        cmocka_unit_test(damaged_file_without_its_record_is_set_aside),
        cmocka_unit_test(old_files_without_a_header_are_sent),
        cmocka_unit_test(rejected_copy_removed_once_delivered),
        cmocka_unit_test(conflict_is_already_delivered),
    };
    return cmocka_run_group_tests_name("record outbox", tests, NULL, NULL);
}

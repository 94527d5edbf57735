/* fs.c — file helpers (see fs.h). */
#include "fs.h"

#include "arena.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void set_err(char *err, size_t err_size, const char *what, const char *path)
{
    if (err && err_size) snprintf(err, err_size, "cannot %s '%s': %s", what, path, strerror(errno));
}

char *fs_read_all(const char *path, struct arena *a, size_t *out_size, char *err, size_t err_size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        set_err(err, err_size, "open", path);
        return NULL;
    }
    struct stat st;
    if (fstat(fileno(f), &st) != 0) {
        set_err(err, err_size, "stat", path);
        fclose(f);
        return NULL;
    }
    if (S_ISDIR(st.st_mode)) {
        if (err && err_size) snprintf(err, err_size, "cannot read '%s': it is a directory", path);
        fclose(f);
        return NULL;
    }
    /* Read in chunks rather than trusting st_size: pipes and /proc files
     * report 0, and a file may grow while read. */
    size_t cap = st.st_size > 0 ? (size_t)st.st_size + 1 : 4096;
    char *buf = xmalloc(cap);
    size_t len = 0;
    for (;;) {
        if (len + 1 >= cap) {
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
        size_t n = fread(buf + len, 1, cap - len - 1, f);
        len += n;
        if (n == 0) break;
    }
    bool failed = ferror(f) != 0;
    if (failed) set_err(err, err_size, "read", path);
    fclose(f);
    char *out = NULL;
    if (!failed) {
        out = arena_push_nozero(a, len + 1, 16);
        memcpy(out, buf, len);
        out[len] = '\0';
        if (out_size) *out_size = len;
    }
    free(buf);
    return out;
}

static bool write_all(int fd, const void *data, size_t size)
{
    const unsigned char *p = data;
    size_t left = size;
    while (left > 0) {
        ssize_t n = write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        p += n;
        left -= (size_t)n;
    }
    return true;
}

static bool write_atomic_mode(const char *path, const void *data, size_t size, unsigned mode, char *err,
                              size_t err_size)
{
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid()) >= (int)sizeof tmp) {
        if (err && err_size) snprintf(err, err_size, "path too long: '%s'", path);
        return false;
    }
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, (mode_t)mode);
    if (fd < 0) {
        /* The user named path; the temporary file beside it is ours. */
        set_err(err, err_size, "create", path);
        return false;
    }
    if (!write_all(fd, data, size)) {
        set_err(err, err_size, "write", tmp);
        close(fd);
        unlink(tmp);
        return false;
    }
    if (fsync(fd) != 0 || close(fd) != 0) {
        set_err(err, err_size, "sync", tmp);
        unlink(tmp);
        return false;
    }
    if (rename(tmp, path) != 0) {
        set_err(err, err_size, "replace", path);
        unlink(tmp);
        return false;
    }
    return true;
}

bool fs_write_atomic(const char *path, const void *data, size_t size, char *err, size_t err_size)
{
    return write_atomic_mode(path, data, size, 0644, err, err_size);
}

/* Follows a chain of symbolic links from path to the file it names, which
 * need not exist yet (a dangling link names the file to create). A relative
 * link is relative to the folder the link is in. False on a loop. */
static bool resolve_links(const char *path, char *out, size_t size)
{
    if (snprintf(out, size, "%s", path) >= (int)size) return false;
    for (int hops = 0; hops < 40; hops++) {
        struct stat st;
        if (lstat(out, &st) != 0 || !S_ISLNK(st.st_mode)) return true;
        char link[4096];
        ssize_t n = readlink(out, link, sizeof link - 1);
        if (n < 0) return false;
        link[n] = '\0';
        if (link[0] == '/') {
            if (snprintf(out, size, "%s", link) >= (int)size) return false;
        } else {
            char *slash = strrchr(out, '/');
            char dir[4096];
            if (slash) snprintf(dir, sizeof dir, "%.*s", (int)(slash - out), out);
            else snprintf(dir, sizeof dir, ".");
            if (snprintf(out, size, "%s/%s", slash && slash == out ? "" : dir, link) >= (int)size) return false;
        }
    }
    errno = ELOOP;
    return false;
}

bool fs_write_output(const char *path, const void *data, size_t size, unsigned mode, char *err, size_t err_size)
{
    if (strcmp(path, "-") == 0) {
        fflush(stdout);
        if (!write_all(STDOUT_FILENO, data, size)) {
            if (err && err_size) snprintf(err, err_size, "cannot write to standard output: %s", strerror(errno));
            return false;
        }
        return true;
    }
    char target[4096];
    if (!resolve_links(path, target, sizeof target)) {
        set_err(err, err_size, "follow the link", path);
        return false;
    }
    struct stat st;
    if (stat(target, &st) != 0) {
        if (errno != ENOENT) {
            set_err(err, err_size, "write", path);
            return false;
        }
        return write_atomic_mode(target, data, size, mode, err, err_size);
    }
    if (S_ISREG(st.st_mode)) return write_atomic_mode(target, data, size, st.st_mode & 07777, err, err_size);
    if (S_ISDIR(st.st_mode)) {
        if (err && err_size) snprintf(err, err_size, "cannot write '%s': it is a folder; name a file", path);
        return false;
    }
    /* A device, FIFO or socket: write into it, as a shell redirection
     * would; never replace it. */
    int fd = open(target, O_WRONLY | O_NOCTTY);
    if (fd < 0) {
        set_err(err, err_size, "open", path);
        return false;
    }
    bool ok = write_all(fd, data, size);
    if (!ok) set_err(err, err_size, "write", path);
    if (close(fd) != 0 && ok) {
        set_err(err, err_size, "write", path);
        ok = false;
    }
    return ok;
}

bool fs_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

bool fs_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool fs_mkdir_p(const char *path, char *err, size_t err_size)
{
    char buf[4096];
    if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf) {
        if (err && err_size) snprintf(err, err_size, "path too long: '%s'", path);
        return false;
    }
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        if (mkdir(buf, 0755) != 0 && errno != EEXIST) {
            set_err(err, err_size, "create directory", buf);
            return false;
        }
        *p = '/';
    }
    if (mkdir(buf, 0755) != 0 && errno != EEXIST) {
        set_err(err, err_size, "create directory", buf);
        return false;
    }
    if (!fs_is_dir(buf)) {
        if (err && err_size) snprintf(err, err_size, "'%s' exists and is not a directory", buf);
        return false;
    }
    return true;
}

char *fs_dirname(struct arena *a, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash) return arena_strdup(a, ".");
    if (slash == path) return arena_strdup(a, "/");
    return arena_strndup(a, path, (size_t)(slash - path));
}

char *fs_join(struct arena *a, const char *dir, const char *name)
{
    size_t n = strlen(dir);
    if (n > 0 && dir[n - 1] == '/') return arena_printf(a, "%s%s", dir, name);
    return arena_printf(a, "%s/%s", dir, name);
}

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

bool fs_write_atomic(const char *path, const void *data, size_t size, char *err, size_t err_size)
{
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid()) >= (int)sizeof tmp) {
        if (err && err_size) snprintf(err, err_size, "path too long: '%s'", path);
        return false;
    }
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        set_err(err, err_size, "create", tmp);
        return false;
    }
    const unsigned char *p = data;
    size_t left = size;
    while (left > 0) {
        ssize_t n = write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            set_err(err, err_size, "write", tmp);
            close(fd);
            unlink(tmp);
            return false;
        }
        p += n;
        left -= (size_t)n;
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

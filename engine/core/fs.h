/* fs.h — whole-file reading and writing with messages a person understands. */
#ifndef PAJA_FS_H
#define PAJA_FS_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

/* Reads the whole file into the arena, NUL-terminated (so text can be parsed
 * in place); *out_size excludes the NUL. On failure returns NULL and writes a
 * message like "cannot open 'x.yaml': No such file or directory" to err. */
char *fs_read_all(const char *path, struct arena *a, size_t *out_size, char *err, size_t err_size);

/* Writes data to path through a temporary file in the same directory, fsync
 * and rename, so a crash leaves either the old file or the new one. */
bool fs_write_atomic(const char *path, const void *data, size_t size, char *err, size_t err_size);

/* Writes an output file the user named (-o, --csv, --screenshot …):
 *   "-"                       standard output;
 *   a symbolic link           written through to its target (the link stays);
 *   a new path, a regular file  atomically, as fs_write_atomic (an existing
 *                             file keeps its permissions; a new one gets mode
 *                             less the umask);
 *   a device, FIFO or socket  opened and written directly, never replaced
 *                             (run as root, `-o /dev/null` must not put a
 *                             regular file where the device was);
 *   a folder                  refused.
 * err names the path and says what went wrong. */
bool fs_write_output(const char *path, const void *data, size_t size, unsigned mode, char *err, size_t err_size);

bool fs_exists(const char *path);
bool fs_is_dir(const char *path);
/* Creates path and its missing parents (mode 0755). */
bool fs_mkdir_p(const char *path, char *err, size_t err_size);
/* Directory part of path (without the trailing slash), "." if none; into arena. */
char *fs_dirname(struct arena *a, const char *path);
/* Joins dir and name with one '/', into arena. */
char *fs_join(struct arena *a, const char *dir, const char *name);

#endif

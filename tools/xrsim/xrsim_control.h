/* Client side of xrsim's control channel: a test player connects to the
 * socket named by XRSIM_CONTROL and sends command lines (see
 * tools/xrsim/README.md, "Control protocol"). Each command gets one reply
 * line, sent when the runtime runs it (at its next frame boundary). */
#ifndef XRSIM_CONTROL_H
#define XRSIM_CONTROL_H

#include <stddef.h>

/* Connects to the runtime's socket, retrying until it exists (the runtime
 * opens it at xrCreateInstance) or timeout_ms passes. Returns an fd or -1. */
int xrsim_connect(const char *socket_path, int timeout_ms);

/* Sends one command (printf-style, no newline needed) and reads its reply
 * into reply (may be NULL). Returns 0 for "ok ...", 1 for "error ...", -1 when
 * the connection failed or timeout_ms passed without a reply. */
int xrsim_command(int fd, char *reply, size_t reply_size, int timeout_ms, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

void xrsim_disconnect(int fd);

#endif

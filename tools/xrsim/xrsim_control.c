/* Client side of xrsim's control channel (see xrsim_control.h). */
#include "xrsim_control.h"

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

int xrsim_connect(const char *socket_path, int timeout_ms)
{
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    if (!socket_path || strlen(socket_path) >= sizeof addr.sun_path) return -1;
    strcpy(addr.sun_path, socket_path);
    for (int waited = 0;; waited += 20) {
        int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) return -1;
        if (connect(fd, (struct sockaddr *)&addr, sizeof addr) == 0) return fd;
        close(fd);
        if (waited >= timeout_ms) return -1;
        sleep_ms(20);
    }
}

int xrsim_command(int fd, char *reply, size_t reply_size, int timeout_ms, const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line - 1, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof line - 1) return -1;
    line[n++] = '\n';
    if (send(fd, line, (size_t)n, MSG_NOSIGNAL) != n) return -1;
    /* read byte by byte up to the newline: replies are short and this keeps
     * no state between calls */
    char buf[1024];
    size_t len = 0;
    for (;;) {
        struct pollfd p = {fd, POLLIN, 0};
        int r = poll(&p, 1, timeout_ms);
        if (r <= 0) return -1;
        char ch;
        ssize_t got = recv(fd, &ch, 1, 0);
        if (got <= 0) return -1;
        if (ch == '\n') break;
        if (len < sizeof buf - 1) buf[len++] = ch;
    }
    buf[len] = 0;
    if (reply && reply_size) snprintf(reply, reply_size, "%s", buf);
    return strncmp(buf, "ok", 2) == 0 ? 0 : 1;
}

void xrsim_disconnect(int fd)
{
    if (fd >= 0) close(fd);
}

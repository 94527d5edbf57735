/* xrsim: the live control channel (XRSIM_CONTROL=/path/to/socket), a Unix
 * stream socket where a test player sends one command per line and reads
 * one reply line per command ("ok ..." or "error why"). Commands run at frame
 * boundaries (xrWaitFrame) and in xrPollEvent, never in the middle of a
 * frame, so a player sees every command take effect whole. Besides the
 * device commands of input.c it knows:
 *   frame       reply "ok frame N time T state STATE profile P"
 *   wait N      reply once N more frames have ended
 *   pause       hold the headset: xrWaitFrame blocks until "step N"/"resume"
 *   step N      let N frames through while paused; reply once they ended
 *   resume      run freely again
 *   get ...     reply the head's or a controller's pose, or the haptics count
 * A player that disconnects while the headset is paused resumes it. */
#include "xrsim.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define MAX_CLIENTS 8
struct client {
    int fd;
    char buf[2048];
    size_t len;
    uint64_t wait_until; /* frame count a "wait" reply is due at, 0 if none */
};
static int listen_fd = -1;
static struct client clients[MAX_CLIENTS];
static bool paused;
static long step_budget;
static uint64_t frames_ended;

void xs_control_open(void)
{
    for (int i = 0; i < MAX_CLIENTS; i++)
        clients[i].fd = -1;
    paused = false;
    step_budget = 0;
    frames_ended = 0;
    if (!xs_cfg.control_path[0] || listen_fd >= 0) return;
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    if (strlen(xs_cfg.control_path) >= sizeof addr.sun_path) {
        xs_log(XS_LOG_ERROR, "XRSIM_CONTROL path is longer than %zu bytes; use a shorter one",
               sizeof addr.sun_path - 1);
        return;
    }
    strcpy(addr.sun_path, xs_cfg.control_path);
    unlink(xs_cfg.control_path);
    listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (listen_fd < 0 || bind(listen_fd, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(listen_fd, 4) < 0) {
        xs_log(XS_LOG_ERROR, "XRSIM_CONTROL %s: cannot listen (%s)", xs_cfg.control_path, strerror(errno));
        if (listen_fd >= 0) close(listen_fd);
        listen_fd = -1;
        return;
    }
    xs_log(XS_LOG_INFO, "control channel listening on %s", xs_cfg.control_path);
}

void xs_control_close(void)
{
    for (int i = 0; i < MAX_CLIENTS; i++)
        if (clients[i].fd >= 0) {
            close(clients[i].fd);
            clients[i].fd = -1;
        }
    if (listen_fd >= 0) {
        close(listen_fd);
        unlink(xs_cfg.control_path);
        listen_fd = -1;
    }
}

static void reply(struct client *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void reply(struct client *c, const char *fmt, ...)
{
    char line[600];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line - 1, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n > sizeof line - 2) n = sizeof line - 2;
    line[n++] = '\n';
    if (send(c->fd, line, (size_t)n, MSG_NOSIGNAL) != n) xs_log(XS_LOG_WARN, "control channel: could not send a reply");
}

static void drop_client(struct client *c)
{
    close(c->fd);
    c->fd = -1;
    c->len = 0;
    c->wait_until = 0;
    bool any = false;
    for (int i = 0; i < MAX_CLIENTS; i++)
        any |= clients[i].fd >= 0;
    if (!any && paused) {
        xs_log(XS_LOG_INFO, "control channel: the last player left; resuming");
        paused = false;
    }
}

/* what prints as zero is zero (no "-0.00000") */
static double tidy(float v)
{
    return fabsf(v) < 5e-6f ? 0.0 : v;
}

static void reply_pose(struct client *c, const char *what, const struct xs_pose *p)
{
    reply(c, "ok %s %.4f %.4f %.4f %.5f %.5f %.5f %.5f", what, tidy(p->p[0]), tidy(p->p[1]), tidy(p->p[2]),
          tidy(p->q[0]), tidy(p->q[1]), tidy(p->q[2]), tidy(p->q[3]));
}

/* "get head", "get hand left|right grip|aim", "get haptics" */
static void get(struct client *c, const char *line)
{
    char what[16] = "", side[16] = "", which[16] = "";
    sscanf(line, "get %15s %15s %15s", what, side, which);
    int hand = !strcmp(side, "left") ? 0 : !strcmp(side, "right") ? 1 : -1;
    if (!strcmp(what, "head")) {
        reply_pose(c, "head", &xs_dev.head);
    } else if (!strcmp(what, "hand") && hand >= 0 && (!strcmp(which, "grip") || !strcmp(which, "aim"))) {
        char label[48];
        snprintf(label, sizeof label, "hand %s %s", side, which);
        reply_pose(c, label, which[0] == 'g' ? &xs_dev.hand[hand].grip : &xs_dev.hand[hand].aim);
    } else if (!strcmp(what, "haptics")) {
        reply(c, "ok haptics %u%s%s", xs_dev.haptic_count, xs_dev.haptic_count ? " last " : "", xs_dev.haptic_last);
    } else {
        reply(c, "error usage: get head | get hand left|right grip|aim | get haptics");
    }
}

static void run_line(struct xs_session *s, struct client *c, char *line)
{
    xs_log(XS_LOG_DEBUG, "control: %s", line);
    char word[16] = "";
    long n = 0;
    sscanf(line, "%15s %ld", word, &n);
    if (!strcmp(word, "frame")) {
        reply(c, "ok frame %llu time %.9f state %s profile %s", (unsigned long long)frames_ended,
              s && s->last_predicted ? (double)(s->last_predicted - s->t0) / 1e9 : 0.0,
              s ? xs_state_name(s->state) : "NO_SESSION", s ? xs_profile_current_name(s) : "none");
    } else if (!strcmp(word, "get")) {
        get(c, line);
    } else if (!strcmp(word, "wait")) {
        if (n <= 0) {
            reply(c, "error usage: wait N (frames, N >= 1)");
            return;
        }
        c->wait_until = frames_ended + (uint64_t)n;
    } else if (!strcmp(word, "pause")) {
        paused = true;
        step_budget = 0;
        reply(c, "ok paused at frame %llu", (unsigned long long)frames_ended);
    } else if (!strcmp(word, "step")) {
        if (n <= 0) {
            reply(c, "error usage: step N (frames, N >= 1)");
            return;
        }
        /* the reply waits until those frames have ended, so a lock-step
         * player knows the headset is held again when it reads it */
        step_budget += n;
        c->wait_until = frames_ended + (uint64_t)n;
    } else if (!strcmp(word, "resume")) {
        paused = false;
        reply(c, "ok");
    } else {
        char err[400];
        if (xs_device_command(line, err, sizeof err))
            reply(c, "ok");
        else
            reply(c, "error %s", err);
    }
}

static void service(struct xs_session *s)
{
    if (listen_fd < 0) return;
    int fd;
    while ((fd = accept(listen_fd, NULL, NULL)) >= 0) {
        fcntl(fd, F_SETFL, O_NONBLOCK);
        fcntl(fd, F_SETFD, FD_CLOEXEC);
        int i = 0;
        while (i < MAX_CLIENTS && clients[i].fd >= 0)
            i++;
        if (i == MAX_CLIENTS) {
            close(fd);
            xs_log(XS_LOG_WARN, "control channel: more than %d players; refused one", MAX_CLIENTS);
            continue;
        }
        clients[i].fd = fd;
        clients[i].len = 0;
        clients[i].wait_until = 0;
    }
    for (int i = 0; i < MAX_CLIENTS; i++) {
        struct client *c = &clients[i];
        if (c->fd < 0) continue;
        ssize_t r = recv(c->fd, c->buf + c->len, sizeof c->buf - 1 - c->len, 0);
        if (r == 0 || (r < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) {
            drop_client(c);
            continue;
        }
        if (r > 0) c->len += (size_t)r;
        char *nl;
        while (c->fd >= 0 && (nl = memchr(c->buf, '\n', c->len))) {
            *nl = 0;
            if (nl > c->buf && nl[-1] == '\r') nl[-1] = 0;
            run_line(s, c, c->buf);
            size_t used = (size_t)(nl - c->buf) + 1;
            memmove(c->buf, nl + 1, c->len - used);
            c->len -= used;
        }
        if (c->len == sizeof c->buf - 1) {
            reply(c, "error line longer than %zu bytes", sizeof c->buf - 1);
            c->len = 0;
        }
    }
}

void xs_control_poll(struct xs_session *s, bool frame_boundary)
{
    service(s);
    if (!frame_boundary) return;
    int64_t t = xs_now_ns();
    bool waited = false;
    while (paused && step_budget == 0 && listen_fd >= 0) {
        struct pollfd fds[MAX_CLIENTS + 1];
        nfds_t n = 0;
        fds[n++] = (struct pollfd){listen_fd, POLLIN, 0};
        for (int i = 0; i < MAX_CLIENTS; i++)
            if (clients[i].fd >= 0) fds[n++] = (struct pollfd){clients[i].fd, POLLIN, 0};
        xs_lock_drop();
        poll(fds, n, 200);
        xs_lock_take();
        waited = true;
        service(s);
    }
    if (paused && step_budget > 0) step_budget--;
    if (waited) xs_call_exclude(xs_now_ns() - t);
}

void xs_control_frame_ended(struct xs_session *s)
{
    frames_ended++;
    for (int i = 0; i < MAX_CLIENTS; i++) {
        struct client *c = &clients[i];
        if (c->fd >= 0 && c->wait_until && frames_ended >= c->wait_until) {
            c->wait_until = 0;
            reply(c, "ok frame %llu state %s", (unsigned long long)frames_ended, xs_state_name(s->state));
        }
    }
}

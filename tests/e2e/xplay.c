/* xplay.c — plays paja in a real X11 window like a person at a mouse and
 * keyboard: every input is a synthetic X event (XTest: pointer motion,
 * buttons, the wheel, keys), nothing reaches paja any other way. To know
 * where to point it reads the test hook's trace (PAJA_TEST_TRACE, see
 * engine/app/app_trace.h): the last line says where each object and panel
 * button is drawn and what the pointer is over. Every wait reads the trace
 * until what it waits for shows, with a timeout, never a fixed sleep.
 *
 * libXtst is opened at run time (as xkeys.c does) so the build needs only
 * Xlib; exit 77 (skip) when it is missing.
 *
 * Usage: xplay TRACE_FILE SCRIPT_FILE   (SCRIPT_FILE "-": standard input)
 * The script is one command a line ('#' starts a comment):
 *   window                 wait for paja's window under the screen centre, focus it
 *   wait KEY=VALUE [S]     until the trace's KEY is VALUE (S seconds, default 20)
 *   wait_in KEY ITEM [S]   until the trace's comma list KEY holds ITEM (done, worn)
 *   type TEXT              type TEXT key by key
 *   key KEYSYM [hold=MS]   press and release a key (E, Escape, Return, ...)
 *   aim_item NAME          point at a modal panel's button until the panel says so
 *   aim_opt ID             point at an option of the choice panel (a question's
 *                          choice, a feature to inspect) until it says so
 *   probe_item NAME [M]    the panel's hover on NAME must agree with where it is
 *                          drawn M pixels (default 1) inside and outside each edge
 *   aim OBJECT_ID [at X,Y] point at an object until paja hovers it: turns the
 *                          head (right button held, relative motion) to bring
 *                          it into view (a head looking steeply up or down
 *                          is levelled first when the object is behind the
 *                          eye), walks (W) when it is out of reach;
 *                          with "at X,Y" the head is turned to put the object
 *                          there (fractions of the window) before pointing
 *   click [DX,DY] [hold=MS]  left button; DX,DY: move the pointer by so many
 *                          pixels first (a deliberately wrong aim, for tests)
 *   wheel N                N wheel clicks, up when positive (away), down when negative
 *   goto X,Z [TOL]         walk to the floor point X,Z (metres, as the trace's
 *                          eye=): turn the head to face it (right button held),
 *                          hold W until the trace's eye is there or past it,
 *                          again until within TOL metres (default 0.15)
 *   point X,Y,Z            turn the head to look straight at the world point and
 *                          put the pointer on it (the middle of the view): a spot
 *                          with no object of its own, e.g. on a bench to put
 *                          something down on with a click
 *   look DX DY             hold the right button and move DX, DY pixels (relative)
 *   walk KEYSYM MS         hold a movement key MS milliseconds
 *   sleep MS
 * XPLAY_PRESS_MS: how long clicks and key taps are held (default 80 ms).
 * XPLAY_LIMIT_S: the whole run's time limit (default 90 s).
 * Exit 0 when every command worked, 1 at the first that did not (said on
 * stderr with the last trace line), 77 without XTest. */
#include "trace_line.h"

#include <X11/Xlib.h>

#include <dlfcn.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef int (*fake_key_fn)(Display *, unsigned int, Bool, unsigned long);
typedef int (*fake_motion_fn)(Display *, int, int, int, unsigned long);
typedef int (*fake_rel_fn)(Display *, int, int, unsigned long);
typedef int (*fake_button_fn)(Display *, unsigned int, Bool, unsigned long);

static Display *dpy;
static Window win;
static fake_key_fn x_key;
static fake_motion_fn x_motion;
static fake_rel_fn x_rel;
static fake_button_fn x_button;
static const char *trace_path;
static struct timespec t0;

/* paja's desktop head (xr_frame.c, xr_desktop.c): 70 degrees vertical
 * field of view, 0.0025 radians of turn per pixel of relative motion. */
#define PI 3.14159265358979323846
#define VFOV_RAD (70.0 * PI / 180.0)
#define LOOK_RAD_PER_PX 0.0025
/* interact's reach is 4 m; walking stops well inside it. */
#define REACH_M 3.4

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0.tv_sec) + (double)(t.tv_nsec - t0.tv_nsec) * 1e-9;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static void say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "xplay %6.2f: ", now_s());
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* ---- the trace: its last complete line, as fields ---- */

struct trace {
    struct trace_line l;
    long frame;
    int w, h;                   /* the window's pixels, as the trace gives them */
};

static struct trace tr;

static bool read_trace(void)
{
    if (!trace_line_read(trace_path, &tr.l)) return false;
    tr.frame = tr.l.frame;
    const char *v = trace_line_field(&tr.l, "w");
    if (v) tr.w = atoi(v);
    if ((v = trace_line_field(&tr.l, "h"))) tr.h = atoi(v);
    return true;
}

static const char *field(const char *key)
{
    return trace_line_field(&tr.l, key);
}

static const char *named(const char *key, const char *name)
{
    return trace_line_named(&tr.l, key, name);
}

static bool list_has(const char *list, const char *item)
{
    return trace_list_has(list, item);
}

/* Waits for a trace line of a frame drawn at least `after` frames past
 * `since` (input takes a frame to be seen, and the hover one more). */
static bool fresh_trace(long since, int after, double timeout_s)
{
    double until = now_s() + timeout_s;
    do {
        if (read_trace() && tr.frame >= since + after) return true;
        sleep_ms(15);
    } while (now_s() < until);
    return false;
}

static long frame_now(void)
{
    return read_trace() ? tr.frame : -1;
}

/* ---- X input ---- */

static void flush(void)
{
    XSync(dpy, False);
}

/* Window pixel (as in the trace) to a root position: the window's origin,
 * and its size in X units over the trace's pixels (1 unless HiDPI). */
static void to_root(double px, double py, int *rx, int *ry)
{
    XWindowAttributes a;
    int ox = 0, oy = 0;
    Window child;
    XGetWindowAttributes(dpy, win, &a);
    XTranslateCoordinates(dpy, win, DefaultRootWindow(dpy), 0, 0, &ox, &oy, &child);
    double sx = tr.w > 0 ? (double)a.width / tr.w : 1.0, sy = tr.h > 0 ? (double)a.height / tr.h : 1.0;
    *rx = ox + (int)lround(px * sx);
    *ry = oy + (int)lround(py * sy);
}

static int ptr_x = -1, ptr_y = -1; /* last pointer position we set (window pixels) */

static void pointer_to(double px, double py)
{
    int rx, ry;
    to_root(px, py, &rx, &ry);
    x_motion(dpy, -1, rx, ry, 0);
    flush();
    ptr_x = (int)lround(px);
    ptr_y = (int)lround(py);
}

/* How long a click or a key tap is held: a person's is about 80 ms;
 * XPLAY_PRESS_MS sets another (a short tap must work at any frame rate). */
static long press_ms = 80;

static void press_button(unsigned int b, long hold_ms)
{
    x_button(dpy, b, True, 0);
    flush();
    sleep_ms(hold_ms);
    x_button(dpy, b, False, 0);
    flush();
}

static bool press_key(const char *name, long hold_ms)
{
    KeySym ks = XStringToKeysym(name);
    KeyCode kc = ks != NoSymbol ? XKeysymToKeycode(dpy, ks) : 0;
    if (!kc) {
        say("no key '%s'", name);
        return false;
    }
    x_key(dpy, kc, True, 0);
    flush();
    sleep_ms(hold_ms);
    x_key(dpy, kc, False, 0);
    flush();
    return true;
}

/* Looks around as a person does: right button down (paja captures the
 * mouse, SDL relative mode), relative motion in small steps, button up. */
static void look(int dx, int dy)
{
    say("look %d %d", dx, dy);
    x_button(dpy, 3, True, 0);
    flush();
    /* Wait until paja has the mouse captured: motion before it would move
     * the cursor, not the head. */
    long f = frame_now();
    double until = now_s() + 5.0;
    while (now_s() < until) {
        if (fresh_trace(f, 1, 2.0) && field("cap") && !strcmp(field("cap"), "1")) break;
        sleep_ms(20);
    }
    int steps = (abs(dx) > abs(dy) ? abs(dx) : abs(dy)) / 20 + 1;
    int sx = 0, sy = 0;
    for (int i = 1; i <= steps; i++) {
        int nx = dx * i / steps, ny = dy * i / steps;
        x_rel(dpy, nx - sx, ny - sy, 0);
        flush();
        sx = nx;
        sy = ny;
        sleep_ms(5);
    }
    /* Let paja take all the motion in before the button goes up. */
    fresh_trace(frame_now(), 2, 5.0);
    x_button(dpy, 3, False, 0);
    flush();
    f = frame_now();
    until = now_s() + 5.0;
    while (now_s() < until) {
        if (fresh_trace(f, 1, 2.0) && field("cap") && !strcmp(field("cap"), "0")) break;
        sleep_ms(20);
    }
}

/* ---- commands ---- */

static bool find_window(void)
{
    int sx = DisplayWidth(dpy, DefaultScreen(dpy)) / 2, sy = DisplayHeight(dpy, DefaultScreen(dpy)) / 2;
    for (int i = 0; i < 300; i++) {
        x_motion(dpy, -1, sx, sy, 0);
        flush();
        Window root, child;
        int rx, ry, wx, wy;
        unsigned int mask;
        XQueryPointer(dpy, DefaultRootWindow(dpy), &root, &child, &rx, &ry, &wx, &wy, &mask);
        if (child) {
            win = child;
            XSetInputFocus(dpy, child, RevertToPointerRoot, CurrentTime);
            flush();
            return true;
        }
        sleep_ms(100);
    }
    say("no window appeared");
    return false;
}

static bool wait_field(const char *key, const char *want, bool in_list, double timeout_s)
{
    double until = now_s() + timeout_s;
    while (now_s() < until) {
        if (read_trace()) {
            const char *v = field(key);
            if (v && (in_list ? list_has(v, want) : !strcmp(v, want))) return true;
        }
        sleep_ms(20);
    }
    say("timed out after %.0f s waiting for %s %s %s", timeout_s, key, in_list ? "to hold" : "=", want);
    return false;
}

static bool aim_item(const char *name)
{
    double until = now_s() + 15.0;
    while (now_s() < until) {
        if (!fresh_trace(frame_now(), 1, 5.0)) break;
        const char *p = named("item", name);
        int x, y;
        if (!p || sscanf(p, "%d,%d", &x, &y) != 2) {
            sleep_ms(30);
            continue;
        }
        if (x != ptr_x || y != ptr_y) pointer_to(x, y);
        /* The panel's hover follows the pointer a frame later. */
        long f = frame_now();
        if (fresh_trace(f, 2, 5.0) && field("phover") && !strcmp(field("phover"), name)) {
            say("aim_item %s at %d,%d (frame %ld)", name, x, y, tr.frame);
            return true;
        }
    }
    say("aim_item %s: the panel never said the pointer is on it", name);
    return false;
}

/* The choice panel's option ID (trace: opt=ID,X,Y,VIS; ohover=ID). */
static bool aim_opt(const char *id)
{
    double until = now_s() + 15.0;
    while (now_s() < until) {
        if (!fresh_trace(frame_now(), 1, 5.0)) break;
        const char *p = named("opt", id);
        double fx, fy;
        int vis = 0;
        if (!p || sscanf(p, "%lf,%lf,%d", &fx, &fy, &vis) != 3 || vis != 1) {
            sleep_ms(30);
            continue;
        }
        int x = (int)floor(fx), y = (int)floor(fy);
        if (x != ptr_x || y != ptr_y) pointer_to(x, y);
        long f = frame_now();
        if (fresh_trace(f, 2, 5.0) && field("ohover") && !strcmp(field("ohover"), id)) {
            say("aim_opt %s at %d,%d (frame %ld)", id, x, y, tr.frame);
            return true;
        }
    }
    say("aim_opt %s: the choice panel never said the pointer is on it", id);
    return false;
}

/* Checks that the panel's hover agrees with its picture to a pixel: the
 * pointer margin pixels inside each edge of the item is on it, margin
 * pixels outside is not. A cursor ray off by a pixel or more fails. */
static bool probe_item(const char *name, double m)
{
    if (!fresh_trace(frame_now(), 1, 5.0)) return false;
    const char *p = named("item", name);
    double x, y, x0, y0, x1, y1;
    if (!p || sscanf(p, "%lf,%lf,%lf,%lf,%lf,%lf", &x, &y, &x0, &y0, &x1, &y1) != 6) {
        say("probe_item %s: not on the panel", name);
        return false;
    }
    x = floor(0.5 * (x0 + x1));
    y = floor(0.5 * (y0 + y1));
    /* The pointer's pixel (px, py) shows the item when its centre does,
     * x0 <= px + 0.5 < x1: that is how the pixel is drawn, so that is where
     * a person sees the pointer on it. */
    const double probes[8][3] = {
        {ceil(x0 + m - 0.5), y, 1}, {floor(x0 - m - 0.5), y, 0}, {floor(x1 - m - 0.5), y, 1},
        {ceil(x1 + m - 0.5), y, 0}, {x, ceil(y0 + m - 0.5), 1}, {x, floor(y0 - m - 0.5), 0},
        {x, floor(y1 - m - 0.5), 1}, {x, ceil(y1 + m - 0.5), 0},
    };
    for (int i = 0; i < 8; i++) {
        pointer_to(probes[i][0], probes[i][1]);
        /* The pointer's move reaches paja's input some frames later on a
         * busy machine (the X server, SDL's queue, the frame that polls
         * it): the hover must come to agree within a few frames and then
         * stay; a ray off by a pixel never agrees. */
        long f = frame_now();
        bool on = false;
        for (int k = 2; k <= 12; k++) {
            if (!fresh_trace(f, k, 5.0)) return false;
            const char *h = field("phover");
            on = h && !strcmp(h, name);
            if (on == (probes[i][2] != 0)) break;
        }
        if (on == (probes[i][2] != 0)) {
            if (!fresh_trace(tr.frame, 2, 5.0)) return false;
            const char *h = field("phover");
            on = h && !strcmp(h, name);
        }
        if (on != (probes[i][2] != 0)) {
            say("probe_item %s: pointer at %.0f,%.0f is %s it, the picture says %s (item %.1f,%.1f-%.1f,%.1f)", name,
                probes[i][0], probes[i][1], on ? "on" : "off", probes[i][2] != 0 ? "on" : "off", x0, y0, x1, y1);
            return false;
        }
    }
    say("probe_item %s: hover agrees with the picture %.1f px inside and outside each edge", name, m);
    return true;
}

struct obj {
    int x, y, vis, hit; /* vis: 1 on screen, 2 in front off it, 0 behind */
    double dist;
};

static bool get_obj(const char *id, struct obj *o)
{
    const char *p = named("obj", id);
    return p && sscanf(p, "%d,%d,%d,%d,%lf", &o->x, &o->y, &o->vis, &o->hit, &o->dist) == 5;
}

/* The head turn (pixels of relative motion) that brings pixel (x, y) to
 * (fx, fy) of the window: angles through the same perspective paja draws. */
static void turn_for(double x, double y, double fx, double fy, int *dx, int *dy)
{
    double w = tr.w, h = tr.h, tv = tan(VFOV_RAD / 2), th = tv * w / h;
    double ax = atan((x / w * 2 - 1) * th) - atan((fx * 2 - 1) * th);
    double ay = atan((y / h * 2 - 1) * tv) - atan((fy * 2 - 1) * tv);
    *dx = (int)lround(ax / LOOK_RAD_PER_PX);
    *dy = (int)lround(ay / LOOK_RAD_PER_PX);
}

static bool aim(const char *id, double fx, double fy, bool place_first)
{
    double until = now_s() + 30.0;
    int turns = 0, walks = 0;
    bool placed = !place_first;
    while (now_s() < until) {
        if (!fresh_trace(frame_now(), 1, 5.0)) break;
        struct obj o;
        if (!get_obj(id, &o)) {
            say("aim %s: no such object in the trace", id);
            return false;
        }
        if (o.vis == 0) {
            /* Behind the eye: level the head when it looks steeply up or
             * down (an object below is "behind" a head looking up), else
             * turn a sixth of a circle right, and look again. */
            const char *pt = field("pitch");
            double pitch = pt ? atof(pt) : 0.0;
            if (fabs(pitch) > 0.6) {
                look(0, (int)lround(pitch / LOOK_RAD_PER_PX));
                continue;
            }
            if (++turns > 6) break;
            look((int)lround((PI / 3) / LOOK_RAD_PER_PX), 0);
            continue;
        }
        if (o.dist > REACH_M && walks < 4) {
            /* Face it, then walk towards it for the time it takes at
             * walking speed (1.4 m/s) to come within reach. */
            int dx, dy;
            turn_for(o.x, o.y, 0.5, 0.5, &dx, &dy);
            if (abs(dx) > 8) look(dx, 0);
            walks++;
            long ms = (long)((o.dist - REACH_M + 0.6) / 1.4 * 1000.0);
            say("aim %s: %.2f m away, walking %ld ms", id, o.dist, ms);
            press_key("w", ms);
            continue;
        }
        /* Off the view (VIS 2: in front, beyond an edge) or near an edge:
         * turn the head to bring it where it is wanted. */
        bool edge = o.x < tr.w * 0.1 || o.x > tr.w * 0.9 || o.y < tr.h * 0.1 || o.y > tr.h * 0.9;
        if (!placed || edge || o.vis == 2) {
            int dx, dy;
            turn_for(o.x, o.y, fx, fy, &dx, &dy);
            placed = true;
            if (abs(dx) > 4 || abs(dy) > 4) {
                look(dx, dy);
                continue;
            }
        }
        if (o.x != ptr_x || o.y != ptr_y) pointer_to(o.x, o.y);
        long f = frame_now();
        if (fresh_trace(f, 2, 5.0) && field("hover") && !strcmp(field("hover"), id)) {
            say("aim %s at %d,%d, %.2f m (frame %ld)", id, ptr_x, ptr_y, o.dist, tr.frame);
            return true;
        }
    }
    say("aim %s: could not point at it", id);
    return false;
}

/* The head's position and yaw from the trace. */
static bool get_eye(double *x, double *y, double *z, double *yaw)
{
    const char *e = field("eye"), *w = field("yaw");
    return e && w && sscanf(e, "%lf,%lf,%lf", x, y, z) == 3 && sscanf(w, "%lf", yaw) == 1;
}

static double wrap_pi(double a)
{
    while (a > PI) a -= 2 * PI;
    while (a < -PI) a += 2 * PI;
    return a;
}

/* Holds KEY down until done() says so on a fresh trace line (or the time
 * runs out), then lets go: a person watching where they are. */
static bool hold_until(const char *name, bool (*done)(void *), void *user, double timeout_s)
{
    KeySym ks = XStringToKeysym(name);
    KeyCode kc = ks != NoSymbol ? XKeysymToKeycode(dpy, ks) : 0;
    if (!kc) return false;
    x_key(dpy, kc, True, 0);
    flush();
    double until = now_s() + timeout_s;
    bool ok = false;
    while (now_s() < until)
        if (fresh_trace(frame_now(), 1, 5.0) && done(user)) {
            ok = true;
            break;
        }
    x_key(dpy, kc, False, 0);
    flush();
    /* The frame that sees the key up. */
    fresh_trace(frame_now(), 2, 5.0);
    return ok;
}

struct walk_to {
    double x, z, tol, best;
};

/* Close enough, or past the point (the distance grows again). */
static bool walk_arrived(void *user)
{
    struct walk_to *w = user;
    double ex, ey, ez, yaw;
    if (!get_eye(&ex, &ey, &ez, &yaw)) return false;
    double d = hypot(w->x - ex, w->z - ez);
    if (d < w->tol * 0.5 || d > w->best + 0.02) return true;
    if (d < w->best) w->best = d;
    return false;
}

/* Walks to the floor point (x, z): turns the head to face it (right
 * button, relative motion), holds W until there, again if it overshot. */
static bool walk_to(double x, double z, double tol)
{
    for (int tries = 0; tries < 5; tries++) {
        if (!fresh_trace(frame_now(), 1, 5.0)) break;
        double ex, ey, ez, yaw;
        if (!get_eye(&ex, &ey, &ez, &yaw)) break;
        double d = hypot(x - ex, z - ez);
        if (d <= tol) {
            say("goto %.2f,%.2f: at %.2f,%.2f (%.2f m off)", x, z, ex, ez, d);
            return true;
        }
        /* fwd = (-sin yaw, 0, -cos yaw); a pixel right turns the yaw down. */
        double want = atan2(-(x - ex), -(z - ez));
        int dx = (int)lround(wrap_pi(yaw - want) / LOOK_RAD_PER_PX);
        if (abs(dx) > 4) look(dx, 0);
        struct walk_to w = {x, z, tol, 1e9};
        say("goto %.2f,%.2f: %.2f m to walk", x, z, d);
        hold_until("w", walk_arrived, &w, d / 1.4 * 3.0 + 3.0);
    }
    say("goto %.2f,%.2f: did not get there", x, z);
    return false;
}

/* Turns the head to look straight at the world point (x, y, z) and puts
 * the pointer on the middle of the view, on it: a place with no object of
 * its own (a spot on a bench to put something down on). */
static bool point_at(double x, double y, double z)
{
    for (int tries = 0; tries < 3; tries++) {
        if (!fresh_trace(frame_now(), 1, 5.0)) break;
        double ex, ey, ez, yaw;
        const char *pt = field("pitch");
        if (!get_eye(&ex, &ey, &ez, &yaw) || !pt) break;
        double pitch = atof(pt);
        double want_yaw = atan2(-(x - ex), -(z - ez)), want_pitch = atan2(y - ey, hypot(x - ex, z - ez));
        int dx = (int)lround(wrap_pi(yaw - want_yaw) / LOOK_RAD_PER_PX);
        int dy = (int)lround((pitch - want_pitch) / LOOK_RAD_PER_PX);
        if (abs(dx) <= 2 && abs(dy) <= 2) {
            pointer_to(tr.w / 2, tr.h / 2);
            fresh_trace(frame_now(), 2, 5.0);
            say("point %.2f,%.2f,%.2f at %d,%d (hover %s)", x, y, z, ptr_x, ptr_y, field("hover") ? field("hover") : "?");
            return true;
        }
        look(dx, dy);
    }
    say("point %.2f,%.2f,%.2f: could not look at it", x, y, z);
    return false;
}

static bool run_command(char *line)
{
    char *hash = strchr(line, '#');
    if (hash) *hash = '\0';
    char *argv[8];
    int argc = 0;
    for (char *save = NULL, *tok = strtok_r(line, " \t\r\n", &save); tok && argc < 8;
         tok = strtok_r(NULL, " \t\r\n", &save))
        argv[argc++] = tok;
    if (argc == 0) return true;
    const char *c = argv[0];
    if (!strcmp(c, "window")) return find_window();
    if (!strcmp(c, "sleep") && argc == 2) {
        sleep_ms(atol(argv[1]));
        return true;
    }
    if ((!strcmp(c, "wait") && argc >= 2) || (!strcmp(c, "wait_in") && argc >= 3)) {
        bool in_list = c[4] == '_';
        double t = argc > (in_list ? 3 : 2) ? atof(argv[in_list ? 3 : 2]) : 20.0;
        char key[128];
        const char *want;
        if (in_list) {
            snprintf(key, sizeof key, "%s", argv[1]);
            want = argv[2];
        } else {
            char *eq = strchr(argv[1], '=');
            if (!eq) return false;
            snprintf(key, sizeof key, "%.*s", (int)(eq - argv[1]), argv[1]);
            want = eq + 1;
        }
        bool ok = wait_field(key, want, in_list, t);
        if (ok) say("%s %s %s (frame %ld)", c, argv[1], in_list ? argv[2] : "", tr.frame);
        return ok;
    }
    if (!strcmp(c, "type") && argc == 2) {
        for (const char *p = argv[1]; *p; p++) {
            char name[2] = {*p, 0};
            if (!press_key(name, 60)) return false;
            sleep_ms(60);
        }
        return true;
    }
    /* hold=MS: a tap of another length than a person's usual one. */
    long hold = press_ms;
    for (int i = 1; i < argc; i++)
        if (!strncmp(argv[i], "hold=", 5)) {
            hold = atol(argv[i] + 5);
            for (int j = i; j + 1 < argc; j++) argv[j] = argv[j + 1];
            argc--;
            break;
        }
    if (!strcmp(c, "key") && argc == 2) {
        say("key %s (%ld ms)", argv[1], hold);
        return press_key(argv[1], hold);
    }
    if (!strcmp(c, "walk") && argc == 3) return press_key(argv[1], atol(argv[2]));
    if (!strcmp(c, "aim_item") && argc == 2) return aim_item(argv[1]);
    if (!strcmp(c, "aim_opt") && argc == 2) return aim_opt(argv[1]);
    if (!strcmp(c, "probe_item") && (argc == 2 || argc == 3)) return probe_item(argv[1], argc == 3 ? atof(argv[2]) : 1.0);
    if (!strcmp(c, "aim") && (argc == 2 || argc == 4)) {
        double fx = 0.5, fy = 0.5;
        if (argc == 4 && (strcmp(argv[2], "at") || sscanf(argv[3], "%lf,%lf", &fx, &fy) != 2)) return false;
        return aim(argv[1], fx, fy, argc == 4);
    }
    if (!strcmp(c, "click")) {
        int dx = 0, dy = 0;
        if (argc == 2 && sscanf(argv[1], "%d,%d", &dx, &dy) != 2) return false;
        if (dx || dy) {
            read_trace();
            pointer_to(ptr_x + dx, ptr_y + dy);
            say("click %d,%d off the aim", dx, dy);
            /* Let paja see the pointer where it now is before the click. */
            fresh_trace(frame_now(), 2, 5.0);
        }
        say("click at %d,%d, %ld ms (hover %s)", ptr_x, ptr_y, hold,
            read_trace() && field("hover") ? field("hover") : "?");
        press_button(1, hold);
        return true;
    }
    if (!strcmp(c, "wheel") && argc == 2) {
        int n = atoi(argv[1]);
        say("wheel %d", n);
        for (int i = 0; i < abs(n); i++) {
            /* A wheel click is an instant: X reports press and release together. */
            press_button(n > 0 ? 4 : 5, 0);
            sleep_ms(10);
        }
        return true;
    }
    if (!strcmp(c, "goto") && (argc == 2 || argc == 3)) {
        double x, z;
        if (sscanf(argv[1], "%lf,%lf", &x, &z) != 2) return false;
        return walk_to(x, z, argc == 3 ? atof(argv[2]) : 0.15);
    }
    if (!strcmp(c, "point") && argc == 2) {
        double x, y, z;
        if (sscanf(argv[1], "%lf,%lf,%lf", &x, &y, &z) != 3) return false;
        return point_at(x, y, z);
    }
    if (!strcmp(c, "look") && argc == 3) {
        look(atoi(argv[1]), atoi(argv[2]));
        return true;
    }
    say("bad command '%s'", c);
    return false;
}

static void on_alarm(int sig)
{
    (void)sig;
    static const char msg[] = "xplay: overall time limit reached\n";
    ssize_t w = write(2, msg, sizeof msg - 1);
    (void)w;
    _exit(1);
}

int main(int argc, char **argv)
{
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (argc != 3) {
        fprintf(stderr, "usage: xplay TRACE_FILE SCRIPT_FILE\n");
        return 2;
    }
    trace_path = argv[1];
    /* Never hang a test run: the whole play has a minute and a half. */
    const char *lim = getenv("XPLAY_LIMIT_S");
    if (getenv("XPLAY_PRESS_MS")) press_ms = atol(getenv("XPLAY_PRESS_MS"));
    signal(SIGALRM, on_alarm);
    alarm(lim ? (unsigned)atoi(lim) : 90u);
    FILE *script = strcmp(argv[2], "-") ? fopen(argv[2], "r") : stdin;
    if (!script) {
        fprintf(stderr, "xplay: cannot read %s\n", argv[2]);
        return 2;
    }
    dpy = XOpenDisplay(NULL);
    if (!dpy) {
        fprintf(stderr, "xplay: cannot open the display\n");
        return 1;
    }
    void *xtst = dlopen("libXtst.so.6", RTLD_NOW);
    if (xtst) {
        /* POSIX's way past ISO C's object/function pointer rule. */
        *(void **)&x_key = dlsym(xtst, "XTestFakeKeyEvent");
        *(void **)&x_motion = dlsym(xtst, "XTestFakeMotionEvent");
        *(void **)&x_rel = dlsym(xtst, "XTestFakeRelativeMotionEvent");
        *(void **)&x_button = dlsym(xtst, "XTestFakeButtonEvent");
    }
    if (!x_key || !x_motion || !x_rel || !x_button) {
        fprintf(stderr, "xplay: libXtst.so.6 not available\n");
        return 77;
    }
    char line[1024];
    int n = 0;
    while (fgets(line, sizeof line, script)) {
        n++;
        char copy[1024];
        snprintf(copy, sizeof copy, "%s", line);
        if (!run_command(line)) {
            copy[strcspn(copy, "\n")] = '\0';
            fprintf(stderr, "xplay: line %d failed: %s\n", n, copy);
            if (read_trace()) fprintf(stderr, "xplay: last trace line: %.1500s\n", tr.l.raw);
            return 1;
        }
    }
    XCloseDisplay(dpy);
    return 0;
}

/* xrplay.c — plays paja in the simulated headset like a person with two
 * controllers: every input is a controller pose or a button sent to xrsim's
 * control channel (tools/xrsim/control.c), which paja reads through its
 * OpenXR actions like any runtime's. To know where to reach it reads paja's
 * test trace (PAJA_TEST_TRACE, engine/app/app_trace.h): the objects' node
 * poses and a point on each, the play-space origin, what each hand hovers
 * and holds. Every wait is on the trace or on frames, with a limit.
 *
 * Usage: xrplay TRACE_FILE CONTROL_SOCKET SCRIPT_FILE
 * Script commands, one a line ('#' starts a comment):
 *   profile NAME         the controllers' interaction profile (khr/simple_controller,
 *                        oculus/touch_controller, valve/index_controller,
 *                        htc/vive_controller, microsoft/motion_controller); it says
 *                        which button is squeeze, trigger, inspect and hint
 *   hand left|right      the hand the following commands use (default right)
 *   wait KEY=VALUE [S]   until the trace's KEY is VALUE (S seconds, default 60)
 *   wait_in KEY ITEM [S] until the trace's comma list KEY holds ITEM
 *   frames N             let N frames pass
 *   grab ID              point the hand's ray at the object, squeeze: held
 *   release              let go where the hand is: held=-
 *   place ID SOCKET      hold ID (grab it first unless held), move the hand so
 *                        ID's node lies on SOCKET's node, let go
 *   remove ID            take ID out of its socket and hold it
 *   wear ID              hold ID, bring it to the head, let go
 *   use TOOL TARGET      hold TOOL, point at TARGET, pull the trigger
 *   press ID             point at ID, pull the trigger
 *   inspect ID           point at ID, press the inspect button
 *   unwear               point at nothing, press the inspect button
 *   menu                 press the menu button (the left controller's)
 *   choose NAME          point at the modal panel's button NAME (trace itemw=)
 *                        until the panel hovers it, press the use button
 *   hint                 press the hint button
 *   idle S               let S seconds of headset time pass (ft=)
 *   play ENGINE_TRACE [N]  the first N (default all) "in" actions of
 *                        `paja test --trace` output, in order (grab, release, place,
 *                        remove, press, use with a tool's setting set by the stick,
 *                        inspect with a feature picked on the picker, wear, unwear,
 *                        hint, answer on the question's panel, zone): each action's
 *                        deciding input (the press, the let-go, the pick, the head
 *                        stepping in) in the frame at the engine's time for it
 *                        (pause, xrsim's "skip" on the virtual clock, one frame);
 *                        the hands get 60 frames before it
 *   rest                 the head in the middle of the play area looking ahead,
 *                        the hands lowered in front (xrsim's start pose)
 *   look EX EY EZ AX AY AZ   the head at E looking at A (world, metres)
 *   dump PATH.png        xrsim writes the next frame's eyes to PATH.png
 *   exit | lose          the runtime ends the session / loses the headset
 * Exit 0 when every command worked, 1 at the first that did not (said on
 * stderr with the trace's last line), 2 on bad usage. */
#include "trace_line.h"
#include "xrsim_control.h"

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *trace_path;
static int ctl = -1;
static struct timespec t0;
static int hand = 1; /* 0 left, 1 right */
static char profile[64] = "oculus/touch_controller";

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0.tv_sec) + (double)(t.tv_nsec - t0.tv_nsec) * 1e-9;
}

static void say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "xrplay %6.2f: ", now_s());
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* ---- small pose maths (x y z, quaternion x y z w) ---- */

struct pose {
    double p[3], q[4];
};

static void qmul(const double *a, const double *b, double *o)
{
    double r[4] = {a[3] * b[0] + a[0] * b[3] + a[1] * b[2] - a[2] * b[1],
                   a[3] * b[1] - a[0] * b[2] + a[1] * b[3] + a[2] * b[0],
                   a[3] * b[2] + a[0] * b[1] - a[1] * b[0] + a[2] * b[3],
                   a[3] * b[3] - a[0] * b[0] - a[1] * b[1] - a[2] * b[2]};
    memcpy(o, r, sizeof r);
}

static void qconj(const double *a, double *o)
{
    o[0] = -a[0];
    o[1] = -a[1];
    o[2] = -a[2];
    o[3] = a[3];
}

static void qrot(const double *q, const double *v, double *o)
{
    double p[4] = {v[0], v[1], v[2], 0}, c[4], t[4];
    qconj(q, c);
    qmul(q, p, t);
    qmul(t, c, t);
    o[0] = t[0];
    o[1] = t[1];
    o[2] = t[2];
}

/* The rotation taking -Z onto dir (normalised). */
static void q_look(const double *dir, double *q)
{
    double f[3] = {0, 0, -1}, d[3];
    double n = sqrt(dir[0] * dir[0] + dir[1] * dir[1] + dir[2] * dir[2]);
    for (int i = 0; i < 3; i++) d[i] = dir[i] / n;
    double c = f[0] * d[0] + f[1] * d[1] + f[2] * d[2];
    double ax[3] = {f[1] * d[2] - f[2] * d[1], f[2] * d[0] - f[0] * d[2], f[0] * d[1] - f[1] * d[0]};
    if (c < -0.9999) {
        q[0] = 0, q[1] = 1, q[2] = 0, q[3] = 0;
        return;
    }
    q[0] = ax[0], q[1] = ax[1], q[2] = ax[2], q[3] = 1 + c;
    double l = sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
    for (int i = 0; i < 4; i++) q[i] /= l;
}

/* ---- the trace ---- */

static struct trace_line tr;

static bool read_trace(void)
{
    return trace_line_read(trace_path, &tr);
}

static const char *field(const char *key)
{
    return trace_line_field(&tr, key);
}

static const char *named(const char *key, const char *name)
{
    return trace_line_named(&tr, key, name);
}

static bool list_has(const char *list, const char *item)
{
    return trace_list_has(list, item);
}

static void show_trace(void)
{
    FILE *f = fopen(trace_path, "rb");
    if (!f) return;
    static char buf[131072];
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    long from = size > 4000 ? size - 4000 : 0;
    fseek(f, from, SEEK_SET);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    char *last = strrchr(buf, '\n');
    if (last) *last = 0;
    last = strrchr(buf, '\n');
    fprintf(stderr, "xrplay: last trace line: %.1500s\n", last ? last + 1 : buf);
}

static bool pose_of(const char *key, const char *id, struct pose *out)
{
    const char *v = named(key, id);
    if (!v) return false;
    return sscanf(v, "%lf,%lf,%lf,%lf,%lf,%lf,%lf", &out->p[0], &out->p[1], &out->p[2], &out->q[0], &out->q[1],
                  &out->q[2], &out->q[3]) == 7;
}

static bool point_of(const char *id, double *out)
{
    const char *v = named("objc", id);
    if (v && sscanf(v, "%lf,%lf,%lf", &out[0], &out[1], &out[2]) == 3) return true;
    struct pose p;
    if (!pose_of("objw", id, &p)) return false;
    memcpy(out, p.p, sizeof p.p);
    return true;
}

static struct pose origin(void)
{
    struct pose o = {{0, 0, 0}, {0, 0, 0, 1}};
    const char *v = field("origin");
    if (v) sscanf(v, "%lf,%lf,%lf,%lf,%lf,%lf,%lf", &o.p[0], &o.p[1], &o.p[2], &o.q[0], &o.q[1], &o.q[2], &o.q[3]);
    return o;
}

/* ---- the control channel ---- */

static bool cmd(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static bool cmd(const char *fmt, ...)
{
    char line[512], reply[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    int r = xrsim_command(ctl, reply, sizeof reply, 60000, "%s", line);
    if (r != 0) {
        say("xrsim: '%s' -> %s", line, r < 0 ? "no reply" : reply);
        return false;
    }
    return true;
}

/* N frames end (and paja has traced them). */
static bool frames(int n)
{
    return cmd("wait %d", n);
}

static const char *side(void)
{
    return hand ? "right" : "left";
}

/* The profile's buttons for paja's actions (xr_openxr_input.c). */
static const char *button_for(const char *action)
{
    bool simple = strstr(profile, "simple"), touch = strstr(profile, "oculus"), index = strstr(profile, "index");
    if (!strcmp(action, "grab")) return simple ? "select" : "squeeze";
    if (!strcmp(action, "use")) return simple ? "select" : "trigger";
    if (!strcmp(action, "inspect")) {
        if (touch) return hand ? "b" : "y";
        if (index) return hand ? "b" : NULL;
        return simple ? NULL : "trackpad";
    }
    if (!strcmp(action, "hint")) {
        if (touch) return hand ? "a" : "x";
        if (index) return "a";
        return hand ? "menu" : NULL;
    }
    return NULL;
}

/* ---- the engine's clock ----
 * `play` puts each action's deciding input (the press that uses, the
 * let-go that places, the head that walks in) in the frame shown at the
 * time paja test gave the action, so that what depends on time (a
 * capacitor's discharge read by a meter, a rule on how soon) sees the same
 * clock: the headset is held (pause), the virtual clock skipped so that the
 * next frame falls on that time, the input sent and that one frame let
 * through. The hands' other moves happen in the frames before it. */
static double due_at = -1;  /* headset time (xrsim's, seconds) of the next deciding input */
static char due_action[16]; /* which of paja's actions decides: grab, use, inspect, hint, head */
static bool due_down;       /* a press (true) or a let-go (false) */
static char playing[400];   /* the action being played, for messages */

static void due(double t, const char *action, bool down)
{
    due_at = t;
    snprintf(due_action, sizeof due_action, "%s", action);
    due_down = down;
}

/* The headset time of the last frame (xrsim's "frame": its predicted
 * display time, seconds since the session began). */
static bool frame_time(double *t)
{
    char reply[600];
    if (xrsim_command(ctl, reply, sizeof reply, 60000, "frame") != 0) return false;
    const char *p = strstr(reply, " time ");
    return p && sscanf(p, " time %lf", t) == 1;
}

static bool at_due(const char *line)
{
    double when = due_at, t1, t2;
    due_at = -1;
    if (!cmd("pause")) return false;
    bool ok = frame_time(&t1) && cmd("step 1") && frame_time(&t2);
    /* The next frame comes one period after the last, plus what is skipped. */
    double skip = ok ? when - (t2 + (t2 - t1)) : 0;
    if (ok && skip > 0) ok = cmd("skip %.9f", skip);
    if (ok && skip < -1e-6) say("%s: its %s comes %.3f s after paja test's time for it", playing, due_action, -skip);
    ok = ok && cmd("%s", line) && cmd("step 1");
    return cmd("resume") && ok;
}

static bool button(const char *action, double v)
{
    const char *b = button_for(action);
    if (!b) {
        say("%s has no '%s' button on the %s hand", profile, action, side());
        return false;
    }
    if (due_at >= 0 && !strcmp(action, due_action) && (v > 0.5) == due_down) {
        char line[128];
        snprintf(line, sizeof line, "button %s %s %g", side(), b, v);
        return at_due(line);
    }
    return cmd("button %s %s %g", side(), b, v);
}

/* Where this hand is, in the world (what we last sent, through the origin). */
static struct pose hand_world;
static bool hand_known;

static bool send_hand(const struct pose *world)
{
    struct pose o = origin(), play;
    double inv[4], d[3];
    qconj(o.q, inv);
    for (int i = 0; i < 3; i++) d[i] = world->p[i] - o.p[i];
    qrot(inv, d, play.p);
    qmul(inv, world->q, play.q);
    hand_world = *world;
    hand_known = true;
    return cmd("hand %s %.5f %.5f %.5f %.6f %.6f %.6f %.6f", side(), play.p[0], play.p[1], play.p[2], play.q[0],
               play.q[1], play.q[2], play.q[3]);
}

static bool send_head(const double *at, const double *look_at)
{
    struct pose o = origin();
    double inv[4], d[3], p[3], q[4], dir[3];
    for (int i = 0; i < 3; i++) dir[i] = look_at[i] - at[i];
    dir[1] *= 0.3; /* a head keeps fairly level */
    q_look(dir, q);
    qconj(o.q, inv);
    for (int i = 0; i < 3; i++) d[i] = at[i] - o.p[i];
    qrot(inv, d, p);
    qmul(inv, q, q);
    return cmd("head %.5f %.5f %.5f %.6f %.6f %.6f %.6f", p[0], p[1], p[2], q[0], q[1], q[2], q[3]);
}

static const char *hover_key(void)
{
    return hand ? "hover" : "lhover";
}

static const char *held_key(void)
{
    return hand ? "held" : "lheld";
}

static bool trace_is(const char *key, const char *want)
{
    if (!read_trace()) return false;
    const char *v = field(key);
    return v && !strcmp(v, want);
}

/* Puts the hand near the object, its ray on it, until paja hovers it:
 * tries a few directions and distances as a person steps around. */
static bool aim(const char *id)
{
    static const double DIRS[][3] = {{0, 0.8, 0.6}, {0, 0.3, 1}, {0, 1, 0}, {0.7, 0.7, 0}, {-0.7, 0.7, 0},
                                     {0.6, 0.4, 0.7}, {-0.6, 0.4, 0.7}, {0, 0.6, -0.8}, {1, 0.2, 0},
                                     {-1, 0.2, 0}, {0, 0.2, -1}};
    static const double DISTS[] = {0.5, 0.3, 0.9};
    for (size_t di = 0; di < sizeof DISTS / sizeof DISTS[0]; di++)
        for (size_t k = 0; k < sizeof DIRS / sizeof DIRS[0]; k++) {
            if (!read_trace()) continue;
            double c[3];
            if (!point_of(id, c)) {
                say("the trace has no object '%s'", id);
                return false;
            }
            double n = sqrt(DIRS[k][0] * DIRS[k][0] + DIRS[k][1] * DIRS[k][1] + DIRS[k][2] * DIRS[k][2]);
            struct pose h;
            double dir[3];
            for (int i = 0; i < 3; i++) {
                h.p[i] = c[i] + DIRS[k][i] / n * DISTS[di];
                dir[i] = c[i] - h.p[i];
            }
            q_look(dir, h.q);
            double head[3] = {h.p[0], h.p[1] + 0.25, h.p[2]};
            if (!send_head(head, c) || !send_hand(&h) || !frames(3)) return false;
            if (trace_is(hover_key(), id)) return true;
        }
    say("cannot point the %s hand at '%s'", side(), id);
    return false;
}

static bool wait_trace(const char *key, const char *want, bool in_list, double timeout_s)
{
    double until = now_s() + timeout_s;
    while (now_s() < until) {
        if (read_trace()) {
            const char *v = field(key);
            if (v && (in_list ? list_has(v, want) : !strcmp(v, want))) return true;
        }
        /* A headset that stopped runs no frames: the trace is all there is. */
        if (!frames(1)) nanosleep(&(struct timespec){0, 100000000L}, NULL);
    }
    say("timed out waiting for %s %s %s", key, in_list ? "to hold" : "=", want);
    return false;
}

static bool held_is(const char *id)
{
    return trace_is(held_key(), id);
}

static bool grab(const char *id)
{
    if (held_is(id)) return true;
    if (!trace_is(held_key(), "-")) {
        double keep = due_at; /* letting go of something else is not the action */
        due_at = -1;
        bool ok = button("grab", 0) && frames(2);
        due_at = keep;
        if (!ok) return false;
    }
    if (!aim(id) || !button("grab", 1) || !frames(2)) return false;
    return wait_trace(held_key(), id, false, 10);
}

static bool release(void)
{
    return button("grab", 0) && frames(2) && wait_trace(held_key(), "-", false, 10);
}

/* Moves the hand so the held object's node takes pose want (position and,
 * with turn, orientation): the object keeps its grip offset. */
static bool carry_to(const char *id, const double *want_p, const double *want_q)
{
    struct pose obj;
    if (!read_trace() || !pose_of("objw", id, &obj) || !hand_known) return false;
    struct pose g = hand_world, ng;
    double ginv[4], d[3], off[3];
    qconj(g.q, ginv);
    for (int i = 0; i < 3; i++) d[i] = obj.p[i] - g.p[i];
    qrot(ginv, d, off); /* the object's position in the grip's frame */
    if (want_q) {
        double oinv[4], t[4];
        qconj(obj.q, oinv);
        qmul(want_q, oinv, t);
        qmul(t, g.q, ng.q);
    } else {
        memcpy(ng.q, g.q, sizeof ng.q);
    }
    double r[3];
    qrot(ng.q, off, r);
    for (int i = 0; i < 3; i++) ng.p[i] = want_p[i] - r[i];
    return send_hand(&ng) && frames(3);
}

static bool place(const char *id, const char *sock)
{
    if (!grab(id)) return false;
    struct pose s;
    if (!read_trace() || !pose_of("objw", sock, &s)) {
        say("the trace has no socket '%s'", sock);
        return false;
    }
    double head[3] = {s.p[0], s.p[1] + 0.45, s.p[2] + 0.35};
    if (!send_head(head, s.p) || !carry_to(id, s.p, s.q) || !carry_to(id, s.p, s.q)) return false;
    return release();
}

static bool wear(const char *id)
{
    if (!grab(id)) return false;
    /* The head stands where it is; the object goes to it. */
    double head[3], look[3];
    if (!hand_known) return false;
    for (int i = 0; i < 3; i++) head[i] = hand_world.p[i];
    head[1] += 0.25;
    look[0] = head[0];
    look[1] = head[1];
    look[2] = head[2] - 1;
    if (!send_head(head, look) || !carry_to(id, head, NULL)) return false;
    return release() && wait_trace("worn", id, true, 10);
}

/* Takes an object out of its socket; the hand keeps it, lifted clear. */
static bool remove_from(const char *id)
{
    if (!grab(id)) return false;
    struct pose up = hand_world;
    up.p[1] += 0.35;
    return send_hand(&up) && frames(2);
}

/* An empty hand, the held object put down clear of any socket. */
static bool free_hand(const char *unless)
{
    if (!read_trace()) return false;
    const char *h = field(held_key());
    if (!h || !strcmp(h, "-") || (unless && !strcmp(h, unless))) return true;
    struct pose up = hand_world;
    up.p[1] += 0.4;
    /* Putting down what is in the way is not the action being played:
     * its let-go keeps to the hands' time. */
    double keep = due_at;
    due_at = -1;
    bool ok = send_hand(&up) && frames(2) && release();
    due_at = keep;
    return ok;
}

static bool click(const char *action, const char *id)
{
    if (id && !aim(id)) return false;
    return button(action, 1) && frames(2) && button(action, 0) && frames(2);
}

static bool use(const char *tool, const char *target)
{
    if (!free_hand(tool) || !grab(tool)) return false;
    return click("use", target);
}

/* A switch pressed with the hand that is free: a hand holding a tool
 * would use the tool; the other hand presses, as a person does. */
static bool press(const char *id)
{
    if (trace_is(held_key(), "-")) return click("use", id);
    struct pose keep = hand_world;
    bool kept = hand_known;
    hand = !hand;
    hand_known = false;
    bool ok = trace_is(held_key(), "-") ? click("use", id) : (free_hand(NULL) && click("use", id));
    /* The other hand back to its side, out of the way. */
    hand = !hand;
    hand_world = keep;
    hand_known = kept;
    return ok;
}

/* Looks at an object: pointed at, or, when the hand holds it, in the hand
 * with the ray on nothing (the hand turned up). */
static bool inspect(const char *id)
{
    if (!free_hand(id)) return false;
    if (!held_is(id)) return click("inspect", id);
    struct pose h = hand_world;
    double up[3] = {0, 1, 0};
    q_look(up, h.q);
    return send_hand(&h) && frames(2) && click("inspect", NULL);
}

/* Chooses a modal panel's button (start panel, menu): a hand pointed at
 * the button's centre until the panel says so, then the use button. */
static bool choose(const char *item)
{
    static const double OFFS[][3] = {{0, 0, 0.6}, {0.15, 0, 0.6}, {-0.15, 0, 0.6}, {0, 0.1, 0.5}};
    for (size_t k = 0; k < sizeof OFFS / sizeof OFFS[0]; k++) {
        double c[3];
        const char *v = read_trace() ? named("itemw", item) : NULL;
        if (!v || sscanf(v, "%lf,%lf,%lf", &c[0], &c[1], &c[2]) != 3) {
            say("the trace shows no panel button '%s'", item);
            return false;
        }
        /* From in front of the panel: towards the head that sees it. */
        const char *e = field("eye");
        double eye[3] = {0, 1.6, 0}, dir[3], n = 0;
        if (e) sscanf(e, "%lf,%lf,%lf", &eye[0], &eye[1], &eye[2]);
        for (int i = 0; i < 3; i++) n += (eye[i] - c[i]) * (eye[i] - c[i]);
        n = sqrt(n);
        struct pose h;
        for (int i = 0; i < 3; i++) {
            double toward = n > 1e-6 ? (eye[i] - c[i]) / n : (i == 2);
            h.p[i] = c[i] + toward * OFFS[k][2] + (i == 0 ? OFFS[k][0] : i == 1 ? OFFS[k][1] : 0);
            dir[i] = c[i] - h.p[i];
        }
        q_look(dir, h.q);
        if (!send_hand(&h) || !frames(3)) return false;
        if (trace_is("phover", item)) {
            if (!button("use", 1)) return false;
            /* Quit ends paja and its headset: what follows may get no reply. */
            if (frames(2) && button("use", 0)) frames(2);
            return true;
        }
    }
    say("cannot point at the panel button '%s'", item);
    return false;
}

/* Picks option ID on the open choice panel (an answer, or a feature of an
 * inspected object): the ray from beside the head onto the option's middle
 * (trace opt=) until the panel hovers it, then the use button. */
static bool pick(const char *id)
{
    static const double OFFS[][3] = {{0.1, -0.15, 0}, {-0.1, -0.15, 0}, {0, -0.05, 0}, {0.2, -0.3, 0.1}};
    for (size_t k = 0; k < sizeof OFFS / sizeof OFFS[0]; k++) {
        double p[3], eye[3] = {0, 1.6, 0};
        const char *v = read_trace() ? named("opt", id) : NULL;
        double x, y;
        int vis;
        if (!v || sscanf(v, "%lf,%lf,%d,%lf,%lf,%lf", &x, &y, &vis, &p[0], &p[1], &p[2]) != 6) {
            say("the choice panel shows no option '%s' (choice=%s)", id, field("choice") ? field("choice") : "?");
            return false;
        }
        const char *e = field("eye");
        if (e) sscanf(e, "%lf,%lf,%lf", &eye[0], &eye[1], &eye[2]);
        struct pose h;
        double dir[3];
        for (int i = 0; i < 3; i++) {
            h.p[i] = eye[i] + OFFS[k][i];
            dir[i] = p[i] - h.p[i];
        }
        q_look(dir, h.q);
        if (!send_hand(&h) || !frames(2)) return false;
        if (trace_is("ohover", id)) {
            if (!button("use", 1) || !frames(2) || !button("use", 0) || !frames(2)) return false;
            return wait_trace("choice", "-", false, 10);
        }
    }
    say("cannot point the %s hand at the option '%s'", side(), id);
    return false;
}

/* Opens a question's panel (the use button with the ray on it) and picks
 * the answer. */
static bool answer(const char *question, const char *choice)
{
    char want[160];
    snprintf(want, sizeof want, "answer,%s", question);
    if (!free_hand(NULL)) return false;
    /* Only the pick decides: opening the panel keeps to the hands' time. */
    double keep = due_at;
    due_at = -1;
    bool opened = click("use", question) && wait_trace("choice", want, false, 10);
    due_at = keep;
    return opened && pick(choice);
}

/* Inspects an object, and picks feature on the picker when inspecting
 * opens one (trace picker=: several features without parts of their own).
 * With a picker the pick is the timed input, else the inspect press. */
static bool inspect_feature(const char *id, const char *feature)
{
    bool picker = false;
    for (int i = 0; read_trace() && i < tr.n; i++) picker |= !strcmp(tr.key[i], "picker") && !strcmp(tr.val[i], id);
    if (!picker) return inspect(id);
    double when = due_at;
    due_at = -1;
    char want[160];
    snprintf(want, sizeof want, "feature,%s", id);
    if (!inspect(id) || !wait_trace("choice", want, false, 10)) return false;
    due(when, "use", true);
    return pick(feature);
}

/* Sets a held tool (trace tset=) to value with the hand's stick: one push
 * up or down per step, back to the centre between pushes. */
static bool set_tool(const char *tool, double value)
{
    for (int n = 0; n < 1000; n++) {
        double now;
        const char *v = read_trace() ? named("tset", tool) : NULL;
        if (!v) return true; /* nothing to set */
        now = atof(v);
        if (fabs(now - value) < 1e-6) return true;
        const char *stick = strstr(profile, "vive") ? "trackpad" : "thumbstick";
        if (!cmd("axis %s %s 0 %d", side(), stick, now < value ? 1 : -1) || !frames(1) ||
            !cmd("axis %s %s 0 0", side(), stick) || !frames(1))
            return false;
    }
    say("cannot set %s to %g with the stick", tool, value);
    return false;
}

/* Walks into a zone: the head over the middle of the zone's footprint. */
static bool zone(const char *id)
{
    double c[3];
    const char *z = read_trace() ? named("zonec", id) : NULL;
    if (!z || sscanf(z, "%lf,%lf,%lf", &c[0], &c[1], &c[2]) != 3) {
        say("the trace has no zone '%s' (zonec=)", id);
        return false;
    }
    double head[3] = {c[0], c[1] + 1.2, c[2]};
    struct pose o = origin();
    double inv[4], d[3], p[3], q[4], dir[3] = {0, 0, -1};
    q_look(dir, q);
    qconj(o.q, inv);
    for (int i = 0; i < 3; i++) d[i] = head[i] - o.p[i];
    qrot(inv, d, p);
    qmul(inv, q, q);
    char line[200];
    snprintf(line, sizeof line, "head %.5f %.5f %.5f %.6f %.6f %.6f %.6f", p[0], p[1], p[2], q[0], q[1], q[2], q[3]);
    bool ok = due_at >= 0 && !strcmp(due_action, "head") ? at_due(line) : cmd("%s", line);
    return ok && frames(2);
}

static bool unwear(void)
{
    if (!free_hand(NULL)) return false;
    /* Straight up: nothing to point at. */
    struct pose h = hand_world;
    double up[3] = {0, 1, 0};
    q_look(up, h.q);
    return send_hand(&h) && frames(2) && click("inspect", NULL);
}

static double headset_time(void)
{
    const char *v = read_trace() ? field("ft") : NULL;
    return v ? atof(v) : -1;
}

static bool idle(double s)
{
    double until = headset_time() + s;
    double limit = now_s() + 600;
    while (headset_time() < until) {
        if (now_s() > limit || !frames(10)) {
            say("idle %g s did not pass", s);
            return false;
        }
    }
    return true;
}

static bool run_line(char *line);
static bool play(const char *path, int limit);

/* `paja test --trace` lines: "T in TYPE subject=X target=Y detail=D
 * unit=U value=V ...". Each action's deciding input comes at the engine's
 * time for it (start + T, see at_due); the hands get HANDS_FRAMES frames of
 * headset time before it to reach and hold, and headset time they do not
 * need is skipped (a procedure's 10-minute wait included). */
#define HANDS_FRAMES 60
static bool play(const char *path, int limit)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        say("cannot read %s", path);
        return false;
    }
    char line[2048];
    bool ok = true;
    double t1 = 0, t2 = 0;
    if (!frame_time(&t1) || !frames(1) || !frame_time(&t2)) {
        fclose(f);
        return false;
    }
    double period = t2 - t1 > 0 ? t2 - t1 : 0.1, lead = HANDS_FRAMES * period;
    double start = t2 + lead;
    int played = 0;
    while (ok && fgets(line, sizeof line, f) && (limit <= 0 || played < limit)) {
        long long t;
        char dir[8], type[32], subject[128], target[128], detail[128], unit[32];
        double value = 0;
        if (sscanf(line, "%lld %7s %31s subject=%127s target=%127s detail=%127s unit=%31s value=%lf", &t, dir, type,
                   subject, target, detail, unit, &value) < 5)
            continue;
        if (strcmp(dir, "in")) continue;
        snprintf(playing, sizeof playing, "%s %s %s", type, subject, target);
        /* A session that has ended (a critical violation in an exam ends
         * it at once) takes no more actions, as in paja test. */
        if (read_trace() && field("finished") && !strcmp(field("finished"), "1")) {
            say("the session has finished; the rest of the actions are not played");
            break;
        }
        double when = start + (double)t * 1e-6, now;
        if (!frame_time(&now)) {
            ok = false;
            break;
        }
        if (when - lead > now + period) ok = cmd("skip %.9f", when - lead - now - period) && frames(1);
        if (!ok) break;
        char c[400];
        c[0] = '\0';
        if (!strcmp(type, "grab")) due(when, "grab", true), snprintf(c, sizeof c, "grab %s", subject);
        else if (!strcmp(type, "release")) due(when, "grab", false), snprintf(c, sizeof c, "release");
        else if (!strcmp(type, "place")) due(when, "grab", false), snprintf(c, sizeof c, "place %s %s", subject, target);
        else if (!strcmp(type, "remove")) due(when, "grab", true), snprintf(c, sizeof c, "remove %s", subject);
        else if (!strcmp(type, "press")) due(when, "use", true), snprintf(c, sizeof c, "press %s", subject);
        else if (!strcmp(type, "use")) {
            due(when, "use", true);
            /* A tool with a setting is set before it is used (the event's value). */
            ok = free_hand(subject) && grab(subject) && set_tool(subject, value);
            snprintf(c, sizeof c, "use %s %s", subject, target);
        } else if (!strcmp(type, "inspect")) {
            due(when, "inspect", true);
            if (strcmp(target, "-")) {
                ok = inspect_feature(subject, target);
            } else {
                snprintf(c, sizeof c, "inspect %s", subject);
            }
        } else if (!strcmp(type, "wear")) due(when, "grab", false), snprintf(c, sizeof c, "wear %s", subject);
        else if (!strcmp(type, "unwear")) due(when, "inspect", true), snprintf(c, sizeof c, "unwear");
        else if (!strcmp(type, "hint_request")) due(when, "hint", true), snprintf(c, sizeof c, "hint");
        else if (!strcmp(type, "answer")) {
            due(when, "use", true);
            ok = answer(subject, strcmp(target, "-") ? target : detail);
        } else if (!strcmp(type, "zone")) {
            due(when, "head", true);
            ok = zone(subject);
        } else {
            say("no controller input for '%s'", type);
            ok = false;
            break;
        }
        if (ok && c[0]) ok = run_line(c);
        if (due_at >= 0) say("%s %s: its deciding input was not timed", type, subject);
        due_at = -1;
        played++;
    }
    fclose(f);
    return ok;
}

static bool run_line(char *line)
{
    char *hash = strchr(line, '#');
    if (hash) *hash = 0;
    char *a[8] = {0};
    int n = 0;
    for (char *save = NULL, *t = strtok_r(line, " \t\r\n", &save); t && n < 7; t = strtok_r(NULL, " \t\r\n", &save))
        a[n++] = t;
    if (n == 0) return true;
    say("%s %s %s %s", a[0], a[1] ? a[1] : "", a[2] ? a[2] : "", a[3] ? a[3] : "");
    const char *c = a[0];
    if (!strcmp(c, "profile") && a[1]) {
        snprintf(profile, sizeof profile, "%s", a[1]);
        return true;
    }
    if (!strcmp(c, "hand") && a[1]) {
        hand = strcmp(a[1], "left") != 0;
        hand_known = false;
        return true;
    }
    if (!strcmp(c, "wait") && a[1]) {
        char *eq = strchr(a[1], '=');
        if (!eq) return false;
        *eq = 0;
        return wait_trace(a[1], eq + 1, false, a[2] ? atof(a[2]) : 60);
    }
    if (!strcmp(c, "wait_in") && a[2]) return wait_trace(a[1], a[2], true, a[3] ? atof(a[3]) : 60);
    if (!strcmp(c, "frames") && a[1]) return frames(atoi(a[1]));
    if (!strcmp(c, "grab") && a[1]) return free_hand(a[1]) && grab(a[1]);
    if (!strcmp(c, "release")) return release();
    if (!strcmp(c, "place") && a[2]) return free_hand(a[1]) && place(a[1], a[2]);
    if (!strcmp(c, "remove") && a[1]) return free_hand(NULL) && remove_from(a[1]);
    if (!strcmp(c, "wear") && a[1]) return free_hand(a[1]) && wear(a[1]);
    if (!strcmp(c, "use") && a[2]) return use(a[1], a[2]);
    if (!strcmp(c, "press") && a[1]) return press(a[1]);
    if (!strcmp(c, "inspect") && a[1]) return inspect(a[1]);
    if (!strcmp(c, "unwear")) return unwear();
    if (!strcmp(c, "choose") && a[1]) return choose(a[1]);
    if (!strcmp(c, "menu")) {
        /* paja's menu is on the left controller (Index: its B). */
        const char *b = strstr(profile, "index") ? "b" : "menu";
        return cmd("button left %s 1", b) && frames(2) && cmd("button left %s 0", b) && frames(2);
    }
    if (!strcmp(c, "hint")) return click("hint", NULL);
    if (!strcmp(c, "idle") && a[1]) return idle(atof(a[1]));
    if (!strcmp(c, "play") && a[1]) return play(a[1], a[2] ? atoi(a[2]) : 0);
    if (!strcmp(c, "exit")) return cmd("exit");
    if (!strcmp(c, "rest")) {
        /* Standing in the middle of the play area, looking ahead, hands
         * lowered in front (xrsim's own start pose), in play space. */
        hand_known = false;
        return cmd("head 0 1.6 0") && cmd("hand left -0.2 1.3 -0.35") && cmd("hand right 0.2 1.3 -0.35") && frames(3);
    }
    if (!strcmp(c, "dump") && a[1]) return cmd("dump %s", a[1]) && frames(2);
    if (!strcmp(c, "look") && a[6]) {
        /* look EX EY EZ AX AY AZ: the head at E looking at A (world), the
         * hands lowered beside it, for pictures from a known place. */
        double e[3] = {atof(a[1]), atof(a[2]), atof(a[3])}, at[3] = {atof(a[4]), atof(a[5]), atof(a[6])};
        return send_head(e, at) && frames(2);
    }
    if (!strcmp(c, "lose")) return cmd("lose");
    say("unknown command '%s'", c);
    return false;
}

int main(int argc, char **argv)
{
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (argc != 4) {
        fprintf(stderr, "usage: xrplay TRACE_FILE CONTROL_SOCKET SCRIPT_FILE\n");
        return 2;
    }
    trace_path = argv[1];
    FILE *script = strcmp(argv[3], "-") ? fopen(argv[3], "r") : stdin;
    if (!script) {
        fprintf(stderr, "xrplay: cannot read %s\n", argv[3]);
        return 2;
    }
    const char *p = getenv("XRSIM_PROFILE");
    if (p && *p) snprintf(profile, sizeof profile, "%s", p);
    ctl = xrsim_connect(argv[2], 60000);
    if (ctl < 0) {
        fprintf(stderr, "xrplay: cannot connect to xrsim's control socket %s\n", argv[2]);
        return 1;
    }
    /* paja's first traced frame: the session is there. */
    double until = now_s() + 60;
    while (!read_trace() && now_s() < until) nanosleep(&(struct timespec){0, 50000000L}, NULL);
    char line[1024];
    int rc = 0;
    while (fgets(line, sizeof line, script)) {
        if (!run_line(line)) {
            say("FAILED: %s", line);
            show_trace();
            rc = 1;
            break;
        }
    }
    if (script != stdin) fclose(script);
    xrsim_disconnect(ctl);
    return rc;
}

/* xrsim: the simulated device (head, two controllers) and the command
 * language that drives it. The same lines come from the control channel
 * (live, XRSIM_CONTROL) and from the timeline file (XRSIM_SCRIPT), where each
 * line starts with its time in seconds; poses, buttons and axes are then
 * interpolated between a target's keys. tools/xrsim/README.md documents the
 * language. */
#include "xrsim.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct xs_device xs_dev;

static const char *component_names[XS_COMPONENTS] = {"select", "menu", "system", "squeeze",    "trigger",  "a",
                                                     "b",      "x",    "y",      "thumbstick", "trackpad", "thumbrest"};

int xs_component_index(const char *name)
{
    for (int i = 0; i < XS_COMPONENTS; i++)
        if (!strcmp(component_names[i], name)) return i;
    return -1;
}

const char *xs_component_name(int i)
{
    return i >= 0 && i < XS_COMPONENTS ? component_names[i] : "?";
}

void xs_device_reset(void)
{
    memset(&xs_dev, 0, sizeof xs_dev);
    struct xs_pose head = {{0, 1.6f, 0}, {0, 0, 0, 1}};
    xs_dev.head = head;
    for (int h = 0; h < 2; h++) {
        struct xs_pose hand = {{h ? 0.2f : -0.2f, 1.3f, -0.35f}, {0, 0, 0, 1}};
        xs_dev.hand[h].active = true;
        xs_dev.hand[h].grip = xs_dev.hand[h].aim = hand;
    }
}

/* ---- parsing one command ---- */

enum xs_op {
    OP_HEAD,
    OP_HAND,
    OP_BUTTON,
    OP_AXIS,
    OP_ACTIVE,
    OP_PROFILE,
    OP_FOCUS,
    OP_EXIT,
    OP_LOSE,
    OP_RECENTER,
    OP_DUMP,
    OP_LOOK,
    OP_AIM,
    OP_SKIP
};
enum { WHICH_BOTH = -1, WHICH_GRIP = -2, WHICH_AIM = -3 };
struct xs_cmd {
    enum xs_op op;
    int hand;  /* 0 left, 1 right */
    int which; /* component index, or WHICH_* for poses */
    int nv;
    float v[7];
    int64_t ns; /* skip: nanoseconds (a float would round a 10-minute skip to 60 µs) */
    char str[512];
};

static bool parse_hand(const char *tok, int *hand)
{
    if (tok && !strcmp(tok, "left")) {
        *hand = 0;
        return true;
    }
    if (tok && !strcmp(tok, "right")) {
        *hand = 1;
        return true;
    }
    return false;
}

static int parse_floats(char **tok, int n, float *v)
{
    int i = 0;
    for (; i < n && tok[i]; i++) {
        char *end;
        v[i] = strtof(tok[i], &end);
        if (*end || !isfinite(v[i])) return -1;
    }
    return tok[i] && i == n ? -1 : i;
}

/* Reads a pose "x y z [qx qy qz qw]" into v[0..6]; orientation defaults to
 * identity and is normalised. */
static bool parse_pose(char **tok, float *v, char *err, size_t errsz)
{
    int n = parse_floats(tok, 7, v);
    if (n != 3 && n != 7) {
        snprintf(err, errsz, "a pose is 'x y z' or 'x y z qx qy qz qw' (numbers, metres)");
        return false;
    }
    if (n == 3) {
        v[3] = v[4] = v[5] = 0;
        v[6] = 1;
    }
    float len = sqrtf(v[3] * v[3] + v[4] * v[4] + v[5] * v[5] + v[6] * v[6]);
    if (len < 1e-6f) {
        snprintf(err, errsz, "the orientation quaternion is zero");
        return false;
    }
    for (int i = 3; i < 7; i++)
        v[i] /= len;
    return true;
}

static bool parse_cmd(char *line, struct xs_cmd *c, char *err, size_t errsz)
{
    char *tok[16] = {0};
    int n = 0;
    for (char *save = NULL, *t = strtok_r(line, " \t\r\n", &save); t && n < 15; t = strtok_r(NULL, " \t\r\n", &save))
        tok[n++] = t;
    memset(c, 0, sizeof *c);
    if (n == 0) {
        snprintf(err, errsz, "empty command");
        return false;
    }
    const char *w = tok[0];
    if (!strcmp(w, "head")) {
        c->op = OP_HEAD;
        return parse_pose(tok + 1, c->v, err, errsz) && (c->nv = 7);
    }
    if (!strcmp(w, "hand")) {
        c->op = OP_HAND;
        if (!parse_hand(tok[1], &c->hand)) {
            snprintf(err, errsz, "usage: hand left|right [grip|aim] x y z [qx qy qz qw]");
            return false;
        }
        int first = 2;
        c->which = WHICH_BOTH;
        if (tok[2] && !strcmp(tok[2], "grip")) {
            c->which = WHICH_GRIP;
            first = 3;
        } else if (tok[2] && !strcmp(tok[2], "aim")) {
            c->which = WHICH_AIM;
            first = 3;
        }
        return parse_pose(tok + first, c->v, err, errsz) && (c->nv = 7);
    }
    if (!strcmp(w, "button") || !strcmp(w, "axis")) {
        bool axis = w[0] == 'a';
        c->op = axis ? OP_AXIS : OP_BUTTON;
        if (!parse_hand(tok[1], &c->hand) || !tok[2] || (c->which = xs_component_index(tok[2])) < 0 ||
            parse_floats(tok + 3, axis ? 2 : 1, c->v) != (axis ? 2 : 1)) {
            snprintf(err, errsz,
                     "usage: %s left|right COMPONENT %s (components: select menu system squeeze trigger "
                     "a b x y thumbstick trackpad thumbrest)",
                     w, axis ? "X Y (-1..1)" : "VALUE (0..1)");
            return false;
        }
        c->nv = axis ? 2 : 1;
        return true;
    }
    if (!strcmp(w, "active")) {
        c->op = OP_ACTIVE;
        if (!parse_hand(tok[1], &c->hand) || parse_floats(tok + 2, 1, c->v) != 1) {
            snprintf(err, errsz, "usage: active left|right 0|1");
            return false;
        }
        return true;
    }
    if (!strcmp(w, "skip")) {
        /* Time passes with nobody looking (a procedure's 10-minute wait):
         * the virtual clock's next frame comes S seconds later. */
        c->op = OP_SKIP;
        char *end = NULL;
        double sec = tok[1] && !tok[2] ? strtod(tok[1], &end) : -1.0;
        if (!end || *end || !(sec >= 0 && sec <= 86400)) {
            snprintf(err, errsz, "usage: skip SECONDS (0..86400; moves the virtual clock only)");
            return false;
        }
        c->ns = (int64_t)llround(sec * 1e9);
        return true;
    }
    if (!strcmp(w, "focus")) {
        c->op = OP_FOCUS;
        if (parse_floats(tok + 1, 1, c->v) != 1) {
            snprintf(err, errsz, "usage: focus 0|1");
            return false;
        }
        return true;
    }
    if (!strcmp(w, "profile") || !strcmp(w, "dump")) {
        c->op = w[0] == 'p' ? OP_PROFILE : OP_DUMP;
        /* "dump" alone writes frame-N.png into XRSIM_DUMP_DIR */
        bool bare_dump = c->op == OP_DUMP && !tok[1] && xs_cfg.dump_dir[0];
        if ((!tok[1] && !bare_dump) || (tok[1] && tok[2])) {
            snprintf(err, errsz, "usage: %s",
                     c->op == OP_PROFILE ? "profile VENDOR/NAME (e.g. oculus/touch_controller) or profile none"
                                         : "dump PATH.png (or dump alone, with XRSIM_DUMP_DIR set)");
            return false;
        }
        snprintf(c->str, sizeof c->str, "%s", bare_dump ? "" : tok[1]);
        if (c->op == OP_PROFILE && !xs_profile_name_ok(c->str)) {
            snprintf(err, errsz,
                     "profile '%.100s' is not simulated (khr/simple_controller, oculus/touch_controller, "
                     "valve/index_controller, htc/vive_controller, microsoft/motion_controller, none)",
                     c->str);
            return false;
        }
        return true;
    }
    if (!strcmp(w, "look") || !strcmp(w, "aim")) {
        c->op = w[0] == 'l' ? OP_LOOK : OP_AIM;
        int first = 1;
        if (c->op == OP_AIM && !parse_hand(tok[first++], &c->hand)) {
            snprintf(err, errsz, "usage: aim left|right X Y Z (a point in the room to point the controller at)");
            return false;
        }
        if (parse_floats(tok + first, 3, c->v) != 3) {
            snprintf(err, errsz, "usage: %s X Y Z (a point in the room, metres)",
                     c->op == OP_LOOK ? "look" : "aim left|right");
            return false;
        }
        return true;
    }
    if (!strcmp(w, "exit") || !strcmp(w, "lose") || !strcmp(w, "recenter")) {
        c->op = w[0] == 'e' ? OP_EXIT : w[0] == 'l' ? OP_LOSE : OP_RECENTER;
        return true;
    }
    snprintf(err, errsz,
             "unknown command '%s' (head, hand, button, axis, active, profile, focus, skip, exit, lose, "
             "recenter, dump)",
             w);
    return false;
}

static void set_pose(struct xs_pose *p, const float *v)
{
    memcpy(p->p, v, 3 * sizeof *v);
    memcpy(p->q, v + 3, 4 * sizeof *v);
}

/* The orientation that turns -Z (forward) towards target from `from`, with
 * no roll: a yaw about +Y after a pitch about +X. Unchanged when the two
 * points coincide. */
static void face(float q[4], const float from[3], const float target[3])
{
    float d[3] = {target[0] - from[0], target[1] - from[1], target[2] - from[2]};
    float len = sqrtf(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
    if (len < 1e-6f) return;
    float yaw = atan2f(-d[0], -d[2]), pitch = asinf(d[1] / len);
    float qy[4] = {0, sinf(yaw / 2), 0, cosf(yaw / 2)}, qp[4] = {sinf(pitch / 2), 0, 0, cosf(pitch / 2)};
    q[0] = qy[3] * qp[0];
    q[1] = qy[1] * qp[3];
    q[2] = -qy[1] * qp[0];
    q[3] = qy[3] * qp[3];
}

static void apply_cmd(const struct xs_cmd *c)
{
    struct xs_hand *h = &xs_dev.hand[c->hand];
    switch (c->op) {
    case OP_HEAD: set_pose(&xs_dev.head, c->v); break;
    case OP_HAND:
        if (c->which != WHICH_AIM) set_pose(&h->grip, c->v);
        if (c->which != WHICH_GRIP) set_pose(&h->aim, c->v);
        break;
    case OP_BUTTON: h->comp[c->which].value = c->v[0]; break;
    case OP_AXIS:
        h->comp[c->which].x = c->v[0];
        h->comp[c->which].y = c->v[1];
        break;
    case OP_ACTIVE: h->active = c->v[0] != 0; break;
    case OP_PROFILE: snprintf(xs_dev.profile, sizeof xs_dev.profile, "%.63s", c->str); break;
    case OP_FOCUS: xs_dev.unfocused = c->v[0] == 0; break;
    case OP_EXIT: xs_dev.exit_request = true; break;
    case OP_LOSE: xs_dev.loss_request = true; break;
    case OP_RECENTER: xs_dev.recenter = true; break;
    case OP_LOOK: face(xs_dev.head.q, xs_dev.head.p, c->v); break;
    case OP_AIM: face(h->aim.q, h->aim.p, c->v); break;
    case OP_DUMP:
        snprintf(xs_dev.dump_path, sizeof xs_dev.dump_path, "%s", c->str);
        xs_dev.dump_now = true;
        break;
    case OP_SKIP: xs_dev.skipped_ns += c->ns; break;
    }
}

bool xs_device_command(const char *line, char *err, size_t errsz)
{
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", line);
    struct xs_cmd c;
    if (!parse_cmd(buf, &c, err, errsz)) return false;
    xs_log(XS_LOG_DEBUG, "device: %s", line);
    apply_cmd(&c);
    return true;
}

/* ---- the timeline ---- */

struct xs_key {
    double t;
    char text[64]; /* the command as written, for the log */
    struct xs_cmd cmd;
    int next_same; /* index of the next key of the same target, or -1 */
    bool fired;
};
static struct xs_key *keys;
static size_t key_count;

/* The timeline is kept for the life of the process: an application that
 * restarts after a session loss gets it again from its new session's start,
 * but commands that fire once ("lose", "exit", ...) do not fire again. */
static char loaded_path[512];
static bool loaded_ok;

static bool continuous(enum xs_op op)
{
    return op == OP_HEAD || op == OP_HAND || op == OP_BUTTON || op == OP_AXIS;
}

static bool same_target(const struct xs_cmd *a, const struct xs_cmd *b)
{
    return a->op == b->op && a->hand == b->hand && a->which == b->which;
}

static int key_cmp(const void *a, const void *b)
{
    const struct xs_key *x = a, *y = b;
    if (x->t != y->t) return x->t < y->t ? -1 : 1;
    return (x->next_same > y->next_same) - (x->next_same < y->next_same); /* file order (kept in next_same) */
}

void xs_timeline_free(void)
{
    free(keys);
    keys = NULL;
    key_count = 0;
    loaded_path[0] = 0;
}

bool xs_timeline_load(const char *path)
{
    if (keys && !strcmp(path, loaded_path)) return loaded_ok;
    xs_timeline_free();
    snprintf(loaded_path, sizeof loaded_path, "%s", path);
    FILE *f = fopen(path, "r");
    if (!f) {
        xs_log(XS_LOG_ERROR, "XRSIM_SCRIPT %s: cannot open; set it to a readable timeline file", path);
        return false;
    }
    char line[1024];
    size_t cap = 0, lineno = 0;
    bool ok = true;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *p = line;
        while (isspace((unsigned char)*p))
            p++;
        if (!*p || *p == '#') continue;
        char *end;
        double t = strtod(p, &end);
        char err[256];
        struct xs_key k = {0};
        if (end == p || t < 0 || !isfinite(t)) {
            xs_log(XS_LOG_ERROR, "%s:%zu:1: a timeline line starts with its time in seconds (>= 0)", path, lineno);
            ok = false;
            continue;
        }
        snprintf(k.text, sizeof k.text, "%.*s", (int)strcspn(end + strspn(end, " \t"), "\r\n"),
                 end + strspn(end, " \t"));
        if (!parse_cmd(end, &k.cmd, err, sizeof err)) {
            xs_log(XS_LOG_ERROR, "%s:%zu:%d: %s", path, lineno, (int)(end - line) + 2, err);
            ok = false;
            continue;
        }
        if (key_count == cap) {
            cap = cap ? cap * 2 : 64;
            struct xs_key *n = realloc(keys, cap * sizeof *n);
            if (!n) break;
            keys = n;
        }
        k.t = t;
        k.next_same = (int)key_count;
        keys[key_count++] = k;
    }
    fclose(f);
    qsort(keys, key_count, sizeof *keys, key_cmp);
    for (size_t i = 0; i < key_count; i++) {
        keys[i].next_same = -1;
        for (size_t j = i + 1; j < key_count; j++)
            if (same_target(&keys[i].cmd, &keys[j].cmd)) {
                keys[i].next_same = (int)j;
                break;
            }
    }
    xs_log(XS_LOG_INFO, "timeline %s: %zu keys", path, key_count);
    loaded_ok = ok;
    return ok;
}

void xs_timeline_apply(double t)
{
    for (size_t i = 0; i < key_count; i++) {
        struct xs_key *k = &keys[i];
        /* a frame's time is a whole number of nanosecond periods, so a key
         * at 0.5 s lands on frame 45 at 90 Hz, not one frame later */
        if (k->t > t + 1e-6) break;
        if (!continuous(k->cmd.op)) {
            if (!k->fired) {
                k->fired = true;
                xs_log(XS_LOG_INFO, "timeline %.3f s: %s", k->t, k->text);
                apply_cmd(&k->cmd);
            }
            continue;
        }
        const struct xs_key *nx = k->next_same >= 0 ? &keys[k->next_same] : NULL;
        if (nx && nx->t <= t + 1e-6) continue; /* a later key of this target applies */
        struct xs_cmd c = k->cmd;
        if (nx && nx->t > k->t) {
            float a = (float)((t - k->t) / (nx->t - k->t));
            if (c.nv == 7) {
                float dot = 0;
                for (int j = 3; j < 7; j++)
                    dot += k->cmd.v[j] * nx->cmd.v[j];
                float sign = dot < 0 ? -1.0f : 1.0f, len = 0;
                for (int j = 0; j < 7; j++)
                    c.v[j] = k->cmd.v[j] + a * ((j >= 3 ? sign : 1.0f) * nx->cmd.v[j] - k->cmd.v[j]);
                for (int j = 3; j < 7; j++)
                    len += c.v[j] * c.v[j];
                len = sqrtf(len);
                for (int j = 3; j < 7; j++)
                    c.v[j] /= len;
            } else {
                for (int j = 0; j < c.nv; j++)
                    c.v[j] = k->cmd.v[j] + a * (nx->cmd.v[j] - k->cmd.v[j]);
            }
        }
        apply_cmd(&c);
    }
}

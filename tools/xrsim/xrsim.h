/* xrsim: a simulated OpenXR headset runtime (internal header).
 *
 * The loader finds the runtime through its manifest (XR_RUNTIME_JSON) and
 * reaches every function through xs_get_instance_proc_addr; nothing but the
 * negotiation function is exported from the shared object.
 *
 * One global lock serialises all calls (XS_ENTER takes it and releases it on
 * return), so the simulated device, the control channel and the objects need
 * no finer locking. Functions that wait (xrWaitFrame pacing, a paused
 * control channel) drop the lock while they wait. */
#ifndef XRSIM_H
#define XRSIM_H

#define XR_USE_PLATFORM_XLIB
#define XR_USE_GRAPHICS_API_OPENGL
#define XR_USE_PLATFORM_EGL
#define XR_EXTENSION_PROTOTYPES
#define XR_USE_TIMESPEC
#include <time.h>
#include <X11/Xlib.h>
#include <GL/gl.h>
#include <GL/glext.h>
#include <GL/glx.h>
#include <EGL/egl.h>
#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define XS_API_VERSION XR_MAKE_VERSION(1, 0, 20)
#define XS_SYSTEM_ID ((XrSystemId)0x5a5a)
#define XS_MAX_LAYERS 16
#define XS_MAX_IMAGES 3
#define XS_EVENT_QUEUE 64

/* ---- logging and call accounting (log.c) ---- */
enum xs_log_level { XS_LOG_NONE, XS_LOG_ERROR, XS_LOG_WARN, XS_LOG_INFO, XS_LOG_DEBUG };
extern enum xs_log_level xs_log_level;
void xs_log(enum xs_log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Logs why a call failed (a warning: it is the application's mistake) and
 * returns r, so a misuse site reads `return xs_fail(r, "why", ...)`. */
XrResult xs_fail(XrResult r, const char *fn, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
const char *xs_result_name(XrResult r);
void xs_log_open(void);
const char *xs_state_name(XrSessionState s);

struct xs_call {
    const char *name;
    int64_t start_ns;
};
struct xs_call xs_call_enter(const char *name);
void xs_call_leave(struct xs_call *c);
/* Time spent waiting on purpose (pacing, pause) is not the runtime's cost. */
void xs_call_exclude(int64_t ns);
/* Closes the current frame's cost account (called from xrEndFrame). */
void xs_stats_frame_done(void);
void xs_stats_write(void);
#define XS_ENTER(fn) struct xs_call xs_scope_ __attribute__((cleanup(xs_call_leave))) = xs_call_enter(fn)

int64_t xs_now_ns(void);
void xs_lock_drop(void);
void xs_lock_take(void);
pthread_mutex_t *xs_lock_mutex(void);

/* ---- GL entry points, looked up at run time (gl.c) ---- */
struct xs_gl_fns {
    void (*GenTextures)(GLsizei, GLuint *);
    void (*DeleteTextures)(GLsizei, const GLuint *);
    void (*BindTexture)(GLenum, GLuint);
    void (*TexImage2D)(GLenum, GLint, GLint, GLsizei, GLsizei, GLint, GLenum, GLenum, const void *);
    void (*TexImage3D)(GLenum, GLint, GLint, GLsizei, GLsizei, GLsizei, GLint, GLenum, GLenum, const void *);
    void (*TexParameteri)(GLenum, GLenum, GLint);
    void (*GetIntegerv)(GLenum, GLint *);
    GLenum (*GetError)(void);
    void (*PixelStorei)(GLenum, GLint);
    void (*GetTexImage)(GLenum, GLint, GLenum, GLenum, void *);
    void (*BindBuffer)(GLenum, GLuint);
    const GLubyte *(*GetString)(GLenum);
};
extern struct xs_gl_fns xs_gl;
/* Looks the functions up with get_proc (glXGetProcAddressARB for GLX, the
 * binding's eglGetProcAddress for EGL); false when one is missing. */
typedef void (*xs_fn)(void);
bool xs_gl_load(xs_fn (*get_proc)(const char *));

/* ---- handle bookkeeping (instance.c) ---- */
enum xs_kind { XS_INSTANCE = 1, XS_SESSION, XS_SPACE, XS_SWAPCHAIN, XS_ACTION_SET, XS_ACTION };
struct xs_obj {
    uint32_t magic;
    enum xs_kind kind;
    void *parent; /* the session of a space or swapchain, the set of an action */
    struct xs_obj *next_live;
};
void xs_obj_add(struct xs_obj *o, enum xs_kind kind, void *parent);
/* Any live object of that kind whose parent is `parent` (NULL if none). */
struct xs_obj *xs_obj_child(const void *parent, enum xs_kind kind);
void xs_obj_remove(struct xs_obj *o);
/* True when h is a live object of that kind (never dereferences a dead one). */
bool xs_obj_live(const void *h, enum xs_kind kind);

/* ---- paths (path.c) ---- */
XrPath xs_path_intern(const char *s);
const char *xs_path_str(XrPath p); /* NULL for an unknown path */
bool xs_path_valid_syntax(const char *s);

/* ---- events (instance.c) ---- */
struct xs_instance;
void xs_event_push(struct xs_instance *inst, const void *ev, size_t size);

/* ---- the simulated device (input.c) ---- */
struct xs_pose {
    float p[3];
    float q[4];
};
#define XS_COMPONENTS 12
struct xs_component {
    float value, x, y;
};
struct xs_hand {
    bool active;
    struct xs_pose grip, aim;
    struct xs_component comp[XS_COMPONENTS];
};
struct xs_device {
    struct xs_pose head; /* in STAGE space (floor origin) */
    struct xs_hand hand[2];
    char profile[64];    /* the controllers held, e.g. "oculus/touch_controller" */
    bool unfocused;      /* "focus 0": the session drops to VISIBLE */
    bool exit_request;   /* "exit" pending */
    bool loss_request;   /* "lose" pending */
    char dump_path[512]; /* "dump PATH": write the next submitted frame there */
    bool dump_now;       /* "dump" (PATH or frame-N.png in XRSIM_DUMP_DIR) */
    bool recenter;
    int64_t skipped_ns;  /* "skip S": virtual-clock time jumped over so far */
    unsigned haptic_count; /* pulses and stops so far, for "get haptics" */
    char haptic_last[160];
};
extern struct xs_device xs_dev;
void xs_device_reset(void);
int xs_component_index(const char *name); /* -1 if unknown */
const char *xs_component_name(int i);
/* Runs one command line of the control language on the device; fills err. */
bool xs_device_command(const char *line, char *err, size_t errsz);
/* Applies the timeline (XRSIM_SCRIPT) at t seconds since the session began. */
void xs_timeline_apply(double t);
bool xs_timeline_load(const char *path);
void xs_timeline_free(void);

/* ---- configuration from the environment (instance.c) ---- */
struct xs_config {
    bool real_clock;
    double rate_hz;
    long exit_after_frames;
    char dump_dir[512];
    long dump_every;
    long dump_frames[32];
    int dump_frame_count;
    double dump_times[32]; /* seconds since xrBeginSession, ascending */
    int dump_time_count;
    char haptics_log[512];
    char stats_path[512];
    char control_path[512];
    char script_path[512];
    float ipd;
    uint32_t view_w, view_h;
    bool focus_off;
};
extern struct xs_config xs_cfg;
void xs_config_load(void);

/* ---- instance ---- */
struct xs_binding {
    XrPath profile;
    struct xs_action *action;
    XrPath path;
};
struct xs_instance {
    struct xs_obj o;
    bool ext_depth, ext_conformance, ext_timespec, ext_headless, ext_egl;
    bool system_known, gl_requirements_known;
    XrEventDataBuffer events[XS_EVENT_QUEUE];
    int ev_head, ev_count;
    uint32_t ev_lost;
    struct xs_session *session;
    struct xs_action_set *sets;
    struct xs_binding *bindings;
    size_t binding_count, binding_cap;
};

/* ---- session (session.c) ---- */
struct xs_session {
    struct xs_obj o;
    struct xs_instance *inst;
    XrSessionState state;
    bool running, exit_requested, lost;
    Display *dpy;
    GLXDrawable drawable;
    GLXContext ctx;
    EGLDisplay egl_dpy; /* XR_MNDX_egl_enable instead of Xlib/GLX */
    EGLContext egl_ctx;
    bool headless, gl_ok;
    /* frame loop (frame.c) */
    uint64_t waits, begins, ends; /* counts of each call that succeeded */
    bool in_frame;                /* begun and not ended */
    XrTime t0, last_predicted;
    int dump_time_next; /* first XRSIM_DUMP_TIMES entry not yet dumped */
    int64_t next_real_ns;
    pthread_cond_t begun;
    /* input (action.c) */
    bool attached;
    XrPath profile[2]; /* current interaction profile per hand */
    XrTime last_sync_time;
};
void xs_session_set_state(struct xs_session *s, XrSessionState st);
/* Per-frame device events: focus changes, scripted exit/loss, recenter. */
void xs_session_device_tick(struct xs_session *s);
void xs_session_request_exit(struct xs_session *s);
void xs_session_destroy_children(struct xs_session *s);
/* GL context guard for calls that need GL (swapchains, dumps). */
struct xs_gl_guard {
    Display *dpy;
    GLXDrawable draw, read;
    GLXContext ctx;
    EGLDisplay egl_dpy;
    EGLSurface egl_draw, egl_read;
    EGLContext egl_ctx;
    bool switched, egl;
};
bool xs_gl_begin(struct xs_session *s, struct xs_gl_guard *g);
void xs_gl_end(struct xs_gl_guard *g);

/* ---- spaces (space.c) ---- */
struct xs_space {
    struct xs_obj o;
    struct xs_session *session;
    XrReferenceSpaceType ref; /* 0 for an action space */
    struct xs_action *action;
    XrPath subaction;
    struct xs_pose offset;
};
void xs_space_free(struct xs_space *sp);
void xs_pose_mul(const struct xs_pose *a, const struct xs_pose *b, struct xs_pose *out);
void xs_pose_inv(const struct xs_pose *a, struct xs_pose *out);
/* Pose of a space in STAGE coordinates; false when not locatable now. */
bool xs_space_in_stage(struct xs_space *sp, struct xs_pose *out);
/* The eyes (0 left, 1 right): field of view and pose in STAGE. */
XrFovf xs_eye_fov(int eye);
struct xs_pose xs_eye_pose(int eye);
void xs_pose_apply(const struct xs_pose *p, const float v[3], float out[3]); /* p * point */
void xs_rotate(const float q[4], const float v[3], float out[3]);

/* ---- swapchains (swapchain.c) ---- */
struct xs_swapchain {
    struct xs_obj o;
    struct xs_session *session;
    int64_t format;
    uint32_t width, height, array_size, count;
    bool depth, srgb, is_static, static_used;
    GLuint tex[XS_MAX_IMAGES];
    GLenum target;
    int queue[XS_MAX_IMAGES]; /* acquired images, oldest first */
    int queued;
    bool head_waited;
    int next_image;
    int last_released;
};
GLuint xs_swapchain_released_texture(struct xs_swapchain *sc);
void xs_swapchain_free(struct xs_swapchain *sc);

/* ---- actions (action.c) ---- */
struct xs_action_set {
    struct xs_obj o;
    struct xs_instance *inst;
    char name[XR_MAX_ACTION_SET_NAME_SIZE];
    char localized[XR_MAX_LOCALIZED_ACTION_SET_NAME_SIZE];
    uint32_t priority;
    bool attached;
    struct xs_action *actions;
    struct xs_action_set *next;
};
#define XS_SLOTS 3 /* any, left, right */
struct xs_action_slot {
    bool active, changed;
    float value, x, y; /* bool and float in value, vector2 in x, y */
    XrTime last_change;
};
struct xs_action {
    struct xs_obj o;
    struct xs_action_set *set;
    char name[XR_MAX_ACTION_NAME_SIZE];
    char localized[XR_MAX_LOCALIZED_ACTION_NAME_SIZE];
    XrActionType type;
    XrPath subaction[8];
    uint32_t subaction_count;
    struct xs_action_slot slot[XS_SLOTS];
    struct xs_action *next;
};
void xs_action_sets_free(struct xs_instance *inst);
const char *xs_profile_current_name(struct xs_session *s);
/* Re-evaluates the current interaction profile; emits the change event. */
void xs_action_update_profile(struct xs_session *s);
/* Pose of a pose action's binding for a hand (0 left, 1 right, -1 any). */
bool xs_action_pose(struct xs_session *s, struct xs_action *a, XrPath subaction, struct xs_pose *out);

bool xs_profile_known(const char *profile_path);
bool xs_profile_name_ok(const char *name);
bool xs_profile_has_path(const char *profile_path, const char *binding);

/* ---- control channel (control.c) ---- */
void xs_control_open(void);
void xs_control_close(void);
/* Reads and runs pending commands; blocks while the channel paused the
 * headset. Called once per frame from xrWaitFrame and from xrPollEvent. */
void xs_control_poll(struct xs_session *s, bool frame_boundary);
void xs_control_frame_ended(struct xs_session *s);

/* ---- eye image dumps (dump.c) ---- */
bool xs_dump_wanted(uint64_t frame);
/* Composes the frame's layers for each eye and writes them side by side. */
void xs_dump_frame(struct xs_session *s, const XrFrameEndInfo *info, const char *path);

/* ---- every API entry point, by file ---- */
XrResult XRAPI_CALL xs_get_instance_proc_addr(XrInstance, const char *, PFN_xrVoidFunction *);
PFN_xrVoidFunction xs_lookup(const char *name, const struct xs_instance *inst);

#endif

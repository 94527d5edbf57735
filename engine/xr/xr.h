/* xr.h — one frame API whatever shows the scene (DESIGN.md §3, §6).
 *
 * Every backend fills the same struct xr_frame: the time of the frame, the
 * session's state, the head, one or two views (pose, field of view, pixel
 * size and the image to render into) and two hands. The app renders each
 * view and passes the hands to interaction, so the frame loop does not know
 * whether a headset, a mouse or a script is driving it.
 *
 * Backends (enum xr_backend; each behind the ops table in xr_internal.h):
 *   desktop  — mouse-look head, WASD movement; the cursor's ray is one hand
 *              (the right, or the left with xr_desc.left_handed); real time.
 *   headless — no window, no input; fixed head; simulated time advancing a
 *              fixed step per frame, so runs are reproducible and a long wait
 *              in a procedure costs no real time. Scripts and tests fill the
 *              hands themselves.
 *   openxr   — a headset through the Khronos loader (xr_openxr.c): stereo
 *              views rendered into the runtime's swapchain images, hands from
 *              controller actions.
 *
 * THE FRAME CONTRACT
 *   xr_frame_begin(x, &f) ... xr_frame_end(x, &f) are always called in
 *   pairs, once per loop turn, whatever f says: a frame that should not be
 *   rendered (f.should_render false: a headset not yet visible, a session
 *   stopping) still ends, so the backend can tell the runtime it skipped it.
 *   - frame_begin waits for the frame's turn (OpenXR: xrWaitFrame, then
 *     xrBeginFrame), polls the runtime's events into f.state, locates head,
 *     views and hands at the predicted display time and, when should_render,
 *     ACQUIRES and waits for one image per view: views[i].color_texture
 *     (and depth_texture) are the GL texture names to draw into this frame.
 *   - The app draws view i into that image (gfx_target_wrap) — or, where the
 *     name is 0, into its own render target, which the app then shows in its
 *     own window. It never keeps an image past frame_end.
 *   - frame_end RELEASES the images and submits them (OpenXR: one
 *     projection layer with depth, xrEndFrame); with should_render false it
 *     submits no layer. On desktop and headless it only counts the frame.
 *   Poses in the frame are in the world: the backend tracks in its play
 *   space (floor at y = 0: OpenXR's STAGE, or LOCAL lowered by the floor
 *   height) and xr_frame.c places that space with the play-space origin
 *   that the app moves (teleport, snap turn, recentre: xr_set_origin).
 *   f.state tells the app when to stop: EXITING (the user or the runtime
 *   ends the session) and LOST (the headset is gone) end the loop, and the
 *   app closes and seals the record either way.
 */
#ifndef PAJA_XR_H
#define PAJA_XR_H

#include "types.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum xr_backend { XR_BACKEND_DESKTOP, XR_BACKEND_HEADLESS, XR_BACKEND_OPENXR, XR_BACKEND_COUNT };

/* Where the session is (OpenXR's XrSessionState, folded to what the app
 * acts on). Desktop and headless are RUNNING from the first frame. */
enum xr_session_state {
    XR_STATE_STARTING, /* created, waiting for the runtime (IDLE, READY, SYNCHRONIZED) */
    XR_STATE_RUNNING,  /* visible (VISIBLE, FOCUSED) */
    XR_STATE_STOPPING, /* the runtime asked to stop; frames continue, nothing is shown */
    XR_STATE_EXITING,  /* the session ended (the user quit from the runtime) */
    XR_STATE_LOST,     /* the runtime or headset went away (LOSS_PENDING, instance lost) */
};

struct xr_view {
    struct pose pose;       /* eye in world space */
    struct fov fov;         /* per eye, asymmetric in a headset */
    int width, height;      /* pixels of this view's image */
    /* The image to render this view into, as GL texture names (2D, colour
     * sRGB; depth a depth format), valid from frame_begin to frame_end.
     * 0 = the app's own render target (the desktop window, headless). */
    uint32_t color_texture;
    uint32_t depth_texture; /* 0 = none: the app brings its own depth */
};

struct xr_frame {
    uint64_t index;         /* 0 for the first frame */
    int64_t time_us;        /* frame (predicted display) time since the session started */
    int64_t dt_us;          /* since the previous frame */
    enum xr_session_state state;
    bool should_render;     /* draw the views this frame (pair with frame_end either way) */
    bool focused;           /* input is the app's (a headset's system menu takes it away) */
    struct pose head;       /* between the eyes, world space */
    uint32_t view_count;    /* 1 on desktop/headless, 2 in a headset */
    struct xr_view views[2];
    struct hand_input hands[HAND_COUNT]; /* world space */
    float floor_y;          /* world height of the play-space floor (moves with the origin) */
};

/* What a backend is, for the app's choices and the record's header. */
struct xr_info {
    enum xr_backend backend;
    /* A flat image a person looks at (the desktop's window, headless
     * screenshots): a screen-space HUD is readable there. False in a
     * headset (world panels only). */
    bool has_screen;
    /* Views come with their own images (views[i].color_texture != 0), so a
     * window, where there is one, mirrors the left eye by a blit. */
    bool external_images;
    /* frame_begin waits for the display's next frame itself (OpenXR's
     * xrWaitFrame): the app waits on nothing else (no vsync on a window's
     * swap, no sleeps). False: the app paces its own frames. */
    bool paced;
    char device[96];        /* "desktop", "headless", "openxr: <runtime> / <system>" */
    char input[96];         /* "mouse", "none", or the active interaction profile path */
};

/* The window's GL context as OpenXR's Xlib binding needs it
 * (XrGraphicsBindingOpenGLXlibKHR), in opaque form so xr sees no X or GL
 * header. The app fills it from platform; backends without a headset ignore
 * it. All zero = no GLX context (headless, Wayland): OPENXR fails to create. */
struct xr_gl_binding {
    void *x_display;            /* Display * */
    void *glx_context;          /* GLXContext */
    unsigned long glx_drawable; /* GLXDrawable (an XID) */
    void *glx_fbconfig;         /* GLXFBConfig */
    unsigned long visual_id;    /* the window's visual id */
};

struct xr_desc {
    enum xr_backend backend;
    struct pose start_head;   /* where the head starts (desktop, headless) */
    float vertical_fov;       /* radians; default 70 degrees (desktop, headless) */
    int width, height;        /* headless view size; default 1280x720 */
    int64_t fixed_step_us;    /* headless step; default 1/90 s */
    float move_speed;         /* desktop, metres per second; default 1.4 (walking) */
    float look_sensitivity;   /* desktop, radians per pixel; default 0.0025 */
    bool left_handed;         /* desktop: the mouse drives the left hand */
    struct xr_gl_binding gl;  /* openxr: the window's GL context */
    float near_m, far_m;      /* openxr: the clip planes the app draws with (depth layer) */
    const char *app_name;     /* openxr: shown by the runtime; default "paja" */
};

struct xr;

/* Creates the backend desc names. NULL with the reason in why (one line a
 * user understands: "no OpenXR runtime is installed …", "the runtime has no
 * headset connected …") when it cannot; the app then falls back. */
struct xr *xr_create(const struct xr_desc *desc, char *why, size_t why_size);
void xr_destroy(struct xr **x);
void xr_get_info(const struct xr *x, struct xr_info *out);

/* The window's input this frame (mouse, keys, drawable size). The desktop
 * backend steers the head and its hand with it; the others take only nothing
 * or the size. Call before xr_frame_begin; the input stays until replaced. */
void xr_set_window_input(struct xr *x, const struct desk_input *in);

/* See THE FRAME CONTRACT above. */
void xr_frame_begin(struct xr *x, struct xr_frame *out);
void xr_frame_end(struct xr *x, const struct xr_frame *f);

/* The play-space origin: where the tracked space stands and faces in the
 * world (teleport, snap turn, recentre move it). Identity at the start. */
void xr_set_origin(struct xr *x, const struct pose *world_from_play);
void xr_get_origin(const struct xr *x, struct pose *out_world_from_play);

/* Places the head in the world (scripts, tests): desktop and headless put
 * the head there; a headset moves the origin so the tracked head is there. */
void xr_set_head(struct xr *x, const struct pose *head);
/* Yaw and pitch of the last head pose (or the start head), radians. */
void xr_head_angles(const struct xr *x, float *out_yaw, float *out_pitch);

/* A haptic pulse on a hand's controller (grab, snap, violation); nothing
 * where there is none. amplitude 0..1. */
void xr_haptic_pulse(struct xr *x, enum hand_side hand, float amplitude, float seconds);

/* Asks the session to end (the app quits): a headset steps down through
 * STOPPING to EXITING over the next frames; the others report EXITING on
 * the next frame. Keep calling frame_begin/end until EXITING. */
void xr_request_exit(struct xr *x);
/* Why the session ended (EXITING or LOST), one line for the user; "" when
 * it has not ended or there is nothing to say. */
const char *xr_end_reason(const struct xr *x);

/* Whether an OpenXR runtime is installed and answers. False with the reason
 * ("no runtime: XR_ERROR_RUNTIME_UNAVAILABLE …") otherwise. Cheap: creates
 * no instance. */
bool xr_openxr_available(char *why, size_t why_size);

#endif

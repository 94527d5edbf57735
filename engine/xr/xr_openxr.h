/* xr_openxr.h — the OpenXR backend's state, shared by xr_openxr_*.c only.
 *
 * The backend is split by topic (reference/openxr.md §10 is the order of
 * use):
 *   xr_openxr_instance.c  loader quieting, instance (XR_KHR_opengl_enable),
 *                         HMD system, stereo views, the GL requirements call
 *   xr_openxr_session.c   session on the window's GLX context, events and
 *                         the session state, wait/begin/end of each frame
 *   xr_openxr_swapchain.c sRGB colour and depth swapchains per eye
 *   xr_openxr_space.c     STAGE or LOCAL with a floor offset, the views
 *   xr_openxr_input.c     the action set, five profiles' bindings, hands,
 *                         haptics, the active interaction profile
 *   xr_openxr.c           the backend's entry points (the ops table)
 * GL itself is never called here: the runtime owns its textures, gfx draws
 * into them through the texture names the frame carries. */
#ifndef PAJA_XR_OPENXR_H
#define PAJA_XR_OPENXR_H

#include "xr.h"

#include <X11/Xlib.h>
#include <GL/glx.h>
#define XR_USE_PLATFORM_XLIB
#define XR_USE_GRAPHICS_API_OPENGL
#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Colour and depth formats (GL enums) in the order paja prefers them:
 * the runtime decodes sRGB images itself, so sRGB first (reference §5). */
#define OXR_GL_SRGB8_ALPHA8 0x8C43
#define OXR_GL_RGBA8 0x8058
#define OXR_GL_DEPTH_COMPONENT24 0x81A6
#define OXR_GL_DEPTH_COMPONENT32F 0x8CAC
#define OXR_GL_DEPTH_COMPONENT16 0x81A5
#define OXR_GL_DEPTH24_STENCIL8 0x88F0

#define OXR_MAX_IMAGES 8
/* The clip planes paja draws with (app.h APP_VIEW_NEAR_M, APP_VIEW_FAR_M),
 * told to the compositor with the depth layer. */
#define OXR_NEAR_M 0.05f
#define OXR_FAR_M 100.0f /* defaults when xr_desc gives none */

/* Why the backend could not start, for the app's one-line fallback. */
enum oxr_fail {
    OXR_OK,
    OXR_NO_RUNTIME,   /* XR_ERROR_RUNTIME_UNAVAILABLE: nothing installed */
    OXR_NO_HEADSET,   /* XR_ERROR_FORM_FACTOR_UNAVAILABLE: runtime, no HMD */
    OXR_NO_GL,        /* the runtime cannot take OpenGL (no XR_KHR_opengl_enable) */
    OXR_FAILED        /* anything else, with the call and result in the reason */
};

struct oxr_swapchain {
    XrSwapchain handle;
    int64_t format;
    int32_t width, height;
    uint32_t image_count;
    uint32_t images[OXR_MAX_IMAGES]; /* GL texture names */
    uint32_t acquired;               /* index of the image acquired this frame */
    bool held;                       /* acquired and not yet released */
};

/* Per hand: subaction path, action spaces, what the profile last gave. */
struct oxr_hand {
    XrPath path;
    XrSpace grip_space, aim_space;
};

enum oxr_action {
    OXR_ACT_GRIP_POSE, OXR_ACT_AIM_POSE,
    OXR_ACT_GRAB,      /* squeeze: take and hold */
    OXR_ACT_USE,       /* trigger: use a tool, press, click panels */
    OXR_ACT_MENU,
    OXR_ACT_MOVE,      /* thumbstick or trackpad: teleport forward, snap turn */
    OXR_ACT_HINT,      /* a face button: a hint in practice mode */
    OXR_ACT_SECONDARY, /* the other face button: inspect, take off */
    OXR_ACT_RECENTRE,  /* thumbstick click: the play space in front again */
    OXR_ACT_HAPTIC,
    OXR_ACT_COUNT
};

struct oxr {
    struct xr_desc desc;
    XrInstance instance;
    XrSystemId system;
    XrSession session;
    XrSessionState state;
    bool running;        /* between xrBeginSession and xrEndSession */
    bool exit_requested; /* by paja (quitting) */
    bool was_running;    /* the session ran once: IDLE after it is stopping */
    bool lost;           /* LOSS_PENDING, instance loss, or a call said SESSION_LOST */
    char end_why[320];   /* why the session ended, when paja did not end it */
    char runtime_name[XR_MAX_RUNTIME_NAME_SIZE];
    char system_name[XR_MAX_SYSTEM_NAME_SIZE];

    /* extensions the runtime offers that we enabled */
    bool has_depth_layer;
    PFN_xrGetOpenGLGraphicsRequirementsKHR get_gl_requirements;

    /* views */
    uint32_t view_count;
    XrViewConfigurationView view_config[2];
    struct oxr_swapchain colour[2], depth[2];
    XrView views[2];
    XrCompositionLayerProjectionView proj_views[2];
    XrCompositionLayerDepthInfoKHR depth_info[2];

    /* spaces */
    XrSpace world;       /* STAGE, or LOCAL with floor_offset added */
    XrSpace view_space;
    bool world_is_stage;
    float floor_offset;  /* metres LOCAL's origin sits above the floor */
    /* play space, for frames in which nothing is located */
    struct pose last_head;
    struct xr_view last_views[2];

    /* frame */
    XrFrameState frame_state;
    bool frame_begun;    /* xrBeginFrame done; xrEndFrame owed */
    bool frame_waited;
    int64_t first_time_ns, last_time_ns;

    /* input */
    XrActionSet action_set;
    XrAction actions[OXR_ACT_COUNT];
    struct oxr_hand hands[HAND_COUNT];
    char profile[XR_MAX_PATH_LENGTH]; /* the active profile's path, "" while none */
    bool profile_dirty;
    bool menu_was_down[HAND_COUNT];
    float turn_latched[HAND_COUNT]; /* snap turn fires once per push */
};

/* xr_openxr.c: the backend's life */
struct oxr *oxr_create(const struct xr_desc *desc, enum oxr_fail *fail, char *why, size_t why_size);
void oxr_destroy(struct oxr **o);

/* xr_openxr_instance.c */
/* Sets XR_LOADER_DEBUG=none unless the user set it: the loader's own
 * errors would repeat what the one fallback line says. */
void oxr_quiet_loader(void);
enum oxr_fail oxr_instance_create(struct oxr *o, char *why, size_t why_size);
/* "xrCreateSession failed: XR_ERROR_… (-12)" */
void oxr_explain(const struct oxr *o, const char *call, XrResult r, char *why, size_t why_size);
bool oxr_check(struct oxr *o, XrResult r, const char *call);

/* xr_openxr_session.c */
bool oxr_session_create(struct oxr *o, char *why, size_t why_size);
/* Ends a frame left begun and, while the session runs, asks it to exit
 * and follows it through STOPPING for up to half a second. */
void oxr_session_stop(struct oxr *o);
void oxr_session_destroy(struct oxr *o);
/* Drains xrPollEvent and moves the session along its states. */
void oxr_poll_events(struct oxr *o);
void oxr_frame_begin(struct oxr *o, struct xr_frame *out);
void oxr_frame_end(struct oxr *o, const struct xr_frame *f);
void oxr_request_exit(struct oxr *o);
/* The session state as the app acts on it (xr.h enum xr_session_state). */
enum xr_session_state oxr_app_state(const struct oxr *o);

/* xr_openxr_swapchain.c */
bool oxr_swapchains_create(struct oxr *o, char *why, size_t why_size);
void oxr_swapchains_destroy(struct oxr *o);
/* Acquires and waits for this frame's image of each eye. */
bool oxr_swapchains_acquire(struct oxr *o, struct xr_frame *out);
void oxr_swapchains_release(struct oxr *o);
/* Chooses the first of want[] the runtime lists; 0 when none. */
int64_t oxr_pick_format(const int64_t *have, uint32_t have_n, const int64_t *want, size_t want_n);

/* xr_openxr_space.c */
bool oxr_spaces_create(struct oxr *o, char *why, size_t why_size);
void oxr_spaces_destroy(struct oxr *o);
/* Locates the eyes (and head) at the predicted display time into out. */
bool oxr_locate_views(struct oxr *o, struct xr_frame *out);
/* An XrPosef of the tracking space in the play space (the floor at
 * y = 0); xr_frame.c places the play space in the world. */
void oxr_pose_to_play(const struct oxr *o, const XrPosef *p, struct pose *out);

/* xr_openxr_input.c */
bool oxr_input_create(struct oxr *o, char *why, size_t why_size);
bool oxr_input_attach(struct oxr *o, char *why, size_t why_size);
void oxr_input_destroy(struct oxr *o);
/* Syncs actions (only while focused) and fills both hands. */
void oxr_input_update(struct oxr *o, struct xr_frame *out);
void oxr_input_profile_changed(struct oxr *o);
void oxr_haptic(struct oxr *o, enum hand_side hand, float amplitude, float seconds);

#endif

/* platform.h — the window, its OpenGL 4.5 core context and input (SDL2).
 *
 * Input comes out platform-neutral (struct desk_input in core/types.h) plus a
 * few one-shot app commands, so nothing above this module includes SDL.
 * Headless runs use SDL's offscreen video driver: a real GL context over EGL
 * with no display and no X server. */
#ifndef PAJA_PLATFORM_H
#define PAJA_PLATFORM_H

#include "types.h"

#include <stdbool.h>
#include <stddef.h>

struct plat;

struct plat_desc {
    const char *title;
    int width, height;
    bool headless;   /* SDL offscreen driver: no window shown, no display needed */
    bool fullscreen;
    bool vsync;
};

/* One-shot commands the user gave this frame. */
struct plat_commands {
    bool quit;              /* window closed, Ctrl+Q, or Esc with the mouse free */
    bool toggle_fullscreen; /* F11 or Alt+Enter */
    bool toggle_help;       /* F1 */
    bool screenshot;        /* F12 */
    bool hint;              /* H */
    bool wait;              /* T: the trainee waits a minute */
    bool menu;              /* Esc with the mouse free */
    bool resized;
    /* Typed text this frame (SDL text input: layout- and IME-aware UTF-8),
     * for the start panel's fields and the menu's letter keys. */
    char text[32];
    bool backspace, enter;  /* Backspace; Enter without Alt */
    bool f2, f3;            /* the start panel's mode and language switches */
};

/* Is there a display to open a window on? (DISPLAY or WAYLAND_DISPLAY) */
bool plat_display_available(void);

/* Opens the window and makes its GL 4.5 core context current. On failure
 * returns NULL and explains in err what is missing and what to do. */
struct plat *plat_create(const struct plat_desc *desc, char *err, size_t err_size);
void plat_destroy(struct plat **p);

/* Pumps events into io (this frame's input) and out_cmd. */
void plat_poll(struct plat *p, struct desk_input *io, struct plat_commands *out_cmd);
void plat_swap(struct plat *p);
void plat_drawable_size(const struct plat *p, int *out_w, int *out_h);
/* Captures the mouse for looking around (relative mode) or frees it. */
void plat_set_mouse_capture(struct plat *p, bool captured);
bool plat_mouse_captured(const struct plat *p);
void plat_set_fullscreen(struct plat *p, bool fullscreen);
/* Whether buffer swaps wait for the display (vsync). Without it the app
 * paces frames itself. */
bool plat_vsync_active(const struct plat *p);
/* Turns waiting for the display on swaps on or off (a headset paces the
 * frames itself: the window's swap must not hold it back). */
void plat_set_vsync(struct plat *p, bool on);
/* The window's GL context as native GLX objects, for a headset runtime
 * that draws with it (OpenXR's Xlib graphics binding). Opaque handles:
 * display is a Display *, context a GLXContext, fbconfig a GLXFBConfig.
 * False, with the reason, when the window is not on X11 with GLX (Wayland,
 * EGL, headless). */
struct plat_gl_native {
    void *display;
    void *context;
    unsigned long drawable;
    void *fbconfig;
    unsigned long visual_id;
};
bool plat_gl_native(const struct plat *p, struct plat_gl_native *out, char *why, size_t why_size);

/* SDL's name of the video driver in use ("x11", "wayland", "offscreen"). */
const char *plat_video_driver(const struct plat *p);

#endif

/* plat_sdl.c — SDL2 window, GL context and input. */
#define LOG_TAG "platform"
#include "platform.h"

#include "arena.h"
#include "log.h"

#include <GL/glx.h>
#include <SDL.h>
#include <SDL_syswm.h>
#include <stdlib.h>
#include <string.h>

/* A button or key as the frames see it. Input is read once a frame, so a
 * click or tap shorter than a frame (common at software-rendering frame
 * rates: an 80 ms click at 10 fps), or a quick second click whose release
 * and press fall into one frame, would vanish if only the level at the end
 * of the poll were kept. Each poll shows at most one change; later ones
 * wait, in order, for the next polls. */
#define PRESS_QUEUE 4
struct press {
    bool shown;               /* the level the last poll gave */
    uint8_t n;                /* changes waiting */
    bool q[PRESS_QUEUE];
};

struct plat {
    SDL_Window *window;
    SDL_GLContext gl;
    bool headless;
    bool captured;
    bool fullscreen;
    struct press left, keys[DESK_KEY_COUNT];
    /* The pointer in window points, at the centre of its pixel: the pixel
     * a person sees it on is drawn from its centre. */
    float mouse_x, mouse_y;
};

static void press_push(struct press *b, bool down)
{
    bool last = b->n ? b->q[b->n - 1] : b->shown;
    if (down == last) return;
    /* Changes alternate, so with the queue full the last waiting one is the
     * opposite of this: dropping both keeps the final level right. */
    if (b->n == PRESS_QUEUE) b->n--;
    else b->q[b->n++] = down;
}

static bool press_next(struct press *b)
{
    if (b->n) {
        b->shown = b->q[0];
        b->n--;
        memmove(b->q, b->q + 1, b->n * sizeof b->q[0]);
    }
    return b->shown;
}

bool plat_display_available(void)
{
    const char *x = getenv("DISPLAY"), *w = getenv("WAYLAND_DISPLAY");
    return (x && *x) || (w && *w);
}

struct plat *plat_create(const struct plat_desc *desc, char *err, size_t err_size)
{
    if (desc->headless) {
        /* Offscreen: EGL on Mesa's software device, no X server or display.
         * Set before SDL_Init so no other driver is probed. */
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
    }
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        snprintf(err, err_size, "cannot start SDL video: %s", SDL_GetError());
        return NULL;
    }
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 4);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 5);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 24);
    /* Scenes render into gfx's own RGBA8 targets and are blitted, so the
     * window needs neither multisampling nor sRGB. */
    SDL_GL_SetAttribute(SDL_GL_MULTISAMPLEBUFFERS, 0);

    Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_ALLOW_HIGHDPI;
    if (desc->headless) flags |= SDL_WINDOW_HIDDEN;
    else flags |= SDL_WINDOW_RESIZABLE;
    if (desc->fullscreen && !desc->headless) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;

    struct plat *p = xcalloc(1, sizeof *p);
    p->headless = desc->headless;
    p->fullscreen = desc->fullscreen && !desc->headless;
    p->window = SDL_CreateWindow(desc->title, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, desc->width,
                                 desc->height, flags);
    if (!p->window) {
        snprintf(err, err_size, "cannot open a window (%s driver): %s", SDL_GetCurrentVideoDriver(),
                 SDL_GetError());
        plat_destroy(&p);
        return NULL;
    }
    p->gl = SDL_GL_CreateContext(p->window);
    if (!p->gl) {
        snprintf(err, err_size,
                 "cannot create an OpenGL 4.5 core context: %s. paja needs OpenGL 4.5: "
                 "Mesa 20 or newer (llvmpipe works without a GPU) or a current GPU driver",
                 SDL_GetError());
        plat_destroy(&p);
        return NULL;
    }
    SDL_GL_MakeCurrent(p->window, p->gl);
    /* Typed text for the start panel's trainee field and the menu keys. */
    if (!desc->headless) SDL_StartTextInput();
    if (!desc->headless && SDL_GL_SetSwapInterval(desc->vsync ? 1 : 0) != 0 && desc->vsync)
        LOG_D("vsync not available: %s", SDL_GetError());
    LOG_D("video driver %s", SDL_GetCurrentVideoDriver());
    return p;
}

void plat_destroy(struct plat **pp)
{
    struct plat *p = *pp;
    if (!p) return;
    if (p->gl) SDL_GL_DeleteContext(p->gl);
    if (p->window) SDL_DestroyWindow(p->window);
    SDL_Quit();
    free(p);
    *pp = NULL;
}

/* Physical key positions, so WASD works on AZERTY and Nordic layouts alike. */
static int desk_key_for(SDL_Scancode sc)
{
    switch (sc) {
    case SDL_SCANCODE_W: case SDL_SCANCODE_UP: return DESK_KEY_FORWARD;
    case SDL_SCANCODE_S: case SDL_SCANCODE_DOWN: return DESK_KEY_BACK;
    case SDL_SCANCODE_A: case SDL_SCANCODE_LEFT: return DESK_KEY_LEFT;
    case SDL_SCANCODE_D: case SDL_SCANCODE_RIGHT: return DESK_KEY_RIGHT;
    /* E is the hand's second button (interact.h, click mode), so up is
     * Space only. */
    case SDL_SCANCODE_SPACE: return DESK_KEY_UP;
    case SDL_SCANCODE_E: return DESK_KEY_SECONDARY;
    case SDL_SCANCODE_Q: case SDL_SCANCODE_C: return DESK_KEY_DOWN;
    case SDL_SCANCODE_LSHIFT: case SDL_SCANCODE_RSHIFT: return DESK_KEY_FAST;
    default: return -1;
    }
}

static void handle_key(struct plat *p, const SDL_KeyboardEvent *k, struct plat_commands *cmd)
{
    bool down = k->type == SDL_KEYDOWN;
    int dk = desk_key_for(k->keysym.scancode);
    if (dk >= 0) press_push(&p->keys[dk], down);
    if (!down || k->repeat) return;
    SDL_Keymod mod = SDL_GetModState();
    switch (k->keysym.scancode) {
    case SDL_SCANCODE_ESCAPE:
        /* First Esc frees the mouse; with the mouse free it is the menu
         * (for now: quit), so a user is never trapped. */
        if (p->captured) plat_set_mouse_capture(p, false);
        else cmd->menu = true;
        break;
    case SDL_SCANCODE_F11: cmd->toggle_fullscreen = true; break;
    case SDL_SCANCODE_RETURN:
    case SDL_SCANCODE_KP_ENTER:
        if (mod & KMOD_ALT) cmd->toggle_fullscreen = true;
        else cmd->enter = true;
        break;
    case SDL_SCANCODE_BACKSPACE: cmd->backspace = true; break;
    case SDL_SCANCODE_F1: cmd->toggle_help = true; break;
    case SDL_SCANCODE_F12: cmd->screenshot = true; break;
    case SDL_SCANCODE_F2: cmd->f2 = true; break;
    case SDL_SCANCODE_F3: cmd->f3 = true; break;
    case SDL_SCANCODE_H: cmd->hint = true; break;
    case SDL_SCANCODE_T: cmd->wait = true; break;
    default: break;
    }
    if (k->keysym.sym == SDLK_q && (mod & KMOD_CTRL)) cmd->quit = true;
}

void plat_poll(struct plat *p, struct desk_input *io, struct plat_commands *cmd)
{
    memset(cmd, 0, sizeof *cmd);
    io->look_dx = io->look_dy = 0.0f;
    io->wheel = 0.0f;
    SDL_Event e;
    while (SDL_PollEvent(&e)) {
        switch (e.type) {
        case SDL_QUIT: cmd->quit = true; break;
        case SDL_KEYDOWN:
        case SDL_KEYUP: handle_key(p, &e.key, cmd); break;
        case SDL_TEXTINPUT: {
            /* Whole UTF-8 sequences only: what does not fit waits for no one
             * (a frame's typing is a few characters). */
            size_t have = strlen(cmd->text), add = strlen(e.text.text);
            if (have + add < sizeof cmd->text) memcpy(cmd->text + have, e.text.text, add + 1);
            break;
        }
        case SDL_MOUSEMOTION:
            if (p->captured) {
                io->look_dx += (float)e.motion.xrel;
                io->look_dy += (float)e.motion.yrel;
            }
            p->mouse_x = (float)e.motion.x + 0.5f;
            p->mouse_y = (float)e.motion.y + 0.5f;
            break;
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP: {
            bool down = e.type == SDL_MOUSEBUTTONDOWN;
            if (e.button.button == SDL_BUTTON_LEFT) press_push(&p->left, down);
            if (e.button.button == SDL_BUTTON_RIGHT) {
                io->button_right = down;
                /* Hold the right button to look around; release frees. */
                plat_set_mouse_capture(p, down);
            }
            break;
        }
        case SDL_MOUSEWHEEL: io->wheel += e.wheel.preciseY; break;
        case SDL_WINDOWEVENT:
            if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) cmd->resized = true;
            if (e.window.event == SDL_WINDOWEVENT_FOCUS_LOST) {
                /* Keys and the button released while unfocused never
                 * arrive: forget them. */
                memset(p->keys, 0, sizeof p->keys);
                memset(&p->left, 0, sizeof p->left);
                plat_set_mouse_capture(p, false);
            }
            break;
        default: break;
        }
    }
    io->button_left = press_next(&p->left);
    for (int k = 0; k < DESK_KEY_COUNT; k++) io->key_down[k] = press_next(&p->keys[k]);
    /* The window reports points; rendering needs pixels (HiDPI). Scaled
     * from the points every poll, not in place: a frame without motion
     * must not scale the last position again. */
    int ww = 1, wh = 1;
    SDL_GetWindowSize(p->window, &ww, &wh);
    plat_drawable_size(p, &io->width, &io->height);
    io->cursor_x = p->mouse_x;
    io->cursor_y = p->mouse_y;
    if (ww > 0 && wh > 0) {
        io->cursor_x *= (float)io->width / (float)ww;
        io->cursor_y *= (float)io->height / (float)wh;
    }
    io->look_captured = p->captured;
}

void plat_swap(struct plat *p)
{
    SDL_GL_SwapWindow(p->window);
}

void plat_drawable_size(const struct plat *p, int *out_w, int *out_h)
{
    SDL_GL_GetDrawableSize(p->window, out_w, out_h);
}

void plat_set_mouse_capture(struct plat *p, bool captured)
{
    if (p->headless || p->captured == captured) return;
    if (SDL_SetRelativeMouseMode(captured ? SDL_TRUE : SDL_FALSE) == 0) p->captured = captured;
}

bool plat_mouse_captured(const struct plat *p)
{
    return p->captured;
}

void plat_set_fullscreen(struct plat *p, bool fullscreen)
{
    if (p->headless) return;
    if (SDL_SetWindowFullscreen(p->window, fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0) == 0)
        p->fullscreen = fullscreen;
    else
        LOG_W("cannot switch fullscreen: %s", SDL_GetError());
}

void plat_set_vsync(struct plat *p, bool on)
{
    if (!p->headless && SDL_GL_SetSwapInterval(on ? 1 : 0) != 0 && on) LOG_D("vsync not available: %s", SDL_GetError());
}

bool plat_vsync_active(const struct plat *p)
{
    return !p->headless && SDL_GL_GetSwapInterval() != 0;
}

const char *plat_video_driver(const struct plat *p)
{
    (void)p;
    const char *d = SDL_GetCurrentVideoDriver();
    return d ? d : "none";
}

bool plat_gl_native(const struct plat *p, struct plat_gl_native *out, char *why, size_t why_size)
{
    memset(out, 0, sizeof *out);
    SDL_SysWMinfo wm;
    SDL_VERSION(&wm.version);
    if (p->headless || !SDL_GetWindowWMInfo(p->window, &wm) || wm.subsystem != SDL_SYSWM_X11) {
        snprintf(why, why_size, "the window is not an X11 window (driver %s); a headset needs paja on X11 "
                 "(on Wayland: SDL_VIDEODRIVER=x11)", plat_video_driver(p));
        return false;
    }
    Display *dpy = wm.info.x11.display;
    GLXContext ctx = glXGetCurrentContext();
    if (!ctx) {
        snprintf(why, why_size, "the window's OpenGL context is not a GLX context (EGL?); a headset needs GLX "
                 "(unset SDL_VIDEO_X11_FORCE_EGL)");
        return false;
    }
    /* The context's own FBConfig, by id: runtimes such as Monado refuse a
     * binding without it, and SDL does not hand it out. */
    int id = 0, n = 0;
    GLXFBConfig *cfg = NULL;
    if (glXQueryContext(dpy, ctx, GLX_FBCONFIG_ID, &id) == Success && id) {
        const int attrs[] = {GLX_FBCONFIG_ID, id, None};
        cfg = glXChooseFBConfig(dpy, DefaultScreen(dpy), attrs, &n);
    }
    if (!cfg || n < 1) {
        if (cfg) XFree(cfg);
        snprintf(why, why_size, "cannot find the GLX framebuffer configuration of paja's window");
        return false;
    }
    int visual = 0;
    glXGetFBConfigAttrib(dpy, cfg[0], GLX_VISUAL_ID, &visual);
    out->display = dpy;
    out->context = ctx;
    out->drawable = (unsigned long)glXGetCurrentDrawable();
    out->fbconfig = cfg[0];
    out->visual_id = (unsigned long)visual;
    /* The array is Xlib's; the config it names lives with the display. */
    XFree(cfg);
    return true;
}

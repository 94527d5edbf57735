/* xkeys.c — types keys into the window under the screen's centre through
 * the XTest extension, for run_menu_x11.sh: the Esc menu and the start
 * panel only react to real keyboard input. libXtst is opened at run time
 * so the build needs only Xlib; exit 77 (skip) when it is missing.
 * Usage: xkeys STEP...   where a STEP is
 *   w        wait (up to 60 s) for a window under the centre and focus it
 *   sMS      sleep MS milliseconds
 *   zWxH     resize that window to W x H pixels, as a window manager
 *            would when the user drags its border
 *   KEYSYM   press and release it (Escape, Return, F2, r, q, a, 1, ...) */
#include <X11/Xlib.h>

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

typedef int (*fake_key_fn)(Display *, unsigned int, Bool, unsigned long);
typedef int (*fake_motion_fn)(Display *, int, int, int, unsigned long);

/* The window found by the last 'w' step. */
static Window g_window;

static int wait_window(Display *d, fake_motion_fn motion)
{
    int sx = DisplayWidth(d, DefaultScreen(d)) / 2, sy = DisplayHeight(d, DefaultScreen(d)) / 2;
    for (int i = 0; i < 600; i++) {
        motion(d, -1, sx, sy, 0);
        XSync(d, False);
        Window root, child;
        int rx, ry, wx, wy;
        unsigned int mask;
        XQueryPointer(d, DefaultRootWindow(d), &root, &child, &rx, &ry, &wx, &wy, &mask);
        if (child) {
            g_window = child;
            XSetInputFocus(d, child, RevertToPointerRoot, CurrentTime);
            XSync(d, False);
            return 0;
        }
        sleep_ms(100);
    }
    fprintf(stderr, "xkeys: no window appeared\n");
    return 1;
}

int main(int argc, char **argv)
{
    Display *d = XOpenDisplay(NULL);
    if (!d) {
        fprintf(stderr, "xkeys: cannot open the display\n");
        return 1;
    }
    void *xtst = dlopen("libXtst.so.6", RTLD_NOW);
    fake_key_fn key = NULL;
    fake_motion_fn motion = NULL;
    if (xtst) {
        /* POSIX's way past ISO C's object/function pointer rule. */
        *(void **)&key = dlsym(xtst, "XTestFakeKeyEvent");
        *(void **)&motion = dlsym(xtst, "XTestFakeMotionEvent");
    }
    if (!key || !motion) {
        fprintf(stderr, "xkeys: libXtst.so.6 not available\n");
        return 77;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] == 'w' && !a[1]) {
            if (wait_window(d, motion)) return 1;
        } else if (a[0] == 's' && a[1] >= '0' && a[1] <= '9') {
            sleep_ms(atol(a + 1));
        } else if (a[0] == 'z' && a[1] >= '0' && a[1] <= '9') {
            unsigned w = 0, h = 0;
            if (sscanf(a + 1, "%ux%u", &w, &h) != 2 || !w || !h || !g_window) {
                fprintf(stderr, "xkeys: '%s': give zWxH after a 'w' step\n", a);
                return 1;
            }
            XResizeWindow(d, g_window, w, h);
            XSync(d, False);
        } else {
            KeySym ks = XStringToKeysym(a);
            KeyCode kc = ks != NoSymbol ? XKeysymToKeycode(d, ks) : 0;
            if (!kc) {
                fprintf(stderr, "xkeys: no key '%s'\n", a);
                return 1;
            }
            key(d, kc, True, 0);
            XSync(d, False);
            sleep_ms(60);
            key(d, kc, False, 0);
            XSync(d, False);
            sleep_ms(60);
        }
    }
    XCloseDisplay(d);
    return 0;
}

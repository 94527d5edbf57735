/* LD_PRELOAD shim for Debian's hello_xr under Xvfb: hello_xr's GL window code
 * calls XF86VidModeGetAllModeLines() without checking the result, and Xvfb
 * has no XF86VidMode extension, so hello_xr would crash. These stand-ins
 * report one 1280x1024 mode and accept mode switches as no-ops. */
#include <X11/Xlib.h>
#include <X11/extensions/xf86vmode.h>
#include <stdlib.h>

Bool XF86VidModeGetAllModeLines(Display *dpy, int screen, int *count, XF86VidModeModeInfo ***modes)
{
    (void)dpy;
    (void)screen;
    /* one block: the pointer array followed by the mode, freed with XFree/free by the caller */
    XF86VidModeModeInfo **list = calloc(1, sizeof *list + sizeof **list);
    if (!list) return False;
    XF86VidModeModeInfo *m = (XF86VidModeModeInfo *)(list + 1);
    m->dotclock = 108000;
    m->hdisplay = 1280;
    m->hsyncstart = 1328;
    m->hsyncend = 1440;
    m->htotal = 1688;
    m->vdisplay = 1024;
    m->vsyncstart = 1025;
    m->vsyncend = 1028;
    m->vtotal = 1066;
    list[0] = m;
    *count = 1;
    *modes = list;
    return True;
}

Bool XF86VidModeSwitchToMode(Display *dpy, int screen, XF86VidModeModeInfo *mode)
{
    (void)dpy;
    (void)screen;
    (void)mode;
    return True;
}

Bool XF86VidModeSetViewPort(Display *dpy, int screen, int x, int y)
{
    (void)dpy;
    (void)screen;
    (void)x;
    (void)y;
    return True;
}

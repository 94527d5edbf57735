/* xr_headless.c — the headless backend: no window and no input, a head
 * that stays where it is put, and simulated time (the first frame at 0,
 * then a fixed step), so runs are reproducible and a ten-minute wait in a
 * procedure costs no real time. Scripts and tests fill the hands. */
#include "xr_internal.h"

#include "arena.h"


struct headless {
    struct pose head; /* play space */
};

static void set_head(struct xr *x, const struct pose *head)
{
    struct headless *h = x->impl;
    h->head = *head;
}

static bool create(struct xr *x, char *why, size_t why_size)
{
    (void)why;
    (void)why_size;
    x->impl = xcalloc(1, sizeof(struct headless));
    set_head(x, &x->desc.start_head);
    return true;
}

static void frame_begin(struct xr *x, struct xr_frame *out)
{
    struct headless *h = x->impl;
    out->time_us = (int64_t)out->index * x->desc.fixed_step_us;
    out->state = XR_STATE_RUNNING;
    out->should_render = true;
    out->focused = true;
    /* The image size is the desc's, whatever a window (there is none) says. */
    xr_mono_view(x, &h->head, x->desc.width, x->desc.height, out);
}

static void frame_end(struct xr *x, const struct xr_frame *f)
{
    (void)x;
    (void)f;
}

static void info(const struct xr *x, struct xr_info *out)
{
    (void)x;
    /* Its one view is a flat image a person looks at (a screenshot, a
     * golden image), laid out as the desktop's window is. */
    out->has_screen = true;
}

const struct xr_backend_ops xr_headless_ops = {
    .name = "headless",
    .create = create,
    .frame_begin = frame_begin,
    .frame_end = frame_end,
    .set_head = set_head,
    .info = info,
};

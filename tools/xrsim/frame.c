/* xrsim: the frame loop (xrWaitFrame, xrBeginFrame, xrEndFrame).
 *
 * Clock: XrTime is CLOCK_MONOTONIC nanoseconds. With XRSIM_CLOCK=virtual the
 * n-th frame is predicted at t0 + n * period and nothing sleeps, so a test
 * is exactly reproducible; with the real clock xrWaitFrame sleeps until one
 * period after the previous frame's wake-up. */
#include "xrsim.h"

#include <errno.h>
#include <string.h>
#include <time.h>

#define CHECK_SESSION(h)                                                                                               \
    struct xs_session *s = (struct xs_session *)(h);                                                                   \
    if (!xs_obj_live(s, XS_SESSION))                                                                                   \
    return xs_fail(XR_ERROR_HANDLE_INVALID, __func__, "XrSession %p is not a live session", (void *)s)

static int64_t period_ns(void)
{
    return (int64_t)(1e9 / xs_cfg.rate_hz + 0.5);
}

static void sleep_until(int64_t t)
{
    struct timespec ts = {t / 1000000000, t % 1000000000};
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
        ;
}

XrResult XRAPI_CALL xrWaitFrame(XrSession h, const XrFrameWaitInfo *info, XrFrameState *state)
{
    XS_ENTER("xrWaitFrame");
    CHECK_SESSION(h);
    if (info && info->type != XR_TYPE_FRAME_WAIT_INFO)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__, "frameWaitInfo is not XR_TYPE_FRAME_WAIT_INFO");
    if (!state || state->type != XR_TYPE_FRAME_STATE)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__, "frameState NULL or not XR_TYPE_FRAME_STATE");
    if (!s->running)
        return xs_fail(XR_ERROR_SESSION_NOT_RUNNING, __func__, "call xrBeginSession first (state %s)",
                       xs_state_name(s->state));
    /* A second wait blocks until the frame of the first one has begun (the
     * application may call xrBeginFrame on another thread). */
    if (s->waits > s->begins) {
        int64_t t = xs_now_ns();
        struct timespec limit;
        clock_gettime(CLOCK_REALTIME, &limit);
        limit.tv_sec += 5;
        while (s->waits > s->begins) {
            xs_log(XS_LOG_DEBUG, "xrWaitFrame: waiting for xrBeginFrame of frame %llu",
                   (unsigned long long)s->begins + 1);
            if (pthread_cond_timedwait(&s->begun, xs_lock_mutex(), &limit) == ETIMEDOUT) {
                xs_call_exclude(xs_now_ns() - t);
                return xs_fail(XR_ERROR_CALL_ORDER_INVALID, __func__,
                               "xrWaitFrame called twice without xrBeginFrame in between; the second wait would "
                               "block for ever (gave up after 5 s)");
            }
        }
        xs_call_exclude(xs_now_ns() - t);
        if (!xs_obj_live(s, XS_SESSION)) return XR_ERROR_HANDLE_INVALID;
    }
    xs_control_poll(s, true);
    int64_t period = period_ns();
    XrTime predicted;
    if (xs_cfg.real_clock) {
        int64_t now = xs_now_ns();
        if (s->next_real_ns < now - period) /* late: do not try to catch up */
            s->next_real_ns = now;
        if (s->next_real_ns > now) {
            xs_lock_drop();
            sleep_until(s->next_real_ns);
            xs_lock_take();
            xs_call_exclude(s->next_real_ns - now);
        }
        predicted = s->next_real_ns + period + period / 2;
        s->next_real_ns += period;
    } else {
        predicted = s->t0 + (XrTime)(s->waits + 1) * period + xs_dev.skipped_ns;
    }
    if (predicted <= s->last_predicted) predicted = s->last_predicted + 1;
    s->last_predicted = predicted;
    s->waits++;
    state->predictedDisplayTime = predicted;
    state->predictedDisplayPeriod = period;
    state->shouldRender = s->state == XR_SESSION_STATE_VISIBLE || s->state == XR_SESSION_STATE_FOCUSED;
    xs_timeline_apply((double)(predicted - s->t0) / 1e9);
    return s->lost ? XR_SESSION_LOSS_PENDING : XR_SUCCESS;
}

XrResult XRAPI_CALL xrBeginFrame(XrSession h, const XrFrameBeginInfo *info)
{
    XS_ENTER("xrBeginFrame");
    CHECK_SESSION(h);
    if (info && info->type != XR_TYPE_FRAME_BEGIN_INFO)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__, "frameBeginInfo is not XR_TYPE_FRAME_BEGIN_INFO");
    if (!s->running) return xs_fail(XR_ERROR_SESSION_NOT_RUNNING, __func__, "the session is not running");
    if (s->waits <= s->begins)
        return xs_fail(XR_ERROR_CALL_ORDER_INVALID, __func__,
                       "no xrWaitFrame is waiting for this xrBeginFrame (waits %llu, begins %llu)",
                       (unsigned long long)s->waits, (unsigned long long)s->begins);
    XrResult r = XR_SUCCESS;
    if (s->in_frame) {
        xs_log(XS_LOG_INFO, "xrBeginFrame: frame %llu was never ended; it is discarded", (unsigned long long)s->begins);
        r = XR_FRAME_DISCARDED;
    }
    s->begins++;
    s->in_frame = true;
    pthread_cond_broadcast(&s->begun);
    if (s->lost && r == XR_SUCCESS) r = XR_SESSION_LOSS_PENDING;
    return r;
}

static XrResult check_sub_image(struct xs_session *s, const XrSwapchainSubImage *sub, const char *what, uint32_t layer,
                                uint32_t view)
{
    struct xs_swapchain *sc = (struct xs_swapchain *)sub->swapchain;
    if (!xs_obj_live(sc, XS_SWAPCHAIN) || sc->session != s)
        return xs_fail(XR_ERROR_HANDLE_INVALID, "xrEndFrame", "layer %u view %u: %s swapchain is not live", layer, view,
                       what);
    if (sc->last_released < 0)
        return xs_fail(XR_ERROR_LAYER_INVALID, "xrEndFrame",
                       "layer %u view %u: %s swapchain has no released image (acquire, wait, render, release first)",
                       layer, view, what);
    const XrRect2Di *r = &sub->imageRect;
    if (r->offset.x < 0 || r->offset.y < 0 || r->extent.width <= 0 || r->extent.height <= 0 ||
        (int64_t)r->offset.x + r->extent.width > sc->width || (int64_t)r->offset.y + r->extent.height > sc->height)
        return xs_fail(XR_ERROR_SWAPCHAIN_RECT_INVALID, "xrEndFrame",
                       "layer %u view %u: %s rect (%d,%d %dx%d) is not inside the %ux%u image", layer, view, what,
                       r->offset.x, r->offset.y, r->extent.width, r->extent.height, sc->width, sc->height);
    if (sub->imageArrayIndex >= sc->array_size)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, "xrEndFrame",
                       "layer %u view %u: imageArrayIndex %u >= arraySize %u", layer, view, sub->imageArrayIndex,
                       sc->array_size);
    return XR_SUCCESS;
}

static XrResult check_space(struct xs_session *s, XrSpace space, uint32_t layer)
{
    struct xs_space *sp = (struct xs_space *)space;
    if (!xs_obj_live(sp, XS_SPACE) || sp->session != s)
        return xs_fail(XR_ERROR_HANDLE_INVALID, "xrEndFrame", "layer %u: space is not a live space of this session",
                       layer);
    return XR_SUCCESS;
}

static XrResult check_projection(struct xs_session *s, const XrCompositionLayerProjection *p, uint32_t i)
{
    XrResult r = check_space(s, p->space, i);
    if (r != XR_SUCCESS) return r;
    if (p->viewCount != 2 || !p->views)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, "xrEndFrame",
                       "layer %u: projection layer has %u views; PRIMARY_STEREO needs 2", i, p->viewCount);
    for (uint32_t v = 0; v < 2; v++) {
        const XrCompositionLayerProjectionView *pv = &p->views[v];
        if (pv->type != XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW)
            return xs_fail(XR_ERROR_VALIDATION_FAILURE, "xrEndFrame", "layer %u view %u has the wrong type", i, v);
        if ((r = check_sub_image(s, &pv->subImage, "colour", i, v)) != XR_SUCCESS) return r;
        for (const XrBaseInStructure *n = pv->next; n; n = n->next) {
            if (n->type != XR_TYPE_COMPOSITION_LAYER_DEPTH_INFO_KHR) continue;
            if (!s->inst->ext_depth)
                return xs_fail(XR_ERROR_VALIDATION_FAILURE, "xrEndFrame",
                               "depth info chained but XR_KHR_composition_layer_depth is not enabled");
            const XrCompositionLayerDepthInfoKHR *d = (const XrCompositionLayerDepthInfoKHR *)n;
            if ((r = check_sub_image(s, &d->subImage, "depth", i, v)) != XR_SUCCESS) return r;
            if (d->minDepth < 0 || d->maxDepth > 1 || d->minDepth > d->maxDepth || d->nearZ == d->farZ)
                return xs_fail(XR_ERROR_VALIDATION_FAILURE, "xrEndFrame",
                               "layer %u view %u: depth range [%g, %g] or nearZ == farZ (%g)", i, v, d->minDepth,
                               d->maxDepth, d->nearZ);
        }
    }
    return XR_SUCCESS;
}

XrResult XRAPI_CALL xrEndFrame(XrSession h, const XrFrameEndInfo *info)
{
    XS_ENTER("xrEndFrame");
    CHECK_SESSION(h);
    if (!info || info->type != XR_TYPE_FRAME_END_INFO)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__, "frameEndInfo NULL or not XR_TYPE_FRAME_END_INFO");
    if (!s->running) return xs_fail(XR_ERROR_SESSION_NOT_RUNNING, __func__, "the session is not running");
    if (!s->in_frame)
        return xs_fail(XR_ERROR_CALL_ORDER_INVALID, __func__, "xrEndFrame without a matching xrBeginFrame");
    if (info->displayTime <= 0)
        return xs_fail(XR_ERROR_TIME_INVALID, __func__, "displayTime %lld <= 0; use predictedDisplayTime",
                       (long long)info->displayTime);
    if (info->environmentBlendMode != XR_ENVIRONMENT_BLEND_MODE_OPAQUE)
        return xs_fail(XR_ERROR_ENVIRONMENT_BLEND_MODE_UNSUPPORTED, __func__, "blend mode %d; xrsim offers only OPAQUE",
                       (int)info->environmentBlendMode);
    if (info->layerCount > XS_MAX_LAYERS)
        return xs_fail(XR_ERROR_LAYER_LIMIT_EXCEEDED, __func__, "%u layers > maxLayerCount %d", info->layerCount,
                       XS_MAX_LAYERS);
    if (info->layerCount && !info->layers)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__, "layerCount %u with NULL layers", info->layerCount);
    for (uint32_t i = 0; i < info->layerCount; i++) {
        const XrCompositionLayerBaseHeader *l = info->layers[i];
        XrResult r;
        if (!l) return xs_fail(XR_ERROR_LAYER_INVALID, __func__, "layer %u is NULL", i);
        switch (l->type) {
        case XR_TYPE_COMPOSITION_LAYER_PROJECTION:
            r = check_projection(s, (const XrCompositionLayerProjection *)l, i);
            break;
        case XR_TYPE_COMPOSITION_LAYER_QUAD: {
            const XrCompositionLayerQuad *q = (const XrCompositionLayerQuad *)l;
            r = check_space(s, q->space, i);
            if (r == XR_SUCCESS) r = check_sub_image(s, &q->subImage, "quad", i, 0);
            break;
        }
        default:
            r = xs_fail(XR_ERROR_LAYER_INVALID, __func__, "layer %u has type %d, not a layer xrsim knows", i,
                        (int)l->type);
        }
        if (r != XR_SUCCESS) return r;
    }
    s->in_frame = false;
    s->ends++;
    uint64_t frame = s->ends;
    bool dump = xs_dump_wanted(frame) || xs_dev.dump_now;
    double t = (double)(s->last_predicted - s->t0) / 1e9;
    while (s->dump_time_next < xs_cfg.dump_time_count && xs_cfg.dump_times[s->dump_time_next] <= t + 1e-6) {
        dump |= xs_cfg.dump_dir[0] != 0;
        s->dump_time_next++;
    }
    if (dump) {
        xs_dump_frame(s, info, xs_dev.dump_path[0] ? xs_dev.dump_path : NULL);
        xs_dev.dump_path[0] = 0;
        xs_dev.dump_now = false;
    }
    xs_session_device_tick(s);
    xs_control_frame_ended(s);
    xs_stats_frame_done();
    return s->lost ? XR_SESSION_LOSS_PENDING : XR_SUCCESS;
}

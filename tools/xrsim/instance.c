/* xrsim: loader negotiation, xrGetInstanceProcAddr, the instance, the system
 * (a head-mounted display with a primary stereo view configuration), events. */
#include "xrsim.h"

#include <openxr/openxr_reflection.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the negotiation structs (loader_interfaces.h is not in Debian) ---- */
enum xs_loader_struct { XS_LOADER_INFO = 1, XS_RUNTIME_REQUEST = 3 };
struct xs_loader_info {
    int32_t type;
    uint32_t version;
    size_t size;
    uint32_t min_interface, max_interface;
    XrVersion min_api, max_api;
};
struct xs_runtime_request {
    int32_t type;
    uint32_t version;
    size_t size;
    uint32_t runtime_interface;
    XrVersion runtime_api;
    PFN_xrGetInstanceProcAddr gipa;
};
_Static_assert(sizeof(struct xs_loader_info) == 40, "loader info is 40 bytes");
_Static_assert(sizeof(struct xs_runtime_request) == 40, "runtime request is 40 bytes");

__attribute__((visibility("default"))) XrResult XRAPI_CALL
xrNegotiateLoaderRuntimeInterface(const struct xs_loader_info *info, struct xs_runtime_request *req);

XrResult XRAPI_CALL xrNegotiateLoaderRuntimeInterface(const struct xs_loader_info *info, struct xs_runtime_request *req)
{
    if (!info || !req || info->type != XS_LOADER_INFO || info->version != 1 || info->size != sizeof *info ||
        req->type != XS_RUNTIME_REQUEST || req->version != 1 || req->size != sizeof *req || info->min_interface > 1 ||
        info->max_interface < 1 || XR_VERSION_MAJOR(info->max_api) < 1 || XR_VERSION_MAJOR(info->min_api) > 1) {
        fprintf(stderr, "xrsim error: the OpenXR loader asked for an interface this runtime does not speak\n");
        return XR_ERROR_INITIALIZATION_FAILED;
    }
    req->runtime_interface = 1;
    req->runtime_api = XS_API_VERSION;
    req->gipa = xs_get_instance_proc_addr;
    return XR_SUCCESS;
}

/* ---- live handles ---- */
#define XS_MAGIC 0x78727369u
static struct xs_obj *live;

void xs_obj_add(struct xs_obj *o, enum xs_kind kind, void *parent)
{
    o->magic = XS_MAGIC;
    o->kind = kind;
    o->parent = parent;
    o->next_live = live;
    live = o;
}

void xs_obj_remove(struct xs_obj *o)
{
    for (struct xs_obj **p = &live; *p; p = &(*p)->next_live)
        if (*p == o) {
            *p = o->next_live;
            break;
        }
    o->magic = 0;
}

struct xs_obj *xs_obj_child(const void *parent, enum xs_kind kind)
{
    for (struct xs_obj *o = live; o; o = o->next_live)
        if (o->kind == kind && o->parent == parent) return o;
    return NULL;
}

bool xs_obj_live(const void *h, enum xs_kind kind)
{
    for (struct xs_obj *o = live; o; o = o->next_live)
        if ((const void *)o == h) return o->kind == kind;
    return false;
}

/* ---- extensions ---- */
static const XrExtensionProperties extensions[] = {
    {XR_TYPE_EXTENSION_PROPERTIES, NULL, XR_KHR_OPENGL_ENABLE_EXTENSION_NAME, XR_KHR_opengl_enable_SPEC_VERSION},
    {XR_TYPE_EXTENSION_PROPERTIES, NULL, XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME,
     XR_KHR_composition_layer_depth_SPEC_VERSION},
    {XR_TYPE_EXTENSION_PROPERTIES, NULL, XR_KHR_CONVERT_TIMESPEC_TIME_EXTENSION_NAME,
     XR_KHR_convert_timespec_time_SPEC_VERSION},
    {XR_TYPE_EXTENSION_PROPERTIES, NULL, XR_EXT_CONFORMANCE_AUTOMATION_EXTENSION_NAME,
     XR_EXT_conformance_automation_SPEC_VERSION},
    {XR_TYPE_EXTENSION_PROPERTIES, NULL, XR_MND_HEADLESS_EXTENSION_NAME, XR_MND_headless_SPEC_VERSION},
    {XR_TYPE_EXTENSION_PROPERTIES, NULL, XR_MNDX_EGL_ENABLE_EXTENSION_NAME, XR_MNDX_egl_enable_SPEC_VERSION},
};
#define EXTENSION_COUNT (sizeof extensions / sizeof extensions[0])

XrResult XRAPI_CALL xrEnumerateInstanceExtensionProperties(const char *layerName, uint32_t capacity, uint32_t *count,
                                                           XrExtensionProperties *props)
{
    XS_ENTER("xrEnumerateInstanceExtensionProperties");
    if (layerName && *layerName)
        return xs_fail(XR_ERROR_API_LAYER_NOT_PRESENT, __func__, "xrsim has no API layer '%s'", layerName);
    if (!count) return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__, "propertyCountOutput is NULL");
    *count = EXTENSION_COUNT;
    if (capacity == 0) return XR_SUCCESS;
    if (capacity < EXTENSION_COUNT)
        return xs_fail(XR_ERROR_SIZE_INSUFFICIENT, __func__, "capacity %u < %u", capacity, (unsigned)EXTENSION_COUNT);
    for (size_t i = 0; i < EXTENSION_COUNT; i++) {
        if (props[i].type != XR_TYPE_EXTENSION_PROPERTIES)
            return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__,
                           "properties[%zu].type is not XR_TYPE_EXTENSION_PROPERTIES", i);
        memcpy(props[i].extensionName, extensions[i].extensionName, sizeof props[i].extensionName);
        props[i].extensionVersion = extensions[i].extensionVersion;
    }
    return XR_SUCCESS;
}

XrResult XRAPI_CALL xrEnumerateApiLayerProperties(uint32_t capacity, uint32_t *count, XrApiLayerProperties *props)
{
    XS_ENTER("xrEnumerateApiLayerProperties");
    (void)capacity;
    (void)props;
    if (!count)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__,
                       "a required pointer is NULL, a structure's type is wrong or a count is 0");
    *count = 0;
    return XR_SUCCESS;
}

static struct xs_instance *the_instance;

XrResult XRAPI_CALL xrCreateInstance(const XrInstanceCreateInfo *info, XrInstance *out)
{
    XS_ENTER("xrCreateInstance");
    xs_config_load();
    if (!info || !out || info->type != XR_TYPE_INSTANCE_CREATE_INFO)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__, "createInfo or instance is NULL or of the wrong type");
    if (XR_VERSION_MAJOR(info->applicationInfo.apiVersion) != 1 ||
        XR_VERSION_MINOR(info->applicationInfo.apiVersion) != 0)
        return xs_fail(XR_ERROR_API_VERSION_UNSUPPORTED, __func__,
                       "application asks for API %u.%u; xrsim implements 1.0",
                       (unsigned)XR_VERSION_MAJOR(info->applicationInfo.apiVersion),
                       (unsigned)XR_VERSION_MINOR(info->applicationInfo.apiVersion));
    if (info->enabledApiLayerCount > 0)
        return xs_fail(XR_ERROR_API_LAYER_NOT_PRESENT, __func__,
                       "the runtime has no API layers (the loader handles them)");
    if (the_instance)
        return xs_fail(XR_ERROR_LIMIT_REACHED, __func__, "xrsim allows one instance at a time; destroy the first");
    struct xs_instance *inst = calloc(1, sizeof *inst);
    if (!inst) return XR_ERROR_OUT_OF_MEMORY;
    for (uint32_t i = 0; i < info->enabledExtensionCount; i++) {
        const char *name = info->enabledExtensionNames[i];
        size_t e = 0;
        while (e < EXTENSION_COUNT && strcmp(name, extensions[e].extensionName))
            e++;
        if (e == EXTENSION_COUNT) {
            free(inst);
            return xs_fail(XR_ERROR_EXTENSION_NOT_PRESENT, __func__, "extension %s is not offered by xrsim", name);
        }
        if (!strcmp(name, XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME)) inst->ext_depth = true;
        if (!strcmp(name, XR_EXT_CONFORMANCE_AUTOMATION_EXTENSION_NAME)) inst->ext_conformance = true;
        if (!strcmp(name, XR_KHR_CONVERT_TIMESPEC_TIME_EXTENSION_NAME)) inst->ext_timespec = true;
        if (!strcmp(name, XR_MND_HEADLESS_EXTENSION_NAME)) inst->ext_headless = true;
        if (!strcmp(name, XR_MNDX_EGL_ENABLE_EXTENSION_NAME)) inst->ext_egl = true;
    }
    xs_obj_add(&inst->o, XS_INSTANCE, NULL);
    the_instance = inst;
    if (xs_cfg.script_path[0])
        xs_timeline_load(xs_cfg.script_path);
    else
        xs_timeline_free();
    xs_control_open();
    xs_log(XS_LOG_INFO, "instance created for '%s' (clock %s, %.0f Hz)", info->applicationInfo.applicationName,
           xs_cfg.real_clock ? "real" : "virtual", xs_cfg.rate_hz);
    *out = (XrInstance)inst;
    return XR_SUCCESS;
}

#define CHECK_INSTANCE(h)                                                                                              \
    struct xs_instance *inst = (struct xs_instance *)(h);                                                              \
    if (!xs_obj_live(inst, XS_INSTANCE))                                                                               \
    return xs_fail(XR_ERROR_HANDLE_INVALID, __func__, "XrInstance %p is not a live instance", (void *)inst)

XrResult XRAPI_CALL xrDestroyInstance(XrInstance h)
{
    XS_ENTER("xrDestroyInstance");
    CHECK_INSTANCE(h);
    if (inst->session) {
        xs_session_destroy_children(inst->session);
        xs_obj_remove(&inst->session->o);
        pthread_cond_destroy(&inst->session->begun);
        free(inst->session);
        inst->session = NULL;
    }
    xs_action_sets_free(inst);
    free(inst->bindings);
    xs_obj_remove(&inst->o);
    free(inst);
    the_instance = NULL;
    xs_stats_write();
    xs_control_close();
    return XR_SUCCESS;
}

XrResult XRAPI_CALL xrGetInstanceProperties(XrInstance h, XrInstanceProperties *props)
{
    XS_ENTER("xrGetInstanceProperties");
    CHECK_INSTANCE(h);
    if (!props || props->type != XR_TYPE_INSTANCE_PROPERTIES)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__, "properties NULL or of the wrong type");
    props->runtimeVersion = XR_MAKE_VERSION(0, 1, 0);
    snprintf(props->runtimeName, sizeof props->runtimeName, "xrsim (paja simulated headset)");
    return XR_SUCCESS;
}

XrResult XRAPI_CALL xrPollEvent(XrInstance h, XrEventDataBuffer *buf)
{
    XS_ENTER("xrPollEvent");
    CHECK_INSTANCE(h);
    if (!buf) return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__, "eventData is NULL");
    if (inst->session) xs_control_poll(inst->session, false);
    if (inst->ev_lost) {
        XrEventDataEventsLost *lost = (XrEventDataEventsLost *)buf;
        lost->type = XR_TYPE_EVENT_DATA_EVENTS_LOST;
        lost->next = NULL;
        lost->lostEventCount = inst->ev_lost;
        inst->ev_lost = 0;
        return XR_SUCCESS;
    }
    if (inst->ev_count == 0) return XR_EVENT_UNAVAILABLE;
    const XrEventDataBuffer *ev = &inst->events[inst->ev_head];
    size_t size = sizeof *ev;
    switch (ev->type) {
    case XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED: size = sizeof(XrEventDataSessionStateChanged); break;
    case XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED: size = sizeof(XrEventDataInteractionProfileChanged); break;
    case XR_TYPE_EVENT_DATA_REFERENCE_SPACE_CHANGE_PENDING:
        size = sizeof(XrEventDataReferenceSpaceChangePending);
        break;
    case XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING: size = sizeof(XrEventDataInstanceLossPending); break;
    default: break;
    }
    memcpy(buf, ev, size);
    if (ev->type == XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED)
        xs_log(XS_LOG_DEBUG, "event: session state %s",
               xs_state_name(((const XrEventDataSessionStateChanged *)ev)->state));
    inst->ev_head = (inst->ev_head + 1) % XS_EVENT_QUEUE;
    inst->ev_count--;
    return XR_SUCCESS;
}

void xs_event_push(struct xs_instance *inst, const void *ev, size_t size)
{
    if (inst->ev_count == XS_EVENT_QUEUE) {
        inst->ev_lost++;
        return;
    }
    XrEventDataBuffer *slot = &inst->events[(inst->ev_head + inst->ev_count) % XS_EVENT_QUEUE];
    memset(slot, 0, sizeof *slot);
    memcpy(slot, ev, size);
    inst->ev_count++;
}

XrResult XRAPI_CALL xrResultToString(XrInstance h, XrResult value, char buffer[XR_MAX_RESULT_STRING_SIZE])
{
    XS_ENTER("xrResultToString");
    CHECK_INSTANCE(h);
    const char *name = xs_result_name(value);
    if (!strcmp(name, "XR_UNKNOWN_RESULT"))
        snprintf(buffer, XR_MAX_RESULT_STRING_SIZE, "XR_UNKNOWN_%s_%d", value < 0 ? "FAILURE" : "SUCCESS", (int)value);
    else
        snprintf(buffer, XR_MAX_RESULT_STRING_SIZE, "%s", name);
    return XR_SUCCESS;
}

XrResult XRAPI_CALL xrStructureTypeToString(XrInstance h, XrStructureType value,
                                            char buffer[XR_MAX_STRUCTURE_NAME_SIZE])
{
    XS_ENTER("xrStructureTypeToString");
    CHECK_INSTANCE(h);
#define XS_TYPE_CASE(name, v)                                                                                          \
    case name: snprintf(buffer, XR_MAX_STRUCTURE_NAME_SIZE, "%s", #name); return XR_SUCCESS;
    switch (value) {
        XR_LIST_ENUM_XrStructureType(XS_TYPE_CASE) default
            : snprintf(buffer, XR_MAX_STRUCTURE_NAME_SIZE, "XR_UNKNOWN_STRUCTURE_TYPE_%d", (int)value);
        return XR_SUCCESS;
    }
#undef XS_TYPE_CASE
}

/* ---- the system ---- */

XrResult XRAPI_CALL xrGetSystem(XrInstance h, const XrSystemGetInfo *info, XrSystemId *id)
{
    XS_ENTER("xrGetSystem");
    CHECK_INSTANCE(h);
    if (!info || !id || info->type != XR_TYPE_SYSTEM_GET_INFO)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__, "getInfo or systemId NULL or of the wrong type");
    if (info->formFactor == XR_FORM_FACTOR_HANDHELD_DISPLAY)
        return xs_fail(XR_ERROR_FORM_FACTOR_UNSUPPORTED, __func__, "xrsim is a head-mounted display, not a handheld");
    if (info->formFactor != XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__, "form factor %d is not defined", (int)info->formFactor);
    inst->system_known = true;
    *id = XS_SYSTEM_ID;
    return XR_SUCCESS;
}

#define CHECK_SYSTEM(id)                                                                                               \
    if ((id) != XS_SYSTEM_ID)                                                                                          \
    return xs_fail(XR_ERROR_SYSTEM_INVALID, __func__, "system id %llu did not come from xrGetSystem",                  \
                   (unsigned long long)(id))

XrResult XRAPI_CALL xrGetSystemProperties(XrInstance h, XrSystemId id, XrSystemProperties *props)
{
    XS_ENTER("xrGetSystemProperties");
    CHECK_INSTANCE(h);
    CHECK_SYSTEM(id);
    if (!props || props->type != XR_TYPE_SYSTEM_PROPERTIES)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__, "properties NULL or of the wrong type");
    props->systemId = id;
    props->vendorId = 0x7061; /* "pa" */
    snprintf(props->systemName, sizeof props->systemName, "xrsim simulated headset");
    props->graphicsProperties.maxSwapchainImageWidth = 4096;
    props->graphicsProperties.maxSwapchainImageHeight = 4096;
    props->graphicsProperties.maxLayerCount = XS_MAX_LAYERS;
    props->trackingProperties.orientationTracking = XR_TRUE;
    props->trackingProperties.positionTracking = XR_TRUE;
    return XR_SUCCESS;
}

XrResult XRAPI_CALL xrEnumerateViewConfigurations(XrInstance h, XrSystemId id, uint32_t capacity, uint32_t *count,
                                                  XrViewConfigurationType *types)
{
    XS_ENTER("xrEnumerateViewConfigurations");
    CHECK_INSTANCE(h);
    CHECK_SYSTEM(id);
    if (!count)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__,
                       "a required pointer is NULL, a structure's type is wrong or a count is 0");
    *count = 1;
    if (capacity == 0) return XR_SUCCESS;
    types[0] = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
    return XR_SUCCESS;
}

#define CHECK_VIEW_CONFIG(t)                                                                                           \
    if ((t) != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO)                                                              \
    return xs_fail(XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED, __func__,                                             \
                   "view configuration %d: xrsim has only PRIMARY_STEREO", (int)(t))

XrResult XRAPI_CALL xrGetViewConfigurationProperties(XrInstance h, XrSystemId id, XrViewConfigurationType type,
                                                     XrViewConfigurationProperties *props)
{
    XS_ENTER("xrGetViewConfigurationProperties");
    CHECK_INSTANCE(h);
    CHECK_SYSTEM(id);
    CHECK_VIEW_CONFIG(type);
    if (!props || props->type != XR_TYPE_VIEW_CONFIGURATION_PROPERTIES)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__,
                       "a required pointer is NULL, a structure's type is wrong or a count is 0");
    props->viewConfigurationType = type;
    props->fovMutable = XR_FALSE;
    return XR_SUCCESS;
}

XrResult XRAPI_CALL xrEnumerateViewConfigurationViews(XrInstance h, XrSystemId id, XrViewConfigurationType type,
                                                      uint32_t capacity, uint32_t *count,
                                                      XrViewConfigurationView *views)
{
    XS_ENTER("xrEnumerateViewConfigurationViews");
    CHECK_INSTANCE(h);
    CHECK_SYSTEM(id);
    CHECK_VIEW_CONFIG(type);
    if (!count)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__,
                       "a required pointer is NULL, a structure's type is wrong or a count is 0");
    *count = 2;
    if (capacity == 0) return XR_SUCCESS;
    if (capacity < 2) return xs_fail(XR_ERROR_SIZE_INSUFFICIENT, __func__, "capacity %u < 2 views", capacity);
    for (int i = 0; i < 2; i++) {
        views[i].recommendedImageRectWidth = xs_cfg.view_w;
        views[i].recommendedImageRectHeight = xs_cfg.view_h;
        views[i].maxImageRectWidth = 4096;
        views[i].maxImageRectHeight = 4096;
        views[i].recommendedSwapchainSampleCount = 1;
        views[i].maxSwapchainSampleCount = 1;
    }
    return XR_SUCCESS;
}

XrResult XRAPI_CALL xrEnumerateEnvironmentBlendModes(XrInstance h, XrSystemId id, XrViewConfigurationType type,
                                                     uint32_t capacity, uint32_t *count, XrEnvironmentBlendMode *modes)
{
    XS_ENTER("xrEnumerateEnvironmentBlendModes");
    CHECK_INSTANCE(h);
    CHECK_SYSTEM(id);
    CHECK_VIEW_CONFIG(type);
    if (!count)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__,
                       "a required pointer is NULL, a structure's type is wrong or a count is 0");
    *count = 1;
    if (capacity == 0) return XR_SUCCESS;
    modes[0] = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
    return XR_SUCCESS;
}

XrResult XRAPI_CALL xrGetOpenGLGraphicsRequirementsKHR(XrInstance h, XrSystemId id,
                                                       XrGraphicsRequirementsOpenGLKHR *req)
{
    XS_ENTER("xrGetOpenGLGraphicsRequirementsKHR");
    CHECK_INSTANCE(h);
    CHECK_SYSTEM(id);
    if (!req || req->type != XR_TYPE_GRAPHICS_REQUIREMENTS_OPENGL_KHR)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__,
                       "a required pointer is NULL, a structure's type is wrong or a count is 0");
    req->minApiVersionSupported = XR_MAKE_VERSION(3, 3, 0);
    req->maxApiVersionSupported = XR_MAKE_VERSION(4, 6, 0);
    inst->gl_requirements_known = true;
    return XR_SUCCESS;
}

XrResult XRAPI_CALL xrConvertTimespecTimeToTimeKHR(XrInstance h, const struct timespec *ts, XrTime *t)
{
    XS_ENTER("xrConvertTimespecTimeToTimeKHR");
    CHECK_INSTANCE(h);
    if (!ts || !t)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__,
                       "a required pointer is NULL, a structure's type is wrong or a count is 0");
    *t = (XrTime)ts->tv_sec * 1000000000 + ts->tv_nsec;
    return XR_SUCCESS;
}

XrResult XRAPI_CALL xrConvertTimeToTimespecTimeKHR(XrInstance h, XrTime t, struct timespec *ts)
{
    XS_ENTER("xrConvertTimeToTimespecTimeKHR");
    CHECK_INSTANCE(h);
    if (!ts)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__,
                       "a required pointer is NULL, a structure's type is wrong or a count is 0");
    if (t <= 0) return xs_fail(XR_ERROR_TIME_INVALID, __func__, "time %lld <= 0", (long long)t);
    ts->tv_sec = t / 1000000000;
    ts->tv_nsec = t % 1000000000;
    return XR_SUCCESS;
}

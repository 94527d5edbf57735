/* xr_openxr_instance.c — the instance on XR_KHR_opengl_enable, the HMD
 * system, its stereo views and the GL requirements call (which must come
 * before the session, reference/openxr.md §5). Each refusal the trainee
 * can meet (no runtime, no headset, a runtime without OpenGL) is told apart
 * so the app can say it in one line and use the desktop. */
#define LOG_TAG "xr"
#include "xr_openxr.h"

#include "log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void oxr_quiet_loader(void)
{
    /* The Khronos loader prints every failed search to stderr (five lines
     * for "no runtime"). The one line paja prints says it better; a user
     * who wants the loader's own log sets XR_LOADER_DEBUG themselves. */
    setenv("XR_LOADER_DEBUG", "none", 0);
}

void oxr_explain(const struct oxr *o, const char *call, XrResult r, char *why, size_t why_size)
{
    char name[XR_MAX_RESULT_STRING_SIZE] = "";
    if (o && o->instance != XR_NULL_HANDLE) xrResultToString(o->instance, r, name);
    if (!name[0]) snprintf(name, sizeof name, "XrResult");
    snprintf(why, why_size, "%s failed: %s (%d)", call, name, (int)r);
}

/* Logs a failed call (not success codes: TIMEOUT_EXPIRED, FRAME_DISCARDED,
 * SESSION_LOSS_PENDING and the like are results, not errors). */
bool oxr_check(struct oxr *o, XrResult r, const char *call)
{
    if (XR_SUCCEEDED(r)) return true;
    char why[256];
    oxr_explain(o, call, r, why, sizeof why);
    LOG_W("%s", why);
    return false;
}

static bool offers(const XrExtensionProperties *ext, uint32_t n, const char *name)
{
    for (uint32_t i = 0; i < n; i++)
        if (strcmp(ext[i].extensionName, name) == 0) return true;
    return false;
}

static void no_runtime(char *why, size_t why_size)
{
    /* The loader ignores a manifest it cannot use without saying so (we
     * silenced it): name the one the user pointed at. */
    const char *json = getenv("XR_RUNTIME_JSON");
    if (json && *json)
        snprintf(why, why_size, "XR_RUNTIME_JSON=%s names no usable OpenXR runtime (check the file and the "
                 "library_path in it; XR_LOADER_DEBUG=error shows the loader's reason)", json);
    else
        snprintf(why, why_size, "no OpenXR runtime is installed or active (start Monado or SteamVR, or set "
                 "XR_RUNTIME_JSON to a runtime's manifest)");
}

static enum oxr_fail fail_from(XrResult r)
{
    if (r == XR_ERROR_RUNTIME_UNAVAILABLE) return OXR_NO_RUNTIME;
    if (r == XR_ERROR_FORM_FACTOR_UNAVAILABLE) return OXR_NO_HEADSET;
    return OXR_FAILED;
}

enum oxr_fail oxr_instance_create(struct oxr *o, char *why, size_t why_size)
{
    oxr_quiet_loader();
    uint32_t n = 0;
    XrResult r = xrEnumerateInstanceExtensionProperties(NULL, 0, &n, NULL);
    if (XR_FAILED(r)) {
        if (r == XR_ERROR_RUNTIME_UNAVAILABLE || r == XR_ERROR_RUNTIME_FAILURE) {
            no_runtime(why, why_size);
            return OXR_NO_RUNTIME;
        }
        oxr_explain(o, "xrEnumerateInstanceExtensionProperties", r, why, why_size);
        return fail_from(r);
    }
    XrExtensionProperties *ext = calloc(n ? n : 1, sizeof *ext);
    for (uint32_t i = 0; i < n; i++) ext[i].type = XR_TYPE_EXTENSION_PROPERTIES;
    r = xrEnumerateInstanceExtensionProperties(NULL, n, &n, ext);
    bool has_gl = XR_SUCCEEDED(r) && offers(ext, n, XR_KHR_OPENGL_ENABLE_EXTENSION_NAME);
    /* PAJA_XR_NO_DEPTH: a test hook to run as on a runtime without the
     * depth layer (it is optional, so both paths must work). */
    const char *no_depth = getenv("PAJA_XR_NO_DEPTH");
    o->has_depth_layer = XR_SUCCEEDED(r) && offers(ext, n, XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME) &&
                         !(no_depth && *no_depth && strcmp(no_depth, "0") != 0);
    free(ext);
    if (!has_gl) {
        /* Asking anyway would fail xrCreateInstance with
         * EXTENSION_NOT_PRESENT: say what it means instead. */
        snprintf(why, why_size,
                 "the active OpenXR runtime cannot show OpenGL applications (it lacks %s); Monado can",
                 XR_KHR_OPENGL_ENABLE_EXTENSION_NAME);
        return OXR_NO_GL;
    }

    const char *enable[2] = {XR_KHR_OPENGL_ENABLE_EXTENSION_NAME};
    uint32_t enable_n = 1;
    if (o->has_depth_layer) enable[enable_n++] = XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME;
    XrInstanceCreateInfo ci = {.type = XR_TYPE_INSTANCE_CREATE_INFO};
    snprintf(ci.applicationInfo.applicationName, sizeof ci.applicationInfo.applicationName, "paja");
    ci.applicationInfo.applicationVersion = 1;
    snprintf(ci.applicationInfo.engineName, sizeof ci.applicationInfo.engineName, "paja");
    ci.applicationInfo.engineVersion = 1;
    /* 1.0: what every runtime of the 1.0 line (and Debian's loader) takes. */
    ci.applicationInfo.apiVersion = XR_MAKE_VERSION(1, 0, 0);
    ci.enabledExtensionCount = enable_n;
    ci.enabledExtensionNames = enable;
    r = xrCreateInstance(&ci, &o->instance);
    if (XR_FAILED(r)) {
        oxr_explain(o, "xrCreateInstance", r, why, why_size);
        if (r == XR_ERROR_RUNTIME_UNAVAILABLE) no_runtime(why, why_size);
        return fail_from(r);
    }
    XrInstanceProperties ip = {.type = XR_TYPE_INSTANCE_PROPERTIES};
    if (XR_SUCCEEDED(xrGetInstanceProperties(o->instance, &ip))) {
        snprintf(o->runtime_name, sizeof o->runtime_name, "%s", ip.runtimeName);
        LOG_D("OpenXR runtime: %s %u.%u.%u", ip.runtimeName, (unsigned)XR_VERSION_MAJOR(ip.runtimeVersion),
              (unsigned)XR_VERSION_MINOR(ip.runtimeVersion), (unsigned)XR_VERSION_PATCH(ip.runtimeVersion));
    }

    XrSystemGetInfo si = {.type = XR_TYPE_SYSTEM_GET_INFO, .formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY};
    r = xrGetSystem(o->instance, &si, &o->system);
    if (XR_FAILED(r)) {
        if (r == XR_ERROR_FORM_FACTOR_UNAVAILABLE)
            snprintf(why, why_size, "the OpenXR runtime sees no headset (XR_ERROR_FORM_FACTOR_UNAVAILABLE): "
                                    "connect and switch on the headset, then start paja again");
        else
            oxr_explain(o, "xrGetSystem", r, why, why_size);
        return fail_from(r);
    }

    XrSystemProperties sp = {.type = XR_TYPE_SYSTEM_PROPERTIES};
    if (XR_SUCCEEDED(xrGetSystemProperties(o->instance, o->system, &sp)))
        snprintf(o->system_name, sizeof o->system_name, "%s", sp.systemName);

    /* Stereo: two views, each with the runtime's recommended size. */
    uint32_t vn = 0;
    r = xrEnumerateViewConfigurationViews(o->instance, o->system, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 0, &vn,
                                          NULL);
    if (XR_FAILED(r) || vn != 2) {
        if (XR_FAILED(r)) oxr_explain(o, "xrEnumerateViewConfigurationViews", r, why, why_size);
        else snprintf(why, why_size, "the headset's stereo view configuration has %u views, not 2", vn);
        return OXR_FAILED;
    }
    for (uint32_t i = 0; i < 2; i++) o->view_config[i].type = XR_TYPE_VIEW_CONFIGURATION_VIEW;
    r = xrEnumerateViewConfigurationViews(o->instance, o->system, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 2, &vn,
                                          o->view_config);
    if (XR_FAILED(r)) {
        oxr_explain(o, "xrEnumerateViewConfigurationViews", r, why, why_size);
        return OXR_FAILED;
    }
    o->view_count = 2;

    /* The requirements call is owed before xrCreateSession; paja's context
     * is 4.5 core, which must lie within the runtime's range. */
    r = xrGetInstanceProcAddr(o->instance, "xrGetOpenGLGraphicsRequirementsKHR",
                              (PFN_xrVoidFunction *)&o->get_gl_requirements);
    if (XR_FAILED(r) || !o->get_gl_requirements) {
        oxr_explain(o, "xrGetInstanceProcAddr(xrGetOpenGLGraphicsRequirementsKHR)", r, why, why_size);
        return OXR_FAILED;
    }
    XrGraphicsRequirementsOpenGLKHR req = {.type = XR_TYPE_GRAPHICS_REQUIREMENTS_OPENGL_KHR};
    r = o->get_gl_requirements(o->instance, o->system, &req);
    if (XR_FAILED(r)) {
        oxr_explain(o, "xrGetOpenGLGraphicsRequirementsKHR", r, why, why_size);
        return OXR_FAILED;
    }
    XrVersion ours = XR_MAKE_VERSION(4, 5, 0);
    if (ours < req.minApiVersionSupported) {
        snprintf(why, why_size, "the OpenXR runtime needs OpenGL %u.%u or newer; paja uses 4.5",
                 (unsigned)XR_VERSION_MAJOR(req.minApiVersionSupported),
                 (unsigned)XR_VERSION_MINOR(req.minApiVersionSupported));
        return OXR_FAILED;
    }
    return OXR_OK;
}

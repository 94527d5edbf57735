/* xr_stub_runtime.c — a tiny OpenXR runtime that never shows anything, for
 * the fallback tests of `paja run --xr`: it negotiates with the Khronos
 * loader and creates an instance, then refuses as a real runtime would in
 * the case named by XR_STUB_MODE:
 *   no_headset  xrGetSystem says XR_ERROR_FORM_FACTOR_UNAVAILABLE (a runtime
 *               installed and running, the headset not connected)
 *   no_gl       the runtime lists no XR_KHR_opengl_enable (a Vulkan-only
 *               runtime)
 * The loader's negotiation structures are not in Debian's OpenXR headers;
 * they are declared here from the loader specification (runtime.adoc). */
#include <openxr/openxr.h>

/* The extension's name without the platform header (which needs GL and X). */
#define GL_EXT_NAME "XR_KHR_opengl_enable"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXPORT __attribute__((visibility("default")))

struct negotiate_loader_info {
    uint32_t struct_type; /* 1: loader info */
    uint32_t struct_version;
    size_t struct_size;
    uint32_t min_interface, max_interface;
    XrVersion min_api, max_api;
};

struct negotiate_runtime_request {
    uint32_t struct_type; /* 3: runtime request */
    uint32_t struct_version;
    size_t struct_size;
    uint32_t runtime_interface;
    XrVersion runtime_api;
    PFN_xrGetInstanceProcAddr get_instance_proc_addr;
};

static int instance_tag;
static const char *mode(void)
{
    const char *m = getenv("XR_STUB_MODE");
    return m ? m : "no_headset";
}

static XRAPI_ATTR XrResult XRAPI_CALL enum_exts(const char *layer, uint32_t cap, uint32_t *count,
                                                XrExtensionProperties *props)
{
    if (layer) return XR_ERROR_API_LAYER_NOT_PRESENT;
    const char *names[1] = {GL_EXT_NAME};
    uint32_t n = strcmp(mode(), "no_gl") == 0 ? 0 : 1;
    *count = n;
    if (cap == 0) return XR_SUCCESS;
    if (cap < n) return XR_ERROR_SIZE_INSUFFICIENT;
    for (uint32_t i = 0; i < n; i++) {
        snprintf(props[i].extensionName, sizeof props[i].extensionName, "%s", names[i]);
        props[i].extensionVersion = 10;
    }
    return XR_SUCCESS;
}

static XRAPI_ATTR XrResult XRAPI_CALL enum_layers(uint32_t cap, uint32_t *count, XrApiLayerProperties *props)
{
    (void)cap;
    (void)props;
    *count = 0;
    return XR_SUCCESS;
}

static XRAPI_ATTR XrResult XRAPI_CALL create_instance(const XrInstanceCreateInfo *ci, XrInstance *out)
{
    for (uint32_t i = 0; i < ci->enabledExtensionCount; i++)
        if (strcmp(ci->enabledExtensionNames[i], GL_EXT_NAME) != 0 ||
            strcmp(mode(), "no_gl") == 0)
            return XR_ERROR_EXTENSION_NOT_PRESENT;
    *out = (XrInstance)(uintptr_t)&instance_tag;
    return XR_SUCCESS;
}

static XRAPI_ATTR XrResult XRAPI_CALL destroy_instance(XrInstance i)
{
    (void)i;
    return XR_SUCCESS;
}

static XRAPI_ATTR XrResult XRAPI_CALL instance_props(XrInstance i, XrInstanceProperties *p)
{
    (void)i;
    p->runtimeVersion = XR_MAKE_VERSION(0, 1, 0);
    snprintf(p->runtimeName, sizeof p->runtimeName, "paja test stub");
    return XR_SUCCESS;
}

static XRAPI_ATTR XrResult XRAPI_CALL get_system(XrInstance i, const XrSystemGetInfo *gi, XrSystemId *out)
{
    (void)i;
    (void)gi;
    (void)out;
    return XR_ERROR_FORM_FACTOR_UNAVAILABLE;
}

static XRAPI_ATTR XrResult XRAPI_CALL result_to_string(XrInstance i, XrResult r, char buf[XR_MAX_RESULT_STRING_SIZE])
{
    (void)i;
    snprintf(buf, XR_MAX_RESULT_STRING_SIZE, "XR_RESULT_%d", (int)r);
    return XR_SUCCESS;
}

static XRAPI_ATTR XrResult XRAPI_CALL gipa(XrInstance inst, const char *name, PFN_xrVoidFunction *fn)
{
    *fn = NULL;
    static const struct {
        const char *name;
        PFN_xrVoidFunction fn;
        int needs_instance;
    } table[] = {
        {"xrEnumerateInstanceExtensionProperties", (PFN_xrVoidFunction)enum_exts, 0},
        {"xrEnumerateApiLayerProperties", (PFN_xrVoidFunction)enum_layers, 0},
        {"xrCreateInstance", (PFN_xrVoidFunction)create_instance, 0},
        {"xrDestroyInstance", (PFN_xrVoidFunction)destroy_instance, 1},
        {"xrGetInstanceProperties", (PFN_xrVoidFunction)instance_props, 1},
        {"xrGetSystem", (PFN_xrVoidFunction)get_system, 1},
        {"xrResultToString", (PFN_xrVoidFunction)result_to_string, 1},
        {"xrGetInstanceProcAddr", (PFN_xrVoidFunction)gipa, 1},
    };
    for (size_t k = 0; k < sizeof table / sizeof table[0]; k++) {
        if (strcmp(name, table[k].name) != 0) continue;
        if (table[k].needs_instance && inst == XR_NULL_HANDLE) return XR_ERROR_HANDLE_INVALID;
        *fn = table[k].fn;
        return XR_SUCCESS;
    }
    return XR_ERROR_FUNCTION_UNSUPPORTED;
}

EXPORT XrResult xrNegotiateLoaderRuntimeInterface(const struct negotiate_loader_info *li,
                                                  struct negotiate_runtime_request *rr)
{
    if (!li || !rr || li->struct_type != 1 || rr->struct_type != 3 || li->min_interface > 1 || li->max_interface < 1)
        return XR_ERROR_INITIALIZATION_FAILED;
    rr->runtime_interface = 1;
    rr->runtime_api = XR_MAKE_VERSION(1, 0, 20);
    rr->get_instance_proc_addr = gipa;
    return XR_SUCCESS;
}

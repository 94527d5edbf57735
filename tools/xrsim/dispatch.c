/* xrsim: xrGetInstanceProcAddr. Names of extensions the instance did not
 * enable are XR_ERROR_FUNCTION_UNSUPPORTED, as the specification says. */
#include "xrsim.h"

#include <string.h>

enum xs_ext { EXT_NONE, EXT_GL, EXT_TIMESPEC, EXT_CONFORMANCE };

#define FN(name, ext)                                                                                                  \
    {                                                                                                                  \
#name, (PFN_xrVoidFunction)name, ext                                                                           \
    }
static const struct {
    const char *name;
    PFN_xrVoidFunction fn;
    enum xs_ext ext;
} table[] = {
    FN(xrEnumerateInstanceExtensionProperties, EXT_NONE),
    FN(xrEnumerateApiLayerProperties, EXT_NONE),
    FN(xrCreateInstance, EXT_NONE),
    FN(xrDestroyInstance, EXT_NONE),
    FN(xrGetInstanceProperties, EXT_NONE),
    FN(xrPollEvent, EXT_NONE),
    FN(xrResultToString, EXT_NONE),
    FN(xrStructureTypeToString, EXT_NONE),
    FN(xrGetSystem, EXT_NONE),
    FN(xrGetSystemProperties, EXT_NONE),
    FN(xrEnumerateEnvironmentBlendModes, EXT_NONE),
    FN(xrCreateSession, EXT_NONE),
    FN(xrDestroySession, EXT_NONE),
    FN(xrEnumerateReferenceSpaces, EXT_NONE),
    FN(xrCreateReferenceSpace, EXT_NONE),
    FN(xrGetReferenceSpaceBoundsRect, EXT_NONE),
    FN(xrCreateActionSpace, EXT_NONE),
    FN(xrLocateSpace, EXT_NONE),
    FN(xrDestroySpace, EXT_NONE),
    FN(xrEnumerateViewConfigurations, EXT_NONE),
    FN(xrGetViewConfigurationProperties, EXT_NONE),
    FN(xrEnumerateViewConfigurationViews, EXT_NONE),
    FN(xrEnumerateSwapchainFormats, EXT_NONE),
    FN(xrCreateSwapchain, EXT_NONE),
    FN(xrDestroySwapchain, EXT_NONE),
    FN(xrEnumerateSwapchainImages, EXT_NONE),
    FN(xrAcquireSwapchainImage, EXT_NONE),
    FN(xrWaitSwapchainImage, EXT_NONE),
    FN(xrReleaseSwapchainImage, EXT_NONE),
    FN(xrBeginSession, EXT_NONE),
    FN(xrEndSession, EXT_NONE),
    FN(xrRequestExitSession, EXT_NONE),
    FN(xrWaitFrame, EXT_NONE),
    FN(xrBeginFrame, EXT_NONE),
    FN(xrEndFrame, EXT_NONE),
    FN(xrLocateViews, EXT_NONE),
    FN(xrStringToPath, EXT_NONE),
    FN(xrPathToString, EXT_NONE),
    FN(xrCreateActionSet, EXT_NONE),
    FN(xrDestroyActionSet, EXT_NONE),
    FN(xrCreateAction, EXT_NONE),
    FN(xrDestroyAction, EXT_NONE),
    FN(xrSuggestInteractionProfileBindings, EXT_NONE),
    FN(xrAttachSessionActionSets, EXT_NONE),
    FN(xrGetCurrentInteractionProfile, EXT_NONE),
    FN(xrGetActionStateBoolean, EXT_NONE),
    FN(xrGetActionStateFloat, EXT_NONE),
    FN(xrGetActionStateVector2f, EXT_NONE),
    FN(xrGetActionStatePose, EXT_NONE),
    FN(xrSyncActions, EXT_NONE),
    FN(xrEnumerateBoundSourcesForAction, EXT_NONE),
    FN(xrGetInputSourceLocalizedName, EXT_NONE),
    FN(xrApplyHapticFeedback, EXT_NONE),
    FN(xrStopHapticFeedback, EXT_NONE),
    FN(xrGetOpenGLGraphicsRequirementsKHR, EXT_GL),
    FN(xrConvertTimespecTimeToTimeKHR, EXT_TIMESPEC),
    FN(xrConvertTimeToTimespecTimeKHR, EXT_TIMESPEC),
    FN(xrSetInputDeviceActiveEXT, EXT_CONFORMANCE),
    FN(xrSetInputDeviceStateBoolEXT, EXT_CONFORMANCE),
    FN(xrSetInputDeviceStateFloatEXT, EXT_CONFORMANCE),
    FN(xrSetInputDeviceStateVector2fEXT, EXT_CONFORMANCE),
    FN(xrSetInputDeviceLocationEXT, EXT_CONFORMANCE),
};

PFN_xrVoidFunction xs_lookup(const char *name, const struct xs_instance *inst)
{
    if (!strcmp(name, "xrGetInstanceProcAddr")) return (PFN_xrVoidFunction)xs_get_instance_proc_addr;
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        if (strcmp(table[i].name, name)) continue;
        /* XR_KHR_opengl_enable is how every application of xrsim draws; its
         * functions are given even if the loader asks before the instance
         * records the extension. */
        if (table[i].ext == EXT_TIMESPEC && !(inst && inst->ext_timespec)) return NULL;
        if (table[i].ext == EXT_CONFORMANCE && !(inst && inst->ext_conformance)) return NULL;
        return table[i].fn;
    }
    return NULL;
}

XrResult XRAPI_CALL xs_get_instance_proc_addr(XrInstance instance, const char *name, PFN_xrVoidFunction *fn)
{
    XS_ENTER("xrGetInstanceProcAddr");
    if (!fn || !name)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__,
                       "a required pointer is NULL, a structure's type is wrong or a count is 0");
    *fn = NULL;
    if (instance == XR_NULL_HANDLE) {
        if (strcmp(name, "xrEnumerateInstanceExtensionProperties") && strcmp(name, "xrEnumerateApiLayerProperties") &&
            strcmp(name, "xrCreateInstance"))
            return XR_ERROR_HANDLE_INVALID;
        *fn = xs_lookup(name, NULL);
        return XR_SUCCESS;
    }
    struct xs_instance *inst = (struct xs_instance *)instance;
    if (!xs_obj_live(inst, XS_INSTANCE))
        return xs_fail(XR_ERROR_HANDLE_INVALID, "xrGetInstanceProcAddr", "instance is not live");
    *fn = xs_lookup(name, inst);
    return *fn ? XR_SUCCESS : XR_ERROR_FUNCTION_UNSUPPORTED;
}

/* xr_openxr_probe.c — asks the Khronos loader whether a runtime is there.
 * The full OpenXR backend comes with the XR issue; this lets `paja run --xr`
 * explain itself and fall back to the desktop today. */
#include "xr.h"

#include <openxr/openxr.h>
#include <stdio.h>

bool xr_openxr_available(char *why, size_t why_size)
{
    uint32_t count = 0;
    /* Enumerating instance extensions loads the active runtime's manifest
     * (XR_RUNTIME_JSON or the system's active_runtime.json) without
     * creating an instance. */
    XrResult r = xrEnumerateInstanceExtensionProperties(NULL, 0, &count, NULL);
    if (XR_SUCCEEDED(r)) return true;
    if (r == XR_ERROR_RUNTIME_UNAVAILABLE || r == XR_ERROR_RUNTIME_FAILURE)
        snprintf(why, why_size,
                 "no OpenXR runtime is installed or active (set XR_RUNTIME_JSON or install one, "
                 "e.g. Monado or SteamVR)");
    else
        snprintf(why, why_size, "the OpenXR loader failed (XrResult %d)", (int)r);
    return false;
}

/* Shared fixture of xrsim's unit tests: the runtime is dlopen'ed and reached
 * through its negotiation export and xrGetInstanceProcAddr, exactly as the
 * loader reaches it (no loader in between, so nothing hides its results). */
#ifndef XRSIM_TEST_H
#define XRSIM_TEST_H

#define XR_USE_PLATFORM_XLIB
#define XR_USE_GRAPHICS_API_OPENGL
#include <X11/Xlib.h>
#include <GL/gl.h>
#include <GL/glx.h>
#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define XT_FUNCS(_)                                                                                                    \
    _(xrEnumerateInstanceExtensionProperties)                                                                          \
    _(xrCreateInstance) _(xrDestroyInstance) _(xrGetSystem) _(xrPollEvent) _(xrCreateSession) _(xrDestroySession)      \
        _(xrBeginSession) _(xrEndSession) _(xrRequestExitSession) _(xrWaitFrame) _(xrBeginFrame) _(xrEndFrame)         \
            _(xrCreateReferenceSpace) _(xrLocateSpace) _(xrLocateViews) _(xrDestroySpace) _(xrStringToPath)            \
                _(xrPathToString) _(xrCreateActionSet) _(xrCreateAction) _(xrSuggestInteractionProfileBindings)        \
                    _(xrAttachSessionActionSets) _(xrGetCurrentInteractionProfile) _(xrSyncActions)                    \
                        _(xrGetActionStateBoolean) _(xrGetActionStateFloat) _(xrGetActionStateVector2f)                \
                            _(xrGetActionStatePose) _(xrCreateActionSpace) _(xrApplyHapticFeedback)                    \
                                _(xrGetOpenGLGraphicsRequirementsKHR) _(xrEnumerateSwapchainFormats)                   \
                                    _(xrCreateSwapchain) _(xrDestroySwapchain) _(xrEnumerateSwapchainImages)           \
                                        _(xrAcquireSwapchainImage) _(xrWaitSwapchainImage) _(xrReleaseSwapchainImage)  \
                                            _(xrSetInputDeviceStateFloatEXT)

#define XT_DECLARE(name) PFN_##name name;
struct xt_api {
    XT_FUNCS(XT_DECLARE)
};
extern struct xt_api xt;
extern PFN_xrGetInstanceProcAddr xt_gipa;

/* Negotiation entry point of the dlopen'ed runtime (loads it once). */
typedef XrResult (*xt_negotiate_fn)(const void *loader_info, void *runtime_request);
xt_negotiate_fn xt_negotiate(void);

/* A fresh instance with the given extensions (xrsim reads its environment at
 * creation, so setenv first). Functions are loaded into xt. */
XrInstance xt_instance(const char *const *extensions, uint32_t count);
XrSystemId xt_system(XrInstance inst);
/* A headless session (XR_MND_headless) on inst. */
XrSession xt_headless_session(XrInstance inst);
/* Pops events until none is left; returns the session states seen, in order,
 * into states (up to max), and their count. Other events are counted in
 * *others when non-NULL. */
int xt_drain_states(XrInstance inst, XrSessionState *states, int max, int *others);
/* Runs one empty frame (wait, begin, end with no layers). */
XrResult xt_frame(XrSession s, XrTime *predicted);
/* Begins the session and runs frames until FOCUSED. */
void xt_run_to_focused(XrInstance inst, XrSession s);

/* GL for swapchain tests: an Xlib display with a GLX context current on a
 * pbuffer. False when there is no X display (the test skips). */
bool xt_gl_open(XrGraphicsBindingOpenGLXlibKHR *binding);
void xt_gl_close(void);

/* Scratch folder for files a test writes (created). */
const char *xt_tmpdir(void);

#endif

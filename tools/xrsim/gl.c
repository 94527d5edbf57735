/* xrsim: the GL functions the runtime calls, looked up through
 * glXGetProcAddress rather than linked by name. An application may define
 * its own global symbols with GL names (hello_xr's GL wrapper defines
 * function-pointer variables such as glBindBuffer), and a dynamic reference
 * from this library would bind to those instead of to libGL. */
#include "xrsim.h"

#include <string.h>

struct xs_gl_fns xs_gl;

#define LOAD(field, name)                                                                                              \
    do {                                                                                                               \
        xs_fn f = get_proc(name);                                                                                      \
        ok &= f != NULL;                                                                                               \
        memcpy(&xs_gl.field, &f, sizeof f);                                                                            \
    } while (0)

bool xs_gl_load(xs_fn (*get_proc)(const char *))
{
    bool ok = true;
    LOAD(GenTextures, "glGenTextures");
    LOAD(DeleteTextures, "glDeleteTextures");
    LOAD(BindTexture, "glBindTexture");
    LOAD(TexImage2D, "glTexImage2D");
    LOAD(TexImage3D, "glTexImage3D");
    LOAD(TexParameteri, "glTexParameteri");
    LOAD(GetIntegerv, "glGetIntegerv");
    LOAD(GetError, "glGetError");
    LOAD(PixelStorei, "glPixelStorei");
    LOAD(GetTexImage, "glGetTexImage");
    LOAD(BindBuffer, "glBindBuffer");
    LOAD(GetString, "glGetString");
    if (!ok) xs_log(XS_LOG_ERROR, "libGL lacks a function xrsim needs (glXGetProcAddress failed)");
    return ok;
}

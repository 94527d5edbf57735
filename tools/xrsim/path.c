/* xrsim: semantic paths (xrStringToPath / xrPathToString). Paths are
 * interned for the life of the process; XrPath is the index plus one. */
#include "xrsim.h"

#include <stdlib.h>
#include <string.h>

static char **paths;
static size_t path_count, path_cap;

bool xs_path_valid_syntax(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= XR_MAX_PATH_LENGTH || s[0] != '/' || s[n - 1] == '/') return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '/';
        if (!ok || (c == '/' && s[i + 1] == '/')) return false;
        /* "." and ".." are not path components */
        if (c == '/' && s[i + 1] == '.' &&
            (s[i + 2] == '/' || s[i + 2] == 0 || (s[i + 2] == '.' && (s[i + 3] == '/' || s[i + 3] == 0))))
            return false;
    }
    return true;
}

XrPath xs_path_intern(const char *s)
{
    for (size_t i = 0; i < path_count; i++)
        if (!strcmp(paths[i], s)) return (XrPath)(i + 1);
    if (path_count == path_cap) {
        size_t cap = path_cap ? path_cap * 2 : 256;
        char **n = realloc(paths, cap * sizeof *n);
        if (!n) return XR_NULL_PATH;
        paths = n;
        path_cap = cap;
    }
    paths[path_count] = strdup(s);
    if (!paths[path_count]) return XR_NULL_PATH;
    return (XrPath)++path_count;
}

const char *xs_path_str(XrPath p)
{
    if (p == XR_NULL_PATH || p > path_count) return NULL;
    return paths[p - 1];
}

XrResult XRAPI_CALL xrStringToPath(XrInstance instance, const char *s, XrPath *out)
{
    XS_ENTER("xrStringToPath");
    if (!xs_obj_live(instance, XS_INSTANCE)) return xs_fail(XR_ERROR_HANDLE_INVALID, __func__, "instance is not live");
    if (!s || !out)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__,
                       "a required pointer is NULL, a structure's type is wrong or a count is 0");
    if (!xs_path_valid_syntax(s))
        return xs_fail(XR_ERROR_PATH_FORMAT_INVALID, __func__,
                       "'%s': a path starts with '/', uses only a-z 0-9 - _ . and has no empty or trailing component",
                       s);
    *out = xs_path_intern(s);
    return *out ? XR_SUCCESS : XR_ERROR_PATH_COUNT_EXCEEDED;
}

XrResult XRAPI_CALL xrPathToString(XrInstance instance, XrPath path, uint32_t capacity, uint32_t *count, char *buf)
{
    XS_ENTER("xrPathToString");
    if (!xs_obj_live(instance, XS_INSTANCE)) return xs_fail(XR_ERROR_HANDLE_INVALID, __func__, "instance is not live");
    const char *s = xs_path_str(path);
    if (!s)
        return xs_fail(XR_ERROR_PATH_INVALID, __func__, "path %llu was never made by xrStringToPath",
                       (unsigned long long)path);
    if (!count)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__,
                       "a required pointer is NULL, a structure's type is wrong or a count is 0");
    uint32_t n = (uint32_t)strlen(s) + 1;
    *count = n;
    if (capacity == 0) return XR_SUCCESS;
    if (capacity < n)
        return xs_fail(XR_ERROR_SIZE_INSUFFICIENT, __func__,
                       "the capacity is too small; call with capacity 0 first to learn the count");
    memcpy(buf, s, n);
    return XR_SUCCESS;
}

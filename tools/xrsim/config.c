/* xrsim: configuration from the environment (read once, at instance
 * creation). Every variable is listed in tools/xrsim/README.md. */
#include "xrsim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct xs_config xs_cfg;

static void copy_env(char *dst, size_t n, const char *name)
{
    const char *v = getenv(name);
    snprintf(dst, n, "%s", v ? v : "");
}

static double env_double(const char *name, double def, double lo, double hi)
{
    const char *v = getenv(name);
    if (!v || !*v) return def;
    char *end;
    double d = strtod(v, &end);
    if (*end || d < lo || d > hi) {
        xs_log(XS_LOG_WARN, "%s=%s is not a number in [%g, %g]; using %g", name, v, lo, hi, def);
        return def;
    }
    return d;
}

void xs_config_load(void)
{
    xs_log_open();
    memset(&xs_cfg, 0, sizeof xs_cfg);
    const char *clock = getenv("XRSIM_CLOCK");
    xs_cfg.real_clock = !(clock && !strcmp(clock, "virtual"));
    if (clock && strcmp(clock, "virtual") && strcmp(clock, "real"))
        xs_log(XS_LOG_WARN, "XRSIM_CLOCK=%s is neither 'virtual' nor 'real'; using real", clock);
    xs_cfg.rate_hz = env_double("XRSIM_RATE", 90, 1, 1000);
    xs_cfg.exit_after_frames = (long)env_double("XRSIM_EXIT_AFTER_FRAMES", 0, 0, 1e12);
    copy_env(xs_cfg.dump_dir, sizeof xs_cfg.dump_dir, "XRSIM_DUMP_DIR");
    xs_cfg.dump_every = (long)env_double("XRSIM_DUMP_EVERY", 0, 0, 1e12);
    const char *frames = getenv("XRSIM_DUMP_FRAMES");
    while (frames && *frames && xs_cfg.dump_frame_count < 32) {
        char *end;
        long f = strtol(frames, &end, 10);
        if (end == frames) {
            xs_log(XS_LOG_WARN, "XRSIM_DUMP_FRAMES: '%s' is not a comma-separated list of frame numbers", frames);
            break;
        }
        xs_cfg.dump_frames[xs_cfg.dump_frame_count++] = f;
        frames = *end == ',' ? end + 1 : end;
    }
    const char *times = getenv("XRSIM_DUMP_TIMES");
    while (times && *times && xs_cfg.dump_time_count < 32) {
        char *end;
        double t = strtod(times, &end);
        if (end == times || t < 0 || (xs_cfg.dump_time_count && t <= xs_cfg.dump_times[xs_cfg.dump_time_count - 1])) {
            xs_log(XS_LOG_WARN, "XRSIM_DUMP_TIMES: '%s' is not an ascending comma-separated list of seconds", times);
            break;
        }
        xs_cfg.dump_times[xs_cfg.dump_time_count++] = t;
        times = *end == ',' ? end + 1 : end;
    }
    copy_env(xs_cfg.haptics_log, sizeof xs_cfg.haptics_log, "XRSIM_HAPTICS_LOG");
    copy_env(xs_cfg.stats_path, sizeof xs_cfg.stats_path, "XRSIM_STATS");
    copy_env(xs_cfg.control_path, sizeof xs_cfg.control_path, "XRSIM_CONTROL");
    copy_env(xs_cfg.script_path, sizeof xs_cfg.script_path, "XRSIM_SCRIPT");
    xs_cfg.ipd = (float)env_double("XRSIM_IPD", 0.063, 0, 0.2);
    xs_cfg.view_w = xs_cfg.view_h = 640;
    const char *size = getenv("XRSIM_VIEW_SIZE");
    if (size && *size) {
        unsigned w, h;
        if (sscanf(size, "%ux%u", &w, &h) == 2 && w >= 16 && h >= 16 && w <= 4096 && h <= 4096) {
            xs_cfg.view_w = w;
            xs_cfg.view_h = h;
        } else {
            xs_log(XS_LOG_WARN, "XRSIM_VIEW_SIZE=%s is not WxH within 16..4096; using 640x640", size);
        }
    }
    xs_device_reset();
    const char *profile = getenv("XRSIM_PROFILE");
    if (profile && *profile && !xs_profile_name_ok(profile)) {
        xs_log(XS_LOG_WARN,
               "XRSIM_PROFILE=%s is not a simulated profile (khr/simple_controller, "
               "oculus/touch_controller, valve/index_controller, htc/vive_controller, microsoft/motion_controller, "
               "none); using oculus/touch_controller",
               profile);
        profile = NULL;
    }
    snprintf(xs_dev.profile, sizeof xs_dev.profile, "%s", profile && *profile ? profile : "oculus/touch_controller");
    const char *focus = getenv("XRSIM_FOCUS");
    xs_cfg.focus_off = focus && !strcmp(focus, "0");
}

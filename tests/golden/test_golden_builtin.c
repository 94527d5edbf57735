/* test_golden_builtin.c — the built-in workshop rendered headless through the
 * same path as `paja run --headless` (SDL offscreen, llvmpipe), compared with
 * tests/golden/builtin_workshop.png. Finnish on-screen text, so ä and ö are
 * in the image too. */
#include "app.h"
#include "golden.h"

#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    struct app_run_opts o;
    app_run_opts_default(&o);
    o.headless = true;
    o.frames = 3;
    o.width = 640;
    o.height = 360;
    o.lang = APP_LANG_FI;
    struct app_capture cap = {0};
    int rc = app_run(&o, &cap);
    if (rc != 0 || !cap.rgba) {
        fprintf(stderr, "golden: headless run failed (exit %d)\n", rc);
        return 1;
    }
    struct golden_report rep;
    enum golden_result r = golden_check(PAJA_GOLDEN_DIR, PAJA_GOLDEN_OUT, "builtin_workshop", cap.rgba, cap.width,
                                        cap.height, cap.renderer, cap.version, &rep);
    printf("golden builtin_workshop: %s\n", rep.message);
    free(cap.rgba);
    return golden_exit_code(r);
}

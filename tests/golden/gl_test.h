/* gl_test.h — what the gfx pixel tests share (test_gfx_*.c): a headless GL
 * context (the test is skipped, exit 77, where none can be made), a CHECK
 * that reports a failure and goes on, a unit cube, and the summary.
 *
 *   struct gfx *g; struct plat *p = gl_test_start("gfx_world", 128, 128, &g);
 *   CHECK(x == 1, "x is %d", x);
 *   return gl_test_finish("gfx_world", &p, &g);
 */
#ifndef PAJA_GL_TEST_H
#define PAJA_GL_TEST_H

#include "gfx.h"
#include "platform.h"

#include <stdio.h>

/* Failed checks so far. */
extern int gl_test_failures;

#define CHECK(cond, ...)                                                                                          \
    do {                                                                                                          \
        if (!(cond)) {                                                                                            \
            printf("FAIL %s:%d: ", __FILE__, __LINE__);                                                           \
            printf(__VA_ARGS__);                                                                                  \
            printf("\n");                                                                                         \
            gl_test_failures++;                                                                                   \
        }                                                                                                         \
    } while (0)

/* A headless window of w x h with a GL 4.5 context and gfx on it. Exits 77
 * (skip) when no context can be made, 1 when gfx cannot start on it. */
struct plat *gl_test_start(const char *name, int w, int h, struct gfx **out_g);
/* A unit cube centred at the origin, outward normals, no material. */
struct gfx_mesh gl_test_cube(struct gfx *g);
/* Prints "NAME: all checks passed" or the failure count, tears gfx and the
 * window down; returns the exit status (0 or 1). */
int gl_test_finish(const char *name, struct plat **p, struct gfx **g);

#endif

/* bench_gl_start.c — the start floor (DESIGN.md §9): a bare SDL + OpenGL 4.5
 * core program that starts, clears one 1280x720 frame and reads it back,
 * then exits. No paja code, no shaders, no files. tools/bench/startup.sh
 * times this process from start to exit against `paja run ... --frames 1`
 * in the same run; whatever paja spends beyond it is paja's own start.
 *
 *   bench_gl_start [--size WxH]
 *
 * Exit 0 when the frame was read back, 1 otherwise (message on stderr). */
#include <GL/glew.h>
#include <SDL2/SDL.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    int w = 1280, h = 720;
    if (argc == 3 && strcmp(argv[1], "--size") == 0 && sscanf(argv[2], "%dx%d", &w, &h) == 2 && w > 0 && h > 0) {
    } else if (argc != 1) {
        fprintf(stderr, "usage: bench_gl_start [--size WxH]\n");
        return 2;
    }
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "bench_gl_start: %s\n", SDL_GetError());
        return 1;
    }
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 4);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 5);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_Window *win = SDL_CreateWindow("bench_gl_start", 0, 0, w, h, SDL_WINDOW_OPENGL | SDL_WINDOW_HIDDEN);
    SDL_GLContext ctx = win ? SDL_GL_CreateContext(win) : NULL;
    if (!ctx) {
        fprintf(stderr, "bench_gl_start: %s\n", SDL_GetError());
        return 1;
    }
    /* Debian's GLEW is the GLX build: error 4 on EGL is harmless (see the
     * headless-rendering reference). */
    glewExperimental = GL_TRUE;
    GLenum e = glewInit();
    if (e != GLEW_OK && !(e == GLEW_ERROR_NO_GLX_DISPLAY && glCreateShader)) {
        fprintf(stderr, "bench_gl_start: GLEW error %u\n", e);
        return 1;
    }
    glViewport(0, 0, w, h);
    glClearColor(0.5f, 0.6f, 0.7f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
    unsigned char *px = malloc((size_t)w * (size_t)h * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, px);
    int ok = px && glGetError() == GL_NO_ERROR && px[0] > 100;
    SDL_GL_SwapWindow(win);
    free(px);
    SDL_GL_DeleteContext(ctx);
    SDL_DestroyWindow(win);
    SDL_Quit();
    if (!ok) fprintf(stderr, "bench_gl_start: the frame did not read back\n");
    return ok ? 0 : 1;
}

/* bench_floor_pass.c — the frame floor (DESIGN.md §9): one full-screen pass
 * of a simple lit, textured shader (a mipmapped 256x256 texture, Lambert
 * plus ambient with a per-pixel normal, sRGB-encoded output), each pixel
 * shaded once, into an RGBA8 + depth framebuffer like paja's target, and the
 * frame read back. No paja code. tools/bench/ev_scene.sh runs it in the same
 * run as paja's frames (bench_ev_scene --floor) and prints paja's per-frame
 * time as a ratio to it.
 *
 *   bench_floor_pass [--size WxH] [--frames N] [--runs N] [--views 1|2]
 *
 * Per frame = (time of N frames + one readback) / N after three warm-up
 * frames, the way bench_ev_scene counts paja's frames (queued, the last one
 * read back). --views 2 draws each frame twice into two targets (a stereo
 * floor). Prints "floor_ms MEDIAN MIN MAX CPU" over --runs repeats: wall
 * ms per frame, and the median CPU ms per frame of all threads (llvmpipe's
 * rasterising threads included). */
#define _POSIX_C_SOURCE 200809L
#include <GL/glew.h>
#include <SDL2/SDL.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *VS =
    "#version 450 core\n"
    "out vec2 v_uv;\n"
    "out vec3 v_normal;\n"
    "void main() {\n"
    "    vec2 p = vec2((gl_VertexID << 1) & 2, gl_VertexID & 2);\n"
    "    v_uv = p;\n"
    "    v_normal = vec3(p * 2.0 - 1.0, 1.5);\n"
    "    gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);\n"
    "}\n";

static const char *FS =
    "#version 450 core\n"
    "in vec2 v_uv;\n"
    "in vec3 v_normal;\n"
    "layout(binding = 0) uniform sampler2D u_tex;\n"
    "layout(location = 0) uniform vec3 u_light_dir;\n"
    "out vec4 o_color;\n"
    "void main() {\n"
    "    vec3 n = normalize(v_normal);\n"
    "    vec3 albedo = texture(u_tex, v_uv * 4.0).rgb;\n"
    "    vec3 c = albedo * (0.2 + 0.8 * max(dot(n, u_light_dir), 0.0));\n"
    "    o_color = vec4(pow(c, vec3(1.0 / 2.2)), 1.0);\n"
    "}\n";

static double now_ms(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static GLuint shader(GLenum stage, const char *src)
{
    GLuint s = glCreateShader(stage);
    glShaderSource(s, 1, &src, NULL);
    glCompileShader(s);
    GLint ok = 0;
    glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[1024] = "";
        glGetShaderInfoLog(s, sizeof log, NULL, log);
        fprintf(stderr, "bench_floor_pass: shader: %s\n", log);
        exit(1);
    }
    return s;
}

struct target { GLuint fbo, color, depth; };

static void target_init(struct target *t, int w, int h)
{
    glCreateRenderbuffers(1, &t->color);
    glNamedRenderbufferStorage(t->color, GL_RGBA8, w, h);
    glCreateRenderbuffers(1, &t->depth);
    glNamedRenderbufferStorage(t->depth, GL_DEPTH_COMPONENT24, w, h);
    glCreateFramebuffers(1, &t->fbo);
    glNamedFramebufferRenderbuffer(t->fbo, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, t->color);
    glNamedFramebufferRenderbuffer(t->fbo, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, t->depth);
}

int main(int argc, char **argv)
{
    int w = 1280, h = 720, frames = 60, runs = 5, views = 1;
    for (int i = 1; i < argc; i++) {
        bool has = i + 1 < argc;
        if (has && strcmp(argv[i], "--size") == 0 && sscanf(argv[i + 1], "%dx%d", &w, &h) == 2) i++;
        else if (has && strcmp(argv[i], "--frames") == 0) frames = atoi(argv[++i]);
        else if (has && strcmp(argv[i], "--runs") == 0) runs = atoi(argv[++i]);
        else if (has && strcmp(argv[i], "--views") == 0) views = atoi(argv[++i]);
        else {
            fprintf(stderr, "usage: bench_floor_pass [--size WxH] [--frames N] [--runs N] [--views 1|2]\n");
            return 2;
        }
    }
    if (w < 16 || h < 16 || frames < 1 || runs < 1 || views < 1 || views > 2) {
        fprintf(stderr, "bench_floor_pass: bad size, frames, runs or views\n");
        return 2;
    }
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "bench_floor_pass: %s\n", SDL_GetError());
        return 1;
    }
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 4);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 5);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_Window *win = SDL_CreateWindow("bench_floor_pass", 0, 0, w, h, SDL_WINDOW_OPENGL | SDL_WINDOW_HIDDEN);
    SDL_GLContext ctx = win ? SDL_GL_CreateContext(win) : NULL;
    if (!ctx) {
        fprintf(stderr, "bench_floor_pass: %s\n", SDL_GetError());
        return 1;
    }
    glewExperimental = GL_TRUE;
    GLenum e = glewInit();
    if (e != GLEW_OK && !(e == GLEW_ERROR_NO_GLX_DISPLAY && glCreateShader)) {
        fprintf(stderr, "bench_floor_pass: GLEW error %u\n", e);
        return 1;
    }
    while (glGetError() != GL_NO_ERROR) {}

    GLuint prog = glCreateProgram();
    glAttachShader(prog, shader(GL_VERTEX_SHADER, VS));
    glAttachShader(prog, shader(GL_FRAGMENT_SHADER, FS));
    glLinkProgram(prog);
    /* A 256x256 checker of two colours, mipmapped, trilinear. */
    unsigned char *tex = malloc(256 * 256 * 4);
    for (int y = 0; y < 256; y++)
        for (int x = 0; x < 256; x++) {
            unsigned char *p = tex + (y * 256 + x) * 4;
            int on = ((x >> 5) ^ (y >> 5)) & 1;
            p[0] = on ? 200 : 60, p[1] = on ? 180 : 90, p[2] = on ? 150 : 120, p[3] = 255;
        }
    GLuint t;
    glCreateTextures(GL_TEXTURE_2D, 1, &t);
    glTextureStorage2D(t, 9, GL_RGBA8, 256, 256);
    glTextureSubImage2D(t, 0, 0, 0, 256, 256, GL_RGBA, GL_UNSIGNED_BYTE, tex);
    glGenerateTextureMipmap(t);
    glTextureParameteri(t, GL_TEXTURE_MIN_FILTER, GL_LINEAR_MIPMAP_LINEAR);
    free(tex);
    struct target tg[2];
    for (int v = 0; v < views; v++) target_init(&tg[v], w, h);
    GLuint vao;
    glCreateVertexArrays(1, &vao);
    unsigned char *px = malloc((size_t)w * (size_t)h * 4);

    glUseProgram(prog);
    glUniform3f(0, 0.3f, 0.8f, 0.52f);
    glBindTextureUnit(0, t);
    glBindVertexArray(vao);
    glDisable(GL_DEPTH_TEST);
    glViewport(0, 0, w, h);
    double *ms = calloc((size_t)runs, sizeof *ms), *cpu = calloc((size_t)runs, sizeof *cpu);
    for (int r = -1; r < runs; r++) {
        int n = r < 0 ? 3 : frames; /* run -1: warm-up (shader JIT) */
        double t0 = now_ms(CLOCK_MONOTONIC), c0 = now_ms(CLOCK_PROCESS_CPUTIME_ID);
        for (int f = 0; f < n; f++)
            for (int v = 0; v < views; v++) {
                glBindFramebuffer(GL_FRAMEBUFFER, tg[v].fbo);
                glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
                glDrawArrays(GL_TRIANGLES, 0, 3);
            }
        glBindFramebuffer(GL_READ_FRAMEBUFFER, tg[views - 1].fbo);
        glPixelStorei(GL_PACK_ALIGNMENT, 1);
        glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, px);
        if (r >= 0) ms[r] = (now_ms(CLOCK_MONOTONIC) - t0) / n;
        if (r >= 0) cpu[r] = (now_ms(CLOCK_PROCESS_CPUTIME_ID) - c0) / n;
    }
    bool ok = glGetError() == GL_NO_ERROR && px[3] == 255;
    qsort(ms, (size_t)runs, sizeof *ms, cmp_double);
    qsort(cpu, (size_t)runs, sizeof *cpu, cmp_double);
    double med = runs % 2 ? ms[runs / 2] : (ms[runs / 2 - 1] + ms[runs / 2]) / 2;
    double cmed = runs % 2 ? cpu[runs / 2] : (cpu[runs / 2 - 1] + cpu[runs / 2]) / 2;
    if (ok) printf("floor_ms %.3f %.3f %.3f %.3f\n", med, ms[0], ms[runs - 1], cmed);
    else fprintf(stderr, "bench_floor_pass: the frame did not read back\n");
    free(ms);
    free(cpu);
    free(px);
    SDL_GL_DeleteContext(ctx);
    SDL_DestroyWindow(win);
    SDL_Quit();
    return ok ? 0 : 1;
}

/* app_trace.h — a TEST HOOK of `paja run`: when the environment variable
 * PAJA_TEST_TRACE names a file, every frame appends one line to it saying
 * where things are on the screen, so a test that drives the real window with
 * synthetic X input (tests/e2e/xplay.c) can aim the mouse at objects and
 * panel buttons as a person aims by eye, and wait on what the frame shows
 * instead of sleeping. Off (one getenv at the first frame, then a flag
 * test) when the variable is unset; nothing else reads it.
 *
 * A second hook, PAJA_TEST_FRAME_MS=N, makes every frame last at least N
 * milliseconds of wall time (a scripted headless session otherwise runs
 * in well under a second): the live-delivery test stops and restarts the
 * LRS under a running session (tests/e2e/live_delivery.sh). Off when unset.
 *
 * One line per frame, space-separated key=value fields:
 *   f=N            frames traced so far (0 first)
 *   w=W h=H        the view in pixels (what the cursor's pixels refer to)
 *   yaw=R pitch=R  the desktop head's angles (radians)
 *   eye=X,Y,Z      the head position (metres)
 *   cap=0|1        the mouse captured for looking around
 *   ui=start|menu|end|play|none   what takes the pointer: the start panel,
 *                  the Esc menu, the end panel, the scene of a session, or
 *                  no session (built-in workshop)
 *   mode=M trainee=T   the start panel's mode and typed id (start only)
 *   item=NAME,X,Y,X0,Y0,X1,Y1   a modal panel button on the screen: its
 *                  centre's pixel, then its top-left and bottom-right corners
 *                  (start: mode lang trainee go; menu: continue restart quit)
 *   itemw=NAME,X,Y,Z   the same button's centre in the world (metres)
 *   phover=NAME|-  the modal panel's item under the pointer
 *   choice=KIND,OBJ|-   the choice panel (app_choice.h) when open: KIND
 *                  answer or feature, OBJ the question or inspected object
 *   opt=ID,X,Y,VIS,WX,WY,WZ   the choice panel's options: each option's id,
 *                  the pixel of its middle (VIS as for obj) and that point in
 *                  the world (metres, for a controller's ray); point the ray
 *                  there and select, or press its number (1 for the first)
 *   ohover=ID|-    the option under a hand's ray (this frame's input)
 *   hover=ID|-     the object under the right hand's ray (last frame)
 *   held=ID|-      the object in the right hand
 *   worn=ID,ID|-   worn objects
 *   tset=ID,V      per tool with a setting (a torque wrench): its setting now
 *   picker=ID      per object whose inspect opens the feature picker
 *   done=ID,ID|-   completed steps of the session, in file order
 *   finished=0|1
 *   waited=S       seconds the trainee has skipped ahead with T (app_clock)
 *   obj=ID,X,Y,VIS,HIT,DIST   per interaction object: a screen pixel on
 *                  it; VIS 1 when that point is in front of the eye and
 *                  inside the view, 2 in front but outside the view (X,Y
 *                  beyond its edges say which way to turn), 0 behind the eye
 *                  (X,Y -1,-1); HIT 1 when a ray from the eye to it meets
 *                  this object first (interact's pick, the held object
 *                  skipped); DIST the eye's distance to it in metres. Worn
 *                  objects are VIS 0 (and DIST 0).
 *   xs=starting|running|stopping|exiting|lost   the xr session's state
 *   ft=S           the frame's time in seconds (the headset's clock)
 *   origin=X,Y,Z,QX,QY,QZ,QW   the play-space origin (world from play):
 *                  a headset's poses are in play space
 *   lhover=ID|- lheld=ID|-   the left hand's hover and hold
 *   objw=ID,X,Y,Z,QX,QY,QZ,QW   per interaction object: its node's pose in
 *                  the world (what sockets and wearing compare)
 *   objc=ID,X,Y,Z  a point on the object to aim at (its first mesh's centre)
 *   zonec=ID,X,Y,Z per zone object: the middle of its footprint (world)
 * Pixels count from the top-left corner of the view, x right, y down. The
 * head, scene and panels are those this frame is drawn with; hover and the
 * panel hover are the previous frame's (they follow the pointer by one). */
#ifndef PAJA_APP_TRACE_H
#define PAJA_APP_TRACE_H

#include <stdbool.h>
#include <stdint.h>

struct xr;
struct xr_frame;
struct desk_input;
struct interact;
struct scene;
struct app_panels;
struct app_start;
struct app_menu;
struct app_session;
struct app_choice;

struct app_trace {
    bool checked, on;
    long frame_ms;         /* PAJA_TEST_FRAME_MS, 0 off */
    uint64_t last_ns;
    char path[1024];
    uint64_t frames;
};

/* What a frame shows; NULL members are absent (no session, no start panel). */
struct app_trace_in {
    const struct xr_frame *frame;
    const struct desk_input *in;
    const struct xr *xr;
    const struct interact *ix;
    const struct scene *scene;
    const struct app_panels *panels;
    const struct app_start *start; /* the start panel, while it is shown */
    const struct app_menu *menu;
    const struct app_session *sess;
    const struct app_clock *clock; /* the session clock, or NULL */
    const char *ui;                /* what the app shows: start, menu, end, play, none */
    int hand;                      /* the hand whose hover and hold are traced */
    const struct app_choice *choice; /* the choice panel, or NULL */
};

/* Appends this frame's line when PAJA_TEST_TRACE is set; else nothing. */
void app_trace_frame(struct app_trace *t, const struct app_trace_in *in);

#endif

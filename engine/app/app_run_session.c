/* app_run_session.c — a trainee's session within `paja run`: opened with
 * the device and input the xr backend names, begun from the start panel,
 * restarted from the menu. The loop (app_loop.c) and the set-up
 * (app_run.c) both call here, so neither calls the other back. */
#include "app_run_int.h"

#include "arena.h"

#include <string.h>

/* The interaction objects of the session's scenario, on a scene as it was
 * at the start. */
static void set_session_objects(struct run *r)
{
    memcpy(r->scene.nodes, r->start_nodes, r->scene.node_count * sizeof *r->start_nodes);
    scene_update_world(&r->scene);
    interact_init(&r->ix);
    /* Where a screen shows the scene, one mouse button does everything
     * (interact.h); controllers hold what they squeeze. */
    r->ix.mode = r->xr_info.has_screen || r->st.scripted ? INTERACT_MODE_CLICK : INTERACT_MODE_HOLD;
    struct app_objects objs;
    app_objects_build(r->sess.sc, &r->scene, &r->app_arena, &objs);
    interact_set_objects(&r->ix, &r->scene, objs.v, objs.n, NULL, 0, &r->app_arena);
}

/* Opens the session and its record, the device and input as the backend
 * names them. */
bool app_open_session(struct run *r)
{
    xr_get_info(r->xr, &r->xr_info); /* the controllers bound by now, if any */
    r->so.device = r->xr_info.device;
    if (!r->st.scripted) r->so.input = r->xr_info.input;
    if (app_session_open(&r->sess, &r->so) != APP_EXIT_OK) return false;
    /* --script: the session's outcome is collected for the verdict. */
    if (r->st.scripted) r->sess.outcome = &r->script.got;
    set_session_objects(r);
    return true;
}

/* Esc menu, Restart: the session so far is a session that happened, so
 * its record is closed and sealed like any other; then a fresh session and
 * record for the same scenario, mode and trainee, in the scene as it was at
 * the start. False when the new session cannot open (the reason printed). */
bool app_restart_session(struct run *r, int64_t t_us)
{
    bool ok = app_session_close(&r->sess, t_us);
    /* Kept, not freed, until the end: the interaction descriptors and the
     * placeholder nodes borrow strings from its scenario. */
    r->done = xrealloc(r->done, (r->done_n + 1) * sizeof *r->done);
    r->done[r->done_n++] = r->sess;
    memset(&r->sess, 0, sizeof r->sess);
    if (!app_open_session(r)) return false;
    return ok;
}

/* Start pressed: the session and its record begin with the panel's mode,
 * language and trainee id. */
bool app_begin_session(struct run *r)
{
    r->lang = r->start.lang;
    r->so.mode = (enum scenario_mode)r->start.mode;
    if (!scenario_lang_parse(app_lang_code(r->start.lang), &r->so.lang)) r->so.lang = SCENARIO_LANG_EN;
    r->so.trainee = r->start.trainee[0] ? r->start.trainee : NULL;
    return app_open_session(r);
}

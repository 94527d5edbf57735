/* app_delivery.h — live delivery of a running session's statements to the
 * school's LRS (issue 12 item 5). App-internal, like app_session.h.
 *
 * With lrs.endpoint set, `paja run` starts one worker thread for the whole
 * process. The worker owns libcurl and every file it touches: it watches the
 * records of the sessions this process opens, maps what they have on disk
 * to xAPI statements as they grow (the record writer flushes at step
 * boundaries), queues new ones in the on-disk outbox and sends them. The
 * frame loop only hands over a record's path when a session opens and says
 * when it closes (a short mutex, never held across any I/O); it never waits
 * on the network or the disk for delivery.
 *
 * At exit the process waits a bounded time for the worker to deliver what
 * the sealed record added; what is still waiting stays in the outbox, and
 * the worker of the next `paja run` (or `paja xapi --flush`) sends it. */
#ifndef PAJA_APP_DELIVERY_H
#define PAJA_APP_DELIVERY_H

#include "scenario.h"

#include <stdbool.h>

struct app_settings;

enum app_delivery_state {
    APP_DELIVERY_OFF,     /* no LRS configured */
    APP_DELIVERY_SENDING, /* the session's statements are on their way */
    APP_DELIVERY_SENT,    /* every statement of the closed sessions reached the LRS */
    APP_DELIVERY_LATER,   /* the LRS cannot be reached (or refused): sent later */
};

/* How long `paja run` waits at exit for the last statements. */
#define APP_DELIVERY_EXIT_WAIT_MS 3000

/* Starts the worker when s names an LRS; it first sends what earlier runs
 * left in the outbox. A credentials file that cannot be read is reported
 * and delivery stays off (records are still written). lang: the message
 * at exit until a session says its own. */
void app_delivery_begin(const struct app_settings *s, enum scenario_lang lang);
/* A session opened this record: its statements go out as it grows. lang
 * is the session's, for the message at exit. */
void app_delivery_watch(const char *record_path, enum scenario_lang lang);
/* The record is sealed: its last statements (result, terminated) are
 * queued next. */
void app_delivery_closed(const char *record_path);
/* Where delivery stands (lock-free; the end panel asks every frame). */
enum app_delivery_state app_delivery_state(void);
/* The end panel's line for a state, in lang; "" for OFF. */
const char *app_delivery_text(enum app_delivery_state st, enum scenario_lang lang);
/* At exit: waits at most wait_ms for the closed sessions' statements to be
 * delivered, then stops the worker (a transfer in flight is cancelled and
 * its statement stays waiting) and prints where delivery stands. Returns
 * the final state. Safe to call when delivery never began. */
enum app_delivery_state app_delivery_end(int wait_ms);

#endif

/* clock.h — monotonic time for measuring, never for scenario logic.
 *
 * Scenario time comes from the frame clock (simulated in headless and replay
 * runs, see DESIGN.md §3); these functions are for frame pacing, benchmarks
 * and the record header's wall-clock start. */
#ifndef PAJA_CLOCK_H
#define PAJA_CLOCK_H

#include <stddef.h>
#include <stdint.h>

/* Nanoseconds from an arbitrary fixed point; never goes backwards. */
uint64_t clock_mono_ns(void);
/* CPU time consumed by the calling thread, in nanoseconds. */
uint64_t clock_thread_cpu_ns(void);
/* Sleeps at least ns nanoseconds (resumes after signals). */
void clock_sleep_ns(uint64_t ns);
/* Current UTC time as ISO 8601 with milliseconds, "2026-11-24T08:15:30.123Z". */
void clock_utc_iso8601(char *buf, size_t size);

#define CLOCK_NS_PER_MS 1000000ull
#define CLOCK_NS_PER_S 1000000000ull

#endif

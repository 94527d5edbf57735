/* test_record_main.c — the record module's test binary: runs every group
 * (helpers in test_record_util.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_record_util.h"

int main(void)
{
    int failed = 0;
    failed += trec_run_writer_tests();
    failed += trec_run_verify_tests();
    failed += trec_run_crash_tests();
    failed += trec_run_xapi_tests();
    failed += trec_run_outbox_tests();
    return failed ? 1 : 0;
}

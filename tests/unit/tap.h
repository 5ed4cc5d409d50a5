/*
 * tap.h: the smallest test harness that can fail.
 *
 * A test program prints one TAP line per case ("ok N - name" or
 * "not ok N - name") and exits non-zero when a case failed;
 * scripts/run-tests.sh adds the lines of every test up for `make check`.
 */
#ifndef TESTS_TAP_H
#define TESTS_TAP_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

static int tap_count;
static int tap_failed;

/* Report one case; returns ok so callers can chain diagnostics. */
static inline bool tap_report(bool ok, const char *fmt, ...)
{
    va_list ap;

    printf("%sok %d - ", ok ? "" : "not ", ++tap_count);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    fflush(stdout);
    if (!ok) {
        tap_failed++;
    }
    return ok;
}

static inline void tap_skip(const char *why, const char *name)
{
    printf("ok %d - %s # SKIP %s\n", ++tap_count, name, why);
}

/* A diagnostic line: ignored by the counter, shown on failure. */
#define tap_diag(...) (printf("# " __VA_ARGS__), putchar('\n'))

static inline int tap_exit_status(void)
{
    return tap_failed ? 1 : 0;
}

#endif

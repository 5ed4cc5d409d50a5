/*
 * tests/tcg/arm/arm-test.h: the runtime of the AArch32 guest test
 * programs (static glibc programs run under ./qemu-arm).
 *
 * Checks are grouped: group("name") starts a group, CHECK(got, want,
 * fmt, ...) compares one case (fmt/args describe the inputs and are only
 * formatted on failure), group_end() prints one TAP line for the group:
 *     ok N - name (K cases)
 *     not ok N - name: <first failing case>: got X want Y
 * followed by "#" lines for up to four more failing cases.  The exit
 * status is the number of failed groups (capped at 100) and the last
 * line "# end of tests", so that run-tests.sh sees a crash or an early
 * exit.
 *
 * Expected values never come from running code under test: they are
 * literal constants worked out by hand (with a comment on how), or come
 * from an expect-*.h header that a reference model (ref-*.c), compiled
 * and run natively on the build host, writes before the guest program is
 * compiled.
 */
#ifndef ARM_TEST_H
#define ARM_TEST_H

#include <stdint.h>
#include <stdio.h>
#include <stdarg.h>
#include <string.h>

static int t_num, t_failed_groups;
static const char *g_name;
static int g_cases, g_fails;
static char g_first[256];

static __attribute__((unused)) void group(const char *name)
{
    g_name = name;
    g_cases = g_fails = 0;
    g_first[0] = 0;
}

static void __attribute__((unused, format(printf, 3, 4)))
check_fail(uint64_t got, uint64_t want, const char *fmt, ...)
{
    char what[160];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(what, sizeof(what), fmt, ap);
    va_end(ap);
    if (g_fails == 0) {
        snprintf(g_first, sizeof(g_first), "%s: got 0x%llx want 0x%llx",
                 what, (unsigned long long)got, (unsigned long long)want);
    } else if (g_fails < 5) {
        printf("#   also %s: got 0x%llx want 0x%llx\n", what,
               (unsigned long long)got, (unsigned long long)want);
    }
    g_fails++;
}

#define CHECK(got, want, ...) do { \
    uint64_t chk_got_ = (uint64_t)(got), chk_want_ = (uint64_t)(want); \
    g_cases++; \
    if (chk_got_ != chk_want_) { \
        check_fail(chk_got_, chk_want_, __VA_ARGS__); \
    } \
} while (0)

static __attribute__((unused)) void group_end(void)
{
    t_num++;
    if (g_fails) {
        t_failed_groups++;
        printf("not ok %d - %s: %s (%d of %d cases failed)\n", t_num, g_name,
               g_first, g_fails, g_cases);
    } else if (g_cases == 0) {
        t_failed_groups++;
        printf("not ok %d - %s: checked nothing\n", t_num, g_name);
    } else {
        printf("ok %d - %s (%d cases)\n", t_num, g_name, g_cases);
    }
    fflush(stdout);
}

static __attribute__((unused)) void skip(const char *name, const char *why)
{
    printf("ok %d - %s # SKIP %s\n", ++t_num, name, why);
}

static __attribute__((unused)) int test_exit(void)
{
    printf("# end of tests: %d groups failed\n", t_failed_groups);
    fflush(stdout);
    return t_failed_groups > 100 ? 100 : t_failed_groups;
}

#ifdef __thumb__
#define MODE "thumb"
#else
#define MODE "arm"
#endif

/* The APSR flags. */
#define NF 8u
#define ZF 4u
#define CF 2u
#define VF 1u
#define APSR_Q (1u << 27)

/* The corner values most tests run over; ref-*.c use the same table. */
#include "vals.h"

#endif

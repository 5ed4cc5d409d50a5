/*
 * tests/tcg/aarch64/a64-test.h: the tiny runtime of the freestanding
 * A64 test programs: raw syscalls, printing, and CHECK() which prints
 * the failing line with the value seen and the value expected.  Each
 * program defines test_main(); the exit status is the failure count.
 * Expected values are C constant expressions of the same literal
 * inputs, folded by the compiler at build time, or worked out by hand.
 */
#ifndef A64_TEST_H
#define A64_TEST_H

#include <stdint.h>

typedef unsigned long size_t;

static inline long sys3(long nr, long a, long b, long c)
{
    register long x0 __asm__("x0") = a;
    register long x1 __asm__("x1") = b;
    register long x2 __asm__("x2") = c;
    register long x8 __asm__("x8") = nr;
    __asm__ volatile("svc #0" : "+r"(x0) : "r"(x1), "r"(x2), "r"(x8)
                     : "memory");
    return x0;
}

static size_t slen(const char *s)
{
    size_t n = 0;
    while (s[n]) {
        n++;
    }
    return n;
}

static void puts_(const char *s)
{
    sys3(64, 1, (long)s, slen(s));
}

static void puthex(uint64_t v)
{
    char buf[19];
    int i;
    buf[0] = '0';
    buf[1] = 'x';
    for (i = 0; i < 16; i++) {
        buf[2 + i] = "0123456789abcdef"[(v >> (60 - 4 * i)) & 15];
    }
    buf[18] = 0;
    puts_(buf);
}

static void putdec(long v)
{
    char buf[24];
    int i = 23;
    buf[i] = 0;
    do {
        buf[--i] = '0' + v % 10;
        v /= 10;
    } while (v);
    puts_(buf + i);
}

static int failures, checks;

static void check(int line, uint64_t got, uint64_t want)
{
    checks++;
    if (got != want) {
        failures++;
        puts_("FAIL line ");
        putdec(line);
        puts_(": got ");
        puthex(got);
        puts_(" want ");
        puthex(want);
        puts_("\n");
    }
}

#define CHECK(got, want) check(__LINE__, (uint64_t)(got), (uint64_t)(want))

static void test_main(void);

void __attribute__((used, noreturn)) c_start(void)
{
    test_main();
    puts_(failures ? "FAILED " : "ok ");
    putdec(checks - failures);
    puts_("/");
    putdec(checks);
    puts_("\n");
    sys3(94, failures, 0, 0);
    for (;;) {
    }
}

__asm__(".globl _start\n_start:\n  mov x29, #0\n  mov x30, #0\n"
        "  bl c_start\n");

#endif

/*
 * tests/tcg/i386-mini/mini.h: a tiny freestanding runtime (no libc) for
 * x86 tests that must run before the emulator can start glibc: _start,
 * write/exit system calls and hex printing.  Works for i386 and x86-64.
 */
#ifndef I386_MINI_H
#define I386_MINI_H

typedef unsigned long ulong;
typedef unsigned long long u64;

static long mini_syscall3(long nr, long a, long b, long c)
{
    long ret;
#ifdef __x86_64__
    __asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b), "d"(c)
                     : "rcx", "r11", "memory");
#else
    __asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr), "b"(a), "c"(b), "d"(c)
                     : "memory");
#endif
    return ret;
}

#ifdef __x86_64__
#define NR_WRITE 1
#define NR_EXIT 60
#else
#define NR_WRITE 4
#define NR_EXIT 1
#endif

static char mini_buf[4096];
static int mini_len;

static void mini_flush(void)
{
    mini_syscall3(NR_WRITE, 1, (long)mini_buf, mini_len);
    mini_len = 0;
}

static void mini_putc(char c)
{
    if (mini_len == sizeof(mini_buf)) {
        mini_flush();
    }
    mini_buf[mini_len++] = c;
}

static void mini_puts(const char *s)
{
    while (*s) {
        mini_putc(*s++);
    }
}

static void mini_hex(u64 v, int digits)
{
    int i;

    for (i = digits - 1; i >= 0; i--) {
        mini_putc("0123456789abcdef"[(v >> (i * 4)) & 15]);
    }
}

static void mini_exit(int code)
{
    mini_flush();
    mini_syscall3(NR_EXIT, code, 0, 0);
    for (;;) {
    }
}

int main(void);

__attribute__((force_align_arg_pointer)) void _start(void)
{
    mini_exit(main());
}

#endif

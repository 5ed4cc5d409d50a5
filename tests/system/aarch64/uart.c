/*
 * uart.c: PL011 output, a tiny printf (%d %u %x %lx %llx %s %c %p %%,
 * with an optional width and '0' flag), the TAP helpers and freestanding
 * memset/memcpy.  UARTDR at +0x00, UARTFR at +0x18 (TXFF bit 5); the
 * emulated UART needs no set-up.
 */
#include <stdarg.h>
#include "runtime.h"

#define UART_DR 0x00
#define UART_FR 0x18
#define UART_FR_TXFF (1u << 5)

static unsigned tap_n;

void uart_putc(char c)
{
    if (c == '\n') {
        uart_putc('\r');
    }
    while (mmio_read32(VIRT_UART + UART_FR) & UART_FR_TXFF) {
    }
    mmio_write32(VIRT_UART + UART_DR, (uint8_t)c);
}

void uart_puts(const char *s)
{
    while (*s) {
        uart_putc(*s++);
    }
}

static void put_num(uint64_t v, unsigned base, int width, char pad, bool neg)
{
    char buf[24];
    int n = 0;
    do {
        buf[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    if (neg) {
        buf[n++] = '-';
    }
    while (width-- > n) {
        uart_putc(pad);
    }
    while (n) {
        uart_putc(buf[--n]);
    }
}

static void rt_vprintf(const char *fmt, va_list ap)
{
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            uart_putc(*fmt);
            continue;
        }
        fmt++;
        char pad = ' ';
        int width = 0, longs = 0;
        if (*fmt == '0') {
            pad = '0';
            fmt++;
        }
        while (*fmt >= '0' && *fmt <= '9') {
            width = width * 10 + (*fmt++ - '0');
        }
        while (*fmt == 'l') {
            longs++;
            fmt++;
        }
        switch (*fmt) {
        case 'd': {
            int64_t v = longs ? va_arg(ap, int64_t) : va_arg(ap, int);
            put_num(v < 0 ? -(uint64_t)v : (uint64_t)v, 10, width, pad, v < 0);
            break;
        }
        case 'u':
            put_num(longs ? va_arg(ap, uint64_t) : va_arg(ap, unsigned), 10,
                    width, pad, false);
            break;
        case 'x':
            put_num(longs ? va_arg(ap, uint64_t) : va_arg(ap, unsigned), 16,
                    width, pad, false);
            break;
        case 'p':
            uart_puts("0x");
            put_num((uintptr_t)va_arg(ap, void *), 16, width, pad, false);
            break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            uart_puts(s ? s : "(null)");
            break;
        }
        case 'c':
            uart_putc((char)va_arg(ap, int));
            break;
        case '%':
            uart_putc('%');
            break;
        default:
            uart_putc('%');
            uart_putc(*fmt);
            if (!*fmt) {
                return;
            }
            break;
        }
    }
}

void rt_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    rt_vprintf(fmt, ap);
    va_end(ap);
}

bool tap_check(bool cond, const char *fmt, ...)
{
    va_list ap;
    rt_printf("%s %u - ", cond ? "ok" : "not ok", ++tap_n);
    va_start(ap, fmt);
    rt_vprintf(fmt, ap);
    va_end(ap);
    uart_putc('\n');
    return cond;
}

bool tap_eq(uint64_t got, uint64_t want, const char *what)
{
    if (tap_check(got == want, "%s", what)) {
        return true;
    }
    rt_printf("#   expected 0x%lx, got 0x%lx\n", want, got);
    return false;
}

void tap_skip(const char *what, const char *why)
{
    rt_printf("ok %u - %s # SKIP %s\n", ++tap_n, what, why);
}

void tap_done(void)
{
    rt_printf("1..%u\n", tap_n);
    psci_system_off();
}

void *memset(void *d, int c, size_t n)
{
    unsigned char *p = d;
    while (n--) {
        *p++ = (unsigned char)c;
    }
    return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
    unsigned char *p = d;
    const unsigned char *q = s;
    while (n--) {
        *p++ = *q++;
    }
    return d;
}

/*
 * util/error-report.c: one-line messages on stderr, prefixed with the
 * program name and, during start-up, the command-line option being
 * processed (see qemu/error-report.h).
 *
 * Each message is formatted into one buffer and written with a single
 * fwrite under the stream lock, so lines from different threads never
 * interleave.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qemu/error-report.h"

static char error_progname[256] = "qemu";
static char *error_context;

void error_set_progname(const char *argv0)
{
    const char *base;

    if (!argv0 || !*argv0) {
        return;
    }
    base = strrchr(argv0, '/');
    base = base ? base + 1 : argv0;
    if (*base) {
        snprintf(error_progname, sizeof(error_progname), "%s", base);
    }
}

const char *error_get_progname(void)
{
    return error_progname;
}

void error_set_context(const char *ctx)
{
    free(error_context);
    error_context = ctx ? strdup(ctx) : NULL;
}

static void error_vprint(const char *kind, const char *fmt, va_list ap)
{
    char buf[1024];
    size_t n;
    int r;

    r = snprintf(buf, sizeof(buf), "%s: %s%s%s", error_progname,
                 error_context ? error_context : "",
                 error_context ? ": " : "", kind);
    n = r < 0 ? 0 : (size_t)r;
    if (n < sizeof(buf)) {
        r = vsnprintf(buf + n, sizeof(buf) - n, fmt, ap);
        n += r < 0 ? 0 : (size_t)r;
    }
    if (n > sizeof(buf) - 2) {
        n = sizeof(buf) - 2;             /* truncated: keep it one line */
    }
    /* A message never ends in its own newline; drop one if given. */
    while (n > 0 && buf[n - 1] == '\n') {
        n--;
    }
    buf[n++] = '\n';
    flockfile(stderr);
    fwrite(buf, 1, n, stderr);
    fflush(stderr);
    funlockfile(stderr);
}

void error_report(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    error_vprint("", fmt, ap);
    va_end(ap);
}

void warn_report(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    error_vprint("warning: ", fmt, ap);
    va_end(ap);
}

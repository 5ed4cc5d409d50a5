/*
 * vl-capture.h: run a piece of test code with stderr (or stdout)
 * redirected to a temporary file and get back what it printed, for the
 * tests of error-report, qemu-option, qdev and the machine registry.
 */
#ifndef TESTS_VL_CAPTURE_H
#define TESTS_VL_CAPTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct Capture {
    FILE *stream;
    int fd;
    int saved;
    FILE *tmp;
} Capture;

static inline void capture_begin(Capture *c, FILE *stream)
{
    c->stream = stream;
    c->fd = fileno(stream);
    fflush(stream);
    c->tmp = tmpfile();
    c->saved = dup(c->fd);
    dup2(fileno(c->tmp), c->fd);
}

/* Returns what was printed (static buffer, NUL-terminated). */
static inline const char *capture_end(Capture *c)
{
    static char buf[8192];
    size_t n;

    fflush(c->stream);
    dup2(c->saved, c->fd);
    close(c->saved);
    rewind(c->tmp);
    n = fread(buf, 1, sizeof(buf) - 1, c->tmp);
    buf[n] = '\0';
    fclose(c->tmp);
    return buf;
}

#endif

/*
 * qemu/error-report.h: one-line error messages (util/error-report.c).
 * error_report("bad thing %d", n) prints "<progname>: bad thing 3\n" on
 * stderr; the program name is set once by main().
 *
 * While vl.c works on one command-line option it names it as the
 * context: error_report() then prints "<progname>: <context>: <msg>",
 * e.g. "qemu-system-aarch64: -drive file=x.img: Could not open 'x.img'",
 * so code deep below (option parsing, chardevs, the block layer) need
 * not know which option it serves.
 */
#ifndef QEMU_ERROR_REPORT_H
#define QEMU_ERROR_REPORT_H

void error_set_progname(const char *argv0);     /* its basename */
void error_report(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "<progname>: [<context>: ]warning: <msg>" */
void warn_report(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The program name as error_report prints it ("qemu" until set). */
const char *error_get_progname(void);
/*
 * Set (a copy of) the context string, NULL to clear it.  The
 * context is global: it is meant for the single-threaded start-up.
 */
void error_set_context(const char *ctx);

#endif

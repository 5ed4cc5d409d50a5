/*
 * test-error-report: the one-line message format of util/error-report.c.
 */
#include "qemu/error-report.h"
#include "tap.h"
#include "vl-capture.h"

int main(void)
{
    Capture c;
    const char *out;
    char longmsg[3000];

    capture_begin(&c, stderr);
    error_report("bad thing %d", 3);
    out = capture_end(&c);
    tap_report(!strcmp(out, "qemu: bad thing 3\n"),
               "default program name is qemu");

    error_set_progname("/usr/local/bin/qemu-system-aarch64");
    tap_report(!strcmp(error_get_progname(), "qemu-system-aarch64"),
               "progname is the basename of argv[0]");
    capture_begin(&c, stderr);
    error_report("-m: requires an argument");
    out = capture_end(&c);
    tap_report(!strcmp(out, "qemu-system-aarch64: -m: requires an "
                       "argument\n"), "error line with progname");

    capture_begin(&c, stderr);
    warn_report("disk %s", "x.img");
    out = capture_end(&c);
    tap_report(!strcmp(out, "qemu-system-aarch64: warning: disk x.img\n"),
               "warning line");

    error_set_context("-drive file=x.img");
    capture_begin(&c, stderr);
    error_report("Could not open '%s'", "x.img");
    warn_report("slow");
    out = capture_end(&c);
    tap_report(!strcmp(out, "qemu-system-aarch64: -drive file=x.img: Could "
                       "not open 'x.img'\nqemu-system-aarch64: -drive "
                       "file=x.img: warning: slow\n"),
               "context names the option, for errors and warnings");
    error_set_context(NULL);

    capture_begin(&c, stderr);
    error_report("trailing newline\n");
    out = capture_end(&c);
    tap_report(!strcmp(out, "qemu-system-aarch64: trailing newline\n"),
               "a message's own trailing newline is not doubled");

    memset(longmsg, 'a', sizeof(longmsg) - 1);
    longmsg[sizeof(longmsg) - 1] = '\0';
    capture_begin(&c, stderr);
    error_report("%s", longmsg);
    out = capture_end(&c);
    tap_report(strlen(out) > 1000 && strchr(out, '\n') == out + strlen(out) - 1,
               "an over-long message is truncated to one line");

    error_set_progname("");
    tap_report(!strcmp(error_get_progname(), "qemu-system-aarch64"),
               "an empty argv[0] keeps the name");
    return tap_exit_status();
}

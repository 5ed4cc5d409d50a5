/*
 * chardev/char-stdio.c: the stdio and pty backends.
 *
 * stdio reads fd 0 and writes fd 1.  When fd 0 is a terminal it is put
 * in raw mode (no echo, no line buffering, no CR/NL mapping on input;
 * output post-processing stays on so "\n" still ends a line) with ISIG
 * kept only when Ctrl-C should kill us (plain -serial stdio; under a
 * mux Ctrl-C belongs to the guest).  The old settings and fd flags come
 * back in qemu_chr_cleanup (registered with atexit) and on SIGINT,
 * SIGTERM, SIGHUP, SIGQUIT, SIGABRT, SIGSEGV and SIGBUS when nobody
 * else handles those.  EOF on a non-terminal stdin (a pipe) just stops
 * reading: the VM runs on.
 *
 * pty opens a pseudo-terminal pair, prints the slave's name on stderr
 * and keeps the slave open itself, so the master never sees a hang-up
 * while no client has the slave open (output then fills the pty's
 * buffer and is dropped).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "chardev/chardev-int.h"
#include "qemu/error-report.h"

Chardev *chr_stdio;

static struct termios chr_stdio_saved_tty;
static bool chr_stdio_tty_saved;
static int chr_stdio_saved_fl0 = -1, chr_stdio_saved_fl1 = -1;

void chr_stdio_restore(void)
{
    if (chr_stdio_tty_saved) {
        tcsetattr(0, TCSANOW, &chr_stdio_saved_tty);
    }
    if (chr_stdio_saved_fl0 >= 0) {
        fcntl(0, F_SETFL, chr_stdio_saved_fl0);
    }
    if (chr_stdio_saved_fl1 >= 0) {
        fcntl(1, F_SETFL, chr_stdio_saved_fl1);
    }
}

static void chr_stdio_fatal_signal(int sig)
{
    chr_stdio_restore();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void chr_stdio_catch(int sig)
{
    struct sigaction old;

    if (sigaction(sig, NULL, &old) == 0 && old.sa_handler == SIG_DFL &&
        !(old.sa_flags & SA_SIGINFO)) {
        struct sigaction sa;

        memset(&sa, 0, sizeof(sa));
        sa.sa_handler = chr_stdio_fatal_signal;
        sa.sa_flags = SA_RESETHAND;
        sigemptyset(&sa.sa_mask);
        sigaction(sig, &sa, NULL);
    }
}

static void chr_stdio_set_raw(bool signals)
{
    struct termios tty;

    if (!isatty(0) || tcgetattr(0, &chr_stdio_saved_tty) < 0) {
        return;
    }
    chr_stdio_tty_saved = true;
    tty = chr_stdio_saved_tty;
    tty.c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR |
                     ICRNL | IXON);
    tty.c_oflag |= OPOST;
    tty.c_lflag &= ~(ECHO | ECHONL | ICANON | IEXTEN);
    if (!signals) {
        tty.c_lflag &= ~ISIG;
    }
    tty.c_cflag &= ~(CSIZE | PARENB);
    tty.c_cflag |= CS8;
    tty.c_cc[VMIN] = 1;
    tty.c_cc[VTIME] = 0;
    tcsetattr(0, TCSANOW, &tty);
}

static const ChardevOps chr_stdio_ops = {
    .write = chr_fd_write,
    .accept_input = chr_fd_accept_input,
};

static void chr_stdio_cleanup(ChrBase *b)
{
    (void)b;
    chr_stdio_restore();
}

Chardev *chr_stdio_new(const char *label, bool signals)
{
    ChrBase *b;
    int fl;

    if (chr_stdio) {
        error_report("cannot use stdio by multiple character devices");
        return NULL;
    }
    b = calloc(1, sizeof(*b));
    chr_base_init(b, &chr_stdio_ops, label, "stdio");
    b->in_fd = 0;
    b->out_fd = 1;
    b->out_wait_ms = chr_wait_ms_for_fd(1);
    b->cleanup = chr_stdio_cleanup;

    chr_stdio_set_raw(signals);
    /* Non-blocking output so a stuck terminal cannot stall a vCPU. */
    fl = fcntl(1, F_GETFL);
    if (fl >= 0 && !(fl & O_NONBLOCK)) {
        chr_stdio_saved_fl1 = fl;
        fcntl(1, F_SETFL, fl | O_NONBLOCK);
    }
    fl = fcntl(0, F_GETFL);
    if (fl >= 0 && !(fl & O_NONBLOCK)) {
        chr_stdio_saved_fl0 = fl;
        fcntl(0, F_SETFL, fl | O_NONBLOCK);
    }
    signal(SIGPIPE, SIG_IGN);
    atexit(chr_stdio_restore);
    chr_stdio_catch(SIGINT);
    chr_stdio_catch(SIGTERM);
    chr_stdio_catch(SIGHUP);
    chr_stdio_catch(SIGQUIT);
    chr_stdio_catch(SIGABRT);
    chr_stdio_catch(SIGSEGV);
    chr_stdio_catch(SIGBUS);

    chr_stdio = &b->chr;
    chr_start_read(b);
    return &b->chr;
}

/* ---- pty ------------------------------------------------------------- */

static const ChardevOps chr_pty_ops = {
    .write = chr_fd_write,
    .accept_input = chr_fd_accept_input,
};

Chardev *chr_pty_new(const char *label)
{
    ChrBase *b;
    struct termios tty;
    char *name, *filename;
    int master, slave;

    master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0 || grantpt(master) < 0 || unlockpt(master) < 0 ||
        !(name = ptsname(master))) {
        error_report("Failed to create PTY: %s", strerror(errno));
        if (master >= 0) {
            close(master);
        }
        return NULL;
    }
    slave = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (slave >= 0 && tcgetattr(slave, &tty) == 0) {
        cfmakeraw(&tty);
        tcsetattr(slave, TCSANOW, &tty);
    }
    fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);

    filename = malloc(strlen(name) + 5);
    sprintf(filename, "pty:%s", name);
    b = calloc(1, sizeof(*b));
    chr_base_init(b, &chr_pty_ops, label, filename);
    free(filename);
    b->in_fd = master;
    b->out_fd = master;
    fprintf(stderr, "char device redirected to %s (label %s)\n", name,
            label);
    chr_start_read(b);
    return &b->chr;
}

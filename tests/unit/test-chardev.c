/*
 * tests/unit/test-chardev.c: the host character backends (chardev/)
 * against fake frontends, over real fds: files, ptys, loopback TCP.
 * The main loop, run state and option parser are the test stand-ins of
 * chardev-stubs.h.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "chardev/chardev-int.h"
#include "tap.h"
#include "chardev-stubs.h"

/* ---- a fake frontend ------------------------------------------------- */

typedef struct FakeFe {
    CharBackend be;
    uint8_t in[8192];
    int in_len;
    int room;                   /* can_receive; receive uses it up */
    int events[32];
    int nevents;
} FakeFe;

#define FE_UNLIMITED (1 << 20)

static int fe_can_receive(void *opaque)
{
    FakeFe *f = opaque;

    return f->room;
}

static void fe_receive(void *opaque, const uint8_t *buf, int size)
{
    FakeFe *f = opaque;

    if (size > (int)sizeof(f->in) - f->in_len) {
        size = sizeof(f->in) - f->in_len;
    }
    memcpy(f->in + f->in_len, buf, size);
    f->in_len += size;
    if (f->room != FE_UNLIMITED) {
        f->room -= size;
    }
}

static void fe_event(void *opaque, QEMUChrEvent ev)
{
    FakeFe *f = opaque;

    if (f->nevents < 32) {
        f->events[f->nevents++] = ev;
    }
}

static bool fe_attach(FakeFe *f, Chardev *chr)
{
    bool ok;

    memset(f, 0, sizeof(*f));
    f->room = FE_UNLIMITED;
    ok = qemu_chr_fe_init(&f->be, chr);
    qemu_chr_fe_set_handlers(&f->be, fe_can_receive, fe_receive, fe_event, f);
    return ok;
}

static void fe_setup_only(FakeFe *f)
{
    memset(f, 0, sizeof(*f));
    f->room = FE_UNLIMITED;
}

static bool fe_got(FakeFe *f, const char *s, size_t n)
{
    return f->in_len == (int)n && !memcmp(f->in, s, n);
}

static bool fe_has_event(FakeFe *f, QEMUChrEvent ev)
{
    int i;

    for (i = 0; i < f->nevents; i++) {
        if (f->events[i] == (int)ev) {
            return true;
        }
    }
    return false;
}

static void fe_write(FakeFe *f, const char *s)
{
    qemu_chr_fe_write_all(&f->be, (const uint8_t *)s, strlen(s));
}

/* ---- fd helpers ------------------------------------------------------ */

static void write_all(int fd, const void *buf, size_t n)
{
    const char *p = buf;

    while (n > 0) {
        ssize_t r = write(fd, p, n);

        if (r <= 0) {
            return;
        }
        p += r;
        n -= r;
    }
}

/* Everything readable from a non-blocking fd within ~50 ms. */
static int read_avail(int fd, char *buf, int max)
{
    int got = 0, idle = 0;

    while (got < max && idle < 25) {
        ssize_t r = read(fd, buf + got, max - got);

        if (r > 0) {
            got += r;
            idle = 0;
        } else {
            struct timespec ts = { 0, 2000000 };

            nanosleep(&ts, NULL);
            idle++;
        }
    }
    buf[got < max ? got : max - 1] = 0;
    return got;
}

static int open_pty_slave(Chardev *chr)
{
    const char *name = chr_base(chr)->filename;

    if (strncmp(name, "pty:", 4)) {
        return -1;
    }
    return open(name + 4, O_RDWR | O_NOCTTY | O_NONBLOCK);
}

static int tcp_port(void)
{
    static int next;

    if (!next) {
        next = 20000 + (getpid() * 7) % 30000;
    }
    return next++;
}

static int tcp_connect(int port)
{
    struct sockaddr_in sa;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
        close(fd);
        return -1;
    }
    fcntl(fd, F_SETFL, O_NONBLOCK);
    return fd;
}

/* A server chardev on a free port: spec is "tcp" or "telnet". */
static Chardev *new_server(const char *label, const char *kind, int *port)
{
    char spec[128];
    Chardev *chr;
    int tries;

    for (tries = 0; tries < 20; tries++) {
        *port = tcp_port();
        snprintf(spec, sizeof(spec), "%s:127.0.0.1:%d,server=on,wait=off",
                 kind, *port);
        chr = qemu_chr_new(label, spec, NULL);
        if (chr) {
            return chr;
        }
    }
    return NULL;
}

/* ---- tests ----------------------------------------------------------- */

static void test_spec_errors(void)
{
    bool none = false;

    tap_report(qemu_chr_new("s", "none", &none) == NULL && none,
               "\"none\": no chardev, *none set");
    tap_report(qemu_chr_new("s", "bogus", &none) == NULL && !none,
               "unknown backend: NULL");
    tap_report(qemu_chr_new("s", "tcp:nope", NULL) == NULL,
               "tcp without port: NULL");
    tap_report(qemu_chr_new("s", "tcp:127.0.0.1:1,server=maybe", NULL) ==
               NULL, "bad boolean flag: NULL");
    tap_report(qemu_chr_new("s", "chardev:missing", NULL) == NULL,
               "chardev:ID of an unknown id: NULL");
}

static void test_null(void)
{
    Chardev *chr = qemu_chr_new("n0", "null", NULL);
    FakeFe fe;

    tap_report(chr != NULL && fe_attach(&fe, chr), "null: created");
    tap_report(qemu_chr_fe_write_all(&fe.be, (const uint8_t *)"abc", 3) == 3,
               "null: write takes everything");
    tap_report(qemu_chr_find("n0") == chr, "qemu_chr_find by label");
    tap_report(qemu_chr_new("n1", "chardev:n0", NULL) == chr,
               "chardev:ID finds the existing one");
    qemu_chr_fe_deinit(&fe.be);
}

static void test_file(void)
{
    char path[] = "/tmp/test-chardev-XXXXXX";
    char spec[64], buf[64];
    int fd = mkstemp(path);
    Chardev *chr;
    FakeFe fe;
    ssize_t n;

    write_all(fd, "old contents that must go", 25);
    close(fd);
    snprintf(spec, sizeof(spec), "file:%s", path);
    chr = qemu_chr_new("f0", spec, NULL);
    tap_report(chr != NULL && fe_attach(&fe, chr), "file: created");
    fe_write(&fe, "hello ");
    fe_write(&fe, "world\n");
    fd = open(path, O_RDONLY);
    n = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    buf[n > 0 ? n : 0] = 0;
    tap_report(n == 12 && !strcmp(buf, "hello world\n"),
               "file: truncated, then holds exactly the output (%zd)", n);
    tap_report(qemu_chr_new("f1", "file:/nonexistent/dir/x", NULL) == NULL,
               "file: unopenable path gives NULL");
    unlink(path);
}

static void test_pty_flow(void)
{
    Chardev *chr = qemu_chr_new("p0", "pty", NULL);
    FakeFe fe;
    char buf[256];
    int slave, master;

    if (!tap_report(chr != NULL, "pty: created")) {
        return;
    }
    master = chr_base(chr)->in_fd;
    slave = open_pty_slave(chr);
    fe_attach(&fe, chr);
    tap_report(slave >= 0, "pty: slave %s opens", chr_base(chr)->filename);

    write_all(slave, "ping", 4);
    fake_loop(5);
    tap_report(fe_got(&fe, "ping", 4), "pty: input reaches the frontend");
    fe_write(&fe, "pong");
    tap_report(read_avail(slave, buf, sizeof(buf)) == 4 &&
               !strcmp(buf, "pong"), "pty: output reaches the slave");

    /* Flow control: a full frontend leaves the fd unwatched and unread. */
    fe.in_len = 0;
    fe.room = 0;
    write_all(slave, "0123456789", 10);
    fake_loop(5);
    tap_report(fe.in_len == 0 && !fake_fd_watched(master),
               "pty: can_receive 0: nothing read, read handler removed");
    fe.room = 4;
    qemu_chr_fe_accept_input(&fe.be);
    tap_report(fake_fd_watched(master), "pty: accept_input re-adds it");
    fake_loop(5);
    tap_report(fe_got(&fe, "0123", 4) && !fake_fd_watched(master),
               "pty: exactly can_receive bytes taken, then unwatched");
    fe.room = FE_UNLIMITED;
    qemu_chr_fe_accept_input(&fe.be);
    fake_loop(5);
    tap_report(fe_got(&fe, "0123456789", 10), "pty: the rest follows in order");
    qemu_chr_fe_deinit(&fe.be);
    close(slave);
}

static void test_mux(void)
{
    Chardev *mux = qemu_chr_new("serial0", "mon:pty", NULL);
    FakeFe fe0, fe1;
    char buf[1024];
    int slave, i;
    Chardev *base;

    if (!tap_report(mux != NULL && qemu_chr_is_mux(mux), "mon:pty is a mux")) {
        return;
    }
    base = qemu_chr_find("serial0-base");
    tap_report(base != NULL && !qemu_chr_is_mux(base),
               "its backend is registered as serial0-base");
    slave = open_pty_slave(base);
    tap_report(fe_attach(&fe0, mux), "frontend 0 attaches to the mux");
    fe_setup_only(&fe1);
    tap_report(qemu_chr_mux_add_fe(mux, &fe1.be), "frontend 1 added");
    qemu_chr_fe_set_handlers(&fe1.be, fe_can_receive, fe_receive, fe_event,
                             &fe1);
    tap_report(!qemu_chr_mux_add_fe(base, &fe1.be),
               "qemu_chr_mux_add_fe refuses a non-mux");
    fake_loop(2);
    tap_report(qemu_chr_mux_has_focus(mux, &fe0.be), "frontend 0 has focus");

    write_all(slave, "ab", 2);
    fake_loop(5);
    tap_report(fe_got(&fe0, "ab", 2) && fe1.in_len == 0,
               "plain input goes to the focused frontend");

    fe0.in_len = 0;
    write_all(slave, "\001\001z", 3);
    fake_loop(5);
    tap_report(fe_got(&fe0, "\001z", 2), "Ctrl-A Ctrl-A sends one Ctrl-A");

    fe0.in_len = 0;
    write_all(slave, "\001b", 2);
    fake_loop(5);
    tap_report(fe0.in_len == 0 && fe_has_event(&fe0, CHR_EVENT_BREAK) &&
               !fe_has_event(&fe1, CHR_EVENT_BREAK),
               "Ctrl-A b: a break to the focused frontend only");

    read_avail(slave, buf, sizeof(buf));
    write_all(slave, "\001h", 2);
    fake_loop(5);
    read_avail(slave, buf, sizeof(buf));
    tap_report(!strncmp(buf, "\n\rC-a h    print this help\n\r"
                        "C-a x    exit emulator\n\r", 46) &&
               strstr(buf, "\n\rC-a c    switch between console and "
                      "monitor\n\rC-a C-a  sends C-a\n\r") != NULL &&
               fe0.in_len == 0, "Ctrl-A h prints the key list");

    write_all(slave, "\001s\001q", 4);
    fake_loop(5);
    tap_report(fe0.in_len == 0 && fe1.in_len == 0 &&
               fake_shutdown_requests == 0,
               "Ctrl-A s and unknown keys deliver nothing");

    fe0.nevents = fe1.nevents = 0;
    write_all(slave, "\001cXY", 4);
    fake_loop(5);
    tap_report(fe_has_event(&fe0, CHR_EVENT_MUX_OUT) &&
               fe_has_event(&fe1, CHR_EVENT_MUX_IN) &&
               qemu_chr_mux_has_focus(mux, &fe1.be),
               "Ctrl-A c: MUX_OUT to 0, MUX_IN to 1");
    tap_report(fe_got(&fe1, "XY", 2) && fe0.in_len == 0,
               "after Ctrl-A c input goes to frontend 1");
    write_all(slave, "\001cZ", 3);
    fake_loop(5);
    tap_report(fe_got(&fe0, "Z", 1) && qemu_chr_mux_has_focus(mux, &fe0.be),
               "a second Ctrl-A c cycles back to frontend 0");

    read_avail(slave, buf, sizeof(buf));
    fe_write(&fe0, "from0 ");
    fe_write(&fe1, "from1");
    read_avail(slave, buf, sizeof(buf));
    tap_report(!strcmp(buf, "from0 from1"),
               "output of every frontend reaches the backend");

    /* Flow control through the mux: 32 bytes buffered, then the fd rests. */
    fe0.in_len = 0;
    fe0.room = 0;
    for (i = 0; i < 100; i++) {
        buf[i] = 'A' + i % 26;
    }
    write_all(slave, buf, 100);
    fake_loop(10);
    tap_report(fe0.in_len == 0 && !fake_fd_watched(chr_base(base)->in_fd),
               "full frontend: mux stops reading its backend");
    fe0.room = 10;
    qemu_chr_fe_accept_input(&fe0.be);
    fake_loop(5);
    tap_report(fe0.in_len == 10 && !memcmp(fe0.in, buf, 10),
               "accept_input: exactly can_receive bytes delivered");
    fe0.room = FE_UNLIMITED;
    qemu_chr_fe_accept_input(&fe0.be);
    fake_loop(20);
    tap_report(fe0.in_len == 100 && !memcmp(fe0.in, buf, 100),
               "then all 100 bytes, in order");

    /* Ctrl-A t: "[hh:mm:ss.mmm] " before each output line, until again. */
    read_avail(slave, buf, sizeof(buf));
    write_all(slave, "\001t", 2);
    fake_loop(5);
    fe_write(&fe0, "one\ntwo");
    write_all(slave, "\001t", 2);
    fake_loop(5);
    fe_write(&fe0, "\nthree\n");
    read_avail(slave, buf, sizeof(buf));
    tap_report(strlen(buf) == 15 + 4 + 15 + 3 + 7 && buf[0] == '[' &&
               buf[3] == ':' && !strncmp(buf + 13, "] one\n[", 7) &&
               !strcmp(buf + 32, "] two\nthree\n"),
               "Ctrl-A t toggles line timestamps");

    /* Ctrl-A x last: it asks for shutdown. */
    read_avail(slave, buf, sizeof(buf));
    write_all(slave, "\001x", 2);
    fake_loop(5);
    read_avail(slave, buf, sizeof(buf));
    tap_report(!strcmp(buf, "QEMU: Terminated\n\r") &&
               fake_shutdown_requests == 1 &&
               fake_shutdown_cause == SHUTDOWN_CAUSE_HOST_UI,
               "Ctrl-A x: \"QEMU: Terminated\", shutdown by HOST_UI");
    close(slave);
}

static void test_tcp_server(void)
{
    int port, c, got;
    Chardev *chr = new_server("t0", "tcp", &port);
    FakeFe fe;
    char buf[256];

    if (!tap_report(chr != NULL, "tcp server (nowait) listening on %d",
                    port)) {
        return;
    }
    fe_attach(&fe, chr);
    tap_report(!qemu_chr_is_connected(chr), "tcp: not connected at start");
    fe_write(&fe, "dropped");
    c = tcp_connect(port);
    fake_loop(5);
    tap_report(c >= 0 && qemu_chr_is_connected(chr) &&
               fe_has_event(&fe, CHR_EVENT_OPENED), "tcp: client accepted");
    write_all(c, "hello", 5);
    fake_loop(5);
    tap_report(fe_got(&fe, "hello", 5), "tcp: client input reaches frontend");
    fe_write(&fe, "world");
    got = read_avail(c, buf, sizeof(buf));
    tap_report(got == 5 && !strcmp(buf, "world"),
               "tcp: output reaches the client (earlier output dropped)");
    close(c);
    fake_loop(5);
    tap_report(!qemu_chr_is_connected(chr) &&
               fe_has_event(&fe, CHR_EVENT_CLOSED), "tcp: disconnect seen");
    tap_report(qemu_chr_fe_write_all(&fe.be, (const uint8_t *)"x", 1) == 1,
               "tcp: output while disconnected is dropped quietly");
    fe.nevents = 0;
    fe.in_len = 0;
    c = tcp_connect(port);
    fake_loop(5);
    write_all(c, "again", 5);
    fake_loop(5);
    tap_report(fe_has_event(&fe, CHR_EVENT_OPENED) && fe_got(&fe, "again", 5),
               "tcp: a new client is accepted after the first left");
    close(c);
    fake_loop(3);
}

static void test_telnet(void)
{
    static const uint8_t nego[] = { 255, 251, 1, 255, 251, 3 };
    static const uint8_t in[] = {
        'a', 255, 251, 1, 'b', 255, 255, 255, 250, 24, 0, 'x', 'y', 255, 240,
        'c', 255, 241, '\r', 0, 'd', 255, 243, 'e',
    };
    int port, c, got;
    Chardev *chr = new_server("tn0", "telnet", &port);
    FakeFe fe;
    char buf[256];

    if (!tap_report(chr != NULL, "telnet server listening")) {
        return;
    }
    fe_attach(&fe, chr);
    c = tcp_connect(port);
    fake_loop(5);
    got = read_avail(c, buf, sizeof(buf));
    tap_report(got == 6 && !memcmp(buf, nego, 6),
               "telnet: IAC WILL ECHO, IAC WILL SGA on connect");
    write_all(c, in, sizeof(in));
    fake_loop(5);
    tap_report(fe_got(&fe, "ab\377c\rde", 7),
               "telnet: commands stripped, IAC IAC kept, CR NUL -> CR");
    tap_report(fe_has_event(&fe, CHR_EVENT_BREAK), "telnet: IAC BRK -> break");
    qemu_chr_fe_write_all(&fe.be, (const uint8_t *)"x\377y", 3);
    got = read_avail(c, buf, sizeof(buf));
    tap_report(got == 4 && !memcmp(buf, "x\377\377y", 4),
               "telnet: output 0xff doubled to IAC IAC");
    close(c);
    fake_loop(3);
}

static int client_listen_fd;

static void *connect_later(void *arg)
{
    struct timespec ts = { 0, 100000000 };

    nanosleep(&ts, NULL);
    *(int *)arg = tcp_connect(*(int *)arg);
    return NULL;
}

static void test_tcp_wait_and_client(void)
{
    struct sockaddr_in sa;
    socklen_t len = sizeof(sa);
    char spec[128], buf[64];
    pthread_t th;
    int port = tcp_port(), arg = port, s;
    Chardev *chr;
    FakeFe fe;

    /* Server with wait: returns once the client (a thread) connects. */
    pthread_create(&th, NULL, connect_later, &arg);
    snprintf(spec, sizeof(spec), "tcp:127.0.0.1:%d,server", port);
    chr = qemu_chr_new("tw", spec, NULL);
    pthread_join(th, NULL);
    tap_report(chr != NULL && qemu_chr_is_connected(chr) && arg >= 0,
               "tcp server,wait: start-up waits for the client");
    if (arg >= 0) {
        close(arg);
    }
    fake_loop(3);

    /* Client mode: we listen, the chardev connects. */
    client_listen_fd = socket(AF_INET, SOCK_STREAM, 0);
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(client_listen_fd, (struct sockaddr *)&sa, sizeof(sa));
    listen(client_listen_fd, 1);
    getsockname(client_listen_fd, (struct sockaddr *)&sa, &len);
    snprintf(spec, sizeof(spec), "tcp:127.0.0.1:%d", ntohs(sa.sin_port));
    chr = qemu_chr_new("tc", spec, NULL);
    s = accept(client_listen_fd, NULL, NULL);
    fcntl(s, F_SETFL, O_NONBLOCK);
    fe_attach(&fe, chr);
    fe_write(&fe, "up");
    tap_report(chr && qemu_chr_is_connected(chr) &&
               read_avail(s, buf, sizeof(buf)) == 2 && !strcmp(buf, "up"),
               "tcp client: connects and sends");
    write_all(s, "down", 4);
    fake_loop(5);
    tap_report(fe_got(&fe, "down", 4), "tcp client: receives");
    close(s);
    close(client_listen_fd);
    snprintf(spec, sizeof(spec), "tcp:127.0.0.1:%d", ntohs(sa.sin_port));
    tap_report(qemu_chr_new("tc2", spec, NULL) == NULL,
               "tcp client: connection refused gives NULL");
    fake_loop(3);
}

static void test_unix(void)
{
    struct sockaddr_un sa;
    char path[64], spec[96], buf[64];
    Chardev *chr;
    FakeFe fe;
    int c, l;

    snprintf(path, sizeof(path), "/tmp/test-chardev-%d.sock", (int)getpid());
    snprintf(spec, sizeof(spec), "unix:%s,server,nowait", path);
    chr = qemu_chr_new("u0", spec, NULL);
    if (!tap_report(chr != NULL, "unix server (nowait)")) {
        return;
    }
    fe_attach(&fe, chr);
    memset(&sa, 0, sizeof(sa));
    sa.sun_family = AF_UNIX;
    strcpy(sa.sun_path, path);
    c = socket(AF_UNIX, SOCK_STREAM, 0);
    if (connect(c, (struct sockaddr *)&sa, sizeof(sa)) == 0) {
        fcntl(c, F_SETFL, O_NONBLOCK);
    }
    fake_loop(5);
    write_all(c, "in", 2);
    fake_loop(5);
    fe_write(&fe, "out");
    tap_report(fe_got(&fe, "in", 2) && read_avail(c, buf, sizeof(buf)) == 3 &&
               !strcmp(buf, "out"), "unix server: both directions");
    close(c);
    fake_loop(5);
    unlink(path);

    /* client mode, against our own listener */
    l = socket(AF_UNIX, SOCK_STREAM, 0);
    bind(l, (struct sockaddr *)&sa, sizeof(sa));
    listen(l, 1);
    snprintf(spec, sizeof(spec), "unix:%s", path);
    chr = qemu_chr_new("u1", spec, NULL);
    c = accept(l, NULL, NULL);
    fe_attach(&fe, chr);
    fe_write(&fe, "cli");
    fcntl(c, F_SETFL, O_NONBLOCK);
    tap_report(chr && read_avail(c, buf, sizeof(buf)) == 3 &&
               !strcmp(buf, "cli"), "unix client: connects and sends");
    close(c);
    close(l);
    unlink(path);
    fake_loop(3);
}

static void test_from_opts(void)
{
    char path[] = "/tmp/test-chardev-opts-XXXXXX";
    QemuOpt o[4];
    QemuOpts opts = { .n = 3, .opt = o };
    Chardev *chr;
    FakeFe fe;
    char buf[32];
    int fd = mkstemp(path);
    ssize_t n;

    close(fd);
    o[0] = (QemuOpt){ "backend", "file", false };
    o[1] = (QemuOpt){ "id", "cf", false };
    o[2] = (QemuOpt){ "path", path, false };
    chr = qemu_chr_new_from_opts(&opts);
    tap_report(chr != NULL && qemu_chr_find("cf") == chr,
               "-chardev file,id=cf,path=...: registered as cf");
    fe_attach(&fe, chr);
    fe_write(&fe, "opts");
    fd = open(path, O_RDONLY);
    n = read(fd, buf, sizeof(buf));
    close(fd);
    tap_report(n == 4 && !memcmp(buf, "opts", 4), "-chardev file writes");
    unlink(path);

    o[0] = (QemuOpt){ "backend", "null", false };
    o[1] = (QemuOpt){ "id", "cm", false };
    o[2] = (QemuOpt){ "mux", "on", false };
    chr = qemu_chr_new_from_opts(&opts);
    tap_report(chr && qemu_chr_is_mux(chr) && qemu_chr_find("cm-base"),
               "-chardev null,id=cm,mux=on: a mux over cm-base");

    o[0] = (QemuOpt){ "backend", "null", false };
    o[1] = (QemuOpt){ "id", "cx", false };
    o[2] = (QemuOpt){ "bogus", "1", false };
    tap_report(qemu_chr_new_from_opts(&opts) == NULL,
               "-chardev with an unknown parameter fails");
    o[1] = (QemuOpt){ "id", "cf", false };
    opts.n = 2;
    tap_report(qemu_chr_new_from_opts(&opts) == NULL,
               "-chardev with a duplicate id fails");
}

static void info_line(void *opaque, const char *line)
{
    char *acc = opaque;

    strcat(acc, line);
    strcat(acc, "\n");
}

static void test_info(void)
{
    static char acc[4096];

    qemu_chr_info(info_line, acc);
    tap_report(strstr(acc, "n0: filename=null\n") &&
               strstr(acc, "serial0: filename=mux\n") &&
               strstr(acc, "serial0-base: filename=pty:/dev/pts/") &&
               strstr(acc, "t0: filename=disconnected:tcp:127.0.0.1:"),
               "info chardev lines");
}

/* stdio in a child: a pty as its terminal, raw while attached. */
static void test_stdio_child(void)
{
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    pid_t pid;
    int status;
    char buf[256];

    grantpt(master);
    unlockpt(master);
    pid = fork();
    if (pid == 0) {
        int slave = open(ptsname(master), O_RDWR | O_NOCTTY);
        struct termios t;
        FakeFe fe;
        Chardev *chr;
        int bad = 0;

        dup2(slave, 0);
        dup2(slave, 1);
        chr = qemu_chr_new("serial0", "stdio", NULL);
        fe_attach(&fe, chr);
        tcgetattr(0, &t);
        if ((t.c_lflag & (ICANON | ECHO)) || !(t.c_lflag & ISIG)) {
            bad |= 1;
        }
        fe_write(&fe, "ready\n");
        while (fe.in_len < 3) {
            main_loop_wait(false);
        }
        if (memcmp(fe.in, "q\rx", 3)) {
            bad |= 2;
        }
        qemu_chr_cleanup();
        tcgetattr(0, &t);
        if (!(t.c_lflag & ICANON) || !(t.c_lflag & ECHO)) {
            bad |= 4;
        }
        _exit(bad);
    }
    fcntl(master, F_SETFL, O_NONBLOCK);
    read_avail(master, buf, sizeof(buf));
    write_all(master, "q\rx", 3);
    waitpid(pid, &status, 0);
    tap_report(strstr(buf, "ready\r\n") != NULL,
               "stdio: output on fd 1 (\\n -> \\r\\n by the terminal)");
    tap_report(WIFEXITED(status) && WEXITSTATUS(status) == 0,
               "stdio on a tty: raw (no ICANON/ECHO, CR kept), restored by "
               "qemu_chr_cleanup (child status %d)", status);
    close(master);
}

/* stdio from a pipe: EOF stops reading, the rest goes on. */
static void test_stdio_pipe_child(void)
{
    int in[2], out[2], status;
    pid_t pid;
    char buf[256];

    if (pipe(in) < 0 || pipe(out) < 0) {
        return;
    }
    pid = fork();
    if (pid == 0) {
        FakeFe fe;
        Chardev *chr;
        int i;

        dup2(in[0], 0);
        dup2(out[1], 1);
        close(in[1]);
        close(out[0]);
        display_nographic = true;
        chr = qemu_chr_new("serial0", "stdio", NULL);
        fe_attach(&fe, chr);
        for (i = 0; i < 20; i++) {
            main_loop_wait(true);
            usleep(2000);
        }
        fe_write(&fe, fe_got(&fe, "in\001", 3) && qemu_chr_is_mux(chr) &&
                 !fake_fd_watched(0) ? "eof-ok" : "eof-bad");
        qemu_chr_cleanup();
        _exit(0);
    }
    close(in[0]);
    close(out[1]);
    write_all(in[1], "in\001\001", 4);
    close(in[1]);
    waitpid(pid, &status, 0);
    fcntl(out[0], F_SETFL, O_NONBLOCK);
    read_avail(out[0], buf, sizeof(buf));
    tap_report(!strcmp(buf, "eof-ok"),
               "-nographic stdio from a pipe: a mux; EOF stops reading only "
               "(got '%s')", buf);
    close(out[0]);
}

int main(void)
{
    qemu_init_main_loop();
    test_spec_errors();
    test_null();
    test_file();
    test_pty_flow();
    test_mux();
    test_tcp_server();
    test_telnet();
    test_tcp_wait_and_client();
    test_unix();
    test_from_opts();
    test_info();
    test_stdio_child();
    test_stdio_pipe_child();
    return tap_failed ? 1 : 0;
}

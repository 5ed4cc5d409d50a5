/*
 * chardev/char-socket.c: the tcp, telnet and unix-socket backends.
 *
 * Server mode listens on host:port (all addresses when host is empty);
 * with wait=on (the default) start-up blocks until the first client
 * connects.  One client at a time: while one is connected the listening
 * socket is not watched (others queue in the backlog); when it goes
 * away the frontend gets CHR_EVENT_CLOSED and the next client is
 * accepted (CHR_EVENT_OPENED).  Client mode connects at start-up and an
 * error there is fatal.  Guest output is dropped while nobody is
 * connected.
 *
 * Telnet (RFC 854/857/858): on connect we send IAC WILL ECHO and IAC
 * WILL SUPPRESS-GO-AHEAD, so the client goes character-at-a-time
 * without local echo.  Input is stripped of telnet commands: IAC IAC is
 * a 0xff data byte, IAC BRK becomes CHR_EVENT_BREAK, option
 * negotiation (IAC WILL/WONT/DO/DONT opt) and subnegotiation (IAC SB
 * ... IAC SE) vanish, and the NUL of a "CR NUL" pair is dropped.  On
 * output a 0xff byte is doubled (IAC IAC).
 */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "chardev/chardev-int.h"
#include "qemu/error-report.h"
#include "qemu/main-loop.h"

/* Telnet bytes (RFC 854). */
#define TN_SE    240
#define TN_BRK   243
#define TN_SB    250
#define TN_WILL  251
#define TN_DONT  254
#define TN_IAC   255
#define TN_OPT_ECHO 1
#define TN_OPT_SGA  3

enum {
    TN_STATE_DATA,
    TN_STATE_IAC,               /* after IAC */
    TN_STATE_OPT,               /* after IAC WILL/WONT/DO/DONT */
    TN_STATE_SB,                /* inside IAC SB ... */
    TN_STATE_SB_IAC,            /* IAC inside a subnegotiation */
};

typedef struct ChrSocket {
    ChrBase base;
    int listen_fd;
    bool server;
    bool telnet;
    char *desc;                 /* "tcp:HOST:PORT[,server=on]" */
    int tn_state;
    bool tn_cr;                 /* the last data byte was CR */
} ChrSocket;

static void chr_socket_set_filename(ChrSocket *s, const char *peer)
{
    size_t n = strlen(s->desc) + (peer ? strlen(peer) : 0) + 32;
    char *f = malloc(n);

    if (peer) {
        snprintf(f, n, "%s <-> %s", s->desc, peer);
    } else {
        snprintf(f, n, "disconnected:%s", s->desc);
    }
    free(s->base.filename);
    s->base.filename = f;
}

size_t chr_telnet_filter(ChrBase *b, uint8_t *buf, size_t len);

size_t chr_telnet_filter(ChrBase *b, uint8_t *buf, size_t len)
{
    ChrSocket *s = (ChrSocket *)b;
    size_t i, out = 0;

    for (i = 0; i < len; i++) {
        uint8_t c = buf[i];

        switch (s->tn_state) {
        case TN_STATE_DATA:
            if (c == TN_IAC) {
                s->tn_state = TN_STATE_IAC;
            } else if (c == 0 && s->tn_cr) {
                s->tn_cr = false;       /* CR NUL: a bare CR */
            } else {
                s->tn_cr = c == '\r';
                buf[out++] = c;
            }
            break;
        case TN_STATE_IAC:
            s->tn_state = TN_STATE_DATA;
            if (c == TN_IAC) {
                s->tn_cr = false;
                buf[out++] = c;
            } else if (c == TN_BRK) {
                qemu_chr_be_event(&b->chr, CHR_EVENT_BREAK);
            } else if (c >= TN_WILL && c <= TN_DONT) {
                s->tn_state = TN_STATE_OPT;
            } else if (c == TN_SB) {
                s->tn_state = TN_STATE_SB;
            }
            /* other commands (NOP, AYT, GA...) are ignored */
            break;
        case TN_STATE_OPT:
            s->tn_state = TN_STATE_DATA;
            break;
        case TN_STATE_SB:
            if (c == TN_IAC) {
                s->tn_state = TN_STATE_SB_IAC;
            }
            break;
        case TN_STATE_SB_IAC:
            s->tn_state = c == TN_SE ? TN_STATE_DATA : TN_STATE_SB;
            break;
        }
    }
    return out;
}

static void chr_socket_listen_ready(void *opaque);

static void chr_socket_connected(ChrSocket *s, int fd, const char *peer)
{
    static const uint8_t tn_init[] = {
        TN_IAC, TN_WILL, TN_OPT_ECHO, TN_IAC, TN_WILL, TN_OPT_SGA,
    };
    int one = 1;

    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    s->base.in_fd = fd;
    s->base.out_fd = fd;
    s->base.in_eof = false;
    s->base.out_stalled = false;
    s->base.connected = true;
    s->tn_state = TN_STATE_DATA;
    s->tn_cr = false;
    chr_socket_set_filename(s, peer);
    if (s->listen_fd >= 0) {
        qemu_set_fd_handler(s->listen_fd, NULL, NULL, NULL);
    }
    if (s->telnet) {
        chr_write_fd(&s->base, fd, tn_init, sizeof(tn_init));
    }
    chr_start_read(&s->base);
    qemu_chr_be_event(&s->base.chr, CHR_EVENT_OPENED);
}

static void chr_socket_closed(ChrBase *b)
{
    ChrSocket *s = (ChrSocket *)b;

    chr_stop_read(b);
    if (b->in_fd >= 0) {
        close(b->in_fd);
    }
    b->in_fd = -1;
    b->out_fd = -1;
    b->connected = false;
    chr_socket_set_filename(s, NULL);
    qemu_chr_be_event(&b->chr, CHR_EVENT_CLOSED);
    if (s->listen_fd >= 0) {
        qemu_set_fd_handler(s->listen_fd, chr_socket_listen_ready, NULL, s);
    }
}

static void chr_socket_peer_name(struct sockaddr_storage *ss, socklen_t len,
                                 char *out, size_t n)
{
    char host[NI_MAXHOST], serv[NI_MAXSERV];

    if (getnameinfo((struct sockaddr *)ss, len, host, sizeof(host), serv,
                    sizeof(serv), NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
        snprintf(out, n, "%s:%s", host, serv);
    } else {
        snprintf(out, n, "?");
    }
}

static void chr_socket_listen_ready(void *opaque)
{
    ChrSocket *s = opaque;
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);
    char peer[NI_MAXHOST + NI_MAXSERV + 2];
    int fd;

    fd = accept4(s->listen_fd, (struct sockaddr *)&ss, &len, SOCK_CLOEXEC);
    if (fd < 0) {
        return;
    }
    if (s->base.connected) {
        close(fd);              /* one client at a time */
        return;
    }
    chr_socket_peer_name(&ss, len, peer, sizeof(peer));
    chr_socket_connected(s, fd, peer);
}

static const ChardevOps chr_socket_ops = {
    .write = chr_fd_write,
    .accept_input = chr_fd_accept_input,
};

/* Telnet output: a 0xff data byte goes out as IAC IAC. */
static int chr_telnet_write(Chardev *chr, const uint8_t *buf, size_t len)
{
    ChrBase *b = chr_base(chr);
    uint8_t tmp[512];
    size_t i = 0, n;

    while (i < len) {
        for (n = 0; i < len && n < sizeof(tmp) - 1; i++) {
            tmp[n++] = buf[i];
            if (buf[i] == TN_IAC) {
                tmp[n++] = TN_IAC;
            }
        }
        chr_write_fd(b, b->out_fd, tmp, n);
    }
    return (int)len;
}

static const ChardevOps chr_telnet_ops = {
    .write = chr_telnet_write,
    .accept_input = chr_fd_accept_input,
};

static int chr_socket_listen(const char *host, const char *port)
{
    struct addrinfo hints, *res, *ai;
    int fd = -1, err, saved = 0;

    memset(&hints, 0, sizeof(hints));
    hints.ai_family = *host ? AF_UNSPEC : AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    err = getaddrinfo(*host ? host : NULL, port, &hints, &res);
    if (err) {
        error_report("address resolution failed for %s:%s: %s", host, port,
                     gai_strerror(err));
        return -1;
    }
    for (ai = res; ai; ai = ai->ai_next) {
        int one = 1;

        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            saved = errno;
            continue;
        }
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
        if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 &&
            listen(fd, 1) == 0) {
            break;
        }
        saved = errno;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd < 0) {
        error_report("Failed to bind socket: %s", strerror(saved));
    }
    return fd;
}

static int chr_socket_connect(const char *host, const char *port)
{
    struct addrinfo hints, *res, *ai;
    int fd = -1, err, saved = 0;

    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    err = getaddrinfo(*host ? host : "localhost", port, &hints, &res);
    if (err) {
        error_report("address resolution failed for %s:%s: %s", host, port,
                     gai_strerror(err));
        return -1;
    }
    for (ai = res; ai; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            saved = errno;
            continue;
        }
        if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
            break;
        }
        saved = errno;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd < 0) {
        error_report("Failed to connect to '%s:%s': %s", host, port,
                     strerror(saved));
    }
    return fd;
}

static void chr_socket_cleanup(ChrBase *b)
{
    ChrSocket *s = (ChrSocket *)b;

    if (b->in_fd >= 0) {
        shutdown(b->in_fd, SHUT_RDWR);
    }
    if (s->listen_fd >= 0) {
        close(s->listen_fd);
        s->listen_fd = -1;
    }
}

/*
 * The common end of tcp, telnet and unix: s->desc set; fd is the
 * listening socket (server) or the connected one (client).
 */
static Chardev *chr_socket_finish(ChrSocket *s, const char *label, int fd,
                                  bool wait)
{
    chr_base_init(&s->base, s->telnet ? &chr_telnet_ops : &chr_socket_ops,
                  label, s->desc);
    s->base.in_closed = chr_socket_closed;
    s->base.out_is_socket = true;
    s->base.cleanup = chr_socket_cleanup;
    if (s->telnet) {
        s->base.in_filter = chr_telnet_filter;
    }
    if (!s->server) {
        chr_socket_connected(s, fd, s->desc);
        return &s->base.chr;
    }
    s->listen_fd = fd;
    s->base.connected = false;
    chr_socket_set_filename(s, NULL);

    if (wait) {
        struct pollfd pfd = { .fd = s->listen_fd, .events = POLLIN };

        error_report("info: QEMU waiting for connection on: %s",
                     s->base.filename);
        while (!s->base.connected) {
            if (poll(&pfd, 1, -1) > 0) {
                chr_socket_listen_ready(s);
            } else if (errno != EINTR) {
                break;
            }
        }
    }
    if (!s->base.connected) {
        qemu_set_fd_handler(s->listen_fd, chr_socket_listen_ready, NULL, s);
    }
    return &s->base.chr;
}

Chardev *chr_socket_new(const char *label, const char *host,
                        const char *port, bool server, bool wait,
                        bool telnet)
{
    ChrSocket *s;
    size_t n = strlen(host) + strlen(port) + 32;
    int fd;

    signal(SIGPIPE, SIG_IGN);
    fd = server ? chr_socket_listen(host, port)
                : chr_socket_connect(host, port);
    if (fd < 0) {
        return NULL;
    }
    s = calloc(1, sizeof(*s));
    s->listen_fd = -1;
    s->server = server;
    s->telnet = telnet;
    s->desc = malloc(n);
    snprintf(s->desc, n, "%s:%s:%s%s", telnet ? "telnet" : "tcp",
             *host ? host : (server ? "0.0.0.0" : "localhost"), port,
             server ? ",server=on" : "");
    return chr_socket_finish(s, label, fd, wait);
}

Chardev *chr_unix_new(const char *label, const char *path, bool server,
                      bool wait)
{
    struct sockaddr_un sa;
    ChrSocket *s;
    size_t n = strlen(path) + 32;
    int fd;

    memset(&sa, 0, sizeof(sa));
    sa.sun_family = AF_UNIX;
    if (!*path || strlen(path) >= sizeof(sa.sun_path)) {
        error_report("UNIX socket path '%s' is empty or too long", path);
        return NULL;
    }
    strcpy(sa.sun_path, path);
    signal(SIGPIPE, SIG_IGN);
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        error_report("Failed to create socket: %s", strerror(errno));
        return NULL;
    }
    if (server) {
        unlink(path);           /* a stale socket from an earlier run */
        if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
            listen(fd, 1) < 0) {
            error_report("Failed to bind socket to %s: %s", path,
                         strerror(errno));
            close(fd);
            return NULL;
        }
    } else if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
        error_report("Failed to connect to '%s': %s", path,
                     strerror(errno));
        close(fd);
        return NULL;
    }
    s = calloc(1, sizeof(*s));
    s->listen_fd = -1;
    s->server = server;
    s->desc = malloc(n);
    snprintf(s->desc, n, "unix:%s%s", path, server ? ",server=on" : "");
    return chr_socket_finish(s, label, fd, wait);
}

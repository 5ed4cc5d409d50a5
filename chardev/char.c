/*
 * chardev/char.c: the chardev registry, the -serial/-chardev parsers,
 * the fd plumbing every backend shares, and the simplest backends
 * (null, file).
 *
 * Input: a backend's fd is watched on the main loop only while its
 * frontend's can_receive is positive; once it is 0 the read handler is
 * removed and accept_input (the frontend draining its FIFO) puts it
 * back.  So a guest that does not read its UART leaves the bytes in
 * the host's buffers, not ours.
 *
 * Output: frontends write under the global lock, possibly on a vCPU
 * thread, so a write never waits long: when the fd would block we poll
 * for a short while, then drop the rest and remember that the fd is
 * stalled (later writes do not wait at all until one gets through).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "chardev/chardev-int.h"
#include "qemu/error-report.h"
#include "qemu/main-loop.h"

bool display_nographic;
void *(*qemu_chr_monitor_hook)(Chardev *chr);

static ChrBase *chr_list;
static int chr_anon_count;

/*
 * How long a write may wait for a blocked fd before dropping (ms): a
 * terminal or socket gets a short grace; a pipe or file (a test harness
 * or logger reading the console) a longer one, since its reader is
 * usually just busy and losing console output hurts more there.
 */
#define CHR_WRITE_WAIT_MS 100
#define CHR_WRITE_WAIT_PIPE_MS 2000

/* ---- registry -------------------------------------------------------- */

void chr_base_init(ChrBase *b, const ChardevOps *ops, const char *label,
                   const char *filename)
{
    ChrBase **p;

    b->label = strdup(label);
    b->filename = strdup(filename);
    b->in_fd = -1;
    b->out_fd = -1;
    b->out_wait_ms = CHR_WRITE_WAIT_MS;
    b->connected = true;
    qemu_chr_init(&b->chr, ops, b->label, b);
    for (p = &chr_list; *p; p = &(*p)->next) {
        continue;
    }
    *p = b;
}

Chardev *qemu_chr_find(const char *id)
{
    ChrBase *b;

    for (b = chr_list; b; b = b->next) {
        if (!strcmp(b->label, id)) {
            return &b->chr;
        }
    }
    return NULL;
}

bool chr_is_ours(Chardev *chr)
{
    ChrBase *b;

    for (b = chr_list; b; b = b->next) {
        if (&b->chr == chr || (b->is_mux && chr_mux_owns(b, chr))) {
            return true;
        }
    }
    return false;
}

bool qemu_chr_is_connected(Chardev *chr)
{
    ChrBase *b;

    if (!chr) {
        return false;
    }
    if (!chr_is_ours(chr)) {
        return true;            /* a frontend test's own Chardev */
    }
    b = chr_base(chr);
    return b->under ? qemu_chr_is_connected(b->under) : b->connected;
}

void qemu_chr_info(QemuChrPrintFunc *print, void *opaque)
{
    ChrBase *b;
    char line[512];

    for (b = chr_list; b; b = b->next) {
        snprintf(line, sizeof(line), "%s: filename=%s", b->label,
                 b->filename);
        print(opaque, line);
    }
}

void qemu_chr_cleanup(void)
{
    ChrBase *b;

    for (b = chr_list; b; b = b->next) {
        if (b->cleanup) {
            b->cleanup(b);
        }
    }
    chr_stdio_restore();
}

/* ---- fd plumbing ----------------------------------------------------- */

static void chr_fd_readable(void *opaque)
{
    ChrBase *b = opaque;
    uint8_t buf[4096];
    int room = qemu_chr_be_can_write(&b->chr);
    ssize_t n;
    size_t len;

    if (room <= 0) {
        chr_update_read(b);
        return;
    }
    if ((size_t)room > sizeof(buf)) {
        room = sizeof(buf);
    }
    n = read(b->in_fd, buf, room);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
        return;
    }
    if (n <= 0) {
        if (b->in_closed) {
            b->in_closed(b);
        } else {
            b->in_eof = true;
            chr_stop_read(b);
        }
        return;
    }
    len = n;
    if (b->in_filter) {
        len = b->in_filter(b, buf, len);
    }
    qemu_chr_be_write(&b->chr, buf, len);
    chr_update_read(b);
}

void chr_update_read(ChrBase *b)
{
    bool want = b->in_fd >= 0 && !b->in_eof &&
                qemu_chr_be_can_write(&b->chr) > 0;

    if (want != b->in_watched && b->in_fd >= 0) {
        qemu_set_fd_handler(b->in_fd, want ? chr_fd_readable : NULL, NULL,
                            b);
        b->in_watched = want;
    }
}

void chr_start_read(ChrBase *b)
{
    /*
     * Watch unconditionally: the frontend may attach (inline, without
     * telling us) after this; the first readable event checks its room.
     */
    if (b->in_fd >= 0 && !b->in_eof) {
        qemu_set_fd_handler(b->in_fd, chr_fd_readable, NULL, b);
        b->in_watched = true;
    }
}

void chr_stop_read(ChrBase *b)
{
    if (b->in_watched && b->in_fd >= 0) {
        qemu_set_fd_handler(b->in_fd, NULL, NULL, NULL);
    }
    b->in_watched = false;
}

int chr_wait_ms_for_fd(int fd)
{
    return isatty(fd) ? CHR_WRITE_WAIT_MS : CHR_WRITE_WAIT_PIPE_MS;
}

int chr_write_fd(ChrBase *b, int fd, const uint8_t *buf, size_t len)
{
    size_t done = 0;
    int waited = 0;

    if (fd < 0) {
        return (int)len;
    }
    while (done < len) {
        ssize_t n;

        if (b->out_is_socket) {
            n = send(fd, buf + done, len - done, MSG_NOSIGNAL | MSG_DONTWAIT);
        } else {
            n = write(fd, buf + done, len - done);
        }
        if (n > 0) {
            done += n;
            b->out_stalled = false;
            continue;
        }
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
            return -errno;
        }
        /* Would block: wait a little, unless it is known to be stuck. */
        if (b->out_stalled || waited >= b->out_wait_ms) {
            b->out_stalled = true;
            break;
        }
        {
            struct pollfd pfd = { .fd = fd, .events = POLLOUT };

            poll(&pfd, 1, 10);
            waited += 10;
        }
    }
    return (int)len;
}

int chr_fd_write(Chardev *chr, const uint8_t *buf, size_t len)
{
    ChrBase *b = chr_base(chr);

    return chr_write_fd(b, b->out_fd, buf, len);
}

void chr_fd_accept_input(Chardev *chr)
{
    chr_update_read(chr_base(chr));
}

/* ---- null and file --------------------------------------------------- */

static int chr_null_write(Chardev *chr, const uint8_t *buf, size_t len)
{
    (void)chr;
    (void)buf;
    return (int)len;
}

static const ChardevOps chr_null_ops = {
    .write = chr_null_write,
};

Chardev *chr_null_new(const char *label)
{
    ChrBase *b = calloc(1, sizeof(*b));

    chr_base_init(b, &chr_null_ops, label, "null");
    return &b->chr;
}

static const ChardevOps chr_file_ops = {
    .write = chr_fd_write,
};

Chardev *chr_file_new(const char *label, const char *path)
{
    ChrBase *b;
    char *name;
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);

    if (fd < 0) {
        error_report("Could not open '%s': %s", path, strerror(errno));
        return NULL;
    }
    signal(SIGPIPE, SIG_IGN);   /* a FIFO whose reader went away */
    b = calloc(1, sizeof(*b));
    name = malloc(strlen(path) + 1);
    strcpy(name, path);
    chr_base_init(b, &chr_file_ops, label, name);
    free(name);
    b->out_fd = fd;
    b->out_wait_ms = CHR_WRITE_WAIT_PIPE_MS;
    return &b->chr;
}

/* ---- the -serial spec ------------------------------------------------ */

/* The flags after a socket address in a -serial spec. */
typedef struct ChrSockArgs {
    bool server, wait, telnet;
} ChrSockArgs;

/* A bare flag ("server") means on. */
static bool chr_parse_bool(const char *name, const char *v, bool *out)
{
    if (!v) {
        *out = true;
        return true;
    }
    return qemu_parse_bool(name, v, out);
}

/*
 * The comma list after the address: "server" and "server=on" give
 * true, "noserver" and "server=off" false (likewise wait, telnet);
 * nodelay, ipv4, ipv6 and reconnect are accepted and ignored; anything
 * else is an error.  list is modified.
 */
static bool chr_parse_sock_flags(char *list, ChrSockArgs *a)
{
    char *save = NULL;
    char *el;

    for (el = strtok_r(list, ",", &save); el; el = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(el, '=');
        const char *v = NULL;
        bool neg = false, val;
        bool *dst = NULL;

        if (eq) {
            *eq = 0;
            v = eq + 1;
        } else if (!strncmp(el, "no", 2)) {
            neg = true;
        }
        if (!strcmp(el + (neg ? 2 : 0), "server")) {
            dst = &a->server;
        } else if (!strcmp(el + (neg ? 2 : 0), "wait")) {
            dst = &a->wait;
        } else if (!strcmp(el + (neg ? 2 : 0), "telnet")) {
            dst = &a->telnet;
        } else if (!strcmp(el + (neg ? 2 : 0), "delay") ||
                   !strcmp(el, "nodelay") || !strcmp(el, "ipv4") ||
                   !strcmp(el, "ipv6") || !strcmp(el, "reconnect")) {
            continue;       /* accepted, no effect here */
        } else {
            error_report("Invalid parameter '%s'", el);
            return false;
        }
        if (!chr_parse_bool(el, v, &val)) {
            return false;
        }
        *dst = neg ? !val : val;
    }
    return true;
}

/* "[host]:port[,flags]" after "tcp:" or "telnet:". */
static Chardev *chr_new_socket_spec(const char *label, const char *rest,
                                    bool telnet)
{
    char *s = strdup(rest);
    char *flags = strchr(s, ',');
    char *colon;
    ChrSockArgs a = { .server = false, .wait = true, .telnet = telnet };
    Chardev *chr = NULL;

    if (flags) {
        *flags++ = 0;
    }
    colon = strrchr(s, ':');
    if (!colon || !colon[1]) {
        error_report("'%s': expected host:port", rest);
        goto out;
    }
    *colon = 0;
    if (flags && !chr_parse_sock_flags(flags, &a)) {
        goto out;
    }
    chr = chr_socket_new(label, s, colon + 1, a.server, a.wait, a.telnet);
out:
    free(s);
    return chr;
}

/* "path[,flags]" after "unix:". */
static Chardev *chr_new_unix_spec(const char *label, const char *rest)
{
    char *s = strdup(rest);
    char *flags = strchr(s, ',');
    ChrSockArgs a = { .server = false, .wait = true, .telnet = false };
    Chardev *chr = NULL;

    if (flags) {
        *flags++ = 0;
    }
    if (!flags || chr_parse_sock_flags(flags, &a)) {
        chr = chr_unix_new(label, s, a.server, a.wait);
    }
    free(s);
    return chr;
}

/* A mux over base, with the monitor attached when monitor/ is linked. */
static Chardev *chr_new_mux_monitor(const char *label, Chardev *base)
{
    Chardev *mux;

    if (!base) {
        return NULL;
    }
    if (chr_base(base)->is_mux) {
        mux = base;
    } else {
        mux = chr_mux_new(label, base);
        if (!mux) {
            return NULL;
        }
    }
    if (qemu_chr_monitor_hook) {
        qemu_chr_monitor_hook(mux);
    }
    return mux;
}

static Chardev *chr_stdio_mux;

/*
 * "stdio" and "mon:stdio".  Under -nographic stdio is always a mux
 * (a later -monitor stdio joins it), but only "mon:" attaches the
 * monitor by itself.
 */
static Chardev *chr_new_stdio_spec(const char *label, bool mon)
{
    Chardev *base;
    char *l;

    if (chr_stdio) {
        /* stdio is opened once: a second user shares its mux. */
        if (!chr_stdio_mux) {
            error_report("cannot use stdio by multiple character devices");
            return NULL;
        }
        if (mon && qemu_chr_monitor_hook) {
            qemu_chr_monitor_hook(chr_stdio_mux);
        }
        return chr_stdio_mux;
    }
    if (!mon && !display_nographic) {
        return chr_stdio_new(label, true);
    }
    /* Under a mux the terminal's Ctrl-C goes to the guest. */
    l = malloc(strlen(label) + 6);
    sprintf(l, "%s-base", label);
    base = chr_stdio_new(l, false);
    free(l);
    if (!base) {
        return NULL;
    }
    chr_stdio_mux = mon ? chr_new_mux_monitor(label, base)
                        : chr_mux_new(label, base);
    return chr_stdio_mux;
}

static Chardev *chr_new_spec(const char *label, const char *spec, bool mon)
{
    if (!strcmp(spec, "null") || !strncmp(spec, "vc", 2)) {
        return mon ? chr_new_mux_monitor(label, chr_null_new("null"))
                   : chr_null_new(label);
    }
    if (!strcmp(spec, "stdio")) {
        return chr_new_stdio_spec(label, mon);
    }
    if (mon) {
        Chardev *base = chr_new_spec(label, spec, false);

        if (base) {
            /* The base keeps the label with a "-base" suffix. */
            ChrBase *b = chr_base(base);
            char *l = malloc(strlen(label) + 6);

            sprintf(l, "%s-base", label);
            free(b->label);
            b->label = l;
            b->chr.label = l;
        }
        return chr_new_mux_monitor(label, base);
    }
    if (!strncmp(spec, "file:", 5)) {
        return chr_file_new(label, spec + 5);
    }
    if (!strcmp(spec, "pty")) {
        return chr_pty_new(label);
    }
    if (!strncmp(spec, "tcp:", 4)) {
        return chr_new_socket_spec(label, spec + 4, false);
    }
    if (!strncmp(spec, "telnet:", 7)) {
        return chr_new_socket_spec(label, spec + 7, true);
    }
    if (!strncmp(spec, "unix:", 5)) {
        return chr_new_unix_spec(label, spec + 5);
    }
    if (!strncmp(spec, "chardev:", 8)) {
        Chardev *chr = qemu_chr_find(spec + 8);

        if (!chr) {
            error_report("chardev '%s' not found", spec + 8);
        }
        return chr;
    }
    error_report("'%s' is not a valid char driver", spec);
    return NULL;
}

Chardev *qemu_chr_new(const char *label, const char *spec, bool *none)
{
    if (none) {
        *none = false;
    }
    if (!strcmp(spec, "none")) {
        if (none) {
            *none = true;
        }
        return NULL;
    }
    if (!strncmp(spec, "mon:", 4)) {
        return chr_new_spec(label, spec + 4, true);
    }
    if (!label) {
        static char anon[32];

        snprintf(anon, sizeof(anon), "chr%d", chr_anon_count++);
        label = anon;
    }
    return chr_new_spec(label, spec, false);
}

/* ---- -chardev -------------------------------------------------------- */

static bool chr_opt_bool(QemuOpts *opts, const char *name, bool def,
                         bool *val)
{
    return qemu_opt_get_bool(opts, name, def, val);
}

Chardev *qemu_chr_new_from_opts(QemuOpts *opts)
{
    const char *backend = qemu_opt_get(opts, "backend");
    const char *id = qemu_opt_get(opts, "id");
    bool mux = false;
    Chardev *chr = NULL;
    char *base_label;

    if (!backend) {
        backend = qemu_opt_get(opts, "type");
    }
    if (!backend) {
        error_report("chardev: \"backend\" not specified");
        return NULL;
    }
    if (!id) {
        error_report("chardev: no id specified");
        return NULL;
    }
    if (qemu_chr_find(id)) {
        error_report("attempt to add duplicate property '%s'", id);
        return NULL;
    }
    if (!chr_opt_bool(opts, "mux", false, &mux)) {
        return NULL;
    }
    base_label = malloc(strlen(id) + 6);
    sprintf(base_label, mux ? "%s-base" : "%s", id);

    if (!strcmp(backend, "null")) {
        chr = chr_null_new(base_label);
    } else if (!strcmp(backend, "stdio")) {
        bool sig = true;

        if (chr_opt_bool(opts, "signal", true, &sig)) {
            if (chr_stdio) {
                error_report("cannot use stdio by multiple character "
                             "devices");
            } else {
                chr = chr_stdio_new(base_label, sig && !mux);
            }
        }
    } else if (!strcmp(backend, "file")) {
        const char *path = qemu_opt_get(opts, "path");

        if (!path) {
            error_report("chardev: file: no filename given");
        } else {
            chr = chr_file_new(base_label, path);
        }
    } else if (!strcmp(backend, "pty")) {
        chr = chr_pty_new(base_label);
    } else if (!strcmp(backend, "socket")) {
        const char *host = qemu_opt_get(opts, "host");
        const char *port = qemu_opt_get(opts, "port");
        const char *path = qemu_opt_get(opts, "path");
        bool server = false, wait = true, telnet = false;

        if (path) {
            if (chr_opt_bool(opts, "server", false, &server) &&
                chr_opt_bool(opts, "wait", true, &wait)) {
                chr = chr_unix_new(base_label, path, server, wait);
            }
        } else if (!port) {
            error_report("chardev: socket: 'port' (or a unix path) "
                         "is required");
        } else if (chr_opt_bool(opts, "server", false, &server) &&
                   chr_opt_bool(opts, "wait", true, &wait) &&
                   chr_opt_bool(opts, "telnet", false, &telnet)) {
            qemu_opt_get(opts, "nodelay");
            qemu_opt_get(opts, "ipv4");
            qemu_opt_get(opts, "ipv6");
            chr = chr_socket_new(base_label, host ? host : "", port, server,
                                 wait, telnet);
        }
    } else {
        error_report("'%s' is not a valid char driver name", backend);
    }
    free(base_label);
    if (!chr) {
        return NULL;
    }
    if (!qemu_opts_check_unused(opts, NULL)) {
        return NULL;
    }
    if (mux) {
        return chr_mux_new(id, chr);
    }
    return chr;
}

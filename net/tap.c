/*
 * net/tap.c: -netdev tap, a Linux TAP interface (/dev/net/tun).
 *
 *   -netdev tap,id=ID[,ifname=NAME][,script=FILE|no][,downscript=FILE|no]
 *               [,fd=N][,vnet_hdr=off]
 *
 * Opening /dev/net/tun and issuing TUNSETIFF with IFF_TAP | IFF_NO_PI
 * attaches the fd to interface NAME (created when missing; with no name
 * the kernel picks tapN and writes it back into the ifreq).  Each read()
 * then returns one Ethernet frame sent by the host to the interface and
 * each write() injects one frame as if received by it; without IFF_NO_PI
 * every frame would carry a 4-byte flags/protocol prefix, which we do not
 * want.  The interface disappears when the last fd is closed unless it
 * was made persistent (ip tuntap add).
 *
 * The fd is non-blocking and read by a main-loop fd handler: frames go to
 * the peer with qemu_send_packet.  When the peer refuses one (it is then
 * queued on our side) reading stops, so the kernel's queue, not ours,
 * absorbs the backlog; a realtime timer polls our queue and reading
 * resumes once the peer's flush (qemu_flush_queued_packets) emptied it.
 * Frames from the peer are written to the fd; what the kernel refuses
 * (too big, interface down, queue full) is dropped.
 *
 * script= runs with the interface name as its only argument after the
 * interface exists (QEMU's default /etc/qemu-ifup), downscript= likewise
 * when the backend goes away or at exit (/etc/qemu-ifdown); "no" skips.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "net/net-internal.h"
#include "qemu/error-report.h"
#include "qemu/main-loop.h"
#include "qemu/timer.h"

#define TAP_DEFAULT_SCRIPT      "/etc/qemu-ifup"
#define TAP_DEFAULT_DOWNSCRIPT  "/etc/qemu-ifdown"
/* Largest frame read at once: 64 KiB payload plus headers. */
#define TAP_BUF_SIZE            (65536 + 4096)
/* While the peer refuses frames: how often to look at our queue. */
#define TAP_POLL_MS             1

typedef struct TapState {
    NetClientState *nc;
    int fd;
    bool reading;                /* the fd read handler is installed */
    bool own_fd;                 /* opened here (not fd=) */
    char ifname[IFNAMSIZ];
    char *script, *downscript;   /* NULL for "no" */
    QEMUTimer *resume_timer;
    struct TapState *next;       /* live instances, for atexit */
    uint8_t buf[TAP_BUF_SIZE];
} TapState;

static TapState *tap_list;
static bool tap_atexit_done;

/* Run "script ifname"; false (after error_report) when it fails. */
static bool tap_run_script(const char *script, const char *ifname)
{
    pid_t pid;
    int status;

    fflush(NULL);
    pid = fork();
    if (pid < 0) {
        error_report("could not launch network script %s: %s", script,
                     strerror(errno));
        return false;
    }
    if (pid == 0) {
        int fd, maxfd = (int)sysconf(_SC_OPEN_MAX);

        /* Keep stdio; nothing else of ours leaks into the script. */
        for (fd = 3; fd < maxfd && fd < 65536; fd++) {
            close(fd);
        }
        execl(script, script, ifname, (char *)NULL);
        _exit(127);
    }
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            error_report("could not wait for network script %s: %s", script,
                         strerror(errno));
            return false;
        }
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        error_report("network script %s failed with status %d", script,
                     WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        return false;
    }
    return true;
}

static void tap_read(void *opaque);

static void tap_set_reading(TapState *s, bool on)
{
    if (s->reading == on) {
        return;
    }
    s->reading = on;
    qemu_set_fd_handler(s->fd, on ? tap_read : NULL, NULL, s);
}

/* Our queue is empty again: the peer flushed it, read the fd again. */
static void tap_resume_poll(void *opaque)
{
    TapState *s = opaque;

    if (s->nc->queue && net_queue_length(s->nc) == 0) {
        tap_set_reading(s, true);
        tap_read(s);             /* what arrived meanwhile */
    } else {
        timer_mod(s->resume_timer,
                  qemu_clock_get_ms(QEMU_CLOCK_REALTIME) + TAP_POLL_MS);
    }
}

static void tap_read(void *opaque)
{
    TapState *s = opaque;
    int budget = 256;            /* let the rest of the loop run too */

    while (budget-- > 0) {
        ssize_t n = read(s->fd, s->buf, sizeof(s->buf));

        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return;              /* EAGAIN, or nothing usable */
        }
        if (qemu_send_packet(s->nc, s->buf, (size_t)n) == 0) {
            /* Queued: the peer is full.  Wait for it to drain us. */
            tap_set_reading(s, false);
            timer_mod(s->resume_timer,
                      qemu_clock_get_ms(QEMU_CLOCK_REALTIME) + TAP_POLL_MS);
            return;
        }
    }
}

static ssize_t tap_receive(NetClientState *nc, const uint8_t *buf,
                           size_t size)
{
    TapState *s = nc->opaque;
    ssize_t n;

    do {
        n = write(s->fd, buf, size);
    } while (n < 0 && errno == EINTR);
    /* Refused by the kernel (EAGAIN, EINVAL, EIO when down): dropped. */
    return size;
}

static void tap_info_str(NetClientState *nc, char *buf, size_t len)
{
    TapState *s = nc->opaque;

    if (!s->own_fd) {
        snprintf(buf, len, "tap: fd=%d", s->fd);
        return;
    }
    snprintf(buf, len, "tap: ifname=%s script=%s downscript=%s", s->ifname,
             s->script ? s->script : "no",
             s->downscript ? s->downscript : "no");
}

static void tap_teardown(TapState *s)
{
    TapState **p;

    for (p = &tap_list; *p; p = &(*p)->next) {
        if (*p == s) {
            *p = s->next;
            break;
        }
    }
    if (s->resume_timer) {
        timer_del(s->resume_timer);
        timer_free(s->resume_timer);
        s->resume_timer = NULL;
    }
    if (s->fd >= 0) {
        tap_set_reading(s, false);
        if (s->downscript) {
            tap_run_script(s->downscript, s->ifname);
        }
        close(s->fd);
        s->fd = -1;
    }
    free(s->script);
    free(s->downscript);
    s->script = s->downscript = NULL;
}

static void tap_cleanup(NetClientState *nc)
{
    TapState *s = nc->opaque;

    tap_teardown(s);
    free(s);
}

/* At exit: every live interface's downscript (the fds close anyway). */
static void tap_atexit(void)
{
    while (tap_list) {
        TapState *s = tap_list;

        tap_list = s->next;
        s->next = NULL;
        if (s->downscript) {
            tap_run_script(s->downscript, s->ifname);
            free(s->downscript);
            s->downscript = NULL;
        }
    }
}

static const NetClientInfo tap_info = {
    .type = "tap",
    .receive = tap_receive,
    .cleanup = tap_cleanup,
    .info_str = tap_info_str,
};

/* "no" -> NULL, absent -> def, else the path. */
static char *tap_script_opt(QemuOpts *opts, const char *name, const char *def)
{
    const char *v = qemu_opt_get(opts, name);

    if (!v) {
        v = def;
    }
    if (!*v || strcmp(v, "no") == 0) {
        return NULL;
    }
    return strdup(v);
}

/* Open /dev/net/tun as a TAP interface named ifname ("" = kernel's
 * choice, written back): the fd, or -1 after error_report. */
static int tap_open(char ifname[IFNAMSIZ])
{
    struct ifreq ifr;
    int fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);

    if (fd < 0) {
        error_report("could not open /dev/net/tun: %s%s", strerror(errno),
                     errno == EACCES || errno == EPERM ?
                     " (tap needs CAP_NET_ADMIN or a persistent interface "
                     "owned by this user)" : "");
        return -1;
    }
    memset(&ifr, 0, sizeof(ifr));
    ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
    memcpy(ifr.ifr_name, ifname, IFNAMSIZ);
    if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
        error_report("could not configure /dev/net/tun (%s): %s",
                     *ifname ? ifname : "tap", strerror(errno));
        close(fd);
        return -1;
    }
    memcpy(ifname, ifr.ifr_name, IFNAMSIZ);
    ifname[IFNAMSIZ - 1] = '\0';
    return fd;
}

bool net_init_tap(QemuOpts *opts, const char *id)
{
    const char *ifname = qemu_opt_get(opts, "ifname");
    const char *fdstr = qemu_opt_get(opts, "fd");
    bool vnet_hdr = false;
    char name[IFNAMSIZ] = "";
    TapState *s;
    int fd;

    if (!qemu_opt_get_bool(opts, "vnet_hdr", false, &vnet_hdr)) {
        return false;
    }
    if (vnet_hdr) {
        error_report("tap: vnet_hdr=on is not supported");
        return false;
    }
    if (ifname && strlen(ifname) >= IFNAMSIZ) {
        error_report("tap: interface name '%s' is too long (at most %d "
                     "characters)", ifname, IFNAMSIZ - 1);
        return false;
    }
    if (fdstr && (ifname || qemu_opt_has(opts, "script") ||
                  qemu_opt_has(opts, "downscript"))) {
        error_report("ifname=, script= and downscript= are invalid with "
                     "fd=");
        return false;
    }
    /* Look every known option up so check_unused names only strangers. */
    qemu_opt_get(opts, "script");
    qemu_opt_get(opts, "downscript");
    if (!qemu_opts_check_unused(opts, NULL)) {
        return false;
    }

    s = calloc(1, sizeof(*s));
    if (!s) {
        error_report("tap: out of memory");
        return false;
    }
    s->fd = -1;
    if (fdstr) {
        char *end;
        long v = strtol(fdstr, &end, 10);
        struct stat st;

        if (!*fdstr || *end || v < 0 || v > 0x7fffffff ||
            fstat((int)v, &st) < 0) {
            error_report("tap: fd=%s is not an open file descriptor", fdstr);
            free(s);
            return false;
        }
        fd = (int)v;
        snprintf(s->ifname, sizeof(s->ifname), "fd%d", fd);
    } else {
        if (ifname) {
            snprintf(name, sizeof(name), "%s", ifname);
        }
        fd = tap_open(name);
        if (fd < 0) {
            free(s);
            return false;
        }
        s->own_fd = true;
        memcpy(s->ifname, name, IFNAMSIZ);
        s->script = tap_script_opt(opts, "script", TAP_DEFAULT_SCRIPT);
        s->downscript = tap_script_opt(opts, "downscript",
                                       TAP_DEFAULT_DOWNSCRIPT);
        if (s->script && !tap_run_script(s->script, s->ifname)) {
            free(s->script);
            free(s->downscript);
            close(fd);
            free(s);
            return false;
        }
    }
    if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) < 0) {
        error_report("tap: fd %d: %s", fd, strerror(errno));
        free(s->script);
        free(s->downscript);
        if (s->own_fd) {
            close(fd);
        }
        free(s);
        return false;
    }
    s->fd = fd;
    s->resume_timer = timer_new_ms(QEMU_CLOCK_REALTIME, tap_resume_poll, s);
    s->nc = qemu_new_net_client(&tap_info, NULL, id, s);
    s->next = tap_list;
    tap_list = s;
    if (!tap_atexit_done) {
        tap_atexit_done = true;
        atexit(tap_atexit);
    }
    tap_set_reading(s, true);
    return true;
}

/*
 * net/slirp.c: -netdev user, the user-mode network stack of libslirp.
 *
 *   -netdev user,id=ID[,net=ADDR[/MASK]][,host=ADDR][,dns=ADDR]
 *                [,dhcpstart=ADDR][,hostname=NAME][,restrict=on|off]
 *                [,ipv4=on|off][,ipv6=on|off][,tftp=DIR][,bootfile=FILE]
 *                [,hostfwd=[tcp|udp]:[HOSTADDR]:HOSTPORT-[GUESTADDR]:PORT]...
 *
 * Frames from the guest go to slirp_input; slirp's send_packet goes to
 * the peer (the NIC) with qemu_send_packet.  Slirp's sockets are polled
 * by a GSource of ours on glib's default context, which the main loop
 * (util/main-loop.c) iterates: prepare asks slirp_pollfds_fill for the
 * descriptors and the timeout, dispatch runs slirp_pollfds_poll (every
 * iteration: it also runs slirp's TCP timers, which have no fd).
 *
 * Slirp's clock and timers are QEMU_CLOCK_REALTIME: they time the host
 * side of connections (retransmissions, ARP and DHCP aging, IPv6 router
 * advertisements) and must keep running while the VM is stopped (-S, the
 * monitor's stop) so host sockets do not stall; the guest sees only the
 * frames, never slirp's notion of time.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "config-host.h"
#include "net/net-internal.h"
#include "qemu/error-report.h"

/* ---- hostfwd rules (parsed even without libslirp) ---- */

/* Cut str at the first sep: the part before it (str moves past it). */
static char *net_slirp_take(char **str, char sep)
{
    char *p = strchr(*str, sep), *tok = *str;

    if (!p) {
        return NULL;
    }
    *p = '\0';
    *str = p + 1;
    return tok;
}

static bool net_slirp_parse_port(const char *str, int *port)
{
    char *end;
    unsigned long v = strtoul(str, &end, 10);

    if (!*str || *end || v < 1 || v > 65535) {
        return false;
    }
    *port = (int)v;
    return true;
}

bool net_slirp_parse_hostfwd(const char *rule, struct in_addr default_guest,
                             NetSlirpHostfwd *fwd)
{
    char *copy = strdup(rule), *p = copy, *tok;
    const char *why = NULL;

    if (!copy) {
        return false;
    }
    memset(fwd, 0, sizeof(*fwd));
    tok = net_slirp_take(&p, ':');
    if (!tok) {
        why = "No : separators";
        goto fail;
    }
    if (!*tok || strcmp(tok, "tcp") == 0) {
        fwd->is_udp = false;
    } else if (strcmp(tok, "udp") == 0) {
        fwd->is_udp = true;
    } else {
        why = "Bad protocol name";
        goto fail;
    }
    tok = net_slirp_take(&p, ':');
    if (!tok) {
        why = "No : separators";
        goto fail;
    }
    fwd->host_addr.s_addr = INADDR_ANY;
    if (*tok && inet_pton(AF_INET, tok, &fwd->host_addr) != 1) {
        why = "Bad host address";
        goto fail;
    }
    tok = net_slirp_take(&p, '-');
    if (!tok) {
        why = "No - separator";
        goto fail;
    }
    if (!net_slirp_parse_port(tok, &fwd->host_port)) {
        why = "Bad host port";
        goto fail;
    }
    tok = net_slirp_take(&p, ':');
    if (!tok) {
        why = "No : separators";
        goto fail;
    }
    fwd->guest_addr = default_guest;
    if (*tok && inet_pton(AF_INET, tok, &fwd->guest_addr) != 1) {
        why = "Bad guest address";
        goto fail;
    }
    if (!net_slirp_parse_port(p, &fwd->guest_port)) {
        why = "Bad guest port";
        goto fail;
    }
    free(copy);
    return true;

fail:
    error_report("Invalid host forwarding rule '%s' (%s)", rule, why);
    free(copy);
    return false;
}

#ifdef CONFIG_SLIRP

#include <glib.h>
#include <libslirp.h>

#include "qemu/log.h"
#include "qemu/main-loop.h"
#include "qemu/timer.h"

typedef struct NetSlirpState NetSlirpState;

typedef struct NetSlirpSource {
    GSource source;
    NetSlirpState *s;
} NetSlirpSource;

struct NetSlirpState {
    NetClientState *nc;
    Slirp *slirp;
    NetSlirpSource *src;
    /* The descriptors of the current poll round (owned by src). */
    GPollFD *pfds;
    int npfds, cap_pfds;
    int nregistered;
    struct in_addr net, mask, host, dhcp;
    bool restricted;
};

typedef struct NetSlirpTimer {
    QEMUTimer *timer;
    NetSlirpState *s;
    SlirpTimerCb cb;             /* timer_new: call cb(cb_opaque) */
    SlirpTimerId id;             /* timer_new_opaque: slirp_handle_timer */
    void *cb_opaque;
} NetSlirpTimer;

/* ---- slirp's callbacks ---- */

static ssize_t net_slirp_send_packet(const void *buf, size_t len,
                                     void *opaque)
{
    NetSlirpState *s = opaque;

    /* Dropped frames are fine: TCP retransmits, the rest is datagrams. */
    qemu_send_packet(s->nc, buf, len);
    return len;
}

static void net_slirp_guest_error(const char *msg, void *opaque)
{
    (void)opaque;
    qemu_log_mask(LOG_GUEST_ERROR, "slirp: %s\n", msg);
}

static int64_t net_slirp_clock_get_ns(void *opaque)
{
    (void)opaque;
    return qemu_clock_get_ns(QEMU_CLOCK_REALTIME);
}

static void net_slirp_timer_fire(void *opaque)
{
    NetSlirpTimer *t = opaque;

    if (t->cb) {
        t->cb(t->cb_opaque);
    } else if (t->s->slirp) {
        slirp_handle_timer(t->s->slirp, t->id, t->cb_opaque);
    }
}

static NetSlirpTimer *net_slirp_timer_alloc(NetSlirpState *s)
{
    NetSlirpTimer *t = g_new0(NetSlirpTimer, 1);

    t->s = s;
    t->timer = timer_new_ms(QEMU_CLOCK_REALTIME, net_slirp_timer_fire, t);
    return t;
}

static void *net_slirp_timer_new(SlirpTimerCb cb, void *cb_opaque,
                                 void *opaque)
{
    NetSlirpTimer *t = net_slirp_timer_alloc(opaque);

    t->cb = cb;
    t->cb_opaque = cb_opaque;
    return t;
}

static void *net_slirp_timer_new_opaque(SlirpTimerId id, void *cb_opaque,
                                        void *opaque)
{
    NetSlirpTimer *t = net_slirp_timer_alloc(opaque);

    t->id = id;
    t->cb_opaque = cb_opaque;
    return t;
}

static void net_slirp_timer_free(void *timer, void *opaque)
{
    NetSlirpTimer *t = timer;

    (void)opaque;
    timer_free(t->timer);
    g_free(t);
}

static void net_slirp_timer_mod(void *timer, int64_t expire_ms, void *opaque)
{
    NetSlirpTimer *t = timer;

    (void)opaque;
    timer_mod(t->timer, expire_ms);
}

static void net_slirp_register_poll_fd(int fd, void *opaque)
{
    (void)fd;
    (void)opaque;                /* every round asks slirp afresh */
}

static void net_slirp_unregister_poll_fd(int fd, void *opaque)
{
    (void)fd;
    (void)opaque;
}

static void net_slirp_notify(void *opaque)
{
    (void)opaque;
    qemu_notify_event();
}

static const SlirpCb net_slirp_cb = {
    .send_packet = net_slirp_send_packet,
    .guest_error = net_slirp_guest_error,
    .clock_get_ns = net_slirp_clock_get_ns,
    .timer_new = net_slirp_timer_new,
    .timer_free = net_slirp_timer_free,
    .timer_mod = net_slirp_timer_mod,
    .register_poll_fd = net_slirp_register_poll_fd,
    .unregister_poll_fd = net_slirp_unregister_poll_fd,
    .notify = net_slirp_notify,
#if SLIRP_CONFIG_VERSION_MAX >= 4
    .timer_new_opaque = net_slirp_timer_new_opaque,
#endif
};

/* ---- polling: a GSource on the default context ---- */

static int net_slirp_add_poll(int fd, int events, void *opaque)
{
    NetSlirpState *s = opaque;
    GPollFD *p;

    if (s->npfds == s->cap_pfds) {
        s->cap_pfds = s->cap_pfds ? s->cap_pfds * 2 : 16;
        s->pfds = g_renew(GPollFD, s->pfds, s->cap_pfds);
    }
    p = &s->pfds[s->npfds];
    p->fd = fd;
    p->events = (events & SLIRP_POLL_IN ? G_IO_IN : 0) |
                (events & SLIRP_POLL_OUT ? G_IO_OUT : 0) |
                (events & SLIRP_POLL_PRI ? G_IO_PRI : 0) |
                (events & SLIRP_POLL_ERR ? G_IO_ERR : 0) |
                (events & SLIRP_POLL_HUP ? G_IO_HUP : 0);
    p->revents = 0;
    return s->npfds++;
}

static int net_slirp_get_revents(int idx, void *opaque)
{
    NetSlirpState *s = opaque;
    int r, ev = 0;

    if (idx < 0 || idx >= s->npfds) {
        return 0;
    }
    r = s->pfds[idx].revents;
    ev |= r & G_IO_IN ? SLIRP_POLL_IN : 0;
    ev |= r & G_IO_OUT ? SLIRP_POLL_OUT : 0;
    ev |= r & G_IO_PRI ? SLIRP_POLL_PRI : 0;
    ev |= r & (G_IO_ERR | G_IO_NVAL) ? SLIRP_POLL_ERR : 0;
    ev |= r & G_IO_HUP ? SLIRP_POLL_HUP : 0;
    return ev;
}

static void net_slirp_unregister_all(NetSlirpState *s)
{
    int i;

    for (i = 0; i < s->nregistered; i++) {
        g_source_remove_poll(&s->src->source, &s->pfds[i]);
    }
    s->nregistered = 0;
}

static gboolean net_slirp_prepare(GSource *source, gint *timeout)
{
    NetSlirpState *s = ((NetSlirpSource *)source)->s;
    uint32_t t = UINT32_MAX;
    int i;

    /* The array may move while slirp fills it: register afterwards. */
    net_slirp_unregister_all(s);
    s->npfds = 0;
    slirp_pollfds_fill(s->slirp, &t, net_slirp_add_poll, s);
    for (i = 0; i < s->npfds; i++) {
        g_source_add_poll(source, &s->pfds[i]);
    }
    s->nregistered = s->npfds;
    *timeout = t == UINT32_MAX || t > G_MAXINT ? -1 : (gint)t;
    return FALSE;
}

static gboolean net_slirp_check(GSource *source)
{
    (void)source;
    return TRUE;                 /* slirp's timers need a poll every round */
}

static gboolean net_slirp_dispatch(GSource *source, GSourceFunc cb,
                                   gpointer data)
{
    NetSlirpState *s = ((NetSlirpSource *)source)->s;

    (void)cb;
    (void)data;
    slirp_pollfds_poll(s->slirp, 0, net_slirp_get_revents, s);
    return G_SOURCE_CONTINUE;
}

static GSourceFuncs net_slirp_source_funcs = {
    .prepare = net_slirp_prepare,
    .check = net_slirp_check,
    .dispatch = net_slirp_dispatch,
};

/* ---- the client ---- */

static ssize_t net_slirp_receive(NetClientState *nc, const uint8_t *buf,
                                 size_t size)
{
    NetSlirpState *s = nc->opaque;

    slirp_input(s->slirp, buf, (int)size);
    if (!qemu_main_loop_is_current_thread()) {
        /* From a vCPU (virtio-net tx): slirp may have opened a socket
         * the main loop's current poll does not watch yet. */
        qemu_notify_event();
    }
    return size;
}

static void net_slirp_cleanup(NetClientState *nc)
{
    NetSlirpState *s = nc->opaque;

    if (s->src) {
        net_slirp_unregister_all(s);
        g_source_destroy(&s->src->source);
        g_source_unref(&s->src->source);
        s->src = NULL;
    }
    if (s->slirp) {
        slirp_cleanup(s->slirp);
        s->slirp = NULL;
    }
    g_free(s->pfds);
    g_free(s);
    nc->opaque = NULL;
}

static void net_slirp_info_str(NetClientState *nc, char *buf, size_t len)
{
    NetSlirpState *s = nc->opaque;

    snprintf(buf, len, "net=%s,restrict=%s", inet_ntoa(s->net),
             s->restricted ? "on" : "off");
}

static const NetClientInfo net_slirp_info = {
    .type = "user",
    .receive = net_slirp_receive,
    .cleanup = net_slirp_cleanup,
    .info_str = net_slirp_info_str,
};

/* ---- options ---- */

/* "a.b.c.d[/prefix|/a.b.c.d]" */
static bool net_slirp_parse_net(const char *str, struct in_addr *net,
                                struct in_addr *mask)
{
    char buf[64];
    char *slash, *end;
    unsigned long bits;

    if (strlen(str) >= sizeof(buf)) {
        error_report("Failed to parse netmask");
        return false;
    }
    strcpy(buf, str);
    slash = strchr(buf, '/');
    mask->s_addr = htonl(0xffffff00);
    if (slash) {
        *slash++ = '\0';
        if (strchr(slash, '.')) {
            if (inet_pton(AF_INET, slash, mask) != 1) {
                error_report("Failed to parse netmask");
                return false;
            }
        } else {
            bits = strtoul(slash, &end, 10);
            if (!*slash || *end || bits < 1 || bits > 32) {
                error_report("Invalid netmask provided (must be in range "
                             "1-32)");
                return false;
            }
            mask->s_addr = htonl(bits == 32 ? 0xffffffffu :
                                 ~(0xffffffffu >> bits));
        }
    }
    if (inet_pton(AF_INET, buf, net) != 1) {
        error_report("Failed to parse netmask");
        return false;
    }
    if (net->s_addr & ~mask->s_addr) {
        error_report("Network '%s' and netmask do not match", buf);
        return false;
    }
    return true;
}

static bool net_slirp_parse_addr(QemuOpts *opts, const char *name,
                                 struct in_addr net, struct in_addr mask,
                                 uint32_t host_part, struct in_addr *addr,
                                 const char *what)
{
    const char *str = qemu_opt_get(opts, name);

    if (!str) {
        addr->s_addr = htonl(ntohl(net.s_addr) | host_part);
        return true;
    }
    if (inet_pton(AF_INET, str, addr) != 1) {
        error_report("Failed to parse %s", name);
        return false;
    }
    if ((addr->s_addr & mask.s_addr) != net.s_addr) {
        error_report("%s doesn't belong to network", what);
        return false;
    }
    return true;
}

bool net_init_slirp(QemuOpts *opts, const char *id)
{
    SlirpConfig cfg;
    NetSlirpState *s;
    struct in_addr net, mask, host, dns, dhcp;
    const char *str;
    bool restricted = false, ipv4 = true, ipv6 = true;
    int i;

    str = qemu_opt_get(opts, "net");
    if (str) {
        if (!net_slirp_parse_net(str, &net, &mask)) {
            return false;
        }
    } else {
        inet_pton(AF_INET, "10.0.2.0", &net);
        inet_pton(AF_INET, "255.255.255.0", &mask);
    }
    if (!net_slirp_parse_addr(opts, "host", net, mask, 2, &host, "Host") ||
        !net_slirp_parse_addr(opts, "dns", net, mask, 3, &dns,
                              "DNS server") ||
        !net_slirp_parse_addr(opts, "dhcpstart", net, mask, 15, &dhcp,
                              "DHCP")) {
        return false;
    }
    if (host.s_addr == dns.s_addr || host.s_addr == dhcp.s_addr) {
        error_report("Host address must differ from the DNS server and "
                     "the DHCP start");
        return false;
    }
    if (!qemu_opt_get_bool(opts, "restrict", false, &restricted) ||
        !qemu_opt_get_bool(opts, "ipv4", true, &ipv4) ||
        !qemu_opt_get_bool(opts, "ipv6", true, &ipv6)) {
        return false;
    }
    if (!ipv4 && !ipv6) {
        error_report("IPv4 and IPv6 disabled together");
        return false;
    }

    memset(&cfg, 0, sizeof(cfg));
    cfg.version = SLIRP_CONFIG_VERSION_MAX < 4 ? SLIRP_CONFIG_VERSION_MAX : 4;
    cfg.restricted = restricted;
    cfg.in_enabled = ipv4;
    cfg.vnetwork = net;
    cfg.vnetmask = mask;
    cfg.vhost = host;
    cfg.in6_enabled = ipv6;
    inet_pton(AF_INET6, "fec0::", &cfg.vprefix_addr6);
    cfg.vprefix_len = 64;
    inet_pton(AF_INET6, "fec0::2", &cfg.vhost6);
    inet_pton(AF_INET6, "fec0::3", &cfg.vnameserver6);
    cfg.vhostname = qemu_opt_get(opts, "hostname");
    cfg.tftp_path = qemu_opt_get(opts, "tftp");
    cfg.bootfile = qemu_opt_get(opts, "bootfile");
    cfg.vdhcp_start = dhcp;
    cfg.vnameserver = dns;

    /* Every hostfwd= (qemu_opt_get sees only the last). */
    for (i = 0; i < opts->n; i++) {
        NetSlirpHostfwd fwd;

        if (strcmp(opts->opt[i].name, "hostfwd") != 0) {
            continue;
        }
        opts->opt[i].used = true;
        if (!net_slirp_parse_hostfwd(opts->opt[i].value, dhcp, &fwd)) {
            return false;
        }
    }
    if (!qemu_opts_check_unused(opts, NULL)) {
        return false;
    }

    s = g_new0(NetSlirpState, 1);
    s->net = net;
    s->mask = mask;
    s->host = host;
    s->dhcp = dhcp;
    s->restricted = restricted;
    s->nc = qemu_new_net_client(&net_slirp_info, NULL, id, s);
    s->slirp = slirp_new(&cfg, &net_slirp_cb, s);
    if (!s->slirp) {
        error_report("slirp: could not set up the user network stack");
        qemu_del_net_client(s->nc);
        return false;
    }
    for (i = 0; i < opts->n; i++) {
        NetSlirpHostfwd fwd;

        if (strcmp(opts->opt[i].name, "hostfwd") != 0) {
            continue;
        }
        net_slirp_parse_hostfwd(opts->opt[i].value, dhcp, &fwd);
        if (slirp_add_hostfwd(s->slirp, fwd.is_udp, fwd.host_addr,
                              fwd.host_port, fwd.guest_addr,
                              fwd.guest_port) < 0) {
            error_report("Could not set up host forwarding rule '%s'",
                         opts->opt[i].value);
            qemu_del_net_client(s->nc);
            return false;
        }
    }
    s->src = (NetSlirpSource *)g_source_new(&net_slirp_source_funcs,
                                            sizeof(NetSlirpSource));
    s->src->s = s;
    g_source_set_name(&s->src->source, "qemu-slirp");
    g_source_attach(&s->src->source, NULL);
    qemu_notify_event();
    return true;
}

#else /* !CONFIG_SLIRP */

bool net_init_slirp(QemuOpts *opts, const char *id)
{
    (void)opts;
    (void)id;
    error_report("-netdev user: this build has no libslirp support");
    return false;
}

#endif

/*
 * test-net.c: net/net.c (peers, per-sender queues, flushing, info
 * network, MAC helpers), -netdev option errors, and -netdev user
 * (net/slirp.c) driven by a fake guest NIC over the real main loop:
 * ARP for the gateway, DHCP DISCOVER -> OFFER, and a host connection
 * to a hostfwd port arriving at the guest as a TCP SYN.  Frames are
 * built by hand from the protocol layouts.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "config-host.h"
#include "net/net-internal.h"
#include "net/net.h"
#include "qemu/main-loop.h"
#include "qemu/option.h"
#include "tests/unit/tap.h"
#include "tests/unit/vl-capture.h"

/* ---- stderr capture (error_report) ---- */

/* What error_report printed between cap_start and cap_end. */
static Capture cap;
static const char *cap_text = "";

static void cap_start(void)
{
    capture_begin(&cap, stderr);
}

static const char *cap_end(void)
{
    return cap_text = capture_end(&cap);
}

/* ---- a fake client recording what it receives ---- */

#define REC_MAX 64

typedef struct Rec {
    bool busy;                   /* can_receive false */
    bool full;                   /* receive returns 0 */
    int n;
    size_t len[REC_MAX];
    uint8_t data[REC_MAX][1600];
} Rec;

static bool rec_can_receive(NetClientState *nc)
{
    return !((Rec *)nc->opaque)->busy;
}

static ssize_t rec_receive(NetClientState *nc, const uint8_t *buf,
                           size_t size)
{
    Rec *r = nc->opaque;

    if (r->full) {
        return 0;
    }
    if (r->n < REC_MAX) {
        r->len[r->n] = size;
        memcpy(r->data[r->n], buf, size < 1600 ? size : 1600);
        r->n++;
    }
    return size;
}

static void rec_info_str(NetClientState *nc, char *buf, size_t len)
{
    (void)nc;
    snprintf(buf, len, "model=fake");
}

static const NetClientInfo rec_info = {
    .type = "fake-nic",
    .can_receive = rec_can_receive,
    .receive = rec_receive,
    .info_str = rec_info_str,
};

static const NetClientInfo sender_info = {
    .type = "fake-sender",
};

static void test_queue(void)
{
    Rec *r = calloc(1, sizeof(*r));
    NetClientState *b = qemu_new_net_client(&rec_info, NULL, "b", r);
    NetClientState *a = qemu_new_net_client(&sender_info, b, "a", NULL);
    NetClientState *lone = qemu_new_net_client(&sender_info, NULL, "l", NULL);
    uint8_t f[3][4] = { { 1, 1, 1, 1 }, { 2, 2 }, { 3, 3, 3 } };
    bool ok;

    tap_report(a->peer == b && b->peer == a, "new client with peer links both");
    tap_report(qemu_send_packet(lone, f[0], 4) < 0, "no peer: dropped (<0)");
    tap_report(qemu_send_packet(a, f[0], 4) == 4 && r->n == 1 &&
               r->len[0] == 4 && r->data[0][0] == 1,
               "idle peer: delivered at once");

    r->n = 0;
    r->busy = true;
    ok = qemu_send_packet(a, f[0], 4) == 0 &&
         qemu_send_packet(a, f[1], 2) == 0 &&
         qemu_send_packet(a, f[2], 3) == 0;
    tap_report(ok && r->n == 0 && net_queue_length(a) == 3,
               "busy peer: three frames queued on the sender");
    qemu_flush_queued_packets(b);
    tap_report(r->n == 0 && net_queue_length(a) == 3,
               "flush while still busy delivers nothing");
    r->busy = false;
    qemu_flush_queued_packets(b);
    tap_report(r->n == 3 && r->data[0][0] == 1 && r->len[0] == 4 &&
               r->data[1][0] == 2 && r->len[1] == 2 &&
               r->data[2][0] == 3 && r->len[2] == 3 &&
               net_queue_length(a) == 0,
               "flush delivers in order (1, 2, 3) and empties the queue");

    /* receive returning 0 queues too; later frames wait behind it. */
    r->n = 0;
    r->full = true;
    tap_report(qemu_send_packet(a, f[2], 3) == 0 && net_queue_length(a) == 1,
               "receive() == 0: frame queued");
    r->full = false;
    tap_report(qemu_send_packet(a, f[1], 2) == 0 && r->n == 0 &&
               net_queue_length(a) == 2,
               "a later frame queues behind the waiting one");
    qemu_flush_queued_packets(b);
    tap_report(r->n == 2 && r->data[0][0] == 3 && r->data[1][0] == 2,
               "then both arrive in send order");

    r->n = 0;
    a->link_down = true;
    tap_report(qemu_send_packet(a, f[0], 4) == 4 && r->n == 0 &&
               net_queue_length(a) == 0, "link down: frame lost, not queued");
    a->link_down = false;

    r->busy = true;
    qemu_send_packet(a, f[0], 4);
    qemu_del_net_client(b);
    tap_report(a->peer == NULL && net_queue_length(a) == 0,
               "deleting the receiver unlinks the peer, drops its frames");
    qemu_del_net_client(a);
    qemu_del_net_client(lone);
    free(r);
}

static void test_mac(void)
{
    uint8_t m[6], m2[6];
    static const uint8_t want[6] = { 0x52, 0x54, 0x00, 0xab, 0xcd, 0xef };

    tap_report(qemu_parse_macaddr("52:54:00:AB:cd:ef", m) &&
               memcmp(m, want, 6) == 0, "parse 52:54:00:AB:cd:ef");
    tap_report(!qemu_parse_macaddr("52:54:00:ab:cd", m) &&
               !qemu_parse_macaddr("52:54:00:ab:cd:ef:00", m) &&
               !qemu_parse_macaddr("52:54:00:ab:cd:eg", m) &&
               !qemu_parse_macaddr("zz", m) &&
               !qemu_parse_macaddr("5:54:00:ab:cd:ef", m),
               "reject short, long and non-hex MACs");
    qemu_macaddr_default(m);
    qemu_macaddr_default(m2);
    tap_report(m[0] == 0x52 && m[1] == 0x54 && m[2] == 0 && m[3] == 0x12 &&
               m[4] == 0x34 && m[5] == 0x56 && m2[5] == 0x57,
               "default MACs 52:54:00:12:34:56, then :57");
}

/* net_init_netdev on str: the result, with stderr in cap_text. */
static bool try_netdev(const char *str)
{
    QemuOpts *opts;
    bool ok;

    cap_start();
    opts = qemu_opts_parse(str, "type");
    ok = opts && net_init_netdev(opts);
    cap_end();
    qemu_opts_free(opts);
    return ok;
}

static void expect_fail(const char *str, const char *msg)
{
    bool ok = try_netdev(str);

    if (!tap_report(!ok && strstr(cap_text, msg), "-netdev %s: %s", str,
                    msg)) {
        tap_diag("got: %s", cap_text);
    }
}

static void test_options(void)
{
    struct in_addr guest;
    NetSlirpHostfwd fwd;

    inet_aton("10.0.2.15", &guest);
    tap_report(net_slirp_parse_hostfwd("tcp:127.0.0.1:2222-10.0.2.16:22",
                                       guest, &fwd) &&
               !fwd.is_udp && fwd.host_addr.s_addr == htonl(0x7f000001) &&
               fwd.host_port == 2222 &&
               fwd.guest_addr.s_addr == htonl(0x0a000210) &&
               fwd.guest_port == 22, "hostfwd tcp:127.0.0.1:2222-10.0.2.16:22");
    tap_report(net_slirp_parse_hostfwd("udp::5555-:53", guest, &fwd) &&
               fwd.is_udp && fwd.host_addr.s_addr == INADDR_ANY &&
               fwd.host_port == 5555 && fwd.guest_addr.s_addr ==
               guest.s_addr && fwd.guest_port == 53,
               "hostfwd udp::5555-:53 (defaults: any, dhcpstart)");

    expect_fail("user", "Parameter 'id' is missing");
    expect_fail("foo,id=x", "Parameter 'type' does not accept value 'foo'");
    expect_fail("tap,id=t,vnet_hdr=on", "vnet_hdr=on is not supported");
    expect_fail("user,id=a,hostfwd=bad", "(No : separators)");
    expect_fail("user,id=a,hostfwd=tcp::99999-:22", "(Bad host port)");
    expect_fail("user,id=a,hostfwd=sctp::22-:22", "(Bad protocol name)");
    expect_fail("user,id=a,hostfwd=tcp:1.2.3:22-:22", "(Bad host address)");
    expect_fail("user,id=a,hostfwd=tcp::22-:x", "(Bad guest port)");
    expect_fail("user,id=a,hostfwd=tcp::2200-:22,hostfwd=tcp::1-1:22",
                "Invalid host forwarding rule 'tcp::1-1:22' "
                "(Bad guest address)");
#ifdef CONFIG_SLIRP
    expect_fail("user,id=a,foo=1", "Invalid parameter 'foo'");
    expect_fail("user,id=a,net=300.0.0.0/8", "Failed to parse netmask");
    expect_fail("user,id=a,net=10.0.2.0/33", "Invalid netmask");
    expect_fail("user,id=a,host=10.0.3.2", "Host doesn't belong to network");
    expect_fail("user,id=a,restrict=maybe", "restrict");
    tap_report(qemu_find_netdev("a") == NULL,
               "failed -netdev leaves no client behind");
#else
    expect_fail("user,id=a", "no libslirp support");
#endif
}

#ifdef CONFIG_SLIRP

/* ---- frames ---- */

static const uint8_t guest_mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
static const uint8_t slirp_mac[6] = { 0x52, 0x55, 0x0a, 0x00, 0x02, 0x02 };

static void put16(uint8_t *p, unsigned v)
{
    p[0] = v >> 8;
    p[1] = v & 0xff;
}

static unsigned get16(const uint8_t *p)
{
    return p[0] << 8 | p[1];
}

static void put_ip(uint8_t *p, const char *s)
{
    struct in_addr a;

    inet_aton(s, &a);
    memcpy(p, &a, 4);
}

static bool is_ip(const uint8_t *p, const char *s)
{
    struct in_addr a;

    inet_aton(s, &a);
    return memcmp(p, &a, 4) == 0;
}

static unsigned ip_checksum(const uint8_t *p, size_t len)
{
    uint32_t sum = 0;
    size_t i;

    for (i = 0; i + 1 < len; i += 2) {
        sum += get16(p + i);
    }
    while (sum >> 16) {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return ~sum & 0xffff;
}

static size_t build_arp(uint8_t *f, unsigned op, const uint8_t *tha,
                        const char *spa, const char *tpa)
{
    memset(f, 0, 60);
    memset(f, 0xff, 6);
    memcpy(f + 6, guest_mac, 6);
    put16(f + 12, 0x0806);
    put16(f + 14, 1);            /* Ethernet */
    put16(f + 16, 0x0800);       /* IPv4 */
    f[18] = 6;
    f[19] = 4;
    put16(f + 20, op);
    memcpy(f + 22, guest_mac, 6);
    put_ip(f + 28, spa);
    memcpy(f + 32, tha, 6);
    put_ip(f + 38, tpa);
    if (op == 2) {
        memcpy(f, tha, 6);
    }
    return 60;
}

#define BOOTP_LEN (236 + 312)

static size_t build_dhcp_discover(uint8_t *f)
{
    uint8_t *ip = f + 14, *udp = ip + 20, *bp = udp + 8;
    size_t iplen = 20 + 8 + BOOTP_LEN;

    memset(f, 0, 14 + iplen);
    memset(f, 0xff, 6);
    memcpy(f + 6, guest_mac, 6);
    put16(f + 12, 0x0800);
    ip[0] = 0x45;
    put16(ip + 2, iplen);
    put16(ip + 4, 0x1234);
    ip[8] = 64;
    ip[9] = 17;                  /* UDP */
    put_ip(ip + 12, "0.0.0.0");
    put_ip(ip + 16, "255.255.255.255");
    put16(ip + 10, ip_checksum(ip, 20));
    put16(udp, 68);
    put16(udp + 2, 67);
    put16(udp + 4, 8 + BOOTP_LEN);   /* checksum 0: none */
    bp[0] = 1;                   /* BOOTREQUEST */
    bp[1] = 1;
    bp[2] = 6;
    bp[4] = 0xde; bp[5] = 0xad; bp[6] = 0xbe; bp[7] = 0xef;   /* xid */
    memcpy(bp + 28, guest_mac, 6);
    bp[236] = 99; bp[237] = 130; bp[238] = 83; bp[239] = 99;
    bp[240] = 53;                /* DHCP message type */
    bp[241] = 1;
    bp[242] = 1;                 /* DISCOVER */
    bp[243] = 255;
    return 14 + iplen;
}

/* ---- the guest and the loop ---- */

static Rec *guest;
static NetClientState *guest_nc;

static int64_t now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

typedef bool FrameMatch(const uint8_t *f, size_t len);

/* Run the main loop until a received frame matches (bounded: 3 s). */
static int wait_frame(FrameMatch *match, int from)
{
    int64_t end = now_ms() + 3000;
    int i = from;

    for (;;) {
        for (; i < guest->n; i++) {
            if (match(guest->data[i], guest->len[i])) {
                return i;
            }
        }
        if (now_ms() > end) {
            return -1;
        }
        main_loop_wait(true);
        usleep(2000);
    }
}

static bool match_arp_reply(const uint8_t *f, size_t len)
{
    return len >= 42 && get16(f + 12) == 0x0806 && get16(f + 20) == 2;
}

static bool match_dhcp_offer(const uint8_t *f, size_t len)
{
    return len >= 14 + 20 + 8 + 240 && get16(f + 12) == 0x0800 &&
           f[14 + 9] == 17 && get16(f + 34) == 67 && get16(f + 36) == 68;
}

static bool match_syn(const uint8_t *f, size_t len)
{
    return len >= 14 + 20 + 20 && get16(f + 12) == 0x0800 &&
           f[14 + 9] == 6 && (f[14 + 20 + 13] & 0x02);
}

static void test_slirp_arp_dhcp(void)
{
    uint8_t f[1600];
    const uint8_t *r, *bp, *opt;
    size_t len;
    int i;
    bool ok;

    tap_report(try_netdev("user,id=n0"), "-netdev user,id=n0 created");
    expect_fail("user,id=n0", "Duplicate ID 'n0' for netdev");
    guest = calloc(1, sizeof(*guest));
    guest_nc = qemu_new_net_client(&rec_info, qemu_find_netdev("n0"),
                                   "guest0", guest);
    if (!tap_report(guest_nc->peer != NULL, "fake NIC attached to n0")) {
        return;
    }

    len = build_arp(f, 1, (const uint8_t *)"\0\0\0\0\0\0", "10.0.2.15",
                    "10.0.2.2");
    qemu_send_packet(guest_nc, f, len);
    i = wait_frame(match_arp_reply, 0);
    if (tap_report(i >= 0, "ARP request for 10.0.2.2 answered")) {
        r = guest->data[i];
        tap_report(memcmp(r, guest_mac, 6) == 0 &&
                   memcmp(r + 6, slirp_mac, 6) == 0,
                   "ARP reply: eth dst guest MAC, src 52:55:0a:00:02:02");
        tap_report(get16(r + 14) == 1 && get16(r + 16) == 0x0800 &&
                   r[18] == 6 && r[19] == 4 &&
                   memcmp(r + 22, slirp_mac, 6) == 0 &&
                   is_ip(r + 28, "10.0.2.2") &&
                   memcmp(r + 32, guest_mac, 6) == 0 &&
                   is_ip(r + 38, "10.0.2.15"),
                   "ARP reply: sha/spa 10.0.2.2, tha/tpa the guest");
    }

    len = build_dhcp_discover(f);
    qemu_send_packet(guest_nc, f, len);
    i = wait_frame(match_dhcp_offer, 0);
    if (tap_report(i >= 0, "DHCP DISCOVER answered")) {
        r = guest->data[i];
        bp = r + 14 + 20 + 8;
        tap_report(bp[0] == 2 && bp[4] == 0xde && bp[7] == 0xef &&
                   is_ip(bp + 16, "10.0.2.15") &&
                   memcmp(bp + 28, guest_mac, 6) == 0,
                   "BOOTREPLY, same xid, yiaddr 10.0.2.15, our chaddr");
        ok = false;
        for (opt = bp + 240; opt < r + guest->len[i] && *opt != 255;
             opt += 2 + opt[1]) {
            if (*opt == 0) {
                opt -= 1;        /* pad */
                continue;
            }
            if (opt[0] == 53 && opt[1] == 1 && opt[2] == 2) {
                ok = true;
            }
        }
        tap_report(ok, "DHCP message type 2 (OFFER)");
    }
}

static bool match_arp_request_for_guest(const uint8_t *f, size_t len)
{
    return len >= 42 && get16(f + 12) == 0x0806 && get16(f + 20) == 1 &&
           is_ip(f + 38, "10.0.2.15");
}

static int free_port(void)
{
    struct sockaddr_in sa;
    socklen_t sl = sizeof(sa);
    int fd = socket(AF_INET, SOCK_STREAM, 0), port;

    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, (struct sockaddr *)&sa, sizeof(sa));
    getsockname(fd, (struct sockaddr *)&sa, &sl);
    port = ntohs(sa.sin_port);
    close(fd);
    return port;
}

static void test_slirp_hostfwd(void)
{
    char opt[128];
    struct sockaddr_in sa;
    int port = free_port(), fd, i, busy;
    NetClientState *nc;
    Rec *g2 = calloc(1, sizeof(*g2));
    const uint8_t *r;
    uint8_t f[64];

    snprintf(opt, sizeof(opt), "user,id=n1,hostfwd=tcp:127.0.0.1:%d-:2222",
             port);
    if (!tap_report(try_netdev(opt), "-netdev %s", opt)) {
        tap_diag("%s", cap_text);
        return;
    }
    snprintf(opt, sizeof(opt), "user,id=n2,hostfwd=tcp:127.0.0.1:%d-:22",
             port);
    tap_report(!try_netdev(opt) &&
               strstr(cap_text, "Could not set up host forwarding rule") &&
               !qemu_find_netdev("n2"),
               "the same host port again: error, no netdev");

    /* Swap the recorder: g2 is the guest on n1. */
    guest = g2;
    nc = qemu_new_net_client(&rec_info, qemu_find_netdev("n1"), "guest1", g2);

    fd = socket(AF_INET, SOCK_STREAM, 0);
    fcntl(fd, F_SETFL, O_NONBLOCK);
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    tap_report(connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0 ||
               errno == EINPROGRESS, "connect to 127.0.0.1:%d", port);

    /* Slirp does not know the guest's MAC yet: it asks first. */
    i = wait_frame(match_arp_request_for_guest, 0);
    busy = i;
    if (i >= 0) {
        qemu_send_packet(nc, f, build_arp(f, 2, slirp_mac, "10.0.2.15",
                                          "10.0.2.2"));
    }
    i = wait_frame(match_syn, 0);
    if (tap_report(i >= 0, "a TCP SYN reaches the guest (ARP asked: %s)",
                   busy >= 0 ? "yes" : "no")) {
        r = guest->data[i] + 14;
        tap_report(is_ip(r + 16, "10.0.2.15") && get16(r + 20 + 2) == 2222 &&
                   is_ip(r + 12, "10.0.2.2") && !(r[20 + 13] & 0x10),
                   "SYN 10.0.2.2 -> 10.0.2.15:2222, no ACK");
        tap_report(memcmp(guest->data[i], guest_mac, 6) == 0,
                   "SYN sent to the guest's MAC");
    }
    close(fd);
}

static void test_info(void)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);

    net_info(f);
    fclose(f);
    if (!tap_report(buf && strcmp(buf,
        "guest0: index=0,type=nic,model=fake\n"
        " \\ n0: index=0,type=user,net=10.0.2.0,restrict=off\n"
        "guest1: index=0,type=nic,model=fake\n"
        " \\ n1: index=0,type=user,net=10.0.2.0,restrict=off\n") == 0,
        "info network")) {
        tap_diag("%s", buf);
    }
    free(buf);
}

#endif

int main(void)
{
    qemu_init_main_loop();
    test_queue();
    test_mac();
    test_options();
#ifdef CONFIG_SLIRP
    test_slirp_arp_dhcp();
    test_slirp_hostfwd();
    test_info();
    cap_start();
    net_check_clients();
    tap_report(strstr(cap_end(), "has no peer") == NULL,
               "net_check_clients: every netdev has a peer");
    try_netdev("user,id=n3,restrict=on");
    cap_start();
    net_check_clients();
    tap_report(strstr(cap_end(), "netdev n3 has no peer") != NULL,
               "net_check_clients warns: netdev n3 has no peer");
#else
    tap_skip("no libslirp", "slirp tests");
#endif
    return tap_exit_status();
}

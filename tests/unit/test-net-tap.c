/*
 * test-net-tap.c: -netdev tap (net/tap.c).  Option errors everywhere;
 * as root with /dev/net/tun, a real interface: it exists, a frame from
 * a fake peer NIC comes out on a raw AF_PACKET socket bound to it, a
 * frame injected on that socket reaches the peer through the main loop,
 * flow control when the peer is full, scripts, info network, and the
 * interface goes away with the backend.  Without root or /dev/net/tun
 * those cases report "# SKIP".
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "net/net.h"
#include "qemu/main-loop.h"
#include "qemu/option.h"
#include "tests/unit/tap.h"
#include "tests/unit/vl-capture.h"

#define TEST_ETHERTYPE 0x88b5    /* IEEE local experimental */

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

/* ---- a fake NIC recording test frames ---- */

#define REC_MAX 16

typedef struct Rec {
    bool busy;                   /* can_receive false */
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

    /* Keep only our frames (the host may send IPv6 noise). */
    if (size >= 14 && buf[12] == TEST_ETHERTYPE >> 8 &&
        buf[13] == (TEST_ETHERTYPE & 0xff) && r->n < REC_MAX) {
        r->len[r->n] = size < 1600 ? size : 1600;
        memcpy(r->data[r->n], buf, r->len[r->n]);
        r->n++;
    }
    return size;
}

static const NetClientInfo rec_info = {
    .type = "fake-nic",
    .can_receive = rec_can_receive,
    .receive = rec_receive,
};

static int64_t now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

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

    if (!tap_report(!ok && strstr(cap_text, msg) &&
                    !strchr(strchr(cap_text, '\n') ?
                            strchr(cap_text, '\n') + 1 : "", '\n'),
                    "-netdev %s: %s", str, msg)) {
        tap_diag("got: %s", cap_text);
    }
}

static void test_options(void)
{
    expect_fail("tap,id=t1,bogus=1", "Invalid parameter 'bogus'");
    expect_fail("tap,id=t2,fd=abc", "fd=abc is not an open file descriptor");
    expect_fail("tap,id=t3,fd=9999", "fd=9999 is not an open file descriptor");
    expect_fail("tap,id=t4,vnet_hdr=on", "vnet_hdr=on is not supported");
    expect_fail("tap,id=t5,vnet_hdr=maybe", "vnet_hdr");
    expect_fail("tap,id=t6,ifname=abcdefghijklmnopq,script=no",
                "is too long");
    expect_fail("tap,id=t7,fd=0,ifname=x", "invalid with fd=");
    expect_fail("tap", "Parameter 'id' is missing");
}

/* ---- a real interface (root) ---- */

static void make_frame(uint8_t *f, size_t len, uint8_t tag)
{
    static const uint8_t dst[6] = { 0x02, 0, 0, 0, 0, 0x01 };
    static const uint8_t src[6] = { 0x02, 0, 0, 0, 0, 0x02 };
    size_t i;

    memcpy(f, dst, 6);
    memcpy(f + 6, src, 6);
    f[12] = TEST_ETHERTYPE >> 8;
    f[13] = TEST_ETHERTYPE & 0xff;
    for (i = 14; i < len; i++) {
        f[i] = (uint8_t)(tag + i);
    }
}

static bool if_set_up(const char *name)
{
    struct ifreq ifr;
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    bool ok;

    memset(&ifr, 0, sizeof(ifr));
    snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
    ok = s >= 0 && ioctl(s, SIOCGIFFLAGS, &ifr) == 0;
    ifr.ifr_flags |= IFF_UP;
    ok = ok && ioctl(s, SIOCSIFFLAGS, &ifr) == 0;
    if (s >= 0) {
        close(s);
    }
    return ok;
}

/* A frame of ours on the raw socket within 3 s: its length, or -1. */
static ssize_t raw_wait(int rs, uint8_t *buf, size_t cap, uint8_t tag)
{
    int64_t end = now_ms() + 3000;

    while (now_ms() < end) {
        ssize_t n = recv(rs, buf, cap, MSG_DONTWAIT);

        if (n >= 15 && buf[12] == TEST_ETHERTYPE >> 8 &&
            buf[13] == (TEST_ETHERTYPE & 0xff) &&
            buf[14] == (uint8_t)(tag + 14)) {
            return n;
        }
        if (n < 0) {
            main_loop_wait(true);
            usleep(1000);
        }
    }
    return -1;
}

static bool rec_wait(Rec *r, int count)
{
    int64_t end = now_ms() + 3000;

    while (r->n < count && now_ms() < end) {
        main_loop_wait(true);
        usleep(1000);
    }
    return r->n >= count;
}

static void test_scripts(const char *dir)
{
    char up[256], down[256], log[256], opt[1024], want[128];
    FILE *f;
    char *text = NULL;
    size_t len = 0;
    NetClientState *nc;
    char name[IFNAMSIZ];

    snprintf(name, sizeof(name), "qts%d", (int)getpid() % 100000);
    snprintf(up, sizeof(up), "%s/up.sh", dir);
    snprintf(down, sizeof(down), "%s/down.sh", dir);
    snprintf(log, sizeof(log), "%s/log", dir);
    f = fopen(up, "w");
    fprintf(f, "#!/bin/sh\necho \"up $1\" >> %s\n", log);
    fclose(f);
    f = fopen(down, "w");
    fprintf(f, "#!/bin/sh\necho \"down $1\" >> %s\nexit 0\n", log);
    fclose(f);
    chmod(up, 0755);
    chmod(down, 0755);
    snprintf(opt, sizeof(opt), "tap,id=ts,ifname=%s,script=%s,downscript=%s",
             name, up, down);
    tap_report(try_netdev(opt), "script= and downscript= paths accepted");
    nc = qemu_find_netdev("ts");
    qemu_del_net_client(nc);
    f = fopen(log, "r");
    if (f) {
        text = calloc(1, 256);
        len = fread(text, 1, 255, f);
        fclose(f);
    }
    snprintf(want, sizeof(want), "up %s\ndown %s\n", name, name);
    if (!tap_report(nc && text && len && strcmp(text, want) == 0,
                    "script ran with the interface name, then downscript")) {
        tap_diag("log: %s", text ? text : "(none)");
    }
    free(text);

    f = fopen(up, "w");
    fprintf(f, "#!/bin/sh\nexit 3\n");
    fclose(f);
    snprintf(opt, sizeof(opt), "tap,id=tf,ifname=%s,script=%s,downscript=no",
             name, up);
    expect_fail(opt, "failed with status 3");
    tap_report(if_nametoindex(name) == 0,
               "failed script: the interface is gone again");
    unlink(up);
    unlink(down);
    unlink(log);
}

static void test_real(void)
{
    char name[IFNAMSIZ], opt[256], *info = NULL;
    size_t info_len = 0;
    static Rec rec;
    NetClientState *tap, *nic;
    uint8_t frame[1600], buf[2048], *big;
    struct sockaddr_ll sll;
    unsigned idx;
    int rs, i;
    ssize_t n;
    FILE *f;
    char dir[] = "/tmp/test-net-tap.XXXXXX";

    snprintf(name, sizeof(name), "qtt%d", (int)getpid() % 100000);
    snprintf(opt, sizeof(opt), "tap,id=tp,ifname=%s,script=no,downscript=no",
             name);
    if (!tap_report(try_netdev(opt), "-netdev %s", opt)) {
        tap_diag("got: %s", cap_text);
        return;
    }
    tap = qemu_find_netdev("tp");
    nic = qemu_new_net_client(&rec_info, tap, "nic0", &rec);
    idx = if_nametoindex(name);
    tap_report(idx != 0, "interface %s exists (index %u)", name, idx);
    tap_report(if_set_up(name), "interface brought up");

    rs = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
    memset(&sll, 0, sizeof(sll));
    sll.sll_family = AF_PACKET;
    sll.sll_protocol = htons(ETH_P_ALL);
    sll.sll_ifindex = (int)idx;
    tap_report(rs >= 0 && bind(rs, (struct sockaddr *)&sll,
                               sizeof(sll)) == 0,
               "raw AF_PACKET socket bound to %s", name);

    /* peer -> tap fd -> the interface receives it */
    make_frame(frame, 100, 0x10);
    tap_report(qemu_send_packet(nic, frame, 100) == 100,
               "peer frame taken by tap");
    n = raw_wait(rs, buf, sizeof(buf), 0x10);
    tap_report(n == 100 && memcmp(buf, frame, 100) == 0,
               "peer frame seen on the raw socket (%zd bytes)", n);

    /* interface transmits -> tap fd -> main loop -> peer */
    make_frame(frame, 200, 0x20);
    sll.sll_halen = 6;
    memcpy(sll.sll_addr, frame, 6);
    tap_report(sendto(rs, frame, 200, 0, (struct sockaddr *)&sll,
                      sizeof(sll)) == 200, "frame injected on the raw socket");
    tap_report(rec_wait(&rec, 1) && rec.len[0] == 200 &&
               memcmp(rec.data[0], frame, 200) == 0,
               "injected frame arrives at the peer");

    /* flow control: a busy peer stops reading; flushing resumes it */
    rec.busy = true;
    for (i = 0; i < 3; i++) {
        make_frame(frame, 60 + i, (uint8_t)(0x30 + i));
        sendto(rs, frame, 60 + i, 0, (struct sockaddr *)&sll, sizeof(sll));
    }
    for (i = 0; i < 50; i++) {
        main_loop_wait(true);
        usleep(1000);
    }
    tap_report(rec.n == 1 && net_queue_length(tap) == 1,
               "busy peer: one frame queued, reading paused (queue %u)",
               net_queue_length(tap));
    rec.busy = false;
    qemu_flush_queued_packets(nic);
    tap_report(rec_wait(&rec, 4) && rec.len[1] == 60 && rec.len[2] == 61 &&
               rec.len[3] == 62, "after the flush: all three, in order");

    /* a frame too big for the interface is dropped, nothing breaks */
    big = calloc(1, 200000);
    make_frame(big, 200000, 0x40);
    tap_report(qemu_send_packet(nic, big, 200000) == 200000,
               "200000-byte frame from the peer dropped quietly");
    free(big);
    make_frame(frame, 64, 0x50);
    qemu_send_packet(nic, frame, 64);
    tap_report(raw_wait(rs, buf, sizeof(buf), 0x50) == 64,
               "next frame still goes through");

    f = open_memstream(&info, &info_len);
    net_info(f);
    fclose(f);
    snprintf(opt, sizeof(opt), "tap: ifname=%s script=no downscript=no",
             name);
    if (!tap_report(strstr(info, opt) != NULL, "info network: %s", opt)) {
        tap_diag("%s", info);
    }
    free(info);

    if (rs >= 0) {
        close(rs);
    }
    qemu_del_net_client(nic);
    qemu_del_net_client(tap);
    tap_report(if_nametoindex(name) == 0, "interface gone with the backend");

    /* no ifname: the kernel picks one */
    if (tap_report(try_netdev("tap,id=tk,script=no,downscript=no"),
                   "no ifname= accepted")) {
        info = NULL;
        f = open_memstream(&info, &info_len);
        net_info(f);
        fclose(f);
        tap_report(strstr(info, "tap: ifname=tap") != NULL,
                   "kernel-chosen name reported (tap: ifname=tapN)");
        free(info);
        qemu_del_net_client(qemu_find_netdev("tk"));
    }

    if (mkdtemp(dir)) {
        test_scripts(dir);
        rmdir(dir);
    }
}

int main(void)
{
    qemu_init_main_loop();
    test_options();
    if (geteuid() != 0) {
        tap_skip("not root", "tap on a real interface");
    } else if (access("/dev/net/tun", R_OK | W_OK) != 0) {
        tap_skip("no /dev/net/tun", "tap on a real interface");
    } else {
        test_real();
    }
    return tap_exit_status();
}

/*
 * net/net.c: network clients, their peers and the per-sender packet
 * queues (include/net/net.h), -netdev dispatch, `info network` and the
 * MAC address helpers.
 *
 * A frame qemu_send_packet(nc, ...) cannot hand to nc->peer right now
 * (can_receive false or receive returning 0) goes to the tail of
 * nc->queue; later frames from nc queue behind it, so the peer always
 * sees them in order.  qemu_flush_queued_packets(peer) delivers from the
 * head until the peer refuses again.
 */
#include <stdlib.h>
#include <string.h>

#include "config-host.h"
#include "net/net.h"
#include "net/net-internal.h"
#include "qemu/error-report.h"

/* Frames a sender may have waiting before newer ones are dropped. */
#define NET_QUEUE_MAX_PACKETS 10000

typedef struct NetPacket {
    struct NetPacket *next;
    size_t size;
    uint8_t data[];
} NetPacket;

struct NetPacketQueue {
    NetPacket *head, *tail;
    unsigned count;
    bool delivering;             /* a flush of this queue is running */
};

/* Every client, in creation order. */
static NetClientState **net_clients;
static int net_nclients;
static unsigned net_mac_index;

static void *net_alloc(size_t size)
{
    void *p = calloc(1, size);

    if (!p) {
        fprintf(stderr, "qemu: net: out of memory\n");
        abort();
    }
    return p;
}

NetClientState *qemu_new_net_client(const NetClientInfo *info,
                                    NetClientState *peer, const char *name,
                                    void *opaque)
{
    NetClientState *nc = net_alloc(sizeof(*nc));
    NetClientState **list;

    nc->info = info;
    nc->name = strdup(name ? name : info->type);
    nc->opaque = opaque;
    nc->queue = net_alloc(sizeof(*nc->queue));
    if (peer) {
        nc->peer = peer;
        peer->peer = nc;
    }
    list = realloc(net_clients, (net_nclients + 1) * sizeof(*list));
    if (!list || !nc->name) {
        fprintf(stderr, "qemu: net: out of memory\n");
        abort();
    }
    net_clients = list;
    net_clients[net_nclients++] = nc;
    return nc;
}

static void net_queue_purge(struct NetPacketQueue *q)
{
    while (q->head) {
        NetPacket *p = q->head;

        q->head = p->next;
        free(p);
    }
    q->tail = NULL;
    q->count = 0;
}

void qemu_del_net_client(NetClientState *nc)
{
    int i;

    if (!nc) {
        return;
    }
    if (nc->info->cleanup) {
        nc->info->cleanup(nc);
    }
    if (nc->peer) {
        /* What the peer queued for nc can no longer be delivered. */
        net_queue_purge(nc->peer->queue);
        nc->peer->peer = NULL;
    }
    for (i = 0; i < net_nclients; i++) {
        if (net_clients[i] == nc) {
            memmove(&net_clients[i], &net_clients[i + 1],
                    (net_nclients - i - 1) * sizeof(*net_clients));
            net_nclients--;
            break;
        }
    }
    net_queue_purge(nc->queue);
    free(nc->queue);
    free(nc->name);
    free(nc);
}

/* Offer one frame to receiver: its size, or 0 when it cannot take it. */
static ssize_t net_deliver(NetClientState *receiver, const uint8_t *buf,
                           size_t size)
{
    ssize_t ret;

    if (receiver->info->can_receive &&
        !receiver->info->can_receive(receiver)) {
        return 0;
    }
    if (!receiver->info->receive) {
        return size;
    }
    ret = receiver->info->receive(receiver, buf, size);
    /* A receiver that failed took the frame (dropped it): don't retry. */
    return ret < 0 ? (ssize_t)size : ret;
}

static ssize_t net_queue_append(NetClientState *sender, const uint8_t *buf,
                                size_t size)
{
    struct NetPacketQueue *q = sender->queue;
    NetPacket *p;

    if (q->count >= NET_QUEUE_MAX_PACKETS) {
        return -1;
    }
    p = malloc(sizeof(*p) + size);
    if (!p) {
        return -1;
    }
    p->next = NULL;
    p->size = size;
    memcpy(p->data, buf, size);
    if (q->tail) {
        q->tail->next = p;
    } else {
        q->head = p;
    }
    q->tail = p;
    q->count++;
    return 0;
}

ssize_t qemu_send_packet(NetClientState *nc, const uint8_t *buf,
                         size_t size)
{
    NetClientState *peer = nc->peer;
    ssize_t ret;

    if (!peer) {
        return -1;
    }
    if (nc->link_down || peer->link_down) {
        return size;             /* the wire is cut: the frame is lost */
    }
    if (nc->queue->head || nc->queue->delivering) {
        /* Older frames are still waiting: keep the order. */
        return net_queue_append(nc, buf, size);
    }
    ret = net_deliver(peer, buf, size);
    if (ret == 0) {
        return net_queue_append(nc, buf, size);
    }
    return ret;
}

void qemu_flush_queued_packets(NetClientState *nc)
{
    NetClientState *sender = nc->peer;
    struct NetPacketQueue *q;

    if (!sender) {
        return;
    }
    q = sender->queue;
    if (q->delivering) {
        return;                  /* the outer flush carries on */
    }
    q->delivering = true;
    while (q->head && nc->peer == sender) {
        NetPacket *p = q->head;

        if (!nc->link_down && !sender->link_down &&
            net_deliver(nc, p->data, p->size) == 0) {
            break;
        }
        q->head = p->next;
        if (!q->head) {
            q->tail = NULL;
        }
        q->count--;
        free(p);
    }
    q->delivering = false;
}

unsigned net_queue_length(NetClientState *nc)
{
    return nc->queue->count;
}

NetClientState *qemu_find_netdev(const char *id)
{
    int i;

    for (i = 0; i < net_nclients; i++) {
        if (net_client_is_backend(net_clients[i]) &&
            strcmp(net_clients[i]->name, id) == 0) {
            return net_clients[i];
        }
    }
    return NULL;
}

bool net_client_is_backend(const NetClientState *nc)
{
    return strcmp(nc->info->type, "user") == 0 ||
           strcmp(nc->info->type, "tap") == 0;
}

bool net_init_netdev(QemuOpts *opts)
{
    const char *type = qemu_opt_get(opts, "type");
    const char *id = qemu_opt_get(opts, "id");

    if (!type) {
        error_report("Parameter 'type' is missing");
        return false;
    }
    if (strcmp(type, "user") != 0 && strcmp(type, "tap") != 0) {
        error_report("Parameter 'type' does not accept value '%s'", type);
        return false;
    }
    if (!id) {
        error_report("Parameter 'id' is missing");
        return false;
    }
    if (!*id) {
        error_report("Parameter 'id' expects an identifier");
        return false;
    }
    if (qemu_find_netdev(id)) {
        error_report("Duplicate ID '%s' for netdev", id);
        return false;
    }
    if (strcmp(type, "tap") == 0) {
        return net_init_tap(opts, id);
    }
    return net_init_slirp(opts, id);
}

void net_check_clients(void)
{
    int i;

    for (i = 0; i < net_nclients; i++) {
        if (net_client_is_backend(net_clients[i]) && !net_clients[i]->peer) {
            warn_report("netdev %s has no peer", net_clients[i]->name);
        }
    }
}

static void net_print_client(FILE *f, NetClientState *nc, const char *prefix)
{
    char buf[256] = "";

    if (nc->info->info_str) {
        nc->info->info_str(nc, buf, sizeof(buf));
    }
    fprintf(f, "%s%s: index=0,type=%s,%s\n", prefix, nc->name,
            net_client_is_backend(nc) ? nc->info->type : "nic", buf);
}

void net_info(FILE *f)
{
    int i;

    for (i = 0; i < net_nclients; i++) {
        NetClientState *nc = net_clients[i];

        if (net_client_is_backend(nc) && nc->peer &&
            !net_client_is_backend(nc->peer)) {
            continue;            /* printed under its device */
        }
        net_print_client(f, nc, "");
        if (nc->peer) {
            net_print_client(f, nc->peer, " \\ ");
        }
    }
}

void qemu_macaddr_default(uint8_t mac[6])
{
    static const uint8_t base[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };

    memcpy(mac, base, 6);
    mac[5] = (uint8_t)(base[5] + net_mac_index++);
}

static int net_hex_digit(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

bool qemu_parse_macaddr(const char *str, uint8_t mac[6])
{
    uint8_t out[6];
    int i;

    for (i = 0; i < 6; i++) {
        int hi = net_hex_digit(str[0]);
        int lo = hi < 0 ? -1 : net_hex_digit(str[1]);

        if (hi < 0 || lo < 0) {
            return false;
        }
        out[i] = (uint8_t)(hi << 4 | lo);
        str += 2;
        if (i < 5) {
            if (*str != ':' && *str != '-') {
                return false;
            }
            str++;
        }
    }
    if (*str) {
        return false;
    }
    memcpy(mac, out, 6);
    return true;
}

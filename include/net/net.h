/*
 * net/net.h: network backends and frontends (net/).
 *
 * A NetClientState is one end of a link: a backend (-netdev user, tap)
 * or a frontend (virtio-net).  Two clients are peers; qemu_send_packet
 * hands a frame to the peer's receive.  When the peer cannot take it
 * now (can_receive false, or receive returns 0) the frame is queued on
 * the sender side and delivered by qemu_flush_queued_packets(peer),
 * which the receiver calls once it has room again (virtio-net: when
 * the guest adds receive buffers).  Everything runs under the global
 * lock, in the main loop or a vCPU's MMIO handler.
 */
#ifndef NET_NET_H
#define NET_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "qemu/option.h"

typedef struct NetClientState NetClientState;

typedef struct NetClientInfo {
    const char *type;            /* "user", "tap", "virtio-net-device" */
    bool (*can_receive)(NetClientState *nc);        /* may be NULL: yes */
    /* Take one Ethernet frame: its size, or 0 to have it queued. */
    ssize_t (*receive)(NetClientState *nc, const uint8_t *buf, size_t size);
    void (*cleanup)(NetClientState *nc);
    /* info network: one line about this client. */
    void (*info_str)(NetClientState *nc, char *buf, size_t len);
} NetClientInfo;

struct NetClientState {
    const NetClientInfo *info;
    char *name;                  /* -netdev id, or the device's id */
    NetClientState *peer;
    void *opaque;
    struct NetPacketQueue *queue;   /* frames waiting for the peer */
    bool link_down;
};

NetClientState *qemu_new_net_client(const NetClientInfo *info,
                                    NetClientState *peer, const char *name,
                                    void *opaque);
void qemu_del_net_client(NetClientState *nc);
/* Send to nc->peer: size, 0 when queued, <0 when dropped (no peer). */
ssize_t qemu_send_packet(NetClientState *nc, const uint8_t *buf,
                         size_t size);
/* nc can receive again: deliver what its peer queued for it. */
void qemu_flush_queued_packets(NetClientState *nc);

/* -netdev user,id=n0[,net=...][,hostfwd=tcp::2222-:22]... ; false after
 * error_report().  Types: user (libslirp), tap when available. */
bool net_init_netdev(QemuOpts *opts);
NetClientState *qemu_find_netdev(const char *id);
/* Backends no device claimed (vl.c warns about them). */
void net_check_clients(void);
void net_info(FILE *f);          /* monitor `info network` */

/* A random locally administered MAC 52:54:00:12:34:NN, N per call. */
void qemu_macaddr_default(uint8_t mac[6]);
bool qemu_parse_macaddr(const char *str, uint8_t mac[6]);

/* ---- additions (net/net.c) ---- */
/* Frames nc has queued for its peer. */
unsigned net_queue_length(NetClientState *nc);
/* A -netdev backend (type "user" or "tap") rather than a device. */
bool net_client_is_backend(const NetClientState *nc);

#endif

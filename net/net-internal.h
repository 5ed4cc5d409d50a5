/*
 * net/net-internal.h: between net/net.c and the backends in net/.
 */
#ifndef NET_NET_INTERNAL_H
#define NET_NET_INTERNAL_H

#include <netinet/in.h>

#include "net/net.h"

typedef struct NetSlirpHostfwd {
    bool is_udp;
    struct in_addr host_addr, guest_addr;
    int host_port, guest_port;
} NetSlirpHostfwd;

/* "[tcp|udp]:[hostaddr]:hostport-[guestaddr]:guestport"; the guest
 * address defaults to default_guest, the host one to INADDR_ANY.
 * false after error_report("Invalid host forwarding rule ..."). */
bool net_slirp_parse_hostfwd(const char *rule, struct in_addr default_guest,
                             NetSlirpHostfwd *fwd);

/* -netdev user (net/slirp.c); type and id already checked. */
bool net_init_slirp(QemuOpts *opts, const char *id);
/* -netdev tap (net/tap.c); type and id already checked. */
bool net_init_tap(QemuOpts *opts, const char *id);

#endif

/*
 * linux-user/syscall-sock.c: sockets.
 *
 * The socket ABI of the 64-bit targets matches the host's: sockaddr,
 * msghdr, cmsghdr, iovec and the option values have one layout, and the
 * constants are the generic Linux ones.  What needs work is every
 * embedded guest pointer (msg_name, msg_iov, msg_control), which becomes
 * a host pointer after its range is checked.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "qemu.h"
#include "syscall_nr.h"

/* A guest socklen_t-sized buffer: len in, written back by the host. */
static void *sockaddr_out(abi_ulong addr, abi_ulong lenp, socklen_t **plen,
                          abi_long *err)
{
    uint32_t len;
    void *p;

    *plen = NULL;
    if (!addr) {
        return NULL;
    }
    /* Guest pointers need not be aligned: read through get_user. */
    if (!lock_user(VERIFY_WRITE, lenp, 4) || !get_user_u32(&len, lenp)) {
        *err = -EFAULT;
        return NULL;
    }
    if ((int)len < 0) {
        *err = -EINVAL;
        return NULL;
    }
    p = lock_user(VERIFY_WRITE, addr, len);
    if (!p) {
        *err = -EFAULT;
        return NULL;
    }
    *plen = g2h(lenp);
    return p;
}

/* Host msghdr for a guest one (same layout, guest pointers). */
static abi_long lock_msghdr(struct msghdr *h, abi_ulong addr, bool send,
                            struct iovec **iov)
{
    char *g = lock_user(VERIFY_WRITE, addr, sizeof(*h));
    abi_long err = 0;
    abi_ulong name = 0, control = 0, iovp = 0;

    if (!g) {
        return -EFAULT;
    }
    memcpy(h, g, sizeof(*h));
    memcpy(&name, g + offsetof(struct msghdr, msg_name), sizeof(name));
    memcpy(&control, g + offsetof(struct msghdr, msg_control),
           sizeof(control));
    memcpy(&iovp, g + offsetof(struct msghdr, msg_iov), sizeof(iovp));
    h->msg_name = NULL;
    if (name && h->msg_namelen) {
        h->msg_name = lock_user(send ? VERIFY_READ : VERIFY_WRITE, name,
                                h->msg_namelen);
        if (!h->msg_name) {
            return -EFAULT;
        }
    }
    h->msg_control = NULL;
    if (control && h->msg_controllen) {
        h->msg_control = lock_user(send ? VERIFY_READ : VERIFY_WRITE, control,
                                   h->msg_controllen);
        if (!h->msg_control) {
            return -EFAULT;
        }
    }
    *iov = guest_iovec(send ? VERIFY_READ : VERIFY_WRITE, iovp,
                       h->msg_iovlen, &err);
    if (!*iov) {
        return err;
    }
    h->msg_iov = *iov;
    return 0;
}

/* Write back what recvmsg changed (lengths and flags). */
static void unlock_msghdr(const struct msghdr *h, abi_ulong addr)
{
    char *g = g2h(addr);

    memcpy(g + offsetof(struct msghdr, msg_namelen), &h->msg_namelen,
           sizeof(h->msg_namelen));
    memcpy(g + offsetof(struct msghdr, msg_controllen), &h->msg_controllen,
           sizeof(h->msg_controllen));
    memcpy(g + offsetof(struct msghdr, msg_flags), &h->msg_flags,
           sizeof(h->msg_flags));
}

static abi_long do_sendrecvmsg(int fd, abi_ulong msg, int flags, bool send)
{
    struct msghdr h;
    struct iovec *iov = NULL;
    abi_long r = lock_msghdr(&h, msg, send, &iov);

    if (r) {
        return r;
    }
    r = safe_syscall3(send ? SYS_sendmsg : SYS_recvmsg, fd, &h, flags);
    if (!send && !is_error(r)) {
        unlock_msghdr(&h, msg);
    }
    free(iov);
    return r;
}

bool do_syscall_sock(CPUArchState *env, int num, abi_long *a, abi_long *ret)
{
    abi_long r = 0;
    void *p;
    socklen_t *plen;

    switch (num) {
    case TARGET_NR_socket:
        r = get_errno(socket(a[0], a[1], a[2]));
        break;
    case TARGET_NR_socketpair:
        p = lock_user(VERIFY_WRITE, a[3], 8);
        r = p ? get_errno(socketpair(a[0], a[1], a[2], p)) : -EFAULT;
        break;
    case TARGET_NR_bind:
    case TARGET_NR_connect:
        p = lock_user(VERIFY_READ, a[1], a[2]);
        if (!p) {
            r = -EFAULT;
        } else if (num == TARGET_NR_bind) {
            r = get_errno(bind(a[0], p, a[2]));
        } else {
            r = safe_syscall3(SYS_connect, a[0], p, a[2]);
        }
        break;
    case TARGET_NR_listen:
        r = get_errno(listen(a[0], a[1]));
        break;
    case TARGET_NR_accept4:
        p = sockaddr_out(a[1], a[2], &plen, &r);
        if (!r) {
            r = safe_syscall4(SYS_accept4, a[0], p, plen,
                              target_to_host_open_flags(a[3]));
        }
        break;
    case TARGET_NR_getsockname:
    case TARGET_NR_getpeername:
        p = sockaddr_out(a[1], a[2], &plen, &r);
        if (!r && !p) {
            r = -EFAULT;
        }
        if (!r) {
            r = get_errno(num == TARGET_NR_getsockname ?
                          getsockname(a[0], p, plen) :
                          getpeername(a[0], p, plen));
        }
        break;
    case TARGET_NR_sendto:
        p = lock_user(VERIFY_READ, a[1], a[2]);
        if (!p) {
            r = -EFAULT;
        } else {
            void *to = a[4] ? lock_user(VERIFY_READ, a[4], a[5]) : NULL;

            r = (a[4] && !to) ? -EFAULT :
                safe_syscall6(SYS_sendto, a[0], p, a[2], a[3], to, a[5]);
        }
        break;
    case TARGET_NR_recvfrom:
        p = lock_user(VERIFY_WRITE, a[1], a[2]);
        if (!p) {
            r = -EFAULT;
        } else {
            void *from = sockaddr_out(a[4], a[5], &plen, &r);

            if (!r) {
                r = safe_syscall6(SYS_recvfrom, a[0], p, a[2], a[3], from,
                                  plen);
            }
        }
        break;
    case TARGET_NR_sendmsg:
    case TARGET_NR_recvmsg:
        r = do_sendrecvmsg(a[0], a[1], a[2], num == TARGET_NR_sendmsg);
        break;
    case TARGET_NR_shutdown:
        r = get_errno(shutdown(a[0], a[1]));
        break;
    case TARGET_NR_setsockopt:
        p = a[3] ? lock_user(VERIFY_READ, a[3], a[4]) : NULL;
        r = (a[3] && !p) ? -EFAULT :
            get_errno(setsockopt(a[0], a[1], a[2], p, a[4]));
        break;
    case TARGET_NR_getsockopt:
        p = sockaddr_out(a[3], a[4], &plen, &r);
        if (!r && !p) {
            r = -EFAULT;
        }
        if (!r) {
            r = get_errno(getsockopt(a[0], a[1], a[2], p, plen));
        }
        break;
    default:
        return false;
    }
    *ret = r;
    return true;
}

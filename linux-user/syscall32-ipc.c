/*
 * linux-user/syscall32-ipc.c: the socket-message and System V IPC
 * structures of the 32-bit guest ABIs (i386, ARM EABI), part of the
 * shared 32-bit layer (syscall32.h): 32-bit msghdr and cmsg headers,
 * the *id64_ds structures, 4-byte-long msgbuf, semtimedop's timespec.
 * Called from do_syscall32() (syscall32-common.c) for the direct calls
 * and from i386's socketcall/ipc multiplexers.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>

#include "qemu.h"
#include "struct-conv.h"
#include "syscall_nr.h"
#include "syscall32.h"

#define BAD_PTR ((abi_ulong)-1)

/* ------------------------------------------------------------- sockets */

/*
 * A 32-bit msghdr (name, namelen, iov, iovlen, control, controllen,
 * flags: 28 bytes) as a 64-bit one in scratch memory.  The iovec array
 * is read by the generic code (in target longs) as it is; control
 * data is passed through: SCM_RIGHTS with one descriptor has the same
 * payload but a 12-byte header instead of 16, so it is rebuilt.
 */
static abi_ulong widen_msghdr(abi_ulong g, abi_ulong *ctl32, abi_ulong *ctl64,
                              uint32_t *ctllen)
{
    uint32_t f[7];
    abi_ulong s = syscall32_scratch(56);
    int i;

    for (i = 0; i < 7; i++) {
        if (!get_user_u32(&f[i], g + 4 * i)) {
            return BAD_PTR;
        }
    }
    if (!s) {
        return BAD_PTR;
    }
    *ctl32 = f[4];
    *ctllen = f[5];
    *ctl64 = 0;
    if (f[4] && f[5]) {
        /* Room for the 64-bit form: headers grow from 12 to 16. */
        *ctl64 = syscall32_scratch(f[5] * 2 + 64);
        if (!*ctl64) {
            return BAD_PTR;
        }
    }
    put_user_u64(f[0], s);
    put_user_u32(f[1], s + 8);
    /* The iovec array stays: the generic code reads target longs. */
    put_user_u64(f[2], s + 16);
    put_user_u64(f[3], s + 24);
    put_user_u64(*ctl64, s + 32);
    put_user_u64(0, s + 40);
    put_user_u32(f[6], s + 48);
    return s;
}

/* cmsg: 32-bit {len, level, type} headers, 4-aligned, to 64-bit ones. */
static uint32_t cmsg_widen(abi_ulong c32, uint32_t len32, abi_ulong c64)
{
    uint32_t off = 0, out = 0;

    while (off + 12 <= len32) {
        uint32_t l = 0, lv = 0, ty = 0, data;

        get_user_u32(&l, c32 + off);
        get_user_u32(&lv, c32 + off + 4);
        get_user_u32(&ty, c32 + off + 8);
        if (l < 12 || off + l > len32) {
            break;
        }
        data = l - 12;
        put_user_u64(data + 16, c64 + out);
        put_user_u32(lv, c64 + out + 8);
        put_user_u32(ty, c64 + out + 12);
        memcpy(g2h(c64 + out + 16), g2h(c32 + off + 12), data);
        out += (data + 16 + 7) & ~7u;
        off += (l + 3) & ~3u;
    }
    return out;
}

static uint32_t cmsg_narrow(abi_ulong c64, uint32_t len64, abi_ulong c32,
                            uint32_t room)
{
    uint32_t off = 0, out = 0;

    while (off + 16 <= len64) {
        uint64_t l = 0;
        uint32_t lv = 0, ty = 0, data;

        get_user_u64(&l, c64 + off);
        get_user_u32(&lv, c64 + off + 8);
        get_user_u32(&ty, c64 + off + 12);
        if (l < 16 || off + l > len64) {
            break;
        }
        data = l - 16;
        if (out + 12 + data > room) {
            break;
        }
        put_user_u32(data + 12, c32 + out);
        put_user_u32(lv, c32 + out + 4);
        put_user_u32(ty, c32 + out + 8);
        memcpy(g2h(c32 + out + 12), g2h(c64 + off + 16), data);
        out += (data + 12 + 3) & ~3u;
        off += (l + 7) & ~7u;
    }
    return out;
}

abi_long do_msg32(CPUArchState *env, int num, int fd, abi_ulong g,
                  int flags)
{
    abi_ulong c32, c64;
    uint32_t clen;
    abi_ulong s = widen_msghdr(g, &c32, &c64, &clen);
    bool send = num == TARGET_NR_sendmsg;
    abi_long r;

    if (s == BAD_PTR) {
        return -EFAULT;
    }
    if (c64) {
        put_user_u64(send ? cmsg_widen(c32, clen, c64) : clen * 2 + 64,
                     s + 40);
    }
    r = syscall32_generic(env, num, fd, s, flags, 0, 0, 0);
    if (!is_error(r) && !send) {
        uint64_t namelen = 0, clen64 = 0;
        uint32_t mflags = 0;

        get_user_u64(&namelen, s + 8);
        get_user_u64(&clen64, s + 40);
        get_user_u32(&mflags, s + 48);
        put_user_u32((uint32_t)namelen, g + 4);
        put_user_u32(c64 ? cmsg_narrow(c64, clen64, c32, clen) : 0, g + 20);
        put_user_u32(mflags, g + 24);
    }
    return r;
}

/* ------------------------------------------------------ System V IPC */

/*
 * The 32-bit *id64_ds structures (asm-generic and x86 agree): struct
 * ipc64_perm (key, uid, gid, cuid,
 * cgid, mode, seq, 2 unused: 36 bytes) then 32-bit longs, times split in
 * low/high words.
 */
static void put_perm32(uint8_t *t, const struct ipc_perm *p)
{
    conv_put(t, 4, p->__key);
    conv_put(t + 4, 4, p->uid);
    conv_put(t + 8, 4, p->gid);
    conv_put(t + 12, 4, p->cuid);
    conv_put(t + 16, 4, p->cgid);
    conv_put(t + 20, 2, p->mode);
    conv_put(t + 24, 2, p->__seq);
}

static void get_perm32(struct ipc_perm *p, const uint8_t *t)
{
    p->uid = conv_get(t + 4, 4, false);
    p->gid = conv_get(t + 8, 4, false);
    p->mode = conv_get(t + 20, 2, false);
}

static void put_time32(uint8_t *t, uint64_t v)
{
    conv_put(t, 4, v);
    conv_put(t + 4, 4, v >> 32);
}

abi_long do_semctl32(int id, int num, int cmd, abi_ulong arg)
{
    struct semid_ds ds;
    uint8_t *t;
    int ncmd = cmd & 0xff;          /* without IPC_64 */
    abi_long r;

    switch (ncmd) {
    case IPC_STAT:
    case SEM_STAT:
    case SEM_STAT_ANY:
    case IPC_SET:
        t = lock_user(VERIFY_WRITE, arg, 64);
        if (!t) {
            return -EFAULT;
        }
        if (ncmd == IPC_SET) {
            get_perm32(&ds.sem_perm, t);
        }
        r = get_errno(semctl(id, num, ncmd, &ds));
        if (!is_error(r) && ncmd != IPC_SET) {
            memset(t, 0, 64);
            put_perm32(t, &ds.sem_perm);
            put_time32(t + 36, ds.sem_otime);
            put_time32(t + 44, ds.sem_ctime);
            conv_put(t + 52, 4, ds.sem_nsems);
        }
        return r;
    case GETALL:
    case SETALL: {
        struct semid_ds d2;
        void *p;

        if (semctl(id, 0, IPC_STAT, &d2) != 0) {
            return -errno;
        }
        p = lock_user(VERIFY_WRITE, arg, d2.sem_nsems * 2);
        return p ? get_errno(semctl(id, num, ncmd, p)) : -EFAULT;
    }
    case IPC_INFO:
    case SEM_INFO: {
        void *p = lock_user(VERIFY_WRITE, arg, sizeof(struct seminfo));

        return p ? get_errno(semctl(id, num, ncmd, p)) : -EFAULT;
    }
    case SETVAL:
        return get_errno(semctl(id, num, ncmd, (int)arg));
    default:
        return get_errno(semctl(id, num, ncmd));
    }
}

abi_long do_shmctl32(int id, int cmd, abi_ulong buf)
{
    struct shmid_ds ds;
    int ncmd = cmd & 0xff;
    uint8_t *t;
    abi_long r;

    switch (ncmd) {
    case IPC_STAT:
    case SHM_STAT:
    case SHM_STAT_ANY:
    case IPC_SET:
        t = lock_user(VERIFY_WRITE, buf, 84);
        if (!t) {
            return -EFAULT;
        }
        if (ncmd == IPC_SET) {
            get_perm32(&ds.shm_perm, t);
        }
        r = get_errno(shmctl(id, ncmd, &ds));
        if (!is_error(r) && ncmd != IPC_SET) {
            memset(t, 0, 84);
            put_perm32(t, &ds.shm_perm);
            conv_put(t + 36, 4, ds.shm_segsz);
            put_time32(t + 40, ds.shm_atime);
            put_time32(t + 48, ds.shm_dtime);
            put_time32(t + 56, ds.shm_ctime);
            conv_put(t + 64, 4, ds.shm_cpid);
            conv_put(t + 68, 4, ds.shm_lpid);
            conv_put(t + 72, 4, ds.shm_nattch);
        }
        return r;
    case IPC_RMID:
    case SHM_LOCK:
    case SHM_UNLOCK:
        return get_errno(shmctl(id, ncmd, NULL));
    default:
        return -EINVAL;
    }
}

abi_long do_msgctl32(int id, int cmd, abi_ulong buf)
{
    struct msqid_ds ds;
    int ncmd = cmd & 0xff;
    uint8_t *t;
    abi_long r;

    switch (ncmd) {
    case IPC_STAT:
    case MSG_STAT:
    case MSG_STAT_ANY:
    case IPC_SET:
        t = lock_user(VERIFY_WRITE, buf, 88);
        if (!t) {
            return -EFAULT;
        }
        if (ncmd == IPC_SET) {
            get_perm32(&ds.msg_perm, t);
            ds.msg_qbytes = conv_get(t + 68, 4, false);
        }
        r = get_errno(msgctl(id, ncmd, &ds));
        if (!is_error(r) && ncmd != IPC_SET) {
            memset(t, 0, 88);
            put_perm32(t, &ds.msg_perm);
            put_time32(t + 36, ds.msg_stime);
            put_time32(t + 44, ds.msg_rtime);
            put_time32(t + 52, ds.msg_ctime);
            conv_put(t + 60, 4, ds.__msg_cbytes);
            conv_put(t + 64, 4, ds.msg_qnum);
            conv_put(t + 68, 4, ds.msg_qbytes);
            conv_put(t + 72, 4, ds.msg_lspid);
            conv_put(t + 76, 4, ds.msg_lrpid);
        }
        return r;
    case IPC_RMID:
        return get_errno(msgctl(id, ncmd, NULL));
    default:
        return -EINVAL;
    }
}

/* struct msgbuf: a 32-bit long mtype, then the text. */
abi_long do_msgsnd32(int id, abi_ulong msgp, abi_ulong size, int flags)
{
    uint8_t *t = lock_user(VERIFY_READ, msgp, 4 + size);
    long *h;
    abi_long r;

    if (size > 1u << 20) {
        return -EINVAL;
    }
    if (!t) {
        return -EFAULT;
    }
    h = malloc(sizeof(long) + size);
    if (!h) {
        return -ENOMEM;
    }
    h[0] = (int32_t)conv_get(t, 4, true);
    memcpy(h + 1, t + 4, size);
    r = safe_syscall4(SYS_msgsnd, id, h, size, flags);
    free(h);
    return r;
}

abi_long do_msgrcv32(int id, abi_ulong msgp, abi_ulong size, abi_long type,
                     int flags)
{
    uint8_t *t = lock_user(VERIFY_WRITE, msgp, 4 + size);
    long *h;
    abi_long r;

    if (size > 1u << 20) {
        return -EINVAL;
    }
    if (!t) {
        return -EFAULT;
    }
    h = malloc(sizeof(long) + size);
    if (!h) {
        return -ENOMEM;
    }
    r = safe_syscall6(SYS_msgrcv, id, h, size, (long)type, flags, 0);
    if (r >= 0) {
        conv_put(t, 4, h[0]);
        memcpy(t + 4, h + 1, r);
    }
    free(h);
    return r;
}

abi_long do_semtimedop32(int id, abi_ulong sops, abi_ulong n, abi_ulong ts,
                         int width)
{
    struct timespec h;
    void *p;

    if (n > 65536) {
        return -E2BIG;
    }
    p = lock_user(VERIFY_READ, sops, n * 6);
    if (!p) {
        return -EFAULT;
    }
    if (ts) {
        uint8_t *t = lock_user(VERIFY_READ, ts, 2 * width);

        if (!t) {
            return -EFAULT;
        }
        h.tv_sec = conv_get(t, width, true);
        /* A 32-bit task's tv_nsec is 32 bits even in the time64 form. */
        h.tv_nsec = (int32_t)conv_get(t + width, 4, true);
    }
    return safe_syscall4(SYS_semtimedop, id, p, n, ts ? &h : NULL);
}

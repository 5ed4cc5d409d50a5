/*
 * linux-user/syscall-ipc.c: System V IPC (shared memory, semaphores,
 * message queues).
 *
 * Shared memory segments are attached inside the guest address space
 * (SHM_REMAP over the reservation) and their pages get guest flags; the
 * attachments are remembered so that shmdt can give the range back to
 * the reservation.  struct shmid_ds and msqid_ds have one layout on the
 * 64-bit targets and the host; semid_ds does not (x86-64 pads after each
 * time field) and is converted for IPC_STAT/IPC_SET.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "qemu.h"
#include "exec/tb.h"
#include "syscall_nr.h"
#include "target_structs.h"

#ifndef IPC_64
#define IPC_64 0x0100          /* the new-style flag glibc adds to cmd */
#endif

#define MAX_SHM_ATTACH 256

static struct {
    abi_ulong start, size;
} shm_regions[MAX_SHM_ATTACH];

static abi_long do_shmat(int shmid, abi_ulong addr, int flags)
{
    struct shmid_ds ds;
    abi_ulong size;
    void *p;
    int i, pf;

    if (shmctl(shmid, IPC_STAT, &ds) != 0) {
        return -errno;
    }
    size = TARGET_PAGE_ALIGN(ds.shm_segsz);
    if (addr) {
        if (flags & SHM_RND) {
            addr &= ~(abi_ulong)(SHMLBA - 1);
        } else if (addr & (TARGET_PAGE_SIZE - 1)) {
            return -EINVAL;
        }
        if (addr + size < addr || addr + size > reserved_va) {
            return -EINVAL;
        }
    }
    mmap_lock();
    for (i = 0; i < MAX_SHM_ATTACH && shm_regions[i].size; i++) {
    }
    if (i == MAX_SHM_ATTACH) {
        mmap_unlock();
        return -EMFILE;
    }
    if (!addr) {
        addr = mmap_find_vma(0, size);
        if (addr == (abi_ulong)-1) {
            mmap_unlock();
            return -ENOMEM;
        }
    }
    p = shmat(shmid, g2h(addr), (flags & ~SHM_RND) | SHM_REMAP);
    if (p == (void *)-1) {
        int err = errno;

        mmap_unlock();
        return -err;
    }
    tb_invalidate_phys_range(addr, addr + size);
    pf = PAGE_VALID | PAGE_READ;
    if (!(flags & SHM_RDONLY)) {
        pf |= PAGE_WRITE;
    }
    if (flags & SHM_EXEC) {
        pf |= PAGE_EXEC;
    }
    page_set_flags(addr, addr + size, pf);
    shm_regions[i].start = addr;
    shm_regions[i].size = size;
    mmap_unlock();
    return addr;
}

static abi_long do_shmdt(abi_ulong addr)
{
    int i;

    mmap_lock();
    for (i = 0; i < MAX_SHM_ATTACH; i++) {
        if (shm_regions[i].size && shm_regions[i].start == addr) {
            break;
        }
    }
    if (i == MAX_SHM_ATTACH) {
        mmap_unlock();
        return -EINVAL;
    }
    if (shmdt(g2h(addr)) != 0) {
        int err = errno;

        mmap_unlock();
        return -err;
    }
    tb_invalidate_phys_range(addr, addr + shm_regions[i].size);
    mmap(g2h(addr), shm_regions[i].size, PROT_NONE,
         MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
    page_set_flags(addr, addr + shm_regions[i].size, 0);
    shm_regions[i].size = 0;
    mmap_unlock();
    return 0;
}

/*
 * Guest (generic 64-bit) struct semid64_ds: ipc64_perm (48 bytes), then
 * sem_otime, sem_ctime, sem_nsems and two unused words; a target whose
 * layout differs (x86_64 pads each time) says so in target_structs.h.
 */
#define T_SEMID_PERM   0
#ifdef TARGET_SEMID_OTIME
#define T_SEMID_OTIME  TARGET_SEMID_OTIME
#define T_SEMID_CTIME  TARGET_SEMID_CTIME
#define T_SEMID_NSEMS  TARGET_SEMID_NSEMS
#define T_SEMID_SIZE   TARGET_SEMID_SIZE
#else
#define T_SEMID_OTIME  48
#define T_SEMID_CTIME  56
#define T_SEMID_NSEMS  64
#define T_SEMID_SIZE   88
#endif

static abi_long do_semctl(int id, int num, int cmd, abi_ulong arg)
{
    struct semid_ds ds;
    uint8_t *t;
    abi_long r;
    int base = cmd & ~IPC_64;

    switch (base) {
    case IPC_STAT:
    case SEM_STAT:
    case SEM_STAT_ANY:
    case IPC_SET:
        t = lock_user(base == IPC_SET ? VERIFY_READ : VERIFY_WRITE, arg,
                      T_SEMID_SIZE);
        if (!t) {
            return -EFAULT;
        }
        memset(&ds, 0, sizeof(ds));
        if (base == IPC_SET) {
            memcpy(&ds.sem_perm, t + T_SEMID_PERM, sizeof(ds.sem_perm));
        }
        r = get_errno(semctl(id, num, base, &ds));
        if (!is_error(r) && base != IPC_SET) {
            memset(t, 0, T_SEMID_SIZE);
            memcpy(t + T_SEMID_PERM, &ds.sem_perm, sizeof(ds.sem_perm));
            memcpy(t + T_SEMID_OTIME, &ds.sem_otime, 8);
            memcpy(t + T_SEMID_CTIME, &ds.sem_ctime, 8);
            memcpy(t + T_SEMID_NSEMS, &ds.sem_nsems, 8);
        }
        return r;
    case GETALL:
    case SETALL: {
        struct semid_ds st;
        void *p;

        if (semctl(id, 0, IPC_STAT, &st) != 0) {
            return -errno;
        }
        p = lock_user(base == GETALL ? VERIFY_WRITE : VERIFY_READ, arg,
                      st.sem_nsems * sizeof(unsigned short));
        return p ? get_errno(semctl(id, num, base, p)) : -EFAULT;
    }
    case IPC_INFO:
    case SEM_INFO: {
        void *p = lock_user(VERIFY_WRITE, arg, sizeof(struct seminfo));

        return p ? get_errno(semctl(id, num, base, p)) : -EFAULT;
    }
    case IPC_RMID:
    case GETVAL:
    case GETPID:
    case GETNCNT:
    case GETZCNT:
        return get_errno(semctl(id, num, base));
    case SETVAL:
        return get_errno(semctl(id, num, base, (int)arg));
    default:
        return -EINVAL;
    }
}

bool do_syscall_ipc(CPUArchState *env, int num, abi_long *a, abi_long *ret)
{
    abi_long r;
    void *p;

    switch (num) {
    case TARGET_NR_shmget:
        r = get_errno(shmget(a[0], a[1], a[2]));
        break;
    case TARGET_NR_shmat:
        r = do_shmat(a[0], a[1], a[2]);
        break;
    case TARGET_NR_shmdt:
        r = do_shmdt(a[0]);
        break;
    case TARGET_NR_shmctl: {
        int cmd = a[1] & ~IPC_64;

        if (cmd == IPC_RMID || cmd == SHM_LOCK || cmd == SHM_UNLOCK) {
            r = get_errno(shmctl(a[0], cmd, NULL));
            break;
        }
        p = lock_user(VERIFY_WRITE, a[2], sizeof(struct shmid_ds));
        r = p ? get_errno(shmctl(a[0], cmd, p)) : -EFAULT;
        break;
    }
    case TARGET_NR_semget:
        r = get_errno(semget(a[0], a[1], a[2]));
        break;
#ifdef TARGET_NR_semtimedop
    case TARGET_NR_semop:
    case TARGET_NR_semtimedop: {
        void *ts = NULL;

        if ((abi_ulong)a[2] > 65536) {
            r = -E2BIG;
            break;
        }
        p = lock_user(VERIFY_READ, a[1], a[2] * sizeof(struct sembuf));
        if (num == TARGET_NR_semtimedop && a[3]) {
            ts = lock_user(VERIFY_READ, a[3], 16);
        }
        r = (!p || (num == TARGET_NR_semtimedop && a[3] && !ts)) ? -EFAULT :
            safe_syscall4(SYS_semtimedop, a[0], p, a[2], ts);
        break;
    }
#endif
    case TARGET_NR_semctl:
        r = do_semctl(a[0], a[1], a[2], a[3]);
        break;
    case TARGET_NR_msgget:
        r = get_errno(msgget(a[0], a[1]));
        break;
    case TARGET_NR_msgsnd:
        if ((abi_long)a[2] < 0) {
            r = -EINVAL;
            break;
        }
        p = lock_user(VERIFY_READ, a[1], a[2] + sizeof(abi_long));
        r = p ? safe_syscall4(SYS_msgsnd, a[0], p, a[2], a[3]) : -EFAULT;
        break;
    case TARGET_NR_msgrcv:
        if ((abi_long)a[2] < 0) {
            r = -EINVAL;
            break;
        }
        p = lock_user(VERIFY_WRITE, a[1], a[2] + sizeof(abi_long));
        r = p ? safe_syscall6(SYS_msgrcv, a[0], p, a[2], a[3], a[4], 0)
              : -EFAULT;
        break;
    case TARGET_NR_msgctl: {
        int cmd = a[1] & ~IPC_64;

        if (cmd == IPC_RMID) {
            r = get_errno(msgctl(a[0], cmd, NULL));
            break;
        }
        p = lock_user(VERIFY_WRITE, a[2], sizeof(struct msqid_ds));
        r = p ? get_errno(msgctl(a[0], cmd, p)) : -EFAULT;
        break;
    }
    default:
        return false;
    }
    *ret = r;
    return true;
}

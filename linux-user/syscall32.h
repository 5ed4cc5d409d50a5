/*
 * linux-user/syscall32.h: the layer shared by the 32-bit guest ABIs
 * (i386, ARM EABI) on this 64-bit host.
 *
 * The generic families (syscall-*.c) use the 64-bit layouts; a 32-bit
 * guest's structures (timespec, timeval, rlimit, rusage, statfs64,
 * flock64, sysinfo, tms, msghdr, the SysV IPC *_ds, old sigaction,
 * siginfo...) are converted here, usually by building the 64-bit
 * structure in a small per-thread scratch area of guest memory and
 * handing the generic call its address.  syscall32-common.c (and
 * syscall32-ipc.c for msghdr and SysV IPC) has the conversions that
 * are the same for every 32-bit ABI; the target's
 * do_syscall_arch (i386/syscall32.c, arm/syscall-arm.c) handles its own
 * calls first and passes the rest to do_syscall32().
 *
 * The per-ABI facts come from <arch>/target_structs.h:
 *   TARGET_ABI32_PAIR_PAD  1 if a 64-bit argument starts at an even
 *                          register (ARM EABI: a pad register before
 *                          pread64's offset), 0 if not (i386)
 *   TARGET_FLOCK64_START   offset of l_start in struct flock64 (i386
 *                          packs it at 4, EABI aligns it to 8)
 *   TARGET_FLOCK64_SIZE    its size (24 / 32)
 * and the calls a table lacks are left out with #ifdef TARGET_NR_*.
 */
#ifndef LINUX_USER_SYSCALL32_H
#define LINUX_USER_SYSCALL32_H

#include "qemu.h"

/* The calls every 32-bit ABI shares: false if num is not one of them. */
bool do_syscall32(CPUArchState *env, int num, abi_long *a, abi_long *ret);

/* Start of a call: the scratch area is empty again. */
void syscall32_begin(void);
/* size bytes of zeroed per-thread scratch guest memory (0: none left). */
abi_ulong syscall32_scratch(abi_ulong size);
/* The thread ends: its scratch page goes. */
void syscall32_thread_exit(void);

/* The generic call num with these (already converted) arguments. */
abi_long syscall32_generic(CPUArchState *env, int num, abi_long a1,
                           abi_long a2, abi_long a3, abi_long a4, abi_long a5,
                           abi_long a6);

/* A 64-bit value passed as two registers, low word first. */
static inline uint64_t pair64(abi_ulong lo, abi_ulong hi)
{
    return (uint64_t)lo | ((uint64_t)hi << 32);
}

/* A siginfo as the 32-bit ABIs lay it out (128 bytes at t). */
void siginfo_to_32(uint8_t *t, int sig, const TargetSigInfo *info);

/* Shared pieces the i386 multiplexers (socketcall, ipc) reuse. */
abi_long do_msg32(CPUArchState *env, int num, int fd, abi_ulong g,
                  int flags);
abi_long do_semctl32(int id, int num, int cmd, abi_ulong arg);
abi_long do_shmctl32(int id, int cmd, abi_ulong buf);
abi_long do_msgctl32(int id, int cmd, abi_ulong buf);
abi_long do_msgsnd32(int id, abi_ulong msgp, abi_ulong size, int flags);
abi_long do_msgrcv32(int id, abi_ulong msgp, abi_ulong size, abi_long type,
                     int flags);
/* semtimedop with a timespec of the given width (4: old, 8: time64). */
abi_long do_semtimedop32(int id, abi_ulong sops, abi_ulong n, abi_ulong ts,
                         int width);

#endif

/*
 * arm/target_structs.h: 32-bit ARM (EABI) Linux layouts, described for
 * the generic conversion code (linux-user/struct-conv.h) and the shared
 * 32-bit layer (linux-user/syscall32-common.c); see syscall32.h for
 * what the 32-bit ABIs share.  EABI aligns 64-bit members to 8 bytes,
 * which is where ARM differs from i386.
 */
#ifndef ARM_TARGET_STRUCTS_H
#define ARM_TARGET_STRUCTS_H

/* open(2) flags: the ARM values of asm/fcntl.h. */
#define TARGET_O_DIRECTORY 040000
#define TARGET_O_NOFOLLOW  0100000
#define TARGET_O_DIRECT    0200000
#define TARGET_O_LARGEFILE 0400000

/*
 * struct stat64 (104 bytes, 64-bit members 8-aligned): what fstat64,
 * stat64, lstat64 and fstatat64 write; the generic
 * host_to_target_stat() uses it.
 */
#define TARGET_STAT_SIZE 104
#define TARGET_STAT_FIELDS(F)                \
    F(0,   8, st_dev)                        \
    F(12,  4, st_ino)                        \
    F(16,  4, st_mode)                       \
    F(20,  4, st_nlink)                      \
    F(24,  4, st_uid)                        \
    F(28,  4, st_gid)                        \
    F(32,  8, st_rdev)                       \
    F(48,  8, st_size)                       \
    F(56,  4, st_blksize)                    \
    F(64,  8, st_blocks)                     \
    F(72,  4, st_atim.tv_sec)                \
    F(76,  4, st_atim.tv_nsec)               \
    F(80,  4, st_mtim.tv_sec)                \
    F(84,  4, st_mtim.tv_nsec)               \
    F(88,  4, st_ctim.tv_sec)                \
    F(92,  4, st_ctim.tv_nsec)               \
    F(96,  8, st_ino)

/* struct epoll_event: not packed on ARM (16 bytes, data at 8). */
#define TARGET_EPOLL_EVENT_SIZE 16
#define TARGET_EPOLL_DATA_OFFSET 8

#define TARGET_SIGSET_SIZE 8

/*
 * For the shared 32-bit layer (syscall32.h):
 * - a 64-bit syscall argument goes in an even/odd register pair, so
 *   one pad register precedes it when it would start at an odd one
 *   (pread64's offset is r4/r5, truncate64's r2/r3);
 * - struct flock64: l_type, l_whence, 4 bytes of padding, l_start @8,
 *   l_len @16, l_pid @24 (32 bytes).
 */
#define TARGET_ABI32_PAIR_PAD   1
#define TARGET_FLOCK64_START    8
#define TARGET_FLOCK64_SIZE     32

#endif

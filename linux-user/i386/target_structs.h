/*
 * i386/target_structs.h: 32-bit x86 Linux layouts, described for the
 * generic conversion code (linux-user/struct-conv.h); the rest of the
 * 32-bit structures are converted by the shared 32-bit layer
 * (linux-user/syscall32-common.c, see syscall32.h).
 */
#ifndef I386_TARGET_STRUCTS_H
#define I386_TARGET_STRUCTS_H

/* open(2) flags: the x86 values of asm/fcntl.h. */
#define TARGET_O_DIRECTORY 0200000
#define TARGET_O_NOFOLLOW  0400000
#define TARGET_O_DIRECT    040000
#define TARGET_O_LARGEFILE 0100000

/*
 * struct stat64 (packed, 96 bytes): what fstat64, stat64, lstat64 and
 * fstatat64 write; the generic host_to_target_stat() uses it.
 */
#define TARGET_STAT_SIZE 96
#define TARGET_STAT_FIELDS(F)                \
    F(0,   8, st_dev)                        \
    F(12,  4, st_ino)                        \
    F(16,  4, st_mode)                       \
    F(20,  4, st_nlink)                      \
    F(24,  4, st_uid)                        \
    F(28,  4, st_gid)                        \
    F(32,  8, st_rdev)                       \
    F(44,  8, st_size)                       \
    F(52,  4, st_blksize)                    \
    F(56,  8, st_blocks)                     \
    F(64,  4, st_atim.tv_sec)                \
    F(68,  4, st_atim.tv_nsec)               \
    F(72,  4, st_mtim.tv_sec)                \
    F(76,  4, st_mtim.tv_nsec)               \
    F(80,  4, st_ctim.tv_sec)                \
    F(84,  4, st_ctim.tv_nsec)               \
    F(88,  8, st_ino)

#define TARGET_EPOLL_EVENT_SIZE 12
#define TARGET_EPOLL_DATA_OFFSET 4

#define TARGET_SIGSET_SIZE 8

/* For the shared 32-bit layer (syscall32.h): no register-pair padding;
 * struct flock64 is packed (l_start @4, 24 bytes). */
#define TARGET_ABI32_PAIR_PAD   0
#define TARGET_FLOCK64_START    4
#define TARGET_FLOCK64_SIZE     24

#endif

/*
 * aarch64/target_structs.h: the AArch64 Linux layouts and constants that
 * differ from the host's, described for the generic conversion code
 * (linux-user/struct-conv.h).  Everything not listed here (timespec,
 * iovec, msghdr, sockaddr, termios, rlimit, rusage, statfs, dirent64,
 * flock, siginfo, poll, statx...) has the same layout on AArch64 and
 * x86-64 and is passed through.
 */
#ifndef AARCH64_TARGET_STRUCTS_H
#define AARCH64_TARGET_STRUCTS_H

/* open(2) flags: AArch64 uses the asm/fcntl.h values for these four. */
#define TARGET_O_DIRECTORY 0040000
#define TARGET_O_NOFOLLOW  0100000
#define TARGET_O_DIRECT    0200000
#define TARGET_O_LARGEFILE 0400000

/* struct stat (asm-generic/stat.h): 128 bytes. */
#define TARGET_STAT_SIZE 128
#define TARGET_STAT_FIELDS(F)                \
    F(0,   8, st_dev)                        \
    F(8,   8, st_ino)                        \
    F(16,  4, st_mode)                       \
    F(20,  4, st_nlink)                      \
    F(24,  4, st_uid)                        \
    F(28,  4, st_gid)                        \
    F(32,  8, st_rdev)                       \
    F(48,  8, st_size)                       \
    F(56,  4, st_blksize)                    \
    F(64,  8, st_blocks)                     \
    F(72,  8, st_atim.tv_sec)                \
    F(80,  8, st_atim.tv_nsec)               \
    F(88,  8, st_mtim.tv_sec)                \
    F(96,  8, st_mtim.tv_nsec)               \
    F(104, 8, st_ctim.tv_sec)                \
    F(112, 8, st_ctim.tv_nsec)

/* struct epoll_event: not packed on AArch64 (16 bytes, data at 8). */
#define TARGET_EPOLL_EVENT_SIZE 16
#define TARGET_EPOLL_DATA_OFFSET 8

/* The user-visible signal set of rt_sig* calls is 8 bytes. */
#define TARGET_SIGSET_SIZE 8

#endif

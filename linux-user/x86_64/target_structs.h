/*
 * x86_64/target_structs.h: x86_64 Linux layouts, described for the
 * generic conversion code (linux-user/struct-conv.h).  The guest ABI is
 * the host's own, so these are the host's layouts.
 */
#ifndef X86_64_TARGET_STRUCTS_H
#define X86_64_TARGET_STRUCTS_H

/* open(2) flags: the x86 values of asm/fcntl.h. */
#define TARGET_O_DIRECTORY 0200000
#define TARGET_O_NOFOLLOW  0400000
#define TARGET_O_DIRECT    040000
#define TARGET_O_LARGEFILE 0100000

/* struct stat (arch/x86/include/uapi/asm/stat.h, 64-bit): 144 bytes. */
#define TARGET_STAT_SIZE 144
#define TARGET_STAT_FIELDS(F)                \
    F(0,   8, st_dev)                        \
    F(8,   8, st_ino)                        \
    F(16,  8, st_nlink)                      \
    F(24,  4, st_mode)                       \
    F(28,  4, st_uid)                        \
    F(32,  4, st_gid)                        \
    F(40,  8, st_rdev)                       \
    F(48,  8, st_size)                       \
    F(56,  8, st_blksize)                    \
    F(64,  8, st_blocks)                     \
    F(72,  8, st_atim.tv_sec)                \
    F(80,  8, st_atim.tv_nsec)               \
    F(88,  8, st_mtim.tv_sec)                \
    F(96,  8, st_mtim.tv_nsec)               \
    F(104, 8, st_ctim.tv_sec)                \
    F(112, 8, st_ctim.tv_nsec)

/* struct epoll_event is packed on x86 (12 bytes, data at 4). */
#define TARGET_EPOLL_EVENT_SIZE 12
#define TARGET_EPOLL_DATA_OFFSET 4

#define TARGET_SIGSET_SIZE 8

/* struct semid64_ds: x86_64 pads sem_otime and sem_ctime to 16 bytes. */
#define TARGET_SEMID_OTIME 48
#define TARGET_SEMID_CTIME 64
#define TARGET_SEMID_NSEMS 80
#define TARGET_SEMID_SIZE  104

#endif

/*
 * aarch64/target_elf.h: the ELF facts of AArch64 Linux programs, used by
 * the target-generic loader (linux-user/elfload.c).
 */
#ifndef AARCH64_TARGET_ELF_H
#define AARCH64_TARGET_ELF_H

#define ELF_MACHINE      183            /* EM_AARCH64 */
#define ELF_MACHINE_NAME "AArch64"
#define ELF_CLASS        2              /* ELFCLASS64 */
#define ELF_DATA         1              /* ELFDATA2LSB */
#define ELF_PLATFORM     "aarch64"
#define ELF_EXEC_PAGESIZE 4096
/* Where a PIE (ET_DYN without interpreter role) is loaded by default. */
#define ELF_ET_DYN_BASE  0x5500000000ull
/* The minimum signal stack the kernel advertises (AT_MINSIGSTKSZ). */
#define TARGET_MINSIGSTKSZ 5120
/* AT_HWCAP / AT_HWCAP2 come from the CPU model. */
#define ELF_HWCAP(env)   (env_archcpu(env)->hwcap)
#define ELF_HWCAP2(env)  (env_archcpu(env)->hwcap2)

#endif

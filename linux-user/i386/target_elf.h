/*
 * i386/target_elf.h: the ELF facts of 32-bit x86 Linux programs, used by
 * the target-generic loader (linux-user/elfload.c).
 */
#ifndef I386_TARGET_ELF_H
#define I386_TARGET_ELF_H

#define ELF_MACHINE      3              /* EM_386 */
#define ELF_MACHINE_NAME "i386"
#define ELF_CLASS        1              /* ELFCLASS32 */
#define ELF_DATA         1              /* ELFDATA2LSB */
#define ELF_PLATFORM     "i686"
#define ELF_EXEC_PAGESIZE 4096
#define ELF_ET_DYN_BASE  0x56555000ull
#define TARGET_MINSIGSTKSZ 2048
#define ELF_HWCAP(env)   (env_archcpu(env)->features[FEAT_1_EDX])
#define ELF_HWCAP2(env)  ((void)(env), 0)
/* The whole 32-bit space but the top pages (as a compat task gets). */
#define TARGET_DEFAULT_RESERVED_VA 0xffff0000ull
#define TARGET_MAX_RESERVED_VA     0xffff0000ull

#endif

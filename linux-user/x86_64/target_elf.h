/*
 * x86_64/target_elf.h: the ELF facts of x86_64 Linux programs, used by
 * the target-generic loader (linux-user/elfload.c).
 */
#ifndef X86_64_TARGET_ELF_H
#define X86_64_TARGET_ELF_H

#define ELF_MACHINE      62             /* EM_X86_64 */
#define ELF_MACHINE_NAME "x86-64"
#define ELF_CLASS        2              /* ELFCLASS64 */
#define ELF_DATA         1              /* ELFDATA2LSB */
#define ELF_PLATFORM     "x86_64"
#define ELF_EXEC_PAGESIZE 4096
#define ELF_ET_DYN_BASE  0x5555554000ull
/* MINSIGSTKSZ: our frames hold the FXSAVE + AVX state, well under this. */
#define TARGET_MINSIGSTKSZ 2048
/* AT_HWCAP is cpuid leaf 1 EDX; AT_HWCAP2 bit 1 (FSGSBASE) stays clear. */
#define ELF_HWCAP(env)   (env_archcpu(env)->features[FEAT_1_EDX])
#define ELF_HWCAP2(env)  ((void)(env), 0)

#endif

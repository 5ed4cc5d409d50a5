/*
 * arm/target_elf.h: the ELF facts of 32-bit ARM Linux programs (EABI
 * version 5, soft-float "armel" and hard-float "armhf"), used by the
 * target-generic loader (linux-user/elfload.c).
 */
#ifndef ARM_TARGET_ELF_H
#define ARM_TARGET_ELF_H

#include <stdbool.h>
#include <stdint.h>

#define ELF_MACHINE      40             /* EM_ARM */
#define ELF_MACHINE_NAME "ARM"
#define ELF_CLASS        1              /* ELFCLASS32 */
#define ELF_DATA         1              /* ELFDATA2LSB */
#define ELF_PLATFORM     "v7l"
/* AT_PLATFORM: "v8l" for an ARMv8 model, "v7l" for ARMv7 ones. */
#define ELF_PLATFORM_OF(env) \
    ((env_archcpu(env)->a32_features & A32_FEAT_V8) ? "v8l" : "v7l")
#define ELF_EXEC_PAGESIZE 4096
/* Where a PIE is loaded by default (as for i386: low in a 4 GiB space). */
#define ELF_ET_DYN_BASE  0x56555000ull
#define TARGET_MINSIGSTKSZ 2048
/* AT_HWCAP / AT_HWCAP2 come from the CPU model (32-bit ARM bits). */
#define ELF_HWCAP(env)   (env_archcpu(env)->hwcap)
#define ELF_HWCAP2(env)  (env_archcpu(env)->hwcap2)
/*
 * The 32-bit space up to the last page: the vectors page (the kernel
 * user helpers) sits at 0xffff0000 inside it, the stack just below.
 */
#define TARGET_DEFAULT_RESERVED_VA 0xfffff000ull
#define TARGET_MAX_RESERVED_VA     0xfffff000ull

/*
 * e_flags: only EABI programs run (EF_ARM_EABIMASK, bits 31..24, not
 * zero: version 5 today); both float ABIs (EF_ARM_ABI_FLOAT_SOFT 0x200, _HARD 0x400, or
 * neither, as old armel tools leave it) are accepted, the CPU model has
 * the VFP registers either way.  NULL = fine, else the reason.
 */
#define ELF_CHECK_FLAGS(flags) arm_elf_flags_error(flags)
static inline const char *arm_elf_flags_error(uint32_t flags)
{
    uint32_t eabi = flags >> 24;

    if (eabi == 0) {
        return "old ABI (OABI) ARM programs are not supported, only EABI";
    }
    if ((flags & 0x600) == 0x600) {
        return "both soft-float and hard-float ABI flags are set";
    }
    return NULL;
}

/*
 * Before the program is mapped: the vectors page with the kernel user
 * helpers at 0xffff0000 (arm/kuser.c).  False after printing why.
 */
#define ELF_MAP_SPECIAL_PAGES(env) arm_map_vectors_page(env)
bool arm_map_vectors_page(CPUArchState *env);

#endif

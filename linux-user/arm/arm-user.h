/*
 * linux-user/arm/arm-user.h: what the files of linux-user/arm/ share
 * (cpu loop, signal frames, the vectors page, ARM-only calls).
 */
#ifndef LINUX_USER_ARM_USER_H
#define LINUX_USER_ARM_USER_H

#include "qemu.h"

/* The vectors page (kuser.c), mapped unless -R leaves no room. */
#define ARM_VECTORS_BASE 0xffff0000u

/* Signal return codes (kuser.c): see arm_sigreturn_codes' comment. */
#define ARM_SIGRETURN_WORDS 6
extern const uint32_t arm_sigreturn_codes[ARM_SIGRETURN_WORDS];
/* Guest address of those codes (0 until mapped). */
extern abi_ulong arm_sigreturn_base;
void arm_sigreturn_init(void);

/*
 * What the kernel records about the last trap of this thread for the
 * signal frame's sigcontext (trap_no, error_code): 6 for an undefined
 * instruction, 14 for an abort (error_code = the FSR).
 */
typedef struct ArmFault {
    uint32_t trap_no;
    uint32_t error_code;
} ArmFault;
extern __thread ArmFault arm_fault;

/* sigreturn (the non-SA_SIGINFO frame), from the arch's call table. */
abi_long arm_sigreturn(CPUArchState *env);

#endif

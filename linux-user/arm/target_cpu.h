/*
 * arm/target_cpu.h: how the generic linux-user code reaches the AArch32
 * CPU state of qemu-arm (registers used by the syscall ABI, TLS,
 * cloning, fault records).
 *
 * EABI system calls: number in r7, arguments r0..r5, result in r0.  The
 * thread pointer is TPIDRURO (env->tpidrro_el0, the AArch64 name of the
 * same register), which user code reads with mrc p15, 0, rX, c13, c0, 3
 * and the kernel sets for CLONE_SETTLS and the ARM-private set_tls call.
 */
#ifndef ARM_TARGET_CPU_H
#define ARM_TARGET_CPU_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cpu.h"

typedef CPUARMState CPUArchState;

extern const char *cpu_model;

#define TARGET_DEFAULT_CPU "max"

static inline CPUArchState *target_cpu_create(const char *model)
{
    ARMCPU *cpu = arm_cpu_create(model);

    return cpu ? &cpu->env : NULL;
}

static inline void target_cpu_list(FILE *f)
{
    arm_cpu_list(f);
}

static inline uint64_t target_get_pc(CPUArchState *env)
{
    return env->regs[15];
}

static inline void target_set_pc(CPUArchState *env, uint64_t pc)
{
    env->regs[15] = pc & ~(uint64_t)1;
    env->thumb = pc & 1;
}

static inline uint64_t target_get_sp(CPUArchState *env)
{
    return env->regs[13];
}

static inline void target_set_sp(CPUArchState *env, uint64_t sp)
{
    env->regs[13] = sp;
}

/*
 * The initial state of a new program (the ARM ELF ABI and what
 * start_thread leaves): r0..r12 and lr zero (r0 = 0 means "no atexit
 * function"), sp at argc, pc at the entry (bit 0 selects Thumb), CPSR =
 * user mode with the flags clear and no IT block, FPSCR zero, no TLS.
 */
static inline void target_cpu_init_regs(CPUArchState *env, uint64_t entry,
                                        uint64_t sp)
{
    memset(env->regs, 0, sizeof(env->regs));
    env->regs[13] = sp;
    target_set_pc(env, entry);
    env->condexec_bits = 0;
    cpsr_write_user(env, 0);
    vfp_set_fpscr(env, 0);
    env->tpidrro_el0 = 0;
    env->tpidr_el0 = 0;
    env->exclusive_addr = -1;
}

/*
 * A restarted system call steps back over the svc: 4 bytes in A32, 2 in
 * T32 (the T32 svc is always a 16-bit instruction).  Used through
 * arm_svc_len(); TARGET_SVC_LEN is the A32 value for generic users.
 */
#define TARGET_SVC_LEN 4
static inline unsigned arm_svc_len(const CPUArchState *env)
{
    return env->thumb ? 2 : 4;
}

/* A new thread (or fork child in the same process image): copy of the
 * parent's CPU with its own stack and, for the child, result 0. */
static inline CPUArchState *target_cpu_clone(CPUArchState *env,
                                             uint64_t newsp)
{
    ARMCPU *old = env_archcpu(env);
    ARMCPU *cpu = arm_cpu_create(cpu_model);
    CPUState saved;

    if (!cpu) {
        return NULL;
    }
    saved = cpu->parent;
    memcpy(cpu, old, sizeof(*cpu));
    cpu->parent = saved;
    if (newsp) {
        cpu->env.regs[13] = newsp;
    }
    cpu->env.regs[0] = 0;
    cpu->env.exclusive_addr = -1;
    return &cpu->env;
}

/* CLONE_SETTLS: the value goes to TPIDRURO. */
static inline void target_cpu_set_tls(CPUArchState *env, uint64_t tls)
{
    env->tpidrro_el0 = (uint32_t)tls;
}

/* A guest thread ends: its 32-bit syscall scratch page goes
 * (arm/syscall-arm.c). */
void target_cpu_thread_exit(CPUArchState *env);

/* force_sig_fault(): the address the frame's fault_address reports. */
static inline void target_set_fault_addr(CPUArchState *env, uint64_t addr)
{
    env->exception.vaddress = addr;
}

/*
 * A host SIGSEGV on guest memory in generated code: what the data abort
 * would have recorded, in the AArch32 DFSR short-descriptor form the
 * 32-bit kernel reports as the frame's error_code: FS = 0b00101
 * (translation fault, section) when nothing is mapped, 0b01111
 * (permission fault, page) otherwise, WnR (bit 11) for a write.
 */
static inline void target_record_fault(CPUArchState *env, uint64_t addr,
                                       bool is_write, bool present,
                                       bool in_space)
{
    (void)in_space;
    env->exception.vaddress = addr;
    env->exception.syndrome = (is_write ? 1u << 11 : 0) |
                              (present ? 0xf : 0x5);
}

#endif

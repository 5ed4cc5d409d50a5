/*
 * aarch64/target_cpu.h: how the generic linux-user code reaches the
 * AArch64 CPU state (registers used by the syscall ABI, TLS, cloning).
 */
#ifndef AARCH64_TARGET_CPU_H
#define AARCH64_TARGET_CPU_H

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
    return env->pc;
}

static inline void target_set_pc(CPUArchState *env, uint64_t pc)
{
    env->pc = pc;
}

static inline uint64_t target_get_sp(CPUArchState *env)
{
    return env->xregs[31];
}

/* The initial register state of a new program (ELF ABI: all zero). */
static inline void target_cpu_init_regs(CPUArchState *env, uint64_t entry,
                                        uint64_t sp)
{
    memset(env->xregs, 0, sizeof(env->xregs));
    env->xregs[31] = sp;
    env->pc = entry;
    pstate_write_nzcv(env, 0);
}

/* The svc instruction is 4 bytes: restart a syscall by stepping back. */
#define TARGET_SVC_LEN 4

/* A new thread (or fork child in the same process image): copy of the
 * parent's CPU with its own stack and, for the child, result 0. */
static inline CPUArchState *target_cpu_clone(CPUArchState *env,
                                             uint64_t newsp)
{
    ARMCPU *old = env_archcpu(env);
    ARMCPU *cpu = arm_cpu_create(cpu_model);
    CPUState *cs;
    CPUState saved;

    if (!cpu) {
        return NULL;
    }
    cs = &cpu->parent;
    saved = *cs;
    memcpy(cpu, old, sizeof(*cpu));
    cpu->parent = saved;
    if (newsp) {
        cpu->env.xregs[31] = newsp;
    }
    cpu->env.xregs[0] = 0;
    cpu->env.exclusive_addr = -1;
    return &cpu->env;
}

static inline void target_cpu_set_tls(CPUArchState *env, uint64_t tls)
{
    env->tpidr_el0 = tls;
}

/* A guest thread ends: nothing of its own to release. */
static inline void target_cpu_thread_exit(CPUArchState *env)
{
    (void)env;
}

static inline void target_set_sp(CPUArchState *env, uint64_t sp)
{
    env->xregs[31] = sp;
}

/* force_sig_fault(): the address the frame's FAR reports. */
static inline void target_set_fault_addr(CPUArchState *env, uint64_t addr)
{
    env->exception.vaddress = addr;
}

/* A host SIGSEGV on guest memory in generated code: the data abort's
 * syndrome (EC 0x24, IL, WnR, a translation or permission fault). */
static inline void target_record_fault(CPUArchState *env, uint64_t addr,
                                       bool is_write, bool present,
                                       bool in_space)
{
    (void)addr;
    (void)in_space;
    env->exception.syndrome = (0x24u << 26) | (1u << 25) |
                              (is_write ? 1u << 6 : 0) |
                              (present ? 0xf : 0x7);
}

#endif

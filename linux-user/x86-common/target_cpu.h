/*
 * x86-common/target_cpu.h: how the generic linux-user code reaches the
 * x86 CPU state; included by x86_64/target_cpu.h and i386/target_cpu.h,
 * which define TARGET_X86_LM (1 for an x86_64 process) first.
 */
#ifndef X86_COMMON_TARGET_CPU_H
#define X86_COMMON_TARGET_CPU_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cpu.h"

typedef CPUX86State CPUArchState;

extern const char *cpu_model;

#define TARGET_DEFAULT_CPU "max"

static inline CPUArchState *target_cpu_create(const char *model)
{
    X86CPU *cpu = x86_cpu_create(model, TARGET_X86_LM);

    return cpu ? &cpu->env : NULL;
}

static inline void target_cpu_list(FILE *f)
{
    x86_cpu_list(f);
}

static inline uint64_t target_get_pc(CPUArchState *env)
{
    return env->eip;
}

static inline void target_set_pc(CPUArchState *env, uint64_t pc)
{
    env->eip = pc;
}

static inline uint64_t target_get_sp(CPUArchState *env)
{
    return env->regs[R_ESP];
}

static inline void target_set_sp(CPUArchState *env, uint64_t sp)
{
    env->regs[R_ESP] = sp;
}

/*
 * The initial register state (x86 ELF ABIs): everything zero except
 * rsp and rip; EFLAGS.IF set as the kernel leaves it, DF clear, the x87
 * control word 0x37f and MXCSR 0x1f80 (the FNINIT/reset values).
 */
void x86_cpu_init_regs(CPUArchState *env, uint64_t entry, uint64_t sp);
static inline void target_cpu_init_regs(CPUArchState *env, uint64_t entry,
                                        uint64_t sp)
{
    x86_cpu_init_regs(env, entry, sp);
}

/* syscall, sysenter and int $0x80 are all 2 bytes. */
#define TARGET_SVC_LEN 2

/* A new thread gets its own copy of the GDT (the TLS slots are per
 * thread, as the kernel switches them). */
void x86_gdt_copy(CPUArchState *env);

static inline CPUArchState *target_cpu_clone(CPUArchState *env,
                                             uint64_t newsp)
{
    X86CPU *old = env_archcpu(env);
    X86CPU *cpu = x86_cpu_create(cpu_model, TARGET_X86_LM);
    CPUState saved;

    if (!cpu) {
        return NULL;
    }
    saved = cpu->parent;
    memcpy(cpu, old, sizeof(*cpu));
    cpu->parent = saved;
    if (newsp) {
        cpu->env.regs[R_ESP] = newsp;
    }
    cpu->env.regs[R_EAX] = 0;
    x86_gdt_copy(&cpu->env);
    return &cpu->env;
}

/*
 * The vDSO (x86-common/vdso.c), which the loader maps before it builds
 * the stack: returns its address for AT_SYSINFO_EHDR (0: none) and sets
 * *sysinfo to AT_SYSINFO's value (i386: __kernel_vsyscall; 0 for none).
 */
#define TARGET_HAS_VDSO 1
uint64_t target_vdso_map(uint64_t *sysinfo);

/* A guest thread ends: its GDT page (and i386 scratch area) go. */
void target_cpu_thread_exit(CPUArchState *env);

/* CLONE_SETTLS: x86_64 takes the FS base, i386 a struct user_desc. */
void target_cpu_set_tls(CPUArchState *env, uint64_t tls);

/*
 * A host SIGSEGV on guest memory in generated code: what the CPU would
 * have recorded for the #PF (cr2, error code: bit 0 present, bit 1
 * write, bit 2 user).  An address outside the guest space (a
 * non-canonical one) is a #GP instead, which Linux reports as SIGSEGV
 * with SI_KERNEL and no address.
 */
void target_record_fault(CPUArchState *env, uint64_t addr, bool is_write,
                         bool present, bool in_space);
/* force_sig_fault(): the address the frame reports. */
static inline void target_set_fault_addr(CPUArchState *env, uint64_t addr)
{
    (void)env;
    (void)addr;         /* x86 keeps cr2 from the #PF itself */
}

#endif

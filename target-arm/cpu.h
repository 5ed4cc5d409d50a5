/*
 * target-arm/cpu.h: the ARM CPU state (AArch64 at EL0 for now).
 *
 * Shared by the translator (target-arm/) and the user-mode ABI code
 * (linux-user/aarch64/).  Condition flags are kept the cheap way, so no
 * flag is computed until something reads it:
 *   N = NF bit 31, Z = (ZF == 0), C = CF (0 or 1), V = VF bit 31.
 * A 32-bit ADDS sets NF = ZF = result; a 64-bit one sets NF = high half
 * and ZF = high | low.
 */
#ifndef TARGET_ARM_CPU_H
#define TARGET_ARM_CPU_H

#include <stdint.h>

#include "exec/cpu.h"
#include "fpu/softfloat.h"

/* Exceptions returned by cpu_exec() (user mode cares about these). */
#define EXCP_UDEF            1   /* undefined instruction */
#define EXCP_SWI             2   /* SVC: system call, number in x8 */
#define EXCP_PREFETCH_ABORT  3   /* instruction fetch from a bad page */
#define EXCP_DATA_ABORT      4   /* data access fault / alignment */
#define EXCP_BKPT            7   /* BRK */
#define EXCP_UNALIGNED      22   /* alignment fault (SIGBUS) */

typedef struct ARMVectorReg {
    uint64_t d[2] __attribute__((aligned(16)));   /* d[0] = low half */
} ARMVectorReg;

typedef struct CPUARMState {
    uint64_t xregs[32];          /* x0..x30; xregs[31] is SP_EL0 */
    uint64_t pc;
    uint32_t NF, ZF, CF, VF;     /* see the header comment */

    uint64_t tpidr_el0;
    uint64_t tpidrro_el0;

    /* The exclusive monitor of LDXR/STXR (user mode: host atomics). */
    uint64_t exclusive_addr;     /* -1 when clear */
    uint64_t exclusive_val;
    uint64_t exclusive_high;

    ARMVectorReg vregs[32];      /* v0..v31 (FP and AdvSIMD) */
    uint32_t fpcr;
    uint32_t fpsr;               /* cumulative flags as the guest reads them */
    FloatStatus fp_status;       /* from FPCR: rounding, FZ, DN */
    FloatStatus fp_status_f16;   /* half precision: FZ16 */
    FloatStatus standard_fp_status;  /* AArch32 NEON "standard FPSCR" */

    /* Details of the last exception, for linux-user's signal info. */
    struct {
        uint32_t syndrome;       /* ESR_ELx value */
        uint64_t vaddress;       /* fault address (FAR) */
    } exception;
} CPUARMState;

typedef struct ARMCPU {
    CPUState parent;
    CPUARMState env;
    /* ID register values of the model, as MRS from EL0 shows them. */
    uint64_t midr;
    uint64_t id_aa64isar0, id_aa64isar1, id_aa64pfr0, id_aa64mmfr0;
    uint64_t ctr, dczid;
    uint32_t hwcap, hwcap2;      /* AT_HWCAP/AT_HWCAP2: what is implemented */
} ARMCPU;

static inline ARMCPU *env_archcpu(CPUARMState *env)
{
    return (ARMCPU *)env_cpu(env);
}

static inline uint32_t pstate_read_nzcv(const CPUARMState *env)
{
    return ((env->NF >> 31) << 31) | ((env->ZF == 0) << 30) |
           ((env->CF & 1) << 29) | ((env->VF >> 31) << 28);
}

static inline void pstate_write_nzcv(CPUARMState *env, uint32_t v)
{
    env->NF = v & (1u << 31);
    env->ZF = !(v & (1u << 30));
    env->CF = (v >> 29) & 1;
    env->VF = (v & (1u << 28)) ? 1u << 31 : 0;
}

/* FPCR/FPSR accessors keep fp_status in step with the guest view. */
uint32_t vfp_get_fpsr(CPUARMState *env);
void vfp_set_fpsr(CPUARMState *env, uint32_t val);
uint32_t vfp_get_fpcr(CPUARMState *env);
void vfp_set_fpcr(CPUARMState *env, uint32_t val);

/*
 * Create a CPU of the named model ("max", "cortex-a57", "cortex-a72",
 * "cortex-a53", "a64fx"...): NULL if the name is unknown.  The first call
 * also sets up the TCG globals of the translator.
 */
ARMCPU *arm_cpu_create(const char *model);
/* For -cpu help: one model per line. */
void arm_cpu_list(FILE *f);

#endif

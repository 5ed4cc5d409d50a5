/*
 * target-arm/cpu.h: the ARM CPU state, AArch64 at EL0 (qemu-aarch64) and
 * AArch32 at PL0 (qemu-arm).
 *
 * Shared by the translators (translate-a64.c, translate-a32.c) and the
 * user-mode ABI code (linux-user/aarch64/, linux-user/arm/).  Condition flags are kept the cheap way, so no
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
#ifdef CONFIG_SOFTMMU
#include "excp-a64.h"
#include "mmu-a64.h"
#include "gtimer.h"
#include "psci.h"
#include "sysreg-a64.h"
#include "hw/irq.h"
#endif

/* Exceptions returned by cpu_exec() (user mode cares about these). */
#define EXCP_UDEF            1   /* undefined instruction */
#define EXCP_SWI             2   /* SVC: system call, number in x8 */
#define EXCP_PREFETCH_ABORT  3   /* instruction fetch from a bad page */
#define EXCP_DATA_ABORT      4   /* data access fault / alignment */
#define EXCP_BKPT            7   /* BRK */
#define EXCP_UNALIGNED      22   /* alignment fault (SIGBUS) */
/* AArch32 only: */
#define EXCP_KERNEL_TRAP    23   /* pc in the kuser helper page (unused if
                                    the page holds real guest code) */
#define EXCP_SEMIHOST       24   /* reserved */

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

    /*
     * AArch32 (qemu-arm).  regs[15] is the pc: the address of the next
     * instruction to run whenever generated code is not running (TB
     * exit, exception: then the faulting or trapping instruction).  The
     * flags NF/ZF/CF/VF above are shared with AArch64 and kept the same
     * lazy way.  S/D registers alias vregs as the architecture says:
     * Dn = vregs[n >> 1].d[n & 1], S(2n) and S(2n+1) the low and high
     * halves of Dn, Qn = vregs[n].  FPSCR is fpcr | fpsr (the AArch64
     * split of the same bits), read and written with vfp_get/set_fpscr.
     */
    uint32_t regs[16];
    uint32_t thumb;              /* CPSR.T: 1 when running T32 */
    uint32_t condexec_bits;      /* CPSR.IT[7:0] (ITSTATE): 0 outside IT */
    uint32_t QF;                 /* CPSR.Q, sticky: non-zero = set */
    uint32_t GE;                 /* CPSR.GE[3:0] */
    uint32_t fpexc;              /* FPEXC (EN always set in user mode) */

    /* Details of the last exception, for linux-user's signal info. */
    struct {
        uint32_t syndrome;       /* ESR_ELx value */
        uint64_t vaddress;       /* fault address (FAR) */
    } exception;

#ifdef CONFIG_SOFTMMU
    /*
     * System mode (qemu-system-aarch64), EL0 and EL1.  pc, the flags and
     * xregs[] above stay the live values; excp holds the rest of
     * PSTATE (EL, DAIF, SPSel, PAN, UAO) and the EL1 exception
     * registers.  xregs[31] is the SP of the current EL/SPSel:
     * excp.sp_el[arm_excp_sp_index(&excp)] is stale while it runs (see
     * arm_sp_to_bank/arm_sp_from_bank in cpu-sys.h).  mmu.sctlr is kept
     * equal to excp.sctlr_el1 by the SCTLR_EL1 write.
     */
    ArmExcpState excp;
    ArmMMUState mmu;
    ArmSysRegFile sr;            /* the other EL1 registers: sysreg-a64.h */
#endif
} CPUARMState;

typedef struct ARMCPU {
    CPUState parent;
    CPUARMState env;
    /* ID register values of the model, as MRS from EL0 shows them. */
    uint64_t midr;
    uint64_t id_aa64isar0, id_aa64isar1, id_aa64pfr0, id_aa64mmfr0;
    uint64_t ctr, dczid;
    uint32_t hwcap, hwcap2;      /* AT_HWCAP/AT_HWCAP2: what is implemented */
    /* AArch32 models (qemu-arm): feature bits (A32_FEAT_*) and the ID
     * registers VMRS shows (FPSID, MVFR0..2). */
    uint64_t a32_features;
    uint32_t fpsid, mvfr0, mvfr1, mvfr2;
#ifdef CONFIG_SOFTMMU
    /*
     * System mode (target-arm/cpu-sys.c owns these; the board sets the
     * wiring fields before the first reset).
     */
    ArmSysRegIDs ids;            /* every ID register of the model */
    uint64_t mpidr;              /* MPIDR_EL1 (board: affinity) */
    ArmGTimer gt;                /* generic timer (CNTP/CNTV of this CPU) */
    struct QEMUTimer *gt_timer[ARM_GT_NUM_TIMERS];
    qemu_irq gt_irq[ARM_GT_NUM_TIMERS]; /* outputs: board -> GIC PPIs
                                           (ARM_GT_PHYS: 30, VIRT: 27) */
    IRQState irq_in[2];          /* inputs: ARM_CPU_IRQ, ARM_CPU_FIQ */
    bool irq_level[2];
    ArmPSCI *psci;               /* board's PSCI state (NULL: none) */
    /*
     * GICv3 CPU interface (ICC_* system registers): the board's GIC
     * answers them.  NULL: ICC_* are UNDEFINED (GICv2 boards).
     * read returns false for a register it does not implement.
     */
    bool (*icc_read)(void *opaque, int cpu, uint32_t key, uint64_t *val);
    bool (*icc_write)(void *opaque, int cpu, uint32_t key, uint64_t val);
    void *icc_opaque;
    uint64_t reset_pc;           /* where reset starts (board: kernel) */
    uint64_t reset_x0;           /* x0 at reset (board: the DTB) */
    unsigned reset_el;           /* 1: Linux boot protocol at EL1 */
#endif
} ARMCPU;

/* ARMCPU.a32_features: what an AArch32 model implements. */
enum {
    A32_FEAT_V6K      = 1u << 0,   /* ARMv6K: ldrexb/h/d, clrex, yield... */
    A32_FEAT_V7       = 1u << 1,   /* ARMv7-A (also Thumb-2, movw/movt) */
    A32_FEAT_V8       = 1u << 2,   /* ARMv8 AArch32: lda/stl, sevl, hlt... */
    A32_FEAT_IDIV     = 1u << 3,   /* sdiv/udiv in A32 and T32 */
    A32_FEAT_VFP3     = 1u << 4,   /* VFPv3 (vmov imm, fixed-point cvt) */
    A32_FEAT_VFP4     = 1u << 5,   /* VFPv4: fused multiply-add */
    A32_FEAT_D32      = 1u << 6,   /* 32 D registers (else 16) */
    A32_FEAT_NEON     = 1u << 7,   /* Advanced SIMD */
    A32_FEAT_FP16     = 1u << 8,   /* half-precision conversions */
    A32_FEAT_V8_FP    = 1u << 9,   /* vsel, vmaxnm, vrint*, vcvt{a,n,p,m} */
    A32_FEAT_CRC      = 1u << 10,  /* crc32* */
    A32_FEAT_AES      = 1u << 11,  /* aese/aesd/aesmc/aesimc, vmull.p64 */
    A32_FEAT_SHA1     = 1u << 12,
    A32_FEAT_SHA2     = 1u << 13,
};

/* FPSCR (AArch32) = the FPCR bits | the FPSR bits; see helper-vfp.c. */
uint32_t vfp_get_fpscr(CPUARMState *env);
void vfp_set_fpscr(CPUARMState *env, uint32_t val);

/* CPSR as user mode sees it (NZCVQ, GE, IT, T, mode USR) and back. */
uint32_t cpsr_read(CPUARMState *env);
void cpsr_write_user(CPUARMState *env, uint32_t val);  /* NZCVQ, GE only */

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

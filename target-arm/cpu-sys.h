/*
 * target-arm/cpu-sys.h: the AArch64 CPU in system mode (cpu-sys.c):
 * what boards and the other target-arm files call.
 *
 * MMU indexes (the TLB's mmu_idx and the MemOpIdx of every access):
 *   ARM_MMU_IDX_E0      EL0 (and LDTR/STTR at EL1 without UAO)
 *   ARM_MMU_IDX_E1      EL1, PSTATE.PAN clear
 *   ARM_MMU_IDX_E1_PAN  EL1, PSTATE.PAN set (EL0-accessible data faults)
 * The MMU-off identity map goes through the same indexes.  TLB entries
 * are not ASID-tagged: a TTBR write that changes the ASID or the table
 * base, an SCTLR_EL1.M/WXN change, TCR/MAIR writes and every TLBI
 * flush what they could have made stale.
 */
#ifndef TARGET_ARM_CPU_SYS_H
#define TARGET_ARM_CPU_SYS_H

#include "cpu.h"
#include "exec/memory.h"

/*
 * Exception numbers of system mode (cs->exception_index, handled by
 * do_interrupt).  The synchronous ones reuse cpu.h's numbers
 * (EXCP_UDEF, EXCP_SWI, EXCP_PREFETCH_ABORT, EXCP_DATA_ABORT,
 * EXCP_BKPT, EXCP_UNALIGNED) plus EXCP_ARM_SYNC for every other
 * synchronous exception: all of them take ESR_EL1 from
 * env->exception.syndrome, FAR_EL1 from env->exception.vaddress (for
 * the aborts and PC alignment, by EC) and ELR_EL1 from env->pc, which
 * the raiser leaves at the preferred return address.
 */
#define EXCP_IRQ             5   /* the IRQ line, unmasked */
#define EXCP_FIQ             6   /* the FIQ line, unmasked */
#define EXCP_ARM_SYNC       25   /* any other synchronous exception */

/* interrupt_request bit of the FIQ line (IRQ: CPU_INTERRUPT_HARD). */
#define CPU_INTERRUPT_FIQ    CPU_INTERRUPT_TGT_EXT_0

/*
 * TB flags in system mode (get_tb_cpu_state):
 *   bits 1:0   PSTATE.EL
 *   bits 4:2   MMU index of ordinary loads and stores (arm_mmu_idx)
 *   bits 7:5   MMU index of LDTR/STTR and friends (EL0's unless UAO)
 *   bit  8     FP/SIMD enabled at this EL by CPACR_EL1.FPEN
 *   bit  9     PSTATE.IL: the next instruction takes an Illegal
 *              Execution state exception
 *   bit  10    SCTLR_EL1.A: every access checks its alignment
 *   bit  11    PSTATE.SP (SPSel): which bank xregs[31] is
 */
#define ARM_TBF_EL_SHIFT        0
#define ARM_TBF_MMUIDX_SHIFT    2
#define ARM_TBF_UNPRIV_SHIFT    5
#define ARM_TBF_FP              (1u << 8)
#define ARM_TBF_IL              (1u << 9)
#define ARM_TBF_ALIGN           (1u << 10)
#define ARM_TBF_SPSEL           (1u << 11)

enum {
    ARM_MMU_IDX_E0 = 0,
    ARM_MMU_IDX_E1 = 1,
    ARM_MMU_IDX_E1_PAN = 2,
    ARM_MMU_IDX_COUNT = 3,
};
#define ARM_MMU_IDXMAP_ALL  ((1u << ARM_MMU_IDX_COUNT) - 1)

/* Inputs of arm_cpu_irq(). */
enum { ARM_CPU_IRQ = 0, ARM_CPU_FIQ = 1 };

/* Gic/board wiring: the CPU's IRQ or FIQ input line. */
static inline qemu_irq arm_cpu_irq(ARMCPU *cpu, int line)
{
    return &cpu->irq_in[line];
}

/* Generic timer frequency: 62.5 MHz, as Linux's virt DT expects. */
#define ARM_GT_FREQ_HZ 62500000ull

/*
 * Called by arm_cpu_create() in system mode: installs the system
 * CPUClass, the IRQ inputs, the timer, the TLB (on as).
 */
void arm_cpu_sys_init(ARMCPU *cpu);
void arm_cpu_set_address_space(ARMCPU *cpu, AddressSpace *as);

/*
 * Architectural reset, then start at reset_pc in EL reset_el (EL1h, DAIF
 * masked, MMU off) with x0 = reset_x0.  PSCI CPU_ON sets those fields
 * and resets.  Takes effect on the CPU's own thread (run_on_cpu).
 */
void arm_cpu_reset(ARMCPU *cpu);

/* PSTATE helpers: keep xregs[31] and the SP banks in step. */
void arm_sp_to_bank(CPUARMState *env);     /* xregs[31] -> excp.sp_el[] */
void arm_sp_from_bank(CPUARMState *env);   /* excp.sp_el[] -> xregs[31] */
/* PSTATE as SPSR shows it (NZCV from the lazy flags). */
uint64_t arm_pstate_read(CPUARMState *env);

/* The MMU index of data accesses now (EL and PAN). */
int arm_mmu_idx(CPUARMState *env);
/* Invalidate everything that depends on translation regime state. */
void arm_tlb_flush_local(CPUARMState *env);

/* Physical memory of this CPU, for table walks and debug. */
AddressSpace *arm_cpu_as(ARMCPU *cpu);

#endif

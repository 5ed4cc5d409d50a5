/*
 * target-arm/cpu-sys.c: the AArch64 CPU of qemu-system-aarch64 (EL0 and
 * EL1): the system-mode CPUClass hooks, reset, the soft TLB fill (stage
 * 1 walk of mmu-a64.c), exception delivery (excp-a64.c), the IRQ/FIQ
 * inputs, the generic timer's glue to the virtual clock (gtimer.c) and
 * the run-time helpers of the system instructions (ERET, WFI, HVC/SMC
 * through PSCI, PSTATE writes), which translate-a64.c calls.
 *
 * State split: env->pc, the lazy flags and xregs[] are the live values
 * while code runs; env->excp holds the rest of PSTATE and the EL1
 * exception registers.  Whatever calls into excp-a64.c first moves the
 * live SP into its bank (arm_sp_to_bank) and NZCV into excp.nzcv, and
 * takes them back after.
 *
 * Threads: every hook here runs on the CPU's own thread, except the
 * IRQ input handler (any thread, under the global lock) and the timer
 * callbacks (the main loop, under the global lock).
 *
 * Interrupts: the IRQ/FIQ pins set irq_level and request the interrupt;
 * exec_interrupt takes it if PSTATE unmasks it and otherwise drops the
 * request (so TBs keep running while it is masked); every PSTATE write
 * that can unmask (ERET, MSR DAIFClr/DAIF, register writes) asks again
 * through arm_check_pending().  WFI halts until a line is high, masked
 * or not, as the architecture says.
 *
 * Not emulated: EL2/EL3 (HVC/SMC other than PSCI are UNDEFINED),
 * SError and debug exceptions (breakpoints, watchpoints, software
 * step), alignment faults for Device memory with SCTLR_EL1.A = 0, the
 * WFE event register (WFE yields like YIELD).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "qemu/log.h"
#include "qemu/main-loop.h"
#include "qemu/timer.h"
#include "exec/cputlb.h"
#include "exec/memory.h"
#include "sysemu/cpus.h"
#include "tcg/helper-info.h"
#include "internals.h"
#include "cpu-sys.h"

#include "config-host.h"
#ifdef CONFIG_CAPSTONE
#include <capstone/capstone.h>
#endif

/* ------------------------------------------------------------- PSTATE */

void arm_sp_to_bank(CPUARMState *env)
{
    env->excp.sp_el[arm_excp_sp_index(&env->excp)] = env->xregs[31];
}

void arm_sp_from_bank(CPUARMState *env)
{
    env->xregs[31] = env->excp.sp_el[arm_excp_sp_index(&env->excp)];
}

uint64_t arm_pstate_read(CPUARMState *env)
{
    env->excp.nzcv = pstate_read_nzcv(env);
    return arm_excp_pstate_to_spsr(&env->excp);
}

int arm_mmu_idx(CPUARMState *env)
{
    if (env->excp.el == 0) {
        return ARM_MMU_IDX_E0;
    }
    return env->excp.pan ? ARM_MMU_IDX_E1_PAN : ARM_MMU_IDX_E1;
}

/* LDTR/STTR: EL0's permissions at EL1, unless PSTATE.UAO. */
static int arm_mmu_idx_unpriv(CPUARMState *env)
{
    if (env->excp.el == 1 && env->excp.uao) {
        return arm_mmu_idx(env);
    }
    return ARM_MMU_IDX_E0;
}

void arm_tlb_flush_local(CPUARMState *env)
{
    CPUState *cs = env_cpu(env);

    if (cs->tlb.d) {
        tlb_flush(cs);
    }
}

AddressSpace *arm_cpu_as(ARMCPU *cpu)
{
    return cpu->parent.as;
}

/* CPACR_EL1.FPEN: 0b01 traps EL0 only, 0b11 traps nothing. */
static bool arm_fp_enabled(CPUARMState *env)
{
    unsigned fpen = (env->sr.cpacr_el1 >> 20) & 3;

    return fpen == 3 || (fpen == 1 && env->excp.el == 1);
}

/* ------------------------------------------------------------ TB state */

static void arm_sys_get_tb_cpu_state(CPUState *cs, uint64_t *pc,
                                     uint64_t *cs_base, uint32_t *flags)
{
    CPUARMState *env = &((ARMCPU *)cs)->env;
    uint32_t f;

    f = (uint32_t)env->excp.el << ARM_TBF_EL_SHIFT;
    f |= (uint32_t)arm_mmu_idx(env) << ARM_TBF_MMUIDX_SHIFT;
    f |= (uint32_t)arm_mmu_idx_unpriv(env) << ARM_TBF_UNPRIV_SHIFT;
    if (arm_fp_enabled(env)) {
        f |= ARM_TBF_FP;
    }
    if (env->excp.il) {
        f |= ARM_TBF_IL;
    }
    if (env->excp.sctlr_el1 & ARM_SCTLR_A) {
        f |= ARM_TBF_ALIGN;
    }
    if (env->excp.sp_sel) {
        f |= ARM_TBF_SPSEL;
    }
    *pc = env->pc;
    *cs_base = 0;
    *flags = f;
}

static void arm_sys_restore_state(CPUState *cs, const TranslationBlock *tb,
                                  const uint64_t *data)
{
    ((ARMCPU *)cs)->env.pc = data[0];
}

static void arm_sys_synchronize_from_tb(CPUState *cs,
                                        const TranslationBlock *tb)
{
    ((ARMCPU *)cs)->env.pc = tb->pc;
}

static int arm_sys_mmu_index_code(CPUState *cs)
{
    return arm_mmu_idx(&((ARMCPU *)cs)->env);
}

static const void *arm_sys_code_ptr(CPUState *cs, uint64_t pc, size_t len)
{
    if ((pc & ~TLB_PAGE_MASK) + len > TLB_PAGE_SIZE) {
        return NULL;
    }
    return probe_access_nofault(cs->env_ptr, pc, len, MMU_INST_FETCH,
                                arm_sys_mmu_index_code(cs));
}

/* ------------------------------------------------- the page table walk */

static bool arm_phys_read64(void *opaque, uint64_t pa, uint64_t *val)
{
    ARMCPU *cpu = opaque;
    MemTxResult res;

    *val = address_space_ldq_le(cpu->parent.as, pa, &res);
    return res == MEMTX_OK;
}

static ArmMMUCas arm_phys_cas64(void *opaque, uint64_t pa, uint64_t old,
                                uint64_t new)
{
    ARMCPU *cpu = opaque;
    hwaddr len = 8;
    MemoryRegion *mr = NULL;
    uint64_t *p = address_space_map(cpu->parent.as, pa, &len, true, &mr);
    uint64_t expected;
    bool ok;

    if (!p || len < 8) {
        if (p) {
            address_space_unmap(mr, p, 0, true);
        }
        return ARM_MMU_CAS_ERROR;
    }
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    old = __builtin_bswap64(old);
    new = __builtin_bswap64(new);
#endif
    expected = old;
    ok = __atomic_compare_exchange_n(p, &expected, new, false,
                                     __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    address_space_unmap(mr, p, ok ? 8 : 0, true);
    return ok ? ARM_MMU_CAS_OK : ARM_MMU_CAS_CHANGED;
}

static void arm_mmu_phys(ARMCPU *cpu, ArmMMUPhys *phys)
{
    phys->read64 = arm_phys_read64;
    phys->cas64 = arm_phys_cas64;
    phys->opaque = cpu;
}

/* The walk's context for an access in mmu_idx (PAN, UAO from PSTATE). */
static void arm_mmu_context(CPUARMState *env, int mmu_idx, ArmMMUState *st)
{
    *st = env->mmu;
    st->sctlr = env->excp.sctlr_el1;
    st->pan = mmu_idx == ARM_MMU_IDX_E1_PAN;
    st->uao = env->excp.uao;
}

static bool arm_sys_tlb_fill(CPUState *cs, uint64_t addr, int size,
                             int access_type, int mmu_idx, bool probe,
                             uintptr_t retaddr)
{
    ARMCPU *cpu = (ARMCPU *)cs;
    CPUARMState *env = &cpu->env;
    ArmMMUState st;
    ArmMMUAccess acc;
    ArmMMUPhys phys;
    ArmMMUResult res;
    uint64_t mask;

    (void)size;
    arm_mmu_context(env, mmu_idx, &st);
    memset(&acc, 0, sizeof(acc));
    acc.va = addr;
    acc.type = access_type == MMU_DATA_STORE ? ARM_MMU_STORE :
               access_type == MMU_INST_FETCH ? ARM_MMU_FETCH : ARM_MMU_LOAD;
    acc.el = env->excp.el;
    acc.unpriv = env->excp.el == 1 && mmu_idx == ARM_MMU_IDX_E0;
    arm_mmu_phys(cpu, &phys);

    if (arm_mmu_translate(&st, &acc, &phys, &res)) {
        int prot = 0;

        if (res.prot & ARM_MMU_PROT_R) {
            prot |= PAGE_READ;
        }
        if (res.prot & ARM_MMU_PROT_W) {
            prot |= PAGE_WRITE;
        }
        if (res.prot & ARM_MMU_PROT_X) {
            prot |= PAGE_EXEC;
        }
        mask = ((uint64_t)1 << res.page_shift) - 1;
        qemu_log_mask(CPU_LOG_MMU, "tlb_fill: va 0x%016" PRIx64 " -> pa 0x%"
                      PRIx64 " prot %x idx %d shift %d\n", addr, res.pa,
                      prot, mmu_idx, res.page_shift);
        tlb_set_page(cs, addr & ~mask, res.pa & ~mask, prot, mmu_idx,
                     res.page_shift,
                     res.mair_attr | (res.ng ? TLB_ATTR_NG : 0));
        return true;
    }
    if (probe) {
        return false;
    }
    qemu_log_mask(CPU_LOG_MMU, "tlb_fill: va 0x%016" PRIx64 " type %d idx %d"
                  " fault ESR 0x%08x\n", addr, access_type, mmu_idx,
                  res.fault.esr);
    env->exception.syndrome = res.fault.esr;
    env->exception.vaddress = res.fault.far;
    if (access_type == MMU_INST_FETCH) {
        cs->exception_index = EXCP_PREFETCH_ABORT;
        if (!retaddr) {
            env->pc = addr;     /* the fetch of the TB's own pc */
        }
    } else {
        cs->exception_index = EXCP_DATA_ABORT;
    }
    cpu_loop_exit_restore(cs, retaddr);
}

/* Debug access: no faults, no TLB fill, no AF/dirty updates. */
static int arm_sys_memory_rw_debug(CPUState *cs, uint64_t addr, void *buf,
                                   size_t len, bool is_write)
{
    ARMCPU *cpu = (ARMCPU *)cs;
    CPUARMState *env = &cpu->env;
    uint8_t *p = buf;
    ArmMMUState st;
    ArmMMUPhys phys;

    arm_mmu_context(env, ARM_MMU_IDX_E1, &st);
    st.tcr &= ~(ARM_TCR_HA | ARM_TCR_HD);
    arm_mmu_phys(cpu, &phys);
    phys.cas64 = NULL;
    while (len > 0) {
        ArmMMUAccess acc = { .va = addr, .type = ARM_MMU_LOAD, .el = 1 };
        ArmMMUResult res;
        uint64_t in_page, n;

        if (!arm_mmu_translate(&st, &acc, &phys, &res)) {
            return -1;
        }
        in_page = ((uint64_t)1 << res.page_shift) -
                  (addr & (((uint64_t)1 << res.page_shift) - 1));
        n = in_page < len ? in_page : len;
        if (is_write) {
            if (address_space_write_rom(cs->as, res.pa, p, n) != MEMTX_OK) {
                return -1;
            }
        } else if (address_space_read(cs->as, res.pa, p, n) != MEMTX_OK) {
            return -1;
        }
        addr += n;
        p += n;
        len -= n;
    }
    return 0;
}

/* ---------------------------------------------------------- exceptions */

static const char *arm_excp_name(int excp)
{
    switch (excp) {
    case EXCP_UDEF: return "UNDEF";
    case EXCP_SWI: return "SVC";
    case EXCP_PREFETCH_ABORT: return "Prefetch Abort";
    case EXCP_DATA_ABORT: return "Data Abort";
    case EXCP_BKPT: return "BRK";
    case EXCP_UNALIGNED: return "Alignment";
    case EXCP_IRQ: return "IRQ";
    case EXCP_FIQ: return "FIQ";
    case EXCP_ARM_SYNC: return "Synchronous";
    default: return "?";
    }
}

/* FAR_EL1 is written by aborts, PC alignment and watchpoints. */
static bool arm_ec_has_far(unsigned ec)
{
    switch (ec) {
    case ARM_EC_IABT_LOWER:
    case ARM_EC_IABT_SAME:
    case ARM_EC_PC_ALIGN:
    case ARM_EC_DABT_LOWER:
    case ARM_EC_DABT_SAME:
    case 0x34:                      /* watchpoint, lower EL */
    case 0x35:                      /* watchpoint, same EL */
        return true;
    default:
        return false;
    }
}

/* Take an exception of this type to EL1 with ELR = env->pc. */
static void arm_take_exception(CPUARMState *env, ArmExcpType type,
                               uint32_t esr, bool far_valid, uint64_t far)
{
    ArmExcpInfo e = {
        .type = type, .elr = env->pc, .esr = esr,
        .far_valid = far_valid, .far = far,
    };

    env->excp.pc = env->pc;
    env->excp.nzcv = pstate_read_nzcv(env);
    arm_sp_to_bank(env);
    env->pc = arm_excp_take(&env->excp, &e);
    arm_sp_from_bank(env);
    env->exclusive_addr = -1;
}

static void arm_sys_do_interrupt(CPUState *cs)
{
    CPUARMState *env = &((ARMCPU *)cs)->env;
    int excp = cs->exception_index;
    uint32_t esr = env->exception.syndrome;
    unsigned ec = esr >> ARM_ESR_EC_SHIFT;
    ArmExcpType type = ARM_EXCP_SYNC;
    bool far_valid = false;

    switch (excp) {
    case EXCP_IRQ:
        type = ARM_EXCP_IRQ;
        break;
    case EXCP_FIQ:
        type = ARM_EXCP_FIQ;
        break;
    case EXCP_UDEF:
    case EXCP_SWI:
    case EXCP_PREFETCH_ABORT:
    case EXCP_DATA_ABORT:
    case EXCP_BKPT:
    case EXCP_UNALIGNED:
    case EXCP_ARM_SYNC:
        far_valid = arm_ec_has_far(ec);
        break;
    default:
        /* Not a guest exception (EXCP_HLT...): nothing to deliver. */
        return;
    }
    if (qemu_loglevel_mask(CPU_LOG_INT)) {
        qemu_log("Taking exception %d [%s] on CPU %d from EL%u\n"
                 "...from pc 0x%016" PRIx64 "\n",
                 excp, arm_excp_name(excp), cs->cpu_index, env->excp.el,
                 env->pc);
        if (type == ARM_EXCP_SYNC) {
            qemu_log("...with ESR 0x%x/0x%08x\n", ec, esr);
            if (far_valid) {
                qemu_log("...with FAR 0x%016" PRIx64 "\n",
                         env->exception.vaddress);
            }
        }
    }
    arm_take_exception(env, type, esr, far_valid, env->exception.vaddress);
    cs->exception_index = -1;
    if (qemu_loglevel_mask(CPU_LOG_INT)) {
        qemu_log("...to EL1 PC 0x%016" PRIx64 " PSTATE 0x%" PRIx64
                 " ELR 0x%016" PRIx64 "\n", env->pc, arm_pstate_read(env),
                 env->excp.elr_el1);
    }
}

static void arm_check_pending(CPUARMState *env);

static bool arm_sys_exec_interrupt(CPUState *cs, int request)
{
    ARMCPU *cpu = (ARMCPU *)cs;
    CPUARMState *env = &cpu->env;

    if ((request & CPU_INTERRUPT_FIQ) && cpu->irq_level[ARM_CPU_FIQ]
        && arm_excp_unmasked(&env->excp, ARM_EXCP_FIQ)) {
        cs->exception_index = EXCP_FIQ;
    } else if ((request & CPU_INTERRUPT_HARD) && cpu->irq_level[ARM_CPU_IRQ]
               && arm_excp_unmasked(&env->excp, ARM_EXCP_IRQ)) {
        cs->exception_index = EXCP_IRQ;
    } else {
        /*
         * Masked (or the line fell again): drop the request, or the loop
         * would leave every TB at its entry while the line stays high.
         * arm_check_pending() raises it again when PSTATE unmasks it.
         */
        cpu_reset_interrupt(cs, request & (CPU_INTERRUPT_HARD |
                                           CPU_INTERRUPT_FIQ));
        /* A line that rose (unmasked) since we looked keeps its request. */
        arm_check_pending(env);
        return false;
    }
    cs->halted = false;
    arm_sys_do_interrupt(cs);
    return true;
}

static bool arm_sys_has_work(CPUState *cs)
{
    ARMCPU *cpu = (ARMCPU *)cs;

    return cpu->irq_level[ARM_CPU_IRQ] || cpu->irq_level[ARM_CPU_FIQ];
}

/*
 * PSTATE may have unmasked a line that is high: request the interrupt
 * again (exec_interrupt dropped it while masked), so the loop takes it
 * at the next TB boundary.
 */
static void arm_check_pending(CPUARMState *env)
{
    ARMCPU *cpu = env_archcpu(env);
    CPUState *cs = &cpu->parent;

    if (cpu->irq_level[ARM_CPU_IRQ]
        && arm_excp_unmasked(&env->excp, ARM_EXCP_IRQ)) {
        cpu_interrupt(cs, CPU_INTERRUPT_HARD);
    }
    if (cpu->irq_level[ARM_CPU_FIQ]
        && arm_excp_unmasked(&env->excp, ARM_EXCP_FIQ)) {
        cpu_interrupt(cs, CPU_INTERRUPT_FIQ);
    }
}

/* The IRQ/FIQ input pins (any thread, global lock held). */
static void arm_cpu_irq_handler(void *opaque, int n, int level)
{
    ARMCPU *cpu = opaque;
    CPUState *cs = &cpu->parent;
    int mask = n == ARM_CPU_FIQ ? CPU_INTERRUPT_FIQ : CPU_INTERRUPT_HARD;

    if (n < 0 || n > 1) {
        return;
    }
    cpu->irq_level[n] = level != 0;
    if (level) {
        cpu_interrupt(cs, mask);
    } else {
        cpu_reset_interrupt(cs, mask);
    }
}

/* ------------------------------------------------------- generic timer */

static uint64_t arm_gt_counter(void *opaque)
{
    int64_t ns = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);

    return arm_gtimer_ns_to_ticks(ARM_GT_FREQ_HZ, ns < 0 ? 0 : ns);
}

static void arm_gt_set_irq(void *opaque, ArmGTimerIndex t, bool level)
{
    ARMCPU *cpu = opaque;

    qemu_set_irq(cpu->gt_irq[t], level);
}

static void arm_gt_set_deadline(void *opaque, ArmGTimerIndex t,
                                uint64_t count)
{
    ARMCPU *cpu = opaque;
    uint64_t ns;

    if (!cpu->gt_timer[t]) {
        return;
    }
    if (count == ARM_GT_NO_DEADLINE) {
        timer_del(cpu->gt_timer[t]);
        return;
    }
    /* A deadline centuries away: as far as the clock goes. */
    ns = arm_gtimer_ticks_to_ns(ARM_GT_FREQ_HZ, count);
    if (ns > INT64_MAX) {
        ns = INT64_MAX;
    }
    timer_mod_ns(cpu->gt_timer[t], (int64_t)ns);
}

static void arm_gt_timer_cb(void *opaque)
{
    ARMCPU *cpu = opaque;

    arm_gtimer_update(&cpu->gt);
}

static const ArmGTimerOps arm_gt_ops = {
    .counter = arm_gt_counter,
    .set_irq = arm_gt_set_irq,
    .set_deadline = arm_gt_set_deadline,
};

/* --------------------------------------------------------------- reset */

static uint32_t arm_excp_features(ARMCPU *cpu)
{
    uint32_t f = 0;

    if ((cpu->ids.id_aa64mmfr1 >> 20) & 0xf) {
        f |= ARM_EXCP_FEAT_PAN;
    }
    if ((cpu->ids.id_aa64mmfr2 >> 4) & 0xf) {
        f |= ARM_EXCP_FEAT_UAO;
    }
    return f;
}

static void arm_mmu_model(ARMCPU *cpu, ArmMMUState *st)
{
    static const uint8_t parange[8] = { 32, 36, 40, 42, 44, 48, 48, 48 };
    uint64_t mmfr0 = cpu->ids.id_aa64mmfr0;
    unsigned tg4 = (mmfr0 >> 28) & 0xf, tg64 = (mmfr0 >> 24) & 0xf;
    unsigned tg16 = (mmfr0 >> 20) & 0xf;

    if (!mmfr0) {                   /* no model values: a generous CPU */
        st->pamax = 48;
        st->granules = 0;
        return;
    }
    st->pamax = parange[mmfr0 & 7];
    st->granules = 0;
    if (tg4 != 0xf) {
        st->granules |= ARM_MMU_GRAN_4K;
    }
    if (tg64 != 0xf) {
        st->granules |= ARM_MMU_GRAN_64K;
    }
    if (tg16 != 0) {
        st->granules |= ARM_MMU_GRAN_16K;
    }
}

#define ARM_SCTLR_EL1_RESET 0x30d00800ull

static void arm_cpu_do_reset(CPUState *cs, void *data)
{
    ARMCPU *cpu = (ARMCPU *)cs;
    CPUARMState *env = &cpu->env;
    unsigned el = cpu->reset_el > 1 ? 1 : cpu->reset_el;

    (void)data;
    memset(env->xregs, 0, sizeof(env->xregs));
    memset(env->vregs, 0, sizeof(env->vregs));
    pstate_write_nzcv(env, 0);
    vfp_set_fpcr(env, 0);
    vfp_set_fpsr(env, 0);
    env->tpidr_el0 = 0;
    env->tpidrro_el0 = 0;
    env->exclusive_addr = -1;
    env->exclusive_val = 0;
    env->exclusive_high = 0;
    memset(&env->exception, 0, sizeof(env->exception));
    memset(&env->sr, 0, sizeof(env->sr));

    arm_excp_reset(&env->excp, arm_excp_features(cpu));
    memset(&env->mmu, 0, sizeof(env->mmu));
    arm_mmu_model(cpu, &env->mmu);
    env->excp.sctlr_el1 = ARM_SCTLR_EL1_RESET;
    env->mmu.sctlr = ARM_SCTLR_EL1_RESET;

    arm_sysreg_reset(cpu);
    /* The register table may have reset SCTLR itself: keep both equal. */
    if (!env->excp.sctlr_el1) {
        env->excp.sctlr_el1 = ARM_SCTLR_EL1_RESET;
    }
    env->excp.sctlr_el1 &= ~ARM_SCTLR_M;
    env->mmu.sctlr = env->excp.sctlr_el1;

    env->excp.el = el;
    env->excp.sp_sel = el == 1;
    env->excp.daif = ARM_SPSR_DAIF;
    env->pc = cpu->reset_pc;
    env->xregs[0] = cpu->reset_x0;
    arm_sp_from_bank(env);

    arm_gtimer_reset(&cpu->gt);
    arm_tlb_flush_local(env);
    cs->exception_index = -1;
    cs->halted = false;
    qemu_log_mask(CPU_LOG_RESET, "CPU %d reset: pc 0x%016" PRIx64
                  " x0 0x%016" PRIx64 " EL%u\n", cs->cpu_index, env->pc,
                  env->xregs[0], el);
}

void arm_cpu_reset(ARMCPU *cpu)
{
    CPUState *cs = &cpu->parent;

    if (cs->thread && current_cpu_get() != cs) {
        async_run_on_cpu(cs, arm_cpu_do_reset, NULL);
    } else {
        arm_cpu_do_reset(cs, NULL);
    }
}

static void arm_sys_reset(CPUState *cs)
{
    arm_cpu_reset((ARMCPU *)cs);
}

/* ------------------------------------------------------------ -d cpu */

/*
 * The user-mode dump's layout (cpu.c's arm_dump_xregs/vregs) with the
 * whole PSTATE and the EL1 registers.
 */
static void arm_sys_dump_state(CPUState *cs, FILE *f)
{
    CPUARMState *env = &((ARMCPU *)cs)->env;
    uint32_t nzcv = pstate_read_nzcv(env);
    uint64_t sp[2];

    arm_dump_xregs(env, f);
    fprintf(f, "\nPSTATE=%08" PRIx64 " %c%c%c%c EL%u%c DAIF=%x%s%s"
            "  FPCR=%08x FPSR=%08x\n",
            arm_pstate_read(env), nzcv & ARM_SPSR_N ? 'N' : '-',
            nzcv & ARM_SPSR_Z ? 'Z' : '-', nzcv & ARM_SPSR_C ? 'C' : '-',
            nzcv & ARM_SPSR_V ? 'V' : '-', env->excp.el,
            env->excp.sp_sel ? 'h' : 't', env->excp.daif >> 6,
            env->excp.pan ? " PAN" : "", env->excp.il ? " IL" : "",
            vfp_get_fpcr(env), vfp_get_fpsr(env));
    arm_dump_vregs(env, f);
    sp[0] = env->excp.sp_el[0];
    sp[1] = env->excp.sp_el[1];
    sp[arm_excp_sp_index(&env->excp)] = env->xregs[31];
    fprintf(f, "SP_EL0=%016" PRIx64 " SP_EL1=%016" PRIx64 "\n", sp[0], sp[1]);
    fprintf(f, "ELR_EL1=%016" PRIx64 " SPSR_EL1=%08" PRIx64 "\n",
            env->excp.elr_el1, env->excp.spsr_el1);
    fprintf(f, "ESR_EL1=%08" PRIx64 " FAR_EL1=%016" PRIx64 "\n",
            env->excp.esr_el1, env->excp.far_el1);
    fprintf(f, "VBAR_EL1=%016" PRIx64 " SCTLR_EL1=%08" PRIx64
            " TCR_EL1=%016" PRIx64 "\n", env->excp.vbar_el1,
            env->excp.sctlr_el1, env->mmu.tcr);
    fprintf(f, "TTBR0_EL1=%016" PRIx64 " TTBR1_EL1=%016" PRIx64 "\n",
            env->mmu.ttbr0, env->mmu.ttbr1);
}

/* ------------------------------------------------------------- class */

const CPUClass arm_sys_cpu_class = {
    .name = "aarch64",
    .addr_type = TCG_TYPE_I64,
    .insn_start_words = 1,
    .page_bits = 12,
    .get_tb_cpu_state = arm_sys_get_tb_cpu_state,
    .translate = a64_translate,
    .restore_state = arm_sys_restore_state,
    .synchronize_from_tb = arm_sys_synchronize_from_tb,
#ifdef CONFIG_CAPSTONE
    .disas_arch = CS_ARCH_ARM64,
    .disas_mode = CS_MODE_ARM,
#else
    .disas_arch = -1,
#endif
    .code_ptr = arm_sys_code_ptr,
    .dump_state = arm_sys_dump_state,
    .exec_interrupt = arm_sys_exec_interrupt,
    .tlb_fill = arm_sys_tlb_fill,
    .mmu_index_code = arm_sys_mmu_index_code,
    .do_interrupt = arm_sys_do_interrupt,
    .has_work = arm_sys_has_work,
    .reset = arm_sys_reset,
    .memory_rw_debug = arm_sys_memory_rw_debug,
};

void arm_cpu_set_address_space(ARMCPU *cpu, AddressSpace *as)
{
    CPUState *cs = &cpu->parent;

    if (cs->tlb.d) {
        tlb_destroy(cs);
    }
    cs->as = as;
    tlb_init(cs, as);
}

/*
 * An access the MemOp (or SCTLR_EL1.A) wants aligned is not: Alignment
 * fault, DFSC 0b100001.  The MemOp does not say load or store, so WnR
 * comes from the instruction word.
 */
static void arm_sys_unaligned(void *opaque, uint64_t addr, MemOpIdx oi,
                              uintptr_t retaddr)
{
    CPUARMState *env = opaque;
    CPUState *cs = env_cpu(env);
    bool store = false;
    const uint8_t *p;

    (void)oi;
    cpu_restore_state(cs, retaddr);
    p = probe_access_nofault(env, env->pc, 4, MMU_INST_FETCH,
                             arm_mmu_idx(env));
    if (p) {
        uint32_t insn = p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;

        if (((insn >> 27) & 7) == 7) {          /* single register */
            unsigned opc = (insn >> 22) & 3;
            store = (insn >> 26) & 1 ? !(opc & 1) : opc == 0;
        } else {                                /* pairs, exclusives: L */
            store = !((insn >> 22) & 1);
        }
    }
    env->exception.vaddress = addr;
    env->exception.syndrome = arm_esr(env->excp.el ? ARM_EC_DABT_SAME
                                                   : ARM_EC_DABT_LOWER,
                                      (store ? ARM_ISS_WNR : 0) | 0x21);
    cs->exception_index = EXCP_UNALIGNED;
    cpu_loop_exit(cs);
}

void arm_cpu_sys_init(ARMCPU *cpu)
{
    int i;

    for (i = 0; i < 2; i++) {
        qemu_init_irq(&cpu->irq_in[i], arm_cpu_irq_handler, cpu, i);
        cpu->irq_level[i] = false;
    }
    for (i = 0; i < ARM_GT_NUM_TIMERS; i++) {
        cpu->gt_timer[i] = timer_new_ns(QEMU_CLOCK_VIRTUAL, arm_gt_timer_cb,
                                        cpu);
        cpu->gt_irq[i] = NULL;
    }
    arm_gtimer_init(&cpu->gt, ARM_GT_FREQ_HZ, &arm_gt_ops, cpu);
    arm_sysreg_init(cpu);
    cpu->reset_el = 1;
    tcg_ctx->unaligned_helper = arm_sys_unaligned;
}

/* ============================================= helpers of the translator */

/* Leave for the loop with pc already stored; the state may have changed. */
static void __attribute__((noreturn))
arm_exit_to_loop(CPUARMState *env, int excp, uintptr_t ra)
{
    cpu_raise_exception(env_cpu(env), excp, ra);
}

/* A synchronous exception from a helper, pc = preferred return address. */
void arm_raise_sync(CPUARMState *env, uint32_t esr, uintptr_t ra)
{
    env->exception.syndrome = esr;
    cpu_raise_exception(env_cpu(env), EXCP_ARM_SYNC, ra);
}

/* ERET (translated at EL1 only); pc ends up at ELR_EL1. */
static void helper_eret(CPUARMState *env)
{
    bool legal;

    env->excp.nzcv = pstate_read_nzcv(env);
    arm_sp_to_bank(env);
    legal = arm_excp_eret(&env->excp);
    arm_sp_from_bank(env);
    pstate_write_nzcv(env, env->excp.nzcv);
    env->pc = env->excp.pc;
    env->exclusive_addr = -1;
    if (qemu_loglevel_mask(CPU_LOG_INT)) {
        qemu_log("Exception return from AArch64 EL1 to EL%u PC 0x%016"
                 PRIx64 "%s\n", env->excp.el, env->pc,
                 legal ? "" : " (illegal return)");
    }
    arm_check_pending(env);
}
DEF_HELPER_INFO(eret, 0, TCG_CALL_VOID, 1, TCG_CALL_PTR);

/*
 * MSR DAIFSet/DAIFClr/SPSel/PAN/UAO (immediate) and MSR DAIF/SPSel/PAN/
 * UAO (register): which = ARM_PSTATE_*, val as the instruction gives it.
 */
static void helper_pstate_write(CPUARMState *env, uint64_t which,
                                uint64_t val)
{
    switch (which) {
    case ARM_PSTATE_DAIFSET:
        env->excp.daif |= (val & 0xf) << 6;
        break;
    case ARM_PSTATE_DAIFCLR:
        env->excp.daif &= ~((val & 0xf) << 6);
        break;
    case ARM_PSTATE_DAIF:
        env->excp.daif = val & ARM_SPSR_DAIF;
        break;
    case ARM_PSTATE_SPSEL:
        arm_sp_to_bank(env);
        env->excp.sp_sel = val & 1;
        arm_sp_from_bank(env);
        break;
    case ARM_PSTATE_PAN:
        if (env->excp.features & ARM_EXCP_FEAT_PAN) {
            env->excp.pan = val & 1;
        }
        break;
    case ARM_PSTATE_UAO:
        if (env->excp.features & ARM_EXCP_FEAT_UAO) {
            env->excp.uao = val & 1;
        }
        break;
    default:
        break;
    }
    arm_check_pending(env);
}
DEF_HELPER_INFO(pstate_write, 0, TCG_CALL_VOID, 3, TCG_CALL_PTR,
                TCG_CALL_I64, TCG_CALL_I64);

/* WFI; pc already points after it. */
static void helper_wfi(CPUARMState *env)
{
    CPUState *cs = env_cpu(env);

    if (env->excp.el == 0 && !(env->excp.sctlr_el1 & (1ull << 16))) {
        /* SCTLR_EL1.nTWI = 0: trapped to EL1 (EC 0x01, TI = 0) */
        env->pc -= 4;
        arm_raise_sync(env, arm_esr(ARM_EC_WFX, 0x1e00000), GETPC());
    }
    if (arm_sys_has_work(cs)) {
        return;
    }
    cs->halted = true;
    arm_exit_to_loop(env, EXCP_HLT, 0);
}
DEF_HELPER_INFO(wfi, 0, TCG_CALL_VOID, 1, TCG_CALL_PTR);

/*
 * HVC/SMC #imm at EL1 (EL0: UNDEF at translate time).  pc points after
 * the instruction.  desc = imm16 | is_smc << 16.
 */
static void helper_hvc_smc(CPUARMState *env, uint64_t desc)
{
    ARMCPU *cpu = env_archcpu(env);
    CPUState *cs = env_cpu(env);
    ArmPSCIConduit conduit = (desc >> 16) & 1 ? ARM_PSCI_CONDUIT_SMC
                                              : ARM_PSCI_CONDUIT_HVC;
    ArmPSCIAction action = ARM_PSCI_NOT_PSCI;
    uint64_t x[4];
    bool locked = false;

    if (cpu->psci) {
        memcpy(x, env->xregs, sizeof(x));
        if (!bql_locked()) {
            bql_lock();
            locked = true;
        }
        action = arm_psci_call(cpu->psci, cs->cpu_index, conduit, x);
        if (locked) {
            bql_unlock();
        }
    }
    switch (action) {
    case ARM_PSCI_RETURN:
        env->xregs[0] = x[0];
        return;
    case ARM_PSCI_WFI:
        env->xregs[0] = x[0];
        if (!arm_sys_has_work(cs)) {
            cs->halted = true;
            arm_exit_to_loop(env, EXCP_HLT, 0);
        }
        return;
    case ARM_PSCI_STOPPED:
        /*
         * CPU_OFF (the board has powered us off), SYSTEM_OFF/RESET (an
         * asynchronous request to the main loop): PSCI never returns
         * from these, so this CPU runs nothing more until a reset.
         */
        if (cpu_is_powered(cs)) {
            cpu_power_off(cs);
        }
        cs->halted = true;
        arm_exit_to_loop(env, EXCP_HLT, 0);
    default:
        /* No EL2/EL3: HVC and SMC are UNDEFINED. */
        env->pc -= 4;
        arm_raise_sync(env, arm_esr_unknown(), 0);
    }
}
DEF_HELPER_INFO(hvc_smc, 0, TCG_CALL_VOID, 2, TCG_CALL_PTR, TCG_CALL_I64);

/* System register access through the table (see sysreg-a64.h). */
static uint64_t helper_sysreg_read(CPUARMState *env, uint64_t ri_ptr)
{
    const ArmSysRegInfo *ri = (const ArmSysRegInfo *)(uintptr_t)ri_ptr;
    uint64_t v;

    if (ri->flags & ARM_SR_IO) {
        bool locked = !bql_locked();
        if (locked) {
            bql_lock();
        }
        v = ri->read(env, ri);
        if (locked) {
            bql_unlock();
        }
        return v;
    }
    return ri->read(env, ri);
}
DEF_HELPER_INFO(sysreg_read, 0, TCG_CALL_I64, 2, TCG_CALL_PTR, TCG_CALL_I64);

static void helper_sysreg_write(CPUARMState *env, uint64_t ri_ptr,
                                uint64_t val)
{
    const ArmSysRegInfo *ri = (const ArmSysRegInfo *)(uintptr_t)ri_ptr;

    if (ri->flags & ARM_SR_IO) {
        bool locked = !bql_locked();
        if (locked) {
            bql_lock();
        }
        ri->write(env, ri, val);
        if (locked) {
            bql_unlock();
        }
    } else {
        ri->write(env, ri, val);
    }
    arm_check_pending(env);
}
DEF_HELPER_INFO(sysreg_write, 0, TCG_CALL_VOID, 3, TCG_CALL_PTR,
                TCG_CALL_I64, TCG_CALL_I64);

/*
 * The access check of an entry with ri->access; pc = the instruction.
 * desc = the ESR of the trap (EC 0x18 with the MSR/MRS ISS) | isread << 32.
 */
static void helper_sysreg_access(CPUARMState *env, uint64_t ri_ptr,
                                 uint64_t desc)
{
    const ArmSysRegInfo *ri = (const ArmSysRegInfo *)(uintptr_t)ri_ptr;
    ArmSRAccess r = ri->access(env, ri, (desc >> 32) & 1);

    switch (r) {
    case ARM_SR_ACCESS_OK:
        return;
    case ARM_SR_ACCESS_TRAP:
        arm_raise_sync(env, (uint32_t)desc, GETPC());
    default:
        arm_raise_sync(env, arm_esr_unknown(), GETPC());
    }
}
DEF_HELPER_INFO(sysreg_access, 0, TCG_CALL_VOID, 3, TCG_CALL_PTR,
                TCG_CALL_I64, TCG_CALL_I64);

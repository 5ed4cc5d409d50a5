/*
 * tests/unit/test-armsys.c: the system-mode AArch64 CPU glue
 * (target-arm/cpu-sys.c) without the rest of the emulator: TB flags,
 * exception delivery and ERET with the SP banks, the IRQ/FIQ lines
 * against DAIF, the soft-TLB fill from a real page table in a fake
 * RAM, HVC without PSCI, WFI and the PSTATE writes.
 *
 * cpu-sys.c is #included (compiled with CONFIG_SOFTMMU) so its static
 * helpers can be called directly; everything it needs from the TLB,
 * the exec loop, timers and the memory API is a stub below that
 * records what it was asked.  Exceptions raised through
 * cpu_loop_exit* come back here by siglongjmp.
 */
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include "cpu-sys.c"
#include "tap.h"

/* ------------------------------------------------------------ stubs */

TCGContext *tcg_ctx;
static TCGContext test_tcg_ctx;

static sigjmp_buf test_jmp;
static int test_exits;

void cpu_loop_exit(CPUState *cs)
{
    test_exits++;
    siglongjmp(test_jmp, 1);
}

void cpu_loop_exit_restore(CPUState *cs, uintptr_t retaddr)
{
    cpu_loop_exit(cs);
}

void cpu_raise_exception(CPUState *cs, int excp, uintptr_t retaddr)
{
    cs->exception_index = excp;
    cpu_loop_exit(cs);
}

bool cpu_restore_state(CPUState *cs, uintptr_t host_pc)
{
    return true;
}

void cpu_interrupt(CPUState *cs, int mask)
{
    cs->interrupt_request |= mask;
}

void cpu_reset_interrupt(CPUState *cs, int mask)
{
    cs->interrupt_request &= ~mask;
}

/* The last tlb_set_page. */
static struct {
    int calls;
    uint64_t vaddr, paddr;
    int prot;
    unsigned mmu_idx, lg;
} last_set;

void tlb_set_page(CPUState *cs, uint64_t vaddr, uint64_t paddr, int prot,
                  unsigned mmu_idx, unsigned lg_page_size, uint32_t attrs)
{
    last_set.calls++;
    last_set.vaddr = vaddr;
    last_set.paddr = paddr;
    last_set.prot = prot;
    last_set.mmu_idx = mmu_idx;
    last_set.lg = lg_page_size;
}

static int tlb_flushes;
void tlb_flush(CPUState *cs)
{
    tlb_flushes++;
}

void tlb_init(CPUState *cs, AddressSpace *as)
{
}

void tlb_destroy(CPUState *cs)
{
}

void *probe_access_nofault(void *env, uint64_t addr, int size,
                           MMUAccessType access_type, unsigned mmu_idx)
{
    return NULL;
}

/* Fake RAM: 64 KiB at 0x40000000. */
#define RAM_BASE 0x40000000ull
static uint8_t ram[0x10000];

MemTxResult address_space_ld(AddressSpace *as, hwaddr addr, uint64_t *pval,
                             MemOp op)
{
    unsigned n = 1u << (op & MO_SIZE), i;
    uint64_t v = 0;

    if (addr < RAM_BASE || addr + n > RAM_BASE + sizeof(ram)) {
        *pval = 0;
        return MEMTX_DECODE_ERROR;
    }
    for (i = 0; i < n; i++) {
        v |= (uint64_t)ram[addr - RAM_BASE + i] << (8 * i);
    }
    *pval = v;
    return MEMTX_OK;
}

void *address_space_map(AddressSpace *as, hwaddr addr, hwaddr *plen,
                        bool is_write, MemoryRegion **pmr)
{
    if (addr < RAM_BASE || addr + *plen > RAM_BASE + sizeof(ram)) {
        *plen = 0;
        return NULL;
    }
    return ram + (addr - RAM_BASE);
}

void address_space_unmap(MemoryRegion *mr, void *host, hwaddr access_len,
                         bool is_write)
{
}

MemTxResult address_space_read(AddressSpace *as, hwaddr addr, void *buf,
                               size_t len)
{
    if (addr < RAM_BASE || addr + len > RAM_BASE + sizeof(ram)) {
        return MEMTX_DECODE_ERROR;
    }
    memcpy(buf, ram + (addr - RAM_BASE), len);
    return MEMTX_OK;
}

MemTxResult address_space_write_rom(AddressSpace *as, hwaddr addr,
                                    const void *buf, size_t len)
{
    if (addr < RAM_BASE || addr + len > RAM_BASE + sizeof(ram)) {
        return MEMTX_DECODE_ERROR;
    }
    memcpy(ram + (addr - RAM_BASE), buf, len);
    return MEMTX_OK;
}

static int64_t fake_ns;
int64_t qemu_clock_get_ns(QEMUClockType type)
{
    return fake_ns;
}

static int64_t timer_expiry[4] = { -1, -1, -1, -1 };
static int timer_slots;
QEMUTimer *timer_new_ns(QEMUClockType type, QEMUTimerCB *cb, void *opaque)
{
    return (QEMUTimer *)(uintptr_t)(++timer_slots);
}

void timer_mod_ns(QEMUTimer *t, int64_t expire_ns)
{
    timer_expiry[(uintptr_t)t & 3] = expire_ns;
}

void timer_del(QEMUTimer *t)
{
    timer_expiry[(uintptr_t)t & 3] = -1;
}

void qemu_init_irq(IRQState *irq, IRQHandler *handler, void *opaque, int n)
{
    irq->handler = handler;
    irq->opaque = opaque;
    irq->n = n;
}

void arm_sysreg_init(struct ARMCPU *cpu)
{
}

void arm_sysreg_reset(struct ARMCPU *cpu)
{
}

bool bql_locked(void)
{
    return true;
}

void bql_lock(void)
{
}

void bql_unlock(void)
{
}

bool cpu_is_powered(const CPUState *cs)
{
    return true;
}

void cpu_power_off(CPUState *cs)
{
    cs->halted = true;
}

CPUState *current_cpu_get(void)
{
    return NULL;
}

void async_run_on_cpu(CPUState *cs, run_on_cpu_func fn, void *data)
{
    fn(cs, data);
}

void a64_translate(CPUState *cs, TranslationBlock *tb, int max_insns)
{
}

void vfp_set_fpcr(CPUARMState *env, uint32_t val)
{
    env->fpcr = val;
}

void vfp_set_fpsr(CPUARMState *env, uint32_t val)
{
    env->fpsr = val;
}

uint32_t vfp_get_fpsr(CPUARMState *env)
{
    return env->fpsr;
}

uint32_t vfp_get_fpcr(CPUARMState *env)
{
    return env->fpcr;
}

void arm_dump_xregs(CPUARMState *env, FILE *f)
{
    (void)env;
    (void)f;
}

void arm_dump_vregs(CPUARMState *env, FILE *f)
{
    (void)env;
    (void)f;
}

intptr_t cpu_env_offset = offsetof(ARMCPU, env);

/* ------------------------------------------------------------ tests */

static ARMCPU *cpu;
static CPUARMState *env;

static void new_cpu(void)
{
    free(cpu);
    cpu = calloc(1, sizeof(*cpu));
    cpu->parent.cc = &arm_sys_cpu_class;
    cpu->parent.env_ptr = &cpu->env;
    env = &cpu->env;
    cpu->ids.id_aa64mmfr0 = 0x1122;         /* 40-bit PA, 4K/16K/64K */
    cpu->ids.id_aa64mmfr1 = 1u << 20;       /* PAN */
    arm_cpu_sys_init(cpu);
    cpu->reset_pc = 0x40080000;
    cpu->reset_x0 = 0x48000000;
    arm_cpu_reset(cpu);
}

static uint32_t tb_flags(void)
{
    uint64_t pc, cs_base;
    uint32_t flags;

    arm_sys_get_tb_cpu_state(&cpu->parent, &pc, &cs_base, &flags);
    return flags;
}

static void test_reset(void)
{
    uint32_t f;

    new_cpu();
    f = tb_flags();
    tap_report(env->pc == 0x40080000 && env->xregs[0] == 0x48000000,
               "reset: pc and x0 from the board");
    tap_report(env->excp.el == 1 && env->excp.sp_sel &&
               env->excp.daif == 0x3c0, "reset: EL1h, DAIF masked");
    tap_report(env->excp.sctlr_el1 == 0x30d00800 &&
               env->mmu.sctlr == 0x30d00800, "reset: SCTLR_EL1 RES1 value");
    tap_report(f == (1u | ARM_MMU_IDX_E1 << 2 | ARM_MMU_IDX_E0 << 5 |
                     ARM_TBF_SPSEL),
               "reset: TB flags EL1, E1/E0 indexes, FP off (0x%x)", f);
    env->sr.cpacr_el1 = 1u << 20;           /* FPEN = 01: EL0 traps */
    tap_report(tb_flags() & ARM_TBF_FP, "CPACR FPEN=01: FP on at EL1");
    env->excp.el = 0;
    tap_report(!(tb_flags() & ARM_TBF_FP), "CPACR FPEN=01: FP off at EL0");
    env->excp.el = 1;
    env->excp.pan = true;
    f = tb_flags();
    tap_report(((f >> 2) & 7) == ARM_MMU_IDX_E1_PAN && ((f >> 5) & 7) == 0,
               "PAN: data index E1_PAN, LDTR index E0");
}

static void test_svc_eret(void)
{
    new_cpu();
    env->excp.vbar_el1 = 0x40001000;
    /* At EL0 (SPSel 0), SP 0x5000; SP_EL1 0x9000. */
    env->excp.el = 0;
    env->excp.sp_sel = false;
    env->excp.daif = 0;
    env->xregs[31] = 0x5000;
    env->excp.sp_el[1] = 0x9000;
    pstate_write_nzcv(env, 0x60000000);     /* Z C */
    env->pc = 0x2004;                       /* after the SVC */
    env->exception.syndrome = arm_esr_svc(0x42);
    cpu->parent.exception_index = EXCP_SWI;
    arm_sys_do_interrupt(&cpu->parent);
    tap_report(env->pc == 0x40001400, "SVC from EL0: lower-EL vector");
    tap_report(env->excp.elr_el1 == 0x2004 &&
               env->excp.esr_el1 == 0x56000042, "SVC: ELR, ESR 0x%llx",
               (unsigned long long)env->excp.esr_el1);
    tap_report(env->excp.spsr_el1 == 0x60000000,
               "SVC: SPSR EL0t with NZCV (0x%llx)",
               (unsigned long long)env->excp.spsr_el1);
    tap_report(env->xregs[31] == 0x9000 && env->excp.sp_el[0] == 0x5000,
               "SVC: SP switched to SP_EL1");
    tap_report(env->excp.el == 1 && env->excp.daif == 0x3c0 &&
               env->exclusive_addr == (uint64_t)-1 &&
               cpu->parent.exception_index == -1,
               "SVC: EL1, DAIF masked, monitor cleared");

    /* The handler changes x-regs and flags, then ERETs. */
    pstate_write_nzcv(env, 0x80000000);
    env->xregs[31] = 0x8f00;
    ((void (*)(CPUARMState *))helper_info_eret.func)(env);
    tap_report(env->pc == 0x2004 && env->excp.el == 0 &&
               env->xregs[31] == 0x5000 && env->excp.sp_el[1] == 0x8f00,
               "ERET: back to EL0 with its SP, SP_EL1 saved");
    tap_report(pstate_read_nzcv(env) == 0x60000000 && env->excp.daif == 0,
               "ERET: NZCV and DAIF from SPSR");
    tap_report(((tb_flags() >> 2) & 7) == ARM_MMU_IDX_E0,
               "ERET: TB flags follow (EL0 index)");

    /* An illegal return (SPSR says EL2) sets IL and stays at EL1. */
    env->excp.el = 1;
    env->excp.sp_sel = true;
    env->excp.spsr_el1 = 0x3c9;
    env->excp.elr_el1 = 0x3000;
    ((void (*)(CPUARMState *))helper_info_eret.func)(env);
    tap_report(env->excp.el == 1 && env->pc == 0x3000 &&
               (tb_flags() & ARM_TBF_IL), "ERET to EL2: illegal, IL set");
}

static void test_sync_from_el1(void)
{
    new_cpu();
    env->excp.vbar_el1 = 0x40001000;
    env->pc = 0x40080010;
    env->exception.syndrome = arm_esr_dabt(true, 0x07);
    env->exception.vaddress = 0xdead000;
    cpu->parent.exception_index = EXCP_DATA_ABORT;
    arm_sys_do_interrupt(&cpu->parent);
    tap_report(env->pc == 0x40001200 && env->excp.elr_el1 == 0x40080010,
               "DABT at EL1h: current-SPx vector, ELR = insn");
    tap_report(env->excp.far_el1 == 0xdead000 &&
               env->excp.esr_el1 == 0x96000007, "DABT: FAR and ESR");
    env->excp.far_el1 = 0;
    env->pc = 0x40080020;
    env->exception.syndrome = arm_esr_brk(3);
    env->exception.vaddress = 0x1234;
    cpu->parent.exception_index = EXCP_BKPT;
    arm_sys_do_interrupt(&cpu->parent);
    tap_report(env->excp.far_el1 == 0 && env->excp.esr_el1 == 0xf2000003,
               "BRK: ESR EC 0x3c, FAR untouched");
    /* EL1t: the SP_EL0 vector group */
    env->excp.sp_sel = false;
    env->pc = 0x40080030;
    env->exception.syndrome = arm_esr_unknown();
    cpu->parent.exception_index = EXCP_UDEF;
    arm_sys_do_interrupt(&cpu->parent);
    tap_report(env->pc == 0x40001000 && env->excp.esr_el1 == 0x02000000,
               "UNDEF at EL1t: current-SP0 vector, EC 0");
}

static void test_irq(void)
{
    CPUState *cs;

    new_cpu();
    cs = &cpu->parent;
    env->excp.vbar_el1 = 0x40001000;
    env->pc = 0x40080100;
    tap_report(!arm_sys_has_work(cs), "no line: no work");
    qemu_set_irq(arm_cpu_irq(cpu, ARM_CPU_IRQ), 1);
    tap_report(arm_sys_has_work(cs) &&
               (cs->interrupt_request & CPU_INTERRUPT_HARD),
               "IRQ line high: work, interrupt requested");
    tap_report(!arm_sys_exec_interrupt(cs, cs->interrupt_request) &&
               env->pc == 0x40080100, "IRQ masked by DAIF.I: not taken");
    tap_report(!cs->interrupt_request && arm_sys_has_work(cs),
               "masked: request dropped (TBs run), still work for WFI");
    ((void (*)(CPUARMState *, uint64_t, uint64_t))
        helper_info_pstate_write.func)(env, ARM_PSTATE_DAIFCLR, 2);
    tap_report(env->excp.daif == 0x340 &&
               (cs->interrupt_request & CPU_INTERRUPT_HARD),
               "DAIFClr #2: I clear, interrupt requested again");
    tap_report(arm_sys_exec_interrupt(cs, cs->interrupt_request) &&
               env->pc == 0x40001280 && env->excp.elr_el1 == 0x40080100,
               "IRQ taken: vector 0x280, ELR = next insn");
    tap_report(env->excp.daif == 0x3c0 &&
               (env->excp.spsr_el1 & 0x3c0) == 0x340,
               "IRQ: DAIF masked, SPSR keeps the old DAIF");
    qemu_set_irq(arm_cpu_irq(cpu, ARM_CPU_IRQ), 0);
    tap_report(!arm_sys_has_work(cs) && !cs->interrupt_request,
               "IRQ line low: request withdrawn");
    qemu_set_irq(arm_cpu_irq(cpu, ARM_CPU_FIQ), 1);
    env->excp.daif = 0;
    tap_report(arm_sys_exec_interrupt(cs, cs->interrupt_request) &&
               env->pc == 0x40001300, "FIQ taken: vector 0x300");
}

static void test_wfi_hvc(void)
{
    CPUState *cs;
    volatile bool raised = false;

    new_cpu();
    cs = &cpu->parent;
    env->pc = 0x40080104;
    if (sigsetjmp(test_jmp, 0) == 0) {
        ((void (*)(CPUARMState *))helper_info_wfi.func)(env);
    } else {
        raised = true;
    }
    tap_report(raised && cs->halted && cs->exception_index == EXCP_HLT,
               "WFI without work: halted, EXCP_HLT");
    cs->halted = false;
    cs->exception_index = -1;
    qemu_set_irq(arm_cpu_irq(cpu, ARM_CPU_IRQ), 1);
    raised = false;
    if (sigsetjmp(test_jmp, 0) == 0) {
        ((void (*)(CPUARMState *))helper_info_wfi.func)(env);
    } else {
        raised = true;
    }
    tap_report(!raised && !cs->halted,
               "WFI with a pending (masked) IRQ: falls through");

    /* HVC with no PSCI: UNDEFINED at the HVC itself. */
    env->pc = 0x40080204;
    raised = false;
    if (sigsetjmp(test_jmp, 0) == 0) {
        ((void (*)(CPUARMState *, uint64_t))helper_info_hvc_smc.func)(env, 0);
    } else {
        raised = true;
    }
    tap_report(raised && cs->exception_index == EXCP_ARM_SYNC &&
               env->pc == 0x40080200 &&
               env->exception.syndrome == 0x02000000,
               "HVC without PSCI: UNDEF at the HVC");
}

static void test_spsel(void)
{
    new_cpu();
    env->xregs[31] = 0x1111;                /* SP_EL1 (EL1h) */
    env->excp.sp_el[0] = 0x2222;
    ((void (*)(CPUARMState *, uint64_t, uint64_t))
        helper_info_pstate_write.func)(env, ARM_PSTATE_SPSEL, 0);
    tap_report(env->xregs[31] == 0x2222 && env->excp.sp_el[1] == 0x1111 &&
               !(tb_flags() & ARM_TBF_SPSEL), "SPSel 0: SP is SP_EL0");
    ((void (*)(CPUARMState *, uint64_t, uint64_t))
        helper_info_pstate_write.func)(env, ARM_PSTATE_SPSEL, 1);
    tap_report(env->xregs[31] == 0x1111, "SPSel 1: SP_EL1 back");
}

static void put64(uint64_t pa, uint64_t v)
{
    memcpy(ram + (pa - RAM_BASE), &v, 8);
}

static void test_tlb_fill(void)
{
    CPUState *cs;
    volatile bool raised;

    new_cpu();
    cs = &cpu->parent;
    /* MMU off: identity, RWX */
    last_set.calls = 0;
    tap_report(arm_sys_tlb_fill(cs, 0x40081234, 4, MMU_DATA_LOAD,
                                ARM_MMU_IDX_E1, false, 0) &&
               last_set.vaddr == 0x40081000 && last_set.paddr == 0x40081000 &&
               last_set.prot == (PAGE_READ | PAGE_WRITE | PAGE_EXEC),
               "MMU off: identity page, RWX");

    /* 39-bit VA, 4K granule: L1 0x40000000 -> L2 0x40001000 -> L3 */
    memset(ram, 0, sizeof(ram));
    put64(RAM_BASE + 0x0000, (RAM_BASE + 0x1000) | 3);
    put64(RAM_BASE + 0x1000, (RAM_BASE + 0x2000) | 3);
    /* VA 0x1000: PA 0x40005000, AF, AP=01 (EL0 RW), Normal */
    put64(RAM_BASE + 0x2000 + 8, (RAM_BASE + 0x5000) | 1u << 10 | 1u << 6
                                 | 3);
    /* VA 0x2000: PA 0x40006000, AF, AP=00 (EL1 RW only) */
    put64(RAM_BASE + 0x2000 + 16, (RAM_BASE + 0x6000) | 1u << 10 | 3);
    env->mmu.tcr = 25 | ARM_TCR_EPD1 | 2ull << ARM_TCR_IPS_SHIFT;
    env->mmu.ttbr0 = RAM_BASE;
    env->excp.sctlr_el1 |= ARM_SCTLR_M;
    env->mmu.sctlr = env->excp.sctlr_el1;

    tap_report(arm_sys_tlb_fill(cs, 0x1234, 4, MMU_DATA_STORE,
                                ARM_MMU_IDX_E1, false, 0) &&
               last_set.vaddr == 0x1000 && last_set.paddr == 0x40005000 &&
               last_set.lg == 12 && (last_set.prot & PAGE_WRITE) &&
               !(last_set.prot & PAGE_EXEC),
               "EL1 store to an EL0-RW page: mapped, not executable");
    tap_report(arm_sys_tlb_fill(cs, 0x2008, 8, MMU_DATA_LOAD,
                                ARM_MMU_IDX_E1, false, 0) &&
               last_set.paddr == 0x40006000, "EL1-only page at EL1");
    tap_report(!arm_sys_tlb_fill(cs, 0x1234, 4, MMU_DATA_LOAD,
                                 ARM_MMU_IDX_E1_PAN, true, 0),
               "PAN: EL0 page refused to EL1 (probe)");

    raised = false;
    if (sigsetjmp(test_jmp, 0) == 0) {
        arm_sys_tlb_fill(cs, 0x3010, 4, MMU_DATA_STORE, ARM_MMU_IDX_E1,
                         false, 0);
    } else {
        raised = true;
    }
    tap_report(raised && cs->exception_index == EXCP_DATA_ABORT &&
               env->exception.syndrome == 0x96000047 &&
               env->exception.vaddress == 0x3010,
               "unmapped store at EL1: DABT same EL, L3 translation, WnR"
               " (ESR 0x%x)", env->exception.syndrome);

    /* EL0: the EL1-only page faults (permission, level 3, lower EL) */
    env->excp.el = 0;
    raised = false;
    if (sigsetjmp(test_jmp, 0) == 0) {
        arm_sys_tlb_fill(cs, 0x2000, 4, MMU_DATA_LOAD, ARM_MMU_IDX_E0,
                         false, 0);
    } else {
        raised = true;
    }
    tap_report(raised && env->exception.syndrome == 0x9200000f,
               "EL0 load of an EL1 page: DABT lower EL, permission L3"
               " (ESR 0x%x)", env->exception.syndrome);
    /* EL0 fetch from an unmapped page: IABT lower, FAR, pc = address */
    raised = false;
    if (sigsetjmp(test_jmp, 0) == 0) {
        arm_sys_tlb_fill(cs, 0x7000, 4, MMU_INST_FETCH, ARM_MMU_IDX_E0,
                         false, 0);
    } else {
        raised = true;
    }
    tap_report(raised && cs->exception_index == EXCP_PREFETCH_ABORT &&
               env->exception.syndrome == 0x82000007 && env->pc == 0x7000,
               "EL0 fetch, unmapped: IABT lower EL, pc = fetch address");

    /* LDTR at EL1 (index E0 from EL1): EL0 permissions, EC same EL */
    env->excp.el = 1;
    raised = false;
    if (sigsetjmp(test_jmp, 0) == 0) {
        arm_sys_tlb_fill(cs, 0x2000, 4, MMU_DATA_LOAD, ARM_MMU_IDX_E0,
                         false, 0);
    } else {
        raised = true;
    }
    tap_report(raised && env->exception.syndrome == 0x9600000f,
               "LDTR at EL1 of an EL1 page: permission fault, same EL");

    /* Debug read through the tables */
    {
        uint32_t v = 0xfeedbeef, r = 0;
        memcpy(ram + 0x5010, &v, 4);
        tap_report(arm_sys_memory_rw_debug(cs, 0x1010, &r, 4, false) == 0 &&
                   r == 0xfeedbeef, "memory_rw_debug reads through the MMU");
        tap_report(arm_sys_memory_rw_debug(cs, 0x3000, &r, 4, false) == -1,
                   "memory_rw_debug: unmapped is -1");
    }
}

static void test_timer(void)
{
    new_cpu();
    fake_ns = 1000000;                      /* 1 ms = 62500 ticks */
    tap_report(arm_gt_counter(cpu) == 62500, "counter: 62.5 MHz of ns");
    arm_gt_set_deadline(cpu, ARM_GT_VIRT, 125000);
    tap_report(timer_expiry[(uintptr_t)cpu->gt_timer[ARM_GT_VIRT] & 3]
               == 2000000, "deadline 125000 ticks: 2 ms");
    arm_gt_set_deadline(cpu, ARM_GT_VIRT, ARM_GT_NO_DEADLINE);
    tap_report(timer_expiry[(uintptr_t)cpu->gt_timer[ARM_GT_VIRT] & 3] == -1,
               "no deadline: timer deleted");
}

int main(void)
{
    tcg_ctx = &test_tcg_ctx;
    test_reset();
    test_svc_eret();
    test_sync_from_el1();
    test_irq();
    test_wfi_hvc();
    test_spsel();
    test_tlb_fill();
    test_timer();
    return tap_failed ? 1 : 0;
}

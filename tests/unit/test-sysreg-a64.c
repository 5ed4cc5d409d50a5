/*
 * tests/unit/test-sysreg-a64.c: the AArch64 system register table
 * (target-arm/sysreg-a64.c) of every CPU model, without a machine.
 *
 * The table is built for a bare ARMCPU; what it calls outside target-arm
 * (the soft TLB, the CPU's SP banking and MMU index, physical memory,
 * FPCR/FPSR) is stubbed here and recorded, so the tests check which
 * flushes a write causes.  The ID values expected are the ones the
 * Technical Reference Manuals give (Cortex-A53 DDI 0500, Cortex-A57
 * DDI 0488, Cortex-A72 100095), written out independently of the table.
 */
#include <stdlib.h>
#include <string.h>

#include "qemu/log.h"
#include "exec/cputlb.h"
#include "internals.h"
#include "cpu-sys.h"
#include "tests/unit/tap.h"

/* ------------------------------------------------------------- stubs */

intptr_t cpu_env_offset = offsetof(ARMCPU, env);
int qemu_loglevel;
FILE *qemu_logfile;

void qemu_log(const char *fmt, ...)
{
}

static int n_flush_local, n_flush_all_synced, n_flush_page, n_flush_page_is;
static uint64_t last_page;
static unsigned last_bits;
static int n_sp_to, n_sp_from;
static uint8_t zva_ram[128];
static bool zva_host_ok;
static uint64_t probe_addr;
static int n_stq;
static uint64_t stq_addr[16];
static uint8_t phys_ram[0x4000];

void arm_sp_to_bank(CPUARMState *env)
{
    n_sp_to++;
}

void arm_sp_from_bank(CPUARMState *env)
{
    n_sp_from++;
}

int arm_mmu_idx(CPUARMState *env)
{
    return env->excp.el ? ARM_MMU_IDX_E1 : ARM_MMU_IDX_E0;
}

void arm_tlb_flush_local(CPUARMState *env)
{
    n_flush_local++;
}

AddressSpace *arm_cpu_as(ARMCPU *cpu)
{
    return (AddressSpace *)phys_ram;
}

MemTxResult address_space_read(AddressSpace *as, hwaddr addr, void *buf,
                               size_t len)
{
    if (addr + len > sizeof(phys_ram)) {
        memset(buf, 0, len);
        return MEMTX_DECODE_ERROR;
    }
    memcpy(buf, (uint8_t *)as + addr, len);
    return MEMTX_OK;
}

void tlb_flush_by_mmuidx_all_cpus_synced(CPUState *src, uint16_t idxmap)
{
    n_flush_all_synced++;
}

void tlb_flush_page_bits_by_mmuidx(CPUState *cs, uint64_t addr,
                                   uint16_t idxmap, unsigned bits)
{
    n_flush_page++;
    last_page = addr;
    last_bits = bits;
}

void tlb_flush_page_bits_by_mmuidx_all_cpus_synced(CPUState *src,
                                                   uint64_t addr,
                                                   uint16_t idxmap,
                                                   unsigned bits)
{
    n_flush_page_is++;
    last_page = addr;
    last_bits = bits;
}

static int n_flush_masked, n_flush_masked_is;
static uint64_t last_va_mask, last_va_match;
static bool last_ng;

void tlb_flush_masked_by_mmuidx(CPUState *cs, uint16_t idxmap,
                                uint64_t va_mask, uint64_t va_match, bool ng)
{
    n_flush_masked++;
    last_va_mask = va_mask;
    last_va_match = va_match;
    last_ng = ng;
}

void tlb_flush_masked_by_mmuidx_all_cpus_synced(CPUState *src,
                                                uint16_t idxmap,
                                                uint64_t va_mask,
                                                uint64_t va_match, bool ng)
{
    n_flush_masked_is++;
    last_va_mask = va_mask;
    last_va_match = va_match;
    last_ng = ng;
}

/* Was the last masked flush (va_mask, va_match, ng)? */
static bool masked_was(uint64_t va_mask, uint64_t va_match, bool ng)
{
    return last_va_mask == va_mask && last_va_match == va_match &&
           last_ng == ng;
}

void *probe_access(void *env, uint64_t addr, int size,
                   MMUAccessType access_type, unsigned mmu_idx,
                   uintptr_t retaddr)
{
    probe_addr = addr;
    return zva_host_ok ? zva_ram + (addr & 63) : NULL;
}

void cpu_stq_mmu(void *env, uint64_t addr, uint64_t val, MemOpIdx oi,
                 uintptr_t ra)
{
    if (n_stq < 16) {
        stq_addr[n_stq] = addr;
    }
    n_stq++;
}

uint32_t vfp_get_fpcr(CPUARMState *env)
{
    return env->fpcr;
}

void vfp_set_fpcr(CPUARMState *env, uint32_t val)
{
    env->fpcr = val;
}

uint32_t vfp_get_fpsr(CPUARMState *env)
{
    return env->fpsr;
}

void vfp_set_fpsr(CPUARMState *env, uint32_t val)
{
    env->fpsr = val;
}

/* A GICv3 CPU interface that answers every register with key + 1. */
static uint32_t icc_last_key;
static uint64_t icc_last_val;

static bool fake_icc_read(void *opaque, int cpu, uint32_t key, uint64_t *val)
{
    icc_last_key = key;
    *val = key + 1;
    return true;
}

static bool fake_icc_write(void *opaque, int cpu, uint32_t key, uint64_t val)
{
    icc_last_key = key;
    icc_last_val = val;
    return true;
}

/* ----------------------------------------------------------- helpers */

#define KEY SYSREG_KEY

static ARMCPU *new_cpu(const char *model)
{
    ARMCPU *cpu = calloc(1, sizeof(ARMCPU));
    const ArmSysRegIDs *ids = arm_sysreg_model_ids(model);

    if (!cpu || !ids) {
        fprintf(stderr, "cannot create %s\n", model);
        exit(1);
    }
    cpu->ids = *ids;
    arm_sysreg_init(cpu);
    arm_sysreg_reset(cpu);
    cpu->env.excp.el = 1;
    return cpu;
}

/* MRS as the translator does it (no access check). */
static uint64_t rd(ARMCPU *cpu, uint32_t key)
{
    const ArmSysRegInfo *ri = arm_sysreg_find(cpu, key);

    if (!ri) {
        tap_diag("no register %04x", key);
        return 0xdeadbeef;
    }
    if (ri->flags & ARM_SR_CONST) {
        return ri->resetvalue;
    }
    if (ri->read) {
        return ri->read(&cpu->env, ri);
    }
    if (ri->fieldoffset >= 0) {
        return *(uint64_t *)((char *)&cpu->env + ri->fieldoffset);
    }
    return 0;
}

static void wr(ARMCPU *cpu, uint32_t key, uint64_t val)
{
    const ArmSysRegInfo *ri = arm_sysreg_find(cpu, key);

    if (!ri) {
        tap_diag("no register %04x", key);
        return;
    }
    if (ri->write) {
        ri->write(&cpu->env, ri, val);
    } else if (ri->fieldoffset >= 0) {
        *(uint64_t *)((char *)&cpu->env + ri->fieldoffset) = val;
    }
}

static ArmSRAccess acc(ARMCPU *cpu, uint32_t key, unsigned el, bool isread)
{
    const ArmSysRegInfo *ri = arm_sysreg_find(cpu, key);
    unsigned old = cpu->env.excp.el;
    ArmSRAccess r;

    if (!ri || el < ri->minel) {
        return ARM_SR_ACCESS_UNDEF;
    }
    if ((isread && (ri->flags & ARM_SR_WO)) ||
        (!isread && (ri->flags & ARM_SR_RO))) {
        return ARM_SR_ACCESS_UNDEF;
    }
    if (!ri->access) {
        return ARM_SR_ACCESS_OK;
    }
    cpu->env.excp.el = el;
    r = ri->access(&cpu->env, ri, isread);
    cpu->env.excp.el = old;
    return r;
}

/* Keys used below. */
#define K_MIDR          KEY(3, 0, 0, 0, 0)
#define K_MPIDR         KEY(3, 0, 0, 0, 5)
#define K_REVIDR        KEY(3, 0, 0, 0, 6)
#define K_ID_PFR0       KEY(3, 0, 0, 1, 0)
#define K_PFR0          KEY(3, 0, 0, 4, 0)
#define K_DFR0          KEY(3, 0, 0, 5, 0)
#define K_ISAR0         KEY(3, 0, 0, 6, 0)
#define K_ISAR1         KEY(3, 0, 0, 6, 1)
#define K_MMFR0         KEY(3, 0, 0, 7, 0)
#define K_MMFR1         KEY(3, 0, 0, 7, 1)
#define K_MMFR2         KEY(3, 0, 0, 7, 2)
#define K_CCSIDR        KEY(3, 1, 0, 0, 0)
#define K_CLIDR         KEY(3, 1, 0, 0, 1)
#define K_CSSELR        KEY(3, 2, 0, 0, 0)
#define K_CTR           KEY(3, 3, 0, 0, 1)
#define K_DCZID         KEY(3, 3, 0, 0, 7)
#define K_SCTLR         KEY(3, 0, 1, 0, 0)
#define K_TTBR0         KEY(3, 0, 2, 0, 0)
#define K_TTBR1         KEY(3, 0, 2, 0, 1)
#define K_TCR           KEY(3, 0, 2, 0, 2)
#define K_MAIR          KEY(3, 0, 10, 2, 0)
#define K_PAR           KEY(3, 0, 7, 4, 0)
#define K_VBAR          KEY(3, 0, 12, 0, 0)
#define K_SPSEL         KEY(3, 0, 4, 2, 0)
#define K_CURRENTEL     KEY(3, 0, 4, 2, 2)
#define K_PAN           KEY(3, 0, 4, 2, 3)
#define K_UAO           KEY(3, 0, 4, 2, 4)
#define K_DAIF          KEY(3, 3, 4, 2, 1)
#define K_TPIDRRO       KEY(3, 3, 13, 0, 3)
#define K_CNTFRQ        KEY(3, 3, 14, 0, 0)
#define K_CNTVCT        KEY(3, 3, 14, 0, 2)
#define K_OSLAR         KEY(2, 0, 1, 0, 4)
#define K_OSLSR         KEY(2, 0, 1, 1, 4)
#define K_ICC_IAR1      KEY(3, 0, 12, 12, 0)
#define K_ICC_EOIR1     KEY(3, 0, 12, 12, 1)
#define K_ICC_SRE       KEY(3, 0, 12, 12, 5)
#define K_DC_ZVA        KEY(1, 3, 7, 4, 1)
#define K_DC_IVAC       KEY(1, 0, 7, 6, 1)
#define K_DC_CVAU       KEY(1, 3, 7, 11, 1)
#define K_DC_CVAP       KEY(1, 3, 7, 12, 1)
#define K_AT_S1E1R      KEY(1, 0, 7, 8, 0)
#define K_AT_S1E0R      KEY(1, 0, 7, 8, 2)
#define K_AT_S1E1RP     KEY(1, 0, 7, 9, 0)
#define K_TLBI_VAE1     KEY(1, 0, 8, 7, 1)
#define K_TLBI_VAE1IS   KEY(1, 0, 8, 3, 1)
#define K_TLBI_VMALLE1IS KEY(1, 0, 8, 3, 0)
#define K_TLBI_ASIDE1   KEY(1, 0, 8, 7, 2)
#define K_TLBI_ASIDE1IS KEY(1, 0, 8, 3, 2)
#define K_TLBI_RVAE1    KEY(1, 0, 8, 6, 1)
#define K_TLBI_VAE1OS   KEY(1, 0, 8, 1, 1)
#define K_DBGBVR(n)     KEY(2, 0, 0, n, 4)
#define K_DBGWCR(n)     KEY(2, 0, 0, n, 7)

/* --------------------------------------------------- the TRM values */

typedef struct TRMValues {
    const char *model;
    uint64_t midr, ctr, clidr, ccsidr_l1d, ccsidr_l1i, ccsidr_l2;
    uint64_t dfr0, isar0, mmfr0;
    unsigned pa_bits;
    uint8_t granules;
} TRMValues;

static const TRMValues trm[] = {
    /* Cortex-A53 r0p4: 32K L1D, 32K L1I, 1M L2, 40-bit PA */
    { "cortex-a53", 0x410fd034, 0x84448004, 0x0a200023,
      0x700fe01a, 0x201fe00a, 0x707fe07a,
      0x10305106, 0x00011120, 0x00001122, 40,
      ARM_MMU_GRAN_4K | ARM_MMU_GRAN_64K },
    /* Cortex-A57 r1p0: 32K L1D, 48K L1I, 2M L2, 44-bit PA */
    { "cortex-a57", 0x411fd070, 0x8444c004, 0x0a200023,
      0x701fe00a, 0x201fe012, 0x70ffe07a,
      0x10305106, 0x00011120, 0x00001124, 44,
      ARM_MMU_GRAN_4K | ARM_MMU_GRAN_64K },
    /* Cortex-A72 r0p3: 32K L1D, 48K L1I, 1M L2, 44-bit PA */
    { "cortex-a72", 0x410fd083, 0x8444c004, 0x0a200023,
      0x701fe00a, 0x201fe012, 0x707fe07a,
      0x10305106, 0x00011120, 0x00001124, 44,
      ARM_MMU_GRAN_4K | ARM_MMU_GRAN_64K },
};

static const char *const all_models[] = {
    "cortex-a53", "cortex-a57", "cortex-a72", "max",
};

/* ------------------------------------------------------------- tests */

static void test_table_shape(const char *model)
{
    ARMCPU *cpu = new_cpu(model);
    size_t n, i, bad_order = 0, not_found = 0, id_regs = 0;
    const ArmSysRegInfo *t = arm_sysreg_table(cpu, &n);
    unsigned crm, op2;

    for (i = 0; i < n; i++) {
        if (i && t[i].key <= t[i - 1].key) {
            bad_order++;
        }
        if (arm_sysreg_find(cpu, t[i].key) != &t[i]) {
            not_found++;
        }
    }
    tap_report(n > 150 && bad_order == 0, "%s: %zu entries, sorted, no "
               "duplicate keys", model, n);
    tap_report(not_found == 0, "%s: every entry found by its key", model);
    tap_report(!arm_sysreg_find(cpu, KEY(3, 0, 15, 15, 7)) &&
               !arm_sysreg_find(cpu, KEY(3, 4, 1, 0, 0)) &&
               !arm_sysreg_find(cpu, 0),
               "%s: IMP DEF, EL2 (SCTLR_EL2) and key 0 are absent", model);
    for (crm = 1; crm < 8; crm++) {
        for (op2 = 0; op2 < 8; op2++) {
            const ArmSysRegInfo *ri =
                arm_sysreg_find(cpu, KEY(3, 0, 0, crm, op2));
            if (ri && ri->minel == 1 && (ri->flags & ARM_SR_RO)) {
                id_regs++;
            }
        }
    }
    tap_report(id_regs == 56, "%s: the ID space CRm=1..7 is complete, "
               "read-only, EL1 (%zu)", model, id_regs);
    tap_report(rd(cpu, KEY(3, 0, 0, 4, 2)) == 0 &&
               rd(cpu, KEY(3, 0, 0, 7, 7)) == 0 &&
               (arm_sysreg_find(cpu, KEY(3, 0, 0, 7, 7))->flags &
                ARM_SR_CONST),
               "%s: unallocated ID registers are RAZ constants", model);
    tap_report(!arm_sysreg_find(cpu, K_TLBI_RVAE1) &&
               !arm_sysreg_find(cpu, K_TLBI_VAE1OS),
               "%s: no TLBI range/OS forms (not advertised)", model);
    tap_report(((rd(cpu, K_ISAR0) >> 56) & 0xf) == 0,
               "%s: ID_AA64ISAR0.TLB = 0", model);

}

static void test_trm_values(const TRMValues *v)
{
    ARMCPU *cpu = new_cpu(v->model);
    uint64_t pfr0;

    tap_report(rd(cpu, K_MIDR) == v->midr, "%s: MIDR_EL1 = %08llx",
               v->model, (unsigned long long)rd(cpu, K_MIDR));
    tap_report(rd(cpu, K_REVIDR) == 0, "%s: REVIDR_EL1 = 0", v->model);
    tap_report(rd(cpu, K_CTR) == v->ctr, "%s: CTR_EL0", v->model);
    tap_report(rd(cpu, K_DCZID) == 4, "%s: DCZID_EL0 = 4 (64 bytes)",
               v->model);
    tap_report(rd(cpu, K_CLIDR) == v->clidr, "%s: CLIDR_EL1", v->model);
    wr(cpu, K_CSSELR, 0);
    tap_report(rd(cpu, K_CCSIDR) == v->ccsidr_l1d, "%s: CCSIDR L1 D",
               v->model);
    wr(cpu, K_CSSELR, 1);
    tap_report(rd(cpu, K_CCSIDR) == v->ccsidr_l1i, "%s: CCSIDR L1 I",
               v->model);
    wr(cpu, K_CSSELR, 2);
    tap_report(rd(cpu, K_CCSIDR) == v->ccsidr_l2, "%s: CCSIDR L2",
               v->model);
    wr(cpu, K_CSSELR, 4);
    tap_report(rd(cpu, K_CCSIDR) == 0, "%s: CCSIDR of no cache = 0",
               v->model);
    tap_report(rd(cpu, K_DFR0) == v->dfr0, "%s: ID_AA64DFR0_EL1",
               v->model);
    tap_report(rd(cpu, K_ISAR0) == v->isar0, "%s: ID_AA64ISAR0_EL1",
               v->model);
    tap_report(rd(cpu, K_MMFR0) == v->mmfr0, "%s: ID_AA64MMFR0_EL1",
               v->model);
    tap_report(rd(cpu, K_MMFR1) == 0 && rd(cpu, K_MMFR2) == 0 &&
               rd(cpu, K_ISAR1) == 0,
               "%s: v8.0: ID_AA64MMFR1/MMFR2/ISAR1 = 0", v->model);
    /*
     * TRM ID_AA64PFR0 = 0x2222 (AArch64+AArch32 at EL0..3); here EL0/EL1
     * AArch64 only, no EL2/EL3, FP and AdvSIMD 0.
     */
    pfr0 = rd(cpu, K_PFR0);
    tap_report(pfr0 == 0x11, "%s: ID_AA64PFR0_EL1 = %llx (EL0, EL1 only)",
               v->model, (unsigned long long)pfr0);
    tap_report(rd(cpu, K_ID_PFR0) == 0, "%s: AArch32 ID_PFR0 = 0 "
               "(no AArch32)", v->model);
    tap_report(cpu->env.mmu.pamax == v->pa_bits &&
               cpu->env.mmu.granules == v->granules,
               "%s: MMU: %u-bit PA, granules %x", v->model,
               cpu->env.mmu.pamax, cpu->env.mmu.granules);
    tap_report(!arm_sysreg_find(cpu, K_PAN) && !arm_sysreg_find(cpu, K_UAO)
               && !arm_sysreg_find(cpu, K_AT_S1E1RP) &&
               !arm_sysreg_find(cpu, K_DC_CVAP) &&
               arm_sysreg_excp_features(cpu) == 0,
               "%s: no PAN, UAO, ATS1E1RP, DC CVAP", v->model);
    /* DFR0: BRPs = 5 (6 breakpoints), WRPs = 3 (4 watchpoints) */
    tap_report(arm_sysreg_find(cpu, K_DBGBVR(5)) &&
               !arm_sysreg_find(cpu, K_DBGBVR(6)) &&
               arm_sysreg_find(cpu, K_DBGWCR(3)) &&
               !arm_sysreg_find(cpu, K_DBGWCR(4)),
               "%s: 6 breakpoints and 4 watchpoints", v->model);

}

static void test_max(void)
{
    ARMCPU *cpu = new_cpu("max");
    uint64_t pfr0 = rd(cpu, K_PFR0);

    tap_report(rd(cpu, K_MIDR) == 0x000f0510, "max: MIDR as user mode");
    tap_report(rd(cpu, K_CTR) == (0x8444c004 | 1u << 28 | 1u << 29),
               "max: CTR_EL0 with IDC and DIC");
    tap_report((pfr0 & 0xffff) == 0x11 && (pfr0 >> 56 & 0xf) == 1 &&
               (pfr0 >> 60) == 1, "max: EL0/EL1 only, CSV2, CSV3");
    tap_report(rd(cpu, K_ISAR0) == 0x00211120,
               "max: ISAR0 AES=2 SHA1 SHA2 CRC32 Atomic=2");
    tap_report((rd(cpu, K_MMFR1) >> 20 & 0xf) == 2 &&
               (rd(cpu, K_MMFR2) >> 4 & 0xf) == 1 &&
               (rd(cpu, K_MMFR2) >> 60) == 1,
               "max: PAN2, UAO and E0PD advertised");
    wr(cpu, K_TCR, 0xffffffffffffffffULL);
    tap_report(cpu->env.mmu.tcr == (0x77ffffffbfULL | 3ULL << 55),
               "max: TCR_EL1.E0PD0/1 writable");
    tap_report(arm_sysreg_find(cpu, K_PAN) && arm_sysreg_find(cpu, K_UAO) &&
               arm_sysreg_find(cpu, K_AT_S1E1RP) &&
               arm_sysreg_find(cpu, K_DC_CVAP) &&
               arm_sysreg_excp_features(cpu) ==
               (ARM_EXCP_FEAT_PAN | ARM_EXCP_FEAT_UAO),
               "max: PAN, UAO, AT S1E1RP, DC CVAP exist");
    tap_report(cpu->env.mmu.pamax == 48 && cpu->env.mmu.granules ==
               (ARM_MMU_GRAN_4K | ARM_MMU_GRAN_16K | ARM_MMU_GRAN_64K),
               "max: 48-bit PA, all granules");
    wr(cpu, K_PAN, 1u << 22);
    tap_report(cpu->env.excp.pan && rd(cpu, K_PAN) == 1u << 22,
               "max: MSR PAN sets PSTATE.PAN");
    wr(cpu, K_SCTLR, 0);
    tap_report(cpu->env.excp.sctlr_el1 == 0x30500800,
               "max: SCTLR SPAN writable, EE/E0E RES0 (no BigEnd)");

}

static void test_rules(void)
{
    ARMCPU *cpu = new_cpu("cortex-a57");
    CPUARMState *env = &cpu->env;

    tap_report(acc(cpu, K_MIDR, 0, true) == ARM_SR_ACCESS_UNDEF &&
               acc(cpu, K_MIDR, 1, true) == ARM_SR_ACCESS_OK &&
               acc(cpu, K_MIDR, 1, false) == ARM_SR_ACCESS_UNDEF,
               "MIDR_EL1: EL1 read-only, UNDEF at EL0");
    tap_report(acc(cpu, K_CURRENTEL, 0, true) == ARM_SR_ACCESS_UNDEF &&
               rd(cpu, K_CURRENTEL) == 4, "CurrentEL: EL1 reads 4");
    tap_report(acc(cpu, K_ICC_EOIR1, 1, true) == ARM_SR_ACCESS_UNDEF &&
               acc(cpu, K_ICC_IAR1, 1, false) == ARM_SR_ACCESS_UNDEF,
               "ICC_EOIR1 write-only, ICC_IAR1 read-only");
    tap_report(acc(cpu, K_DC_IVAC, 0, false) == ARM_SR_ACCESS_UNDEF &&
               acc(cpu, K_DC_IVAC, 1, false) == ARM_SR_ACCESS_OK,
               "DC IVAC: UNDEF at EL0");
    tap_report(acc(cpu, K_AT_S1E1R, 0, false) == ARM_SR_ACCESS_UNDEF &&
               acc(cpu, K_TLBI_VAE1, 0, false) == ARM_SR_ACCESS_UNDEF &&
               acc(cpu, K_AT_S1E1R, 1, true) == ARM_SR_ACCESS_UNDEF,
               "AT, TLBI: EL1 only, write-only");

    env->excp.sctlr_el1 = 0;
    tap_report(acc(cpu, K_CTR, 0, true) == ARM_SR_ACCESS_TRAP &&
               acc(cpu, K_DC_ZVA, 0, false) == ARM_SR_ACCESS_TRAP &&
               acc(cpu, K_DC_CVAU, 0, false) == ARM_SR_ACCESS_TRAP &&
               acc(cpu, K_DAIF, 0, true) == ARM_SR_ACCESS_TRAP,
               "EL0 CTR/DC ZVA/DC CVAU/DAIF trap with UCT/DZE/UCI/UMA clear");
    tap_report(acc(cpu, K_CTR, 1, true) == ARM_SR_ACCESS_OK &&
               acc(cpu, K_DC_ZVA, 1, false) == ARM_SR_ACCESS_OK,
               "the same at EL1: allowed");
    env->excp.sctlr_el1 = (1u << 15) | (1u << 14) | (1u << 26) | (1u << 9);
    tap_report(acc(cpu, K_CTR, 0, true) == ARM_SR_ACCESS_OK &&
               acc(cpu, K_DC_ZVA, 0, false) == ARM_SR_ACCESS_OK &&
               acc(cpu, K_DC_CVAU, 0, false) == ARM_SR_ACCESS_OK &&
               acc(cpu, K_DAIF, 0, false) == ARM_SR_ACCESS_OK,
               "EL0 CTR/DC ZVA/DC CVAU/DAIF allowed with UCT/DZE/UCI/UMA");
    tap_report((arm_sysreg_find(cpu, K_CTR)->flags & ARM_SR_ACCESS_EL0) &&
               (arm_sysreg_find(cpu, K_CNTVCT)->flags & ARM_SR_ACCESS_EL0),
               "CTR_EL0, CNTVCT_EL0 checks are EL0-only");

    env->excp.el = 0;
    env->excp.sctlr_el1 = 0;
    tap_report(rd(cpu, K_DCZID) == 0x14, "DCZID_EL0.DZP at EL0, DZE = 0");
    env->excp.sctlr_el1 = 1u << 14;
    tap_report(rd(cpu, K_DCZID) == 0x04, "DCZID_EL0.DZP clear with DZE");
    env->excp.el = 1;

    tap_report(acc(cpu, K_TPIDRRO, 0, true) == ARM_SR_ACCESS_OK &&
               acc(cpu, K_TPIDRRO, 0, false) == ARM_SR_ACCESS_UNDEF &&
               acc(cpu, K_TPIDRRO, 1, false) == ARM_SR_ACCESS_OK,
               "TPIDRRO_EL0: read-only at EL0");

    cpu->gt.cntkctl = 0;
    tap_report(acc(cpu, K_CNTVCT, 0, true) == ARM_SR_ACCESS_TRAP &&
               acc(cpu, K_CNTFRQ, 0, true) == ARM_SR_ACCESS_TRAP &&
               acc(cpu, K_CNTVCT, 0, false) == ARM_SR_ACCESS_UNDEF,
               "EL0 counter reads trap with CNTKCTL = 0; MSR CNTVCT UNDEF");
    cpu->gt.cntkctl = ARM_CNTKCTL_EL0VCTEN;
    tap_report(acc(cpu, K_CNTVCT, 0, true) == ARM_SR_ACCESS_OK &&
               acc(cpu, K_CNTFRQ, 0, true) == ARM_SR_ACCESS_OK &&
               acc(cpu, K_CNTFRQ, 0, false) == ARM_SR_ACCESS_UNDEF,
               "EL0VCTEN: CNTVCT and CNTFRQ readable, CNTFRQ not writable");
    tap_report((arm_sysreg_find(cpu, KEY(3, 3, 14, 3, 1))->flags & ARM_SR_IO)
               && !(arm_sysreg_find(cpu, K_CNTVCT)->flags & ARM_SR_IO) &&
               (arm_sysreg_find(cpu, KEY(3, 3, 4, 4, 0))->flags & ARM_SR_FP),
               "CNTV_CTL is IO, the counter is not, FPCR is FP-trapped");

}

static void test_gicv3(void)
{
    ARMCPU *cpu = new_cpu("cortex-a72");

    tap_report(acc(cpu, K_ICC_SRE, 1, true) == ARM_SR_ACCESS_UNDEF &&
               acc(cpu, K_ICC_IAR1, 1, true) == ARM_SR_ACCESS_UNDEF &&
               ((rd(cpu, K_PFR0) >> 24) & 0xf) == 0,
               "GICv2 board: ICC_* UNDEF, ID_AA64PFR0.GIC = 0");
    cpu->icc_read = fake_icc_read;
    cpu->icc_write = fake_icc_write;
    tap_report(acc(cpu, K_ICC_SRE, 1, true) == ARM_SR_ACCESS_OK &&
               ((rd(cpu, K_PFR0) >> 24) & 0xf) == 1,
               "GICv3 board: ICC_SRE_EL1 accessible, PFR0.GIC = 1");
    tap_report(rd(cpu, K_ICC_IAR1) == K_ICC_IAR1 + 1 &&
               icc_last_key == K_ICC_IAR1, "ICC_IAR1_EL1 read forwarded");
    wr(cpu, K_ICC_EOIR1, 27);
    tap_report(icc_last_key == K_ICC_EOIR1 && icc_last_val == 27 &&
               (arm_sysreg_find(cpu, K_ICC_EOIR1)->flags &
                (ARM_SR_IO | ARM_SR_END_TB)) == (ARM_SR_IO | ARM_SR_END_TB),
               "ICC_EOIR1_EL1 write forwarded, IO and END_TB");

}

static void test_memory_regs(void)
{
    ARMCPU *cpu = new_cpu("cortex-a57");
    CPUARMState *env = &cpu->env;

    tap_report(env->excp.sctlr_el1 == 0x30d50838 &&
               env->mmu.sctlr == 0x30d50838, "SCTLR_EL1 reset value");
    n_flush_local = 0;
    wr(cpu, K_SCTLR, 0x30d50838 | 1u << 12);
    tap_report(n_flush_local == 0, "SCTLR.I change: no TLB flush");
    wr(cpu, K_SCTLR, 0x1005);
    tap_report(n_flush_local == 1 && env->excp.sctlr_el1 == 0x30d01805 &&
               env->mmu.sctlr == env->excp.sctlr_el1,
               "SCTLR.M set: flush, RES1 bits forced, mmu.sctlr in step");
    /* TCR_EL1.A1 = 0: TTBR0 holds the ASID in use. */
    n_flush_masked = 0;
    wr(cpu, K_TTBR0, 0x1234000000041000ULL);
    tap_report(n_flush_local == 1 && n_flush_masked == 1 &&
               masked_was(1ULL << 55, 0, true) &&
               env->mmu.ttbr0 == 0x1234000000041000ULL,
               "TTBR0 base and ASID change: TTBR0 half and non-global "
               "entries dropped");
    wr(cpu, K_TTBR0, 0x1234000000041000ULL);
    tap_report(n_flush_masked == 1, "TTBR0 same value: no flush");
    wr(cpu, K_TTBR0, 0x1235000000041001ULL);
    tap_report(n_flush_masked == 2 && masked_was(0, 0, true) &&
               env->mmu.ttbr0 == 0x1235000000041000ULL,
               "TTBR0 ASID change: non-global entries dropped, CnP RES0");
    wr(cpu, K_TTBR1, 0x0042000000080000ULL);
    tap_report(n_flush_masked == 3 && masked_was(1ULL << 55, 1ULL << 55, false),
               "TTBR1 base change (A1 = 0): TTBR1 half dropped only");
    wr(cpu, K_TTBR1, 0x0043000000080000ULL);
    tap_report(n_flush_masked == 3 && n_flush_local == 1,
               "TTBR1 ASID change with A1 = 0: no flush");
    wr(cpu, K_TCR, 0xffffffffffffffffULL);
    tap_report(n_flush_local == 2 && env->mmu.tcr == 0x77ffffffbfULL,
               "TCR_EL1: flush, HA/HD/HPD/TBID masked");
    wr(cpu, K_TTBR1, 0x0044000000080000ULL);
    tap_report(n_flush_masked == 4 && masked_was(0, 0, true),
               "TTBR1 ASID change with A1 = 1: non-global entries dropped");
    wr(cpu, K_TTBR0, 0x1236000000041000ULL);
    tap_report(n_flush_masked == 4 && n_flush_local == 2,
               "TTBR0 ASID change with A1 = 1: no flush");
    wr(cpu, K_MAIR, 0xff44);
    tap_report(n_flush_local == 3 && env->mmu.mair == 0xff44, "MAIR_EL1");
    wr(cpu, K_VBAR, 0xffff000010081fffULL);
    tap_report(env->excp.vbar_el1 == 0xffff000010081800ULL,
               "VBAR_EL1 bits 10:0 RES0");
    n_sp_to = n_sp_from = 0;
    wr(cpu, K_SPSEL, 0);
    tap_report(n_sp_to == 1 && n_sp_from == 1 && !env->excp.sp_sel &&
               rd(cpu, K_SPSEL) == 0, "SPSel write banks the SP");
    tap_report(rd(cpu, K_OSLSR) == 0xa, "OSLSR_EL1: OSLM, locked at reset");
    wr(cpu, K_OSLAR, 0);
    tap_report(rd(cpu, K_OSLSR) == 0x8, "OSLAR_EL1 = 0 unlocks");
    env->excp.daif = 0x3c0;
    wr(cpu, K_DAIF, 0x80);
    tap_report(env->excp.daif == 0x80 && rd(cpu, K_DAIF) == 0x80,
               "DAIF write");
    cpu->mpidr = 0x80000003;
    tap_report(rd(cpu, K_MPIDR) == 0x80000003, "MPIDR_EL1 from cpu->mpidr");

}

static void test_sys_insns(void)
{
    ARMCPU *cpu = new_cpu("cortex-a53");
    CPUARMState *env = &cpu->env;
    uint64_t par;
    int i;
    bool zero = true;

    n_flush_page = n_flush_page_is = n_flush_all_synced = n_flush_local = 0;
    wr(cpu, K_TLBI_VAE1, 0x1234ULL << 48 | 0xff000012345ULL);
    tap_report(n_flush_page == 1 && last_page == 0xffff000012345000ULL &&
               last_bits == 56, "TLBI VAE1: page of VA[55:12], sign-extended");
    wr(cpu, K_TLBI_VAE1IS, 0x12345);
    tap_report(n_flush_page_is == 1 && last_page == 0x12345000ULL,
               "TLBI VAE1IS: broadcast page flush");
    wr(cpu, K_TLBI_VMALLE1IS, 0);
    n_flush_masked = n_flush_masked_is = 0;
    wr(cpu, K_TLBI_ASIDE1, 0x55ULL << 48);
    tap_report(n_flush_all_synced == 1 && n_flush_local == 0 &&
               n_flush_masked == 1 && masked_was(0, 0, true),
               "TLBI VMALLE1IS broadcast, ASIDE1 drops non-global entries");
    wr(cpu, K_TLBI_ASIDE1IS, 0x55ULL << 48);
    tap_report(n_flush_masked_is == 1 && masked_was(0, 0, true),
               "TLBI ASIDE1IS: broadcast drop of non-global entries");

    memset(zva_ram, 0xaa, sizeof(zva_ram));
    zva_host_ok = true;
    wr(cpu, K_DC_ZVA, 0x40001234);
    for (i = 0; i < 64; i++) {
        zero &= zva_ram[i] == 0;
    }
    tap_report(probe_addr == 0x40001200 && zero && zva_ram[64] == 0xaa,
               "DC ZVA zeroes the aligned 64-byte block");
    zva_host_ok = false;
    n_stq = 0;
    wr(cpu, K_DC_ZVA, 0x9000003f);
    tap_report(n_stq == 8 && stq_addr[0] == 0x90000000 &&
               stq_addr[7] == 0x90000038,
               "DC ZVA on MMIO: eight 8-byte stores");

    /* AT with the MMU off: flat mapping. */
    env->mmu.sctlr = 0;
    wr(cpu, K_AT_S1E1R, 0x1234);
    par = rd(cpu, K_PAR);
    tap_report((par & 1) == 0 && (par & 0xfffffffff000ULL) == 0x1000,
               "AT S1E1R, MMU off: PAR.PA = VA (PAR %llx)",
               (unsigned long long)par);

    /* 39-bit VA, 4K granule: level 1 block 0x40000000, EL1 RW only. */
    memset(phys_ram, 0, sizeof(phys_ram));
    {
        uint64_t desc = 0x40000000ULL | 1u << 10 | 3u << 8 | 1;
        for (i = 0; i < 8; i++) {
            phys_ram[0x1008 + i] = desc >> (8 * i);
        }
    }
    env->mmu.sctlr = ARM_SCTLR_M;
    env->mmu.tcr = 25 | ARM_TCR_EPD1;
    env->mmu.ttbr0 = 0x1000;
    env->mmu.mair = 0xff;
    wr(cpu, K_AT_S1E1R, 0x40001234);
    par = rd(cpu, K_PAR);
    tap_report(par == 0xff00000040001b80ULL,
               "AT S1E1R hit: PA, SH=3, NS, RES1, ATTR=ff (PAR %llx)",
               (unsigned long long)par);
    wr(cpu, K_AT_S1E0R, 0x40001234);
    par = rd(cpu, K_PAR);
    tap_report(par == (1 | 0x0d << 1 | 1u << 11),
               "AT S1E0R on an EL1-only page: permission fault L1 "
               "(PAR %llx)", (unsigned long long)par);
    wr(cpu, K_AT_S1E1R, 0x80001234);
    par = rd(cpu, K_PAR);
    tap_report(par == (1 | 0x05 << 1 | 1u << 11),
               "AT S1E1R unmapped: translation fault L1 (PAR %llx)",
               (unsigned long long)par);
    env->mmu.mair = 0x00;
    wr(cpu, K_AT_S1E1R, 0x40001234);
    par = rd(cpu, K_PAR);
    tap_report(((par >> 7) & 3) == 2 && (par >> 56) == 0,
               "AT on Device memory reports SH = 2");

}

int main(void)
{
    size_t i;

    for (i = 0; i < sizeof(all_models) / sizeof(all_models[0]); i++) {
        test_table_shape(all_models[i]);
    }
    tap_report(arm_sysreg_model_ids("cortex-a15") == NULL,
               "unknown model: no ID set");
    for (i = 0; i < sizeof(trm) / sizeof(trm[0]); i++) {
        test_trm_values(&trm[i]);
    }
    test_max();
    test_rules();
    test_gicv3();
    test_memory_regs();
    test_sys_insns();
    return tap_exit_status();
}

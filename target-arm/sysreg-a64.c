/*
 * target-arm/sysreg-a64.c: the AArch64 system registers and system
 * instructions of system mode, as one sorted table per CPU (see
 * sysreg-a64.h for how the translator uses an entry), and the ID
 * register values of the CPU models.
 *
 * Every register is described by the Arm ARM (DDI 0487) encoding and
 * its EL0/EL1 behaviour; the entries come in groups:
 *   - PSTATE views (NZCV, DAIF, CurrentEL, SPSel, PAN, UAO), SP_EL0,
 *     ELR_EL1, SPSR_EL1, FPCR/FPSR, TPIDR*, CTR_EL0, DCZID_EL0;
 *   - the EL1&0 translation regime and exception registers (SCTLR_EL1,
 *     TCR, TTBR0/1, MAIR, VBAR, ESR, FAR, PAR, CPACR ...); writes that
 *     change what the soft TLB caches flush it (TTBR writes only the
 *     half they select and, for an ASID switch, the non-global
 *     entries);
 *   - the ID space (op0=3 op1=0 CRn=0 CRm=0..7, unallocated ones RAZ),
 *     CLIDR/CCSIDR/CSSELR/AIDR, folded to constants per model;
 *   - the generic timer (gtimer.c) and the GICv3 CPU interface (the
 *     board's icc_read/icc_write), both under the global lock;
 *   - debug and PMU registers Linux probes: kept, but inert;
 *   - SYS instructions: DC, IC, AT, TLBI.
 * Features a model lacks (PAN, UAO, ATS1E1RP, DC CVAP) have no entry, so
 * they are UNDEFINED there.
 *
 * Not emulated: hardware breakpoints and watchpoints (DBGB and DBGW
 * registers hold their values but never fire), PMU counting (PMCR_EL0.N
 * = 0, the cycle counter holds what is written), the DCC (reads 0,
 * writes dropped), cache contents (every cache maintenance instruction
 * is a NOP; by-VA ones do not fault on unmapped addresses).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "qemu/log.h"
#include "exec/cputlb.h"
#include "internals.h"
#include "cpu-sys.h"

#define KEY_OP0(k)  (((k) >> 14) & 3)
#define KEY_OP1(k)  (((k) >> 11) & 7)
#define KEY_CRN(k)  (((k) >> 7) & 15)
#define KEY_CRM(k)  (((k) >> 3) & 15)
#define KEY_OP2(k)  ((k) & 7)

/* SCTLR_EL1 fields used here (mmu-a64.h has M, A, WXN, EE, SPAN). */
#define SCTLR_UMA       (1ULL << 9)
#define SCTLR_DZE       (1ULL << 14)
#define SCTLR_UCT       (1ULL << 15)
#define SCTLR_E0E       (1ULL << 24)
#define SCTLR_UCI       (1ULL << 26)
/* RES1 in ARMv8.0 (later: EOS, TSCXT, EIS, SPAN, nTLSMD, LSMAOE). */
#define SCTLR_RES1      0x30d00800ULL
#define SCTLR_RESET     0x30d50838ULL

#define MDSCR_TDCC      (1ULL << 12)

#define PMUSERENR_EN    (1u << 0)
#define PMUSERENR_SW    (1u << 1)
#define PMUSERENR_CR    (1u << 2)
#define PMUSERENR_ER    (1u << 3)

/* OSLSR_EL1: OSLM = 0b10 (bit 3 set), OSLK (bit 1) set at reset. */
#define OSLSR_OSLM1     (1u << 3)
#define OSLSR_OSLK      (1u << 1)

/* Where the inert debug and PMU registers live in ArmSysRegFile. */
#define DBG_BVR(n)      (2 * (n))           /* n < 8 */
#define DBG_BCR(n)      (2 * (n) + 1)
#define DBG_WVR(n)      (16 + 2 * (n))      /* n < 8 */
#define DBG_WCR(n)      (16 + 2 * (n) + 1)
enum {
    PMU_PMCR, PMU_CNTEN, PMU_OVS, PMU_SELR, PMU_CCNTR, PMU_USERENR,
    PMU_INTEN, PMU_CCFILTR,
};
#define PMU_C_BIT       (1ULL << 31)        /* the cycle counter's bit */

/* Model features that decide whether an entry exists. */
enum {
    FEAT_ALWAYS,
    FEAT_PAN,           /* ID_AA64MMFR1.PAN >= 1 */
    FEAT_PAN2,          /* ID_AA64MMFR1.PAN >= 2: AT S1E1RP/WP */
    FEAT_UAO,           /* ID_AA64MMFR2.UAO */
    FEAT_DPB,           /* ID_AA64ISAR1.DPB >= 1: DC CVAP */
    FEAT_DPB2,          /* ID_AA64ISAR1.DPB >= 2: DC CVADP */
    FEAT_PMU,           /* ID_AA64DFR0.PMUVer in 1..14 */
    FEAT_E0PD,          /* ID_AA64MMFR2.E0PD: TCR_EL1.E0PD0/1 exist */
};

static inline unsigned id_field(uint64_t v, unsigned shift)
{
    return (v >> shift) & 0xf;
}

static bool model_has(const ArmSysRegIDs *ids, int feat)
{
    unsigned pmu;

    switch (feat) {
    case FEAT_PAN:
        return id_field(ids->id_aa64mmfr1, 20) >= 1;
    case FEAT_PAN2:
        return id_field(ids->id_aa64mmfr1, 20) >= 2;
    case FEAT_UAO:
        return id_field(ids->id_aa64mmfr2, 4) >= 1;
    case FEAT_DPB:
        return id_field(ids->id_aa64isar1, 0) >= 1;
    case FEAT_DPB2:
        return id_field(ids->id_aa64isar1, 0) >= 2;
    case FEAT_PMU:
        pmu = id_field(ids->id_aa64dfr0, 8);
        return pmu >= 1 && pmu != 0xf;
    case FEAT_E0PD:
        return id_field(ids->id_aa64mmfr2, 60) >= 1;
    default:
        return true;
    }
}

static inline ARMCPU *cpu_of(CPUARMState *env)
{
    return env_archcpu(env);
}

static inline unsigned cur_el(CPUARMState *env)
{
    return env->excp.el;
}

static inline uint64_t *field_ptr(CPUARMState *env, const ArmSysRegInfo *ri)
{
    return (uint64_t *)((char *)env + ri->fieldoffset);
}

#define SR_FIELD(f)     ((ptrdiff_t)offsetof(CPUARMState, f))

/* ------------------------------------------------- generic callbacks */

static uint64_t read_field(CPUARMState *env, const ArmSysRegInfo *ri)
{
    return *field_ptr(env, ri);
}

static uint64_t read_const(CPUARMState *env, const ArmSysRegInfo *ri)
{
    return ri->resetvalue;
}

static uint64_t read_zero(CPUARMState *env, const ArmSysRegInfo *ri)
{
    return 0;
}

static void write_ignore(CPUARMState *env, const ArmSysRegInfo *ri,
                         uint64_t val)
{
}

/* ---------------------------------------------------- access checks */

/* EL0 access allowed only while an SCTLR_EL1 bit is set (else EC 0x18). */
static ArmSRAccess el0_sctlr_bit(CPUARMState *env, uint64_t bit)
{
    if (cur_el(env) == 0 && !(env->excp.sctlr_el1 & bit)) {
        return ARM_SR_ACCESS_TRAP;
    }
    return ARM_SR_ACCESS_OK;
}

static ArmSRAccess access_uma(CPUARMState *env, const ArmSysRegInfo *ri,
                              bool isread)
{
    return el0_sctlr_bit(env, SCTLR_UMA);
}

static ArmSRAccess access_uct(CPUARMState *env, const ArmSysRegInfo *ri,
                              bool isread)
{
    return el0_sctlr_bit(env, SCTLR_UCT);
}

static ArmSRAccess access_dze(CPUARMState *env, const ArmSysRegInfo *ri,
                              bool isread)
{
    return el0_sctlr_bit(env, SCTLR_DZE);
}

static ArmSRAccess access_uci(CPUARMState *env, const ArmSysRegInfo *ri,
                              bool isread)
{
    return el0_sctlr_bit(env, SCTLR_UCI);
}

/* TPIDRRO_EL0: read-only at EL0. */
static ArmSRAccess access_tpidrro(CPUARMState *env, const ArmSysRegInfo *ri,
                                  bool isread)
{
    return (cur_el(env) == 0 && !isread) ? ARM_SR_ACCESS_UNDEF
                                         : ARM_SR_ACCESS_OK;
}

/* DCC registers at EL0: trapped by MDSCR_EL1.TDCC. */
static ArmSRAccess access_dcc(CPUARMState *env, const ArmSysRegInfo *ri,
                              bool isread)
{
    if (cur_el(env) == 0 && (env->sr.mdscr_el1 & MDSCR_TDCC)) {
        return ARM_SR_ACCESS_TRAP;
    }
    return ARM_SR_ACCESS_OK;
}

/* ------------------------------------------------------------ PSTATE */

static uint64_t nzcv_read(CPUARMState *env, const ArmSysRegInfo *ri)
{
    return pstate_read_nzcv(env);
}

static void nzcv_write(CPUARMState *env, const ArmSysRegInfo *ri,
                       uint64_t val)
{
    pstate_write_nzcv(env, val & ARM_SPSR_NZCV);
}

static uint64_t daif_read(CPUARMState *env, const ArmSysRegInfo *ri)
{
    return env->excp.daif & ARM_SPSR_DAIF;
}

static void daif_write(CPUARMState *env, const ArmSysRegInfo *ri,
                       uint64_t val)
{
    env->excp.daif = val & ARM_SPSR_DAIF;
}

static uint64_t currentel_read(CPUARMState *env, const ArmSysRegInfo *ri)
{
    return (uint64_t)cur_el(env) << 2;
}

static uint64_t spsel_read(CPUARMState *env, const ArmSysRegInfo *ri)
{
    return env->excp.sp_sel;
}

static void spsel_write(CPUARMState *env, const ArmSysRegInfo *ri,
                        uint64_t val)
{
    arm_sp_to_bank(env);
    env->excp.sp_sel = val & 1;
    arm_sp_from_bank(env);
}

static uint64_t pan_read(CPUARMState *env, const ArmSysRegInfo *ri)
{
    return env->excp.pan ? ARM_SPSR_PAN : 0;
}

static void pan_write(CPUARMState *env, const ArmSysRegInfo *ri,
                      uint64_t val)
{
    env->excp.pan = (val & ARM_SPSR_PAN) != 0;
}

static uint64_t uao_read(CPUARMState *env, const ArmSysRegInfo *ri)
{
    return env->excp.uao ? ARM_SPSR_UAO : 0;
}

static void uao_write(CPUARMState *env, const ArmSysRegInfo *ri,
                      uint64_t val)
{
    env->excp.uao = (val & ARM_SPSR_UAO) != 0;
}

static uint64_t fpcr_read(CPUARMState *env, const ArmSysRegInfo *ri)
{
    return vfp_get_fpcr(env);
}

static void fpcr_write(CPUARMState *env, const ArmSysRegInfo *ri,
                       uint64_t val)
{
    vfp_set_fpcr(env, (uint32_t)val);
}

static uint64_t fpsr_read(CPUARMState *env, const ArmSysRegInfo *ri)
{
    return vfp_get_fpsr(env);
}

static void fpsr_write(CPUARMState *env, const ArmSysRegInfo *ri,
                       uint64_t val)
{
    vfp_set_fpsr(env, (uint32_t)val);
}

/* DCZID_EL0.DZP shows, at EL0, that SCTLR_EL1.DZE forbids DC ZVA. */
static uint64_t dczid_read(CPUARMState *env, const ArmSysRegInfo *ri)
{
    uint64_t v = ri->resetvalue & 0xf;

    if (cur_el(env) == 0 && !(env->excp.sctlr_el1 & SCTLR_DZE)) {
        v |= 1u << 4;
    }
    return v;
}

/* ---------------------------------------------------- memory system */

static uint64_t sctlr_writable(const ArmSysRegIDs *ids)
{
    /* M A C SA SA0 CP15BEN nAA ITD SED UMA | I DZE UCT nTWI nTWE WXN UCI */
    uint64_t w = 0x3ffULL | (1ULL << 12) | SCTLR_DZE | SCTLR_UCT |
                 (1ULL << 16) | (1ULL << 18) | ARM_SCTLR_WXN | SCTLR_UCI;

    if (id_field(ids->id_aa64mmfr0, 8)) {           /* BigEnd */
        w |= ARM_SCTLR_EE | SCTLR_E0E;
    }
    if (model_has(ids, FEAT_PAN)) {
        w |= ARM_SCTLR_SPAN;
    }
    return w;
}

static void sctlr_write(CPUARMState *env, const ArmSysRegInfo *ri,
                        uint64_t val)
{
    const ArmSysRegIDs *ids = &cpu_of(env)->ids;
    uint64_t w = sctlr_writable(ids);
    uint64_t res1 = SCTLR_RES1 & ~w;
    uint64_t old = env->excp.sctlr_el1;

    val = (val & w) | res1;
    env->excp.sctlr_el1 = val;
    env->mmu.sctlr = val;
    if ((old ^ val) & (ARM_SCTLR_M | ARM_SCTLR_WXN | ARM_SCTLR_EE)) {
        arm_tlb_flush_local(env);
    }
}

/*
 * TCR_EL1 without the fields of absent features: T0SZ EPD0 IRGN0 ORGN0
 * SH0 TG0 T1SZ A1 EPD1 IRGN1 ORGN1 SH1 TG1 IPS AS TBI0 TBI1 (no HA/HD,
 * HPD, TBID...), plus E0PD0/E0PD1 where the model has FEAT_E0PD.  Bits
 * 6 and 35 are RES0.
 */
#define TCR_WRITABLE    0x77ffffffbfULL
#define TCR_E0PD        (3ULL << 55)

static void tcr_write(CPUARMState *env, const ArmSysRegInfo *ri,
                      uint64_t val)
{
    val &= TCR_WRITABLE |
           (model_has(&cpu_of(env)->ids, FEAT_E0PD) ? TCR_E0PD : 0);
    if (val != env->mmu.tcr) {
        env->mmu.tcr = val;
        arm_tlb_flush_local(env);
    }
}

/*
 * TTBRn_EL1 (and MAIR_EL1): the TLB caches what they select.
 *
 * MAIR changes flush everything.  A TTBRn write whose table base
 * changes drops the entries of TTBRn's half of the address space
 * (VA[55]); one that changes the ASID in use (TCR_EL1.A1 selects
 * TTBR1's or TTBR0's) drops the non-global entries, which all belong
 * to the ASID in use (arm_sys_tlb_fill marks them TLB_ATTR_NG).
 * Global entries of the other half survive, as the Arm ARM has them
 * survive any ASID switch.
 */
#define TTBR_ASID_MASK  (0xffffULL << 48)

static void mmu_reg_write(CPUARMState *env, const ArmSysRegInfo *ri,
                          uint64_t val)
{
    uint64_t *p = field_ptr(env, ri);
    uint64_t old = *p, half;
    bool ttbr1, asid_used;

    if (ri->fieldoffset == SR_FIELD(mmu.mair)) {
        if (old != val) {
            *p = val;
            arm_tlb_flush_local(env);
        }
        return;
    }
    val &= ~1ULL;                       /* CnP: RES0 without FEAT_TTCNP */
    if (old == val) {
        return;
    }
    *p = val;
    ttbr1 = ri->fieldoffset == SR_FIELD(mmu.ttbr1);
    asid_used = !!(env->mmu.tcr & ARM_TCR_A1) == ttbr1;
    half = ttbr1 ? 1ULL << 55 : 0;
    if ((old ^ val) & ~TTBR_ASID_MASK) {
        tlb_flush_masked_by_mmuidx(env_cpu(env), ARM_MMU_IDXMAP_ALL,
                                   1ULL << 55, half,
                                   asid_used && ((old ^ val) & TTBR_ASID_MASK));
    } else if (asid_used) {
        tlb_flush_masked_by_mmuidx(env_cpu(env), ARM_MMU_IDXMAP_ALL, 0, 0,
                                   true);
    }
}

static void vbar_write(CPUARMState *env, const ArmSysRegInfo *ri,
                       uint64_t val)
{
    env->excp.vbar_el1 = val & ~0x7ffULL;
}

static void low32_write(CPUARMState *env, const ArmSysRegInfo *ri,
                        uint64_t val)
{
    *field_ptr(env, ri) = (uint32_t)val;
}

static void cpacr_write(CPUARMState *env, const ArmSysRegInfo *ri,
                        uint64_t val)
{
    env->sr.cpacr_el1 = val & (3ULL << 20);     /* FPEN only */
}

static void csselr_write(CPUARMState *env, const ArmSysRegInfo *ri,
                         uint64_t val)
{
    env->sr.csselr_el1 = val & 0xf;             /* Level, InD */
}

static uint64_t ccsidr_read(CPUARMState *env, const ArmSysRegInfo *ri)
{
    unsigned sel = env->sr.csselr_el1 & 0xf;

    return sel < 8 ? cpu_of(env)->ids.ccsidr[sel] : 0;
}

/* -------------------------------------------------------- ID space */

static uint64_t mpidr_read(CPUARMState *env, const ArmSysRegInfo *ri)
{
    return cpu_of(env)->mpidr;
}

/* ID_AA64PFR0_EL1.GIC = 1 when the board wired a GICv3 CPU interface. */
static uint64_t pfr0_read(CPUARMState *env, const ArmSysRegInfo *ri)
{
    ARMCPU *cpu = cpu_of(env);

    return cpu->ids.id_aa64pfr0 | (cpu->icc_read ? 1ULL << 24 : 0);
}

static const char *const id_names[8][8] = {
    [1] = { "ID_PFR0_EL1", "ID_PFR1_EL1", "ID_DFR0_EL1", "ID_AFR0_EL1",
            "ID_MMFR0_EL1", "ID_MMFR1_EL1", "ID_MMFR2_EL1", "ID_MMFR3_EL1" },
    [2] = { "ID_ISAR0_EL1", "ID_ISAR1_EL1", "ID_ISAR2_EL1", "ID_ISAR3_EL1",
            "ID_ISAR4_EL1", "ID_ISAR5_EL1", "ID_MMFR4_EL1", "ID_ISAR6_EL1" },
    [3] = { "MVFR0_EL1", "MVFR1_EL1", "MVFR2_EL1", NULL,
            "ID_PFR2_EL1", "ID_DFR1_EL1", "ID_MMFR5_EL1", NULL },
    [4] = { "ID_AA64PFR0_EL1", "ID_AA64PFR1_EL1", NULL, NULL,
            "ID_AA64ZFR0_EL1", "ID_AA64SMFR0_EL1", NULL, NULL },
    [5] = { "ID_AA64DFR0_EL1", "ID_AA64DFR1_EL1", NULL, NULL,
            "ID_AA64AFR0_EL1", "ID_AA64AFR1_EL1", NULL, NULL },
    [6] = { "ID_AA64ISAR0_EL1", "ID_AA64ISAR1_EL1", "ID_AA64ISAR2_EL1" },
    [7] = { "ID_AA64MMFR0_EL1", "ID_AA64MMFR1_EL1", "ID_AA64MMFR2_EL1" },
};

/* Names of the unallocated (RAZ) encodings, "S3_0_C0_C<m>_<n>". */
static char id_raz_names[8][8][16];

/* The value of ID space register CRm=crm op2=op2 from ids. */
static uint64_t id_value(const ArmSysRegIDs *ids, unsigned crm, unsigned op2)
{
    switch (crm << 3 | op2) {
    case 1 << 3 | 0: return ids->id_pfr0;
    case 1 << 3 | 1: return ids->id_pfr1;
    case 1 << 3 | 2: return ids->id_dfr0;
    case 1 << 3 | 3: return ids->id_afr0;
    case 1 << 3 | 4: return ids->id_mmfr[0];
    case 1 << 3 | 5: return ids->id_mmfr[1];
    case 1 << 3 | 6: return ids->id_mmfr[2];
    case 1 << 3 | 7: return ids->id_mmfr[3];
    case 2 << 3 | 0: return ids->id_isar[0];
    case 2 << 3 | 1: return ids->id_isar[1];
    case 2 << 3 | 2: return ids->id_isar[2];
    case 2 << 3 | 3: return ids->id_isar[3];
    case 2 << 3 | 4: return ids->id_isar[4];
    case 2 << 3 | 5: return ids->id_isar[5];
    case 2 << 3 | 6: return ids->id_mmfr[4];
    case 2 << 3 | 7: return ids->id_isar[6];
    case 3 << 3 | 0: return ids->mvfr[0];
    case 3 << 3 | 1: return ids->mvfr[1];
    case 3 << 3 | 2: return ids->mvfr[2];
    case 3 << 3 | 4: return ids->id_pfr2;
    case 4 << 3 | 0: return ids->id_aa64pfr0;
    case 4 << 3 | 1: return ids->id_aa64pfr1;
    case 4 << 3 | 4: return ids->id_aa64zfr0;
    case 4 << 3 | 5: return ids->id_aa64smfr0;
    case 5 << 3 | 0: return ids->id_aa64dfr0;
    case 5 << 3 | 1: return ids->id_aa64dfr1;
    case 5 << 3 | 4: return ids->id_aa64afr0;
    case 5 << 3 | 5: return ids->id_aa64afr1;
    case 6 << 3 | 0: return ids->id_aa64isar0;
    case 6 << 3 | 1: return ids->id_aa64isar1;
    case 6 << 3 | 2: return ids->id_aa64isar2;
    case 7 << 3 | 0: return ids->id_aa64mmfr0;
    case 7 << 3 | 1: return ids->id_aa64mmfr1;
    case 7 << 3 | 2: return ids->id_aa64mmfr2;
    default: return 0;
    }
}

/* ------------------------------------------------------------- timer */

static ArmGTReg gt_reg(const ArmSysRegInfo *ri)
{
    return (ArmGTReg)arm_gtimer_reg_from_encoding(
        KEY_OP0(ri->key), KEY_OP1(ri->key), KEY_CRN(ri->key),
        KEY_CRM(ri->key), KEY_OP2(ri->key));
}

/* EL0 access to the timer registers, by CNTKCTL_EL1 (Arm ARM D11.2). */
static ArmSRAccess access_gt(CPUARMState *env, const ArmSysRegInfo *ri,
                             bool isread)
{
    ArmGTReg reg = gt_reg(ri);

    if (cur_el(env) != 0) {
        return ARM_SR_ACCESS_OK;
    }
    if (reg == ARM_GT_CNTFRQ && !isread) {
        return ARM_SR_ACCESS_UNDEF;
    }
    switch (arm_gtimer_el0_access(&cpu_of(env)->gt, reg)) {
    case ARM_GT_OK:
        return ARM_SR_ACCESS_OK;
    case ARM_GT_TRAP:
        return ARM_SR_ACCESS_TRAP;
    default:
        return ARM_SR_ACCESS_UNDEF;
    }
}

static uint64_t gt_read(CPUARMState *env, const ArmSysRegInfo *ri)
{
    uint64_t val = 0;

    if (arm_gtimer_read(&cpu_of(env)->gt, gt_reg(ri), cur_el(env), &val)
        != ARM_GT_OK) {
        qemu_log_mask(LOG_GUEST_ERROR, "MRS %s refused at EL%u\n",
                      ri->name, cur_el(env));
        return 0;
    }
    return val;
}

static void gt_write(CPUARMState *env, const ArmSysRegInfo *ri, uint64_t val)
{
    if (arm_gtimer_write(&cpu_of(env)->gt, gt_reg(ri), cur_el(env), val)
        != ARM_GT_OK) {
        qemu_log_mask(LOG_GUEST_ERROR, "MSR %s refused at EL%u\n",
                      ri->name, cur_el(env));
    }
}

/* ------------------------------------------- GICv3 CPU interface */

static ArmSRAccess access_icc(CPUARMState *env, const ArmSysRegInfo *ri,
                              bool isread)
{
    ARMCPU *cpu = cpu_of(env);

    if (!cpu->icc_read || (!isread && !cpu->icc_write)) {
        return ARM_SR_ACCESS_UNDEF;         /* GICv2: no sysreg interface */
    }
    return ARM_SR_ACCESS_OK;
}

static int cpu_number(ARMCPU *cpu)
{
    return cpu->parent.cpu_index;
}

static uint64_t icc_read(CPUARMState *env, const ArmSysRegInfo *ri)
{
    ARMCPU *cpu = cpu_of(env);
    uint64_t val = 0;

    if (!cpu->icc_read ||
        !cpu->icc_read(cpu->icc_opaque, cpu_number(cpu), ri->key, &val)) {
        qemu_log_mask(LOG_UNIMP, "GICv3 CPU interface: %s not read\n",
                      ri->name);
        return 0;
    }
    return val;
}

static void icc_write(CPUARMState *env, const ArmSysRegInfo *ri, uint64_t val)
{
    ARMCPU *cpu = cpu_of(env);

    if (!cpu->icc_write ||
        !cpu->icc_write(cpu->icc_opaque, cpu_number(cpu), ri->key, val)) {
        qemu_log_mask(LOG_UNIMP, "GICv3 CPU interface: %s not written\n",
                      ri->name);
    }
}

/* ------------------------------------------------------------- debug */

static void oslar_write(CPUARMState *env, const ArmSysRegInfo *ri,
                        uint64_t val)
{
    env->sr.oslsr_el1 = (env->sr.oslsr_el1 & ~(uint64_t)OSLSR_OSLK) |
                        ((val & 1) ? OSLSR_OSLK : 0);
}

static uint64_t oslsr_read(CPUARMState *env, const ArmSysRegInfo *ri)
{
    return (env->sr.oslsr_el1 & OSLSR_OSLK) | OSLSR_OSLM1;
}

static void osdlr_write(CPUARMState *env, const ArmSysRegInfo *ri,
                        uint64_t val)
{
    env->sr.osdlr_el1 = val & 1;
}

static void mdscr_write(CPUARMState *env, const ArmSysRegInfo *ri,
                        uint64_t val)
{
    /* SS, TDCC, KDE, HDE, MDE, TXU/RXO... all kept as written (32 bits) */
    env->sr.mdscr_el1 = (uint32_t)val;
}

/* ---------------------------------------------------------------- PMU */

static ArmSRAccess access_pmu_el0(CPUARMState *env, uint32_t need)
{
    uint32_t en = (uint32_t)env->sr.pmu[PMU_USERENR];

    if (cur_el(env) != 0 || (en & PMUSERENR_EN) || (en & need)) {
        return ARM_SR_ACCESS_OK;
    }
    return ARM_SR_ACCESS_TRAP;
}

static ArmSRAccess access_pmu(CPUARMState *env, const ArmSysRegInfo *ri,
                              bool isread)
{
    return access_pmu_el0(env, 0);
}

static ArmSRAccess access_pmu_cr(CPUARMState *env, const ArmSysRegInfo *ri,
                                 bool isread)
{
    return access_pmu_el0(env, isread ? PMUSERENR_CR : 0);
}

static ArmSRAccess access_pmu_sw(CPUARMState *env, const ArmSysRegInfo *ri,
                                 bool isread)
{
    return access_pmu_el0(env, PMUSERENR_SW);
}

static ArmSRAccess access_pmu_er(CPUARMState *env, const ArmSysRegInfo *ri,
                                 bool isread)
{
    return access_pmu_el0(env, isread ? PMUSERENR_ER : 0);
}

static ArmSRAccess access_pmuserenr(CPUARMState *env,
                                    const ArmSysRegInfo *ri, bool isread)
{
    return (cur_el(env) == 0 && !isread) ? ARM_SR_ACCESS_UNDEF
                                         : ARM_SR_ACCESS_OK;
}

/* PMCR_EL0: IMP from MIDR, IDCODE 0, N = 0 event counters. */
static uint64_t pmcr_read(CPUARMState *env, const ArmSysRegInfo *ri)
{
    return (cpu_of(env)->ids.midr & 0xff000000u) |
           (env->sr.pmu[PMU_PMCR] & 0x79);          /* E D X DP LC */
}

static void pmcr_write(CPUARMState *env, const ArmSysRegInfo *ri,
                       uint64_t val)
{
    if (val & (1u << 2)) {                          /* C: reset PMCCNTR */
        env->sr.pmu[PMU_CCNTR] = 0;
    }
    env->sr.pmu[PMU_PMCR] = val & 0x79;
}

static uint64_t pmu_bits_read(CPUARMState *env, const ArmSysRegInfo *ri)
{
    return *field_ptr(env, ri);
}

static void pmu_set_write(CPUARMState *env, const ArmSysRegInfo *ri,
                          uint64_t val)
{
    *field_ptr(env, ri) |= val & PMU_C_BIT;
}

static void pmu_clr_write(CPUARMState *env, const ArmSysRegInfo *ri,
                          uint64_t val)
{
    *field_ptr(env, ri) &= ~(val & PMU_C_BIT);
}

static void pmselr_write(CPUARMState *env, const ArmSysRegInfo *ri,
                         uint64_t val)
{
    env->sr.pmu[PMU_SELR] = val & 0x1f;
}

static void pmuserenr_write(CPUARMState *env, const ArmSysRegInfo *ri,
                            uint64_t val)
{
    env->sr.pmu[PMU_USERENR] = val & 0xf;
}

static void pmccfiltr_write(CPUARMState *env, const ArmSysRegInfo *ri,
                            uint64_t val)
{
    env->sr.pmu[PMU_CCFILTR] = val & 0xfc000000u;   /* P U NSK NSU NSH M */
}

/* PMXEVTYPER_EL0 reaches PMCCFILTR_EL0 when PMSELR_EL0.SEL is 31. */
static uint64_t pmxevtyper_read(CPUARMState *env, const ArmSysRegInfo *ri)
{
    return env->sr.pmu[PMU_SELR] == 31 ? env->sr.pmu[PMU_CCFILTR] : 0;
}

static void pmxevtyper_write(CPUARMState *env, const ArmSysRegInfo *ri,
                             uint64_t val)
{
    if (env->sr.pmu[PMU_SELR] == 31) {
        pmccfiltr_write(env, ri, val);
    }
}

/* -------------------------------------------------- DC, IC, AT, TLBI */

/* DC ZVA: zero the naturally aligned block DCZID_EL0.BS describes. */
static void dc_zva_write(CPUARMState *env, const ArmSysRegInfo *ri,
                         uint64_t val)
{
    ARMCPU *cpu = cpu_of(env);
    unsigned bytes = 4u << (cpu->ids.dczid & 0xf);
    unsigned idx = arm_mmu_idx(env);
    uint64_t addr;
    void *host;
    unsigned i;

    if (bytes > TLB_PAGE_SIZE) {
        bytes = TLB_PAGE_SIZE;
    }
    addr = val & ~(uint64_t)(bytes - 1);
    host = probe_access(env, addr, bytes, MMU_DATA_STORE, idx, 0);
    if (host) {
        memset(host, 0, bytes);
        return;
    }
    for (i = 0; i < bytes; i += 8) {
        cpu_stq_mmu(env, addr + i, 0, make_memop_idx(MO_64 | MO_LE, idx), 0);
    }
}

static bool at_phys_read64(void *opaque, uint64_t pa, uint64_t *val)
{
    uint8_t b[8];
    uint64_t v = 0;
    int i;

    if (address_space_read(opaque, pa, b, 8) != MEMTX_OK) {
        return false;
    }
    for (i = 7; i >= 0; i--) {
        v = v << 8 | b[i];
    }
    *val = v;
    return true;
}

/*
 * AT S1E1R/W, S1E0R/W, S1E1RP/WP: a stage 1 walk whose result goes to
 * PAR_EL1 (Arm ARM D17.2, PAR_EL1): PA[47:12], SH, NS, ATTR on success;
 * F = 1 and FST on a fault.  No exception is taken for a stage 1 fault.
 */
static void at_write(CPUARMState *env, const ArmSysRegInfo *ri, uint64_t val)
{
    ARMCPU *cpu = cpu_of(env);
    unsigned crm = KEY_CRM(ri->key), op2 = KEY_OP2(ri->key);
    ArmMMUState st = env->mmu;
    ArmMMUAccess acc = {
        .va = val,
        .type = (op2 & 1) ? ARM_MMU_STORE : ARM_MMU_LOAD,
        .el = (crm == 8 && op2 >= 2) ? 0 : 1,
    };
    ArmMMUPhys phys = { at_phys_read64, NULL, arm_cpu_as(cpu) };
    ArmMMUResult res;
    uint64_t par;
    unsigned sh;

    st.pan = (crm == 9) ? env->excp.pan : false;
    st.uao = false;
    memset(&res, 0, sizeof(res));
    if (arm_mmu_translate(&st, &acc, &phys, &res)) {
        sh = res.sh;
        /* Device and Normal Non-cacheable memory report Outer Shareable */
        if ((res.mair_attr & 0xf0) == 0 || res.mair_attr == 0x44) {
            sh = 2;
        }
        par = (res.pa & 0x0000fffffffff000ULL) | (uint64_t)sh << 7 |
              1ULL << 9 | 1ULL << 11 | (uint64_t)res.mair_attr << 56;
    } else {
        par = 1 | (uint64_t)(res.fault.fsc & 0x3f) << 1 | 1ULL << 11;
    }
    env->sr.par_el1 = par;
}

/* The VA of a TLBI by VA: Xt[43:0] = VA[55:12], sign-extended from 55. */
static uint64_t tlbi_va(uint64_t val)
{
    uint64_t va = (val & ((1ULL << 44) - 1)) << 12;

    return (uint64_t)((int64_t)(va << 8) >> 8);
}

static void tlbi_all_write(CPUARMState *env, const ArmSysRegInfo *ri,
                           uint64_t val)
{
    arm_tlb_flush_local(env);
}

static void tlbi_all_is_write(CPUARMState *env, const ArmSysRegInfo *ri,
                              uint64_t val)
{
    tlb_flush_by_mmuidx_all_cpus_synced(env_cpu(env), ARM_MMU_IDXMAP_ALL);
}

/*
 * TLBI ASIDE1: the non-global entries of one ASID.  The TLB holds
 * non-global entries of the ASID in use only (mmu_reg_write drops them
 * at every switch), so dropping every non-global entry is enough.
 */
static void tlbi_asid_write(CPUARMState *env, const ArmSysRegInfo *ri,
                            uint64_t val)
{
    tlb_flush_masked_by_mmuidx(env_cpu(env), ARM_MMU_IDXMAP_ALL, 0, 0, true);
}

static void tlbi_asid_is_write(CPUARMState *env, const ArmSysRegInfo *ri,
                               uint64_t val)
{
    tlb_flush_masked_by_mmuidx_all_cpus_synced(env_cpu(env),
                                               ARM_MMU_IDXMAP_ALL, 0, 0, true);
}

static void tlbi_va_write(CPUARMState *env, const ArmSysRegInfo *ri,
                          uint64_t val)
{
    tlb_flush_page_bits_by_mmuidx(env_cpu(env), tlbi_va(val),
                                  ARM_MMU_IDXMAP_ALL, 56);
}

static void tlbi_va_is_write(CPUARMState *env, const ArmSysRegInfo *ri,
                             uint64_t val)
{
    tlb_flush_page_bits_by_mmuidx_all_cpus_synced(env_cpu(env), tlbi_va(val),
                                                  ARM_MMU_IDXMAP_ALL, 56);
}

/* -------------------------------------------------------- the table */

typedef struct SysRegTemplate {
    ArmSysRegInfo ri;
    uint8_t feat;
} SysRegTemplate;

#define K(op0, op1, crn, crm, op2)  SYSREG_KEY(op0, op1, crn, crm, op2)
#define NO_FIELD    ((ptrdiff_t)-1)

/* A plain 64-bit field of env. */
#define R_FIELD(nm, key, el, fl, f) \
    { { nm, key, el, fl, SR_FIELD(f), 0, NULL, NULL, NULL }, FEAT_ALWAYS }
/* A field with a write callback (read is a plain load too). */
#define R_FIELD_W(nm, key, el, fl, f, wr) \
    { { nm, key, el, fl, SR_FIELD(f), 0, read_field, wr, NULL }, FEAT_ALWAYS }
/* Callbacks only. */
#define R_CB(nm, key, el, fl, rd, wr, acc) \
    { { nm, key, el, fl, NO_FIELD, 0, rd, wr, acc }, FEAT_ALWAYS }
#define R_CB_F(nm, key, el, fl, rd, wr, acc, feat) \
    { { nm, key, el, fl, NO_FIELD, 0, rd, wr, acc }, feat }
/* A constant; ID values are filled in from cpu->ids by build_table(). */
#define R_CONST(nm, key, el, val) \
    { { nm, key, el, ARM_SR_RO | ARM_SR_CONST, NO_FIELD, val, read_const, \
        NULL, NULL }, FEAT_ALWAYS }
/* A NOP: writes ignored, reads 0. */
#define R_NOP(nm, key, el, fl, acc) \
    { { nm, key, el, ARM_SR_NOP | (fl), NO_FIELD, 0, read_zero, \
        write_ignore, acc }, FEAT_ALWAYS }
#define R_NOP_F(nm, key, el, fl, acc, feat) \
    { { nm, key, el, ARM_SR_NOP | (fl), NO_FIELD, 0, read_zero, \
        write_ignore, acc }, feat }
/* A SYS instruction with a callback. */
#define R_SYS(nm, key, el, fl, wr, acc) \
    { { nm, key, el, ARM_SR_WO | (fl), NO_FIELD, 0, NULL, wr, acc }, \
      FEAT_ALWAYS }
#define R_PMU(nm, key, el, fl, f, rd, wr, acc) \
    { { nm, key, el, fl, SR_FIELD(f), 0, rd, wr, acc }, FEAT_PMU }

#define RO  ARM_SR_RO
#define WO  ARM_SR_WO
#define IO  ARM_SR_IO
#define ETB ARM_SR_END_TB
#define EL0 ARM_SR_ACCESS_EL0

static const SysRegTemplate sysreg_templates[] = {
    /* PSTATE and the special-purpose registers */
    R_CB("NZCV", K(3, 3, 4, 2, 0), 0, 0, nzcv_read, nzcv_write, NULL),
    R_CB("DAIF", K(3, 3, 4, 2, 1), 0, ETB | EL0, daif_read, daif_write,
         access_uma),
    R_CB("CurrentEL", K(3, 0, 4, 2, 2), 1, RO, currentel_read, NULL, NULL),
    R_CB("SPSel", K(3, 0, 4, 2, 0), 1, ETB, spsel_read, spsel_write, NULL),
    R_CB_F("PAN", K(3, 0, 4, 2, 3), 1, ETB, pan_read, pan_write, NULL,
           FEAT_PAN),
    R_CB_F("UAO", K(3, 0, 4, 2, 4), 1, ETB, uao_read, uao_write, NULL,
           FEAT_UAO),
    R_FIELD("SP_EL0", K(3, 0, 4, 1, 0), 1, 0, excp.sp_el[0]),
    R_FIELD("SPSR_EL1", K(3, 0, 4, 0, 0), 1, 0, excp.spsr_el1),
    R_FIELD("ELR_EL1", K(3, 0, 4, 0, 1), 1, 0, excp.elr_el1),
    R_CB("FPCR", K(3, 3, 4, 4, 0), 0, ARM_SR_FP, fpcr_read, fpcr_write,
         NULL),
    R_CB("FPSR", K(3, 3, 4, 4, 1), 0, ARM_SR_FP, fpsr_read, fpsr_write,
         NULL),
    { { "CTR_EL0", K(3, 3, 0, 0, 1), 0, RO | ARM_SR_CONST | EL0, NO_FIELD,
        0, read_const, NULL, access_uct }, FEAT_ALWAYS },
    R_CB("DCZID_EL0", K(3, 3, 0, 0, 7), 0, RO, dczid_read, NULL, NULL),
    R_FIELD("TPIDR_EL0", K(3, 3, 13, 0, 2), 0, 0, tpidr_el0),
    { { "TPIDRRO_EL0", K(3, 3, 13, 0, 3), 0, EL0, SR_FIELD(tpidrro_el0), 0,
        NULL, NULL, access_tpidrro }, FEAT_ALWAYS },
    R_FIELD("TPIDR_EL1", K(3, 0, 13, 0, 4), 1, 0, sr.tpidr_el1),

    /* the memory system and exception registers */
    R_FIELD_W("SCTLR_EL1", K(3, 0, 1, 0, 0), 1, ETB, excp.sctlr_el1,
              sctlr_write),
    R_FIELD("ACTLR_EL1", K(3, 0, 1, 0, 1), 1, 0, sr.actlr_el1),
    R_FIELD_W("CPACR_EL1", K(3, 0, 1, 0, 2), 1, ETB, sr.cpacr_el1,
              cpacr_write),
    R_FIELD_W("TTBR0_EL1", K(3, 0, 2, 0, 0), 1, ETB, mmu.ttbr0,
              mmu_reg_write),
    R_FIELD_W("TTBR1_EL1", K(3, 0, 2, 0, 1), 1, ETB, mmu.ttbr1,
              mmu_reg_write),
    R_FIELD_W("TCR_EL1", K(3, 0, 2, 0, 2), 1, ETB, mmu.tcr, tcr_write),
    R_FIELD("AFSR0_EL1", K(3, 0, 5, 1, 0), 1, 0, sr.afsr0_el1),
    R_FIELD("AFSR1_EL1", K(3, 0, 5, 1, 1), 1, 0, sr.afsr1_el1),
    R_FIELD("ESR_EL1", K(3, 0, 5, 2, 0), 1, 0, excp.esr_el1),
    R_FIELD("FAR_EL1", K(3, 0, 6, 0, 0), 1, 0, excp.far_el1),
    R_FIELD("PAR_EL1", K(3, 0, 7, 4, 0), 1, 0, sr.par_el1),
    R_FIELD_W("MAIR_EL1", K(3, 0, 10, 2, 0), 1, 0, mmu.mair,
              mmu_reg_write),
    R_FIELD("AMAIR_EL1", K(3, 0, 10, 3, 0), 1, 0, sr.amair_el1),
    R_FIELD_W("VBAR_EL1", K(3, 0, 12, 0, 0), 1, 0, excp.vbar_el1,
              vbar_write),
    R_FIELD_W("CONTEXTIDR_EL1", K(3, 0, 13, 0, 1), 1, 0, sr.contextidr_el1,
              low32_write),
    R_CB("CCSIDR_EL1", K(3, 1, 0, 0, 0), 1, RO, ccsidr_read, NULL, NULL),
    R_CONST("CLIDR_EL1", K(3, 1, 0, 0, 1), 1, 0),
    R_CONST("AIDR_EL1", K(3, 1, 0, 0, 7), 1, 0),
    R_FIELD_W("CSSELR_EL1", K(3, 2, 0, 0, 0), 1, 0, sr.csselr_el1,
              csselr_write),

    /* identification (the rest of the ID space is generated) */
    R_CONST("MIDR_EL1", K(3, 0, 0, 0, 0), 1, 0),
    R_CB("MPIDR_EL1", K(3, 0, 0, 0, 5), 1, RO, mpidr_read, NULL, NULL),
    R_CONST("REVIDR_EL1", K(3, 0, 0, 0, 6), 1, 0),

    /* the generic timer */
    R_CB("CNTKCTL_EL1", K(3, 0, 14, 1, 0), 1, IO, gt_read, gt_write, NULL),
    R_CB("CNTFRQ_EL0", K(3, 3, 14, 0, 0), 0, IO | EL0, gt_read, gt_write,
         access_gt),
    /*
     * The counters are read without the global lock: reading them only
     * reads the virtual clock, which has its own lock (Linux's
     * sched_clock reads CNTVCT_EL0 very often).
     */
    R_CB("CNTPCT_EL0", K(3, 3, 14, 0, 1), 0, RO | EL0, gt_read, NULL,
         access_gt),
    R_CB("CNTVCT_EL0", K(3, 3, 14, 0, 2), 0, RO | EL0, gt_read, NULL,
         access_gt),
    R_CB("CNTP_TVAL_EL0", K(3, 3, 14, 2, 0), 0, IO | EL0, gt_read, gt_write,
         access_gt),
    R_CB("CNTP_CTL_EL0", K(3, 3, 14, 2, 1), 0, IO | EL0, gt_read, gt_write,
         access_gt),
    R_CB("CNTP_CVAL_EL0", K(3, 3, 14, 2, 2), 0, IO | EL0, gt_read, gt_write,
         access_gt),
    R_CB("CNTV_TVAL_EL0", K(3, 3, 14, 3, 0), 0, IO | EL0, gt_read, gt_write,
         access_gt),
    R_CB("CNTV_CTL_EL0", K(3, 3, 14, 3, 1), 0, IO | EL0, gt_read, gt_write,
         access_gt),
    R_CB("CNTV_CVAL_EL0", K(3, 3, 14, 3, 2), 0, IO | EL0, gt_read, gt_write,
         access_gt),

    /* debug (DBGB/DBGW registers are generated) */
    R_NOP("OSDTRRX_EL1", K(2, 0, 0, 0, 2), 1, 0, NULL),
    R_FIELD("MDCCINT_EL1", K(2, 0, 0, 2, 0), 1, 0, sr.mdccint_el1),
    R_FIELD_W("MDSCR_EL1", K(2, 0, 0, 2, 2), 1, ETB, sr.mdscr_el1,
              mdscr_write),
    R_NOP("OSDTRTX_EL1", K(2, 0, 0, 3, 2), 1, 0, NULL),
    R_NOP("OSECCR_EL1", K(2, 0, 0, 6, 2), 1, 0, NULL),
    R_CONST("MDRAR_EL1", K(2, 0, 1, 0, 0), 1, 0),
    R_CB("OSLAR_EL1", K(2, 0, 1, 0, 4), 1, WO, NULL, oslar_write, NULL),
    R_CB("OSLSR_EL1", K(2, 0, 1, 1, 4), 1, RO, oslsr_read, NULL, NULL),
    R_FIELD_W("OSDLR_EL1", K(2, 0, 1, 3, 4), 1, 0, sr.osdlr_el1,
              osdlr_write),
    R_NOP("DBGPRCR_EL1", K(2, 0, 1, 4, 4), 1, 0, NULL),
    R_NOP("DBGCLAIMSET_EL1", K(2, 0, 7, 8, 6), 1, 0, NULL),
    R_NOP("DBGCLAIMCLR_EL1", K(2, 0, 7, 9, 6), 1, 0, NULL),
    R_CONST("DBGAUTHSTATUS_EL1", K(2, 0, 7, 14, 6), 1, 0),
    { { "MDCCSR_EL0", K(2, 3, 0, 1, 0), 0, RO | ARM_SR_CONST | EL0,
        NO_FIELD, 0, read_const, NULL, access_dcc }, FEAT_ALWAYS },
    R_NOP("DBGDTR_EL0", K(2, 3, 0, 4, 0), 0, EL0, access_dcc),
    R_NOP("DBGDTRRX_EL0", K(2, 3, 0, 5, 0), 0, EL0, access_dcc),

    /* the PMU, inert: PMCR_EL0.N = 0, only the cycle counter's bits */
    R_PMU("PMINTENSET_EL1", K(3, 0, 9, 14, 1), 1, 0, sr.pmu[PMU_INTEN],
          pmu_bits_read, pmu_set_write, NULL),
    R_PMU("PMINTENCLR_EL1", K(3, 0, 9, 14, 2), 1, 0, sr.pmu[PMU_INTEN],
          pmu_bits_read, pmu_clr_write, NULL),
    R_PMU("PMCR_EL0", K(3, 3, 9, 12, 0), 0, EL0, sr.pmu[PMU_PMCR],
          pmcr_read, pmcr_write, access_pmu),
    R_PMU("PMCNTENSET_EL0", K(3, 3, 9, 12, 1), 0, EL0, sr.pmu[PMU_CNTEN],
          pmu_bits_read, pmu_set_write, access_pmu),
    R_PMU("PMCNTENCLR_EL0", K(3, 3, 9, 12, 2), 0, EL0, sr.pmu[PMU_CNTEN],
          pmu_bits_read, pmu_clr_write, access_pmu),
    R_PMU("PMOVSCLR_EL0", K(3, 3, 9, 12, 3), 0, EL0, sr.pmu[PMU_OVS],
          pmu_bits_read, pmu_clr_write, access_pmu),
    { { "PMSWINC_EL0", K(3, 3, 9, 12, 4), 0, WO | ARM_SR_NOP | EL0,
        NO_FIELD, 0, NULL, write_ignore, access_pmu_sw }, FEAT_PMU },
    R_PMU("PMSELR_EL0", K(3, 3, 9, 12, 5), 0, EL0, sr.pmu[PMU_SELR],
          pmu_bits_read, pmselr_write, access_pmu_er),
    { { "PMCEID0_EL0", K(3, 3, 9, 12, 6), 0, RO | ARM_SR_CONST | EL0,
        NO_FIELD, 0, read_const, NULL, access_pmu }, FEAT_PMU },
    { { "PMCEID1_EL0", K(3, 3, 9, 12, 7), 0, RO | ARM_SR_CONST | EL0,
        NO_FIELD, 0, read_const, NULL, access_pmu }, FEAT_PMU },
    R_PMU("PMCCNTR_EL0", K(3, 3, 9, 13, 0), 0, EL0, sr.pmu[PMU_CCNTR],
          NULL, NULL, access_pmu_cr),
    { { "PMXEVTYPER_EL0", K(3, 3, 9, 13, 1), 0, EL0, NO_FIELD, 0,
        pmxevtyper_read, pmxevtyper_write, access_pmu }, FEAT_PMU },
    { { "PMXEVCNTR_EL0", K(3, 3, 9, 13, 2), 0, ARM_SR_NOP | EL0, NO_FIELD,
        0, read_zero, write_ignore, access_pmu_er }, FEAT_PMU },
    R_PMU("PMUSERENR_EL0", K(3, 3, 9, 14, 0), 0, EL0, sr.pmu[PMU_USERENR],
          pmu_bits_read, pmuserenr_write, access_pmuserenr),
    R_PMU("PMOVSSET_EL0", K(3, 3, 9, 14, 3), 0, EL0, sr.pmu[PMU_OVS],
          pmu_bits_read, pmu_set_write, access_pmu),
    R_PMU("PMCCFILTR_EL0", K(3, 3, 14, 15, 7), 0, EL0, sr.pmu[PMU_CCFILTR],
          pmu_bits_read, pmccfiltr_write, access_pmu),

    /* cache maintenance: NOPs (the TLB catches stores to code) */
    R_NOP("IC IALLUIS", K(1, 0, 7, 1, 0), 1, WO, NULL),
    R_NOP("IC IALLU", K(1, 0, 7, 5, 0), 1, WO, NULL),
    R_NOP("IC IVAU", K(1, 3, 7, 5, 1), 0, WO | EL0, access_uci),
    R_NOP("DC IVAC", K(1, 0, 7, 6, 1), 1, WO, NULL),
    R_NOP("DC ISW", K(1, 0, 7, 6, 2), 1, WO, NULL),
    R_NOP("DC CSW", K(1, 0, 7, 10, 2), 1, WO, NULL),
    R_NOP("DC CISW", K(1, 0, 7, 14, 2), 1, WO, NULL),
    R_NOP("DC CVAC", K(1, 3, 7, 10, 1), 0, WO | EL0, access_uci),
    R_NOP("DC CVAU", K(1, 3, 7, 11, 1), 0, WO | EL0, access_uci),
    R_NOP_F("DC CVAP", K(1, 3, 7, 12, 1), 0, WO | EL0, access_uci,
            FEAT_DPB),
    R_NOP_F("DC CVADP", K(1, 3, 7, 13, 1), 0, WO | EL0, access_uci,
            FEAT_DPB2),
    R_NOP("DC CIVAC", K(1, 3, 7, 14, 1), 0, WO | EL0, access_uci),
    R_SYS("DC ZVA", K(1, 3, 7, 4, 1), 0, EL0, dc_zva_write, access_dze),

    /* address translation */
    R_SYS("AT S1E1R", K(1, 0, 7, 8, 0), 1, 0, at_write, NULL),
    R_SYS("AT S1E1W", K(1, 0, 7, 8, 1), 1, 0, at_write, NULL),
    R_SYS("AT S1E0R", K(1, 0, 7, 8, 2), 1, 0, at_write, NULL),
    R_SYS("AT S1E0W", K(1, 0, 7, 8, 3), 1, 0, at_write, NULL),
    { { "AT S1E1RP", K(1, 0, 7, 9, 0), 1, WO, NO_FIELD, 0, NULL, at_write,
        NULL }, FEAT_PAN2 },
    { { "AT S1E1WP", K(1, 0, 7, 9, 1), 1, WO, NO_FIELD, 0, NULL, at_write,
        NULL }, FEAT_PAN2 },

    /*
     * TLB maintenance: the TLB holds the non-global entries of the ASID
     * in use only, so by VA with an ASID = by VA for all ASIDs.
     */
    R_SYS("TLBI VMALLE1IS", K(1, 0, 8, 3, 0), 1, ETB, tlbi_all_is_write,
          NULL),
    R_SYS("TLBI VAE1IS", K(1, 0, 8, 3, 1), 1, ETB, tlbi_va_is_write, NULL),
    R_SYS("TLBI ASIDE1IS", K(1, 0, 8, 3, 2), 1, ETB, tlbi_asid_is_write,
          NULL),
    R_SYS("TLBI VAAE1IS", K(1, 0, 8, 3, 3), 1, ETB, tlbi_va_is_write, NULL),
    R_SYS("TLBI VALE1IS", K(1, 0, 8, 3, 5), 1, ETB, tlbi_va_is_write, NULL),
    R_SYS("TLBI VAALE1IS", K(1, 0, 8, 3, 7), 1, ETB, tlbi_va_is_write,
          NULL),
    R_SYS("TLBI VMALLE1", K(1, 0, 8, 7, 0), 1, ETB, tlbi_all_write, NULL),
    R_SYS("TLBI VAE1", K(1, 0, 8, 7, 1), 1, ETB, tlbi_va_write, NULL),
    R_SYS("TLBI ASIDE1", K(1, 0, 8, 7, 2), 1, ETB, tlbi_asid_write, NULL),
    R_SYS("TLBI VAAE1", K(1, 0, 8, 7, 3), 1, ETB, tlbi_va_write, NULL),
    R_SYS("TLBI VALE1", K(1, 0, 8, 7, 5), 1, ETB, tlbi_va_write, NULL),
    R_SYS("TLBI VAALE1", K(1, 0, 8, 7, 7), 1, ETB, tlbi_va_write, NULL),
};

/* The GICv3 CPU interface registers (Arm GICv3 spec, 12.2). */
static const struct {
    const char *name;
    uint32_t key;
    uint8_t flags;
} icc_regs[] = {
    { "ICC_PMR_EL1", K(3, 0, 4, 6, 0), 0 },
    { "ICC_IAR0_EL1", K(3, 0, 12, 8, 0), RO },
    { "ICC_EOIR0_EL1", K(3, 0, 12, 8, 1), WO },
    { "ICC_HPPIR0_EL1", K(3, 0, 12, 8, 2), RO },
    { "ICC_BPR0_EL1", K(3, 0, 12, 8, 3), 0 },
    { "ICC_AP0R0_EL1", K(3, 0, 12, 8, 4), 0 },
    { "ICC_AP0R1_EL1", K(3, 0, 12, 8, 5), 0 },
    { "ICC_AP0R2_EL1", K(3, 0, 12, 8, 6), 0 },
    { "ICC_AP0R3_EL1", K(3, 0, 12, 8, 7), 0 },
    { "ICC_AP1R0_EL1", K(3, 0, 12, 9, 0), 0 },
    { "ICC_AP1R1_EL1", K(3, 0, 12, 9, 1), 0 },
    { "ICC_AP1R2_EL1", K(3, 0, 12, 9, 2), 0 },
    { "ICC_AP1R3_EL1", K(3, 0, 12, 9, 3), 0 },
    { "ICC_DIR_EL1", K(3, 0, 12, 11, 1), WO },
    { "ICC_RPR_EL1", K(3, 0, 12, 11, 3), RO },
    { "ICC_SGI1R_EL1", K(3, 0, 12, 11, 5), WO },
    { "ICC_ASGI1R_EL1", K(3, 0, 12, 11, 6), WO },
    { "ICC_SGI0R_EL1", K(3, 0, 12, 11, 7), WO },
    { "ICC_IAR1_EL1", K(3, 0, 12, 12, 0), RO },
    { "ICC_EOIR1_EL1", K(3, 0, 12, 12, 1), WO },
    { "ICC_HPPIR1_EL1", K(3, 0, 12, 12, 2), RO },
    { "ICC_BPR1_EL1", K(3, 0, 12, 12, 3), 0 },
    { "ICC_CTLR_EL1", K(3, 0, 12, 12, 4), 0 },
    { "ICC_SRE_EL1", K(3, 0, 12, 12, 5), 0 },
    { "ICC_IGRPEN0_EL1", K(3, 0, 12, 12, 6), 0 },
    { "ICC_IGRPEN1_EL1", K(3, 0, 12, 12, 7), 0 },
};

/* The breakpoint and watchpoint registers, n = 0..15. */
static const char *const dbg_names[4][16] = {
#define DBG16(p, s) { p "0" s, p "1" s, p "2" s, p "3" s, p "4" s, p "5" s, \
        p "6" s, p "7" s, p "8" s, p "9" s, p "10" s, p "11" s, p "12" s, \
        p "13" s, p "14" s, p "15" s }
    DBG16("DBGBVR", "_EL1"), DBG16("DBGBCR", "_EL1"),
    DBG16("DBGWVR", "_EL1"), DBG16("DBGWCR", "_EL1"),
#undef DBG16
};

typedef struct SysRegTable {
    ARMCPU *cpu;
    ArmSysRegInfo *regs;
    size_t n;
    struct SysRegTable *next;
} SysRegTable;

static SysRegTable *sysreg_tables;
static pthread_mutex_t sysreg_lock = PTHREAD_MUTEX_INITIALIZER;

static int cmp_key(const void *a, const void *b)
{
    const ArmSysRegInfo *x = a, *y = b;

    return x->key < y->key ? -1 : x->key > y->key;
}

static void table_add(ArmSysRegInfo *regs, size_t *n, size_t cap,
                      const ArmSysRegInfo *ri)
{
    if (*n >= cap) {
        fprintf(stderr, "sysreg-a64: table overflow at %s\n", ri->name);
        abort();
    }
    regs[(*n)++] = *ri;
}

static ArmSysRegInfo *build_table(ARMCPU *cpu, size_t *np)
{
    const ArmSysRegIDs *ids = &cpu->ids;
    size_t cap = 512, n = 0, i;
    ArmSysRegInfo *regs = calloc(cap, sizeof(*regs));
    ArmSysRegInfo ri;
    unsigned crm, op2, brps, wrps;

    if (!regs) {
        fprintf(stderr, "sysreg-a64: out of memory\n");
        abort();
    }
    for (i = 0; i < sizeof(sysreg_templates) / sizeof(sysreg_templates[0]);
         i++) {
        if (!model_has(ids, sysreg_templates[i].feat)) {
            continue;
        }
        ri = sysreg_templates[i].ri;
        switch (ri.key) {
        case K(3, 0, 0, 0, 0):
            ri.resetvalue = ids->midr;
            break;
        case K(3, 0, 0, 0, 6):
            ri.resetvalue = ids->revidr;
            break;
        case K(3, 3, 0, 0, 1):
            ri.resetvalue = ids->ctr;
            break;
        case K(3, 3, 0, 0, 7):
            ri.resetvalue = ids->dczid & 0xf;
            break;
        case K(3, 1, 0, 0, 1):
            ri.resetvalue = ids->clidr;
            break;
        default:
            break;
        }
        table_add(regs, &n, cap, &ri);
    }

    /* The ID space: op0=3 op1=0 CRn=0 CRm=1..7, every op2. */
    for (crm = 1; crm < 8; crm++) {
        for (op2 = 0; op2 < 8; op2++) {
            memset(&ri, 0, sizeof(ri));
            ri.name = id_names[crm][op2];
            if (!ri.name) {
                ri.name = id_raz_names[crm][op2];
            }
            ri.key = K(3, 0, 0, crm, op2);
            ri.minel = 1;
            ri.fieldoffset = NO_FIELD;
            if (crm == 4 && op2 == 0) {
                ri.flags = RO;          /* GIC field: depends on wiring */
                ri.read = pfr0_read;
            } else {
                ri.flags = RO | ARM_SR_CONST;
                ri.resetvalue = id_value(ids, crm, op2);
                ri.read = read_const;
            }
            table_add(regs, &n, cap, &ri);
        }
    }

    /* Breakpoints and watchpoints, as many as ID_AA64DFR0 advertises. */
    brps = id_field(ids->id_aa64dfr0, 12) + 1;
    wrps = id_field(ids->id_aa64dfr0, 20) + 1;
    if (brps > 8 || wrps > 8) {
        fprintf(stderr, "sysreg-a64: model has too many breakpoints\n");
        abort();
    }
    for (i = 0; i < 8; i++) {
        memset(&ri, 0, sizeof(ri));
        ri.minel = 1;
        if (i < brps) {
            ri.name = dbg_names[0][i];
            ri.key = K(2, 0, 0, i, 4);
            ri.fieldoffset = SR_FIELD(sr.dbg[DBG_BVR(i)]);
            table_add(regs, &n, cap, &ri);
            ri.name = dbg_names[1][i];
            ri.key = K(2, 0, 0, i, 5);
            ri.fieldoffset = SR_FIELD(sr.dbg[DBG_BCR(i)]);
            table_add(regs, &n, cap, &ri);
        }
        if (i < wrps) {
            ri.name = dbg_names[2][i];
            ri.key = K(2, 0, 0, i, 6);
            ri.fieldoffset = SR_FIELD(sr.dbg[DBG_WVR(i)]);
            table_add(regs, &n, cap, &ri);
            ri.name = dbg_names[3][i];
            ri.key = K(2, 0, 0, i, 7);
            ri.fieldoffset = SR_FIELD(sr.dbg[DBG_WCR(i)]);
            table_add(regs, &n, cap, &ri);
        }
    }

    /* The GICv3 CPU interface: UNDEFINED unless the board answers. */
    for (i = 0; i < sizeof(icc_regs) / sizeof(icc_regs[0]); i++) {
        memset(&ri, 0, sizeof(ri));
        ri.name = icc_regs[i].name;
        ri.key = icc_regs[i].key;
        ri.minel = 1;
        ri.flags = icc_regs[i].flags | IO | ETB;
        ri.fieldoffset = NO_FIELD;
        ri.read = (ri.flags & WO) ? NULL : icc_read;
        ri.write = (ri.flags & RO) ? NULL : icc_write;
        ri.access = access_icc;
        table_add(regs, &n, cap, &ri);
    }

    qsort(regs, n, sizeof(*regs), cmp_key);
    for (i = 1; i < n; i++) {
        if (regs[i].key == regs[i - 1].key) {
            fprintf(stderr, "sysreg-a64: %s and %s share a key\n",
                    regs[i - 1].name, regs[i].name);
            abort();
        }
    }
    *np = n;
    return regs;
}

static SysRegTable *table_lookup(ARMCPU *cpu)
{
    SysRegTable *t;

    for (t = __atomic_load_n(&sysreg_tables, __ATOMIC_ACQUIRE); t;
         t = t->next) {
        if (t->cpu == cpu) {
            return t;
        }
    }
    return NULL;
}

static void init_raz_names(void)
{
    unsigned crm, op2;

    for (crm = 1; crm < 8; crm++) {
        for (op2 = 0; op2 < 8; op2++) {
            snprintf(id_raz_names[crm][op2], sizeof(id_raz_names[0][0]),
                     "S3_0_C0_C%u_%u", crm, op2);
        }
    }
}

static SysRegTable *table_get(ARMCPU *cpu)
{
    static pthread_once_t names_once = PTHREAD_ONCE_INIT;
    SysRegTable *t = table_lookup(cpu);

    if (t) {
        return t;
    }
    pthread_once(&names_once, init_raz_names);
    pthread_mutex_lock(&sysreg_lock);
    t = table_lookup(cpu);
    if (!t) {
        t = calloc(1, sizeof(*t));
        if (!t) {
            fprintf(stderr, "sysreg-a64: out of memory\n");
            abort();
        }
        t->cpu = cpu;
        t->regs = build_table(cpu, &t->n);
        t->next = sysreg_tables;
        __atomic_store_n(&sysreg_tables, t, __ATOMIC_RELEASE);
    }
    pthread_mutex_unlock(&sysreg_lock);
    return t;
}

void arm_sysreg_init(ARMCPU *cpu)
{
    table_get(cpu);
}

const ArmSysRegInfo *arm_sysreg_table(ARMCPU *cpu, size_t *n)
{
    SysRegTable *t = table_get(cpu);

    *n = t->n;
    return t->regs;
}

const ArmSysRegInfo *arm_sysreg_find(ARMCPU *cpu, uint32_t key)
{
    SysRegTable *t = table_get(cpu);
    size_t lo = 0, hi = t->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (t->regs[mid].key == key) {
            return &t->regs[mid];
        }
        if (t->regs[mid].key < key) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return NULL;
}

uint32_t arm_sysreg_excp_features(ARMCPU *cpu)
{
    uint32_t f = 0;

    if (model_has(&cpu->ids, FEAT_PAN)) {
        f |= ARM_EXCP_FEAT_PAN;
    }
    if (model_has(&cpu->ids, FEAT_UAO)) {
        f |= ARM_EXCP_FEAT_UAO;
    }
    return f;
}

void arm_sysreg_reset(ARMCPU *cpu)
{
    static const uint8_t pa_bits[] = { 32, 36, 40, 42, 44, 48 };
    CPUARMState *env = &cpu->env;
    uint64_t mmfr0 = cpu->ids.id_aa64mmfr0;
    unsigned parange = id_field(mmfr0, 0);
    uint8_t gran = 0;

    memset(&env->sr, 0, sizeof(env->sr));
    env->sr.oslsr_el1 = OSLSR_OSLK;             /* OS lock set at reset */
    env->tpidr_el0 = 0;
    env->tpidrro_el0 = 0;

    env->excp.sctlr_el1 = SCTLR_RESET;
    env->mmu.sctlr = SCTLR_RESET;
    env->mmu.tcr = 0;
    env->mmu.ttbr0 = 0;
    env->mmu.ttbr1 = 0;
    env->mmu.mair = 0;
    env->mmu.pamax = pa_bits[parange < 6 ? parange : 5];
    if (id_field(mmfr0, 28) == 0) {
        gran |= ARM_MMU_GRAN_4K;
    }
    if (id_field(mmfr0, 24) == 0) {
        gran |= ARM_MMU_GRAN_64K;
    }
    if (id_field(mmfr0, 20) != 0) {
        gran |= ARM_MMU_GRAN_16K;
    }
    env->mmu.granules = gran;
}

void arm_sysreg_dump(ARMCPU *cpu, FILE *f)
{
    size_t n, i;
    const ArmSysRegInfo *regs = arm_sysreg_table(cpu, &n);
    uint64_t v;

    for (i = 0; i < n; i++) {
        const ArmSysRegInfo *ri = &regs[i];

        /* Skip instructions, devices (reads may have side effects). */
        if ((ri->flags & (ARM_SR_WO | ARM_SR_IO | ARM_SR_NOP)) ||
            KEY_OP0(ri->key) == 1) {
            continue;
        }
        if (ri->read) {
            v = ri->read(&cpu->env, ri);
        } else if (ri->fieldoffset >= 0) {
            v = *field_ptr(&cpu->env, ri);
        } else {
            v = ri->resetvalue;
        }
        fprintf(f, "%-18s %016llx\n", ri->name, (unsigned long long)v);
    }
}

/* ------------------------------------------- ID values of the models */

/*
 * From the Technical Reference Manuals: Cortex-A53 r0p4 (DDI 0500),
 * Cortex-A57 r1p0 (DDI 0488), Cortex-A72 r0p3 (DDI 0516 / 100095),
 * with what we do not implement taken out:
 *   - ID_AA64PFR0: EL0 and EL1 AArch64 only (0b0001), EL2 and EL3 not
 *     implemented (TRM 0x2222: AArch64 and AArch32 at every EL);
 *     FP/AdvSIMD 0 (no half-precision arithmetic); GIC added at run
 *     time when the board wires a GICv3 CPU interface;
 *   - the AArch32 ID registers (ID_PFR0 ... MVFR2) read 0: AArch32 is
 *     implemented at no EL;
 *   - the PMU: PMUVer 1 as in the TRMs, but PMCR_EL0.N = 0.
 * "max" has the features the translator implements: LSE atomics, CRC32,
 * AES/PMULL, SHA1, SHA256 (as in user mode), PAN2, UAO, DC CVAP, a
 * 48-bit PA with all three granules, and CSV2/CSV3 (no speculation
 * here, so Linux needs neither KPTI nor branch predictor hardening).
 * CTR_EL0.IDC and DIC say that no cache maintenance is needed for
 * instruction fetches to see stores (stores to code invalidate the
 * translated code), so Linux skips its DC CVAU/IC IVAU loops.
 * It also has E0PD: with KASLR, Linux 6.1 forces KPTI (a TTBR switch,
 * here a full TLB flush, at every kernel entry and exit) unless
 * FEAT_E0PD is there.  TCR_EL1.E0PD0/1 are kept for the walk; a walk
 * that ignores them faults EL0 accesses to kernel addresses with a
 * permission fault instead of a level 0 translation fault.
 */
static const ArmSysRegIDs ids_cortex_a53 = {
    .midr = 0x410fd034,
    .ctr = 0x84448004,
    .dczid = 4,
    .clidr = 0x0a200023,
    .ccsidr = { 0x700fe01a, 0x201fe00a, 0x707fe07a },
    .id_aa64pfr0 = 0x11,
    .id_aa64dfr0 = 0x10305106,
    .id_aa64isar0 = 0x00011120,
    .id_aa64mmfr0 = 0x00001122,
};

static const ArmSysRegIDs ids_cortex_a57 = {
    .midr = 0x411fd070,
    .ctr = 0x8444c004,
    .dczid = 4,
    .clidr = 0x0a200023,
    .ccsidr = { 0x701fe00a, 0x201fe012, 0x70ffe07a },
    .id_aa64pfr0 = 0x11,
    .id_aa64dfr0 = 0x10305106,
    .id_aa64isar0 = 0x00011120,
    .id_aa64mmfr0 = 0x00001124,
};

static const ArmSysRegIDs ids_cortex_a72 = {
    .midr = 0x410fd083,
    .ctr = 0x8444c004,
    .dczid = 4,
    .clidr = 0x0a200023,
    .ccsidr = { 0x701fe00a, 0x201fe012, 0x707fe07a },
    .id_aa64pfr0 = 0x11,
    .id_aa64dfr0 = 0x10305106,
    .id_aa64isar0 = 0x00011120,
    .id_aa64mmfr0 = 0x00001124,
};

static const ArmSysRegIDs ids_max = {
    .midr = 0x000f0510,
    .ctr = 0xb444c004,                      /* + DIC, IDC */
    .dczid = 4,
    .clidr = 0x0a200023,
    .ccsidr = { 0x701fe00a, 0x201fe012, 0x70ffe07a },
    .id_aa64pfr0 = 0x1100000000000011ULL,   /* CSV3 CSV2 EL1 EL0 */
    .id_aa64dfr0 = 0x10305106,
    .id_aa64isar0 = 0x00211120,             /* Atomic CRC32 SHA2 SHA1 AES */
    .id_aa64isar1 = 0x1,                    /* DPB */
    .id_aa64mmfr0 = 0x00101025,             /* TGran16, 16-bit ASID, 48 PA */
    .id_aa64mmfr1 = 0x00200000,             /* PAN 2 */
    .id_aa64mmfr2 = 0x1000000000000010ULL,  /* E0PD, UAO */
};

const ArmSysRegIDs *arm_sysreg_model_ids(const char *model)
{
    static const struct {
        const char *name;
        const ArmSysRegIDs *ids;
    } models[] = {
        { "cortex-a53", &ids_cortex_a53 },
        { "cortex-a57", &ids_cortex_a57 },
        { "cortex-a72", &ids_cortex_a72 },
        { "max", &ids_max },
    };
    size_t i;

    for (i = 0; i < sizeof(models) / sizeof(models[0]); i++) {
        if (!strcmp(models[i].name, model)) {
            return models[i].ids;
        }
    }
    return NULL;
}

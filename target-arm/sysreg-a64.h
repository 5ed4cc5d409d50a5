/*
 * target-arm/sysreg-a64.h: the AArch64 system registers and system
 * instructions of system mode (sysreg-a64.c), as one table.
 *
 * Every MRS/MSR (op0 = 2, 3) and SYS/SYSL (op0 = 1: DC, IC, AT, TLBI)
 * encoding the CPU implements at EL0/EL1 has one ArmSysRegInfo, found
 * by its SYSREG_KEY (internals.h).  The translator (trans-a64-sys.c.inc)
 * looks the key up at translate time and:
 *   - no entry, or the current EL below minel: UNDEFINED;
 *   - ARM_SR_RO and a write / ARM_SR_WO and a read: UNDEFINED;
 *   - access != NULL: calls it at run time (a trap to EL1 with
 *     EC 0x18, or UNDEF, as it returns);
 *   - ARM_SR_CONST: MRS becomes a move of resetvalue;
 *   - read/write NULL and fieldoffset >= 0: a plain 64-bit load/store
 *     of env at fieldoffset;
 *   - otherwise a helper call to read/write (under the global lock when
 *     ARM_SR_IO);
 *   - ARM_SR_END_TB: after the write the TB ends and the next one is
 *     looked up again (the write may change TB flags, the TLB, or
 *     unmask an interrupt).
 * SYS instructions are writes of Xt (DC ZVA, TLBI VAE1 ...); SYSL and
 * AT results come back the same way.
 *
 * read and write are independent: an entry may have a write callback
 * and fieldoffset >= 0 with read NULL (a plain load), or both.  Entries
 * with callbacks in sysreg-a64.c always set both where they set one, so
 * a translator may also call read whenever it is non-NULL.
 *
 * Calling convention of read/write/access: they run in the vCPU thread
 * with env->pc = the address of the MRS/MSR/SYS instruction (the
 * translator stores it before the call), so a callback that touches
 * guest memory (DC ZVA) can take the guest fault with retaddr 0.  The
 * current EL is env->excp.el.  ARM_SR_IO entries are called with the
 * global lock held.
 *
 * Two hints beyond the table rules above:
 *   - ARM_SR_FP (FPCR, FPSR): subject to CPACR_EL1.FPEN like an FP
 *     instruction; the translator raises the FP access trap (EC 0x07)
 *     when FP is disabled at the current EL, before anything else.
 *   - ARM_SR_ACCESS_EL0: access only ever refuses EL0 accesses, so at
 *     EL1 the translator may skip calling it (CNTVCT_EL0, CTR_EL0...).
 */
#ifndef TARGET_ARM_SYSREG_A64_H
#define TARGET_ARM_SYSREG_A64_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* EL1 registers without a home elsewhere (excp, mmu, gt hold theirs). */
typedef struct ArmSysRegFile {
    uint64_t cpacr_el1;          /* FPEN (bits 21:20) read by TB flags */
    uint64_t tpidr_el1;
    uint64_t par_el1;
    uint64_t contextidr_el1;
    uint64_t amair_el1;
    uint64_t afsr0_el1, afsr1_el1;
    uint64_t actlr_el1;
    uint64_t csselr_el1;
    uint64_t mdscr_el1;
    uint64_t mdccint_el1;
    uint64_t oslsr_el1;
    uint64_t osdlr_el1;
    uint64_t pmu[16];            /* PMU registers, kept but inert */
    uint64_t dbg[32];            /* DBGB/DBGW, kept but inert */
    uint64_t spare[16];          /* room for more without layout churn */
} ArmSysRegFile;

/* The model's ID registers (cpu.c's model table fills them). */
typedef struct ArmSysRegIDs {
    uint64_t midr, revidr, ctr, dczid, clidr;
    uint64_t ccsidr[8];          /* by CSSELR: level << 1 | InD */
    uint64_t id_aa64pfr0, id_aa64pfr1, id_aa64dfr0, id_aa64dfr1;
    uint64_t id_aa64afr0, id_aa64afr1;
    uint64_t id_aa64isar0, id_aa64isar1, id_aa64isar2;
    uint64_t id_aa64mmfr0, id_aa64mmfr1, id_aa64mmfr2;
    uint64_t id_aa64zfr0, id_aa64smfr0;
    /* AArch32 ID registers (read by Linux at EL1 even on AArch64-only) */
    uint32_t id_pfr0, id_pfr1, id_pfr2, id_dfr0, id_afr0;
    uint32_t id_mmfr[5], id_isar[7], mvfr[3];
} ArmSysRegIDs;

struct CPUARMState;

enum {
    ARM_SR_RO     = 1u << 0,     /* MSR is UNDEFINED */
    ARM_SR_WO     = 1u << 1,     /* MRS is UNDEFINED (also SYS ops) */
    ARM_SR_CONST  = 1u << 2,     /* reads resetvalue, known at translate */
    ARM_SR_IO     = 1u << 3,     /* touches devices: global lock */
    ARM_SR_END_TB = 1u << 4,     /* a write ends the TB */
    ARM_SR_NOP    = 1u << 5,     /* writes ignored, reads 0 (cache ops) */
    ARM_SR_FP     = 1u << 6,     /* CPACR_EL1.FPEN applies (EC 0x07) */
    ARM_SR_ACCESS_EL0 = 1u << 7, /* access needed at EL0 only */
};

typedef enum ArmSRAccess {
    ARM_SR_ACCESS_OK,
    ARM_SR_ACCESS_TRAP,          /* to EL1: EC 0x18 with the MSR/MRS ISS */
    ARM_SR_ACCESS_UNDEF,
} ArmSRAccess;

typedef struct ArmSysRegInfo ArmSysRegInfo;
struct ArmSysRegInfo {
    const char *name;            /* "SCTLR_EL1" */
    uint32_t key;                /* SYSREG_KEY(op0, op1, crn, crm, op2) */
    uint8_t minel;               /* 0: EL0 may access (maybe with access) */
    uint8_t flags;               /* ARM_SR_* */
    ptrdiff_t fieldoffset;       /* in CPUARMState, or -1 */
    uint64_t resetvalue;
    uint64_t (*read)(struct CPUARMState *env, const ArmSysRegInfo *ri);
    void (*write)(struct CPUARMState *env, const ArmSysRegInfo *ri,
                  uint64_t val);
    ArmSRAccess (*access)(struct CPUARMState *env, const ArmSysRegInfo *ri,
                          bool isread);
};

/*
 * The entry for key on this CPU (the table is per model: ID values are
 * folded in as CONST at CPU creation), or NULL.
 */
struct ARMCPU;
const ArmSysRegInfo *arm_sysreg_find(struct ARMCPU *cpu, uint32_t key);
/* Build cpu's table (called by arm_cpu_sys_init). */
void arm_sysreg_init(struct ARMCPU *cpu);
/* Reset values into env (called by arm_cpu_reset). */
void arm_sysreg_reset(struct ARMCPU *cpu);
/* For the monitor and -d: every register with its value. */
void arm_sysreg_dump(struct ARMCPU *cpu, FILE *f);

/*
 * The sorted table of cpu (built on first use), n entries; for tests,
 * the monitor and gdb.
 */
const ArmSysRegInfo *arm_sysreg_table(struct ARMCPU *cpu, size_t *n);

/*
 * The ID register values of a model ("cortex-a53", "cortex-a57",
 * "cortex-a72", "max"), or NULL.  cpu.c copies them into cpu->ids.
 */
const ArmSysRegIDs *arm_sysreg_model_ids(const char *model);

/*
 * ArmExcpState.features (ARM_EXCP_FEAT_PAN/UAO) of cpu's model, for
 * arm_excp_reset().
 */
uint32_t arm_sysreg_excp_features(struct ARMCPU *cpu);

/*
 * arm_sysreg_reset() sets, besides env->sr: SCTLR_EL1 (excp.sctlr_el1
 * and mmu.sctlr, 0x30d50838 as the TRMs give it), TCR/TTBR0/TTBR1/MAIR
 * (mmu.*, zero), mmu.pamax and mmu.granules from ID_AA64MMFR0, TPIDR_EL0
 * and TPIDRRO_EL0 (zero).  Call it after arm_excp_reset(), which zeroes
 * excp.sctlr_el1.
 */

#endif

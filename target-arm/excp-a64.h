/*
 * excp-a64.h: AArch64 exception entry to EL1, ERET, and the ESR_EL1
 * syndromes of the exception classes Linux sees (Arm ARM D1.10
 * "Exception entry", D1.11 "Exception return", D17.2 ESR_EL1).
 *
 * Pure functions over ArmExcpState, the PSTATE fields and EL1 registers
 * that exception entry and return read and write.  CPUARMState embeds
 * one; the translator's helpers call arm_excp_take() for SVC/HVC/SMC,
 * aborts, alignment faults, UNDEFs and the interrupt lines, and
 * arm_excp_eret() for ERET.  The library never touches the general
 * registers: the stack pointers live only in sp_el[] here, so a CPU that
 * caches the live SP elsewhere (in xregs[31]) stores it back into
 * sp_el[arm_excp_sp_index()] before a call and reloads it after.
 *
 * Supported: EL0 and EL1 in AArch64 state; synchronous exceptions, IRQ,
 * FIQ and SError taken to EL1 from EL0 or EL1; SPSel; PAN (FEAT_PAN,
 * with SCTLR_EL1.SPAN) and UAO (FEAT_UAO) as optional features; software
 * step's PSTATE.SS; the illegal exception return checks.
 *
 * Not emulated: EL2/EL3 (no implemented target EL above EL1, so an ERET
 * to EL2/EL3 is an illegal return), AArch32 EL0 (an SPSR with M[4] set is
 * an unimplemented mode: illegal return), BTYPE/SSBS/TCO/DIT (features
 * the CPU models here do not have).
 */
#ifndef TARGET_ARM_EXCP_A64_H
#define TARGET_ARM_EXCP_A64_H

#include <stdbool.h>
#include <stdint.h>

/* The kinds of exception, in vector-table order (offset 0x80 apart). */
typedef enum ArmExcpType {
    ARM_EXCP_SYNC = 0,
    ARM_EXCP_IRQ = 1,
    ARM_EXCP_FIQ = 2,
    ARM_EXCP_SERROR = 3,
} ArmExcpType;

/* Optional features (ID_AA64MMFR1_EL1.PAN, ID_AA64MMFR2_EL1.UAO). */
#define ARM_EXCP_FEAT_PAN   (1u << 0)
#define ARM_EXCP_FEAT_UAO   (1u << 1)

/* SPSR_EL1 in AArch64 state (Arm ARM C5.2.18). */
#define ARM_SPSR_N          (1u << 31)
#define ARM_SPSR_Z          (1u << 30)
#define ARM_SPSR_C          (1u << 29)
#define ARM_SPSR_V          (1u << 28)
#define ARM_SPSR_NZCV       0xf0000000u
#define ARM_SPSR_UAO        (1u << 23)
#define ARM_SPSR_PAN        (1u << 22)
#define ARM_SPSR_SS         (1u << 21)
#define ARM_SPSR_IL         (1u << 20)
#define ARM_SPSR_D          (1u << 9)
#define ARM_SPSR_A          (1u << 8)
#define ARM_SPSR_I          (1u << 7)
#define ARM_SPSR_F          (1u << 6)
#define ARM_SPSR_DAIF       0x3c0u
#define ARM_SPSR_M4         (1u << 4)   /* 1: AArch32 */
#define ARM_SPSR_M          0xfu        /* EL << 2 | SPSel */
#define ARM_SPSR_EL0T       0x0u
#define ARM_SPSR_EL1T       0x4u
#define ARM_SPSR_EL1H       0x5u

/* PSTATE.DAIF as stored in ArmExcpState.daif (same bit places as SPSR). */
#define ARM_DAIF_D          ARM_SPSR_D
#define ARM_DAIF_A          ARM_SPSR_A
#define ARM_DAIF_I          ARM_SPSR_I
#define ARM_DAIF_F          ARM_SPSR_F

#ifndef ARM_SCTLR_SPAN
#define ARM_SCTLR_SPAN      (1ULL << 23)    /* 0: entry to EL1 sets PAN */
#endif

/* Vector offsets from VBAR_EL1 (Arm ARM D1.10.2). */
#define ARM_VEC_CUR_SP0     0x000u
#define ARM_VEC_CUR_SPX     0x200u
#define ARM_VEC_LOWER_A64   0x400u
#define ARM_VEC_LOWER_A32   0x600u

/* Exception classes, ESR_ELx.EC (Arm ARM D17.2.37). */
#define ARM_EC_UNKNOWN      0x00
#define ARM_EC_WFX          0x01
#define ARM_EC_FP_ACCESS    0x07
#define ARM_EC_ILLEGAL      0x0e
#define ARM_EC_SVC64        0x15
#define ARM_EC_HVC64        0x16
#define ARM_EC_SMC64        0x17
#define ARM_EC_SYSREG       0x18
#ifndef ARM_EC_IABT_LOWER
#define ARM_EC_IABT_LOWER   0x20
#define ARM_EC_IABT_SAME    0x21
#define ARM_EC_DABT_LOWER   0x24
#define ARM_EC_DABT_SAME    0x25
#endif
#define ARM_EC_PC_ALIGN     0x22
#define ARM_EC_SP_ALIGN     0x26
#define ARM_EC_SERROR       0x2f
#define ARM_EC_BRK64        0x3c

#ifndef ARM_ESR_IL
#define ARM_ESR_IL          (1u << 25)
#endif
#define ARM_ESR_EC_SHIFT    26
#define ARM_ESR_ISS_MASK    0x1ffffffu

/* Data abort ISS fields beyond those mmu-a64.h reports (ISV and below). */
#define ARM_ISS_DA_ISV      (1u << 24)
#define ARM_ISS_DA_SAS_SHIFT 22         /* log2 of the access size */
#define ARM_ISS_DA_SSE      (1u << 21)  /* sign-extending load */
#define ARM_ISS_DA_SRT_SHIFT 16         /* Rt */
#define ARM_ISS_DA_SF       (1u << 15)  /* 64-bit Rt */
#define ARM_ISS_DA_AR       (1u << 14)  /* acquire/release */

/*
 * PSTATE and the EL1 registers that exception entry and return use.
 * nzcv and daif hold their bits at their SPSR places (NZCV in 31:28, DAIF
 * in 9:6), so they move into and out of the SPSR unshifted.
 */
typedef struct ArmExcpState {
    uint64_t pc;
    uint32_t nzcv;          /* PSTATE.NZCV, ARM_SPSR_NZCV bits */
    uint32_t daif;          /* PSTATE.DAIF, ARM_SPSR_DAIF bits */
    uint8_t el;             /* PSTATE.EL (CurrentEL.EL): 0 or 1 */
    bool sp_sel;            /* PSTATE.SP: 1 uses SP_ELx at EL1 */
    bool pan;               /* PSTATE.PAN */
    bool uao;               /* PSTATE.UAO */
    bool il;                /* PSTATE.IL: next instruction is illegal */
    bool ss;                /* PSTATE.SS (software step) */
    bool ss_enabled;        /* MDSCR_EL1.SS and debug exceptions enabled
                               at the EL ERET returns to (the caller's
                               debug logic); ERET restores SS only then */
    uint32_t features;      /* ARM_EXCP_FEAT_* */
    uint64_t sp_el[2];      /* SP_EL0, SP_EL1 */
    uint64_t elr_el1;
    uint64_t spsr_el1;
    uint64_t esr_el1;
    uint64_t far_el1;
    uint64_t vbar_el1;      /* bits 10:0 are RES0 and ignored */
    uint64_t sctlr_el1;     /* SPAN is what entry reads */
} ArmExcpState;

/* What one exception writes besides PSTATE. */
typedef struct ArmExcpInfo {
    ArmExcpType type;
    uint64_t elr;           /* preferred return address: the faulting
                               instruction for aborts/UNDEF/alignment,
                               the next one for SVC/HVC/SMC/interrupts */
    uint32_t esr;           /* written for SYNC and SERROR only */
    bool far_valid;         /* aborts, PC alignment, watchpoints */
    uint64_t far;
} ArmExcpInfo;

/* Reset into EL1h with DAIF masked (Arm ARM D1.9); registers zeroed. */
void arm_excp_reset(ArmExcpState *s, uint32_t features);

/* Which sp_el[] bank is the live SP: 0 at EL0 or with SPSel 0, else EL. */
static inline unsigned arm_excp_sp_index(const ArmExcpState *s)
{
    return s->sp_sel ? s->el : 0;
}

/* PSTATE packed as the SPSR that exception entry saves. */
uint64_t arm_excp_pstate_to_spsr(const ArmExcpState *s);

/*
 * The offset from VBAR_EL1 of an exception taken to EL1 from from_el,
 * with sp_sel the PSTATE.SP at the time (only matters at EL1).
 */
uint32_t arm_excp_vector_offset(unsigned from_el, bool sp_sel,
                                ArmExcpType type);

/*
 * Whether an asynchronous exception of this type is taken now: IRQ, FIQ
 * and SError to EL1 are masked by PSTATE.I, F and A at EL0 and EL1 alike.
 * SYNC is never masked.
 */
bool arm_excp_unmasked(const ArmExcpState *s, ArmExcpType type);

/*
 * Take an exception to EL1: SPSR_EL1 = PSTATE, ELR_EL1 = e->elr, ESR_EL1
 * (SYNC, SERROR), FAR_EL1 (if far_valid); then PSTATE.EL = 1, SPSel = 1,
 * DAIF = 1111, IL = 0, SS = 0, UAO = 0, PAN = 1 if FEAT_PAN and
 * SCTLR_EL1.SPAN == 0; pc = VBAR_EL1 + vector offset.  Returns the new pc.
 */
uint64_t arm_excp_take(ArmExcpState *s, const ArmExcpInfo *e);

/*
 * ERET at EL1 (ERET at EL0 is UNDEFINED: the caller's job).  pc =
 * ELR_EL1; NZCV, DAIF, PAN, UAO and SS (if ss_enabled) come from
 * SPSR_EL1.  A legal SPSR also restores EL, SPSel and IL.  An illegal one
 * (AArch32 M[4], a reserved M[3:0], EL0 with SP_ELx, a higher or
 * unimplemented EL) keeps EL and SPSel and sets PSTATE.IL, so that the
 * next instruction takes an Illegal Execution state exception
 * (arm_esr_illegal_state()).  Returns false for an illegal return.
 */
bool arm_excp_eret(ArmExcpState *s);

/*
 * ESR_EL1 values (IL = 1: every AArch64 instruction is 32 bits).  The
 * aborts take the ISS the MMU reported (mmu-a64.h: FSC, WnR, CM, S1PTW)
 * plus arm_iss_da_syndrome() when the instruction syndrome is valid.
 */
static inline uint32_t arm_esr(unsigned ec, uint32_t iss)
{
    return (uint32_t)ec << ARM_ESR_EC_SHIFT | ARM_ESR_IL
           | (iss & ARM_ESR_ISS_MASK);
}

uint32_t arm_esr_unknown(void);
uint32_t arm_esr_illegal_state(void);
uint32_t arm_esr_svc(uint16_t imm16);
uint32_t arm_esr_hvc(uint16_t imm16);
uint32_t arm_esr_smc(uint16_t imm16);
uint32_t arm_esr_brk(uint16_t imm16);
uint32_t arm_esr_pc_align(void);
uint32_t arm_esr_sp_align(void);
/* CPACR_EL1.FPEN trap: CV = 1, COND = 0b1110 as for all AArch64 traps. */
uint32_t arm_esr_fp_access(void);
/* MSR/MRS/SYS trap; is_read for MRS (and SYSL). */
uint32_t arm_esr_sysreg(unsigned op0, unsigned op1, unsigned crn,
                        unsigned crm, unsigned op2, unsigned rt,
                        bool is_read);
uint32_t arm_esr_iabt(bool same_el, uint32_t iss);
uint32_t arm_esr_dabt(bool same_el, uint32_t iss);
uint32_t arm_esr_serror(uint32_t iss);
/* ISV=1 syndrome of a load/store: size_log2 0..3, Rt, 64-bit Rt etc. */
uint32_t arm_iss_da_syndrome(unsigned size_log2, bool sign_extend,
                             unsigned rt, bool sf, bool acq_rel);

#endif

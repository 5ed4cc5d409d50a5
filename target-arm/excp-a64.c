/*
 * excp-a64.c: AArch64 exception entry to EL1 and exception return, from
 * the AArch64.TakeException and AArch64.ExceptionReturn pseudocode of
 * the Arm ARM (D1.10, D1.11).  See excp-a64.h for the API.
 */
#include <string.h>

#include "target-arm/excp-a64.h"

void arm_excp_reset(ArmExcpState *s, uint32_t features)
{
    memset(s, 0, sizeof(*s));
    s->features = features;
    s->el = 1;
    s->sp_sel = true;
    s->daif = ARM_SPSR_DAIF;
}

uint64_t arm_excp_pstate_to_spsr(const ArmExcpState *s)
{
    uint64_t spsr = (s->nzcv & ARM_SPSR_NZCV) | (s->daif & ARM_SPSR_DAIF);

    spsr |= (uint64_t)(s->el & 3) << 2 | (s->sp_sel ? 1 : 0);
    if (s->uao) {
        spsr |= ARM_SPSR_UAO;
    }
    if (s->pan) {
        spsr |= ARM_SPSR_PAN;
    }
    if (s->ss) {
        spsr |= ARM_SPSR_SS;
    }
    if (s->il) {
        spsr |= ARM_SPSR_IL;
    }
    return spsr;
}

uint32_t arm_excp_vector_offset(unsigned from_el, bool sp_sel,
                                ArmExcpType type)
{
    uint32_t base;

    if (from_el == 0) {
        base = ARM_VEC_LOWER_A64;
    } else {
        base = sp_sel ? ARM_VEC_CUR_SPX : ARM_VEC_CUR_SP0;
    }
    return base + 0x80u * ((unsigned)type & 3);
}

bool arm_excp_unmasked(const ArmExcpState *s, ArmExcpType type)
{
    switch (type) {
    case ARM_EXCP_IRQ:
        return !(s->daif & ARM_DAIF_I);
    case ARM_EXCP_FIQ:
        return !(s->daif & ARM_DAIF_F);
    case ARM_EXCP_SERROR:
        return !(s->daif & ARM_DAIF_A);
    default:
        return true;
    }
}

uint64_t arm_excp_take(ArmExcpState *s, const ArmExcpInfo *e)
{
    uint32_t offset = arm_excp_vector_offset(s->el, s->sp_sel, e->type);

    s->spsr_el1 = arm_excp_pstate_to_spsr(s);
    s->elr_el1 = e->elr;
    /* IRQ and FIQ leave ESR_EL1 alone; SError reports its syndrome. */
    if (e->type == ARM_EXCP_SYNC || e->type == ARM_EXCP_SERROR) {
        s->esr_el1 = e->esr;
    }
    if (e->far_valid) {
        s->far_el1 = e->far;
    }

    s->el = 1;
    s->sp_sel = true;
    s->daif = ARM_SPSR_DAIF;
    s->il = false;
    s->ss = false;
    if ((s->features & ARM_EXCP_FEAT_PAN)
        && !(s->sctlr_el1 & ARM_SCTLR_SPAN)) {
        s->pan = true;
    }
    if (s->features & ARM_EXCP_FEAT_UAO) {
        s->uao = false;
    }
    s->pc = (s->vbar_el1 & ~0x7ffULL) + offset;
    return s->pc;
}

/* Arm ARM D1.11.4 "Illegal return events from AArch64 state". */
static bool spsr_mode_legal(const ArmExcpState *s, uint64_t spsr)
{
    unsigned m = spsr & ARM_SPSR_M;
    unsigned target_el = m >> 2;

    if (spsr & ARM_SPSR_M4) {
        return false;               /* AArch32: not implemented */
    }
    if (m & 2) {
        return false;               /* M[1] is reserved */
    }
    if (target_el > 1) {
        return false;               /* EL2/EL3 not implemented */
    }
    if (target_el > s->el) {
        return false;               /* return to a higher EL */
    }
    if (target_el == 0 && (m & 1)) {
        return false;               /* EL0 with SP_EL0 only */
    }
    return true;
}

bool arm_excp_eret(ArmExcpState *s)
{
    uint64_t spsr = s->spsr_el1;
    bool legal = spsr_mode_legal(s, spsr);

    if (legal) {
        s->el = (spsr & ARM_SPSR_M) >> 2;
        s->sp_sel = spsr & 1;
        s->il = spsr & ARM_SPSR_IL;
    } else {
        s->il = true;
    }
    s->nzcv = spsr & ARM_SPSR_NZCV;
    s->daif = spsr & ARM_SPSR_DAIF;
    s->ss = s->ss_enabled && (spsr & ARM_SPSR_SS);
    if (s->features & ARM_EXCP_FEAT_PAN) {
        s->pan = spsr & ARM_SPSR_PAN;
    }
    if (s->features & ARM_EXCP_FEAT_UAO) {
        /* UNKNOWN after an illegal return; we keep the SPSR's value. */
        s->uao = spsr & ARM_SPSR_UAO;
    }
    s->pc = s->elr_el1;
    return legal;
}

/* ---- syndromes ---- */

uint32_t arm_esr_unknown(void)
{
    return arm_esr(ARM_EC_UNKNOWN, 0);
}

uint32_t arm_esr_illegal_state(void)
{
    return arm_esr(ARM_EC_ILLEGAL, 0);
}

uint32_t arm_esr_svc(uint16_t imm16)
{
    return arm_esr(ARM_EC_SVC64, imm16);
}

uint32_t arm_esr_hvc(uint16_t imm16)
{
    return arm_esr(ARM_EC_HVC64, imm16);
}

uint32_t arm_esr_smc(uint16_t imm16)
{
    return arm_esr(ARM_EC_SMC64, imm16);
}

uint32_t arm_esr_brk(uint16_t imm16)
{
    return arm_esr(ARM_EC_BRK64, imm16);
}

uint32_t arm_esr_pc_align(void)
{
    return arm_esr(ARM_EC_PC_ALIGN, 0);
}

uint32_t arm_esr_sp_align(void)
{
    return arm_esr(ARM_EC_SP_ALIGN, 0);
}

uint32_t arm_esr_fp_access(void)
{
    /* ISS: CV (bit 24) = 1, COND (23:20) = 0b1110. */
    return arm_esr(ARM_EC_FP_ACCESS, 1u << 24 | 0xeu << 20);
}

uint32_t arm_esr_sysreg(unsigned op0, unsigned op1, unsigned crn,
                        unsigned crm, unsigned op2, unsigned rt,
                        bool is_read)
{
    uint32_t iss = (op0 & 3u) << 20 | (op2 & 7u) << 17 | (op1 & 7u) << 14
                   | (crn & 15u) << 10 | (rt & 31u) << 5 | (crm & 15u) << 1
                   | (is_read ? 1u : 0u);

    return arm_esr(ARM_EC_SYSREG, iss);
}

uint32_t arm_esr_iabt(bool same_el, uint32_t iss)
{
    return arm_esr(same_el ? ARM_EC_IABT_SAME : ARM_EC_IABT_LOWER, iss);
}

uint32_t arm_esr_dabt(bool same_el, uint32_t iss)
{
    return arm_esr(same_el ? ARM_EC_DABT_SAME : ARM_EC_DABT_LOWER, iss);
}

uint32_t arm_esr_serror(uint32_t iss)
{
    return arm_esr(ARM_EC_SERROR, iss);
}

uint32_t arm_iss_da_syndrome(unsigned size_log2, bool sign_extend,
                             unsigned rt, bool sf, bool acq_rel)
{
    return ARM_ISS_DA_ISV | (size_log2 & 3u) << ARM_ISS_DA_SAS_SHIFT
           | (sign_extend ? ARM_ISS_DA_SSE : 0)
           | (rt & 31u) << ARM_ISS_DA_SRT_SHIFT
           | (sf ? ARM_ISS_DA_SF : 0) | (acq_rel ? ARM_ISS_DA_AR : 0);
}

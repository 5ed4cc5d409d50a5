/*
 * target-arm/a32-neon-ops.h: the operation codes trans-a32-neon.c.inc
 * passes in the descriptor of the helpers of helper-neon.c (AArch32
 * Advanced SIMD: shifts by immediate, two registers misc, permutes).
 *
 * desc = NM_DESC(op, size, q, imm): op bits 7:0, size (log2 bytes of
 * the element) bits 9:8, q (a Q register operation) bit 10, imm (shift
 * amount, fraction bits, byte offset, table length) bits 31:16.
 */
#ifndef TARGET_ARM_A32_NEON_OPS_H
#define TARGET_ARM_A32_NEON_OPS_H

#define NM_DESC(op, size, q, imm) \
    ((uint32_t)(op) | ((uint32_t)(size) << 8) | ((uint32_t)(q) << 10) | \
     ((uint32_t)(imm) << 16))

/* helper_nm_shift: Vd = op(Vm, imm); the order of the first eight matters */
enum {
    NM_SHR_S, NM_SHR_U, NM_RSHR_S, NM_RSHR_U,
    NM_SRA_S, NM_SRA_U, NM_RSRA_S, NM_RSRA_U,
    NM_SRI, NM_SHL, NM_SLI, NM_QSHL_S, NM_QSHL_U, NM_QSHLU,
};

/* helper_nm_narrow: Dd = narrow(Qm >> imm) */
enum {
    NM_SHRN, NM_RSHRN, NM_QSHRN_S, NM_QSHRN_U, NM_QRSHRN_S, NM_QRSHRN_U,
    NM_QSHRUN, NM_QRSHRUN,
};

/* helper_nm_misc: element-wise Vd = op(Vm); the vrev ones are inline */
enum {
    NM_REV16, NM_REV32, NM_REV64,
    NM_PADDL_S, NM_PADDL_U, NM_PADAL_S, NM_PADAL_U,
    NM_CLS, NM_CLZ, NM_CNT, NM_MVN, NM_QABS, NM_QNEG,
    NM_CGT0, NM_CGE0, NM_CEQ0, NM_CLE0, NM_CLT0, NM_ABS, NM_NEG,
    NM_FCGT0, NM_FCGE0, NM_FCEQ0, NM_FCLE0, NM_FCLT0, NM_FABS, NM_FNEG,
    NM_URECPE, NM_URSQRTE, NM_FRECPE, NM_FRSQRTE,
    NM_SCVTF, NM_UCVTF, NM_FTOSI, NM_FTOUI,       /* imm: fraction bits */
    NM_FCVT_S,                                    /* +RM: A, N, P, M */
    NM_FCVT_U = NM_FCVT_S + 4,
    NM_RINTN = NM_FCVT_U + 4, NM_RINTX, NM_RINTA, NM_RINTZ, NM_RINTM,
    NM_RINTP,
};

/* helper_nm_perm: on Vd and Vm both */
enum { NM_SWP, NM_TRN, NM_UZP, NM_ZIP };

#endif

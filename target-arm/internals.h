/*
 * target-arm/internals.h: what the files of target-arm/ share and
 * nobody else needs: the translator entry points, the run-time helpers
 * generated code calls (each with its TCGHelperInfo), and the model
 * values the system-register reads expose.
 */
#ifndef TARGET_ARM_INTERNALS_H
#define TARGET_ARM_INTERNALS_H

#include "cpu.h"
#include "exec/tb.h"

/* AT_HWCAP bits (Linux's numbering): the models' features. */
#define HWCAP_FP        (1u << 0)
#define HWCAP_ASIMD     (1u << 1)
#define HWCAP_EVTSTRM   (1u << 2)
#define HWCAP_AES       (1u << 3)
#define HWCAP_PMULL     (1u << 4)
#define HWCAP_SHA1      (1u << 5)
#define HWCAP_SHA2      (1u << 6)
#define HWCAP_CRC32     (1u << 7)
#define HWCAP_ATOMICS   (1u << 8)
#define HWCAP_FPHP      (1u << 9)
#define HWCAP_ASIMDHP   (1u << 10)
#define HWCAP_CPUID     (1u << 11)

/* translate-a64.c */
void a64_translate_init(void);
void a64_translate(CPUState *cs, TranslationBlock *tb, int max_insns);

/* translate-a32.c (qemu-arm) */
void a32_translate_init(void);
void a32_translate(CPUState *cs, TranslationBlock *tb, int max_insns);

/* cpu.c: register dumps shared by the user and system CPU classes. */
void arm_dump_xregs(CPUARMState *env, FILE *f);
void arm_dump_vregs(CPUARMState *env, FILE *f);

/* cpu.c: the FPCR/FPSR bits AArch64 implements (others read as zero). */
#define FPCR_MASK   0x07c80000u  /* AHP DN FZ RMode FZ16 (no FP traps) */
#define FPSR_MASK   0xf800009fu  /* NZCV QC IDC IXC UFC OFC DZC IOC */

/* Declare one helper and its call descriptor. */
#define A64_HELPER(name) extern const TCGHelperInfo helper_info_##name

/* helper-a64.c: integer and system helpers */
A64_HELPER(raise);           /* (env, excp, syndrome): pc already stored */
A64_HELPER(crc32);           /* (acc, val, bytes) -> i64 */
A64_HELPER(crc32c);
A64_HELPER(dc_zva);          /* (env, addr) */
A64_HELPER(cntvct);          /* () -> i64 */
A64_HELPER(exclusive_store); /* (env, addr, val, memop) -> status i64 */
A64_HELPER(exclusive_store_pair);  /* (env, addr, lo, hi, memop) -> status */
A64_HELPER(atomic_op);       /* (env, addr, val, desc) -> old i64 */
A64_HELPER(cas);             /* (env, addr, cmp, new, memop) -> old i64 */
A64_HELPER(casp);            /* (env, addr, rs, rt, desc) -> void */
A64_HELPER(set_fpcr);        /* (env, val) */
A64_HELPER(get_fpsr);        /* (env) -> i64 */
A64_HELPER(set_fpsr);        /* (env, val) */

/* Keys for a64_sysreg_value: op0:op1:CRn:CRm:op2 packed as in MRS. */
#define SYSREG_KEY(op0, op1, crn, crm, op2) \
    (((op0) << 14) | ((op1) << 11) | ((crn) << 7) | ((crm) << 3) | (op2))

/* Atomic operation kinds for helper_atomic_op (desc = kind | memop << 8). */
enum {
    ATOMIC_ADD, ATOMIC_CLR, ATOMIC_EOR, ATOMIC_SET,
    ATOMIC_SMAX, ATOMIC_SMIN, ATOMIC_UMAX, ATOMIC_UMIN,
    ATOMIC_SWP,
};

/* helper-fp.c: scalar FP called inline (see there for desc) */
A64_HELPER(fp_binop);        /* (env, a, b, desc) -> i64 */
A64_HELPER(fp_to_int);       /* (env, a, desc) -> i64 */
A64_HELPER(int_to_fp);       /* (env, v, desc) -> i64 */
A64_HELPER(fp_compare);      /* (env, a, b, desc) -> nzcv << 28 */

/* helper-simd.c: the FP/AdvSIMD class, run from the instruction word */
A64_HELPER(fpsimd);          /* (env, insn) */
A64_HELPER(fpsimd_v);        /* the same for allocated, vector-only insns */
A64_HELPER(simd_ldst);       /* (env, insn) */

/*
 * helper-vec.c: one helper per AdvSIMD operation and size, (env, p) with
 * p = VEC_ARGS(rd, rn, rm, q, imm); see trans-a64-vec.c.inc.
 */
#define VEC_ARGS(rd, rn, rm, q, imm) \
    ((uint64_t)(rd) | ((uint64_t)(rn) << 5) | ((uint64_t)(rm) << 10) | \
     ((uint64_t)(q) << 15) | ((uint64_t)(imm) << 16))

enum {
    VH_fadd_s, VH_fadd_d, VH_fsub_s, VH_fsub_d,
    VH_fmul_s, VH_fmul_d, VH_fdiv_s, VH_fdiv_d,
    VH_fmla_s, VH_fmla_d, VH_fmls_s, VH_fmls_d,
    VH_fmul_idx_s, VH_fmul_idx_d, VH_fmla_idx_s, VH_fmla_idx_d,
    VH_fmls_idx_s, VH_fmls_idx_d,
    VH_scvtf_s, VH_scvtf_d, VH_ucvtf_s, VH_ucvtf_d,
    VH_sshll_b, VH_sshll_h,
    VH_umull_b, VH_umull_h, VH_umull_s,
    VH_smull_b, VH_smull_h, VH_smull_s,
    VH_mul_b, VH_mul_h, VH_mul_s,
    VH_mla_b, VH_mla_h, VH_mla_s,
    VH_mls_b, VH_mls_h, VH_mls_s,
    VH_uzp1_b, VH_uzp1_h, VH_uzp1_s, VH_uzp1_d,
    VH_uzp2_b, VH_uzp2_h, VH_uzp2_s, VH_uzp2_d,
    VH_zip1_b, VH_zip1_h, VH_zip1_s, VH_zip1_d,
    VH_zip2_b, VH_zip2_h, VH_zip2_s, VH_zip2_d,
    VH_trn1_b, VH_trn1_h, VH_trn1_s, VH_trn1_d,
    VH_trn2_b, VH_trn2_h, VH_trn2_s, VH_trn2_d,
    VH_sshr_b, VH_sshr_h,
    VH_addp_b, VH_addp_h, VH_addp_s, VH_addp_d,
    VH_umaxp_b, VH_umaxp_h, VH_umaxp_s,
    VH_uminp_b, VH_uminp_h, VH_uminp_s,
    VH_smaxp_b, VH_smaxp_h, VH_smaxp_s,
    VH_sminp_b, VH_sminp_h, VH_sminp_s,
    VH_cmhi_b, VH_cmhi_h, VH_cmhi_s, VH_cmhi_d,
    VH_cmhs_b, VH_cmhs_h, VH_cmhs_s, VH_cmhs_d,
    VH_cmgt_b, VH_cmgt_h, VH_cmgt_s, VH_cmgt_d,
    VH_cmge_b, VH_cmge_h, VH_cmge_s, VH_cmge_d,
    VH_COUNT
};
extern const TCGHelperInfo vec_helpers[VH_COUNT];
A64_HELPER(fp_sqrt);
/*
 * helper-crypto.c: the Cryptographic Extension, (env, p) with
 * p = VEC_ARGS(rd, rn, rm, 0, 0).  The order follows the opcode fields:
 * three-register SHA opc 0..6, then two-register SHA opc 0..2.
 */
enum {
    CH_aese, CH_aesd, CH_aesmc, CH_aesimc,
    CH_sha1c, CH_sha1p, CH_sha1m, CH_sha1su0,
    CH_sha256h, CH_sha256h2, CH_sha256su1,
    CH_sha1h, CH_sha1su1, CH_sha256su0,
    CH_COUNT
};
extern const TCGHelperInfo crypto_helpers[CH_COUNT];


/* helper-vec.c: scalar FP (env, a, b) -> i64, one per op and size */
enum {
    SH_fadd_s, SH_fadd_d, SH_fsub_s, SH_fsub_d,
    SH_fmul_s, SH_fmul_d, SH_fdiv_s, SH_fdiv_d,
    SH_COUNT
};
extern const TCGHelperInfo sfp_helpers[SH_COUNT];
         /* (env, a, size) -> i64 */

#ifdef CONFIG_SOFTMMU
/* cpu-sys.c: the system instructions of qemu-system-aarch64 */
A64_HELPER(eret);            /* (env): EL1 only; pc = ELR_EL1 after */
A64_HELPER(pstate_write);    /* (env, ARM_PSTATE_*, val) */
A64_HELPER(wfi);             /* (env): pc already after the WFI */
A64_HELPER(hvc_smc);         /* (env, imm16 | is_smc << 16): pc after */
A64_HELPER(sysreg_read);     /* (env, ri) -> i64 */
A64_HELPER(sysreg_write);    /* (env, ri, val) */
A64_HELPER(sysreg_access);   /* (env, ri, trap_esr | isread << 32) */

/* What helper_pstate_write changes. */
enum {
    ARM_PSTATE_DAIFSET, ARM_PSTATE_DAIFCLR, ARM_PSTATE_DAIF,
    ARM_PSTATE_SPSEL, ARM_PSTATE_PAN, ARM_PSTATE_UAO,
};

/*
 * Raise a synchronous exception to EL1 with this ESR from a helper
 * (EXCP_ARM_SYNC): ELR = env->pc after restoring from ra (0: as is).
 */
void arm_raise_sync(CPUARMState *env, uint32_t esr, uintptr_t ra)
    __attribute__((noreturn));
#endif

/* cpu.c: the constant system registers (ID, CTR, DCZID, CNTFRQ) */
uint64_t a64_sysreg_value(CPUARMState *env, uint32_t key, bool *ok);

#endif

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

/* cpu.c: the constant system registers (ID, CTR, DCZID, CNTFRQ) */
uint64_t a64_sysreg_value(CPUARMState *env, uint32_t key, bool *ok);

#endif

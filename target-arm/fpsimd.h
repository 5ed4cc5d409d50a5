/*
 * target-arm/fpsimd.h: the element primitives shared by the scalar FP
 * (helper-fp.c) and AdvSIMD (helper-simd.c) helpers.  Sizes are log2
 * of the element's bytes; values travel as raw bit patterns.
 */
#ifndef TARGET_ARM_FPSIMD_H
#define TARGET_ARM_FPSIMD_H

#include "internals.h"

enum {
    FP_ADD, FP_SUB, FP_MUL, FP_DIV, FP_MAX, FP_MIN, FP_MAXNM, FP_MINNM,
    FP_NMUL, FP_ABD,
};

uint64_t fp_op2(CPUARMState *env, int op, int sz, uint64_t a, uint64_t b);
uint64_t fp_muladd(CPUARMState *env, int sz, uint64_t a, uint64_t b,
                   uint64_t c, int flags);
/* A FloatRelation; signal: any NaN raises invalid. */
int fp_compare(CPUARMState *env, int sz, uint64_t a, uint64_t b, bool signal);
uint64_t fp_abs(int sz, uint64_t a);
uint64_t fp_neg(int sz, uint64_t a);
uint64_t fp_sqrt(CPUARMState *env, int sz, uint64_t a);
uint64_t fp_round(CPUARMState *env, int sz, uint64_t a, int mode, bool exact);
uint64_t fp_to_int(CPUARMState *env, int sz, uint64_t a, int mode,
                   bool is_unsigned, bool to64, int fbits);
uint64_t int_to_fp(CPUARMState *env, int sz, uint64_t v, bool is_unsigned,
                   int fbits);
uint64_t fp_convert(CPUARMState *env, int from, int to, uint64_t a);
uint64_t fp_expand_imm(int sz, uint32_t imm8);
bool arm_cond_holds(CPUARMState *env, int cc);

bool simd_expand_imm(bool q, bool op, int cmode, bool o2, uint32_t imm8,
                     uint64_t *out, int *kind);

/* helper-simd-move.c: parts of helper_fpsimd(); false: unallocated */
bool simd_copy(CPUARMState *env, uint32_t insn, bool scalar);
bool simd_mod_imm(CPUARMState *env, uint32_t insn);
bool simd_permute(CPUARMState *env, uint32_t insn);
bool simd_ext(CPUARMState *env, uint32_t insn);
bool simd_tbl(CPUARMState *env, uint32_t insn);

/* Translation time: is this FP/AdvSIMD encoding allocated? */
bool a64_fpsimd_allocated(uint32_t insn);

/* Scalar FP data processing; false: unallocated. */
bool a64_fp_scalar(CPUARMState *env, uint32_t insn);

#endif

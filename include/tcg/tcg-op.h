/*
 * tcg-op.h: the builder API frontends use to emit TCG ops.
 *
 * Every function exists for i32 and i64 (tcg_gen_add_i32, tcg_gen_add_i64,
 * ...).  The type-generic work is in tcg/tcg-op.c, which also lowers ops
 * the host backend lacks (rotates, deposits, divisions, double-width
 * products) to sequences of ops it has, so frontends never ask.
 */
#ifndef TCG_TCG_OP_H
#define TCG_TCG_OP_H

#include "tcg/tcg.h"

/* ------------------------------------------- type-generic core (tcg-op.c) */

void tcg_gen_op1(TCGOpcode opc, TCGType type, TCGArg a1);
void tcg_gen_op2(TCGOpcode opc, TCGType type, TCGArg a1, TCGArg a2);
void tcg_gen_op3(TCGOpcode opc, TCGType type, TCGArg a1, TCGArg a2, TCGArg a3);
void tcg_gen_op4(TCGOpcode opc, TCGType type, TCGArg a1, TCGArg a2, TCGArg a3,
                 TCGArg a4);
void tcg_gen_op5(TCGOpcode opc, TCGType type, TCGArg a1, TCGArg a2, TCGArg a3,
                 TCGArg a4, TCGArg a5);
void tcg_gen_op6(TCGOpcode opc, TCGType type, TCGArg a1, TCGArg a2, TCGArg a3,
                 TCGArg a4, TCGArg a5, TCGArg a6);

void tcg_gen_mov(TCGType t, TCGTemp *ret, TCGTemp *arg);
void tcg_gen_movi(TCGType t, TCGTemp *ret, int64_t arg);
void tcg_gen_binop(TCGOpcode opc, TCGType t, TCGTemp *ret, TCGTemp *a, TCGTemp *b);
void tcg_gen_unop(TCGOpcode opc, TCGType t, TCGTemp *ret, TCGTemp *a);
void tcg_gen_addi(TCGType t, TCGTemp *ret, TCGTemp *a, int64_t b);
void tcg_gen_subi(TCGType t, TCGTemp *ret, TCGTemp *a, int64_t b);
void tcg_gen_subfi(TCGType t, TCGTemp *ret, int64_t a, TCGTemp *b);
void tcg_gen_muli(TCGType t, TCGTemp *ret, TCGTemp *a, int64_t b);
void tcg_gen_andi(TCGType t, TCGTemp *ret, TCGTemp *a, int64_t b);
void tcg_gen_ori(TCGType t, TCGTemp *ret, TCGTemp *a, int64_t b);
void tcg_gen_xori(TCGType t, TCGTemp *ret, TCGTemp *a, int64_t b);
void tcg_gen_shifti(TCGOpcode opc, TCGType t, TCGTemp *ret, TCGTemp *a, unsigned b);
void tcg_gen_rot(TCGOpcode opc, TCGType t, TCGTemp *ret, TCGTemp *a, TCGTemp *b);
void tcg_gen_roti(TCGOpcode opc, TCGType t, TCGTemp *ret, TCGTemp *a, unsigned b);
void tcg_gen_divrem(TCGOpcode opc, TCGType t, TCGTemp *ret, TCGTemp *a, TCGTemp *b);
void tcg_gen_mul2(TCGOpcode opc, TCGType t, TCGTemp *rl, TCGTemp *rh,
                  TCGTemp *a, TCGTemp *b);
void tcg_gen_mulh(TCGOpcode opc, TCGType t, TCGTemp *ret, TCGTemp *a, TCGTemp *b);
void tcg_gen_addsub2(TCGOpcode opc, TCGType t, TCGTemp *rl, TCGTemp *rh,
                     TCGTemp *al, TCGTemp *ah, TCGTemp *bl, TCGTemp *bh);
void tcg_gen_ext(TCGOpcode opc, TCGType t, TCGTemp *ret, TCGTemp *a);
void tcg_gen_bswap(TCGOpcode opc, TCGType t, TCGTemp *ret, TCGTemp *a);
void tcg_gen_cntz(TCGOpcode opc, TCGType t, TCGTemp *ret, TCGTemp *a, TCGTemp *b);
void tcg_gen_ctpop(TCGType t, TCGTemp *ret, TCGTemp *a);
void tcg_gen_deposit(TCGType t, TCGTemp *ret, TCGTemp *a, TCGTemp *b,
                     unsigned pos, unsigned len);
void tcg_gen_extract(TCGType t, TCGTemp *ret, TCGTemp *a, unsigned pos,
                     unsigned len, bool sign);
void tcg_gen_extract2(TCGType t, TCGTemp *ret, TCGTemp *lo, TCGTemp *hi,
                      unsigned pos);
void tcg_gen_setcond(TCGCond c, TCGType t, TCGTemp *ret, TCGTemp *a, TCGTemp *b,
                     bool neg);
void tcg_gen_movcond(TCGCond c, TCGType t, TCGTemp *ret, TCGTemp *c1,
                     TCGTemp *c2, TCGTemp *v1, TCGTemp *v2);
void tcg_gen_brcond(TCGCond c, TCGType t, TCGTemp *a, TCGTemp *b, TCGLabel *l);
void tcg_gen_ldst(TCGOpcode opc, TCGType t, TCGTemp *val, TCGTemp *base,
                  intptr_t ofs);
void tcg_gen_qemu_ld(TCGType t, TCGTemp *val, TCGTemp *addr, unsigned idx,
                     MemOp memop);
/*
 * Two elements of the MemOp's size at addr and addr2 = addr + size, as two
 * accesses done in that order (a fault in the second leaves the first
 * done).  Where the backend can, one soft-TLB check covers both; addr2
 * is then unused (the frontend computes it anyway: liveness drops it).
 */
void tcg_gen_qemu_ld2(TCGType t, TCGTemp *lo, TCGTemp *hi, TCGTemp *addr,
                      TCGTemp *addr2, unsigned idx, MemOp memop);
void tcg_gen_qemu_st2(TCGType t, TCGTemp *lo, TCGTemp *hi, TCGTemp *addr,
                      TCGTemp *addr2, unsigned idx, MemOp memop);
void tcg_gen_qemu_st(TCGType t, TCGTemp *val, TCGTemp *addr, unsigned idx,
                     MemOp memop);

/* ------------------------------------------- per-type wrappers (both types) */

#define TCG_OP_WRAPPERS(SZ, TY)                                                \
static inline TCGTemp *tcgv_##SZ##_t(TCGv_##SZ v) { return (TCGTemp *)v; }     \
static inline void tcg_gen_mov_##SZ(TCGv_##SZ r, TCGv_##SZ a)                  \
{ tcg_gen_mov(TY, (TCGTemp *)r, (TCGTemp *)a); }                               \
static inline void tcg_gen_movi_##SZ(TCGv_##SZ r, int64_t a)                   \
{ tcg_gen_movi(TY, (TCGTemp *)r, a); }                                         \
static inline void tcg_gen_discard_##SZ(TCGv_##SZ a)                           \
{ tcg_gen_op1(INDEX_op_discard, TY, temp_arg((TCGTemp *)a)); }                 \
TCG_BINOP(SZ, TY, add) TCG_BINOP(SZ, TY, sub) TCG_BINOP(SZ, TY, mul)           \
TCG_BINOP(SZ, TY, and) TCG_BINOP(SZ, TY, or) TCG_BINOP(SZ, TY, xor)            \
TCG_BINOP(SZ, TY, andc) TCG_BINOP(SZ, TY, orc) TCG_BINOP(SZ, TY, eqv)          \
TCG_BINOP(SZ, TY, nand) TCG_BINOP(SZ, TY, nor)                                 \
TCG_BINOP(SZ, TY, shl) TCG_BINOP(SZ, TY, shr) TCG_BINOP(SZ, TY, sar)           \
TCG_UNOP(SZ, TY, neg) TCG_UNOP(SZ, TY, not)                                    \
TCG_IMMOP(SZ, TY, addi, tcg_gen_addi) TCG_IMMOP(SZ, TY, subi, tcg_gen_subi)    \
TCG_IMMOP(SZ, TY, muli, tcg_gen_muli) TCG_IMMOP(SZ, TY, andi, tcg_gen_andi)    \
TCG_IMMOP(SZ, TY, ori, tcg_gen_ori) TCG_IMMOP(SZ, TY, xori, tcg_gen_xori)      \
static inline void tcg_gen_subfi_##SZ(TCGv_##SZ r, int64_t a, TCGv_##SZ b)     \
{ tcg_gen_subfi(TY, (TCGTemp *)r, a, (TCGTemp *)b); }                          \
TCG_SHIFTI(SZ, TY, shli, shl) TCG_SHIFTI(SZ, TY, shri, shr)                    \
TCG_SHIFTI(SZ, TY, sari, sar)                                                  \
static inline void tcg_gen_rotl_##SZ(TCGv_##SZ r, TCGv_##SZ a, TCGv_##SZ b)    \
{ tcg_gen_rot(INDEX_op_rotl, TY, (TCGTemp *)r, (TCGTemp *)a, (TCGTemp *)b); }  \
static inline void tcg_gen_rotr_##SZ(TCGv_##SZ r, TCGv_##SZ a, TCGv_##SZ b)    \
{ tcg_gen_rot(INDEX_op_rotr, TY, (TCGTemp *)r, (TCGTemp *)a, (TCGTemp *)b); }  \
static inline void tcg_gen_rotli_##SZ(TCGv_##SZ r, TCGv_##SZ a, unsigned b)    \
{ tcg_gen_roti(INDEX_op_rotl, TY, (TCGTemp *)r, (TCGTemp *)a, b); }            \
static inline void tcg_gen_rotri_##SZ(TCGv_##SZ r, TCGv_##SZ a, unsigned b)    \
{ tcg_gen_roti(INDEX_op_rotr, TY, (TCGTemp *)r, (TCGTemp *)a, b); }            \
TCG_DIVOP(SZ, TY, div) TCG_DIVOP(SZ, TY, divu) TCG_DIVOP(SZ, TY, rem)          \
TCG_DIVOP(SZ, TY, remu)                                                        \
static inline void tcg_gen_mulu2_##SZ(TCGv_##SZ rl, TCGv_##SZ rh,              \
                                      TCGv_##SZ a, TCGv_##SZ b)                \
{ tcg_gen_mul2(INDEX_op_mulu2, TY, (TCGTemp *)rl, (TCGTemp *)rh,               \
               (TCGTemp *)a, (TCGTemp *)b); }                                  \
static inline void tcg_gen_muls2_##SZ(TCGv_##SZ rl, TCGv_##SZ rh,              \
                                      TCGv_##SZ a, TCGv_##SZ b)                \
{ tcg_gen_mul2(INDEX_op_muls2, TY, (TCGTemp *)rl, (TCGTemp *)rh,               \
               (TCGTemp *)a, (TCGTemp *)b); }                                  \
static inline void tcg_gen_muluh_##SZ(TCGv_##SZ r, TCGv_##SZ a, TCGv_##SZ b)   \
{ tcg_gen_mulh(INDEX_op_muluh, TY, (TCGTemp *)r, (TCGTemp *)a, (TCGTemp *)b); }\
static inline void tcg_gen_mulsh_##SZ(TCGv_##SZ r, TCGv_##SZ a, TCGv_##SZ b)   \
{ tcg_gen_mulh(INDEX_op_mulsh, TY, (TCGTemp *)r, (TCGTemp *)a, (TCGTemp *)b); }\
static inline void tcg_gen_add2_##SZ(TCGv_##SZ rl, TCGv_##SZ rh, TCGv_##SZ al, \
                                     TCGv_##SZ ah, TCGv_##SZ bl, TCGv_##SZ bh) \
{ tcg_gen_addsub2(INDEX_op_add2, TY, (TCGTemp *)rl, (TCGTemp *)rh,             \
                  (TCGTemp *)al, (TCGTemp *)ah, (TCGTemp *)bl, (TCGTemp *)bh); }\
static inline void tcg_gen_sub2_##SZ(TCGv_##SZ rl, TCGv_##SZ rh, TCGv_##SZ al, \
                                     TCGv_##SZ ah, TCGv_##SZ bl, TCGv_##SZ bh) \
{ tcg_gen_addsub2(INDEX_op_sub2, TY, (TCGTemp *)rl, (TCGTemp *)rh,             \
                  (TCGTemp *)al, (TCGTemp *)ah, (TCGTemp *)bl, (TCGTemp *)bh); }\
TCG_EXTOP(SZ, TY, ext8s) TCG_EXTOP(SZ, TY, ext8u) TCG_EXTOP(SZ, TY, ext16s)    \
TCG_EXTOP(SZ, TY, ext16u)                                                      \
static inline void tcg_gen_bswap16_##SZ(TCGv_##SZ r, TCGv_##SZ a)              \
{ tcg_gen_bswap(INDEX_op_bswap16, TY, (TCGTemp *)r, (TCGTemp *)a); }           \
static inline void tcg_gen_bswap32_##SZ(TCGv_##SZ r, TCGv_##SZ a)              \
{ tcg_gen_bswap(INDEX_op_bswap32, TY, (TCGTemp *)r, (TCGTemp *)a); }           \
static inline void tcg_gen_clz_##SZ(TCGv_##SZ r, TCGv_##SZ a, TCGv_##SZ b)     \
{ tcg_gen_cntz(INDEX_op_clz, TY, (TCGTemp *)r, (TCGTemp *)a, (TCGTemp *)b); }  \
static inline void tcg_gen_ctz_##SZ(TCGv_##SZ r, TCGv_##SZ a, TCGv_##SZ b)     \
{ tcg_gen_cntz(INDEX_op_ctz, TY, (TCGTemp *)r, (TCGTemp *)a, (TCGTemp *)b); }  \
static inline void tcg_gen_clzi_##SZ(TCGv_##SZ r, TCGv_##SZ a, int64_t b)      \
{ tcg_gen_cntz(INDEX_op_clz, TY, (TCGTemp *)r, (TCGTemp *)a,                   \
               tcg_constant_internal(TY, b)); }                                \
static inline void tcg_gen_ctzi_##SZ(TCGv_##SZ r, TCGv_##SZ a, int64_t b)      \
{ tcg_gen_cntz(INDEX_op_ctz, TY, (TCGTemp *)r, (TCGTemp *)a,                   \
               tcg_constant_internal(TY, b)); }                                \
static inline void tcg_gen_ctpop_##SZ(TCGv_##SZ r, TCGv_##SZ a)                \
{ tcg_gen_ctpop(TY, (TCGTemp *)r, (TCGTemp *)a); }                             \
static inline void tcg_gen_deposit_##SZ(TCGv_##SZ r, TCGv_##SZ a, TCGv_##SZ b, \
                                        unsigned pos, unsigned len)            \
{ tcg_gen_deposit(TY, (TCGTemp *)r, (TCGTemp *)a, (TCGTemp *)b, pos, len); }   \
static inline void tcg_gen_extract_##SZ(TCGv_##SZ r, TCGv_##SZ a,              \
                                        unsigned pos, unsigned len)            \
{ tcg_gen_extract(TY, (TCGTemp *)r, (TCGTemp *)a, pos, len, false); }          \
static inline void tcg_gen_sextract_##SZ(TCGv_##SZ r, TCGv_##SZ a,             \
                                         unsigned pos, unsigned len)           \
{ tcg_gen_extract(TY, (TCGTemp *)r, (TCGTemp *)a, pos, len, true); }           \
static inline void tcg_gen_extract2_##SZ(TCGv_##SZ r, TCGv_##SZ lo,            \
                                         TCGv_##SZ hi, unsigned pos)           \
{ tcg_gen_extract2(TY, (TCGTemp *)r, (TCGTemp *)lo, (TCGTemp *)hi, pos); }     \
static inline void tcg_gen_setcond_##SZ(TCGCond c, TCGv_##SZ r, TCGv_##SZ a,   \
                                        TCGv_##SZ b)                           \
{ tcg_gen_setcond(c, TY, (TCGTemp *)r, (TCGTemp *)a, (TCGTemp *)b, false); }   \
static inline void tcg_gen_negsetcond_##SZ(TCGCond c, TCGv_##SZ r,             \
                                           TCGv_##SZ a, TCGv_##SZ b)           \
{ tcg_gen_setcond(c, TY, (TCGTemp *)r, (TCGTemp *)a, (TCGTemp *)b, true); }    \
static inline void tcg_gen_setcondi_##SZ(TCGCond c, TCGv_##SZ r, TCGv_##SZ a,  \
                                         int64_t b)                            \
{ tcg_gen_setcond(c, TY, (TCGTemp *)r, (TCGTemp *)a,                           \
                  tcg_constant_internal(TY, b), false); }                      \
static inline void tcg_gen_movcond_##SZ(TCGCond c, TCGv_##SZ r, TCGv_##SZ c1,  \
                                        TCGv_##SZ c2, TCGv_##SZ v1,            \
                                        TCGv_##SZ v2)                          \
{ tcg_gen_movcond(c, TY, (TCGTemp *)r, (TCGTemp *)c1, (TCGTemp *)c2,           \
                  (TCGTemp *)v1, (TCGTemp *)v2); }                             \
static inline void tcg_gen_brcond_##SZ(TCGCond c, TCGv_##SZ a, TCGv_##SZ b,    \
                                       TCGLabel *l)                            \
{ tcg_gen_brcond(c, TY, (TCGTemp *)a, (TCGTemp *)b, l); }                      \
static inline void tcg_gen_brcondi_##SZ(TCGCond c, TCGv_##SZ a, int64_t b,     \
                                        TCGLabel *l)                           \
{ tcg_gen_brcond(c, TY, (TCGTemp *)a, tcg_constant_internal(TY, b), l); }      \
TCG_LDOP(SZ, TY, ld8u) TCG_LDOP(SZ, TY, ld8s) TCG_LDOP(SZ, TY, ld16u)          \
TCG_LDOP(SZ, TY, ld16s) TCG_LDOP(SZ, TY, ld) TCG_LDOP(SZ, TY, st8)             \
TCG_LDOP(SZ, TY, st16) TCG_LDOP(SZ, TY, st)                                    \
static inline void tcg_gen_qemu_ld_##SZ(TCGv_##SZ v, TCGTemp *addr,            \
                                        unsigned idx, MemOp mop)               \
{ tcg_gen_qemu_ld(TY, (TCGTemp *)v, addr, idx, mop); }                         \
static inline void tcg_gen_qemu_st_##SZ(TCGv_##SZ v, TCGTemp *addr,            \
                                        unsigned idx, MemOp mop)               \
{ tcg_gen_qemu_st(TY, (TCGTemp *)v, addr, idx, mop); }

#define TCG_BINOP(SZ, TY, OP)                                                  \
static inline void tcg_gen_##OP##_##SZ(TCGv_##SZ r, TCGv_##SZ a, TCGv_##SZ b)  \
{ tcg_gen_binop(INDEX_op_##OP, TY, (TCGTemp *)r, (TCGTemp *)a, (TCGTemp *)b); }
#define TCG_UNOP(SZ, TY, OP)                                                   \
static inline void tcg_gen_##OP##_##SZ(TCGv_##SZ r, TCGv_##SZ a)               \
{ tcg_gen_unop(INDEX_op_##OP, TY, (TCGTemp *)r, (TCGTemp *)a); }
#define TCG_IMMOP(SZ, TY, NAME, FN)                                            \
static inline void tcg_gen_##NAME##_##SZ(TCGv_##SZ r, TCGv_##SZ a, int64_t b)  \
{ FN(TY, (TCGTemp *)r, (TCGTemp *)a, b); }
#define TCG_SHIFTI(SZ, TY, NAME, OP)                                           \
static inline void tcg_gen_##NAME##_##SZ(TCGv_##SZ r, TCGv_##SZ a, unsigned b) \
{ tcg_gen_shifti(INDEX_op_##OP, TY, (TCGTemp *)r, (TCGTemp *)a, b); }
#define TCG_DIVOP(SZ, TY, OP)                                                  \
static inline void tcg_gen_##OP##_##SZ(TCGv_##SZ r, TCGv_##SZ a, TCGv_##SZ b)  \
{ tcg_gen_divrem(INDEX_op_##OP, TY, (TCGTemp *)r, (TCGTemp *)a, (TCGTemp *)b); }
#define TCG_EXTOP(SZ, TY, OP)                                                  \
static inline void tcg_gen_##OP##_##SZ(TCGv_##SZ r, TCGv_##SZ a)               \
{ tcg_gen_ext(INDEX_op_##OP, TY, (TCGTemp *)r, (TCGTemp *)a); }
#define TCG_LDOP(SZ, TY, OP)                                                   \
static inline void tcg_gen_##OP##_##SZ(TCGv_##SZ v, TCGv_ptr base, intptr_t o) \
{ tcg_gen_ldst(INDEX_op_##OP, TY, (TCGTemp *)v, (TCGTemp *)base, o); }

TCG_OP_WRAPPERS(i32, TCG_TYPE_I32)
TCG_OP_WRAPPERS(i64, TCG_TYPE_I64)

#undef TCG_BINOP
#undef TCG_UNOP
#undef TCG_IMMOP
#undef TCG_SHIFTI
#undef TCG_DIVOP
#undef TCG_EXTOP
#undef TCG_LDOP

/* i64-only operations */
static inline void tcg_gen_ext32s_i64(TCGv_i64 r, TCGv_i64 a)
{ tcg_gen_ext(INDEX_op_ext32s, TCG_TYPE_I64, (TCGTemp *)r, (TCGTemp *)a); }
static inline void tcg_gen_ext32u_i64(TCGv_i64 r, TCGv_i64 a)
{ tcg_gen_ext(INDEX_op_ext32u, TCG_TYPE_I64, (TCGTemp *)r, (TCGTemp *)a); }
static inline void tcg_gen_bswap64_i64(TCGv_i64 r, TCGv_i64 a)
{ tcg_gen_bswap(INDEX_op_bswap64, TCG_TYPE_I64, (TCGTemp *)r, (TCGTemp *)a); }
static inline void tcg_gen_ld32u_i64(TCGv_i64 v, TCGv_ptr b, intptr_t o)
{ tcg_gen_ldst(INDEX_op_ld32u, TCG_TYPE_I64, (TCGTemp *)v, (TCGTemp *)b, o); }
static inline void tcg_gen_ld32s_i64(TCGv_i64 v, TCGv_ptr b, intptr_t o)
{ tcg_gen_ldst(INDEX_op_ld32s, TCG_TYPE_I64, (TCGTemp *)v, (TCGTemp *)b, o); }
static inline void tcg_gen_st32_i64(TCGv_i64 v, TCGv_ptr b, intptr_t o)
{ tcg_gen_ldst(INDEX_op_st32, TCG_TYPE_I64, (TCGTemp *)v, (TCGTemp *)b, o); }

/* host pointers */
static inline void tcg_gen_ld_ptr(TCGv_ptr v, TCGv_ptr b, intptr_t o)
{ tcg_gen_ldst(INDEX_op_ld, TCG_TYPE_PTR, (TCGTemp *)v, (TCGTemp *)b, o); }
static inline void tcg_gen_st_ptr(TCGv_ptr v, TCGv_ptr b, intptr_t o)
{ tcg_gen_ldst(INDEX_op_st, TCG_TYPE_PTR, (TCGTemp *)v, (TCGTemp *)b, o); }
static inline void tcg_gen_addi_ptr(TCGv_ptr r, TCGv_ptr a, intptr_t b)
{ tcg_gen_addi(TCG_TYPE_PTR, (TCGTemp *)r, (TCGTemp *)a, b); }

/* conversions between i32 and i64 */
void tcg_gen_ext_i32_i64(TCGv_i64 ret, TCGv_i32 arg);
void tcg_gen_extu_i32_i64(TCGv_i64 ret, TCGv_i32 arg);
void tcg_gen_extrl_i64_i32(TCGv_i32 ret, TCGv_i64 arg);
void tcg_gen_extrh_i64_i32(TCGv_i32 ret, TCGv_i64 arg);
void tcg_gen_concat_i32_i64(TCGv_i64 ret, TCGv_i32 lo, TCGv_i32 hi);
void tcg_gen_extr_i64_i32(TCGv_i32 lo, TCGv_i32 hi, TCGv_i64 arg);

/* control */
void tcg_gen_br(TCGLabel *l);
void gen_set_label(TCGLabel *l);
void tcg_gen_mb(unsigned kind);
/* Record the start of a guest instruction: pc and target extra words. */
void tcg_gen_insn_start(const uint64_t *words);
/* Leave the TB returning (tb | idx) to the exec loop; tb NULL returns 0. */
void tcg_gen_exit_tb(const struct TranslationBlock *tb, unsigned idx);
/* A chainable direct jump: slot 0 or 1, followed by exit_tb(tb, slot). */
void tcg_gen_goto_tb(unsigned idx);
/* (lookup_and_goto_ptr is in exec/translator.h: it needs the CPU layout) */

/* Helper calls: ret may be NULL for void helpers. */
void tcg_gen_call(const TCGHelperInfo *info, TCGTemp *ret, TCGTemp **args);

#endif

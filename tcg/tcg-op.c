/*
 * tcg-op.c: the type-generic builder behind include/tcg/tcg-op.h.
 *
 * Emits one op when the backend has it (tcg_op_supported) and otherwise
 * lowers to ops every backend has: rotates to shifts, deposits and
 * extracts to masks and shifts, divisions to div2, high products to
 * mul2, add2/sub2 to carries computed with setcond.
 */
#include "tcg/tcg-op.h"
#include "tcg-internal.h"

static inline TCGArg T(TCGTemp *t)
{
    return temp_arg(t);
}

void tcg_gen_op1(TCGOpcode opc, TCGType type, TCGArg a1)
{
    TCGOp *op = tcg_emit_op(opc, type, 1);
    op->args[0] = a1;
}

void tcg_gen_op2(TCGOpcode opc, TCGType type, TCGArg a1, TCGArg a2)
{
    TCGOp *op = tcg_emit_op(opc, type, 2);
    op->args[0] = a1;
    op->args[1] = a2;
}

void tcg_gen_op3(TCGOpcode opc, TCGType type, TCGArg a1, TCGArg a2, TCGArg a3)
{
    TCGOp *op = tcg_emit_op(opc, type, 3);
    op->args[0] = a1;
    op->args[1] = a2;
    op->args[2] = a3;
}

void tcg_gen_op4(TCGOpcode opc, TCGType type, TCGArg a1, TCGArg a2, TCGArg a3,
                 TCGArg a4)
{
    TCGOp *op = tcg_emit_op(opc, type, 4);
    op->args[0] = a1;
    op->args[1] = a2;
    op->args[2] = a3;
    op->args[3] = a4;
}

void tcg_gen_op5(TCGOpcode opc, TCGType type, TCGArg a1, TCGArg a2, TCGArg a3,
                 TCGArg a4, TCGArg a5)
{
    TCGOp *op = tcg_emit_op(opc, type, 5);
    op->args[0] = a1;
    op->args[1] = a2;
    op->args[2] = a3;
    op->args[3] = a4;
    op->args[4] = a5;
}

void tcg_gen_op6(TCGOpcode opc, TCGType type, TCGArg a1, TCGArg a2, TCGArg a3,
                 TCGArg a4, TCGArg a5, TCGArg a6)
{
    TCGOp *op = tcg_emit_op(opc, type, 6);
    op->args[0] = a1;
    op->args[1] = a2;
    op->args[2] = a3;
    op->args[3] = a4;
    op->args[4] = a5;
    op->args[5] = a6;
}

static inline TCGTemp *C(TCGType t, int64_t v)
{
    return tcg_constant_internal(t, v);
}

static inline TCGTemp *new_temp(TCGType t)
{
    return tcg_temp_new_internal(t, TEMP_EBB);
}

static inline unsigned type_bits(TCGType t)
{
    return t == TCG_TYPE_I32 ? 32 : 64;
}

void tcg_gen_mov(TCGType t, TCGTemp *ret, TCGTemp *arg)
{
    if (ret != arg) {
        tcg_gen_op2(INDEX_op_mov, t, T(ret), T(arg));
    }
}

void tcg_gen_movi(TCGType t, TCGTemp *ret, int64_t arg)
{
    tcg_gen_mov(t, ret, C(t, arg));
}

void tcg_gen_binop(TCGOpcode opc, TCGType t, TCGTemp *ret, TCGTemp *a, TCGTemp *b)
{
    if (!tcg_op_supported(opc, t)) {
        /* The logic compositions every backend can build from and/or/xor/not. */
        TCGTemp *tmp = new_temp(t);
        switch (opc) {
        case INDEX_op_andc:
            tcg_gen_unop(INDEX_op_not, t, tmp, b);
            tcg_gen_binop(INDEX_op_and, t, ret, a, tmp);
            break;
        case INDEX_op_orc:
            tcg_gen_unop(INDEX_op_not, t, tmp, b);
            tcg_gen_binop(INDEX_op_or, t, ret, a, tmp);
            break;
        case INDEX_op_eqv:
            tcg_gen_binop(INDEX_op_xor, t, tmp, a, b);
            tcg_gen_unop(INDEX_op_not, t, ret, tmp);
            break;
        case INDEX_op_nand:
            tcg_gen_binop(INDEX_op_and, t, tmp, a, b);
            tcg_gen_unop(INDEX_op_not, t, ret, tmp);
            break;
        case INDEX_op_nor:
            tcg_gen_binop(INDEX_op_or, t, tmp, a, b);
            tcg_gen_unop(INDEX_op_not, t, ret, tmp);
            break;
        default:
            tcg_abort_msg("backend lacks %s", tcg_op_defs[opc].name);
        }
        tcg_temp_free_internal(tmp);
        return;
    }
    tcg_gen_op3(opc, t, T(ret), T(a), T(b));
}

void tcg_gen_unop(TCGOpcode opc, TCGType t, TCGTemp *ret, TCGTemp *a)
{
    if (!tcg_op_supported(opc, t)) {
        switch (opc) {
        case INDEX_op_not:
            tcg_gen_binop(INDEX_op_xor, t, ret, a, C(t, -1));
            return;
        case INDEX_op_neg:
            tcg_gen_binop(INDEX_op_sub, t, ret, C(t, 0), a);
            return;
        default:
            tcg_abort_msg("backend lacks %s", tcg_op_defs[opc].name);
        }
    }
    tcg_gen_op2(opc, t, T(ret), T(a));
}

void tcg_gen_addi(TCGType t, TCGTemp *ret, TCGTemp *a, int64_t b)
{
    if (b == 0) {
        tcg_gen_mov(t, ret, a);
    } else {
        tcg_gen_binop(INDEX_op_add, t, ret, a, C(t, b));
    }
}

void tcg_gen_subi(TCGType t, TCGTemp *ret, TCGTemp *a, int64_t b)
{
    if (b == 0) {
        tcg_gen_mov(t, ret, a);
    } else {
        tcg_gen_binop(INDEX_op_add, t, ret, a, C(t, -b));
    }
}

void tcg_gen_subfi(TCGType t, TCGTemp *ret, int64_t a, TCGTemp *b)
{
    if (a == 0) {
        tcg_gen_unop(INDEX_op_neg, t, ret, b);
    } else {
        tcg_gen_binop(INDEX_op_sub, t, ret, C(t, a), b);
    }
}

void tcg_gen_muli(TCGType t, TCGTemp *ret, TCGTemp *a, int64_t b)
{
    if (b == 0) {
        tcg_gen_movi(t, ret, 0);
    } else if (b == 1) {
        tcg_gen_mov(t, ret, a);
    } else if ((b & (b - 1)) == 0 && b > 0) {
        tcg_gen_shifti(INDEX_op_shl, t, ret, a, __builtin_ctzll(b));
    } else {
        tcg_gen_binop(INDEX_op_mul, t, ret, a, C(t, b));
    }
}

void tcg_gen_andi(TCGType t, TCGTemp *ret, TCGTemp *a, int64_t b)
{
    uint64_t m = tcg_type_mask(t, b);

    if (m == 0) {
        tcg_gen_movi(t, ret, 0);
    } else if (m == tcg_type_mask(t, -1)) {
        tcg_gen_mov(t, ret, a);
    } else if (m == 0xff && tcg_op_supported(INDEX_op_ext8u, t)) {
        tcg_gen_op2(INDEX_op_ext8u, t, T(ret), T(a));
    } else if (m == 0xffff && tcg_op_supported(INDEX_op_ext16u, t)) {
        tcg_gen_op2(INDEX_op_ext16u, t, T(ret), T(a));
    } else if (m == 0xffffffffu && t == TCG_TYPE_I64 &&
               tcg_op_supported(INDEX_op_ext32u, t)) {
        tcg_gen_op2(INDEX_op_ext32u, t, T(ret), T(a));
    } else {
        tcg_gen_binop(INDEX_op_and, t, ret, a, C(t, b));
    }
}

void tcg_gen_ori(TCGType t, TCGTemp *ret, TCGTemp *a, int64_t b)
{
    if (tcg_type_mask(t, b) == tcg_type_mask(t, -1)) {
        tcg_gen_movi(t, ret, -1);
    } else if (b == 0) {
        tcg_gen_mov(t, ret, a);
    } else {
        tcg_gen_binop(INDEX_op_or, t, ret, a, C(t, b));
    }
}

void tcg_gen_xori(TCGType t, TCGTemp *ret, TCGTemp *a, int64_t b)
{
    if (b == 0) {
        tcg_gen_mov(t, ret, a);
    } else if (tcg_type_mask(t, b) == tcg_type_mask(t, -1)) {
        tcg_gen_unop(INDEX_op_not, t, ret, a);
    } else {
        tcg_gen_binop(INDEX_op_xor, t, ret, a, C(t, b));
    }
}

void tcg_gen_shifti(TCGOpcode opc, TCGType t, TCGTemp *ret, TCGTemp *a,
                    unsigned b)
{
    tcg_debug_assert(b < type_bits(t));
    if (b == 0) {
        tcg_gen_mov(t, ret, a);
    } else {
        tcg_gen_binop(opc, t, ret, a, C(t, b));
    }
}

void tcg_gen_rot(TCGOpcode opc, TCGType t, TCGTemp *ret, TCGTemp *a, TCGTemp *b)
{
    TCGTemp *t0, *t1;

    if (tcg_op_supported(opc, t)) {
        tcg_gen_op3(opc, t, T(ret), T(a), T(b));
        return;
    }
    /* rotl(a, b) = a << b | a >> (-b & (w-1)) */
    t0 = new_temp(t);
    t1 = new_temp(t);
    tcg_gen_unop(INDEX_op_neg, t, t1, b);
    tcg_gen_binop(INDEX_op_and, t, t1, t1, C(t, type_bits(t) - 1));
    if (opc == INDEX_op_rotl) {
        tcg_gen_binop(INDEX_op_shl, t, t0, a, b);
        tcg_gen_binop(INDEX_op_shr, t, t1, a, t1);
    } else {
        tcg_gen_binop(INDEX_op_shr, t, t0, a, b);
        tcg_gen_binop(INDEX_op_shl, t, t1, a, t1);
    }
    tcg_gen_binop(INDEX_op_or, t, ret, t0, t1);
    tcg_temp_free_internal(t0);
    tcg_temp_free_internal(t1);
}

void tcg_gen_roti(TCGOpcode opc, TCGType t, TCGTemp *ret, TCGTemp *a, unsigned b)
{
    unsigned w = type_bits(t);
    TCGTemp *t0, *t1;

    tcg_debug_assert(b < w);
    if (b == 0) {
        tcg_gen_mov(t, ret, a);
        return;
    }
    if (tcg_op_supported(opc, t)) {
        tcg_gen_op3(opc, t, T(ret), T(a), T(C(t, b)));
        return;
    }
    if (opc == INDEX_op_rotr) {
        b = w - b;
    }
    t0 = new_temp(t);
    t1 = new_temp(t);
    tcg_gen_binop(INDEX_op_shl, t, t0, a, C(t, b));
    tcg_gen_binop(INDEX_op_shr, t, t1, a, C(t, w - b));
    tcg_gen_binop(INDEX_op_or, t, ret, t0, t1);
    tcg_temp_free_internal(t0);
    tcg_temp_free_internal(t1);
}

void tcg_gen_divrem(TCGOpcode opc, TCGType t, TCGTemp *ret, TCGTemp *a, TCGTemp *b)
{
    bool is_signed = opc == INDEX_op_div || opc == INDEX_op_rem;
    bool want_rem = opc == INDEX_op_rem || opc == INDEX_op_remu;
    TCGOpcode op2 = is_signed ? INDEX_op_div2 : INDEX_op_divu2;
    TCGTemp *hi, *junk;

    if (tcg_op_supported(opc, t)) {
        tcg_gen_op3(opc, t, T(ret), T(a), T(b));
        return;
    }
    if (!tcg_op_supported(op2, t)) {
        tcg_abort_msg("backend has no division");
    }
    /* Double-width dividend: sign or zero bits above a. */
    hi = new_temp(t);
    junk = new_temp(t);
    if (is_signed) {
        tcg_gen_binop(INDEX_op_sar, t, hi, a, C(t, type_bits(t) - 1));
    } else {
        tcg_gen_movi(t, hi, 0);
    }
    if (want_rem) {
        tcg_gen_op5(op2, t, T(junk), T(ret), T(a), T(hi), T(b));
    } else {
        tcg_gen_op5(op2, t, T(ret), T(junk), T(a), T(hi), T(b));
    }
    tcg_temp_free_internal(hi);
    tcg_temp_free_internal(junk);
}

void tcg_gen_mul2(TCGOpcode opc, TCGType t, TCGTemp *rl, TCGTemp *rh,
                  TCGTemp *a, TCGTemp *b)
{
    if (tcg_op_supported(opc, t)) {
        tcg_gen_op4(opc, t, T(rl), T(rh), T(a), T(b));
        return;
    }
    if (t == TCG_TYPE_I32) {
        /* Widen to i64 and split. */
        TCGTemp *x = new_temp(TCG_TYPE_I64), *y = new_temp(TCG_TYPE_I64);
        TCGOpcode ext = opc == INDEX_op_muls2 ? INDEX_op_ext_i32_i64
                                              : INDEX_op_extu_i32_i64;
        tcg_gen_op2(ext, TCG_TYPE_I64, T(x), T(a));
        tcg_gen_op2(ext, TCG_TYPE_I64, T(y), T(b));
        tcg_gen_binop(INDEX_op_mul, TCG_TYPE_I64, x, x, y);
        tcg_gen_op2(INDEX_op_extrl_i64_i32, TCG_TYPE_I32, T(rl), T(x));
        tcg_gen_op2(INDEX_op_extrh_i64_i32, TCG_TYPE_I32, T(rh), T(x));
        tcg_temp_free_internal(x);
        tcg_temp_free_internal(y);
        return;
    }
    tcg_abort_msg("backend lacks %s", tcg_op_defs[opc].name);
}

void tcg_gen_mulh(TCGOpcode opc, TCGType t, TCGTemp *ret, TCGTemp *a, TCGTemp *b)
{
    TCGTemp *lo;

    if (tcg_op_supported(opc, t)) {
        tcg_gen_op3(opc, t, T(ret), T(a), T(b));
        return;
    }
    lo = new_temp(t);
    tcg_gen_mul2(opc == INDEX_op_mulsh ? INDEX_op_muls2 : INDEX_op_mulu2,
                 t, lo, ret, a, b);
    tcg_temp_free_internal(lo);
}

void tcg_gen_addsub2(TCGOpcode opc, TCGType t, TCGTemp *rl, TCGTemp *rh,
                     TCGTemp *al, TCGTemp *ah, TCGTemp *bl, TCGTemp *bh)
{
    TCGTemp *lo, *carry;
    bool add = opc == INDEX_op_add2;

    if (tcg_op_supported(opc, t)) {
        tcg_gen_op6(opc, t, T(rl), T(rh), T(al), T(ah), T(bl), T(bh));
        return;
    }
    lo = new_temp(t);
    carry = new_temp(t);
    tcg_gen_binop(add ? INDEX_op_add : INDEX_op_sub, t, lo, al, bl);
    tcg_gen_op4(INDEX_op_setcond, t, T(carry), T(add ? lo : al), T(add ? al : bl),
                TCG_COND_LTU);
    tcg_gen_binop(add ? INDEX_op_add : INDEX_op_sub, t, rh, ah, bh);
    tcg_gen_binop(add ? INDEX_op_add : INDEX_op_sub, t, rh, rh, carry);
    tcg_gen_mov(t, rl, lo);
    tcg_temp_free_internal(lo);
    tcg_temp_free_internal(carry);
}

void tcg_gen_ext(TCGOpcode opc, TCGType t, TCGTemp *ret, TCGTemp *a)
{
    if (tcg_op_supported(opc, t)) {
        tcg_gen_op2(opc, t, T(ret), T(a));
        return;
    }
    switch (opc) {
    case INDEX_op_ext8u:
        tcg_gen_binop(INDEX_op_and, t, ret, a, C(t, 0xff));
        break;
    case INDEX_op_ext16u:
        tcg_gen_binop(INDEX_op_and, t, ret, a, C(t, 0xffff));
        break;
    case INDEX_op_ext32u:
        tcg_gen_binop(INDEX_op_and, t, ret, a, C(t, 0xffffffffu));
        break;
    default: {
        unsigned sh = type_bits(t) - (opc == INDEX_op_ext8s ? 8 :
                                      opc == INDEX_op_ext16s ? 16 : 32);
        tcg_gen_binop(INDEX_op_shl, t, ret, a, C(t, sh));
        tcg_gen_binop(INDEX_op_sar, t, ret, ret, C(t, sh));
        break;
    }
    }
}

void tcg_gen_bswap(TCGOpcode opc, TCGType t, TCGTemp *ret, TCGTemp *a)
{
    tcg_gen_op2(opc, t, T(ret), T(a));
}

void tcg_gen_cntz(TCGOpcode opc, TCGType t, TCGTemp *ret, TCGTemp *a, TCGTemp *b)
{
    tcg_gen_op3(opc, t, T(ret), T(a), T(b));
}

void tcg_gen_ctpop(TCGType t, TCGTemp *ret, TCGTemp *a)
{
    TCGTemp *x, *y;
    unsigned w = type_bits(t);

    if (tcg_op_supported(INDEX_op_ctpop, t)) {
        tcg_gen_op2(INDEX_op_ctpop, t, T(ret), T(a));
        return;
    }
    /* The classic SWAR population count. */
    x = new_temp(t);
    y = new_temp(t);
    tcg_gen_binop(INDEX_op_shr, t, y, a, C(t, 1));
    tcg_gen_binop(INDEX_op_and, t, y, y, C(t, 0x5555555555555555ull));
    tcg_gen_binop(INDEX_op_sub, t, x, a, y);
    tcg_gen_binop(INDEX_op_shr, t, y, x, C(t, 2));
    tcg_gen_binop(INDEX_op_and, t, y, y, C(t, 0x3333333333333333ull));
    tcg_gen_binop(INDEX_op_and, t, x, x, C(t, 0x3333333333333333ull));
    tcg_gen_binop(INDEX_op_add, t, x, x, y);
    tcg_gen_binop(INDEX_op_shr, t, y, x, C(t, 4));
    tcg_gen_binop(INDEX_op_add, t, x, x, y);
    tcg_gen_binop(INDEX_op_and, t, x, x, C(t, 0x0f0f0f0f0f0f0f0full));
    tcg_gen_binop(INDEX_op_mul, t, x, x, C(t, 0x0101010101010101ull));
    tcg_gen_binop(INDEX_op_shr, t, ret, x, C(t, w - 8));
    tcg_temp_free_internal(x);
    tcg_temp_free_internal(y);
}

void tcg_gen_deposit(TCGType t, TCGTemp *ret, TCGTemp *a, TCGTemp *b,
                     unsigned pos, unsigned len)
{
    unsigned w = type_bits(t);
    uint64_t mask;
    TCGTemp *x, *y;

    tcg_debug_assert(len > 0 && pos + len <= w);
    if (len == w) {
        tcg_gen_mov(t, ret, b);
        return;
    }
    if (tcg_target_deposit_valid(t, pos, len)) {
        tcg_gen_op5(INDEX_op_deposit, t, T(ret), T(a), T(b), pos, len);
        return;
    }
    mask = (1ull << len) - 1;
    x = new_temp(t);
    y = new_temp(t);
    tcg_gen_binop(INDEX_op_and, t, x, b, C(t, mask));
    if (pos) {
        tcg_gen_binop(INDEX_op_shl, t, x, x, C(t, pos));
    }
    tcg_gen_binop(INDEX_op_and, t, y, a, C(t, ~(mask << pos)));
    tcg_gen_binop(INDEX_op_or, t, ret, y, x);
    tcg_temp_free_internal(x);
    tcg_temp_free_internal(y);
}

void tcg_gen_extract(TCGType t, TCGTemp *ret, TCGTemp *a, unsigned pos,
                     unsigned len, bool sign)
{
    unsigned w = type_bits(t);

    tcg_debug_assert(len > 0 && pos + len <= w);
    if (len == w) {
        tcg_gen_mov(t, ret, a);
        return;
    }
    if (tcg_target_extract_valid(t, pos, len)) {
        tcg_gen_op4(sign ? INDEX_op_sextract : INDEX_op_extract, t,
                    T(ret), T(a), pos, len);
        return;
    }
    if (sign) {
        if (pos + len < w) {
            tcg_gen_binop(INDEX_op_shl, t, ret, a, C(t, w - pos - len));
            tcg_gen_binop(INDEX_op_sar, t, ret, ret, C(t, w - len));
        } else {
            tcg_gen_binop(INDEX_op_sar, t, ret, a, C(t, pos));
        }
    } else if (pos == 0) {
        tcg_gen_andi(t, ret, a, (1ull << len) - 1);
    } else if (pos + len == w) {
        tcg_gen_binop(INDEX_op_shr, t, ret, a, C(t, pos));
    } else {
        tcg_gen_binop(INDEX_op_shr, t, ret, a, C(t, pos));
        tcg_gen_andi(t, ret, ret, (1ull << len) - 1);
    }
}

void tcg_gen_extract2(TCGType t, TCGTemp *ret, TCGTemp *lo, TCGTemp *hi,
                      unsigned pos)
{
    unsigned w = type_bits(t);
    TCGTemp *x;

    tcg_debug_assert(pos <= w);
    if (pos == 0) {
        tcg_gen_mov(t, ret, lo);
        return;
    }
    if (pos == w) {
        tcg_gen_mov(t, ret, hi);
        return;
    }
    if (tcg_op_supported(INDEX_op_extract2, t)) {
        tcg_gen_op4(INDEX_op_extract2, t, T(ret), T(lo), T(hi), pos);
        return;
    }
    x = new_temp(t);
    tcg_gen_binop(INDEX_op_shr, t, x, lo, C(t, pos));
    tcg_gen_binop(INDEX_op_shl, t, ret, hi, C(t, w - pos));
    tcg_gen_binop(INDEX_op_or, t, ret, ret, x);
    tcg_temp_free_internal(x);
}

void tcg_gen_setcond(TCGCond c, TCGType t, TCGTemp *ret, TCGTemp *a, TCGTemp *b,
                     bool neg)
{
    if (c == TCG_COND_ALWAYS || c == TCG_COND_NEVER) {
        tcg_gen_movi(t, ret, c == TCG_COND_ALWAYS ? (neg ? -1 : 1) : 0);
        return;
    }
    tcg_gen_op4(neg ? INDEX_op_negsetcond : INDEX_op_setcond, t,
                T(ret), T(a), T(b), c);
}

void tcg_gen_movcond(TCGCond c, TCGType t, TCGTemp *ret, TCGTemp *c1,
                     TCGTemp *c2, TCGTemp *v1, TCGTemp *v2)
{
    if (c == TCG_COND_ALWAYS) {
        tcg_gen_mov(t, ret, v1);
    } else if (c == TCG_COND_NEVER) {
        tcg_gen_mov(t, ret, v2);
    } else {
        tcg_gen_op6(INDEX_op_movcond, t, T(ret), T(c1), T(c2), T(v1), T(v2), c);
    }
}

void tcg_gen_brcond(TCGCond c, TCGType t, TCGTemp *a, TCGTemp *b, TCGLabel *l)
{
    if (c == TCG_COND_ALWAYS) {
        tcg_gen_br(l);
    } else if (c != TCG_COND_NEVER) {
        l->refs++;
        tcg_gen_op4(INDEX_op_brcond, t, T(a), T(b), c, label_arg(l));
    }
}

void tcg_gen_ldst(TCGOpcode opc, TCGType t, TCGTemp *val, TCGTemp *base,
                  intptr_t ofs)
{
    tcg_gen_op3(opc, t, T(val), T(base), ofs);
}

static MemOp canonicalize_memop(MemOp op, TCGType t, bool is_store)
{
    unsigned size = op & MO_SIZE;

    if (size == MO_8) {
        op &= ~MO_BSWAP;
    }
    if (is_store || (t == TCG_TYPE_I32 && size == MO_32) || size == MO_64) {
        op &= ~MO_SIGN;
    }
    return op;
}

void tcg_gen_qemu_ld(TCGType t, TCGTemp *val, TCGTemp *addr, unsigned idx,
                     MemOp memop)
{
    memop = canonicalize_memop(memop, t, false);
    tcg_gen_op3(INDEX_op_qemu_ld, t, T(val), T(addr), make_memop_idx(memop, idx));
}

void tcg_gen_qemu_st(TCGType t, TCGTemp *val, TCGTemp *addr, unsigned idx,
                     MemOp memop)
{
    memop = canonicalize_memop(memop, t, true);
    tcg_gen_op3(INDEX_op_qemu_st, t, T(val), T(addr), make_memop_idx(memop, idx));
}

/* One TLB check for both elements: 4- or 8-byte little-endian pairs. */
static bool qemu_ldst2_direct(MemOp memop)
{
    unsigned size = memop & MO_SIZE;

    return TCG_TARGET_HAS_qemu_ldst2 && tcg_ctx->system_mode &&
           !(memop & MO_BSWAP) && (size == MO_32 || size == MO_64);
}

void tcg_gen_qemu_ld2(TCGType t, TCGTemp *lo, TCGTemp *hi, TCGTemp *addr,
                      TCGTemp *addr2, unsigned idx, MemOp memop)
{
    memop = canonicalize_memop(memop, t, false);
    if (!qemu_ldst2_direct(memop)) {
        tcg_gen_qemu_ld(t, lo, addr, idx, memop);
        tcg_gen_qemu_ld(t, hi, addr2, idx, memop);
        return;
    }
    tcg_gen_op4(INDEX_op_qemu_ld2, t, T(lo), T(hi), T(addr),
                make_memop_idx(memop, idx));
}

void tcg_gen_qemu_st2(TCGType t, TCGTemp *lo, TCGTemp *hi, TCGTemp *addr,
                      TCGTemp *addr2, unsigned idx, MemOp memop)
{
    memop = canonicalize_memop(memop, t, true);
    if (!qemu_ldst2_direct(memop)) {
        tcg_gen_qemu_st(t, lo, addr, idx, memop);
        tcg_gen_qemu_st(t, hi, addr2, idx, memop);
        return;
    }
    tcg_gen_op4(INDEX_op_qemu_st2, t, T(lo), T(hi), T(addr),
                make_memop_idx(memop, idx));
}

/* --------------------------------------------------- i32 <-> i64 */

void tcg_gen_ext_i32_i64(TCGv_i64 ret, TCGv_i32 arg)
{
    tcg_gen_op2(INDEX_op_ext_i32_i64, TCG_TYPE_I64, T(tcgv_i64_temp(ret)),
                T(tcgv_i32_temp(arg)));
}

void tcg_gen_extu_i32_i64(TCGv_i64 ret, TCGv_i32 arg)
{
    tcg_gen_op2(INDEX_op_extu_i32_i64, TCG_TYPE_I64, T(tcgv_i64_temp(ret)),
                T(tcgv_i32_temp(arg)));
}

void tcg_gen_extrl_i64_i32(TCGv_i32 ret, TCGv_i64 arg)
{
    tcg_gen_op2(INDEX_op_extrl_i64_i32, TCG_TYPE_I32, T(tcgv_i32_temp(ret)),
                T(tcgv_i64_temp(arg)));
}

void tcg_gen_extrh_i64_i32(TCGv_i32 ret, TCGv_i64 arg)
{
    tcg_gen_op2(INDEX_op_extrh_i64_i32, TCG_TYPE_I32, T(tcgv_i32_temp(ret)),
                T(tcgv_i64_temp(arg)));
}

void tcg_gen_concat_i32_i64(TCGv_i64 ret, TCGv_i32 lo, TCGv_i32 hi)
{
    TCGv_i64 t = tcg_temp_new_i64();

    tcg_gen_extu_i32_i64(t, hi);
    tcg_gen_extu_i32_i64(ret, lo);
    tcg_gen_deposit_i64(ret, ret, t, 32, 32);
    tcg_temp_free_i64(t);
}

void tcg_gen_extr_i64_i32(TCGv_i32 lo, TCGv_i32 hi, TCGv_i64 arg)
{
    tcg_gen_extrl_i64_i32(lo, arg);
    tcg_gen_extrh_i64_i32(hi, arg);
}

/* ------------------------------------------------------------ control */

void tcg_gen_br(TCGLabel *l)
{
    l->refs++;
    tcg_gen_op1(INDEX_op_br, TCG_TYPE_I32, label_arg(l));
}

void gen_set_label(TCGLabel *l)
{
    tcg_gen_op1(INDEX_op_set_label, TCG_TYPE_I32, label_arg(l));
}

void tcg_gen_mb(unsigned kind)
{
    tcg_gen_op1(INDEX_op_mb, TCG_TYPE_I32, kind);
}

void tcg_gen_insn_start(const uint64_t *words)
{
    TCGOp *op = tcg_emit_op(INDEX_op_insn_start, TCG_TYPE_I64,
                            TCG_INSN_START_WORDS_MAX);
    int i;

    for (i = 0; i < tcg_ctx->insn_start_words; i++) {
        op->args[i] = words[i];
    }
}

void tcg_gen_exit_tb(const struct TranslationBlock *tb, unsigned idx)
{
    uintptr_t val = tb ? (uintptr_t)tb + idx : 0;

    tcg_gen_op1(INDEX_op_exit_tb, TCG_TYPE_I64, val);
}

void tcg_gen_goto_tb(unsigned idx)
{
    tcg_gen_op1(INDEX_op_goto_tb, TCG_TYPE_I64, idx);
}

void tcg_gen_call(const TCGHelperInfo *info, TCGTemp *ret, TCGTemp **args)
{
    TCGOp *op;
    int i, n = info->nargs, o = ret ? 1 : 0;

    op = tcg_emit_op(INDEX_op_call, TCG_TYPE_I64, o + n + 2);
    op->call_oargs = o;
    op->call_iargs = n;
    if (ret) {
        op->args[0] = T(ret);
    }
    for (i = 0; i < n; i++) {
        op->args[o + i] = T(args[i]);
    }
    op->args[o + n] = (TCGArg)info->func;
    op->args[o + n + 1] = (TCGArg)info;
}

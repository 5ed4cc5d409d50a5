/*
 * test-optimize.c: unit tests for tcg/optimize.c.
 *
 * Each case builds a short op list with raw tcg_gen_opN() calls (the
 * builder's own shortcuts would hide what the optimizer does), runs
 * tcg_optimize() and checks the resulting list: which ops remain, and
 * that folded values are exact.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#include "tcg/tcg.h"
#include "tcg/tcg-op.h"
#include "../unit/tap.h"

#define I32 TCG_TYPE_I32
#define I64 TCG_TYPE_I64

/* Globals: guest registers at these offsets of a CPU state (never run). */
typedef struct FakeCPU {
    uint32_t r32[4];
    uint64_t r64[4];
} FakeCPU;
static TCGTemp *g32[2], *g64[2];

static TCGArg A(TCGTemp *t)
{
    return temp_arg(t);
}

static TCGTemp *K(TCGType type, int64_t v)
{
    return tcg_constant_internal(type, type == I32 ? (uint32_t)v : v);
}

static TCGTemp *t32(void)
{
    return tcg_temp_new_internal(I32, TEMP_EBB);
}

static TCGTemp *t64(void)
{
    return tcg_temp_new_internal(I64, TEMP_EBB);
}

static TCGTemp *fresh(TCGType type)
{
    return tcg_temp_new_internal(type, TEMP_EBB);
}

static void start(void)
{
    tcg_func_start(tcg_ctx);
}

static int count_ops(void)
{
    TCGOp *op;
    int n = 0;

    QTAILQ_FOREACH_OP(op, tcg_ctx) {
        n++;
    }
    return n;
}

static int count_opc(TCGOpcode opc)
{
    TCGOp *op;
    int n = 0;

    QTAILQ_FOREACH_OP(op, tcg_ctx) {
        n += op->opc == opc;
    }
    return n;
}

/* The last op whose first output is dst. */
static TCGOp *def_of(TCGTemp *dst)
{
    TCGOp *op, *found = NULL;

    QTAILQ_FOREACH_OP(op, tcg_ctx) {
        if (tcg_op_nb_oargs(op) > 0 && arg_temp(op->args[0]) == dst) {
            found = op;
        }
    }
    return found;
}

/* Is dst last set by `mov dst, $v`? */
static bool is_movi(TCGTemp *dst, uint64_t v)
{
    TCGOp *op = def_of(dst);
    TCGTemp *src;

    if (!op || op->opc != INDEX_op_mov) {
        return false;
    }
    src = arg_temp(op->args[1]);
    return src->kind == TEMP_CONST
           && (uint64_t)src->val == tcg_type_mask(dst->type, v);
}

/* Is dst last set by `mov dst, src`? */
static bool is_mov(TCGTemp *dst, TCGTemp *src)
{
    TCGOp *op = def_of(dst);

    return op && op->opc == INDEX_op_mov && arg_temp(op->args[1]) == src;
}

/* Is dst last set by an op of this opcode? */
static bool is_op(TCGTemp *dst, TCGOpcode opc)
{
    TCGOp *op = def_of(dst);

    return op && op->opc == opc;
}

static void optimize(void)
{
    tcg_optimize(tcg_ctx);
}

/* Report, dumping the op list on failure. */
static void check(bool ok, const char *name)
{
    if (!tap_report(ok, "%s", name)) {
        tcg_dump_ops(tcg_ctx, stdout, false);
    }
}

static void binop(TCGOpcode opc, TCGType type, TCGTemp *r, TCGTemp *a,
                  TCGTemp *b)
{
    tcg_gen_op3(opc, type, A(r), A(a), A(b));
}

static void unop(TCGOpcode opc, TCGType type, TCGTemp *r, TCGTemp *a)
{
    tcg_gen_op2(opc, type, A(r), A(a));
}

/* Fold `opc $a, $b` and check the exact result. */
static void check_fold2(TCGOpcode opc, TCGType type, uint64_t a, uint64_t b,
                        uint64_t want, const char *name)
{
    TCGTemp *r;

    start();
    r = type == I32 ? t32() : t64();
    binop(opc, type, r, K(type, a), K(type, b));
    optimize();
    check(is_movi(r, want) && count_ops() == 1, name);
}

static void check_fold1(TCGOpcode opc, TCGType type, uint64_t a,
                        uint64_t want, const char *name)
{
    TCGTemp *r;

    start();
    r = type == I32 ? t32() : t64();
    unop(opc, type, r, K(type, a));
    optimize();
    check(is_movi(r, want), name);
}

/* ------------------------------------------------------------ arithmetic */

static void test_arith(void)
{
    TCGTemp *x, *r, *r2;

    start();
    x = g32[0];
    r = t32();
    binop(INDEX_op_add, I32, r, x, K(I32, 0));
    optimize();
    check(is_mov(r, x), "add x, 0 becomes mov");

    check_fold2(INDEX_op_add, I64, 3, 4, 7, "add i64 constants");
    check_fold2(INDEX_op_add, I32, 0xffffffff, 1, 0,
                "add i32 wraps at 32 bits");
    check_fold2(INDEX_op_sub, I32, 1, 2, 0xffffffff, "sub i32 constants");
    check_fold2(INDEX_op_mul, I64, 0x100000000ull, 0x10, 0x1000000000ull,
                "mul i64 constants");
    check_fold1(INDEX_op_neg, I32, 5, (uint32_t)-5, "neg i32 constant");
    check_fold2(INDEX_op_muluh, I64, UINT64_MAX, 2, 1, "muluh i64 constants");
    check_fold2(INDEX_op_mulsh, I32, (uint32_t)-2, 3, 0xffffffff,
                "mulsh i32 constants");

    start();
    r = t64();
    binop(INDEX_op_sub, I64, r, g64[0], g64[0]);
    optimize();
    check(is_movi(r, 0), "sub x, x is 0");

    start();
    r = t64();
    r2 = t64();
    binop(INDEX_op_sub, I64, r, g64[0], K(I64, 0));
    binop(INDEX_op_mul, I64, r2, g64[1], K(I64, 0));
    optimize();
    check(is_mov(r, g64[0]) && is_movi(r2, 0), "sub x, 0 and mul x, 0");

    start();
    r = t32();
    binop(INDEX_op_mul, I32, r, K(I32, 1), g32[1]);
    optimize();
    check(is_mov(r, g32[1]), "mul 1, x (commuted) becomes mov");

    start();
    r = t32();
    binop(INDEX_op_add, I32, r, K(I32, 5), g32[0]);
    optimize();
    {
        TCGOp *op = def_of(r);

        check(op && op->opc == INDEX_op_add
              && arg_temp(op->args[1]) == g32[0]
              && arg_temp(op->args[2])->kind == TEMP_CONST,
              "add puts the constant second");
    }
}

static void test_divide(void)
{
    TCGTemp *r;

    check_fold2(INDEX_op_div, I32, (uint32_t)-7, 2, (uint32_t)-3,
                "div i32 truncates toward zero");
    check_fold2(INDEX_op_rem, I32, (uint32_t)-7, 2, (uint32_t)-1,
                "rem i32 takes the dividend's sign");
    check_fold2(INDEX_op_divu, I64, 100, 7, 14, "divu i64 constants");
    check_fold2(INDEX_op_remu, I64, 100, 7, 2, "remu i64 constants");

    start();
    r = t32();
    binop(INDEX_op_div, I32, r, K(I32, 5), K(I32, 0));
    optimize();
    check(is_op(r, INDEX_op_div), "division by zero is left alone");

    start();
    r = t32();
    binop(INDEX_op_div, I32, r, K(I32, INT32_MIN), K(I32, -1));
    optimize();
    check(is_op(r, INDEX_op_div), "INT_MIN / -1 is left alone");

    start();
    r = t64();
    binop(INDEX_op_rem, I64, r, K(I64, INT64_MIN), K(I64, -1));
    optimize();
    check(is_op(r, INDEX_op_rem), "rem INT64_MIN, -1 is left alone");

    start();
    {
        TCGTemp *q = t64(), *m = t64();

        binop(INDEX_op_divu, I64, q, g64[0], K(I64, 1));
        binop(INDEX_op_remu, I64, m, g64[0], K(I64, 1));
        optimize();
        check(is_mov(q, g64[0]) && is_movi(m, 0), "x / 1 and x % 1");
    }
}

static void test_double_width(void)
{
    TCGTemp *lo, *hi;

    start();
    lo = t64();
    hi = t64();
    tcg_gen_op4(INDEX_op_mulu2, I64, A(lo), A(hi), A(K(I64, UINT64_MAX)),
                A(K(I64, 3)));
    optimize();
    check(is_movi(lo, (uint64_t)-3) && is_movi(hi, 2) && count_ops() == 2,
          "mulu2 i64 constants become two movs");

    start();
    lo = t32();
    hi = t32();
    tcg_gen_op4(INDEX_op_muls2, I32, A(lo), A(hi), A(K(I32, -2)), A(K(I32, 3)));
    optimize();
    check(is_movi(lo, (uint32_t)-6) && is_movi(hi, 0xffffffff),
          "muls2 i32 constants");

    start();
    lo = t32();
    hi = t32();
    tcg_gen_op6(INDEX_op_add2, I32, A(lo), A(hi), A(K(I32, 0xffffffff)),
                A(K(I32, 0)), A(K(I32, 1)), A(K(I32, 0)));
    optimize();
    check(is_movi(lo, 0) && is_movi(hi, 1), "add2 carries into the high part");

    start();
    lo = t64();
    hi = t64();
    tcg_gen_op6(INDEX_op_sub2, I64, A(lo), A(hi), A(K(I64, 0)), A(K(I64, 5)),
                A(K(I64, 1)), A(K(I64, 0)));
    optimize();
    check(is_movi(lo, UINT64_MAX) && is_movi(hi, 4), "sub2 borrows");

    start();
    lo = t32();
    hi = t32();
    tcg_gen_op5(INDEX_op_divu2, I32, A(lo), A(hi), A(K(I32, 0)), A(K(I32, 1)),
                A(K(I32, 3)));
    optimize();
    check(is_movi(lo, 0x55555555) && is_movi(hi, 1), "divu2 i32 constants");

    start();
    lo = t32();
    hi = t32();
    tcg_gen_op5(INDEX_op_divu2, I32, A(lo), A(hi), A(K(I32, 0)), A(K(I32, 1)),
                A(K(I32, 1)));
    optimize();
    check(is_op(lo, INDEX_op_divu2),
          "divu2 with an overflowing quotient is left");

    start();
    lo = t64();
    hi = t64();
    tcg_gen_op5(INDEX_op_div2, I64, A(lo), A(hi), A(K(I64, -7)), A(K(I64, -1)),
                A(K(I64, 2)));
    optimize();
    check(is_movi(lo, (uint64_t)-3) && is_movi(hi, (uint64_t)-1),
          "div2 i64 negative dividend");
}

/* ----------------------------------------------------------------- logic */

static void test_logic(void)
{
    TCGTemp *r[8];
    int i;

    start();
    for (i = 0; i < 8; i++) {
        r[i] = t32();
    }
    binop(INDEX_op_and, I32, r[0], g32[0], K(I32, 0));
    binop(INDEX_op_and, I32, r[1], g32[0], K(I32, -1));
    binop(INDEX_op_and, I32, r[2], g32[0], g32[0]);
    binop(INDEX_op_or, I32, r[3], g32[0], K(I32, -1));
    binop(INDEX_op_or, I32, r[4], g32[0], K(I32, 0));
    binop(INDEX_op_xor, I32, r[5], g32[0], g32[0]);
    binop(INDEX_op_xor, I32, r[6], g32[0], K(I32, 0));
    binop(INDEX_op_or, I32, r[7], g32[1], g32[1]);
    optimize();
    check(is_movi(r[0], 0), "x & 0 is 0");
    check(is_mov(r[1], g32[0]), "x & -1 is x");
    check(is_mov(r[2], g32[0]), "x & x is x");
    check(is_movi(r[3], 0xffffffff), "x | -1 is -1 (i32 masked)");
    check(is_mov(r[4], g32[0]), "x | 0 is x");
    check(is_movi(r[5], 0), "x ^ x is 0");
    check(is_mov(r[6], g32[0]), "x ^ 0 is x");
    check(is_mov(r[7], g32[1]), "x | x is x");

    start();
    for (i = 0; i < 4; i++) {
        r[i] = t64();
    }
    binop(INDEX_op_andc, I64, r[0], g64[0], g64[0]);
    binop(INDEX_op_orc, I64, r[1], g64[0], g64[0]);
    binop(INDEX_op_eqv, I64, r[2], g64[0], g64[0]);
    binop(INDEX_op_andc, I64, r[3], g64[0], K(I64, 0));
    optimize();
    check(is_movi(r[0], 0) && is_movi(r[1], UINT64_MAX)
          && is_movi(r[2], UINT64_MAX) && is_mov(r[3], g64[0]),
          "andc/orc/eqv of x with itself, andc x, 0");

    check_fold2(INDEX_op_nand, I32, 0xf0f0f0f0, 0xff00ff00, 0x0fff0fff,
                "nand i32 constants");
    check_fold2(INDEX_op_nor, I64, 1, 2, ~3ull, "nor i64 constants");
    check_fold2(INDEX_op_andc, I32, 0xff, 0x0f, 0xf0, "andc constants");
    check_fold2(INDEX_op_orc, I32, 0, 0xffff0000, 0xffff, "orc i32 constants");
    check_fold1(INDEX_op_not, I32, 0, 0xffffffff, "not i32 constant");

    start();
    r[0] = t32();
    binop(INDEX_op_xor, I32, r[0], g32[0], K(I32, -1));
    optimize();
    {
        TCGOp *op = def_of(r[0]);
        bool ok = tcg_op_supported(INDEX_op_not, I32)
                  ? op->opc == INDEX_op_not && arg_temp(op->args[1]) == g32[0]
                  : op->opc == INDEX_op_xor;

        check(ok, "x ^ -1 becomes not x when the backend has not");
    }
}

/* ------------------------------------------------------ shifts, rotates */

static void test_shifts(void)
{
    TCGTemp *r;

    check_fold2(INDEX_op_shl, I32, 1, 31, 0x80000000, "shl i32 constants");
    check_fold2(INDEX_op_shr, I64, 0x8000000000000000ull, 63, 1,
                "shr i64 constants");
    check_fold2(INDEX_op_sar, I32, 0x80000000, 4, 0xf8000000,
                "sar i32 sign-fills from bit 31");
    check_fold2(INDEX_op_sar, I64, 0x80000000, 4, 0x08000000,
                "sar i64 of a positive value");
    check_fold2(INDEX_op_rotl, I32, 0x80000001, 1, 3, "rotl i32 constants");
    check_fold2(INDEX_op_rotr, I64, 1, 1, 0x8000000000000000ull,
                "rotr i64 constants");

    start();
    r = t32();
    binop(INDEX_op_shl, I32, r, K(I32, 1), K(I32, 32));
    optimize();
    check(is_op(r, INDEX_op_shl), "shl i32 by 32 is left alone");

    start();
    r = t64();
    binop(INDEX_op_sar, I64, r, g64[0], K(I64, 64));
    optimize();
    check(is_op(r, INDEX_op_sar), "sar i64 by 64 is left alone");

    start();
    r = t64();
    binop(INDEX_op_rotl, I64, r, g64[0], K(I64, 0));
    optimize();
    check(is_mov(r, g64[0]), "rotate by 0 is a copy");
}

/* ------------------------------------------------ bit fields and counts */

static void test_bits(void)
{
    TCGTemp *r;

    check_fold1(INDEX_op_bswap16, I32, 0xdead1234, 0x3412,
                "bswap16 ignores high bits, zero-extends");
    check_fold1(INDEX_op_bswap32, I64, 0xffffffff11223344ull, 0x44332211,
                "bswap32 i64 zero-extends");
    check_fold1(INDEX_op_bswap64, I64, 0x0102030405060708ull,
                0x0807060504030201ull, "bswap64 constant");
    check_fold1(INDEX_op_ctpop, I64, 0xf0f0, 8, "ctpop constant");
    check_fold2(INDEX_op_clz, I32, 1, 32, 31, "clz i32 of 1");
    check_fold2(INDEX_op_ctz, I64, 8, 64, 3, "ctz i64 of 8");

    start();
    r = t32();
    binop(INDEX_op_clz, I32, r, K(I32, 0), g32[1]);
    optimize();
    check(is_mov(r, g32[1]), "clz of 0 is the fallback operand");

    start();
    r = t32();
    tcg_gen_op5(INDEX_op_deposit, I32, A(r), A(K(I32, 0xffffffff)),
                A(K(I32, 0)), 8, 8);
    optimize();
    check(is_movi(r, 0xffff00ff), "deposit constants");

    start();
    r = t64();
    tcg_gen_op4(INDEX_op_extract, I64, A(r), A(K(I64, 0x123456789abcdef0ull)),
                32, 16);
    optimize();
    check(is_movi(r, 0x5678), "extract constant");

    start();
    r = t32();
    tcg_gen_op4(INDEX_op_sextract, I32, A(r), A(K(I32, 0x00f00000)), 20, 4);
    optimize();
    check(is_movi(r, 0xffffffff), "sextract constant");

    start();
    r = t32();
    tcg_gen_op4(INDEX_op_extract2, I32, A(r), A(K(I32, 0x12345678)),
                A(K(I32, 0x9abcdef0)), 8);
    optimize();
    check(is_movi(r, 0xf0123456), "extract2 constant");
}

/* ------------------------------------------------------------ extensions */

static void test_ext(void)
{
    TCGTemp *a, *b, *c;

    check_fold1(INDEX_op_ext8s, I32, 0x80, 0xffffff80, "ext8s i32 constant");
    check_fold1(INDEX_op_ext16u, I64, 0xffff12345678ull, 0x5678,
                "ext16u i64 constant");
    check_fold1(INDEX_op_ext32s, I64, 0x80000000, 0xffffffff80000000ull,
                "ext32s constant");

    start();
    a = t64();
    b = t64();
    c = t32();
    unop(INDEX_op_ext_i32_i64, I64, a, K(I32, 0x80000000));
    unop(INDEX_op_extu_i32_i64, I64, b, K(I32, 0x80000000));
    unop(INDEX_op_extrh_i64_i32, I32, c, K(I64, 0x1122334455667788ull));
    optimize();
    check(is_movi(a, 0xffffffff80000000ull) && is_movi(b, 0x80000000)
          && is_movi(c, 0x11223344) && c->type == I32,
          "ext_i32_i64 / extu_i32_i64 / extrh constants");

    start();
    a = t64();
    b = t64();
    unop(INDEX_op_ext8u, I64, a, g64[0]);
    unop(INDEX_op_ext32u, I64, b, a);
    optimize();
    check(is_mov(b, a), "ext32u after ext8u is dropped");

    start();
    a = t32();
    b = t32();
    unop(INDEX_op_ext8s, I32, a, g32[0]);
    unop(INDEX_op_ext16s, I32, b, a);
    optimize();
    check(is_mov(b, a), "ext16s after ext8s is dropped");

    start();
    a = t32();
    b = t32();
    unop(INDEX_op_ext8s, I32, a, g32[0]);
    unop(INDEX_op_ext8u, I32, b, a);
    optimize();
    check(is_op(b, INDEX_op_ext8u), "ext8u after ext8s stays");

    start();
    a = t64();
    b = t64();
    tcg_gen_op3(INDEX_op_ld8u, I64, A(a), A(tcg_ctx->env), 0);
    binop(INDEX_op_and, I64, b, a, K(I64, 0xff));
    optimize();
    check(is_mov(b, a), "and with a mask covering a ld8u is dropped");

    start();
    a = t32();
    b = t32();
    unop(INDEX_op_ext8u, I32, a, g32[0]);
    binop(INDEX_op_and, I32, b, a, K(I32, 0xf00));
    optimize();
    check(is_movi(b, 0), "and of disjoint known bits is 0");

    start();
    a = t64();
    b = t64();
    unop(INDEX_op_ext16u, I64, a, g64[0]);
    tcg_gen_op4(INDEX_op_extract, I64, A(b), A(a), 0, 16);
    optimize();
    check(is_mov(b, a), "extract of an already-narrow value is dropped");

    start();
    a = t64();
    b = t32();
    c = t64();
    tcg_gen_op3(INDEX_op_ld8s, I64, A(a), A(tcg_ctx->env), 0);
    unop(INDEX_op_extrl_i64_i32, I32, b, a);
    unop(INDEX_op_ext_i32_i64, I64, c, b);
    unop(INDEX_op_ext8s, I64, a, c);
    optimize();
    check(is_mov(a, c), "sign info flows through extrl and ext_i32_i64");
}

static void test_sign_runs(void)
{
    TCGTemp *a, *b, *c, *d;

    start();
    a = t32();
    b = t32();
    c = t32();
    d = t32();
    binop(INDEX_op_sar, I32, a, g32[0], K(I32, 24));
    unop(INDEX_op_ext8s, I32, b, a);
    binop(INDEX_op_sar, I32, c, g32[0], K(I32, 23));
    unop(INDEX_op_ext8s, I32, d, c);
    optimize();
    check(is_mov(b, a) && is_op(d, INDEX_op_ext8s),
          "sar by 24 makes ext8s redundant, sar by 23 does not");

    start();
    a = t64();
    b = t64();
    c = t64();
    d = t64();
    unop(INDEX_op_ext16s, I64, a, g64[0]);
    binop(INDEX_op_shl, I64, b, a, K(I64, 16));
    unop(INDEX_op_ext32s, I64, c, b);
    binop(INDEX_op_shl, I64, d, a, K(I64, 17));
    unop(INDEX_op_ext32s, I64, a, d);
    optimize();
    check(is_mov(c, b) && is_op(a, INDEX_op_ext32s),
          "shl keeps what is left of a sign run");
}

static void test_loads(void)
{
    TCGTemp *a, *b, *c, *d;

    start();
    a = t64();
    b = t64();
    c = t32();
    d = t32();
    tcg_gen_op3(INDEX_op_qemu_ld, I64, A(a), A(g64[0]),
                make_memop_idx(MO_UB, 0));
    unop(INDEX_op_ext8u, I64, b, a);
    tcg_gen_op3(INDEX_op_qemu_ld, I32, A(c), A(g64[0]),
                make_memop_idx(MO_SW, 1));
    unop(INDEX_op_ext16s, I32, d, c);
    optimize();
    check(is_mov(b, a) && is_mov(d, c),
          "qemu_ld of a byte / signed halfword needs no extension");

    start();
    a = t32();
    b = t32();
    tcg_gen_op3(INDEX_op_ld16s, I32, A(a), A(tcg_ctx->env), 8);
    unop(INDEX_op_ext16u, I32, b, a);
    optimize();
    check(is_op(b, INDEX_op_ext16u), "ld16s still needs ext16u");
}

static void test_dead_code(void)
{
    static const uint64_t pc[1] = { 0x1000 };
    TCGTemp *r;
    TCGLabel *l;

    start();
    r = t32();
    l = gen_new_label();
    tcg_gen_brcond(TCG_COND_EQ, I32, g32[0], K(I32, 1), l);
    tcg_gen_exit_tb(NULL, 0);
    tcg_gen_insn_start(pc);
    binop(INDEX_op_add, I32, r, g32[0], g32[1]);
    tcg_gen_goto_tb(0);
    tcg_gen_exit_tb(NULL, 1);
    gen_set_label(l);
    tcg_gen_exit_tb(NULL, 2);
    optimize();
    check(count_opc(INDEX_op_add) == 0 && count_opc(INDEX_op_insn_start) == 1
          && count_opc(INDEX_op_goto_tb) == 1
          && count_opc(INDEX_op_exit_tb) == 3
          && count_opc(INDEX_op_set_label) == 1,
          "after exit_tb: ops go, insn_start and TB exits stay");
}

/* ------------------------------------------------------------ conditions */

static void test_cond(void)
{
    TCGTemp *r[6];
    int i;

    start();
    for (i = 0; i < 6; i++) {
        r[i] = t32();
    }
    tcg_gen_op4(INDEX_op_setcond, I32, A(r[0]), A(K(I32, -1)), A(K(I32, 1)),
                TCG_COND_LT);
    tcg_gen_op4(INDEX_op_setcond, I32, A(r[1]), A(K(I32, -1)), A(K(I32, 1)),
                TCG_COND_LTU);
    tcg_gen_op4(INDEX_op_negsetcond, I32, A(r[2]), A(K(I32, 4)), A(K(I32, 4)),
                TCG_COND_EQ);
    tcg_gen_op4(INDEX_op_setcond, I32, A(r[3]), A(g32[0]), A(g32[0]),
                TCG_COND_GE);
    tcg_gen_op4(INDEX_op_setcond, I32, A(r[4]), A(g32[0]), A(g32[0]),
                TCG_COND_GTU);
    tcg_gen_op4(INDEX_op_setcond, I32, A(r[5]), A(g32[0]), A(K(I32, 0)),
                TCG_COND_LTU);
    optimize();
    check(is_movi(r[0], 1) && is_movi(r[1], 0), "setcond signed vs unsigned");
    check(is_movi(r[2], 0xffffffff), "negsetcond true is -1");
    check(is_movi(r[3], 1) && is_movi(r[4], 0), "setcond x, x");
    check(is_movi(r[5], 0), "x <u 0 is never true");

    start();
    r[0] = t64();
    r[1] = t64();
    tcg_gen_op6(INDEX_op_movcond, I64, A(r[0]), A(K(I64, 1)), A(K(I64, 2)),
                A(g64[0]), A(g64[1]), TCG_COND_GT);
    tcg_gen_op6(INDEX_op_movcond, I64, A(r[1]), A(g64[0]), A(g64[1]),
                A(g64[1]), A(g64[1]), TCG_COND_EQ);
    optimize();
    check(is_mov(r[0], g64[1]), "movcond on constants picks v2");
    check(is_mov(r[1], g64[1]), "movcond with equal values is a mov");

    start();
    r[0] = t32();
    r[1] = t32();
    unop(INDEX_op_ext8u, I32, r[0], g32[0]);
    tcg_gen_op4(INDEX_op_setcond, I32, A(r[1]), A(r[0]), A(K(I32, 0x100)),
                TCG_COND_LTU);
    optimize();
    check(is_movi(r[1], 1), "known-zero bits decide an unsigned compare");
}

static void test_fused_compare(void)
{
    TCGTemp *t, *r, *r2;
    TCGLabel *l;
    TCGOp *op;

    start();
    t = t32();
    l = gen_new_label();
    tcg_gen_op4(INDEX_op_setcond, I32, A(t), A(g32[0]), A(g32[1]),
                TCG_COND_LTU);
    tcg_gen_brcond(TCG_COND_NE, I32, t, K(I32, 0), l);
    tcg_gen_exit_tb(NULL, 0);
    gen_set_label(l);
    tcg_gen_exit_tb(NULL, 0);
    optimize();
    op = tcg_ctx->ops_first->next;
    check(op->opc == INDEX_op_brcond && arg_temp(op->args[0]) == g32[0]
          && arg_temp(op->args[1]) == g32[1] && op->args[2] == TCG_COND_LTU,
          "brcond (setcond a, b) != 0 branches on a, b");

    start();
    t = t64();
    r = t64();
    r2 = t64();
    tcg_gen_op4(INDEX_op_negsetcond, I64, A(t), A(g64[0]), A(K(I64, 7)),
                TCG_COND_GT);
    tcg_gen_op4(INDEX_op_setcond, I64, A(r), A(t), A(K(I64, 0)), TCG_COND_EQ);
    unop(INDEX_op_mov, I64, g64[0], g64[1]);
    tcg_gen_op4(INDEX_op_setcond, I64, A(r2), A(t), A(K(I64, 0)), TCG_COND_EQ);
    optimize();
    op = def_of(r);
    check(op && op->opc == INDEX_op_setcond && arg_temp(op->args[1]) == g64[0]
          && op->args[3] == TCG_COND_LE, "setcond (negsetcond) == 0 inverts");
    op = def_of(r2);
    check(op && arg_temp(op->args[1]) == t,
          "no fusing once a compare operand changed");
}

/* -------------------------------------------------------------- branches */

static void test_branches(void)
{
    TCGLabel *l;
    TCGTemp *r;

    /* Always taken: becomes br; the unreachable add goes. */
    start();
    l = gen_new_label();
    r = t32();
    tcg_gen_brcond(TCG_COND_EQ, I32, K(I32, 3), K(I32, 3), l);
    binop(INDEX_op_add, I32, r, g32[0], g32[1]);
    gen_set_label(l);
    tcg_gen_exit_tb(NULL, 0);
    optimize();
    check(count_opc(INDEX_op_brcond) == 0 && count_opc(INDEX_op_add) == 0
          && count_opc(INDEX_op_br) == 0 && count_opc(INDEX_op_set_label) == 0
          && count_ops() == 1,
          "taken brcond on constants: br, dead code and label removed");

    /* Always taken with code reachable from elsewhere. */
    start();
    l = gen_new_label();
    r = t32();
    {
        TCGLabel *l2 = gen_new_label();

        tcg_gen_brcond(TCG_COND_NE, I32, g32[0], K(I32, 0), l2);
        tcg_gen_brcond(TCG_COND_LT, I64, K(I64, -1), K(I64, 0), l);
        binop(INDEX_op_add, I32, r, g32[0], g32[1]);
        gen_set_label(l2);
        binop(INDEX_op_sub, I32, r, g32[0], g32[1]);
        gen_set_label(l);
        tcg_gen_exit_tb(NULL, 0);
    }
    optimize();
    check(count_opc(INDEX_op_br) == 1 && count_opc(INDEX_op_add) == 0
          && count_opc(INDEX_op_sub) == 1 && count_opc(INDEX_op_set_label) == 2,
          "taken brcond: code up to the next referenced label is dead");

    /* Never taken: removed, and the label with it. */
    start();
    l = gen_new_label();
    r = t32();
    tcg_gen_brcond(TCG_COND_GTU, I64, K(I64, 1), K(I64, 2), l);
    binop(INDEX_op_add, I32, r, g32[0], g32[1]);
    gen_set_label(l);
    tcg_gen_exit_tb(NULL, 0);
    optimize();
    check(count_opc(INDEX_op_brcond) == 0 && count_opc(INDEX_op_set_label) == 0
          && count_opc(INDEX_op_add) == 1 && l->refs == 0,
          "untaken brcond and its label are removed");

    start();
    l = gen_new_label();
    r = t32();
    tcg_gen_brcond(TCG_COND_NE, I32, g32[0], g32[0], l);
    tcg_gen_brcond(TCG_COND_GEU, I32, g32[0], K(I32, 0), l);
    binop(INDEX_op_add, I32, r, g32[0], g32[1]);
    gen_set_label(l);
    tcg_gen_exit_tb(NULL, 0);
    optimize();
    check(count_opc(INDEX_op_brcond) == 0 && count_opc(INDEX_op_br) == 0
          && count_opc(INDEX_op_add) == 0 && count_ops() == 1,
          "brcond x != x vanishes, x >=u 0 becomes br to the next op");

    start();
    l = gen_new_label();
    tcg_gen_brcond(TCG_COND_EQ, I32, g32[0], g32[1], l);
    gen_set_label(l);
    tcg_gen_exit_tb(NULL, 0);
    optimize();
    check(count_ops() == 1, "brcond to the next op is removed");

    /* Unknown condition stays; the constant goes second. */
    start();
    l = gen_new_label();
    tcg_gen_brcond(TCG_COND_LT, I32, K(I32, 5), g32[0], l);
    tcg_gen_exit_tb(NULL, 0);
    gen_set_label(l);
    tcg_gen_exit_tb(NULL, 0);
    optimize();
    {
        TCGOp *op = tcg_ctx->ops_first;

        check(op->opc == INDEX_op_brcond && arg_temp(op->args[0]) == g32[0]
              && op->args[2] == TCG_COND_GT && l->refs == 1,
              "unknown brcond is kept with the constant second");
    }
}

/* ------------------------------------------------- copies and knowledge */

static void helper_dummy(void)
{
}

static const TCGHelperInfo info_writes = {
    .func = (void *)helper_dummy, .name = "dummy", .flags = 0,
    .ret = TCG_CALL_VOID, .nargs = 0,
};
static const TCGHelperInfo info_nowg = {
    .func = (void *)helper_dummy, .name = "dummy_nowg",
    .flags = TCG_CALL_NO_WG, .ret = TCG_CALL_VOID, .nargs = 0,
};

static void test_copies(void)
{
    TCGTemp *t, *r, *r2;
    TCGLabel *l;

    start();
    t = t32();
    r = t32();
    unop(INDEX_op_mov, I32, t, g32[0]);
    binop(INDEX_op_add, I32, r, t, g32[1]);
    optimize();
    {
        TCGOp *op = def_of(r);

        check(op && op->opc == INDEX_op_add && arg_temp(op->args[1]) == g32[0],
              "inputs use the global a temp copies");
    }

    start();
    t = t32();
    unop(INDEX_op_mov, I32, t, g32[0]);
    unop(INDEX_op_mov, I32, g32[0], t);
    unop(INDEX_op_mov, I32, g32[1], g32[1]);
    optimize();
    check(count_ops() == 1, "mov between known copies and mov x, x vanish");

    start();
    t = t32();
    r = t32();
    unop(INDEX_op_mov, I32, t, K(I32, 40));
    binop(INDEX_op_add, I32, r, t, K(I32, 2));
    optimize();
    check(is_movi(r, 42), "constants propagate through a mov");

    start();
    r = t32();
    r2 = t32();
    unop(INDEX_op_mov, I32, g32[0], K(I32, 5));
    tcg_gen_call(&info_nowg, NULL, NULL);
    binop(INDEX_op_add, I32, r, g32[0], K(I32, 1));
    tcg_gen_call(&info_writes, NULL, NULL);
    binop(INDEX_op_add, I32, r2, g32[0], K(I32, 1));
    optimize();
    check(is_movi(r, 6) && is_op(r2, INDEX_op_add),
          "a call that may write globals drops what is known of them");

    start();
    t = tcg_temp_new_internal(I32, TEMP_TB);
    r = t32();
    l = gen_new_label();
    unop(INDEX_op_mov, I32, t, K(I32, 5));
    tcg_gen_brcond(TCG_COND_EQ, I32, g32[0], K(I32, 0), l);
    unop(INDEX_op_mov, I32, t, K(I32, 6));
    gen_set_label(l);
    binop(INDEX_op_add, I32, r, t, K(I32, 1));
    optimize();
    check(is_op(r, INDEX_op_add), "nothing is known after a label");

    start();
    t = t32();
    r = t32();
    unop(INDEX_op_mov, I32, t, K(I32, 5));
    binop(INDEX_op_add, I32, t, t, g32[0]);
    binop(INDEX_op_add, I32, r, t, K(I32, 1));
    optimize();
    check(is_op(r, INDEX_op_add), "writing a temp drops its old value");

    start();
    r = t64();
    r2 = t64();
    tcg_gen_op3(INDEX_op_ld, I64, A(g64[0]), A(tcg_ctx->env), 64);
    unop(INDEX_op_mov, I64, r, g64[0]);
    unop(INDEX_op_mov, I64, g64[0], K(I64, 0));
    binop(INDEX_op_add, I64, r2, r, K(I64, 1));
    optimize();
    {
        TCGOp *op = def_of(r2);

        check(op && op->opc == INDEX_op_add && arg_temp(op->args[1]) == r,
              "a copy outlives a write to its source");
    }
}


/* ----------------------------------------------- randomized differential */

/*
 * Random op lists run through a small reference interpreter before and
 * after tcg_optimize(): every temp must end with the same value.  The
 * generator only builds defined operations (shift counts in range,
 * nonzero positive divisors, quotients that fit).
 */

#define FZ_TEMPS 6
#define FZ_LABELS 3

static uint64_t rng_state;

static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static uint64_t interesting(void)
{
    static const uint64_t v[] = {
        0, 1, 2, 3, 7, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff,
        0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ull,
        0x7fffffffffffffffull, 0x8000000000000000ull, UINT64_MAX,
        UINT64_MAX - 1, 0xffffffff80000000ull,
    };

    return rnd() % 3 ? v[rnd() % (sizeof(v) / sizeof(v[0]))] : rnd();
}

static TCGTemp *fz_pool[2][FZ_TEMPS + 2];
static TCGTemp *fz_last[2][2];      /* recent outputs: build chains */
static TCGType fz_type;             /* most ops of a list use one type */

static TCGTemp *fz_in(TCGType type)
{
    unsigned k = rnd() % 8;

    if (k < 2) {
        return K(type, interesting());
    }
    if (k < 5 && fz_last[type][k & 1]) {
        return fz_last[type][k & 1];
    }
    return fz_pool[type][rnd() % (FZ_TEMPS + 2)];
}

static TCGTemp *fz_out(TCGType type)
{
    TCGTemp *t = fz_pool[type][rnd() % (FZ_TEMPS + 2)];

    fz_last[type][1] = fz_last[type][0];
    fz_last[type][0] = t;
    return t;
}

/* A fresh temp holding a sanitized copy of a random input. */
static TCGTemp *fz_masked(TCGType type, uint64_t mask, uint64_t or)
{
    TCGTemp *t = tcg_temp_new_internal(type, TEMP_EBB);

    binop(INDEX_op_and, type, t, fz_in(type), K(type, mask));
    if (or) {
        binop(INDEX_op_or, type, t, t, K(type, or));
    }
    return t;
}

static void fz_gen_one(TCGLabel **labels, bool *placed)
{
    static const TCGOpcode bin[] = {
        INDEX_op_add, INDEX_op_sub, INDEX_op_mul, INDEX_op_and, INDEX_op_or,
        INDEX_op_xor, INDEX_op_andc, INDEX_op_orc, INDEX_op_eqv,
        INDEX_op_nand, INDEX_op_nor, INDEX_op_muluh, INDEX_op_mulsh,
    };
    static const TCGOpcode un[] = {
        INDEX_op_neg, INDEX_op_not, INDEX_op_ctpop, INDEX_op_bswap16,
        INDEX_op_bswap32, INDEX_op_ext8s, INDEX_op_ext8u, INDEX_op_ext16s,
        INDEX_op_ext16u, INDEX_op_mov,
    };
    static const TCGOpcode shifts[] = {
        INDEX_op_shl, INDEX_op_shr, INDEX_op_sar, INDEX_op_rotl, INDEX_op_rotr,
    };
    static const TCGOpcode divs[] = {
        INDEX_op_div, INDEX_op_divu, INDEX_op_rem, INDEX_op_remu,
    };
    TCGType type = rnd() % 5 ? fz_type : (TCGType)(fz_type ^ 1);
    int w = type == I32 ? 32 : 64;
    TCGOpcode opc;
    int k = rnd() % 25;

    switch (k) {
    case 0: case 1: case 2: case 3:
        opc = bin[rnd() % (sizeof(bin) / sizeof(bin[0]))];
        if (!tcg_op_supported(opc, type)) {
            return;
        }
        binop(opc, type, fz_out(type), fz_in(type), fz_in(type));
        break;
    case 4: case 5:
        opc = un[rnd() % (sizeof(un) / sizeof(un[0]))];
        if (!tcg_op_supported(opc, type)) {
            return;
        }
        unop(opc, type, fz_out(type), fz_in(type));
        break;
    case 6:
        opc = shifts[rnd() % 5];
        if (!tcg_op_supported(opc, type)) {
            return;
        }
        if (rnd() & 1) {
            binop(opc, type, fz_out(type), fz_in(type), K(type, rnd() % w));
        } else {
            binop(opc, type, fz_out(type), fz_in(type),
                  fz_masked(type, w - 1, 0));
        }
        break;
    case 7:
        opc = divs[rnd() % 4];
        if (!tcg_op_supported(opc, type)) {
            return;
        }
        binop(opc, type, fz_out(type), fz_in(type),
              rnd() & 1 ? K(type, 1 + rnd() % 9) : fz_masked(type, 0xff, 1));
        break;
    case 8: {
        TCGTemp *lo = fz_out(type), *hi = fz_out(type);

        if (lo == hi) {
            return;
        }
        switch (rnd() % 4) {
        case 0:
        case 1:
            opc = rnd() & 1 ? INDEX_op_mulu2 : INDEX_op_muls2;
            if (!tcg_op_supported(opc, type)) {
                return;
            }
            tcg_gen_op4(opc, type, A(lo), A(hi), A(fz_in(type)),
                        A(fz_in(type)));
            break;
        default:
            opc = rnd() & 1 ? INDEX_op_add2 : INDEX_op_sub2;
            if (!tcg_op_supported(opc, type)) {
                return;
            }
            tcg_gen_op6(opc, type, A(lo), A(hi), A(fz_in(type)),
                        A(fz_in(type)), A(fz_in(type)), A(fz_in(type)));
            break;
        }
        break;
    }
    case 9: {
        int len = 1 + rnd() % w, pos = rnd() % (w - len + 1);

        switch (rnd() % 4) {
        case 0:
            if (!tcg_op_supported(INDEX_op_deposit, type)) {
                return;
            }
            tcg_gen_op5(INDEX_op_deposit, type, A(fz_out(type)),
                        A(fz_in(type)), A(fz_in(type)), pos, len);
            break;
        case 1:
            if (!tcg_op_supported(INDEX_op_extract, type)) {
                return;
            }
            tcg_gen_op4(INDEX_op_extract, type, A(fz_out(type)),
                        A(fz_in(type)), pos, len);
            break;
        case 2:
            if (!tcg_op_supported(INDEX_op_sextract, type)) {
                return;
            }
            tcg_gen_op4(INDEX_op_sextract, type, A(fz_out(type)),
                        A(fz_in(type)), pos, len);
            break;
        default:
            if (!tcg_op_supported(INDEX_op_extract2, type)) {
                return;
            }
            tcg_gen_op4(INDEX_op_extract2, type, A(fz_out(type)),
                        A(fz_in(type)), A(fz_in(type)), rnd() % w);
            break;
        }
        break;
    }
    case 10:
        opc = rnd() & 1 ? INDEX_op_clz : INDEX_op_ctz;
        if (!tcg_op_supported(opc, type)) {
            return;
        }
        binop(opc, type, fz_out(type), fz_in(type), fz_in(type));
        break;
    case 11: {
        TCGCond c = (TCGCond)(2 + rnd() % 10);

        opc = rnd() & 1 ? INDEX_op_setcond : INDEX_op_negsetcond;
        if (!tcg_op_supported(opc, type)) {
            return;
        }
        tcg_gen_op4(opc, type, A(fz_out(type)), A(fz_in(type)),
                    A(fz_in(type)), c);
        break;
    }
    case 12: {
        TCGCond c = (TCGCond)(2 + rnd() % 10);

        if (!tcg_op_supported(INDEX_op_movcond, type)) {
            return;
        }
        tcg_gen_op6(INDEX_op_movcond, type, A(fz_out(type)), A(fz_in(type)),
                    A(fz_in(type)), A(fz_in(type)), A(fz_in(type)), c);
        break;
    }
    case 13:
        switch (rnd() % 6) {
        case 0:
            unop(INDEX_op_ext_i32_i64, I64, fz_out(I64), fz_in(I32));
            break;
        case 1:
            unop(INDEX_op_extu_i32_i64, I64, fz_out(I64), fz_in(I32));
            break;
        case 2:
            unop(INDEX_op_extrl_i64_i32, I32, fz_out(I32), fz_in(I64));
            break;
        case 3:
            unop(INDEX_op_extrh_i64_i32, I32, fz_out(I32), fz_in(I64));
            break;
        case 4:
            unop(rnd() & 1 ? INDEX_op_ext32s : INDEX_op_ext32u, I64,
                 fz_out(I64), fz_in(I64));
            break;
        default:
            unop(INDEX_op_bswap64, I64, fz_out(I64), fz_in(I64));
            break;
        }
        break;
    case 14: {
        int l = rnd() % FZ_LABELS;

        if (!placed[l]) {
            tcg_gen_brcond((TCGCond)(2 + rnd() % 10), type, fz_in(type),
                           fz_in(type), labels[l]);
        }
        break;
    }
    case 15: {
        int l = rnd() % FZ_LABELS;

        if (!placed[l] && rnd() % 4 == 0) {
            tcg_gen_br(labels[l]);
        } else if (!placed[l] && labels[l]->refs) {
            gen_set_label(labels[l]);
            placed[l] = true;
        }
        break;
    }
    case 16: {
        /* div2/divu2 with quotients that fit. */
        TCGTemp *q = fz_out(type), *r = fz_out(type);
        TCGTemp *lo = fz_in(type), *hi = tcg_temp_new_internal(type, TEMP_EBB);

        if (q == r) {
            return;
        }
        opc = rnd() & 1 ? INDEX_op_div2 : INDEX_op_divu2;
        if (!tcg_op_supported(opc, type)) {
            return;
        }
        if (opc == INDEX_op_div2) {
            binop(INDEX_op_sar, type, hi, lo, K(type, w - 1));
        } else {
            unop(INDEX_op_mov, type, hi, K(type, 0));
        }
        tcg_gen_op5(opc, type, A(q), A(r), A(lo), A(hi),
                    A(rnd() & 1 ? K(type, 1 + rnd() % 9)
                                : fz_masked(type, 0xff, 1)));
        break;
    }
    case 17: {
        /* Narrow values, so later ops have known bits to use. */
        static const uint64_t masks[] = {
            0xff, 0xffff, 0xf0, 0x7fffffff, 1, 3,
        };

        binop(INDEX_op_and, type, fz_out(type), fz_in(type),
              K(type, rnd() & 1 ? masks[rnd() % 6]
                                : (rnd() | 1) >> (rnd() % 64)));
        break;
    }
    case 18: {
        /* Compares against constants near the known-bits boundaries. */
        TCGCond c = (TCGCond)(2 + rnd() % 10);
        uint64_t v = rnd() & 1 ? interesting()
                               : (1ull << (rnd() % 64)) - (rnd() % 2);

        tcg_gen_op4(INDEX_op_setcond, type, A(fz_out(type)), A(fz_in(type)),
                    A(K(type, v)), c);
        break;
    }
    case 19: {
        /* Sign runs near the extension boundaries, then an extension. */
        static const TCGOpcode sext[] = {
            INDEX_op_ext8s, INDEX_op_ext16s, INDEX_op_sar, INDEX_op_shl,
        };
        static const int cnt[] = { 8, 9, 15, 16, 17, 24, 25, 31, 32, 33 };
        int c = w - cnt[rnd() % 10];

        opc = sext[rnd() % 4];
        if (c <= 0) {
            return;
        }
        if (opc == INDEX_op_sar || opc == INDEX_op_shl) {
            binop(opc, type, fz_out(type), fz_in(type), K(type, c));
        } else {
            unop(opc, type, fz_out(type), fz_in(type));
        }
        break;
    }
    case 20: {
        /* A compare result tested against 0 (the fused forms). */
        TCGTemp *t = fz_out(type);
        TCGCond c = rnd() & 1 ? TCG_COND_EQ : TCG_COND_NE;
        int l = rnd() % FZ_LABELS;

        tcg_gen_op4(rnd() & 1 ? INDEX_op_setcond : INDEX_op_negsetcond, type,
                    A(t), A(fz_in(type)), A(fz_in(type)), 2 + rnd() % 10);
        if (rnd() & 1) {
            /* Sometimes an operand changes in between. */
            fz_gen_one(labels, placed);
        }
        switch (rnd() % 3) {
        case 0:
            if (!placed[l]) {
                tcg_gen_brcond(c, type, t, K(type, 0), labels[l]);
            }
            break;
        case 1:
            tcg_gen_op4(rnd() & 1 ? INDEX_op_setcond : INDEX_op_negsetcond,
                        type, A(fz_out(type)), A(t), A(K(type, 0)), c);
            break;
        default:
            tcg_gen_op6(INDEX_op_movcond, type, A(fz_out(type)), A(t),
                        A(K(type, 0)), A(fz_in(type)), A(fz_in(type)), c);
            break;
        }
        break;
    }
    case 21:
        /* The reference makes info_writes change two globals. */
        tcg_gen_call(rnd() & 1 ? &info_writes : &info_nowg, NULL, NULL);
        break;
    default:
        unop(INDEX_op_mov, type, fz_out(type),
             rnd() & 1 ? K(type, interesting()) : fz_in(type));
        break;
    }
}

/* The reference semantics of the ops the generator emits. */
static uint64_t ref_sext(int w, uint64_t v)
{
    return w == 32 ? (uint64_t)(int64_t)(int32_t)v : v;
}

static uint64_t *ref_val(uint64_t *vals, TCGArg a)
{
    return &vals[temp_idx(arg_temp(a))];
}

static uint64_t ref_in(uint64_t *vals, TCGArg a)
{
    TCGTemp *ts = arg_temp(a);

    if (ts->kind == TEMP_CONST) {
        return tcg_type_mask(ts->type, ts->val);
    }
    return vals[temp_idx(ts)];
}

static void ref_set(uint64_t *vals, TCGArg a, uint64_t v)
{
    *ref_val(vals, a) = tcg_type_mask(arg_temp(a)->type, v);
}

static uint64_t ref_rotl(int w, uint64_t x, unsigned c)
{
    uint64_t m = w == 32 ? UINT32_MAX : UINT64_MAX;

    c %= w;
    x &= m;
    return c ? ((x << c) | (x >> (w - c))) & m : x;
}

static uint64_t ref_sextract(uint64_t x, unsigned pos, unsigned len)
{
    x >>= pos;
    if (len < 64) {
        x &= (1ull << len) - 1;
        if (x >> (len - 1)) {
            x |= ~0ull << len;
        }
    }
    return x;
}

static bool ref_cond(TCGCond c, int w, uint64_t a, uint64_t b)
{
    int64_t sa = ref_sext(w, a), sb = ref_sext(w, b);

    switch (c) {
    case TCG_COND_EQ: return a == b;
    case TCG_COND_NE: return a != b;
    case TCG_COND_LT: return sa < sb;
    case TCG_COND_GE: return sa >= sb;
    case TCG_COND_LE: return sa <= sb;
    case TCG_COND_GT: return sa > sb;
    case TCG_COND_LTU: return a < b;
    case TCG_COND_GEU: return a >= b;
    case TCG_COND_LEU: return a <= b;
    case TCG_COND_GTU: return a > b;
    case TCG_COND_ALWAYS: return true;
    default: return false;
    }
}

/* Run the op list; false if it did something the generator never makes. */
static bool ref_run(uint64_t *vals)
{
    TCGOp *op = tcg_ctx->ops_first;

    while (op) {
        TCGArg *a = op->args;
        int w = op->type == I32 ? 32 : 64;
        uint64_t x = 0, y = 0, z = 0, r = 0;
        unsigned __int128 p;
        __int128 sp;

        if (tcg_op_defs[op->opc].nb_iargs >= 1 && op->opc != INDEX_op_call) {
            int o = tcg_op_defs[op->opc].nb_oargs;

            x = ref_in(vals, a[o]);
            if (tcg_op_defs[op->opc].nb_iargs >= 2) {
                y = ref_in(vals, a[o + 1]);
            }
            if (tcg_op_defs[op->opc].nb_iargs >= 3) {
                z = ref_in(vals, a[o + 2]);
            }
        }
        switch (op->opc) {
        case INDEX_op_mov: r = x; break;
        case INDEX_op_add: r = x + y; break;
        case INDEX_op_sub: r = x - y; break;
        case INDEX_op_mul: r = x * y; break;
        case INDEX_op_neg: r = -x; break;
        case INDEX_op_and: r = x & y; break;
        case INDEX_op_or: r = x | y; break;
        case INDEX_op_xor: r = x ^ y; break;
        case INDEX_op_not: r = ~x; break;
        case INDEX_op_andc: r = x & ~y; break;
        case INDEX_op_orc: r = x | ~y; break;
        case INDEX_op_eqv: r = ~(x ^ y); break;
        case INDEX_op_nand: r = ~(x & y); break;
        case INDEX_op_nor: r = ~(x | y); break;
        case INDEX_op_shl: r = x << y; break;
        case INDEX_op_shr: r = x >> y; break;
        case INDEX_op_sar: r = (int64_t)ref_sext(w, x) >> y; break;
        case INDEX_op_rotl: r = ref_rotl(w, x, y); break;
        case INDEX_op_rotr: r = ref_rotl(w, x, w - y); break;
        case INDEX_op_div:
            r = (int64_t)ref_sext(w, x) / (int64_t)ref_sext(w, y);
            break;
        case INDEX_op_rem:
            r = (int64_t)ref_sext(w, x) % (int64_t)ref_sext(w, y);
            break;
        case INDEX_op_divu: r = x / y; break;
        case INDEX_op_remu: r = x % y; break;
        case INDEX_op_muluh:
            p = (unsigned __int128)x * y;
            r = (uint64_t)(p >> w);
            break;
        case INDEX_op_mulsh:
            sp = (__int128)(int64_t)ref_sext(w, x) * (int64_t)ref_sext(w, y);
            r = (uint64_t)(sp >> w);
            break;
        case INDEX_op_ctpop: r = __builtin_popcountll(x); break;
        case INDEX_op_clz: r = x ? __builtin_clzll(x) - (64 - w) : y; break;
        case INDEX_op_ctz: r = x ? __builtin_ctzll(x) : y; break;
        case INDEX_op_bswap16: r = ((x >> 8) & 0xff) | ((x & 0xff) << 8); break;
        case INDEX_op_bswap32: r = __builtin_bswap32(x); break;
        case INDEX_op_bswap64: r = __builtin_bswap64(x); break;
        case INDEX_op_ext8s: r = (int8_t)x; break;
        case INDEX_op_ext8u: r = (uint8_t)x; break;
        case INDEX_op_ext16s: r = (int16_t)x; break;
        case INDEX_op_ext16u: r = (uint16_t)x; break;
        case INDEX_op_ext32s: r = (int32_t)x; break;
        case INDEX_op_ext32u: r = (uint32_t)x; break;
        case INDEX_op_ext_i32_i64: r = (int32_t)x; break;
        case INDEX_op_extu_i32_i64: r = (uint32_t)x; break;
        case INDEX_op_extrl_i64_i32: r = (uint32_t)x; break;
        case INDEX_op_extrh_i64_i32: r = x >> 32; break;
        case INDEX_op_deposit: {
            unsigned pos = a[3], len = a[4];
            uint64_t m = (len == 64 ? UINT64_MAX : (1ull << len) - 1) << pos;

            r = (x & ~m) | ((y << pos) & m);
            break;
        }
        case INDEX_op_extract: {
            unsigned pos = a[2], len = a[3];

            r = (x >> pos) & (len == 64 ? UINT64_MAX : (1ull << len) - 1);
            break;
        }
        case INDEX_op_sextract:
            r = ref_sextract(x, a[2], a[3]);
            break;
        case INDEX_op_extract2: {
            unsigned pos = a[3];

            if (pos == 0 || pos == (unsigned)w) {
                r = pos ? y : x;
            } else {
                r = (x >> pos) | (y << (w - pos));
            }
            break;
        }
        case INDEX_op_setcond: r = ref_cond(a[3], w, x, y); break;
        case INDEX_op_negsetcond: r = -(uint64_t)ref_cond(a[3], w, x, y); break;
        case INDEX_op_movcond:
            r = ref_cond(a[5], w, x, y) ? z : ref_in(vals, a[4]);
            break;
        case INDEX_op_mulu2:
            p = (unsigned __int128)x * y;
            ref_set(vals, a[0], (uint64_t)p);
            ref_set(vals, a[1], (uint64_t)(p >> w));
            op = op->next;
            continue;
        case INDEX_op_muls2:
            sp = (__int128)(int64_t)ref_sext(w, x) * (int64_t)ref_sext(w, y);
            ref_set(vals, a[0], (uint64_t)sp);
            ref_set(vals, a[1], (uint64_t)(sp >> w));
            op = op->next;
            continue;
        case INDEX_op_add2:
        case INDEX_op_sub2: {
            unsigned __int128 l = ((unsigned __int128)y << w) | x;
            unsigned __int128 rr = ((unsigned __int128)ref_in(vals, a[5]) << w)
                                   | z;

            l = op->opc == INDEX_op_add2 ? l + rr : l - rr;
            ref_set(vals, a[0], (uint64_t)l);
            ref_set(vals, a[1], (uint64_t)(l >> w));
            op = op->next;
            continue;
        }
        case INDEX_op_div2:
        case INDEX_op_divu2: {
            __int128 sn = (__int128)(int64_t)ref_sext(w, y)
                          * ((__int128)1 << w) + x;
            unsigned __int128 un = ((unsigned __int128)y << w) | x;

            if (op->opc == INDEX_op_div2) {
                __int128 d = (int64_t)ref_sext(w, z);

                ref_set(vals, a[0], (uint64_t)(sn / d));
                ref_set(vals, a[1], (uint64_t)(sn % d));
            } else {
                ref_set(vals, a[0], (uint64_t)(un / z));
                ref_set(vals, a[1], (uint64_t)(un % z));
            }
            op = op->next;
            continue;
        }
        case INDEX_op_brcond:
            if (ref_cond(a[2], w, ref_in(vals, a[0]), ref_in(vals, a[1]))) {
                goto jump;
            }
            op = op->next;
            continue;
        case INDEX_op_br:
        jump: {
            TCGArg l = op->opc == INDEX_op_br ? a[0] : a[3];

            for (op = op->next; op; op = op->next) {
                if (op->opc == INDEX_op_set_label && op->args[0] == l) {
                    break;
                }
            }
            if (!op) {
                return false;
            }
            continue;
        }
        case INDEX_op_call:
            if (tcg_call_info(op) == &info_writes) {
                uint64_t *v = &vals[temp_idx(g32[0])];

                *v = (uint32_t)(*v * 3 + 1);
                vals[temp_idx(g64[1])] ^= 0x5555;
            }
            op = op->next;
            continue;
        case INDEX_op_set_label:
        case INDEX_op_insn_start:
            op = op->next;
            continue;
        default:
            return false;
        }
        ref_set(vals, a[0], r);
        op = op->next;
    }
    return true;
}

/* A value with known bits: narrowed, extended or shifted from an input. */
static void fz_producer(TCGType type)
{
    static const TCGOpcode ext[] = {
        INDEX_op_ext8s, INDEX_op_ext8u, INDEX_op_ext16s, INDEX_op_ext16u,
        INDEX_op_ext32s, INDEX_op_ext32u,
    };
    int w = type == I32 ? 32 : 64;
    TCGTemp *in = fz_in(type), *out = fz_out(type);

    switch (rnd() % 7) {
    case 0:
        binop(INDEX_op_and, type, out, in,
              K(type, rnd() & 1 ? interesting() : UINT64_MAX >> (rnd() % 64)));
        break;
    case 1:
        unop(ext[rnd() % (type == I32 ? 4 : 6)], type, out, in);
        break;
    case 2:
        binop(INDEX_op_sar, type, out, in, K(type, rnd() % w));
        break;
    case 3:
        binop(INDEX_op_shr, type, out, in, K(type, rnd() % w));
        break;
    case 4:
        binop(INDEX_op_shl, type, out, in, K(type, rnd() % w));
        break;
    case 5:
        binop(INDEX_op_or, type, out, in, K(type, interesting()));
        break;
    default:
        tcg_gen_op4(rnd() & 1 ? INDEX_op_setcond : INDEX_op_negsetcond, type,
                    A(out), A(in), A(fz_in(type)), 2 + rnd() % 10);
        break;
    }
}

/* Consumers of v that fold when its known bits say they may. */
static void fz_probes(TCGType type, TCGTemp *v)
{
    static const TCGOpcode ext[] = {
        INDEX_op_ext8s, INDEX_op_ext8u, INDEX_op_ext16s, INDEX_op_ext16u,
        INDEX_op_ext32s, INDEX_op_ext32u,
    };
    int w = type == I32 ? 32 : 64;
    int i, len, pos;
    TCGTemp *t;

    for (i = 0; i < (type == I32 ? 4 : 6); i++) {
        unop(ext[i], type, fresh(type), v);
    }
    if (type == I64) {
        t = tcg_temp_new_internal(I32, TEMP_EBB);
        unop(INDEX_op_extrl_i64_i32, I32, t, v);
        unop(INDEX_op_ext_i32_i64, I64, fresh(I64), t);
        unop(INDEX_op_extrh_i64_i32, I32, fresh(I32), v);
    }
    binop(INDEX_op_and, type, fresh(type), v,
          K(type, UINT64_MAX >> (rnd() % 64)));
    for (i = 0; i < 3; i++) {
        uint64_t c = rnd() & 1 ? interesting()
                               : (1ull << (rnd() % w)) - (rnd() & 1);

        tcg_gen_op4(INDEX_op_setcond, type, A(fresh(type)),
                    A(v), A(K(type, c)), 2 + rnd() % 10);
    }
    len = 1 + rnd() % w;
    pos = rnd() % (w - len + 1);
    if (tcg_op_supported(INDEX_op_sextract, type)) {
        tcg_gen_op4(INDEX_op_sextract, type, A(fresh(type)),
                    A(v), rnd() & 1 ? 0 : pos, len);
    }
    if (tcg_op_supported(INDEX_op_extract, type)) {
        tcg_gen_op4(INDEX_op_extract, type, A(fresh(type)),
                    A(v), rnd() & 1 ? 0 : pos, len);
    }
}

/*
 * probes == false: random op lists.  probes == true: a few producers of
 * values with known bits, one random op on them, then consumers of its
 * result that the known bits may fold -- a check of the bit tracking.
 */
static void fz_test(bool probes, int n_iter)
{
    static uint64_t before[TCG_MAX_TEMPS], after[TCG_MAX_TEMPS];
    int iter, bad = 0, skipped = 0;
    TCGLabel *labels[FZ_LABELS];
    bool placed[FZ_LABELS];

    for (iter = 0; iter < n_iter; iter++) {
        int i, j, n, nt;
        uint64_t seed;

        start();
        for (i = 0; i < 2; i++) {
            TCGType type = i ? I64 : I32;

            for (j = 0; j < FZ_TEMPS; j++) {
                fz_pool[i][j] = tcg_temp_new_internal(
                    type, j & 1 ? TEMP_TB : TEMP_EBB);
            }
            fz_pool[i][FZ_TEMPS] = i ? g64[0] : g32[0];
            fz_pool[i][FZ_TEMPS + 1] = i ? g64[1] : g32[1];
        }
        for (i = 0; i < FZ_LABELS; i++) {
            labels[i] = gen_new_label();
            placed[i] = false;
        }
        fz_type = rnd() & 1 ? I64 : I32;
        memset(fz_last, 0, sizeof(fz_last));
        if (probes) {
            n = 1 + rnd() % 4;
            for (i = 0; i < n; i++) {
                fz_producer(fz_type);
            }
            if (rnd() % 3) {
                fz_gen_one(labels, placed);
            }
            if (fz_last[fz_type][0]) {
                fz_probes(fz_type, fz_last[fz_type][0]);
            }
        } else {
            n = 5 + rnd() % 40;
            for (i = 0; i < n; i++) {
                fz_gen_one(labels, placed);
            }
        }
        for (i = 0; i < FZ_LABELS; i++) {
            if (!placed[i] && labels[i]->refs) {
                gen_set_label(labels[i]);
            }
        }

        /* The same starting values for both runs. */
        seed = rnd();
        nt = tcg_ctx->nb_temps;
        for (i = 0; i < nt; i++) {
            uint64_t v = seed * (i + 1) ^ (seed >> (i % 64));

            /* Small and sign-extended values hit more boundaries. */
            if (i % 3 == 1) {
                v = (uint64_t)((int64_t)v >> (rnd() % 64));
            }
            before[i] = tcg_type_mask(tcg_ctx->temps[i].type, v);
        }
        memcpy(after, before, sizeof(before));
        if (!ref_run(before)) {
            skipped++;
            continue;
        }
        optimize();
        if (!ref_run(after)) {
            if (bad++ < 3) {
                tap_diag("iteration %d: optimized list has unexpected ops",
                         iter);
                tcg_dump_ops(tcg_ctx, stdout, false);
            }
            continue;
        }
        for (i = 0; i < nt; i++) {
            if (before[i] != after[i]) {
                if (bad++ < 3) {
                    tap_diag("iteration %d: temp %d: %#llx vs %#llx", iter, i,
                             (unsigned long long)before[i],
                             (unsigned long long)after[i]);
                    tcg_dump_ops(tcg_ctx, stdout, false);
                }
                break;
            }
        }
    }
    tap_report(skipped == 0, "%s: the generator only makes ops the reference "
               "runs", probes ? "probes" : "lists");
    tap_report(bad == 0, "%d random %s compute the same values optimized "
               "(%d differ)", n_iter,
               probes ? "known-bits probes" : "op lists", bad);
}

static void test_random(void)
{
    rng_state = 0x9e3779b97f4a7c15ull;
    fz_test(false, 20000);
    fz_test(true, 50000);
}

int main(void)
{
    size_t size = 1 << 20;
    void *buf = mmap(NULL, size, PROT_READ | PROT_WRITE | PROT_EXEC,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    if (buf == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    tcg_context_init(buf, size);
    g32[0] = tcg_global_mem_new_internal(I32, tcg_ctx->env,
                                         offsetof(FakeCPU, r32[0]), "a32");
    g32[1] = tcg_global_mem_new_internal(I32, tcg_ctx->env,
                                         offsetof(FakeCPU, r32[1]), "b32");
    g64[0] = tcg_global_mem_new_internal(I64, tcg_ctx->env,
                                         offsetof(FakeCPU, r64[0]), "a64");
    g64[1] = tcg_global_mem_new_internal(I64, tcg_ctx->env,
                                         offsetof(FakeCPU, r64[1]), "b64");

    test_arith();
    test_divide();
    test_double_width();
    test_logic();
    test_shifts();
    test_bits();
    test_ext();
    test_sign_runs();
    test_loads();
    test_dead_code();
    test_cond();
    test_fused_compare();
    test_branches();
    test_copies();
    test_random();
    return tap_exit_status();
}

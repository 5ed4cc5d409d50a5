/*
 * optimize.c: the TCG IR optimizer.
 *
 * One forward pass over the op list of a TB, run by tcg_gen_code() before
 * liveness.  For every temp touched in the current basic block it keeps:
 *
 *   - a class of copies: temps known to hold the same value (a circular
 *     list; constants take part through their interned TEMP_CONST temp);
 *   - z_mask: bits of the value (zero-extended to 64) that may be 1;
 *   - s_mask: a left-aligned mask of the bits of the value sign-extended
 *     to 64 that are known to equal bit 63 (always covers bits 63..W-1);
 *   - for setcond/negsetcond results, the compare that made them, so a
 *     later `brcond/setcond/movcond t ==/!= 0` can test the compare's
 *     operands directly while they still hold their values.
 *
 * Each op first has its inputs replaced by the best member of their class
 * (constant, then global, then TB temp, then the oldest EBB temp), then a
 * fold_<op>() function either rewrites it (to `mov dst, const`, to
 * `mov dst, src`, to a cheaper op, or removes it) or records what is
 * known about its outputs.
 *
 * Knowledge is dropped at every basic-block boundary (a referenced label,
 * and after any TCG_OPF_BB_END op), for globals at calls that may write
 * them, and for a temp whenever it is written.  Ops after an unconditional
 * jump up to the next referenced label are unreachable and removed.
 *
 * Undefined operations (shift counts >= width, division by zero or
 * INT_MIN / -1) are never folded: the op is left as the frontend wrote it.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "tcg/tcg.h"

typedef struct OptTemp {
    TCGTemp *prev_copy, *next_copy; /* circular list of equal temps */
    uint32_t gen;                   /* facts valid when == opt_gen */
    uint64_t val;                   /* the value, when is_const */
    uint64_t z_mask;                /* bits that may be 1 */
    uint64_t s_mask;                /* high bits equal to the sign */
    uint32_t seq;                   /* definition order: older wins ties */
    uint32_t ver;                   /* changes whenever the facts restart */
    bool is_const;
    /* The value is setcond/negsetcond(cmp_a cmp_cond cmp_b), when cmp_a. */
    TCGTemp *cmp_a, *cmp_b;
    uint32_t cmp_a_ver, cmp_b_ver;
    TCGCond cmp_cond;
} __attribute__((aligned(128))) OptTemp;   /* opt_temps[i]: a shift */

typedef struct OptContext {
    TCGContext *s;
    uint32_t seq;
    uint32_t ver;
    bool removed;                   /* the current op was removed */
} OptContext;

/*
 * The facts of s->temps[i] are opt_temps[i].  They hold for the current
 * basic block only when their gen is opt_gen, which every new block
 * (and every pass) bumps, so that dropping all facts is one increment.
 */
static OptTemp opt_temps[TCG_MAX_TEMPS];
static uint32_t opt_gen;

static void new_gen(void)
{
    if (++opt_gen == 0) {
        memset(opt_temps, 0, sizeof(opt_temps));
        opt_gen = 1;
    }
}

_Static_assert(sizeof(OptTemp) % sizeof(TCGTemp) == 0, "OptTemp size");

/* &opt_temps[ts - s->temps], from the byte offset of ts (no division). */
static inline OptTemp *ot_of(OptContext *ctx, TCGTemp *ts)
{
    uintptr_t ofs = (uintptr_t)ts - (uintptr_t)ctx->s->temps;

    return (OptTemp *)((char *)opt_temps
                       + ofs * (sizeof(OptTemp) / sizeof(TCGTemp)));
}

/* ------------------------------------------------------------ bit helpers */

static inline int type_bits(TCGType type)
{
    return type == TCG_TYPE_I32 ? 32 : 64;
}

static inline uint64_t type_mask(TCGType type)
{
    return type == TCG_TYPE_I32 ? UINT32_MAX : UINT64_MAX;
}

/* Sign-extend a value of the type to 64 bits. */
static inline uint64_t sext_type(TCGType type, uint64_t v)
{
    return type == TCG_TYPE_I32 ? (uint64_t)(int64_t)(int32_t)v : v;
}

/* The top n bits set. */
static inline uint64_t left_mask(int n)
{
    if (n <= 0) {
        return 0;
    }
    return n >= 64 ? UINT64_MAX : ~(UINT64_MAX >> n);
}

/* The low n bits set. */
static inline uint64_t low_mask(int n)
{
    if (n <= 0) {
        return 0;
    }
    return n >= 64 ? UINT64_MAX : (UINT64_MAX >> (64 - n));
}

/* Every bit at or below the highest set bit of x. */
static inline uint64_t smear_right(uint64_t x)
{
    return x ? UINT64_MAX >> __builtin_clzll(x) : 0;
}

/* Sign run known for any value of the type: bits 63..W-1. */
static inline uint64_t s_base(TCGType type)
{
    return left_mask(65 - type_bits(type));
}

/* Sign run implied by known-zero high bits. */
static inline uint64_t s_from_z(uint64_t z)
{
    return z ? left_mask(__builtin_clzll(z)) : UINT64_MAX;
}

/* Sign run of a constant of the type. */
static inline uint64_t s_of_const(TCGType type, uint64_t v)
{
    return left_mask(__builtin_clrsbll((long long)sext_type(type, v)) + 1);
}

static inline uint64_t sextract64(uint64_t v, int pos, int len)
{
    return (uint64_t)((int64_t)(v << (64 - pos - len)) >> (64 - len));
}

static inline uint64_t rotl_type(TCGType type, uint64_t v, int c)
{
    int w = type_bits(type);

    v &= type_mask(type);
    if (c == 0) {
        return v;
    }
    return ((v << c) | (v >> (w - c))) & type_mask(type);
}

/* ------------------------------------------------------ per-temp facts */

static void init_info(OptContext *ctx, TCGTemp *ts, OptTemp *ot)
{
    TCGType type = ts->type;

    ot->prev_copy = ts;
    ot->next_copy = ts;
    ot->seq = 0;
    ot->ver = ++ctx->ver;
    ot->cmp_a = NULL;
    if (ts->kind == TEMP_CONST) {
        ot->is_const = true;
        ot->val = ts->val & type_mask(type);
        ot->z_mask = ot->val;
        ot->s_mask = s_of_const(type, ot->val);
    } else {
        ot->is_const = false;
        ot->val = 0;
        ot->z_mask = type_mask(type);
        ot->s_mask = s_base(type);
    }
}

/* The facts about ts, starting from nothing known in a new BB. */
static inline OptTemp *ts_info(OptContext *ctx, TCGTemp *ts)
{
    OptTemp *ot = ot_of(ctx, ts);

    if (__builtin_expect(ot->gen != opt_gen, 0)) {
        ot->gen = opt_gen;
        init_info(ctx, ts, ot);
    }
    return ot;
}

static inline OptTemp *arg_info(OptContext *ctx, TCGArg a)
{
    return ts_info(ctx, arg_temp(a));
}

static inline bool arg_is_const(OptContext *ctx, TCGArg a)
{
    return arg_info(ctx, a)->is_const;
}

static inline uint64_t arg_val(OptContext *ctx, TCGArg a)
{
    return arg_info(ctx, a)->val;
}

/* Is a a constant equal to v (as a value of the type)? */
static inline bool arg_is(OptContext *ctx, TCGArg a, TCGType type, uint64_t v)
{
    OptTemp *ot = arg_info(ctx, a);

    return ot->is_const && ot->val == (v & type_mask(type));
}

static inline uint64_t arg_z(OptContext *ctx, TCGArg a)
{
    return arg_info(ctx, a)->z_mask;
}

static inline uint64_t arg_s(OptContext *ctx, TCGArg a)
{
    return arg_info(ctx, a)->s_mask;
}

/* Take ts out of its class of copies. */
static inline void unlink_ot(OptContext *ctx, TCGTemp *ts, OptTemp *ot)
{
    if (ot->next_copy != ts) {
        OptTemp *p = ot_of(ctx, ot->prev_copy);
        OptTemp *n = ot_of(ctx, ot->next_copy);

        p->next_copy = ot->next_copy;
        n->prev_copy = ot->prev_copy;
        ot->prev_copy = ts;
        ot->next_copy = ts;
    }
}

static void unlink_copy(OptContext *ctx, TCGTemp *ts)
{
    unlink_ot(ctx, ts, ts_info(ctx, ts));
}

/* ts is being written: nothing is known about its new value yet. */
static OptTemp *forget(OptContext *ctx, TCGTemp *ts)
{
    OptTemp *ot = ot_of(ctx, ts);

    if (ot->gen != opt_gen) {
        /* First seen in this block: alone in its class; the rest is
         * set below. */
        ot->gen = opt_gen;
        ot->prev_copy = ts;
        ot->next_copy = ts;
    } else {
        unlink_ot(ctx, ts, ot);
    }
    ot->is_const = false;
    ot->val = 0;
    ot->z_mask = type_mask(ts->type);
    ot->s_mask = s_base(ts->type);
    ot->seq = ++ctx->seq;
    ot->ver = ++ctx->ver;
    ot->cmp_a = NULL;
    return ot;
}

/* New basic block: every fact is dropped (lazily, through gen). */
static void reset_all(OptContext *ctx)
{
    (void)ctx;
    new_gen();
}

/* A helper may have written the guest registers. */
static void reset_globals(OptContext *ctx)
{
    TCGContext *s = ctx->s;
    int i;

    /* Globals (and fixed temps) are the first nb_globals temps. */
    for (i = 0; i < s->nb_globals; i++) {
        TCGTemp *ts = &s->temps[i];

        if (opt_temps[i].gen == opt_gen) {
            unlink_copy(ctx, ts);
            opt_temps[i].gen = opt_gen - 1;
        }
    }
}

static bool temps_are_copies(OptContext *ctx, TCGTemp *a, TCGTemp *b)
{
    OptTemp *ia, *ib;
    TCGTemp *t;

    if (a == b) {
        return true;
    }
    if (a->type != b->type) {
        return false;
    }
    ia = ts_info(ctx, a);
    ib = ts_info(ctx, b);
    if (ia->is_const && ib->is_const) {
        return ia->val == ib->val;
    }
    for (t = ia->next_copy; t != a; t = ot_of(ctx, t)->next_copy) {
        if (t == b) {
            return true;
        }
    }
    return false;
}

static inline bool args_are_copies(OptContext *ctx, TCGArg a, TCGArg b)
{
    return temps_are_copies(ctx, arg_temp(a), arg_temp(b));
}

static int kind_rank(TCGTemp *ts)
{
    switch (ts->kind) {
    case TEMP_CONST:
        return 4;
    case TEMP_FIXED:
    case TEMP_GLOBAL:
        return 3;
    case TEMP_TB:
        return 2;
    default:
        return 1;
    }
}

/* The member of ts's class a reader should use. */
static TCGTemp *best_copy(OptContext *ctx, TCGTemp *ts)
{
    OptTemp *ot = ts_info(ctx, ts);
    TCGTemp *best = ts, *t;
    uint32_t best_seq = ot->seq;

    for (t = ot->next_copy; t != ts; t = ot_of(ctx, t)->next_copy) {
        OptTemp *it = ot_of(ctx, t);
        int r = kind_rank(t), br = kind_rank(best);

        if (r > br || (r == br && it->seq < best_seq)) {
            best = t;
            best_seq = it->seq;
        }
    }
    return best;
}

/* dst now holds the value of src. */
static void record_copy(OptContext *ctx, TCGTemp *dst, TCGTemp *src)
{
    OptTemp *is = ts_info(ctx, src);
    OptTemp *id = forget(ctx, dst);
    OptTemp *n;

    id->is_const = is->is_const;
    id->val = is->val;
    id->z_mask = is->z_mask;
    id->s_mask = is->s_mask;
    if (dst->type != src->type) {
        return;
    }
    id->cmp_a = is->cmp_a;
    id->cmp_b = is->cmp_b;
    id->cmp_a_ver = is->cmp_a_ver;
    id->cmp_b_ver = is->cmp_b_ver;
    id->cmp_cond = is->cmp_cond;
    /* Insert dst after src. */
    n = ot_of(ctx, is->next_copy);
    id->next_copy = is->next_copy;
    id->prev_copy = src;
    n->prev_copy = dst;
    is->next_copy = dst;
}

/* --------------------------------------------------------- op rewriting */

static void remove_op(OptContext *ctx, TCGOp *op)
{
    tcg_op_remove(ctx->s, op);
    ctx->removed = true;
}

/* Rewrite op (single output) as `mov dst, src`, or drop it if redundant. */
static bool fold_to_copy(OptContext *ctx, TCGOp *op, TCGArg src)
{
    TCGTemp *dst = arg_temp(op->args[0]);

    if (temps_are_copies(ctx, dst, arg_temp(src))) {
        remove_op(ctx, op);
        return true;
    }
    op->opc = INDEX_op_mov;
    op->type = dst->type;
    op->args[1] = src;
    record_copy(ctx, dst, arg_temp(src));
    return true;
}

/* Rewrite op (single output) as `mov dst, $v`. */
static bool fold_to_const(OptContext *ctx, TCGOp *op, uint64_t v)
{
    TCGTemp *dst = arg_temp(op->args[0]);
    TCGType type = dst->type;
    TCGTemp *c = tcg_constant_internal(type, (int64_t)(v & type_mask(type)));

    return fold_to_copy(ctx, op, temp_arg(c));
}

/* Rewrite a two-output op as two constant movs. */
static bool fold_to_two_consts(OptContext *ctx, TCGOp *op, uint64_t lo,
                               uint64_t hi)
{
    TCGTemp *rh = arg_temp(op->args[1]);
    TCGType type = rh->type;
    TCGTemp *c = tcg_constant_internal(type, (int64_t)(hi & type_mask(type)));
    TCGOp *op2 = tcg_op_insert_after(ctx->s, op, INDEX_op_mov, type, 2);

    op2->args[0] = temp_arg(rh);
    op2->args[1] = temp_arg(c);
    fold_to_const(ctx, op, lo);
    record_copy(ctx, rh, c);
    return true;
}

/*
 * Record what is known about the single output of a pure op; an output
 * known to be zero becomes a constant.
 */
static bool finish_masks(OptContext *ctx, TCGOp *op, uint64_t z, uint64_t s)
{
    TCGTemp *dst = arg_temp(op->args[0]);
    TCGType type = dst->type;
    uint64_t msb = 1ull << (type_bits(type) - 1);
    OptTemp *ot;

    z &= type_mask(type);
    s |= s_base(type) | s_from_z(z);
    /* A known-zero sign makes the whole sign run zero. */
    if (!(z & msb)) {
        z &= ~s;
    }
    if (z == 0) {
        return fold_to_const(ctx, op, 0);
    }
    ot = forget(ctx, dst);
    ot->z_mask = z;
    ot->s_mask = s;
    return true;
}

/* Nothing known about any output. */
static bool finish_unknown(OptContext *ctx, TCGOp *op)
{
    int i, n = tcg_op_nb_oargs(op);

    for (i = 0; i < n; i++) {
        if (op->args[i]) {
            forget(ctx, arg_temp(op->args[i]));
        }
    }
    return true;
}

/* Put a constant operand second (commutative ops). */
static void swap_commutative(OptContext *ctx, TCGOp *op, int i, int j)
{
    if (arg_is_const(ctx, op->args[i]) && !arg_is_const(ctx, op->args[j])) {
        TCGArg t = op->args[i];

        op->args[i] = op->args[j];
        op->args[j] = t;
    }
}

/* Put a constant comparand second, adjusting the condition. */
static TCGCond swap_cond_args(OptContext *ctx, TCGOp *op, int i, int j,
                              TCGCond c)
{
    if (arg_is_const(ctx, op->args[i]) && !arg_is_const(ctx, op->args[j])) {
        TCGArg t = op->args[i];

        op->args[i] = op->args[j];
        op->args[j] = t;
        return tcg_swap_cond(c);
    }
    return c;
}

/* --------------------------------------------------- constant evaluation */

/* Evaluate a unary or binary op whose result is defined for x, y. */
static uint64_t eval_op(TCGOpcode opc, TCGType type, uint64_t x, uint64_t y)
{
    int w = type_bits(type);
    uint64_t m = type_mask(type);
    uint64_t r;

    x &= m;
    y &= m;
    switch (opc) {
    case INDEX_op_add:
        r = x + y;
        break;
    case INDEX_op_and:
        r = x & y;
        break;
    case INDEX_op_andc:
        r = x & ~y;
        break;
    case INDEX_op_bswap16:
        r = ((x & 0xff) << 8) | ((x >> 8) & 0xff);
        break;
    case INDEX_op_bswap32:
        r = __builtin_bswap32((uint32_t)x);
        break;
    case INDEX_op_bswap64:
        r = __builtin_bswap64(x);
        break;
    case INDEX_op_ctpop:
        r = __builtin_popcountll(x);
        break;
    case INDEX_op_div:
        r = (uint64_t)((int64_t)sext_type(type, x)
                       / (int64_t)sext_type(type, y));
        break;
    case INDEX_op_divu:
        r = x / y;
        break;
    case INDEX_op_eqv:
        r = ~(x ^ y);
        break;
    case INDEX_op_ext8s:
        r = (uint64_t)(int64_t)(int8_t)x;
        break;
    case INDEX_op_ext8u:
        r = (uint8_t)x;
        break;
    case INDEX_op_ext16s:
        r = (uint64_t)(int64_t)(int16_t)x;
        break;
    case INDEX_op_ext16u:
        r = (uint16_t)x;
        break;
    case INDEX_op_ext32s:
        r = (uint64_t)(int64_t)(int32_t)x;
        break;
    case INDEX_op_ext32u:
        r = (uint32_t)x;
        break;
    case INDEX_op_mul:
        r = x * y;
        break;
    case INDEX_op_mulsh:
        if (type == TCG_TYPE_I32) {
            r = (uint64_t)((int64_t)(int32_t)x * (int32_t)y) >> 32;
        } else {
            r = (uint64_t)(((__int128)(int64_t)x * (int64_t)y) >> 64);
        }
        break;
    case INDEX_op_muluh:
        if (type == TCG_TYPE_I32) {
            r = (x * y) >> 32;
        } else {
            r = (uint64_t)(((unsigned __int128)x * y) >> 64);
        }
        break;
    case INDEX_op_nand:
        r = ~(x & y);
        break;
    case INDEX_op_neg:
        r = -x;
        break;
    case INDEX_op_nor:
        r = ~(x | y);
        break;
    case INDEX_op_not:
        r = ~x;
        break;
    case INDEX_op_or:
        r = x | y;
        break;
    case INDEX_op_orc:
        r = x | ~y;
        break;
    case INDEX_op_rem:
        r = (uint64_t)((int64_t)sext_type(type, x)
                       % (int64_t)sext_type(type, y));
        break;
    case INDEX_op_remu:
        r = x % y;
        break;
    case INDEX_op_rotl:
        r = rotl_type(type, x, y);
        break;
    case INDEX_op_rotr:
        r = rotl_type(type, x, (w - y) % w);
        break;
    case INDEX_op_sar:
        r = (uint64_t)((int64_t)sext_type(type, x) >> y);
        break;
    case INDEX_op_shl:
        r = x << y;
        break;
    case INDEX_op_shr:
        r = x >> y;
        break;
    case INDEX_op_sub:
        r = x - y;
        break;
    case INDEX_op_xor:
        r = x ^ y;
        break;
    default:
        tcg_abort_msg("optimize: cannot evaluate %s", tcg_op_defs[opc].name);
    }
    return r & m;
}

static bool fold_const1(OptContext *ctx, TCGOp *op)
{
    if (arg_is_const(ctx, op->args[1])) {
        return fold_to_const(ctx, op, eval_op(op->opc, op->type,
                                              arg_val(ctx, op->args[1]), 0));
    }
    return false;
}

static bool fold_const2(OptContext *ctx, TCGOp *op)
{
    if (arg_is_const(ctx, op->args[1]) && arg_is_const(ctx, op->args[2])) {
        return fold_to_const(ctx, op, eval_op(op->opc, op->type,
                                              arg_val(ctx, op->args[1]),
                                              arg_val(ctx, op->args[2])));
    }
    return false;
}

/*
 * Is c(a, b) known?  Returns 1 or 0, or -1 when it depends on the values.
 * Uses constants, equal temps and the known-zero bits of a against a
 * constant b.
 */
static int cond_known(OptContext *ctx, TCGCond c, TCGType type, TCGArg a,
                      TCGArg b)
{
    uint64_t za, bv, msb;

    if (c == TCG_COND_NEVER) {
        return 0;
    }
    if (c == TCG_COND_ALWAYS) {
        return 1;
    }
    if (arg_is_const(ctx, a) && arg_is_const(ctx, b)) {
        return tcg_cond_eval(c, type, arg_val(ctx, a), arg_val(ctx, b));
    }
    if (args_are_copies(ctx, a, b)) {
        return tcg_cond_eval(c, type, 0, 0);
    }
    if (!arg_is_const(ctx, b)) {
        return -1;
    }
    za = arg_z(ctx, a);
    bv = arg_val(ctx, b);
    msb = 1ull << (type_bits(type) - 1);
    switch (c) {
    case TCG_COND_EQ:
        return (bv & ~za) ? 0 : -1;
    case TCG_COND_NE:
        return (bv & ~za) ? 1 : -1;
    case TCG_COND_LTU:
        return bv == 0 ? 0 : za < bv ? 1 : -1;
    case TCG_COND_GEU:
        return bv == 0 ? 1 : za < bv ? 0 : -1;
    case TCG_COND_LEU:
        return za <= bv ? 1 : -1;
    case TCG_COND_GTU:
        return za <= bv ? 0 : -1;
    case TCG_COND_LT:
        return (bv == 0 && !(za & msb)) ? 0 : -1;
    case TCG_COND_GE:
        return (bv == 0 && !(za & msb)) ? 1 : -1;
    default:
        return -1;
    }
}

/* --------------------------------------------------------- combinators */

/* op x, $i -> $v */
static bool fold_xi_to_i(OptContext *ctx, TCGOp *op, uint64_t i, uint64_t v)
{
    if (arg_is(ctx, op->args[2], op->type, i)) {
        return fold_to_const(ctx, op, v);
    }
    return false;
}

/* op $i, x -> $v */
static bool fold_ix_to_i(OptContext *ctx, TCGOp *op, uint64_t i, uint64_t v)
{
    if (arg_is(ctx, op->args[1], op->type, i)) {
        return fold_to_const(ctx, op, v);
    }
    return false;
}

/* op x, $i -> x */
static bool fold_xi_to_x(OptContext *ctx, TCGOp *op, uint64_t i)
{
    if (arg_is(ctx, op->args[2], op->type, i)) {
        return fold_to_copy(ctx, op, op->args[1]);
    }
    return false;
}

/* op x, x -> $v */
static bool fold_xx_to_i(OptContext *ctx, TCGOp *op, uint64_t v)
{
    if (args_are_copies(ctx, op->args[1], op->args[2])) {
        return fold_to_const(ctx, op, v);
    }
    return false;
}

/* op x, x -> x */
static bool fold_xx_to_x(OptContext *ctx, TCGOp *op)
{
    if (args_are_copies(ctx, op->args[1], op->args[2])) {
        return fold_to_copy(ctx, op, op->args[1]);
    }
    return false;
}

static bool fold_not(OptContext *ctx, TCGOp *op);

/* Turn op into `not dst, x` when the backend has not. */
static bool convert_to_not(OptContext *ctx, TCGOp *op)
{
    if (!tcg_op_supported(INDEX_op_not, op->type)) {
        return false;
    }
    op->opc = INDEX_op_not;
    return fold_not(ctx, op);
}

/* op x, $i -> not x */
static bool fold_xi_to_not(OptContext *ctx, TCGOp *op, uint64_t i)
{
    if (arg_is(ctx, op->args[2], op->type, i)) {
        return convert_to_not(ctx, op);
    }
    return false;
}

/* op x, x -> not x */
static bool fold_xx_to_not(OptContext *ctx, TCGOp *op)
{
    if (args_are_copies(ctx, op->args[1], op->args[2])) {
        return convert_to_not(ctx, op);
    }
    return false;
}

/* The common sign run of two inputs (logic ops keep it). */
static uint64_t s_common(OptContext *ctx, TCGOp *op)
{
    return arg_s(ctx, op->args[1]) & arg_s(ctx, op->args[2]);
}

/* Has t (an operand of a recorded compare) kept the value it had? */
static bool cmp_operand_intact(OptContext *ctx, TCGTemp *t, uint32_t ver)
{
    return t->kind == TEMP_CONST || ts_info(ctx, t)->ver == ver;
}

/*
 * Is a the result of a setcond/negsetcond whose operands still hold
 * their values?  Then `a != 0` is that compare itself.
 */
static OptTemp *live_compare(OptContext *ctx, TCGArg a)
{
    OptTemp *ot = arg_info(ctx, a);

    if (ot->cmp_a && cmp_operand_intact(ctx, ot->cmp_a, ot->cmp_a_ver)
        && cmp_operand_intact(ctx, ot->cmp_b, ot->cmp_b_ver)) {
        return ot;
    }
    return NULL;
}

/*
 * Turn the compare (args[i] c args[i + 1]) of a setcond result against
 * 0 into the setcond's own compare.  Returns the new condition, or
 * TCG_COND_COUNT when nothing changed.
 */
static TCGCond fuse_compare(OptContext *ctx, TCGOp *op, int i, TCGCond c)
{
    OptTemp *cmp;

    if ((c != TCG_COND_EQ && c != TCG_COND_NE)
        || !arg_is(ctx, op->args[i + 1], op->type, 0)) {
        return TCG_COND_COUNT;
    }
    cmp = live_compare(ctx, op->args[i]);
    if (!cmp || cmp->cmp_a->type != op->type) {
        return TCG_COND_COUNT;
    }
    op->args[i] = temp_arg(cmp->cmp_a);
    op->args[i + 1] = temp_arg(cmp->cmp_b);
    return c == TCG_COND_NE ? cmp->cmp_cond : tcg_invert_cond(cmp->cmp_cond);
}

/* ---------------------------------------------------------------- folds */

static bool fold_add(OptContext *ctx, TCGOp *op)
{
    uint64_t za, zb, z;

    swap_commutative(ctx, op, 1, 2);
    if (fold_const2(ctx, op) || fold_xi_to_x(ctx, op, 0)) {
        return true;
    }
    za = arg_z(ctx, op->args[1]);
    zb = arg_z(ctx, op->args[2]);
    if ((za & zb) == 0) {
        z = za | zb;                /* no carries */
    } else {
        /* Carries stay above the common low zeros, grow by one bit. */
        z = (smear_right(za | zb) << 1) | 1;
        z &= ~low_mask(__builtin_ctzll(za | zb));
    }
    return finish_masks(ctx, op, z, s_common(ctx, op) << 1);
}

/* add2/sub2: out_lo, out_hi, a_lo, a_hi, b_lo, b_hi */
static bool fold_addsub2(OptContext *ctx, TCGOp *op)
{
    TCGType type = op->type;
    uint64_t m = type_mask(type);
    uint64_t al, ah, bl, bh, lo, hi;
    int i;

    for (i = 2; i < 6; i++) {
        if (!arg_is_const(ctx, op->args[i])) {
            return finish_unknown(ctx, op);
        }
    }
    al = arg_val(ctx, op->args[2]);
    ah = arg_val(ctx, op->args[3]);
    bl = arg_val(ctx, op->args[4]);
    bh = arg_val(ctx, op->args[5]);
    if (op->opc == INDEX_op_add2) {
        lo = (al + bl) & m;
        hi = ah + bh + (lo < al);
    } else {
        lo = (al - bl) & m;
        hi = ah - bh - (al < bl);
    }
    return fold_to_two_consts(ctx, op, lo, hi);
}

static bool fold_and(OptContext *ctx, TCGOp *op)
{
    uint64_t za, z;

    swap_commutative(ctx, op, 1, 2);
    if (fold_const2(ctx, op) || fold_xi_to_i(ctx, op, 0, 0)
        || fold_xi_to_x(ctx, op, -1) || fold_xx_to_x(ctx, op)) {
        return true;
    }
    za = arg_z(ctx, op->args[1]);
    /* A mask that keeps every bit that may be set does nothing. */
    if (arg_is_const(ctx, op->args[2])
        && (za & ~arg_val(ctx, op->args[2])) == 0) {
        return fold_to_copy(ctx, op, op->args[1]);
    }
    z = za & arg_z(ctx, op->args[2]);
    return finish_masks(ctx, op, z, s_common(ctx, op));
}

static bool fold_andc(OptContext *ctx, TCGOp *op)
{
    uint64_t z;

    if (fold_const2(ctx, op) || fold_xx_to_i(ctx, op, 0)
        || fold_xi_to_x(ctx, op, 0) || fold_xi_to_i(ctx, op, -1, 0)
        || fold_ix_to_i(ctx, op, 0, 0)) {
        return true;
    }
    z = arg_z(ctx, op->args[1]);
    if (arg_is_const(ctx, op->args[2])) {
        z &= ~arg_val(ctx, op->args[2]);
    }
    return finish_masks(ctx, op, z, s_common(ctx, op));
}

static bool fold_brcond(OptContext *ctx, TCGOp *op)
{
    TCGCond c = swap_cond_args(ctx, op, 0, 1, (TCGCond)op->args[2]);
    int r;

    op->args[2] = c;
    r = cond_known(ctx, c, op->type, op->args[0], op->args[1]);
    if (r < 0) {
        TCGCond f = fuse_compare(ctx, op, 0, c);

        if (f != TCG_COND_COUNT) {
            op->args[2] = f;
            return fold_brcond(ctx, op);
        }
    }
    if (r == 0) {
        remove_op(ctx, op);
    } else if (r == 1) {
        op->opc = INDEX_op_br;
        op->args[0] = op->args[3];
    }
    return true;
}

static bool fold_bswap(OptContext *ctx, TCGOp *op)
{
    uint64_t z;

    if (fold_const1(ctx, op)) {
        return true;
    }
    /* The swapped known-zero bits: bswap of the mask is the mask of bswap. */
    z = eval_op(op->opc, op->type, arg_z(ctx, op->args[1]), 0);
    return finish_masks(ctx, op, z, 0);
}

static bool fold_call(OptContext *ctx, TCGOp *op)
{
    finish_unknown(ctx, op);
    if (!(tcg_call_info(op)->flags & TCG_CALL_NO_WRITE_GLOBALS)) {
        reset_globals(ctx);
    }
    return true;
}

/* clz/ctz: out, in, value-if-zero */
static bool fold_count_zeros(OptContext *ctx, TCGOp *op)
{
    int w = type_bits(op->type);
    uint64_t z;

    if (arg_is_const(ctx, op->args[1])) {
        uint64_t v = arg_val(ctx, op->args[1]);

        if (v == 0) {
            return fold_to_copy(ctx, op, op->args[2]);
        }
        if (op->opc == INDEX_op_clz) {
            return fold_to_const(ctx, op, __builtin_clzll(v) - (64 - w));
        }
        return fold_to_const(ctx, op, __builtin_ctzll(v));
    }
    /* A nonzero input has a count below the width. */
    z = low_mask(w == 64 ? 6 : 5) | arg_z(ctx, op->args[2]);
    return finish_masks(ctx, op, z, 0);
}

static bool fold_ctpop(OptContext *ctx, TCGOp *op)
{
    if (fold_const1(ctx, op)) {
        return true;
    }
    return finish_masks(ctx, op, low_mask(type_bits(op->type) == 64 ? 7 : 6),
                        0);
}

static bool fold_deposit(OptContext *ctx, TCGOp *op)
{
    TCGType type = op->type;
    int pos = op->args[3], len = op->args[4];
    uint64_t fmask = low_mask(len) << pos;
    uint64_t z;

    if (arg_is_const(ctx, op->args[1]) && arg_is_const(ctx, op->args[2])) {
        uint64_t base = arg_val(ctx, op->args[1]);
        uint64_t val = arg_val(ctx, op->args[2]);

        return fold_to_const(ctx, op, (base & ~fmask) | ((val << pos) & fmask));
    }
    if (pos == 0 && len == type_bits(type)) {
        return fold_to_copy(ctx, op, op->args[2]);
    }
    /* Depositing zeros clears the field: an and. */
    if (arg_is(ctx, op->args[2], type, 0)
        && tcg_op_supported(INDEX_op_and, type)) {
        op->opc = INDEX_op_and;
        op->args[2] = temp_arg(tcg_constant_internal(type,
                                  (int64_t)(~fmask & type_mask(type))));
        return fold_and(ctx, op);
    }
    z = (arg_z(ctx, op->args[1]) & ~fmask)
        | ((arg_z(ctx, op->args[2]) << pos) & fmask);
    return finish_masks(ctx, op, z, 0);
}

/* div, divu, rem, remu */
static bool fold_divide(OptContext *ctx, TCGOp *op)
{
    TCGType type = op->type;
    bool is_signed = op->opc == INDEX_op_div || op->opc == INDEX_op_rem;
    bool is_rem = op->opc == INDEX_op_rem || op->opc == INDEX_op_remu;
    uint64_t z;

    if (arg_is_const(ctx, op->args[2])) {
        uint64_t d = arg_val(ctx, op->args[2]);

        if (d == 1) {
            return is_rem ? fold_to_const(ctx, op, 0)
                          : fold_to_copy(ctx, op, op->args[1]);
        }
        if (d != 0 && arg_is_const(ctx, op->args[1])) {
            uint64_t n = arg_val(ctx, op->args[1]);
            uint64_t min = 1ull << (type_bits(type) - 1);

            /* INT_MIN / -1 is undefined: leave it alone. */
            if (!(is_signed && n == min && d == type_mask(type))) {
                return fold_const2(ctx, op);
            }
        }
    }
    switch (op->opc) {
    case INDEX_op_divu:
        z = smear_right(arg_z(ctx, op->args[1]));
        break;
    case INDEX_op_remu:
        z = smear_right(arg_z(ctx, op->args[1]))
            & smear_right(arg_z(ctx, op->args[2]));
        break;
    default:
        z = UINT64_MAX;
        break;
    }
    return finish_masks(ctx, op, z, 0);
}

/* div2/divu2: quot, rem, num_lo, num_hi, divisor */
static bool fold_divide2(OptContext *ctx, TCGOp *op)
{
    TCGType type = op->type;
    int w = type_bits(type);
    uint64_t lo, hi, d;
    int i;

    for (i = 2; i < 5; i++) {
        if (!arg_is_const(ctx, op->args[i])) {
            return finish_unknown(ctx, op);
        }
    }
    lo = arg_val(ctx, op->args[2]);
    hi = arg_val(ctx, op->args[3]);
    d = arg_val(ctx, op->args[4]);
    if (d == 0) {
        return finish_unknown(ctx, op);
    }
    if (op->opc == INDEX_op_divu2) {
        unsigned __int128 n = ((unsigned __int128)hi << w) | lo;
        unsigned __int128 q = n / d;

        if (q >> w) {
            return finish_unknown(ctx, op);     /* overflow: undefined */
        }
        return fold_to_two_consts(ctx, op, (uint64_t)q, (uint64_t)(n % d));
    } else {
        __int128 n = (__int128)(int64_t)sext_type(type, hi)
                     * ((__int128)1 << w) + lo;
        __int128 sd = (int64_t)sext_type(type, d);
        __int128 q, lim = (__int128)1 << (w - 1);

        if (sd == -1) {
            return finish_unknown(ctx, op);
        }
        q = n / sd;
        if (q >= lim || q < -lim) {
            return finish_unknown(ctx, op);
        }
        return fold_to_two_consts(ctx, op, (uint64_t)q, (uint64_t)(n % sd));
    }
}

static bool fold_eqv(OptContext *ctx, TCGOp *op)
{
    swap_commutative(ctx, op, 1, 2);
    if (fold_const2(ctx, op) || fold_xi_to_x(ctx, op, -1)
        || fold_xx_to_i(ctx, op, -1) || fold_xi_to_not(ctx, op, 0)) {
        return true;
    }
    return finish_masks(ctx, op, UINT64_MAX, s_common(ctx, op));
}

/* ext8s..ext32u within one type */
static bool fold_ext(OptContext *ctx, TCGOp *op)
{
    int bits;
    bool sign;
    uint64_t za, sa;

    switch (op->opc) {
    case INDEX_op_ext8s:
        bits = 8, sign = true;
        break;
    case INDEX_op_ext8u:
        bits = 8, sign = false;
        break;
    case INDEX_op_ext16s:
        bits = 16, sign = true;
        break;
    case INDEX_op_ext16u:
        bits = 16, sign = false;
        break;
    case INDEX_op_ext32s:
        bits = 32, sign = true;
        break;
    default:
        bits = 32, sign = false;
        break;
    }
    if (fold_const1(ctx, op)) {
        return true;
    }
    za = arg_z(ctx, op->args[1]);
    sa = arg_s(ctx, op->args[1]);
    if (sign) {
        uint64_t run = left_mask(65 - bits);

        /* Already sign-extended from this width. */
        if ((sa & run) == run) {
            return fold_to_copy(ctx, op, op->args[1]);
        }
        return finish_masks(ctx, op, sextract64(za, 0, bits), run);
    }
    /* Already zero-extended from this width. */
    if ((za & ~low_mask(bits)) == 0) {
        return fold_to_copy(ctx, op, op->args[1]);
    }
    return finish_masks(ctx, op, za & low_mask(bits), 0);
}

/* ext_i32_i64: i64 out, sign-extended i32 in */
static bool fold_ext_i32_i64(OptContext *ctx, TCGOp *op)
{
    OptTemp *in = arg_info(ctx, op->args[1]);

    if (in->is_const) {
        return fold_to_const(ctx, op, (uint64_t)(int64_t)(int32_t)in->val);
    }
    return finish_masks(ctx, op, (uint64_t)(int64_t)(int32_t)in->z_mask,
                        in->s_mask);
}

/* extu_i32_i64: i64 out, zero-extended i32 in */
static bool fold_extu_i32_i64(OptContext *ctx, TCGOp *op)
{
    OptTemp *in = arg_info(ctx, op->args[1]);

    if (in->is_const) {
        return fold_to_const(ctx, op, (uint32_t)in->val);
    }
    return finish_masks(ctx, op, (uint32_t)in->z_mask, 0);
}

/* extrh_i64_i32: i32 out, high half of i64 in */
static bool fold_extrh_i64_i32(OptContext *ctx, TCGOp *op)
{
    OptTemp *in = arg_info(ctx, op->args[1]);

    if (in->is_const) {
        return fold_to_const(ctx, op, in->val >> 32);
    }
    return finish_masks(ctx, op, in->z_mask >> 32,
                        (uint64_t)((int64_t)in->s_mask >> 32));
}

/* extrl_i64_i32: i32 out, low half of i64 in */
static bool fold_extrl_i64_i32(OptContext *ctx, TCGOp *op)
{
    OptTemp *in = arg_info(ctx, op->args[1]);

    if (in->is_const) {
        return fold_to_const(ctx, op, (uint32_t)in->val);
    }
    /*
     * A sign run reaching down into the low half survives as is; a
     * shorter one is below what every i32 has anyway.
     */
    return finish_masks(ctx, op, (uint32_t)in->z_mask, in->s_mask);
}

/* extract: out, in, pos, len */
static bool fold_extract(OptContext *ctx, TCGOp *op)
{
    int pos = op->args[2], len = op->args[3];
    uint64_t fmask = low_mask(len);
    uint64_t za;

    if (arg_is_const(ctx, op->args[1])) {
        return fold_to_const(ctx, op,
                             (arg_val(ctx, op->args[1]) >> pos) & fmask);
    }
    za = arg_z(ctx, op->args[1]);
    if (pos == 0 && (za & ~fmask) == 0) {
        return fold_to_copy(ctx, op, op->args[1]);
    }
    return finish_masks(ctx, op, (za >> pos) & fmask, 0);
}

/* extract2: out, lo, hi, pos -- (hi:lo) >> pos */
static bool fold_extract2(OptContext *ctx, TCGOp *op)
{
    int w = type_bits(op->type);
    int pos = op->args[3];
    uint64_t zl, zh;

    if (pos == 0) {
        return fold_to_copy(ctx, op, op->args[1]);
    }
    if (pos == w) {
        return fold_to_copy(ctx, op, op->args[2]);
    }
    if (pos > w) {
        return finish_unknown(ctx, op);
    }
    if (arg_is_const(ctx, op->args[1]) && arg_is_const(ctx, op->args[2])) {
        uint64_t lo = arg_val(ctx, op->args[1]);
        uint64_t hi = arg_val(ctx, op->args[2]);

        return fold_to_const(ctx, op, (lo >> pos) | (hi << (w - pos)));
    }
    zl = arg_z(ctx, op->args[1]);
    zh = arg_z(ctx, op->args[2]);
    return finish_masks(ctx, op, (zl >> pos) | (zh << (w - pos)), 0);
}

/* ld*: loads from host memory; the width bounds the value. */
static bool fold_ld(OptContext *ctx, TCGOp *op)
{
    OptTemp *ot = forget(ctx, arg_temp(op->args[0]));
    TCGType type = arg_temp(op->args[0])->type;

    switch (op->opc) {
    case INDEX_op_ld8u:
        ot->z_mask = 0xff;
        break;
    case INDEX_op_ld16u:
        ot->z_mask = 0xffff;
        break;
    case INDEX_op_ld32u:
        ot->z_mask = UINT32_MAX;
        break;
    case INDEX_op_ld8s:
        ot->s_mask = left_mask(57);
        break;
    case INDEX_op_ld16s:
        ot->s_mask = left_mask(49);
        break;
    case INDEX_op_ld32s:
        ot->s_mask = left_mask(33);
        break;
    default:
        break;
    }
    ot->z_mask &= type_mask(type);
    ot->s_mask |= s_from_z(ot->z_mask);
    return true;
}

static bool fold_mov(OptContext *ctx, TCGOp *op)
{
    return fold_to_copy(ctx, op, op->args[1]);
}

/* movcond: out, c1, c2, v1, v2, cond */
static bool fold_movcond(OptContext *ctx, TCGOp *op)
{
    TCGCond c = swap_cond_args(ctx, op, 1, 2, (TCGCond)op->args[5]);
    int r;

    op->args[5] = c;
    r = cond_known(ctx, c, op->type, op->args[1], op->args[2]);
    if (r >= 0) {
        return fold_to_copy(ctx, op, op->args[r ? 3 : 4]);
    } else {
        TCGCond f = fuse_compare(ctx, op, 1, c);

        if (f != TCG_COND_COUNT) {
            op->args[5] = f;
            return fold_movcond(ctx, op);
        }
    }
    if (args_are_copies(ctx, op->args[3], op->args[4])) {
        return fold_to_copy(ctx, op, op->args[3]);
    }
    return finish_masks(ctx, op,
                        arg_z(ctx, op->args[3]) | arg_z(ctx, op->args[4]),
                        arg_s(ctx, op->args[3]) & arg_s(ctx, op->args[4]));
}

static bool fold_mul(OptContext *ctx, TCGOp *op)
{
    uint64_t za, zb;
    int tz;

    swap_commutative(ctx, op, 1, 2);
    if (fold_const2(ctx, op) || fold_xi_to_i(ctx, op, 0, 0)
        || fold_xi_to_x(ctx, op, 1)) {
        return true;
    }
    /* Trailing zeros of the factors add up. */
    za = arg_z(ctx, op->args[1]);
    zb = arg_z(ctx, op->args[2]);
    tz = __builtin_ctzll(za | (1ull << 63))
         + __builtin_ctzll(zb | (1ull << 63));
    return finish_masks(ctx, op, ~low_mask(tz), 0);
}

/* mulu2/muls2: lo, hi, a, b */
static bool fold_mul2(OptContext *ctx, TCGOp *op)
{
    TCGType type = op->type;
    int w = type_bits(type);
    uint64_t a, b;

    swap_commutative(ctx, op, 2, 3);
    if (arg_is(ctx, op->args[3], type, 0)) {
        return fold_to_two_consts(ctx, op, 0, 0);
    }
    if (!arg_is_const(ctx, op->args[2]) || !arg_is_const(ctx, op->args[3])) {
        return finish_unknown(ctx, op);
    }
    a = arg_val(ctx, op->args[2]);
    b = arg_val(ctx, op->args[3]);
    if (op->opc == INDEX_op_mulu2) {
        unsigned __int128 p = (unsigned __int128)a * b;

        return fold_to_two_consts(ctx, op, (uint64_t)p, (uint64_t)(p >> w));
    } else {
        __int128 p = (__int128)(int64_t)sext_type(type, a)
                     * (int64_t)sext_type(type, b);

        return fold_to_two_consts(ctx, op, (uint64_t)p, (uint64_t)(p >> w));
    }
}

/* muluh/mulsh */
static bool fold_mulh(OptContext *ctx, TCGOp *op)
{
    swap_commutative(ctx, op, 1, 2);
    if (fold_const2(ctx, op) || fold_xi_to_i(ctx, op, 0, 0)) {
        return true;
    }
    return finish_masks(ctx, op, UINT64_MAX, 0);
}

static bool fold_nand(OptContext *ctx, TCGOp *op)
{
    swap_commutative(ctx, op, 1, 2);
    if (fold_const2(ctx, op) || fold_xi_to_i(ctx, op, 0, -1)
        || fold_xi_to_not(ctx, op, -1) || fold_xx_to_not(ctx, op)) {
        return true;
    }
    return finish_masks(ctx, op, UINT64_MAX, s_common(ctx, op));
}

static bool fold_neg(OptContext *ctx, TCGOp *op)
{
    uint64_t za;

    if (fold_const1(ctx, op)) {
        return true;
    }
    /* Negation keeps the trailing zeros. */
    za = arg_z(ctx, op->args[1]);
    return finish_masks(ctx, op, ~low_mask(__builtin_ctzll(za | (1ull << 63))),
                        arg_s(ctx, op->args[1]) << 1);
}

/* negsetcond / setcond */
static bool fold_setcond_common(OptContext *ctx, TCGOp *op, bool neg)
{
    TCGCond c = swap_cond_args(ctx, op, 1, 2, (TCGCond)op->args[3]);
    TCGCond f;
    TCGTemp *a, *b;
    uint32_t a_ver, b_ver;
    OptTemp *ot;
    int r;

    op->args[3] = c;
    r = cond_known(ctx, c, op->type, op->args[1], op->args[2]);
    if (r >= 0) {
        return fold_to_const(ctx, op, neg ? -(uint64_t)r : (uint64_t)r);
    }
    /* x != 0 is x itself when x is 0 or 1. */
    if (!neg && c == TCG_COND_NE && arg_is(ctx, op->args[2], op->type, 0)
        && (arg_z(ctx, op->args[1]) & ~1ull) == 0) {
        return fold_to_copy(ctx, op, op->args[1]);
    }
    f = fuse_compare(ctx, op, 1, c);
    if (f != TCG_COND_COUNT) {
        op->args[3] = f;
        return fold_setcond_common(ctx, op, neg);
    }

    /* Remember the compare, as its operands are now (before dst changes). */
    a = arg_temp(op->args[1]);
    b = arg_temp(op->args[2]);
    a_ver = ts_info(ctx, a)->ver;
    b_ver = ts_info(ctx, b)->ver;
    if (neg) {
        finish_masks(ctx, op, UINT64_MAX, UINT64_MAX);
    } else {
        finish_masks(ctx, op, 1, 0);
    }
    ot = ts_info(ctx, arg_temp(op->args[0]));
    ot->cmp_a = a;
    ot->cmp_b = b;
    ot->cmp_a_ver = a_ver;
    ot->cmp_b_ver = b_ver;
    ot->cmp_cond = c;
    return true;
}

static bool fold_negsetcond(OptContext *ctx, TCGOp *op)
{
    return fold_setcond_common(ctx, op, true);
}

static bool fold_nor(OptContext *ctx, TCGOp *op)
{
    swap_commutative(ctx, op, 1, 2);
    if (fold_const2(ctx, op) || fold_xi_to_i(ctx, op, -1, 0)
        || fold_xi_to_not(ctx, op, 0) || fold_xx_to_not(ctx, op)) {
        return true;
    }
    return finish_masks(ctx, op, UINT64_MAX, s_common(ctx, op));
}

static bool fold_not(OptContext *ctx, TCGOp *op)
{
    if (fold_const1(ctx, op)) {
        return true;
    }
    return finish_masks(ctx, op, UINT64_MAX, arg_s(ctx, op->args[1]));
}

static bool fold_or(OptContext *ctx, TCGOp *op)
{
    swap_commutative(ctx, op, 1, 2);
    if (fold_const2(ctx, op) || fold_xi_to_x(ctx, op, 0)
        || fold_xi_to_i(ctx, op, -1, -1) || fold_xx_to_x(ctx, op)) {
        return true;
    }
    return finish_masks(ctx, op,
                        arg_z(ctx, op->args[1]) | arg_z(ctx, op->args[2]),
                        s_common(ctx, op));
}

static bool fold_orc(OptContext *ctx, TCGOp *op)
{
    uint64_t z = UINT64_MAX;

    if (fold_const2(ctx, op) || fold_xx_to_i(ctx, op, -1)
        || fold_xi_to_x(ctx, op, -1) || fold_xi_to_i(ctx, op, 0, -1)) {
        return true;
    }
    if (arg_is_const(ctx, op->args[2])) {
        z = arg_z(ctx, op->args[1]) | ~arg_val(ctx, op->args[2]);
    }
    return finish_masks(ctx, op, z, s_common(ctx, op));
}

/* qemu_ld: the access size bounds the value. */
static bool fold_qemu_ld(OptContext *ctx, TCGOp *op)
{
    TCGTemp *dst = arg_temp(op->args[0]);
    MemOp mop = get_memop(op->args[2]);
    int bits = 8 * memop_size(mop);
    OptTemp *ot = forget(ctx, dst);

    if (bits < type_bits(dst->type)) {
        if (mop & MO_SIGN) {
            ot->s_mask = left_mask(65 - bits);
        } else {
            ot->z_mask = low_mask(bits);
            ot->s_mask |= s_from_z(ot->z_mask);
        }
    }
    return true;
}

static bool fold_setcond(OptContext *ctx, TCGOp *op)
{
    return fold_setcond_common(ctx, op, false);
}

static bool fold_set_label(OptContext *ctx, TCGOp *op)
{
    /* No branch left: the label is just the next op. */
    if (arg_label(op->args[0])->refs == 0) {
        remove_op(ctx, op);
        return true;
    }
    reset_all(ctx);
    return true;
}

/* shl, shr, sar, rotl, rotr */
static bool fold_shift(OptContext *ctx, TCGOp *op)
{
    TCGType type = op->type;
    int w = type_bits(type);
    uint64_t c, za, sa, z, s = 0;

    if (!arg_is_const(ctx, op->args[2])) {
        return finish_masks(ctx, op, UINT64_MAX, 0);
    }
    c = arg_val(ctx, op->args[2]);
    if (c >= (uint64_t)w) {
        return finish_unknown(ctx, op);     /* undefined: leave it */
    }
    if (c == 0) {
        return fold_to_copy(ctx, op, op->args[1]);
    }
    if (fold_const2(ctx, op)) {
        return true;
    }
    za = arg_z(ctx, op->args[1]);
    sa = arg_s(ctx, op->args[1]);
    switch (op->opc) {
    case INDEX_op_shl:
        z = za << c;
        s = sa << c;
        break;
    case INDEX_op_shr:
        z = za >> c;
        break;
    case INDEX_op_sar:
        z = (uint64_t)((int64_t)sext_type(type, za) >> c);
        s = (uint64_t)((int64_t)sa >> c);
        break;
    default:
        /* Rotating the mask of maybe-set bits gives the result's. */
        z = eval_op(op->opc, type, za, c);
        break;
    }
    return finish_masks(ctx, op, z, s);
}

/* sextract: out, in, pos, len */
static bool fold_sextract(OptContext *ctx, TCGOp *op)
{
    int pos = op->args[2], len = op->args[3];
    uint64_t run = left_mask(65 - len);

    if (arg_is_const(ctx, op->args[1])) {
        return fold_to_const(ctx, op,
                             sextract64(arg_val(ctx, op->args[1]), pos, len));
    }
    if (pos == 0 && (arg_s(ctx, op->args[1]) & run) == run) {
        return fold_to_copy(ctx, op, op->args[1]);
    }
    return finish_masks(ctx, op, sextract64(arg_z(ctx, op->args[1]), pos, len),
                        run);
}

static bool fold_sub(OptContext *ctx, TCGOp *op)
{
    if (fold_const2(ctx, op) || fold_xi_to_x(ctx, op, 0)
        || fold_xx_to_i(ctx, op, 0)) {
        return true;
    }
    return finish_masks(ctx, op, UINT64_MAX, s_common(ctx, op) << 1);
}

static bool fold_xor(OptContext *ctx, TCGOp *op)
{
    swap_commutative(ctx, op, 1, 2);
    if (fold_const2(ctx, op) || fold_xi_to_x(ctx, op, 0)
        || fold_xx_to_i(ctx, op, 0) || fold_xi_to_not(ctx, op, -1)) {
        return true;
    }
    return finish_masks(ctx, op,
                        arg_z(ctx, op->args[1]) | arg_z(ctx, op->args[2]),
                        s_common(ctx, op));
}

/* ------------------------------------------------------------- dispatch */

typedef bool (*FoldFn)(OptContext *ctx, TCGOp *op);

/* Ops not listed only have their outputs forgotten. */
static const FoldFn fold_table[NB_OPS] = {
    [INDEX_op_add] = fold_add,
    [INDEX_op_add2] = fold_addsub2,
    [INDEX_op_and] = fold_and,
    [INDEX_op_andc] = fold_andc,
    [INDEX_op_brcond] = fold_brcond,
    [INDEX_op_bswap16] = fold_bswap,
    [INDEX_op_bswap32] = fold_bswap,
    [INDEX_op_bswap64] = fold_bswap,
    [INDEX_op_call] = fold_call,
    [INDEX_op_clz] = fold_count_zeros,
    [INDEX_op_ctpop] = fold_ctpop,
    [INDEX_op_ctz] = fold_count_zeros,
    [INDEX_op_deposit] = fold_deposit,
    [INDEX_op_div] = fold_divide,
    [INDEX_op_div2] = fold_divide2,
    [INDEX_op_divu] = fold_divide,
    [INDEX_op_divu2] = fold_divide2,
    [INDEX_op_eqv] = fold_eqv,
    [INDEX_op_ext16s] = fold_ext,
    [INDEX_op_ext16u] = fold_ext,
    [INDEX_op_ext32s] = fold_ext,
    [INDEX_op_ext32u] = fold_ext,
    [INDEX_op_ext8s] = fold_ext,
    [INDEX_op_ext8u] = fold_ext,
    [INDEX_op_ext_i32_i64] = fold_ext_i32_i64,
    [INDEX_op_extract] = fold_extract,
    [INDEX_op_extract2] = fold_extract2,
    [INDEX_op_extrh_i64_i32] = fold_extrh_i64_i32,
    [INDEX_op_extrl_i64_i32] = fold_extrl_i64_i32,
    [INDEX_op_extu_i32_i64] = fold_extu_i32_i64,
    [INDEX_op_ld] = fold_ld,
    [INDEX_op_ld16s] = fold_ld,
    [INDEX_op_ld16u] = fold_ld,
    [INDEX_op_ld32s] = fold_ld,
    [INDEX_op_ld32u] = fold_ld,
    [INDEX_op_ld8s] = fold_ld,
    [INDEX_op_ld8u] = fold_ld,
    [INDEX_op_mov] = fold_mov,
    [INDEX_op_movcond] = fold_movcond,
    [INDEX_op_mul] = fold_mul,
    [INDEX_op_mulsh] = fold_mulh,
    [INDEX_op_muls2] = fold_mul2,
    [INDEX_op_mulu2] = fold_mul2,
    [INDEX_op_muluh] = fold_mulh,
    [INDEX_op_nand] = fold_nand,
    [INDEX_op_neg] = fold_neg,
    [INDEX_op_negsetcond] = fold_negsetcond,
    [INDEX_op_nor] = fold_nor,
    [INDEX_op_not] = fold_not,
    [INDEX_op_or] = fold_or,
    [INDEX_op_orc] = fold_orc,
    [INDEX_op_qemu_ld] = fold_qemu_ld,
    [INDEX_op_rem] = fold_divide,
    [INDEX_op_remu] = fold_divide,
    [INDEX_op_rotl] = fold_shift,
    [INDEX_op_rotr] = fold_shift,
    [INDEX_op_sar] = fold_shift,
    [INDEX_op_set_label] = fold_set_label,
    [INDEX_op_setcond] = fold_setcond,
    [INDEX_op_sextract] = fold_sextract,
    [INDEX_op_shl] = fold_shift,
    [INDEX_op_shr] = fold_shift,
    [INDEX_op_sub] = fold_sub,
    [INDEX_op_sub2] = fold_addsub2,
    [INDEX_op_xor] = fold_xor,
};

static bool is_shift(TCGOpcode opc)
{
    return opc == INDEX_op_shl || opc == INDEX_op_shr || opc == INDEX_op_sar
           || opc == INDEX_op_rotl || opc == INDEX_op_rotr;
}

/* Replace each input by the best temp known to hold the same value. */
static void propagate_copies(OptContext *ctx, TCGOp *op)
{
    int i, no = tcg_op_nb_oargs(op), ni = tcg_op_nb_iargs(op);

    for (i = no; i < no + ni; i++) {
        TCGTemp *best;

        if (!op->args[i]) {
            continue;
        }
        best = best_copy(ctx, arg_temp(op->args[i]));
        /*
         * Keep an undefined shift count in a temp: a backend may encode
         * an immediate count it never expected to be out of range.
         */
        if (i == 2 && is_shift(op->opc) && best->kind == TEMP_CONST
            && (uint64_t)(best->val & type_mask(op->type))
               >= (uint64_t)type_bits(op->type)) {
            continue;
        }
        op->args[i] = temp_arg(best);
    }
}

/* Does control never fall through op? */
static bool is_unconditional_jump(const TCGOp *op)
{
    return op->opc == INDEX_op_br || op->opc == INDEX_op_exit_tb
           || op->opc == INDEX_op_goto_ptr;
}

/*
 * Remove the unreachable ops after an unconditional jump, up to the next
 * label something still branches to.  insn_start (restore data) and TB
 * exits (the TB's jump slots) stay; they read no temps.  Returns the op
 * the main loop continues with.
 */
static TCGOp *remove_dead_code(OptContext *ctx, TCGOp *jump)
{
    TCGContext *s = ctx->s;
    TCGOp *op = jump->next, *next;

    for (; op; op = next) {
        next = op->next;
        if (op->opc == INDEX_op_set_label
            && arg_label(op->args[0])->refs > 0) {
            break;
        }
        if (op->opc == INDEX_op_insn_start || op->opc == INDEX_op_goto_tb
            || op->opc == INDEX_op_exit_tb) {
            continue;
        }
        tcg_op_remove(s, op);
    }
    return op;
}

/* A branch to the label right after it goes nowhere. */
static bool branch_to_next(const TCGOp *op)
{
    TCGOp *next = op->next;
    TCGArg l;

    if (!next || next->opc != INDEX_op_set_label) {
        return false;
    }
    if (op->opc == INDEX_op_br) {
        l = op->args[0];
    } else if (op->opc == INDEX_op_brcond) {
        l = op->args[3];
    } else {
        return false;
    }
    return next->args[0] == l;
}

void tcg_optimize(TCGContext *s)
{
    OptContext ctx;
    TCGOp *op, *next;

    memset(&ctx, 0, sizeof(ctx));
    ctx.s = s;
    new_gen();

    for (op = s->ops_first; op; op = next) {
        FoldFn fn;

        next = op->next;
        ctx.removed = false;
        propagate_copies(&ctx, op);
        fn = fold_table[op->opc];
        if (fn) {
            fn(&ctx, op);
        } else {
            finish_unknown(&ctx, op);
        }
        if (ctx.removed || op->opc == INDEX_op_set_label) {
            continue;
        }
        if (is_unconditional_jump(op)) {
            next = remove_dead_code(&ctx, op);
        }
        if (branch_to_next(op)) {
            tcg_op_remove(s, op);
            continue;
        }
        if (tcg_op_defs[op->opc].flags & TCG_OPF_BB_END) {
            reset_all(&ctx);
        }
    }
}

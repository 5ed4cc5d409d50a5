/*
 * test-tcg-ops.c: per-family tests of the TCG code generator.
 *
 * Each family builds TBs with the public builder (include/tcg/tcg-op.h),
 * runs them on the backend this program is linked with (native x86-64 or
 * the interpreter) and compares every result with a C reference computed
 * here.  Operands come from registers (temps loaded from the CPU state),
 * constants, globals, aliased inputs and in-place outputs; every TB is
 * generated with and without tcg/optimize.c.  One TAP line per family.
 *
 * On the native backend the whole suite runs a second time in a child
 * process with the optional host features (BMI1/2, LZCNT, POPCNT, MOVBE)
 * switched off, so the fallback encodings are tested too.  Each family
 * runs in its own child process: a crash or a generator abort fails that
 * family only.
 *
 *   test-tcg-ops [--only FAMILY] [--no-fork] [--no-features] [--batch-ops N]
 *
 * FAMILY is a short name from families[] (arith, shifts, helpers, ...);
 * --no-fork skips the run without host features, --no-features does only
 * that run; --batch-ops bounds the ops per TB (cases are batched).
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tcg-test-util.h"
#include "../unit/tap.h"

#define POISON 0xdeadbeefcafef00dull
#define MAX_FAIL_DIAG 6

static const char *variant = "";     /* "" or " [no host features]" */

/* ------------------------------------------------------------ families */

static const char *fam_name;
static long fam_checked, fam_failed;

static void fam_begin(const char *name)
{
    fam_name = name;
    fam_checked = fam_failed = 0;
}

static void fam_end(void)
{
    tap_report(fam_failed == 0 && fam_checked > 0, "%s%s: %ld cases (%s)%s",
               fam_name, variant, fam_checked, tt_backend_name,
               fam_failed ? " FAILED" : "");
    if (fam_failed) {
        tap_diag("%ld of %ld cases failed", fam_failed, fam_checked);
    }
}

static void __attribute__((format(printf, 2, 3)))
check(bool ok, const char *fmt, ...)
{
    va_list ap;

    fam_checked++;
    if (ok) {
        return;
    }
    if (fam_failed++ < MAX_FAIL_DIAG) {
        printf("# %s: ", fam_name);
        va_start(ap, fmt);
        vprintf(fmt, ap);
        va_end(ap);
        putchar('\n');
    }
}

/* --------------------------------------------------------------- batches */

/*
 * A batch is one TB holding many cases: each case reads its inputs from
 * scratch slots (or uses constants) and stores its results to slots.
 */
typedef struct Expect {
    TCGType t;
    int slot;
    uint64_t want;
    char desc[120];
} Expect;

static Expect expects[TT_SLOTS * 2];
static int nb_expects;
static int slot_next[2];
static bool batch_open, batch_opt;
static int batch_max_ops = 3000;

static void batch_begin(bool opt)
{
    tt_start(opt);
    batch_open = true;
    batch_opt = opt;
    nb_expects = 0;
    slot_next[0] = slot_next[1] = 0;
}

static int slot_new(TCGType t, uint64_t init)
{
    int k = slot_next[t]++;

    tt_slot_set(t, k, init);
    return k;
}

static void __attribute__((format(printf, 4, 5)))
expect(TCGType t, int slot, uint64_t want, const char *fmt, ...)
{
    Expect *e = &expects[nb_expects++];
    va_list ap;

    e->t = t;
    e->slot = slot;
    e->want = tt_mask(tt_bits(t), want);
    va_start(ap, fmt);
    vsnprintf(e->desc, sizeof(e->desc), fmt, ap);
    va_end(ap);
}

/* An output slot, poisoned, that must receive want. */
static int out_slot(TCGType t)
{
    return slot_new(t, POISON);
}

static void batch_end(void)
{
    int i;
    bool ran;

    if (!batch_open) {
        return;
    }
    batch_open = false;
    ran = tt_finish_run();
    for (i = 0; i < nb_expects; i++) {
        Expect *e = &expects[i];
        uint64_t got = tt_slot_get(e->t, e->slot);

        check(ran && got == e->want, "%s %s%s: got %#llx want %#llx",
              tt_tname(e->t), e->desc, batch_opt ? " (opt)" : "",
              (unsigned long long)got, (unsigned long long)e->want);
    }
    nb_expects = 0;
}

/* Room for n more slots of each type and a few more ops, else flush. */
static void batch_need(int n)
{
    if (batch_open &&
        (slot_next[0] + n > TT_SLOTS - 8 || slot_next[1] + n > TT_SLOTS - 8 ||
         nb_expects + n > (int)(sizeof(expects) / sizeof(expects[0])) - 8 ||
         tcg_ctx->nb_temps > TCG_MAX_TEMPS - 200 || tcg_ctx->nb_ops > batch_max_ops)) {
        bool opt = batch_opt;
        batch_end();
        batch_begin(opt);
    }
}

/* Operand sources. */
enum {
    SRC_REG,        /* a temp loaded from a slot */
    SRC_CONST,      /* a constant */
    SRC_GLOBAL,     /* a global, set from a slot */
};

static TCGTemp *operand(TCGType t, uint64_t v, int src, int gidx)
{
    if (src == SRC_CONST) {
        return tt_const(t, v);
    }
    if (src == SRC_GLOBAL) {
        TCGTemp *g = t == TT_I32 ? tt_g32[gidx % TT_NG32]
                                 : tt_g64[gidx % TT_NG64];
        tcg_gen_ldst(INDEX_op_ld, t, g, tcg_ctx->env,
                     tt_slot_off(t, slot_new(t, v)));
        return g;
    }
    return tt_load_slot(t, slot_new(t, v));
}

static void release(TCGTemp *ts)
{
    if (ts->kind == TEMP_EBB || ts->kind == TEMP_TB) {
        tcg_temp_free_internal(ts);
    }
}

static const char *const src_names[] = { "r", "c", "g" };

/* ------------------------------------------------------------ binops */

/* Operand modes of a two-input op. */
enum {
    M_RR, M_RC, M_CR, M_CC, M_SAME, M_INPLACE_A, M_INPLACE_B, M_GLOBAL,
    M_COUNT
};
static const char *const mode_names[M_COUNT] = {
    "rr", "rc", "cr", "cc", "same", "inplace-a", "inplace-b", "global",
};

/* One case of a two-input op in the current batch. */
static void binop_case(TCGOpcode opc, TCGType t, int mode, uint64_t a,
                       uint64_t b)
{
    unsigned bits = tt_bits(t);
    TCGTemp *ta, *tb, *r;
    int o;

    batch_need(4);
    a = tt_mask(bits, a);
    b = tt_mask(bits, b);
    switch (mode) {
    case M_RR:
        ta = operand(t, a, SRC_REG, 0);
        tb = operand(t, b, SRC_REG, 0);
        break;
    case M_RC:
        ta = operand(t, a, SRC_REG, 0);
        tb = operand(t, b, SRC_CONST, 0);
        break;
    case M_CR:
        ta = operand(t, a, SRC_CONST, 0);
        tb = operand(t, b, SRC_REG, 0);
        break;
    case M_CC:
        ta = operand(t, a, SRC_CONST, 0);
        tb = operand(t, b, SRC_CONST, 0);
        break;
    case M_SAME:
        b = a;
        ta = tb = operand(t, a, SRC_REG, 0);
        break;
    case M_GLOBAL:
        ta = operand(t, a, SRC_GLOBAL, 1);
        tb = operand(t, b, SRC_GLOBAL, 2);
        break;
    default:
        ta = operand(t, a, SRC_REG, 0);
        tb = operand(t, b, SRC_REG, 0);
        break;
    }
    if (mode == M_INPLACE_A) {
        r = ta;
    } else if (mode == M_INPLACE_B) {
        r = tb;
    } else if (mode == M_GLOBAL) {
        r = t == TT_I32 ? tt_g32[3] : tt_g64[3];
    } else {
        r = tt_temp(t);
    }
    tt_gen_binop(opc, t, r, ta, tb);
    o = out_slot(t);
    tt_store_slot(t, r, o);
    expect(t, o, tt_ref_binop(opc, bits, a, b), "%s %s %#llx, %#llx",
           tcg_op_defs[opc].name, mode_names[mode], (unsigned long long)a,
           (unsigned long long)b);
    if (mode == M_INPLACE_A || mode == M_INPLACE_B) {
        release(r);
        release(mode == M_INPLACE_A ? tb : ta);
    } else {
        if (ta != tb) {
            release(tb);
        }
        release(ta);
        release(r);
    }
}

typedef bool (*pair_ok_fn)(TCGOpcode opc, unsigned bits, uint64_t a,
                           uint64_t b);

static bool pair_any(TCGOpcode opc, unsigned bits, uint64_t a, uint64_t b)
{
    return true;
}

static bool pair_div(TCGOpcode opc, unsigned bits, uint64_t a, uint64_t b)
{
    uint64_t min = tt_mask(bits, 1ull << (bits - 1));

    if (tt_mask(bits, b) == 0) {
        return false;
    }
    if ((opc == INDEX_op_div || opc == INDEX_op_rem) &&
        tt_mask(bits, b) == tt_mask(bits, -1) && tt_mask(bits, a) == min) {
        return false;
    }
    return true;
}

/* All modes, both types, both optimizer settings, edges x edges + random. */
static void test_binop_values(TCGOpcode opc, pair_ok_fn ok, bool shift_count,
                              int nb_random)
{
    int ti, mode, opt, i, j;

    for (ti = 0; ti < 2; ti++) {
        TCGType t = ti ? TT_I64 : TT_I32;
        unsigned bits = tt_bits(t);

        for (opt = 0; opt < 2; opt++) {
            for (mode = 0; mode < M_COUNT; mode++) {
                batch_begin(opt);
                for (i = 0; i < TT_NB_EDGES; i++) {
                    int nb = shift_count ? 8 : TT_NB_EDGES;
                    for (j = 0; j < nb; j++) {
                        uint64_t a = tt_edge(bits, i), b;
                        if (shift_count) {
                            static const unsigned counts[8] = {
                                0, 1, 2, 7, 8, 31, 32, 63
                            };
                            b = counts[j] & (bits - 1);
                            if (j == 7) {
                                b = bits - 1;
                            }
                        } else {
                            b = tt_edge(bits, j);
                        }
                        if ((mode == M_SAME && j > 0) || !ok(opc, bits, a, b)) {
                            continue;
                        }
                        if (mode == M_SAME && !ok(opc, bits, a, a)) {
                            continue;
                        }
                        binop_case(opc, t, mode, a, b);
                    }
                }
                for (i = 0; i < nb_random; i++) {
                    uint64_t a = tt_rand_val(bits), b = tt_rand_val(bits);
                    if (shift_count) {
                        b = tt_rand_below(bits);
                    }
                    if (!ok(opc, bits, a, b) ||
                        (mode == M_SAME && !ok(opc, bits, a, a))) {
                        continue;
                    }
                    binop_case(opc, t, mode, a, b);
                }
                batch_end();
            }
        }
    }
}

static void test_arith(void)
{
    static const TCGOpcode ops[] = {
        INDEX_op_add, INDEX_op_sub, INDEX_op_mul,
    };
    size_t i;

    fam_begin("arith add/sub/mul");
    for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
        test_binop_values(ops[i], pair_any, false, 48);
    }
    fam_end();
}

static void test_logic(void)
{
    static const TCGOpcode ops[] = {
        INDEX_op_and, INDEX_op_or, INDEX_op_xor, INDEX_op_andc,
        INDEX_op_orc, INDEX_op_eqv, INDEX_op_nand, INDEX_op_nor,
    };
    size_t i;

    fam_begin("logic and/or/xor/andc/orc/eqv/nand/nor");
    for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
        test_binop_values(ops[i], pair_any, false, 16);
    }
    fam_end();
}

static void test_shifts(void)
{
    static const TCGOpcode ops[] = {
        INDEX_op_shl, INDEX_op_shr, INDEX_op_sar, INDEX_op_rotl, INDEX_op_rotr,
    };
    size_t i;
    int ti, opt, n;

    fam_begin("shifts shl/shr/sar/rotl/rotr");
    for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
        test_binop_values(ops[i], pair_any, true, 48);
    }
    /* The immediate builders, every count. */
    for (ti = 0; ti < 2; ti++) {
        TCGType t = ti ? TT_I64 : TT_I32;
        unsigned bits = tt_bits(t);

        for (opt = 0; opt < 2; opt++) {
            batch_begin(opt);
            for (n = 0; n < (int)bits; n++) {
                for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
                    uint64_t a = tt_rand_val(bits);
                    TCGTemp *ta, *r;
                    int o;

                    batch_need(2);
                    ta = operand(t, a, SRC_REG, 0);
                    r = tt_temp(t);
                    if (ops[i] == INDEX_op_rotl || ops[i] == INDEX_op_rotr) {
                        tcg_gen_roti(ops[i], t, r, ta, n);
                    } else {
                        tcg_gen_shifti(ops[i], t, r, ta, n);
                    }
                    o = out_slot(t);
                    tt_store_slot(t, r, o);
                    expect(t, o, tt_ref_binop(ops[i], bits, a, n),
                           "%si %#llx, %d", tcg_op_defs[ops[i]].name,
                           (unsigned long long)a, n);
                    release(ta);
                    release(r);
                }
            }
            batch_end();
        }
    }
    fam_end();
}

static void test_div(void)
{
    static const TCGOpcode ops[] = {
        INDEX_op_div, INDEX_op_divu, INDEX_op_rem, INDEX_op_remu,
    };
    size_t i;

    fam_begin("div/divu/rem/remu");
    for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
        test_binop_values(ops[i], pair_div, false, 48);
    }
    fam_end();
}

static void test_mulh(void)
{
    fam_begin("muluh/mulsh");
    test_binop_values(INDEX_op_muluh, pair_any, false, 48);
    test_binop_values(INDEX_op_mulsh, pair_any, false, 48);
    fam_end();
}

/* ------------------------------------------------------------- unops */

static void unop_case(TCGOpcode opc, TCGType t, int src, bool inplace,
                      uint64_t a)
{
    unsigned bits = tt_bits(t);
    TCGTemp *ta, *r;
    int o;

    batch_need(2);
    a = tt_mask(bits, a);
    ta = operand(t, a, src, 1);
    if (inplace) {
        r = ta;
    } else if (src == SRC_GLOBAL) {
        r = t == TT_I32 ? tt_g32[2] : tt_g64[2];
    } else {
        r = tt_temp(t);
    }
    tt_gen_unop(opc, t, r, ta);
    o = out_slot(t);
    tt_store_slot(t, r, o);
    /* The input must be unchanged unless it was the output. */
    if (!inplace && src != SRC_CONST) {
        int oi = out_slot(t);
        tt_store_slot(t, ta, oi);
        expect(t, oi, a, "%s input preserved %#llx", tcg_op_defs[opc].name,
               (unsigned long long)a);
    }
    expect(t, o, tt_ref_unop(opc, bits, a), "%s %s%s %#llx",
           tcg_op_defs[opc].name, src_names[src], inplace ? " inplace" : "",
           (unsigned long long)a);
    release(ta);
    if (r != ta) {
        release(r);
    }
}

static void test_unops(const char *name, const TCGOpcode *ops, int nops)
{
    int i, ti, opt, k, src;

    fam_begin(name);
    for (i = 0; i < nops; i++) {
        for (ti = 0; ti < 2; ti++) {
            TCGType t = ti ? TT_I64 : TT_I32;
            unsigned bits = tt_bits(t);

            if (t == TT_I32 && (ops[i] == INDEX_op_ext32s ||
                                ops[i] == INDEX_op_ext32u ||
                                ops[i] == INDEX_op_bswap64)) {
                continue;
            }
            for (opt = 0; opt < 2; opt++) {
                batch_begin(opt);
                for (src = 0; src < 4; src++) {
                    for (k = 0; k < TT_NB_EDGES + 40; k++) {
                        uint64_t a = k < TT_NB_EDGES ? tt_edge(bits, k)
                                                     : tt_rand_val(bits);
                        if (src == 3) {
                            unop_case(ops[i], t, SRC_REG, true, a);
                        } else {
                            unop_case(ops[i], t, src, false, a);
                        }
                    }
                }
                batch_end();
            }
        }
    }
    fam_end();
}

static void test_neg_not(void)
{
    static const TCGOpcode ops[] = { INDEX_op_neg, INDEX_op_not };
    test_unops("neg/not", ops, 2);
}

static void test_ext(void)
{
    static const TCGOpcode ops[] = {
        INDEX_op_ext8s, INDEX_op_ext8u, INDEX_op_ext16s, INDEX_op_ext16u,
        INDEX_op_ext32s, INDEX_op_ext32u,
    };
    test_unops("ext8s/8u/16s/16u/32s/32u", ops, 6);
}

static void test_bswap(void)
{
    static const TCGOpcode ops[] = {
        INDEX_op_bswap16, INDEX_op_bswap32, INDEX_op_bswap64,
    };
    test_unops("bswap16/32/64", ops, 3);
}

static void test_ctpop(void)
{
    static const TCGOpcode ops[] = { INDEX_op_ctpop };
    test_unops("ctpop", ops, 1);
}

/* clz/ctz: the value for a zero input from a register or a constant. */
static void test_cntz(void)
{
    static const TCGOpcode ops[] = { INDEX_op_clz, INDEX_op_ctz };
    int i, ti, opt, k, d, src;

    fam_begin("clz/ctz");
    for (i = 0; i < 2; i++) {
        for (ti = 0; ti < 2; ti++) {
            TCGType t = ti ? TT_I64 : TT_I32;
            unsigned bits = tt_bits(t);
            uint64_t defs[5] = { bits, 0, -1ull, 7, bits - 1 };

            for (opt = 0; opt < 2; opt++) {
                batch_begin(opt);
                for (k = 0; k < TT_NB_EDGES + 70; k++) {
                    uint64_t a = k < TT_NB_EDGES ? tt_edge(bits, k)
                                                 : k < TT_NB_EDGES + bits ?
                                                   1ull << (k - TT_NB_EDGES) :
                                                   tt_rand_val(bits);
                    for (d = 0; d < 5; d++) {
                        for (src = 0; src < 3; src++) {
                            /* src: 0 reg/reg, 1 reg/const, 2 const/const */
                            TCGTemp *ta, *tb, *r;
                            int o;

                            batch_need(3);
                            ta = operand(t, a, src == 2 ? SRC_CONST : SRC_REG, 0);
                            tb = operand(t, defs[d], src ? SRC_CONST : SRC_REG, 0);
                            r = tt_temp(t);
                            tt_gen_binop(ops[i], t, r, ta, tb);
                            o = out_slot(t);
                            tt_store_slot(t, r, o);
                            expect(t, o, tt_ref_binop(ops[i], bits, a, defs[d]),
                                   "%s %#llx, default %#llx src %d",
                                   tcg_op_defs[ops[i]].name,
                                   (unsigned long long)a,
                                   (unsigned long long)defs[d], src);
                            release(ta);
                            release(tb);
                            release(r);
                        }
                    }
                }
                /* The output shares the register of a dead input. */
                for (k = 0; k < 16; k++) {
                    uint64_t a = k ? tt_rand_val(bits) : 0;
                    TCGTemp *ta;
                    int o;

                    batch_need(3);
                    ta = operand(t, a, SRC_REG, 0);
                    tt_gen_binop(ops[i], t, ta, ta, tt_const(t, 99));
                    o = out_slot(t);
                    tt_store_slot(t, ta, o);
                    expect(t, o, tt_ref_binop(ops[i], bits, a, 99),
                           "%s inplace %#llx", tcg_op_defs[ops[i]].name,
                           (unsigned long long)a);
                    release(ta);
                }
                batch_end();
            }
        }
    }
    fam_end();
}

/* ---------------------------------------------------------- conditions */

static void test_setcond(void)
{
    int ti, opt, c, i, j, neg, mode;

    fam_begin("setcond/negsetcond");
    for (ti = 0; ti < 2; ti++) {
        TCGType t = ti ? TT_I64 : TT_I32;
        unsigned bits = tt_bits(t);

        for (opt = 0; opt < 2; opt++) {
            for (mode = 0; mode < 5; mode++) {
                batch_begin(opt);
                for (c = 0; c < TCG_COND_COUNT; c++) {
                    for (i = 0; i < TT_NB_EDGES; i++) {
                        for (j = 0; j < TT_NB_EDGES; j++) {
                            uint64_t a = tt_edge(bits, i), b = tt_edge(bits, j);
                            bool want;
                            TCGTemp *ta, *tb, *r;
                            int o;

                            if (mode == 4 && j != i) {
                                continue;
                            }
                            if (mode >= 2 && (i + j + c) % 3) {
                                continue;   /* a third of the pairs */
                            }
                            neg = (i + j) & 1;
                            batch_need(3);
                            ta = operand(t, a, mode == 2 || mode == 3 ?
                                         SRC_CONST : SRC_REG, 0);
                            tb = mode == 4 ? ta :
                                 operand(t, b, mode == 1 || mode == 3 ?
                                         SRC_CONST : SRC_REG, 0);
                            r = tt_temp(t);
                            tcg_gen_setcond(c, t, r, ta, tb, neg);
                            o = out_slot(t);
                            tt_store_slot(t, r, o);
                            want = tt_ref_cond(c, bits, a, b);
                            expect(t, o, neg ? -(uint64_t)want : want,
                                   "%ssetcond %s %s %#llx, %#llx",
                                   neg ? "neg" : "", tt_cond_name(c),
                                   mode_names[mode], (unsigned long long)a,
                                   (unsigned long long)b);
                            if (tb != ta) {
                                release(tb);
                            }
                            release(ta);
                            release(r);
                        }
                    }
                }
                batch_end();
            }
        }
    }
    fam_end();
}

static void test_movcond(void)
{
    int ti, opt, c, i, j, mode;

    fam_begin("movcond");
    for (ti = 0; ti < 2; ti++) {
        TCGType t = ti ? TT_I64 : TT_I32;
        unsigned bits = tt_bits(t);

        for (opt = 0; opt < 2; opt++) {
            for (mode = 0; mode < 6; mode++) {
                batch_begin(opt);
                for (c = 0; c < TCG_COND_COUNT; c++) {
                    for (i = 0; i < TT_NB_EDGES; i++) {
                        for (j = 0; j < TT_NB_EDGES; j++) {
                            uint64_t a = tt_edge(bits, i), b = tt_edge(bits, j);
                            uint64_t v1 = tt_rand_val(bits), v2 = tt_rand_val(bits);
                            TCGTemp *c1, *c2, *t1, *t2, *r;
                            int o;

                            if ((i * 7 + j + c + mode) % 4) {
                                continue;
                            }
                            batch_need(5);
                            c1 = operand(t, a, SRC_REG, 0);
                            c2 = operand(t, b, mode == 1 ? SRC_CONST : SRC_REG, 0);
                            switch (mode) {
                            case 2:     /* v1 is c1 */
                                t1 = c1;
                                v1 = a;
                                t2 = operand(t, v2, SRC_REG, 0);
                                break;
                            case 3:     /* v2 is c2 */
                                t1 = operand(t, v1, SRC_REG, 0);
                                t2 = c2;
                                v2 = b;
                                break;
                            case 4:     /* constant values */
                                t1 = operand(t, v1, SRC_CONST, 0);
                                t2 = operand(t, v2, SRC_CONST, 0);
                                break;
                            default:
                                t1 = operand(t, v1, SRC_REG, 0);
                                t2 = operand(t, v2, SRC_REG, 0);
                                break;
                            }
                            /* mode 5: the output is v2, in place */
                            r = mode == 5 ? t2 : tt_temp(t);
                            tcg_gen_movcond(c, t, r, c1, c2, t1, t2);
                            o = out_slot(t);
                            tt_store_slot(t, r, o);
                            expect(t, o, tt_ref_cond(c, bits, a, b) ? v1 : v2,
                                   "movcond %s m%d %#llx, %#llx ? %#llx : %#llx",
                                   tt_cond_name(c), mode, (unsigned long long)a,
                                   (unsigned long long)b, (unsigned long long)v1,
                                   (unsigned long long)v2);
                            /* The inputs live on: check c1 survived. */
                            if (mode != 5 || t2 != c1) {
                                int o2 = out_slot(t);
                                tt_store_slot(t, c1, o2);
                                expect(t, o2, a, "movcond c1 preserved");
                            }
                            release(c1);
                            if (c2 != c1) {
                                release(c2);
                            }
                            if (t1 != c1 && t1 != c2) {
                                release(t1);
                            }
                            if (t2 != c1 && t2 != c2) {
                                release(t2);
                            }
                            if (r != t2) {
                                release(r);
                            }
                        }
                    }
                }
                batch_end();
            }
        }
    }
    fam_end();
}

/*
 * brcond: each case stores 1, branches over a store of 0.  A TB temp
 * and an i64 global accumulate across all the labels of the batch.
 */
static void test_brcond(void)
{
    int ti, opt, c, i, j, mode;

    fam_begin("brcond/br/labels with TB temps");
    for (ti = 0; ti < 2; ti++) {
        TCGType t = ti ? TT_I64 : TT_I32;
        unsigned bits = tt_bits(t);

        for (opt = 0; opt < 2; opt++) {
            for (mode = 0; mode < 4; mode++) {
                TCGTemp *acc;
                uint64_t acc_want = 0x1000;
                uint64_t g_want;
                int n = 0, o;

                batch_begin(opt);
                acc = tcg_temp_new_internal(TT_I64, TEMP_TB);
                tcg_gen_movi(TT_I64, acc, 0x1000);
                tt_env.g64[5] = 0x777;
                g_want = 0x777;
                for (c = 0; c < TCG_COND_COUNT; c++) {
                    for (i = 0; i < TT_NB_EDGES; i++) {
                        for (j = 0; j < TT_NB_EDGES; j++) {
                            uint64_t a = tt_edge(bits, i), b = tt_edge(bits, j);
                            TCGLabel *l = gen_new_label();
                            TCGTemp *ta, *tb;
                            bool taken = tt_ref_cond(c, bits, a, b);

                            if ((i * 5 + j + c) % 3 || n > 150) {
                                continue;
                            }
                            n++;
                            o = out_slot(t);
                            ta = operand(t, a, mode == 2 ? SRC_CONST : SRC_REG, 0);
                            tb = mode == 3 ? ta :
                                 operand(t, b, mode == 1 ? SRC_CONST : SRC_REG, 0);
                            if (mode == 3) {
                                taken = tt_ref_cond(c, bits, a, a);
                            }
                            tcg_gen_ldst(INDEX_op_st, t, tt_const(t, 1),
                                         tcg_ctx->env, tt_slot_off(t, o));
                            tcg_gen_brcond(c, t, ta, tb, l);
                            tcg_gen_ldst(INDEX_op_st, t, tt_const(t, 0),
                                         tcg_ctx->env, tt_slot_off(t, o));
                            /* Fall-through path: modify the TB temp and a
                             * global (kept in a register across brcond). */
                            tcg_gen_addi(TT_I64, acc, acc, n);
                            tcg_gen_binop(INDEX_op_xor, TT_I64, tt_g64[5],
                                          tt_g64[5], tt_const(TT_I64, n * 3));
                            if (!taken) {
                                acc_want += n;
                                g_want ^= n * 3;
                            }
                            if (n % 5 == 0) {
                                /* An unconditional branch over dead code. */
                                TCGLabel *l2 = gen_new_label();
                                tcg_gen_br(l2);
                                tcg_gen_movi(TT_I64, acc, 0xbad);
                                gen_set_label(l2);
                            }
                            gen_set_label(l);
                            expect(t, o, taken,
                                   "brcond %s m%d %#llx, %#llx",
                                   tt_cond_name(c), mode, (unsigned long long)a,
                                   (unsigned long long)b);
                            /* The EBB temps die at the label. */
                            if (tb != ta) {
                                release(tb);
                            }
                            release(ta);
                        }
                    }
                }
                o = out_slot(TT_I64);
                tt_store_slot(TT_I64, acc, o);
                expect(TT_I64, o, acc_want, "TB temp across %d labels", n);
                tcg_temp_free_internal(acc);
                batch_end();
                check(tt_env.g64[5] == g_want,
                      "%s global across labels: got %#llx want %#llx",
                      tt_tname(t), (unsigned long long)tt_env.g64[5],
                      (unsigned long long)g_want);
            }
        }
    }
    fam_end();
}

/* ------------------------------------------------------- double width */

static void test_mul2(void)
{
    int ti, opt, i, j, sign, mode;

    fam_begin("mulu2/muls2");
    for (ti = 0; ti < 2; ti++) {
        TCGType t = ti ? TT_I64 : TT_I32;
        unsigned bits = tt_bits(t);

        for (opt = 0; opt < 2; opt++) {
            for (mode = 0; mode < 4; mode++) {
                batch_begin(opt);
                for (sign = 0; sign < 2; sign++) {
                    for (i = 0; i < TT_NB_EDGES + 8; i++) {
                        for (j = 0; j < TT_NB_EDGES + 8; j++) {
                            uint64_t a = i < TT_NB_EDGES ? tt_edge(bits, i)
                                                         : tt_rand_val(bits);
                            uint64_t b = j < TT_NB_EDGES ? tt_edge(bits, j)
                                                         : tt_rand_val(bits);
                            uint64_t lo, hi;
                            TCGTemp *ta, *tb, *rl, *rh;
                            int ol, oh;

                            batch_need(4);
                            ta = operand(t, a, SRC_REG, 0);
                            if (mode == 2) {
                                tb = ta;
                                b = a;
                            } else {
                                tb = operand(t, b, mode == 1 ? SRC_CONST : SRC_REG, 0);
                            }
                            if (mode == 3) {
                                rl = ta;        /* outputs over the inputs */
                                rh = tb;
                            } else {
                                rl = tt_temp(t);
                                rh = tt_temp(t);
                            }
                            tcg_gen_mul2(sign ? INDEX_op_muls2 : INDEX_op_mulu2,
                                         t, rl, rh, ta, tb);
                            ol = out_slot(t);
                            oh = out_slot(t);
                            tt_store_slot(t, rl, ol);
                            tt_store_slot(t, rh, oh);
                            tt_ref_mul2(sign, bits, a, b, &lo, &hi);
                            expect(t, ol, lo, "%s m%d lo %#llx * %#llx",
                                   sign ? "muls2" : "mulu2", mode,
                                   (unsigned long long)a, (unsigned long long)b);
                            expect(t, oh, hi, "%s m%d hi %#llx * %#llx",
                                   sign ? "muls2" : "mulu2", mode,
                                   (unsigned long long)a, (unsigned long long)b);
                            if (mode != 3) {
                                release(rl);
                                release(rh);
                            }
                            release(ta);
                            if (tb != ta) {
                                release(tb);
                            }
                        }
                    }
                }
                batch_end();
            }
        }
    }
    fam_end();
}

static void test_addsub2(void)
{
    int ti, opt, k, add, mode;

    fam_begin("add2/sub2");
    for (ti = 0; ti < 2; ti++) {
        TCGType t = ti ? TT_I64 : TT_I32;
        unsigned bits = tt_bits(t);

        for (opt = 0; opt < 2; opt++) {
            for (mode = 0; mode < 4; mode++) {
                batch_begin(opt);
                for (add = 0; add < 2; add++) {
                    for (k = 0; k < 600; k++) {
                        uint64_t v[4], lo, hi;
                        TCGTemp *in[4], *rl, *rh;
                        int n, ol, oh;

                        for (n = 0; n < 4; n++) {
                            v[n] = k < 576 ? tt_edge(bits, (k / (n ? 24 : 1) + n * 5) % TT_NB_EDGES)
                                           : tt_rand_val(bits);
                            if (n && k < 576 && ((k >> n) & 1)) {
                                v[n] = tt_rand_val(bits);
                            }
                        }
                        batch_need(6);
                        for (n = 0; n < 4; n++) {
                            int src = SRC_REG;
                            if (mode == 1 && n >= 2) {
                                src = SRC_CONST;    /* b constant */
                            }
                            in[n] = operand(t, v[n], src, 0);
                        }
                        if (mode == 2) {
                            /* a and b are the same pair */
                            in[2] = in[0];
                            in[3] = in[1];
                            v[2] = v[0];
                            v[3] = v[1];
                        }
                        if (mode == 3) {
                            rl = in[0];
                            rh = in[1];
                        } else {
                            rl = tt_temp(t);
                            rh = tt_temp(t);
                        }
                        tcg_gen_addsub2(add ? INDEX_op_add2 : INDEX_op_sub2, t,
                                        rl, rh, in[0], in[1], in[2], in[3]);
                        ol = out_slot(t);
                        oh = out_slot(t);
                        tt_store_slot(t, rl, ol);
                        tt_store_slot(t, rh, oh);
                        tt_ref_addsub2(add, bits, v[0], v[1], v[2], v[3], &lo, &hi);
                        expect(t, ol, lo, "%s m%d lo %#llx:%#llx, %#llx:%#llx",
                               add ? "add2" : "sub2", mode,
                               (unsigned long long)v[1], (unsigned long long)v[0],
                               (unsigned long long)v[3], (unsigned long long)v[2]);
                        expect(t, oh, hi, "%s m%d hi %#llx:%#llx, %#llx:%#llx",
                               add ? "add2" : "sub2", mode,
                               (unsigned long long)v[1], (unsigned long long)v[0],
                               (unsigned long long)v[3], (unsigned long long)v[2]);
                        for (n = 0; n < 4; n++) {
                            if (n >= 2 && mode == 2) {
                                break;
                            }
                            release(in[n]);
                        }
                        if (mode != 3) {
                            release(rl);
                            release(rh);
                        }
                    }
                }
                batch_end();
            }
        }
    }
    fam_end();
}

/* ---------------------------------------------------------- bit fields */

static void test_bitfields(void)
{
    static const unsigned lens[] = { 1, 2, 7, 8, 9, 16, 31, 32, 33, 48, 63, 64 };
    int ti, opt, li, k, kind;
    unsigned pos;

    fam_begin("deposit/extract/sextract/extract2");
    for (ti = 0; ti < 2; ti++) {
        TCGType t = ti ? TT_I64 : TT_I32;
        unsigned bits = tt_bits(t);

        for (opt = 0; opt < 2; opt++) {
            batch_begin(opt);
            for (li = 0; li < (int)(sizeof(lens) / sizeof(lens[0])); li++) {
                unsigned len = lens[li];

                if (len > bits) {
                    continue;
                }
                for (pos = 0; pos + len <= bits; pos++) {
                    /* every position class: all small and top ones, some middle */
                    if (pos > 2 && pos + len + 2 < bits && pos != 8 &&
                        pos != 16 && pos != bits / 2 && (pos * 7 + len) % 5) {
                        continue;
                    }
                    for (k = 0; k < 4; k++) {
                        uint64_t a = k ? tt_rand_val(bits) : tt_edge(bits, 19);
                        uint64_t b = k ? tt_rand_val(bits) : tt_edge(bits, 20);
                        for (kind = 0; kind < 5; kind++) {
                            TCGTemp *ta, *tb, *r;
                            uint64_t want;
                            int o;

                            batch_need(3);
                            ta = operand(t, a, SRC_REG, 0);
                            tb = operand(t, b, kind == 4 ? SRC_CONST : SRC_REG, 0);
                            r = kind == 3 ? ta : tt_temp(t);
                            switch (kind) {
                            case 0:
                                tcg_gen_extract(t, r, ta, pos, len, false);
                                want = tt_ref_extract(bits, a, pos, len, false);
                                break;
                            case 1:
                                tcg_gen_extract(t, r, ta, pos, len, true);
                                want = tt_ref_extract(bits, a, pos, len, true);
                                break;
                            default:    /* deposit: plain, in place, const */
                                tcg_gen_deposit(t, r, ta, tb, pos, len);
                                want = tt_ref_deposit(bits, a, b, pos, len);
                                break;
                            }
                            o = out_slot(t);
                            tt_store_slot(t, r, o);
                            expect(t, o, want, "%s k%d pos %u len %u a %#llx b %#llx",
                                   kind == 0 ? "extract" : kind == 1 ? "sextract" :
                                   "deposit", kind, pos, len, (unsigned long long)a,
                                   (unsigned long long)b);
                            release(ta);
                            release(tb);
                            if (r != ta) {
                                release(r);
                            }
                        }
                    }
                }
            }
            /* extract2 at every position */
            for (pos = 0; pos <= bits; pos++) {
                for (k = 0; k < 3; k++) {
                    uint64_t lo = tt_rand_val(bits), hi = tt_rand_val(bits);
                    TCGTemp *tl, *th, *r;
                    int o;

                    batch_need(3);
                    tl = operand(t, lo, SRC_REG, 0);
                    th = operand(t, hi, k == 2 ? SRC_CONST : SRC_REG, 0);
                    r = k == 1 ? th : tt_temp(t);
                    tcg_gen_extract2(t, r, tl, th, pos);
                    o = out_slot(t);
                    tt_store_slot(t, r, o);
                    expect(t, o, tt_ref_extract2(bits, lo, hi, pos),
                           "extract2 k%d pos %u lo %#llx hi %#llx", k, pos,
                           (unsigned long long)lo, (unsigned long long)hi);
                    release(tl);
                    release(th);
                    if (r != th) {
                        release(r);
                    }
                }
            }
            batch_end();
        }
    }
    fam_end();
}

/* --------------------------------------------------- i32 <-> i64 moves */

static void test_ext_i32_i64(void)
{
    int opt, k, op;

    fam_begin("ext_i32_i64/extu_i32_i64/extrl/extrh/concat");
    for (opt = 0; opt < 2; opt++) {
        batch_begin(opt);
        for (k = 0; k < 200; k++) {
            uint64_t v64 = k < TT_NB_EDGES ? tt_edge(64, k) : tt_rand_val(64);
            uint32_t v32 = k < TT_NB_EDGES ? tt_edge(32, k) : tt_rand_val(32);
            int src = k % 3 == 2 ? SRC_CONST : k % 3 == 1 ? SRC_GLOBAL : SRC_REG;

            for (op = 0; op < 5; op++) {
                TCGTemp *in, *in2 = NULL, *r;
                uint64_t want;
                TCGType to;
                int o;

                batch_need(3);
                switch (op) {
                case 0:
                case 1:
                    in = operand(TT_I32, v32, src, k);
                    r = tt_temp(TT_I64);
                    to = TT_I64;
                    if (op == 0) {
                        tcg_gen_ext_i32_i64(temp_tcgv_i64(r), temp_tcgv_i32(in));
                        want = (uint64_t)(int64_t)(int32_t)v32;
                    } else {
                        tcg_gen_extu_i32_i64(temp_tcgv_i64(r), temp_tcgv_i32(in));
                        want = v32;
                    }
                    break;
                case 2:
                case 3:
                    in = operand(TT_I64, v64, src, k);
                    r = tt_temp(TT_I32);
                    to = TT_I32;
                    if (op == 2) {
                        tcg_gen_extrl_i64_i32(temp_tcgv_i32(r), temp_tcgv_i64(in));
                        want = (uint32_t)v64;
                    } else {
                        tcg_gen_extrh_i64_i32(temp_tcgv_i32(r), temp_tcgv_i64(in));
                        want = v64 >> 32;
                    }
                    break;
                default:
                    in = operand(TT_I32, v32, src, k);
                    in2 = operand(TT_I32, ~v32 ^ (uint32_t)v64, SRC_REG, 0);
                    r = tt_temp(TT_I64);
                    to = TT_I64;
                    tcg_gen_concat_i32_i64(temp_tcgv_i64(r), temp_tcgv_i32(in),
                                           temp_tcgv_i32(in2));
                    want = v32 | (uint64_t)(uint32_t)(~v32 ^ (uint32_t)v64) << 32;
                    break;
                }
                o = out_slot(to);
                tt_store_slot(to, r, o);
                expect(to, o, want, "op%d %s v32 %#x v64 %#llx", op,
                       src_names[src], v32, (unsigned long long)v64);
                release(in);
                if (in2) {
                    release(in2);
                }
                release(r);
            }
        }
        batch_end();
    }
    fam_end();
}

/* ----------------------------------------------------- host ld/st (env) */

static void test_env_ldst(void)
{
    static const struct {
        TCGOpcode opc;
        int size;
        bool sign;
        bool i64_only;
    } lds[] = {
        { INDEX_op_ld8u, 1, false, false }, { INDEX_op_ld8s, 1, true, false },
        { INDEX_op_ld16u, 2, false, false }, { INDEX_op_ld16s, 2, true, false },
        { INDEX_op_ld32u, 4, false, true }, { INDEX_op_ld32s, 4, true, true },
        { INDEX_op_ld, 0, false, false },
    }, sts[] = {
        { INDEX_op_st8, 1, false, false }, { INDEX_op_st16, 2, false, false },
        { INDEX_op_st32, 4, false, true }, { INDEX_op_st, 0, false, false },
    };
    int ti, opt, i, ofs, rep, cst;
    uint8_t img[64];

    fam_begin("ld/st 8/16/32/64 on env");
    for (ti = 0; ti < 2; ti++) {
        TCGType t = ti ? TT_I64 : TT_I32;
        unsigned bits = tt_bits(t);

        for (opt = 0; opt < 2; opt++) {
            for (rep = 0; rep < 8; rep++) {
                /* loads: one batch, the byte image fixed */
                for (i = 0; i < 64; i++) {
                    img[i] = tt_rand();
                }
                memcpy(tt_env.bytes, img, 64);
                batch_begin(opt);
                for (i = 0; i < (int)(sizeof(lds) / sizeof(lds[0])); i++) {
                    int size = lds[i].size ? lds[i].size : (int)bits / 8;

                    if (lds[i].i64_only && t == TT_I32) {
                        continue;
                    }
                    for (ofs = 0; ofs + size <= 64; ofs += 1 + rep) {
                        uint64_t v = 0;
                        TCGTemp *r = tt_temp(t);
                        int o;

                        batch_need(1);
                        memcpy(&v, img + ofs, size);    /* little endian */
                        if (lds[i].sign && size < 8) {
                            v = (uint64_t)((int64_t)(v << (64 - 8 * size)) >>
                                           (64 - 8 * size));
                        }
                        tcg_gen_ldst(lds[i].opc, t, r, tcg_ctx->env,
                                     offsetof(TTEnv, bytes) + ofs);
                        o = out_slot(t);
                        tt_store_slot(t, r, o);
                        expect(t, o, v, "%s ofs %d", tcg_op_defs[lds[i].opc].name,
                               ofs);
                        release(r);
                    }
                }
                batch_end();

                /* stores: one TB per store, the bytes around it untouched */
                for (i = 0; i < (int)(sizeof(sts) / sizeof(sts[0])); i++) {
                    int size = sts[i].size ? sts[i].size : (int)bits / 8;

                    if (sts[i].i64_only && t == TT_I32) {
                        continue;
                    }
                    for (cst = 0; cst < 2; cst++) {
                        uint64_t v = tt_rand_val(bits);
                        uint8_t want[64];
                        TCGTemp *tv;

                        ofs = (rep * 13 + i * 5 + cst * 3) % (64 - size + 1);
                        for (int j = 0; j < 64; j++) {
                            img[j] = tt_rand();
                        }
                        memcpy(tt_env.bytes, img, 64);
                        memcpy(want, img, 64);
                        memcpy(want + ofs, &v, size);   /* little endian */
                        tt_start(opt);
                        tv = cst ? tt_const(t, v) : tt_load_slot(t, slot_new(t, v));
                        tcg_gen_ldst(sts[i].opc, t, tv, tcg_ctx->env,
                                     offsetof(TTEnv, bytes) + ofs);
                        check(tt_finish_run() && !memcmp(tt_env.bytes, want, 64),
                              "%s %s %s ofs %d value %#llx",
                              tcg_op_defs[sts[i].opc].name, tt_tname(t),
                              cst ? "const" : "reg", ofs, (unsigned long long)v);
                    }
                }
            }
        }
    }
    fam_end();
}

/* --------------------------------------------------------- guest memory */

#define GMEM_SIZE 256
static uint8_t gmem[GMEM_SIZE] __attribute__((aligned(64)));

static sigjmp_buf unaligned_jmp;
static uint64_t unaligned_addr;
static unsigned unaligned_calls;

static void unaligned_helper(void *env, uint64_t addr, MemOpIdx oi,
                             uintptr_t retaddr)
{
    unaligned_addr = addr;
    unaligned_calls++;
    siglongjmp(unaligned_jmp, 1);
}

static uint64_t ref_guest_ld(const uint8_t *p, MemOp mop, TCGType t)
{
    unsigned size = 1u << (mop & MO_SIZE), i;
    uint64_t v = 0;

    for (i = 0; i < size; i++) {
        unsigned k = (mop & MO_BSWAP) ? size - 1 - i : i;
        v |= (uint64_t)p[k] << (8 * i);         /* host: little endian */
    }
    if ((mop & MO_SIGN) && size < 8) {
        v = (uint64_t)((int64_t)(v << (64 - 8 * size)) >> (64 - 8 * size));
    }
    return tt_mask(tt_bits(t), v);
}

static void ref_guest_st(uint8_t *p, MemOp mop, uint64_t v)
{
    unsigned size = 1u << (mop & MO_SIZE), i;

    for (i = 0; i < size; i++) {
        unsigned k = (mop & MO_BSWAP) ? size - 1 - i : i;
        p[k] = v >> (8 * i);
    }
}

/* Run code; true if the unaligned-access helper left it by longjmp. */
static bool run_trapping(const void *code)
{
    if (sigsetjmp(unaligned_jmp, 0) == 0) {
        tt_exec(code);
        return false;
    }
    return true;
}

/* Alignment: MO_ALIGN on a misaligned address calls the helper. */
static void test_alignment(void)
{
    int size, ofs, st;

    tcg_ctx->guest_base = 0;
    tcg_ctx->addr_type = TT_I64;
    tcg_ctx->unaligned_helper = unaligned_helper;
    for (size = 1; size <= 3; size++) {
        for (ofs = 0; ofs < 8; ofs++) {
            for (st = 0; st < 2; st++) {
                MemOp mop = size | MO_ALIGN;
                bool misaligned = ofs & ((1 << size) - 1);
                bool trapped = false;
                const void *code;

                tt_start(false);
                tt_env.g64[0] = (uintptr_t)gmem + 64 + ofs;
                if (st) {
                    tcg_gen_qemu_st(TT_I64, tt_g64[1], tt_g64[0], 0, mop);
                } else {
                    tcg_gen_qemu_ld(TT_I64, tt_g64[1], tt_g64[0], 0, mop);
                }
                code = tt_finish_gen();
                unaligned_calls = 0;
                if (code) {
                    trapped = run_trapping(code);
                }
                check(code && trapped == misaligned &&
                      (!trapped || unaligned_addr == tt_env.g64[0]),
                      "%s MO_ALIGN size %d ofs %d: trapped %d",
                      st ? "qemu_st" : "qemu_ld", 1 << size, ofs, trapped);
            }
        }
    }
}

/*
 * Guest addresses: addr_type i64 with guest_base 0 (addresses are host
 * pointers), i64 with a base beyond 32 bits, i32 with a base such that
 * guest addresses near 4G land in gmem (any garbage above bit 31 of an
 * i32 address register would then fault).
 */
static void test_guest_mem(void)
{
    int cfg, ti, opt, size, sign, bswap, rep, ofs;
    uint8_t want[GMEM_SIZE];

    fam_begin("qemu_ld/qemu_st sizes, sign, bswap");
    for (cfg = 0; cfg < 3; cfg++) {
        TCGType at = cfg == 2 ? TT_I32 : TT_I64;
        uint64_t gaddr0;    /* guest address of gmem[0] */

        if (cfg == 0) {
            tcg_ctx->guest_base = 0;
            gaddr0 = (uintptr_t)gmem;
        } else if (cfg == 1) {
            gaddr0 = 0x123456789000ull;
            tcg_ctx->guest_base = (uintptr_t)gmem - gaddr0;
        } else {
            gaddr0 = 0xffffff00u;
            tcg_ctx->guest_base = (uintptr_t)gmem - gaddr0;
        }
        tcg_ctx->addr_type = at;
        for (ti = 0; ti < 2; ti++) {
            TCGType t = ti ? TT_I64 : TT_I32;

            for (opt = 0; opt < 2; opt++) {
                for (size = 0; size <= (t == TT_I64 ? 3 : 2); size++) {
                    for (sign = 0; sign < 2; sign++) {
                        for (bswap = 0; bswap < 2; bswap++) {
                            MemOp mop = size | (sign ? MO_SIGN : 0) |
                                        (bswap ? MO_BSWAP : 0);
                            /* loads */
                            for (rep = 0; rep < 4; rep++) {
                                TCGTemp *addr, *r, *r2;
                                int o, o2, i;

                                for (i = 0; i < GMEM_SIZE; i++) {
                                    gmem[i] = tt_rand();
                                }
                                ofs = tt_rand_below(GMEM_SIZE - 8);
                                batch_begin(opt);
                                addr = operand(at, gaddr0 + ofs,
                                               rep & 1 ? SRC_CONST : SRC_REG, 0);
                                r = tt_temp(t);
                                tcg_gen_qemu_ld(t, r, addr, 0, mop);
                                o = out_slot(t);
                                tt_store_slot(t, r, o);
                                expect(t, o, ref_guest_ld(gmem + ofs, mop, t),
                                       "qemu_ld mop %#x cfg %d ofs %d", mop, cfg,
                                       ofs);
                                /* a loaded value reused as the address base */
                                r2 = tt_temp(t);
                                tcg_gen_qemu_ld(t, r2, addr, 0, mop);
                                tcg_gen_binop(INDEX_op_xor, t, r2, r2, r);
                                o2 = out_slot(t);
                                tt_store_slot(t, r2, o2);
                                expect(t, o2, 0, "qemu_ld twice mop %#x", mop);
                                batch_end();
                            }
                            /* stores: the value register must survive */
                            for (rep = 0; rep < 4; rep++) {
                                uint64_t v = tt_rand_val(tt_bits(t));
                                TCGTemp *addr, *tv;
                                int o, i;

                                if (sign) {
                                    continue;   /* stores ignore MO_SIGN */
                                }
                                for (i = 0; i < GMEM_SIZE; i++) {
                                    gmem[i] = tt_rand();
                                }
                                memcpy(want, gmem, GMEM_SIZE);
                                ofs = tt_rand_below(GMEM_SIZE - 8);
                                ref_guest_st(want + ofs, mop, v);
                                batch_begin(opt);
                                addr = operand(at, gaddr0 + ofs,
                                               rep & 1 ? SRC_CONST : SRC_REG, 0);
                                tv = operand(t, v, rep & 2 ? SRC_CONST : SRC_REG, 0);
                                tcg_gen_qemu_st(t, tv, addr, 0, mop);
                                if (tv->kind != TEMP_CONST) {
                                    o = out_slot(t);
                                    tt_store_slot(t, tv, o);
                                    expect(t, o, v, "qemu_st mop %#x value kept",
                                           mop);
                                }
                                batch_end();
                                check(!memcmp(gmem, want, GMEM_SIZE),
                                      "qemu_st %s mop %#x cfg %d ofs %d v %#llx",
                                      tt_tname(t), mop, cfg, ofs,
                                      (unsigned long long)v);
                            }
                        }
                    }
                }
            }
        }
    }

    test_alignment();
    tcg_ctx->unaligned_helper = NULL;
    fam_end();
}

/* qemu_st where the value is also the address (one register for both). */
static void test_guest_st_same(void)
{
    int opt, size, bswap, at, cst;

    fam_begin("qemu_st with value == address");
    for (at = 0; at < 2; at++) {
        TCGType atype = at ? TT_I32 : TT_I64;
        uint64_t gaddr0 = at ? 0xffffff00u : 0x10000;

        tcg_ctx->addr_type = atype;
        tcg_ctx->guest_base = (uintptr_t)gmem - gaddr0;
        for (opt = 0; opt < 2; opt++) {
            for (size = 0; size <= (at ? 2 : 3); size++) {
                for (bswap = 0; bswap < 2; bswap++) {
                    for (cst = 0; cst < 2; cst++) {
                        MemOp mop = size | (bswap ? MO_BSWAP : 0);
                        uint64_t addr = gaddr0 + 8 * (1 + cst + 2 * size);
                        uint8_t want[GMEM_SIZE];
                        TCGTemp *v;
                        int o = 0;

                        memset(gmem, 0xee, GMEM_SIZE);
                        memcpy(want, gmem, GMEM_SIZE);
                        ref_guest_st(want + (addr - gaddr0), mop, addr);
                        batch_begin(opt);
                        /* a constant, or a temp: either way one register */
                        v = operand(atype, addr, cst ? SRC_CONST : SRC_REG, 0);
                        tcg_gen_qemu_st(atype, v, v, 0, mop);
                        if (!cst) {
                            o = out_slot(atype);
                            tt_store_slot(atype, v, o);
                            expect(atype, o, addr, "value kept");
                        }
                        batch_end();
                        check(!memcmp(gmem, want, GMEM_SIZE),
                              "qemu_st %s v == addr %#llx mop %#x%s",
                              tt_tname(atype), (unsigned long long)addr, mop,
                              cst ? " (constant)" : "");
                    }
                }
            }
        }
    }
    tcg_ctx->addr_type = TT_I64;
    tcg_ctx->guest_base = 0;
    fam_end();
}

/* ------------------------------------------------------------- helpers */

static uint64_t h_mix(int n, const uint64_t *a)
{
    uint64_t r = 0x1234;
    int i;

    for (i = 0; i < n; i++) {
        r = r * 1000003 + a[i] + (uint64_t)(i + 1) * 0x9e3779b97f4a7c15ull;
    }
    return r;
}

static uint64_t helper1(uint64_t a)
{
    uint64_t v[] = { a };
    return h_mix(1, v);
}
static uint64_t helper2(uint64_t a, uint32_t b)
{
    uint64_t v[] = { a, b };
    return h_mix(2, v);
}
static uint64_t helper3(uint64_t a, uint64_t b, uint32_t c)
{
    uint64_t v[] = { a, b, c };
    return h_mix(3, v);
}
static uint64_t helper4(uint32_t a, uint64_t b, uint64_t c, uint64_t d)
{
    uint64_t v[] = { a, b, c, d };
    return h_mix(4, v);
}
static uint64_t helper5(uint64_t a, uint64_t b, uint64_t c, uint64_t d,
                        uint32_t e)
{
    uint64_t v[] = { a, b, c, d, e };
    return h_mix(5, v);
}
static uint64_t helper6(uint64_t a, uint64_t b, uint64_t c, uint64_t d,
                        uint64_t e, uint64_t f)
{
    uint64_t v[] = { a, b, c, d, e, f };
    return h_mix(6, v);
}
static uint64_t helper7(uint64_t a, uint64_t b, uint64_t c, uint64_t d,
                        uint64_t e, uint64_t f, uint32_t g)
{
    uint64_t v[] = { a, b, c, d, e, f, g };
    return h_mix(7, v);
}
static uint64_t helper8(uint64_t a, uint64_t b, uint64_t c, uint64_t d,
                        uint64_t e, uint32_t f, uint64_t g, uint64_t h)
{
    uint64_t v[] = { a, b, c, d, e, f, g, h };
    return h_mix(8, v);
}

/* Which arguments are i32 in the helpers above (bit i: argument i). */
static const unsigned helper_i32_args[9] = {
    0, 0, 1u << 1, 1u << 2, 1u << 0, 1u << 4, 0, 1u << 6, 1u << 5,
};
static void *const helper_fns[9] = {
    NULL, (void *)helper1, (void *)helper2, (void *)helper3, (void *)helper4,
    (void *)helper5, (void *)helper6, (void *)helper7, (void *)helper8,
};

/* Declared as returning i32 to TCG, but leaves garbage in bits 32..63. */
static uint64_t helper_ret32(uint64_t a)
{
    return 0xabcdef0100000000ull | (uint32_t)(a * 3);
}

/* Reads and writes globals through env (default flags). */
static uint64_t helper_globals(void *env)
{
    TTEnv *e = env;

    e->g64[1] = e->g64[0] * 5;
    e->g32[1] = e->g32[0] + 9;
    return e->g64[0] ^ e->g64[2];
}

/* Only reads globals: TCG_CALL_NO_WG. */
static uint64_t helper_read_globals(void *env)
{
    TTEnv *e = env;
    return e->g64[3] + e->g32[2];
}

static void test_helpers(void)
{
    int n, opt, rep, i, mode;

    fam_begin("helper calls: 1..8 args, i32 return, global sync");
    for (opt = 0; opt < 2; opt++) {
        for (n = 1; n <= 8; n++) {
            for (rep = 0; rep < 12; rep++) {
                TCGHelperInfo *info = calloc(1, sizeof(*info));
                TCGTemp *args[8], *r;
                uint64_t v[8], want;
                int o;

                mode = rep % 4;
                info->func = helper_fns[n];
                info->name = "helper";
                info->flags = mode == 3 ? 0 : TCG_CALL_NO_RWG;
                info->ret = TCG_CALL_I64;
                info->nargs = n;
                batch_begin(opt);
                for (i = 0; i < n; i++) {
                    bool is32 = helper_i32_args[n] & (1u << i);
                    TCGType t = is32 ? TT_I32 : TT_I64;
                    int src = mode == 1 ? SRC_CONST :
                              mode == 2 ? ((i & 1) ? SRC_CONST : SRC_GLOBAL) :
                              mode == 3 ? SRC_GLOBAL : SRC_REG;

                    v[i] = tt_rand_val(tt_bits(t));
                    info->args[i] = is32 ? TCG_CALL_I32 : TCG_CALL_I64;
                    args[i] = operand(t, v[i], src, i);
                }
                if (rep == 5 && n >= 2) {
                    /* the same temp for two arguments */
                    bool same = (helper_i32_args[n] & 3) == 0;
                    if (same) {
                        args[1] = args[0];
                        v[1] = v[0];
                    }
                }
                r = tt_temp(TT_I64);
                tcg_gen_call(info, r, args);
                o = out_slot(TT_I64);
                tt_store_slot(TT_I64, r, o);
                want = h_mix(n, v);
                expect(TT_I64, o, want, "helper%d mode %d", n, mode);
                /* arguments still intact after the call */
                for (i = 0; i < n; i++) {
                    if (args[i]->kind != TEMP_CONST) {
                        TCGType t = args[i]->type;
                        int oa = out_slot(t);
                        tt_store_slot(t, args[i], oa);
                        expect(t, oa, v[i], "helper%d arg %d kept", n, i);
                    }
                }
                batch_end();
                free(info);
            }
        }

        /* i32 return: bits 32..63 of the host return register ignored */
        for (rep = 0; rep < 8; rep++) {
            static TCGHelperInfo info32 = {
                .func = (void *)helper_ret32, .name = "ret32",
                .flags = TCG_CALL_NO_RWG, .ret = TCG_CALL_I32, .nargs = 1,
                .args = { TCG_CALL_I64 },
            };
            uint64_t a = tt_rand_val(64);
            uint32_t want = (uint32_t)(a * 3);
            TCGTemp *arg, *r, *r64;
            int o, o2, o3;

            batch_begin(opt);
            arg = operand(TT_I64, a, SRC_REG, 0);
            r = tt_temp(TT_I32);
            tcg_gen_call(&info32, r, &arg);
            o = out_slot(TT_I32);
            tt_store_slot(TT_I32, r, o);
            expect(TT_I32, o, want, "i32 return");
            r64 = tt_temp(TT_I64);
            tcg_gen_extu_i32_i64(temp_tcgv_i64(r64), temp_tcgv_i32(r));
            o2 = out_slot(TT_I64);
            tt_store_slot(TT_I64, r64, o2);
            expect(TT_I64, o2, want, "i32 return zero-extended");
            /* used as an i32 guest address */
            tcg_ctx->addr_type = TT_I32;
            tcg_ctx->guest_base = (uintptr_t)gmem - (want & ~0xffull);
            for (i = 0; i < GMEM_SIZE; i++) {
                gmem[i] = i * 7 + 1;
            }
            r64 = tt_temp(TT_I64);
            tcg_gen_qemu_ld(TT_I64, r64, r, 0, MO_8);
            o3 = out_slot(TT_I64);
            tt_store_slot(TT_I64, r64, o3);
            expect(TT_I64, o3, (uint8_t)((want & 0xff) * 7 + 1),
                   "i32 return as address");
            batch_end();
            tcg_ctx->addr_type = TT_I64;
            tcg_ctx->guest_base = 0;
        }

        /* Globals around helpers that read/write them. */
        for (rep = 0; rep < 6; rep++) {
            static TCGHelperInfo info_rw = {
                .func = (void *)helper_globals, .name = "globals",
                .flags = 0, .ret = TCG_CALL_I64, .nargs = 1,
                .args = { TCG_CALL_PTR },
            };
            static TCGHelperInfo info_ro = {
                .func = (void *)helper_read_globals, .name = "read_globals",
                .flags = TCG_CALL_NO_WG, .ret = TCG_CALL_I64, .nargs = 1,
                .args = { TCG_CALL_PTR },
            };
            uint64_t g0 = tt_rand_val(64), g2 = tt_rand_val(64), g3 = tt_rand_val(64);
            uint32_t w0 = tt_rand_val(32), w2 = tt_rand_val(32);
            TCGTemp *env = tcg_ctx->env, *r, *r2;
            uint64_t want_r, want_g1, want_r2;
            uint32_t want_w1;
            int o, o2;

            memset(tt_env.g64, 0, sizeof(tt_env.g64));
            memset(tt_env.g32, 0, sizeof(tt_env.g32));
            batch_begin(opt);
            /* The globals are changed in registers before the call. */
            tcg_gen_movi(TT_I64, tt_g64[0], g0);
            tcg_gen_movi(TT_I64, tt_g64[2], g2 - 1);
            tcg_gen_addi(TT_I64, tt_g64[2], tt_g64[2], 1);
            tcg_gen_movi(TT_I32, tt_g32[0], w0);
            tcg_gen_movi(TT_I64, tt_g64[1], 111);
            r = tt_temp(TT_I64);
            tcg_gen_call(&info_rw, r, &env);
            /* After the call, globals must be reloaded from memory. */
            tcg_gen_addi(TT_I64, tt_g64[1], tt_g64[1], 1);
            tcg_gen_addi(TT_I32, tt_g32[1], tt_g32[1], 2);
            o = out_slot(TT_I64);
            tt_store_slot(TT_I64, r, o);
            want_r = g0 ^ g2;
            want_g1 = g0 * 5 + 1;
            want_w1 = w0 + 9 + 2;
            expect(TT_I64, o, want_r, "rw helper result");
            /* A read-only helper sees values computed in registers. */
            tcg_gen_movi(TT_I64, tt_g64[3], g3);
            tcg_gen_movi(TT_I32, tt_g32[2], w2);
            tcg_gen_binop(INDEX_op_xor, TT_I64, tt_g64[3], tt_g64[3],
                          tt_const(TT_I64, rep));
            r2 = tt_temp(TT_I64);
            tcg_gen_call(&info_ro, r2, &env);
            o2 = out_slot(TT_I64);
            tt_store_slot(TT_I64, r2, o2);
            want_r2 = (g3 ^ rep) + w2;
            expect(TT_I64, o2, want_r2, "ro helper result");
            batch_end();
            check(tt_env.g64[1] == want_g1 && tt_env.g32[1] == want_w1 &&
                  tt_env.g64[3] == (g3 ^ rep) && tt_env.g64[0] == g0,
                  "globals after helpers: g1 %#llx want %#llx, w1 %#x want %#x",
                  (unsigned long long)tt_env.g64[1],
                  (unsigned long long)want_g1, tt_env.g32[1], want_w1);
        }
    }
    fam_end();
}

/* ---------------------------------------------------- register pressure */

static void test_pressure(void)
{
    enum { N = 28 };
    int opt, rep, i;

    fam_begin("register pressure: 28 live temps, spills, calls, branches");
    for (opt = 0; opt < 2; opt++) {
        for (rep = 0; rep < 40; rep++) {
            static TCGHelperInfo info = {
                .func = (void *)helper3, .name = "helper3",
                .flags = TCG_CALL_NO_RWG, .ret = TCG_CALL_I64, .nargs = 3,
                .args = { TCG_CALL_I64, TCG_CALL_I64, TCG_CALL_I32 },
            };
            TCGTemp *t[N], *acc, *args[3];
            uint64_t v[N], acc_want;
            TCGType ty[N];
            TCGLabel *l = NULL;
            int o[N], oacc;

            batch_begin(opt);
            for (i = 0; i < N; i++) {
                ty[i] = (i + rep) % 3 == 0 ? TT_I32 : TT_I64;
                v[i] = tt_rand_val(tt_bits(ty[i]));
                /* TB temps, so that they survive the label below */
                t[i] = tcg_temp_new_internal(ty[i], TEMP_TB);
                tcg_gen_ldst(INDEX_op_ld, ty[i], t[i], tcg_ctx->env,
                             tt_slot_off(ty[i], slot_new(ty[i], v[i])));
            }
            /* All live: rotate values through neighbours of the same type. */
            for (i = 0; i < N; i++) {
                int j = (i + 1 + rep) % N;
                if (ty[j] == ty[i] && j != i) {
                    uint64_t nv = tt_mask(tt_bits(ty[i]), v[i] * 3 + v[j]);
                    TCGTemp *x = tt_temp(ty[i]);
                    tcg_gen_muli(ty[i], x, t[i], 3);
                    tcg_gen_binop(INDEX_op_add, ty[i], t[i], x, t[j]);
                    release(x);
                    v[i] = nv;
                }
            }
            if (rep & 1) {
                /* a call in the middle: clobbers caller-saved registers */
                int a64 = -1, b64 = -1, c32 = -1;
                for (i = 0; i < N; i++) {
                    if (ty[i] == TT_I64 && a64 < 0) {
                        a64 = i;
                    } else if (ty[i] == TT_I64 && b64 < 0) {
                        b64 = i;
                    } else if (ty[i] == TT_I32 && c32 < 0) {
                        c32 = i;
                    }
                }
                args[0] = t[a64];
                args[1] = t[b64];
                args[2] = t[c32];
                tcg_gen_call(&info, t[a64], args);
                {
                    uint64_t hv[3] = { v[a64], v[b64], v[c32] };
                    v[a64] = h_mix(3, hv);
                }
            }
            if (rep & 2) {
                /* a branch that is taken half the time */
                l = gen_new_label();
                tcg_gen_brcond(TCG_COND_LTU, ty[0], t[0], t[0 + 3], l);
                if (!tt_ref_cond(TCG_COND_LTU, tt_bits(ty[0]), v[0], v[3])) {
                    v[1] = tt_mask(tt_bits(ty[1]), v[1] + 1);
                }
                tcg_gen_addi(ty[1], t[1], t[1], 1);
                gen_set_label(l);
            }
            acc = tt_temp(TT_I64);
            tcg_gen_movi(TT_I64, acc, 0);
            acc_want = 0;
            for (i = 0; i < N; i++) {
                o[i] = out_slot(ty[i]);
                tt_store_slot(ty[i], t[i], o[i]);
                expect(ty[i], o[i], v[i], "rep %d temp %d", rep, i);
                if (ty[i] == TT_I64) {
                    tcg_gen_binop(INDEX_op_xor, TT_I64, acc, acc, t[i]);
                    acc_want ^= v[i];
                }
            }
            oacc = out_slot(TT_I64);
            tt_store_slot(TT_I64, acc, oacc);
            expect(TT_I64, oacc, acc_want, "rep %d xor of all", rep);
            for (i = 0; i < N; i++) {
                tcg_temp_free_internal(t[i]);
            }
            release(acc);
            batch_end();
        }
    }
    fam_end();
}

/* -------------------------------------------- allocator corner cases */

/*
 * Regression cases for register allocator bugs found by these tests (see
 * /work/tcg-bugs.txt): each is a small TB with its expected result.
 */
static void test_regalloc_corners(void)
{
    static TCGHelperInfo info2 = {
        .func = (void *)helper2, .name = "helper2",
        .flags = TCG_CALL_NO_RWG, .ret = TCG_CALL_I64, .nargs = 2,
        .args = { TCG_CALL_I64, TCG_CALL_I32 },
    };
    int opt, rep, k;

    fam_begin("regalloc corner cases (aliased copies, fixed regs, TB temps)");
    for (opt = 0; opt < 2; opt++) {
        for (rep = 0; rep < 8; rep++) {
            uint64_t a = tt_rand_val(64), b = tt_rand_val(64) | 1;
            uint32_t c32 = tt_rand_val(32);
            TCGTemp *ta, *tb, *r, *hr, *x[8], *args[2];
            uint64_t hv[2], h, xv[8];
            int o;

            /* A value kept live in the first registers of the allocation
             * order, then ops with fixed-register operands. */
            batch_begin(opt);
            for (k = 0; k < 8; k++) {
                xv[k] = tt_rand_val(64);
                x[k] = tt_load_slot(TT_I64, slot_new(TT_I64, xv[k]));
            }
            ta = tt_load_slot(TT_I64, slot_new(TT_I64, a));
            tb = tt_load_slot(TT_I32, slot_new(TT_I32, c32));
            /* A helper result (rax) that lives on, as a dividend and as a
             * double-width factor. */
            args[0] = ta;
            args[1] = tb;
            hv[0] = a;
            hv[1] = c32;
            h = h_mix(2, hv);
            hr = tt_temp(TT_I64);
            tcg_gen_call(&info2, hr, args);
            r = tt_temp(TT_I64);
            tcg_gen_divrem(INDEX_op_remu, TT_I64, r, hr,
                           tt_const(TT_I64, b));
            o = out_slot(TT_I64);
            tt_store_slot(TT_I64, r, o);
            expect(TT_I64, o, h % b, "remu of a live helper result");
            tcg_gen_divrem(INDEX_op_divu, TT_I64, r, hr,
                           operand(TT_I64, b, SRC_REG, 0));
            o = out_slot(TT_I64);
            tt_store_slot(TT_I64, r, o);
            expect(TT_I64, o, h / b, "divu of a live helper result");
            {
                TCGTemp *lo = tt_temp(TT_I64), *hi = tt_temp(TT_I64);
                uint64_t wl, wh;
                tcg_gen_call(&info2, hr, args);
                tcg_gen_mul2(INDEX_op_mulu2, TT_I64, lo, hi, hr, ta);
                tt_ref_mul2(false, 64, h, a, &wl, &wh);
                o = out_slot(TT_I64);
                tt_store_slot(TT_I64, hi, o);
                expect(TT_I64, o, wh, "mulu2 of a live helper result");
                release(lo);
                release(hi);
            }
            o = out_slot(TT_I64);
            tt_store_slot(TT_I64, hr, o);
            expect(TT_I64, o, h, "helper result kept");
            /* A live constant as the rotated value, count in a register. */
            {
                TCGTemp *c = tt_const(TT_I32, 0x12345678);
                TCGTemp *y = tt_temp(TT_I32), *z = tt_temp(TT_I32);
                unsigned cnt = c32 & 31;
                TCGTemp *tc = operand(TT_I32, cnt, SRC_REG, 0);
                tcg_gen_binop(INDEX_op_sub, TT_I32, y, c, tc);
                tcg_gen_rot(INDEX_op_rotl, TT_I32, z, c, tc);
                o = out_slot(TT_I32);
                tt_store_slot(TT_I32, z, o);
                expect(TT_I32, o, tt_ref_binop(INDEX_op_rotl, 32, 0x12345678, cnt),
                       "rotl of a live constant by %u", cnt);
                o = out_slot(TT_I32);
                tt_store_slot(TT_I32, y, o);
                expect(TT_I32, o, 0x12345678u - cnt, "sub of a live constant");
                o = out_slot(TT_I32);
                tt_store_slot(TT_I32, c, o);
                expect(TT_I32, o, 0x12345678u, "the constant itself");
                release(y);
                release(z);
                release(tc);
            }
            for (k = 0; k < 8; k++) {
                o = out_slot(TT_I64);
                tt_store_slot(TT_I64, x[k], o);
                expect(TT_I64, o, xv[k], "live value %d kept", k);
                release(x[k]);
            }
            release(ta);
            release(tb);
            release(hr);
            release(r);
            batch_end();

            /* TB temps across labels: constant, last use, last def. */
            batch_begin(opt);
            {
                TCGTemp *t1 = tcg_temp_new_internal(TT_I64, TEMP_TB);
                TCGTemp *t2 = tcg_temp_new_internal(TT_I32, TEMP_TB);
                TCGTemp *t3 = tcg_temp_new_internal(TT_I64, TEMP_TB);
                TCGTemp *g = operand(TT_I64, a, SRC_REG, 0);
                TCGLabel *l1 = gen_new_label(), *l2 = gen_new_label();
                bool taken = tt_ref_cond(TCG_COND_GTU, 64, a, 0x8000);
                uint64_t w3 = a;

                tcg_gen_movi(TT_I64, t1, 0x1122334455667788ll);
                tcg_gen_movi(TT_I32, t2, c32);
                tcg_gen_mov(TT_I64, t3, g);
                tcg_gen_ldst(INDEX_op_st, TT_I64, t1, tcg_ctx->env,
                             offsetof(TTEnv, scratch));     /* last use */
                tcg_gen_brcond(TCG_COND_GTU, TT_I64, g, tt_const(TT_I64, 0x8000), l1);
                tcg_gen_addi(TT_I64, t3, t3, 5);            /* last def */
                gen_set_label(l1);
                if (!taken) {
                    w3 += 5;
                }
                tcg_gen_br(l2);
                tcg_gen_movi(TT_I32, t2, 0);                /* dead code */
                gen_set_label(l2);
                o = out_slot(TT_I64);
                tt_store_slot(TT_I64, t1, o);
                expect(TT_I64, o, 0x1122334455667788ull, "TB temp constant");
                o = out_slot(TT_I32);
                tt_store_slot(TT_I32, t2, o);
                expect(TT_I32, o, c32, "TB temp i32 constant");
                o = out_slot(TT_I64);
                tt_store_slot(TT_I64, t3, o);
                expect(TT_I64, o, w3, "TB temp last def before label");
                tcg_temp_free_internal(t1);
                tcg_temp_free_internal(t2);
                tcg_temp_free_internal(t3);
            }
            batch_end();

            /* A TB temp written and discarded in dead code after a br. */
            batch_begin(opt);
            {
                TCGTemp *t1 = tcg_temp_new_internal(TT_I64, TEMP_TB);
                TCGLabel *l1 = gen_new_label();

                static TCGHelperInfo info1 = {
                    .func = (void *)helper1, .name = "helper1",
                    .flags = TCG_CALL_NO_RWG, .ret = TCG_CALL_I64, .nargs = 1,
                    .args = { TCG_CALL_I64 },
                };
                TCGTemp *arg = tt_const(TT_I64, 5);

                tcg_gen_movi(TT_I64, t1, a);
                tcg_gen_br(l1);
                /* a call (not removable as dead) writes t1, then discard */
                tcg_gen_call(&info1, t1, &arg);
                tcg_gen_op1(INDEX_op_discard, TT_I64, temp_arg(t1));
                gen_set_label(l1);
                o = out_slot(TT_I64);
                tt_store_slot(TT_I64, t1, o);
                expect(TT_I64, o, a, "TB temp discarded in dead code");
                tcg_temp_free_internal(t1);
            }
            batch_end();
        }
    }
    fam_end();
}

/* exit_tb with a value, from the middle of a TB: globals are written back. */
static void test_exit_tb(void)
{
    static uint64_t fake_tb[2] __attribute__((aligned(16)));
    int opt, rep;

    fam_begin("exit_tb values and globals at exits");
    for (opt = 0; opt < 2; opt++) {
        for (rep = 0; rep < 64; rep++) {
            uint64_t a = tt_rand_val(64), g1 = tt_rand_val(64);
            bool early = tt_ref_cond(TCG_COND_LT, 64, a, 0);
            TCGLabel *l;
            const void *code;
            uintptr_t ret;

            tt_env.g64[0] = a;
            tt_env.g64[1] = g1;
            tt_start(opt);
            l = gen_new_label();    /* labels live in the TB's arena */
            tcg_gen_addi(TT_I64, tt_g64[1], tt_g64[1], 7);
            tcg_gen_brcond(TCG_COND_GE, TT_I64, tt_g64[0], tt_const(TT_I64, 0), l);
            tcg_gen_exit_tb((const struct TranslationBlock *)fake_tb, 1);
            gen_set_label(l);
            tcg_gen_xori(TT_I64, tt_g64[1], tt_g64[1], 0x55);
            tcg_gen_exit_tb((const struct TranslationBlock *)fake_tb, 0);
            code = tt_finish_gen();
            ret = code ? tt_exec(code) : 0;
            check(code && ret == (uintptr_t)fake_tb + (early ? 1 : 0) &&
                  tt_env.g64[1] == (early ? g1 + 7 : (g1 + 7) ^ 0x55),
                  "exit %s: ret %#lx g1 %#llx", early ? "early" : "late",
                  (unsigned long)ret, (unsigned long long)tt_env.g64[1]);
        }
    }
    fam_end();
}

/*
 * tcg_gen_code() failure returns: -2 when the TB needs more spill slots
 * than the frame has, -1 past the code buffer's high-water mark.  The
 * context must stay usable afterwards.
 */
static void check_context_usable(const char *after)
{
    uint64_t a = tt_rand_val(64);
    TCGTemp *t;
    int o;

    batch_begin(true);
    t = operand(TT_I64, a, SRC_REG, 0);
    tcg_gen_addi(TT_I64, t, t, 1);
    o = out_slot(TT_I64);
    tt_store_slot(TT_I64, t, o);
    expect(TT_I64, o, a + 1, "a TB after %s", after);
    release(t);
    batch_end();
}

static void test_gen_limits(void)
{
    /* TB temps live across a label: more than the frame's spill slots */
    enum { N = TCG_STATIC_FRAME_SIZE / 8 + 44 };
    TCGContext *s = tcg_ctx;
    int opt, i, ret;

    fam_begin("tcg_gen_code limits: frame overflow (-2), high-water (-1)");
    for (opt = 0; opt < 2; opt++) {
        TCGTemp *t[N], *sum;
        TCGLabel *l;

        if (N + 64 > TCG_MAX_TEMPS || N + 8 > TT_SLOTS) {
            break;      /* a frame this large cannot be overflowed here */
        }
        tt_start(opt);
        l = gen_new_label();
        for (i = 0; i < N; i++) {
            t[i] = tcg_temp_new_internal(TT_I64, TEMP_TB);
            tcg_gen_ldst(INDEX_op_ld, TT_I64, t[i], s->env, tt_slot_off(TT_I64, i));
        }
        gen_set_label(l);
        sum = tt_temp(TT_I64);
        tcg_gen_movi(TT_I64, sum, 0);
        for (i = 0; i < N; i++) {
            tcg_gen_binop(INDEX_op_add, TT_I64, sum, sum, t[i]);
        }
        tt_store_slot(TT_I64, sum, N);
        tcg_gen_exit_tb(NULL, 0);
        ret = tcg_gen_code(s, NULL);
        check(ret == -2, "%d TB temps live across a label: tcg_gen_code "
              "returned %d, want -2", N, ret);
        check_context_usable("a frame overflow");

        /* Code generation that starts just below the high-water mark. */
        {
            tcg_insn_unit *saved = s->code_gen_ptr;
            TCGTemp *x;

            tt_start(opt);
            x = tt_load_slot(TT_I64, 0);
            for (i = 0; i < 200; i++) {
                tcg_gen_binop(INDEX_op_mul, TT_I64, x, x, tt_const(TT_I64, i * 77 + 3));
                tt_store_slot(TT_I64, x, 1 + i % 16);
            }
            tcg_gen_exit_tb(NULL, 0);
            s->code_gen_ptr = s->code_gen_highwater - 64;
            ret = tcg_gen_code(s, NULL);
            s->code_gen_ptr = saved;
            check(ret == -1, "TB past the high-water mark: tcg_gen_code "
                  "returned %d, want -1", ret);
            check_context_usable("a code buffer overflow");
        }
    }
    fam_end();
}

/*
 * goto_tb: an unchained jump falls through to its exit_tb; patched with
 * tcg_target_patch_goto_tb it runs the next TB; reset, it exits again.
 * goto_ptr: jumps to a code pointer held in a temp (a TB, or the
 * epilogue, which returns 0).
 */
static void test_goto_tb(void)
{
    static uint64_t fake_a[2] __attribute__((aligned(16)));
    static uint64_t fake_b[2] __attribute__((aligned(16)));
    TCGContext *s = tcg_ctx;
    int opt, rep;

    fam_begin("goto_tb chaining and goto_ptr");
    for (opt = 0; opt < 2; opt++) {
        for (rep = 0; rep < 4; rep++) {
            const void *code_b, *code_a, *code_c;
            tcg_insn_unit *site, *reset;
            uint64_t g1 = tt_rand_val(64);
            uintptr_t ret;

            /* TB B: g1 += 100, exit with (B | 1) */
            tt_start(opt);
            tcg_gen_addi(TT_I64, tt_g64[1], tt_g64[1], 100);
            tcg_gen_exit_tb((const struct TranslationBlock *)fake_b, 1);
            code_b = tt_finish_gen();

            /* TB A: g1 += 1 (in a register), goto_tb 0, exit with (A | 0) */
            tt_start(opt);
            tcg_gen_addi(TT_I64, tt_g64[1], tt_g64[1], 1);
            tcg_gen_goto_tb(0);
            tcg_gen_exit_tb((const struct TranslationBlock *)fake_a, 0);
            code_a = tt_finish_gen();
            if (!code_a || !code_b) {
                check(false, "code generation failed");
                continue;
            }
            site = (tcg_insn_unit *)code_a + s->goto_tb_offset[0];
            reset = (tcg_insn_unit *)code_a + s->goto_tb_reset[0];

            tt_env.g64[1] = g1;
            ret = tt_exec(code_a);
            check(ret == (uintptr_t)fake_a && tt_env.g64[1] == g1 + 1,
                  "unchained: ret %#lx g1 %+lld", (unsigned long)ret,
                  (long long)(tt_env.g64[1] - g1));

            tcg_target_patch_goto_tb(site, code_b);
            tt_env.g64[1] = g1;
            ret = tt_exec(code_a);
            check(ret == (uintptr_t)fake_b + 1 && tt_env.g64[1] == g1 + 101,
                  "chained: ret %#lx g1 %+lld", (unsigned long)ret,
                  (long long)(tt_env.g64[1] - g1));

            tcg_target_patch_goto_tb(site, reset);
            tt_env.g64[1] = g1;
            ret = tt_exec(code_a);
            check(ret == (uintptr_t)fake_a && tt_env.g64[1] == g1 + 1,
                  "reset: ret %#lx g1 %+lld", (unsigned long)ret,
                  (long long)(tt_env.g64[1] - g1));

            /* TB C: g1 ^= 3, goto_ptr to the address in scratch[0] */
            tt_start(opt);
            {
                TCGTemp *ptr = tt_temp(TCG_TYPE_PTR);
                tcg_gen_xori(TT_I64, tt_g64[1], tt_g64[1], 3);
                tcg_gen_ldst(INDEX_op_ld, TCG_TYPE_PTR, ptr, s->env,
                             offsetof(TTEnv, scratch));
                tcg_gen_op1(INDEX_op_goto_ptr, TCG_TYPE_PTR, temp_arg(ptr));
            }
            code_c = tt_finish_gen();
            if (!code_c) {
                check(false, "code generation failed");
                continue;
            }
            tt_env.g64[1] = g1;
            tt_env.scratch[0] = (uintptr_t)code_b;
            ret = tt_exec(code_c);
            check(ret == (uintptr_t)fake_b + 1 &&
                  tt_env.g64[1] == (g1 ^ 3) + 100,
                  "goto_ptr to a TB: ret %#lx", (unsigned long)ret);
            tt_env.g64[1] = g1;
            tt_env.scratch[0] = (uintptr_t)s->code_gen_epilogue;
            ret = tt_exec(code_c);
            check(ret == 0 && tt_env.g64[1] == (g1 ^ 3),
                  "goto_ptr to the epilogue: ret %#lx", (unsigned long)ret);
        }
    }
    fam_end();
}

/*
 * Offsets the backends encode specially: beyond 8, 16 and 17 bits from
 * env (globals, ld/st, spills through helpers and branches), and negative
 * offsets from a pointer temp.
 */
static void test_far_offsets(void)
{
    static const intptr_t ofs[] = {
        0, 0x7f, 0x80, 0x7fff, 0x8000, 0xffff, 0x10000, 0x1fff8, 0x20000,
    };
    static const struct {
        TCGOpcode ld, st;
        int size;
        bool sign;
    } acc[] = {
        { INDEX_op_ld8u, INDEX_op_st8, 1, false },
        { INDEX_op_ld8s, INDEX_op_st8, 1, true },
        { INDEX_op_ld16u, INDEX_op_st16, 2, false },
        { INDEX_op_ld16s, INDEX_op_st16, 2, true },
        { INDEX_op_ld32u, INDEX_op_st32, 4, false },
        { INDEX_op_ld32s, INDEX_op_st32, 4, true },
        { INDEX_op_ld, INDEX_op_st, 8, false },
    };
    static TCGHelperInfo info1 = {
        .func = (void *)helper1, .name = "helper1",
        .flags = 0, .ret = TCG_CALL_I64, .nargs = 1,
        .args = { TCG_CALL_I64 },
    };
    const intptr_t base = offsetof(TTEnv, far);
    int opt, i, a, neg;

    fam_begin("far env offsets: globals, ld/st, pointer temps");
    for (opt = 0; opt < 2; opt++) {
        /* ld/st of every size at offsets around the encoding limits */
        for (neg = 0; neg < 2; neg++) {
            for (i = 0; i < (int)(sizeof(ofs) / sizeof(ofs[0])); i++) {
                for (a = 0; a < (int)(sizeof(acc) / sizeof(acc[0])); a++) {
                    intptr_t o = base + ofs[i];
                    uint64_t v = tt_rand_val(64), want;
                    TCGTemp *ptr, *tv, *r;
                    intptr_t disp;
                    int out;

                    memset(tt_env.far, 0x5a, sizeof(tt_env.far));
                    batch_begin(opt);
                    if (neg) {
                        /* a pointer past the area, negative displacement */
                        ptr = tt_temp(TCG_TYPE_PTR);
                        tcg_gen_addi(TCG_TYPE_PTR, ptr, tcg_ctx->env,
                                     base + sizeof(tt_env.far));
                        disp = o - (intptr_t)(base + sizeof(tt_env.far));
                    } else {
                        ptr = tcg_ctx->env;
                        disp = o;
                    }
                    tv = operand(TT_I64, v, SRC_REG, 0);
                    tcg_gen_ldst(acc[a].st, TT_I64, tv, ptr, disp);
                    r = tt_temp(TT_I64);
                    tcg_gen_ldst(acc[a].ld, TT_I64, r, ptr, disp);
                    out = out_slot(TT_I64);
                    tt_store_slot(TT_I64, r, out);
                    want = acc[a].size == 8 ? v :
                           v & ((1ull << (8 * acc[a].size)) - 1);
                    if (acc[a].sign) {
                        want = (uint64_t)((int64_t)(want << (64 - 8 * acc[a].size))
                                          >> (64 - 8 * acc[a].size));
                    }
                    expect(TT_I64, out, want, "%s/%s at env%+ld%s",
                           tcg_op_defs[acc[a].st].name,
                           tcg_op_defs[acc[a].ld].name, (long)o,
                           neg ? " (negative from a pointer temp)" : "");
                    release(tv);
                    release(r);
                    if (neg) {
                        release(ptr);
                    }
                    batch_end();
                    check(tt_env.far[ofs[i] + acc[a].size] == 0x5a &&
                          (ofs[i] == 0 || tt_env.far[ofs[i] - 1] == 0x5a),
                          "%s at env%+ld wrote outside its bytes",
                          tcg_op_defs[acc[a].st].name, (long)o);
                }
            }
        }

        /* far globals: in registers, synced at a call and a branch */
        for (i = 0; i < 16; i++) {
            uint64_t f0 = tt_rand_val(64), f1 = tt_rand_val(64), want1;
            uint64_t hv[1];
            TCGTemp *r;
            TCGLabel *l;
            int out;

            memcpy(tt_env.far + 0x20000, &f0, 8);
            memcpy(tt_env.far + 0x20008, &f1, 8);
            batch_begin(opt);
            l = gen_new_label();
            tcg_gen_addi(TT_I64, tt_gfar[0], tt_gfar[0], 3);
            r = tt_temp(TT_I64);
            tcg_gen_call(&info1, r, &tt_gfar[0]);       /* reads globals */
            tcg_gen_binop(INDEX_op_xor, TT_I64, tt_gfar[1], tt_gfar[1], r);
            tcg_gen_brcond(TCG_COND_EQ, TT_I64, tt_gfar[0], tt_gfar[1], l);
            tcg_gen_addi(TT_I64, tt_gfar[1], tt_gfar[1], 1);
            gen_set_label(l);
            out = out_slot(TT_I64);
            tt_store_slot(TT_I64, tt_gfar[1], out);
            hv[0] = f0 + 3;
            want1 = f1 ^ h_mix(1, hv);
            if (f0 + 3 != want1) {
                want1 += 1;
            }
            expect(TT_I64, out, want1, "far global through a call and a label");
            release(r);
            batch_end();
            memcpy(&f1, tt_env.far + 0x20008, 8);
            memcpy(&f0, tt_env.far + 0x20000, 8);
            check(f1 == want1 && f0 == hv[0],
                  "far globals in memory: %#llx %#llx",
                  (unsigned long long)f0, (unsigned long long)f1);
        }
    }
    fam_end();
}

/* ---------------------------------------------------------------- main */

static const struct {
    const char *name;
    void (*fn)(void);
} families[] = {
    { "arith", test_arith }, { "logic", test_logic },
    { "shifts", test_shifts }, { "div", test_div }, { "mulh", test_mulh },
    { "neg", test_neg_not }, { "ext", test_ext }, { "bswap", test_bswap },
    { "ctpop", test_ctpop }, { "cntz", test_cntz },
    { "setcond", test_setcond }, { "movcond", test_movcond },
    { "brcond", test_brcond }, { "mul2", test_mul2 },
    { "addsub2", test_addsub2 }, { "bitfields", test_bitfields },
    { "ext_i32_i64", test_ext_i32_i64 }, { "env_ldst", test_env_ldst },
    { "guest_mem", test_guest_mem }, { "guest_st_same", test_guest_st_same },
    { "helpers", test_helpers },
    { "pressure", test_pressure },
    { "regalloc", test_regalloc_corners }, { "exit_tb", test_exit_tb },
    { "limits", test_gen_limits }, { "goto_tb", test_goto_tb },
    { "far", test_far_offsets },
};

static const char *only;        /* --only NAME: run one family */

/*
 * Each family runs in a child process, so that a crash or an abort in the
 * code generator fails that family only.  The child prints its own TAP
 * line; the parent accounts for it (or reports the crash).
 */
static int *shared_counts;      /* [0] TAP lines, [1] failures */

static void run_family(size_t i)
{
    pid_t pid;
    int status;

    fflush(stdout);
    shared_counts[0] = tap_count;
    shared_counts[1] = tap_failed;
    pid = fork();
    if (pid == 0) {
        alarm(60);              /* a hang in generated code fails too */
        families[i].fn();
        fflush(stdout);
        shared_counts[0] = tap_count;
        shared_counts[1] = tap_failed;
        _exit(0);
    }
    if (pid < 0) {
        families[i].fn();       /* no fork: run in place */
        return;
    }
    waitpid(pid, &status, 0);
    tap_count = shared_counts[0];
    tap_failed = shared_counts[1];
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        tap_report(false, "%s%s: crashed (%s %d, %s)", families[i].name,
                   variant, WIFSIGNALED(status) ? "signal" : "exit status",
                   WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status),
                   tt_backend_name);
    }
}

static void run_suite(void)
{
    size_t i;

    for (i = 0; i < sizeof(families) / sizeof(families[0]); i++) {
        if (!only || !strcmp(only, families[i].name)) {
            run_family(i);
        }
    }
}

int main(int argc, char **argv)
{
    bool no_fork = false, no_features = false;
    int i;

    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--only") && i + 1 < argc) {
            only = argv[++i];
        } else if (!strcmp(argv[i], "--no-fork")) {
            no_fork = true;     /* skip the run without host features */
        } else if (!strcmp(argv[i], "--no-features")) {
            no_features = true;
            no_fork = true;
        } else if (!strcmp(argv[i], "--batch-ops") && i + 1 < argc) {
            batch_max_ops = atoi(argv[++i]);
        } else {
            fprintf(stderr, "usage: %s [--only FAMILY] [--no-fork] "
                    "[--no-features] [--batch-ops N]\n", argv[0]);
            return 2;
        }
    }

    setvbuf(stdout, NULL, _IOLBF, 0);
    shared_counts = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
                         MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared_counts == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    tt_srand(12345);
    tt_init();

#ifndef TCG_TARGET_INTERPRETER
    if (no_features) {
        have_bmi1 = have_bmi2 = have_lzcnt = have_popcnt = have_movbe = false;
        variant = " [no host features]";
    }
    /*
     * A second run with the optional instructions switched off, in a child
     * (constraints are chosen once per process, at first use).
     */
    if (!no_fork) {
        pid_t pid;

        fflush(stdout);
        pid = fork();
        if (pid == 0) {
            have_bmi1 = have_bmi2 = have_lzcnt = have_popcnt = have_movbe = false;
            variant = " [no host features]";
            run_suite();
            fflush(stdout);
            _exit(0);
        } else if (pid > 0) {
            int status;

            waitpid(pid, &status, 0);
            tap_count = shared_counts[0];
            tap_failed = shared_counts[1];
            if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
                tap_report(false, "run without host features crashed");
            }
        }
        tt_srand(12345);
    }
#else
    (void)no_fork;
    (void)no_features;
#endif
    run_suite();
    printf("1..%d\n", tap_count);
    return tap_exit_status();
}

/*
 * test-tcg-bitsets.c: liveness and the register allocator with many
 * globals and temps.
 *
 * The block-end, sync and label walks of tcg.c and liveness.c visit
 * temps through 64-bit sets (TCGContext.ra_dirty, tb_temps, liveness's
 * touched set).  This context has 166 globals, so they fill two words
 * and part of a third, which they share with the first temps; the TB
 * temps below sit in later words.  Each case runs one TB, with and
 * without the optimizer, and checks values worked out by hand.
 */
#include <string.h>

#include "tcg-test-util.h"
#include "../unit/tap.h"

#define NX 150              /* extra i64 globals: homes q[XBASE + k] */
#define XBASE 300

static TCGTemp *gx[NX];
static const int sel[] = { 0, 47, 48, 63, 64, 100, 111, 112, 149 };
#define NSEL ((int)(sizeof(sel) / sizeof(sel[0])))

static const char *const xnames[4] = { "gx_a", "gx_b", "gx_c", "gx_d" };

/* Reads the selected globals' homes: sum of home * (k + 1). */
static uint64_t helper_sum(void *env)
{
    TTEnv *e = env;
    uint64_t s = 0;
    int i;

    for (i = 0; i < NSEL; i++) {
        s += e->q[XBASE + sel[i]] * (uint64_t)(sel[i] + 1);
    }
    return s;
}

/* Writes the selected globals' homes: home * 3. */
static uint64_t helper_triple(void *env)
{
    TTEnv *e = env;
    int i;

    for (i = 0; i < NSEL; i++) {
        e->q[XBASE + sel[i]] *= 3;
    }
    return 0;
}

static const TCGHelperInfo info_sum = {
    .func = (void *)helper_sum, .name = "sum",
    .flags = TCG_CALL_NO_WG, .ret = TCG_CALL_I64, .nargs = 1,
    .args = { TCG_CALL_PTR },
};

static const TCGHelperInfo info_triple = {
    .func = (void *)helper_triple, .name = "triple",
    .flags = 0, .ret = TCG_CALL_I64, .nargs = 1,
    .args = { TCG_CALL_PTR },
};

/*
 * G[k] = 1000 * k + 7, then += k, in registers; a read-only helper must
 * see every one in memory; a writing helper triples them; then += 1
 * must start from the tripled memory value.
 */
static void test_helpers(bool opt)
{
    TCGTemp *env = tcg_ctx->env, *r;
    uint64_t want_sum = 0;
    bool ok = true;
    int i;

    memset(&tt_env, 0, sizeof(tt_env));
    tt_start(opt);
    for (i = 0; i < NSEL; i++) {
        int k = sel[i];

        tcg_gen_movi(TT_I64, gx[k], 1000 * k + 7);
        tcg_gen_addi(TT_I64, gx[k], gx[k], k);
        want_sum += (uint64_t)(1001 * k + 7) * (k + 1);
    }
    r = tt_temp(TT_I64);
    tcg_gen_call(&info_sum, r, &env);
    tt_store_slot(TT_I64, r, 0);
    r = tt_temp(TT_I64);
    tcg_gen_call(&info_triple, r, &env);
    for (i = 0; i < NSEL; i++) {
        tcg_gen_addi(TT_I64, gx[sel[i]], gx[sel[i]], 1);
    }
    if (!tt_finish_run()) {
        tap_report(false, "helpers around 166 globals (opt %d): no code", opt);
        return;
    }
    for (i = 0; i < NSEL; i++) {
        int k = sel[i];
        uint64_t want = (uint64_t)(1001 * k + 7) * 3 + 1;

        if (tt_env.q[XBASE + k] != want) {
            tap_diag("global %d: %llu, want %llu", k,
                     (unsigned long long)tt_env.q[XBASE + k],
                     (unsigned long long)want);
            ok = false;
        }
    }
    if (tt_env.q[0] != want_sum) {
        tap_diag("helper sum %llu, want %llu",
                 (unsigned long long)tt_env.q[0],
                 (unsigned long long)want_sum);
        ok = false;
    }
    tap_report(ok, "helpers around 166 globals (opt %d)", opt);
}

/*
 * TB temps past the third word across a conditional branch:
 *   a = 5; b = 7; G100 = 9; G149 = 4;
 *   if (q[1] != 0) goto L;  a += 10; G100 += 100; G149 = a;
 *   L: q[2] = a + b; q[3] = G149;  (then the TB end stores G100)
 * q[1] = 0: q[2] = 22, G100 = 109, q[3] = 15.
 * q[1] = 1: q[2] = 12, G100 = 9, q[3] = 4.
 */
static void test_branch(bool opt, uint64_t flag)
{
    TCGTemp *a, *b, *pad[100], *c, *sum, *g;
    TCGLabel *l;
    uint64_t want2 = flag ? 12 : 22, want100 = flag ? 9 : 109;
    uint64_t want3 = flag ? 4 : 15;
    int i;

    memset(&tt_env, 0, sizeof(tt_env));
    tt_env.q[1] = flag;
    tt_start(opt);
    /* EBB temps first, so that the TB temps land in words 4 and 5. */
    for (i = 0; i < 100; i++) {
        pad[i] = tt_temp(TT_I64);
    }
    a = tcg_temp_new_internal(TT_I64, TEMP_TB);
    for (i = 0; i < 100; i++) {
        tcg_temp_free_internal(pad[i]);
    }
    for (i = 0; i < 70; i++) {
        tcg_temp_new_internal(TT_I32, TEMP_EBB);
    }
    b = tcg_temp_new_internal(TT_I64, TEMP_TB);
    l = gen_new_label();
    tcg_gen_movi(TT_I64, a, 5);
    tcg_gen_movi(TT_I64, b, 7);
    tcg_gen_movi(TT_I64, gx[100], 9);
    tcg_gen_movi(TT_I64, gx[149], 4);
    c = tt_load_slot(TT_I64, 1);
    tcg_gen_brcond(TCG_COND_NE, TT_I64, c, tt_const(TT_I64, 0), l);
    tcg_gen_addi(TT_I64, a, a, 10);
    tcg_gen_addi(TT_I64, gx[100], gx[100], 100);
    tcg_gen_mov(TT_I64, gx[149], a);
    gen_set_label(l);
    sum = tt_temp(TT_I64);
    tcg_gen_binop(INDEX_op_add, TT_I64, sum, a, b);
    tt_store_slot(TT_I64, sum, 2);
    g = tt_temp(TT_I64);
    tcg_gen_mov(TT_I64, g, gx[149]);
    tt_store_slot(TT_I64, g, 3);
    if (!tt_finish_run()) {
        tap_report(false, "TB temps in words 4-5 across a branch (opt %d, "
                   "q1 %llu): no code", opt, (unsigned long long)flag);
        return;
    }
    tap_report(tt_env.q[2] == want2 && tt_env.q[XBASE + 100] == want100 &&
               tt_env.q[3] == want3 && tt_env.q[XBASE + 149] == want3,
               "TB temps in words 4-5 across a branch (opt %d, q1 %llu): "
               "a+b %llu want %llu, G100 %llu want %llu, G149 %llu want %llu",
               opt, (unsigned long long)flag,
               (unsigned long long)tt_env.q[2], (unsigned long long)want2,
               (unsigned long long)tt_env.q[XBASE + 100],
               (unsigned long long)want100,
               (unsigned long long)tt_env.q[3], (unsigned long long)want3);
}

/*
 * Liveness with globals in three words: a global written then
 * overwritten before the TB end is stored once with the last value; a
 * dead EBB result is dropped; globals only read stay as they were.
 *   G0 = 1; G64 = 2; G0 = G64 + 40; G130 = G130 + G0; dead = G0 * 3
 * With G130's home 1000: G0 = 42, G64 = 2, G130 = 1042.
 */
static void test_liveness(bool opt)
{
    TCGTemp *dead;

    memset(&tt_env, 0, sizeof(tt_env));
    tt_env.q[XBASE + 130] = 1000;
    tt_env.q[XBASE + 5] = 555;
    tt_start(opt);
    tcg_gen_movi(TT_I64, gx[0], 1);
    tcg_gen_movi(TT_I64, gx[64], 2);
    tcg_gen_addi(TT_I64, gx[0], gx[64], 40);
    tcg_gen_binop(INDEX_op_add, TT_I64, gx[130], gx[130], gx[0]);
    dead = tt_temp(TT_I64);
    tcg_gen_binop(INDEX_op_mul, TT_I64, dead, gx[0], tt_const(TT_I64, 3));
    if (!tt_finish_run()) {
        tap_report(false, "liveness over three words of globals (opt %d): "
                   "no code", opt);
        return;
    }
    tap_report(tt_env.q[XBASE + 0] == 42 && tt_env.q[XBASE + 64] == 2 &&
               tt_env.q[XBASE + 130] == 1042 && tt_env.q[XBASE + 5] == 555,
               "liveness over three words of globals (opt %d): "
               "G0 %llu G64 %llu G130 %llu G5 %llu", opt,
               (unsigned long long)tt_env.q[XBASE + 0],
               (unsigned long long)tt_env.q[XBASE + 64],
               (unsigned long long)tt_env.q[XBASE + 130],
               (unsigned long long)tt_env.q[XBASE + 5]);
}

int main(void)
{
    int i, opt;

    setvbuf(stdout, NULL, _IOLBF, 0);
    tt_init();
    for (i = 0; i < NX; i++) {
        gx[i] = tcg_global_mem_new_internal(TT_I64, tcg_ctx->env,
                                            tt_slot_off(TT_I64, XBASE + i),
                                            xnames[i % 4]);
    }
    tap_report(tcg_ctx->nb_globals == 2 + TT_NG64 + TT_NG32 + 2 + NX,
               "%d globals (fixed ones included)", tcg_ctx->nb_globals);
    for (opt = 0; opt < 2; opt++) {
        test_helpers(opt);
        test_branch(opt, 0);
        test_branch(opt, 1);
        test_liveness(opt);
    }
    /* The same TBs again: the passes start from clean state each time. */
    test_branch(true, 1);
    test_helpers(true);
    return tap_exit_status();
}

/*
 * test-tcg-random.c: randomized differential test of the TCG code
 * generator.
 *
 * Generates random programs (a small description language, RInsn) over
 * globals and TB/EBB temps of both types: arithmetic, logic, shifts,
 * divisions, double-width ops, conditions, bit fields, conversions, env
 * and guest memory accesses (i64 or i32 guest addresses), helper calls of
 * 1..8 arguments and one that reads and writes globals, mb, discard,
 * forward brconds and brs, and early exits.  Each program is built with
 * the public builder, generated without and with the optimizer, run, and
 * the CPU state (globals, temps stored at the end, env bytes, guest
 * memory, the exit value) compared with a C reference evaluation of the
 * same description.  On a mismatch (or a crash or generator abort) the
 * program is shrunk by deleting instructions one at a time while it still
 * fails the same way, and the remaining listing is printed with the seed
 * and, for the first failure, its TCG ops.
 *
 *   test-tcg-random [--seed N] [--count N] [--index I] [-v] [-d]
 *                   [--no-fork] [--no-features]
 *
 * -v lists each program, -d also dumps its TCG ops (tcg_dump_ops).
 *
 * The default seed is fixed (CI); --index runs the single program I of
 * the seed, as printed in a failure report.  On the native backend a
 * first pass (half the count) runs in a child process with the optional
 * host instructions switched off (--no-features does only that pass).
 */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tcg-test-util.h"
#include "../unit/tap.h"

/* ------------------------------------------------------------ variables */

enum { VK_GLOBAL, VK_TB, VK_EBB };

typedef struct Var {
    TCGType type;
    int kind;
    int idx;        /* global index */
    const char *name;
} Var;

static const Var vars[] = {
    { TT_I64, VK_GLOBAL, 0, "g64_0" }, { TT_I64, VK_GLOBAL, 1, "g64_1" },
    { TT_I64, VK_GLOBAL, 2, "g64_2" }, { TT_I64, VK_GLOBAL, 3, "g64_3" },
    { TT_I64, VK_GLOBAL, 4, "g64_4" }, { TT_I64, VK_GLOBAL, 5, "g64_5" },
    { TT_I64, VK_GLOBAL, 6, "g64_6" }, { TT_I64, VK_GLOBAL, 7, "g64_7" },
    { TT_I32, VK_GLOBAL, 0, "g32_0" }, { TT_I32, VK_GLOBAL, 1, "g32_1" },
    { TT_I32, VK_GLOBAL, 2, "g32_2" }, { TT_I32, VK_GLOBAL, 3, "g32_3" },
    { TT_I64, VK_TB, 0, "tb64_0" }, { TT_I64, VK_TB, 0, "tb64_1" },
    { TT_I64, VK_TB, 0, "tb64_2" }, { TT_I64, VK_TB, 0, "tb64_3" },
    { TT_I32, VK_TB, 0, "tb32_0" }, { TT_I32, VK_TB, 0, "tb32_1" },
    { TT_I32, VK_TB, 0, "tb32_2" },
    { TT_I64, VK_EBB, 0, "ebb64_0" }, { TT_I64, VK_EBB, 0, "ebb64_1" },
    { TT_I64, VK_EBB, 0, "ebb64_2" }, { TT_I64, VK_EBB, 0, "ebb64_3" },
    { TT_I32, VK_EBB, 0, "ebb32_0" }, { TT_I32, VK_EBB, 0, "ebb32_1" },
    { TT_I32, VK_EBB, 0, "ebb32_2" },
};
#define NV ((int)(sizeof(vars) / sizeof(vars[0])))
#define GLOBAL_MASK 0xfffu          /* vars 0..11 */

/* ------------------------------------------------------------- programs */

enum {
    RK_MOVI, RK_MOV, RK_BINOP, RK_SHIFT, RK_DIV, RK_CNTZ, RK_UNOP,
    RK_SETCOND, RK_MOVCOND, RK_MUL2, RK_ADDSUB2, RK_DEPOSIT, RK_EXTRACT,
    RK_EXTRACT2, RK_CONV, RK_LD, RK_ST, RK_QLD, RK_QST, RK_CALL, RK_CALL_RW,
    RK_CALLN, RK_MB, RK_DISCARD, RK_EXIT, RK_BRCOND, RK_BR, RK_LABEL,
    RK_COUNT
};

static const char *const kind_names[RK_COUNT] = {
    "movi", "mov", "binop", "shift", "divrem", "cntz", "unop", "setcond",
    "movcond", "mul2", "addsub2", "deposit", "extract", "extract2", "conv",
    "ld", "st", "qemu_ld", "qemu_st", "call", "call_rw", "calln", "mb", "discard", "exit_if", "brcond",
    "br",
    "label",
};

typedef struct RInsn {
    uint8_t kind;
    uint8_t type;       /* of the op (conversions: of the output) */
    uint16_t opc;       /* TCGOpcode for families of ops */
    uint8_t cond;
    uint8_t flag;       /* neg setcond, signed mul2, add2, sign extract */
    uint8_t pos, len;
    uint16_t mop;       /* MemOp; ld/st: size in bytes, offset in pos */
    int8_t d[2];        /* outputs (var index) */
    int8_t s[8];        /* inputs: var index, or -1 for the constant c[] */
    uint64_t c[8];
    int label;
} RInsn;

#define MAX_INSNS 160
#define MAX_LABELS 32

typedef struct Program {
    int n;
    RInsn insn[MAX_INSNS];
    /* initial state */
    uint64_t g64[TT_NG64];
    uint32_t g32[TT_NG32];
    uint8_t bytes[64];
    uint8_t gmem[64];
    bool addr32;        /* guest addresses are i32 (else i64) */
} Program;

/* The state a program computes. */
typedef struct State {
    uint64_t v[NV];
    uint8_t bytes[64];
    uint8_t gmem[64];
} State;

static uint8_t gmem[64] __attribute__((aligned(64)));
#define GADDR0 0x10000ull           /* i64 guest addresses of gmem */
#define GADDR32 0xffffffc0u         /* i32 guest addresses of gmem: garbage
                                     * above bit 31 would fault */

static bool verbose;
static bool dump_ops;       /* -d: print the op list of every run */

/* ------------------------------------------------------------- helpers */

static uint64_t helper_pure(uint64_t a, uint64_t b)
{
    return (a * 0x9e3779b97f4a7c15ull) ^ (b >> 3) ^ (b << 7);
}

/* Reads g64[6], writes g64[7] and g32[3] (default flags). */
static uint64_t helper_rw(void *env)
{
    TTEnv *e = env;

    e->g64[7] = e->g64[7] * 3 + e->g64[6];
    e->g32[3] ^= (uint32_t)e->g64[6];
    return e->g64[6] - e->g64[7];
}

/* Helpers of 1..8 arguments (some of them i32, per the call's mask). */
static uint64_t mixn(int n, const uint64_t *a)
{
    uint64_t r = 0x5bd1e995u;
    int i;

    for (i = 0; i < n; i++) {
        r = (r ^ a[i]) * 0x100000001b3ull + (uint64_t)i;
    }
    return r;
}

static uint64_t hn1(uint64_t a)
{
    uint64_t v[] = { a };
    return mixn(1, v);
}
static uint64_t hn2(uint64_t a, uint64_t b)
{
    uint64_t v[] = { a, b };
    return mixn(2, v);
}
static uint64_t hn3(uint64_t a, uint64_t b, uint64_t c)
{
    uint64_t v[] = { a, b, c };
    return mixn(3, v);
}
static uint64_t hn4(uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
    uint64_t v[] = { a, b, c, d };
    return mixn(4, v);
}
static uint64_t hn5(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e)
{
    uint64_t v[] = { a, b, c, d, e };
    return mixn(5, v);
}
static uint64_t hn6(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e,
                    uint64_t f)
{
    uint64_t v[] = { a, b, c, d, e, f };
    return mixn(6, v);
}
static uint64_t hn7(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e,
                    uint64_t f, uint64_t g)
{
    uint64_t v[] = { a, b, c, d, e, f, g };
    return mixn(7, v);
}
static uint64_t hn8(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e,
                    uint64_t f, uint64_t g, uint64_t h)
{
    uint64_t v[] = { a, b, c, d, e, f, g, h };
    return mixn(8, v);
}
static void *const hn_fns[9] = {
    NULL, (void *)hn1, (void *)hn2, (void *)hn3, (void *)hn4, (void *)hn5,
    (void *)hn6, (void *)hn7, (void *)hn8,
};

static const TCGHelperInfo info_pure = {
    .func = (void *)helper_pure, .name = "pure",
    .flags = TCG_CALL_NO_RWG_SE, .ret = TCG_CALL_I64, .nargs = 2,
    .args = { TCG_CALL_I64, TCG_CALL_I64 },
};
static const TCGHelperInfo info_rw = {
    .func = (void *)helper_rw, .name = "rw",
    .flags = 0, .ret = TCG_CALL_I64, .nargs = 1,
    .args = { TCG_CALL_PTR },
};

/* ---------------------------------------------------------- validation */

/*
 * Which variables hold a defined value at each point: globals always; TB
 * temps once written on every path; EBB temps once written since the
 * last label on every path.  Returns false if an instruction reads an
 * undefined variable or branches to a missing label; *end_valid gets the
 * set defined at the end.
 */
static int insn_nb_srcs(const RInsn *in)
{
    switch (in->kind) {
    case RK_CALLN:
        return in->len;     /* 1..8 helper arguments */
    case RK_MOVI: case RK_BR: case RK_LABEL: case RK_LD: case RK_CALL_RW:
    case RK_MB: case RK_DISCARD:
        return 0;
    case RK_MOV: case RK_UNOP: case RK_EXTRACT: case RK_CONV: case RK_ST:
    case RK_QLD:
        return 1;
    case RK_MOVCOND: case RK_ADDSUB2:
        return 4;
    default:
        return 2;
    }
}

static int insn_nb_dsts(const RInsn *in)
{
    switch (in->kind) {
    case RK_ST: case RK_QST: case RK_BRCOND: case RK_BR: case RK_LABEL:
    case RK_MB: case RK_DISCARD: case RK_EXIT:
        return 0;
    case RK_MUL2: case RK_ADDSUB2:
        return 2;
    default:
        return 1;
    }
}

/* The type of input i. */
static TCGType src_type(const RInsn *in, int i)
{
    if (in->kind == RK_CONV) {
        return in->opc == INDEX_op_extrl_i64_i32 ||
               in->opc == INDEX_op_extrh_i64_i32 ? TT_I64 : TT_I32;
    }
    if (in->kind == RK_QLD || (in->kind == RK_QST && i == 0)) {
        return in->flag ? TT_I32 : TT_I64;      /* guest address type */
    }
    if (in->kind == RK_CALL) {
        return TT_I64;
    }
    if (in->kind == RK_CALLN) {
        return (in->pos >> i) & 1 ? TT_I32 : TT_I64;
    }
    return in->type;
}

static bool validate(const Program *p, uint32_t *end_valid)
{
    uint32_t valid = GLOBAL_MASK;
    uint32_t at_label[MAX_LABELS];
    bool label_seen[MAX_LABELS] = { false }, reachable = true;
    int i, k;

    for (k = 0; k < MAX_LABELS; k++) {
        at_label[k] = ~0u;
    }
    for (i = 0; i < p->n; i++) {
        const RInsn *in = &p->insn[i];

        if (in->kind == RK_LABEL) {
            if (label_seen[in->label]) {
                return false;
            }
            label_seen[in->label] = true;
            valid = (reachable ? valid : ~0u) & at_label[in->label];
            /* EBB temps die at labels. */
            for (k = 0; k < NV; k++) {
                if (vars[k].kind == VK_EBB) {
                    valid &= ~(1u << k);
                }
            }
            valid |= GLOBAL_MASK;
            reachable = true;
            continue;
        }
        for (k = 0; k < insn_nb_srcs(in); k++) {
            if (in->s[k] >= 0 && reachable && !(valid & (1u << in->s[k]))) {
                return false;
            }
        }
        if (in->kind == RK_BRCOND || in->kind == RK_BR) {
            if (label_seen[in->label]) {
                return false;       /* backward branch */
            }
            if (reachable) {
                at_label[in->label] &= valid;
            }
            if (in->kind == RK_BR) {
                reachable = false;
            }
            continue;
        }
        for (k = 0; k < insn_nb_dsts(in); k++) {
            valid |= 1u << in->d[k];
        }
        if (in->kind == RK_CALL_RW) {
            valid |= GLOBAL_MASK;
        }
        if (in->kind == RK_DISCARD) {
            if (vars[in->d[0]].kind == VK_GLOBAL) {
                return false;
            }
            valid &= ~(1u << in->d[0]);
        }
    }
    /* every branch needs its label */
    for (i = 0; i < p->n; i++) {
        const RInsn *in = &p->insn[i];
        if ((in->kind == RK_BRCOND || in->kind == RK_BR) &&
            !label_seen[in->label]) {
            return false;
        }
    }
    *end_valid = reachable ? valid : GLOBAL_MASK;
    return true;
}

/* ------------------------------------------------------------ reference */

static uint64_t ref_src(const RInsn *in, const State *st, int i)
{
    uint64_t v = in->s[i] >= 0 ? st->v[in->s[i]] : in->c[i];
    return tt_mask(tt_bits(src_type(in, i)), v);
}

static void ref_set(State *st, int var, uint64_t v)
{
    st->v[var] = tt_mask(tt_bits(vars[var].type), v);
}

static uint64_t ref_load_bytes(const uint8_t *p, unsigned size, bool bswap)
{
    uint64_t v = 0;
    unsigned i;

    for (i = 0; i < size; i++) {
        unsigned k = bswap ? size - 1 - i : i;
        v |= (uint64_t)p[k] << (8 * i);
    }
    return v;
}

static void ref_store_bytes(uint8_t *p, unsigned size, bool bswap, uint64_t v)
{
    unsigned i;

    for (i = 0; i < size; i++) {
        unsigned k = bswap ? size - 1 - i : i;
        p[k] = v >> (8 * i);
    }
}

static uint64_t sext_size(uint64_t v, unsigned size)
{
    return size >= 8 ? v : (uint64_t)((int64_t)(v << (64 - 8 * size)) >>
                                      (64 - 8 * size));
}

static uint64_t ref_divisor(const RInsn *in, uint64_t b)
{
    unsigned bits = tt_bits(in->type);

    if (b == 0) {
        b = 1;
    }
    if (b == tt_mask(bits, -1)) {
        b = 1;
    }
    return b;
}

/* Returns true if the program left through an early exit (exit_if). */
static bool ref_run(const Program *p, State *st)
{
    int i, k;

    for (i = 0; i < p->n; i++) {
        const RInsn *in = &p->insn[i];
        unsigned bits = tt_bits(in->type);
        uint64_t a = 0, b = 0, lo, hi;

        if (insn_nb_srcs(in) > 0) {
            a = ref_src(in, st, 0);
        }
        if (insn_nb_srcs(in) > 1) {
            b = ref_src(in, st, 1);
        }
        switch (in->kind) {
        case RK_MOVI:
            ref_set(st, in->d[0], in->c[0]);
            break;
        case RK_MOV:
            ref_set(st, in->d[0], a);
            break;
        case RK_BINOP:
        case RK_CNTZ:
            ref_set(st, in->d[0], tt_ref_binop(in->opc, bits, a, b));
            break;
        case RK_SHIFT:
            ref_set(st, in->d[0], tt_ref_binop(in->opc, bits, a, b & (bits - 1)));
            break;
        case RK_DIV:
            ref_set(st, in->d[0], tt_ref_binop(in->opc, bits, a,
                                               ref_divisor(in, b)));
            break;
        case RK_UNOP:
            ref_set(st, in->d[0], tt_ref_unop(in->opc, bits, a));
            break;
        case RK_SETCOND: {
            bool r = tt_ref_cond(in->cond, bits, a, b);
            ref_set(st, in->d[0], in->flag ? -(uint64_t)r : r);
            break;
        }
        case RK_MOVCOND:
            ref_set(st, in->d[0], tt_ref_cond(in->cond, bits, a, b) ?
                    ref_src(in, st, 2) : ref_src(in, st, 3));
            break;
        case RK_MUL2:
            tt_ref_mul2(in->flag, bits, a, b, &lo, &hi);
            ref_set(st, in->d[0], lo);
            ref_set(st, in->d[1], hi);
            break;
        case RK_ADDSUB2:
            tt_ref_addsub2(in->flag, bits, a, b, ref_src(in, st, 2),
                           ref_src(in, st, 3), &lo, &hi);
            ref_set(st, in->d[0], lo);
            ref_set(st, in->d[1], hi);
            break;
        case RK_DEPOSIT:
            ref_set(st, in->d[0], tt_ref_deposit(bits, a, b, in->pos, in->len));
            break;
        case RK_EXTRACT:
            ref_set(st, in->d[0], tt_ref_extract(bits, a, in->pos, in->len,
                                                 in->flag));
            break;
        case RK_EXTRACT2:
            ref_set(st, in->d[0], tt_ref_extract2(bits, a, b, in->pos));
            break;
        case RK_CONV:
            switch (in->opc) {
            case INDEX_op_ext_i32_i64:
                ref_set(st, in->d[0], (uint64_t)(int64_t)(int32_t)a);
                break;
            case INDEX_op_extu_i32_i64:
                ref_set(st, in->d[0], (uint32_t)a);
                break;
            case INDEX_op_extrl_i64_i32:
                ref_set(st, in->d[0], (uint32_t)a);
                break;
            default:
                ref_set(st, in->d[0], a >> 32);
                break;
            }
            break;
        case RK_LD: {
            uint64_t v = ref_load_bytes(st->bytes + in->pos, in->mop, false);
            ref_set(st, in->d[0], in->flag ? sext_size(v, in->mop) : v);
            break;
        }
        case RK_ST:
            ref_store_bytes(st->bytes + in->pos, in->mop, false, a);
            break;
        case RK_QLD: {
            unsigned ofs = a & 0x38, size = memop_size(in->mop);
            uint64_t v = ref_load_bytes(st->gmem + ofs, size, in->mop & MO_BSWAP);
            if (in->pos && in->s[0] >= 0) {
                /* the address variable itself holds the full address */
                ref_set(st, in->s[0], ofs + (in->flag ? GADDR32 : GADDR0));
            }
            ref_set(st, in->d[0], (in->mop & MO_SIGN) ? sext_size(v, size) : v);
            break;
        }
        case RK_QST: {
            unsigned ofs = a & 0x38, size = memop_size(in->mop);
            if (in->pos && in->s[0] >= 0) {
                ref_set(st, in->s[0], ofs + (in->flag ? GADDR32 : GADDR0));
                b = ref_src(in, st, 1);     /* the value may be that variable */
            }
            ref_store_bytes(st->gmem + ofs, size, in->mop & MO_BSWAP, b);
            break;
        }
        case RK_CALL:
            ref_set(st, in->d[0], helper_pure(a, b));
            break;
        case RK_CALLN: {
            uint64_t v[8];
            for (k = 0; k < in->len; k++) {
                v[k] = ref_src(in, st, k);
            }
            ref_set(st, in->d[0], mixn(in->len, v));
            break;
        }
        case RK_CALL_RW: {
            uint64_t g6 = st->v[6], g7 = st->v[7] * 3 + g6;
            st->v[7] = g7;
            st->v[11] = (uint32_t)(st->v[11] ^ (uint32_t)g6);
            ref_set(st, in->d[0], g6 - g7);
            break;
        }
        case RK_BRCOND:
        case RK_BR:
            if (in->kind == RK_BR || tt_ref_cond(in->cond, bits, a, b)) {
                for (k = i + 1; k < p->n; k++) {
                    if (p->insn[k].kind == RK_LABEL &&
                        p->insn[k].label == in->label) {
                        break;
                    }
                }
                i = k;      /* the label itself: no effect */
            }
            break;
        case RK_EXIT:
            if (tt_ref_cond(in->cond, bits, a, b)) {
                return true;
            }
            break;
        case RK_LABEL:
        case RK_MB:
        case RK_DISCARD:
            break;
        }
    }
    return false;
}

/* -------------------------------------------------------------- builder */

static TCGTemp *var_ts[NV];

static TCGTemp *src_ts(const RInsn *in, int i)
{
    if (in->s[i] >= 0) {
        return var_ts[in->s[i]];
    }
    return tt_const(src_type(in, i), in->c[i]);
}

/* The value an early exit returns: a fake TB pointer | 1. */
static uint64_t fake_tb[2] __attribute__((aligned(16)));
#define EARLY_EXIT_VALUE ((uintptr_t)fake_tb + 1)

static void build(const Program *p, uint32_t end_valid, TCGLabel **labels)
{
    TCGLabel *exit_label;
    int i, k;

    for (k = 0; k < NV; k++) {
        const Var *v = &vars[k];
        if (v->kind == VK_GLOBAL) {
            var_ts[k] = v->type == TT_I64 ? tt_g64[v->idx] : tt_g32[v->idx];
        } else {
            var_ts[k] = tcg_temp_new_internal(v->type, v->kind == VK_TB ?
                                              TEMP_TB : TEMP_EBB);
        }
    }
    for (k = 0; k < MAX_LABELS; k++) {
        labels[k] = gen_new_label();
    }
    exit_label = gen_new_label();
    for (i = 0; i < p->n; i++) {
        const RInsn *in = &p->insn[i];
        TCGType t = in->type;
        unsigned bits = tt_bits(t);
        TCGTemp *d0 = insn_nb_dsts(in) > 0 ? var_ts[in->d[0]] : NULL;
        TCGTemp *d1 = insn_nb_dsts(in) > 1 ? var_ts[in->d[1]] : NULL;
        TCGTemp *x, *y;

        switch (in->kind) {
        case RK_MOVI:
            tcg_gen_movi(t, d0, tt_mask(bits, in->c[0]));
            break;
        case RK_MOV:
            tcg_gen_mov(t, d0, src_ts(in, 0));
            break;
        case RK_BINOP:
        case RK_CNTZ:
            tt_gen_binop(in->opc, t, d0, src_ts(in, 0), src_ts(in, 1));
            break;
        case RK_SHIFT:
            if (in->s[1] < 0) {
                unsigned c = in->c[1] & (bits - 1);
                if (in->flag) {
                    /* the immediate builders */
                    if (in->opc == INDEX_op_rotl || in->opc == INDEX_op_rotr) {
                        tcg_gen_roti(in->opc, t, d0, src_ts(in, 0), c);
                    } else {
                        tcg_gen_shifti(in->opc, t, d0, src_ts(in, 0), c);
                    }
                } else {
                    tt_gen_binop(in->opc, t, d0, src_ts(in, 0), tt_const(t, c));
                }
            } else {
                x = tt_temp(t);
                tcg_gen_andi(t, x, src_ts(in, 1), bits - 1);
                tt_gen_binop(in->opc, t, d0, src_ts(in, 0), x);
                tcg_temp_free_internal(x);
            }
            break;
        case RK_DIV:
            x = tt_temp(t);
            y = tt_temp(t);
            tcg_gen_movcond(TCG_COND_EQ, t, x, src_ts(in, 1), tt_const(t, 0),
                            tt_const(t, 1), src_ts(in, 1));
            tcg_gen_movcond(TCG_COND_EQ, t, y, x, tt_const(t, -1),
                            tt_const(t, 1), x);
            tt_gen_binop(in->opc, t, d0, src_ts(in, 0), y);
            tcg_temp_free_internal(x);
            tcg_temp_free_internal(y);
            break;
        case RK_UNOP:
            tt_gen_unop(in->opc, t, d0, src_ts(in, 0));
            break;
        case RK_SETCOND:
            tcg_gen_setcond(in->cond, t, d0, src_ts(in, 0), src_ts(in, 1),
                            in->flag);
            break;
        case RK_MOVCOND:
            tcg_gen_movcond(in->cond, t, d0, src_ts(in, 0), src_ts(in, 1),
                            src_ts(in, 2), src_ts(in, 3));
            break;
        case RK_MUL2:
            tcg_gen_mul2(in->flag ? INDEX_op_muls2 : INDEX_op_mulu2, t, d0, d1,
                         src_ts(in, 0), src_ts(in, 1));
            break;
        case RK_ADDSUB2:
            tcg_gen_addsub2(in->flag ? INDEX_op_add2 : INDEX_op_sub2, t, d0, d1,
                            src_ts(in, 0), src_ts(in, 1), src_ts(in, 2),
                            src_ts(in, 3));
            break;
        case RK_DEPOSIT:
            tcg_gen_deposit(t, d0, src_ts(in, 0), src_ts(in, 1), in->pos,
                            in->len);
            break;
        case RK_EXTRACT:
            tcg_gen_extract(t, d0, src_ts(in, 0), in->pos, in->len, in->flag);
            break;
        case RK_EXTRACT2:
            tcg_gen_extract2(t, d0, src_ts(in, 0), src_ts(in, 1), in->pos);
            break;
        case RK_CONV:
            tcg_gen_op2(in->opc, t, temp_arg(d0), temp_arg(src_ts(in, 0)));
            break;
        case RK_LD: {
            static const TCGOpcode ldu[9] = {
                [1] = INDEX_op_ld8u, [2] = INDEX_op_ld16u, [4] = INDEX_op_ld32u,
                [8] = INDEX_op_ld,
            }, lds[9] = {
                [1] = INDEX_op_ld8s, [2] = INDEX_op_ld16s, [4] = INDEX_op_ld32s,
                [8] = INDEX_op_ld,
            };
            TCGOpcode opc = in->flag ? lds[in->mop] : ldu[in->mop];
            if (in->mop == bits / 8) {
                opc = INDEX_op_ld;
            }
            tcg_gen_ldst(opc, t, d0, tcg_ctx->env,
                         offsetof(TTEnv, bytes) + in->pos);
            break;
        }
        case RK_ST: {
            TCGOpcode opc = in->mop == 1 ? INDEX_op_st8 :
                            in->mop == 2 ? INDEX_op_st16 :
                            in->mop == bits / 8 ? INDEX_op_st : INDEX_op_st32;
            tcg_gen_ldst(opc, t, src_ts(in, 0), tcg_ctx->env,
                         offsetof(TTEnv, bytes) + in->pos);
            break;
        }
        case RK_QLD:
        case RK_QST: {
            TCGType at = in->flag ? TT_I32 : TT_I64;
            bool in_place = in->pos && in->s[0] >= 0;

            /* the address in a scratch temp, or in the variable itself */
            x = in_place ? var_ts[in->s[0]] : tt_temp(at);
            tcg_gen_andi(at, x, src_ts(in, 0), 0x38);
            tcg_gen_addi(at, x, x, in->flag ? GADDR32 : GADDR0);
            if (in->kind == RK_QLD) {
                tcg_gen_qemu_ld(t, d0, x, 0, in->mop);
            } else {
                tcg_gen_qemu_st(t, src_ts(in, 1), x, 0, in->mop);
            }
            if (!in_place) {
                tcg_temp_free_internal(x);
            }
            break;
        }
        case RK_CALL: {
            TCGTemp *args[2] = { src_ts(in, 0), src_ts(in, 1) };
            tcg_gen_call(&info_pure, d0, args);
            break;
        }
        case RK_CALLN: {
            TCGHelperInfo *info = tcg_malloc(sizeof(*info));
            TCGTemp *args[8];

            memset(info, 0, sizeof(*info));
            info->func = hn_fns[in->len];
            info->name = "hn";
            info->flags = TCG_CALL_NO_RWG;
            info->ret = TCG_CALL_I64;
            info->nargs = in->len;
            for (k = 0; k < in->len; k++) {
                info->args[k] = (in->pos >> k) & 1 ? TCG_CALL_I32 : TCG_CALL_I64;
                args[k] = src_ts(in, k);
            }
            tcg_gen_call(info, d0, args);
            break;
        }
        case RK_CALL_RW: {
            TCGTemp *args[1] = { tcg_ctx->env };
            tcg_gen_call(&info_rw, d0, args);
            break;
        }
        case RK_MB:
            tcg_gen_mb(in->pos & TCG_MO_ALL);
            break;
        case RK_DISCARD:
            tcg_gen_op1(INDEX_op_discard, vars[in->d[0]].type,
                        temp_arg(var_ts[in->d[0]]));
            break;
        case RK_BRCOND:
            tcg_gen_brcond(in->cond, t, src_ts(in, 0), src_ts(in, 1),
                           labels[in->label]);
            break;
        case RK_EXIT:
            /* to an exit_tb(fake | 1) after the end of the program */
            tcg_gen_brcond(in->cond, t, src_ts(in, 0), src_ts(in, 1),
                           exit_label);
            break;
        case RK_BR:
            tcg_gen_br(labels[in->label]);
            break;
        case RK_LABEL:
            gen_set_label(labels[in->label]);
            break;
        }
    }
    /* Temps holding a value at the end go to slots, to be compared too. */
    for (k = 0; k < NV; k++) {
        if (vars[k].kind != VK_GLOBAL && (end_valid & (1u << k))) {
            tt_store_slot(vars[k].type, var_ts[k], k);
        }
    }
    tcg_gen_exit_tb(NULL, 0);
    gen_set_label(exit_label);
    tcg_gen_exit_tb((const struct TranslationBlock *)fake_tb, 1);
}

/* -------------------------------------------------------------- running */

/* tcg_dump_ops() of the TB being built, as TAP comment lines. */
static void print_ops(void)
{
    char *buf = NULL, *line, *save = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);

    if (!f) {
        return;
    }
    tcg_dump_ops(tcg_ctx, f, false);
    fclose(f);
    for (line = strtok_r(buf, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        printf("#  %s\n", line);
    }
    free(buf);
}

#define SLOT_POISON 0x5a5a5a5a5a5a5a5aull

static void set_initial(const Program *p)
{
    int k;

    memcpy(tt_env.g64, p->g64, sizeof(p->g64));
    memcpy(tt_env.g32, p->g32, sizeof(p->g32));
    memcpy(tt_env.bytes, p->bytes, 64);
    memcpy(gmem, p->gmem, 64);
    for (k = 0; k < NV; k++) {
        tt_env.q[k] = SLOT_POISON;
        tt_env.l[k] = (uint32_t)SLOT_POISON;
    }
}

/* Expected CPU state after the program. */
static bool expected_state(const Program *p, uint32_t end_valid, TTEnv *want,
                           uint8_t *want_gmem)
{
    State st;
    bool early;
    int k;

    memset(&st, 0, sizeof(st));
    for (k = 0; k < NV; k++) {
        if (vars[k].kind == VK_GLOBAL) {
            st.v[k] = vars[k].type == TT_I64 ? p->g64[vars[k].idx]
                                             : p->g32[vars[k].idx];
        }
    }
    memcpy(st.bytes, p->bytes, 64);
    memcpy(st.gmem, p->gmem, 64);
    early = ref_run(p, &st);

    memset(want, 0, sizeof(*want));
    for (k = 0; k < NV; k++) {
        const Var *v = &vars[k];
        if (v->kind == VK_GLOBAL) {
            if (v->type == TT_I64) {
                want->g64[v->idx] = st.v[k];
            } else {
                want->g32[v->idx] = st.v[k];
            }
        }
        want->q[k] = SLOT_POISON;
        want->l[k] = (uint32_t)SLOT_POISON;
        if (v->kind != VK_GLOBAL && (end_valid & (1u << k)) && !early) {
            if (v->type == TT_I64) {
                want->q[k] = st.v[k];
            } else {
                want->l[k] = st.v[k];
            }
        }
    }
    memcpy(want->bytes, st.bytes, 64);
    memcpy(want_gmem, st.gmem, 64);
    return early;
}

static char mismatch[256];
/*
 * What failed, as a small number: 1 + the first mismatching variable,
 * NV + 1 env bytes, NV + 2 guest memory, NV + 3 invalid/no code; +64 for
 * the optimized run; 200 + signal for a crash.  Shrinking keeps it.
 */
static int fail_sig;

/* Run p once; returns true if the result matches the reference. */
static bool run_once(const Program *p, bool opt)
{
    uint32_t end_valid;
    TCGLabel *labels[MAX_LABELS];
    TTEnv want;
    uint8_t want_gmem[64];
    const void *code;
    uintptr_t ret;
    bool early;
    int k;

    if (!validate(p, &end_valid)) {
        snprintf(mismatch, sizeof(mismatch), "invalid program");
        fail_sig = NV + 3;
        return false;
    }
    early = expected_state(p, end_valid, &want, want_gmem);
    tcg_ctx->guest_base = (uintptr_t)gmem - (p->addr32 ? GADDR32 : GADDR0);
    tcg_ctx->addr_type = p->addr32 ? TT_I32 : TT_I64;
    tt_start(opt);
    build(p, end_valid, labels);
    if (dump_ops) {
        printf("# ops (%s):\n", opt ? "optimized run, before optimization"
                                     : "unoptimized run");
        print_ops();
    }
    code = tt_finish_gen();
    if (!code) {
        snprintf(mismatch, sizeof(mismatch), "code generation failed");
        fail_sig = NV + 3 + (opt ? 64 : 0);
        return false;
    }
    set_initial(p);
    ret = tt_exec(code);
    if (ret != (early ? EARLY_EXIT_VALUE : 0)) {
        fail_sig = NV + 4 + (opt ? 64 : 0);
        snprintf(mismatch, sizeof(mismatch), "exit value %#lx, want %s%s",
                 (unsigned long)ret, early ? "the early exit" : "0",
                 opt ? " (optimized)" : "");
        return false;
    }
    for (k = 0; k < NV; k++) {
        const Var *v = &vars[k];
        uint64_t got, exp;

        if (v->kind == VK_GLOBAL) {
            got = v->type == TT_I64 ? tt_env.g64[v->idx] : tt_env.g32[v->idx];
            exp = v->type == TT_I64 ? want.g64[v->idx] : want.g32[v->idx];
        } else {
            got = v->type == TT_I64 ? tt_env.q[k] : tt_env.l[k];
            exp = v->type == TT_I64 ? want.q[k] : want.l[k];
        }
        if (got != exp) {
            fail_sig = 1 + k + (opt ? 64 : 0);
            snprintf(mismatch, sizeof(mismatch), "%s%s: got %#llx want %#llx",
                     v->name, opt ? " (optimized)" : "",
                     (unsigned long long)got, (unsigned long long)exp);
            return false;
        }
    }
    if (memcmp(tt_env.bytes, want.bytes, 64)) {
        fail_sig = NV + 1 + (opt ? 64 : 0);
        snprintf(mismatch, sizeof(mismatch), "env bytes differ%s",
                 opt ? " (optimized)" : "");
        return false;
    }
    if (memcmp(gmem, want_gmem, 64)) {
        fail_sig = NV + 2 + (opt ? 64 : 0);
        snprintf(mismatch, sizeof(mismatch), "guest memory differs%s",
                 opt ? " (optimized)" : "");
        return false;
    }
    return true;
}

static bool run_both(const Program *p)
{
    return run_once(p, false) && run_once(p, true);
}

/* Run in this process; a crash in the generator or the generated code
 * is caught and reported as a failure. */
static sigjmp_buf crash_jmp;
static volatile sig_atomic_t crash_armed;
static volatile sig_atomic_t crash_sig;

static void crash_handler(int sig)
{
    if (crash_armed) {
        crash_sig = sig;
        crash_armed = 0;
        siglongjmp(crash_jmp, 1);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

/*
 * While programs run, stderr goes to a scratch file: a generator abort
 * (tcg_abort_msg) in thousands of programs would flood the log.  The last
 * line is attached to the failure report instead.
 */
static int err_fd = -1;

static void capture_stderr(void)
{
    FILE *f = tmpfile();

    if (f) {
        fflush(stderr);
        err_fd = fileno(f);
        dup2(err_fd, 2);
    }
}

static void last_stderr_line(char *buf, size_t size)
{
    char tmp[4096];
    ssize_t n;
    off_t end;
    char *line;

    buf[0] = 0;
    if (err_fd < 0) {
        return;
    }
    fflush(stderr);
    end = lseek(2, 0, SEEK_CUR);
    if (end <= 0) {
        return;
    }
    n = pread(err_fd, tmp, sizeof(tmp) - 1,
              end > (off_t)sizeof(tmp) - 1 ? end - (off_t)sizeof(tmp) + 1 : 0);
    if (n > 0) {
        tmp[n] = 0;
        while (n > 0 && tmp[n - 1] == '\n') {
            tmp[--n] = 0;
        }
        line = strrchr(tmp, '\n');
        line = line ? line + 1 : tmp;
        if (strlen(line) >= size) {
            line[size - 1] = 0;
        }
        memcpy(buf, line, strlen(line) + 1);
    }
    if (ftruncate(err_fd, 0) == 0) {
        lseek(2, 0, SEEK_SET);
    }
}

static bool run_guarded(const Program *p)
{
    bool ok;

    if (sigsetjmp(crash_jmp, 1)) {
        char msg[160];

        last_stderr_line(msg, sizeof(msg));
        fail_sig = 200 + crash_sig;
        snprintf(mismatch, sizeof(mismatch), "crashed with signal %d%s%s%s",
                 (int)crash_sig, *msg ? " (" : "", msg, *msg ? ")" : "");
        return false;
    }
    crash_armed = 1;
    ok = run_both(p);
    crash_armed = 0;
    return ok;
}

static void install_crash_handlers(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = crash_handler;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);
    sigaction(SIGABRT, &sa, NULL);
}

/* Run in a child process (survives crashes and aborts of the generator);
 * returns the failure signature, 0 on success. */
static int run_isolated(const Program *p)
{
    pid_t pid;
    int status;

    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        if (!freopen("/dev/null", "w", stderr)) {
            /* keep stderr */
        }
        alarm(10);              /* a program that hangs fails */
        _exit(run_both(p) ? 0 : fail_sig);
    }
    if (pid < 0) {
        return run_both(p) ? 0 : fail_sig;
    }
    waitpid(pid, &status, 0);
    if (WIFSIGNALED(status)) {
        return 200 + WTERMSIG(status);
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 255;
}

/* ------------------------------------------------------------- listing */

static void print_src(const RInsn *in, int i)
{
    if (in->s[i] >= 0) {
        printf(" %s", vars[in->s[i]].name);
    } else {
        printf(" $%#llx", (unsigned long long)tt_mask(tt_bits(src_type(in, i)),
                                                      in->c[i]));
    }
}

static void print_insn(const RInsn *in)
{
    int k;

    printf("#   ");
    if (in->kind == RK_LABEL) {
        printf("L%d:\n", in->label);
        return;
    }
    printf("%s_%s", in->kind == RK_BINOP || in->kind == RK_SHIFT ||
           in->kind == RK_DIV || in->kind == RK_CNTZ || in->kind == RK_UNOP ||
           in->kind == RK_CONV ? tcg_op_defs[in->opc].name :
           kind_names[in->kind], tt_tname(in->type));
    switch (in->kind) {
    case RK_SETCOND:
        printf("%s %s", in->flag ? " neg" : "", tt_cond_name(in->cond));
        break;
    case RK_MOVCOND:
    case RK_BRCOND:
    case RK_EXIT:
        printf(" %s", tt_cond_name(in->cond));
        break;
    case RK_MUL2:
        printf(in->flag ? " signed" : " unsigned");
        break;
    case RK_ADDSUB2:
        printf(in->flag ? " add" : " sub");
        break;
    case RK_DEPOSIT:
    case RK_EXTRACT:
        printf("%s pos %u len %u", in->kind == RK_EXTRACT && in->flag ?
               " signed" : "", in->pos, in->len);
        break;
    case RK_EXTRACT2:
        printf(" pos %u", in->pos);
        break;
    case RK_LD:
    case RK_ST:
        printf(" size %u%s bytes+%u", in->mop,
               in->kind == RK_LD && in->flag ? " signed" : "", in->pos);
        break;
    case RK_QLD:
    case RK_QST:
        printf(" mop %#x %s=(a&0x38)+%#llx", in->mop,
               in->pos && in->s[0] >= 0 ? "a" : "addr",
               in->flag ? (unsigned long long)GADDR32
                        : (unsigned long long)GADDR0);
        break;
    case RK_SHIFT:
        printf(" (count & %u)%s", tt_bits(in->type) - 1,
               in->s[1] < 0 && in->flag ? " immediate builder" : "");
        break;
    case RK_DIV:
        printf(" (divisor 0 or -1 -> 1)");
        break;
    case RK_CALLN:
        printf(" %u args, i32 mask %#x", in->len, in->pos & ((1u << in->len) - 1));
        break;
    default:
        break;
    }
    printf(" ");
    for (k = 0; k < insn_nb_dsts(in); k++) {
        printf(" %s", vars[in->d[k]].name);
    }
    if (insn_nb_dsts(in)) {
        printf(" <-");
    }
    if (in->kind == RK_MOVI) {
        printf(" $%#llx", (unsigned long long)tt_mask(tt_bits(in->type), in->c[0]));
    }
    for (k = 0; k < insn_nb_srcs(in); k++) {
        print_src(in, k);
    }
    if (in->kind == RK_BRCOND || in->kind == RK_BR) {
        printf(" -> L%d", in->label);
    }
    if (in->kind == RK_DISCARD) {
        printf(" %s", vars[in->d[0]].name);
    }
    if (in->kind == RK_MB) {
        printf(" kind %#x", in->pos & TCG_MO_ALL);
    }
    printf("\n");
}

static void print_program(const Program *p)
{
    int i;

    printf("#   initial: g64 =");
    for (i = 0; i < TT_NG64; i++) {
        printf(" %#llx", (unsigned long long)p->g64[i]);
    }
    printf("\n#            g32 =");
    for (i = 0; i < TT_NG32; i++) {
        printf(" %#x", p->g32[i]);
    }
    printf("\n");
    for (i = 0; i < p->n; i++) {
        print_insn(&p->insn[i]);
    }
}

/* ------------------------------------------------------------ generator */

static int pick_var(TCGType t, uint32_t valid, bool for_write)
{
    int cand[NV], n = 0, k;

    for (k = 0; k < NV; k++) {
        if (vars[k].type == t && (for_write || (valid & (1u << k)))) {
            cand[n++] = k;
        }
    }
    return n ? cand[tt_rand_below(n)] : -1;
}

/* An input of type t: a variable (usually) or a constant. */
static int const_bias;      /* per program: extra % of constant inputs */

static void pick_src(RInsn *in, int i, TCGType t, uint32_t valid, int const_pct)
{
    in->c[i] = tt_rand_val(tt_bits(t));
    in->s[i] = (int)tt_rand_below(100) < const_pct + const_bias ? -1
               : pick_var(t, valid, false);
}

static const TCGOpcode binops[] = {
    INDEX_op_add, INDEX_op_sub, INDEX_op_mul, INDEX_op_and, INDEX_op_or,
    INDEX_op_xor, INDEX_op_andc, INDEX_op_orc, INDEX_op_eqv, INDEX_op_nand,
    INDEX_op_nor, INDEX_op_muluh, INDEX_op_mulsh,
};
static const TCGOpcode shifts[] = {
    INDEX_op_shl, INDEX_op_shr, INDEX_op_sar, INDEX_op_rotl, INDEX_op_rotr,
};
static const TCGOpcode divs[] = {
    INDEX_op_div, INDEX_op_divu, INDEX_op_rem, INDEX_op_remu,
};
static const TCGOpcode unops[] = {
    INDEX_op_neg, INDEX_op_not, INDEX_op_ext8s, INDEX_op_ext8u,
    INDEX_op_ext16s, INDEX_op_ext16u, INDEX_op_ext32s, INDEX_op_ext32u,
    INDEX_op_bswap16, INDEX_op_bswap32, INDEX_op_bswap64, INDEX_op_ctpop,
};
static const TCGOpcode convs[] = {
    INDEX_op_ext_i32_i64, INDEX_op_extu_i32_i64, INDEX_op_extrl_i64_i32,
    INDEX_op_extrh_i64_i32,
};

#define PICK(arr) (arr)[tt_rand_below(sizeof(arr) / sizeof((arr)[0]))]

static void gen_program(Program *p, int max_insns)
{
    /* mostly short programs, some long ones (register pressure, spills) */
    int n_target = tt_rand_below(8) ? 4 + tt_rand_below(48)
                                    : 4 + tt_rand_below(max_insns - 8);
    int pending[MAX_LABELS], npending = 0, next_label = 0, i, k;
    int place_at[MAX_LABELS];
    uint32_t valid = GLOBAL_MASK;
    bool reachable = true;
    uint32_t at_label[MAX_LABELS];

    memset(p, 0, sizeof(*p));
    for (i = 0; i < TT_NG64; i++) {
        p->g64[i] = tt_rand_val(64);
    }
    for (i = 0; i < TT_NG32; i++) {
        p->g32[i] = tt_rand_val(32);
    }
    for (i = 0; i < 64; i++) {
        p->bytes[i] = tt_rand();
        p->gmem[i] = tt_rand();
    }
    p->addr32 = tt_rand_below(3) == 0;
    /* some programs are mostly constants: the optimizer folds them */
    const_bias = tt_rand_below(4) == 0 ? 50 : 0;
    for (i = 0; i < MAX_LABELS; i++) {
        at_label[i] = ~0u;
    }
    /* TB temps start with a value: movi, mostly */
    for (k = 0; k < NV; k++) {
        if (vars[k].kind == VK_TB && tt_rand_below(4)) {
            RInsn *in = &p->insn[p->n++];
            in->kind = RK_MOVI;
            in->type = vars[k].type;
            in->d[0] = k;
            in->c[0] = tt_rand_val(tt_bits(vars[k].type));
            valid |= 1u << k;
        }
    }

    while (p->n < n_target || npending) {
        RInsn *in;
        TCGType t = tt_rand_below(2) ? TT_I64 : TT_I32;
        unsigned bits = tt_bits(t);
        int kind;

        if (p->n >= MAX_INSNS - 2 - npending) {
            n_target = 0;       /* close the remaining labels */
        }
        /* place a pending label? */
        for (k = 0; k < npending; k++) {
            if (place_at[k] <= p->n || n_target == 0 || p->n >= n_target) {
                int l = pending[k];
                in = &p->insn[p->n++];
                memset(in, 0, sizeof(*in));
                in->kind = RK_LABEL;
                in->label = l;
                valid = (reachable ? valid : ~0u) & at_label[l];
                for (i = 0; i < NV; i++) {
                    if (vars[i].kind == VK_EBB) {
                        valid &= ~(1u << i);
                    }
                }
                valid |= GLOBAL_MASK;
                reachable = true;
                pending[k] = pending[--npending];
                place_at[k] = place_at[npending];
                k = -1;
                break;
            }
        }
        if (k == -1 || (p->n >= n_target && !npending)) {
            continue;
        }
        if (p->n >= n_target) {
            continue;
        }

        in = &p->insn[p->n];
        memset(in, 0, sizeof(*in));
        in->type = t;
        kind = tt_rand_below(RK_COUNT + 6);
        if (kind >= RK_COUNT) {
            kind = RK_BINOP;    /* the common case, more often */
        }
        if (kind == RK_LABEL || kind == RK_MOV) {
            kind = tt_rand_below(2) ? RK_MOV : RK_SETCOND;
        }
        if ((kind == RK_BRCOND || kind == RK_BR) &&
            (next_label >= MAX_LABELS || npending >= 6)) {
            kind = RK_BINOP;
        }
        if (kind == RK_BR && tt_rand_below(3)) {
            kind = RK_BRCOND;
        }
        in->kind = kind;
        in->d[0] = pick_var(t, valid, true);
        switch (kind) {
        case RK_MOVI:
            in->c[0] = tt_rand_val(bits);
            break;
        case RK_MOV:
            pick_src(in, 0, t, valid, 10);
            break;
        case RK_BINOP:
            in->opc = PICK(binops);
            pick_src(in, 0, t, valid, 5);
            pick_src(in, 1, t, valid, 35);
            break;
        case RK_SHIFT:
            in->opc = PICK(shifts);
            in->flag = tt_rand_below(2);
            pick_src(in, 0, t, valid, 5);
            pick_src(in, 1, t, valid, 50);
            if (tt_rand_below(3) == 0) {
                in->c[1] = tt_rand_below(2) ? 0 : bits - 1;
            }
            break;
        case RK_DIV:
            in->opc = PICK(divs);
            pick_src(in, 0, t, valid, 10);
            pick_src(in, 1, t, valid, 30);
            break;
        case RK_CNTZ:
            in->opc = tt_rand_below(2) ? INDEX_op_clz : INDEX_op_ctz;
            pick_src(in, 0, t, valid, 5);
            pick_src(in, 1, t, valid, 70);
            if (in->s[1] < 0 && tt_rand_below(2)) {
                in->c[1] = bits;
            }
            if (tt_rand_below(4) == 0) {
                in->c[0] = 0;
                in->s[0] = -1;
            }
            break;
        case RK_UNOP:
            do {
                in->opc = PICK(unops);
            } while (t == TT_I32 && (in->opc == INDEX_op_ext32s ||
                                     in->opc == INDEX_op_ext32u ||
                                     in->opc == INDEX_op_bswap64));
            pick_src(in, 0, t, valid, 5);
            break;
        case RK_SETCOND:
            in->cond = tt_rand_below(TCG_COND_COUNT);
            in->flag = tt_rand_below(2);
            pick_src(in, 0, t, valid, 5);
            pick_src(in, 1, t, valid, 40);
            break;
        case RK_MOVCOND:
            in->cond = tt_rand_below(TCG_COND_COUNT);
            pick_src(in, 0, t, valid, 5);
            pick_src(in, 1, t, valid, 40);
            pick_src(in, 2, t, valid, 20);
            pick_src(in, 3, t, valid, 20);
            break;
        case RK_MUL2:
        case RK_ADDSUB2:
            in->flag = tt_rand_below(2);
            do {
                in->d[1] = pick_var(t, valid, true);
            } while (in->d[1] == in->d[0]);
            pick_src(in, 0, t, valid, 5);
            pick_src(in, 1, t, valid, kind == RK_MUL2 ? 30 : 5);
            if (kind == RK_ADDSUB2) {
                pick_src(in, 2, t, valid, 30);
                pick_src(in, 3, t, valid, 30);
            }
            break;
        case RK_DEPOSIT:
        case RK_EXTRACT:
            in->len = 1 + tt_rand_below(bits);
            if (tt_rand_below(3) == 0) {
                static const unsigned lens[] = { 1, 8, 16, 32, 31, 63 };
                in->len = PICK(lens);
                if (in->len > bits) {
                    in->len = bits;
                }
            }
            in->pos = tt_rand_below(bits - in->len + 1);
            if (tt_rand_below(3) == 0) {
                in->pos = tt_rand_below(2) ? 0 : bits - in->len;
            }
            in->flag = tt_rand_below(2);
            pick_src(in, 0, t, valid, 5);
            pick_src(in, 1, t, valid, 20);
            break;
        case RK_EXTRACT2:
            in->pos = tt_rand_below(bits + 1);
            pick_src(in, 0, t, valid, 10);
            pick_src(in, 1, t, valid, 10);
            break;
        case RK_CONV:
            in->opc = PICK(convs);
            in->type = in->opc == INDEX_op_extrl_i64_i32 ||
                       in->opc == INDEX_op_extrh_i64_i32 ? TT_I32 : TT_I64;
            in->d[0] = pick_var(in->type, valid, true);
            pick_src(in, 0, src_type(in, 0), valid, 5);
            break;
        case RK_LD:
        case RK_ST: {
            static const unsigned sizes[] = { 1, 2, 4, 8 };
            do {
                in->mop = PICK(sizes);
            } while (in->mop > bits / 8);
            in->pos = tt_rand_below(64 - in->mop + 1);
            in->flag = tt_rand_below(2) && in->mop < bits / 8;
            pick_src(in, 0, t, valid, kind == RK_ST ? 30 : 0);
            break;
        }
        case RK_QLD:
        case RK_QST:
            in->mop = tt_rand_below(t == TT_I64 ? 4 : 3);
            if (tt_rand_below(2)) {
                in->mop |= MO_BSWAP;
            }
            if (kind == RK_QLD && tt_rand_below(2) &&
                (in->mop & MO_SIZE) < (t == TT_I64 ? MO_64 : MO_32)) {
                in->mop |= MO_SIGN;
            }
            if ((in->mop & MO_SIZE) == MO_8) {
                in->mop &= ~MO_BSWAP;
            }
            in->flag = p->addr32;
            pick_src(in, 0, src_type(in, 0), valid, 20);
            /* half the time the address variable is rewritten in place,
             * so it can also be the loaded or the stored variable */
            in->pos = tt_rand_below(2);
            pick_src(in, 1, t, valid, 20);
            if (in->pos && in->s[0] >= 0 && src_type(in, 0) == t &&
                tt_rand_below(3) == 0) {
                /* value == address, or destination == address */
                if (kind == RK_QST) {
                    in->s[1] = in->s[0];
                } else {
                    in->d[0] = in->s[0];
                }
            }
            break;
        case RK_CALL:
            in->type = TT_I64;
            in->d[0] = pick_var(TT_I64, valid, true);
            pick_src(in, 0, TT_I64, valid, 20);
            pick_src(in, 1, TT_I64, valid, 20);
            break;
        case RK_CALL_RW:
            in->type = TT_I64;
            in->d[0] = pick_var(TT_I64, valid, true);
            break;
        case RK_MB:
            in->pos = tt_rand();
            p->n++;
            continue;
        case RK_EXIT:
            /* rarely taken, mostly: equality with a random constant */
            in->cond = tt_rand_below(3) ? TCG_COND_EQ : tt_rand_below(TCG_COND_COUNT);
            pick_src(in, 0, t, valid, 5);
            pick_src(in, 1, t, valid, 60);
            p->n++;
            continue;
        case RK_DISCARD:
            /* a temp (never a global) that has a value; else a mb */
            in->d[0] = pick_var(t, valid & ~GLOBAL_MASK, false);
            if (in->d[0] < 0) {
                in->kind = RK_MB;
            } else {
                valid &= ~(1u << in->d[0]);
            }
            p->n++;
            continue;
        case RK_CALLN:
            in->type = TT_I64;
            in->d[0] = pick_var(TT_I64, valid, true);
            in->len = 1 + tt_rand_below(8);
            in->pos = tt_rand();
            for (k = 0; k < in->len; k++) {
                pick_src(in, k, src_type(in, k), valid, 25);
            }
            break;
        case RK_BRCOND:
        case RK_BR:
            in->cond = tt_rand_below(TCG_COND_COUNT);
            in->label = next_label++;
            pick_src(in, 0, t, valid, 5);
            pick_src(in, 1, t, valid, 40);
            pending[npending] = in->label;
            place_at[npending++] = p->n + 1 + tt_rand_below(8);
            if (reachable) {
                at_label[in->label] &= valid;
            }
            if (kind == RK_BR) {
                reachable = false;
            }
            p->n++;
            continue;
        default:
            break;
        }
        for (k = 0; k < insn_nb_dsts(in); k++) {
            valid |= 1u << in->d[k];
        }
        if (kind == RK_CALL_RW) {
            valid |= GLOBAL_MASK;
        }
        p->n++;
    }
}

/* ------------------------------------------------------------ shrinking */

/* Delete instructions one at a time while the program fails the same way. */
static void shrink(Program *p, int sig)
{
    bool progress = true;
    int i;

    while (progress) {
        progress = false;
        for (i = p->n - 1; i >= 0; i--) {
            Program q = *p;
            uint32_t ev;

            if (q.insn[i].kind == RK_LABEL) {
                continue;
            }
            memmove(&q.insn[i], &q.insn[i + 1],
                    (q.n - i - 1) * sizeof(RInsn));
            q.n--;
            if (!validate(&q, &ev)) {
                continue;
            }
            if (run_isolated(&q) == sig) {
                *p = q;
                progress = true;
            }
        }
        /* labels nobody branches to */
        for (i = p->n - 1; i >= 0; i--) {
            Program q = *p;
            uint32_t ev;

            if (q.insn[i].kind != RK_LABEL) {
                continue;
            }
            memmove(&q.insn[i], &q.insn[i + 1],
                    (q.n - i - 1) * sizeof(RInsn));
            q.n--;
            if (validate(&q, &ev) && run_isolated(&q) == sig) {
                *p = q;
                progress = true;
            }
        }
    }
}

/* ----------------------------------------------------------------- main */

static uint64_t program_seed(uint64_t seed, long index)
{
    return seed * 1000003u + (uint64_t)index * 0x9e3779b97f4a7c15ull + 1;
}

static const char *variant = "";

/* Run programs [from, to) of seed; one TAP line.  Returns success. */
static bool run_programs(uint64_t seed, long from, long to)
{
    long i, failures = 0, checked = 0;

    for (i = from; i < to; i++) {
        Program p;
        bool ok;

        tt_srand(program_seed(seed, i));
        gen_program(&p, MAX_INSNS - 8);
        if (verbose) {
            printf("# program %ld\n", i);
            print_program(&p);
        }
        ok = run_guarded(&p);
        checked++;
        if (!ok) {
            Program orig = p;
            int sig;

            failures++;
            if (failures <= 3) {
                (void)run_guarded(&orig);
                sig = fail_sig;
                printf("# FAIL%s: seed %llu index %ld (%d insns): %s\n",
                       variant, (unsigned long long)seed, i, orig.n, mismatch);
                shrink(&p, sig);
                printf("# shrunk to %d insns (rerun: --seed %llu --index %ld%s):\n",
                       p.n, (unsigned long long)seed, i,
                       *variant ? " --no-features" : "");
                print_program(&p);
                /* the first failure also shows its TCG ops */
                dump_ops = failures == 1;
                if (!run_guarded(&p)) {
                    printf("#   -> %s\n", mismatch);
                }
                dump_ops = false;
            }
        }
    }
    return tap_report(failures == 0, "random programs%s: %ld checked, %ld failed "
                      "(seed %llu, %s, unoptimized and optimized)", variant,
                      checked, failures, (unsigned long long)seed,
                      tt_backend_name);
}

int main(int argc, char **argv)
{
    uint64_t seed = 20240601;
    long count = 20000, index = -1;
    bool no_fork = false, no_features = false;
    int a;

    setvbuf(stdout, NULL, _IOLBF, 0);
    for (a = 1; a < argc; a++) {
        if (!strcmp(argv[a], "--seed") && a + 1 < argc) {
            seed = strtoull(argv[++a], NULL, 0);
        } else if (!strcmp(argv[a], "--count") && a + 1 < argc) {
            count = strtol(argv[++a], NULL, 0);
        } else if (!strcmp(argv[a], "--index") && a + 1 < argc) {
            index = strtol(argv[++a], NULL, 0);
        } else if (!strcmp(argv[a], "-v")) {
            verbose = true;
        } else if (!strcmp(argv[a], "-d")) {
            dump_ops = true;
            verbose = true;
        } else if (!strcmp(argv[a], "--no-fork")) {
            no_fork = true;
        } else if (!strcmp(argv[a], "--no-features")) {
            no_features = true;
            no_fork = true;
        } else {
            fprintf(stderr, "usage: %s [--seed N] [--count N] [--index I] [-v] [-d] "
                    "[--no-fork] [--no-features]\n",
                    argv[0]);
            return 2;
        }
    }
    tt_init();
    install_crash_handlers();
    alarm(600);                 /* a hang fails the test instead of CI */
    if (!verbose) {
        capture_stderr();
    }
#ifndef TCG_TARGET_INTERPRETER
    if (no_features) {
        have_bmi1 = have_bmi2 = have_lzcnt = have_popcnt = have_movbe = false;
        variant = " [no host features]";
    }
#else
    (void)no_features;
#endif

#ifndef TCG_TARGET_INTERPRETER
    /*
     * Native: a first pass in a child with the optional host instructions
     * (BMI1/2, LZCNT, POPCNT, MOVBE) switched off, so that the fallback
     * encodings are covered too; constraints are chosen per process.
     */
    if (index < 0 && !no_fork) {
        pid_t pid;
        int status;

        fflush(stdout);
        pid = fork();
        if (pid == 0) {
            have_bmi1 = have_bmi2 = have_lzcnt = have_popcnt = have_movbe = false;
            variant = " [no host features]";
            alarm(600);
            _exit(run_programs(seed, 0, count / 2) ? 0 : 1);
        }
        if (pid > 0) {
            waitpid(pid, &status, 0);
            tap_count++;
            if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
                tap_failed++;
                if (!WIFEXITED(status)) {
                    printf("not ok %d - random programs [no host features]: "
                           "crashed\n", tap_count);
                }
            }
        }
    }
#else
    (void)no_fork;
#endif
    run_programs(seed, index >= 0 ? index : 0, index >= 0 ? index + 1 : count);
    printf("1..%d\n", tap_count);
    return tap_exit_status();
}

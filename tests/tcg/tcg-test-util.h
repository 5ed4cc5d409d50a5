/*
 * tcg-test-util.h: shared scaffolding of the TCG code generator tests.
 *
 * Sets a TCG context up without the exec engine, runs one generated TB
 * at a time against a fake CPU state (TTEnv), and provides the C
 * reference semantics of the IR ops the tests compare against.  The
 * reference is written independently of tcg/ (it never calls into the
 * code under test).
 *
 * The same sources build twice: against libtcg.a (the native backend)
 * and against libtcg-tci.a (the interpreter, objects under tci/).
 */
#ifndef TESTS_TCG_TCG_TEST_UTIL_H
#define TESTS_TCG_TCG_TEST_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tcg/tcg.h"
#include "tcg/tcg-op.h"

#define TT_NG64 8           /* i64 globals */
#define TT_NG32 4           /* i32 globals */
#define TT_SLOTS 512        /* scratch slots of each width */

/* The fake CPU state the generated code runs against. */
typedef struct TTEnv {
    uint64_t g64[TT_NG64];      /* homes of the i64 globals */
    uint32_t g32[TT_NG32];      /* homes of the i32 globals */
    uint64_t q[TT_SLOTS];       /* i64 scratch slots (ld/st) */
    uint32_t l[TT_SLOTS];       /* i32 scratch slots (ld/st) */
    uint8_t bytes[64];          /* sub-word ld/st tests */
    uint64_t scratch[16];       /* helpers write here */
    uint8_t far[0x24000];       /* beyond 16-bit and 17-bit offsets */
} TTEnv;

/* Offset of the far area used by the far globals and far ld/st tests. */
#define TT_FAR_OFS ((intptr_t)offsetof(TTEnv, far) + 0x20000)

extern TTEnv tt_env;
extern TCGTemp *tt_g64[TT_NG64];
extern TCGTemp *tt_g32[TT_NG32];
/* Two i64 globals whose homes are more than 128 KiB into the state. */
extern TCGTemp *tt_gfar[2];

#define TT_I32 TCG_TYPE_I32
#define TT_I64 TCG_TYPE_I64

/* Name of the backend under test ("native" or "tci"). */
extern const char *tt_backend_name;

/* Create the context and the globals; call once. */
void tt_init(void);
/* Start a TB; optimize selects whether tcg/optimize.c runs. */
void tt_start(bool optimize);
/*
 * End the TB with exit_tb(0), generate it and run it against tt_env.
 * Returns false (and prints a diagnostic) if code generation failed.
 */
bool tt_finish_run(void);
/* Generate without running: returns the code pointer or NULL. */
const void *tt_finish_gen(void);
uintptr_t tt_exec(const void *code);

/* Offsets and access of scratch slots. */
static inline intptr_t tt_slot_off(TCGType t, int k)
{
    return t == TT_I32 ? (intptr_t)offsetof(TTEnv, l) + 4 * k
                       : (intptr_t)offsetof(TTEnv, q) + 8 * k;
}
uint64_t tt_slot_get(TCGType t, int k);
void tt_slot_set(TCGType t, int k, uint64_t v);

static inline unsigned tt_bits(TCGType t)
{
    return t == TT_I32 ? 32 : 64;
}

static inline const char *tt_tname(TCGType t)
{
    return t == TT_I32 ? "i32" : "i64";
}

/* A fresh temp loaded from scratch slot k. */
TCGTemp *tt_load_slot(TCGType t, int k);
void tt_store_slot(TCGType t, TCGTemp *v, int k);
TCGTemp *tt_const(TCGType t, uint64_t v);
TCGTemp *tt_temp(TCGType t);

/* ----------------------------------------------------------- randomness */

void tt_srand(uint64_t seed);
uint64_t tt_rand(void);
/* Uniform in [0, n). */
unsigned tt_rand_below(unsigned n);
/* Edge values of a width: 0, 1, -1, INT_MIN, INT_MAX, 0x80, ... */
#define TT_NB_EDGES 24
uint64_t tt_edge(unsigned bits, unsigned idx);
/* A random value biased towards edges and short bit patterns. */
uint64_t tt_rand_val(unsigned bits);

/* ------------------------------------------------------------ reference */

static inline uint64_t tt_mask(unsigned bits, uint64_t v)
{
    return bits == 32 ? (uint32_t)v : v;
}

static inline int64_t tt_sext(unsigned bits, uint64_t v)
{
    return bits == 32 ? (int64_t)(int32_t)v : (int64_t)v;
}

bool tt_ref_cond(TCGCond c, unsigned bits, uint64_t a, uint64_t b);
const char *tt_cond_name(TCGCond c);

/* Two-operand ops: add..nor, shl..rotr, div..remu, muluh, mulsh, clz, ctz
 * (b is the value for a zero input). */
uint64_t tt_ref_binop(TCGOpcode opc, unsigned bits, uint64_t a, uint64_t b);
/* One-operand ops: neg, not, ext8s..ext32u, bswap16/32/64, ctpop. */
uint64_t tt_ref_unop(TCGOpcode opc, unsigned bits, uint64_t a);
void tt_ref_mul2(bool sign, unsigned bits, uint64_t a, uint64_t b,
                 uint64_t *lo, uint64_t *hi);
void tt_ref_addsub2(bool add, unsigned bits, uint64_t al, uint64_t ah,
                    uint64_t bl, uint64_t bh, uint64_t *lo, uint64_t *hi);
uint64_t tt_ref_deposit(unsigned bits, uint64_t a, uint64_t b, unsigned pos,
                        unsigned len);
uint64_t tt_ref_extract(unsigned bits, uint64_t a, unsigned pos, unsigned len,
                        bool sign);
uint64_t tt_ref_extract2(unsigned bits, uint64_t lo, uint64_t hi, unsigned pos);

/* Emit a two-operand op through the public builder (the frontends' way). */
void tt_gen_binop(TCGOpcode opc, TCGType t, TCGTemp *r, TCGTemp *a, TCGTemp *b);
void tt_gen_unop(TCGOpcode opc, TCGType t, TCGTemp *r, TCGTemp *a);

#endif

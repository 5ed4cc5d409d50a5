/*
 * tcg-test-util.c: context setup, TB running and the C reference
 * semantics shared by the TCG code generator tests.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "tcg-test-util.h"

#define TT_BUF_SIZE (16u << 20)

TTEnv tt_env;
TCGTemp *tt_g64[TT_NG64];
TCGTemp *tt_g32[TT_NG32];
TCGTemp *tt_gfar[2];

#ifdef TCG_TARGET_INTERPRETER
const char *tt_backend_name = "tci";
#else
const char *tt_backend_name = "native";
#endif

static tcg_insn_unit *tt_code_start;
static uint8_t *tt_buf;

static const char *const g64_names[TT_NG64] = {
    "g64_0", "g64_1", "g64_2", "g64_3", "g64_4", "g64_5", "g64_6", "g64_7",
};
static const char *const g32_names[TT_NG32] = {
    "g32_0", "g32_1", "g32_2", "g32_3",
};

void tt_init(void)
{
    int i;

    tt_buf = mmap(NULL, TT_BUF_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC,
                  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (tt_buf == MAP_FAILED) {
        perror("mmap");
        exit(1);
    }
    tcg_context_init(tt_buf, TT_BUF_SIZE);
    for (i = 0; i < TT_NG64; i++) {
        tt_g64[i] = tcg_global_mem_new_internal(TT_I64, tcg_ctx->env,
                                                offsetof(TTEnv, g64) + 8 * i,
                                                g64_names[i]);
    }
    for (i = 0; i < TT_NG32; i++) {
        tt_g32[i] = tcg_global_mem_new_internal(TT_I32, tcg_ctx->env,
                                                offsetof(TTEnv, g32) + 4 * i,
                                                g32_names[i]);
    }
    for (i = 0; i < 2; i++) {
        tt_gfar[i] = tcg_global_mem_new_internal(TT_I64, tcg_ctx->env,
                                                 TT_FAR_OFS + 8 * i,
                                                 i ? "gfar_1" : "gfar_0");
    }
    tt_code_start = tcg_ctx->code_gen_ptr;
}

void tt_start(bool optimize)
{
    tcg_func_start(tcg_ctx);
    tcg_ctx->no_optimize = !optimize;
}

const void *tt_finish_gen(void)
{
    TCGContext *s = tcg_ctx;
    tcg_insn_unit *code;
    int n;

    tcg_gen_exit_tb(NULL, 0);
    /* Recycle the code buffer long before the high-water mark. */
    if ((uint8_t *)s->code_gen_ptr > tt_buf + TT_BUF_SIZE / 2) {
        s->code_gen_ptr = tt_code_start;
    }
    code = s->code_gen_ptr;
    n = tcg_gen_code(s, NULL);
    if (n < 0) {
        printf("# tcg_gen_code failed: %d\n", n);
        return NULL;
    }
    s->code_gen_ptr = (tcg_insn_unit *)(((uintptr_t)code + n + 63) &
                                        ~(uintptr_t)63);
    return code;
}

uintptr_t tt_exec(const void *code)
{
#ifdef TCG_TARGET_INTERPRETER
    return tcg_qemu_tb_exec_tci(&tt_env, code);
#else
    return tcg_qemu_tb_exec(&tt_env, code);
#endif
}

bool tt_finish_run(void)
{
    const void *code = tt_finish_gen();

    if (!code) {
        return false;
    }
    tt_exec(code);
    return true;
}

uint64_t tt_slot_get(TCGType t, int k)
{
    return t == TT_I32 ? tt_env.l[k] : tt_env.q[k];
}

void tt_slot_set(TCGType t, int k, uint64_t v)
{
    if (t == TT_I32) {
        tt_env.l[k] = v;
    } else {
        tt_env.q[k] = v;
    }
}

TCGTemp *tt_temp(TCGType t)
{
    return tcg_temp_new_internal(t, TEMP_EBB);
}

TCGTemp *tt_load_slot(TCGType t, int k)
{
    TCGTemp *v = tt_temp(t);

    tcg_gen_ldst(INDEX_op_ld, t, v, tcg_ctx->env, tt_slot_off(t, k));
    return v;
}

void tt_store_slot(TCGType t, TCGTemp *v, int k)
{
    tcg_gen_ldst(INDEX_op_st, t, v, tcg_ctx->env, tt_slot_off(t, k));
}

TCGTemp *tt_const(TCGType t, uint64_t v)
{
    return tcg_constant_internal(t, (int64_t)tt_mask(tt_bits(t), v));
}

/* ----------------------------------------------------------- randomness */

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

void tt_srand(uint64_t seed)
{
    rng_state = seed * 0x9e3779b97f4a7c15ull + 0x632be59bd9b4e019ull;
    if (!rng_state) {
        rng_state = 1;
    }
}

/* xorshift64* */
uint64_t tt_rand(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dull;
}

unsigned tt_rand_below(unsigned n)
{
    return (unsigned)((tt_rand() >> 32) % n);
}

uint64_t tt_edge(unsigned bits, unsigned idx)
{
    uint64_t min = 1ull << (bits - 1);
    uint64_t v;

    switch (idx % TT_NB_EDGES) {
    case 0: v = 0; break;
    case 1: v = 1; break;
    case 2: v = -1ull; break;
    case 3: v = min; break;                 /* INT_MIN */
    case 4: v = min - 1; break;             /* INT_MAX */
    case 5: v = min + 1; break;
    case 6: v = 2; break;
    case 7: v = -2ull; break;
    case 8: v = 0x80; break;
    case 9: v = 0x7f; break;
    case 10: v = 0xff; break;
    case 11: v = 0x8000; break;
    case 12: v = 0xffff; break;
    case 13: v = 0x7fff; break;
    case 14: v = 0x80000000u; break;
    case 15: v = 0xffffffffu; break;
    case 16: v = 0x7fffffffu; break;
    case 17: v = 0x100000000ull; break;
    case 18: v = 0xffffffff80000000ull; break;
    case 19: v = 0x0123456789abcdefull; break;
    case 20: v = 0xfedcba9876543210ull; break;
    case 21: v = 0x5555555555555555ull; break;
    case 22: v = 31; break;
    default: v = 63; break;
    }
    return tt_mask(bits, v);
}

uint64_t tt_rand_val(unsigned bits)
{
    uint64_t r = tt_rand();

    switch (tt_rand_below(10)) {
    case 8: {
        /* masks and single bits: what known-bits folding works on */
        unsigned k = tt_rand_below(bits);
        uint64_t m = (r >> 32) & 3;
        uint64_t v = m == 0 ? 1ull << k : m == 1 ? (1ull << k) - 1 :
                     m == 2 ? ~(1ull << k) : -(1ull << k);
        return tt_mask(bits, v);
    }
    case 9:
        return tt_mask(bits, r >> tt_rand_below(64));   /* short values */
    case 0:
    case 1:
        return tt_edge(bits, tt_rand_below(TT_NB_EDGES));
    case 2:
        return tt_mask(bits, (int64_t)(int8_t)r);       /* small signed */
    case 3:
        return tt_mask(bits, tt_edge(bits, tt_rand_below(TT_NB_EDGES)) +
                             (int64_t)(int8_t)(r >> 8) % 3);
    case 4:
        return tt_mask(bits, r & 0xffffffffu);
    case 5:
        return tt_mask(bits, (int64_t)(int32_t)r);
    default:
        return tt_mask(bits, r);
    }
}

/* ------------------------------------------------------------ reference */

bool tt_ref_cond(TCGCond c, unsigned bits, uint64_t a, uint64_t b)
{
    uint64_t ua = tt_mask(bits, a), ub = tt_mask(bits, b);
    int64_t sa = tt_sext(bits, a), sb = tt_sext(bits, b);

    switch (c) {
    case TCG_COND_NEVER: return false;
    case TCG_COND_ALWAYS: return true;
    case TCG_COND_EQ: return ua == ub;
    case TCG_COND_NE: return ua != ub;
    case TCG_COND_LT: return sa < sb;
    case TCG_COND_GE: return sa >= sb;
    case TCG_COND_LE: return sa <= sb;
    case TCG_COND_GT: return sa > sb;
    case TCG_COND_LTU: return ua < ub;
    case TCG_COND_GEU: return ua >= ub;
    case TCG_COND_LEU: return ua <= ub;
    case TCG_COND_GTU: return ua > ub;
    default: abort();
    }
}

const char *tt_cond_name(TCGCond c)
{
    static const char *const names[TCG_COND_COUNT] = {
        "never", "always", "eq", "ne", "lt", "ge", "le", "gt",
        "ltu", "geu", "leu", "gtu",
    };
    return c < TCG_COND_COUNT ? names[c] : "?";
}

static uint64_t ref_bswap(unsigned bytes, uint64_t v)
{
    uint64_t r = 0;
    unsigned i;

    for (i = 0; i < bytes; i++) {
        r = (r << 8) | ((v >> (8 * i)) & 0xff);
    }
    return r;
}

static unsigned ref_clz(unsigned bits, uint64_t v)
{
    unsigned n = 0;
    int i;

    for (i = bits - 1; i >= 0 && !((v >> i) & 1); i--) {
        n++;
    }
    return n;
}

static unsigned ref_ctz(unsigned bits, uint64_t v)
{
    unsigned n = 0;

    while (n < bits && !((v >> n) & 1)) {
        n++;
    }
    return n;
}

static unsigned ref_ctpop(uint64_t v)
{
    unsigned n = 0;

    for (; v; v >>= 1) {
        n += v & 1;
    }
    return n;
}

uint64_t tt_ref_binop(TCGOpcode opc, unsigned bits, uint64_t a, uint64_t b)
{
    uint64_t ua = tt_mask(bits, a), ub = tt_mask(bits, b), r;
    int64_t sa = tt_sext(bits, a), sb = tt_sext(bits, b);
    unsigned sh = ub & (bits - 1);

    switch (opc) {
    case INDEX_op_add: r = ua + ub; break;
    case INDEX_op_sub: r = ua - ub; break;
    case INDEX_op_mul: r = ua * ub; break;
    case INDEX_op_and: r = ua & ub; break;
    case INDEX_op_or: r = ua | ub; break;
    case INDEX_op_xor: r = ua ^ ub; break;
    case INDEX_op_andc: r = ua & ~ub; break;
    case INDEX_op_orc: r = ua | ~ub; break;
    case INDEX_op_eqv: r = ~(ua ^ ub); break;
    case INDEX_op_nand: r = ~(ua & ub); break;
    case INDEX_op_nor: r = ~(ua | ub); break;
    case INDEX_op_shl: r = ua << sh; break;
    case INDEX_op_shr: r = ua >> sh; break;
    case INDEX_op_sar: r = (uint64_t)(sa >> sh); break;
    case INDEX_op_rotl:
        r = sh ? (ua << sh) | (ua >> (bits - sh)) : ua;
        break;
    case INDEX_op_rotr:
        r = sh ? (ua >> sh) | (ua << (bits - sh)) : ua;
        break;
    case INDEX_op_div:
        if (ub == 0 || (sb == -1 && sa == tt_sext(bits, 1ull << (bits - 1)))) {
            r = 0;      /* undefined in the IR: never asked */
        } else {
            r = (uint64_t)(sa / sb);
        }
        break;
    case INDEX_op_rem:
        if (ub == 0 || sb == -1) {
            r = 0;
        } else {
            r = (uint64_t)(sa % sb);
        }
        break;
    case INDEX_op_divu: r = ub ? ua / ub : 0; break;
    case INDEX_op_remu: r = ub ? ua % ub : 0; break;
    case INDEX_op_muluh: {
        uint64_t lo, hi;
        tt_ref_mul2(false, bits, ua, ub, &lo, &hi);
        r = hi;
        break;
    }
    case INDEX_op_mulsh: {
        uint64_t lo, hi;
        tt_ref_mul2(true, bits, ua, ub, &lo, &hi);
        r = hi;
        break;
    }
    case INDEX_op_clz: r = ua ? ref_clz(bits, ua) : ub; break;
    case INDEX_op_ctz: r = ua ? ref_ctz(bits, ua) : ub; break;
    default:
        fprintf(stderr, "tt_ref_binop: op %d\n", opc);
        abort();
    }
    return tt_mask(bits, r);
}

uint64_t tt_ref_unop(TCGOpcode opc, unsigned bits, uint64_t a)
{
    uint64_t ua = tt_mask(bits, a), r;

    switch (opc) {
    case INDEX_op_neg: r = -ua; break;
    case INDEX_op_not: r = ~ua; break;
    case INDEX_op_ext8s: r = (uint64_t)(int64_t)(int8_t)ua; break;
    case INDEX_op_ext8u: r = (uint8_t)ua; break;
    case INDEX_op_ext16s: r = (uint64_t)(int64_t)(int16_t)ua; break;
    case INDEX_op_ext16u: r = (uint16_t)ua; break;
    case INDEX_op_ext32s: r = (uint64_t)(int64_t)(int32_t)ua; break;
    case INDEX_op_ext32u: r = (uint32_t)ua; break;
    case INDEX_op_bswap16: r = ref_bswap(2, ua); break;
    case INDEX_op_bswap32: r = ref_bswap(4, ua); break;
    case INDEX_op_bswap64: r = ref_bswap(8, ua); break;
    case INDEX_op_ctpop: r = ref_ctpop(ua); break;
    default:
        fprintf(stderr, "tt_ref_unop: op %d\n", opc);
        abort();
    }
    return tt_mask(bits, r);
}

void tt_ref_mul2(bool sign, unsigned bits, uint64_t a, uint64_t b,
                 uint64_t *lo, uint64_t *hi)
{
    if (bits == 32) {
        uint64_t p = sign ? (uint64_t)(tt_sext(32, a) * tt_sext(32, b))
                          : (uint64_t)(uint32_t)a * (uint32_t)b;
        *lo = (uint32_t)p;
        *hi = (uint32_t)(p >> 32);
    } else {
        /* Schoolbook on 32-bit halves, then the signed correction. */
        uint64_t al = (uint32_t)a, ah = a >> 32, bl = (uint32_t)b, bh = b >> 32;
        uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
        uint64_t mid = (ll >> 32) + (uint32_t)lh + (uint32_t)hl;
        uint64_t h = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);

        if (sign) {
            if ((int64_t)a < 0) {
                h -= b;
            }
            if ((int64_t)b < 0) {
                h -= a;
            }
        }
        *lo = a * b;
        *hi = h;
    }
}

void tt_ref_addsub2(bool add, unsigned bits, uint64_t al, uint64_t ah,
                    uint64_t bl, uint64_t bh, uint64_t *lo, uint64_t *hi)
{
    uint64_t l, carry;

    al = tt_mask(bits, al);
    bl = tt_mask(bits, bl);
    if (add) {
        l = tt_mask(bits, al + bl);
        carry = l < al;
        *hi = tt_mask(bits, ah + bh + carry);
    } else {
        l = tt_mask(bits, al - bl);
        carry = al < bl;
        *hi = tt_mask(bits, ah - bh - carry);
    }
    *lo = l;
}

uint64_t tt_ref_deposit(unsigned bits, uint64_t a, uint64_t b, unsigned pos,
                        unsigned len)
{
    uint64_t mask = len == 64 ? -1ull : ((1ull << len) - 1);

    return tt_mask(bits, (a & ~(mask << pos)) | ((b & mask) << pos));
}

uint64_t tt_ref_extract(unsigned bits, uint64_t a, unsigned pos, unsigned len,
                        bool sign)
{
    uint64_t v = tt_mask(bits, a) >> pos;
    uint64_t mask = len == 64 ? -1ull : ((1ull << len) - 1);

    v &= mask;
    if (sign && len < 64 && ((v >> (len - 1)) & 1)) {
        v |= ~mask;
    }
    return tt_mask(bits, v);
}

uint64_t tt_ref_extract2(unsigned bits, uint64_t lo, uint64_t hi, unsigned pos)
{
    lo = tt_mask(bits, lo);
    hi = tt_mask(bits, hi);
    if (pos == 0) {
        return lo;
    }
    if (pos == bits) {
        return hi;
    }
    return tt_mask(bits, (lo >> pos) | (hi << (bits - pos)));
}

/* ------------------------------------------------------------- builder */

void tt_gen_binop(TCGOpcode opc, TCGType t, TCGTemp *r, TCGTemp *a, TCGTemp *b)
{
    switch (opc) {
    case INDEX_op_rotl:
    case INDEX_op_rotr:
        tcg_gen_rot(opc, t, r, a, b);
        break;
    case INDEX_op_div:
    case INDEX_op_divu:
    case INDEX_op_rem:
    case INDEX_op_remu:
        tcg_gen_divrem(opc, t, r, a, b);
        break;
    case INDEX_op_muluh:
    case INDEX_op_mulsh:
        tcg_gen_mulh(opc, t, r, a, b);
        break;
    case INDEX_op_clz:
    case INDEX_op_ctz:
        tcg_gen_cntz(opc, t, r, a, b);
        break;
    default:
        tcg_gen_binop(opc, t, r, a, b);
        break;
    }
}

void tt_gen_unop(TCGOpcode opc, TCGType t, TCGTemp *r, TCGTemp *a)
{
    switch (opc) {
    case INDEX_op_ext8s:
    case INDEX_op_ext8u:
    case INDEX_op_ext16s:
    case INDEX_op_ext16u:
    case INDEX_op_ext32s:
    case INDEX_op_ext32u:
        tcg_gen_ext(opc, t, r, a);
        break;
    case INDEX_op_bswap16:
    case INDEX_op_bswap32:
    case INDEX_op_bswap64:
        tcg_gen_bswap(opc, t, r, a);
        break;
    case INDEX_op_ctpop:
        tcg_gen_ctpop(t, r, a);
        break;
    default:
        tcg_gen_unop(opc, t, r, a);
        break;
    }
}

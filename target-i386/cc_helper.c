/*
 * target-i386/cc_helper.c: the lazy arithmetic flags.  cc_compute_all
 * turns (cc_op, cc_dst, cc_src, cc_src2) into the six CC_* bits, as
 * cpu.h's CCOp comment defines them; EFLAGS as a whole is assembled from
 * those, env->df and env->eflags.  Each sized family is one function
 * taking the operand width, picked from a table by cc_op.
 */
#include "cpu.h"
#include "tcg/helper-info.h"

/* Operands of one flags computation: the low `bits` bits count. */
typedef struct CCArgs {
    uint64_t dst, src, src2;
    int bits;
} CCArgs;

static uint64_t cc_mask(int bits)
{
    return bits == 64 ? ~0ull : (1ull << bits) - 1;
}

static uint64_t cc_sign(int bits)
{
    return 1ull << (bits - 1);
}

/* PF: set when the low 8 bits of the result have an even number of 1s. */
static uint32_t cc_pf(uint64_t r)
{
    return __builtin_parity((unsigned)(r & 0xff)) ? 0 : CC_P;
}

/* ZF, SF and PF of a result. */
static uint32_t cc_zsp(uint64_t r, int bits)
{
    uint32_t f = cc_pf(r);

    if ((r & cc_mask(bits)) == 0) {
        f |= CC_Z;
    }
    if (r & cc_sign(bits)) {
        f |= CC_S;
    }
    return f;
}

/* Flags of a + b (+ carry) = r. */
static uint32_t cc_add_flags(uint64_t a, uint64_t b, uint64_t r, bool cf,
                             int bits)
{
    uint32_t f = cc_zsp(r, bits);

    if (cf) {
        f |= CC_C;
    }
    f |= (a ^ b ^ r) & CC_A;
    if ((~(a ^ b) & (a ^ r)) & cc_sign(bits)) {
        f |= CC_O;
    }
    return f;
}

/* Flags of a - b (- borrow) = r. */
static uint32_t cc_sub_flags(uint64_t a, uint64_t b, uint64_t r, bool cf,
                             int bits)
{
    uint32_t f = cc_zsp(r, bits);

    if (cf) {
        f |= CC_C;
    }
    f |= (a ^ b ^ r) & CC_A;
    if (((a ^ b) & (a ^ r)) & cc_sign(bits)) {
        f |= CC_O;
    }
    return f;
}

static uint32_t cc_all_add(const CCArgs *c)
{
    uint64_t m = cc_mask(c->bits);
    uint64_t r = c->dst & m, b = c->src & m, a = (r - b) & m;

    return cc_add_flags(a, b, r, r < b, c->bits);
}

static uint32_t cc_all_adc(const CCArgs *c)
{
    uint64_t m = cc_mask(c->bits);
    uint64_t r = c->dst & m, b = c->src & m, a = (r - b - c->src2) & m;

    return cc_add_flags(a, b, r, c->src2 ? r <= b : r < b, c->bits);
}

static uint32_t cc_all_sub(const CCArgs *c)
{
    uint64_t m = cc_mask(c->bits);
    uint64_t r = c->dst & m, b = c->src & m, a = (r + b) & m;

    return cc_sub_flags(a, b, r, a < b, c->bits);
}

static uint32_t cc_all_sbb(const CCArgs *c)
{
    uint64_t m = cc_mask(c->bits);
    uint64_t r = c->dst & m, b = c->src & m, a = (r + b + c->src2) & m;

    return cc_sub_flags(a, b, r, c->src2 ? a <= b : a < b, c->bits);
}

static uint32_t cc_all_logic(const CCArgs *c)
{
    return cc_zsp(c->dst, c->bits);
}

static uint32_t cc_all_inc(const CCArgs *c)
{
    uint64_t m = cc_mask(c->bits);
    uint64_t r = c->dst & m, a = (r - 1) & m;
    uint32_t f = cc_zsp(r, c->bits) | (c->src ? CC_C : 0);

    f |= (a ^ 1 ^ r) & CC_A;
    if (r == cc_sign(c->bits)) {
        f |= CC_O;
    }
    return f;
}

static uint32_t cc_all_dec(const CCArgs *c)
{
    uint64_t m = cc_mask(c->bits);
    uint64_t r = c->dst & m, a = (r + 1) & m;
    uint32_t f = cc_zsp(r, c->bits) | (c->src ? CC_C : 0);

    f |= (a ^ 1 ^ r) & CC_A;
    if (r == cc_sign(c->bits) - 1) {
        f |= CC_O;
    }
    return f;
}

/* OF of a 1-bit shift: the sign changed between src and the result. */
static uint32_t cc_shift_of(const CCArgs *c)
{
    return ((c->src ^ c->dst) & cc_sign(c->bits)) ? CC_O : 0;
}

static uint32_t cc_all_shl(const CCArgs *c)
{
    return cc_zsp(c->dst, c->bits) | ((c->src & cc_sign(c->bits)) ? CC_C : 0) |
           cc_shift_of(c);
}

static uint32_t cc_all_sar(const CCArgs *c)
{
    return cc_zsp(c->dst, c->bits) | ((c->src & 1) ? CC_C : 0) |
           cc_shift_of(c);
}

/* SF ZF AF PF are undefined; current Intel cores (the oracle) clear them. */
static uint32_t cc_all_mul(const CCArgs *c)
{
    return c->src ? CC_C | CC_O : 0;
}

static uint32_t cc_all_bmilg(const CCArgs *c)
{
    return cc_zsp(c->dst, c->bits) |
           ((c->src & cc_mask(c->bits)) == 0 ? CC_C : 0);
}

typedef uint32_t (*CCFamilyFn)(const CCArgs *c);

/* The sized families, in CCOp order from CC_OP_MULB. */
static const CCFamilyFn cc_families[] = {
    cc_all_mul, cc_all_add, cc_all_adc, cc_all_sub, cc_all_sbb,
    cc_all_logic, cc_all_inc, cc_all_dec, cc_all_shl, cc_all_sar,
    cc_all_bmilg,
};

/* CF and OF of a rotate from its result (see CC_OP_ROT in cpu.h). */
static uint32_t cc_rot_cf_of(uint64_t res, int op)
{
    int bits = 8 << ((op >> CC_OP_ROT_SIZE_SHIFT) & 3);
    uint64_t msb = (res >> (bits - 1)) & 1, cf, of;

    if (op & CC_OP_ROT_RIGHT) {
        cf = msb;
        of = msb ^ ((res >> (bits - 2)) & 1);
    } else {
        cf = res & 1;
        of = msb ^ cf;
    }
    return (cf ? CC_C : 0) | (of ? CC_O : 0);
}

uint32_t cc_compute_all(uint64_t dst, uint64_t src, uint64_t src2, int op)
{
    CCArgs c;

    if (op & CC_OP_ROT) {
        return (cc_compute_all(dst, src, 0, op & CC_OP_BASE_MASK) &
                ~(uint32_t)(CC_C | CC_O)) | cc_rot_cf_of(src2, op);
    }
    if (op >= CC_OP_MULB && op <= CC_OP_BMILGQ) {
        c.dst = dst;
        c.src = src;
        c.src2 = src2;
        c.bits = 8 << ((op - CC_OP_MULB) & 3);
        return cc_families[(op - CC_OP_MULB) >> 2](&c);
    }
    switch (op) {
    case CC_OP_EFLAGS:
        return src & CC_MASK;
    case CC_OP_ADCX:
        return (src2 & CC_MASK & ~CC_C) | (src ? CC_C : 0);
    case CC_OP_ADOX:
        return (src2 & CC_MASK & ~CC_O) | (src ? CC_O : 0);
    case CC_OP_ADCOX:
        return (src ? CC_C : 0) | (src2 ? CC_O : 0);
    case CC_OP_CLR:
        return CC_Z | CC_P;
    case CC_OP_POPCNT:
        return dst ? 0 : CC_Z;
    default:
        return 0;
    }
}

uint32_t cc_compute_c(uint64_t dst, uint64_t src, uint64_t src2, int op)
{
    return cc_compute_all(dst, src, src2, op) & CC_C;
}

static uint32_t cc_env_flags(CPUX86State *env)
{
    return cc_compute_all(env->cc_dst, env->cc_src, env->cc_src2, env->cc_op);
}

uint32_t cpu_compute_eflags(CPUX86State *env)
{
    return (uint32_t)env->eflags | cc_env_flags(env) |
           (env->df < 0 ? DF_MASK : 0) | 2;
}

void cpu_load_eflags(CPUX86State *env, uint32_t v, uint32_t update_mask)
{
    uint32_t other = update_mask & ~(CC_MASK | DF_MASK);

    if (update_mask & CC_MASK) {
        uint32_t f = cc_env_flags(env);

        env->cc_src = (f & ~update_mask) | (v & update_mask & CC_MASK);
        env->cc_op = CC_OP_EFLAGS;
    }
    if (update_mask & DF_MASK) {
        env->df = (v & DF_MASK) ? -1 : 1;
    }
    env->eflags = ((env->eflags & ~(uint64_t)other) | (v & other)) &
                  ~(uint64_t)(CC_MASK | DF_MASK);
    env->eflags |= 2;
    env->hflags &= ~(HF_TF_MASK | (3u << HF_IOPL_SHIFT));
    if (env->eflags & TF_MASK) {
        env->hflags |= HF_TF_MASK;
    }
    env->hflags |= ((env->eflags & IOPL_MASK) >> 12) << HF_IOPL_SHIFT;
}

/* ------------------------------------------------- helpers for TCG */

#define P   TCG_CALL_PTR
#define I64 TCG_CALL_I64

static uint64_t helper_cc_compute_all(uint64_t dst, uint64_t src,
                                      uint64_t src2, uint64_t op)
{
    return cc_compute_all(dst, src, src2, op);
}
DEF_HELPER_INFO(cc_compute_all, TCG_CALL_NO_RWG_SE, I64, 4, I64, I64, I64, I64);

static uint64_t helper_cc_compute_c(uint64_t dst, uint64_t src,
                                    uint64_t src2, uint64_t op)
{
    return cc_compute_c(dst, src, src2, op);
}
DEF_HELPER_INFO(cc_compute_c, TCG_CALL_NO_RWG_SE, I64, 4, I64, I64, I64, I64);

/* pushf: reads the lazy flags from env (cc_op must be stored). */
static uint64_t helper_cc_read_eflags(CPUX86State *env)
{
    return cpu_compute_eflags(env);
}
DEF_HELPER_INFO(cc_read_eflags, TCG_CALL_NO_WG, I64, 1, P);

/* popf: leaves the flags as CC_OP_EFLAGS in env. */
static void helper_cc_write_eflags(CPUX86State *env, uint64_t v,
                                   uint64_t mask)
{
    cpu_load_eflags(env, v, mask);
}
DEF_HELPER_INFO(cc_write_eflags, 0, TCG_CALL_VOID, 3, P, I64, I64);

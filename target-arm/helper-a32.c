/*
 * target-arm/helper-a32.c: run-time helpers of the AArch32 translator's
 * core and data-processing class (translate-a32.c, trans-a32-dp.c.inc):
 * exceptions, and the operations that are too long to inline (saturating
 * and parallel arithmetic, CRC32...).  Each helper is paired with the
 * TCGHelperInfo the translator passes to tcg_gen_call().
 */
#include <stdbool.h>
#include <string.h>

#include "internals.h"
#include "tcg/helper-info.h"

#define P   TCG_CALL_PTR
#define I32 TCG_CALL_I32
#define I64 TCG_CALL_I64

/* ----------------------------------------------------------- exceptions */

/* regs[15] and condexec_bits are already stored by the translator. */
static void helper_dp_raise(CPUARMState *env, uint32_t excp,
                            uint32_t syndrome)
{
    env->exception.syndrome = syndrome;
    cpu_raise_exception(env_cpu(env), excp, 0);
}
DEF_HELPER_INFO(dp_raise, 0, TCG_CALL_VOID, 3, P, I32, I32);

/* ------------------------------------------------------------- shifter */

/*
 * Register-shifted register with carry-out (amount: bottom byte).
 * desc = shift type | C flag << 2; returns result | carry << 32.
 */
static uint64_t helper_dp_shift_cc(uint32_t val, uint32_t amt, uint32_t desc)
{
    uint32_t c = (desc >> 2) & 1, r = val;

    amt &= 0xff;
    if (amt == 0) {
        return val | ((uint64_t)c << 32);
    }
    switch (desc & 3) {
    case 0:                                       /* LSL */
        if (amt < 32) {
            c = (val >> (32 - amt)) & 1;
            r = val << amt;
        } else {
            c = amt == 32 ? val & 1 : 0;
            r = 0;
        }
        break;
    case 1:                                       /* LSR */
        if (amt < 32) {
            c = (val >> (amt - 1)) & 1;
            r = val >> amt;
        } else {
            c = amt == 32 ? val >> 31 : 0;
            r = 0;
        }
        break;
    case 2:                                       /* ASR */
        if (amt < 32) {
            c = (val >> (amt - 1)) & 1;
            r = (uint32_t)((int32_t)val >> amt);
        } else {
            c = val >> 31;
            r = (uint32_t)((int32_t)val >> 31);
        }
        break;
    default:                                      /* ROR */
        amt &= 31;
        r = amt ? (val >> amt) | (val << (32 - amt)) : val;
        c = r >> 31;
        break;
    }
    return r | ((uint64_t)c << 32);
}
DEF_HELPER_INFO(dp_shift_cc, TCG_CALL_NO_RWG_SE, I64, 3, I32, I32, I32);

/* ---------------------------------------------------------- saturation */

/* Clamp v to the signed range of bits (1..32) bits; *sat if clamped. */
static int64_t dp_ssat_val(int64_t v, unsigned bits, bool *sat)
{
    int64_t max = ((int64_t)1 << (bits - 1)) - 1, min = -max - 1;

    if (v > max) {
        *sat = true;
        return max;
    }
    if (v < min) {
        *sat = true;
        return min;
    }
    return v;
}

/* Clamp v to 0 .. 2^bits - 1 (bits 0..32). */
static int64_t dp_usat_val(int64_t v, unsigned bits, bool *sat)
{
    int64_t max = ((int64_t)1 << bits) - 1;

    if (v > max) {
        *sat = true;
        return max;
    }
    if (v < 0) {
        *sat = true;
        return 0;
    }
    return v;
}

/* op: 0 QADD (a + b), 1 QSUB (a - b), 2 QDADD, 3 QDSUB (b doubled) */
static uint32_t helper_dp_qaddsub(CPUARMState *env, uint32_t a, uint32_t b,
                                  uint32_t op)
{
    bool sat = false;
    int64_t vb = (int32_t)b, r;

    if (op & 2) {
        vb = dp_ssat_val(vb * 2, 32, &sat);
    }
    r = (op & 1) ? (int64_t)(int32_t)a - vb : (int64_t)(int32_t)a + vb;
    r = dp_ssat_val(r, 32, &sat);
    if (sat) {
        env->QF = 1;
    }
    return (uint32_t)r;
}
DEF_HELPER_INFO(dp_qaddsub, TCG_CALL_NO_RWG, I32, 4, P, I32, I32, I32);

/* desc = bits | kind << 8; kind 0 SSAT, 1 USAT, 2 SSAT16, 3 USAT16 */
static uint32_t helper_dp_sat(CPUARMState *env, uint32_t v, uint32_t desc)
{
    unsigned bits = desc & 0xff, kind = desc >> 8;
    bool sat = false;
    uint32_t r;

    switch (kind) {
    case 0:
        r = dp_ssat_val((int32_t)v, bits, &sat);
        break;
    case 1:
        r = dp_usat_val((int32_t)v, bits, &sat);
        break;
    case 2:
        r = ((uint32_t)dp_ssat_val((int16_t)v, bits, &sat) & 0xffff) |
            ((uint32_t)dp_ssat_val((int16_t)(v >> 16), bits, &sat) << 16);
        break;
    default:
        r = ((uint32_t)dp_usat_val((int16_t)v, bits, &sat) & 0xffff) |
            ((uint32_t)dp_usat_val((int16_t)(v >> 16), bits, &sat) << 16);
        break;
    }
    if (sat) {
        env->QF = 1;
    }
    return r;
}
DEF_HELPER_INFO(dp_sat, TCG_CALL_NO_RWG, I32, 3, P, I32, I32);

/* a + b, setting Q on signed overflow (SMLA<x><y>, SMLAW<y>) */
static uint32_t helper_dp_add_setq(CPUARMState *env, uint32_t a, uint32_t b)
{
    uint32_t r = a + b;

    if ((~(a ^ b) & (a ^ r)) >> 31) {
        env->QF = 1;
    }
    return r;
}
DEF_HELPER_INFO(dp_add_setq, TCG_CALL_NO_RWG, I32, 3, P, I32, I32);

/*
 * SMLAD/SMUAD/SMLSD/SMUSD: lo(n)*lo(m) +/- hi(n)*hi(m) + ra, Q if the
 * exact result does not fit.  desc bit 0: swap m's halves, bit 1: sub.
 */
static uint32_t helper_dp_dual_mul(CPUARMState *env, uint32_t n, uint32_t m,
                                   uint32_t ra, uint32_t desc)
{
    int64_t p1, p2, r;

    if (desc & 1) {
        m = (m >> 16) | (m << 16);
    }
    p1 = (int64_t)(int16_t)n * (int16_t)m;
    p2 = (int64_t)(int16_t)(n >> 16) * (int16_t)(m >> 16);
    r = ((desc & 2) ? p1 - p2 : p1 + p2) + (int32_t)ra;
    if (r != (int32_t)r) {
        env->QF = 1;
    }
    return (uint32_t)r;
}
DEF_HELPER_INFO(dp_dual_mul, TCG_CALL_NO_RWG, I32, 5, P, I32, I32, I32,
                I32);

/* ------------------------------------------------ parallel add/subtract */

/*
 * desc = kind << 3 | op, in the A32 numbering: kind 1 S, 2 Q, 3 SH,
 * 5 U, 6 UQ, 7 UH; op 0 ADD16, 1 ASX, 2 SAX, 3 SUB16, 4 ADD8, 7 SUB8.
 * The S and U kinds set GE (one bit per byte lane; two per halfword).
 */
static uint32_t helper_dp_parallel(CPUARMState *env, uint32_t a, uint32_t b,
                                   uint32_t desc)
{
    unsigned kind = desc >> 3, op = desc & 7;
    bool uns = kind & 4, byte = op >= 4;
    unsigned w = byte ? 8 : 16, lanes = 32 / w, i;
    uint32_t mask = (1u << w) - 1, res = 0, ge = 0;
    bool unused;

    for (i = 0; i < lanes; i++) {
        unsigned bl = i;
        bool sub;
        int32_t x, y, full, v;

        switch (op) {
        case 0: case 4:
            sub = false;
            break;
        case 1:                                   /* ASX: lo -, hi + */
            sub = i == 0;
            bl = 1 - i;
            break;
        case 2:                                   /* SAX: lo +, hi - */
            sub = i == 1;
            bl = 1 - i;
            break;
        default:
            sub = true;
            break;
        }
        x = (a >> (i * w)) & mask;
        y = (b >> (bl * w)) & mask;
        if (!uns) {
            x = (int32_t)((uint32_t)x << (32 - w)) >> (32 - w);
            y = (int32_t)((uint32_t)y << (32 - w)) >> (32 - w);
        }
        full = sub ? x - y : x + y;
        switch (kind & 3) {
        case 1:                                   /* S, U: modular */
            v = full;
            if (uns ? (sub ? full >= 0 : full >= (1 << w)) : full >= 0) {
                ge |= (byte ? 1u : 3u) << (i * (byte ? 1 : 2));
            }
            break;
        case 2:                                   /* Q, UQ: saturating */
            v = uns ? dp_usat_val(full, w, &unused)
                    : dp_ssat_val(full, w, &unused);
            break;
        default:                                  /* SH, UH: halving */
            v = full >> 1;
            break;
        }
        res |= ((uint32_t)v & mask) << (i * w);
    }
    if ((kind & 3) == 1) {
        env->GE = ge;
    }
    return res;
}
DEF_HELPER_INFO(dp_parallel, TCG_CALL_NO_RWG, I32, 4, P, I32, I32, I32);

/* SEL: byte i from a if GE[i], else from b */
static uint32_t helper_dp_usad8(uint32_t a, uint32_t b)
{
    uint32_t sum = 0;
    int i;

    for (i = 0; i < 32; i += 8) {
        int d = (int)((a >> i) & 0xff) - (int)((b >> i) & 0xff);

        sum += d < 0 ? -d : d;
    }
    return sum;
}
DEF_HELPER_INFO(dp_usad8, TCG_CALL_NO_RWG_SE, I32, 2, I32, I32);

/* ------------------------------------------------------ divide, misc */

/* Division by zero gives 0 (no trap: user mode, SCTLR.DZ = 0). */
static uint32_t helper_dp_sdiv(uint32_t a, uint32_t b)
{
    if (b == 0) {
        return 0;
    }
    if (a == 0x80000000u && b == 0xffffffffu) {
        return 0x80000000u;
    }
    return (uint32_t)((int32_t)a / (int32_t)b);
}
DEF_HELPER_INFO(dp_sdiv, TCG_CALL_NO_RWG_SE, I32, 2, I32, I32);

static uint32_t helper_dp_udiv(uint32_t a, uint32_t b)
{
    return b ? a / b : 0;
}
DEF_HELPER_INFO(dp_udiv, TCG_CALL_NO_RWG_SE, I32, 2, I32, I32);

static uint32_t helper_dp_rbit(uint32_t a)
{
    a = ((a >> 1) & 0x55555555u) | ((a & 0x55555555u) << 1);
    a = ((a >> 2) & 0x33333333u) | ((a & 0x33333333u) << 2);
    a = ((a >> 4) & 0x0f0f0f0fu) | ((a & 0x0f0f0f0fu) << 4);
    return __builtin_bswap32(a);
}
DEF_HELPER_INFO(dp_rbit, TCG_CALL_NO_RWG_SE, I32, 1, I32);

/* CRC32{B,H,W} and CRC32C*: desc = bytes | c << 8 (reflected, as A64) */
static uint32_t helper_dp_crc32(uint32_t acc, uint32_t val, uint32_t desc)
{
    uint32_t poly = (desc >> 8) ? 0x82f63b78u : 0xedb88320u;
    unsigned bytes = desc & 0xff, i, b;

    for (i = 0; i < bytes; i++) {
        acc ^= (uint8_t)(val >> (i * 8));
        for (b = 0; b < 8; b++) {
            acc = (acc >> 1) ^ ((acc & 1) ? poly : 0);
        }
    }
    return acc;
}
DEF_HELPER_INFO(dp_crc32, TCG_CALL_NO_RWG_SE, I32, 3, I32, I32, I32);

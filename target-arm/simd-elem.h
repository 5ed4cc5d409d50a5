/*
 * target-arm/simd-elem.h: element access on the AdvSIMD registers, for
 * helper-simd.c and helper-simd-move.c.  Elements are addressed as on a
 * little-endian host (vregs[r].d[0] is the low half; element i of size
 * s, log2 bytes, lives at byte i << s).  Saturating results set FPSR.QC.
 */
#ifndef TARGET_ARM_SIMD_ELEM_H
#define TARGET_ARM_SIMD_ELEM_H

#include <string.h>

#include "internals.h"

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the AdvSIMD helpers assume a little-endian host"
#endif

typedef ARMVectorReg V;

static inline uint64_t eget(const V *v, int i, int sz)
{
    const uint8_t *p = (const uint8_t *)v->d;

    switch (sz) {
    case 0: return p[i];
    case 1: { uint16_t x; memcpy(&x, p + 2 * i, 2); return x; }
    case 2: { uint32_t x; memcpy(&x, p + 4 * i, 4); return x; }
    default: return v->d[i];
    }
}

static inline void eset(V *v, int i, int sz, uint64_t x)
{
    uint8_t *p = (uint8_t *)v->d;

    switch (sz) {
    case 0: p[i] = x; break;
    case 1: { uint16_t y = x; memcpy(p + 2 * i, &y, 2); break; }
    case 2: { uint32_t y = x; memcpy(p + 4 * i, &y, 4); break; }
    default: v->d[i] = x; break;
    }
}

static inline uint64_t emask(int sz)
{
    return sz == 3 ? ~0ull : (1ull << (8 << sz)) - 1;
}

static inline int64_t sx(uint64_t x, int sz)
{
    int sh = 64 - (8 << sz);

    return (int64_t)(x << sh) >> sh;
}

static inline void set_qc(CPUARMState *env)
{
    env->fpsr |= 1u << 27;
}

/* Saturate a signed value to sz; set QC if it did not fit. */
static inline uint64_t sat_s(CPUARMState *env, __int128 v, int sz)
{
    __int128 max = sz == 3 ? (__int128)INT64_MAX : ((__int128)1 << ((8 << sz) - 1)) - 1;
    __int128 min = -max - 1;

    if (v > max) {
        set_qc(env);
        v = max;
    } else if (v < min) {
        set_qc(env);
        v = min;
    }
    return (uint64_t)v & emask(sz);
}

static inline uint64_t sat_u(CPUARMState *env, __int128 v, int sz)
{
    __int128 max = (__int128)emask(sz);

    if (v > max) {
        set_qc(env);
        v = max;
    } else if (v < 0) {
        set_qc(env);
        v = 0;
    }
    return (uint64_t)v;
}

/* Write back a result: Q=0 (64-bit) results zero the high half. */
static inline void put(CPUARMState *env, int rd, V *r, bool q)
{
    if (!q) {
        r->d[1] = 0;
    }
    env->vregs[rd] = *r;
}

#endif

/*
 * target-i386/sse_int_helper.c: run-time helpers of the MMX / SSE* /
 * AVX2 integer instructions (trans-sse-int.c.inc), plus AES-NI, PCLMUL
 * and the SSE4.2 string compares.
 *
 * Most helpers share one shape, (env, d, a, b, desc): d, a and b are
 * byte offsets in env of the destination and the two sources (an XMM/
 * YMM register, an MMX register, or xmm_t0/mmx_t0 holding a memory
 * operand), desc packs the operand size and the immediate (SSEI_* below,
 * mirrored in the translator).  Sources are copied out first, so the
 * destination may be one of them; one helper serves MMX (8 bytes), SSE
 * (16) and VEX.256 (32) forms.  Instructions that work per 128-bit lane
 * on YMM registers treat an MMX register as a single 8-byte lane.
 */
#include <stdbool.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "cpu.h"
#include "tcg/tcg.h"

/* desc: bits 0-5 operand bytes, bit 6 zero up to 32 bytes (VEX),
 * bits 8-15 imm8, bits 16-47 env offset of a third source. */
#define SZ(desc)   ((int)((desc) & 0x3f))
#define VEXZ       0x40
#define IMM(desc)  ((unsigned)((desc) >> 8) & 0xff)
#define AUX(desc)  ((uint32_t)((desc) >> 16))

typedef X86YMMReg V;

/* Copies with constant sizes, so they become a few moves. */
static inline void vget(CPUX86State *env, uint64_t off, V *v, int sz)
{
    memset(v, 0, sizeof(*v));
    if (sz == 32) {
        memcpy(v, (char *)env + off, 32);
    } else if (sz == 16) {
        memcpy(v, (char *)env + off, 16);
    } else {
        memcpy(v, (char *)env + off, 8);
    }
}

static inline void vput(CPUX86State *env, uint64_t d, const V *r,
                        uint64_t desc)
{
    int sz = SZ(desc);
    char *p = (char *)env + d;

    if (sz == 32) {
        memcpy(p, r, 32);
    } else if (sz == 16) {
        memcpy(p, r, 16);
    } else {
        memcpy(p, r, 8);
    }
    if ((desc & VEXZ) && sz < 32) {
        memset(p + sz, 0, 32 - sz);
    }
}

/* The lane size of per-128-bit-lane operations. */
static inline int lane_bytes(int sz)
{
    return sz < 16 ? sz : 16;
}

#define P   TCG_CALL_PTR
#define I64 TCG_CALL_I64

#define DEF_INFO(NM)                                                       \
    const TCGHelperInfo helper_info_ssei_##NM = {                          \
        .func = (void *)h_##NM, .name = "ssei_" #NM,                       \
        .flags = TCG_CALL_NO_RWG, .ret = TCG_CALL_VOID, .nargs = 5,        \
        .args = { P, I64, I64, I64, I64 },                                 \
    }

#define HELPER(NM)                                                         \
    static void h_##NM(CPUX86State *env, uint64_t d, uint64_t a,           \
                       uint64_t b, uint64_t desc)

/* Saturation. */
static inline int8_t sat_sb(int x)
{
    return x > 127 ? 127 : x < -128 ? -128 : x;
}
static inline uint8_t sat_ub(int x)
{
    return x > 255 ? 255 : x < 0 ? 0 : x;
}
static inline int16_t sat_sw(int x)
{
    return x > 32767 ? 32767 : x < -32768 ? -32768 : x;
}
static inline uint16_t sat_uw(int x)
{
    return x > 65535 ? 65535 : x < 0 ? 0 : x;
}

/* ------------------------------------------------ lane-wise binary ops */

/* r.F[i] = expr(x = a.F[i], y = b.F[i]) on every element. */
/* The loop is over all 32 bytes (a constant trip count the compiler
 * vectorises); vput stores only the operand size. */
#define BIN(NM, F, expr)                                                   \
HELPER(NM)                                                                 \
{                                                                          \
    V A, B, R;                                                             \
    int sz = SZ(desc), i;                                                  \
                                                                           \
    vget(env, a, &A, sz);                                                  \
    vget(env, b, &B, sz);                                                  \
    for (i = 0; i < (int)(32 / sizeof(A.F[0])); i++) {                     \
        __typeof__(A.F[0]) x = A.F[i], y = B.F[i];                         \
        R.F[i] = (expr);                                                   \
    }                                                                      \
    vput(env, d, &R, desc);                                                \
}                                                                          \
DEF_INFO(NM);

BIN(paddb, b, x + y)
BIN(paddw, w, x + y)
BIN(paddd, l, x + y)
BIN(paddq, q, x + y)
BIN(psubb, b, x - y)
BIN(psubw, w, x - y)
BIN(psubd, l, x - y)
BIN(psubq, q, x - y)
BIN(paddsb, sb, sat_sb(x + y))
BIN(paddsw, sw, sat_sw(x + y))
BIN(paddusb, b, sat_ub(x + y))
BIN(paddusw, w, sat_uw(x + y))
BIN(psubsb, sb, sat_sb(x - y))
BIN(psubsw, sw, sat_sw(x - y))
BIN(psubusb, b, sat_ub(x - y))
BIN(psubusw, w, sat_uw(x - y))
BIN(pcmpeqb, b, x == y ? 0xff : 0)
BIN(pcmpeqw, w, x == y ? 0xffff : 0)
BIN(pcmpeqd, l, x == y ? ~0u : 0)
BIN(pcmpeqq, q, x == y ? ~0ull : 0)
BIN(pcmpgtb, sb, x > y ? -1 : 0)
BIN(pcmpgtw, sw, x > y ? -1 : 0)
BIN(pcmpgtd, sl, x > y ? -1 : 0)
BIN(pcmpgtq, sq, x > y ? -1 : 0)
BIN(pminub, b, x < y ? x : y)
BIN(pmaxub, b, x > y ? x : y)
BIN(pminuw, w, x < y ? x : y)
BIN(pmaxuw, w, x > y ? x : y)
BIN(pminud, l, x < y ? x : y)
BIN(pmaxud, l, x > y ? x : y)
BIN(pminsb, sb, x < y ? x : y)
BIN(pmaxsb, sb, x > y ? x : y)
BIN(pminsw, sw, x < y ? x : y)
BIN(pmaxsw, sw, x > y ? x : y)
BIN(pminsd, sl, x < y ? x : y)
BIN(pmaxsd, sl, x > y ? x : y)
BIN(pavgb, b, (x + y + 1) >> 1)
BIN(pavgw, w, (x + y + 1) >> 1)
BIN(pmullw, w, x * y)
BIN(pmulld, l, x * y)
BIN(pmulhw, sw, (x * y) >> 16)
BIN(pmulhuw, w, ((uint32_t)x * y) >> 16)
BIN(pmulhrsw, sw, ((((int32_t)x * y) >> 14) + 1) >> 1)
BIN(pmuludq, q, (uint64_t)(uint32_t)x * (uint32_t)y)
BIN(pmuldq, q, (uint64_t)((int64_t)(int32_t)x * (int32_t)y))
BIN(psignb, sb, y < 0 ? -x : y ? x : 0)
BIN(psignw, sw, y < 0 ? -x : y ? x : 0)
BIN(psignd, sl, y < 0 ? (int32_t)-(uint32_t)x : y ? x : 0)
BIN(pand, q, x & y)
BIN(pandn, q, ~x & y)
BIN(por, q, x | y)
BIN(pxor, q, x ^ y)
/* Per-element variable shifts (AVX2): counts past the width give 0
 * (logical) or the sign (arithmetic). */
BIN(psllvd, l, y > 31 ? 0 : x << y)
BIN(psllvq, q, y > 63 ? 0 : x << y)
BIN(psrlvd, l, y > 31 ? 0 : x >> y)
BIN(psrlvq, q, y > 63 ? 0 : x >> y)
BIN(psravd, sl, x >> ((uint32_t)y > 31 ? 31 : y))

/* pmaddwd: pairs of signed word products summed into dwords. */
HELPER(pmaddwd)
{
    V A, B, R;
    int sz = SZ(desc), i;

    vget(env, a, &A, sz);
    vget(env, b, &B, sz);
    for (i = 0; i < sz / 4; i++) {
        R.l[i] = (uint32_t)(A.sw[2 * i] * B.sw[2 * i]) +
                 (uint32_t)(A.sw[2 * i + 1] * B.sw[2 * i + 1]);
    }
    vput(env, d, &R, desc);
}
DEF_INFO(pmaddwd);

/* pmaddubsw: unsigned bytes of a times signed bytes of b, pairs summed
 * with signed saturation. */
HELPER(pmaddubsw)
{
    V A, B, R;
    int sz = SZ(desc), i;

    vget(env, a, &A, sz);
    vget(env, b, &B, sz);
    for (i = 0; i < sz / 2; i++) {
        R.sw[i] = sat_sw(A.b[2 * i] * B.sb[2 * i] +
                         A.b[2 * i + 1] * B.sb[2 * i + 1]);
    }
    vput(env, d, &R, desc);
}
DEF_INFO(pmaddubsw);

/* psadbw: sums of absolute byte differences per 64-bit element. */
HELPER(psadbw)
{
    V A, B, R;
    int sz = SZ(desc), i, k;

    vget(env, a, &A, sz);
    vget(env, b, &B, sz);
    for (i = 0; i < sz / 8; i++) {
        unsigned sum = 0;
        for (k = 0; k < 8; k++) {
            int t = A.b[8 * i + k] - B.b[8 * i + k];
            sum += t < 0 ? -t : t;
        }
        R.q[i] = sum;
    }
    vput(env, d, &R, desc);
}
DEF_INFO(psadbw);

/* ------------------------------------------------ shifts by a count */

/* The count is the low 64 bits of b (xmm/m128, mm/m64, or an imm8
 * the translator stored there). */
#define SHIFT(NM, F, bits, op, arith)                                      \
HELPER(NM)                                                                 \
{                                                                          \
    V A, R;                                                                \
    int sz = SZ(desc), i, n = sz / (int)sizeof(A.F[0]);                    \
    uint64_t cnt = *(uint64_t *)((char *)env + b);                         \
                                                                           \
    vget(env, a, &A, sz);                                                  \
    for (i = 0; i < n; i++) {                                              \
        if (cnt < bits) {                                                  \
            R.F[i] = A.F[i] op cnt;                                        \
        } else {                                                           \
            R.F[i] = arith ? A.F[i] op (bits - 1) : 0;                     \
        }                                                                  \
    }                                                                      \
    vput(env, d, &R, desc);                                                \
}                                                                          \
DEF_INFO(NM);

SHIFT(psrlw, w, 16, >>, 0)
SHIFT(psrld, l, 32, >>, 0)
SHIFT(psrlq, q, 64, >>, 0)
SHIFT(psraw, sw, 16, >>, 1)
SHIFT(psrad, sl, 32, >>, 1)
SHIFT(psllw, w, 16, <<, 0)
SHIFT(pslld, l, 32, <<, 0)
SHIFT(psllq, q, 64, <<, 0)

/* psrldq / pslldq: byte shifts of each 128-bit lane by imm8. */
static void byte_shift(CPUX86State *env, uint64_t d, uint64_t a,
                       uint64_t desc, bool left)
{
    V A, R;
    int sz = SZ(desc), cnt = IMM(desc), l, i;

    vget(env, a, &A, sz);
    for (l = 0; l < sz; l += 16) {
        for (i = 0; i < 16; i++) {
            int j = left ? i - cnt : i + cnt;
            R.b[l + i] = j >= 0 && j < 16 ? A.b[l + j] : 0;
        }
    }
    vput(env, d, &R, desc);
}

HELPER(psrldq)
{
    (void)b;
    byte_shift(env, d, a, desc, false);
}
DEF_INFO(psrldq);

HELPER(pslldq)
{
    (void)b;
    byte_shift(env, d, a, desc, true);
}
DEF_INFO(pslldq);

/* ------------------------------------------------- unpack and pack */

/* Interleave the low (high) halves of each lane of a and b, elements
 * of es bytes. */
/* The body for one operand size: inlined with sz, es and high constant,
 * so each helper becomes a few fixed moves (byte swaps in hashing code
 * run through punpck/pack). */
static inline __attribute__((always_inline)) void
unpack_sz(CPUX86State *env, uint64_t d, uint64_t a, uint64_t b,
          uint64_t desc, int sz, int es, bool high)
{
    V A, B, R = { .q = { 0 } };   /* (MMX has no qdq form: sz 8, es 8) */
    int lb = lane_bytes(sz), l, i;

#ifdef __SSE2__
    if (sz == 16) {
        /* The host's own unpack: one instruction, no byte loop (the
         * byte loop's narrow stores stall the wide reload in vput). */
        __m128i x = _mm_loadu_si128((const __m128i *)((char *)env + a));
        __m128i y = _mm_loadu_si128((const __m128i *)((char *)env + b));
        __m128i r;

        switch (es * 2 + high) {
        case 2: r = _mm_unpacklo_epi8(x, y); break;
        case 3: r = _mm_unpackhi_epi8(x, y); break;
        case 4: r = _mm_unpacklo_epi16(x, y); break;
        case 5: r = _mm_unpackhi_epi16(x, y); break;
        case 8: r = _mm_unpacklo_epi32(x, y); break;
        case 9: r = _mm_unpackhi_epi32(x, y); break;
        case 16: r = _mm_unpacklo_epi64(x, y); break;
        default: r = _mm_unpackhi_epi64(x, y); break;
        }
        _mm_storeu_si128((__m128i *)&R, r);
        vput(env, d, &R, desc);
        return;
    }
#endif
    vget(env, a, &A, sz);
    vget(env, b, &B, sz);
    for (l = 0; l < sz; l += lb) {
        int half = lb / 2, src = l + (high ? half : 0);
        for (i = 0; i < half / es; i++) {
            memcpy(&R.b[l + 2 * i * es], &A.b[src + i * es], es);
            memcpy(&R.b[l + (2 * i + 1) * es], &B.b[src + i * es], es);
        }
    }
    vput(env, d, &R, desc);
}

#define UNPACK(NM, es, high)                                               \
HELPER(NM)                                                                 \
{                                                                          \
    switch (SZ(desc)) {                                                    \
    case 16: unpack_sz(env, d, a, b, desc, 16, es, high); break;           \
    case 32: unpack_sz(env, d, a, b, desc, 32, es, high); break;           \
    default: unpack_sz(env, d, a, b, desc, 8, es, high); break;            \
    }                                                                      \
}                                                                          \
DEF_INFO(NM);

UNPACK(punpcklbw, 1, false)
UNPACK(punpcklwd, 2, false)
UNPACK(punpckldq, 4, false)
UNPACK(punpcklqdq, 8, false)
UNPACK(punpckhbw, 1, true)
UNPACK(punpckhwd, 2, true)
UNPACK(punpckhdq, 4, true)
UNPACK(punpckhqdq, 8, true)

/* Narrow each lane of a (low half of the result lane) and b (high half)
 * with saturation. */
#define PACK(NM, SF, DF, sat, HOST16)                                      \
static inline __attribute__((always_inline)) void                          \
NM##_sz(CPUX86State *env, uint64_t d, uint64_t a, uint64_t b,              \
        uint64_t desc, int sz)                                             \
{                                                                          \
    V A, B, R;                                                             \
    int lb = lane_bytes(sz), l, i;                                         \
    int n = lb / (int)sizeof(A.SF[0]);   /* source elements per lane */    \
                                                                           \
    if (HOST16(env, d, a, b, desc, sz, &R)) {                              \
        return;                                                            \
    }                                                                      \
    vget(env, a, &A, sz);                                                  \
    vget(env, b, &B, sz);                                                  \
    for (l = 0; l < sz / lb; l++) {                                        \
        for (i = 0; i < n; i++) {                                          \
            R.DF[l * 2 * n + i] = sat(A.SF[l * n + i]);                    \
            R.DF[l * 2 * n + n + i] = sat(B.SF[l * n + i]);                \
        }                                                                  \
    }                                                                      \
    vput(env, d, &R, desc);                                                \
}                                                                          \
HELPER(NM)                                                                 \
{                                                                          \
    switch (SZ(desc)) {                                                    \
    case 16: NM##_sz(env, d, a, b, desc, 16); break;                       \
    case 32: NM##_sz(env, d, a, b, desc, 32); break;                       \
    default: NM##_sz(env, d, a, b, desc, 8); break;                        \
    }                                                                      \
}                                                                          \
DEF_INFO(NM);

/* The 16-byte forms on the host's SSE2 pack instructions, when built
 * for an SSE2 host; false: use the portable loop. */
#ifdef __SSE2__
#define HOST_PACK16(NAME, INSN)                                            \
static inline bool NAME(CPUX86State *env, uint64_t d, uint64_t a,          \
                        uint64_t b, uint64_t desc, int sz, V *R)           \
{                                                                          \
    if (sz != 16) {                                                        \
        return false;                                                      \
    }                                                                      \
    _mm_storeu_si128((__m128i *)R, INSN(                                   \
        _mm_loadu_si128((const __m128i *)((char *)env + a)),               \
        _mm_loadu_si128((const __m128i *)((char *)env + b))));             \
    vput(env, d, R, desc);                                                 \
    return true;                                                           \
}
#else
#define HOST_PACK16(NAME, INSN)                                            \
static inline bool NAME(CPUX86State *env, uint64_t d, uint64_t a,          \
                        uint64_t b, uint64_t desc, int sz, V *R)           \
{                                                                          \
    (void)env; (void)d; (void)a; (void)b; (void)desc; (void)sz; (void)R;   \
    return false;                                                          \
}
#endif
HOST_PACK16(host_packsswb16, _mm_packs_epi16)
HOST_PACK16(host_packuswb16, _mm_packus_epi16)
HOST_PACK16(host_packssdw16, _mm_packs_epi32)

static inline bool no_host_pack16(CPUX86State *env, uint64_t d, uint64_t a,
                                  uint64_t b, uint64_t desc, int sz, V *R)
{
    (void)env; (void)d; (void)a; (void)b; (void)desc; (void)sz; (void)R;
    return false;
}

PACK(packsswb, sw, sb, sat_sb, host_packsswb16)
PACK(packuswb, sw, b, sat_ub, host_packuswb16)
PACK(packssdw, sl, sw, sat_sw, host_packssdw16)
PACK(packusdw, sl, w, sat_uw, no_host_pack16)

/* --------------------------------------------------------- SSSE3 */

HELPER(pshufb)
{
    V A, B, R;
    int sz = SZ(desc), lb = lane_bytes(sz), i;

    vget(env, a, &A, sz);
    vget(env, b, &B, sz);
    for (i = 0; i < sz; i++) {
        int l = i - i % lb;
        R.b[i] = B.b[i] & 0x80 ? 0 : A.b[l + (B.b[i] & (lb - 1))];
    }
    vput(env, d, &R, desc);
}
DEF_INFO(pshufb);

/* Horizontal pair ops: per lane, results from a's pairs then b's. */
#define HORIZ(NM, F, expr)                                                 \
HELPER(NM)                                                                 \
{                                                                          \
    V A, B, R;                                                             \
    int sz = SZ(desc), lb = lane_bytes(sz), l, i;                          \
    int n = lb / (int)sizeof(A.F[0]), h = n / 2;                           \
                                                                           \
    vget(env, a, &A, sz);                                                  \
    vget(env, b, &B, sz);                                                  \
    for (l = 0; l < sz / lb; l++) {                                        \
        for (i = 0; i < h; i++) {                                          \
            __typeof__(A.F[0]) x = A.F[l * n + 2 * i];                     \
            __typeof__(A.F[0]) y = A.F[l * n + 2 * i + 1];                 \
            R.F[l * n + i] = (expr);                                       \
            x = B.F[l * n + 2 * i];                                        \
            y = B.F[l * n + 2 * i + 1];                                    \
            R.F[l * n + h + i] = (expr);                                   \
        }                                                                  \
    }                                                                      \
    vput(env, d, &R, desc);                                                \
}                                                                          \
DEF_INFO(NM);

HORIZ(phaddw, w, x + y)
HORIZ(phaddd, l, x + y)
HORIZ(phaddsw, sw, sat_sw(x + y))
HORIZ(phsubw, w, x - y)
HORIZ(phsubd, l, x - y)
HORIZ(phsubsw, sw, sat_sw(x - y))

/* palignr: per lane, (a:b) >> imm8 bytes. */
HELPER(palignr)
{
    V A, B, R;
    int sz = SZ(desc), lb = lane_bytes(sz), cnt = IMM(desc), l, i;

    vget(env, a, &A, sz);
    vget(env, b, &B, sz);
    for (l = 0; l < sz; l += lb) {
        for (i = 0; i < lb; i++) {
            int j = i + cnt;
            R.b[l + i] = j < lb ? B.b[l + j] : j < 2 * lb ? A.b[l + j - lb]
                                                         : 0;
        }
    }
    vput(env, d, &R, desc);
}
DEF_INFO(palignr);

/* ---------------------------------------------------- unary ops (b) */

#define UNARY(NM, F, expr)                                                 \
HELPER(NM)                                                                 \
{                                                                          \
    V B, R;                                                                \
    int sz = SZ(desc), i, n = sz / (int)sizeof(B.F[0]);                    \
                                                                           \
    (void)a;                                                               \
    vget(env, b, &B, sz);                                                  \
    for (i = 0; i < n; i++) {                                              \
        __typeof__(B.F[0]) x = B.F[i];                                     \
        R.F[i] = (expr);                                                   \
    }                                                                      \
    vput(env, d, &R, desc);                                                \
}                                                                          \
DEF_INFO(NM);

UNARY(pabsb, sb, x < 0 ? -x : x)
UNARY(pabsw, sw, x < 0 ? -x : x)
UNARY(pabsd, sl, x < 0 ? (int32_t)-(uint32_t)x : x)

/* pshufd (and pshufw with sz 8 on words): per lane by imm8. */
HELPER(pshufd)
{
    V B, R;
    int sz = SZ(desc), imm = IMM(desc), i;

    (void)a;
    vget(env, b, &B, sz);
    for (i = 0; i < sz / 4; i++) {
        R.l[i] = B.l[(i & ~3) + ((imm >> (2 * (i & 3))) & 3)];
    }
    vput(env, d, &R, desc);
}
DEF_INFO(pshufd);

/* pshuflw / pshufhw / pshufw: four words of each lane (low, high, or
 * the whole MMX register) permuted by imm8; the rest copied. */
static void shuf_words(CPUX86State *env, uint64_t d, uint64_t b,
                       uint64_t desc, int off)
{
    V B, R;
    int sz = SZ(desc), imm = IMM(desc), l, i;

    vget(env, b, &B, sz);
    R = B;
    for (l = 0; l < sz / 2; l += 8) {
        for (i = 0; i < 4; i++) {
            R.w[l + off + i] = B.w[l + off + ((imm >> (2 * i)) & 3)];
        }
    }
    vput(env, d, &R, desc);
}

HELPER(pshuflw)
{
    (void)a;
    shuf_words(env, d, b, desc, 0);
}
DEF_INFO(pshuflw);

HELPER(pshufhw)
{
    (void)a;
    shuf_words(env, d, b, desc, 4);
}
DEF_INFO(pshufhw);

/* pmovsx / pmovzx: widen the low elements of b to fill sz bytes. */
#define PMOV(NM, SF, DF)                                                   \
HELPER(NM)                                                                 \
{                                                                          \
    V B, R;                                                                \
    int sz = SZ(desc), i;                                                  \
                                                                           \
    (void)a;                                                               \
    vget(env, b, &B, 32);                                                  \
    for (i = 0; i < sz / (int)sizeof(R.DF[0]); i++) {                      \
        R.DF[i] = B.SF[i];                                                 \
    }                                                                      \
    vput(env, d, &R, desc);                                                \
}                                                                          \
DEF_INFO(NM);

PMOV(pmovsxbw, sb, sw)
PMOV(pmovsxbd, sb, sl)
PMOV(pmovsxbq, sb, sq)
PMOV(pmovsxwd, sw, sl)
PMOV(pmovsxwq, sw, sq)
PMOV(pmovsxdq, sl, sq)
PMOV(pmovzxbw, b, w)
PMOV(pmovzxbd, b, l)
PMOV(pmovzxbq, b, q)
PMOV(pmovzxwd, w, l)
PMOV(pmovzxwq, w, q)
PMOV(pmovzxdq, l, q)

/* vpbroadcast*: element 0 of b everywhere. */
#define BCAST(NM, F)                                                       \
HELPER(NM)                                                                 \
{                                                                          \
    V B, R;                                                                \
    int sz = SZ(desc), i;                                                  \
                                                                           \
    (void)a;                                                               \
    vget(env, b, &B, 16);                                                  \
    for (i = 0; i < sz / (int)sizeof(R.F[0]); i++) {                       \
        R.F[i] = B.F[0];                                                   \
    }                                                                      \
    vput(env, d, &R, desc);                                                \
}                                                                          \
DEF_INFO(NM);

BCAST(pbroadcastb, b)
BCAST(pbroadcastw, w)
BCAST(pbroadcastd, l)
BCAST(pbroadcastq, q)

HELPER(phminposuw)
{
    V B, R;
    int i, best = 0;

    (void)a;
    vget(env, b, &B, 16);
    for (i = 1; i < 8; i++) {
        if (B.w[i] < B.w[best]) {
            best = i;
        }
    }
    memset(&R, 0, sizeof(R));
    R.w[0] = B.w[best];
    R.w[1] = best;
    vput(env, d, &R, desc);
}
DEF_INFO(phminposuw);

/* ------------------------------------------------------ blends, perms */

HELPER(pblendw)
{
    V A, B, R;
    int sz = SZ(desc), imm = IMM(desc), i;

    vget(env, a, &A, sz);
    vget(env, b, &B, sz);
    for (i = 0; i < sz / 2; i++) {
        R.w[i] = (imm >> (i & 7)) & 1 ? B.w[i] : A.w[i];
    }
    vput(env, d, &R, desc);
}
DEF_INFO(pblendw);

HELPER(pblendd)
{
    V A, B, R;
    int sz = SZ(desc), imm = IMM(desc), i;

    vget(env, a, &A, sz);
    vget(env, b, &B, sz);
    for (i = 0; i < sz / 4; i++) {
        R.l[i] = (imm >> i) & 1 ? B.l[i] : A.l[i];
    }
    vput(env, d, &R, desc);
}
DEF_INFO(pblendd);

/* pblendvb / maskmov: the mask register is at AUX(desc). */
HELPER(pblendvb)
{
    V A, B, M, R;
    int sz = SZ(desc), i;

    vget(env, a, &A, sz);
    vget(env, b, &B, sz);
    vget(env, AUX(desc), &M, sz);
    for (i = 0; i < sz; i++) {
        R.b[i] = M.b[i] & 0x80 ? B.b[i] : A.b[i];
    }
    vput(env, d, &R, desc);
}
DEF_INFO(pblendvb);

/* vpermd: a holds the indices, b the data. */
HELPER(permd)
{
    V A, B, R;
    int i;

    vget(env, a, &A, 32);
    vget(env, b, &B, 32);
    for (i = 0; i < 8; i++) {
        R.l[i] = B.l[A.l[i] & 7];
    }
    vput(env, d, &R, desc);
}
DEF_INFO(permd);

HELPER(permq)
{
    V B, R;
    int imm = IMM(desc), i;

    (void)a;
    vget(env, b, &B, 32);
    for (i = 0; i < 4; i++) {
        R.q[i] = B.q[(imm >> (2 * i)) & 3];
    }
    vput(env, d, &R, desc);
}
DEF_INFO(permq);

HELPER(perm2i128)
{
    V A, B, R;
    int imm = IMM(desc), h;

    vget(env, a, &A, 32);
    vget(env, b, &B, 32);
    for (h = 0; h < 2; h++) {
        int sel = (imm >> (4 * h)) & 15;
        const V *src = sel & 2 ? &B : &A;
        if (sel & 8) {
            R.q[2 * h] = R.q[2 * h + 1] = 0;
        } else {
            R.q[2 * h] = src->q[2 * (sel & 1)];
            R.q[2 * h + 1] = src->q[2 * (sel & 1) + 1];
        }
    }
    vput(env, d, &R, desc);
}
DEF_INFO(perm2i128);

/* vinserti128: a with the 128-bit half imm8 & 1 replaced by b. */
HELPER(inserti128)
{
    V A, B;

    vget(env, a, &A, 32);
    vget(env, b, &B, 16);
    memcpy(&A.b[(IMM(desc) & 1) * 16], &B, 16);
    vput(env, d, &A, desc);
}
DEF_INFO(inserti128);

/* mpsadbw: per lane, eight sums of absolute differences of 4-byte
 * windows of a against a fixed 4-byte block of b. */
HELPER(mpsadbw)
{
    V A, B, R;
    int sz = SZ(desc), imm = IMM(desc), l, j, k;

    vget(env, a, &A, sz);
    vget(env, b, &B, sz);
    for (l = 0; l < sz / 16; l++) {
        int sel = imm >> (3 * l);
        int ao = l * 16 + ((sel >> 2) & 1) * 4, bo = l * 16 + (sel & 3) * 4;
        for (j = 0; j < 8; j++) {
            int sum = 0;
            for (k = 0; k < 4; k++) {
                int t = A.b[ao + j + k] - B.b[bo + k];
                sum += t < 0 ? -t : t;
            }
            R.w[l * 8 + j] = sum;
        }
    }
    vput(env, d, &R, desc);
}
DEF_INFO(mpsadbw);

/* ------------------------------------------------------ PCLMULQDQ */

HELPER(pclmulqdq)
{
    V A, B, R;
    int imm = IMM(desc), i;
    uint64_t x, y, lo = 0, hi = 0;

    vget(env, a, &A, 16);
    vget(env, b, &B, 16);
    x = A.q[imm & 1];
    y = B.q[(imm >> 4) & 1];
    for (i = 0; i < 64; i++) {
        if ((y >> i) & 1) {
            lo ^= x << i;
            hi ^= i ? x >> (64 - i) : 0;
        }
    }
    R.q[0] = lo;
    R.q[1] = hi;
    vput(env, d, &R, desc);
}
DEF_INFO(pclmulqdq);

/* ----------------------------------------------------------- AES */

/* The S-box from its FIPS-197 definition (inverse in GF(2^8), then the
 * affine map), built once at start-up. */
static uint8_t aes_sbox[256], aes_inv_sbox[256];

static uint8_t gf_mul(uint8_t x, uint8_t y)
{
    uint8_t p = 0;

    while (y) {
        if (y & 1) {
            p ^= x;
        }
        x = (uint8_t)((x << 1) ^ (x & 0x80 ? 0x1b : 0));
        y >>= 1;
    }
    return p;
}

static uint8_t rotl8(uint8_t x, int n)
{
    return (uint8_t)((x << n) | (x >> (8 - n)));
}

static void __attribute__((constructor)) aes_sbox_init(void)
{
    int x, y;

    for (x = 0; x < 256; x++) {
        uint8_t inv = 0, s;
        for (y = 1; x && y < 256; y++) {
            if (gf_mul(x, y) == 1) {
                inv = y;
                break;
            }
        }
        s = inv ^ rotl8(inv, 1) ^ rotl8(inv, 2) ^ rotl8(inv, 3) ^
            rotl8(inv, 4) ^ 0x63;
        aes_sbox[x] = s;
        aes_inv_sbox[s] = x;
    }
}

/* Byte r + 4c of the state is row r, column c. */
static void aes_mix(uint8_t *st, const uint8_t m[4])
{
    int c, i, k;

    for (c = 0; c < 4; c++) {
        uint8_t in[4], *col = st + 4 * c;
        memcpy(in, col, 4);
        for (i = 0; i < 4; i++) {
            uint8_t v = 0;
            for (k = 0; k < 4; k++) {
                v ^= gf_mul(m[(k - i) & 3], in[k]);
            }
            col[i] = v;
        }
    }
}

static const uint8_t aes_mix_fwd[4] = { 2, 3, 1, 1 };
static const uint8_t aes_mix_inv[4] = { 14, 11, 13, 9 };

static void aes_round(CPUX86State *env, uint64_t d, uint64_t a, uint64_t b,
                      uint64_t desc, bool dec, bool last)
{
    V A, B, R;
    int r, c, i;

    vget(env, a, &A, 16);
    vget(env, b, &B, 16);
    memset(&R, 0, sizeof(R));
    for (c = 0; c < 4; c++) {
        for (r = 0; r < 4; r++) {
            if (dec) {   /* InvShiftRows, InvSubBytes */
                R.b[r + 4 * ((c + r) & 3)] = aes_inv_sbox[A.b[r + 4 * c]];
            } else {     /* ShiftRows, SubBytes */
                R.b[r + 4 * c] = aes_sbox[A.b[r + 4 * ((c + r) & 3)]];
            }
        }
    }
    if (!last) {
        aes_mix(R.b, dec ? aes_mix_inv : aes_mix_fwd);
    }
    for (i = 0; i < 16; i++) {
        R.b[i] ^= B.b[i];
    }
    vput(env, d, &R, desc);
}

HELPER(aesenc)
{
    aes_round(env, d, a, b, desc, false, false);
}
DEF_INFO(aesenc);

HELPER(aesenclast)
{
    aes_round(env, d, a, b, desc, false, true);
}
DEF_INFO(aesenclast);

HELPER(aesdec)
{
    aes_round(env, d, a, b, desc, true, false);
}
DEF_INFO(aesdec);

HELPER(aesdeclast)
{
    aes_round(env, d, a, b, desc, true, true);
}
DEF_INFO(aesdeclast);

HELPER(aesimc)
{
    V B;

    (void)a;
    vget(env, b, &B, 16);
    aes_mix(B.b, aes_mix_inv);
    vput(env, d, &B, desc);
}
DEF_INFO(aesimc);

static uint32_t aes_subword(uint32_t x)
{
    return aes_sbox[x & 0xff] | aes_sbox[(x >> 8) & 0xff] << 8 |
           aes_sbox[(x >> 16) & 0xff] << 16 |
           (uint32_t)aes_sbox[x >> 24] << 24;
}

HELPER(aeskeygenassist)
{
    V B, R;
    uint32_t rcon = IMM(desc), x1, x3;

    (void)a;
    vget(env, b, &B, 16);
    x1 = aes_subword(B.l[1]);
    x3 = aes_subword(B.l[3]);
    memset(&R, 0, sizeof(R));
    R.l[0] = x1;
    R.l[1] = ((x1 >> 8) | (x1 << 24)) ^ rcon;
    R.l[2] = x3;
    R.l[3] = ((x3 >> 8) | (x3 << 24)) ^ rcon;
    vput(env, d, &R, desc);
}
DEF_INFO(aeskeygenassist);

/* ------------------------------------------- results in a register */

/* ptest: the CC_* bits (ZF: a & b == 0, CF: ~a & b == 0). */
static uint64_t h_ptest(CPUX86State *env, uint64_t a, uint64_t b,
                        uint64_t desc)
{
    V A, B;
    int sz = SZ(desc), i;
    uint64_t and = 0, andn = 0;

    vget(env, a, &A, sz);
    vget(env, b, &B, sz);
    for (i = 0; i < sz / 8; i++) {
        and |= A.q[i] & B.q[i];
        andn |= ~A.q[i] & B.q[i];
    }
    return (and ? 0 : CC_Z) | (andn ? 0 : CC_C);
}
const TCGHelperInfo helper_info_ssei_ptest = {
    .func = (void *)h_ptest, .name = "ssei_ptest",
    .flags = TCG_CALL_NO_RWG_SE, .ret = TCG_CALL_I64, .nargs = 4,
    .args = { P, I64, I64, I64 },
};

/* ---------------------------------------- SSE4.2 string compares */

/*
 * pcmpestri/pcmpestrm/pcmpistri/pcmpistrm.  desc: imm8 as usual, bit 0x1
 * of AUX: explicit lengths (rax, rdx), 0x2: REX.W (64-bit lengths),
 * 0x4: write the mask to XMM0 (else return the index), 0x8: VEX (zero
 * XMM0 bits 255:128).  Returns the CC_* bits, with the index (ECX) in
 * bits 32-63.
 */
static int str_len_explicit(uint64_t v, bool w, int n)
{
    int64_t x = w ? (int64_t)v : (int32_t)v;

    if (x < 0) {
        x = x == INT64_MIN ? n : -x;
    }
    return x > n ? n : (int)x;
}

static int str_elem(const V *v, int i, int fmt)
{
    switch (fmt) {
    case 0: return v->b[i];
    case 1: return v->w[i];
    case 2: return v->sb[i];
    default: return v->sw[i];
    }
}

static uint64_t h_pcmpstr(CPUX86State *env, uint64_t a, uint64_t b,
                          uint64_t desc, uint64_t rax, uint64_t rdx)
{
    V A, B;
    unsigned imm = IMM(desc), aux = AUX(desc);
    int fmt = imm & 3, n = imm & 1 ? 8 : 16, la, lb, i, j;
    unsigned res = 0, cc;
    int ea[16], eb[16];

    vget(env, a, &A, 16);
    vget(env, b, &B, 16);
    /* the elements once, as ints (the loops below are quadratic) */
    for (i = 0; i < n; i++) {
        ea[i] = str_elem(&A, i, fmt);
        eb[i] = str_elem(&B, i, fmt);
    }
    if (aux & 1) {
        la = str_len_explicit(rax, aux & 2, n);
        lb = str_len_explicit(rdx, aux & 2, n);
    } else {
        for (la = 0; la < n && ea[la]; la++) {
        }
        for (lb = 0; lb < n && eb[lb]; lb++) {
        }
    }
    for (i = 0; i < n; i++) {
        int bi = eb[i];
        bool r = false;
        switch ((imm >> 2) & 3) {
        case 0:   /* equal any */
            for (j = 0; j < la && i < lb && !r; j++) {
                r = ea[j] == bi;
            }
            break;
        case 1:   /* ranges: pairs of a bound b */
            for (j = 0; j + 1 < la && i < lb && !r; j += 2) {
                r = ea[j] <= bi && bi <= ea[j + 1];
            }
            break;
        case 2:   /* equal each */
            r = i < la && i < lb ? ea[i] == bi
                                 : i >= la && i >= lb;
            break;
        default:  /* equal ordered: a occurs in b at i */
            r = true;
            for (j = 0; j < n - i && j < la && r; j++) {
                r = i + j < lb && ea[j] == eb[i + j];
            }
            break;
        }
        res |= (unsigned)r << i;
    }
    switch ((imm >> 4) & 3) {
    case 1:
        res ^= (1u << n) - 1;
        break;
    case 3:
        res ^= (1u << lb) - 1;
        break;
    }
    cc = (res ? CC_C : 0) | (lb < n ? CC_Z : 0) | (la < n ? CC_S : 0) |
         (res & 1 ? CC_O : 0);
    if (aux & 4) {
        V *x0 = &env->xmm_regs[0];
        if (imm & 0x40) {
            for (i = 0; i < n; i++) {
                if (n == 16) {
                    x0->b[i] = (res >> i) & 1 ? 0xff : 0;
                } else {
                    x0->w[i] = (res >> i) & 1 ? 0xffff : 0;
                }
            }
        } else {
            x0->q[0] = res;
            x0->q[1] = 0;
        }
        if (aux & 8) {
            x0->q[2] = x0->q[3] = 0;
        }
        return cc;
    }
    if (!res) {
        i = n;
    } else if (imm & 0x40) {
        i = 31 - __builtin_clz(res);
    } else {
        i = __builtin_ctz(res);
    }
    return cc | (uint64_t)i << 32;
}
const TCGHelperInfo helper_info_ssei_pcmpstr = {
    .func = (void *)h_pcmpstr, .name = "ssei_pcmpstr",
    .flags = TCG_CALL_NO_RWG, .ret = TCG_CALL_I64, .nargs = 6,
    .args = { P, I64, I64, I64, I64, I64 },
};

/* vbroadcasti128: the 128 bits of b in both halves. */
HELPER(bcast128)
{
    V B;

    (void)a;
    vget(env, b, &B, 16);
    memcpy(&B.b[16], &B.b[0], 16);
    vput(env, d, &B, desc);
}
DEF_INFO(bcast128);

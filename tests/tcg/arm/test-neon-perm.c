/*
 * tests/tcg/arm/test-neon-perm.c: Neon data movement, by hand: the
 * interleaving structure loads and stores vld2/vld3/vld4/vst3 (multiple
 * structures, all lanes, one lane, write-back), vzip/vuzp/vtrn/vswp,
 * vtbl/vtbx with out-of-range indices, vext, vmov between core and
 * scalar registers, vdup, and the modified immediates.
 *
 * src[] holds byte k at offset k (0x00..0x2f), so the byte lists below
 * turn into little-endian words directly: bytes 0, 2, 4, 6 -> 0x06040200.
 * wK is the word at offset 4K: w0 = 0x03020100 ... w7 = 0x1f1e1d1c.
 */
#include "arm-test.h"

static const uint8_t src[48] __attribute__((aligned(16))) = {
    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b,
    0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
    0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x21, 0x22, 0x23,
    0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x2b, 0x2c, 0x2d, 0x2e, 0x2f,
};
static uint32_t out[8] __attribute__((aligned(16)));

/* Run code (which may use d0-d5, and %[s] = src, %[p] = a pointer
 * register in/out), then store d0-d3 to out[0..7]. */
#define RUN(code, ptr) do { \
    memset(out, 0xee, sizeof(out)); \
    __asm__ volatile(code "\n\tvst1.8 {d0, d1, d2, d3}, [%[o]]" \
                     : [p] "+r"(ptr) : [s] "r"(src), [o] "r"(out) \
                     : "d0", "d1", "d2", "d3", "d4", "d5", "memory"); \
} while (0)

#define CHECK_OUT(desc, w0, w1, w2, w3, w4, w5, w6, w7) do { \
    static const uint32_t want_[8] = { w0, w1, w2, w3, w4, w5, w6, w7 }; \
    int k_; \
    for (k_ = 0; k_ < 8; k_++) { \
        CHECK(out[k_], want_[k_], "%s word %d", desc, k_); \
    } \
} while (0)

static void test_structures(void)
{
    uint32_t p = 0;

    group("vld2/vld3/vld4 interleaving");
    /* vld2.8: d0 = even bytes 0..14, d1 = odd bytes. */
    RUN("vmov.i8 q1, #0\n\tvld2.8 {d0, d1}, [%[s]]", p);
    CHECK_OUT("vld2.8 {d0, d1}", 0x06040200, 0x0e0c0a08, 0x07050301,
              0x0f0d0b09, 0, 0, 0, 0);
    /* vld3.8: d0 = 0,3,...,21; d1 = 1,4,...,22; d2 = 2,5,...,23. */
    RUN("vmov.i8 d3, #0\n\tvld3.8 {d0, d1, d2}, [%[s]]", p);
    CHECK_OUT("vld3.8 {d0, d1, d2}", 0x09060300, 0x15120f0c, 0x0a070401,
              0x1613100d, 0x0b080502, 0x1714110e, 0, 0);
    /* vld4.16: dK = halfwords K, K+4, K+8, K+12 (halfword k = bytes
     * 2k, 2k+1). */
    RUN("vld4.16 {d0, d1, d2, d3}, [%[s]]", p);
    CHECK_OUT("vld4.16 {d0-d3}", 0x09080100, 0x19181110, 0x0b0a0302,
              0x1b1a1312, 0x0d0c0504, 0x1d1c1514, 0x0f0e0706, 0x1f1e1716);
    /* vld2.32 {d0-d3}: q0 = w0 w2 w4 w6, q1 = w1 w3 w5 w7. */
    RUN("vld2.32 {d0, d1, d2, d3}, [%[s]]", p);
    CHECK_OUT("vld2.32 {d0-d3}", 0x03020100, 0x0b0a0908, 0x13121110,
              0x1b1a1918, 0x07060504, 0x0f0e0d0c, 0x17161514, 0x1f1e1d1c);
    /* vld4.8 one lane: lane 5 of d0..d3 from bytes 8..11, the rest
     * kept (0xaa). */
    RUN("vmov.i8 q0, #0xaa\n\tvmov.i8 q1, #0xaa\n\t"
        "vld4.8 {d0[5], d1[5], d2[5], d3[5]}, [%[s]]\n\t"
        "add %[p], %[s], #8\n\tvld4.8 {d0[5], d1[5], d2[5], d3[5]}, [%[p]]", p);
    CHECK_OUT("vld4.8 lane 5", 0xaaaaaaaa, 0xaaaa08aa, 0xaaaaaaaa, 0xaaaa09aa,
              0xaaaaaaaa, 0xaaaa0aaa, 0xaaaaaaaa, 0xaaaa0baa);
    group_end();

    group("vld1 lanes, all lanes and write-back");
    /* All lanes: halfword at offset 6 (0x0706) everywhere. */
    p = (uint32_t)(uintptr_t)src + 6;
    RUN("vld1.16 {d0[]}, [%[p]]\n\tvmov d1, d0\n\tvmov.i8 q1, #0", p);
    CHECK_OUT("vld1.16 {d0[]}", 0x07060706, 0x07060706, 0x07060706,
              0x07060706, 0, 0, 0, 0);
    /* One lane, the other kept; post-increment by the size. */
    p = (uint32_t)(uintptr_t)src + 8;
    RUN("vmov.i8 q0, #0xff\n\tvmov.i8 q1, #0\n\tvld1.32 {d0[1]}, [%[p]]!", p);
    CHECK_OUT("vld1.32 {d0[1]}, [p]!", 0xffffffff, 0x0b0a0908, 0xffffffff,
              0xffffffff, 0, 0, 0, 0);
    CHECK(p - (uint32_t)(uintptr_t)src, 12, "vld1.32 {d0[1]}, [p]! base");
    /* Multiple registers, post-increment by a register. */
    p = (uint32_t)(uintptr_t)src + 16;
    memset(out, 0xee, sizeof(out));
    __asm__ volatile("vld1.8 {d0, d1}, [%[p]], %[i]\n\tvmov.i8 q1, #0\n\t"
                     "vst1.8 {d0, d1, d2, d3}, [%[o]]"
                     : [p] "+r"(p) : [i] "r"(5), [o] "r"(out)
                     : "d0", "d1", "d2", "d3", "memory");
    CHECK_OUT("vld1.8 {d0, d1}, [p], r0", 0x13121110, 0x17161514, 0x1b1a1918,
              0x1f1e1d1c, 0, 0, 0, 0);
    CHECK(p - (uint32_t)(uintptr_t)src, 21, "vld1.8 [p], r0 base");
    group_end();
}

static void test_vst(void)
{
    static uint8_t dst[32] __attribute__((aligned(16)));
    uint32_t w[8], p;

    group("vst3/vst2 interleaving");
    memset(dst, 0xee, sizeof(dst));
    p = (uint32_t)(uintptr_t)dst;
    /* d0 = bytes 0..7, d1 = 8..15, d2 = 16..23; vst3.8 stores byte k of
     * each in turn: 0, 8, 16, 1, 9, 17, ... */
    __asm__ volatile("vld1.8 {d0, d1, d2}, [%[s]]\n\tvst3.8 {d0, d1, d2}, [%[p]]!"
                     : [p] "+r"(p) : [s] "r"(src) : "d0", "d1", "d2", "memory");
    memcpy(w, dst, 32);
    CHECK(w[0], 0x01100800, "vst3.8 word 0");
    CHECK(w[1], 0x0a021109, "vst3.8 word 1");
    CHECK(w[2], 0x130b0312, "vst3.8 word 2");
    CHECK(w[3], 0x05140c04, "vst3.8 word 3");
    CHECK(w[4], 0x0e06150d, "vst3.8 word 4");
    CHECK(w[5], 0x170f0716, "vst3.8 word 5");
    CHECK(w[6], 0xeeeeeeee, "vst3.8 word 6 untouched");
    CHECK(p - (uint32_t)(uintptr_t)dst, 24, "vst3.8 [p]! base");
    /* vst2.16 d0 = halfwords 0x0100 0x0302 0x0504 0x0706, d1 = 0x0908
     * ...: stored alternately. */
    p = (uint32_t)(uintptr_t)dst;
    __asm__ volatile("vld1.8 {d0, d1}, [%[s]]\n\tvst2.16 {d0, d1}, [%[p]]"
                     : [p] "+r"(p) : [s] "r"(src) : "d0", "d1", "memory");
    memcpy(w, dst, 32);
    CHECK(w[0], 0x09080100, "vst2.16 word 0");
    CHECK(w[1], 0x0b0a0302, "vst2.16 word 1");
    CHECK(w[3], 0x0f0e0706, "vst2.16 word 3");
    /* vst1 of one lane: d0[2] (bytes 4..5 of src as a halfword) to dst. */
    memset(dst, 0, sizeof(dst));
    __asm__ volatile("vld1.8 {d0}, [%[s]]\n\tvst1.16 {d0[2]}, [%[p]]"
                     :: [p] "r"(dst), [s] "r"(src) : "d0", "memory");
    memcpy(w, dst, 8);
    CHECK(w[0], 0x0504, "vst1.16 {d0[2]}");
    CHECK(w[1], 0, "vst1.16 {d0[2]} stores two bytes only");
    group_end();
}

static void test_permute(void)
{
    uint32_t p = 0;

    group("vzip/vuzp/vtrn/vswp/vext");
    RUN("vld1.8 {d0, d1}, [%[s]]\n\tvzip.8 d0, d1\n\tvmov.i8 q1, #0", p);
    CHECK_OUT("vzip.8 d0, d1", 0x09010800, 0x0b030a02, 0x0d050c04, 0x0f070e06,
              0, 0, 0, 0);
    RUN("vld1.8 {d0, d1}, [%[s]]\n\tvuzp.8 d0, d1\n\tvmov.i8 q1, #0", p);
    CHECK_OUT("vuzp.8 d0, d1", 0x06040200, 0x0e0c0a08, 0x07050301, 0x0f0d0b09,
              0, 0, 0, 0);
    RUN("vld1.8 {d0, d1}, [%[s]]\n\tvtrn.16 d0, d1\n\tvmov.i8 q1, #0", p);
    CHECK_OUT("vtrn.16 d0, d1", 0x09080100, 0x0d0c0504, 0x0b0a0302, 0x0f0e0706,
              0, 0, 0, 0);
    /* q0 = w0..w3, q1 = w4..w7 -> q0 = w0 w4 w1 w5, q1 = w2 w6 w3 w7. */
    RUN("vld1.8 {d0, d1, d2, d3}, [%[s]]\n\tvzip.32 q0, q1", p);
    CHECK_OUT("vzip.32 q0, q1", 0x03020100, 0x13121110, 0x07060504, 0x17161514,
              0x0b0a0908, 0x1b1a1918, 0x0f0e0d0c, 0x1f1e1d1c);
    /* q0 = w0..w3, q1 = w4..w7 -> q0 = w0 w2 w4 w6, q1 = w1 w3 w5 w7. */
    RUN("vld1.8 {d0, d1, d2, d3}, [%[s]]\n\tvuzp.32 q0, q1", p);
    CHECK_OUT("vuzp.32 q0, q1", 0x03020100, 0x0b0a0908, 0x13121110, 0x1b1a1918,
              0x07060504, 0x0f0e0d0c, 0x17161514, 0x1f1e1d1c);
    /* vtrn.32 q0, q1: q0 = w0 w4 w2 w6, q1 = w1 w5 w3 w7. */
    RUN("vld1.8 {d0, d1, d2, d3}, [%[s]]\n\tvtrn.32 q0, q1", p);
    CHECK_OUT("vtrn.32 q0, q1", 0x03020100, 0x13121110, 0x0b0a0908, 0x1b1a1918,
              0x07060504, 0x17161514, 0x0f0e0d0c, 0x1f1e1d1c);
    RUN("vld1.8 {d0, d1, d2, d3}, [%[s]]\n\tvswp d0, d3", p);
    CHECK_OUT("vswp d0, d3", 0x1b1a1918, 0x1f1e1d1c, 0x0b0a0908, 0x0f0e0d0c,
              0x13121110, 0x17161514, 0x03020100, 0x07060504);
    /* vext.8 d0, d1, d2, #5 with d1 = bytes 8..15, d2 = 16..23:
     * bytes 13, 14, 15, 16, ..., 20. */
    RUN("vld1.8 {d0, d1, d2, d3}, [%[s]]\n\tvext.8 d0, d1, d2, #5", p);
    CHECK_OUT("vext.8 d0, d1, d2, #5", 0x100f0e0d, 0x14131211, 0x0b0a0908,
              0x0f0e0d0c, 0x13121110, 0x17161514, 0x1b1a1918, 0x1f1e1d1c);
    group_end();
}

static void test_table(void)
{
    static const uint8_t idx1[8] = { 0, 15, 16, 255, 7, 8, 3, 200 };
    static const uint8_t idx2[8] = { 31, 32, 16, 1, 0, 24, 33, 8 };
    uint32_t w[2];

    group("vtbl/vtbx");
    /* Table bytes 0..15: an index past the table gives 0 (vtbl) or
     * keeps the destination byte (vtbx). */
    __asm__ volatile("vld1.8 {d0, d1}, [%[s]]\n\tvld1.8 {d2}, [%[i]]\n\t"
                     "vtbl.8 d4, {d0, d1}, d2\n\tvst1.8 {d4}, [%[o]]"
                     :: [s] "r"(src), [i] "r"(idx1), [o] "r"(w)
                     : "d0", "d1", "d2", "d4", "memory");
    CHECK(w[0], 0x00000f00, "vtbl.8 2 regs low");
    CHECK(w[1], 0x00030807, "vtbl.8 2 regs high");
    __asm__ volatile("vld1.8 {d0, d1}, [%[s]]\n\tvld1.8 {d2}, [%[i]]\n\t"
                     "vmov.i8 d4, #0xaa\n\t"
                     "vtbx.8 d4, {d0, d1}, d2\n\tvst1.8 {d4}, [%[o]]"
                     :: [s] "r"(src), [i] "r"(idx1), [o] "r"(w)
                     : "d0", "d1", "d2", "d4", "memory");
    CHECK(w[0], 0xaaaa0f00, "vtbx.8 2 regs low");
    CHECK(w[1], 0xaa030807, "vtbx.8 2 regs high");
    /* Four table registers: bytes 0..31. */
    __asm__ volatile("vld1.8 {d0, d1, d2, d3}, [%[s]]\n\tvld1.8 {d5}, [%[i]]\n\t"
                     "vtbl.8 d4, {d0, d1, d2, d3}, d5\n\tvst1.8 {d4}, [%[o]]"
                     :: [s] "r"(src), [i] "r"(idx2), [o] "r"(w)
                     : "d0", "d1", "d2", "d3", "d4", "d5", "memory");
    CHECK(w[0], 0x0110001f, "vtbl.8 4 regs low");
    CHECK(w[1], 0x08001800, "vtbl.8 4 regs high");
    /* One table register. */
    __asm__ volatile("vld1.8 {d0}, [%[s]]\n\tvld1.8 {d2}, [%[i]]\n\t"
                     "vtbl.8 d4, {d0}, d2\n\tvst1.8 {d4}, [%[o]]"
                     :: [s] "r"(src), [i] "r"(idx1), [o] "r"(w)
                     : "d0", "d2", "d4", "memory");
    CHECK(w[0], 0x00000000, "vtbl.8 1 reg low");
    CHECK(w[1], 0x00030007, "vtbl.8 1 reg high");
    group_end();
}

static void test_moves(void)
{
    uint32_t r0, r1, r2, r3, w[4];

    group("vmov core/scalar, vdup, immediates");
    __asm__ volatile("vld1.8 {d0, d1}, [%[s]]\n\tvmov.32 %[a], d0[1]\n\t"
                     "vmov.u8 %[b], d1[7]\n\tvmov.s16 %[c], d1[3]\n\t"
                     "vmov.s8 %[d], d0[2]"
                     : [a] "=&r"(r0), [b] "=&r"(r1), [c] "=&r"(r2),
                       [d] "=&r"(r3)
                     : [s] "r"(src) : "d0", "d1");
    CHECK(r0, 0x07060504, "vmov.32 r, d0[1]");
    CHECK(r1, 0x0f, "vmov.u8 r, d1[7]");
    CHECK(r2, 0x0f0e, "vmov.s16 r, d1[3]");
    CHECK(r3, 0x02, "vmov.s8 r, d0[2]");
    /* Sign extension: 0x80 in lane 3 of d0. */
    __asm__ volatile("vmov.i8 d0, #0x80\n\tvmov.s8 %[a], d0[3]\n\t"
                     "vmov.s16 %[b], d0[1]\n\tvmov.u16 %[c], d0[2]"
                     : [a] "=&r"(r0), [b] "=&r"(r1), [c] "=&r"(r2) :: "d0");
    CHECK(r0, 0xffffff80, "vmov.s8 r, 0x80");
    CHECK(r1, 0xffff8080, "vmov.s16 r, 0x8080");
    CHECK(r2, 0x8080, "vmov.u16 r, 0x8080");
    /* Core to scalar and to a whole D register. */
    __asm__ volatile("vmov.i8 q0, #0\n\tvmov.8 d0[3], %[a]\n\t"
                     "vmov.16 d0[3], %[b]\n\tvmov d1, %[a], %[b]\n\t"
                     "vst1.8 {d0, d1}, [%[o]]"
                     :: [a] "r"(0x123456ab), [b] "r"(0xfedcba98), [o] "r"(w)
                     : "d0", "d1", "memory");
    CHECK(w[0], 0xab000000, "vmov.8 d0[3], r");
    CHECK(w[1], 0xba980000, "vmov.16 d0[3], r");
    CHECK(w[2], 0x123456ab, "vmov d1, ra, rb low");
    CHECK(w[3], 0xfedcba98, "vmov d1, ra, rb high");
    __asm__ volatile("vmov %[a], %[b], d1" : [a] "=&r"(r0), [b] "=&r"(r1)
                     :: "d1");
    CHECK(r0, 0x123456ab, "vmov ra, rb, d1 low");
    CHECK(r1, 0xfedcba98, "vmov ra, rb, d1 high");
    /* vdup from a core register. */
    __asm__ volatile("vdup.16 q0, %[a]\n\tvst1.8 {d0, d1}, [%[o]]"
                     :: [a] "r"(0x12348765), [o] "r"(w) : "d0", "d1", "memory");
    CHECK(w[0], 0x87658765, "vdup.16 q0, r word 0");
    CHECK(w[3], 0x87658765, "vdup.16 q0, r word 3");
    /* Modified immediates. */
    __asm__ volatile("vmov.i32 d0, #0x00ab0000\n\tvmvn.i16 d1, #0x1200\n\t"
                     "vst1.8 {d0, d1}, [%[o]]" :: [o] "r"(w)
                     : "d0", "d1", "memory");
    CHECK(w[0], 0x00ab0000, "vmov.i32 #0x00ab0000");
    CHECK(w[2], 0xedffedff, "vmvn.i16 #0x1200");
    __asm__ volatile("vmov.i64 d0, #0xff00ff0000ff00ff\n\t"
                     "vmov.i32 d1, #0x12ffff\n\t"
                     "vst1.8 {d0, d1}, [%[o]]" :: [o] "r"(w)
                     : "d0", "d1", "memory");
    CHECK(w[0], 0x00ff00ff, "vmov.i64 low");
    CHECK(w[1], 0xff00ff00, "vmov.i64 high");
    CHECK(w[2], 0x0012ffff, "vmov.i32 #0x12ffff (ones-shifted form)");
    __asm__ volatile("vmov.i8 d0, #0x0f\n\tvorr.i32 d0, #0x3000\n\t"
                     "vbic.i16 d0, #0x000f\n\tvmov.f32 d1, #-1.5\n\t"
                     "vst1.8 {d0, d1}, [%[o]]" :: [o] "r"(w)
                     : "d0", "d1", "memory");
    CHECK(w[0], 0x0f003f00, "vmov.i8; vorr.i32; vbic.i16");
    CHECK(w[2], 0xbfc00000, "vmov.f32 #-1.5");
    group_end();
}

int main(void)
{
    test_structures();
    test_vst();
    test_permute();
    test_table();
    test_moves();
    return test_exit();
}

/*
 * tests/tcg/arm/test-bits.c: bitfield bfi/bfc/sbfx/ubfx (over the
 * (lsb, width) pairs of vals.h), rev/rev16/revsh/rbit/clz, the extends
 * sxtb/uxtb/sxth/uxth (with rotations) and extend-and-add forms,
 * sxtb16/uxtb16/uxtab16, pkhbt/pkhtb and usad8/usada8, over every pair
 * of vals[]; expected values from ref-bits.c.  movw/movt by hand.
 */
#include "arm-test.h"
#include "expect-bits.h"

typedef uint32_t GuestOp(uint32_t a, uint32_t b);

#define OP(name, insn) \
static uint32_t g_##name(uint32_t a, uint32_t b) \
{ \
    uint32_t r; \
    __asm__ volatile(insn : [r] "=&r"(r) : [a] "r"(a), [b] "r"(b)); \
    return r; \
}
#define STR_(x) #x
#define STR(x) STR_(x)
/* bfi starts from d = b. */
#define BF(lsb, w) \
static uint32_t g_bfi_##lsb##_##w(uint32_t a, uint32_t b) \
{ \
    __asm__ volatile("bfi %[d], %[a], #" STR(lsb) ", #" STR(w) \
                     : [d] "+r"(b) : [a] "r"(a)); \
    return b; \
} \
static uint32_t g_bfc_##lsb##_##w(uint32_t a, uint32_t b) \
{ \
    __asm__ volatile("bfc %[d], #" STR(lsb) ", #" STR(w) : [d] "+r"(a)); \
    return a; \
} \
OP(ubfx_##lsb##_##w, "ubfx %[r], %[a], #" STR(lsb) ", #" STR(w)) \
OP(sbfx_##lsb##_##w, "sbfx %[r], %[a], #" STR(lsb) ", #" STR(w))
BF_LIST(BF)

OP(rev, "rev %[r], %[a]")
OP(rev16, "rev16 %[r], %[a]")
OP(revsh, "revsh %[r], %[a]")
OP(rbit, "rbit %[r], %[a]")
OP(clz, "clz %[r], %[a]")
OP(sxtb_r8, "sxtb %[r], %[a], ror #8")
OP(uxtb_r24, "uxtb %[r], %[a], ror #24")
OP(sxth_r16, "sxth %[r], %[a], ror #16")
OP(uxth, "uxth %[r], %[a]")
OP(sxtab_r16, "sxtab %[r], %[a], %[b], ror #16")
OP(uxtah_r8, "uxtah %[r], %[a], %[b], ror #8")
OP(sxtb16, "sxtb16 %[r], %[a]")
OP(uxtb16_r8, "uxtb16 %[r], %[a], ror #8")
OP(uxtab16, "uxtab16 %[r], %[a], %[b]")
OP(pkhbt_l8, "pkhbt %[r], %[a], %[b], lsl #8")
OP(pkhtb_a12, "pkhtb %[r], %[a], %[b], asr #12")
OP(pkhtb_a32, "pkhtb %[r], %[a], %[b], asr #31")
OP(usad8, "usad8 %[r], %[a], %[b]")

static uint32_t g_usada8(uint32_t a, uint32_t b)
{
    uint32_t r;
    __asm__ volatile("usada8 %[r], %[a], %[b], %[c]" : [r] "=&r"(r)
                     : [a] "r"(a), [b] "r"(b), [c] "r"(a ^ b));
    return r;
}

static void run(const char *name, GuestOp *op, const uint32_t *exp)
{
    int i, j, k = 0;

    group(name);
    for (i = 0; i < NVALS; i++) {
        for (j = 0; j < NVALS; j++, k++) {
            CHECK(op(vals[i], vals[j]), exp[k], "%s 0x%x, 0x%x", name,
                  vals[i], vals[j]);
        }
    }
    group_end();
}

#define RUN(name) run(#name, g_##name, exp_##name);
#define RUN_BF(lsb, w) RUN(bfi_##lsb##_##w) RUN(bfc_##lsb##_##w) \
    RUN(ubfx_##lsb##_##w) RUN(sbfx_##lsb##_##w)

static void test_movw_movt(void)
{
    uint32_t r;

    group("movw/movt");
    __asm__ volatile("movw %[r], #0xbeef\n\tmovt %[r], #0xdead" : [r] "=r"(r));
    CHECK(r, 0xdeadbeef, "movw #0xbeef; movt #0xdead");
    /* movt keeps the low half. */
    r = 0x12345678;
    __asm__ volatile("movt %[r], #0xffff" : [r] "+r"(r));
    CHECK(r, 0xffff5678, "movt #0xffff over 0x12345678");
    /* movw zero-extends. */
    r = 0x12345678;
    __asm__ volatile("movw %[r], #0x8000" : [r] "+r"(r));
    CHECK(r, 0x8000, "movw #0x8000 over 0x12345678");
    group_end();
}

int main(void)
{
    BF_LIST(RUN_BF)
    RUN(rev) RUN(rev16) RUN(revsh) RUN(rbit) RUN(clz)
    RUN(sxtb_r8) RUN(uxtb_r24) RUN(sxth_r16) RUN(uxth)
    RUN(sxtab_r16) RUN(uxtah_r8) RUN(sxtb16) RUN(uxtb16_r8)
    RUN(uxtab16) RUN(pkhbt_l8) RUN(pkhtb_a12) RUN(pkhtb_a32)
    RUN(usad8) RUN(usada8)
    test_movw_movt();
    return test_exit();
}

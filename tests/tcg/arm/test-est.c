/*
 * tests/tcg/arm/test-est.c: the Neon estimates vrecpe/vrsqrte (.u32 and
 * .f32, Neon standard FPSCR) over est-vals.h (expected values from
 * ref-est.c, the Arm ARM's estimate algorithms), and the Newton-Raphson
 * steps vrecps/vrsqrts on exact products (by hand).
 */
#include "arm-test.h"
#include "est-vals.h"
#include "expect-est.h"

#define EST(insn, x) ({ uint32_t r_; \
    __asm__ volatile("vdup.32 q0, %[a]\n\t" insn " q1, q0\n\t" \
                     "vmov.32 %[r], d3[1]" : [r] "=r"(r_) : [a] "r"(x) \
                     : "d0", "d1", "d2", "d3"); r_; })
#define STEP(insn, x, y) ({ uint32_t r_; \
    __asm__ volatile("vdup.32 d0, %[a]\n\tvdup.32 d1, %[b]\n\t" \
                     insn " d2, d0, d1\n\tvmov.32 %[r], d2[0]" \
                     : [r] "=r"(r_) : [a] "r"(x), [b] "r"(y) \
                     : "d0", "d1", "d2"); r_; })

int main(void)
{
    int i;

    group("vrecpe.u32 / vrsqrte.u32");
    for (i = 0; i < N_EST_U32; i++) {
        CHECK(EST("vrecpe.u32", est_u32[i]), exp_urecpe[i], "vrecpe.u32 0x%08x",
              est_u32[i]);
        CHECK(EST("vrsqrte.u32", est_u32[i]), exp_ursqrte[i],
              "vrsqrte.u32 0x%08x", est_u32[i]);
    }
    group_end();
    group("vrecpe.f32 / vrsqrte.f32");
    for (i = 0; i < N_EST_F32; i++) {
        CHECK(EST("vrecpe.f32", est_f32[i]), exp_frecpe[i], "vrecpe.f32 0x%08x",
              est_f32[i]);
        CHECK(EST("vrsqrte.f32", est_f32[i]), exp_frsqrte[i],
              "vrsqrte.f32 0x%08x", est_f32[i]);
    }
    group_end();
    group("vrecps/vrsqrts");
    /* 2 - 1.5 * 0.5 = 1.25; (3 - 1.5 * 0.5) / 2 = 1.125 (exact). */
    CHECK(STEP("vrecps.f32", 0x3fc00000, 0x3f000000), 0x3fa00000,
          "vrecps 1.5, 0.5");
    CHECK(STEP("vrsqrts.f32", 0x3fc00000, 0x3f000000), 0x3f900000,
          "vrsqrts 1.5, 0.5");
    /* inf * 0 is not invalid here: vrecps gives 2.0, vrsqrts 1.5. */
    CHECK(STEP("vrecps.f32", 0x7f800000, 0x00000000), 0x40000000,
          "vrecps inf, 0");
    CHECK(STEP("vrsqrts.f32", 0x00000000, 0xff800000), 0x3fc00000,
          "vrsqrts 0, -inf");
    /* 2 - 4 * 0.5 = +0; (3 - 2 * 1.5) / 2 = +0. */
    CHECK(STEP("vrecps.f32", 0x40800000, 0x3f000000), 0x00000000,
          "vrecps 4, 0.5");
    CHECK(STEP("vrsqrts.f32", 0x40000000, 0x3fc00000), 0x00000000,
          "vrsqrts 2, 1.5");
    group_end();
    return test_exit();
}

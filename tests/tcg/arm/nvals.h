/*
 * tests/tcg/arm/nvals.h: the 128-bit Neon inputs shared by test-neon.c
 * and ref-neon.c: four hand-picked vectors of corner bytes (0, 1, 0x7f,
 * 0x80, 0xff and neighbours in every lane size) and four fixed random
 * ones.  Float lanes use fvals.h four at a time.
 */
#ifndef ARM_NVALS_H
#define ARM_NVALS_H

#include <stdint.h>

static const uint8_t nvecs[][16] __attribute__((aligned(16))) = {
    { 0x00, 0x01, 0x7f, 0x80, 0xff, 0xfe, 0x81, 0x02, 0x00, 0x80, 0xff, 0x7f, 0x40, 0xc0, 0x01, 0xff },
    { 0xff, 0xff, 0xff, 0xff, 0x80, 0x00, 0x00, 0x00, 0x7f, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x80 },
    { 0x01, 0x00, 0x00, 0x80, 0xff, 0x7f, 0x00, 0x00, 0x00, 0x80, 0x00, 0x80, 0xfe, 0xff, 0xff, 0x7f },
    { 0x08, 0xf8, 0x1f, 0xe1, 0x20, 0x21, 0xdf, 0x00, 0x07, 0x10, 0xf0, 0x3f, 0x41, 0xc1, 0x9c, 0x64 },
    { 0xa5, 0x4d, 0xca, 0x18, 0x25, 0x30, 0xbb, 0x1d, 0x6d, 0x13, 0x2c, 0xde, 0xd6, 0x23, 0x7b, 0x2e },
    { 0xd9, 0x1e, 0x3f, 0x72, 0x1f, 0xcb, 0x19, 0x71, 0x17, 0x44, 0x94, 0xd6, 0x49, 0x3c, 0x9d, 0x5c },
    { 0x34, 0x60, 0xbe, 0x31, 0x20, 0x1e, 0x69, 0xfe, 0xda, 0xa0, 0xee, 0xe8, 0xb9, 0x99, 0x7f, 0x5c },
    { 0x7c, 0x29, 0x99, 0xfd, 0xaf, 0xe5, 0x93, 0x25, 0x3c, 0xd6, 0x54, 0xaf, 0x4d, 0xfa, 0xd7, 0x14 },
};
#define NNVECS ((int)(sizeof(nvecs) / sizeof(nvecs[0])))
/* The accumulator (initial q2) of case (i, j). */
#define NACC(i, j) (((i) + 3 * (j) + 1) % NNVECS)

/*
 * The integer operations: X(name, "instruction") with q0 = a, q1 = b,
 * q2 = accumulator in, result out (d4 alone for narrowing ops, d5 then
 * keeps the accumulator).  ref-neon.c has one model per name.
 */
#define NEON_INT_OPS(X) \
    X(vadd_i8, "vadd.i8 q2, q0, q1") \
    X(vadd_i16, "vadd.i16 q2, q0, q1") \
    X(vadd_i32, "vadd.i32 q2, q0, q1") \
    X(vadd_i64, "vadd.i64 q2, q0, q1") \
    X(vsub_i8, "vsub.i8 q2, q0, q1") \
    X(vsub_i32, "vsub.i32 q2, q0, q1") \
    X(vmul_i8, "vmul.i8 q2, q0, q1") \
    X(vmul_i16, "vmul.i16 q2, q0, q1") \
    X(vmul_i32, "vmul.i32 q2, q0, q1") \
    X(vmla_i16, "vmla.i16 q2, q0, q1") \
    X(vmls_i32, "vmls.i32 q2, q0, q1") \
    X(vqadd_s8, "vqadd.s8 q2, q0, q1") \
    X(vqadd_u8, "vqadd.u8 q2, q0, q1") \
    X(vqadd_s16, "vqadd.s16 q2, q0, q1") \
    X(vqadd_u32, "vqadd.u32 q2, q0, q1") \
    X(vqadd_s64, "vqadd.s64 q2, q0, q1") \
    X(vqsub_s16, "vqsub.s16 q2, q0, q1") \
    X(vqsub_u8, "vqsub.u8 q2, q0, q1") \
    X(vqsub_s32, "vqsub.s32 q2, q0, q1") \
    X(vqdmulh_s16, "vqdmulh.s16 q2, q0, q1") \
    X(vqrdmulh_s16, "vqrdmulh.s16 q2, q0, q1") \
    X(vqdmulh_s32, "vqdmulh.s32 q2, q0, q1") \
    X(vqrdmulh_s32, "vqrdmulh.s32 q2, q0, q1") \
    X(vshl_s8, "vshl.s8 q2, q0, q1") \
    X(vshl_u16, "vshl.u16 q2, q0, q1") \
    X(vrshl_s32, "vrshl.s32 q2, q0, q1") \
    X(vqshl_u8, "vqshl.u8 q2, q0, q1") \
    X(vqshl_s16, "vqshl.s16 q2, q0, q1") \
    X(vqrshl_s8, "vqrshl.s8 q2, q0, q1") \
    X(vhadd_s8, "vhadd.s8 q2, q0, q1") \
    X(vrhadd_u16, "vrhadd.u16 q2, q0, q1") \
    X(vhsub_u32, "vhsub.u32 q2, q0, q1") \
    X(vabd_s16, "vabd.s16 q2, q0, q1") \
    X(vaba_u8, "vaba.u8 q2, q0, q1") \
    X(vmax_u8, "vmax.u8 q2, q0, q1") \
    X(vmin_s32, "vmin.s32 q2, q0, q1") \
    X(vmax_s16, "vmax.s16 q2, q0, q1") \
    X(vceq_i16, "vceq.i16 q2, q0, q1") \
    X(vcgt_s8, "vcgt.s8 q2, q0, q1") \
    X(vcge_u32, "vcge.u32 q2, q0, q1") \
    X(vtst_i8, "vtst.8 q2, q0, q1") \
    X(vand, "vand q2, q0, q1") \
    X(vorr, "vorr q2, q0, q1") \
    X(veor, "veor q2, q0, q1") \
    X(vbic, "vbic q2, q0, q1") \
    X(vorn, "vorn q2, q0, q1") \
    X(vbsl, "vbsl q2, q0, q1") \
    X(vbit, "vbit q2, q0, q1") \
    X(vbif, "vbif q2, q0, q1") \
    X(vpadd_i16, "vpadd.i16 d4, d0, d2") \
    X(vpmax_s8, "vpmax.s8 d4, d0, d2") \
    X(vpmin_u16, "vpmin.u16 d4, d1, d3") \
    X(vabs_s8, "vabs.s8 q2, q0") \
    X(vqabs_s8, "vqabs.s8 q2, q0") \
    X(vneg_s16, "vneg.s16 q2, q0") \
    X(vqneg_s32, "vqneg.s32 q2, q0") \
    X(vcnt_8, "vcnt.8 q2, q0") \
    X(vclz_i16, "vclz.i16 q2, q0") \
    X(vcls_s8, "vcls.s8 q2, q0") \
    X(vmvn, "vmvn q2, q0") \
    X(vrev64_8, "vrev64.8 q2, q0") \
    X(vrev32_16, "vrev32.16 q2, q0") \
    X(vrev16_8, "vrev16.8 q2, q0") \
    X(vmovl_s8, "vmovl.s8 q2, d0") \
    X(vmovl_u16, "vmovl.u16 q2, d1") \
    X(vmovn_i32, "vmovn.i32 d4, q0") \
    X(vqmovn_s32, "vqmovn.s32 d4, q0") \
    X(vqmovun_s16, "vqmovun.s16 d4, q0") \
    X(vqmovn_u64, "vqmovn.u64 d4, q0") \
    X(vshr_s16_3, "vshr.s16 q2, q0, #3") \
    X(vshr_u32_32, "vshr.u32 q2, q0, #32") \
    X(vrshr_s8_1, "vrshr.s8 q2, q0, #1") \
    X(vsra_u16_5, "vsra.u16 q2, q0, #5") \
    X(vshl_i32_31, "vshl.i32 q2, q0, #31") \
    X(vqshlu_s8_2, "vqshlu.s8 q2, q0, #2") \
    X(vqshl_s16_9, "vqshl.s16 q2, q0, #9") \
    X(vshrn_i32_16, "vshrn.i32 d4, q0, #16") \
    X(vqrshrn_s32_4, "vqrshrn.s32 d4, q0, #4") \
    X(vqshrun_s16_3, "vqshrun.s16 d4, q0, #3") \
    X(vsli_8_3, "vsli.8 q2, q0, #3") \
    X(vsri_16_4, "vsri.16 q2, q0, #4") \
    X(vshll_u8_8, "vshll.u8 q2, d0, #8") \
    X(vshll_s16_5, "vshll.s16 q2, d0, #5") \
    X(vmull_s16, "vmull.s16 q2, d0, d2") \
    X(vmull_u32, "vmull.u32 q2, d1, d3") \
    X(vmull_p8, "vmull.p8 q2, d0, d2") \
    X(vmul_p8, "vmul.p8 q2, q0, q1") \
    X(vmlal_u8, "vmlal.u8 q2, d0, d2") \
    X(vqdmull_s16, "vqdmull.s16 q2, d0, d2") \
    X(vaddl_s8, "vaddl.s8 q2, d0, d2") \
    X(vsubw_u16, "vsubw.u16 q2, q0, d2") \
    X(vabdl_u8, "vabdl.u8 q2, d1, d3") \
    X(vpaddl_s8, "vpaddl.s8 q2, q0") \
    X(vpadal_u16, "vpadal.u16 q2, q0") \
    X(vext_3, "vext.8 q2, q0, q1, #3") \
    X(vdup_16, "vdup.16 q2, d1[2]") \
    X(vmul_s16_scalar, "vmul.i16 q2, q0, d2[3]") \
    X(vqdmulh_s32_scalar, "vqdmulh.s32 q2, q0, d3[1]") \
    X(vceq_i8_0, "vceq.i8 q2, q0, #0") \
    X(vcgt_s16_0, "vcgt.s16 q2, q0, #0") \
    X(vcle_s32_0, "vcle.s32 q2, q0, #0") \
    X(vclt_s8_0, "vclt.s8 q2, q0, #0") \
    X(vcge_s8_0, "vcge.s8 q2, q0, #0") \
    X(vqdmlal_s16, "vqdmlal.s16 q2, d0, d2") \
    X(vqdmlsl_s32, "vqdmlsl.s32 q2, d1, d3") \
    X(vmlsl_s8, "vmlsl.s8 q2, d0, d2") \
    X(vabal_u16, "vabal.u16 q2, d1, d3") \
    X(vrsra_s32_7, "vrsra.s32 q2, q0, #7") \
    X(vshl_s64, "vshl.s64 q2, q0, q1") \
    X(vqrshl_u64, "vqrshl.u64 q2, q0, q1") \
    X(vshr_s64_63, "vshr.s64 q2, q0, #63") \
    X(vrshr_u64_1, "vrshr.u64 q2, q0, #1") \
    X(vqshlu_s64_3, "vqshlu.s64 q2, q0, #3") \
    X(vmlal_s16_scalar, "vmlal.s16 q2, d0, d3[2]") \
    X(vqrdmulh_s16_scalar, "vqrdmulh.s16 q2, q0, d2[1]") \
    X(vpaddl_u32, "vpaddl.u32 q2, q0") \
    X(vpadal_s8, "vpadal.s8 q2, q0")

/* Float lanes (the Neon "standard FPSCR": flush-to-zero, default NaN,
 * round to nearest), q0/q1 from fvals.h, q2 from the accumulator. */
#define NEON_FP_OPS(X) \
    X(vadd_f32, "vadd.f32 q2, q0, q1") \
    X(vsub_f32, "vsub.f32 q2, q0, q1") \
    X(vmul_f32, "vmul.f32 q2, q0, q1") \
    X(vmla_f32, "vmla.f32 q2, q0, q1") \
    X(vmax_f32, "vmax.f32 q2, q0, q1") \
    X(vmin_f32, "vmin.f32 q2, q0, q1") \
    X(vceq_f32, "vceq.f32 q2, q0, q1") \
    X(vcge_f32, "vcge.f32 q2, q0, q1") \
    X(vcgt_f32, "vcgt.f32 q2, q0, q1") \
    X(vabs_f32, "vabs.f32 q2, q0") \
    X(vneg_f32, "vneg.f32 q2, q0") \
    X(vcvt_s32_f32, "vcvt.s32.f32 q2, q0") \
    X(vcvt_u32_f32, "vcvt.u32.f32 q2, q0") \
    X(vcvt_f32_s32, "vcvt.f32.s32 q2, q0") \
    X(vcvt_f32_u32, "vcvt.f32.u32 q2, q0") \
    X(vcvt_s32_f32_fx8, "vcvt.s32.f32 q2, q0, #8") \
    X(vcvt_f32_u32_fx4, "vcvt.f32.u32 q2, q0, #4") \
    X(vacgt_f32, "vacgt.f32 q2, q0, q1") \
    X(vabd_f32, "vabd.f32 q2, q0, q1") \
    X(vpadd_f32, "vpadd.f32 d4, d0, d2") \
    X(vmul_f32_scalar, "vmul.f32 q2, q0, d3[1]")

#endif

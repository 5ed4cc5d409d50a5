/*
 * ops.h: the soft-float versions of the operations that hostfast.c
 * may compute on the host FPU instead.
 */
#ifndef FPU_OPS_H
#define FPU_OPS_H

#include "fpu/softfloat.h"

#define FPU_DECLARE_SOFT(T)                                             \
    T T##_add_soft(T a, T b, FloatStatus *s);                           \
    T T##_sub_soft(T a, T b, FloatStatus *s);                           \
    T T##_mul_soft(T a, T b, FloatStatus *s);                           \
    T T##_div_soft(T a, T b, FloatStatus *s);                           \
    T T##_sqrt_soft(T a, FloatStatus *s);                               \
    T T##_muladd_soft(T a, T b, T c, int flags, FloatStatus *s);

FPU_DECLARE_SOFT(float32)
FPU_DECLARE_SOFT(float64)
FPU_DECLARE_SOFT(floatx80)
FPU_DECLARE_SOFT(float128)
FPU_DECLARE_SOFT(bfloat16)

#endif

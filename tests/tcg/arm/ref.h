/*
 * tests/tcg/arm/ref.h: helpers of the native reference models.  Each
 * ref-*.c is compiled and run on the build host by run-tests.sh and
 * prints a C header of expected values, one array per instruction
 * group, walked by the guest test in the same order.
 */
#ifndef ARM_REF_H
#define ARM_REF_H

#include <stdint.h>
#include <stdio.h>
#include "vals.h"

static int ref_col;

static void ref_begin(const char *name)
{
    printf("static const uint32_t %s[] = {\n", name);
    ref_col = 0;
}

static void ref_u32(uint32_t v)
{
    printf("%s0x%08x,", ref_col == 0 ? "    " : " ", v);
    if (++ref_col == 6) {
        printf("\n");
        ref_col = 0;
    }
}

static void ref_end(void)
{
    printf("%s};\n\n", ref_col ? "\n" : "");
}

#define NZ(r) ((((uint32_t)(r) >> 31) << 3) | ((uint32_t)(r) == 0 ? 4u : 0u))

#endif

/* tests/tcg/i386/test-bcd.c: daa das aaa aas aam aad (i386 only: they
 * are invalid in 64-bit mode). */
#include "test.h"

#define BCD_FN(name, insn)                                                 \
    static reg_t name(reg_t a, reg_t *flp)                                 \
    {                                                                      \
        reg_t fl = *flp;                                                   \
        asm volatile(FL_IN insn FL_OUT : "+a"(a), [fl] "+r"(fl) : : "cc"); \
        *flp = fl;                                                         \
        return a;                                                          \
    }
BCD_FN(bcd_daa, "daa") BCD_FN(bcd_das, "das") BCD_FN(bcd_aaa, "aaa") BCD_FN(bcd_aas, "aas")
BCD_FN(bcd_aam, "aam") BCD_FN(bcd_aad, "aad")
BCD_FN(bcd_aam16, "aam $16") BCD_FN(bcd_aad16, "aad $16")
BCD_FN(bcd_aam7, "aam $7") BCD_FN(bcd_aad7, "aad $7")

/* Flags each defines: daa/das leave OF undefined; aaa/aas define only
 * AF CF; aam/aad define SF ZF PF. */
static const struct { const char *name; reg_t (*fn)(reg_t, reg_t *); int mask, all_ah; } bcd_ops[] = {
    { "daa", bcd_daa, F_ALL & ~F_OF, 0 }, { "das", bcd_das, F_ALL & ~F_OF, 0 },
    { "aaa", bcd_aaa, F_AF | F_CF, 1 }, { "aas", bcd_aas, F_AF | F_CF, 1 },
    { "aam", bcd_aam, F_SF | F_ZF | F_PF, 0 }, { "aad", bcd_aad, F_SF | F_ZF | F_PF, 1 },
    { "aam16", bcd_aam16, F_SF | F_ZF | F_PF, 0 }, { "aad16", bcd_aad16, F_SF | F_ZF | F_PF, 1 },
    { "aam7", bcd_aam7, F_SF | F_ZF | F_PF, 0 }, { "aad7", bcd_aad7, F_SF | F_ZF | F_PF, 1 },
};

void test_bcd(void)
{
    static const int ahs[] = { 0x00, 0x01, 0x09, 0x7f, 0xff };
    for (int o = 0; o < N_ELEM(bcd_ops); o++)
        for (int h = 0; h < (bcd_ops[o].all_ah ? N_ELEM(ahs) : 2); h++)
            for (int al = 0; al < 256; al++)
                for (int f = 0; f < 4; f++) {
                    /* f: CF and AF in; the rest of the flags set with CF */
                    reg_t fl = (f & 1 ? F_CF | F_SF | F_ZF | F_OF | F_PF : 0) | (f & 2 ? F_AF : 0);
                    reg_t a = 0x12340000 | ahs[h] << 8 | al;
                    reg_t r = bcd_ops[o].fn(a, &fl);
                    printf("%s %08lx cf=%d af=%d -> %08lx fl=%03lx\n", bcd_ops[o].name, a,
                           f & 1, f >> 1, r, fl & bcd_ops[o].mask);
                }
}

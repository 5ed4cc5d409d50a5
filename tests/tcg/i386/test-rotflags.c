/*
 * tests/tcg/i386/test-rotflags.c: flags after rotates on top of another
 * operation.  A rotate changes only CF and OF (for a non-zero count), so
 * after "sub; rol" ZF/SF/PF are still the subtraction's; the translator
 * keeps that lazily (CC_OP_ROT), and this checks each condition read
 * that way, after one and after two rotates.
 */
#include "test.h"

#define ROT_CASE(NAME, ROT, SET)                                            \
static unsigned NAME(unsigned a, unsigned b)                                \
{                                                                           \
    unsigned r;                                                             \
    unsigned char c;                                                        \
                                                                            \
    __asm__ volatile("sub %2, %0\n\t" ROT "\n\t" SET " %1"                  \
                     : "=r"(r), "=q"(c) : "r"(b), "0"(a) : "cc");           \
    return r * 2 + c;                                                       \
}

ROT_CASE(rol_z, "rol $3, %0", "setz")
ROT_CASE(rol_s, "rol $3, %0", "sets")
ROT_CASE(rol_p, "rol $3, %0", "setp")
ROT_CASE(rol_c, "rol $3, %0", "setc")
ROT_CASE(rol1_o, "rol $1, %0", "seto")
ROT_CASE(ror_be, "ror $5, %0", "setbe")
ROT_CASE(ror1_l, "ror $1, %0", "setl")
ROT_CASE(ror_le, "ror $7, %0", "setle")
ROT_CASE(rorrol_z, "ror $7, %0\n\trol $2, %0", "setz")
ROT_CASE(rorrol_c, "ror $7, %0\n\trol $2, %0", "setc")
ROT_CASE(rorror_o, "ror $1, %0\n\tror $1, %0", "seto")

void test_rot_flags(void)
{
    static const struct {
        const char *name;
        unsigned (*fn)(unsigned, unsigned);
    } cases[] = {
        { "sub;rol3;setz", rol_z }, { "sub;rol3;sets", rol_s },
        { "sub;rol3;setp", rol_p }, { "sub;rol3;setc", rol_c },
        { "sub;rol1;seto", rol1_o }, { "sub;ror5;setbe", ror_be },
        { "sub;ror1;setl", ror1_l }, { "sub;ror7;setle", ror_le },
        { "sub;ror7;rol2;setz", rorrol_z }, { "sub;ror7;rol2;setc", rorrol_c },
        { "sub;ror1;ror1;seto", rorror_o },
    };
    static const unsigned v[] = {
        0, 1, 2, 5, 0x40000000, 0x7fffffff, 0x80000000, 0x12345678,
        0xffffffff,
    };

    for (int i = 0; i < N_ELEM(cases); i++)
        for (int x = 0; x < N_ELEM(v); x++)
            for (int y = 0; y < N_ELEM(v); y++) {
                unsigned r = cases[i].fn(v[x], v[y]);
                printf("%s %08x,%08x -> %08x %u\n", cases[i].name, v[x], v[y],
                       r >> 1, r & 1);
            }
}

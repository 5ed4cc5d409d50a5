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

/*
 * The rotate first in a TB (after a jump), reached after sub or after
 * add or adc: the translator assumes the op it saw at translation and
 * must take the general path for the others.
 */
#define ROT_JOIN_CASE(NAME, ROT, SET)                                       \
static unsigned NAME(unsigned a, unsigned b, unsigned which)                \
{                                                                           \
    unsigned r;                                                             \
    unsigned char c;                                                        \
                                                                            \
    __asm__ volatile("cmp $1, %3\n\t"                                       \
                     "je 2f\n\t"                                            \
                     "ja 3f\n\t"                                            \
                     "sub %2, %0\n\t"                                       \
                     "jmp 1f\n"                                             \
                     "2:\tadd %2, %0\n\t"                                   \
                     "jmp 1f\n"                                             \
                     "3:\tstc\n\t"                                          \
                     "adc %2, %0\n"                                         \
                     "1:\t" ROT "\n\t" SET " %1"                            \
                     : "=r"(r), "=q"(c) : "r"(b), "r"(which), "0"(a)        \
                     : "cc");                                               \
    return r * 2 + c;                                                       \
}

ROT_JOIN_CASE(join_z, "rol $3, %0", "setz")
ROT_JOIN_CASE(join_s, "ror $5, %0", "sets")
ROT_JOIN_CASE(join_c, "rol $3, %0", "setc")
ROT_JOIN_CASE(join_o, "ror $1, %0", "seto")

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
    {
        static const struct {
            const char *name;
            unsigned (*fn)(unsigned, unsigned, unsigned);
        } joins[] = {
            { "rol3;setz", join_z }, { "ror5;sets", join_s },
            { "rol3;setc", join_c }, { "ror1;seto", join_o },
        };
        static const char *const before[3] = { "sub", "add", "stc;adc" };

        /* each order of first use: the first call fixes the assumption */
        for (int i = 0; i < N_ELEM(joins); i++)
            for (int w = 0; w < 3; w++)
                for (int x = 0; x < N_ELEM(v); x++)
                    for (int y = 0; y < N_ELEM(v); y += 2) {
                        unsigned r = joins[i].fn(v[x], v[y], (w + i) % 3);
                        printf("%s;jmp;%s %08x,%08x -> %08x %u\n",
                               before[(w + i) % 3], joins[i].name, v[x], v[y],
                               r >> 1, r & 1);
                    }
    }
}

/* tests/tcg/i386/test-string.c: movs cmps stos lods scas in every size,
 * with rep/repe/repne, both directions, counts 0..5. */
#include "test.h"

static uint8_t str_src[64], str_dst[64], str_ref[64];

struct str_state {
    reg_t si, di, cx, ax, fl;
};

#define STR_FN(name, insn)                                                 \
    static void name(struct str_state *s)                                  \
    {                                                                      \
        reg_t fl = s->fl;                                                  \
        asm volatile(FL_IN insn FL_OUT "\n\tcld"                           \
                     : "+S"(s->si), "+D"(s->di), "+c"(s->cx), "+a"(s->ax), [fl] "+r"(fl) \
                     : : "memory", "cc");                                  \
        s->fl = fl;                                                        \
    }
#ifdef __x86_64__
#define STR_SIZES(X, pfx, op) X(pfx, op, b, 1) X(pfx, op, w, 2) X(pfx, op, l, 4) X(pfx, op, q, 8)
#else
#define STR_SIZES(X, pfx, op) X(pfx, op, b, 1) X(pfx, op, w, 2) X(pfx, op, l, 4)
#endif
#define STR_OPS(X)                                                         \
    STR_SIZES(X, , movs) STR_SIZES(X, rep, movs)                           \
    STR_SIZES(X, , cmps) STR_SIZES(X, repe, cmps) STR_SIZES(X, repne, cmps) \
    STR_SIZES(X, , stos) STR_SIZES(X, rep, stos)                           \
    STR_SIZES(X, , lods) STR_SIZES(X, rep, lods)                           \
    STR_SIZES(X, , scas) STR_SIZES(X, repe, scas) STR_SIZES(X, repne, scas)
#define STR_DEF(pfx, op, sz, n) STR_FN(str_##pfx##op##sz, #pfx " " #op #sz)
STR_OPS(STR_DEF)
#define STR_ROW(pfx, op, sz, n) { #pfx " " #op #sz, str_##pfx##op##sz, n, #pfx[0] != 0 },
static const struct {
    const char *name;
    void (*fn)(struct str_state *);
    int size, rep;
} str_ops[] = { STR_OPS(STR_ROW) };

void test_string(void)
{
    for (int o = 0; o < N_ELEM(str_ops); o++)
        for (int df = 0; df < 2; df++)
            for (int cnt = 0; cnt <= 5; cnt++)
                for (int diff = 0; diff < 4; diff++) {
                    /* single instructions run once whatever ecx */
                    if ((!str_ops[o].rep && cnt > 1) || (diff && cnt < 2 && str_ops[o].rep))
                        continue;
                    int start = df ? 48 : 16;
                    for (int i = 0; i < 64; i++)
                        str_src[i] = str_dst[i] = (uint8_t)(i * 3 + 1);
                    /* movs/stos: a destination unlike the source */
                    if (strstr(str_ops[o].name, "movs") || strstr(str_ops[o].name, "stos"))
                        for (int i = 0; i < 64; i++)
                            str_dst[i] = (uint8_t)(i * 5 + 7);
                    /* make src and dst (or eax and dst) differ at element diff-1 */
                    int elem = (df ? -1 : 1) * (diff - 1) * str_ops[o].size;
                    if (diff)
                        str_dst[start + elem] ^= 0x40;
                    memcpy(str_ref, str_dst, 64);
                    struct str_state s = {
                        .si = (reg_t)(str_src + start), .di = (reg_t)(str_dst + start),
                        .cx = (reg_t)(cnt | (str_ops[o].rep ? 0 : 0x100)),
                        .fl = df ? F_DF : 0,
                    };
                    /* scas: eax equal to the src element at diff-1 */
                    memcpy(&s.ax, str_src + start + (diff ? elem : 0), sizeof(reg_t));
                    if (!diff)
                        s.ax ^= 0x1111;
                    reg_t ax0 = s.ax;
                    str_ops[o].fn(&s);
                    printf("%-12s df=%d cnt=%d diff=%d ax=%lx -> si=%+ld di=%+ld cx=%lx ax=%lx fl=%03lx dst:",
                           str_ops[o].name, df, cnt, diff, ax0,
                           (long)(s.si - (reg_t)(str_src + start)),
                           (long)(s.di - (reg_t)(str_dst + start)), s.cx, s.ax, s.fl & F_ALL);
                    for (int i = 0; i < 64; i++)
                        if (str_dst[i] != str_ref[i])
                            printf(" [%d]=%02x", i - start, str_dst[i]);
                    printf("\n");
                }
}

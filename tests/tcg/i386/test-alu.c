/* tests/tcg/i386/test-alu.c: add..test, inc/dec/neg/not, mul/imul/div/idiv,
 * shifts and rotates, for every operand size. */
#include "test.h"

/* Interesting values; each size uses them truncated (duplicates removed). */
static const uint64_t seeds[] = {
    0, 1, 2, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff,
    0x80000000, 0xffffffff, 0x7fffffffffffffffull, 0x8000000000000000ull,
    0xfffffffffffffffeull, 0xffffffffffffffffull, 0x123456789abcdef0ull,
    0x0f0f0f0f0f0f0f0full,
};

static reg_t size_mask(int bits)
{
    return bits >= REG_BITS ? ~(reg_t)0 : ((reg_t)1 << bits) - 1;
}

/* Fills v with the seeds truncated to bits, without duplicates. */
static int values_for(int bits, reg_t *v)
{
    int n = 0;
    for (int i = 0; i < N_ELEM(seeds); i++) {
        reg_t x = (reg_t)seeds[i] & size_mask(bits);
        int dup = 0;
        for (int j = 0; j < n; j++)
            dup |= v[j] == x;
        if (!dup)
            v[n++] = x;
    }
    return n;
}

typedef reg_t (*alu2_fn)(reg_t a, reg_t b, reg_t *fl);
typedef reg_t (*alu1_fn)(reg_t a, reg_t *fl);

/* mod is the operand-size modifier of the register operands. */
#define ALU2_FN(fname, insn, mod)                                          \
    static reg_t fname(reg_t a, reg_t b, reg_t *flp)                       \
    {                                                                      \
        reg_t fl = *flp;                                                   \
        asm volatile(FL_IN insn " %" mod "[b], %" mod "[a]" FL_OUT         \
                     : [a] "+q"(a), [fl] "+r"(fl) : [b] "q"(b) : "cc");    \
        *flp = fl;                                                         \
        return a;                                                          \
    }
#define ALU1_FN(fname, insn, mod)                                          \
    static reg_t fname(reg_t a, reg_t *flp)                                \
    {                                                                      \
        reg_t fl = *flp;                                                   \
        asm volatile(FL_IN insn " %" mod "[a]" FL_OUT                      \
                     : [a] "+q"(a), [fl] "+r"(fl) : : "cc");               \
        *flp = fl;                                                         \
        return a;                                                          \
    }

#ifdef __x86_64__
#define SIZES(DEF, op) DEF(op##_b, #op "b", "b") DEF(op##_w, #op "w", "w") \
    DEF(op##_l, #op "l", "k") DEF(op##_q, #op "q", "q")
#define ROW(op) { #op, { op##_b, op##_w, op##_l, op##_q } },
#else
#define SIZES(DEF, op) DEF(op##_b, #op "b", "b") DEF(op##_w, #op "w", "w") \
    DEF(op##_l, #op "l", "k")
#define ROW(op) { #op, { op##_b, op##_w, op##_l } },
#endif
#define N_SIZES ((int)sizeof(reg_t) / 4 + 2)
static const int size_bits[] = { 8, 16, 32, 64 };
static const char size_suffix[] = "bwlq";

#define ALU2_OPS(X) X(add) X(adc) X(sub) X(sbb) X(and) X(or) X(xor) X(cmp) X(test)
#define ALU1_OPS(X) X(inc) X(dec) X(neg) X(not)
#define DEF2(op) SIZES(ALU2_FN, op)
#define DEF1(op) SIZES(ALU1_FN, op)
ALU2_OPS(DEF2)
ALU1_OPS(DEF1)

static const struct { const char *name; alu2_fn fn[4]; } alu2_ops[] = { ALU2_OPS(ROW) };
static const struct { const char *name; alu1_fn fn[4]; } alu1_ops[] = { ALU1_OPS(ROW) };

void test_alu(void)
{
    reg_t v[N_ELEM(seeds)];
    for (int s = 0; s < N_SIZES; s++) {
        int bits = size_bits[s], w = bits / 4, n = values_for(bits, v);
        for (int o = 0; o < N_ELEM(alu2_ops); o++)
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    for (int c = 0; c < 2; c++) {
                        /* flags in: all clear or all set (CF in for adc/sbb) */
                        reg_t fl = c ? F_ALL : 0;
                        reg_t r = alu2_ops[o].fn[s](v[i], v[j], &fl);
                        printf("%s%c %0*lx,%0*lx fi=%d -> %0*lx fl=%03lx\n",
                               alu2_ops[o].name, size_suffix[s], w, v[i], w, v[j], c,
                               w, r & size_mask(bits), fl & F_ALL);
                    }
        for (int o = 0; o < N_ELEM(alu1_ops); o++)
            for (int i = 0; i < n; i++)
                for (int c = 0; c < 2; c++) {
                    reg_t fl = c ? F_ALL : 0;
                    reg_t r = alu1_ops[o].fn[s](v[i], &fl);
                    printf("%s%c %0*lx fi=%d -> %0*lx fl=%03lx\n", alu1_ops[o].name,
                           size_suffix[s], w, v[i], c, w, r & size_mask(bits), fl & F_ALL);
                }
    }
}

/* ------------------------------------------------------------- mul / div */

/* SF ZF AF PF are undefined after mul/imul and differ between vendors. */
#define MUL_FLAGS (F_CF | F_OF)

#define MUL1_FN(fname, insn, mod)                                          \
    static reg_t fname(reg_t a, reg_t b, reg_t *hi, reg_t *flp)            \
    {                                                                      \
        reg_t fl = *flp, d = 0;                                            \
        asm volatile(FL_IN insn " %" mod "[b]" FL_OUT                      \
                     : "+a"(a), "+d"(d), [fl] "+r"(fl) : [b] "q"(b) : "cc"); \
        *flp = fl;                                                         \
        *hi = d;                                                           \
        return a;                                                          \
    }
SIZES(MUL1_FN, mul)
SIZES(MUL1_FN, imul)
typedef reg_t (*mul1_fn)(reg_t, reg_t, reg_t *, reg_t *);
static const struct { const char *name; mul1_fn fn[4]; } mul1_ops[] = { ROW(mul) ROW(imul) };

/* imul r, r/m and imul r, r/m, imm (8-bit and 32-bit immediates). */
#define IMUL2_FN(fname, sfx, mod)                                          \
    static reg_t fname(reg_t a, reg_t b, int form, reg_t *flp)             \
    {                                                                      \
        reg_t fl = *flp;                                                   \
        switch (form) {                                                    \
        case 0: asm volatile(FL_IN "imul" sfx " %" mod "[b], %" mod "[a]" FL_OUT \
                     : [a] "+r"(a), [fl] "+r"(fl) : [b] "r"(b) : "cc"); break; \
        case 1: asm volatile(FL_IN "imul" sfx " $-3, %" mod "[b], %" mod "[a]" FL_OUT \
                     : [a] "+r"(a), [fl] "+r"(fl) : [b] "r"(b) : "cc"); break; \
        case 2: asm volatile(FL_IN "imul" sfx " $127, %" mod "[b], %" mod "[a]" FL_OUT \
                     : [a] "+r"(a), [fl] "+r"(fl) : [b] "r"(b) : "cc"); break; \
        case 3: asm volatile(FL_IN "imul" sfx " $0x1235, %" mod "[b], %" mod "[a]" FL_OUT \
                     : [a] "+r"(a), [fl] "+r"(fl) : [b] "r"(b) : "cc"); break; \
        default: asm volatile(FL_IN "imul" sfx " $-0x7654, %" mod "[b], %" mod "[a]" FL_OUT \
                     : [a] "+r"(a), [fl] "+r"(fl) : [b] "r"(b) : "cc"); break; \
        }                                                                  \
        *flp = fl;                                                         \
        return a;                                                          \
    }
IMUL2_FN(imul2_w, "w", "w")
IMUL2_FN(imul2_l, "l", "k")
#ifdef __x86_64__
IMUL2_FN(imul2_q, "q", "q")
#endif
static const char *const imul_forms[] = { "r", "-3", "127", "0x1235", "-0x7654" };

/* div/idiv: hi:lo / b; a #DE prints the signal instead. */
#define DIV_FN(fname, insn, mod)                                           \
    static int fname(reg_t *lo, reg_t *hi, reg_t b)                        \
    {                                                                      \
        reg_t a = *lo, d = *hi;                                            \
        if (CATCH())                                                       \
            return 0;                                                      \
        asm volatile(SET_FAULT_BASE insn " %" mod "[b]"                    \
                     : "+a"(a), "+d"(d) : [b] "q"(b) : "cc", "memory");    \
        END_CATCH();                                                       \
        *lo = a;                                                           \
        *hi = d;                                                           \
        return 1;                                                          \
    }
SIZES(DIV_FN, div)
SIZES(DIV_FN, idiv)
typedef int (*div_fn)(reg_t *, reg_t *, reg_t);
static const struct { const char *name; div_fn fn[4]; } div_ops[] = { ROW(div) ROW(idiv) };

void test_mul_div(void)
{
    reg_t v[N_ELEM(seeds)];
    for (int s = 0; s < N_SIZES; s++) {
        int bits = size_bits[s], w = bits / 4, n = values_for(bits, v);
        reg_t m = size_mask(bits);
        for (int o = 0; o < N_ELEM(mul1_ops); o++)
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) {
                    reg_t fl = 0, hi, lo;
                    lo = mul1_ops[o].fn[s](v[i], v[j], &hi, &fl);
                    if (bits == 8) {        /* result in ax */
                        hi = (lo >> 8) & 0xff;
                    }
                    printf("%s%c %0*lx,%0*lx -> %0*lx:%0*lx fl=%03lx\n", mul1_ops[o].name,
                           size_suffix[s], w, v[i], w, v[j], w, hi & m, w, lo & m,
                           fl & MUL_FLAGS);
                }
        for (int i = 0; s > 0 && i < n; i++)
            for (int j = 0; j < n; j++)
                for (int f = 0; f < N_ELEM(imul_forms); f++) {
                    reg_t fl = 0, r;
                    if (s == 1) r = imul2_w(v[i], v[j], f, &fl);
                    else if (s == 2) r = imul2_l(v[i], v[j], f, &fl);
#ifdef __x86_64__
                    else r = imul2_q(v[i], v[j], f, &fl);
#else
                    else r = 0;
#endif
                    printf("imul%c %s %0*lx,%0*lx -> %0*lx fl=%03lx\n", size_suffix[s],
                           imul_forms[f], w, v[i], w, v[j], w, r & m, fl & MUL_FLAGS);
                }
        /* dividends: the value pairs as hi:lo (hi limited so some fit). */
        for (int o = 0; o < N_ELEM(div_ops); o++)
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j += 2)
                    for (int k = 0; k < n; k++) {
                        reg_t lo = v[j], hi = bits == 8 ? 0 : v[i], b = v[k];
                        if (bits == 8)
                            lo = v[j] | (v[i] << 8);
                        printf("%s%c %0*lx:%0*lx/%0*lx", div_ops[o].name, size_suffix[s],
                               w, hi, w, lo & m, w, b);
                        if (div_ops[o].fn[s](&lo, &hi, b)) {
                            if (bits == 8)
                                hi = lo >> 8;
                            printf(" -> q=%0*lx r=%0*lx\n", w, lo & m, w, hi & m);
                        }
                    }
    }
}

/* ---------------------------------------------------------- shifts/rotates */

#define SHIFT_FN(fname, insn, mod)                                         \
    static reg_t fname(reg_t a, int cnt, reg_t *flp)                       \
    {                                                                      \
        reg_t fl = *flp;                                                   \
        asm volatile(FL_IN insn " %%cl, %" mod "[a]" FL_OUT                \
                     : [a] "+q"(a), [fl] "+r"(fl) : "c"(cnt) : "cc");      \
        *flp = fl;                                                         \
        return a;                                                          \
    }
/* The immediate forms: D1 (by 1) and C1 (by imm8). */
#define SHIFTI_FN(fname, insn, mod)                                        \
    static reg_t fname(reg_t a, int cnt, reg_t *flp)                       \
    {                                                                      \
        reg_t fl = *flp;                                                   \
        if (cnt == 1)                                                      \
            asm volatile(FL_IN insn " %" mod "[a]" FL_OUT                  \
                         : [a] "+q"(a), [fl] "+r"(fl) : : "cc");           \
        else if (cnt == 3)                                                 \
            asm volatile(FL_IN insn " $3, %" mod "[a]" FL_OUT              \
                         : [a] "+q"(a), [fl] "+r"(fl) : : "cc");           \
        else                                                               \
            asm volatile(FL_IN insn " $7, %" mod "[a]" FL_OUT              \
                         : [a] "+q"(a), [fl] "+r"(fl) : : "cc");           \
        *flp = fl;                                                         \
        return a;                                                          \
    }
#define SHIFT_OPS(X) X(shl) X(shr) X(sar) X(rol) X(ror) X(rcl) X(rcr)
#define DEFS(op) SIZES(SHIFT_FN, op)
SHIFT_OPS(DEFS)
#undef ROW
#ifdef __x86_64__
#define ROW(op) { #op, { op##_b, op##_w, op##_l, op##_q }, { op##i_b, op##i_w, op##i_l, op##i_q } },
#else
#define ROW(op) { #op, { op##_b, op##_w, op##_l }, { op##i_b, op##i_w, op##i_l } },
#endif
/* the immediate forms, named op##i_SIZE, use the same mnemonics */
#define SHIFTI_SIZES(op) SHIFTI_FN(op##i_b, #op "b", "b") SHIFTI_FN(op##i_w, #op "w", "w") \
    SHIFTI_FN(op##i_l, #op "l", "k") SHIFTI_Q(op)
#ifdef __x86_64__
#define SHIFTI_Q(op) SHIFTI_FN(op##i_q, #op "q", "q")
#else
#define SHIFTI_Q(op)
#endif
SHIFT_OPS(SHIFTI_SIZES)
typedef reg_t (*shift_fn)(reg_t, int, reg_t *);
static const struct { const char *name; shift_fn fn[4], fni[4]; } shift_ops[] = { SHIFT_OPS(ROW) };

/* shld/shrd by cl and by immediate. */
#define SHD_FN(fname, insn, mod)                                           \
    static reg_t fname(reg_t a, reg_t b, int cnt, int imm, reg_t *flp)     \
    {                                                                      \
        reg_t fl = *flp;                                                   \
        if (!imm)                                                          \
            asm volatile(FL_IN insn " %%cl, %" mod "[b], %" mod "[a]" FL_OUT \
                         : [a] "+r"(a), [fl] "+r"(fl) : [b] "r"(b), "c"(cnt) : "cc"); \
        else if (cnt == 1)                                                 \
            asm volatile(FL_IN insn " $1, %" mod "[b], %" mod "[a]" FL_OUT \
                         : [a] "+r"(a), [fl] "+r"(fl) : [b] "q"(b) : "cc"); \
        else                                                               \
            asm volatile(FL_IN insn " $5, %" mod "[b], %" mod "[a]" FL_OUT \
                         : [a] "+r"(a), [fl] "+r"(fl) : [b] "q"(b) : "cc"); \
        *flp = fl;                                                         \
        return a;                                                          \
    }
SHD_FN(shld_w, "shldw", "w") SHD_FN(shld_l, "shldl", "k")
SHD_FN(shrd_w, "shrdw", "w") SHD_FN(shrd_l, "shrdl", "k")
#ifdef __x86_64__
SHD_FN(shld_q, "shldq", "q") SHD_FN(shrd_q, "shrdq", "q")
#endif
typedef reg_t (*shd_fn)(reg_t, reg_t, int, int, reg_t *);

/* AF is undefined after a shift by a non-zero count, OF after any count
 * other than 1 (vendors differ); a count of 0 changes no flag. */
static reg_t shift_flag_mask(int masked_cnt, int is_rotate)
{
    reg_t m = F_ALL;
    if (masked_cnt == 0)
        return m;
    if (!is_rotate)
        m &= ~F_AF;
    if (masked_cnt != 1)
        m &= ~F_OF;
    return m;
}

static const uint64_t shift_vals[] = {
    0, 1, 0x80, 0x8000, 0x80000000, 0x8000000000000000ull, 0xffffffffffffffffull,
    0x123456789abcdef0ull, 0x5555555555555555ull, 0xc000000000000001ull,
};

void test_shift(void)
{
    for (int s = 0; s < N_SIZES; s++) {
        int bits = size_bits[s], w = bits / 4, cmask = bits == 64 ? 63 : 31;
        reg_t m = size_mask(bits);
        for (int o = 0; o < N_ELEM(shift_ops); o++)
            for (int i = 0; i < N_ELEM(shift_vals); i++)
                for (int cnt = 0; cnt <= 66; cnt++) {
                    if (cnt > bits + 1 && cnt != 31 && cnt != 32 && cnt != 33 && cnt != 63 &&
                        cnt != 64 && cnt != 65)
                        continue;
                    for (int c = 0; c < 2; c++) {
                        reg_t a = shift_vals[i] & m, fl = c ? F_ALL : 0;
                        reg_t r = shift_ops[o].fn[s](a, cnt, &fl);
                        printf("%s%c %0*lx,cl=%d fi=%d -> %0*lx fl=%03lx\n", shift_ops[o].name,
                               size_suffix[s], w, a, cnt, c, w, r & m,
                               fl & shift_flag_mask(cnt & cmask, o >= 3));
                        if (cnt != 1 && cnt != 3 && cnt != 7)
                            continue;
                        fl = c ? F_ALL : 0;
                        r = shift_ops[o].fni[s](a, cnt, &fl);
                        printf("%s%c %0*lx,$%d fi=%d -> %0*lx fl=%03lx\n", shift_ops[o].name,
                               size_suffix[s], w, a, cnt, c, w, r & m,
                               fl & shift_flag_mask(cnt & cmask, o >= 3));
                    }
                }
        if (s == 0)
            continue;
        for (int d = 0; d < 2; d++) {
            static const shd_fn shd[2][3] = {
                { shld_w, shld_l,
#ifdef __x86_64__
                  shld_q
#endif
                }, { shrd_w, shrd_l,
#ifdef __x86_64__
                  shrd_q
#endif
                } };
            for (int i = 0; i < N_ELEM(shift_vals); i++)
                for (int j = 0; j < N_ELEM(shift_vals); j += 3)
                    for (int cnt = 0; cnt <= bits + 1; cnt++) {
                        /* 16-bit counts above 16 give undefined results */
                        if (bits == 16 && cnt > 16)
                            continue;
                        reg_t a = shift_vals[i] & m, b = shift_vals[j] & m, fl = 0;
                        reg_t r = shd[d][s - 1](a, b, cnt, 0, &fl);
                        printf("sh%cd%c %0*lx,%0*lx,cl=%d -> %0*lx fl=%03lx\n", "lr"[d],
                               size_suffix[s], w, a, w, b, cnt, w, r & m,
                               fl & shift_flag_mask(cnt & cmask, 0));
                        if (cnt == 1 || cnt == 5) {
                            fl = F_ALL;
                            r = shd[d][s - 1](a, b, cnt, 1, &fl);
                            printf("sh%cd%c %0*lx,%0*lx,$%d -> %0*lx fl=%03lx\n", "lr"[d],
                                   size_suffix[s], w, a, w, b, cnt, w, r & m,
                                   fl & shift_flag_mask(cnt, 0));
                        }
                    }
        }
    }
}

/* ------------------------------------------------------- random operands */
#define N_RANDOM 400

void test_alu_random(void)
{
    test_rand_seed(1);
    for (int s = 0; s < N_SIZES; s++) {
        int bits = size_bits[s], w = bits / 4, cmask = bits == 64 ? 63 : 31;
        reg_t m = size_mask(bits);
        for (int o = 0; o < N_ELEM(alu2_ops); o++)
            for (int k = 0; k < N_RANDOM; k++) {
                reg_t a = (reg_t)test_rand_value() & m, b = (reg_t)test_rand_value() & m;
                reg_t fl = (reg_t)test_rand() & F_ALL, fi = fl;
                reg_t r = alu2_ops[o].fn[s](a, b, &fl);
                printf("%s%c %0*lx,%0*lx fi=%03lx -> %0*lx fl=%03lx\n", alu2_ops[o].name,
                       size_suffix[s], w, a, w, b, fi, w, r & m, fl & F_ALL);
            }
        for (int o = 0; o < N_ELEM(alu1_ops); o++)
            for (int k = 0; k < N_RANDOM / 4; k++) {
                reg_t a = (reg_t)test_rand_value() & m, fl = (reg_t)test_rand() & F_ALL, fi = fl;
                reg_t r = alu1_ops[o].fn[s](a, &fl);
                printf("%s%c %0*lx fi=%03lx -> %0*lx fl=%03lx\n", alu1_ops[o].name,
                       size_suffix[s], w, a, fi, w, r & m, fl & F_ALL);
            }
        for (int o = 0; o < N_ELEM(shift_ops); o++)
            for (int k = 0; k < N_RANDOM; k++) {
                reg_t a = (reg_t)test_rand_value() & m, fl = (reg_t)test_rand() & F_ALL, fi = fl;
                int cnt = (int)(test_rand() & 0xff);
                reg_t r = shift_ops[o].fn[s](a, cnt, &fl);
                printf("%s%c %0*lx,cl=%d fi=%03lx -> %0*lx fl=%03lx\n", shift_ops[o].name,
                       size_suffix[s], w, a, cnt, fi, w, r & m,
                       fl & shift_flag_mask(cnt & cmask, o >= 3));
            }
        for (int o = 0; o < N_ELEM(mul1_ops); o++)
            for (int k = 0; k < N_RANDOM; k++) {
                reg_t a = (reg_t)test_rand_value() & m, b = (reg_t)test_rand_value() & m;
                reg_t fl = 0, hi, lo = mul1_ops[o].fn[s](a, b, &hi, &fl);
                if (bits == 8)
                    hi = (lo >> 8) & 0xff;
                printf("%s%c %0*lx,%0*lx -> %0*lx:%0*lx fl=%03lx\n", mul1_ops[o].name,
                       size_suffix[s], w, a, w, b, w, hi & m, w, lo & m, fl & MUL_FLAGS);
            }
        /* divisions that do not overflow: hi below the divisor (div), or
         * the sign extension of lo (idiv) */
        for (int k = 0; k < N_RANDOM; k++) {
            reg_t b = (reg_t)test_rand_value() & m, lo = (reg_t)test_rand_value() & m, hi;
            if (!b)
                b = 3;
            hi = bits == 8 ? 0 : ((reg_t)test_rand() & m) % b;
            if (bits == 8)
                lo = (lo & 0xff) | (((reg_t)test_rand() & 0xff) % b) << 8;
            printf("div%c %0*lx:%0*lx/%0*lx", size_suffix[s], w, hi, w, lo, w, b);
            if (div_ops[0].fn[s](&lo, &hi, b)) {
                if (bits == 8)
                    hi = lo >> 8;
                printf(" -> q=%0*lx r=%0*lx\n", w, lo & m, w, hi & m);
            }
            lo = (reg_t)test_rand_value() & m;
            hi = (lo >> (bits - 1) & 1) ? m : 0;
            if (bits == 8)
                lo = (lo & 0xff) | (hi & 0xff) << 8;
            printf("idiv%c %0*lx:%0*lx/%0*lx", size_suffix[s], w, hi, w, lo, w, b);
            if (div_ops[1].fn[s](&lo, &hi, b)) {
                if (bits == 8)
                    hi = lo >> 8;
                printf(" -> q=%0*lx r=%0*lx\n", w, lo & m, w, hi & m);
            }
        }
    }
}

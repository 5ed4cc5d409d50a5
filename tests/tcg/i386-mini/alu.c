/*
 * tests/tcg/i386-mini/alu.c: every ALU op x size x interesting values,
 * recording result, flags (masked 0x8d5) and all 16 setcc conditions
 * taken right after the op (the translator's fused compare paths), as
 * binary records (decode.py prints them).  Output must be identical
 * natively and emulated.
 */
#include "mini.h"

#define FLAGS_MASK 0x8d5

#ifdef __x86_64__
#define PUSHF "pushfq; popq %[fl]\n"
#define LOADF "pushq %[fin]; popfq\n"
typedef u64 reg_t;
#else
#define PUSHF "pushfl; popl %[fl]\n"
#define LOADF "pushl %[fin]; popfl\n"
typedef ulong reg_t;
#endif

#define SETCC_ALL                                                          \
    "seto 0(%[cc]); setno 1(%[cc]); setb 2(%[cc]); setae 3(%[cc])\n"       \
    "sete 4(%[cc]); setne 5(%[cc]); setbe 6(%[cc]); seta 7(%[cc])\n"       \
    "sets 8(%[cc]); setns 9(%[cc]); setp 10(%[cc]); setnp 11(%[cc])\n"     \
    "setl 12(%[cc]); setge 13(%[cc]); setle 14(%[cc]); setg 15(%[cc])\n"

static unsigned char cc[16];

/*
 * One binary record per test (no shifts or divisions needed to format
 * it, so it runs before those instructions exist): name, bits, a, b,
 * carry in, result, flags & FLAGS_MASK, the 16 setcc bytes.
 */
static void report(const char *name, int bits, reg_t a, reg_t b, reg_t cin,
                   reg_t res, reg_t fl)
{
    u64 rec[6];
    const char *p = (const char *)rec;
    unsigned i;

    rec[0] = bits;
    rec[1] = a;
    rec[2] = b;
    rec[3] = res;
    rec[4] = fl & FLAGS_MASK;
    rec[5] = cin;
    for (i = 0; i < 8 && name[i]; i++) {
        mini_putc(name[i]);
    }
    for (; i < 8; i++) {
        mini_putc(' ');
    }
    for (i = 0; i < sizeof(rec); i++) {
        mini_putc(p[i]);
    }
    for (i = 0; i < 16; i++) {
        mini_putc(cc[i]);
    }
}

/* Two-operand op: res = a op b, flags in = cin (CF). */
#define BINOP(NAME, INSN, SUF, REG, BITS)                                  \
static void t_##NAME##SUF(reg_t a, reg_t b, reg_t cin)                     \
{                                                                          \
    reg_t res = a, fl, fin = 0x202 | cin;                                  \
    __asm__ volatile(LOADF INSN " %" REG "[b], %" REG "[r]\n" SETCC_ALL PUSHF \
                     : [r] "+q"(res), [fl] "=&r"(fl)                       \
                     : [b] "q"(b), [cc] "r"(cc), [fin] "r"(fin)            \
                     : "memory", "cc");                                    \
    report(#NAME, BITS, a, b, cin, res, fl);                               \
}

#define UNOP(NAME, INSN, SUF, REG, BITS)                                   \
static void t_##NAME##SUF(reg_t a, reg_t b, reg_t cin)                     \
{                                                                          \
    reg_t res = a, fl, fin = 0x202 | cin;                                  \
    __asm__ volatile(LOADF INSN " %" REG "[r]\n" SETCC_ALL PUSHF            \
                     : [r] "+q"(res), [fl] "=&r"(fl)                       \
                     : [cc] "r"(cc), [fin] "r"(fin)                        \
                     : "memory", "cc");                                    \
    report(#NAME, BITS, a, 0, cin, res, fl);                               \
}

/* Memory-destination form of a binary op. */
#define MEMOP(NAME, INSN, SUF, TYPE, REG, BITS)                            \
static void t_##NAME##SUF(reg_t a, reg_t b, reg_t cin)                     \
{                                                                          \
    TYPE mem = (TYPE)a;                                                    \
    reg_t fl, fin = 0x202 | cin;                                           \
    __asm__ volatile(LOADF INSN " %" REG "[b], %[m]\n" SETCC_ALL PUSHF      \
                     : [m] "+m"(mem), [fl] "=&r"(fl)                       \
                     : [b] "q"(b), [cc] "r"(cc), [fin] "r"(fin)            \
                     : "memory", "cc");                                    \
    report(#NAME, BITS, a, b, cin, (reg_t)mem, fl);                        \
}

#define ALL_BIN(X)                                                         \
    X(add, "add") X(or, "or") X(adc, "adc") X(sbb, "sbb") X(and, "and")    \
    X(sub, "sub") X(xor, "xor") X(cmp, "cmp") X(test, "test")

#define BIN_SIZES(NAME, INSN)                                              \
    BINOP(NAME, INSN "b", _b, "b", 8)                                      \
    BINOP(NAME, INSN "w", _w, "w", 16)                                     \
    BINOP(NAME, INSN "l", _l, "k", 32)                                     \
    MEMOP(m##NAME, LOCKP(NAME) INSN "l", _l, unsigned int, "k", 32)            \
    BIN64(NAME, INSN)

#ifdef __x86_64__
#define BIN64(NAME, INSN) BINOP(NAME, INSN "q", _q, "q", 64)
#define UN64(NAME, INSN) UNOP(NAME, INSN "q", _q, "q", 64)
#else
#define BIN64(NAME, INSN)
#define UN64(NAME, INSN)
#endif

#define UN_SIZES(NAME, INSN)                                               \
    UNOP(NAME, INSN "b", _b, "b", 8)                                       \
    UNOP(NAME, INSN "w", _w, "w", 16)                                      \
    UNOP(NAME, INSN "l", _l, "k", 32)                                      \
    UN64(NAME, INSN)

/* lock on cmp/test is invalid: give them plain memory forms. */
#define LOCKP(NAME) LOCKP_##NAME
#define LOCKP_add "lock "
#define LOCKP_or "lock "
#define LOCKP_adc "lock "
#define LOCKP_sbb "lock "
#define LOCKP_and "lock "
#define LOCKP_sub "lock "
#define LOCKP_xor "lock "
#define LOCKP_cmp ""
#define LOCKP_test ""
ALL_BIN(BIN_SIZES)
UN_SIZES(inc, "inc") UN_SIZES(dec, "dec") UN_SIZES(neg, "neg")
UN_SIZES(not, "not")
BINOP(imul, "imulw", _w, "w", 16)
BINOP(imul, "imull", _l, "k", 32)
#ifdef __x86_64__
BINOP(imul, "imulq", _q, "q", 64)
#endif

typedef void (*TestFn)(reg_t, reg_t, reg_t);

static const TestFn tests[] = {
#define REF(NAME, INSN) t_##NAME##_b, t_##NAME##_w, t_##NAME##_l, BREF64(NAME)
#ifdef __x86_64__
#define BREF64(NAME) t_##NAME##_q,
#else
#define BREF64(NAME)
#endif
    ALL_BIN(REF)
    t_madd_l, t_mor_l, t_madc_l, t_msbb_l, t_mand_l, t_msub_l, t_mxor_l,
    t_mcmp_l, t_mtest_l,
    t_inc_b, t_inc_w, t_inc_l, BREF64(inc)
    t_dec_b, t_dec_w, t_dec_l, BREF64(dec)
    t_neg_b, t_neg_w, t_neg_l, BREF64(neg)
    t_not_b, t_not_w, t_not_l, BREF64(not)
    t_imul_w, t_imul_l, BREF64(imul)
};

static const u64 values[] = {
    0, 1, 2, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff,
    0x80000000, 0xffffffff, 0x7fffffffffffffffull, 0x8000000000000000ull,
    0xffffffffffffffffull, 0x123456789abcdef0ull, 0x0f0f0f0f0f0f0f0full,
    0x10, 0xf, 0x8f,
};

int main(void)
{
    unsigned t, i, j, c;

    for (t = 0; t < sizeof(tests) / sizeof(tests[0]); t++) {
        for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
            for (j = 0; j < sizeof(values) / sizeof(values[0]); j++) {
                for (c = 0; c < 2; c++) {
                    tests[t]((reg_t)values[i], (reg_t)values[j], c);
                }
            }
        }
    }
    return 0;
}

/* tests/tcg/i386/test-x87.c: the x87 FPU.  Results print as 80-bit hex
 * with the status word; arithmetic runs in every rounding (RC) and
 * precision (PC) control mode. */
#include <math.h>
#include "test.h"

typedef long double f80;

/* Builds an f80 from sign/exponent and mantissa (for NaNs, denormals,
 * unnormals). */
static f80 mk80(uint16_t se, uint64_t mant)
{
    f80 x = 0;
    memcpy(&x, &mant, 8);
    memcpy((char *)&x + 8, &se, 2);
    return x;
}

static f80 vals[16];
static int n_vals;

static void init_vals(void)
{
    int n = 0;
    vals[n++] = 0.0L;
    vals[n++] = -0.0L;
    vals[n++] = 1.0L;
    vals[n++] = -1.5L;
    vals[n++] = 1.0L / 3;
    vals[n++] = 3.14159265358979323846264L;
    vals[n++] = 1e300L * 1e300L * 1e300L;           /* large but finite f80 */
    vals[n++] = 1e-4940L;                          /* f80 denormal */
    vals[n++] = mk80(0x0001, 0x8000000000000000ull); /* smallest normal */
    vals[n++] = mk80(0x7fff, 0x8000000000000000ull); /* +inf */
    vals[n++] = mk80(0xffff, 0xc000000000000000ull); /* -qnan (indefinite) */
    vals[n++] = mk80(0x7fff, 0xa000000000000000ull); /* snan */
    vals[n++] = 9007199254740993.0L;               /* 2^53+1 */
    vals[n++] = -123456.789e10L;
    n_vals = n;
}

/* control words: RC in bits 10-11, PC in bits 8-9, exceptions masked */
static const uint16_t cws[] = { 0x037f, 0x077f, 0x0b7f, 0x0f7f, 0x027f, 0x007f, 0x047f, 0x0c7f };
static const char *const cw_names[] = { "near/64", "down/64", "up/64", "zero/64",
                                        "near/53", "near/24", "down/24", "zero/24" };

/* fprem/fprem1 compute no quotient for a NaN, infinite or zero-divisor
 * operand (invalid): their condition codes are then undefined (AMD sets
 * C0, others need not), so they are masked out. */
static uint16_t x87_sw_defined(const char *name, f80 r, uint16_t sw)
{
    if (strncmp(name, "fprem", 5))
        return sw;
    if ((sw & 1) || r != r)
        return sw & ~0x4700;
    return sw;
}

/* f2xm1 is defined for |x| <= 1 and fyl2xp1 for |x| < 1 - sqrt(2)/2
 * (the SDM leaves other results undefined); NaNs propagate either way. */
static int x87_in_domain(const char *name, f80 a)
{
    if (a != a)
        return 1;
    if (!strcmp(name, "f2xm1"))
        return fabsl(a) <= 1;
    if (!strcmp(name, "fyl2xp1"))
        return fabsl(a) < 0.2928L;
    return 1;
}

/* C0 C2 C3 are undefined after most operations (AMD leaves them as
 * they were, others may not): print_res masks them unless the operation
 * defines them (compares, fxam, fprem; C2 for fsin fcos fptan fsincos). */
static uint16_t x87_cc_mask = 0xbaff;

static void x87_cc_for(const char *name)
{
    if (!strcmp(name, "ftst") || !strcmp(name, "fxam") || !strncmp(name, "fprem", 5))
        x87_cc_mask = 0xffff;
    else if (!strcmp(name, "fsin") || !strcmp(name, "fcos") || !strcmp(name, "fptan") ||
             !strcmp(name, "fsincos"))
        x87_cc_mask = 0xbeff;
    else
        x87_cc_mask = 0xbaff;
}

static void print_res(f80 r, uint16_t sw)
{
    sw &= x87_cc_mask;
    print_f80(" r", r);
    printf(" sw=%04x\n", sw);
}

/* st0 = a OP st1 = b, register forms and the popping forms. */
#define X87_BIN(name, text, pops)                                          \
    static f80 x87_##name(f80 a, f80 b, uint16_t cw, uint16_t *sw)         \
    {                                                                      \
        f80 r;                                                             \
        uint16_t cw0;                                                      \
        asm volatile("fnstcw %[cw0]\n\tfldcw %[cw]\n\tfnclex\n\t" text    \
                     "\n\tfnstsw %[sw]\n\tfldcw %[cw0]"                    \
                     : "=t"(r), [sw] "=m"(*sw), [cw0] "=m"(cw0)           \
                     : "0"(a), "u"(b), [cw] "m"(cw) : pops);               \
        return r;                                                          \
    }
#define X87_BIN_OPS(X)                                                     \
    X(fadd, "fadd %%st(1), %%st", ) X(fsub, "fsub %%st(1), %%st", )        \
    X(fsubr, "fsubr %%st(1), %%st", ) X(fmul, "fmul %%st(1), %%st", )      \
    X(fdiv, "fdiv %%st(1), %%st", ) X(fdivr, "fdivr %%st(1), %%st", )      \
    X(faddp, "faddp %%st, %%st(1)", "st(1)") X(fsubp, "fsubp %%st, %%st(1)", "st(1)") \
    X(fsubrp, "fsubrp %%st, %%st(1)", "st(1)") X(fmulp, "fmulp %%st, %%st(1)", "st(1)") \
    X(fdivp, "fdivp %%st, %%st(1)", "st(1)") X(fdivrp, "fdivrp %%st, %%st(1)", "st(1)") \
    X(fprem, "fprem", ) X(fprem1, "fprem1", ) X(fscale, "fscale", )        \
    X(fpatan, "fpatan", "st(1)") X(fyl2x, "fyl2x", "st(1)")                \
    X(fyl2xp1, "fyl2xp1", "st(1)")
X87_BIN_OPS(X87_BIN)
#define X87_ROW(name, text, pops) { #name, x87_##name },
typedef f80 (*x87_bin_fn)(f80, f80, uint16_t, uint16_t *);
static const struct { const char *name; x87_bin_fn fn; } x87_bin[] = { X87_BIN_OPS(X87_ROW) };

/* one-operand ops on st0 */
#define X87_UN(name, text)                                                 \
    static f80 x87_##name(f80 a, uint16_t cw, uint16_t *sw)                \
    {                                                                      \
        f80 r;                                                             \
        uint16_t cw0;                                                      \
        asm volatile("fnstcw %[cw0]\n\tfldcw %[cw]\n\tfnclex\n\t" text    \
                     "\n\tfnstsw %[sw]\n\tfldcw %[cw0]"                    \
                     : "=t"(r), [sw] "=m"(*sw), [cw0] "=m"(cw0)           \
                     : "0"(a), [cw] "m"(cw));                              \
        return r;                                                          \
    }
#define X87_UN_OPS(X) X(fsqrt, "fsqrt") X(fabs, "fabs") X(fchs, "fchs")    \
    X(frndint, "frndint") X(ftst, "ftst") X(fxam, "fxam") X(fsin, "fsin")  \
    X(fcos, "fcos") X(f2xm1, "f2xm1")
#define X87_TRANS_OPS(X) X(fsin, "fsin") X(fcos, "fcos") X(f2xm1, "f2xm1")
X87_UN_OPS(X87_UN)
#define X87_UROW(name, text) { #name, x87_##name },
typedef f80 (*x87_un_fn)(f80, uint16_t, uint16_t *);
static const struct { const char *name; x87_un_fn fn; } x87_un[] = { X87_UN_OPS(X87_UROW) };

/* memory operand forms: st0 OP m32/m64/m16int/m32int */
#define X87_MEM(name, text, type)                                          \
    static f80 x87_##name(f80 a, type m, uint16_t *sw)                     \
    {                                                                      \
        f80 r;                                                             \
        asm volatile("fnclex\n\t" text " %[m]\n\tfnstsw %[sw]"             \
                     : "=t"(r), [sw] "=m"(*sw) : "0"(a), [m] "m"(m));      \
        return r;                                                          \
    }
#define X87_MEM_OPS(X, op)                                                 \
    X(op##s, #op "s", float) X(op##l, #op "l", double)                     \
    X(fi##op##s, "fi" #op "s", short) X(fi##op##l, "fi" #op "l", int)
#define X87_MEM_ALL(X) X87_MEM_OPS(X, add) X87_MEM_OPS(X, sub) X87_MEM_OPS(X, subr) \
    X87_MEM_OPS(X, mul) X87_MEM_OPS(X, div) X87_MEM_OPS(X, divr)
#define X87_MEM_F(name, text, type) X87_MEM(f##name, text, type)
/* names: fadds faddl fiadds fiaddl ... (the macro glues "f" in front) */
#undef X87_MEM_OPS
#define X87_MEM_OPS(X, op)                                                 \
    X(op##s, "f" #op "s", float) X(op##l, "f" #op "l", double)             \
    X(i##op##s, "fi" #op "s", short) X(i##op##l, "fi" #op "l", int)
X87_MEM_ALL(X87_MEM_F)

static void test_x87_mem(f80 a, f80 b)
{
    float fb = (float)b;
    double db = (double)b;
    short sb = (short)(fabsl(b) < 30000 ? b : 12345);
    int ib = (int)(fabsl(b) < 2e9L ? b : -7654321);
    uint16_t sw;
    f80 r;
#define MEM_CASE(op)                                                       \
    printf("f" #op "s");  print_f80(" a", a); printf(" m=%a", (double)fb); \
    r = x87_f##op##s(a, fb, &sw); print_res(r, sw);                             \
    printf("f" #op "l");  print_f80(" a", a); printf(" m=%a", db);         \
    r = x87_f##op##l(a, db, &sw); print_res(r, sw);                             \
    printf("fi" #op "s"); print_f80(" a", a); printf(" m=%d", sb);         \
    r = x87_fi##op##s(a, sb, &sw); print_res(r, sw);                            \
    printf("fi" #op "l"); print_f80(" a", a); printf(" m=%d", ib);         \
    r = x87_fi##op##l(a, ib, &sw); print_res(r, sw);
    MEM_CASE(add) MEM_CASE(sub) MEM_CASE(subr) MEM_CASE(mul) MEM_CASE(div) MEM_CASE(divr)
}

/* comparisons: status word (fcom, fucom, ficom) and EFLAGS (fcomi) */
static void test_x87_cmp(f80 a, f80 b)
{
    uint16_t sw;
    reg_t fl = 0;
    print_f80("cmp a", a);
    print_f80(" b", b);
    asm volatile("fnclex\n\tfcom %%st(1)\n\tfnstsw %0" : "=m"(sw) : "t"(a), "u"(b));
    printf(" fcom=%04x", sw);
    asm volatile("fnclex\n\tfucom %%st(1)\n\tfnstsw %0" : "=m"(sw) : "t"(a), "u"(b));
    printf(" fucom=%04x", sw);
    asm volatile("fnclex\n\t" FL_IN "fcomi %%st(1), %%st" FL_OUT "\n\tfnstsw %[sw]"
                 : [fl] "+r"(fl), [sw] "=m"(sw) : "t"(a), "u"(b) : "cc");
    printf(" fcomi=%03lx/%04x", fl & F_ALL, sw);
    fl = F_ALL;
    asm volatile("fnclex\n\t" FL_IN "fucomi %%st(1), %%st" FL_OUT "\n\tfnstsw %[sw]"
                 : [fl] "+r"(fl), [sw] "=m"(sw) : "t"(a), "u"(b) : "cc");
    printf(" fucomi=%03lx/%04x", fl & F_ALL, sw);
    double db = (double)b;
    asm volatile("fnclex\n\tfcoml %1\n\tfnstsw %0" : "=m"(sw) : "m"(db), "t"(a));
    printf(" fcoml=%04x", sw);
    int ib = fabsl(b) < 2e9L ? (int)b : 77;
    asm volatile("fnclex\n\tficoml %1\n\tfnstsw %0" : "=m"(sw) : "m"(ib), "t"(a));
    printf(" ficoml=%04x", sw);
    uint16_t ax;
    asm volatile("fnclex\n\tfucompp\n\tfnstsw %%ax" : "=a"(ax) : "t"(a), "u"(b) : "st", "st(1)");
    printf(" fucompp=%04x\n", ax);
}

/* fld/fst conversions and integer stores in each rounding mode */
static void test_x87_convert(f80 a, uint16_t cw, const char *mode)
{
    float f;
    double d;
    short s;
    int i;
    long long ll;
    uint16_t sw, cw0;
    unsigned char bcd[10];
#define STORE(insn, var)                                                   \
    asm volatile("fnstcw %[cw0]\n\tfldcw %[cw]\n\tfnclex\n\t" insn " %[v]\n\tfnstsw %[sw]\n\tfldcw %[cw0]" \
                 : [v] "=m"(var), [sw] "=m"(sw), [cw0] "=m"(cw0) : "t"(a), [cw] "m"(cw)); \
    sw &= 0xbaff;       /* C0 C2 C3 undefined */
    printf("store %s", mode);
    print_f80(" a", a);
    STORE("fsts", f) printf(" fsts=%08x/%04x", *(uint32_t *)&f, sw);
    STORE("fstl", d) printf(" fstl=%016llx/%04x", *(unsigned long long *)&d, sw);
    STORE("fists", s) printf(" fists=%04x/%04x", (uint16_t)s, sw);
    STORE("fistl", i) printf(" fistl=%08x/%04x", i, sw);
#define STOREP(insn, var)                                                  \
    asm volatile("fnstcw %[cw0]\n\tfldcw %[cw]\n\tfnclex\n\tfld %%st\n\t" insn " %[v]\n\tfnstsw %[sw]\n\tfldcw %[cw0]" \
                 : [v] "=m"(var), [sw] "=m"(sw), [cw0] "=m"(cw0) : "t"(a), [cw] "m"(cw)); \
    sw &= 0xbaff;
    STOREP("fistpll", ll) printf(" fistpll=%016llx/%04x", ll, sw);
    STOREP("fisttps", s) printf(" fisttps=%04x/%04x", (uint16_t)s, sw);
    STOREP("fisttpl", i) printf(" fisttpl=%08x/%04x", i, sw);
    STOREP("fisttpll", ll) printf(" fisttpll=%016llx/%04x", ll, sw);
    STOREP("fbstp", bcd) printf(" fbstp=");
    for (int k = 9; k >= 0; k--)
        printf("%02x", bcd[k]);
    printf("/%04x\n", sw);
}

static void test_x87_loads(void)
{
    static const float fv[] = { 0.0f, -0.0f, 1.5f, 1e-40f /* denormal */, 3.4e38f };
    static const double dv[] = { 1.0 / 3, -2.5e-310 /* denormal */, 1.7e308 };
    static const long long iv[] = { 0, -1, 0x7fffffffffffffffll, -0x8000000000000000ll,
                                    123456789012345ll };
    uint16_t sw;
    for (int i = 0; i < N_ELEM(fv); i++) {
        f80 r;
        asm volatile("fnclex\n\tflds %2\n\tfnstsw %1" : "=t"(r), "=m"(sw) : "m"(fv[i]));
        printf("flds %a", (double)fv[i]);
        print_res(r, sw);
    }
    for (int i = 0; i < N_ELEM(dv); i++) {
        f80 r;
        asm volatile("fnclex\n\tfldl %2\n\tfnstsw %1" : "=t"(r), "=m"(sw) : "m"(dv[i]));
        printf("fldl %a", dv[i]);
        print_res(r, sw);
    }
    for (int i = 0; i < N_ELEM(iv); i++) {
        f80 r;
        short s = (short)iv[i];
        int w = (int)iv[i];
        asm volatile("fildll %1" : "=t"(r) : "m"(iv[i]));
        printf("fildll %llx", iv[i]);
        print_res(r, 0);
        asm volatile("fildl %1" : "=t"(r) : "m"(w));
        printf("fildl %x", w);
        print_res(r, 0);
        asm volatile("filds %1" : "=t"(r) : "m"(s));
        printf("filds %x", (uint16_t)s);
        print_res(r, 0);
    }
    /* fbld: packed BCD, including an invalid digit pattern */
    static const unsigned char bcds[][10] = {
        { 0x21, 0x43, 0x65, 0x87, 0x09, 0, 0, 0, 0, 0 },
        { 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x80 },
        { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80 },
    };
    for (int i = 0; i < N_ELEM(bcds); i++) {
        f80 r;
        asm volatile("fbld %1" : "=t"(r) : "m"(bcds[i]));
        printf("fbld %d", i);
        print_res(r, 0);
    }
    /* constants in each rounding mode (their last bit depends on RC) */
    for (int c = 0; c < 4; c++) {
        f80 k[7];
        uint16_t cw = cws[c], cw0;
#define CONST(i, insn) asm volatile("fnstcw %[cw0]\n\tfldcw %[cw]\n\t" insn "\n\tfldcw %[cw0]" \
                                    : "=t"(k[i]), [cw0] "=m"(cw0) : [cw] "m"(cw));
        CONST(0, "fld1") CONST(1, "fldl2t") CONST(2, "fldl2e") CONST(3, "fldpi")
        CONST(4, "fldlg2") CONST(5, "fldln2") CONST(6, "fldz")
        printf("consts %s:", cw_names[c]);
        for (int i = 0; i < 7; i++)
            print_f80(" ", k[i]);
        printf("\n");
    }
}

void test_x87(void)
{
    uint16_t sw;
    init_vals();
    for (int o = 0; o < N_ELEM(x87_bin); o++) {
        if (!strncmp(x87_bin[o].name, "fpatan", 6) || !strncmp(x87_bin[o].name, "fyl2x", 5))
            continue;       /* in x87_trans */
        for (int c = 0; c < N_ELEM(cws); c++)
            for (int i = 0; i < n_vals; i++)
                for (int j = 0; j < n_vals; j++) {
                    f80 r = x87_bin[o].fn(vals[i], vals[j], cws[c], &sw);
                    sw = x87_sw_defined(x87_bin[o].name, r, sw);
                    x87_cc_for(x87_bin[o].name);
                    printf("%s %s", x87_bin[o].name, cw_names[c]);
                    print_f80(" a", vals[i]);
                    print_f80(" b", vals[j]);
                    print_res(r, sw);
                }
    }
    for (int o = 0; o < N_ELEM(x87_un); o++)
        for (int c = 0; c < N_ELEM(cws); c++)
            for (int i = 0; i < n_vals; i++) {
                if (!strcmp(x87_un[o].name, "fsin") || !strcmp(x87_un[o].name, "fcos") ||
                    !strcmp(x87_un[o].name, "f2xm1"))
                    continue;
                f80 r = x87_un[o].fn(vals[i], cws[c], &sw);
                x87_cc_for(x87_un[o].name);
                printf("%s %s", x87_un[o].name, cw_names[c]);
                print_f80(" a", vals[i]);
                print_res(r, sw);
            }
    for (int i = 0; i < n_vals; i++)
        for (int j = 0; j < n_vals; j++) {
            test_x87_mem(vals[i], vals[j]);
            test_x87_cmp(vals[i], vals[j]);
        }
    /* fcmovcc after fcomi: the condition reads EFLAGS */
    for (int i = 0; i < n_vals; i += 2)
        for (int j = 0; j < n_vals; j += 3) {
            f80 r[8];
#define FCMOV(k, insn)                                                     \
            asm volatile("fcomi %%st(1), %%st\n\t" insn " %%st(1), %%st"    \
                         : "=t"(r[k]) : "0"(vals[i]), "u"(vals[j]) : "cc");
            FCMOV(0, "fcmovb") FCMOV(1, "fcmove") FCMOV(2, "fcmovbe") FCMOV(3, "fcmovu")
            FCMOV(4, "fcmovnb") FCMOV(5, "fcmovne") FCMOV(6, "fcmovnbe") FCMOV(7, "fcmovnu")
            printf("fcmov %d,%d:", i, j);
            for (int k = 0; k < 8; k++)
                printf(" %d", !memcmp(&r[k], &vals[j], 10));
            printf("\n");
        }
    asm volatile("fninit");
    /* fxtract: exponent and significand */
    for (int i = 0; i < n_vals; i++) {
        f80 e, m;
        asm volatile("fnclex\n\tfxtract\n\tfnstsw %2" : "=t"(m), "=u"(e), "=m"(sw) : "0"(vals[i]));
        printf("fxtract");
        print_f80(" a", vals[i]);
        print_f80(" exp", e);
        print_res(m, sw);
    }
    static const f80 cvals[] = { 0.5L, 1.5L, 2.5L, -2.5L, 1e10L, -1e19L, 32767.5L, -32768.4L,
                                 2147483647.5L, 1e30L, 999999999999999999.0L };
    for (int c = 0; c < 4; c++) {
        for (int i = 0; i < n_vals; i++)
            test_x87_convert(vals[i], cws[c], cw_names[c]);
        for (int i = 0; i < N_ELEM(cvals); i++)
            test_x87_convert(cvals[i], cws[c], cw_names[c]);
    }
    test_x87_loads();
}

/* transcendental functions, every RC/PC mode */
void test_x87_trans(void)
{
    static const f80 tv[] = { 0.0L, 0.5L, 1.0L, -1.0L, 2.0L, 0.1L, 1e-5L, 100.0L, -0.75L,
                              3.14159265358979323846L, 1e10L, 1e19L, 0.999L };
    uint16_t sw;
    init_vals();
    for (int c = 0; c < N_ELEM(cws); c++)
        for (int i = 0; i < N_ELEM(tv); i++) {
            f80 a = tv[i];
            for (int o = 0; o < N_ELEM(x87_un); o++) {
                if (strcmp(x87_un[o].name, "fsin") && strcmp(x87_un[o].name, "fcos") &&
                    strcmp(x87_un[o].name, "f2xm1"))
                    continue;
                if (!x87_in_domain(x87_un[o].name, a))
                    continue;
                f80 r = x87_un[o].fn(a, cws[c], &sw);
                x87_cc_for(x87_un[o].name);
                printf("%s %s", x87_un[o].name, cw_names[c]);
                print_f80(" a", a);
                print_res(r, sw);
            }
            f80 s, co, t, one;
            uint16_t cw0, cw = cws[c];
            /* beyond 2^63 fsincos/fptan push nothing (C2=1): the asm
             * operands below assume two results */
            if (a >= 9.2e18L || a <= -9.2e18L)
                goto no_push;
            asm volatile("fnstcw %[cw0]\n\tfldcw %[cw]\n\tfnclex\n\tfsincos\n\tfnstsw %[sw]\n\tfldcw %[cw0]"
                         : "=t"(co), "=u"(s), [sw] "=m"(sw), [cw0] "=m"(cw0) : "0"(a), [cw] "m"(cw));
            x87_cc_for("fsincos");
            printf("fsincos %s", cw_names[c]);
            print_f80(" a", a);
            print_f80(" sin", s);
            print_res(co, sw);
            asm volatile("fnstcw %[cw0]\n\tfldcw %[cw]\n\tfnclex\n\tfptan\n\tfnstsw %[sw]\n\tfldcw %[cw0]"
                         : "=t"(one), "=u"(t), [sw] "=m"(sw), [cw0] "=m"(cw0) : "0"(a), [cw] "m"(cw));
            x87_cc_for("fptan");
            printf("fptan %s", cw_names[c]);
            print_f80(" a", a);
            print_f80(" tan", t);
            print_res(one, sw);
        no_push:
            for (int j = 0; j < N_ELEM(tv); j += 2) {
                f80 b = tv[j];
                for (int o = 0; o < N_ELEM(x87_bin); o++) {
                    if (strcmp(x87_bin[o].name, "fpatan") && strcmp(x87_bin[o].name, "fyl2x") &&
                        strcmp(x87_bin[o].name, "fyl2xp1"))
                        continue;
                    if (!x87_in_domain(x87_bin[o].name, a))
                        continue;
                    f80 r = x87_bin[o].fn(a, b, cws[c], &sw);
                    x87_cc_for(x87_bin[o].name);
                    printf("%s %s", x87_bin[o].name, cw_names[c]);
                    print_f80(" a", a);
                    print_f80(" b", b);
                    print_res(r, sw);
                }
            }
        }
    /* special operands once */
    for (int i = 0; i < n_vals; i++) {
        f80 r = x87_fsin(vals[i], 0x37f, &sw);
        x87_cc_for("fsin");
        printf("fsin");
        print_f80(" a", vals[i]);
        print_res(r, sw);
        if (x87_in_domain("f2xm1", vals[i])) {
            r = x87_f2xm1(vals[i], 0x37f, &sw);
            x87_cc_for("f2xm1");
            printf("f2xm1");
            print_f80(" a", vals[i]);
            print_res(r, sw);
        }
        r = x87_fyl2x(vals[i], vals[(i + 3) % n_vals], 0x37f, &sw);
        x87_cc_for("fyl2x");
        printf("fyl2x");
        print_f80(" a", vals[i]);
        print_res(r, sw);
    }
}

/* fsave/frstor, fnstenv/fldenv, fxsave: selected fields only (the
 * instruction and data pointers hold addresses). */
void test_x87_env(void)
{
    struct __attribute__((packed)) { uint16_t cw, r0, sw, r1, tw, r2; uint32_t ip, cs, dp, ds; unsigned char st[80]; } save;
    static __attribute__((aligned(16))) unsigned char fx[512];
    asm volatile("fninit\n\tfld1\n\tfldpi\n\tfldz\n\tfld1\n\tfchs\n\tfsave %0" : "=m"(save));
    printf("fsave: cw=%04x sw=%04x tw=%04x st:", save.cw, save.sw, save.tw);
    for (int i = 0; i < 40; i++)
        printf("%02x", save.st[i]);
    printf("\n");
    asm volatile("fninit\n\tfnstsw %%ax\n\tfnstcw %0" : "=m"(save.cw) : : "eax");
    printf("fninit: cw=%04x\n", save.cw);
    /* frstor with a changed control word and two registers freed */
    save.cw = 0x0c7f;
    save.tw = 0xfff0 | (save.tw & 0xf);
    asm volatile("frstor %0\n\tfnstenv %1\n\tfninit" : "+m"(save) : "m"(save) : "memory");
    {
        struct __attribute__((packed)) { uint16_t cw, r0, sw, r1, tw, r2; uint32_t ip, cs, dp, ds; } env;
        asm volatile("fninit\n\tfld1\n\tfldz\n\tfldz\n\tfdiv %%st(1), %%st\n\tfnstenv %0\n\tfninit"
                     : "=m"(env));
        printf("fnstenv: cw=%04x sw=%04x tw=%04x\n", env.cw, env.sw, env.tw);
        env.cw = 0x0f7f;
        env.sw = 0x3800 | 0x41;
        asm volatile("fldenv %0\n\tfnstenv %0\n\tfninit" : "+m"(env));
        printf("fldenv/fnstenv: cw=%04x sw=%04x tw=%04x\n", env.cw, env.sw, env.tw);
    }
    asm volatile("fninit\n\tfld1\n\tfldl2e\n\tfldz\n\tfxsave %0\n\tfninit" : "=m"(fx));
    uint16_t fcw, fsw;
    uint32_t mxcsr;
    memcpy(&fcw, fx, 2);
    memcpy(&fsw, fx + 2, 2);
    memcpy(&mxcsr, fx + 24, 4);
    printf("fxsave: fcw=%04x fsw=%04x ftw=%02x mxcsr=%08x st:", fcw, fsw, fx[4], mxcsr);
    for (int i = 32; i < 32 + 16 * 3; i++)
        printf("%02x", fx[i]);
    printf("\n");
    /* fxrstor then fxsave again with a changed fcw */
    fx[0] = 0x7f;
    fx[1] = 0x0b;
    asm volatile("fxrstor %0\n\tfnstcw %1\n\tfnstsw %2\n\tfninit" : "+m"(fx), "=m"(fcw), "=m"(fsw));
    printf("fxrstor: fcw=%04x fsw=%04x\n", fcw, fsw);
    /* stack manipulation: fxch, fincstp, fdecstp, ffree, stack overflow */
    f80 a, b;
    asm volatile("fninit\n\tfld1\n\tfldpi\n\tfxch\n\tfstpt %0\n\tfstpt %1" : "=m"(a), "=m"(b));
    print_f80("fxch", a);
    print_f80(" ", b);
    printf("\n");
    uint16_t sw;
    asm volatile("fninit\n\tfld1\n\tfincstp\n\tfnstsw %0\n\tfdecstp\n\tfstpt %1\n\tfninit"
                 : "=m"(sw), "=m"(a));
    printf("fincstp sw=%04x", sw);
    print_f80(" fdecstp", a);
    printf("\n");
    asm volatile("fninit\n\tfld1\n\tfld1\n\tfld1\n\tfld1\n\tfld1\n\tfld1\n\tfld1\n\tfld1\n\t"
                 "fld1\n\tfnstsw %0\n\tfstpt %1\n\tfninit" : "=m"(sw), "=m"(a));
    printf("overflow sw=%04x", sw);
    print_f80(" st0", a);
    printf("\n");
    asm volatile("fninit\n\tfstpt %1\n\tfnstsw %0\n\tfninit" : "=m"(sw), "=m"(a));
    printf("underflow sw=%04x", sw);
    print_f80(" r", a);
    printf("\n");
    asm volatile("fninit\n\tfld1\n\tffree %%st(0)\n\tfnstenv %0\n\tfninit" : "=m"(save));
    printf("ffree tw=%04x sw=%04x\n", save.tw, save.sw);
    /* an unmasked exception is raised at the next FP instruction: SIGFPE */
    printf("unmasked zero divide:\n");
    if (!CATCH()) {
        uint16_t cw = 0x037b;   /* ZM clear */
        asm volatile("fninit\n\tfldcw %0\n\tfld1\n\tfldz\n\tfdivrp\n\t" SET_FAULT_BASE "fwait"
                     : : "m"(cw));
        END_CATCH();
        printf("  no fault\n");
    }
    asm volatile("fninit");
}

/* random operands (normal, denormal, huge/tiny exponents, specials) for
 * the arithmetic in random RC/PC modes */
static f80 x87_rand80(void)
{
    uint64_t r = test_rand(), m = test_rand();
    uint16_t se = (uint16_t)(r >> 48) & 0x8000;
    switch (r & 7) {
    case 0: return mk80(se, m & ~(1ull << 63));                   /* denormal */
    case 1: return mk80(se | 0x7fff, r & 8 ? m | 1ull << 63 : 1ull << 63); /* nan/inf */
    case 2: return mk80(se | (uint16_t)(r >> 16 & 0x7ffe), m | 1ull << 63); /* any */
    default: return mk80(se | (uint16_t)(0x3fe0 + (r >> 16 & 0x3f)), m | 1ull << 63);
    }
}

void test_x87_random(void)
{
    uint16_t sw;
    test_rand_seed(3);
    for (int o = 0; o < N_ELEM(x87_bin); o++) {
        if (!strncmp(x87_bin[o].name, "fpatan", 6) || !strncmp(x87_bin[o].name, "fyl2x", 5))
            continue;
        for (int k = 0; k < 300; k++) {
            f80 a = x87_rand80(), b = x87_rand80();
            int c = (int)(test_rand() % N_ELEM(cws));
            f80 r = x87_bin[o].fn(a, b, cws[c], &sw);
            sw = x87_sw_defined(x87_bin[o].name, r, sw);
            x87_cc_for(x87_bin[o].name);
            printf("%s %s", x87_bin[o].name, cw_names[c]);
            print_f80(" a", a);
            print_f80(" b", b);
            print_res(r, sw);
        }
    }
    for (int k = 0; k < 300; k++) {
        f80 a = x87_rand80();
        int c = (int)(test_rand() % N_ELEM(cws));
        f80 r = x87_fsqrt(a, cws[c], &sw);
        x87_cc_for("fsqrt");
        printf("fsqrt %s", cw_names[c]);
        print_f80(" a", a);
        print_res(r, sw);
        r = x87_frndint(a, cws[c], &sw);
        printf("frndint %s", cw_names[c]);
        print_f80(" a", a);
        print_res(r, sw);
        test_x87_convert(a, cws[c & 3], cw_names[c & 3]);
    }
}

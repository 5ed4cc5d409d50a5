/* tests/tcg/i386/test-sse.c: MMX, SSE/SSE2/SSE3/SSSE3 floating point and
 * integer operations, each on a set of vectors, register and memory
 * source forms, FP ones in every MXCSR rounding mode and with FTZ/DAZ. */
#include <math.h>
#include "test-sse.h"

xmm_t sse_xmm0 = { .l = { 0x80000000, 0x7fffffff, 0xffffffff, 0x00800080 } };
const uint32_t sse_mxcsr_default = 0x1f80;

/* integer vectors: signed/unsigned limits in every lane width */
const xmm_t sse_int_vecs[] = {
    { .q = { 0, 0 } },
    { .q = { ~0ull, ~0ull } },
    { .q = { 0x7f807fff80007fffull, 0x800000007fffffffull } },
    { .q = { 0x0123456789abcdefull, 0xfedcba9876543210ull } },
    { .q = { 0x0102030405060708ull, 0x090a0b0c0d0e0f10ull } },
    { .q = { 0x8080808080808080ull, 0x7f7f7f7f7f7f7f7full } },
    { .q = { 0x00ff00ff0001ffffull, 0x8000000000000001ull } },
    { .q = { 0x1f0e3d2c4b5a6978ull, 0x0000001100000003ull } },
};
const int sse_n_int = N_ELEM(sse_int_vecs);

#define QNAN_F 0x7fc00000
#define SNAN_F 0x7fa00000
const xmm_t sse_ps_vecs[] = {
    { .f = { 1.0f, -1.5f, 0.0f, -0.0f } },
    { .f = { 3.0f, 1.0f / 3, 1e-40f /* denormal */, 2.5f } },
    { .f = { INFINITY, -INFINITY, 1e38f, -3e38f } },
    { .l = { QNAN_F, SNAN_F, 0x3f800000, 0xff800001 } },
    { .f = { 2147483648.0f, -2147483904.0f, 0.5f, -0.5f } },
    { .f = { 1e-38f, 1.17549435e-38f, -1e-45f, 16777217.0f } },
    { .f = { -2.5f, 1.5f, 1e10f, -7.25f } },
};
const int sse_n_ps = N_ELEM(sse_ps_vecs);

const xmm_t sse_pd_vecs[] = {
    { .d = { 1.0, -1.5 } },
    { .d = { 0.0, -0.0 } },
    { .d = { 1.0 / 3, 5e-324 /* denormal */ } },
    { .d = { INFINITY, -INFINITY } },
    { .q = { 0x7ff8000000000000ull, 0x7ff4000000000000ull /* snan */ } },
    { .d = { 9.3e18, -2147483648.5 } },
    { .d = { 1e308, 2.5 } },
    { .d = { -3.5, 1e-310 } },
};
const int sse_n_pd = N_ELEM(sse_pd_vecs);

void sse_print(const char *label, const xmm_t *x)
{
    printf("%s%08x:%08x:%08x:%08x", label, x->l[3], x->l[2], x->l[1], x->l[0]);
}

/* MXCSR: nearest, down, up, zero, and nearest with FTZ+DAZ */
static const uint32_t mx_modes[] = { 0x1f80, 0x3f80, 0x5f80, 0x7f80, 0x9fc0 };

void sse_run_ops(const struct sse_op *ops, int n)
{
    for (int o = 0; o < n; o++) {
        const xmm_t *v = sse_int_vecs;
        int nv = sse_n_int, nmodes = 1;
        if (ops[o].kind == K_PS || ops[o].kind == K_SS2SD) {
            v = sse_ps_vecs, nv = sse_n_ps, nmodes = N_ELEM(mx_modes);
        } else if (ops[o].kind == K_PD || ops[o].kind == K_SD2SS) {
            v = sse_pd_vecs, nv = sse_n_pd, nmodes = N_ELEM(mx_modes);
        }
        for (int m = 0; m < nmodes; m++)
            for (int i = 0; i < nv; i++)
                for (int j = 0; j < nv; j++)
                    for (int form = 0; form < (m == 0 ? 2 : 1); form++) {
                        xmm_t d = v[i];
                        uint32_t mx = mx_modes[m];
                        (form ? ops[o].m : ops[o].r)(&d, &v[j], &mx);
                        printf("%s%s %d,%d", ops[o].name, form ? " mem" : "", i, j);
                        if (nmodes > 1)
                            printf(" mx=%04x", mx_modes[m]);
                        sse_print(" -> ", &d);
                        if (nmodes > 1)
                            printf(" mx=%04x", mx);
                        printf("\n");
                    }
    }
}

/* ------------------------------------------------------- floating point */
#define SSE_FP_OPS(X)                                                      \
    X(addps, "addps", K_PS) X(addss, "addss", K_PS) X(addpd, "addpd", K_PD) \
    X(addsd, "addsd", K_PD) X(subps, "subps", K_PS) X(subss, "subss", K_PS) \
    X(subpd, "subpd", K_PD) X(subsd, "subsd", K_PD) X(mulps, "mulps", K_PS) \
    X(mulss, "mulss", K_PS) X(mulpd, "mulpd", K_PD) X(mulsd, "mulsd", K_PD) \
    X(divps, "divps", K_PS) X(divss, "divss", K_PS) X(divpd, "divpd", K_PD) \
    X(divsd, "divsd", K_PD) X(minps, "minps", K_PS) X(minss, "minss", K_PS) \
    X(minpd, "minpd", K_PD) X(minsd, "minsd", K_PD) X(maxps, "maxps", K_PS) \
    X(maxss, "maxss", K_PS) X(maxpd, "maxpd", K_PD) X(maxsd, "maxsd", K_PD) \
    X(sqrtps, "sqrtps", K_PS) X(sqrtss, "sqrtss", K_PS)                    \
    X(sqrtpd, "sqrtpd", K_PD) X(sqrtsd, "sqrtsd", K_PD)                    \
    X(andps, "andps", K_PS) X(andnps, "andnps", K_PS) X(orps, "orps", K_PS) \
    X(xorpd, "xorpd", K_PD) X(andnpd, "andnpd", K_PD)                      \
    X(cmpeqps, "cmpps $0,", K_PS) X(cmpltps, "cmpps $1,", K_PS)            \
    X(cmpleps, "cmpps $2,", K_PS) X(cmpunordps, "cmpps $3,", K_PS)         \
    X(cmpneqps, "cmpps $4,", K_PS) X(cmpnltps, "cmpps $5,", K_PS)          \
    X(cmpnleps, "cmpps $6,", K_PS) X(cmpordps, "cmpps $7,", K_PS)          \
    X(cmpltss, "cmpss $1,", K_PS) X(cmpunordss, "cmpss $3,", K_PS)         \
    X(cmpeqpd, "cmppd $0,", K_PD) X(cmpnlepd, "cmppd $6,", K_PD)           \
    X(cmplesd, "cmpsd $2,", K_PD) X(cmpordsd, "cmpsd $7,", K_PD)           \
    X(unpcklps, "unpcklps", K_PS) X(unpckhps, "unpckhps", K_PS)            \
    X(unpcklpd, "unpcklpd", K_PD) X(unpckhpd, "unpckhpd", K_PD)            \
    X(shufps_1b, "shufps $0x1b,", K_PS) X(shufps_e4, "shufps $0xe4,", K_PS) \
    X(shufps_72, "shufps $0x72,", K_PS) X(shufpd_1, "shufpd $1,", K_PD)    \
    X(shufpd_2, "shufpd $2,", K_PD)                                        \
    X(movss, "movss", K_PS) X(movsd, "movsd", K_PD)                        \
    X(addsubps, "addsubps", K_PS) X(addsubpd, "addsubpd", K_PD)            \
    X(haddps, "haddps", K_PS) X(hsubps, "hsubps", K_PS)                    \
    X(haddpd, "haddpd", K_PD) X(hsubpd, "hsubpd", K_PD)                    \
    X(movddup, "movddup", K_PD) X(movsldup, "movsldup", K_PS)              \
    X(movshdup, "movshdup", K_PS)                                          \
    X(cvtps2pd, "cvtps2pd", K_PS) X(cvtpd2ps, "cvtpd2ps", K_PD)            \
    X(cvtss2sd, "cvtss2sd", K_PS) X(cvtsd2ss, "cvtsd2ss", K_PD)            \
    X(cvtdq2ps, "cvtdq2ps", K_INT) X(cvtdq2pd, "cvtdq2pd", K_INT)          \
    X(cvtps2dq, "cvtps2dq", K_PS) X(cvttps2dq, "cvttps2dq", K_PS)          \
    X(cvtpd2dq, "cvtpd2dq", K_PD) X(cvttpd2dq, "cvttpd2dq", K_PD)
SSE_FP_OPS(SSE_DEF)
/* register-only (movhlps movlhps) and memory-only (lddqu movhps movlps) */
SSE_FN_R(movhlps, "movhlps") SSE_FN_R(movlhps, "movlhps")
SSE_FN_M(lddqu, "lddqu") SSE_FN_M(movhps, "movhps") SSE_FN_M(movlps, "movlps")
SSE_FN_M(movhpd, "movhpd")
static const struct sse_op sse_fp_ops[] = {
    SSE_FP_OPS(SSE_ROW)
    { "movhlps", sse_r_movhlps, sse_r_movhlps, K_INT },
    { "movlhps", sse_r_movlhps, sse_r_movlhps, K_INT },
    { "lddqu", sse_m_lddqu, sse_m_lddqu, K_INT },
    { "movhps", sse_m_movhps, sse_m_movhps, K_INT },
    { "movlps", sse_m_movlps, sse_m_movlps, K_INT },
    { "movhpd", sse_m_movhpd, sse_m_movhpd, K_INT },
};

/* comiss/ucomiss family: EFLAGS and MXCSR */
static void test_comis(void)
{
    for (int i = 0; i < sse_n_ps; i++)
        for (int j = 0; j < sse_n_ps; j++)
            for (int lane = 0; lane < 4; lane += 3) {
                float a = sse_ps_vecs[i].f[lane], b = sse_ps_vecs[j].f[(lane + 1) & 3];
                reg_t fl = F_ALL, fl2 = 0;
                uint32_t mx = 0x1f80, mx2 = 0x1f80;
                asm volatile("ldmxcsr %[mx]\n\t" FL_IN "comiss %[b], %[a]" FL_OUT
                             "\n\tstmxcsr %[mx]\n\tldmxcsr %[def]"
                             : [fl] "+r"(fl), [mx] "+m"(mx)
                             : [a] "x"(a), [b] "x"(b), [def] "m"(sse_mxcsr_default) : "cc");
                asm volatile("ldmxcsr %[mx]\n\t" FL_IN "ucomiss %[b], %[a]" FL_OUT
                             "\n\tstmxcsr %[mx]\n\tldmxcsr %[def]"
                             : [fl] "+r"(fl2), [mx] "+m"(mx2)
                             : [a] "x"(a), [b] "x"(b), [def] "m"(sse_mxcsr_default) : "cc");
                uint32_t ua, ub;
                memcpy(&ua, &a, 4);
                memcpy(&ub, &b, 4);
                printf("comiss %08x,%08x -> fl=%03lx mx=%04x ucomiss -> fl=%03lx mx=%04x\n",
                       ua, ub, fl & F_ALL, mx, fl2 & F_ALL, mx2);
            }
    for (int i = 0; i < sse_n_pd; i++)
        for (int j = 0; j < sse_n_pd; j++) {
            double a = sse_pd_vecs[i].d[0], b = sse_pd_vecs[j].d[1];
            reg_t fl = 0, fl2 = F_ALL;
            uint32_t mx = 0x1f80, mx2 = 0x1f80;
            asm volatile("ldmxcsr %[mx]\n\t" FL_IN "comisd %[b], %[a]" FL_OUT
                         "\n\tstmxcsr %[mx]\n\tldmxcsr %[def]"
                         : [fl] "+r"(fl), [mx] "+m"(mx)
                         : [a] "x"(a), [b] "x"(b), [def] "m"(sse_mxcsr_default) : "cc");
            asm volatile("ldmxcsr %[mx]\n\t" FL_IN "ucomisd %[b], %[a]" FL_OUT
                         "\n\tstmxcsr %[mx]\n\tldmxcsr %[def]"
                         : [fl] "+r"(fl2), [mx] "+m"(mx2)
                         : [a] "x"(a), [b] "x"(b), [def] "m"(sse_mxcsr_default) : "cc");
            printf("comisd %d,%d -> fl=%03lx mx=%04x ucomisd -> fl=%03lx mx=%04x\n", i, j,
                   fl & F_ALL, mx, fl2 & F_ALL, mx2);
        }
}

/* conversions to and from general registers, in every rounding mode */
static void test_cvt_gpr(void)
{
    static const float fv[] = { 0.5f, 1.5f, 2.5f, -2.5f, -0.5f, 2147483520.0f, 2147483648.0f,
                                -2147483648.0f, -2147483904.0f, 1e20f, NAN, INFINITY, 1e-40f };
    static const double dv[] = { 0.5, 1.5, -2.5, 2147483647.5, 2147483648.0, -2147483648.5,
                                 -2147483649.0, 9.3e18, 9.2233720368547758e18, -9.3e18, NAN,
                                 -INFINITY, 4.9e-324 };
    static const int32_t iv[] = { 0, 1, -1, 0x7fffffff, (int32_t)0x80000000, 16777217, 123456789 };
    for (int m = 0; m < N_ELEM(mx_modes); m++) {
        uint32_t mx0 = mx_modes[m];
        for (int i = 0; i < N_ELEM(fv); i++) {
            int32_t r1, r2;
            uint32_t mx1 = mx0, mx2 = mx0;
            asm volatile("ldmxcsr %[mx]\n\tcvtss2si %[a], %[r]\n\tstmxcsr %[mx]\n\tldmxcsr %[def]"
                         : [r] "=r"(r1), [mx] "+m"(mx1) : [a] "x"(fv[i]), [def] "m"(sse_mxcsr_default));
            asm volatile("ldmxcsr %[mx]\n\tcvttss2si %[a], %[r]\n\tstmxcsr %[mx]\n\tldmxcsr %[def]"
                         : [r] "=r"(r2), [mx] "+m"(mx2) : [a] "x"(fv[i]), [def] "m"(sse_mxcsr_default));
            printf("cvtss2si mx=%04x %a -> %08x/%04x cvttss2si -> %08x/%04x\n", mx0,
                   (double)fv[i], r1, mx1, r2, mx2);
#ifdef __x86_64__
            int64_t q1;
            mx1 = mx0;
            asm volatile("ldmxcsr %[mx]\n\tcvtss2si %[a], %q[r]\n\tstmxcsr %[mx]\n\tldmxcsr %[def]"
                         : [r] "=r"(q1), [mx] "+m"(mx1) : [a] "x"(fv[i]), [def] "m"(sse_mxcsr_default));
            printf("cvtss2siq mx=%04x %a -> %016lx/%04x\n", mx0, (double)fv[i], q1, mx1);
#endif
        }
        for (int i = 0; i < N_ELEM(dv); i++) {
            int32_t r1, r2;
            uint32_t mx1 = mx0, mx2 = mx0;
            asm volatile("ldmxcsr %[mx]\n\tcvtsd2si %[a], %[r]\n\tstmxcsr %[mx]\n\tldmxcsr %[def]"
                         : [r] "=r"(r1), [mx] "+m"(mx1) : [a] "x"(dv[i]), [def] "m"(sse_mxcsr_default));
            asm volatile("ldmxcsr %[mx]\n\tcvttsd2si %[a], %[r]\n\tstmxcsr %[mx]\n\tldmxcsr %[def]"
                         : [r] "=r"(r2), [mx] "+m"(mx2) : [a] "x"(dv[i]), [def] "m"(sse_mxcsr_default));
            printf("cvtsd2si mx=%04x %a -> %08x/%04x cvttsd2si -> %08x/%04x\n", mx0, dv[i],
                   r1, mx1, r2, mx2);
#ifdef __x86_64__
            int64_t q1, q2;
            mx1 = mx2 = mx0;
            asm volatile("ldmxcsr %[mx]\n\tcvtsd2si %[a], %q[r]\n\tstmxcsr %[mx]\n\tldmxcsr %[def]"
                         : [r] "=r"(q1), [mx] "+m"(mx1) : [a] "x"(dv[i]), [def] "m"(sse_mxcsr_default));
            asm volatile("ldmxcsr %[mx]\n\tcvttsd2si %[a], %q[r]\n\tstmxcsr %[mx]\n\tldmxcsr %[def]"
                         : [r] "=r"(q2), [mx] "+m"(mx2) : [a] "x"(dv[i]), [def] "m"(sse_mxcsr_default));
            printf("cvtsd2siq mx=%04x %a -> %016lx/%04x cvttsd2siq -> %016lx/%04x\n", mx0,
                   dv[i], q1, mx1, q2, mx2);
#endif
        }
        for (int i = 0; i < N_ELEM(iv); i++) {
            xmm_t f = { .q = { ~0ull, ~0ull } }, d = f;
            uint32_t mx1 = mx0;
            asm volatile("ldmxcsr %[mx]\n\tmovdqu %[f], %%xmm1\n\tcvtsi2ss %[a], %%xmm1\n\t"
                         "movdqu %%xmm1, %[f]\n\tmovdqu %[d], %%xmm1\n\tcvtsi2sd %[a], %%xmm1\n\t"
                         "movdqu %%xmm1, %[d]\n\tstmxcsr %[mx]\n\tldmxcsr %[def]"
                         : [f] "+m"(f), [d] "+m"(d), [mx] "+m"(mx1)
                         : [a] "r"(iv[i]), [def] "m"(sse_mxcsr_default) : "xmm1");
            printf("cvtsi2ss/sd mx=%04x %08x", mx0, iv[i]);
            sse_print(" -> ", &f);
            sse_print(" ", &d);
            printf(" mx=%04x\n", mx1);
#ifdef __x86_64__
            int64_t q = (int64_t)iv[i] * 0x100000001ll + 3;
            mx1 = mx0;
            asm volatile("ldmxcsr %[mx]\n\tmovdqu %[f], %%xmm1\n\tcvtsi2ssq %[a], %%xmm1\n\t"
                         "movdqu %%xmm1, %[f]\n\tmovdqu %[d], %%xmm1\n\tcvtsi2sdq %[a], %%xmm1\n\t"
                         "movdqu %%xmm1, %[d]\n\tstmxcsr %[mx]\n\tldmxcsr %[def]"
                         : [f] "+m"(f), [d] "+m"(d), [mx] "+m"(mx1)
                         : [a] "r"(q), [def] "m"(sse_mxcsr_default) : "xmm1");
            printf("cvtsi2ssq/sdq mx=%04x %016lx", mx0, q);
            sse_print(" -> ", &f);
            sse_print(" ", &d);
            printf(" mx=%04x\n", mx1);
#endif
        }
    }
}

/* rcpps/rsqrtps are approximations whose bits differ between vendors:
 * print only whether the relative error is within the 1.5*2^-12 bound. */
static void test_rcp(void)
{
    static const float v[] = { 1.0f, 3.0f, 0.1f, 1234.5f, 7e-3f, 65504.0f, 2.0f, 1e-20f };
    for (int i = 0; i < N_ELEM(v); i++) {
        float r, q;
        asm("rcpss %1, %0" : "=x"(r) : "x"(v[i]));
        asm("rsqrtss %1, %0" : "=x"(q) : "x"(v[i]));
        double e1 = fabs((double)r * v[i] - 1), e2 = fabs((double)q * q * v[i] - 1);
        printf("rcpss %a ok=%d rsqrtss ok=%d\n", (double)v[i], e1 < 1.5 / 4096,
               e2 < 3.0 / 4096);
    }
}

void test_sse_fp(void)
{
    sse_run_ops(sse_fp_ops, N_ELEM(sse_fp_ops));
    test_comis();
    test_cvt_gpr();
    test_rcp();
    /* movmskps / movmskpd */
    for (int i = 0; i < sse_n_ps; i++) {
        int m1, m2;
        asm("movmskps %1, %0" : "=r"(m1) : "x"(sse_ps_vecs[i].f[0]));
        xmm_t x = sse_ps_vecs[i];
        asm("movdqu %2, %%xmm3\n\tmovmskps %%xmm3, %0\n\tmovmskpd %%xmm3, %1"
            : "=r"(m1), "=r"(m2) : "m"(x) : "xmm3");
        printf("movmskps %d -> %x movmskpd -> %x\n", i, m1, m2);
    }
    /* ldmxcsr/stmxcsr round trip; reserved bits fault */
    uint32_t mx = 0xffbf, out;
    asm volatile("ldmxcsr %1\n\tstmxcsr %0\n\tldmxcsr %2" : "=m"(out) : "m"(mx), "m"(sse_mxcsr_default));
    printf("ldmxcsr %x -> %x\n", mx, out);
    printf("ldmxcsr reserved bit:\n");
    mx = 0x11f80;
    if (!CATCH()) {
        asm volatile(SET_FAULT_BASE "ldmxcsr %0" : : "m"(mx));
        END_CATCH();
        printf("  no fault\n");
    }
    /* unmasked SIMD exception: SIGFPE */
    printf("divps unmasked zero divide:\n");
    mx = 0x1f80 & ~0x200;
    if (!CATCH()) {
        xmm_t a = { .f = { 1, 1, 1, 1 } }, z = { .f = { 0, 1, 1, 1 } };
        asm volatile("ldmxcsr %0\n\tmovdqu %1, %%xmm1\n\t" SET_FAULT_BASE "divps %2, %%xmm1"
                     : : "m"(mx), "m"(a), "m"(z) : "xmm1");
        END_CATCH();
        printf("  no fault\n");
    }
    asm volatile("ldmxcsr %0" : : "m"(sse_mxcsr_default));
}

/* -------------------------------------------------------------- integer */
#define SSE_INT_OPS(X)                                                     \
    X(paddb, "paddb", K_INT) X(paddw, "paddw", K_INT) X(paddd, "paddd", K_INT) \
    X(paddq, "paddq", K_INT) X(psubb, "psubb", K_INT) X(psubw, "psubw", K_INT) \
    X(psubd, "psubd", K_INT) X(psubq, "psubq", K_INT) X(paddsb, "paddsb", K_INT) \
    X(paddsw, "paddsw", K_INT) X(paddusb, "paddusb", K_INT) X(paddusw, "paddusw", K_INT) \
    X(psubsb, "psubsb", K_INT) X(psubsw, "psubsw", K_INT) X(psubusb, "psubusb", K_INT) \
    X(psubusw, "psubusw", K_INT) X(pmullw, "pmullw", K_INT) X(pmulhw, "pmulhw", K_INT) \
    X(pmulhuw, "pmulhuw", K_INT) X(pmuludq, "pmuludq", K_INT) X(pmaddwd, "pmaddwd", K_INT) \
    X(pavgb, "pavgb", K_INT) X(pavgw, "pavgw", K_INT) X(pminub, "pminub", K_INT) \
    X(pmaxub, "pmaxub", K_INT) X(pminsw, "pminsw", K_INT) X(pmaxsw, "pmaxsw", K_INT) \
    X(psadbw, "psadbw", K_INT) X(pcmpeqb, "pcmpeqb", K_INT) X(pcmpeqw, "pcmpeqw", K_INT) \
    X(pcmpeqd, "pcmpeqd", K_INT) X(pcmpgtb, "pcmpgtb", K_INT) X(pcmpgtw, "pcmpgtw", K_INT) \
    X(pcmpgtd, "pcmpgtd", K_INT) X(pand, "pand", K_INT) X(pandn, "pandn", K_INT) \
    X(por, "por", K_INT) X(pxor, "pxor", K_INT) X(packsswb, "packsswb", K_INT) \
    X(packssdw, "packssdw", K_INT) X(packuswb, "packuswb", K_INT)          \
    X(punpcklbw, "punpcklbw", K_INT) X(punpckhbw, "punpckhbw", K_INT)      \
    X(punpcklwd, "punpcklwd", K_INT) X(punpckhwd, "punpckhwd", K_INT)      \
    X(punpckldq, "punpckldq", K_INT) X(punpckhdq, "punpckhdq", K_INT)      \
    X(punpcklqdq, "punpcklqdq", K_INT) X(punpckhqdq, "punpckhqdq", K_INT)  \
    X(psllw, "psllw", K_INT) X(pslld, "pslld", K_INT) X(psllq, "psllq", K_INT) \
    X(psrlw, "psrlw", K_INT) X(psrld, "psrld", K_INT) X(psrlq, "psrlq", K_INT) \
    X(psraw, "psraw", K_INT) X(psrad, "psrad", K_INT)                      \
    X(pshufd_1b, "pshufd $0x1b,", K_INT) X(pshufd_a5, "pshufd $0xa5,", K_INT) \
    X(pshuflw_1b, "pshuflw $0x1b,", K_INT) X(pshufhw_c6, "pshufhw $0xc6,", K_INT) \
    X(movq, "movq", K_INT) X(movdqa, "movdqa", K_INT) X(movupd, "movupd", K_INT) \
    X(pshufb, "pshufb", K_INT) X(palignr_0, "palignr $0,", K_INT)          \
    X(palignr_5, "palignr $5,", K_INT) X(palignr_16, "palignr $16,", K_INT) \
    X(palignr_20, "palignr $20,", K_INT) X(palignr_33, "palignr $33,", K_INT) \
    X(phaddw, "phaddw", K_INT) X(phaddd, "phaddd", K_INT) X(phaddsw, "phaddsw", K_INT) \
    X(phsubw, "phsubw", K_INT) X(phsubd, "phsubd", K_INT) X(phsubsw, "phsubsw", K_INT) \
    X(pmaddubsw, "pmaddubsw", K_INT) X(pmulhrsw, "pmulhrsw", K_INT)        \
    X(psignb, "psignb", K_INT) X(psignw, "psignw", K_INT) X(psignd, "psignd", K_INT) \
    X(pabsb, "pabsb", K_INT) X(pabsw, "pabsw", K_INT) X(pabsd, "pabsd", K_INT)
SSE_INT_OPS(SSE_DEF)
static const struct sse_op sse_int_ops[] = { SSE_INT_OPS(SSE_ROW) };

/* shifts by immediate (register forms only) */
#define SHIFT_IMM(name, insn)                                              \
    static void name(xmm_t *d)                                             \
    {                                                                      \
        asm volatile("movdqu %0, %%xmm1\n\t" insn ", %%xmm1\n\tmovdqu %%xmm1, %0" \
                     : "+m"(*d) : : "xmm1");                               \
    }
#define SHIFT_IMMS(X) X(psllw_3, "psllw $3") X(psllw_16, "psllw $16") X(pslld_31, "pslld $31") \
    X(pslld_7, "pslld $7") X(psllq_33, "psllq $33") X(psllq_64, "psllq $64")   \
    X(psrlw_1, "psrlw $1") X(psrlw_15, "psrlw $15") X(psrld_4, "psrld $4")   \
    X(psrld_40, "psrld $40") X(psrlq_63, "psrlq $63") X(psraw_5, "psraw $5") \
    X(psraw_99, "psraw $99") X(psrad_31, "psrad $31") X(psrad_32, "psrad $32") \
    X(pslldq_1, "pslldq $1") X(pslldq_15, "pslldq $15") X(pslldq_16, "pslldq $16") \
    X(psrldq_3, "psrldq $3") X(psrldq_17, "psrldq $17")
#define SHIFT_IMM_DEF(name, insn) SHIFT_IMM(si_##name, insn)
SHIFT_IMMS(SHIFT_IMM_DEF)
#define SHIFT_IMM_ROW(name, insn) { insn, si_##name },
static const struct { const char *name; void (*fn)(xmm_t *); } shift_imms[] = { SHIFT_IMMS(SHIFT_IMM_ROW) };

void test_sse_int(void)
{
    sse_run_ops(sse_int_ops, N_ELEM(sse_int_ops));
    /* shift counts from an xmm register: small, lane-size, huge */
    static const xmm_t counts[] = { { .q = { 1, 0 } }, { .q = { 15, 0 } }, { .q = { 16, 0 } },
                                    { .q = { 33, 0 } }, { .q = { 64, 0 } },
                                    { .q = { 1, 1 } }, { .q = { 0x100000001ull, 0 } } };
    for (int i = 0; i < sse_n_int; i++) {
        for (int k = 0; k < N_ELEM(shift_imms); k++) {
            xmm_t d = sse_int_vecs[i];
            shift_imms[k].fn(&d);
            printf("%s %d", shift_imms[k].name, i);
            sse_print(" -> ", &d);
            printf("\n");
        }
        for (int k = 0; k < N_ELEM(counts); k++) {
            xmm_t d = sse_int_vecs[i];
            uint32_t mx = 0x1f80;
            sse_r_psrlq(&d, &counts[k], &mx);
            sse_print("psrlq count ", &counts[k]);
            sse_print(" -> ", &d);
            d = sse_int_vecs[i];
            sse_r_psraw(&d, &counts[k], &mx);
            sse_print(" psraw -> ", &d);
            printf("\n");
        }
        /* pmovmskb, movd/movq to and from general registers, pextrw, pinsrw */
        xmm_t x = sse_int_vecs[i];
        int m;
        uint32_t l;
        asm("movdqu %2, %%xmm3\n\tpmovmskb %%xmm3, %0\n\tmovd %%xmm3, %1" : "=r"(m), "=r"(l)
            : "m"(x) : "xmm3");
        printf("pmovmskb %d -> %04x movd -> %08x", i, m, l);
        asm("movdqu %1, %%xmm3\n\tpextrw $5, %%xmm3, %0" : "=r"(m) : "m"(x) : "xmm3");
        printf(" pextrw5 -> %x", m);
        asm("movdqu %0, %%xmm3\n\tpinsrw $2, %1, %%xmm3\n\tmovdqu %%xmm3, %0" : "+m"(x)
            : "r"(0xabcd1234) : "xmm3");
        sse_print(" pinsrw2 -> ", &x);
        asm("movd %1, %%xmm3\n\tmovdqu %%xmm3, %0" : "=m"(x) : "r"(0x87654321) : "xmm3");
        sse_print(" movd-zext -> ", &x);
        x = sse_int_vecs[i];
        asm("movq %1, %%xmm3\n\tmovdqu %%xmm3, %0" : "=m"(x) : "m"(sse_int_vecs[i].q[1]) : "xmm3");
        sse_print(" movq-load -> ", &x);
        printf("\n");
    }
}

/* ------------------------------------------------------------------ MMX */
typedef void (*mmx_fn)(uint64_t *d, const uint64_t *s);
#define MMX_FN(name, insn)                                                 \
    static void mmx_##name(uint64_t *d, const uint64_t *s)                 \
    {                                                                      \
        asm volatile("movq %0, %%mm0\n\tmovq %1, %%mm1\n\t" insn " %%mm1, %%mm0\n\t" \
                     "movq %%mm0, %0\n\temms" : "+m"(*d) : "m"(*s) : "mm0", "mm1"); \
    }
#define MMX_OPS(X) X(paddb, "paddb") X(paddw, "paddw") X(paddd, "paddd") X(paddq, "paddq") \
    X(psubb, "psubb") X(psubsw, "psubsw") X(paddusb, "paddusb") X(psubusw, "psubusw") \
    X(pmullw, "pmullw") X(pmulhw, "pmulhw") X(pmaddwd, "pmaddwd") X(pmuludq, "pmuludq") \
    X(pcmpeqb, "pcmpeqb") X(pcmpgtw, "pcmpgtw") X(pcmpgtd, "pcmpgtd")          \
    X(packsswb, "packsswb") X(packssdw, "packssdw") X(packuswb, "packuswb")     \
    X(punpcklbw, "punpcklbw") X(punpckhwd, "punpckhwd") X(punpckhdq, "punpckhdq") \
    X(psllw, "psllw") X(psrld, "psrld") X(psraw, "psraw") X(psrlq, "psrlq")    \
    X(pand, "pand") X(pandn, "pandn") X(pxor, "pxor") X(pavgb, "pavgb")        \
    X(psadbw, "psadbw") X(pminsw, "pminsw") X(pmaxub, "pmaxub")               \
    X(pshufw_1b, "pshufw $0x1b,") X(pshufb, "pshufb") X(palignr_3, "palignr $3,") \
    X(phaddw, "phaddw") X(pmulhrsw, "pmulhrsw") X(psignb, "psignb") X(pabsw, "pabsw")
#define MMX_DEF(name, insn) MMX_FN(name, insn)
MMX_OPS(MMX_DEF)
#define MMX_ROW(name, insn) { #name, mmx_##name },
static const struct { const char *name; mmx_fn fn; } mmx_ops[] = { MMX_OPS(MMX_ROW) };

void test_mmx(void)
{
    for (int o = 0; o < N_ELEM(mmx_ops); o++)
        for (int i = 0; i < sse_n_int; i++)
            for (int j = 0; j < sse_n_int; j++) {
                uint64_t d = sse_int_vecs[i].q[i & 1], s = sse_int_vecs[j].q[(j >> 1) & 1];
                if (!strcmp(mmx_ops[o].name, "psllw") || !strcmp(mmx_ops[o].name, "psrld") ||
                    !strcmp(mmx_ops[o].name, "psraw") || !strcmp(mmx_ops[o].name, "psrlq"))
                    s &= 0x4f;       /* shift counts in range and just beyond */
                uint64_t d0 = d;
                mmx_ops[o].fn(&d, &s);
                printf("%s %016llx,%016llx -> %016llx\n", mmx_ops[o].name,
                       (unsigned long long)d0, (unsigned long long)s, (unsigned long long)d);
            }
    /* immediate shifts, movd/movq, pmovmskb, pextrw/pinsrw, and the x87
     * tag word after an MMX instruction and after emms */
    for (int i = 0; i < sse_n_int; i++) {
        uint64_t v = sse_int_vecs[i].q[0], a, b, c;
        asm("movq %3, %%mm2\n\tmovq %%mm2, %%mm3\n\tmovq %%mm2, %%mm4\n\t"
            "psllw $3, %%mm2\n\tpsrad $31, %%mm3\n\tpsrlq $17, %%mm4\n\t"
            "movq %%mm2, %0\n\tmovq %%mm3, %1\n\tmovq %%mm4, %2\n\temms"
            : "=m"(a), "=m"(b), "=m"(c) : "m"(v) : "mm2", "mm3", "mm4");
        int m;
        uint32_t lo;
        asm("movq %2, %%mm5\n\tpmovmskb %%mm5, %0\n\tmovd %%mm5, %1\n\temms" : "=r"(m), "=r"(lo)
            : "m"(v) : "mm5");
        printf("mmx imm %016llx -> %016llx %016llx %016llx msk=%02x movd=%08x\n",
               (unsigned long long)v, (unsigned long long)a, (unsigned long long)b,
               (unsigned long long)c, m, lo);
    }
    /* MMX <-> SSE moves and conversions */
    for (int i = 0; i < sse_n_ps; i++) {
        xmm_t x = sse_ps_vecs[i], y = sse_int_vecs[i];
        uint64_t q1, q2, q3, mm = sse_int_vecs[i].q[1];
        asm volatile("movdqu %3, %%xmm4\n\tmovdqu %4, %%xmm5\n\t"
                     "cvtps2pi %%xmm4, %%mm0\n\tcvttps2pi %%xmm4, %%mm1\n\t"
                     "movdq2q %%xmm5, %%mm2\n\t"
                     "movq %%mm0, %0\n\tmovq %%mm1, %1\n\tmovq %%mm2, %2\n\temms"
                     : "=m"(q1), "=m"(q2), "=m"(q3) : "m"(x), "m"(y)
                     : "xmm4", "xmm5", "mm0", "mm1", "mm2");
        printf("cvtps2pi %d -> %016llx cvttps2pi -> %016llx movdq2q -> %016llx", i,
               (unsigned long long)q1, (unsigned long long)q2, (unsigned long long)q3);
        asm volatile("movq %1, %%mm3\n\tmovdqu %0, %%xmm6\n\tcvtpi2ps %%mm3, %%xmm6\n\t"
                     "movdqu %%xmm6, %0\n\temms" : "+m"(x) : "m"(mm) : "xmm6", "mm3");
        sse_print(" cvtpi2ps -> ", &x);
        asm volatile("movq %1, %%mm3\n\tcvtpi2pd %%mm3, %%xmm6\n\tmovdqu %%xmm6, %0\n\t"
                     "movq2dq %%mm3, %%xmm7\n\tmovdqu %%xmm7, %2\n\temms"
                     : "=m"(x), "+m"(mm), "=m"(y) : : "xmm6", "xmm7", "mm3");
        sse_print(" cvtpi2pd -> ", &x);
        sse_print(" movq2dq -> ", &y);
        x = sse_pd_vecs[i];
        asm volatile("movdqu %1, %%xmm6\n\tcvtpd2pi %%xmm6, %%mm4\n\tcvttpd2pi %%xmm6, %%mm5\n\t"
                     "movq %%mm4, %0\n\tmovq %%mm5, %2\n\temms"
                     : "=m"(q1), "+m"(x), "=m"(q2) : : "xmm6", "mm4", "mm5");
        printf(" cvtpd2pi -> %016llx cvttpd2pi -> %016llx\n", (unsigned long long)q1,
               (unsigned long long)q2);
    }
    /* maskmovq / maskmovdqu: byte stores to [edi] selected by the mask */
    for (int i = 0; i < sse_n_int; i++) {
        xmm_t buf = { .q = { 0x1111111111111111ull, 0x2222222222222222ull } };
        asm volatile("movdqu %1, %%xmm4\n\tmovdqu %2, %%xmm5\n\tmaskmovdqu %%xmm5, %%xmm4"
                     : "+m"(buf) : "m"(sse_int_vecs[(i + 3) % sse_n_int]), "m"(sse_int_vecs[i]),
                       "D"(&buf) : "xmm4", "xmm5", "memory");
        sse_print("maskmovdqu -> ", &buf);
        uint64_t q = 0x3333333333333333ull;
        asm volatile("movq %1, %%mm4\n\tmovq %2, %%mm5\n\tmaskmovq %%mm5, %%mm4\n\temms"
                     : "+m"(q) : "m"(sse_int_vecs[(i + 3) % sse_n_int].q[0]),
                       "m"(sse_int_vecs[i].q[0]), "D"(&q) : "mm4", "mm5", "memory");
        printf(" maskmovq -> %016llx\n", (unsigned long long)q);
    }
    struct __attribute__((packed)) { uint16_t cw, r0, sw, r1, tw, r2; uint32_t rest[4]; } env;
    asm volatile("fninit\n\tpxor %%mm0, %%mm0\n\tfnstenv %0\n\temms" : "=m"(env) : : "mm0");
    printf("after pxor mm0: tw=%04x sw=%04x\n", env.tw, env.sw);
    asm volatile("fninit\n\tpxor %%mm0, %%mm0\n\temms\n\tfnstenv %0" : "=m"(env) : : "mm0");
    printf("after emms: tw=%04x sw=%04x\n", env.tw, env.sw);
    /* mm registers alias the x87 registers: fld then read mm */
    long double one = 1.0L;
    uint64_t mant;
    asm volatile("fninit\n\tfldt %1\n\tmovq %%mm7, %0\n\temms" : "=m"(mant) : "m"(one) : "mm7");
    printf("fld1 then movq mm7 -> %016llx\n", (unsigned long long)mant);
}

/* ------------------------------------------------------ random operands */
static void sse_rand_vec(xmm_t *x, int kind)
{
    for (int i = 0; i < 4; i++) {
        if (kind == K_PS)
            x->l[i] = test_rand_float_bits();
        else if (kind == K_INT)
            x->l[i] = (uint32_t)test_rand_value();
    }
    if (kind == K_PD) {
        x->q[0] = test_rand_double_bits();
        x->q[1] = test_rand_double_bits();
    }
}

static void sse_random_ops(const struct sse_op *ops, int n, int count)
{
    for (int o = 0; o < n; o++)
        for (int k = 0; k < count; k++) {
            int kind = ops[o].kind == K_SS2SD ? K_PS : ops[o].kind == K_SD2SS ? K_PD : ops[o].kind;
            xmm_t d, s;
            sse_rand_vec(&d, kind);
            sse_rand_vec(&s, kind);
            uint32_t mx = mx_modes[test_rand() % N_ELEM(mx_modes)], mx0 = mx;
            printf("%s", ops[o].name);
            sse_print(" ", &d);
            sse_print(",", &s);
            ops[o].r(&d, &s, &mx);
            sse_print(" -> ", &d);
            printf(" mx=%04x/%04x\n", mx0, mx);
        }
}

void test_sse_random(void)
{
    test_rand_seed(2);
    sse_random_ops(sse_fp_ops, N_ELEM(sse_fp_ops), 60);
    sse_random_ops(sse_int_ops, N_ELEM(sse_int_ops), 30);
}

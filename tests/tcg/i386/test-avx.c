/* tests/tcg/i386/test-avx.c: AVX/AVX2 (VEX 3-operand forms, 256-bit
 * operations, permutes, broadcasts, variable shifts, gathers), FMA3 and
 * F16C.  Only in test-x86_64; compiled with -mavx2 -mfma -mf16c.
 * Each case runs "INSN" with ymm1 = a, ymm2 = b, ymm3 = d (destination,
 * preloaded so that zeroing of the upper half shows), [m] = b in memory. */
#include <math.h>
#include "test-sse.h"

typedef union {
    uint8_t b[32];
    uint16_t w[16];
    uint32_t l[8];
    uint64_t q[4];
    float f[8];
    double d[4];
} __attribute__((aligned(32))) ymm_t;

typedef void (*avx_fn)(ymm_t *d, const ymm_t *a, const ymm_t *b, uint32_t *mx);

static int avx_gather_base[16] = { 100, 101, 102, 103, 104, 105, 106, 107,
                                   108, 109, 110, 111, 112, 113, 114, 115 };

#define AVX_FN(name, insn)                                                 \
    static void avx_##name(ymm_t *d, const ymm_t *a, const ymm_t *b, uint32_t *mx) \
    {                                                                      \
        asm volatile("ldmxcsr %[mx]\n\tvmovdqu %[a], %%ymm1\n\tvmovdqu %[m], %%ymm2\n\t" \
                     "vmovdqu %[d], %%ymm3\n\tvmovdqu %[a], %%ymm0\n\t" insn "\n\t" \
                     "vmovdqu %%ymm3, %[d]\n\tstmxcsr %[mx]\n\tldmxcsr %[def]" \
                     : [d] "+m"(*d), [mx] "+m"(*mx)                        \
                     : [a] "m"(*a), [m] "m"(*b), [def] "m"(sse_mxcsr_default), \
                       [g] "r"(avx_gather_base)                            \
                     : "xmm0", "xmm1", "xmm2", "xmm3", "memory");          \
    }

#define AVX_OPS(X)                                                         \
    X(vaddps, "vaddps %%ymm2, %%ymm1, %%ymm3", K_PS)                       \
    X(vaddps_x, "vaddps %%xmm2, %%xmm1, %%xmm3", K_PS)                     \
    X(vaddps_m, "vaddps %[m], %%ymm1, %%ymm3", K_PS)                       \
    X(vaddss, "vaddss %%xmm2, %%xmm1, %%xmm3", K_PS)                       \
    X(vsubpd, "vsubpd %%ymm2, %%ymm1, %%ymm3", K_PD)                       \
    X(vmulps, "vmulps %%ymm2, %%ymm1, %%ymm3", K_PS)                       \
    X(vdivpd, "vdivpd %%ymm2, %%ymm1, %%ymm3", K_PD)                       \
    X(vsqrtps, "vsqrtps %%ymm2, %%ymm3", K_PS)                             \
    X(vsqrtsd, "vsqrtsd %%xmm2, %%xmm1, %%xmm3", K_PD)                     \
    X(vminps, "vminps %%ymm2, %%ymm1, %%ymm3", K_PS)                       \
    X(vmaxpd, "vmaxpd %%ymm2, %%ymm1, %%ymm3", K_PD)                       \
    X(vandnps, "vandnps %%ymm2, %%ymm1, %%ymm3", K_PS)                     \
    X(vxorpd, "vxorpd %%ymm2, %%ymm1, %%ymm3", K_PD)                       \
    X(vcmpps_0, "vcmpps $0, %%ymm2, %%ymm1, %%ymm3", K_PS)                 \
    X(vcmpps_1, "vcmpps $1, %%ymm2, %%ymm1, %%ymm3", K_PS)                 \
    X(vcmpps_3, "vcmpps $3, %%ymm2, %%ymm1, %%ymm3", K_PS)                 \
    X(vcmpps_8, "vcmpps $8, %%ymm2, %%ymm1, %%ymm3", K_PS)                 \
    X(vcmpps_13, "vcmpps $13, %%ymm2, %%ymm1, %%ymm3", K_PS)               \
    X(vcmpps_17, "vcmpps $17, %%ymm2, %%ymm1, %%ymm3", K_PS)               \
    X(vcmpps_28, "vcmpps $28, %%ymm2, %%ymm1, %%ymm3", K_PS)               \
    X(vcmppd_31, "vcmppd $31, %%ymm2, %%ymm1, %%ymm3", K_PD)               \
    X(vcmpsd_4, "vcmpsd $4, %%xmm2, %%xmm1, %%xmm3", K_PD)                 \
    X(vblendvps, "vblendvps %%ymm1, %%ymm2, %%ymm1, %%ymm3", K_PS)         \
    X(vhaddps, "vhaddps %%ymm2, %%ymm1, %%ymm3", K_PS)                     \
    X(vaddsubpd, "vaddsubpd %%ymm2, %%ymm1, %%ymm3", K_PD)                 \
    X(vshufps, "vshufps $0x4e, %%ymm2, %%ymm1, %%ymm3", K_PS)              \
    X(vunpcklps, "vunpcklps %%ymm2, %%ymm1, %%ymm3", K_PS)                 \
    X(vroundps_1, "vroundps $1, %%ymm2, %%ymm3", K_PS)                     \
    X(vroundpd_4, "vroundpd $4, %%ymm2, %%ymm3", K_PD)                     \
    X(vdpps, "vdpps $0xf1, %%ymm2, %%ymm1, %%ymm3", K_PS)                  \
    X(vcvtdq2ps, "vcvtdq2ps %%ymm2, %%ymm3", K_INT)                        \
    X(vcvtps2dq, "vcvtps2dq %%ymm2, %%ymm3", K_PS)                         \
    X(vcvttpd2dq, "vcvttpd2dq %%ymm2, %%xmm3", K_PD)                       \
    X(vcvtpd2ps, "vcvtpd2ps %%ymm2, %%xmm3", K_PD)                         \
    X(vcvtps2pd, "vcvtps2pd %%xmm2, %%ymm3", K_PS)                         \
    X(vfmadd132ps, "vfmadd132ps %%ymm2, %%ymm1, %%ymm3", K_PS)             \
    X(vfmadd213ps, "vfmadd213ps %%ymm2, %%ymm1, %%ymm3", K_PS)             \
    X(vfmadd231pd, "vfmadd231pd %%ymm2, %%ymm1, %%ymm3", K_PD)             \
    X(vfmsub231ps, "vfmsub231ps %%ymm2, %%ymm1, %%ymm3", K_PS)             \
    X(vfnmadd213pd, "vfnmadd213pd %%ymm2, %%ymm1, %%ymm3", K_PD)           \
    X(vfnmsub132ps, "vfnmsub132ps %%ymm2, %%ymm1, %%ymm3", K_PS)           \
    X(vfmaddsub213ps, "vfmaddsub213ps %%ymm2, %%ymm1, %%ymm3", K_PS)       \
    X(vfmsubadd231pd, "vfmsubadd231pd %%ymm2, %%ymm1, %%ymm3", K_PD)       \
    X(vfmadd213ss, "vfmadd213ss %%xmm2, %%xmm1, %%xmm3", K_PS)             \
    X(vfnmsub231sd, "vfnmsub231sd %[m], %%xmm1, %%xmm3", K_PD)             \
    X(vcvtps2ph_0, "vcvtps2ph $0, %%ymm2, %%xmm3", K_PS)                   \
    X(vcvtps2ph_1, "vcvtps2ph $1, %%ymm2, %%xmm3", K_PS)                   \
    X(vcvtps2ph_2, "vcvtps2ph $2, %%ymm2, %%xmm3", K_PS)                   \
    X(vcvtps2ph_3, "vcvtps2ph $3, %%ymm2, %%xmm3", K_PS)                   \
    X(vcvtps2ph_4, "vcvtps2ph $4, %%ymm2, %%xmm3", K_PS)                   \
    X(vcvtph2ps, "vcvtph2ps %%xmm2, %%ymm3", K_INT)                        \
    X(vcvtph2ps_m, "vcvtph2ps %[m], %%ymm3", K_INT)                        \
    X(vpaddb, "vpaddb %%ymm2, %%ymm1, %%ymm3", K_INT)                      \
    X(vpaddq, "vpaddq %%ymm2, %%ymm1, %%ymm3", K_INT)                      \
    X(vpsubusb, "vpsubusb %%ymm2, %%ymm1, %%ymm3", K_INT)                  \
    X(vpaddsw_x, "vpaddsw %%xmm2, %%xmm1, %%xmm3", K_INT)                  \
    X(vpmulld, "vpmulld %%ymm2, %%ymm1, %%ymm3", K_INT)                    \
    X(vpmuludq, "vpmuludq %%ymm2, %%ymm1, %%ymm3", K_INT)                  \
    X(vpmaddwd, "vpmaddwd %%ymm2, %%ymm1, %%ymm3", K_INT)                  \
    X(vpmaddubsw, "vpmaddubsw %%ymm2, %%ymm1, %%ymm3", K_INT)              \
    X(vpshufb, "vpshufb %%ymm2, %%ymm1, %%ymm3", K_INT)                    \
    X(vpalignr, "vpalignr $5, %%ymm2, %%ymm1, %%ymm3", K_INT)              \
    X(vpshufd, "vpshufd $0x1b, %%ymm2, %%ymm3", K_INT)                     \
    X(vpsllvd, "vpsllvd %%ymm2, %%ymm1, %%ymm3", K_INT)                    \
    X(vpsllvq, "vpsllvq %%ymm2, %%ymm1, %%ymm3", K_INT)                    \
    X(vpsrlvd, "vpsrlvd %%ymm2, %%ymm1, %%ymm3", K_INT)                    \
    X(vpsrlvq, "vpsrlvq %%ymm2, %%ymm1, %%ymm3", K_INT)                    \
    X(vpsravd, "vpsravd %%ymm2, %%ymm1, %%ymm3", K_INT)                    \
    X(vpsllw, "vpsllw %%xmm2, %%ymm1, %%ymm3", K_INT)                      \
    X(vpsrad_i, "vpsrad $7, %%ymm2, %%ymm3", K_INT)                        \
    X(vpslldq, "vpslldq $3, %%ymm2, %%ymm3", K_INT)                        \
    X(vpsrldq, "vpsrldq $9, %%ymm2, %%ymm3", K_INT)                        \
    X(vpackusdw, "vpackusdw %%ymm2, %%ymm1, %%ymm3", K_INT)                \
    X(vpacksswb, "vpacksswb %%ymm2, %%ymm1, %%ymm3", K_INT)                \
    X(vpunpcklbw, "vpunpcklbw %%ymm2, %%ymm1, %%ymm3", K_INT)              \
    X(vpunpckhqdq, "vpunpckhqdq %%ymm2, %%ymm1, %%ymm3", K_INT)            \
    X(vpcmpgtq, "vpcmpgtq %%ymm2, %%ymm1, %%ymm3", K_INT)                  \
    X(vpcmpeqb, "vpcmpeqb %%ymm2, %%ymm1, %%ymm3", K_INT)                  \
    X(vpminud, "vpminud %%ymm2, %%ymm1, %%ymm3", K_INT)                    \
    X(vpmaxsb, "vpmaxsb %%ymm2, %%ymm1, %%ymm3", K_INT)                    \
    X(vpabsd, "vpabsd %%ymm2, %%ymm3", K_INT)                              \
    X(vpsignw, "vpsignw %%ymm2, %%ymm1, %%ymm3", K_INT)                    \
    X(vpblendd, "vpblendd $0xa5, %%ymm2, %%ymm1, %%ymm3", K_INT)           \
    X(vpblendvb, "vpblendvb %%ymm2, %%ymm2, %%ymm1, %%ymm3", K_INT)        \
    X(vpermd, "vpermd %%ymm2, %%ymm1, %%ymm3", K_INT)                      \
    X(vpermps, "vpermps %%ymm2, %%ymm1, %%ymm3", K_INT)                    \
    X(vpermq, "vpermq $0x1b, %%ymm2, %%ymm3", K_INT)                       \
    X(vpermpd, "vpermpd $0x4e, %%ymm2, %%ymm3", K_INT)                     \
    X(vperm2i128_21, "vperm2i128 $0x21, %%ymm2, %%ymm1, %%ymm3", K_INT)    \
    X(vperm2i128_08, "vperm2i128 $0x08, %%ymm2, %%ymm1, %%ymm3", K_INT)    \
    X(vperm2f128_83, "vperm2f128 $0x83, %%ymm2, %%ymm1, %%ymm3", K_INT)    \
    X(vpermilps_1b, "vpermilps $0x1b, %%ymm2, %%ymm3", K_INT)              \
    X(vpermilps_v, "vpermilps %%ymm2, %%ymm1, %%ymm3", K_INT)              \
    X(vpermilpd_v, "vpermilpd %%ymm2, %%ymm1, %%ymm3", K_INT)              \
    X(vbroadcastss_r, "vbroadcastss %%xmm2, %%ymm3", K_INT)                \
    X(vbroadcastss_m, "vbroadcastss %[m], %%ymm3", K_INT)                  \
    X(vbroadcastsd, "vbroadcastsd %%xmm2, %%ymm3", K_INT)                  \
    X(vbroadcasti128, "vbroadcasti128 %[m], %%ymm3", K_INT)                \
    X(vpbroadcastb, "vpbroadcastb %%xmm2, %%ymm3", K_INT)                  \
    X(vpbroadcastw, "vpbroadcastw %%xmm2, %%xmm3", K_INT)                  \
    X(vpbroadcastq, "vpbroadcastq %[m], %%ymm3", K_INT)                    \
    X(vinserti128, "vinserti128 $1, %%xmm2, %%ymm1, %%ymm3", K_INT)        \
    X(vextracti128, "vextracti128 $1, %%ymm2, %%xmm3", K_INT)              \
    X(vinsertf128_m, "vinsertf128 $0, %[m], %%ymm1, %%ymm3", K_INT)        \
    X(vmovdqa_x, "vmovdqa %%xmm2, %%xmm3", K_INT)                          \
    X(vmaskmovps, "vmaskmovps %[m], %%ymm1, %%ymm3", K_INT)                \
    X(vpmaskmovq, "vpmaskmovq %[m], %%ymm1, %%ymm3", K_INT)                \
    X(vzeroupper, "vzeroupper", K_INT)                                     \
    X(vgatherdps, "vpand %[idx], %%ymm2, %%ymm2\n\t"                       \
      "vgatherdps %%ymm1, (%[g],%%ymm2,4), %%ymm3", K_INT)                 \
    X(vpgatherdq, "vpand %[idx], %%ymm2, %%ymm2\n\t"                       \
      "vpgatherdq %%ymm1, 4(%[g],%%xmm2,2), %%ymm3", K_INT)
#define AVX_DEF(name, insn, kind) AVX_FN(name, insn)
/* gathers use index vectors masked to 0..7 */
static const ymm_t avx_idx_mask = { .l = { 7, 7, 7, 7, 7, 7, 7, 7 } };
#undef AVX_FN
#define AVX_FN(name, insn)                                                 \
    static void avx_##name(ymm_t *d, const ymm_t *a, const ymm_t *b, uint32_t *mx) \
    {                                                                      \
        asm volatile("ldmxcsr %[mx]\n\tvmovdqu %[a], %%ymm1\n\tvmovdqu %[m], %%ymm2\n\t" \
                     "vmovdqu %[d], %%ymm3\n\tvmovdqu %[a], %%ymm0\n\t" insn "\n\t" \
                     "vmovdqu %%ymm3, %[d]\n\tstmxcsr %[mx]\n\tldmxcsr %[def]" \
                     : [d] "+m"(*d), [mx] "+m"(*mx)                        \
                     : [a] "m"(*a), [m] "m"(*b), [def] "m"(sse_mxcsr_default), \
                       [g] "r"(avx_gather_base), [idx] "m"(avx_idx_mask)   \
                     : "xmm0", "xmm1", "xmm2", "xmm3", "memory");          \
    }
AVX_OPS(AVX_DEF)
#define AVX_ROW(name, insn, kind) { #name, avx_##name, kind },
static const struct { const char *name; avx_fn fn; int kind; } avx_ops[] = { AVX_OPS(AVX_ROW) };

static ymm_t avx_int[8], avx_ps[8], avx_pd[8];
static int avx_n_int, avx_n_ps, avx_n_pd;

static void avx_print(const char *label, const ymm_t *y)
{
    printf("%s", label);
    for (int i = 7; i >= 0; i--)
        printf("%08x%s", y->l[i], i ? (i == 4 ? "|" : ":") : "");
}

/* ymm inputs: pairs of the SSE vectors, plus shift counts / half floats */
static void avx_init(void)
{
    for (int i = 0; i < sse_n_int && i < 7; i++) {
        memcpy(avx_int[i].b, &sse_int_vecs[i], 16);
        memcpy(avx_int[i].b + 16, &sse_int_vecs[(i + 3) % sse_n_int], 16);
        avx_n_int = i + 1;
    }
    static const ymm_t counts = { .l = { 0, 1, 31, 32, 33, 5, 63, 64 } };
    avx_int[avx_n_int++] = counts;
    for (int i = 0; i < sse_n_ps && i < 8; i++) {
        memcpy(avx_ps[i].b, &sse_ps_vecs[i], 16);
        memcpy(avx_ps[i].b + 16, &sse_ps_vecs[(i + 2) % sse_n_ps], 16);
        avx_n_ps = i + 1;
    }
    for (int i = 0; i < sse_n_pd && i < 8; i++) {
        memcpy(avx_pd[i].b, &sse_pd_vecs[i], 16);
        memcpy(avx_pd[i].b + 16, &sse_pd_vecs[(i + 5) % sse_n_pd], 16);
        avx_n_pd = i + 1;
    }
}

static const uint32_t avx_modes[] = { 0x1f80, 0x3f80, 0x5f80, 0x7f80, 0x9fc0 };

void test_avx(void)
{
    avx_init();
    for (int o = 0; o < N_ELEM(avx_ops); o++) {
        const ymm_t *v = avx_int;
        int nv = avx_n_int, nm = 1;
        if (avx_ops[o].kind == K_PS)
            v = avx_ps, nv = avx_n_ps, nm = N_ELEM(avx_modes);
        else if (avx_ops[o].kind == K_PD)
            v = avx_pd, nv = avx_n_pd, nm = N_ELEM(avx_modes);
        for (int m = 0; m < nm; m++)
            for (int i = 0; i < nv; i++)
                for (int j = 0; j < nv; j++) {
                    ymm_t d = { .q = { 0x1111111111111111ull, 0x2222222222222222ull,
                                       0x3333333333333333ull, 0x4444444444444444ull } };
                    /* the destination is also an input for FMA */
                    if (!strncmp(avx_ops[o].name, "vf", 2))
                        d = v[(i + j) % nv];
                    uint32_t mx = avx_modes[m];
                    avx_ops[o].fn(&d, &v[i], &v[j], &mx);
                    printf("%s %d,%d", avx_ops[o].name, i, j);
                    if (nm > 1)
                        printf(" mx=%04x", avx_modes[m]);
                    avx_print(" -> ", &d);
                    if (nm > 1)
                        printf(" mx=%04x", mx);
                    printf("\n");
                }
    }
    /* results in general registers and flags */
    for (int i = 0; i < avx_n_int; i++)
        for (int j = 0; j < avx_n_int; j++) {
            reg_t fl = 0, fl2 = 0;
            int m1, m2;
            asm volatile("vmovdqu %[a], %%ymm1\n\tvmovdqu %[b], %%ymm2\n\t"
                         FL_IN "vptest %%ymm2, %%ymm1" FL_OUT "\n\t"
                         "vpmovmskb %%ymm1, %[m1]\n\tvmovmskps %%ymm2, %[m2]"
                         : [fl] "+r"(fl), [m1] "=r"(m1), [m2] "=r"(m2)
                         : [a] "m"(avx_int[i]), [b] "m"(avx_int[j]) : "xmm1", "xmm2", "cc");
            asm volatile("vmovdqu %[a], %%ymm1\n\tvmovdqu %[b], %%ymm2\n\t"
                         FL_IN "vtestps %%ymm2, %%ymm1" FL_OUT
                         : [fl] "+r"(fl2) : [a] "m"(avx_int[i]), [b] "m"(avx_int[j])
                         : "xmm1", "xmm2", "cc");
            printf("vptest %d,%d -> fl=%03lx vtestps -> fl=%03lx vpmovmskb=%08x vmovmskps=%02x\n",
                   i, j, fl & F_ALL, fl2 & F_ALL, (unsigned)m1, m2);
        }
    /* vzeroupper / vzeroall and legacy SSE leaving the upper half alone */
    ymm_t y = avx_int[3], z = avx_int[3], w = avx_int[3];
    asm volatile("vmovdqu %0, %%ymm4\n\tvzeroupper\n\tvmovdqu %%ymm4, %0" : "+m"(y) : : "xmm4");
    asm volatile("vmovdqu %0, %%ymm5\n\tvzeroall\n\tvmovdqu %%ymm5, %0" : "+m"(z)
                 : : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8",
                     "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15");
    asm volatile("vmovdqu %0, %%ymm6\n\tpaddd %%xmm6, %%xmm6\n\tvmovdqu %%ymm6, %0\n\tvzeroupper"
                 : "+m"(w) : : "xmm6");
    avx_print("vzeroupper -> ", &y);
    avx_print("\nvzeroall -> ", &z);
    avx_print("\nlegacy paddd -> ", &w);
    printf("\n");
    asm volatile("vzeroupper");
}

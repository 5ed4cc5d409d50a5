/* tests/tcg/i386/test-sse4.c: SSE4.1, SSE4.2 string compares, AES-NI and
 * PCLMULQDQ. */
#include "test-sse.h"

#define SSE41_OPS(X)                                                       \
    X(pminsb, "pminsb", K_INT) X(pminsd, "pminsd", K_INT) X(pminuw, "pminuw", K_INT) \
    X(pminud, "pminud", K_INT) X(pmaxsb, "pmaxsb", K_INT) X(pmaxsd, "pmaxsd", K_INT) \
    X(pmaxuw, "pmaxuw", K_INT) X(pmaxud, "pmaxud", K_INT)                  \
    X(pmovsxbw, "pmovsxbw", K_INT) X(pmovsxbd, "pmovsxbd", K_INT)          \
    X(pmovsxbq, "pmovsxbq", K_INT) X(pmovsxwd, "pmovsxwd", K_INT)          \
    X(pmovsxwq, "pmovsxwq", K_INT) X(pmovsxdq, "pmovsxdq", K_INT)          \
    X(pmovzxbw, "pmovzxbw", K_INT) X(pmovzxbd, "pmovzxbd", K_INT)          \
    X(pmovzxbq, "pmovzxbq", K_INT) X(pmovzxwd, "pmovzxwd", K_INT)          \
    X(pmovzxwq, "pmovzxwq", K_INT) X(pmovzxdq, "pmovzxdq", K_INT)          \
    X(blendps_5, "blendps $5,", K_PS) X(blendps_a, "blendps $0xa,", K_PS)  \
    X(blendpd_1, "blendpd $1,", K_PD) X(blendpd_2, "blendpd $2,", K_PD)    \
    X(pblendw_a5, "pblendw $0xa5,", K_INT) X(pblendw_0f, "pblendw $0x0f,", K_INT) \
    X(blendvps, "blendvps %%xmm0,", K_PS) X(blendvpd, "blendvpd %%xmm0,", K_PD) \
    X(pblendvb, "pblendvb %%xmm0,", K_INT)                                 \
    X(roundps_0, "roundps $0,", K_PS) X(roundps_1, "roundps $1,", K_PS)    \
    X(roundps_2, "roundps $2,", K_PS) X(roundps_3, "roundps $3,", K_PS)    \
    X(roundps_4, "roundps $4,", K_PS) X(roundps_8, "roundps $8,", K_PS)    \
    X(roundps_c, "roundps $0xc,", K_PS) X(roundss_1, "roundss $1,", K_PS)  \
    X(roundss_a, "roundss $0xa,", K_PS) X(roundpd_0, "roundpd $0,", K_PD)  \
    X(roundpd_3, "roundpd $3,", K_PD) X(roundpd_4, "roundpd $4,", K_PD)    \
    X(roundsd_2, "roundsd $2,", K_PD) X(roundsd_9, "roundsd $9,", K_PD)    \
    X(dpps_ff, "dpps $0xff,", K_PS) X(dpps_71, "dpps $0x71,", K_PS)        \
    X(dpps_3c, "dpps $0x3c,", K_PS) X(dppd_31, "dppd $0x31,", K_PD)        \
    X(dppd_f2, "dppd $0xf2,", K_PD)                                        \
    X(insertps_00, "insertps $0x00,", K_PS) X(insertps_5c, "insertps $0x5c,", K_PS) \
    X(insertps_e3, "insertps $0xe3,", K_PS) X(insertps_9a, "insertps $0x9a,", K_PS) \
    X(pmuldq, "pmuldq", K_INT) X(pmulld, "pmulld", K_INT)                  \
    X(packusdw, "packusdw", K_INT) X(phminposuw, "phminposuw", K_INT)      \
    X(mpsadbw_0, "mpsadbw $0,", K_INT) X(mpsadbw_5, "mpsadbw $5,", K_INT)  \
    X(mpsadbw_2, "mpsadbw $2,", K_INT) X(pcmpeqq, "pcmpeqq", K_INT)        \
    X(pcmpgtq, "pcmpgtq", K_INT)
SSE41_OPS(SSE_DEF)
SSE_FN_M(movntdqa, "movntdqa")
static const struct sse_op sse41_ops[] = {
    SSE41_OPS(SSE_ROW)
    { "movntdqa", sse_m_movntdqa, sse_m_movntdqa, K_INT },
};

void test_sse4(void)
{
    sse_run_ops(sse41_ops, N_ELEM(sse41_ops));
    for (int i = 0; i < sse_n_int; i++) {
        for (int j = 0; j < sse_n_int; j++) {
            reg_t fl = 0;
            asm volatile("movdqu %[a], %%xmm1\n\t" FL_IN "ptest %[b], %%xmm1" FL_OUT
                         : [fl] "+r"(fl) : [a] "m"(sse_int_vecs[i]), [b] "m"(sse_int_vecs[j])
                         : "xmm1", "cc");
            printf("ptest %d,%d -> fl=%03lx\n", i, j, fl & F_ALL);
        }
        xmm_t x = sse_int_vecs[i];
        reg_t b, w, d, e;
        asm("movdqu %4, %%xmm3\n\tpextrb $13, %%xmm3, %k0\n\tpextrw $6, %%xmm3, %k1\n\t"
            "pextrd $2, %%xmm3, %k2\n\textractps $1, %%xmm3, %k3"
            : "=r"(b), "=r"(w), "=r"(d), "=r"(e) : "m"(x) : "xmm3");
        printf("pextr %d -> b=%lx w=%lx d=%lx extractps=%lx", i, b, w, d, e);
        uint16_t m16 = 0;
        asm("movdqu %1, %%xmm3\n\tpextrw $7, %%xmm3, %0" : "=m"(m16) : "m"(x) : "xmm3");
        printf(" pextrw-mem=%x", m16);
        asm("movdqu %0, %%xmm3\n\tpinsrb $9, %1, %%xmm3\n\tpinsrd $3, %2, %%xmm3\n\t"
            "movdqu %%xmm3, %0" : "+m"(x) : "r"(0x1234567), "r"(0x89abcdef) : "xmm3");
        sse_print(" pinsrb/d -> ", &x);
#ifdef __x86_64__
        uint64_t q;
        asm("movdqu %1, %%xmm3\n\tpextrq $1, %%xmm3, %0\n\tpinsrq $0, %2, %%xmm3\n\t"
            "movdqu %%xmm3, %1" : "=r"(q), "+m"(x) : "r"(0x1122334455667788ull) : "xmm3");
        printf(" pextrq=%lx", q);
        sse_print(" pinsrq -> ", &x);
        asm("movq %1, %%xmm3\n\tmovq %%xmm3, %0" : "=r"(q) : "r"(0xfedcba9876543210ull) : "xmm3");
        printf(" movq-gpr=%lx", q);
#endif
        printf("\n");
    }
}

/* ---------------------------------------------------- SSE4.2 strings */

/* Strings of bytes and words with embedded zero terminators. */
static const xmm_t str_vecs[] = {
    { .b = "hello world!\0xyz" },
    { .b = "lo\0ABCDEFGHIJKLM" },
    { .b = "azAZ09__________" },
    { .b = "world hello!1234" },
    { .b = "\0bcdefghijklmnop" },
    { .b = "0123456789abcdef" },
    { .w = { 'a', 'b', 'c', 0, 'x', 'y', 'z', 'w' } },
    { .w = { 0x4141, 0x6161, 0x7a7a, 0x3030, 0x4141, 0x6161, 0x7a7a, 0x3030 } },
};

#define PCMPSTR(name, insn, imm)                                           \
    static void name(const xmm_t *a, const xmm_t *b, int la, int lb,       \
                     reg_t *ecx, reg_t *fl, xmm_t *mask)                   \
    {                                                                      \
        reg_t f = F_ALL;                                                   \
        asm volatile("movdqu %[a], %%xmm1\n\t" FL_IN insn " $" #imm ", %[b], %%xmm1" \
                     FL_OUT "\n\tmovdqu %%xmm0, %[m]"                      \
                     : [fl] "+r"(f), "=c"(*ecx), [m] "=m"(*mask)           \
                     : [a] "m"(*a), [b] "m"(*b), "a"(la), "d"(lb)          \
                     : "xmm0", "xmm1", "cc");                              \
        *fl = f;                                                           \
    }
/* imm8: bits 0-1 format (ub, uw, sb, sw), 2-3 aggregation (equal any,
 * ranges, equal each, equal ordered), 4-5 polarity, 6 index/mask form */
#define PCMPSTR_IMMS(X, insn) X(insn, 0x00) X(insn, 0x04) X(insn, 0x08) X(insn, 0x0c) \
    X(insn, 0x18) X(insn, 0x34) X(insn, 0x40) X(insn, 0x4c) X(insn, 0x01) X(insn, 0x0d) \
    X(insn, 0x42) X(insn, 0x44) X(insn, 0x39) X(insn, 0x0b)
#define PCMPSTR_DEF(insn, imm) PCMPSTR(insn##_##imm, #insn, imm)
PCMPSTR_IMMS(PCMPSTR_DEF, pcmpestri) PCMPSTR_IMMS(PCMPSTR_DEF, pcmpistri)
PCMPSTR_IMMS(PCMPSTR_DEF, pcmpestrm) PCMPSTR_IMMS(PCMPSTR_DEF, pcmpistrm)
typedef void (*pcmpstr_fn)(const xmm_t *, const xmm_t *, int, int, reg_t *, reg_t *, xmm_t *);
#define PCMPSTR_ROW(insn, imm) { #insn " " #imm, insn##_##imm, #insn[4] == 'e', \
    #insn[8] == 'm' },
static const struct { const char *name; pcmpstr_fn fn; int explicit, mask; } pcmpstr[] = {
    PCMPSTR_IMMS(PCMPSTR_ROW, pcmpestri) PCMPSTR_IMMS(PCMPSTR_ROW, pcmpistri)
    PCMPSTR_IMMS(PCMPSTR_ROW, pcmpestrm) PCMPSTR_IMMS(PCMPSTR_ROW, pcmpistrm)
};

static void test_pcmpstr(void)
{
    static const int lens[][2] = { { 5, 16 }, { 16, 3 }, { -3, 20 }, { 0, 8 } };
    for (int o = 0; o < N_ELEM(pcmpstr); o++)
        for (int i = 0; i < N_ELEM(str_vecs); i++)
            for (int j = 0; j < N_ELEM(str_vecs); j++)
                for (int l = 0; l < (pcmpstr[o].explicit ? N_ELEM(lens) : 1); l++) {
                    reg_t ecx = 0, fl;
                    xmm_t m = { .q = { 0, 0 } };
                    pcmpstr[o].fn(&str_vecs[i], &str_vecs[j], lens[l][0], lens[l][1], &ecx,
                                  &fl, &m);
                    printf("%s %d,%d", pcmpstr[o].name, i, j);
                    if (pcmpstr[o].explicit)
                        printf(" la=%d lb=%d", lens[l][0], lens[l][1]);
                    printf(" -> fl=%03lx", fl & F_ALL);
                    if (pcmpstr[o].mask)
                        sse_print(" xmm0=", &m);
                    else
                        printf(" ecx=%lx", ecx);
                    printf("\n");
                }
}

/* --------------------------------------------------------- AES, CLMUL */
#define AES_OPS(X) X(aesenc, "aesenc", K_INT) X(aesenclast, "aesenclast", K_INT) \
    X(aesdec, "aesdec", K_INT) X(aesdeclast, "aesdeclast", K_INT)          \
    X(aesimc, "aesimc", K_INT) X(aeskeygenassist_0, "aeskeygenassist $0,", K_INT) \
    X(aeskeygenassist_1b, "aeskeygenassist $0x1b,", K_INT)                 \
    X(pclmulqdq_00, "pclmulqdq $0x00,", K_INT) X(pclmulqdq_01, "pclmulqdq $0x01,", K_INT) \
    X(pclmulqdq_10, "pclmulqdq $0x10,", K_INT) X(pclmulqdq_11, "pclmulqdq $0x11,", K_INT)
AES_OPS(SSE_DEF)
static const struct sse_op aes_ops[] = { AES_OPS(SSE_ROW) };

void test_sse42_aes(void)
{
    test_pcmpstr();
    sse_run_ops(aes_ops, N_ELEM(aes_ops));
}

/* tests/tcg/i386/test-bitops.c: bt/bts/btr/btc, bsf/bsr, tzcnt/lzcnt/popcnt,
 * BMI1/BMI2/ADX, and cmpxchg/xadd/xchg. */
#include "test.h"

#ifdef __x86_64__
#define NW 3            /* operand sizes 16, 32, 64 */
#else
#define NW 2
#endif
static const uint64_t bit_vals[] = {
    0, 1, 2, 0x80, 0x8000, 0x10000, 0x80000000, 0x100000000ull, 0x8000000000000000ull,
    0xffffffffffffffffull, 0x00f0000000000f00ull, 0x123456789abcdef0ull,
    0x5555555555555555ull, 0xfffe000000000000ull,
};

static reg_t wmask(int bits)
{
    return bits >= REG_BITS ? ~(reg_t)0 : ((reg_t)1 << bits) - 1;
}

/* --- bt family, register destination: bit offset taken modulo the size */
#define BT_RR(insn, mod)                                                   \
    static reg_t insn##_rr_##mod(reg_t a, reg_t b, reg_t *flp)             \
    {                                                                      \
        reg_t fl = *flp;                                                   \
        asm volatile(FL_IN #insn " %" #mod "[b], %" #mod "[a]" FL_OUT      \
                     : [a] "+r"(a), [fl] "+r"(fl) : [b] "r"(b) : "cc");    \
        *flp = fl;                                                         \
        return a;                                                          \
    }
#define BT_RI(insn, mod, imm)                                              \
    static reg_t insn##_ri##imm##_##mod(reg_t a, reg_t *flp)               \
    {                                                                      \
        reg_t fl = *flp;                                                   \
        asm volatile(FL_IN #insn " $" #imm ", %" #mod "[a]" FL_OUT         \
                     : [a] "+r"(a), [fl] "+r"(fl) : : "cc");               \
        *flp = fl;                                                         \
        return a;                                                          \
    }
/* memory destination: the offset register addresses a bit string. */
#define BT_MR(insn, mod)                                                   \
    static void insn##_mr_##mod(void *m, reg_t b, reg_t *flp)              \
    {                                                                      \
        reg_t fl = *flp;                                                   \
        asm volatile(FL_IN #insn " %" #mod "[b], (%[m])" FL_OUT            \
                     : [fl] "+r"(fl) : [b] "r"(b), [m] "r"(m) : "cc", "memory"); \
        *flp = fl;                                                         \
    }
#define BT_ALL(insn) BT_RR(insn, w) BT_RR(insn, k) BT_RI(insn, w, 3) BT_RI(insn, k, 3) \
    BT_RI(insn, w, 17) BT_RI(insn, k, 47) BT_MR(insn, w) BT_MR(insn, k) BT_Q(insn)
#ifdef __x86_64__
#define BT_Q(insn) BT_RR(insn, q) BT_RI(insn, q, 3) BT_RI(insn, q, 47) BT_MR(insn, q)
#else
#define BT_Q(insn)
#endif
BT_ALL(bt) BT_ALL(bts) BT_ALL(btr) BT_ALL(btc)

typedef reg_t (*rr_fn)(reg_t, reg_t, reg_t *);
typedef reg_t (*ri_fn)(reg_t, reg_t *);
typedef void (*mr_fn)(void *, reg_t, reg_t *);
#ifdef __x86_64__
#define BT_ROW(i) { #i, { i##_rr_w, i##_rr_k, i##_rr_q }, { i##_ri3_w, i##_ri3_k, i##_ri3_q }, \
    { i##_ri17_w, i##_ri47_k, i##_ri47_q }, { i##_mr_w, i##_mr_k, i##_mr_q } },
#else
#define BT_ROW(i) { #i, { i##_rr_w, i##_rr_k }, { i##_ri3_w, i##_ri3_k }, \
    { i##_ri17_w, i##_ri47_k }, { i##_mr_w, i##_mr_k } },
#endif
static const struct {
    const char *name;
    rr_fn rr[NW];
    ri_fn ri3[NW], rib[NW];
    mr_fn mr[NW];
} bt_ops[] = { BT_ROW(bt) BT_ROW(bts) BT_ROW(btr) BT_ROW(btc) };

/* Only CF is defined (ZF unchanged); OF SF AF PF are undefined. */
#define BT_FLAGS (F_CF | F_ZF)

static void test_bt(void)
{
    static const int offs[] = { 0, 1, 7, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 255,
                                -1, -8, -17, -33, -65, -200 };
    for (int o = 0; o < N_ELEM(bt_ops); o++)
        for (int s = 0; s < NW; s++) {
            int bits = 16 << s, w = bits / 4;
            for (int i = 0; i < N_ELEM(bit_vals); i += 2)
                for (int k = 0; k < N_ELEM(offs); k++) {
                    reg_t a = (reg_t)bit_vals[i] & wmask(bits), fl = k & 1 ? F_ALL : 0;
                    reg_t r = bt_ops[o].rr[s](a, (reg_t)offs[k], &fl);
                    printf("%s%d %0*lx,%d -> %0*lx fl=%03lx\n", bt_ops[o].name, bits, w, a,
                           offs[k], w, r & wmask(bits), fl & BT_FLAGS);
                }
            for (int i = 0; i < N_ELEM(bit_vals); i++) {
                reg_t a = (reg_t)bit_vals[i] & wmask(bits), fl = 0;
                reg_t r = bt_ops[o].ri3[s](a, &fl);
                printf("%s%d %0*lx,$3 -> %0*lx fl=%03lx\n", bt_ops[o].name, bits, w, a,
                       w, r & wmask(bits), fl & BT_FLAGS);
                fl = F_ALL;
                r = bt_ops[o].rib[s](a, &fl);
                printf("%s%d %0*lx,$big -> %0*lx fl=%03lx\n", bt_ops[o].name, bits, w, a,
                       w, r & wmask(bits), fl & BT_FLAGS);
            }
            /* bit string of 64 bytes; offsets reach 32 bytes either side of mid */
            for (int k = 0; k < N_ELEM(offs); k++) {
                uint8_t buf[64];
                for (int j = 0; j < 64; j++)
                    buf[j] = (uint8_t)(j * 37 + 5);
                reg_t fl = 0;
                bt_ops[o].mr[s](buf + 32, (reg_t)offs[k], &fl);
                printf("%s%d mem,%d -> fl=%03lx mem:", bt_ops[o].name, bits, offs[k],
                       fl & BT_FLAGS);
                for (int j = 0; j < 64; j++)
                    if (buf[j] != (uint8_t)(j * 37 + 5))
                        printf(" [%d]=%02x", j - 32, buf[j]);
                printf("\n");
            }
        }
}

/* --- bsf bsr tzcnt lzcnt popcnt */
#define SCAN_FN(insn, mod)                                                 \
    static reg_t insn##_##mod(reg_t a, reg_t d, reg_t *flp)                \
    {                                                                      \
        reg_t fl = *flp;                                                   \
        asm volatile(FL_IN #insn " %" #mod "[a], %" #mod "[d]" FL_OUT      \
                     : [d] "+r"(d), [fl] "+r"(fl) : [a] "r"(a) : "cc");    \
        *flp = fl;                                                         \
        return d;                                                          \
    }
#ifdef __x86_64__
#define SCAN_ALL(i) SCAN_FN(i, w) SCAN_FN(i, k) SCAN_FN(i, q)
#define SCAN_ROW(i, m) { #i, { i##_w, i##_k, i##_q }, m },
#else
#define SCAN_ALL(i) SCAN_FN(i, w) SCAN_FN(i, k)
#define SCAN_ROW(i, m) { #i, { i##_w, i##_k }, m },
#endif
SCAN_ALL(bsf) SCAN_ALL(bsr) SCAN_ALL(tzcnt) SCAN_ALL(lzcnt) SCAN_ALL(popcnt)
/* bsf/bsr define ZF only; tzcnt/lzcnt ZF and CF; popcnt all. */
static const struct { const char *name; rr_fn fn[NW]; int mask; } scan_ops[] = {
    SCAN_ROW(bsf, F_ZF) SCAN_ROW(bsr, F_ZF) SCAN_ROW(tzcnt, F_ZF | F_CF)
    SCAN_ROW(lzcnt, F_ZF | F_CF) SCAN_ROW(popcnt, F_ALL)
};

static void test_scan(void)
{
    for (int o = 0; o < N_ELEM(scan_ops); o++)
        for (int s = 0; s < NW; s++) {
            int bits = 16 << s, w = bits / 4;
            for (int i = 0; i < N_ELEM(bit_vals); i++)
                for (int c = 0; c < 2; c++) {
                    /* dest preset: bsf/bsr leave it unchanged for a zero source */
                    reg_t a = (reg_t)bit_vals[i] & wmask(bits), fl = c ? F_ALL : 0;
                    reg_t r = scan_ops[o].fn[s](a, (reg_t)0x5a5a5a5a5a5a5a5aull, &fl);
                    printf("%s%d %0*lx fi=%d -> %0*lx fl=%03lx\n", scan_ops[o].name, bits,
                           w, a, c, w, r & wmask(bits), fl & scan_ops[o].mask);
                }
        }
}

/* --- BMI1 / BMI2 / ADX (32-bit forms, and 64-bit on x86-64) */
#define VEX3_FN(name, insn, mod)                                           \
    static reg_t name(reg_t a, reg_t b, reg_t *flp)                        \
    {                                                                      \
        reg_t fl = *flp, d;                                                \
        asm volatile(FL_IN insn " %" mod "[b], %" mod "[a], %" mod "[d]" FL_OUT \
                     : [d] "=&r"(d), [fl] "+r"(fl) : [a] "r"(a), [b] "r"(b) : "cc"); \
        *flp = fl;                                                         \
        return d;                                                          \
    }
#define VEX2_FN(name, insn, mod)                                           \
    static reg_t name(reg_t a, reg_t b, reg_t *flp)                        \
    {                                                                      \
        reg_t fl = *flp, d;                                                \
        asm volatile(FL_IN insn " %" mod "[a], %" mod "[d]" FL_OUT         \
                     : [d] "=&r"(d), [fl] "+r"(fl) : [a] "r"(a) : "cc");   \
        *flp = fl;                                                         \
        return d;                                                          \
    }
#define RORX_FN(name, mod, imm)                                            \
    static reg_t name(reg_t a, reg_t b, reg_t *flp)                        \
    {                                                                      \
        reg_t fl = *flp, d;                                                \
        asm volatile(FL_IN "rorx $" #imm ", %" mod "[a], %" mod "[d]" FL_OUT \
                     : [d] "=&r"(d), [fl] "+r"(fl) : [a] "r"(a) : "cc");   \
        *flp = fl;                                                         \
        return d;                                                          \
    }
/* adcx/adox: dest += src + CF (OF); only that flag changes. */
#define ADX_FN(name, insn, mod)                                            \
    static reg_t name(reg_t a, reg_t b, reg_t *flp)                        \
    {                                                                      \
        reg_t fl = *flp;                                                   \
        asm volatile(FL_IN insn " %" mod "[b], %" mod "[a]" FL_OUT         \
                     : [a] "+r"(a), [fl] "+r"(fl) : [b] "r"(b) : "cc");    \
        *flp = fl;                                                         \
        return a;                                                          \
    }
/* andn d = ~a & b, bextr d = field of a selected by b, shlx d = a << b... */
#define BMI_OPS(X, mod, sfx)                                               \
    X(VEX3_FN, andn##sfx, "andn", mod) X(VEX3_FN, bextr##sfx, "bextr", mod) \
    X(VEX3_FN, bzhi##sfx, "bzhi", mod) X(VEX3_FN, pdep##sfx, "pdep", mod)  \
    X(VEX3_FN, pext##sfx, "pext", mod) X(VEX3_FN, sarx##sfx, "sarx", mod)  \
    X(VEX3_FN, shlx##sfx, "shlx", mod) X(VEX3_FN, shrx##sfx, "shrx", mod)  \
    X(VEX2_FN, blsi##sfx, "blsi", mod) X(VEX2_FN, blsmsk##sfx, "blsmsk", mod) \
    X(VEX2_FN, blsr##sfx, "blsr", mod) X(ADX_FN, adcx##sfx, "adcx", mod)   \
    X(ADX_FN, adox##sfx, "adox", mod)
#define BMI_DEF(kind, name, insn, mod) kind(name, insn, mod)
BMI_OPS(BMI_DEF, "k", _l)
RORX_FN(rorx5_l, "k", 5)
RORX_FN(rorx31_l, "k", 31)
#ifdef __x86_64__
BMI_OPS(BMI_DEF, "q", _q)
RORX_FN(rorx5_q, "q", 5)
RORX_FN(rorx63_q, "q", 63)
#endif
/* Flags defined per op (the rest are undefined: AF and PF everywhere). */
#define BMI_ROW(kind, name, insn, mod) { insn, name, 0 },
static const struct { const char *name; rr_fn fn; int mask; } bmi_l[] = {
    BMI_OPS(BMI_ROW, "k", _l) { "rorx5", rorx5_l, 0 }, { "rorx31", rorx31_l, 0 },
}
#ifdef __x86_64__
, bmi_q[] = { BMI_OPS(BMI_ROW, "q", _q) { "rorx5", rorx5_q, 0 }, { "rorx63", rorx63_q, 0 } }
#endif
;

static int bmi_flag_mask(const char *n)
{
    if (!strcmp(n, "andn") || !strncmp(n, "bls", 3))
        return F_SF | F_ZF | F_OF | F_CF;
    if (!strcmp(n, "bextr"))
        return F_ZF | F_OF | F_CF;
    if (!strcmp(n, "bzhi"))
        return F_SF | F_ZF | F_OF | F_CF;
    return F_ALL;       /* no flag changes (or adcx/adox: one) */
}

static void test_bmi_size(int bits, const char *name, rr_fn fn)
{
    static const uint64_t ctl[] = {
        0, 1, 4, 8, 31, 32, 33, 63, 64, 200, 0x0408, 0x1004, 0x2010, 0x0820, 0x3f00,
        0xff01, 0xffffffffffffffffull, 0x00ff00ff00ff00ffull, 0xf0f0f0f0f0f0f0f0ull,
    };
    int w = bits / 4;
    for (int i = 0; i < N_ELEM(bit_vals); i++)
        for (int j = 0; j < N_ELEM(ctl); j++)
            for (int c = 0; c < 2; c++) {
                reg_t a = (reg_t)bit_vals[i] & wmask(bits), b = (reg_t)ctl[j] & wmask(bits);
                reg_t fl = c ? F_ALL : 0;
                reg_t r = fn(a, b, &fl);
                printf("%s%d %0*lx,%0*lx fi=%d -> %0*lx fl=%03lx\n", name, bits, w, a, w, b,
                       c, w, r & wmask(bits), fl & bmi_flag_mask(name));
            }
}

/* mulx: edx * src -> hi:lo, flags untouched. */
static void test_mulx(void)
{
    for (int i = 0; i < N_ELEM(bit_vals); i++)
        for (int j = 0; j < N_ELEM(bit_vals); j += 3) {
            unsigned a = (unsigned)bit_vals[i] + i, b = (unsigned)bit_vals[j] - j, lo, hi;
            asm("mulx %[b], %[lo], %[hi]" : [lo] "=&r"(lo), [hi] "=&r"(hi) : [b] "r"(b), "d"(a));
            printf("mulxl %08x,%08x -> %08x:%08x\n", a, b, hi, lo);
#ifdef __x86_64__
            uint64_t a6 = bit_vals[i] + i, b6 = bit_vals[j] - j, lo6, hi6;
            asm("mulx %[b], %[lo], %[hi]" : [lo] "=&r"(lo6), [hi] "=&r"(hi6) : [b] "r"(b6), "d"(a6));
            printf("mulxq %016lx,%016lx -> %016lx:%016lx\n", a6, b6, hi6, lo6);
#endif
        }
}

void test_bitops(void)
{
    test_bt();
    test_scan();
}

void test_bmi(void)
{
    for (int o = 0; o < N_ELEM(bmi_l); o++)
        test_bmi_size(32, bmi_l[o].name, bmi_l[o].fn);
#ifdef __x86_64__
    for (int o = 0; o < N_ELEM(bmi_q); o++)
        test_bmi_size(64, bmi_q[o].name, bmi_q[o].fn);
#endif
    test_mulx();
}

/* --- cmpxchg / xadd / xchg */
#define CMPXCHG_FN(name, insn, mod)                                        \
    static reg_t name(reg_t *mem, reg_t acc, reg_t src, reg_t *flp)        \
    {                                                                      \
        reg_t fl = *flp;                                                   \
        asm volatile(FL_IN insn " %" mod "[s], %[m]" FL_OUT                \
                     : "+a"(acc), [m] "+m"(*mem), [fl] "+r"(fl) : [s] "q"(src) : "cc"); \
        *flp = fl;                                                         \
        return acc;                                                        \
    }
#define XADD_FN(name, insn, mod)                                           \
    static reg_t name(reg_t *mem, reg_t acc, reg_t src, reg_t *flp)        \
    {                                                                      \
        reg_t fl = *flp;                                                   \
        asm volatile(FL_IN insn " %" mod "[s], %[m]" FL_OUT                \
                     : [s] "+q"(src), [m] "+m"(*mem), [fl] "+r"(fl) : : "cc"); \
        *flp = fl;                                                         \
        return src;                                                        \
    }
/* cmpxchg register-register: dest is a register */
#define CMPXCHG_RR_FN(name, insn, mod)                                     \
    static reg_t name(reg_t *mem, reg_t acc, reg_t src, reg_t *flp)        \
    {                                                                      \
        reg_t fl = *flp, d = *mem;                                         \
        asm volatile(FL_IN insn " %" mod "[s], %" mod "[d]" FL_OUT         \
                     : "+a"(acc), [d] "+q"(d), [fl] "+r"(fl) : [s] "q"(src) : "cc"); \
        *flp = fl;                                                         \
        *mem = d;                                                          \
        return acc;                                                        \
    }
#define ATOMIC_OPS(X, sfx, mod)                                            \
    X(CMPXCHG_FN, cmpxchg##sfx, "cmpxchg", mod)                            \
    X(CMPXCHG_FN, lock_cmpxchg##sfx, "lock cmpxchg", mod)                  \
    X(CMPXCHG_RR_FN, cmpxchg_rr##sfx, "cmpxchg", mod)                      \
    X(XADD_FN, xadd##sfx, "xadd", mod) X(XADD_FN, lock_xadd##sfx, "lock xadd", mod) \
    X(XADD_FN, xchg##sfx, "xchg", mod)
ATOMIC_OPS(BMI_DEF, _b, "b") ATOMIC_OPS(BMI_DEF, _w, "w") ATOMIC_OPS(BMI_DEF, _l, "k")
#ifdef __x86_64__
ATOMIC_OPS(BMI_DEF, _q, "q")
#endif
typedef reg_t (*atomic_fn)(reg_t *, reg_t, reg_t, reg_t *);
#define AT_ROW(kind, name, insn, mod) { #name, name },
static const struct { const char *name; atomic_fn fn; } atomic_ops[][6] = {
    { ATOMIC_OPS(AT_ROW, _b, "b") }, { ATOMIC_OPS(AT_ROW, _w, "w") },
    { ATOMIC_OPS(AT_ROW, _l, "k") },
#ifdef __x86_64__
    { ATOMIC_OPS(AT_ROW, _q, "q") },
#endif
};

void test_atomic(void)
{
    static const uint64_t v[] = { 0, 1, 0x7f, 0x80, 0xffffffffffffffffull,
                                  0x8000000080008080ull, 0x123456789abcdef0ull };
    for (int s = 0; s < N_ELEM(atomic_ops); s++) {
        int bits = 8 << s, w = bits / 4;
        for (int o = 0; o < 6; o++)
            for (int i = 0; i < N_ELEM(v); i++)
                for (int j = 0; j < N_ELEM(v); j++)
                    for (int k = 0; k < 2; k++) {
                        /* k=0: accumulator equals memory, k=1: it differs */
                        reg_t m = (reg_t)v[i], acc = k ? (reg_t)v[j] : m, src = (reg_t)v[j] + 3;
                        reg_t fl = 0;
                        acc = atomic_ops[s][o].fn(&m, acc, src, &fl);
                        printf("%s %0*lx,%d,%0*lx -> m=%0*lx r=%0*lx fl=%03lx\n",
                               atomic_ops[s][o].name, w, (reg_t)v[i] & wmask(bits), k,
                               w, src & wmask(bits), w, m & wmask(bits), w, acc & wmask(bits),
                               fl & F_ALL);
                    }
    }
    /* cmpxchg8b (and cmpxchg16b): edx:eax vs m64, ecx:ebx stored when equal */
    for (int k = 0; k < 4; k++) {
        uint64_t m = 0x1122334455667788ull, cmp = k & 1 ? m : 0x1122334455667789ull;
        uint64_t nv = 0xa0b0c0d0e0f00010ull;
        uint32_t lo = (uint32_t)cmp, hi = cmp >> 32;
        reg_t fl = k & 2 ? F_ALL : 0;
        asm volatile(FL_IN "lock cmpxchg8b %[m]" FL_OUT
                     : "+a"(lo), "+d"(hi), [m] "+m"(m), [fl] "+r"(fl)
                     : "b"((uint32_t)nv), "c"((uint32_t)(nv >> 32)) : "cc");
        printf("cmpxchg8b eq=%d fi=%d -> m=%016llx edx:eax=%08x%08x fl=%03lx\n", k & 1,
               k >> 1, (unsigned long long)m, hi, lo, fl & F_ALL);
    }
#ifdef __x86_64__
    for (int k = 0; k < 4; k++) {
        static __attribute__((aligned(16))) uint64_t m[2];
        m[0] = 0x1122334455667788ull;
        m[1] = 0x99aabbccddeeff00ull;
        uint64_t lo = m[0], hi = k & 1 ? m[1] : 7;
        reg_t fl = k & 2 ? F_ALL : 0;
        asm volatile(FL_IN "lock cmpxchg16b %[m]" FL_OUT
                     : "+a"(lo), "+d"(hi), [m] "+m"(m), [fl] "+r"(fl)
                     : "b"(0x0102030405060708ull), "c"(0x1112131415161718ull) : "cc");
        printf("cmpxchg16b eq=%d fi=%d -> m=%016lx%016lx rdx:rax=%016lx%016lx fl=%03lx\n",
               k & 1, k >> 1, m[1], m[0], hi, lo, fl & F_ALL);
    }
#endif
}

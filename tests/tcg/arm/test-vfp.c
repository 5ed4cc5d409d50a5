/*
 * tests/tcg/arm/test-vfp.c: VFP arithmetic in each rounding mode
 * (FPSCR.RMode RN, RP, RM, RZ) with the cumulative exception flags:
 * vadd/vsub/vmul/vdiv/vmla/vsqrt (and vfma results) in single and
 * double precision over every pair of fvals.h/dvals, conversions to and
 * from integers (vcvt rounding towards zero, vcvtr with the mode, with
 * saturation), between precisions, and vcmp.  Expected values from
 * ref-vfp.c (the host's IEEE arithmetic mapped to AArch32's rules).
 */
#include "arm-test.h"
#include "fvals.h"
#include "expect-vfp.h"

#define FLAGS_MASK 0x9fu        /* IDC, IXC, UFC, OFC, DZC, IOC */

static float f_of(uint32_t b) { float f; memcpy(&f, &b, 4); return f; }
static uint32_t bits_f(float f) { uint32_t b; memcpy(&b, &f, 4); return b; }
static double d_of(uint64_t b) { double d; memcpy(&d, &b, 8); return d; }
static uint64_t bits_d(double d) { uint64_t b; memcpy(&b, &d, 8); return b; }

typedef uint32_t F32Op(uint32_t a, uint32_t b, uint32_t c, uint32_t fpscr,
                       uint32_t *fl);
typedef uint64_t F64Op(uint64_t a, uint64_t b, uint32_t fpscr, uint32_t *fl);

/* Enter with FPSCR = fpscr, leave with FPSCR = 0; *fl = flags. */
#define F32OP(name, insn) \
static uint32_t g_##name(uint32_t a, uint32_t b, uint32_t c, uint32_t fpscr, \
                         uint32_t *fl) \
{ \
    float fa = f_of(a), fb = f_of(b), fd = f_of(c); \
    uint32_t f; \
    __asm__ volatile("vmsr fpscr, %[m]\n\t" insn "\n\tvmrs %[f], fpscr\n\t" \
                     "vmsr fpscr, %[z]" \
                     : [d] "+t"(fd), [f] "=&r"(f) \
                     : [a] "t"(fa), [b] "t"(fb), [m] "r"(fpscr), [z] "r"(0)); \
    *fl = f & FLAGS_MASK; \
    return bits_f(fd); \
}
#define F64OP(name, insn) \
static uint64_t g_##name(uint64_t a, uint64_t b, uint32_t fpscr, uint32_t *fl) \
{ \
    double da = d_of(a), db = d_of(b), dd = 0; \
    uint32_t f; \
    __asm__ volatile("vmsr fpscr, %[m]\n\t" insn "\n\tvmrs %[f], fpscr\n\t" \
                     "vmsr fpscr, %[z]" \
                     : [d] "+w"(dd), [f] "=&r"(f) \
                     : [a] "w"(da), [b] "w"(db), [m] "r"(fpscr), [z] "r"(0)); \
    *fl = f & FLAGS_MASK; \
    return bits_d(dd); \
}

F32OP(vadd_f32, "vadd.f32 %[d], %[a], %[b]")
F32OP(vsub_f32, "vsub.f32 %[d], %[a], %[b]")
F32OP(vmul_f32, "vmul.f32 %[d], %[a], %[b]")
F32OP(vdiv_f32, "vdiv.f32 %[d], %[a], %[b]")
F32OP(vmla_f32, "vmla.f32 %[d], %[a], %[b]")
F32OP(vfma_f32, "vfma.f32 %[d], %[a], %[b]")
F32OP(vsqrt_f32, "vsqrt.f32 %[d], %[a]")
F32OP(vmls_f32, "vmls.f32 %[d], %[a], %[b]")
F32OP(vnmla_f32, "vnmla.f32 %[d], %[a], %[b]")
F32OP(vnmls_f32, "vnmls.f32 %[d], %[a], %[b]")
F32OP(vnmul_f32, "vnmul.f32 %[d], %[a], %[b]")
F32OP(vfms_f32, "vfms.f32 %[d], %[a], %[b]")
F32OP(vfnma_f32, "vfnma.f32 %[d], %[a], %[b]")
F32OP(vfnms_f32, "vfnms.f32 %[d], %[a], %[b]")
F64OP(vadd_f64, "vadd.f64 %P[d], %P[a], %P[b]")
F64OP(vsub_f64, "vsub.f64 %P[d], %P[a], %P[b]")
F64OP(vmul_f64, "vmul.f64 %P[d], %P[a], %P[b]")
F64OP(vdiv_f64, "vdiv.f64 %P[d], %P[a], %P[b]")
F64OP(vsqrt_f64, "vsqrt.f64 %P[d], %P[a]")

static const char *const mode_name[4] = { "RN", "RP", "RM", "RZ" };

static void run_f32(const char *name, F32Op *op, const uint32_t *exp,
                    int unary, int check_flags)
{
    int m, i, j, k = 0;
    uint32_t r, fl;

    group(name);
    for (m = 0; m < 4; m++) {
        for (i = 0; i < NFVALS; i++) {
            for (j = 0; j < (unary ? 1 : NFVALS); j++, k += 2) {
                r = op(fvals[i], fvals[j], fvals[(i + j) % NFVALS],
                       rmodes[m] << 22, &fl);
                CHECK(r, exp[k], "%s %s 0x%08x, 0x%08x (acc 0x%08x)", name,
                      mode_name[m], fvals[i], fvals[j],
                      fvals[(i + j) % NFVALS]);
                if (check_flags) {
                    CHECK(fl, exp[k + 1], "%s %s 0x%08x, 0x%08x flags", name,
                          mode_name[m], fvals[i], fvals[j]);
                }
            }
        }
    }
    group_end();
}

static void run_f64(const char *name, F64Op *op, const uint32_t *exp,
                    int unary)
{
    int m, i, j, k = 0;
    uint32_t fl;
    uint64_t r;

    group(name);
    for (m = 0; m < 4; m++) {
        for (i = 0; i < NDVALS; i++) {
            for (j = 0; j < (unary ? 1 : NDVALS); j++, k += 3) {
                r = op(dvals[i], dvals[j], rmodes[m] << 22, &fl);
                CHECK(r, exp[k] | (uint64_t)exp[k + 1] << 32,
                      "%s %s 0x%016llx, 0x%016llx", name, mode_name[m],
                      (unsigned long long)dvals[i],
                      (unsigned long long)dvals[j]);
                CHECK(fl, exp[k + 2], "%s %s 0x%016llx, 0x%016llx flags", name,
                      mode_name[m], (unsigned long long)dvals[i],
                      (unsigned long long)dvals[j]);
            }
        }
    }
    group_end();
}

/* A conversion: "insn %[d], %[a]" with d and a of the given types. */
#define CVT(insn, dt, dc, at, ac, in, fpscr, out, fl) do { \
    dt d_ = 0; \
    at a_; \
    uint32_t f_; \
    memcpy(&a_, &(in), sizeof(a_)); \
    __asm__ volatile("vmsr fpscr, %[m]\n\t" insn "\n\tvmrs %[f], fpscr\n\t" \
                     "vmsr fpscr, %[z]" \
                     : [d] "=" dc(d_), [f] "=&r"(f_) \
                     : [a] ac(a_), [m] "r"(fpscr), [z] "r"(0)); \
    memcpy(&(out), &d_, sizeof(d_)); \
    (fl) = f_ & FLAGS_MASK; \
} while (0)

static void test_conversions(void)
{
    int m, i, k;
    uint32_t r, fl;
    uint64_t r64;

    group("vcvt/vcvtr f32 to s32/u32");
    for (m = 0, k = 0; m < 4; m++) {
        for (i = 0; i < NFVALS; i++, k += 4) {
            uint32_t fp = rmodes[m] << 22;
            CVT("vcvtr.s32.f32 %[d], %[a]", float, "t", float, "t", fvals[i],
                fp, r, fl);
            CHECK(r, exp_cvtr_f32[k], "vcvtr.s32.f32 %s 0x%08x", mode_name[m],
                  fvals[i]);
            CHECK(fl, exp_cvtr_f32[k + 1], "vcvtr.s32.f32 %s 0x%08x flags",
                  mode_name[m], fvals[i]);
            CVT("vcvtr.u32.f32 %[d], %[a]", float, "t", float, "t", fvals[i],
                fp, r, fl);
            CHECK(r, exp_cvtr_f32[k + 2], "vcvtr.u32.f32 %s 0x%08x",
                  mode_name[m], fvals[i]);
            CHECK(fl, exp_cvtr_f32[k + 3], "vcvtr.u32.f32 %s 0x%08x flags",
                  mode_name[m], fvals[i]);
            /* vcvt rounds towards zero whatever the mode: the RZ row. */
            CVT("vcvt.s32.f32 %[d], %[a]", float, "t", float, "t", fvals[i],
                fp, r, fl);
            CHECK(r, exp_cvtr_f32[3 * 4 * NFVALS + 4 * i],
                  "vcvt.s32.f32 %s 0x%08x", mode_name[m], fvals[i]);
            CHECK(fl, exp_cvtr_f32[3 * 4 * NFVALS + 4 * i + 1],
                  "vcvt.s32.f32 %s 0x%08x flags", mode_name[m], fvals[i]);
            CVT("vcvt.u32.f32 %[d], %[a]", float, "t", float, "t", fvals[i],
                fp, r, fl);
            CHECK(r, exp_cvtr_f32[3 * 4 * NFVALS + 4 * i + 2],
                  "vcvt.u32.f32 %s 0x%08x", mode_name[m], fvals[i]);
            CHECK(fl, exp_cvtr_f32[3 * 4 * NFVALS + 4 * i + 3],
                  "vcvt.u32.f32 %s 0x%08x flags", mode_name[m], fvals[i]);
        }
    }
    group_end();

    group("vcvt/vcvtr f64 to s32/u32");
    for (m = 0, k = 0; m < 4; m++) {
        for (i = 0; i < NDVALS; i++, k += 4) {
            uint32_t fp = rmodes[m] << 22;
            CVT("vcvtr.s32.f64 %[d], %P[a]", float, "t", double, "w", dvals[i],
                fp, r, fl);
            CHECK(r, exp_cvtr_f64[k], "vcvtr.s32.f64 %s 0x%016llx",
                  mode_name[m], (unsigned long long)dvals[i]);
            CHECK(fl, exp_cvtr_f64[k + 1], "vcvtr.s32.f64 %s 0x%016llx flags",
                  mode_name[m], (unsigned long long)dvals[i]);
            CVT("vcvtr.u32.f64 %[d], %P[a]", float, "t", double, "w", dvals[i],
                fp, r, fl);
            CHECK(r, exp_cvtr_f64[k + 2], "vcvtr.u32.f64 %s 0x%016llx",
                  mode_name[m], (unsigned long long)dvals[i]);
            CHECK(fl, exp_cvtr_f64[k + 3], "vcvtr.u32.f64 %s 0x%016llx flags",
                  mode_name[m], (unsigned long long)dvals[i]);
            CVT("vcvt.s32.f64 %[d], %P[a]", float, "t", double, "w", dvals[i],
                fp, r, fl);
            CHECK(r, exp_cvtr_f64[3 * 4 * NDVALS + 4 * i],
                  "vcvt.s32.f64 %s 0x%016llx", mode_name[m],
                  (unsigned long long)dvals[i]);
        }
    }
    group_end();

    group("vcvt f32 from s32/u32");
    for (m = 0, k = 0; m < 4; m++) {
        for (i = 0; i < NVALS; i++, k += 4) {
            uint32_t fp = rmodes[m] << 22;
            CVT("vcvt.f32.s32 %[d], %[a]", float, "t", float, "t", vals[i],
                fp, r, fl);
            CHECK(r, exp_cvt_from_int[k], "vcvt.f32.s32 %s 0x%08x",
                  mode_name[m], vals[i]);
            CHECK(fl, exp_cvt_from_int[k + 1], "vcvt.f32.s32 %s 0x%08x flags",
                  mode_name[m], vals[i]);
            CVT("vcvt.f32.u32 %[d], %[a]", float, "t", float, "t", vals[i],
                fp, r, fl);
            CHECK(r, exp_cvt_from_int[k + 2], "vcvt.f32.u32 %s 0x%08x",
                  mode_name[m], vals[i]);
            CHECK(fl, exp_cvt_from_int[k + 3], "vcvt.f32.u32 %s 0x%08x flags",
                  mode_name[m], vals[i]);
        }
    }
    group_end();

    group("vcvt between f32 and f64");
    for (m = 0, k = 0; m < 4; m++) {
        for (i = 0; i < NDVALS; i++, k += 2) {
            CVT("vcvt.f32.f64 %[d], %P[a]", float, "t", double, "w", dvals[i],
                rmodes[m] << 22, r, fl);
            CHECK(r, exp_cvt_f32_f64[k], "vcvt.f32.f64 %s 0x%016llx",
                  mode_name[m], (unsigned long long)dvals[i]);
            CHECK(fl, exp_cvt_f32_f64[k + 1], "vcvt.f32.f64 %s 0x%016llx flags",
                  mode_name[m], (unsigned long long)dvals[i]);
        }
    }
    for (i = 0, k = 0; i < NFVALS; i++, k += 3) {
        CVT("vcvt.f64.f32 %P[d], %[a]", double, "w", float, "t", fvals[i],
            0, r64, fl);
        CHECK(r64, exp_cvt_f64_f32[k] | (uint64_t)exp_cvt_f64_f32[k + 1] << 32,
              "vcvt.f64.f32 0x%08x", fvals[i]);
        CHECK(fl, exp_cvt_f64_f32[k + 2], "vcvt.f64.f32 0x%08x flags",
              fvals[i]);
    }
    group_end();
}

static void test_fixed(void)
{
    int m, i, k = 0;
    uint32_t r, fl;

    group("vcvt to and from fixed point (16 fraction bits)");
    for (m = 0; m < 4; m++) {
        for (i = 0; i < NFVALS; i++, k += 4) {
            float d = f_of(fvals[i]);
            uint32_t f;
            __asm__ volatile("vmsr fpscr, %[m]\n\tvcvt.s32.f32 %[d], %[d], #16\n\t"
                             "vmrs %[f], fpscr\n\tvmsr fpscr, %[z]"
                             : [d] "+t"(d), [f] "=&r"(f)
                             : [m] "r"(rmodes[m] << 22), [z] "r"(0));
            r = bits_f(d);
            fl = f & FLAGS_MASK;
            CHECK(r, exp_cvt_fixed[k], "vcvt.s32.f32 #16 %s 0x%08x",
                  mode_name[m], fvals[i]);
            CHECK(fl, exp_cvt_fixed[k + 1], "vcvt.s32.f32 #16 %s 0x%08x flags",
                  mode_name[m], fvals[i]);
            d = f_of(fvals[i]);
            __asm__ volatile("vmsr fpscr, %[m]\n\tvcvt.f32.s32 %[d], %[d], #16\n\t"
                             "vmrs %[f], fpscr\n\tvmsr fpscr, %[z]"
                             : [d] "+t"(d), [f] "=&r"(f)
                             : [m] "r"(rmodes[m] << 22), [z] "r"(0));
            CHECK(bits_f(d), exp_cvt_fixed[k + 2], "vcvt.f32.s32 #16 %s 0x%08x",
                  mode_name[m], fvals[i]);
            CHECK(f & FLAGS_MASK, exp_cvt_fixed[k + 3],
                  "vcvt.f32.s32 #16 %s 0x%08x flags", mode_name[m], fvals[i]);
        }
    }
    group_end();
}

static void test_compare(void)
{
    int i, j, k = 0;
    uint32_t f;

    group("vcmp.f32 NZCV");
    for (i = 0; i < NFVALS; i++) {
        for (j = 0; j < NFVALS; j++, k++) {
            __asm__ volatile("vcmp.f32 %[a], %[b]\n\tvmrs %[f], fpscr"
                             : [f] "=r"(f)
                             : [a] "t"(f_of(fvals[i])), [b] "t"(f_of(fvals[j])));
            CHECK(f >> 28, exp_vcmp_f32[k], "vcmp.f32 0x%08x, 0x%08x",
                  fvals[i], fvals[j]);
        }
    }
    group_end();
}

#define RUN32(name, unary, fl) run_f32(#name, g_##name, exp_##name, unary, fl)
#define RUN64(name, unary) run_f64(#name, g_##name, exp_##name, unary)

int main(void)
{
    RUN32(vadd_f32, 0, 1);
    RUN32(vsub_f32, 0, 1);
    RUN32(vmul_f32, 0, 1);
    RUN32(vdiv_f32, 0, 1);
    RUN32(vmla_f32, 0, 1);
    RUN32(vfma_f32, 0, 0);
    RUN32(vsqrt_f32, 1, 1);
    RUN32(vmls_f32, 0, 1);
    RUN32(vnmla_f32, 0, 1);
    RUN32(vnmls_f32, 0, 1);
    RUN32(vnmul_f32, 0, 1);
    RUN32(vfms_f32, 0, 0);
    RUN32(vfnma_f32, 0, 0);
    RUN32(vfnms_f32, 0, 0);
    RUN64(vadd_f64, 0);
    RUN64(vsub_f64, 0);
    RUN64(vmul_f64, 0);
    RUN64(vdiv_f64, 0);
    RUN64(vsqrt_f64, 1);
    test_conversions();
    test_fixed();
    test_compare();
    return test_exit();
}

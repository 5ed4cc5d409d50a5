/*
 * bench-fpu.c: operations per second of the soft-float library for
 * binary32/binary64 add, mul, div, fma and sqrt, soft path against the
 * host-FPU fast path, and the soft path of the other formats.  Operands
 * are random normal numbers near 1, as in typical guest code; nothing is
 * asserted.  Timed in process CPU time so a busy machine skews the
 * figures less.
 */
#include <stdio.h>
#include <time.h>
#include "fpu/softfloat.h"

#define NVALS 1024
#define ITERS 2000000L

static uint64_t vals64[NVALS];
static uint32_t vals32[NVALS];
static volatile uint64_t sink;

static uint64_t rng = 0x1234567887654321ull;

static uint64_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

enum { OP_ADD, OP_MUL, OP_DIV, OP_FMA, OP_SQRT, OP_COUNT };
static const char *const op_names[OP_COUNT] = {
    "add", "mul", "div", "fma", "sqrt"
};

static double run64(int op, bool soft)
{
    FloatStatus s;
    uint64_t acc = 0;
    double t0, t1;
    long i;

    float_status_init_x86_sse(&s);
    s.soft_only = soft;
    t0 = now();
    for (i = 0; i < ITERS; i++) {
        uint64_t a = vals64[i & (NVALS - 1)];
        uint64_t b = vals64[(i + 1) & (NVALS - 1)];
        uint64_t c = vals64[(i + 2) & (NVALS - 1)];

        switch (op) {
        case OP_ADD:
            acc ^= float64_add(a, b, &s);
            break;
        case OP_MUL:
            acc ^= float64_mul(a, b, &s);
            break;
        case OP_DIV:
            acc ^= float64_div(a, b, &s);
            break;
        case OP_FMA:
            acc ^= float64_muladd(a, b, c, 0, &s);
            break;
        default:
            acc ^= float64_sqrt(a, &s);
            break;
        }
    }
    t1 = now();
    sink = acc;
    return ITERS / (t1 - t0);
}

static double run32(int op, bool soft)
{
    FloatStatus s;
    uint32_t acc = 0;
    double t0, t1;
    long i;

    float_status_init_x86_sse(&s);
    s.soft_only = soft;
    t0 = now();
    for (i = 0; i < ITERS; i++) {
        uint32_t a = vals32[i & (NVALS - 1)];
        uint32_t b = vals32[(i + 1) & (NVALS - 1)];
        uint32_t c = vals32[(i + 2) & (NVALS - 1)];

        switch (op) {
        case OP_ADD:
            acc ^= float32_add(a, b, &s);
            break;
        case OP_MUL:
            acc ^= float32_mul(a, b, &s);
            break;
        case OP_DIV:
            acc ^= float32_div(a, b, &s);
            break;
        case OP_FMA:
            acc ^= float32_muladd(a, b, c, 0, &s);
            break;
        default:
            acc ^= float32_sqrt(a, &s);
            break;
        }
    }
    t1 = now();
    sink = acc;
    return ITERS / (t1 - t0);
}

/* The formats with no fast path: floatx80, float128, float16, bfloat16. */
enum { W_X80, W_F128, W_F16, W_BF16, W_COUNT };
static const char *const wide_names[W_COUNT] = {
    "floatx80", "float128", "float16", "bfloat16"
};

static floatx80 x80_of(uint64_t f64)
{
    FloatStatus s;

    float_status_init_x87(&s);
    return float64_to_floatx80(f64, &s);
}

static float128 q_of(uint64_t f64)
{
    FloatStatus s;

    float_status_init_x86_sse(&s);
    return float64_to_float128(f64, &s);
}

static double run_wide(int op, int fmt)
{
    FloatStatus s;
    uint64_t acc = 0;
    double t0, t1;
    long i, iters = ITERS / 4;

    float_status_init_x87(&s);
    t0 = now();
    for (i = 0; i < iters; i++) {
        uint64_t a = vals64[i & (NVALS - 1)];
        uint64_t b = vals64[(i + 1) & (NVALS - 1)];
        uint64_t c = vals64[(i + 2) & (NVALS - 1)];

        switch (fmt) {
        case W_X80: {
            floatx80 x = x80_of(a), y = x80_of(b), z = x80_of(c), r;
            r = op == OP_ADD ? floatx80_add(x, y, &s)
                : op == OP_MUL ? floatx80_mul(x, y, &s)
                : op == OP_DIV ? floatx80_div(x, y, &s)
                : op == OP_FMA ? floatx80_muladd(x, y, z, 0, &s)
                : floatx80_sqrt(x, &s);
            acc ^= r.low;
            break;
        }
        case W_F128: {
            float128 x = q_of(a), y = q_of(b), z = q_of(c), r;
            r = op == OP_ADD ? float128_add(x, y, &s)
                : op == OP_MUL ? float128_mul(x, y, &s)
                : op == OP_DIV ? float128_div(x, y, &s)
                : op == OP_FMA ? float128_muladd(x, y, z, 0, &s)
                : float128_sqrt(x, &s);
            acc ^= r.low;
            break;
        }
        case W_F16: {
            float16 x = (float16)(a >> 48), y = (float16)(b >> 48);
            float16 z = (float16)(c >> 48);
            acc ^= op == OP_ADD ? float16_add(x, y, &s)
                : op == OP_MUL ? float16_mul(x, y, &s)
                : op == OP_DIV ? float16_div(x, y, &s)
                : op == OP_FMA ? float16_muladd(x, y, z, 0, &s)
                : float16_sqrt(x, &s);
            break;
        }
        default: {
            bfloat16 x = (bfloat16)(a >> 48), y = (bfloat16)(b >> 48);
            bfloat16 z = (bfloat16)(c >> 48);
            acc ^= op == OP_ADD ? bfloat16_add(x, y, &s)
                : op == OP_MUL ? bfloat16_mul(x, y, &s)
                : op == OP_DIV ? bfloat16_div(x, y, &s)
                : op == OP_FMA ? bfloat16_muladd(x, y, z, 0, &s)
                : bfloat16_sqrt(x, &s);
            break;
        }
        }
    }
    t1 = now();
    sink = acc;
    return iters / (t1 - t0);
}

int main(void)
{
    int i, op;

    for (i = 0; i < NVALS; i++) {
        /* positive normals in [2^-8, 2^8): no special cases, sqrt valid */
        vals64[i] = ((uint64_t)(1023 - 8 + rnd() % 16) << 52)
            | (rnd() & 0xfffffffffffffull);
        vals32[i] = ((uint32_t)(127 - 8 + rnd() % 16) << 23)
            | (uint32_t)(rnd() & 0x7fffff);
    }
    printf("fpu bench: million ops/s (soft path / host fast path)\n");
    for (op = 0; op < OP_COUNT; op++) {
        double s64 = run64(op, true), f64 = run64(op, false);
        double s32 = run32(op, true), f32 = run32(op, false);

        printf("  %-5s float32 %7.1f / %7.1f   float64 %7.1f / %7.1f\n",
               op_names[op], s32 / 1e6, f32 / 1e6, s64 / 1e6, f64 / 1e6);
    }
    /* the wide formats include the conversion of the operands */
    printf("fpu bench: million ops/s, soft path only "
           "(floatx80/float128 incl. operand widening)\n");
    for (op = 0; op < OP_COUNT; op++) {
        int w;

        printf("  %-5s", op_names[op]);
        for (w = 0; w < W_COUNT; w++) {
            printf(" %s %6.1f", wide_names[w], run_wide(op, w) / 1e6);
        }
        printf("\n");
    }
    return 0;
}

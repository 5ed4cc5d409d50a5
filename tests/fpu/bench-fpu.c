/*
 * bench-fpu.c: operations per second of the soft-float library for
 * binary32/binary64 add, mul, div, fma and sqrt, soft path against the
 * host-FPU fast path.  Operands are random normal numbers near 1, as in
 * typical guest code; nothing is asserted.  Timed in process CPU time so
 * a busy machine skews the figures less.
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
    return 0;
}

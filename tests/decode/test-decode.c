/*
 * test-decode.c: runs decoders that scripts/decodetree.py generated from
 * tests/decode/succ_*.decode on hand-picked instruction words.
 *
 * Every trans_ callback appends "name(arg=value,...)" to a trace in the
 * DisasContext and returns true unless the test listed its name in
 * ctx->decline.  A case gives the word, the names to decline, the decoder's
 * expected return value and the expected trace, so it checks at once which
 * pattern matched, the field values it extracted, and the order in which a
 * { } group tried its members.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "tests/unit/tap.h"

typedef struct DisasContext {
    char trace[512];
    const char *decline;        /* space-separated callback names */
} DisasContext;

#include "tests/decode/succ_plain.c.inc"
#include "tests/decode/succ_formats.c.inc"
#include "tests/decode/succ_fields.c.inc"
#include "tests/decode/succ_groups.c.inc"
#include "tests/decode/succ_16bit.c.inc"
#include "tests/decode/succ_64bit.c.inc"

/* --- the trace ----------------------------------------------------------- */

static bool declined(DisasContext *ctx, const char *name)
{
    size_t n = strlen(name);
    const char *p = ctx->decline;

    while (p && *p) {
        const char *end = strchr(p, ' ');
        size_t len = end ? (size_t)(end - p) : strlen(p);

        if (len == n && !strncmp(p, name, n)) {
            return true;
        }
        p = end ? end + 1 : NULL;
    }
    return false;
}

static void trace_add(DisasContext *ctx, const char *text)
{
    size_t used = strlen(ctx->trace);

    snprintf(ctx->trace + used, sizeof(ctx->trace) - used, "%s%s",
             used ? " " : "", text);
}

static bool record0(DisasContext *ctx, const char *name)
{
    trace_add(ctx, name);
    return !declined(ctx, name);
}

static bool __attribute__((format(printf, 3, 4)))
record(DisasContext *ctx, const char *name, const char *fmt, ...)
{
    char args[200], text[256];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(args, sizeof(args), fmt, ap);
    va_end(ap);
    snprintf(text, sizeof(text), "%s(%s)", name, args);
    trace_add(ctx, text);
    return !declined(ctx, name);
}

#define TRANS0(prefix, name) \
    static bool prefix##_##name(DisasContext *ctx, arg_##name *a) \
    { \
        return record0(ctx, #name); \
    }

#define TRANS(prefix, name, fmt, ...) \
    static bool prefix##_##name(DisasContext *ctx, arg_##name *a) \
    { \
        return record(ctx, #name, fmt, __VA_ARGS__); \
    }

/* --- succ_plain ---------------------------------------------------------- */

TRANS0(trans, pl_nop)
TRANS0(trans, pl_halt)
TRANS(trans, pl_movi, "rd=%d,imm=%d", a->rd, a->imm)
TRANS(trans, pl_movr, "rd=%d,rs=%d", a->rd, a->rs)
TRANS(trans, pl_neg, "rd=%d,imm=%d", a->rd, a->imm)
TRANS(trans, pl_jmp, "target=%d", a->target)

/* --- succ_formats: AArch64 ----------------------------------------------- */

#define RI_SF "rd=%d,rn=%d,imm=%d,sf=%d,sh=%d"
#define RI_SF_ARGS a->rd, a->rn, a->imm, a->sf, a->sh

/* The MOV (to/from SP) alias only applies when SP is involved. */
static bool trans_MOV_sp(DisasContext *ctx, arg_MOV_sp *a)
{
    return record(ctx, "MOV_sp", RI_SF, RI_SF_ARGS)
           && (a->rd == 31 || a->rn == 31);
}

TRANS(trans, ADD_i, RI_SF, RI_SF_ARGS)
TRANS(trans, ADDS_i, RI_SF, RI_SF_ARGS)
TRANS(trans, SUB_i, RI_SF, RI_SF_ARGS)
TRANS(trans, SUBS_i, RI_SF, RI_SF_ARGS)
TRANS(trans, CMP_i, RI_SF, RI_SF_ARGS)
TRANS(trans, MOV_r, "sf=%d,dst=%d,src=%d", a->sf, a->dst, a->src)
TRANS(trans, ORR_r, "sf=%d,rd=%d,rn=%d,rm=%d", a->sf, a->rd, a->rn, a->rm)
TRANS0(trans, NOP)
TRANS(trans, BRK, "imm=%d", a->imm)

/* --- succ_fields: RV32I -------------------------------------------------- */

static int ex_shift_1(DisasContext *ctx, int x)
{
    return x * 2;
}

static int ex_shift_12(DisasContext *ctx, int x)
{
    return x * 4096;
}

static int ex_seven(DisasContext *ctx, int x)
{
    return x + 7;
}

TRANS(trans, rv_addi, "rd=%d,rs1=%d,imm=%d", a->rd, a->rs1, a->imm)
TRANS(trans, rv_lw, "rd=%d,rs1=%d,imm=%d", a->rd, a->rs1, a->imm)
TRANS(trans, rv_sw, "rs2=%d,rs1=%d,imm=%d", a->rs2, a->rs1, a->imm)
TRANS(trans, rv_beq, "rs1=%d,rs2=%d,imm=%d", a->rs1, a->rs2, a->imm)
TRANS(trans, rv_bne, "rs1=%d,rs2=%d,imm=%d", a->rs1, a->rs2, a->imm)
TRANS(trans, rv_lui, "rd=%d,imm=%d", a->rd, a->imm)
TRANS(trans, rv_jal, "rd=%d,imm=%d", a->rd, a->imm)
TRANS(trans, rv_magic, "k=%d,c=%d,h=%d", a->k, a->c, a->h)
TRANS(trans, rv_custom, "rd=%d,simm=%d", a->rd, a->simm)

/* --- succ_groups --------------------------------------------------------- */

TRANS(trans, g_exact, "r=%d", a->r)
TRANS(trans, g_lo, "r=%d", a->r)
TRANS(trans, g_hi, "r=%d", a->r)
TRANS(trans, g_inner, "r=%d", a->r)
TRANS(trans, g_mid, "r=%d", a->r)
TRANS(trans, g_any, "r=%d", a->r)
TRANS(trans, g_other, "r=%d", a->r)
TRANS(trans, g_x, "r=%d", a->r)
TRANS(trans, g_y, "r=%d", a->r)
TRANS(trans, g_two, "r=%d", a->r)

/* --- succ_16bit: Thumb, generated with --translate=thumb ----------------- */

static int t_times2(DisasContext *ctx, int x)
{
    return x * 2;
}

TRANS(thumb, lsl_i, "rd=%d,rm=%d,imm=%d", a->rd, a->rm, a->imm)
TRANS(thumb, lsr_i, "rd=%d,rm=%d,imm=%d", a->rd, a->rm, a->imm)
TRANS(thumb, mov_i, "rd=%d,imm=%d", a->rd, a->imm)
TRANS(thumb, cmp_i, "rn=%d,imm=%d", a->rn, a->imm)
TRANS(thumb, udf, "imm=%d", a->imm)
TRANS(thumb, svc, "imm=%d", a->imm)
TRANS(thumb, bcond, "cond=%d,imm=%d", a->cond, a->imm)
TRANS(thumb, bal, "off=%d", a->off)
TRANS(thumb, bkpt, "imm=%d", a->imm)
TRANS0(thumb, hint)

/* --- succ_64bit ---------------------------------------------------------- */

TRANS(trans, w_ldi, "rd=%d,imm=%d", a->rd, a->imm)
TRANS(trans, w_add, "rd=%d,rs=%d,rt=%d", a->rd, a->rs, a->rt)
TRANS(trans, w_neg, "r=%d", a->r)
TRANS(trans, w_top, "top=%d", a->top)

/* --- the cases ----------------------------------------------------------- */

static void verdict(const char *decoder, uint64_t insn, const char *decline,
                    DisasContext *ctx, bool got, bool want, const char *trace)
{
    bool ok = got == want && !strcmp(ctx->trace, trace);

    if (!tap_report(ok, "%s 0x%llx%s%s -> %s [%s]", decoder,
                    (unsigned long long)insn, *decline ? " declining " : "",
                    decline, want ? "true" : "false", trace)) {
        tap_diag("got %s [%s]", got ? "true" : "false", ctx->trace);
    }
}

#define CHECK(decoder, insn, names, want, trace) \
    do { \
        DisasContext ctx_ = { .decline = (names) }; \
        bool got_ = decoder(&ctx_, (insn)); \
        verdict(#decoder, (insn), (names), &ctx_, got_, (want), (trace)); \
    } while (0)

static void test_plain(void)
{
    CHECK(decode_plain, 0x00000000, "", true, "pl_nop");
    CHECK(decode_plain, 0xffffffff, "", true, "pl_halt");
    CHECK(decode_plain, 0x1a123456, "", true, "pl_movi(rd=10,imm=1193046)");
    CHECK(decode_plain, 0x2ab12345, "", true, "pl_movr(rd=10,rs=11)");
    CHECK(decode_plain, 0x2ab00000, "", true, "pl_movr(rd=10,rs=11)");
    CHECK(decode_plain, 0x350fffff, "", true, "pl_neg(rd=5,imm=-1)");
    CHECK(decode_plain, 0x35080000, "", true, "pl_neg(rd=5,imm=-524288)");
    CHECK(decode_plain, 0x7fffffff, "", true, "pl_jmp(target=1073741823)");
    CHECK(decode_plain, 0x40000000, "", true, "pl_jmp(target=0)");
    /* Fixed bits that match no pattern. */
    CHECK(decode_plain, 0x35100000, "", false, "");
    CHECK(decode_plain, 0x80000000, "", false, "");
    CHECK(decode_plain, 0x00000001, "", false, "");
    CHECK(decode_plain, 0xfffffffe, "", false, "");
    /* A declining callback makes the decoder return false. */
    CHECK(decode_plain, 0x00000000, "pl_nop", false, "pl_nop");
}

static void test_formats(void)
{
    /* ADD x1, x2, #16: MOV_sp does not match at all (imm != 0). */
    CHECK(decode_formats, 0x91004041, "", true,
          "ADD_i(rd=1,rn=2,imm=16,sf=1,sh=0)");
    /* ADD x1, x2, #0: MOV_sp matches, declines, ADD_i takes it. */
    CHECK(decode_formats, 0x91000041, "", true,
          "MOV_sp(rd=1,rn=2,imm=0,sf=1,sh=0) "
          "ADD_i(rd=1,rn=2,imm=0,sf=1,sh=0)");
    /* MOV sp, x1 (ADD sp, x1, #0): the alias wins. */
    CHECK(decode_formats, 0x9100003f, "", true,
          "MOV_sp(rd=31,rn=1,imm=0,sf=1,sh=0)");
    /* ADD w3, w4, #1, LSL #12 */
    CHECK(decode_formats, 0x11400483, "", true,
          "ADD_i(rd=3,rn=4,imm=1,sf=0,sh=1)");
    /* ADDS x1, x1, #1 */
    CHECK(decode_formats, 0xb1000421, "", true,
          "ADDS_i(rd=1,rn=1,imm=1,sf=1,sh=0)");
    /* SUB x0, x1, #4095 */
    CHECK(decode_formats, 0xd13ffc20, "", true,
          "SUB_i(rd=0,rn=1,imm=4095,sf=1,sh=0)");
    /* SUBS x5, x6, #3 */
    CHECK(decode_formats, 0xf1000cc5, "", true,
          "SUBS_i(rd=5,rn=6,imm=3,sf=1,sh=0)");
    /* CMP x6, #3: the more specific pattern overrides SUBS_i ... */
    CHECK(decode_formats, 0xf1000cdf, "", true,
          "CMP_i(rd=31,rn=6,imm=3,sf=1,sh=0)");
    /* ... unless it declines. */
    CHECK(decode_formats, 0xf1000cdf, "CMP_i", true,
          "CMP_i(rd=31,rn=6,imm=3,sf=1,sh=0) "
          "SUBS_i(rd=31,rn=6,imm=3,sf=1,sh=0)");
    CHECK(decode_formats, 0xf1000cdf, "CMP_i SUBS_i", false,
          "CMP_i(rd=31,rn=6,imm=3,sf=1,sh=0) "
          "SUBS_i(rd=31,rn=6,imm=3,sf=1,sh=0)");
    /* MOV x0, x1 (ORR x0, xzr, x1): renamed members dst/src. */
    CHECK(decode_formats, 0xaa0103e0, "", true, "MOV_r(sf=1,dst=0,src=1)");
    /* ORR w0, w2, w1 */
    CHECK(decode_formats, 0x2a010040, "", true, "ORR_r(sf=0,rd=0,rn=2,rm=1)");
    /* ORR with a shift: outside the fragment. */
    CHECK(decode_formats, 0xaa410040, "", false, "");
    CHECK(decode_formats, 0xd503201f, "", true, "NOP");
    CHECK(decode_formats, 0xd4207d00, "", true, "BRK(imm=1000)");
    CHECK(decode_formats, 0x00000000, "", false, "");
}

static void test_fields(void)
{
    /* addi x1, x2, -1 */
    CHECK(decode_fields, 0xfff10093, "", true, "rv_addi(rd=1,rs1=2,imm=-1)");
    /* lw x5, 2047(x6) */
    CHECK(decode_fields, 0x7ff32283, "", true, "rv_lw(rd=5,rs1=6,imm=2047)");
    /* sw x7, -2048(x8) and sw x7, 20(x8): two segments, signed */
    CHECK(decode_fields, 0x80742023, "", true,
          "rv_sw(rs2=7,rs1=8,imm=-2048)");
    CHECK(decode_fields, 0x00742a23, "", true, "rv_sw(rs2=7,rs1=8,imm=20)");
    /* beq x1, x2, -4: four segments, signed, !function doubles it */
    CHECK(decode_fields, 0xfe208ee3, "", true, "rv_beq(rs1=1,rs2=2,imm=-4)");
    /* bne x3, x4, 2048: only imm[11] set (bit 7 of the word) */
    CHECK(decode_fields, 0x004190e3, "", true,
          "rv_bne(rs1=3,rs2=4,imm=2048)");
    /* lui x10, 0xfffff */
    CHECK(decode_fields, 0xfffff537, "", true, "rv_lui(rd=10,imm=-4096)");
    /* jal x1, 2048 and jal x0, -2 */
    CHECK(decode_fields, 0x001000ef, "", true, "rv_jal(rd=1,imm=2048)");
    CHECK(decode_fields, 0xfffff06f, "", true, "rv_jal(rd=0,imm=-2)");
    /* Field-less %seven, constants -5 and 0x7f. */
    CHECK(decode_fields, 0x0000700b, "", true, "rv_magic(k=7,c=-5,h=127)");
    CHECK(decode_fields, 0xfe00648b, "", true, "rv_custom(rd=9,simm=-1)");
    /* funct3 = 011 with opcode LOAD: not in the fragment */
    CHECK(decode_fields, 0x00003003, "", false, "");
}

static void test_groups(void)
{
    CHECK(decode_groups, 0x10000000, "", true, "g_exact(r=0)");
    CHECK(decode_groups, 0x10000000, "g_exact", true,
          "g_exact(r=0) g_lo(r=0)");
    CHECK(decode_groups, 0x10000000, "g_exact g_lo", true,
          "g_exact(r=0) g_lo(r=0) g_mid(r=0)");
    CHECK(decode_groups, 0x10000000, "g_exact g_lo g_mid", true,
          "g_exact(r=0) g_lo(r=0) g_mid(r=0) g_any(r=0)");
    CHECK(decode_groups, 0x10000000, "g_exact g_lo g_mid g_any", false,
          "g_exact(r=0) g_lo(r=0) g_mid(r=0) g_any(r=0)");
    CHECK(decode_groups, 0x100000f5, "", true, "g_hi(r=117)");
    CHECK(decode_groups, 0x100000f5, "g_hi", true, "g_hi(r=117) g_inner(r=5)");
    CHECK(decode_groups, 0x100000f5, "g_hi g_inner", true,
          "g_hi(r=117) g_inner(r=5) g_mid(r=245)");
    CHECK(decode_groups, 0x100000f5, "g_hi g_inner g_mid", true,
          "g_hi(r=117) g_inner(r=5) g_mid(r=245) g_any(r=245)");
    CHECK(decode_groups, 0x10001234, "", true, "g_mid(r=4660)");
    CHECK(decode_groups, 0x10abcdef, "", true, "g_any(r=11259375)");
    CHECK(decode_groups, 0x2fffffff, "", true, "g_other(r=268435455)");
    CHECK(decode_groups, 0x30000005, "", true, "g_x(r=5)");
    CHECK(decode_groups, 0x38000005, "", true, "g_y(r=5)");
    CHECK(decode_groups, 0x40000007, "", true, "g_two(r=7)");
    CHECK(decode_groups, 0x40000007, "g_two", false, "g_two(r=7) g_two(r=7)");
    CHECK(decode_groups, 0x41000007, "", true, "g_two(r=16777223)");
    CHECK(decode_groups, 0x50000000, "", false, "");
}

static void test_16bit(void)
{
    CHECK(decode_16bit, 0x00d1, "", true, "lsl_i(rd=1,rm=2,imm=3)");
    CHECK(decode_16bit, 0x0fc7, "", true, "lsr_i(rd=7,rm=0,imm=31)");
    CHECK(decode_16bit, 0x25c8, "", true, "mov_i(rd=5,imm=200)");
    CHECK(decode_16bit, 0x2b7f, "", true, "cmp_i(rn=3,imm=127)");
    CHECK(decode_16bit, 0xde12, "", true, "udf(imm=18)");
    CHECK(decode_16bit, 0xde12, "udf", true, "udf(imm=18) bcond(cond=14,imm=18)");
    CHECK(decode_16bit, 0xdf05, "", true, "svc(imm=5)");
    CHECK(decode_16bit, 0xd0fe, "", true, "bcond(cond=0,imm=-2)");
    CHECK(decode_16bit, 0xe7fe, "", true, "bal(off=-4)");
    CHECK(decode_16bit, 0xe3ff, "", true, "bal(off=2046)");
    CHECK(decode_16bit, 0xbeab, "", true, "bkpt(imm=171)");
    CHECK(decode_16bit, 0xbf00, "", true, "hint");
    CHECK(decode_16bit, 0xbf0a, "", true, "hint");
    CHECK(decode_16bit, 0xbf10, "", false, "");
    CHECK(decode_16bit, 0xffff, "", false, "");
}

static void test_64bit(void)
{
    CHECK(decode_64bit, 0xff00123489abcdefull, "", true,
          "w_ldi(rd=18,imm=-1985229329)");
    CHECK(decode_64bit, 0x0101020312345678ull, "", true,
          "w_add(rd=1,rs=2,rt=3)");
    CHECK(decode_64bit, 0x0280000000000000ull, "", true, "w_neg(r=-128)");
    CHECK(decode_64bit, 0x807ff00000000000ull, "", true, "w_top(top=127)");
    CHECK(decode_64bit, 0x807fe00000000000ull, "", false, "");
    CHECK(decode_64bit, 0x4000000000000000ull, "", false, "");
}

int main(void)
{
    test_plain();
    test_formats();
    test_fields();
    test_groups();
    test_16bit();
    test_64bit();
    return tap_exit_status();
}

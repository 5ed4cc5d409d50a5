/*
 * target-arm/translate-a64.c: the A64 (AArch64 EL0) translator: guest
 * instructions to TCG ops.
 *
 * The CPU class (cpu.c) calls a64_translate() for each TB; it runs
 * translator_loop() with the hooks below.  Each instruction is fetched
 * from guest memory (after checking PAGE_EXEC once per TB: a TB never
 * crosses a page), decoded by disas_a64() (generated from a64.decode
 * by scripts/decodetree.py into the build directory) and
 * handed to one trans_<insn>() function in the trans-a64-*.c.inc files,
 * which are #included here so that they share the statics of this file:
 *
 *   trans-a64-int.c.inc     integer data processing (imm and register)
 *   trans-a64-ldst.c.inc    loads, stores, exclusives, LSE atomics
 *   trans-a64-branch.c.inc  branches, exception generation
 *   trans-a64-sys.c.inc     hints, barriers, MRS/MSR, DC/IC
 *   trans-a64-fp.c.inc      scalar floating point
 *   trans-a64-simd.c.inc    AdvSIMD
 *
 * A trans_ function returns false when the encoding is unallocated; the
 * caller then raises EXCP_UDEF with pc at the instruction.
 *
 * Guest state: x0..x30 and SP are i64 globals (cpu_X[31] is SP); the
 * flags are the four i32 globals of cpu.h's lazy representation, so an
 * ADDS costs a few host ops and a compare+branch folds to one compare.
 * The FP/SIMD registers stay in env->vregs and are accessed with
 * ld/st ops on env.
 *
 * System mode (CONFIG_SOFTMMU, qemu-system-aarch64): the TB flags
 * (cpu-sys.h, ARM_TBF_*) give the EL, the MMU indexes of ordinary and
 * unprivileged accesses, the FP enable, PSTATE.IL/SP and SCTLR_EL1.A;
 * instructions are fetched through the code TLB (translator_ldl);
 * EL1-only instructions at EL0, HVC/SMC without PSCI and unknown
 * system registers are UNDEFINED; a disabled FP/SIMD unit traps with
 * EC 0x07.  User-mode translation is unchanged.
 */
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include "exec/translator.h"
#ifdef CONFIG_SOFTMMU
#include "exec/cputlb.h"
#include "cpu-sys.h"
#else
#include "user/guest-mem.h"
#endif
#include "internals.h"
#include "fpsimd.h"

/* -------------------------------------------------------------- globals */

static TCGv_i64 cpu_X[32];
static TCGv_i64 cpu_pc;
static TCGv_i32 cpu_NF, cpu_ZF, cpu_CF, cpu_VF;
static TCGv_i64 cpu_exclusive_addr, cpu_exclusive_val, cpu_exclusive_high;

void a64_translate_init(void)
{
    static const char names[32][4] = {
        "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7",
        "x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15",
        "x16", "x17", "x18", "x19", "x20", "x21", "x22", "x23",
        "x24", "x25", "x26", "x27", "x28", "x29", "lr", "sp",
    };
    int i;

    for (i = 0; i < 32; i++) {
        cpu_X[i] = tcg_global_mem_new_i64(tcg_env(),
                                          offsetof(CPUARMState, xregs[i]),
                                          names[i]);
    }
    cpu_pc = tcg_global_mem_new_i64(tcg_env(), offsetof(CPUARMState, pc),
                                    "pc");
    cpu_NF = tcg_global_mem_new_i32(tcg_env(), offsetof(CPUARMState, NF),
                                    "NF");
    cpu_ZF = tcg_global_mem_new_i32(tcg_env(), offsetof(CPUARMState, ZF),
                                    "ZF");
    cpu_CF = tcg_global_mem_new_i32(tcg_env(), offsetof(CPUARMState, CF),
                                    "CF");
    cpu_VF = tcg_global_mem_new_i32(tcg_env(), offsetof(CPUARMState, VF),
                                    "VF");
    cpu_exclusive_addr = tcg_global_mem_new_i64(
        tcg_env(), offsetof(CPUARMState, exclusive_addr), "excl_addr");
    cpu_exclusive_val = tcg_global_mem_new_i64(
        tcg_env(), offsetof(CPUARMState, exclusive_val), "excl_val");
    cpu_exclusive_high = tcg_global_mem_new_i64(
        tcg_env(), offsetof(CPUARMState, exclusive_high), "excl_high");
}

/* ------------------------------------------------------------- context */

typedef struct DisasContext {
    DisasContextBase base;
    uint64_t pc_curr;        /* address of the instruction being translated */
    uint32_t insn;
    uint32_t hwcap;          /* features of the model (HWCAP_* bits) */
    ARMCPU *cpu;
    /* System mode: from the TB flags (cpu-sys.h). */
    int el;
    int mem_idx;             /* ordinary loads and stores */
    int unpriv_idx;          /* LDTR/STTR */
    bool fp_ok;              /* CPACR_EL1.FPEN allows FP/SIMD here */
    bool il;                 /* PSTATE.IL */
    bool align;              /* SCTLR_EL1.A */
    bool spsel;              /* PSTATE.SP */
} DisasContext;

/*
 * The MMU index and alignment requirement of the access being
 * translated (system mode; translation is single-threaded), so the
 * load/store generators need no context argument.
 */
#ifdef CONFIG_SOFTMMU
static int a64_mem_idx;
static MemOp a64_align;
#endif

#define DISAS_JUMP_PC   DISAS_TARGET_0  /* pc stored: lookup and go */
#define DISAS_EXIT      (DISAS_TARGET_0 + 1)  /* pc stored: back to loop */

#define REQUIRE_FEATURE(ctx, bit) \
    do { if (!((ctx)->hwcap & (bit))) { return false; } } while (0)

/* Bit fields of the current instruction. */
static inline uint32_t extract32(uint32_t v, int pos, int len)
{
    return (v >> pos) & (len == 32 ? ~0u : (1u << len) - 1);
}

static inline int32_t sextract32(uint32_t v, int pos, int len)
{
    return (int32_t)(v << (32 - pos - len)) >> (32 - len);
}

/* ------------------------------------------------------- helper calls */

static void gen_call(const TCGHelperInfo *info, TCGTemp *ret, int n, ...)
{
    TCGTemp *args[TCG_MAX_HELPER_ARGS];
    va_list ap;
    int i;

    va_start(ap, n);
    for (i = 0; i < n; i++) {
        args[i] = va_arg(ap, TCGTemp *);
    }
    va_end(ap);
    tcg_gen_call(info, ret, args);
}

#define T64(v)  tcgv_i64_temp(v)
#define TENV    tcgv_ptr_temp(tcg_env())
#define CONST64(x) tcgv_i64_temp(tcg_constant_i64(x))

/* ------------------------------------------------------ register access */

/* Xn where 31 means XZR: reads as zero. */
static TCGv_i64 read_x(int r)
{
    return r == 31 ? tcg_constant_i64(0) : cpu_X[r];
}

/* Xn where 31 means SP. */
static TCGv_i64 read_xsp(int r)
{
    return cpu_X[r];
}

/* Write Xd/Wd (31 = XZR: discarded); a W write zeroes the top half. */
static void write_x(int rd, TCGv_i64 v, bool sf)
{
    if (rd == 31) {
        return;
    }
    if (sf) {
        tcg_gen_mov_i64(cpu_X[rd], v);
    } else {
        tcg_gen_ext32u_i64(cpu_X[rd], v);
    }
}

/* Write Xd/Wd where 31 is SP. */
static void write_xsp(int rd, TCGv_i64 v, bool sf)
{
    if (sf) {
        tcg_gen_mov_i64(cpu_X[rd], v);
    } else {
        tcg_gen_ext32u_i64(cpu_X[rd], v);
    }
}

static intptr_t vreg_ofs(int r, int half)
{
    return offsetof(CPUARMState, vregs[r].d[half]);
}

static void read_vreg64(TCGv_i64 dst, int r, int half)
{
    tcg_gen_ld_i64(dst, tcg_env(), vreg_ofs(r, half));
}

static void write_vreg64(TCGv_i64 v, int r, int half)
{
    tcg_gen_st_i64(v, tcg_env(), vreg_ofs(r, half));
}

static void clear_vreg_high(int r)
{
    tcg_gen_st_i64(tcg_constant_i64(0), tcg_env(), vreg_ofs(r, 1));
}

/* ---------------------------------------------------------------- flags */

/* N and Z from a 64-bit (sf) or 32-bit result. */
static void gen_set_nz(TCGv_i64 res, bool sf)
{
    if (sf) {
        tcg_gen_extr_i64_i32(cpu_ZF, cpu_NF, res);
        tcg_gen_or_i32(cpu_ZF, cpu_ZF, cpu_NF);
    } else {
        tcg_gen_extrl_i64_i32(cpu_NF, res);
        tcg_gen_mov_i32(cpu_ZF, cpu_NF);
    }
}

static void gen_logic_flags(TCGv_i64 res, bool sf)
{
    gen_set_nz(res, sf);
    tcg_gen_movi_i32(cpu_CF, 0);
    tcg_gen_movi_i32(cpu_VF, 0);
}

/*
 * dst = a + b + carry_in (carry_in: NULL for 0, else an i32 0/1),
 * setting NZCV.  dst may not alias a or b.
 */
static void gen_add_cc(TCGv_i64 dst, TCGv_i64 a, TCGv_i64 b,
                       TCGv_i32 cin, bool sf)
{
    if (sf) {
        TCGv_i64 carry = tcg_temp_new_i64();
        TCGv_i64 zero = tcg_constant_i64(0);
        TCGv_i64 t = tcg_temp_new_i64();

        if (cin) {
            TCGv_i64 c = tcg_temp_new_i64();
            tcg_gen_extu_i32_i64(c, cin);
            tcg_gen_add2_i64(dst, carry, a, zero, c, zero);
            tcg_gen_add2_i64(dst, carry, dst, carry, b, zero);
        } else {
            tcg_gen_add2_i64(dst, carry, a, zero, b, zero);
        }
        tcg_gen_extrl_i64_i32(cpu_CF, carry);
        gen_set_nz(dst, true);
        tcg_gen_xor_i64(carry, dst, a);
        tcg_gen_xor_i64(t, a, b);
        tcg_gen_andc_i64(carry, carry, t);
        tcg_gen_extrh_i64_i32(cpu_VF, carry);
    } else {
        TCGv_i32 a32 = tcg_temp_new_i32(), b32 = tcg_temp_new_i32();
        TCGv_i32 r = tcg_temp_new_i32(), t = tcg_temp_new_i32();
        TCGv_i32 zero = tcg_constant_i32(0);

        tcg_gen_extrl_i64_i32(a32, a);
        tcg_gen_extrl_i64_i32(b32, b);
        if (cin) {
            tcg_gen_add2_i32(r, t, a32, zero, cin, zero);
            tcg_gen_add2_i32(r, cpu_CF, r, t, b32, zero);
        } else {
            tcg_gen_add2_i32(r, cpu_CF, a32, zero, b32, zero);
        }
        tcg_gen_mov_i32(cpu_NF, r);
        tcg_gen_mov_i32(cpu_ZF, r);
        tcg_gen_xor_i32(cpu_VF, r, a32);
        tcg_gen_xor_i32(t, a32, b32);
        tcg_gen_andc_i32(cpu_VF, cpu_VF, t);
        tcg_gen_extu_i32_i64(dst, r);
    }
}

/* dst = a - b setting NZCV (C = no borrow).  dst may not alias a or b. */
static void gen_sub_cc(TCGv_i64 dst, TCGv_i64 a, TCGv_i64 b, bool sf)
{
    if (sf) {
        TCGv_i64 t = tcg_temp_new_i64(), v = tcg_temp_new_i64();

        tcg_gen_sub_i64(dst, a, b);
        gen_set_nz(dst, true);
        tcg_gen_setcond_i64(TCG_COND_GEU, t, a, b);
        tcg_gen_extrl_i64_i32(cpu_CF, t);
        tcg_gen_xor_i64(v, dst, a);
        tcg_gen_xor_i64(t, a, b);
        tcg_gen_and_i64(v, v, t);
        tcg_gen_extrh_i64_i32(cpu_VF, v);
    } else {
        TCGv_i32 a32 = tcg_temp_new_i32(), b32 = tcg_temp_new_i32();
        TCGv_i32 r = tcg_temp_new_i32(), t = tcg_temp_new_i32();

        tcg_gen_extrl_i64_i32(a32, a);
        tcg_gen_extrl_i64_i32(b32, b);
        tcg_gen_sub_i32(r, a32, b32);
        tcg_gen_mov_i32(cpu_NF, r);
        tcg_gen_mov_i32(cpu_ZF, r);
        tcg_gen_setcond_i32(TCG_COND_GEU, cpu_CF, a32, b32);
        tcg_gen_xor_i32(cpu_VF, r, a32);
        tcg_gen_xor_i32(t, a32, b32);
        tcg_gen_and_i32(cpu_VF, cpu_VF, t);
        tcg_gen_extu_i32_i64(dst, r);
    }
}

/* ----------------------------------------------------------- conditions */

typedef struct DisasCompare {
    TCGCond cond;            /* holds when (value cond 0) */
    TCGv_i32 value;
} DisasCompare;

/* The condition code cc (0..15) as a comparison of one i32 with zero. */
static void gen_test_cc(DisasCompare *c, int cc)
{
    TCGv_i32 t;

    switch (cc >> 1) {
    case 0:                               /* EQ: Z */
        c->cond = TCG_COND_EQ;
        c->value = cpu_ZF;
        break;
    case 1:                               /* CS: C */
        c->cond = TCG_COND_NE;
        c->value = cpu_CF;
        break;
    case 2:                               /* MI: N */
        c->cond = TCG_COND_LT;
        c->value = cpu_NF;
        break;
    case 3:                               /* VS: V */
        c->cond = TCG_COND_LT;
        c->value = cpu_VF;
        break;
    case 4:                               /* HI: C && !Z */
        t = tcg_temp_new_i32();
        tcg_gen_neg_i32(t, cpu_CF);
        tcg_gen_and_i32(t, t, cpu_ZF);
        c->cond = TCG_COND_NE;
        c->value = t;
        break;
    case 5:                               /* GE: N == V */
        t = tcg_temp_new_i32();
        tcg_gen_xor_i32(t, cpu_VF, cpu_NF);
        c->cond = TCG_COND_GE;
        c->value = t;
        break;
    case 6:                               /* GT: !Z && N == V */
        t = tcg_temp_new_i32();
        tcg_gen_xor_i32(t, cpu_VF, cpu_NF);
        tcg_gen_sari_i32(t, t, 31);
        tcg_gen_andc_i32(t, cpu_ZF, t);
        c->cond = TCG_COND_NE;
        c->value = t;
        break;
    default:                              /* AL, NV */
        c->cond = TCG_COND_ALWAYS;
        c->value = cpu_ZF;
        return;
    }
    if (cc & 1) {
        c->cond = tcg_invert_cond(c->cond);
    }
}

/* ---------------------------------------------------- exceptions, jumps */

static void gen_exception(DisasContext *ctx, int excp, uint32_t syndrome,
                          uint64_t pc)
{
    tcg_gen_movi_i64(cpu_pc, pc);
    gen_call(&helper_info_raise, NULL, 3, TENV, CONST64(excp),
             CONST64(syndrome));
    ctx->base.is_jmp = DISAS_NORETURN;
}

static void gen_udef(DisasContext *ctx)
{
    /* ESR EC 0 (unknown reason), IL set */
    gen_exception(ctx, EXCP_UDEF, 1u << 25, ctx->pc_curr);
}

#ifdef CONFIG_SOFTMMU
/* A synchronous exception to EL1 at the current instruction. */
static void gen_sync_exception(DisasContext *ctx, uint32_t esr)
{
    gen_exception(ctx, EXCP_ARM_SYNC, esr, ctx->pc_curr);
}

/* FP/SIMD disabled by CPACR_EL1.FPEN: EC 0x07. */
static bool gen_fp_trap(DisasContext *ctx)
{
    gen_sync_exception(ctx, arm_esr_fp_access());
    return true;
}
#endif

static void gen_goto_tb(DisasContext *ctx, int n, uint64_t dest)
{
    if (translator_use_goto_tb(&ctx->base, dest)) {
        tcg_gen_goto_tb(n);
        tcg_gen_movi_i64(cpu_pc, dest);
        tcg_gen_exit_tb(ctx->base.tb, n);
    } else {
        tcg_gen_movi_i64(cpu_pc, dest);
        tcg_gen_lookup_and_goto_ptr(T64(cpu_pc));
    }
    ctx->base.is_jmp = DISAS_NORETURN;
}

/* ------------------------------------------------------------- pieces */

/* The generated decoder (from a64.decode) and its field helpers. */
static int times_4(DisasContext *ctx, int x)
{
    return x * 4;
}

#include "decode-a64.c.inc"

#include "trans-a64-int.c.inc"
#include "trans-a64-ldst.c.inc"
#include "trans-a64-branch.c.inc"
#include "trans-a64-sys.c.inc"
#include "trans-a64-fp.c.inc"
#include "trans-a64-simd.c.inc"
#include "trans-a64-vec.c.inc"
#include "trans-a64-crypto.c.inc"

/* ------------------------------------------------------ translator hooks */

static void a64_init_disas_context(DisasContextBase *db, CPUState *cs)
{
    DisasContext *ctx = (DisasContext *)db;

    ctx->cpu = (ARMCPU *)cs;
    ctx->hwcap = ctx->cpu->hwcap;
#ifdef CONFIG_SOFTMMU
    {
        uint32_t f = db->tb->flags;

        ctx->el = (f >> ARM_TBF_EL_SHIFT) & 3;
        ctx->mem_idx = (f >> ARM_TBF_MMUIDX_SHIFT) & 7;
        ctx->unpriv_idx = (f >> ARM_TBF_UNPRIV_SHIFT) & 7;
        ctx->fp_ok = f & ARM_TBF_FP;
        ctx->il = f & ARM_TBF_IL;
        ctx->align = f & ARM_TBF_ALIGN;
        ctx->spsel = f & ARM_TBF_SPSEL;
        a64_mem_idx = ctx->mem_idx;
        a64_align = ctx->align ? MO_ALIGN : 0;
    }
#endif
}

static void a64_tb_start(DisasContextBase *db, CPUState *cs)
{
}

static void a64_insn_start(DisasContextBase *db, CPUState *cs)
{
    uint64_t words[1] = { db->pc_next };

    tcg_gen_insn_start(words);
}

static void a64_translate_insn(DisasContextBase *db, CPUState *cs)
{
    DisasContext *ctx = (DisasContext *)db;
    uint64_t pc = db->pc_next;
    uint32_t insn;

    ctx->pc_curr = pc;
#ifdef CONFIG_SOFTMMU
    a64_mem_idx = ctx->mem_idx;
    if (pc & 3) {
        tcg_gen_st_i64(tcg_constant_i64(pc), tcg_env(),
                       offsetof(CPUARMState, exception.vaddress));
        gen_sync_exception(ctx, arm_esr_pc_align());
        return;
    }
    if (ctx->il) {
        /* After an illegal exception return: EC 0x0e on any insn */
        gen_sync_exception(ctx, arm_esr_illegal_state());
        return;
    }
    insn = translator_ldl(cs, db, pc);
    ctx->insn = insn;
    db->pc_next = pc + 4;
    /* op0 = x11x: SIMD&FP data processing and loads/stores */
    if (!ctx->fp_ok && (insn & 0x0c000000u) == 0x0c000000u) {
        gen_fp_trap(ctx);
        return;
    }
    if (!disas_a64(ctx, insn)) {
        gen_udef(ctx);
    }
#else
    if (pc & 3) {
        /* PC alignment fault: SIGBUS at the bad pc */
        tcg_gen_st_i64(tcg_constant_i64(pc), tcg_env(),
                       offsetof(CPUARMState, exception.vaddress));
        gen_exception(ctx, EXCP_UNALIGNED, 0x22u << 26, pc);
        return;
    }
    /* A TB stays within one page: check the first instruction's page. */
    if (db->num_insns == 1 && !(page_get_flags(pc) & PAGE_EXEC)) {
        tcg_gen_st_i64(tcg_constant_i64(pc), tcg_env(),
                       offsetof(CPUARMState, exception.vaddress));
        gen_exception(ctx, EXCP_PREFETCH_ABORT, 0x20u << 26, pc);
        return;
    }
    memcpy(&insn, g2h(pc), 4);              /* A64 code is little-endian */
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    insn = __builtin_bswap32(insn);
#endif
    ctx->insn = insn;
    db->pc_next = pc + 4;

    if (!disas_a64(ctx, insn)) {
        gen_udef(ctx);
    }
#endif
}

static void a64_tb_stop(DisasContextBase *db, CPUState *cs)
{
    DisasContext *ctx = (DisasContext *)db;

    switch ((int)db->is_jmp) {
    case DISAS_NEXT:
    case DISAS_TOO_MANY:
        gen_goto_tb(ctx, 0, db->pc_next);
        break;
    case DISAS_JUMP_PC:
        tcg_gen_lookup_and_goto_ptr(T64(cpu_pc));
        break;
    case DISAS_EXIT:
        tcg_gen_exit_tb(NULL, 0);
        break;
    default:
        break;
    }
}

static const TranslatorOps a64_translator_ops = {
    .init_disas_context = a64_init_disas_context,
    .tb_start = a64_tb_start,
    .insn_start = a64_insn_start,
    .translate_insn = a64_translate_insn,
    .tb_stop = a64_tb_stop,
};

void a64_translate(CPUState *cs, TranslationBlock *tb, int max_insns)
{
    DisasContext ctx;

    memset(&ctx, 0, sizeof(ctx));
    translator_loop(cs, tb, max_insns, &a64_translator_ops, &ctx.base);
}

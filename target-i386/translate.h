/*
 * target-i386/translate.h: what the parts of the x86 translator share.
 *
 * translate.c owns the TB loop, the prefix/REX/VEX and ModRM decoding,
 * the integer instructions and the lazy flags; it hands whole opcode
 * groups to the other parts through the entry points at the end of this
 * file:
 *
 *   translate.c        one-byte map, integer 0F-map opcodes, flags
 *   trans-int.c.inc    string ops, BCD, bit ops, shifts and rotates,
 *                      mul/div, cmpxchg, BMI/ADX, system-ish integer
 *   trans-x87.c.inc    D8..DF (x87), fxsave/xsave family
 *   trans-sse-int.c.inc  MMX, SSE* integer and data movement, AES,
 *                      PCLMUL, SSE4.2 strings, and their VEX forms
 *   trans-sse-fp.c.inc   SSE* floating point, MXCSR, FMA, F16C, and
 *                      their VEX forms
 *
 * The .c.inc files are #included by translate.c (they share its statics);
 * this header is the contract between them.  Run-time helpers live in
 * *_helper.c files and are reached through TCGHelperInfo descriptors,
 * which each .c.inc file declares (extern) for its own helpers.
 *
 * Addresses: every guest address computed here is a linear address
 * (segment base already added, truncated to the address size), ready for
 * qemu_ld/st, which take it as an i64.
 */
#ifndef TARGET_I386_TRANSLATE_H
#define TARGET_I386_TRANSLATE_H

#include <stdarg.h>
#include <setjmp.h>

#include "exec/translator.h"
#include "cpu.h"

/* Prefixes of the current instruction (DisasContext.prefix). */
#define PREFIX_REPZ   0x01     /* F3 (or VEX.pp = 2) */
#define PREFIX_REPNZ  0x02     /* F2 (or VEX.pp = 3) */
#define PREFIX_LOCK   0x04
#define PREFIX_DATA   0x08     /* 66 (or VEX.pp = 1) */
#define PREFIX_ADR    0x10     /* 67 */
#define PREFIX_VEX    0x20     /* VEX-encoded (C4/C5) */
#define PREFIX_REX    0x40     /* a REX byte was present */

/* The mmu index user-mode accesses use. */
#define MMU_USER_IDX  0

typedef struct DisasContext {
    DisasContextBase base;
    X86CPU *cpu;
    const uint32_t *features;  /* cpu->features: what is implemented */

    uint64_t pc_start;         /* linear address of this insn's 1st byte */
    uint64_t pc;               /* linear address of the next byte to fetch */
    uint64_t cs_base;
    uint32_t flags;            /* tb->flags (HF_*) */
    bool code64;               /* 64-bit mode */
    bool code32;               /* CS.D (or 64-bit mode) */
    bool ss32;
    bool addseg;               /* add DS/ES/SS bases (non-flat segments) */
    bool vm86;

    /* Decoded prefixes of the current instruction. */
    int prefix;                /* PREFIX_* */
    int override;              /* segment override R_ES..R_GS, or -1 */
    int rex_r, rex_x, rex_b;   /* 0 or 8: REX (or VEX) register extensions */
    bool rex_w;                /* REX.W / VEX.W */
    int vex_l;                 /* VEX.L: 0 = 128-bit, 1 = 256-bit */
    int vex_v;                 /* VEX.vvvv as a register number (0..15) */
    MemOp dflag;               /* operand size: MO_16, MO_32 or MO_64 */
    MemOp aflag;               /* address size: MO_16, MO_32 or MO_64 */
    /*
     * Bytes of immediate that follow the ModRM/SIB/displacement bytes,
     * set before gen_lea_modrm so RIP-relative addresses are taken from
     * the end of the instruction.
     */
    int rip_offset;

    /* Lazy flags as known at this point of the TB. */
    CCOp cc_op;
    bool cc_op_dirty;          /* env->cc_op not yet written */
    /* env->cc_op when the TB was translated: the likely entry value, so a
     * flags read before any write tests it first (translate.c). */
    CCOp cc_op_entry;

    /* Scratch for the current instruction (i64 EBB temps). */
    TCGv_i64 A0, T0, T1;

    /* Instruction fetch failure (page fault, > 15 bytes): see fetch. */
    sigjmp_buf fetch_fail;
} DisasContext;

/* Extra TB end kinds. */
#define DISAS_EOB_NEXT DISAS_TARGET_0       /* eip stored: end, look up */

#define HAS_FEATURE(s, word, bit) (((s)->features[word] & (bit)) != 0)

/* ------------------------------------------------------- TCG globals */

extern TCGv_i64 cpu_regs[16];
extern TCGv_i64 cpu_eip;   /* only written at TB ends / before helpers */
extern TCGv_i64 cpu_cc_dst, cpu_cc_src, cpu_cc_src2;
extern TCGv_i32 cpu_cc_op;
extern TCGv_i32 cpu_df;    /* +1 / -1 */
extern TCGv_i64 cpu_seg_base[6];

/* ---------------------------------------------------------- fetching */

/*
 * Fetch the next bytes of the instruction and advance s->pc.  A fetch
 * from a page that is not executable, or past 15 bytes, does not return:
 * it longjmps to s->fetch_fail, and translate.c raises #PF (SIGSEGV) or
 * #GP at the instruction.
 */
uint8_t x86_ldub_code(DisasContext *s);
uint16_t x86_lduw_code(DisasContext *s);
uint32_t x86_ldl_code(DisasContext *s);
uint64_t x86_ldq_code(DisasContext *s);
/* The next instruction (same TB, no memory operand) overwrites every
 * arithmetic flag without reading one: this one's flags are dead. */
bool x86_next_insn_sets_flags(DisasContext *s);
/* An immediate of operand size ot (MO_64: 32 bits sign-extended). */
int64_t insn_get_signed(DisasContext *s, MemOp ot);
uint64_t insn_get(DisasContext *s, MemOp ot);   /* zero-extended */

/* -------------------------------------------------------- operands */

static inline int modrm_reg(DisasContext *s, int modrm)
{
    return ((modrm >> 3) & 7) | s->rex_r;
}

static inline int modrm_rm(DisasContext *s, int modrm)
{
    return (modrm & 7) | s->rex_b;
}

static inline bool modrm_is_reg(int modrm)
{
    return (modrm >> 6) == 3;
}

/*
 * The effective address of a memory ModRM operand (mod != 3), consuming
 * the SIB and displacement bytes: into s->A0 as a linear address
 * (segment base added, honouring s->override) by gen_lea_modrm; as the
 * bare offset (no segment) by gen_lea_modrm_offset (LEA, BNDx).
 */
void gen_lea_modrm(DisasContext *s, int modrm);
void gen_lea_modrm_offset(DisasContext *s, int modrm, TCGv_i64 dst);
/* Add the base of segment seg (or the override) to an offset in a0,
 * truncating to the address size: for string ops and xlat. */
void gen_lea_seg(DisasContext *s, TCGv_i64 dst, TCGv_i64 offset,
                 int def_seg, int ovr_seg);

/*
 * General registers.  Byte registers 4..7 without a REX prefix are
 * AH CH DH BH.  Writes of 32 bits zero the upper half (64-bit mode);
 * 8/16-bit writes keep the other bits.
 */
void gen_op_mov_v_reg(DisasContext *s, MemOp ot, TCGv_i64 t, int reg);
void gen_op_mov_reg_v(DisasContext *s, MemOp ot, int reg, TCGv_i64 t);

/* Guest memory at a linear address; ot may carry MO_SIGN / MO_ALIGN. */
void gen_op_ld_v(DisasContext *s, MemOp ot, TCGv_i64 t, TCGv_i64 a0);
void gen_op_st_v(DisasContext *s, MemOp ot, TCGv_i64 t, TCGv_i64 a0);

/*
 * The r/m operand: a register, or memory at gen_lea_modrm (left in
 * s->A0, so a read-modify-write can store back with gen_st_modrm).
 */
void gen_ld_modrm(DisasContext *s, int modrm, MemOp ot, TCGv_i64 t);
void gen_st_modrm(DisasContext *s, int modrm, MemOp ot, TCGv_i64 t);

/* Stack: push/pop with the stack size (64-bit mode: 64 or 16 bits). */
void gen_push_v(DisasContext *s, TCGv_i64 val);   /* size s->dflag */
void gen_pop_T0(DisasContext *s);                 /* into T0, no ESP update */
void gen_pop_update(DisasContext *s, MemOp ot);   /* ESP += size */
MemOp mo_pushpop(DisasContext *s, MemOp ot);      /* the size used */

/*
 * Vector registers live in env: these give their offsets.  mmx_offset
 * is the MMX register (physical x87 register) r.
 */
static inline intptr_t xmm_offset(int r)
{
    return offsetof(CPUX86State, xmm_regs[r]);
}

static inline intptr_t mmx_offset(int r)
{
    return offsetof(CPUX86State, fpregs[r & 7].mmx);
}

/*
 * Memory <-> env at a linear address in s->A0: 8, 16 or 32 bytes.
 * align: true checks natural alignment (movaps etc.) and raises #GP
 * (SIGSEGV) when it fails.
 */
void gen_ldq_env_A0(DisasContext *s, intptr_t offset);
void gen_stq_env_A0(DisasContext *s, intptr_t offset);
void gen_ldo_env_A0(DisasContext *s, intptr_t offset, bool align);
void gen_sto_env_A0(DisasContext *s, intptr_t offset, bool align);
void gen_ldy_env_A0(DisasContext *s, intptr_t offset, bool align);
void gen_sty_env_A0(DisasContext *s, intptr_t offset, bool align);

/* ------------------------------------------------------------- flags */

/* The lazy-flags op after this instruction (stored to env lazily). */
void set_cc_op(DisasContext *s, CCOp op);
/* Write a pending cc_op to env (before a helper that reads it). */
void gen_update_cc_op(DisasContext *s);
/* Materialise all six flags: cc_src = CC_* bits, cc_op = EFLAGS. */
void gen_compute_eflags(DisasContext *s);
/* reg = CF (0 or 1), without disturbing the lazy state. */
void gen_compute_eflags_c(DisasContext *s, TCGv_i64 reg);
/* Branch to l if condition b holds (b = the low nibble of Jcc: 0 = O,
 * 1 = NO, 2 = B, ... 15 = G). */
void gen_jcc1(DisasContext *s, int b, TCGLabel *l);
/* reg = condition b ? 1 : 0. */
void gen_setcc1(DisasContext *s, int b, TCGv_i64 reg);

/* -------------------------------------------------- control, faults */

/* env->eip = this instruction / the next one. */
void gen_update_eip_cur(DisasContext *s);
void gen_update_eip_next(DisasContext *s);
/* Raise exception trapno at this instruction (ends the TB). */
void gen_exception(DisasContext *s, int trapno);
void gen_illegal_opcode(DisasContext *s);      /* #UD -> SIGILL */
void gen_exception_gpf(DisasContext *s);       /* #GP(0) -> SIGSEGV */
/* End the TB after this instruction (state that selects TBs changed). */
void gen_eob(DisasContext *s);
/* Jump to eip + diff (relative branch) with TB chaining. */
void gen_jmp_rel(DisasContext *s, MemOp ot, int64_t diff, int tb_num);

/* Call a helper: n argument temps follow (use T64/TENV/CONST64). */
void gen_helper_call(const TCGHelperInfo *info, TCGTemp *ret, int n, ...);
#define T64(v)      tcgv_i64_temp(v)
#define T32(v)      tcgv_i32_temp(v)
#define TENV        tcgv_ptr_temp(tcg_env())
#define CONST64(x)  tcgv_i64_temp(tcg_constant_i64(x))

/* ------------------------------------------- entry points of the parts */

/*
 * Each returns true when it translated the instruction (or raised an
 * exception for it), false when the opcode is not its own or the
 * encoding is invalid; translate.c then raises #UD.  The opcode bytes
 * (and for x87, the ModRM byte) are already fetched; prefixes are in s.
 */

/* trans-int.c.inc: one-byte-map opcode b (0x00..0xff) or 0F-map
 * opcode 0x100 | b, 0F38-map 0x200 | b, 0F3A-map 0x300 | b. */
bool trans_int_ext(DisasContext *s, int op);

/* trans-x87.c.inc: b = 0xd8..0xdf, modrm fetched; also 0x9b (fwait,
 * modrm = -1). */
bool trans_x87(DisasContext *s, int b, int modrm);
/* trans-x87.c.inc: 0F AE with a memory operand, reg field /0 fxsave,
 * /1 fxrstor, /4 xsave, /5 xrstor, /6 xsaveopt; 0F C7 /4 xsavec. */
bool trans_fpstate(DisasContext *s, int op, int modrm);

/* trans-sse-*.c.inc: map 1 = 0F, 2 = 0F38, 3 = 0F3A; b = opcode byte;
 * mandatory prefix in s->prefix (PREFIX_DATA/REPZ/REPNZ), VEX in
 * PREFIX_VEX with vex_l/vex_v/rex_w. */
bool trans_sse_fp(DisasContext *s, int map, int b);
bool trans_sse_int(DisasContext *s, int map, int b);

/* Added by core: the translator's entry points for cpu.c (CPUClass). */
void x86_translate_init(void);
void x86_translate(CPUState *cs, TranslationBlock *tb, int max_insns);

#endif

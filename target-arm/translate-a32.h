/*
 * target-arm/translate-a32.h: what the parts of the AArch32 translator
 * (qemu-arm: A32 and T32, VFP, Advanced SIMD) share.
 *
 * translate-a32.c owns the TB loop, instruction fetch, conditional
 * execution (A32 cond field, T32 IT blocks), the register, flag, memory
 * and branch primitives declared below, and calls the generated
 * decoders in a fixed order.  Each instruction class lives in its own
 * .c.inc file, #included by translate-a32.c (so they share its statics),
 * with its own .decode files turned into decoders by scripts/decodetree.py:
 *
 *   class                         decoders (.decode file -> function)
 *   -----------------------------------------------------------------
 *   trans-a32-dp.c.inc            a32-dp.decode   -> disas_a32_dp
 *     data processing, multiply,  t32-dp.decode   -> disas_t32_dp
 *     saturating, parallel,       t16-dp.decode   -> disas_t16_dp
 *     bitfield, misc media, IT
 *   trans-a32-ls.c.inc            a32-ls.decode   -> disas_a32_ls
 *     loads/stores, ldm/stm,      t32-ls.decode   -> disas_t32_ls
 *     exclusives, branches,       t16-ls.decode   -> disas_t16_ls
 *     svc/bkpt/udf, barriers,     a32-uncond.decode -> disas_a32_uncond
 *     hints, mrs/msr, mrc/mcr       (cond = 1111 space: blx imm, pld,
 *                                    clrex, dmb/dsb/isb, setend...)
 *   trans-a32-vfp.c.inc           vfp.decode      -> disas_vfp
 *     VFP data processing,        vfp-uncond.decode -> disas_vfp_uncond
 *     vldr/vstr/vldm/vstm,          (vsel, vmaxnm, vrint*, vcvt{a,n,p,m})
 *     vmov core<->fp, vmrs/vmsr
 *   trans-a32-neon3.c.inc         neon-3reg.decode -> disas_neon_3reg
 *     3 same, 3 different, 2 regs and a scalar, SHA-1/SHA-256 3-reg
 *   trans-a32-neon.c.inc          neon-misc.decode -> disas_neon_misc
 *     1 reg + imm, 2 regs + shift, 2 regs misc (incl. AES, SHA 2-reg),
 *     vext, vtbl/vtbx, vdup (scalar)
 *                                 neon-ls.decode  -> disas_neon_ls
 *     vld1..4/vst1..4 (multiple structures, one lane, all lanes)
 *
 * Argument sets shared by an A32 and a T32 file are declared in the A32
 * file and re-declared `!extern` in the T32 one, so both decoders call
 * the same trans_ function (one translation per operation).
 *
 * Decoding order (first decoder returning true wins; all false = UDEF):
 *   A32, cond != 1111: disas_a32_dp, disas_a32_ls, disas_vfp
 *   A32, cond == 1111: disas_a32_uncond, disas_vfp_uncond,
 *                      disas_neon_3reg, disas_neon_misc, disas_neon_ls
 *   T16:               disas_t16_dp, disas_t16_ls
 *   T32:               disas_t32_dp, disas_t32_ls, then the coprocessor
 *                      and SIMD spaces rewritten into their A32 form:
 *     111x 11xx ... (VFP, cond AL)     -> 1110 11xx ... -> disas_vfp /
 *                                         disas_vfp_uncond (T32 bit 28
 *                                         set: 1111 form)
 *     111U 1111 ... (Neon data proc.)  -> 1111 001U ... -> disas_neon_*
 *     1111 1001 ...0 (Neon ld/st)      -> 1111 0100 ...0 -> disas_neon_ls
 *   so the VFP and Neon decoders see A32 encodings only.
 *
 * A trans_ function returns false when the encoding is unallocated or
 * not implemented by the model (REQUIRE_A32_FEAT); the caller raises
 * UDEF with pc at the instruction.  A trans_ that generated nothing
 * useful must still return true when the encoding is valid (e.g. NOPs).
 */
#ifndef TARGET_ARM_TRANSLATE_A32_H
#define TARGET_ARM_TRANSLATE_A32_H

#include <stdarg.h>
#include <stddef.h>

#include "exec/translator.h"
#include "internals.h"

/* ----------------------------------------------------------- context */

typedef struct DisasContext {
    DisasContextBase base;
    ARMCPU *cpu;
    uint64_t features;        /* cpu->a32_features (A32_FEAT_*) */
    uint32_t pc_curr;         /* address of the instruction being translated */
    uint32_t insn;            /* its encoding (T32: hw1 << 16 | hw2) */
    bool thumb;               /* translating T32 */
    bool t32_wide;            /* the T32 instruction is 32 bits long */
    /*
     * IT state of the *current* instruction: condexec_cond is its
     * condition (0..15), condexec_mask the remaining mask as in ITSTATE
     * (0: not in an IT block).  In an IT block the core has already
     * branched over the instruction when its condition fails.
     */
    uint32_t condexec_cond, condexec_mask;
    /*
     * The label conditional execution jumps to when the condition fails
     * (A32 cond, IT block, or T32 B<c>): set by arm_skip_unless(); the
     * core emits it after the instruction.  NULL: unconditional.
     */
    TCGLabel *condlabel;
} DisasContext;

/* The TB ends: pc is already in regs[15] (and thumb bit in env). */
#define DISAS_JUMP      DISAS_TARGET_0    /* lookup_and_goto_ptr */
#define DISAS_EXIT      (DISAS_TARGET_0 + 1)  /* back to the main loop */
#define DISAS_UPDATE    (DISAS_TARGET_0 + 2)  /* pc_next, then exit to loop
                                                 (state changed: setend...) */

#define REQUIRE_A32_FEAT(ctx, f) \
    do { if (!((ctx)->features & (f))) { return false; } } while (0)

/* ------------------------------------------------- guest state globals */

/* r0..r15 as i32 globals; r15 is only written at TB exits (pc). */
static TCGv_i32 cpu_R[16];
/* NZCV as cpu.h's lazy four (N = NF<0, Z = ZF==0, C = CF 0/1, V = VF<0) */
static TCGv_i32 cpu_NF, cpu_ZF, cpu_CF, cpu_VF;
/* The exclusive monitor: address (-1 = clear), value(s) loaded. */
static TCGv_i64 cpu_exclusive_addr, cpu_exclusive_val;

/* ------------------------------------------------------- helper calls */

/* Declare one helper's call descriptor (defined with DEF_HELPER_INFO). */
#define A32_HELPER(name) extern const TCGHelperInfo helper_info_##name

static void gen_call(const TCGHelperInfo *info, TCGTemp *ret, int n, ...);
#define T32V(v)     tcgv_i32_temp(v)
#define T64(v)      tcgv_i64_temp(v)
#define TPTR(v)     tcgv_ptr_temp(v)
#define TENV        tcgv_ptr_temp(tcg_env())
#define CONST32(x)  tcgv_i32_temp(tcg_constant_i32(x))
#define CONST64(x)  tcgv_i64_temp(tcg_constant_i64(x))

/* --------------------------------------------------------- registers */

/* A new temp holding Rn; r15 reads as pc_curr + 8 (A32) or + 4 (T32). */
static TCGv_i32 load_reg(DisasContext *s, int reg);
static void load_reg_var(DisasContext *s, TCGv_i32 dst, int reg);
/* r15 as the Align(PC, 4) base of literal loads and ADR. */
static uint32_t read_pc_aligned(DisasContext *s);

/*
 * Register writes, by the architecture's rules for writing the pc:
 *   store_reg:           r15 = BranchWritePC (no state change)
 *   store_reg_bx:        r15 = ALUWritePC (A32: interworking, T32: branch)
 *   store_reg_from_load: r15 = LoadWritePC (always interworking)
 * A pc write ends the TB (DISAS_JUMP).  Other registers: plain move.
 */
static void store_reg(DisasContext *s, int reg, TCGv_i32 var);
static void store_reg_bx(DisasContext *s, int reg, TCGv_i32 var);
static void store_reg_from_load(DisasContext *s, int reg, TCGv_i32 var);

/* Interworking branch to var (bit 0 = Thumb); ends the TB. */
static void gen_bx(DisasContext *s, TCGv_i32 var);
/* Direct branch to dest in the current state (chains with goto_tb). */
static void gen_jmp(DisasContext *s, uint32_t dest);
/* Direct branch that switches state (blx imm): dest, thumb = to_thumb. */
static void gen_jmp_exchange(DisasContext *s, uint32_t dest, bool to_thumb);

/* --------------------------------------------------------------- flags */

static void gen_logic_CC(TCGv_i32 var);                    /* N, Z */
static void gen_add_CC(TCGv_i32 dst, TCGv_i32 a, TCGv_i32 b);  /* NZCV */
static void gen_sub_CC(TCGv_i32 dst, TCGv_i32 a, TCGv_i32 b);
static void gen_adc_CC(TCGv_i32 dst, TCGv_i32 a, TCGv_i32 b);  /* + CF */
static void gen_sbc_CC(TCGv_i32 dst, TCGv_i32 a, TCGv_i32 b);  /* - !CF */
/* NZCV from bits 31..28 of var (msr, vmrs APSR_nzcv) and back. */
static void gen_set_nzcv(TCGv_i32 var);
static TCGv_i32 gen_get_nzcv(void);

typedef struct DisasCompare {
    TCGCond cond;             /* holds when (value cond 0) */
    TCGv_i32 value;
} DisasCompare;

static void arm_test_cc(DisasCompare *cmp, int cc);
/* Branch to label when condition cc (0..13) holds. */
static void arm_jump_cc(DisasCompare *cmp, TCGLabel *label);
/*
 * Make the rest of this instruction conditional on cc: jump to
 * s->condlabel (created here) when cc fails.  For instructions with
 * their own condition field inside T32 (B<c>) and by the core.
 */
static void arm_skip_unless(DisasContext *s, int cc);

/* -------------------------------------------------------------- memory */

/* The guest is little-endian; MemOp gets MO_TE added by these. */
static void gen_aa32_ld_i32(DisasContext *s, TCGv_i32 val, TCGv_i32 addr,
                            MemOp mop);
static void gen_aa32_st_i32(DisasContext *s, TCGv_i32 val, TCGv_i32 addr,
                            MemOp mop);
static void gen_aa32_ld_i64(DisasContext *s, TCGv_i64 val, TCGv_i32 addr,
                            MemOp mop);
static void gen_aa32_st_i64(DisasContext *s, TCGv_i64 val, TCGv_i32 addr,
                            MemOp mop);
/*
 * Alignment as Linux presents it to user space (SCTLR.A = 0):
 * ldr/str/ldrh/strh/ldrd/strd/ldm/stm and Neon element accesses may be
 * unaligned (the kernel fixes up what hardware would trap); exclusives,
 * VFP vldr/vstr/vldm/vstm (word alignment: the kernel does not fix those
 * up) and Neon accesses with an alignment qualifier must be aligned: pass
 * MO_ALIGN* for those; a misaligned one raises EXCP_UNALIGNED (SIGBUS).
 */

/* ------------------------------------------------------------ exceptions */

/*
 * Raise excp at this instruction (regs[15] = pc_curr, the IT state of
 * this instruction saved) with the syndrome linux-user reads; ends the
 * TB.  gen_exception_insn_next: the same, with pc = the next insn
 * (svc: the return address).
 */
static void gen_exception_insn(DisasContext *s, int excp, uint32_t syndrome);
static void gen_exception_insn_next(DisasContext *s, int excp,
                                    uint32_t syndrome);
static void unallocated_encoding(DisasContext *s);   /* EXCP_UDEF */

/* ------------------------------------------------- VFP / Neon registers */

/* Offsets into env of Sn / Dn / Qn (cpu.h's aliasing onto vregs). */
static inline long vfp_reg_offset(bool dp, unsigned reg)
{
    if (dp) {
        return offsetof(CPUARMState, vregs[reg >> 1].d[reg & 1]);
    }
    return offsetof(CPUARMState, vregs[reg >> 2].d[(reg >> 1) & 1]) +
           (reg & 1) * 4;
}

static inline long neon_full_reg_offset(unsigned dreg)
{
    return vfp_reg_offset(true, dreg);
}

/* Element ele of size (MO_8..MO_64) in Dreg (little-endian host). */
static inline long neon_element_offset(unsigned dreg, int ele, MemOp size)
{
    return neon_full_reg_offset(dreg) + (ele << (size & MO_SIZE));
}

/* D registers above 15 exist only with A32_FEAT_D32: false -> UDEF. */
static bool vfp_dreg_ok(DisasContext *s, unsigned dreg);

#endif

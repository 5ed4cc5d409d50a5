/*
 * target-arm/translate-a32.c: the AArch32 (A32 and T32, PL0) translator
 * of qemu-arm: guest instructions to TCG ops.
 *
 * cpu-a32.c calls a32_translate() for each TB; it runs translator_loop()
 * with the hooks at the end of this file.  This file owns what every
 * instruction class shares (see translate-a32.h for the contract):
 * instruction fetch, conditional execution (the A32 cond field and the
 * T32 IT blocks), the register, flag, memory, branch and exception
 * primitives, and the order in which the generated decoders are tried.
 * The classes live in the trans-a32-*.c.inc files #included below.
 *
 * TB state: the TB flags hold CPSR.T (bit 0) and ITSTATE (bits 15:8),
 * so code in an IT block is translated knowing each instruction's
 * condition.  Each instruction starts with insn_start(pc, ITSTATE), so a
 * fault restores both (cpu-a32.c's restore_state).  ITSTATE advances at
 * translation time as ITAdvance() says; generated code writes
 * env->condexec_bits only at TB exits where it differs from the value
 * the TB was entered with, and before raising an exception.
 *
 * Conditional instructions jump over their body to s->condlabel.  When
 * the body ended the TB (branch, exception, pc write), the not-taken
 * path continues at the next instruction through goto_tb slot 1;
 * direct branches (gen_jmp) use slot 0.
 *
 * Longer TBs: an unconditional direct branch to the TB's own page
 * continues the TB at its target (a32_follow_jump; the TB's size then
 * covers every run it holds, or is 0 when a run lies below its pc, so
 * invalidation stays exact); the first conditional direct branch of a
 * TB leaves through slot 0 when taken and the TB goes on with the
 * not-taken path (after that, the TB ends before the next branch).  A
 * conditional instruction whose body is short straight-line ALU code
 * becomes movconds instead of a branch (a32_cond_to_select), so IT
 * blocks and A32 conditional moves keep the TB one basic block.
 */
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include "exec/translator.h"
#include "user/guest-mem.h"
#include "translate-a32.h"

#define A32_UNUSED __attribute__((unused))

#define A32_MMU_IDX 0

/* TB flags: see the header comment. */
#define A32_TBFLAG_THUMB          1u
#define A32_TBFLAG_CONDEXEC_SHIFT 8

A32_HELPER(dp_raise);        /* helper-a32.c: (env, excp, syndrome) */

/*
 * Translation-time state that does not fit the shared DisasContext:
 * translation runs under the translation lock, one TB at a time.
 */
#define A32_MAX_FOLLOW 6

static struct {
    uint32_t entry_condexec;   /* ITSTATE the TB was entered with */
    bool it_set;               /* the IT insn just set condexec_cond/mask */
    /*
     * Direct unconditional branches to the same page continue the TB at
     * their target: seg_start[] are the starts of the straight-line runs
     * translated before each followed branch, seg_end[] their ends.
     */
    int nfollow;
    unsigned slots;            /* goto_tb slots used (bit n: slot n) */
    uint32_t seg_start[A32_MAX_FOLLOW + 1], seg_end[A32_MAX_FOLLOW + 1];
} a32_tr;

/* ------------------------------------------------------------ globals */

void a32_translate_init(void)
{
    static const char names[16][4] = {
        "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
        "r8", "r9", "r10", "r11", "r12", "sp", "lr", "pc",
    };
    int i;

    for (i = 0; i < 16; i++) {
        cpu_R[i] = tcg_global_mem_new_i32(tcg_env(),
                                          offsetof(CPUARMState, regs[i]),
                                          names[i]);
    }
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
}

/* ------------------------------------------------------- helper calls */

static A32_UNUSED void gen_call(const TCGHelperInfo *info, TCGTemp *ret,
                                int n, ...)
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

/* ------------------------------------------------------------ IT state */

static uint32_t a32_condexec_bits(uint32_t cond, uint32_t mask)
{
    return mask ? (cond << 4) | mask : 0;
}

/* ITSTATE of the current instruction. */
static uint32_t a32_cur_condexec(DisasContext *s)
{
    return a32_condexec_bits(s->condexec_cond, s->condexec_mask);
}

/* ITAdvance(): cond:mask is IT[7:4]:IT[3:0]. */
static void a32_it_advance(uint32_t *cond, uint32_t *mask)
{
    if (*mask == 0) {
        return;
    }
    if ((*mask & 7) == 0) {
        *cond = 0;
        *mask = 0;
        return;
    }
    *cond = (*cond & 0xe) | (*mask >> 3);
    *mask = (*mask << 1) & 0xf;
}

/* ITSTATE after the current instruction (what the next one sees). */
static uint32_t a32_next_condexec(DisasContext *s)
{
    uint32_t cond = s->condexec_cond, mask = s->condexec_mask;

    if (!a32_tr.it_set) {
        a32_it_advance(&cond, &mask);
    }
    return a32_condexec_bits(cond, mask);
}

/* Make env->condexec_bits hold val on this path. */
static void a32_store_condexec(uint32_t val)
{
    if (val != a32_tr.entry_condexec) {
        tcg_gen_st_i32(tcg_constant_i32(val), tcg_env(),
                       offsetof(CPUARMState, condexec_bits));
    }
}

/* --------------------------------------------------------- registers */

static A32_UNUSED void load_reg_var(DisasContext *s, TCGv_i32 dst, int reg)
{
    if (reg == 15) {
        tcg_gen_movi_i32(dst, s->pc_curr + (s->thumb ? 4 : 8));
    } else {
        tcg_gen_mov_i32(dst, cpu_R[reg]);
    }
}

static A32_UNUSED TCGv_i32 load_reg(DisasContext *s, int reg)
{
    TCGv_i32 t = tcg_temp_new_i32();

    load_reg_var(s, t, reg);
    return t;
}

static A32_UNUSED uint32_t read_pc_aligned(DisasContext *s)
{
    return (s->pc_curr + (s->thumb ? 4 : 8)) & ~3u;
}

/* BranchWritePC: A32 word-aligns, T32 halfword-aligns; state unchanged. */
static A32_UNUSED void store_reg(DisasContext *s, int reg, TCGv_i32 var)
{
    if (reg == 15) {
        tcg_gen_andi_i32(cpu_R[15], var, s->thumb ? ~1u : ~3u);
        s->base.is_jmp = DISAS_JUMP;
    } else {
        tcg_gen_mov_i32(cpu_R[reg], var);
    }
}

/* BXWritePC: bit 0 selects the state. */
static A32_UNUSED void gen_bx(DisasContext *s, TCGv_i32 var)
{
    TCGv_i32 t = tcg_temp_new_i32();

    tcg_gen_andi_i32(t, var, 1);
    tcg_gen_st_i32(t, tcg_env(), offsetof(CPUARMState, thumb));
    tcg_gen_andi_i32(cpu_R[15], var, ~1u);
    s->base.is_jmp = DISAS_JUMP;
}

/* ALUWritePC: interworking in A32, a plain branch in T32. */
static A32_UNUSED void store_reg_bx(DisasContext *s, int reg, TCGv_i32 var)
{
    if (reg == 15 && !s->thumb) {
        gen_bx(s, var);
    } else {
        store_reg(s, reg, var);
    }
}

/* LoadWritePC: always interworking. */
static A32_UNUSED void store_reg_from_load(DisasContext *s, int reg,
                                           TCGv_i32 var)
{
    if (reg == 15) {
        gen_bx(s, var);
    } else {
        store_reg(s, reg, var);
    }
}

/* End the TB with a chainable jump to dest (slot n); state is stored. */
static void a32_goto_tb(DisasContext *s, int n, uint32_t dest)
{
    if (a32_tr.slots & (1u << n)) {
        n ^= 1;                           /* a taken branch used it */
    }
    if (!(a32_tr.slots & (1u << n)) &&
        translator_use_goto_tb(&s->base, dest)) {
        a32_tr.slots |= 1u << n;
        tcg_gen_goto_tb(n);
        tcg_gen_movi_i32(cpu_R[15], dest);
        tcg_gen_exit_tb(s->base.tb, n);
    } else {
        tcg_gen_movi_i32(cpu_R[15], dest);
        tcg_gen_lookup_and_goto_ptr(T32V(cpu_R[15]));
    }
}

/*
 * Continue translating at dest instead of ending the TB: dest on the
 * TB's page, outside what this TB already holds, the branch not
 * conditional and not in an IT block, chaining allowed (-d nochain
 * and single-stepping keep one guest block per TB).
 */
static bool a32_follow_jump(DisasContext *s, uint32_t dest)
{
    DisasContextBase *db = &s->base;
    int i, n = a32_tr.nfollow;

    if (s->condlabel || s->condexec_mask || n >= A32_MAX_FOLLOW ||
        (db->tb->cflags & CF_NO_GOTO_TB) ||
        db->num_insns >= db->max_insns - 1 ||
        ((dest ^ db->pc_first) & ~0xfffu) ||
        (dest & 0xfff) > 0xffc) {
        return false;
    }
    a32_tr.seg_end[n] = db->pc_next;
    for (i = 0; i <= n; i++) {
        if (dest >= a32_tr.seg_start[i] && dest < a32_tr.seg_end[i]) {
            return false;
        }
    }
    a32_tr.nfollow = n + 1;
    a32_tr.seg_start[n + 1] = dest;
    db->pc_next = dest;
    return true;
}

static A32_UNUSED void gen_jmp(DisasContext *s, uint32_t dest)
{
    if (a32_follow_jump(s, dest)) {
        return;
    }
    if (s->condlabel && !s->condexec_mask && !(a32_tr.slots & 1) &&
        !(s->base.tb->cflags & CF_NO_GOTO_TB)) {
        /*
         * A conditional branch: the taken path leaves through slot 0,
         * the TB goes on with the not-taken path.
         */
        a32_store_condexec(a32_next_condexec(s));
        a32_goto_tb(s, 0, dest);
        gen_set_label(s->condlabel);
        s->condlabel = NULL;
        return;
    }
    a32_store_condexec(a32_next_condexec(s));
    a32_goto_tb(s, 0, dest);
    s->base.is_jmp = DISAS_NORETURN;
}

static A32_UNUSED void gen_jmp_exchange(DisasContext *s, uint32_t dest,
                                        bool to_thumb)
{
    if (to_thumb == s->thumb) {
        gen_jmp(s, dest);
        return;
    }
    tcg_gen_st_i32(tcg_constant_i32(to_thumb), tcg_env(),
                   offsetof(CPUARMState, thumb));
    a32_store_condexec(a32_next_condexec(s));
    a32_goto_tb(s, 0, dest & (to_thumb ? ~1u : ~3u));
    s->base.is_jmp = DISAS_NORETURN;
}

/* --------------------------------------------------------------- flags */

static A32_UNUSED void gen_logic_CC(TCGv_i32 var)
{
    tcg_gen_mov_i32(cpu_NF, var);
    tcg_gen_mov_i32(cpu_ZF, var);
}

/*
 * dst = a + b + cin (cin NULL: 0), NZCV set.  Any of dst, a, b may be
 * the same temp or a flag global: the flags are written last.
 */
static void a32_add_cc(TCGv_i32 dst, TCGv_i32 a, TCGv_i32 b, TCGv_i32 cin)
{
    TCGv_i32 r = tcg_temp_new_i32(), c = tcg_temp_new_i32();
    TCGv_i32 v = tcg_temp_new_i32(), t = tcg_temp_new_i32();
    TCGv_i32 zero = tcg_constant_i32(0);

    if (cin) {
        tcg_gen_add2_i32(r, c, a, zero, cin, zero);
        tcg_gen_add2_i32(r, c, r, c, b, zero);
    } else {
        tcg_gen_add2_i32(r, c, a, zero, b, zero);
    }
    /* V = (r ^ a) & ~(a ^ b) */
    tcg_gen_xor_i32(v, r, a);
    tcg_gen_xor_i32(t, a, b);
    tcg_gen_andc_i32(v, v, t);
    tcg_gen_mov_i32(cpu_CF, c);
    tcg_gen_mov_i32(cpu_VF, v);
    tcg_gen_mov_i32(cpu_NF, r);
    tcg_gen_mov_i32(cpu_ZF, r);
    tcg_gen_mov_i32(dst, r);
}

static A32_UNUSED void gen_add_CC(TCGv_i32 dst, TCGv_i32 a, TCGv_i32 b)
{
    a32_add_cc(dst, a, b, NULL);
}

static A32_UNUSED void gen_adc_CC(TCGv_i32 dst, TCGv_i32 a, TCGv_i32 b)
{
    a32_add_cc(dst, a, b, cpu_CF);
}

static A32_UNUSED void gen_sub_CC(TCGv_i32 dst, TCGv_i32 a, TCGv_i32 b)
{
    TCGv_i32 r = tcg_temp_new_i32(), c = tcg_temp_new_i32();
    TCGv_i32 v = tcg_temp_new_i32(), t = tcg_temp_new_i32();

    tcg_gen_sub_i32(r, a, b);
    tcg_gen_setcond_i32(TCG_COND_GEU, c, a, b);
    /* V = (r ^ a) & (a ^ b) */
    tcg_gen_xor_i32(v, r, a);
    tcg_gen_xor_i32(t, a, b);
    tcg_gen_and_i32(v, v, t);
    tcg_gen_mov_i32(cpu_CF, c);
    tcg_gen_mov_i32(cpu_VF, v);
    tcg_gen_mov_i32(cpu_NF, r);
    tcg_gen_mov_i32(cpu_ZF, r);
    tcg_gen_mov_i32(dst, r);
}

/* a - b - !C = a + ~b + C */
static A32_UNUSED void gen_sbc_CC(TCGv_i32 dst, TCGv_i32 a, TCGv_i32 b)
{
    TCGv_i32 nb = tcg_temp_new_i32();

    tcg_gen_not_i32(nb, b);
    a32_add_cc(dst, a, nb, cpu_CF);
}

static A32_UNUSED void gen_set_nzcv(TCGv_i32 var)
{
    TCGv_i32 v = tcg_temp_new_i32();

    tcg_gen_mov_i32(v, var);              /* var may be a flag global */
    tcg_gen_andi_i32(cpu_NF, v, 0x80000000u);
    tcg_gen_andi_i32(cpu_ZF, v, 1u << 30);
    tcg_gen_xori_i32(cpu_ZF, cpu_ZF, 1u << 30);
    tcg_gen_extract_i32(cpu_CF, v, 29, 1);
    tcg_gen_shli_i32(cpu_VF, v, 3);
    tcg_gen_andi_i32(cpu_VF, cpu_VF, 0x80000000u);
}

static A32_UNUSED TCGv_i32 gen_get_nzcv(void)
{
    TCGv_i32 r = tcg_temp_new_i32(), t = tcg_temp_new_i32();

    tcg_gen_andi_i32(r, cpu_NF, 0x80000000u);
    tcg_gen_setcondi_i32(TCG_COND_EQ, t, cpu_ZF, 0);
    tcg_gen_shli_i32(t, t, 30);
    tcg_gen_or_i32(r, r, t);
    tcg_gen_shli_i32(t, cpu_CF, 29);
    tcg_gen_or_i32(r, r, t);
    tcg_gen_shri_i32(t, cpu_VF, 31);
    tcg_gen_shli_i32(t, t, 28);
    tcg_gen_or_i32(r, r, t);
    return r;
}

/* ----------------------------------------------------------- conditions */

static A32_UNUSED void arm_test_cc(DisasCompare *c, int cc)
{
    TCGv_i32 t;

    switch ((cc >> 1) & 7) {
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
    default:                              /* AL (and 1111) */
        c->cond = TCG_COND_ALWAYS;
        c->value = cpu_ZF;
        return;
    }
    if (cc & 1) {
        c->cond = tcg_invert_cond(c->cond);
    }
}

static A32_UNUSED void arm_jump_cc(DisasCompare *c, TCGLabel *label)
{
    if (c->cond == TCG_COND_ALWAYS) {
        tcg_gen_br(label);
    } else if (c->cond != TCG_COND_NEVER) {
        tcg_gen_brcondi_i32(c->cond, c->value, 0, label);
    }
}

static A32_UNUSED void arm_skip_unless(DisasContext *s, int cc)
{
    DisasCompare c;

    if ((cc & 0xe) == 0xe) {
        return;                           /* AL: nothing to skip */
    }
    if (!s->condlabel) {
        s->condlabel = gen_new_label();
    }
    arm_test_cc(&c, cc ^ 1);
    arm_jump_cc(&c, s->condlabel);
}

/* -------------------------------------------------------------- memory */

static A32_UNUSED void gen_aa32_ld_i32(DisasContext *s, TCGv_i32 val,
                                       TCGv_i32 addr, MemOp mop)
{
    tcg_gen_qemu_ld_i32(val, T32V(addr), A32_MMU_IDX, mop | MO_LE);
}

static A32_UNUSED void gen_aa32_st_i32(DisasContext *s, TCGv_i32 val,
                                       TCGv_i32 addr, MemOp mop)
{
    tcg_gen_qemu_st_i32(val, T32V(addr), A32_MMU_IDX, mop | MO_LE);
}

static A32_UNUSED void gen_aa32_ld_i64(DisasContext *s, TCGv_i64 val,
                                       TCGv_i32 addr, MemOp mop)
{
    tcg_gen_qemu_ld_i64(val, T32V(addr), A32_MMU_IDX, mop | MO_LE);
}

static A32_UNUSED void gen_aa32_st_i64(DisasContext *s, TCGv_i64 val,
                                       TCGv_i32 addr, MemOp mop)
{
    tcg_gen_qemu_st_i64(val, T32V(addr), A32_MMU_IDX, mop | MO_LE);
}

/* ---------------------------------------------------------- exceptions */

static void a32_raise(DisasContext *s, int excp, uint32_t syndrome,
                      uint32_t pc, uint32_t condexec)
{
    tcg_gen_movi_i32(cpu_R[15], pc);
    a32_store_condexec(condexec);
    gen_call(&helper_info_dp_raise, NULL, 3, TENV, CONST32(excp),
             CONST32(syndrome));
    s->base.is_jmp = DISAS_NORETURN;
}

static A32_UNUSED void gen_exception_insn(DisasContext *s, int excp,
                                          uint32_t syndrome)
{
    a32_raise(s, excp, syndrome, s->pc_curr, a32_cur_condexec(s));
}

static A32_UNUSED void gen_exception_insn_next(DisasContext *s, int excp,
                                               uint32_t syndrome)
{
    a32_raise(s, excp, syndrome, s->base.pc_next, a32_next_condexec(s));
}

static A32_UNUSED void unallocated_encoding(DisasContext *s)
{
    /* ESR EC 0 (unknown reason); IL set for 32-bit instructions */
    gen_exception_insn(s, EXCP_UDEF,
                       (!s->thumb || s->t32_wide) ? 1u << 25 : 0);
}

/* ------------------------------------------- conditional bodies as selects */

/*
 * A conditional instruction whose body is short, straight-line and
 * cannot fault (plain ALU ops, no calls, memory accesses or stores to
 * env) is turned from "brcond over the body" into "body on temps, then
 * movcond into each guest register or flag it writes".  The TB then
 * stays one basic block, so guest registers and flags stay in host
 * registers and dead flag values are removed by liveness (IT blocks in
 * libgcc's division, A32 conditional moves).  first: the last op before
 * the condition test; the body follows the (single) brcond to label.
 */
#define A32_SEL_MAX_OPS     32
#define A32_SEL_MAX_GLOBALS 8

static bool a32_sel_op_ok(const TCGOp *op)
{
    unsigned f = tcg_op_defs[op->opc].flags;

    switch (op->opc) {
    case INDEX_op_mov:
        return true;
    case INDEX_op_div:
    case INDEX_op_divu:
    case INDEX_op_rem:
    case INDEX_op_remu:
    case INDEX_op_div2:
    case INDEX_op_divu2:
        return false;                     /* may trap on the host */
    default:
        break;
    }
    return !(f & (TCG_OPF_BB_EXIT | TCG_OPF_BB_END | TCG_OPF_CALL_CLOBBER |
                  TCG_OPF_SIDE_EFFECTS | TCG_OPF_NOT_PRESENT |
                  TCG_OPF_MAY_FAULT));
}

/*
 * A new i32 temp that no op after first refers to: the body may have
 * freed temps it still uses, and these temps are used before and inside
 * it.  A temp that is in use is kept allocated, so the next try differs.
 */
static TCGTemp *a32_sel_fresh(TCGOp *first)
{
    TCGOp *op;
    TCGTemp *t;
    int i, tries;

    for (tries = 0; tries < 16; tries++) {
        t = tcgv_i32_temp(tcg_temp_new_i32());
        for (op = first ? first->next : tcg_ctx->ops_first; op;
             op = op->next) {
            for (i = 0; i < tcg_op_nb_oargs(op) + tcg_op_nb_iargs(op); i++) {
                if (arg_temp(op->args[i]) == t) {
                    break;
                }
            }
            if (i < tcg_op_nb_oargs(op) + tcg_op_nb_iargs(op)) {
                break;
            }
        }
        if (!op) {
            return t;
        }
    }
    return NULL;
}

static void a32_cond_to_select(DisasContext *s, TCGOp *first)
{
    TCGContext *tc = tcg_ctx;
    TCGOp *br = NULL, *op;
    TCGTemp *gl[A32_SEL_MAX_GLOBALS], *tmp[A32_SEL_MAX_GLOBALS];
    bool wr[A32_SEL_MAX_GLOBALS] = { false };
    TCGTemp *c1, *c2, *nc1, *nc2;
    TCGCond skip;
    int n = 0, nops = 0, i, j;

    op = first ? first->next : tc->ops_first;
    for (; op; op = op->next) {
        if (op->opc == INDEX_op_brcond) {
            if (br || arg_label(op->args[3]) != s->condlabel) {
                return;
            }
            br = op;
            continue;
        }
        if (!br) {
            continue;                     /* the condition test */
        }
        if (!a32_sel_op_ok(op) || ++nops > A32_SEL_MAX_OPS) {
            return;
        }
        for (i = 0; i < tcg_op_nb_oargs(op); i++) {
            TCGTemp *t = arg_temp(op->args[i]);

            if (t->kind != TEMP_GLOBAL) {
                continue;
            }
            if (t->type != TCG_TYPE_I32) {
                return;
            }
            for (j = 0; j < n && gl[j] != t; j++) {
            }
            if (j == n) {
                if (n == A32_SEL_MAX_GLOBALS) {
                    return;
                }
                gl[n++] = t;
            }
        }
    }
    if (!br || arg_label(br->args[3])->refs != 1) {
        return;
    }

    /* The condition, captured before the body may change the flags. */
    skip = (TCGCond)br->args[2];
    c1 = arg_temp(br->args[0]);
    c2 = arg_temp(br->args[1]);
    nc1 = c1->kind == TEMP_GLOBAL ? a32_sel_fresh(first) : c1;
    nc2 = c2->kind == TEMP_GLOBAL ? a32_sel_fresh(first) : c2;
    for (i = 0; i < n; i++) {
        tmp[i] = a32_sel_fresh(first);
        if (!tmp[i]) {
            return;
        }
    }
    if (!nc1 || !nc2) {
        return;
    }
    if (nc1 != c1) {
        TCGOp *mv = tcg_op_insert_before(tc, br, INDEX_op_mov, br->type, 2);

        mv->args[0] = temp_arg(nc1);
        mv->args[1] = temp_arg(c1);
        c1 = nc1;
    }
    if (nc2 != c2) {
        TCGOp *mv = tcg_op_insert_before(tc, br, INDEX_op_mov, br->type, 2);

        mv->args[0] = temp_arg(nc2);
        mv->args[1] = temp_arg(c2);
        c2 = nc2;
    }
    /* Rename the body's guest-state reads (after a write) and writes. */
    for (op = br->next; op; op = op->next) {
        int no = tcg_op_nb_oargs(op), ni = tcg_op_nb_iargs(op);

        for (i = no; i < no + ni; i++) {
            for (j = 0; j < n; j++) {
                if (arg_temp(op->args[i]) == gl[j] && wr[j]) {
                    op->args[i] = temp_arg(tmp[j]);
                }
            }
        }
        for (i = 0; i < no; i++) {
            for (j = 0; j < n; j++) {
                if (arg_temp(op->args[i]) == gl[j]) {
                    op->args[i] = temp_arg(tmp[j]);
                    wr[j] = true;           /* later reads: tmp */
                }
            }
        }
    }
    tcg_op_remove(tc, br);
    for (i = 0; i < n; i++) {
        if (wr[i]) {
            tcg_gen_movcond_i32(skip, temp_tcgv_i32(gl[i]),
                                temp_tcgv_i32(c1), temp_tcgv_i32(c2),
                                temp_tcgv_i32(gl[i]), temp_tcgv_i32(tmp[i]));
        }
    }
    s->condlabel = NULL;
}

/* ------------------------------------------------- VFP / Neon registers */

static A32_UNUSED bool vfp_dreg_ok(DisasContext *s, unsigned dreg)
{
    return dreg < 16 || (s->features & A32_FEAT_D32);
}

/* ----------------------------------------------------- the decoders */

#include "decode-a32-dp.c.inc"
#include "decode-t32-dp.c.inc"
#include "decode-t16-dp.c.inc"
#include "decode-a32-ls.c.inc"
#include "decode-t32-ls.c.inc"
#include "decode-t16-ls.c.inc"
#include "decode-a32-uncond.c.inc"
#include "decode-vfp.c.inc"
#include "decode-vfp-uncond.c.inc"
#include "decode-neon-3reg.c.inc"
#include "decode-neon-misc.c.inc"
#include "decode-neon-ls.c.inc"

#include "trans-a32-dp.c.inc"
#include "trans-a32-ls.c.inc"
#include "trans-a32-vfp.c.inc"
#include "trans-a32-neon3.c.inc"
#include "trans-a32-neon.c.inc"

/* ------------------------------------------------------ decoding order */

static bool a32_decode_a32(DisasContext *s, uint32_t insn)
{
    if ((insn >> 28) == 0xf) {
        return disas_a32_uncond(s, insn) || disas_vfp_uncond(s, insn) ||
               disas_neon_3reg(s, insn) || disas_neon_misc(s, insn) ||
               disas_neon_ls(s, insn);
    }
    return disas_a32_dp(s, insn) || disas_a32_ls(s, insn) ||
           disas_vfp(s, insn);
}

static bool a32_decode_t32(DisasContext *s, uint32_t insn)
{
    uint32_t a;

    if (disas_t32_dp(s, insn) || disas_t32_ls(s, insn)) {
        return true;
    }
    if ((insn & 0xef000000u) == 0xef000000u) {
        /* 111U 1111: Advanced SIMD data processing -> 1111 001U */
        a = 0xf2000000u | ((insn >> 4) & 0x01000000u) | (insn & 0x00ffffffu);
        return disas_neon_3reg(s, a) || disas_neon_misc(s, a);
    }
    if ((insn & 0xff100000u) == 0xf9000000u) {
        /* 1111 1001 xxx0: Advanced SIMD loads/stores -> 1111 0100 */
        a = 0xf4000000u | (insn & 0x00ffffffu);
        return disas_neon_ls(s, a);
    }
    if ((insn & 0xec000000u) == 0xec000000u) {
        /* 111x 11xx: VFP, the same bits as the A32 form */
        if (insn & 0x10000000u) {
            return disas_vfp_uncond(s, insn);
        }
        return disas_vfp(s, insn);
    }
    return false;
}

/* ------------------------------------------------------ translator hooks */

static void a32_init_disas_context(DisasContextBase *db, CPUState *cs)
{
    DisasContext *s = (DisasContext *)db;
    uint32_t flags = db->tb->flags;
    uint32_t it = (flags >> A32_TBFLAG_CONDEXEC_SHIFT) & 0xff;

    s->cpu = (ARMCPU *)cs;
    s->features = s->cpu->a32_features;
    s->thumb = flags & A32_TBFLAG_THUMB;
    s->condexec_cond = (it & 0xf) ? it >> 4 : 0;
    s->condexec_mask = it & 0xf;
    s->condlabel = NULL;
    a32_tr.entry_condexec = a32_condexec_bits(s->condexec_cond,
                                              s->condexec_mask);
    a32_tr.it_set = false;
    a32_tr.nfollow = 0;
    a32_tr.slots = 0;
    a32_tr.seg_start[0] = db->pc_first;
}

static void a32_tb_start(DisasContextBase *db, CPUState *cs)
{
}

static void a32_insn_start(DisasContextBase *db, CPUState *cs)
{
    DisasContext *s = (DisasContext *)db;
    uint64_t words[2] = { db->pc_next, a32_cur_condexec(s) };

    tcg_gen_insn_start(words);
}

static bool a32_t32_is_wide(uint16_t hw1)
{
    return (hw1 >> 11) >= 0x1d;          /* 11101, 11110, 11111 */
}

/* Fetch fault at pc (vaddr: the address that is not executable). */
static void a32_fetch_fault(DisasContext *s, int excp, uint32_t vaddr)
{
    tcg_gen_st_i64(tcg_constant_i64(vaddr), tcg_env(),
                   offsetof(CPUARMState, exception.vaddress));
    gen_exception_insn(s, excp, (excp == EXCP_UNALIGNED ? 0x22u : 0x20u)
                                << 26);
}

static uint16_t a32_ldhw(uint32_t addr)
{
    uint16_t hw;

    memcpy(&hw, g2h(addr), 2);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    hw = __builtin_bswap16(hw);
#endif
    return hw;
}

/*
 * After a conditional branch took slot 0, a branch (which needs a slot
 * of its own) starts the next TB instead: may the insn at pc be one?
 * Conservative: any A32 b/bl/blx, any T16 b/b<c>/cbz, any T32 insn of
 * the branch and miscellaneous control space.
 */
static bool a32_next_is_branch(DisasContext *s, uint32_t pc)
{
    uint32_t insn;
    uint16_t hw;

    if (!s->thumb) {
        memcpy(&insn, g2h(pc), 4);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        insn = __builtin_bswap32(insn);
#endif
        return ((insn >> 25) & 7) == 5;
    }
    hw = a32_ldhw(pc);
    if ((hw >> 12) == 0xd || (hw & 0xf500) == 0xb100 || (hw >> 11) == 0x1c) {
        return true;
    }
    if ((hw >> 11) == 0x1e && (pc & 0xfff) != 0xffe) {
        return (a32_ldhw(pc + 2) & 0x8000) != 0;
    }
    return false;
}

static void a32_translate_insn(DisasContextBase *db, CPUState *cs)
{
    DisasContext *s = (DisasContext *)db;
    uint32_t pc = db->pc_next;
    uint32_t insn;
    TCGOp *first;
    bool ok;

    s->pc_curr = pc;
    s->condlabel = NULL;
    s->t32_wide = false;
    a32_tr.it_set = false;

    if (db->num_insns == 1 && !(page_get_flags(pc) & PAGE_EXEC)) {
        a32_fetch_fault(s, EXCP_PREFETCH_ABORT, pc);
        return;
    }

    if (!s->thumb) {
        if (pc & 3) {
            a32_fetch_fault(s, EXCP_UNALIGNED, pc);
            return;
        }
        memcpy(&insn, g2h(pc), 4);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        insn = __builtin_bswap32(insn);
#endif
        s->insn = insn;
        db->pc_next = pc + 4;
        first = tcg_ctx->ops_last;
        if ((insn >> 28) < 0xe) {
            arm_skip_unless(s, insn >> 28);
        }
        ok = a32_decode_a32(s, insn);
    } else {
        uint16_t hw1 = a32_ldhw(pc);

        if (a32_t32_is_wide(hw1)) {
            uint32_t pc2 = pc + 2;

            if (((pc2 ^ pc) & ~0xfffu) &&
                !(page_get_flags(pc2) & PAGE_EXEC)) {
                /* the TB covers both pages, so either's changes drop it */
                db->pc_next = pc + 4;
                a32_fetch_fault(s, EXCP_PREFETCH_ABORT, pc2);
                return;
            }
            insn = ((uint32_t)hw1 << 16) | a32_ldhw(pc2);
            s->t32_wide = true;
            db->pc_next = pc + 4;
        } else {
            insn = hw1;
            db->pc_next = pc + 2;
        }
        s->insn = insn;
        first = tcg_ctx->ops_last;
        if (s->condexec_mask) {
            arm_skip_unless(s, s->condexec_cond);
        }
        if (s->t32_wide) {
            ok = a32_decode_t32(s, insn);
        } else {
            ok = disas_t16_dp(s, insn) || disas_t16_ls(s, insn);
        }
    }
    if (!ok) {
        unallocated_encoding(s);
    }

    if (s->condlabel && db->is_jmp == DISAS_NEXT) {
        a32_cond_to_select(s, first);
    }
    if (s->condlabel && db->is_jmp == DISAS_NEXT) {
        gen_set_label(s->condlabel);
        s->condlabel = NULL;
    }

    /* The IT state of the next instruction. */
    if (a32_tr.it_set) {
        a32_tr.it_set = false;
    } else {
        a32_it_advance(&s->condexec_cond, &s->condexec_mask);
    }

    /*
     * A T32 instruction that straddles the page end starts the next TB,
     * so the TB's pages are exactly those its fetch checked.
     */
    if (s->thumb && db->is_jmp == DISAS_NEXT &&
        (db->pc_next & 0xfff) == 0xffe &&
        a32_t32_is_wide(a32_ldhw(db->pc_next))) {
        db->is_jmp = DISAS_TOO_MANY;
    }
    if ((a32_tr.slots & 1) && db->is_jmp == DISAS_NEXT &&
        !((db->pc_next ^ db->pc_first) & ~0xfffu) &&
        a32_next_is_branch(s, db->pc_next)) {
        db->is_jmp = DISAS_TOO_MANY;
    }
}

static void a32_tb_stop(DisasContextBase *db, CPUState *cs)
{
    DisasContext *s = (DisasContext *)db;
    /* After the loop, condexec_cond/mask are already advanced. */
    uint32_t next_it = a32_condexec_bits(s->condexec_cond,
                                         s->condexec_mask);

    switch ((int)db->is_jmp) {
    case DISAS_NEXT:
    case DISAS_TOO_MANY:
        a32_store_condexec(next_it);
        a32_goto_tb(s, 1, db->pc_next);
        break;
    case DISAS_JUMP:
        a32_store_condexec(next_it);
        tcg_gen_lookup_and_goto_ptr(T32V(cpu_R[15]));
        break;
    case DISAS_EXIT:
        a32_store_condexec(next_it);
        tcg_gen_exit_tb(NULL, 0);
        break;
    case DISAS_UPDATE:
        tcg_gen_movi_i32(cpu_R[15], db->pc_next);
        a32_store_condexec(next_it);
        tcg_gen_exit_tb(NULL, 0);
        break;
    default:
        break;
    }
    if (s->condlabel) {
        /* The condition failed: carry on with the next instruction. */
        gen_set_label(s->condlabel);
        s->condlabel = NULL;
        a32_store_condexec(next_it);
        a32_goto_tb(s, 1, db->pc_next);
    }
}

static const TranslatorOps a32_translator_ops = {
    .init_disas_context = a32_init_disas_context,
    .tb_start = a32_tb_start,
    .insn_start = a32_insn_start,
    .translate_insn = a32_translate_insn,
    .tb_stop = a32_tb_stop,
};

void a32_translate(CPUState *cs, TranslationBlock *tb, int max_insns)
{
    DisasContext s;

    int i, n;
    uint32_t lo, hi;

    memset(&s, 0, sizeof(s));
    translator_loop(cs, tb, max_insns, &a32_translator_ops, &s.base);

    n = a32_tr.nfollow;
    if (n) {
        /*
         * The TB holds several runs of one page: its range must cover
         * them all for invalidation; a run below the entry pc cannot be
         * covered, so size 0 (dropped on any change to its page).
         */
        a32_tr.seg_end[n] = s.base.pc_next;
        lo = hi = tb->pc;
        for (i = 0; i <= n; i++) {
            lo = a32_tr.seg_start[i] < lo ? a32_tr.seg_start[i] : lo;
            hi = a32_tr.seg_end[i] > hi ? a32_tr.seg_end[i] : hi;
        }
        tb->size = lo < tb->pc ? 0 : hi - (uint32_t)tb->pc;
    }
}

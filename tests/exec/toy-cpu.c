/*
 * toy-cpu.c: the translator of the toy test CPU (see toy-cpu.h).
 * Small on purpose, but it uses the engine the way real targets do:
 * globals for registers, goto_tb for direct branches, the inline jump
 * cache for indirect ones, helpers that raise exceptions, aligned
 * guest loads whose faults restore the exact pc.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "exec/translator.h"
#include "toy-cpu.h"

uint8_t *toy_mem;

static TCGv_i64 cpu_r[16];
static TCGv_i64 cpu_pc;

typedef struct DisasContext {
    DisasContextBase base;
} DisasContext;

static void toy_get_tb_cpu_state(CPUState *cs, uint64_t *pc, uint64_t *cs_base,
                                 uint32_t *flags)
{
    ToyCPU *cpu = (ToyCPU *)cs;

    *pc = cpu->env.pc;
    *cs_base = 0;
    *flags = 0;
}

static void toy_restore_state(CPUState *cs, const TranslationBlock *tb,
                              const uint64_t *data)
{
    ((ToyCPU *)cs)->env.pc = data[0];
}

static void toy_synchronize_from_tb(CPUState *cs, const TranslationBlock *tb)
{
    ((ToyCPU *)cs)->env.pc = tb->pc;
}

/* ------------------------------------------------------------ helpers */

static void helper_raise(void *env, uint64_t excp)
{
    cpu_raise_exception(env_cpu(env), excp, 0);
}

static uint64_t helper_divu(void *env, uint64_t a, uint64_t b)
{
    if (b == 0) {
        cpu_raise_exception(env_cpu(env), EXCP_TOY_DIVZERO, GETPC());
    }
    return a / b;
}

static void toy_unaligned(void *env, uint64_t addr, MemOpIdx oi,
                          uintptr_t retaddr)
{
    cpu_raise_exception(env_cpu(env), EXCP_TOY_UNALIGNED, retaddr);
}

static const TCGHelperInfo raise_info = {
    .func = (void *)helper_raise, .name = "raise", .flags = 0,
    .ret = TCG_CALL_VOID, .nargs = 2, .args = { TCG_CALL_PTR, TCG_CALL_I64 },
};

static const TCGHelperInfo divu_info = {
    .func = (void *)helper_divu, .name = "divu", .flags = TCG_CALL_NO_WG,
    .ret = TCG_CALL_I64, .nargs = 3,
    .args = { TCG_CALL_PTR, TCG_CALL_I64, TCG_CALL_I64 },
};

/* ---------------------------------------------------------- translation */

static void gen_raise(DisasContext *ctx, uint64_t pc, int excp)
{
    TCGTemp *args[2] = { tcgv_ptr_temp(tcg_env()),
                         tcgv_i64_temp(tcg_constant_i64(excp)) };

    tcg_gen_movi_i64(cpu_pc, pc);
    tcg_gen_call(&raise_info, NULL, args);
    ctx->base.is_jmp = DISAS_NORETURN;
}

static void gen_goto_tb(DisasContext *ctx, int n, uint64_t dest)
{
    if (translator_use_goto_tb(&ctx->base, dest)) {
        tcg_gen_goto_tb(n);
        tcg_gen_movi_i64(cpu_pc, dest);
        tcg_gen_exit_tb(ctx->base.tb, n);
    } else {
        tcg_gen_movi_i64(cpu_pc, dest);
        tcg_gen_lookup_and_goto_ptr(tcgv_i64_temp(cpu_pc));
    }
}

static void toy_init_disas_context(DisasContextBase *db, CPUState *cs)
{
}

static void toy_tb_start(DisasContextBase *db, CPUState *cs)
{
}

static void toy_insn_start(DisasContextBase *db, CPUState *cs)
{
    uint64_t words[1] = { db->pc_next };

    tcg_gen_insn_start(words);
}

static void toy_translate_insn(DisasContextBase *db, CPUState *cs)
{
    DisasContext *ctx = (DisasContext *)db;
    uint64_t pc = db->pc_next;
    uint32_t insn;
    int op, rd, rs;
    int64_t imm;
    TCGv_i64 t;

    /* Guest-controlled: a pc outside memory is a fault, never a host crash. */
    if (pc > TOY_MEM_SIZE - 4 || (pc & 3)) {
        gen_raise(ctx, pc, EXCP_TOY_FETCH);
        return;
    }
    memcpy(&insn, toy_mem + pc, 4);
    db->pc_next = pc + 4;
    op = insn >> 24;
    rd = (insn >> 20) & 15;
    rs = (insn >> 16) & 15;
    imm = (int16_t)insn;

    switch (op) {
    case TOY_LI:
        tcg_gen_movi_i64(cpu_r[rd], imm);
        break;
    case TOY_ADD:
        tcg_gen_add_i64(cpu_r[rd], cpu_r[rd], cpu_r[rs]);
        break;
    case TOY_ADDI:
        tcg_gen_addi_i64(cpu_r[rd], cpu_r[rd], imm);
        break;
    case TOY_SUB:
        tcg_gen_sub_i64(cpu_r[rd], cpu_r[rd], cpu_r[rs]);
        break;
    case TOY_MUL:
        tcg_gen_mul_i64(cpu_r[rd], cpu_r[rd], cpu_r[rs]);
        break;
    case TOY_LUI:
        tcg_gen_shli_i64(cpu_r[rd], cpu_r[rd], 16);
        tcg_gen_ori_i64(cpu_r[rd], cpu_r[rd], imm & 0xffff);
        break;
    case TOY_LD:
    case TOY_LDA:
    case TOY_ST:
    case TOY_ST32:
        t = tcg_temp_new_i64();
        tcg_gen_addi_i64(t, cpu_r[rs], imm);
        /* Keep accesses inside guest memory (mapped with a page of slack). */
        tcg_gen_andi_i64(t, t, TOY_MEM_SIZE - 1);
        if (op == TOY_LDA) {
            tcg_gen_qemu_ld_i64(cpu_r[rd], tcgv_i64_temp(t), 0,
                                MO_LE | MO_64 | MO_ALIGN);
        } else if (op == TOY_LD) {
            tcg_gen_qemu_ld_i64(cpu_r[rd], tcgv_i64_temp(t), 0, MO_LE | MO_64);
        } else if (op == TOY_ST) {
            tcg_gen_qemu_st_i64(cpu_r[rd], tcgv_i64_temp(t), 0, MO_LE | MO_64);
        } else {
            tcg_gen_qemu_st_i64(cpu_r[rd], tcgv_i64_temp(t), 0, MO_LE | MO_32);
        }
        tcg_temp_free_i64(t);
        break;
    case TOY_DIV: {
        TCGTemp *args[3] = { tcgv_ptr_temp(tcg_env()), tcgv_i64_temp(cpu_r[rd]),
                             tcgv_i64_temp(cpu_r[rs]) };
        tcg_gen_call(&divu_info, tcgv_i64_temp(cpu_r[rd]), args);
        break;
    }
    case TOY_BNE: {
        TCGLabel *fall = gen_new_label();
        tcg_gen_brcond_i64(TCG_COND_EQ, cpu_r[rd], cpu_r[rs], fall);
        gen_goto_tb(ctx, 0, pc + 4 + imm * 4);
        gen_set_label(fall);
        gen_goto_tb(ctx, 1, pc + 4);
        db->is_jmp = DISAS_NORETURN;
        break;
    }
    case TOY_JMP:
        gen_goto_tb(ctx, 0, pc + 4 + imm * 4);
        db->is_jmp = DISAS_NORETURN;
        break;
    case TOY_JR:
        tcg_gen_mov_i64(cpu_pc, cpu_r[rs]);
        tcg_gen_lookup_and_goto_ptr(tcgv_i64_temp(cpu_pc));
        db->is_jmp = DISAS_NORETURN;
        break;
    case TOY_HALT:
        gen_raise(ctx, pc, EXCP_TOY_HALT);
        break;
    default:
        gen_raise(ctx, pc, EXCP_TOY_UDEF);
        break;
    }
}

static void toy_tb_stop(DisasContextBase *db, CPUState *cs)
{
    if (db->is_jmp == DISAS_TOO_MANY) {
        gen_goto_tb((DisasContext *)db, 0, db->pc_next);
    }
}

static const TranslatorOps toy_translator_ops = {
    .init_disas_context = toy_init_disas_context,
    .tb_start = toy_tb_start,
    .insn_start = toy_insn_start,
    .translate_insn = toy_translate_insn,
    .tb_stop = toy_tb_stop,
};

unsigned toy_gen_tb_mismatches;

static void toy_translate(CPUState *cs, TranslationBlock *tb, int max_insns)
{
    DisasContext ctx;

    /* Inline lookups read the flags of the TB being built from gen_tb. */
    if (tcg_ctx->gen_tb != tb) {
        toy_gen_tb_mismatches++;
    }

    translator_loop(cs, tb, max_insns, &toy_translator_ops, &ctx.base);
}

static const CPUClass toy_cpu_class = {
    .name = "toy",
    .addr_type = TCG_TYPE_I64,
    .insn_start_words = 1,
    .page_bits = 12,
    .get_tb_cpu_state = toy_get_tb_cpu_state,
    .translate = toy_translate,
    .restore_state = toy_restore_state,
    .synchronize_from_tb = toy_synchronize_from_tb,
};

ToyCPU *toy_init(size_t tb_size)
{
    static const char names[16][4] = {
        "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
    };
    ToyCPU *cpu = calloc(1, sizeof(*cpu));
    int i;

    toy_mem = mmap(NULL, TOY_MEM_SIZE + 4096, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (!cpu || toy_mem == MAP_FAILED) {
        return NULL;
    }
    tcg_exec_init(tb_size, false);
    cpu_common_init(&cpu->parent, &toy_cpu_class, &cpu->env);
    tcg_ctx->guest_base = (uintptr_t)toy_mem;
    tcg_ctx->unaligned_helper = toy_unaligned;
    for (i = 0; i < 16; i++) {
        cpu_r[i] = tcg_global_mem_new_i64(tcg_env(), offsetof(ToyEnv, r[i]),
                                          names[i]);
    }
    cpu_pc = tcg_global_mem_new_i64(tcg_env(), offsetof(ToyEnv, pc), "pc");
    return cpu;
}

ToyCPU *toy_cpu_new(void)
{
    ToyCPU *cpu = calloc(1, sizeof(*cpu));

    if (cpu) {
        cpu_common_init(&cpu->parent, &toy_cpu_class, &cpu->env);
    }
    return cpu;
}

int toy_run(ToyCPU *cpu, uint64_t pc)
{
    cpu->env.pc = pc;
    return cpu_exec(&cpu->parent);
}

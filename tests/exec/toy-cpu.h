/*
 * toy-cpu.h: a tiny guest CPU used to test the execution engine (and run
 * the built-in demo) before real targets exist.
 *
 * 16 64-bit registers, 32-bit little-endian instructions:
 *   op[31:24] rd[23:20] rs[19:16] imm[15:0] (signed)
 * Guest memory is TOY_MEM_SIZE bytes at guest address 0, accessed like
 * user mode (guest_base + address).
 */
#ifndef TOY_CPU_H
#define TOY_CPU_H

#include "exec/cpu.h"

#define TOY_MEM_SIZE (1u << 20)

enum {
    TOY_LI = 0x01,      /* rd = imm */
    TOY_ADD = 0x02,     /* rd += rs */
    TOY_ADDI = 0x03,    /* rd += imm */
    TOY_SUB = 0x04,     /* rd -= rs */
    TOY_LD = 0x05,      /* rd = mem64[rs + imm] */
    TOY_ST = 0x06,      /* mem64[rs + imm] = rd */
    TOY_BNE = 0x07,     /* if rd != rs: pc += 4 + imm * 4 */
    TOY_JMP = 0x08,     /* pc += 4 + imm * 4 */
    TOY_JR = 0x09,      /* pc = rs */
    TOY_HALT = 0x0a,
    TOY_MUL = 0x0b,     /* rd *= rs */
    TOY_LDA = 0x0c,     /* rd = mem64[rs + imm], 8-byte aligned or fault */
    TOY_DIV = 0x0d,     /* rd /= rs (unsigned), fault on zero */
    TOY_LUI = 0x0e,     /* rd = rd << 16 | (imm & 0xffff) */
    TOY_ST32 = 0x0f,    /* mem32[rs + imm] = rd */
};

enum {
    EXCP_TOY_HALT = 1,
    EXCP_TOY_UDEF = 2,
    EXCP_TOY_UNALIGNED = 3,
    EXCP_TOY_DIVZERO = 4,
    EXCP_TOY_FETCH = 5,
};

typedef struct ToyEnv {
    uint64_t r[16];
    uint64_t pc;
} ToyEnv;

typedef struct ToyCPU {
    CPUState parent;
    ToyEnv env;
} ToyCPU;

static inline uint32_t toy_insn(int op, int rd, int rs, int imm)
{
    return (uint32_t)op << 24 | (rd & 15) << 20 | (rs & 15) << 16 | (imm & 0xffff);
}

extern uint8_t *toy_mem;
/* Translations during which tcg_ctx->gen_tb was not the TB being built. */
extern unsigned toy_gen_tb_mismatches;

/* Set up TCG (code buffer of tb_size bytes) and one toy CPU. */
ToyCPU *toy_init(size_t tb_size);
/* Another CPU sharing memory and translations (after toy_init). */
ToyCPU *toy_cpu_new(void);
/* Run from pc until an exception; returns the EXCP_* value. */
int toy_run(ToyCPU *cpu, uint64_t pc);

#endif

/*
 * tcg-target.h: the TCG interpreter ("TCI") backend's virtual machine.
 *
 * Included by tcg.h before the IR types exist, so only plain C here.
 *
 * TCI has no host code generator: tcg-target.c.inc emits a compact
 * bytecode (described in tci-insn.h) into the code buffer, and tcg/tci.c
 * runs it.  The virtual machine has 16 64-bit registers:
 *
 *   R0..R7    helper arguments (R0 also the helper result); allocatable
 *   R8..R12   allocatable
 *   R13       scratch of the backend (large ld/st offsets), reserved
 *   R14       env, the CPU-state pointer (TCG_AREG0)
 *   R15       base of the per-execution scratch area: the call-argument
 *             area, then the spill frame (TCG_REG_CALL_STACK)
 *
 * An i32 value always sits zero-extended in its 64-bit register: every
 * bytecode producing an i32 result truncates it.
 */
#ifndef TCG_TARGET_H
#define TCG_TARGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef uint8_t tcg_insn_unit;

typedef enum TCGReg {
    TCG_REG_R0, TCG_REG_R1, TCG_REG_R2, TCG_REG_R3,
    TCG_REG_R4, TCG_REG_R5, TCG_REG_R6, TCG_REG_R7,
    TCG_REG_R8, TCG_REG_R9, TCG_REG_R10, TCG_REG_R11,
    TCG_REG_R12, TCG_REG_R13, TCG_REG_R14, TCG_REG_R15,
} TCGReg;

#define TCG_TARGET_NB_REGS 16
#define TCG_AREG0 TCG_REG_R14
#define TCG_REG_CALL_STACK TCG_REG_R15
#define TCG_REG_TMP TCG_REG_R13
/* System mode needs no extra registers: loads and stores call the TLB. */
#define TCG_TARGET_SOFTMMU_RESERVED_REGS 0u

#define TCG_TARGET_INTERPRETER 1
/* Pairs split into two qemu_ld/st (the interpreter gains nothing). */
#define TCG_TARGET_HAS_qemu_ldst2 0

/* Every helper argument travels in a register (TCG_MAX_HELPER_ARGS is 8). */
#define TCG_TARGET_CALL_IARG_REGS 8
#define TCG_STATIC_CALL_ARGS_SIZE 128
/*
 * Slack past the high-water mark.  tcg.c checks the mark after every op,
 * so this only has to cover the largest single op; it is generous so that
 * a caller checking once per TB is also safe for any TB whose bytecode
 * fits the 16-bit offsets of TCGContext.
 */
#define TCG_HIGHWATER (256 * 1024)

/* The interpreter has deposit and extract for every position and length. */
static inline bool tcg_target_deposit_valid(int type, unsigned pos,
                                            unsigned len)
{
    return true;
}

static inline bool tcg_target_extract_valid(int type, unsigned pos,
                                            unsigned len)
{
    return true;
}

/* Bytecode is data: nothing to flush. */
static inline void tcg_flush_icache(void *start, void *end)
{
}

/* Point the goto_tb whose 8-byte target slot is at site to target. */
void tcg_target_patch_goto_tb(tcg_insn_unit *site, const void *target);

/* Run the bytecode at tc_ptr; returns the value of the exit_tb that left. */
uintptr_t tcg_qemu_tb_exec_tci(void *env, const void *tc_ptr);

/* Print the bytecode at code (size bytes) to f, for -d out_asm. */
void tci_disas(FILE *f, const void *code, size_t size);

/*
 * Just past the bytecode instruction (helper call or guest memory access)
 * being executed, per thread, like a host return address: under TCI the
 * host return address of a helper points into the interpreter, so GETPC()
 * and host-fault handlers use this instead (see include/exec/cpu.h).
 */
extern __thread uintptr_t tci_tb_ptr;

#endif

/*
 * tcg-target.h: the x86-64 host backend's registers and capabilities.
 *
 * Included by tcg.h before the IR types exist, so only plain C here.
 * Register use: rbp holds the CPU-state pointer (env), r14 the user-mode
 * guest base, rsp the stack with the call-argument area and the spill
 * frame.  Everything else is allocatable.
 */
#ifndef TCG_TARGET_H
#define TCG_TARGET_H

#include <stdbool.h>
#include <stdint.h>

typedef uint8_t tcg_insn_unit;

typedef enum TCGReg {
    TCG_REG_RAX, TCG_REG_RCX, TCG_REG_RDX, TCG_REG_RBX,
    TCG_REG_RSP, TCG_REG_RBP, TCG_REG_RSI, TCG_REG_RDI,
    TCG_REG_R8, TCG_REG_R9, TCG_REG_R10, TCG_REG_R11,
    TCG_REG_R12, TCG_REG_R13, TCG_REG_R14, TCG_REG_R15,
} TCGReg;

#define TCG_TARGET_NB_REGS 16
#define TCG_AREG0 TCG_REG_RBP
#define TCG_REG_CALL_STACK TCG_REG_RSP
#define TCG_REG_GUEST_BASE TCG_REG_R14
/*
 * System mode has no guest base: r14 and r15 are the soft-TLB fast
 * path's scratch registers (entry pointer then addend; the compared
 * address), so r15 is reserved there too.
 */
#define TCG_REG_TLB0 TCG_REG_R14
#define TCG_REG_TLB1 TCG_REG_R15
#define TCG_TARGET_SOFTMMU_RESERVED_REGS (1u << TCG_REG_R15)
#define TCG_TARGET_CALL_IARG_REGS 6
/* qemu_ld2/qemu_st2 in system mode: one soft-TLB check for a pair. */
#define TCG_TARGET_HAS_qemu_ldst2 1
#define TCG_STATIC_CALL_ARGS_SIZE 128
/* A TB of TCG_MAX_INSNS guest instructions never needs more than this. */
#define TCG_HIGHWATER (512 * 1024)

/* Host CPU features, probed once with cpuid (tcg_target_init). */
extern bool have_bmi1, have_bmi2, have_lzcnt, have_popcnt, have_movbe;

/* Bit fields the backend can insert or extract in one instruction. */
static inline bool tcg_target_deposit_valid(int type, unsigned pos, unsigned len)
{
    return pos == 0 && (len == 8 || len == 16);
}

static inline bool tcg_target_extract_valid(int type, unsigned pos, unsigned len)
{
    unsigned w = type == 0 ? 32 : 64;

    return (pos == 0 && (len == 8 || len == 16 || (len == 32 && w == 64))) ||
           pos + len == w;
}

/* x86 keeps instruction and data caches coherent. */
static inline void tcg_flush_icache(void *start, void *end)
{
}

/* Point the goto_tb jump whose rel32 field is at site to target. */
void tcg_target_patch_goto_tb(tcg_insn_unit *site, const void *target);

#endif

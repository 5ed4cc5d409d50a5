/*
 * exec/cpu.h: the target-independent part of a virtual CPU, and the
 * hooks a target provides to the execution engine.
 *
 * A target's CPU struct embeds CPUState first and its architectural
 * state (env) after it; the engine reaches one from the other with a
 * fixed offset (cpu_env_offset), which generated code also uses to test
 * the exit flag at every TB entry and to look up the jump cache inline.
 */
#ifndef EXEC_CPU_H
#define EXEC_CPU_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>

#include "tcg/tcg.h"
#include "exec/tlb-common.h"

struct TranslationBlock;
typedef struct CPUState CPUState;

/* Exception indexes shared by all targets; targets number theirs from 0. */
#define EXCP_INTERRUPT 0x10000   /* async exit request: back to the loop */
#define EXCP_HLT       0x10001   /* halted: wait for an interrupt */
#define EXCP_DEBUG     0x10002
#define EXCP_HALTED    0x10003
#define EXCP_YIELD     0x10004
#define EXCP_ATOMIC    0x10005

/* Interrupt request bits (cpu_interrupt); the meaning of HARD etc. is the target's. */
#define CPU_INTERRUPT_HARD  0x0002
#define CPU_INTERRUPT_EXITTB 0x0004
#define CPU_INTERRUPT_TGT_EXT_0 0x0008

/*
 * The per-CPU jump cache: virtual pc -> host code, probed inline by TBs
 * (tcg_gen_lookup_and_goto_ptr computes the same index with TCG ops).
 *
 * Laid out by page: index = (pc >> 2 ^ pc >> 12) mod size, so bits 10
 * up of the index (the group) depend on pc's 4 KiB page only, and bits
 * 0..9 (the slot) are its offset in the page (bits 2..11: A64 code, and
 * most other, is 4-byte aligned, so one page's A64 TBs never meet)
 * mixed with page bits.  pc bits 0..1 do not count: TBs of byte-aligned
 * code less than 4 bytes apart share an entry (folding them in cost the
 * inline probe 3 more ops: 5% more host instructions running x86-64
 * qsort).  A flush of one page then checks one group (and that of the
 * page before, for TBs running into it), not the whole cache.
 */
#define TB_JMP_CACHE_BITS 14
#define TB_JMP_CACHE_SIZE (1u << TB_JMP_CACHE_BITS)
#define TB_JMP_GROUP_BITS 10
#define TB_JMP_GROUP_SIZE (1u << TB_JMP_GROUP_BITS)

typedef struct CPUJumpCacheEntry {
    uint64_t pc;
    uint64_t cs_base;
    uint32_t flags;
    uint32_t span;          /* 1: the TB's code runs into the next page */
    const void *tc_ptr;
} CPUJumpCacheEntry;

static inline unsigned tb_jmp_cache_hash(uint64_t pc)
{
    return (unsigned)((pc >> 2) ^ (pc >> 12)) & (TB_JMP_CACHE_SIZE - 1);
}

/* The first entry index of the group of pc's page. */
static inline unsigned tb_jmp_cache_group(uint64_t pc)
{
    _Static_assert(TB_JMP_GROUP_BITS == 10, "group bits come from the page");
    return tb_jmp_cache_hash(pc) & ~(TB_JMP_GROUP_SIZE - 1);
}

/*
 * After the jump cache's entries (same allocation, TB_JMP_CACHE_BYTES):
 * - a bitmap of the 4 KiB virtual pages (hashed, bits 12..47 of pc)
 *   that may have entries, so a soft-TLB flush of one page skips the
 *   check of its group when none can;
 * - a bitmap of the blocks of TB_JMP_BLOCK_SIZE entries that may hold
 *   entries, so flushes and clears visit only those;
 * - per block, the AND and the OR of the pages of the pcs (and, for
 *   entries with span, of the next page) filled there: a masked flush
 *   skips the blocks where no such address can match.
 * tb_jmp_cache_set sets them (system mode); the page map is cleared
 * with the whole cache, a block's bit and bounds when a flush rescans it.
 */
#define TB_JMP_PAGEMAP_BITS 12
#define TB_JMP_PAGEMAP_WORDS ((1u << TB_JMP_PAGEMAP_BITS) / 64)
#define TB_JMP_BLOCK_BITS 3
#define TB_JMP_BLOCK_SIZE (1u << TB_JMP_BLOCK_BITS)
#define TB_JMP_BLOCKMAP_WORDS \
    ((TB_JMP_CACHE_SIZE / TB_JMP_BLOCK_SIZE + 63) / 64)
#define TB_JMP_BLOCKS (TB_JMP_CACHE_SIZE / TB_JMP_BLOCK_SIZE)
#define TB_JMP_MAPS_WORDS (TB_JMP_PAGEMAP_WORDS + TB_JMP_BLOCKMAP_WORDS + \
                           2 * TB_JMP_BLOCKS)
#define TB_JMP_CACHE_BYTES (TB_JMP_CACHE_SIZE * sizeof(CPUJumpCacheEntry) + \
                            TB_JMP_MAPS_WORDS * sizeof(uint64_t))

static inline uint64_t *tb_jmp_cache_pagemap(CPUJumpCacheEntry *cache)
{
    return (uint64_t *)(cache + TB_JMP_CACHE_SIZE);
}

static inline uint64_t *tb_jmp_cache_blockmap(CPUJumpCacheEntry *cache)
{
    return tb_jmp_cache_pagemap(cache) + TB_JMP_PAGEMAP_WORDS;
}

/* AND of block b's addresses at [2 * b], OR at [2 * b + 1]. */
static inline uint64_t *tb_jmp_cache_bounds(CPUJumpCacheEntry *cache)
{
    return tb_jmp_cache_blockmap(cache) + TB_JMP_BLOCKMAP_WORDS;
}

static inline unsigned tb_jmp_page_hash(uint64_t pc)
{
    uint64_t page = (pc & (((uint64_t)1 << 48) - 1)) >> 12;

    return (page * 0x9e3779b97f4a7c15ull) >> (64 - TB_JMP_PAGEMAP_BITS);
}

/*
 * Fill the entry of pc with a TB's host code; span: its guest code runs
 * into the next page; maps: set the page and block maps (system mode,
 * where soft-TLB flushes read them).
 */
static inline void tb_jmp_cache_set(CPUJumpCacheEntry *cache, uint64_t pc,
                                    uint64_t cs_base, uint32_t flags,
                                    const void *tc_ptr, bool span, bool maps)
{
    unsigned i = tb_jmp_cache_hash(pc);
    CPUJumpCacheEntry *e = &cache[i];

    if (maps) {
        unsigned ph = tb_jmp_page_hash(pc), b = i / TB_JMP_BLOCK_SIZE;
        uint64_t *bmap = tb_jmp_cache_blockmap(cache);
        uint64_t *bounds = tb_jmp_cache_bounds(cache) + 2 * b;

        tb_jmp_cache_pagemap(cache)[ph / 64] |= 1ull << (ph % 64);
        if (!(bmap[b / 64] & (1ull << (b % 64)))) {
            bmap[b / 64] |= 1ull << (b % 64);
            bounds[0] = ~(uint64_t)0;
            bounds[1] = 0;
        }
        bounds[0] &= pc & ~(uint64_t)4095;
        bounds[1] |= pc & ~(uint64_t)4095;
        if (span) {
            bounds[0] &= (pc & ~(uint64_t)4095) + 4096;
            bounds[1] |= (pc & ~(uint64_t)4095) + 4096;
        }
    }
    e->tc_ptr = NULL;
    e->pc = pc;
    e->cs_base = cs_base;
    e->flags = flags;
    e->span = span;
    __atomic_store_n(&e->tc_ptr, tc_ptr, __ATOMIC_RELEASE);
}

/* Everything the engine asks of a target. */
typedef struct CPUClass {
    const char *name;
    TCGType addr_type;              /* guest virtual address width */
    int insn_start_words;           /* pc plus extra per-insn restore words */
    unsigned page_bits;             /* guest page size for TB page tracking */
    /* The state that selects a TB. */
    void (*get_tb_cpu_state)(CPUState *cs, uint64_t *pc, uint64_t *cs_base,
                             uint32_t *flags);
    /* Build the ops of one TB (through translator_loop). */
    void (*translate)(CPUState *cs, struct TranslationBlock *tb, int max_insns);
    /* Set the guest pc (and other words) of a faulting instruction. */
    void (*restore_state)(CPUState *cs, const struct TranslationBlock *tb,
                          const uint64_t *data);
    /* The TB was left at its entry (exit request): pc = tb->pc. */
    void (*synchronize_from_tb)(CPUState *cs, const struct TranslationBlock *tb);
    /* -d in_asm: capstone's cs_arch/cs_mode for this CPU (-1: raw bytes),
     * and where the guest code of a TB is in host memory (NULL: skip). */
    int disas_arch, disas_mode;
    const void *(*code_ptr)(CPUState *cs, uint64_t pc, size_t len);
    /* -d cpu: print the registers. */
    void (*dump_state)(CPUState *cs, FILE *f);
    /* Take a pending interrupt; true if the cpu state changed. */
    bool (*exec_interrupt)(CPUState *cs, int interrupt_request);

    /* ---- system mode (NULL in user mode) ---- */
    /*
     * Translate addr for an access of type (MMUAccessType) in mmu_idx
     * and tlb_set_page() it.  On a fault: return false when probe is
     * set, else raise the guest exception (cpu_loop_exit_restore with
     * retaddr; never returns).
     */
    bool (*tlb_fill)(CPUState *cs, uint64_t addr, int size, int access_type,
                     int mmu_idx, bool probe, uintptr_t retaddr);
    /* The MMU index of instruction fetch in the current state. */
    int (*mmu_index_code)(CPUState *cs);
    /*
     * Deliver cs->exception_index (a guest exception the loop got from
     * cpu_raise_exception or exec_interrupt) as the guest architecture
     * does: vector, syndrome, mode change.  cpu_exec then runs on.
     */
    void (*do_interrupt)(CPUState *cs);
    /* May a halted CPU run (a pending, unmasked-enough interrupt)? */
    bool (*has_work)(CPUState *cs);
    /* Architectural reset (system_reset, PSCI CPU_ON). */
    void (*reset)(CPUState *cs);
    /* Debug access by virtual address (monitor, gdbstub): 0 or -1. */
    int (*memory_rw_debug)(CPUState *cs, uint64_t addr, void *buf,
                           size_t len, bool is_write);
} CPUClass;

struct CPUState {
    const CPUClass *cc;
    void *env_ptr;
    int cpu_index;
    sigjmp_buf jmp_env;
    int exception_index;
    volatile int interrupt_request;
    volatile bool exit_request;
    bool halted;
    /* Inside cpu_exec(), i.e. possibly in generated code (exclusive lock). */
    bool running;
    bool exclusive_waiter;

    /* ---- system mode ---- */
    struct AddressSpace *as;        /* what its loads and stores reach */
    bool stop;                      /* pause requested (cpus.c) */
    bool stopped;                   /* paused, or powered off */
    struct CPUWorkItem *work_list;  /* run_on_cpu queue (cpus.c) */
    void *thread;                   /* cpus.c's per-vCPU data */

    /*
     * What generated code reads, last so that it sits just below env and
     * the host code reaches it with short displacements: the soft TLB's
     * fast tables (system mode), the jump cache, the exit flag.
     */
    CPUTLB tlb;                     /* exec/cputlb.h */
    CPUJumpCacheEntry *tb_jmp_cache;
    /*
     * Tested by generated code at every TB entry: non-zero means leave
     * through exit_tb(TB_EXIT_REQUESTED).  Set by cpu_exit() from any
     * thread or a signal handler.
     */
    volatile int32_t tb_exit_flag;
};

/*
 * System mode: wake the thread of cs so it notices a new interrupt or
 * exit request (set by cpus.c; cpu_interrupt and cpu_exit call it).
 */
extern void (*cpu_kick_hook)(CPUState *cs);

/* Every CPU, for exclusive sections and jump-cache invalidation. */
extern CPUState **cpu_list;
extern int cpu_count;

/*
 * Exclusive sections: start_exclusive() returns once no other CPU is in
 * cpu_exec() (those running are kicked out within one TB, and the rest
 * wait at its entry until end_exclusive()).  The caller must not be in
 * cpu_exec() itself, nor hold the translation lock.
 */
void start_exclusive(void);
void end_exclusive(void);

/* Offset from CPUState to env; the same for every CPU of a target. */
extern intptr_t cpu_env_offset;

static inline CPUState *env_cpu(void *env)
{
    return (CPUState *)((char *)env - cpu_env_offset);
}

/* Set up the common part of a CPU; env must follow cs in memory. */
void cpu_common_init(CPUState *cs, const CPUClass *cc, void *env);

/* Run translated code until an exception or exit; returns EXCP_*. */
int cpu_exec(CPUState *cs);

/* Leave generated code for the loop; exception_index says why. */
void cpu_loop_exit(CPUState *cs) __attribute__((noreturn));
/* The same, first restoring the guest state of the insn at host pc retaddr. */
void cpu_loop_exit_restore(CPUState *cs, uintptr_t retaddr) __attribute__((noreturn));
/* Raise a guest exception from a helper (retaddr = GETPC() or 0). */
void cpu_raise_exception(CPUState *cs, int excp, uintptr_t retaddr) __attribute__((noreturn));

/* Ask the CPU to come back to the loop within one TB (any thread). */
void cpu_exit(CPUState *cs);
void cpu_interrupt(CPUState *cs, int mask);
void cpu_reset_interrupt(CPUState *cs, int mask);

/*
 * Recover the guest state of the instruction whose host code contains
 * host_pc (a return address into generated code, as GETPC() gives).
 * Returns false if host_pc is not in generated code.
 */
bool cpu_restore_state(CPUState *cs, uintptr_t host_pc);

/*
 * The return address of the helper that calls it: a host pc in a TB.
 * Under the interpreter the host return address is inside tci.c, so the
 * interpreter publishes the bytecode address of the call it is making.
 */
#ifdef TCG_TARGET_INTERPRETER
extern __thread uintptr_t tci_tb_ptr;
#define GETPC() tci_tb_ptr
#else
#define GETPC() ((uintptr_t)__builtin_return_address(0))
#endif

#endif

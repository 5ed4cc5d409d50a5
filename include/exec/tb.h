/*
 * exec/tb.h: translation blocks and the translation cache.
 *
 * A TB lives in the code buffer: the struct, then its host code, then its
 * restore data (per guest instruction: host code end offset and the
 * insn_start words, delta-encoded), so flushing the buffer frees all.
 */
#ifndef EXEC_TB_H
#define EXEC_TB_H

#include "exec/cpu.h"

/* cflags */
#define CF_COUNT_MASK 0x000001ff     /* max guest insns, 0 = default */
#define CF_INVALID    0x00010000     /* invalidated: never enter again */
#define CF_NO_GOTO_TB 0x00020000     /* no chaining (single-stepping) */

typedef struct TranslationBlock {
    uint64_t pc;
    uint64_t phys_pc;                /* system mode: guest physical pc; else pc */
    uint64_t cs_base;
    uint32_t flags;
    volatile uint32_t cflags;
    uint32_t size;                   /* guest bytes */
    uint16_t icount;                 /* guest instructions */
    uint8_t has_goto_tb;             /* bit n: goto_tb n was emitted */
    uint64_t page_addr[2];           /* page numbers (physical in system
                                        mode) holding its code, -1 none */
    const tcg_insn_unit *tc_ptr;
    uint32_t tc_size;
    uint16_t jmp_insn_offset[2];     /* patchable field of goto_tb n */
    uint16_t jmp_reset_offset[2];    /* where goto_tb n goes unchained */
    const uint8_t *restore_data;
    uint32_t restore_size;
    /* Chaining: where each exit goes, and who jumps here (tb | n lists). */
    struct TranslationBlock *jmp_dest[2];
    uintptr_t jmp_list_head;
    uintptr_t jmp_list_next[2];
    /* The hash chain and the per-page lists (tb | n for page n). */
    struct TranslationBlock *hash_next;
    uintptr_t page_next[2];
} TranslationBlock;

/* Host code starts this far after the struct. */
#define TB_CODE_OFFSET ((sizeof(TranslationBlock) + 63) & ~(size_t)63)

static inline TranslationBlock *tb_from_tc(const void *tc_ptr)
{
    return (TranslationBlock *)((const char *)tc_ptr - TB_CODE_OFFSET);
}

/* cflags for every TB the exec loop translates (-one-insn-per-tb: 1). */
extern uint32_t tb_default_cflags;

/*
 * Set up the code buffer (size in bytes, 0 = default) and TCG.  In
 * system mode (tcg_ctx->system_mode) TBs are indexed by the guest
 * physical address of their code, guest loads and stores go through
 * the soft TLB, and cpu_exec delivers guest exceptions itself.
 */
void tcg_exec_init(size_t tb_size, bool system_mode);

/*
 * What exec/ needs from the soft TLB in system mode (softmmu/cputlb.c
 * sets it in tlb_init; exec/ does not link against it, so user-mode
 * binaries need no soft MMU).
 */
typedef struct TBSysOps {
    /*
     * Guest physical address of pc, filling the code TLB; *hostp gets
     * pc's host address (NULL: not RAM).  On a fault: -1 when probe,
     * else the guest exception is raised (cpu_loop_exit).
     */
    uint64_t (*code_phys)(CPUState *cs, uint64_t pc, void **hostp,
                          bool probe);
    /* len code bytes at pc (within one page) through the slow path. */
    void (*code_read)(CPUState *cs, uint64_t pc, void *dest, size_t len);
    /* A physical page got its first TB: stores there must invalidate. */
    void (*protect_code)(uint64_t phys_page_addr);
} TBSysOps;
extern const TBSysOps *tb_sys_ops;

TranslationBlock *tb_lookup(CPUState *cs, uint64_t pc, uint64_t cs_base,
                            uint32_t flags);
/*
 * Translate.  Returns NULL when the code buffer is full: tb_flush_requested
 * is then set and the caller flushes at a safe point and retries
 * (cpu_exec does).
 */
TranslationBlock *tb_gen_code(CPUState *cs, uint64_t pc, uint64_t cs_base,
                              uint32_t flags, uint32_t cflags);
extern bool tb_flush_requested;
/* Chain exit n of tb to next. */
void tb_add_jump(TranslationBlock *tb, int n, TranslationBlock *next);

/* Self-modifying code: drop every TB with code in [start, end). */
void tb_invalidate_phys_range(uint64_t start, uint64_t end);
void tb_invalidate_phys_page(uint64_t addr);
/* Does a guest page hold translated code? */
bool tb_page_has_code(uint64_t addr);
/* Empty the whole cache (all CPUs must be outside generated code). */
void tb_flush(void);

/* Register a CPU so invalidation can clear its jump cache. */
void tb_register_cpu(CPUState *cs);

/* Called when a guest page first gets translated code (user mode
 * write-protects it so stores to it can be caught; system mode uses
 * tb_sys_ops->protect_code instead). */
extern void (*tb_page_protect_hook)(uint64_t page_addr);

/* The translation lock: tb_gen_code, invalidation and chaining hold it. */
void tb_lock(void);
void tb_unlock(void);
/*
 * After a siglongjmp to the exec loop: if it left tb_gen_code (a
 * system-mode instruction fetch faulted), drop the half-built TB and
 * the lock.  cpu_exec calls it.
 */
void tb_gen_code_cleanup(void);

/* Counters for -d and make bench. */
typedef struct TBStats {
    uint64_t tbs_translated;
    uint64_t insns_translated;
    uint64_t code_bytes;
    uint64_t flushes;
    uint64_t invalidated;
    uint64_t chained;
    uint64_t unchained;
    uint64_t lookups_hash;
    uint64_t lookups_helper;
} TBStats;

extern TBStats tb_stats;
void tb_dump_stats(FILE *f);

#endif

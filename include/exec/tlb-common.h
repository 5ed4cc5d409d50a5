/*
 * exec/tlb-common.h: the soft TLB's data layout, which CPUState embeds
 * and generated code reads (see exec/cputlb.h for how it is used).
 */
#ifndef EXEC_TLB_COMMON_H
#define EXEC_TLB_COMMON_H

#include <stdint.h>

#define TLB_PAGE_BITS       12
#define TLB_PAGE_SIZE       (1ull << TLB_PAGE_BITS)
#define TLB_PAGE_MASK       (~(uint64_t)(TLB_PAGE_SIZE - 1))

#define NB_MMU_MODES        8          /* MMU indexes 0..7 */

/* Flags in the low bits of addr_read/addr_write/addr_code. */
#define TLB_INVALID_MASK    (1u << (TLB_PAGE_BITS - 1))  /* no entry */
#define TLB_NOTDIRTY        (1u << (TLB_PAGE_BITS - 2))  /* code page: stores
                                                            invalidate TBs */
#define TLB_MMIO            (1u << (TLB_PAGE_BITS - 3))  /* not RAM */
#define TLB_DISCARD_WRITE   (1u << (TLB_PAGE_BITS - 4))  /* ROM: ignore */
#define TLB_FLAGS_MASK      (TLB_INVALID_MASK | TLB_NOTDIRTY | TLB_MMIO | \
                             TLB_DISCARD_WRITE)

/* 32 bytes: entry index << CPU_TLB_ENTRY_BITS is its byte offset. */
#define CPU_TLB_ENTRY_BITS  5
typedef struct CPUTLBEntry {
    uint64_t addr_read;      /* page | flags, or -1 (no read access) */
    uint64_t addr_write;
    uint64_t addr_code;
    uintptr_t addend;        /* host address = guest vaddr + addend (RAM) */
} CPUTLBEntry;

/* Table sizes: they grow and shrink with use between these bounds. */
#define CPU_TLB_DYN_MIN_BITS     6
#define CPU_TLB_DYN_DEFAULT_BITS 8
#define CPU_TLB_DYN_MAX_BITS     16

/* What the inline fast path reads: keep these two words together. */
typedef struct CPUTLBDescFast {
    uintptr_t mask;          /* (n_entries - 1) << CPU_TLB_ENTRY_BITS */
    CPUTLBEntry *table;
} CPUTLBDescFast;

/*
 * Per-MMU-index slow-path state (sizing statistics, large-page range,
 * the full entries).  Private to cputlb.c.
 */
typedef struct CPUTLBDesc CPUTLBDesc;

/*
 * Lives in CPUState (field `tlb`).  tlb_init() allocates the tables;
 * a CPU must not run generated code in system mode before it.
 */
typedef struct CPUTLB {
    CPUTLBDescFast f[NB_MMU_MODES];
    CPUTLBDesc *d;           /* NB_MMU_MODES of them */
} CPUTLB;

#endif

/*
 * exec/cputlb.h: the soft TLB of system mode (softmmu/cputlb.c).
 *
 * Each CPU caches guest-virtual -> host translations per MMU index
 * (what the target means by one: EL0, EL1, EL1 with PAN...).  The
 * table is in CPUState, so generated code reaches it at a fixed offset
 * from env (tlb_fast_offset): the fast path the backend inlines for a
 * guest load is
 *
 *     entry = table[(addr >> (TLB_PAGE_BITS - CPU_TLB_ENTRY_BITS)) & mask]
 *     if ((addr & TLB_PAGE_MASK | align bits) == entry->addr_read)
 *         value = *(host *)(addr + entry->addend)
 *     else
 *         value = helper_ldq_mmu(env, addr, oi, retaddr)   (slow path)
 *
 * (mask is pre-shifted by CPU_TLB_ENTRY_BITS so it indexes bytes.)
 * Any flag bit in the low bits of addr_read/addr_write (MMIO, a page
 * with translated code, invalid) makes the compare fail, so every
 * special page goes down the slow path.  Accesses that cross a page
 * also fail it (the backend compares the address of the last byte's
 * page, or requires alignment).
 *
 * The slow path looks the page up, calls the target's tlb_fill on a
 * miss (which walks the guest page tables and calls tlb_set_page, or
 * raises the guest fault), then does RAM accesses on the host pointer
 * and MMIO through memory_region_dispatch_read/write with the global
 * lock held.  Stores to a page holding translated code invalidate the
 * TBs there first (tb_invalidate_phys_range), so self-modifying code
 * works; such pages keep TLB_NOTDIRTY in addr_write until their code is
 * gone.
 *
 * TLB pages are 4 KiB for every target; a target with larger pages (or
 * a block mapping) passes its size to tlb_set_page and the TLB inserts
 * the 4 KiB piece asked for, remembering the large range so a flush by
 * page of any address in it drops the whole range.
 *
 * Threads: a CPU's TLB is changed only by its own thread.  Flushes for
 * another CPU (the *_all_cpus_synced broadcasts, TLBI ...IS) are queued
 * to that CPU with async_run_on_cpu semantics and done before it runs
 * its next TB; with all vCPUs on one host thread (round-robin) they
 * happen at once.
 */
#ifndef EXEC_CPUTLB_H
#define EXEC_CPUTLB_H

#include <stdbool.h>
#include <stdint.h>

#include "exec/cpu.h"
#include "exec/tlb-common.h"
#include "exec/memory.h"
#include "tcg/memop.h"

#define TLB_PAGE_BITS       12
#define TLB_PAGE_SIZE       (1ull << TLB_PAGE_BITS)
#define TLB_PAGE_MASK       (~(uint64_t)(TLB_PAGE_SIZE - 1))

/* (TLB_PAGE_*, NB_MMU_MODES, TLB_* flags, CPUTLBEntry, CPUTLB: exec/tlb-common.h) */

/* Page protection given to tlb_set_page (the same values as user mode's). */
#ifndef PAGE_READ
#define PAGE_READ   0x0001
#define PAGE_WRITE  0x0002
#define PAGE_EXEC   0x0004
#endif

/* The slow path's view of one entry: where its page really is. */
typedef struct CPUTLBEntryFull {
    uint64_t phys_addr;      /* guest physical address of the page */
    MemoryRegion *mr;        /* the region there (RAM, ROM or MMIO) */
    uint64_t mr_offset;      /* offset of the page in mr */
    uint8_t prot;            /* PAGE_* */
    uint8_t lg_page_size;    /* as given to tlb_set_page */
    uint32_t attrs;          /* target bits (e.g. Device memory) */
} CPUTLBEntryFull;

/* Byte offset of f[mmu_idx] from env, for the backend's fast path. */
intptr_t tlb_fast_offset(unsigned mmu_idx);

/* Give a CPU its tables; as is the address space its accesses use. */
void tlb_init(CPUState *cs, AddressSpace *as);
void tlb_destroy(CPUState *cs);

/*
 * Insert the translation vaddr -> paddr for mmu_idx (both page
 * aligned to 1 << lg_page_size, which is >= TLB_PAGE_BITS).  Called
 * by a target's tlb_fill.  prot is PAGE_READ|WRITE|EXEC; attrs is kept
 * for the target (CPUTLBEntryFull.attrs).  The 4 KiB piece inserted is
 * the one holding the address tlb_fill was called for (when inside
 * this page), else the one vaddr names: callers may pass the large
 * page's base or the exact page.  A page that is not all RAM (I/O, a
 * hole, several ranges) gets TLB_MMIO; ROM and read-only RAM get
 * TLB_DISCARD_WRITE in addr_write.
 */
void tlb_set_page(CPUState *cs, uint64_t vaddr, uint64_t paddr, int prot,
                  unsigned mmu_idx, unsigned lg_page_size, uint32_t attrs);

/* Flushes of this CPU's TLB (call from its own thread or when stopped). */
void tlb_flush(CPUState *cs);
void tlb_flush_by_mmuidx(CPUState *cs, uint16_t idxmap);
void tlb_flush_page(CPUState *cs, uint64_t addr);
void tlb_flush_page_by_mmuidx(CPUState *cs, uint64_t addr, uint16_t idxmap);
/*
 * addr's page for the MMU indexes in idxmap, in a virtual address space
 * of `bits` significant bits (the rest ignored: top-byte-ignore and
 * sign extension; 64 = compare all).
 */
void tlb_flush_page_bits_by_mmuidx(CPUState *cs, uint64_t addr,
                                   uint16_t idxmap, unsigned bits);
/* The same on every CPU, done before any of them runs on (TLBI ...IS). */
void tlb_flush_all_cpus_synced(CPUState *src);
void tlb_flush_by_mmuidx_all_cpus_synced(CPUState *src, uint16_t idxmap);
void tlb_flush_page_by_mmuidx_all_cpus_synced(CPUState *src, uint64_t addr,
                                              uint16_t idxmap);
void tlb_flush_page_bits_by_mmuidx_all_cpus_synced(CPUState *src,
                                                   uint64_t addr,
                                                   uint16_t idxmap,
                                                   unsigned bits);

/*
 * Partial flushes for targets whose translations depend on a context
 * (an ASID) or whose address space has halves with their own table
 * base.  A target marks context-dependent entries by TLB_ATTR_NG in
 * the attrs it gives tlb_set_page (the bit is otherwise its own).
 * tlb_flush_masked_by_mmuidx drops, in the indexes of idxmap, every
 * entry whose page p has (p & va_mask) == va_match (none when va_mask
 * is 0) and, when ng, every TLB_ATTR_NG entry; the jump cache loses the
 * TBs that may start in or run into a dropped page.
 */
#define TLB_ATTR_NG     (1u << 31)
void tlb_flush_masked_by_mmuidx(CPUState *cs, uint16_t idxmap,
                                uint64_t va_mask, uint64_t va_match, bool ng);
void tlb_flush_masked_by_mmuidx_all_cpus_synced(CPUState *src,
                                                uint16_t idxmap,
                                                uint64_t va_mask,
                                                uint64_t va_match, bool ng);

/* Access types of tlb_fill and probe_access. */
typedef enum MMUAccessType {
    MMU_DATA_LOAD = 0,
    MMU_DATA_STORE = 1,
    MMU_INST_FETCH = 2,
} MMUAccessType;

/*
 * ---- for helpers: guest memory through the TLB ----
 *
 * cpu_ld*_mmu/cpu_st*_mmu take a MemOpIdx (size, byte order, alignment
 * and MMU index) and the host return address (GETPC() in a helper, 0
 * outside generated code); a fault raises the guest exception through
 * the target's tlb_fill, restoring the guest state from retaddr.
 */
uint8_t cpu_ldb_mmu(void *env, uint64_t addr, MemOpIdx oi, uintptr_t ra);
uint16_t cpu_ldw_mmu(void *env, uint64_t addr, MemOpIdx oi, uintptr_t ra);
uint32_t cpu_ldl_mmu(void *env, uint64_t addr, MemOpIdx oi, uintptr_t ra);
uint64_t cpu_ldq_mmu(void *env, uint64_t addr, MemOpIdx oi, uintptr_t ra);
void cpu_stb_mmu(void *env, uint64_t addr, uint8_t val, MemOpIdx oi,
                 uintptr_t ra);
void cpu_stw_mmu(void *env, uint64_t addr, uint16_t val, MemOpIdx oi,
                 uintptr_t ra);
void cpu_stl_mmu(void *env, uint64_t addr, uint32_t val, MemOpIdx oi,
                 uintptr_t ra);
void cpu_stq_mmu(void *env, uint64_t addr, uint64_t val, MemOpIdx oi,
                 uintptr_t ra);

/*
 * The host address of [addr, addr + size) (size <= one TLB page, not
 * crossing it) for access_type in mmu_idx, filling the TLB (and so
 * raising the guest fault) as needed.  NULL when the page is not RAM
 * (MMIO, ROM for a store): the caller falls back to cpu_ld/st_mmu.
 * A store to a code page invalidates its TBs first.
 */
void *probe_access(void *env, uint64_t addr, int size,
                   MMUAccessType access_type, unsigned mmu_idx,
                   uintptr_t retaddr);
/* The same without faulting: NULL on a miss tlb_fill cannot fill. */
void *probe_access_nofault(void *env, uint64_t addr, int size,
                           MMUAccessType access_type, unsigned mmu_idx);

/*
 * Instruction fetch for translators: the guest physical address of the
 * page holding pc (for the physical TB index), filling the code TLB;
 * a fault raises the prefetch abort (cpu_loop_exit).  *hostp gets the
 * host address of pc, NULL when the page is not RAM (then the
 * translator fetches with cpu_ldl_code).
 */
uint64_t get_page_addr_code_hostp(void *env, uint64_t pc, void **hostp);
uint32_t cpu_ldl_code(void *env, uint64_t pc);
uint16_t cpu_lduw_code(void *env, uint64_t pc);

/* Slow paths the backend calls from generated code (oi carries mmu_idx). */
uint64_t helper_ldub_mmu(void *env, uint64_t addr, MemOpIdx oi, uintptr_t ra);
uint64_t helper_lduw_mmu(void *env, uint64_t addr, MemOpIdx oi, uintptr_t ra);
uint64_t helper_ldul_mmu(void *env, uint64_t addr, MemOpIdx oi, uintptr_t ra);
uint64_t helper_ldq_mmu(void *env, uint64_t addr, MemOpIdx oi, uintptr_t ra);
void helper_stb_mmu(void *env, uint64_t addr, uint64_t val, MemOpIdx oi,
                    uintptr_t ra);
void helper_stw_mmu(void *env, uint64_t addr, uint64_t val, MemOpIdx oi,
                    uintptr_t ra);
void helper_stl_mmu(void *env, uint64_t addr, uint64_t val, MemOpIdx oi,
                    uintptr_t ra);
void helper_stq_mmu(void *env, uint64_t addr, uint64_t val, MemOpIdx oi,
                    uintptr_t ra);

/*
 * Physical pages with translated code: exec/ calls these when a page
 * gets its first TB / loses its last, so stores to it take the slow
 * path (every CPU's TLB entries for it get TLB_NOTDIRTY).
 */
void tlb_protect_code(uint64_t phys_page);
void tlb_unprotect_code(uint64_t phys_page);

/*
 * Wiring (done by tlb_init): tcg_softmmu_helpers (tcg/tcg.h) gets the
 * helper_*_mmu slow paths for generated code, tb_sys_ops (exec/tb.h)
 * the code-TLB services exec/ uses, and memory_set_ram_write_hook a
 * hook that invalidates TBs under memory-API writes (DMA).  A memory
 * listener on `as` flushes the CPU's TLB when the memory map changes.
 */

/* -d / make bench counters. */
typedef struct TLBStats {
    uint64_t fills, flushes_full, flushes_page, flushes_masked, flushes_large,
             slow_loads, slow_stores,
             mmio_loads, mmio_stores, code_invalidations, resizes,
             victim_hits;
} TLBStats;
extern TLBStats tlb_stats;

#endif

/*
 * mmu.c: a simple identity map for tests that need normal memory (with
 * the MMU off every data access is Device-nGnRnE: DC ZVA and unaligned
 * accesses fault there).  4K granule, 39-bit VA from TTBR0, one level-1
 * table of 1 GiB blocks: 0-1 GiB device (the board's MMIO), 1-2 GiB
 * normal write-back RAM, the rest invalid; TTBR1 walks disabled.
 */
#include "runtime.h"

#define SCTLR_RES1  0x30d00800ul    /* incl. SPAN: PAN kept on entry */
#define SCTLR_M     (1ul << 0)
#define SCTLR_C     (1ul << 2)
#define SCTLR_I     (1ul << 12)

/* TCR: T0SZ 25 (39 bits), WB-WA inner/outer, inner shareable, 4K,
   EPD1, IPS 40 bits. */
#define TCR_IDENT   (25ul | (1ul << 8) | (1ul << 10) | (3ul << 12) | \
                     (0ul << 14) | (1ul << 23) | (2ul << 32))

static uint64_t ident_l1[512] __attribute__((aligned(4096)));

void tlbi_all(void)
{
    dsb(ishst);
    __asm__ volatile("tlbi vmalle1" ::: "memory");
    dsb(ish);
    isb();
}

void mmu_identity_on(void)
{
    ident_l1[0] = 0x00000000ul | PTE_VALID | PTE_DEVICE;
    ident_l1[1] = 0x40000000ul | PTE_VALID | PTE_NORMAL;
    write_sysreg(mair_el1, MAIR_VALUE);
    write_sysreg(tcr_el1, TCR_IDENT);
    write_sysreg(ttbr0_el1, (uintptr_t)ident_l1);
    isb();
    tlbi_all();
    write_sysreg(sctlr_el1, SCTLR_RES1 | SCTLR_M | SCTLR_C | SCTLR_I);
    isb();
}

void mmu_off(void)
{
    write_sysreg(sctlr_el1, SCTLR_RES1);
    isb();
    tlbi_all();
}

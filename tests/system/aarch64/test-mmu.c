/*
 * test-mmu.c: the VMSAv8-64 stage-1 MMU at EL1, with translation tables
 * this program builds.
 *
 * 4K granule, 39-bit VA (walks start at level 1) then 48-bit VA (level
 * 0), TTBR0 and TTBR1; then the 64K granule with a 39-bit VA when
 * ID_AA64MMFR0_EL1 says it exists.  Low memory map (both sizes):
 *   0x00000000 1 GiB device block (UART, GIC)
 *   0x40000000 RAM, identity: the first 2 MiB in 4K pages (the image:
 *              EL0 code read-only/executable at EL0, EL0 data EL0 RW,
 *              the rest EL1 only), then 2 MiB blocks up to 128 MiB
 *   0x80000000 test pages (L3_test):
 *              +0x0000 -> page A             +0x1000 invalid
 *              +0x2000 -> page B read-only   +0x3000 -> page C, AF = 0
 *              +0x4000 -> page D EL1 only    +0x5000 -> page E EL0 RW
 *              +0x6000 -> page A, then B (TLBI)
 *              +0x7000 -> the EL0 code page, PXN (EL1 cannot run it)
 *   0x80200000 invalid level-2 entry;  0xc0000000 invalid level-1 entry
 * TTBR1: 0xffffff8000000000 (39-bit) / 0xffff000000000000 (48-bit)
 * -> page A, the next page invalid.
 * Faults are checked for ESR (EC, DFSC with the level, WnR) and the exact
 * FAR; a faulting load leaves its sentinel in the destination register.
 */
#include "runtime.h"

#define SCTLR_RES1  0x30d00800ul
#define SCTLR_M     (1ul << 0)
#define SCTLR_C     (1ul << 2)
#define SCTLR_I     (1ul << 12)

#define TCR_T0SZ(n)     ((uint64_t)(n))
#define TCR_T1SZ(n)     ((uint64_t)(n) << 16)
#define TCR_WALK0       ((1ul << 8) | (1ul << 10) | (3ul << 12))
#define TCR_WALK1       ((1ul << 24) | (1ul << 26) | (3ul << 28))
#define TCR_TG0_4K      (0ul << 14)
#define TCR_TG0_64K     (1ul << 14)
#define TCR_TG1_4K      (2ul << 30)
#define TCR_EPD1        (1ul << 23)
#define TCR_IPS_40      (2ul << 32)

#define SENTINEL        0x5e5e5e5e5e5e5e5eul
#define MAGIC(i)        (0x1111000000000000ul * ((i) + 1) + 0xabcd)

#define TEST_VA         0x80000000ul

typedef uint64_t Table[512] __attribute__((aligned(4096)));

static Table l0_lo, l1_lo, l1_lo48, l2_ram, l3_img, l2_test, l3_test;
static Table l0_hi, l1_hi, l2_hi, l3_hi;
/* A second TTBR0 tree for the ASID test: as l1_lo, but 0x80006000
   maps page B (not global). */
static Table l1_asid, l2_asid, l3_asid;
/* Pages A..E. */
static uint64_t pages[5][512] __attribute__((aligned(4096)));
enum { PA_, PB, PC, PD, PE };

/* 64K granule: a 1024-entry level-2 table, an 8192-entry level 3, one
   64K page. */
static uint64_t l2_64k[1024] __attribute__((aligned(65536)));
static uint64_t l3_64k[8192] __attribute__((aligned(65536)));
static uint64_t page64[8192] __attribute__((aligned(65536)));

extern char __el0_text_start[], __el0_text_end[];
extern char __el0_data_start[], __el0_data_end[];

static uint64_t rd64(uint64_t va)
{
    uint64_t v = SENTINEL;
    __asm__ volatile("ldr %0, [%1]" : "+r"(v) : "r"(va) : "memory");
    return v;
}

static void wr64(uint64_t va, uint64_t v)
{
    __asm__ volatile("str %0, [%1]" : : "r"(v), "r"(va) : "memory");
}

/* LDTR: an EL1 load checked with EL0 permissions. */
static uint64_t rd64_unpriv(uint64_t va)
{
    uint64_t v = SENTINEL;
    __asm__ volatile("ldtr %0, [%1]" : "+r"(v) : "r"(va) : "memory");
    return v;
}

__attribute__((section(".el0text"), noinline))
static uint64_t el0_read(uint64_t va)
{
    uint64_t v = SENTINEL;
    __asm__ volatile("ldr %0, [%1]" : "+r"(v) : "r"(va) : "memory");
    return v;
}

__attribute__((section(".el0text"), noinline))
static uint64_t el0_ret7(uint64_t x)
{
    return 7;
}

static void check_fault(const char *what, unsigned ec, unsigned fsc, bool wnr,
                        uint64_t far)
{
    bool ok = exc_last.count == 1 && ESR_EC(exc_last.esr) == ec &&
        ESR_FSC(exc_last.esr) == fsc && exc_last.far == far &&
        (ec == EC_IABT_CUR || !!(exc_last.esr & ESR_WNR) == wnr);
    tap_check(ok, "%s: EC 0x%x FSC 0x%02x%s FAR 0x%lx", what, ec, fsc,
              wnr ? " WnR" : "", far);
    if (!ok) {
        rt_printf("#   got %u exception(s): ESR 0x%lx FAR 0x%lx ELR 0x%lx\n",
                  exc_last.count, exc_last.esr, exc_last.far, exc_last.elr);
    }
}

static void check_no_fault(const char *what, uint64_t got, uint64_t want)
{
    bool ok = exc_last.count == 0 && got == want;
    tap_check(ok, "%s", what);
    if (!ok) {
        rt_printf("#   %u exception(s) (ESR 0x%lx FAR 0x%lx), value 0x%lx, want 0x%lx\n",
                  exc_last.count, exc_last.esr, exc_last.far, got, want);
    }
}

static void tlbi_va(uint64_t va)
{
    dsb(ishst);
    __asm__ volatile("tlbi vae1is, %0" : : "r"(va >> 12) : "memory");
    dsb(ish);
    isb();
}

static void mmu_enable(uint64_t tcr, uint64_t ttbr0, uint64_t ttbr1)
{
    write_sysreg(sctlr_el1, SCTLR_RES1);
    isb();
    write_sysreg(mair_el1, MAIR_VALUE);
    write_sysreg(tcr_el1, tcr);
    write_sysreg(ttbr0_el1, ttbr0);
    write_sysreg(ttbr1_el1, ttbr1);
    isb();
    tlbi_all();
    write_sysreg(sctlr_el1, SCTLR_RES1 | SCTLR_M | SCTLR_C | SCTLR_I);
    isb();
}

static uint64_t table(void *t) { return (uintptr_t)t | PTE_VALID | PTE_TABLE; }
static uint64_t page(void *p, uint64_t attrs)
{
    return (uintptr_t)p | PTE_VALID | PTE_PAGE | attrs;
}

static void build_tables(void)
{
    uintptr_t a;
    int i;

    for (i = 0; i < 5; i++) {
        pages[i][0] = MAGIC(i);
        pages[i][1] = ~MAGIC(i);
    }
    /* Low half, levels 1-3 (shared by the 39- and 48-bit set-ups). */
    l1_lo[0] = 0x00000000ul | PTE_VALID | PTE_DEVICE;
    l1_lo[1] = table(l2_ram);
    l1_lo[2] = table(l2_test);
    l2_ram[0] = table(l3_img);
    for (i = 1; i < 64; i++) {
        l2_ram[i] = (VIRT_RAM + ((uint64_t)i << 21)) | PTE_VALID | PTE_NORMAL | PTE_UXN;
    }
    for (i = 0; i < 512; i++) {
        a = VIRT_RAM + ((uint64_t)i << 12);
        uint64_t attrs = PTE_NORMAL | PTE_UXN;
        if (a >= (uintptr_t)__el0_text_start && a < (uintptr_t)__el0_text_end) {
            attrs = PTE_NORMAL | PTE_AP_EL0 | PTE_AP_RO;
        } else if (a >= (uintptr_t)__el0_data_start && a < (uintptr_t)__el0_data_end) {
            attrs = PTE_NORMAL | PTE_AP_EL0 | PTE_UXN | PTE_PXN;
        }
        l3_img[i] = a | PTE_VALID | PTE_PAGE | attrs;
    }
    l2_test[0] = table(l3_test);
    l3_test[0] = page(pages[PA_], PTE_NORMAL | PTE_UXN | PTE_PXN);
    l3_test[2] = page(pages[PB], PTE_NORMAL | PTE_AP_RO | PTE_UXN | PTE_PXN);
    l3_test[3] = page(pages[PC], (PTE_NORMAL & ~PTE_AF) | PTE_UXN | PTE_PXN);
    l3_test[4] = page(pages[PD], PTE_NORMAL | PTE_UXN | PTE_PXN);
    l3_test[5] = page(pages[PE], PTE_NORMAL | PTE_AP_EL0 | PTE_UXN | PTE_PXN);
    l3_test[6] = page(pages[PA_], PTE_NORMAL | PTE_UXN | PTE_PXN);
    l3_test[7] = page(__el0_text_start, PTE_NORMAL | PTE_PXN);
    /* 48-bit: level 0 on top; 0x8000000000 (L0[1]) -> L1[0] -> l2_test. */
    l0_lo[0] = table(l1_lo);
    l0_lo[1] = table(l1_lo48);
    l1_lo48[0] = table(l2_test);
    /* High half. */
    l0_hi[0] = table(l1_hi);
    l1_hi[0] = table(l2_hi);
    l2_hi[0] = table(l3_hi);
    l3_hi[0] = page(pages[PA_], PTE_NORMAL | PTE_UXN | PTE_PXN);
}

/* Instruction aborts at EL1 come from a BLR: resume at the caller. */
static bool iabt_handler(ExcFrame *f, int vec)
{
    if (ESR_EC(f->esr) != EC_IABT_CUR) {
        return false;
    }
    exc_last.count++;
    exc_last.vec = vec;
    exc_last.esr = f->esr;
    exc_last.elr = f->elr;
    exc_last.far = f->far;
    f->elr = f->x[30];
    f->x[0] = SENTINEL;
    return true;
}

/* "a: b" into buf. */
static const char *cat2(char *buf, size_t n, const char *a, const char *b)
{
    size_t i = 0;
    while (*a && i + 1 < n) {
        buf[i++] = *a++;
    }
    for (a = ": "; *a && i + 1 < n; ) {
        buf[i++] = *a++;
    }
    while (*b && i + 1 < n) {
        buf[i++] = *b++;
    }
    buf[i] = 0;
    return buf;
}

static void test_common(const char *sz, uint64_t hi_va, uint64_t hi_bad_va)
{
    uint64_t v;
    char what[96];

#define W(s) cat2(what, sizeof(what), sz, s)
    exc_reset();
    v = rd64(TEST_VA);
    check_no_fault(W("read through a remapped page"), v, MAGIC(PA_));
    exc_reset();
    wr64(TEST_VA + 8, 0x1234);
    check_no_fault(W("write through it reaches the physical page"), pages[PA_][1], 0x1234);
    pages[PA_][1] = ~MAGIC(PA_);

    exc_reset();
    v = rd64(TEST_VA + 0x1ab8);
    tap_eq(v, SENTINEL, W("load from an unmapped page leaves the register"));
    check_fault(W("translation fault, level 3"), EC_DABT_CUR, FSC_TRANS(3), false,
                TEST_VA + 0x1ab8);
    exc_reset();
    wr64(TEST_VA + 0x200000 + 0x10, 1);
    check_fault(W("translation fault, level 2 (write)"), EC_DABT_CUR, FSC_TRANS(2), true,
                TEST_VA + 0x200010);
    exc_reset();
    rd64(0xc0000000ul + 0x123458);
    check_fault(W("translation fault, level 1"), EC_DABT_CUR, FSC_TRANS(1), false,
                0xc0123458ul);

    exc_reset();
    v = rd64(TEST_VA + 0x2000);
    check_no_fault(W("read of a read-only page"), v, MAGIC(PB));
    exc_reset();
    wr64(TEST_VA + 0x2010, 77);
    check_fault(W("write to a read-only page: permission fault"), EC_DABT_CUR, FSC_PERM(3),
                true, TEST_VA + 0x2010);
    tap_eq(pages[PB][2], 0, W("the read-only page is unchanged"));

    exc_reset();
    v = rd64(TEST_VA + 0x3008);
    check_fault(W("AF = 0 with TCR.HA = 0: access flag fault"), EC_DABT_CUR, FSC_ACCESS(3),
                false, TEST_VA + 0x3008);
    l3_test[3] |= PTE_AF;
    tlbi_va(TEST_VA + 0x3000);
    exc_reset();
    v = rd64(TEST_VA + 0x3000);
    check_no_fault(W("after setting AF the page reads"), v, MAGIC(PC));
    l3_test[3] &= ~PTE_AF;
    tlbi_va(TEST_VA + 0x3000);

    /* TLB maintenance: the old translation is cached, the new one is seen
       after TLBI VAE1IS. */
    exc_reset();
    v = rd64(TEST_VA + 0x6000);
    check_no_fault(W("page 6 maps page A"), v, MAGIC(PA_));
    l3_test[6] = page(pages[PB], PTE_NORMAL | PTE_UXN | PTE_PXN);
    tlbi_va(TEST_VA + 0x6000);
    v = rd64(TEST_VA + 0x6000);
    check_no_fault(W("after a PTE change and TLBI VAE1IS it maps page B"), v, MAGIC(PB));
    l3_test[6] = 0;
    dsb(ishst);
    __asm__ volatile("tlbi vmalle1" ::: "memory");
    dsb(ish);
    isb();
    exc_reset();
    rd64(TEST_VA + 0x6000);
    check_fault(W("after invalidating the PTE and TLBI VMALLE1 it faults"), EC_DABT_CUR,
                FSC_TRANS(3), false, TEST_VA + 0x6000);
    l3_test[6] = page(pages[PA_], PTE_NORMAL | PTE_UXN | PTE_PXN);
    tlbi_va(TEST_VA + 0x6000);

    /* Pairs (LDP/STP): one TLB check in the fast path; across a page
       boundary each element is translated on its own page. */
    {
        uint64_t lo = SENTINEL, hi = SENTINEL;
        uint32_t wlo, whi;

        pages[PA_][510] = 0x1010;
        pages[PA_][511] = 0x2020;
        exc_reset();
        __asm__ volatile("ldp %0, %1, [%2]" : "+r"(lo), "+r"(hi)
                         : "r"(TEST_VA + 0xff0) : "memory");
        check_no_fault(W("LDP of the last 16 bytes of a page"), lo + (hi << 32),
                       0x1010 + (0x2020ul << 32));
        exc_reset();
        __asm__ volatile("ldp %0, %1, [%2]" : "+r"(lo), "+r"(hi)
                         : "r"(TEST_VA + 0x4ff8) : "memory");
        check_no_fault(W("LDP across a page boundary reads both physical pages"),
                       lo == pages[PD][511] && hi == MAGIC(PE), 1);
        exc_reset();
        __asm__ volatile("stp %0, %1, [%2]" : : "r"(0xaaaaul), "r"(0xbbbbul),
                         "r"(TEST_VA + 0x4ff8) : "memory");
        check_no_fault(W("STP across a page boundary writes both physical pages"),
                       pages[PD][511] == 0xaaaa && pages[PE][0] == 0xbbbb, 1);
        pages[PE][0] = MAGIC(PE);
        exc_reset();
        __asm__ volatile("ldp %0, %1, [%2]" : "+r"(lo), "+r"(hi)
                         : "r"(TEST_VA + 0xff8) : "memory");
        check_fault(W("LDP whose second element is unmapped faults on it"), EC_DABT_CUR,
                    FSC_TRANS(3), false, TEST_VA + 0x1000);
        exc_reset();
        __asm__ volatile("stp %0, %1, [%2]" : : "r"(1ul), "r"(2ul),
                         "r"(TEST_VA + 0xff8) : "memory");
        check_fault(W("STP whose second element is unmapped faults on it"), EC_DABT_CUR,
                    FSC_TRANS(3), true, TEST_VA + 0x1000);
        exc_reset();
        __asm__ volatile("stp %0, %1, [%2]" : : "r"(1ul), "r"(2ul),
                         "r"(TEST_VA + 0x1ff8) : "memory");
        check_fault(W("STP whose first element is unmapped faults on it"), EC_DABT_CUR,
                    FSC_TRANS(3), true, TEST_VA + 0x1ff8);
        tap_eq(pages[PB][0], MAGIC(PB), W("the page after it is unchanged"));
        pages[PA_][2] = 0x7fffffff80000001ul;
        exc_reset();
        __asm__ volatile("ldpsw %0, %1, [%2]" : "=r"(lo), "=r"(hi)
                         : "r"(TEST_VA + 0x10) : "memory");
        check_no_fault(W("LDPSW sign-extends each word"),
                       lo == 0xffffffff80000001ul && hi == 0x7fffffff, 1);
        exc_reset();
        __asm__ volatile("ldp %w0, %w1, [%2]" : "=r"(wlo), "=r"(whi)
                         : "r"(TEST_VA + 0x10) : "memory");
        check_no_fault(W("LDP W zero-extends each word"),
                       wlo == 0x80000001u && whi == 0x7fffffffu, 1);
        exc_reset();
        __asm__ volatile("stp %w0, %w1, [%2]" : : "r"(0x11223344u), "r"(0x55667788u),
                         "r"(TEST_VA + 0x10) : "memory");
        check_no_fault(W("STP W stores the words in order"), pages[PA_][2],
                       0x5566778811223344ul);
        pages[PA_][2] = 0;
        pages[PA_][510] = pages[PA_][511] = 0;
    }

    /* EL0. */
    exc_reset();
    v = run_at_el0(el0_ret7, 0);
    check_no_fault(W("EL0 runs code from its EL0-executable page"), v, 7);
    exc_reset();
    v = run_at_el0(el0_read, TEST_VA + 0x5000);
    check_no_fault(W("EL0 reads an EL0 page"), v, MAGIC(PE));
    exc_reset();
    v = run_at_el0(el0_read, TEST_VA + 0x4010);
    tap_eq(v, SENTINEL, W("EL0 read of an EL1-only page returns nothing"));
    check_fault(W("EL0 read of an EL1-only page: permission fault"), EC_DABT_LOW,
                FSC_PERM(3), false, TEST_VA + 0x4010);
    exc_reset();
    v = rd64_unpriv(TEST_VA + 0x4018);
    check_fault(W("LDTR at EL1 of an EL1-only page faults"), EC_DABT_CUR,
                FSC_PERM(3), false, TEST_VA + 0x4018);
    exc_reset();
    v = rd64_unpriv(TEST_VA + 0x5000);
    check_no_fault(W("LDTR at EL1 of an EL0 page"), v, MAGIC(PE));

    /* Execute-never. */
    exc_reset();
    exc_handler = iabt_handler;
    v = ((uint64_t (*)(uint64_t))(TEST_VA + 0x7000 +
         ((uintptr_t)el0_ret7 - (uintptr_t)__el0_text_start)))(0);
    exc_handler = 0;
    check_fault(W("EL1 branch to a PXN page: instruction abort"), EC_IABT_CUR,
                FSC_PERM(3), false,
                TEST_VA + 0x7000 + ((uintptr_t)el0_ret7 - (uintptr_t)__el0_text_start));

    /* TTBR1. */
    exc_reset();
    v = rd64(hi_va);
    check_no_fault(W("TTBR1: read of the high page"), v, MAGIC(PA_));
    exc_reset();
    rd64(hi_va + 0x1ff8);
    check_fault(W("TTBR1: translation fault, level 3"), EC_DABT_CUR, FSC_TRANS(3), false,
                hi_va + 0x1ff8);
    exc_reset();
    rd64(hi_bad_va);
    check_fault(W("TTBR1: translation fault, level 0 (outside the tables)"), EC_DABT_CUR,
                FSC_TRANS(0), false, hi_bad_va);
#undef W
}

/* ASIDs: two TTBR0 trees tagged 1 and 2 map TEST_VA + 0x6000 (nG)
   to pages A and B; switching TTBR0 alone must select the right one, and
   TLBI ASIDE1 invalidates one ASID's entries. */
static void test_asid(void)
{
    const uint64_t va = TEST_VA + 0x6000, ng = PTE_NORMAL | PTE_NG | PTE_UXN | PTE_PXN;
    uint64_t v1, v2, v3;
    int i;

    for (i = 0; i < 512; i++) {
        l1_asid[i] = l1_lo[i];
        l2_asid[i] = l2_test[i];
        l3_asid[i] = l3_test[i];
    }
    l1_asid[2] = table(l2_asid);
    l2_asid[0] = table(l3_asid);
    l3_test[6] = page(pages[PA_], ng);
    l3_asid[6] = page(pages[PB], ng);
    dsb(ishst);
    tlbi_all();

    exc_reset();
    write_sysreg(ttbr0_el1, (1ul << 48) | (uintptr_t)l1_lo);
    isb();
    v1 = rd64(va);
    write_sysreg(ttbr0_el1, (2ul << 48) | (uintptr_t)l1_asid);
    isb();
    v2 = rd64(va);
    write_sysreg(ttbr0_el1, (1ul << 48) | (uintptr_t)l1_lo);
    isb();
    v3 = rd64(va);
    tap_check(exc_last.count == 0 && v1 == MAGIC(PA_) && v2 == MAGIC(PB) && v3 == MAGIC(PA_),
              "ASID 1 / 2 / 1: page A / B / A through non-global entries");
    /* Change ASID 2's mapping, invalidate ASID 2 only, switch to it. */
    l3_asid[6] = page(pages[PC], ng | PTE_AF);
    dsb(ishst);
    __asm__ volatile("tlbi aside1is, %0" : : "r"(2ul << 48) : "memory");
    dsb(ish);
    isb();
    write_sysreg(ttbr0_el1, (2ul << 48) | (uintptr_t)l1_asid);
    isb();
    v2 = rd64(va);
    tap_eq(v2, MAGIC(PC), "after TLBI ASIDE1IS of ASID 2 its new mapping is used");
    write_sysreg(ttbr0_el1, (1ul << 48) | (uintptr_t)l1_lo);
    isb();
    tap_eq(rd64(va), MAGIC(PA_), "ASID 1 still maps page A");
    write_sysreg(ttbr0_el1, (uintptr_t)l1_lo);
    l3_test[6] = page(pages[PA_], PTE_NORMAL | PTE_UXN | PTE_PXN);
    dsb(ishst);
    tlbi_all();
}

static void test_pan(void)
{
    uint64_t v;
    if (((read_sysreg(id_aa64mmfr1_el1) >> 20) & 0xf) == 0) {
        tap_skip("PAN blocks EL1 reads of EL0 pages", "no FEAT_PAN on this CPU");
        tap_skip("PAN: LDTR still reads EL0 pages", "no FEAT_PAN on this CPU");
        tap_skip("PAN cleared: EL1 reads EL0 pages", "no FEAT_PAN on this CPU");
        return;
    }
    __asm__ volatile(".inst 0xd500419f" ::: "memory");      /* msr pan, #1 */
    tap_eq(read_sysreg(s3_0_c4_c2_3) >> 22 & 1, 1, "PSTATE.PAN reads 1 after MSR PAN, #1");
    exc_reset();
    v = rd64(TEST_VA + 0x5008);
    check_fault("PAN blocks EL1 reads of EL0 pages", EC_DABT_CUR, FSC_PERM(3), false,
                TEST_VA + 0x5008);
    exc_reset();
    v = rd64_unpriv(TEST_VA + 0x5000);
    check_no_fault("PAN: LDTR still reads EL0 pages", v, MAGIC(PE));
    __asm__ volatile(".inst 0xd500409f" ::: "memory");      /* msr pan, #0 */
    exc_reset();
    v = rd64(TEST_VA + 0x5000);
    check_no_fault("PAN cleared: EL1 reads EL0 pages", v, MAGIC(PE));
}

static void test_64k(void)
{
    uint64_t v;
    if (((read_sysreg(id_aa64mmfr0_el1) >> 24) & 0xf) != 0) {
        tap_skip("64K granule", "not supported by this CPU");
        return;
    }
    l2_64k[0] = 0x00000000ul | PTE_VALID | PTE_DEVICE;
    l2_64k[2] = 0x40000000ul | PTE_VALID | PTE_NORMAL;
    l2_64k[4] = table(l3_64k);
    l3_64k[0] = page(page64, PTE_NORMAL | PTE_UXN | PTE_PXN);
    l3_64k[2] = page(page64, PTE_NORMAL | PTE_AP_RO | PTE_UXN | PTE_PXN);
    page64[0x9008 / 8] = 0x6464646464646464ul;
    mmu_enable(TCR_T0SZ(25) | TCR_WALK0 | TCR_TG0_64K | TCR_EPD1 | TCR_IPS_40,
               (uintptr_t)l2_64k, 0);
    exc_reset();
    v = rd64(TEST_VA + 0x9008);
    check_no_fault("64K granule: read at offset 0x9008 of a 64K page", v, 0x6464646464646464ul);
    exc_reset();
    rd64(TEST_VA + 0x10000 + 0xfff0);
    check_fault("64K granule: translation fault, level 3", EC_DABT_CUR, FSC_TRANS(3), false,
                TEST_VA + 0x1fff0);
    exc_reset();
    wr64(TEST_VA + 0x20000 + 0x9008, 1);
    check_fault("64K granule: write to a read-only page", EC_DABT_CUR, FSC_PERM(3), true,
                TEST_VA + 0x29008);
    exc_reset();
    rd64(TEST_VA + 0x20000000ul);
    check_fault("64K granule: translation fault, level 2", EC_DABT_CUR, FSC_TRANS(2), false,
                TEST_VA + 0x20000000ul);
}

int main(void)
{
    build_tables();

    mmu_enable(TCR_T0SZ(25) | TCR_T1SZ(25) | TCR_WALK0 | TCR_WALK1 | TCR_TG0_4K |
               TCR_TG1_4K | TCR_IPS_40, (uintptr_t)l1_lo, (uintptr_t)l1_hi);
    tap_eq(read_sysreg(sctlr_el1) & 1, 1, "39-bit VA: MMU on, still running");
    exc_reset();
    rd64(0x0000008000000000ul);
    check_fault("39-bit VA: address above 2^39 in TTBR0 range: level 0 fault", EC_DABT_CUR,
                FSC_TRANS(0), false, 0x0000008000000000ul);
    test_common("39-bit", 0xffffff8000000000ul, 0xffff000000000000ul);
    test_asid();
    test_pan();

    mmu_enable(TCR_T0SZ(16) | TCR_T1SZ(16) | TCR_WALK0 | TCR_WALK1 | TCR_TG0_4K |
               TCR_TG1_4K | TCR_IPS_40, (uintptr_t)l0_lo, (uintptr_t)l0_hi);
    tap_eq(read_sysreg(sctlr_el1) & 1, 1, "48-bit VA: MMU on, still running");
    exc_reset();
    uint64_t v = rd64(0x0000008000000000ul);
    check_no_fault("48-bit VA: read at 0x8000000000 through level 0 entry 1", v, MAGIC(PA_));
    exc_reset();
    rd64(0x0000010000000040ul);
    check_fault("48-bit VA: translation fault, level 0", EC_DABT_CUR, FSC_TRANS(0), false,
                0x0000010000000040ul);
    test_common("48-bit", 0xffff000000000000ul, 0xffffff8000000000ul);

    test_64k();
    write_sysreg(sctlr_el1, SCTLR_RES1);
    isb();
    tap_eq(read_sysreg(sctlr_el1) & 1, 0, "MMU off again");
    return 0;
}

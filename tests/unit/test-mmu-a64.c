/*
 * test-mmu-a64.c: the VMSAv8-64 stage 1 walk (target-arm/mmu-a64.c)
 * against hand-built translation tables in a small fake physical memory.
 *
 * Every expected value is worked out by hand in the comment next to it:
 * table indices from the VA bits each level uses, the output address
 * from the descriptor plus the VA bits below the page or block size,
 * permissions from AP[2:1]/UXN/PXN/WXN/PAN as Arm ARM D8 tabulates them,
 * and ESR = EC << 26 | IL (1 << 25) | ISS.
 */
#include <stdlib.h>
#include <string.h>

#include "target-arm/mmu-a64.h"
#include "tests/unit/tap.h"

/* ---- fake physical memory: 4 MB of RAM at 0x40000000 ---- */

#define RAM_BASE    0x40000000ULL
#define RAM_SIZE    (4u << 20)

static uint8_t ram[RAM_SIZE];
static unsigned cas_calls;
static bool cas_interfere;          /* next CAS: change memory, fail */

static bool in_ram(uint64_t pa)
{
    return pa >= RAM_BASE && pa + 8 <= RAM_BASE + RAM_SIZE;
}

static uint64_t rd(uint64_t pa)
{
    uint64_t v = 0;
    int i;

    for (i = 7; i >= 0; i--) {
        v = v << 8 | ram[pa - RAM_BASE + i];
    }
    return v;
}

static void wr(uint64_t pa, uint64_t v)
{
    int i;

    for (i = 0; i < 8; i++) {
        ram[pa - RAM_BASE + i] = v >> (8 * i);
    }
}

static bool fake_read64(void *opaque, uint64_t pa, uint64_t *val)
{
    (void)opaque;
    if (!in_ram(pa)) {
        return false;
    }
    *val = rd(pa);
    return true;
}

static ArmMMUCas fake_cas64(void *opaque, uint64_t pa, uint64_t old,
                            uint64_t new)
{
    (void)opaque;
    cas_calls++;
    if (!in_ram(pa)) {
        return ARM_MMU_CAS_ERROR;
    }
    if (cas_interfere) {
        /* Another CPU sets software bit 55 just before our update. */
        cas_interfere = false;
        wr(pa, rd(pa) | (1ULL << 55));
    }
    if (rd(pa) != old) {
        return ARM_MMU_CAS_CHANGED;
    }
    wr(pa, new);
    return ARM_MMU_CAS_OK;
}

static const ArmMMUPhys phys = { fake_read64, fake_cas64, NULL };
static const ArmMMUPhys phys_nocas = { fake_read64, NULL, NULL };

/* ---- descriptors ---- */

#define AF          (1ULL << 10)
#define NG          (1ULL << 11)
#define AP_EL0      (1ULL << 6)     /* AP[1] */
#define AP_RO       (1ULL << 7)     /* AP[2] */
#define DBM         (1ULL << 51)
#define PXN         (1ULL << 53)
#define UXN         (1ULL << 54)
#define PXNTABLE    (1ULL << 59)
#define UXNTABLE    (1ULL << 60)
#define APTABLE0    (1ULL << 61)
#define APTABLE1    (1ULL << 62)
#define ATTR(i)     ((uint64_t)(i) << 2)
#define SH(s)       ((uint64_t)(s) << 8)

#define TABLE(pa)   ((pa) | 3)
#define PAGE(pa)    ((pa) | 3 | AF)
#define BLOCK(pa)   ((pa) | 1 | AF)

/* MAIR: attr0 0xff (Normal WB), attr1 0x44 (Normal NC), attr2 0x04 (Device-nGnRE) */
#define MAIR        0x00000000000444ffULL

#define TCR_T0SZ(n) ((uint64_t)(n))
#define TCR_T1SZ(n) ((uint64_t)(n) << 16)
#define TCR_TG0_4K  (0ULL << 14)
#define TCR_TG0_64K (1ULL << 14)
#define TCR_TG0_16K (2ULL << 14)
#define TCR_TG1_4K  (2ULL << 30)
#define TCR_IPS(n)  ((uint64_t)(n) << 32)

/* ---- helpers ---- */

static ArmMMUResult res;

static bool xlate(const ArmMMUState *st, uint64_t va, ArmMMUAccessType type,
                  int el)
{
    ArmMMUAccess acc = { .va = va, .type = type, .el = el };

    memset(&res, 0x5a, sizeof(res));
    return arm_mmu_translate(st, &acc, &phys, &res);
}

static bool xlate_acc(const ArmMMUState *st, const ArmMMUAccess *acc,
                      const ArmMMUPhys *p)
{
    memset(&res, 0x5a, sizeof(res));
    return arm_mmu_translate(st, acc, p, &res);
}

static bool ok_pa(bool ok, uint64_t pa, unsigned shift, int level)
{
    if (!ok || res.pa != pa || res.page_shift != shift || res.level != level) {
        tap_diag("ok %d pa %#llx shift %u level %d fault %d/%d esr %#x",
                 ok, (unsigned long long)res.pa, res.page_shift, res.level,
                 res.fault.type, res.fault.level, res.fault.esr);
        return false;
    }
    return res.fault.type == ARM_MMU_FAULT_NONE;
}

static bool is_fault(bool ok, ArmMMUFaultType type, int level, uint32_t esr,
                     uint64_t far)
{
    if (ok || res.fault.type != type || res.fault.level != level ||
        res.fault.esr != esr || res.fault.far != far ||
        res.fault.fsc != (esr & 0x3f) || res.fault.ec != esr >> 26 ||
        res.fault.iss != (esr & 0x1ffffff)) {
        tap_diag("ok %d fault %d level %d esr %#x far %#llx", ok,
                 res.fault.type, res.fault.level, res.fault.esr,
                 (unsigned long long)res.fault.far);
        return false;
    }
    return true;
}

static const char *prot_str(unsigned p, char *buf)
{
    buf[0] = p & ARM_MMU_PROT_R ? 'r' : '-';
    buf[1] = p & ARM_MMU_PROT_W ? 'w' : '-';
    buf[2] = p & ARM_MMU_PROT_X ? 'x' : '-';
    buf[3] = 0;
    return buf;
}

static bool prot_is(unsigned p, const char *want)
{
    char buf[4];

    if (strcmp(prot_str(p, buf), want)) {
        tap_diag("prot %s, want %s", buf, want);
        return false;
    }
    return true;
}

/*
 * The 4K granule, 48-bit VA tables (T0SZ=16: start level 0, 9 index
 * bits per level: L0 va[47:39], L1 va[38:30], L2 va[29:21], L3 va[20:12]).
 *   L0 0x40000000: [1] table 0x40001000, [2] invalid, [3] "block" (bad)
 *   L1 0x40001000: [5] table 0x40002000, [6] 1G block 0x80_4000_0000
 *   L2 0x40002000: [3] table 0x40003000, [4] 2M block 0x1_2340_0000,
 *                  [5] table 0x70000000 (no RAM), [6] 2M block no AF,
 *                  [7] table 0x1_0000_0000 (above 4 GB)
 *   L3 0x40003000: [7] page 0x87654000 (attr 1, SH 3, nG), [8] page no AF,
 *                  [9] invalid, [10] bits 01 (reserved at level 3)
 * TTBR1 (T1SZ=16, 4K):
 *   L0 0x40010000 [511] -> L1 0x40011000 [0] -> L2 0x40012000 [1]
 *   -> L3 0x40013000 [1] page 0x44445000
 */
#define VA_PAGE     0x0000008140607abcULL   /* 1<<39|5<<30|3<<21|7<<12|0xabc */
#define VA_2M       0x0000008140812345ULL   /* 1<<39|5<<30|4<<21|0x12345 */
#define VA_1G       0x0000008192345678ULL   /* 1<<39|6<<30|0x12345678 */
#define VA_NOAF     0x0000008140608000ULL   /* L3[8] */
#define VA_INVAL3   0x0000008140609000ULL   /* L3[9] */
#define VA_BAD3     0x000000814060a000ULL   /* L3[10] */
#define VA_NORAM    0x0000008140a00000ULL   /* 1<<39|5<<30|5<<21 */
#define VA_2M_NOAF  0x0000008140c00000ULL   /* 1<<39|5<<30|6<<21 */
#define VA_HIGHTBL  0x0000008140e00000ULL   /* 1<<39|5<<30|7<<21 */
#define VA_INVAL0   0x0000010000000000ULL   /* 2<<39 */
#define VA_BLOCK0   0x0000018000000000ULL   /* 3<<39 */
#define VA_HI       0xffffff8000201123ULL   /* L0 511, L1 0, L2 1, L3 1 */
#define L3_PAGE_ADDR 0x40003038ULL          /* L3 + 7 * 8 */
#define L3_NOAF_ADDR 0x40003040ULL          /* L3 + 8 * 8 */

static void build_4k48(void)
{
    memset(ram, 0, sizeof(ram));
    wr(0x40000008, TABLE(0x40001000));
    wr(0x40000018, 0x0000000080000001ULL);
    wr(0x40001028, TABLE(0x40002000));
    wr(0x40001030, BLOCK(0x0000008040000000ULL));
    wr(0x40002018, TABLE(0x40003000));
    wr(0x40002020, BLOCK(0x0000000123400000ULL));
    wr(0x40002028, TABLE(0x70000000));
    wr(0x40002030, BLOCK(0x0000000040400000ULL) & ~AF);
    wr(0x40002038, TABLE(0x100000000ULL));
    wr(L3_PAGE_ADDR, PAGE(0x87654000) | ATTR(1) | SH(3) | NG);
    wr(L3_NOAF_ADDR, PAGE(0x12345000) & ~AF);
    wr(0x40003050, 0x0000000012345001ULL);

    wr(0x40010ff8, TABLE(0x40011000));
    wr(0x40011000, TABLE(0x40012000));
    wr(0x40012008, TABLE(0x40013000));
    wr(0x40013008, PAGE(0x44445000));
}

static ArmMMUState st_4k48(void)
{
    ArmMMUState st = {
        .sctlr = ARM_SCTLR_M,
        .tcr = TCR_T0SZ(16) | TCR_TG0_4K | TCR_T1SZ(16) | TCR_TG1_4K |
               TCR_IPS(5) | ARM_TCR_AS,
        .ttbr0 = 0x1234000000000000ULL | 0x40000000,
        .ttbr1 = 0x5678000000000000ULL | 0x40010000,
        .mair = MAIR,
        .pamax = 48,
    };
    return st;
}

/* ---- 4K granule, 48-bit VA ---- */

static void test_4k48(void)
{
    ArmMMUState st = st_4k48();
    bool ok;

    build_4k48();
    ok = xlate(&st, VA_PAGE, ARM_MMU_LOAD, 1);
    /* L3[7] page 0x87654000 + offset 0xabc */
    tap_report(ok_pa(ok, 0x87654abc, 12, 3), "4K/48: page at level 3");
    /* attr 1 -> MAIR byte 1 = 0x44; SH 3; nG; ASID from TTBR0 (A1=0, AS=1) */
    tap_report(ok && res.attrindx == 1 && res.mair_attr == 0x44 &&
               res.sh == 3 && res.ng && res.asid == 0x1234,
               "4K/48: attributes, nG, 16-bit ASID of TTBR0");
    /* AP=00: EL1 RW, EL0 none; PXN=UXN=0, not EL0-writable -> EL1 exec */
    tap_report(ok && prot_is(res.prot, "rwx") && prot_is(res.prot_el1, "rwx") &&
               prot_is(res.prot_el0, "--x"), "4K/48: AP=00 permissions");

    ok = xlate(&st, VA_2M, ARM_MMU_LOAD, 1);
    /* 0x1_2340_0000 + (va & 0x1fffff = 0x12345) */
    tap_report(ok_pa(ok, 0x123412345ULL, 21, 2), "4K/48: 2M block at level 2");
    tap_report(ok && !res.ng && res.attrindx == 0 && res.mair_attr == 0xff,
               "4K/48: block is global, attr 0 = 0xff");

    ok = xlate(&st, VA_1G, ARM_MMU_LOAD, 0);
    /* 0x80_4000_0000 + (va & 0x3fffffff = 0x12345678); EL0 has no access */
    tap_report(is_fault(ok, ARM_MMU_FAULT_PERMISSION, 1, 0x9200000d, VA_1G),
               "4K/48: 1G block, EL0 read of AP=00: permission fault level 1");
    ok = xlate(&st, VA_1G, ARM_MMU_STORE, 1);
    tap_report(ok_pa(ok, 0x8052345678ULL, 30, 1), "4K/48: 1G block at level 1");

    /* EC 0x25 (same EL) << 26 = 0x94000000, | IL 0x02000000, | FSC 7 */
    ok = xlate(&st, VA_INVAL3, ARM_MMU_LOAD, 1);
    tap_report(is_fault(ok, ARM_MMU_FAULT_TRANSLATION, 3, 0x96000007, VA_INVAL3),
               "4K/48: invalid L3 entry: translation fault level 3");
    /* EC 0x24 << 26 = 0x90000000 | IL | WnR 0x40 | FSC 7 */
    ok = xlate(&st, VA_INVAL3, ARM_MMU_STORE, 0);
    tap_report(is_fault(ok, ARM_MMU_FAULT_TRANSLATION, 3, 0x92000047, VA_INVAL3),
               "4K/48: EL0 store: EC 0x24, WnR");
    /* EC 0x20 << 26 = 0x80000000 | IL -> 0x82000007; EC 0x21 -> 0x86000007 */
    ok = xlate(&st, VA_INVAL3, ARM_MMU_FETCH, 0);
    tap_report(is_fault(ok, ARM_MMU_FAULT_TRANSLATION, 3, 0x82000007, VA_INVAL3),
               "4K/48: EL0 fetch: instruction abort EC 0x20");
    ok = xlate(&st, VA_INVAL3, ARM_MMU_FETCH, 1);
    tap_report(is_fault(ok, ARM_MMU_FAULT_TRANSLATION, 3, 0x86000007, VA_INVAL3),
               "4K/48: EL1 fetch: instruction abort EC 0x21");

    ok = xlate(&st, VA_INVAL0, ARM_MMU_LOAD, 1);
    tap_report(is_fault(ok, ARM_MMU_FAULT_TRANSLATION, 0, 0x96000004, VA_INVAL0),
               "4K/48: invalid L0 entry: translation fault level 0");
    ok = xlate(&st, VA_BLOCK0, ARM_MMU_LOAD, 1);
    tap_report(is_fault(ok, ARM_MMU_FAULT_TRANSLATION, 0, 0x96000004, VA_BLOCK0),
               "4K/48: block descriptor at level 0: translation fault level 0");
    ok = xlate(&st, VA_BAD3, ARM_MMU_LOAD, 1);
    tap_report(is_fault(ok, ARM_MMU_FAULT_TRANSLATION, 3, 0x96000007, VA_BAD3),
               "4K/48: descriptor 0b01 at level 3: translation fault level 3");
    /* L2[5] points at 0x70000000: the level 3 read finds no RAM: FSC 0x17 */
    ok = xlate(&st, VA_NORAM, ARM_MMU_LOAD, 1);
    tap_report(is_fault(ok, ARM_MMU_FAULT_WALK_EXTERNAL, 3, 0x96000017, VA_NORAM),
               "4K/48: table in no RAM: external abort on walk, level 3");

    /* Bit 48 set in the TTBR0 range: neither range, translation level 0 */
    ok = xlate(&st, 0x0001000000000000ULL, ARM_MMU_LOAD, 1);
    tap_report(is_fault(ok, ARM_MMU_FAULT_TRANSLATION, 0, 0x96000004,
                        0x0001000000000000ULL),
               "4K/48: VA outside both ranges: translation fault level 0");
    st.tcr |= ARM_TCR_EPD0;
    ok = xlate(&st, VA_PAGE, ARM_MMU_LOAD, 1);
    tap_report(is_fault(ok, ARM_MMU_FAULT_TRANSLATION, 0, 0x96000004, VA_PAGE),
               "4K/48: EPD0: translation fault level 0");
}

/* ---- TTBR1, ASIDs, TBI ---- */

static void test_ttbr1_tbi(void)
{
    ArmMMUState st = st_4k48();
    bool ok;

    build_4k48();
    ok = xlate(&st, VA_HI, ARM_MMU_LOAD, 1);
    /* L0[511] L1[0] L2[1] L3[1]: 0x44445000 + 0x123 */
    tap_report(ok_pa(ok, 0x44445123, 12, 3) && res.asid == 0x1234,
               "TTBR1: 0xffffff8000201123 -> 0x44445123, ASID still TTBR0's");
    st.tcr |= ARM_TCR_A1;
    ok = xlate(&st, VA_HI, ARM_MMU_LOAD, 1);
    tap_report(ok && res.asid == 0x5678, "TCR.A1: ASID from TTBR1");
    st.tcr &= ~(ARM_TCR_A1 | ARM_TCR_AS);
    ok = xlate(&st, VA_HI, ARM_MMU_LOAD, 1);
    tap_report(ok && res.asid == 0x34, "TCR.AS=0: 8-bit ASID 0x34");

    /* bit 55 set selects TTBR1, but bit 48 clear: outside the range */
    ok = xlate(&st, 0xfffeff8000201123ULL, ARM_MMU_LOAD, 1);
    tap_report(is_fault(ok, ARM_MMU_FAULT_TRANSLATION, 0, 0x96000004,
                        0xfffeff8000201123ULL),
               "TTBR1: VA below the range: translation fault level 0");
    st.tcr |= ARM_TCR_EPD1;
    ok = xlate(&st, VA_HI, ARM_MMU_LOAD, 1);
    tap_report(is_fault(ok, ARM_MMU_FAULT_TRANSLATION, 0, 0x96000004, VA_HI),
               "EPD1: translation fault level 0");
    st.tcr &= ~ARM_TCR_EPD1;
    /* FEAT_E0PD: the same fault, but only for EL0 */
    st.tcr |= ARM_TCR_E0PD1;
    ok = xlate(&st, VA_HI, ARM_MMU_LOAD, 0);
    tap_report(is_fault(ok, ARM_MMU_FAULT_TRANSLATION, 0, 0x92000004, VA_HI),
               "E0PD1: EL0 load from TTBR1: translation fault level 0");
    ok = xlate(&st, VA_HI, ARM_MMU_LOAD, 1);
    tap_report(ok_pa(ok, 0x44445123, 12, 3), "E0PD1: EL1 still translates");
    st.tcr &= ~ARM_TCR_E0PD1;

    /* Tagged addresses: only with TBIx for the range the VA selects */
    ok = xlate(&st, 0x12ffff8000201123ULL, ARM_MMU_LOAD, 1);
    tap_report(is_fault(ok, ARM_MMU_FAULT_TRANSLATION, 0, 0x96000004,
                        0x12ffff8000201123ULL),
               "TBI1=0: tagged high VA faults at level 0");
    st.tcr |= ARM_TCR_TBI1;
    ok = xlate(&st, 0x12ffff8000201123ULL, ARM_MMU_LOAD, 1);
    tap_report(ok_pa(ok, 0x44445123, 12, 3), "TBI1=1: tag 0x12 ignored");
    ok = xlate(&st, 0x5a00008140607abcULL, ARM_MMU_LOAD, 0);
    tap_report(!ok && res.fault.level == 0, "TBI1 does not cover TTBR0 addresses");
    st.tcr |= ARM_TCR_TBI0;
    ok = xlate(&st, 0x5a00008140607abcULL, ARM_MMU_LOAD, 1);
    tap_report(ok_pa(ok, 0x87654abc, 12, 3), "TBI0=1: tag 0x5a ignored");
    /* FAR keeps the tag */
    ok = xlate(&st, 0x5a00008140609000ULL, ARM_MMU_STORE, 1);
    tap_report(is_fault(ok, ARM_MMU_FAULT_TRANSLATION, 3, 0x96000047,
                        0x5a00008140609000ULL),
               "TBI0: fault at level 3, FAR with the tag");
    ok = xlate(&st, 0x5a00008140607abcULL, ARM_MMU_FETCH, 1);
    tap_report(ok_pa(ok, 0x87654abc, 12, 3), "TBI0 applies to fetches without TBID0");
    st.tcr |= ARM_TCR_TBID0;
    ok = xlate(&st, 0x5a00008140607abcULL, ARM_MMU_FETCH, 1);
    tap_report(is_fault(ok, ARM_MMU_FAULT_TRANSLATION, 0, 0x86000004,
                        0x5a00008140607abcULL),
               "TBID0: tagged fetch faults at level 0 (IFSC 4, EC 0x21)");
    ok = xlate(&st, 0x5a00008140607abcULL, ARM_MMU_LOAD, 1);
    tap_report(ok_pa(ok, 0x87654abc, 12, 3), "TBID0: data still top-byte-ignored");
}

/* ---- other VA sizes and granules ---- */

static void test_granules(void)
{
    ArmMMUState st = st_4k48();
    bool ok;

    memset(ram, 0, sizeof(ram));

    /*
     * 4K, 39-bit (T0SZ=25): (39-12)/9 = 3 levels, start at level 1 with
     * 9 bits.  VA 0x7f_c020_3456: L1 va[38:30]=0x1ff, L2 va[29:21]=1,
     * L3 va[20:12]=3, offset 0x456.
     */
    st.tcr = TCR_T0SZ(25) | TCR_TG0_4K | TCR_IPS(5);
    st.ttbr0 = 0x40020000;
    wr(0x40020ff8, TABLE(0x40021000));
    wr(0x40021008, TABLE(0x40022000));
    wr(0x40022018, PAGE(0x999999000ULL));
    ok = xlate(&st, 0x7fc0203456ULL, ARM_MMU_LOAD, 1);
    tap_report(ok_pa(ok, 0x999999456ULL, 12, 3), "4K/39: walk from level 1");
    /* 2^39 is outside a 39-bit range */
    ok = xlate(&st, 0x8000000000ULL, ARM_MMU_LOAD, 1);
    tap_report(is_fault(ok, ARM_MMU_FAULT_TRANSLATION, 0, 0x96000004,
                        0x8000000000ULL), "4K/39: VA 2^39 out of range, level 0");

    /*
     * 4K, 42-bit (T0SZ=22): ceil(30/9) = 4 levels, level 0 has 42-39 = 3
     * bits (8 entries, a 64-byte table: TTBR 0x40030040 is aligned
     * enough).  VA 0x3ff_ffff_fabc: L0 7, L1 0x1ff, L2 0x1ff block.
     */
    st.tcr = TCR_T0SZ(22) | TCR_TG0_4K | TCR_IPS(5);
    st.ttbr0 = 0x40030040;
    wr(0x40030078, TABLE(0x40031000));
    wr(0x40031ff8, TABLE(0x40032000));
    wr(0x40032ff8, BLOCK(0x100000000ULL));
    ok = xlate(&st, 0x3fffffffabcULL, ARM_MMU_LOAD, 1);
    /* 0x1_0000_0000 + (va & 0x1fffff = 0x1ffabc) */
    tap_report(ok_pa(ok, 0x1001ffabcULL, 21, 2), "4K/42: 8-entry level 0 table");

    /*
     * 64K, 42-bit (T0SZ=22, TG0=01): ceil((42-16)/13) = 2 levels, start
     * at level 2 with 13 bits.  VA 0x123_4567_89ab: L2 va[41:29] = 0x91a,
     * L3 va[28:16] = 0x567, offset 0x89ab.
     * L2[0x91a] at 0x40100000 + 0x48d0, L3[0x567] at 0x40110000 + 0x2b38.
     */
    st.tcr = TCR_T0SZ(22) | TCR_TG0_64K | TCR_IPS(5);
    st.ttbr0 = 0x40100000;
    wr(0x401048d0, TABLE(0x40110000));
    wr(0x40112b38, PAGE(0x55550000));
    ok = xlate(&st, 0x123456789abULL, ARM_MMU_LOAD, 1);
    tap_report(ok_pa(ok, 0x555589abULL, 16, 3), "64K/42: 64K page at level 3");
    /* L2[0x91b]: 512M block 0x2_0000_0000; VA 0x91b<<29 | 0x12345678 */
    wr(0x401048d8, BLOCK(0x200000000ULL));
    ok = xlate(&st, 0x12372345678ULL, ARM_MMU_LOAD, 1);
    tap_report(ok_pa(ok, 0x212345678ULL, 29, 2), "64K/42: 512M block at level 2");
    /* 0b01 at level 3 is reserved for 64K too */
    wr(0x40112b40, 0x55560001ULL);
    ok = xlate(&st, 0x12345680000ULL, ARM_MMU_LOAD, 1);
    tap_report(is_fault(ok, ARM_MMU_FAULT_TRANSLATION, 3, 0x96000007,
                        0x12345680000ULL), "64K/42: block at level 3 faults");
    /* A CPU without 64K (granules = 4K|16K) reads TG0=01 as 4K */
    st.granules = ARM_MMU_GRAN_4K | ARM_MMU_GRAN_16K;
    st.tcr = TCR_T0SZ(25) | TCR_TG0_64K | TCR_IPS(5);
    st.ttbr0 = 0x40020000;
    ok = xlate(&st, 0x7fc0203456ULL, ARM_MMU_LOAD, 1);
    tap_report(ok_pa(ok, 0x999999456ULL, 12, 3),
               "unimplemented 64K granule behaves as 4K");
    st.granules = 0;

    /*
     * 16K, 47-bit (T0SZ=17, TG0=10): ceil((47-14)/11) = 3 levels, start
     * at level 1 with 47-36 = 11 bits.  VA 0x7000_0200_d234: L1 va[46:36]
     * = 0x700, L2 va[35:25] = 1, L3 va[24:14] = 3, offset 0x1234.
     * L1[0x700] at 0x40200000 + 0x3800.
     */
    st.tcr = TCR_T0SZ(17) | TCR_TG0_16K | TCR_IPS(5);
    st.ttbr0 = 0x40200000;
    wr(0x40203800, TABLE(0x40204000));
    wr(0x40204008, TABLE(0x40208000));
    wr(0x40208018, PAGE(0x6666c000));
    ok = xlate(&st, 0x70000200d234ULL, ARM_MMU_LOAD, 1);
    tap_report(ok_pa(ok, 0x6666d234ULL, 14, 3), "16K/47: 16K page at level 3");
    /* L2[2]: 32M block 0x8_0200_0000, VA 0x700<<36 | 2<<25 | 0x1abcdef */
    wr(0x40204010, BLOCK(0x802000000ULL));
    ok = xlate(&st, 0x700005abcdefULL, ARM_MMU_LOAD, 1);
    tap_report(ok_pa(ok, 0x803abcdefULL, 25, 2), "16K/47: 32M block at level 2");
    /* L1[0x701]: a block at level 1 needs LPA2 with 16K: translation L1 */
    wr(0x40203808, BLOCK(0x1000000000ULL));
    ok = xlate(&st, 0x701000000000ULL, ARM_MMU_LOAD, 1);
    tap_report(is_fault(ok, ARM_MMU_FAULT_TRANSLATION, 1, 0x96000005,
                        0x701000000000ULL), "16K/47: level 1 block faults at level 1");

    /*
     * 16K, 48-bit (T0SZ=16): ceil(34/11) = 4 levels, level 0 with a
     * single bit (va[47]).  VA 0x8000_0000_0000 uses L0[1].
     */
    st.tcr = TCR_T0SZ(16) | TCR_TG0_16K | TCR_IPS(5);
    st.ttbr0 = 0x40210000;
    ok = xlate(&st, 0x800000000000ULL, ARM_MMU_LOAD, 1);
    tap_report(is_fault(ok, ARM_MMU_FAULT_TRANSLATION, 0, 0x96000004,
                        0x800000000000ULL), "16K/48: empty L0[1]: level 0");
    wr(0x40210008, TABLE(0x40214000));
    ok = xlate(&st, 0x800000000000ULL, ARM_MMU_LOAD, 1);
    tap_report(is_fault(ok, ARM_MMU_FAULT_TRANSLATION, 1, 0x96000005,
                        0x800000000000ULL), "16K/48: then empty L1[0]: level 1");
}

/* ---- permissions ---- */

typedef struct PermRow {
    unsigned ap;        /* AP[2:1] */
    bool uxn, pxn, wxn;
    const char *el0, *el1;
} PermRow;

/*
 * AP 00: EL1 RW, EL0 --; 01: both RW; 10: EL1 R; 11: both R.
 * EL0 exec = !UXN && !(WXN && EL0-writable);
 * EL1 exec = !PXN && !EL0-writable && !(WXN && EL1-writable).
 */
static const PermRow perm_rows[] = {
    { 0, 0, 0, 0, "--x", "rwx" }, { 0, 0, 1, 0, "--x", "rw-" },
    { 0, 1, 0, 0, "---", "rwx" }, { 0, 1, 1, 0, "---", "rw-" },
    { 1, 0, 0, 0, "rwx", "rw-" }, { 1, 0, 1, 0, "rwx", "rw-" },
    { 1, 1, 0, 0, "rw-", "rw-" }, { 1, 1, 1, 0, "rw-", "rw-" },
    { 2, 0, 0, 0, "--x", "r-x" }, { 2, 0, 1, 0, "--x", "r--" },
    { 2, 1, 0, 0, "---", "r-x" }, { 2, 1, 1, 0, "---", "r--" },
    { 3, 0, 0, 0, "r-x", "r-x" }, { 3, 0, 1, 0, "r-x", "r--" },
    { 3, 1, 0, 0, "r--", "r-x" }, { 3, 1, 1, 0, "r--", "r--" },
    /* WXN: writable means execute-never, for the EL that can write */
    { 0, 0, 0, 1, "--x", "rw-" }, { 0, 0, 1, 1, "--x", "rw-" },
    { 0, 1, 0, 1, "---", "rw-" }, { 0, 1, 1, 1, "---", "rw-" },
    { 1, 0, 0, 1, "rw-", "rw-" }, { 1, 0, 1, 1, "rw-", "rw-" },
    { 1, 1, 0, 1, "rw-", "rw-" }, { 1, 1, 1, 1, "rw-", "rw-" },
    { 2, 0, 0, 1, "--x", "r-x" }, { 2, 0, 1, 1, "--x", "r--" },
    { 2, 1, 0, 1, "---", "r-x" }, { 2, 1, 1, 1, "---", "r--" },
    { 3, 0, 0, 1, "r-x", "r-x" }, { 3, 0, 1, 1, "r-x", "r--" },
    { 3, 1, 0, 1, "r--", "r-x" }, { 3, 1, 1, 1, "r--", "r--" },
};

static uint64_t leaf_attrs(unsigned ap, bool uxn, bool pxn)
{
    return (uint64_t)ap << 6 | (uxn ? UXN : 0) | (pxn ? PXN : 0);
}

/* Each access at EL0/EL1 succeeds iff the expected prot allows it. */
static bool accesses_match(const ArmMMUState *st, const char *el0,
                           const char *el1)
{
    static const ArmMMUAccessType types[3] = {
        ARM_MMU_LOAD, ARM_MMU_STORE, ARM_MMU_FETCH
    };
    /* Permission fault level 3: FSC 0x0f; EC per type/EL; WnR for stores */
    static const uint32_t esr[2][3] = {
        { 0x9200000f, 0x9200004f, 0x8200000f },
        { 0x9600000f, 0x9600004f, 0x8600000f },
    };
    int el, i;

    for (el = 0; el < 2; el++) {
        const char *want = el ? el1 : el0;

        for (i = 0; i < 3; i++) {
            bool ok = xlate(st, VA_PAGE, types[i], el);
            bool allowed = want[i] != '-';

            if (allowed ? !ok_pa(ok, 0x87654abc, 12, 3)
                : !is_fault(ok, ARM_MMU_FAULT_PERMISSION, 3, esr[el][i],
                            VA_PAGE)) {
                tap_diag("EL%d access %d: expected %s", el, i,
                         allowed ? "success" : "permission fault");
                return false;
            }
        }
    }
    return true;
}

static void test_permissions(void)
{
    ArmMMUState st = st_4k48();
    ArmMMUAccess acc = { .va = VA_PAGE, .type = ARM_MMU_LOAD, .el = 1 };
    unsigned i;
    bool ok;

    build_4k48();
    for (i = 0; i < sizeof(perm_rows) / sizeof(perm_rows[0]); i++) {
        const PermRow *r = &perm_rows[i];

        wr(L3_PAGE_ADDR, PAGE(0x87654000) | leaf_attrs(r->ap, r->uxn, r->pxn));
        st.sctlr = ARM_SCTLR_M | (r->wxn ? ARM_SCTLR_WXN : 0);
        ok = xlate(&st, VA_PAGE, ARM_MMU_LOAD, 1);
        tap_report(ok && prot_is(res.prot_el0, r->el0) &&
                   prot_is(res.prot_el1, r->el1) &&
                   accesses_match(&st, r->el0, r->el1),
                   "AP=%u%u UXN=%d PXN=%d WXN=%d: EL0 %s, EL1 %s",
                   r->ap >> 1, r->ap & 1, r->uxn, r->pxn, r->wxn,
                   r->el0, r->el1);
    }
    st.sctlr = ARM_SCTLR_M;

    /*
     * PAN: EL1 loses data access to EL0-readable pages (AP=01, 11),
     * keeps execute rights; EL0 is unaffected.
     */
    st.pan = true;
    wr(L3_PAGE_ADDR, PAGE(0x87654000) | leaf_attrs(1, 0, 0));
    ok = xlate(&st, VA_PAGE, ARM_MMU_LOAD, 1);
    tap_report(is_fault(ok, ARM_MMU_FAULT_PERMISSION, 3, 0x9600000f, VA_PAGE),
               "PAN: EL1 load from AP=01 faults");
    ok = xlate(&st, VA_PAGE, ARM_MMU_LOAD, 0);
    tap_report(ok && prot_is(res.prot, "rwx") && prot_is(res.prot_el1, "rw-"),
               "PAN: EL0 still rwx, prot_el1 is the PAN-off view");
    wr(L3_PAGE_ADDR, PAGE(0x87654000) | leaf_attrs(3, 1, 0));
    ok = xlate(&st, VA_PAGE, ARM_MMU_FETCH, 1);
    /* AP=11 UXN: EL1 prot r-x, minus r under PAN */
    tap_report(ok && prot_is(res.prot, "--x"),
               "PAN: EL1 fetch from AP=11 allowed, prot --x");
    ok = xlate(&st, VA_PAGE, ARM_MMU_STORE, 1);
    tap_report(is_fault(ok, ARM_MMU_FAULT_PERMISSION, 3, 0x9600004f, VA_PAGE),
               "PAN: EL1 store to AP=11 faults");
    wr(L3_PAGE_ADDR, PAGE(0x87654000) | leaf_attrs(0, 0, 0));
    ok = xlate(&st, VA_PAGE, ARM_MMU_STORE, 1);
    tap_report(ok && prot_is(res.prot, "rwx"), "PAN: AP=00 unaffected");

    /* LDTR/STTR at EL1: EL0 permissions, no PAN; EC stays 0x25 */
    acc.unpriv = true;
    ok = xlate_acc(&st, &acc, &phys);
    tap_report(is_fault(ok, ARM_MMU_FAULT_PERMISSION, 3, 0x9600000f, VA_PAGE),
               "LDTR at EL1 on AP=00 faults (EC 0x25)");
    wr(L3_PAGE_ADDR, PAGE(0x87654000) | leaf_attrs(1, 0, 0));
    ok = xlate_acc(&st, &acc, &phys);
    tap_report(ok && prot_is(res.prot, "rwx"), "LDTR at EL1 with PAN on AP=01 ok");
    /* UAO: LDTR acts privileged, so PAN applies again */
    st.uao = true;
    ok = xlate_acc(&st, &acc, &phys);
    tap_report(is_fault(ok, ARM_MMU_FAULT_PERMISSION, 3, 0x9600000f, VA_PAGE),
               "UAO+PAN: LDTR at EL1 on AP=01 faults");
    wr(L3_PAGE_ADDR, PAGE(0x87654000) | leaf_attrs(0, 0, 0));
    ok = xlate_acc(&st, &acc, &phys);
    tap_report(ok && prot_is(res.prot, "rwx"), "UAO: LDTR at EL1 on AP=00 ok");
    /* DC CVAC by VA at EL1 under PAN: PAN does not apply */
    st.uao = false;
    acc.unpriv = false;
    acc.cache_maint = true;
    wr(L3_PAGE_ADDR, PAGE(0x87654000) | leaf_attrs(1, 0, 0));
    ok = xlate_acc(&st, &acc, &phys);
    tap_report(ok, "PAN does not apply to DC by VA");
    /* DC at EL0 on an unmapped page: CM 0x100 | WnR 0x40 | FSC 7, EC 0x24 */
    acc.el = 0;
    acc.va = VA_INVAL3;
    ok = xlate_acc(&st, &acc, &phys);
    tap_report(is_fault(ok, ARM_MMU_FAULT_TRANSLATION, 3, 0x92000147, VA_INVAL3),
               "DC by VA fault: CM and WnR set");
    st.pan = false;

    /* Table attributes on L2[3] apply to the L3 page below */
    wr(L3_PAGE_ADDR, PAGE(0x87654000) | leaf_attrs(1, 0, 0));
    wr(0x40002018, TABLE(0x40003000) | APTABLE0);
    ok = xlate(&st, VA_PAGE, ARM_MMU_LOAD, 1);
    /* no EL0 access: EL0 --x; no longer EL0-writable so EL1 may exec */
    tap_report(ok && prot_is(res.prot_el0, "--x") && prot_is(res.prot_el1, "rwx"),
               "APTable[0]: EL0 --x, EL1 rwx");
    wr(0x40002018, TABLE(0x40003000) | APTABLE1);
    ok = xlate(&st, VA_PAGE, ARM_MMU_LOAD, 1);
    tap_report(ok && prot_is(res.prot_el0, "r-x") && prot_is(res.prot_el1, "r-x"),
               "APTable[1]: read-only, EL0 r-x, EL1 r-x");
    ok = xlate(&st, VA_PAGE, ARM_MMU_STORE, 0);
    tap_report(is_fault(ok, ARM_MMU_FAULT_PERMISSION, 3, 0x9200004f, VA_PAGE),
               "APTable[1]: EL0 store faults at level 3");
    wr(0x40002018, TABLE(0x40003000) | UXNTABLE);
    ok = xlate(&st, VA_PAGE, ARM_MMU_LOAD, 1);
    tap_report(ok && prot_is(res.prot_el0, "rw-") && prot_is(res.prot_el1, "rw-"),
               "UXNTable: EL0 rw-");
    wr(L3_PAGE_ADDR, PAGE(0x87654000) | leaf_attrs(0, 0, 0));
    wr(0x40001028, TABLE(0x40002000) | PXNTABLE);
    wr(0x40002018, TABLE(0x40003000));
    ok = xlate(&st, VA_PAGE, ARM_MMU_LOAD, 1);
    tap_report(ok && prot_is(res.prot_el0, "--x") && prot_is(res.prot_el1, "rw-"),
               "PXNTable at level 1: EL1 rw-");
    /* HPD0: the table attributes are ignored */
    wr(L3_PAGE_ADDR, PAGE(0x87654000) | leaf_attrs(1, 0, 0));
    wr(0x40002018, TABLE(0x40003000) | APTABLE0 | APTABLE1 | UXNTABLE);
    st.tcr |= ARM_TCR_HPD0;
    ok = xlate(&st, VA_PAGE, ARM_MMU_LOAD, 1);
    tap_report(ok && prot_is(res.prot_el0, "rwx") && prot_is(res.prot_el1, "rw-"),
               "HPD0: table attributes ignored");
}

/* ---- Access flag and dirty state ---- */

static void test_af_dirty(void)
{
    ArmMMUState st = st_4k48();
    ArmMMUAccess acc = { .va = VA_NOAF, .type = ARM_MMU_LOAD, .el = 1 };
    uint64_t d;
    bool ok;

    build_4k48();
    ok = xlate(&st, VA_NOAF, ARM_MMU_LOAD, 1);
    tap_report(is_fault(ok, ARM_MMU_FAULT_ACCESS_FLAG, 3, 0x9600000b, VA_NOAF),
               "AF=0, HA=0: access flag fault level 3 (FSC 0x0b)");
    ok = xlate(&st, VA_NOAF, ARM_MMU_STORE, 0);
    /* AF fault comes before the permission fault EL0 would also get */
    tap_report(is_fault(ok, ARM_MMU_FAULT_ACCESS_FLAG, 3, 0x9200004b, VA_NOAF),
               "AF=0: EL0 store: access flag fault has priority");
    ok = xlate(&st, VA_2M_NOAF, ARM_MMU_LOAD, 1);
    tap_report(is_fault(ok, ARM_MMU_FAULT_ACCESS_FLAG, 2, 0x9600000a, VA_2M_NOAF),
               "AF=0 on a 2M block: access flag fault level 2");

    /* HA=1: the walk sets AF (bit 10) */
    st.tcr |= ARM_TCR_HA;
    d = rd(L3_NOAF_ADDR);
    cas_calls = 0;
    ok = xlate(&st, VA_NOAF, ARM_MMU_STORE, 0);
    tap_report(is_fault(ok, ARM_MMU_FAULT_PERMISSION, 3, 0x9200004f, VA_NOAF) &&
               rd(L3_NOAF_ADDR) == d && cas_calls == 0,
               "HA=1: faulting access leaves AF clear");
    ok = xlate(&st, VA_NOAF, ARM_MMU_LOAD, 1);
    tap_report(ok_pa(ok, 0x12345000, 12, 3) && rd(L3_NOAF_ADDR) == (d | AF) &&
               cas_calls == 1, "HA=1: load sets AF in memory");
    ok = xlate_acc(&st, &acc, &phys_nocas);
    wr(L3_NOAF_ADDR, d);
    ok = xlate_acc(&st, &acc, &phys_nocas);
    tap_report(!ok && res.fault.type == ARM_MMU_FAULT_ACCESS_FLAG,
               "HA=1 without a cas64 callback: as HA=0");

    /* A concurrent change makes the CAS fail once: the walk restarts */
    cas_calls = 0;
    cas_interfere = true;
    ok = xlate(&st, VA_NOAF, ARM_MMU_LOAD, 1);
    tap_report(ok && cas_calls == 2 &&
               rd(L3_NOAF_ADDR) == (d | AF | (1ULL << 55)),
               "lost CAS race: walk retried, both updates kept");

    /* DBM: AP=10 (read-only) with DBM is writable-clean under HD */
    wr(L3_NOAF_ADDR, d | AF | AP_RO | DBM);
    ok = xlate(&st, VA_NOAF, ARM_MMU_STORE, 1);
    tap_report(is_fault(ok, ARM_MMU_FAULT_PERMISSION, 3, 0x9600004f, VA_NOAF),
               "DBM with HD=0: store faults");
    st.tcr |= ARM_TCR_HD;
    cas_calls = 0;
    ok = xlate(&st, VA_NOAF, ARM_MMU_LOAD, 1);
    /* clean: no W in the TLB yet; EL1 exec as not EL0-writable */
    tap_report(ok && prot_is(res.prot, "r-x") && prot_is(res.prot_el1, "r-x") &&
               rd(L3_NOAF_ADDR) == (d | AF | AP_RO | DBM) && cas_calls == 0,
               "HD=1: load from a clean page: r-x, memory untouched");
    ok = xlate(&st, VA_NOAF, ARM_MMU_STORE, 1);
    tap_report(ok && prot_is(res.prot, "rwx") &&
               rd(L3_NOAF_ADDR) == (d | AF | DBM) && cas_calls == 1,
               "HD=1: store clears AP[2] (dirty), prot rwx");
    ok = xlate(&st, VA_NOAF, ARM_MMU_LOAD, 1);
    tap_report(ok && prot_is(res.prot, "rwx") && cas_calls == 1,
               "HD=1: dirty page loads with rwx, no update");
    /* AF and dirty in one CAS */
    wr(L3_NOAF_ADDR, d | AP_RO | DBM);
    ok = xlate(&st, VA_NOAF, ARM_MMU_STORE, 1);
    tap_report(ok && rd(L3_NOAF_ADDR) == (d | AF | DBM) && cas_calls == 2,
               "HA+HD: AF and dirty set by one CAS");
    /* DC by VA never dirties */
    wr(L3_NOAF_ADDR, d | AF | AP_RO | DBM);
    acc.type = ARM_MMU_STORE;
    acc.cache_maint = true;
    ok = xlate_acc(&st, &acc, &phys);
    tap_report(ok && rd(L3_NOAF_ADDR) == (d | AF | AP_RO | DBM),
               "DC by VA does not set the dirty state");
    /* Without DBM, or under APTable[1], HD does not make it writable */
    wr(L3_NOAF_ADDR, d | AF | AP_RO);
    ok = xlate(&st, VA_NOAF, ARM_MMU_STORE, 1);
    tap_report(is_fault(ok, ARM_MMU_FAULT_PERMISSION, 3, 0x9600004f, VA_NOAF),
               "HD=1, DBM=0: store to AP=10 faults");
    wr(L3_NOAF_ADDR, d | AF | AP_RO | DBM);
    wr(0x40002018, TABLE(0x40003000) | APTABLE1);
    ok = xlate(&st, VA_NOAF, ARM_MMU_STORE, 1);
    tap_report(is_fault(ok, ARM_MMU_FAULT_PERMISSION, 3, 0x9600004f, VA_NOAF) &&
               rd(L3_NOAF_ADDR) == (d | AF | AP_RO | DBM),
               "HD=1, DBM under APTable[1]: store faults, no update");
    wr(0x40002018, TABLE(0x40003000));
    /* HD without HA does nothing */
    st.tcr &= ~ARM_TCR_HA;
    ok = xlate(&st, VA_NOAF, ARM_MMU_STORE, 1);
    tap_report(is_fault(ok, ARM_MMU_FAULT_PERMISSION, 3, 0x9600004f, VA_NOAF),
               "HD=1, HA=0: DBM ignored");

    /* Big-endian walks (SCTLR.EE): descriptors stored byte-reversed */
    build_4k48();
    wr(0x40000008, __builtin_bswap64(TABLE(0x40001000)));
    wr(0x40001028, __builtin_bswap64(TABLE(0x40002000)));
    wr(0x40002018, __builtin_bswap64(TABLE(0x40003000)));
    wr(L3_NOAF_ADDR, __builtin_bswap64(PAGE(0x12345000) & ~AF));
    st.sctlr |= ARM_SCTLR_EE;
    st.tcr |= ARM_TCR_HA;
    ok = xlate(&st, VA_NOAF, ARM_MMU_LOAD, 1);
    tap_report(ok_pa(ok, 0x12345000, 12, 3) &&
               rd(L3_NOAF_ADDR) == __builtin_bswap64(PAGE(0x12345000)),
               "SCTLR.EE: big-endian descriptors, AF written back big-endian");
}

/* ---- address size faults ---- */

static void test_address_size(void)
{
    ArmMMUState st = st_4k48();
    bool ok;

    build_4k48();
    /* IPS=000: 32-bit output */
    st.tcr = (st.tcr & ~TCR_IPS(7)) | TCR_IPS(0);
    ok = xlate(&st, VA_PAGE, ARM_MMU_LOAD, 1);
    tap_report(ok_pa(ok, 0x87654abc, 12, 3), "IPS=32: 0x87654abc fits");
    ok = xlate(&st, VA_1G, ARM_MMU_LOAD, 1);
    tap_report(is_fault(ok, ARM_MMU_FAULT_ADDRESS_SIZE, 1, 0x96000001, VA_1G),
               "IPS=32: 1G block at 0x80_4000_0000: address size level 1");
    ok = xlate(&st, VA_2M, ARM_MMU_STORE, 0);
    tap_report(is_fault(ok, ARM_MMU_FAULT_ADDRESS_SIZE, 2, 0x92000042, VA_2M),
               "IPS=32: 2M block at 0x1_2340_0000: address size level 2");
    ok = xlate(&st, VA_HIGHTBL, ARM_MMU_LOAD, 1);
    tap_report(is_fault(ok, ARM_MMU_FAULT_ADDRESS_SIZE, 2, 0x96000002, VA_HIGHTBL),
               "IPS=32: L2 table address 0x1_0000_0000: address size level 2");
    st.ttbr0 = 0x140000000ULL;
    ok = xlate(&st, VA_PAGE, ARM_MMU_LOAD, 1);
    tap_report(is_fault(ok, ARM_MMU_FAULT_ADDRESS_SIZE, 0, 0x96000000, VA_PAGE),
               "IPS=32: TTBR0 above 4 GB: address size level 0");
    st = st_4k48();
    ok = xlate(&st, VA_HIGHTBL, ARM_MMU_LOAD, 1);
    tap_report(is_fault(ok, ARM_MMU_FAULT_WALK_EXTERNAL, 3, 0x96000017, VA_HIGHTBL),
               "IPS=48: same table is fine, its read finds no RAM (0x17)");
    /* PAMax caps IPS: a 36-bit CPU with IPS=48 */
    st.pamax = 36;
    ok = xlate(&st, VA_1G, ARM_MMU_LOAD, 1);
    tap_report(is_fault(ok, ARM_MMU_FAULT_ADDRESS_SIZE, 1, 0x96000001, VA_1G),
               "PAMax=36 caps IPS=48: 0x80_4000_0000 faults");
    ok = xlate(&st, VA_2M, ARM_MMU_LOAD, 1);
    tap_report(ok_pa(ok, 0x123412345ULL, 21, 2), "PAMax=36: 0x1_2341_2345 fits");
    /* Reserved IPS=111 with PAMax=40: 40 bits */
    st.pamax = 40;
    st.tcr = (st.tcr & ~TCR_IPS(7)) | TCR_IPS(7);
    ok = xlate(&st, VA_1G, ARM_MMU_LOAD, 1);
    tap_report(ok_pa(ok, 0x8052345678ULL, 30, 1), "IPS reserved: PAMax (40) used");
}

/* ---- MMU off ---- */

static void test_mmu_off(void)
{
    ArmMMUState st = st_4k48();
    bool ok;

    st.sctlr = 0;
    st.pamax = 40;
    ok = xlate(&st, 0x123456789aULL, ARM_MMU_STORE, 1);
    tap_report(ok && res.pa == 0x123456789aULL && res.mair_attr == 0x00 &&
               prot_is(res.prot, "rwx") && res.sh == 2 && !res.ng &&
               res.page_shift == 12, "MMU off: flat, Device-nGnRnE data");
    ok = xlate(&st, 0x40000000, ARM_MMU_FETCH, 0);
    tap_report(ok && res.pa == 0x40000000 && res.mair_attr == 0x44,
               "MMU off: fetch is Normal non-cacheable with SCTLR.I=0");
    st.sctlr = ARM_SCTLR_I;
    ok = xlate(&st, 0x40000000, ARM_MMU_FETCH, 1);
    tap_report(ok && res.mair_attr == 0xaa,
               "MMU off: fetch is Normal write-through with SCTLR.I=1");
    /* 2^40 is above PAMax=40 */
    ok = xlate(&st, 0x10000000000ULL, ARM_MMU_LOAD, 1);
    tap_report(is_fault(ok, ARM_MMU_FAULT_ADDRESS_SIZE, 0, 0x96000000,
                        0x10000000000ULL), "MMU off: VA above PAMax: address size level 0");
    ok = xlate(&st, 0x10000000000ULL, ARM_MMU_FETCH, 0);
    tap_report(is_fault(ok, ARM_MMU_FAULT_ADDRESS_SIZE, 0, 0x82000000,
                        0x10000000000ULL), "MMU off: fetch above PAMax: IFSC 0");
    ok = xlate(&st, 0xab0000123456789aULL, ARM_MMU_LOAD, 1);
    tap_report(!ok && res.fault.level == 0, "MMU off: tag without TBI0 faults");
    st.tcr |= ARM_TCR_TBI0;
    ok = xlate(&st, 0xab0000123456789aULL, ARM_MMU_LOAD, 1);
    tap_report(ok && res.pa == 0x123456789aULL, "MMU off: TBI0 ignores the tag");
}

int main(void)
{
    test_4k48();
    test_ttbr1_tbi();
    test_granules();
    test_permissions();
    test_af_dirty();
    test_address_size();
    test_mmu_off();
    return tap_exit_status();
}

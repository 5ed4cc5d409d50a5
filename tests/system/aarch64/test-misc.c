/*
 * test-misc.c: self-modifying code, DC ZVA, exclusives, alignment
 * faults.  Runs with the identity map of mmu.c (normal memory: with the
 * MMU off DC ZVA and unaligned accesses fault as Device accesses).  With
 * -smp 2, CPU 1 joins an LDXR/STXR increment race.
 */
#include "runtime.h"

#define SCTLR_A         (1ul << 1)
#define PSCI_CPU_ON     0x84000003u

#define INSN_MOV_W0(n)  (0x52800000u | ((uint32_t)(n) << 5))   /* movz w0, #n */
#define INSN_ADD_W0_1   0x11000400u                             /* add w0, w0, #1 */
#define INSN_RET        0xd65f03c0u

#define RACE_N          20000

static uint32_t code[64] __attribute__((aligned(64)));
static uint8_t zbuf[2048] __attribute__((aligned(2048)));
static volatile uint64_t counter __attribute__((aligned(64)));
static volatile unsigned race_done;
static uint64_t words[4] __attribute__((aligned(16)));
extern char stack_top[];

static void sync_icache(void *p, size_t n)
{
    for (uintptr_t a = (uintptr_t)p & ~63ul; a < (uintptr_t)p + n; a += 4) {
        __asm__ volatile("dc cvau, %0" : : "r"(a) : "memory");
    }
    dsb(ish);
    for (uintptr_t a = (uintptr_t)p & ~63ul; a < (uintptr_t)p + n; a += 4) {
        __asm__ volatile("ic ivau, %0" : : "r"(a) : "memory");
    }
    dsb(ish);
    isb();
}

static uint32_t call_code(void)
{
    return ((uint32_t (*)(void))(uintptr_t)code)();
}

static void test_smc(void)
{
    uint32_t r = 0;
    code[0] = INSN_MOV_W0(1);
    code[1] = INSN_RET;
    sync_icache(code, 8);
    /* Run it often enough to be translated and cached. */
    for (int i = 0; i < 1000; i++) {
        r += call_code();
    }
    tap_eq(r, 1000, "generated code runs (mov w0, #1; ret) x1000");
    code[0] = INSN_MOV_W0(2);
    sync_icache(code, 4);
    tap_eq(call_code(), 2, "rewritten instruction runs after DC CVAU/IC IVAU/ISB");
    /* A longer body: patch the middle instruction. */
    code[0] = INSN_MOV_W0(10);
    for (int i = 1; i <= 20; i++) {
        code[i] = INSN_ADD_W0_1;
    }
    code[21] = INSN_RET;
    sync_icache(code, 22 * 4);
    tap_eq(call_code(), 30, "longer generated body (10 + 20 x add 1)");
    code[10] = INSN_RET;
    sync_icache(&code[10], 4);
    tap_eq(call_code(), 19, "ret patched into the middle of the body");
    code[10] = INSN_ADD_W0_1;
    sync_icache(&code[10], 4);
    tap_eq(call_code(), 30, "patched back");
}

/* A function in .text, next to the code that patches it. */
extern uint32_t smc_target[];
__asm__(".text\n"
        ".balign 16\n"
        ".global smc_target\n"
        "smc_target:\n"
        "    mov w0, #3\n"
        "    ret\n");

static void test_smc_text(void)
{
    uint32_t (*fn)(void) = (uint32_t (*)(void))(uintptr_t)smc_target;
    uint32_t r = 0;
    for (int i = 0; i < 100; i++) {
        r += fn();
    }
    tap_eq(r, 300, "function in .text returns 3");
    smc_target[0] = INSN_MOV_W0(4);
    sync_icache(smc_target, 4);
    tap_eq(fn(), 4, "the same function patched in place in .text returns 4");
    smc_target[0] = INSN_MOV_W0(3);
    sync_icache(smc_target, 4);
    tap_eq(fn(), 3, "restored");
}

static void test_dc_zva(void)
{
    uint64_t dczid = read_sysreg(dczid_el0);
    unsigned bs = 4u << (dczid & 0xf);
    rt_printf("# DCZID_EL0 = 0x%lx: %u-byte blocks\n", dczid, bs);
    if (dczid & 0x10) {
        tap_skip("DC ZVA", "prohibited (DCZID_EL0.DZP)");
        return;
    }
    if (!tap_check(bs >= 16 && bs <= 2048 / 4, "DC ZVA block size between 16 and 512 bytes")) {
        return;
    }
    memset(zbuf, 0xa5, sizeof(zbuf));
    __asm__ volatile("dc zva, %0" : : "r"(&zbuf[bs + 8]) : "memory");
    unsigned bad = 0;
    for (unsigned i = 0; i < sizeof(zbuf); i++) {
        uint8_t want = (i >= bs && i < 2 * bs) ? 0 : 0xa5;
        bad += zbuf[i] != want;
    }
    tap_eq(bad, 0, "DC ZVA zeroes exactly the aligned block holding the address");
}

static void atomic_add(volatile uint64_t *p, uint64_t n, unsigned *fails)
{
    uint64_t v;
    uint32_t st;
    for (uint64_t i = 0; i < n; i++) {
        do {
            __asm__ volatile("ldxr %0, [%2]\n\t"
                             "add %0, %0, #1\n\t"
                             "stxr %w1, %0, [%2]"
                             : "=&r"(v), "=&r"(st) : "r"(p) : "memory");
            *fails += st != 0;
        } while (st);
    }
}

void secondary_main(uint64_t arg)
{
    unsigned fails = 0;
    mmu_identity_on();
    atomic_add(&counter, RACE_N, &fails);
    dsb(sy);
    race_done = 1;
    dsb(sy);
}

static void test_exclusives(void)
{
    unsigned fails = 0;
    uint32_t st;
    uint64_t v;

    counter = 0;
    atomic_add(&counter, 1000, &fails);
    tap_eq(counter, 1000, "LDXR/STXR increment loop x1000");
    tap_eq(fails, 0, "no STXR failed without contention");

    __asm__ volatile("ldxr %0, [%2]\n\t"
                     "clrex\n\t"
                     "stxr %w1, %0, [%2]"
                     : "=&r"(v), "=&r"(st) : "r"(&counter) : "memory");
    tap_eq(st, 1, "STXR after CLREX fails (status 1)");
    tap_eq(counter, 1000, "... and stores nothing");

    words[0] = 1;
    words[1] = 2;
    uint64_t a, b;
    __asm__ volatile("1: ldaxp %0, %1, [%3]\n\t"
                     "add %0, %0, #10\n\t"
                     "add %1, %1, #20\n\t"
                     "stlxp %w2, %0, %1, [%3]\n\t"
                     "cbnz %w2, 1b"
                     : "=&r"(a), "=&r"(b), "=&r"(st) : "r"(words) : "memory");
    tap_check(words[0] == 11 && words[1] == 22, "LDAXP/STLXP pair update");

    /* Two CPUs racing. */
    counter = 0;
    race_done = 0;
    int64_t r = psci_call(PSCI_CPU_ON, 1, (uintptr_t)secondary_entry,
                          (uintptr_t)stack_top + 2 * 16384);
    if (r != 0) {
        tap_skip("LDXR/STXR race between 2 CPUs", "no CPU 1 (run with -smp 2)");
        return;
    }
    fails = 0;
    atomic_add(&counter, RACE_N, &fails);
    uint64_t freq = read_sysreg(cntfrq_el0), t0 = read_sysreg(cntvct_el0);
    while (!race_done && read_sysreg(cntvct_el0) - t0 < 20 * freq) {
    }
    tap_check(race_done, "CPU 1 finished its increments");
    tap_eq(counter, 2 * RACE_N, "LDXR/STXR race between 2 CPUs: no lost update");
}

static bool align_handler(ExcFrame *f, int vec)
{
    return false;       /* record and skip (exc.c) */
}

static void test_alignment(void)
{
    static uint8_t buf[32] __attribute__((aligned(16)));
    uint64_t v = 0;
    uint32_t st;

    for (int i = 0; i < 32; i++) {
        buf[i] = (uint8_t)i;
    }
    exc_handler = align_handler;
    exc_reset();
    __asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(&buf[3]) : "memory");
    tap_check(exc_last.count == 0 && v == 0x0a09080706050403ul,
              "unaligned LDR with SCTLR.A = 0 reads the bytes");

    write_sysreg(sctlr_el1, read_sysreg(sctlr_el1) | SCTLR_A);
    isb();
    exc_reset();
    v = 0x77;
    __asm__ volatile("ldr %0, [%1]" : "+r"(v) : "r"(&buf[5]) : "memory");
    tap_check(exc_last.count == 1 && ESR_EC(exc_last.esr) == EC_DABT_CUR &&
              ESR_FSC(exc_last.esr) == FSC_ALIGN && exc_last.far == (uintptr_t)&buf[5] &&
              v == 0x77,
              "unaligned LDR with SCTLR.A = 1: alignment fault, FAR exact");
    rt_printf("#   ESR 0x%lx FAR 0x%lx (buf+5 = %p)\n", exc_last.esr, exc_last.far, &buf[5]);
    exc_reset();
    __asm__ volatile("str %w0, [%1]" : : "r"(0xffffffffu), "r"(&buf[2]) : "memory");
    tap_check(exc_last.count == 1 && ESR_FSC(exc_last.esr) == FSC_ALIGN &&
              (exc_last.esr & ESR_WNR) && exc_last.far == (uintptr_t)&buf[2] &&
              buf[2] == 2 && buf[5] == 5,
              "unaligned STR with SCTLR.A = 1: alignment fault (WnR), memory unchanged");
    exc_reset();
    __asm__ volatile("ldrh %w0, [%1]" : "=r"(st) : "r"(&buf[4]) : "memory");
    tap_check(exc_last.count == 0 && st == 0x0504, "aligned LDRH with SCTLR.A = 1 works");

    /* Pairs: each element must be aligned to its own size. */
    {
        uint64_t lo = 0x77, hi = 0x88;
        uint32_t wlo, whi;

        exc_reset();
        __asm__ volatile("ldp %0, %1, [%2]" : "+r"(lo), "+r"(hi) : "r"(&buf[8]) : "memory");
        tap_check(exc_last.count == 0 && lo == 0x0f0e0d0c0b0a0908ul &&
                  hi == 0x1716151413121110ul,
                  "LDP X at an 8- (not 16-) aligned address with SCTLR.A = 1 works");
        exc_reset();
        __asm__ volatile("ldp %w0, %w1, [%2]" : "=r"(wlo), "=r"(whi) : "r"(&buf[4]) : "memory");
        tap_check(exc_last.count == 0 && wlo == 0x07060504u && whi == 0x0b0a0908u,
                  "LDP W at a 4-aligned address with SCTLR.A = 1 works");
        exc_reset();
        __asm__ volatile("ldp %0, %1, [%2]" : "+r"(lo), "+r"(hi) : "r"(&buf[4]) : "memory");
        tap_check(exc_last.count == 1 && ESR_FSC(exc_last.esr) == FSC_ALIGN &&
                  !(exc_last.esr & ESR_WNR) && exc_last.far == (uintptr_t)&buf[4],
                  "LDP X at a 4-aligned address with SCTLR.A = 1: alignment fault, FAR exact");
        exc_reset();
        __asm__ volatile("stp %0, %1, [%2]" : : "r"(~0ul), "r"(~0ul), "r"(&buf[12]) : "memory");
        tap_check(exc_last.count == 1 && ESR_FSC(exc_last.esr) == FSC_ALIGN &&
                  (exc_last.esr & ESR_WNR) && exc_last.far == (uintptr_t)&buf[12] &&
                  buf[12] == 12 && buf[27] == 27,
                  "STP X at a 4-aligned address with SCTLR.A = 1: alignment fault (WnR), "
                  "memory unchanged");
        write_sysreg(sctlr_el1, read_sysreg(sctlr_el1) & ~SCTLR_A);
        isb();
        exc_reset();
        __asm__ volatile("ldp %0, %1, [%2]" : "=r"(lo), "=r"(hi) : "r"(&buf[3]) : "memory");
        tap_check(exc_last.count == 0 && lo == 0x0a09080706050403ul &&
                  hi == 0x1211100f0e0d0c0bul,
                  "unaligned LDP X with SCTLR.A = 0 reads the bytes");
    }

    exc_reset();
    __asm__ volatile("ldxr %0, [%1]" : "=r"(v) : "r"(&buf[4]) : "memory");
    tap_check(exc_last.count == 1 && ESR_FSC(exc_last.esr) == FSC_ALIGN &&
              exc_last.far == (uintptr_t)&buf[4],
              "unaligned LDXR faults even with SCTLR.A = 0");
    exc_handler = 0;
}

int main(void)
{
    mmu_identity_on();
    test_smc();
    test_smc_text();
    test_dc_zva();
    test_exclusives();
    test_alignment();
    return 0;
}

/*
 * test-gicv3.c: the GICv3 model (hw/intc/arm_gicv3.c) through the
 * memory API (distributor and redistributors at the virt board's
 * addresses) and the ICC_* system register entry points, 4 CPUs and
 * 288 interrupt IDs, with recorders on every CPU's IRQ and FIQ line.
 * Cases: ID registers and reset values (IHI 0069 chapter 12), GICR_TYPER
 * and affinities, the GICR_WAKER handshake, Linux's init sequence,
 * SPI routing by GICD_IROUTER (targeted, unknown affinity, 1 of N), PPIs
 * per CPU, SGIs by ICC_SGI1R/SGI0R (target list, RS, broadcast, groups,
 * a second 16-CPU cluster by Aff1),
 * IAR/EOIR/DIR with priorities, preemption and priority drop, binary
 * points (BPR1, CBPR), PMR, EOImode 1, Group 0 on FIQ, level vs edge,
 * pending/active bits, rejected ICC keys and bad MMIO accesses.
 */
#include <stdlib.h>
#include <string.h>

#include "exec/memory.h"
#include "hw/intc/arm_gicv3.h"
#include "hw/irq.h"
#include "qemu/log.h"
#include "tests/unit/tap.h"

#define NCPU    4
#define DIST    0x08000000
#define REDIST  0x080a0000

static char *log_buf;
static size_t log_size, log_mark;

static bool log_has(const char *s)
{
    bool found;

    fflush(qemu_logfile);
    found = log_size > log_mark && strstr(log_buf + log_mark, s) != NULL;
    log_mark = log_size;
    return found;
}

static bool log_quiet(void)
{
    bool quiet;

    fflush(qemu_logfile);
    quiet = log_size == log_mark;
    log_mark = log_size;
    return quiet;
}

static GICv3State gic;
static MemoryRegion root;
static AddressSpace as;
static IRQRecorder irq[NCPU], fiq[NCPU];

static uint32_t rdd(hwaddr off)
{
    return address_space_ldl_le(&as, DIST + off, NULL);
}

static void wrd(hwaddr off, uint32_t v)
{
    address_space_stl_le(&as, DIST + off, v);
}

/* RD_base of CPU c. */
static uint32_t rdr(int c, hwaddr off)
{
    return address_space_ldl_le(&as, REDIST + c * GICV3_REDIST_SIZE + off,
                                NULL);
}

static void wrr(int c, hwaddr off, uint32_t v)
{
    address_space_stl_le(&as, REDIST + c * GICV3_REDIST_SIZE + off, v);
}

/* SGI_base of CPU c. */
static uint32_t rds(int c, hwaddr off)
{
    return rdr(c, GICV3_SGI_BASE + off);
}

static void wrs(int c, hwaddr off, uint32_t v)
{
    wrr(c, GICV3_SGI_BASE + off, v);
}

static uint64_t icc(int c, uint32_t key)
{
    uint64_t v = 0xdeadbeef;

    if (!gicv3_icc_read(&gic, c, key, &v)) {
        tap_diag("ICC read of key 0x%x refused", key);
    }
    return v;
}

static void icc_w(int c, uint32_t key, uint64_t v)
{
    if (!gicv3_icc_write(&gic, c, key, v)) {
        tap_diag("ICC write of key 0x%x refused", key);
    }
}

static void setup(void)
{
    int c;

    tap_report(gicv3_init(&gic, "gic", NCPU, 288), "init 4 CPUs, 288 IDs");
    memory_region_init_container(&root, "system", MEMORY_SIZE_ALL);
    address_space_init(&as, &root, "cpu-memory");
    memory_region_add_subregion(&root, DIST, gicv3_dist_mmio(&gic));
    memory_region_add_subregion(&root, REDIST, gicv3_redist_mmio(&gic));
    for (c = 0; c < NCPU; c++) {
        gicv3_set_cpu_affinity(&gic, c, 0x80000000ull | c);  /* MPIDR.RES1 */
        irq_recorder_init(&irq[c]);
        irq_recorder_init(&fiq[c]);
        qemu_irq_connect(&gic.cpu[c].irq_out, irq_recorder_line(&irq[c]));
        qemu_irq_connect(&gic.cpu[c].fiq_out, irq_recorder_line(&fiq[c]));
    }
}

static void machine_reset(void)
{
    int c;

    gicv3_reset(&gic);
    for (c = 0; c < NCPU; c++) {
        irq_recorder_clear_counts(&irq[c]);
        irq_recorder_clear_counts(&fiq[c]);
    }
    log_quiet();
}

/*
 * What Linux's irq-gic-v3.c does: distributor off, SPIs Group 1 at
 * priority 0xa0 routed to CPU 0, distributor on with ARE; then per CPU
 * wake the redistributor, PPIs/SGIs Group 1 at 0xa0, SRE, PMR 0xf0,
 * BPR1 0, EOImode 0, IGRPEN1.  Returns whether every step read back
 * as Linux expects.
 */
static bool linux_init(void)
{
    bool ok = true;
    int c, i;

    wrd(GICV3_GICD_CTLR, 0);
    ok &= (rdd(GICV3_GICD_CTLR) & (1u << 31)) == 0;          /* RWP */
    for (i = 1; i < 288 / 32; i++) {
        wrd(GICV3_GICD_IGROUPR + 4 * i, ~0u);
        wrd(GICV3_GICD_ICENABLER + 4 * i, ~0u);
    }
    for (i = 32; i < 288; i += 4) {
        wrd(GICV3_GICD_IPRIORITYR + i, 0xa0a0a0a0);
    }
    for (i = 32; i < 288; i++) {
        address_space_stq_le(&as, DIST + GICV3_GICD_IROUTER + 8 * i, 0);
    }
    wrd(GICV3_GICD_CTLR, GICV3_GICD_CTLR_ARE | 3);
    ok &= rdd(GICV3_GICD_CTLR) == 0x53;
    for (c = 0; c < NCPU; c++) {
        wrr(c, GICV3_GICR_WAKER, 0);
        ok &= (rdr(c, GICV3_GICR_WAKER) & GICV3_GICR_WAKER_CHILDREN_ASLEEP)
              == 0;
        wrs(c, GICV3_GICR_IGROUPR0, ~0u);
        wrs(c, GICV3_GICR_ICENABLER0, 0xffff0000u);
        wrs(c, GICV3_GICR_ISENABLER0, 0x0000ffffu);
        for (i = 0; i < 32; i += 4) {
            wrs(c, GICV3_GICR_IPRIORITYR0 + i, 0xa0a0a0a0);
        }
        ok &= (icc(c, ICC_SRE_EL1) & 1) == 1;
        icc_w(c, ICC_PMR_EL1, 0xf0);
        icc_w(c, ICC_BPR1_EL1, 0);
        icc_w(c, ICC_CTLR_EL1, 0);
        icc_w(c, ICC_IGRPEN1_EL1, 1);
        ok &= icc(c, ICC_IGRPEN1_EL1) == 1 && icc(c, ICC_PMR_EL1) == 0xf0;
    }
    return ok;
}

static int lines_high(IRQRecorder *r)
{
    int c, mask = 0;

    for (c = 0; c < NCPU; c++) {
        mask |= (r[c].level != 0) << c;
    }
    return mask;
}

static void pend_spi(int id)
{
    wrd(GICV3_GICD_ISPENDR + 4 * (id / 32), 1u << (id % 32));
}

static void enable_spi(int id, int prio)
{
    address_space_stb(&as, DIST + GICV3_GICD_IPRIORITYR + id, prio);
    wrd(GICV3_GICD_ISENABLER + 4 * (id / 32), 1u << (id % 32));
}

/* ---- cases ---- */

static void test_id_regs(void)
{
    GICv3State *g = calloc(1, sizeof(*g));

    machine_reset();
    /* A3V 24, IDbits 9 at 23:19, CPUNumber 3 at 7:5, ITLinesNumber 8. */
    tap_report(rdd(GICV3_GICD_TYPER) == 0x01480068,
               "GICD_TYPER 4 CPUs/288 IDs = 0x01480068");
    tap_report(rdd(GICV3_GICD_IIDR) == 0x43b && rdd(GICV3_GICD_TYPER2) == 0,
               "GICD_IIDR 0x43b, TYPER2 0");
    tap_report(rdd(GICV3_GICD_PIDR2) == 0x3b && rdr(3, GICV3_GICR_PIDR2) ==
               0x3b, "GICD/GICR_PIDR2 ArchRev 3");
    tap_report(rdd(GICV3_GICD_CTLR) == 0x50,
               "GICD_CTLR resets to ARE|DS = 0x50");
    tap_report(rdr(1, GICV3_GICR_IIDR) == 0x43b && rdr(1, GICV3_GICR_CTLR) ==
               0, "GICR_IIDR 0x43b, GICR_CTLR 0");
    tap_report(gicv3_init(g, "g64", 64, 1024) &&
               gicv3_dist_read(g, GICV3_GICD_TYPER, 4) == 0x014800ff,
               "64 CPUs/1024 IDs: TYPER 0x014800ff (CPUNumber capped 7)");
    tap_report(gicv3_redist_read(g, 63 * GICV3_REDIST_SIZE + GICV3_GICR_TYPER,
                                 8) == 0x0000030f00003f10ull,
               "CPU 63 default affinity 0.0.3.15, Last, Processor 63");
    gicv3_destroy(g);
    tap_report(!gicv3_init(g, "b", 65, 288) && !gicv3_init(g, "b", 1, 40) &&
               !gicv3_init(g, "b", 0, 64) && !gicv3_init(g, "b", 1, 1056) &&
               !gicv3_init(g, "b", 1, 32),
               "init rejects 65/0 CPUs and 40/1056/32 IDs");
    free(g);
    tap_report(log_quiet(), "no guest errors logged");
}

static void test_redist_typer(void)
{
    uint64_t t;

    t = address_space_ldq_le(&as, REDIST + GICV3_GICR_TYPER, NULL);
    tap_report(t == 0, "GICR_TYPER CPU 0 = 0 (affinity 0, not last)");
    t = address_space_ldq_le(&as, REDIST + 3 * GICV3_REDIST_SIZE +
                             GICV3_GICR_TYPER, NULL);
    tap_report(t == 0x0000000300000310ull,
               "GICR_TYPER CPU 3: Aff0 3, Processor_Number 3, Last");
    tap_report(rdr(3, GICV3_GICR_TYPER) == 0x310 &&
               rdr(3, GICV3_GICR_TYPER + 4) == 3,
               "GICR_TYPER as two 32-bit halves");
    gicv3_set_cpu_affinity(&gic, 2, 0x0181020304ull);
    t = address_space_ldq_le(&as, REDIST + 2 * GICV3_REDIST_SIZE +
                             GICV3_GICR_TYPER, NULL);
    tap_report(t == 0x0102030400000200ull,
               "GICR_TYPER Affinity_Value = Aff3.Aff2.Aff1.Aff0");
    gicv3_set_cpu_affinity(&gic, 2, 0x80000002ull);
    tap_report(log_quiet(), "no guest errors logged");
}

static void test_waker(void)
{
    machine_reset();
    tap_report(rdr(1, GICV3_GICR_WAKER) == 6,
               "GICR_WAKER resets ProcessorSleep|ChildrenAsleep");
    wrr(1, GICV3_GICR_WAKER, 0);
    tap_report(rdr(1, GICV3_GICR_WAKER) == 0,
               "clearing ProcessorSleep clears ChildrenAsleep");
    tap_report(rdr(2, GICV3_GICR_WAKER) == 6, "other redistributors asleep");
    wrr(1, GICV3_GICR_WAKER, 2);
    tap_report(rdr(1, GICV3_GICR_WAKER) == 6, "going back to sleep");
}

static void test_linux_init(void)
{
    qemu_irq line = gicv3_spi(&gic, 33);

    machine_reset();
    tap_report(linux_init(), "Linux init sequence reads back");
    tap_report(icc(0, ICC_BPR1_EL1) == GICV3_MIN_BPR1,
               "BPR1 write 0 clamps to 3");
    tap_report(icc(0, ICC_CTLR_EL1) == 0x8400,
               "ICC_CTLR_EL1: PRIbits 4, IDbits 0, A3V");
    tap_report(icc(0, ICC_SRE_EL1) == 7, "ICC_SRE_EL1 = SRE|DFB|DIB");
    tap_report(icc(0, ICC_RPR_EL1) == 0xff, "idle running priority 0xff");
    enable_spi(33, 0xa0);
    tap_report(lines_high(irq) == 0 && lines_high(fiq) == 0,
               "nothing signalled before the input rises");
    qemu_set_irq(line, 1);
    tap_report(lines_high(irq) == 1 && lines_high(fiq) == 0,
               "level SPI 33 raises CPU 0 IRQ only");
    tap_report(icc(0, ICC_HPPIR1_EL1) == 33 && icc(0, ICC_HPPIR0_EL1) == 1023,
               "HPPIR1 33, HPPIR0 spurious");
    tap_report(icc(0, ICC_IAR0_EL1) == 1023,
               "IAR0 gives 1023 for a Group 1 interrupt");
    tap_report(icc(0, ICC_IAR1_EL1) == 33, "IAR1 acknowledges 33");
    tap_report(irq[0].level == 0 && icc(0, ICC_RPR_EL1) == 0xa0 &&
               icc(0, ICC_AP1R0_EL1) == 1u << (0xa0 >> 3),
               "active: line low, RPR 0xa0, AP1R0 bit 20");
    tap_report((rdd(GICV3_GICD_ISACTIVER + 4) & 2) != 0 &&
               (rdd(GICV3_GICD_ISPENDR + 4) & 2) != 0,
               "active and (still level) pending");
    icc_w(0, ICC_EOIR1_EL1, 33);
    tap_report(icc(0, ICC_RPR_EL1) == 0xff && icc(0, ICC_AP1R0_EL1) == 0 &&
               (rdd(GICV3_GICD_ISACTIVER + 4) & 2) == 0,
               "EOIR1 drops priority and deactivates");
    tap_report(irq[0].level == 1, "level still high: signalled again");
    qemu_set_irq(line, 0);
    tap_report(irq[0].level == 0 && icc(0, ICC_IAR1_EL1) == 1023,
               "input low: line low, IAR1 spurious");
    wrd(GICV3_GICD_ICENABLER + 4, 2);
    tap_report(log_quiet(), "no guest errors logged");
}

static void test_routing(void)
{
    qemu_irq line = gicv3_spi(&gic, 40);
    uint64_t r;

    machine_reset();
    linux_init();
    enable_spi(40, 0x80);
    address_space_stq_le(&as, DIST + GICV3_GICD_IROUTER + 8 * 40,
                         0xffffffff00000002ull);
    r = address_space_ldq_le(&as, DIST + GICV3_GICD_IROUTER + 8 * 40, NULL);
    tap_report(r == 0xff00000002ull, "IROUTER keeps Aff3/IRM/Aff2-0 only");
    address_space_stq_le(&as, DIST + GICV3_GICD_IROUTER + 8 * 40, 2);
    tap_report(rdd(GICV3_GICD_IROUTER + 8 * 40) == 2 &&
               rdd(GICV3_GICD_IROUTER + 8 * 40 + 4) == 0,
               "IROUTER 32-bit halves");
    qemu_set_irq(line, 1);
    tap_report(lines_high(irq) == 4, "SPI 40 routed to CPU 2 (Aff0 2)");
    tap_report(icc(0, ICC_IAR1_EL1) == 1023, "CPU 0 cannot acknowledge it");
    wrd(GICV3_GICD_IROUTER + 8 * 40, 0x103);      /* Aff1 1: nobody */
    tap_report(lines_high(irq) == 0, "affinity 0.0.1.3 reaches no CPU");
    wrd(GICV3_GICD_IROUTER + 8 * 40, 3);
    tap_report(lines_high(irq) == 8, "re-routed to CPU 3 with a 32-bit write");
    wrr(2, GICV3_GICR_WAKER, 2);                  /* CPU 2 asleep */
    wrd(GICV3_GICD_IROUTER + 8 * 40, 1u << 31);   /* IRM: 1 of N */
    tap_report(lines_high(irq) == 0xb, "IRM=1: every awake CPU (0, 1, 3)");
    tap_report(icc(1, ICC_IAR1_EL1) == 40, "CPU 1 takes it");
    tap_report(lines_high(irq) == 0 && icc(3, ICC_IAR1_EL1) == 1023,
               "the others see nothing once it is active");
    icc_w(1, ICC_EOIR1_EL1, 40);
    qemu_set_irq(line, 0);
    wrr(2, GICV3_GICR_WAKER, 0);
    tap_report(lines_high(irq) == 0, "all quiet after EOI and input low");
    /* SPI 41 routed by Aff2 to CPU 3 after an affinity change. */
    gicv3_set_cpu_affinity(&gic, 3, 0x0000010000ull);   /* Aff2 1 */
    address_space_stq_le(&as, DIST + GICV3_GICD_IROUTER + 8 * 41, 0x10000);
    enable_spi(41, 0x80);
    pend_spi(41);
    tap_report(lines_high(irq) == 8,
               "IROUTER Aff2 1 follows gicv3_set_cpu_affinity");
    gicv3_set_cpu_affinity(&gic, 3, 0x80000003ull);
    tap_report(lines_high(irq) == 0, "and stops when the CPU moves away");
    tap_report(gicv3_spi(&gic, 31) == NULL && gicv3_spi(&gic, 288) == NULL &&
               gicv3_spi(&gic, 287) != NULL, "gicv3_spi range 32..287");
    tap_report(log_quiet(), "no guest errors logged");
}

static void test_ppis(void)
{
    qemu_irq timer1 = gicv3_ppi(&gic, 1, 30);

    machine_reset();
    linux_init();
    wrs(1, GICV3_GICR_ISENABLER0, 1u << 30);
    tap_report((rds(1, GICV3_GICR_ISENABLER0) >> 30 & 1) &&
               !(rds(2, GICV3_GICR_ISENABLER0) >> 30 & 1),
               "PPI enables are per redistributor");
    qemu_set_irq(timer1, 1);
    tap_report(lines_high(irq) == 2, "PPI 30 of CPU 1 raises CPU 1 only");
    tap_report((rds(1, GICV3_GICR_ISPENDR0) >> 30 & 1) &&
               !(rds(0, GICV3_GICR_ISPENDR0) >> 30 & 1),
               "pending in CPU 1's GICR_ISPENDR0 only");
    tap_report(icc(0, ICC_IAR1_EL1) == 1023 && icc(1, ICC_IAR1_EL1) == 30,
               "CPU 1 acknowledges 30, CPU 0 nothing");
    tap_report(rds(1, GICV3_GICR_ISACTIVER0) == 1u << 30,
               "GICR_ISACTIVER0 bit 30");
    qemu_set_irq(timer1, 0);
    icc_w(1, ICC_EOIR1_EL1, 30);
    tap_report(rds(1, GICV3_GICR_ISACTIVER0) == 0 && lines_high(irq) == 0,
               "EOI: inactive, quiet");
    /* Priority byte access in the redistributor. */
    address_space_stb(&as, REDIST + GICV3_REDIST_SIZE + GICV3_SGI_BASE +
                      GICV3_GICR_IPRIORITYR0 + 30, 0x47);
    tap_report(rds(1, GICV3_GICR_IPRIORITYR0 + 28) == 0xa040a0a0 &&
               rds(2, GICV3_GICR_IPRIORITYR0 + 28) == 0xa0a0a0a0,
               "GICR_IPRIORITYR byte write keeps bits 7:3, per CPU");
    tap_report(rds(0, GICV3_GICR_ICFGR0) == 0xaaaaaaaa &&
               rds(0, GICV3_GICR_ICFGR1) == 0, "ICFGR0 SGIs edge, PPIs level");
    wrs(0, GICV3_GICR_ICFGR0, 0);
    wrs(0, GICV3_GICR_ICFGR1, 2u << 28);                 /* PPI 30 edge */
    tap_report(rds(0, GICV3_GICR_ICFGR0) == 0xaaaaaaaa &&
               rds(0, GICV3_GICR_ICFGR1) == 2u << 28 &&
               rds(1, GICV3_GICR_ICFGR1) == 0,
               "ICFGR0 read-only, ICFGR1 writable per CPU");
    tap_report(gicv3_ppi(&gic, 4, 30) == NULL && gicv3_ppi(&gic, 0, 15) ==
               NULL && gicv3_ppi(&gic, 0, 32) == NULL,
               "gicv3_ppi rejects CPU 4, IDs 15 and 32");
    tap_report(log_quiet(), "no guest errors logged");
}

static uint64_t sgi1r(int aff1, int intid, int rs, int irm, int list)
{
    return (uint64_t)list | (uint64_t)aff1 << 16 | (uint64_t)intid << 24 |
           (uint64_t)irm << 40 | (uint64_t)rs << 44;
}

static void test_sgis(void)
{
    machine_reset();
    linux_init();
    icc_w(0, ICC_SGI1R_EL1, sgi1r(0, 5, 0, 0, 0xa));
    tap_report(lines_high(irq) == 0xa, "SGI 5 to list {1,3} raises CPUs 1, 3");
    tap_report(rds(1, GICV3_GICR_ISPENDR0) == 1u << 5 &&
               rds(3, GICV3_GICR_ISPENDR0) == 1u << 5 &&
               rds(0, GICV3_GICR_ISPENDR0) == 0 &&
               rds(2, GICV3_GICR_ISPENDR0) == 0,
               "pending on targets only");
    tap_report(icc(3, ICC_IAR1_EL1) == 5, "IAR1 returns the bare INTID 5");
    icc_w(3, ICC_EOIR1_EL1, 5);
    icc(1, ICC_IAR1_EL1);
    icc_w(1, ICC_EOIR1_EL1, 5);
    tap_report(lines_high(irq) == 0, "quiet after both EOIs");
    icc_w(0, ICC_SGI1R_EL1, sgi1r(0, 6, 1, 0, 0xf));
    icc_w(0, ICC_SGI1R_EL1, sgi1r(1, 6, 0, 0, 0xf));
    tap_report(lines_high(irq) == 0, "RS 1 or Aff1 1: no such CPUs");
    icc_w(2, ICC_SGI1R_EL1, sgi1r(0, 6, 0, 1, 0));
    tap_report(lines_high(irq) == 0xb, "IRM=1 from CPU 2: all but self");
    icc_w(0, ICC_ASGI1R_EL1, sgi1r(0, 9, 0, 0, 4));
    tap_report(rds(2, GICV3_GICR_ISPENDR0) == 1u << 9,
               "ASGI1R acts as SGI1R");
    wrs(2, GICV3_GICR_ICPENDR0, 1u << 9);
    icc_w(0, ICC_SGI0R_EL1, sgi1r(0, 7, 0, 0, 4));
    tap_report(rds(2, GICV3_GICR_ISPENDR0) == 0,
               "SGI0R ignored for a Group 1 SGI");
    /* SGI 7 Group 0 on CPU 2: FIQ. */
    wrs(2, GICV3_GICR_IGROUPR0, ~0u & ~(1u << 7));
    wrd(GICV3_GICD_CTLR, GICV3_GICD_CTLR_ARE | 3);
    icc_w(2, ICC_IGRPEN0_EL1, 1);
    icc_w(0, ICC_SGI1R_EL1, sgi1r(0, 7, 0, 0, 4));
    tap_report(rds(2, GICV3_GICR_ISPENDR0) == 0,
               "SGI1R ignored for a Group 0 SGI");
    icc_w(0, ICC_SGI0R_EL1, sgi1r(0, 7, 0, 0, 4));
    tap_report(fiq[2].level == 1 && irq[2].level == 0,
               "Group 0 SGI 7 on CPU 2 raises FIQ, not IRQ");
    tap_report(icc(2, ICC_IAR1_EL1) == 1023 && icc(2, ICC_HPPIR0_EL1) == 7,
               "IAR1 spurious for it, HPPIR0 7");
    tap_report(icc(2, ICC_IAR0_EL1) == 7 && fiq[2].level == 0 &&
               icc(2, ICC_AP0R0_EL1) == 1u << 20,
               "IAR0 acknowledges, AP0R0 bit 20");
    icc_w(2, ICC_EOIR1_EL1, 7);
    tap_report(log_has("other group") && icc(2, ICC_AP0R0_EL1) != 0,
               "EOIR1 for the Group 0 priority is logged and ignored");
    icc_w(2, ICC_EOIR0_EL1, 7);
    tap_report(icc(2, ICC_AP0R0_EL1) == 0 && rds(2, GICV3_GICR_ISACTIVER0)
               == 0, "EOIR0 drops and deactivates");
    wrs(2, GICV3_GICR_ICENABLER0, 1u << 6);
    tap_report(rds(2, GICV3_GICR_ISENABLER0) == 0xffbf,
               "SGI enables are writable");
    tap_report(log_quiet(), "no other guest errors logged");
}

/* Two 16-CPU clusters: SGIs by Aff1, SPIs by IROUTER Aff1. */
static void test_clusters(void)
{
    GICv3State *g = calloc(1, sizeof(*g));
    hwaddr f17 = 17 * GICV3_REDIST_SIZE;
    IRQRecorder r17;
    uint64_t v = 0;

    tap_report(gicv3_init(g, "g20", 20, 64), "init 20 CPUs, 64 IDs");
    irq_recorder_init(&r17);
    qemu_irq_connect(&g->cpu[17].irq_out, irq_recorder_line(&r17));
    gicv3_dist_write(g, GICV3_GICD_CTLR, 2, 4);
    gicv3_redist_write(g, f17 + GICV3_GICR_WAKER, 0, 4);
    gicv3_redist_write(g, f17 + GICV3_SGI_BASE + GICV3_GICR_IGROUPR0, ~0u, 4);
    gicv3_redist_write(g, f17 + GICV3_SGI_BASE + GICV3_GICR_ISENABLER0,
                       1u << 3, 4);
    gicv3_icc_write(g, 17, ICC_PMR_EL1, 0xf0);
    gicv3_icc_write(g, 17, ICC_IGRPEN1_EL1, 1);
    gicv3_icc_write(g, 0, ICC_SGI1R_EL1, sgi1r(0, 3, 0, 0, 2));
    tap_report(r17.level == 0, "SGI to 0.0.0.1 does not reach CPU 17");
    gicv3_icc_write(g, 0, ICC_SGI1R_EL1, sgi1r(1, 3, 0, 0, 2));
    tap_report(r17.level == 1 &&
               gicv3_redist_read(g, GICV3_REDIST_SIZE + GICV3_SGI_BASE +
                                 GICV3_GICR_ISPENDR0, 4) == 0,
               "SGI to Aff1 1, list bit 1 reaches CPU 17 only");
    tap_report(gicv3_icc_read(g, 17, ICC_IAR1_EL1, &v) && v == 3,
               "CPU 17 acknowledges SGI 3");
    gicv3_icc_write(g, 17, ICC_EOIR1_EL1, 3);
    gicv3_dist_write(g, GICV3_GICD_IROUTER + 8 * 40, 0x101, 8);
    gicv3_dist_write(g, GICV3_GICD_IGROUPR + 4, ~0u, 4);
    gicv3_dist_write(g, GICV3_GICD_ISENABLER + 4, 1u << 8, 4);
    gicv3_dist_write(g, GICV3_GICD_ISPENDR + 4, 1u << 8, 4);
    tap_report(r17.level == 1 && gicv3_icc_read(g, 17, ICC_IAR1_EL1, &v) &&
               v == 40, "SPI 40 routed to 0.0.1.1 = CPU 17");
    gicv3_destroy(g);
    free(g);
    tap_report(log_quiet(), "no guest errors logged");
}

static void test_priorities(void)
{
    machine_reset();
    linux_init();
    enable_spi(34, 0x80);
    enable_spi(35, 0x40);
    enable_spi(36, 0x60);
    enable_spi(37, 0xf0);
    enable_spi(38, 0x40);
    pend_spi(34);
    pend_spi(35);
    tap_report(icc(0, ICC_HPPIR1_EL1) == 35, "HPPIR1: 0x40 beats 0x80");
    tap_report(icc(0, ICC_IAR1_EL1) == 35 && icc(0, ICC_RPR_EL1) == 0x40,
               "IAR1 35, RPR 0x40");
    tap_report(irq[0].level == 0 && icc(0, ICC_IAR1_EL1) == 1023,
               "0x80 cannot preempt 0x40");
    icc_w(0, ICC_EOIR1_EL1, 35);
    tap_report(irq[0].level == 1 && icc(0, ICC_IAR1_EL1) == 34,
               "after EOI 34 is signalled and acknowledged");
    pend_spi(36);
    tap_report(irq[0].level == 1, "0x60 preempts running 0x80");
    tap_report(icc(0, ICC_IAR1_EL1) == 36 && icc(0, ICC_RPR_EL1) == 0x60 &&
               icc(0, ICC_AP1R0_EL1) == ((1u << 16) | (1u << 12)),
               "nested: RPR 0x60, AP1R0 bits 16 and 12");
    icc_w(0, ICC_EOIR1_EL1, 36);
    tap_report(icc(0, ICC_RPR_EL1) == 0x80 && icc(0, ICC_AP1R0_EL1) ==
               1u << 16, "priority drop back to 0x80");
    icc_w(0, ICC_EOIR1_EL1, 34);
    tap_report(icc(0, ICC_RPR_EL1) == 0xff && rdd(GICV3_GICD_ISACTIVER + 4)
               == 0, "idle, nothing active");
    pend_spi(37);
    tap_report(irq[0].level == 0 && icc(0, ICC_HPPIR1_EL1) == 37,
               "priority 0xf0 masked by PMR 0xf0 (HPPIR still 37)");
    icc_w(0, ICC_PMR_EL1, 0xff);
    tap_report(icc(0, ICC_PMR_EL1) == 0xf8 && irq[0].level == 1,
               "PMR 0xff reads 0xf8, unmasks 0xf0");
    tap_report(icc(0, ICC_IAR1_EL1) == 37, "acknowledge 37");
    icc_w(0, ICC_EOIR1_EL1, 37);
    pend_spi(38);
    pend_spi(35);
    tap_report(icc(0, ICC_IAR1_EL1) == 35 && icc(0, ICC_IAR1_EL1) == 1023,
               "equal priorities: lowest INTID first, no self-preemption");
    icc_w(0, ICC_EOIR1_EL1, 35);
    tap_report(icc(0, ICC_IAR1_EL1) == 38, "then 38");
    icc_w(0, ICC_EOIR1_EL1, 38);
    wrd(GICV3_GICD_IPRIORITYR + 60, 0xffffffff);
    tap_report(rdd(GICV3_GICD_IPRIORITYR + 60) == 0xf8f8f8f8,
               "IPRIORITYR keeps 5 bits");
    tap_report(rdd(GICV3_GICD_IPRIORITYR) == 0,
               "IPRIORITYR 0-31 RAZ in the distributor");
    icc_w(0, ICC_EOIR1_EL1, 40);
    tap_report(log_has("no active priority"),
               "EOIR with nothing active is logged");
    icc_w(0, ICC_IGRPEN1_EL1, 0);
    pend_spi(35);
    tap_report(irq[0].level == 0 && icc(0, ICC_IAR1_EL1) == 1023,
               "IGRPEN1 0: nothing signalled");
    icc_w(0, ICC_IGRPEN1_EL1, 1);
    wrd(GICV3_GICD_CTLR, GICV3_GICD_CTLR_ARE | 1);
    tap_report(irq[0].level == 0, "GICD_CTLR.EnableGrp1 0: nothing");
    wrd(GICV3_GICD_CTLR, GICV3_GICD_CTLR_ARE | 2);
    tap_report(irq[0].level == 1, "EnableGrp1 back: signalled");
    wrr(0, GICV3_GICR_WAKER, 2);
    tap_report(irq[0].level == 0, "redistributor asleep: nothing");
    tap_report(log_quiet(), "no other guest errors logged");
}

static void test_bpr(void)
{
    machine_reset();
    linux_init();
    enable_spi(40, 0x70);
    enable_spi(41, 0x68);
    pend_spi(40);
    tap_report(icc(0, ICC_IAR1_EL1) == 40, "acknowledge 0x70");
    pend_spi(41);
    tap_report(irq[0].level == 1, "BPR1 3: 0x68 preempts 0x70");
    icc_w(0, ICC_BPR1_EL1, 5);
    tap_report(icc(0, ICC_BPR1_EL1) == 5, "BPR1 5 reads back");
    tap_report(irq[0].level == 1, "(running stays 0x70, recorded at ack)");
    icc_w(0, ICC_EOIR1_EL1, 40);
    wrd(GICV3_GICD_ICPENDR + 4, 3u << 8);
    pend_spi(40);
    tap_report(icc(0, ICC_IAR1_EL1) == 40 && icc(0, ICC_RPR_EL1) == 0x60,
               "BPR1 5: group priority of 0x70 is 0x60");
    pend_spi(41);
    tap_report(irq[0].level == 0 && icc(0, ICC_IAR1_EL1) == 1023,
               "0x68 in the same group priority: no preemption");
    icc_w(0, ICC_EOIR1_EL1, 40);
    tap_report(icc(0, ICC_IAR1_EL1) == 41, "41 after the EOI");
    icc_w(0, ICC_EOIR1_EL1, 41);
    icc_w(0, ICC_BPR0_EL1, 0);
    tap_report(icc(0, ICC_BPR0_EL1) == 2, "BPR0 write 0 clamps to 2");
    icc_w(0, ICC_BPR0_EL1, 4);
    icc_w(0, ICC_CTLR_EL1, ICC_CTLR_CBPR);
    tap_report(icc(0, ICC_CTLR_EL1) == 0x8401 && icc(0, ICC_BPR1_EL1) == 5,
               "CBPR: BPR1 reads BPR0 + 1");
    icc_w(0, ICC_BPR1_EL1, 3);
    tap_report(icc(0, ICC_BPR1_EL1) == 5, "CBPR: BPR1 writes ignored");
    enable_spi(42, 0x58);
    pend_spi(40);
    tap_report(icc(0, ICC_IAR1_EL1) == 40 && icc(0, ICC_RPR_EL1) == 0x60,
               "CBPR: Group 1 uses BPR0 4 (mask 0xe0)");
    pend_spi(42);
    tap_report(irq[0].level == 1, "0x58 (group 0x40) preempts 0x60");
    icc_w(0, ICC_CTLR_EL1, 0);
    tap_report(icc(0, ICC_BPR1_EL1) == 5, "no CBPR: own BPR1 (5)");
    tap_report(log_quiet(), "no guest errors logged");
}

static void test_eoimode(void)
{
    qemu_irq line = gicv3_spi(&gic, 50);

    machine_reset();
    linux_init();
    icc_w(1, ICC_CTLR_EL1, ICC_CTLR_EOIMODE);
    tap_report(icc(1, ICC_CTLR_EL1) == 0x8402, "EOImode reads back");
    enable_spi(50, 0x90);
    wrd(GICV3_GICD_IROUTER + 8 * 50, 1);
    qemu_set_irq(line, 1);
    tap_report(icc(1, ICC_IAR1_EL1) == 50 && icc(1, ICC_RPR_EL1) == 0x90,
               "acknowledged, RPR 0x90");
    icc_w(1, ICC_EOIR1_EL1, 50);
    tap_report(icc(1, ICC_RPR_EL1) == 0xff &&
               (rdd(GICV3_GICD_ISACTIVER + 4) >> 18 & 1) == 1,
               "EOImode 1: EOIR drops priority, stays active");
    tap_report(irq[1].level == 0, "active level SPI not re-signalled");
    icc_w(1, ICC_DIR_EL1, 50);
    tap_report((rdd(GICV3_GICD_ISACTIVER + 4) >> 18 & 1) == 0 &&
               irq[1].level == 1, "DIR deactivates: signalled again");
    icc_w(1, ICC_DIR_EL1, 50);
    tap_report(log_has("not active"), "DIR of an inactive INTID logged");
    qemu_set_irq(line, 0);
    tap_report(log_quiet(), "no other guest errors logged");
}

static void test_group0_fiq(void)
{
    machine_reset();
    linux_init();
    wrd(GICV3_GICD_IGROUPR + 4, ~(1u << 12));       /* SPI 44: Group 0 */
    enable_spi(44, 0x80);
    pend_spi(44);
    tap_report(lines_high(fiq) == 0 && lines_high(irq) == 0,
               "Group 0 with IGRPEN0 0: nothing");
    icc_w(0, ICC_IGRPEN0_EL1, 1);
    tap_report(lines_high(fiq) == 1 && lines_high(irq) == 0,
               "IGRPEN0 1: FIQ on CPU 0");
    wrd(GICV3_GICD_CTLR, GICV3_GICD_CTLR_ARE | 2);
    tap_report(lines_high(fiq) == 0, "GICD EnableGrp0 0: FIQ low");
    wrd(GICV3_GICD_CTLR, GICV3_GICD_CTLR_ARE | 3);
    enable_spi(45, 0xa0);
    pend_spi(45);
    tap_report(fiq[0].level == 1 && irq[0].level == 0,
               "higher-priority Group 0 wins over Group 1");
    tap_report(icc(0, ICC_IAR0_EL1) == 44 && fiq[0].level == 0 &&
               irq[0].level == 0, "IAR0 44: 0xa0 Group 1 cannot preempt");
    icc_w(0, ICC_EOIR0_EL1, 44);
    tap_report(irq[0].level == 1 && icc(0, ICC_IAR1_EL1) == 45,
               "then Group 1 45 on IRQ");
    icc_w(0, ICC_EOIR1_EL1, 45);
    tap_report(log_quiet(), "no guest errors logged");
}

static void test_level_edge(void)
{
    qemu_irq line = gicv3_spi(&gic, 50);

    machine_reset();
    linux_init();
    enable_spi(50, 0x80);
    /* ICFGR3 covers 48-63: ID 50 is field 2, edge bit 5. */
    wrd(GICV3_GICD_ICFGR + 12, 1u << 5);
    tap_report(rdd(GICV3_GICD_ICFGR + 12) == 1u << 5, "ICFGR3 reads back");
    tap_report(rdd(GICV3_GICD_ICFGR) == 0 && rdd(GICV3_GICD_ICFGR + 4) == 0,
               "ICFGR0/1 RAZ in the distributor");
    qemu_irq_pulse(line);
    tap_report(irq[0].level == 1 && (rdd(GICV3_GICD_ISPENDR + 4) >> 18 & 1),
               "edge: a pulse latches pending");
    wrd(GICV3_GICD_ICPENDR + 4, 1u << 18);
    tap_report(irq[0].level == 0 && !(rdd(GICV3_GICD_ISPENDR + 4) >> 18 & 1),
               "ICPENDR clears the latch");
    qemu_set_irq(line, 1);
    tap_report(icc(0, ICC_IAR1_EL1) == 50, "edge acknowledged");
    icc_w(0, ICC_EOIR1_EL1, 50);
    tap_report(irq[0].level == 0, "edge: high input does not re-pend");
    qemu_set_irq(line, 0);
    wrd(GICV3_GICD_ICFGR + 12, 0);
    qemu_set_irq(line, 1);
    tap_report(irq[0].level == 1, "level: pending while high");
    qemu_set_irq(line, 0);
    tap_report(irq[0].level == 0 && !(rdd(GICV3_GICD_ISPENDR + 4) >> 18 & 1),
               "level: not pending once low");
    pend_spi(50);
    tap_report(irq[0].level == 1, "ISPENDR pends a level SPI with input low");
    tap_report(icc(0, ICC_IAR1_EL1) == 50 &&
               !(rdd(GICV3_GICD_ISPENDR + 4) >> 18 & 1),
               "acknowledge clears the latched pending bit");
    icc_w(0, ICC_EOIR1_EL1, 50);
    tap_report(irq[0].level == 0, "quiet after EOI");
    tap_report(log_quiet(), "no guest errors logged");
}

static void test_bits(void)
{
    machine_reset();
    wrd(GICV3_GICD_ISENABLER + 4, 0x00ff00ff);
    wrd(GICV3_GICD_ICENABLER + 4, 0x0000000f);
    tap_report(rdd(GICV3_GICD_ISENABLER + 4) == 0x00ff00f0 &&
               rdd(GICV3_GICD_ICENABLER + 4) == 0x00ff00f0,
               "set/clear-enable pair");
    wrd(GICV3_GICD_ISACTIVER + 8, 0x80000001);
    wrd(GICV3_GICD_ICACTIVER + 8, 1);
    tap_report(rdd(GICV3_GICD_ICACTIVER + 8) == 0x80000000,
               "set/clear-active pair");
    wrd(GICV3_GICD_IGROUPR + 4, 0x12345678);
    tap_report(rdd(GICV3_GICD_IGROUPR + 4) == 0x12345678, "IGROUPR stored");
    wrd(GICV3_GICD_ISENABLER + 4 * 9, ~0u);
    tap_report(rdd(GICV3_GICD_ISENABLER + 4 * 9) == 0,
               "IDs beyond num_irq RAZ/WI");
    wrd(GICV3_GICD_ISENABLER, ~0u);
    wrd(GICV3_GICD_IGROUPR, ~0u);
    tap_report(rdd(GICV3_GICD_ISENABLER) == 0 && rdd(GICV3_GICD_IGROUPR) == 0 &&
               rds(0, GICV3_GICR_ISENABLER0) == 0,
               "GICD word 0 (IDs 0-31) RAZ/WI with ARE");
    wrd(GICV3_GICD_IGRPMODR + 4, ~0u);
    tap_report(rdd(GICV3_GICD_IGRPMODR + 4) == 0, "GICD_IGRPMODR RAZ/WI (DS)");
    wrs(0, GICV3_GICR_IGRPMODR0, ~0u);
    tap_report(rds(0, GICV3_GICR_IGRPMODR0) == 0, "GICR_IGRPMODR0 RAZ/WI");
    wrs(2, GICV3_GICR_ISACTIVER0, 0x10001);
    wrs(2, GICV3_GICR_ICACTIVER0, 1);
    tap_report(rds(2, GICV3_GICR_ISACTIVER0) == 0x10000 &&
               rds(1, GICV3_GICR_ISACTIVER0) == 0,
               "GICR active bits per CPU");
    wrs(2, GICV3_GICR_ISPENDR0, 0x30);
    wrs(2, GICV3_GICR_ICPENDR0, 0x10);
    tap_report(rds(2, GICV3_GICR_ICPENDR0) == 0x20, "GICR pending pair");
    wrs(2, GICV3_GICR_IGROUPR0, 0xabcd);
    tap_report(rds(2, GICV3_GICR_IGROUPR0) == 0xabcd, "GICR_IGROUPR0");
    machine_reset();
    tap_report(rdd(GICV3_GICD_ISENABLER + 4) == 0 &&
               rdd(GICV3_GICD_IGROUPR + 4) == 0 &&
               rds(2, GICV3_GICR_ISPENDR0) == 0 &&
               rds(2, GICV3_GICR_IGROUPR0) == 0 &&
               icc(0, ICC_PMR_EL1) == 0 && icc(0, ICC_IGRPEN1_EL1) == 0,
               "reset clears distributor, redistributor and CPU interface");
    tap_report(log_quiet(), "no guest errors logged");
}

static void test_icc_keys(void)
{
    uint64_t v = 0x1234;

    tap_report(!gicv3_icc_read(&gic, 0, GICV3_ICC_KEY(3, 0, 12, 13, 0), &v) &&
               v == 0x1234 &&
               !gicv3_icc_write(&gic, 0, GICV3_ICC_KEY(3, 0, 12, 13, 0), 0),
               "unknown key refused both ways");
    tap_report(!gicv3_icc_write(&gic, 0, ICC_IAR1_EL1, 0) &&
               !gicv3_icc_write(&gic, 0, ICC_RPR_EL1, 0) &&
               !gicv3_icc_write(&gic, 0, ICC_HPPIR0_EL1, 0),
               "writes to read-only ICC registers refused");
    tap_report(!gicv3_icc_read(&gic, 0, ICC_EOIR1_EL1, &v) &&
               !gicv3_icc_read(&gic, 0, ICC_DIR_EL1, &v) &&
               !gicv3_icc_read(&gic, 0, ICC_SGI1R_EL1, &v),
               "reads of write-only ICC registers refused");
    tap_report(!gicv3_icc_read(&gic, NCPU, ICC_PMR_EL1, &v) &&
               !gicv3_icc_write(&gic, -1, ICC_PMR_EL1, 0),
               "bad CPU numbers refused");
    tap_report(ICC_SGI1R_EL1 == 0xc65d && ICC_IAR1_EL1 == 0xc660 &&
               ICC_PMR_EL1 == 0xc230, "keys match the MRS encoding");
    tap_report(gicv3_icc_write(&gic, 0, ICC_AP0R0_EL1 + 3, 5) &&
               icc(0, ICC_AP0R0_EL1 + 3) == 0 &&
               icc(0, ICC_AP1R0_EL1 + 1) == 0,
               "AP0R3/AP1R1 RAZ/WI");
    tap_report(gicv3_icc_write(&gic, 0, ICC_SRE_EL1, 0) &&
               icc(0, ICC_SRE_EL1) == 7, "SRE stays 1");
}

static void test_bad_accesses(void)
{
    machine_reset();
    address_space_stw_le(&as, DIST + GICV3_GICD_CTLR, 3);
    tap_report(log_has("bad access size") && rdd(GICV3_GICD_CTLR) == 0x50,
               "16-bit GICD_CTLR write logged, ignored");
    tap_report(rdd(0x20) == 0 && log_has("reserved distributor"),
               "reserved GICD offset reads 0, logged");
    wrd(GICV3_GICD_TYPER, 0);
    tap_report(log_has("read-only") && rdd(GICV3_GICD_TYPER) == 0x01480068,
               "GICD_TYPER write logged, ignored");
    address_space_stb(&as, DIST + GICV3_GICD_IPRIORITYR + 33, 0x88);
    tap_report(log_quiet() && rdd(GICV3_GICD_IPRIORITYR + 32) == 0x8800,
               "IPRIORITYR byte access is legal");
    address_space_stw_le(&as, DIST + GICV3_GICD_IROUTER + 8 * 33, 1);
    tap_report(log_has("IROUTER") && rdd(GICV3_GICD_IROUTER + 8 * 33) == 0,
               "16-bit IROUTER write logged");
    address_space_ldq_le(&as, DIST + GICV3_GICD_CTLR, NULL);
    tap_report(log_has("bad access size"), "64-bit GICD_CTLR read logged");
    wrd(GICV3_GICD_SGIR, 0x10001);
    tap_report(log_has("GICD_SGIR"), "GICD_SGIR with ARE logged");
    tap_report(rdr(0, 0x40) == 0 && log_has("reserved redistributor"),
               "reserved GICR offset logged");
    wrs(1, 0x500, 1);
    tap_report(log_has("SGI_base"), "reserved SGI_base offset logged");
    address_space_ldw_le(&as, REDIST + GICV3_GICR_WAKER, NULL);
    tap_report(log_has("bad access size"), "16-bit GICR_WAKER read logged");
    tap_report(gicv3_redist_read(&gic, NCPU * GICV3_REDIST_SIZE, 4) == 0 &&
               log_has("beyond the last"),
               "beyond the last redistributor logged");
    wrr(0, GICV3_GICR_CTLR, 1);
    tap_report(log_has("no LPIs") && rdr(0, GICV3_GICR_CTLR) == 0,
               "GICR_CTLR.EnableLPIs stays 0");
}

int main(void)
{
    qemu_logfile = open_memstream(&log_buf, &log_size);
    qemu_set_log(LOG_GUEST_ERROR);
    setup();
    test_id_regs();
    test_redist_typer();
    test_waker();
    test_linux_init();
    test_routing();
    test_ppis();
    test_sgis();
    test_clusters();
    test_priorities();
    test_bpr();
    test_eoimode();
    test_group0_fiq();
    test_level_edge();
    test_bits();
    test_icc_keys();
    test_bad_accesses();

    memory_region_del_subregion(&root, gicv3_dist_mmio(&gic));
    memory_region_del_subregion(&root, gicv3_redist_mmio(&gic));
    address_space_destroy(&as);
    memory_region_destroy(&root);
    gicv3_destroy(&gic);
    qemu_set_log(0);
    fclose(qemu_logfile);
    qemu_logfile = NULL;
    free(log_buf);
    return tap_exit_status();
}

/*
 * test-gicv2.c: the GICv2 model (hw/intc/arm_gicv2.c) through the
 * memory API, one address space per CPU (4 CPUs, 288 interrupt IDs):
 * TYPER/IIDR and reset values (IHI 0048B chapter 4), enable/pending/
 * active bits, a level SPI reaching the CPU line only when enabled,
 * targeted and above PMR, IAR/EOIR with priorities, running priority
 * and preemption (binary point), spurious 1023, SGIs with source IDs
 * and the three target list filters, banked PPIs, the edge latch, and
 * bad accesses being logged and ignored.
 */
#include <stdlib.h>
#include <string.h>

#include "exec/memory.h"
#include "hw/intc/arm_gicv2.h"
#include "hw/irq.h"
#include "qemu/log.h"
#include "tests/unit/tap.h"

#define NCPU    4
#define DIST    0x10000
#define CPUIF   0x20000

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

static GICv2State gic;
static MemoryRegion root[NCPU];
static AddressSpace as[NCPU];
static IRQRecorder line[NCPU];

static uint32_t rdd(int c, hwaddr off)
{
    return address_space_ldl_le(&as[c], DIST + off, NULL);
}

static void wrd(int c, hwaddr off, uint32_t v)
{
    address_space_stl_le(&as[c], DIST + off, v);
}

static uint32_t rdc(int c, hwaddr off)
{
    return address_space_ldl_le(&as[c], CPUIF + off, NULL);
}

static void wrc(int c, hwaddr off, uint32_t v)
{
    address_space_stl_le(&as[c], CPUIF + off, v);
}

static void setup(void)
{
    int c;

    tap_report(gicv2_init(&gic, "gic", NCPU, 288), "init 4 CPUs, 288 IDs");
    for (c = 0; c < NCPU; c++) {
        memory_region_init_container(&root[c], "system", MEMORY_SIZE_ALL);
        address_space_init(&as[c], &root[c], "cpu-memory");
        memory_region_add_subregion(&root[c], DIST, gicv2_dist_mmio(&gic, c));
        memory_region_add_subregion(&root[c], CPUIF, gicv2_cpu_mmio(&gic, c));
        irq_recorder_init(&line[c]);
        qemu_irq_connect(&gic.cpu[c].irq_out, irq_recorder_line(&line[c]));
    }
}

static void machine_reset(void)
{
    int c;

    gicv2_reset(&gic);
    for (c = 0; c < NCPU; c++) {
        irq_recorder_clear_counts(&line[c]);
    }
    log_quiet();
}

/* Distributor and CPU interfaces 0-3 on, PMR 0xf0 everywhere. */
static void enable_all(void)
{
    int c;

    wrd(0, GICD_CTLR, 1);
    for (c = 0; c < NCPU; c++) {
        wrc(c, GICC_CTLR, 1);
        wrc(c, GICC_PMR, 0xf0);
    }
}

static void test_typer(void)
{
    GICv2State *g = calloc(1, sizeof(*g));

    /* ITLinesNumber = 288/32 - 1 = 8, CPUNumber = 4 - 1 = 3 at [7:5]. */
    tap_report(rdd(0, GICD_TYPER) == 0x68, "TYPER 4 CPUs/288 IDs = 0x68");
    tap_report(gicv2_init(g, "g8", 8, 1024) && g->num_irq == 1024,
               "init 8 CPUs, 1024 IDs");
    tap_report(gicv2_dist_read(g, 7, GICD_TYPER, 4) == 0xff,
               "TYPER 8 CPUs/1024 IDs = 0xff");
    gicv2_destroy(g);
    tap_report(gicv2_init(g, "g1", 1, 32) &&
               gicv2_dist_read(g, 0, GICD_TYPER, 4) == 0,
               "TYPER 1 CPU/32 IDs = 0");
    gicv2_destroy(g);
    tap_report(!gicv2_init(g, "bad", 9, 288) && !gicv2_init(g, "b", 1, 40) &&
               !gicv2_init(g, "b", 0, 64) && !gicv2_init(g, "b", 1, 1056),
               "init rejects 9 CPUs, 40/1056 IDs, 0 CPUs");
    free(g);
}

static void test_reset_values(void)
{
    machine_reset();
    tap_report(rdd(0, GICD_CTLR) == 0, "GICD_CTLR resets 0");
    tap_report(rdd(0, GICD_IIDR) == 0x0200143b, "GICD_IIDR GIC-400");
    tap_report(rdd(0, GICD_ICPIDR2) == 0x2b, "ICPIDR2 ArchRev 2");
    tap_report(rdd(1, GICD_ISENABLER) == 0x0000ffff &&
               rdd(1, GICD_ICENABLER) == 0x0000ffff,
               "SGI enables read as one");
    tap_report(rdd(0, GICD_ISENABLER + 4) == 0, "SPI enables reset 0");
    tap_report(rdd(0, GICD_ICFGR) == 0xaaaaaaaa, "ICFGR0 SGIs edge");
    tap_report(rdd(0, GICD_ICFGR + 4) == 0 && rdd(0, GICD_ICFGR + 8) == 0,
               "ICFGR1/2 level");
    tap_report(rdd(0, GICD_ITARGETSR) == 0x01010101 &&
               rdd(1, GICD_ITARGETSR + 28) == 0x02020202 &&
               rdd(3, GICD_ITARGETSR + 16) == 0x08080808,
               "ITARGETSR0-7 read the CPU's own bit");
    tap_report(rdd(0, GICD_ITARGETSR + 32) == 0, "SPI targets reset 0");
    tap_report(rdd(0, GICD_IPRIORITYR) == 0 &&
               rdd(0, GICD_IPRIORITYR + 64) == 0, "priorities reset 0");
    tap_report(rdc(0, GICC_CTLR) == 0 && rdc(0, GICC_PMR) == 0 &&
               rdc(0, GICC_BPR) == 2 && rdc(0, GICC_RPR) == 0xff,
               "GICC CTLR 0, PMR 0, BPR 2, RPR 0xff");
    tap_report(rdc(2, GICC_IIDR) == 0x0202143b, "GICC_IIDR");
    tap_report(rdc(0, GICC_IAR) == 1023 && rdc(0, GICC_HPPIR) == 1023,
               "IAR/HPPIR spurious 1023 at reset");
    tap_report(line[0].level == 0 && line[3].level == 0, "lines low");
}

static void test_bits(void)
{
    machine_reset();
    wrd(0, GICD_ISENABLER + 4, 0x5);
    tap_report(rdd(0, GICD_ISENABLER + 4) == 0x5 &&
               rdd(2, GICD_ICENABLER + 4) == 0x5, "ISENABLER1 set 32, 34");
    wrd(0, GICD_ICENABLER + 4, 0x1);
    tap_report(rdd(0, GICD_ISENABLER + 4) == 0x4, "ICENABLER1 clears 32");
    wrd(0, GICD_ISENABLER, 0xffffffff);
    tap_report(rdd(0, GICD_ISENABLER) == 0xffffffff &&
               rdd(1, GICD_ISENABLER) == 0x0000ffff, "PPI enables banked");
    wrd(0, GICD_ICENABLER, 0xffffffff);
    tap_report(rdd(0, GICD_ISENABLER) == 0x0000ffff, "SGI enables WI");
    tap_report(rdd(0, GICD_ISENABLER + 36) == 0, "IDs >= 288 RAZ");
    wrd(0, GICD_ISENABLER + 36, 0xffffffff);
    tap_report(rdd(0, GICD_ISENABLER + 36) == 0, "IDs >= 288 WI");

    wrd(0, GICD_ISPENDR + 8, 0x80000001);   /* 64 and 95 */
    tap_report(rdd(1, GICD_ICPENDR + 8) == 0x80000001, "ISPENDR2 sets");
    wrd(0, GICD_ICPENDR + 8, 0x1);
    tap_report(rdd(0, GICD_ISPENDR + 8) == 0x80000000, "ICPENDR2 clears");
    wrd(0, GICD_ISPENDR, 0xffff);
    tap_report(rdd(0, GICD_ISPENDR) == 0, "ISPENDR0 SGI bits WI");
    wrd(0, GICD_ISACTIVER + 4, 0x10);
    tap_report(rdd(0, GICD_ICACTIVER + 4) == 0x10, "ISACTIVER1 sets 36");
    wrd(0, GICD_ICACTIVER + 4, 0x10);
    tap_report(rdd(0, GICD_ISACTIVER + 4) == 0, "ICACTIVER1 clears");
    wrd(0, GICD_IGROUPR + 4, 0xdeadbeef);
    tap_report(rdd(0, GICD_IGROUPR + 4) == 0xdeadbeef, "IGROUPR stored");

    address_space_stb(&as[0], DIST + GICD_IPRIORITYR + 33, 0xa7);
    tap_report(address_space_ldb(&as[0], DIST + GICD_IPRIORITYR + 33,
                                 NULL) == 0xa0 &&
               rdd(0, GICD_IPRIORITYR + 32) == 0x0000a000,
               "IPRIORITYR byte write keeps bits 7:3");
    wrd(1, GICD_IPRIORITYR + 24, 0x40302010);
    tap_report(rdd(1, GICD_IPRIORITYR + 24) == 0x40302010 &&
               rdd(0, GICD_IPRIORITYR + 24) == 0, "PPI priorities banked");
    address_space_stb(&as[0], DIST + GICD_ITARGETSR + 40, 0xff);
    tap_report(rdd(0, GICD_ITARGETSR + 40) == 0x0f,
               "ITARGETSR keeps bits of existing CPUs");
    wrd(0, GICD_ITARGETSR, 0xffffffff);
    tap_report(rdd(0, GICD_ITARGETSR) == 0x01010101, "ITARGETSR0 RO");
    wrc(0, GICC_PMR, 0xff);
    tap_report(rdc(0, GICC_PMR) == 0xf8, "PMR keeps bits 7:3");
    wrc(0, GICC_BPR, 0);
    tap_report(rdc(0, GICC_BPR) == 2, "BPR minimum 2");
    wrc(0, GICC_BPR, 5);
    tap_report(rdc(0, GICC_BPR) == 5, "BPR 5");
    wrd(0, GICD_ICFGR + 4, 0xffffffff);
    tap_report(rdd(0, GICD_ICFGR + 4) == 0, "ICFGR1 RO");
    tap_report(log_quiet(), "no log for valid accesses");
}

static void test_level_spi(void)
{
    qemu_irq in = gicv2_spi(&gic, 40);

    machine_reset();
    enable_all();
    address_space_stb(&as[0], DIST + GICD_IPRIORITYR + 40, 0x80);
    address_space_stb(&as[0], DIST + GICD_ITARGETSR + 40, 0x01);
    qemu_irq_raise(in);
    tap_report(rdd(0, GICD_ISPENDR + 4) == 0x100 && line[0].level == 0,
               "level SPI 40 pending, disabled: line low");
    wrd(0, GICD_ISENABLER + 4, 0x100);
    tap_report(line[0].level == 1 && line[1].level == 0,
               "enabled: CPU 0 line high, CPU 1 low");
    tap_report(rdc(0, GICC_HPPIR) == 40 && rdc(1, GICC_HPPIR) == 1023,
               "HPPIR 40 on CPU 0 only");
    address_space_stb(&as[0], DIST + GICD_ITARGETSR + 40, 0x02);
    tap_report(line[0].level == 0 && line[1].level == 1,
               "retargeted to CPU 1");
    address_space_stb(&as[0], DIST + GICD_ITARGETSR + 40, 0x01);
    wrc(0, GICC_PMR, 0x80);
    tap_report(line[0].level == 0, "priority 0x80 not above PMR 0x80");
    wrc(0, GICC_PMR, 0x88);
    tap_report(line[0].level == 1, "priority 0x80 above PMR 0x88");
    wrd(0, GICD_CTLR, 0);
    tap_report(line[0].level == 0 && rdc(0, GICC_IAR) == 1023,
               "distributor off: low, IAR 1023");
    wrd(0, GICD_CTLR, 1);
    wrc(0, GICC_CTLR, 0);
    tap_report(line[0].level == 0 && rdc(0, GICC_IAR) == 1023,
               "CPU interface off: low, IAR 1023");
    wrc(0, GICC_CTLR, 1);
    tap_report(line[0].level == 1, "back on: high");

    tap_report(rdc(0, GICC_IAR) == 40, "IAR acknowledges 40");
    tap_report(rdc(0, GICC_RPR) == 0x80, "RPR 0x80");
    tap_report(rdd(0, GICD_ISACTIVER + 4) == 0x100 &&
               rdd(0, GICD_ISPENDR + 4) == 0x100 && line[0].level == 0,
               "active and pending while input high, line low");
    qemu_irq_lower(in);
    tap_report(rdd(0, GICD_ISPENDR + 4) == 0, "input low: not pending");
    wrc(0, GICC_EOIR, 40);
    tap_report(rdc(0, GICC_RPR) == 0xff && rdd(0, GICD_ISACTIVER + 4) == 0 &&
               line[0].level == 0, "EOIR: idle, inactive, low");
    qemu_irq_raise(in);
    wrd(0, GICD_ICPENDR + 4, 0x100);
    tap_report(rdd(0, GICD_ISPENDR + 4) == 0x100 && line[0].level == 1,
               "ICPENDR cannot clear a high level input");
    qemu_irq_lower(in);
    tap_report(line[0].level == 0, "lowering the input drops the line");
}

static void test_priorities(void)
{
    machine_reset();
    enable_all();
    wrd(0, GICD_ISENABLER + 4, 0x000f0000);         /* 48-51 */
    wrd(0, GICD_IPRIORITYR + 48, 0x6040a0a8);       /* 48..51 */
    wrd(0, GICD_ITARGETSR + 48, 0x01010101);
    wrd(0, GICD_ISPENDR + 4, 1u << (49 - 32));      /* 0xa0 */
    tap_report(rdc(0, GICC_IAR) == 49 && rdc(0, GICC_RPR) == 0xa0,
               "IAR 49, RPR 0xa0");
    wrd(0, GICD_ISPENDR + 4, 1u << (50 - 32));      /* 0x40 */
    tap_report(line[0].level == 1, "0x40 preempts 0xa0");
    tap_report(rdc(0, GICC_IAR) == 50 && rdc(0, GICC_RPR) == 0x40,
               "IAR 50, RPR 0x40");
    wrd(0, GICD_ISPENDR + 4, 1u << (51 - 32));      /* 0x60 */
    tap_report(line[0].level == 0 && rdc(0, GICC_IAR) == 1023 &&
               rdc(0, GICC_HPPIR) == 51,
               "0x60 under running 0x40: IAR 1023, HPPIR 51");
    wrc(0, GICC_EOIR, 50);
    tap_report(rdc(0, GICC_RPR) == 0xa0 && line[0].level == 1,
               "EOI 50: RPR back to 0xa0, 51 signalled");
    tap_report(rdc(0, GICC_IAR) == 51, "IAR 51");
    wrc(0, GICC_EOIR, 51);
    wrc(0, GICC_EOIR, 49);
    tap_report(rdc(0, GICC_RPR) == 0xff, "all EOI'd: RPR 0xff");

    /* Binary point: running 0xa8, pending 0xa0. */
    wrd(0, GICD_ISPENDR + 4, 1u << (48 - 32));      /* 0xa8 */
    tap_report(rdc(0, GICC_IAR) == 48, "IAR 48 (0xa8)");
    wrd(0, GICD_ISPENDR + 4, 1u << (49 - 32));      /* 0xa0 */
    tap_report(line[0].level == 1, "BPR 2: 0xa0 preempts 0xa8");
    wrc(0, GICC_BPR, 4);            /* group priority bits 7:5 */
    tap_report(line[0].level == 0 && rdc(0, GICC_IAR) == 1023,
               "BPR 4: same group priority 0xa0, no preemption");
    wrc(0, GICC_EOIR, 48);
    tap_report(line[0].level == 1 && rdc(0, GICC_IAR) == 49,
               "after EOI 48: 49 acknowledged");
    wrc(0, GICC_EOIR, 49);

    /* Ties: equal priority, lowest ID first. */
    wrd(0, GICD_IPRIORITYR + 48, 0x20202020);
    wrd(0, GICD_ISPENDR + 4, 0x000c0000);           /* 50, 51 */
    tap_report(rdc(0, GICC_IAR) == 50, "equal priority: lowest ID");
    wrc(0, GICC_EOIR, 50);
    tap_report(rdc(0, GICC_IAR) == 51, "then 51");
    wrc(0, GICC_EOIR, 51);
    tap_report(log_quiet(), "no log");
    wrc(0, GICC_EOIR, 51);
    tap_report(log_has("not acknowledged"), "EOI of inactive logged");
}

static void test_sgis(void)
{
    machine_reset();
    enable_all();
    wrd(0, GICD_SGIR, (0x06 << 16) | 5);        /* list: CPUs 1, 2 */
    tap_report(line[1].level == 1 && line[2].level == 1 &&
               line[0].level == 0 && line[3].level == 0,
               "SGI 5 to CPUs 1, 2");
    tap_report(address_space_ldb(&as[2], DIST + GICD_SPENDSGIR + 5,
                                 NULL) == 0x01, "SPENDSGIR5 source CPU 0");
    tap_report(rdd(1, GICD_ISPENDR) == 0x20, "ISPENDR0 shows SGI 5");
    tap_report(rdc(1, GICC_IAR) == 5, "CPU 1 IAR 5 from CPU 0");
    wrd(3, GICD_SGIR, 0x01000003);              /* all but self */
    tap_report(line[0].level == 1 && line[3].level == 0,
               "filter 1: all but CPU 3");
    tap_report(rdc(1, GICC_IAR) == 1023, "SGI 3 same priority as running");
    wrc(1, GICC_EOIR, 5);
    tap_report(rdc(1, GICC_IAR) == (3 | (3 << 10)), "IAR 0xc03");
    wrc(1, GICC_EOIR, 3);
    tap_report(rdc(0, GICC_IAR) == 0xc03, "CPU 0 IAR 0xc03");
    wrc(0, GICC_EOIR, 3);
    wrd(2, GICD_SGIR, 0x02000007);              /* self */
    tap_report(address_space_ldb(&as[2], DIST + GICD_SPENDSGIR + 7,
                                 NULL) == 0x04 && line[3].level == 0,
               "filter 2: self, source 2");
    tap_report(rdd(2, GICD_ISPENDR) == 0xa8, "CPU 2 pending SGIs 3, 5, 7");
    address_space_stb(&as[2], DIST + GICD_CPENDSGIR + 3, 0xff);
    tap_report(rdd(2, GICD_ISPENDR) == 0xa0, "CPENDSGIR clears SGI 3");
    address_space_stb(&as[2], DIST + GICD_CPENDSGIR + 5, 0xff);
    address_space_stb(&as[2], DIST + GICD_CPENDSGIR + 7, 0xff);
    tap_report(line[2].level == 0, "all cleared: CPU 2 low");

    wrd(0, GICD_SGIR, (0x02 << 16) | 9);
    wrd(3, GICD_SGIR, (0x02 << 16) | 9);
    tap_report(rdd(1, GICD_SPENDSGIR + 8) == 0x0900, "SGI 9 from 0 and 3");
    tap_report(rdc(1, GICC_IAR) == 9, "first from CPU 0");
    wrc(1, GICC_EOIR, 9);
    tap_report(rdc(1, GICC_IAR) == 0xc09, "then from CPU 3");
    wrc(1, GICC_EOIR, 0xc09);
    tap_report(rdc(1, GICC_IAR) == 1023 && line[1].level == 0, "then none");
    wrd(0, GICD_SGIR, 0x03000001);
    tap_report(log_has("reserved target list"), "filter 3 logged");
    tap_report(rdd(0, GICD_ISPENDR) == 0, "and ignored");
}

static void test_ppis(void)
{
    machine_reset();
    enable_all();
    wrd(0, GICD_ISENABLER, 1u << 27);
    qemu_irq_raise(gicv2_ppi(&gic, 1, 27));
    tap_report(line[1].level == 0 && rdd(1, GICD_ISPENDR) == 1u << 27 &&
               rdd(0, GICD_ISPENDR) == 0,
               "CPU 1 PPI 27 pending in CPU 1's bank, not enabled there");
    qemu_irq_raise(gicv2_ppi(&gic, 0, 27));
    tap_report(line[0].level == 1 && line[1].level == 0, "CPU 0 PPI 27");
    tap_report(rdc(0, GICC_IAR) == 27 && rdc(1, GICC_IAR) == 1023,
               "IAR 27 on CPU 0 only");
    wrd(1, GICD_ISENABLER, 1u << 27);
    tap_report(line[1].level == 1 && rdc(1, GICC_IAR) == 27,
               "enabled in CPU 1's bank");
    qemu_irq_lower(gicv2_ppi(&gic, 0, 27));
    qemu_irq_lower(gicv2_ppi(&gic, 1, 27));
    wrc(0, GICC_EOIR, 27);
    wrc(1, GICC_EOIR, 27);
    tap_report(line[0].level == 0 && line[1].level == 0 &&
               rdd(0, GICD_ISACTIVER) == 0 && rdd(1, GICD_ISACTIVER) == 0,
               "both done");
    tap_report(gicv2_ppi(&gic, 4, 27) == NULL &&
               gicv2_ppi(&gic, 0, 15) == NULL && gicv2_spi(&gic, 31) == NULL &&
               gicv2_spi(&gic, 288) == NULL && gicv2_spi(&gic, 287) != NULL,
               "input lookup range checks");
}

static void test_edge(void)
{
    qemu_irq in = gicv2_spi(&gic, 60);

    machine_reset();
    enable_all();
    /* ID 60: ICFGR3, field 12, edge bit 25. */
    wrd(0, GICD_ICFGR + 12, 0x02000000);
    tap_report(rdd(0, GICD_ICFGR + 12) == 0x02000000, "ICFGR3 edge for 60");
    address_space_stb(&as[0], DIST + GICD_ITARGETSR + 60, 0x01);
    wrd(0, GICD_ISENABLER + 4, 1u << 28);
    qemu_irq_pulse(in);
    tap_report(rdd(0, GICD_ISPENDR + 4) == 1u << 28 && line[0].level == 1,
               "pulse latched pending");
    tap_report(rdc(0, GICC_IAR) == 60 && rdd(0, GICD_ISPENDR + 4) == 0,
               "IAR clears the latch");
    qemu_irq_pulse(in);
    tap_report(rdd(0, GICD_ISPENDR + 4) == 1u << 28 && line[0].level == 0,
               "edge while active: active and pending, low");
    wrc(0, GICC_EOIR, 60);
    tap_report(line[0].level == 1 && rdc(0, GICC_IAR) == 60,
               "after EOI: signalled again");
    wrc(0, GICC_EOIR, 60);
    qemu_irq_raise(in);
    qemu_irq_raise(in);
    tap_report(rdc(0, GICC_IAR) == 60, "held high: one edge");
    wrc(0, GICC_EOIR, 60);
    tap_report(line[0].level == 0 && rdd(0, GICD_ISPENDR + 4) == 0,
               "no second interrupt from a held level");
    qemu_irq_lower(in);
    wrd(0, GICD_ICFGR + 12, 0);
    qemu_irq_pulse(in);
    tap_report(rdd(0, GICD_ISPENDR + 4) == 0, "level config: pulse gone");
}

static void test_bad_accesses(void)
{
    machine_reset();
    tap_report(rdd(0, GICD_SGIR) == 0 && log_has("write-only"),
               "read of GICD_SGIR logged");
    tap_report(address_space_ldw_le(&as[0], DIST + GICD_ISENABLER, NULL) == 0
               && log_has("bad access size"), "halfword access logged");
    address_space_stw_le(&as[0], DIST + GICD_ISENABLER + 4, 0xffff);
    tap_report(rdd(0, GICD_ISENABLER + 4) == 0 && log_has("bad access size"),
               "halfword write ignored");
    tap_report(rdd(0, 0x00c) == 0 && log_has("reserved"),
               "reserved offset logged");
    wrd(0, GICD_TYPER, 0);
    tap_report(rdd(0, GICD_TYPER) == 0x68 && log_has("read-only"),
               "TYPER write ignored");
    wrc(0, GICC_IAR, 5);
    tap_report(log_has("read-only"), "IAR write logged");
    tap_report(rdc(0, 0x40) == 0 && log_has("reserved"),
               "reserved CPU interface offset");
    address_space_stb(&as[0], CPUIF + GICC_PMR, 0xff);
    tap_report(rdc(0, GICC_PMR) == 0 && log_has("bad access size"),
               "byte write to PMR ignored");
    wrc(0, GICC_DIR, 1);
    tap_report(!log_quiet(), "GICC_DIR noted");
    tap_report(gicv2_dist_read(&gic, 7, GICD_TYPER, 4) == 0,
               "direct access by a CPU that does not exist");
}

int main(void)
{
    int c;

    qemu_logfile = open_memstream(&log_buf, &log_size);
    qemu_set_log(LOG_GUEST_ERROR | LOG_UNIMP);
    setup();
    test_typer();
    test_reset_values();
    test_bits();
    test_level_spi();
    test_priorities();
    test_sgis();
    test_ppis();
    test_edge();
    test_bad_accesses();

    for (c = 0; c < NCPU; c++) {
        memory_region_del_subregion(&root[c], gicv2_dist_mmio(&gic, c));
        memory_region_del_subregion(&root[c], gicv2_cpu_mmio(&gic, c));
        address_space_destroy(&as[c]);
        memory_region_destroy(&root[c]);
    }
    gicv2_destroy(&gic);
    qemu_set_log(0);
    fclose(qemu_logfile);
    qemu_logfile = NULL;
    free(log_buf);
    return tap_exit_status();
}

/*
 * test-timer.c: generic timer interrupts through the GIC.
 *
 * The GIC version is probed from GICD_PIDR2 (ArchRev, bits 7:4; at
 * 0xfe8 in a GICv2, 0xffe8 in a GICv3): 2 =
 * GICv2 (distributor 0x08000000, CPU interface 0x08010000), 3 = GICv3
 * (distributor 0x08000000, redistributor of CPU 0 at 0x080a0000, the
 * system-register CPU interface).  The EL1 virtual timer (PPI 11, INTID
 * 27) is programmed with CNTV_TVAL for TICKS periods of 10 ms; the IRQ
 * handler acknowledges, checks the INTID and that CNTVCT has reached
 * CNTV_CVAL, re-arms and ends the interrupt; the main loop sleeps in
 * WFI.  Then one tick of the EL1 physical timer (PPI 14, INTID 30) and
 * SGI 5 sent to ourselves (GICD_SGIR / ICC_SGI1R_EL1).
 */
#include "runtime.h"

#define TICKS           5
#define INTID_VTIMER    27
#define INTID_PTIMER    30
#define INTID_SPURIOUS  1023
#define SGI_ID          5

/* GICv2. */
#define GICD_CTLR       0x000
#define GICD_ISENABLER  0x100
#define GICD_ICENABLER  0x180
#define GICD_ICPENDR    0x280
#define GICD_IPRIORITYR 0x400
#define GICD_SGIR       0xf00
#define GICD_PIDR2      0xfe8
#define GICD_PIDR2_V3   0xffe8
#define GICC_CTLR       0x00
#define GICC_PMR        0x04
#define GICC_IAR        0x0c
#define GICC_EOIR       0x10
/* GICv3 redistributor (SGI_base = RD_base + 64K). */
#define GICR_WAKER      0x0014
#define GICR_SGI        0x10000
#define GICR_IGROUPR0   (GICR_SGI + 0x080)
#define GICR_ISENABLER0 (GICR_SGI + 0x100)
#define GICR_IPRIORITYR (GICR_SGI + 0x400)

#define CTL_ENABLE      1u
#define CTL_IMASK       2u
#define CTL_ISTATUS     4u

static int gic_version;
static volatile unsigned ticks, bad_intid, early, ptimer_ticks, sgi_seen;
static volatile uint64_t last_intid;
static uint64_t interval;

static void set_priority(uintptr_t reg_base, unsigned id, uint8_t prio)
{
    uintptr_t a = reg_base + (id & ~3u);
    unsigned shift = (id & 3) * 8;
    uint32_t v = mmio_read32(a);
    v = (v & ~(0xffu << shift)) | ((uint32_t)prio << shift);
    mmio_write32(a, v);
}

static void gic_init(void)
{
    unsigned id;
    if (gic_version == 2) {
        mmio_write32(VIRT_GICD + GICD_CTLR, 1);
        for (id = INTID_VTIMER; id <= INTID_PTIMER; id += INTID_PTIMER - INTID_VTIMER) {
            set_priority(VIRT_GICD + GICD_IPRIORITYR, id, 0x80);
        }
        set_priority(VIRT_GICD + GICD_IPRIORITYR, SGI_ID, 0x80);
        mmio_write32(VIRT_GICD + GICD_ISENABLER,
                     (1u << INTID_VTIMER) | (1u << INTID_PTIMER) | (1u << SGI_ID));
        mmio_write32(VIRT_GICC + GICC_PMR, 0xf0);
        mmio_write32(VIRT_GICC + GICC_CTLR, 1);
    } else {
        /* Affinity routing on, group 1 enabled (no security: DS = 1). */
        mmio_write32(VIRT_GICD + GICD_CTLR, (1u << 4) | 3u);
        mmio_write32(VIRT_GICR + GICR_WAKER, mmio_read32(VIRT_GICR + GICR_WAKER) & ~2u);
        for (int i = 0; i < 100000 && (mmio_read32(VIRT_GICR + GICR_WAKER) & 4u); i++) {
        }
        mmio_write32(VIRT_GICR + GICR_IGROUPR0,
                     (1u << INTID_VTIMER) | (1u << INTID_PTIMER) | (1u << SGI_ID));
        set_priority(VIRT_GICR + GICR_IPRIORITYR, SGI_ID, 0x80);
        set_priority(VIRT_GICR + GICR_IPRIORITYR, INTID_VTIMER, 0x80);
        set_priority(VIRT_GICR + GICR_IPRIORITYR, INTID_PTIMER, 0x80);
        mmio_write32(VIRT_GICR + GICR_ISENABLER0,
                     (1u << INTID_VTIMER) | (1u << INTID_PTIMER) | (1u << SGI_ID));
        write_sysreg(s3_0_c12_c12_5, read_sysreg(s3_0_c12_c12_5) | 1);    /* ICC_SRE_EL1.SRE */
        isb();
        write_sysreg(s3_0_c4_c6_0, 0xf0);                                /* ICC_PMR_EL1 */
        write_sysreg(s3_0_c12_c12_7, 1);                                 /* ICC_IGRPEN1_EL1 */
        isb();
    }
}

static unsigned gic_ack(void)
{
    if (gic_version == 2) {
        return mmio_read32(VIRT_GICC + GICC_IAR) & 0x3ff;
    }
    return read_sysreg(s3_0_c12_c12_0) & 0xffffff;                      /* ICC_IAR1_EL1 */
}

static void gic_eoi(unsigned id)
{
    if (gic_version == 2) {
        mmio_write32(VIRT_GICC + GICC_EOIR, id);
    } else {
        write_sysreg(s3_0_c12_c12_1, id);                                /* ICC_EOIR1_EL1 */
        isb();
    }
}

static bool irq_handler(ExcFrame *f, int vec)
{
    if (vec != VEC_CUR_SPX_IRQ) {
        return false;
    }
    unsigned id = gic_ack();
    last_intid = id;
    if (id == INTID_VTIMER) {
        if (read_sysreg(cntvct_el0) < read_sysreg(cntv_cval_el0)) {
            early++;
        }
        ticks++;
        if (ticks < TICKS) {
            write_sysreg(cntv_tval_el0, interval);
        } else {
            write_sysreg(cntv_ctl_el0, 0);
        }
        isb();
    } else if (id == INTID_PTIMER) {
        if (read_sysreg(cntpct_el0) < read_sysreg(cntp_cval_el0)) {
            early++;
        }
        ptimer_ticks++;
        write_sysreg(cntp_ctl_el0, 0);
        isb();
    } else if (id == SGI_ID) {
        sgi_seen++;
    } else if (id != INTID_SPURIOUS) {
        bad_intid++;
    }
    if (id != INTID_SPURIOUS) {
        gic_eoi(id);
    }
    return true;
}

static void wait_irq(volatile unsigned *counter, unsigned want, uint64_t limit)
{
    uint64_t start = read_sysreg(cntvct_el0);
    __asm__ volatile("msr daifclr, #2" ::: "memory");
    while (*counter < want && read_sysreg(cntvct_el0) - start < limit) {
        __asm__ volatile("wfi" ::: "memory");
    }
    __asm__ volatile("msr daifset, #2" ::: "memory");
}

int main(void)
{
    uint64_t freq = read_sysreg(cntfrq_el0);
    uint64_t t0, t1, limit;

    rt_printf("# CNTFRQ_EL0 = %lu Hz\n", freq);
    tap_check(freq >= 1000000 && freq <= 1000000000, "CNTFRQ_EL0 is plausible (1 MHz..1 GHz)");
    interval = freq / 100;
    limit = freq * 10;          /* give up after 10 s of guest time */

    t0 = read_sysreg(cntvct_el0);
    for (volatile int i = 0; i < 10000; i++) {
    }
    t1 = read_sysreg(cntvct_el0);
    tap_check(t1 > t0, "CNTVCT_EL0 advances");
    t0 = read_sysreg(cntvct_el0);
    isb();
    t1 = read_sysreg(cntpct_el0);
    tap_check(t1 >= t0, "CNTPCT_EL0 >= CNTVCT_EL0 read before it (CNTVOFF = 0)");

    /* Masked timer: ISTATUS set, no interrupt. */
    write_sysreg(cntv_cval_el0, read_sysreg(cntvct_el0));
    write_sysreg(cntv_ctl_el0, CTL_ENABLE | CTL_IMASK);
    isb();
    tap_check(read_sysreg(cntv_ctl_el0) & CTL_ISTATUS,
              "CNTV_CTL.ISTATUS set once CVAL is reached (IMASK set)");
    write_sysreg(cntv_ctl_el0, 0);
    isb();

    /* GICv2 has its ID registers at 0xfd0.., GICv3 at 0xffd0.. */
    uint32_t pidr2 = mmio_read32(VIRT_GICD + GICD_PIDR2);
    gic_version = (pidr2 >> 4) & 0xf;
    if (gic_version != 2) {
        pidr2 = mmio_read32(VIRT_GICD + GICD_PIDR2_V3);
        gic_version = (pidr2 >> 4) & 0xf;
    }
    rt_printf("# GICD_PIDR2 = 0x%x: GICv%d\n", pidr2, gic_version);
    if (!tap_check(gic_version == 2 || gic_version == 3, "GIC version is 2 or 3")) {
        return 0;
    }
    exc_handler = irq_handler;
    gic_init();
    tap_eq(gic_ack(), INTID_SPURIOUS, "nothing pending: IAR reads 1023");

    t0 = read_sysreg(cntvct_el0);
    write_sysreg(cntv_tval_el0, interval);
    write_sysreg(cntv_ctl_el0, CTL_ENABLE);
    isb();
    wait_irq(&ticks, TICKS, limit);
    t1 = read_sysreg(cntvct_el0);
    rt_printf("# %u virtual timer ticks in %lu counts (%lu us)\n", ticks, t1 - t0,
              (t1 - t0) * 1000000 / freq);
    tap_eq(ticks, TICKS, "virtual timer: 5 interrupts of PPI 11 (INTID 27)");
    tap_eq(bad_intid, 0, "no unexpected INTID");
    tap_eq(early, 0, "no interrupt before CNTVCT reached CNTV_CVAL");
    tap_check(t1 - t0 >= TICKS * interval,
              "CNTVCT advanced by at least 5 x 10 ms over 5 ticks");
    tap_check(t1 - t0 < TICKS * interval + 2 * freq,
              "... and by less than 50 ms + 2 s");
    tap_eq(read_sysreg(cntv_ctl_el0), 0, "virtual timer disabled by the handler");

    t0 = read_sysreg(cntpct_el0);
    write_sysreg(cntp_tval_el0, interval);
    write_sysreg(cntp_ctl_el0, CTL_ENABLE);
    isb();
    wait_irq(&ptimer_ticks, 1, limit);
    t1 = read_sysreg(cntpct_el0);
    tap_eq(ptimer_ticks, 1, "physical timer: 1 interrupt of PPI 14 (INTID 30)");
    tap_check(t1 - t0 >= interval, "CNTPCT advanced by at least 10 ms");
    tap_eq(bad_intid + early, 0, "no unexpected or early interrupt");

    /* A software-generated interrupt to ourselves. */
    sgi_seen = 0;
    if (gic_version == 2) {
        mmio_write32(VIRT_GICD + GICD_SGIR, (2u << 24) | SGI_ID);    /* to self */
    } else {
        write_sysreg(s3_0_c12_c11_5, ((uint64_t)SGI_ID << 24) | 1);  /* ICC_SGI1R_EL1 */
        isb();
    }
    wait_irq(&sgi_seen, 1, limit);
    tap_eq(sgi_seen, 1, "SGI 5 to self taken once");
    tap_eq(bad_intid, 0, "no unexpected INTID after the SGI");

    tap_eq(gic_ack(), INTID_SPURIOUS, "nothing pending at the end: IAR reads 1023");

    uint32_t rtc = mmio_read32(VIRT_RTC);
    rt_printf("# PL031 RTCDR = %u\n", rtc);
    tap_check(rtc > 1577836800u, "PL031 RTC reads a time after 2020-01-01");
    return 0;
}

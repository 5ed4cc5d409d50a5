/*
 * hw/rtc/pl031.h: the ARM PrimeCell Real Time Clock (PL031).
 *
 * Reference: ARM PrimeCell Real Time Clock (PL031) Technical Reference
 * Manual, r1p3 (ARM DDI 0224).
 *
 * MMIO: one 4 KiB region (pl031_mmio), 32-bit registers, 32-bit
 * accesses only; other sizes and bad offsets are logged
 * (-d guest_errors) and ignored, reading 0.
 * IRQ output: irq = RTCINTR (RTCRIS & RTCIMSC); the virt board wires
 * it to the GIC (SPI 2).
 *
 * Time.  The counter RTCDR counts seconds of a host clock the board
 * supplies: RTCDR = floor(now_ns / 1e9) + offset (mod 2^32), where
 * now(opaque) returns nanoseconds (the host's realtime clock for
 * `-rtc base=utc`, a fake clock in tests) and the offset starts at 0,
 * so with a realtime clock RTCDR is the Unix time.  RTCLR writes move
 * the offset; pl031_set_time does the same for the board.
 *
 * Match interrupt.  The device asks for a callback at the nanosecond
 * the counter next steps onto RTCMR, through arm(opaque, deadline_ns)
 * (deadline_ns < 0: cancel); the board runs a timer and calls
 * pl031_timer_expired when it fires (tests call it themselves).  The
 * deadline is re-armed after every RTCMR or RTCLR write.  A match sets
 * RTCRIS, whatever RTCIMSC says.
 *
 * Usage:
 *     PL031State rtc;
 *     pl031_init(&rtc, "pl031", host_now_ns, rtc_timer_mod, board);
 *     memory_region_add_subregion(sysmem, 0x09010000, pl031_mmio(&rtc));
 *     qemu_irq_connect(&rtc.irq, gic_spi_2);
 *
 * The fields are private to hw/rtc/pl031.c.
 */
#ifndef HW_RTC_PL031_H
#define HW_RTC_PL031_H

#include <stdbool.h>
#include <stdint.h>

#include "exec/memory.h"
#include "hw/irq.h"

#define PL031_MMIO_SIZE     0x1000

/* Register offsets (TRM table 3-1). */
#define PL031_DR        0x000   /* data (counter), read-only */
#define PL031_MR        0x004   /* match */
#define PL031_LR        0x008   /* load */
#define PL031_CR        0x00c   /* control: bit 0 start */
#define PL031_IMSC      0x010   /* interrupt mask set/clear */
#define PL031_RIS       0x014   /* raw interrupt status */
#define PL031_MIS       0x018   /* masked interrupt status */
#define PL031_ICR       0x01c   /* interrupt clear, write-only */
#define PL031_PERIPHID0 0xfe0   /* ... PCellID3 at 0xffc */

#define PL031_NS_PER_SEC 1000000000LL

typedef int64_t PL031NowFn(void *opaque);
typedef void PL031ArmFn(void *opaque, int64_t deadline_ns);

typedef struct PL031State {
    MemoryRegion iomem;
    qemu_irq irq;

    PL031NowFn *now;
    PL031ArmFn *arm;
    void *clock_opaque;

    uint32_t offset;            /* RTCDR - host seconds */
    uint32_t mr, lr;
    uint32_t imsc, ris;
    int64_t deadline_ns;        /* armed match time, -1 if none */
} PL031State;

/*
 * Sets up the region and the clock hooks (arm may be NULL: no match
 * interrupts), then resets.  The time starts at offset 0.
 */
void pl031_init(PL031State *s, const char *name, PL031NowFn *now,
                PL031ArmFn *arm, void *clock_opaque);
void pl031_destroy(PL031State *s);
/*
 * RTCMR, RTCLR, RTCIMSC and RTCRIS to their reset value 0.  The time
 * itself survives (the clock is battery-backed; a reset of the machine
 * does not stop it).
 */
void pl031_reset(PL031State *s);
/* The armed deadline has come: raises the match interrupt. */
void pl031_timer_expired(PL031State *s);
/* Sets RTCDR to `seconds` now (the board's -rtc base=...). */
void pl031_set_time(PL031State *s, uint32_t seconds);
/* The counter's current value, RTCDR. */
uint32_t pl031_get_count(PL031State *s);

static inline MemoryRegion *pl031_mmio(PL031State *s)
{
    return &s->iomem;
}

#endif
